//! PDF extraction: rolefit's own text layer on top of lopdf.
//!
//! lopdf parses the file, decrypts it (empty user password) and decodes
//! streams; everything about text is ours:
//! - [`loader`]: magic, typed errors, `repaired` warning, iterative page walk;
//! - [`font`], [`cmap`], [`encoding`], [`metrics`], [`truetype`], [`cjk`]:
//!   codes → Unicode and widths;
//! - [`content`]: content-stream syntax, read token by token so that a bad
//!   token costs only itself (skipped tokens are counted and warned about);
//! - [`interpreter`]: content streams → positioned glyphs;
//! - [`annots`]: form-field text, appearance streams and link targets;
//! - [`visibility`]: optional content hidden by default, invisible text,
//!   and the OCR layer of a scanned page (kept) told from hidden text
//!   (left out, counted in a `hidden_text` warning);
//! - [`layout`]: glyphs → lines (word spaces, columns, accents, hyphens),
//!   with the list markers drawn beside them;
//! - [`structure`]: lines → list-item, continuation and heading hints, from
//!   typography;
//! - [`scan`]: the images of a scanned page read with OCR, the words placed
//!   back on the page as glyphs (also image files' pages);
//! - [`rendered`]: pages whose glyphs have no Unicode mapping, rendered
//!   (pdftoppm) and read by OCR where those glyphs are;
//! - [`diagnose`]: why a PDF gives no text (a scan, fonts without Unicode,
//!   outlines, hidden text), and the `no_unicode` warning.
//!
//! Every loop is budgeted ([`budget::Budget`]: decompressed bytes,
//! operations, glyphs, deadline) and no recursion is unbounded.

mod annots;
mod budget;
mod cjk;
mod cmap;
mod content;
mod diagnose;
mod encoding;
mod facts;
mod font;
mod interpreter;
mod layout;
mod loader;
mod metrics;
mod rendered;
pub(crate) mod scan;
pub mod simple;
mod std_glyphs;
mod structure;
mod tables;
mod truetype;
mod visibility;

use crate::error::{ErrorKind, FileError, NoTextReason};
use crate::extract::ocr::{self, OcrMode};
use crate::extract::Limits;
use crate::extract::{Document, Format, Link, RawLine};

/// Extracts the text of a PDF, one [`RawLine`] per line with its 1-based page.
///
/// A file that reads as having no pages, or pages that draw nothing, is
/// read again with its cross-reference table rebuilt by scanning (as
/// poppler does when an object is not where the table says): kept, with a
/// `repaired` warning, when that gives text.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let first =
        loader::load(bytes, limits).and_then(|loaded| extract_loaded(bytes, loaded, limits));
    if !worth_rebuilding(&first) || limits.check_deadline().is_err() {
        return first;
    }
    match loader::load_rebuilt(bytes, limits)
        .and_then(|loaded| extract_loaded(bytes, loaded, limits))
    {
        Ok(mut doc) if doc.no_text.is_none() => {
            doc.warnings
                .retain(|w| !w.starts_with("repaired: the PDF is damaged"));
            doc.warnings.insert(
                0,
                "repaired: the PDF's cross-reference table points at wrong or missing objects; it was rebuilt by scanning the file".to_string(),
            );
            Ok(doc)
        }
        _ => first,
    }
}

/// Whether a first reading failed in a way a rebuilt cross-reference table
/// may mend: malformed, content that could not be parsed, or pages that
/// draw nothing at all (not a scan, hidden text or unmapped fonts).
fn worth_rebuilding(first: &Result<Document, FileError>) -> bool {
    let empty = |e: &FileError| e.reason == Some(NoTextReason::Empty);
    match first {
        Err(e) => {
            e.kind == ErrorKind::Malformed
                || empty(e)
                || (e.kind == ErrorKind::NoText && e.reason.is_none())
        }
        Ok(doc) => doc.no_text.as_ref().is_some_and(empty),
    }
}

