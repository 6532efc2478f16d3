//! A posting's lines cut into units: sentences, list items, and headings run
//! into their text.
//!
//! Real postings are often flattened: a whole posting on one line, list items
//! glued together ("…equipmentTroubleshoot, repair…"), headings run into
//! their first item ("QualificationsAssociate's degree…", "QUALIFICATIONS•
//! …", "Requirements:High school…"). Each line is cut where a new unit
//! starts; which cuts make a heading is decided by the posting's heading
//! wordings ([`super::parse::PostingWords`]). The cutting rules are syntax
//! (punctuation, case); the words they consult are the lexicon's.

use crate::extract::{Document, LineHint};

/// One line of the posting: the pieces a very long line was cut into
/// (they share its number) joined again.
#[derive(Debug, Clone)]
pub struct PostingLine {
    /// Index in the document of the line's first piece.
    pub first: usize,
    pub norm: String,
    pub hint: LineHint,
}

/// The lines of a document, pieces of one line joined.
pub fn posting_lines(doc: &Document) -> Vec<PostingLine> {
    let mut out: Vec<PostingLine> = Vec::new();
    let mut last: Option<(Option<u32>, u32)> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let key = (line.page, line.number);
        match out.last_mut() {
            Some(prev) if last == Some(key) => {
                prev.norm.push(' ');
                prev.norm.push_str(&line.norm);
            }
            _ => out.push(PostingLine {
                first: i,
                norm: line.norm.clone(),
                hint: line.hint,
            }),
        }
        last = Some(key);
    }
    out
}

/// How a unit starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// At the start of its line.
    LineStart,
    /// After a list marker inside the line ("•", "…", " * ").
    Bullet,
    /// After a sentence end.
    Sentence,
    /// Glued to the text before it ("equipmentTroubleshoot").
    Glued,
    /// A heading wording ending the text before it ("… 1 Job Description").
    Label,
    /// After a `Label:`.
    Colon,
}

/// A unit of a posting line.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index of its line in [`posting_lines`].
    pub line: usize,
    /// The unit's normalised text, trimmed, list markers dropped.
    pub text: String,
    /// `text` ASCII-lower-cased (same byte offsets).
    pub lower: String,
    pub cut: Cut,
    /// How the next unit of the same line starts (`None` at the line end).
    pub next_cut: Option<Cut>,
}

/// What the cutter asks of the lexicon.
pub trait Wordings {
    /// Whether `lower` (a few words) is a heading wording.
    fn is_heading(&self, lower: &str) -> bool;
    /// Whether `lower` (one word) often starts a sentence or list item
    /// ("Troubleshoot", "Must", "Bachelor"), so a capital glued to the word
    /// before it starts a new unit.
    fn is_opener(&self, lower: &str) -> bool;
    /// Whether `lower` is a name written in CamelCase ("solidworks"), not two
    /// items glued together.
    fn is_camel_name(&self, lower: &str) -> bool;
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "inc", "co", "corp", "ltd", "llc", "st", "no", "vs", "approx", "jr", "sr",
    "dr", "mr", "ms", "mrs", "dept", "min", "max", "hrs", "yrs", "sq", "ft", "lbs", "oz", "a.m",
    "p.m", "u.s", "b.s", "m.s", "b.a", "m.a", "ph.d", "d.o.e", "o.d", "i.d", "s.p.a", "b.sc",
    "m.sc", "b.eng", "m.eng", "b.tech", "m.tech", "a.a.s", "jan", "feb", "mar", "apr", "aug",
    "sept", "oct", "nov", "dec", "fig", "ext", "govt", "mfg", "assn",
];

