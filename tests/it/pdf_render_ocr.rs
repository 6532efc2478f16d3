//! Glyphs without any Unicode mapping read by rendering the page and OCR
//! (`fixtures/pdf/hidden/type3-no-unicode.pdf`, made by
//! `fixtures/pdf/src/type3_no_unicode.py`: a Type 3 dot font with no
//! ToUnicode, no encoding and meaningless glyph names, beside one line of
//! mapped Helvetica). The test that reads the page needs pdftoppm
//! (`poppler-utils`) and Tesseract and is ignored without
//! `--include-ignored`; the others check what happens without them.

use serde_json::Value;

use crate::util::{fixture, require_tool, rolefit};

const FIXTURE: &str = "pdf/hidden/type3-no-unicode.pdf";

/// `rolefit extract` of the fixture: (text, standard error).
fn extract(envs: &[(&str, &str)], extra: &[&str]) -> (String, String) {
    let out = rolefit()
        .envs(envs.iter().copied())
        .arg("extract")
        .args(extra)
        .arg(fixture(FIXTURE))
        .output()
        .expect("run rolefit");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_json(envs: &[(&str, &str)]) -> Value {
    let out = rolefit()
        .envs(envs.iter().copied())
        .args(["check", "--format", "json", "--timeout", "300"])
        .arg(fixture(FIXTURE))
        .output()
        .expect("run rolefit");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    crate::schema::assert_valid(&report);
    report["results"][0].clone()
}

#[test]
#[ignore = "needs pdftoppm and tesseract"]
fn unmapped_glyphs_are_read_by_rendering_the_page() {
    require_tool("pdftoppm", "poppler-utils");
    require_tool("tesseract", "tesseract-ocr");
    let (text, stderr) = extract(&[], &[]);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for want in [
        "PRODUCTION TECHNICIAN",
        "SIX SIGMA GREEN BELT",
        "FORKLIFT OPERATOR",
    ] {
        assert!(lines.contains(&want), "{want} not in {lines:?}");
    }
    // The mapped line stays the file's, once, and in the stream's order
    // (drawn last).
    assert_eq!(lines.last(), Some(&"Columbus Ohio"), "{lines:?}");
    assert_eq!(text.matches("Columbus").count(), 1, "{text}");
    // No glyph code is read as text.
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\u{c}'),
        "{text:?}"
    );
    assert!(
        stderr.contains("ocr_no_unicode: 70 characters in the font /T3 have no Unicode mapping; page 1 was rendered and read by OCR"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning: no_unicode"), "{stderr}");

    let r = check_json(&[]);
    assert_eq!(r["status"], "ok", "{r}");
    let ocr = &r["document"]["ocr"];
    assert_eq!(ocr["pages"], 1, "{ocr}");
    assert!(ocr["mean_confidence"].as_f64().unwrap() > 60.0, "{ocr}");
    let warnings = r["document"]["warnings"].to_string();
    assert!(warnings.contains("ocr_no_unicode: "), "{warnings}");
    assert!(warnings.contains("ocr: the text of 1 page"), "{warnings}");
}

#[test]
fn without_pdftoppm_the_loss_says_how_to_have_it_read() {
    for renderer in ["none", "/nonexistent/pdftoppm"] {
        let (text, stderr) = extract(&[("ROLEFIT_PDFTOPPM", renderer)], &[]);
        assert_eq!(text.trim(), "Columbus Ohio", "{renderer}");
        assert!(
            stderr.contains("no_unicode: 70 characters in the font /T3 have no Unicode mapping"),
            "{renderer}: {stderr}"
        );
        assert!(!stderr.contains("ocr_no_unicode"), "{renderer}: {stderr}");
        if renderer != "none" {
            assert!(
                stderr.contains("installing poppler-utils"),
                "{renderer}: {stderr}"
            );
        }
    }
    let r = check_json(&[("ROLEFIT_PDFTOPPM", "/nonexistent/pdftoppm")]);
    assert_eq!(r["status"], "ok", "{r}");
    assert!(r["document"].get("ocr").is_none(), "{r}");
}

#[test]
fn ocr_never_leaves_the_glyphs_unread_and_says_so() {
    // Neither tool is asked for: a missing one would say so instead.
    let (text, stderr) = extract(
        &[
            ("ROLEFIT_PDFTOPPM", "/nonexistent/pdftoppm"),
            ("ROLEFIT_TESSERACT", "/nonexistent/tesseract"),
        ],
        &["--ocr", "never"],
    );
    assert_eq!(text.trim(), "Columbus Ohio");
    assert!(stderr.contains("no_unicode: 70 characters"), "{stderr}");
    assert!(stderr.contains("--ocr never"), "{stderr}");
    assert!(!stderr.contains("poppler-utils"), "{stderr}");
}
