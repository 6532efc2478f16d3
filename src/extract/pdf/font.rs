//! Fonts: from a font dictionary to "code → Unicode text + advance width".
//!
//! Text comes from the ToUnicode CMap when it maps the code, else (simple
//! fonts) from the encoding: `/Encoding` base + `/Differences`, the font
//! program's built-in encoding (embedded Type 1), or the standard-14 encoding;
//! (composite fonts) from codes that are Unicode (a `Uni…` CMap), the
//! embedded TrueType program's `cmap`, or the CID's text in its Adobe
//! character collection (CJK: [`super::cjk`]).

use rustc_hash::FxHashMap as HashMap;

use lopdf::{Dictionary, Document, Object};

use super::budget::{Budget, StreamError};
use super::cjk::{self, Collection, Named, Predefined, UnicodeForm};
use super::cmap::CMap;
use super::encoding::{
    apply_differences, base_encoding, glyph_name_to_unicode, names_of, type1_builtin_encoding,
    zapf_dingbat,
};
use super::metrics::Standard;
use super::tables;
use crate::error::FileError;

/// Array elements of `/W` read per font.
const MAX_W_ITEMS: usize = 100_000;

/// Follows references (lopdf bounds the chain).
pub fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// `dict[key]`, dereferenced.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().and_then(|o| deref(doc, o))
}

/// The document catalog (`/Root` of the trailer).
pub fn catalog(doc: &Document) -> Option<&Dictionary> {
    doc.trailer
        .get(b"Root")
        .ok()
        .and_then(|r| deref(doc, r))
        .and_then(|c| c.as_dict().ok())
}

pub fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// One decoded character code.
pub struct Code<'a> {
    /// The Unicode text; `None` when the font gives no way to know it.
    pub text: Option<&'a str>,
    /// Advance in text-space units per unit of font size (1/1000 em → 0.001).
    pub width: f32,
    /// A one-byte code 32: word spacing (`Tw`) applies.
    pub word_space: bool,
    /// The file maps the code to no text: `text` is rolefit's own
    /// recovery (from the font program, or a producer's known encoding).
    pub recovered: bool,
}

#[derive(Debug, Default)]
pub struct Font {
    composite: bool,
    /// Simple fonts: code → text from the encoding.
    simple_text: Vec<Option<String>>,
    /// Simple fonts: code → width (text-space units per unit size).
    simple_width: Vec<f32>,
    /// Composite fonts: the embedded encoding CMap (`None` for a name).
    encoding: Option<CMap>,
    /// Composite fonts: the predefined encoding CMap (`/Encoding /90ms-RKSJ-H`,
    /// or named by the embedded one's `usecmap`).
    predefined: Option<&'static Predefined>,
    /// Composite fonts: codes are Unicode in this form (a `Uni…` CMap, or a
    /// `/ToUnicode /Identity-H` name: UCS-2).
    unicode_codes: Option<UnicodeForm>,
    /// The codes' form came from the `/Encoding` name (their length too).
    unicode_encoding: bool,
    /// Composite fonts: the Adobe collection of the CIDs (`/CIDSystemInfo`,
    /// else the predefined CMap's), whose CID → Unicode map is the last resort.
    collection: Option<Collection>,
    cid_width: HashMap<u32, f32>,
    cid_width_ranges: Vec<(u32, u32, f32)>,
    /// Composite fonts without ToUnicode: glyph id → Unicode from the
    /// embedded TrueType `cmap`, with the CID → glyph id map (`None`: identity).
    gid_unicode: HashMap<u16, char>,
    cid_to_gid: Option<Vec<u16>>,
    default_width: f32,
    to_unicode: Option<CMap>,
    /// The collection whose `Adobe-…-UCS2` map the ToUnicode map builds on
    /// (`/Adobe-Korea1-UCS2 usecmap`): it maps the codes the map does not.
    to_unicode_collection: Option<Collection>,
    /// `/ToUnicode` is the name `/Identity-H` (or `-V`): codes are Unicode
    /// (UTF-16BE code units for composite fonts, Latin-1 for simple ones).
    identity_unicode: bool,
    /// A bold (or heavier) face, from its name or descriptor: headings are
    /// often set in one.
    pub bold: bool,
    /// `/BaseFont` without its subset prefix (for the ATS facts).
    pub name: String,
    /// An icon font (Font Awesome, Wingdings, …), by its name.
    pub icon: bool,
    /// The file holds the glyphs' shapes (a Type 3 font, or an embedded
    /// program): a rendering of the page shows what its author drew, not
    /// the codes drawn in a stand-in font.
    pub drawn: bool,
    /// Simple fonts: codes whose text only rolefit's recovery gives (see
    /// [`Code::recovered`]); empty when there are none.
    simple_recovered: Vec<bool>,
    /// Composite fonts in vertical writing mode (an `…-V` encoding CMap, or
    /// an embedded one with `/WMode 1`): glyphs advance down the page.
    pub vertical: bool,
    /// Vertical mode: the advance in text-space units per unit of font size
    /// (`/DW2`'s second number / 1000, negative: downwards).
    pub vertical_advance: f32,
}

/// The Adobe CJK collection a descendant font's `/CIDSystemInfo` names.
fn system_info_collection(doc: &Document, desc: &Dictionary) -> Option<Collection> {
    let info = get(doc, desc, b"CIDSystemInfo")?.as_dict().ok()?;
    let field = |key: &[u8]| match get(doc, info, key)? {
        Object::String(s, _) => Some(s.as_slice()),
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    };
    Collection::from_system_info(field(b"Registry")?, field(b"Ordering")?)
}

