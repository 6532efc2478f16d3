//! Losses found by comparing `rolefit extract` with pdftotext over the public
//! PDF test corpora (pdf.js, pdfminer.six, py-pdf/sample-files; see
//! `eval/public-pdfs/`), each reduced to a small synthetic PDF built here:
//! the text is read, or the file fails with the typed error that says why.

use std::process::Command;

use crate::util::{build_pdf, pdf_stream, tempdir};

struct Extracted {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn extract(bytes: &[u8]) -> Extracted {
    let dir = tempdir();
    let path = dir.path().join("file.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .args(["extract", "--ocr", "never"])
        .arg(&path)
        .output()
        .expect("run rolefit");
    Extracted {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Catalog, pages and one page (objects 1–3) whose font `/F1` is object 4,
/// with `more` as objects 4, 5, …; the page's extra entries in `page_extra`.
fn one_page(page_extra: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> {page_extra} >>"
        )
        .into_bytes(),
    ];
    objects.extend(more);
    build_pdf(&objects)
}

const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// A content stream whose dictionary has no `/Length` (pdf.js issue1293r,
/// issue7665, operator-in-TJ-array): read up to `endstream`, with a
/// `repaired` warning, instead of a page without text.
#[test]
fn a_stream_without_length_is_read_up_to_endstream() {
    let content =
        b"<< >>\nstream\nBT /F1 12 Tf 72 700 Td (Preventive Maintenance) Tj ET\nendstream".to_vec();
    let out = extract(&one_page(
        "/Contents 5 0 R",
        vec![HELVETICA.as_bytes().to_vec(), content],
    ));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Preventive Maintenance");
    assert!(
        out.stderr.contains("repaired: 1 stream without a /Length"),
        "{}",
        out.stderr
    );
}

/// A free-text annotation with no appearance stream (pdf.js issue16021,
/// bug1865341): its `/Contents` is what the viewer draws in its box.
/// A text note's `/Contents` is shown only on demand and is not read.
#[test]
fn a_free_text_annotation_without_appearance_gives_its_contents() {
    let free = "<< /Type /Annot /Subtype /FreeText /Rect [72 600 300 620] \
                /DA (/Helv 10 Tf 0 g) /Contents <FEFF005A0061014201050063007A006E0069006B> >>";
    let note = "<< /Type /Annot /Subtype /Text /Rect [72 500 90 520] \
                /Contents (Hidden reviewer note) >>";
    let out = extract(&one_page(
        "/Contents 5 0 R /Annots [6 0 R 7 0 R]",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Quality Technician) Tj ET", ""),
            free.as_bytes().to_vec(),
            note.as_bytes().to_vec(),
        ],
    ));
    assert!(out.ok, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().map(str::trim).collect();
    assert_eq!(lines, ["Quality Technician", "Załącznik"], "{}", out.stdout);
}

/// A Type 3 font of 1 × 1 square glyphs, one per code in `codes`, each named
/// by `name(code)`, with an optional `/BaseEncoding`; the page shows `text`.
fn type3_pdf(codes: &[u8], name: impl Fn(u8) -> String, base: &str, text: &[u8]) -> Vec<u8> {
    let first = *codes.iter().min().unwrap();
    let last = *codes.iter().max().unwrap();
    let mut diffs = String::new();
    let mut procs = String::new();
    for &c in codes {
        diffs.push_str(&format!("{c} /{} ", name(c)));
        procs.push_str(&format!("/{} 6 0 R ", name(c)));
    }
    let widths = vec!["600"; usize::from(last - first) + 1].join(" ");
    let font = format!(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] \
         /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << {procs}>> \
         /Encoding << /Type /Encoding {base} /Differences [{diffs}] >> \
         /FirstChar {first} /LastChar {last} /Widths [{widths}] /Resources << >> >>"
    );
    let mut content = b"BT /F1 12 Tf 72 700 Td (".to_vec();
    content.extend_from_slice(text);
    content.extend_from_slice(b") Tj ET");
    one_page(
        "/Contents 5 0 R",
        vec![
            font.into_bytes(),
            pdf_stream(&content, ""),
            pdf_stream(b"600 0 0 0 500 500 d1 0 0 500 500 re f", ""),
        ],
    )
}

