//! End-to-end tests on small PDFs built in code with lopdf's writer.

use lopdf::{dictionary, Document, Object, Stream};

use super::extract;
use crate::error::ErrorKind;
use crate::extract::Limits;

/// A one-page PDF with Helvetica as /F1, the given page content and extra
/// page resources (e.g. an /XObject dictionary built by `extra`).
fn pdf_with(content: &[u8], extra: impl FnOnce(&mut Document, &mut lopdf::Dictionary)) -> Vec<u8> {
    pdf_with_stream(Stream::new(dictionary! {}, content.to_vec()), extra)
}

/// [`pdf_with`], with the page's content stream as given.
fn pdf_with_stream(
    content: Stream,
    extra: impl FnOnce(&mut Document, &mut lopdf::Dictionary),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    extra(&mut doc, &mut resources);
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory PDF");
    out
}

fn pdf(content: &[u8]) -> Vec<u8> {
    pdf_with(content, |_, _| {})
}

fn text_of(bytes: &[u8]) -> String {
    let doc = extract(bytes, &Limits::default()).expect("extracts");
    assert!(doc.lines.iter().all(|l| l.page == Some(1)));
    doc.plain_text()
}

#[test]
fn text_state_operators() {
    let content = b"BT /F1 12 Tf 14 TL 72 700 Td
        [(Six)-280(Sigma)] TJ
        T* (Green) Tj 3 Tc ( Belt) Tj 0 Tc
        (next line) '
        1 0 (after quote) \"
        0 -28 TD (TD moved) Tj T* (by leading) Tj
        1 0 0 1 72 500 Tm 50 Tz (squeezed text) Tj 100 Tz
        ET";
    assert_eq!(
        text_of(&pdf(content)),
        "Six Sigma\nGreen Belt\nnext line\nafter quote\nTD moved\nby leading\nsqueezed text\n"
    );
}

#[test]
fn negative_font_size_and_mirrored_matrix_read_normally() {
    // A negative size turns the glyphs by 180° and they advance leftwards.
    let turned = b"BT /F1 -12 Tf 300 700 Td (Six Sigma Green Belt) Tj ET";
    assert_eq!(text_of(&pdf(turned)), "Six Sigma Green Belt\n");
    // A horizontally mirrored text matrix: upright, advancing leftwards.
    let mirrored =
        b"BT /F1 12 Tf -1 0 0 1 300 700 Tm (Lean Six Sigma) Tj 0 -14 Td (Kaizen events) Tj ET";
    assert_eq!(text_of(&pdf(mirrored)), "Lean Six Sigma\nKaizen events\n");
}

#[test]
fn hebrew_drawn_left_to_right_reads_in_logical_order() {
    // A TCPDF-style font: codes are Unicode (/ToUnicode /Identity-H). The
    // glyphs of "שלום" are placed left to right, last letter first.
    let bytes = pdf_with(
        b"BT /F2 12 Tf 72 700 Td <05DD05D505DC05E9> Tj ET BT /F1 12 Tf 72 680 Td (ISO 9001) Tj ET",
        |doc, resources| {
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "DejaVuSans",
                "Encoding" => "Identity-H", "ToUnicode" => "Identity-H",
                "DescendantFonts" => vec![dictionary! { "Subtype" => "CIDFontType2", "DW" => 600 }.into()],
            });
            if let Ok(Object::Dictionary(fonts)) = resources.get_mut(b"Font") {
                fonts.set("F2", font);
            }
        },
    );
    assert_eq!(text_of(&bytes), "\u{5E9}\u{5DC}\u{5D5}\u{5DD}\nISO 9001\n");
}

#[test]
fn kerning_inside_a_word_is_not_a_space() {
    // Small TJ adjustments (kerning) stay inside the word; a big one splits it.
    let content =
        b"BT /F1 12 Tf 72 700 Td [(W)40(ork)-30(flow)] TJ 0 -20 Td [(Lean)-300(Six)] TJ ET";
    assert_eq!(text_of(&pdf(content)), "Workflow\nLean Six\n");
}

