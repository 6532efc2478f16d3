//! `w:altChunk`: content Word imports when it opens the file, kept as a
//! separate part. Web resume builders export DOCX this way (an HTML page, often
//! wrapped as MHT with quoted-printable or base64 encoding). HTML and plain
//! text chunks are read; other kinds (RTF, nested DOCX) are skipped with a
//! warning.

use crate::error::FileError;
use crate::extract::Limits;
use crate::extract::RawLine;

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
            match mime_html(bytes) {
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
            let (lines, w) = crate::extract::html::lines(&body, limits, false)?;
            warnings.extend(w);
            Ok(lines)
        }
        Kind::Text => {
            let (text, _) = crate::extract::text::decode(&body);
            Ok(text.lines().map(RawLine::plain).collect())
        }
    }
}

enum Kind {
    Html,
    Text,
}

/// The first `text/html` part of a MIME (MHT) document, transfer-decoded.
pub(crate) fn mime_html(bytes: &[u8]) -> Option<Vec<u8>> {
    let (headers, body) = split_headers(bytes)?;
    let boundary = header_param(&headers, "boundary");
    let Some(boundary) = boundary else {
        return Some(transfer_decode(&headers, body));
    };
    let delimiter = format!("--{boundary}");
    let text = body;
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = crate::extract::detect::find(rest, delimiter.as_bytes()) {
        rest = &rest[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let end = crate::extract::detect::find(rest, delimiter.as_bytes()).unwrap_or(rest.len());
        parts.push(&rest[..end]);
        rest = &rest[end..];
    }
    for part in parts {
        let part = part
            .strip_prefix(b"\r\n")
            .or_else(|| part.strip_prefix(b"\n"))
            .unwrap_or(part);
        let Some((h, b)) = split_headers(part) else {
            continue;
        };
        let ctype = header_value(&h, "content-type").unwrap_or_default();
        if ctype.contains("text/html") {
            return Some(transfer_decode(&h, b));
        }
    }
    None
}

/// MIME headers: (lower-case name, value) pairs.
type Headers = Vec<(String, String)>;

/// Splits MIME headers (unfolded, lower-case names) from the body.
fn split_headers(bytes: &[u8]) -> Option<(Headers, &[u8])> {
    let (end, skip) = match (
        crate::extract::detect::find(bytes, b"\r\n\r\n"),
        crate::extract::detect::find(bytes, b"\n\n"),
    ) {
        (Some(a), Some(b)) if b < a => (b, 2),
        (Some(a), _) => (a, 4),
        (None, Some(b)) => (b, 2),
        (None, None) => return None,
    };
    let head = String::from_utf8_lossy(&bytes[..end]);
    let mut headers: Headers = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    Some((headers, &bytes[end + skip..]))
}

fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.to_ascii_lowercase())
}

/// A `name=value` or `name="value"` parameter of the Content-Type header.
fn header_param(headers: &[(String, String)], name: &str) -> Option<String> {
    let (_, v) = headers.iter().find(|(k, _)| k == "content-type")?;
    let lower = v.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &v[at..];
    let value = match rest.strip_prefix('"') {
        Some(r) => r.split('"').next().unwrap_or(""),
        None => rest.split([';', ' ']).next().unwrap_or(""),
    };
    (!value.is_empty()).then(|| value.to_string())
}

fn transfer_decode(headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    match header_value(headers, "content-transfer-encoding").as_deref() {
        Some("quoted-printable") => quoted_printable(body),
        Some("base64") => base64(body),
        _ => body.to_vec(),
    }
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if b[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn base64(b: &[u8]) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in b {
        let Some(v) = val(c) else {
            continue;
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
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
    fn base64_decodes() {
        assert_eq!(base64(b"SmFu\r\nZSBE b2U="), b"Jane Doe");
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
