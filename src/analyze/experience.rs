//! Experience and level: dated jobs (internships, co-ops, part-time and
//! military service included; education, projects, activities and dates
//! inside bullets excluded), their union in years, the latest title, and the
//! level it implies.

use crate::pattern::Pattern as Regex;

use super::dates::{union_months, DateRange, DateReader};
use super::lexicon::{alternation, compile, whole_words, CompiledLexicon};
use super::View;
use crate::analyze::findings::{Job, LevelFinding, LevelId};
use crate::month::YearMonth;
use crate::rules::{Lexicon, Section};

/// The title words of the lexicon (`titles.*`), compiled.
pub struct TitleWords {
    /// A word of a job title (a plural `s` allowed).
    title: Regex,
    manager: Regex,
    lead: Regex,
    not_production: Regex,
    /// A word that makes a dated line unpaid work ("Volunteer").
    unpaid: Regex,
}

impl TitleWords {
    pub fn new(lexicon: &Lexicon) -> TitleWords {
        let words = |key: &str| compile(&whole_words(lexicon.list(key)));
        TitleWords {
            title: compile(&format!(
                r"\b({})s?\b",
                alternation(lexicon.list("titles.words"))
            )),
            manager: words("titles.manager"),
            lead: words("titles.lead"),
            not_production: words("titles.not_production"),
            unpaid: words("titles.unpaid"),
        }
    }
}

/// Most jobs listed in a report (a hostile file can hold millions of ranges).
const MAX_REPORTED_JOBS: usize = 100;

/// Sections whose dates are not jobs.
fn excluded(section: Option<Section>) -> bool {
    matches!(
        section,
        Some(
            Section::Education
                | Section::Projects
                | Section::Activities
                | Section::Certifications
                | Section::Skills
                | Section::Achievements
                | Section::Interests
                | Section::References
                | Section::Summary
        )
    )
}

/// Finds the jobs and the level.
pub(super) fn analyze(views: &[View<'_>], as_of: YearMonth, lex: &CompiledLexicon) -> LevelFinding {
    let dates = &lex.dates;
    let mut jobs: Vec<(Job, DateRange)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, v) in views.iter().enumerate() {
        if v.heading || v.bullet || excluded(v.section) {
            continue;
        }
        let own = dates.find_ranges(&v.line.norm, as_of);
        let wrapped = wrapped_ranges(views, i, as_of, dates);
        if own.is_empty() && wrapped.is_empty() || lex.titles.unpaid.is_match(&v.lower) {
            continue;
        }
        let title = title_near(views, i, &own, lex);
        let ranges: Vec<DateRange> = own.into_iter().chain(wrapped).collect();
        if v.in_section(Section::Other) && title.is_none() {
            continue;
        }
        for r in ranges {
            // The same range read twice on one line (own and wrapped, or a split long line).
            if !seen.insert((r.start, r.end, v.line.page, v.line.number)) {
                continue;
            }
            jobs.push((
                Job {
                    title: title.clone(),
                    start: r.start.to_string(),
                    end: r.end.to_string(),
                    months: r.months(),
                    evidence: v.evidence(),
                },
                r,
            ));
        }
    }
    let spans: Vec<(YearMonth, YearMonth)> = jobs.iter().map(|(_, r)| (r.start, r.end)).collect();
    let years = (union_months(&spans) as f64 / 12.0 * 10.0).round() / 10.0;
    let latest = jobs
        .iter()
        .max_by_key(|(_, r)| (r.end, r.start))
        .and_then(|(j, _)| j.title.clone());
    let id = level_for(latest.as_deref(), years, &lex.titles);
    LevelFinding {
        id,
        years_experience: years,
        latest_title: latest,
        // Every job counts towards the years; the report lists a bounded number.
        jobs: jobs
            .into_iter()
            .map(|(j, _)| j)
            .take(MAX_REPORTED_JOBS)
            .collect(),
    }
}

