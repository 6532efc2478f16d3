//! The `rolefit` binary: parses the command line, merges `rolefit.toml`,
//! and drives the library (rules → checker → run → reporter). It owns
//! everything that touches the terminal: colour, progress, exit codes.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{CommandFactory, Parser};

use rolefit::baseline::{self, Baseline, Before, Change};
use rolefit::check::{CheckOptions, Checker, RoleChoice};
use rolefit::extract::{self, Limits};
use rolefit::month::YearMonth;
use rolefit::report::{self, RenderOptions, RunInfo, Tool};
use rolefit::roundtrip::Source;
use rolefit::rules::{RuleError, RuleSet};
use rolefit::run::{self, Prefetch, RunOptions, Summary};
use rolefit::view::{Condition, Grouping, SortKey, ViewOptions, Viewer};

use args::{
    CheckArgs, Cli, ColorChoice, Command, DiffArgs, DiffFormat, RulesCommand, SortArg, View,
};
use config::{Effective, Flags};
use output::AtomicFile;
use progress::Progress;

/// mimalloc: on the 2,000-file bench folder with `--jobs 2`, 12 % less
/// user CPU than glibc's malloc (whose arenas the two workers share), for
/// 14 MiB more peak RSS; one file's check takes the same wall time either
/// way. Without transparent huge pages (`no_thp`): with them, the folder's
/// peak RSS doubled. (benches/README.md, "Term patterns one by one".)
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod config;
mod manual;
mod output;
mod progress;

/// Exit code: everything checked and passed.
pub const EXIT_OK: u8 = 0;
/// Exit code: at least one resume below `--min-score`.
pub const EXIT_BELOW_MIN: u8 = 1;
/// Exit code: usage or rules error, or at least one unreadable file.
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
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
        Command::Diff(args) => diff(args),
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
            explain(&rules, &id)
        }
        Command::Extract {
            file,
            max_file_size,
            view,
            ocr,
        } => {
            let mut limits = Limits {
                max_file_size,
                ..Limits::default()
            };
            limits.ocr.mode = ocr.into();
            let limits = limits.with_timeout(Duration::from_secs(30));
            if view == View::Ats {
                return match rolefit::ats::view::render(&file, &limits) {
                    Ok(text) => {
                        io::stdout().lock().write_all(text.as_bytes())?;
                        Ok(EXIT_OK)
                    }
                    Err(e) => {
                        eprintln!("rolefit: {}: {e}", file.display());
                        Ok(EXIT_ERROR)
                    }
                };
            }
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
                let changed = rules.lexicon.changed().len();
                let lexicon = match changed {
                    0 => String::new(),
                    1 => "; 1 lexicon list changed".to_string(),
                    n => format!("; {n} lexicon lists changed"),
                };
                println!(
                    "{}: ok ({} profiles, {} certifications, {} skills loaded with the built-in rules{lexicon})",
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
        Command::Completions { shell, rules } => {
            let Some(rules) = load_rules(&project_rules(rules.rules)) else {
                return Ok(EXIT_ERROR);
            };
            completions(shell, &rules)
        }
        Command::Man { command, out_dir } => man(command.as_deref(), out_dir.as_deref()),
    }
}

/// `rolefit explain ID`: the id's explanation; else the terms one of whose
/// names is ID (`green belt` → six-sigma); else the nearest id.
fn explain(rules: &RuleSet, id: &str) -> anyhow::Result<u8> {
    use rolefit::explain;
    let mut out = io::stdout().lock();
    if let Some(text) = explain::explain(rules, id) {
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    }
    let found = explain::by_alias(rules, id);
    match found.as_slice() {
        [] => {
            let known = explain::known_ids(rules);
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            match rolefit::suggest::closest(&id.to_lowercase(), &known) {
                Some(near) => eprintln!("rolefit: nothing is called `{id}`; did you mean `{near}`?"),
                None => eprintln!("rolefit: nothing is called `{id}`; try `rolefit roles`, a wording from a resume (`rolefit explain \"green belt\"`) or an id such as cpt, cert.cpim, skill.troubleshooting"),
            }
            Ok(EXIT_ERROR)
        }
        [one] => {
            writeln!(out, "`{id}` is a wording of {one}:\n")?;
            let text = explain::explain(rules, one).unwrap_or_default();
            out.write_all(text.as_bytes())?;
            Ok(EXIT_OK)
        }
        many => {
            writeln!(out, "`{id}` is a wording of {}:", many.join(", "))?;
            for one in many {
                let text = explain::explain(rules, one).unwrap_or_default();
                writeln!(out, "\n{text}")?;
            }
            Ok(EXIT_OK)
        }
    }
}

