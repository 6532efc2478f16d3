//! Reading a posting's structure: which units (sentences, list items) are
//! required, preferred, duties or neither; the severity of each mention from
//! the markers around it; minimum years of experience; degrees.
//!
//! Every wording is a list of `rules/lexicon.toml` (`posting.*`,
//! `engineering.*`); the code here is the syntax that applies them.

use std::collections::HashSet;

use crate::analyze::lexicon::{alternation, compile, whole_words};
use crate::extract::{Document, LineHint};
use crate::pattern::Pattern as Regex;
use crate::rules::{EducationLevel, Lexicon, DEGREE_LEVELS};

use super::terms::TermWords;
use super::units::{posting_lines, units, Cut, PostingLine, Unit, Wordings};

/// The part of a posting a unit (or a mention in it) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// "Requirements", "Must have", "Minimum qualifications", or a clause saying "required".
    Required,
    /// "Preferred", "Nice to have", "Bonus", or a clause saying "a plus".
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

/// What a severity marker says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Required,
    Preferred,
    /// "as required", "if needed": looks like a marker, is none.
    Nothing,
}

/// A severity marker found in a unit.
#[derive(Debug, Clone, Copy)]
struct Marker {
    says: Says,
    start: usize,
    end: usize,
    /// It qualifies what follows it ("must have", "preferably").
    before: bool,
    /// It qualifies what precedes it ("… required", "… is a plus").
    after: bool,
}

/// The posting lists of the lexicon (`posting.*`, `engineering.*`), compiled.
pub struct PostingWords {
    heading_preferred: Regex,
    /// A heading of required and preferred items together ("Required and Preferred Qualifications").
    heading_mixed: Regex,
    heading_ignored: Regex,
    heading_labels: Regex,
    heading_about: Regex,
    heading_duties: Regex,
    heading_tasks: Regex,
    /// A wording of a part that asks nothing, anywhere in a heading ("The
    /// *physical* requirements of the position include:").
    heading_ignored_any: Regex,
    heading_required: Regex,
    /// A heading naming a kind of qualification only ("Soft Skills").
    heading_kind: Regex,
    /// A phrase made only of heading wordings and their fillers.
    heading_whole: Regex,
    /// Words that start a sentence or list item (cutting glued text).
    openers: HashSet<String>,
    /// Names written in CamelCase ("SolidWorks"): never cut in two.
    camel_names: HashSet<String>,
    /// A list marker ("•", "-", "1.", "a)"): syntax, not vocabulary.
    bullet: Regex,
    /// Severity markers: required / preferred, before / after what they qualify, and non-markers.
    required_before: Regex,
    required_after: Regex,
    preferred_before: Regex,
    preferred_after: Regex,
    not_markers: Regex,
    /// Sentences that ask nothing wherever they stand: pay, EEO.
    not_asked: Regex,
    /// Sentences about the employer: its history, its people, its pitch.
    company: Regex,
    /// Sentences about the job or the candidate (they ask, even before the first heading).
    role: Regex,
    /// A unit offering another way to qualify ("Equivalent experience: …").
    alternative: Regex,
    /// A unit phrased as a qualification ("Proven … skills", "Ability to …").
    qualification: Regex,
    /// A number of years ("3+ years", "five (5) yrs", "5-7 years"): syntax.
    years: Regex,
    /// "a year", "one full year": syntax.
    one_year: Regex,
    /// "Six (6) months", "6 months": a number of months (a fraction of a year).
    months: Regex,
    experience_context: Regex,
    not_experience_before: Regex,
    not_experience_after: Regex,
    /// Degrees, one named group per level.
    degree: Regex,
    engineering_field: Regex,
    other_engineering: Regex,
    engineering: Regex,
    /// Fields that, offered besides engineering, make an engineering degree one option of several.
    other_fields: Regex,
    no_degree: Regex,
    /// Posting wordings in which a taxonomy alias is not the skill ("highly motivated", "reports to").
    boilerplate: Regex,
    /// Negations ("not documented", "no experience with"): the lexicon's `context.negation`.
    negation: HashSet<String>,
    /// Words that make a certification's name a credential ("belt", "certified"):
    /// the lexicon's `certifications.generic_confirm`.
    credential: Vec<String>,
    /// The word lists of "also asked for" terms.
    pub(crate) terms: TermWords,
}

/// What a heading opens.
#[derive(Debug, Clone, Copy)]
struct Heads {
    part: Part,
    /// An "About us" part: only clauses that say "must" or "a plus" ask.
    soft: bool,
    /// A label ("Job Type:", "Location:"): it names the part of the unit after it only.
    label_only: bool,
    /// Duties named as the position's requirements ("Specific requirements
    /// of the position include:"): an item phrased as a qualification there
    /// is a requirement.
    tasks: bool,
}

/// A unit with the part it stands in.
#[derive(Debug, Clone)]
pub struct Placed {
    pub unit: Unit,
    /// The part of the unit (its section, its label, its sentence), before
    /// the markers of each clause.
    pub part: Part,
    /// A heading (the part it opens is `part`).
    pub heading: bool,
    /// In an "About us" section: only clauses that say "must" or "a plus" ask.
    pub soft: bool,
    /// Offers another way to qualify than the unit before it.
    pub alternative: bool,
    /// The value of a `Label:` naming experience ("Minimum Experience: 2 - 5
    /// years"): its figures are years of experience.
    pub experience_label: bool,
}

