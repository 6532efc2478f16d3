//! The content-stream interpreter: text state, CTM, q/Q and Form XObjects,
//! producing positioned glyphs. All recursion is bounded (forms ≤ 10 deep,
//! with a visited set); the q/Q stack is capped.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::annots::{self, Annotation, PageLink};
use super::budget::{Budget, StreamError};
use super::content::{Operations, MAX_CONTENT_NESTING};
use super::diagnose::Unmapped;
use super::facts::PageFacts;
use super::font::{deref, get, num, Font};
use super::scan::ScanImage;
use super::visibility::{self, counted_chars, InvisibleGlyph, OptionalContent};
use crate::error::FileError;

/// Form XObjects nested deeper than this are not drawn.
pub const MAX_FORM_DEPTH: usize = 10;
/// Saved graphics states kept by `q`.
pub const MAX_GSTATE_DEPTH: usize = 64;
/// `/Parent` links followed to find inherited page attributes.
const MAX_PARENT_STEPS: usize = 64;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// A glyph placed on the page, in its reading frame (text runs along +x,
/// lines go down in −y).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: Box<str>,
    /// Baseline start, in the reading frame.
    pub x: f32,
    pub y: f32,
    /// Advance of the glyph itself (without Tc/Tw), in device units.
    pub w: f32,
    /// Font size in device units.
    pub size: f32,
    /// Direction: 0 upright, 1 rotated 90° counter-clockwise, 2 upside down, 3 clockwise.
    pub rot: u8,
    /// Set in a bold face.
    pub bold: bool,
}

/// Something small painted on the page that may be a list marker: a filled
/// or stroked shape (a disc, square, diamond, triangle), a tiny image, or a
/// glyph that decodes to no text (a Type 3 bitmap or symbol-font bullet).
/// Upright device coordinates, like an upright [`Glyph`]'s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Mark {
    /// The height of its middle.
    pub fn mid_y(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }

    /// A box small and square enough to be a list marker (between 0.8 and
    /// 12 points each way, at most 2.5 times wider than high or the reverse).
    fn bullet_sized(x0: f64, y0: f64, x1: f64, y1: f64) -> Option<Mark> {
        let (w, h) = (x1 - x0, y1 - y0);
        let size = 0.8..=12.0;
        (size.contains(&w) && size.contains(&h) && w <= 2.5 * h && h <= 2.5 * w).then_some(Mark {
            x0: x0 as f32,
            y0: y0 as f32,
            x1: x1 as f32,
            y1: y1 as f32,
        })
    }
}

/// Marks kept per page; a page drawing more small shapes is a chart or a
/// pattern, not a list.
pub const MAX_PAGE_MARKS: usize = 4_000;
/// Subpaths of one path whose boxes are kept.
const MAX_SUBPATHS: usize = 64;

/// The path being built: the device-space box of each subpath (only boxes
/// are kept, never the geometry).
#[derive(Debug, Default, Clone)]
struct PathBoxes {
    boxes: Vec<[f64; 4]>,
    /// Subpaths beyond [`MAX_SUBPATHS`] are ignored.
    overflow: bool,
}

impl PathBoxes {
    fn move_to(&mut self, x: f64, y: f64) {
        if self.boxes.len() >= MAX_SUBPATHS {
            self.overflow = true;
            return;
        }
        self.boxes.push([x, y, x, y]);
    }

    fn line_to(&mut self, x: f64, y: f64) {
        if self.overflow {
            return;
        }
        match self.boxes.last_mut() {
            Some(b) => {
                b[0] = b[0].min(x);
                b[1] = b[1].min(y);
                b[2] = b[2].max(x);
                b[3] = b[3].max(y);
            }
            None => self.move_to(x, y),
        }
    }

    /// The subpaths that could be list markers; the path is then cleared.
    fn take_marks(&mut self, out: &mut Vec<Mark>) {
        for b in self.boxes.drain(..) {
            if out.len() >= MAX_PAGE_MARKS {
                break;
            }
            if let Some(m) = Mark::bullet_sized(b[0], b[1], b[2], b[3]) {
                out.push(m);
            }
        }
        self.overflow = false;
    }
}

/// A point through a matrix.
fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The upright box `[x0, y0, x1, y1]` that holds a box's four corners
/// mapped through a matrix.
pub(super) fn mapped_bounds(m: &Matrix, b: [f64; 4]) -> [f64; 4] {
    let corners =
        [(b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])].map(|(x, y)| apply(m, x, y));
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    [
        xs.iter().copied().fold(f64::MAX, f64::min),
        ys.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
        ys.iter().copied().fold(f64::MIN, f64::max),
    ]
}

impl Glyph {
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    /// The font's name (`/BaseFont` without its subset tag), for messages.
    font_name: Option<Rc<str>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// Text render mode (`Tr`): 3 draws nothing, 7 only clips.
    render_mode: u8,
    /// The glyphs (a range of the page's invisible ones) drawn in render
    /// mode 7 whose outlines clip what is painted now: a fill, an image or
    /// a shading painted through them shows them (text filled with a
    /// gradient or a picture, as design tools draw it).
    text_clip: Option<(usize, usize)>,
}

impl GState {
    /// Text drawn now is invisible (render mode 3 or 7).
    fn invisible_text(&self) -> bool {
        matches!(self.render_mode, 3 | 7)
    }
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            font_name: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
            text_clip: None,
        }
    }
}

/// The interpreter state that lasts across a page's content streams.
struct ContentState {
    gs: GState,
    stack: Vec<GState>,
    /// `q`s beyond [`MAX_GSTATE_DEPTH`] not saved, matched by `Q`s ignored.
    overflow: usize,
    tm: Matrix,
    tlm: Matrix,
    path: PathBoxes,
    /// Open marked-content sequences, innermost last.
    marked: Vec<Marked>,
    /// Sequences opened beyond [`MAX_MARKED_DEPTH`], counted only.
    marked_overflow: usize,
    /// The lowest of those (1 = the first past the cap) that is hidden
    /// optional content, if any.
    hidden_overflow: Option<usize>,
    /// Everything drawn is hidden optional content (a form drawn inside a
    /// hidden sequence, or a form or annotation that is itself hidden).
    hidden_base: bool,
}

/// An open marked-content sequence: the replacement text it gives its
/// glyphs (`/Span <</ActualText (ffi)>> BDC`), and whether it is optional
/// content hidden by default (`/OC /oc1 BDC`).
#[derive(Debug)]
struct Marked {
    actual: Option<ActualText>,
    hidden: bool,
}