/// Whether a font is bold: its name ("Arial-BoldMT", "ABCDEF+LMRoman10-Bold",
/// "Calibri,Bold") or its descriptor (`/FontWeight` 600 or more, the
/// `ForceBold` flag) says so.
fn is_bold(doc: &Document, name: &[u8], descriptor: Option<&Dictionary>) -> bool {
    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
    let face = name.rsplit('+').next().unwrap_or(&name);
    let by_name = ["bold", "black", "heavy", "semibd", "demi"]
        .iter()
        .any(|w| face.contains(w))
        || face.ends_with("bd")
        || face.ends_with("-b")
        || face.contains("cmbx");
    let by_descriptor = descriptor.is_some_and(|d| {
        get(doc, d, b"FontWeight")
            .and_then(num)
            .is_some_and(|w| w >= 600.0)
            || get(doc, d, b"Flags")
                .and_then(num)
                .is_some_and(|f| (f as u32) & (1 << 18) != 0)
    });
    by_name || by_descriptor
}

fn good_text(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| !c.is_control() || c == '\t') && !s.contains('\u{FFFD}')
}

/// The symbols of LaTeX's TS1 (text companion) encoding that resumes use,
/// by code, as glyph names: pdfTeX draws them from a bitmap Type 3 font
/// whose glyphs are named only by their codes (`/a36`, `/a136`).
const TEX_TS1: &[(u8, &str)] = &[
    (36, "dollar"),
    (39, "quotesingle"),
    (42, "asterisk"),
    (132, "dagger"),
    (133, "daggerdbl"),
    (135, "perthousand"),
    (136, "bullet"),
    (151, "trademark"),
    (162, "cent"),
    (163, "sterling"),
    (164, "currency"),
    (165, "yen"),
    (167, "section"),
    (169, "copyright"),
    (174, "registered"),
    (176, "degree"),
    (177, "plusminus"),
    (181, "mu"),
    (182, "paragraph"),
    (183, "periodcentered"),
    (191, "Euro"),
    (214, "multiply"),
    (246, "divide"),
];

/// pdfTeX embeds bitmap (PK) fonts as Type 3 fonts whose glyphs are named
/// `a<code>`; such fonts are EC (T1) fonts in practice (Type 1 versions of
/// Computer Modern exist, of the EC fonts often not). When every named code
/// follows that pattern and letters are among them, the names are replaced by
/// the EC encoding's; a font of a few symbols only is read as TS1 when
/// every code it names is a TS1 symbol.
fn tex_pk_names(names: &mut [Option<String>; 256]) {
    let mut seen = 0;
    for (code, name) in names.iter().enumerate() {
        let Some(name) = name else { continue };
        if name == ".notdef" {
            continue;
        }
        if name.strip_prefix('a') != Some(code.to_string().as_str()) {
            return;
        }
        seen += 1;
    }
    // A text font names letters (accented ones too: EC's upper half);
    // a symbol font (a PK cmsy bullet) is left alone.
    let letters = names
        .iter()
        .enumerate()
        .filter(|(code, n)| n.is_some() && is_letter(tables::TEX_EC[*code]))
        .count();
    if seen == 0 {
        return;
    }
    if letters < 3 {
        // A few symbols only: LaTeX's text companion font (TS1) when every
        // named code is one of its symbols, as `\textbullet` and `\$` are.
        let ts1 = |code: usize| TEX_TS1.iter().find(|(c, _)| usize::from(*c) == code);
        let named = || {
            names
                .iter()
                .enumerate()
                .filter(|(_, n)| n.as_deref().is_some_and(|n| n != ".notdef"))
        };
        if named().all(|(code, _)| ts1(code).is_some()) {
            for (code, name) in names.iter_mut().enumerate() {
                if name.as_deref().is_some_and(|n| n != ".notdef") {
                    *name = ts1(code).map(|(_, n)| n.to_string());
                }
            }
        }
        return;
    }
    for (code, name) in names.iter_mut().enumerate() {
        if name.as_deref().is_some_and(|n| n != ".notdef") {
            *name = Some(tables::TEX_EC[code].to_string());
        }
    }
}

