//! PDF extraction: rolefit's own text layer on top of lopdf.
//!
//! lopdf parses the file, decrypts it (empty user password) and decodes
//! streams; everything about text is ours:
//! - [`loader`]: magic, typed errors, `repaired` warning, iterative page walk;
//! - [`font`], [`cmap`], [`encoding`], [`metrics`], [`truetype`]: codes →
//!   Unicode and widths;
//! - [`content`]: content-stream syntax, read token by token so that a bad
//!   token costs only itself (skipped tokens are counted and warned about);
//! - [`interpreter`]: content streams → positioned glyphs;
//! - [`annots`]: form-field text, appearance streams and link targets;
//! - [`layout`]: glyphs → lines (word spaces, columns, accents, hyphens),
//!   with the list markers drawn beside them;
//! - [`structure`]: lines → list-item, continuation and heading hints, from
//!   typography.
//!
//! Every loop is budgeted ([`budget::Budget`]: decompressed bytes,
//! operations, glyphs, deadline) and no recursion is unbounded.

mod annots;
mod budget;
mod cmap;
mod content;
mod encoding;
mod facts;
mod font;
mod interpreter;
mod layout;
mod loader;
mod metrics;
pub mod simple;
mod structure;
mod tables;
mod truetype;

use crate::error::{ErrorKind, FileError};
use crate::extract::Limits;
use crate::extract::{Document, Format, Link, RawLine};

/// Extracts the text of a PDF, one [`RawLine`] per line with its 1-based page.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let loaded = loader::load(bytes, limits)?;
    let mut warnings = loaded.warnings;
    let mut budget = budget::Budget::new(limits);
    let mut interp = interpreter::Interpreter::new(&loaded.doc);
    let mut raw: Vec<RawLine> = Vec::new();
    let mut text_bytes = 0usize;
    let mut stopped: Option<FileError> = None;
    let mut pages: Vec<Vec<layout::PageLine>> = Vec::with_capacity(loaded.pages.len());
    let mut page_links: Vec<Vec<annots::PageLink>> = Vec::with_capacity(loaded.pages.len());
    let mut page_facts: Vec<(facts::PageFacts, usize)> = Vec::with_capacity(loaded.pages.len());
    for page_id in &loaded.pages {
        limits.check_deadline()?;
        match interp.run_page(*page_id, &mut budget) {
            Ok(mut painted) => {
                page_links.push(std::mem::take(&mut painted.links));
                let mut seen = std::mem::take(&mut painted.facts);
                seen.set_shapes(painted.marks.len());
                page_facts.push((seen, painted.glyphs.len()));
                pages.push(layout::page_lines(painted));
            }
            Err(e) if e.kind == ErrorKind::Timeout => return Err(e),
            Err(e) => {
                stopped = Some(e);
                break;
            }
        }
    }
    // The words of the document decide how to join hyphenated line ends;
    // only worth collecting when a line ends in a hyphen.
    let hyphenated = pages
        .iter()
        .flatten()
        .any(|l| l.text.ends_with(['-', '\u{2010}', '\u{AD}']));
    let vocab = if hyphenated {
        layout::vocabulary(pages.iter().flatten().map(|l| &l.text))
    } else {
        Default::default()
    };
    let mut links = Vec::new();
    let mut collector = facts::Collector::default();
    'pages: for (index, mut lines) in pages.into_iter().enumerate() {
        layout::join_hyphens(&mut lines, &vocab);
        let hints = structure::hints(&lines);
        let page = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let (seen, chars) = std::mem::take(&mut page_facts[index]);
        collector.page(page, &lines, seen, chars);
        for link in &page_links[index] {
            links.push(Link {
                page: Some(page),
                line: layout::line_under(&lines, link.rect).and_then(|i| u32::try_from(i + 1).ok()),
                uri: link.uri.clone(),
            });
        }
        for (line, hint) in lines.into_iter().zip(hints) {
            let (text, side) = (line.text, line.side);
            text_bytes += text.len() + 1;
            if text_bytes > limits.max_text_bytes {
                warnings.push(format!(
                    "text cut to the first {} bytes (resource limit)",
                    limits.max_text_bytes
                ));
                break 'pages;
            }
            raw.push(RawLine {
                page: Some(page),
                text,
                hint,
                side,
                ..RawLine::default()
            });
        }
    }
    warnings.append(&mut interp.warnings);
    let has_text = raw
        .iter()
        .any(|l| l.text.chars().any(char::is_alphanumeric));
    if let Some(e) = stopped {
        if !has_text {
            return Err(e);
        }
        warnings.push(format!("text cut: {}", e.message));
    }
    // No text because the content could not be parsed is not a scan: say why.
    if let Some(e) = interp.content_error.take() {
        if !has_text {
            return Err(e);
        }
    }
    let page_count = u32::try_from(page_facts.len()).unwrap_or(u32::MAX);
    let mut doc = Document::new(Format::Pdf, raw, warnings);
    doc.links = links;
    // Pages without text (a picture) count too.
    doc.pages = doc.pages.max(page_count);
    // The characters Document::new saw are kept with the PDF's own facts.
    let chars = std::mem::take(&mut doc.layout.chars);
    doc.layout = collector.finish();
    doc.layout.chars = chars;
    Ok(doc)
}

#[cfg(test)]
mod tests;