/// A marked-content sequence's `/ActualText`: what its glyphs say, and the
/// glyph that carries it once the first of them is shown.
#[derive(Debug)]
struct ActualText {
    text: String,
    glyph: Option<usize>,
    /// The glyph is among the page's invisible ones, not its visible ones.
    invisible: bool,
}

/// Marked-content sequences tracked at once; deeper ones are counted only.
const MAX_MARKED_DEPTH: usize = 64;

/// The `/ActualText` of the innermost open sequence that has one: the text
/// the glyphs shown now stand for.
fn innermost_actual_text(marked: &mut [Marked]) -> Option<&mut ActualText> {
    marked.iter_mut().rev().find_map(|m| m.actual.as_mut())
}

impl ContentState {
    fn new(gs: GState) -> Self {
        ContentState {
            gs,
            stack: Vec::new(),
            overflow: 0,
            tm: IDENTITY,
            tlm: IDENTITY,
            path: PathBoxes::default(),
            marked: Vec::new(),
            marked_overflow: 0,
            hidden_overflow: None,
            hidden_base: false,
        }
    }
}

/// Whether what is drawn now is hidden optional content.
fn hidden_now(base: bool, marked: &[Marked], hidden_overflow: Option<usize>) -> bool {
    base || hidden_overflow.is_some() || marked.iter().any(|m| m.hidden)
}

/// Decoded page content interpreted at once; bigger pages are read in chunks.
const PAGE_CHUNK_BYTES: usize = 16 * 1024 * 1024;

#[derive(Hash, PartialEq, Eq, Clone, Copy)]
enum FontKey {
    Id(ObjectId),
    Direct(usize),
}

/// What a page paints that layout needs: its glyphs, the small marks that
/// may be list bullets, and its links.
#[derive(Debug, Default)]
pub struct Painted {
    pub glyphs: Vec<Glyph>,
    pub marks: Vec<Mark>,
    /// Link annotations: where they sit and where they point.
    pub links: Vec<PageLink>,
    /// What the ATS check needs to know about the page's glyphs and images.
    pub facts: PageFacts,
    /// The images that together cover much of the page (a scan), for OCR.
    pub scans: Vec<ScanImage>,
    /// The page's text includes an OCR layer over its scan.
    pub ocr_layer: bool,
    /// Glyphs the page draws (visibly) in fonts that give them no text;
    /// the document's count is the caller's (a page read by OCR is not lost).
    pub unmapped: Unmapped,
    /// Where those of fonts the file draws (`Font::drawn`) are: the middle
    /// of each one's box, device space,
    /// and how many glyphs were in `glyphs` when it was drawn (where its
    /// text belongs in the stream's order); at most [`MAX_UNMAPPED_SPOTS`].
    pub unmapped_spots: Vec<(f32, f32, usize)>,
    /// The visible page area (crop box, else media box), device space.
    pub page_box: Option<[f64; 4]>,
    /// The page's `/Rotate`, in quarter turns clockwise (0–3).
    pub quarter_turns: u8,
}

/// Unmapped glyphs located per page.
pub const MAX_UNMAPPED_SPOTS: usize = 50_000;

/// Per-document state shared by all pages: font and form caches, and what
/// was left out as hidden.
pub struct Interpreter<'d> {
    doc: &'d Document,
    /// The optional content hidden by default.
    oc: OptionalContent,
    /// Characters of invisible text (render mode 3 or 7) left out.
    pub invisible_chars: usize,
    /// Characters of optional content hidden by default left out.
    pub layer_chars: usize,
    /// Pages whose invisible text is an OCR layer over a scan, kept.
    pub ocr_pages: usize,
    /// Pages with an empty or invalid crop or media box.
    pub bad_box_pages: usize,
    /// Glyphs drawn (visibly) in fonts that give them no text.
    pub unmapped: Unmapped,
    /// Pages with an image covering a large part of them.
    pub image_pages: usize,
    /// Filled or stroked paths drawn.
    pub paths: usize,
    fonts: HashMap<FontKey, (Rc<Font>, Rc<str>)>,
    /// The resources of the page being run: where a form XObject's font
    /// missing from its own resources is looked up, as poppler does.
    page_resources: Option<&'d Dictionary>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    unknown_font: Rc<Font>,
    /// The name text shown without a font (`Tf`) goes by.
    no_font_name: Rc<str>,
    pub warnings: Vec<String>,
    warned: rustc_hash::FxHashSet<&'static str>,
    /// The first content stream that could not be read whole: the
    /// document's error when no text is found.
    pub content_error: Option<FileError>,
    /// Content-stream tokens skipped as unreadable, over the whole document.
    skipped_tokens: usize,
    /// Where in `warnings` the skipped-token warning is, once given.
    skipped_warning: Option<usize>,
    /// Read as a simple extractor does: text rolefit recovers (not mapped
    /// by the file) comes out as U+FFFD (`rolefit extract --view ats`).
    pub simple_reader: bool,
}

/// What one page's content streams paint, gathered as they run.
struct PageRun {
    glyphs: Vec<Glyph>,
    marks: Vec<Mark>,
    links: Vec<PageLink>,
    form_stack: Vec<ObjectId>,
    /// The visible page area (crop box, else media box), grown by a margin;
    /// glyphs outside it are not shown to a reader and are dropped.
    area: Option<[f64; 4]>,
    /// Glyphs dropped for lying outside the page.
    off_page: usize,
    /// Glyphs dropped beyond [`MAX_PAGE_GLYPHS`].
    over_cap: usize,
    /// Glyphs drawn in an invisible render mode, sorted at the end of the
    /// page into an OCR layer (kept) and hidden text (left out).
    invisible: Vec<InvisibleGlyph>,
    /// For each of them: drawn in render mode 7 (a clip), and whether
    /// something was painted through that clip (so it shows).
    clip_state: Vec<ClipState>,
    /// Device-space origins of the visible glyphs, for that sorting.
    visible_at: Vec<(f32, f32)>,
    /// Device-space boxes of the images drawn (at most [`MAX_PAGE_IMAGES`]).
    images: Vec<[f64; 4]>,
    /// The image objects drawn, with their boxes (inline images have none).
    image_objects: Vec<ScanImage>,
    /// Characters of hidden optional content left out.
    layer_chars: usize,
    /// Glyphs drawn in fonts that give them no text.
    unmapped: Unmapped,
    /// Where they are (middles of their boxes), and where in `glyphs`.
    unmapped_spots: Vec<(f32, f32, usize)>,
    /// Filled or stroked paths drawn.
    paths: usize,
    /// What the page shows, for the ATS check.
    facts: PageFacts,
}

