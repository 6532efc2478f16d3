//! DOCX, ODT, HTML and JSON Resume input, end to end through the binary.
//!
//! Good fixtures (fixtures/docs, built by generate.sh) must give back the
//! words of their plain-text rendering (`NAME.txt`) with a recall of at least
//! 0.98; hostile archives must each give one clear, typed error, fast.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use rolefit::document::LineHint;
use rolefit::extract::{detect_format, extract_path, Detected, Limits};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/docs")
        .join(name)
}

fn rolefit() -> Command {
    Command::cargo_bin("rolefit").unwrap()
}

/// `rolefit extract FILE`, which must succeed.
fn extract_text(path: &Path) -> String {
    let out = rolefit().arg("extract").arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "rolefit extract {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Share of the expected words (with multiplicity) found in `got`.
fn recall(expected: &str, got: &str) -> f64 {
    let mut have: HashMap<String, usize> = HashMap::new();
    for w in words(got) {
        *have.entry(w).or_default() += 1;
    }
    let want = words(expected);
    let mut found = 0usize;
    for w in &want {
        if let Some(n) = have.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                found += 1;
            }
        }
    }
    found as f64 / want.len().max(1) as f64
}

fn assert_recall(file: &str, txt: &str) -> String {
    let got = extract_text(&fixture(file));
    let expected = std::fs::read_to_string(fixture(txt)).unwrap();
    let r = recall(&expected, &got);
    eprintln!("word recall {file}: {r:.4}");
    assert!(
        r >= 0.98,
        "word recall of {file} is {r:.4} (< 0.98); extracted:\n{got}"
    );
    got
}

#[test]
fn recall_python_docx() {
    let got = assert_recall("python_docx.docx", "python_docx.txt");
    // The text box is read once, though Word stores it twice (DrawingML + VML fallback).
    assert_eq!(got.matches("Available for second shift").count(), 1);
    // Header first, footer last.
    assert!(
        got.lines()
            .next()
            .unwrap()
            .contains("dana.whitfield@example.com"),
        "{got}"
    );
    assert_eq!(
        got.lines().last().unwrap(),
        "References available on request"
    );
}

#[test]
fn recall_libreoffice_docx() {
    let got = assert_recall("libreoffice.docx", "libreoffice.txt");
    assert_eq!(got.matches("Available for second shift").count(), 1);
}

#[test]
fn recall_libreoffice_odt() {
    let got = assert_recall("libreoffice.odt", "libreoffice.txt");
    assert!(
        got.lines()
            .next()
            .unwrap()
            .contains("dana.whitfield@example.com"),
        "{got}"
    );
}

#[test]
fn recall_gdocs_docx() {
    let got = assert_recall("gdocs.docx", "gdocs.txt");
    // A layout table keeps each column's lines apart, in reading order.
    let pos = |s: &str| {
        got.find(s)
            .unwrap_or_else(|| panic!("{s} missing in:\n{got}"))
    };
    assert!(pos("Methods: root cause analysis") < pos("Experience"));
    assert!(
        !got.contains(" | Summary"),
        "layout cells must not be glued into one line:\n{got}"
    );
}

#[test]
fn recall_html() {
    let got = assert_recall("resume.html", "resume.txt");
    for hidden in [
        "scriptword",
        "stylesheetword",
        "noscriptword",
        "hiddenword",
        "trackerword",
    ] {
        assert!(
            !got.contains(hidden),
            "{hidden} is not visible text:\n{got}"
        );
    }
}

#[test]
fn recall_json_resume() {
    let got = assert_recall("resume.json", "resume_json.txt");
    assert!(
        got.contains("Senior Production Technician, Calder Electronics | 2021-03 – Present"),
        "{got}"
    );
    assert!(
        got.contains("Production Technician, Brightline Manufacturing | 2017-06 – 2021-02"),
        "{got}"
    );
}

/// Lines of a fixture with their hints, through the library.
fn hinted(file: &str) -> Vec<(String, LineHint, Option<String>)> {
    let doc = extract_path(&fixture(file), &Limits::default()).unwrap();
    doc.lines
        .into_iter()
        .map(|l| (l.text, l.hint, l.locator))
        .collect()
}

fn hint_of(lines: &[(String, LineHint, Option<String>)], starts: &str) -> LineHint {
    lines
        .iter()
        .find(|l| l.0.starts_with(starts))
        .unwrap_or_else(|| panic!("no line starting {starts:?}"))
        .1
}

#[test]
fn structure_hints_in_every_format() {
    for file in [
        "python_docx.docx",
        "libreoffice.docx",
        "libreoffice.odt",
        "gdocs.docx",
        "resume.html",
    ] {
        let lines = hinted(file);
        assert_eq!(hint_of(&lines, "Experience"), LineHint::Heading, "{file}");
        assert_eq!(
            hint_of(&lines, "• Lead 8D investigations"),
            LineHint::ListItem,
            "{file}"
        );
        assert_eq!(
            hint_of(&lines, "Production technician with seven"),
            LineHint::None,
            "{file}"
        );
    }
    let json = hinted("resume.json");
    assert_eq!(hint_of(&json, "EXPERIENCE"), LineHint::Heading);
    let item = json
        .iter()
        .find(|l| l.0.starts_with("• Troubleshot PLC"))
        .unwrap();
    assert_eq!(item.1, LineHint::ListItem);
    assert_eq!(item.2.as_deref(), Some("work[1].highlights[1]"));
}

// ------------------------------------------------------------------ hostile

