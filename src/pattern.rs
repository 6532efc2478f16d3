//! The one regular-expression dialect of rules and analysis.

mod hybrid;
pub mod nfa_codec;
pub mod prebuilt;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use regex_automata::meta::Regex;
use regex_automata::Match;

/// A compiled analysis pattern.
///
/// Analysis matches lower-cased, ASCII-folded text, so patterns run as byte
/// regexes with Unicode off: `\\b`, `\\w`, `\\d`, `\\s` and negated classes are
/// ASCII, and building them costs a fraction of their Unicode forms. The
/// literal prefilter is off too: it would save little on lines of at most
/// 2 KiB, and extracting literals and building its Teddy searchers was half
/// of the start-up cost of checking one file. Matches are widened to char
/// boundaries, so slicing the text with them is always safe.
///
/// The built-in patterns are compiled ahead of time ([`prebuilt`], written
/// by `tests/prebuilt.rs`) and load without compiling: most as DFAs read in
/// place; those whose DFAs are too large as NFAs, rebuilt into a lazy DFA;
/// capture groups from the embedded forward NFA, on first use. A pattern not
/// among them (user rules, a changed lexicon, a job posting's terms) is
/// compiled at run time.
#[derive(Debug, Clone)]
pub struct Pattern(Engine);

#[derive(Debug, Clone)]
enum Engine {
    Meta(Regex),
    Prebuilt(Box<Prebuilt>),
    /// A built-in pattern whose DFAs were too large to embed: a lazy DFA
    /// built from its embedded NFAs on first use.
    Nfa(Arc<LazyNfa>),
}

/// The embedded NFAs of a built-in pattern, read into a lazy DFA when the
/// pattern is first searched: a check searches some patterns only on lines
/// that need them (a certification's parts), and decoding NFAs is most of
/// loading them.
#[derive(Debug)]
struct LazyNfa {
    nfas: prebuilt::Nfas,
    engine: OnceLock<NfaEngine>,
}

#[derive(Debug)]
enum NfaEngine {
    Lazy(hybrid::LazyDfa),
    /// Stored NFAs that do not read (only a damaged build): compiled.
    Compiled(Regex),
}

impl LazyNfa {
    fn get(&self) -> &NfaEngine {
        self.engine.get_or_init(|| {
            let nfas = &self.nfas;
            nfas.forward()
                .zip(nfas.reverse())
                .and_then(|(fwd, rev)| hybrid::LazyDfa::new(fwd, rev))
                .map(NfaEngine::Lazy)
                .unwrap_or_else(|| NfaEngine::Compiled(compile_builtin(nfas.source)))
        })
    }
}

/// A pattern's engine, its NFAs read if they are to be searched.
enum Ready<'a> {
    Meta(&'a Regex),
    Prebuilt(&'a Prebuilt),
    Nfa(&'a hybrid::LazyDfa),
}

#[derive(Debug)]
struct Prebuilt {
    dfa: prebuilt::DfaRegex,
    nfas: prebuilt::Nfas,
    /// What reads capture groups, built on first use.
    groups: OnceLock<GroupReader>,
}

impl Clone for Prebuilt {
    fn clone(&self) -> Self {
        Prebuilt {
            dfa: self.dfa.clone(),
            nfas: self.nfas,
            groups: OnceLock::new(),
        }
    }
}

/// What reads the capture groups of a prebuilt pattern: the Pike VM of its
/// embedded forward NFA, or its compiled form.
#[derive(Debug)]
enum GroupReader {
    Vm(hybrid::Groups),
    Compiled(Regex),
}

impl GroupReader {
    fn captures_iter<'a>(
        &'a self,
        haystack: &'a [u8],
    ) -> Box<dyn Iterator<Item = regex_automata::util::captures::Captures> + 'a> {
        match self {
            GroupReader::Vm(vm) => Box::new(vm.captures_iter(haystack)),
            GroupReader::Compiled(re) => Box::new(re.captures_iter(haystack)),
        }
    }
}

