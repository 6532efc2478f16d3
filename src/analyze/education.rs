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
    /// Study that names no degree ("Some College courses").
    some_college: Regex,
    /// Look-alikes of degree names ("Six Sigma Masters Program").
    not_degree: Regex,
    /// "Minor in": the field after it is not the degree's.
    minor: Regex,
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
            some_college: compile(&whole_words(lexicon.list("education.some_college"))),
            not_degree: compile(&whole_words(lexicon.list("education.not_degree"))),
            minor: compile(&whole_words(lexicon.list("education.minor"))),
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

    /// The highest level a line names (look-alikes of degree names aside).
    fn level_of(&self, lower: &str) -> Option<EducationLevel> {
        let cleaned = self.not_degree.replace_all(lower, " ");
        self.levels
            .iter()
            .find(|(_, re)| re.is_match(&cleaned))
            .map(|(l, _)| *l)
    }

    /// Whether a degree of `level` on `line`, with `next` the line after
    /// it, is left unfinished. Each line is read alone (a date of "Current"
    /// ends its line); study after school naming no degree does not leave a
    /// high-school diploma unfinished.
    fn unfinished(&self, level: EducationLevel, line: &str, next: &str) -> bool {
        [line, next].iter().any(|text| {
            let text = text.trim_end();
            if level == EducationLevel::HighSchool {
                self.unfinished
                    .is_match(&self.some_college.replace_all(text, " "))
            } else {
                self.unfinished.is_match(text)
            }
        })
    }

    /// Whether `block` names a counted engineering field other than as a
    /// minor ("Business Administration/Minor in Industrial Engineering").
    fn engineering_field(&self, block: &str) -> bool {
        let minors: Vec<&str> = self
            .minor
            .find_iter(block)
            .map(|m| {
                let rest = &block[m.end()..];
                let end = rest.find([',', ';', '(', '|']).unwrap_or(rest.len());
                rest[..end].trim()
            })
            .collect();
        self.engineering_field.find_iter(block).any(|m| {
            let field = m.as_str().trim();
            !minors.iter().any(|minor| minor.contains(field))
        })
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
            || words.unfinished(level, &v.lower, next)
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
            && words.engineering_field(&block)
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

#[cfg(test)]
mod tests {
    use crate::analyze::lexicon::tests::builtin;
    use crate::rules::EducationLevel;

    fn words() -> &'static super::DegreeWords {
        &builtin().education
    }

    #[test]
    fn unfinished_degrees_on_the_line_or_the_next() {
        let w = words();
        let bachelor = EducationLevel::Bachelor;
        for (line, next) in [
            (
                "bachelor of science : professional aeronautics",
                "completed 2 years",
            ),
            ("b.s : professional aeronautics 70% complete", ""),
            (
                "associate of applied science : current",
                "central community college",
            ),
            ("ms : instructional design", "currently 3.6gpa"),
            (
                "associate of science , software engineering 2015",
                "working part-time towards an associates",
            ),
            (
                "bachelor of science : mechanical engineering , 2018",
                "attended for mechanical engineering. currently in the second year of the degree.",
            ),
        ] {
            assert!(w.unfinished(bachelor, line, next), "{line} / {next}");
        }
        assert!(!w.unfinished(
            bachelor,
            "bachelor of science : mechanical engineering , 2003",
            "lakeview college"
        ));
    }

    #[test]
    fn study_naming_no_degree_leaves_a_diploma_complete() {
        let w = words();
        let line = "high school diploma : general studies , 1996 north high school";
        let next = "some college courses : information technology";
        assert!(!w.unfinished(EducationLevel::HighSchool, line, next));
        assert!(w.unfinished(EducationLevel::Bachelor, "bachelor of arts", next));
    }

    #[test]
    fn degree_look_alikes_and_variants() {
        let w = words();
        assert_eq!(
            w.level_of("six sigma green belt training, six sigma masters program, 2012"),
            None
        );
        assert_eq!(w.level_of("master electrician license"), None);
        assert_eq!(
            w.level_of("b.a.sc. in mechanical engineering, 2016"),
            Some(EducationLevel::Bachelor)
        );
        assert_eq!(
            w.level_of("general diploma : 1991 cedar grove academy"),
            Some(EducationLevel::HighSchool)
        );
        assert_eq!(
            w.level_of("b.a , criminal justice 2014"),
            Some(EducationLevel::Bachelor)
        );
    }

    #[test]
    fn a_minor_is_not_the_degree_field() {
        let w = words();
        assert!(!w.engineering_field(
            "b.s., business administration/minor in industrial engineering, 1983"
        ));
        assert!(w.engineering_field("b.s. industrial engineering, minor in business"));
        assert!(w.engineering_field("master of science : electronics engineering"));
    }
}
