//! Shared line building for structured formats (DOCX, ODT, HTML).
//!
//! Extractors walk their source tree and call [`Flow`] as they meet
//! paragraphs, line breaks, tables and text; `Flow` turns that into
//! [`RawLine`]s so every format lays text out the same way:
//!
//! - a paragraph is a line; a line break inside it starts a new line;
//! - a list paragraph gets a `• ` prefix and [`LineHint::ListItem`];
//! - a table row whose cells each hold at most one plain line becomes one line
//!   with the cells joined by ` | `; a row with a multi-line cell, a heading
//!   or a list item (a layout table) gives each cell's lines in reading order,
//!   keeping their hints;
//! - content nested in a paragraph (a text box anchored there) follows it;
//! - runs of blank lines collapse to one.
//!
//! Tables used for page layout (rows of cells side by side holding several
//! lines, headings, list items or sentences) are noted
//! ([`Flow::finish_with_tables`]) for the ATS check.

use crate::extract::facts::{LayoutTable, LineRef, MAX_ITEMS};
use crate::extract::{Document, LineHint, RawLine};

/// The separator placed between the cells of a one-line table row.
pub const CELL_SEPARATOR: &str = " | ";

/// Bullet characters that mark a hand-typed list item.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '◆', '◇', '►', '▶', '➢', '✓', '✔', '\u{F0B7}',
];

#[derive(Debug)]
enum Frame {
    Para {
        done: Vec<RawLine>,
        cur: String,
        hint: LineHint,
        /// Lines of content nested in the paragraph (text boxes), emitted after it.
        deferred: Vec<RawLine>,
        implicit: bool,
    },
    Table {
        lines: Vec<RawLine>,
        layout: TableNote,
    },
    Row {
        cells: Vec<Vec<RawLine>>,
    },
    Cell {
        lines: Vec<RawLine>,
    },
}

/// A table used for layout, as the flow saw it: its layout rows and the
/// texts of its first and last lines (to find them in the document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableNote {
    pub rows: u32,
    pub columns: u32,
    pub columns_of_text: bool,
    pub first: String,
    pub last: String,
}

impl TableNote {
    /// The table as a fact, its first and last lines found in `doc` (the
    /// first line with the first text, then the next with the last text).
    pub fn locate(&self, doc: &Document) -> LayoutTable {
        let same = |a: &str, b: &str| a.trim() == b.trim();
        let first = doc.lines.iter().position(|l| same(&l.text, &self.first));
        let last = first.and_then(|f| {
            doc.lines[f..]
                .iter()
                .position(|l| same(&l.text, &self.last))
                .map(|k| f + k)
        });
        let at = |i: usize| LineRef {
            page: doc.lines[i].page,
            line: doc.lines[i].number,
        };
        LayoutTable {
            rows: self.rows,
            columns: self.columns,
            columns_of_text: self.columns_of_text,
            first: first.map(at),
            last: last.map(at),
        }
    }
}