/// [`extract`] of a loaded file.
fn extract_loaded(
    bytes: &[u8],
    loaded: loader::Loaded,
    limits: &Limits,
) -> Result<Document, FileError> {
    let mut warnings = loaded.warnings;
    let mut budget = budget::Budget::new(limits);
    let mut interp = interpreter::Interpreter::new(&loaded.doc);
    let mut raw: Vec<RawLine> = Vec::new();
    let mut text_bytes = 0usize;
    let mut stopped: Option<FileError> = None;
    let mut pages: Vec<Vec<layout::PageLine>> = Vec::with_capacity(loaded.pages.len());
    let mut page_links: Vec<Vec<annots::PageLink>> = Vec::with_capacity(loaded.pages.len());
    let mut page_facts: Vec<(facts::PageFacts, usize)> = Vec::with_capacity(loaded.pages.len());
    let mut ocr_run = scan::OcrRun::default();
    let mut render_run = rendered::RenderRun::default();
    let render_deadline = rendered::own_deadline(limits.deadline);
    let mut scanned_pages = 0usize;
    for (index, page_id) in loaded.pages.iter().enumerate() {
        limits.check_deadline()?;
        match interp.run_page(*page_id, &mut budget) {
            Ok(mut painted) => {
                page_links.push(std::mem::take(&mut painted.links));
                let mut seen = std::mem::take(&mut painted.facts);
                seen.set_shapes(painted.marks.len());
                page_facts.push((seen, painted.glyphs.len()));
                let wants_ocr = !painted.scans.is_empty()
                    && !painted.ocr_layer
                    && match limits.ocr.mode {
                        OcrMode::Never => false,
                        OcrMode::Auto => scan::wants_auto_ocr(&painted),
                        OcrMode::Always => true,
                    };
                if wants_ocr {
                    scanned_pages += 1;
                    if let Ok(engine) = ocr::engine() {
                        let page = u32::try_from(index + 1).unwrap_or(u32::MAX);
                        scan::read_page(
                            &loaded.doc,
                            engine,
                            &mut painted,
                            page,
                            &limits.ocr,
                            &mut budget,
                            limits.deadline,
                            &mut ocr_run,
                        )?;
                    }
                }
                // Glyphs without Unicode: the page's picture read by OCR,
                // when they are much of its text (not twice for a scan).
                let page = u32::try_from(index + 1).unwrap_or(u32::MAX);
                let mut read = false;
                if rendered::wants(&painted) && !ocr_run.pages.contains(&page) {
                    let outcome = if limits.ocr.mode == OcrMode::Never {
                        rendered::Read::No
                    } else {
                        rendered::read_page(
                            bytes,
                            &mut painted,
                            page,
                            &limits.ocr,
                            (render_deadline, limits.deadline),
                            &mut ocr_run,
                        )?
                    };
                    read = outcome == rendered::Read::Yes;
                    if outcome == rendered::Read::OutOfTime {
                        render_run.out_of_time += 1;
                    }
                    if !read {
                        render_run.unread += 1;
                        render_run.unread_fonts.merge(painted.unmapped.clone());
                    }
                }
                let unmapped = std::mem::take(&mut painted.unmapped);
                if read {
                    // Read: the glyphs of the fonts the file draws; the
                    // others stay lost.
                    let (drawn, rest) = unmapped.split_drawn();
                    render_run.fonts.merge(drawn);
                    render_run.pages.push(page);
                    interp.unmapped.merge(rest);
                } else {
                    interp.unmapped.merge(unmapped);
                }
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
                ocr: ocr_run.pages.contains(&page),
                ..RawLine::default()
            });
        }
    }
    warnings.append(&mut interp.warnings);
    // Why pages of unmapped glyphs were not read by OCR, if it is the
    // user's to change (asked only when such a page wanted it).
    let unread_why = rendered::unread_why(&render_run, &limits.ocr);
    warnings.extend(loss_warnings(
        &interp,
        &render_run.unread_fonts,
        unread_why.as_deref(),
    ));
    warnings.extend(render_run.warning());
    // The engine is asked for only when it read a page: a text PDF never
    // starts it.
    let ocr_info = (ocr_run.tally.pages() > 0)
        .then(ocr::engine)
        .and_then(Result::ok)
        .and_then(|engine| ocr_run.tally.info(engine));
    if let Some(info) = &ocr_info {
        warnings.extend(ocr::warnings(info));
    }
    warnings.extend(ocr_run.loss_warnings(&limits.ocr));
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
    // Without text the document is still returned (its layout facts tell
    // the ATS check about a scan), carrying why it has none.
    let no_text = (!has_text).then(|| {
        let why = diagnose::no_text(&diagnose::Drawn {
            unmapped: std::mem::take(&mut interp.unmapped),
            image_pages: interp.image_pages,
            paths: interp.paths,
            hidden_chars: interp.invisible_chars + interp.layer_chars,
            pages: loaded.pages.len(),
            symbols: raw
                .iter()
                .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum(),
            ocr: unread_why,
        });
        scan_no_text(why, scanned_pages, &ocr_run, &limits.ocr)
    });
    let page_count = u32::try_from(page_facts.len()).unwrap_or(u32::MAX);
    let mut doc = Document::new(Format::Pdf, raw, warnings);
    doc.no_text = no_text;
    doc.ocr = ocr_info;
    doc.links = links;
    // Pages without text (a picture) count too.
    doc.pages = doc.pages.max(page_count);
    // The characters Document::new saw are kept with the PDF's own facts.
    let chars = std::mem::take(&mut doc.layout.chars);
    doc.layout = collector.finish();
    doc.layout.chars = chars;
    Ok(doc)
}

