//! Format detection by content, with the file extension only as a hint.

use std::path::Path;

use memchr::memmem;

use crate::extract::ocr::image::ImageKind;
use crate::extract::Format;

/// What a file's bytes turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Pdf,
    Docx,
    Odt,
    Html,
    JsonResume,
    /// Plain text or Markdown (the extension decides which).
    Text(Format),
    /// A PNG, JPEG or TIFF image: read with OCR.
    Image(ImageKind),
    /// A password-protected office document.
    Encrypted(String),
    /// Damaged beyond reading; the message says what it looks like.
    Malformed(String),
    /// Not a format rolefit reads; the message says what it is and what to do.
    Unsupported(String),
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format of `bytes`; `name` is used only where content is ambiguous.
pub fn detect_format(bytes: &[u8], name: Option<&Path>) -> Detected {
    let ext = name
        .and_then(|n| n.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    if contains(head, b"%PDF-") {
        return Detected::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes, &ext);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return detect_ole(bytes);
    }
    if let Some(kind) = ImageKind::sniff(bytes) {
        return Detected::Image(kind);
    }
    if let Some(kind) = sniff_binary(bytes) {
        // A damaged PDF that lost its header (fuzzed, truncated) is a
        // malformed PDF, not some other binary format.
        if looks_like_pdf_syntax(bytes) {
            return Detected::Pdf;
        }
        return Detected::Unsupported(kind);
    }
    if matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "tif" | "tiff") {
        // Named as an image but holding text: neither an image OCR can read
        // nor a resume written as text.
        return Detected::Malformed(format!(
            "named .{ext} but its bytes are not a PNG, JPEG or TIFF image"
        ));
    }
    if looks_like_pdf_syntax(bytes) {
        // A PDF whose header is missing (as viewers do, the PDF reader
        // tries it; it says so, or fails as malformed): never resume text.
        return Detected::Pdf;
    }
    let start = skip_bom_and_space(bytes);
    if start.first() == Some(&b'{') && (ext == "json" || looks_like_json_resume(start)) {
        return Detected::JsonResume;
    }
    if ext == "html"
        || ext == "htm"
        || ext == "xhtml"
        || looks_like_html(start)
        || looks_like_web_archive(start)
    {
        return Detected::Html;
    }
    if ext == "md" || ext == "markdown" {
        return Detected::Text(Format::Markdown);
    }
    Detected::Text(Format::Text)
}

fn detect_zip(bytes: &[u8], ext: &str) -> Detected {
    // The first member of an ODF package is an uncompressed `mimetype` file.
    let head = &bytes[..bytes.len().min(200)];
    if contains(head, b"mimetypeapplication/vnd.oasis.opendocument.text") {
        return Detected::Odt;
    }
    if contains(head, b"mimetypeapplication/vnd.oasis.opendocument.") {
        return Detected::Unsupported(
            "an OpenDocument file that is not a text document (spreadsheet, presentation…); export the resume as ODT, DOCX or PDF".into(),
        );
    }
    if contains(bytes, b"word/document.xml") {
        return Detected::Docx;
    }
    if contains(bytes, b"content.xml") && (ext == "odt" || contains(bytes, b"styles.xml")) {
        return Detected::Odt;
    }
    if contains(bytes, b"[Content_Types].xml") {
        if contains(bytes, b"word/") {
            return Detected::Docx;
        }
        let what = if contains(bytes, b"xl/workbook") {
            "an Excel workbook"
        } else if contains(bytes, b"ppt/presentation") {
            "a PowerPoint presentation"
        } else {
            "an Office file that is not a Word document"
        };
        return Detected::Unsupported(format!(
            "{what}, not a resume format rolefit reads; save the resume as DOCX or PDF"
        ));
    }
    Detected::Unsupported(match ext {
        "docx" => "a zip archive without word/document.xml: not a readable DOCX".into(),
        "odt" => "a zip archive without content.xml: not a readable ODT".into(),
        _ => "a zip archive that is neither a DOCX nor an ODT document".into(),
    })
}

