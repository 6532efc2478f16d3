//! The XML walk DOCX and ODT share: one quick-xml event loop that enforces
//! the nesting-depth cap, the element budget and the deadline, leaves out
//! skipped subtrees, and lays paragraphs, line breaks, tabs and tables out
//! through [`Flow`]. Each format is a [`Dialect`] that says only what
//! differs: which elements it skips, what a start tag stands for, and when
//! character data is document text. Also the XML helpers both formats use
//! (part decoding, attributes, entity references).
//!
//! Entities are never expanded beyond the five predefined ones and character
//! references, so a DTD cannot blow the text up.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::error::FileError;
use crate::extract::flow::Flow;
use crate::extract::{Limits, LineHint};

/// What an element stands for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A paragraph with its hint, ended with the element.
    Paragraph(LineHint),
    /// A table, a row, a cell, each ended with the element.
    Table,
    Row,
    Cell,
    /// A line break inside the paragraph.
    LineBreak,
    /// Text the element itself stands for (a tab, spaces, a hyphen).
    Text(Cow<'static, str>),
}

/// A container opened by an element, closed at its end tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    Table,
    Row,
    Cell,
}

/// Where the walk is when a [`Dialect`] is called.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Names of the open elements, outermost first, without the current one.
    pub open: &'a [String],
    /// Paragraphs open around this point.
    pub paragraphs: usize,
    /// The element is empty (`<x/>`): its end follows its start at once.
    pub empty: bool,
}

