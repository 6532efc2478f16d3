//! DOCX (WordprocessingML) extraction with `zip` and `quick-xml`.
//!
//! The main part is found through the package relationships (falling back to
//! `word/document.xml`). Body paragraphs come out in order; tables one line
//! per row (see [`Flow`]); list paragraphs (direct or style numbering) as
//! `• ` items; heading styles (Heading 1…, Title, any style whose name says
//! heading, outline levels) as headings; `w:br`/`w:cr` start a new line and
//! `w:tab` is a tab. Headers come first and footers last, each distinct line
//! once. Text boxes (`w:txbxContent`) follow their anchor paragraph; of an
//! `mc:AlternateContent` only the first `mc:Choice` is read (its `mc:Fallback`
//! repeats the same text). Footnotes and endnotes (`word/footnotes.xml`,
//! `word/endnotes.xml`) follow the paragraph that references them, as ODT
//! note bodies do, so they stay in the section they annotate; a note no
//! paragraph references comes after the body. Comments are not document text
//! and are never read. Deleted and moved-away revisions, field codes and
//! hidden (`w:vanish`) runs are dropped.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{ErrorKind, FileError};
use crate::extract::flow::Flow;
use crate::extract::xml::{self, attr, local, Dialect, Item, Place};
use crate::extract::zipsafe::Package;
use crate::extract::{Document, Format, Limits, LineHint, RawLine};

pub(crate) mod altchunk;

const WHAT: &str = "DOCX";

