//! The ATS-readability check on real producers' files: each risk id found
//! where a producer made it (fixtures/ats/, made by fixtures/ats/generate.sh,
//! and the producer fixtures of fixtures/pdf/ and fixtures/docs/), with the
//! right page and lines, and absent from clean one-column files; no `high`
//! risk on any clean one-column fixture; `explain` and `extract --view ats`.

use std::sync::OnceLock;

use rolefit::ats::{self, Finding, Severity};
use rolefit::check::{CheckOptions, Checker, FileResult};
use rolefit::month::YearMonth;
use rolefit::rules::RuleSet;

use crate::util::{fixture, rolefit, AS_OF};

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let mut options = CheckOptions {
            as_of: YearMonth::parse(AS_OF).expect("a month"),
            ..CheckOptions::default()
        };
        // The files as an ATS reads them: a scan stays unread (OCR is
        // tests/it/ocr.rs).
        options.limits.ocr.mode = rolefit::extract::ocr::OcrMode::Never;
        Checker::new(RuleSet::builtin(), options).expect("the built-in rules load")
    })
}

/// The result of checking one fixture.
fn check(rel: &str) -> FileResult {
    let path = fixture(rel);
    let c = checker();
    c.check_extracted(&path, c.extract(&path))
}

/// The risk `id` of a fixture, if found.
fn risk(rel: &str, id: &str) -> Option<Finding> {
    check(rel).ats().iter().find(|f| f.id == id).cloned()
}

/// The risk `id` of a fixture; panics with the risks found when absent.
fn expect(rel: &str, id: &str) -> Finding {
    let result = check(rel);
    let found: Vec<&str> = result.ats().iter().map(|f| f.id).collect();
    result
        .ats()
        .iter()
        .find(|f| f.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("{rel}: no {id} among {found:?}"))
}

/// A clean one-column PDF: text bullets, no columns, mapped fonts.
const CLEAN_PDF: &str = "pdf/producers/alvarez-technician.lualatex.pdf";
/// A clean one-column DOCX: Word styles, no header or layout table.
const CLEAN_DOCX: &str = "ats/unusual-headings.python-docx.docx";

fn absent(rel: &str, id: &str) {
    assert!(risk(rel, id).is_none(), "{rel}: {:?}", risk(rel, id));
}

#[test]
fn multi_column_names_the_columns_a_line_reader_merges() {
    let f = expect(
        "pdf/producers/alvarez-technician.chromium-designer.pdf",
        ats::MULTI_COLUMN,
    );
    assert_eq!(f.severity, Severity::High, "{f:?}");
    let left = &f.evidence[0];
    let right = &f.evidence[1];
    assert_eq!((left.page, right.page), (Some(1), Some(1)));
    assert_eq!(left.region.as_deref(), Some("left column, sidebar"));
    assert_eq!(right.region.as_deref(), Some("right column"));
    // The sidebar (Certifications … College) is read before the main
    // column (Summary … the jobs).
    assert_eq!(left.text, "Certifications");
    assert_eq!(right.text, "Summary");
    assert!(left.end_line < right.line, "{f:?}");
    assert!(f.message.contains("page 1 in 2 columns"), "{}", f.message);
    // A Word two-column table through LibreOffice, and ReportLab frames.
    for rel in [
        "pdf/producers/lefevre-engineer.libreoffice-docx.pdf",
        "pdf/producers/odegaard-smt.reportlab-core.pdf",
    ] {
        assert_eq!(
            expect(rel, ats::MULTI_COLUMN).severity,
            Severity::High,
            "{rel}"
        );
    }
    absent(CLEAN_PDF, ats::MULTI_COLUMN);
    // A list set in two columns in a one-column page is low.
    let list = expect(
        "pdf/producers/alvarez-technician.chromium-print.pdf",
        ats::MULTI_COLUMN,
    );
    assert_eq!(list.severity, Severity::Low, "{list:?}");
}

