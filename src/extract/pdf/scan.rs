//! Scanned pages: a page's images sent to OCR, and the words OCR reads
//! placed back on the page as glyphs, so the page is laid out (columns,
//! bullets, headings by size) as any PDF page is. Image files
//! (`extract::image`) come through here too, as one page per image.

use std::time::Instant;

use lopdf::{Document, Object, ObjectId};

use super::budget::{Budget, StreamError};
use super::font::{deref, num};
use super::interpreter::{Glyph, Painted};
use super::{layout, structure};
use crate::error::{ErrorKind, FileError};
use crate::extract::ocr::{self, image, Engine, OcrPage, OcrSettings, Tally, Word};
use crate::extract::RawLine;

/// An image of a page that covers much of it: its object and the box it is
/// drawn into (device space, y up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanImage {
    pub id: ObjectId,
    pub bounds: [f64; 4],
}

/// What OCR did over a document, for its warnings and `document.ocr`.
#[derive(Default)]
pub struct OcrRun {
    pub tally: Tally,
    /// Scanned pages beyond the cap, not read.
    pub pages_over_cap: usize,
    /// Images whose encoding cannot be given to the engine (JBIG2, …).
    pub undecodable: Vec<String>,
    /// 1-based pages whose text came from OCR.
    pub pages: Vec<u32>,
}

impl OcrRun {
    /// The warnings for what OCR left out.
    pub fn loss_warnings(&self, settings: &OcrSettings) -> Vec<String> {
        let mut out = Vec::new();
        if self.pages_over_cap > 0 {
            out.push(format!(
                "ocr: {} scanned page{} beyond the first {} were not read (OCR page limit)",
                self.pages_over_cap,
                if self.pages_over_cap == 1 { "" } else { "s" },
                settings.max_pages
            ));
        }
        if !self.undecodable.is_empty() {
            let mut kinds = self.undecodable.clone();
            kinds.sort();
            kinds.dedup();
            out.push(format!(
                "ocr: {} scanned image{} could not be read ({}); their text is missing",
                self.undecodable.len(),
                if self.undecodable.len() == 1 { "" } else { "s" },
                kinds.join(", ")
            ));
        }
        out
    }
}

/// Letters and digits under which a scanned page's own text is only a
/// stamp beside the scan ("Scanned with CamScanner", a fax header): the
/// scan is read too.
const STAMP_CHARS: usize = 100;

/// Whether `--ocr auto` reads the page's scan: it shows no text, or only a
/// stamp's worth of it.
pub fn wants_auto_ocr(painted: &Painted) -> bool {
    let mut chars = 0;
    for g in &painted.glyphs {
        chars += g.text.chars().filter(|c| c.is_alphanumeric()).count();
        if chars >= STAMP_CHARS {
            return false;
        }
    }
    true
}

/// Reads a scanned page's images with OCR and adds the words to `painted`
/// as glyphs. `page`: 1-based. A limit or timeout stops the document; an
/// image that cannot be decoded is counted and left out.
#[allow(clippy::too_many_arguments)]
pub fn read_page(
    doc: &Document,
    engine: &Engine,
    painted: &mut Painted,
    page: u32,
    settings: &OcrSettings,
    budget: &mut Budget,
    deadline: Option<Instant>,
    run: &mut OcrRun,
) -> Result<(), FileError> {
    if run.tally.pages() as usize >= settings.max_pages {
        run.pages_over_cap += 1;
        return Ok(());
    }
    let mut read = OcrPage::default();
    let mut any = false;
    for scan in std::mem::take(&mut painted.scans) {
        let Some(Object::Stream(stream)) = doc.get_object(scan.id).ok() else {
            continue;
        };
        let encoded = match encode(doc, stream, settings, budget) {
            Ok(e) => e,
            Err(Unreadable::Skip(why)) => {
                run.undecodable.push(why);
                continue;
            }
            Err(Unreadable::Fatal(e)) => return Err(e),
        };
        let width_pt = (scan.bounds[2] - scan.bounds[0]).abs();
        let dpi =
            (width_pt > 1.0).then(|| (f64::from(encoded.width) * 72.0 / width_pt).round() as u32);
        // An image the engine refuses costs only itself: the page's own
        // text, and its other images, are still read.
        let pages = match ocr::recognize(engine, &encoded.bytes, dpi, deadline) {
            Ok(pages) => pages,
            Err(e) if e.kind == ErrorKind::Malformed => {
                run.undecodable.push("refused by the OCR engine".into());
                continue;
            }
            Err(e) => return Err(e),
        };
        for p in pages.iter().take(1) {
            painted.glyphs.extend(glyphs(p, scan.bounds));
            read.words.extend(p.words.iter().cloned());
            any = true;
        }
    }
    if any {
        run.tally.add(&read);
        run.pages.push(page);
    }
    Ok(())
}

