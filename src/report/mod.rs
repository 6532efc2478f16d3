//! Rendering: [`FileResult`]s → bytes, one module per output format.
//!
//! A [`Reporter`] receives every result of a run in a stable order, then the
//! summary. Streaming formats write as results arrive; whole-run formats
//! (JSON, HTML, JUnit, SARIF) keep the results and write in `finish`. Reporters never
//! read files or analyse; they only present what they are given.

pub mod csv;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod ndjson;
pub mod ranking;
pub mod row;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;

use crate::check::FileResult;
use crate::run::Summary;

/// The JSON schema version reports are written in.
pub const SCHEMA_VERSION: u32 = 1;

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A readable terminal report.
    Human,
    /// One JSON document (schema version 1).
    Json,
    /// One JSON object per line, then a summary line.
    Ndjson,
    /// One row per resume.
    Csv,
    /// JUnit XML: a test case per resume.
    Junit,
    /// GitHub Actions workflow-command annotations.
    Github,
    /// A self-contained HTML page.
    Html,
    /// A Markdown summary table.
    Markdown,
    /// SARIF 2.1.0 for code scanning: a result per unmet requirement.
    Sarif,
}

impl OutputFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [OutputFormat; 9] = [
        OutputFormat::Human,
        OutputFormat::Json,
        OutputFormat::Ndjson,
        OutputFormat::Csv,
        OutputFormat::Junit,
        OutputFormat::Github,
        OutputFormat::Html,
        OutputFormat::Markdown,
        OutputFormat::Sarif,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Ndjson => "ndjson",
            OutputFormat::Csv => "csv",
            OutputFormat::Junit => "junit",
            OutputFormat::Github => "github",
            OutputFormat::Html => "html",
            OutputFormat::Markdown => "markdown",
            OutputFormat::Sarif => "sarif",
        }
    }

    /// Whether the format is a ranking a person reads (human, CSV, HTML,
    /// Markdown): by default best first, one row per application (see
    /// [`crate::view`]); the others keep the run's order, a result per file.
    pub fn is_ranking(self) -> bool {
        matches!(
            self,
            OutputFormat::Human | OutputFormat::Csv | OutputFormat::Html | OutputFormat::Markdown
        )
    }

    /// The format called `name` (case-insensitive).
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Options every reporter may use.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Use ANSI colours (human format).
    pub color: bool,
    /// Print less (human format: the run's summary only).
    pub quiet: bool,
    /// Print everything (human format: every certification and skill, not
    /// only those the role asks for).
    pub verbose: bool,
    /// The line width to fit (human format), at most [`MAX_WIDTH`]; the
    /// binary measures the terminal, the library never does.
    pub width: usize,
    /// The terminal's width in columns, when writing to one (the human
    /// format's ranking table fits it; else [`ranking::DEFAULT_WIDTH`]).
    pub table_width: Option<usize>,
    /// Start a CSV report with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
}

/// The widest line the human report lays out for.
pub const MAX_WIDTH: usize = 100;

/// Receives a run's results and writes a report.
pub trait Reporter {
    /// Called once per file, in the run's stable order.
    fn file(&mut self, result: &FileResult) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Builds the reporter for `format`, writing to `out`.
pub fn reporter<'a>(
    format: OutputFormat,
    run: &RunInfo,
    options: &RenderOptions,
    out: Box<dyn Write + 'a>,
) -> Box<dyn Reporter + 'a> {
    match format {
        OutputFormat::Human => {
            Box::new(human::HumanReporter::new(out, run.clone(), options.clone()))
        }
        OutputFormat::Json => Box::new(json::JsonReporter::new(out, run.clone())),
        OutputFormat::Ndjson => Box::new(ndjson::NdjsonReporter::new(out, run.clone())),
        OutputFormat::Csv => Box::new(csv::CsvReporter::new(out, run.clone(), options.csv_bom)),
        OutputFormat::Junit => Box::new(junit::JunitReporter::new(out, run.clone())),
        OutputFormat::Github => Box::new(github::GithubReporter::new(out, run.clone())),
        OutputFormat::Html => Box::new(html::HtmlReporter::new(out, run.clone())),
        OutputFormat::Markdown => Box::new(markdown::MarkdownReporter::new(out, run.clone())),
        OutputFormat::Sarif => Box::new(sarif::SarifReporter::new(out, run.clone())),
    }
}

/// The tool that wrote a report.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "rolefit",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// Facts about a run that every format may show.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: Tool,
    /// The "today" of the run, `YYYY-MM`.
    pub as_of: String,
    pub min_score: Option<u32>,
}
