//! The PDF's ATS facts ([`LayoutFacts`]): what the interpreter sees while
//! drawing a page ([`PageFacts`]: glyphs without a mapping, icon glyphs,
//! image cover), and what the laid-out lines show (columns a line-by-line
//! reader merges, letter-spaced lines, drawn list markers, lines repeated
//! at the top or bottom of every page).
//!
//! Only the unusual is recorded, so the common path (a mapped glyph of a
//! text font) costs one branch per glyph.

use super::font::{Code, Font};
use super::layout::{Marker, PageLine};
use crate::extract::facts::{
    Column, ColumnBlock, GlyphProblem, ImagePage, LayoutFacts, LineRef, Margin, MarginLine,
    MAX_ITEMS,
};

/// Glyphs with a problem located per page; beyond, they are only counted.
const MAX_SPOTS: usize = 256;
/// A line whose letters are this many ems apart (its usual gap) is
/// letter-spaced: simple readers split its words into letters (pdftotext
/// does from about 0.09 em, not at 0.085).
pub const LETTER_SPACED_EM: f32 = 0.09;
/// A page this much covered by images is an image page.
const IMAGE_PAGE_COVER: f32 = 0.5;
/// A page drawing this many small shapes and fewer characters than
/// [`OUTLINE_CHARS`] has its text drawn as outlines.
const OUTLINE_SHAPES: usize = 300;
const OUTLINE_CHARS: usize = 100;
/// Lines from the top and from the bottom of a page compared across pages.
const MARGIN_LINES: usize = 3;

/// A glyph whose text a simple reader does not get, where it was drawn.
#[derive(Debug, Clone)]
struct Spot {
    x: f32,
    y: f32,
    /// Index into [`PageFacts::fonts`].
    font: usize,
    kind: SpotKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpotKind {
    Glyph(GlyphProblem),
    /// A list marker only rolefit reads (a TeX bitmap bullet).
    Bullet,
}

/// What the interpreter saw on one page.
#[derive(Debug, Default)]
pub struct PageFacts {
    spots: Vec<Spot>,
    /// Fonts named by spots, with glyphs counted by problem
    /// ([`PROBLEMS`] order).
    fonts: Vec<(String, [u32; PROBLEMS.len()])>,
    /// Summed area of the images drawn, in square points.
    image_area: f64,
    /// Small shapes drawn (glyph-sized paths, tiny images), up to the
    /// interpreter's cap.
    shapes: usize,
    /// The page's visible box (crop box, else media box) and its area.
    page_box: Option<[f64; 4]>,
    page_area: f64,
}

fn problem_index(p: GlyphProblem) -> usize {
    PROBLEMS.iter().position(|&q| q == p).unwrap_or(0)
}

const PROBLEMS: [GlyphProblem; 5] = [
    GlyphProblem::Lost,
    GlyphProblem::Recovered,
    GlyphProblem::Ligature,
    GlyphProblem::LigatureCodePoint,
    GlyphProblem::Icon,
];

impl PageFacts {
    /// The page's area, from its visible box.
    pub fn set_page_box(&mut self, b: Option<[f64; 4]>) {
        self.page_box = b;
        if let Some([x0, y0, x1, y1]) = b {
            self.page_area = ((x1 - x0) * (y1 - y0)).abs();
        }
    }

    /// How many small shapes the page draws (its marks).
    pub fn set_shapes(&mut self, n: usize) {
        self.shapes = n;
    }

    /// An image drawn over the device box `b` (the part on the page counts).
    pub fn image(&mut self, b: [f64; 4]) {
        let [x0, y0, x1, y1] = match self.page_box {
            Some(p) => [
                b[0].max(p[0]),
                b[1].max(p[1]),
                b[2].min(p[2]),
                b[3].min(p[3]),
            ],
            None => b,
        };
        let area = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
        if area.is_finite() {
            self.image_area += area;
        }
    }

    /// Whether a decoded code needs recording: cheap, called for every glyph.
    #[inline]
    pub fn wants(font: &Font, code: &Code<'_>) -> bool {
        match code.text {
            None => code.width > 0.0,
            // A ligature code point (U+FB00–U+FB06: EF AC 80–86 in UTF-8).
            Some(t) => {
                code.recovered || font.icon || matches!(t.as_bytes(), [0xEF, 0xAC, 0x80..=0x86, ..])
            }
        }
    }

