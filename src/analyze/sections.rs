//! Section headings: "EXPERIENCE", "Work History", "Core Competencies",
//! "Licenses & Certifications", "## Education", "SUMMARY:" … Every line
//! belongs to the section of the heading above it.

use std::collections::HashMap;

use crate::extract::{Document, LineHint};
use crate::rules::{heading_key, Lexicon, Section};

/// The heading words of the lexicon (`sections.*`), ready for lookup.
pub struct HeadingWords {
    /// Known wordings (in [`heading_key`] form) and their section.
    phrases: HashMap<String, Section>,
    /// Keywords naming a section inside an unknown wording, most specific first.
    keywords: Vec<(String, Section)>,
    /// Words of job titles: a line with one is a job header, not a heading.
    job_header_words: Vec<String>,
}

impl HeadingWords {
    pub fn new(lexicon: &Lexicon) -> HeadingWords {
        let mut phrases = HashMap::new();
        for section in Section::ALL {
            for phrase in lexicon.list(&format!("sections.headings.{}", section.as_str())) {
                phrases.entry(phrase.clone()).or_insert(section);
            }
        }
        HeadingWords {
            phrases,
            keywords: lexicon
                .section_keywords()
                .iter()
                .flat_map(|(section, words)| words.iter().map(|w| (w.clone(), *section)))
                .collect(),
            job_header_words: lexicon.list("sections.job_header_words").to_vec(),
        }
    }

    /// Classifies a line as a heading: a known phrase (with decorations such as
    /// `##`, `===`, `:` stripped), a short heading-shaped line naming a section
    /// by keyword, or any other short all-capitals line (an unknown section).
    pub fn heading_of(&self, norm: &str, hint: LineHint) -> Option<Section> {
        let norm = without_numbering(norm);
        let key = heading_key(norm);
        if key.is_empty() || key.len() > 48 {
            return None;
        }
        let trimmed = norm.trim();
        // A sentence's end ("tools.") or a lower-case fragment is never a
        // heading, whatever its words.
        let sentence_like = trimmed.ends_with(['.', ',', ';'])
            || (trimmed.starts_with(|c: char| c.is_lowercase()) && hint != LineHint::Heading);
        if sentence_like {
            // A known heading in capitals with a stray mark after it
            // ("EXPERIENCE," as OCR reads a smudge) is still that heading:
            // a capitalised word alone is no sentence.
            let lone_capitals = !trimmed.contains(char::is_whitespace)
                && trimmed.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && trimmed
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            return self.phrases.get(&key).copied().filter(|_| lone_capitals);
        }
        if let Some(s) = self.phrases.get(&key) {
            return Some(*s);
        }
        // A known heading with a subtitle: "WORK EXPERIENCE - Past 3 Jobs".
        if let Some((head, _)) = [" - ", " | ", ": "]
            .iter()
            .find_map(|sep| trimmed.split_once(sep))
        {
            let head_letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
            let styled = hint == LineHint::Heading
                || (head_letters.len() >= 4 && head_letters.iter().all(|c| c.is_uppercase()));
            if let Some(s) = self.phrases.get(&heading_key(head)).filter(|_| styled) {
                return Some(*s);
            }
        }
        let letters: Vec<char> = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
        let words: Vec<&str> = key.split_whitespace().collect();
        let title_case = words.len() <= 4
            && trimmed
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        let shaped = all_caps
            || hint == LineHint::Heading
            || norm.starts_with('#')
            || trimmed.ends_with(':')
            || title_case;
        let plain = !trimmed.contains(|c: char| c.is_ascii_digit())
            && !trimmed.starts_with('•')
            && !trimmed.contains(['.', ',', ';', '|', '(', '@'])
            && words.len() <= 5;
        if !shaped
            || !plain
            || words.iter().any(|w| {
                // The word itself or its plural ("Interns"), not a longer word
                // ("Internships", "Leadership").
                self.job_header_words.iter().any(|t| {
                    w.strip_prefix(t.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest == "s")
                })
            })
        {
            return None;
        }
        if let Some((_, s)) = self.keywords.iter().find(|(k, _)| key.contains(k.as_str())) {
            return Some(*s);
        }
        (all_caps || hint == LineHint::Heading).then_some(Section::Other)
    }

