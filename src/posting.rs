//! Job postings (`rolefit check --job FILE`): the requirements a posting
//! states, layered over a role profile.
//!
//! A posting is extracted like a resume ([`crate::extract`]), then read on
//! its own terms ([`parse`]):
//! - its lines are cut into units — sentences, list items, and headings run
//!   into their text ([`units`]) — and each unit is placed in a part:
//!   required ("Requirements", "What you'll bring", "Must have"), preferred
//!   ("Preferred", "Nice to have", "You might also have"), duties, or parts
//!   that ask nothing ("About us", "Benefits", pay, equal opportunity,
//!   company blurbs, judged per sentence);
//! - each mention takes the severity of the markers of its clause ("X
//!   required; Y preferred", "(FANUC preferred)" qualifies FANUC only), else
//!   its unit's part; a requirement counts once, at its strongest mention;
//! - the taxonomy's certifications and skills are found with the resume
//!   matchers' aliases, but not their resume context rules ("familiarity
//!   with 5S" asks for 5S), and not in posting boilerplate ("highly
//!   motivated", "reports to");
//! - minimum years of experience and the degree floor are read from its
//!   sentences;
//! - terms it asks for that the taxonomy lacks ("Allen-Bradley PLC", "IATF
//!   16949") are kept as "also asked for" ([`terms`]).
//!
//! [`layer`] turns these into requirements over a profile: required → severity
//! `required`, preferred or duties → `recommended`, weighted above the
//! profile's own requirement of the same id, and cited as `posting` sources.

pub mod parse;
pub mod terms;
pub mod units;

use std::collections::HashMap;

use crate::analyze::Analyzer;
use crate::analyze::{CertStatus, Evidence, Findings, SkillStatus};
use crate::extract::Document;
use crate::month::YearMonth;
use crate::rules::{EducationLevel, Severity};
use crate::rules::{Profile, Requirement, RequirementKind, RequirementOrigin, RuleSet};
use crate::score::Gap;

pub use parse::Part;
use parse::Reading;
use serde::Serialize;

