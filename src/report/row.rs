//! A flat, one-line view of a [`FileResult`] shared by the tabular formats
//! (human ranking, CSV, Markdown, JUnit, GitHub, HTML): what a recruiter
//! scans first. Small enough to keep one per file for a whole run.

use std::cmp::Ordering;

use crate::analyze::{Candidate, CertStatus, LevelId, SkillStatus};
use crate::ats;
use crate::check::FileResult;
use crate::rules::{EducationLevel, Severity};

/// How many gaps the tables show per resume.
pub const TOP_GAPS: usize = 3;

/// A certification as the tables show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertLabel {
    pub id: String,
    pub name: String,
    /// The belt, the part, …
    pub detail: Option<String>,
}

impl CertLabel {
    /// `six-sigma (green)`, `cpt`.
    pub fn short(&self) -> String {
        match &self.detail {
            Some(d) => format!("{} ({d})", self.id),
            None => self.id.clone(),
        }
    }

    /// `Six Sigma (green)`.
    pub fn long(&self) -> String {
        match &self.detail {
            Some(d) => format!("{} ({d})", self.name),
            None => self.name.clone(),
        }
    }
}

/// A gap as the tables show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapLabel {
    pub requirement: String,
    pub severity: Severity,
    pub message: String,
}

/// One resume in one line.
#[derive(Debug, Clone)]
pub struct Row {
    pub path: String,
    /// The place by score (see [`crate::view`]).
    pub rank: Option<usize>,
    /// Who the resume is from (empty for a file that could not be checked).
    pub candidate: Candidate,
    /// The other files of the same application, best first.
    pub duplicates: Vec<String>,
    /// `ok` or `error`.
    pub status: &'static str,
    pub error_kind: Option<&'static str>,
    pub error_message: Option<String>,
    pub checked: Option<CheckedRow>,
    /// The ATS risks' ids and severities, highest first (a file that could
    /// not be checked may have some: a scan).
    pub ats: Vec<(&'static str, ats::Severity)>,
}

/// The part of a [`Row`] only a checked file has.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub role_id: String,
    pub role_name: String,
    pub score: u32,
    pub passed: bool,
    /// Worse than in the `--baseline` report.
    pub worse_than_baseline: bool,
    /// The other roles' scores, best first.
    pub other_roles: Vec<(String, u32)>,
    pub level: LevelId,
    pub years: f64,
    pub latest_title: Option<String>,
    pub education: EducationLevel,
    pub engineering_degree: bool,
    pub certs_held: Vec<CertLabel>,
    pub certs_in_progress: Vec<CertLabel>,
    pub skills_present: Vec<String>,
    pub skills_total: usize,
    /// Requirement ids of the unmet `required` requirements.
    pub missing_required: Vec<String>,
    /// The most important gaps (at most [`TOP_GAPS`]).
    pub top_gaps: Vec<GapLabel>,
    pub gaps: usize,
    pub bullets: u32,
    pub quantified: u32,
    pub flags: Vec<String>,
    pub warnings: Vec<String>,
}

impl Row {
    pub fn from_result(result: &FileResult) -> Row {
        let checked = result.checked.as_deref().map(|c| CheckedRow {
            role_id: c.role.id.clone(),
            role_name: c.role.name.clone(),
            score: c.score,
            passed: c.passed,
            worse_than_baseline: c.baseline.as_ref().is_some_and(|b| b.worse),
            other_roles: c
                .role_scores
                .iter()
                .filter(|r| r.id != c.role.id)
                .map(|r| (r.id.clone(), r.score))
                .collect(),
            level: c.findings.level.id,
            years: c.findings.level.years_experience,
            latest_title: c.findings.level.latest_title.clone(),
            education: c.findings.education.highest,
            engineering_degree: c.findings.education.engineering_degree,
            certs_held: certs(c, CertStatus::Held),
            certs_in_progress: certs(c, CertStatus::InProgress),
            skills_present: c
                .findings
                .skills
                .iter()
                .filter(|s| s.status == SkillStatus::Present)
                .map(|s| s.id.clone())
                .collect(),
            skills_total: c.findings.skills.len(),
            missing_required: c
                .gaps
                .iter()
                .filter(|g| g.severity == Severity::Required)
                .map(|g| g.requirement.clone())
                .collect(),
            top_gaps: c
                .gaps
                .iter()
                .take(TOP_GAPS)
                .map(|g| GapLabel {
                    requirement: g.requirement.clone(),
                    severity: g.severity,
                    message: g.message.clone(),
                })
                .collect(),
            gaps: c.gaps.len(),
            bullets: c.findings.achievements.bullets,
            quantified: c.findings.achievements.quantified,
            flags: c.findings.flags.iter().map(|f| f.id.clone()).collect(),
            warnings: c.document.warnings.clone(),
        });
        Row {
            path: result.path.clone(),
            rank: result.rank,
            candidate: result
                .checked
                .as_ref()
                .map(|c| c.findings.candidate.clone())
                .unwrap_or_default(),
            duplicates: result.duplicates.iter().map(|d| d.path.clone()).collect(),
            status: if checked.is_some() { "ok" } else { "error" },
            error_kind: result.error.as_ref().map(|e| e.kind.as_str()),
            error_message: result.error.as_ref().map(|e| e.message.clone()),
            checked,
            ats: result.ats().iter().map(|f| (f.id, f.severity)).collect(),
        }
    }

