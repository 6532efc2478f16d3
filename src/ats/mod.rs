//! The ATS-readability check: a document's layout and font facts
//! ([`crate::extract::LayoutFacts`]) and its lines → [`Finding`]s, each a
//! risk that an applicant-tracking system reads the resume differently from
//! a person (and from rolefit), with a fixed id, a severity, a message,
//! advice and evidence. Independent of any role. The texts of the ids
//! (advice, meaning, fixes) are data: `rules/ats/risks.toml` ([`text`]).

pub mod text;
pub mod view;

use serde::Serialize;

use crate::extract::facts::{
    ColumnBlock, GlyphProblem, LayoutFacts, LineRef, Margin, MarginLine, Refs,
};
use crate::extract::{Document, Format, Line};
use crate::rules::{heading_key, Lexicon, Section};

/// Every risk id, in the order `rules/ats/risks.toml` lists them.
pub const IDS: [&str; 13] = [
    MULTI_COLUMN,
    LETTER_SPACED,
    UNMAPPED,
    LIGATURES,
    GRAPHIC_BULLETS,
    ICONS,
    HEADER_FOOTER,
    TEXT_IN_IMAGES,
    IMAGE_ONLY,
    LAYOUT_TABLE,
    UNUSUAL_HEADINGS,
    INVISIBLE_TEXT,
    HIDDEN_CHARACTERS,
];

pub const MULTI_COLUMN: &str = "multi-column";
pub const LETTER_SPACED: &str = "letter-spaced-text";
pub const UNMAPPED: &str = "unmapped-glyphs";
pub const LIGATURES: &str = "ligature-glyphs";
pub const GRAPHIC_BULLETS: &str = "graphic-bullets";
pub const ICONS: &str = "icon-glyphs";
pub const HEADER_FOOTER: &str = "header-footer-text";
pub const TEXT_IN_IMAGES: &str = "text-in-images";
pub const IMAGE_ONLY: &str = "image-only";
pub const LAYOUT_TABLE: &str = "layout-table";
pub const UNUSUAL_HEADINGS: &str = "unusual-headings";
/// Wired to the extractor's `hidden_text` warning by [`invisible_text`].
pub const INVISIBLE_TEXT: &str = "invisible-text";
pub const HIDDEN_CHARACTERS: &str = "hidden-characters";

/// How much a risk matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Text an ATS would lose or scramble.
    High,
    /// Likely misparsed.
    Medium,
    /// Worth knowing.
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Where a risk was seen: a line, or a region of lines (`region` says which:
/// "left column", "header", a font's name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub page: Option<u32>,
    /// The line, or the first line of the region.
    pub line: Option<u32>,
    /// The last line of a region of several lines.
    pub end_line: Option<u32>,
    pub region: Option<String>,
    /// The line's text (the first line's, for a region), or what was seen.
    pub text: String,
}

impl Evidence {
    /// `page 1, lines 3–20 (left column)`, `line 4`, `font CMR10`.
    pub fn location(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        match (self.line, self.end_line) {
            (Some(a), Some(b)) if b > a => parts.push(format!("lines {a}–{b}")),
            (Some(a), _) => parts.push(format!("line {a}")),
            _ => {}
        }
        let mut out = parts.join(", ");
        if let Some(r) = &self.region {
            if out.is_empty() {
                out = r.clone();
            } else {
                out = format!("{out} ({r})");
            }
        }
        out
    }
}

/// One ATS-readability risk of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// One of [`IDS`].
    pub id: &'static str,
    pub severity: Severity,
    pub message: String,
    pub advice: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    fn new(id: &'static str, severity: Severity, message: String, evidence: Vec<Evidence>) -> Self {
        Finding {
            id,
            severity,
            message,
            advice: text::advice(id),
            evidence,
        }
    }
}

/// Evidence items kept per finding.
const MAX_EVIDENCE: usize = 8;

/// The heading lines the check reads: index into `doc.lines`, section.
pub type Headings<'a> = &'a [(usize, Section)];

