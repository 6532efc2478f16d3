//! Unit tests of the checks on hand-made facts; the tests on real
//! producers' files are in tests/it/ats.rs.

use super::*;
use crate::extract::facts::{Column, GlyphIssue, ImagePage, LayoutTable};
use crate::extract::RawLine;

fn pdf(lines: &[&str]) -> Document {
    let raw = lines
        .iter()
        .map(|t| RawLine {
            page: Some(1),
            text: t.to_string(),
            ..RawLine::default()
        })
        .collect();
    Document::new(Format::Pdf, raw, vec![])
}

fn at(line: u32) -> LineRef {
    LineRef {
        page: Some(1),
        line,
    }
}

fn lexicon() -> Lexicon {
    crate::rules::RuleSet::builtin().lexicon
}

fn ids(doc: &Document) -> Vec<(&'static str, Severity)> {
    check(doc, &[], &lexicon())
        .into_iter()
        .map(|f| (f.id, f.severity))
        .collect()
}

#[test]
fn a_clean_document_has_no_risk() {
    assert!(ids(&pdf(&["Jane Doe", "EXPERIENCE", "Ran the line"])).is_empty());
}

#[test]
fn columns_with_sentences_are_high_and_a_short_list_low() {
    let mut doc = pdf(&["a"; 40]);
    let column = |index, first, last, long| Column {
        index,
        first,
        last,
        lines: 8,
        long_lines: long,
        labels: 0,
        side: false,
    };
    doc.layout.columns = vec![ColumnBlock {
        page: 1,
        rows: 12,
        columns: vec![column(0, 3, 10, 0), column(1, 11, 20, 5)],
    }];
    let f = &check(&doc, &[], &lexicon())[0];
    assert_eq!((f.id, f.severity), (MULTI_COLUMN, Severity::High));
    assert_eq!(
        f.evidence[1].location(),
        "page 1, lines 11–20 (right column)"
    );
    assert!(
        f.message.contains("lines 3–10 beside lines 11–20"),
        "{}",
        f.message
    );
    // Three short lines beside three: a list set in two columns.
    doc.layout.columns[0].rows = 3;
    for c in &mut doc.layout.columns[0].columns {
        c.lines = 3;
        c.long_lines = 0;
    }
    assert_eq!(ids(&doc), [(MULTI_COLUMN, Severity::Low)]);
    // Labels ("Programming:") beside their values read well line by line.
    doc.layout.columns[0].columns[0].labels = 6;
    assert!(ids(&doc).is_empty());
}

#[test]
fn glyph_problems_are_split_by_id() {
    let mut doc = pdf(&["Production", "Office"]);
    let issue = |problem, count| GlyphIssue {
        font: "CMR10".into(),
        problem,
        refs: Refs {
            count,
            lines: vec![at(1)],
        },
    };
    doc.layout.glyphs = vec![
        issue(GlyphProblem::Recovered, 40),
        issue(GlyphProblem::Ligature, 3),
        issue(GlyphProblem::Icon, 2),
    ];
    assert_eq!(
        ids(&doc),
        [
            (UNMAPPED, Severity::High),
            (LIGATURES, Severity::High),
            (ICONS, Severity::Low)
        ]
    );
    doc.layout.glyphs = vec![issue(GlyphProblem::LigatureCodePoint, 12)];
    assert_eq!(ids(&doc), [(LIGATURES, Severity::Low)]);
}

#[test]
fn contact_details_only_in_a_header_are_high() {
    let raw = [
        "jane@example.com | (512) 555-0147",
        "Jane Doe",
        "EXPERIENCE",
        "Page 1",
    ]
    .iter()
    .map(|t| RawLine::plain(*t))
    .collect();
    let mut doc = Document::new(Format::Docx, raw, vec![]);
    doc.layout.margin_parts(4, 1, 1);
    let found = check(&doc, &[], &lexicon());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].id, found[0].severity),
        (HEADER_FOOTER, Severity::High)
    );
    // The same details also in the body: nothing is lost.
    let raw = ["jane@example.com", "Jane Doe", "Email: jane@example.com"]
        .iter()
        .map(|t| RawLine::plain(*t))
        .collect();
    let mut doc = Document::new(Format::Docx, raw, vec![]);
    doc.layout.margin_parts(3, 1, 0);
    assert!(check(&doc, &[], &lexicon()).is_empty());
}

