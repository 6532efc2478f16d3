//! Annotations: the text a reader sees in form fields and other annotations
//! (drawn from their appearance streams by the interpreter), and the targets
//! of link annotations (`mailto:`, `tel:`, web addresses), which carry
//! contact details a page may show only as icons.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::encoding::glyph_name_to_unicode;
use super::font::{catalog, deref, get, num};
use super::interpreter::mapped_bounds;
use super::tables;

/// Annotations read per page; a page with more is not a resume.
pub const MAX_PAGE_ANNOTS: usize = 2_000;
/// Link targets kept per page.
pub const MAX_PAGE_LINKS: usize = 200;
/// Longest link target kept, in bytes.
const MAX_URI_BYTES: usize = 512;

/// Annotation flags that keep it off the screen: Hidden and NoView.
const NOT_SHOWN: u32 = (1 << 1) | (1 << 5);

/// A link annotation: where it sits on the page and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLink {
    /// `[x0, y0, x1, y1]` in page space.
    pub rect: [f64; 4],
    pub uri: String,
}

/// What an annotation contributes to the page.
pub enum Annotation<'d> {
    /// A link to this target.
    Link(PageLink),
    /// An appearance to draw: the form, and the matrix that maps its box
    /// onto the annotation's rectangle; for a text or choice field of a form
    /// saved with `/NeedAppearances true`, also its value, drawn in the
    /// rectangle when the appearance shows no text (the viewer makes the
    /// appearance from the value: an empty `/Tx BMC EMC` stands in for it).
    Appearance {
        id: ObjectId,
        form: &'d Stream,
        matrix: [f64; 6],
        value: Option<(String, [f64; 4])>,
    },
    /// A text field's value, or a free-text annotation's text, with no
    /// appearance (the viewer would make one): the text and the rectangle
    /// it fills.
    FieldValue { text: String, rect: [f64; 4] },
}

/// Reads one entry of a page's `/Annots`; `None` for what shows no text and
/// links nowhere (hidden annotations, pop-ups, empty fields).
pub fn read<'d>(doc: &'d Document, entry: &'d Object) -> Option<Annotation<'d>> {
    let annot = deref(doc, entry)?.as_dict().ok()?;
    let flags = get(doc, annot, b"F").and_then(num).unwrap_or(0.0) as u32;
    if flags & NOT_SHOWN != 0 {
        return None;
    }
    let rect = rect_of(doc, annot)?;
    let subtype = get(doc, annot, b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    match subtype {
        b"Link" => link_target(doc, annot).map(|uri| Annotation::Link(PageLink { rect, uri })),
        b"Popup" => None,
        _ => appearance(doc, annot, rect)
            .map(|a| match a {
                Annotation::Appearance {
                    id, form, matrix, ..
                } => Annotation::Appearance {
                    id,
                    form,
                    matrix,
                    value: needs_appearances(doc)
                        .then(|| shown_field_value(doc, annot))
                        .flatten()
                        .map(|text| (text, rect)),
                },
                other => other,
            })
            .or_else(|| field_value(doc, annot, rect))
            .or_else(|| free_text(doc, annot, subtype, rect)),
    }
}

/// A free-text annotation's `/Contents` when it has no appearance: that is
/// the text the viewer draws in its box (PDF 32000-1, 12.5.6.6). Other
/// annotations' `/Contents` is a note shown only on demand, so not read.
fn free_text(
    doc: &Document,
    annot: &Dictionary,
    subtype: &[u8],
    rect: [f64; 4],
) -> Option<Annotation<'static>> {
    if subtype != b"FreeText" {
        return None;
    }
    let Some(Object::String(bytes, _)) = get(doc, annot, b"Contents") else {
        return None;
    };
    let text = text_string(bytes);
    let text = text.trim();
    (!text.is_empty()).then(|| Annotation::FieldValue {
        text: text.to_string(),
        rect,
    })
}

/// `/Rect`, normalised so x0 < x1 and y0 < y1; `None` when degenerate.
fn rect_of(doc: &Document, annot: &Dictionary) -> Option<[f64; 4]> {
    let r = four_numbers(doc, get(doc, annot, b"Rect")?)?;
    let rect = [
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ];
    (rect[2] - rect[0] > 0.0 && rect[3] - rect[1] > 0.0).then_some(rect)
}

