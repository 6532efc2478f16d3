//! Finding taxonomy terms in lines.
//!
//! Every alias of every term goes into one Aho-Corasick automaton (all
//! matches, overlapping; aliases and text are both ASCII-lower-cased); matches are then kept only
//! on word boundaries, and per term the longest non-overlapping ones win, so
//! different terms may share text ("root cause" is both troubleshooting and
//! problem solving). Regex patterns add what literals cannot say.
//!
//! Alias syntax (rules/taxonomy.toml): a space also matches a hyphen; a
//! trailing `*` matches any word ending; a leading `=` is case-sensitive.

use crate::pattern::{prebuilt, AnyOf};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::rules::TermDef;

/// What a literal in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An alias of the term (ambiguous, generic, or neither).
    Alias { ambiguous: bool, generic: bool },
    /// A look-alike phrase: mentions inside it do not count.
    Exclude,
    /// A word confirming an ambiguous alias.
    Confirm,
    /// A word meaning the term is something else here.
    Refute,
}

/// One literal pattern in the automaton.
#[derive(Debug, Clone)]
struct AliasInfo {
    term: usize,
    role: Role,
    /// Matches any word ending after the literal.
    prefix: bool,
    /// The exact text required (case-sensitive aliases).
    exact: Option<String>,
    /// The literal starts / ends with a word character (boundary checks apply).
    word_start: bool,
    word_end: bool,
}

/// A term found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the term in the matcher's term list.
    pub term: usize,
    /// Byte span in the line's lower-cased normalised text.
    pub start: usize,
    pub end: usize,
    /// Found through an ambiguous alias (needs confirming context).
    pub ambiguous: bool,
    /// Found through a generic alias (needs a confirming word in its clause).
    pub generic: bool,
}

/// A confirming or refuting word of a term, found on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    term: usize,
    refute: bool,
    start: usize,
    end: usize,
}

/// Everything the matcher found on one line.
#[derive(Debug, Clone, Default)]
pub struct LineMatches {
    pub mentions: Vec<Mention>,
    /// Every mention found in the text, also those a caller dropped from
    /// `mentions` (a joined line keeps only the mentions crossing its break).
    all: Vec<Mention>,
    hits: Vec<Hit>,
}

impl LineMatches {
    /// A confirming word of `term` outside `span`.
    pub fn confirmed(&self, term: usize, span: (usize, usize)) -> bool {
        self.hit(term, false, span)
    }

    /// A refuting word of `term` anywhere on the line, inside the mention
    /// too (a pattern's match may span it: "setting up the gym equipment").
    pub fn refuted(&self, term: usize, _span: (usize, usize)) -> bool {
        self.hits.iter().any(|h| h.term == term && h.refute)
    }

    /// Confirming words of `term` outside `span`, as byte spans.
    pub fn confirmations(
        &self,
        term: usize,
        span: (usize, usize),
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.hits
            .iter()
            .filter(move |h| h.term == term && !h.refute && (h.end <= span.0 || h.start >= span.1))
            .map(|h| (h.start, h.end))
    }

    /// Whether `span` lies inside a mention of `term` other than `mention`.
    pub fn inside_other_mention(
        &self,
        term: usize,
        mention: (usize, usize),
        span: (usize, usize),
    ) -> bool {
        self.all.iter().any(|o| {
            o.term == term && (o.start, o.end) != mention && o.start <= span.0 && span.1 <= o.end
        })
    }

    fn hit(&self, term: usize, refute: bool, span: (usize, usize)) -> bool {
        self.hits
            .iter()
            .any(|h| h.term == term && h.refute == refute && (h.end <= span.0 || h.start >= span.1))
    }
}

/// The automaton of every literal: prebuilt for the built-in rules' alias
/// sets (a trie embedded by `tests/prebuilt.rs`, read in place), else built
/// here.
enum Automaton {
    Built(AhoCorasick),
    Prebuilt(prebuilt::AliasTrie),
}

/// A compiled set of terms.
pub struct TermMatcher {
    automaton: Automaton,
    /// Each literal's length in bytes.
    lens: Vec<usize>,
    aliases: Vec<AliasInfo>,
    patterns: Vec<(usize, AnyOf)>,
}

