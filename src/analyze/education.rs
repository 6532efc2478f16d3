//! Education: the highest completed level, and whether a completed bachelor's
//! or higher is in industrial, mechanical, electrical or manufacturing
//! engineering. Expected, in-progress and unfinished degrees and certificate
//! programmes do not count.

use crate::pattern::ascii_regex;
use std::sync::LazyLock;

use crate::pattern::Pattern as Regex;

use super::context::has_future_date;
use super::dates::find_ranges;
use super::View;
use crate::analyze::findings::EducationFinding;
use crate::month::YearMonth;
use crate::rules::EducationLevel;
use crate::rules::Section;

static LEVELS: LazyLock<Vec<(EducationLevel, Regex)>> = LazyLock::new(|| {
    let re = |s: &str| ascii_regex(s).expect("education regex");
    vec![
        (
            EducationLevel::Doctorate,
            re(r"\b(ph\.? ?d\.?|doctorate|doctor of|d\.eng|eng\.d|doctoral degree)(\W|$)"),
        ),
        (
            EducationLevel::Master,
            re(
                r"(\b(master'?s|masters|master of|m\.s\.|m\.sc\.?|msc|m\.eng\.?|meng|mba|m\.b\.a\.?|emba|msme|msee|msie|mse|m\.s\.e\.|m\.a\.|m\.e\.)(\W|$)|\b(ms|ma|m\.s)\s?(in|of|,|-)\s)",
            ),
        ),
        (
            EducationLevel::Bachelor,
            re(
                r"(\b(bachelor'?s?|bachelors|b\.s\.|b\.sc\.?|bsc|b\.a\.|b\.eng\.?|beng|b\.tech|btech|bsme|bsee|bsie|bsche|bsmfge|bse|b\.s\.e\.|b\.s\.m\.e\.?|b\.s\.e\.e\.?|b\.s\.i\.e\.?|bba|b\.b\.a\.?|b\.a\.s\.|b\.e\.|b\.e)(\W|$)|\b(bs|ba|b\.s)\s?(in|of|,|-)\s|^(bs|ba) [a-z])",
            ),
        ),
        (
            EducationLevel::Associate,
            re(
                r"(\b(associate'?s?|associates) ?(degree|of|in)\b|\b(a\.a\.s\.?|a\.a\.|a\.s\.|aas)(\W|$)|\b(as|aa)\s(in|of)\s)",
            ),
        ),
        (
            EducationLevel::HighSchool,
            re(
                r"\b(high school|high-school|ged|g\.e\.d\.?|hiset|general education(al)? development|general equivalency|secondary school|h\.s\. diploma|hs diploma|vocational high)(\W|$)",
            ),
        ),
    ]
});

static UNFINISHED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(expected|anticipated|in progress|in-progress|pursuing|candidate|currently enrolled|enrolled|ongoing|will graduate|to graduate|graduating|incomplete|not completed|did not complete|coursework toward|courses toward|credits toward|some college|working toward|working towards|projected|est\. graduation|estimated graduation|currently attending|attending)\b")
        .expect("unfinished regex")
});

static CERTIFICATE_PROGRAM: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\bcertificate (program|in|of completion)\b").expect("certificate regex")
});

static ENGINEERING_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(\b(industrial|mechanical|electrical|manufacturing)( (and|&) (systems|computer|manufacturing|electronics|electronic))? engineering\b|\bengineering[, (-]+(industrial|mechanical|electrical|manufacturing)\b|\b(bsme|bsee|bsie|msme|msee|msie|bsmfge|b\.s\.m\.e|b\.s\.e\.e|b\.s\.i\.e)\b)")
        .expect("engineering regex")
});

static NOT_ENGINEERING: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\bengineering (technology|technologies|tech)\b").expect("technology regex")
});

/// Reads the highest completed level and the engineering degree.
pub(super) fn analyze(views: &[View<'_>], as_of: YearMonth) -> EducationFinding {
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
        let Some(level) = level_of(&v.lower) else {
            continue;
        };
        // The degree line plus the line after it (where dates and "Expected" often sit).
        let next = views
            .get(i + 1)
            .filter(|n| !n.heading && !n.bullet && level_of(&n.lower).is_none())
            .map(|n| n.lower.as_str())
            .unwrap_or("");
        let block = format!("{} {}", v.lower, next);
        let ongoing = find_ranges(&block, as_of).iter().any(|r| r.ongoing);
        if ongoing || UNFINISHED.is_match(&block) || has_future_date(&block, as_of) {
            continue;
        }
        if level <= EducationLevel::Associate
            && CERTIFICATE_PROGRAM.is_match(&v.lower)
            && !v.lower.contains("degree")
        {
            continue;
        }
        if level >= EducationLevel::Bachelor
            && ENGINEERING_FIELD.is_match(&block)
            && !NOT_ENGINEERING.is_match(&block)
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

/// The highest level a line names.
fn level_of(lower: &str) -> Option<EducationLevel> {
    LEVELS
        .iter()
        .find(|(_, re)| re.is_match(lower))
        .map(|(l, _)| *l)
}

/// Compiles this module's patterns now (they are otherwise built on first use).
pub(crate) fn warm_up() {
    LazyLock::force(&CERTIFICATE_PROGRAM);
    LazyLock::force(&ENGINEERING_FIELD);
    LazyLock::force(&LEVELS);
    LazyLock::force(&NOT_ENGINEERING);
    LazyLock::force(&UNFINISHED);
}
