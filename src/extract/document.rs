//! The extracted form of a resume: numbered lines with their page, plus the
//! normalised text that analysis matches against.
//!
//! Every extractor (text, PDF, DOCX, …) produces [`RawLine`]s; [`Document::new`]
//! numbers them and normalises each one, so a finding on normalised text always
//! cites the original line it came from.

use serde::Serialize;

use crate::error::FileError;
use crate::extract::facts::{LayoutFacts, LineRef};
use crate::extract::ocr::OcrInfo;
use crate::normalize::{clean_text, normalize_line};

/// The input format a document was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Markdown,
    Pdf,
    Docx,
    Odt,
    Html,
    JsonResume,
    /// A PNG, JPEG or TIFF image, read with OCR.
    Image,
}

impl Format {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::JsonResume => "json_resume",
            Format::Image => "image",
        }
    }
}

/// What an extractor knows about a line's role from the source's structure
/// (a DOCX heading style, a list paragraph, an HTML `<li>`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineHint {
    /// Nothing known; analysis decides from the text.
    #[default]
    None,
    /// A heading (styled or marked up as one).
    Heading,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// A wrapped line that continues the list item above it.
    Continuation,
}

/// One line as an extractor produced it.
#[derive(Debug, Clone, Default)]
pub struct RawLine {
    /// 1-based page number, for paged formats (PDF).
    pub page: Option<u32>,
    /// The text of the line, without the line terminator.
    pub text: String,
    /// Structural hint from the source format.
    pub hint: LineHint,
    /// Read from a side column (a PDF sidebar: the narrower column of a
    /// two-column band); its headings do not carry past it.
    pub side: bool,
    /// Where the line comes from inside a structured source (a JSON path for
    /// JSON Resume), if that says more than the line number.
    pub locator: Option<String>,
    /// Read by OCR from an image of the page.
    pub ocr: bool,
}

impl RawLine {
    /// A plain line with no page and no hint.
    pub fn plain(text: impl Into<String>) -> Self {
        RawLine {
            text: text.into(),
            ..RawLine::default()
        }
    }
}

/// A numbered line of a document.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based page number, for paged formats.
    pub page: Option<u32>,
    /// 1-based line number: within the page for paged formats, else within the document.
    pub number: u32,
    /// The text as extracted (trimmed of trailing whitespace).
    pub text: String,
    /// The normalised text (NFKC, unified dashes/quotes/bullets, collapsed spaces).
    pub norm: String,
    /// Structural hint from the source format.
    pub hint: LineHint,
    /// Read from a side column (see [`RawLine::side`]).
    pub side: bool,
    /// A locator inside a structured source (JSON path), if any.
    pub locator: Option<String>,
    /// Read by OCR (see [`RawLine::ocr`]).
    pub ocr: bool,
}

/// Longest line kept in one piece; longer lines are split (see [`Document::new`]).
pub const MAX_LINE_BYTES: usize = 2048;

/// Splits `text` into pieces of at most about `max` bytes, at whitespace where possible.
fn split_long(text: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut cut = max;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(space) = rest[..cut]
            .rfind(char::is_whitespace)
            .filter(|&at| at > max / 2)
        {
            cut = space;
        }
        pieces.push(&rest[..cut]);
        rest = rest[cut..].trim_start();
    }
    pieces.push(rest);
    pieces
}

/// An extracted resume (or job posting).
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// Number of pages (1 for formats without pages).
    pub pages: u32,
    pub lines: Vec<Line>,
    /// Link targets the document carries besides its text (a PDF's link
    /// annotations): a contact line drawn as icons still links somewhere.
    pub links: Vec<Link>,
    /// Non-fatal problems met while extracting (`repaired`, `truncated`, …).
    pub warnings: Vec<String>,
    /// Layout and font facts for the ATS-readability check.
    pub layout: LayoutFacts,
    /// Why a document without text has none, when its extractor could tell
    /// (a PDF: glyphs without Unicode, image-only pages, hidden text).
    pub no_text: Option<FileError>,
    /// What OCR read, when some of the text came from it.
    pub ocr: Option<OcrInfo>,
}

