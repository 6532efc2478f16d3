//! Quantified achievements: bullets stating a measurable result — a
//! percentage, money, a count of people or units, time saved, a before→after
//! pair. Identifiers and specifications (OSHA 10-Hour, ISO 9001, 5S, 5-axis,
//! 400-ton), years and date ranges, schedules and frequencies (12-hour shift)
//! are not results. Bullets without a result are listed to quantify.

use crate::pattern::ascii_regex;
use std::sync::LazyLock;

use crate::pattern::Pattern as Regex;

use super::View;
use crate::analyze::findings::AchievementsFinding;
use crate::extract::LineHint;
use crate::rules::Section;

/// Numbers that are identifiers, specifications, dates or schedules.
static NOT_RESULTS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(concat!(
        r"\b(19|20)\d{2}s?\b",                                                   // years
        r"|\b\d{1,2}/\d{2,4}\b",                                                 // dates 03/2019
        r"|\b(osha|iso|iatf|as|nfpa|ansi|asme|astm|mil-std|ipc|j-std|en|din|iec|ul|api|aws|sae|class|level|tier|grade|step|phase|type|gen|version|rev|part|module|size|gauge|gage|schedule|sch|zone|cell|line|station|bay|building|plant|unit|area|room|team|model|series|no|number|item|lot|batch|area)[\s#.-]*\d[\d.:/-]*\b",
        r"|\b\d+(st|nd|rd|th)\b",                                                // ordinals, shifts
        r"|\b\d+[\s-]?(s|axis|ton|tons|tonne|hp|kw|kv|v|volt|volts|amp|amps|psi|bar|rpm|mm|cm|in|inch|inches|ft|foot|micron|microns|um|deg|degree|degrees|ply|gallon|liter|litre|lb|lbs|station|spindle|head|cavity|point|piece|sigma|d|why|whys)\b(?:[\s-](press|machine|mill|lathe|robot|mold|die|line|cell|fixture)s?)?",
        r"|\b\d+(\.\d+)?[\s-]?(hour|hr|hrs|day|week|month|year)s?[\s-]+(shift|shifts|rotation|schedule|course|card|certification|training|program|class)\b",
        r"|\b\d+[\s-]?(hour|hr|day)[\s-]",                                       // 10-hour, 12-hr
        r"|\b\d+\s?x\s?\d+\b|\b24/7\b|\b\d+/\d+\b",                             // 4x10 schedules, 24/7
        r"|\b(every|each|per)\s+\d+\s+\w+",                                      // every 2 hours
        r"|\b\d+\s+(shifts?|days? (a|per) week|hours? (a|per) (day|week|shift))\b",
        r"|\b\d+(\.\d+)?\s?(gpa)\b|\bgpa:?\s*\d(\.\d+)?",
        r"|\b[a-z]+\d+[a-z\d]*\b|\b\d+[a-z]+\d*[a-z]*\b",                      // part numbers, a3, 8d, 5s
        r"|±\s?\d[\d.]*",
        r"|\b[a-z]{2,}-\d+\b",                                                   // icd-10, cpt-4, mil-1
        r"|\b\d+-(bed|beds|seat|seats|story|storey|lane|bay|gallon|pound|lb|inch|foot|mm|cavity|station|spindle|head|point|step|ply|pin|way)\b",                                                      // tolerances
        r"|\b\d+\s?(years?|yrs?)\s+(of\s+)?(experience|exp)\b",               // years of experience
    ))
    .expect("non-result regex")
});

/// Strong result forms: percentages, money, before→after.
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\d\s?%|\d\s?percent\b|(?:\$|€|£)\s?\d|\b\d[\d,.]*\s?(k|m|mm|million|billion|thousand)\b\s*(in|of|usd|dollars|annual|per|/|savings|saved|revenue|cost)|\b(usd|dollars)\b|\bfrom \d[\d,.]*\s?\w* to \d|\d\s?(->|→)\s?\d|\b\d+x\b|\b(saved|saving|reduc\w*|cut|decreas\w*|shorten\w*|freed|eliminat\w*)\b[^.;]{0,40}\b\d+(\.\d+)?\s?(hours?|hrs|minutes?|mins|days?|weeks?|seconds?|secs)\b")
        .expect("strong result regex")
});

/// Number words for counts of people and units ("trained five operators").
static WORD_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|dozens of|hundreds of|thousands of|a dozen)\s+(new\s+)?(\w+\s+)?(operators|employees|technicians|hires|staff|members|associates|workers|people|engineers|apprentices|interns|trainees|machines|lines|presses|cells|robots|units|parts|products|suppliers|projects|plants|sites|shifts|direct reports|assemblers|machinists|inspectors|mechanics)\b")
        .expect("word count regex")
});

static DIGIT: LazyLock<Regex> = LazyLock::new(|| ascii_regex(r"\d").expect("digit regex"));

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
pub(super) fn analyze(views: &[View<'_>]) -> AchievementsFinding {
    let mut finding = AchievementsFinding {
        bullets: 0,
        quantified: 0,
        examples: Vec::new(),
        to_quantify: Vec::new(),
    };
    for (i, v) in views.iter().enumerate() {
        if !v.bullet || skipped(v.section) {
            continue;
        }
        let text = with_continuation(views, i);
        if text.split_whitespace().count() < 3 {
            continue;
        }
        finding.bullets += 1;
        if is_quantified(&text) {
            finding.quantified += 1;
            if finding.examples.len() < 10 {
                finding.examples.push(v.evidence());
            }
        } else if finding.to_quantify.len() < 10 && !matches!(v.section, Some(Section::Summary)) {
            finding.to_quantify.push(v.evidence());
        }
    }
    finding
}

/// A bullet plus the wrapped lines that continue it (marked so by the
/// extractor, indented, or starting in lower case or with a digit, and not
/// themselves bullets or headings).
fn with_continuation(views: &[View<'_>], i: usize) -> String {
    let mut text = views[i].lower.clone();
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
    }
    text
}

/// Whether a bullet's text states a measurable result.
pub fn is_quantified(lower: &str) -> bool {
    if STRONG.is_match(lower) || WORD_COUNT.is_match(lower) {
        return true;
    }
    let cleaned = NOT_RESULTS.replace_all(lower, " ");
    DIGIT.is_match(&cleaned)
}

/// Compiles this module's patterns now (they are otherwise built on first use).
pub(crate) fn warm_up() {
    LazyLock::force(&DIGIT);
    LazyLock::force(&NOT_RESULTS);
    LazyLock::force(&STRONG);
    LazyLock::force(&WORD_COUNT);
}

#[cfg(test)]
mod tests {
    use super::is_quantified;

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
        ] {
            assert!(!is_quantified(s), "{s}");
        }
    }
}