#[test]
fn ctm_and_graphics_state_stack() {
    // The text is drawn under a scaled CTM inside q/Q; the second line after Q.
    let content = b"q 2 0 0 2 0 0 cm BT /F1 6 Tf 36 350 Td (Scaled up) Tj ET Q BT /F1 12 Tf 72 600 Td (Plain) Tj ET";
    assert_eq!(text_of(&pdf(content)), "Scaled up\nPlain\n");
}

#[test]
fn deep_q_nesting_is_capped_not_fatal() {
    let mut content = Vec::new();
    content.extend(b"q ".repeat(5000));
    content.extend(b"BT /F1 12 Tf 72 700 Td (Deep text) Tj ET ");
    content.extend(b"Q ".repeat(5000));
    content.extend(b"BT /F1 12 Tf 72 680 Td (After) Tj ET");
    assert_eq!(text_of(&pdf(&content)), "Deep text\nAfter\n");
}

#[test]
fn rotated_text_is_read() {
    let content = b"BT /F1 12 Tf 0 1 -1 0 100 100 Tm (Sideways words) Tj ET";
    assert_eq!(text_of(&pdf(content)), "Sideways words\n");
}

#[test]
fn form_xobject_with_matrix_and_own_resources() {
    let bytes = pdf_with(
        b"q 1 0 0 1 0 -100 cm /Fm1 Do Q BT /F1 12 Tf 72 750 Td (Page text) Tj ET",
        |doc, res| {
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            });
            let form = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                    "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 50.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "T1" => font } },
                },
                b"BT /T1 12 Tf 72 600 Td (Six Sigma Green Belt) Tj ET".to_vec(),
            ));
            res.set("XObject", dictionary! { "Fm1" => form });
        },
    );
    assert_eq!(text_of(&bytes), "Six Sigma Green Belt\nPage text\n");
}

#[test]
fn self_drawing_form_is_cut() {
    let bytes = pdf_with(b"/Fm1 Do", |doc, res| {
        let id = doc.new_object_id();
        let xobjects = dictionary! { "Fm1" => id };
        let fonts = res.get(b"Font").unwrap().clone();
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                "Resources" => dictionary! { "XObject" => xobjects.clone(), "Font" => fonts },
            },
            b"BT /F1 12 Tf 72 700 Td (Loop) Tj ET /Fm1 Do".to_vec(),
        );
        doc.objects.insert(id, Object::Stream(form));
        res.set("XObject", xobjects);
    });
    let doc = extract(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.plain_text(), "Loop\n");
    assert!(
        doc.warnings.iter().any(|w| w.contains("draws itself")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn operation_budget_gives_limit_error() {
    let content = b"BT /F1 12 Tf 72 700 Td (x) Tj ET ".repeat(100);
    let limits = Limits {
        max_operations: 50,
        ..Limits::default()
    };
    let err = extract(&pdf(&content), &limits).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit);
}

#[test]
fn flate_bomb_gives_limit_error_not_memory() {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&chunk).unwrap();
    }
    let compressed = enc.finish().unwrap();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        compressed,
    ));
    let page_id = doc.add_object(
        dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let err = extract(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit, "{err}");
}

#[test]
fn not_a_pdf_and_garbage_are_malformed() {
    assert_eq!(
        extract(b"hello", &Limits::default()).unwrap_err().kind,
        ErrorKind::Malformed
    );
    let mut junk = b"%PDF-1.4\n".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    assert_eq!(
        extract(&junk, &Limits::default()).unwrap_err().kind,
        ErrorKind::Malformed
    );
}

#[test]
fn page_numbers_are_one_based() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" },
    );
    let mut kids = Vec::new();
    for text in ["First page", "Second page"] {
        let content = format!("BT /F1 10 Tf 72 700 Td ({text}) Tj ET");
        let c = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let p =
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => c });
        kids.push(Object::from(p));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => 2,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let out = extract(&bytes, &Limits::default()).unwrap();
    let pages: Vec<(Option<u32>, &str)> = out
        .lines
        .iter()
        .map(|l| (l.page, l.text.as_str()))
        .collect();
    assert_eq!(
        pages,
        vec![(Some(1), "First page"), (Some(2), "Second page")]
    );
}

