//! Section headings: "EXPERIENCE", "Work History", "Core Competencies",
//! "Licenses & Certifications", "## Education", "SUMMARY:" … Every line
//! belongs to the section of the heading above it.

use crate::extract::{Document, LineHint};
use crate::rules::Section;

/// Heading phrases (lower case, without punctuation) and their section.
const HEADINGS: &[(&str, Section)] = &[
    ("summary", Section::Summary),
    ("professional summary", Section::Summary),
    ("career summary", Section::Summary),
    ("executive summary", Section::Summary),
    ("summary of qualifications", Section::Summary),
    ("qualifications summary", Section::Summary),
    ("profile", Section::Summary),
    ("professional profile", Section::Summary),
    ("career profile", Section::Summary),
    ("objective", Section::Summary),
    ("career objective", Section::Summary),
    ("professional objective", Section::Summary),
    ("about me", Section::Summary),
    ("about", Section::Summary),
    ("overview", Section::Summary),
    ("highlights", Section::Summary),
    ("career highlights", Section::Summary),
    ("experience", Section::Experience),
    ("work experience", Section::Experience),
    ("professional experience", Section::Experience),
    ("relevant experience", Section::Experience),
    ("related experience", Section::Experience),
    ("manufacturing experience", Section::Experience),
    ("industry experience", Section::Experience),
    ("engineering experience", Section::Experience),
    ("technical experience", Section::Experience),
    ("additional experience", Section::Experience),
    ("other experience", Section::Experience),
    ("employment", Section::Experience),
    ("employment history", Section::Experience),
    ("work history", Section::Experience),
    ("career history", Section::Experience),
    ("professional history", Section::Experience),
    ("professional background", Section::Experience),
    ("experience history", Section::Experience),
    ("internships", Section::Experience),
    ("internship", Section::Experience),
    ("internship experience", Section::Experience),
    ("co-op experience", Section::Experience),
    ("co op experience", Section::Experience),
    ("internships and co-ops", Section::Experience),
    ("positions held", Section::Experience),
    ("military service", Section::Military),
    ("military experience", Section::Military),
    ("military", Section::Military),
    ("military history", Section::Military),
    ("service history", Section::Military),
    ("education", Section::Education),
    ("education and training", Section::Education),
    ("education & training", Section::Education),
    ("training and education", Section::Education),
    ("training & education", Section::Education),
    ("academic background", Section::Education),
    ("academic history", Section::Education),
    ("academics", Section::Education),
    ("educational background", Section::Education),
    ("education history", Section::Education),
    ("education and certifications", Section::Education),
    ("education & certifications", Section::Education),
    ("skills", Section::Skills),
    ("key skills", Section::Skills),
    ("core skills", Section::Skills),
    ("technical skills", Section::Skills),
    ("professional skills", Section::Skills),
    ("relevant skills", Section::Skills),
    ("skills summary", Section::Skills),
    ("summary of skills", Section::Skills),
    ("skill set", Section::Skills),
    ("skillset", Section::Skills),
    ("skills and abilities", Section::Skills),
    ("skills & abilities", Section::Skills),
    ("skills and competencies", Section::Skills),
    ("skills & competencies", Section::Skills),
    ("skills and qualifications", Section::Skills),
    ("skills & qualifications", Section::Skills),
    ("core competencies", Section::Skills),
    ("competencies", Section::Skills),
    ("key competencies", Section::Skills),
    ("areas of expertise", Section::Skills),
    ("expertise", Section::Skills),
    ("technical expertise", Section::Skills),
    ("qualifications", Section::Skills),
    ("key qualifications", Section::Skills),
    ("technical proficiencies", Section::Skills),
    ("proficiencies", Section::Skills),
    ("strengths", Section::Skills),
    ("capabilities", Section::Skills),
    ("tools", Section::Skills),
    ("software", Section::Skills),
    ("tools and software", Section::Skills),
    ("tools & software", Section::Skills),
    ("technical", Section::Skills),
    ("abilities", Section::Skills),
    ("certifications", Section::Certifications),
    ("certification", Section::Certifications),
    ("certificates", Section::Certifications),
    ("licenses", Section::Certifications),
    ("licenses and certifications", Section::Certifications),
    ("licenses & certifications", Section::Certifications),
    ("certifications and licenses", Section::Certifications),
    ("certifications & licenses", Section::Certifications),
    ("licensure", Section::Certifications),
    ("credentials", Section::Certifications),
    ("professional certifications", Section::Certifications),
    ("certifications and training", Section::Certifications),
    ("certifications & training", Section::Certifications),
    ("training and certifications", Section::Certifications),
    ("training & certifications", Section::Certifications),
    ("training", Section::Certifications),
    ("professional development", Section::Certifications),
    ("continuing education", Section::Certifications),
    ("projects", Section::Projects),
    ("academic projects", Section::Projects),
    ("selected projects", Section::Projects),
    ("student projects", Section::Projects),
    ("personal projects", Section::Projects),
    ("capstone project", Section::Projects),
    ("senior design project", Section::Projects),
    ("activities", Section::Activities),
    ("volunteer", Section::Activities),
    ("volunteering", Section::Activities),
    ("volunteer experience", Section::Activities),
    ("volunteer work", Section::Activities),
    ("community involvement", Section::Activities),
    ("community service", Section::Activities),
    ("leadership and activities", Section::Activities),
    ("leadership & activities", Section::Activities),
    ("extracurricular activities", Section::Activities),
    ("extracurriculars", Section::Activities),
    ("affiliations", Section::Activities),
    ("professional affiliations", Section::Activities),
    ("memberships", Section::Activities),
    ("professional memberships", Section::Activities),
    ("achievements", Section::Achievements),
    ("key achievements", Section::Achievements),
    ("accomplishments", Section::Achievements),
    ("key accomplishments", Section::Achievements),
    ("selected accomplishments", Section::Achievements),
    ("awards", Section::Achievements),
    ("honors", Section::Achievements),
    ("awards and honors", Section::Achievements),
    ("awards & honors", Section::Achievements),
    ("honors and awards", Section::Achievements),
    ("honors & awards", Section::Achievements),
    ("interests", Section::Interests),
    ("hobbies", Section::Interests),
    ("hobbies and interests", Section::Interests),
    ("hobbies & interests", Section::Interests),
    ("personal interests", Section::Interests),
    ("personal", Section::Interests),
    ("references", Section::References),
    ("contact", Section::Contact),
    ("contact information", Section::Contact),
    ("contact info", Section::Contact),
    ("languages", Section::Skills),
    ("additional information", Section::Other),
    ("additional", Section::Other),
    ("publications", Section::Other),
];

