//! The pipeline for one input: extract → analyse → score against every
//! candidate role → pick the role → a [`FileResult`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;

use crate::analyze::{Analyzer, Findings};
use crate::ats;
use crate::baseline::{self, Baseline, Before, Comparison};
use crate::error::{Error, ErrorKind, FileError};
use crate::extract::ocr::OcrInfo;
use crate::extract::{self, Document, Format, Limits};
use crate::month::YearMonth;
use crate::posting::{self, Posting, PostingReport};
use crate::roundtrip::{self, RoundTrip, Source};
use crate::rules::{Profile, RuleSet};
use crate::score::{self, CategoryScore, Gap, RoleRef, RoleScore};

/// Facts about the extracted document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub format: Format,
    pub pages: u32,
    pub chars: usize,
    pub warnings: Vec<String>,
    /// What OCR read, when the text (or some of it) came from scanned images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
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
    /// Why the best fit was chosen over a role that scores higher (absent
    /// when the best fit has the highest score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_reason: Option<String>,
    pub score: u32,
    /// False when below `--min-score`.
    pub passed: bool,
    /// What analysis found (its fields are written inline).
    #[serde(flatten)]
    pub findings: Findings,
    pub breakdown: Vec<CategoryScore>,
    /// The ids of the role's requirements met in full.
    pub met: Vec<String>,
    pub gaps: Vec<Gap>,
    /// ATS-readability risks, highest severity first.
    pub ats: Vec<ats::Finding>,
    /// With `--job`: what the posting asked for and whether this resume has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posting: Option<PostingReport>,
    /// With `--baseline`: how this resume compares with the earlier report
    /// (absent when the report did not have it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Comparison>,
    /// With `--source`: which facts of the source this rendering kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<RoundTrip>,
}

/// The result for one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    pub path: String,
    pub status: Status,
    pub error: Option<FileError>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Box<Checked>>,
    /// A file that could not be checked may still carry ATS risks (a PDF
    /// whose pages are images: `image-only`); a checked file's are in
    /// [`Checked::ats`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ats: Vec<ats::Finding>,
    /// The place by score among the run's candidates, 1 the best (set by
    /// [`crate::view`]; absent for a file that could not be checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// The other files of the same application, best first (set by
    /// [`crate::view`]): this result is the best-scoring one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<Duplicate>,
}

/// Another file of the same application (same e-mail address, or same name
/// and nearly the same text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub path: String,
    pub format: Option<Format>,
    pub score: Option<u32>,
}

impl FileResult {
    /// A failed file.
    pub fn failed(path: impl Into<String>, error: FileError) -> Self {
        FileResult {
            path: path.into(),
            status: Status::Error,
            error: Some(error),
            checked: None,
            ats: Vec::new(),
            rank: None,
            duplicates: Vec::new(),
        }
    }

    /// A checked file.
    pub fn ok(path: impl Into<String>, checked: Checked) -> Self {
        FileResult {
            path: path.into(),
            status: Status::Ok,
            error: None,
            checked: Some(Box::new(checked)),
            ats: Vec::new(),
            rank: None,
            duplicates: Vec::new(),
        }
    }

    /// The file's ATS risks, checked or not.
    pub fn ats(&self) -> &[ats::Finding] {
        match &self.checked {
            Some(c) => &c.ats,
            None => &self.ats,
        }
    }
}

/// Which role to score against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleChoice {
    /// Every loaded role; the best fit is reported.
    Auto,
    /// One role by id.
    Id(String),
}

/// Settings for checking files.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub role: RoleChoice,
    pub as_of: YearMonth,
    pub min_score: Option<u32>,
    pub limits: Limits,
    /// Per-file time budget.
    pub timeout: Duration,
    /// A job posting (`--job`, any format rolefit reads) whose requirements
    /// are layered over every profile.
    pub job: Option<PathBuf>,
    /// An earlier report (`--baseline`): a resume worse than in it fails.
    pub baseline: Option<Arc<Baseline>>,
    /// The JSON Resume the files were rendered from (`--source`): a file
    /// that loses, garbles or reorders its facts fails.
    pub source: Option<Arc<Source>>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            role: RoleChoice::Auto,
            as_of: YearMonth::current(),
            min_score: None,
            limits: Limits::default(),
            timeout: Duration::from_secs(10),
            job: None,
            baseline: None,
            source: None,
        }
    }
}