impl TermMatcher {
    /// Compiles the terms (patterns were validated when the rules loaded).
    pub fn new<'t>(terms: impl IntoIterator<Item = &'t TermDef>) -> TermMatcher {
        let terms: Vec<&TermDef> = terms.into_iter().collect();
        // Room for every literal at once (aliases have up to three
        // spellings, two on average), not grown a few thousand times.
        let room: usize = terms
            .iter()
            .map(|t| {
                let spelled =
                    t.aliases.len() + t.ambiguous.len() + t.generic.len() + t.exclude.len();
                2 * spelled + t.confirm.len() + t.refute.len()
            })
            .sum();
        let mut literals: Vec<String> = Vec::with_capacity(room);
        let mut aliases = Vec::with_capacity(room);
        let mut patterns = Vec::new();
        for (index, term) in terms.into_iter().enumerate() {
            let alias = |ambiguous, generic| Role::Alias { ambiguous, generic };
            let roles = term
                .aliases
                .iter()
                .map(|a| (a, alias(false, false)))
                .chain(term.ambiguous.iter().map(|a| (a, alias(true, false))))
                .chain(term.generic.iter().map(|a| (a, alias(false, true))))
                .chain(term.exclude.iter().map(|a| (a, Role::Exclude)))
                .chain(term.confirm.iter().map(|a| (a, Role::Confirm)))
                .chain(term.refute.iter().map(|a| (a, Role::Refute)));
            for (alias, role) in roles {
                let (exact, body) = match alias.strip_prefix('=') {
                    Some(rest) if matches!(role, Role::Alias { .. }) => {
                        (Some(rest.to_string()), rest)
                    }
                    _ => (None, alias.as_str()),
                };
                let (prefix, body) = match body.strip_suffix('*') {
                    Some(rest) if matches!(role, Role::Alias { .. }) => (true, rest),
                    _ => (false, body),
                };
                let lower = body.trim().to_ascii_lowercase();
                if lower.is_empty() {
                    continue;
                }
                // Context words are matched as written; aliases in every spelling.
                let spellings = match role {
                    Role::Alias { .. } | Role::Exclude => variants(&lower),
                    _ => vec![lower.clone()],
                };
                for variant in spellings {
                    let first = variant.chars().next().unwrap_or(' ');
                    let last = variant.chars().next_back().unwrap_or(' ');
                    aliases.push(AliasInfo {
                        term: index,
                        role,
                        prefix,
                        exact: exact.as_ref().map(|e| {
                            if variant == lower {
                                e.clone()
                            } else {
                                variant.clone()
                            }
                        }),
                        word_start: first.is_alphanumeric(),
                        word_end: last.is_alphanumeric(),
                    });
                    literals.push(variant);
                }
            }
            // A term's patterns, read as their alternation (a pattern that
            // does not compile is left out).
            let any = AnyOf::new(&term.patterns);
            if !any.is_empty() {
                patterns.push((index, any));
            }
        }
        prebuilt::record_aliases(&literals);
        let automaton = match prebuilt::aliases(&literals) {
            Some(dfa) => Automaton::Prebuilt(dfa),
            None => Automaton::Built(build_automaton(&literals)),
        };
        TermMatcher {
            automaton,
            lens: literals.iter().map(String::len).collect(),
            aliases,
            patterns,
        }
    }

    /// Every mention in `lower` (a lower-cased normalised line), and the
    /// confirming and refuting words of every term; `original` is the same
    /// text before lower-casing, for case-sensitive aliases. Mentions inside
    /// an `exclude` look-alike are dropped here. One pass over the line.
    pub fn find(&self, lower: &str, original: &str) -> LineMatches {
        let bytes = lower.as_bytes();
        let mut found: Vec<Mention> = Vec::new();
        let mut excluded: Vec<(usize, usize, usize)> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        // Every literal at every end (pattern, end), in Aho-Corasick order.
        let mut raw: Vec<(usize, usize)> = Vec::new();
        match &self.automaton {
            Automaton::Prebuilt(trie) => prebuilt::alias_matches(trie, bytes, &mut raw),
            Automaton::Built(ac) => raw.extend(
                ac.find_overlapping_iter(lower)
                    .map(|m| (m.pattern().as_usize(), m.end())),
            ),
        }
        for (pattern, m_end) in raw {
            let info = &self.aliases[pattern];
            let (start, mut end) = (m_end - self.lens[pattern], m_end);
            let m_start = start;
            if info.word_start && !boundary_before(lower, start) {
                continue;
            }
            if info.prefix {
                while end < bytes.len() && is_word_byte(bytes[end]) {
                    end += 1;
                }
            } else if info.word_end && !boundary_after(lower, end) {
                continue;
            }
            match info.role {
                Role::Alias { ambiguous, generic } => {
                    if let Some(exact) = &info.exact {
                        if original.get(m_start..m_end) != Some(exact.as_str()) {
                            continue;
                        }
                    }
                    found.push(Mention {
                        term: info.term,
                        start,
                        end,
                        ambiguous,
                        generic,
                    });
                }
                Role::Exclude => excluded.push((info.term, start, end)),
                Role::Confirm | Role::Refute => hits.push(Hit {
                    term: info.term,
                    refute: info.role == Role::Refute,
                    start,
                    end,
                }),
            }
        }
        for (term, any) in &self.patterns {
            for m in any.find_iter(lower) {
                if boundary_before(lower, m.start()) {
                    found.push(Mention {
                        term: *term,
                        start: m.start(),
                        end: m.end(),
                        ambiguous: false,
                        generic: false,
                    });
                }
            }
        }
        found.retain(|m| {
            !excluded
                .iter()
                .any(|&(term, s, e)| term == m.term && s < m.end && e > m.start)
        });
        let mentions = keep_longest_per_term(found, lower);
        LineMatches {
            all: mentions.clone(),
            mentions,
            hits,
        }
    }
}