fn detect_ole(bytes: &[u8]) -> Detected {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    // Office wraps password-protected DOCX files in an OLE container with an
    // `EncryptedPackage` stream (names are stored as UTF-16LE).
    if contains(bytes, &utf16("EncryptedPackage")) || contains(bytes, &utf16("EncryptionInfo")) {
        return Detected::Encrypted(
            "the document is password-protected; save an unprotected copy and check that".into(),
        );
    }
    if contains(bytes, &utf16("WordDocument")) {
        return Detected::Unsupported(
            "a legacy Word (.doc) file: rolefit reads DOCX, not .doc; save it as DOCX or PDF and check that instead".into(),
        );
    }
    Detected::Unsupported(
        "a legacy Office (OLE) file, such as .doc or .xls: save it as DOCX or PDF and check that instead".into(),
    )
}

/// Names well-known binary formats, or any content with NUL-heavy bytes that is not UTF-16.
fn sniff_binary(bytes: &[u8]) -> Option<String> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a damaged PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"{\\rtf", "an RTF document"),
    ];
    for (magic, what) in MAGICS {
        if bytes.starts_with(magic) {
            let hint = if what.ends_with("image") {
                "; save it as PNG, JPEG or TIFF to have it read with OCR"
            } else {
                ""
            };
            return Some(format!("{what}, not a resume format rolefit reads{hint}"));
        }
    }
    // Unknown binary content: many C0 control bytes (other than tab, line
    // breaks and form feed) in the first 8 KiB, and not UTF-16 (whose ASCII
    // text has a NUL in every other byte). Random bytes have about 11%.
    let sample = &bytes[..bytes.len().min(8192)];
    let utf16 = sample.starts_with(b"\xFF\xFE")
        || sample.starts_with(b"\xFE\xFF")
        || super::text::sniff_utf16(sample).is_some();
    let controls = sample
        .iter()
        .filter(|&&b| matches!(b, 0..=8 | 0x0E..=0x1F | 0x7F))
        .count();
    if !utf16 && controls * 20 > sample.len() {
        return Some("binary content (not text and not a known document format)".into());
    }
    None
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn looks_like_json_resume(start: &[u8]) -> bool {
    let head = &start[..start.len().min(64 * 1024)];
    [
        "\"basics\"",
        "\"work\"",
        "\"education\"",
        "\"jsonresume\"",
        "\"$schema\"",
    ]
    .iter()
    .any(|k| contains(head, k.as_bytes()))
}

fn looks_like_html(start: &[u8]) -> bool {
    let head: Vec<u8> = start[..start.len().min(1024)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || contains(&head, b"<html")
        || (head.starts_with(b"<") && (contains(&head, b"<body") || contains(&head, b"<head")))
}

/// A MIME web archive holding HTML (`.mht`, or Word's web page saved as `.doc`).
fn looks_like_web_archive(start: &[u8]) -> bool {
    super::mime::is_mime(start)
        && contains(
            &start[..start.len().min(4096)].to_ascii_lowercase(),
            b"text/html",
        )
}

/// Bytes read by [`looks_like_pdf_syntax`].
const PDF_SYNTAX_SCAN: usize = 1 << 20;

/// Whether the start of a file reads as PDF syntax: an object header
/// (`12 0 obj`) or a trailer dictionary, with at least two other marks of
/// PDF structure (`endobj`, `stream` after a dictionary, `endstream`, `xref`,
/// `startxref`, `%%EOF`, `%PDF`, a `<< /Name … >>` dictionary). Small damaged
/// files (a lone cross-reference stream, a trailer with its `/Encrypt`
/// object) qualify; resume text, even one naming these words, does not.
pub(crate) fn looks_like_pdf_syntax(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PDF_SYNTAX_SCAN)];
    let mut marks = PdfMarks {
        percent_pdf: contains(head, b"%PDF"),
        dictionary: contains(head, b"<<") && contains(head, b">>") && has_name(head),
        ..PdfMarks::default()
    };
    for line in head.split(|&b| b == b'\n' || b == b'\r') {
        let line = line.trim_ascii();
        let bare = line.strip_prefix(b"%").unwrap_or(line).trim_ascii();
        marks.object |= has_object_header(line);
        marks.trailer |=
            line == b"trailer" || line.starts_with(b"trailer<<") || line.starts_with(b"trailer <<");
        marks.endobj |= has_word(line, b"endobj");
        marks.endstream |= has_word(line, b"endstream");
        marks.stream |=
            line == b"stream" || line.ends_with(b">>stream") || line.ends_with(b">> stream");
        marks.xref |= bare == b"xref";
        marks.startxref |= bare == b"startxref";
        marks.eof |= line.starts_with(b"%%EOF");
        if marks.is_pdf() {
            return true;
        }
    }
    false
}