/// The ATS risks of a document, highest severity first (then by id order).
/// `headings` are its section headings as analysis assigned them; `lexicon`
/// gives the common heading wordings.
pub fn check(doc: &Document, headings: Headings<'_>, lexicon: &Lexicon) -> Vec<Finding> {
    let f = &doc.layout;
    let lines = Lines(doc);
    let mut out = Vec::new();
    out.extend(multi_column(f, &lines));
    out.extend(letter_spaced(f, &lines));
    out.extend(unmapped(f, &lines));
    out.extend(ligatures(doc, &lines));
    out.extend(graphic_bullets(f, &lines));
    out.extend(icons(f, &lines));
    out.extend(header_footer(doc, &lines));
    out.extend(images(doc));
    out.extend(layout_tables(f, &lines));
    out.extend(unusual_headings(doc, headings, lexicon));
    out.extend(hidden_characters(f, &lines));
    out.extend(hidden_chars(doc).map(|n| invisible_text(doc, n, &[])));
    sort(&mut out);
    out
}

/// The risks of a document with no text: glyphs without Unicode, else what
/// its images say (a scan); and text drawn for no reader to see.
pub fn check_blank(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = unmapped(&doc.layout, &Lines(doc)).into_iter().collect();
    if out.is_empty() {
        out.extend(images(doc));
    }
    out.extend(hidden_chars(doc).map(|n| invisible_text(doc, n, &[])));
    sort(&mut out);
    out
}

/// The characters the extractor left out as hidden (its `hidden_text:`
/// warning: invisible render modes, layers hidden by default).
fn hidden_chars(doc: &Document) -> Option<u32> {
    doc.warnings.iter().find_map(|w| {
        w.strip_prefix("hidden_text: ")?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
            .filter(|&n: &u32| n > 0)
    })
}

/// Highest severity first, then in [`IDS`] order.
fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, IDS.iter().position(|i| *i == f.id)));
}

/// The `invisible-text` finding for `count` characters drawn invisibly on
/// the given lines (the extractor's `hidden_text` warning, once wired).
pub fn invisible_text(doc: &Document, count: u32, at: &[LineRef]) -> Finding {
    let lines = Lines(doc);
    Finding::new(
        INVISIBLE_TEXT,
        Severity::Medium,
        format!(
            "{count} characters are drawn so that a reader does not see them (invisible, hidden, white or tiny); an ATS reads them, and recruiters distrust hidden keywords"
        ),
        at.iter()
            .take(MAX_EVIDENCE)
            .map(|&r| lines.evidence(r, None))
            .collect(),
    )
}

/// Lines of a document looked up by page and number.
struct Lines<'d>(&'d Document);

