//! Cross-file checks: unique ids, valid patterns, requirement ids that name
//! known taxonomy entries, profile inheritance (`extends`, `remove`,
//! overrides). Errors carry the file, line and key.

use super::AutoFit;
use std::collections::HashSet;

use toml::Spanned;

use super::schema::{RawRequirement, RuleFile};
use super::{
    CertDef, Lexicon, Profile, Requirement, RequirementKind, RequirementOrigin, RuleError, RuleSet,
    SkillDef, TermDef,
};
use crate::rules::{EducationLevel, Section};
use crate::suggest::closest;

/// Merges parsed files into a validated [`RuleSet`].
pub(super) fn assemble(files: Vec<RuleFile>, lexicon: Lexicon) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut certifications: Vec<CertDef> = Vec::new();
    let mut skills: Vec<SkillDef> = Vec::new();
    let mut seen = HashSet::new();

    for file in &files {
        for cert in &file.certifications {
            check_term(
                file,
                cert.span().start,
                &cert.get_ref().term,
                &mut seen,
                &mut errors,
            );
            for p in &cert.get_ref().partial {
                if let Err(e) = check_pattern(file, &p.pattern) {
                    errors.push(err(
                        file,
                        cert.span().start,
                        "partial.pattern",
                        format!("invalid regex: {e}"),
                    ));
                }
            }
            check_levels(file, cert.span().start, cert.get_ref(), &mut errors);
            let mut def = cert.get_ref().clone();
            // Levels are found in lower-cased text.
            for level in &mut def.levels {
                for alias in &mut level.aliases {
                    *alias = alias.to_lowercase();
                }
            }
            certifications.push(def);
        }
        for skill in &file.skills {
            check_term(
                file,
                skill.span().start,
                &skill.get_ref().term,
                &mut seen,
                &mut errors,
            );
            skills.push(skill.get_ref().clone());
        }
    }

    let profiles = profiles(&files, &certifications, &skills, &mut errors);

    if errors.is_empty() {
        Ok(RuleSet {
            certifications,
            skills,
            profiles,
            lexicon,
        })
    } else {
        Err(errors)
    }
}

fn check_term(
    file: &RuleFile,
    at: usize,
    term: &TermDef,
    seen: &mut HashSet<String>,
    errors: &mut Vec<RuleError>,
) {
    if !is_id(&term.id) {
        errors.push(err(
            file,
            at,
            "id",
            format!(
                "`{}` is not a valid id (lower-case letters, digits, `-`)",
                term.id
            ),
        ));
    }
    if !seen.insert(term.id.clone()) {
        errors.push(err(
            file,
            at,
            "id",
            format!("`{}` is defined twice", term.id),
        ));
    }
    if term.aliases.is_empty()
        && term.ambiguous.is_empty()
        && term.generic.is_empty()
        && term.patterns.is_empty()
    {
        errors.push(err(
            file,
            at,
            "aliases",
            format!("`{}` has no aliases or patterns to match", term.id),
        ));
    }
    for alias in term
        .aliases
        .iter()
        .chain(&term.ambiguous)
        .chain(&term.generic)
    {
        if alias.trim().trim_end_matches('*').is_empty() {
            errors.push(err(
                file,
                at,
                "aliases",
                format!("`{}` has an empty alias", term.id),
            ));
        }
    }
    for p in &term.patterns {
        if let Err(e) = check_pattern(file, p) {
            errors.push(err(
                file,
                at,
                "patterns",
                format!("invalid regex `{p}`: {e}"),
            ));
        }
    }
}

/// Each level has a detail of its own and something to match.
fn check_levels(file: &RuleFile, at: usize, cert: &CertDef, errors: &mut Vec<RuleError>) {
    let mut seen = HashSet::new();
    for level in &cert.levels {
        if !is_id(&level.detail) {
            errors.push(err(
                file,
                at,
                "levels.detail",
                format!(
                    "`{}` of `{}` is not a valid detail (lower-case letters, digits, `-`)",
                    level.detail, cert.term.id
                ),
            ));
        } else if !seen.insert(level.detail.as_str()) {
            errors.push(err(
                file,
                at,
                "levels.detail",
                format!("`{}` of `{}` is listed twice", level.detail, cert.term.id),
            ));
        }
        if level.aliases.iter().all(|a| a.trim().is_empty()) {
            errors.push(err(
                file,
                at,
                "levels.aliases",
                format!(
                    "level `{}` of `{}` has no aliases to match",
                    level.detail, cert.term.id
                ),
            ));
        }
    }
}

