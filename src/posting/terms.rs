//! "Also asked for": terms a posting asks for that the taxonomy does not
//! know — tools, brands, standards, systems ("Allen-Bradley PLC", "SAP",
//! "IATF 16949", "SolidWorks").
//!
//! Candidates are acronyms, CamelCase words, capitalised hyphenated names and
//! runs of capitalised words that are not ordinary English words, taken from
//! the units (sentences, list items) that ask something of the candidate,
//! wherever they stand in the unit. A candidate is kept when a required or
//! preferred clause names it, or a listed duty names it twice or more; it is
//! dropped when the taxonomy already covers it (its aliases explain the whole
//! term), when it names the job or the employer (the title, "About us",
//! company sentences), when it is emphasis ("MANUFACTURING"), a title-cased
//! ordinary word ("At Least", "Monday-Friday") or an ordinary noun
//! ("Development").

use std::collections::HashSet;

use super::parse::{Part, Reading};
use super::units::Cut;
use crate::analyze::{Analyzer, Evidence};
use crate::extract::{Document, LineHint};
use crate::pattern::Pattern;
use crate::rules::{Lexicon, Severity};

/// At most this many terms are listed.
const MAX_TERMS: usize = 15;

/// A term outside the taxonomy that a posting asks for.
#[derive(Debug, Clone)]
pub struct AskedTerm {
    /// As written in the posting ("Allen-Bradley PLC").
    pub term: String,
    /// The strongest part it appears in.
    pub part: Part,
    /// Lines naming it.
    pub count: u32,
    /// The first line naming it in its strongest part.
    pub evidence: Evidence,
    /// Matches the term in a resume line: case-insensitive, `-`, `/` and
    /// spaces interchangeable, a plural `s` allowed.
    matcher: Pattern,
}

impl AskedTerm {
    /// `required` when on a required line, else `recommended`.
    pub fn severity(&self) -> Severity {
        if self.part == Part::Required {
            Severity::Required
        } else {
            Severity::Recommended
        }
    }

    /// The first resume line naming the term.
    pub fn find_in(&self, doc: &Document) -> Option<Evidence> {
        doc.lines
            .iter()
            .find(|l| self.matcher.is_match(&l.norm.to_ascii_lowercase()))
            .map(|l| Evidence {
                page: l.page,
                line: l.number,
                section: None,
                text: l.text.clone(),
                locator: l.locator.clone(),
                ocr: l.ocr,
                matched: None,
            })
    }
}

/// The word lists of the lexicon that pick terms (`posting.terms.*`).
pub(crate) struct TermWords {
    /// Ordinary words: never a term on their own, and they split runs of
    /// capitalised words ("Strong Knowledge of SAP" → "SAP").
    common: HashSet<String>,
    /// Words naming the job or the employer: a run containing one is not a term.
    not_a_term: HashSet<String>,
    /// Qualifiers that do not make a taxonomy term another term ("Six Sigma *Green Belt*").
    qualifiers: HashSet<String>,
    /// Names that are no term standing alone ("Google", "Microsoft"), only in a run ("Microsoft Excel").
    not_alone: HashSet<String>,
    /// Endings of ordinary nouns and adjectives: a lone capitalised word with one is no name ("Development").
    ordinary_endings: Vec<String>,
    /// Words that open sentences: the common words, the lexicon's openers and action verbs.
    openers: HashSet<String>,
    /// Words that follow a tool's name ("Minitab *proficiency*").
    after_name: HashSet<String>,
    /// Ordinary words that end a name ("MS *Office*", "Microsoft *Excel*").
    name_parts: HashSet<String>,
    /// Words after a skill's name that make it the skill named generically,
    /// not a tool: "CNC Programming", "Root Cause Methodologies".
    method_words: HashSet<String>,
    /// Method and category abbreviations a skill already stands for ("SPC",
    /// "ERP", "5S"): no term of their own. Named tools and standards that a
    /// skill's aliases also know ("SAP", "IATF 16949") stay terms.
    generic: HashSet<String>,
    /// Lower-case words after a hyphen that qualify the name before it, not
    /// part of it: "CMMS-*generated*", "FDA-*regulated*", "CNC-*related*".
    hyphen_qualifiers: HashSet<String>,
    /// Category acronyms that end a run after a name: the name and the
    /// category are two terms ("Allen Bradley *PLC*" → "Allen Bradley",
    /// "PLC"; "SolidWorks *CAD*").
    category_tails: HashSet<String>,
    /// Capitalised ordinary words that open a name ("*National* Electric Code").
    name_starts: HashSet<String>,
    /// Words that end an employer's name ("Great Plains *Industries*",
    /// "Powers and *Sons*"): the name's initials are the employer's too.
    company_words: HashSet<String>,
}

impl TermWords {
    pub fn new(lexicon: &Lexicon) -> TermWords {
        let set = |key: &str| lexicon.list(key).iter().cloned().collect();
        TermWords {
            common: set("posting.terms.common"),
            not_a_term: set("posting.terms.not_a_term"),
            qualifiers: set("posting.terms.qualifiers"),
            not_alone: set("posting.terms.not_alone"),
            ordinary_endings: lexicon.list("posting.terms.ordinary_endings").to_vec(),
            openers: {
                let mut o: HashSet<String> = set("posting.terms.common");
                o.extend(lexicon.list("posting.openers").iter().cloned());
                for verb in lexicon.list("achievements.action_verbs") {
                    for form in [
                        String::new(),
                        "s".into(),
                        "es".into(),
                        "d".into(),
                        "ed".into(),
                    ] {
                        o.insert(format!("{verb}{form}"));
                    }
                    o.insert(format!("{}ing", verb.trim_end_matches('e')));
                }
                o
            },
            generic: set("posting.terms.generic"),
            after_name: set("posting.terms.after_name"),
            name_parts: set("posting.terms.name_parts"),
            method_words: set("posting.terms.method_words"),
            hyphen_qualifiers: set("posting.terms.hyphen_qualifiers"),
            category_tails: set("posting.terms.category_tails"),
            name_starts: set("posting.terms.name_starts"),
            company_words: set("posting.terms.company_words"),
        }
    }

