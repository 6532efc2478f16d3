//! Pages whose glyphs have no Unicode mapping, read by OCR: the file cannot
//! say which letters those glyphs are, but a picture of the page can. The
//! page is rendered (`ocr::render`, pdftoppm), the engine reads the
//! picture, and the words that lie on the unmapped glyphs are placed on the
//! page as glyphs (as `scan` places a scan's); the text the file maps is
//! kept as it is. Glyph codes are never read as text.

use std::time::Instant;

use super::diagnose::{font_list, Unmapped, UnmappedFont};
use super::interpreter::{Glyph, Painted};
use super::scan::{self, OcrRun};
use crate::error::ErrorKind;
use crate::error::FileError;
use crate::extract::ocr::{self, render, OcrMode, OcrPage, OcrSettings};

/// Unmapped glyphs (of fonts that draw text) a page with text needs at
/// least to be read by OCR (a page with less text than this needs one)…
const MIN_GLYPHS: usize = 16;
/// … making at least one in this many of the page's letters (a few
/// ligatures without a mapping in a page of text are not worth it).
const SHARE: usize = 10;
/// A page whose words (those kept) are read at a mean confidence (0–100)
/// under this is not text the engine can read (a script it has no
/// language data for, shapes): its glyphs stay unread, as they were. On a
/// clean rendering, text in a Latin script is read at 80 and more.
const PAGE_FLOOR: f32 = 40.0;
/// The resolution pages are rendered at, lowered for a page too large for
/// the pixel cap, but not below the least.
const DPI: f64 = 300.0;
const LEAST_DPI: f64 = 50.0;

/// What reading unmapped glyphs by OCR did over a document.
#[derive(Debug, Default)]
pub struct RenderRun {
    /// The unmapped glyphs of the pages read, by font.
    pub fonts: Unmapped,
    /// 1-based pages read.
    pub pages: Vec<u32>,
    /// Pages that wanted OCR and were not read (OCR off, a tool missing,
    /// the page cap, a page the tools could not read), and their unmapped
    /// glyphs by font.
    pub unread: usize,
    pub unread_fonts: Unmapped,
    /// Of those, pages not read in the time they may take.
    pub out_of_time: usize,
}

impl RenderRun {
    /// The `ocr_no_unicode` warning: which fonts' glyphs were read by OCR
    /// on which pages.
    pub fn warning(&self) -> Option<String> {
        if self.pages.is_empty() {
            return None;
        }
        let fonts: Vec<&UnmappedFont> = self.fonts.fonts.iter().collect();
        let pages: Vec<String> = self.pages.iter().map(u32::to_string).collect();
        Some(format!(
            "ocr_no_unicode: {} characters in the font{} {} have no Unicode mapping; page{} {} {} rendered and read by OCR for them, so that text may hold recognition errors",
            self.fonts.glyphs(),
            if fonts.len() == 1 { "" } else { "s" },
            font_list(&fonts),
            if pages.len() == 1 { "" } else { "s" },
            pages.join(", "),
            if pages.len() == 1 { "was" } else { "were" },
        ))
    }
}

/// The unmapped glyphs OCR would read: those of the fonts whose shapes the
/// file holds (a rendering of another font's glyphs shows their codes in a
/// stand-in font) that draw text (not bullets or icons); on a page without
/// text of its own, of any such font not named as an icon font (too few
/// glyphs to tell text from bullets: what the engine reads with confidence
/// tells).
fn text_glyphs(unmapped: &Unmapped, page_has_text: bool) -> usize {
    unmapped
        .fonts
        .iter()
        .filter(|f| f.drawn)
        .filter(|f| {
            if page_has_text {
                f.looks_like_text()
            } else {
                !f.is_icon_font()
            }
        })
        .map(|f| f.glyphs)
        .sum()
}

/// Whether the page's unmapped glyphs are worth reading by OCR: enough of
/// them, a large enough share of its letters, on a page with a box.
pub fn wants(painted: &Painted) -> bool {
    if painted.unmapped.fonts.is_empty() || painted.page_box.is_none() {
        return false;
    }
    let mapped = painted
        .glyphs
        .iter()
        .filter(|g| g.text.chars().any(char::is_alphanumeric))
        .count();
    let has_text = mapped >= MIN_GLYPHS;
    let unmapped = text_glyphs(&painted.unmapped, has_text);
    unmapped > 0 && (unmapped >= MIN_GLYPHS || !has_text) && unmapped * SHARE >= unmapped + mapped
}