/// A posting read into units.
pub struct Reading {
    pub lines: Vec<PostingLine>,
    pub units: Vec<Placed>,
    /// Headings of parts that ask nothing ("Benefits", "About us"), for the report.
    pub skipped: Vec<String>,
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
        let all_headings = [
            "posting.headings.preferred",
            "posting.headings.ignored",
            "posting.headings.labels",
            "posting.headings.about",
            "posting.headings.duties",
            "posting.headings.required",
            "posting.headings.fillers",
        ]
        .iter()
        .map(|k| alternatives(k))
        .collect::<Vec<_>>()
        .join("|");
        let mut openers: HashSet<String> = list("posting.terms.common").iter().cloned().collect();
        openers.extend(list("posting.openers").iter().cloned());
        for verb in list("achievements.action_verbs") {
            openers.insert(verb.clone());
            openers.insert(format!("{verb}s"));
            openers.insert(format!("{verb}es"));
            openers.insert(format!("{verb}d"));
            openers.insert(format!("{verb}ed"));
            openers.insert(format!("{}ing", verb.trim_end_matches('e')));
        }
        PostingWords {
            heading_preferred: compile(&format!(
                r"\b({})",
                alternatives("posting.headings.preferred")
            )),
            heading_mixed: compile(&format!(r"\b({})", alternatives("posting.headings.mixed"))),
            heading_ignored: compile(&format!(
                r"^({})\b",
                alternatives("posting.headings.ignored")
            )),
            heading_labels: compile(&format!(
                r"^({})\b",
                alternatives("posting.headings.labels")
            )),
            heading_about: compile(&format!(r"^({})\b", alternatives("posting.headings.about"))),
            heading_kind: compile(&format!(r"^({})$", alternatives("posting.headings.kinds"))),
            heading_duties: compile(&format!(r"\b({})", alternatives("posting.headings.duties"))),
            heading_tasks: compile(&format!(r"\b({})", alternatives("posting.headings.tasks"))),
            heading_ignored_any: compile(&format!(
                r"\b({})\b",
                alternatives("posting.headings.ignored")
            )),
            heading_required: compile(&format!(
                r"\b({})",
                alternatives("posting.headings.required")
            )),
            heading_whole: compile(&format!(r"^\W*(?:(?:{all_headings})\w*(?:\W+|$))+$")),
            openers,
            camel_names: list("posting.camel_names").iter().cloned().collect(),
            bullet: compile(r"^\s*((?:[-*+o]|•|·|▪)\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)"),
            required_before: words("posting.markers.required_before"),
            required_after: words("posting.markers.required_after"),
            preferred_before: words("posting.markers.preferred_before"),
            preferred_after: words("posting.markers.preferred_after"),
            not_markers: words("posting.markers.not_markers"),
            not_asked: compile(&alternatives("posting.not_asked")),
            company: compile(&alternatives("posting.company")),
            role: compile(&alternatives("posting.role")),
            alternative: compile(&format!(r"^\W*({})", alternatives("posting.alternative"))),
            qualification: compile(&format!(r"^\W*({})", alternatives("posting.qualification"))),
            years: compile(&format!(
                r"\b{NUMBER}(?:\s*\(\s*\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s*\+?\s*\))?(\s*\+|\s+plus\b)?(?:\s*(?:-|to|or)\s*{NUMBER}(?:\s*\(\s*\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s*\+?\s*\))?\s*\+?)?\s*(?:or more\s+|or greater\s+|\+\s*)?(?:full[- ]time\s+)?-?(?:years?|yrs?)\b('s?)?"
            )),
            one_year: compile(r"\b(?:a|one)\s+(?:full\s+)?year\b"),
            months: compile(&format!(
                r"\b{NUMBER}(?:\s*\(\s*\d{{1,2}}\s*\))?\s*\+?\s*months?\b('s?)?"
            )),
            experience_context: compile(&alternatives("posting.experience_context")),
            not_experience_before: compile(&format!(
                r"({})\s*$",
                alternatives("posting.not_experience_before")
            )),
            not_experience_after: compile(&format!(
                r"^\s*({})",
                alternatives("posting.not_experience_after")
            )),
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
            other_fields: words("posting.degree_other_fields"),
            no_degree: words("posting.no_degree"),
            boilerplate: compile(&alternatives("posting.boilerplate")),
            negation: list("context.negation").iter().cloned().collect(),
            credential: list("certifications.generic_confirm").to_vec(),
            terms: TermWords::new(lexicon),
        }
    }

    /// The part a heading wording names, the most specific wording winning:
    /// a preferred qualifier always, else the longest match (ties: ignored,
    /// duties, required). `None` when the text names no part.
    fn heading_part(&self, h: &str) -> Option<Heads> {
        let heads = |part, soft, label_only| Heads {
            part,
            soft,
            label_only,
            tasks: false,
        };
        // "Required and Preferred Abilities": a list of both, each item
        // required unless it says otherwise.
        if self.heading_mixed.is_match(h) {
            return Some(heads(Part::Required, false, false));
        }
        if self.heading_preferred.is_match(h) {
            return Some(heads(Part::Preferred, false, false));
        }
        // "Specific requirements of the position include:" lists what the job does.
        if self.names_tasks(h) {
            return Some(Heads {
                tasks: true,
                ..heads(Part::Duties, false, false)
            });
        }
        let len = |r: &Regex| r.find(h).map_or(0, |m| m.end() - m.start());
        let candidates = [
            (len(&self.heading_labels), heads(Part::Ignored, false, true)),
            (
                len(&self.heading_ignored),
                heads(Part::Ignored, false, false),
            ),
            (len(&self.heading_about), heads(Part::Ignored, true, false)),
            (len(&self.heading_duties), heads(Part::Duties, false, false)),
            (
                len(&self.heading_required),
                heads(Part::Required, false, false),
            ),
        ];
        let best = candidates.iter().map(|c| c.0).max().unwrap_or(0);
        candidates
            .iter()
            .find(|c| c.0 == best && best > 0)
            .map(|c| c.1)
    }

    /// Whether a sentence asks nothing wherever it stands: pay, equal
    /// opportunity, work authorisation, the employer's pitch.
    pub fn says_nothing(&self, lower: &str) -> bool {
        self.not_asked.is_match(lower) || self.company.is_match(lower)
    }

    /// The part a lead-in names by the wording it ends with ("… you will
    /// have", "… is preferred"), `None` when it ends with none.
    fn lead_in_part(&self, h: &str) -> Option<Heads> {
        let ends = |r: &Regex| r.find_iter(h).any(|m| h[m.end()..].trim().is_empty());
        // "The specific requirements of this position include the following:"
        let tasks = self.names_tasks(h);
        let part = if ends(&self.heading_preferred) {
            Part::Preferred
        } else if ends(&self.heading_required) {
            Part::Required
        } else if ends(&self.heading_duties) || tasks {
            Part::Duties
        } else {
            return None;
        };
        Some(Heads {
            part,
            soft: false,
            label_only: false,
            tasks: part == Part::Duties && tasks,
        })
    }

    /// Whether a heading names the position's requirements as things to do
    /// ("Specific requirements of the position include:"), not its physical
    /// demands or conditions.
    fn names_tasks(&self, h: &str) -> bool {
        self.heading_tasks.is_match(h) && !self.heading_ignored_any.is_match(h)
    }

    /// Whether a heading wording ends the text ("… will possess").
    fn heading_ends(&self, h: &str) -> bool {
        [
            &self.heading_preferred,
            &self.heading_duties,
            &self.heading_required,
        ]
        .iter()
        .any(|r| r.find_iter(h).any(|m| h[m.end()..].trim().is_empty()))
    }

    /// Whether a unit is a heading: short, naming a part, and set apart (a
    /// line of its own that looks like a heading, a `Label:`, or a wording run
    /// into the text after it).
    fn unit_heading(&self, u: &Unit, whole_line: bool, hint: LineHint) -> Option<Heads> {
        let t = u.text.trim();
        // "What you'll be doing...", "When you join Acme…": an ellipsis
        // closing a short line leads into what follows, as a colon does.
        let with_colon;
        let t = match t.strip_suffix("...").or_else(|| t.strip_suffix('…')) {
            Some(head) if !head.trim().is_empty() && head.split_whitespace().count() <= 8 => {
                with_colon = format!("{}:", head.trim_end());
                with_colon.as_str()
            }
            _ => t,
        };
        if t.is_empty() || self.bullet.is_match(t) && whole_line {
            return None;
        }
        // "E: Duties and Responsibilities (denote essential functions with an
        // asterisk)": a heading followed by a remark in parentheses.
        // "Job Duties and Responsibilities are (including but not limited to):".
        let t_paren = t.trim_end_matches(':').trim_end();
        if whole_line && hint != LineHint::ListItem && t_paren.ends_with(')') {
            let t = t_paren;
            if let Some(open) = t.rfind('(') {
                // Written as a heading: every longer word capitalised.
                let capitalised = t[..open]
                    .split_whitespace()
                    .filter(|w| w.chars().count() > 3)
                    .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
                let head = heading_text(&t[..open]);
                let head = head
                    .split_once(": ")
                    .filter(|(enumerator, _)| enumerator.chars().count() <= 2)
                    .map_or(head.as_str(), |(_, rest)| rest);
                let n = head.split_whitespace().count();
                if capitalised && (1..=8).contains(&n) && self.heading_whole.is_match(head) {
                    return self.heading_part(head);
                }
            }
        }
        let h = heading_text(t);
        let words = h.split_whitespace().count();
        // A lead-in sentence of its own line, ending in ":" with a heading
        // wording ("In order to take on these challenges, you'll need to
        // have:"): a heading naming the part of that closing wording.
        if whole_line && t.ends_with(':') && (9..=16).contains(&words) {
            return self.lead_in_part(&h);
        }
        if words == 0 || words > 8 {
            return None;
        }
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
        let title_case = t
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
        let marked = if whole_line {
            hint == LineHint::Heading
                || t.starts_with('#')
                || t.ends_with(':')
                || (t.starts_with("**") && t.ends_with("**"))
                || (words <= 5 && !t.ends_with('.') && (all_caps || title_case))
                // "Why Join the Blue Stream Team?": a title-cased question.
                || (t.ends_with('?') && title_case)
                // "Nice to have", "What we offer": made only of heading wordings.
                || (!t.ends_with('.') && self.heading_whole.is_match(&h))
        } else {
            t.ends_with(':')
                // "Successful candidates will possess … • …": a wording that ends the unit opens a list.
                // Not an item closed by its own marker before the next bullet
                // ("Solidworks experience preferred but not required • …").
                || u.next_cut == Some(Cut::Bullet) && words <= 8 && !t.ends_with('.') && self.heading_ends(&h)
                    && (self.heading_whole.is_match(&h)
                        || self.markers(&u.lower).iter().all(|m| !m.after || m.says == Says::Nothing))
                || self.heading_whole.is_match(&h)
                    && (matches!(u.next_cut, Some(Cut::Glued | Cut::Colon | Cut::Bullet | Cut::Label) | None)
                        || all_caps
                        || title_case)
        };
        if marked {
            self.heading_part(&h)
        } else {
            None
        }
    }

    /// Reads a posting into units placed in their parts.
    pub fn read(&self, doc: &Document) -> Reading {
        let lines = posting_lines(doc);
        let units = units(&lines, self);
        let mut per_line = vec![0usize; lines.len()];
        for u in &units {
            per_line[u.line] += 1;
        }
        let headings: Vec<Option<Heads>> = units
            .iter()
            .map(|u| self.unit_heading(u, per_line[u.line] == 1, lines[u.line].hint))
            .collect();
        // Without headings the whole posting is one list of duties and
        // requirements; so is the text before a first heading that asks
        // nothing ("What we offer", "About us" after the job's text).
        let mut section = match headings.iter().flatten().find(|h| !h.label_only) {
            Some(h) if h.part != Part::Ignored || h.soft => (Part::Intro, false),
            _ => (Part::Duties, false),
        };
        // The section is duties by default (no heading opened it): a unit
        // phrased as a qualification ("Proven troubleshooting skills",
        // "Ability to …") is a requirement there.
        let mut implicit = section.0 == Part::Duties;
        // The title ("Production Technician - 2nd Shift") names the job, not a skill.
        let title = lines
            .iter()
            .position(|l| !l.norm.trim().is_empty())
            .filter(|&i| {
                let t = &lines[i].norm;
                t.split_whitespace().count() <= 10
                    && !self.bullet.is_match(t)
                    && !t.trim_end().ends_with('.')
            });
        // How many units of the same line follow each unit.
        let remaining: Vec<usize> = (0..units.len())
            .map(|k| {
                units[k + 1..]
                    .iter()
                    .take_while(|v| v.line == units[k].line)
                    .count()
            })
            .collect();
        // Whether the first unit of the next non-empty line after each unit's
        // line is a heading (or there is none).
        let next_line_heading: Vec<bool> = (0..units.len())
            .map(|k| {
                units[k + 1..]
                    .iter()
                    .zip(&headings[k + 1..])
                    .find(|(v, _)| v.line != units[k].line)
                    .is_none_or(|(_, h)| h.is_some())
            })
            .collect();
        // Whether a unit follows a finished sentence on its line.
        let after_sentence: Vec<bool> = (0..units.len())
            .map(|k| {
                k > 0
                    && units[k - 1].line == units[k].line
                    && units[k - 1].text.trim_end().ends_with(['.', '!', '?'])
            })
            .collect();
        let mut placed: Vec<Placed> = Vec::with_capacity(units.len());
        let mut skipped = Vec::new();
        // A `Label:` heading followed by one unit on its line names only that unit's part.
        let mut label: Option<(Part, bool)> = None;
        // Whether that label names experience ("Minimum Experience:").
        let mut label_experience: Option<bool> = None;
        // List items read since the last section heading.
        let mut section_items = 0usize;
        // The line of the last sentence about the employer.
        let mut company_line: Option<usize> = None;
        for (k, (u, heading)) in units.into_iter().zip(headings).enumerate() {
            // A label's value ("Job Type: Full-time") is no heading.
            let heading = heading.filter(|_| label.is_none() || u.cut != Cut::Colon);
            if let Some(Heads {
                part,
                soft,
                label_only,
                tasks,
            }) = heading
            {
                // "Job Type: Full-time", "Preferred: Lean certification": a
                // label names the part of the one unit after it.
                // "… standards. ESSENTIAL FUNCTIONS: 1. Safety - …" with more
                // lines of text after it opens a section, though one unit follows
                // it on its line.
                let is_label = label_only
                    || u.text.trim_end().ends_with(':')
                        && remaining[k] == 1
                        && (!after_sentence[k] || next_line_heading[k]);
                // "Preferred: - … Soft Skills: …": a kind of qualification
                // after a preferred list stays preferred (not after a form's
                // "Preferred/Specialized" explanation without items).
                let part = if part == Part::Required
                    && section.0 == Part::Preferred
                    && section_items > 0
                    && self.heading_kind.is_match(&heading_text(&u.text))
                {
                    Part::Preferred
                } else {
                    part
                };
                company_line = None;
                if is_label {
                    label = Some((part, soft));
                    label_experience = Some(self.experience_context.is_match(&u.lower));
                } else {
                    section = (part, soft);
                    section_items = 0;
                    implicit = tasks;
                    if part == Part::Ignored {
                        skipped.push(heading_display(&u.text));
                    }
                }
                placed.push(Placed {
                    part,
                    heading: true,
                    soft,
                    alternative: false,
                    experience_label: false,
                    unit: u,
                });
                continue;
            }
            let label_experience = label.is_some() && label_experience.take().unwrap_or(false);
            let (mut part, mut soft) = label.take().unwrap_or(section);
            if lines[u.line].hint == LineHint::ListItem
                || lines[u.line].norm.trim_start().starts_with(['•', '-', '*'])
                || matches!(u.cut, Cut::Bullet)
            {
                section_items += 1;
            }
            // A short title-cased line before any heading names the job again
            // ("Flexographic Printing / Converting Machine Operator").
            let title_like = (implicit || part == Part::Intro)
                && per_line[u.line] == 1
                && u.text.split_whitespace().count() <= 8
                && !u.text.ends_with('.')
                && u.text
                    .split_whitespace()
                    .filter(|w| w.chars().count() > 3)
                    .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
            if Some(u.line) == title || title_like {
                part = Part::Intro;
            } else if self.not_asked.is_match(&u.lower) {
                part = Part::Ignored;
                soft = false;
            } else if self.company.is_match(&u.lower) {
                part = Part::Ignored;
                soft = true;
                company_line = Some(u.line);
            } else if company_line == Some(u.line)
                && !self.role.is_match(&u.lower)
                && !self.qualification.is_match(&u.lower)
                && self
                    .markers(&u.lower)
                    .iter()
                    .all(|m| m.says == Says::Nothing)
            {
                // "Acme was founded in 1975 … Today we serve … Our presence
                // makes us …": a sentence after the employer's own, in the same
                // paragraph, is about the employer too.
                part = Part::Ignored;
                soft = true;
            } else if part == Part::Intro && self.role.is_match(&u.lower) {
                part = Part::Duties;
            }
            // Only a run of the employer's sentences continues.
            if !(part == Part::Ignored && soft) {
                company_line = None;
            }
            if (part == Part::Duties && implicit || part == Part::Intro)
                && self.qualification.is_match(&u.lower)
            {
                part = Part::Required;
            }
            let alternative = self.alternative.is_match(&u.lower);
            placed.push(Placed {
                part,
                heading: false,
                soft,
                alternative,
                experience_label: label_experience,
                unit: u,
            });
        }
        Reading {
            lines,
            units: placed,
            skipped,
        }
    }

    /// The part of a mention at `start..end` of a unit: the markers of its
    /// clause decide, else the unit's part. Nothing counts in ignored text
    /// unless (in an "About us" part) a marker asks for it.
    pub fn part_at(&self, p: &Placed, start: usize, end: usize) -> Part {
        if p.part == Part::Ignored && !p.soft {
            return Part::Ignored;
        }
        match self.marker_for(&p.unit.lower, start, end) {
            Some(Says::Required) => Part::Required,
            Some(Says::Preferred) => Part::Preferred,
            _ if p.part == Part::Ignored => Part::Ignored,
            _ => p.part,
        }
    }

    /// The markers of a unit, overlaps resolved (a non-marker or the longer one wins).
    fn markers(&self, lower: &str) -> Vec<Marker> {
        let mut found: Vec<Marker> = Vec::new();
        let mut add = |r: &Regex, says: Says, before: bool, after: bool| {
            for m in r.find_iter(lower) {
                found.push(Marker {
                    says,
                    start: m.start(),
                    end: m.end(),
                    before,
                    after,
                });
            }
        };
        add(&self.not_markers, Says::Nothing, false, false);
        add(&self.preferred_after, Says::Preferred, false, true);
        add(&self.required_after, Says::Required, false, true);
        add(&self.preferred_before, Says::Preferred, true, false);
        add(&self.required_before, Says::Required, true, false);
        // Earlier in the list (non-markers first), then longer, wins an overlap.
        let mut kept: Vec<Marker> = Vec::new();
        for m in found {
            let overlaps = kept.iter().position(|k| k.start < m.end && m.start < k.end);
            match overlaps {
                None => kept.push(m),
                Some(i)
                    if kept[i].says != Says::Nothing
                        && m.end - m.start > kept[i].end - kept[i].start =>
                {
                    kept[i] = m
                }
                Some(_) => {}
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }

    /// What the markers around `start..end` of a unit say about it.
    ///
    /// Inside a parenthesis with a marker, only the parenthesis counts
    /// ("(FANUC preferred)" qualifies FANUC only); a parenthesis holding only
    /// a marker qualifies what precedes it ("1 year (Preferred)"). In the
    /// clause (up to `;`, ` - `, `|`), the first marker after the mention
    /// wins ("X required, Y preferred"), unless a marker before it and a
    /// comma between say otherwise ("Must have X and Y, Z is a plus");
    /// markers that only qualify what follows ("preferably", "must") apply
    /// to mentions after them.
    fn marker_for(&self, lower: &str, start: usize, end: usize) -> Option<Says> {
        let markers: Vec<Marker> = self.markers(lower);
        if markers.is_empty() {
            return None;
        }
        let parens = paren_groups(lower);
        // A parenthesis (with words besides its marker) around the mention.
        if let Some(&(open, close)) = parens.iter().find(|(o, c)| *o < start && end <= *c) {
            let inner: Vec<&Marker> = markers
                .iter()
                .filter(|m| m.start > open && m.end <= close && m.says != Says::Nothing)
                .collect();
            if let Some(m) = inner
                .iter()
                .find(|m| m.start >= end && m.after)
                .or_else(|| inner.iter().rev().find(|m| m.end <= start && m.before))
                .or_else(|| inner.first())
            {
                return Some(m.says);
            }
        }
        let (c_start, c_end) = clause_bounds(lower, start, end);
        // Markers inside a parenthesis that holds other words qualify only it.
        let opaque = |m: &Marker| {
            parens.iter().any(|&(o, c)| {
                o < m.start && m.end <= c && !only_marker(&lower[o + 1..c], m, o + 1)
            })
        };
        let in_clause: Vec<&Marker> = markers
            .iter()
            .filter(|m| m.start >= c_start && m.end <= c_end && !opaque(m))
            .filter(|m| m.end <= start || m.start >= end)
            .collect();
        let clause_first = |m: &Marker| lower[c_start..m.start].trim().is_empty();
        let after = in_clause
            .iter()
            .find(|m| m.start >= end && (m.after || m.says == Says::Nothing));
        let before = in_clause
            .iter()
            .rev()
            .find(|m| m.end <= start && (m.before || clause_first(m)) && m.says != Says::Nothing);
        match (before, after) {
            (Some(b), Some(a)) if a.says == Says::Nothing => Some(b.says),
            (Some(b), Some(a)) => {
                if lower[end..a.start].contains(',') && b.says != a.says
                    || closes_item(lower, end, a, c_end)
                {
                    Some(b.says)
                } else {
                    Some(a.says)
                }
            }
            (None, Some(a)) if a.says != Says::Nothing && !closes_item(lower, end, a, c_end) => {
                Some(a.says)
            }
            (Some(b), None) => Some(b.says),
            _ => None,
        }
    }

    /// The minimum years of experience a unit asks for, and where they stand.
    /// Figures joined by "or" are alternatives (the smallest counts); figures
    /// of separate requirements add up to the largest ("20 years …, with at
    /// least 10 as a supervisor" → 20).
    pub fn years(&self, p: &Placed) -> Option<Years> {
        let lower = &p.unit.lower;
        let mut hits: Vec<(usize, usize, f64)> = self
            .years
            .captures(lower)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((m.start(), m.end(), number(c.get(1)?.as_str())?))
            })
            .collect();
        if hits.is_empty() {
            hits = self
                .one_year
                .find_iter(lower)
                .map(|m| (m.start(), m.end(), 1.0))
                .collect();
        }
        if hits.is_empty() {
            // "Six (6) months of manufacturing experience": half a year.
            hits = self
                .months
                .captures(lower)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    let n = number(c.get(1)?.as_str())?;
                    (n < 12.0).then(|| (m.start(), m.end(), n / 12.0))
                })
                .collect();
        }
        let mut kept: Vec<(usize, usize, f64, Part)> = Vec::new();
        for (start, end, n) in hits {
            let (c_start, c_end) = clause_bounds(lower, start, end);
            let clause = &lower[c_start..c_end];
            if self.not_experience_before.is_match(&lower[c_start..start])
                || self.not_experience_after.is_match(&lower[end..c_end])
                || !(self.experience_context.is_match(clause) || p.experience_label)
                || n <= 0.0
                || n > 40.0
            {
                continue;
            }
            let part = self.part_at(p, start, end);
            if matches!(part, Part::Ignored) {
                continue;
            }
            kept.push((start, end, n, part));
        }
        let mut best: Option<Years> = None;
        let mut group: Option<Years> = None;
        let mut last_end = 0;
        for (start, end, n, part) in kept {
            // "BS with 3+ years or MS with 1+ years": an "or" just before the figure.
            let alternative = group.is_some() && {
                let between = &lower[last_end..start];
                !between.contains(';')
                    && between
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .rev()
                        .take(3)
                        .any(|w| w == "or")
            };
            let y = Years { years: n, part };
            group = Some(match group {
                Some(g) if alternative => {
                    if n < g.years {
                        y
                    } else {
                        g
                    }
                }
                Some(g) => {
                    best = Some(stronger(best, g));
                    y
                }
                None => y,
            });
            last_end = end;
        }
        group.map(|g| stronger(best, g))
    }

    /// The degrees a unit asks for. Alternatives ("BS/MS", "HS diploma or
    /// GED", "bachelor's, master's or PhD") count as the lowest of them; the
    /// markers around each decide whether it is required or preferred.
    pub fn degrees(&self, p: &Placed) -> Vec<Degree> {
        let lower = &p.unit.lower;
        let mut out = Vec::new();
        let hits: Vec<(usize, usize, EducationLevel)> = self
            .degree
            .captures(lower)
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
                let between = lower[last.1..start].trim();
                let words: Vec<&str> = between
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
                    .filter(|w| !w.is_empty())
                    .collect();
                let alternative = words
                    .iter()
                    .rev()
                    .find(|w| !matches!(**w, "a" | "an" | "the"))
                    .is_some_and(|w| matches!(*w, "or" | "and/or"));
                let joined = !between.contains(';')
                    && (alternative
                        || words.iter().all(|w| {
                            matches!(
                                *w,
                                "or" | "and/or"
                                    | "degree"
                                    | "diploma"
                                    | "equivalent"
                                    | "an"
                                    | "a"
                                    | "in"
                            )
                        }));
                if joined {
                    last.1 = end;
                    last.2 = last.2.min(level);
                    continue;
                }
            }
            groups.push((start, end, level));
        }
        for (k, &(start, end, level)) in groups.iter().enumerate() {
            let (c_start, c_end) = clause_bounds(lower, start, end);
            if self.no_degree.is_match(&lower[c_start..c_end]) {
                continue;
            }
            let part = self.part_at(p, start, end);
            if part == Part::Ignored {
                continue;
            }
            let stop = groups
                .get(k + 1)
                .map_or(lower.len(), |g| g.0)
                .min(sentence_end_after(lower, end));
            let engineering = if level >= EducationLevel::Bachelor {
                self.engineering_part(p, start, end, stop, part)
            } else {
                None
            };
            out.push(Degree {
                level,
                engineering,
                part,
            });
        }
        out
    }

    /// Whether (and how strongly) a degree's fields ask for engineering: only
    /// when every field it accepts is an engineering field that counts
    /// ("electrical engineering, physics or related fields" does not). A
    /// parenthesis naming the field with a marker gives its own severity
    /// ("Bachelor's degree (Mechanical Engineering preferred)").
    fn engineering_part(
        &self,
        p: &Placed,
        start: usize,
        end: usize,
        stop: usize,
        part: Part,
    ) -> Option<Part> {
        let lower = &p.unit.lower;
        let stop = stop.max(end);
        let span = &lower[start..stop];
        // The fields, after the degree's own name ("Bachelor of Science in …").
        let rest = lower[end..stop].trim_start();
        let rest = [
            "of applied science",
            "of science",
            "of arts",
            "of applied arts",
        ]
        .iter()
        .find_map(|n| rest.strip_prefix(n))
        .unwrap_or(rest);
        // The fields end with the degree's phrase: its parenthesis, or the
        // next figure ("…), 5 years of management experience").
        let fields = match rest
            .trim_start()
            .strip_prefix("degree")
            .unwrap_or(rest)
            .trim_start()
            .strip_prefix('(')
        {
            Some(inner) => inner.split(')').next().unwrap_or(inner),
            None => rest
                .split(|c: char| c.is_ascii_digit() || c == ';')
                .next()
                .unwrap_or(rest),
        };
        let mut mentions = self.engineering.captures(span).peekable();
        let first = mentions.peek().map(|c| c.get(0).map_or(0, |m| m.start()))?;
        // Group 1 is the technology word after "engineering".
        if mentions.all(|c| c.get(1).is_some()) {
            return None;
        }
        if self.other_fields.is_match(fields) {
            return None;
        }
        if !self.engineering_field.is_match(span) && self.other_engineering.is_match(span) {
            return None;
        }
        let at = start + first;
        if paren_groups(lower).iter().any(|&(o, c)| o < at && at < c) {
            return Some(self.part_at(p, at, at + 1));
        }
        Some(part)
    }

    /// Whether a mention's own text names a credential ("… Green Belt").
    pub fn credential_in(&self, text: &str) -> bool {
        self.credential.iter().any(|w| text.contains(w.as_str()))
    }

    /// The fields of study a unit's degrees name ("in Supply Chain, Business
    /// or Engineering"): byte ranges where a taxonomy term is no skill asked.
    pub fn degree_fields(&self, p: &Placed) -> Vec<(usize, usize)> {
        let lower = &p.unit.lower;
        self.degree
            .find_iter(lower)
            .map(|m| (m.end(), sentence_end_after(lower, m.end())))
            .collect()
    }

    /// Whether a mention at `start..end` of a unit sits in boilerplate that
    /// is not the skill ("highly motivated", "reports directly to").
    pub fn boilerplate(&self, lower: &str, start: usize, end: usize) -> bool {
        let negated = lower[..start]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .take(2)
            .any(|w| self.negation.contains(w));
        negated
            || self
                .boilerplate
                .find_iter(lower)
                .any(|m| m.start() <= start && end <= m.end())
    }
}

