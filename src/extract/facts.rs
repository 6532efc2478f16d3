//! What extraction learns about a document besides its text: layout and font
//! facts that decide whether an applicant-tracking system (ATS) reads the
//! resume as rolefit does. Each extractor fills what its format knows; the
//! [`crate::ats`] stage turns the facts into findings.
//!
//! Every list is bounded ([`MAX_ITEMS`], [`MAX_REFS`]): the facts of a
//! hostile file stay small, and counts keep the totals.

/// Entries kept per list of facts.
pub const MAX_ITEMS: usize = 64;
/// Line references kept per fact.
pub const MAX_REFS: usize = 16;

/// A line of the document: its page (paged formats) and number, as in
/// [`crate::extract::Line`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineRef {
    pub page: Option<u32>,
    pub line: u32,
}

/// A count with the first lines it was seen on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refs {
    pub count: u32,
    /// At most [`MAX_REFS`], in order of appearance, each once.
    pub lines: Vec<LineRef>,
}

impl Refs {
    /// Counts `n` more, seen on `at`.
    pub fn add(&mut self, at: LineRef, n: u32) {
        self.count = self.count.saturating_add(n);
        if self.lines.len() < MAX_REFS && !self.lines.contains(&at) {
            self.lines.push(at);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A part of a page's text read as a column beside another (PDF): a
/// line-by-line reader merges its lines with the other column's.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// 0 for the leftmost column of the block.
    pub index: u32,
    /// The first and last line of the column in rolefit's reading.
    pub first: u32,
    pub last: u32,
    /// Lines of the column that share a baseline with another column.
    pub lines: u32,
    /// Of those, lines of at least six words (sentences, not list items).
    pub long_lines: u32,
    /// Of those, lines ending in a colon (the labels of a label-value table).
    pub labels: u32,
    /// Read as a sidebar (the clearly narrower column).
    pub side: bool,
}

/// Side-by-side columns on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnBlock {
    pub page: u32,
    /// Baselines where text of two or more columns stands side by side.
    pub rows: u32,
    pub columns: Vec<Column>,
}

/// Why a font's glyphs do not give a simple reader their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GlyphProblem {
    /// No Unicode mapping at all: the text is lost (rolefit too loses it).
    Lost,
    /// No mapping in the file; rolefit recovered the text from the font
    /// program or from what the producer is known to do.
    Recovered,
    /// A ligature (fi, ffl…) with no mapping in the file: a simple reader
    /// drops it ("elded" for "fielded"); rolefit may too.
    Ligature,
    /// A ligature mapped to its presentation form (U+FB00–U+FB06), by the
    /// file or by the glyph's name: readers that do not normalise miss the
    /// word ("ﬁelded" is not "fielded").
    LigatureCodePoint,
    /// An icon font's glyph (Font Awesome, Wingdings, …).
    Icon,
}

/// Glyphs of one font with one problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphIssue {
    /// The font's name, without a subset prefix (`ABCDEF+`).
    pub font: String,
    pub problem: GlyphProblem,
    /// Glyphs, and lines they were drawn on.
    pub refs: Refs,
}

/// Where header or footer text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Margin {
    /// A DOCX or ODT page header.
    Header,
    /// A DOCX or ODT page footer.
    Footer,
    /// A PDF line repeated at the top of every page.
    RepeatedTop,
    /// A PDF line repeated at the bottom of every page.
    RepeatedBottom,
}

/// A line of header or footer text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarginLine {
    pub margin: Margin,
    /// The line (for PDF repeats, its first occurrence).
    pub at: LineRef,
    /// For PDF repeats, on how many pages.
    pub pages: u32,
}

/// A page whose area is mostly images, or whose text is drawn as shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct ImagePage {
    pub page: u32,
    /// Share of the page covered by images, 0 to 1.
    pub cover: f32,
    /// Characters of text drawn on the page.
    pub chars: u32,
    /// Hundreds of small filled shapes and little text: the text is drawn
    /// as outlines (a "flattened" export), a picture of text all the same.
    pub outlines: bool,
}