/// Glyphs named after their code in hexadecimal (`C41` for `A`, pdf.js
/// issue9655): the codes are the text.
#[test]
fn type3_glyphs_named_by_hex_code_are_read_as_their_codes() {
    let out = extract(&type3_pdf(b"Weldr", |c| format!("C{c:02x}"), "", b"Welder"));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Welder");
}

/// TeX bitmap fonts name glyphs `a<code>`; accented letters of the EC
/// encoding's upper half count as letters (pdf.js french_diacritics).
#[test]
fn type3_tex_names_of_accented_letters_are_read() {
    let codes = [0xE0, 0xC9, 0xE8, 0xE7];
    let out = extract(&type3_pdf(&codes, |c| format!("a{c}"), "", &codes));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "àÉèç");
}

/// Names that are no glyph names over a `/BaseEncoding` (pdf.js
/// issue14999): the codes are read in the base encoding.
#[test]
fn type3_unknown_names_over_a_base_encoding_are_read_in_it() {
    let codes = b"Maintec";
    let out = extract(&type3_pdf(
        codes,
        |c| format!("G{}", c % 7),
        "/BaseEncoding /WinAnsiEncoding",
        b"Maintenance",
    ));
    // `G<n>` repeats names across codes; each code still reads as itself.
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Maintenance");
}

/// Shapes named `square` and `triangle` stay unread: the codes are not
/// their text (pdf.js simpletype3font, where pdftotext prints `ab`).
#[test]
fn type3_shapes_with_names_stay_without_text() {
    let out = extract(&type3_pdf(
        b"ab",
        |c| ["square", "triangle"][usize::from(c - b'a')].into(),
        "",
        b"abab",
    ));
    assert!(!out.ok, "{}", out.stdout);
    assert!(out.stderr.contains("no_text"), "{}", out.stderr);
}

/// A ToUnicode map written with `cidrange` (numbers, not UTF-16 strings),
/// as pdfminer.six's issue_566_test_2 has it: the numbers are the Unicode
/// values, as pdftotext reads them.
#[test]
fn a_tounicode_map_of_cid_ranges_gives_unicode() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        /CMapName /Identity-UCS def /CMapType 2 def \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        2 begincidrange <0000> <00ff> 0 <4e00> <4eff> 19968 endcidrange \
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let font = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
        /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
        .to_vec();
    let cid_font = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
        /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
        .to_vec();
    let out = extract(&one_page(
        "/Contents 5 0 R",
        vec![
            font,
            pdf_stream(
                b"BT /F1 12 Tf 72 700 Td <00570065006C006400650072 4E2D> Tj ET",
                "",
            ),
            cid_font,
            pdf_stream(cmap, ""),
        ],
    ));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Welder中");
}

/// A crop box lying wholly outside the media box shows nothing: it is an
/// invalid box, and the media box is read (pdf.js boundingBox_invalid).
#[test]
fn a_crop_box_outside_the_media_box_is_invalid() {
    let out = extract(&one_page(
        "/MediaBox [0 0 600 800] /CropBox [600 800 1000 1000] /Contents 5 0 R",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Maintenance Technician) Tj ET", ""),
        ],
    ));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Maintenance Technician");
    assert!(
        out.stderr.contains("page_box: 1 page has"),
        "{}",
        out.stderr
    );
}

