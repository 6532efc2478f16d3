//! OCR of scanned PDFs and image files (`fixtures/ocr/`, made by
//! `fixtures/ocr/generate.py` from producer PDFs): the scan of a resume
//! gives the findings its text version gives. Tests that run the engine
//! need Tesseract (`tesseract-ocr`, `tesseract-ocr-eng`) and are ignored
//! without `--include-ignored`; the others check what happens without it.

use serde_json::Value;

use crate::util::{fixture, require_tool, rolefit, tempdir};

/// Each scan and the text version it was made from.
const SCANS: &[(&str, &str)] = &[
    (
        "ocr/technician-150dpi.pdf",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/technician-300dpi.pdf",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/technician-photo.jpg",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/technician-photo-sideways.jpg",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/technician-jbig2.pdf",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/stamped-scan.pdf",
        "pdf/producers/alvarez-technician.libreoffice-docx.pdf",
    ),
    (
        "ocr/engineer-ccitt.pdf",
        "pdf/producers/lefevre-engineer.libreoffice-docx.pdf",
    ),
    (
        "ocr/two-column-scan.tiff",
        "pdf/layouts/sidebar-two-pages.chromium.pdf",
    ),
];

fn check_json(path: &str, extra: &[&str]) -> Value {
    // OCR in a debug build on a busy machine can pass the default 10 s per
    // file; these tests are about findings, not speed (the timeout test sets
    // its own).
    let timeout: &[&str] = if extra.contains(&"--timeout") {
        &[]
    } else {
        &["--timeout", "300"]
    };
    let out = rolefit()
        .args(["check", "--format", "json", "--as-of", "2026-12"])
        .args(timeout)
        .args(extra)
        .arg(fixture(path))
        .output()
        .expect("run rolefit");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    // `document.ocr`, `evidence.ocr` and the `image` format are declared.
    crate::schema::assert_valid(&report);
    let undeclared = crate::schema::undeclared_fields(crate::schema::schema(), &report);
    assert!(undeclared.is_empty(), "{path}: undeclared {undeclared:?}");
    report["results"][0].clone()
}