/// An image as a file for the engine.
struct Encoded {
    bytes: Vec<u8>,
    width: u32,
}

enum Unreadable {
    /// Left out: what kind of image it was.
    Skip(String),
    /// Stops the document (a limit, the deadline).
    Fatal(FileError),
}

/// The image's filters, outermost first.
fn filters(doc: &Document, dict: &lopdf::Dictionary) -> Vec<Vec<u8>> {
    match dict.get(b"Filter").ok().and_then(|f| deref(doc, f)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|f| deref(doc, f)?.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

fn int(doc: &Document, dict: &lopdf::Dictionary, key: &[u8]) -> Option<i64> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .map(|v| v as i64)
}

/// The filters whose output is samples lopdf decodes.
const DECODED_HERE: &[&[u8]] = &[
    b"FlateDecode",
    b"Fl",
    b"LZWDecode",
    b"LZW",
    b"RunLengthDecode",
    b"RL",
    b"ASCII85Decode",
    b"A85",
    b"ASCIIHexDecode",
    b"AHx",
];

/// Encodes an image XObject for the engine: JPEG and JPEG 2000 data as they
/// are, CCITT fax data wrapped in a TIFF, JBIG2 and other samples decoded
/// to grey.
fn encode(
    doc: &Document,
    stream: &lopdf::Stream,
    settings: &OcrSettings,
    budget: &mut Budget,
) -> Result<Encoded, Unreadable> {
    let dict = &stream.dict;
    let width = int(doc, dict, b"Width").unwrap_or(0);
    let height = int(doc, dict, b"Height").unwrap_or(0);
    if width <= 0 || height <= 0 || width > 1 << 20 || height > 1 << 20 {
        return Err(Unreadable::Skip("an image without a valid size".into()));
    }
    let (width, height) = (width as u32, height as u32);
    if u64::from(width) * u64::from(height) > settings.max_pixels {
        return Err(Unreadable::Fatal(FileError::limit(format!(
            "a scanned image is {width}×{height} pixels, more than the {} OCR reads (image bomb?)",
            settings.max_pixels
        ))));
    }
    let filters = filters(doc, dict);
    let last = filters.last().map(Vec::as_slice);
    match last {
        Some(b"DCTDecode" | b"DCT" | b"JPXDecode") => {
            // The file as it is, once the filters around it are undone
            // (`[/ASCIIHexDecode /DCTDecode]`).
            let bytes = if filters.len() == 1 {
                stream.content.clone()
            } else {
                let mut outer = stream.clone();
                let rest: Vec<Object> = filters[..filters.len() - 1]
                    .iter()
                    .map(|f| Object::Name(f.clone()))
                    .collect();
                outer.dict.set("Filter", Object::Array(rest));
                outer.dict.remove(b"DecodeParms");
                match budget.decode(&outer) {
                    Ok(b) => b,
                    Err(StreamError::Fatal(e)) => return Err(Unreadable::Fatal(e)),
                    Err(StreamError::Broken(e)) => {
                        return Err(Unreadable::Skip(format!("a damaged image ({e})")))
                    }
                }
            };
            return Ok(Encoded { bytes, width });
        }
        Some(b"CCITTFaxDecode" | b"CCF") if filters.len() == 1 => {
            let parms = dict
                .get(b"DecodeParms")
                .ok()
                .and_then(|p| deref(doc, p))
                .and_then(|p| match p {
                    Object::Array(a) => a.first().and_then(|p| deref(doc, p)),
                    p => Some(p),
                })
                .and_then(|p| p.as_dict().ok());
            let k = parms.and_then(|p| int(doc, p, b"K")).unwrap_or(0);
            let black_is_1 = parms
                .and_then(|p| p.get(b"BlackIs1").ok())
                .and_then(|b| b.as_bool().ok())
                .unwrap_or(false);
            let columns = parms
                .and_then(|p| int(doc, p, b"Columns"))
                .and_then(|c| u32::try_from(c).ok())
                .unwrap_or(width);
            return Ok(Encoded {
                bytes: image::ccitt_tiff(columns, height, k, black_is_1, &stream.content),
                width,
            });
        }
        Some(b"JBIG2Decode") if filters.len() == 1 => {
            let mut grey = jbig2_grey(doc, stream, width, height, budget)?;
            if decode_inverted(doc, dict) {
                grey.iter_mut().for_each(|v| *v = 255 - *v);
            }
            return Ok(Encoded {
                bytes: image::netpbm(width, height, &grey),
                width,
            });
        }
        Some(f) if !DECODED_HERE.contains(&f) => {
            return Err(Unreadable::Skip(String::from_utf8_lossy(f).into_owned()));
        }
        _ => {}
    }
    // The most the samples can be: 4 components of 16 bits, plus row padding.
    let largest = u64::from(width + 1) * u64::from(height) * 8;
    let samples = match budget.decode_up_to(stream, largest) {
        Ok(s) => s,
        Err(StreamError::Fatal(e)) => return Err(Unreadable::Fatal(e)),
        Err(StreamError::Broken(e)) => {
            return Err(Unreadable::Skip(format!("a damaged image ({e})")))
        }
    };
    let grey = to_grey(doc, dict, width, height, &samples)
        .ok_or_else(|| Unreadable::Skip("an image in an unsupported colour space".into()))?;
    Ok(Encoded {
        bytes: image::netpbm(width, height, &grey),
        width,
    })
}

/// How a colour space's components make a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Model {
    Grey,
    Rgb,
    Cmyk,
    /// `n` inks (`/Separation`, `/DeviceN`): more ink is darker.
    Ink(usize),
}

