//! The command-line interface: argument definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rolefit::extract::ocr::OcrMode;
use rolefit::month::YearMonth;
use rolefit::report::OutputFormat;

/// Check resumes against production technician and production engineer
/// requirements: what is there (with evidence), what is missing, what to do.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check resumes (files, folders, or - for standard input) and report.
    Check(CheckArgs),
    /// List the loaded role profiles, one per line.
    Roles(RulesArg),
    /// Explain a requirement, skill, certification or ATS-readability risk: meaning, aliases, source, fixes.
    Explain {
        /// `cpt`, `skill.troubleshooting`, `cert.cpim`, a role id, an ATS risk (`multi-column`), …
        id: String,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Compare two versions of a resume, or two JSON reports: requirements
    /// newly missing or now met, and the score. Exits 1 when the new one is worse.
    Diff(DiffArgs),
    /// Print the text rolefit sees in a file (pages separated by form feed).
    Extract {
        file: PathBuf,
        #[arg(long, default_value_t = 50 * 1024 * 1024, value_name = "BYTES")]
        max_file_size: u64,
        /// `text`: rolefit's reading; `ats`: each page as a simple extractor
        /// (an ATS) reads it, beside rolefit's reading.
        #[arg(long, value_enum, default_value_t = View::Text)]
        view: View,
        /// When to read scanned pages and images with OCR (Tesseract).
        #[arg(long, value_enum, default_value_t = OcrChoice::Auto)]
        ocr: OcrChoice,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print a shell completion script (e.g. `rolefit completions bash > ~/.local/share/bash-completion/completions/rolefit`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
        /// Rules whose role and explain ids the script completes (besides
        /// the built-in ones and those of rolefit.toml).
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Print the manual page (roff) to standard output, or write every page to a folder.
    Man {
        /// A subcommand's page (`check`, `roles`, …) instead of the main page.
        command: Option<String>,
        /// Write rolefit.1 and one page per subcommand into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier resume, or an earlier JSON/NDJSON report.
    pub old: PathBuf,
    /// The later resume, or a later report.
    pub new: PathBuf,
    /// Role profile id to score both against [default: the old version's best fit].
    #[arg(long, value_name = "ID")]
    pub role: Option<String>,
    #[command(flatten)]
    pub rules: RulesArg,
    /// The month "Present" means, YYYY-MM (default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_year_month)]
    pub as_of: Option<YearMonth>,
    /// Score points the new version may lose before it counts as worse.
    #[arg(long, value_name = "POINTS", default_value_t = 2)]
    pub tolerance: u32,
    /// `human` or `json`.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check a user rule file (or folder); errors name file, line and key.
    Validate { path: PathBuf },
}

#[derive(Debug, Args)]
pub struct RulesArg {
    /// Extra rule files or folders (profiles and taxonomy entries).
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(required_unless_present = "show_config", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Role profile id, or `auto` for the best fit [default: auto].
    #[arg(long, value_name = "ID|auto")]
    pub role: Option<String>,
    #[command(flatten)]
    pub rules: RulesArg,
    /// A job posting (txt, md, pdf, docx, html): its requirements are layered over the role's.
    #[arg(long, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// Report format [default: human].
    #[arg(long, value_parser = format_parser())]
    pub format: Option<OutputFormat>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when any resume scores below this.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    /// An earlier JSON or NDJSON report: exit with 1 only when a resume got
    /// worse than in it (a requirement newly missed, or a score drop beyond
    /// --tolerance); each result says what changed.
    #[arg(long, value_name = "REPORT")]
    pub baseline: Option<PathBuf>,
    /// The JSON Resume the checked files were rendered from: report which of
    /// its facts (positions, companies, dates, schools, certificates,
    /// skills) each rendering kept, garbled or lost; exit 1 on any loss.
    #[arg(long, value_name = "RESUME.json")]
    pub source: Option<PathBuf>,
    /// Score points a resume may lose against --baseline before it counts as worse.
    #[arg(
        long,
        value_name = "POINTS",
        default_value_t = 2,
        requires = "baseline"
    )]
    pub tolerance: u32,
    /// The month "Present" means, YYYY-MM (default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_year_month)]
    pub as_of: Option<YearMonth>,
    /// Files checked in parallel (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Check only part K of N of the files: every N-th file of the sorted
    /// list, starting with the K-th (N processes or machines split a corpus).
    #[arg(long, value_name = "K/N", value_parser = rolefit::run::Shard::parse)]
    pub shard: Option<rolefit::run::Shard>,
    /// Largest file accepted.
    #[arg(long, default_value_t = 50 * 1024 * 1024, value_name = "BYTES")]
    pub max_file_size: u64,
    /// Time budget per file, in seconds; a file over it is reported as a `timeout` error.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub timeout: f64,
    /// When to read scanned pages and image files with OCR (Tesseract, when
    /// installed): `auto` reads image files and PDF pages without text,
    /// `always` also the large images of pages with text.
    #[arg(long, value_enum, default_value_t = OcrChoice::Auto)]
    pub ocr: OcrChoice,
    /// Also check files that `.gitignore` (in a git repository), `.ignore` or
    /// `.rolefitignore` files exclude when walking folders.
    #[arg(long)]
    pub no_ignore: bool,
    /// Never draw a progress bar (one is drawn on standard error only when it is a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print the run's summary only (human format).
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Show every certification and skill rolefit knows, not only those the
    /// chosen role asks for (human format).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Report only the first N candidates (after --require and --sort), in every format.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,
    /// The order of candidates in every format [default: score for human,
    /// csv, html and markdown; the run's order for the others].
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortArg>,
    /// Report only candidates who meet this requirement in full (`cert.cpt`,
    /// `education.bachelor`, `skill.troubleshooting`, `experience.years=5`); repeat or
    /// separate with commas for several.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub require: Vec<String>,
    /// Keep every file on its own row: do not group the files of one
    /// application (same e-mail, or same name and nearly the same text).
    #[arg(long)]
    pub no_group: bool,
    /// Start a CSV report with a UTF-8 byte-order mark, so that Excel reads
    /// names with accents right.
    #[arg(long)]
    pub csv_bom: bool,
    /// Print the effective settings (flags, rolefit.toml, defaults) and where each came from, then exit.
    #[arg(long)]
    pub show_config: bool,
    /// Use this config file instead of looking for rolefit.toml from the working folder up.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any rolefit.toml.
    #[arg(long)]
    pub no_config: bool,
}

/// What `rolefit extract` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// The text rolefit sees.
    Text,
    /// A simple extractor's reading of each page beside rolefit's.
    Ats,
}

/// `--ocr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OcrChoice {
    Auto,
    Always,
    Never,
}

impl From<OcrChoice> for OcrMode {
    fn from(c: OcrChoice) -> OcrMode {
        match c {
            OcrChoice::Auto => OcrMode::Auto,
            OcrChoice::Always => OcrMode::Always,
            OcrChoice::Never => OcrMode::Never,
        }
    }
}

/// `--sort`'s keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best score first.
    Score,
    /// Candidate name, A to Z.
    Name,
    /// File path.
    Path,
    /// Most years of experience first.
    Years,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_year_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s).ok_or_else(|| format!("`{s}` is not a month in YYYY-MM form"))
}

/// `--format`'s values, from the library's list of formats.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    let names: Vec<&'static str> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(names)
        .map(|name: String| OutputFormat::from_name(&name).expect("a listed format"))
}