/// A DOCX, ODT or HTML table laid out as columns of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutTable {
    /// Rows holding content in two or more cells side by side.
    pub rows: u32,
    /// The most cells with content in one of those rows.
    pub columns: u32,
    /// Whether two cells of one row each hold several lines (two real
    /// columns), not only a label beside its text.
    pub columns_of_text: bool,
    /// The first and last line of the table, when found.
    pub first: Option<LineRef>,
    pub last: Option<LineRef>,
}

/// Characters found in the extracted text before [`crate::normalize::clean_text`]
/// removes or replaces them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharFacts {
    /// Soft hyphens (U+00AD) between two letters.
    pub soft_hyphens: Refs,
    /// Zero-width spaces and joiners, word joiners, byte-order marks.
    pub zero_width: Refs,
    /// Control characters and bidirectional formatting marks.
    pub controls: Refs,
    /// Private-use code points other than Word's bullets: icon glyphs.
    pub private_use: Refs,
    /// Ligature code points (U+FB00–U+FB06).
    pub ligatures: Refs,
}

/// The layout and font facts of a document (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutFacts {
    /// PDF: columns a line-by-line reader would merge.
    pub columns: Vec<ColumnBlock>,
    /// PDF: lines whose letters are spaced apart, with the usual gap
    /// between letters in ems (at most [`MAX_ITEMS`]).
    pub letter_spaced: Vec<(LineRef, f32)>,
    /// PDF: every letter-spaced line, counted.
    pub letter_spaced_lines: u32,
    /// PDF: glyphs whose text a simple reader does not get, by font.
    pub glyphs: Vec<GlyphIssue>,
    /// PDF: list markers drawn as shapes, images or unmapped glyphs.
    pub drawn_bullets: Refs,
    /// Header and footer text.
    pub margins: Vec<MarginLine>,
    /// PDF: pages mostly covered by images.
    pub image_pages: Vec<ImagePage>,
    /// DOCX, ODT, HTML: tables used for layout.
    pub layout_tables: Vec<LayoutTable>,
    /// Characters the text held before cleaning.
    pub chars: CharFacts,
}

impl LayoutFacts {
    /// Counts `n` glyphs of `font` with `problem` on line `at` (when known).
    pub fn glyph(&mut self, font: &str, problem: GlyphProblem, at: Option<LineRef>, n: u32) {
        let issue = match self
            .glyphs
            .iter_mut()
            .position(|g| g.problem == problem && g.font == font)
        {
            Some(i) => &mut self.glyphs[i],
            None if self.glyphs.len() < MAX_ITEMS => {
                self.glyphs.push(GlyphIssue {
                    font: font.to_string(),
                    problem,
                    refs: Refs::default(),
                });
                self.glyphs.last_mut().expect("just pushed")
            }
            None => return,
        };
        match at {
            Some(at) => issue.refs.add(at, n),
            None => issue.refs.count = issue.refs.count.saturating_add(n),
        }
    }