impl<'d> Lines<'d> {
    fn get(&self, at: LineRef) -> Option<&'d Line> {
        let lines = &self.0.lines;
        let i = lines.partition_point(|l| (l.page, l.number) < (at.page, at.line));
        lines
            .get(i)
            .filter(|l| l.page == at.page && l.number == at.line)
    }

    fn text(&self, at: LineRef) -> String {
        self.get(at)
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default()
    }

    /// Evidence for one line.
    fn evidence(&self, at: LineRef, region: Option<String>) -> Evidence {
        Evidence {
            page: at.page,
            line: Some(at.line),
            end_line: None,
            region,
            text: self.text(at),
        }
    }

    fn refs(&self, refs: &Refs, region: Option<&str>) -> Vec<Evidence> {
        refs.lines
            .iter()
            .take(MAX_EVIDENCE)
            .map(|&r| self.evidence(r, region.map(str::to_string)))
            .collect()
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The words of a line (what counts as a sentence-long line).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn block_severity(b: &ColumnBlock) -> Severity {
    let long = b.columns.iter().map(|c| c.long_lines).max().unwrap_or(0);
    // Lines of the shorter column (a list in two columns whose rows are
    // staggered pairs each line with two).
    let lines = b.columns.iter().map(|c| c.lines).min().unwrap_or(0);
    // Eight lines and more beside a column of sentences: a sidebar or two
    // flows of text. A few lines: a list set in columns, its items paired.
    if lines >= 8 && long >= 2 {
        Severity::High
    } else if lines >= 6 || (lines >= 4 && long >= 2) {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// A column of labels ("Programming:") beside their values: a line-by-line
/// reader reads each label with its value, as a person does.
fn is_label_table(b: &ColumnBlock) -> bool {
    b.columns.len() == 2 && 2 * b.columns[0].labels > b.columns[0].lines
}

fn multi_column(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    let blocks: Vec<&ColumnBlock> = f.columns.iter().filter(|b| !is_label_table(b)).collect();
    let worst = blocks.iter().map(|b| block_severity(b)).min()?;
    let mut evidence = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    for b in blocks {
        let n = b.columns.len();
        let ranges: Vec<String> = b
            .columns
            .iter()
            .map(|c| format!("lines {}–{}", c.first, c.last))
            .collect();
        pages.push(format!(
            "page {} in {n} columns ({}; {} merged)",
            b.page,
            ranges.join(" beside "),
            plural(b.rows, "row", "rows")
        ));
        for c in &b.columns {
            let name = match (c.index, n) {
                (0, _) => "left column",
                (i, n) if i as usize + 1 == n => "right column",
                _ => "middle column",
            };
            let region = if c.side {
                format!("{name}, sidebar")
            } else {
                name.to_string()
            };
            let at = LineRef {
                page: Some(b.page),
                line: c.first,
            };
            evidence.push(Evidence {
                page: Some(b.page),
                line: Some(c.first),
                end_line: Some(c.last),
                region: Some(region),
                text: lines.text(at),
            });
        }
    }
    let tail = match worst {
        Severity::Low => "only a short list is set in columns, so a line-by-line reader pairs its items",
        _ => "a reader that goes line by line across the page merges the columns' lines, mixing their text",
    };
    Some(Finding::new(
        MULTI_COLUMN,
        worst,
        format!("Text is side by side: {}; {tail}", pages.join("; ")),
        evidence.into_iter().take(2 * MAX_EVIDENCE).collect(),
    ))
}

/// A line as a simple reader splits it when its letters are spaced apart:
/// "Skills" → "S k i l l s".
fn spaced_out(text: &str) -> String {
    let mut out = String::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push_str("  ");
        }
        let letters: Vec<String> = w.chars().map(String::from).collect();
        out.push_str(&letters.join(" "));
    }
    out
}

fn letter_spaced(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    if f.letter_spaced.is_empty() {
        return None;
    }
    let texts: Vec<(LineRef, f32, String)> = f
        .letter_spaced
        .iter()
        .map(|&(at, gap)| (at, gap, lines.text(at)))
        .collect();
    let body = texts.iter().filter(|(_, _, t)| words(t) >= 6).count();
    let severity = if body >= 3 {
        Severity::High
    } else {
        Severity::Medium
    };
    let (_, gap, example) = texts
        .iter()
        .find(|(_, _, t)| words(t) <= 5 && !t.is_empty())
        .unwrap_or(&texts[0]);
    let example: String = example.chars().take(40).collect();
    let n = f.letter_spaced_lines;
    Some(Finding::new(
        LETTER_SPACED,
        severity,
        format!(
            "{} set with wide letter spacing ({:.2} em between letters): simple readers split the words into letters, \"{}\" reads \"{}\"",
            plural(n, "line is", "lines are"),
            gap,
            example,
            spaced_out(&example)
        ),
        texts
            .iter()
            .take(MAX_EVIDENCE)
            .map(|&(at, gap, _)| lines.evidence(at, Some(format!("{gap:.2} em letter spacing"))))
            .collect(),
    ))
}

/// Count of glyph issues by `problems`, the fonts named, and evidence.
fn glyphs(
    f: &LayoutFacts,
    lines: &Lines<'_>,
    problems: &[GlyphProblem],
) -> (u32, Vec<String>, Vec<Evidence>) {
    let mut count = 0u32;
    let mut fonts: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    for g in f.glyphs.iter().filter(|g| problems.contains(&g.problem)) {
        count = count.saturating_add(g.refs.count);
        let name = if g.font.is_empty() {
            "an unnamed font".to_string()
        } else {
            g.font.clone()
        };
        fonts.push(format!("{name} ({})", g.refs.count));
        for &at in &g.refs.lines {
            if evidence.len() < MAX_EVIDENCE {
                evidence.push(lines.evidence(at, Some(format!("font {name}"))));
            }
        }
    }
    (count, fonts, evidence)
}

fn by_count(n: u32) -> Severity {
    match n {
        10.. => Severity::High,
        3..=9 => Severity::Medium,
        _ => Severity::Low,
    }
}

fn unmapped(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    let (lost, lost_fonts, mut evidence) = glyphs(f, lines, &[GlyphProblem::Lost]);
    let (recovered, rec_fonts, rec_evidence) = glyphs(f, lines, &[GlyphProblem::Recovered]);
    let n = lost.saturating_add(recovered);
    if n == 0 {
        return None;
    }
    evidence.extend(rec_evidence);
    evidence.truncate(MAX_EVIDENCE);
    let mut parts = Vec::new();
    if lost > 0 {
        parts.push(format!(
            "{} no reader can decode (fonts: {})",
            plural(lost, "character", "characters"),
            lost_fonts.join(", ")
        ));
    }
    if recovered > 0 {
        parts.push(format!(
            "{} rolefit recovered from the font program, which an ATS will not (fonts: {})",
            plural(recovered, "character", "characters"),
            rec_fonts.join(", ")
        ));
    }
    Some(Finding::new(
        UNMAPPED,
        by_count(n),
        format!(
            "Glyphs without a Unicode mapping in the file: {}; this text copies out as garbage or nothing",
            parts.join("; ")
        ),
        evidence,
    ))
}

fn ligatures(doc: &Document, lines: &Lines<'_>) -> Option<Finding> {
    let f = &doc.layout;
    let (lost, lost_fonts, mut evidence) = glyphs(f, lines, &[GlyphProblem::Ligature]);
    let (forms, form_fonts, form_evidence) = if doc.format == Format::Pdf {
        glyphs(f, lines, &[GlyphProblem::LigatureCodePoint])
    } else {
        // Typed or pasted ligature characters in other formats.
        let c = &f.chars.ligatures;
        (c.count, Vec::new(), lines.refs(c, None))
    };
    if lost > 0 {
        evidence.truncate(MAX_EVIDENCE);
        return Some(Finding::new(
            LIGATURES,
            if lost >= 3 {
                Severity::High
            } else {
                Severity::Medium
            },
            format!(
                "{} no Unicode mapping (fonts: {}): an ATS drops them, reading \"elded\" for \"fielded\"",
                plural(lost, "ligature glyph (fi, fl, ff…) has", "ligature glyphs (fi, fl, ff…) have"),
                lost_fonts.join(", ")
            ),
            evidence,
        ));
    }
    if forms == 0 {
        return None;
    }
    let fonts = if form_fonts.is_empty() {
        String::new()
    } else {
        format!(" (fonts: {})", form_fonts.join(", "))
    };
    Some(Finding::new(
        LIGATURES,
        Severity::Low,
        format!(
            "{} ligature characters (ﬁ, ﬂ…) rather than letters{fonts}: a reader that does not normalise them misses words such as \"efficient\"",
            plural(forms, "ligature is", "ligatures are")
        ),
        form_evidence,
    ))
}

fn graphic_bullets(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    let b = &f.drawn_bullets;
    if b.count < 3 {
        return None;
    }
    Some(Finding::new(
        GRAPHIC_BULLETS,
        Severity::Low,
        format!(
            "{} drawn as shapes, images or glyphs without text: the text has no bullet before these items, so an ATS may run them together",
            plural(b.count, "list marker is", "list markers are")
        ),
        lines.refs(b, None),
    ))
}

fn icons(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    let (glyph_icons, fonts, mut evidence) = glyphs(f, lines, &[GlyphProblem::Icon]);
    let pua = &f.chars.private_use;
    let n = glyph_icons.saturating_add(pua.count);
    if n == 0 {
        return None;
    }
    for e in lines.refs(pua, Some("private-use characters")) {
        if evidence.len() < MAX_EVIDENCE
            && !evidence
                .iter()
                .any(|x| x.line == e.line && x.page == e.page)
        {
            evidence.push(e);
        }
    }
    let fonts = if fonts.is_empty() {
        String::new()
    } else {
        format!(" (icon fonts: {})", fonts.join(", "))
    };
    Some(Finding::new(
        ICONS,
        Severity::Low,
        format!(
            "{} inside text lines{fonts}: an ATS reads them as odd characters or nothing",
            plural(n, "icon glyph", "icon glyphs")
        ),
        evidence,
    ))
}

/// Contact details in a line: e-mail addresses, phone numbers, profile links
/// (lower-cased tokens).
fn contact_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | ';' | '<' | '>'))
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| {
            t.split_once('@')
                .is_some_and(|(a, d)| !a.is_empty() && d.contains('.'))
                || ["linkedin.com", "github.com", "http", "www."]
                    .iter()
                    .any(|w| t.contains(w))
        })
        .map(str::to_string)
        .collect();
    // A phone number: seven digits or more among phone punctuation.
    let mut digits = String::new();
    for c in lower.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/') {
            let year = |d: &str| d.starts_with("19") || d.starts_with("20");
            let years = digits.len() == 8 && year(&digits[..4]) && year(&digits[4..]);
            if (7..=15).contains(&digits.len()) && !years {
                out.push(std::mem::take(&mut digits));
            }
            digits.clear();
        }
    }
    out
}

