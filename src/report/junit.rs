//! `--format junit`: JUnit XML, one `<testcase>` per resume, for CI systems.
//! A resume below `--min-score` is a `<failure>`, a file that could not be
//! checked an `<error>`; the counts on `<testsuites>` and `<testsuite>` match.
//! Written with quick-xml's writer (which escapes text and attributes);
//! characters XML 1.0 cannot carry are replaced first.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::row::{Row, TOP_GAPS};
use super::{Reporter, RunInfo};
use crate::check::FileResult;
use crate::run::Summary;

/// Keeps one small row per file and writes the XML at the end.
pub struct JunitReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    rows: Vec<Row>,
}

impl<'a> JunitReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        JunitReporter {
            out,
            run,
            rows: Vec::new(),
        }
    }
}

/// Replaces what XML 1.0 forbids (most C0 controls, lone surrogates cannot
/// occur in `str`, U+FFFE/U+FFFF) with U+FFFD.
pub fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            _ => c,
        })
        .collect()
}

fn details(row: &Row) -> String {
    let ats =
        (!row.ats.is_empty()).then(|| format!("ATS readability risks: {}", row.ats_summary()));
    let Some(c) = &row.checked else {
        return [Some(row.error_text()), ats]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
    };
    let mut lines = vec![format!(
        "role: {} ({}), score {}/100, level {}, {:.1} years, education {}{}",
        c.role_name,
        c.role_id,
        c.score,
        c.level,
        c.years,
        c.education,
        if c.engineering_degree {
            ", engineering degree"
        } else {
            ""
        }
    )];
    if !c.certs_held.is_empty() {
        lines.push(format!(
            "certifications held: {}",
            c.certs_held
                .iter()
                .map(|x| x.short())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !c.missing_required.is_empty() {
        lines.push(format!(
            "missing required: {}",
            c.missing_required.join(", ")
        ));
    }
    if !c.top_gaps.is_empty() {
        lines.push(format!("top {} gaps:", TOP_GAPS.min(c.top_gaps.len())));
        for g in &c.top_gaps {
            lines.push(format!(
                "  - [{}] {} ({})",
                g.severity.as_str(),
                g.message,
                g.requirement
            ));
        }
    }
    lines.extend(ats);
    lines.join("\n")
}

impl Reporter for JunitReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        self.rows.push(Row::from_result(result));
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let tests = summary.files.to_string();
        let failures = summary.failed.to_string();
        let errors = summary.errors.to_string();
        let mut w = Writer::new_with_indent(&mut self.out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let rows = &self.rows;
        let run = &self.run;
        w.create_element("testsuites")
            .with_attribute(("name", "rolefit"))
            .with_attribute(("tests", tests.as_str()))
            .with_attribute(("failures", failures.as_str()))
            .with_attribute(("errors", errors.as_str()))
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attribute(("name", "rolefit"))
                    .with_attribute(("tests", tests.as_str()))
                    .with_attribute(("failures", failures.as_str()))
                    .with_attribute(("errors", errors.as_str()))
                    .with_attribute(("skipped", "0"))
                    .write_inner_content(|w| {
                        w.create_element("properties").write_inner_content(|w| {
                            let version = run.tool.version;
                            let min = run.min_score.map(|m| m.to_string()).unwrap_or_default();
                            for (name, value) in [
                                ("rolefit.version", version),
                                ("as_of", run.as_of.as_str()),
                                ("min_score", &min),
                            ] {
                                w.create_element("property")
                                    .with_attribute(("name", name))
                                    .with_attribute(("value", value))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        for row in rows {
                            write_case(w, row, run)?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        drop(w);
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

fn write_case<W: Write>(w: &mut Writer<W>, row: &Row, run: &RunInfo) -> io::Result<()> {
    let name = xml_text(&row.path);
    let classname = match &row.checked {
        Some(c) => format!("rolefit.{}", xml_text(&c.role_id)),
        None => "rolefit".to_string(),
    };
    let body = xml_text(&details(row));
    w.create_element("testcase")
        .with_attribute(("name", name.as_str()))
        .with_attribute(("classname", classname.as_str()))
        .write_inner_content(|w| {
            match &row.checked {
                None => {
                    let message = xml_text(&row.error_text());
                    w.create_element("error")
                        .with_attribute(("message", message.as_str()))
                        .with_attribute(("type", row.error_kind.unwrap_or("error")))
                        .write_text_content(BytesText::new(&body))?;
                }
                Some(c) if c.worse_than_baseline => {
                    let message = format!("score {} is worse than in --baseline", c.score);
                    w.create_element("failure")
                        .with_attribute(("message", message.as_str()))
                        .with_attribute(("type", "worse_than_baseline"))
                        .write_text_content(BytesText::new(&body))?;
                }
                Some(c) if !c.passed => {
                    let message = format!(
                        "score {} is below --min-score {}",
                        c.score,
                        run.min_score.map(|m| m.to_string()).unwrap_or_default()
                    );
                    w.create_element("failure")
                        .with_attribute(("message", message.as_str()))
                        .with_attribute(("type", "below_min_score"))
                        .write_text_content(BytesText::new(&body))?;
                }
                Some(_) => {}
            }
            w.create_element("system-out")
                .write_text_content(BytesText::new(&body))?;
            Ok(())
        })?;
    Ok(())
}
