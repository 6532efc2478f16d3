//! `w:altChunk`: content Word imports when it opens the file, kept as a
//! separate part. Web resume builders export DOCX this way (an HTML page, often
//! wrapped as MHT with quoted-printable or base64 encoding). HTML and plain
//! text chunks are read; other kinds (RTF, nested DOCX) are skipped with a
//! warning.

use crate::error::FileError;
use crate::extract::{html, mime, text, Limits, RawLine};

/// Marks the place of an alt chunk among the body lines until it is replaced.
/// A Unicode noncharacter, so no document text can collide with it.
pub(super) const MARK: &str = "\u{FDD0}altChunk:";

/// Most alt chunks read from one document.
pub(super) const MAX_CHUNKS: usize = 64;

/// The lines of one alt chunk part.
pub(super) fn lines(
    bytes: &[u8],
    target: &str,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Vec<RawLine>, FileError> {
    let lower = target.to_ascii_lowercase();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let (body, kind) =
        if lower.ends_with(".mht") || lower.ends_with(".mhtml") || head.starts_with("mime-version")
        {
            match mime::html_part(bytes) {
                Some(html) => (html, Kind::Html),
                None => {
                    warnings.push(format!("embedded MHT part {target} has no HTML; skipped"));
                    return Ok(Vec::new());
                }
            }
        } else if lower.ends_with(".htm")
            || lower.ends_with(".html")
            || lower.ends_with(".xhtml")
            || head.contains("<html")
        {
            (bytes.to_vec(), Kind::Html)
        } else if lower.ends_with(".txt") {
            (bytes.to_vec(), Kind::Text)
        } else {
            warnings.push(format!(
                "embedded part {target} is not HTML or text; skipped"
            ));
            return Ok(Vec::new());
        };
    match kind {
        Kind::Html => {
            let (lines, w) = html::lines(&body, limits, false)?;
            warnings.extend(w);
            Ok(lines)
        }
        Kind::Text => {
            let (text, _) = text::decode(&body);
            Ok(text.lines().map(RawLine::plain).collect())
        }
    }
}

enum Kind {
    Html,
    Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mht_with_quoted_printable_html() {
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n    type=\"text/html\";\r\n    boundary=\"----=mhtDocumentPart\"\r\n\r\n\r\n------=mhtDocumentPart\r\nContent-Type: text/html;\r\n    charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: file:///C:/fake/document.html\r\n\r\n<!DOCTYPE html><html><body><h2>Experi=\r\nence</h2><ul><li>Cut scrap =E2=80=93 12%</li></ul></body></html>\r\n\r\n------=mhtDocumentPart--\r\n";
        let mut w = Vec::new();
        let lines = lines(mht, "word/afchunk.mht", &Limits::default(), &mut w).unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Experience", "• Cut scrap – 12%"]);
    }

    #[test]
    fn other_kinds_are_skipped_with_a_warning() {
        let mut w = Vec::new();
        assert!(
            lines(b"{\\rtf1 x}", "word/chunk.rtf", &Limits::default(), &mut w)
                .unwrap()
                .is_empty()
        );
        assert_eq!(w.len(), 1);
    }
}