/// What an invisible glyph's outline does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClipState {
    /// Nothing (render mode 3), or clips what nothing painted through.
    None,
    /// Clips (render mode 7).
    Clip,
    /// Clips something painted, so it shows.
    Shown,
}

impl PageRun {
    /// Marks the glyphs of the text clip in force as shown: something is
    /// painted through them. Each is marked once; a clip already shown
    /// costs one look (its last glyph), however often it is painted.
    fn paint_through(&mut self, clip: Option<(usize, usize)>) {
        let Some((start, end)) = clip else {
            return;
        };
        let end = end.min(self.clip_state.len());
        for state in self.clip_state[start.min(end)..end].iter_mut().rev() {
            match state {
                ClipState::Shown => break,
                ClipState::Clip => *state = ClipState::Shown,
                ClipState::None => {}
            }
        }
    }

    /// How much text the page has drawn so far, shown or left out: it
    /// changes when a form draws any glyph.
    fn text_drawn(&self) -> (usize, usize, usize, usize, usize, usize) {
        (
            self.glyphs.len(),
            self.invisible.len(),
            self.layer_chars,
            self.off_page,
            self.over_cap,
            self.unmapped_spots.len(),
        )
    }
}

/// A field's value (or a free-text annotation's text) without an appearance
/// that shows it: one line of text filling the field's height, as a viewer
/// would draw it; counted as hidden text in a hidden layer.
fn draw_field_value(
    text: &str,
    rect: [f64; 4],
    hidden: bool,
    run: &mut PageRun,
    budget: &mut Budget,
) -> Result<(), FileError> {
    if hidden {
        run.layer_chars += counted_chars(text);
        return Ok(());
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let height = rect[3] - rect[1];
    // One line sits a quarter up its box; several (a list box's options, a
    // multi-line value) run down from the top, as viewers draw them.
    let size = if lines.len() > 1 {
        12.0
    } else {
        (height * 0.7).clamp(4.0, 12.0) as f32
    };
    for (i, line) in lines.iter().enumerate() {
        let mut x = rect[0] as f32 + 2.0;
        let y = if lines.len() > 1 {
            (rect[3] - f64::from(size) * 1.15 * (i as f64 + 1.0)) as f32
        } else {
            (rect[1] + height * 0.25) as f32
        };
        for c in line.chars().filter(|c| !c.is_control()) {
            budget.glyph()?;
            let w = 0.5 * size;
            run.glyphs.push(Glyph {
                text: c.to_string().into(),
                x,
                y,
                w,
                size,
                rot: 0,
                bold: false,
            });
            x += w;
        }
    }
    Ok(())
}

/// Images whose boxes are kept per page.
const MAX_PAGE_IMAGES: usize = 1_024;

/// Tolerance around the page box, in points.
const PAGE_MARGIN: f64 = 2.0;
/// A page box narrower or lower than this (points) is empty.
const MIN_BOX_SIDE: f64 = 1.0;
/// Glyphs laid out per page (a resume page has a few thousand); the rest are cut.
pub const MAX_PAGE_GLYPHS: usize = 200_000;

/// A `/BaseFont` as a reader knows it: without the subset tag
/// (`ABCDEF+Calibri` is Calibri), at most 64 characters.
fn display_font_name(base: &[u8]) -> String {
    let name = String::from_utf8_lossy(base);
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => &name,
    };
    name.chars().filter(|c| !c.is_control()).take(64).collect()
}

/// Operands as numbers.
fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(|o| num(o).map(f64::from)).collect()
}

