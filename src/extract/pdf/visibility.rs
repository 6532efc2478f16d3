//! What a reader of the page does not see, and so what is no evidence:
//! optional content hidden by default (`/OCProperties /D`: `/OFF`, or
//! `/BaseState /OFF`), and invisible text (render mode 3, or 7 when nothing
//! is painted through the clip it makes: the interpreter shows those) that
//! is not the OCR layer of a scanned page.
//!
//! An OCR'd scan (Tesseract, ABBYY, Acrobat "searchable image") draws the
//! page as an image and lays its recognised text over it, invisible: that
//! text is the document's and is kept. Invisible text anywhere else (over a
//! white page, a photo, or a background image under visible text) is a way
//! to stuff keywords, and is left out.

use rustc_hash::FxHashSet as HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{catalog, deref, get};
use super::interpreter::Glyph;

/// Entries of an `/OCGs`, `/ON` or `/OFF` array read at most.
const MAX_GROUPS: usize = 10_000;
/// Nesting of a visibility expression (`/VE`) evaluated at most; deeper is visible.
const MAX_VE_DEPTH: usize = 16;
/// Terms of visibility expressions evaluated per question at most.
const MAX_VE_TERMS: usize = 1_000;

/// The optional-content groups hidden when the document opens.
#[derive(Debug, Default)]
pub struct OptionalContent {
    off: HashSet<ObjectId>,
}

impl OptionalContent {
    /// Reads the default configuration (`/OCProperties /D`) of the catalog.
    pub fn load(doc: &Document) -> OptionalContent {
        let mut oc = OptionalContent::default();
        let Some(props) = catalog(doc)
            .and_then(|c| get(doc, c, b"OCProperties"))
            .and_then(|p| p.as_dict().ok())
        else {
            return oc;
        };
        let Some(config) = get(doc, props, b"D").and_then(|d| d.as_dict().ok()) else {
            return oc;
        };
        let refs = |dict: &Dictionary, key: &[u8]| -> Vec<ObjectId> {
            get(doc, dict, key)
                .and_then(|a| a.as_array().ok())
                .map(|a| {
                    a.iter()
                        .take(MAX_GROUPS)
                        .filter_map(|o| o.as_reference().ok())
                        .collect()
                })
                .unwrap_or_default()
        };
        let base_off = get(doc, config, b"BaseState")
            .and_then(|b| b.as_name().ok())
            .is_some_and(|b| b == b"OFF");
        if base_off {
            let on: HashSet<ObjectId> = refs(config, b"ON").into_iter().collect();
            oc.off = refs(props, b"OCGs")
                .into_iter()
                .filter(|g| !on.contains(g))
                .collect();
        } else {
            oc.off = refs(config, b"OFF").into_iter().collect();
        }
        oc
    }

    /// True when nothing is hidden, so no content needs asking about.
    pub fn all_visible(&self) -> bool {
        self.off.is_empty()
    }

    /// Whether content marked with `oc` (an optional-content group or
    /// membership dictionary, or a reference to one) is hidden.
    pub fn hides(&self, doc: &Document, oc: &Object) -> bool {
        if self.off.is_empty() {
            return false;
        }
        let mut terms = 0;
        !self.visible(doc, oc, 0, &mut terms)
    }

