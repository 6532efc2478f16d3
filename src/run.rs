//! A run over many inputs (docs/cli.md, docs/limits.md): collect the files (walking folders),
//! check them in parallel — each file in isolation and under a time budget —
//! and stream the results to the reporter in a stable order.
//!
//! The run's own memory stays bounded however many files there are: at
//! most a window of results waits in the reorder buffer, and no
//! [`crate::extract::Document`] outlives the check of its file (the batch
//! view, [`crate::view`], may keep the results for the report).

use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use crate::check::Checker;
use crate::check::FileResult;
use crate::error::{ErrorKind, FileError};
use crate::extract::{Document, Limits};
use crate::report::Reporter;

/// Counts over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub errors: usize,
    pub passed: usize,
    pub failed: usize,
    /// Files met in a folder that are not resumes by their name (README,
    /// LICENSE, package.json…): not checked, not counted in `files`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    /// Files shown in the row of another file of the same application
    /// (see [`crate::view`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub duplicates: usize,
    /// Candidates the report leaves out (`--require`, `--top`).
    #[serde(skip_serializing_if = "is_zero")]
    pub not_shown: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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

/// One input of a run: a file to check, a path that failed before
/// checking, or a file of a folder that is not a resume by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Failed(PathBuf, FileError),
    Skipped(PathBuf),
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Failed(p, _) | Input::Skipped(p) => p,
        }
    }

    /// Whether the input is checked (or reported as failed): not skipped.
    pub fn is_checked(&self) -> bool {
        !matches!(self, Input::Skipped(_))
    }
}

/// Names of the files that repositories and projects carry next to their
/// documents, compared case-insensitively without the extension: a folder
/// walk skips them (a file named on the command line is still checked).
pub const NOT_RESUME_NAMES: &[&str] = &[
    "readme",
    "changelog",
    "license",
    "licence",
    "copying",
    "notice",
    "authors",
    "contributors",
    "contributing",
    "code_of_conduct",
    "code-of-conduct",
    "codeowners",
    "maintainers",
    "governance",
    "funding",
    "release_notes",
];

/// JSON files of tools and package managers, by their whole name.
pub const NOT_RESUME_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "composer.json",
    "bower.json",
    "tsconfig.json",
    "jsconfig.json",
    "manifest.json",
    "app.json",
    "lerna.json",
    "deno.json",
    "nx.json",
    "turbo.json",
    "angular.json",
    "vercel.json",
    "firebase.json",
    "renovate.json",
    "project.json",
    "appsettings.json",
    "launch.json",
    "settings.json",
    "extensions.json",
];

/// Whether a file met in a folder is, by its name, not a resume: README*,
/// LICENSE*, CHANGELOG* and the like in any case and with any extension,
/// and the configuration files of tools (package.json).
pub fn is_not_a_resume_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let stem = lower.split('.').next().unwrap_or("");
    NOT_RESUME_NAMES.contains(&stem) || NOT_RESUME_FILES.contains(&lower.as_str())
}

/// Extensions of files picked up when walking folders (case-insensitive);
/// images are read with OCR.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "pdf", "docx", "odt", "html", "htm", "json", "png", "jpg", "jpeg",
    "tif", "tiff",
];

/// How folders are walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Skip what `.gitignore` (inside a git repository), `.ignore` and
    /// `.rolefitignore` files exclude, as ripgrep does.
    pub respect_ignore_files: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            respect_ignore_files: true,
        }
    }
}

/// Expands command-line paths into the run's inputs, in a stable order: the
/// paths in the order given, each folder's files sorted by name (depth first).
///
/// - A file named directly is checked whatever its type (an unsupported type
///   gives an `unsupported` error); `-` is standard input.
/// - A folder is walked recursively: hidden entries (names starting with `.`),
///   symbolic-link loops and (unless turned off) what ignore files exclude are
///   skipped, files of unsupported types are skipped silently, files that are
///   not resumes by their name (README.md, LICENSE.txt, package.json: see
///   [`is_not_a_resume_name`]) become `Skipped` entries, unreadable
///   folders and files that are not regular files (a FIFO, a broken link
///   named like a resume) become `unreadable` entries.
/// - A path that does not exist or cannot be read is an `unreadable` entry.
/// - The same file reached twice (named twice, or through a folder and by
///   name, or through a link) is checked once, where it first appears.
pub fn collect_inputs(paths: &[PathBuf], walk_options: WalkOptions) -> Vec<Input> {
    let mut found = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Input::File(path.clone()));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, walk_options, &mut found),
            Ok(_) => found.push(Input::File(path.clone())),
            Err(e) => found.push(Input::Failed(path.clone(), unreadable_path(path, &e))),
        }
    }
    // A file skipped in a folder but named directly too is checked.
    let named: HashSet<PathBuf> = found
        .iter()
        .filter(|i| i.is_checked())
        .map(|i| identity(i.path()))
        .collect();
    found.retain(|input| input.is_checked() || !named.contains(&identity(input.path())));
    let mut seen = HashSet::new();
    found.retain(|input| seen.insert(identity(input.path())));
    found
}

