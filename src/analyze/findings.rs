//! What analysis finds in one document, independent of any role: the
//! stage's output type. Serialised as part of each JSON result.

use serde::Serialize;

use crate::rules::{EducationLevel, Section, SkillKind};

/// Where a finding was seen: page (paged formats), line, section and the line's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub page: Option<u32>,
    pub line: u32,
    /// The section the line belongs to (`experience`, `skills`, …), if any.
    pub section: Option<Section>,
    /// The original text of the line (and of the next, when the match
    /// crosses the line end).
    pub text: String,
    /// The words matched, lower-cased, when a term was matched on the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    /// A path inside a structured source (JSON Resume), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Read by OCR from an image of the page: it may hold recognition errors.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

impl Evidence {
    /// `page 2, line 14` or `line 14`, and `(OCR)` when OCR read it.
    pub fn location(&self) -> String {
        let at = match self.page {
            Some(p) => format!("page {p}, line {}", self.line),
            None => format!("line {}", self.line),
        };
        if self.ocr {
            format!("{at} (OCR)")
        } else {
            at
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

/// Highest completed education and whether it includes a qualifying engineering degree.
#[derive(Debug, Clone, Serialize)]
pub struct EducationFinding {
    pub highest: EducationLevel,
    pub engineering_degree: bool,
    pub evidence: Vec<Evidence>,
}

/// Career level (the guide's bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    /// The resume marks no list item at all, so its bullets were inferred:
    /// the experience lines that start with an action verb.
    pub inferred: bool,
}

/// A problem or notable fact about the resume itself.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub id: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The flag of a text that does not look like a resume.
pub const NOT_A_RESUME: &str = "not-a-resume";
/// The flag of a text that does not look like English.
pub const NOT_ENGLISH: &str = "not-english";

impl Flag {
    /// Whether the flag questions the input itself (`not-a-resume`,
    /// `not-english`): the score is still given, but marked.
    pub fn doubts_input(&self) -> bool {
        self.id == NOT_A_RESUME || self.id == NOT_ENGLISH
    }
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
    pub sections: Vec<Section>,
    pub contact: Contact,
    /// Who the resume is from.
    pub candidate: Candidate,
    /// A MinHash of the text, to group the files of one application; not
    /// reported.
    #[serde(skip)]
    pub fingerprint: Fingerprint,
    /// The heading lines (index into the document's lines) and the section
    /// each opens, for the ATS check; not reported.
    #[serde(skip)]
    pub heading_lines: Vec<(usize, Section)>,
}

impl Findings {
    /// The flags that question the input itself.
    pub fn input_doubts(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|f| f.doubts_input())
    }
}

/// The candidate as a recruiter contacts them: what the resume's first
/// lines, contact section and link targets say (absent when not found).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// "Dayton, OH", as written.
    pub location: Option<String>,
    /// Web addresses (LinkedIn, a portfolio), at most five.
    pub links: Vec<String>,
}

/// How many hashes a [`Fingerprint`] keeps.
pub const FINGERPRINT_SIZE: usize = 64;

/// A MinHash of a text's three-word shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub [u64; FINGERPRINT_SIZE]);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint([u64::MAX; FINGERPRINT_SIZE])
    }
}

impl Fingerprint {
    /// The share of the hashes two texts agree on: an estimate of how many
    /// of their three-word shingles they share (1.0 for the same text).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / FINGERPRINT_SIZE as f64
    }
}

/// Whether an e-mail address and a phone number were found (their values are in [`Candidate`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub email: bool,
    pub phone: bool,
}

impl std::fmt::Display for LevelId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
