//! OCR: the text of scanned PDF pages and of image files, read by Tesseract.
//!
//! Tesseract runs as a child process (the `tesseract` command), not as a
//! linked library, because:
//! - it stays optional at run time: the one rolefit binary reads every text
//!   document where Tesseract is not installed, and says how to install it
//!   when a scan needs it;
//! - a crash, a hang or a memory blow-up in the engine (or in the image
//!   decoders it links) is a child process rolefit kills at the file's
//!   deadline, never rolefit itself;
//! - no C toolchain or `-dev` packages are needed to build rolefit.
//!
//! The cost, a process start per image (tens of milliseconds), is small
//! beside the recognition itself (about a second per page).
//!
//! [`engine`] finds the command once per process; [`recognize`] sends it
//! one encoded image on standard input and reads its TSV output (word boxes
//! with confidences) into [`OcrPage`]s; [`image`] reads image headers (the
//! pixel cap is checked before any decoding) and encodes a PDF's raw image
//! samples into a file Tesseract reads; [`render`] draws a PDF page whose
//! glyphs have no Unicode mapping into an image with `pdftoppm`, and
//! [`child`] runs both commands, killed at the file's deadline. Turning
//! words into lines is the PDF layout's job (`pdf::scan`), so a scan's
//! columns and bullets are read as a PDF's are. Never any network: the
//! engine reads only its local language data.

mod child;
mod engine;
pub mod image;
pub mod render;

use std::time::Instant;

use serde::Serialize;

use crate::error::{FileError, NoTextReason};

pub use engine::{engine, recognize, Engine};

/// When to run OCR (`--ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Image files, and PDF pages that show no text but an image covering
    /// much of the page (a scan).
    #[default]
    Auto,
    /// Also the large images of pages that have some text.
    Always,
    /// Never: scans are `no_text` errors.
    Never,
}

impl OcrMode {
    /// The `--ocr` value.
    pub fn as_str(self) -> &'static str {
        match self {
            OcrMode::Auto => "auto",
            OcrMode::Always => "always",
            OcrMode::Never => "never",
        }
    }
}

/// OCR settings and caps for one file.
#[derive(Debug, Clone)]
pub struct OcrSettings {
    pub mode: OcrMode,
    /// Pages (scanned PDF pages, or images of a multi-page TIFF) read by OCR
    /// per document; the rest are left out with a warning.
    pub max_pages: usize,
    /// Pixels of one image; a larger one is a `limit` error (an image bomb
    /// is a small file with huge dimensions).
    pub max_pixels: u64,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            mode: OcrMode::Auto,
            max_pages: 10,
            // An A4 page at 600 dpi is 34.8 million pixels.
            max_pixels: 40_000_000,
        }
    }
}

/// A mean word confidence (0–100) under this marks the document as
/// low-confidence: its findings may be wrong, and the report says so.
pub const LOW_CONFIDENCE: f32 = 60.0;

/// One recognised word, in the image's pixels (origin top left).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub text: String,
    /// The engine's confidence, 0–100.
    pub conf: f32,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    /// The line the engine put it on (unique within the page).
    pub line: u32,
}

impl Word {
    pub fn right(&self) -> u32 {
        self.left + self.width
    }
    pub fn bottom(&self) -> u32 {
        self.top + self.height
    }
}

/// One recognised page (an image; a multi-page TIFF gives several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrPage {
    /// The image's size in pixels.
    pub width: u32,
    pub height: u32,
    /// Words in the engine's reading order.
    pub words: Vec<Word>,
}

/// What OCR read in a document, reported as `document.ocr`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrInfo {
    /// The engine and its version (`tesseract 5.3.0`).
    pub engine: String,
    /// Pages whose text was read by OCR.
    pub pages: u32,
    /// Words recognised.
    pub words: u32,
    /// The mean word confidence (0–100), weighted by word length.
    pub mean_confidence: f32,
    /// Under [`LOW_CONFIDENCE`]: the findings may be wrong.
    pub low_confidence: bool,
}

/// Sums what OCR read over a document's pages.
#[derive(Debug, Default)]
pub struct Tally {
    pages: u32,
    words: u32,
    weighted: f64,
    letters: f64,
}

