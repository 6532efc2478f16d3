//! Reading a posting's structure: which lines are required, preferred,
//! duties or neither; minimum years of experience; degrees.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{Document, LineHint};
use crate::rules::EducationLevel;

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

fn re(s: &str) -> Regex {
    Regex::new(s).expect("built-in regex")
}

/// Phrases that make a line (or a clause) preferred.
static PREFERRED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(preferred|preferably|prefer|a (big |huge |strong |definite )?plus|pluses|nice[- ]to[- ]haves?|bonus|desired|desirable|advantageous|(is |are |an )asset|ideally|would be great|good to have|helpful|beneficial|not required|optional|welcome)\b",
    )
});

/// Phrases that make a line (or a clause) required.
static REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(required|requires|require|must|mandatory|minimum|at least|essential|need to have|needs to have|no less than)\b",
    )
});

/// A line that names a part, as a heading or as a "Label:" prefix.
fn heading_part(h: &str) -> Option<Part> {
    static PREF: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(preferred|nice[- ]to[- ]have|bonus|desired|desirable|pluses|a plus|good to have|ideal(ly)?|additional qualifications|extra credit|would be (great|nice|a plus)|great if|nice if|helpful|an advantage|stand out)\b",
        )
    });
    static IGNORED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(about (us|the company|our company|[a-z]+ (inc|llc|corp|company))|who we are|our (company|story|mission|values|culture)|company (overview|description)|benefits?|what we offer|we offer|perks|compensation|salary|pay( range)?|equal (employment )?opportunity|eeo|how to apply|to apply|application|location|work location|schedule|shift|physical (demands|requirements)|work(ing)? (environment|conditions)|why (join|work)|disclaimer|additional information|job type|notes?)\b",
        )
    });
    static DUTIES: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(responsibilit|duties|what you('ll| will) do|day[- ]to[- ]day|key tasks|essential functions|the role|about the (role|job|position)|job (description|summary|overview)|position (summary|overview|description)|role (summary|overview)|overview|summary|your impact|in this role)",
        )
    });
    static REQ: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(requirements?|required|must[- ]haves?|must have|minimum|basic qualifications|qualifications|what you('ll| will)? need|what you bring|what we('re| are) looking for|who you are|you have|you bring|skills|experience|education|essential|knowledge|competenc|job specifications|eligibility|certifications?|licen[cs]es?)",
        )
    });
    if PREF.is_match(h) {
        Some(Part::Preferred)
    } else if IGNORED.is_match(h) {
        Some(Part::Ignored)
    } else if DUTIES.is_match(h) {
        Some(Part::Duties)
    } else if REQ.is_match(h) {
        Some(Part::Required)
    } else {
        None
    }
}

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*([•\-*+·o▪]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)"));

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

/// Whether a line looks like a heading, and which part it opens.
pub(crate) fn as_heading(norm: &str, hint: LineHint) -> Option<Part> {
    let t = norm.trim();
    if t.is_empty() || BULLET.is_match(t) {
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
        heading_part(&h)
    } else {
        None
    }
}

/// A `Label: text` prefix ("Preferred: Six Sigma Green Belt") and its part.
fn label_part(lower: &str) -> Option<Part> {
    let (label, rest) = lower.split_once(':')?;
    let label = label
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    if rest.trim().is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    heading_part(label)
}

/// The part of one line (or clause) standing in `section`: a stated "required"
/// or "a plus" decides; else a `Label:` prefix; else the section.
pub fn clause_part(lower: &str, section: Part) -> Part {
    let label = label_part(lower);
    if section == Part::Ignored || label == Some(Part::Ignored) {
        // "Preferred: …" asks for something even under "Benefits";
        // "Benefits: …" asks for nothing anywhere.
        return label
            .filter(|p| *p != Part::Ignored)
            .unwrap_or(Part::Ignored);
    }
    let pref = PREFERRED.is_match(lower);
    let req = REQUIRED.is_match(lower);
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
pub fn line_parts(doc: &Document) -> Vec<Part> {
    parts(doc).0
}

/// Per line: its part, and the part of the section it stands in (what a
/// clause of it that says neither "required" nor "a plus" belongs to).
pub fn parts(doc: &Document) -> (Vec<Part>, Vec<Part>) {
    let headings: Vec<Option<Part>> = doc
        .lines
        .iter()
        .map(|l| as_heading(&l.norm, l.hint))
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
                && !BULLET.is_match(t)
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
        if NOT_ASKED.is_match(&lower) {
            out.push(Part::Ignored);
            continue;
        }
        out.push(match section {
            // A pitch saying "must" or "a plus" still asks.
            Part::Intro => match clause_part(&lower, Part::Duties) {
                Part::Duties => Part::Intro,
                p => p,
            },
            s => clause_part(&lower, s),
        });
    }
    (out, sections)
}