/// Why pages that wanted OCR were not read (OCR off, a tool missing, the
/// time budget), said so that the user can change it.
pub fn unread_why(run: &RenderRun, settings: &OcrSettings) -> Option<String> {
    if run.unread == 0 {
        return None;
    }
    let mut why: Vec<String> = unavailable(settings).into_iter().collect();
    if run.out_of_time > 0 {
        why.push(format!(
            "{} page{} could not be read by OCR in the time budget (such pages may take half of --timeout)",
            run.out_of_time,
            if run.out_of_time == 1 { "" } else { "s" }
        ));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Why pages that want OCR cannot have it (OCR off, a tool missing), said
/// so that the user can change it; `None` when both tools are there.
fn unavailable(settings: &OcrSettings) -> Option<String> {
    if settings.mode == OcrMode::Never {
        return Some(
            "rolefit renders such pages and reads them by OCR unless run with `--ocr never`".into(),
        );
    }
    let why: Vec<&str> = [ocr::engine().err(), render::renderer().err()]
        .into_iter()
        .flatten()
        .collect();
    (!why.is_empty()).then(|| why.join("; "))
}

/// What became of a page of unmapped glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Its words were added.
    Yes,
    /// Nothing was read: a tool missing, the page cap, a page the tools
    /// refuse, no confident word there.
    No,
    /// Not read in the half of the file's time budget such pages may take.
    OutOfTime,
}

/// The deadline of the pages read this way: half the file's time budget
/// from `start`, so that the text the file maps is never lost to them (a
/// scan's OCR is its text; this is extra).
pub fn own_deadline(deadline: Option<Instant>) -> Option<Instant> {
    let now = Instant::now();
    deadline.map(|d| now + d.saturating_duration_since(now) / 2)
}

/// Renders page `page` (1-based) of `pdf`, reads it by OCR and adds the
/// words lying on its unmapped glyphs to `painted`, by `own` (from
/// [`own_deadline`]). Only the file's `deadline` stops the document.
pub fn read_page(
    pdf: &[u8],
    painted: &mut Painted,
    page: u32,
    settings: &OcrSettings,
    (own, deadline): (Option<Instant>, Option<Instant>),
    run: &mut OcrRun,
) -> Result<Read, FileError> {
    let Some(bounds) = painted.page_box else {
        return Ok(Read::No);
    };
    if run.tally.pages() as usize >= settings.max_pages {
        return Ok(Read::No);
    }
    let (Ok(engine), Ok(renderer)) = (ocr::engine(), render::renderer()) else {
        return Ok(Read::No);
    };
    let area = (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]);
    let dpi = DPI.min(72.0 * (settings.max_pixels as f64 / area.max(1.0)).sqrt());
    if dpi < LEAST_DPI {
        return Ok(Read::No);
    }
    let dpi = dpi.floor() as u32;
    if own.is_some_and(|o| Instant::now() >= o) {
        return Ok(Read::OutOfTime);
    }
    let read = render::render_page(renderer, pdf, page, dpi, own)
        .and_then(|image| ocr::recognize(engine, &image, Some(dpi), own));
    let mut read = match read {
        Ok(pages) => match pages.into_iter().next() {
            Some(p) if p.width > 0 && p.height > 0 => p,
            _ => return Ok(Read::No),
        },
        Err(e) if e.kind == ErrorKind::Timeout => {
            return match deadline {
                Some(d) if Instant::now() >= d => Err(e),
                _ => Ok(Read::OutOfTime),
            }
        }
        Err(_) => return Ok(Read::No),
    };
    let view = View {
        bounds,
        turns: painted.quarter_turns,
    };
    let frame = view.frame();
    let at = keep_on_unmapped(&mut read, painted, view);
    if read.words.is_empty() || mean_confidence(&read) < PAGE_FLOOR {
        return Ok(Read::No);
    }
    // The unmapped glyphs of the words read are no list markers now.
    let boxes: Vec<[f64; 4]> = read
        .words
        .iter()
        .map(|w| device_box(w, &read, frame, 0.0))
        .collect();
    painted.marks.retain(|m| {
        let (x, y) = view.point(f64::from(m.x0 + m.x1) / 2.0, f64::from(m.y0 + m.y1) / 2.0);
        !boxes.iter().any(|b| inside(b, x, y))
    });
    place(painted, &read, &at, frame);
    run.tally.add(&read);
    run.pages.push(page);
    Ok(Read::Yes)
}

/// The page as the renderer draws it: its box turned by the page's
/// `/Rotate`, the way a reader sees it. The words read are placed in this
/// frame (upright glyphs, y up); the page's own points are turned into it.
#[derive(Debug, Clone, Copy)]
struct View {
    /// The page's box, device space.
    bounds: [f64; 4],
    /// Quarter turns clockwise.
    turns: u8,
}

