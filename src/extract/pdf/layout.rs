//! Layout: positioned glyphs → text lines.
//!
//! 1. Fake-bold duplicates are dropped and spacing accents are merged into
//!    the letter they sit on (`¨` + `u` → `ü`).
//! 2. Content-stream order is kept when it is sane (most producers draw in
//!    reading order, column by column); when it goes up the page at most line
//!    changes or scatters into runs, glyphs are sorted by position instead.
//! 3. Glyphs become runs (same baseline, adjacent), runs become lines.
//! 4. A consistent vertical gutter splits side-by-side columns that a
//!    producer drew row by row: the left column is read before the right.
//! 5. Word spaces come from space glyphs and from gaps wider than a
//!    threshold that adapts to letter-spaced text.
//! 6. End-of-line hyphenation is joined when a letter precedes the hyphen
//!    and the next line goes on in lowercase.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

use super::interpreter::{Glyph, Mark, Painted};

/// A laid-out line with what the page says about its role: the position and
/// size of its text, whether it is bold, and whether a list marker stands
/// left of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLine {
    pub text: String,
    /// Left edge of the first glyph, and right edge of the last.
    pub x0: f32,
    pub x1: f32,
    /// Baseline of the first run.
    pub y: f32,
    /// The largest font size on the line.
    pub size: f32,
    /// Most letters are set in a bold face.
    pub bold: bool,
    /// Upright text (rotated lines carry no structure).
    pub upright: bool,
    /// How the line is marked as a list item.
    pub marker: Marker,
    /// Where the item's text starts: after the bullet glyph when the line
    /// has one, else `x0`. Lines continuing the item start here.
    pub text_x0: f32,
    /// Read from the narrower column of a two-column band (a sidebar).
    pub side: bool,
    /// Letter-spaced lines: the usual gap between their letters, in ems
    /// ([`tracking`]); 0 for other lines.
    pub letter_gap: f32,
    /// Set in parts across a wide gap, as a tab stop or a right-aligned
    /// date or place sets it ("Software Engineer      Oct 2016 – Present"):
    /// a row, never the wrapped rest of a sentence.
    pub tabbed: bool,
}

/// A gap between runs of a line, in font sizes, that makes it a tabbed row.
const TAB_GAP: f32 = 2.0;

/// How a line is marked as a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    None,
    /// Its text starts with a bullet character.
    Text,
    /// A shape, image or textless glyph drawn left of it; `• ` was put in
    /// front of its text.
    Drawn,
}

/// The text of a line, for [`join_hyphens`].
pub trait LineText {
    fn text(&self) -> &str;
    fn text_mut(&mut self) -> &mut String;
}

impl LineText for PageLine {
    fn text(&self) -> &str {
        &self.text
    }
    fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

impl LineText for String {
    fn text(&self) -> &str {
        self
    }
    fn text_mut(&mut self) -> &mut String {
        self
    }
}

/// Characters that start a list item when they lead a line.
pub fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{25cf}'
            | '\u{25aa}'
            | '\u{25a0}'
            | '\u{25e6}'
            | '\u{25cb}'
            | '\u{27a2}'
            | '\u{25ba}'
            | '\u{2023}'
            | '\u{2043}'
            | '\u{2219}'
            | '\u{2713}'
            | '\u{2714}'
            | '\u{27a4}'
            | '\u{25b8}'
            | '\u{25b9}'
            | '\u{25c6}'
            | '\u{2756}'
            | '\u{2666}'
            | '\u{b7}'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f076}'
            | '\u{f0d8}'
            | '\u{f0fc}'
    )
}

/// A gap wider than this many font sizes ends a run.
const RUN_BREAK_GAP: f32 = 1.2;

/// The combining form of a spacing accent glyph.
fn combining_of(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '\u{A8}' => '\u{308}',
        '\u{B4}' => '\u{301}',
        '`' => '\u{300}',
        '^' | '\u{2C6}' => '\u{302}',
        '~' | '\u{2DC}' => '\u{303}',
        '\u{AF}' | '\u{2C9}' => '\u{304}',
        '\u{2D8}' => '\u{306}',
        '\u{2D9}' => '\u{307}',
        '\u{2DA}' => '\u{30A}',
        '\u{2DD}' => '\u{30B}',
        '\u{2C7}' => '\u{30C}',
        '\u{B8}' => '\u{327}',
        '\u{2DB}' => '\u{328}',
        c if ('\u{300}'..='\u{36F}').contains(&c) => c,
        _ => return None,
    })
}

/// Drops glyphs drawn again at (almost) the same place: fake bold and shadows.
fn drop_duplicates(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    /// The grid's cell size; a duplicate lies within 3 units (the largest tolerance).
    const CELL: f32 = 3.0;
    // The newest kept glyph of each cell, and before each kept glyph the
    // previous one of its cell: chains through `out`, with no list per cell.
    let mut newest: FxHashMap<(i32, i32), u32> = FxHashMap::default();
    let mut previous: Vec<u32> = Vec::with_capacity(glyphs.len());
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let cell = |v: f32| (v / CELL).floor() as i32;
    for g in glyphs {
        if g.is_space() {
            out.push(g);
            previous.push(u32::MAX);
            continue;
        }
        let tol = (0.15 * g.size).clamp(0.2, 3.0);
        // Only the cells a glyph within `tol` can lie in.
        let (x0, x1) = (cell(g.x - tol), cell(g.x + tol));
        let (y0, y1) = (cell(g.y - tol), cell(g.y + tol));
        let mut dup = false;
        'search: for kx in x0..=x1 {
            for ky in y0..=y1 {
                let mut at = newest.get(&(kx, ky)).copied().unwrap_or(u32::MAX);
                // Only the latest glyphs of a cell: bounded work on hostile pages.
                for _ in 0..32 {
                    let Some(h) = out.get(at as usize) else {
                        break;
                    };
                    if h.text == g.text
                        && h.rot == g.rot
                        && (h.x - g.x).abs() < tol
                        && (h.y - g.y).abs() < tol
                    {
                        dup = true;
                        break 'search;
                    }
                    at = previous[at as usize];
                }
            }
        }
        if !dup {
            let key = (cell(g.x), cell(g.y));
            let index = out.len() as u32;
            previous.push(newest.insert(key, index).unwrap_or(u32::MAX));
            out.push(g);
        }
    }
    out
}

/// Merges accent glyphs into the letter whose box holds the accent's centre.
fn merge_accents(glyphs: &mut Vec<Glyph>) {
    let n = glyphs.len();
    let mut remove = vec![false; n];
    for i in 0..n {
        let Some(mark) = combining_of(&glyphs[i].text) else {
            continue;
        };
        let a = &glyphs[i];
        let center = a.x + a.w / 2.0;
        let lo = i.saturating_sub(4);
        let hi = (i + 5).min(n);
        let base = (lo..hi).find(|&j| {
            let b = &glyphs[j];
            j != i
                && !remove[j]
                && !b.is_space()
                && combining_of(&b.text).is_none()
                && b.rot == a.rot
                && b.w > 0.0
                && center > b.x + 0.1 * b.w
                && center < b.x + 0.9 * b.w
                && (b.y - a.y).abs() < b.size.max(a.size)
        });
        if let Some(j) = base {
            // TeX builds í and ï on a dotless ı (ȷ): the accent brings its own dot-less form.
            let mut t = glyphs[j]
                .text
                .replace('\u{131}', "i")
                .replace('\u{237}', "j");
            t.push(mark);
            glyphs[j].text = t.nfc().collect::<String>().into();
            remove[i] = true;
        }
    }
    let mut k = 0;
    glyphs.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
}

/// True when glyphs often jump backwards along a baseline: the stream is not
/// in reading order and must be sorted.
fn goes_up(glyphs: &[Glyph]) -> bool {
    let (mut up, mut breaks) = (0usize, 0usize);
    for w in glyphs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.is_space() || b.is_space() {
            continue;
        }
        let s = a.size.max(b.size).max(1.0);
        let dy = b.y - a.y;
        if dy.abs() > 0.5 * s {
            breaks += 1;
            if dy > 0.0 {
                up += 1;
            }
        }
    }
    // Reading order goes down the page; going up is for a new column or block.
    up > 3 && up * 20 > breaks
}

/// The glyphs in reading order: the content-stream order when it is sane,
/// else sorted by position. The stream order is not sane when it goes up the
/// page at most line changes, or when it breaks into many more runs than the
/// sorted order does (glyphs drawn in scattered order).
fn reading_order(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if glyphs.len() < 2 {
        return glyphs;
    }
    let mut sorted: Vec<u32> = (0..glyphs.len() as u32).collect();
    sort_by_position(&mut sorted, &glyphs);
    let in_stream = count_runs(glyphs.iter());
    let in_sorted = count_runs(sorted.iter().map(|&i| &glyphs[i as usize]));
    if goes_up(&glyphs) || in_stream * 2 > in_sorted * 3 + 6 {
        let mut slots: Vec<Option<Glyph>> = glyphs.drain(..).map(Some).collect();
        glyphs.extend(sorted.iter().filter_map(|&i| slots[i as usize].take()));
    }
    glyphs
}

