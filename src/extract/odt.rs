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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use quick_xml::events::BytesStart;

use crate::error::FileError;
use crate::extract::flow::{collapse_ws, Flow};
use crate::extract::xml::{self, attr, Dialect, Item, Place};
use crate::extract::zipsafe::Package;
use crate::extract::{Document, Format, Limits, LineHint, RawLine};

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
    let mut odt = Odt {
        styles: HashMap::new(),
        header: Flow::new(budget, false),
        body: Flow::new(budget, false),
        footer: Flow::new(budget, false),
        region: None,
        items: Vec::new(),
    };
    if let Some(text) = pkg.read_text("styles.xml")? {
        xml::walk(&text, "styles.xml", WHAT, limits, &mut odt)?;
    }
    let Some(text) = pkg.read_text("content.xml")? else {
        return Err(FileError::malformed("the ODT package has no content.xml"));
    };
    xml::walk(&text, "content.xml", WHAT, limits, &mut odt)?;

    let mut warnings = Vec::new();
    if odt.body.truncated() {
        warnings.push(format!(
            "text cut to the first {budget} bytes (resource limit)"
        ));
    }
    let mut seen = HashSet::new();
    let mut lines: Vec<RawLine> = dedupe(odt.header.finish(), &mut seen);
    let header_lines = lines.len();
    let (body, tables) = odt.body.finish_with_tables();
    lines.extend(body);
    let footers = dedupe(odt.footer.finish(), &mut seen);
    let (footer_lines, total) = (footers.len(), lines.len() + footers.len());
    lines.extend(footers);
    let mut doc = Document::new(Format::Odt, lines, warnings);
    doc.layout.margin_parts(total, header_lines, footer_lines);
    doc.layout.layout_tables = tables.iter().map(|t| t.locate(&doc)).collect();
    Ok(doc)
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

/// An ODT package's parts as the XML walk reads them (`styles.xml`, then
/// `content.xml`).
struct Odt {
    /// Paragraph styles by name.
    styles: HashMap<String, Style>,
    header: Flow,
    body: Flow,
    footer: Flow,
    /// The region being read, with the depth of the element that opened it.
    region: Option<(usize, Region)>,
    /// One entry per open list item: has its first paragraph been seen?
    items: Vec<bool>,
}

impl Odt {
    /// Notes a paragraph style (`style:style`).
    fn note_style(&mut self, e: &BytesStart<'_>) {
        if let Some(name) = attr(e, "name") {
            self.styles.insert(
                name,
                Style {
                    parent: attr(e, "parent-style-name"),
                    display: attr(e, "display-name"),
                    outline: attr(e, "default-outline-level").is_some_and(|v| !v.is_empty()),
                },
            );
        }
    }

    /// The style or one of its ancestors is a heading style.
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

/// Where text goes: page headers, the body, page footers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Header,
    Body,
    Footer,
}

impl Dialect for Odt {
    const LOCAL_NAMES: bool = false;

    /// Elements whose content is not part of the visible text.
    fn skip(&mut self, name: &str) -> bool {
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

    fn start(&mut self, e: &BytesStart<'_>, name: &str, at: &Place<'_>) -> Option<Item> {
        if self.region.is_none() {
            let region = match name {
                "office:body" => Some(Region::Body),
                "style:header" | "style:header-first" | "style:header-left" => Some(Region::Header),
                "style:footer" | "style:footer-first" | "style:footer-left" => Some(Region::Footer),
                _ => None,
            };
            if let Some(region) = region {
                if !at.empty {
                    self.region = Some((at.depth(), region));
                }
            } else if name == "style:style" && attr(e, "family").is_none_or(|f| f == "paragraph") {
                self.note_style(e);
            }
            return None;
        }
        match name {
            "text:p" | "text:h" => {
                let heading =
                    name == "text:h" || attr(e, "style-name").is_some_and(|s| self.is_heading(&s));
                let first_of_item = match self.items.last_mut() {
                    Some(seen) if !*seen => {
                        *seen = true;
                        true
                    }
                    _ => false,
                };
                Some(Item::Paragraph(if heading {
                    LineHint::Heading
                } else if first_of_item {
                    LineHint::ListItem
                } else {
                    LineHint::None
                }))
            }
            "text:list-item" => {
                self.items.push(false);
                None
            }
            // A list header is a list entry without a bullet.
            "text:list-header" => {
                self.items.push(true);
                None
            }
            "text:line-break" if at.paragraphs > 0 => Some(Item::LineBreak),
            "text:tab" if at.paragraphs > 0 => Some(Item::Text("\t".into())),
            "text:s" if at.paragraphs > 0 => {
                let n = attr(e, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 100);
                Some(Item::Text(" ".repeat(n).into()))
            }
            "table:table" => Some(Item::Table),
            "table:table-row" => Some(Item::Row),
            "table:table-cell" => Some(Item::Cell),
            _ => None,
        }
    }

    fn end(&mut self, name: &str, at: &Place<'_>) {
        match self.region {
            Some((depth, _)) if depth == at.depth() => self.region = None,
            Some(_) if matches!(name, "text:list-item" | "text:list-header") => {
                self.items.pop();
            }
            _ => {}
        }
    }

    fn flow(&mut self) -> Option<&mut Flow> {
        match self.region?.1 {
            Region::Header => Some(&mut self.header),
            Region::Body => Some(&mut self.body),
            Region::Footer => Some(&mut self.footer),
        }
    }

    fn reads_text(&self, at: &Place<'_>) -> bool {
        at.paragraphs > 0
    }

    /// ODF collapses white space in paragraphs (`text:s` stands for extra
    /// spaces); a run's edge spaces stay, folded to one.
    fn chars<'a>(&self, raw: Cow<'a, str>) -> Cow<'a, str> {
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
        Cow::Owned(s)
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
    fn notes_follow_their_paragraph_and_annotations_stay_out() {
        let b = odt(
            r#"<text:p>Led kaizen events<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">Six Sigma Green Belt, ASQ, 2021</text:p></text:note-body></text:note> on two lines<office:annotation><dc:creator>Reviewer</dc:creator><text:p>Reviewer remark</text:p></office:annotation></text:p>
               <text:p>Certifications<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>OSHA 30, 2020</text:p></text:note-body></text:note></text:p>"#,
            "",
        );
        let texts: Vec<String> = lines(&b).into_iter().map(|l| l.0).collect();
        assert_eq!(
            texts,
            [
                "Led kaizen events on two lines",
                "Six Sigma Green Belt, ASQ, 2021",
                "Certifications",
                "OSHA 30, 2020"
            ]
        );
    }

    #[test]
    fn cdata_is_text_with_white_space_folded() {
        let b = odt(
            "<text:p>R&amp;D <![CDATA[<PLC>   and\n SPC ]]>lab</text:p>",
            "",
        );
        assert_eq!(lines(&b)[0].0, "R&D <PLC> and SPC lab");
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
