//! Quantified achievements: bullets stating a measurable result — a
//! percentage, money, a count of people or units, time saved, a before→after
//! pair. Identifiers and specifications (OSHA 10-Hour, ISO 9001, 5S, 5-axis,
//! 400-ton), years and date ranges, schedules and frequencies (12-hour shift)
//! are not results. Bullets without a result are listed to quantify.

use crate::pattern::Pattern as Regex;

use super::dates::Months;
use super::lexicon::{alternation, compile};
use super::View;
use crate::analyze::findings::AchievementsFinding;
use crate::extract::LineHint;
use crate::rules::{Lexicon, Section};

/// The result words of the lexicon (`achievements.*`), compiled.
pub struct ResultWords {
    /// Numbers that are identifiers, specifications, dates or schedules.
    not_results: Regex,
    /// An acronym before a number, in the text as written: a model or
    /// identifier ("CVN 68", "PLC 5", "MCSE 70-640").
    acronym_number: Regex,
    /// Strong result forms: percentages, money, before→after, time saved.
    strong: Regex,
    /// Number words counting people and units ("trained five operators").
    word_count: Regex,
    digit: Regex,
    /// Action verbs in every form an accomplishment starts with.
    action_verbs: std::collections::HashSet<String>,
}

impl ResultWords {
    pub fn new(lexicon: &Lexicon, months: &Months) -> ResultWords {
        let [not_results, strong, word_count] = Self::sources(lexicon, months);
        ResultWords {
            not_results: compile(&not_results),
            acronym_number: compile(
                r"\b[A-Z]{2,}[A-Z0-9]*[\s-]?\d[\d.-]*(\s\d[\d.-]*)?[a-zA-Z]*\b",
            ),
            strong: compile(&strong),
            word_count: compile(&word_count),
            digit: compile(r"\d"),
            action_verbs: lexicon
                .list("achievements.action_verbs")
                .iter()
                .flat_map(|v| verb_forms(v))
                .collect(),
        }
    }

    /// Whether a lower-cased line starts with an action verb ("reduced",
    /// "leads", "set up").
    pub fn starts_with_action_verb(&self, lower: &str) -> bool {
        let mut words = lower.split_whitespace();
        let first = words.next().unwrap_or("").trim_end_matches([',', ':', ';']);
        self.action_verbs.contains(first)
            || words
                .next()
                .is_some_and(|w| self.action_verbs.contains(&format!("{first} {w}")))
    }