/// Why a pattern did not compile.
pub type PatternError = Box<regex_automata::meta::BuildError>;

/// A match of a [`Pattern`] in a `&str`.
#[derive(Debug, Clone, Copy)]
pub struct Found<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Found<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The syntax of every pattern, prebuilt or compiled at run time.
pub fn syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .unicode(false)
        .utf8(false)
}

fn compile(pattern: &str) -> Result<Regex, PatternError> {
    Regex::builder()
        .syntax(syntax())
        .configure(Regex::config().auto_prefilter(false))
        .build(pattern)
        .map_err(Box::new)
}

fn compile_builtin(source: &str) -> Regex {
    compile(source).expect("a built-in pattern compiles (checked by tests)")
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        prebuilt::record(pattern);
        match prebuilt::lookup(pattern) {
            Some(entry) => Ok(Pattern::from_entry(entry)),
            None => compile(pattern).map(|re| Pattern(Engine::Meta(re))),
        }
    }

    /// A built-in pattern from its blob entry.
    fn from_entry(entry: prebuilt::Entry) -> Pattern {
        match entry {
            prebuilt::Entry::Dfa(dfa, nfas) => Pattern(Engine::Prebuilt(Box::new(Prebuilt {
                dfa: *dfa,
                nfas,
                groups: OnceLock::new(),
            }))),
            prebuilt::Entry::Nfa(nfas) => Pattern(Engine::Nfa(Arc::new(LazyNfa {
                nfas,
                engine: OnceLock::new(),
            }))),
        }
    }

    /// The pattern compiled at run time, prebuilt or not (to compare both).
    #[doc(hidden)]
    pub fn compiled(pattern: &str) -> Result<Pattern, PatternError> {
        compile(pattern).map(|re| Pattern(Engine::Meta(re)))
    }

    /// Whether this pattern was loaded prebuilt (DFAs or NFAs) rather than
    /// compiled.
    pub fn is_prebuilt(&self) -> bool {
        !matches!(self.ready(), Ready::Meta(_))
    }

    /// The engine to search with.
    fn ready(&self) -> Ready<'_> {
        match &self.0 {
            Engine::Meta(re) => Ready::Meta(re),
            Engine::Prebuilt(p) => Ready::Prebuilt(p),
            Engine::Nfa(n) => match n.get() {
                NfaEngine::Lazy(d) => Ready::Nfa(d),
                NfaEngine::Compiled(re) => Ready::Meta(re),
            },
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self.ready() {
            Ready::Meta(re) => re.is_match(text.as_bytes()),
            Ready::Nfa(d) => d.is_match(text.as_bytes()),
            Ready::Prebuilt(p) => p.dfa.is_match(text.as_bytes()),
        }
    }

    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 't {
        let found: Box<dyn Iterator<Item = Match> + 't> = match self.ready() {
            Ready::Meta(re) => Box::new(re.find_iter(text.as_bytes())),
            Ready::Nfa(d) => Box::new(d.find_iter(text.as_bytes())),
            Ready::Prebuilt(p) => Box::new(p.dfa.find_iter(text.as_bytes())),
        };
        found.map(move |m| widen(text, m.start(), m.end()))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        let m = match self.ready() {
            Ready::Meta(re) => re.find(text.as_bytes()),
            Ready::Nfa(d) => d.find(text.as_bytes()),
            Ready::Prebuilt(p) => p.dfa.find(text.as_bytes()),
        };
        m.map(|m| widen(text, m.start(), m.end()))
    }

    /// The leftmost match starting at or after byte `at`, the text before
    /// `at` still read by look-behind assertions (`\\b`); not widened.
    fn find_raw_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let m = match self.ready() {
            Ready::Meta(re) => re.find(regex_automata::Input::new(bytes).range(at..)),
            Ready::Nfa(d) => d.find_at(bytes, at),
            Ready::Prebuilt(p) => p.dfa.find_at(bytes, at),
        };
        m.map(|m| (m.start(), m.end()))
    }

    /// The text with every match replaced by `with`.
    pub fn replace_all(&self, text: &str, with: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.find_iter(text) {
            out.push_str(&text[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }

    /// The capture groups of every match.
    pub fn captures<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 't {
        let bytes = text.as_bytes();
        let groups: Box<dyn Iterator<Item = regex_automata::util::captures::Captures> + 't> =
            match self.ready() {
                Ready::Meta(re) => Box::new(re.captures_iter(bytes)),
                Ready::Nfa(d) => Box::new(d.captures_iter(bytes)),
                // No match, nothing to build.
                Ready::Prebuilt(p) if !p.dfa.is_match(bytes) => Box::new(std::iter::empty()),
                Ready::Prebuilt(p) => p
                    .groups
                    .get_or_init(|| {
                        p.nfas
                            .forward()
                            .and_then(hybrid::Groups::new)
                            .map(GroupReader::Vm)
                            .unwrap_or_else(|| {
                                GroupReader::Compiled(compile_builtin(p.nfas.source))
                            })
                    })
                    .captures_iter(bytes),
            };
        groups.map(move |groups| Captures { text, groups })
    }
}

/// Patterns matched as their alternation `(?:p1)|(?:p2)|…` would be:
/// leftmost matches, at one start the first pattern's, none overlapping.
///
/// The DFA of an alternation of phrase patterns is far larger than theirs
/// together: too large to prebuild, it runs as a lazy DFA whose states are
/// built as the text needs them, most of the work of checking one file.
/// So each pattern is searched on its own, by its prebuilt DFA, and only
/// once a process has searched enough lines for the lazy DFA to pay for
/// itself (a folder) is the alternation built and searched instead. An
/// alternation small enough to be prebuilt as a DFA is searched from the
/// start: one pass over the line instead of one per pattern.
#[derive(Debug)]
pub struct AnyOf {
    parts: Vec<Pattern>,
    /// The alternation of the parts: from the start when prebuilt as a DFA,
    /// else built after [`AnyOf::SWITCH_AFTER`] lines.
    union_source: String,
    union: OnceLock<Option<Pattern>>,
    searched: AtomicUsize,
}

impl AnyOf {
    /// Lines searched part by part before the alternation takes over.
    const SWITCH_AFTER: usize = 1024;

    /// The patterns of `sources` that compile (the rules were validated
    /// when they loaded).
    pub fn new(sources: &[String]) -> AnyOf {
        let (parts, kept): (Vec<Pattern>, Vec<String>) = sources
            .iter()
            .filter_map(|s| Pattern::new(s).ok().map(|p| (p, format!("(?:{s})"))))
            .unzip();
        let union_source = kept.join("|");
        let union = OnceLock::new();
        let mut searched = 0;
        if parts.len() > 1 {
            // Into the prebuilt blob with the rest, for when it is needed.
            prebuilt::record(&union_source);
            if let Some(entry @ prebuilt::Entry::Dfa(..)) = prebuilt::lookup(&union_source) {
                let _ = union.set(Some(Pattern::from_entry(entry)));
                searched = Self::SWITCH_AFTER;
            }
        }
        AnyOf {
            parts,
            union_source,
            union,
            searched: AtomicUsize::new(searched),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every match in `text`, in order.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> std::vec::IntoIter<Found<'t>> {
        let found: Vec<Found<'t>> = match self.parts.as_slice() {
            [only] => only.find_iter(text).collect(),
            _ if self.searched.fetch_add(1, Ordering::Relaxed) >= Self::SWITCH_AFTER => {
                match self
                    .union
                    .get_or_init(|| Pattern::new(&self.union_source).ok())
                {
                    Some(union) => union.find_iter(text).collect(),
                    None => self.find_by_parts(text),
                }
            }
            _ => self.find_by_parts(text),
        };
        found.into_iter()
    }

    /// The alternation's matches, from each part's.
    fn find_by_parts<'t>(&self, text: &'t str) -> Vec<Found<'t>> {
        let mut out = Vec::new();
        // Each pattern's leftmost match from the last point it was searched
        // at (`None`: no more), which stays its leftmost from any later
        // point up to that match's start.
        let mut next: Vec<Option<(usize, usize)>> =
            self.parts.iter().map(|p| p.find_raw_at(text, 0)).collect();
        let mut at = 0;
        let mut last_end = None;
        while at <= text.len() {
            for (p, slot) in self.parts.iter().zip(next.iter_mut()) {
                if slot.is_some_and(|(start, _)| start < at) {
                    *slot = p.find_raw_at(text, at);
                }
            }
            // The leftmost start; at a tie, the pattern listed first.
            let Some((start, end)) = next.iter().flatten().copied().min_by_key(|&(s, _)| s) else {
                break;
            };
            // An empty match where the last match ended is skipped, and
            // the search goes on a byte further, as regex iterators do.
            if start == end && last_end == Some(end) {
                at = end + 1;
                continue;
            }
            out.push(widen(text, start, end));
            last_end = Some(end);
            at = end;
        }
        out
    }
}