/// The Aho-Corasick automaton of these literals (every match, overlapping).
fn build_automaton(literals: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        // A contiguous NFA builds in a fraction of a DFA's time; resumes are short.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(literals)
        .expect("taxonomy aliases compile")
}

/// Spelling variants: a space may be a hyphen, a hyphen a space or nothing.
fn variants(alias: &str) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    let mut push = |v: String| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    if alias.contains(' ') {
        push(alias.replace(' ', "-"));
    }
    if alias.contains('-') {
        push(alias.replace('-', " "));
        push(alias.replace('-', ""));
    }
    out
}

/// Per term, the longest mentions that do not overlap, in text order;
/// mentions of one term separated only by spaces ("Lean Six Sigma" "Green
/// Belt") become one.
fn keep_longest_per_term(mut found: Vec<Mention>, text: &str) -> Vec<Mention> {
    found.sort_by(|a, b| {
        a.term
            .cmp(&b.term)
            .then(a.start.cmp(&b.start))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.ambiguous.cmp(&b.ambiguous))
            .then(a.generic.cmp(&b.generic))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if let Some(last) = kept.last_mut() {
            if last.term == m.term && m.start < last.end {
                if m.end > last.end && m.start == last.start {
                    *last = m;
                }
                continue;
            }
            if last.term == m.term && text[last.end..m.start].bytes().all(|b| b == b' ') {
                last.end = m.end;
                last.ambiguous = last.ambiguous && m.ambiguous;
                last.generic = last.generic && m.generic;
                continue;
            }
        }
        kept.push(m);
    }
    kept.sort_by_key(|m| (m.start, m.term));
    kept
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// True when `at` starts a word in `text`.
pub fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// True when `at` ends a word in `text`.
pub fn boundary_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// True when `word` occurs in `text` on word boundaries outside `skip` (a byte span).
pub fn contains_word(text: &str, word: &str, skip: (usize, usize)) -> bool {
    text.match_indices(word).any(|(at, w)| {
        let end = at + w.len();
        let outside = end <= skip.0 || at >= skip.1;
        let starts = !word.starts_with(|c: char| c.is_alphanumeric()) || boundary_before(text, at);
        let ends = !word.ends_with(|c: char| c.is_alphanumeric()) || boundary_after(text, end);
        outside && starts && ends
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, aliases: &[&str]) -> TermDef {
        TermDef {
            id: id.into(),
            name: id.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ambiguous: vec![],
            generic: vec![],
            patterns: vec![],
            confirm: vec![],
            refute: vec![],
            exclude: vec![],
            description: String::new(),
            source: String::new(),
        }
    }

    fn ids(m: &TermMatcher, text: &str) -> Vec<(usize, String)> {
        let lower = text.to_ascii_lowercase();
        m.find(&lower, text)
            .mentions
            .into_iter()
            .map(|x| (x.term, lower[x.start..x.end].to_string()))
            .collect()
    }

    #[test]
    fn word_boundaries_and_prefixes() {
        let m = TermMatcher::new(&[term("cal", &["calibrat*"]), term("pm", &["pm checks"])]);
        assert_eq!(
            ids(&m, "Calibrated gauges"),
            [(0, "calibrated".to_string())]
        );
        assert!(ids(&m, "recalibrated").is_empty());
        assert!(ids(&m, "npm checks").is_empty());
        assert_eq!(ids(&m, "daily PM-checks").len(), 1);
    }

    #[test]
    fn case_sensitive_aliases() {
        let m = TermMatcher::new(&[term("cad", &["=CAD"])]);
        assert_eq!(ids(&m, "CAD drawings").len(), 1);
        assert!(ids(&m, "cad value").is_empty());
    }

    #[test]
    fn excluded_look_alikes() {
        let mut t = term("safety", &["safety"]);
        t.exclude = vec!["safety stock".into()];
        let m = TermMatcher::new(&[t]);
        assert!(ids(&m, "set safety stock levels").is_empty());
        assert_eq!(ids(&m, "safety audits").len(), 1);
    }

    #[test]
    fn terms_may_share_text() {
        let m = TermMatcher::new(&[
            term("a", &["root cause"]),
            term("b", &["root cause analysis"]),
        ]);
        let found = ids(&m, "root cause analysis");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn contains_word_respects_boundaries() {
        assert!(contains_word("cpt coding", "coding", (0, 3)));
        assert!(!contains_word("decoding", "coding", (0, 0)));
        assert!(!contains_word("cpt coding", "cpt", (0, 3)));
    }
}
