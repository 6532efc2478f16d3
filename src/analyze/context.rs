//! Context around a mention: the sentence it sits in and the cues that change
//! its meaning — a wish ("interested in learning Six Sigma"), a negation,
//! training received ("trained in LOTO"), work done by someone else, or a
//! credential still in progress ("pursuing CPIM", "expected 2027").

use crate::pattern::ascii_regex;
use std::sync::LazyLock;

use crate::pattern::Pattern as Regex;

use crate::month::YearMonth;

/// Byte bounds of the sentence around `start..end` in a lower-cased line:
/// sentences end at `;`, `|`, `•`, `!`, `?` and at a period followed by a space
/// (but not inside abbreviations such as "b.s. in").
pub fn sentence(lower: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = lower.as_bytes();
    let is_stop = |i: usize| -> bool {
        match bytes[i] {
            b';' | b'|' | b'!' | b'?' => true,
            b'.' => {
                let next_space = bytes.get(i + 1).is_none_or(|b| *b == b' ');
                let abbreviation = i == 1 || (i >= 2 && bytes[i - 2] == b'.');
                let single_letter = i >= 2
                    && !bytes[i - 2].is_ascii_alphanumeric()
                    && bytes[i - 1].is_ascii_alphabetic();
                next_space && !abbreviation && !single_letter
            }
            // Bullets and middle dots separate list items ("•" and "·" in UTF-8).
            _ => bytes[i..].starts_with("•".as_bytes()) || bytes[i..].starts_with("·".as_bytes()),
        }
    };
    let mut s = start;
    while s > 0 && !is_stop(s - 1) {
        s -= 1;
    }
    let mut e = end;
    while e < bytes.len() && !is_stop(e) {
        e += 1;
    }
    while !lower.is_char_boundary(s) {
        s += 1;
    }
    while !lower.is_char_boundary(e) {
        e += 1;
    }
    (s, e)
}

/// The last `max` bytes of `text` (on a char boundary).
pub fn tail(text: &str, max: usize) -> &str {
    let mut at = text.len().saturating_sub(max);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

/// The first `max` bytes of `text` (on a char boundary).
pub fn head(text: &str, max: usize) -> &str {
    let mut at = text.len().min(max);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

static WISH: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(interested in|interest in|would like to|would love to|hope to|hoping to|eager to|want to|wants to|wanting to|looking to|seeking to|aim to|aiming to|plan to|planning to|plans to|aspir\w* to|aspiring|goal is to|goal of|desire to|excited to|open to|looking forward to|learning about|to learn|learn more|to gain|to develop|to build|to grow|to expand|to acquire|to pursue|future|someday|one day|opportunity to|exploring|considering|curious about|wish to|intend to|intending to|can learn|could learn|will learn|learning opportunit\w*|hope|hoping)\b",
    )
    .expect("wish regex")
});

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(no|not|never|without|lack|lacks|lacking|none|non)\b").expect("negation regex")
});

static TRAINING_RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(trained (in|on)|training (in|on|for)|coursework|course work|courses? (in|on)|classes? (in|on)|studied|introduction to|intro to|exposure to|exposed to|workshops? (in|on)|familiarity with|class project)\b",
    )
    .expect("training regex")
});

static TRAINING_GIVEN: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(provided|provide|provides|delivered|deliver|delivers|conducted|conduct|conducts|led|lead|leads|gave|give|gives|developed|develop|created|designed|facilitated|ran|organized|taught|instructed)\b[^.;]{0,25}$")
        .expect("training given regex")
});

static OTHERS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(team|teams|staff|department|dept|engineers?|technicians?|mechanics?|contractors?|vendors?|supervisors?|manager|crew|group|colleagues|coworkers|co-workers|personnel|specialists?|who)\s+(who|that|which)?\s*(handled|performed|did|does|do|handles|performs|conducted|conducts|was responsible|were responsible|is responsible|are responsible)?\b")
        .expect("others regex")
});

static OTHERS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"^[^.;]{0,30}\b(handled|performed|done|conducted|completed|carried out|managed) by\b",
    )
    .expect("others after regex")
});