/// Sorts glyph indices top to bottom by baseline cluster, then left to right.
fn sort_by_position(order: &mut [u32], glyphs: &[Glyph]) {
    let at = |i: u32| &glyphs[i as usize];
    order.sort_by(|&a, &b| {
        at(b)
            .y
            .total_cmp(&at(a).y)
            .then(at(a).x.total_cmp(&at(b).x))
    });
    // Cluster baselines: glyphs within half a size share the first one's y.
    // The smaller of the two sizes sets the tolerance, so a small line
    // tucked under a large one (contact details under a name) stays apart.
    let mut i = 0;
    while i < order.len() {
        let (y0, size0) = (at(order[i]).y, at(order[i]).size.max(1.0));
        let mut j = i + 1;
        while j < order.len() && (y0 - at(order[j]).y) < 0.5 * size0.min(at(order[j]).size.max(1.0))
        {
            j += 1;
        }
        order[i..j].sort_by(|&a, &b| at(a).x.total_cmp(&at(b).x));
        i = j;
    }
}

/// A horizontal run of adjacent glyphs on one baseline.
#[derive(Debug)]
struct Run {
    glyphs: Vec<usize>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

/// Whether glyph `g` continues a run ending at `x1` on baseline `y` with
/// font size `size`: on its baseline within a small gap.
fn continues_run(x1: f32, y: f32, size: f32, g: &Glyph) -> bool {
    let s = size.max(g.size).max(1.0);
    let gap = g.x - x1;
    (g.y - y).abs() <= 0.35 * s && gap >= -0.6 * s && gap <= RUN_BREAK_GAP * s
}

/// Groups glyphs, in reading order, into runs: a glyph joins the run before
/// it when it sits on its baseline within a small gap.
fn build_runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if let Some(r) = runs.last_mut() {
            // Space glyphs never start a run: a run begins with ink.
            if g.is_space() {
                r.glyphs.push(i);
                continue;
            }
            if continues_run(r.x1, r.y, r.size, g) {
                // Only ink stretches a run (spaces were taken above): a gutter
                // padded with spaces stays a gap.
                r.glyphs.push(i);
                r.x1 = r.x1.max(g.x + g.w);
                r.size = r.size.max(g.size);
                continue;
            }
        }
        runs.push(Run {
            glyphs: vec![i],
            x0: g.x,
            x1: g.x + g.w,
            y: g.y,
            size: g.size,
        });
    }
    // Runs made only of spaces carry nothing.
    runs.retain(|r| r.glyphs.iter().any(|&i| !glyphs[i].is_space()));
    runs
}

/// How many runs [`build_runs`] makes of glyphs in this order, without
/// making them.
fn count_runs<'g>(glyphs: impl Iterator<Item = &'g Glyph>) -> usize {
    // The last run's end, baseline, size, and whether it holds ink.
    let mut last: Option<(f32, f32, f32, bool)> = None;
    let mut inked = 0;
    for g in glyphs {
        let space = g.is_space();
        if let Some((x1, y, size, ink)) = &mut last {
            if space {
                continue;
            }
            if continues_run(*x1, *y, *size, g) {
                *x1 = x1.max(g.x + g.w);
                *size = size.max(g.size);
                *ink = true;
                continue;
            }
            inked += usize::from(*ink);
        }
        last = Some((g.x + g.w, g.y, g.size, !space));
    }
    inked + last.map_or(0, |(.., ink)| usize::from(ink))
}

/// A line: runs on one baseline, left to right.
#[derive(Debug)]
struct LineRuns {
    runs: Vec<Run>,
    /// In the narrower column of a two-column band (set by [`split_columns`]).
    side: bool,
}

impl LineRuns {
    fn x0(&self) -> f32 {
        self.runs.first().map_or(0.0, |r| r.x0)
    }
    fn x1(&self) -> f32 {
        self.runs.iter().map(|r| r.x1).fold(f32::MIN, f32::max)
    }
}

/// Groups runs, in reading order, into lines: a run joins the line before
/// it when it continues that line's baseline to the right.
fn build_lines(runs: Vec<Run>) -> Vec<LineRuns> {
    let mut lines: Vec<LineRuns> = Vec::new();
    for r in runs {
        if let Some(l) = lines.last_mut() {
            let last = l.runs.last().expect("a line has a run");
            let s = last.size.min(r.size).max(1.0);
            if (r.y - last.y).abs() <= 0.5 * s && r.x0 >= last.x1 - 0.5 * s {
                l.runs.push(r);
                continue;
            }
        }
        lines.push(LineRuns {
            runs: vec![r],
            side: false,
        });
    }
    lines
}

/// Where a line stands relative to a candidate gutter at x.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
    /// Runs on both sides, each with real words; the first `usize` runs are left.
    Split(usize),
    /// A run crosses x, or one side holds only a bullet, a number or a date:
    /// the line is read whole and ends a band.
    Crossing,
}

/// How many letters the runs hold.
fn letters(glyphs: &[Glyph], runs: &[Run]) -> usize {
    runs.iter()
        .flat_map(|r| r.glyphs.iter())
        .flat_map(|&i| glyphs[i].text.chars())
        .filter(|c| c.is_alphabetic())
        .count()
}

/// Where a line stands relative to a candidate gutter at x.
fn side(glyphs: &[Glyph], l: &LineRuns, x: f32) -> Side {
    if l.runs.iter().any(|r| r.x0 < x && r.x1 > x) {
        return Side::Crossing;
    }
    if l.x1() <= x {
        return Side::Left;
    }
    if l.x0() >= x {
        return Side::Right;
    }
    let cut = l
        .runs
        .iter()
        .position(|r| r.x0 >= x)
        .unwrap_or(l.runs.len());
    if letters(glyphs, &l.runs[..cut]) < 2 || letters(glyphs, &l.runs[cut..]) < 2 {
        return Side::Crossing;
    }
    // A title with its dates (or a date with its title) on one row is a row,
    // not two columns: "Production Technician ........ Jan 2019 – Present".
    if is_date_fragment(glyphs, &l.runs[cut..]) || is_date_fragment(glyphs, &l.runs[..cut]) {
        return Side::Crossing;
    }
    Side::Split(cut)
}

/// Words a row's dates are written with, besides numbers and punctuation.
/// Date syntax, not vocabulary: it only decides whether a fragment is a
/// date, so layout keeps it on its row.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "present",
    "current",
    "today",
    "now",
    "date",
    "since",
    "until",
    "till",
    "to",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// A fragment made only of dates ("March 2020 – Present", "2015–2017",
/// "06/2017 - 02/2020"): the dates of a row, whatever their spacing.
fn is_date_fragment(glyphs: &[Glyph], runs: &[Run]) -> bool {
    let mut text: String = runs
        .iter()
        .flat_map(|r| r.glyphs.iter())
        .map(|&i| &*glyphs[i].text)
        .collect::<String>()
        .to_lowercase();
    if text.len() > 60 {
        return false;
    }
    let bytes = text.as_bytes();
    let year = bytes.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(&w[..2], b"19" | b"20")
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
    });
    if !year
        && !["present", "current", "today"]
            .iter()
            .any(|w| text.contains(w))
    {
        return false;
    }
    for w in DATE_WORDS {
        if text.contains(w) {
            text = text.replace(w, "");
        }
    }
    text.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

/// A band (lines between two crossing lines) is read as two columns when
/// both sides hold at least three lines, or three rows are split — and, when
/// no line stands in the right column alone, the split rows' right parts
/// start at one left edge (a column), not at varying places (right-aligned
/// details of rows: a city, a date).
fn band_is_columns(left: usize, right: usize, split: usize, right_aligned_left: bool) -> bool {
    (split >= 3 || (left + split >= 3 && right + split >= 3)) && (right > 0 || right_aligned_left)
}

/// Whether the right parts of the split rows of a band start at one left edge.
fn split_parts_aligned(starts: &[(f32, f32)]) -> bool {
    let (lo, hi, size) = starts
        .iter()
        .fold((f32::MAX, f32::MIN, 1.0f32), |(lo, hi, s), &(x, sz)| {
            (lo.min(x), hi.max(x), s.max(sz))
        });
    starts.is_empty() || hi - lo <= (0.3 * size).max(2.0)
}

/// Line parts that would be read column-wise with a gutter at x.
fn gutter_score(glyphs: &[Glyph], lines: &[LineRuns], x: f32) -> usize {
    let (mut left, mut right, mut total) = (0, 0, 0);
    let mut starts: Vec<(f32, f32)> = Vec::new();
    let mut close = |left: &mut usize, right: &mut usize, starts: &mut Vec<(f32, f32)>| {
        let split = starts.len();
        if band_is_columns(*left, *right, split, split_parts_aligned(starts)) {
            total += *left + *right + 2 * split;
        }
        (*left, *right) = (0, 0);
        starts.clear();
    };
    for l in lines {
        match side(glyphs, l, x) {
            Side::Left => left += 1,
            Side::Right => right += 1,
            Side::Split(cut) => starts.push((l.runs[cut].x0, l.runs[cut].size)),
            Side::Crossing => close(&mut left, &mut right, &mut starts),
        }
    }
    close(&mut left, &mut right, &mut starts);
    total
}

