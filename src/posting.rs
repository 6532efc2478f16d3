//! Job postings (`rolefit check --job FILE`): the requirements a posting
//! states, layered over a role profile.
//!
//! A posting is extracted like a resume ([`crate::extract`]), then:
//! - its lines are split into parts ([`parse`]): required ("Requirements",
//!   "Must have", "Minimum qualifications"), preferred ("Preferred", "Nice to
//!   have", "Bonus"), duties, and parts that say nothing about the candidate
//!   ("About us", "Benefits"); a line saying "X is a plus" is preferred
//!   wherever it stands;
//! - the taxonomy skills and certifications it names are the ones the
//!   analyser finds in it (the same matcher as for resumes, so aliases and
//!   context rules apply), each cited at its posting line;
//! - minimum years of experience and degrees are read from its sentences;
//! - terms it stresses that the taxonomy lacks ("Allen-Bradley PLC", "Siemens S7")
//!   are kept as "also asked for" ([`terms`]).
//!
//! [`layer`] turns these into requirements over a profile: required → severity
//! `required`, preferred or duties → `recommended`, weighted above the
//! profile's own requirement of the same id, and cited as `posting` sources.

pub mod parse;
pub mod terms;

use std::collections::HashMap;

use crate::analyze::Analyzer;
use crate::analyze::{Evidence, Findings, SkillStatus};
use crate::extract::Document;
use crate::month::YearMonth;
use crate::rules::{EducationLevel, Severity};
use crate::rules::{Profile, Requirement, RequirementKind, RequirementOrigin, RuleSet};
use crate::score::Gap;

pub use parse::Part;
use serde::Serialize;

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
    /// The part of the posting that asks for it (`required`, `preferred`, `duties`, …).
    pub part: Part,
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
    /// The part of the posting that first asks for it.
    pub part: Part,
    /// How many posting lines name it.
    pub count: u32,
    /// Whether the resume names it.
    pub mentioned: bool,
    /// The posting line that first asks for it.
    pub posting_evidence: Evidence,
    /// Where the resume names it, if it does.
    pub resume_evidence: Option<Evidence>,
}

/// A parsed job posting.
#[derive(Debug, Clone)]
pub struct Posting {
    /// The posting's path as given, for citations.
    pub file: String,
    pub requirements: Vec<PostingRequirement>,
    /// Terms outside the taxonomy that the posting asks for.
    pub terms: Vec<terms::AskedTerm>,
}

/// One requirement a posting states.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingRequirement {
    /// A requirement id, as in profiles: `cert.cpt`, `skill.troubleshooting`,
    /// `education.bachelor`, `education.engineering-degree`, `experience.years`.
    pub id: String,
    pub kind: RequirementKind,
    /// Required or preferred (preferred and duties → not required).
    pub part: Part,
    /// What is asked, in words: "CPT", "3+ years of experience", "a bachelor's degree".
    pub what: String,
    /// The posting line that asks for it.
    pub evidence: Evidence,
}

impl PostingRequirement {
    /// `required` for the required part, else `recommended`.
    pub fn severity(&self) -> Severity {
        match self.part {
            Part::Required => Severity::Required,
            _ => Severity::Recommended,
        }
    }
}

impl Posting {
    /// Parses an extracted posting with the analyzer that reads the resumes,
    /// so the same aliases, patterns and context rules find its terms.
    pub fn from_document(
        file: &str,
        doc: &Document,
        analyzer: &Analyzer,
        as_of: YearMonth,
    ) -> Posting {
        Self::from_findings(file, doc, &analyzer.analyze(doc, as_of), analyzer)
    }

    /// Parses a posting whose taxonomy terms `findings` lists.
    pub(crate) fn from_findings(
        file: &str,
        doc: &Document,
        findings: &Findings,
        analyzer: &Analyzer,
    ) -> Posting {
        let words = analyzer.posting_words();
        let (parts, sections) = words.parts(doc);
        let index: HashMap<(Option<u32>, u32), usize> = doc
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| ((l.page, l.number), i))
            .collect();
        let mut requirements = Vec::new();