/// Lines that ask nothing of the candidate wherever they stand: pay, EEO.
static NOT_ASKED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"equal (employment )?opportunity|\beeo\b|years of age|or older\b|pay range|salary range|\$\s?\d|per hour|/hour|/hr\b|affirmative action|reasonable accommodation|e-verify",
    )
});

/// A minimum number of years of experience a posting asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Years {
    pub years: f64,
    pub part: Part,
}

const NUMBER: &str = r"(\d{1,2}(?:\.5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)";

static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b{NUMBER}\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?(\+|plus\b)?\s*(?:(?:-|to|or)\s*{NUMBER}\s*(?:\(\s*\d{{1,2}}\s*\)\s*)?\+?\s*)?(?:or more\s+|or greater\s+|\+\s*)?(?:full[- ]time\s+)?(?:years?|yrs?)\b('s?)?"
    ))
});

static ONE_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:a|one)\s+(?:full\s+)?year\b"));

/// Words that make a number of years about experience.
static EXPERIENCE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"experien|\bexp\b|background|\bwork|industry|manufactur|production|hands[- ]on|related|field|environment|\brole|position|setting|plant|\bshop\b|maintenance|technician|engineer|operat|assembl|\bin (a|an|the)\b|proven|track record",
    )
});

/// Years that are about something else: age, deadlines, frequencies.
static NOT_EXPERIENCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(within|every|after|in the (last|past)|over the (last|past)|for the (first|last|past)|up to|age|aged)\s*$",
    )
});
static NOT_EXPERIENCE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    // "… or 4 years of equivalent experience" stands in for a degree.
    re(
        r"^\s*(of age|old|or older|warranty|of hire|from (hire|start)|after|ago|of service with us|(of )?(relevant |related )?equivalent)",
    )
});

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

/// Splits a line into clauses at `;` and sentence ends.
fn clauses(lower: &str) -> Vec<&str> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r";|\.\s+|\s+-\s+|\s+\|\s+"));
    SPLIT
        .split(lower)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The minimum years of experience a line asks for: per clause, the smallest
/// alternative ("3+ years with a BS or 1 year with an MS" → 1). `section` is
/// the part of the section the line stands in.
pub fn years(norm: &str, line_part: Part) -> Vec<Years> {
    let lower = norm.to_lowercase();
    let mut out = Vec::new();
    for clause in clauses(&lower) {
        let mut best: Option<(f64, usize)> = None;
        let mut hits: Vec<(usize, usize, f64)> = YEARS
            .captures_iter(clause)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((m.start(), m.end(), number(c.get(1)?.as_str())?))
            })
            .collect();
        if hits.is_empty() {
            hits = ONE_YEAR
                .find_iter(clause)
                .map(|m| (m.start(), m.end(), 1.0))
                .collect();
        }
        for (start, end, n) in hits {
            if NOT_EXPERIENCE_BEFORE.is_match(&clause[..start])
                || NOT_EXPERIENCE_AFTER.is_match(&clause[end..])
            {
                continue;
            }
            if !EXPERIENCE_CONTEXT.is_match(clause) || n <= 0.0 || n > 40.0 {
                continue;
            }
            if best.is_none_or(|(b, _)| n < b) {
                best = Some((n, start));
            }
        }
        if let Some((years, start)) = best {
            out.push(Years {
                years,
                part: mention_part(cut_at_comma(&clause[start..]), &clause[..start])
                    .unwrap_or_else(|| clause_part(clause, line_part)),
            });
        }
    }
    out
}

