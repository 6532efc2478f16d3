//! Content-stream syntax errors end to end: `rolefit extract` on PDFs whose
//! page has a bad token between two lines of text reads both lines, and says
//! so on stderr when a token had to be skipped. Nothing is lost silently.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{dictionary, Document, Object, Stream};

const FIRST: &str = "Six Sigma Green Belt";
const SECOND: &str = "Preventive Maintenance";
const WARNING: &str = "content-stream token";

struct Extracted {
    lines: Vec<String>,
    stderr: String,
}

fn extract(path: &Path) -> Extracted {
    let out = Command::new(env!("CARGO_BIN_EXE_rolefit"))
        .arg("extract")
        .arg(path)
        .output()
        .expect("run rolefit");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{}: exit {:?}: {stderr}",
        path.display(),
        out.status
    );
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    Extracted { lines, stderr }
}

/// A PDF with Helvetica as /F1 and one page per content stream.
fn pdf_pages(contents: &[&[u8]]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids: Vec<Object> = Vec::new();
    for content in contents {
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory PDF");
    out
}

fn pdf(content: &[u8]) -> Vec<u8> {
    pdf_pages(&[content])
}

#[test]
fn committed_fixture_with_a_stray_parenthesis_keeps_both_lines() {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "fixtures/hostile/content-bad-token.pdf",
    ]
    .iter()
    .collect();
    let got = extract(&path);
    assert_eq!(got.lines, [FIRST, SECOND], "{}", got.stderr);
    assert!(
        got.stderr
            .contains("1 unreadable content-stream token was skipped"),
        "{}",
        got.stderr
    );
}

#[test]
fn every_kind_of_bad_token_costs_only_itself() {
    let line = |y: u32, text: &str| format!("BT /F1 12 Tf 72 {y} Td ({text}) Tj ET\n");
    let (first, second) = (line(700, FIRST), line(680, SECOND));
    // (what sits between the lines, whether a token is skipped)
    let cases: &[(&str, &[u8], bool)] = &[
        ("stray )", b")", true),
        ("stray }", b"}", true),
        ("stray {", b"{", true),
        ("stray >", b">", true),
        ("stray ]", b"]", true),
        ("stray >>", b">>", true),
        ("unknown operator", b"1 2 zz", true),
        ("operator in an array", b"[1 2 re 3] 0 d", true),
        ("illegal hex digit", b"<4X> MP", true),
        ("bare minus", b"- w", false),
        ("bare dot", b". w", false),
        ("double minus", b"--5 0 Td -5 0 Td", false),
        ("two dots", b"5.3.2 w", false),
        ("comment between operands", b"1 0 % note\n0 1 0 0 cm", false),
        ("name with a bad escape", b"/GS#1 gs", false),
        (
            "inline image with EI in its data",
            b"BI /W 8 /H 1 /BPC 8 /CS /G ID \x01 EI (x) EI",
            false,
        ),
        (
            "filtered inline image with binary after a false EI",
            b"BI /W 2 /H 2 /F /DCT ID \xff\xd8 EI \x00\x9a\xc3\xff\x10\x80 EI",
            false,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (what, bad, skipped)) in cases.iter().enumerate() {
        let content = [first.as_bytes(), bad, b"\n", second.as_bytes()].concat();
        let path = dir.path().join(format!("case{i}.pdf"));
        std::fs::write(&path, pdf(&content)).unwrap();
        let got = extract(&path);
        assert_eq!(got.lines, [FIRST, SECOND], "{what}: {}", got.stderr);
        assert_eq!(
            got.stderr.contains(WARNING),
            *skipped,
            "{what}: {}",
            got.stderr
        );
    }
}

#[test]
fn operator_inside_a_tj_array_keeps_the_array() {
    let content = format!(
        "BT /F1 12 Tf 72 700 Td [(Six) -250 (Sigma) Tj -250 (Green Belt)] TJ ET\n{}",
        format_args!("BT /F1 12 Tf 72 680 Td ({SECOND}) Tj ET")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tj.pdf");
    std::fs::write(&path, pdf(content.as_bytes())).unwrap();
    let got = extract(&path);
    assert_eq!(got.lines, [FIRST, SECOND], "{}", got.stderr);
    assert!(got.stderr.contains(WARNING), "{}", got.stderr);
}

#[test]
fn unterminated_string_at_the_end_is_warned_about() {
    let content =
        format!("BT /F1 12 Tf 72 700 Td ({FIRST}) Tj 0 -20 Td ({SECOND}) Tj (cut off in the midd");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.pdf");
    std::fs::write(&path, pdf(content.as_bytes())).unwrap();
    let got = extract(&path);
    assert_eq!(got.lines, [FIRST, SECOND], "{}", got.stderr);
    assert!(
        got.stderr
            .contains("1 unreadable content-stream token was skipped"),
        "{}",
        got.stderr
    );
}

#[test]
fn skipped_tokens_of_every_page_make_one_warning_with_the_total() {
    let first = format!("BT /F1 12 Tf 72 700 Td ({FIRST}) Tj ET ) }}");
    let second = format!("BT /F1 12 Tf 72 700 Td ({SECOND}) Tj ET ]");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two-pages.pdf");
    std::fs::write(&path, pdf_pages(&[first.as_bytes(), second.as_bytes()])).unwrap();
    let got = extract(&path);
    assert_eq!(got.lines, [FIRST, SECOND], "{}", got.stderr);
    let warnings: Vec<&str> = got.stderr.lines().filter(|l| l.contains(WARNING)).collect();
    assert_eq!(warnings.len(), 1, "{}", got.stderr);
    assert!(
        warnings[0].contains("3 unreadable content-stream tokens were skipped"),
        "{}",
        got.stderr
    );
}