/// Extracts a DOCX document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let mut pkg = Package::open(bytes, limits, WHAT)?;
    let main = main_part(&mut pkg)?;
    let Some(main_xml) = pkg.read_text(&main)? else {
        return Err(FileError::malformed(format!(
            "the DOCX package has no main document part ({main}); re-save it from Word"
        )));
    };
    let rels = part_rels(&mut pkg, &main)?;
    let styles_part = match rels.iter().find(|r| r.kind == "styles") {
        Some(r) => r.target.clone(),
        None => "word/styles.xml".to_string(),
    };
    let styles = pkg
        .read_text(&styles_part)?
        .map(|xml| parse_styles(&xml, &styles_part, limits))
        .transpose()?
        .unwrap_or_default();

    let mut warnings = Vec::new();
    let budget = limits.max_text_bytes;
    let mut notes = read_notes(&mut pkg, &rels, &styles, limits, &mut warnings)?;
    let mut body = Flow::new(budget, false);
    let mut refs = parse_story(
        &main_xml,
        &main,
        &styles,
        limits,
        &mut body,
        StoryKind::Body(&mut notes),
    )?;
    if body.truncated() {
        warnings.push(format!(
            "text cut to the first {budget} bytes (resource limit)"
        ));
    }

    // Headers and footers: those the sections reference (first page, default,
    // even), else every header/footer part the document relates to.
    let by_id: HashMap<&str, &Rel> = rels.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut header_parts = Vec::new();
    let mut footer_parts = Vec::new();
    refs.sort_by_key(|r| (r.section, type_rank(&r.kind)));
    for r in &refs {
        if let Some(rel) = by_id.get(r.rid.as_str()) {
            let list = if r.header {
                &mut header_parts
            } else {
                &mut footer_parts
            };
            if !list.contains(&rel.target) {
                list.push(rel.target.clone());
            }
        }
    }
    if refs.is_empty() {
        for rel in &rels {
            match rel.kind.as_str() {
                "header" => header_parts.push(rel.target.clone()),
                "footer" => footer_parts.push(rel.target.clone()),
                _ => {}
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let headers = read_stories(&mut pkg, &header_parts, &styles, limits, &mut seen)?;
    let footers = read_stories(&mut pkg, &footer_parts, &styles, limits, &mut seen)?;

    let header_lines = headers.len();
    let mut lines = headers;
    let mut chunks = 0usize;
    let (body_lines, tables) = body.finish_with_tables();
    for line in body_lines {
        let Some(rid) = line.text.strip_prefix(altchunk::MARK) else {
            lines.push(line);
            continue;
        };
        let Some(rel) = by_id.get(rid) else {
            continue;
        };
        chunks += 1;
        if chunks > altchunk::MAX_CHUNKS {
            if chunks == altchunk::MAX_CHUNKS + 1 {
                warnings.push(format!(
                    "more than {} embedded parts; the rest skipped",
                    altchunk::MAX_CHUNKS
                ));
            }
            continue;
        }
        if let Some(bytes) = pkg.read(&rel.target)? {
            lines.extend(altchunk::lines(&bytes, &rel.target, limits, &mut warnings)?);
        }
    }
    lines.extend(notes.unreferenced());
    let (footer_lines, total) = (footers.len(), lines.len() + footers.len());
    lines.extend(footers);
    let mut doc = Document::new(Format::Docx, lines, warnings);
    doc.layout.margin_parts(total, header_lines, footer_lines);
    doc.layout.layout_tables = tables.iter().map(|t| t.locate(&doc)).collect();
    Ok(doc)
}

fn type_rank(kind: &str) -> u8 {
    match kind {
        "first" => 0,
        "default" => 1,
        _ => 2,
    }
}

/// Reads header or footer parts; a line already seen in another one is left out.
fn read_stories(
    pkg: &mut Package<'_>,
    parts: &[String],
    styles: &Styles,
    limits: &Limits,
    seen: &mut HashSet<String>,
) -> Result<Vec<RawLine>, FileError> {
    let mut out = Vec::new();
    for part in parts {
        let Some(xml) = pkg.read_text(part)? else {
            continue;
        };
        let mut flow = Flow::new(limits.max_text_bytes, false);
        parse_story(
            &xml,
            part,
            styles,
            limits,
            &mut flow,
            StoryKind::HeaderFooter,
        )?;
        for line in flow.finish() {
            let key = line.text.trim().to_string();
            if key.is_empty() || seen.insert(key) {
                out.push(line);
            }
        }
    }
    Ok(out)
}

/// A footnote or an endnote: which, and its `w:id`.
type NoteKey = (NoteKind, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum NoteKind {
    Footnote,
    Endnote,
}

/// The footnotes and endnotes of a document, each given once: where the body
/// first references it, or after the body.
#[derive(Debug, Default)]
struct Notes {
    /// The lines of each note, in the order of the notes parts.
    lines: Vec<(NoteKey, Vec<RawLine>)>,
    /// Where each note is in `lines`.
    index: HashMap<NoteKey, usize>,
}

impl Notes {
    fn add(&mut self, key: NoteKey, lines: Vec<RawLine>) {
        if lines.iter().all(|l| l.text.trim().is_empty()) || self.index.contains_key(&key) {
            return;
        }
        self.index.insert(key.clone(), self.lines.len());
        self.lines.push((key, lines));
    }

    /// The lines of a note the first time it is referenced; nothing after
    /// (a note referenced a thousand times is still read once).
    fn take(&mut self, key: &NoteKey) -> Vec<RawLine> {
        match self.index.get(key) {
            Some(&i) => std::mem::take(&mut self.lines[i].1),
            None => Vec::new(),
        }
    }

    /// The notes never referenced, in the order of their parts.
    fn unreferenced(self) -> impl Iterator<Item = RawLine> {
        self.lines.into_iter().flat_map(|(_, lines)| lines)
    }
}

/// Reads the footnotes and endnotes parts the main part relates to (else
/// `word/footnotes.xml` and `word/endnotes.xml`). One text budget for both.
/// A damaged notes part costs only the notes after the damage, with a
/// warning; budgets (depth, time) still stop the document.
fn read_notes(
    pkg: &mut Package<'_>,
    rels: &[Rel],
    styles: &Styles,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Notes, FileError> {
    let mut notes = Notes::default();
    let mut flow = Flow::new(limits.max_text_bytes, false);
    for (kind, fallback) in [
        ("footnotes", "word/footnotes.xml"),
        ("endnotes", "word/endnotes.xml"),
    ] {
        let part = match rels.iter().find(|r| r.kind == kind) {
            Some(r) => r.target.clone(),
            None => fallback.to_string(),
        };
        let Some(xml) = pkg.read_text(&part)? else {
            continue;
        };
        let read = parse_story(
            &xml,
            &part,
            styles,
            limits,
            &mut flow,
            StoryKind::Notes(&mut notes),
        );
        match read {
            Ok(_) => {}
            Err(e) if e.kind == ErrorKind::Malformed => {
                flow.take();
                warnings.push(format!(
                    "the {kind} part is damaged; the notes after the damage were not read ({})",
                    e.message
                ));
            }
            Err(e) => return Err(e),
        }
    }
    if flow.truncated() {
        warnings.push(format!(
            "footnotes and endnotes cut to the first {} bytes (resource limit)",
            limits.max_text_bytes
        ));
    }
    Ok(notes)
}

/// One relationship of a part: id, type (last path segment), resolved target.
#[derive(Debug, Clone)]
struct Rel {
    id: String,
    kind: String,
    target: String,
}

/// The main document part named by `_rels/.rels`, else `word/document.xml`.
fn main_part(pkg: &mut Package<'_>) -> Result<String, FileError> {
    let fallback = "word/document.xml".to_string();
    let Some(xml) = pkg.read_text("_rels/.rels")? else {
        return Ok(fallback);
    };
    let rels = parse_rels(&xml, "");
    let main = rels
        .into_iter()
        .find(|r| r.kind == "officeDocument")
        .map(|r| r.target)
        .filter(|t| pkg.find(t).is_some());
    Ok(main.unwrap_or(fallback))
}

/// The relationships of `part` (from `dir/_rels/name.rels`).
fn part_rels(pkg: &mut Package<'_>, part: &str) -> Result<Vec<Rel>, FileError> {
    let (dir, name) = match part.rfind('/') {
        Some(i) => (&part[..i], &part[i + 1..]),
        None => ("", part),
    };
    let rels_name = if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    };
    Ok(pkg
        .read_text(&rels_name)?
        .map(|xml| parse_rels(&xml, dir))
        .unwrap_or_default())
}

/// Parses a `.rels` part; targets are resolved against `base_dir`. A broken
/// relationships part yields what was read before the damage.
fn parse_rels(xml: &str, base_dir: &str) -> Vec<Rel> {
    let mut reader = Reader::from_str(xml);
    let mut rels = Vec::new();
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                    continue;
                }
                let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                rels.push(Rel {
                    id,
                    kind,
                    target: resolve_target(base_dir, &target),
                });
            }
            Event::Eof => break,
            _ => {}
        }
        if rels.len() > 10_000 {
            break;
        }
    }
    rels
}

