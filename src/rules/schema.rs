//! The TOML schema of rule files, and parsing with file/line/key errors.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::RuleError;
use crate::rules::{EducationLevel, Section, Severity, SkillKind};

/// What every taxonomy entry has: how to find it in text and where it comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    pub id: String,
    pub name: String,
    /// Literal phrases, matched case-insensitively on word boundaries.
    /// A trailing `*` matches any word ending (`calibrat*`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases too ambiguous alone ("CPT", "lean"): they count only with a
    /// `confirm` word on the line or inside the certifications section.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// Everyday words that name the skill only with a `confirm` word in their
    /// own clause, in any section ("scheduling" of staff or of production,
    /// "repairs" of a locker or of a press).
    #[serde(default)]
    pub generic: Vec<String>,
    /// Regular expressions (on lower-cased normalised text), for what aliases cannot say.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Words that confirm an ambiguous alias when on the same line (a
    /// generic one when in its clause).
    #[serde(default)]
    pub confirm: Vec<String>,
    /// Words that, on the same line, mean a match is something else ("CPT coding").
    #[serde(default)]
    pub refute: Vec<String>,
    /// Look-alike phrases: a match inside one of them does not count ("safety stock").
    #[serde(default)]
    pub exclude: Vec<String>,
    /// One or two sentences for `rolefit explain`.
    #[serde(default)]
    pub description: String,
    /// The sentence of a seed guide or the public page this entry comes from.
    #[serde(default)]
    pub source: String,
}

/// A certification.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertDef {
    #[serde(flatten)]
    pub term: TermDef,
    /// Who awards it.
    #[serde(default)]
    pub issuer: String,
    /// Years of experience the certification requires, for plausibility flags.
    #[serde(default)]
    pub min_years: Option<f64>,
    /// Phrases naming only a part or module: such a mention is `in_progress` with this detail.
    #[serde(default)]
    pub partial: Vec<PartialDef>,
    /// Levels of the credential, highest first (Six Sigma belts): the level
    /// a mention names is its `detail`, and the highest one counts.
    #[serde(default)]
    pub levels: Vec<LevelDef>,
}

/// A level of a credential ("green" belt).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// The `detail` reported, e.g. `green`.
    pub detail: String,
    /// Phrases naming the level in or next to a mention ("green belt",
    /// "cssgb"), matched as whole words, case-insensitively.
    pub aliases: Vec<String>,
}

/// A partial credential ("CPIM Part 1").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialDef {
    /// A regular expression on lower-cased normalised text.
    pub pattern: String,
    /// The `detail` reported, e.g. `part-1`.
    pub detail: String,
}

/// A skill.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillDef {
    #[serde(flatten)]
    pub term: TermDef,
    pub kind: SkillKind,
}

/// What a requirement asks for, decoded from its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RequirementKind {
    Certification(String),
    Skill(String),
    Education(EducationLevel),
    EngineeringDegree,
    ExperienceYears(f64),
    QuantifiedAchievements(u32),
    Section(Section),
    ContactEmail,
    ContactPhone,
}

/// Where a requirement comes from: a role profile, or a job posting (`--job`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RequirementOrigin {
    #[default]
    Profile,
    Posting,
}

impl RequirementOrigin {
    /// `profile` or `posting`, as in a gap's `source.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementOrigin::Profile => "profile",
            RequirementOrigin::Posting => "posting",
        }
    }
}

/// A requirement of a role profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Requirement {
    /// `cert.cpt`, `skill.troubleshooting`, `education.bachelor`, …
    pub id: String,
    pub kind: RequirementKind,
    pub severity: Severity,
    pub weight: u32,
    /// The one-line gap message.
    pub message: String,
    /// What to do about the gap, from the guides.
    pub advice: String,
    /// The seed sentence or public source behind it.
    pub source: String,
    /// Where it was defined (for a posting requirement: the posting and its line).
    pub file: String,
    pub line: u32,
    /// A profile's own requirement, or one a job posting added.
    pub origin: RequirementOrigin,
}