    /// Records a code [`PageFacts::wants`], drawn at device (x, y).
    pub fn glyph(&mut self, font: &Font, code: &Code<'_>, x: f64, y: f64) {
        let text = code.text.unwrap_or("");
        let presentation_form = text
            .chars()
            .next()
            .is_some_and(|c| ('\u{fb00}'..='\u{fb06}').contains(&c));
        let kind = if font.icon {
            // Private-use text is counted with the line's characters.
            if text.chars().any(crate::extract::facts::is_private_use)
                || text.chars().all(char::is_whitespace) && code.text.is_some()
            {
                return;
            }
            SpotKind::Glyph(GlyphProblem::Icon)
        } else if code.text.is_none() {
            // A font the file maps leaves out the glyphs its Unicode table
            // cannot name: ligatures, set in the middle of words.
            if font.maps_unicode() && (0.4..=1.1).contains(&code.width) {
                SpotKind::Glyph(GlyphProblem::Ligature)
            } else {
                SpotKind::Glyph(GlyphProblem::Lost)
            }
        } else if !code.recovered {
            if !presentation_form {
                return;
            }
            SpotKind::Glyph(GlyphProblem::LigatureCodePoint)
        } else if text
            .chars()
            .next()
            .is_some_and(super::layout::is_bullet_char)
            && text.chars().count() == 1
        {
            SpotKind::Bullet
        } else if presentation_form
            || text.chars().count() > 1 && text.chars().all(char::is_alphabetic)
        {
            SpotKind::Glyph(GlyphProblem::Ligature)
        } else if text.chars().all(char::is_whitespace) {
            return;
        } else {
            SpotKind::Glyph(GlyphProblem::Recovered)
        };
        let font_index = match self.fonts.iter().position(|(n, _)| *n == font.name) {
            Some(i) => i,
            None if self.fonts.len() < MAX_ITEMS => {
                self.fonts.push((font.name.clone(), [0; PROBLEMS.len()]));
                self.fonts.len() - 1
            }
            None => return,
        };
        if let SpotKind::Glyph(p) = kind {
            self.fonts[font_index].1[problem_index(p)] += 1;
        }
        if self.spots.len() < MAX_SPOTS && x.is_finite() && y.is_finite() {
            self.spots.push(Spot {
                x: x as f32,
                y: y as f32,
                font: font_index,
                kind,
            });
        }
    }
}

/// The number (from 1) of the upright line a point lies on: its baseline
/// band and its extent, widened by a font size.
fn line_at(lines: &[PageLine], x: f32, y: f32) -> Option<u32> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.upright)
        .filter(|(_, l)| {
            let s = l.size.max(1.0);
            y >= l.y - 0.5 * s && y <= l.y + 0.9 * s && x >= l.x0 - 1.5 * s && x <= l.x1 + 0.5 * s
        })
        .min_by(|a, b| (a.1.y - y).abs().total_cmp(&(b.1.y - y).abs()))
        .and_then(|(i, _)| u32::try_from(i + 1).ok())
}

/// The words of a line (a bullet counts for none).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Lines compared with each one when looking for text beside it.
const MAX_NEIGHBOURS: usize = 64;

/// Columns on a page that a line-by-line reader merges: lines rolefit reads
/// apart (not within two lines of each other) that stand side by side, their
/// baselines less than a font size apart. Each such line is in the left, a
/// middle or the right column by where its partners are.
fn columns(page: u32, lines: &[PageLine]) -> Option<ColumnBlock> {
    let mut order: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].upright && !lines[i].text.is_empty())
        .collect();
    order.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
    // Per line: has a partner to its right, to its left.
    let mut left_of = vec![false; lines.len()];
    let mut right_of = vec![false; lines.len()];
    let mut rows = 0u32;
    for (k, &i) in order.iter().enumerate() {
        let a = &lines[i];
        let sa = a.size.max(1.0);
        let mut paired = false;
        for &j in order[k + 1..].iter().take(MAX_NEIGHBOURS) {
            let b = &lines[j];
            let sb = b.size.max(1.0);
            // Baselines less than a line apart: a reader sorting by height
            // merges the two lines, or alternates between their columns.
            let dy = a.y - b.y;
            if dy > 1.5 * sa {
                break;
            }
            if dy >= sa.max(sb) || i.abs_diff(j) <= 2 {
                continue;
            }
            let gap = 0.3 * sa.min(sb);
            let (l, r) = if a.x1 + gap <= b.x0 {
                (i, j)
            } else if b.x1 + gap <= a.x0 {
                (j, i)
            } else {
                continue;
            };
            left_of[l] = true;
            right_of[r] = true;
            paired = true;
        }
        rows += u32::from(paired);
    }
    if rows < 3 {
        return None;
    }
    // Left (0), middle (1) and right (2) columns.
    let mut cols: [Option<Column>; 3] = Default::default();
    for (i, l) in lines.iter().enumerate() {
        let index = match (left_of[i], right_of[i]) {
            (true, false) => 0,
            (true, true) => 1,
            (false, true) => 2,
            (false, false) => continue,
        };
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let c = cols[index].get_or_insert(Column {
            index: 0,
            first: number,
            last: number,
            lines: 0,
            long_lines: 0,
            labels: 0,
            side: false,
        });
        c.first = c.first.min(number);
        c.last = c.last.max(number);
        c.lines += 1;
        c.long_lines += u32::from(words(&l.text) >= 6);
        c.labels += u32::from(l.text.trim_end().ends_with(':'));
        c.side |= l.side;
    }
    let mut columns: Vec<Column> = cols.into_iter().flatten().collect();
    for (k, c) in columns.iter_mut().enumerate() {
        c.index = k as u32;
    }
    (columns.len() >= 2).then_some(ColumnBlock {
        page,
        rows,
        columns,
    })
}