/// A profile file waiting to be resolved.
struct Pending<'a> {
    file: &'a RuleFile,
    id: &'a Spanned<String>,
    name: &'a str,
}

enum State {
    Todo,
    Resolving,
    Done(Option<Profile>),
}

/// Builds every profile, resolving `extends` (parents first, cycles and
/// unknown parents reported), `remove` and overrides.
fn profiles(
    files: &[RuleFile],
    certifications: &[CertDef],
    skills: &[SkillDef],
    errors: &mut Vec<RuleError>,
) -> Vec<Profile> {
    let mut pending: Vec<Pending> = Vec::new();
    for file in files {
        let Some(id) = &file.profile_id else {
            if !file.requirements.is_empty() {
                errors.push(err(
                    file,
                    0,
                    "id",
                    "a file with requirements needs a profile `id`".into(),
                ));
            }
            if let Some(ext) = &file.extends {
                errors.push(err(
                    file,
                    ext.span().start,
                    "extends",
                    "a file with `extends` needs a profile `id`".into(),
                ));
            }
            if let Some(r) = file.remove.first() {
                errors.push(err(
                    file,
                    r.span().start,
                    "remove",
                    "a file with `remove` needs a profile `id`".into(),
                ));
            }
            continue;
        };
        if !is_id(id.get_ref()) {
            errors.push(err(
                file,
                id.span().start,
                "id",
                format!(
                    "`{}` is not a valid profile id (lower-case letters, digits, `-`)",
                    id.get_ref()
                ),
            ));
            continue;
        }
        if pending.iter().any(|p| p.id.get_ref() == id.get_ref()) {
            errors.push(err(
                file,
                id.span().start,
                "id",
                format!("profile `{}` is defined twice", id.get_ref()),
            ));
            continue;
        }
        let Some(name) = &file.profile_name else {
            errors.push(err(
                file,
                id.span().start,
                "name",
                "a profile needs a `name`".into(),
            ));
            continue;
        };
        pending.push(Pending { file, id, name });
    }
    let mut states: Vec<State> = pending.iter().map(|_| State::Todo).collect();
    let ctx = Ctx {
        pending: &pending,
        certifications,
        skills,
    };
    for i in 0..pending.len() {
        let mut chain = Vec::new();
        ctx.resolve(i, &mut states, &mut chain, errors);
    }
    states
        .into_iter()
        .filter_map(|s| match s {
            State::Done(p) => p,
            _ => None,
        })
        .collect()
}

struct Ctx<'a> {
    pending: &'a [Pending<'a>],
    certifications: &'a [CertDef],
    skills: &'a [SkillDef],
}