/// Whether a row is laid out as columns: two or more cells with content,
/// one of them with several lines, a heading or a list item, or two of
/// them with sentences. Returns the cells with content and whether two of
/// them hold three lines or more (columns of text).
fn layout_row(cells: &[Vec<RawLine>]) -> Option<(u32, bool)> {
    let filled: Vec<Vec<&RawLine>> = cells
        .iter()
        .map(|c| {
            c.iter()
                .filter(|l| !l.text.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect();
    if filled.len() < 2 {
        return None;
    }
    let structured = |c: &Vec<&RawLine>| c.len() > 1 || c.iter().any(|l| l.hint != LineHint::None);
    let sentences = filled
        .iter()
        .filter(|c| c.iter().any(|l| l.text.split_whitespace().count() >= 8))
        .count();
    if !filled.iter().any(structured) && sentences < 2 {
        return None;
    }
    let tall = filled.iter().filter(|c| c.len() >= 3).count();
    Some((filled.len() as u32, tall >= 2))
}

/// Builds lines from a walk over a structured document.
#[derive(Debug)]
pub struct Flow {
    out: Vec<RawLine>,
    stack: Vec<Frame>,
    /// Collapse runs of whitespace inside a line (HTML).
    collapse: bool,
    bytes: usize,
    max_bytes: usize,
    truncated: bool,
    /// Hint for the next implicit paragraph (an HTML `li` or `h2` opened).
    pending: LineHint,
    /// Tables used for layout (at most [`MAX_ITEMS`]).
    tables: Vec<TableNote>,
}

impl Flow {
    /// A flow keeping at most `max_bytes` of text; `collapse` folds runs of
    /// whitespace within a line into one space (HTML rules).
    pub fn new(max_bytes: usize, collapse: bool) -> Flow {
        Flow {
            out: Vec::new(),
            stack: Vec::new(),
            collapse,
            bytes: 0,
            max_bytes,
            truncated: false,
            pending: LineHint::None,
            tables: Vec::new(),
        }
    }

    /// True once the text budget was reached (later text is dropped).
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Starts a paragraph with a hint; an open implicit paragraph is closed first.
    pub fn start_para(&mut self, hint: LineHint) {
        self.close_implicit();
        self.stack.push(Frame::Para {
            done: Vec::new(),
            cur: String::new(),
            hint,
            deferred: Vec::new(),
            implicit: false,
        });
    }

    /// Changes the hint of the innermost open paragraph (known only after its properties).
    pub fn set_hint(&mut self, hint: LineHint) {
        if let Some(Frame::Para { hint: h, .. }) = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Para { .. }))
        {
            *h = hint;
        }
    }

    /// Ends the innermost paragraph (and anything left open inside it).
    pub fn end_para(&mut self) {
        while let Some(frame) = self.stack.pop() {
            let is_para = matches!(frame, Frame::Para { .. });
            self.close(frame);
            if is_para {
                break;
            }
        }
    }

    /// Ends a block (HTML `div`, `p`, …): closes an implicit paragraph so
    /// the text that follows starts a new line.
    pub fn block_boundary(&mut self) {
        self.close_implicit();
    }

    /// Opens a block (HTML `li`, `h1`, `div`…): the text that follows starts
    /// a new line, which takes `hint` unless it is `None`.
    pub fn start_block(&mut self, hint: LineHint) {
        self.close_implicit();
        if hint != LineHint::None {
            self.pending = hint;
        }
    }

    /// Closes a block opened with [`Flow::start_block`].
    pub fn end_block(&mut self) {
        self.close_implicit();
        self.pending = LineHint::None;
    }

    /// Adds text to the current paragraph (opening an implicit one if needed).
    pub fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.collapse && !self.in_para() && s.chars().all(char::is_whitespace) {
            return;
        }
        if self.bytes + s.len() > self.max_bytes {
            self.truncated = true;
            return;
        }
        self.bytes += s.len();
        self.ensure_para();
        if let Some(Frame::Para { cur, .. }) = self.stack.last_mut() {
            cur.push_str(s);
        }
    }

    /// A line break inside the current paragraph.
    pub fn line_break(&mut self) {
        if !self.in_para() {
            if self.collapse {
                // `<br>` between blocks: an empty line carries nothing.
                return;
            }
            self.ensure_para();
        }
        if let Some(Frame::Para {
            done, cur, hint, ..
        }) = self.stack.last_mut()
        {
            let text = std::mem::take(cur);
            // Continuation lines of a list item are not items themselves.
            let h = if done.is_empty() {
                *hint
            } else {
                continuation(*hint)
            };
            done.push(RawLine {
                text,
                hint: h,
                ..RawLine::default()
            });
        }
    }

    pub fn start_table(&mut self) {
        self.close_implicit();
        self.stack.push(Frame::Table {
            lines: Vec::new(),
            layout: TableNote::default(),
        });
    }

    pub fn end_table(&mut self) {
        self.pop_through(|f| matches!(f, Frame::Table { .. }));
    }

    pub fn start_row(&mut self) {
        self.close_implicit();
        self.stack.push(Frame::Row { cells: Vec::new() });
    }

    pub fn end_row(&mut self) {
        self.pop_through(|f| matches!(f, Frame::Row { .. }));
    }

    pub fn start_cell(&mut self) {
        self.close_implicit();
        self.stack.push(Frame::Cell { lines: Vec::new() });
    }

    pub fn end_cell(&mut self) {
        self.pop_through(|f| matches!(f, Frame::Cell { .. }));
    }

    /// Adds whole lines (headers, footers) at the current position.
    pub fn push_lines(&mut self, lines: Vec<RawLine>) {
        self.close_implicit();
        self.emit(lines);
    }

    /// Closes everything and returns the lines, blank runs collapsed.
    pub fn finish(self) -> Vec<RawLine> {
        self.finish_with_tables().0
    }

    /// [`Flow::finish`], with the tables used for layout.
    pub fn finish_with_tables(mut self) -> (Vec<RawLine>, Vec<TableNote>) {
        let lines = self.take();
        (lines, std::mem::take(&mut self.tables))
    }

    /// Closes everything and takes the lines so far, blank runs collapsed;
    /// the flow stays usable and its text budget carries on (one budget for
    /// many footnotes, each taken on its own).
    pub fn take(&mut self) -> Vec<RawLine> {
        while let Some(frame) = self.stack.pop() {
            self.close(frame);
        }
        self.pending = LineHint::None;
        let out = std::mem::take(&mut self.out);
        let mut lines = Vec::with_capacity(out.len());
        for line in out {
            let blank = line.text.trim().is_empty();
            if blank
                && lines
                    .last()
                    .is_none_or(|l: &RawLine| l.text.trim().is_empty())
            {
                continue;
            }
            lines.push(line);
        }
        while lines.last().is_some_and(|l| l.text.trim().is_empty()) {
            lines.pop();
        }
        lines
    }

    fn in_para(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Para { .. }))
    }

    fn ensure_para(&mut self) {
        if !self.in_para() {
            let hint = std::mem::take(&mut self.pending);
            self.stack.push(Frame::Para {
                done: Vec::new(),
                cur: String::new(),
                hint,
                deferred: Vec::new(),
                implicit: true,
            });
        }
    }

    fn close_implicit(&mut self) {
        if matches!(self.stack.last(), Some(Frame::Para { implicit: true, .. })) {
            if let Some(frame) = self.stack.pop() {
                self.close(frame);
            }
        }
    }

    fn pop_through(&mut self, is_target: impl Fn(&Frame) -> bool) {
        if !self.stack.iter().any(&is_target) {
            return;
        }
        while let Some(frame) = self.stack.pop() {
            let hit = is_target(&frame);
            self.close(frame);
            if hit {
                break;
            }
        }
    }

    fn close(&mut self, frame: Frame) {
        let lines = match frame {
            Frame::Para {
                mut done,
                cur,
                hint,
                deferred,
                ..
            } => {
                let h = if done.is_empty() {
                    hint
                } else {
                    continuation(hint)
                };
                done.push(RawLine {
                    text: cur,
                    hint: h,
                    ..RawLine::default()
                });
                let mut lines: Vec<RawLine> =
                    done.into_iter().map(|l| self.finish_line(l)).collect();
                if self.collapse || !deferred.is_empty() {
                    // An empty anchor paragraph of a text box, or an empty HTML block, says nothing.
                    lines.retain(|l| !l.text.is_empty());
                }
                lines.extend(deferred);
                lines
            }
            Frame::Table { lines, mut layout } => {
                let text = |l: &RawLine| l.text.trim().to_string();
                let mut filled = lines.iter().filter(|l| !l.text.trim().is_empty());
                if layout.rows > 0 && self.tables.len() < MAX_ITEMS {
                    layout.first = filled.next().map(text).unwrap_or_default();
                    layout.last = filled.next_back().map(text).unwrap_or(layout.first.clone());
                    self.tables.push(layout);
                }
                lines
            }
            Frame::Row { cells } => {
                if let Some((columns, of_text)) = layout_row(&cells) {
                    let table = self.stack.iter_mut().rev().find_map(|f| match f {
                        Frame::Table { layout, .. } => Some(layout),
                        _ => None,
                    });
                    if let Some(t) = table {
                        t.rows += 1;
                        t.columns = t.columns.max(columns);
                        t.columns_of_text |= of_text;
                    }
                }
                join_row(cells)
            }
            Frame::Cell { lines } => {
                // A cell directly in a table (no row): treat it as a row of one.
                if let Some(Frame::Row { cells }) = self.stack.last_mut() {
                    cells.push(lines);
                    return;
                }
                lines
            }
        };
        self.emit(lines);
    }

    fn finish_line(&self, mut line: RawLine) -> RawLine {
        let mut text = if self.collapse {
            collapse_ws(&line.text)
        } else {
            line.text.trim().to_string()
        };
        if line.hint == LineHint::ListItem {
            if !text.is_empty() && !text.starts_with(BULLETS) {
                text.insert_str(0, "• ");
            }
        } else if line.hint == LineHint::None && text.starts_with(BULLETS) {
            line.hint = LineHint::ListItem;
        }
        line.text = text;
        line
    }

    fn emit(&mut self, lines: Vec<RawLine>) {
        if lines.is_empty() {
            return;
        }
        match self.stack.last_mut() {
            Some(Frame::Para { deferred, .. }) => deferred.extend(lines),
            Some(Frame::Cell { lines: l }) => {
                l.extend(lines.into_iter().filter(|l| !l.text.trim().is_empty()))
            }
            Some(Frame::Row { cells }) => cells.push(lines),
            Some(Frame::Table { lines: l, .. }) => l.extend(lines),
            None => self.out.extend(lines),
        }
    }
}