/// A link target (`mailto:`, `tel:`, a web address) and the line it sits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub page: Option<u32>,
    /// The number of the line the link covers, when it covers one.
    pub line: Option<u32>,
    pub uri: String,
}

impl Document {
    /// Numbers and normalises extracted lines.
    pub fn new(format: Format, raw: Vec<RawLine>, warnings: Vec<String>) -> Document {
        let mut lines = Vec::with_capacity(raw.len());
        let mut layout = LayoutFacts::default();
        let mut current_page = None;
        let mut number = 0u32;
        let mut pages = 1u32;
        for r in raw {
            if r.page != current_page {
                current_page = r.page;
                number = 0;
                if let Some(p) = r.page {
                    pages = pages.max(p);
                }
            }
            number += 1;
            // What cleaning removes is a fact of its own (hidden characters).
            layout.scan_chars(
                &r.text,
                LineRef {
                    page: r.page,
                    line: number,
                },
            );
            // A very long line (a file with no newlines) is cut into pieces
            // that keep its number, so analysis stays linear in the text.
            // A line never holds a line break (an extractor may pass one
            // through from a JSON string or a text run), nor more than
            // MAX_LINE_BYTES.
            let parts = r
                .text
                .split(['\n', '\r', '\u{2028}', '\u{2029}'])
                .enumerate()
                .filter(|(i, p)| *i == 0 || !p.trim().is_empty())
                .map(|(_, p)| p);
            for piece in parts.flat_map(|p| split_long(p.trim_end(), MAX_LINE_BYTES)) {
                let text = clean_text(piece);
                lines.push(Line {
                    page: r.page,
                    number,
                    norm: normalize_line(&text),
                    text: text.into_owned(),
                    hint: r.hint,
                    side: r.side,
                    locator: r.locator.clone(),
                    ocr: r.ocr,
                });
            }
        }
        Document {
            format,
            pages,
            lines,
            links: Vec::new(),
            warnings,
            layout,
            no_text: None,
            ocr: None,
        }
    }

    /// Total characters of extracted text.
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.text.chars().count()).sum()
    }

    /// True when no line holds a letter or digit.
    pub fn is_blank(&self) -> bool {
        !self
            .lines
            .iter()
            .any(|l| l.norm.chars().any(|c| c.is_alphanumeric()))
    }

    /// The text as `rolefit extract` prints it: lines joined by newlines,
    /// pages separated by a form feed.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut page = self.lines.first().and_then(|l| l.page);
        for line in &self.lines {
            if line.page != page {
                out.push('\u{c}');
                page = line.page;
            }
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_split_and_keep_their_number() {
        let long = "word ".repeat(1000);
        let doc = Document::new(
            Format::Text,
            vec![RawLine::plain(long.clone()), RawLine::plain("next")],
            vec![],
        );
        assert!(doc.lines.len() > 2);
        assert!(doc.lines.iter().all(|l| l.text.len() <= MAX_LINE_BYTES));
        assert!(doc.lines[..doc.lines.len() - 1]
            .iter()
            .all(|l| l.number == 1));
        assert_eq!(doc.lines.last().unwrap().number, 2);
        let joined: Vec<&str> = doc.lines[..doc.lines.len() - 1]
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        assert_eq!(joined.len(), 1000);
    }

    #[test]
    fn embedded_line_breaks_are_split_and_keep_their_number() {
        let doc = Document::new(
            Format::JsonResume,
            vec![RawLine::plain("jane@\nexample.com\r\nx")],
            vec![],
        );
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["jane@", "example.com", "x"]);
        assert!(doc.lines.iter().all(|l| l.number == 1));
    }

    #[test]
    fn pages_restart_line_numbers() {
        let mut a = RawLine::plain("a");
        a.page = Some(1);
        let mut b = RawLine::plain("b");
        b.page = Some(2);
        let doc = Document::new(Format::Pdf, vec![a, b], vec![]);
        assert_eq!(
            (doc.lines[1].page, doc.lines[1].number, doc.pages),
            (Some(2), 1, 2)
        );
    }
}
