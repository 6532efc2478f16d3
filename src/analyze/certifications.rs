//! Certifications: held, in progress or absent, with the level (a Six Sigma
//! belt: the certification's `levels`) or the partial credential (a CPIM
//! part, an MSSC module: its `partial` patterns) as `detail`.

use crate::pattern::ascii_regex;
use crate::pattern::Pattern as Regex;

use super::context::{clause, sentence, CertReading};
use super::lexicon::CompiledLexicon;
use super::matcher::{contains_word, LineMatches, Mention, TermMatcher};
use super::{segments, View};
use crate::analyze::findings::{CertFinding, CertStatus, Evidence};
use crate::month::YearMonth;
use crate::rules::{LevelDef, RuleSet, Section};

/// Compiled `partial` patterns of one certification, with their detail.
pub(super) type Partials = Vec<(Regex, String)>;

/// Compiles every certification's `partial` patterns (validated when the rules loaded).
pub(super) fn compile_partials(rules: &RuleSet) -> Vec<Partials> {
    rules
        .certifications
        .iter()
        .map(|c| {
            c.partial
                .iter()
                .filter_map(|p| ascii_regex(&p.pattern).ok().map(|r| (r, p.detail.clone())))
                .collect()
        })
        .collect()
}

struct Reading {
    status: CertStatus,
    detail: Option<String>,
    evidence: Evidence,
}

