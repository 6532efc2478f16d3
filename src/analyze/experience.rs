//! Experience and level: dated jobs (internships, co-ops, part-time and
//! military service included; education, projects, activities and dates
//! inside bullets excluded), their union in years, the latest title, and the
//! level it implies.

use crate::pattern::Pattern as Regex;

use super::dates::{union_months, DateRange, DateReader};
use super::lexicon::{alternation, compile, whole_words, CompiledLexicon};
use super::View;
use crate::analyze::findings::{Job, LevelFinding, LevelId};
use crate::extract::LineHint;
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
            unpaid: compile(&alternation(lexicon.list("titles.unpaid"))),
        }
    }

    /// Whether lower-cased `text` holds a word of a job title.
    pub(super) fn has_title_word(&self, text: &str) -> bool {
        self.title.is_match(text)
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
    let continuations = bullet_continuations(views);
    for (i, v) in views.iter().enumerate() {
        if v.heading || excluded(v.section) || continuations[i] {
            continue;
        }
        // Unpaid work ("…, Volunteer, Remote") is no job.
        if lex.titles.unpaid.is_match(&v.lower) {
            continue;
        }
        let (ranges, title) = if v.bullet {
            // Only the first bullet of a job whose header has no dates may
            // hold them ("• Planner & QC May 2015- Cont Role and …").
            if !first_bullet_of_undated_job(views, i, as_of, dates) {
                continue;
            }
            let own = dates.find_ranges(&v.line.norm, as_of);
            let Some(first) = own.first() else { continue };
            let before = &v.line.norm[..first.span.0];
            (
                own.clone(),
                title_in(before.trim_start_matches(['•', ' ']), &lex.titles),
            )
        } else {
            let own = dates.find_ranges(&v.line.norm, as_of);
            let (wrapped, used) = wrapped_ranges(views, i, as_of, dates);
            let mut ranges: Vec<DateRange> = own.iter().copied().chain(wrapped).collect();
            if ranges.is_empty() && matches!(v.section, Some(Section::Experience)) {
                // A start written alone ("01/2002" above the job): one month.
                if let Some(start) = dates.lone_month(&v.line.norm) {
                    ranges.push(DateRange {
                        start,
                        end: start,
                        ongoing: false,
                        span: (0, v.line.norm.len()),
                    });
                }
            }
            if ranges.is_empty() {
                continue;
            }
            (ranges, title_near(views, i, &own, i + 1 + used, lex))
        };
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
    // The latest job; of jobs with the same dates, the first listed.
    let latest = jobs
        .iter()
        .rev()
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

/// For each line, whether it is the wrapped rest of a list item: marked so
/// by the extractor, or (outside experience, where a long last bullet may
/// run into the next job's header) the continued sentence of a bullet
/// above. Dates inside list items are not jobs.
fn bullet_continuations(views: &[View<'_>]) -> Vec<bool> {
    let mut out = Vec::with_capacity(views.len());
    // Whether the sentence running through line `i` started in a bullet.
    let mut from_bullet = false;
    for v in views {
        from_bullet = (!v.carry_before.is_empty() && from_bullet) || v.bullet;
        let job_section = matches!(
            v.section,
            Some(Section::Experience) | Some(Section::Military)
        );
        out.push(
            !v.bullet
                && (v.line.hint == LineHint::Continuation
                    || (!job_section && !v.carry_before.is_empty() && from_bullet)),
        );
    }
    out
}

/// Whether bullet `i` is the first of a job whose header lines (the
/// non-bullet lines just above it, back to the previous bullet or heading)
/// carry no date.
fn first_bullet_of_undated_job(
    views: &[View<'_>],
    i: usize,
    as_of: YearMonth,
    dates: &DateReader,
) -> bool {
    let section = views[i].section;
    let mut header = 0;
    for v in views[..i].iter().rev() {
        if v.bullet || v.heading || v.section != section {
            break;
        }
        if !dates.find_ranges(&v.line.norm, as_of).is_empty()
            || dates.lone_month(&v.line.norm).is_some()
        {
            return false;
        }
        header += 1;
    }
    header > 0 && matches!(section, Some(Section::Experience))
}

/// Ranges that a line break cuts in two ("June 2017 – February" / "2020"),
/// or three ("August 2013" / "to" / "Current"): found on this line joined
/// with the next (or the next two), keeping only those that cross the
/// break; with the number of following lines they used.
fn wrapped_ranges(
    views: &[View<'_>],
    i: usize,
    as_of: YearMonth,
    dates: &DateReader,
) -> (Vec<DateRange>, usize) {
    let v = &views[i];
    let joinable = |n: &View<'_>| !n.heading && !n.bullet && n.section == v.section;
    let Some(next) = views.get(i + 1).filter(|n| joinable(n)) else {
        return (Vec::new(), 0);
    };
    let mut joined = format!("{} {}", v.line.norm, next.line.norm);
    let mut used = 1;
    if dates.is_separator(&next.lower) {
        let Some(last) = views.get(i + 2).filter(|n| joinable(n)) else {
            return (Vec::new(), 0);
        };
        joined.push(' ');
        joined.push_str(&last.line.norm);
        used = 2;
    } else if !dates.starts_like_a_date(&next.lower) {
        return (Vec::new(), 0);
    }
    let cut = v.line.norm.len();
    let ranges: Vec<DateRange> = dates
        .find_ranges(&joined, as_of)
        .into_iter()
        .filter(|r| r.span.0 < cut && r.span.1 > cut + 1)
        .collect();
    let used = if ranges.is_empty() { 0 } else { used };
    (ranges, used)
}

/// The guide's levels: manager and lead by latest title (the highest of
/// its slash-joined titles), else by years.
fn level_for(title: Option<&str>, years: f64, words: &TitleWords) -> LevelId {
    let parts: Vec<String> = title
        .map(|t| t.split(" / ").map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    let production = |t: &&String| !words.not_production.is_match(t);
    if parts
        .iter()
        .filter(production)
        .any(|t| words.manager.is_match(t))
    {
        return LevelId::Manager;
    }
    if parts
        .iter()
        .filter(production)
        .any(|t| words.lead.is_match(t))
    {
        return LevelId::Lead;
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
/// else on the nearest non-bullet line above (up to two) or the line
/// `below` (the first after the lines the dates took).
fn title_near(
    views: &[View<'_>],
    i: usize,
    ranges: &[DateRange],
    below: usize,
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
    for j in above.chain(std::iter::once(below)) {
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
/// out of "Lead Technician | Acme Corp, Dayton OH"), with the titles joined
/// to it by slashes ("Shop Foreman/ Squad Leader": one job, two titles).
fn title_in(text: &str, words: &TitleWords) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let separators = ['|', ',', '(', ')', '•', '/'];
    // Three spaces or more part a title from the company in some templates
    // ("Process Engineer   Company Name City").
    let segments = split_keep_offsets(&lower, &separators, &[" - ", " at ", " @ ", "   ", "\t"]);
    let is_title = |seg: &str| words.title.is_match(seg.trim());
    let first = segments.iter().position(|(_, seg)| is_title(seg))?;
    // The byte range of segment `k`, and whether a slash alone joins it to the next.
    let range = |k: usize| (segments[k].0, segments[k].0 + segments[k].1.len());
    let slash_after =
        |k: usize| k + 1 < segments.len() && lower[range(k).1..segments[k + 1].0].trim() == "/";
    let mut last = first;
    while slash_after(last) && is_title(segments[last + 1].1) {
        last += 1;
    }
    let parts: Vec<&str> = (first..=last)
        .map(|k| text[range(k).0..range(k).1].trim())
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != ')'))
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" / "))
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
        assert_eq!(
            level_for(Some("Shop Foreman / Squad Leader"), 14.0),
            LevelId::Lead
        );
        assert_eq!(
            level_for(Some("VP of Information Technology"), 20.0),
            LevelId::Senior
        );
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
        assert_eq!(
            title_in("Construction Equipment Repairer/ Shop Foreman/ Squad Leader").as_deref(),
            Some("Shop Foreman / Squad Leader")
        );
        assert_eq!(
            title_in("Production Technician / Acme Corp").as_deref(),
            Some("Production Technician")
        );
    }
}