        // Taxonomy terms: the analyser's evidence lines, ranked by part.
        let mut named = |id: String, kind: RequirementKind, what: &str, evidence: &[Evidence]| {
            let best = evidence
                .iter()
                .filter_map(|e| index.get(&(e.page, e.line)).map(|&i| (parts[i], e)))
                .filter(|(p, _)| !matches!(p, Part::Ignored | Part::Intro))
                .min_by_key(|(p, e)| (p.rank(), e.page, e.line));
            if let Some((part, e)) = best {
                requirements.push(PostingRequirement {
                    id,
                    kind,
                    part,
                    what: what.to_string(),
                    evidence: Evidence {
                        section: None,
                        ..e.clone()
                    },
                });
            }
        };
        for c in &findings.certifications {
            if !c.evidence.is_empty() {
                named(
                    format!("cert.{}", c.id),
                    RequirementKind::Certification(c.id.clone()),
                    &c.name,
                    &c.evidence,
                );
            }
        }
        for s in &findings.skills {
            if !s.evidence.is_empty() || s.status == SkillStatus::Present {
                named(
                    format!("skill.{}", s.id),
                    RequirementKind::Skill(s.id.clone()),
                    &lower_first(&s.name),
                    &s.evidence,
                );
            }
        }

        let line_evidence = |i: usize, part: Part| {
            let _ = part;
            let l = &doc.lines[i];
            Evidence {
                page: l.page,
                line: l.number,
                section: None,
                text: l.text.clone(),
                locator: l.locator.clone(),
            }
        };

        // Minimum years: per line the smallest alternative; over the posting the
        // largest minimum of the strongest part that states one.
        let mut years: Option<(Part, f64, usize)> = None;
        for (i, line) in doc.lines.iter().enumerate() {
            if parts[i] == Part::Ignored {
                continue;
            }
            for y in words.years(&line.norm, sections[i]) {
                let better = match years {
                    None => true,
                    Some((p, v, _)) => {
                        y.part.rank() < p.rank() || (y.part.rank() == p.rank() && y.years > v)
                    }
                };
                if better {
                    years = Some((y.part, y.years, i));
                }
            }
        }
        if let Some((part, min, i)) = years {
            requirements.push(PostingRequirement {
                id: "experience.years".into(),
                kind: RequirementKind::ExperienceYears(min),
                part,
                what: format!("at least {} of experience", plural_years(min)),
                evidence: line_evidence(i, part),
            });
        }

        // Degrees: one requirement per level (and one for an engineering degree),
        // at the strongest part that asks for it.
        let mut degrees: Vec<(String, RequirementKind, Part, String, usize)> = Vec::new();
        let mut add_degree =
            |id: String, kind: RequirementKind, part: Part, what: String, i: usize| match degrees
                .iter_mut()
                .find(|d| d.0 == id)
            {
                Some(d) if part.rank() < d.2.rank() => *d = (id, kind, part, what, i),
                Some(_) => {}
                None => degrees.push((id, kind, part, what, i)),
            };
        for (i, line) in doc.lines.iter().enumerate() {
            if parts[i] == Part::Ignored {
                continue;
            }
            for d in words.degrees(&line.norm, sections[i]) {
                add_degree(
                    format!("education.{}", d.level.as_str()),
                    RequirementKind::Education(d.level),
                    d.part,
                    degree_name(d.level),
                    i,
                );
                if d.engineering {
                    add_degree(
                        "education.engineering-degree".into(),
                        RequirementKind::EngineeringDegree,
                        d.part,
                        "an engineering degree (industrial, mechanical, electrical or manufacturing)".into(),
                        i,
                    );
                }
            }
        }
        for (id, kind, part, what, i) in degrees {
            requirements.push(PostingRequirement {
                id,
                kind,
                part,
                what,
                evidence: line_evidence(i, part),
            });
        }

