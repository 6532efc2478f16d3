//! Scoring: [`Findings`] against one [`Profile`] → a [`Scorecard`] (docs/analysis.md, "Score and gaps").
//!
//! Each requirement earns a share of its weight: all of it when met, half for
//! a certification in progress, a proportional part for years of experience
//! and quantified achievements short of the minimum. The score is the earned
//! share of all weights, 0–100. Every requirement not fully met is a gap;
//! gaps are ordered by severity, then weight.

use crate::analyze::{CertStatus, Findings, SkillStatus};

use crate::rules::{AutoFit, Profile, Requirement, RequirementKind, RuleSet};
use crate::rules::{Severity, SkillKind};
use serde::Serialize;

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
    /// Score points the role's score would gain if this requirement were met in full.
    pub points: u32,
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
    /// The ids of the requirements met in full, in the profile's order.
    pub met: Vec<String>,
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

/// Points added, for choosing the best-fit role only, to a role whose title
/// words appear in the latest job title.
const TITLE_FIT_BONUS: u32 = 10;

/// Orders scorecards best fit first: the score, plus a lean towards the role
/// the latest title names (a BSME "Production Engineer" who also meets most
/// technician requirements is an engineer); a specialist role
/// (`auto_fit = "title"`) competes only when the title names it. Ties keep
/// the profiles' order.
pub fn rank(mut cards: Vec<Scorecard>, findings: &Findings, rules: &RuleSet) -> Vec<Scorecard> {
    let title = findings
        .level
        .latest_title
        .as_deref()
        .unwrap_or("")
        .to_lowercase();
    let fit = |card: &Scorecard| -> (bool, u32) {
        let profile = rules.profile(&card.role.id);
        let named = profile.is_some_and(|p| {
            p.titles
                .iter()
                .any(|t| title.split(|c: char| !c.is_alphanumeric()).any(|w| w == t))
        });
        let eligible = named || profile.is_none_or(|p| p.auto_fit == AutoFit::Score);
        (
            eligible,
            card.score + if named { TITLE_FIT_BONUS } else { 0 },
        )
    };
    cards.sort_by_key(|c| std::cmp::Reverse(fit(c)));
    cards
}

/// Why `ranked[0]` (from [`rank`]) was chosen over a role that scores
/// higher, or `None` when the best fit is the highest score.
pub fn fit_reason(ranked: &[Scorecard], findings: &Findings, rules: &RuleSet) -> Option<String> {
    let best = ranked.first()?;
    let higher = ranked
        .iter()
        .filter(|c| c.score > best.score)
        .max_by_key(|c| c.score)?;
    let title = findings.level.latest_title.as_deref();
    let title_text = match title {
        Some(t) => format!("the latest title \"{t}\""),
        None => "no latest job title was found, and".into(),
    };
    let specialist = rules
        .profile(&higher.role.id)
        .is_some_and(|p| p.auto_fit == AutoFit::Title);
    Some(if specialist && title.is_some() {
        format!(
            "{} scores {} but is a specialist role (auto_fit = \"title\"): it is the best fit only when the latest job title names it, and {title_text} does not",
            higher.role.id, higher.score
        )
    } else if specialist {
        format!(
            "{} scores {} but is a specialist role (auto_fit = \"title\"): it is the best fit only when the latest job title names it; {title_text}",
            higher.role.id, higher.score
        )
    } else {
        format!(
            "{} scores {}, but {title_text} names {}, which counts {TITLE_FIT_BONUS} points towards the best fit",
            higher.role.id, higher.score, best.role.name
        )
    })
}