/// A file of PDF objects without its `%PDF-` header (pdf.js bug1606566) is
/// read as a PDF, with a `repaired` warning, never as resume text.
#[test]
fn a_pdf_without_its_header_is_read_as_pdf() {
    let pdf = one_page(
        "/Contents 5 0 R",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Quality Inspector) Tj ET", ""),
        ],
    );
    let start = pdf.iter().position(|&b| b == b'\n').unwrap() + 1;
    let out = extract(&pdf[start..]);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Quality Inspector");
    assert!(out.stderr.contains("no %PDF- header"), "{}", out.stderr);

    // Objects that make no PDF stay malformed, and are not read as text.
    let junk = b"1 0 obj\n(a)\nendobj\n2 0 obj\n(b)\nendobj\ntrailer\nstartxref\n";
    let out = extract(junk);
    assert!(!out.ok);
    assert!(out.stderr.contains("malformed"), "{}", out.stderr);
}

/// pdf.js issue7665: AES-256 (R 6) whose `/CF` crypt filter dictionary is an
/// object of its own (`/CF 7 0 R`, the filter too), with an empty user
/// password. lopdf reads crypt filters only when written inline; the page
/// read as blank. Built here with lopdf's own encryption, then the filters
/// moved out by reference.
#[test]
fn aes256_with_its_crypt_filters_by_reference_is_decrypted() {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use lopdf::encryption::crypt_filters::{Aes128CryptFilter, Aes256CryptFilter, CryptFilter};
    use lopdf::{dictionary, Document, EncryptionState, EncryptionVersion, Permissions};

    let plain = one_page(
        "/Contents 5 0 R /Annots [6 0 R]",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Reliability Engineer) Tj ET", ""),
            b"<< /Type /Annot /Subtype /FreeText /Rect [72 600 300 620] \
               /Contents (Lean Six Sigma) >>"
                .to_vec(),
        ],
    );
    let mut doc = Document::load_mem(&plain).unwrap();
    let aes: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let state = EncryptionState::try_from(EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), aes)]),
        file_encryption_key: &[0x5a; 32],
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner",
        user_password: "",
        permissions: Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let encrypt = doc.trailer.get(b"Encrypt").unwrap().as_reference().unwrap();
    let std_cf = doc
        .get_dictionary(encrypt)
        .unwrap()
        .get(b"CF")
        .and_then(|cf| cf.as_dict())
        .and_then(|cf| cf.get(b"StdCF"))
        .unwrap()
        .clone();
    let std_cf = doc.add_object(std_cf);
    let cf = doc.add_object(dictionary! { "StdCF" => std_cf });
    doc.get_dictionary_mut(encrypt).unwrap().set("CF", cf);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(
        !bytes.windows(20).any(|w| w == b"Reliability Engineer"),
        "the content is encrypted"
    );

    let out = extract(&bytes);
    assert!(out.ok, "{}", out.stderr);
    assert!(
        out.stdout.contains("Reliability Engineer"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Lean Six Sigma"), "{}", out.stdout);

    // AES-128 (V 4) whose `/CF` points at nothing: the filter is unknown,
    // so the file is `encrypted`, not read as blank or as noise.
    let mut doc = Document::load_mem(&plain).unwrap();
    let id = lopdf::Object::string_literal(b"0123456789abcdef".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    let aes: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
    let state = EncryptionState::try_from(EncryptionVersion::V4 {
        document: &doc,
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), aes)]),
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner",
        user_password: "",
        permissions: Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let encrypt = doc.trailer.get(b"Encrypt").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(encrypt)
        .unwrap()
        .set("CF", lopdf::Object::Reference((999, 0)));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let out = extract(&bytes);
    assert!(!out.ok, "{}", out.stdout);
    assert!(
        out.stderr.contains("encrypted") && out.stderr.contains("crypt filter /StdCF"),
        "{}",
        out.stderr
    );
}