#[test]
fn text_outside_the_page_is_ignored() {
    let content =
        b"BT /F1 12 Tf 72 700 Td (Visible) Tj ET BT /F1 12 Tf -500 700 Td (Hidden keywords) Tj ET";
    let doc = extract(&pdf(content), &Limits::default()).unwrap();
    assert_eq!(doc.plain_text(), "Visible\n");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("outside the visible page")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn string_nested_too_deep_is_a_limit_not_no_text() {
    let mut content = b"BT /F1 12 Tf 72 700 Td ".to_vec();
    content.extend(std::iter::repeat_n(b'(', 500));
    content.extend(std::iter::repeat_n(b')', 500));
    content.extend(b" Tj ET");
    let err = extract(&pdf(&content), &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit, "{err}");
    // Text drawn before the over-deep string is kept, with a warning.
    let mut content = b"BT /F1 12 Tf 72 700 Td (Six Sigma) Tj ET BT ".to_vec();
    content.extend(std::iter::repeat_n(b'(', 500));
    content.extend(std::iter::repeat_n(b')', 500));
    content.extend(b" Tj ET");
    let doc = extract(&pdf(&content), &Limits::default()).expect("text before the string");
    assert_eq!(doc.plain_text(), "Six Sigma\n");
    assert!(
        doc.warnings.iter().any(|w| w.contains("nests")),
        "{:?}",
        doc.warnings
    );
    // Shallow nesting and parentheses in inline image data are fine.
    let content =
        b"BT /F1 12 Tf 72 700 Td (a (b (c)) d) Tj ET BI /W 4 /H 1 /BPC 8 /CS /G ID ((((( EI";
    assert_eq!(text_of(&pdf(content)), "a (b (c)) d\n");
}

#[test]
fn page_of_many_big_streams_is_read_in_chunks_with_its_state() {
    // Streams bigger than a chunk together: the text state set in the first
    // stream (font, position) still holds in the last.
    let filler = vec![b' '; 9 * 1024 * 1024];
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let parts: Vec<Vec<u8>> = vec![
        b"BT /F1 12 Tf 72 700 Td (Six Sigma) Tj".to_vec(),
        filler.clone(),
        filler,
        b"0 -14 Td (Green Belt) Tj ET".to_vec(),
    ];
    let ids: Vec<Object> = parts
        .into_iter()
        .map(|p| doc.add_object(Stream::new(dictionary! {}, p)).into())
        .collect();
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => ids,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert_eq!(text_of(&bytes), "Six Sigma\nGreen Belt\n");
}

#[test]
fn actual_text_replaces_the_glyphs_it_spans() {
    // Chrome draws ligatures of web fonts as glyphs without a Unicode value
    // and gives their text in an /ActualText span; an empty one hides its
    // glyphs (a hyphen that only marks a line break).
    let content = b"BT /F1 12 Tf 72 700 Td (air tra) Tj
        /Span <</ActualText (ffi)>> BDC (\x01) Tj EMC (c) Tj
        0 -20 Td (soft) Tj /Span <</ActualText ()>> BDC (-) Tj EMC
        0 -20 Td /P <</MCID 0>> BDC (plain) Tj EMC
        ET";
    assert_eq!(text_of(&pdf(content)), "air traffic\nsoft\nplain\n");
}

#[test]
fn link_annotations_and_field_values_reach_the_document() {
    let mut doc =
        lopdf::Document::load_mem(&pdf(b"BT /F1 12 Tf 72 700 Td (Contact) Tj ET")).expect("a PDF");
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![70.into(), 695.into(), 140.into(), 712.into()],
        "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("mailto:jo@example.com") },
    });
    let field = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx",
        "Rect" => vec![72.into(), 600.into(), 300.into(), 618.into()],
        "V" => Object::string_literal("Six Sigma Green Belt"),
    });
    let hidden = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "F" => 2,
        "Rect" => vec![72.into(), 500.into(), 300.into(), 518.into()],
        "V" => Object::string_literal("hidden keywords"),
    });
    let page_id = *doc.get_pages().values().next().expect("a page");
    doc.get_dictionary_mut(page_id)
        .expect("page")
        .set("Annots", vec![link.into(), field.into(), hidden.into()]);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("in-memory PDF");
    let extracted = extract(&bytes, &Limits::default()).expect("extracts");
    assert_eq!(extracted.plain_text(), "Contact\nSix Sigma Green Belt\n");
    assert_eq!(
        extracted.links,
        vec![crate::extract::Link {
            page: Some(1),
            line: Some(1),
            uri: "mailto:jo@example.com".into()
        }]
    );
}