/// `rolefit check FILE --format json`: the error kind and message, timed.
fn check_error(path: &Path) -> (String, String, Duration) {
    let t = Instant::now();
    let out = rolefit()
        .args(["check", "--format", "json"])
        .arg(path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let elapsed = t.elapsed();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let result = &report["results"][0];
    assert_eq!(result["status"], "error", "{result}");
    let kind = result["error"]["kind"].as_str().unwrap().to_string();
    let message = result["error"]["message"].as_str().unwrap().to_string();
    eprintln!(
        "{}: {kind} in {:.0} ms ({message})",
        path.display(),
        elapsed.as_secs_f64() * 1000.0
    );
    (kind, message, elapsed)
}

fn zip_file(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    zip_file_with(dir, name, entries, zip::CompressionMethod::Deflated)
}

fn zip_file_with(
    dir: &Path,
    name: &str,
    entries: &[(&str, &[u8])],
    method: zip::CompressionMethod,
) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    let mut w = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .compression_level((method == zip::CompressionMethod::Deflated).then_some(9))
        .large_file(true);
    for (n, data) in entries {
        w.start_file(*n, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
    path
}

const DOC_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOC_END: &str = "</w:body></w:document>";

fn assert_fast(elapsed: Duration) {
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[test]
fn zip_bomb_docx_is_a_limit_error() {
    let dir = tempfile::tempdir().unwrap();
    // A 300 MB paragraph that deflates to well under 1 MB.
    let mut xml = String::from(DOC_START);
    xml.push_str("<w:p><w:r><w:t>");
    xml.push_str(&"a".repeat(300_000_000));
    xml.push_str("</w:t></w:r></w:p>");
    xml.push_str(DOC_END);
    let path = zip_file(
        dir.path(),
        "bomb.docx",
        &[("word/document.xml", xml.as_bytes())],
    );
    drop(xml);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 2_000_000, "{size}");
    let (kind, message, elapsed) = check_error(&path);
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("zip bomb"), "{message}");
    assert_fast(elapsed);
}

#[test]
fn zip_bomb_odt_is_a_limit_error() {
    let dir = tempfile::tempdir().unwrap();
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{}</text:p></office:text></office:body></office:document-content>"#,
        " ".repeat(100_000_000)
    );
    let path = zip_file(
        dir.path(),
        "bomb.odt",
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ],
    );
    let (kind, _, elapsed) = check_error(&path);
    assert_eq!(kind, "limit");
    assert_fast(elapsed);
}

#[test]
fn thousands_of_entries_is_a_limit_error() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..5_000)
        .map(|i| format!("word/media/image{i}.png"))
        .collect();
    let doc = format!("{DOC_START}<w:p><w:r><w:t>Jane</w:t></w:r></w:p>{DOC_END}");
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
    entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
    let path = zip_file(dir.path(), "many.docx", &entries);
    let (kind, message, elapsed) = check_error(&path);
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("entries"), "{message}");
    assert_fast(elapsed);
}

#[test]
fn deeply_nested_xml_is_a_limit_error() {
    let dir = tempfile::tempdir().unwrap();
    let xml = format!(
        "{DOC_START}{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}{DOC_END}",
        "<w:sdt><w:sdtContent>".repeat(50_000),
        "</w:sdtContent></w:sdt>".repeat(50_000)
    );
    // Stored, so the nesting (not the compression ratio) is what trips.
    let path = zip_file_with(
        dir.path(),
        "deep.docx",
        &[("word/document.xml", xml.as_bytes())],
        zip::CompressionMethod::Stored,
    );
    let (kind, message, elapsed) = check_error(&path);
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("nests"), "{message}");
    assert_fast(elapsed);
}

#[test]
fn deeply_nested_html_and_json_are_limit_errors() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("deep.html");
    std::fs::write(
        &html,
        format!("<!doctype html><body>{}deep", "<div>".repeat(100_000)),
    )
    .unwrap();
    let json = dir.path().join("deep.json");
    std::fs::write(
        &json,
        format!(
            "{{\"basics\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    for path in [html, json] {
        let (kind, _, elapsed) = check_error(&path);
        assert_eq!(kind, "limit");
        assert_fast(elapsed);
    }
}

#[test]
fn truncated_docx_is_malformed() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("python_docx.docx")).unwrap();
    let path = dir.path().join("truncated.docx");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let (kind, message, elapsed) = check_error(&path);
    assert_eq!(kind, "malformed", "{message}");
    assert_fast(elapsed);
}

#[test]
fn encrypted_docx_is_encrypted() {
    let (kind, message, elapsed) = check_error(&fixture("encrypted.docx"));
    assert_eq!(kind, "encrypted", "{message}");
    assert!(message.contains("password"), "{message}");
    assert_fast(elapsed);
}

#[test]
fn legacy_doc_is_unsupported_with_advice() {
    let (kind, message, elapsed) = check_error(&fixture("legacy.doc"));
    assert_eq!(kind, "unsupported", "{message}");
    assert!(message.contains("save it as DOCX or PDF"), "{message}");
    assert_fast(elapsed);
}

#[test]
fn pdf_named_docx_is_read_as_pdf() {
    let path = fixture("pdf_named.docx");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(detect_format(&bytes, Some(&path)), Detected::Pdf);
    let out = rolefit().arg("extract").arg(&path).output().unwrap();
    if out.status.success() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Whitfield"), "{text}");
    } else {
        // Until PDF support lands, the error must be the PDF reader's, not a DOCX one.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("PDF") && !err.contains("DOCX"), "{err}");
    }
}

#[test]
fn non_resume_json_and_other_zips_are_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("package.json");
    std::fs::write(&json, r#"{"name": "x", "version": "1.0.0"}"#).unwrap();
    let xlsx = zip_file(
        dir.path(),
        "cv.docx",
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ],
    );
    for path in [json, xlsx] {
        let (kind, _, _) = check_error(&path);
        assert_eq!(kind, "unsupported");
    }
}
