//! How a simple extractor reads a PDF, for `rolefit extract --view ats`:
//! only the text the file itself maps (rolefit's recoveries show as
//! U+FFFD), lines formed by height across the whole page width (so columns
//! side by side merge), and a word break at every gap wider than a tenth
//! of an em (so letter-spaced words fall apart).

use super::budget::Budget;
use super::interpreter::{Glyph, Interpreter};
use super::loader;
use crate::error::{ErrorKind, FileError};
use crate::extract::Limits;

/// A gap wider than this (in ems) is a word break.
const WORD_GAP_EM: f32 = 0.1;
/// A gap wider than this (in ems) is shown as a wide gap: a column gutter.
const GUTTER_EM: f32 = 2.0;

/// Each page's text as a simple extractor reads it.
pub fn pages(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, FileError> {
    let loaded = loader::load(bytes, limits)?;
    let mut budget = Budget::new(limits);
    let mut interp = Interpreter::new(&loaded.doc);
    interp.simple_reader = true;
    let mut out = Vec::with_capacity(loaded.pages.len());
    for page_id in &loaded.pages {
        limits.check_deadline()?;
        match interp.run_page(*page_id, &mut budget) {
            Ok(painted) => out.push(page_text(painted.glyphs)),
            Err(e) if e.kind == ErrorKind::Timeout => return Err(e),
            Err(_) => break,
        }
    }
    Ok(out)
}

/// Upright glyphs grouped by baseline across the page, each line left to
/// right.
fn page_text(glyphs: Vec<Glyph>) -> String {
    let mut glyphs: Vec<Glyph> = glyphs.into_iter().filter(|g| g.rot == 0).collect();
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut text = String::new();
    let mut i = 0;
    while i < glyphs.len() {
        let (y0, s0) = (glyphs[i].y, glyphs[i].size.max(1.0));
        let mut j = i + 1;
        while j < glyphs.len() && y0 - glyphs[j].y < 0.5 * s0.min(glyphs[j].size.max(1.0)) {
            j += 1;
        }
        let line = &mut glyphs[i..j];
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut prev: Option<&Glyph> = None;
        let mut s = String::new();
        for g in line.iter() {
            if g.is_space() {
                if !s.ends_with(' ') && !s.is_empty() {
                    s.push(' ');
                }
                continue;
            }
            if let Some(p) = prev {
                let gap = (g.x - (p.x + p.w)) / p.size.max(g.size).max(1.0);
                if gap > GUTTER_EM {
                    s.truncate(s.trim_end().len());
                    s.push_str("   ");
                } else if gap > WORD_GAP_EM && !s.ends_with(' ') {
                    s.push(' ');
                }
            }
            s.extend(g.text.chars().map(|c| if c.is_control() { ' ' } else { c }));
            prev = Some(g);
        }
        let s = s.trim();
        if !s.is_empty() {
            text.push_str(s);
            text.push('\n');
        }
        i = j;
    }
    text
}