/// pdf.js issue11549_reduced: a font dictionary with a space in its
/// `/BaseFont` name (`/Helvetica Bold`), which leaves a stray word where a
/// key should be. lopdf drops the whole object and the text had no font;
/// readers skip the stray word. Read, with a `repaired` warning.
#[test]
fn a_dictionary_with_a_stray_word_for_a_key_is_read_without_it() {
    let out = extract(&one_page(
        "/Contents 5 0 R",
        vec![
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica Bold \
               /Encoding /WinAnsiEncoding 12 (x) >>"
                .to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Flags and paving) Tj ET", ""),
        ],
    ));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Flags and paving");
    assert!(
        out.stderr
            .contains("repaired: 1 damaged object was read without its bad dictionary keys"),
        "{}",
        out.stderr
    );
}

/// pdf.js issue20930: a vertical font (`/Encoding /Identity-V`, `/DW2
/// [880 -1000]`) whose glyphs, with `-40 Tc`, go down the page 64 units
/// apart, one under the other. They advanced rightwards by their horizontal
/// widths less 40, that is leftwards, and read `EDCBA`.
#[test]
fn vertical_writing_advances_down_the_page() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        1 beginbfrange <0024> <0028> <0041> endbfrange \
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let font = b"<< /Type /Font /Subtype /Type0 /BaseFont /LiberationSans \
        /Encoding /Identity-V /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
        .to_vec();
    let cid_font = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LiberationSans \
        /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
        /DW 1000 /W [36 [667 667 722 722 667]] /DW2 [880 -1000] >>"
        .to_vec();
    let out = extract(&one_page(
        "/Contents 5 0 R",
        vec![
            font,
            pdf_stream(
                b"BT /F1 24 Tf -40 Tc 1 0 0 1 100 340 Tm <00240025002600270028> Tj ET",
                "",
            ),
            cid_font,
            pdf_stream(cmap, ""),
        ],
    ));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(
        out.stdout.split_whitespace().collect::<Vec<_>>(),
        ["A", "B", "C", "D", "E"],
        "{}",
        out.stdout
    );
}

/// pdf.js issue15441, issue4722, issue15977_reduced, issue19550…: a CID
/// TrueType font of a common system font (here Arial,Bold) written without
/// its program and without any mapping, its codes the font's glyph ids
/// (pdftotext prints them shifted: `:HOGHU`). The glyph ids of those fonts
/// are known (pdf.js's table); other fonts stay `no_text`, naming the font.
#[test]
fn glyph_ids_of_a_common_system_font_without_its_program_are_read() {
    let pdf = |name: &str| {
        one_page(
            "/Contents 5 0 R",
            vec![
                format!(
                    "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
                     /DescendantFonts [6 0 R] >>"
                )
                .into_bytes(),
                pdf_stream(
                    b"BT /F1 12 Tf 72 700 Td <003A0048004F00470048005500030036004F0047> Tj ET",
                    "",
                ),
                format!(
                    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} \
                     /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                     /FontDescriptor 7 0 R /DW 600 >>"
                )
                .into_bytes(),
                format!(
                    "<< /Type /FontDescriptor /FontName /{name} /Flags 32 \
                     /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 \
                     /CapHeight 700 /StemV 80 >>"
                )
                .into_bytes(),
            ],
        )
    };
    let out = extract(&pdf("Arial,Bold"));
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Welder Sld");

    // Not one of those fonts, or a subset (its glyphs numbered its own way).
    for name in ["Verdana", "ABCDEF+Arial"] {
        let out = extract(&pdf(name));
        assert!(!out.ok, "{name}: {}", out.stdout);
        assert!(out.stderr.contains("no_text"), "{}", out.stderr);
        assert!(
            out.stderr.contains(&name[name.len() - 5..]),
            "{}",
            out.stderr
        );
    }
}

/// pdf.js issue5138: a legacy Thai font whose ToUnicode map gives its
/// letters as symbols (`«“√ “√«‘™“°“√`): no letter or digit is read, and
/// the `no_text` error says the pages draw symbols, not that they are blank.
#[test]
fn a_page_of_symbols_only_is_no_text_that_says_so() {
    let pdf = one_page(
        "/Contents 5 0 R",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(
                b"BT /F1 20 Tf 72 700 Td (\xab\x93\x95 \x93\x95\xab) Tj ET",
                "",
            ),
        ],
    );
    let out = extract(&pdf);
    assert!(!out.ok, "{}", out.stdout);
    assert!(out.stderr.contains("no_text"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no letters or digits, only 6 punctuation marks or symbols"),
        "{}",
        out.stderr
    );
}

