//! Reading a posting's structure: which lines are required, preferred,
//! duties or neither; minimum years of experience; degrees.

use crate::analyze::lexicon::{alternation, compile, whole_words};
use crate::extract::{Document, LineHint};
use crate::pattern::Pattern as Regex;
use crate::rules::{EducationLevel, Lexicon, DEGREE_LEVELS};

use super::terms::TermWords;

/// The part of a posting a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// "Requirements", "Must have", "Minimum qualifications", or a line saying "required".
    Required,
    /// "Preferred", "Nice to have", "Bonus", or a line saying "a plus".
    Preferred,
    /// "Responsibilities", "What you'll do" (and a posting without headings).
    Duties,
    /// Text before the first heading (title, employer, pitch): years and
    /// degrees stated there count, taxonomy terms do not.
    Intro,
    /// "About us", "Benefits", "Equal opportunity", "How to apply": nothing asked of the candidate.
    Ignored,
}

impl Part {
    /// Strongest first: a term named in several parts counts where it is strongest.
    pub fn rank(self) -> u8 {
        match self {
            Part::Required => 0,
            Part::Preferred => 1,
            Part::Duties => 2,
            Part::Intro => 3,
            Part::Ignored => 4,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Required => "required",
            Part::Preferred => "preferred",
            Part::Duties => "duties",
            Part::Intro => "intro",
            Part::Ignored => "ignored",
        }
    }
}

/// Numbers of years, and the shapes of bullets and clauses, are syntax.
const NUMBER: &str = r"(\d{1,2}(?:\.5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)";

/// The posting lists of the lexicon (`posting.*`, `engineering.*`), compiled.
pub struct PostingWords {
    /// Phrases that make a line (or a clause) preferred.
    preferred: Regex,
    /// Phrases that make a line (or a clause) required.
    required: Regex,
    heading_preferred: Regex,
    heading_ignored: Regex,
    heading_duties: Regex,
    heading_required: Regex,
    /// A list marker ("•", "-", "1.", "a)"): syntax, not vocabulary.
    bullet: Regex,
    /// Lines that ask nothing of the candidate wherever they stand: pay, EEO.
    not_asked: Regex,
    /// A number of years ("3+ years", "five (5) yrs"): syntax.
    years: Regex,
    /// "a year", "one full year": syntax.
    one_year: Regex,
    /// Words that make a number of years about experience.
    experience_context: Regex,
    /// Years that are about something else: age, deadlines, frequencies.
    not_experience_before: Regex,
    not_experience_after: Regex,
    /// Where a clause ends (`;`, a sentence end, ` - `, ` | `): syntax.
    clause_end: Regex,
    /// Degrees, one named group per level.
    degree: Regex,
    /// A field of engineering that counts, or its degree's abbreviation.
    engineering_field: Regex,
    other_engineering: Regex,
    /// "Engineering" (with "Technology" after it when it is there), or an abbreviation.
    engineering: Regex,
    no_degree: Regex,
    /// The word lists of "also asked for" terms.
    pub(crate) terms: TermWords,
}

impl PostingWords {
    pub fn new(lexicon: &Lexicon) -> PostingWords {
        let list = |key: &str| lexicon.list(key);
        let alternatives = |key: &str| alternation(lexicon.list(key));
        let words = |key: &str| compile(&whole_words(lexicon.list(key)));
        let degree = DEGREE_LEVELS
            .iter()
            .map(|level| {
                let name = level.as_str();
                format!(
                    "(?P<{name}>{})",
                    alternatives(&format!("posting.degrees.{name}"))
                )
            })
            .collect::<Vec<_>>()
            .join("|");
        let abbreviations = alternatives("engineering.abbreviations");
        PostingWords {
            preferred: words("posting.preferred"),
            required: words("posting.required"),
            heading_preferred: words("posting.headings.preferred"),
            heading_ignored: compile(&format!(
                r"^({})\b",
                alternatives("posting.headings.ignored")
            )),
            heading_duties: compile(&format!(r"\b({})", alternatives("posting.headings.duties"))),
            heading_required: compile(&format!(
                r"\b({})",
                alternatives("posting.headings.required")
            )),
            bullet: compile(r"^\s*((?:[-*+o]|•|·|▪)\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)"),
            not_asked: compile(&alternatives("posting.not_asked")),
            years: compile(&format!(
                r"\b{NUMBER}\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?(\+|plus\b)?\s*(?:(?:-|to|or)\s*{NUMBER}\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?\+?\s*)?(?:or more\s+|or greater\s+|\+\s*)?(?:full[- ]time\s+)?(?:years?|yrs?)\b('s?)?"
            )),
            one_year: compile(r"\b(?:a|one)\s+(?:full\s+)?year\b"),
            experience_context: compile(&alternatives("posting.experience_context")),
            not_experience_before: compile(&format!(
                r"({})\s*$",
                alternatives("posting.not_experience_before")
            )),
            // "… or 4 years of equivalent experience" stands in for a degree.
            not_experience_after: compile(&format!(
                r"^\s*({})",
                alternatives("posting.not_experience_after")
            )),
            clause_end: compile(r";|\.\s+|\s+-\s+|\s+\|\s+"),
            degree: compile(&degree),
            engineering_field: compile(&format!(
                r"\b({})\b|\b({abbreviations})\b",
                alternatives("engineering.fields")
            )),
            other_engineering: compile(&whole_words(list("engineering.other_fields"))),
            engineering: compile(&format!(
                r"\bengineering\b(?:\s+({})\b)?|\b({abbreviations})\b",
                alternatives("engineering.technology")
            )),
            no_degree: words("posting.no_degree"),
            terms: TermWords::new(lexicon),
        }
    }