/// The marks of PDF syntax [`looks_like_pdf_syntax`] looks for.
#[derive(Default)]
struct PdfMarks {
    object: bool,
    trailer: bool,
    endobj: bool,
    stream: bool,
    endstream: bool,
    xref: bool,
    startxref: bool,
    eof: bool,
    percent_pdf: bool,
    dictionary: bool,
}

impl PdfMarks {
    fn is_pdf(&self) -> bool {
        let anchored = self.object || self.trailer;
        let count = [
            self.object,
            self.trailer,
            self.endobj,
            self.stream,
            self.endstream,
            self.xref,
            self.startxref,
            self.eof,
            self.percent_pdf,
            self.dictionary,
        ]
        .iter()
        .filter(|&&mark| mark)
        .count();
        anchored && count >= 3
    }
}

/// `12 0 obj` anywhere in the line, followed by anything but a letter or digit.
fn has_object_header(line: &[u8]) -> bool {
    /// `bytes` without its trailing digits, when it ends with one after a space.
    fn strip_number(bytes: &[u8]) -> Option<&[u8]> {
        let trimmed = bytes.strip_suffix(b" ").or(bytes.strip_suffix(b"\t"))?;
        let trimmed = trimmed.trim_ascii_end();
        let digits = trimmed
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (digits > 0).then(|| &trimmed[..trimmed.len() - digits])
    }
    memmem::find_iter(line, b"obj").any(|at| {
        let ends_word = line.get(at + 3).is_none_or(|c| !c.is_ascii_alphanumeric());
        let rest = strip_number(&line[..at]).and_then(strip_number);
        ends_word && rest.is_some_and(|rest| rest.last().is_none_or(|c| !c.is_ascii_alphanumeric()))
    })
}