/// Resolves a relationship target against the source part's folder.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// What the styles part says about paragraph styles.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, StyleInfo>,
}

#[derive(Debug, Default, Clone)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// `Some(true)`: numbered through the style; `Some(false)`: numbering removed.
    num: Option<bool>,
}

impl Styles {
    /// Walks a style and its `basedOn` ancestors (bounded, cycle-safe).
    fn chain(&self, id: &str) -> Vec<(&str, &StyleInfo)> {
        let mut out = Vec::new();
        let mut cur = Some(id);
        while let Some(i) = cur {
            if out.len() >= 10 || out.iter().any(|(seen, _)| *seen == i) {
                break;
            }
            let Some((key, info)) = self.by_id.get_key_value(i) else {
                break;
            };
            out.push((key.as_str(), info));
            cur = info.based_on.as_deref();
        }
        out
    }

    fn is_heading(&self, id: &str) -> bool {
        if heading_name(id) {
            return true;
        }
        self.chain(id).iter().any(|(sid, s)| {
            heading_name(sid) || heading_name(&s.name) || s.outline.is_some_and(|l| l < 9)
        })
    }

    fn is_list(&self, id: &str) -> bool {
        for (sid, s) in self.chain(id) {
            if let Some(n) = s.num {
                return n;
            }
            let name = if s.name.is_empty() {
                sid
            } else {
                s.name.as_str()
            };
            let n = name.to_ascii_lowercase();
            if n.starts_with("list bullet")
                || n.starts_with("list number")
                || n.starts_with("listbullet")
                || n.starts_with("listnumber")
            {
                return true;
            }
        }
        false
    }
}