/// Candidate gutters sit just left of a frequently repeated run start (the
/// aligned left edge of a right-hand column); the best is the one that puts
/// most lines into two-column bands.
fn find_gutter(glyphs: &[Glyph], lines: &[LineRuns]) -> Option<f32> {
    let mut starts: FxHashMap<i32, usize> = FxHashMap::default();
    let page_left = lines.iter().map(LineRuns::x0).fold(f32::MAX, f32::min);
    for l in lines {
        for r in &l.runs {
            if r.x0 > page_left + 2.0 {
                *starts.entry(r.x0.round() as i32).or_default() += 1;
            }
        }
    }
    let mut candidates: Vec<(i32, usize)> = starts.into_iter().filter(|(_, n)| *n >= 3).collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(16);
    candidates
        .into_iter()
        .map(|(x, _)| {
            let x = x as f32 - 0.5;
            (gutter_score(glyphs, lines, x), x)
        })
        .filter(|(score, _)| *score >= 6)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, x)| x)
}

/// Baselines (y, size) of lines, top to bottom.
fn levels<'a>(lines: impl Iterator<Item = &'a LineRuns>) -> Vec<(f32, f32)> {
    let mut levels: Vec<(f32, f32)> = lines
        .filter_map(|l| l.runs.first().map(|r| (r.y, r.size.max(1.0))))
        .collect();
    levels.sort_by(|a, b| b.0.total_cmp(&a.0));
    levels
}

/// The usual baseline step of lines (the lower quartile of the steps down
/// between distinct baselines), if there are at least two steps.
fn pitch(levels: &[(f32, f32)]) -> Option<f32> {
    let mut steps: Vec<f32> = levels
        .windows(2)
        .map(|w| (w[0].0 - w[1].0, w[0].1.min(w[1].1)))
        .filter(|&(d, size)| d > 0.5 * size)
        .map(|(d, _)| d)
        .collect();
    if steps.len() < 2 {
        return None;
    }
    steps.sort_by(f32::total_cmp);
    Some(steps[steps.len() / 4])
}

/// Where a two-column band breaks into blocks, top to bottom: the middles of
/// the vertical gaps between its baselines wider than 1.6 line pitches of
/// either column (so both columns pause there, as above a heading that
/// follows a two-column list).
fn block_cuts(band: &[(LineRuns, Side)]) -> Vec<f32> {
    let left = levels(
        band.iter()
            .filter(|(_, s)| !matches!(s, Side::Right))
            .map(|(l, _)| l),
    );
    let right = levels(
        band.iter()
            .filter(|(_, s)| matches!(s, Side::Right | Side::Split(_)))
            .map(|(l, _)| l),
    );
    let (Some(pl), Some(pr)) = (pitch(&left), pitch(&right)) else {
        return Vec::new();
    };
    let min_gap = 1.6 * pl.max(pr);
    levels(band.iter().map(|(l, _)| l))
        .windows(2)
        .filter(|w| w[0].0 - w[1].0 > min_gap)
        .map(|w| (w[0].0 + w[1].0) / 2.0)
        .collect()
}

/// A line that is one bullet character and nothing else.
fn is_lone_bullet(glyphs: &[Glyph], l: &LineRuns) -> bool {
    let mut ink = l
        .runs
        .iter()
        .flat_map(|r| r.glyphs.iter())
        .map(|&i| &glyphs[i])
        .filter(|g| !g.is_space());
    matches!((ink.next(), ink.next()), (Some(g), None) if g.text.chars().next().is_some_and(is_bullet_char))
}

/// Whether a line continues the line drawn just before it, or is continued
/// by the one drawn just after it: one line pitch apart, overlapping
/// horizontally (a wrapped cell: "June 2017 – February" / "2020").
fn flows_from_neighbour(lines: &[LineRuns], i: usize) -> bool {
    let l = &lines[i];
    let y = |l: &LineRuns| l.runs.first().map_or(0.0, |r| r.y);
    let s = l.runs.iter().map(|r| r.size).fold(1.0f32, f32::max);
    let next_line = |upper: &LineRuns, lower: &LineRuns| {
        let step = y(upper) - y(lower);
        step >= 0.5 * s && step <= 1.8 * s && upper.x0() < lower.x1() && lower.x0() < upper.x1()
    };
    (i > 0 && next_line(&lines[i - 1], l)) || lines.get(i + 1).is_some_and(|n| next_line(l, n))
}

/// Stream segments beyond which a page's order is left as drawn (each pair
/// of segments is compared).
const MAX_SEGMENTS: usize = 64;

/// Puts back in visual order a column the stream draws in several passes
/// (every entry's header box first, then every entry's body): the lines
/// fall into segments that each go down the page, and two segments one of
/// which has a line between two consecutive lines of the other, overlapping
/// both horizontally, are one column: they are merged by height. A segment
/// of dates alone (right-aligned dates an HTML float draws after the
/// entries) joins the segment it falls between, wherever it stands across.
/// Other segments side by side (columns, a sidebar) are left in stream order.
fn visual_order(glyphs: &[Glyph], lines: Vec<LineRuns>) -> Vec<LineRuns> {
    let y = |l: &LineRuns| l.runs.first().map_or(0.0, |r| r.y);
    let size = |l: &LineRuns| l.runs.iter().map(|r| r.size).fold(1.0f32, f32::max);
    let mut starts = vec![0];
    for i in 1..lines.len() {
        let (a, b) = (&lines[i - 1], &lines[i]);
        if y(b) - y(a) > 0.5 * size(a).min(size(b)) {
            starts.push(i);
        }
    }
    if starts.len() < 2 || starts.len() > MAX_SEGMENTS {
        return lines;
    }
    let total = lines.len();
    let segment = |k: usize| starts[k]..starts.get(k + 1).copied().unwrap_or(total);
    let overlaps = |a: &LineRuns, b: &LineRuns| a.x0() < b.x1() && b.x0() < a.x1();
    // Whether a line of `inner` stands between two consecutive lines of
    // `outer`, in their column (or anywhere across, for dates).
    let inside = |outer: std::ops::Range<usize>, inner: std::ops::Range<usize>, across: bool| {
        let outer = &lines[outer];
        inner.into_iter().any(|i| {
            let b = &lines[i];
            outer.windows(2).any(|w| {
                y(&w[0]) > y(b)
                    && y(b) > y(&w[1])
                    && (across || overlaps(&w[0], b) && overlaps(&w[1], b))
            })
        })
    };
    let n = starts.len();
    let dates_only: Vec<bool> = (0..n)
        .map(|k| segment(k).all(|i| is_date_fragment(glyphs, &lines[i].runs)))
        .collect();
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut k: usize) -> usize {
        while group[k] != k {
            group[k] = group[group[k]];
            k = group[k];
        }
        k
    }
    let mut merged = false;
    for a in 0..n {
        for b in a + 1..n {
            if inside(segment(a), segment(b), dates_only[b])
                || inside(segment(b), segment(a), dates_only[a])
            {
                let (ra, rb) = (root(&mut group, a), root(&mut group, b));
                group[rb.max(ra)] = ra.min(rb);
                merged = true;
            }
        }
    }
    if !merged {
        return lines;
    }
    let roots: Vec<usize> = (0..n).map(|k| root(&mut group, k)).collect();
    let mut slots: Vec<Option<LineRuns>> = lines.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for k in 0..n {
        if roots[k] != k {
            continue;
        }
        let mut members: Vec<LineRuns> = (k..n)
            .filter(|&m| roots[m] == k)
            .flat_map(&segment)
            .filter_map(|i| slots[i].take())
            .collect();
        if members.len() > segment(k).len() {
            sort_lines_by_position(&mut members);
        }
        out.extend(members);
    }
    out
}

/// Sorts lines top to bottom by baseline cluster, then left to right.
fn sort_lines_by_position(lines: &mut [LineRuns]) {
    let y = |l: &LineRuns| l.runs.first().map_or(0.0, |r| r.y);
    let size = |l: &LineRuns| l.runs.iter().map(|r| r.size).fold(1.0f32, f32::max);
    lines.sort_by(|a, b| y(b).total_cmp(&y(a)));
    let mut i = 0;
    while i < lines.len() {
        let (y0, size0) = (y(&lines[i]), size(&lines[i]));
        let mut j = i + 1;
        while j < lines.len() && y0 - y(&lines[j]) < 0.5 * size0.min(size(&lines[j])) {
            j += 1;
        }
        lines[i..j].sort_by(|a, b| a.x0().total_cmp(&b.x0()));
        i = j;
    }
}

/// Pieces on one baseline beyond which a group is not treated as a row.
const MAX_ROW_PIECES: usize = 64;