impl Model {
    fn comps(self) -> usize {
        match self {
            Model::Grey => 1,
            Model::Rgb => 3,
            Model::Cmyk => 4,
            Model::Ink(n) => n,
        }
    }
}

/// An `/Indexed` colour space's base and palette.
type Palette = (Model, Vec<u8>);

/// The colour space's model and, for `/Indexed`, its palette.
fn colour_space(doc: &Document, cs: Option<&Object>) -> Option<(Model, Option<Palette>)> {
    let cs = cs.and_then(|c| deref(doc, c));
    let name = match cs {
        None => return Some((Model::Grey, None)),
        Some(Object::Name(n)) => n.as_slice(),
        Some(Object::Array(a)) => match a.first().and_then(|f| deref(doc, f)) {
            Some(Object::Name(n)) => n.as_slice(),
            _ => return None,
        },
        _ => return None,
    };
    let array = || match cs {
        Some(Object::Array(a)) => Some(a),
        _ => None,
    };
    match name {
        b"DeviceGray" | b"CalGray" | b"G" => Some((Model::Grey, None)),
        b"DeviceRGB" | b"CalRGB" | b"RGB" | b"Lab" => Some((Model::Rgb, None)),
        b"DeviceCMYK" | b"CMYK" => Some((Model::Cmyk, None)),
        b"ICCBased" => {
            let n = array()?
                .get(1)
                .and_then(|s| deref(doc, s))
                .and_then(|s| s.as_stream().ok())
                .and_then(|s| int(doc, &s.dict, b"N"))
                .unwrap_or(3);
            let model = match n {
                1 => Model::Grey,
                3 => Model::Rgb,
                4 => Model::Cmyk,
                _ => return None,
            };
            Some((model, None))
        }
        // The tint transform is not run: an ink's tint stands for darkness.
        b"Separation" => Some((Model::Ink(1), None)),
        b"DeviceN" => {
            let n = array()?
                .get(1)
                .and_then(|names| deref(doc, names))
                .and_then(|names| names.as_array().ok())
                .map_or(0, Vec::len);
            (1..=32).contains(&n).then_some((Model::Ink(n), None))
        }
        b"Indexed" | b"I" => {
            let a = array()?;
            let (base, _) = colour_space(doc, a.get(1))?;
            let lookup = match a.get(3).and_then(|l| deref(doc, l))? {
                Object::String(s, _) => s.clone(),
                Object::Stream(s) => s.decompressed_content().ok()?,
                _ => return None,
            };
            Some((Model::Grey, Some((base, lookup))))
        }
        _ => None,
    }
}