/// What the issue asks a scan to keep: certifications held (with their
/// levels), education, years and level.
fn facts(result: &Value) -> Value {
    assert_eq!(result["status"], "ok", "{result}");
    let certs: Vec<Value> = result["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "absent")
        .map(|c| serde_json::json!([c["id"], c["status"], c["detail"]]))
        .collect();
    serde_json::json!({
        "certifications": certs,
        "education": result["education"]["highest"],
        "years": result["level"]["years_experience"],
        "level": result["level"]["id"],
    })
}

#[test]
#[ignore = "needs tesseract"]
fn scans_give_the_findings_of_their_text_versions() {
    require_tool("tesseract", "tesseract-ocr");
    let mut wrong = Vec::new();
    for (scan, source) in SCANS {
        let read = check_json(scan, &[]);
        let want = facts(&check_json(source, &[]));
        if facts(&read) != want {
            wrong.push(format!("{scan}: {} instead of {want}", facts(&read)));
        }
        let ocr = &read["document"]["ocr"];
        assert!(
            ocr["engine"].as_str().unwrap().starts_with("tesseract "),
            "{scan}: {ocr}"
        );
        assert_eq!(ocr["low_confidence"], false, "{scan}: {ocr}");
        assert!(
            ocr["mean_confidence"].as_f64().unwrap() > 80.0,
            "{scan}: {ocr}"
        );
        let warnings = read["document"]["warnings"].to_string();
        assert!(warnings.contains("ocr: the text of"), "{scan}: {warnings}");
        // Evidence says it was read by OCR.
        let jobs = read["level"]["jobs"].as_array().unwrap();
        assert!(
            jobs.iter().all(|j| j["evidence"]["ocr"] == true),
            "{scan}: {jobs:?}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Lower-case words without accents (OCR drops some accents).
fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    text.nfkd()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "needs tesseract and pdftotext"]
fn scans_read_the_words_pdftotext_reads_in_their_sources() {
    require_tool("tesseract", "tesseract-ocr");
    let pdftotext = require_tool("pdftotext", "poppler-utils");
    for (scan, source) in SCANS {
        let reference = std::process::Command::new(&pdftotext)
            .arg(fixture(source))
            .arg("-")
            .output()
            .unwrap();
        let reference = words(&String::from_utf8_lossy(&reference.stdout));
        let out = rolefit()
            .arg("extract")
            .arg(fixture(scan))
            .output()
            .unwrap();
        assert!(out.status.success(), "{scan}");
        let mut read = words(&String::from_utf8_lossy(&out.stdout));
        read.sort();
        let found = reference
            .iter()
            .filter(|w| read.binary_search(w).is_ok())
            .count();
        let recall = found as f64 / reference.len() as f64;
        assert!(
            recall >= 0.95,
            "{scan}: word recall {recall:.3} against pdftotext of {source}"
        );
    }
}

#[test]
#[ignore = "needs tesseract"]
fn always_reads_the_scan_on_a_page_with_text_and_auto_does_not() {
    require_tool("tesseract", "tesseract-ocr");
    let held = |r: &Value| {
        r["certifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "cpt" && c["status"] == "held")
    };
    let auto = check_json("ocr/text-and-scan.pdf", &[]);
    assert!(!held(&auto));
    assert!(
        auto["document"].get("ocr").is_none(),
        "{}",
        auto["document"]
    );
    let always = check_json("ocr/text-and-scan.pdf", &["--ocr", "always"]);
    assert!(held(&always), "{}", always["certifications"]);
    assert_eq!(always["document"]["ocr"]["pages"], 1);
}

#[test]
#[ignore = "needs tesseract"]
fn an_image_bomb_in_a_pdf_is_a_limit() {
    require_tool("tesseract", "tesseract-ocr");
    let r = check_json("ocr/bomb-image.pdf", &[]);
    assert_eq!(r["error"]["kind"], "limit", "{r}");
}

#[test]
#[ignore = "needs tesseract"]
fn ocr_stops_at_the_time_budget() {
    require_tool("tesseract", "tesseract-ocr");
    let r = check_json("ocr/engineer-ccitt.pdf", &["--timeout", "0.3"]);
    assert_eq!(r["error"]["kind"], "timeout", "{r}");
}

#[test]
fn an_image_bomb_is_a_limit_before_the_engine_runs() {
    let r = check_json("ocr/bomb.png", &[]);
    assert_eq!(r["error"]["kind"], "limit", "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("60000×60000"),
        "{r}"
    );
}

#[test]
fn without_the_engine_a_scan_says_how_to_install_it() {
    for scan in ["ocr/technician-150dpi.pdf", "ocr/technician-photo.jpg"] {
        let out = rolefit()
            .env("ROLEFIT_TESSERACT", "/nonexistent/tesseract")
            .args(["check", "--format", "json"])
            .arg(fixture(scan))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{scan}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let error = &report["results"][0]["error"];
        assert_eq!(error["kind"], "no_text", "{scan}: {error}");
        assert_eq!(error["reason"], "image_only", "{scan}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains("apt install tesseract-ocr tesseract-ocr-eng"),
            "{scan}: {message}"
        );
    }
}

#[test]
fn ocr_never_leaves_a_scan_unread_and_says_so() {
    let r = check_json("ocr/technician-150dpi.pdf", &["--ocr", "never"]);
    assert_eq!(r["error"]["kind"], "no_text", "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--ocr never"),
        "{r}"
    );
}

/// A document with a text layer is read the same whether OCR is on or off.
#[test]
fn text_documents_are_the_same_with_ocr_on_and_off() {
    for doc in [
        "pdf/producers/alvarez-technician.chromium-print.pdf",
        "pdf/layouts/sidebar-two-pages.chromium.pdf",
        "pdf/hidden/ocr-layer.reportlab.pdf",
    ] {
        if !fixture(doc).exists() {
            panic!("missing fixture {doc}");
        }
        let auto = check_json(doc, &[]);
        let never = check_json(doc, &["--ocr", "never"]);
        assert_eq!(auto, never, "{doc}");
        assert!(auto["document"].get("ocr").is_none(), "{doc}");
    }
}

#[test]
fn folders_pick_up_images() {
    let dir = tempdir();
    std::fs::copy(fixture("ocr/bomb.png"), dir.path().join("scan.PNG")).unwrap();
    std::fs::copy(
        fixture("ocr/technician-photo.jpg"),
        dir.path().join("photo.jpeg"),
    )
    .unwrap();
    let out = rolefit()
        .env("ROLEFIT_TESSERACT", "none")
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<(&str, &str)> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                r["error"]["kind"].as_str().unwrap_or("ok"),
            )
        })
        .collect();
    assert_eq!(kinds, [("photo.jpeg", "no_text"), ("scan.PNG", "limit")]);
}

/// Checking a document with a text layer never starts the engine, not even
/// to ask its version: the same speed with OCR on.
#[test]
fn text_documents_never_start_the_engine() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let marker = dir.path().join("started");
    let engine = dir.path().join("tesseract");
    std::fs::write(
        &engine,
        format!("#!/bin/sh\ntouch '{}'\nexit 1\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&engine, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = rolefit()
        .env("ROLEFIT_TESSERACT", &engine)
        .args(["check", "--format", "json"])
        .arg(fixture("pdf/producers"))
        .arg(fixture("ocr/text-and-scan.pdf"))
        .arg(fixture("batch/alex-rivera.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !marker.exists(),
        "the OCR engine was started for a text document"
    );
    // A scan does start it (and this one fails, so the scan is no_text).
    let out = rolefit()
        .env("ROLEFIT_TESSERACT", &engine)
        .args(["check", "--format", "json"])
        .arg(fixture("ocr/technician-150dpi.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(marker.exists());
}