/// The units of every line.
pub fn units(lines: &[PostingLine], words: &dyn Wordings) -> Vec<Unit> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let cuts = cut_points(&line.norm, words);
        let mut pieces: Vec<(usize, usize, Cut)> = Vec::new();
        for (k, &(_, from, cut)) in cuts.iter().enumerate() {
            let to = cuts.get(k + 1).map_or(line.norm.len(), |c| c.0);
            if from <= to {
                pieces.push((from, to, cut));
            }
        }
        let first = out.len();
        for (from, to, cut) in pieces {
            let text = clean(&line.norm[from..to]);
            if !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            for (piece, piece_cut) in run_in(text, cut, words) {
                out.push(Unit {
                    line: li,
                    lower: piece.to_ascii_lowercase(),
                    text: piece,
                    cut: piece_cut,
                    next_cut: None,
                });
            }
        }
        for k in first..out.len() {
            if k + 1 < out.len() {
                out[k].next_cut = Some(out[k + 1].cut);
            }
        }
    }
    out
}

/// A unit's text without list markers, emphasis marks and outer spaces.
fn clean(s: &str) -> String {
    let t = s
        .trim()
        .trim_start_matches(['•', '*', '_'])
        .trim_end_matches(['*', '_'])
        .trim();
    // A line-start marker: "- ", "o ", "1. ", "a) ".
    let t = strip_marker(t);
    t.trim().to_string()
}

fn strip_marker(t: &str) -> &str {
    let b = t.as_bytes();
    let n = b.len();
    if n >= 2 && matches!(b[0], b'-' | b'+' | b'o' | b'>') && b[1] == b' ' {
        return &t[2..];
    }
    if n >= 2 && b[0] == b'-' && b[1].is_ascii_alphabetic() {
        return &t[1..];
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits)
        && n > digits + 1
        && matches!(b[digits], b'.' | b')')
        && b[digits + 1] == b' '
    {
        return &t[digits + 2..];
    }
    t
}

/// Splits a heading wording that starts a unit and runs into its text
/// without punctuation ("Qualifications Bachelor's degree …"): the wording
/// must be written with capitals and followed by a capitalised word that is
/// not a function word.
fn run_in(text: String, cut: Cut, words: &dyn Wordings) -> Vec<(String, Cut)> {
    if words.is_heading(&text.to_ascii_lowercase()) {
        return vec![(text, cut)];
    }
    let tokens: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    for k in (1..=4.min(tokens.len().saturating_sub(1))).rev() {
        let head = &tokens[..k];
        if !head.iter().all(|(_, w)| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || w == &"&" || w == &"and"
        }) {
            continue;
        }
        let (next_at, next) = tokens[k];
        if !next.chars().next().is_some_and(|c| c.is_uppercase()) {
            continue;
        }
        let next_lower = next.to_ascii_lowercase();
        if FUNCTION_WORDS.contains(&next_lower.trim_matches(|c: char| !c.is_alphanumeric())) {
            continue;
        }
        let heading = text[..next_at].trim();
        let lower = heading.to_ascii_lowercase();
        if words.is_heading(&lower) {
            return vec![
                (heading.to_string(), cut),
                (text[next_at..].trim().to_string(), Cut::Glued),
            ];
        }
    }
    vec![(text, cut)]
}

/// Words that end an item ("… is preferredRisk-based processes"): a capital glued to one starts a new item.
const MARKER_ENDS: &[&str] = &[
    "preferred",
    "required",
    "plus",
    "desired",
    "helpful",
    "needed",
    "etc",
];

const FUNCTION_WORDS: &[&str] = &[
    "in", "of", "with", "for", "to", "and", "or", "the", "a", "an", "on", "at", "by", "from", "as",
    "is", "are", "be", "that", "this", "&", "us",
];