/// Puts the pieces of a visual line back together when the stream draws
/// them apart: a line that names only dates ("March 2020 – Present"), or
/// one a word gap away, standing right of another line on the same baseline
/// joins that line (the nearest one to its left). HTML floats draw a row's
/// right-aligned dates before its title; design tools draw a title in
/// pieces. A line that flows from the line drawn before it (a wrapped cell)
/// stays where it is.
fn attach_row_fragments(glyphs: &[Glyph], lines: Vec<LineRuns>) -> Vec<LineRuns> {
    let baseline = |l: &LineRuns| l.runs.first().map_or(0.0, |r| r.y);
    let size = |l: &LineRuns| l.runs.iter().map(|r| r.size).fold(1.0f32, f32::max);
    let mut by_height: Vec<usize> = (0..lines.len()).collect();
    by_height.sort_by(|&a, &b| baseline(&lines[b]).total_cmp(&baseline(&lines[a])));
    let mut row_of: Vec<Option<usize>> = vec![None; lines.len()];
    // What the pairwise tests below read, computed once per line.
    let lone_bullet: Vec<bool> = lines.iter().map(|l| is_lone_bullet(glyphs, l)).collect();
    let x0: Vec<f32> = lines.iter().map(LineRuns::x0).collect();
    let x1: Vec<f32> = lines.iter().map(LineRuns::x1).collect();
    let sizes: Vec<f32> = lines.iter().map(size).collect();
    let mut start = 0;
    while start < by_height.len() {
        let first = &lines[by_height[start]];
        let tolerance = 0.2 * sizes[by_height[start]];
        let mut end = start + 1;
        while end < by_height.len()
            && (baseline(first) - baseline(&lines[by_height[end]])).abs() <= tolerance
        {
            end += 1;
        }
        let group = &by_height[start..end];
        // A visual row has a few pieces; hundreds on one baseline are not a
        // row of text (and pairing them would cost their square).
        let group = if group.len() > MAX_ROW_PIECES {
            &[][..]
        } else {
            group
        };
        for &piece in group {
            let f = &lines[piece];
            if lone_bullet[piece] {
                // A marker drawn apart from its item (after it, in another
                // font): the item is the nearest line to its right.
                row_of[piece] = group
                    .iter()
                    .copied()
                    .filter(|&m| m != piece && x0[m] >= x1[piece])
                    .filter(|&m| x0[m] - x1[piece] <= 3.0 * sizes[piece].max(sizes[m]))
                    .min_by(|&a, &b| x0[a].total_cmp(&x0[b]));
                continue;
            }
            if flows_from_neighbour(&lines, piece) {
                continue;
            }
            let Some(left) = group
                .iter()
                .copied()
                .filter(|&m| m != piece && x1[m] <= x0[piece])
                .filter(|&m| !lone_bullet[m])
                .max_by(|&a, &b| x1[a].total_cmp(&x1[b]))
            else {
                continue;
            };
            let l = &lines[left];
            let word_gap = x0[piece] - x1[left] <= 1.5 * sizes[piece].min(sizes[left]);
            if word_gap || (is_date_fragment(glyphs, &f.runs) && !is_date_fragment(glyphs, &l.runs))
            {
                row_of[piece] = Some(left);
            }
        }
        start = end;
    }
    if row_of.iter().all(Option::is_none) {
        return lines;
    }
    // Each piece goes to the first line of its row. Pieces point left, and
    // lone bullets right to lines that never point back at a bullet, so the
    // links have no cycle; each walk is bounded all the same, and every line
    // on it learns the root, so all the walks together stay linear.
    let mut roots: Vec<Option<usize>> = vec![None; row_of.len()];
    let mut root = |i: usize| {
        let mut path = Vec::new();
        let mut at = i;
        while let (Some(next), None) = (row_of[at], roots[at]) {
            if path.len() > row_of.len() {
                break;
            }
            path.push(at);
            at = next;
        }
        let found = roots[at].unwrap_or(at);
        for p in path {
            roots[p] = Some(found);
        }
        found
    };
    let mut slots: Vec<Option<LineRuns>> = lines.into_iter().map(Some).collect();
    let mut moved: Vec<(usize, LineRuns)> = Vec::new();
    for i in 0..row_of.len() {
        if row_of[i].is_some() {
            moved.extend(slots[i].take().map(|l| (root(i), l)));
        }
    }
    // Sorted once per row, after all its pieces (a stable sort gives what
    // sorting after each piece gave, without the quadratic cost).
    let mut grown = vec![false; slots.len()];
    for (row, l) in moved {
        if let Some(target) = slots[row].as_mut() {
            target.runs.extend(l.runs);
            grown[row] = true;
        }
    }
    for (slot, grown) in slots.iter_mut().zip(grown) {
        if let Some(target) = slot.as_mut().filter(|_| grown) {
            target.runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        }
    }
    slots.into_iter().flatten().collect()
}