/// `pdf_with`'s PDF, edited: the document and its page's id.
fn edited(bytes: &[u8], edit: impl FnOnce(&mut Document, lopdf::ObjectId)) -> Vec<u8> {
    let mut doc = Document::load_mem(bytes).expect("a PDF");
    let page_id = *doc.get_pages().values().next().expect("a page");
    edit(&mut doc, page_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory PDF");
    out
}

/// An 8×8 grey image XObject as /Im1.
fn with_image(doc: &mut Document, resources: &mut lopdf::Dictionary) {
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 8, "Height" => 8,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![200; 64],
    ));
    resources.set("XObject", dictionary! { "Im1" => image });
}

fn warnings_of(bytes: &[u8]) -> Vec<String> {
    extract(bytes, &Limits::default())
        .expect("extracts")
        .warnings
}

const VISIBLE: &[u8] = b"BT /F1 12 Tf 72 700 Td (Production Technician) Tj ET ";

#[test]
fn invisible_text_is_left_out_and_counted() {
    for mode in ["3", "7"] {
        let content = [
            VISIBLE,
            // The mode is graphics state, saved and restored with q/Q.
            format!("q BT {mode} Tr /F1 4 Tf 72 100 Td (Six Sigma Black Belt) Tj ET Q").as_bytes(),
            b" BT /F1 12 Tf 72 680 Td (OSHA 10) Tj ET",
        ]
        .concat();
        let bytes = pdf(&content);
        assert_eq!(
            text_of(&bytes),
            "Production Technician\nOSHA 10\n",
            "{mode} Tr"
        );
        let warnings = warnings_of(&bytes);
        assert!(
            warnings.iter().any(|w| w.starts_with(
                "hidden_text: 17 characters a reader cannot see were left out (17 invisible)"
            )),
            "{warnings:?}"
        );
    }
    // Fill and clip (4) or stroke (1) is seen.
    let bytes = pdf(b"BT 4 Tr /F1 12 Tf 72 700 Td (Lean) Tj 1 Tr ( Six Sigma) Tj ET");
    assert_eq!(text_of(&bytes), "Lean Six Sigma\n");
    assert!(warnings_of(&bytes).is_empty());
}

#[test]
fn invisible_text_over_a_scan_is_an_ocr_layer() {
    let ocr = b"BT 3 Tr /F1 12 Tf 72 700 Td (Six Sigma Green Belt) Tj ET";
    let scan = b"q 612 0 0 792 0 0 cm /Im1 Do Q ";
    for content in [[&scan[..], ocr].concat(), [&ocr[..], b" ", scan].concat()] {
        let bytes = pdf_with(&content, with_image);
        assert_eq!(text_of(&bytes), "Six Sigma Green Belt\n");
        let warnings = warnings_of(&bytes);
        assert!(
            warnings.len() == 1 && warnings[0].starts_with("ocr_layer: the text of 1 page is"),
            "{warnings:?}"
        );
    }
    // An inline image is a scan too.
    let inline = [
        &b"q 612 0 0 792 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q "[..],
        ocr,
    ]
    .concat();
    assert_eq!(text_of(&pdf(&inline)), "Six Sigma Green Belt\n");
    // A photo is no scan, and a background under visible text is a design.
    let photo = [&b"q 100 0 0 100 400 650 cm /Im1 Do Q "[..], VISIBLE, ocr].concat();
    assert_eq!(
        text_of(&pdf_with(&photo, with_image)),
        "Production Technician\n"
    );
    let mut background = scan.to_vec();
    for y in (300..700).step_by(20) {
        background.extend(format!("BT /F1 10 Tf 72 {y} Td (Operated filling line) Tj ET ").bytes());
    }
    background.extend(b"BT 3 Tr /F1 10 Tf 72 100 Td (Six Sigma Black Belt) Tj ET");
    let text = text_of(&pdf_with(&background, with_image));
    assert!(!text.contains("Black Belt"), "{text}");
}