    /// Whether a line is a known heading wording as it stands (numbering
    /// and subtitles not removed).
    fn is_listed(&self, norm: &str) -> bool {
        self.phrases
            .contains_key(&heading_key(without_numbering(norm)))
    }

    /// Whether a line's last word is a section keyword, as in a heading's
    /// head noun ("Independent Projects", "Leadership Experience"); the
    /// wrapped tail of a sentence rarely ends on one.
    fn ends_with_keyword(&self, norm: &str) -> bool {
        let key = heading_key(without_numbering(norm));
        let last = key.rsplit(' ').next().unwrap_or("");
        !last.is_empty()
            && self
                .keywords
                .iter()
                .any(|(k, _)| last.starts_with(k.as_str()))
    }

    /// The section of every line (`None` before the first heading), and whether
    /// each line is itself a heading.
    pub fn assign(&self, doc: &Document) -> (Vec<Option<Section>>, Vec<bool>) {
        let mut sections = Vec::with_capacity(doc.lines.len());
        let mut headings = Vec::with_capacity(doc.lines.len());
        let mut current = None;
        // The section of the main flow, which a sidebar's headings do not
        // change: the text after a sidebar (the main column's next page)
        // continues it.
        let mut main = None;
        let mut in_side = false;
        // What the current section has shown: its heading in capitals, a year
        // under it (a dated job).
        let mut opened = Opened::default();
        let mut previous: Option<&str> = None;
        for line in &doc.lines {
            if in_side && !line.side {
                current = main;
            }
            in_side = line.side;
            let heading = self
                .heading_of(&line.norm, line.hint)
                .filter(|_| {
                    self.is_listed(&line.norm)
                        || self.ends_with_keyword(&line.norm)
                        || !continues_sentence(previous, &line.norm, line.hint)
                })
                .filter(|s| !is_job_sub_label(current, *s, &line.norm, opened));
            previous = Some(line.norm.as_str());
            match heading {
                // An unknown capitalised line inside a known section is a job
                // title or company name, not a new section.
                Some(Section::Other)
                    if current.is_some_and(|c| c != Section::Other)
                        && !self.is_listed(&line.norm) =>
                {
                    sections.push(current);
                    headings.push(false);
                }
                Some(s) => {
                    current = Some(s);
                    opened = Opened {
                        capitals: in_capitals(&line.norm),
                        year: false,
                    };
                    sections.push(current);
                    headings.push(true);
                }
                None => {
                    opened.year |= has_year(&line.norm);
                    sections.push(current);
                    headings.push(false);
                }
            }
            if !line.side {
                main = current;
            }
        }
        (sections, headings)
    }
}

/// A heading without its numbering: "4. PROJECTS" → "PROJECTS",
/// "IV) Skills" → "Skills", "EDUCATION (1)" → "EDUCATION".
fn without_numbering(norm: &str) -> &str {
    let t = norm.trim();
    let after_number = t
        .split_once([' ', '\t'])
        .filter(|(n, _)| {
            let n = n.trim_end_matches(['.', ')']);
            n.len() < t.split_once([' ', '\t']).map_or(0, |(m, _)| m.len())
                && !n.is_empty()
                && (n.chars().all(|c| c.is_ascii_digit()) && n.len() <= 2
                    || n.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && n.len() <= 4)
        })
        .map_or(t, |(_, rest)| rest.trim_start());
    match after_number.rsplit_once('(') {
        Some((head, count))
            if count
                .trim_end()
                .strip_suffix(')')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) =>
        {
            head.trim_end()
        }
        _ => after_number,
    }
}

