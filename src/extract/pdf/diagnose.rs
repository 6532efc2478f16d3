//! Why a PDF gives no text, or less than it shows: the glyphs drawn in fonts
//! without a Unicode mapping (by font), the pages drawn as images or as
//! vector outlines, text left out as hidden. The `no_text` error says which
//! case it is and what to do ([`no_text`]); text that is partly undecodable
//! is a `no_unicode` warning ([`unmapped_warning`]).

use std::rc::Rc;

use crate::error::{FileError, NoTextReason};

/// Fonts tracked per document; glyphs of further fonts are counted under
/// the last one's total only.
const MAX_FONTS: usize = 64;
/// Distinct advance widths remembered per font.
const MAX_WIDTHS: usize = 8;
/// A font draws text (not a bullet or an icon) when its glyphs without
/// Unicode come in at least this many different widths…
const TEXT_WIDTHS: usize = 4;
/// … or are at least this many.
const TEXT_GLYPHS: usize = 200;
/// Fonts named in a message at most.
const NAMED_FONTS: usize = 4;

/// Glyphs drawn in a font that gives them no text.
#[derive(Debug, Clone)]
pub struct UnmappedFont {
    pub name: Rc<str>,
    pub glyphs: usize,
    /// Distinct advance widths (thousandths of an em), at most [`MAX_WIDTHS`].
    widths: Vec<i32>,
    /// The file holds the font's glyph shapes (`Font::drawn`): a rendering
    /// of the page shows them.
    pub drawn: bool,
}

/// Words in the names of icon and symbol fonts (Font Awesome, Material
/// Icons, Wingdings, LaTeX's marvosym and bbding…), whose glyphs are
/// pictures, not text.
const ICON_FONT_WORDS: &[&str] = &[
    "awesome", "icon", "dingbat", "wingding", "webding", "symbol", "material", "octicon",
    "feather", "fontello", "entypo", "marvosym", "bbding", "emoji",
];

impl UnmappedFont {
    /// The glyphs look like text: not an icon font, and many glyphs or of
    /// many shapes. A list bullet or a rating star is one or two shapes
    /// drawn a few times.
    pub fn looks_like_text(&self) -> bool {
        !self.is_icon_font() && (self.glyphs >= TEXT_GLYPHS || self.widths.len() >= TEXT_WIDTHS)
    }

    /// Named as an icon or symbol font.
    pub fn is_icon_font(&self) -> bool {
        let name = self.name.to_ascii_lowercase();
        ICON_FONT_WORDS.iter().any(|w| name.contains(w))
    }
}

/// The fonts of a document (or a page) that drew glyphs without Unicode.
#[derive(Debug, Default, Clone)]
pub struct Unmapped {
    pub fonts: Vec<UnmappedFont>,
}

impl Unmapped {
    /// Counts one glyph of `font` that has no text; `width` is its advance
    /// in text-space units per unit of font size.
    #[cfg(test)]
    pub fn add(&mut self, font: &Rc<str>, width: f32) {
        self.add_drawn(font, width, false);
    }

    /// Counts one glyph of `font` that has no text; `width` is its advance
    /// in text-space units per unit of font size; `drawn`: the file holds
    /// the font's glyph shapes.
    pub fn add_drawn(&mut self, font: &Rc<str>, width: f32, drawn: bool) {
        let width = (width * 1000.0).round() as i32;
        self.add_many(font, 1, std::iter::once(width), drawn);
    }

    fn add_many(
        &mut self,
        font: &Rc<str>,
        glyphs: usize,
        widths: impl Iterator<Item = i32>,
        drawn: bool,
    ) {
        // The same font keeps its name's allocation: compare pointers first.
        let found = self
            .fonts
            .iter()
            .rposition(|f| Rc::ptr_eq(&f.name, font))
            .or_else(|| self.fonts.iter().position(|f| f.name == *font));
        let i = match found {
            Some(i) => i,
            None if self.fonts.len() < MAX_FONTS => {
                self.fonts.push(UnmappedFont {
                    name: font.clone(),
                    glyphs: 0,
                    widths: Vec::new(),
                    drawn,
                });
                self.fonts.len() - 1
            }
            None => self.fonts.len() - 1,
        };
        let f = &mut self.fonts[i];
        f.glyphs += glyphs;
        f.drawn |= drawn;
        for w in widths {
            if f.widths.len() < MAX_WIDTHS && !f.widths.contains(&w) {
                f.widths.push(w);
            }
        }
    }