/// `/Decode [1 0]`: the samples are inverted (a mask's default paints its
/// zeros).
fn decode_inverted(doc: &Document, dict: &lopdf::Dictionary) -> bool {
    dict.get(b"Decode")
        .ok()
        .and_then(|d| deref(doc, d))
        .and_then(|d| d.as_array().ok())
        .and_then(|d| d.first().and_then(num))
        .is_some_and(|first| first > 0.5)
}

/// A JBIG2 image (with its `/JBIG2Globals`), decoded by `hayro-jbig2` to
/// grey: black 0, white 255 (as the PDF filter gives them, before
/// `/Decode`).
fn jbig2_grey(
    doc: &Document,
    stream: &lopdf::Stream,
    width: u32,
    height: u32,
    budget: &mut Budget,
) -> Result<Vec<u8>, Unreadable> {
    let settings = hayro_jbig2::DecodeSettings::default();
    let broken =
        |e: hayro_jbig2::DecodeError| Unreadable::Skip(format!("a damaged JBIG2 image ({e})"));
    let globals_data = match stream
        .dict
        .get(b"DecodeParms")
        .ok()
        .and_then(|p| deref(doc, p))
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"JBIG2Globals").ok())
        .and_then(|g| deref(doc, g))
    {
        Some(Object::Stream(g)) => Some(budget.decode(g).map_err(|e| match e {
            StreamError::Fatal(e) => Unreadable::Fatal(e),
            StreamError::Broken(e) => Unreadable::Skip(format!("damaged JBIG2 globals ({e})")),
        })?),
        _ => None,
    };
    let globals = globals_data
        .as_deref()
        .map(|g| hayro_jbig2::Globals::new(g, &settings))
        .transpose()
        .map_err(broken)?;
    let page = hayro_jbig2::Page::new_embedded(&stream.content, globals.as_ref(), &settings)
        .map_err(broken)?;
    let mut out = Rows::new(width, height);
    page.decode(&mut out).map_err(broken)?;
    Ok(out.grey)
}

/// Pixels a decoder pushes, written into `width` × `height` grey (white
/// where it pushes nothing; what falls outside is dropped).
struct Rows {
    grey: Vec<u8>,
    width: usize,
    height: usize,
    x: usize,
    y: usize,
}

impl Rows {
    fn new(width: u32, height: u32) -> Rows {
        let (width, height) = (width as usize, height as usize);
        Rows {
            grey: vec![255; width * height],
            width,
            height,
            x: 0,
            y: 0,
        }
    }
}

impl hayro_jbig2::Decoder for Rows {
    fn push_pixel(&mut self, black: bool) {
        if self.x < self.width && self.y < self.height && black {
            self.grey[self.y * self.width + self.x] = 0;
        }
        self.x += 1;
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        for _ in 0..chunk_count.saturating_mul(8).min(self.width as u32 + 8) {
            self.push_pixel(black);
        }
    }

    fn next_line(&mut self) {
        self.x = 0;
        self.y += 1;
    }
}