/// Whether a glyph name is that of one letter (`A`, `agrave`, `germandbls`).
fn is_letter(name: &str) -> bool {
    let text = glyph_name_to_unicode(name).unwrap_or_default();
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// A Type 3 font whose `/Differences` name no known glyph: its codes are
/// the text (as pdftotext reads them) when the names are the codes, `C41`
/// or `g65` for code 65 (hexadecimal or decimal after one or two letters),
/// read as WinAnsiEncoding, or when the font gives a `/BaseEncoding`,
/// read in that; and only when letters are among them (a font of a few
/// shapes named `square`, `triangle` is left alone).
/// `named` holds the names the `/Differences` gave, `names` the whole
/// encoding, rewritten in place.
fn code_names(
    names: &mut [Option<String>; 256],
    named: &[Option<String>; 256],
    base: Option<&[&str; 256]>,
) {
    let pattern = |code: usize, name: &str, hex: bool| {
        let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let prefix = name.len() - digits.len();
        (1..=2).contains(&prefix)
            && !digits.is_empty()
            && if hex {
                usize::from_str_radix(digits, 16).ok() == Some(code)
            } else {
                digits.parse::<usize>().ok() == Some(code) && !digits.starts_with('0')
            }
    };
    let named: Vec<(usize, &str)> = named
        .iter()
        .enumerate()
        .filter_map(|(code, n)| Some((code, n.as_deref()?)))
        .filter(|(_, n)| *n != ".notdef")
        .collect();
    if named.is_empty()
        || named
            .iter()
            .any(|(_, n)| glyph_name_to_unicode(n).is_some())
    {
        return;
    }
    // pdfTeX's `a<code>` names are TeX's encodings, not WinAnsi ([`tex_pk_names`]).
    let tex = |n: &str| {
        n.strip_prefix('a')
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    if named.iter().all(|(_, n)| tex(n)) {
        return;
    }
    let fits = |hex: bool| named.iter().all(|&(code, n)| pattern(code, n, hex));
    let Some(table) = (if fits(true) || fits(false) {
        Some(&tables::WIN_ANSI)
    } else {
        base
    }) else {
        return;
    };
    let letters = named
        .iter()
        .filter(|&&(code, _)| is_letter(table[code]))
        .count();
    if letters < 3 {
        return;
    }
    for (code, _) in named {
        names[code] = Some(table[code].to_string()).filter(|n| !n.is_empty());
    }
}

/// Whether an embedded encoding CMap is in vertical writing mode:
/// `/WMode 1` in its stream dictionary or in its program.
fn writes_vertically(dict: &Dictionary, data: &[u8]) -> bool {
    if let Ok(mode) = dict.get(b"WMode").and_then(Object::as_i64) {
        return mode == 1;
    }
    let Some(at) = data.windows(6).position(|w| w == b"/WMode") else {
        return false;
    };
    data[at + 6..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'1')
}

impl Font {
    /// A font with no information: codes are one byte, no text, 0.5 em wide.
    pub fn unknown() -> Font {
        Font {
            simple_text: vec![None; 256],
            simple_width: vec![0.5; 256],
            default_width: 0.5,
            ..Font::default()
        }
    }

    pub fn load(
        doc: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
    ) -> Result<(Font, Vec<String>), FileError> {
        let mut warnings = Vec::new();
        let subtype = get(doc, dict, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let mut font = Font::default();
        let to_unicode = get(doc, dict, b"ToUnicode");
        // `/ToUnicode /Identity-H` (a name, as TCPDF writes it): the codes
        // are Unicode themselves.
        font.identity_unicode =
            matches!(to_unicode, Some(Object::Name(n)) if n.starts_with(b"Identity"));
        if let Some(Object::Stream(s)) = to_unicode {
            match budget.decode(s) {
                Ok(data) => {
                    let cmap = CMap::parse(&data);
                    if cmap.truncated {
                        warnings.push("a ToUnicode map was cut at its size limit".to_string());
                    }
                    font.to_unicode_collection =
                        cmap.usecmap.as_deref().and_then(Collection::from_ucs2_name);
                    font.to_unicode = Some(cmap);
                }
                Err(StreamError::Fatal(e)) => return Err(e),
                Err(StreamError::Broken(_)) => {}
            }
        }
        let base_font = get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let descriptor = get(doc, dict, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .or_else(|| {
                get(doc, dict, b"DescendantFonts")
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| get(doc, d, b"FontDescriptor"))
                    .and_then(|o| o.as_dict().ok())
            });
        font.bold = is_bold(doc, base_font, descriptor);
        font.drawn = subtype == b"Type3"
            || descriptor.is_some_and(|d| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| matches!(get(doc, d, k), Some(Object::Stream(_))))
            });
        font.name = crate::extract::facts::font_name(base_font);
        if font.name.is_empty() && subtype == b"Type3" {
            // pdfTeX's bitmap fonts and others have no /BaseFont.
            font.name = "Type 3 font".into();
        }
        font.icon = crate::extract::facts::is_icon_font(&font.name);
        if subtype == b"Type0" {
            font.composite = true;
            font.load_composite(doc, dict, budget)?;
        } else {
            font.load_simple(doc, dict, subtype, budget)?;
        }
        Ok((font, warnings))
    }

    fn load_composite(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let mut named = Named::Identity;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                self.vertical = n.ends_with(b"-V");
                named = cjk::encoding(n)
            }
            Some(Object::Stream(s)) => match budget.decode(s) {
                Ok(data) => {
                    self.vertical = writes_vertically(&s.dict, &data);
                    let cmap = CMap::parse(&data);
                    if let Some(parent) = &cmap.usecmap {
                        if let Named::Predefined(p) = cjk::encoding(parent) {
                            named = Named::Predefined(p);
                        }
                    }
                    self.encoding = Some(cmap);
                }
                Err(StreamError::Fatal(e)) => return Err(e),
                Err(StreamError::Broken(_)) => {}
            },
            _ => {}
        }
        let named_collection = match named {
            Named::Identity => None,
            Named::Unicode(form, collection) => {
                self.unicode_codes = Some(form);
                self.unicode_encoding = self.encoding.is_none();
                collection
            }
            Named::Predefined(p) => {
                self.predefined = Some(p);
                Some(p.collection)
            }
        };
        if self.identity_unicode && self.unicode_codes.is_none() {
            self.unicode_codes = Some(UnicodeForm::Ucs2);
        }
        self.default_width = 1.0;
        let desc = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        self.collection = desc
            .and_then(|d| system_info_collection(doc, d))
            .or(named_collection);
        let Some(desc) = desc else { return Ok(()) };
        if self.no_to_unicode() && self.unicode_codes.is_none() {
            self.load_truetype_cmap(doc, desc, budget)?;
            if self.gid_unicode.is_empty() && matches!(named, Named::Identity) {
                self.standard_font_glyphs(doc, desc);
            }
        }
        if let Some(dw) = get(doc, desc, b"DW").and_then(num) {
            self.default_width = dw / 1000.0;
        }
        self.vertical_advance = -1.0;
        if let Some(w1) = get(doc, desc, b"DW2")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.get(1))
            .and_then(|o| deref(doc, o))
            .and_then(num)
            .filter(|w| w.is_finite() && *w != 0.0 && w.abs() <= 10_000.0)
        {
            self.vertical_advance = w1 / 1000.0;
        }
        let Some(w) = get(doc, desc, b"W").and_then(|o| o.as_array().ok()) else {
            return Ok(());
        };
        let mut i = 0;
        let mut items = 0usize;
        while i < w.len() && items < MAX_W_ITEMS {
            let Some(first) = deref(doc, &w[i]).and_then(num) else {
                break;
            };
            match w.get(i + 1).and_then(|o| deref(doc, o)) {
                Some(Object::Array(ws)) => {
                    for (k, o) in ws.iter().enumerate().take(MAX_W_ITEMS - items) {
                        if let Some(v) = deref(doc, o).and_then(num) {
                            self.cid_width
                                .insert((first as u32).saturating_add(k as u32), v / 1000.0);
                        }
                    }
                    items += ws.len();
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) = (
                        num(last),
                        w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num),
                    ) else {
                        break;
                    };
                    if last >= first {
                        self.cid_width_ranges
                            .push((first as u32, last as u32, v / 1000.0));
                    }
                    items += 1;
                    i += 3;
                }
                None => break,
            }
        }
        Ok(())
    }

    /// For a CIDFontType2 with an embedded program and no ToUnicode: the
    /// program's `cmap` read backwards, and `/CIDToGIDMap`.
    fn load_truetype_cmap(
        &mut self,
        doc: &Document,
        desc: &Dictionary,
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let program = get(doc, desc, b"FontDescriptor")
            .and_then(|d| d.as_dict().ok())
            .and_then(|d| get(doc, d, b"FontFile2"));
        let Some(Object::Stream(program)) = program else {
            return Ok(());
        };
        let data = match budget.decode(program) {
            Ok(d) => d,
            Err(StreamError::Fatal(e)) => return Err(e),
            Err(StreamError::Broken(_)) => return Ok(()),
        };
        let Some(map) = super::truetype::gid_to_unicode(&data) else {
            return Ok(());
        };
        self.gid_unicode = map;
        if let Some(Object::Stream(s)) = get(doc, desc, b"CIDToGIDMap") {
            match budget.decode(s) {
                Ok(d) => {
                    self.cid_to_gid = Some(
                        d.chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect(),
                    )
                }
                Err(StreamError::Fatal(e)) => return Err(e),
                Err(StreamError::Broken(_)) => self.gid_unicode.clear(),
            }
        }
        Ok(())
    }

    /// No ToUnicode map, or one that maps nothing (pdf.js issue5801 has
    /// the Identity-H encoding CMap there, issue2537r an empty map).
    fn no_to_unicode(&self) -> bool {
        self.to_unicode.as_ref().is_none_or(|t| {
            t.unicode.is_empty()
                && t.usecmap.is_none()
                && (!t.maps_unicode || (t.cid_ranges.is_empty() && t.cid_single.is_empty()))
        })
    }

    /// A CIDFontType2 of a common system font (Arial, Times New Roman,
    /// Courier New, Calibri…) written without its program, without
    /// ToUnicode, its codes the font's glyph ids (Ghostscript and others):
    /// the glyph id → Unicode map of those fonts that pdf.js keeps
    /// (`std_glyphs`). Codes it does not know stay without text; a subset
    /// (`ABCDEF+Arial`) is left alone.
    fn standard_font_glyphs(&mut self, doc: &Document, desc: &Dictionary) {
        let type2 =
            get(doc, desc, b"Subtype").and_then(|o| o.as_name().ok()) == Some(b"CIDFontType2");
        let embedded = get(doc, desc, b"FontDescriptor")
            .and_then(|d| d.as_dict().ok())
            .is_some_and(|d| d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"));
        let mapped = matches!(get(doc, desc, b"CIDToGIDMap"), Some(Object::Stream(_)));
        // A subset (`ABCDEF+Arial`) numbers its glyphs its own way.
        let subset = get(doc, desc, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .is_some_and(|n| {
                n.len() > 7 && n[6] == b'+' && n[..6].iter().all(u8::is_ascii_uppercase)
            });
        if !type2 || embedded || mapped || subset {
            return;
        }
        let family: String = self
            .name
            .split([',', '-'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        const FAMILIES: [&str; 20] = [
            "Arial",
            "ArialMT",
            "ArialBlack",
            "ArialNarrow",
            "ArialUnicodeMS",
            "Calibri",
            "CenturyGothic",
            "Courier",
            "CourierNew",
            "CourierNewPS",
            "CourierNewPSMT",
            "GillSansMT",
            "Helvetica",
            "LiberationSans",
            "LucidaConsole",
            "LucidaSans",
            "Times",
            "TimesNewRoman",
            "TimesNewRomanPS",
            "TimesNewRomanPSMT",
        ];
        if !FAMILIES.contains(&family.as_str()) {
            return;
        }
        let mut fill = |table: &[(u16, u32)]| {
            for &(gid, u) in table {
                if let Some(c) = char::from_u32(u) {
                    self.gid_unicode.insert(gid, c);
                }
            }
        };
        fill(&super::std_glyphs::STANDARD);
        match family.as_str() {
            "ArialBlack" => fill(&super::std_glyphs::ARIAL_BLACK),
            "Calibri" => fill(&super::std_glyphs::CALIBRI),
            _ => {}
        }
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        subtype: &[u8],
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let base_font = get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let standard = Standard::from_base_font(base_font);
        let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let flags = descriptor
            .and_then(|d| get(doc, d, b"Flags"))
            .and_then(num)
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;

        // Width scale: glyph space → text space.
        let mut scale = 0.001;
        if subtype == b"Type3" {
            if let Some(m) = get(doc, dict, b"FontMatrix").and_then(|o| o.as_array().ok()) {
                let vals: Vec<f32> = m
                    .iter()
                    .filter_map(|o| deref(doc, o).and_then(num))
                    .collect();
                // Text space keeps 1 unit = 1 em, whatever the glyph grid.
                if vals.len() == 6 && vals[0] != 0.0 {
                    scale = vals[0].abs();
                }
            }
        }

        // The encoding: code → glyph name.
        let enc_obj = get(doc, dict, b"Encoding");
        let (named_base, diffs) = match enc_obj {
            Some(Object::Name(n)) => (base_encoding(n), None),
            Some(Object::Dictionary(d)) => (
                get(doc, d, b"BaseEncoding")
                    .and_then(|o| o.as_name().ok())
                    .and_then(base_encoding),
                get(doc, d, b"Differences").and_then(|o| o.as_array().ok()),
            ),
            _ => (None, None),
        };
        let mut names: [Option<String>; 256] = match named_base {
            Some(b) => names_of(b),
            None => {
                let mut builtin = None;
                if self.to_unicode.is_none() || diffs.is_none() {
                    if let Some(Object::Stream(s)) =
                        descriptor.and_then(|d| get(doc, d, b"FontFile"))
                    {
                        match budget.decode(s) {
                            Ok(prog) => builtin = type1_builtin_encoding(&prog),
                            Err(StreamError::Fatal(e)) => return Err(e),
                            Err(StreamError::Broken(_)) => {}
                        }
                    }
                }
                match (builtin, standard) {
                    (Some(b), _) => b,
                    // A Type 3 font has no built-in encoding: only /Differences name glyphs.
                    (None, None) if subtype == b"Type3" => std::array::from_fn(|_| None),
                    (None, Some(std)) => names_of(std.builtin_encoding()),
                    (None, None) if subtype == b"TrueType" && !symbolic => {
                        names_of(&tables::WIN_ANSI)
                    }
                    (None, None) => names_of(&tables::STANDARD),
                }
            }
        };
        if let Some(diffs) = diffs {
            apply_differences(&mut names, diffs);
            if subtype == b"Type3" {
                let before = names.clone();
                if self.to_unicode.is_none() {
                    tex_pk_names(&mut names);
                }
                let mut named = std::array::from_fn(|_| None);
                apply_differences(&mut named, diffs);
                code_names(&mut names, &named, named_base);
                if names != before {
                    self.simple_recovered = (0..256).map(|c| names[c] != before[c]).collect();
                }
            }
        }
        self.simple_text = names
            .iter()
            .map(|n| {
                let n = n.as_deref()?;
                if standard == Some(Standard::ZapfDingbats) {
                    if let Some(s) = zapf_dingbat(n) {
                        return Some(s);
                    }
                }
                glyph_name_to_unicode(n)
            })
            .collect();

        // Widths.
        let missing = descriptor
            .and_then(|d| get(doc, d, b"MissingWidth"))
            .and_then(num)
            .map(|w| w * scale);
        let first = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0) as i64;
        let widths = get(doc, dict, b"Widths").and_then(|o| o.as_array().ok());
        self.default_width = missing.unwrap_or(0.5);
        self.simple_width = (0..256)
            .map(|code| {
                if let Some(ws) = widths {
                    let idx = (code as i64).saturating_sub(first);
                    if idx >= 0 {
                        if let Some(w) = ws
                            .get(idx as usize)
                            .and_then(|o| deref(doc, o))
                            .and_then(num)
                        {
                            return w * scale;
                        }
                    }
                }
                if let (Some(std), Some(name)) = (standard, names[code].as_deref()) {
                    if let Some(w) = std.width(name) {
                        return w * 0.001;
                    }
                }
                match (missing, widths) {
                    (Some(m), _) => m,
                    (None, Some(_)) => 0.0,
                    (None, None) => 0.5,
                }
            })
            .collect();
        if subtype == b"TrueType" && self.no_to_unicode() && !self.identity_unicode {
            let last = get(doc, dict, b"LastChar").and_then(num).unwrap_or(255.0) as i64;
            let unnamed = (first.max(0)..=last.min(255)).any(|code| {
                let code = code as usize;
                self.simple_text[code].is_none() && self.simple_width[code] > 0.0
            });
            if unnamed {
                self.fill_from_truetype_cmap(doc, descriptor, budget)?;
            }
        }
        Ok(())
    }

    /// A simple TrueType font whose encoding leaves codes without text (no
    /// encoding, glyph names like `g12`): the embedded program's own `cmap`
    /// gives code → glyph id → Unicode for them.
    fn fill_from_truetype_cmap(
        &mut self,
        doc: &Document,
        descriptor: Option<&Dictionary>,
        budget: &mut Budget,
    ) -> Result<(), FileError> {
        let Some(Object::Stream(program)) = descriptor.and_then(|d| get(doc, d, b"FontFile2"))
        else {
            return Ok(());
        };
        let data = match budget.decode(program) {
            Ok(d) => d,
            Err(StreamError::Fatal(e)) => return Err(e),
            Err(StreamError::Broken(_)) => return Ok(()),
        };
        let (Some(gids), Some(unicode)) = (
            super::truetype::simple_code_to_gid(&data),
            super::truetype::gid_to_unicode(&data),
        ) else {
            return Ok(());
        };
        let mut recovered = vec![false; self.simple_text.len()];
        for ((text, gid), recovered) in self.simple_text.iter_mut().zip(gids).zip(&mut recovered) {
            if text.is_none() {
                *text = unicode.get(&gid).map(|c| c.to_string());
                *recovered = text.is_some();
            }
        }
        if recovered.contains(&true) {
            self.simple_recovered = recovered;
        }
        Ok(())
    }

    /// The CID of a code that is Unicode, for its width: the collection's
    /// lowest CID of that character (looked up only when `/W` gives widths).
    fn unicode_cid(&self, c: Option<char>) -> u32 {
        if self.cid_width.is_empty() && self.cid_width_ranges.is_empty() {
            return 0;
        }
        match (self.collection, c) {
            (Some(coll), Some(c)) => coll.cid_of(c).unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether the file maps this font's codes to Unicode (a ToUnicode
    /// map, or codes declared to be Unicode).
    pub fn maps_unicode(&self) -> bool {
        self.to_unicode.is_some()
            || self.identity_unicode
            || self.unicode_codes.is_some()
            // A predefined CMap over an Adobe collection: every reader maps it.
            || (self.predefined.is_some() && self.collection.is_some())
    }

    fn cid_width(&self, cid: u32) -> f32 {
        if let Some(w) = self.cid_width.get(&cid) {
            return *w;
        }
        self.cid_width_ranges
            .iter()
            .find(|(a, b, _)| cid >= *a && cid <= *b)
            .map_or(self.default_width, |r| r.2)
    }

    /// Splits a shown string into codes and calls `f` for each.
    pub fn decode_each(&self, bytes: &[u8], mut f: impl FnMut(Code<'_>)) {
        if !self.composite {
            for &b in bytes {
                let tu = self
                    .to_unicode
                    .as_ref()
                    .and_then(|m| m.lookup(1, b as u32))
                    .filter(|s| good_text(s));
                let mut latin1 = [0u8; 4];
                let identity = self
                    .identity_unicode
                    .then(|| char::from(b))
                    .filter(|c| !c.is_control())
                    .map(|c| &*c.encode_utf8(&mut latin1));
                let recovered = tu.is_none()
                    && identity.is_none()
                    && self.simple_recovered.get(b as usize) == Some(&true);
                let text = tu
                    .or(identity)
                    .or(self.simple_text.get(b as usize).and_then(|t| t.as_deref()));
                f(Code {
                    text,
                    width: self
                        .simple_width
                        .get(b as usize)
                        .copied()
                        .unwrap_or(self.default_width),
                    word_space: b == 32,
                    recovered,
                });
            }
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = match (&self.encoding, self.predefined, self.unicode_codes) {
                (Some(cm), Some(p), _) if cm.codespace.is_empty() => p.code_len(rest),
                (Some(cm), _, _) => cm.code_len(rest, 2),
                (None, Some(p), _) => p.code_len(rest),
                (None, None, Some(form)) if self.unicode_encoding => form.code_len(rest),
                _ => 2.min(rest.len()),
            };
            let chunk = &rest[..len];
            i += len;
            let code = chunk.iter().fold(0u32, |a, b| a << 8 | *b as u32);
            let unicode = self.unicode_codes.and_then(|form| form.decode(chunk));
            let cid = match (&self.encoding, self.predefined) {
                (Some(cm), p) => cm
                    .cid(len as u8, code)
                    .or_else(|| p.and_then(|p| p.cid(len as u8, code)))
                    .unwrap_or(0),
                (None, Some(p)) => p.cid(len as u8, code).unwrap_or(0),
                (None, None) if self.unicode_encoding => self.unicode_cid(unicode),
                (None, None) => code,
            };
            let mut cid_range_buf = [0u8; 4];
            let mut text = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.lookup(len as u8, code))
                .filter(|s| good_text(s));
            if text.is_none() {
                text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|m| m.cid_as_unicode(len as u8, code))
                    .map(|c| &*c.encode_utf8(&mut cid_range_buf));
            }
            let mut parent_buf = [0u8; 4];
            if let (None, Some(coll)) = (text, self.to_unicode_collection) {
                text = coll.text(code, &mut parent_buf);
            }
            let mut unicode_buf = [0u8; 4];
            if text.is_none() {
                text = unicode.map(|c| &*c.encode_utf8(&mut unicode_buf));
            }
            let mut gid_buf = [0u8; 4];
            let mut recovered = false;
            if text.is_none() && !self.gid_unicode.is_empty() {
                let gid = match &self.cid_to_gid {
                    Some(map) => map.get(cid as usize).copied(),
                    None => u16::try_from(cid).ok(),
                };
                if let Some(c) = gid.and_then(|g| self.gid_unicode.get(&g)) {
                    text = Some(c.encode_utf8(&mut gid_buf));
                    recovered = true;
                }
            }
            let mut cid_buf = [0u8; 4];
            if text.is_none() && self.unicode_codes.is_none() {
                if let Some(coll) = self.collection {
                    text = coll.text(cid, &mut cid_buf);
                }
            }
            f(Code {
                text,
                width: self.cid_width(cid),
                word_space: len == 1 && code == 32,
                recovered,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;
    use lopdf::dictionary;

    fn decode(font: &Font, bytes: &[u8]) -> (String, Vec<f32>) {
        let mut s = String::new();
        let mut w = Vec::new();
        font.decode_each(bytes, |c| {
            s.push_str(c.text.unwrap_or("?"));
            w.push(c.width);
        });
        (s, w)
    }

    #[test]
    fn standard14_with_differences() {
        let doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![1.into(), Object::Name(b".notdef".to_vec()), Object::Name(b"fi".to_vec()), Object::Name(b"bogus1".to_vec())],
            },
        };
        let (font, _) = Font::load(&doc, &dict, &mut budget).unwrap();
        let (text, widths) = decode(&font, b"A\x02\x03\x96 ");
        assert_eq!(text, "A\u{FB01}?\u{2013} ");
        assert!((widths[0] - 0.722).abs() < 1e-6);
        assert!((widths[4] - 0.25).abs() < 1e-6);
    }

    #[test]
    fn identity_h_with_w_array() {
        let doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0003> <0061> endbfrange".to_vec();
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
            "ToUnicode" => lopdf::Stream::new(dictionary! {}, cmap),
            "DescendantFonts" => vec![dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 500,
                "W" => vec![1.into(), vec![600.into(), 700.into()].into(), 10.into(), 20.into(), 300.into()],
            }.into()],
        };
        let (font, _) = Font::load(&doc, &dict, &mut budget).unwrap();
        let (text, widths) = decode(&font, b"\x00\x01\x00\x02\x00\x03\x00\x0f");
        assert_eq!(text, "abc?");
        for (w, want) in widths.iter().zip([0.6, 0.7, 0.5, 0.3]) {
            assert!((w - want).abs() < 1e-6, "{widths:?}");
        }
    }

    #[test]
    fn identity_to_unicode_name_means_codes_are_unicode() {
        let doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let composite = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
            "ToUnicode" => "Identity-H",
            "DescendantFonts" => vec![dictionary! { "Subtype" => "CIDFontType2" }.into()],
        };
        let (font, _) = Font::load(&doc, &composite, &mut budget).unwrap();
        assert_eq!(decode(&font, b"\x05\xD0\x00\xE9\x00A").0, "\u{5D0}\u{E9}A");
        let simple = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Y", "ToUnicode" => "Identity-H",
            "Encoding" => dictionary! { "Differences" => vec![65.into(), Object::Name(b"g1".to_vec())] },
        };
        let (font, _) = Font::load(&doc, &simple, &mut budget).unwrap();
        assert_eq!(decode(&font, b"A\xE9").0, "A\u{E9}");
    }

    /// A Type0 font with a named `/Encoding` and a CIDFontType0 descendant of `collection`.
    fn cjk_font(encoding: Object, ordering: &str, extra: Dictionary) -> Font {
        let doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let mut dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "HeiseiMin-W3",
            "Encoding" => encoding,
            "DescendantFonts" => vec![dictionary! {
                "Subtype" => "CIDFontType0", "DW" => 1000,
                "CIDSystemInfo" => dictionary! {
                    "Registry" => Object::string_literal("Adobe"),
                    "Ordering" => Object::string_literal(ordering),
                    "Supplement" => 2,
                },
                "W" => vec![34.into(), vec![722.into()].into(), 231.into(), 389.into(), 500.into()],
            }.into()],
        };
        dict.extend(&extra);
        Font::load(&doc, &dict, &mut budget).unwrap().0
    }

    #[test]
    fn predefined_cmaps_and_collections_without_tounicode() {
        // Shift-JIS through 90ms-RKSJ-H: one- and two-byte codes, CIDs for widths.
        let font = cjk_font("90ms-RKSJ-H".into(), "Japan1", dictionary! {});
        let (text, widths) = decode(&font, b"\x97\x9a\x97\xf0\x8f\x91 A");
        assert_eq!(text, "履歴書\u{2002}A");
        for (w, want) in widths.iter().zip([1.0, 1.0, 1.0, 0.5, 0.5]) {
            assert!((w - want).abs() < 1e-6, "{widths:?}");
        }
        // The vertical CMap reads as the horizontal one.
        let font = cjk_font("90ms-RKSJ-V".into(), "Japan1", dictionary! {});
        assert_eq!(decode(&font, b"\x97\x9a\x97\xf0").0, "履歴");
        // ToUnicode keeps priority.
        let cmap = b"1 beginbfchar <41> <005A> endbfchar".to_vec();
        let to_unicode = dictionary! { "ToUnicode" => lopdf::Stream::new(dictionary! {}, cmap) };
        let font = cjk_font("90ms-RKSJ-H".into(), "Japan1", to_unicode);
        assert_eq!(decode(&font, b"A\x97\x9a").0, "Z履");
        // Identity-H with an Adobe-Korea1 descendant: CIDs through Korea1.
        let font = cjk_font("Identity-H".into(), "Korea1", dictionary! {});
        assert_eq!(decode(&font, b"\x00\x22\xff\xff").0, "A?");
        // Identity-H with another collection: no text.
        let font = cjk_font("Identity-H".into(), "Identity", dictionary! {});
        assert_eq!(decode(&font, b"\x00\x22").0, "?");
    }

    #[test]
    fn tounicode_building_on_a_collection_map() {
        // As Unidocs writes it: a few codes of its own, the rest from Adobe-Korea1-UCS2.
        let cmap = b"/Adobe-Korea1-UCS2 usecmap 1 begincodespacerange <0000> <ffff> endcodespacerange 1 beginbfchar <0023> <0033> endbfchar".to_vec();
        let to_unicode = dictionary! { "ToUnicode" => lopdf::Stream::new(dictionary! {}, cmap) };
        let font = cjk_font("Identity-H".into(), "Unknown", to_unicode);
        assert_eq!(decode(&font, b"\x00\x22\x00\x23").0, "A3");
    }

    #[test]
    fn unicode_cmaps_decode_codes_and_find_cids_for_widths() {
        let font = cjk_font("UniJIS-UCS2-H".into(), "Japan1", dictionary! {});
        let (text, widths) = decode(&font, b"\x00A\x65\xe5");
        assert_eq!(text, "A日");
        assert!((widths[0] - 0.722).abs() < 1e-6, "{widths:?}");
        assert!((widths[1] - 1.0).abs() < 1e-6, "{widths:?}");
        // UTF-16: a surrogate pair is one four-byte code.
        let font = cjk_font("UniCNS-UTF16-H".into(), "CNS1", dictionary! {});
        assert_eq!(decode(&font, b"\xd8\x40\xdc\x87\x00B").0, "\u{20087}B");
    }

    #[test]
    fn embedded_cmap_using_a_predefined_one() {
        let cmap = b"/90ms-RKSJ-H usecmap 1 begincidchar <8140> 1 endcidchar".to_vec();
        let font = cjk_font(
            lopdf::Stream::new(dictionary! {}, cmap).into(),
            "Japan1",
            dictionary! {},
        );
        // <8140> is remapped to CID 1 (a space); the rest comes from 90ms-RKSJ-H.
        assert_eq!(decode(&font, b"\x81\x40\x97\x9a").0, " 履");
    }

    #[test]
    fn simple_truetype_without_names_uses_its_cmap() {
        use crate::extract::pdf::truetype::tests::{font_with_subtables, format4};
        let mut doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        // Codes 1..3 → gids 10..12 (symbolic subtable); the Unicode
        // subtable names gid 10 only: 'I'.
        let program = font_with_subtables(&[
            (3, 0, format4(0xF001, 0xF003, 10)),
            (3, 1, format4(0x49, 0x49, 10)),
        ]);
        let program = doc.add_object(lopdf::Stream::new(dictionary! {}, program));
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Subset",
            "FirstChar" => 1, "LastChar" => 3,
            "Widths" => vec![500.into(), 500.into(), 500.into()],
            "FontDescriptor" => dictionary! { "Flags" => 4, "FontFile2" => program },
        };
        let (font, _) = Font::load(&doc, &dict, &mut budget).unwrap();
        assert_eq!(decode(&font, b"\x01\x02").0, "I?");
    }

    /// pdf.js issue2537r: a ToUnicode map that maps nothing (an empty
    /// `/CMapType 2` map; issue5801 has the Identity-H encoding CMap there)
    /// is no mapping: the embedded program's `cmap` gives the text.
    #[test]
    fn a_tounicode_map_that_maps_nothing_falls_back_to_the_program_cmap() {
        use crate::extract::pdf::truetype::tests::{font_with_subtables, format4};
        let mut doc = Document::with_version("1.5");
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        // 'L' is glyph 47, as in the Macintosh glyph order.
        let program = font_with_subtables(&[(3, 1, format4(0x4C, 0x4C, 47))]);
        let program = doc.add_object(lopdf::Stream::new(dictionary! {}, program));
        let empty = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def \
            1 begincodespacerange <0000> <FFFF> endcodespacerange \
            endcmap CMapName currentdict /CMap defineresource pop end end"
            .to_vec();
        let identity = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            /CMapName /Identity-H def /CMapType 1 def \
            1 begincodespacerange <0000> <FFFF> endcodespacerange \
            1 begincidrange <0000> <FFFF> 0 endcidrange \
            endcmap CMapName currentdict /CMap defineresource pop end end"
            .to_vec();
        for to_unicode in [empty, identity] {
            let to_unicode = doc.add_object(lopdf::Stream::new(dictionary! {}, to_unicode));
            let dict = dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "XGFEMV+Helvetica-Bold",
                "Encoding" => "Identity-H", "ToUnicode" => to_unicode,
                "DescendantFonts" => vec![dictionary! {
                    "Type" => "Font", "Subtype" => "CIDFontType2",
                    "BaseFont" => "XGFEMV+Helvetica-Bold",
                    "FontDescriptor" => dictionary! { "Flags" => 32, "FontFile2" => program },
                }.into()],
            };
            let (font, _) = Font::load(&doc, &dict, &mut budget).unwrap();
            assert_eq!(decode(&font, b"\x00\x2f\x00\x30").0, "L?");
        }
    }

    #[test]
    fn pdftex_pk_names_use_ec() {
        let mut names: [Option<String>; 256] = std::array::from_fn(|_| None);
        for code in [0xFFusize, 0x41, 0x61, 0x62, 0xAA] {
            names[code] = Some(format!("a{code}"));
        }
        tex_pk_names(&mut names);
        let text = |c: usize| names[c].as_deref().and_then(glyph_name_to_unicode);
        assert_eq!(text(0x41).as_deref(), Some("A"));
        assert_eq!(text(0xAA).as_deref(), Some("ł"));
        assert_eq!(text(0xFF).as_deref(), Some("ß"));
        // Other naming, or no letters (a symbol font), is left alone.
        let mut bullet: [Option<String>; 256] = std::array::from_fn(|_| None);
        bullet[15] = Some("a15".into());
        tex_pk_names(&mut bullet);
        assert_eq!(bullet[15].as_deref(), Some("a15"));
        let mut other: [Option<String>; 256] = std::array::from_fn(|_| None);
        other[0x41] = Some("g7".into());
        tex_pk_names(&mut other);
        assert_eq!(other[0x41].as_deref(), Some("g7"));
    }
}