/// Style ids and names that mean heading: `Heading1`, `heading 2`, `Title`,
/// `Section Heading`….
fn heading_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "title" || n.contains("heading") || n.contains("überschrift") || n.starts_with("titre")
}

/// Reads the styles part.
fn parse_styles(xml: &str, part: &str, limits: &Limits) -> Result<Styles, FileError> {
    let mut sheet = StyleSheet::default();
    xml::walk(xml, part, WHAT, limits, &mut sheet)?;
    Ok(sheet.styles)
}

/// The styles part as the XML walk sees it: paragraph styles, their names,
/// bases, outline levels and numbering.
#[derive(Debug, Default)]
struct StyleSheet {
    styles: Styles,
    /// The paragraph style being read (id, what is known so far).
    cur: Option<(String, StyleInfo)>,
    in_ppr: bool,
}

impl Dialect for StyleSheet {
    const LOCAL_NAMES: bool = true;

    fn start(&mut self, e: &BytesStart<'_>, name: &str, at: &Place<'_>) -> Option<Item> {
        match name {
            "style" if !at.empty => {
                let is_para = attr(e, "type").is_none_or(|t| t == "paragraph");
                self.cur = match (is_para, attr(e, "styleId")) {
                    (true, Some(id)) => Some((id, StyleInfo::default())),
                    _ => None,
                };
            }
            "pPr" if !at.empty => self.in_ppr = true,
            name => {
                if let Some((_, info)) = self.cur.as_mut() {
                    let val = attr(e, "val");
                    match name {
                        "name" => info.name = val.unwrap_or_default(),
                        "basedOn" => info.based_on = val,
                        "outlineLvl" if self.in_ppr => {
                            info.outline = val.and_then(|v| v.parse().ok())
                        }
                        "numId" if self.in_ppr => info.num = Some(val.is_some_and(|v| v != "0")),
                        _ => {}
                    }
                }
            }
        }
        None
    }

    fn end(&mut self, name: &str, at: &Place<'_>) {
        if at.empty {
            return;
        }
        match name {
            "style" => {
                if let Some((id, info)) = self.cur.take() {
                    self.styles.by_id.insert(id, info);
                }
            }
            "pPr" => self.in_ppr = false,
            _ => {}
        }
    }

    fn flow(&mut self) -> Option<&mut Flow> {
        None
    }

    fn reads_text(&self, _: &Place<'_>) -> bool {
        false
    }
}

/// A header/footer reference of a section.
#[derive(Debug)]
struct StoryRef {
    section: usize,
    header: bool,
    kind: String,
    rid: String,
}

#[derive(Debug, Default)]
struct ParaInfo {
    style: Option<String>,
    num: Option<bool>,
    outline: Option<u8>,
}