/// `rolefit man`: roff pages generated from the clap definition.
fn man(command: Option<&str>, out_dir: Option<&std::path::Path>) -> anyhow::Result<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)?;
        manual::write_all(&cmd, dir)?;
        return Ok(EXIT_OK);
    }
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                eprintln!(
                    "rolefit: no subcommand `{name}`{}",
                    rolefit::suggest::hint(name, &known)
                );
                return Ok(EXIT_ERROR);
            }
        },
    };
    let mut out = io::stdout().lock();
    manual::render(&page, &mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// `rolefit completions SHELL`: the script, with the role ids and `explain`
/// ids of the rules loaded here (built-in, `--rules`, rolefit.toml) as the
/// values `--role` and `explain` complete.
fn completions(shell: clap_complete::Shell, rules: &RuleSet) -> anyhow::Result<u8> {
    use clap::builder::PossibleValuesParser;
    // The script is written once per process: leaking the ids is harmless.
    let leak = |ids: Vec<String>| -> Vec<&'static str> {
        ids.into_iter()
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .collect()
    };
    let mut roles = vec!["auto".to_string()];
    roles.extend(rules.profiles.iter().map(|p| p.id.clone()));
    let roles = leak(roles);
    let diff_roles: Vec<&'static str> = roles[1..].to_vec();
    let ids = leak(rolefit::explain::known_ids(rules));
    let mut cmd = Cli::command()
        .mut_subcommand("check", |c| {
            c.mut_arg("role", |a| a.value_parser(PossibleValuesParser::new(roles)))
        })
        .mut_subcommand("diff", |c| {
            c.mut_arg("role", |a| {
                a.value_parser(PossibleValuesParser::new(diff_roles))
            })
        })
        .mut_subcommand("explain", |c| {
            c.mut_arg("id", |a| a.value_parser(PossibleValuesParser::new(ids)))
        });
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "rolefit", &mut out);
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
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        eprintln!("rolefit: --timeout must be a positive number of seconds");
        return Ok(EXIT_ERROR);
    }
    let limits = {
        let mut limits = Limits {
            max_file_size: args.max_file_size,
            ..Limits::default()
        };
        limits.ocr.mode = args.ocr.into();
        limits
    };
    let timeout = Duration::from_secs_f64(args.timeout);
    // One file: reading it starts now, beside the loading of the rules.
    let prefetched = match args.paths.as_slice() {
        [path] if path.is_file() => {
            Prefetch::start(path.clone(), limits.clone().with_timeout(timeout))
        }
        _ => None,
    };
    let Some(rules) = load_rules(&settings.rules.value) else {
        return Ok(EXIT_ERROR);
    };
    let as_of = settings.as_of.value;
    let (role, min_score, format) = (
        settings.role.value.clone(),
        settings.min_score.value,
        settings.format.value,
    );
    let options = CheckOptions {
        role: if role == "auto" {
            RoleChoice::Auto
        } else {
            RoleChoice::Id(role.clone())
        },
        as_of,
        min_score,
        limits,
        timeout,
        job: args.job.clone(),
        baseline: None,
        source: None,
    };
    let options = match &args.source {
        None => options,
        Some(path) => {
            let read = std::fs::read_to_string(path).map_err(|e| e.to_string());
            let file = path.display().to_string();
            match read.and_then(|text| Source::from_json_resume(&file, &text)) {
                Ok(source) => CheckOptions {
                    source: Some(Arc::new(source)),
                    ..options
                },
                Err(e) => {
                    eprintln!("rolefit: error: --source {file}: {e}");
                    return Ok(EXIT_ERROR);
                }
            }
        }
    };
    let options = match &args.baseline {
        None => options,
        Some(path) => {
            let read = std::fs::read_to_string(path).map_err(|e| e.to_string());
            match read.and_then(|text| Baseline::from_report(&text, args.tolerance)) {
                Ok(baseline) => CheckOptions {
                    baseline: Some(Arc::new(baseline)),
                    ..options
                },
                Err(e) => {
                    eprintln!("rolefit: error: --baseline {}: {e}", path.display());
                    return Ok(EXIT_ERROR);
                }
            }
        }
    };
    let checker = match Checker::new(rules, options) {
        Ok(c) => c,
        Err(e) => {
            // A role named in rolefit.toml: its file, line and key.
            match (&e, &settings.role.origin) {
                (
                    rolefit::error::Error::UnknownRole { .. },
                    config::Origin::Config { file, line },
                ) => {
                    eprintln!("rolefit: error: {}:{line}: `role`: {e}", file.display())
                }
                _ => eprintln!("rolefit: error: {e}"),
            }
            return Ok(EXIT_ERROR);
        }
    };
    // `auto`: colour on a terminal, as anstream decides it from NO_COLOR,
    // CLICOLOR, CLICOLOR_FORCE and TERM; never in a report file.
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
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
        verbose: args.verbose,
        width: if args.output.is_some() {
            report::MAX_WIDTH
        } else {
            terminal_columns().map_or(report::MAX_WIDTH, |w| w.clamp(40, report::MAX_WIDTH))
        },
        table_width: if args.output.is_none() {
            terminal_columns()
        } else {
            None
        },
        csv_bom: args.csv_bom,
    };
    let view = match view_options(&args, format, checker.rules()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("rolefit: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let walk = run::WalkOptions {
        respect_ignore_files: !args.no_ignore,
    };
    let mut inputs = run::collect_inputs(&args.paths, walk);
    if let Some(output) = &args.output {
        // A previous report inside the folder being checked is not a resume.
        run::exclude(&mut inputs, output);
    }
    let ignore = settings.ignore_set();
    inputs.retain(|i| args.paths.iter().any(|p| p == i.path()) || !ignore.is_ignored(i.path()));
    if !inputs.iter().any(|i| i.is_checked()) {
        eprint!("{}", nothing_checked(&args.paths, &inputs));
        return Ok(EXIT_ERROR);
    }
    // A shard may be empty when there are fewer files than shards: not an error.
    if let Some(shard) = args.shard {
        shard.select(&mut inputs);
    }
    let checked = inputs.iter().filter(|i| i.is_checked()).count();
    let progress = if Progress::wanted(checked, args.no_progress) {
        Progress::stderr(checked)
    } else {
        Progress::hidden()
    };
    let run_options = RunOptions {
        jobs: args.jobs.map_or_else(run::default_jobs, |j| j as usize),
        prefetched,
    };
    let checker = Arc::new(checker);
    // The rules and matchers live until the process exits, which frees them
    // at once: dropping them piece by piece would cost a single check more
    // than a tenth of its time.
    std::mem::forget(Arc::clone(&checker));
    let summary = match &args.output {
        Some(path) => {
            // Written to a temporary file next to the target and renamed over
            // it at the end, so an interrupted run never leaves half a report.
            let mut file = AtomicFile::create(path)?;
            let summary = {
                let out: Box<dyn Write + '_> = Box::new(io::BufWriter::new(&mut file));
                let reporter = report::reporter(format, &run_info, &render, out);
                let mut viewer = Viewer::new(view, reporter);
                run::run(checker, inputs, &mut viewer, run_options, &progress)?
            };
            file.commit()?;
            if io::stderr().is_terminal() {
                eprintln!("rolefit: wrote {}", written_line(path, format, &summary));
            }
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
            let reporter = report::reporter(format, &run_info, &render, out);
            let mut viewer = Viewer::new(view, reporter);
            run::run(checker, inputs, &mut viewer, run_options, &progress)?
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

/// The terminal's width: `COLUMNS`, else the size of the terminal on
/// standard output; `None` when neither is known.
fn terminal_columns() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return Some(n);
    }
    terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| w.0 as usize)
}

