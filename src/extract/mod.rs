//! Extraction: bytes of any supported format → [`Document`].
//!
//! The format is decided by content (magic bytes, zip members, JSON shape),
//! with the file name only as a hint, so a PDF named `.docx` still works.
//! Each format lives in its own module and returns the same `Document`.

pub mod detect;
pub mod document;
pub mod docx;
pub mod facts;
pub mod flow;
pub mod html;
pub mod image;
pub mod json_resume;
mod mime;
pub mod ocr;
pub mod odt;
pub mod pdf;
pub mod text;
mod xml;
pub mod zipsafe;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{ErrorKind, FileError};

pub use detect::{detect_format, Detected};
pub use document::{Document, Format, Line, LineHint, Link, RawLine};
pub use facts::LayoutFacts;

/// Resource budgets for extracting one file, and how its scans are read.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_size: u64,
    /// Decompressed bytes allowed per document (PDF streams, zip entries), summed.
    pub max_decompressed: u64,
    /// Content-stream operations allowed per document.
    pub max_operations: u64,
    /// Glyphs (PDF) or characters allowed per document.
    pub max_glyphs: u64,
    /// Text kept per document; beyond it the text is cut with a warning.
    pub max_text_bytes: usize,
    /// Maximum nesting depth for recursive structures (XML, JSON, PDF forms).
    pub max_depth: usize,
    /// When extraction must give up with a `timeout` error.
    pub deadline: Option<Instant>,
    /// OCR of scanned pages and image files: when, and its caps.
    pub ocr: ocr::OcrSettings,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 50 * 1024 * 1024,
            max_decompressed: 256 * 1024 * 1024,
            max_operations: 5_000_000,
            max_glyphs: 2_000_000,
            max_text_bytes: 8 * 1024 * 1024,
            max_depth: 256,
            deadline: None,
            ocr: ocr::OcrSettings::default(),
        }
    }
}

impl Limits {
    /// Limits with a deadline `timeout` from now.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.deadline = Some(Instant::now() + timeout);
        self
    }

    /// `Err(timeout)` once the deadline has passed; extractors call it in their loops.
    pub fn check_deadline(&self) -> Result<(), FileError> {
        match self.deadline {
            Some(d) if Instant::now() >= d => Err(FileError::new(
                ErrorKind::Timeout,
                "extraction took longer than the time budget (--timeout)",
            )),
            _ => Ok(()),
        }
    }
}

/// Reads a file (at most `limits.max_file_size` bytes) and extracts it.
pub fn extract_path(path: &Path, limits: &Limits) -> Result<Document, FileError> {
    reject_blank(read_path(path, limits)?)
}

/// Reads standard input (at most `limits.max_file_size` bytes) and extracts it.
pub fn extract_stdin(limits: &Limits) -> Result<Document, FileError> {
    reject_blank(read_stdin(limits)?)
}

/// [`extract_path`], returning a document without text too (its layout
/// facts say why: a scan).
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, FileError> {
    let bytes = read_capped(path, limits.max_file_size)?;
    read_bytes(&bytes, Some(path), limits)
}

/// [`extract_stdin`], returning a document without text too.
pub fn read_stdin(limits: &Limits) -> Result<Document, FileError> {
    let bytes = read_input(Path::new("-"), limits)?;
    read_bytes(&bytes, None, limits)
}

/// Extracts a document from bytes; `name` (a file name) is only a hint.
pub fn extract_bytes(
    bytes: &[u8],
    name: Option<&Path>,
    limits: &Limits,
) -> Result<Document, FileError> {
    reject_blank(read_bytes(bytes, name, limits)?)
}

fn reject_blank(doc: Document) -> Result<Document, FileError> {
    match no_text_error(&doc) {
        Some(e) => Err(e),
        None => Ok(doc),
    }
}

/// The `no_text` error of a document without text, else `None`.
pub fn no_text_error(doc: &Document) -> Option<FileError> {
    if let Some(why) = doc.no_text.clone().filter(|_| doc.is_blank()) {
        return Some(why);
    }
    doc.is_blank().then(|| {
        FileError::no_text(match doc.format {
            Format::Pdf => {
                "the PDF has no extractable text (scanned or outlined?); run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`"
            }
            _ => "the document contains no text",
        })
    })
}

/// [`extract_bytes`], returning a document without text too.
pub fn read_bytes(
    bytes: &[u8],
    name: Option<&Path>,
    limits: &Limits,
) -> Result<Document, FileError> {
    let doc = match detect_format(bytes, name) {
        Detected::Pdf => pdf::extract(bytes, limits)?,
        Detected::Docx => docx::extract(bytes, limits)?,
        Detected::Odt => odt::extract(bytes, limits)?,
        Detected::Html => html::extract(bytes, limits)?,
        Detected::JsonResume => json_resume::extract(bytes, limits)?,
        Detected::Text(format) => text::extract(bytes, format, limits)?,
        Detected::Image(kind) => image::extract(bytes, kind, limits)?,
        Detected::Encrypted(why) => return Err(FileError::new(ErrorKind::Encrypted, why)),
        Detected::Unsupported(why) => return Err(FileError::unsupported(why)),
        Detected::Malformed(why) => return Err(FileError::malformed(why)),
    };
    Ok(doc)
}

/// The bytes of a file, or of standard input for `-`, at most
/// `limits.max_file_size` of them.
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, FileError> {
    if path.as_os_str() != "-" {
        return read_capped(path, limits.max_file_size);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limits.max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            FileError::new(
                ErrorKind::Unreadable,
                format!("cannot read standard input: {e}"),
            )
        })?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(too_large(limits.max_file_size));
    }
    Ok(bytes)
}

fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    let unreadable =
        |e: std::io::Error| FileError::new(ErrorKind::Unreadable, format!("cannot read file: {e}"));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(FileError::new(
            ErrorKind::Unreadable,
            "is a folder, not a file",
        ));
    }
    if meta.len() > max {
        return Err(too_large(max));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

fn too_large(max: u64) -> FileError {
    FileError::new(
        ErrorKind::TooLarge,
        format!("file is larger than the {max}-byte limit (--max-file-size)"),
    )
}
