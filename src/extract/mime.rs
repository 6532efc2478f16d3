//! MIME web archives (`.mht`, Word's "single file web page", DOCX alt chunks):
//! headers, multipart bodies and the quoted-printable and base64 transfer
//! encodings. A leaf module: HTML extraction, DOCX alt chunks and format
//! detection all read archives through it.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use memchr::memmem;

/// True for a MIME document (a web archive) rather than bare HTML.
pub(crate) fn is_mime(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 13 && head[..13].eq_ignore_ascii_case(b"mime-version:")
}

/// The first `text/html` part of a MIME document, transfer-decoded; a
/// single-part document's body when it has no boundary.
pub(crate) fn html_part(bytes: &[u8]) -> Option<Vec<u8>> {
    let (headers, body) = split_headers(bytes)?;
    let Some(boundary) = header_param(&headers, "boundary") else {
        return Some(transfer_decode(&headers, body));
    };
    let delimiter = format!("--{boundary}");
    let delimiter = memmem::Finder::new(delimiter.as_bytes());
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(at) = delimiter.find(rest) {
        rest = &rest[at + delimiter.needle().len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let end = delimiter.find(rest).unwrap_or(rest.len());
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
        memmem::find(bytes, b"\r\n\r\n"),
        memmem::find(bytes, b"\n\n"),
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

/// A header's value, lower-cased.
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

/// A part's body decoded by its Content-Transfer-Encoding (quoted-printable
/// or base64); any other encoding is taken as it is.
fn transfer_decode(headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    match header_value(headers, "content-transfer-encoding").as_deref() {
        Some("quoted-printable") => quoted_printable(body),
        Some("base64") => base64(body),
        _ => body.to_vec(),
    }
}

/// Decodes quoted-printable: `=XX` escapes, `=` at a line end joins lines;
/// a malformed escape is kept as it is.
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

/// Decodes base64 leniently, as mail readers do: line breaks, padding and
/// any byte outside the alphabet are ignored, the URL-safe `-` and `_` are
/// read as `+` and `/`, and a dangling last symbol is dropped.
fn base64(b: &[u8]) -> Vec<u8> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let mut symbols: Vec<u8> = b
        .iter()
        .filter_map(|&c| match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => Some(c),
            b'-' => Some(b'+'),
            b'_' => Some(b'/'),
            _ => None,
        })
        .collect();
    // Four symbols make three bytes; one left over carries less than a byte.
    if symbols.len() % 4 == 1 {
        symbols.pop();
    }
    LENIENT.decode(&symbols).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_html_part_quoted_printable() {
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n    type=\"text/html\";\r\n    boundary=\"----=mhtDocumentPart\"\r\n\r\n\r\n------=mhtDocumentPart\r\nContent-Type: text/css\r\n\r\np{}\r\n------=mhtDocumentPart\r\nContent-Type: text/html;\r\n    charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Experi=\r\nence =E2=80=93 12% =ZZ</p>\r\n------=mhtDocumentPart--\r\n";
        assert!(is_mime(mht));
        assert_eq!(
            html_part(mht).unwrap(),
            "<p>Experience – 12% =ZZ</p>\r\n".as_bytes()
        );
    }

    #[test]
    fn single_part_base64() {
        let mht = b"MIME-Version: 1.0\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\nPHA+SmFu\nZTwvcD4=\n";
        assert_eq!(html_part(mht).unwrap(), b"<p>Jane</p>");
    }

    #[test]
    fn no_html_part() {
        let mht = b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=B\n\n--B\nContent-Type: image/png\n\nxx\n--B--\n";
        assert_eq!(html_part(mht), None);
        assert_eq!(html_part(b"MIME-Version: 1.0"), None);
    }

    #[test]
    fn base64_is_lenient() {
        assert_eq!(base64(b"SmFu\r\nZSBE b2U="), b"Jane Doe");
        // URL-safe symbols, padding in the middle, a dangling symbol.
        assert_eq!(base64(b"-_8="), [0xfb, 0xff]);
        assert_eq!(base64(b"Sm=Fu!Z"), b"Jan");
        assert_eq!(base64(b"S"), b"");
        assert_eq!(base64(b"SmE"), b"Ja");
        assert_eq!(base64(b"SmFuZQ"), b"Jane");
    }
}
