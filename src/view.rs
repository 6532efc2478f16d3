//! The batch view (docs/cli.md, "Batch views"): the step between a run and
//! its report. It keeps a run's results, groups the files of one
//! application (same e-mail address, or same name and nearly the same
//! text), keeps the candidates who meet `--require`, numbers them by score
//! (`rank`), sorts them (`--sort`), cuts the list (`--top`) and hands them
//! to the reporter in that order. Reporters keep the order they are given.
//!
//! The rankings a person reads (human, CSV, HTML, Markdown) fold an
//! application into one result, the best-scoring file, with the others as
//! its `duplicates`, and come best first; the machine formats (JSON,
//! NDJSON, JUnit, SARIF, GitHub) keep one result per file, each naming the
//! other files of its application, in the run's order.
//!
//! It holds every result of the run until the end (no document: the
//! findings only), as the whole-run formats do; when it has nothing to do
//! (NDJSON without `--sort`, `--top` or `--require`) results stream
//! through as they come.

use std::cmp::Ordering;
use std::io;

use crate::check::{Duplicate, FileResult};
use crate::report::Reporter;
use crate::rules::{EducationLevel, RequirementKind, RuleSet, Section};
use crate::run::Summary;
use crate::score;

/// Two files with the same name whose texts agree on at least this share
/// of their fingerprint are one application.
pub const SAME_TEXT: f64 = 0.6;

/// The order of a report's candidates (`--sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Best score first (then path).
    #[default]
    Score,
    /// The run's order: paths as given, each folder's files by name (the
    /// machine formats' default).
    Run,
    /// By candidate name (a file without one by its path), A to Z.
    Name,
    /// By path.
    Path,
    /// Most years of experience first.
    Years,
}

impl SortKey {
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Run => "run",
            SortKey::Name => "name",
            SortKey::Path => "path",
            SortKey::Years => "years",
        }
    }
}

/// A condition of `--require`: a requirement id (`cert.cpt`,
/// `education.bachelor`, `skill.troubleshooting`, `section.skills`, `contact.email`,
/// `experience.years=5`, `achievements.quantified=3`) a candidate must meet
/// in full.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub id: String,
    kind: RequirementKind,
}

impl Condition {
    /// Reads `id` against the loaded rules; an unknown id is an error with
    /// a suggestion.
    pub fn parse(id: &str, rules: &RuleSet) -> Result<Condition, String> {
        let id = id.trim();
        let (name, value) = match id.split_once('=') {
            Some((n, v)) => (n.trim(), Some(v.trim())),
            None => (id, None),
        };
        let number = |what: &str| -> Result<f64, String> {
            match value.map(str::parse::<f64>) {
                Some(Ok(n)) if n >= 0.0 => Ok(n),
                _ => Err(format!("`{name}` needs {what}: `{name}=N`")),
            }
        };
        let unknown = |what: &str, wanted: &str, known: Vec<&str>| {
            format!(
                "unknown {what} `{wanted}` in --require `{id}`{}",
                crate::suggest::hint(wanted, &known)
            )
        };
        let kind = if let Some(c) = name.strip_prefix("cert.") {
            if rules.certification(c).is_none() {
                let known = rules.certifications.iter().map(|d| d.term.id.as_str());
                return Err(unknown("certification", c, known.collect()));
            }
            RequirementKind::Certification(c.to_string())
        } else if let Some(s) = name.strip_prefix("skill.") {
            if rules.skill(s).is_none() {
                let known = rules.skills.iter().map(|d| d.term.id.as_str());
                return Err(unknown("skill", s, known.collect()));
            }
            RequirementKind::Skill(s.to_string())
        } else if name == "education.engineering-degree" {
            RequirementKind::EngineeringDegree
        } else if let Some(level) = name.strip_prefix("education.") {
            match EducationLevel::from_id(level) {
                Some(l) => RequirementKind::Education(l),
                None => {
                    let known = vec![
                        "high_school",
                        "associate",
                        "bachelor",
                        "master",
                        "doctorate",
                        "engineering-degree",
                    ];
                    return Err(unknown("education level", level, known));
                }
            }
        } else if name == "experience.years" {
            RequirementKind::ExperienceYears(number("a number of years")?)
        } else if name == "achievements.quantified" {
            RequirementKind::QuantifiedAchievements(number("a count")?.round() as u32)
        } else if let Some(s) = name.strip_prefix("section.") {
            let known: Vec<&str> = Section::ALL
                .iter()
                .filter(|k| **k != Section::Other)
                .map(|k| k.as_str())
                .collect();
            match Section::from_id(s).filter(|k| *k != Section::Other) {
                Some(k) => RequirementKind::Section(k),
                None => return Err(unknown("section", s, known)),
            }
        } else if name == "contact.email" {
            RequirementKind::ContactEmail
        } else if name == "contact.phone" {
            RequirementKind::ContactPhone
        } else if rules.certification(name).is_some() {
            // A bare certification id, as `rolefit explain` takes it.
            RequirementKind::Certification(name.to_string())
        } else {
            let known = [
                "cert.",
                "skill.",
                "education.",
                "experience.years=",
                "achievements.quantified=",
                "section.",
                "contact.email",
                "contact.phone",
            ];
            return Err(format!(
                "unknown requirement `{id}` for --require (ids start with {}; e.g. cert.cpt, education.bachelor)",
                known.join(", ")
            ));
        };
        Ok(Condition {
            id: id.to_string(),
            kind,
        })
    }