/// qpdf's form-xobjects-some-resources: a form XObject with resources of
/// its own that lack the font it selects, or the form it draws. poppler
/// looks them up in the page's resources and shows the text; so does
/// rolefit (it was dropped, with a "font missing" warning or silently).
#[test]
fn a_form_xobject_without_its_font_uses_the_page_font() {
    let form = pdf_stream(
        b"BT /F1 12 Tf 0 40 Td (Statistical Process Control) Tj ET /Fx2 Do",
        " /Type /XObject /Subtype /Form /BBox [0 0 300 60] /Resources << /ProcSet [/PDF /Text] >>",
    );
    let inner = pdf_stream(
        b"BT /F1 12 Tf 0 0 Td (Kaizen) Tj ET",
        " /Type /XObject /Subtype /Form /BBox [0 0 300 60] /Resources << /ProcSet [/PDF] >>",
    );
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R \
          /Resources << /Font << /F1 4 0 R >> /XObject << /Fx 6 0 R /Fx2 7 0 R >> >> >>"
            .to_vec(),
        HELVETICA.as_bytes().to_vec(),
        pdf_stream(
            b"BT /F1 12 Tf 72 700 Td (Page) Tj ET q 1 0 0 1 72 600 cm /Fx Do Q",
            "",
        ),
        form,
        inner,
    ]);
    let out = extract(&pdf);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        "Page\nStatistical Process Control\nKaizen"
    );
    assert!(!out.stderr.contains("missing"), "{}", out.stderr);
}

/// qpdf's duplicate-page-inherited and page_api_2: one page object listed
/// twice in `/Kids` is shown twice by viewers, and read twice (it was
/// skipped as a page-tree cycle); a real cycle is still cut and said.
#[test]
fn a_page_listed_twice_is_read_twice() {
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 3 0 R 5 0 R] /Count 3 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 6 0 R >> >> >>"
            .to_vec(),
        pdf_stream(b"BT /F1 12 Tf 72 700 Td (Original page 0) Tj ET", ""),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 0 >>".to_vec(),
        HELVETICA.as_bytes().to_vec(),
    ]);
    let out = extract(&pdf);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("Original page 0").count(),
        2,
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("page tree has a cycle"),
        "{}",
        out.stderr
    );
}

/// pypdf's FormTestFromOo (LibreOffice, `/NeedAppearances true`, blank
/// appearances): a list box shows its options, so they are read; a combo
/// box shows only its value (empty here), so its options are not.
#[test]
fn a_list_box_with_a_blank_appearance_shows_its_options() {
    let blank = pdf_stream(
        b"1 1 1 rg 0 0 180 60 re f /Tx BMC EMC",
        " /Type /XObject /Subtype /Form /BBox [0 0 180 60]",
    );
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] /NeedAppearances true >> >>"
            .to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 7 0 R] >>"
            .to_vec(),
        pdf_stream(b"BT /F1 12 Tf 72 700 Td (Shifts) Tj ET", ""),
        HELVETICA.as_bytes().to_vec(),
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /T (Shift) /Rect [72 600 252 660] \
          /V [] /Opt [(Day shift) [(n) (Night shift)]] /AP << /N 8 0 R >> >>"
            .to_vec(),
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (Site) /Rect [300 600 480 660] \
          /V () /Opt [(Plant A) (Plant B)] /AP << /N 8 0 R >> >>"
            .to_vec(),
        blank,
    ]);
    let out = extract(&pdf);
    assert!(out.ok, "{}", out.stderr);
    assert!(out.stdout.contains("Day shift"), "{}", out.stdout);
    assert!(out.stdout.contains("Night shift"), "{}", out.stdout);
    assert!(!out.stdout.contains("Plant"), "{}", out.stdout);
}