    /// Adds another count (a page's) to this one.
    pub fn merge(&mut self, other: Unmapped) {
        for f in other.fonts {
            self.add_many(&f.name, f.glyphs, f.widths.into_iter(), f.drawn);
        }
    }

    /// The fonts whose glyph shapes the file holds, and the others.
    pub fn split_drawn(self) -> (Unmapped, Unmapped) {
        let (drawn, rest) = self.fonts.into_iter().partition(|f| f.drawn);
        (Unmapped { fonts: drawn }, Unmapped { fonts: rest })
    }

    /// Glyphs without text, in all fonts.
    pub fn glyphs(&self) -> usize {
        self.fonts.iter().map(|f| f.glyphs).sum()
    }
}

/// "Calibri, Arial (and 3 more)": the fonts with the most glyphs first.
pub(super) fn font_list(fonts: &[&UnmappedFont]) -> String {
    let mut sorted = fonts.to_vec();
    sorted.sort_by(|a, b| b.glyphs.cmp(&a.glyphs).then(a.name.cmp(&b.name)));
    let names: Vec<&str> = sorted
        .iter()
        .take(NAMED_FONTS)
        .map(|f| f.name.as_ref())
        .collect();
    let more = sorted.len().saturating_sub(NAMED_FONTS);
    if more > 0 {
        format!("{} (and {more} more)", names.join(", "))
    } else {
        names.join(", ")
    }
}

const REEXPORT: &str = "export it again from its source with the fonts embedded (most tools: \"Save as PDF\" or \"Export to PDF\" rather than \"Print to PDF\"), so that the PDF maps its glyphs to Unicode (a ToUnicode map)";

/// The `no_unicode` warning for a document that has text, when fonts that
/// draw text (not bullets or icons) gave some of it no Unicode; the fonts
/// in `text_fonts` count as such whatever they look like (a page wanted
/// them read by OCR). `ocr`: why those pages were not read by OCR, and how
/// to have them read.
pub fn unmapped_warning(
    unmapped: &Unmapped,
    text_fonts: &Unmapped,
    ocr: Option<&str>,
) -> Option<String> {
    let text: Vec<&UnmappedFont> = unmapped
        .fonts
        .iter()
        .filter(|f| f.looks_like_text() || text_fonts.fonts.iter().any(|t| t.name == f.name))
        .collect();
    if text.is_empty() {
        return None;
    }
    let glyphs: usize = text.iter().map(|f| f.glyphs).sum();
    Some(format!(
        "no_unicode: {glyphs} characters in the font{} {} have no Unicode mapping and could not be read; to have them read, {REEXPORT}{}",
        if text.len() == 1 { "" } else { "s" },
        font_list(&text),
        ocr.map(|o| format!("; {o}")).unwrap_or_default(),
    ))
}

/// What a document without a word of text drew instead.
#[derive(Debug, Default)]
pub struct Drawn {
    pub unmapped: Unmapped,
    /// Pages with an image covering a large part of them.
    pub image_pages: usize,
    /// Filled or stroked paths.
    pub paths: usize,
    /// Characters left out as hidden (invisible, or in hidden layers).
    pub hidden_chars: usize,
    pub pages: usize,
    /// Characters read that are neither letters, digits nor spaces
    /// (punctuation, symbols: a legacy font's letters mapped to them).
    pub symbols: usize,
    /// Why the pages of unmapped glyphs were not read by OCR, and how to
    /// have them read.
    pub ocr: Option<String>,
}

/// Paths a page of outlined text draws at least (one per glyph, roughly).
const OUTLINE_PATHS: usize = 200;