impl Tally {
    /// Counts one recognised page.
    pub fn add(&mut self, page: &OcrPage) {
        self.pages += 1;
        for w in &page.words {
            let n = w.text.chars().count().max(1) as f64;
            self.words += 1;
            self.weighted += f64::from(w.conf.clamp(0.0, 100.0)) * n;
            self.letters += n;
        }
    }

    /// Pages counted so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// The document's OCR facts, when a page was read.
    pub fn info(&self, engine: &Engine) -> Option<OcrInfo> {
        (self.pages > 0).then(|| {
            let mean = if self.letters > 0.0 {
                (self.weighted / self.letters) as f32
            } else {
                0.0
            };
            let mean = (mean * 10.0).round() / 10.0;
            OcrInfo {
                engine: engine.name(),
                pages: self.pages,
                words: self.words,
                mean_confidence: mean,
                low_confidence: mean < LOW_CONFIDENCE,
            }
        })
    }
}

/// The warnings of a document read by OCR: `ocr` (always) and
/// `ocr_low_confidence`; each starts with its kind (docs/cli.md).
pub fn warnings(info: &OcrInfo) -> Vec<String> {
    let mut out = vec![format!(
        "ocr: the text of {} page{} was read by OCR ({}, mean word confidence {:.1}%); it may hold recognition errors",
        info.pages,
        if info.pages == 1 { "" } else { "s" },
        info.engine,
        info.mean_confidence
    )];
    if info.low_confidence {
        out.push(format!(
            "ocr_low_confidence: OCR's mean word confidence is {:.1}%, under {LOW_CONFIDENCE}%: the findings may be wrong; a better scan (flat, lit, 300 dpi) or the original document would be read reliably",
            info.mean_confidence
        ));
    }
    out
}

/// Why a scan could not be read: OCR is off, or the engine is missing.
pub fn unavailable(settings: &OcrSettings) -> Option<FileError> {
    let why = if settings.mode == OcrMode::Never {
        "its pages are images (a scan) and OCR is off (--ocr never); run without `--ocr never` to read it with Tesseract".to_string()
    } else {
        match engine() {
            Ok(_) => return None,
            Err(missing) => format!("its pages are images (a scan) and {missing}"),
        }
    };
    Some(FileError::no_text_because(NoTextReason::ImageOnly, why))
}

/// `Err(timeout)` once `deadline` has passed.
pub(crate) fn check_deadline(deadline: Option<Instant>) -> Result<(), FileError> {
    match deadline {
        Some(d) if Instant::now() >= d => Err(FileError::new(
            crate::error::ErrorKind::Timeout,
            "OCR took longer than the time budget (--timeout); raise it for scans",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, conf: f32) -> Word {
        Word {
            text: text.into(),
            conf,
            left: 0,
            top: 0,
            width: 10,
            height: 10,
            line: 1,
        }
    }

    #[test]
    fn mean_confidence_is_weighted_by_length_and_marks_low_documents() {
        let engine = Engine::for_tests("tesseract 5.3.0");
        let mut tally = Tally::default();
        tally.add(&OcrPage {
            width: 100,
            height: 100,
            words: vec![word("Production", 90.0), word("|", 0.0)],
        });
        let info = tally.info(&engine).unwrap();
        assert_eq!(info.pages, 1);
        assert_eq!(info.words, 2);
        // (90 × 10 + 0 × 1) / 11
        assert_eq!(info.mean_confidence, 81.8);
        assert!(!info.low_confidence);
        assert_eq!(warnings(&info).len(), 1);

        let mut poor = Tally::default();
        poor.add(&OcrPage {
            width: 100,
            height: 100,
            words: vec![word("Prodvctlon", 41.0)],
        });
        let info = poor.info(&engine).unwrap();
        assert!(info.low_confidence);
        let w = warnings(&info);
        assert!(w[1].starts_with("ocr_low_confidence: "), "{w:?}");
    }

    #[test]
    fn nothing_read_is_no_info() {
        assert!(Tally::default()
            .info(&Engine::for_tests("tesseract 5"))
            .is_none());
    }

    #[test]
    fn ocr_off_says_how_to_turn_it_on() {
        let e = unavailable(&OcrSettings {
            mode: OcrMode::Never,
            ..OcrSettings::default()
        })
        .unwrap();
        assert_eq!(e.kind, crate::error::ErrorKind::NoText);
        assert!(e.message.contains("--ocr never"), "{}", e.message);
    }
}
