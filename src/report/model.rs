//! The report data model: JSON schema version 1 (SPEC §6).
//!
//! Analysis fills [`Findings`], scoring fills [`Scorecard`]s, and a
//! [`FileResult`] carries both (or an error) to the output formats, which only
//! read it. Fields may be added within a schema version, never renamed.

use serde::Serialize;

use crate::document::Format;
use crate::error::FileError;

/// The JSON schema version this model serialises to.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a finding was seen: page (paged formats), line, section and the line's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub page: Option<u32>,
    pub line: u32,
    /// The section the line belongs to (`experience`, `skills`, …), if any.
    pub section: Option<String>,
    /// The original text of the line.
    pub text: String,
    /// A path inside a structured source (JSON Resume), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl Evidence {
    /// `page 2, line 14` or `line 14`.
    pub fn location(&self) -> String {
        match self.page {
            Some(p) => format!("page {p}, line {}", self.line),
            None => format!("line {}", self.line),
        }
    }
}

/// Status of a certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    Absent,
    InProgress,
    Held,
}

impl CertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Absent => "absent",
            CertStatus::InProgress => "in_progress",
            CertStatus::Held => "held",
        }
    }
}

/// A certification of the taxonomy and what the resume says about it.
#[derive(Debug, Clone, Serialize)]
pub struct CertFinding {
    pub id: String,
    pub name: String,
    pub status: CertStatus,
    /// The belt for Six Sigma, the part for a partly passed CPIM, …
    pub detail: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// Skill kind, from the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    Hard,
    Soft,
}

/// Status of a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillStatus {
    Present,
    Absent,
}

/// A skill of the taxonomy and whether the resume shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SkillFinding {
    pub id: String,
    pub name: String,
    pub kind: SkillKind,
    pub status: SkillStatus,
    pub evidence: Vec<Evidence>,
}

/// Education level, ordered from lowest to highest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    None,
    HighSchool,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl EducationLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            EducationLevel::None => "none",
            EducationLevel::HighSchool => "high_school",
            EducationLevel::Associate => "associate",
            EducationLevel::Bachelor => "bachelor",
            EducationLevel::Master => "master",
            EducationLevel::Doctorate => "doctorate",
        }
    }

    /// Parses the snake_case id used in rule files and reports.
    pub fn from_id(id: &str) -> Option<Self> {
        Some(match id {
            "none" => EducationLevel::None,
            "high_school" | "high-school" => EducationLevel::HighSchool,
            "associate" => EducationLevel::Associate,
            "bachelor" => EducationLevel::Bachelor,
            "master" => EducationLevel::Master,
            "doctorate" => EducationLevel::Doctorate,
            _ => return None,
        })
    }
}

/// Highest completed education and whether it includes a qualifying engineering degree.
#[derive(Debug, Clone, Serialize)]
pub struct EducationFinding {
    pub highest: EducationLevel,
    pub engineering_degree: bool,
    pub evidence: Vec<Evidence>,
}

/// Career level (the guide's bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelId {
    Junior,
    Mid,
    Senior,
    Lead,
    Manager,
}

impl LevelId {
    pub fn as_str(self) -> &'static str {
        match self {
            LevelId::Junior => "junior",
            LevelId::Mid => "mid",
            LevelId::Senior => "senior",
            LevelId::Lead => "lead",
            LevelId::Manager => "manager",
        }
    }
}

/// One dated job counted towards experience.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// The job title, when one was recognised near the dates.
    pub title: Option<String>,
    /// First month, `YYYY-MM`.
    pub start: String,
    /// Last month, `YYYY-MM` (the `--as-of` month for "Present").
    pub end: String,
    pub months: u32,
    pub evidence: Evidence,
}

/// Level and experience.
#[derive(Debug, Clone, Serialize)]
pub struct LevelFinding {
    pub id: LevelId,
    /// Union of the months of dated jobs, in years to one decimal.
    pub years_experience: f64,
    /// The latest title, which decides `lead` and `manager`.
    pub latest_title: Option<String>,
    /// The dated jobs that were counted.
    pub jobs: Vec<Job>,
}

/// Bullets and quantified results.
#[derive(Debug, Clone, Serialize)]
pub struct AchievementsFinding {
    /// Bullet lines seen.
    pub bullets: u32,
    /// Bullets stating a measurable result.
    pub quantified: u32,
    /// The quantified bullets.
    pub examples: Vec<Evidence>,
    /// Bullets describing work without a measurable result (the guide asks to quantify them).
    pub to_quantify: Vec<Evidence>,
}

/// A problem or notable fact about the resume itself.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub id: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Everything analysis found in one document, independent of any role.
#[derive(Debug, Clone, Serialize)]
pub struct Findings {
    pub level: LevelFinding,
    pub education: EducationFinding,
    pub certifications: Vec<CertFinding>,
    pub skills: Vec<SkillFinding>,
    pub achievements: AchievementsFinding,
    pub flags: Vec<Flag>,
    /// Sections recognised, in order of appearance.
    pub sections: Vec<String>,
    pub contact: Contact,
}

