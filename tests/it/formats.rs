//! DOCX, ODT, HTML and JSON Resume input, end to end through the binary.
//!
//! Good fixtures (fixtures/docs, built by generate.sh) must give back the
//! words of their plain-text rendering (`NAME.txt`) with a recall of at least
//! 0.98; hostile archives must each give one clear, typed error, fast.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rolefit::extract::LineHint;
use rolefit::extract::{detect_format, extract_path, Detected, Limits};
use serde_json::Value;

use crate::util::{rolefit, tempdir};

fn fixture(name: &str) -> PathBuf {
    crate::util::fixture("docs").join(name)
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

/// Footnotes and endnotes are the document's text, each read after the
/// paragraph that references it; a reviewer's comment (naming CPIM and CQE,
/// which the candidate does not hold) is not.
#[test]
fn notes_are_read_and_comments_are_not() {
    let want = std::fs::read_to_string(fixture("notes.txt")).unwrap();
    for file in ["notes.docx", "notes.odt"] {
        let got = extract_text(&fixture(file));
        assert_eq!(got, want, "{file}");
        assert!(!got.contains("Reviewer"), "{file}: comment read:\n{got}");
    }
}

/// A `<title/>` in the body (not self-closing in HTML) would make the rest
/// of the page its text: the page is read as HTML, and the repair reported.
#[test]
fn stray_title_does_not_turn_markup_into_text() {
    let got = assert_recall("stray_title.html", "stray_title.txt");
    assert!(
        !got.contains('<') && !got.contains("class="),
        "markup taken as text:\n{got}"
    );
    assert!(got.contains("\nSummary\n"), "{got}");
    let out = rolefit()
        .args(["check", "--format", "json"])
        .arg(fixture("stray_title.html"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = report["results"][0]["document"]["warnings"].to_string();
    assert!(
        warnings.contains("repaired: an unclosed <title>"),
        "{warnings}"
    );
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

// ------------------------------------------------------------------ same facts

/// The facts of one result that must not depend on the input format.
fn facts(result: &Value) -> Value {
    assert_eq!(result["status"], "ok", "{result}");
    let certs: Vec<Value> = result["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::json!([c["id"], c["status"], c["detail"]]))
        .collect();
    let skills: Vec<&Value> = result["skills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "present")
        .map(|s| &s["id"])
        .collect();
    serde_json::json!({
        "certifications": certs,
        "skills": skills,
        "education": [result["education"]["highest"], result["education"]["engineering_degree"]],
        "level": result["level"]["id"],
        "years": result["level"]["years_experience"],
        "quantified": result["achievements"]["quantified"],
        "role": result["role"]["id"],
    })
}

/// `rolefit check PATHS… --format json --as-of 2026-11`: facts by file name.
fn facts_of(paths: &[PathBuf]) -> HashMap<String, Value> {
    let out = rolefit()
        .args(["check", "--format", "json", "--as-of", "2026-11"])
        .args(paths)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let path = Path::new(r["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                facts(r),
            )
        })
        .collect()
}

#[test]
fn fixtures_give_the_facts_of_their_plain_text() {
    let pairs = [
        ("python_docx.docx", "python_docx.txt"),
        ("libreoffice.docx", "libreoffice.txt"),
        ("libreoffice.odt", "libreoffice.txt"),
        ("gdocs.docx", "gdocs.txt"),
        ("resume.html", "resume.txt"),
        ("resume.json", "resume_json.txt"),
        ("notes.docx", "notes.txt"),
        ("notes.odt", "notes.txt"),
        ("stray_title.html", "stray_title.txt"),
    ];
    let mut paths: Vec<PathBuf> = pairs
        .iter()
        .flat_map(|(a, b)| [fixture(a), fixture(b)])
        .collect();
    paths.dedup();
    let facts = facts_of(&paths);
    for (doc, txt) in pairs {
        assert_eq!(facts[doc], facts[txt], "{doc} vs {txt}");
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text with tabs as the format's tab element.
fn with_tabs(text: &str, tab: &str, run: impl Fn(&str) -> String) -> String {
    text.split('\t').map(&run).collect::<Vec<_>>().join(tab)
}

/// A DOCX as Word lays a resume out: heading styles, numbered list paragraphs
/// (the bullet is numbering, not text), the first line in the page header.
fn render_docx(lines: &[(String, LineHint)]) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let run = |t: &str| {
        format!(
            r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
            xml_escape(t)
        )
    };
    let para = |text: &str, hint: LineHint| {
        let (ppr, text) = match hint {
            LineHint::Heading => (r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"#, text),
            LineHint::ListItem => (
                r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#,
                text.trim_start_matches(['•', '-', '*', ' ']),
            ),
            LineHint::None | LineHint::Continuation => ("", text),
        };
        format!(
            "<w:p>{ppr}{}</w:p>",
            with_tabs(text, "<w:r><w:tab/></w:r>", run)
        )
    };
    let first = lines
        .iter()
        .position(|l| !l.0.trim().is_empty())
        .unwrap_or(0);
    let body: String = lines[first + 1..]
        .iter()
        .map(|(t, h)| para(t, *h))
        .collect();
    let header = format!(
        r#"<w:hdr {W}>{}</w:hdr>"#,
        para(&lines[first].0, LineHint::None)
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let root_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip_bytes(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", root_rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ])
}

/// An ODT as LibreOffice writes one: `text:h`, lists, tabs and spaces as elements.
fn render_odt(lines: &[(String, LineHint)]) -> Vec<u8> {
    let text = |t: &str| {
        with_tabs(t, "<text:tab/>", |part| {
            // Runs of spaces are `text:s` in ODF (plain spaces collapse).
            let mut out = String::new();
            let mut spaces = 0usize;
            for c in part.chars() {
                if c == ' ' {
                    spaces += 1;
                    continue;
                }
                match spaces {
                    0 => {}
                    1 => out.push(' '),
                    n => out.push_str(&format!(" <text:s text:c=\"{}\"/>", n - 1)),
                }
                spaces = 0;
                out.push_str(&xml_escape(&c.to_string()));
            }
            out
        })
    };
    let mut body = String::new();
    for (t, hint) in lines {
        match hint {
            LineHint::Heading => body.push_str(&format!(
                r#"<text:h text:outline-level="1">{}</text:h>"#,
                text(t)
            )),
            LineHint::ListItem => body.push_str(&format!(
                "<text:list><text:list-item><text:p>{}</text:p></text:list-item></text:list>",
                text(t.trim_start_matches(['•', '-', '*', ' ']))
            )),
            LineHint::None | LineHint::Continuation => {
                body.push_str(&format!("<text:p>{}</text:p>", text(t)))
            }
        }
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    zip_bytes(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
    ])
}

fn render_html(lines: &[(String, LineHint)]) -> Vec<u8> {
    let mut body = String::new();
    for (t, hint) in lines {
        let t = xml_escape(t);
        match hint {
            LineHint::Heading => body.push_str(&format!("<h2>{t}</h2>\n")),
            LineHint::ListItem => body.push_str(&format!(
                "<ul><li>{}</li></ul>\n",
                t.trim_start_matches(['•', '-', '*', ' '])
            )),
            LineHint::None | LineHint::Continuation => body.push_str(&format!("<p>{t}</p>\n")),
        }
    }
    format!("<!DOCTYPE html><html><head><title>Resume</title><style>p {{ margin: 0 }}</style></head><body>\n{body}</body></html>")
        .into_bytes()
}

fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, data) in entries {
        w.start_file(*n, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Every labelled resume, rendered as DOCX, ODT and HTML the way those formats
/// structure a resume, must give exactly the facts of its plain text.
#[test]
fn labelled_resumes_keep_their_facts_in_every_format() {
    let dir = tempdir();
    let resumes = crate::util::fixture("resumes");
    let mut sources = Vec::new();
    let mut rendered = Vec::new();
    for entry in std::fs::read_dir(&resumes).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "txt" && ext != "md" {
            continue;
        }
        let doc = extract_path(&path, &Limits::default()).unwrap();
        let lines: Vec<(String, LineHint)> =
            doc.lines.iter().map(|l| (l.text.clone(), l.hint)).collect();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (ext, bytes) in [
            ("docx", render_docx(&lines)),
            ("odt", render_odt(&lines)),
            ("html", render_html(&lines)),
        ] {
            let out = dir.path().join(format!("{stem}.{ext}"));
            std::fs::write(&out, bytes).unwrap();
            rendered.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                out,
            ));
        }
        sources.push(path);
    }
    assert!(
        sources.len() >= 20,
        "labelled resumes missing: {}",
        sources.len()
    );
    let base = facts_of(&sources);
    let got = facts_of(&rendered.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    let mut mismatches = Vec::new();
    for (source, out) in &rendered {
        let name = out.file_name().unwrap().to_string_lossy().into_owned();
        if base[source] != got[&name] {
            mismatches.push(format!(
                "{name}:\n  text: {}\n  doc:  {}",
                base[source], got[&name]
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} renderings differ:\n{}",
        mismatches.len(),
        rendered.len(),
        mismatches.join("\n")
    );
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Whitfield"), "{text}");
}

#[test]
fn non_resume_json_and_other_zips_are_unsupported() {
    let dir = tempdir();
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

// ------------------------------------------------------------------ mutations

/// A small deterministic generator (no test may depend on chance).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Cuts, duplicates and overwrites random byte ranges.
fn mutate(src: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(b.len());
        let len = 1 + rng.next(64).min(b.len() - at);
        match rng.next(3) {
            0 => {
                b.drain(at..at + len.min(b.len() - at));
            }
            1 => {
                let chunk: Vec<u8> = b[at..(at + len).min(b.len())].to_vec();
                b.splice(at..at, chunk);
            }
            _ => {
                for i in at..(at + len).min(b.len()) {
                    b[i] = b"<>/&;\"' w:ptabx0\xff\xc3"[rng.next(16)];
                }
            }
        }
    }
    b
}

fn entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name(name).unwrap(), &mut out).unwrap();
    out
}

/// Damaged XML inside real packages, damaged packages, damaged HTML and JSON:
/// every one gives a document or a typed error, never a panic.
#[test]
fn mutated_inputs_never_panic() {
    let limits = Limits::default();
    let mut rng = Lcg(0x5eed);
    let docx = std::fs::read(fixture("python_docx.docx")).unwrap();
    let odt = std::fs::read(fixture("libreoffice.odt")).unwrap();
    let document = entry(&docx, "word/document.xml");
    let content = entry(&odt, "content.xml");
    let html = std::fs::read(fixture("resume.html")).unwrap();
    let json = std::fs::read(fixture("resume.json")).unwrap();
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for i in 0..400 {
        let (name, bytes) = match i % 5 {
            0 => (
                "x.docx",
                zip_bytes(&[("word/document.xml", &mutate(&document, &mut rng))]),
            ),
            1 => (
                "x.odt",
                zip_bytes(&[
                    ("mimetype", b"application/vnd.oasis.opendocument.text"),
                    ("content.xml", &mutate(&content, &mut rng)),
                ]),
            ),
            2 => ("x.docx", mutate(&docx, &mut rng)),
            3 => ("x.html", mutate(&html, &mut rng)),
            _ => ("x.json", mutate(&json, &mut rng)),
        };
        let result = std::panic::catch_unwind(|| {
            rolefit::extract::extract_bytes(&bytes, Some(Path::new(name)), &limits)
        });
        let outcome = match result {
            Ok(Ok(_)) => "ok".to_string(),
            Ok(Err(e)) => e.kind.as_str().to_string(),
            Err(_) => panic!("extracting mutation {i} of {name} panicked"),
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    eprintln!("mutation outcomes: {outcomes:?}");
    // Both kinds of outcome occur: damage is detected, and survivable damage is survived.
    assert!(
        outcomes.get("ok").copied().unwrap_or(0) > 50,
        "{outcomes:?}"
    );
    assert!(
        outcomes.get("malformed").copied().unwrap_or(0) > 20,
        "{outcomes:?}"
    );
}