/// One of `count` parts of a run (`--shard K/N`): the inputs at positions
/// `index - 1`, `index - 1 + count`, … of the sorted list, so that N
/// processes or machines split a corpus without a coordinator, and their
/// results together are the single run's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Reads `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("`{text}` is not a shard K/N with 1 <= K <= N");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Keeps this shard's inputs.
    pub fn select(&self, inputs: &mut Vec<Input>) {
        let mut position = 0;
        inputs.retain(|_| {
            position += 1;
            (position - 1) % self.count == self.index - 1
        });
    }
}

/// Removes `path` (the report being written) from the inputs.
pub fn exclude(inputs: &mut Vec<Input>, path: &Path) {
    let target = identity(path);
    inputs.retain(|input| identity(input.path()) != target);
}

/// What makes two paths the same file: the canonical path when there is
/// one; for a broken link or a missing file, its canonical folder and name.
fn identity(path: &Path) -> PathBuf {
    if path.as_os_str() == "-" {
        return path.to_path_buf();
    }
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir).map_or_else(|_| path.to_path_buf(), |d| d.join(name))
        }
        _ => path.to_path_buf(),
    }
}

fn walk(root: &Path, options: WalkOptions, found: &mut Vec<Input>) {
    let canonical_root = std::fs::canonicalize(root).ok();
    let respect = options.respect_ignore_files;
    let mut builder = ignore::WalkBuilder::new(root);
    if respect {
        builder.add_custom_ignore_filename(".rolefitignore");
    }
    let walker = builder
        .follow_links(true)
        .hidden(true)
        .parents(respect)
        .ignore(respect)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .sort_by_file_name(|a, b| a.cmp(b))
        // A link to the root or to one of its ancestors leads back here: a
        // loop, even when the walker (which only knows the ancestors inside
        // the walk) would follow it once.
        .filter_entry(move |e| {
            !(e.path_is_symlink()
                && e.file_type().is_some_and(|t| t.is_dir())
                && canonical_root.as_ref().is_some_and(|root| {
                    std::fs::canonicalize(e.path()).is_ok_and(|target| root.starts_with(target))
                }))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let Some(kind) = e.file_type() else { continue };
                if kind.is_dir() || !is_supported(e.path()) {
                    continue;
                }
                if kind.is_file() && is_not_a_resume_name(e.path()) {
                    found.push(Input::Skipped(e.into_path()));
                } else if kind.is_file() {
                    found.push(Input::File(e.into_path()));
                } else {
                    // Reading a FIFO would block; a socket or device is no resume.
                    found.push(Input::Failed(
                        e.into_path(),
                        FileError::new(
                            ErrorKind::Unreadable,
                            "not a regular file (a FIFO, socket or device); name it directly to read it",
                        ),
                    ));
                }
            }
            Err(e) => {
                if let Some(failed) = walk_error(&e) {
                    found.push(failed);
                }
            }
        }
    }
}

/// The input a walking error stands for: an unreadable folder or file is
/// reported; a link loop, an unreadable ignore file, or a broken link that
/// would not be read anyway, is not.
fn walk_error(error: &ignore::Error) -> Option<Input> {
    let mut path = None;
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert(p);
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let path = path?;
    let is_dir = std::fs::metadata(path).is_ok_and(|m| m.is_dir());
    if !is_dir && !is_supported(path) {
        return None;
    }
    let error = match inner {
        ignore::Error::Io(io) => unreadable_path(path, io),
        ignore::Error::Loop { .. } => return None,
        other => FileError::new(ErrorKind::Unreadable, other.to_string()),
    };
    Some(Input::Failed(path.clone(), error))
}

fn unreadable_path(path: &Path, e: &io::Error) -> FileError {
    let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err();
    let message = if dangling {
        format!("broken symbolic link: {e}")
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        format!("cannot read folder: {e}")
    } else {
        format!("cannot read: {e}")
    };
    FileError::new(ErrorKind::Unreadable, message)
}

fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What a walk of folders passed over, for a run that found no resume:
/// counted on a second, plain walk of the same folders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassedOver {
    /// Files of a type rolefit does not read, by extension (`""`: none).
    pub by_type: BTreeMap<String, usize>,
    /// Hidden files, or files in hidden folders.
    pub hidden: usize,
    /// Files of a type rolefit reads that an ignore file excluded.
    pub ignored: usize,
}

/// The files under `folders` that a walk passes over (at most 100,000 looked at).
pub fn passed_over(folders: &[PathBuf]) -> PassedOver {
    let mut over = PassedOver::default();
    for root in folders.iter().filter(|p| p.is_dir()) {
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for e in walker.flatten().take(100_000) {
            if !e.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = e.path();
            let inside = path.strip_prefix(root).unwrap_or(path);
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden {
                over.hidden += 1;
            } else if !is_supported(path) {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                *over.by_type.entry(ext).or_default() += 1;
            } else if !is_not_a_resume_name(path) {
                over.ignored += 1;
            }
        }
    }
    over
}

/// Told of each finished file, for a progress display. `()` ignores it.
pub trait Progress {
    /// One more file reported.
    fn file_done(&self) {}
    /// The run is over.
    fn finish(&self) {}
}

impl Progress for () {}

/// How a run is carried out.
#[derive(Debug)]
pub struct RunOptions {
    /// Files checked at the same time.
    pub jobs: usize,
    /// A file whose extraction started before the run ([`Prefetch`]).
    pub prefetched: Option<Prefetch>,
}

/// The extraction of one file started before the checker exists: a run of
/// a single file reads it while the rules load, instead of after.
#[derive(Debug)]
pub struct Prefetch {
    path: PathBuf,
    result: mpsc::Receiver<Result<Document, FileError>>,
}

impl Prefetch {
    /// Starts extracting `path` within `limits` on a thread of its own
    /// (`None` without a thread to spare: the run extracts it as usual).
    pub fn start(path: PathBuf, limits: Limits) -> Option<Prefetch> {
        let (done, result) = mpsc::sync_channel(1);
        let reading = path.clone();
        std::thread::Builder::new()
            .name("rolefit-prefetch".into())
            .stack_size(EXTRACT_STACK)
            .spawn(move || {
                let _ = done.send(crate::check::extract_within(&reading, &limits));
            })
            .ok()?;
        Some(Prefetch { path, result })
    }

    /// Its extraction, waited for at most `wait`.
    fn take(self, wait: Duration) -> Result<Document, FileError> {
        match self.result.recv_timeout(wait) {
            Ok(extracted) => extracted,
            Err(RecvTimeoutError::Timeout) => Err(timed_out(wait)),
            Err(RecvTimeoutError::Disconnected) => Err(stopped()),
        }
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jobs: default_jobs(),
            prefetched: None,
        }
    }
}

/// All cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How long the run waits for one file before giving up on it: the budget
/// plus a grace period in which the extractor's own (cooperative) deadline
/// check should have fired with a more precise message.
pub fn hard_timeout(budget: Duration) -> Duration {
    budget + (budget / 4).clamp(Duration::from_millis(100), Duration::from_secs(2))
}

/// Stack of the thread that extracts one file (deeply nested inputs recurse).
const EXTRACT_STACK: usize = 16 * 1024 * 1024;

