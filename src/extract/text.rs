//! Plain text and Markdown: encoding detection and line splitting.
//!
//! Encodings: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is
//! UTF-8, BOM-less UTF-16 is recognised by its NUL pattern, and anything else
//! is decoded as Windows-1252 (a superset of ISO-8859-1 for printable text).
//! Invalid sequences become U+FFFD; nothing here can panic on bad bytes.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::FileError;
use crate::extract::Limits;
use crate::extract::{Document, Format, LineHint, RawLine};

/// Extracts a plain-text or Markdown document.
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, FileError> {
    let (text, encoding) = decode(bytes);
    let mut warnings = Vec::new();
    if encoding != UTF_8 {
        warnings.push(format!("decoded as {}", encoding.name()));
    }
    let text = cut_to_budget(&text, limits.max_text_bytes, &mut warnings);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls > 0 {
        // Compared with characters, not bytes: decoded legacy bytes take
        // two or three UTF-8 bytes each and would dilute the ratio.
        if controls * 10 > text.chars().count().max(1) {
            return Err(FileError::unsupported(
                "binary content (mostly control bytes), not a text resume",
            ));
        }
        warnings.push(format!("{controls} control characters removed"));
    }
    let lines = split_lines(text, format);
    Ok(Document::new(format, lines, warnings))
}

/// Decodes bytes to text, returning the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8);
    }
    // Mostly UTF-8 with a few bad bytes stays UTF-8; otherwise a legacy code page.
    let valid_prefix = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let has_multibyte = bytes[..valid_prefix].iter().any(|&b| b >= 0x80);
    if has_multibyte {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return (text.into_owned(), UTF_8);
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), WINDOWS_1252)
}

/// BOM-less UTF-16: ASCII text has a NUL in every other byte.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 7 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 7 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn cut_to_budget<'a>(text: &'a str, max: usize, warnings: &mut Vec<String>) -> &'a str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    warnings.push(format!(
        "text cut to the first {max} bytes (resource limit)"
    ));
    &text[..end]
}

/// Splits on `\n`, `\r\n`, lone `\r`; a form feed starts a new page. Markdown
/// headings (`#`) and list items are marked, and their markers stripped.
fn split_lines(text: &str, format: Format) -> Vec<RawLine> {
    let mut lines = Vec::new();
    let mut page: Option<u32> = None;
    let mut markdown = MarkdownState::default();
    for (i, chunk) in text.split('\u{c}').enumerate() {
        if i > 0 {
            page = Some(page.unwrap_or(1) + 1);
        }
        for raw in chunk.split('\n') {
            for part in raw
                .split('\r')
                .filter(|p| !p.is_empty() || !raw.contains('\r'))
            {
                let clean: String = part
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\t')
                    .collect();
                let mut line = RawLine {
                    page,
                    ..RawLine::default()
                };
                if format == Format::Markdown {
                    let clean = markdown.visible(&clean);
                    let (text, hint) = strip_markdown(&clean);
                    line.text = text;
                    line.hint = hint;
                } else {
                    line.text = clean;
                }
                lines.push(line);
            }
        }
    }
    if text.contains('\u{c}') && page.is_some() {
        // The first page was unnumbered until we knew there were pages.
        for l in lines.iter_mut() {
            if l.page.is_none() {
                l.page = Some(1);
            }
        }
    }
    if lines.last().is_some_and(|l| l.text.is_empty()) {
        lines.pop();
    }
    lines
}

/// What a Markdown file hides across lines: a YAML front matter block (`---`
/// on the first line to the next `---`: page metadata, not text) and HTML
/// comments (`<!--StartFragment-->` left by an editor). Hidden lines stay,
/// empty, so line numbers keep pointing at the file.
#[derive(Default)]
struct MarkdownState {
    lines_seen: usize,
    in_front_matter: bool,
    in_comment: bool,
}

impl MarkdownState {
    fn visible(&mut self, line: &str) -> String {
        self.lines_seen += 1;
        if self.lines_seen == 1 && line.trim_end() == "---" {
            self.in_front_matter = true;
            return String::new();
        }
        if self.in_front_matter {
            if matches!(line.trim_end(), "---" | "...") {
                self.in_front_matter = false;
            }
            return String::new();
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        loop {
            if self.in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        self.in_comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        out.push_str(&rest[..start]);
                        self.in_comment = true;
                        rest = &rest[start + 4..];
                    }
                    None => {
                        out.push_str(rest);
                        break;
                    }
                }
            }
        }
        out
    }
}