/// Page numbering ("Page 1 of 2", "- 2 -") or nothing to read.
fn is_numbering(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w.to_lowercase().as_str(), "page" | "of" | "pg" | "p"))
}

fn header_footer(doc: &Document, lines: &Lines<'_>) -> Option<Finding> {
    let margins = &doc.layout.margins;
    if margins.is_empty() {
        return None;
    }
    let in_margin = |l: &Line| {
        margins.iter().any(|m| {
            matches!(m.margin, Margin::Header | Margin::Footer)
                && m.at.page == l.page
                && m.at.line == l.number
        })
    };
    // The body's text, without digit separators, for finding contact details.
    let squash = |t: &str| -> String {
        t.to_lowercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/'))
            .collect()
    };
    let body: String = doc
        .lines
        .iter()
        .filter(|l| !in_margin(l))
        .map(|l| squash(&l.text))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found: Vec<(Severity, &MarginLine, String, bool)> = Vec::new();
    for m in margins {
        let text = lines.text(m.at);
        if text.is_empty() || is_numbering(&text) {
            continue;
        }
        let tokens = contact_tokens(&text);
        let contact = !tokens.is_empty();
        let severity = match m.margin {
            Margin::Header | Margin::Footer => {
                let only_there = if contact {
                    tokens.iter().any(|t| !body.contains(&squash(t)))
                } else {
                    let key = squash(&text);
                    key.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !body.contains(&key)
                };
                if !only_there {
                    continue;
                }
                if contact {
                    Severity::High
                } else {
                    Severity::Medium
                }
            }
            Margin::RepeatedTop | Margin::RepeatedBottom => {
                if contact {
                    Severity::Medium
                } else {
                    Severity::Low
                }
            }
        };
        found.push((severity, m, text, contact));
    }
    let worst = found.iter().map(|f| f.0).min()?;
    let contact = found.iter().any(|f| f.3);
    let parts = |kinds: &[Margin]| found.iter().filter(|f| kinds.contains(&f.1.margin)).count();
    let in_parts = parts(&[Margin::Header, Margin::Footer]);
    let repeated = parts(&[Margin::RepeatedTop, Margin::RepeatedBottom]);
    let mut what = Vec::new();
    if in_parts > 0 {
        what.push(format!(
            "{} only in the page header or footer",
            plural(in_parts as u32, "line is", "lines are")
        ));
    }
    if repeated > 0 {
        what.push(format!(
            "{} at the top or bottom of every page",
            plural(repeated as u32, "line repeats", "lines repeat")
        ));
    }
    let why = if contact {
        "including contact details, which many ATS skip there"
    } else {
        "which many ATS skip"
    };
    let evidence = found
        .iter()
        .take(MAX_EVIDENCE)
        .map(|(_, m, text, _)| Evidence {
            page: m.at.page,
            line: Some(m.at.line),
            end_line: None,
            region: Some(
                match m.margin {
                    Margin::Header => "page header",
                    Margin::Footer => "page footer",
                    Margin::RepeatedTop => "top of every page",
                    Margin::RepeatedBottom => "bottom of every page",
                }
                .to_string(),
            ),
            text: text.clone(),
        })
        .collect();
    Some(Finding::new(
        HEADER_FOOTER,
        worst,
        format!("{}, {why}", what.join("; ")),
        evidence,
    ))
}