/// Reads every certification of the taxonomy.
pub(super) fn analyze(
    views: &[View<'_>],
    rules: &RuleSet,
    matcher: &TermMatcher,
    partials: &[Partials],
    lex: &CompiledLexicon,
    as_of: YearMonth,
) -> Vec<CertFinding> {
    let found: Vec<Vec<(String, LineMatches)>> =
        views.iter().map(|v| segments(v, matcher)).collect();
    // Does the document anywhere use a term's refuting words (medical coding, fitness)?
    let refuted_in_doc: Vec<bool> = (0..rules.certifications.len())
        .map(|i| found.iter().flatten().any(|(_, f)| f.refuted(i, (0, 0))))
        .collect();

    let mut readings: Vec<Vec<Reading>> = (0..rules.certifications.len())
        .map(|_| Vec::new())
        .collect();
    let line_segments = views
        .iter()
        .zip(&found)
        .filter(|(v, _)| !v.heading)
        .flat_map(|(v, segs)| {
            segs.iter()
                .enumerate()
                .map(move |(n, (text, matches))| (v, n == 0, text.as_str(), matches))
        });
    for (v, own_line, text, matches) in line_segments {
        let accepted: Vec<&Mention> = matches
            .mentions
            .iter()
            .filter(|m| accept(v, text, m, matches, refuted_in_doc[m.term], lex))
            .collect();
        for (k, m) in accepted.iter().enumerate() {
            let (s, e) = sentence(text, m.start, m.end);
            let prev_end = accepted[..k]
                .iter()
                .filter(|p| p.term != m.term || p.end <= m.start)
                .map(|p| p.end)
                .filter(|&x| x <= m.start)
                .max()
                .unwrap_or(0);
            let next_start = accepted[k + 1..]
                .iter()
                .map(|n| n.start)
                .filter(|&x| x >= m.end)
                .min()
                .unwrap_or(text.len());
            let mut before = text[s.max(prev_end)..m.start].to_string();
            if s == 0 && prev_end == 0 && !v.carry_before.is_empty() {
                before = format!("{} {before}", v.carry_before);
            }
            let mut after = text[m.end..e.min(next_start).max(m.end)].to_string();
            if own_line && e == text.len() && next_start == text.len() && !v.carry_after.is_empty()
            {
                after = format!("{after} {}", v.carry_after);
            }
            let (before, after) = (before.as_str(), after.as_str());
            let mention = &text[m.start..m.end];
            let status = match lex.context.read_cert(before, mention, after, as_of) {
                CertReading::Held => CertStatus::Held,
                CertReading::InProgress => CertStatus::InProgress,
                CertReading::NotHeld => continue,
            };
            let levels = &rules.certifications[m.term].levels;
            let window = format!("{before}{mention}{after}");
            let (status, detail) = match partial_detail(&partials[m.term], &window) {
                Some(detail) if status == CertStatus::Held => {
                    (CertStatus::InProgress, Some(detail))
                }
                Some(detail) => (status, Some(detail)),
                None => (status, level(levels, mention, after, before)),
            };
            readings[m.term].push(Reading {
                status,
                detail,
                evidence: v.evidence_of(text, m.start, m.end),
            });
        }
    }

    rules
        .certifications
        .iter()
        .zip(readings)
        .map(|(def, list)| {
            summarise(
                def.term.id.clone(),
                def.term.name.clone(),
                &def.levels,
                list,
            )
        })
        .collect()
}

/// Whether a mention counts at all: ambiguous aliases need a confirming word
/// on the line (in its own item of a keyword list; not a word of the method
/// in a skills section) or a certifications section, and no refuting word.
fn accept(
    v: &View<'_>,
    text: &str,
    m: &Mention,
    matches: &LineMatches,
    refuted_in_doc: bool,
    lex: &CompiledLexicon,
) -> bool {
    if !m.ambiguous && !m.generic {
        return true;
    }
    let span = (m.start, m.end);
    if matches.refuted(m.term, span) {
        return false;
    }
    // A confirming word inside another mention of the same credential
    // ("sigma" of "Six-sigma" in "Six Sigma, Six-sigma") confirms nothing.
    // In a keyword list ("Product Design, Six Sigma, Automation") the
    // confirming word must be in the mention's own item.
    let (s, e) = sentence(text, span.0, span.1);
    let item = if text[s..e].matches(',').count() >= 3 {
        clause(text, span.0, span.1)
    } else {
        (0, text.len())
    };
    let skills = v.in_section(Section::Skills);
    let mut confirmations = matches.confirmations(m.term, span).filter(|&hit| {
        item.0 <= hit.0
            && hit.1 <= item.1
            && !matches.inside_other_mention(m.term, span, hit)
            && !(skills && lex.method_confirm.iter().any(|w| w == &text[hit.0..hit.1]))
    });
    if refuted_in_doc {
        return confirmations.any(|(s, e)| !lex.generic_confirm.iter().any(|g| g == &text[s..e]));
    }
    confirmations.next().is_some() || v.in_section(Section::Certifications)
}

fn partial_detail(partials: &[(Regex, String)], window: &str) -> Option<String> {
    partials
        .iter()
        .find(|(re, _)| re.is_match(window))
        .map(|(_, d)| d.clone())
}

/// The level (a belt) named by the mention itself, else just after it, else
/// just before; the first of `levels` (highest first) that one names.
fn level(levels: &[LevelDef], mention: &str, after: &str, before: &str) -> Option<String> {
    if levels.is_empty() {
        return None;
    }
    let near_after = super::context::head(after, 30);
    let near_before = super::context::tail(before, 20);
    [mention, near_after, near_before]
        .into_iter()
        .find_map(|text| {
            levels
                .iter()
                .find(|l| l.aliases.iter().any(|n| contains_word(text, n, (0, 0))))
                .map(|l| l.detail.clone())
        })
}

/// Higher levels rank higher; a detail that is no level (or none) ranks lowest.
fn level_rank(levels: &[LevelDef], detail: &Option<String>) -> usize {
    detail
        .as_deref()
        .and_then(|d| levels.iter().position(|l| l.detail == d))
        .map(|i| levels.len() - i)
        .unwrap_or(0)
}

/// The overall status: held beats in progress; the highest level of the best status.
fn summarise(id: String, name: String, levels: &[LevelDef], mut list: Vec<Reading>) -> CertFinding {
    let status = list
        .iter()
        .map(|r| r.status)
        .max()
        .unwrap_or(CertStatus::Absent);
    list.sort_by_key(|r| std::cmp::Reverse((r.status, level_rank(levels, &r.detail))));
    let detail = list
        .iter()
        .filter(|r| r.status == status)
        .find_map(|r| r.detail.clone());
    let mut evidence: Vec<Evidence> = Vec::new();
    for r in list {
        let seen = evidence
            .iter()
            .any(|e| e.line == r.evidence.line && e.page == r.evidence.page);
        if !seen && evidence.len() < 3 {
            evidence.push(r.evidence);
        }
    }
    CertFinding {
        id,
        name,
        status,
        detail,
        evidence,
    }
}