    /// The ids of the high ATS risks.
    pub fn ats_high(&self) -> Vec<&'static str> {
        self.ats
            .iter()
            .filter(|(_, s)| *s == ats::Severity::High)
            .map(|(id, _)| *id)
            .collect()
    }

    /// `multi-column (high), icon-glyphs (low)`, or empty.
    pub fn ats_summary(&self) -> String {
        self.ats
            .iter()
            .map(|(id, s)| format!("{id} ({})", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The candidate's name, else the file's name.
    pub fn display_name(&self) -> String {
        match &self.candidate.name {
            Some(n) => strip_controls(n).into_owned(),
            None => strip_controls(
                std::path::Path::new(&self.path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(&self.path),
            )
            .into_owned(),
        }
    }

    /// The file and the other files of its application, best first.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.path.as_str()).chain(self.duplicates.iter().map(String::as_str))
    }

    pub fn score(&self) -> Option<u32> {
        self.checked.as_ref().map(|c| c.score)
    }

    /// `passed`, `below minimum`, or the error kind.
    pub fn outcome(&self) -> &'static str {
        match (&self.checked, self.error_kind) {
            (Some(c), _) if c.passed => "passed",
            (Some(_), _) => "below minimum",
            (None, Some(kind)) => kind,
            (None, None) => "error",
        }
    }

    /// `kind: message` for a failed file.
    pub fn error_text(&self) -> String {
        match (self.error_kind, &self.error_message) {
            (Some(k), Some(m)) => format!("{k}: {m}"),
            (Some(k), None) => k.to_string(),
            _ => String::new(),
        }
    }
}

fn certs(c: &crate::check::Checked, status: CertStatus) -> Vec<CertLabel> {
    c.findings
        .certifications
        .iter()
        .filter(|x| x.status == status)
        .map(|x| CertLabel {
            id: x.id.clone(),
            name: x.name.clone(),
            detail: x.detail.clone(),
        })
        .collect()
}

/// Ranking order: checked files by score (best first), then by path; files
/// that could not be checked last, by path.
pub fn rank_order(a: &Row, b: &Row) -> Ordering {
    match (a.score(), b.score()) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    }
}

/// Sorts rows into ranking order.
pub fn rank(rows: &mut [Row]) {
    rows.sort_by(rank_order);
}

/// Removes characters that no report should carry: C0/C1 controls other than
/// tab and newline (a file name may contain any byte but `/` and NUL).
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unwanted_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unwanted_control(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn is_unwanted_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, FileError};

    fn failed(path: &str) -> Row {
        Row::from_result(&FileResult::failed(
            path,
            FileError::new(ErrorKind::Unreadable, "nope"),
        ))
    }

    #[test]
    fn errors_rank_last_by_path() {
        let mut rows = vec![failed("b"), failed("a")];
        rank(&mut rows);
        assert_eq!(rows[0].path, "a");
        assert_eq!(rows[0].outcome(), "unreadable");
        assert_eq!(rows[0].error_text(), "unreadable: nope");
    }

    #[test]
    fn controls_are_replaced() {
        assert_eq!(strip_controls("a\u{1b}[31mb\r"), "a\u{FFFD}[31mb\u{FFFD}");
        assert_eq!(strip_controls("tab\tok\n"), "tab\tok\n");
    }
}