    /// Whether a result meets the condition (a file that could not be
    /// checked meets none).
    pub fn met_by(&self, result: &FileResult) -> bool {
        result
            .checked
            .as_ref()
            .is_some_and(|c| score::meets(&c.findings, &self.kind))
    }
}

/// What becomes of the files of one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One result, the best-scoring file, the others its `duplicates`.
    #[default]
    Fold,
    /// Every file stays, each naming the others as its `duplicates`.
    Mark,
    /// Not looked for (`--no-group`).
    Off,
}

/// What the view does.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    pub sort: SortKey,
    /// Keep the first N candidates (after `require` and `sort`).
    pub top: Option<usize>,
    /// Keep only the candidates who meet all of these.
    pub require: Vec<Condition>,
    pub grouping: Grouping,
}

impl ViewOptions {
    /// Whether the view changes nothing: the results then stream through
    /// as they come.
    pub fn is_identity(&self) -> bool {
        self.sort == SortKey::Run
            && self.top.is_none()
            && self.require.is_empty()
            && self.grouping == Grouping::Off
    }
}

/// A [`Reporter`] in front of another: keeps the results, then hands them
/// on grouped, filtered and in order (see the module's documentation).
pub struct Viewer<'a> {
    inner: Box<dyn Reporter + 'a>,
    options: ViewOptions,
    results: Vec<FileResult>,
}

impl<'a> Viewer<'a> {
    pub fn new(options: ViewOptions, inner: Box<dyn Reporter + 'a>) -> Viewer<'a> {
        Viewer {
            inner,
            options,
            results: Vec::new(),
        }
    }
}

impl Reporter for Viewer<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        if self.options.is_identity() {
            return self.inner.file(result);
        }
        self.results.push(result.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.options.is_identity() {
            return self.inner.finish(summary);
        }
        let results = std::mem::take(&mut self.results);
        let (shown, summary) = apply(results, &self.options, summary);
        for r in &shown {
            self.inner.file(r)?;
        }
        self.inner.finish(&summary)
    }
}

/// The view of a run's results: the results to report, in order, and the
/// summary with the counts of grouped and left-out files.
pub fn apply(
    results: Vec<FileResult>,
    options: &ViewOptions,
    summary: &Summary,
) -> (Vec<FileResult>, Summary) {
    let mut summary = summary.clone();
    let before = results.len();
    let arrival: std::collections::HashMap<String, usize> = results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path.clone(), i))
        .collect();
    let mut results = match options.grouping {
        Grouping::Off => results,
        grouping => group(results, grouping),
    };
    summary.duplicates = before - results.len();
    results.sort_by(score_order);
    for (i, r) in results.iter_mut().enumerate() {
        r.rank = r.checked.is_some().then_some(i + 1);
    }
    let grouped = results.len();
    results.retain(|r| options.require.iter().all(|c| c.met_by(r)));
    match options.sort {
        SortKey::Score => {}
        SortKey::Run => results.sort_by_key(|r| arrival.get(&r.path).copied()),
        SortKey::Path => results.sort_by(|a, b| a.path.cmp(&b.path)),
        SortKey::Name => results.sort_by(|a, b| match (name_key(a), name_key(b)) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| score_order(a, b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => score_order(a, b),
        }),
        SortKey::Years => results.sort_by(|a, b| {
            let years = |r: &FileResult| {
                r.checked
                    .as_ref()
                    .map(|c| c.findings.level.years_experience)
            };
            match (years(a), years(b)) {
                (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| score_order(a, b)),
                _ => score_order(a, b),
            }
        }),
    }
    if let Some(n) = options.top {
        results.truncate(n);
    }
    summary.not_shown = grouped - results.len();
    (results, summary)
}

