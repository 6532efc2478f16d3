//! Did a rendering keep its source? (`check RENDERED --source resume.json`)
//!
//! A JSON Resume source names the facts a rendering must carry: each work
//! entry's position, company and dates, each education entry, each
//! certificate, each skill. Every fact is looked for in the rendered
//! document's text: `found` (with the line), `garbled` (its words are on one
//! line but not in order, or only most of them are), or `lost`. Work entries
//! found out of their source order are reported as reordered.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use crate::analyze::dates::find_ranges;
use crate::extract::Document;
use crate::month::YearMonth;
use crate::normalize::normalize_line;

/// One fact of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Where it is in the source: `work[1].position`.
    pub locator: String,
    pub text: String,
    /// A date range to find instead of text: (start, end; `None` = present).
    pub dates: Option<(YearMonth, Option<YearMonth>)>,
}

/// The facts of a JSON Resume source.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub file: String,
    pub fields: Vec<Field>,
}

/// What became of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Found,
    Garbled,
    Lost,
}

/// One fact and where the rendering has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldResult {
    pub locator: String,
    pub text: String,
    pub outcome: Outcome,
    /// The page and line it was found on (found or garbled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// The round trip of one rendering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundTrip {
    pub source: String,
    pub found: usize,
    pub garbled: usize,
    pub lost: usize,
    /// Work entries whose positions come out of their source order.
    pub reordered: Vec<String>,
    pub fields: Vec<FieldResult>,
}

impl RoundTrip {
    /// Nothing lost, garbled or reordered.
    pub fn kept(&self) -> bool {
        self.lost == 0 && self.garbled == 0 && self.reordered.is_empty()
    }
}

/// A `YYYY-MM(-DD)` or `YYYY` date of JSON Resume.
fn json_date(v: Option<&Value>) -> Option<YearMonth> {
    let s = v?.as_str()?.trim();
    let mut parts = s.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    YearMonth::new(year, month)
}

impl Source {
    /// Reads the facts of a JSON Resume document.
    pub fn from_json_resume(file: &str, text: &str) -> Result<Source, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
        if !root.is_object() {
            return Err("not a JSON Resume document (not an object)".into());
        }
        let mut fields = Vec::new();
        let mut text_field = |locator: String, v: Option<&Value>| {
            if let Some(t) = v
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                fields.push(Field {
                    locator,
                    text: t.to_string(),
                    dates: None,
                });
            }
        };
        text_field("basics.name".into(), root.pointer("/basics/name"));
        let list = |key: &str| {
            root.get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let work = list("work");
        for (i, w) in work.iter().enumerate() {
            text_field(format!("work[{i}].position"), w.get("position"));
            text_field(
                format!("work[{i}].name"),
                w.get("name").or_else(|| w.get("company")),
            );
        }
        for (i, e) in list("education").iter().enumerate() {
            text_field(format!("education[{i}].institution"), e.get("institution"));
            text_field(format!("education[{i}].area"), e.get("area"));
        }
        for (i, c) in list("certificates").iter().enumerate() {
            text_field(format!("certificates[{i}].name"), c.get("name"));
        }
        for (i, s) in list("skills").iter().enumerate() {
            text_field(format!("skills[{i}].name"), s.get("name"));
        }
        for (i, w) in work.iter().enumerate() {
            if let Some(start) = json_date(w.get("startDate")) {
                let end = json_date(w.get("endDate"));
                let text = match end {
                    Some(e) => format!("{start} – {e}"),
                    None => format!("{start} – present"),
                };
                fields.push(Field {
                    locator: format!("work[{i}].dates"),
                    text,
                    dates: Some((start, end)),
                });
            }
        }
        Ok(Source {
            file: file.to_string(),
            fields,
        })
    }
}

/// Lower-case words of a normalised text.
fn words(text: &str) -> Vec<String> {
    normalize_line(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where `field` is in the document's lines (index), and how well.
fn locate(
    field: &Field,
    lines: &[Vec<String>],
    ranges: &[Vec<(YearMonth, YearMonth, bool)>],
) -> (Outcome, Option<usize>) {
    if let Some((start, end)) = field.dates {
        let mut partial = None;
        for (i, found) in ranges.iter().enumerate() {
            for &(s, e, ongoing) in found {
                let end_ok = match end {
                    Some(end) => e == end,
                    None => ongoing,
                };
                if s == start && end_ok {
                    return (Outcome::Found, Some(i));
                }
                if (s.year == start.year || end.is_some_and(|end| e.year == end.year))
                    && partial.is_none()
                {
                    partial = Some(i);
                }
            }
        }
        return match partial {
            Some(i) => (Outcome::Garbled, Some(i)),
            None => (Outcome::Lost, None),
        };
    }
    let want = words(&field.text);
    if want.is_empty() {
        return (Outcome::Found, None);
    }
    // Found: the words in order on one line, or across a line break.
    for i in 0..lines.len() {
        let mut joined = lines[i].clone();
        if let Some(next) = lines.get(i + 1) {
            joined.extend(next.iter().cloned());
        }
        if let Some(k) = joined
            .windows(want.len())
            .position(|w| w == want.as_slice())
        {
            return (
                Outcome::Found,
                Some(if k < lines[i].len() { i } else { i + 1 }),
            );
        }
    }
    // Garbled: most of its words on one line.
    let wanted: HashSet<&String> = want.iter().collect();
    let best = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.iter()
                    .filter(|w| wanted.contains(w))
                    .collect::<HashSet<_>>()
                    .len(),
                i,
            )
        })
        .max();
    match best {
        Some((n, i)) if n * 3 >= wanted.len() * 2 && n > 0 => (Outcome::Garbled, Some(i)),
        _ => (Outcome::Lost, None),
    }
}