impl Place<'_> {
    /// Nesting depth of the current element (0 for the root).
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// The parent element's name, or "" at the root.
    pub fn parent(&self) -> &str {
        self.ancestor(0)
    }

    /// The grandparent element's name, or "".
    pub fn grandparent(&self) -> &str {
        self.ancestor(1)
    }

    /// The name of the element `up` levels above the current one, or "".
    fn ancestor(&self, up: usize) -> &str {
        self.open
            .iter()
            .rev()
            .nth(up)
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// What one XML vocabulary (WordprocessingML, OpenDocument) means.
pub(crate) trait Dialect {
    /// Elements go by local name (`w:p` is `p`) rather than by qualified name.
    const LOCAL_NAMES: bool;

    /// True when the element and all its content are left out. Asked before
    /// [`Dialect::start`] for every element outside a skipped one.
    fn skip(&mut self, _name: &str) -> bool {
        false
    }

    /// A start tag or an empty element: note what the format needs and say
    /// what the element stands for in the text.
    fn start(&mut self, e: &BytesStart<'_>, name: &str, at: &Place<'_>) -> Option<Item>;

    /// The end of an element [`Dialect::start`] saw, after its container closed.
    fn end(&mut self, name: &str, at: &Place<'_>);

    /// Where text goes now; `None` drops it.
    fn flow(&mut self) -> Option<&mut Flow>;

    /// True when character data at this point is document text.
    fn reads_text(&self, at: &Place<'_>) -> bool;

    /// Character data as it enters the flow (entity references excepted).
    fn chars<'a>(&self, raw: Cow<'a, str>) -> Cow<'a, str> {
        raw
    }
}

/// Walks the XML part `part` of a `what` document ("DOCX", "ODT") with `dialect`.
pub(crate) fn walk<D: Dialect>(
    xml: &str,
    part: &str,
    what: &'static str,
    limits: &Limits,
    dialect: &mut D,
) -> Result<(), FileError> {
    let mut reader = Reader::from_str(xml);
    let mut guard = DepthGuard::new(limits, what);
    let mut names: Vec<String> = Vec::new();
    let mut containers: Vec<Option<Container>> = Vec::new();
    let mut paragraphs = 0usize;
    // The depth of the element whose content is being left out.
    let mut skip_from: Option<usize> = None;
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(e, what, part))?;
        guard.tick()?;
        match ev {
            Event::Start(e) => {
                guard.enter()?;
                let name = element_name::<D>(&e);
                let mut container = None;
                if skip_from.is_none() {
                    if dialect.skip(&name) {
                        skip_from = Some(names.len());
                    } else {
                        let at = Place {
                            open: &names,
                            paragraphs,
                            empty: false,
                        };
                        container = open(dialect, &e, &name, &at);
                    }
                }
                if container == Some(Container::Paragraph) {
                    paragraphs += 1;
                }
                names.push(name);
                containers.push(container);
            }
            Event::Empty(e) => {
                if skip_from.is_some() {
                    continue;
                }
                let name = element_name::<D>(&e);
                if dialect.skip(&name) {
                    continue;
                }
                let at = Place {
                    open: &names,
                    paragraphs,
                    empty: true,
                };
                let container = open(dialect, &e, &name, &at);
                close(dialect, container);
                dialect.end(&name, &at);
            }
            Event::End(_) => {
                guard.leave();
                let (Some(name), Some(container)) = (names.pop(), containers.pop()) else {
                    continue;
                };
                if let Some(depth) = skip_from {
                    if depth == names.len() {
                        skip_from = None;
                    }
                    continue;
                }
                if container == Some(Container::Paragraph) {
                    paragraphs -= 1;
                }
                close(dialect, container);
                let at = Place {
                    open: &names,
                    paragraphs,
                    empty: false,
                };
                dialect.end(&name, &at);
            }
            Event::Text(t) if skip_from.is_none() => {
                let raw = t.xml10_content();
                text(dialect, &names, paragraphs, |d| d.chars(raw));
            }
            Event::CData(t) if skip_from.is_none() => {
                let raw = t.xml10_content();
                text(dialect, &names, paragraphs, |d| d.chars(raw));
            }
            Event::GeneralRef(r) if skip_from.is_none() => {
                if let Some(s) = resolve_ref(&r) {
                    text(dialect, &names, paragraphs, |_| Cow::Owned(s));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The element's name as the dialect compares names.
fn element_name<D: Dialect>(e: &BytesStart<'_>) -> String {
    let qname = e.name();
    let name: &str = qname.as_ref();
    if D::LOCAL_NAMES { local(name) } else { name }.to_string()
}

/// Starts an element: the dialect's view, then its item in the flow.
fn open<D: Dialect>(
    dialect: &mut D,
    e: &BytesStart<'_>,
    name: &str,
    at: &Place<'_>,
) -> Option<Container> {
    let item = dialect.start(e, name, at)?;
    let flow = dialect.flow()?;
    match item {
        Item::Paragraph(hint) => {
            flow.start_para(hint);
            Some(Container::Paragraph)
        }
        Item::Table => {
            flow.start_table();
            Some(Container::Table)
        }
        Item::Row => {
            flow.start_row();
            Some(Container::Row)
        }
        Item::Cell => {
            flow.start_cell();
            Some(Container::Cell)
        }
        Item::LineBreak => {
            flow.line_break();
            None
        }
        Item::Text(s) => {
            flow.text(&s);
            None
        }
    }
}

/// Ends the paragraph, table, row or cell an element opened in the
/// dialect's flow.
fn close<D: Dialect>(dialect: &mut D, container: Option<Container>) {
    let (Some(container), Some(flow)) = (container, dialect.flow()) else {
        return;
    };
    match container {
        Container::Paragraph => flow.end_para(),
        Container::Table => flow.end_table(),
        Container::Row => flow.end_row(),
        Container::Cell => flow.end_cell(),
    }
}

/// Character data: into the flow when the dialect reads text here.
fn text<'a, D: Dialect>(
    dialect: &mut D,
    open: &[String],
    paragraphs: usize,
    content: impl FnOnce(&D) -> Cow<'a, str>,
) {
    let at = Place {
        open,
        paragraphs,
        empty: false,
    };
    if !dialect.reads_text(&at) {
        return;
    }
    let s = content(dialect);
    if let Some(flow) = dialect.flow() {
        flow.text(&s);
    }
}

/// Decodes an XML part: UTF-8 (BOM or not) or UTF-16 with a BOM; bad bytes
/// become U+FFFD.
pub(crate) fn decode(bytes: Vec<u8>) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    // Valid UTF-8 (the norm) is used in place, without a copy.
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The text an entity or character reference stands for (`&amp;`, `&#233;`);
/// unknown entities give nothing.
fn resolve_ref(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_predefined_entity(r).map(str::to_string)
}

/// An attribute's value by local name (prefix ignored), unescaped.
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref();
        let key_local = key.rsplit(':').next().unwrap_or(key);
        if key_local == local {
            return Some(
                match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(v) => v.into_owned(),
                    Err(_) => a.value.into_owned(),
                },
            );
        }
    }
    None
}