/// What a job posting (`--job`) asked for, checked against one resume.
#[derive(Debug, Clone, Serialize)]
pub struct PostingReport {
    /// The posting file.
    pub file: String,
    /// How much of what the posting asks the resume meets: the weight of the
    /// met posting requirements over all of them, in percent (`null` when the
    /// posting yields no requirement).
    pub match_percent: Option<u32>,
    /// Requirements the posting added to (or replaced in) the role profile.
    pub requirements: Vec<PostingRequirementResult>,
    /// Terms the posting stresses that the taxonomy does not know.
    pub also_asked_for: Vec<AskedTermResult>,
    /// What may make this reading incomplete: no requirement found, parts
    /// of the posting skipped as asking nothing.
    pub warnings: Vec<String>,
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
    /// The minimum years, for `experience.years`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
    /// Fully met by the resume.
    pub met: bool,
    /// The posting line that asks for it (its text: the sentence or item).
    pub evidence: Evidence,
    /// Where the resume shows it, when it does.
    pub resume_evidence: Option<Evidence>,
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
    /// Headings of the parts read as asking nothing ("Benefits", "About Us").
    pub skipped: Vec<String>,
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
    /// The posting line that asks for it; its text is the sentence or item.
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

/// The strongest mention of one requirement so far.
struct Asked {
    kind: RequirementKind,
    what: String,
    part: Part,
    unit: usize,
    /// Order of the first mention, to list requirements as the posting does.
    order: usize,
}

impl Posting {
    /// Reads an extracted posting with the analyzer that reads the resumes,
    /// so the same taxonomy aliases and patterns find its terms.
    pub fn from_document(
        file: &str,
        doc: &Document,
        analyzer: &Analyzer,
        _as_of: YearMonth,
    ) -> Posting {
        let words = analyzer.posting_words();
        let reading = words.read(doc);
        let rules = analyzer.rules();
        let mut asked: HashMap<String, Asked> = HashMap::new();
        let mut order = 0usize;
        let mut note =
            |id: String, kind: RequirementKind, what: String, part: Part, unit: usize| {
                if matches!(part, Part::Ignored | Part::Intro) {
                    return;
                }
                order += 1;
                match asked.get_mut(&id) {
                    Some(a) if part.rank() < a.part.rank() => {
                        a.part = part;
                        a.unit = unit;
                    }
                    Some(_) => {}
                    None => {
                        asked.insert(
                            id,
                            Asked {
                                kind,
                                what,
                                part,
                                unit,
                                order,
                            },
                        );
                    }
                }
            };

        // The job's title named in a sentence ("As a CNC Machine Operations
        // Engineer, you will …") names the job, not a skill.
        let title = job_title(&reading.lines);
        // Taxonomy terms, every mention in every unit that may ask.
        for (ui, p) in reading.units.iter().enumerate() {
            // A lead-in heading names a part, not a skill ("To be a strong fit
            // for the role of Valve Assembler, you will have:").
            let lead_in = p.heading && p.unit.text.split_whitespace().count() > 8;
            if p.part == Part::Ignored && !p.soft || lead_in {
                continue;
            }
            let (certs, skills) = analyzer.posting_matches(&p.unit.lower, &p.unit.text);
            let fields = words.degree_fields(p);
            for (matches, is_cert) in [(&certs, true), (&skills, false)] {
                for m in &matches.mentions {
                    let span = (m.start, m.end);
                    // An ambiguous alias counts with a confirming word, also
                    // inside a longer mention ("Lean Six Sigma Green Belt").
                    let confirmed = matches.confirmed(m.term, span)
                        || is_cert && words.credential_in(&p.unit.lower[m.start..m.end]);
                    if matches.refuted(m.term, span)
                        || (m.ambiguous && !confirmed)
                        || words.boilerplate(&p.unit.lower, m.start, m.end)
                        // A field of study is no skill asked ("B.S. in Supply Chain").
                        || !is_cert && fields.iter().any(|&(a, b)| a <= m.start && m.end <= b)
                        || !is_cert && within_title(&p.unit.lower, &title, m.start, m.end)
                    {
                        continue;
                    }
                    let part = words.part_at(p, m.start, m.end);
                    if is_cert {
                        let c = &rules.certifications[m.term];
                        note(
                            format!("cert.{}", c.term.id),
                            RequirementKind::Certification(c.term.id.clone()),
                            c.term.name.clone(),
                            part,
                            ui,
                        );
                    } else {
                        let s = &rules.skills[m.term];
                        note(
                            format!("skill.{}", s.term.id),
                            RequirementKind::Skill(s.term.id.clone()),
                            lower_first(&s.term.name),
                            part,
                            ui,
                        );
                    }
                }
            }
        }
        let mut requirements: Vec<(usize, PostingRequirement)> = asked
            .into_iter()
            .map(|(id, a)| {
                (
                    a.order,
                    PostingRequirement {
                        id,
                        kind: a.kind,
                        part: a.part,
                        what: a.what,
                        evidence: unit_evidence(doc, &reading, a.unit),
                    },
                )
            })
            .collect();

        // Minimum years: per unit one figure (an alternative unit replaces the
        // figure before it when smaller); over the posting the largest of the
        // strongest part that states one.
        let mut figures: Vec<(parse::Years, usize)> = Vec::new();
        for (ui, p) in reading.units.iter().enumerate() {
            if p.heading {
                continue;
            }
            let Some(y) = words.years(p) else { continue };
            match figures.last_mut() {
                Some(last) if p.alternative && y.years < last.0.years => *last = (y, ui),
                Some(_) if p.alternative => {}
                _ => figures.push((y, ui)),
            }
        }
        let years =
            figures
                .iter()
                .fold(None::<(parse::Years, usize)>, |best, &(y, ui)| match best {
                    Some((b, _)) if b.part.rank() < y.part.rank() => best,
                    Some((b, _)) if b.part == y.part && b.years >= y.years => best,
                    _ => Some((y, ui)),
                });
        if let Some((y, ui)) = years {
            requirements.push((
                usize::MAX - 2,
                PostingRequirement {
                    id: "experience.years".into(),
                    kind: RequirementKind::ExperienceYears(y.years),
                    part: y.part,
                    what: format!("at least {} of experience", plural_years(y.years)),
                    evidence: unit_evidence(doc, &reading, ui),
                },
            ));
        }

        // Degrees: per level the strongest part; per part only the floor (the
        // lowest level it asks); an engineering degree with the level it goes with.
        let mut degrees: Vec<(EducationLevel, Part, usize, Option<Part>)> = Vec::new();
        for (ui, p) in reading.units.iter().enumerate() {
            if p.heading && p.part == Part::Ignored {
                continue;
            }
            for d in words.degrees(p) {
                match degrees.iter_mut().find(|x| x.0 == d.level) {
                    Some(x) => {
                        if d.part.rank() < x.1.rank() {
                            x.1 = d.part;
                            x.2 = ui;
                        }
                        x.3 = match (x.3, d.engineering) {
                            (Some(a), Some(b)) if b.rank() < a.rank() => Some(b),
                            (None, e) | (e, None) => e,
                            (a, _) => a,
                        };
                    }
                    None => degrees.push((d.level, d.part, ui, d.engineering)),
                }
            }
        }
        let floor = |part: Part| degrees.iter().filter(|d| d.1 == part).map(|d| d.0).min();
        let kept: Vec<&(EducationLevel, Part, usize, Option<Part>)> =
            degrees.iter().filter(|d| floor(d.1) == Some(d.0)).collect();
        for &&(level, part, ui, engineering) in &kept {
            requirements.push((
                usize::MAX - 1,
                PostingRequirement {
                    id: format!("education.{}", level.as_str()),
                    kind: RequirementKind::Education(level),
                    part,
                    what: degree_name(level),
                    evidence: unit_evidence(doc, &reading, ui),
                },
            ));
            if let Some(e) = engineering.filter(|_| level >= EducationLevel::Bachelor) {
                if requirements
                    .iter()
                    .all(|(_, r)| r.id != "education.engineering-degree")
                {
                    requirements.push((
                        usize::MAX,
                        PostingRequirement {
                            id: "education.engineering-degree".into(),
                            kind: RequirementKind::EngineeringDegree,
                            part: e.max_by_rank(part),
                            what: "an engineering degree (industrial, mechanical, electrical or manufacturing)".into(),
                            evidence: unit_evidence(doc, &reading, ui),
                        },
                    ));
                }
            }
        }

        requirements.sort_by_key(|(order, r)| (r.part.rank(), *order));
        let terms = terms::asked_terms(doc, &reading, analyzer);
        Posting {
            file: file.to_string(),
            requirements: requirements.into_iter().map(|(_, r)| r).collect(),
            terms,
            skipped: reading.skipped.clone(),
        }
    }