        requirements.sort_by_key(|r| (r.part.rank(), r.evidence.page, r.evidence.line));
        let terms = terms::asked_terms(doc, &parts, analyzer);
        Posting {
            file: file.to_string(),
            requirements,
            terms,
        }
    }
}

/// "Mentoring" → "mentoring", but "CAD/CAM software" stays.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

fn plural_years(min: f64) -> String {
    if (min - 1.0).abs() < f64::EPSILON {
        "1 year".into()
    } else if min.fract() == 0.0 {
        format!("{min:.0} years")
    } else {
        format!("{min:.1} years")
    }
}

fn degree_name(level: EducationLevel) -> String {
    match level {
        EducationLevel::None => "no degree",
        EducationLevel::HighSchool => "a high school diploma or GED",
        EducationLevel::Associate => "an associate degree",
        EducationLevel::Bachelor => "a bachelor's degree",
        EducationLevel::Master => "a master's degree",
        EducationLevel::Doctorate => "a doctorate",
    }
    .to_string()
}

/// Default weights for posting requirements the profile does not have.
const DEFAULT_WEIGHT_REQUIRED: u32 = 10;
const DEFAULT_WEIGHT_RECOMMENDED: u32 = 5;

/// The profile with the posting's requirements layered over it: a posting
/// requirement replaces the profile's requirement of the same id (keeping its
/// advice) with the posting's severity and a weight above the profile's; the
/// others are added. Every posting requirement cites the posting's line.
pub fn layer(profile: &Profile, posting: &Posting, rules: &RuleSet) -> Profile {
    let mut out = profile.clone();
    for pr in &posting.requirements {
        let severity = pr.severity();
        let existing = out.requirements.iter().position(|r| r.id == pr.id);
        // The profile's usual weight for this severity, or its own weight for
        // this id when heavier; then half as much again (at least one more).
        let weights: Vec<u32> = profile
            .requirements
            .iter()
            .filter(|r| r.severity == severity)
            .map(|r| r.weight)
            .collect();
        let typical = if weights.is_empty() {
            match severity {
                Severity::Required => DEFAULT_WEIGHT_REQUIRED,
                _ => DEFAULT_WEIGHT_RECOMMENDED,
            }
        } else {
            (weights.iter().sum::<u32>() as f64 / weights.len() as f64).round() as u32
        };
        let own = existing.map_or(0, |k| out.requirements[k].weight);
        let base = typical.max(own);
        // Above the profile's own: half as much again, at least one more.
        let weight = base.max(1) + (base / 2).max(1);
        let lead = match pr.part {
            Part::Required => "The posting requires",
            Part::Preferred => "The posting prefers",
            _ => "The posting's duties include",
        };
        let message = format!("{lead} {} (posting line {})", pr.what, pr.evidence.line);
        let advice = match existing {
            Some(k) if !out.requirements[k].advice.trim().is_empty() => {
                out.requirements[k].advice.clone()
            }
            _ => default_advice(pr, rules),
        };
        let req = Requirement {
            id: pr.id.clone(),
            kind: pr.kind.clone(),
            severity,
            weight,
            message,
            advice,
            source: format!(
                "job posting {}, line {}: {}",
                posting.file,
                pr.evidence.line,
                pr.evidence.text.trim()
            ),
            file: posting.file.clone(),
            line: pr.evidence.line,
            origin: RequirementOrigin::Posting,
        };
        match existing {
            Some(k) => out.requirements[k] = req,
            None => out.requirements.push(req),
        }
    }
    out
}

