//! Skills: present when claimed (skills list, summary) or shown by a bullet;
//! absent when only wished for, received as training, negated, done by
//! someone else, a look-alike, or an everyday word (a `generic` alias)
//! without a confirming word in its clause.

use super::context::{clause, Cues, SkillReading};
use super::matcher::{LineMatches, Mention, TermMatcher};
use super::{segments, View};
use crate::analyze::findings::{Evidence, SkillFinding, SkillStatus};
use crate::rules::RuleSet;
use crate::rules::Section;

/// Reads every skill of the taxonomy.
pub(super) fn analyze(
    views: &[View<'_>],
    rules: &RuleSet,
    matcher: &TermMatcher,
    cues: &Cues,
) -> Vec<SkillFinding> {
    let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); rules.skills.len()];
    for v in views.iter().filter(|v| !v.heading) {
        // Coursework and hobbies are not the skill shown.
        if v.in_section(Section::Education)
            || v.in_section(Section::Interests)
            || v.in_section(Section::References)
        {
            continue;
        }
        // A list of courses taken names training received, not skills.
        if cues.is_course_list(&v.lower) {
            continue;
        }
        for (text, matches) in segments(v, matcher) {
            for m in &matches.mentions {
                let span = (m.start, m.end);
                if matches.refuted(m.term, span) {
                    continue;
                }
                if m.ambiguous && !v.in_section(Section::Skills) && !matches.confirmed(m.term, span)
                {
                    continue;
                }
                // An everyday word ("scheduling", "repairs") needs its
                // confirming word in its own clause, in any section.
                if m.generic && !confirmed_in_clause(v, &text, &matches, m, matcher) {
                    continue;
                }
                match cues.read_skill(&text, m.start, m.end, &v.carry_before) {
                    SkillReading::Claimed => {}
                    // "… Technician who prioritizes safety" in a summary is
                    // the candidate describing themself.
                    SkillReading::SomeoneElse if describes_candidate(v) => {}
                    _ => continue,
                }
                let list = &mut evidence[m.term];
                let e = v.evidence_of(&text, m.start, m.end);
                if list.len() < 3 && !list.iter().any(|x| x.line == e.line && x.page == e.page) {
                    list.push(e);
                }
            }
        }
    }
    rules
        .skills
        .iter()
        .zip(evidence)
        .map(|(def, evidence)| SkillFinding {
            id: def.term.id.clone(),
            name: def.term.name.clone(),
            kind: def.kind,
            status: if evidence.is_empty() {
                SkillStatus::Absent
            } else {
                SkillStatus::Present
            },
            evidence,
        })
        .collect()
}

/// Whether a generic mention has a confirming word in its clause (in a
/// skills section, its line: a keyword list of the trade); a clause that
/// runs to the end of the line goes on into the next line when that
/// continues the sentence ("Coordinating with" / "the USCG service center").
fn confirmed_in_clause(
    v: &View<'_>,
    text: &str,
    matches: &LineMatches,
    m: &Mention,
    matcher: &TermMatcher,
) -> bool {
    let (s, e) = if v.in_section(Section::Skills) {
        (0, text.len())
    } else {
        clause(text, m.start, m.end)
    };
    if matches
        .confirmations(m.term, (m.start, m.end))
        .any(|(hs, he)| s <= hs && he <= e)
    {
        return true;
    }
    if e < text.len() || v.carry_after.is_empty() || text.len() > v.lower.len() {
        return false;
    }
    let joined = format!("{text} {}", v.carry_after);
    let (s, e) = clause(&joined, m.start, m.end);
    matcher
        .find(&joined, &joined)
        .confirmations(m.term, (m.start, m.end))
        .any(|(hs, he)| s <= hs && he <= e)
}

/// Lines where "a … technician who …" is the candidate: the summary and
/// the header above the first section.
fn describes_candidate(v: &View<'_>) -> bool {
    v.section.is_none() || v.in_section(Section::Summary)
}