/// Checks every input and reports the results in input order; returns the counts.
///
/// Files are checked on a pool of `options.jobs` threads. Each worker
/// extracts on a thread of its own, and waits for each file at most
/// [`hard_timeout`]`(checker.options().timeout)`: a file whose extractor hangs
/// becomes a `timeout` error and the run goes on. A panic becomes that file's
/// error (see [`Checker::extract`] and [`Checker::check_extracted`]). Results
/// are handed to `reporter` in the order of `inputs` through a reorder buffer
/// of bounded size.
pub fn run(
    checker: Arc<Checker>,
    inputs: Vec<Input>,
    reporter: &mut dyn Reporter,
    options: RunOptions,
    progress: &dyn Progress,
) -> io::Result<Summary> {
    let jobs = options.jobs.max(1);
    let mut prefetched = options.prefetched;
    let mut summary = Summary::default();
    // Files skipped in folders are only listed; the others are checked.
    let inputs: Vec<Result<PathBuf, (PathBuf, FileError)>> = inputs
        .into_iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(Ok(path)),
            Input::Failed(path, error) => Some(Err((path, error))),
            Input::Skipped(path) => {
                summary.skipped.push(path.display().to_string());
                None
            }
        })
        .collect();
    let pool = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("rolefit-worker-{i}"))
            .build()
    };
    // A system short of threads for the moment (EAGAIN under a process
    // limit) still gets its files checked, by one worker.
    let pool = pool(jobs).or_else(|_| pool(1)).map_err(io::Error::other)?;
    let wait = hard_timeout(checker.options().timeout);
    // Enough in flight to keep every worker busy while one slow file holds
    // back the head of the reorder buffer.
    let window = (jobs * 8).max(16);
    let total = inputs.len();
    let (tx, rx) = mpsc::channel::<(usize, FileResult)>();
    let mut pending = inputs.into_iter().enumerate();
    let mut dispatched = 0;
    let mut emitted = 0;
    let mut buffer: BTreeMap<usize, FileResult> = BTreeMap::new();

    while emitted < total {
        while dispatched < total && dispatched < emitted + window {
            let Some((index, input)) = pending.next() else {
                break;
            };
            dispatched += 1;
            match input {
                Err((path, error)) => {
                    let _ = tx.send((index, FileResult::failed(path.display().to_string(), error)));
                }
                Ok(path) => {
                    let tx = tx.clone();
                    let checker = Arc::clone(&checker);
                    let early = prefetched.take_if(|p| p.path == path);
                    pool.spawn(move || {
                        let result = match early {
                            Some(early) => checker.check_extracted(&path, early.take(wait)),
                            None => check_isolated(checker, path, wait),
                        };
                        let _ = tx.send((index, result));
                    });
                }
            }
        }
        let Ok((index, result)) = rx.recv() else {
            return Err(io::Error::other(
                "a worker stopped without reporting its file",
            ));
        };
        buffer.insert(index, result);
        while let Some(result) = buffer.remove(&emitted) {
            summary.add(&result);
            reporter.file(&result)?;
            progress.file_done();
            emitted += 1;
        }
    }
    progress.finish();
    reporter.finish(&summary)?;
    Ok(summary)
}

/// A thread that extracts files for one worker of the pool, kept from one
/// file to the next and replaced when a file overruns its time.
struct Extractor {
    jobs: mpsc::Sender<(Arc<Checker>, PathBuf)>,
    results: mpsc::Receiver<Result<Document, FileError>>,
}

impl Extractor {
    fn spawn() -> io::Result<Extractor> {
        let (jobs, queue) = mpsc::channel::<(Arc<Checker>, PathBuf)>();
        let (done, results) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("rolefit-extract".into())
            .stack_size(EXTRACT_STACK)
            .spawn(move || {
                // Ends when its worker drops the job sender, or abandons it
                // (a timeout) and so no longer takes results.
                for (checker, path) in queue {
                    if done.send(checker.extract(&path)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Extractor { jobs, results })
    }
}

thread_local! {
    /// The extracting thread of the current pool worker.
    static EXTRACTOR: RefCell<Option<Extractor>> = const { RefCell::new(None) };
}

/// Checks one file: extraction on the worker's extracting thread, waited for
/// at most `wait`, then the analysis here.
///
/// Extraction is where a hostile file can hang or recurse deeply, so it runs
/// on a thread with a large stack that the worker can give up on: after a
/// timeout that thread is abandoned (it ends with the process, or when its
/// file finishes) and the next file gets a new one. Analysis is linear in
/// the extracted text, which the limits bound, and runs on the long-lived
/// worker thread, whose regex caches stay warm from one file to the next.
fn check_isolated(checker: Arc<Checker>, path: PathBuf, wait: Duration) -> FileResult {
    let extracted = EXTRACTOR.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Extractor::spawn().ok();
        }
        let sent = slot
            .as_ref()
            .is_some_and(|ex| ex.jobs.send((Arc::clone(&checker), path.clone())).is_ok());
        if !sent {
            // No thread to spare: extract here, relying on the cooperative deadline.
            *slot = None;
            return checker.extract(&path);
        }
        let received = slot.as_ref().map(|ex| ex.results.recv_timeout(wait));
        match received {
            Some(Ok(extracted)) => extracted,
            Some(Err(RecvTimeoutError::Timeout)) => {
                *slot = None;
                Err(timed_out(wait))
            }
            Some(Err(RecvTimeoutError::Disconnected)) | None => {
                *slot = None;
                Err(stopped())
            }
        }
    });
    checker.check_extracted(&path, extracted)
}

