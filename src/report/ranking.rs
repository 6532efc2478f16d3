//! The terminal ranking table of `--format human`: one line per candidate,
//! the name first, sized to the terminal's width (columns shrink, then the
//! least useful go, so that no line wraps).

use super::row::{strip_controls, Row};
use crate::analyze::{NOT_A_RESUME, NOT_ENGLISH};

/// The width used when the terminal's is not known.
pub const DEFAULT_WIDTH: usize = 100;
/// The narrowest table laid out; a narrower terminal gets this anyway.
const MIN_WIDTH: usize = 40;

/// A column: heading, whether it is right-aligned, the width it may shrink
/// to (0: never shrinks), and the order in which columns go when even the
/// shrunk table is too wide (lower goes first; `None` stays).
struct Column {
    head: &'static str,
    right: bool,
    min: usize,
    drop: Option<u8>,
}

const COLUMNS: [Column; 9] = [
    Column {
        head: "#",
        right: true,
        min: 0,
        drop: None,
    },
    Column {
        head: "candidate",
        right: false,
        min: 12,
        drop: None,
    },
    Column {
        head: "score",
        right: true,
        min: 0,
        drop: None,
    },
    Column {
        head: "best fit",
        right: false,
        min: 12,
        drop: Some(4),
    },
    Column {
        head: "level",
        right: false,
        min: 0,
        drop: Some(2),
    },
    Column {
        head: "years",
        right: true,
        min: 0,
        drop: Some(5),
    },
    Column {
        head: "certifications",
        right: false,
        min: 10,
        drop: Some(3),
    },
    Column {
        head: "top gaps",
        right: false,
        min: 14,
        drop: Some(6),
    },
    Column {
        head: "file",
        right: false,
        min: 16,
        drop: Some(1),
    },
];

/// Space between columns.
const GAP: usize = 2;

/// What a line of the table is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Head,
    Passed,
    Below,
    Error,
}

/// The table's lines (heading first), each at most `width` characters.
pub fn lines(rows: &[Row], width: usize) -> Vec<(Kind, String)> {
    let width = width.max(MIN_WIDTH);
    let cells: Vec<[String; 9]> = rows.iter().enumerate().map(|(i, r)| cells(i, r)).collect();
    let mut widths: Vec<usize> = COLUMNS.iter().map(|c| c.head.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    // Each column's least width: its `min` (a fixed column: its content).
    let least: Vec<usize> = (0..9)
        .map(|i| match COLUMNS[i].min {
            0 => widths[i],
            m => widths[i].min(m.max(COLUMNS[i].head.chars().count())),
        })
        .collect();
    let mut shown = [true; 9];
    let total = |w: &[usize], shown: &[bool; 9]| -> usize {
        let n = shown.iter().filter(|s| **s).count();
        (0..9).filter(|&i| shown[i]).map(|i| w[i]).sum::<usize>() + GAP * n.saturating_sub(1)
    };
    // Drop the least useful columns until the table fits at its least widths…
    while total(&least, &shown) > width {
        let next = (0..9)
            .filter(|&i| shown[i])
            .filter_map(|i| COLUMNS[i].drop.map(|d| (d, i)))
            .min();
        match next {
            Some((_, i)) => shown[i] = false,
            None => break,
        }
    }
    // …then give out the room left, the smallest wants first and whole, so
    // a short column (a role id) is shown in full before a long one (the
    // gaps' sentences) takes the rest.
    let mut spare = width.saturating_sub(total(&least, &shown));
    let mut wants: Vec<(usize, usize)> = (0..9)
        .filter(|&i| shown[i] && widths[i] > least[i])
        .map(|i| (widths[i] - least[i], i))
        .collect();
    wants.sort();
    let mut given = least.clone();
    for (want, i) in wants {
        let take = want.min(spare);
        given[i] += take;
        spare -= take;
    }
    let widths = given;
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().filter(|(i, _)| shown[*i]) {
            if !s.is_empty() {
                s.push_str(&" ".repeat(GAP));
            }
            let text = shorten(c, widths[i]);
            let pad = " ".repeat(widths[i].saturating_sub(text.chars().count()));
            if COLUMNS[i].right {
                s.push_str(&pad);
                s.push_str(&text);
            } else {
                s.push_str(&text);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_string()
    };
    let head: Vec<String> = COLUMNS.iter().map(|c| c.head.to_string()).collect();
    let mut out = vec![(Kind::Head, line(&head))];
    for (r, c) in rows.iter().zip(&cells) {
        let kind = match &r.checked {
            None => Kind::Error,
            Some(c) if !c.passed => Kind::Below,
            Some(_) => Kind::Passed,
        };
        out.push((kind, line(c)));
    }
    out
}

fn cells(i: usize, r: &Row) -> [String; 9] {
    let mut file = strip_controls(&r.path).into_owned();
    if !r.duplicates.is_empty() {
        file.push_str(&format!(" (+{} more)", r.duplicates.len()));
    }
    let place = r.rank.unwrap_or(i + 1).to_string();
    match &r.checked {
        Some(c) => {
            let certs: Vec<String> = c.certs_held.iter().map(|x| x.short()).collect();
            let gaps: Vec<&str> = c.top_gaps.iter().map(|g| g.message.as_str()).collect();
            let doubt = c
                .flags
                .iter()
                .any(|f| f == NOT_A_RESUME || f == NOT_ENGLISH);
            [
                place,
                r.display_name(),
                format!(
                    "{}{}{}",
                    c.score,
                    if c.passed { "" } else { "!" },
                    if doubt { "?" } else { "" }
                ),
                c.role_id.clone(),
                c.level.to_string(),
                format!("{:.1}", c.years),
                or_dash(certs.join(", ")),
                or_dash(gaps.join("; ")),
                file,
            ]
        }
        None => [
            "-".into(),
            r.display_name(),
            "-".into(),
            r.error_kind.unwrap_or("error").to_string(),
            String::new(),
            String::new(),
            String::new(),
            strip_controls(r.error_message.as_deref().unwrap_or("")).into_owned(),
            file,
        ],
    }
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "-".into()
    } else {
        s
    }
}

/// `text` cut to `max` characters, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FileResult;
    use crate::error::{ErrorKind, FileError};

    #[test]
    fn lines_fit_the_width_and_keep_the_name() {
        let rows: Vec<Row> = (0..3)
            .map(|i| {
                Row::from_result(&FileResult::failed(
                    format!("applicants/a-very-long-folder-name/candidate-number-{i}.pdf"),
                    FileError::new(
                        ErrorKind::Unreadable,
                        "a long message that would wrap a narrow terminal twice over",
                    ),
                ))
            })
            .collect();
        for width in [60, 80, 120] {
            let table = lines(&rows, width);
            assert!(table[0].1.starts_with("#  candidate"), "{}", table[0].1);
            for (_, l) in &table {
                assert!(l.chars().count() <= width, "{width}: {l}");
            }
        }
        let wide = lines(&rows, 200);
        assert!(wide[1].1.contains("candidate-number-0.pdf"));
    }
}