/// Characters of text on a page below which an image page has "little or
/// no text layer".
const LITTLE_TEXT: u32 = 100;

fn images(doc: &Document) -> Option<Finding> {
    let pages: Vec<_> = doc
        .layout
        .image_pages
        .iter()
        .filter(|p| p.chars < LITTLE_TEXT)
        .collect();
    if pages.is_empty() {
        return None;
    }
    let evidence = pages
        .iter()
        .take(MAX_EVIDENCE)
        .map(|p| Evidence {
            page: Some(p.page),
            line: None,
            end_line: None,
            region: Some("whole page".into()),
            text: if p.outlines {
                format!(
                    "the text is drawn as outlines (shapes); {} of text",
                    plural(p.chars, "character", "characters")
                )
            } else {
                format!(
                    "{:.0}% of the page is images; {} of text",
                    p.cover * 100.0,
                    plural(p.chars, "character", "characters")
                )
            },
        })
        .collect();
    if pages.len() as u32 >= doc.pages {
        return Some(Finding::new(
            IMAGE_ONLY,
            Severity::High,
            format!(
                "Every page is an image (or text drawn as outlines) with little or no text layer ({}): an ATS finds no resume in it",
                plural(doc.pages, "page", "pages")
            ),
            evidence,
        ));
    }
    let list: Vec<String> = pages.iter().map(|p| p.page.to_string()).collect();
    let (noun, verb) = if pages.len() == 1 {
        ("Page", "is")
    } else {
        ("Pages", "are")
    };
    Some(Finding::new(
        TEXT_IN_IMAGES,
        Severity::High,
        format!(
            "{noun} {} {verb} mostly images (or text drawn as outlines) with little or no text layer: an ATS does not read text in images",
            list.join(", ")
        ),
        evidence,
    ))
}