/// Catalog optional content: `off` hidden by default, `on` shown, and the
/// page's /Properties naming them.
fn with_layers(doc: &mut Document, page_id: lopdf::ObjectId, base_off: bool) {
    let on =
        doc.add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Resume") });
    let off = doc
        .add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Keywords") });
    let config = if base_off {
        dictionary! { "BaseState" => "OFF", "ON" => vec![on.into()] }
    } else {
        dictionary! { "OFF" => vec![off.into()] }
    };
    let catalog_id = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(catalog_id).unwrap().set(
        "OCProperties",
        dictionary! { "OCGs" => vec![on.into(), off.into()], "D" => config },
    );
    let form = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "OC" => off,
        },
        b"BT /F1 12 Tf 72 600 Td (Certified Quality Engineer) Tj ET".to_vec(),
    ));
    let plain_form = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        },
        b"BT /F1 12 Tf 72 580 Td (PMP) Tj ET".to_vec(),
    ));
    let page = doc.get_dictionary_mut(page_id).unwrap();
    let mut resources = page.get(b"Resources").unwrap().as_dict().unwrap().clone();
    resources.set("Properties", dictionary! { "oc1" => off, "oc2" => on });
    resources.set(
        "XObject",
        dictionary! { "Fm1" => form, "Fm2" => plain_form },
    );
    page.set("Resources", resources);
}

#[test]
fn layers_hidden_by_default_are_left_out() {
    let content = [
        VISIBLE,
        b"/OC /oc1 BDC BT /F1 12 Tf 72 660 Td (Six Sigma Black Belt) Tj ET EMC ",
        b"/OC /oc2 BDC BT /F1 12 Tf 72 640 Td (OSHA 10) Tj ET EMC ",
        // A form that is itself hidden, and one drawn inside a hidden sequence.
        b"/Fm1 Do /OC /oc1 BDC /Fm2 Do EMC ",
        // Hidden past the tracked depth of marked content.
        &b"/P BMC ".repeat(70),
        b"/OC /oc1 BDC BT /F1 12 Tf 72 500 Td (CPIM) Tj ET EMC ",
        &b"EMC ".repeat(70),
        b"BT /F1 12 Tf 72 480 Td (Lean) Tj ET",
    ]
    .concat();
    for base_off in [false, true] {
        let bytes = edited(&pdf(&content), |doc, page| with_layers(doc, page, base_off));
        assert_eq!(
            text_of(&bytes),
            "Production Technician\nOSHA 10\nLean\n",
            "BaseState OFF: {base_off}"
        );
        let warnings = warnings_of(&bytes);
        assert!(
            warnings.iter().any(|w| w.starts_with(
                "hidden_text: 48 characters a reader cannot see were left out (48 in layers hidden by default)"
            )),
            "{warnings:?}"
        );
    }
    // Without /OCProperties, marked optional content is shown.
    assert!(text_of(&pdf(&content)).contains("Six Sigma Black Belt"));
}

