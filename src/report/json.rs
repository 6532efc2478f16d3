//! `--format json`: one document, schema version 1 (`schema/report.schema.json`).

use std::io::{self, Write};

use serde::Serialize;

use super::{FileResult, Reporter, RunInfo, Summary, Tool, SCHEMA_VERSION};

/// Collects results and writes one JSON document at the end.
pub struct JsonReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    results: Vec<FileResult>,
}

#[derive(Serialize)]
struct Document<'r> {
    schema_version: u32,
    tool: &'r Tool,
    as_of: &'r str,
    min_score: Option<u32>,
    results: &'r [FileResult],
    summary: &'r Summary,
}

impl<'a> JsonReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        JsonReporter {
            out,
            run,
            results: Vec::new(),
        }
    }
}

impl Reporter for JsonReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        self.results.push(result.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let doc = Document {
            schema_version: SCHEMA_VERSION,
            tool: &self.run.tool,
            as_of: &self.run.as_of,
            min_score: self.run.min_score,
            results: &self.results,
            summary,
        };
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