/// The capture groups of one match of a [`Pattern`], by index or name.
pub struct Captures<'t> {
    text: &'t str,
    groups: regex_automata::util::captures::Captures,
}

impl<'t> Captures<'t> {
    /// Group `index` (0 is the whole match), if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Found<'t>> {
        self.groups
            .get_group(index)
            .map(|m| widen(self.text, m.start, m.end))
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Found<'t>> {
        self.groups
            .get_group_by_name(name)
            .map(|m| widen(self.text, m.start, m.end))
    }
}

fn widen(text: &str, mut start: usize, mut end: usize) -> Found<'_> {
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Found { text, start, end }
}

/// Compiles an analysis pattern (see [`Pattern`]).
pub fn ascii_regex(pattern: &str) -> Result<Pattern, PatternError> {
    Pattern::new(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `AnyOf` finds what the compiled alternation of its patterns finds.
    #[test]
    fn any_of_matches_as_the_alternation() {
        let cases: &[(&[&str], &[&str])] = &[
            // Overlapping patterns: the leftmost start wins, then the first listed.
            (
                &[
                    r"\btrain(ed|ing)? (\w+ ){0,2}operators\b",
                    r"\b(\w+ )?operators\b",
                    r"\bnew\b",
                ],
                &[
                    "trained new operators and new operators",
                    "operators, new hires; training operators",
                    "retrained operators",
                    "",
                ],
            ),
            // A later pattern starting earlier; one match inside another.
            (
                &[r"\bsix sigma\b", r"\blean six\b", r"\bsigma\b"],
                &["lean six sigma green belt; sigma", "six sigmas sigma"],
            ),
            // Patterns that match the empty string.
            (&[r"x*", r"\bab"], &["ab xx ab", "", "éxé ab"]),
            // Look-behind at the search point: `\b` sees the text before it.
            (&[r"\bcd", r"b"], &["abcd cd", "bcd"]),
        ];
        for (patterns, texts) in cases {
            let union: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
            let union = Pattern::compiled(&union.join("|")).unwrap();
            let sources: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
            let any = AnyOf::new(&sources);
            let spans = |found: Vec<Found<'_>>| -> Vec<(usize, usize)> {
                found.iter().map(|m| (m.start(), m.end())).collect()
            };
            for text in *texts {
                let want = spans(union.find_iter(text).collect());
                assert_eq!(
                    spans(any.find_by_parts(text)),
                    want,
                    "{patterns:?} on {text:?}"
                );
                // Past the switch, the alternation itself.
                any.searched.store(AnyOf::SWITCH_AFTER, Ordering::Relaxed);
                assert_eq!(
                    spans(any.find_iter(text).collect()),
                    want,
                    "{patterns:?} on {text:?}"
                );
                any.searched.store(0, Ordering::Relaxed);
            }
        }
    }
}
