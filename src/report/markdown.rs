//! `--format markdown`: a ranked summary table (for a pull-request comment, a
//! job summary, a wiki). Resume text in cells is escaped: pipes cannot break
//! the table and markup (`*`, `_`, `` ` ``, `[`, `<`, …) renders as text.

use std::io::{self, Write};

use super::row::{strip_controls, Row};
use super::{Reporter, RunInfo};
use crate::check::FileResult;
use crate::run::Summary;

/// Keeps one small row per file; writes the ranked table at the end.
pub struct MarkdownReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    rows: Vec<Row>,
}

impl<'a> MarkdownReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        MarkdownReporter {
            out,
            run,
            rows: Vec::new(),
        }
    }
}

/// Escapes text for one table cell: line breaks become spaces, Markdown and
/// HTML punctuation is backslash-escaped (CommonMark allows it for any ASCII
/// punctuation), so nothing in it is markup.
pub fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in strip_controls(text).chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&' | '@' | '$'
            | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The ATS cell: the count of high risks and their ids.
fn ats_high(row: &Row) -> String {
    let high = row.ats_high();
    if high.is_empty() {
        "0".to_string()
    } else {
        format!("{} ({})", high.len(), escape_cell(&high.join(", ")))
    }
}

impl Reporter for MarkdownReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        self.rows.push(Row::from_result(result));
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let out = &mut self.out;
        writeln!(out, "# rolefit report\n")?;
        let min = self
            .run
            .min_score
            .map(|m| {
                format!(
                    " ({} passed, {} below --min-score {m})",
                    summary.passed, summary.failed
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{} file{} checked: **{} ok**{min}, **{} could not be checked**. As of {}, rolefit {}.\n",
            summary.files,
            if summary.files == 1 { "" } else { "s" },
            summary.ok,
            summary.errors,
            escape_cell(&self.run.as_of),
            self.run.tool.version
        )?;
        if !summary.skipped.is_empty() {
            writeln!(
                out,
                "{}\n",
                escape_cell(&super::human::skipped_line(&summary.skipped))
            )?;
        }
        let checked: Vec<&Row> = self.rows.iter().filter(|r| r.checked.is_some()).collect();
        if !checked.is_empty() {
            // A Result column only when there is a minimum to pass.
            let result = self.run.min_score.is_some();
            writeln!(
                out,
                "| Rank | Candidate | Score | Best-fit role |{} Level | Years | Education | Key certifications | Top gaps | ATS high risks | File |",
                if result { " Result |" } else { "" }
            )?;
            writeln!(
                out,
                "|---:|---|---:|---|{}---|---:|---|---|---|---|---|",
                if result { "---|" } else { "" }
            )?;
            for (i, row) in checked.iter().enumerate() {
                let Some(c) = &row.checked else { continue };
                let certs: Vec<String> = c
                    .certs_held
                    .iter()
                    .map(|x| escape_cell(&x.long()))
                    .collect();
                let gaps: Vec<String> =
                    c.top_gaps.iter().map(|g| escape_cell(&g.message)).collect();
                writeln!(
                    out,
                    "| {} | {} | {} | {} |{} {} | {:.1} | {}{} | {} | {} | {} | {} |",
                    row.rank.unwrap_or(i + 1),
                    escape_cell(&row.display_name()),
                    c.score,
                    escape_cell(&c.role_name),
                    if result {
                        format!(" {} |", row.outcome())
                    } else {
                        String::new()
                    },
                    c.level,
                    c.years,
                    c.education.as_str().replace('_', " "),
                    if c.engineering_degree {
                        " (engineering)"
                    } else {
                        ""
                    },
                    if certs.is_empty() {
                        "—".to_string()
                    } else {
                        certs.join(", ")
                    },
                    if gaps.is_empty() {
                        "—".to_string()
                    } else {
                        gaps.join("; ")
                    },
                    ats_high(row),
                    row.files().map(escape_cell).collect::<Vec<_>>().join(", "),
                )?;
            }
            writeln!(out)?;
        }
        let failed: Vec<&Row> = self.rows.iter().filter(|r| r.checked.is_none()).collect();
        if !failed.is_empty() {
            writeln!(out, "## Files that could not be checked\n")?;
            writeln!(out, "| File | Error | Message |")?;
            writeln!(out, "|---|---|---|")?;
            for row in failed {
                writeln!(
                    out,
                    "| {} | {} | {} |",
                    escape_cell(&row.path),
                    row.error_kind.unwrap_or("error"),
                    escape_cell(row.error_message.as_deref().unwrap_or(""))
                )?;
            }
            writeln!(out)?;
        }
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_out() {
        let e = escape_cell("a|b\n<script>alert(1)</script> *x* [l](http://e)");
        assert!(!e.contains('\n'));
        assert_eq!(e.matches('|').count(), e.matches("\\|").count());
        assert!(e.contains("\\<script\\>"));
        assert!(e.contains("\\[l\\]"));
    }
}