    /// A line that names a part, as a heading or as a "Label:" prefix.
    fn heading_part(&self, h: &str) -> Option<Part> {
        if self.heading_preferred.is_match(h) {
            Some(Part::Preferred)
        } else if self.heading_ignored.is_match(h) {
            Some(Part::Ignored)
        } else if self.heading_duties.is_match(h) {
            Some(Part::Duties)
        } else if self.heading_required.is_match(h) {
            Some(Part::Required)
        } else {
            None
        }
    }
}

impl PostingWords {
    /// Whether a line looks like a heading, and which part it opens.
    pub(crate) fn as_heading(&self, norm: &str, hint: LineHint) -> Option<Part> {
        let t = norm.trim();
        if t.is_empty() || self.bullet.is_match(t) {
            return None;
        }
        let h = heading_text(t);
        let words = h.split_whitespace().count();
        if words == 0 || words > 8 {
            return None;
        }
        let marked = hint == LineHint::Heading
            || t.starts_with('#')
            || t.ends_with(':')
            || (t.starts_with("**") && t.ends_with("**"));
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
        let title_case = t
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
        let plain_short = words <= 5 && !t.ends_with('.') && (all_caps || title_case);
        if marked || plain_short {
            self.heading_part(&h)
        } else {
            None
        }
    }

    /// A `Label: text` prefix ("Preferred: Six Sigma Green Belt") and its part.
    fn label_part(&self, lower: &str) -> Option<Part> {
        let (label, rest) = lower.split_once(':')?;
        let label = label
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim();
        if rest.trim().is_empty() || label.split_whitespace().count() > 4 {
            return None;
        }
        self.heading_part(label)
    }

    /// The part of one line (or clause) standing in `section`: a stated "required"
    /// or "a plus" decides; else a `Label:` prefix; else the section.
    pub fn clause_part(&self, lower: &str, section: Part) -> Part {
        let label = self.label_part(lower);
        if section == Part::Ignored || label == Some(Part::Ignored) {
            // "Preferred: …" asks for something even under "Benefits";
            // "Benefits: …" asks for nothing anywhere.
            return label
                .filter(|p| *p != Part::Ignored)
                .unwrap_or(Part::Ignored);
        }
        let pref = self.preferred.is_match(lower);
        let req = self.required.is_match(lower);
        match (pref, req) {
            (true, false) => Part::Preferred,
            (false, true) => Part::Required,
            (true, true) => match section {
                Part::Required | Part::Preferred => section,
                _ => label.unwrap_or(Part::Required),
            },
            (false, false) => label.unwrap_or(section),
        }
    }

    /// The part of every line of a posting. Headings get the part they open (so
    /// the terms of a heading such as "Six Sigma Certification Preferred" count).
    pub fn line_parts(&self, doc: &Document) -> Vec<Part> {
        self.parts(doc).0
    }

