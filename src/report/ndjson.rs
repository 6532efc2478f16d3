//! `--format ndjson`: one JSON result object per line, written (and flushed)
//! as each file's result is ready in the run's stable order, then one
//! `{"summary": …}` line. For pipelines and for sharding across machines.

use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, RunInfo, Tool, SCHEMA_VERSION};
use crate::check::FileResult;
use crate::run::Summary;

/// Streams results as JSON Lines.
pub struct NdjsonReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
}

#[derive(Serialize)]
struct SummaryLine<'r> {
    summary: &'r Summary,
    schema_version: u32,
    tool: &'r Tool,
    as_of: &'r str,
    min_score: Option<u32>,
}

impl<'a> NdjsonReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        NdjsonReporter { out, run }
    }
}

impl Reporter for NdjsonReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, result)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let line = SummaryLine {
            summary,
            schema_version: SCHEMA_VERSION,
            tool: &self.run.tool,
            as_of: &self.run.as_of,
            min_score: self.run.min_score,
        };
        serde_json::to_writer(&mut self.out, &line)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
