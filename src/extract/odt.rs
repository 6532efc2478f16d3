//! ODT (OpenDocument text) extraction with the same bounded zip reading and
//! line layout as DOCX.
//!
//! `content.xml` gives the body: `text:p` and `text:h` (a heading) in order,
//! `text:list-item` paragraphs as `• ` items, tables one line per row (see
//! [`Flow`]), `text:line-break`, `text:tab`, `text:s` (spaces), frames and
//! text boxes after their anchor paragraph, footnote bodies. `styles.xml`
//! gives the master pages' headers (first) and footers (last) and the
//! paragraph styles (a paragraph whose style descends from a heading or
//! title style is a heading). Annotations, tracked deletions, footnote
//! citations and image descriptions are left out.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::FileError;
use crate::extract::flow::{collapse_ws, Flow};
use crate::extract::zipsafe::{attr, resolve_ref, xml_error, DepthGuard, Package};
use crate::extract::Limits;
use crate::extract::{Document, Format, LineHint, RawLine};

const WHAT: &str = "ODT";

/// Extracts an ODT document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let mut pkg = Package::open(bytes, limits, WHAT)?;
    if pkg.find("content.xml").is_none() {
        return Err(FileError::malformed(
            "the ODT package has no content.xml; re-save it from LibreOffice",
        ));
    }
    let budget = limits.max_text_bytes;
    let mut ctx = Ctx {
        styles: HashMap::new(),
        header: Flow::new(budget, false),
        body: Flow::new(budget, false),
        footer: Flow::new(budget, false),
    };
    if let Some(xml) = pkg.read_text("styles.xml")? {
        parse(&xml, "styles.xml", &mut ctx, limits)?;
    }
    let Some(xml) = pkg.read_text("content.xml")? else {
        return Err(FileError::malformed("the ODT package has no content.xml"));
    };
    parse(&xml, "content.xml", &mut ctx, limits)?;

    let mut warnings = Vec::new();
    if ctx.body.truncated() {
        warnings.push(format!(
            "text cut to the first {budget} bytes (resource limit)"
        ));
    }
    let mut seen = HashSet::new();
    let mut lines: Vec<RawLine> = dedupe(ctx.header.finish(), &mut seen);
    lines.extend(ctx.body.finish());
    lines.extend(dedupe(ctx.footer.finish(), &mut seen));
    Ok(Document::new(Format::Odt, lines, warnings))
}

/// Keeps the first occurrence of each header/footer line.
fn dedupe(lines: Vec<RawLine>, seen: &mut HashSet<String>) -> Vec<RawLine> {
    lines
        .into_iter()
        .filter(|l| {
            let key = l.text.trim().to_string();
            key.is_empty() || seen.insert(key)
        })
        .collect()
}

#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    display: Option<String>,
    outline: bool,
}

struct Ctx {
    styles: HashMap<String, Style>,
    header: Flow,
    body: Flow,
    footer: Flow,
}

impl Ctx {
    fn is_heading(&self, name: &str) -> bool {
        let mut cur = Some(name);
        let mut steps = 0;
        while let Some(n) = cur {
            if heading_name(n) {
                return true;
            }
            let Some(s) = self.styles.get(n) else {
                return false;
            };
            if s.outline || s.display.as_deref().is_some_and(heading_name) {
                return true;
            }
            steps += 1;
            if steps > 10 {
                return false;
            }
            cur = s.parent.as_deref();
        }
        false
    }
}

/// Style names that mean heading (`Heading_20_1`, `Heading`, `Title`…).
fn heading_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "title" || n.starts_with("heading") || n.contains("_20_heading") || n.contains(" heading")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Header,
    Body,
    Footer,
}