fn layout_tables(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    if f.layout_tables.is_empty() {
        return None;
    }
    let worst = if f.layout_tables.iter().any(|t| t.columns_of_text) {
        Severity::High
    } else {
        Severity::Medium
    };
    let evidence = f
        .layout_tables
        .iter()
        .take(MAX_EVIDENCE)
        .map(|t| Evidence {
            page: t.first.and_then(|r| r.page),
            line: t.first.map(|r| r.line),
            end_line: t.last.map(|r| r.line),
            region: Some(format!(
                "table of {} columns, {} laid out",
                t.columns,
                plural(t.rows, "row", "rows")
            )),
            text: t.first.map(|r| lines.text(r)).unwrap_or_default(),
        })
        .collect();
    let n = f.layout_tables.len() as u32;
    Some(Finding::new(
        LAYOUT_TABLE,
        worst,
        format!(
            "{} the page: cells side by side hold headings, lists or paragraphs, which ATS parsers read row by row, cell by cell, or not at all",
            plural(n, "table lays out", "tables lay out")
        ),
        evidence,
    ))
}

/// The common wording of a section: the first heading the lexicon lists for
/// it, capitalised ("Experience", "Military Service").
fn common_wording(lexicon: &Lexicon, section: Section) -> Option<String> {
    let first = lexicon
        .list(&format!("sections.headings.{}", section.as_str()))
        .first()?;
    Some(
        first
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// How a heading is written: in capitals, in title case, or otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Capitals,
    Title,
    Other,
}

fn case_of(text: &str) -> Case {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) {
        return Case::Capitals;
    }
    let title = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    if title {
        Case::Title
    } else {
        Case::Other
    }
}