/// `--sort`, `--top`, `--require` and `--no-group` for the view; a ranking
/// format is by score and folds applications, the others keep the run's
/// order and a result per file (NDJSON streams unless a view is asked for).
fn view_options(
    args: &CheckArgs,
    format: report::OutputFormat,
    rules: &RuleSet,
) -> Result<ViewOptions, String> {
    let require = args
        .require
        .iter()
        .filter(|id| !id.trim().is_empty())
        .map(|id| Condition::parse(id, rules))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ViewOptions {
        sort: match args.sort {
            None if format.is_ranking() => SortKey::Score,
            None => SortKey::Run,
            Some(SortArg::Score) => SortKey::Score,
            Some(SortArg::Name) => SortKey::Name,
            Some(SortArg::Path) => SortKey::Path,
            Some(SortArg::Years) => SortKey::Years,
        },
        top: args.top.map(|n| n as usize),
        require,
        // NDJSON streams: without a view asked for, no grouping either.
        grouping: if args.no_group
            || (format == report::OutputFormat::Ndjson
                && args.sort.is_none()
                && args.top.is_none()
                && args.require.is_empty())
        {
            Grouping::Off
        } else if format.is_ranking() {
            Grouping::Fold
        } else {
            Grouping::Mark
        },
    })
}

/// "report.html (html, 58 rows from 60 files)".
fn written_line(path: &Path, format: report::OutputFormat, summary: &Summary) -> String {
    let shown = summary.files - summary.duplicates - summary.not_shown;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{} ({format}, {shown} row{} from {} file{})",
        path.display(),
        plural(shown),
        summary.files,
        plural(summary.files)
    )
}