/// Decoded samples (1, 2, 4, 8 or 16 bits, any supported colour space) as
/// 8-bit grey, 0 black.
fn to_grey(
    doc: &Document,
    dict: &lopdf::Dictionary,
    width: u32,
    height: u32,
    samples: &[u8],
) -> Option<Vec<u8>> {
    let mask = dict.get(b"ImageMask").ok().and_then(|m| m.as_bool().ok()) == Some(true);
    let bits = if mask {
        1
    } else {
        int(doc, dict, b"BitsPerComponent").unwrap_or(8)
    };
    if !matches!(bits, 1 | 2 | 4 | 8 | 16) {
        return None;
    }
    let bits = bits as usize;
    let (model, palette) = if mask {
        (Model::Grey, None)
    } else {
        colour_space(doc, dict.get(b"ColorSpace").ok())?
    };
    let comps = model.comps();
    let inverted = decode_inverted(doc, dict);
    let (w, h) = (width as usize, height as usize);
    let row_bytes = (w * comps * bits).div_ceil(8);
    if samples.len() < row_bytes * h {
        // A short stream: the rows it has.
        if samples.len() < row_bytes {
            return None;
        }
    }
    let rows = (samples.len() / row_bytes).min(h);
    let max = ((1u32 << bits) - 1) as f32;
    let mut grey = vec![255u8; w * h];
    for y in 0..rows {
        let row = &samples[y * row_bytes..(y + 1) * row_bytes];
        let sample = |i: usize| -> u32 {
            match bits {
                8 => u32::from(row[i]),
                16 => u32::from(row[2 * i]) << 8 | u32::from(row[2 * i + 1]),
                _ => {
                    let bit = i * bits;
                    let byte = row[bit / 8];
                    u32::from(byte >> (8 - bits - bit % 8)) & ((1 << bits) - 1)
                }
            }
        };
        for x in 0..w {
            let value = match &palette {
                Some((base, lookup)) => {
                    let index = sample(x) as usize * base.comps();
                    let c = |k: usize| f32::from(lookup.get(index + k).copied().unwrap_or(255));
                    luminance(*base, &c, 255.0)
                }
                None => luminance(model, &|k| sample(x * comps + k) as f32, max),
            };
            let v = if inverted { 255.0 - value } else { value };
            grey[y * w + x] = v.clamp(0.0, 255.0) as u8;
        }
    }
    Some(grey)
}

/// A pixel's grey level (0–255) from its components (each 0–`max`).
fn luminance(model: Model, c: &dyn Fn(usize) -> f32, max: f32) -> f32 {
    let unit = |k: usize| c(k) / max;
    let v = match model {
        Model::Grey => unit(0),
        Model::Rgb => 0.299 * unit(0) + 0.587 * unit(1) + 0.114 * unit(2),
        Model::Cmyk => (1.0 - unit(0).max(unit(1)).max(unit(2))) * (1.0 - unit(3)),
        Model::Ink(n) => 1.0 - (0..n).map(unit).fold(0.0, f32::max),
    };
    v * 255.0
}

/// What OCR reads as a list bullet: a lone first "word" of one of these,
/// small beside the line's height and set apart from the next word.
const BULLET_LOOKALIKES: &[char] = &[
    '•', 'e', '©', '®', '«', '»', '*', '°', '¢', 'o', '+', '-', '·', '■', '●', '▪', '@',
];

/// Dashes and rules OCR reads beside a bullet.
const RULES: &[char] = &['—', '–', '-', '=', '~', '_'];

fn is_rule(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| RULES.contains(&c))
}

/// Whether a line's first word is a list bullet OCR read as something
/// else: a bullet look-alike, alone or with a rule after it ("•—", "e",
/// "="), narrow beside the line's height and set apart from the text.
/// Gives the index of the line's first word of text.
fn bullet_then_text(words: &[Word], height: f64) -> Option<usize> {
    let first = words.first()?;
    let text_at = 1 + words[1..].iter().take_while(|w| is_rule(&w.text)).count();
    let text = words.get(text_at)?;
    let mut chars = first.text.chars();
    let lead = chars.next()?;
    let rest: String = chars.collect();
    let alone = rest.is_empty() && f64::from(first.width) < 0.6 * height;
    let ruled =
        is_rule(&rest) && rest.chars().count() <= 2 && f64::from(first.width) < 1.6 * height;
    (BULLET_LOOKALIKES.contains(&lead)
        && (alone || ruled)
        && f64::from(text.left.saturating_sub(first.right())) > 0.3 * height)
        .then_some(text_at)
}

