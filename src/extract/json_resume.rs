//! JSON Resume (jsonresume.org schema) → lines that read like a resume.
//!
//! `basics` gives the name, label, contact lines and summary; every other
//! section gets an upper-case heading line (`EXPERIENCE`, `EDUCATION`,
//! `CERTIFICATIONS`, `SKILLS`, …) marked [`LineHint::Heading`]. A work entry
//! becomes a header line `Position, Company | 2019-01 – Present` (dates as
//! `YYYY-MM`, `– Present` when there is no end date) followed by its summary
//! and one `• ` item per highlight. Every line's `locator` is its JSON path
//! (`work[0].highlights[2]`) so evidence can point into the file.
//!
//! Nesting is checked before parsing (deeper than `Limits::max_depth` is a
//! `limit` error); invalid JSON is `malformed`; JSON of another shape is
//! `unsupported`.

use serde_json::{Map, Value};

use crate::error::FileError;
use crate::extract::Limits;
use crate::extract::{Document, Format, LineHint, RawLine};

/// Top-level keys of the JSON Resume schema (one is needed to accept a file).
const SECTIONS: &[&str] = &[
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
];

/// Extracts a JSON Resume document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let depth = max_depth(bytes);
    if depth > limits.max_depth.min(120) {
        return Err(FileError::limit(format!(
            "the JSON nests {depth} levels deep (limit {})",
            limits.max_depth.min(120)
        )));
    }
    limits.check_deadline()?;
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            FileError::limit(format!("the JSON nests too deeply: {e}"))
        } else {
            FileError::malformed(format!("not valid JSON: {e}"))
        }
    })?;
    let Value::Object(root) = value else {
        return Err(FileError::unsupported(
            "JSON that is not a JSON Resume (jsonresume.org) object",
        ));
    };
    if !SECTIONS.iter().any(|k| root.contains_key(*k)) {
        return Err(FileError::unsupported(
            "JSON without any JSON Resume section (basics, work, education, skills…); not a resume rolefit reads",
        ));
    }
    let mut out = Out::new(limits.max_text_bytes);
    basics(&root, &mut out);
    dated_entries(
        &root,
        "work",
        "EXPERIENCE",
        &["position"],
        &["name", "company"],
        &mut out,
    );
    education(&root, &mut out);
    certificates(&root, &mut out);
    skills(&root, &mut out);
    dated_entries(
        &root,
        "projects",
        "PROJECTS",
        &["name"],
        &["entity"],
        &mut out,
    );
    dated_entries(
        &root,
        "volunteer",
        "VOLUNTEER",
        &["position"],
        &["organization"],
        &mut out,
    );
    awards(&root, &mut out);
    publications(&root, &mut out);
    pairs(
        &root,
        "languages",
        "LANGUAGES",
        &["language", "name"],
        "fluency",
        &mut out,
    );
    interests(&root, &mut out);
    pairs(
        &root,
        "references",
        "REFERENCES",
        &["name"],
        "reference",
        &mut out,
    );
    let mut warnings = Vec::new();
    if out.truncated {
        warnings.push(format!(
            "text cut to the first {} bytes (resource limit)",
            limits.max_text_bytes
        ));
    }
    Ok(Document::new(Format::JsonResume, out.lines, warnings))
}

/// Deepest nesting of arrays and objects, strings skipped.
fn max_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

struct Out {
    lines: Vec<RawLine>,
    bytes: usize,
    max: usize,
    truncated: bool,
}

impl Out {
    fn new(max: usize) -> Out {
        Out {
            lines: Vec::new(),
            bytes: 0,
            max,
            truncated: false,
        }
    }

    fn push(&mut self, text: String, hint: LineHint, locator: String) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        if self.bytes + text.len() > self.max {
            self.truncated = true;
            return;
        }
        self.bytes += text.len();
        self.lines.push(RawLine {
            page: None,
            text,
            hint,
            locator: Some(locator),
            ..RawLine::default()
        });
    }

    /// A multi-line text value: one line per non-empty line.
    fn para(&mut self, text: &str, locator: &str) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            self.push(line.to_string(), LineHint::None, locator.to_string());
        }
    }

    fn heading(&mut self, title: &str, locator: &str) {
        if !self.lines.is_empty() {
            self.lines.push(RawLine::plain(""));
        }
        self.push(title.to_string(), LineHint::Heading, locator.to_string());
    }

    /// `Label: a, b, c` from a string array `key` of `obj`, if it has any.
    fn list(&mut self, label: &str, obj: &Map<String, Value>, key: &str, at: &str) {
        let values: Vec<&str> = strings(obj, key).into_iter().map(|(_, v)| v).collect();
        if !values.is_empty() {
            self.push(
                format!("{label}: {}", values.join(", ")),
                LineHint::None,
                format!("{at}.{key}"),
            );
        }
    }

    fn item(&mut self, text: &str, locator: String) {
        self.push(format!("• {}", text.trim()), LineHint::ListItem, locator);
    }
}

