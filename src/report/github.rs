//! `--format github`: GitHub Actions workflow commands, one annotation per
//! resume, then a summary notice.
//!
//! - `::error` — the file could not be checked, or scored below `--min-score`;
//! - `::warning` — checked and passed, but a `required` requirement is unmet;
//! - `::notice` — checked, every required requirement met.
//!
//! GitHub shows at most 10 annotations of each kind per step: errors come
//! first, then warnings, then notices, at most [`PER_KIND`] of each (the
//! lowest scores first within a kind), and the summary notice says how many
//! were left out.
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

/// Annotations of one kind GitHub shows per step.
pub const PER_KIND: usize = 10;

/// Keeps one annotation per file and writes the most important at the end.
pub struct GithubReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    /// (kind rank: 0 error, 1 warning, 2 notice; score; arrival; command).
    annotations: Vec<(u8, u32, usize, String)>,
}

impl<'a> GithubReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        GithubReporter {
            out,
            run,
            annotations: Vec::new(),
        }
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
        let title = if c.worse_than_baseline {
            format!("rolefit: score {} is worse than in --baseline", c.score)
        } else {
            format!(
                "rolefit: score {} is below --min-score {}",
                c.score,
                min_score.map(|m| m.to_string()).unwrap_or_default()
            )
        };
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
        let row = Row::from_result(result);
        let line = annotation(&row, self.run.min_score);
        let rank = match line.split([' ', ':']).nth(2) {
            Some("error") => 0,
            Some("warning") => 1,
            _ => 2,
        };
        let score = row.checked.as_ref().map_or(0, |c| c.score);
        let arrival = self.annotations.len();
        self.annotations.push((rank, score, arrival, line));
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let mut annotations = std::mem::take(&mut self.annotations);
        annotations.sort_by_key(|(rank, score, arrival, _)| (*rank, *score, *arrival));
        let mut shown = [0usize; 3];
        let mut left_out = 0;
        for (rank, _, _, line) in &annotations {
            // The summary is a notice too: one notice slot stays free for it.
            let cap = if *rank == 2 { PER_KIND - 1 } else { PER_KIND };
            let n = &mut shown[usize::from(*rank)];
            if *n < cap {
                *n += 1;
                writeln!(self.out, "{line}")?;
            } else {
                left_out += 1;
            }
        }
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
        let more = if left_out > 0 {
            format!(
                " ({left_out} more annotation{} not shown: GitHub shows {PER_KIND} of each kind per step)",
                if left_out == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let message = format!(
            "{} file{} checked: {} ok, {} could not be checked{min}{more}",
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