fn unusual_headings(doc: &Document, headings: Headings<'_>, lexicon: &Lexicon) -> Option<Finding> {
    // The case the document writes its known headings in, when they agree:
    // a line written otherwise is an entry's title, not a section heading.
    let listed: Vec<Case> = headings
        .iter()
        .filter_map(|&(i, section)| {
            let line = doc.lines.get(i)?;
            let key = heading_key(&line.norm);
            lexicon
                .list(&format!("sections.headings.{}", section.as_str()))
                .contains(&key)
                .then(|| case_of(line.text.trim()))
        })
        .collect();
    let house_case =
        (listed.len() >= 2 && listed.iter().all(|c| *c == listed[0])).then(|| listed[0]);
    let mut found = Vec::new();
    let mut previous: Option<Section> = None;
    for &(index, section) in headings {
        // A second heading of the section it is in is an entry's title
        // ("Bachelor's Degree" under Education), not a section heading.
        let repeated = previous == Some(section);
        previous = Some(section);
        if matches!(section, Section::Other) || repeated {
            continue;
        }
        let Some(line) = doc.lines.get(index) else {
            continue;
        };
        let key = format!(" {} ", heading_key(&line.norm));
        let phrases = lexicon.list(&format!("sections.headings.{}", section.as_str()));
        // A heading that holds a common wording ("Technical Skills & Tools")
        // is fine; one that names a place or a field ("Certificate in
        // Electronics") is more likely an entry than a heading.
        if phrases.iter().any(|p| key.contains(&format!(" {p} ")))
            || [" in ", " at "].iter().any(|w| key.contains(w))
        {
            continue;
        }
        // The section's keyword must be the heading's head noun, its last
        // word ("My Toolbox", "Where I've Worked"): "Project Management" is a
        // skill, "AWS Certified Cloud Practitioner" a certificate.
        let last = key.trim_end().rsplit(' ').next().unwrap_or("");
        let head_noun = lexicon
            .section_keywords()
            .iter()
            .filter(|(s, _)| *s == section)
            .flat_map(|(_, words)| words)
            .any(|w| last.starts_with(w.as_str()));
        // "EXPERIENCED" (a skill level) or "Certified" is an adjective.
        let adjective = last.ends_with("ed")
            && !lexicon
                .section_keywords()
                .iter()
                .flat_map(|(_, words)| words)
                .any(|w| w == last);
        // Headings are short; a longer line, or a code ("SkillsBuild-FEWD"),
        // is an entry.
        let short = key.split_whitespace().count() <= 3 && last.chars().all(char::is_alphabetic);
        if !head_noun
            || adjective
            || !short
            || house_case.is_some_and(|c| c != case_of(line.text.trim()))
        {
            continue;
        }
        let Some(wording) = common_wording(lexicon, section) else {
            continue;
        };
        let core = matches!(
            section,
            Section::Experience | Section::Education | Section::Skills
        );
        found.push((core, line, wording));
    }
    let worst = if found.iter().any(|f| f.0) {
        Severity::Medium
    } else if found.is_empty() {
        return None;
    } else {
        Severity::Low
    };
    let named: Vec<String> = found
        .iter()
        .take(4)
        .map(|(_, l, w)| format!("\"{}\" (use \"{w}\")", l.text.trim()))
        .collect();
    let evidence = found
        .iter()
        .take(MAX_EVIDENCE)
        .map(|(_, l, w)| Evidence {
            page: l.page,
            line: Some(l.number),
            end_line: None,
            region: Some(format!("common wording: {w}")),
            text: l.text.trim().to_string(),
        })
        .collect();
    Some(Finding::new(
        UNUSUAL_HEADINGS,
        worst,
        format!(
            "{} not a common ATS wording: {}",
            plural(
                found.len() as u32,
                "section heading is",
                "section headings are"
            ),
            named.join(", ")
        ),
        evidence,
    ))
}

fn hidden_characters(f: &LayoutFacts, lines: &Lines<'_>) -> Option<Finding> {
    let c = &f.chars;
    let kinds = [
        (&c.soft_hyphens, "soft hyphens inside words"),
        (&c.zero_width, "zero-width spaces or joiners"),
        (&c.controls, "control or direction characters"),
    ];
    let total: u32 = kinds.iter().map(|(r, _)| r.count).sum();
    if total == 0 {
        return None;
    }
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(r, _)| r.count > 0)
        .map(|(r, what)| format!("{} {what}", r.count))
        .collect();
    // One item per line, naming what the line holds.
    let mut evidence: Vec<Evidence> = Vec::new();
    for (r, what) in kinds {
        for e in lines.refs(r, Some(what)) {
            let full = evidence.len() >= MAX_EVIDENCE;
            match evidence
                .iter_mut()
                .find(|x| x.page == e.page && x.line == e.line)
            {
                Some(x) => {
                    if let Some(region) = x.region.as_mut() {
                        region.push_str(", ");
                        region.push_str(what);
                    }
                }
                None if !full => evidence.push(e),
                None => {}
            }
        }
    }
    Some(Finding::new(
        HIDDEN_CHARACTERS,
        Severity::Medium,
        format!(
            "The text holds characters a reader does not see ({}): an ATS may split keywords or contact details at them",
            parts.join(", ")
        ),
        evidence,
    ))
}

#[cfg(test)]
mod tests;
