//! Skills: present when claimed (skills list, summary) or shown by a bullet;
//! absent when only wished for, received as training, negated, done by
//! someone else, or a look-alike.

use super::context::{Cues, SkillReading};
use super::matcher::TermMatcher;
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
                if cues.read_skill(&text, m.start, m.end, &v.carry_before) != SkillReading::Claimed
                {
                    continue;
                }
                let list = &mut evidence[m.term];
                let e = v.evidence();
                if list.len() < 3 && !list.contains(&e) {
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