    /// Per line: its part, and the part of the section it stands in (what a
    /// clause of it that says neither "required" nor "a plus" belongs to).
    pub fn parts(&self, doc: &Document) -> (Vec<Part>, Vec<Part>) {
        let headings: Vec<Option<Part>> = doc
            .lines
            .iter()
            .map(|l| self.as_heading(&l.norm, l.hint))
            .collect();
        // Without headings the whole posting is one list of duties and requirements.
        let mut section = if headings.iter().any(Option::is_some) {
            Part::Intro
        } else {
            Part::Duties
        };
        // The title ("Production Technician - 2nd Shift") names the job, not a skill.
        let title = doc
            .lines
            .iter()
            .position(|l| !l.norm.trim().is_empty())
            .filter(|&i| {
                let t = &doc.lines[i].norm;
                t.split_whitespace().count() <= 10
                    && !self.bullet.is_match(t)
                    && !t.trim_end().ends_with('.')
            });
        let mut out = Vec::with_capacity(doc.lines.len());
        let mut sections = Vec::with_capacity(doc.lines.len());
        for (i, (line, heading)) in doc.lines.iter().zip(headings).enumerate() {
            if let Some(p) = heading {
                section = p;
                out.push(p);
                sections.push(p);
                continue;
            }
            sections.push(section);
            let lower = line.norm.to_lowercase();
            if Some(i) == title {
                out.push(Part::Intro);
                continue;
            }
            if self.not_asked.is_match(&lower) {
                out.push(Part::Ignored);
                continue;
            }
            out.push(match section {
                // A pitch saying "must" or "a plus" still asks.
                Part::Intro => match self.clause_part(&lower, Part::Duties) {
                    Part::Duties => Part::Intro,
                    p => p,
                },
                s => self.clause_part(&lower, s),
            });
        }
        (out, sections)
    }

    /// Splits a line into clauses at `;` and sentence ends.
    fn clauses<'t>(&self, lower: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut at = 0;
        for m in self.clause_end.find_iter(lower) {
            out.push(&lower[at..m.start()]);
            at = m.end();
        }
        out.push(&lower[at..]);
        out.into_iter()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    }

    /// The minimum years of experience a line asks for: per clause, the smallest
    /// alternative ("3+ years with a BS or 1 year with an MS" → 1). `section` is
    /// the part of the section the line stands in.
    pub fn years(&self, norm: &str, line_part: Part) -> Vec<Years> {
        let lower = norm.to_lowercase();
        let mut out = Vec::new();
        for clause in self.clauses(&lower) {
            let mut best: Option<(f64, usize)> = None;
            let mut hits: Vec<(usize, usize, f64)> = self
                .years
                .captures(clause)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((m.start(), m.end(), number(c.get(1)?.as_str())?))
                })
                .collect();
            if hits.is_empty() {
                hits = self
                    .one_year
                    .find_iter(clause)
                    .map(|m| (m.start(), m.end(), 1.0))
                    .collect();
            }
            for (start, end, n) in hits {
                if self.not_experience_before.is_match(&clause[..start])
                    || self.not_experience_after.is_match(&clause[end..])
                {
                    continue;
                }
                if !self.experience_context.is_match(clause) || n <= 0.0 || n > 40.0 {
                    continue;
                }
                if best.is_none_or(|(b, _)| n < b) {
                    best = Some((n, start));
                }
            }
            if let Some((years, start)) = best {
                out.push(Years {
                    years,
                    part: self
                        .mention_part(cut_at_comma(&clause[start..]), &clause[..start])
                        .unwrap_or_else(|| self.clause_part(clause, line_part)),
                });
            }
        }
        out
    }

    /// The part a mention's own words give it: the first "required" or "a plus"
    /// after it (up to the next mention or the clause end), else a `Label:`
    /// before it; `None` when its words say neither.
    fn mention_part(&self, after: &str, before: &str) -> Option<Part> {
        let pref = self.preferred.find(after).map(|m| m.start());
        let req = self.required.find(after).map(|m| m.start());
        match (req, pref) {
            (Some(r), Some(p)) => Some(if r < p {
                Part::Required
            } else {
                Part::Preferred
            }),
            (Some(_), None) => Some(Part::Required),
            (None, Some(_)) => Some(Part::Preferred),
            // "Preferred: …", "Requirements: …" before it.
            (None, None) => {
                let (label, _) = before.split_once(':')?;
                let label = label
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .trim();
                if label.split_whitespace().count() > 4 {
                    return None;
                }
                self.heading_part(label).filter(|p| *p != Part::Ignored)
            }
        }
    }

    /// The degrees a line asks for. Alternatives joined by "or" count as the
    /// lowest of them; the text after a degree up to the next one decides whether
    /// it is required or preferred ("BS required, MS preferred").
    pub fn degrees(&self, norm: &str, line_part: Part) -> Vec<Degree> {
        let lower = norm.to_lowercase();
        let mut out = Vec::new();
        for clause in self.clauses(&lower) {
            if self.no_degree.is_match(clause) {
                continue;
            }
            let hits: Vec<(usize, usize, EducationLevel)> = self
                .degree
                .captures(clause)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    let level = DEGREE_LEVELS
                        .into_iter()
                        .find(|l| c.name(l.as_str()).is_some())?;
                    Some((m.start(), m.end(), level))
                })
                .collect();
            // Groups of alternatives: degrees separated only by "or", "/", ",".
            let mut groups: Vec<(usize, usize, EducationLevel)> = Vec::new();
            for (start, end, level) in hits {
                if let Some(last) = groups.last_mut() {
                    let between = clause[last.1..start].trim();
                    let words: Vec<&str> = between
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
                        .filter(|w| !w.is_empty())
                        .collect();
                    // "BS or MS", "HS diploma/GED", and "HS diploma and 1 year of
                    // experience, or an associate degree": the later one is an
                    // alternative, so the lowest level is what is asked.
                    let alternative = words
                        .iter()
                        .rev()
                        .find(|w| !matches!(**w, "a" | "an" | "the"))
                        .is_some_and(|w| matches!(*w, "or" | "and/or"));
                    let joined = alternative
                        || words.iter().all(|w| {
                            matches!(
                                *w,
                                "or" | "and/or" | "degree" | "diploma" | "equivalent" | "an" | "a"
                            )
                        });
                    if joined {
                        last.1 = end;
                        last.2 = last.2.min(level);
                        continue;
                    }
                }
                groups.push((start, end, level));
            }
            for (k, &(start, _, level)) in groups.iter().enumerate() {
                let stop = groups.get(k + 1).map_or(clause.len(), |g| g.0);
                let span = &clause[start..stop];
                let before = &clause[..start];
                // "Preferred: BS …" and "BS … preferred" decide for this degree only.
                let part = self
                    .mention_part(span, before)
                    .unwrap_or_else(|| self.clause_part(clause, line_part));
                let engineering =
                    level >= EducationLevel::Bachelor && self.engineering_named(&clause[start..]);
                out.push(Degree {
                    level,
                    engineering,
                    part,
                });
            }
        }
        out
    }

    /// Whether a degree's text names engineering in a field that counts.
    fn engineering_named(&self, span: &str) -> bool {
        let mut mentions = self.engineering.captures(span).peekable();
        if mentions.peek().is_none() {
            return false;
        }
        // Group 1 is the technology word after "engineering".
        if mentions.all(|c| c.get(1).is_some()) {
            return false;
        }
        if self.engineering_field.is_match(span) {
            return true;
        }
        // Only fields that do not count ("Chemical Engineering") → no.
        !self.other_engineering.is_match(span)
    }
}