/// Which story a part holds, with what it needs.
enum StoryKind<'n> {
    /// The document body: alt chunks are marked in place, and each note
    /// follows the paragraph that references it.
    Body(&'n mut Notes),
    /// A header or footer (its alt chunks and note references are left out).
    HeaderFooter,
    /// A footnotes or endnotes part, whose notes are collected one by one.
    Notes(&'n mut Notes),
}

/// Parses a story (document body, header, footer, notes) into `flow`;
/// returns the section header/footer references.
fn parse_story(
    xml: &str,
    part: &str,
    styles: &Styles,
    limits: &Limits,
    flow: &mut Flow,
    kind: StoryKind<'_>,
) -> Result<Vec<StoryRef>, FileError> {
    let mut story = Story {
        flow,
        alt_chunks: matches!(kind, StoryKind::Body(_)),
        kind,
        note: None,
        styles,
        refs: Vec::new(),
        section: 0,
        paras: Vec::new(),
        hidden: Vec::new(),
        alternates: Vec::new(),
        in_text: false,
    };
    xml::walk(xml, part, WHAT, limits, &mut story)?;
    Ok(story.refs)
}

/// A story (body, header, footer, notes) as the XML walk sees it.
struct Story<'a, 'n> {
    flow: &'a mut Flow,
    /// Mark `w:altChunk`s for [`extract`] to replace.
    alt_chunks: bool,
    kind: StoryKind<'n>,
    /// In a notes part: the note being read (`None` between notes and in a
    /// separator, whose text is not read).
    note: Option<NoteKey>,
    styles: &'a Styles,
    refs: Vec<StoryRef>,
    /// Sections ended so far (`w:sectPr`).
    section: usize,
    /// One entry per open paragraph.
    paras: Vec<ParaInfo>,
    /// One entry per open run: is it hidden (`w:vanish`)?
    hidden: Vec<bool>,
    /// One entry per open `mc:AlternateContent`: has a `mc:Choice` been taken?
    alternates: Vec<bool>,
    /// Inside the `w:t` of a visible run.
    in_text: bool,
}

impl Dialect for Story<'_, '_> {
    const LOCAL_NAMES: bool = true;

    /// Deleted and moved-away text, field codes, control properties, ruby
    /// guides, note settings, and every `mc:Choice` but the first (a
    /// `mc:Fallback` only when no Choice was taken).
    fn skip(&mut self, name: &str) -> bool {
        match name {
            "del" | "moveFrom" | "instrText" | "delInstrText" | "delText" | "sdtPr"
            | "sdtEndPr" | "rt" | "footnotePr" | "endnotePr" => true,
            "Choice" => match self.alternates.last_mut() {
                Some(taken) if *taken => true,
                Some(taken) => {
                    *taken = true;
                    false
                }
                None => false,
            },
            "Fallback" => self.alternates.last().copied().unwrap_or(false),
            _ => false,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, name: &str, at: &Place<'_>) -> Option<Item> {
        let parent = at.parent();
        let in_ppr = parent == "pPr" || (parent == "numPr" && at.grandparent() == "pPr");
        let in_visible_run = parent == "r" && !self.hidden.last().copied().unwrap_or(false);
        let item = match name {
            "p" => {
                self.paras.push(ParaInfo::default());
                Some(Item::Paragraph(LineHint::None))
            }
            "pStyle" if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
                None
            }
            "numId" if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num = Some(attr(e, "val").is_some_and(|v| v != "0"));
                }
                None
            }
            "outlineLvl" if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
                None
            }
            "r" => {
                self.hidden.push(false);
                None
            }
            "vanish" | "webHidden" if parent == "rPr" && at.grandparent() == "r" => {
                let on =
                    attr(e, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"));
                if let Some(h) = self.hidden.last_mut() {
                    *h = on;
                }
                None
            }
            "tab" | "ptab" if in_visible_run => Some(Item::Text("\t".into())),
            "br" | "cr" if in_visible_run => Some(Item::LineBreak),
            "noBreakHyphen" if in_visible_run => Some(Item::Text("-".into())),
            "tbl" => Some(Item::Table),
            "tr" => Some(Item::Row),
            "tc" => Some(Item::Cell),
            "AlternateContent" => {
                self.alternates.push(false);
                None
            }
            "altChunk" if self.alt_chunks => {
                if let Some(rid) = attr(e, "id") {
                    let mark = RawLine::plain(format!("{}{rid}", altchunk::MARK));
                    self.flow.push_lines(vec![mark]);
                }
                None
            }
            "footnote" | "endnote"
                if matches!(self.kind, StoryKind::Notes(_)) && at.depth() == 1 =>
            {
                // Lines outside any note are not note text.
                self.flow.take();
                let kind = if name == "footnote" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                let separator = attr(e, "type").is_some_and(|t| {
                    matches!(
                        t.as_str(),
                        "separator" | "continuationSeparator" | "continuationNotice"
                    )
                });
                self.note = match attr(e, "id") {
                    Some(id) if !separator && !at.empty => Some((kind, id)),
                    _ => None,
                };
                None
            }
            "footnoteReference" | "endnoteReference" if parent == "r" => {
                if let (StoryKind::Body(notes), Some(id)) = (&mut self.kind, attr(e, "id")) {
                    let kind = if name == "footnoteReference" {
                        NoteKind::Footnote
                    } else {
                        NoteKind::Endnote
                    };
                    let lines = notes.take(&(kind, id));
                    self.flow.push_lines(lines);
                }
                None
            }
            "headerReference" | "footerReference" if parent == "sectPr" => {
                if let Some(rid) = attr(e, "id") {
                    self.refs.push(StoryRef {
                        section: self.section,
                        header: name == "headerReference",
                        kind: attr(e, "type").unwrap_or_else(|| "default".into()),
                        rid,
                    });
                }
                None
            }
            _ => None,
        };
        if !at.empty {
            self.in_text = name == "t" && !self.hidden.last().copied().unwrap_or(false);
        }
        item
    }

    fn end(&mut self, name: &str, at: &Place<'_>) {
        match name {
            // The paragraph's properties are complete: its hint is known.
            "pPr" => {
                if let Some(p) = self.paras.last() {
                    self.flow.set_hint(para_hint(p, self.styles));
                }
            }
            "p" => {
                self.paras.pop();
            }
            "r" => {
                self.hidden.pop();
            }
            "t" if !at.empty => self.in_text = false,
            "AlternateContent" => {
                self.alternates.pop();
            }
            "sectPr" => self.section += 1,
            "footnote" | "endnote" if at.depth() == 1 => {
                if let StoryKind::Notes(notes) = &mut self.kind {
                    let lines = self.flow.take();
                    if let Some(key) = self.note.take() {
                        notes.add(key, lines);
                    }
                }
            }
            _ => {}
        }
    }

    fn flow(&mut self) -> Option<&mut Flow> {
        Some(self.flow)
    }

    fn reads_text(&self, _: &Place<'_>) -> bool {
        self.in_text && (self.note.is_some() || !matches!(self.kind, StoryKind::Notes(_)))
    }
}