    /// The three patterns' sources: not results, strong results, counts in words.
    fn sources(lexicon: &Lexicon, months: &Months) -> [String; 3] {
        let list = |key: &str| alternation(lexicon.list(&format!("achievements.{key}")));
        // The shapes of numbers, dates and schedules are syntax; the words
        // around them come from the lexicon.
        let not_results = [
            r"\b(19|20)\d{2}s?\b".to_string(),  // years
            r"\b\d{1,2}/\d{2,4}\b".to_string(), // dates 03/2019
            format!(r"\b({})[\s#.-]*\d[\d.:/-]*\b", list("identifier_words")),
            r"\b\d+(st|nd|rd|th)\b".to_string(), // ordinals, shifts
            format!(
                r"\b\d+[\s-]?({})\b(?:[\s-]({})s?)?",
                list("spec_units"),
                list("spec_machines")
            ),
            format!(
                r"\b\d+(\.\d+)?[\s-]?(hour|hr|hrs|day|week|month|year)s?[\s-]+({})\b",
                list("schedule_words")
            ),
            r"\b\d+[\s-]?(hour|hr|day)[\s-]".to_string(), // 10-hour, 12-hr
            r"\b\d+\s?x\s?\d+\b|\b24/7\b|\b\d+/\d+\b".to_string(), // 4x10 schedules, 24/7
            r"\b(every|each|per)\s+\d+\s+\w+".to_string(), // every 2 hours
            r"\b\d+\s+(shifts?|days? (a|per) week|hours? (a|per) (day|week|shift))\b".to_string(),
            r"\b\d+(\.\d+)?\s?(gpa)\b|\bgpa:?\s*\d(\.\d+)?".to_string(),
            r"\b[a-z]+\d+[a-z\d]*\b|\b\d+[a-z]+\d*[a-z]*\b".to_string(), // part numbers, a3, 8d, 5s
            r"±\s?\d[\d.]*".to_string(),                                 // tolerances
            r"\b[a-z]+-\d+[a-z]*\b".to_string(), // icd-10, cpt-4, uh-60, p-3, sh-60f
            format!(r"\b\d+-({})\b", list("size_words")),
            r"\b\d+\s?(years?|yrs?)\s+(of\s+)?(experience|exp)\b".to_string(), // years of experience
            // durations ("for 3 years", "a 6 month program", "242 hours")
            format!(r"\b\d+(\.\d+)?[\s-]?({})\b", list("duration_units")),
            // dates ("June 7-9, 2013", "November, 26", "30 October", "'16")
            format!(
                r"\b({m})\.?,?\s*\d{{1,2}}(st|nd|rd|th)?(\s?(-|–)\s?\d{{1,2}})?\b|\b\d{{1,2}}(st|nd|rd|th)?\s+({m})\b|'\d{{2}}\b",
                m = months.alternation()
            ),
            // phone numbers ("(912)-414-1558", "757-878-5350")
            r"(\+?\b1[\s.-]?)?\(?\b\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}\b".to_string(),
            // lengths in feet and inches ("225' buoy tender")
            r#"\b\d+(\.\d+)?\s?['"]"#.to_string(),
            // codes ("70-640", "670-1") and long numbers after "#" (a patent)
            r"\b\d{3,}-\d+\b|\b\d+-\d{3,}\b|#\s?\d{1,3}(,\d{3})+|#\s?\d{4,}".to_string(),
        ]
        .join("|");
        let strong = format!(
            r"\d\s?%|\d\s?percent\b|(?:\$|€|£)\s?\d|\b\d[\d,.]*\s?({})\b\s*({})|\b({})\b|\bfrom \d[\d,.]*\s?\w* to \d|\d\s?(->|→)\s?\d|\b\d+x\b|\b({})\b[^.;]{{0,40}}\b\d+(\.\d+)?\s?({})\b|\b({})\b[^.;]{{0,30}}\b\d[\d,.]*\s?({})\b",
            list("money_magnitudes"),
            list("money_words"),
            list("currency_words"),
            list("saving_verbs"),
            list("time_units"),
            list("accrual_verbs"),
            list("duration_units"),
        );
        let word_count = format!(
            r"\b({count})\s+(new\s+)?(\w+\s+)?({})\b|\b({count})([\s-]({count}))?\s?percent\b|\b({})\s+of\s+({count})\b",
            list("counted"),
            list("groups"),
            count = list("count_words"),
        );
        [not_results, strong, word_count]
    }

    /// Whether a bullet's text states a measurable result; `original` is
    /// `lower` before lower-casing (same byte offsets), for acronyms.
    pub fn is_quantified(&self, lower: &str, original: &str) -> bool {
        if self.strong.is_match(lower) || self.word_count.is_match(lower) {
            return true;
        }
        let mut text = lower.to_string();
        if original.len() == lower.len() {
            for m in self.acronym_number.find_iter(original) {
                if text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) {
                    text.replace_range(m.start()..m.end(), &" ".repeat(m.end() - m.start()));
                }
            }
        }
        let cleaned = self.not_results.replace_all(&text, " ");
        self.digit.is_match(&cleaned)
    }
}

/// Sections whose bullets are not achievements.
fn skipped(section: Option<Section>) -> bool {
    matches!(
        section,
        Some(
            Section::Skills
                | Section::Certifications
                | Section::Education
                | Section::Interests
                | Section::References
                | Section::Contact
        )
    )
}

/// Counts bullets and quantified bullets.
pub(super) fn analyze(views: &[View<'_>], words: &ResultWords) -> AchievementsFinding {
    let mut finding = AchievementsFinding {
        bullets: 0,
        quantified: 0,
        examples: Vec::new(),
        to_quantify: Vec::new(),
        inferred: false,
    };
    // Without a single list item that would count (a PDF whose bullets
    // are lost, a resume of plain paragraphs; a dash before a reference's
    // name is no list), the experience lines that start with an action
    // verb stand for its bullets.
    let marked = views.iter().any(|v| v.bullet && !skipped(v.section));
    let inferred = |v: &View<'_>| {
        !marked
            && v.section == Some(Section::Experience)
            && !v.heading
            && words.starts_with_action_verb(&v.lower)
    };
    for (i, v) in views.iter().enumerate() {
        if !(v.bullet || inferred(v)) || skipped(v.section) {
            continue;
        }
        let (text, original) = with_continuation(views, i);
        if text.split_whitespace().count() < 3 {
            continue;
        }
        finding.bullets += 1;
        if words.is_quantified(&text, &original) {
            finding.quantified += 1;
            if finding.examples.len() < 10 {
                finding.examples.push(v.evidence());
            }
        } else if finding.to_quantify.len() < 10 && !matches!(v.section, Some(Section::Summary)) {
            finding.to_quantify.push(v.evidence());
        }
    }
    finding.inferred = !marked && finding.bullets > 0;
    finding
}

