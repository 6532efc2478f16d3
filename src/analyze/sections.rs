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
        let key = heading_key(norm);
        if key.is_empty() || key.len() > 48 {
            return None;
        }
        if let Some(s) = self.phrases.get(&key) {
            return Some(*s);
        }
        let trimmed = norm.trim();
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
                self.job_header_words
                    .iter()
                    .any(|t| w.starts_with(t.as_str()))
            })
        {
            return None;
        }
        if let Some((_, s)) = self.keywords.iter().find(|(k, _)| key.contains(k.as_str())) {
            return Some(*s);
        }
        (all_caps || hint == LineHint::Heading).then_some(Section::Other)
    }

    fn is_listed(&self, norm: &str) -> bool {
        self.phrases.contains_key(&heading_key(norm))
    }

    /// The section of every line (`None` before the first heading), and whether
    /// each line is itself a heading.
    pub fn assign(&self, doc: &Document) -> (Vec<Option<Section>>, Vec<bool>) {
        let mut sections = Vec::with_capacity(doc.lines.len());
        let mut headings = Vec::with_capacity(doc.lines.len());
        let mut current = None;
        for line in &doc.lines {
            match self.heading_of(&line.norm, line.hint) {
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
                    sections.push(current);
                    headings.push(true);
                }
                None => {
                    sections.push(current);
                    headings.push(false);
                }
            }
        }
        (sections, headings)
    }
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
