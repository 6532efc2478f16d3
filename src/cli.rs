//! The command line (SPEC §1): argument definitions and the subcommands.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::analyze::dates::YearMonth;
use crate::check::{CheckOptions, Checker, RoleChoice};
use crate::config::{self, Effective, Flags};
use crate::extract::{self, Limits};
use crate::posting::Posting;
use crate::progress::Progress;
use crate::report::{self, OutputFormat, RenderOptions, RunInfo, Tool};
use crate::rules::{RuleError, RuleSet};
use crate::run::{self, RunOptions};

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
    /// Explain a requirement, skill or certification: meaning, aliases, source.
    Explain {
        /// `cpt`, `skill.troubleshooting`, `cert.cpim`, a role id, …
        id: String,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Print the text rolefit sees in a file (pages separated by form feed).
    Extract {
        file: PathBuf,
        #[arg(long, default_value_t = 50 * 1024 * 1024, value_name = "BYTES")]
        max_file_size: u64,
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
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when any resume scores below this.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    /// The month "Present" means, YYYY-MM (default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_year_month)]
    pub as_of: Option<YearMonth>,
    /// Files checked in parallel (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Largest file accepted.
    #[arg(long, default_value_t = 50 * 1024 * 1024, value_name = "BYTES")]
    pub max_file_size: u64,
    /// Time budget per file, in seconds; a file over it is reported as a `timeout` error.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub timeout: f64,
    /// Never draw a progress bar (one is drawn on standard error only when it is a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only one summary line per file (human format).
    #[arg(long, short = 'q')]
    pub quiet: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_year_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s).ok_or_else(|| format!("`{s}` is not a month in YYYY-MM form"))
}

/// Exit code: everything checked and passed.
pub const EXIT_OK: u8 = 0;
/// Exit code: at least one resume below `--min-score`.
pub const EXIT_BELOW_MIN: u8 = 1;
/// Exit code: usage or rules error, or at least one unreadable file.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            let _ = writeln!(io::stderr(), "rolefit: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Roles(rules) => {
            let Some(rules) = load_rules(&project_rules(rules.rules)) else {
                return Ok(EXIT_ERROR);
            };
            let mut out = io::stdout().lock();
            for p in &rules.profiles {
                writeln!(
                    out,
                    "{:<24} {:<28} {} requirements  ({})",
                    p.id,
                    p.name,
                    p.requirements.len(),
                    p.file
                )?;
            }
            Ok(EXIT_OK)
        }
        Command::Explain { id, rules } => {
            let Some(rules) = load_rules(&project_rules(rules.rules)) else {
                return Ok(EXIT_ERROR);
            };
            match crate::explain::explain(&rules, &id) {
                Some(text) => {
                    io::stdout().lock().write_all(text.as_bytes())?;
                    Ok(EXIT_OK)
                }
                None => {
                    eprintln!("rolefit: nothing is called `{id}`; try `rolefit roles` or an id such as cpt, cert.cpim, skill.troubleshooting");
                    Ok(EXIT_ERROR)
                }
            }
        }
        Command::Extract {
            file,
            max_file_size,
        } => {
            let limits = Limits {
                max_file_size,
                ..Limits::default()
            }
            .with_timeout(Duration::from_secs(30));
            let doc = if file.as_os_str() == "-" {
                extract::extract_stdin(&limits)
            } else {
                extract::extract_path(&file, &limits)
            };
            match doc {
                Ok(doc) => {
                    for w in &doc.warnings {
                        eprintln!("rolefit: {}: warning: {w}", file.display());
                    }
                    io::stdout().lock().write_all(doc.plain_text().as_bytes())?;
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    eprintln!("rolefit: {}: {e}", file.display());
                    Ok(EXIT_ERROR)
                }
            }
        }
        Command::Rules {
            command: RulesCommand::Validate { path },
        } => match RuleSet::with_user_rules(std::slice::from_ref(&path)) {
            Ok(rules) => {
                println!(
                    "{}: ok ({} profiles, {} certifications, {} skills loaded with the built-in rules)",
                    path.display(),
                    rules.profiles.len(),
                    rules.certifications.len(),
                    rules.skills.len()
                );
                Ok(EXIT_OK)
            }
            Err(errors) => {
                print_rule_errors(&errors);
                Ok(EXIT_ERROR)
            }
        },
        Command::Completions { shell } => {
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "rolefit", &mut out);
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Man { command, out_dir } => man(command.as_deref(), out_dir.as_deref()),
    }
}