fn parse(xml: &str, part: &str, ctx: &mut Ctx, limits: &Limits) -> Result<(), FileError> {
    let mut reader = Reader::from_str(xml);
    let mut guard = DepthGuard::new(limits, WHAT);
    let mut open: Vec<String> = Vec::new();
    // (depth at which the region started, region)
    let mut region: Option<(usize, Region)> = None;
    let mut skip_from: Option<usize> = None;
    let mut para_depth = 0usize;
    // One entry per open list item: has its first paragraph been seen?
    let mut items: Vec<bool> = Vec::new();

    loop {
        let ev = reader.read_event().map_err(|e| xml_error(e, WHAT, part))?;
        guard.tick()?;
        match ev {
            Event::Start(e) => {
                guard.enter()?;
                let name = e.name().as_ref().to_string();
                if skip_from.is_none() {
                    if skipped(&name) {
                        skip_from = Some(open.len());
                    } else {
                        start(
                            &e,
                            &name,
                            ctx,
                            &mut region,
                            open.len(),
                            &mut para_depth,
                            &mut items,
                            false,
                        );
                    }
                }
                open.push(name);
            }
            Event::Empty(e) => {
                if skip_from.is_some() {
                    continue;
                }
                let name = e.name().as_ref().to_string();
                if skipped(&name) {
                    continue;
                }
                start(
                    &e,
                    &name,
                    ctx,
                    &mut region,
                    open.len(),
                    &mut para_depth,
                    &mut items,
                    true,
                );
                end(
                    &name,
                    ctx,
                    &mut region,
                    open.len(),
                    &mut para_depth,
                    &mut items,
                );
            }
            Event::End(_) => {
                guard.leave();
                let Some(name) = open.pop() else {
                    continue;
                };
                if let Some(depth) = skip_from {
                    if depth == open.len() {
                        skip_from = None;
                    }
                    continue;
                }
                end(
                    &name,
                    ctx,
                    &mut region,
                    open.len(),
                    &mut para_depth,
                    &mut items,
                );
            }
            Event::Text(t) if para_depth > 0 && skip_from.is_none() => {
                if let Some(flow) = flow_of(ctx, region) {
                    // ODF collapses white space in paragraphs; `text:s` stands for extra spaces.
                    let raw = t.xml10_content();
                    let mut s = collapse_ws(&raw);
                    if raw.starts_with(char::is_whitespace) && !s.is_empty() {
                        s.insert(0, ' ');
                    }
                    if raw.ends_with(char::is_whitespace) && !raw.trim().is_empty() {
                        s.push(' ');
                    }
                    if s.is_empty() && !raw.is_empty() {
                        s.push(' ');
                    }
                    flow.text(&s);
                }
            }
            Event::GeneralRef(r) if para_depth > 0 && skip_from.is_none() => {
                if let (Some(flow), Some(s)) = (flow_of(ctx, region), resolve_ref(&r)) {
                    flow.text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Elements whose content is not part of the visible text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "office:annotation"
            | "office:annotation-end"
            | "text:tracked-changes"
            | "text:note-citation"
            | "svg:title"
            | "svg:desc"
            | "office:forms"
            | "text:sequence-decls"
            | "text:variable-decls"
            | "text:user-field-decls"
            | "office:event-listeners"
    )
}

fn flow_of(ctx: &mut Ctx, region: Option<(usize, Region)>) -> Option<&mut Flow> {
    match region?.1 {
        Region::Header => Some(&mut ctx.header),
        Region::Body => Some(&mut ctx.body),
        Region::Footer => Some(&mut ctx.footer),
    }
}

#[allow(clippy::too_many_arguments)]
fn start(
    e: &BytesStart<'_>,
    name: &str,
    ctx: &mut Ctx,
    region: &mut Option<(usize, Region)>,
    depth: usize,
    para_depth: &mut usize,
    items: &mut Vec<bool>,
    empty: bool,
) {
    if region.is_none() {
        let r = match name {
            "office:body" => Some(Region::Body),
            "style:header" | "style:header-first" | "style:header-left" => Some(Region::Header),
            "style:footer" | "style:footer-first" | "style:footer-left" => Some(Region::Footer),
            _ => None,
        };
        if let Some(r) = r {
            if !empty {
                *region = Some((depth, r));
            }
            return;
        }
        if name == "style:style" && attr(e, "family").is_none_or(|f| f == "paragraph") {
            if let Some(style_name) = attr(e, "name") {
                ctx.styles.insert(
                    style_name,
                    Style {
                        parent: attr(e, "parent-style-name"),
                        display: attr(e, "display-name"),
                        outline: attr(e, "default-outline-level").is_some_and(|v| !v.is_empty()),
                    },
                );
            }
        }
        return;
    }
    let style_heading = |ctx: &Ctx| attr(e, "style-name").is_some_and(|s| ctx.is_heading(&s));
    let heading = name == "text:h" || (name == "text:p" && style_heading(ctx));
    let Some(flow) = flow_of(ctx, *region) else {
        return;
    };
    match name {
        "text:p" | "text:h" => {
            let first_of_item = match items.last_mut() {
                Some(seen) if !*seen => {
                    *seen = true;
                    true
                }
                _ => false,
            };
            let hint = if heading {
                LineHint::Heading
            } else if first_of_item {
                LineHint::ListItem
            } else {
                LineHint::None
            };
            flow.start_para(hint);
            *para_depth += 1;
        }
        "text:list-item" => items.push(false),
        // A list header is a list entry without a bullet.
        "text:list-header" => items.push(true),
        "text:line-break" if *para_depth > 0 => flow.line_break(),
        "text:tab" if *para_depth > 0 => flow.text("\t"),
        "text:s" if *para_depth > 0 => {
            let n = attr(e, "c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 100);
            flow.text(&" ".repeat(n));
        }
        "table:table" => flow.start_table(),
        "table:table-row" => flow.start_row(),
        "table:table-cell" => flow.start_cell(),
        _ => {}
    }
}

fn end(
    name: &str,
    ctx: &mut Ctx,
    region: &mut Option<(usize, Region)>,
    depth: usize,
    para_depth: &mut usize,
    items: &mut Vec<bool>,
) {
    if let Some((d, _)) = *region {
        if d == depth {
            *region = None;
            return;
        }
    } else {
        return;
    }
    let Some(flow) = flow_of(ctx, *region) else {
        return;
    };
    match name {
        "text:p" | "text:h" => {
            flow.end_para();
            *para_depth = para_depth.saturating_sub(1);
        }
        "text:list-item" | "text:list-header" => {
            items.pop();
        }
        "table:table" => flow.end_table(),
        "table:table-row" => flow.end_row(),
        "table:table-cell" => flow.end_cell(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::extract::zipsafe::tests::zip_of;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#;

    fn odt(body: &str, styles: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        let styles = format!(r#"<office:document-styles {NS}>{styles}</office:document-styles>"#);
        zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
            ("styles.xml", styles.as_bytes()),
        ])
    }

    fn lines(b: &[u8]) -> Vec<(String, LineHint)> {
        extract(b, &Limits::default())
            .unwrap()
            .lines
            .into_iter()
            .map(|l| (l.text, l.hint))
            .collect()
    }

    #[test]
    fn paragraphs_headings_lists_spaces() {
        let b = odt(
            r#"<text:p text:style-name="P1">Jane Doe</text:p>
               <text:h text:outline-level="1">Experience</text:h>
               <text:list><text:list-item><text:p>Ran <text:span>SMT</text:span> line</text:p><text:p>second para</text:p></text:list-item>
               <text:list-item><text:p>Cut scrap<text:s text:c="2"/>12%</text:p></text:list-item></text:list>
               <text:p>A<text:tab/>B<text:line-break/>C &amp; D</text:p>"#,
            "",
        );
        assert_eq!(
            lines(&b),
            [
                ("Jane Doe".to_string(), LineHint::Heading),
                ("Experience".to_string(), LineHint::Heading),
                ("• Ran SMT line".to_string(), LineHint::ListItem),
                ("second para".to_string(), LineHint::None),
                ("• Cut scrap  12%".to_string(), LineHint::ListItem),
                ("A\tB".to_string(), LineHint::None),
                ("C & D".to_string(), LineHint::None),
            ]
        );
    }

    #[test]
    fn tables_frames_headers_footers() {
        let b = odt(
            r#"<text:p>Anchor<draw:frame><svg:desc>photo</svg:desc><draw:text-box><text:p>Boxed</text:p></draw:text-box></draw:frame></text:p>
               <table:table><table:table-column/><table:table-row><table:table-cell><text:p>Acme</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>2019 – 2021</text:p></table:table-cell></table:table-row></table:table>"#,
            r#"<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>jane@example.com</text:p></style:header><style:footer><text:p>Page footer</text:p></style:footer></style:master-page><style:master-page style:name="Other"><style:header><text:p>jane@example.com</text:p></style:header></style:master-page></office:master-styles>"#,
        );
        let texts: Vec<String> = lines(&b).into_iter().map(|l| l.0).collect();
        assert_eq!(
            texts,
            [
                "jane@example.com",
                "Anchor",
                "Boxed",
                "Acme | 2019 – 2021",
                "Page footer"
            ]
        );
    }

    #[test]
    fn no_content_is_malformed() {
        let z = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            extract(&z, &Limits::default()).unwrap_err().kind,
            ErrorKind::Malformed
        );
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let b = odt(&"<text:span>".repeat(1000), "");
        assert_eq!(
            extract(&b, &Limits::default()).unwrap_err().kind,
            ErrorKind::Limit
        );
    }
}