/// A verb and its -s, -ed, -d and -ing forms ("reduce": reduces, reduced,
/// reducing), for matching the first word of a line.
fn verb_forms(verb: &str) -> Vec<String> {
    let mut forms = vec![
        verb.to_string(),
        format!("{verb}s"),
        format!("{verb}ed"),
        format!("{verb}ing"),
    ];
    if let Some(stem) = verb.strip_suffix('e') {
        forms.push(format!("{verb}d"));
        forms.push(format!("{stem}ing"));
    }
    // plan → planned, ship → shipping: a short verb ending consonant,
    // vowel, consonant doubles its last letter.
    let b = verb.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    if b.len() >= 3
        && b.len() <= 4
        && !vowel(b[b.len() - 1])
        && !b"wxy".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
    {
        let last = char::from(b[b.len() - 1]);
        forms.push(format!("{verb}{last}ed"));
        forms.push(format!("{verb}{last}ing"));
    }
    if let Some(stem) = verb.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
    }
    forms
}

/// A bullet plus the wrapped lines that continue it (marked so by the
/// extractor, indented, or starting in lower case or with a digit, and not
/// themselves bullets or headings): lower-cased, and as written.
fn with_continuation(views: &[View<'_>], i: usize) -> (String, String) {
    let mut text = views[i].lower.clone();
    let mut original = views[i].line.norm.clone();
    for v in &views[i + 1..] {
        let raw = &v.line.text;
        let continues = !v.bullet
            && !v.heading
            && !v.lower.is_empty()
            && (v.line.hint == LineHint::Continuation
                || raw.starts_with([' ', '\t'])
                || v.lower.starts_with(|c: char| c.is_ascii_digit())
                || v.line.norm.starts_with(|c: char| c.is_lowercase()));
        if !continues {
            break;
        }
        text.push(' ');
        text.push_str(&v.lower);
        original.push(' ');
        original.push_str(&v.line.norm);
    }
    (text, original)
}

#[cfg(test)]
mod tests {
    use crate::analyze::lexicon::tests::builtin;

    fn is_quantified(text: &str) -> bool {
        builtin()
            .achievements
            .is_quantified(&text.to_ascii_lowercase(), text)
    }

    #[test]
    fn results_count() {
        for s in [
            "reduced scrap by 18% through spc",
            "saved $120k annually by rebuilding gearboxes",
            "trained 12 new operators on loto",
            "trained five new operators",
            "cut changeover time from 45 to 20 minutes",
            "produced 1,200 units per shift with zero defects",
            "saved 6 hours per week by automating reports",
            "supervised a team of 14 technicians",
            "Supervises 13 personnel on the flight line",
            "cut changeover by 25 minutes",
            "reduced lead time from 6 weeks to 2 weeks",
            "Managed a staff of 6-10 employees",
            "Manage a team of sixteen electrical and mechanical engineers",
            "a thirty-five percent reduction in the cost estimate",
            "Accrued and logged 232.8 hours of aircrew flight time",
        ] {
            assert!(is_quantified(s), "{s}");
        }
    }

    #[test]
    fn identifiers_dates_and_schedules_do_not() {
        for s in [
            "completed osha 10-hour general industry training",
            "maintained iso 9001:2015 documentation",
            "led 5s audits in the molding area",
            "programmed 5-axis cnc mills",
            "operated 400-ton stamping presses",
            "worked 12-hour rotating shifts",
            "promoted in 2021 after the line expansion (2019-2020)",
            "used 8d and a3 problem solving",
            "held tolerances of ±0.0005 in",
            "covered 2nd shift on weekends",
            "Supervisor: Jane Doe (757) 555-0148. Okay to contact this Supervisor: Yes.",
            "Supervisor: John Roe (912)-414-1558 completes inspections",
            "Eight years of active duty service, UH-60 Blackhawk 3 years",
            "Installed VHF antennas on 225' buoy tenders aboard USS Nimitz (CVN 68)",
            "Performed 14-day, 28-day and daily inspections on F/A-18 and P-3 aircraft",
            "Completed MCSE 70-640 and 70-642 courses",
            "Walking for a charity, June 7-9, 2013; turkey trot, November, 26, 2015",
            "Design for Manufacturing and Assembly, OMNEX, '16",
            "Completed the product and the project in 10 months",
            "Maintained a deficiency-free department for 3 years",
            "Published inventor, USPTO #8,684,847",
            "Taught the Army maintenance manual (DA PAM 738- 751) and (TC 3-04.7)",
        ] {
            assert!(!is_quantified(s), "{s}");
        }
    }
}