/// How a skill mention reads in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillReading {
    /// The person claims or shows the skill.
    Claimed,
    /// Only a wish or plan.
    Wish,
    /// Negated ("no experience with").
    Negated,
    /// Training received, not the skill shown.
    TrainingReceived,
    /// Someone else did it.
    SomeoneElse,
}

/// Reads a skill mention at `start..end` in `lower`.
pub fn read_skill(lower: &str, start: usize, end: usize, carry_before: &str) -> SkillReading {
    let (s, e) = sentence(lower, start, end);
    let joined;
    let before = if s == 0 && !carry_before.is_empty() {
        joined = format!("{carry_before} {}", &lower[..start]);
        joined.as_str()
    } else {
        &lower[s..start]
    };
    let after = &lower[end..e];
    if NEGATION.is_match(tail(before, 24)) {
        return SkillReading::Negated;
    }
    if WISH.is_match(tail(before, 90)) {
        return SkillReading::Wish;
    }
    let near = tail(before, 40);
    if let Some(m) = TRAINING_RECEIVED.find_iter(near).last() {
        if !TRAINING_GIVEN.is_match(&near[..m.start()]) {
            return SkillReading::TrainingReceived;
        }
    }
    if is_relative_clause_of_others(before) || OTHERS_AFTER.is_match(after) {
        return SkillReading::SomeoneElse;
    }
    SkillReading::Claimed
}

fn is_relative_clause_of_others(before: &str) -> bool {
    OTHERS_BEFORE.find_iter(tail(before, 60)).any(|m| {
        let t = m.as_str();
        t.contains(" who")
            || t.contains(" that")
            || t.contains(" which")
            || t.contains("responsible")
    })
}

static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(pursuing|pursue|working toward|working towards|working on|studying for|study for|preparing for|prepare for|enrolled|enrolling|candidate|candidacy|in progress|in-progress|in process|underway|ongoing|expected|anticipated|pending|scheduled|registered for|sitting for|will sit|to sit|currently completing|completing|in the process of|exam date|target date|targeted|est\.? completion|projected|not yet complete|ip|awaiting|submitted|under review|in review|booked)\b",
    )
    .expect("in-progress regex")
});

static TRAINING_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(training|trained|course|courses|coursework|workshop|seminar|awareness|introduction|intro|familiar|familiarity|knowledge of|exposure|principles|concepts|methodology|methodologies|methods|tools|projects?|study|studied|overview|fundamentals|basics)\b")
        .expect("training-only regex")
});

static CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(certified|certification|certificate|certificated|credential|credentialed|license|licensed|accredited|passed|earned|awarded|obtained|achieved|holder|#|id)\b").expect("credential regex")
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?((?:19|20)\d{2})\b",
    )
    .expect("year regex")
});

/// How a certification mention reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertReading {
    Held,
    InProgress,
    /// Mentioned but not held: a wish, training only, negated.
    NotHeld,
}

/// Reads a certification mention; `before` and `after` are the text between
/// this mention and its neighbours in the same sentence.
pub fn read_cert(before: &str, mention: &str, after: &str, as_of: YearMonth) -> CertReading {
    if NEGATION.is_match(tail(before, 20)) {
        return CertReading::NotHeld;
    }
    if WISH.is_match(tail(before, 90)) {
        return CertReading::NotHeld;
    }
    let near_before = tail(before, 30);
    let near_after = head(after, 40);
    if IN_PROGRESS.is_match(near_before) || IN_PROGRESS.is_match(near_after) {
        return CertReading::InProgress;
    }
    if has_future_date(near_after, as_of) || has_future_date(near_before, as_of) {
        return CertReading::InProgress;
    }
    let training =
        TRAINING_ONLY.is_match(tail(before, 25)) || TRAINING_ONLY.is_match(head(after, 25));
    let credential = CREDENTIAL.is_match(near_before)
        || CREDENTIAL.is_match(near_after)
        || mention.contains("certified");
    if training && !credential {
        return CertReading::NotHeld;
    }
    CertReading::Held
}