/// Keywords that name a section inside a heading of unknown wording
/// ("Where I've Worked", "Employment Record", "Technical Toolbox"), most
/// specific first.
const KEYWORDS: &[(&str, Section)] = &[
    ("military", Section::Military),
    ("education", Section::Education),
    ("schooling", Section::Education),
    ("academic", Section::Education),
    ("degree", Section::Education),
    ("certif", Section::Certifications),
    ("credential", Section::Certifications),
    ("licen", Section::Certifications),
    ("experience", Section::Experience),
    ("employment", Section::Experience),
    ("career", Section::Experience),
    ("jobs", Section::Experience),
    ("worked", Section::Experience),
    ("work history", Section::Experience),
    ("positions", Section::Experience),
    ("skill", Section::Skills),
    ("toolbox", Section::Skills),
    ("toolkit", Section::Skills),
    ("competenc", Section::Skills),
    ("expertise", Section::Skills),
    ("proficienc", Section::Skills),
    ("technologies", Section::Skills),
    ("training", Section::Certifications),
    ("summary", Section::Summary),
    ("profile", Section::Summary),
    ("objective", Section::Summary),
    ("project", Section::Projects),
    ("volunteer", Section::Activities),
    ("activities", Section::Activities),
    ("affiliation", Section::Activities),
    ("membership", Section::Activities),
    ("award", Section::Achievements),
    ("honor", Section::Achievements),
    ("honour", Section::Achievements),
    ("achievement", Section::Achievements),
    ("accomplishment", Section::Achievements),
    ("interest", Section::Interests),
    ("hobbies", Section::Interests),
    ("reference", Section::References),
];

/// Words of job titles: a line with one is a job header, not a heading.
const TITLE_WORDS: &[&str] = &[
    "technician",
    "engineer",
    "manager",
    "operator",
    "supervisor",
    "intern",
    "director",
    "assembler",
    "machinist",
    "specialist",
    "coordinator",
    "analyst",
    "inspector",
    "mechanic",
    "lead",
    "planner",
    "associate",
    "apprentice",
];

/// Classifies a line as a heading: a known phrase (with decorations such as
/// `##`, `===`, `:` stripped), a short heading-shaped line naming a section
/// by keyword, or any other short all-capitals line (an unknown section).
pub fn heading_of(norm: &str, hint: LineHint) -> Option<Section> {
    let key = heading_key(norm);
    if key.is_empty() || key.len() > 48 {
        return None;
    }
    if let Some((_, s)) = HEADINGS.iter().find(|(k, _)| *k == key) {
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
        || words
            .iter()
            .any(|w| TITLE_WORDS.iter().any(|t| w.starts_with(t)))
    {
        return None;
    }
    if let Some((_, s)) = KEYWORDS.iter().find(|(k, _)| key.contains(k)) {
        return Some(*s);
    }
    (all_caps || hint == LineHint::Heading).then_some(Section::Other)
}

fn is_listed(norm: &str) -> bool {
    let key = heading_key(norm);
    HEADINGS.iter().any(|(k, _)| *k == key)
}

fn heading_key(norm: &str) -> String {
    let trimmed = norm.trim().trim_matches(|c: char| {
        matches!(c, '#' | '=' | '-' | '_' | '*' | ':' | '|' | '~' | '•' | ' ')
    });
    let mut key = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if c.is_alphanumeric() || c == '&' || c == '-' {
            key.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '/' {
            key.push(' ');
        }
    }
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section of every line (`None` before the first heading), and whether
/// each line is itself a heading.
pub fn assign(doc: &Document) -> (Vec<Option<Section>>, Vec<bool>) {
    let mut sections = Vec::with_capacity(doc.lines.len());
    let mut headings = Vec::with_capacity(doc.lines.len());
    let mut current = None;
    for line in &doc.lines {
        match heading_of(&line.norm, line.hint) {
            // An unknown capitalised line inside a known section is a job
            // title or company name, not a new section.
            Some(Section::Other)
                if current.is_some_and(|c| c != Section::Other) && !is_listed(&line.norm) =>
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

#[cfg(test)]
mod tests {
    use super::*;

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