/// Why a run found no resume: what was skipped, and which formats are read.
fn nothing_checked(paths: &[PathBuf], inputs: &[run::Input]) -> String {
    let mut text = String::from("rolefit: no resumes found in the given paths\n");
    let by_name: Vec<String> = inputs
        .iter()
        .map(|i| i.path().display().to_string())
        .collect();
    if !by_name.is_empty() {
        text.push_str(&format!("  {}\n", report::human::skipped_line(&by_name)));
    }
    let over = run::passed_over(paths);
    if !over.by_type.is_empty() {
        let types: Vec<String> = over
            .by_type
            .iter()
            .map(|(ext, n)| match ext.as_str() {
                "" => format!("{n} without an extension"),
                ext => format!("{n} .{ext}"),
            })
            .collect();
        text.push_str(&format!(
            "  skipped as a type rolefit does not read: {}\n",
            types.join(", ")
        ));
    }
    if over.hidden > 0 {
        text.push_str(&format!(
            "  skipped as hidden (a name starting with `.`): {}\n",
            over.hidden
        ));
    }
    if over.ignored > 0 {
        text.push_str(&format!(
            "  skipped by .gitignore, .ignore or .rolefitignore: {} (--no-ignore checks them)\n",
            over.ignored
        ));
    }
    let formats: Vec<String> = run::SUPPORTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    text.push_str(&format!(
        "rolefit reads {} (JSON Resume) in folders; name any other file to have it read by its content\n",
        formats.join(", ")
    ));
    text
}

/// `rolefit diff OLD NEW`: two reports compared by path, or two versions of a
/// resume checked against one role and compared.
fn diff(args: DiffArgs) -> anyhow::Result<u8> {
    let report = |path: &Path| -> Option<Baseline> {
        let text = std::fs::read_to_string(path).ok()?;
        Baseline::from_report(&text, args.tolerance).ok()
    };
    let (changes, added, removed) = match (report(&args.old), report(&args.new)) {
        (Some(old), Some(new)) => baseline::compare_reports(&old, &new),
        _ => {
            let Some(rules) = load_rules(&project_rules(args.rules.rules.clone())) else {
                return Ok(EXIT_ERROR);
            };
            let as_of = args.as_of.unwrap_or_else(YearMonth::current);
            // One resume checked against `role`; its error printed.
            let check_one = |path: &Path, role: RoleChoice, rules: RuleSet| {
                let options = CheckOptions {
                    role,
                    as_of,
                    ..CheckOptions::default()
                };
                let checker =
                    Checker::new(rules, options).map_err(|e| eprintln!("rolefit: error: {e}"))?;
                let result = checker.check_extracted(path, checker.extract(path));
                match result.checked {
                    Some(c) => Ok((result.path, c)),
                    None => {
                        let why = result.error.map(|e| e.to_string()).unwrap_or_default();
                        eprintln!("rolefit: {}: {why}", result.path);
                        Err(())
                    }
                }
            };
            let role = args.role.clone().map_or(RoleChoice::Auto, RoleChoice::Id);
            let Ok((old_path, before)) = check_one(&args.old, role, rules.clone()) else {
                return Ok(EXIT_ERROR);
            };
            // The new version is scored against the role the old one was.
            let same_role = RoleChoice::Id(before.role.id.clone());
            let Ok((new_path, after)) = check_one(&args.new, same_role, rules) else {
                return Ok(EXIT_ERROR);
            };
            let now = Before::of(&after);
            let change = Change {
                old: old_path,
                new: new_path,
                score: now.score,
                comparison: baseline::compare(&Before::of(&before), &now, args.tolerance),
            };
            (vec![change], Vec::new(), Vec::new())
        }
    };
    let worse = changes.iter().any(|c| c.comparison.worse);
    let mut out = io::stdout().lock();
    match args.format {
        DiffFormat::Json => {
            let report = serde_json::json!({
                "schema_version": report::SCHEMA_VERSION,
                "tool": Tool::default(),
                "tolerance": args.tolerance,
                "worse": worse,
                "changes": changes,
                "added": added,
                "removed": removed,
            });
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        DiffFormat::Human => {
            for c in &changes {
                let d = &c.comparison;
                let name = if c.old == c.new {
                    c.new.clone()
                } else {
                    format!("{} → {}", c.old, c.new)
                };
                writeln!(
                    out,
                    "{name}: score {} → {} ({:+}){}",
                    d.score_before,
                    c.score,
                    d.score_delta,
                    if d.worse { "  WORSE" } else { "" }
                )?;
                if !d.new_gaps.is_empty() {
                    writeln!(out, "  newly missing: {}", d.new_gaps.join(", "))?;
                }
                if !d.fixed_gaps.is_empty() {
                    writeln!(out, "  now met: {}", d.fixed_gaps.join(", "))?;
                }
                writeln!(out, "  still missing: {}", d.unchanged_gaps)?;
            }
            for p in &added {
                writeln!(out, "{p}: only in the new report")?;
            }
            for p in &removed {
                writeln!(out, "{p}: only in the old report")?;
            }
        }
    }
    Ok(if worse { EXIT_BELOW_MIN } else { EXIT_OK })
}