/// Where units start on a line: (end of the previous unit, start of this
/// unit's text, how it starts). The first is always `(0, 0, LineStart)`.
fn cut_points(s: &str, words: &dyn Wordings) -> Vec<(usize, usize, Cut)> {
    let b = s.as_bytes();
    let n = b.len();
    let mut cuts: Vec<(usize, usize, Cut)> = vec![(0, 0, Cut::LineStart)];
    let mut i = 0;
    while i < n {
        let unit_start = cuts.last().map_or(0, |c| c.1);
        // List markers inside the line.
        if s[i..].starts_with('•') {
            cuts.push((i, i + '•'.len_utf8(), Cut::Bullet));
            i += '•'.len_utf8();
            continue;
        }
        if s[i..].starts_with("...") {
            let mut j = i;
            while j < n && b[j] == b'.' {
                j += 1;
            }
            if j >= n || b[j] == b' ' {
                cuts.push((i, j, Cut::Bullet));
                i = j;
                continue;
            }
        }
        if b[i] == b'*' && i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') {
            cuts.push((i, i + 1, Cut::Bullet));
            i += 1;
            continue;
        }
        // "…efficiently.o Provide coaching": an "o" bullet after a sentence end.
        if b[i] == b'o'
            && b.get(i + 1) == Some(&b' ')
            && b.get(i + 2).is_some_and(u8::is_ascii_uppercase)
            && i > 0
            && matches!(prev_non_space(b, i), Some(b'.' | b':' | b';'))
        {
            cuts.push((i, i + 2, Cut::Bullet));
            i += 2;
            continue;
        }
        // Sentence ends: ". Next", and glued ".Next" after a word.
        if matches!(b[i], b'.' | b'!' | b'?') && i > 0 && sentence_end(s, i) {
            let mut j = i + 1;
            while j < n && b[j] == b' ' {
                j += 1;
            }
            let glued = j == i + 1;
            let starts = j < n
                && (b[j].is_ascii_uppercase()
                    || (!glued && (b[j].is_ascii_digit() || matches!(b[j], b'(' | b'"' | b'*'))));
            if starts && (!glued || b[j].is_ascii_uppercase()) {
                cuts.push((i + 1, j, Cut::Sentence));
                i = j;
                continue;
            }
        }
        // A figure glued to the word before it: "… or equivalent experience1-2 years", "…discipline.1-3 years".
        if i > 0 && b[i].is_ascii_digit() && glued_figure(s, i, unit_start) {
            cuts.push((i, i, Cut::Glued));
            i += 1;
            continue;
        }
        // A capital after a closing parenthesis: "(… forklifts, etc.)DESIRED QUALIFICATIONS".
        if i > 0 && b[i - 1] == b')' && b[i].is_ascii_uppercase() {
            cuts.push((i, i, Cut::Glued));
            i += 1;
            continue;
        }
        // A capital glued to the word before it.
        if i > 0 && b[i].is_ascii_uppercase() && b.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            if let Some(label) = glued_at(s, i, unit_start, words) {
                if let Some(at) = label {
                    cuts.push((at, at, Cut::Label));
                }
                cuts.push((i, i, Cut::Glued));
                i += 1;
                continue;
            }
        }
        // "Requirements:High school…", "… Salary Range: $…": a heading wording before a colon.
        if b[i] == b':' && i > 0 && (b[i - 1].is_ascii_alphabetic() || b[i - 1] == b')') {
            if let Some(at) = heading_suffix(s, unit_start, i, 5, words) {
                let mut j = i + 1;
                while j < n && b[j] == b' ' {
                    j += 1;
                }
                if j < n {
                    if at > unit_start {
                        cuts.push((at, at, Cut::Label));
                    }
                    cuts.push((i + 1, j, Cut::Colon));
                    i = j;
                    continue;
                }
            }
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    cuts
}