/// qpdf's issue-141a, -147, -148, -263: a few damaged objects with no
/// `%PDF-` header (a lone cross-reference stream, a trailer and its
/// `/Encrypt` dictionary) were read as a text resume; they are malformed
/// PDFs, and no PDF syntax reaches the output.
#[test]
fn scraps_of_pdf_syntax_without_a_header_are_malformed_not_text() {
    let scraps: [&[u8]; 3] = [
        b"0009 0 obj<</Type/XRef/Size 0/W[0 0 0]>>stream\nendstream\nendobj\nstartxref\n3\n%%EOF\n",
        b"trailer<<<>/Encrypt 62 0 R>>\n62 0 obj<</Filter/Standard/Length 160/O<>/P 0/R 3/U<>/V 2>>0 0\n",
        b"%PDFn\r\ntrailer\r\n<</Size 10/Root 5 0 R>>\r\n5) 0 obj\r\n<</Type/XRef/W[1 2 9]>>stream\r\nh\r\n",
    ];
    for scrap in scraps {
        let out = extract(scrap);
        assert!(!out.ok, "{}", out.stdout);
        assert!(out.stderr.contains("malformed"), "{}", out.stderr);
        assert!(!out.stdout.contains("obj"), "{}", out.stdout);
    }
}

/// qpdf's bad-xref-entry (and bad34, incremental-3): a cross-reference
/// entry a few bytes off (or at the wrong object). The page was missing ("no pages")
/// or blank; the file is read again with the table rebuilt by scanning,
/// and says so.
#[test]
fn a_cross_reference_table_pointing_at_wrong_objects_is_rebuilt() {
    let pdf = one_page(
        "/Contents 5 0 R",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Root Cause Analysis) Tj ET", ""),
        ],
    );
    // The content stream's (object 5) entry three bytes early, inside the
    // `endobj` before it, as in bad-xref-entry.
    let xref = pdf.windows(6).rposition(|w| w == b"\nxref\n").unwrap() + 1;
    let tail = String::from_utf8(pdf[xref..].to_vec()).unwrap();
    let mut lines: Vec<String> = tail.lines().map(str::to_string).collect();
    let offset: usize = lines[7][..10].parse().unwrap();
    lines[7] = format!("{:010} 00000 n ", offset - 3);
    let damaged = [&pdf[..xref], lines.join("\n").as_bytes(), b"\n"].concat();
    let out = extract(&damaged);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Root Cause Analysis");
    assert!(out.stderr.contains("rebuilt by scanning"), "{}", out.stderr);
}

/// qpdf's invalid-id-xref: an RC4 file with an empty user password whose
/// trailer has no `/ID`. Readers derive the key from an empty ID and show
/// the page; it was reported `encrypted` (needing a password). Built with
/// lopdf's encryption over an empty ID, then the ID removed.
#[test]
fn an_encrypted_pdf_without_a_file_id_is_decrypted_with_an_empty_one() {
    use lopdf::{Document, EncryptionState, EncryptionVersion, Object, Permissions, StringFormat};

    let plain = one_page(
        "/Contents 5 0 R",
        vec![
            HELVETICA.as_bytes().to_vec(),
            pdf_stream(b"BT /F1 12 Tf 72 700 Td (Process Technician) Tj ET", ""),
        ],
    );
    let mut doc = Document::load_mem(&plain).unwrap();
    let empty = || Object::String(Vec::new(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![empty(), empty()]));
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    doc.trailer.remove(b"ID");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(
        !bytes.windows(18).any(|w| w == b"Process Technician"),
        "the content is encrypted"
    );
    assert!(!bytes.windows(3).any(|w| w == b"/ID"), "no file ID");

    let out = extract(&bytes);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "Process Technician");
    assert!(out.stderr.contains("no file ID"), "{}", out.stderr);
}
