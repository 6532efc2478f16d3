//! `rolefit man`: roff pages from the clap definition, with the sections clap
//! does not write (EXIT STATUS, EXAMPLES, ENVIRONMENT).

use std::io::{self, Write};
use std::path::Path;

use clap::Command;
use clap_mangen::Man;

/// Writes the page of `cmd` (a built command or subcommand).
pub fn render(cmd: &Command, w: &mut dyn Write) -> io::Result<()> {
    let man = Man::new(cmd.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(w)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(w)?;
    }
    let examples = examples(cmd.get_name());
    if !examples.is_empty() {
        writeln!(w, ".SH EXAMPLES")?;
        for (command, what) in examples {
            writeln!(w, ".TP\n\\fB{}\\fR\n{what}", roff_escape(command))?;
        }
    }
    writeln!(w, ".SH \"EXIT STATUS\"")?;
    for (code, what) in EXIT_STATUS {
        writeln!(w, ".TP\n\\fB{code}\\fR\n{what}")?;
    }
    writeln!(w, ".SH ENVIRONMENT")?;
    for (name, what) in ENVIRONMENT {
        writeln!(w, ".TP\n\\fB{name}\\fR\n{what}")?;
    }
    if cmd.get_version().is_some() {
        man.render_version_section(w)?;
    }
    Ok(())
}

/// Writes the page of `cmd` and of each of its subcommands into `dir`
/// (`rolefit.1`, `rolefit-check.1`, `rolefit-rules-validate.1`, …).
pub fn write_all(cmd: &Command, dir: &Path) -> io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_all(sub, dir)?;
    }
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    let mut file = io::BufWriter::new(std::fs::File::create(dir.join(format!("{name}.1")))?);
    render(cmd, &mut file)?;
    file.flush()
}

const EXIT_STATUS: [(&str, &str); 3] = [
    ("0", "Every resume was checked and, with \\-\\-min\\-score, scored at or above it; other commands: success."),
    ("1", "At least one resume scored below \\-\\-min\\-score, got worse than in \\-\\-baseline or lost facts of \\-\\-source; for \\fBrolefit diff\\fR, the new version is worse."),
    ("2", "A usage, rules or configuration error, no resume found, or at least one file that could not be read (the report still covers every other file)."),
];

const ENVIRONMENT: [(&str, &str); 4] = [
    ("COLUMNS", "The width the human report is laid out in (at most 100); without it, the terminal's width, or 100 when the output is not a terminal."),
    ("NO_COLOR", "When set and not empty, no colour with \\-\\-color auto."),
    ("CLICOLOR, CLICOLOR_FORCE", "CLICOLOR=0 turns colour off with \\-\\-color auto; CLICOLOR_FORCE=1 turns it on even when the output is not a terminal."),
    ("TERM", "TERM=dumb turns colour off with \\-\\-color auto."),
];

/// Example command lines of a (sub)command, each with what it does.
fn examples(command: &str) -> &'static [(&'static str, &'static str)] {
    match command {
        "rolefit" | "check" => &[
            ("rolefit check resume.pdf", "Check one resume against the role it fits best."),
            ("rolefit check --role production-engineer resume.docx", "Check against one role."),
            ("rolefit check resume.pdf --verbose", "Also list the certifications and skills the role does not ask for, and every gap's advice."),
            ("rolefit check resume.pdf --job posting.txt", "Layer a job posting's requirements over the role's."),
            ("rolefit check applicants/ --format html -o report.html", "Check a folder and write an HTML report."),
            ("rolefit check resumes/ --format json --min-score 70", "In CI: a JSON report, exit 1 when a resume scores below 70."),
        ],
        "explain" => &[
            ("rolefit explain cpt", "What the CPT certification is, how rolefit recognises it, and which roles ask for it."),
            ("rolefit explain \"green belt\"", "Find a term by a wording a resume uses (here: six-sigma)."),
            ("rolefit explain skill.communication", "A requirement: its weight, message, advice and source."),
            ("rolefit explain multi-column", "An ATS-readability risk and how to fix it."),
        ],
        "diff" => &[
            ("rolefit diff old.pdf new.pdf", "What a new version of a resume gained or lost."),
            ("rolefit diff before.json after.json", "Compare two JSON reports."),
        ],
        "roles" => &[("rolefit roles", "List the loaded role profiles.")],
        "extract" => &[
            ("rolefit extract resume.pdf", "The text rolefit reads."),
            ("rolefit extract resume.pdf --view ats", "The text a simple ATS reads, beside rolefit's."),
        ],
        "validate" => &[("rolefit rules validate my-rules/", "Check user rule files.")],
        "completions" => &[(
            "rolefit completions bash > ~/.local/share/bash-completion/completions/rolefit",
            "Install bash completion, with the role and explain ids of the rules loaded here.",
        )],
        "man" => &[("rolefit man --out-dir man/", "Write every page.")],
        _ => &[],
    }
}

/// A command line as roff text: backslashes and dashes escaped.
fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('-', "\\-")
}
