//! Analysis: a [`Document`] → [`Findings`] (sections, certifications, skills,
//! education, experience and level, achievements, flags), independent of any role.

pub mod dates;

use crate::document::Document;
use crate::report::{
    AchievementsFinding, Contact, EducationFinding, EducationLevel, Findings, LevelFinding, LevelId,
};
use crate::rules::RuleSet;
use dates::YearMonth;

/// The taxonomy compiled for matching; build once, use for every document.
pub struct Analyzer {
    rules: RuleSet,
}

impl Analyzer {
    pub fn new(rules: &RuleSet) -> Analyzer {
        Analyzer {
            rules: rules.clone(),
        }
    }

    /// Analyses one document; `as_of` is the month "Present" means.
    pub fn analyze(&self, _doc: &Document, _as_of: YearMonth) -> Findings {
        let _ = &self.rules;
        Findings {
            level: LevelFinding {
                id: LevelId::Junior,
                years_experience: 0.0,
                latest_title: None,
                jobs: vec![],
            },
            education: EducationFinding {
                highest: EducationLevel::None,
                engineering_degree: false,
                evidence: vec![],
            },
            certifications: vec![],
            skills: vec![],
            achievements: AchievementsFinding {
                bullets: 0,
                quantified: 0,
                examples: vec![],
                to_quantify: vec![],
            },
            flags: vec![],
            sections: vec![],
            contact: Contact::default(),
        }
    }
}