/// Why a scan has no text: OCR is off or missing (how to turn it on or
/// install it), or it read nothing; other reasons as diagnosed.
fn scan_no_text(
    why: FileError,
    scanned_pages: usize,
    ocr_run: &scan::OcrRun,
    settings: &ocr::OcrSettings,
) -> FileError {
    if why.reason != Some(NoTextReason::ImageOnly) {
        return why;
    }
    if let Some(off) = ocr::unavailable(settings) {
        return off;
    }
    if scanned_pages > 0 && ocr_run.undecodable.len() < scanned_pages {
        return FileError::no_text_because(
            NoTextReason::ImageOnly,
            format!(
                "OCR read no text on the {scanned_pages} scanned page{} (a photo, or too blurred to read?)",
                if scanned_pages == 1 { "" } else { "s" }
            ),
        );
    }
    if !ocr_run.undecodable.is_empty() {
        let mut kinds = ocr_run.undecodable.clone();
        kinds.sort();
        kinds.dedup();
        return FileError::no_text_because(
            NoTextReason::ImageOnly,
            format!(
                "its pages are images that rolefit cannot decode for OCR ({}); convert it with `ocrmypdf in.pdf out.pdf`",
                kinds.join(", ")
            ),
        );
    }
    why
}

/// The warnings for text a reader does not see (left out), an OCR layer
/// (kept), unusable page boxes and fonts without Unicode; each starts with
/// its kind (docs/cli.md).
fn loss_warnings(
    interp: &interpreter::Interpreter<'_>,
    unread: &diagnose::Unmapped,
    ocr_why: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    let hidden = interp.invisible_chars + interp.layer_chars;
    if hidden > 0 {
        let mut parts = Vec::new();
        if interp.invisible_chars > 0 {
            parts.push(format!("{} invisible", interp.invisible_chars));
        }
        if interp.layer_chars > 0 {
            parts.push(format!(
                "{} in layers hidden by default",
                interp.layer_chars
            ));
        }
        out.push(format!(
            "hidden_text: {hidden} characters a reader cannot see were left out ({}); hidden text is not evidence",
            parts.join(", ")
        ));
    }
    if interp.ocr_pages > 0 {
        out.push(format!(
            "ocr_layer: the text of {} page{} is an OCR layer over a scanned image; it was read, but may hold recognition errors",
            interp.ocr_pages,
            if interp.ocr_pages == 1 { "" } else { "s" }
        ));
    }
    if interp.bad_box_pages > 0 {
        out.push(format!(
            "page_box: {} page{} an empty or invalid CropBox or MediaBox; the media box, or else everything the page draws, was read",
            interp.bad_box_pages,
            if interp.bad_box_pages == 1 { " has" } else { "s have" }
        ));
    }
    out.extend(diagnose::unmapped_warning(
        &interp.unmapped,
        unread,
        ocr_why,
    ));
    out
}

#[cfg(test)]
mod tests;