/// `word` as a whole word of `line`.
fn has_word(line: &[u8], word: &[u8]) -> bool {
    memmem::find_iter(line, word).any(|at| {
        let before = at.checked_sub(1).map(|i| line[i]);
        let after = line.get(at + word.len()).copied();
        before.is_none_or(|c| !c.is_ascii_alphanumeric())
            && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// A PDF name such as `/Type` or `/Length`: a slash and a capital letter
/// followed by a lowercase one.
fn has_name(head: &[u8]) -> bool {
    head.windows(3)
        .any(|w| w[0] == b'/' && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memmem::find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_source_without_header_goes_to_the_pdf_reader_not_text() {
        // The PDF reader reads it, or fails it as malformed (no pages here).
        let source = b"junk\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\ntrailer\n<< /Root 1 0 R >>\n";
        assert_eq!(detect_format(source, None), Detected::Pdf);
        let err = crate::extract::pdf::extract(source, &crate::extract::Limits::default())
            .expect_err("no pages");
        assert_eq!(err.kind, crate::error::ErrorKind::Malformed);
        // Prose mentioning the words stays text.
        let prose =
            b"Objects and streams\n1 0 objection noted\nendobj is a PDF keyword\nxref\nstream\n";
        assert_eq!(detect_format(prose, None), Detected::Text(Format::Text));
    }

    #[test]
    fn small_damaged_pdfs_without_header_are_pdf() {
        // Shapes of qpdf's test files: a lone cross-reference stream, a
        // trailer with its encryption dictionary, an object stream after
        // junk, a broken header before a trailer.
        let shapes: [&[u8]; 4] = [
            b"0009 0 obj<</Type/XRef/Size 0/W[0 0 0]>>stream\nendstream\nendobj\nstartxref\n3\n%%EOF\n",
            b"trailer<<<>/Encrypt 62 0 R>>\n62 0 obj<</Filter/Standard/Length 160/O<>/P 0/R 3/U<>/V 2>>0 0\n",
            b"0000000000000\n1 0 obj\n<<000/Type /ObjStm\n00/N 5\n00000000>>\nstream\n000\n",
            b"%PDFn\r\ntrailer\r\n<</Size 10/Root 5 0 R>>\r\n5) 0 obj\r\n<</Type/XRef/W[1 2 9]>>stream\r\nh\r\n",
        ];
        for shape in shapes {
            assert_eq!(
                detect_format(shape, None),
                Detected::Pdf,
                "{:?}",
                String::from_utf8_lossy(shape)
            );
        }
        // Fuzzed binary with PDF objects in it: a (malformed) PDF too.
        let mut fuzzed = vec![0x19u8; 200];
        fuzzed.extend_from_slice(b"\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\ntrailer\n");
        assert_eq!(detect_format(&fuzzed, None), Detected::Pdf);
        // Resume text with the words trailer, stream and xref stays text.
        let resume = b"Drove a tractor trailer\nValue stream mapping << Lean >> /Kaizen\nxref\n3 0 objectives met\n";
        assert_eq!(detect_format(resume, None), Detected::Text(Format::Text));
    }

    #[test]
    fn pdf_by_magic_whatever_the_name() {
        assert_eq!(
            detect_format(b"%PDF-1.7\n...", Some(Path::new("cv.docx"))),
            Detected::Pdf
        );
    }

    #[test]
    fn text_and_markdown_by_extension() {
        assert_eq!(
            detect_format(b"Jane Doe", Some(Path::new("a.md"))),
            Detected::Text(Format::Markdown)
        );
        assert_eq!(
            detect_format(b"Jane Doe", None),
            Detected::Text(Format::Text)
        );
    }

    #[test]
    fn json_resume_by_shape() {
        assert_eq!(
            detect_format(b" {\"basics\": {}}", None),
            Detected::JsonResume
        );
    }

    #[test]
    fn zips_by_members() {
        let odt =
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(
            detect_format(odt, Some(Path::new("cv.docx"))),
            Detected::Odt
        );
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
        assert_eq!(
            detect_format(docx, Some(Path::new("cv.bin"))),
            Detected::Docx
        );
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
        assert!(
            matches!(detect_format(xlsx, None), Detected::Unsupported(m) if m.contains("Excel"))
        );
    }

    #[test]
    fn ole_files() {
        let utf16 =
            |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
        let mut enc = OLE_MAGIC.to_vec();
        enc.extend(utf16("EncryptedPackage"));
        assert!(matches!(
            detect_format(&enc, Some(Path::new("a.docx"))),
            Detected::Encrypted(_)
        ));
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend(utf16("WordDocument"));
        assert!(
            matches!(detect_format(&doc, None), Detected::Unsupported(m) if m.contains("save it as DOCX or PDF"))
        );
    }

    #[test]
    fn html_by_content() {
        assert_eq!(detect_format(b"<!DOCTYPE html><p>x", None), Detected::Html);
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"";
        assert_eq!(
            detect_format(mht, Some(Path::new("cv.doc"))),
            Detected::Html
        );
        assert_eq!(
            detect_format(b"<head><title>x</title></head>", None),
            Detected::Html
        );
    }

    #[test]
    fn random_bytes_are_binary_whatever_the_name() {
        // A fixed xorshift sequence: about 11% C0 control bytes.
        let mut x: u32 = 2463534242;
        let bytes: Vec<u8> = (0..8192)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        for name in ["r.txt", "r.html", "r.json", "r.md", "r.docx"] {
            assert!(
                matches!(
                    detect_format(&bytes, Some(Path::new(name))),
                    Detected::Unsupported(_)
                ),
                "{name}"
            );
        }
        let utf16: Vec<u8> = "Production Technician\n"
            .repeat(20)
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(detect_format(&utf16, None), Detected::Text(Format::Text));
        let with_nuls = b"Production\0 Technician\0 with a few stray NULs in a long line".to_vec();
        assert_eq!(
            detect_format(&with_nuls, None),
            Detected::Text(Format::Text)
        );
    }

    #[test]
    fn images_are_read_with_ocr_and_others_are_unsupported() {
        assert_eq!(
            detect_format(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", None),
            Detected::Image(ImageKind::Png)
        );
        assert_eq!(
            detect_format(b"\xFF\xD8\xFF\xE0", Some(Path::new("scan.txt"))),
            Detected::Image(ImageKind::Jpeg)
        );
        assert_eq!(
            detect_format(b"MM\x00*\x00\x00\x00\x08", None),
            Detected::Image(ImageKind::Tiff)
        );
        // A PNG signature cut short is not an image OCR can read.
        assert!(matches!(
            detect_format(b"\x89PNG\r\n", None),
            Detected::Unsupported(_)
        ));
        assert!(matches!(
            detect_format(b"x", Some(Path::new("photo.png"))),
            Detected::Malformed(m) if m.contains(".png")
        ));
        assert!(matches!(
            detect_format(b"GIF89a", None),
            Detected::Unsupported(_)
        ));
    }
}