/// `rolefit man`: roff pages generated from the clap definition.
fn man(command: Option<&str>, out_dir: Option<&std::path::Path>) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    cmd.build();
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)?;
        clap_mangen::generate_to(cmd, dir)?;
        return Ok(EXIT_OK);
    }
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                eprintln!(
                    "rolefit: no subcommand `{name}` (known: {})",
                    known.join(", ")
                );
                return Ok(EXIT_ERROR);
            }
        },
    };
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// `--rules` if given, else the `rules` of a discovered rolefit.toml.
fn project_rules(flag: Vec<PathBuf>) -> Vec<PathBuf> {
    if !flag.is_empty() {
        return flag;
    }
    match config::find(None, false) {
        Ok(Some(c)) => c.rules.map(|r| r.value).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn load_rules(paths: &[PathBuf]) -> Option<RuleSet> {
    match RuleSet::with_user_rules(paths) {
        Ok(r) => Some(r),
        Err(errors) => {
            print_rule_errors(&errors);
            None
        }
    }
}

fn print_rule_errors(errors: &[RuleError]) {
    for e in errors {
        eprintln!("rolefit: error: {e}");
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let config = match config::find(args.config.as_deref(), args.no_config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rolefit: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let settings = Effective::resolve(
        Flags {
            role: args.role.clone(),
            rules: args.rules.rules.clone(),
            min_score: args.min_score,
            format: args.format,
            as_of: args.as_of,
        },
        config.as_ref(),
    );
    if args.show_config {
        io::stdout()
            .lock()
            .write_all(settings.render().as_bytes())?;
        return Ok(EXIT_OK);
    }
    let Some(rules) = load_rules(&settings.rules.value) else {
        return Ok(EXIT_ERROR);
    };
    let as_of = settings.as_of.value;
    let (role, min_score, format) = (
        settings.role.value.clone(),
        settings.min_score.value,
        settings.format.value,
    );
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        eprintln!("rolefit: --timeout must be a positive number of seconds");
        return Ok(EXIT_ERROR);
    }
    let posting = match &args.job {
        None => None,
        Some(path) => {
            let limits = Limits {
                max_file_size: args.max_file_size,
                ..Limits::default()
            }
            .with_timeout(Duration::from_secs_f64(args.timeout.max(30.0)));
            match Posting::load(path, &rules, as_of, &limits) {
                Ok(p) => Some(std::sync::Arc::new(p)),
                Err(e) => {
                    eprintln!("rolefit: job posting {}: {e}", path.display());
                    return Ok(EXIT_ERROR);
                }
            }
        }
    };
    let options = CheckOptions {
        role: if role == "auto" {
            RoleChoice::Auto
        } else {
            RoleChoice::Id(role.clone())
        },
        as_of,
        min_score,
        limits: Limits {
            max_file_size: args.max_file_size,
            ..Limits::default()
        },
        timeout: Duration::from_secs_f64(args.timeout),
        posting,
    };
    let checker = match Checker::new(rules, options) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rolefit: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let stdout_is_terminal = io::stdout().is_terminal() && args.output.is_none();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let run_info = RunInfo {
        tool: Tool::default(),
        as_of: as_of.to_string(),
        min_score,
    };
    let render = RenderOptions {
        color,
        quiet: args.quiet,
    };
    let mut inputs = run::collect_inputs(&args.paths);
    if let Some(output) = &args.output {
        // A previous report inside the folder being checked is not a resume.
        run::exclude(&mut inputs, output);
    }
    let ignore = settings.ignore_set();
    inputs.retain(|i| args.paths.iter().any(|p| p == i.path()) || !ignore.is_ignored(i.path()));
    if inputs.is_empty() {
        eprintln!("rolefit: no resumes found in the given paths");
        return Ok(EXIT_ERROR);
    }
    let progress = if Progress::wanted(inputs.len(), args.no_progress) {
        Progress::stderr(inputs.len())
    } else {
        Progress::hidden()
    };
    let run_options = RunOptions {
        jobs: args.jobs.map_or_else(run::default_jobs, |j| j as usize),
    };
    let checker = Arc::new(checker);
    let summary = match &args.output {
        Some(path) => {
            // Written to a temporary file next to the target and renamed over
            // it at the end, so an interrupted run never leaves half a report.
            let mut file = AtomicFile::create(path)?;
            let summary = {
                let out: Box<dyn Write + '_> = Box::new(io::BufWriter::new(&mut file));
                let Some(mut reporter) = report::reporter(format, &run_info, &render, out) else {
                    eprintln!("rolefit: the {format:?} format is not available in this build");
                    return Ok(EXIT_ERROR);
                };
                run::run(checker, inputs, reporter.as_mut(), &run_options, &progress)?
            };
            file.commit()?;
            summary
        }
        None => {
            let stdout = io::stdout();
            let out: Box<dyn Write> = if progress.is_visible() && stdout.is_terminal() {
                // The bar and the report share the terminal: whole lines only,
                // each written with the bar cleared.
                Box::new(io::LineWriter::new(progress.suspending(stdout.lock())))
            } else {
                Box::new(io::BufWriter::new(stdout.lock()))
            };
            let Some(mut reporter) = report::reporter(format, &run_info, &render, out) else {
                eprintln!("rolefit: the {format:?} format is not available in this build");
                return Ok(EXIT_ERROR);
            };
            run::run(checker, inputs, reporter.as_mut(), &run_options, &progress)?
        }
    };
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if summary.failed > 0 {
        EXIT_BELOW_MIN
    } else {
        EXIT_OK
    })
}

/// A report file written atomically: a temporary file in the target's folder,
/// renamed over the target by [`AtomicFile::commit`]; dropped uncommitted, it
/// is removed and the target is left as it was.
struct AtomicFile {
    target: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    fn create(target: &std::path::Path) -> anyhow::Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => std::path::Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".rolefit-report-")
            .tempfile_in(dir)
            .map_err(|e| anyhow::anyhow!("cannot write a report in {}: {e}", dir.display()))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
        })
    }

    fn commit(self) -> anyhow::Result<()> {
        self.temp.as_file().sync_all()?;
        // Keep the permissions of a report being replaced; a new report
        // stays private to its owner (it describes applicants).
        if let Ok(meta) = std::fs::metadata(&self.target) {
            let _ = self.temp.as_file().set_permissions(meta.permissions());
        }
        let target = self.target;
        self.temp
            .persist(&target)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {}", target.display(), e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}