    fn is_common(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let w = w.trim_end_matches("'s");
        self.common.contains(w)
    }

    fn is_not_a_term(&self, word: &str) -> bool {
        self.not_a_term.contains(word.to_lowercase().as_str())
    }

    /// Whether a lone capitalised word opening a sentence (at `at` of `text`)
    /// is a name: not a word that often opens sentences, and followed by what
    /// follows a tool's name ("Minitab proficiency", "Plex or SAP",
    /// "Minitab, JMP"), not by what follows a verb or a noun ("Comply with",
    /// "Factors that").
    fn names_at_start(&self, text: &str, at: usize, word: &str) -> bool {
        if self.openers.contains(&word.to_lowercase()) {
            return false;
        }
        let after = text[at..]
            .trim_start_matches(|c: char| !c.is_whitespace() && !matches!(c, ',' | '/' | '('));
        let after = after.trim_start();
        if after.is_empty()
            || text[at..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with([',', '/']))
            || after.starts_with(['(', ',', '/'])
        {
            return true;
        }
        let next = after
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("")
            .to_lowercase();
        self.after_name.contains(&next)
    }

    /// Whether the word at `at` of `text` is followed (after a space, no
    /// comma) by a word that follows a tool's name ("Fanuc *Control*
    /// Systems", "Minitab *software*"); short function words ("and", "or")
    /// do not count.
    fn followed_by_name_word(&self, text: &str, at: usize) -> bool {
        let rest = &text[at..];
        let Some(space) = rest.find(char::is_whitespace) else {
            return false;
        };
        if !rest[..space]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
        {
            return false;
        }
        let next = rest[space..]
            .trim_start()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("")
            .to_lowercase();
        next.len() > 3 && self.after_name.contains(&next)
    }