/// The words of an OCR page as glyphs on the page: the image's pixels are
/// mapped onto `bounds` (device space, y up). Each word's letters share its
/// box evenly; the words of one OCR line share a baseline and a size.
pub fn glyphs(page: &OcrPage, bounds: [f64; 4]) -> Vec<Glyph> {
    if page.width == 0 || page.height == 0 {
        return Vec::new();
    }
    let sx = (bounds[2] - bounds[0]) / f64::from(page.width);
    let sy = (bounds[3] - bounds[1]) / f64::from(page.height);
    let mut out = Vec::new();
    let mut start = 0;
    while start < page.words.len() {
        let line = page.words[start].line;
        let end = start
            + page.words[start..]
                .iter()
                .take_while(|w| w.line == line)
                .count();
        let words = &page.words[start..end];
        start = end;
        let top = words.iter().map(|w| w.top).min().unwrap_or(0);
        let bottom = words.iter().map(|w| w.bottom()).max().unwrap_or(0);
        let height = f64::from(bottom.saturating_sub(top)).max(1.0);
        // The line box runs from ascender to descender: about 1.2 em, a
        // little less in lines without descenders.
        let size = (height * sy / 1.15) as f32;
        let baseline = (bounds[3] - (f64::from(bottom) - 0.18 * height) * sy) as f32;
        let bullet = bullet_then_text(words, height);
        // Where the last word ended, and how far this line's words are
        // moved right so that words OCR set touching stay apart.
        let mut last_end: Option<f64> = None;
        let mut shift = 0.0;
        for (i, w) in words.iter().enumerate() {
            // The rule OCR reads after a bullet ("• —", "•=") is not text.
            if bullet.is_some_and(|text_at| (1..text_at).contains(&i)) {
                continue;
            }
            let text = if bullet.is_some() && i == 0 {
                "•"
            } else {
                w.text.as_str()
            };
            let letters: Vec<char> = text.chars().collect();
            let per = f64::from(w.width) * sx / letters.len().max(1) as f64;
            let mut x0 = bounds[0] + f64::from(w.left) * sx + shift;
            // The engine says where words end: a space glyph between them
            // says so to layout, which keeps a space between glyphs apart
            // by more than a sliver of their size.
            if let Some(end) = last_end {
                let least = end + MIN_WORD_GAP * f64::from(size);
                if x0 < least {
                    shift += least - x0;
                    x0 = least;
                }
                out.push(Glyph {
                    text: " ".into(),
                    x: end as f32,
                    y: baseline,
                    w: (x0 - end) as f32,
                    size,
                    rot: 0,
                    bold: false,
                });
            }
            for (k, ch) in letters.iter().enumerate() {
                out.push(Glyph {
                    text: ch.to_string().into(),
                    x: (x0 + per * k as f64) as f32,
                    y: baseline,
                    w: per as f32,
                    size,
                    rot: 0,
                    bold: false,
                });
            }
            last_end = Some(x0 + per * letters.len() as f64);
        }
    }
    out
}

/// The least gap kept between two words OCR read, in font sizes.
const MIN_WORD_GAP: f64 = 0.1;