/// A string field (numbers are written out; anything else is absent).
fn s<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    match obj.get(key)? {
        Value::String(v) if !v.trim().is_empty() => Some(std::borrow::Cow::Borrowed(v.trim())),
        Value::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
        _ => None,
    }
}

fn first<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<std::borrow::Cow<'a, str>> {
    keys.iter().find_map(|k| s(obj, k))
}

/// The objects of a top-level array section.
fn entries<'a>(root: &'a Map<String, Value>, key: &str) -> Vec<(usize, &'a Map<String, Value>)> {
    match root.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_object().map(|o| (i, o)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The strings of an array field.
fn strings<'a>(obj: &'a Map<String, Value>, key: &str) -> Vec<(usize, &'a str)> {
    match obj.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.as_str()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| (i, t))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `2019-01-15` → `2019-01`; `2019-01` and `2019` stay; other text is kept as written.
fn date(d: &str) -> String {
    let d = d.trim();
    let b = d.as_bytes();
    if b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
    {
        return d[..7].to_string();
    }
    d.to_string()
}

/// `2019-01 – 2020-06`, `2019-01 – Present`, or nothing without a start date.
fn range(obj: &Map<String, Value>, start_key: &str, end_key: &str) -> Option<String> {
    let start = s(obj, start_key)?;
    Some(match s(obj, end_key) {
        Some(end) => format!("{} – {}", date(&start), date(&end)),
        None => format!("{} – Present", date(&start)),
    })
}

fn basics(root: &Map<String, Value>, out: &mut Out) {
    let Some(b) = root.get("basics").and_then(Value::as_object) else {
        return;
    };
    for key in ["name", "label", "email", "phone", "url", "website"] {
        if let Some(v) = s(b, key) {
            out.push(v.into_owned(), LineHint::None, format!("basics.{key}"));
        }
    }
    if let Some(loc) = b.get("location").and_then(Value::as_object) {
        let parts: Vec<_> = ["address", "city", "region", "postalCode", "countryCode"]
            .iter()
            .filter_map(|k| s(loc, k))
            .collect();
        out.push(parts.join(", "), LineHint::None, "basics.location".into());
    }
    for (i, p) in entries_of(b, "profiles") {
        let text = match (s(p, "network"), first(p, &["url", "username"])) {
            (Some(n), Some(u)) => format!("{n}: {u}"),
            (Some(n), None) => n.into_owned(),
            (None, Some(u)) => u.into_owned(),
            (None, None) => continue,
        };
        out.push(text, LineHint::None, format!("basics.profiles[{i}]"));
    }
    if let Some(summary) = s(b, "summary") {
        out.heading("SUMMARY", "basics.summary");
        out.para(&summary, "basics.summary");
    }
}

fn entries_of<'a>(obj: &'a Map<String, Value>, key: &str) -> Vec<(usize, &'a Map<String, Value>)> {
    entries(obj, key)
}