    /// A lone capitalised word that is an ordinary word, not a name.
    fn ordinary(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.not_alone.contains(&w)
            || (w.len() > 6
                && self
                    .ordinary_endings
                    .iter()
                    .any(|e| w.ends_with(e.as_str())))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// "SAP", "PLC", "PLCs", "GD&T", "HMI".
    Acronym,
    /// "SolidWorks", "AutoCAD".
    Camel,
    /// "Allen-Bradley" (capitalised and hyphenated).
    Hyphenated,
    /// "Siemens", "Fanuc": capitalised, not a common word.
    Proper,
    /// "9001", "16949", "10": only after an acronym ("ISO 9001").
    Number,
    /// Anything else: splits runs.
    Other,
}

/// An acronym-shaped word: "PLC", "IATF", "CNC/CAM", "5S" is not (starts
/// with a digit), "PLCs" is (a plural `s`).
fn is_acronym(word: &str) -> bool {
    let word = word
        .strip_suffix('s')
        .filter(|w| w.len() >= 2)
        .unwrap_or(word);
    let bytes = word.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_uppercase()
        && (bytes[bytes.len() - 1].is_ascii_uppercase() || bytes[bytes.len() - 1].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"&/+.-".contains(b))
}

fn classify(word: &str, words: &TermWords) -> Tok {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = word.chars().filter(|c| c.is_uppercase()).count();
    if word.chars().all(|c| c.is_ascii_digit()) && (1..=5).contains(&word.len()) {
        return Tok::Number;
    }
    if words.is_common(word) {
        return Tok::Other;
    }
    // Emphasis in capitals ("MANUFACTURING or PLASTICS industry") is no acronym.
    if uppers >= 7 && letters == uppers && !word.chars().any(|c| c.is_ascii_digit()) {
        return Tok::Other;
    }
    // "Monday-Friday", "Full-Time", "Work/Life": ordinary words joined.
    if word.contains(['-', '/'])
        && word
            .split(['-', '/'])
            .all(|p| p.is_empty() || words.is_common(p))
    {
        return Tok::Other;
    }
    if uppers >= 2 && is_acronym(word) && word.len() <= 12 {
        return Tok::Acronym;
    }
    // A model code ("GE 7EAs", "Fanuc 30iB"): a version after a name.
    let code = word.strip_suffix('s').unwrap_or(word);
    if code.starts_with(|c: char| c.is_ascii_digit())
        && code.len() <= 8
        && code.chars().any(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_alphabetic())
        && code.chars().filter(|c| c.is_ascii_lowercase()).count() <= 1
    {
        return Tok::Number;
    }
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(|c| c.is_uppercase());
    if !first_upper || letters < 2 {
        return Tok::Other;
    }
    if word.contains('-')
        && word
            .split('-')
            .all(|p| p.chars().next().is_some_and(|c| c.is_uppercase()))
    {
        // "Reliability-Centered", "Lean-Sigma": ordinary words joined.
        if word
            .split('-')
            .any(|p| words.is_common(p) || words.ordinary(p))
        {
            return Tok::Other;
        }
        return Tok::Hyphenated;
    }
    if uppers >= 2 && word.chars().skip(1).any(|c| c.is_lowercase()) {
        return Tok::Camel;
    }
    if word
        .chars()
        .skip(1)
        .all(|c| c.is_lowercase() || c == '\'' || c == '.')
    {
        return Tok::Proper;
    }
    Tok::Other
}

/// Candidate terms of one unit with their byte offsets, and names that are
/// not terms (a run followed by "Inc", "Company", "Technician": the
/// employer, the job).
/// The capitalised word opening a sentence ("Acme is …", "At Acme, …")
/// when it is no ordinary word: a name.
fn opening_name(text: &str, words: &TermWords) -> Option<String> {
    let mut it = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'));
    let mut first = it.next()?;
    if first.eq_ignore_ascii_case("at") {
        first = it.next()?;
    }
    let name = first.strip_suffix("'s").unwrap_or(first);
    let lower = name.to_lowercase();
    (name.chars().count() >= 2
        && name.chars().next().is_some_and(char::is_uppercase)
        && !words.ordinary(name)
        && !words.openers.contains(&lower))
    .then(|| name.to_string())
}

fn split_candidates(text: &str, words: &TermWords) -> (Vec<(String, usize)>, Vec<String>) {
    struct Run {
        words: Vec<(String, Tok)>,
        start: usize,
        /// Opens a sentence: a lone capitalised word there is just capitalisation.
        at_start: bool,
        /// Follows a capitalised ordinary word ("At Least"): title case, not a name.
        title_case: bool,
        /// Right after a capitalised ordinary word ("Green Lock").
        after_title_word: bool,
        /// Inside a title-cased phrase: right after a capitalised ordinary
        /// word that does not open the sentence ("Process *Flow Diagrams*").
        in_title_phrase: bool,
        /// Ended by a capitalised ordinary word ("*Change Point* Management,"),
        /// not one bridging into more of the name ("National Electrical
        /// *Safety* Code").
        before_title_word: bool,
    }
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut names = Vec::new();
    let mut run = Run {
        words: Vec::new(),
        start: 0,
        at_start: false,
        title_case: false,
        after_title_word: false,
        in_title_phrase: false,
        before_title_word: false,
    };
    // Capitalised ordinary words inside a name ("RJG *Master* Molder"), kept
    // only if another candidate follows.
    let mut bridge: Vec<String> = Vec::new();
    let mut sentence_start = true;
    let mut prev_title_word = false;
    let mut prev_title_mid = false;
    let flush = |run: &mut Run, out: &mut Vec<(String, usize)>| {
        if run.words.is_empty() {
            return;
        }
        // "Interpret CMM reports": a verb opening the sentence is not part of the name.
        if run.at_start
            && run.words.len() > 1
            && run.words[0].1 == Tok::Proper
            && words.openers.contains(&run.words[0].0.to_lowercase())
        {
            let (w, _) = run.words.remove(0);
            run.start += w.len() + 1;
            run.at_start = false;
        }
        let strong = run
            .words
            .iter()
            .any(|(_, t)| matches!(t, Tok::Acronym | Tok::Camel | Tok::Hyphenated));
        let lone = run.words.len() == 1;
        // A lone capitalised word is a name unless it is just capitalisation:
        // title case ("At Least"), an ordinary word ("Development"), or an
        // ordinary word opening a sentence ("Comply with …"; "Minitab
        // proficiency" names a tool). A run of capitalised words ending in an
        // ordinary word is a phrase ("Business Development").
        let last = &run.words[run.words.len() - 1].0;
        let keep = strong
            || (!lone && !words.ordinary(last))
            || !(run.title_case
                || words.ordinary(&run.words[0].0)
                || run.at_start && !words.names_at_start(text, run.start, &run.words[0].0))
            // "Siemens and/or Fanuc Control Systems": in a title-cased
            // sentence, a name is still one when a tool's word follows it.
            || lone
                && !run.at_start
                && !run.after_title_word
                && !run.words[0].0.ends_with("ed")
                && !words.ordinary(&run.words[0].0)
                && words.followed_by_name_word(text, run.start);
        // "Change Point Management, Spare Parts Management", "Process Flow
        // Diagrams": plain capitalised words inside a title-cased phrase are
        // a topic written in capitals, not a name.
        let title_phrase = !strong
            && (run.in_title_phrase || run.before_title_word)
            && run.words.len() >= 2
            && run.words.iter().all(|(_, t)| *t == Tok::Proper);
        if keep && !title_phrase && !run.words.iter().any(|(w, _)| words.is_not_a_term(w)) {
            let joined = |ws: &[(String, Tok)]| {
                ws.iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let n = run.words.len();
            let (tail, tail_tok) = &run.words[n - 1];
            let tail_lower = tail.to_lowercase();
            let tail_key = tail_lower
                .strip_suffix('s')
                .filter(|_| tail_lower.len() > 3)
                .unwrap_or(&tail_lower);
            // "Allen Bradley PLC", "SolidWorks CAD": the name and the
            // category it belongs to are two terms.
            if n >= 2 && *tail_tok == Tok::Acronym && words.category_tails.contains(tail_key) {
                let name = joined(&run.words[..n - 1]);
                let tail_at = run.start + name.len() + 1;
                // A name even when it is an ordinary word ("Ignition SCADA").
                out.push((name, run.start));
                out.push((tail.clone(), tail_at));
            } else {
                out.push((joined(&run.words), run.start));
            }
        }
        run.words.clear();
        run.in_title_phrase = false;
        run.before_title_word = false;
    };
    // Words joined by "/" are two words when one is an ordinary word
    // ("Software/ERP", "Monitoring/Assessing"), not in "AC/DC" or "CAD/CAM".
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for whole in text.split(' ') {
        let whole_start = at;
        at += whole.len() + 1;
        // "Fusion 365.Familiar with …": a sentence glued to the next one
        // after its period is two pieces.
        let bytes = whole.as_bytes();
        let mut subs: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for i in 1..bytes.len().saturating_sub(2) {
            if bytes[i] == b'.'
                && (bytes[i - 1].is_ascii_digit() || bytes[i - 1].is_ascii_lowercase())
                && bytes[i + 1].is_ascii_uppercase()
                && bytes[i + 2].is_ascii_lowercase()
            {
                subs.push((whole_start + from, &whole[from..=i]));
                from = i + 1;
            }
        }
        subs.push((whole_start + from, &whole[from..]));
        for (start, raw) in subs {
            let (mut start, mut rest) = (start, raw);
            while let Some((l, r)) = rest.split_once('/').filter(|(l, r)| {
                let bare = |p: &str| p.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                [l, r]
                .iter()
                .any(|p| p.len() >= 4 && p.chars().skip(1).any(char::is_lowercase))
                // "PLC/HMI", "(DCS/PLC)": two acronyms are two names (not
                // "AC/DC"; "CAD/CAM" is two generic words either way).
                || [l, r].iter().all(|p| {
                    let b = bare(p.split('/').next().unwrap_or(p));
                    b.len() >= 3 && is_acronym(&b)
                })
            }) {
                // "Arduino/Raspberry Pi": the slash ends the name before it.
                pieces.push((start, &rest[..l.len() + 1]));
                start += l.len() + 1;
                rest = r;
            }
            pieces.push((start, rest));
        }
    }
    // Title case: two capitalised ordinary words inside a sentence mean
    // capitals are no sign of a name here ("Federal, State, Corporate,
    // Warehouse and Food Safety standards").
    let title_case_unit = pieces
        .iter()
        .skip(1)
        .filter(|(_, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && words.is_common(w)
        })
        .count()
        >= 2;
    let all_caps_common = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() > 1 && w.chars().all(|c| c.is_uppercase()) && words.is_common(w)
    };
    for (k, &(raw_start, raw)) in pieces.iter().enumerate() {
        if raw.is_empty() {
            continue;
        }
        let ends_sentence = raw.ends_with(['.', ':', ';', '!', '?'])
            && !raw.ends_with("e.g.")
            && !raw.ends_with("i.e.");
        // "MSA/ Gauge R&R": a slash before a space ends a name too.
        let ends_run = ends_sentence || raw.ends_with([',', ')', ']', '/']);
        let trimmed_start = raw
            .find(|c: char| c.is_alphanumeric() || c == '&' || c == '+' || c == '#')
            .unwrap_or(0);
        let word =
            raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&' || c == '+' || c == '#'));
        // "CMMS-generated", "FDA-regulated": the qualifier is no part of the name.
        let word = match word.rsplit_once('-') {
            Some((head, tail))
                if !head.is_empty()
                    && tail.chars().all(char::is_lowercase)
                    && words.hyphen_qualifiers.contains(tail) =>
            {
                head
            }
            _ => word,
        };
        let mut tok = if word.is_empty() {
            Tok::Other
        } else {
            classify(word, words)
        };
        // Capitals for emphasis: "EQUIPMENT USED".
        if tok == Tok::Acronym
            && (k > 0 && all_caps_common(pieces[k - 1].1)
                || pieces.get(k + 1).is_some_and(|(_, w)| all_caps_common(w)))
        {
            tok = Tok::Other;
        }
        let starts_group = raw.starts_with(['(', '[', '"']);
        if starts_group {
            // "CAD Software (SolidWorks …)": no ordinary word bridges into a parenthesis.
            bridge.clear();
            flush(&mut run, &mut out);
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        // A capitalised ordinary word right after a run, not a tool's word
        // ("Fanuc Control Systems") nor one ending a name ("MS Office").
        if tok == Tok::Other
            && capitalised
            && !run.words.is_empty()
            && bridge.is_empty()
            && !words.after_name.contains(&word.to_lowercase())
            && !words.name_parts.contains(&word.to_lowercase())
            && !words.is_not_a_term(word)
        {
            run.before_title_word = true;
        }
        match tok {
            // "National Electric Code": an ordinary word opening a name.
            Tok::Other
                if run.words.is_empty()
                    && capitalised
                    && !ends_run
                    && words.name_starts.contains(&word.to_lowercase())
                    && pieces
                        .get(k + 1)
                        .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)) =>
            {
                // Not a verb opening the sentence: kept in the name.
                run.at_start = false;
                run.title_case = false;
                run.after_title_word = false;
                run.start = raw_start + trimmed_start;
                run.words.push((word.to_string(), Tok::Proper));
            }
            Tok::Other if !run.words.is_empty() && words.is_not_a_term(word) => {
                names.push(
                    run.words
                        .iter()
                        .map(|(w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                run.words.clear();
            }
            Tok::Other
                if !run.words.is_empty()
                    && capitalised
                    && bridge.is_empty()
                    && words.name_parts.contains(&word.to_lowercase()) =>
            {
                // "MS Office", "Microsoft Excel": an ordinary word that ends a name.
                run.words.push((word.to_string(), Tok::Proper));
                if ends_run {
                    flush(&mut run, &mut out);
                }
            }
            // "Controllogix OR RSLogix": a conjunction in capitals bridges no name.
            Tok::Other
                if !run.words.is_empty()
                    && !ends_run
                    && bridge.len() < 2
                    && capitalised
                    && !matches!(word.to_lowercase().as_str(), "or" | "and" | "nor") =>
            {
                bridge.push(word.to_string());
            }
            Tok::Other => {
                bridge.clear();
                flush(&mut run, &mut out)
            }
            // A version or a standard's number ends a name: "Fusion 360", "IATF 16949".
            Tok::Number if !run.words.is_empty() && bridge.is_empty() && word.len() >= 3 => {
                run.words.push((word.to_string(), tok));
                flush(&mut run, &mut out);
            }
            // A short version after a name, before a parenthesis or ending
            // the run: "Siemens Step 7 (TIA Portal)", "Windows 10,".
            Tok::Number
                if bridge.is_empty()
                    && run
                        .words
                        .last()
                        .is_some_and(|(_, t)| matches!(t, Tok::Proper | Tok::Camel))
                    && (raw.ends_with([',', ')', ';'])
                        || pieces.get(k + 1).is_some_and(|(_, w)| w.starts_with('('))) =>
            {
                run.words.push((word.to_string(), tok));
                flush(&mut run, &mut out);
            }
            // A short number stays only after an acronym ("OSHA 10").
            Tok::Number if !run.words.last().is_some_and(|(_, t)| *t == Tok::Acronym) => {
                bridge.clear();
                flush(&mut run, &mut out)
            }
            _ => {
                if run.words.is_empty() {
                    run.at_start = sentence_start;
                    run.title_case = prev_title_word || title_case_unit;
                    run.after_title_word = prev_title_word;
                    run.in_title_phrase = prev_title_mid;
                    run.start = raw_start + trimmed_start;
                }
                if !bridge.is_empty() {
                    // The capitalised word was part of the name.
                    run.before_title_word = false;
                }
                run.words.extend(bridge.drain(..).map(|w| (w, Tok::Proper)));
                run.words.push((word.to_string(), tok));
            }
        }
        prev_title_word = capitalised && tok == Tok::Other;
        prev_title_mid = prev_title_word && !sentence_start && !ends_run;
        if !word.is_empty() && tok != Tok::Other || word.chars().any(|c| c.is_alphanumeric()) {
            sentence_start = false;
        }
        if ends_run {
            bridge.clear();
            flush(&mut run, &mut out);
        }
        // "Accountable – Take ownership …": a dash between spaces opens a
        // sentence, as a bullet does.
        if ends_sentence
            || word.is_empty() && raw.chars().all(|c| !c.is_alphanumeric()) && sentence_start
            || matches!(raw, "-" | "\u{2013}" | "\u{2014}")
        {
            sentence_start = true;
        }
    }
    flush(&mut run, &mut out);
    (out, names)
}

/// Whether a name of several words at `at` of `text` is spelled out before
/// its acronym in parentheses ("Independent Power Producer (IPP)"): the
/// acronym is the term.
fn spelled_out(text: &str, term: &str, at: usize) -> bool {
    let words: Vec<&str> = term.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    let Some(after) = text.get(at + term.len()..) else {
        return false;
    };
    let Some((inner, _)) = after
        .trim_start()
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
    else {
        return false;
    };
    let inner = inner.trim();
    let inner = inner
        .strip_suffix('s')
        .filter(|i| i.len() >= 2)
        .unwrap_or(inner);
    let initials: String = words
        .iter()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "and" | "&" | "the" | "for"
            )
        })
        .filter_map(|w| w.chars().next())
        .collect();
    is_acronym(inner) && inner.eq_ignore_ascii_case(&initials)
}

