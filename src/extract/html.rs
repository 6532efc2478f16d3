//! HTML extraction with html5ever, the browser-grade parser, into a small
//! arena tree ([`dom`]).
//!
//! Only visible text is kept: `script`, `style`, `template`, `noscript`,
//! `svg`, form controls, head-only elements met in the body (a stray
//! `title`) and elements marked `hidden` or `display:none` are left out, and
//! of the `head` only the `title` (as the first line). An element the parser
//! reads as raw text (`title`, `script`, `style`, …) that is never closed, or
//! a `title` holding markup (`<title/>` is not self-closing in HTML), would
//! take the rest of the page as its text: it is closed where it starts, with
//! a `repaired` warning ([`close_runaway_raw_text`]). Block
//! elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `section`, …) start lines and
//! `br` breaks one; `li` becomes a `• ` item and `h1`–`h6` a heading; table
//! rows follow the same rules as DOCX (see [`Flow`]). Entities are decoded by
//! the parser and white space is collapsed within a line.

use memchr::memmem;

use crate::error::FileError;
use crate::extract::flow::{collapse_ws, Flow, TableNote};
use crate::extract::{mime, Limits};
use crate::extract::{Document, Format, LineHint, RawLine};

mod dom;
use dom::{Data, Dom, NodeId};

/// Extracts an HTML document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let (lines, warnings, tables) = lines_and_tables(bytes, limits, true)?;
    let mut doc = Document::new(Format::Html, lines, warnings);
    doc.layout.layout_tables = tables.iter().map(|t| t.locate(&doc)).collect();
    Ok(doc)
}

/// The lines of an HTML page (with its title first when `with_title`), and
/// warnings. Also used for HTML embedded in other formats (DOCX alt chunks).
pub(crate) fn lines(
    bytes: &[u8],
    limits: &Limits,
    with_title: bool,
) -> Result<(Vec<RawLine>, Vec<String>), FileError> {
    lines_and_tables(bytes, limits, with_title).map(|(lines, warnings, _)| (lines, warnings))
}

/// Lines, warnings and the tables used for layout.
type LinesAndTables = (Vec<RawLine>, Vec<String>, Vec<TableNote>);

/// [`lines`], with the tables used for layout.
fn lines_and_tables(
    bytes: &[u8],
    limits: &Limits,
    with_title: bool,
) -> Result<LinesAndTables, FileError> {
    // A web archive (`.mht`, or Word's "single file web page" saved as `.doc`).
    let unwrapped;
    let bytes = if mime::is_mime(bytes) {
        unwrapped = mime::html_part(bytes)
            .ok_or_else(|| FileError::unsupported("a MIME web archive without an HTML part"))?;
        &unwrapped[..]
    } else {
        bytes
    };
    let (text, label) = decode(bytes);
    let mut warnings = Vec::new();
    if let Some(label) = label {
        warnings.push(format!("decoded as {label}"));
    }
    let (text, closed) = close_runaway_raw_text(&text);
    if let Some(first) = closed.first() {
        warnings.push(if closed.len() == 1 {
            format!("repaired: an unclosed <{first}> would have taken the rest of the page as its text; it was closed where it starts")
        } else {
            format!("repaired: {} unclosed elements (<{first}>, …) would have taken the rest of the page as their text; each was closed where it starts", closed.len())
        });
    }
    // The parser's cost grows with nesting depth; refuse absurd nesting before parsing.
    let nesting = estimated_nesting(text.as_bytes());
    if nesting > limits.max_depth.saturating_mul(4) {
        return Err(FileError::limit(format!(
            "the HTML nests about {nesting} elements deep (limit {})",
            limits.max_depth
        )));
    }
    limits.check_deadline()?;
    let html = Dom::parse(&text);
    limits.check_deadline()?;
    let mut flow = Flow::new(limits.max_text_bytes, true);
    if let Some(title) = title(&html).filter(|_| with_title) {
        flow.start_block(LineHint::None);
        flow.text(&title);
        flow.end_block();
    }
    walk(&html, &mut flow, limits)?;
    if flow.truncated() {
        warnings.push(format!(
            "text cut to the first {} bytes (resource limit)",
            limits.max_text_bytes
        ));
    }
    let (lines, tables) = flow.finish_with_tables();
    Ok((lines, warnings, tables))
}