/// The text of a line without heading marks (`#`, `**`, trailing `:`), lower-cased.
fn heading_text(norm: &str) -> String {
    norm.trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
}

/// A minimum number of years of experience a posting asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Years {
    pub years: f64,
    pub part: Part,
}

fn number(word: &str) -> Option<f64> {
    Some(match word {
        "one" | "a" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        d => d.parse().ok()?,
    })
}

/// Text up to the first comma: "2 years of experience, forklift a plus" → the years' own words.
fn cut_at_comma(s: &str) -> &str {
    s.split(',').next().unwrap_or(s)
}

/// A degree a posting asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Degree {
    pub level: EducationLevel,
    /// A bachelor's or higher in engineering (not chemical, civil, … alone; not engineering technology).
    pub engineering: bool,
    pub part: Part,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, RawLine};
    use std::sync::OnceLock;

    fn words() -> &'static PostingWords {
        static WORDS: OnceLock<PostingWords> = OnceLock::new();
        WORDS.get_or_init(|| PostingWords::new(&Lexicon::builtin()))
    }

    fn years(s: &str, part: Part) -> Vec<Years> {
        words().years(s, part)
    }

    fn degrees(s: &str, part: Part) -> Vec<Degree> {
        words().degrees(s, part)
    }

    fn line_parts(doc: &Document) -> Vec<Part> {
        words().line_parts(doc)
    }

    fn clause_part(lower: &str, section: Part) -> Part {
        words().clause_part(lower, section)
    }

    fn yrs(s: &str) -> Vec<(f64, Part)> {
        years(s, Part::Duties)
            .into_iter()
            .map(|y| (y.years, y.part))
            .collect()
    }

    #[test]
    fn years_phrasings() {
        assert_eq!(
            yrs("3+ years of experience in manufacturing"),
            vec![(3.0, Part::Duties)]
        );
        assert_eq!(
            yrs("At least five years in a production environment"),
            vec![(5.0, Part::Required)]
        );
        assert_eq!(
            yrs("Minimum of 2 years of related experience"),
            vec![(2.0, Part::Required)]
        );
        assert_eq!(
            yrs("3-5 years of maintenance experience"),
            vec![(3.0, Part::Duties)]
        );
        assert_eq!(
            yrs("five (5) years of experience as a technician"),
            vec![(5.0, Part::Duties)]
        );
        assert_eq!(yrs("2 to 4 yrs experience"), vec![(2.0, Part::Duties)]);
        assert_eq!(
            yrs("One year of experience in a plant preferred"),
            vec![(1.0, Part::Preferred)]
        );
        assert_eq!(
            yrs("BS with 3+ years of experience or MS with 1+ years of experience"),
            vec![(1.0, Part::Duties)]
        );
        assert_eq!(
            yrs("Ten or more years of engineering experience"),
            vec![(10.0, Part::Duties)]
        );
    }

    #[test]
    fn years_that_are_not_experience() {
        assert!(yrs("Must be 18 years of age or older").is_empty());
        assert!(yrs("Obtain CPT certification within 2 years of hire").is_empty());
        assert!(yrs("Recertify every 3 years").is_empty());
        assert!(yrs("Our company has grown 20% for 5 years").is_empty());
        assert!(yrs("401(k) match after one year").is_empty());
        assert!(yrs("Associate degree, or 4 years of equivalent experience").is_empty());
    }

    fn deg(s: &str) -> Vec<(EducationLevel, bool, Part)> {
        degrees(s, Part::Required)
            .into_iter()
            .map(|d| (d.level, d.engineering, d.part))
            .collect()
    }

    #[test]
    fn degree_phrasings() {
        use EducationLevel::*;
        assert_eq!(
            deg("Bachelor's in Mechanical or Industrial Engineering"),
            vec![(Bachelor, true, Part::Required)]
        );
        assert_eq!(
            deg("High school diploma or GED"),
            vec![(HighSchool, false, Part::Required)]
        );
        assert_eq!(
            deg("High school diploma or GED required; associate degree in electronics a plus"),
            vec![
                (HighSchool, false, Part::Required),
                (Associate, false, Part::Preferred)
            ]
        );
        assert_eq!(
            deg("BS in Engineering required, Master's degree preferred"),
            vec![
                (Bachelor, true, Part::Required),
                (Master, false, Part::Preferred)
            ]
        );
        assert_eq!(
            deg("Bachelor's or Master's degree in Chemical Engineering"),
            vec![(Bachelor, false, Part::Required)]
        );
        assert_eq!(
            deg("Associate degree in Engineering Technology"),
            vec![(Associate, false, Part::Required)]
        );
        assert_eq!(deg("BSME or BSIE"), vec![(Bachelor, true, Part::Required)]);
        assert!(deg("Degree not required").is_empty());
        assert!(deg("Work as a production associate on the line").is_empty());
        assert!(deg("RJG Master Molder certification").is_empty());
        assert_eq!(
            deg("HS diploma or GED and 1+ year of experience, OR an associate degree in a technical field"),
            vec![(HighSchool, false, Part::Required)]
        );
        assert_eq!(
            deg("Masters in Industrial Engineering"),
            vec![(Master, true, Part::Required)]
        );
    }

    #[test]
    fn parts_from_headings_and_phrases() {
        let text = "Maintenance Technician\n\
            What You'll Do\n\
            • Troubleshoot conveyors\n\
            What You'll Need:\n\
            • PLC troubleshooting\n\
            • Experience with SAP is a plus\n\
            NICE TO HAVE\n\
            • CMMS experience\n\
            • Forklift license required\n\
            Benefits\n\
            • Tuition reimbursement for Six Sigma\n\
            Preferred: Lean certification\n";
        let doc = Document::new(
            Format::Text,
            text.lines().map(RawLine::plain).collect(),
            vec![],
        );
        let parts = line_parts(&doc);
        use Part::*;
        assert_eq!(
            parts,
            vec![
                Intro, Duties, Duties, Required, Required, Preferred, Preferred, Preferred,
                Required, Ignored, Ignored, Preferred
            ]
        );
        assert_eq!(
            clause_part("preferred: lean certification", Duties),
            Preferred
        );
        assert_eq!(clause_part("must have: osha 10", Duties), Required);
    }
}