/// The employer's names a text spells out, besides the name itself: the
/// initials of a name ending in a company word ("Great Plains Industries" →
/// GPI), and the name before "and Sons" ("Powers and Sons" → Powers, Sons).
fn employer_names(text: &str, words: &TermWords) -> Vec<String> {
    let mut out = Vec::new();
    // The capitalised words before each word ("and", "&" kept).
    let mut run: Vec<&str> = Vec::new();
    for raw in text.split_whitespace() {
        // A name starts after an opening parenthesis.
        if raw.starts_with(['(', '"', '\u{201c}']) {
            run.clear();
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let lower = w.to_lowercase();
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if capitalised && words.company_words.contains(&lower) {
            // "Powers and Sons": the name before the connector.
            let connector = matches!(run.last(), Some(&"and" | &"&"));
            let body = if connector {
                &run[..run.len() - 1]
            } else {
                &run[..]
            };
            let at = body
                .iter()
                .rposition(|x| matches!(*x, "and" | "&"))
                .map_or(0, |i| i + 1);
            let name = &body[at..];
            if !name.is_empty() {
                let initials: String = name
                    .iter()
                    .chain(std::iter::once(&w))
                    .filter_map(|x| x.chars().next())
                    .collect();
                if initials.chars().count() >= 2 {
                    out.push(initials.to_uppercase());
                }
                if connector {
                    out.push(name.join(" "));
                    out.push(w.to_string());
                }
            }
            run.clear();
        } else if capitalised && w.chars().any(char::is_alphabetic)
            || matches!(w, "and" | "&") && !run.is_empty()
        {
            run.push(w);
        } else {
            run.clear();
        }
        // A name ends at a punctuation mark.
        if raw.ends_with([',', '.', ';', ':', ')']) {
            run.clear();
        }
    }
    out
}

/// The key two spellings of a term share: lower case, `-`/`/` as spaces, no plural `s`.
fn key(term: &str) -> String {
    // "Acme's" is Acme.
    let term = term
        .strip_suffix("'s")
        .or_else(|| term.strip_suffix("\u{2019}s"))
        .unwrap_or(term);
    let lower = term.to_lowercase().replace(['-', '/'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut k = words.join(" ");
    if k.len() > 3 && k.ends_with('s') && !k.ends_with("ss") {
        k.pop();
    }
    k
}

/// A pattern matching the term in lower-cased normalised resume text:
/// `-`, `/` and spaces interchangeable, a plural `s` allowed.
fn matcher(term: &str) -> Pattern {
    let words: Vec<String> = term
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w
                .strip_suffix('s')
                .filter(|_| w.len() > 3 && w.chars().rev().nth(1).is_some_and(|c| c.is_uppercase()))
                .unwrap_or(w);
            regex_syntax::escape(&w.to_ascii_lowercase())
        })
        .collect();
    let body = words.join(r"[\s\-/]*");
    Pattern::new(&format!(r"(^|[^\w]){body}(s|'s)?($|[^\w])"))
        .or_else(|_| Pattern::new(&regex_syntax::escape(&term.to_ascii_lowercase())))
        .expect("an escaped term compiles")
}

/// Whether the taxonomy already names the whole term: what a certification's
/// aliases and patterns and the certifications' issuers ("ASQ", "MSSC") leave
/// over is only qualifiers and common words, or one mention spans most of
/// it. A term only a skill's aliases know counts as covered when it is one
/// of the generic method abbreviations ("SPC", "ERP"); named tools and
/// standards ("SAP", "Plex", "IATF 16949") are listed.
fn covered(term: &str, analyzer: &Analyzer) -> bool {
    let words = &analyzer.posting_words().terms;
    // The key's spelling with its case kept, for case-sensitive aliases ("=SAP").
    let cased = term.replace(['-', '/'], " ");
    let mut cased = cased.split_whitespace().collect::<Vec<_>>().join(" ");
    if cased.len() > 3 && cased.ends_with('s') && !cased.ends_with("ss") {
        cased.pop();
    }
    let lower = cased.to_ascii_lowercase();
    let (certs, skills) = analyzer.posting_matches(&lower, &cased);
    let explains = |spans: &[(usize, usize)], issuers: bool| {
        if spans.iter().any(|(s, e)| (e - s) * 2 >= lower.len()) {
            return true;
        }
        let mut rest = lower.clone().into_bytes();
        for &(s, e) in spans {
            rest[s..e].fill(b' ');
        }
        let mut rest = format!(" {} ", String::from_utf8_lossy(&rest));
        let mut named = !spans.is_empty();
        if issuers {
            for issuer in analyzer
                .rules()
                .certifications
                .iter()
                .flat_map(|c| c.issuer.split(['/', ',', '(', ')']))
                .map(key)
                .filter(|i| !i.is_empty())
            {
                let padded = format!(" {issuer} ");
                if rest.contains(&padded) {
                    rest = rest.replace(&padded, " ");
                    named = true;
                }
            }
        }
        named
            && rest
                .split_whitespace()
                // The key lost a plural "s" ("Root Cause Methodologies").
                .all(|w| {
                    let plural = format!("{w}s");
                    words.qualifiers.contains(w)
                        || words.is_common(w)
                        || words.qualifiers.contains(&plural)
                        || words.is_common(&plural)
                })
    };
    let cert_spans: Vec<(usize, usize)> = certs.mentions.iter().map(|m| (m.start, m.end)).collect();
    if explains(&cert_spans, true) {
        return true;
    }
    let skill_spans: Vec<(usize, usize)> =
        skills.mentions.iter().map(|m| (m.start, m.end)).collect();
    // A skill named with a qualifier ("CNC Programming", "Root Cause
    // Methodologies") is the skill, not a tool.
    let qualified = key(term).contains(' ')
        && key(term).rsplit(' ').next().is_some_and(|w| {
            words.method_words.contains(w) || words.method_words.contains(&format!("{w}s"))
        });
    explains(&skill_spans, false) && (words.generic.contains(&key(term)) || qualified)
}

/// The terms outside the taxonomy that a posting asks for (see the module docs).
pub fn asked_terms(doc: &Document, reading: &Reading, analyzer: &Analyzer) -> Vec<AskedTerm> {
    let posting_words = analyzer.posting_words();
    struct Seen {
        term: String,
        part: Part,
        lines: HashSet<usize>,
        first: usize,
        /// Named on a list item (a duty), not only in prose.
        listed: bool,
    }
    let mut seen: Vec<Seen> = Vec::new();
    // Names of the employer and the job (title, intro, company sentences,
    // "About us"): never terms. Names in benefits or pay text: terms only
    // where a requirement asks for them.
    let mut employer: HashSet<String> = HashSet::new();
    let mut banned: HashSet<String> = HashSet::new();
    for (ui, p) in reading.units.iter().enumerate() {
        let u = &p.unit;
        let line = &reading.lines[u.line];
        let listed = line.hint == LineHint::ListItem
            || line.norm.trim_start().starts_with(['•', '-', '*'])
            || matches!(u.cut, Cut::Bullet | Cut::Glued);
        let (found, names) = split_candidates(&u.text, &posting_words.terms);
        employer.extend(names.iter().map(|n| key(n)));
        employer.extend(
            employer_names(&u.text, &posting_words.terms)
                .iter()
                .map(|n| key(n)),
        );
        // "Acme participates in E-Verify", "At Acme, …": the name opening a
        // sentence of the intro, the company or equal-opportunity text is the
        // employer's (not one opening a benefit: "Fanuc training provided").
        let says_nothing =
            p.part == Part::Ignored && (p.soft || posting_words.says_nothing(&u.lower));
        if !p.heading && (p.part == Part::Intro || says_nothing) {
            if let Some(name) = opening_name(&u.text, &posting_words.terms) {
                employer.insert(key(&name));
            }
        }
        // Headings name parts; degree sentences name fields of study.
        let skip = p.heading || !posting_words.degrees(p).is_empty();
        for (term, at) in found {
            // "Failure Mode Effect Analyses (FMEA)": listed as the acronym.
            if spelled_out(&u.text, &term, at) {
                continue;
            }
            let k = key(&term);
            let mut end = (at + term.len()).min(u.lower.len());
            while !u.lower.is_char_boundary(end) {
                end -= 1;
            }
            let part = if p.heading {
                p.part
            } else {
                posting_words.part_at(p, at, end)
            };
            if part == Part::Intro || part == Part::Ignored && p.soft {
                employer.insert(k);
                continue;
            }
            if part == Part::Ignored {
                banned.insert(k);
                continue;
            }
            if skip {
                continue;
            }
            match seen.iter_mut().find(|s| key(&s.term) == k) {
                Some(s) => {
                    s.lines.insert(u.line);
                    s.listed |= listed;
                    if part.rank() < s.part.rank() {
                        s.part = part;
                        s.first = ui;
                    }
                }
                None => seen.push(Seen {
                    term,
                    part,
                    lines: HashSet::from([u.line]),
                    first: ui,
                    listed,
                }),
            }
        }
    }
    let mut out: Vec<AskedTerm> = seen
        .into_iter()
        .filter(|s| !employer.contains(&key(&s.term)))
        .filter(|s| {
            matches!(s.part, Part::Required | Part::Preferred) || !banned.contains(&key(&s.term))
        })
        // Duties and intro prose: only a term repeated and named on a list item.
        .filter(|s| {
            matches!(s.part, Part::Required | Part::Preferred) || s.lines.len() >= 2 && s.listed
        })
        .filter(|s| !covered(&s.term, analyzer))
        .map(|s| {
            let u = &reading.units[s.first].unit;
            let l = &doc.lines[reading.lines[u.line].first];
            AskedTerm {
                matcher: matcher(&s.term),
                term: s.term,
                part: s.part,
                count: s.lines.len() as u32,
                evidence: Evidence {
                    page: l.page,
                    line: l.number,
                    section: None,
                    text: u.text.clone(),
                    locator: l.locator.clone(),
                    ocr: l.ocr,
                    matched: None,
                },
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.part
            .rank()
            .cmp(&b.part.rank())
            .then(b.count.cmp(&a.count))
            .then((a.evidence.page, a.evidence.line).cmp(&(b.evidence.page, b.evidence.line)))
    });
    out.truncate(MAX_TERMS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, RawLine};
    use crate::rules::RuleSet;

    fn candidates(text: &str) -> Vec<String> {
        split_candidates(text, &TermWords::new(&Lexicon::builtin()))
            .0
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn candidates_of_lines() {
        // A category acronym after a name is a term of its own.
        assert_eq!(
            candidates("• Experience with Allen-Bradley PLC and SAP"),
            vec!["Allen-Bradley", "PLC", "SAP"]
        );
        assert_eq!(
            candidates("Knowledge of ISO 9001 and IATF 16949 standards"),
            vec!["ISO 9001", "IATF 16949"]
        );
        assert_eq!(
            candidates("Proficient in SolidWorks, AutoCAD and Microsoft Excel"),
            vec!["SolidWorks", "AutoCAD", "Microsoft Excel"]
        );
        assert_eq!(
            candidates("Strong Communication Skills"),
            Vec::<String>::new()
        );
        assert_eq!(candidates("Operate presses safely."), Vec::<String>::new());
        assert_eq!(candidates("Work with Fanuc robots"), vec!["Fanuc"]);
    }

    #[test]
    fn joined_and_qualified_names_come_apart() {
        // Two acronyms joined by a slash; a conjunction in capitals.
        assert_eq!(
            candidates("3+ years of PLC/HMI programming"),
            vec!["PLC", "HMI"]
        );
        assert_eq!(candidates("systems (DCS/PLC) on site"), vec!["DCS", "PLC"]);
        assert_eq!(
            candidates("Experience in ControlLogix OR RSLogix OR Studio 5000"),
            vec!["ControlLogix", "RSLogix", "Studio 5000"]
        );
        // A hyphenated qualifier is no part of the name.
        assert_eq!(candidates("Use CMMS-generated work orders"), vec!["CMMS"]);
        assert_eq!(candidates("Knowledge of FDA-regulated design"), vec!["FDA"]);
        // A short version before a parenthesis ends the name.
        assert_eq!(
            candidates("Siemens Step 7 (TIA Portal) experience"),
            vec!["Siemens Step 7", "TIA Portal"]
        );
        // A name in a title-cased phrase, followed by a tool's word.
        assert_eq!(
            candidates("Strong background in Siemens and/or Fanuc Control Systems"),
            vec!["Fanuc"]
        );
        // An ordinary word opening a name.
        assert_eq!(
            candidates("Knowledge of National Electric Code and National Electrical Safety Code"),
            vec!["National Electric Code", "National Electrical Safety Code"]
        );
        assert_eq!(
            candidates("Experience with Ignition SCADA."),
            vec!["Ignition", "SCADA"]
        );
        // "AC/DC" stays one word.
        assert_eq!(candidates("AC/DC drives"), vec!["AC/DC"]);
    }

    #[test]
    fn resume_matching_ignores_case_hyphens_and_plurals() {
        let m = matcher("Allen-Bradley PLC");
        assert!(m.is_match("programmed allen bradley plcs on line 3"));
        assert!(m.is_match("allen-bradley plc"));
        assert!(!m.is_match("bradley"));
        let sap = matcher("SAP");
        assert!(sap.is_match("entered work orders in sap."));
        assert!(!sap.is_match("sapphire"));
    }

    #[test]
    fn taxonomy_terms_are_not_listed_again() {
        let analyzer = Analyzer::new(std::sync::Arc::new(RuleSet::builtin()));
        // `cpt` is in every taxonomy, with the alias "certified production technician".
        assert!(covered("Certified Production Technician", &analyzer));
        assert!(covered("APICS CPIM", &analyzer));
        assert!(covered("Six Sigma Green Belt", &analyzer));
        assert!(covered("ASQ", &analyzer));
        assert!(!covered("Allen-Bradley PLC", &analyzer));
        // Generic methods a skill stands for are covered; named tools and standards are not.
        assert!(covered("SPC", &analyzer));
        assert!(covered("ERP", &analyzer));
        assert!(!covered("SAP", &analyzer));
        assert!(!covered("IATF 16949", &analyzer));
    }

    #[test]
    fn versions_end_names() {
        assert_eq!(
            candidates("Proficient using AutoCAD or Fusion 365."),
            vec!["AutoCAD", "Fusion 365"]
        );
        assert_eq!(
            candidates("Familiar with Microsoft Office 365 Power Platforms."),
            vec!["Microsoft Office 365", "Power Platforms"]
        );
    }

    #[test]
    fn non_terms_are_not_candidates() {
        // Title case, emphasis in capitals, ordinary words joined, ordinary nouns.
        assert_eq!(
            candidates("At Least 2 Years Of Experience"),
            Vec::<String>::new()
        );
        assert_eq!(
            candidates("3-5 years MANUFACTURING or PLASTICS experience"),
            Vec::<String>::new()
        );
        assert_eq!(
            candidates("Schedule is Monday-Friday, Full-Time"),
            Vec::<String>::new()
        );
        assert_eq!(
            candidates("Support Business Development and Google"),
            Vec::<String>::new()
        );
        // A term at the start of a sentence, when it is a strong shape.
        assert_eq!(
            candidates("Minitab and SAP required"),
            vec!["Minitab", "SAP"]
        );
        assert_eq!(
            candidates("PFMEA, control plans and IATF 16949"),
            vec!["PFMEA", "IATF 16949"]
        );
    }

    fn terms_of(text: &str) -> Vec<String> {
        let doc = Document::new(
            Format::Text,
            text.lines().map(RawLine::plain).collect(),
            vec![],
        );
        let analyzer = Analyzer::new(std::sync::Arc::new(RuleSet::builtin()));
        let reading = analyzer.posting_words().read(&doc);
        asked_terms(&doc, &reading, &analyzer)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn employer_initials_and_family_firms() {
        let w = TermWords::new(&Lexicon::builtin());
        assert_eq!(
            employer_names("GPI (Great Plains Industries), a leading maker", &w),
            vec!["GPI"]
        );
        assert_eq!(
            employer_names("retained per Powers and Sons standards.", &w),
            vec!["PS", "Powers", "Sons"]
        );
        assert!(employer_names("Experience with Allen-Bradley PLC", &w).is_empty());
        let mut terms = terms_of(
            "Maintenance Technician\n\
            NPI (Northfield Pump Industries) makes transfer pumps.\n\
            Requirements\n\
            • Knowledge of Harlan and Sons standards and NPI procedures\n\
            • Experience with Minitab and Allen-Bradley PLC\n",
        );
        terms.sort();
        assert_eq!(terms, vec!["Allen-Bradley", "Minitab", "PLC"]);
    }

    #[test]
    fn model_codes_and_spelled_out_acronyms() {
        let c = candidates("Experience in operations of CCGT, GE 7EAs and HRSG preferred");
        assert!(c.contains(&"GE 7EAs".to_string()), "{c:?}");
        assert!(!c.contains(&"GE".to_string()), "{c:?}");
        let mut terms = terms_of(
            "Field Operator\n\
            Requirements\n\
            • Independent Power Producer (IPP) or Cogeneration facility experience desired\n\
            • Knowledge of Failure Mode Effect Analyses (FMEA) required\n",
        );
        terms.sort();
        assert_eq!(terms, vec!["FMEA", "IPP"]);
    }

    #[test]
    fn glued_sentences_end_names() {
        let c =
            candidates("Proficient using AutoCAD or Fusion 365.Familiar with Microsoft Office 365");
        assert!(c.contains(&"Fusion 365".to_string()), "{c:?}");
        assert!(c.contains(&"Microsoft Office 365".to_string()), "{c:?}");
        assert!(!c.contains(&"Fusion".to_string()), "{c:?}");
    }

    #[test]
    fn title_cased_topics_are_no_names() {
        let c = candidates(
            "Good understanding of CMMS, Safety, Ergonomics, Change Point Management, Spare Parts Management",
        );
        assert!(c.contains(&"CMMS".to_string()), "{c:?}");
        assert!(
            !c.iter().any(|t| t.contains("Point") || t.contains("Spare")),
            "{c:?}"
        );
        let c =
            candidates("Prepare PFMEA, Process Flow Diagrams and Control Plans for new programs");
        assert!(!c.iter().any(|t| t.contains("Flow")), "{c:?}");
        // A tool's word after a name is no title case.
        let c = candidates("Experience with Siemens and Allen Bradley Control Systems");
        assert!(c.contains(&"Allen Bradley".to_string()), "{c:?}");
    }

    #[test]
    fn company_title_and_benefits_terms_are_dropped() {
        let terms = terms_of(
            "Maintenance Technician - Acme Corp\n\
            Acme Corp makes parts for Ford and GM.\n\
            Ford trucks and GM vans use our brackets.\n\
            Requirements\n\
            • Experience with Allen-Bradley PLC\n\
            • Experience with Fanuc robots\n\
            Benefits\n\
            • 401k match and PTO, Blue Cross coverage\n\
            • Fanuc training provided\n",
        );
        assert_eq!(terms, vec!["Allen-Bradley", "PLC", "Fanuc"]);
    }

    #[test]
    fn terms_wherever_they_stand_and_not_the_employer() {
        let terms = terms_of(
            "Process Engineer\n\
            Qualifications\n\
            Minitab proficiency; working knowledge of PFMEA and control plans\n\
            Experience with SAP, Plex or another ERP, and IATF 16949\n\
            Hands-on robotic welding (FANUC preferred) and Allen-Bradley PLC troubleshooting\n\
            Northwind Stamping is an equal opportunity employer. Northwind Stamping offers 401(k).\n",
        );
        for want in [
            "Minitab",
            "PFMEA",
            "SAP",
            "Plex",
            "IATF 16949",
            "FANUC",
            "Allen-Bradley",
            "PLC",
        ] {
            assert!(terms.iter().any(|t| t == want), "{want} not in {terms:?}");
        }
        assert!(!terms.iter().any(|t| t.contains("Northwind")), "{terms:?}");
    }
}