/// A file whose extraction overran its time.
fn timed_out(wait: Duration) -> FileError {
    FileError::new(
        ErrorKind::Timeout,
        format!(
            "gave up after {:.1} s: reading this file took longer than the time budget (--timeout)",
            wait.as_secs_f64()
        ),
    )
}

/// An extracting thread that ended without a result.
fn stopped() -> FileError {
    FileError::new(
        ErrorKind::Malformed,
        "internal error: the extraction stopped without a result; please report it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_timeout_adds_a_bounded_grace() {
        assert_eq!(
            hard_timeout(Duration::from_secs(10)),
            Duration::from_millis(12_000)
        );
        assert_eq!(
            hard_timeout(Duration::from_millis(100)),
            Duration::from_millis(200)
        );
        assert_eq!(
            hard_timeout(Duration::from_secs(60)),
            Duration::from_secs(62)
        );
    }

    #[test]
    fn walk_sorts_dedupes_and_skips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/.hidden")).expect("mkdir");
        std::fs::write(root.join("b/z.txt"), "z").expect("write");
        std::fs::write(root.join("b/.hidden/h.txt"), "h").expect("write");
        std::fs::write(root.join("b/.dot.txt"), "d").expect("write");
        std::fs::write(root.join("a.md"), "a").expect("write");
        std::fs::write(root.join("image.png"), "p").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/loop")).expect("symlink");
        let inputs = collect_inputs(
            &[
                root.join("b"),
                root.to_path_buf(),
                root.join("a.md"),
                root.join("image.png"),
            ],
            WalkOptions::default(),
        );
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.path()
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["b/z.txt", "a.md", "image.png"]);
        assert!(inputs.iter().all(|i| matches!(i, Input::File(_))));
    }

    #[test]
    fn files_that_are_no_resumes_by_name_are_skipped_unless_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for name in [
            "README.md",
            "readme.txt",
            "LICENSE.md",
            "CHANGELOG.md",
            "package.json",
            "package-lock.json",
            "jane-doe.md",
            "readme-writer-resume.txt",
        ] {
            std::fs::write(root.join(name), "x").expect("write");
        }
        let inputs = collect_inputs(
            &[root.to_path_buf(), root.join("README.md")],
            WalkOptions::default(),
        );
        let name = |i: &Input| {
            i.path()
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        };
        let checked: Vec<String> = inputs.iter().filter(|i| i.is_checked()).map(name).collect();
        let skipped: Vec<String> = inputs
            .iter()
            .filter(|i| !i.is_checked())
            .map(name)
            .collect();
        // Named directly too, README.md is checked, where it was named.
        assert_eq!(
            checked,
            ["jane-doe.md", "readme-writer-resume.txt", "README.md"]
        );
        assert_eq!(
            skipped,
            [
                "CHANGELOG.md",
                "LICENSE.md",
                "package-lock.json",
                "package.json",
                "readme.txt"
            ]
        );
        assert!(is_not_a_resume_name(Path::new("docs/Readme")));
        assert!(!is_not_a_resume_name(Path::new("resume.json")));
    }

    #[test]
    fn ignore_files_are_honoured_unless_turned_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).expect("mkdir");
        std::fs::create_dir_all(root.join("archive")).expect("mkdir");
        std::fs::write(root.join(".gitignore"), "archive/\n").expect("write");
        std::fs::write(root.join(".rolefitignore"), "draft.md\n").expect("write");
        std::fs::write(root.join("archive/old.txt"), "o").expect("write");
        std::fs::write(root.join("draft.md"), "d").expect("write");
        std::fs::write(root.join("cv.txt"), "c").expect("write");
        let names = |options| -> Vec<String> {
            collect_inputs(&[root.to_path_buf()], options)
                .iter()
                .map(|i| i.path().strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names(WalkOptions::default()), ["cv.txt"]);
        let all = WalkOptions {
            respect_ignore_files: false,
        };
        assert_eq!(names(all), ["archive/old.txt", "cv.txt", "draft.md"]);
    }

    #[test]
    fn missing_path_is_unreadable() {
        let inputs = collect_inputs(
            &[PathBuf::from("/nonexistent/rolefit/x.txt")],
            WalkOptions::default(),
        );
        assert!(
            matches!(&inputs[..], [Input::Failed(_, e)] if e.kind == ErrorKind::Unreadable),
            "{inputs:?}"
        );
    }
}