impl View {
    /// The frame: the box with its sides swapped by a quarter turn.
    fn frame(&self) -> [f64; 4] {
        let [x0, y0, x1, y1] = self.bounds;
        if self.turns % 2 == 1 {
            [x0, y0, x0 + (y1 - y0), y0 + (x1 - x0)]
        } else {
            self.bounds
        }
    }

    /// A device point in the frame.
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let [x0, y0, x1, y1] = self.bounds;
        let (u, v, w, h) = (x - x0, y - y0, x1 - x0, y1 - y0);
        let (u, v) = match self.turns {
            1 => (v, w - u),
            2 => (w - u, h - v),
            3 => (h - v, u),
            _ => (u, v),
        };
        (x0 + u, y0 + v)
    }
}

/// Adds the words read to the page's glyphs, each OCR line where the
/// first unmapped glyph under it was drawn (`at`, per word), so that the
/// page keeps its stream's reading order.
fn place(painted: &mut Painted, read: &OcrPage, at: &[usize], bounds: [f64; 4]) {
    let mut lines: Vec<(usize, Vec<Glyph>)> = Vec::new();
    let mut start = 0;
    while start < read.words.len() {
        let line = read.words[start].line;
        let end = start
            + read.words[start..]
                .iter()
                .take_while(|w| w.line == line)
                .count();
        let one = OcrPage {
            width: read.width,
            height: read.height,
            words: read.words[start..end].to_vec(),
        };
        let first = at[start..end].iter().copied().min().unwrap_or(usize::MAX);
        lines.push((first, scan::glyphs(&one, bounds)));
        start = end;
    }
    // Stable: lines at the same place keep the engine's order.
    lines.sort_by_key(|(first, _)| *first);
    let old = std::mem::take(&mut painted.glyphs);
    let mut lines = lines.into_iter().peekable();
    for (i, g) in old.into_iter().enumerate() {
        while let Some((_, glyphs)) = lines.next_if(|(first, _)| *first <= i) {
            painted.glyphs.extend(glyphs);
        }
        painted.glyphs.push(g);
    }
    for (_, glyphs) in lines {
        painted.glyphs.extend(glyphs);
    }
}

/// The page's mean word confidence, weighted by word length.
fn mean_confidence(page: &OcrPage) -> f32 {
    let (mut sum, mut letters) = (0.0, 0.0);
    for w in &page.words {
        let n = w.text.chars().count().max(1) as f32;
        sum += w.conf.clamp(0.0, 100.0) * n;
        letters += n;
    }
    if letters > 0.0 {
        sum / letters
    } else {
        0.0
    }
}

/// A word's box in device space (y up), grown by `pad` of its height each
/// way.
fn device_box(w: &ocr::Word, page: &OcrPage, bounds: [f64; 4], pad: f64) -> [f64; 4] {
    let sx = (bounds[2] - bounds[0]) / f64::from(page.width);
    let sy = (bounds[3] - bounds[1]) / f64::from(page.height);
    let pad = pad * f64::from(w.height);
    [
        bounds[0] + (f64::from(w.left) - pad) * sx,
        bounds[3] - (f64::from(w.bottom()) + pad) * sy,
        bounds[0] + (f64::from(w.right()) + pad) * sx,
        bounds[3] - (f64::from(w.top) - pad) * sy,
    ]
}

fn inside(b: &[f64; 4], x: f64, y: f64) -> bool {
    (b[0]..=b[2]).contains(&x) && (b[1]..=b[3]).contains(&y)
}

/// How far a word's box is grown (in its heights) to meet the glyphs it
/// was read from: the middles of the glyphs' boxes are estimates.
const WORD_PAD: f64 = 0.25;