/// An image file's OCR pages as lines, laid out as PDF pages: each image is
/// a page 612 points wide (a US Letter page's width; only proportions
/// matter to layout).
pub fn image_lines(pages: &[OcrPage]) -> Vec<RawLine> {
    let mut laid_out = Vec::new();
    for page in pages {
        if page.width == 0 {
            laid_out.push(Vec::new());
            continue;
        }
        let scale = 612.0 / f64::from(page.width);
        let bounds = [0.0, 0.0, 612.0, f64::from(page.height) * scale];
        let painted = Painted {
            glyphs: glyphs(page, bounds),
            ..Painted::default()
        };
        laid_out.push(layout::page_lines(painted));
    }
    let vocab = layout::vocabulary(laid_out.iter().flatten().map(|l| &l.text));
    let mut raw = Vec::new();
    for (index, mut lines) in laid_out.into_iter().enumerate() {
        layout::join_hyphens(&mut lines, &vocab);
        let hints = structure::hints(&lines);
        let page = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (line, hint) in lines.into_iter().zip(hints) {
            raw.push(RawLine {
                page: Some(page),
                text: line.text,
                hint,
                side: line.side,
                ocr: true,
                ..RawLine::default()
            });
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, left: u32, top: u32, width: u32, height: u32, line: u32) -> Word {
        Word {
            text: text.into(),
            conf: 95.0,
            left,
            top,
            width,
            height,
            line,
        }
    }

    fn page(words: Vec<Word>) -> OcrPage {
        OcrPage {
            width: 2550,
            height: 3300,
            words,
        }
    }

    #[test]
    fn words_become_lines_in_page_space() {
        let p = page(vec![
            word("Production", 300, 300, 400, 60, 1),
            word("Technician", 730, 300, 400, 60, 1),
            word("CPT", 300, 500, 150, 40, 2),
        ]);
        let lines = image_lines(&[p]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Production Technician", "CPT"]);
        assert!(lines.iter().all(|l| l.ocr && l.page == Some(1)));
    }

    #[test]
    fn a_bullet_read_as_a_letter_is_a_bullet() {
        let p = page(vec![
            word("e", 300, 315, 20, 20, 1),
            word("Reduced", 360, 300, 200, 50, 1),
            word("scrap", 580, 300, 150, 50, 1),
            // A real one-letter word is kept.
            word("e", 300, 500, 60, 50, 2),
            word("mail", 380, 500, 100, 50, 2),
        ]);
        let lines = image_lines(&[p]);
        assert_eq!(lines[0].text, "• Reduced scrap");
        assert_eq!(lines[1].text, "e mail");
    }

    #[test]
    fn a_bullet_read_with_a_rule_is_a_bullet() {
        let p = page(vec![
            word("•—", 300, 315, 45, 20, 1),
            word("Led", 370, 300, 90, 50, 1),
            word("e", 300, 515, 20, 20, 2),
            word("=", 330, 515, 20, 20, 2),
            word("Cut", 380, 500, 90, 50, 2),
        ]);
        let lines = image_lines(&[p]);
        assert_eq!(lines[0].text, "• Led");
        assert_eq!(lines[1].text, "• Cut");
    }

    #[test]
    fn words_set_close_keep_their_space() {
        // "Master of Science" with "of" and "Science" touching.
        let p = page(vec![
            word("Master", 300, 300, 300, 50, 1),
            word("of", 610, 300, 80, 50, 1),
            word("Science", 690, 300, 300, 50, 1),
        ]);
        assert_eq!(image_lines(&[p])[0].text, "Master of Science");
    }

    #[test]
    fn a_scan_maps_onto_its_box() {
        let p = OcrPage {
            width: 100,
            height: 200,
            words: vec![word("A", 0, 100, 10, 20, 1)],
        };
        let g = glyphs(&p, [50.0, 0.0, 150.0, 200.0]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].x, 50.0);
        // Bottom of the word at 120 px, 20 px high: baseline near 200-116.
        assert!((g[0].y - 83.6).abs() < 0.1, "{}", g[0].y);
    }

    #[test]
    fn grey_from_one_bit_rgb_and_indexed_samples() {
        let doc = Document::new();
        let mut dict = lopdf::Dictionary::new();
        dict.set("BitsPerComponent", 1);
        dict.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        assert_eq!(
            to_grey(&doc, &dict, 4, 1, &[0b1010_0000]).unwrap(),
            [255, 0, 255, 0]
        );
        let mut rgb = lopdf::Dictionary::new();
        rgb.set("BitsPerComponent", 8);
        rgb.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
        assert_eq!(
            to_grey(&doc, &rgb, 2, 1, &[255, 255, 255, 0, 0, 0]).unwrap(),
            [255, 0]
        );
        let mut mask = lopdf::Dictionary::new();
        mask.set("ImageMask", true);
        // A mask paints its zeros: those are the black pixels.
        assert_eq!(
            to_grey(&doc, &mask, 2, 1, &[0b0100_0000]).unwrap(),
            [0, 255]
        );
        let mut indexed = lopdf::Dictionary::new();
        indexed.set("BitsPerComponent", 8);
        indexed.set(
            "ColorSpace",
            Object::Array(vec![
                Object::Name(b"Indexed".to_vec()),
                Object::Name(b"DeviceGray".to_vec()),
                Object::Integer(1),
                Object::String(vec![0, 200], lopdf::StringFormat::Literal),
            ]),
        );
        assert_eq!(to_grey(&doc, &indexed, 2, 1, &[1, 0]).unwrap(), [200, 0]);
        // A separation's tint is ink: full tint is black.
        let mut ink = lopdf::Dictionary::new();
        ink.set("BitsPerComponent", 8);
        ink.set(
            "ColorSpace",
            Object::Array(vec![
                Object::Name(b"Separation".to_vec()),
                Object::Name(b"Black".to_vec()),
                Object::Name(b"DeviceGray".to_vec()),
                Object::Null,
            ]),
        );
        assert_eq!(to_grey(&doc, &ink, 2, 1, &[255, 0]).unwrap(), [0, 255]);
        // Too few samples for one row: nothing.
        assert!(to_grey(&doc, &rgb, 2, 1, &[1]).is_none());
    }
}