fn continuation(hint: LineHint) -> LineHint {
    match hint {
        LineHint::ListItem => LineHint::None,
        h => h,
    }
}

/// Joins a table row into lines (see the module doc).
fn join_row(cells: Vec<Vec<RawLine>>) -> Vec<RawLine> {
    let cells: Vec<Vec<RawLine>> = cells
        .into_iter()
        .map(|c| {
            c.into_iter()
                .filter(|l| !l.text.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect();
    if cells.is_empty() {
        return Vec::new();
    }
    // Layout rows keep their lines: a cell with several lines, or a heading or
    // list item in a cell (a section name beside its content, a grid of bullets).
    let structured = |c: &Vec<RawLine>| c.len() > 1 || c.iter().any(|l| l.hint != LineHint::None);
    if cells.len() == 1 || cells.iter().any(structured) {
        return cells.into_iter().flatten().collect();
    }
    let text = cells
        .iter()
        .map(|c| c[0].text.trim())
        .collect::<Vec<_>>()
        .join(CELL_SEPARATOR);
    vec![RawLine::plain(text)]
}

/// Folds whitespace runs into one space and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[RawLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn paragraphs_breaks_and_lists() {
        let mut f = Flow::new(1 << 20, false);
        f.start_para(LineHint::Heading);
        f.text("Experience");
        f.end_para();
        f.start_para(LineHint::ListItem);
        f.text("Ran line 3");
        f.line_break();
        f.text("and line 4");
        f.end_para();
        let lines = f.finish();
        assert_eq!(texts(&lines), ["Experience", "• Ran line 3", "and line 4"]);
        assert_eq!(lines[0].hint, LineHint::Heading);
        assert_eq!(lines[1].hint, LineHint::ListItem);
        assert_eq!(lines[2].hint, LineHint::None);
    }

    #[test]
    fn simple_rows_join_and_layout_rows_split() {
        let mut f = Flow::new(1 << 20, false);
        f.start_table();
        f.start_row();
        for cell in ["Acme", "", "2019 – 2021"] {
            f.start_cell();
            f.start_para(LineHint::None);
            f.text(cell);
            f.end_para();
            f.end_cell();
        }
        f.end_row();
        f.start_row();
        f.start_cell();
        f.start_para(LineHint::Heading);
        f.text("Skills");
        f.end_para();
        f.start_para(LineHint::ListItem);
        f.text("PLC");
        f.end_para();
        f.end_cell();
        f.start_cell();
        f.start_para(LineHint::None);
        f.text("Right column");
        f.end_para();
        f.end_cell();
        f.end_row();
        f.end_table();
        let lines = f.finish();
        assert_eq!(
            texts(&lines),
            ["Acme | 2019 – 2021", "Skills", "• PLC", "Right column"]
        );
        assert_eq!(lines[1].hint, LineHint::Heading);
    }

    #[test]
    fn layout_tables_are_noted_data_tables_not() {
        let mut f = Flow::new(1 << 20, false);
        let cell = |f: &mut Flow, lines: &[&str]| {
            f.start_cell();
            for l in lines {
                f.start_para(LineHint::None);
                f.text(l);
                f.end_para();
            }
            f.end_cell();
        };
        // A data table: one line per cell.
        f.start_table();
        f.start_row();
        cell(&mut f, &["CPT"]);
        cell(&mut f, &["2019"]);
        f.end_row();
        f.end_table();
        // A page in two columns.
        f.start_table();
        f.start_row();
        cell(&mut f, &["Skills", "PLC", "Lean"]);
        cell(&mut f, &["Experience", "Technician", "Ran lines"]);
        f.end_row();
        f.end_table();
        let (lines, tables) = f.finish_with_tables();
        assert_eq!(lines.len(), 7);
        assert_eq!(
            tables,
            [TableNote {
                rows: 1,
                columns: 2,
                columns_of_text: true,
                first: "Skills".into(),
                last: "Ran lines".into(),
            }]
        );
    }

    #[test]
    fn rows_with_headings_or_items_are_layout() {
        let mut f = Flow::new(1 << 20, false);
        f.start_table();
        f.start_row();
        for (hint, text) in [
            (LineHint::Heading, "Skills"),
            (LineHint::None, "PLC, SPC, 5S"),
        ] {
            f.start_cell();
            f.start_para(hint);
            f.text(text);
            f.end_para();
            f.end_cell();
        }
        f.end_row();
        f.end_table();
        let lines = f.finish();
        assert_eq!(texts(&lines), ["Skills", "PLC, SPC, 5S"]);
        assert_eq!(lines[0].hint, LineHint::Heading);
    }

    #[test]
    fn nested_paragraph_content_follows_its_anchor() {
        let mut f = Flow::new(1 << 20, false);
        f.start_para(LineHint::None);
        f.text("Anchor");
        f.start_para(LineHint::None);
        f.text("In a text box");
        f.end_para();
        f.text(" text");
        f.end_para();
        assert_eq!(texts(&f.finish()), ["Anchor text", "In a text box"]);
    }

    #[test]
    fn collapse_mode_folds_whitespace_and_drops_empty_blocks() {
        let mut f = Flow::new(1 << 20, true);
        f.text("  Jane \n  Doe ");
        f.block_boundary();
        f.text("   ");
        f.block_boundary();
        f.text("Tech");
        let lines = f.finish();
        assert_eq!(texts(&lines), ["Jane Doe", "Tech"]);
    }

    #[test]
    fn take_closes_what_is_open_and_keeps_the_budget() {
        let mut f = Flow::new(12, false);
        f.start_para(LineHint::None);
        f.text("first note");
        assert_eq!(texts(&f.take()), ["first note"]);
        f.start_para(LineHint::None);
        f.text("second");
        f.end_para();
        assert!(f.truncated());
        assert!(f.take().is_empty());
    }

    #[test]
    fn budget_truncates() {
        let mut f = Flow::new(10, false);
        f.text("0123456789");
        f.text("more");
        assert!(f.truncated());
        assert_eq!(texts(&f.finish()), ["0123456789"]);
    }
}