/// Extracts one file (`-` is standard input) within `limits` (their clock
/// starts when they are made: [`Limits::with_timeout`]). Never panics: a
/// panic becomes the file's error.
pub fn extract_within(path: &Path, limits: &Limits) -> Result<Document, FileError> {
    catch_unwind(AssertUnwindSafe(|| {
        if path.as_os_str() == "-" {
            extract::read_stdin(limits)
        } else {
            extract::read_path(path, limits)
        }
    }))
    .unwrap_or_else(|panic| Err(internal_error(panic)))
}

/// Checks documents against loaded rules. Build once; share across threads.
///
/// Compiling the rules' matchers is most of the cost of checking one file, so
/// [`Checker::new`] starts it on a thread of its own and returns at once: the
/// first files are read and extracted meanwhile, and their analysis waits for
/// the matchers ([`Checker::analyzer`]).
pub struct Checker {
    rules: Arc<RuleSet>,
    analyzer: OnceLock<Analyzer>,
    /// The analyzer being built, taken by the first check that needs it.
    building: Mutex<Option<JoinHandle<Analyzer>>>,
    /// The profiles a document is scored against (the chosen role, or all),
    /// with the job posting's requirements already layered over each.
    profiles: Vec<Profile>,
    /// The parsed job posting, with `--job`.
    posting: Option<Posting>,
    options: CheckOptions,
}

impl Checker {
    /// Fails when `options.role` names no loaded profile, when no profile is
    /// loaded, or when the job posting cannot be read.
    pub fn new(rules: RuleSet, options: CheckOptions) -> Result<Checker, Error> {
        if rules.profiles.is_empty() {
            return Err(Error::NoProfiles);
        }
        if let RoleChoice::Id(id) = &options.role {
            if rules.profile(id).is_none() {
                let known: Vec<&str> = rules.profiles.iter().map(|p| p.id.as_str()).collect();
                let hint = crate::suggest::hint(id, &known);
                return Err(Error::UnknownRole {
                    id: id.clone(),
                    hint,
                });
            }
        }
        let rules = Arc::new(rules);
        let shared = Arc::clone(&rules);
        // Without a thread to spare, the first check builds it instead.
        let building = std::thread::Builder::new()
            .name("rolefit-rules".into())
            .spawn(move || Analyzer::new(shared))
            .ok();
        // The ATS risk texts every report names, read now rather than on
        // the first check's path.
        crate::ats::text::risks();
        let profiles = rules
            .profiles
            .iter()
            .filter(|p| match &options.role {
                RoleChoice::Auto => true,
                RoleChoice::Id(id) => &p.id == id,
            })
            .cloned()
            .collect();
        let mut checker = Checker {
            rules,
            analyzer: OnceLock::new(),
            building: Mutex::new(building),
            profiles,
            posting: None,
            options,
        };
        if let Some(path) = checker.options.job.clone() {
            checker.load_posting(&path)?;
        }
        Ok(checker)
    }

    /// Reads the job posting with the same analyzer as the resumes and layers
    /// its requirements over every profile, once for the whole run.
    fn load_posting(&mut self, path: &Path) -> Result<(), Error> {
        let limits = self
            .options
            .limits
            .clone()
            .with_timeout(self.options.timeout.max(Duration::from_secs(30)));
        let doc = extract::extract_path(path, &limits).map_err(|error| Error::Posting {
            path: path.display().to_string(),
            error,
        })?;
        let posting = Posting::from_document(
            &path.display().to_string(),
            &doc,
            self.analyzer(),
            self.options.as_of,
        );
        for profile in &mut self.profiles {
            *profile = posting::layer(profile, &posting, &self.rules);
        }
        self.posting = Some(posting);
        Ok(())
    }