/// Scores `findings` against `profile`.
pub fn score(findings: &Findings, profile: &Profile, rules: &RuleSet) -> Scorecard {
    let mut categories: Vec<CategoryScore> = Vec::new();
    let mut gaps = Vec::new();
    let mut met = Vec::new();
    // Each gap's missing points (weight × unmet share), for its `points`.
    let mut missing: Vec<f64> = Vec::new();
    let (mut earned_total, mut possible_total) = (0.0, 0.0);
    for req in &profile.requirements {
        let (credit, note) = credit(findings, req);
        let weight = req.weight as f64;
        let category = category(req, rules);
        let entry = match categories.iter_mut().position(|c| c.category == category) {
            Some(i) => &mut categories[i],
            None => {
                categories.push(CategoryScore {
                    category: category.to_string(),
                    earned: 0.0,
                    possible: 0.0,
                    score: 0,
                });
                categories.last_mut().expect("just pushed")
            }
        };
        entry.earned += credit * weight;
        entry.possible += weight;
        earned_total += credit * weight;
        possible_total += weight;
        if credit >= 1.0 {
            met.push(req.id.clone());
        } else {
            let message = match note {
                Some(n) => format!("{} ({n})", req.message),
                None => req.message.clone(),
            };
            gaps.push(Gap {
                requirement: req.id.clone(),
                severity: req.severity,
                weight: req.weight,
                message,
                advice: req.advice.clone(),
                source: RequirementSource {
                    kind: req.origin.as_str().into(),
                    file: req.file.clone(),
                    line: req.line,
                },
                points: 0,
            });
            missing.push((1.0 - credit) * weight);
        }
    }
    let score = percent(earned_total, possible_total);
    for (gap, lost) in gaps.iter_mut().zip(&missing) {
        gap.points = percent(earned_total + lost, possible_total).saturating_sub(score);
    }
    for c in &mut categories {
        c.earned = round1(c.earned);
        c.score = percent(c.earned, c.possible);
    }
    gaps.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.weight.cmp(&a.weight))
            .then(a.requirement.cmp(&b.requirement))
    });
    Scorecard {
        role: RoleRef {
            id: profile.id.clone(),
            name: profile.name.clone(),
        },
        score,
        breakdown: categories,
        met,
        gaps,
    }
}

/// Whether the findings fully meet a requirement of this kind (what
/// `--require` keeps).
pub fn meets(f: &Findings, kind: &RequirementKind) -> bool {
    credit_kind(f, kind).0 >= 1.0
}

/// The share of a requirement met (0–1), with a note for partial credit.
fn credit(f: &Findings, req: &Requirement) -> (f64, Option<String>) {
    credit_kind(f, &req.kind)
}

fn credit_kind(f: &Findings, kind: &RequirementKind) -> (f64, Option<String>) {
    let whole = |met: bool| (if met { 1.0 } else { 0.0 }, None);
    match kind {
        RequirementKind::Certification(id) => match f.certifications.iter().find(|c| &c.id == id) {
            Some(c) if c.status == CertStatus::Held => (1.0, None),
            Some(c) if c.status == CertStatus::InProgress => (0.5, Some("in progress".into())),
            _ => (0.0, None),
        },
        RequirementKind::Skill(id) => whole(
            f.skills
                .iter()
                .any(|s| &s.id == id && s.status == SkillStatus::Present),
        ),
        RequirementKind::Education(level) => whole(f.education.highest >= *level),
        RequirementKind::EngineeringDegree => whole(f.education.engineering_degree),
        RequirementKind::ExperienceYears(min) => {
            let years = f.level.years_experience;
            if *min <= 0.0 || years >= *min {
                (1.0, None)
            } else {
                (years / min, Some(format!("{years:.1} of {min} years")))
            }
        }
        RequirementKind::QuantifiedAchievements(min) => {
            let q = f.achievements.quantified;
            if *min == 0 || q >= *min {
                (1.0, None)
            } else {
                (q as f64 / *min as f64, Some(format!("{q} of {min}")))
            }
        }
        RequirementKind::Section(name) => whole(f.sections.contains(name)),
        RequirementKind::ContactEmail => whole(f.contact.email),
        RequirementKind::ContactPhone => whole(f.contact.phone),
    }
}

fn category(req: &Requirement, rules: &RuleSet) -> &'static str {
    match &req.kind {
        RequirementKind::Certification(_) => "certifications",
        RequirementKind::Skill(id) => match rules.skill(id).map(|s| s.kind) {
            Some(SkillKind::Soft) => "soft_skills",
            _ => "technical_skills",
        },
        RequirementKind::Education(_) | RequirementKind::EngineeringDegree => "education",
        RequirementKind::ExperienceYears(_) => "experience",
        RequirementKind::QuantifiedAchievements(_) => "achievements",
        RequirementKind::Section(_)
        | RequirementKind::ContactEmail
        | RequirementKind::ContactPhone => "presentation",
    }
}

fn percent(earned: f64, possible: f64) -> u32 {
    if possible <= 0.0 {
        return 100;
    }
    ((earned / possible) * 100.0).round().clamp(0.0, 100.0) as u32
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