/// Ranges that a line break cuts in two ("June 2017 – February" / "2020"):
/// found on this line joined with the next, keeping only those that cross
/// the break.
fn wrapped_ranges(
    views: &[View<'_>],
    i: usize,
    as_of: YearMonth,
    dates: &DateReader,
) -> Vec<DateRange> {
    let v = &views[i];
    let Some(next) = views.get(i + 1) else {
        return Vec::new();
    };
    let dateish = dates.starts_like_a_date(&next.lower);
    if next.heading || next.bullet || next.section != v.section || !dateish {
        return Vec::new();
    }
    let cut = v.line.norm.len();
    let joined = format!("{} {}", v.line.norm, next.line.norm);
    dates
        .find_ranges(&joined, as_of)
        .into_iter()
        .filter(|r| r.span.0 < cut && r.span.1 > cut + 1)
        .collect()
}

/// The guide's levels: manager and lead by latest title, else by years.
fn level_for(title: Option<&str>, years: f64, words: &TitleWords) -> LevelId {
    if let Some(t) = title.map(str::to_ascii_lowercase) {
        if words.manager.is_match(&t) && !words.not_production.is_match(&t) {
            return LevelId::Manager;
        }
        if words.lead.is_match(&t) && !words.not_production.is_match(&t) {
            return LevelId::Lead;
        }
    }
    if years < 2.0 {
        LevelId::Junior
    } else if years < 5.0 {
        LevelId::Mid
    } else {
        LevelId::Senior
    }
}

/// The job title for a dated line: on the line itself (outside the dates),
/// else on the nearest non-bullet line above (up to two) or below (one).
fn title_near(
    views: &[View<'_>],
    i: usize,
    ranges: &[DateRange],
    lex: &CompiledLexicon,
) -> Option<String> {
    let own = strip_ranges(&views[i].line.norm, ranges);
    if let Some(t) = title_in(&own, &lex.titles) {
        return Some(t);
    }
    // Up to two lines above (stopping at a heading or bullet), then one below.
    let above = (1..=2)
        .filter_map(|d| i.checked_sub(d))
        .take_while(|&j| !views[j].heading && !views[j].bullet);
    for j in above.chain(std::iter::once(i + 1)) {
        let Some(v) = views.get(j) else { continue };
        if v.heading || v.bullet || v.section != views[i].section {
            continue;
        }
        if !lex
            .dates
            .find_ranges(
                &v.line.norm,
                YearMonth {
                    year: 2100,
                    month: 1,
                },
            )
            .is_empty()
        {
            continue;
        }
        if let Some(t) = title_in(&v.line.norm, &lex.titles) {
            return Some(t);
        }
    }
    None
}

fn strip_ranges(text: &str, ranges: &[DateRange]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        if r.span.0 >= at {
            out.push_str(&text[at..r.span.0]);
            out.push(' ');
            at = r.span.1;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The segment of a header line that holds a title word ("Lead Technician"
/// out of "Lead Technician | Acme Corp, Dayton OH").
fn title_in(text: &str, words: &TitleWords) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let separators = ['|', ',', '(', ')', '•', '/'];
    let mut best: Option<String> = None;
    let mut offset = 0;
    for segment in split_keep_offsets(&lower, &separators, &[" - ", " at ", " @ "]) {
        let seg_text = segment.1.trim();
        if words.title.is_match(seg_text) {
            let original = text[segment.0..segment.0 + segment.1.len()].trim();
            let cleaned = original.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
            if !cleaned.is_empty() {
                best = Some(cleaned.to_string());
                break;
            }
        }
        offset += segment.1.len();
    }
    let _ = offset;
    best
}

/// Splits on single characters and on multi-character separators, keeping byte offsets.
fn split_keep_offsets<'a>(text: &'a str, chars: &[char], words: &[&str]) -> Vec<(usize, &'a str)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if chars.contains(&c) {
            cuts.push((i, i + c.len_utf8()));
        }
    }
    for w in words {
        for (i, _) in text.match_indices(w) {
            cuts.push((i, i + w.len()));
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in cuts {
        if s >= at {
            out.push((at, &text[at..s]));
            at = e;
        }
    }
    out.push((at, &text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lexicon::tests::builtin;

    fn level_for(title: Option<&str>, years: f64) -> LevelId {
        super::level_for(title, years, &builtin().titles)
    }

    fn title_in(text: &str) -> Option<String> {
        super::title_in(text, &builtin().titles)
    }

    #[test]
    fn levels_follow_titles_then_years() {
        assert_eq!(level_for(Some("Plant Manager"), 3.0), LevelId::Manager);
        assert_eq!(
            level_for(Some("Director of Operations"), 3.0),
            LevelId::Manager
        );
        assert_eq!(level_for(Some("Store Manager"), 6.0), LevelId::Senior);
        assert_eq!(
            level_for(Some("Lead Production Technician"), 1.0),
            LevelId::Lead
        );
        assert_eq!(level_for(Some("Production Supervisor"), 1.0), LevelId::Lead);
        assert_eq!(
            level_for(Some("Senior Production Technician"), 6.0),
            LevelId::Senior
        );
        assert_eq!(level_for(Some("Principal Engineer"), 12.0), LevelId::Senior);
        assert_eq!(level_for(None, 1.9), LevelId::Junior);
        assert_eq!(level_for(None, 2.0), LevelId::Mid);
        assert_eq!(level_for(None, 4.9), LevelId::Mid);
        assert_eq!(level_for(None, 5.0), LevelId::Senior);
    }

    #[test]
    fn titles_are_cut_from_header_lines() {
        assert_eq!(
            title_in("Lead Technician | Acme Corp, Dayton OH").as_deref(),
            Some("Lead Technician")
        );
        assert_eq!(
            title_in("Acme Corp - Production Supervisor").as_deref(),
            Some("Production Supervisor")
        );
        assert_eq!(title_in("Dayton, OH"), None);
    }
}