    /// The compiled matchers, waiting for their build to finish if needed.
    pub fn analyzer(&self) -> &Analyzer {
        self.analyzer.get_or_init(|| {
            let building = self
                .building
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            match building.map(JoinHandle::join) {
                Some(Ok(analyzer)) => analyzer,
                // A built-in pattern that fails to compile is a bug the tests
                // catch; each file then reports it as an internal error.
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => Analyzer::new(Arc::clone(&self.rules)),
            }
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Limits for one file, with its deadline starting now.
    pub fn limits(&self) -> Limits {
        self.options
            .limits
            .clone()
            .with_timeout(self.options.timeout)
    }

    /// Extracts one file (`-` is standard input) within this checker's
    /// limits. Never panics: a panic becomes the file's error. A document
    /// without text is returned as it is ([`Checker::check_extracted`]
    /// reports it, with the ATS risks its pages show).
    pub fn extract(&self, path: &Path) -> Result<Document, FileError> {
        extract_within(path, &self.limits())
    }

    /// The result for `path` from its extracted document (or its extraction
    /// error). Never panics: a panic in the analysis becomes the file's error.
    pub fn check_extracted(
        &self,
        path: &Path,
        extracted: Result<Document, FileError>,
    ) -> FileResult {
        let display = path.display().to_string();
        let mut risks = Vec::new();
        let outcome = extracted.and_then(|doc| {
            if let Some(error) = extract::no_text_error(&doc) {
                risks = ats::check_blank(&doc);
                return Err(error);
            }
            catch_unwind(AssertUnwindSafe(|| {
                let mut checked = self.check_document(&doc);
                if let Some(source) = &self.options.source {
                    let trip = roundtrip::check(source, &doc, self.options.as_of);
                    checked.passed &= trip.kept();
                    checked.source = Some(trip);
                }
                checked
            }))
            .map_err(internal_error)
        });
        match outcome {
            Ok(mut checked) => {
                if let Some(baseline) = &self.options.baseline {
                    if let Some(before) = baseline.get(&display) {
                        let comparison =
                            baseline::compare(before, &Before::of(&checked), baseline.tolerance);
                        checked.passed &= !comparison.worse;
                        checked.baseline = Some(comparison);
                    }
                }
                FileResult::ok(display, checked)
            }
            Err(error) => FileResult {
                ats: risks,
                ..FileResult::failed(display, error)
            },
        }
    }

    /// Analyses and scores an extracted document.
    pub fn check_document(&self, doc: &Document) -> Checked {
        let findings = self.analyzer().analyze(doc, self.options.as_of);
        let cards = self
            .profiles
            .iter()
            .map(|p| score::score(&findings, p, &self.rules))
            .collect();
        let mut cards = score::rank(cards, &findings, &self.rules);
        let fit_reason = score::fit_reason(&cards, &findings, &self.rules);
        let role_scores: Vec<RoleScore> = cards
            .iter()
            .map(|c| RoleScore {
                id: c.role.id.clone(),
                score: c.score,
            })
            .collect();
        // The best fit first, then the other roles by score.
        let mut role_scores = role_scores;
        role_scores[1..].sort_by_key(|r| std::cmp::Reverse(r.score));
        let best = cards.swap_remove(0);
        let passed = self.options.min_score.is_none_or(|min| best.score >= min);
        let ats = ats::check(doc, &findings.heading_lines, &self.rules.lexicon);
        let posting = self.posting.as_ref().and_then(|post| {
            let scored = self.profiles.iter().find(|p| p.id == best.role.id)?;
            Some(posting::report(post, scored, &best.gaps, doc, &findings))
        });
        Checked {
            document: DocumentInfo {
                format: doc.format,
                pages: doc.pages,
                chars: doc.chars(),
                warnings: doc.warnings.clone(),
                ocr: doc.ocr.clone(),
            },
            role: best.role,
            role_scores,
            fit_reason,
            score: best.score,
            passed,
            findings,
            breakdown: best.breakdown,
            met: best.met,
            gaps: best.gaps,
            ats,
            posting,
            baseline: None,
            source: None,
        }
    }
}

fn internal_error(panic: Box<dyn std::any::Any + Send>) -> FileError {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    FileError::new(
        ErrorKind::Internal,
        format!("internal error while checking this file ({what}); this is a bug in rolefit, please report it"),
    )
}
