//! `--format json`: one document, schema version 1 (`schema/report.schema.json`).
//!
//! The document is streamed: the header when the first result arrives, each
//! result as it comes, the summary at the end, so memory stays flat however
//! many files a run checks.

use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, RunInfo, Tool, SCHEMA_VERSION};
use crate::check::FileResult;
use crate::run::Summary;

/// Writes one JSON document, result by result.
pub struct JsonReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    written: usize,
}

#[derive(Serialize)]
struct Header<'r> {
    schema_version: u32,
    tool: &'r Tool,
    as_of: &'r str,
    min_score: Option<u32>,
}

impl<'a> JsonReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        JsonReporter {
            out,
            run,
            written: 0,
        }
    }

    /// `{"schema_version": 1, …, "results": [` — the header object left open.
    fn header(&mut self) -> io::Result<()> {
        let header = Header {
            schema_version: SCHEMA_VERSION,
            tool: &self.run.tool,
            as_of: &self.run.as_of,
            min_score: self.run.min_score,
        };
        let text = serde_json::to_string_pretty(&header)?;
        let open = text
            .trim_end()
            .strip_suffix('}')
            .unwrap_or(&text)
            .trim_end();
        write!(self.out, "{open},\n  \"results\": [")
    }
}

impl Reporter for JsonReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        if self.written == 0 {
            self.header()?;
        } else {
            self.out.write_all(b",")?;
        }
        self.written += 1;
        // Indented one level deeper than serde_json's pretty output: every
        // line of it shifted by four spaces, written at once.
        let text = serde_json::to_string_pretty(result)?;
        self.out.write_all(b"\n    ")?;
        self.out.write_all(text.replace('\n', "\n    ").as_bytes())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            self.header()?;
            self.out.write_all(b"]")?;
        } else {
            self.out.write_all(b"\n  ]")?;
        }
        let summary = serde_json::to_string_pretty(summary)?.replace('\n', "\n  ");
        write!(self.out, ",\n  \"summary\": {summary}\n}}\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, FileError};

    fn render(results: &[FileResult]) -> serde_json::Value {
        let mut buf = Vec::new();
        {
            let run = RunInfo {
                tool: Tool::default(),
                as_of: "2026-11".into(),
                min_score: Some(70),
            };
            let mut r = JsonReporter::new(Box::new(&mut buf), run);
            let mut summary = Summary::default();
            for result in results {
                summary.add(result);
                r.file(result).unwrap();
            }
            r.finish(&summary).unwrap();
        }
        serde_json::from_slice(&buf).expect("valid JSON")
    }

    #[test]
    fn streamed_document_is_valid_with_zero_one_and_many_results() {
        let failed = |p: &str| FileResult::failed(p, FileError::new(ErrorKind::Unreadable, "gone"));
        let none = render(&[]);
        assert_eq!(none["results"].as_array().unwrap().len(), 0);
        assert_eq!(none["schema_version"], 1);
        let one = render(&[failed("a")]);
        assert_eq!(one["results"][0]["path"], "a");
        let many = render(&[failed("a"), failed("b"), failed("c")]);
        assert_eq!(many["results"].as_array().unwrap().len(), 3);
        assert_eq!(many["summary"]["errors"], 3);
        assert_eq!(many["min_score"], 70);
    }
}