/// Removes Markdown syntax that would hide words: heading hashes, emphasis
/// markers (`**bold**`, `*italic*`), backslash escapes (`\- item`, which
/// some editors write for a list item), link targets. List markers become a
/// bullet.
fn strip_markdown(line: &str) -> (String, LineHint) {
    let trimmed = line.trim_start();
    // An escaped list marker ("\- Works with …") is a list item all the same.
    let trimmed = match trimmed.strip_prefix('\\') {
        Some(rest) if ["- ", "* ", "+ "].iter().any(|m| rest.starts_with(m)) => rest,
        _ => trimmed,
    };
    let mut hint = LineHint::None;
    let mut body = trimmed;
    if let Some(rest) = trimmed.strip_prefix('#') {
        hint = LineHint::Heading;
        body = rest.trim_start_matches('#').trim_start();
    }
    let mut text = String::with_capacity(body.len());
    if hint == LineHint::None {
        for marker in ["- ", "* ", "+ "] {
            if let Some(rest) = body.strip_prefix(marker) {
                hint = LineHint::ListItem;
                text.push_str("• ");
                body = rest;
                break;
            }
        }
    }
    // [label](url) → label; drop emphasis and code markers.
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
            }
            // A lone `*` is emphasis in Markdown prose ("*Acme is an equal
            // opportunity employer.*").
            '*' => {}
            // A backslash escapes the punctuation after it; alone at the end
            // it is a hard line break.
            '\\' if chars.peek().is_none_or(|d| d.is_ascii_punctuation()) => {}
            '`' => {}
            ']' if chars.peek() == Some(&'(') => {
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            _ => text.push(c),
        }
    }
    (text, hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8]) -> Vec<String> {
        let doc = extract(bytes, Format::Text, &Limits::default()).unwrap();
        doc.lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(lines_of("Müller\nCPT".as_bytes()), ["Müller", "CPT"]);
        assert_eq!(
            lines_of(b"\xEF\xBB\xBFM\xC3\xBCller\r\nCPT\r\n"),
            ["Müller", "CPT"]
        );
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Müller\nCPT".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Müller\nCPT".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(lines_of(&le), ["Müller", "CPT"]);
        assert_eq!(lines_of(&be), ["Müller", "CPT"]);
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let le: Vec<u8> = "Production Technician\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(lines_of(&le), ["Production Technician"]);
    }

    #[test]
    fn windows_1252_and_latin1() {
        // "Müller – résumé" in Windows-1252 (0x96 is an en dash there).
        assert_eq!(
            lines_of(b"M\xfcller \x96 r\xe9sum\xe9"),
            ["Müller – résumé"]
        );
    }

    #[test]
    fn invalid_bytes_never_panic() {
        let doc = extract(
            b"ok \xC3\x28 \xFF\xFE\xFD",
            Format::Text,
            &Limits::default(),
        );
        assert!(doc.is_ok());
    }

    #[test]
    fn nul_heavy_bytes_are_unsupported() {
        let bytes = [0u8, 1, 2, 3, 0, 0, 5, 6, 7, 0, 0, 0, 9, 8, 0, 1, 0, 0, 0, 3];
        assert!(extract(&bytes, Format::Text, &Limits::default()).is_err());
    }

    #[test]
    fn form_feed_starts_a_page() {
        let doc = extract(b"one\ntwo\x0cthree", Format::Text, &Limits::default()).unwrap();
        let pages: Vec<_> = doc.lines.iter().map(|l| (l.page, l.number)).collect();
        assert_eq!(pages, [(Some(1), 1), (Some(1), 2), (Some(2), 1)]);
    }

    #[test]
    fn markdown_markers_are_stripped() {
        let doc = extract(
            b"## Experience\n- **Reduced** scrap by [12%](http://x)",
            Format::Markdown,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(doc.lines[0].text, "Experience");
        assert_eq!(doc.lines[0].hint, LineHint::Heading);
        assert_eq!(doc.lines[1].text, "• Reduced scrap by 12%");
        assert_eq!(doc.lines[1].hint, LineHint::ListItem);
    }

    #[test]
    fn markdown_front_matter_comments_and_escapes_are_hidden() {
        let doc = extract(
            b"---\ntitle: Job\nactive: true\n---\n<!--StartFragment-->\n*Acme is hiring.* <!-- note\nstill a note -->Now\n\\- Works with teams\\\n<!--EndFragment-->",
            Format::Markdown,
            &Limits::default(),
        )
        .unwrap();
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "",
                "",
                "",
                "",
                "",
                "Acme is hiring.",
                "Now",
                "• Works with teams"
            ]
        );
        assert_eq!(doc.lines[7].hint, LineHint::ListItem);
    }
}
