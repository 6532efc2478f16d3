//! Errors. A [`FileError`] says why one file could not be checked: it never
//! stops a batch, it becomes that file's result with `"status": "error"`
//! (docs/report.md). An [`Error`] stops a run before it starts (bad rules, an
//! unknown role, an unreadable job posting) or while writing the report.

use serde::Serialize;

use crate::rules::RuleError;

/// The kinds of per-file error, fixed by the JSON schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be read (permissions, I/O error, not a file).
    Unreadable,
    /// The content is of a type rolefit does not read.
    Unsupported,
    /// The content claims a supported format but is broken.
    Malformed,
    /// The file needs a password.
    Encrypted,
    /// Over `--max-file-size`.
    TooLarge,
    /// No extractable text (scanned or outlined PDF, empty document).
    NoText,
    /// Over the per-file time budget.
    Timeout,
    /// A resource budget (decompressed bytes, operations, nesting…) was exceeded.
    Limit,
    /// A bug in rolefit (a caught panic), not a problem with the file.
    Internal,
}

impl ErrorKind {
    /// The snake_case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Malformed => "malformed",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::NoText => "no_text",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Limit => "limit",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Why a PDF has no text (`error.reason` of a `no_text` error), so a
/// consumer can tell a scan from undecodable text without reading the
/// message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoTextReason {
    /// The pages are images (a scan without OCR): run OCR.
    ImageOnly,
    /// Glyphs are drawn, but in fonts that do not map them to Unicode.
    NoUnicode,
    /// The pages are vector drawings (text converted to outlines).
    Outlined,
    /// All the text is hidden from a reader (invisible, or in hidden layers).
    Hidden,
    /// The pages draw no text at all.
    Empty,
}

/// Why one file could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}: {message}", kind.as_str())]
pub struct FileError {
    pub kind: ErrorKind,
    pub message: String,
    /// For a `no_text` error from a PDF: which case it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<NoTextReason>,
}

impl FileError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        FileError {
            kind,
            message: message.into(),
            reason: None,
        }
    }
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Malformed, message)
    }
    pub fn limit(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Limit, message)
    }
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, message)
    }
    pub fn no_text(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NoText, message)
    }
    /// A `no_text` error that says which case it is.
    pub fn no_text_because(reason: NoTextReason, message: impl Into<String>) -> Self {
        FileError {
            reason: Some(reason),
            ..Self::no_text(message)
        }
    }
}

/// Why a run could not start or finish.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Rule files that do not load; each error names its file, line and key.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Rules(Vec<RuleError>),
    /// `--role` names no loaded profile.
    #[error("unknown role `{id}`{hint}")]
    UnknownRole { id: String, hint: String },
    /// The rules define no role profile to score against.
    #[error("no role profiles are loaded")]
    NoProfiles,
    /// The job posting (`--job`) could not be read.
    #[error("job posting {path}: {error}")]
    Posting { path: String, error: FileError },
    /// Writing the report failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_display_kind_then_message() {
        let e = FileError::new(ErrorKind::TooLarge, "over 10 bytes");
        assert_eq!(e.to_string(), "too_large: over 10 bytes");
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.source().is_none());
    }
}