#[test]
fn image_pages_make_text_in_images_or_image_only() {
    let mut doc = pdf(&["Jane Doe"]);
    doc.layout.image_pages = vec![ImagePage {
        page: 1,
        cover: 0.98,
        chars: 8,
        outlines: false,
    }];
    assert_eq!(ids(&doc), [(IMAGE_ONLY, Severity::High)]);
    doc.pages = 2;
    assert_eq!(ids(&doc), [(TEXT_IN_IMAGES, Severity::High)]);
    // A background image under a full text layer is no risk.
    doc.layout.image_pages[0].chars = 2000;
    assert!(ids(&doc).is_empty());
}

#[test]
fn layout_tables_and_hidden_characters() {
    let raw = ["Pro\u{ad}duction", "Tel: \u{200b}555 0147"]
        .iter()
        .map(|t| RawLine::plain(*t))
        .collect();
    let mut doc = Document::new(Format::Docx, raw, vec![]);
    doc.layout.layout_tables = vec![LayoutTable {
        rows: 1,
        columns: 2,
        columns_of_text: false,
        first: Some(LineRef {
            page: None,
            line: 1,
        }),
        last: Some(LineRef {
            page: None,
            line: 2,
        }),
    }];
    assert_eq!(
        ids(&doc),
        [
            (LAYOUT_TABLE, Severity::Medium),
            (HIDDEN_CHARACTERS, Severity::Medium)
        ]
    );
    let f = check(&doc, &[], &lexicon());
    assert_eq!(f[1].evidence[0].line, Some(1));
    assert!(
        f[1].message.contains("1 soft hyphens inside words"),
        "{}",
        f[1].message
    );
}

#[test]
fn letter_spaced_headings_are_medium_and_show_the_split() {
    let mut doc = pdf(&["SKILLS", "Lean"]);
    doc.layout.letter_spaced = vec![(at(1), 0.17)];
    doc.layout.letter_spaced_lines = 1;
    let f = &check(&doc, &[], &lexicon())[0];
    assert_eq!((f.id, f.severity), (LETTER_SPACED, Severity::Medium));
    assert!(f.message.contains("\"S K I L L S\""), "{}", f.message);
}

#[test]
fn unusual_headings_name_the_common_wording() {
    let doc = pdf(&["Where I've Worked", "Technical Skills & Tools", "Hobbies"]);
    let headings = [
        (0, Section::Experience),
        (1, Section::Skills),
        (2, Section::Interests),
    ];
    let f = check(&doc, &headings, &lexicon());
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].id, f[0].severity),
        (UNUSUAL_HEADINGS, Severity::Medium)
    );
    assert!(
        f[0].message
            .contains("\"Where I've Worked\" (use \"Experience\")"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].evidence.len(), 1);
}

#[test]
fn invisible_text_has_its_texts() {
    let doc = pdf(&["Jane Doe", "PLC SCADA Lean"]);
    let f = invisible_text(&doc, 14, &[at(2)]);
    assert_eq!((f.id, f.severity), (INVISIBLE_TEXT, Severity::Medium));
    assert!(!f.advice.is_empty());
    assert_eq!(f.evidence[0].text, "PLC SCADA Lean");
}

#[test]
fn contact_tokens_find_email_phone_and_links() {
    assert_eq!(
        contact_tokens("jane@example.com | (512) 555-0147 | linkedin.com/in/jane"),
        ["jane@example.com", "linkedin.com/in/jane", "5125550147"]
    );
    assert!(contact_tokens("Production Technician 2019 - 2021").is_empty());
}