/// The tail of a sentence wrapped onto a line of its own: a short line
/// (one or two words, no heading style of its own) after a long line that
/// does not end a sentence ("… with hand and power" / "Tooling Systems").
/// Known heading wordings are exempt: a paragraph's last line often lacks
/// its full stop.
fn continues_sentence(previous: Option<&str>, norm: &str, hint: LineHint) -> bool {
    let Some(previous) = previous.map(str::trim) else {
        return false;
    };
    let words = norm.split_whitespace().count();
    let letters: Vec<char> = norm.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    // Mid-sentence, a line ends with a comma or a lower-case word (not a
    // year, a name or a full stop).
    let last_word = previous.rsplit(' ').next().unwrap_or("");
    let open_sentence = previous.len() >= 50
        && (previous.ends_with(',')
            || (!last_word.is_empty() && last_word.chars().all(|c| c.is_ascii_lowercase())))
        && previous.starts_with(|c: char| c.is_alphanumeric() || c == '\u{2022}');
    open_sentence && words <= 2 && !capitals && hint != LineHint::Heading
}

/// What the section being read has shown so far.
#[derive(Debug, Clone, Copy, Default)]
struct Opened {
    /// Its heading is in capitals.
    capitals: bool,
    /// A line under it names a year (a dated job).
    year: bool,
}

/// An inline label inside a job rather than a section of its own:
/// "Accomplishments:"; "Highlights" or "Achievements" in lower case under an
/// experience heading in capitals; "Highlights" or "Summary" after a dated
/// job (a summary section does not follow the jobs).
fn is_job_sub_label(
    current: Option<Section>,
    heading: Section,
    norm: &str,
    opened: Opened,
) -> bool {
    current == Some(Section::Experience)
        && match heading {
            Section::Achievements => {
                norm.trim_end().ends_with(':') || (opened.capitals && !in_capitals(norm))
            }
            Section::Summary => opened.year || (opened.capitals && !in_capitals(norm)),
            _ => false,
        }
}