#[test]
fn empty_or_invalid_page_boxes_lose_no_text() {
    let boxes: [(&str, Object); 4] = [
        (
            "MediaBox",
            vec![0.into(), 0.into(), 0.into(), 0.into()].into(),
        ),
        ("MediaBox", vec![0.into(), 0.into(), 612.into()].into()),
        ("MediaBox", Object::Name(b"Letter".to_vec())),
        (
            "CropBox",
            vec![10.into(), 10.into(), 10.into(), 10.into()].into(),
        ),
    ];
    for (key, value) in boxes {
        let bytes = edited(&pdf(VISIBLE), |doc, page| {
            doc.get_dictionary_mut(page)
                .unwrap()
                .set(key, value.clone());
        });
        assert_eq!(
            text_of(&bytes),
            "Production Technician\n",
            "{key} {value:?}"
        );
        let warnings = warnings_of(&bytes);
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("page_box: 1 page has")),
            "{key} {value:?}: {warnings:?}"
        );
    }
}

/// A Type0 font with Identity-H codes and nothing that maps them to
/// Unicode (no ToUnicode, no embedded font), as /F2.
fn with_unmapped_font(doc: &mut Document, resources: &mut lopdf::Dictionary) {
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Calibri", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Calibri",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "W" => vec![3.into(), vec![226.into(), 579.into(), 544.into(), 533.into(), 615.into()].into()],
        })],
    });
    let mut fonts = resources.get(b"Font").unwrap().as_dict().unwrap().clone();
    fonts.set("F2", font);
    resources.set("Font", fonts);
}

#[test]
fn no_text_says_why() {
    use crate::error::NoTextReason;
    let reason = |bytes: &[u8]| {
        let doc = extract(bytes, &Limits::default()).expect("a document without text");
        let e = crate::extract::no_text_error(&doc).expect("no text");
        assert_eq!(e.kind, ErrorKind::NoText, "{e}");
        (e.reason, e.message)
    };
    let words = b"BT /F2 11 Tf 72 700 Td <00030004000500060007> Tj ET";
    let (why, message) = reason(&pdf_with(words, with_unmapped_font));
    assert_eq!(why, Some(NoTextReason::NoUnicode));
    assert!(message.contains("(Calibri)"), "{message}");
    let scan = b"q 612 0 0 792 0 0 cm /Im1 Do Q";
    assert_eq!(
        reason(&pdf_with(scan, with_image)).0,
        Some(NoTextReason::ImageOnly)
    );
    let hidden = b"BT 3 Tr /F1 12 Tf 72 700 Td (Six Sigma) Tj ET";
    assert_eq!(reason(&pdf(hidden)).0, Some(NoTextReason::Hidden));
    let outlines = b"0 0 m 5 5 l 5 0 l f ".repeat(300);
    assert_eq!(reason(&pdf(&outlines)).0, Some(NoTextReason::Outlined));
    assert_eq!(
        reason(&pdf(b"0 0 m 600 0 l S")).0,
        Some(NoTextReason::Empty)
    );
    // Undecodable words beside readable ones: a warning naming the font.
    let mixed = [VISIBLE, &words[..]].concat();
    let warnings = warnings_of(&pdf_with(&mixed, with_unmapped_font));
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("no_unicode: 5 characters in the font Calibri have")),
        "{warnings:?}"
    );
}

/// A content stream whose `/Filter` is given by reference (`/Filter 3 0 R`,
/// as in a public SAP-made test file) is decoded like any other.
#[test]
fn a_filter_given_by_reference_decodes() {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"BT /F1 12 Tf 72 700 Td (Certified Production Technician) Tj ET")
        .unwrap();
    let compressed = enc.finish().unwrap();
    let mut filter = None;
    let bytes = pdf_with_stream(Stream::new(dictionary! {}, compressed), |doc, _| {
        filter = Some(doc.add_object(Object::Name(b"FlateDecode".to_vec())));
    });
    // The filter's reference is set on the saved content stream.
    let mut doc = Document::load_mem(&bytes).unwrap();
    let filter = filter.unwrap();
    for object in doc.objects.values_mut() {
        if let Object::Stream(s) = object {
            if s.dict.get(b"Filter").is_err() {
                s.dict.set("Filter", filter);
            }
        }
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert_eq!(text_of(&bytes).trim(), "Certified Production Technician");
}