/// Work, projects, volunteer: a header line, then summary/description and highlights.
fn dated_entries(
    root: &Map<String, Value>,
    key: &str,
    title: &str,
    what_keys: &[&str],
    where_keys: &[&str],
    out: &mut Out,
) {
    let items = entries(root, key);
    if items.is_empty() {
        return;
    }
    out.heading(title, key);
    for (i, e) in items {
        let at = format!("{key}[{i}]");
        let names: Vec<_> = [first(e, what_keys), first(e, where_keys)]
            .into_iter()
            .flatten()
            .collect();
        let mut header = names.join(", ");
        if let Some(r) = range(e, "startDate", "endDate") {
            if !header.is_empty() {
                header.push_str(" | ");
            }
            header.push_str(&r);
        }
        out.push(header, LineHint::None, at.clone());
        let location = match e.get("location") {
            Some(Value::String(l)) => Some(l.trim().to_string()),
            Some(Value::Object(l)) => Some(
                ["city", "region", "countryCode"]
                    .iter()
                    .filter_map(|k| s(l, k))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        };
        if let Some(l) = location {
            out.push(l, LineHint::None, format!("{at}.location"));
        }
        for field in ["description", "summary"] {
            if let Some(v) = s(e, field) {
                out.para(&v, &format!("{at}.{field}"));
            }
        }
        for (j, h) in strings(e, "highlights") {
            out.item(h, format!("{at}.highlights[{j}]"));
        }
        out.list("Roles", e, "roles", &at);
        out.list("Keywords", e, "keywords", &at);
    }
}

fn education(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "education");
    if items.is_empty() {
        return;
    }
    out.heading("EDUCATION", "education");
    for (i, e) in items {
        let at = format!("education[{i}]");
        let degree = match (s(e, "studyType"), s(e, "area")) {
            (Some(t), Some(a)) => Some(format!("{t} in {a}")),
            (Some(t), None) => Some(t.into_owned()),
            (None, Some(a)) => Some(a.into_owned()),
            (None, None) => None,
        };
        let mut header = [degree, s(e, "institution").map(|x| x.into_owned())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let dates = match (s(e, "startDate"), s(e, "endDate")) {
            (Some(_), _) => range(e, "startDate", "endDate"),
            (None, Some(end)) => Some(date(&end)),
            (None, None) => None,
        };
        if let Some(r) = dates {
            if !header.is_empty() {
                header.push_str(" | ");
            }
            header.push_str(&r);
        }
        out.push(header, LineHint::None, at.clone());
        if let Some(score) = first(e, &["score", "gpa"]) {
            out.push(
                format!("GPA: {score}"),
                LineHint::None,
                format!("{at}.score"),
            );
        }
        out.list("Courses", e, "courses", &at);
    }
}

fn certificates(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "certificates");
    if items.is_empty() {
        return;
    }
    out.heading("CERTIFICATIONS", "certificates");
    for (i, c) in items {
        let parts: Vec<String> = [s(c, "name"), s(c, "issuer")]
            .into_iter()
            .flatten()
            .map(|x| x.into_owned())
            .chain(s(c, "date").map(|d| date(&d)))
            .collect();
        out.push(
            parts.join(", "),
            LineHint::None,
            format!("certificates[{i}]"),
        );
    }
}

fn skills(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "skills");
    if items.is_empty() {
        return;
    }
    out.heading("SKILLS", "skills");
    for (i, sk) in items {
        let kws: Vec<_> = strings(sk, "keywords")
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        let text = match (s(sk, "name"), kws.is_empty()) {
            (Some(n), false) => format!("{n}: {}", kws.join(", ")),
            (Some(n), true) => n.into_owned(),
            (None, false) => kws.join(", "),
            (None, true) => continue,
        };
        out.push(text, LineHint::None, format!("skills[{i}]"));
    }
}

fn awards(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "awards");
    if items.is_empty() {
        return;
    }
    out.heading("AWARDS", "awards");
    for (i, a) in items {
        let parts: Vec<String> = [s(a, "title"), s(a, "awarder")]
            .into_iter()
            .flatten()
            .map(|x| x.into_owned())
            .chain(s(a, "date").map(|d| date(&d)))
            .collect();
        out.push(parts.join(", "), LineHint::None, format!("awards[{i}]"));
        if let Some(v) = s(a, "summary") {
            out.para(&v, &format!("awards[{i}].summary"));
        }
    }
}

fn publications(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "publications");
    if items.is_empty() {
        return;
    }
    out.heading("PUBLICATIONS", "publications");
    for (i, p) in items {
        let parts: Vec<String> = [s(p, "name"), s(p, "publisher")]
            .into_iter()
            .flatten()
            .map(|x| x.into_owned())
            .chain(s(p, "releaseDate").map(|d| date(&d)))
            .collect();
        out.push(
            parts.join(", "),
            LineHint::None,
            format!("publications[{i}]"),
        );
        if let Some(v) = s(p, "summary") {
            out.para(&v, &format!("publications[{i}].summary"));
        }
    }
}