fn para_hint(p: &ParaInfo, styles: &Styles) -> LineHint {
    let style = p.style.as_deref();
    if p.outline.is_some_and(|l| l < 9) || style.is_some_and(|s| styles.is_heading(s)) {
        return LineHint::Heading;
    }
    let listed = match p.num {
        Some(n) => n,
        None => style.is_some_and(|s| styles.is_list(s)),
    };
    if listed {
        LineHint::ListItem
    } else {
        LineHint::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::extract::zipsafe::tests::zip_of;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

    fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="MySect"><w:name w:val="Résumé Section"/><w:basedOn w:val="Heading1"/></w:style></w:styles>"#
        );
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("word/document.xml", doc.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
        ];
        for (n, d) in extra {
            entries.push((n, d.as_bytes()));
        }
        zip_of(&entries)
    }

    fn lines(bytes: &[u8]) -> Vec<(String, LineHint)> {
        extract(bytes, &Limits::default())
            .unwrap()
            .lines
            .into_iter()
            .map(|l| (l.text, l.hint))
            .collect()
    }

    fn texts(bytes: &[u8]) -> Vec<String> {
        lines(bytes).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn paragraphs_runs_tabs_breaks() {
        let b = docx(
            r#"<w:p><w:r><w:t xml:space="preserve">Jane </w:t></w:r><w:r><w:t>Doe</w:t></w:r></w:p>
               <w:p><w:r><w:t>Line A</w:t><w:br/><w:t>Line B</w:t><w:tab/><w:t>x &amp; y</w:t></w:r></w:p>"#,
            &[],
        );
        assert_eq!(texts(&b), ["Jane Doe", "Line A", "Line B\tx & y"]);
    }

    #[test]
    fn headings_and_lists_from_styles_and_numbering() {
        let b = docx(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Experience</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="MySect"/></w:pPr><w:r><w:t>Skills</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Ran SMT line</w:t></w:r></w:p>
               <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>Cut scrap</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Not a list</w:t></w:r></w:p>"#,
            &[],
        );
        assert_eq!(
            lines(&b),
            [
                ("Experience".to_string(), LineHint::Heading),
                ("Skills".to_string(), LineHint::Heading),
                ("• Ran SMT line".to_string(), LineHint::ListItem),
                ("• Cut scrap".to_string(), LineHint::ListItem),
                ("Not a list".to_string(), LineHint::None),
            ]
        );
    }

    #[test]
    fn tables_rows_joined() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let b = docx(
            &format!(
                "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
                cell("Acme Corp"),
                cell("2019 – 2021"),
                cell("Technician"),
                cell("")
            ),
            &[],
        );
        assert_eq!(texts(&b), ["Acme Corp | 2019 – 2021", "Technician"]);
    }

    #[test]
    fn text_boxes_once_and_deleted_text_dropped() {
        let b = docx(
            r#"<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed skills</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed skills</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
               <w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>kept</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>
               <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "http://x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink r:id="rId9"><w:r><w:t>linkedin.com/in/jane</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            &[],
        );
        assert_eq!(
            texts(&b),
            ["Anchor", "Boxed skills", "kept", "linkedin.com/in/jane"]
        );
    }

    #[test]
    fn fallback_used_when_no_choice() {
        let b = docx(
            r#"<w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>VML box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            &[],
        );
        assert_eq!(texts(&b), ["VML box"]);
    }

    #[test]
    fn headers_first_footers_last() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="/word/footer1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;
        let hdr = |t: &str| format!(r#"<w:hdr {W}><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:hdr>"#);
        let h1 = hdr("jane@example.com | 555-0100");
        let h2 = hdr("Jane Doe");
        let f1 =
            format!(r#"<w:ftr {W}><w:p><w:r><w:t>References on request</w:t></w:r></w:p></w:ftr>"#);
        let b = docx(
            r#"<w:p><w:r><w:t>Body</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:headerReference w:type="first" r:id="rId3"/><w:footerReference w:type="default" r:id="rId2"/></w:sectPr>"#,
            &[
                ("word/_rels/document.xml.rels", rels),
                ("word/header1.xml", &h1),
                ("word/header2.xml", &h2),
                ("word/footer1.xml", &f1),
            ],
        );
        assert_eq!(
            texts(&b),
            [
                "Jane Doe",
                "jane@example.com | 555-0100",
                "Body",
                "References on request"
            ]
        );
    }

    #[test]
    fn alt_chunks_are_read_in_place() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="/afchunk.mht"/></Relationships>"#;
        let mht = "MIME-Version: 1.0\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"----=mhtDocumentPart\"\n\n------=mhtDocumentPart\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><h1>Skills</h1><p>PLC =26 SPC</p></body></html>\n------=mhtDocumentPart--\n";
        let b = docx(
            r#"<w:p><w:r><w:t>Before</w:t></w:r></w:p><w:altChunk r:id="htmlChunk"/><w:p><w:r><w:t>After</w:t></w:r></w:p>"#,
            &[("word/_rels/document.xml.rels", rels), ("afchunk.mht", mht)],
        );
        assert_eq!(
            lines(&b),
            [
                ("Before".to_string(), LineHint::None),
                ("Skills".to_string(), LineHint::Heading),
                ("PLC & SPC".to_string(), LineHint::None),
                ("After".to_string(), LineHint::None),
            ]
        );
    }

    #[test]
    fn alt_chunk_limits_and_headers() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="/chunk.txt"/><Relationship Id="h" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
        let header = format!(
            r#"<w:hdr {W}><w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p><w:altChunk r:id="c"/></w:hdr>"#
        );
        let body = r#"<w:altChunk r:id="c"/>"#.repeat(altchunk::MAX_CHUNKS + 2)
            + r#"<w:p><w:r><w:t>After</w:t></w:r></w:p><w:sectPr><w:headerReference r:id="h"/></w:sectPr>"#;
        let b = docx(
            &body,
            &[
                ("word/_rels/document.xml.rels", rels),
                ("word/header1.xml", &header),
                ("chunk.txt", "PLC"),
            ],
        );
        let doc = extract(&b, &Limits::default()).unwrap();
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        let mut want = vec!["Jane Doe"];
        want.extend(["PLC"; altchunk::MAX_CHUNKS]);
        want.push("After");
        assert_eq!(texts, want);
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    }

    #[test]
    fn notes_follow_their_reference_and_comments_stay_out() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r><w:r><w:t>sep</w:t></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Six Sigma Green Belt, ASQ, 2021</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Never referenced</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let endnotes = format!(
            r#"<w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> OSHA 30, 2020</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="0" w:author="Reviewer"><w:p><w:r><w:t>Reviewer remark</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let footer =
            format!(r#"<w:ftr {W}><w:p><w:r><w:t>References on request</w:t></w:r></w:p></w:ftr>"#);
        let b = docx(
            r#"<w:p><w:r><w:t>Experience</w:t></w:r></w:p>
               <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Led kaizen events</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> on two lines</w:t></w:r></w:p>
               <w:p><w:r><w:t>Certifications</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
               <w:sectPr><w:footerReference w:type="default" r:id="rId1"/></w:sectPr>"#,
            &[
                ("word/_rels/document.xml.rels", rels),
                ("word/footnotes.xml", &footnotes),
                ("word/endnotes.xml", &endnotes),
                ("word/comments.xml", &comments),
                ("word/footer1.xml", &footer),
            ],
        );
        assert_eq!(
            texts(&b),
            [
                "Experience",
                "Led kaizen events on two lines",
                "Six Sigma Green Belt, ASQ, 2021",
                "Certifications",
                "OSHA 30, 2020",
                "Never referenced",
                "References on request",
            ]
        );
    }

    #[test]
    fn a_damaged_notes_part_costs_only_its_notes() {
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>Six Sigma Green Belt</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>broken</w:r></w:p></w:footnote></w:footnotes>"#
        );
        let b = docx(
            r#"<w:p><w:r><w:t>Body</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#,
            &[("word/footnotes.xml", &footnotes)],
        );
        let doc = extract(&b, &Limits::default()).unwrap();
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Body", "Six Sigma Green Belt"]);
        assert!(
            doc.warnings[0].starts_with("the footnotes part is damaged"),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn notes_parts_found_without_relationships() {
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:id="3"><w:p><w:r><w:t>PMP, 2019</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let b = docx(
            r#"<w:p><w:r><w:t>Body</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:p>"#,
            &[("word/footnotes.xml", &footnotes)],
        );
        assert_eq!(texts(&b), ["Body", "PMP, 2019"]);
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let body = "<w:sdt><w:sdtContent>".repeat(5_000);
        let b = docx(&body, &[]);
        let e = extract(&b, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Limit, "{e}");
    }

    #[test]
    fn entities_are_never_expanded() {
        // A "billion laughs" DTD: custom entities are not expanded (only the
        // five predefined ones and character references are).
        let doc = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>x&b;&b;&#233;&lt;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let z = zip_of(&[("word/document.xml", doc.as_bytes())]);
        assert_eq!(texts(&z), ["xé<"]);
    }

    #[test]
    fn broken_xml_is_malformed() {
        let b = docx("<w:p><w:r><w:t>x</w:r></w:p>", &[]);
        assert_eq!(
            extract(&b, &Limits::default()).unwrap_err().kind,
            ErrorKind::Malformed
        );
    }

    #[test]
    fn missing_main_part_is_malformed() {
        let z = zip_of(&[("word/other.xml", b"<a/>")]);
        assert_eq!(
            extract(&z, &Limits::default()).unwrap_err().kind,
            ErrorKind::Malformed
        );
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve_target("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_target("word", "/word/footer1.xml"),
            "word/footer1.xml"
        );
        assert_eq!(
            resolve_target("word/sub", "../media/x.png"),
            "word/media/x.png"
        );
    }
}