/// How a role competes for best fit in `--role auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AutoFit {
    /// By score (with a lean towards roles the latest title names).
    #[default]
    Score,
    /// Only when the latest job title names one of the role's `titles`: for
    /// specialist roles whose few requirements many resumes meet.
    Title,
}

/// A role profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub description: String,
    pub file: String,
    /// The profile this one extends (`extends = "production-technician"`), if any.
    pub extends: Option<String>,
    /// Lower-case title words that suggest this role (see `titles` in rule files).
    pub titles: Vec<String>,
    /// How the role competes for best fit in `--role auto`.
    pub auto_fit: AutoFit,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    id: Option<Spanned<String>>,
    name: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: String,
    /// Title words of people in this role ("engineer"): in `--role auto`, a
    /// resume whose latest title has one leans towards this role.
    #[serde(default)]
    titles: Vec<String>,
    /// `score` (default): competes for best fit in `--role auto` by score;
    /// `title`: only when the latest job title names one of `titles`.
    auto_fit: Option<Spanned<String>>,
    /// The id of a profile to start from.
    extends: Option<Spanned<String>>,
    /// Requirement ids of the parent profile to drop.
    #[serde(default)]
    remove: Vec<Spanned<String>>,
    #[serde(default)]
    requirement: Vec<RawRequirement>,
    #[serde(default)]
    certification: Vec<Spanned<CertDef>>,
    #[serde(default)]
    skill: Vec<Spanned<SkillDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub id: Spanned<String>,
    /// Required for a new requirement; optional when overriding an inherited one.
    pub severity: Option<Spanned<Severity>>,
    pub weight: Option<Spanned<i64>>,
    /// For `experience.years` (years) and `achievements.quantified` (count).
    pub min: Option<Spanned<f64>>,
    pub message: Option<String>,
    pub advice: Option<String>,
    pub source: Option<String>,
}

/// One parsed rule file.
#[derive(Debug)]
pub struct RuleFile {
    pub file: String,
    /// One of the embedded rule files, unchanged.
    pub(super) builtin: bool,
    pub(super) text: String,
    pub(super) profile_id: Option<Spanned<String>>,
    pub(super) profile_name: Option<String>,
    pub(super) description: String,
    pub(super) titles: Vec<String>,
    pub(super) auto_fit: Option<Spanned<String>>,
    pub(super) extends: Option<Spanned<String>>,
    pub(super) remove: Vec<Spanned<String>>,
    pub(super) requirements: Vec<RawRequirement>,
    pub(super) certifications: Vec<Spanned<CertDef>>,
    pub(super) skills: Vec<Spanned<SkillDef>>,
}

impl RuleFile {
    /// Parses TOML text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<RuleFile, RuleError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
            let mut message = e.message().to_string();
            let key = key_from_message(&message);
            if message.starts_with("unknown field") && is_lexicon_table(&key) {
                message.truncate(message.trim_end().len());
                message.push_str("; word lists of the lexicon go in a file named `lexicon.toml`");
            }
            RuleError {
                file: file.to_string(),
                line,
                key,
                message,
            }
        })?;
        let _ = raw.source;
        Ok(RuleFile {
            file: file.to_string(),
            builtin: super::BUILTIN.iter().any(|(f, t)| *f == file && *t == text),
            text: text.to_string(),
            profile_id: raw.id,
            profile_name: raw.name,
            description: raw.description,
            titles: raw.titles.iter().map(|t| t.to_lowercase()).collect(),
            auto_fit: raw.auto_fit,
            extends: raw.extends,
            remove: raw.remove,
            requirements: raw.requirement,
            certifications: raw.certification,
            skills: raw.skill,
        })
    }

    /// The 1-based line of a byte offset of this file.
    pub fn line_of(&self, offset: usize) -> u32 {
        line_of(&self.text, offset)
    }
}

/// 1-based line number of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// Whether `key` is a top-level table of the lexicon (`context`, `sections`…).
fn is_lexicon_table(key: &str) -> bool {
    super::known_lists()
        .iter()
        .any(|(k, _)| k.split('.').next() == Some(key))
}

/// Pulls a key name out of a serde message ("unknown field `wieght`", "missing field `advice`").
fn key_from_message(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("field"))
        .unwrap_or("")
        .to_string()
}