/// Contact details found (only whether they are there; the values stay in the resume).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub email: bool,
    pub phone: bool,
}

/// Requirement severity, most severe first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Required,
    Recommended,
    Nice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Required => "required",
            Severity::Recommended => "recommended",
            Severity::Nice => "nice",
        }
    }
}

/// Where a requirement was defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementSource {
    /// `profile` or `posting`.
    pub kind: String,
    pub file: String,
    pub line: u32,
}

/// An unmet (or partly met) requirement, with advice.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub requirement: String,
    pub severity: Severity,
    pub weight: u32,
    pub message: String,
    pub advice: String,
    pub source: RequirementSource,
}

/// Points earned per requirement category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryScore {
    pub category: String,
    pub earned: f64,
    pub possible: f64,
    /// `earned / possible` as 0–100.
    pub score: u32,
}

/// A document scored against one role.
#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub role: RoleRef,
    pub score: u32,
    pub breakdown: Vec<CategoryScore>,
    pub gaps: Vec<Gap>,
}

/// A role's id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

/// One role's score, for `role_scores`.
#[derive(Debug, Clone, Serialize)]
pub struct RoleScore {
    pub id: String,
    pub score: u32,
}

/// Facts about the extracted document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub format: Format,
    pub pages: u32,
    pub chars: usize,
    pub warnings: Vec<String>,
}

/// `ok` or `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Error,
}

/// The analysis part of a successful result (flattened into [`FileResult`]).
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub document: DocumentInfo,
    pub role: RoleRef,
    pub role_scores: Vec<RoleScore>,
    pub score: u32,
    /// False when below `--min-score`.
    pub passed: bool,
    pub level: LevelFinding,
    pub education: EducationFinding,
    pub certifications: Vec<CertFinding>,
    pub skills: Vec<SkillFinding>,
    pub achievements: AchievementsFinding,
    pub flags: Vec<Flag>,
    pub sections: Vec<String>,
    pub breakdown: Vec<CategoryScore>,
    pub gaps: Vec<Gap>,
    /// With `--job`: what the posting asked for and whether this resume has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posting: Option<PostingReport>,
}

/// What a job posting (`--job`) asked for, checked against one resume.
#[derive(Debug, Clone, Serialize)]
pub struct PostingReport {
    /// The posting file.
    pub file: String,
    /// Requirements the posting added to (or replaced in) the role profile.
    pub requirements: Vec<PostingRequirementResult>,
    /// Terms the posting stresses that the taxonomy does not know.
    pub also_asked_for: Vec<AskedTermResult>,
}

/// One posting-derived requirement and whether the resume meets it.
#[derive(Debug, Clone, Serialize)]
pub struct PostingRequirementResult {
    /// `cert.cpt`, `skill.troubleshooting`, `education.bachelor`, `experience.years`, …
    pub requirement: String,
    /// What the posting asks for, in words ("at least 3 years of experience").
    pub name: String,
    pub severity: Severity,
    pub weight: u32,
    /// Fully met by the resume.
    pub met: bool,
    /// The posting line that asks for it.
    pub evidence: Evidence,
}

/// A term the posting asks for that is not in the taxonomy.
#[derive(Debug, Clone, Serialize)]
pub struct AskedTermResult {
    pub term: String,
    /// `required` when on a required line of the posting, else `recommended`.
    pub severity: Severity,
    /// How many posting lines name it.
    pub count: u32,
    /// Whether the resume names it.
    pub mentioned: bool,
    /// The posting line that first asks for it.
    pub posting_evidence: Evidence,
    /// Where the resume names it, if it does.
    pub resume_evidence: Option<Evidence>,
}

/// The result for one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    pub path: String,
    pub status: Status,
    pub error: Option<FileError>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Box<Checked>>,
}

impl FileResult {
    /// A failed file.
    pub fn failed(path: impl Into<String>, error: FileError) -> Self {
        FileResult {
            path: path.into(),
            status: Status::Error,
            error: Some(error),
            checked: None,
        }
    }

    /// A checked file.
    pub fn ok(path: impl Into<String>, checked: Checked) -> Self {
        FileResult {
            path: path.into(),
            status: Status::Ok,
            error: None,
            checked: Some(Box::new(checked)),
        }
    }
}

/// Counts over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub errors: usize,
    pub passed: usize,
    pub failed: usize,
}

impl Summary {
    /// Counts one result.
    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        match &result.checked {
            None => self.errors += 1,
            Some(c) => {
                self.ok += 1;
                if c.passed {
                    self.passed += 1;
                } else {
                    self.failed += 1;
                }
            }
        }
    }
}

/// The tool that wrote a report.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "rolefit",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// Facts about a run that every format may show.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: Tool,
    /// The "today" of the run, `YYYY-MM`.
    pub as_of: String,
    pub min_score: Option<u32>,
}
