//! Context around a mention: the sentence it sits in and the cues that change
//! its meaning — a wish ("interested in learning Six Sigma"), a negation,
//! training received ("trained in LOTO"), work done by someone else, or a
//! credential still in progress ("pursuing CPIM", "expected 2027").

use super::dates::Months;
use super::lexicon::{alternation, compile, whole_words};
use crate::month::YearMonth;
use crate::pattern::Pattern as Regex;
use crate::rules::Lexicon;

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

/// Byte bounds of the clause around `start..end`: its sentence, or, when
/// the sentence is a list (three commas or more: "hiring, training, and
/// scheduling", a keyword list), the item between the commas on either side.
pub fn clause(lower: &str, start: usize, end: usize) -> (usize, usize) {
    let (s, e) = sentence(lower, start, end);
    if lower[s..e].matches(',').count() < 3 {
        return (s, e);
    }
    let from = lower[s..start].rfind(',').map_or(s, |at| s + at + 1);
    let to = lower[end..e].find(',').map_or(e, |at| end + at);
    (from, to)
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

/// How a certification mention reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertReading {
    Held,
    InProgress,
    /// Mentioned but not held: a wish, training only, negated.
    NotHeld,
}

/// The context cues of the lexicon (`context.*`), compiled.
pub struct Cues {
    wish: Regex,
    negation: Regex,
    /// "never missed": a negation that affirms.
    double_negation: Regex,
    training_received: Regex,
    /// A word of a course title ("Level 1", "Fundamentals").
    course_words: Regex,
    /// Training given: a verb shortly before the end of the text.
    training_given: Regex,
    /// Others and what they did: "the crew who performed".
    others_before: Regex,
    /// "… handled by" just after a mention.
    others_after: Regex,
    in_progress: Regex,
    training_only: Regex,
    credential: Regex,
    /// A year, with an optional month name before it.
    year: Regex,
    months: Months,
}

impl Cues {
    pub fn new(lexicon: &Lexicon, months: &Months) -> Cues {
        let words = |key: &str| compile(&whole_words(lexicon.list(key)));
        let alternatives = |key: &str| alternation(lexicon.list(key));
        Cues {
            wish: words("context.wish"),
            negation: words("context.negation"),
            double_negation: words("context.double_negation"),
            training_received: words("context.training_received"),
            course_words: words("context.course_words"),
            training_given: compile(&format!(
                r"{}[^.;]{{0,25}}$",
                whole_words(lexicon.list("context.training_given"))
            )),
            others_before: compile(&format!(
                r"\b({})\s+(who|that|which)?\s*({})?\b",
                alternatives("context.others"),
                alternatives("context.others_did")
            )),
            others_after: compile(&format!(
                r"^[^.;]{{0,30}}\b({}) by\b",
                alternatives("context.done_by")
            )),
            in_progress: words("context.in_progress"),
            training_only: words("context.training_only"),
            credential: words("context.credential"),
            year: compile(&format!(
                r"\b(?:(?P<month>(?:{})[a-z]*)\.?\s+)?(?P<year>(?:19|20)\d{{2}})\b",
                months.alternation()
            )),
            months: months.clone(),
        }
    }

    /// Reads a skill mention at `start..end` in `lower`.
    pub fn read_skill(
        &self,
        lower: &str,
        start: usize,
        end: usize,
        carry_before: &str,
    ) -> SkillReading {
        let (s, e) = sentence(lower, start, end);
        let joined;
        let before = if s == 0 && !carry_before.is_empty() {
            joined = format!("{carry_before} {}", &lower[..start]);
            joined.as_str()
        } else {
            &lower[s..start]
        };
        let after = &lower[end..e];
        if self.negation.is_match(tail(before, 24))
            && !self.double_negation.is_match(tail(before, 24))
        {
            return SkillReading::Negated;
        }
        if self.wish.is_match(tail(before, 90)) {
            return SkillReading::Wish;
        }
        let near = tail(before, 40);
        if let Some(m) = self.training_received.find_iter(near).last() {
            if !self.training_given.is_match(&near[..m.start()]) {
                return SkillReading::TrainingReceived;
            }
        }
        if self.is_relative_clause_of_others(before) || self.others_after.is_match(after) {
            return SkillReading::SomeoneElse;
        }
        SkillReading::Claimed
    }