/// True when `text` names a month or year after `as_of`.
pub fn has_future_date(text: &str, as_of: YearMonth) -> bool {
    YEAR.captures(text).any(|c| {
        let year: i32 = c.get(2).and_then(|y| y.as_str().parse().ok()).unwrap_or(0);
        let month_name = c.get(1).map(|m| m.as_str());
        let month = month_name.map(month_index).unwrap_or(12);
        year > as_of.year || (year == as_of.year && month_name.is_some() && month > as_of.month)
    })
}

fn month_index(m: &str) -> u32 {
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| m.starts_with(x))
    .map(|i| i as u32 + 1)
    .unwrap_or(12)
}

/// Compiles this module's patterns now (they are otherwise built on first use).
pub(crate) fn warm_up() {
    LazyLock::force(&CREDENTIAL);
    LazyLock::force(&IN_PROGRESS);
    LazyLock::force(&NEGATION);
    LazyLock::force(&OTHERS_AFTER);
    LazyLock::force(&OTHERS_BEFORE);
    LazyLock::force(&TRAINING_GIVEN);
    LazyLock::force(&TRAINING_ONLY);
    LazyLock::force(&TRAINING_RECEIVED);
    LazyLock::force(&WISH);
    LazyLock::force(&YEAR);
}

#[cfg(test)]
mod tests {
    use super::*;

    const AS_OF: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn skill(line: &str, term: &str) -> SkillReading {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(term).expect("term in line");
        read_skill(&lower, at, at + term.len(), "")
    }

    #[test]
    fn skill_readings() {
        assert_eq!(
            skill(
                "Performed preventive maintenance on presses",
                "preventive maintenance"
            ),
            SkillReading::Claimed
        );
        assert_eq!(
            skill(
                "Interested in learning lean manufacturing",
                "lean manufacturing"
            ),
            SkillReading::Wish
        );
        assert_eq!(
            skill("No experience with CAD yet", "cad"),
            SkillReading::Negated
        );
        assert_eq!(
            skill("Trained in LOTO and confined space entry", "loto"),
            SkillReading::TrainingReceived
        );
        assert_eq!(
            skill("Provided training on LOTO to new hires", "loto"),
            SkillReading::Claimed
        );
        assert_eq!(
            skill(
                "Supported the maintenance crew who performed preventive maintenance",
                "preventive maintenance"
            ),
            SkillReading::SomeoneElse
        );
        assert_eq!(
            skill(
                "Packed parts; preventive maintenance was handled by the maintenance team",
                "preventive maintenance"
            ),
            SkillReading::SomeoneElse
        );
    }

    fn cert(line: &str, term: &str) -> CertReading {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(term).expect("term");
        read_cert(&lower[..at], term, &lower[at + term.len()..], AS_OF)
    }

    #[test]
    fn cert_readings() {
        assert_eq!(cert("APICS CPIM, 2021", "cpim"), CertReading::Held);
        assert_eq!(cert("Pursuing APICS CPIM", "cpim"), CertReading::InProgress);
        assert_eq!(
            cert("CPIM candidate (exam scheduled Jan 2027)", "cpim"),
            CertReading::InProgress
        );
        assert_eq!(cert("CPT (expected 2027)", "cpt"), CertReading::InProgress);
        assert_eq!(
            cert("Interested in learning Six Sigma", "six sigma"),
            CertReading::NotHeld
        );
        assert_eq!(
            cert("Completed Green Belt training", "green belt"),
            CertReading::NotHeld
        );
        assert_eq!(
            cert(
                "Certified Six Sigma Green Belt (ASQ)",
                "six sigma green belt"
            ),
            CertReading::Held
        );
        assert_eq!(
            cert("Six Sigma Green Belt, 2019", "six sigma green belt"),
            CertReading::Held
        );
        assert_eq!(cert("Not CPIM certified", "cpim"), CertReading::NotHeld);
    }

    #[test]
    fn sentences_split_on_stops_not_abbreviations() {
        let line = "b.s. in mechanical engineering. expected may 2027";
        let (s, e) = sentence(line, 0, 4);
        assert_eq!(&line[s..e], "b.s. in mechanical engineering");
    }
}
