//! Analysis: a [`Document`] → [`Findings`] (sections, certifications, skills,
//! education, experience and level, achievements, flags), independent of any
//! role. Scoring against a role happens afterwards, in [`crate::score`].

mod achievements;
mod certifications;
pub mod context;
pub mod dates;
mod education;
mod experience;
pub mod findings;
mod flags;
mod identity;
pub(crate) mod lexicon;
pub mod matcher;
pub mod sections;
mod skills;

use crate::extract::{Document, Line, LineHint};
pub use findings::*;
use std::sync::{Arc, OnceLock};

use crate::month::YearMonth;
use crate::rules::RuleSet;
use crate::rules::Section;
use lexicon::CompiledLexicon;
use matcher::{LineMatches, TermMatcher};

/// A line prepared for analysis: lower-cased text, section, structure.
pub(crate) struct View<'d> {
    pub line: &'d Line,
    /// ASCII-lower-cased normalised text (same byte offsets as `line.norm`).
    pub lower: String,
    pub section: Option<Section>,
    pub heading: bool,
    pub bullet: bool,
    /// The end of the previous line when this line continues its sentence
    /// (a hard-wrapped paragraph), else empty.
    pub carry_before: String,
    /// The start of the next line when it continues this line's sentence.
    pub carry_after: String,
    /// The next line, when it continues this line's sentence.
    pub next: Option<&'d Line>,
}

impl View<'_> {
    /// Evidence pointing at this line.
    pub fn evidence(&self) -> Evidence {
        Evidence {
            page: self.line.page,
            line: self.line.number,
            section: self.section,
            text: self.line.text.trim().to_string(),
            locator: self.line.locator.clone(),
            ocr: self.line.ocr,
            matched: None,
        }
    }

    /// Evidence for a term matched at `start..end` of `segment` (this line's
    /// lower-cased text, or it joined with the start of the next line): the
    /// words matched, and the next line's text too when the match crosses
    /// the line end.
    pub fn evidence_of(&self, segment: &str, start: usize, end: usize) -> Evidence {
        let mut e = self.evidence();
        e.matched = segment.get(start..end).map(str::to_string);
        if let Some(next) = self.next.filter(|_| end > self.lower.len()) {
            e.text = format!("{} {}", e.text, next.text.trim());
        }
        e
    }

    pub fn in_section(&self, s: Section) -> bool {
        self.section == Some(s)
    }
}

/// The texts to match for one line: the line itself, and — when the next line
/// continues its sentence (a hard-wrapped paragraph, a PDF line break) — the
/// line joined with the start of the next, keeping only the mentions that cross
/// the line end, so a phrase split over two lines ("trains new / operators")
/// is found once, on the line where it starts.
pub(crate) fn segments(v: &View<'_>, matcher: &TermMatcher) -> Vec<(String, LineMatches)> {
    let mut out = vec![(v.lower.clone(), matcher.find(&v.lower, &v.line.norm))];
    if !v.carry_after.is_empty() {
        let joined = format!("{} {}", v.lower, v.carry_after);
        let mut matches = matcher.find(&joined, &joined);
        let end = v.lower.len();
        matches
            .mentions
            .retain(|m| m.start < end && m.end > end + 1);
        if !matches.mentions.is_empty() {
            out.push((joined, matches));
        }
    }
    out
}

/// The taxonomy and the lexicon compiled for matching; build once, use for
/// every document.
pub struct Analyzer {
    rules: Arc<RuleSet>,
    certs: TermMatcher,
    skills: TermMatcher,
    partials: Vec<certifications::Partials>,
    lexicon: CompiledLexicon,
    /// The posting lists of the lexicon, compiled on first use (only `--job` needs them).
    posting_words: OnceLock<crate::posting::parse::PostingWords>,
}

impl Analyzer {
    pub fn new(rules: Arc<RuleSet>) -> Analyzer {
        // Building the automata and regexes is most of the cost of checking
        // one file, so the independent parts are built side by side.
        let (skills, lexicon, (certs, partials)) = std::thread::scope(|scope| {
            let lexicon = scope.spawn(|| CompiledLexicon::new(&rules.lexicon));
            let skills = scope.spawn(|| TermMatcher::new(rules.skills.iter().map(|s| &s.term)));
            let certs = TermMatcher::new(rules.certifications.iter().map(|c| &c.term));
            let partials = certifications::compile_partials(&rules);
            // A panic while compiling built-in patterns is a bug the tests catch.
            let skills = skills.join().expect("skill matcher builds");
            let lexicon = lexicon.join().expect("lexicon patterns compile");
            (skills, lexicon, (certs, partials))
        });
        Analyzer {
            certs,
            skills,
            partials,
            lexicon,
            posting_words: OnceLock::new(),
            rules,
        }
    }

    /// The rules this analyzer was built from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Compiles now what is otherwise compiled on first use (the posting
    /// lists), so that every built-in pattern has been built.
    pub fn compile_all(&self) {
        self.posting_words();
    }

    /// The posting lists of the lexicon, compiled.
    pub(crate) fn posting_words(&self) -> &crate::posting::parse::PostingWords {
        self.posting_words
            .get_or_init(|| crate::posting::parse::PostingWords::new(&self.rules.lexicon))
    }