/// Decodes HTML bytes: a BOM, else a `<meta charset>` in the first 1024
/// bytes, else UTF-8 or Windows-1252 as for plain text. Returns the name of
/// a non-UTF-8 encoding used.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if encoding_rs::Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        if let Some(enc) = meta_charset(&bytes[..bytes.len().min(1024)]) {
            let (text, _, _) = enc.decode(bytes);
            return (text.into_owned(), Some(enc.name()));
        }
    }
    let (text, enc) = super::text::decode(bytes);
    let label = (enc != encoding_rs::UTF_8).then(|| enc.name());
    (text, label)
}

fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let pos = memmem::find(&lower, b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

/// A cheap upper estimate of element nesting from the tags alone: start tags
/// of elements that need an end tag open a level, end tags close one.
/// Comments and `script`/`style` content are skipped.
fn estimated_nesting(b: &[u8]) -> usize {
    const NO_END: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
        "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "param", "html", "head", "body",
    ];
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = match memmem::find(&b[i..], b"-->") {
                Some(e) => i + e + 3,
                None => return max,
            };
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let tag = &b[start..start + len];
        let end = match memchr::memchr(b'>', &b[start..]) {
            Some(e) => start + e,
            None => return max,
        };
        i = end + 1;
        if NO_END
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(tag))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if b[end - 1] != b'/' {
            if let Some(raw_text) = ["script", "style"]
                .into_iter()
                .find(|n| n.as_bytes().eq_ignore_ascii_case(tag))
            {
                i = match find_end_tag(&b[i..], raw_text) {
                    Some(e) => i + e,
                    None => return max,
                };
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Elements whose content the HTML parser reads as raw text, up to the
/// first end tag of the same name.
const RAW_TEXT: &[&str] = &[
    "title", "textarea", "style", "script", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Raw-text elements closed by [`close_runaway_raw_text`] at most; past
/// that the page is read as the parser sees it.
const MAX_RUNAWAY: usize = 64;

/// Closes the raw-text elements that would take the rest of the page as
/// their text: one never closed (`<script src=x />`, `<title/>`: a slash
/// does not close an HTML element), or a `title` whose text holds markup
/// (closed only by a later `</title>`). Browsers show nothing of such a page
/// after that point; rolefit reads it as the HTML it was meant to be, by
/// inserting the end tag right after the start tag. Returns the source
/// (unchanged when nothing runs away) and the names of the elements closed.
fn close_runaway_raw_text(src: &str) -> (std::borrow::Cow<'_, str>, Vec<&'static str>) {
    let b = src.as_bytes();
    let lower = b.to_ascii_lowercase();
    let mut inserts: Vec<(usize, &'static str)> = Vec::new();
    // Per raw-text name: (searched from, first end tag at or after it).
    let mut ends: Vec<Option<(usize, Option<usize>)>> = vec![None; RAW_TEXT.len()];
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if lower[i..].starts_with(b"!--") {
            match memmem::find(&lower[i + 3..], b"-->") {
                Some(e) => i += 3 + e + 3,
                None => break,
            }
            continue;
        }
        let len = lower[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let Some(k) = RAW_TEXT
            .iter()
            .position(|n| len > 0 && n.as_bytes() == &lower[i..i + len])
        else {
            continue;
        };
        let Some(gt) = start_tag_end(b, i + len) else {
            break;
        };
        let content = gt + 1;
        let end = match ends[k] {
            Some((from, found)) if from <= content && found.is_none_or(|e| e >= content) => found,
            _ => {
                let found = find_raw_text_end(&lower[content..], RAW_TEXT[k]).map(|e| content + e);
                ends[k] = Some((content, found));
                found
            }
        };
        let runaway = match end {
            None => true,
            Some(e) => RAW_TEXT[k] == "title" && holds_markup(&b[content..e]),
        };
        if runaway && inserts.len() < MAX_RUNAWAY {
            inserts.push((content, RAW_TEXT[k]));
            i = content;
        } else {
            // The content is text to the parser, not markup: skip it.
            i = end.unwrap_or(b.len());
        }
    }
    if inserts.is_empty() {
        return (std::borrow::Cow::Borrowed(src), Vec::new());
    }
    let mut out = String::with_capacity(src.len() + inserts.len() * 12);
    let mut at = 0;
    for (pos, name) in &inserts {
        out.push_str(&src[at..*pos]);
        out.push_str("</");
        out.push_str(name);
        out.push('>');
        at = *pos;
    }
    out.push_str(&src[at..]);
    (
        std::borrow::Cow::Owned(out),
        inserts.into_iter().map(|(_, n)| n).collect(),
    )
}

/// The offset of the `>` ending a start tag whose name ends at `from`
/// (quoted attribute values may hold `>`), or `None` at the end of input.
fn start_tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (j, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return Some(j),
            None if (c == b'"' || c == b'\'') && after_equals => quote = Some(c),
            None => {}
        }
        if !c.is_ascii_whitespace() {
            after_equals = c == b'=';
        }
    }
    None
}

/// The offset of the end tag `</name` (followed by white space, `/` or `>`)
/// that ends a raw-text element, in lower-cased `b`.
fn find_raw_text_end(b: &[u8], name: &str) -> Option<usize> {
    memmem::find_iter(b, b"</").find(|&at| {
        let rest = &b[at + 2..];
        rest.starts_with(name.as_bytes())
            && rest
                .get(name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
    })
}

/// Text holding a tag, an end tag or a comment.
fn holds_markup(b: &[u8]) -> bool {
    memchr::memchr_iter(b'<', b).any(|at| {
        b.get(at + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!')
    })
}

/// The offset of the first `</name` in `b`, ASCII case ignored.
fn find_end_tag(b: &[u8], name: &str) -> Option<usize> {
    memmem::find_iter(b, b"</").find(|&at| {
        b[at + 2..]
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// The document title, if any.
fn title(html: &Dom) -> Option<String> {
    for node in html.descendants(html.root()) {
        if let Data::Element { name, .. } = html.data(node) {
            if &*name.local == "body" {
                return None;
            }
            if &*name.local == "title" {
                let text: String = html
                    .children(node)
                    .filter_map(|c| match html.data(c) {
                        Data::Text(t) => Some(&**t),
                        _ => None,
                    })
                    .collect();
                let text = collapse_ws(&text);
                return (!text.is_empty()).then_some(text);
            }
        }
    }
    None
}

/// Elements whose content is never shown (a `title` met in the body
/// included: browsers do not display it).
fn invisible(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "title"
            | "noembed"
            | "noframes"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "select"
            | "datalist"
            | "option"
            | "textarea"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "map"
            | "button"
            | "input"
            | "rp"
    )
}

/// Elements that start and end a line.
fn block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "address"
            | "figure"
            | "figcaption"
            | "hr"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "caption"
            | "body"
            | "html"
            | "center"
            | "menu"
            | "hgroup"
            | "label"
    )
}

/// Marked hidden: the `hidden` attribute, an `aria-hidden` icon, or an
/// inline style that hides it.
fn hidden(name: &str, attrs: &[html5ever::Attribute]) -> bool {
    if dom::attr(attrs, "hidden").is_some() {
        return true;
    }
    if dom::attr(attrs, "aria-hidden").is_some_and(|v| v == "true") && name == "span" {
        // Icon fonts (`<span aria-hidden="true" class="fa …">`) carry no words.
        return true;
    }
    dom::attr(attrs, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Walks the tree depth-first without recursion.
fn walk(html: &Dom, flow: &mut Flow, limits: &Limits) -> Result<(), FileError> {
    let root = html.root();
    let mut node = root;
    let mut depth = 0usize;
    let mut pre = 0usize;
    let mut steps = 0u64;
    loop {
        steps += 1;
        if steps.is_multiple_of(4096) {
            limits.check_deadline()?;
        }
        // Open the node; descend if it has visible children.
        let descend = match html.data(node) {
            Data::Text(t) => {
                if pre > 0 {
                    for (i, part) in t.split('\n').enumerate() {
                        if i > 0 {
                            flow.line_break();
                        }
                        flow.text(part);
                    }
                } else {
                    flow.text(t);
                }
                false
            }
            Data::Element { name, attrs } => {
                let name = &*name.local;
                if invisible(name) || hidden(name, attrs) {
                    false
                } else {
                    open(name, flow);
                    if name == "pre" {
                        pre += 1;
                    }
                    true
                }
            }
            Data::Document | Data::Fragment => true,
            Data::Other => false,
        };
        if descend {
            if let Some(child) = html.first_child(node) {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(FileError::limit(format!(
                        "the HTML nests deeper than {} levels",
                        limits.max_depth
                    )));
                }
                node = child;
                continue;
            }
            close(html, node, flow, &mut pre);
        }
        // Move to the next sibling, closing finished parents.
        loop {
            if let Some(next) = html.next_sibling(node) {
                node = next;
                break;
            }
            let Some(parent) = html.parent(node) else {
                return Ok(());
            };
            depth = depth.saturating_sub(1);
            close(html, parent, flow, &mut pre);
            if parent == root {
                return Ok(());
            }
            node = parent;
        }
    }
}

fn open(name: &str, flow: &mut Flow) {
    match name {
        "li" => flow.start_block(LineHint::ListItem),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => flow.start_block(LineHint::Heading),
        "br" => flow.line_break(),
        "table" => flow.start_table(),
        "tr" => flow.start_row(),
        "td" | "th" => flow.start_cell(),
        n if block(n) => flow.start_block(LineHint::None),
        _ => {}
    }
}

fn close(html: &Dom, node: NodeId, flow: &mut Flow, pre: &mut usize) {
    let Data::Element { name, .. } = html.data(node) else {
        return;
    };
    match &*name.local {
        "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => flow.end_block(),
        "table" => flow.end_table(),
        "tr" => flow.end_row(),
        "td" | "th" => flow.end_cell(),
        "pre" => {
            *pre = pre.saturating_sub(1);
            flow.end_block();
        }
        n if block(n) => flow.end_block(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn lines(html: &str) -> Vec<(String, LineHint)> {
        extract(html.as_bytes(), &Limits::default())
            .unwrap()
            .lines
            .into_iter()
            .map(|l| (l.text, l.hint))
            .collect()
    }

    fn texts(html: &str) -> Vec<String> {
        lines(html).into_iter().map(|l| l.0).collect()
    }

    #[test]
    fn visible_text_blocks_and_hints() {
        let got = lines(
            r#"<!doctype html><html><head><title>Jane Doe – Resume</title><style>p{color:red}</style><script>var x = "secret";</script></head>
            <body><h1>Jane   Doe</h1><p>Production&nbsp;Technician &amp; <b>Lean</b>
            Six Sigma</p><noscript>enable js</noscript><div hidden>hidden</div><span style="display: none">gone</span>
            <h2>Skills</h2><ul><li><p>PLC programming</p></li><li>SMT<br>reflow</li></ul>
            <table><tr><td>Acme Corp</td><td>2019 – 2021</td></tr></table><template><p>tpl</p></template></body></html>"#,
        );
        let want = [
            ("Jane Doe – Resume", LineHint::None),
            ("Jane Doe", LineHint::Heading),
            ("Production Technician & Lean Six Sigma", LineHint::None),
            ("Skills", LineHint::Heading),
            ("• PLC programming", LineHint::ListItem),
            ("• SMT", LineHint::ListItem),
            ("reflow", LineHint::None),
            ("Acme Corp | 2019 – 2021", LineHint::None),
        ];
        let want: Vec<(String, LineHint)> = want.iter().map(|(t, h)| (t.to_string(), *h)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn nested_lists_and_inline_runs() {
        assert_eq!(
            texts("<ul><li>Outer<ul><li>Inner</li></ul></li></ul><p>a<span>b</span> c</p>"),
            ["• Outer", "• Inner", "ab c"]
        );
    }

    #[test]
    fn web_archives_are_unwrapped() {
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>Lean Six Sigma =E2=80=93 Green Belt</p></body></html>\r\n--B--\r\n";
        assert_eq!(
            texts(std::str::from_utf8(mht).unwrap()),
            ["Lean Six Sigma – Green Belt"]
        );
    }

    #[test]
    fn legacy_charset_from_meta() {
        let bytes = b"<html><head><meta charset=\"windows-1252\"></head><body><p>M\xfcller \x96 CPT</p></body></html>";
        let doc = extract(bytes, &Limits::default()).unwrap();
        assert_eq!(doc.lines[0].text, "Müller – CPT");
    }

    #[test]
    fn a_stray_title_never_turns_the_page_into_text() {
        let page = |stray: &str| {
            format!("<html><head><title>Jane Doe</title></head><body><h1>Jane Doe</h1>{stray}<p>Production Technician</p><h2>Skills</h2><ul><li>PLC</li></ul></body></html>")
        };
        let want = [
            "Jane Doe",
            "Jane Doe",
            "Production Technician",
            "Skills",
            "• PLC",
        ];
        for stray in [
            "<title/>",
            "<title>",
            "<TITLE class=\"x>y\">",
            "<title>Stray</title>",
        ] {
            let doc = extract(page(stray).as_bytes(), &Limits::default()).unwrap();
            let got: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(got, want, "{stray}");
            let closed = doc.warnings.iter().any(|w| w.contains("unclosed <title>"));
            assert_eq!(
                closed,
                stray != "<title>Stray</title>",
                "{stray}: {:?}",
                doc.warnings
            );
        }
        // `<title/>` in the head: the page is still read, and has no title.
        assert_eq!(
            texts("<html><head><title/><meta charset=utf-8></head><body><p>Production Technician</p></body></html>"),
            ["Production Technician"]
        );
        // A title closed only by a later `</title>`: what lies between is markup.
        assert_eq!(
            texts("<head><title/></head><body><p>Lean Six Sigma</p><title>Resume</title><p>PLC</p></body>"),
            ["Lean Six Sigma", "PLC"]
        );
    }

    #[test]
    fn unclosed_scripts_and_styles_do_not_hide_the_rest() {
        for tag in ["<script src=\"x.js\"/>", "<style/>", "<noscript>", "<xmp>"] {
            let html =
                format!("<html><head>{tag}</head><body><p>Six Sigma Green Belt</p></body></html>");
            let doc = extract(html.as_bytes(), &Limits::default()).unwrap();
            let got: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(got, ["Six Sigma Green Belt"], "{tag}");
            assert_eq!(doc.warnings.len(), 1, "{tag}: {:?}", doc.warnings);
        }
        // Closed ones are left alone, whatever their text holds.
        let fine = "<script>document.write('<p>x</p>')</script><style>p{}</style><p>PLC</p><!-- <title> -->";
        let doc = extract(fine.as_bytes(), &Limits::default()).unwrap();
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(doc.lines[0].text, "PLC");
    }

    #[test]
    fn runaway_scan_is_linear() {
        // Many unclosed titles and many closed scripts: one pass each.
        let mut html = "<title>".repeat(50_000);
        html.push_str(&"<script>x</script>".repeat(50_000));
        let t = std::time::Instant::now();
        let (out, closed) = close_runaway_raw_text(&html);
        assert_eq!(closed.len(), MAX_RUNAWAY);
        assert!(out.len() > html.len());
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(100_000) + "deep";
        let t = std::time::Instant::now();
        let e = extract(html.as_bytes(), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Limit);
        assert!(t.elapsed().as_secs() < 2);
        // Ordinary nesting is fine, and script text does not count.
        let ok = format!(
            "{}<script>{}</script>deep",
            "<div>".repeat(200),
            "<div>".repeat(5000)
        );
        assert!(extract(ok.as_bytes(), &Limits::default())
            .unwrap()
            .plain_text()
            .contains("deep"));
        assert_eq!(
            estimated_nesting(b"<div><p>a<p>b<br><img src=x/></div><!-- <div> -->"),
            1
        );
        // Tag names in any case; what a style or script holds is not markup.
        assert_eq!(
            estimated_nesting(b"<DIV><Div><BR><STYLE><div><div><div></style>"),
            2
        );
    }
}
