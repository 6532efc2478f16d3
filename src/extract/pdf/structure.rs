//! Structure from typography: which laid-out lines are list items, which
//! continue an item, and which are headings, from what the page shows
//! (markers, left edges, font size and weight, space above) rather than from
//! the characters alone.

use super::layout::{Marker, PageLine};
use crate::extract::LineHint;

/// Hints for one page's lines, in order.
pub fn hints(lines: &[PageLine]) -> Vec<LineHint> {
    let body = body_size(lines);
    let pitch = body_pitch(lines);
    let mut hints = vec![LineHint::None; lines.len()];
    // The left edge where the text of the list item being continued starts.
    let mut item: Option<(f32, f32)> = None;
    for (i, line) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &lines[j]);
        if line.marker != Marker::None {
            hints[i] = LineHint::ListItem;
            item = Some((line.text_x0, line.size));
            continue;
        }
        if let (Some((x, size)), Some(p)) = (item, prev) {
            let s = size.max(1.0);
            let step = p.y - line.y;
            // A tabbed row (a title with its dates set right) is never the
            // wrapped rest of an item, even where it starts at its text.
            if line.upright
                && !line.tabbed
                && (line.x0 - x).abs() <= 0.6 * s
                && step > 0.5 * s
                && step < 2.2 * s
                && !is_heading(line, prev, body, pitch)
            {
                hints[i] = LineHint::Continuation;
                continue;
            }
        }
        item = None;
        if is_heading(line, prev, body, pitch) {
            hints[i] = LineHint::Heading;
        }
    }
    hints
}

/// The size most letters are set in.
fn body_size(lines: &[PageLine]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().filter(|c| c.is_alphabetic()).count();
        let s = (l.size * 2.0).round() / 2.0;
        match sizes.iter_mut().find(|(k, _)| *k == s) {
            Some(e) => e.1 += n,
            None => sizes.push((s, n)),
        }
    }
    sizes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(10.0, |(s, _)| s)
}

/// The usual step between consecutive baselines of body lines.
fn body_pitch(lines: &[PageLine]) -> f32 {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|&d| d > 0.0)
        .collect();
    if steps.is_empty() {
        return 12.0;
    }
    steps.sort_by(f32::total_cmp);
    steps[steps.len() / 2]
}

/// A short line set larger, bolder or in capitals than the body, with space
/// above it (or first on the page, or after a jump to another column).
fn is_heading(line: &PageLine, prev: Option<&PageLine>, body: f32, pitch: f32) -> bool {
    let text = line.text.trim();
    let words = text.split_whitespace().count();
    let (letters, capitals) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, true), |(n, caps), c| {
            (n + 1, caps && c.is_uppercase())
        });
    if !line.upright || words == 0 || words > 6 || text.len() > 60 || letters < 3 {
        return false;
    }
    if text.ends_with(['.', ',', ';']) || text.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let larger = line.size >= 1.12 * body;
    let styled = larger || line.bold || capitals;
    let space_above = match prev {
        None => true,
        Some(p) => {
            let step = p.y - line.y;
            step <= 0.0 || step >= 1.3 * pitch.max(line.size)
        }
    };
    styled && space_above
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y: f32, size: f32, bold: bool, marker: Marker) -> PageLine {
        PageLine {
            text: text.into(),
            x0,
            x1: x0 + 200.0,
            y,
            size,
            bold,
            upright: true,
            marker,
            text_x0: if marker == Marker::None {
                x0
            } else {
                x0 + 10.0
            },
            side: false,
            letter_gap: 0.0,
            tabbed: false,
        }
    }

    #[test]
    fn items_continuations_and_headings() {
        let lines = vec![
            line("EXPERIENCE", 50.0, 700.0, 12.0, true, Marker::None),
            line(
                "Production Technician, Acme",
                50.0,
                680.0,
                10.0,
                false,
                Marker::None,
            ),
            line(
                "• Cut scrap by 18% on the press line by",
                50.0,
                666.0,
                10.0,
                false,
                Marker::Drawn,
            ),
            line(
                "fixing die alignment",
                60.0,
                654.0,
                10.0,
                false,
                Marker::None,
            ),
            line(
                "• Trained 6 operators",
                50.0,
                642.0,
                10.0,
                false,
                Marker::Drawn,
            ),
            line(
                "Operated presses on three shifts across the plant",
                50.0,
                630.0,
                10.0,
                false,
                Marker::None,
            ),
            line("Skills", 50.0, 600.0, 10.0, true, Marker::None),
            line("capabilities", 50.0, 588.0, 10.0, false, Marker::None),
        ];
        let h = hints(&lines);
        assert_eq!(
            h,
            vec![
                LineHint::Heading,
                LineHint::None,
                LineHint::ListItem,
                LineHint::Continuation,
                LineHint::ListItem,
                LineHint::None,
                LineHint::Heading,
                LineHint::None,
            ]
        );
    }

    #[test]
    fn a_tabbed_row_under_an_item_is_not_its_continuation() {
        // "• Google      Mountain View, CA" then, at the item's text,
        // "Software Engineer      Oct 2016 – Present".
        let mut employer = line(
            "• Google Mountain View, CA",
            50.0,
            700.0,
            10.0,
            true,
            Marker::Text,
        );
        employer.tabbed = true;
        let mut title = line(
            "Software Engineer Oct 2016 – Present",
            60.0,
            688.0,
            10.0,
            false,
            Marker::None,
        );
        title.tabbed = true;
        let wrapped = line("and more", 60.0, 676.0, 10.0, false, Marker::None);
        let h = hints(&[employer, title, wrapped]);
        assert_eq!(h[1], LineHint::None);
        assert_eq!(h[2], LineHint::None);
    }
}