/// Sections of "name: detail" lines (languages, references).
fn pairs(
    root: &Map<String, Value>,
    key: &str,
    title: &str,
    name_keys: &[&str],
    detail: &str,
    out: &mut Out,
) {
    let items = entries(root, key);
    if items.is_empty() {
        return;
    }
    out.heading(title, key);
    for (i, e) in items {
        let text = match (first(e, name_keys), s(e, detail)) {
            (Some(n), Some(d)) => format!("{n}: {d}"),
            (Some(n), None) => n.into_owned(),
            (None, Some(d)) => d.into_owned(),
            (None, None) => continue,
        };
        out.push(text, LineHint::None, format!("{key}[{i}]"));
    }
}

fn interests(root: &Map<String, Value>, out: &mut Out) {
    let items = entries(root, "interests");
    if items.is_empty() {
        return;
    }
    out.heading("INTERESTS", "interests");
    for (i, e) in items {
        let kws: Vec<_> = strings(e, "keywords").into_iter().map(|(_, k)| k).collect();
        let text = match (s(e, "name"), kws.is_empty()) {
            (Some(n), false) => format!("{n}: {}", kws.join(", ")),
            (Some(n), true) => n.into_owned(),
            (None, false) => kws.join(", "),
            (None, true) => continue,
        };
        out.push(text, LineHint::None, format!("interests[{i}]"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const RESUME: &str = r#"{
      "basics": {"name": "Jane Doe", "label": "Production Technician", "email": "jane@example.com",
                 "phone": "555-0100", "summary": "Eight years in SMT.\nLean certified.",
                 "location": {"city": "Austin", "region": "TX"},
                 "profiles": [{"network": "LinkedIn", "url": "https://linkedin.com/in/jane"}]},
      "work": [{"name": "Acme Corp", "position": "Production Technician", "startDate": "2019-01-15",
                "summary": "Ran two SMT lines.", "highlights": ["Cut scrap 12%", "Trained 6 operators"]},
               {"company": "Old Co", "position": "Operator", "startDate": "2015-03", "endDate": "2018-12"}],
      "education": [{"institution": "Austin CC", "area": "Electronics", "studyType": "AAS", "endDate": "2014-05"}],
      "certificates": [{"name": "IPC-A-610", "issuer": "IPC", "date": "2020-02-01"}],
      "skills": [{"name": "Equipment", "level": "Advanced", "keywords": ["PLC", "reflow ovens"]}]
    }"#;

    #[test]
    fn reads_like_a_resume() {
        let doc = extract(RESUME.as_bytes(), &Limits::default()).unwrap();
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Jane Doe",
                "Production Technician",
                "jane@example.com",
                "555-0100",
                "Austin, TX",
                "LinkedIn: https://linkedin.com/in/jane",
                "",
                "SUMMARY",
                "Eight years in SMT.",
                "Lean certified.",
                "",
                "EXPERIENCE",
                "Production Technician, Acme Corp | 2019-01 – Present",
                "Ran two SMT lines.",
                "• Cut scrap 12%",
                "• Trained 6 operators",
                "Operator, Old Co | 2015-03 – 2018-12",
                "",
                "EDUCATION",
                "AAS in Electronics, Austin CC | 2014-05",
                "",
                "CERTIFICATIONS",
                "IPC-A-610, IPC, 2020-02",
                "",
                "SKILLS",
                "Equipment: PLC, reflow ovens",
            ]
        );
        let find = |t: &str| doc.lines.iter().find(|l| l.text == t).unwrap();
        assert_eq!(find("EXPERIENCE").hint, LineHint::Heading);
        assert_eq!(find("• Trained 6 operators").hint, LineHint::ListItem);
        assert_eq!(
            find("• Trained 6 operators").locator.as_deref(),
            Some("work[0].highlights[1]")
        );
        assert_eq!(
            find("IPC-A-610, IPC, 2020-02").locator.as_deref(),
            Some("certificates[0]")
        );
    }

    #[test]
    fn deep_json_is_a_limit_error() {
        let deep = format!(
            "{{\"basics\":{}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(
            extract(deep.as_bytes(), &Limits::default())
                .unwrap_err()
                .kind,
            ErrorKind::Limit
        );
    }

    #[test]
    fn other_json_is_unsupported_and_bad_json_malformed() {
        let e = extract(br#"{"name": "pkg", "version": "1"}"#, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Unsupported);
        let e = extract(br#"[1, 2]"#, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Unsupported);
        let e = extract(br#"{"basics": {"name": "x"#, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
    }

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(max_depth(br#"{"a": "[[[{{\"]]", "b": [1]}"#), 2);
    }
}