    fn visible(&self, doc: &Document, oc: &Object, depth: usize, terms: &mut usize) -> bool {
        *terms += 1;
        if *terms > MAX_VE_TERMS || depth > MAX_VE_DEPTH {
            return true;
        }
        let (id, obj) = match oc {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => (Some(*id), o),
                Err(_) => return true,
            },
            o => (None, o),
        };
        let Ok(dict) = obj.as_dict() else {
            return true;
        };
        let kind = get(doc, dict, b"Type").and_then(|t| t.as_name().ok());
        let membership = kind == Some(b"OCMD".as_slice())
            || (kind.is_none() && (dict.has(b"OCGs") || dict.has(b"VE")));
        if !membership {
            return id.is_none_or(|id| !self.off.contains(&id));
        }
        if let Some(ve) = get(doc, dict, b"VE").and_then(|v| v.as_array().ok()) {
            return self.expression(doc, ve, depth + 1, terms);
        }
        let groups: Vec<bool> = match dict.get(b"OCGs") {
            Ok(Object::Array(a)) => a
                .iter()
                .take(MAX_GROUPS)
                .map(|g| self.group_visible(g))
                .collect(),
            Ok(g @ Object::Reference(_)) => vec![self.group_visible(g)],
            _ => Vec::new(),
        };
        if groups.is_empty() {
            return true;
        }
        let policy = get(doc, dict, b"P").and_then(|p| p.as_name().ok());
        match policy.unwrap_or(b"AnyOn") {
            b"AllOn" => groups.iter().all(|v| *v),
            b"AnyOff" => groups.iter().any(|v| !v),
            b"AllOff" => groups.iter().all(|v| !v),
            _ => groups.iter().any(|v| *v),
        }
    }

    fn group_visible(&self, group: &Object) -> bool {
        group.as_reference().is_ok_and(|id| !self.off.contains(&id))
    }

    /// A visibility expression: `[/And e …]`, `[/Or e …]`, `[/Not e]`, each
    /// `e` a group or an expression.
    fn expression(&self, doc: &Document, ve: &[Object], depth: usize, terms: &mut usize) -> bool {
        *terms += 1;
        if *terms > MAX_VE_TERMS || depth > MAX_VE_DEPTH {
            return true;
        }
        let Some((op, args)) = ve.split_first() else {
            return true;
        };
        let mut value = |arg: &Object| match deref(doc, arg) {
            Some(Object::Array(inner)) => self.expression(doc, inner, depth + 1, terms),
            _ => self.group_visible(arg),
        };
        match op.as_name().unwrap_or(b"") {
            b"And" => args.iter().all(&mut value),
            b"Or" => args.iter().any(&mut value),
            b"Not" => args.first().is_none_or(|a| !value(a)),
            _ => true,
        }
    }
}

/// The share of the page the images must cover together for invisible
/// text over them to be taken for the OCR layer of a scan.
pub const SCAN_SHARE: f64 = 0.25;
/// Images of a page weighed at most (the first ones drawn; the same box
/// drawn twice counts once), so that sorting stays linear in the glyphs.
const MAX_IMAGES: usize = 64;

/// Invisible glyphs of one page, sorted out: those of an OCR layer (kept)
/// and the rest (left out, only counted).
#[derive(Debug, Default)]
pub struct Invisible {
    /// Glyphs of an OCR layer, to be laid out with the visible ones.
    pub ocr: Vec<Glyph>,
    /// Characters left out (white space not counted).
    pub hidden_chars: usize,
}

/// A glyph drawn in an invisible render mode, with its device-space origin.
#[derive(Debug, Clone)]
pub struct InvisibleGlyph {
    pub glyph: Glyph,
    pub x: f64,
    pub y: f64,
}

/// Characters of text that count when text is left out (white space does not).
pub fn counted_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn area(b: &[f64; 4]) -> f64 {
    (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0)
}

fn inside(b: &[f64; 4], x: f64, y: f64) -> bool {
    x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
}

/// The page's distinct image boxes (at most [`MAX_IMAGES`]), when together
/// they cover at least [`SCAN_SHARE`] of `page`: a scan, whole or in strips
/// (or a large background). Empty otherwise.
pub fn scan_images(images: &[[f64; 4]], page: &[f64; 4]) -> Vec<[f64; 4]> {
    let mut distinct: Vec<[f64; 4]> = Vec::new();
    for i in images {
        if distinct.len() >= MAX_IMAGES {
            break;
        }
        if !distinct
            .iter()
            .any(|j| (0..4).all(|k| (i[k] - j[k]).abs() < 1.0))
        {
            distinct.push(*i);
        }
    }
    let clipped = |i: &[f64; 4]| {
        area(&[
            i[0].max(page[0]),
            i[1].max(page[1]),
            i[2].min(page[2]),
            i[3].min(page[3]),
        ])
    };
    let covered: f64 = distinct.iter().map(clipped).sum();
    if area(page) > 0.0 && covered >= SCAN_SHARE * area(page) {
        distinct
    } else {
        Vec::new()
    }
}

