//! The closed vocabulary that rule files, analysis, scoring and reports
//! share: requirement severities, skill kinds, education levels and the
//! sections of a resume. Each is an enum until a renderer writes it.

use serde::{Deserialize, Serialize};

/// Requirement severity, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// Skill kind, from the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    Hard,
    Soft,
}

/// Education level, ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// The sections rolefit knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Summary,
    Experience,
    Military,
    Education,
    Skills,
    Certifications,
    Projects,
    Activities,
    Achievements,
    Interests,
    References,
    Contact,
    /// A heading rolefit does not know.
    Other,
}

impl Section {
    /// The name used in evidence and flags.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Experience => "experience",
            Section::Military => "military",
            Section::Education => "education",
            Section::Skills => "skills",
            Section::Certifications => "certifications",
            Section::Projects => "projects",
            Section::Activities => "activities",
            Section::Achievements => "achievements",
            Section::Interests => "interests",
            Section::References => "references",
            Section::Contact => "contact",
            Section::Other => "other",
        }
    }

    /// Every section, in declaration order.
    pub const ALL: [Section; 13] = [
        Section::Summary,
        Section::Experience,
        Section::Military,
        Section::Education,
        Section::Skills,
        Section::Certifications,
        Section::Projects,
        Section::Activities,
        Section::Achievements,
        Section::Interests,
        Section::References,
        Section::Contact,
        Section::Other,
    ];

    /// Parses the name used in evidence, flags and rule files.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.as_str() == id)
    }
}

impl std::fmt::Display for EducationLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