/// Whether a line names a year (19xx or 20xx standing alone).
fn has_year(norm: &str) -> bool {
    let b = norm.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        matches!(&w[..2], b"19" | b"20")
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// At least four letters, all capitals.
fn in_capitals(norm: &str) -> bool {
    let mut n = 0;
    for c in norm.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n >= 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lexicon::tests::builtin;

    fn heading_of(norm: &str, hint: LineHint) -> Option<Section> {
        builtin().sections.heading_of(norm, hint)
    }

    #[test]
    fn known_headings_in_many_styles() {
        let h = |s| heading_of(s, LineHint::None);
        assert_eq!(h("EXPERIENCE"), Some(Section::Experience));
        assert_eq!(h("Work History:"), Some(Section::Experience));
        assert_eq!(h("## Professional Experience"), Some(Section::Experience));
        assert_eq!(h("Core Competencies"), Some(Section::Skills));
        assert_eq!(
            h("Licenses & Certifications"),
            Some(Section::Certifications)
        );
        assert_eq!(h("=== EDUCATION ==="), Some(Section::Education));
        assert_eq!(h("Military Service"), Some(Section::Military));
    }

    #[test]
    fn ordinary_lines_are_not_headings() {
        let h = |s| heading_of(s, LineHint::None);
        assert_eq!(h("Operated CNC lathes and mills"), None);
        assert_eq!(h("Production Technician, Acme Corp"), None);
        assert_eq!(h("ACME CORP 2019 - 2021"), None);
        // A sentence end is no heading, but a lone capitalised heading
        // with a stray mark (OCR) is.
        assert_eq!(h("Experience,"), None);
        assert_eq!(h("EXPERIENCE,"), Some(Section::Experience));
        assert_eq!(h("WORK EXPERIENCE."), None);
    }

    #[test]
    fn numbered_counted_and_subtitled_headings() {
        let h = |s| heading_of(s, LineHint::None);
        assert_eq!(h("4. PROJECTS & INTERNSHIPS"), Some(Section::Projects));
        assert_eq!(h("II. Education"), Some(Section::Education));
        assert_eq!(h("WORK EXPERIENCE (5)"), Some(Section::Experience));
        assert_eq!(
            h("WORK EXPERIENCE - Past 3 Jobs"),
            Some(Section::Experience)
        );
        assert_eq!(
            heading_of("Work Experience - Past 3 Jobs", LineHint::Heading),
            Some(Section::Experience)
        );
        // Not a subtitle: a sentence that starts with a heading word.
        assert_eq!(h("Skills - welding, brazing and soldering"), None);
    }

    #[test]
    fn sentence_tails_and_job_labels_are_not_headings() {
        let h = |s| heading_of(s, LineHint::None);
        assert_eq!(h("tools."), None);
        assert_eq!(h("software"), None);
        let words = builtin();
        let doc = Document::new(
            crate::extract::Format::Text,
            [
                "EXPERIENCE",
                "Maintenance Technician, Acme 2015 - 2019",
                "Repaired conveyors, gearboxes and hydraulic presses with hand and power",
                "Tooling Systems",
                "Accomplishments:",
                "Cut downtime by 20%",
                "Laboratory: oscilloscope, woodshop tools, electric circuit analysis",
                "Independent Projects",
                "SKILLS",
            ]
            .into_iter()
            .map(crate::extract::RawLine::plain)
            .collect(),
            vec![],
        );
        let (sections, headings) = words.sections.assign(&doc);
        // A heading whose last word names its section follows an item
        // without a full stop: still a heading.
        assert_eq!(
            headings,
            vec![true, false, false, false, false, false, false, true, true]
        );
        assert!(sections[..6]
            .iter()
            .all(|s| *s == Some(Section::Experience)));
    }

    #[test]
    fn a_sidebar_does_not_end_the_main_section() {
        let line = |page: u32, text: &str, side: bool| crate::extract::RawLine {
            page: Some(page),
            text: text.into(),
            side,
            ..Default::default()
        };
        let doc = Document::new(
            crate::extract::Format::Pdf,
            vec![
                line(1, "WORK HISTORY", false),
                line(1, "Maintenance Technician, 01/2020 to Current", false),
                line(1, "EDUCATION", true),
                line(1, "Associate of Applied Science", true),
                line(1, "STRENGTHS", true),
                line(1, "Team oriented", true),
                line(2, "Weapons Controller, 11/2015 to 06/2019", false),
            ],
            vec![],
        );
        let (sections, _) = builtin().sections.assign(&doc);
        assert_eq!(sections[3], Some(Section::Education));
        assert_eq!(sections[6], Some(Section::Experience));
    }

    #[test]
    fn unknown_capitals_are_other_sections() {
        assert_eq!(
            heading_of("SELECTED PATENTS", LineHint::None),
            Some(Section::Other)
        );
        assert_eq!(
            heading_of("PROFESSIONAL EXPERIENCE AND TRAINING", LineHint::None),
            Some(Section::Experience)
        );
    }

    #[test]
    fn headings_of_unusual_wording_by_keyword() {
        let h = |s| heading_of(s, LineHint::None);
        assert_eq!(h("WHERE I'VE WORKED"), Some(Section::Experience));
        assert_eq!(h("Employment Record"), Some(Section::Experience));
        assert_eq!(h("JOBS"), Some(Section::Experience));
        assert_eq!(h("## Career"), Some(Section::Experience));
        assert_eq!(h("Technical Toolbox"), Some(Section::Skills));
        assert_eq!(h("SCHOOLING"), Some(Section::Education));
        assert_eq!(h("TRAINING & CREDENTIALS"), Some(Section::Certifications));
        assert_eq!(h("Education & Qualifications"), Some(Section::Education));
        assert_eq!(h("Senior Production Engineer"), None);
        assert_eq!(h("Acme Tool Works"), None);
    }
}