    /// Notes the first `header` and the last `footer` of the `total` lines
    /// of an unpaged document (numbered from 1) as page header and footer text.
    pub fn margin_parts(&mut self, total: usize, header: usize, footer: usize) {
        let line = |i: usize| LineRef {
            page: None,
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        let footers = total.saturating_sub(footer).max(header)..total;
        let parts = (0..header.min(total))
            .map(|i| (Margin::Header, i))
            .chain(footers.map(|i| (Margin::Footer, i)));
        for (margin, i) in parts.take(MAX_ITEMS) {
            self.margins.push(MarginLine {
                margin,
                at: line(i),
                pages: 1,
            });
        }
    }

    /// Records what `text` (one raw line, at `at`) holds before cleaning.
    pub fn scan_chars(&mut self, text: &str, at: LineRef) {
        // Most lines hold none of these: one pass over bytes finds that.
        if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return;
        }
        let chars = &mut self.chars;
        let mut prev: Option<char> = None;
        let mut it = text.chars().peekable();
        let (mut soft, mut zero, mut ctrl, mut pua, mut lig) = (0u32, 0u32, 0u32, 0u32, 0u32);
        while let Some(c) = it.next() {
            match c {
                '\u{ad}' => {
                    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
                    if letter(prev) && letter(it.peek().copied()) {
                        soft += 1;
                    }
                }
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => zero += 1,
                '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                    ctrl += 1
                }
                '\t' => {}
                c if c.is_control() => ctrl += 1,
                '\u{fb00}'..='\u{fb06}' => lig += 1,
                c if is_private_use(c) && !crate::normalize::is_word_bullet(c) => pua += 1,
                _ => {}
            }
            prev = Some(c);
        }
        for (refs, n) in [
            (&mut chars.soft_hyphens, soft),
            (&mut chars.zero_width, zero),
            (&mut chars.controls, ctrl),
            (&mut chars.private_use, pua),
            (&mut chars.ligatures, lig),
        ] {
            if n > 0 {
                refs.add(at, n);
            }
        }
    }
}

/// A private-use code point (where icon fonts put their glyphs).
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// Whether a font name is an icon font's (Font Awesome, Material Icons,
/// Wingdings, …); `name` without its subset prefix.
pub fn is_icon_font(name: &str) -> bool {
    const ICONS: &[&str] = &[
        "awesome",
        "icons",
        "materialsymbols",
        "material symbols",
        "glyphicons",
        "octicons",
        "feather",
        "fontello",
        "icomoon",
        "wingdings",
        "webdings",
        "dingbat",
        "marvosym",
        "entypo",
        "typicons",
        "remixicon",
        "bootstrap-icons",
        "tabler",
        "phosphor",
        "lucide",
        "codicon",
        "devicon",
    ];
    let lower = name.to_ascii_lowercase();
    ICONS.iter().any(|w| lower.contains(w))
}

/// A font name without its subset prefix (`ABCDEF+Lato-Bold` → `Lato-Bold`).
pub fn font_name(base_font: &[u8]) -> String {
    let name = String::from_utf8_lossy(base_font);
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32) -> LineRef {
        LineRef {
            page: Some(1),
            line,
        }
    }

    #[test]
    fn characters_are_counted_before_cleaning() {
        let mut f = LayoutFacts::default();
        f.scan_chars("Pro\u{ad}duction", at(1));
        f.scan_chars("2023 \u{ad} 2024", at(2));
        f.scan_chars(
            "Lean\u{200b}Six \u{fb01}xtures \u{f0e0} \u{f0b7} x\u{7}",
            at(3),
        );
        assert_eq!(f.chars.soft_hyphens.count, 1);
        assert_eq!(f.chars.soft_hyphens.lines, vec![at(1)]);
        assert_eq!(f.chars.zero_width.count, 1);
        assert_eq!(f.chars.ligatures.count, 1);
        // Word's Symbol bullet (U+F0B7) is a bullet, not an icon.
        assert_eq!(f.chars.private_use.count, 1);
        assert_eq!(f.chars.controls.count, 1);
    }

    #[test]
    fn refs_stay_bounded() {
        let mut r = Refs::default();
        for i in 0..100 {
            r.add(at(i), 2);
        }
        assert_eq!((r.count, r.lines.len()), (200, MAX_REFS));
    }

    #[test]
    fn font_names_and_icon_fonts() {
        assert_eq!(font_name(b"ABCDEF+Lato-Bold"), "Lato-Bold");
        assert_eq!(font_name(b"Calibri,Bold"), "Calibri,Bold");
        assert!(is_icon_font("FontAwesome5Free-Solid"));
        assert!(is_icon_font("Wingdings-Regular"));
        assert!(!is_icon_font("Lato-Regular"));
        assert!(!is_icon_font("SymbolMT"));
    }
}