/// An array of exactly four finite numbers (references followed).
fn four_numbers(doc: &Document, obj: &Object) -> Option<[f64; 4]> {
    let a = obj.as_array().ok()?;
    let n: Vec<f64> = a
        .iter()
        .filter_map(|o| deref(doc, o).and_then(num))
        .map(f64::from)
        .collect();
    (n.len() == 4 && n.iter().all(|v| v.is_finite())).then(|| [n[0], n[1], n[2], n[3]])
}

/// The URI of a link's `/A` action (a `/URI` action), if any.
fn link_target(doc: &Document, annot: &Dictionary) -> Option<String> {
    let action = get(doc, annot, b"A")?.as_dict().ok()?;
    if get(doc, action, b"S")?.as_name().ok()? != b"URI" {
        return None;
    }
    let Object::String(bytes, _) = get(doc, action, b"URI")? else {
        return None;
    };
    let uri = text_string(bytes);
    let uri = uri.trim();
    (!uri.is_empty() && uri.len() <= MAX_URI_BYTES).then(|| uri.to_string())
}

/// The normal appearance stream (`/AP /N`, or the state `/AS` selects).
fn appearance<'d>(
    doc: &'d Document,
    annot: &'d Dictionary,
    rect: [f64; 4],
) -> Option<Annotation<'d>> {
    let ap = get(doc, annot, b"AP")?.as_dict().ok()?;
    let normal = ap.get(b"N").ok()?;
    let (id, obj) = match doc.dereference(normal).ok()? {
        (id, Object::Dictionary(states)) => {
            let state = get(doc, annot, b"AS")?.as_name().ok()?;
            let (inner, obj) = doc.dereference(states.get(state).ok()?).ok()?;
            (inner.or(id), obj)
        }
        other => other,
    };
    let (Some(id), Object::Stream(form)) = (id, obj) else {
        return None;
    };
    let bbox = four_numbers(doc, get(doc, &form.dict, b"BBox")?)?;
    let form_matrix = get(doc, &form.dict, b"Matrix")
        .and_then(|m| m.as_array().ok())
        .map(|m| {
            m.iter()
                .filter_map(|o| deref(doc, o).and_then(num))
                .map(f64::from)
                .collect::<Vec<f64>>()
        })
        .filter(|m| m.len() == 6)
        .map_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], |m| {
            [m[0], m[1], m[2], m[3], m[4], m[5]]
        });
    Some(Annotation::Appearance {
        id,
        form,
        matrix: rect_mapping(bbox, form_matrix, rect)?,
        value: None,
    })
}

/// The matrix that maps the form's box, transformed by its own matrix, onto
/// the annotation's rectangle (PDF 32000-1, 12.5.5). The interpreter applies
/// the form's matrix itself, so this is the part after it.
fn rect_mapping(bbox: [f64; 4], m: [f64; 6], rect: [f64; 4]) -> Option<[f64; 6]> {
    let [x0, y0, x1, y1] = mapped_bounds(&m, bbox);
    if x1 - x0 <= 0.0 || y1 - y0 <= 0.0 {
        return None;
    }
    let sx = (rect[2] - rect[0]) / (x1 - x0);
    let sy = (rect[3] - rect[1]) / (y1 - y0);
    Some([sx, 0.0, 0.0, sy, rect[0] - sx * x0, rect[1] - sy * y0])
}

/// A text field's `/V` (inherited from its parent field) when the field has
/// no appearance of its own.
fn field_value(doc: &Document, annot: &Dictionary, rect: [f64; 4]) -> Option<Annotation<'static>> {
    let mut field = annot;
    for _ in 0..8 {
        if let Some(Object::String(bytes, _)) = get(doc, field, b"V") {
            let text = text_string(bytes);
            let text = text.trim();
            return (!text.is_empty()).then(|| Annotation::FieldValue {
                text: text.to_string(),
                rect,
            });
        }
        field = get(doc, field, b"Parent")?.as_dict().ok()?;
    }
    None
}