impl Ctx<'_> {
    /// Resolves profile `i` (and its parents); `None` when it has errors.
    fn resolve(
        &self,
        i: usize,
        states: &mut [State],
        chain: &mut Vec<usize>,
        errors: &mut Vec<RuleError>,
    ) -> Option<Profile> {
        match &states[i] {
            State::Done(p) => return p.clone(),
            State::Resolving => return None,
            State::Todo => {}
        }
        states[i] = State::Resolving;
        chain.push(i);
        let result = self.build(i, states, chain, errors);
        chain.pop();
        states[i] = State::Done(result.clone());
        result
    }

    fn build(
        &self,
        i: usize,
        states: &mut [State],
        chain: &mut Vec<usize>,
        errors: &mut Vec<RuleError>,
    ) -> Option<Profile> {
        let p = &self.pending[i];
        let file = p.file;
        let mut ok = true;
        let mut parent: Option<Profile> = None;
        if let Some(ext) = &file.extends {
            let at = ext.span().start;
            match self
                .pending
                .iter()
                .position(|q| q.id.get_ref() == ext.get_ref())
            {
                None => {
                    let known: Vec<&str> = self
                        .pending
                        .iter()
                        .map(|q| q.id.get_ref().as_str())
                        .filter(|k| *k != p.id.get_ref())
                        .collect();
                    let hint = closest(ext.get_ref(), &known)
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default();
                    errors.push(err(
                        file,
                        at,
                        "extends",
                        format!(
                            "unknown profile `{}` (known: {}){hint}",
                            ext.get_ref(),
                            known.join(", ")
                        ),
                    ));
                    return None;
                }
                Some(j) if matches!(states[j], State::Resolving) => {
                    let start = chain.iter().position(|&c| c == j).unwrap_or(0);
                    let mut names: Vec<&str> = chain[start..]
                        .iter()
                        .map(|&c| self.pending[c].id.get_ref().as_str())
                        .collect();
                    names.push(self.pending[j].id.get_ref());
                    errors.push(err(
                        file,
                        at,
                        "extends",
                        format!(
                            "profiles extend each other in a cycle: {}",
                            names.join(" → ")
                        ),
                    ));
                    return None;
                }
                Some(j) => {
                    // A parent with errors has reported them already.
                    parent = Some(self.resolve(j, states, chain, errors)?);
                }
            }
        }

        let mut requirements: Vec<Requirement> = parent
            .as_ref()
            .map(|p| p.requirements.clone())
            .unwrap_or_default();
        for r in &file.remove {
            let at = r.span().start;
            match &parent {
                None => {
                    errors.push(err(
                        file,
                        at,
                        "remove",
                        "`remove` drops requirements of a parent profile: add `extends`".into(),
                    ));
                    ok = false;
                }
                Some(par) => match requirements.iter().position(|q| &q.id == r.get_ref()) {
                    Some(k) => {
                        requirements.remove(k);
                    }
                    None => {
                        errors.push(err(
                            file,
                            at,
                            "remove",
                            format!(
                                "`{}` is not a requirement of `{}`, so it cannot be removed",
                                r.get_ref(),
                                par.id
                            ),
                        ));
                        ok = false;
                    }
                },
            }
        }

        let mut own = HashSet::new();
        for raw in &file.requirements {
            let id = raw.id.get_ref();
            if !own.insert(id.clone()) {
                errors.push(err(
                    file,
                    raw.id.span().start,
                    "id",
                    format!("requirement `{id}` is listed twice"),
                ));
                ok = false;
                continue;
            }
            let result = match requirements.iter().position(|q| &q.id == id) {
                Some(k) => override_requirement(
                    file,
                    raw,
                    &requirements[k],
                    self.certifications,
                    self.skills,
                )
                .map(|r| requirements[k] = r),
                None => requirement(file, raw, self.certifications, self.skills)
                    .map(|r| requirements.push(r)),
            };
            if let Err(e) = result {
                errors.push(e);
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let description = match (&parent, file.description.trim().is_empty()) {
            (Some(par), true) => par.description.clone(),
            _ => file.description.clone(),
        };
        Some(Profile {
            id: p.id.get_ref().clone(),
            name: p.name.to_string(),
            description,
            file: file.file.clone(),
            // A child without its own title words keeps its parent's.
            titles: match (&parent, file.titles.is_empty()) {
                (Some(par), true) => par.titles.clone(),
                _ => file.titles.clone(),
            },
            auto_fit: match (&file.auto_fit, &parent) {
                (Some(a), _) => match a.get_ref().as_str() {
                    "score" => AutoFit::Score,
                    "title" => AutoFit::Title,
                    other => {
                        errors.push(err(
                            file,
                            a.span().start,
                            "auto_fit",
                            format!("`{other}` is not `score` or `title`"),
                        ));
                        return None;
                    }
                },
                (None, Some(par)) => par.auto_fit,
                (None, None) => AutoFit::Score,
            },
            extends: parent.map(|par| par.id),
            requirements,
        })
    }
}

/// A new requirement: every field but `source` and `min` must be given.
fn requirement(
    file: &RuleFile,
    raw: &RawRequirement,
    certifications: &[CertDef],
    skills: &[SkillDef],
) -> Result<Requirement, RuleError> {
    let id = raw.id.get_ref().as_str();
    let at = raw.id.span().start;
    let missing = |key: &str| {
        err(
            file,
            at,
            key,
            format!("missing field `{key}` in requirement `{id}`"),
        )
    };
    let kind = requirement_kind(file, raw, certifications, skills)?;
    let severity = raw.severity.as_ref().ok_or_else(|| missing("severity"))?;
    let weight = raw.weight.as_ref().ok_or_else(|| missing("weight"))?;
    let message = raw.message.as_ref().ok_or_else(|| missing("message"))?;
    let advice = raw.advice.as_ref().ok_or_else(|| missing("advice"))?;
    Ok(Requirement {
        id: id.to_string(),
        kind,
        severity: *severity.get_ref(),
        weight: check_weight(file, weight)?,
        message: message.clone(),
        advice: advice.clone(),
        source: raw.source.clone().unwrap_or_default(),
        file: file.file.clone(),
        line: file.line_of(at),
        origin: RequirementOrigin::Profile,
    })
}

/// A child profile's entry for an inherited requirement: the fields it gives
/// replace the parent's; the requirement is then cited at the child's line.
fn override_requirement(
    file: &RuleFile,
    raw: &RawRequirement,
    inherited: &Requirement,
    certifications: &[CertDef],
    skills: &[SkillDef],
) -> Result<Requirement, RuleError> {
    let mut r = inherited.clone();
    if raw.min.is_some() {
        r.kind = requirement_kind(file, raw, certifications, skills)?;
    }
    if let Some(s) = &raw.severity {
        r.severity = *s.get_ref();
    }
    if let Some(w) = &raw.weight {
        r.weight = check_weight(file, w)?;
    }
    if let Some(m) = &raw.message {
        r.message = m.clone();
    }
    if let Some(a) = &raw.advice {
        r.advice = a.clone();
    }
    if let Some(s) = &raw.source {
        r.source = s.clone();
    }
    r.file = file.file.clone();
    r.line = file.line_of(raw.id.span().start);
    Ok(r)
}

fn check_weight(file: &RuleFile, weight: &Spanned<i64>) -> Result<u32, RuleError> {
    let w = *weight.get_ref();
    if !(0..=1000).contains(&w) {
        return Err(err(
            file,
            weight.span().start,
            "weight",
            "weight must be between 0 and 1000".into(),
        ));
    }
    Ok(w as u32)
}

/// What a requirement id asks for; unknown taxonomy ids are errors.
fn requirement_kind(
    file: &RuleFile,
    raw: &RawRequirement,
    certifications: &[CertDef],
    skills: &[SkillDef],
) -> Result<RequirementKind, RuleError> {
    let id = raw.id.get_ref().as_str();
    let at = raw.id.span().start;
    let min = |what: &str| -> Result<f64, RuleError> {
        match &raw.min {
            Some(m) if *m.get_ref() >= 0.0 => Ok(*m.get_ref()),
            Some(m) => Err(err(
                file,
                m.span().start,
                "min",
                format!("{what} must not be negative"),
            )),
            None => Err(err(file, at, "min", format!("`{id}` needs `min` ({what})"))),
        }
    };
    Ok(if let Some(c) = id.strip_prefix("cert.") {
        if !certifications.iter().any(|d| d.term.id == c) {
            return Err(err(
                file,
                at,
                "id",
                format!(
                    "unknown certification `{c}` in `{id}`{}",
                    unknown_hint(
                        c,
                        certifications.iter().map(|d| d.term.id.as_str()),
                        "certification"
                    )
                ),
            ));
        }
        RequirementKind::Certification(c.to_string())
    } else if let Some(s) = id.strip_prefix("skill.") {
        if !skills.iter().any(|d| d.term.id == s) {
            return Err(err(
                file,
                at,
                "id",
                format!(
                    "unknown skill `{s}` in `{id}`{}",
                    unknown_hint(s, skills.iter().map(|d| d.term.id.as_str()), "skill")
                ),
            ));
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
        let known = Section::ALL.iter().filter(|s| **s != Section::Other);
        match known.clone().find(|k| k.as_str() == s) {
            Some(section) => RequirementKind::Section(*section),
            None => {
                let names: Vec<&str> = known.map(|k| k.as_str()).collect();
                let hint = crate::suggest::hint(s, &names);
                return Err(err(
                    file,
                    at,
                    "id",
                    format!("unknown section `{s}` in `{id}`{hint}"),
                ));
            }
        }
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
    })
}

/// "; did you mean `x`?" or how to define a new entry.
fn unknown_hint<'a>(wanted: &str, known: impl Iterator<Item = &'a str>, table: &str) -> String {
    let known: Vec<&str> = known.collect();
    match closest(wanted, &known) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => {
            format!(
                "; define it in a `[[{table}]]` entry, or use a known one: {}",
                known.join(", ")
            )
        }
    }
}

/// The known id within a few typos of `wanted`, if any.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn err(file: &RuleFile, at: usize, key: &str, message: String) -> RuleError {
    RuleError {
        file: file.file.clone(),
        line: if at == 0 { 1 } else { file.line_of(at) },
        key: key.to_string(),
        message,
    }
}

/// Parses a pattern the way analysis compiles it (bytes, Unicode off),
/// without the cost of compiling it.
fn check_pattern(file: &RuleFile, pattern: &str) -> Result<(), String> {
    // The embedded rule files are checked by the test suite
    // (`builtin_patterns_compile`), not again at every start.
    if file.builtin {
        return Ok(());
    }
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
