//! "Also asked for": terms a posting stresses that the taxonomy does not
//! know — tools, brands, standards, systems ("Allen-Bradley PLC", "SAP",
//! "ISO 9001", "SolidWorks").
//!
//! Candidates are acronyms, CamelCase words, capitalised hyphenated names and
//! runs of capitalised words that are not ordinary English words, taken from
//! the lines that ask something of the candidate. A candidate is kept when it
//! stands on a required or preferred line, or appears on two lines or more;
//! it is dropped when the taxonomy already covers it (its aliases explain the
//! whole term), when it names the job or the employer, or when it appears
//! only in the posting's title or "About us" part.

use std::collections::HashSet;

use super::parse::Part;
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
}

impl TermWords {
    pub fn new(lexicon: &Lexicon) -> TermWords {
        let set = |key: &str| lexicon.list(key).iter().cloned().collect();
        TermWords {
            common: set("posting.terms.common"),
            not_a_term: set("posting.terms.not_a_term"),
            qualifiers: set("posting.terms.qualifiers"),
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
    if uppers >= 2 && is_acronym(word) && word.len() <= 12 {
        return Tok::Acronym;
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

/// Candidate terms of one line, and names that are not terms (a run
/// followed by "Inc", "Company", "Technician": the employer, the job).
fn split_candidates(text: &str, words: &TermWords) -> (Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    let mut names = Vec::new();
    let mut run: Vec<(String, Tok)> = Vec::new();
    // Capitalised ordinary words inside a name ("RJG *Master* Molder"), kept
    // only if another candidate follows.
    let mut bridge: Vec<String> = Vec::new();
    let mut sentence_start = true;
    let mut run_at_start = false;
    let flush = |run: &mut Vec<(String, Tok)>, at_start: bool, out: &mut Vec<String>| {
        if run.is_empty() {
            return;
        }
        let strong = run
            .iter()
            .any(|(_, t)| matches!(t, Tok::Acronym | Tok::Camel | Tok::Hyphenated));
        // A lone capitalised word opening a sentence is just capitalisation.
        let keep = strong || run.len() >= 2 || !at_start;
        if keep && !run.iter().any(|(w, _)| words.is_not_a_term(w)) {
            out.push(
                run.iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        run.clear();
    };
    for raw in text.split_whitespace() {
        let ends_sentence = raw.ends_with(['.', ':', ';', '!', '?'])
            && !raw.ends_with("e.g.")
            && !raw.ends_with("i.e.");
        let ends_run = ends_sentence || raw.ends_with([',', ')', ']']);
        let word =
            raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&' || c == '+' || c == '#'));
        let tok = if word.is_empty() {
            Tok::Other
        } else {
            classify(word, words)
        };
        let starts_group = raw.starts_with(['(', '[', '"']);
        if starts_group {
            flush(&mut run, run_at_start, &mut out);
        }
        match tok {
            Tok::Other if !run.is_empty() && words.is_not_a_term(word) => {
                names.push(
                    run.iter()
                        .map(|(w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                run.clear();
            }
            Tok::Other
                if !run.is_empty()
                    && !ends_run
                    && bridge.len() < 2
                    && word.chars().next().is_some_and(char::is_uppercase) =>
            {
                bridge.push(word.to_string());
            }
            Tok::Other => {
                bridge.clear();
                flush(&mut run, run_at_start, &mut out)
            }
            Tok::Number if !run.last().is_some_and(|(_, t)| *t == Tok::Acronym) => {
                bridge.clear();
                flush(&mut run, run_at_start, &mut out)
            }
            _ => {
                if run.is_empty() {
                    run_at_start = sentence_start;
                }
                run.extend(bridge.drain(..).map(|w| (w, Tok::Proper)));
                run.push((word.to_string(), tok));
            }
        }
        if !word.is_empty() && tok != Tok::Other || word.chars().any(|c| c.is_alphanumeric()) {
            sentence_start = false;
        }
        if ends_run {
            bridge.clear();
            flush(&mut run, run_at_start, &mut out);
        }
        if ends_sentence
            || word.is_empty() && raw.chars().all(|c| !c.is_alphanumeric()) && sentence_start
        {
            sentence_start = true;
        }
    }
    flush(&mut run, run_at_start, &mut out);
    (out, names)
}

/// The key two spellings of a term share: lower case, `-`/`/` as spaces, no plural `s`.
fn key(term: &str) -> String {
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

/// Whether the taxonomy already names the whole term: what its aliases and
/// patterns (found by the resume analyzer, context rules aside) and the
/// certifications' issuers ("ASQ", "MSSC") leave over is only qualifiers
/// and common words, or one taxonomy mention spans most of it.
fn covered(term: &str, analyzer: &Analyzer) -> bool {
    let words = &analyzer.posting_words().terms;
    // The key's spelling with its case kept, for case-sensitive aliases ("=SAP").
    let cased = term.replace(['-', '/'], " ");
    let mut cased = cased.split_whitespace().collect::<Vec<_>>().join(" ");
    if cased.len() > 3 && cased.ends_with('s') && !cased.ends_with("ss") {
        cased.pop();
    }
    let lower = cased.to_ascii_lowercase();
    let spans = analyzer.term_spans(&lower, &cased);
    if spans.iter().any(|(s, e)| (e - s) * 2 >= lower.len()) {
        return true;
    }
    let mut rest = lower.clone().into_bytes();
    for &(s, e) in &spans {
        rest[s..e].fill(b' ');
    }
    let mut rest = format!(" {} ", String::from_utf8_lossy(&rest));
    let mut named = !spans.is_empty();
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
    named
        && rest
            .split_whitespace()
            .all(|w| words.qualifiers.contains(w) || words.is_common(w))
}

/// The terms outside the taxonomy that a posting asks for (see the module docs).
pub fn asked_terms(doc: &Document, parts: &[Part], analyzer: &Analyzer) -> Vec<AskedTerm> {
    let posting_words = analyzer.posting_words();
    struct Seen {
        term: String,
        part: Part,
        lines: HashSet<usize>,
        first: usize,
        /// Named on a list item (a duty), not only in prose.
        listed: bool,
    }
    let title_line = doc.lines.iter().position(|l| !l.text.trim().is_empty());
    let mut seen: Vec<Seen> = Vec::new();
    let mut banned: HashSet<String> = HashSet::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let part = parts.get(i).copied().unwrap_or(Part::Duties);
        let listed =
            line.hint == LineHint::ListItem || line.norm.trim_start().starts_with(['•', '-', '*']);
        // Headings name parts; degree lines name fields of study.
        if posting_words.as_heading(&line.norm, line.hint).is_some()
            || !posting_words.degrees(&line.norm, part).is_empty()
        {
            continue;
        }
        let (found, names) = split_candidates(&line.norm, &posting_words.terms);
        banned.extend(names.iter().map(|n| key(n)));
        for term in found {
            let k = key(&term);
            if matches!(part, Part::Ignored | Part::Intro) || Some(i) == title_line {
                banned.insert(k);
                continue;
            }
            match seen.iter_mut().find(|s| key(&s.term) == k) {
                Some(s) => {
                    s.lines.insert(i);
                    s.listed |= listed;
                    if part.rank() < s.part.rank() {
                        s.part = part;
                        s.first = i;
                    }
                }
                None => seen.push(Seen {
                    term,
                    part,
                    lines: HashSet::from([i]),
                    first: i,
                    listed,
                }),
            }
        }
    }
    let mut out: Vec<AskedTerm> = seen
        .into_iter()
        // Names from the title or "About us" (the employer, its customers) do not
        // count unless a required or preferred line asks for them.
        .filter(|s| {
            matches!(s.part, Part::Required | Part::Preferred) || !banned.contains(&key(&s.term))
        })
        // Duties and intro prose: only a term repeated and named on a list item.
        .filter(|s| {
            matches!(s.part, Part::Required | Part::Preferred) || s.lines.len() >= 2 && s.listed
        })
        .filter(|s| !covered(&s.term, analyzer))
        .map(|s| {
            let l = &doc.lines[s.first];
            AskedTerm {
                matcher: matcher(&s.term),
                term: s.term,
                part: s.part,
                count: s.lines.len() as u32,
                evidence: Evidence {
                    page: l.page,
                    line: l.number,
                    section: None,
                    text: l.text.clone(),
                    locator: l.locator.clone(),
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
        split_candidates(text, &TermWords::new(&Lexicon::builtin())).0
    }

    #[test]
    fn candidates_of_lines() {
        assert_eq!(
            candidates("• Experience with Allen-Bradley PLC and SAP"),
            vec!["Allen-Bradley PLC", "SAP"]
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
    }

    #[test]
    fn company_title_and_benefits_terms_are_dropped() {
        let text = "Maintenance Technician - Acme Corp\n\
            Acme Corp makes parts for Ford and GM.\n\
            Ford trucks and GM vans use our brackets.\n\
            Requirements\n\
            • Experience with Allen-Bradley PLC\n\
            • Experience with Fanuc robots\n\
            Benefits\n\
            • 401k match and PTO, Blue Cross coverage\n\
            • Fanuc training provided\n";
        let doc = Document::new(
            Format::Text,
            text.lines().map(RawLine::plain).collect(),
            vec![],
        );
        let analyzer = Analyzer::new(std::sync::Arc::new(RuleSet::builtin()));
        let parts = analyzer.posting_words().line_parts(&doc);
        let terms: Vec<String> = asked_terms(&doc, &parts, &analyzer)
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(terms, vec!["Allen-Bradley PLC", "Fanuc"]);
    }
}