    /// Whether a line is a list of courses taken: four comma-separated items
    /// or more, most of them naming a course.
    pub fn is_course_list(&self, lower: &str) -> bool {
        let items: Vec<&str> = lower.split(',').filter(|i| !i.trim().is_empty()).collect();
        let courses = items
            .iter()
            .filter(|i| self.course_words.is_match(i))
            .count();
        items.len() >= 4 && courses * 2 > items.len()
    }

    fn is_relative_clause_of_others(&self, before: &str) -> bool {
        self.others_before.find_iter(tail(before, 60)).any(|m| {
            let t = m.as_str();
            t.contains(" who")
                || t.contains(" that")
                || t.contains(" which")
                || t.contains("responsible")
        })
    }

    /// Reads a certification mention; `before` and `after` are the text between
    /// this mention and its neighbours in the same sentence.
    pub fn read_cert(
        &self,
        before: &str,
        mention: &str,
        after: &str,
        as_of: YearMonth,
    ) -> CertReading {
        if self.negation.is_match(tail(before, 20)) {
            return CertReading::NotHeld;
        }
        if self.wish.is_match(tail(before, 90)) {
            return CertReading::NotHeld;
        }
        let near_before = tail(before, 30);
        let near_after = head(after, 40);
        if self.in_progress.is_match(near_before) || self.in_progress.is_match(near_after) {
            return CertReading::InProgress;
        }
        if self.has_future_date(near_after, as_of) || self.has_future_date(near_before, as_of) {
            return CertReading::InProgress;
        }
        let training = self.training_only.is_match(tail(before, 25))
            || self.training_only.is_match(head(after, 25));
        let credential = self.credential.is_match(near_before)
            || self.credential.is_match(near_after)
            || mention.contains("certified");
        if training && !credential {
            return CertReading::NotHeld;
        }
        CertReading::Held
    }

    /// True when `text` names a month or year after `as_of`.
    pub fn has_future_date(&self, text: &str, as_of: YearMonth) -> bool {
        self.year.captures(text).any(|c| {
            let year: i32 = c
                .name("year")
                .and_then(|y| y.as_str().parse().ok())
                .unwrap_or(0);
            let month_name = c.name("month").map(|m| m.as_str());
            let month = month_name.and_then(|m| self.months.number(m)).unwrap_or(12);
            year > as_of.year || (year == as_of.year && month_name.is_some() && month > as_of.month)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lexicon::tests::builtin;

    const AS_OF: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn skill(line: &str, term: &str) -> SkillReading {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(term).expect("term in line");
        builtin()
            .context
            .read_skill(&lower, at, at + term.len(), "")
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
            skill("Never missed a deadline in six years", "deadline"),
            SkillReading::Claimed
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
        builtin()
            .context
            .read_cert(&lower[..at], term, &lower[at + term.len()..], AS_OF)
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
    fn course_lists() {
        let cues = &builtin().context;
        assert!(cues.is_course_list(
            "calibration and communication, project leader training, catia, auto cad level 1, robotic safety principles"
        ));
        assert!(!cues.is_course_list("lean manufacturing, advanced excel, safety training, kaizen"));
        assert!(!cues.is_course_list("cnc, plc, welding, blueprints, calibration"));
    }

    #[test]
    fn clauses_are_cut_at_commas() {
        let line = "supervised student employees, including hiring, training, and scheduling.";
        let at = line.find("scheduling").unwrap();
        let (s, e) = clause(line, at, at + "scheduling".len());
        assert_eq!(&line[s..e], " and scheduling");
        let line = "proficient in scheduling, training, and managing a manufacturing floor";
        let at = line.find("scheduling").unwrap();
        assert_eq!(clause(line, at, at + "scheduling".len()), (0, line.len()));
    }

    #[test]
    fn sentences_split_on_stops_not_abbreviations() {
        let line = "b.s. in mechanical engineering. expected may 2027";
        let (s, e) = sentence(line, 0, 4);
        assert_eq!(&line[s..e], "b.s. in mechanical engineering");
    }
}