#[test]
fn letter_spaced_text_from_chromium_and_libreoffice() {
    let f = expect(
        "pdf/producers/alvarez-technician.chromium-designer.pdf",
        ats::LETTER_SPACED,
    );
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!((f.evidence[0].page, f.evidence[0].line), (Some(1), Some(1)));
    assert_eq!(f.evidence[0].text, "JOSÉ ÁLVAREZ NÚÑEZ");
    let f = expect("ats/letter-spaced.libreoffice.pdf", ats::LETTER_SPACED);
    let spaced: Vec<&str> = f.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        spaced[..3],
        ["TOMÁS LINDQVIST", "SUMMARY", "EXPERIENCE"],
        "{f:?}"
    );
    assert!(
        f.message.contains("\"T O M Á S  L I N D Q V I S T\""),
        "{}",
        f.message
    );
    absent(CLEAN_PDF, ats::LETTER_SPACED);
    absent(
        "pdf/producers/alvarez-technician.chromium-print.pdf",
        ats::LETTER_SPACED,
    );
}

#[test]
fn unmapped_glyphs_of_pdftex_bitmap_fonts() {
    let f = expect("ats/bitmap-fonts.pdflatex.pdf", ats::UNMAPPED);
    assert_eq!(f.severity, Severity::High);
    assert!(f.message.contains("Type 3 font"), "{}", f.message);
    assert_eq!(f.evidence[0].text, "Marta Kowalczyk");
    // pdfTeX with Type 1 fonts, with and without ToUnicode: glyph names map them.
    absent(
        "pdf/producers/alvarez-technician.latex-cm.pdf",
        ats::UNMAPPED,
    );
    absent(
        "pdf/producers/alvarez-technician.latex-cm-nouni.pdf",
        ats::UNMAPPED,
    );
    absent(CLEAN_PDF, ats::UNMAPPED);
}

#[test]
fn ligature_glyphs_without_a_mapping_or_as_code_points() {
    // Bitmap fonts: the ligatures have no mapping at all ("Ecient" for "Efficient").
    let f = expect("ats/bitmap-fonts.pdflatex.pdf", ats::LIGATURES);
    assert_eq!(f.severity, Severity::High);
    assert!(
        f.evidence.iter().any(|e| e.text.contains("efficient")),
        "{f:?}"
    );
    // pdfTeX without ToUnicode: the glyph names give ligature code points.
    let f = expect(
        "pdf/producers/alvarez-technician.latex-cm-nouni.pdf",
        ats::LIGATURES,
    );
    assert_eq!(f.severity, Severity::Low);
    assert!(f.message.contains("CMR10"), "{}", f.message);
    // With ToUnicode the ligatures map to their letters.
    absent(
        "pdf/producers/alvarez-technician.latex-cm.pdf",
        ats::LIGATURES,
    );
    absent(CLEAN_PDF, ats::LIGATURES);
}

#[test]
fn graphic_bullets_drawn_as_shapes() {
    let f = expect(
        "pdf/producers/alvarez-technician.chromium-lists.pdf",
        ats::GRAPHIC_BULLETS,
    );
    assert_eq!(f.severity, Severity::Low);
    assert!(f
        .evidence
        .iter()
        .all(|e| e.page == Some(1) && e.line.is_some()));
    assert!(f.evidence.iter().all(|e| e.text.starts_with('•')), "{f:?}");
    // LuaLaTeX and ReportLab write their bullets as text.
    absent(CLEAN_PDF, ats::GRAPHIC_BULLETS);
    absent(
        "pdf/producers/alvarez-technician.reportlab-ttf.pdf",
        ats::GRAPHIC_BULLETS,
    );
}

#[test]
fn icon_glyphs_in_the_contact_line() {
    let f = expect("ats/bitmap-fonts.pdflatex.pdf", ats::ICONS);
    assert!(f.message.contains("MarVoSym"), "{}", f.message);
    assert_eq!((f.evidence[0].page, f.evidence[0].line), (Some(1), Some(3)));
    assert!(f.evidence[0].text.contains("marta.kowalczyk@example.com"));
    absent(CLEAN_PDF, ats::ICONS);
}

#[test]
fn header_footer_text_from_word_libreoffice_and_repeated_pdf_lines() {
    for rel in ["docs/python_docx.docx", "docs/libreoffice.odt"] {
        let f = expect(rel, ats::HEADER_FOOTER);
        assert_eq!(
            f.severity,
            Severity::High,
            "{rel}: contact details only in the header"
        );
        let header = &f.evidence[0];
        assert_eq!(
            (header.line, header.region.as_deref()),
            (Some(1), Some("page header"))
        );
        assert!(
            header.text.contains("dana.whitfield@example.com"),
            "{rel}: {f:?}"
        );
    }
    // LibreOffice's PDF of the same file repeats the header on both pages.
    let f = expect("docs/pdf_named.docx", ats::HEADER_FOOTER);
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!(f.evidence[0].region.as_deref(), Some("top of every page"));
    absent(CLEAN_DOCX, ats::HEADER_FOOTER);
    absent(CLEAN_PDF, ats::HEADER_FOOTER);
}