/// The `no_text` error of a PDF in which no letter or digit was read.
pub fn no_text(drawn: &Drawn) -> FileError {
    let ocr = "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`";
    if drawn.unmapped.glyphs() > 0 {
        let fonts: Vec<&UnmappedFont> = drawn.unmapped.fonts.iter().collect();
        return FileError::no_text_because(
            NoTextReason::NoUnicode,
            format!(
                "the PDF draws {} characters, but in fonts without a Unicode mapping ({}): their text cannot be read; {REEXPORT}, or run OCR on it (`ocrmypdf --force-ocr in.pdf out.pdf`){}",
                drawn.unmapped.glyphs(),
                font_list(&fonts),
                drawn.ocr.as_ref().map(|o| format!("; {o}")).unwrap_or_default(),
            ),
        );
    }
    if drawn.hidden_chars > 0 {
        return FileError::no_text_because(
            NoTextReason::Hidden,
            format!(
                "all the text of the PDF is hidden from a reader ({} characters in invisible text or in layers hidden by default), and hidden text is not evidence",
                drawn.hidden_chars
            ),
        );
    }
    if drawn.image_pages > 0 {
        return FileError::no_text_because(
            NoTextReason::ImageOnly,
            format!(
                "the PDF has no text, only images ({} of its {} page{} drawn as one: a scan?); {ocr}",
                drawn.image_pages,
                drawn.pages,
                if drawn.pages == 1 { "" } else { "s" }
            ),
        );
    }
    if drawn.paths >= OUTLINE_PATHS * drawn.pages.max(1) / 2 {
        return FileError::no_text_because(
            NoTextReason::Outlined,
            format!(
                "the PDF has no text, only vector drawings ({} shapes: text converted to outlines?); export it again with text kept as text, or {ocr}",
                drawn.paths
            ),
        );
    }
    if drawn.symbols > 0 {
        return FileError::no_text_because(
            NoTextReason::Empty,
            format!(
                "the PDF's pages draw no letters or digits, only {} punctuation marks or symbols (a font that draws letters as symbols?)",
                drawn.symbols
            ),
        );
    }
    FileError::no_text_because(
        NoTextReason::Empty,
        "the PDF's pages draw no text (they are blank, or hold only lines and shapes)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_are_not_text_letters_are() {
        let mut u = Unmapped::default();
        let bullets: Rc<str> = "T3Font_0".into();
        for _ in 0..30 {
            u.add(&bullets, 0.5);
        }
        assert_eq!(unmapped_warning(&u, &Unmapped::default(), None), None);
        let icons: Rc<str> = "FontAwesome5Free-Solid".into();
        for w in [0.5, 0.6, 0.25, 0.55, 0.7] {
            u.add(&icons, w);
        }
        assert_eq!(unmapped_warning(&u, &Unmapped::default(), None), None);
        let text: Rc<str> = "ABCDEF+Calibri".into();
        for w in [0.5, 0.6, 0.25, 0.55, 0.5] {
            u.add(&text, w);
        }
        let w = unmapped_warning(&u, &Unmapped::default(), None).unwrap();
        assert!(
            w.starts_with("no_unicode: 5 characters in the font ABCDEF+Calibri have"),
            "{w}"
        );
    }

    #[test]
    fn no_text_says_why() {
        let mut drawn = Drawn {
            pages: 1,
            ..Drawn::default()
        };
        assert_eq!(no_text(&drawn).reason, Some(NoTextReason::Empty));
        drawn.symbols = 13;
        let e = no_text(&drawn);
        assert_eq!(e.reason, Some(NoTextReason::Empty));
        assert!(
            e.message.contains("only 13 punctuation marks"),
            "{}",
            e.message
        );
        drawn.paths = 500;
        assert_eq!(no_text(&drawn).reason, Some(NoTextReason::Outlined));
        drawn.image_pages = 1;
        let e = no_text(&drawn);
        assert_eq!(e.reason, Some(NoTextReason::ImageOnly));
        assert!(e.message.contains("ocrmypdf"), "{}", e.message);
        drawn.hidden_chars = 12;
        assert_eq!(no_text(&drawn).reason, Some(NoTextReason::Hidden));
        drawn.unmapped.add(&"Foo".into(), 0.5);
        let e = no_text(&drawn);
        assert_eq!(e.reason, Some(NoTextReason::NoUnicode));
        assert!(e.message.contains("(Foo)"), "{}", e.message);
    }

    #[test]
    fn fonts_are_bounded() {
        let mut u = Unmapped::default();
        for i in 0..1000 {
            u.add(&format!("F{i}").into(), 0.5);
        }
        assert_eq!(u.fonts.len(), MAX_FONTS);
        assert_eq!(u.glyphs(), 1000);
    }
}