/// Sorts a page's invisible glyphs. They are the OCR layer of a scan when
/// the page's images cover at least [`SCAN_SHARE`] of it (`page`: its box,
/// else the extent of what it draws) and, on those images, the invisible
/// glyphs outnumber the visible ones (`visible`: their device-space
/// origins) at least ten to one: the words of a scan are in its pixels,
/// while a background image under visible text is a design. The glyphs on
/// the images are then kept; all others are left out and counted.
pub fn sort_invisible(
    invisible: Vec<InvisibleGlyph>,
    visible: &[(f32, f32)],
    images: &[[f64; 4]],
    page: Option<[f64; 4]>,
) -> Invisible {
    let mut out = Invisible::default();
    if invisible.is_empty() {
        return out;
    }
    let page = page.unwrap_or_else(|| {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        let points = invisible
            .iter()
            .map(|g| (g.x, g.y))
            .chain(visible.iter().map(|&(x, y)| (f64::from(x), f64::from(y))));
        for (x, y) in points {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        for i in images {
            b = [
                b[0].min(i[0]),
                b[1].min(i[1]),
                b[2].max(i[2]),
                b[3].max(i[3]),
            ];
        }
        b
    });
    let scan = scan_images(images, &page);
    let on_scan = |x: f64, y: f64| scan.iter().any(|i| inside(i, x, y));
    let hidden = invisible.iter().filter(|g| on_scan(g.x, g.y)).count();
    let shown = visible
        .iter()
        .filter(|&&(x, y)| on_scan(f64::from(x), f64::from(y)))
        .count();
    let ocr = hidden > 0 && shown * 10 <= hidden;
    for g in invisible {
        if ocr && on_scan(g.x, g.y) {
            out.ocr.push(g.glyph);
        } else {
            out.hidden_chars += counted_chars(&g.glyph.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn glyph(x: f64, y: f64) -> InvisibleGlyph {
        InvisibleGlyph {
            glyph: Glyph {
                text: "a".into(),
                x: x as f32,
                y: y as f32,
                w: 5.0,
                size: 10.0,
                rot: 0,
                bold: false,
            },
            x,
            y,
        }
    }

    const PAGE: Option<[f64; 4]> = Some([0.0, 0.0, 612.0, 792.0]);

    #[test]
    fn text_over_a_scan_is_kept_elsewhere_left_out() {
        let scan = [[0.0, 0.0, 612.0, 792.0]];
        let words: Vec<InvisibleGlyph> = (0..50).map(|i| glyph(72.0 + i as f64, 700.0)).collect();
        let sorted = sort_invisible(words.clone(), &[], &scan, PAGE);
        assert_eq!((sorted.ocr.len(), sorted.hidden_chars), (50, 0));
        // No image, or one too small (a photo): left out.
        let sorted = sort_invisible(words.clone(), &[], &[], PAGE);
        assert_eq!((sorted.ocr.len(), sorted.hidden_chars), (0, 50));
        let photo = [[400.0, 650.0, 520.0, 770.0]];
        let sorted = sort_invisible(words.clone(), &[], &photo, PAGE);
        assert_eq!((sorted.ocr.len(), sorted.hidden_chars), (0, 50));
        // A background image under as much visible text: a design, not a scan.
        let shown: Vec<(f32, f32)> = (0..40).map(|i| (72.0 + i as f32, 600.0)).collect();
        let sorted = sort_invisible(words.clone(), &shown, &scan, PAGE);
        assert_eq!((sorted.ocr.len(), sorted.hidden_chars), (0, 50));
        // A visible page number on a scan does not make it a design.
        let sorted = sort_invisible(words, &shown[..2], &scan, PAGE);
        assert_eq!(sorted.ocr.len(), 50);
        // Without a page box, the extent of the drawing is the page.
        let sorted = sort_invisible(vec![glyph(100.0, 100.0)], &[], &scan, None);
        assert_eq!(sorted.ocr.len(), 1);
        // A scan in strips, each under a quarter of the page.
        let strips: Vec<[f64; 4]> = (0..8)
            .map(|i| [0.0, 99.0 * f64::from(i), 612.0, 99.0 * f64::from(i + 1)])
            .collect();
        let sorted = sort_invisible(vec![glyph(100.0, 700.0)], &[], &strips, PAGE);
        assert_eq!(sorted.ocr.len(), 1);
    }

    #[test]
    fn many_images_and_glyphs_sort_fast() {
        let images = vec![[0.0, 0.0, 612.0, 792.0]; 1_024];
        let words: Vec<InvisibleGlyph> = (0..200_000)
            .map(|i| glyph(f64::from(i % 600), f64::from(i % 780)))
            .collect();
        let shown: Vec<(f32, f32)> = (0..10_000).map(|i| ((i % 600) as f32, 10.0)).collect();
        let t = std::time::Instant::now();
        let sorted = sort_invisible(words, &shown, &images, PAGE);
        assert_eq!(sorted.ocr.len(), 200_000);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }

    #[test]
    fn default_configuration_hides_off_groups() {
        let mut doc = Document::with_version("1.7");
        let on =
            doc.add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("On") });
        let off = doc
            .add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Off") });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "OCProperties" => dictionary! {
                "OCGs" => vec![on.into(), off.into()],
                "D" => dictionary! { "OFF" => vec![off.into()] },
            },
        });
        doc.trailer.set("Root", catalog);
        let oc = OptionalContent::load(&doc);
        assert!(!oc.hides(&doc, &Object::Reference(on)));
        assert!(oc.hides(&doc, &Object::Reference(off)));
        let md = |p: &str, groups: Vec<Object>| {
            Object::Dictionary(dictionary! { "Type" => "OCMD", "OCGs" => groups, "P" => p })
        };
        let both = || vec![on.into(), off.into()];
        assert!(!oc.hides(&doc, &md("AnyOn", both())));
        assert!(oc.hides(&doc, &md("AllOn", both())));
        assert!(!oc.hides(&doc, &md("AnyOff", both())));
        assert!(oc.hides(&doc, &md("AllOff", both())));
        let ve = |e: Vec<Object>| Object::Dictionary(dictionary! { "Type" => "OCMD", "VE" => e });
        assert!(oc.hides(&doc, &ve(vec!["And".into(), on.into(), off.into()])));
        assert!(!oc.hides(&doc, &ve(vec!["Not".into(), off.into()])));
        assert!(!oc.hides(
            &doc,
            &ve(vec![
                "Or".into(),
                Object::Array(vec!["Not".into(), on.into()]),
                Object::Array(vec!["Not".into(), off.into()]),
            ])
        ));
    }

    #[test]
    fn base_state_off_hides_all_but_on() {
        let mut doc = Document::with_version("1.7");
        let a = doc.add_object(dictionary! { "Type" => "OCG" });
        let b = doc.add_object(dictionary! { "Type" => "OCG" });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "OCProperties" => dictionary! {
                "OCGs" => vec![a.into(), b.into()],
                "D" => dictionary! { "BaseState" => "OFF", "ON" => vec![a.into()] },
            },
        });
        doc.trailer.set("Root", catalog);
        let oc = OptionalContent::load(&doc);
        assert!(!oc.hides(&doc, &Object::Reference(a)));
        assert!(oc.hides(&doc, &Object::Reference(b)));
    }

    #[test]
    fn deep_expressions_are_bounded() {
        let mut doc = Document::with_version("1.7");
        let off = doc.add_object(dictionary! { "Type" => "OCG" });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "OCProperties" => dictionary! { "OCGs" => vec![off.into()], "D" => dictionary! { "OFF" => vec![off.into()] } },
        });
        doc.trailer.set("Root", catalog);
        let oc = OptionalContent::load(&doc);
        let mut e = Object::Reference(off);
        for _ in 0..500 {
            e = Object::Array(vec!["Not".into(), "Not".into(), e]);
            e = Object::Array(vec!["Or".into(), e]);
        }
        let md = Object::Dictionary(dictionary! { "Type" => "OCMD", "VE" => e });
        // Deeper than the cap: taken as visible, and fast.
        assert!(!oc.hides(&doc, &md));
    }
}
