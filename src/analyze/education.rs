//! Education: the highest completed level, and whether a completed bachelor's
//! or higher is in a field of the lexicon's `engineering.fields` (industrial,
//! mechanical, electrical, manufacturing, mechatronics). Expected,
//! in-progress and unfinished degrees and certificate programmes do not count.

use crate::pattern::Pattern as Regex;

use super::lexicon::{alternation, compile, whole_words, CompiledLexicon};
use super::View;
use crate::analyze::findings::EducationFinding;
use crate::month::YearMonth;
use crate::rules::{EducationLevel, Lexicon, Section, DEGREE_LEVELS};

/// The degree words of the lexicon (`education.*`, `engineering.*`), compiled.
pub struct DegreeWords {
    /// Degree names by level, highest first.
    levels: Vec<(EducationLevel, Regex)>,
    unfinished: Regex,
    certificate_program: Regex,
    /// A completed degree in a field that counts ("B.S. Mechanical Engineering", "BSME").
    engineering_field: Regex,
    /// "Engineering Technology", which does not count.
    engineering_technology: Regex,
}

impl DegreeWords {
    pub fn new(lexicon: &Lexicon) -> DegreeWords {
        let alternatives = |key: &str| alternation(lexicon.list(key));
        let fields = alternatives("engineering.fields");
        DegreeWords {
            levels: DEGREE_LEVELS
                .iter()
                .map(|level| {
                    let key = format!("education.levels.{}", level.as_str());
                    (*level, compile(&format!("(?:{})", alternatives(&key))))
                })
                .collect(),
            unfinished: compile(&whole_words(lexicon.list("education.unfinished"))),
            certificate_program: compile(&whole_words(
                lexicon.list("education.certificate_program"),
            )),
            engineering_field: compile(&format!(
                r"(\b({fields})( (and|&) ({joined}))? engineering\b|\bengineering[, (-]+({fields})\b|\b({abbreviations})\b)",
                joined = alternatives("engineering.joined_fields"),
                abbreviations = alternatives("engineering.abbreviations"),
            )),
            engineering_technology: compile(&format!(
                r"\bengineering ({})\b",
                alternatives("engineering.technology")
            )),
        }
    }

    /// The highest level a line names.
    fn level_of(&self, lower: &str) -> Option<EducationLevel> {
        self.levels
            .iter()
            .find(|(_, re)| re.is_match(lower))
            .map(|(l, _)| *l)
    }
}

/// Reads the highest completed level and the engineering degree.
pub(super) fn analyze(
    views: &[View<'_>],
    as_of: YearMonth,
    lex: &CompiledLexicon,
) -> EducationFinding {
    let words = &lex.education;
    let has_section = views
        .iter()
        .any(|v| v.heading && v.in_section(Section::Education));
    let mut highest = EducationLevel::None;
    let mut engineering = false;
    let mut evidence = Vec::new();
    for (i, v) in views.iter().enumerate() {
        if v.heading || !eligible(v, has_section) {
            continue;
        }
        let Some(level) = words.level_of(&v.lower) else {
            continue;
        };
        // The degree line plus the line after it (where dates and "Expected" often sit).
        let next = views
            .get(i + 1)
            .filter(|n| !n.heading && !n.bullet && words.level_of(&n.lower).is_none())
            .map(|n| n.lower.as_str())
            .unwrap_or("");
        let block = format!("{} {}", v.lower, next);
        let ongoing = lex
            .dates
            .find_ranges(&block, as_of)
            .iter()
            .any(|r| r.ongoing);
        if ongoing
            || words.unfinished.is_match(&block)
            || lex.context.has_future_date(&block, as_of)
        {
            continue;
        }
        if level <= EducationLevel::Associate
            && words.certificate_program.is_match(&v.lower)
            && !v.lower.contains("degree")
        {
            continue;
        }
        if level >= EducationLevel::Bachelor
            && words.engineering_field.is_match(&block)
            && !words.engineering_technology.is_match(&block)
        {
            engineering = true;
        }
        if level > highest {
            highest = level;
        }
        evidence.push(v.evidence());
    }
    evidence.truncate(4);
    EducationFinding {
        highest,
        engineering_degree: engineering,
        evidence,
    }
}

/// Education lines are those of an education section; without one, any
/// non-bullet line outside experience.
fn eligible(v: &View<'_>, has_section: bool) -> bool {
    if v.in_section(Section::Education) || v.in_section(Section::Certifications) {
        return true;
    }
    !has_section
        && !v.bullet
        && !v.in_section(Section::Experience)
        && !v.in_section(Section::Skills)
}