fn default_advice(pr: &PostingRequirement, rules: &RuleSet) -> String {
    let quoted = shorten(pr.evidence.text.trim(), 120);
    match &pr.kind {
        RequirementKind::Certification(id) => {
            let name = rules.certification(id).map(|c| c.term.name.as_str()).unwrap_or(id);
            format!(
                "The posting names {name} (\"{quoted}\"). If you hold it, list it under Certifications with the year earned; if you are working toward it, say so and when you expect to finish."
            )
        }
        RequirementKind::Skill(id) => {
            let name = rules.skill(id).map(|s| s.term.name.as_str()).unwrap_or(id);
            format!(
                "The posting asks for {} (\"{quoted}\"). If you have done it, add a bullet that shows you doing it, with a result, in the posting's words.",
                lower_first(name)
            )
        }
        RequirementKind::ExperienceYears(_) => format!(
            "The posting asks for {} (\"{quoted}\"). Give every job its start and end month so the years can be counted; include co-ops, internships and military service.",
            pr.what
        ),
        _ => format!(
            "The posting asks for {} (\"{quoted}\"). If you have it, give it its own line under Education with the field and the year completed.",
            pr.what
        ),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

/// What the posting asked for, checked against one resume: the posting's
/// requirements in the scored (layered) profile, met unless a gap names them,
/// and the "also asked for" terms looked up in the resume.
pub fn report(
    posting: &Posting,
    scored: &Profile,
    gaps: &[Gap],
    resume: &Document,
) -> PostingReport {
    let requirements = posting
        .requirements
        .iter()
        .filter_map(|pr| {
            let r = scored
                .requirements
                .iter()
                .find(|r| r.id == pr.id && r.origin == RequirementOrigin::Posting)?;
            Some(PostingRequirementResult {
                requirement: pr.id.clone(),
                name: pr.what.clone(),
                severity: r.severity,
                weight: r.weight,
                part: pr.part,
                met: !gaps.iter().any(|g| g.requirement == pr.id),
                evidence: pr.evidence.clone(),
            })
        })
        .collect();
    let also_asked_for = posting
        .terms
        .iter()
        .map(|t| {
            let found = t.find_in(resume);
            AskedTermResult {
                term: t.term.clone(),
                severity: t.severity(),
                part: t.part,
                count: t.count,
                mentioned: found.is_some(),
                posting_evidence: t.evidence.clone(),
                resume_evidence: found,
            }
        })
        .collect();
    PostingReport {
        file: posting.file.clone(),
        requirements,
        also_asked_for,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{
        AchievementsFinding, CertFinding, CertStatus, Contact, EducationFinding, LevelFinding,
        LevelId, SkillFinding,
    };
    use crate::extract::{Format, RawLine};
    use crate::rules::SkillKind;

    use std::sync::Arc;

    fn analyzer() -> Analyzer {
        Analyzer::new(Arc::new(RuleSet::builtin()))
    }

    fn doc(text: &str) -> Document {
        Document::new(
            Format::Text,
            text.lines().map(RawLine::plain).collect(),
            vec![],
        )
    }

    fn ev(doc: &Document, line: u32) -> Evidence {
        Evidence {
            page: None,
            line,
            section: None,
            text: doc.lines[line as usize - 1].text.clone(),
            locator: None,
        }
    }

    fn findings(certs: Vec<CertFinding>, skills: Vec<SkillFinding>) -> Findings {
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
            certifications: certs,
            skills,
            achievements: AchievementsFinding {
                bullets: 0,
                quantified: 0,
                examples: vec![],
                to_quantify: vec![],
                inferred: false,
            },
            flags: vec![],
            sections: vec![],
            contact: Contact::default(),
            heading_lines: Vec::new(),
        }
    }

    const POSTING: &str = "Production Technician\n\
        About Us\n\
        Acme Plastics has run injection molding lines since 1962.\n\
        Responsibilities\n\
        - Perform preventive maintenance on molding presses\n\
        Requirements\n\
        - High school diploma or GED required; associate degree in electronics preferred\n\
        - 3+ years of experience in a manufacturing environment\n\
        - MSSC Certified Production Technician (CPT)\n\
        Preferred Qualifications\n\
        - Six Sigma Yellow Belt\n\
        - Experience with Allen-Bradley PLC and SAP\n";

    fn sample() -> (Document, Findings) {
        let d = doc(POSTING);
        let f = findings(
            vec![
                CertFinding {
                    id: "cpt".into(),
                    name: "Certified Production Technician".into(),
                    status: CertStatus::Held,
                    detail: None,
                    evidence: vec![ev(&d, 9)],
                },
                CertFinding {
                    id: "six-sigma".into(),
                    name: "Six Sigma".into(),
                    status: CertStatus::Held,
                    detail: Some("yellow".into()),
                    evidence: vec![ev(&d, 11)],
                },
            ],
            vec![
                SkillFinding {
                    id: "preventive-maintenance".into(),
                    name: "Preventive maintenance".into(),
                    kind: SkillKind::Hard,
                    status: SkillStatus::Present,
                    evidence: vec![ev(&d, 5)],
                },
                SkillFinding {
                    id: "injection-molding".into(),
                    name: "Injection molding".into(),
                    kind: SkillKind::Hard,
                    status: SkillStatus::Present,
                    // Named only in "About us": not a requirement.
                    evidence: vec![ev(&d, 3)],
                },
            ],
        );
        (d, f)
    }

    fn find<'a>(p: &'a Posting, id: &str) -> &'a PostingRequirement {
        p.requirements
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} not found in {:#?}", p.requirements))
    }

    #[test]
    fn parts_years_degrees_and_taxonomy_terms() {
        let (d, f) = sample();
        let p = Posting::from_findings("job.txt", &d, &f, &analyzer());
        let cpt = find(&p, "cert.cpt");
        assert_eq!((cpt.part, cpt.evidence.line), (Part::Required, 9));
        let ss = find(&p, "cert.six-sigma");
        assert_eq!((ss.part, ss.evidence.line), (Part::Preferred, 11));
        let pm = find(&p, "skill.preventive-maintenance");
        assert_eq!((pm.part, pm.evidence.line), (Part::Duties, 5));
        assert!(p
            .requirements
            .iter()
            .all(|r| r.id != "skill.injection-molding"));
        let y = find(&p, "experience.years");
        assert_eq!(
            (y.kind.clone(), y.part, y.evidence.line),
            (RequirementKind::ExperienceYears(3.0), Part::Required, 8)
        );
        let hs = find(&p, "education.high_school");
        assert_eq!((hs.part, hs.evidence.line), (Part::Required, 7));
        let assoc = find(&p, "education.associate");
        assert_eq!((assoc.part, assoc.evidence.line), (Part::Preferred, 7));
        assert!(p
            .requirements
            .iter()
            .all(|r| r.id != "education.engineering-degree"));
        let terms: Vec<&str> = p.terms.iter().map(|t| t.term.as_str()).collect();
        assert!(terms.contains(&"Allen-Bradley PLC"), "{terms:?}");
        // "SAP" is an alias of the taxonomy's `resource-planning`; MSSC issues `cpt`.
        assert!(!terms.contains(&"SAP"), "{terms:?}");
        assert!(!terms.contains(&"MSSC"), "{terms:?}");
        assert!(!terms.iter().any(|t| t.contains("Acme")), "{terms:?}");
    }

    fn parsed(text: &str) -> Vec<(String, Part, u32)> {
        let d = doc(text);
        let p = Posting::from_findings("p.txt", &d, &findings(vec![], vec![]), &analyzer());
        p.requirements
            .iter()
            .map(|r| (r.id.clone(), r.part, r.evidence.line))
            .collect()
    }

    #[test]
    fn postings_in_other_shapes() {
        let got = parsed(
            "Quality Technician\n\
             Qualifications:\n\
             High school diploma or equivalent; Associate's degree in a technical field preferred.\n\
             Minimum 3 years of inspection experience.\n",
        );
        assert!(
            got.contains(&("education.high_school".into(), Part::Required, 3)),
            "{got:?}"
        );
        assert!(
            got.contains(&("education.associate".into(), Part::Preferred, 3)),
            "{got:?}"
        );
        assert!(
            got.contains(&("experience.years".into(), Part::Required, 4)),
            "{got:?}"
        );

        let got = parsed(
            "Production Operator\n\
             Requirements: 1 year of manufacturing experience, forklift experience a plus, HS diploma/GED. Must pass a drug screen.\n",
        );
        assert!(
            got.contains(&("experience.years".into(), Part::Required, 2)),
            "{got:?}"
        );
        assert!(
            got.contains(&("education.high_school".into(), Part::Required, 2)),
            "{got:?}"
        );

        let got = parsed(
            "Supervisor\n\
             You have:\n\
             - 3 years of supervisory experience\n\
             It would be great if you have:\n\
             - A bachelor's degree in Business\n\
             Benefits: tuition help for a master's degree\n\
             Pay: $25.00 per hour for 2 years of experience\n",
        );
        assert_eq!(
            got,
            vec![
                ("experience.years".into(), Part::Required, 3),
                ("education.bachelor".into(), Part::Preferred, 5),
            ]
        );
    }

    fn profile() -> Profile {
        let req = |id: &str, kind: RequirementKind, severity: Severity, weight: u32| Requirement {
            id: id.into(),
            kind,
            severity,
            weight,
            message: format!("no {id}"),
            advice: format!("advice for {id}"),
            source: "guide".into(),
            file: "rules/p.toml".into(),
            line: 3,
            origin: RequirementOrigin::Profile,
        };
        Profile {
            id: "p".into(),
            name: "P".into(),
            description: String::new(),
            file: "rules/p.toml".into(),
            extends: None,
            titles: vec![],
            auto_fit: crate::rules::AutoFit::Score,
            requirements: vec![
                req(
                    "cert.cpt",
                    RequirementKind::Certification("cpt".into()),
                    Severity::Recommended,
                    6,
                ),
                req(
                    "experience.years",
                    RequirementKind::ExperienceYears(1.0),
                    Severity::Required,
                    12,
                ),
                req(
                    "skill.teamwork",
                    RequirementKind::Skill("teamwork".into()),
                    Severity::Nice,
                    2,
                ),
            ],
        }
    }

    #[test]
    fn layering_replaces_same_id_above_the_profile_weight_and_cites_the_posting() {
        let (d, f) = sample();
        let posting = Posting::from_findings("job.txt", &d, &f, &analyzer());
        let base = profile();
        let merged = layer(&base, &posting, &RuleSet::builtin());
        let cpt = merged
            .requirements
            .iter()
            .find(|r| r.id == "cert.cpt")
            .unwrap();
        assert_eq!(cpt.severity, Severity::Required);
        assert!(cpt.weight > 6, "{}", cpt.weight);
        assert_eq!(
            (cpt.origin, cpt.file.as_str(), cpt.line),
            (RequirementOrigin::Posting, "job.txt", 9)
        );
        assert_eq!(cpt.advice, "advice for cert.cpt");
        let years = merged
            .requirements
            .iter()
            .find(|r| r.id == "experience.years")
            .unwrap();
        assert_eq!(years.kind, RequirementKind::ExperienceYears(3.0));
        assert!(years.weight > 12);
        // Untouched profile requirements stay as they were; ids stay unique.
        let team = merged
            .requirements
            .iter()
            .find(|r| r.id == "skill.teamwork")
            .unwrap();
        assert_eq!((team.origin, team.weight), (RequirementOrigin::Profile, 2));
        let mut ids: Vec<&str> = merged.requirements.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        // Added ones weigh more than the profile's typical weight of their severity.
        let ss = merged
            .requirements
            .iter()
            .find(|r| r.id == "cert.six-sigma")
            .unwrap();
        assert_eq!(ss.severity, Severity::Recommended);
        assert!(ss.weight > 6);
    }
}
