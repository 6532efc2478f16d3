//! A run over many inputs: collect the files, check each, feed the reporter,
//! count the outcomes.

use std::path::{Path, PathBuf};

use crate::check::Checker;
use crate::error::{ErrorKind, FileError};
use crate::report::{FileResult, Reporter, Summary};

/// One input of a run: a file to check, or a path that failed before checking.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Failed(PathBuf, FileError),
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Failed(p, _) => p,
        }
    }
}

/// Extensions of files picked up when walking folders.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "pdf", "docx", "odt", "html", "htm", "json",
];

/// Expands command-line paths: files as given, folders walked recursively
/// (hidden entries and unsupported types skipped), in a stable order.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_supported(e.path()) => {
                    found.push(Input::File(e.into_path()))
                }
                Ok(_) => {}
                Err(e) if e.loop_ancestor().is_some() => {}
                Err(e) => {
                    let p = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.clone());
                    found.push(Input::Failed(
                        p,
                        FileError::new(ErrorKind::Unreadable, e.to_string()),
                    ));
                }
            }
        }
        inputs.extend(found);
    }
    inputs
}

fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Checks every input in order and reports it; returns the counts.
pub fn run(
    checker: &Checker,
    inputs: &[Input],
    reporter: &mut dyn Reporter,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for input in inputs {
        let result = match input {
            Input::File(p) => checker.check_path(p),
            Input::Failed(p, e) => FileResult::failed(p.display().to_string(), e.clone()),
        };
        summary.add(&result);
        reporter.file(&result)?;
    }
    reporter.finish(&summary)?;
    Ok(summary)
}
