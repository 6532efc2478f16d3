//! `rolefit explain ID`: what a certification, skill, requirement, role or
//! ATS-readability risk means.

use std::fmt::Write;

use crate::rules::{RuleSet, TermDef};

/// The explanation of `id` (`cpt`, `cert.cpt`, `skill.troubleshooting`,
/// `experience.years`, a role id, an ATS risk such as `multi-column`), or
/// `None` when nothing has that id.
pub fn explain(rules: &RuleSet, id: &str) -> Option<String> {
    // An ATS-readability risk (`multi-column`, `unmapped-glyphs`, …).
    if let Some(text) = crate::ats::text::explain(id) {
        return Some(text);
    }
    let mut out = String::new();
    let bare = id
        .strip_prefix("cert.")
        .or_else(|| id.strip_prefix("skill."))
        .unwrap_or(id);
    if let Some(p) = rules.profile(id) {
        let _ = writeln!(
            out,
            "{} ({})\n{}\ndefined in {}\n",
            p.name,
            p.id,
            p.description.trim(),
            p.file
        );
        for r in &p.requirements {
            let _ = writeln!(
                out,
                "  {:<36} {:<12} weight {}",
                r.id,
                r.severity.as_str(),
                r.weight
            );
        }
        return Some(out);
    }
    if let Some(c) = rules
        .certification(bare)
        .filter(|_| !id.starts_with("skill."))
    {
        let _ = writeln!(out, "{} ({}) — certification", c.term.name, c.term.id);
        if !c.issuer.is_empty() {
            let _ = writeln!(out, "issued by: {}", c.issuer);
        }
        term(&mut out, &c.term);
        if !c.levels.is_empty() {
            let levels: Vec<&str> = c.levels.iter().map(|l| l.detail.as_str()).collect();
            let _ = writeln!(
                out,
                "levels (highest first, reported as `detail`): {}",
                levels.join(", ")
            );
        }
    } else if let Some(s) = rules.skill(bare).filter(|_| !id.starts_with("cert.")) {
        let kind = match s.kind {
            crate::rules::SkillKind::Hard => "technical skill",
            crate::rules::SkillKind::Soft => "soft skill",
        };
        let _ = writeln!(out, "{} ({}) — {kind}", s.term.name, s.term.id);
        term(&mut out, &s.term);
    }
    let requirement_id = match (rules.certification(bare), rules.skill(bare)) {
        _ if id.contains('.') => id.to_string(),
        (Some(_), _) => format!("cert.{bare}"),
        (_, Some(_)) => format!("skill.{bare}"),
        _ => id.to_string(),
    };
    for (profile, r) in rules.requirements_named(&requirement_id) {
        let _ = writeln!(
            out,
            "\nin {profile}: {} {} (weight {}, {}:{})\n  gap: {}\n  advice: {}\n  source: {}",
            r.severity.as_str(),
            r.id,
            r.weight,
            r.file,
            r.line,
            r.message,
            r.advice,
            r.source
        );
    }
    (!out.is_empty()).then_some(out)
}

fn term(out: &mut String, t: &TermDef) {
    if !t.description.is_empty() {
        let _ = writeln!(out, "{}", t.description.trim());
    }
    let aliases: Vec<&str> = t
        .aliases
        .iter()
        .chain(&t.ambiguous)
        .chain(&t.generic)
        .map(String::as_str)
        .collect();
    let _ = writeln!(out, "matched as: {}", aliases.join(", "));
    if !t.ambiguous.is_empty() {
        let _ = writeln!(
            out,
            "needs context for: {} (confirmed by: {})",
            t.ambiguous.join(", "),
            t.confirm.join(", ")
        );
    }
    if !t.generic.is_empty() {
        let _ = writeln!(
            out,
            "needs a confirming word in its clause for: {}",
            t.generic.join(", ")
        );
    }
    if !t.refute.is_empty() {
        let _ = writeln!(out, "not counted near: {}", t.refute.join(", "));
    }
    if !t.exclude.is_empty() {
        let _ = writeln!(out, "look-alikes ignored: {}", t.exclude.join(", "));
    }
    let _ = writeln!(out, "source: {}", t.source);
}

/// Every id [`explain`] knows: role ids, certification and skill ids (bare
/// and as requirement ids), the other requirement ids of the profiles, and
/// the ATS-readability risks. Sorted, without repeats; for suggestions and
/// shell completion.
pub fn known_ids(rules: &RuleSet) -> Vec<String> {
    let mut ids: Vec<String> = rules.profiles.iter().map(|p| p.id.clone()).collect();
    for c in &rules.certifications {
        ids.push(c.term.id.clone());
        ids.push(format!("cert.{}", c.term.id));
    }
    for s in &rules.skills {
        ids.push(s.term.id.clone());
        ids.push(format!("skill.{}", s.term.id));
    }
    for p in &rules.profiles {
        ids.extend(p.requirements.iter().map(|r| r.id.clone()));
    }
    ids.extend(crate::ats::IDS.iter().map(|s| s.to_string()));
    ids.sort();
    ids.dedup();
    ids
}

/// The certifications and skills that `words` names (case-insensitive): by
/// name, alias, look-alike-free wording or belt (`green belt` → `six-sigma`).
/// An alias ending in `*` matches as a prefix. Their ids, taxonomy order.
pub fn by_alias(rules: &RuleSet, words: &str) -> Vec<String> {
    let wanted = words.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let names = |t: &TermDef| -> bool {
        std::iter::once(&t.name)
            .chain(&t.aliases)
            .chain(&t.ambiguous)
            .chain(&t.generic)
            .any(|a| {
                let a = a.to_lowercase();
                match a.strip_suffix('*') {
                    Some(prefix) => wanted.starts_with(prefix),
                    None => a == wanted,
                }
            })
    };
    let certs = rules.certifications.iter().filter(|c| {
        names(&c.term)
            || c.levels
                .iter()
                .any(|l| l.aliases.iter().any(|a| a.to_lowercase() == wanted))
    });
    let skills = rules.skills.iter().filter(|s| names(&s.term));
    certs
        .map(|c| c.term.id.clone())
        .chain(skills.map(|s| s.term.id.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_belt_and_an_alias_find_their_term() {
        let rules = RuleSet::builtin();
        assert_eq!(by_alias(&rules, "Green Belt"), vec!["six-sigma"]);
        assert_eq!(by_alias(&rules, "CPT"), vec!["cpt"]);
        assert!(by_alias(&rules, "welding torch").is_empty());
        let ids = known_ids(&rules);
        assert!(ids.contains(&"cert.cpt".to_string()));
        assert!(ids.contains(&"production-technician".to_string()));
        assert!(ids.contains(&"multi-column".to_string()));
    }
}