    /// What may make this reading incomplete, for the report.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.requirements.is_empty() {
            out.push(format!(
                "rolefit found no requirement in the job posting {}; check that it is the posting's text (`rolefit extract {}`)",
                self.file, self.file
            ));
        }
        if !self.skipped.is_empty() {
            out.push(format!(
                "parts of the posting read as asking nothing: {}",
                self.skipped.join(", ")
            ));
        }
        out
    }
}

impl Part {
    /// The weaker of two parts (an engineering field preferred inside a required degree is preferred).
    fn max_by_rank(self, other: Part) -> Part {
        if self.rank() >= other.rank() {
            self
        } else {
            other
        }
    }
}

/// Evidence for a unit: its line, its text (the sentence or item).
fn unit_evidence(doc: &Document, reading: &Reading, unit: usize) -> Evidence {
    let u = &reading.units[unit].unit;
    let l = &doc.lines[reading.lines[u.line].first];
    Evidence {
        page: l.page,
        line: l.number,
        section: None,
        text: u.text.clone(),
        locator: l.locator.clone(),
        ocr: l.ocr,
        matched: None,
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
/// with the resume line that shows each; the "also asked for" terms looked up
/// in the resume; the share of the posting's weight the resume meets.
pub fn report(
    posting: &Posting,
    scored: &Profile,
    gaps: &[Gap],
    resume: &Document,
    findings: &Findings,
) -> PostingReport {
    let requirements: Vec<PostingRequirementResult> = posting
        .requirements
        .iter()
        .filter_map(|pr| {
            let r = scored
                .requirements
                .iter()
                .find(|r| r.id == pr.id && r.origin == RequirementOrigin::Posting)?;
            let met = !gaps.iter().any(|g| g.requirement == pr.id);
            Some(PostingRequirementResult {
                requirement: pr.id.clone(),
                name: pr.what.clone(),
                severity: r.severity,
                weight: r.weight,
                part: pr.part,
                years: match pr.kind {
                    RequirementKind::ExperienceYears(y) => Some(y),
                    _ => None,
                },
                met,
                evidence: pr.evidence.clone(),
                resume_evidence: if met {
                    resume_evidence(&pr.kind, findings)
                } else {
                    None
                },
            })
        })
        .collect();
    let total: u32 = requirements.iter().map(|r| r.weight).sum();
    let met: u32 = requirements
        .iter()
        .filter(|r| r.met)
        .map(|r| r.weight)
        .sum();
    let match_percent = (total > 0).then(|| ((met as f64 / total as f64) * 100.0).round() as u32);
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
        match_percent,
        requirements,
        also_asked_for,
        warnings: posting.warnings(),
    }
}

/// The resume line that shows a met requirement, when analysis kept one.
fn resume_evidence(kind: &RequirementKind, f: &Findings) -> Option<Evidence> {
    match kind {
        RequirementKind::Certification(id) => f
            .certifications
            .iter()
            .find(|c| &c.id == id && c.status == CertStatus::Held)
            .and_then(|c| c.evidence.first().cloned()),
        RequirementKind::Skill(id) => f
            .skills
            .iter()
            .find(|s| &s.id == id && s.status == SkillStatus::Present)
            .and_then(|s| s.evidence.first().cloned()),
        RequirementKind::Education(_) | RequirementKind::EngineeringDegree => {
            f.education.evidence.first().cloned()
        }
        RequirementKind::ExperienceYears(_) => f.level.jobs.first().map(|j| j.evidence.clone()),
        _ => None,
    }
}

/// The core of a posting's title, lower-cased ("process engineer" of
/// "Process Engineer - Film Extrusion"): its first line when that is short,
/// cut at a separator; empty when it is one word or none.
fn job_title(lines: &[units::PostingLine]) -> String {
    let Some(line) = lines.iter().find(|l| !l.norm.trim().is_empty()) else {
        return String::new();
    };
    let t = line.norm.trim();
    if t.split_whitespace().count() > 10 || t.ends_with('.') {
        return String::new();
    }
    let cut = [" - ", "(", ",", "|", ":", "\u{2013}", "\u{2014}"]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()
        .unwrap_or(t.len());
    let core = t[..cut].trim().to_lowercase();
    if core.split_whitespace().count() < 2 {
        return String::new();
    }
    core
}

/// Whether `start..end` of a unit lies inside a mention of the job's title.
fn within_title(lower: &str, title: &str, start: usize, end: usize) -> bool {
    !title.is_empty()
        && lower
            .match_indices(title)
            .any(|(at, t)| at <= start && end <= at + t.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, RawLine};

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

    fn sample() -> Document {
        doc(POSTING)
    }

    fn read(text: &str) -> Posting {
        let as_of = YearMonth::parse("2024-06").expect("a month");
        Posting::from_document("p.txt", &doc(text), &analyzer(), as_of)
    }

    fn find<'a>(p: &'a Posting, id: &str) -> &'a PostingRequirement {
        p.requirements
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} not found in {:#?}", p.requirements))
    }

    #[test]
    fn parts_years_degrees_and_taxonomy_terms() {
        let p = read(POSTING);
        let cpt = find(&p, "cert.cpt");
        assert_eq!((cpt.part, cpt.evidence.line), (Part::Required, 9));
        let ss = find(&p, "cert.six-sigma");
        assert_eq!((ss.part, ss.evidence.line), (Part::Preferred, 11));
        let pm = find(&p, "skill.preventive-maintenance");
        assert_eq!((pm.part, pm.evidence.line), (Part::Duties, 5));
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
        // Nothing from "About Us" (line 3: molding, since 1962).
        assert!(
            p.requirements.iter().all(|r| r.evidence.line != 3),
            "{:#?}",
            p.requirements
        );
        let terms: Vec<&str> = p.terms.iter().map(|t| t.term.as_str()).collect();
        // The name and its category: "Allen-Bradley PLC" is two terms.
        assert!(terms.contains(&"Allen-Bradley"), "{terms:?}");
        assert!(terms.contains(&"PLC"), "{terms:?}");
        // "SAP" names one ERP (the taxonomy's `resource-planning` knows it); MSSC issues `cpt`.
        assert!(terms.contains(&"SAP"), "{terms:?}");
        assert!(!terms.contains(&"MSSC"), "{terms:?}");
        assert!(!terms.iter().any(|t| t.contains("Acme")), "{terms:?}");
        assert_eq!(p.skipped, vec!["About Us"]);
    }

    fn parsed(text: &str) -> Vec<(String, Part, u32)> {
        read(text)
            .requirements
            .iter()
            .map(|r| (r.id.clone(), r.part, r.evidence.line))
            .collect()
    }

    fn part_of(text: &str, id: &str) -> Option<Part> {
        read(text)
            .requirements
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.part)
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
        assert!(
            got.contains(&("skill.equipment-operation".into(), Part::Preferred, 2)),
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
        let got: Vec<_> = got
            .into_iter()
            .filter(|g| !g.0.starts_with("skill."))
            .collect();
        assert_eq!(
            got,
            vec![
                ("experience.years".into(), Part::Required, 3),
                ("education.bachelor".into(), Part::Preferred, 5),
            ]
        );
    }

    #[test]
    fn a_whole_posting_on_one_line() {
        // Headings run into their text, items glued, "·" bullets, EEO at the end.
        let p = read(
            "Plant Supervisor Job DescriptionThe Plant Supervisor oversees fabrication.QUALIFICATIONS· A minimum of 20 years of experience in steel fabrication, with at least 10 years in a supervisory role.· Bachelor's degree preferred.· Excellent leadership and communication skills.RESPONSIBILITIES:· Implement quality control measures.· Prepare regular progress reports. About us: Northwind Steel has over 35 years of experience investing in people. Northwind is an equal opportunity employer.",
        );
        let get = |id: &str| p.requirements.iter().find(|r| r.id == id).map(|r| r.part);
        assert_eq!(get("experience.years"), Some(Part::Required));
        assert_eq!(
            find(&p, "experience.years").kind,
            RequirementKind::ExperienceYears(20.0)
        );
        assert_eq!(get("education.bachelor"), Some(Part::Preferred));
        assert_eq!(get("skill.leadership"), Some(Part::Required));
        assert_eq!(get("skill.communication"), Some(Part::Required));
        assert_eq!(get("skill.quality-control"), Some(Part::Duties));
        assert_eq!(get("skill.documentation"), Some(Part::Duties));
    }

    #[test]
    fn a_skill_takes_its_strongest_mention_once() {
        // Three duties mention troubleshooting before the requirement does.
        let p = read(
            "Maintenance Technician\n\
             Responsibilities\n\
             - Troubleshoot presses\n\
             - Troubleshoot conveyors\n\
             - Troubleshoot robots and report to the maintenance lead\n\
             - Diagnose hydraulic faults\n\
             Requirements\n\
             - Strong electrical troubleshooting skills\n\
             - Highly motivated self-starter\n",
        );
        let t: Vec<_> = p
            .requirements
            .iter()
            .filter(|r| r.id == "skill.troubleshooting")
            .collect();
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].part, t[0].evidence.line), (Part::Required, 8));
        // "highly motivated" is not leadership, "report to" is not documentation.
        assert!(
            p.requirements
                .iter()
                .all(|r| r.id != "skill.leadership" && r.id != "skill.documentation"),
            "{:#?}",
            p.requirements
        );
    }

    #[test]
    fn inline_markers_qualify_their_clause() {
        let text = "Process Engineer\n\
             Requirements\n\
             - Hands-on experience with robotic welding (FANUC preferred) and PLC troubleshooting\n\
             - Bachelor's degree required; Six Sigma Green Belt preferred\n\
             - 3+ years of experience, preferably within the automotive industry\n\
             - Able to present results to plant leadership\n\
             Responsibilities\n\
             - Set up presses as required\n";
        assert_eq!(part_of(text, "skill.troubleshooting"), Some(Part::Required));
        assert_eq!(part_of(text, "education.bachelor"), Some(Part::Required));
        assert_eq!(part_of(text, "cert.six-sigma"), Some(Part::Preferred));
        assert_eq!(part_of(text, "experience.years"), Some(Part::Required));
        assert_eq!(part_of(text, "skill.communication"), Some(Part::Required));
        assert_eq!(part_of(text, "skill.leadership"), None);
        // "as required" means as needed: a duty stays a duty.
        assert_eq!(part_of(text, "skill.machine-setup"), Some(Part::Duties));
    }

    #[test]
    fn the_intro_asks_when_it_describes_the_job() {
        let text = "Maintenance Technician\n\
             Acme Stamping has built brackets since 1962.\n\
             The Maintenance Technician will troubleshoot and repair our presses.\n\
             We are seeking a technician with PLC experience.\n\
             Requirements\n\
             - High school diploma\n";
        assert_eq!(part_of(text, "skill.troubleshooting"), Some(Part::Duties));
        assert_eq!(part_of(text, "skill.equipment-repair"), Some(Part::Duties));
        // The company's own sentence asks nothing.
        let p = read(text);
        assert!(
            p.requirements.iter().all(|r| r.evidence.line != 2),
            "{:#?}",
            p.requirements
        );
    }

    #[test]
    fn resume_context_rules_do_not_drop_posting_asks() {
        let text = "Operator\n\
             Qualifications\n\
             - Familiarity with 5S and exposure to lean tools\n\
             - Interested in learning CNC programming is a plus\n";
        assert_eq!(
            part_of(text, "skill.lean-manufacturing"),
            Some(Part::Required)
        );
        assert_eq!(part_of(text, "skill.cad-cam"), Some(Part::Preferred));
    }

    #[test]
    fn degree_floor_not_the_top_alternative() {
        let degree = |text: &str| -> Vec<(String, Part)> {
            read(&format!("Engineer\nQualifications\n- {text}\n"))
                .requirements
                .into_iter()
                .filter(|r| r.id.starts_with("education."))
                .map(|r| (r.id, r.part))
                .collect()
        };
        let bach = ("education.bachelor".to_string(), Part::Required);
        assert_eq!(
            degree("BS/MS in Mechanical Engineering"),
            vec![
                bach.clone(),
                ("education.engineering-degree".into(), Part::Required)
            ]
        );
        assert_eq!(degree("BS/MS/PhD in Chemistry"), vec![bach.clone()]);
        assert_eq!(
            degree("B.S. or higher in a technical field"),
            vec![bach.clone()]
        );
        // Related degrees are accepted: the floor is a bachelor's, not engineering.
        assert_eq!(
            degree("Bachelor of Science in Mechanical Engineering, Industrial Engineering, or related technical degree"),
            vec![bach.clone()]
        );
        assert_eq!(
            degree("Bachelor of Science in Mechanical or Industrial Engineering"),
            vec![
                bach.clone(),
                ("education.engineering-degree".into(), Part::Required)
            ]
        );
        assert_eq!(
            degree("Bachelor's degree in Electrical Engineering, Physics or related field"),
            vec![bach.clone()]
        );
        assert_eq!(
            degree("Bachelor's degree (Electrical or Mechanical Engineering preferred)"),
            vec![
                bach.clone(),
                ("education.engineering-degree".into(), Part::Preferred)
            ]
        );
        assert_eq!(
            degree("Bachelor's degree in Engineering or equivalent experience"),
            vec![
                bach.clone(),
                ("education.engineering-degree".into(), Part::Required)
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
        let d = sample();
        let as_of = YearMonth::parse("2024-06").expect("a month");
        let posting = Posting::from_document("job.txt", &d, &analyzer(), as_of);
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