/// A line's text as compared across pages: lower case, digits dropped (a
/// page number changes), spaces collapsed.
fn margin_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii_digit())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line at the top (`true`) or bottom of a page: its text as compared
/// across pages ([`margin_key`]) and its number.
type MarginCandidate = (String, u32, bool);

/// The facts of a PDF, gathered page by page.
#[derive(Debug, Default)]
pub struct Collector {
    facts: LayoutFacts,
    /// Per page: the top and bottom lines, for repeats.
    margins: Vec<(u32, Vec<MarginCandidate>)>,
}

impl Collector {
    /// Adds one page: its laid-out lines (numbered from 1 in this order)
    /// and what the interpreter saw.
    pub fn page(&mut self, page: u32, lines: &[PageLine], seen: PageFacts, chars: usize) {
        let at = |line: u32| LineRef {
            page: Some(page),
            line,
        };
        let f = &mut self.facts;
        for spot in &seen.spots {
            let found = line_at(lines, spot.x, spot.y);
            // A glyph without text before a line's first letter is a marker
            // or an icon (drawn markers are counted from the lines), not text.
            if matches!(
                spot.kind,
                SpotKind::Glyph(GlyphProblem::Lost | GlyphProblem::Ligature)
            ) && found.is_some_and(|n| spot.x < lines[n as usize - 1].x0 - 0.5)
            {
                continue;
            }
            let line = found.map(at);
            match spot.kind {
                SpotKind::Bullet => match line {
                    Some(l) => f.drawn_bullets.add(l, 1),
                    None => f.drawn_bullets.count += 1,
                },
                SpotKind::Glyph(p) => f.glyph(&seen.fonts[spot.font].0, p, line, 1),
            }
        }
        // Glyphs beyond the located spots: counted only.
        for (k, (font, counts)) in seen.fonts.iter().enumerate() {
            for p in PROBLEMS {
                let located = seen
                    .spots
                    .iter()
                    .filter(|s| s.font == k && s.kind == SpotKind::Glyph(p))
                    .count() as u32;
                let rest = counts[problem_index(p)].saturating_sub(located);
                if rest > 0 {
                    f.glyph(font, p, None, rest);
                }
            }
        }
        for (i, l) in lines.iter().enumerate() {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if l.marker == Marker::Drawn {
                f.drawn_bullets.add(at(number), 1);
            }
            if l.letter_gap >= LETTER_SPACED_EM {
                f.letter_spaced_lines += 1;
                if f.letter_spaced.len() < MAX_ITEMS {
                    f.letter_spaced.push((at(number), l.letter_gap));
                }
            }
        }
        if f.columns.len() < MAX_ITEMS {
            f.columns.extend(columns(page, lines));
        }
        if f.image_pages.len() < MAX_ITEMS {
            let cover = if seen.page_area > 0.0 {
                (seen.image_area / seen.page_area).min(1.0) as f32
            } else {
                0.0
            };
            let outlines = seen.shapes >= OUTLINE_SHAPES && chars < OUTLINE_CHARS;
            if cover >= IMAGE_PAGE_COVER || outlines {
                f.image_pages.push(ImagePage {
                    page,
                    cover,
                    chars: u32::try_from(chars).unwrap_or(u32::MAX),
                    outlines,
                });
            }
        }
        // The top and bottom lines, by height.
        let mut by_height: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].upright).collect();
        by_height.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
        let n = by_height.len();
        let picked: Vec<MarginCandidate> = by_height
            .iter()
            .enumerate()
            .filter(|(k, _)| *k < MARGIN_LINES || *k + MARGIN_LINES >= n)
            .map(|(k, &i)| {
                let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                (margin_key(&lines[i].text), number, k < MARGIN_LINES)
            })
            .filter(|(key, _, _)| key.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .collect();
        if self.margins.len() < 4096 {
            self.margins.push((page, picked));
        }
    }

    /// The facts, with the lines repeated at the top or bottom of every page.
    pub fn finish(mut self) -> LayoutFacts {
        let pages = self.margins.len();
        if pages >= 2 {
            let (first_page, first) = &self.margins[0];
            for (key, line, top) in first {
                let on_every_page = self.margins[1..]
                    .iter()
                    .all(|(_, picked)| picked.iter().any(|(k, _, t)| k == key && t == top));
                // "Page 1 of 2" is page numbering, not text.
                let numbering = key
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .all(|w| matches!(w, "page" | "of" | "pg" | "p"));
                if on_every_page && !numbering && self.facts.margins.len() < MAX_ITEMS {
                    self.facts.margins.push(MarginLine {
                        margin: if *top {
                            Margin::RepeatedTop
                        } else {
                            Margin::RepeatedBottom
                        },
                        at: LineRef {
                            page: Some(*first_page),
                            line: *line,
                        },
                        pages: pages as u32,
                    });
                }
            }
        }
        self.facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> PageLine {
        PageLine {
            text: text.into(),
            x0,
            x1,
            y,
            size: 10.0,
            bold: false,
            upright: true,
            marker: Marker::None,
            text_x0: x0,
            side: false,
            letter_gap: 0.0,
            tabbed: false,
        }
    }

    #[test]
    fn a_sidebar_read_before_the_main_column_is_a_column_block() {
        // Rolefit's order: the sidebar's five lines, then the main column's.
        let mut lines: Vec<PageLine> = (0..5)
            .map(|i| line("Lean manufacturing", 40.0, 150.0, 700.0 - 14.0 * i as f32))
            .collect();
        lines.extend((0..5).map(|i| {
            line(
                "Ran and adjusted three filling lines on every shift",
                200.0,
                560.0,
                // Staggered baselines: a reader sorting by height alternates.
                694.0 - 14.0 * i as f32,
            )
        }));
        let b = columns(1, &lines).expect("two columns");
        assert_eq!(b.columns.len(), 2);
        assert_eq!((b.columns[0].first, b.columns[0].last), (1, 5));
        assert_eq!((b.columns[1].first, b.columns[1].last), (6, 10));
        assert_eq!(b.columns[1].long_lines, 5);
    }

    #[test]
    fn pieces_of_a_row_read_together_are_no_columns() {
        // Title then dates, row by row: each pair is read one after the other.
        let mut lines = Vec::new();
        for i in 0..5 {
            let y = 700.0 - 30.0 * i as f32;
            lines.push(line("Production Technician", 40.0, 200.0, y));
            lines.push(line("2019 – 2021", 480.0, 560.0, y));
        }
        assert!(columns(1, &lines).is_none());
    }

    #[test]
    fn lines_on_every_page_top_are_repeated_margins() {
        let mut c = Collector::default();
        for page in 1..=2 {
            let lines = vec![
                line("Jane Doe | jane@example.com", 40.0, 300.0, 760.0),
                line(
                    ["Experience", "Education"][page as usize - 1],
                    40.0,
                    300.0,
                    600.0,
                ),
                line(&format!("Page {page} of 2"), 40.0, 300.0, 40.0),
            ];
            c.page(page, &lines, PageFacts::default(), 100);
        }
        let f = c.finish();
        assert_eq!(f.margins.len(), 1, "{:?}", f.margins);
        assert_eq!(f.margins[0].margin, Margin::RepeatedTop);
        assert_eq!(
            f.margins[0].at,
            LineRef {
                page: Some(1),
                line: 1
            }
        );
    }

    #[test]
    fn image_cover_counts_the_part_on_the_page() {
        let mut p = PageFacts::default();
        p.set_page_box(Some([0.0, 0.0, 600.0, 800.0]));
        p.image([-100.0, 0.0, 600.0, 800.0]);
        let mut c = Collector::default();
        c.page(1, &[], p, 0);
        let f = c.finish();
        assert_eq!(f.image_pages.len(), 1);
        assert!((f.image_pages[0].cover - 1.0).abs() < 1e-6);
    }
}