/// Reads side-by-side columns: within each band of lines that do not cross
/// the gutter, left parts first, then right parts. Other bands keep their order.
fn split_columns(glyphs: &[Glyph], lines: Vec<LineRuns>) -> Vec<LineRuns> {
    let Some(x) = find_gutter(glyphs, &lines) else {
        return lines;
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut band: Vec<(LineRuns, Side)> = Vec::new();
    // `next_y`: the baseline of the line that ends the band (none at the end).
    let flush = |band: &mut Vec<(LineRuns, Side)>, out: &mut Vec<LineRuns>, next_y: Option<f32>| {
        let count = |f: fn(&Side) -> bool| band.iter().filter(|(_, s)| f(s)).count();
        let left = count(|s| *s == Side::Left);
        let right = count(|s| *s == Side::Right);
        let starts: Vec<(f32, f32)> = band
            .iter()
            .filter_map(|(l, s)| match s {
                Side::Split(cut) => Some((l.runs[*cut].x0, l.runs[*cut].size)),
                _ => None,
            })
            .collect();
        if let Some(rows) = read_label_column(glyphs, band) {
            out.extend(rows);
            return;
        }
        if !band_is_columns(left, right, starts.len(), split_parts_aligned(&starts)) {
            out.extend(band.drain(..).map(|(l, _)| l));
            return;
        }
        // The columns end where both pause: a vertical gap wider than the
        // band's line pitch closes a block, read left part then right part,
        // so a heading below both columns is not pulled into the left one.
        let cuts = block_cuts(band);
        let mut blocks: Vec<(Vec<LineRuns>, Vec<LineRuns>)> =
            (0..=cuts.len()).map(|_| (Vec::new(), Vec::new())).collect();
        for (mut l, s) in band.drain(..) {
            let y = l.runs.first().map_or(0.0, |r| r.y);
            let (lefts, rights) = &mut blocks[cuts.iter().filter(|&&c| c > y).count()];
            match s {
                Side::Left | Side::Crossing => lefts.push(l),
                Side::Right => rights.push(l),
                Side::Split(cut) => {
                    let r = l.runs.split_off(cut);
                    lefts.push(l);
                    rights.push(LineRuns {
                        runs: r,
                        side: false,
                    });
                }
            }
        }
        // A block whose right part is one line, above a block with a right
        // part, is no pause of both columns: that line heads the right column
        // below it (a sidebar name and the main column's first heading on one
        // baseline), so the two blocks are read as one.
        let mut k = 0;
        while k + 1 < blocks.len() {
            if blocks[k].1.len() == 1 && !blocks[k + 1].1.is_empty() {
                let (lefts, rights) = blocks.remove(k);
                let next = &mut blocks[k];
                next.0.splice(0..0, lefts);
                next.1.splice(0..0, rights);
            } else {
                k += 1;
            }
        }
        // Left-only blocks below the right column's end are a block of their
        // own (a heading under both columns) only when the page flows down
        // from them into the line that ends the band (or the page ends there);
        // when the text goes back up after them, they are the rest of a longer
        // left column (a sidebar drawn before the main column).
        if let Some(last) = blocks.iter().rposition(|(_, r)| !r.is_empty()) {
            let tail_bottom = blocks[last + 1..]
                .iter()
                .flat_map(|(l, _)| l.iter())
                .filter_map(|l| l.runs.first().map(|r| r.y))
                .fold(f32::MAX, f32::min);
            let flows_down = next_y.is_none_or(|y| y < tail_bottom);
            if !flows_down {
                let tail: Vec<LineRuns> = blocks.drain(last + 1..).flat_map(|(l, _)| l).collect();
                blocks[last].0.extend(tail);
            }
        }
        for (mut lefts, mut rights) in blocks {
            mark_sidebar(&mut lefts, &mut rights, x);
            out.extend(lefts);
            out.extend(rights);
        }
    };
    for l in lines {
        let s = side(glyphs, &l, x);
        if s == Side::Crossing {
            flush(&mut band, &mut out, l.runs.first().map(|r| r.y));
            out.push(l);
        } else {
            band.push((l, s));
        }
    }
    flush(&mut band, &mut out, None);
    out
}

/// Most letters a label of a side-heading column holds ("PROFESSIONAL
/// EXPERIENCE" has 22).
const MAX_LABEL_LETTERS: usize = 30;

/// Reads a band whose left column holds only labels — side headings
/// ("EXPERIENCE" in the margin beside the section's first line) — row by
/// row, each label before the right-column line it stands beside, so a
/// heading still heads its section. The left parts are labels when there are
/// at least two, each short and on (or within half its size of) the
/// baseline of a right-column line, and sparse: never one line pitch apart,
/// and at least two right-column lines per label. A sidebar (a list, a
/// contact block) has labels a line apart or lines beside no right line, so
/// it is left to [`split_columns`]. Drains the band when it reads it.
fn read_label_column(glyphs: &[Glyph], band: &mut Vec<(LineRuns, Side)>) -> Option<Vec<LineRuns>> {
    let first_y = |l: &LineRuns| l.runs.first().map_or(0.0, |r| r.y);
    let right_ys: Vec<f32> = band
        .iter()
        .filter(|(_, s)| matches!(s, Side::Right | Side::Split(_)))
        .map(|(l, _)| first_y(l))
        .collect();
    // (baseline, baseline of the right line it stands beside) of each label.
    let mut labels: Vec<(f32, f32)> = Vec::new();
    for (l, s) in band.iter() {
        let runs = match s {
            Side::Left => &l.runs[..],
            Side::Split(cut) => &l.runs[..*cut],
            _ => continue,
        };
        let count = letters(glyphs, runs);
        if !(2..=MAX_LABEL_LETTERS).contains(&count) {
            return None;
        }
        let y = first_y(l);
        labels.push((y, beside(&right_ys, l)?));
    }
    if labels.len() < 2 || right_ys.len() < 2 * labels.len() {
        return None;
    }
    let pitch = pitch(&levels(
        band.iter()
            .filter(|(_, s)| matches!(s, Side::Right | Side::Split(_)))
            .map(|(l, _)| l),
    ))?;
    labels.sort_by(|a, b| b.0.total_cmp(&a.0));
    if labels.windows(2).any(|w| w[0].0 - w[1].0 < 1.5 * pitch) {
        return None;
    }
    // (row baseline, 0 for a label and 1 for the right part, line).
    let mut rows: Vec<(f32, u8, LineRuns)> = Vec::with_capacity(band.len() + labels.len());
    for (mut l, s) in band.drain(..) {
        let y = first_y(&l);
        match s {
            // Every label was found beside a right line above.
            Side::Left => rows.push((beside(&right_ys, &l).unwrap_or(y), 0, l)),
            Side::Split(cut) => {
                let right = l.runs.split_off(cut);
                rows.push((y, 0, l));
                rows.push((
                    y,
                    1,
                    LineRuns {
                        runs: right,
                        side: false,
                    },
                ));
            }
            _ => rows.push((y, 1, l)),
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Some(rows.into_iter().map(|(_, _, l)| l).collect())
}

/// The baseline of the right-column line a label stands beside: the nearest
/// of `right_ys` within half the label's size of its own.
fn beside(right_ys: &[f32], label: &LineRuns) -> Option<f32> {
    let y = label.runs.first()?.y;
    let size = label.runs[0].size.max(1.0);
    right_ys
        .iter()
        .copied()
        .filter(|ry| (ry - y).abs() <= 0.5 * size)
        .min_by(|a, b| (a - y).abs().total_cmp(&(b - y).abs()))
}

/// Marks the clearly narrower column of a two-column block as a sidebar
/// (its headings do not carry into the main column's text after it).
fn mark_sidebar(lefts: &mut [LineRuns], rights: &mut [LineRuns], gutter: f32) {
    if lefts.is_empty() || rights.is_empty() {
        return;
    }
    let left = gutter - lefts.iter().map(LineRuns::x0).fold(f32::MAX, f32::min);
    let right = rights.iter().map(LineRuns::x1).fold(f32::MIN, f32::max) - gutter;
    let narrower = if left < 0.8 * right {
        lefts
    } else if right < 0.8 * left {
        rights
    } else {
        return;
    };
    for l in narrower {
        l.side = true;
    }
}

/// Gap between two glyphs in font sizes; `None` when one is a space glyph.
fn gap(a: &Glyph, b: &Glyph) -> Option<f32> {
    if a.is_space() || b.is_space() {
        return None;
    }
    Some((b.x - (a.x + a.w)) / a.size.max(b.size).max(1.0))
}

/// The usual letter gap of a line (its lower quartile), 0 unless the line is letter-spaced.
fn line_letter_gap(glyphs: &[Glyph], line: &LineRuns) -> f32 {
    let mut gaps: Vec<f32> = line
        .runs
        .iter()
        .flat_map(|r| {
            r.glyphs
                .windows(2)
                .filter_map(|w| gap(&glyphs[w[0]], &glyphs[w[1]]))
        })
        .collect();
    if gaps.len() < 4 {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[gaps.len() / 4].max(0.0)
}

/// The tracking of a letter-spaced line: the lower quartile of the gaps
/// between adjacent single letters (not between longer glyph texts, as an
/// `/ActualText` span gives), in ems; 0 with fewer than four such gaps.
fn tracking(glyphs: &[Glyph], line: &LineRuns) -> f32 {
    let letter = |g: &Glyph| {
        let mut c = g.text.chars();
        c.next().is_some_and(char::is_alphabetic) && c.next().is_none()
    };
    let mut gaps: Vec<f32> = line
        .runs
        .iter()
        .flat_map(|r| r.glyphs.windows(2))
        .filter(|w| letter(&glyphs[w[0]]) && letter(&glyphs[w[1]]))
        .filter_map(|w| gap(&glyphs[w[0]], &glyphs[w[1]]))
        .collect();
    if gaps.len() < 4 {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[gaps.len() / 4].max(0.0)
}

/// Whether gap `k` of a run is a word break. The threshold is 0.12 em above the
/// local letter spacing: the smaller of the neighbouring gaps (so a letter-spaced
/// heading next to normal text is judged on its own), or the line's usual gap.
fn is_word_gap(gaps: &[Option<f32>], k: usize, line_gap: f32) -> bool {
    let Some(g) = gaps[k] else { return false };
    let prev = k.checked_sub(1).and_then(|j| gaps[j]);
    let next = gaps.get(k + 1).copied().flatten();
    // A kerned pair (`LV`, `T,`) narrows one neighbour: the line's usual
    // letter gap is a floor, so a letter-spaced line is not split at the
    // letters next to it (0 on lines that are not letter-spaced).
    let local = match (prev, next) {
        (Some(p), Some(n)) => p.min(n),
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => line_gap,
    }
    .max(line_gap)
    .max(0.0);
    let base = if local > 0.05 { local * 1.4 } else { 0.0 };
    g > (base + 0.12).min(1.0)
}

/// A space glyph counts unless the glyphs around it touch: some producers
/// draw a space and then move back over it (a kerned-away space).
const MIN_SPACE_GAP: f32 = 0.03;

/// A line's text: its runs joined by spaces, word spaces inside a run
/// from space glyphs or from gaps wider than the line's letter spacing
/// (`line_gap`, from [`line_letter_gap`]).
fn line_text(glyphs: &[Glyph], line: &LineRuns, line_gap: f32) -> String {
    let mut out = String::new();
    let mut gaps: Vec<Option<f32>> = Vec::new();
    for (ri, r) in line.runs.iter().enumerate() {
        if ri > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        gaps.clear();
        gaps.extend(
            r.glyphs
                .windows(2)
                .map(|w| gap(&glyphs[w[0]], &glyphs[w[1]])),
        );
        let mut last_ink: Option<&Glyph> = None;
        let mut pending_space = false;
        for (k, &i) in r.glyphs.iter().enumerate() {
            let g = &glyphs[i];
            if g.is_space() {
                pending_space = true;
                continue;
            }
            let space = if pending_space {
                match last_ink {
                    Some(p) => g.x - (p.x + p.w) > MIN_SPACE_GAP * p.size.max(g.size).max(1.0),
                    None => true,
                }
            } else {
                k > 0 && is_word_gap(&gaps, k - 1, line_gap)
            };
            if space && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = false;
            out.extend(g.text.chars().map(|c| if c.is_control() { ' ' } else { c }));
            last_ink = Some(g);
        }
    }
    let t = out.trim();
    t.nfc().collect()
}

/// The words of a text, lower-cased and trimmed of outer punctuation, for
/// deciding how to join hyphenated line ends.
pub fn vocabulary<'a>(lines: impl IntoIterator<Item = &'a String>) -> HashSet<String> {
    lines
        .into_iter()
        .flat_map(|l| l.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How to join a line ending in a hyphen with the first word of the next one.
#[derive(Debug, PartialEq)]
enum Join {
    No,
    /// A soft line-break hyphen: `main-` + `tenance` → `maintenance`.
    DropHyphen,
    /// A compound broken after its hyphen: `Allen-` + `Bradley` → `Allen-Bradley`.
    KeepHyphen,
}

/// How a line ending `cur` joins the next line starting `next`.
fn decide_join(cur: &str, next: &str, vocab: &HashSet<String>) -> Join {
    let mut rev = cur.chars().rev();
    let (Some(last), Some(before)) = (rev.next(), rev.next()) else {
        return Join::No;
    };
    let Some(first) = next.chars().next() else {
        return Join::No;
    };
    if !before.is_alphabetic() || !first.is_alphabetic() {
        return Join::No;
    }
    if last == '\u{AD}' {
        return Join::DropHyphen;
    }
    if !matches!(last, '-' | '\u{2010}') {
        return Join::No;
    }
    let head = cur[..cur.len() - last.len_utf8()]
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    // `first-time-` + `right`: the word before the break is already a
    // hyphenated compound, so the break is at one of its hyphens.
    let in_compound = head.contains('-');
    let prefix = head.rsplit('-').next().unwrap_or("").to_lowercase();
    let suffix: String = next
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // The document itself says which form the word has elsewhere.
    let compound = next
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .contains('-');
    let whole_head = head.to_lowercase();
    if vocab.contains(&format!("{prefix}{suffix}"))
        || vocab.contains(&format!("{whole_head}{suffix}"))
    {
        return Join::DropHyphen;
    }
    // `first-` + `time-right`: a break inside a hyphenated compound.
    if compound || in_compound || vocab.contains(&format!("{prefix}-{suffix}")) {
        return Join::KeepHyphen;
    }
    // A word carried on in lowercase is a soft break, whatever the case of
    // its start (`CM-` + `fgT`, as pdftotext reads it); a capital starts the
    // second part of a compound (`Allen-` + `Bradley`).
    if first.is_lowercase() {
        Join::DropHyphen
    } else if first.is_uppercase() {
        Join::KeepHyphen
    } else {
        Join::No
    }
}

/// Joins words broken by an end-of-line hyphen: the first word of the next
/// line moves up (a line left empty is dropped). A soft line-break hyphen
/// (a letter before it and a lowercase letter after it, or the joined word
/// used elsewhere in the document) is removed; a compound broken after its
/// hyphen (a capital after it) keeps it.
pub fn join_hyphens<L: LineText>(lines: &mut Vec<L>, vocab: &HashSet<String>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let join = decide_join(lines[i].text(), lines[i + 1].text(), vocab);
        if join != Join::No {
            let next = std::mem::take(lines[i + 1].text_mut());
            let (word, rest) = match next.find(' ') {
                Some(p) => (
                    next[..p].to_string(),
                    next[p + 1..].trim_start().to_string(),
                ),
                None => (next.clone(), String::new()),
            };
            let cur = lines[i].text_mut();
            if join == Join::DropHyphen {
                cur.pop();
            }
            cur.push_str(&word);
            if rest.is_empty() {
                lines.remove(i + 1);
                continue;
            }
            *lines[i + 1].text_mut() = rest;
        }
        i += 1;
    }
}

/// Lays out one page as text lines, with the list markers drawn beside them.
pub fn page_lines(painted: Painted) -> Vec<PageLine> {
    let Painted { glyphs, marks, .. } = painted;
    // Sorted by their middle's height, so each line looks only at the marks
    // beside it (a page may hold thousands of marks and of lines).
    let mut marks = marks;
    marks.sort_by(|a, b| a.mid_y().total_cmp(&b.mid_y()));
    let mut used = vec![false; marks.len()];
    let mut by_direction: [Vec<Glyph>; 4] = Default::default();
    for g in glyphs {
        if let Some(group) = by_direction.get_mut(usize::from(g.rot)) {
            group.push(g);
        }
    }
    let mut out = Vec::new();
    for (rot, group) in (0u8..).zip(by_direction) {
        if group.is_empty() {
            continue;
        }
        let mut group = drop_duplicates(group);
        merge_accents(&mut group);
        let group = reading_order(group);
        let runs = build_runs(&group);
        let lines = visual_order(&group, build_lines(runs));
        let lines = split_columns(&group, attach_row_fragments(&group, lines));
        for l in &lines {
            let letter_gap = line_letter_gap(&group, l);
            let text = logical_order(drawn_soft_hyphens(line_text(&group, l, letter_gap)));
            if text.is_empty() {
                continue;
            }
            let mut line = describe(&group, l, text, rot == 0);
            if letter_gap >= super::facts::LETTER_SPACED_EM {
                line.letter_gap = tracking(&group, l);
            }
            if line.upright && line.marker == Marker::None {
                if let Some(slot) = marker_for(&line, &marks, &used) {
                    used[slot] = true;
                    line.marker = Marker::Drawn;
                    line.text.insert_str(0, "\u{2022} ");
                }
            }
            out.push(line);
        }
    }
    out
}

/// The line a rectangle (a link annotation) lies on: the upright line with
/// the most of its baseline inside the rectangle's height band and
/// overlapping it horizontally.
pub fn line_under(lines: &[PageLine], rect: [f64; 4]) -> Option<usize> {
    let [x0, y0, x1, y1] = rect.map(|v| v as f32);
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.upright)
        .filter(|(_, l)| {
            let s = l.size.max(1.0);
            l.y >= y0 - 0.4 * s && l.y <= y1 && l.x0 < x1 && x0 < l.x1
        })
        .max_by(|a, b| {
            let overlap = |l: &PageLine| l.x1.min(x1) - l.x0.max(x0);
            overlap(a.1).total_cmp(&overlap(b.1))
        })
        .map(|(i, _)| i)
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko… and their presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// A line read left to right on the page is in visual order: its
/// right-to-left runs come out letter-reversed. The bidi algorithm puts
/// them back in logical order, the line's direction being that of most of
/// its letters. Lines without right-to-left letters are returned as they are.
fn logical_order(text: String) -> String {
    if !text.chars().any(is_rtl) {
        return text;
    }
    let (rtl, ltr) =
        text.chars()
            .filter(|c| c.is_alphabetic())
            .fold((0usize, 0usize), |(r, l), c| {
                if is_rtl(c) {
                    (r + 1, l)
                } else {
                    (r, l + 1)
                }
            });
    let base = if rtl >= ltr {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let info = unicode_bidi::BidiInfo::new(&text, Some(base));
    info.paragraphs
        .iter()
        .map(|para| info.reorder_line(para, para.range.clone()))
        .collect()
}

/// A soft hyphen drawn inside a line is a hyphen a reader sees (LuaTeX maps
/// the hyphen glyph of some fonts to U+00AD: "Back\u{ad}end"); only at the
/// end of a line does it mark a word broken across lines, which
/// [`join_hyphens`] mends.
fn drawn_soft_hyphens(text: String) -> String {
    match text.trim_end().strip_suffix('\u{ad}') {
        _ if !text.contains('\u{ad}') => text,
        Some(head) => format!("{}\u{ad}", head.replace('\u{ad}', "-")),
        None => text.replace('\u{ad}', "-"),
    }
}

/// A line's geometry, weight and text marker.
fn describe(glyphs: &[Glyph], l: &LineRuns, text: String, upright: bool) -> PageLine {
    let ink = || {
        l.runs
            .iter()
            .flat_map(|r| r.glyphs.iter())
            .map(|&i| &glyphs[i])
            .filter(|g| !g.is_space())
    };
    let letters = ink().filter(|g| g.text.chars().any(char::is_alphabetic));
    let (bold, all) = letters.fold((0usize, 0usize), |(b, a), g| {
        (b + usize::from(g.bold), a + 1)
    });
    let leads_with_bullet = text.chars().next().is_some_and(is_bullet_char);
    let text_x0 = if leads_with_bullet {
        ink().nth(1).map_or(l.x0(), |g| g.x)
    } else {
        l.x0()
    };
    PageLine {
        x0: l.x0(),
        x1: l.x1(),
        y: l.runs.first().map_or(0.0, |r| r.y),
        size: l.runs.iter().map(|r| r.size).fold(0.0, f32::max),
        bold: all > 0 && bold * 2 > all,
        upright,
        marker: if leads_with_bullet {
            Marker::Text
        } else {
            Marker::None
        },
        text_x0,
        side: l.side,
        letter_gap: 0.0,
        tabbed: l
            .runs
            .windows(2)
            .any(|w| w[1].x0 - w[0].x1 > TAB_GAP * w[0].size.max(w[1].size).max(1.0)),
        text,
    }
}

/// The unused mark that stands as this line's list marker: left of its first
/// glyph by at most three font sizes, smaller than a lowercase letter, its
/// middle between the baseline and the top of the letters. A mark as large
/// as a capital is an icon (an envelope before an e-mail address), and so
/// is every mark of a line that has another one among its words (icon,
/// datum, icon, datum): neither makes a list item.
/// `marks` are sorted by [`Mark::mid_y`]; `used` marks are taken by other
/// lines.
fn marker_for(line: &PageLine, marks: &[Mark], used: &[bool]) -> Option<usize> {
    let s = line.size.max(1.0);
    // The marks whose middle is between the baseline and the letters' top.
    let lo = marks.partition_point(|m| m.mid_y() < line.y - 0.15 * s);
    let hi = marks.partition_point(|m| m.mid_y() <= line.y + 0.85 * s);
    let beside = || {
        (lo..hi.max(lo))
            .filter(|&i| !used.get(i).copied().unwrap_or(true))
            .map(|i| (i, marks[i]))
    };
    if beside().any(|(_, m)| m.x0 > line.x0 && m.x1 < line.x1) {
        return None;
    }
    beside()
        .filter(|(_, m)| {
            let gap = line.x0 - m.x1;
            m.x1 - m.x0 <= 0.7 * s && m.y1 - m.y0 <= 0.7 * s && gap >= 0.15 * s && gap <= 3.0 * s
        })
        .min_by(|a, b| (line.x0 - a.1.x1).total_cmp(&(line.x0 - b.1.x1)))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the laid-out lines of a page of glyphs without marks.
    fn texts(glyphs: Vec<Glyph>) -> Vec<String> {
        page_lines(Painted {
            glyphs,
            ..Painted::default()
        })
        .into_iter()
        .map(|l| l.text)
        .collect()
    }

    /// Glyphs for `text` starting at (x, y), each `w` wide, with `gap` between letters.
    #[test]
    fn right_to_left_runs_come_out_in_logical_order() {
        // Hebrew drawn left to right on the page (visual order).
        assert_eq!(
            logical_order("\u{5DD}\u{5D5}\u{5DC}\u{5E9}".into()),
            "\u{5E9}\u{5DC}\u{5D5}\u{5DD}"
        );
        assert_eq!(
            logical_order("ISO 9001 Lean \u{5DD}\u{5D5}\u{5DC}\u{5E9}".into()),
            "ISO 9001 Lean \u{5E9}\u{5DC}\u{5D5}\u{5DD}"
        );
        // An RTL line with a number: the digits keep their order.
        assert_eq!(
            logical_order("2019 \u{5D4}\u{5D3}\u{5D1}\u{5D5}\u{5E2}".into()),
            "\u{5E2}\u{5D5}\u{5D1}\u{5D3}\u{5D4} 2019"
        );
        assert_eq!(logical_order("Lean Six Sigma".into()), "Lean Six Sigma");
    }

    fn word(text: &str, x: f32, y: f32, w: f32, gap: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string().into(),
                x: x + i as f32 * (w + gap),
                y,
                w,
                size: 10.0,
                rot: 0,
                bold: false,
            })
            .collect()
    }

    /// Words separated by 3-unit (0.3 em) gaps, no space glyphs.
    fn text_line(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for w in text.split(' ') {
            out.extend(word(w, x, y, 5.0, 0.0));
            x += w.chars().count() as f32 * 5.0 + 3.0;
        }
        out
    }

    /// A page of a left column (x 50) and a right column (x 200), 12 units
    /// a line: `left[i]` and `right[i]` on row i, `None` for no text.
    fn two_columns(left: &[Option<&str>], right: &[Option<&str>]) -> Vec<String> {
        let mut glyphs = Vec::new();
        for (row, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 700.0 - 12.0 * row as f32;
            if let Some(l) = l {
                glyphs.extend(text_line(l, 50.0, y));
            }
            if let Some(r) = r {
                glyphs.extend(text_line(r, 200.0, y));
            }
        }
        texts(glyphs)
    }

    #[test]
    fn side_headings_head_their_sections() {
        let got = two_columns(
            &[
                Some("EXPERIENCE"),
                None,
                None,
                None,
                Some("EDUCATION"),
                None,
                Some("SKILLS"),
                None,
            ],
            &[
                Some("Production Technician Acme"),
                Some("Mar 2019 to Present"),
                Some("Ran six molding presses"),
                None,
                Some("Associate of Applied Science"),
                Some("Sinclair College 2016"),
                Some("Machine setup and SPC"),
                Some("Blueprint reading and 5S"),
            ],
        );
        assert_eq!(
            got,
            [
                "EXPERIENCE",
                "Production Technician Acme",
                "Mar 2019 to Present",
                "Ran six molding presses",
                "EDUCATION",
                "Associate of Applied Science",
                "Sinclair College 2016",
                "SKILLS",
                "Machine setup and SPC",
                "Blueprint reading and 5S",
            ]
        );
    }

    #[test]
    fn a_sidebar_list_beside_the_body_stays_a_column() {
        // Short items a line apart are a list, not side headings.
        let got = two_columns(
            &[
                Some("SKILLS"),
                Some("Welding"),
                Some("Forklift"),
                Some("SPC"),
                None,
            ],
            &[
                Some("Production Technician Acme"),
                Some("Acme Plastics in Dayton"),
                Some("Ran six molding presses"),
                Some("Cut scrap by twelve percent"),
                Some("Trained four new operators"),
            ],
        );
        assert_eq!(got[..4], ["SKILLS", "Welding", "Forklift", "SPC"]);
    }

    #[test]
    fn word_spaces_from_gaps() {
        // "Six" then "Sigma" 2.5 units (0.25 em) later; no space glyph.
        let mut g = word("Six", 0.0, 700.0, 5.0, 0.0);
        g.extend(word("Sigma", 17.5, 700.0, 5.0, 0.0));
        assert_eq!(texts(g), vec!["Six Sigma"]);
        // A kerning gap of 0.05 em stays inside the word.
        let mut g = word("Si", 0.0, 700.0, 5.0, 0.0);
        g.extend(word("x", 10.5, 700.0, 5.0, 0.0));
        assert_eq!(texts(g), vec!["Six"]);
    }

    #[test]
    fn letter_spaced_text_keeps_words() {
        // Letters 3 units (0.3 em) apart, words 8.5 units apart.
        let mut g = word("JORDAN", 0.0, 700.0, 6.0, 3.0);
        let end = 6.0 * 9.0 - 3.0;
        g.extend(word("LEE", end + 8.5, 700.0, 6.0, 3.0));
        assert_eq!(texts(g), vec!["JORDAN LEE"]);
    }

    #[test]
    fn kerned_pairs_in_letter_spaced_text_do_not_split_words() {
        // "ÁLVAREZ" spaced 1.25 units (0.125 em) with the L-V pair kerned
        // to touch and V-A nearly so, then a space glyph and "NÚÑEZ".
        let xs = [0.0, 7.25, 13.3, 18.4, 25.65, 32.9, 40.15];
        let mut g: Vec<Glyph> = "ÁLVAREZ"
            .chars()
            .zip(xs)
            .map(|(c, x)| Glyph {
                text: c.to_string().into(),
                x,
                y: 700.0,
                w: 6.0,
                size: 10.0,
                rot: 0,
                bold: false,
            })
            .collect();
        g.push(Glyph {
            text: " ".into(),
            x: 46.15,
            y: 700.0,
            w: 3.0,
            size: 10.0,
            rot: 0,
            bold: false,
        });
        g.extend(word("NÚÑEZ", 50.4, 700.0, 6.0, 1.25));
        assert_eq!(texts(g), vec!["ÁLVAREZ NÚÑEZ"]);
    }

    #[test]
    fn kerned_away_space_glyph_is_ignored() {
        // "kow" + a space glyph the producer moved back over + "alczyk".
        let mut g = word("kow", 0.0, 700.0, 5.0, 0.0);
        g.push(Glyph {
            text: " ".into(),
            x: 14.8,
            y: 700.0,
            w: 2.5,
            size: 10.0,
            rot: 0,
            bold: false,
        });
        g.extend(word("alczyk", 14.9, 700.0, 5.0, 0.0));
        // A real space glyph with room for it still separates words.
        g.extend(word(" next", 44.9, 700.0, 5.0, 0.0));
        assert_eq!(texts(g), vec!["kowalczyk next"]);
    }

    #[test]
    fn letter_spaced_heading_next_to_normal_text() {
        // "SKILLS" letter-spaced by 0.3 em, then normal "Lean" after a 0.8 em gap.
        let mut g = word("SKILLS", 0.0, 700.0, 6.0, 3.0);
        g.extend(word("Lean", 6.0 * 9.0 - 3.0 + 8.0, 700.0, 5.0, 0.0));
        assert_eq!(texts(g), vec!["SKILLS Lean"]);
    }

    #[test]
    fn fake_bold_and_accents() {
        let mut g = word("Bold", 0.0, 700.0, 5.0, 0.0);
        g.extend(word("Bold", 0.3, 700.2, 5.0, 0.0));
        assert_eq!(texts(g), vec!["Bold"]);
        // ¨ drawn over the u of "Muller".
        let mut g = word("Muller", 0.0, 700.0, 5.0, 0.0);
        g.insert(
            1,
            Glyph {
                text: "\u{A8}".into(),
                x: 5.0,
                y: 700.0,
                w: 5.0,
                size: 10.0,
                rot: 0,
                bold: false,
            },
        );
        assert_eq!(texts(g), vec!["Müller"]);
        // ´ over a dotless ı gives í.
        let mut g = word("Garc\u{131}a", 0.0, 700.0, 5.0, 0.0);
        g.push(Glyph {
            text: "\u{B4}".into(),
            x: 20.0,
            y: 700.0,
            w: 5.0,
            size: 10.0,
            rot: 0,
            bold: false,
        });
        assert_eq!(texts(g), vec!["García"]);
    }

    #[test]
    fn columns_drawn_row_by_row_are_read_apart() {
        let mut g = Vec::new();
        let left = ["Left one", "Left two", "Left three"];
        let right = ["Right one", "Right two", "Right three"];
        for i in 0..3 {
            let y = 700.0 - 14.0 * i as f32;
            g.extend(text_line(left[i], 0.0, y));
            g.extend(text_line(right[i], 300.0, y));
        }
        assert_eq!(
            texts(g),
            vec![
                "Left one",
                "Left two",
                "Left three",
                "Right one",
                "Right two",
                "Right three"
            ]
        );
    }

    #[test]
    fn dates_floated_right_and_drawn_last_stand_above_their_entries() {
        let mut g = Vec::new();
        for (text, y) in [
            ("Work", 700.0),
            ("Tester", 660.0),
            ("Ran presses", 645.0),
            ("Welder", 600.0),
            ("Cut steel", 585.0),
        ] {
            g.extend(text_line(text, 0.0, y));
        }
        g.extend(text_line("2019 - 2021", 400.0, 675.0));
        g.extend(text_line("2015 - 2019", 400.0, 615.0));
        assert_eq!(
            texts(g),
            vec![
                "Work",
                "2019 - 2021",
                "Tester",
                "Ran presses",
                "2015 - 2019",
                "Welder",
                "Cut steel"
            ]
        );
    }

    #[test]
    fn a_column_drawn_in_two_passes_is_read_top_to_bottom() {
        // Every entry's header first, then every entry's body (Chrome paints
        // positioned boxes after the normal flow); a sidebar drawn last
        // stays where it is.
        let mut g = Vec::new();
        for (i, head) in ["Acme 2019", "Bolt 2015"].iter().enumerate() {
            g.extend(text_line(head, 0.0, 700.0 - 60.0 * i as f32));
        }
        for (i, body) in ["Welded frames", "Ran presses"].iter().enumerate() {
            g.extend(text_line(body, 0.0, 680.0 - 60.0 * i as f32));
        }
        g.extend(text_line("Side one", 400.0, 700.0));
        g.extend(text_line("Side two", 400.0, 640.0));
        assert_eq!(
            texts(g),
            vec![
                "Acme 2019",
                "Welded frames",
                "Bolt 2015",
                "Ran presses",
                "Side one",
                "Side two"
            ]
        );
    }

    #[test]
    fn columns_on_different_baselines_are_not_interleaved() {
        // A sidebar and a main column whose lines alternate in the stream.
        let mut g = text_line("Jordan Example Production Technician Resume", 0.0, 760.0);
        for i in 0..4 {
            g.extend(text_line(
                &format!("Skill number {i}"),
                0.0,
                700.0 - 14.0 * i as f32,
            ));
            g.extend(text_line(
                &format!("Main column line {i}"),
                200.0,
                705.0 - 14.0 * i as f32,
            ));
        }
        let lines = texts(g);
        assert_eq!(
            lines[1..5],
            [
                "Skill number 0",
                "Skill number 1",
                "Skill number 2",
                "Skill number 3"
            ]
        );
        assert_eq!(lines[5], "Main column line 0");
    }

    #[test]
    fn bullets_and_dates_do_not_make_columns() {
        // "•" and "2019" sit apart from their text: still read as whole lines.
        let mut g = Vec::new();
        for i in 0..4 {
            let y = 700.0 - 14.0 * i as f32;
            g.extend(word("\u{2022}", 0.0, y, 5.0, 0.0));
            g.extend(text_line(&format!("Bullet text {i}"), 30.0, y));
        }
        for i in 0..4 {
            let y = 600.0 - 14.0 * i as f32;
            g.extend(text_line(&format!("201{i}"), 0.0, y));
            g.extend(text_line(&format!("Job title {i}"), 60.0, y));
        }
        let lines = texts(g);
        assert_eq!(lines[0], "\u{2022} Bullet text 0");
        assert_eq!(lines[4], "2010 Job title 0");
        assert_eq!(lines.len(), 8);
    }

    #[test]
    fn shuffled_glyphs_are_sorted() {
        let mut g = text_line("Maintenance technician who builds", 0.0, 700.0);
        g.extend(text_line("an efficient workflow", 0.0, 686.0));
        g.extend(text_line("and keeps lines running", 0.0, 672.0));
        // A fixed shuffle: every 7th glyph, cycling.
        let n = g.len();
        let order: Vec<usize> = (0..n).map(|i| (i * 7) % n).collect();
        assert!(!n.is_multiple_of(7));
        let shuffled: Vec<Glyph> = order.iter().map(|&i| g[i].clone()).collect();
        assert_eq!(
            texts(shuffled),
            vec![
                "Maintenance technician who builds",
                "an efficient workflow",
                "and keeps lines running"
            ]
        );
    }

    #[test]
    fn out_of_order_glyphs_are_sorted() {
        let mut g = word("Maintenance", 0.0, 700.0, 5.0, 0.0);
        g.extend(word("Technician", 0.0, 686.0, 5.0, 0.0));
        g.reverse();
        assert_eq!(texts(g), vec!["Maintenance", "Technician"]);
    }

    #[test]
    fn drawn_soft_hyphens_are_hyphens_except_at_a_line_end() {
        assert_eq!(drawn_soft_hyphens("Back\u{ad}end".into()), "Back-end");
        assert_eq!(
            drawn_soft_hyphens("Co\u{ad}founder of main\u{ad}".into()),
            "Co-founder of main\u{ad}"
        );
        assert_eq!(drawn_soft_hyphens("plain".into()), "plain");
    }

    #[test]
    fn icons_are_not_list_markers_but_bullets_are() {
        let line = |text: &str, x0: f32, y: f32| PageLine {
            text: text.into(),
            x0,
            x1: x0 + 150.0,
            y,
            size: 10.0,
            bold: false,
            upright: true,
            marker: Marker::None,
            text_x0: x0,
            side: false,
            letter_gap: 0.0,
            tabbed: false,
        };
        let mark = |x0: f32, y0: f32, w: f32| Mark {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + w,
        };
        // A 4 pt disc 8 pt left of the text, centred on the x-height: a marker.
        let item = line("Cut scrap by 20%", 84.0, 600.0);
        assert_eq!(
            marker_for(&item, &[mark(72.0, 601.5, 4.0)], &[false]),
            Some(0)
        );
        // The same mark, taken by another line.
        assert_eq!(marker_for(&item, &[mark(72.0, 601.5, 4.0)], &[true]), None);
        // An 8 pt icon before an e-mail address: as large as a capital.
        let header = line("jane@example.com 555-0100", 212.0, 700.0);
        assert_eq!(
            marker_for(&header, &[mark(200.0, 699.0, 8.0)], &[false]),
            None
        );
        // A small icon, but another one among the line's words: icons.
        assert_eq!(
            marker_for(
                &header,
                &[mark(205.0, 701.0, 4.0), mark(300.0, 701.0, 4.0)],
                &[false, false]
            ),
            None
        );
    }

    #[test]
    fn a_marker_drawn_after_its_item_joins_it() {
        // The item's text first, then its bullet (another font) to its left.
        let mut g = word("Cut scrap by 20%", 168.0, 600.0, 5.0, 0.0);
        g.extend(word("Trained six operators", 168.0, 586.0, 5.0, 0.0));
        g.extend(word("\u{2022}", 160.0, 600.0, 3.6, 0.0));
        g.extend(word("\u{2022}", 160.0, 586.0, 3.6, 0.0));
        assert_eq!(
            texts(g),
            vec![
                "\u{2022} Cut scrap by 20%",
                "\u{2022} Trained six operators"
            ]
        );
    }

    #[test]
    fn lines_of_different_sizes_that_overlap_are_not_interleaved() {
        // A 24 pt name and a 9 pt line whose baseline is 6 pt lower, drawn
        // letter by letter alternately (so the page is sorted by position).
        let name = word("JORDAN", 0.0, 700.0, 16.0, 0.0);
        let contact = word("email@site.org", 0.0, 694.0, 6.0, 0.0);
        let mut g = Vec::new();
        for (i, c) in contact.iter().enumerate() {
            if let Some(n) = name.get(i) {
                g.push(Glyph {
                    size: 24.0,
                    ..n.clone()
                });
            }
            g.push(Glyph {
                size: 9.0,
                ..c.clone()
            });
        }
        assert_eq!(texts(g), vec!["JORDAN", "email@site.org"]);
    }

    #[test]
    fn a_title_drawn_in_pieces_is_one_line() {
        // "Senior" and "Engineer" drawn first, "Production" last, then the body.
        let mut g = word("Engineer", 92.0, 700.0, 5.0, 0.0);
        g.extend(word("Senior", 0.0, 700.0, 5.0, 0.0));
        g.extend(word("Built", 0.0, 686.0, 5.0, 0.0));
        g.extend(word("Production", 36.0, 700.0, 5.0, 0.0));
        g.extend(word("frames", 0.0, 672.0, 5.0, 0.0));
        assert_eq!(
            texts(g),
            vec!["Senior Production Engineer", "Built", "frames"]
        );
    }

    #[test]
    fn dates_drawn_before_their_titles_join_their_rows() {
        // An HTML float: each row's right-aligned dates are drawn first, then
        // the page from the top. Each date goes back to its title's row.
        let mut g = word("2020-2024", 400.0, 680.0, 5.0, 0.0);
        g.extend(word("2016-2020", 400.0, 640.0, 5.0, 0.0));
        g.extend(word("Name", 0.0, 700.0, 5.0, 0.0));
        g.extend(word("Technician", 0.0, 680.0, 5.0, 0.0));
        g.extend(word("Built", 0.0, 666.0, 5.0, 0.0));
        g.extend(word("frames", 0.0, 652.0, 5.0, 0.0));
        g.extend(word("Operator", 0.0, 640.0, 5.0, 0.0));
        assert_eq!(
            texts(g),
            vec![
                "Name",
                "Technician 2020-2024",
                "Built",
                "frames",
                "Operator 2016-2020"
            ]
        );
    }

    #[test]
    fn hyphenation_joins() {
        let mut lines: Vec<String> = [
            "reduced main-",
            "tenance costs",
            "Allen-",
            "Bradley PLCs and Solid-",
            "Works models",
            "2019-",
            "2021",
            "soft\u{AD}",
            "ware",
            "first-",
            "aid",
            "fonts CM-",
            "fgT and a PDF-",
            "Reader",
            "safe, first-",
            "time-right setups",
            "safe, first-time-",
            "right setups",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let vocab: HashSet<String> = ["solidworks", "first-aid"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        join_hyphens(&mut lines, &vocab);
        assert_eq!(
            lines,
            vec![
                "reduced maintenance",
                "costs",
                "Allen-Bradley",
                "PLCs and SolidWorks",
                "models",
                "2019-",
                "2021",
                "software",
                "first-aid",
                "fonts CMfgT",
                "and a PDF-Reader",
                "safe, first-time-right",
                "setups",
                "safe, first-time-right",
                "setups",
            ]
        );
        let words = vocabulary(&["SolidWorks, (Allen-Bradley)".to_string()]);
        assert!(words.contains("solidworks") && words.contains("allen-bradley"));
    }
}