    /// The certification and the skill mentions of one text of a job posting
    /// (`lower` is `original` ASCII-lower-cased), with their confirming and
    /// refuting words; the posting reader applies its own context rules.
    pub(crate) fn posting_matches(
        &self,
        lower: &str,
        original: &str,
    ) -> (matcher::LineMatches, matcher::LineMatches) {
        (
            self.certs.find(lower, original),
            self.skills.find(lower, original),
        )
    }

    /// Analyses one document; `as_of` is the month "Present" means.
    pub fn analyze(&self, doc: &Document, as_of: YearMonth) -> Findings {
        let lex = &self.lexicon;
        let views = prepare(doc, lex);
        // Skills, the costliest stage, beside the others.
        let (skills, (level, education, certifications, achievements)) = side_by_side(
            || skills::analyze(&views, &self.rules, &self.skills, &lex.context),
            || {
                (
                    experience::analyze(&views, as_of, lex),
                    education::analyze(&views, as_of, lex),
                    certifications::analyze(
                        &views,
                        &self.rules,
                        &self.certs,
                        &self.partials,
                        lex,
                        as_of,
                    ),
                    achievements::analyze(&views, &lex.achievements),
                )
            },
        );
        let mut sections: Vec<Section> = Vec::new();
        for v in views.iter().filter(|v| v.heading) {
            if let Some(s) = v.section.filter(|s| *s != Section::Other) {
                if !sections.contains(&s) {
                    sections.push(s);
                }
            }
        }
        let contact = flags::contact(&views, &doc.links, &lex.contact);
        let candidate = identity::analyze(&views, &doc.links, lex);
        let fingerprint = identity::fingerprint(&views);
        let flags = flags::analyze(
            &views,
            &self.rules,
            &certifications,
            &level,
            &sections,
            &contact,
            lex,
        );
        let heading_lines = views
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.heading.then_some((i, v.section?)))
            .collect();
        Findings {
            level,
            education,
            certifications,
            skills,
            achievements,
            flags,
            sections,
            contact,
            candidate,
            fingerprint,
            heading_lines,
        }
    }
}

/// Runs two independent stages of one document side by side when called on
/// a worker of a thread pool, else one after the other. A single file's
/// check so uses the worker the run has no other file for; in a folder run
/// every worker is busy, nobody takes the second stage, and the worker runs
/// it itself after the first.
fn side_by_side<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if rayon::current_thread_index().is_some() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

fn prepare<'d>(doc: &'d Document, lex: &CompiledLexicon) -> Vec<View<'d>> {
    let (sections, headings) = lex.sections.assign(doc);
    let mut views: Vec<View<'_>> = doc
        .lines
        .iter()
        .zip(sections)
        .zip(headings)
        .map(|((line, section), heading)| View {
            lower: line.norm.to_ascii_lowercase(),
            bullet: !heading && is_bullet(line),
            line,
            section,
            heading,
            carry_before: String::new(),
            carry_after: String::new(),
            next: None,
        })
        .collect();
    for i in 1..views.len() {
        if wraps(&views[i - 1], &views[i], &lex.function_words) {
            let prev = &views[i - 1].lower;
            let cut = prev
                .rfind(['.', ';', '!', '?', '|'])
                .map(|at| at + 1)
                .unwrap_or(0);
            let carried = context::tail(&prev[cut..], 120).to_string();
            let next = &views[i].lower;
            let end = next.find(['.', ';', '!', '?', '|']).unwrap_or(next.len());
            let ahead = context::head(&next[..end], 120).to_string();
            views[i].carry_before = carried;
            views[i - 1].carry_after = ahead;
            views[i - 1].next = Some(views[i].line);
        }
    }
    views
}

/// Whether `next` continues the sentence of `prev` (a hard-wrapped line):
/// no heading, no new bullet, and `prev` does not end a sentence.
fn wraps(prev: &View<'_>, next: &View<'_>, function_words: &[String]) -> bool {
    !prev.heading
        && !next.heading
        && !next.bullet
        && !prev.lower.is_empty()
        && !next.lower.is_empty()
        && !prev.lower.ends_with(['.', ';', ':', '!', '?', '|'])
        && next.section == prev.section
        && prev.lower.len() > 40
        && (next.line.norm.starts_with(|c: char| c.is_lowercase())
            || ends_mid_phrase(&prev.lower, function_words)
            || prev.lower.len() >= 70)
}

/// A line ending in a comma or a function word ("the", "a Lean";
/// `lines.function_words`) has more to say.
fn ends_mid_phrase(lower: &str, function_words: &[String]) -> bool {
    lower.ends_with(',')
        || lower
            .rsplit(' ')
            .next()
            .is_some_and(|w| function_words.iter().any(|f| f == w))
}

/// Bullet characters, list paragraphs, and `-`/`*`/`o`/numbered list markers.
fn is_bullet(line: &Line) -> bool {
    if line.hint == LineHint::ListItem {
        return true;
    }
    let t = line.norm.as_str();
    t.starts_with('•')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("o ") && t[2..].starts_with(|c: char| c.is_uppercase())
        || t.starts_with("> ")
        || t.starts_with("+ ")
        || numbered(t)
}

fn numbered(t: &str) -> bool {
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&digits) && matches!(&t.as_bytes()[digits..], [b'.' | b')', b' ', ..])
}