/// The part a mention's own words give it: the first "required" or "a plus"
/// after it (up to the next mention or the clause end), else a `Label:`
/// before it; `None` when its words say neither.
fn mention_part(after: &str, before: &str) -> Option<Part> {
    let pref = PREFERRED.find(after).map(|m| m.start());
    let req = REQUIRED.find(after).map(|m| m.start());
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
            heading_part(label).filter(|p| *p != Part::Ignored)
        }
    }
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

static DEGREE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        (?P<doctorate>\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b)
      | (?P<master>\bmaster'?s\b|\bmaster\s+(degree|of|in)\b|\bm\.s\.|\bms\s+(degree|in)\b|\bm\.?sc\b|\bmba\b|\bm\.?eng\b|\bgraduate\s+degree\b)
      | (?P<bachelor>\bbachelor'?s?\b|\bbaccalaureate\b|\bb\.s\.|\bb\.a\.|\bbs\s*/\s*ba\b|\bba\s*/\s*bs\b|\bbs\s+(degree|in)\b|\bb\.?sc\b|\bbsme\b|\bbsie\b|\bbsee\b|\bbsmfge?\b|\bb\.?eng\b|\b(4|four)[- ]year\s+(college\s+|university\s+)?degree\b|\bundergraduate\s+degree\b|\bcollege\s+degree\b|\buniversity\s+degree\b)
      | (?P<associate>\bassociate'?s?\s+(degree|of|in)\b|\ba\.a\.s\.?|\baas\b|\ba\.s\.\s+degree\b|\b(2|two)[- ]year\s+(technical\s+|college\s+)?degree\b|\btechnical\s+degree\b)
      | (?P<high_school>\bhigh\s+school\b|\bged\b|\bhs\s+diploma\b|\bsecondary\s+school\b)
    ")
});

static ENGINEERING_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(mechanical|industrial|electrical|manufacturing|mechatronics?|systems)\b|\bbs(me|ie|ee|mfge?)\b",
    )
});
static OTHER_ENGINEERING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(chemical|civil|software|computer|biomedical|aerospace|environmental|petroleum|materials|nuclear|agricultural)\b",
    )
});
static ENGINEERING: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bengineering\b(?:\s+technology)?|\bbs(me|ie|ee|mfge?)\b"));
static NO_DEGREE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(not required|no degree|not necessary|in lieu of|instead of)\b"));

/// The degrees a line asks for. Alternatives joined by "or" count as the
/// lowest of them; the text after a degree up to the next one decides whether
/// it is required or preferred ("BS required, MS preferred").
pub fn degrees(norm: &str, line_part: Part) -> Vec<Degree> {
    let lower = norm.to_lowercase();
    let mut out = Vec::new();
    for clause in clauses(&lower) {
        if NO_DEGREE.is_match(clause) {
            continue;
        }
        let hits: Vec<(usize, usize, EducationLevel)> = DEGREE
            .captures_iter(clause)
            .filter_map(|c| {
                let m = c.get(0)?;
                let level = if c.name("doctorate").is_some() {
                    EducationLevel::Doctorate
                } else if c.name("master").is_some() {
                    EducationLevel::Master
                } else if c.name("bachelor").is_some() {
                    EducationLevel::Bachelor
                } else if c.name("associate").is_some() {
                    EducationLevel::Associate
                } else {
                    EducationLevel::HighSchool
                };
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
            let part = mention_part(span, before).unwrap_or_else(|| clause_part(clause, line_part));
            let engineering =
                level >= EducationLevel::Bachelor && engineering_named(&clause[start..]);
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
fn engineering_named(span: &str) -> bool {
    let mentions: Vec<&str> = ENGINEERING.find_iter(span).map(|m| m.as_str()).collect();
    if mentions.is_empty() || mentions.iter().all(|m| m.ends_with("technology")) {
        return false;
    }
    if ENGINEERING_FIELD.is_match(span) {
        return true;
    }
    // Only fields that do not count ("Chemical Engineering") → no.
    !OTHER_ENGINEERING.is_match(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, RawLine};

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
