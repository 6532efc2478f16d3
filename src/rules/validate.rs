//! Cross-file checks: unique ids, valid patterns, requirement ids that name
//! known taxonomy entries. Errors carry the file, line and key.

use std::collections::HashSet;

use super::schema::{RawRequirement, RuleFile};
use super::{CertDef, Profile, Requirement, RequirementKind, RuleError, RuleSet, SkillDef, TermDef};
use crate::report::EducationLevel;

/// Merges parsed files into a validated [`RuleSet`].
pub(super) fn assemble(files: Vec<RuleFile>) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut certifications: Vec<CertDef> = Vec::new();
    let mut skills: Vec<SkillDef> = Vec::new();
    let mut seen = HashSet::new();

    for file in &files {
        for cert in &file.certifications {
            check_term(file, cert.span().start, &cert.get_ref().term, &mut seen, &mut errors);
            for p in &cert.get_ref().partial {
                if let Err(e) = regex::Regex::new(&p.pattern) {
                    errors.push(err(file, cert.span().start, "partial.pattern", format!("invalid regex: {e}")));
                }
            }
            certifications.push(cert.get_ref().clone());
        }
        for skill in &file.skills {
            check_term(file, skill.span().start, &skill.get_ref().term, &mut seen, &mut errors);
            skills.push(skill.get_ref().clone());
        }
    }

    let mut profiles: Vec<Profile> = Vec::new();
    for file in &files {
        let Some(id) = &file.profile_id else {
            if !file.requirements.is_empty() {
                errors.push(err(file, 0, "id", "a file with requirements needs a profile `id`".into()));
            }
            continue;
        };
        if profiles.iter().any(|p| &p.id == id.get_ref()) {
            errors.push(err(file, id.span().start, "id", format!("profile `{}` is defined twice", id.get_ref())));
            continue;
        }
        let Some(name) = &file.profile_name else {
            errors.push(err(file, id.span().start, "name", "a profile needs a `name`".into()));
            continue;
        };
        let mut requirements = Vec::new();
        let mut req_ids = HashSet::new();
        for raw in &file.requirements {
            match requirement(file, raw, &certifications, &skills) {
                Ok(r) => {
                    if !req_ids.insert(r.id.clone()) {
                        errors.push(err(file, raw.id.span().start, "id", format!("requirement `{}` is listed twice", r.id)));
                    }
                    requirements.push(r);
                }
                Err(e) => errors.push(e),
            }
        }
        profiles.push(Profile {
            id: id.get_ref().clone(),
            name: name.clone(),
            description: file.description.clone(),
            file: file.file.clone(),
            requirements,
        });
    }

    if errors.is_empty() {
        Ok(RuleSet {
            certifications,
            skills,
            profiles,
        })
    } else {
        Err(errors)
    }
}

fn check_term(file: &RuleFile, at: usize, term: &TermDef, seen: &mut HashSet<String>, errors: &mut Vec<RuleError>) {
    if !is_id(&term.id) {
        errors.push(err(file, at, "id", format!("`{}` is not a valid id (lower-case letters, digits, `-`)", term.id)));
    }
    if !seen.insert(term.id.clone()) {
        errors.push(err(file, at, "id", format!("`{}` is defined twice", term.id)));
    }
    if term.aliases.is_empty() && term.ambiguous.is_empty() && term.patterns.is_empty() {
        errors.push(err(file, at, "aliases", format!("`{}` has no aliases or patterns to match", term.id)));
    }
    for alias in term.aliases.iter().chain(&term.ambiguous) {
        if alias.trim().trim_end_matches('*').is_empty() {
            errors.push(err(file, at, "aliases", format!("`{}` has an empty alias", term.id)));
        }
    }
    for p in &term.patterns {
        if let Err(e) = regex::Regex::new(p) {
            errors.push(err(file, at, "patterns", format!("invalid regex `{p}`: {e}")));
        }
    }
}

fn requirement(
    file: &RuleFile,
    raw: &RawRequirement,
    certifications: &[CertDef],
    skills: &[SkillDef],
) -> Result<Requirement, RuleError> {
    let id = raw.id.get_ref().as_str();
    let at = raw.id.span().start;
    let min = |what: &str| -> Result<f64, RuleError> {
        match &raw.min {
            Some(m) if *m.get_ref() >= 0.0 => Ok(*m.get_ref()),
            Some(m) => Err(err(file, m.span().start, "min", format!("{what} must not be negative"))),
            None => Err(err(file, at, "min", format!("`{id}` needs `min` ({what})"))),
        }
    };
    let kind = if let Some(c) = id.strip_prefix("cert.") {
        if !certifications.iter().any(|d| d.term.id == c) {
            return Err(err(file, at, "id", format!("unknown certification `{c}` in `{id}`")));
        }
        RequirementKind::Certification(c.to_string())
    } else if let Some(s) = id.strip_prefix("skill.") {
        if !skills.iter().any(|d| d.term.id == s) {
            return Err(err(file, at, "id", format!("unknown skill `{s}` in `{id}`")));
        }
        RequirementKind::Skill(s.to_string())
    } else if id == "education.engineering-degree" {
        RequirementKind::EngineeringDegree
    } else if let Some(level) = id.strip_prefix("education.") {
        match EducationLevel::from_id(level) {
            Some(l) => RequirementKind::Education(l),
            None => {
                return Err(err(
                    file,
                    at,
                    "id",
                    format!("unknown education level `{level}` (high_school, associate, bachelor, master, doctorate)"),
                ))
            }
        }
    } else if id == "experience.years" {
        RequirementKind::ExperienceYears(min("years")?)
    } else if id == "achievements.quantified" {
        RequirementKind::QuantifiedAchievements(min("a count")?.round() as u32)
    } else if let Some(s) = id.strip_prefix("section.") {
        RequirementKind::Section(s.to_string())
    } else if id == "contact.email" {
        RequirementKind::ContactEmail
    } else if id == "contact.phone" {
        RequirementKind::ContactPhone
    } else {
        return Err(err(
            file,
            at,
            "id",
            format!("unknown requirement `{id}` (cert.*, skill.*, education.*, experience.years, achievements.quantified, section.*, contact.*)"),
        ));
    };
    let weight = *raw.weight.get_ref();
    if !(0..=1000).contains(&weight) {
        return Err(err(file, raw.weight.span().start, "weight", "weight must be between 0 and 1000".into()));
    }
    Ok(Requirement {
        id: id.to_string(),
        kind,
        severity: *raw.severity.get_ref(),
        weight: weight as u32,
        message: raw.message.clone(),
        advice: raw.advice.clone(),
        source: raw.source.clone(),
        file: file.file.clone(),
        line: file.line_of(at),
    })
}

fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn err(file: &RuleFile, at: usize, key: &str, message: String) -> RuleError {
    RuleError {
        file: file.file.clone(),
        line: if at == 0 { 1 } else { file.line_of(at) },
        key: key.to_string(),
        message,
    }
}
