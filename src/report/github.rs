//! `--format github`: GitHub Actions workflow commands, one annotation per
//! resume, then a summary notice.
//!
//! - `::error` — the file could not be checked, or scored below `--min-score`;
//! - `::warning` — checked and passed, but a `required` requirement is unmet;
//! - `::notice` — checked, every required requirement met.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r`, `\n` become
//! `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A`, `%2C`.
//! Other control characters are replaced, so a resume cannot start a command
//! of its own.

use std::io::{self, Write};

use super::row::{strip_controls, Row};
use super::{Reporter, RunInfo};
use crate::check::FileResult;
use crate::run::Summary;

/// Writes one annotation per file as it arrives.
pub struct GithubReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
}

impl<'a> GithubReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        GithubReporter { out, run }
    }
}

/// Escapes a workflow-command message.
pub fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    strip_controls(&escaped).into_owned()
}

/// Escapes a workflow-command property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line.
pub fn command(name: &str, properties: &[(&str, &str)], message: &str) -> String {
    let props: Vec<String> = properties
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    let sep = if props.is_empty() { "" } else { " " };
    format!("::{name}{sep}{}::{}", props.join(","), escape_data(message))
}

fn annotation(row: &Row, min_score: Option<u32>) -> String {
    let path = row.path.as_str();
    let Some(c) = &row.checked else {
        let title = format!(
            "rolefit: could not check this file ({})",
            row.error_kind.unwrap_or("error")
        );
        let mut message = row.error_text();
        if !row.ats.is_empty() {
            message.push_str(&format!("\nATS readability risks: {}.", row.ats_summary()));
        }
        return command("error", &[("file", path), ("title", &title)], &message);
    };
    let mut message = format!(
        "Best fit: {} — score {}/100, level {}, {:.1} years, education {}.",
        c.role_name, c.score, c.level, c.years, c.education
    );
    if !c.certs_held.is_empty() {
        let held: Vec<String> = c.certs_held.iter().map(|x| x.long()).collect();
        message.push_str(&format!(" Certifications: {}.", held.join(", ")));
    }
    if !c.top_gaps.is_empty() {
        message.push_str("\nTop gaps:");
        for g in &c.top_gaps {
            message.push_str(&format!("\n- [{}] {}", g.severity.as_str(), g.message));
        }
    }
    if !row.ats.is_empty() {
        message.push_str(&format!("\nATS readability risks: {}.", row.ats_summary()));
    }
    if !c.passed {
        let title = format!(
            "rolefit: score {} is below --min-score {}",
            c.score,
            min_score.map(|m| m.to_string()).unwrap_or_default()
        );
        command("error", &[("file", path), ("title", &title)], &message)
    } else if !c.missing_required.is_empty() {
        let title = format!(
            "rolefit: {}/100, {} required item{} missing",
            c.score,
            c.missing_required.len(),
            if c.missing_required.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        command("warning", &[("file", path), ("title", &title)], &message)
    } else {
        let title = format!("rolefit: {}/100 as {}", c.score, c.role_name);
        command("notice", &[("file", path), ("title", &title)], &message)
    }
}

impl Reporter for GithubReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let line = annotation(&Row::from_result(result), self.run.min_score);
        writeln!(self.out, "{line}")
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let min = self
            .run
            .min_score
            .map(|m| {
                format!(
                    ", {} passed, {} below --min-score {m}",
                    summary.passed, summary.failed
                )
            })
            .unwrap_or_default();
        let message = format!(
            "{} file{} checked: {} ok, {} could not be checked{min}",
            summary.files,
            if summary.files == 1 { "" } else { "s" },
            summary.ok,
            summary.errors
        );
        writeln!(
            self.out,
            "{}",
            command("notice", &[("title", "rolefit summary")], &message)
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            command(
                "error",
                &[("file", "x,y.txt"), ("title", "t:1")],
                "line1\n::warning::x"
            ),
            "::error file=x%2Cy.txt,title=t%3A1::line1%0A::warning::x"
        );
        // An escape sequence cannot slip through.
        assert!(!escape_data("a\u{1b}[2Jb").contains('\u{1b}'));
    }
}