impl<'d> Interpreter<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Interpreter {
            doc,
            oc: OptionalContent::load(doc),
            invisible_chars: 0,
            layer_chars: 0,
            ocr_pages: 0,
            bad_box_pages: 0,
            unmapped: Unmapped::default(),
            image_pages: 0,
            paths: 0,
            fonts: HashMap::default(),
            page_resources: None,
            forms: HashMap::default(),
            unknown_font: Rc::new(Font::unknown()),
            no_font_name: "(no font selected)".into(),
            warnings: Vec::new(),
            warned: Default::default(),
            content_error: None,
            skipped_tokens: 0,
            skipped_warning: None,
            simple_reader: false,
        }
    }

    fn warn_once(&mut self, key: &'static str, msg: String) {
        if self.warned.insert(key) {
            self.warnings.push(msg);
        }
    }

    /// Counts tokens a content stream skipped, in one warning per document
    /// that gives the total so far.
    fn skipped(&mut self, tokens: usize) {
        if tokens == 0 {
            return;
        }
        self.skipped_tokens += tokens;
        let message = format!(
            "{} unreadable content-stream token{} skipped (syntax errors); text near {} may be missing",
            self.skipped_tokens,
            if self.skipped_tokens == 1 { " was" } else { "s were" },
            if self.skipped_tokens == 1 { "it" } else { "them" },
        );
        match self.skipped_warning.and_then(|i| self.warnings.get_mut(i)) {
            Some(warning) => *warning = message,
            None => {
                self.skipped_warning = Some(self.warnings.len());
                self.warnings.push(message);
            }
        }
        self.content_error.get_or_insert_with(|| {
            FileError::malformed(
                "a content stream has syntax errors and no text could be read from it",
            )
        });
    }

    /// An inherited page attribute (`Resources`, …), following `/Parent` a bounded number of times.
    fn inherited(&self, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
        let mut node = page;
        for _ in 0..MAX_PARENT_STEPS {
            if let Some(v) = get(self.doc, node, key) {
                return Some(v);
            }
            node = get(self.doc, node, b"Parent")?.as_dict().ok()?;
        }
        None
    }

    /// Runs one page's content streams and returns what it paints.
    pub fn run_page(
        &mut self,
        page_id: ObjectId,
        budget: &mut Budget,
    ) -> Result<Painted, FileError> {
        let doc = self.doc;
        let Ok(page) = doc.get_dictionary(page_id) else {
            return Ok(Painted::default());
        };
        let resources = self
            .inherited(page, b"Resources")
            .and_then(|o| o.as_dict().ok());
        self.page_resources = resources;
        let streams: Vec<&Object> = match page.get(b"Contents").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Array(items)) => items.iter().collect(),
            Some(o @ Object::Stream(_)) => vec![o],
            _ => Vec::new(),
        };
        let page_box = self.page_box(page);
        let area = page_box.map(|b| {
            [
                b[0] - PAGE_MARGIN,
                b[1] - PAGE_MARGIN,
                b[2] + PAGE_MARGIN,
                b[3] + PAGE_MARGIN,
            ]
        });
        let mut run = PageRun {
            glyphs: Vec::new(),
            marks: Vec::new(),
            links: Vec::new(),
            form_stack: Vec::new(),
            area,
            off_page: 0,
            over_cap: 0,
            invisible: Vec::new(),
            clip_state: Vec::new(),
            visible_at: Vec::new(),
            images: Vec::new(),
            image_objects: Vec::new(),
            layer_chars: 0,
            unmapped: Unmapped::default(),
            unmapped_spots: Vec::new(),
            paths: 0,
            facts: PageFacts::default(),
        };
        run.facts.set_page_box(area);
        // The page's streams are one content stream: they are read together,
        // except that a chunk is interpreted and dropped once it reaches
        // PAGE_CHUNK_BYTES, so a page of many big streams never sits in memory
        // whole (the text state carries over from chunk to chunk).
        let mut state = ContentState::new(GState::default());
        let mut content: Vec<u8> = Vec::new();
        for s in streams {
            if let Some(Object::Stream(stream)) = deref(doc, s) {
                match budget.decode(stream) {
                    Ok(data) => {
                        if !content.is_empty() && content.len() + data.len() > PAGE_CHUNK_BYTES {
                            self.run_content(&content, resources, &mut state, &mut run, budget, 0)?;
                            content = Vec::new();
                        }
                        if content.is_empty() {
                            content = data;
                        } else {
                            content.extend_from_slice(&data);
                        }
                        content.push(b'\n');
                    }
                    Err(StreamError::Fatal(e)) => return Err(e),
                    Err(StreamError::Broken(e)) => self.warn_once(
                        "broken-content",
                        format!("a page content stream could not be decoded ({e})"),
                    ),
                }
            }
        }
        self.run_content(&content, resources, &mut state, &mut run, budget, 0)?;
        drop(content);
        self.run_annotations(page, resources, &mut run, budget)?;
        // Glyphs of a text clip something was painted through show.
        let mut invisible = std::mem::take(&mut run.invisible);
        if run.clip_state.contains(&ClipState::Shown) {
            let mut states = run.clip_state.iter();
            let (shown, rest): (Vec<InvisibleGlyph>, Vec<InvisibleGlyph>) = invisible
                .into_iter()
                .partition(|_| states.next() == Some(&ClipState::Shown));
            for g in shown {
                run.visible_at.push((g.x as f32, g.y as f32));
                run.glyphs.push(g.glyph);
            }
            invisible = rest;
        }
        let sorted = visibility::sort_invisible(invisible, &run.visible_at, &run.images, page_box);
        let ocr_layer = !sorted.ocr.is_empty();
        if ocr_layer {
            self.ocr_pages += 1;
            run.glyphs.extend(sorted.ocr);
        }
        self.invisible_chars += sorted.hidden_chars;
        self.layer_chars += run.layer_chars;
        self.paths += run.paths;
        let scan_boxes = match page_box {
            Some(p) => visibility::scan_images(&run.images, &p),
            None => run.images.clone(),
        };
        let covered = !scan_boxes.is_empty();
        if covered {
            self.image_pages += 1;
        }
        let mut scans: Vec<ScanImage> = Vec::new();
        for image in &run.image_objects {
            let in_scan = scan_boxes
                .iter()
                .any(|b| (0..4).all(|k| (image.bounds[k] - b[k]).abs() < 1.0));
            if in_scan && !scans.iter().any(|s| s == image) {
                scans.push(*image);
            }
        }
        if run.over_cap > 0 {
            self.warn_once(
                "page-cap",
                format!("text cut: a page has more than {MAX_PAGE_GLYPHS} characters"),
            );
        }
        if run.off_page > 0 {
            self.warn_once(
                "off-page",
                format!(
                    "{} characters outside the visible page area were ignored",
                    run.off_page
                ),
            );
        }
        Ok(Painted {
            glyphs: run.glyphs,
            marks: run.marks,
            links: run.links,
            facts: run.facts,
            scans,
            ocr_layer,
            unmapped: run.unmapped,
            unmapped_spots: run.unmapped_spots,
            page_box,
            quarter_turns: self.quarter_turns(page),
        })
    }

    /// The page's `/Rotate` (a multiple of 90 degrees) in quarter turns
    /// clockwise, 0–3.
    fn quarter_turns(&self, page: &'d Dictionary) -> u8 {
        let degrees = self
            .inherited(page, b"Rotate")
            .and_then(|r| deref(self.doc, r))
            .and_then(num)
            .map_or(0, |r| r as i64);
        (degrees.div_euclid(90).rem_euclid(4)) as u8
    }

    /// The page's visible box: the crop box, else the media box (inherited
    /// ones included), normalised. A box that is present but empty or not
    /// four numbers is not used (the page is counted in `bad_box_pages`):
    /// the media box stands for a bad crop box, and with no good box at all
    /// everything the page draws is read, rather than all of it being
    /// "outside the page".
    fn page_box(&mut self, page: &'d Dictionary) -> Option<[f64; 4]> {
        let doc = self.doc;
        let mut bad = false;
        let mut read = |key: &[u8]| {
            let b = self.inherited(page, key)?;
            let n: Vec<f64> = deref(doc, b)
                .and_then(|b| b.as_array().ok())
                .map(|b| {
                    b.iter()
                        .filter_map(|o| deref(doc, o).and_then(num))
                        .map(f64::from)
                        .collect()
                })
                .unwrap_or_default();
            let usable = n.len() == 4
                && n.iter().all(|v| v.is_finite())
                && (n[2] - n[0]).abs() >= MIN_BOX_SIDE
                && (n[3] - n[1]).abs() >= MIN_BOX_SIDE;
            if !usable {
                bad = true;
                return None;
            }
            Some([
                n[0].min(n[2]),
                n[1].min(n[3]),
                n[0].max(n[2]),
                n[1].max(n[3]),
            ])
        };
        let crop = read(b"CropBox");
        let media = read(b"MediaBox");
        // The crop box is clipped to the media box; one lying outside it
        // shows nothing, and is as bad as an empty one.
        let found = match (crop, media) {
            (Some(c), Some(m)) => {
                let clipped = [
                    c[0].max(m[0]),
                    c[1].max(m[1]),
                    c[2].min(m[2]),
                    c[3].min(m[3]),
                ];
                if clipped[2] - clipped[0] >= MIN_BOX_SIDE
                    && clipped[3] - clipped[1] >= MIN_BOX_SIDE
                {
                    Some(clipped)
                } else {
                    bad = true;
                    Some(m)
                }
            }
            (c, m) => c.or(m),
        };
        if bad {
            self.bad_box_pages += 1;
        }
        found
    }

    /// Draws what the page's annotations show (form fields, free text,
    /// stamps: their appearance streams, or a text field's bare value) and
    /// collects the targets of its links.
    fn run_annotations(
        &mut self,
        page: &'d Dictionary,
        resources: Option<&'d Dictionary>,
        run: &mut PageRun,
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let doc = self.doc;
        let Some(annots) = get(doc, page, b"Annots").and_then(|o| o.as_array().ok()) else {
            return Ok(());
        };
        for entry in annots.iter().take(annots::MAX_PAGE_ANNOTS) {
            budget.op()?;
            // An annotation in optional content hidden by default.
            let hidden = deref(doc, entry)
                .and_then(|a| a.as_dict().ok())
                .and_then(|a| a.get(b"OC").ok())
                .is_some_and(|oc| self.oc.hides(doc, oc));
            match annots::read(doc, entry) {
                Some(Annotation::Link(link)) if run.links.len() < annots::MAX_PAGE_LINKS => {
                    run.links.push(link);
                }
                Some(Annotation::Link(_)) => {}
                Some(Annotation::Appearance {
                    id,
                    form,
                    matrix,
                    value,
                }) => {
                    let gs = GState {
                        ctm: matrix,
                        ..GState::default()
                    };
                    let before = run.text_drawn();
                    self.run_form(id, form, resources, &gs, hidden, run, budget, 0)?;
                    if let Some((text, rect)) = value.filter(|_| run.text_drawn() == before) {
                        draw_field_value(&text, rect, hidden, run, budget)?;
                    }
                }
                Some(Annotation::FieldValue { text, rect }) => {
                    draw_field_value(&text, rect, hidden, run, budget)?;
                }
                None => {}
            }
        }
        Ok(())
    }

    /// The entry `name` of the resource category `category` (`Font`,
    /// `XObject`): in `resources`, else in the page's. A form XObject whose
    /// own resources lack what it uses (qpdf's form-xobjects-some-resources)
    /// is drawn by viewers with the page's, as poppler looks them up.
    fn resource(
        &self,
        resources: Option<&'d Dictionary>,
        category: &[u8],
        name: &[u8],
    ) -> Option<&'d Object> {
        let doc = self.doc;
        let lookup = |resources: Option<&'d Dictionary>| {
            resources
                .and_then(|r| get(doc, r, category))
                .and_then(|c| c.as_dict().ok())
                .and_then(|c| c.get(name).ok())
        };
        lookup(resources).or_else(|| lookup(self.page_resources))
    }

    /// The font a resource name selects, loaded once per document, with
    /// its name for messages.
    fn font(
        &mut self,
        resources: Option<&'d Dictionary>,
        name: &[u8],
        budget: &mut Budget,
    ) -> Result<(Rc<Font>, Rc<str>), FileError> {
        let doc = self.doc;
        let resource = String::from_utf8_lossy(name);
        let unknown = |why: &str| -> Rc<str> { format!("/{resource} ({why})").into() };
        let Some(entry) = self.resource(resources, b"Font", name) else {
            self.warn_once(
                "missing-font",
                "a font used on a page is missing; its text is skipped".to_string(),
            );
            return Ok((self.unknown_font.clone(), unknown("missing")));
        };
        let (id, obj) = match doc.dereference(entry) {
            Ok(v) => v,
            Err(_) => return Ok((self.unknown_font.clone(), unknown("broken"))),
        };
        let Ok(dict) = obj.as_dict() else {
            return Ok((self.unknown_font.clone(), unknown("broken")));
        };
        let key = match id {
            Some(id) => FontKey::Id(id),
            None => FontKey::Direct(dict as *const Dictionary as usize),
        };
        if let Some(f) = self.fonts.get(&key) {
            return Ok(f.clone());
        }
        let (font, warnings) = Font::load(doc, dict, budget)?;
        for w in warnings {
            self.warn_once("font-warning", w);
        }
        let font_name: Rc<str> = match get(doc, dict, b"BaseFont").and_then(|n| n.as_name().ok()) {
            Some(base) => display_font_name(base).into(),
            None => format!("/{resource}").into(),
        };
        let loaded = (Rc::new(font), font_name);
        self.fonts.insert(key, loaded.clone());
        Ok(loaded)
    }

    /// Shows a string: its glyphs are placed on the page (visible ones),
    /// kept aside for sorting (invisible ones, render mode 3 or 7), or only
    /// counted (`hidden`: optional content hidden by default).
    #[allow(clippy::too_many_arguments)]
    fn show(
        &self,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        actual: Option<&mut ActualText>,
        hidden: bool,
        run: &mut PageRun,
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let mut actual = actual;
        let invisible = gs.invisible_text();
        let font = gs.font.clone().unwrap_or_else(|| self.unknown_font.clone());
        let fs = gs.size;
        let th = gs.hscale;
        let mut err = None;
        font.decode_each(bytes, |code| {
            if err.is_some() {
                return;
            }
            let code = match code {
                c if self.simple_reader && c.recovered => super::font::Code {
                    text: Some("\u{fffd}"),
                    ..c
                },
                c => c,
            };
            let params = [fs * th, 0.0, 0.0, fs, 0.0, gs.rise];
            let m = mul(tm, &gs.ctm);
            let trm = mul(&params, &m);
            let spacing = gs.char_spacing
                + if code.word_space {
                    gs.word_spacing
                } else {
                    0.0
                };
            // Vertical writing: the glyphs advance along the text space's
            // y axis, by the font's vertical advance, without Tz.
            let adv = if font.vertical {
                font.vertical_advance as f64 * fs + spacing
            } else {
                (code.width as f64 * fs + spacing) * th
            };
            let blank = code.text.is_none_or(|t| {
                t.is_empty()
                    || t.chars()
                        .all(|c| c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c))
            });
            // Mapped to white space (a tab) is mapped, though not drawn as text.
            let unmapped = blank
                && code
                    .text
                    .is_none_or(|t| !t.chars().any(char::is_whitespace));
            if unmapped && !hidden && !invisible && actual.is_none() {
                let name = gs.font_name.as_ref().unwrap_or(&self.no_font_name);
                run.unmapped.add_drawn(name, code.width, font.drawn);
                // Only glyphs whose shapes the file holds can be read off a
                // rendering; others would show the codes in a stand-in font.
                if font.drawn && run.unmapped_spots.len() < MAX_UNMAPPED_SPOTS {
                    // The middle of the glyph's box: half its advance along,
                    // a third of an em up.
                    let m = mul(tm, &gs.ctm);
                    let half = code.width as f64 * fs * th / 2.0;
                    let (x, y) = apply(&m, half, gs.rise + 0.33 * fs);
                    run.unmapped_spots
                        .push((x as f32, y as f32, run.glyphs.len()));
                }
            }
            if blank
                && !hidden
                && !invisible
                && code.width > 0.0
                && run.marks.len() < MAX_PAGE_MARKS
            {
                // A glyph without text (a Type 3 bitmap or symbol-font
                // bullet): its advance box, from the baseline up to 0.7 em.
                let m = mul(tm, &gs.ctm);
                let (x0, y0) = apply(&m, 0.0, gs.rise);
                let (x1, y1) = apply(&m, code.width as f64 * fs * th, gs.rise + 0.7 * fs);
                if let Some(mark) =
                    Mark::bullet_sized(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1))
                {
                    run.marks.push(mark);
                }
            }
            // Inside an /ActualText span the replacement text stands for the glyphs.
            if actual.is_none() && PageFacts::wants(&font, &code) {
                let (x, y) = apply(&mul(tm, &gs.ctm), 0.0, gs.rise);
                run.facts.glyph(&font, &code, x, y);
            }
            let text = code.text.filter(|t| !t.is_empty());
            if text.is_some() || actual.is_some() {
                let text = text.unwrap_or_default();
                {
                    if let Err(e) = budget.glyph() {
                        err = Some(e);
                        return;
                    }
                    let (w, (dx, dy)) = if font.vertical {
                        let glyph_adv = font.vertical_advance as f64 * fs;
                        let down = if glyph_adv < 0.0 { -1.0 } else { 1.0 };
                        (
                            glyph_adv.abs() * (m[2] * m[2] + m[3] * m[3]).sqrt(),
                            (trm[2] * down, trm[3] * down),
                        )
                    } else {
                        let glyph_adv = code.width as f64 * fs * th;
                        (
                            glyph_adv.abs() * (m[0] * m[0] + m[1] * m[1]).sqrt(),
                            (trm[0], trm[1]),
                        )
                    };
                    let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
                    let (x, y) = (trm[4], trm[5]);
                    // The reading direction is where the glyphs advance in
                    // device space, with the signs of the font size and of
                    // Tz: a negative size turns the text by 180°, a mirroring
                    // matrix makes it advance leftwards while still upright
                    // (vertical writing: down the glyphs' y axis).
                    let upright = trm[3] >= 0.0;
                    let (rot, rx, ry) = if dx.abs() >= dy.abs() {
                        if dx >= 0.0 {
                            (0, x, y)
                        } else if upright {
                            (0, -x, y)
                        } else {
                            (2, -x, -y)
                        }
                    } else if dy > 0.0 {
                        (1, y, -x)
                    } else {
                        (3, -y, x)
                    };
                    let visible = run
                        .area
                        .is_none_or(|[x0, y0, x1, y1]| x >= x0 && x <= x1 && y >= y0 && y <= y1);
                    if !visible {
                        run.off_page += 1;
                    } else if run.glyphs.len() + run.invisible.len() >= MAX_PAGE_GLYPHS {
                        run.over_cap += 1;
                    } else if rx.is_finite() && ry.is_finite() && w.is_finite() && size.is_finite()
                    {
                        // What this glyph says: its own text, or its span's
                        // replacement text, once.
                        let said: Option<Box<str>> = match actual.as_deref_mut() {
                            // Inside an /ActualText span the first glyph
                            // carries the replacement text and grows to
                            // cover the others, which show nothing.
                            Some(ActualText {
                                glyph: Some(i),
                                invisible: kept_aside,
                                ..
                            }) => {
                                let first = if *kept_aside {
                                    run.invisible.get_mut(*i).map(|g| &mut g.glyph)
                                } else {
                                    run.glyphs.get_mut(*i)
                                };
                                if let Some(g) = first {
                                    g.w = g.w.max((rx + w) as f32 - g.x);
                                }
                                None
                            }
                            // An empty replacement hides the span's glyphs.
                            Some(at) if at.text.trim().is_empty() => {
                                at.glyph = Some(usize::MAX);
                                None
                            }
                            Some(at) => {
                                at.invisible = invisible;
                                at.glyph = Some(match (hidden, invisible) {
                                    (true, _) => usize::MAX,
                                    (false, true) => run.invisible.len(),
                                    (false, false) => run.glyphs.len(),
                                });
                                Some(at.text.as_str().into())
                            }
                            None => Some(text.into()),
                        };
                        if let Some(said) = said {
                            let glyph = Glyph {
                                text: said,
                                x: rx as f32,
                                y: ry as f32,
                                w: w as f32,
                                size: size as f32,
                                rot,
                                bold: font.bold,
                            };
                            if hidden {
                                run.layer_chars += counted_chars(&glyph.text);
                            } else if invisible {
                                run.invisible.push(InvisibleGlyph { glyph, x, y });
                                run.clip_state.push(ClipState::None);
                            } else {
                                run.visible_at.push((x as f32, y as f32));
                                run.glyphs.push(glyph);
                            }
                        }
                    }
                }
            }
            *tm = if font.vertical {
                mul(&translate(0.0, adv), tm)
            } else {
                mul(&translate(adv, 0.0), tm)
            };
        });
        match err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Runs one content stream (a page's, a form's or an appearance's)
    /// with the graphics state carried in `state`.
    fn run_content(
        &mut self,
        content: &[u8],
        resources: Option<&'d Dictionary>,
        state: &mut ContentState,
        run: &mut PageRun,
        budget: &mut Budget,
        depth: usize,
    ) -> Result<(), FileError> {
        let ContentState {
            gs,
            stack,
            overflow,
            tm,
            tlm,
            path,
            marked,
            marked_overflow,
            hidden_overflow,
            hidden_base,
        } = state;
        let hidden_base = *hidden_base;
        let mut operations = Operations::new(content);
        for op in &mut operations {
            budget.op()?;
            let o = &op.operands;
            let invisible_before = run.invisible.len();
            match op.operator.as_str() {
                "q" => {
                    if stack.len() < MAX_GSTATE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        *overflow += 1;
                    }
                }
                "Q" => {
                    if *overflow > 0 {
                        *overflow -= 1;
                    } else if let Some(s) = stack.pop() {
                        *gs = s;
                    }
                }
                "cm" => {
                    let n = nums(o);
                    if n.len() == 6 {
                        gs.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &gs.ctm);
                    }
                }
                "BT" => {
                    *tm = IDENTITY;
                    *tlm = IDENTITY;
                }
                // Paths: only each subpath's box is kept, to find list markers.
                "m" | "l" | "c" | "v" | "y" => {
                    let n = nums(o);
                    for pair in n.chunks_exact(2) {
                        let (x, y) = apply(&gs.ctm, pair[0], pair[1]);
                        if op.operator == "m" {
                            path.move_to(x, y);
                        } else {
                            path.line_to(x, y);
                        }
                    }
                }
                "re" => {
                    let n = nums(o);
                    if n.len() == 4 {
                        let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                        let (ax, ay) = apply(&gs.ctm, x, y);
                        path.move_to(ax, ay);
                        for (px, py) in [(x + w, y), (x + w, y + h), (x, y + h)] {
                            let (dx, dy) = apply(&gs.ctm, px, py);
                            path.line_to(dx, dy);
                        }
                    }
                }
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "S" | "s" => {
                    if hidden_now(hidden_base, marked, *hidden_overflow) {
                        *path = PathBoxes::default();
                    } else {
                        run.paths += 1;
                        path.take_marks(&mut run.marks);
                        run.paint_through(gs.text_clip);
                    }
                }
                "sh" if !hidden_now(hidden_base, marked, *hidden_overflow) => {
                    run.paint_through(gs.text_clip);
                }
                "n" => *path = PathBoxes::default(),
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) =
                        (o.first(), o.get(1).and_then(num))
                    {
                        let (font, font_name) = self.font(resources, name, budget)?;
                        gs.font = Some(font);
                        gs.font_name = Some(font_name);
                        gs.size = size as f64;
                    }
                }
                "Tc" => gs.char_spacing = nums(o).first().copied().unwrap_or(0.0),
                "Tw" => gs.word_spacing = nums(o).first().copied().unwrap_or(0.0),
                "Tz" => gs.hscale = nums(o).first().copied().unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = nums(o).first().copied().unwrap_or(0.0),
                "Ts" => gs.rise = nums(o).first().copied().unwrap_or(0.0),
                "Tr" => gs.render_mode = nums(o).first().map_or(0, |m| m.clamp(0.0, 7.0) as u8),
                "Td" | "TD" => {
                    let n = nums(o);
                    if n.len() == 2 {
                        if op.operator == "TD" {
                            gs.leading = -n[1];
                        }
                        *tlm = mul(&translate(n[0], n[1]), tlm);
                        *tm = *tlm;
                    }
                }
                "Tm" => {
                    let n = nums(o);
                    if n.len() == 6 {
                        *tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                        *tm = *tlm;
                    }
                }
                "T*" => {
                    *tlm = mul(&translate(0.0, -gs.leading), tlm);
                    *tm = *tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        let hidden = hidden_now(hidden_base, marked, *hidden_overflow);
                        let actual = innermost_actual_text(marked);
                        self.show(s, gs, tm, actual, hidden, run, budget)?;
                    }
                }
                "'" | "\"" => {
                    let s = if op.operator == "\"" {
                        let n = nums(o);
                        if n.len() >= 2 {
                            gs.word_spacing = n[0];
                            gs.char_spacing = n[1];
                        }
                        o.get(2)
                    } else {
                        o.first()
                    };
                    *tlm = mul(&translate(0.0, -gs.leading), tlm);
                    *tm = *tlm;
                    if let Some(Object::String(s, _)) = s {
                        let hidden = hidden_now(hidden_base, marked, *hidden_overflow);
                        let actual = innermost_actual_text(marked);
                        self.show(s, gs, tm, actual, hidden, run, budget)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        let hidden = hidden_now(hidden_base, marked, *hidden_overflow);
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(
                                    s,
                                    gs,
                                    tm,
                                    innermost_actual_text(marked),
                                    hidden,
                                    run,
                                    budget,
                                )?,
                                other => {
                                    if let Some(adj) = num(other) {
                                        *tm = if gs.font.as_ref().is_some_and(|f| f.vertical) {
                                            let ty = -(adj as f64) / 1000.0 * gs.size;
                                            mul(&translate(0.0, ty), tm)
                                        } else {
                                            let tx = -(adj as f64) / 1000.0 * gs.size * gs.hscale;
                                            mul(&translate(tx, 0.0), tm)
                                        };
                                    }
                                }
                            }
                        }
                    }
                }
                // Marked content: /ActualText replaces the text of its
                // glyphs, and optional content (`/OC /name BDC`) hidden by
                // default hides them.
                "BMC" | "BDC" => {
                    let hidden = op.operator == "BDC" && self.hidden_mark(o, resources);
                    if marked.len() < MAX_MARKED_DEPTH {
                        let actual = o.get(1).and_then(|p| match p {
                            Object::Dictionary(d) => match d.get(b"ActualText").ok()? {
                                Object::String(t, _) => Some(ActualText {
                                    text: annots::text_string(t),
                                    glyph: None,
                                    invisible: false,
                                }),
                                _ => None,
                            },
                            _ => None,
                        });
                        marked.push(Marked { actual, hidden });
                    } else {
                        *marked_overflow += 1;
                        if hidden && hidden_overflow.is_none() {
                            *hidden_overflow = Some(*marked_overflow);
                        }
                    }
                }
                "EMC" => {
                    if *marked_overflow > 0 {
                        if *hidden_overflow == Some(*marked_overflow) {
                            *hidden_overflow = None;
                        }
                        *marked_overflow -= 1;
                    } else {
                        marked.pop();
                    }
                }
                "Do" => {
                    if let Some(Object::Name(name)) = o.first() {
                        let hidden = hidden_now(hidden_base, marked, *hidden_overflow);
                        if !hidden {
                            run.paint_through(gs.text_clip);
                        }
                        self.draw_form(name, resources, gs, hidden, run, budget, depth)?;
                    }
                }
                // An inline image, drawn into the unit square.
                "BI" if !hidden_now(hidden_base, marked, *hidden_overflow) => {
                    run.paint_through(gs.text_clip);
                    let bounds = mapped_bounds(&gs.ctm, [0.0, 0.0, 1.0, 1.0]);
                    if run.images.len() < MAX_PAGE_IMAGES {
                        run.images.push(bounds);
                    }
                }
                _ => {}
            }
            // Text shown in render mode 7 adds its glyphs to the clip.
            let shown = invisible_before..run.invisible.len();
            if gs.render_mode == 7
                && !shown.is_empty()
                && matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"")
            {
                for state in &mut run.clip_state[shown.clone()] {
                    *state = ClipState::Clip;
                }
                gs.text_clip = Some(match gs.text_clip {
                    Some((start, _)) => (start, shown.end),
                    None => (shown.start, shown.end),
                });
            }
        }
        self.skipped(operations.skipped());
        if operations.too_deep() {
            self.warn_once(
                "content-nesting",
                format!("a content stream nests strings or arrays deeper than {MAX_CONTENT_NESTING} levels; text after that point is lost"),
            );
            self.content_error.get_or_insert_with(|| {
                FileError::limit(format!(
                    "a content stream nests strings or arrays more than {MAX_CONTENT_NESTING} levels deep; its text was not read"
                ))
            });
        }
        Ok(())
    }

    /// Whether a `BDC`'s operands (`/OC /name`, the name looked up in the
    /// resources' `/Properties`) mark optional content hidden by default.
    fn hidden_mark(&self, operands: &[Object], resources: Option<&'d Dictionary>) -> bool {
        if self.oc.all_visible() {
            return false;
        }
        let doc = self.doc;
        if operands.first().and_then(|t| t.as_name().ok()) != Some(b"OC".as_slice()) {
            return false;
        }
        match operands.get(1) {
            Some(Object::Name(name)) => resources
                .and_then(|r| get(doc, r, b"Properties"))
                .and_then(|p| p.as_dict().ok())
                .and_then(|p| p.get(name).ok())
                .is_some_and(|oc| self.oc.hides(doc, oc)),
            Some(oc @ Object::Dictionary(_)) => self.oc.hides(doc, oc),
            _ => false,
        }
    }

    /// Draws a `Do` XObject: a form's content in its own state, or an image
    /// (its box kept; a tiny one as a mark). `hidden`: drawn inside hidden
    /// optional content.
    #[allow(clippy::too_many_arguments)]
    fn draw_form(
        &mut self,
        name: &[u8],
        resources: Option<&'d Dictionary>,
        gs: &GState,
        hidden: bool,
        run: &mut PageRun,
        budget: &mut Budget,
        depth: usize,
    ) -> Result<(), FileError> {
        let doc = self.doc;
        let Some(entry) = self.resource(resources, b"XObject", name) else {
            return Ok(());
        };
        let Ok((Some(id), Object::Stream(stream))) = doc.dereference(entry) else {
            return Ok(());
        };
        let subtype = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
        let hidden = hidden
            || stream
                .dict
                .get(b"OC")
                .is_ok_and(|oc| self.oc.hides(doc, oc));
        if subtype == Some(b"Image".as_slice()) {
            if hidden {
                return Ok(());
            }
            // An image is drawn into the unit square: a tiny one may be a bullet.
            let bounds = mapped_bounds(&gs.ctm, [0.0, 0.0, 1.0, 1.0]);
            if run.images.len() < MAX_PAGE_IMAGES {
                run.images.push(bounds);
                run.image_objects.push(ScanImage { id, bounds });
            }
            run.facts.image(bounds);
            if run.marks.len() < MAX_PAGE_MARKS {
                let [x0, y0, x1, y1] = bounds;
                if let Some(mark) = Mark::bullet_sized(x0, y0, x1, y1) {
                    run.marks.push(mark);
                }
            }
            return Ok(());
        }
        if subtype != Some(b"Form".as_slice()) {
            return Ok(());
        }
        self.run_form(id, stream, resources, gs, hidden, run, budget, depth)
    }

    /// Runs a form XObject (or an annotation's appearance) in the state
    /// `gs`, with its own matrix and resources; all of it hidden optional
    /// content when `hidden`.
    #[allow(clippy::too_many_arguments)]
    fn run_form(
        &mut self,
        id: ObjectId,
        stream: &'d lopdf::Stream,
        resources: Option<&'d Dictionary>,
        gs: &GState,
        hidden: bool,
        run: &mut PageRun,
        budget: &mut Budget,
        depth: usize,
    ) -> Result<(), FileError> {
        let doc = self.doc;
        if depth + 1 > MAX_FORM_DEPTH {
            self.warn_once(
                "form-depth",
                format!("forms nested deeper than {MAX_FORM_DEPTH} levels were skipped"),
            );
            // Should the page have no other text, this is why (not a scan).
            self.content_error.get_or_insert_with(|| {
                FileError::limit(format!(
                    "the text is inside forms nested more than {MAX_FORM_DEPTH} levels deep, which are not read (resource limit)"
                ))
            });
            return Ok(());
        }
        if run.form_stack.contains(&id) {
            self.warn_once(
                "form-cycle",
                "a form XObject draws itself; the cycle was cut".into(),
            );
            return Ok(());
        }
        let content = match self.forms.get(&id) {
            Some(c) => c.clone(),
            None => {
                let data = match budget.decode(stream) {
                    Ok(d) => d,
                    Err(StreamError::Fatal(e)) => return Err(e),
                    Err(StreamError::Broken(_)) => Vec::new(),
                };
                let data = Rc::new(data);
                self.forms.insert(id, data.clone());
                data
            }
        };
        let mut inner = gs.clone();
        if let Some(m) = get(doc, &stream.dict, b"Matrix").and_then(|m| m.as_array().ok()) {
            let n: Vec<f64> = m
                .iter()
                .filter_map(|o| deref(doc, o).and_then(num))
                .map(f64::from)
                .collect();
            if n.len() == 6 {
                inner.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &gs.ctm);
            }
        }
        let form_resources = get(doc, &stream.dict, b"Resources")
            .and_then(|r| r.as_dict().ok())
            .or(resources);
        run.form_stack.push(id);
        let mut inner = ContentState::new(inner);
        inner.hidden_base = hidden;
        let result = self.run_content(&content, form_resources, &mut inner, run, budget, depth + 1);
        run.form_stack.pop();
        result
    }
}
