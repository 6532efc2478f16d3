//! The extracted form of a resume: numbered lines with their page, plus the
//! normalised text that analysis matches against.
//!
//! Every extractor (text, PDF, DOCX, …) produces [`RawLine`]s; [`Document::new`]
//! numbers them and normalises each one, so a finding on normalised text always
//! cites the original line it came from.

use serde::Serialize;

use crate::normalize::normalize_line;

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
    /// Where the line comes from inside a structured source (a JSON path for
    /// JSON Resume), if that says more than the line number.
    pub locator: Option<String>,
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
    /// A locator inside a structured source (JSON path), if any.
    pub locator: Option<String>,
}

/// An extracted resume (or job posting).
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// Number of pages (1 for formats without pages).
    pub pages: u32,
    pub lines: Vec<Line>,
    /// Non-fatal problems met while extracting (`repaired`, `truncated`, …).
    pub warnings: Vec<String>,
}

impl Document {
    /// Numbers and normalises extracted lines.
    pub fn new(format: Format, raw: Vec<RawLine>, warnings: Vec<String>) -> Document {
        let mut lines = Vec::with_capacity(raw.len());
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
            let text = r.text.trim_end().to_string();
            let norm = normalize_line(&text);
            lines.push(Line {
                page: r.page,
                number,
                text,
                norm,
                hint: r.hint,
                locator: r.locator,
            });
        }
        Document {
            format,
            pages,
            lines,
            warnings,
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
