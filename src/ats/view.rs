//! `rolefit extract --view ats FILE`: each page as a simple extractor reads
//! it (content-stream text only, lines merged across columns, letter-spaced
//! words split; see [`crate::extract::pdf::simple`]) beside rolefit's own
//! reading, so the interleaving a `multi-column` finding describes can be
//! seen. Formats without pages show rolefit's reading with the lines an ATS
//! may skip (page header and footer, layout tables) marked.

use std::fmt::Write;
use std::path::Path;

use crate::error::FileError;
use crate::extract::facts::Margin;
use crate::extract::{self, Detected, Document, Limits};

/// The view of the file at `path` (`-` is standard input).
pub fn render(path: &Path, limits: &Limits) -> Result<String, FileError> {
    let bytes = extract::read_input(path, limits)?;
    let name = (path.as_os_str() != "-").then_some(path);
    let doc = extract::extract_bytes(&bytes, name, limits)?;
    let simple = match extract::detect_format(&bytes, name) {
        Detected::Pdf => Some(extract::pdf::simple::pages(&bytes, limits)?),
        _ => None,
    };
    Ok(match simple {
        Some(pages) => pdf_view(&doc, &pages),
        None => flow_view(&doc),
    })
}

/// A ruler with a title, 78 columns wide.
fn ruler(out: &mut String, title: &str) {
    let pad = 78usize.saturating_sub(title.chars().count() + 4);
    let _ = writeln!(out, "── {title} {}", "─".repeat(pad));
}

fn pdf_view(doc: &Document, simple: &[String]) -> String {
    let mut out = String::new();
    for page in 1..=doc.pages.max(simple.len() as u32) {
        ruler(
            &mut out,
            &format!("page {page}: a simple extractor (line by line across the page)"),
        );
        out.push_str(simple.get(page as usize - 1).map_or("", String::as_str));
        ruler(&mut out, &format!("page {page}: rolefit"));
        for l in doc.lines.iter().filter(|l| l.page == Some(page)) {
            let _ = writeln!(out, "{:>3}  {}", l.number, l.text);
        }
        out.push('\n');
    }
    out
}

fn flow_view(doc: &Document) -> String {
    let f = &doc.layout;
    let mut out = String::new();
    ruler(
        &mut out,
        &format!(
            "{}: rolefit's reading; lines an ATS may skip or misread are marked",
            doc.format.as_str()
        ),
    );
    for l in &doc.lines {
        let margin = f
            .margins
            .iter()
            .find(|m| m.at.page == l.page && m.at.line == l.number)
            .map(|m| match m.margin {
                Margin::Header | Margin::RepeatedTop => "[header]",
                Margin::Footer | Margin::RepeatedBottom => "[footer]",
            });
        let table = f
            .layout_tables
            .iter()
            .any(|t| {
                let (Some(a), Some(b)) = (t.first, t.last) else {
                    return false;
                };
                a.page == l.page && (a.line..=b.line).contains(&l.number)
            })
            .then_some("[table]");
        let mark = margin.or(table).unwrap_or("");
        let _ = writeln!(out, "{:>3} {mark:<8} {}", l.number, l.text);
    }
    out
}