/// The local part of a qualified element name (`w:p` → `p`).
pub(crate) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Tracks XML nesting depth against `Limits::max_depth` and the deadline.
#[derive(Debug)]
struct DepthGuard<'a> {
    depth: usize,
    events: u64,
    limits: &'a Limits,
    what: &'static str,
}

impl<'a> DepthGuard<'a> {
    fn new(limits: &'a Limits, what: &'static str) -> Self {
        DepthGuard {
            depth: 0,
            events: 0,
            limits,
            what,
        }
    }

    /// Called on every start tag.
    fn enter(&mut self) -> Result<(), FileError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(FileError::limit(format!(
                "the {} XML nests deeper than {} levels",
                self.what, self.limits.max_depth
            )));
        }
        self.tick()
    }

    /// Called on every end tag.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Called on every event: checks the deadline now and then.
    fn tick(&mut self) -> Result<(), FileError> {
        self.events += 1;
        if self.events.is_multiple_of(4096) {
            self.limits.check_deadline()?;
            if self.events > self.limits.max_operations.saturating_mul(4) {
                return Err(FileError::limit(format!(
                    "the {} XML has more than {} elements",
                    self.what,
                    self.limits.max_operations.saturating_mul(4)
                )));
            }
        }
        Ok(())
    }
}

/// A quick-xml error as a `malformed` file error.
fn xml_error(e: impl std::fmt::Display, what: &str, part: &str) -> FileError {
    FileError::malformed(format!(
        "the {what} part {part} is not well-formed XML: {e}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::extract::RawLine;

    /// A toy dialect: `p` paragraphs, `b` breaks, `x` skipped, text in `p` only.
    struct Toy {
        flow: Flow,
        ends: Vec<String>,
    }

    impl Dialect for Toy {
        const LOCAL_NAMES: bool = true;
        fn skip(&mut self, name: &str) -> bool {
            name == "x"
        }
        fn start(&mut self, _: &BytesStart<'_>, name: &str, _: &Place<'_>) -> Option<Item> {
            match name {
                "p" => Some(Item::Paragraph(LineHint::None)),
                "b" => Some(Item::LineBreak),
                "t" => Some(Item::Text("\t".into())),
                _ => None,
            }
        }
        fn end(&mut self, name: &str, at: &Place<'_>) {
            self.ends.push(format!("{name}@{}", at.depth()));
        }
        fn flow(&mut self) -> Option<&mut Flow> {
            Some(&mut self.flow)
        }
        fn reads_text(&self, at: &Place<'_>) -> bool {
            at.paragraphs > 0
        }
    }

    fn run(xml: &str, limits: &Limits) -> Result<(Vec<String>, Vec<String>), FileError> {
        let mut toy = Toy {
            flow: Flow::new(1 << 20, false),
            ends: Vec::new(),
        };
        walk(xml, "part.xml", "TEST", limits, &mut toy)?;
        let lines = toy.flow.finish();
        Ok((
            lines.into_iter().map(|l: RawLine| l.text).collect(),
            toy.ends,
        ))
    }

    #[test]
    fn paragraphs_breaks_skips_and_references() {
        let (lines, ends) = run(
            "<d>out<a:p>A<b/>B<x>gone<p>no</p></x>&amp;<![CDATA[<c>]]><t/>&#233;&foo;</a:p></d>",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(lines, ["A", "B&<c>\té"]);
        assert_eq!(ends, ["b@2", "t@2", "p@1", "d@0"]);
    }

    #[test]
    fn depth_and_malformed() {
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        // Empty elements open no level.
        assert!(run("<a><b><c><d/></c></b></a>", &limits).is_ok());
        let e = run("<a><b><c><d></d></c></b></a>", &limits).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Limit);
        let e = run("<a><b></a>", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
    }

    #[test]
    fn deadline_is_checked() {
        let limits = Limits {
            deadline: Some(std::time::Instant::now()),
            ..Limits::default()
        };
        let xml = "<p>x</p>".repeat(10_000);
        let e = run(&format!("<d>{xml}</d>"), &limits).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Timeout);
    }

    #[test]
    fn depth_guard_trips() {
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let mut g = DepthGuard::new(&limits, "DOCX");
        for _ in 0..3 {
            g.enter().unwrap();
        }
        assert_eq!(g.enter().unwrap_err().kind, ErrorKind::Limit);
    }
}