/// Best score first, then by path; files that could not be checked last.
fn score_order(a: &FileResult, b: &FileResult) -> Ordering {
    let score = |r: &FileResult| r.checked.as_ref().map(|c| c.score);
    match (score(a), score(b)) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    }
}

fn name_key(r: &FileResult) -> Option<String> {
    let c = r.checked.as_ref()?;
    c.findings.candidate.name.as_ref().map(|n| n.to_lowercase())
}

/// The files of one application: the same e-mail address, or the same
/// name and nearly the same text ([`SAME_TEXT`]).
fn same_application(a: &FileResult, b: &FileResult) -> bool {
    let (Some(x), Some(y)) = (&a.checked, &b.checked) else {
        return false;
    };
    let (p, q) = (&x.findings.candidate, &y.findings.candidate);
    if let (Some(e), Some(f)) = (&p.email, &q.email) {
        return e.eq_ignore_ascii_case(f);
    }
    let same_name = match (&p.name, &q.name) {
        (Some(m), Some(n)) => m.to_lowercase() == n.to_lowercase(),
        _ => false,
    };
    same_name && x.findings.fingerprint.similarity(&y.findings.fingerprint) >= SAME_TEXT
}

/// Folds each application's files into one result (the best-scoring file,
/// with the others, best first, as its `duplicates`), or marks each file
/// with the others.
fn group(results: Vec<FileResult>, grouping: Grouping) -> Vec<FileResult> {
    // Union-find over the pairs of one application.
    let n = results.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Only files with an e-mail address or a name can pair.
    let candidates: Vec<usize> = (0..n)
        .filter(|&i| {
            results[i].checked.as_ref().is_some_and(|c| {
                c.findings.candidate.email.is_some() || c.findings.candidate.name.is_some()
            })
        })
        .collect();
    let mut by_key: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for &i in &candidates {
        let c = &results[i]
            .checked
            .as_ref()
            .expect("checked")
            .findings
            .candidate;
        // Files of one application share an e-mail address or a name: only
        // those are compared.
        if let Some(e) = &c.email {
            by_key
                .entry(format!("e:{}", e.to_lowercase()))
                .or_default()
                .push(i);
        }
        if let Some(name) = &c.name {
            by_key
                .entry(format!("n:{}", name.to_lowercase()))
                .or_default()
                .push(i);
        }
    }
    let mut keys: Vec<&String> = by_key.keys().collect();
    keys.sort();
    for key in keys {
        let members = &by_key[key];
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                if same_application(&results[i], &results[j]) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    if ri != rj {
                        parent[rj.max(ri)] = ri.min(rj);
                    }
                }
            }
        }
    }
    let mut groups: Vec<Vec<FileResult>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for (i, r) in results.into_iter().enumerate() {
        let g = root(&mut parent, i);
        match slot[g] {
            Some(at) => groups[at].push(r),
            None => {
                slot[g] = Some(groups.len());
                groups.push(vec![r]);
            }
        }
    }
    let duplicate = |f: &FileResult| Duplicate {
        format: f.checked.as_ref().map(|c| c.document.format),
        score: f.checked.as_ref().map(|c| c.score),
        path: f.path.clone(),
    };
    let mut out = Vec::with_capacity(n);
    for mut files in groups {
        files.sort_by(score_order);
        if grouping == Grouping::Fold {
            let mut best = files.remove(0);
            best.duplicates = files.iter().map(duplicate).collect();
            out.push(best);
        } else {
            let all: Vec<Duplicate> = files.iter().map(duplicate).collect();
            for mut f in files {
                f.duplicates = all.iter().filter(|d| d.path != f.path).cloned().collect();
                out.push(f);
            }
        }
    }
    out
}