/// Keeps the words read where unmapped glyphs are, at least as many of them
/// as glyphs the file maps: the text the file maps stays the file's, and
/// what the picture shows besides (text in images) is not added. Gives,
/// for each word kept, where the first unmapped glyph under it was drawn.
fn keep_on_unmapped(read: &mut OcrPage, painted: &Painted, view: View) -> Vec<usize> {
    let turn = |x: f32, y: f32, at: usize| {
        let (x, y) = view.point(f64::from(x), f64::from(y));
        (x as f32, y as f32, at)
    };
    let mut mapped: Vec<(f32, f32, usize)> = painted
        .glyphs
        .iter()
        .filter(|g| g.rot == 0 && g.text.chars().any(|c| !c.is_whitespace()))
        .map(|g| turn(g.x + g.w / 2.0, g.y + 0.33 * g.size, 0))
        .collect();
    let mut unmapped: Vec<(f32, f32, usize)> = painted
        .unmapped_spots
        .iter()
        .map(|&(x, y, at)| turn(x, y, at))
        .collect();
    let bounds = view.frame();
    let by_y = |a: &(f32, f32, usize), b: &(f32, f32, usize)| a.1.total_cmp(&b.1);
    mapped.sort_by(by_y);
    unmapped.sort_by(by_y);
    // The spots in the box, found among those sorted by height.
    let within = |spots: &[(f32, f32, usize)], b: [f64; 4]| -> Vec<usize> {
        let from = spots.partition_point(|s| f64::from(s.1) < b[1]);
        spots[from..]
            .iter()
            .take_while(|s| f64::from(s.1) <= b[3])
            .filter(|s| inside(&b, f64::from(s.0), f64::from(s.1)))
            .map(|s| s.2)
            .collect()
    };
    let page = OcrPage {
        width: read.width,
        height: read.height,
        words: Vec::new(),
    };
    let mut at = Vec::new();
    read.words.retain(|w| {
        let b = device_box(w, &page, bounds, WORD_PAD);
        let on_unmapped = within(&unmapped, b);
        let keep = !on_unmapped.is_empty() && on_unmapped.len() >= within(&mapped, b).len();
        if keep {
            at.push(on_unmapped.into_iter().min().unwrap_or(usize::MAX));
        }
        keep
    });
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ocr::Word;

    fn word(text: &str, left: u32, top: u32) -> Word {
        Word {
            text: text.into(),
            conf: 90.0,
            left,
            top,
            width: 100,
            height: 20,
            line: top,
        }
    }

    #[test]
    fn only_words_on_unmapped_glyphs_are_kept() {
        // A 1000 × 1000 pixel picture of a 100 × 100 point page.
        let bounds = [0.0, 0.0, 100.0, 100.0];
        let mut read = OcrPage {
            width: 1000,
            height: 1000,
            words: vec![
                word("Unmapped", 100, 100),
                word("Mapped", 100, 500),
                word("Picture", 100, 800),
            ],
        };
        let painted = Painted {
            // Unmapped glyphs under the first word (points 10–20 across,
            // y up: 88–90 high).
            unmapped_spots: vec![(12.0, 89.0, 0), (16.0, 89.0, 0)],
            // Mapped glyphs under the second one (50–52 down: 48–50 up).
            glyphs: vec![Glyph {
                text: "M".into(),
                x: 11.0,
                y: 48.0,
                w: 4.0,
                size: 4.0,
                rot: 0,
                bold: false,
            }],
            ..Painted::default()
        };
        let view = View { bounds, turns: 0 };
        assert_eq!(keep_on_unmapped(&mut read, &painted, view), [0]);
        let kept: Vec<&str> = read.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(kept, ["Unmapped"]);
    }

    #[test]
    fn a_turned_page_is_seen_as_the_renderer_draws_it() {
        // A 200 × 100 box, turned a quarter clockwise: 100 wide, 200 high.
        let view = View {
            bounds: [10.0, 20.0, 210.0, 120.0],
            turns: 1,
        };
        assert_eq!(view.frame(), [10.0, 20.0, 110.0, 220.0]);
        // The top left corner goes to the top right, the bottom left to
        // the top left.
        assert_eq!(view.point(10.0, 120.0), (110.0, 220.0));
        assert_eq!(view.point(10.0, 20.0), (10.0, 220.0));
        let half = View { turns: 2, ..view };
        assert_eq!(half.point(10.0, 20.0), (210.0, 120.0));
        let three = View { turns: 3, ..view };
        assert_eq!(three.point(10.0, 120.0), (10.0, 20.0));
    }

    #[test]
    fn a_few_unmapped_glyphs_in_a_page_of_text_are_left() {
        let mut painted = Painted {
            page_box: Some([0.0, 0.0, 612.0, 792.0]),
            ..Painted::default()
        };
        let font: std::rc::Rc<str> = "T3".into();
        for w in [0.5, 0.6, 0.25, 0.55, 0.7] {
            for _ in 0..4 {
                painted.unmapped.add(&font, w);
            }
        }
        // A font the file does not hold: a rendering shows stand-in shapes.
        assert!(!wants(&painted));
        painted.unmapped = painted.unmapped.split_drawn().1;
        for f in &mut painted.unmapped.fonts {
            f.drawn = true;
        }
        assert!(wants(&painted));
        let letter = Glyph {
            text: "a".into(),
            x: 0.0,
            y: 0.0,
            w: 5.0,
            size: 10.0,
            rot: 0,
            bold: false,
        };
        painted.glyphs = vec![letter; 500];
        assert!(!wants(&painted));
        painted.glyphs.truncate(100);
        assert!(wants(&painted));
        // A page without text of its own is read for a few glyphs too.
        painted.glyphs.clear();
        painted.unmapped = Unmapped::default();
        for w in [0.5, 0.6, 0.25, 0.55, 0.7] {
            painted.unmapped.add_drawn(&font, w, true);
        }
        assert!(wants(&painted));
    }
}