/// Whether the form asks the viewer to make its fields' appearances from
/// their values (`/AcroForm /NeedAppearances true`); otherwise the
/// appearance streams are what a reader sees, even blank ones.
fn needs_appearances(doc: &Document) -> bool {
    catalog(doc)
        .and_then(|c| get(doc, c, b"AcroForm"))
        .and_then(|f| f.as_dict().ok())
        .and_then(|f| get(doc, f, b"NeedAppearances"))
        .is_some_and(|n| matches!(n, Object::Boolean(true)))
}

/// `/Ff` bit 14: a password field, whose value a viewer never shows.
const PASSWORD: u32 = 1 << 13;
/// `/Ff` bit 18 of a choice field: a combo box, showing only its value;
/// without it, a list box, showing its options.
const COMBO: u32 = 1 << 17;

/// The text a viewer shows in a text or choice field (`/FT /Tx` or `/Ch`,
/// each key inherited from the parent fields): the value (`/V`, a string),
/// or a list box's options (`/Opt`), one per line; never a password
/// field's. `None` when empty.
fn shown_field_value(doc: &Document, annot: &Dictionary) -> Option<String> {
    let (mut ft, mut ff, mut value, mut options) = (None, None, None, None);
    let mut field = annot;
    for depth in 0..8 {
        ft = ft.or_else(|| get(doc, field, b"FT").and_then(|o| o.as_name().ok()));
        ff = ff.or_else(|| get(doc, field, b"Ff").and_then(num));
        options = options.or_else(|| get(doc, field, b"Opt").and_then(|o| o.as_array().ok()));
        if value.is_none() {
            value = match get(doc, field, b"V") {
                Some(Object::String(bytes, _)) => Some(text_string(bytes)),
                Some(Object::Array(_)) => Some(String::new()),
                Some(_) => return None,
                None => None,
            };
        }
        match get(doc, field, b"Parent").and_then(|o| o.as_dict().ok()) {
            Some(parent) if depth < 7 => field = parent,
            _ => break,
        }
    }
    let flags = ff.unwrap_or(0.0) as u32;
    let text = match ft {
        Some(b"Tx") if flags & PASSWORD == 0 => value?,
        Some(b"Ch") if flags & COMBO == 0 => list_options(doc, options?),
        Some(b"Ch") => value?,
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A list box's options as shown, one per line: each a string, or an
/// `[export display]` pair whose second string is shown.
fn list_options(doc: &Document, options: &[Object]) -> String {
    let shown = |option: &Object| match deref(doc, option)? {
        Object::String(bytes, _) => Some(text_string(bytes)),
        Object::Array(pair) => match pair.get(1).and_then(|o| deref(doc, o)) {
            Some(Object::String(bytes, _)) => Some(text_string(bytes)),
            _ => None,
        },
        _ => None,
    };
    let lines: Vec<String> = options
        .iter()
        .take(MAX_LIST_OPTIONS)
        .filter_map(shown)
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

/// Options of a list box read (a list box shows a few; a hostile one may
/// hold millions).
const MAX_LIST_OPTIONS: usize = 200;

/// A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else
/// PDFDocEncoding.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes
        .iter()
        .filter_map(|&b| match b {
            b'\t' | b'\n' | b'\r' => Some((b as char).to_string()),
            0x20..=0x7E => Some((b as char).to_string()),
            _ => glyph_name_to_unicode(tables::PDF_DOC[usize::from(b)]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_every_encoding() {
        assert_eq!(
            text_string(b"mailto:jo@example.com"),
            "mailto:jo@example.com"
        );
        assert_eq!(text_string(&[0xFE, 0xFF, 0x00, 0x4A, 0x00, 0xF6]), "Jö");
        assert_eq!(text_string(&[0xEF, 0xBB, 0xBF, b'J', 0xC3, 0xB6]), "Jö");
    }

    #[test]
    fn an_appearance_box_is_mapped_onto_the_rectangle() {
        // A 100 x 20 form box drawn into a 200 x 20 rectangle at (50, 700).
        let m = rect_mapping(
            [0.0, 0.0, 100.0, 20.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            [50.0, 700.0, 250.0, 720.0],
        )
        .unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 1.0, 50.0, 700.0]);
        assert!(rect_mapping(
            [0.0, 0.0, 0.0, 20.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            [0.0; 4]
        )
        .is_none());
    }
}
