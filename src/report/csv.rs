//! `--format csv`: one row per resume, for spreadsheets.
//!
//! A resume is untrusted input and recruiters open CSV files in spreadsheets,
//! so every cell whose first non-blank character could start a formula (`=`,
//! `+`, `-`, `@`, tab, carriage return) is neutralised with a leading `'`
//! (OWASP's advice against CSV injection). Rows come in the view's order
//! (by rank unless `--sort` says otherwise: see [`crate::view`]) and are
//! written as they arrive. `passed` is empty without `--min-score`; the
//! report starts with a UTF-8 byte-order mark with `--csv-bom` (Excel reads
//! the file as UTF-8 only then).

use std::borrow::Cow;
use std::io::{self, Write};

use super::row::{strip_controls, Row};
use super::{Reporter, RunInfo};
use crate::check::FileResult;
use crate::run::Summary;

/// The header row.
pub const COLUMNS: &[&str] = &[
    "rank",
    "name",
    "email",
    "phone",
    "location",
    "links",
    "path",
    "other_files",
    "status",
    "error_kind",
    "error_message",
    "role",
    "role_name",
    "score",
    "passed",
    "level",
    "years_experience",
    "latest_title",
    "education",
    "engineering_degree",
    "certifications_held",
    "certifications_in_progress",
    "skills_present",
    "skills_total",
    "missing_required",
    "top_gaps",
    "gaps",
    "quantified_bullets",
    "bullets",
    "flags",
    "other_roles",
    "warnings",
    "ats_high_risks",
    "ats_high_risk_ids",
];

/// Writes one CSV row per file.
pub struct CsvReporter<'a> {
    out: csv::Writer<Box<dyn Write + 'a>>,
    run: RunInfo,
    bom: bool,
    header_written: bool,
}

impl<'a> CsvReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo, bom: bool) -> Self {
        CsvReporter {
            out: csv::WriterBuilder::new().flexible(false).from_writer(out),
            run,
            bom,
            header_written: false,
        }
    }

    fn header(&mut self) -> io::Result<()> {
        if !self.header_written {
            // The mark goes before the first byte: the first heading's.
            let first = if self.bom { "\u{feff}rank" } else { COLUMNS[0] };
            self.out
                .write_record(std::iter::once(first).chain(COLUMNS[1..].iter().copied()))?;
            self.header_written = true;
        }
        Ok(())
    }
}

/// The cells of a row, in [`COLUMNS`] order, not yet neutralised;
/// `passed` only when a minimum score was set.
pub fn cells(row: &Row, min_score: Option<u32>) -> Vec<String> {
    let who = &row.candidate;
    let mut cells = vec![
        row.rank.map(|r| r.to_string()).unwrap_or_default(),
        who.name.clone().unwrap_or_default(),
        who.email.clone().unwrap_or_default(),
        who.phone.clone().unwrap_or_default(),
        who.location.clone().unwrap_or_default(),
        who.links.join("; "),
        row.path.clone(),
        row.duplicates.join("; "),
        row.status.to_string(),
        row.error_kind.unwrap_or_default().to_string(),
        row.error_message.clone().unwrap_or_default(),
    ];
    match &row.checked {
        None => cells.extend(std::iter::repeat_n(
            String::new(),
            COLUMNS.len() - cells.len() - ATS_COLUMNS,
        )),
        Some(c) => cells.extend([
            c.role_id.clone(),
            c.role_name.clone(),
            c.score.to_string(),
            if min_score.is_some() {
                c.passed.to_string()
            } else {
                String::new()
            },
            c.level.to_string(),
            format!("{:.1}", c.years),
            c.latest_title.clone().unwrap_or_default(),
            c.education.to_string(),
            c.engineering_degree.to_string(),
            c.certs_held
                .iter()
                .map(|x| x.short())
                .collect::<Vec<_>>()
                .join("; "),
            c.certs_in_progress
                .iter()
                .map(|x| x.short())
                .collect::<Vec<_>>()
                .join("; "),
            c.skills_present.join("; "),
            c.skills_total.to_string(),
            c.missing_required.join("; "),
            c.top_gaps
                .iter()
                .map(|g| g.message.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            c.gaps.to_string(),
            c.quantified.to_string(),
            c.bullets.to_string(),
            c.flags.join("; "),
            c.other_roles
                .iter()
                .map(|(id, s)| format!("{id}: {s}"))
                .collect::<Vec<_>>()
                .join("; "),
            c.warnings.join(" | "),
        ]),
    }
    // Every file, checked or not (a scan has `image-only`).
    let high = row.ats_high();
    cells.push(high.len().to_string());
    cells.push(high.join("; "));
    cells
}

/// The ATS columns, last in [`COLUMNS`].
const ATS_COLUMNS: usize = 2;

/// Makes a cell safe to open in a spreadsheet: control characters replaced,
/// and a `'` put in front of a cell whose first non-blank character is `=`,
/// `+`, `-`, `@`, tab or carriage return (or that starts with any of them).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let starts_dangerous = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let trimmed = cell.trim_start_matches([' ', '\u{a0}', '\n', '\t', '\r']);
    let cleaned = strip_controls(cell);
    if starts_dangerous(cell) || starts_dangerous(trimmed) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

impl Reporter for CsvReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        self.header()?;
        let row = Row::from_result(result);
        let cells = cells(&row, self.run.min_score);
        self.out
            .write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.header()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =1+1",
            "\n=1",
        ] {
            let out = neutralise(bad);
            assert!(out.starts_with('\''), "{bad:?} → {out:?}");
        }
        for fine in ["fixtures/a.txt", "12", "a=b", "", "x-y"] {
            assert_eq!(neutralise(fine), fine);
        }
    }

    #[test]
    fn error_rows_have_every_column() {
        let r = FileResult::failed(
            "x",
            crate::error::FileError::new(crate::error::ErrorKind::Unreadable, "m"),
        );
        assert_eq!(cells(&Row::from_result(&r), None).len(), COLUMNS.len());
    }
}