#[test]
fn a_page_made_of_an_image_and_a_document_of_images() {
    let f = expect("ats/image-page.chromium.pdf", ats::TEXT_IN_IMAGES);
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.evidence.len(), 1);
    assert_eq!(f.evidence[0].page, Some(2));
    absent("ats/image-page.chromium.pdf", ats::IMAGE_ONLY);
    // A page that is only a picture: no text, so an error, with its risk.
    let scan = check("ats/scan.chromium.pdf");
    assert_eq!(
        scan.error.as_ref().map(|e| e.kind.as_str()),
        Some("no_text")
    );
    let ids: Vec<&str> = scan.ats().iter().map(|f| f.id).collect();
    assert_eq!(ids, [ats::IMAGE_ONLY]);
    // Text drawn as outlines (Ghostscript -dNoOutputFonts) is a picture too.
    let outlined = check("pdf/robustness/outlined-text-ghostscript.pdf");
    let ids: Vec<&str> = outlined.ats().iter().map(|f| f.id).collect();
    assert_eq!(ids, [ats::IMAGE_ONLY]);
    assert!(outlined.ats()[0].evidence[0].text.contains("outlines"));
    absent(CLEAN_PDF, ats::TEXT_IN_IMAGES);
    absent(CLEAN_PDF, ats::IMAGE_ONLY);
    // A scan's risk is in the JSON report of the failed file.
    let out = rolefit()
        .args(["check", "--no-config", "--format", "json", "--ocr", "never"])
        .arg(fixture("ats/scan.chromium.pdf"))
        .output()
        .expect("run rolefit");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    crate::schema::assert_valid(&report);
    assert_eq!(report["results"][0]["ats"][0]["id"], "image-only");
}

#[test]
fn layout_table_of_a_google_docs_like_docx() {
    let f = expect("docs/gdocs.docx", ats::LAYOUT_TABLE);
    assert_eq!(f.severity, Severity::High, "{f:?}");
    assert_eq!(f.evidence[0].line, Some(1));
    assert!(f.evidence[0].end_line.is_some_and(|l| l > 20), "{f:?}");
    // A table of certifications (one line per cell) is data, not layout.
    absent("docs/python_docx.docx", ats::LAYOUT_TABLE);
    absent(CLEAN_DOCX, ats::LAYOUT_TABLE);
}

#[test]
fn unusual_headings_name_the_common_wording() {
    let f = expect(CLEAN_DOCX, ats::UNUSUAL_HEADINGS);
    assert_eq!(f.severity, Severity::Medium);
    let named: Vec<(&str, Option<&str>)> = f
        .evidence
        .iter()
        .map(|e| (e.text.as_str(), e.region.as_deref()))
        .collect();
    assert_eq!(
        named,
        [
            ("Where I've Worked", Some("common wording: Experience")),
            ("Schooling", Some("common wording: Education")),
            ("My Toolbox", Some("common wording: Skills")),
        ]
    );
    absent("docs/python_docx.docx", ats::UNUSUAL_HEADINGS);
    absent(CLEAN_PDF, ats::UNUSUAL_HEADINGS);
}

#[test]
fn hidden_characters_counted_before_cleaning() {
    let rel = "ats/hidden-characters.python-docx.docx";
    let f = expect(rel, ats::HIDDEN_CHARACTERS);
    assert!(
        f.message.contains("4 soft hyphens inside words") && f.message.contains("3 zero-width"),
        "{}",
        f.message
    );
    let lines: Vec<Option<u32>> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [Some(4), Some(9), Some(2)]);
    // The text itself is clean: the keywords are found.
    let result = check(rel);
    let skills = &result.checked.as_ref().expect("checked").findings.skills;
    assert!(skills
        .iter()
        .any(|s| s.id == "preventive-maintenance" && !s.evidence.is_empty()));
    absent(CLEAN_DOCX, ats::HIDDEN_CHARACTERS);
    absent(CLEAN_PDF, ats::HIDDEN_CHARACTERS);
}