/// The byte offset just after the last character of `s` matching `pred` (0 if none).
fn after_last(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// Whether the digit at `i` starts a new item glued to the text before it: a
/// word of five letters or more ("experience1-2 years", "equivalent3+"), or
/// a sentence end after a word (".1-3 years").
fn glued_figure(s: &str, i: usize, unit_start: usize) -> bool {
    let b = s.as_bytes();
    if b[i - 1] == b'.' {
        let word = after_last(&s[..i - 1], |c| !c.is_ascii_alphabetic()).max(unit_start);
        return i > word + 3;
    }
    if !b[i - 1].is_ascii_lowercase() {
        return false;
    }
    let word = after_last(&s[..i], |c| !c.is_ascii_alphabetic()).max(unit_start);
    i - word >= 5
}

fn prev_non_space(b: &[u8], i: usize) -> Option<u8> {
    b[..i].iter().rev().find(|c| **c != b' ').copied()
}

/// Whether the `.`, `!` or `?` at `i` ends a sentence (not "e.g.", "U.S.", "Inc.").
fn sentence_end(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    if b[i] != b'.' {
        return true;
    }
    let start = after_last(&s[..i], |c| {
        c.is_whitespace() || c == '(' || c == '/' || c == ','
    });
    // "(Six Sigma, etc.).Formal education": a parenthesis ends the sentence.
    if i > 0 && b[i - 1] == b')' {
        return true;
    }
    let token = s[start..i].to_ascii_lowercase();
    // "…standardization, etc.Lean Manufacturing": glued to the next item.
    if token == "etc" && b.get(i + 1).is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    // "Ph.D (or …)", "B.S in": a short abbreviation whose last letter
    // follows the period, with no period after it.
    if letters <= 2
        && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        && !b
            .get(i + 2)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        && s[start..i].chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    if token.chars().next().is_some_and(|c| c.is_ascii_digit())
        && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    !(letters < 2 || ABBREVIATIONS.contains(&token.as_str()) || token.contains('.'))
}

/// At a capital glued to the word before it (`i`): `None` when this is no
/// cut (a name such as "PowerPoint"); `Some(Some(at))` when a heading wording
/// ending at `i` starts at `at` inside the unit; `Some(None)` for a plain cut.
fn glued_at(s: &str, i: usize, unit_start: usize, words: &dyn Wordings) -> Option<Option<usize>> {
    let b = s.as_bytes();
    let left_start = after_last(&s[..i], |c| !c.is_ascii_alphabetic()).max(unit_start);
    let left = &s[left_start..i];
    let right_end = s[i..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(s.len(), |p| i + p);
    let right = s[i..right_end].to_ascii_lowercase();
    let prev = b[i - 1];
    if !prev.is_ascii_alphabetic() && prev != b')' {
        return None;
    }
    // A heading wording written with capitals ends here ("About usWe", "Job DescriptionThe").
    if prev != b')' {
        if let Some(at) = heading_suffix(s, unit_start, i, 4, words) {
            return Some((at > unit_start).then_some(at));
        }
    }
    if prev.is_ascii_uppercase() {
        // "QUALIFICATIONSBachelor's": a run of capitals, then a word.
        if left.len() < 4 || !left.bytes().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        return (right.len() >= 3 && words.is_opener(&right)).then_some(None);
    }
    if prev == b')' {
        return Some(None);
    }
    if !prev.is_ascii_lowercase() || left.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    // "equipmentTroubleshoot", "helpfulRigging": a word written in lower case
    // ends an item. A capitalised word before a capital is a name's first
    // half ("PowerPoint", "SolidWorks").
    let lower_case = left.len() >= 3 && left.bytes().all(|c| c.is_ascii_lowercase());
    let item_end = MARKER_ENDS.contains(&left.to_ascii_lowercase().as_str());
    // "UnitsBackground in …", "OutlookProof of …": a capitalised item end
    // before a word that opens items, unless the two make a known name.
    let joined = format!("{}{right}", left.to_ascii_lowercase());
    let capitalised_item = left.len() >= 3
        && right.len() >= 3
        && words.is_opener(&right)
        && !words.is_camel_name(&joined);
    (lower_case || item_end || capitalised_item).then_some(None)
}

/// The start of the longest run of 1..=`max` words ending at `end` (within
/// the unit starting at `unit_start`) that is a heading wording.
fn heading_suffix(
    s: &str,
    unit_start: usize,
    end: usize,
    max: usize,
    words: &dyn Wordings,
) -> Option<usize> {
    let text = &s[unit_start..end];
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(p, _)| p + 1))
        .collect();
    let k = starts.len();
    let mut found = None;
    for take in 1..=max.min(k) {
        let at = starts[k - take];
        let phrase = text[at..].trim().trim_start_matches(['•', '-', '*']).trim();
        if phrase.is_empty() || !phrase.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        // A heading is written with capitals ("Job Description", "SALARY"),
        // not as the end of a sentence ("… is a plus", "… communication skills").
        let capitalised = phrase.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || FUNCTION_WORDS.contains(&w.to_ascii_lowercase().as_str())
        });
        if !capitalised {
            continue;
        }
        let lower = phrase.to_ascii_lowercase();
        if words.is_heading(&lower) {
            found = Some(unit_start + at);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Test;
    impl Wordings for Test {
        fn is_heading(&self, lower: &str) -> bool {
            matches!(
                lower,
                "qualifications"
                    | "responsibilities"
                    | "requirements"
                    | "job description"
                    | "salary range"
                    | "benefits"
                    | "preferred"
            )
        }
        fn is_opener(&self, lower: &str) -> bool {
            matches!(
                lower,
                "troubleshoot" | "must" | "perform" | "this" | "strong" | "works"
            )
        }
        fn is_camel_name(&self, lower: &str) -> bool {
            lower == "solidworks"
        }
    }

    fn cut(s: &str) -> Vec<(String, Cut)> {
        let lines = vec![PostingLine {
            first: 0,
            norm: s.to_string(),
            hint: LineHint::None,
        }];
        units(&lines, &Test)
            .into_iter()
            .map(|u| (u.text, u.cut))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        cut(s).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn glued_items_and_headings_are_cut() {
        assert_eq!(
            texts("Inspect drives and motorsTroubleshoot, repair machineryPerform PM"),
            vec![
                "Inspect drives and motors",
                "Troubleshoot, repair machinery",
                "Perform PM"
            ]
        );
        assert_eq!(
            texts("ResponsibilitiesThis list is long.QUALIFICATIONS• Strong skills"),
            vec![
                "Responsibilities",
                "This list is long.",
                "QUALIFICATIONS",
                "Strong skills"
            ]
        );
        // Names written in camel case stay whole.
        assert_eq!(
            texts("Use PowerPoint, SolidWorks and QuickBooks daily"),
            vec!["Use PowerPoint, SolidWorks and QuickBooks daily"]
        );
        // A capitalised item end glued to an item's first word is cut.
        assert_eq!(
            texts("Background in Silicon PhotonicsStrong analytical skills"),
            vec![
                "Background in Silicon Photonics",
                "Strong analytical skills"
            ]
        );
    }

    #[test]
    fn labels_colons_and_bullets() {
        assert_eq!(
            cut("Requirements:High school diploma"),
            vec![
                ("Requirements:".to_string(), Cut::LineStart),
                ("High school diploma".to_string(), Cut::Colon)
            ]
        );
        assert_eq!(
            texts("Shift: First Salary Range: $20 1 Job DescriptionThe supervisor leads"),
            vec![
                "Shift: First",
                "Salary Range:",
                "$20 1",
                "Job Description",
                "The supervisor leads"
            ]
        );
        assert_eq!(
            texts("will possess... ... 3-5 years hands-on ... ability to read"),
            vec!["will possess", "3-5 years hands-on", "ability to read"]
        );
        assert_eq!(
            texts("Qualifications Bachelor's degree, e.g. B.S. in Engineering. Must travel"),
            vec![
                "Qualifications",
                "Bachelor's degree, e.g. B.S. in Engineering.",
                "Must travel"
            ]
        );
        // A colon in a time, or after a word that names no part, is no cut.
        assert_eq!(texts("Hours: 7:00 to 3:30"), vec!["Hours: 7:00 to 3:30"]);
    }
}