/// Looks for every fact of `source` in `doc`.
pub fn check(source: &Source, doc: &Document, as_of: YearMonth) -> RoundTrip {
    let lines: Vec<Vec<String>> = doc.lines.iter().map(|l| words(&l.norm)).collect();
    let ranges: Vec<Vec<(YearMonth, YearMonth, bool)>> = doc
        .lines
        .iter()
        .map(|l| {
            find_ranges(&l.norm, as_of)
                .into_iter()
                .map(|r| (r.start, r.end, r.ongoing))
                .collect()
        })
        .collect();
    let mut fields = Vec::with_capacity(source.fields.len());
    let mut positions: Vec<(String, usize)> = Vec::new();
    for f in &source.fields {
        let (outcome, at) = locate(f, &lines, &ranges);
        if f.locator.ends_with(".position") && f.locator.starts_with("work[") {
            if let Some(i) = at {
                positions.push((f.locator.clone(), i));
            }
        }
        let line = at.and_then(|i| doc.lines.get(i));
        fields.push(FieldResult {
            locator: f.locator.clone(),
            text: f.text.clone(),
            outcome,
            page: line.and_then(|l| l.page),
            line: line.map(|l| l.number),
        });
    }
    // Positions in source order must come down the document.
    let reordered = positions
        .windows(2)
        .filter(|w| w[1].1 < w[0].1)
        .map(|w| w[1].0.clone())
        .collect();
    let count = |o: Outcome| fields.iter().filter(|f| f.outcome == o).count();
    RoundTrip {
        source: source.file.clone(),
        found: count(Outcome::Found),
        garbled: count(Outcome::Garbled),
        lost: count(Outcome::Lost),
        reordered,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, RawLine};

    const RESUME: &str = r#"{
        "basics": {"name": "Jordan Reyes"},
        "work": [
            {"name": "Acme Plastics", "position": "Process Technician", "startDate": "2019-03"},
            {"name": "Delta Foods", "position": "Machine Operator", "startDate": "2015-06", "endDate": "2019-02"}
        ],
        "education": [{"institution": "Sinclair Community College", "area": "Manufacturing Technology"}],
        "skills": [{"name": "Preventive maintenance"}]
    }"#;

    fn doc(lines: &[&str]) -> Document {
        Document::new(
            Format::Pdf,
            lines
                .iter()
                .map(|l| RawLine {
                    page: Some(1),
                    text: l.to_string(),
                    ..Default::default()
                })
                .collect(),
            vec![],
        )
    }

    #[test]
    fn every_fact_of_a_faithful_rendering_is_found() {
        let source = Source::from_json_resume("r.json", RESUME).unwrap();
        let as_of = YearMonth::new(2026, 1).unwrap();
        let rendered = doc(&[
            "JORDAN REYES",
            "Process Technician, Acme Plastics",
            "March 2019 – Present",
            "Machine Operator — Delta Foods  Jun 2015 - Feb 2019",
            "Sinclair Community College · Manufacturing",
            "Technology",
            "Skills: Preventive maintenance, SPC",
        ]);
        let trip = check(&source, &rendered, as_of);
        assert!(trip.kept(), "{trip:#?}");
        let dates = trip
            .fields
            .iter()
            .find(|f| f.locator == "work[1].dates")
            .unwrap();
        assert_eq!(dates.line, Some(4));
    }

    #[test]
    fn lost_garbled_and_reordered_facts_are_named() {
        let source = Source::from_json_resume("r.json", RESUME).unwrap();
        let as_of = YearMonth::new(2026, 1).unwrap();
        let rendered = doc(&[
            "Jordan Reyes",
            "Machine Operator, Delta Foods, 2015 – 2019",
            "Acme Plastics  March 2019 – Present",
            "Technician Process",
            "Sinclair Community College, Manufacturing Technology",
        ]);
        let trip = check(&source, &rendered, as_of);
        let outcome = |loc: &str| {
            trip.fields
                .iter()
                .find(|f| f.locator == loc)
                .unwrap()
                .outcome
        };
        assert_eq!(outcome("work[0].position"), Outcome::Garbled);
        assert_eq!(outcome("work[1].dates"), Outcome::Garbled);
        assert_eq!(outcome("skills[0].name"), Outcome::Lost);
        assert_eq!(trip.reordered, ["work[1].position"]);
        assert!(!trip.kept());
    }
}