impl Wordings for PostingWords {
    fn is_heading(&self, lower: &str) -> bool {
        self.heading_whole.is_match(lower) && self.heading_part(lower).is_some()
    }

    fn is_opener(&self, lower: &str) -> bool {
        self.openers.contains(lower)
    }

    fn is_camel_name(&self, lower: &str) -> bool {
        self.camel_names.contains(lower)
    }
}

/// A heading as the report names it ("About Us", without marks).
fn heading_display(text: &str) -> String {
    text.trim()
        .trim_end_matches(':')
        .trim_matches(|c| c == '*' || c == '#' || c == '_')
        .trim()
        .to_string()
}

/// Whether a marker after a mention closes an item of a comma list the
/// mention is not in: "1 year of experience, forklift experience a plus, HS
/// diploma" (the list goes on after the marker).
fn closes_item(lower: &str, end: usize, m: &Marker, c_end: usize) -> bool {
    lower[end..m.start].contains(',')
        && lower[m.end..c_end]
            .trim_start()
            .strip_prefix(',')
            .is_some_and(|rest| rest.chars().any(char::is_alphanumeric))
}

/// `(open, close)` byte offsets of the parenthesised groups of a text.
fn paren_groups(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    if open.is_empty() {
                        out.push((o, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a parenthesis holds only the marker `m` ("(Preferred)", "(required)").
fn only_marker(inner: &str, m: &Marker, offset: usize) -> bool {
    let before = &inner[..m.start - offset];
    let after = &inner[m.end - offset..];
    before.trim().is_empty() && after.trim().is_empty()
}

/// The clause around `start..end`: up to `;`, ` - `, ` | ` or a colon that
/// ends a label.
fn clause_bounds(s: &str, start: usize, end: usize) -> (usize, usize) {
    let stops = |t: &str| -> Vec<usize> {
        let mut v: Vec<usize> = t.match_indices(';').map(|(i, _)| i).collect();
        v.extend(t.match_indices(" | ").map(|(i, _)| i));
        // " - " after a single word is a label's dash ("Desirable - 10 years'
        // experience"): the word qualifies the clause after it.
        let dashes: Vec<usize> = t.match_indices(" - ").map(|(i, _)| i).collect();
        for &i in &dashes {
            let from = v
                .iter()
                .chain(dashes.iter())
                .filter(|&&j| j < i)
                .max()
                .map_or(0, |j| j + 1);
            let before = t[from..i].trim_matches(|c: char| !c.is_alphanumeric());
            let label = !before.is_empty() && before.chars().all(|c| c.is_alphabetic());
            if !label {
                v.push(i);
            }
        }
        v
    };
    let all = stops(s);
    let c_start = all
        .iter()
        .filter(|&&i| i < start)
        .max()
        .map_or(0, |i| i + 1);
    let c_end = all
        .iter()
        .filter(|&&i| i >= end)
        .min()
        .copied()
        .unwrap_or(s.len());
    (c_start, c_end)
}

/// The end of the sentence or clause after `at`.
fn sentence_end_after(s: &str, at: usize) -> usize {
    let (_, c_end) = clause_bounds(s, at, at);
    // The period closing an abbreviation just matched ("B.Sc. degree in …") ends nothing.
    let abbreviation = s[..at].rsplit(' ').next().is_some_and(|w| w.contains('.'));
    let from = if s[at..].starts_with(". ") && abbreviation {
        at + 2
    } else {
        at
    };
    s[from..c_end.max(from)]
        .find(". ")
        .map_or(c_end, |i| from + i)
}

fn stronger(a: Option<Years>, b: Years) -> Years {
    match a {
        Some(a) if a.part.rank() < b.part.rank() || (a.part == b.part && a.years >= b.years) => a,
        _ => b,
    }
}

/// The text of a heading without marks (`#`, `**`, trailing `:`), lower-cased.
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

/// A degree a posting asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Degree {
    pub level: EducationLevel,
    /// The severity of an engineering degree, when only engineering fields count
    /// (a bachelor's or higher; not chemical, civil, … alone; not engineering technology).
    pub engineering: Option<Part>,
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

    /// A posting typed as text, one line per line, read.
    fn reading(text: &str) -> Reading {
        let doc = Document::new(
            Format::Text,
            text.lines().map(RawLine::plain).collect(),
            vec![],
        );
        words().read(&doc)
    }

    fn read(text: &str) -> Vec<(Part, bool, String)> {
        reading(text)
            .units
            .into_iter()
            .map(|p| (p.part, p.heading, p.unit.text))
            .collect()
    }

    /// The part a heading line opens, read as the line after the title.
    fn opens(heading: &str) -> Option<Part> {
        let units = read(&format!("Machinist\n{heading}\n- Operate lathes\n"));
        units.iter().find(|u| u.1).map(|u| u.0)
    }

    #[test]
    fn equipment_inspections_are_maintenance_not_quality() {
        // The mention is the verb at the start of each line.
        let w = words();
        assert!(w.boilerplate("inspect, repair and overhaul gearboxes", 0, 7));
        assert!(w.boilerplate("provide inspections for overhead crane systems", 8, 19));
        assert!(!w.boilerplate("inspect and test finished housings", 0, 7));
    }

    #[test]
    fn posting_wordings_that_are_not_the_skill() {
        // The mention is the word the offsets name.
        let w = words();
        let at = |text: &str, word: &str| {
            let start = text.find(word).unwrap();
            w.boilerplate(text, start, start + word.len())
        };
        assert!(at(
            "inspects and identifies equipment in need of repair",
            "inspects"
        ));
        assert!(at(
            "follow instructions from senior maintenance workers and maintenance leads",
            "leads"
        ));
        assert!(at(
            "never compromise your safety or that of anyone else",
            "compromise"
        ));
        assert!(at("heavier loads use a lift assist or team lift", "team"));
        assert!(at(
            "flexibility with work hours during training",
            "flexibility"
        ));
        let overhaul = "perform disassemble and assemble electrical wires";
        let start = overhaul.find("and assemble").unwrap() + 4;
        assert!(w.boilerplate(overhaul, start, start + "assemble".len()));
        assert!(at(
            "perform installation and set-up of new equipment",
            "set-up"
        ));
        assert!(!at("assemble gearboxes to drawings", "assemble"));
        assert!(!at("lead a team of six technicians", "lead"));
    }

    #[test]
    fn requirements_of_the_position_list_duties() {
        // "Specific requirements of the position include:" lists what the job
        // does: duties, an item phrased as a qualification required.
        let units = read(
            "Manufacturing Engineer\n\
            Specific requirements of the position include:\n\
            - Leading kaizen events on the machining lines\n\
            - Ability to read blueprints\n\
            Successful candidates will possess:\n\
            - Experience with AutoCAD\n",
        );
        let part = |t: &str| units.iter().find(|u| u.2.contains(t)).map(|u| u.0);
        assert_eq!(part("Specific requirements"), Some(Part::Duties));
        assert_eq!(part("Leading kaizen"), Some(Part::Duties));
        assert_eq!(part("read blueprints"), Some(Part::Required));
        assert_eq!(part("AutoCAD"), Some(Part::Required));
        // A longer lead-in of the same wording, ending in another word.
        let units = read(
            "Process Engineer\n\
            The specific requirements of this position include, but are not limited to:\n\
            - Coordinating new product launches\n",
        );
        assert_eq!(
            units
                .iter()
                .find(|u| u.2.contains("Coordinating"))
                .map(|u| u.0),
            Some(Part::Duties)
        );
        // Physical requirements ask nothing.
        assert_eq!(
            opens("Physical requirements of the position include:"),
            Some(Part::Ignored)
        );
    }

    #[test]
    fn headings_of_both_kinds_and_remarks() {
        // "Required and Preferred Abilities": required unless an item says otherwise.
        let units = read(
            "Sustaining Engineer\n\
            Required and Preferred Abilities:\n\
            - Proficiency in CAD design\n\
            - Solidworks experience preferred\n",
        );
        let part = |t: &str| units.iter().find(|u| u.2.contains(t)).map(|u| u.0);
        assert_eq!(part("Required and Preferred"), Some(Part::Required));
        assert_eq!(part("CAD design"), Some(Part::Required));
        // A duties heading with a remark in parentheses before its colon.
        assert_eq!(
            opens("Job Duties and Responsibilities are (including but not limited to):"),
            Some(Part::Duties)
        );
        assert_eq!(opens("Even better if you have::"), Some(Part::Preferred));
        assert_eq!(opens("Description"), Some(Part::Duties));
        assert_eq!(opens("What you'll be doing..."), Some(Part::Duties));
        // An item closed by its own marker before the next inline bullet is
        // an item, not a lead-in opening a preferred list.
        let units = read(
            "Sustaining Engineer\n\
            Requirements: · Proficiency in CAD design · Solidworks experience preferred but not required · Ability to solve customer issues\n",
        );
        let part = |t: &str| units.iter().find(|u| u.2.contains(t)).map(|u| (u.0, u.1));
        assert_eq!(part("solve customer"), Some((Part::Required, false)));
    }

    #[test]
    fn requirement_headings() {
        for h in [
            "Requirements",
            "Qualifications:",
            "Basic Qualifications",
            "Minimum qualifications",
            "What you'll bring",
            "What You Will Need",
            "You have:",
            "Must haves",
            "Must-Have",
            "Who you are",
            "What we're looking for",
            "Education and Experience",
            "Required Knowledge/Skills/Abilities:",
            "Competencies",
            "Job Specifications",
            "Successful candidates will possess:",
            "The ideal candidate",
        ] {
            assert_eq!(opens(h), Some(Part::Required), "{h}");
        }
    }

    #[test]
    fn preferred_headings() {
        for h in [
            "Preferred Qualifications",
            "Nice to have",
            "Nice-to-Haves",
            "You might also have",
            "Bonus points",
            "Bonus:",
            "Desired Skills",
            "DESIRED QUALIFICATIONS AND EDUCATION",
            "Additional Desired Skills:",
            "It would be great if you have:",
            "Pluses",
        ] {
            assert_eq!(opens(h), Some(Part::Preferred), "{h}");
        }
    }

    #[test]
    fn duty_headings() {
        for h in [
            "Responsibilities",
            "Job Duties",
            "Duties/Responsibilities:",
            "What you'll do",
            "Essential Functions:",
            "Key Responsibilities (include and are not limited to)",
            "Job Summary",
            "Position Summary:",
            "About the role",
            "A day in the life",
        ] {
            assert_eq!(opens(h), Some(Part::Duties), "{h}");
        }
    }

    #[test]
    fn headings_of_parts_that_ask_nothing() {
        for h in [
            "About us",
            "About Northwind Steel",
            "Who we are",
            "Company Description",
            "Benefits",
            "Perks & Benefits",
            "What we offer",
            "What you'll love about us",
            "Equal Opportunity Employer",
            "EEO Statement",
            "This job might be for you if",
            "Physical Demands:",
            "Physical Requirements",
            "Working Conditions",
            "How to apply",
            "Why join us",
        ] {
            assert_eq!(opens(h), Some(Part::Ignored), "{h}");
        }
    }

    #[test]
    fn labels_name_one_item() {
        let units = read(
            "Machinist\nResponsibilities\nJob Type: Full-time\nSalary: $25 per hour\n- Operate lathes\n",
        );
        let operate = units.iter().find(|u| u.2 == "Operate lathes").unwrap();
        assert_eq!(operate.0, Part::Duties, "{units:?}");
        let full_time = units.iter().find(|u| u.2 == "Full-time").unwrap();
        assert_eq!(full_time.0, Part::Ignored);
    }

    #[test]
    fn sentences_that_ask_nothing_in_any_part() {
        let units = read(
            "Machinist\nRequirements\n- 3+ years of CNC experience. Northwind is an equal opportunity employer. Pay range: $25-$30 per hour.\n- Northwind Steel has over 35 years of experience investing in people\n",
        );
        let part = |t: &str| units.iter().find(|u| u.2.starts_with(t)).unwrap().0;
        assert_eq!(part("3+ years"), Part::Required);
        assert_eq!(part("Northwind is an equal"), Part::Ignored);
        assert_eq!(part("Pay range"), Part::Ignored);
        assert_eq!(part("Northwind Steel has"), Part::Ignored);
    }

    fn years_of(line: &str) -> Option<(f64, Part)> {
        reading(&format!("Machinist\nRequirements\n{line}"))
            .units
            .iter()
            .filter(|p| !p.heading)
            .filter_map(|p| words().years(p))
            .map(|y| (y.years, y.part))
            .next()
    }

    #[test]
    fn years_in_every_phrasing() {
        use Part::*;
        for (line, want) in [
            ("3+ years of experience in manufacturing", (3.0, Required)),
            ("+3 years working with CNC machinery", (3.0, Required)),
            ("Minimum of three (3) years of maintenance experience", (3.0, Required)),
            ("Five to Seven (5-7) years progressive responsibility in engineering", (5.0, Required)),
            ("3-5 years of maintenance experience", (3.0, Required)),
            ("at least 2 yrs in a manufacturing environment", (2.0, Required)),
            ("2 to 4 yrs experience", (2.0, Required)),
            ("One year of experience in a plant preferred", (1.0, Preferred)),
            ("Minimum Experience: 2 - 5 years", (2.0, Required)),
            ("Six (6) months of manufacturing experience", (0.5, Required)),
            ("Desirable - 10 years' experience in a similar role", (10.0, Preferred)),
            ("Stamping press: 1 year (Preferred)", (1.0, Preferred)),
            ("BS with 3+ years of experience or MS with 1+ years of experience", (1.0, Required)),
            (
                "A minimum of 20 years of experience in fabrication or manufacturing, with at least 10 years in a supervisory role",
                (20.0, Required),
            ),
            ("3+ years of experience, preferably within the industry", (3.0, Required)),
            ("Ten or more years of engineering experience", (10.0, Required)),
        ] {
            assert_eq!(years_of(line), Some(want), "{line}");
        }
    }

    #[test]
    fn years_that_are_not_experience() {
        for line in [
            "Must be 18 years of age or older",
            "Obtain CPT certification within 2 years of hire",
            "Recertify every 3 years",
            "401(k) match after one year",
            "Associate degree, or 4 years of equivalent experience",
            "Northwind has over 35 years of experience investing in people",
            "With a rich 50-year history, we make packaging",
            "Most of our employees have been here for around 2 years or more",
        ] {
            assert_eq!(years_of(line), None, "{line}");
        }
    }

    fn degrees_of(line: &str) -> Vec<(EducationLevel, Option<Part>, Part)> {
        reading(&format!("Engineer\nQualifications\n{line}"))
            .units
            .iter()
            .filter(|p| !p.heading)
            .flat_map(|p| words().degrees(p))
            .map(|d| (d.level, d.engineering, d.part))
            .collect()
    }

    #[test]
    fn degree_phrasings() {
        use EducationLevel::{Associate, Bachelor, HighSchool, Master};
        use Part::*;
        let req = Some(Required);
        assert_eq!(
            degrees_of("Bachelor's in Mechanical or Industrial Engineering"),
            vec![(Bachelor, req, Required)]
        );
        assert_eq!(
            degrees_of("High school diploma or GED"),
            vec![(HighSchool, None, Required)]
        );
        assert_eq!(
            degrees_of(
                "High school diploma or GED required; associate degree in electronics a plus"
            ),
            vec![(HighSchool, None, Required), (Associate, None, Preferred)]
        );
        assert_eq!(
            degrees_of("BS in Engineering required, Master's degree preferred"),
            vec![(Bachelor, req, Required), (Master, None, Preferred)]
        );
        // A degree named by its length or its field only.
        assert_eq!(
            degrees_of("4-year Controls, Electrical, Mechanical Engineering Degree or Equivalent"),
            vec![(Bachelor, req, Required)]
        );
        assert_eq!(
            degrees_of("Mechanical Engineering degree required"),
            vec![(Bachelor, req, Required)]
        );
        assert_eq!(
            degrees_of("BSME or technical degree"),
            vec![(Bachelor, None, Required)]
        );
        assert_eq!(
            degrees_of("BS/MS in Mechanical Engineering"),
            vec![(Bachelor, req, Required)]
        );
        assert_eq!(
            degrees_of("BS/MS/PhD in Chemistry"),
            vec![(Bachelor, None, Required)]
        );
        assert_eq!(
            degrees_of("MS/PhD in Materials Science"),
            vec![(Master, None, Required)]
        );
        assert_eq!(
            degrees_of("B.S. or higher"),
            vec![(Bachelor, None, Required)]
        );
        assert_eq!(
            degrees_of("Bachelors, Master's or PhD degree in electrical engineering, physics or related fields"),
            vec![(Bachelor, None, Required)]
        );
        assert_eq!(
            degrees_of("Bachelor's degree (Electrical or Mechanical Engineering preferred), 5 years of management experience"),
            vec![(Bachelor, Some(Preferred), Required)]
        );
        assert_eq!(
            degrees_of("Associate degree in Engineering Technology"),
            vec![(Associate, None, Required)]
        );
        assert_eq!(degrees_of("BSME or BSIE"), vec![(Bachelor, req, Required)]);
        assert!(degrees_of("Degree not required").is_empty());
        assert!(degrees_of("Work as a production associate on the line").is_empty());
        assert!(degrees_of("RJG Master Molder certification").is_empty());
        assert_eq!(
            degrees_of("Masters in Industrial Engineering"),
            vec![(Master, req, Required)]
        );
    }
}