/// No clean one-column file has a `high` risk: every producer's one-column
/// rendering of the three resumes, and the layouts without a sidebar.
#[test]
fn no_high_risk_on_clean_one_column_files() {
    let producers = [
        "chromium-print",
        "chromium-lists",
        "fpdf2-core",
        "fpdf2-ttf",
        "groff-pdf",
        "groff-ps2pdf",
        "latex-cm",
        "latex-cm-nouni",
        "latex-times",
        "latex-times-nouni",
        "libreoffice-odt",
        "lualatex",
        "reportlab-per-glyph",
        "reportlab-ttf",
        "wkhtmltopdf",
    ];
    let mut files: Vec<String> = Vec::new();
    for resume in ["alvarez-technician", "lefevre-engineer", "odegaard-smt"] {
        for p in producers {
            files.push(format!("pdf/producers/{resume}.{p}.pdf"));
        }
    }
    files.extend(
        [
            "pdf/layouts/positioned-bodies.chromium.pdf",
            "docs/resume.html",
            "docs/resume.json",
            CLEAN_DOCX,
            "ats/hidden-characters.python-docx.docx",
        ]
        .map(String::from),
    );
    let mut high = Vec::new();
    for rel in &files {
        for f in check(rel)
            .ats()
            .iter()
            .filter(|f| f.severity == Severity::High)
        {
            high.push(format!("{rel}: {} {}", f.id, f.message));
        }
    }
    assert!(high.is_empty(), "{}", high.join("\n"));
    for id in ats::IDS {
        absent(CLEAN_PDF, id);
    }
}

#[test]
fn explain_prints_every_risk_with_its_fixes() {
    for id in ats::IDS {
        let out = rolefit()
            .args(["explain", id])
            .output()
            .expect("run rolefit");
        assert!(out.status.success(), "{id}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        for part in [
            "ATS readability risk",
            "Word:",
            "Google Docs:",
            "LaTeX:",
            "HTML templates:",
        ] {
            assert!(text.contains(part), "{id}: {part} missing:\n{text}");
        }
    }
}

#[test]
fn the_ats_view_shows_the_columns_merged() {
    let out = rolefit()
        .args(["extract", "--view", "ats"])
        .arg(fixture(
            "pdf/producers/alvarez-technician.chromium-designer.pdf",
        ))
        .output()
        .expect("run rolefit");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let (simple, own) = text
        .split_once("page 1: rolefit")
        .expect("rolefit's reading after the simple one");
    // A simple reader merges a sidebar skill with a bullet of the main
    // column and splits the letter-spaced heading; rolefit does neither.
    assert!(
        simple
            .lines()
            .any(|l| l.starts_with("Lean manufacturing") && l.contains("Cut changeover")),
        "{simple}"
    );
    assert!(simple.contains("S k i l l s"), "{simple}");
    assert!(own.contains("• Lean manufacturing\n"), "{own}");
    assert!(own.contains(" Skills\n"), "{own}");
    // A DOCX: the header line is marked.
    let out = rolefit()
        .args(["extract", "--view", "ats"])
        .arg(fixture("docs/python_docx.docx"))
        .output()
        .expect("run rolefit");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("  1 [header] dana.whitfield@example.com"),
        "{text}"
    );
}

/// Text drawn for no reader to see (render mode 3 over a plain page, layers
/// hidden by default) is an `invisible-text` risk; a scan's OCR layer is not.
#[test]
fn invisible_text_from_hidden_text_and_layers() {
    for rel in [
        "pdf/hidden/invisible-keywords.reportlab.pdf",
        "pdf/hidden/hidden-layer.pdf",
        "pdf/hidden/background-stuffing.reportlab.pdf",
    ] {
        let f = expect(rel, "invisible-text");
        assert!(f.message.contains("characters"), "{rel}: {}", f.message);
    }
    absent("pdf/hidden/ocr-layer.reportlab.pdf", "invisible-text");
    absent(CLEAN_PDF, "invisible-text");
    // A font without Unicode is named as such, not as a page of images.
    expect("pdf/hidden/no-unicode-font.pdf", "unmapped-glyphs");
    absent("pdf/hidden/no-unicode-font.pdf", "image-only");
}
