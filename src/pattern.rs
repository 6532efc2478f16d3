//! The one regular-expression dialect of rules and analysis.

pub mod prebuilt;

use regex_automata::meta::Regex;

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
/// The built-in patterns are compiled ahead of time: their DFAs are
/// embedded ([`prebuilt`], written by `tests/prebuilt.rs`) and loaded
/// without compiling, so start-up costs nothing for them; a pattern not among them (user rules, a changed
/// lexicon, a job posting's terms) is compiled at run time. A prebuilt
/// pattern read for its capture groups is compiled on the first line it
/// matches.
#[derive(Debug, Clone)]
pub struct Pattern(Engine);

#[derive(Debug, Clone)]
enum Engine {
    Meta(Regex),
    Prebuilt(Box<Prebuilt>),
    /// A built-in pattern whose DFAs were too large to embed: compiled on
    /// first use (a check may never need it).
    Lazy(Box<Lazy>),
}

#[derive(Debug, Clone)]
struct Lazy {
    source: &'static str,
    compiled: std::sync::OnceLock<Regex>,
}

impl Lazy {
    fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            compile(self.source).expect("a built-in pattern compiles (checked by tests)")
        })
    }
}

#[derive(Debug, Clone)]
struct Prebuilt {
    dfa: prebuilt::DfaRegex,
    source: &'static str,
    /// The compiled form, for capture groups only.
    groups: std::sync::OnceLock<Regex>,
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

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        prebuilt::record(pattern);
        match prebuilt::lookup(pattern) {
            Some(prebuilt::Entry::Dfa(dfa, source)) => {
                return Ok(Pattern(Engine::Prebuilt(Box::new(Prebuilt {
                    dfa: *dfa,
                    source,
                    groups: std::sync::OnceLock::new(),
                }))));
            }
            Some(prebuilt::Entry::Lazy(source)) => {
                return Ok(Pattern(Engine::Lazy(Box::new(Lazy {
                    source,
                    compiled: std::sync::OnceLock::new(),
                }))));
            }
            None => {}
        }
        compile(pattern).map(|re| Pattern(Engine::Meta(re)))
    }

    /// The pattern compiled at run time, prebuilt or not (to compare both).
    #[doc(hidden)]
    pub fn compiled(pattern: &str) -> Result<Pattern, PatternError> {
        compile(pattern).map(|re| Pattern(Engine::Meta(re)))
    }

    /// Whether this pattern was loaded prebuilt rather than compiled.
    pub fn is_prebuilt(&self) -> bool {
        matches!(self.0, Engine::Prebuilt(_))
    }

    pub fn is_match(&self, text: &str) -> bool {
        match &self.0 {
            Engine::Meta(re) => re.is_match(text.as_bytes()),
            Engine::Lazy(l) => l.get().is_match(text.as_bytes()),
            Engine::Prebuilt(p) => p.dfa.is_match(text.as_bytes()),
        }
    }

    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 't {
        let (meta, dfa) = match &self.0 {
            Engine::Meta(re) => (Some(re.find_iter(text.as_bytes())), None),
            Engine::Lazy(l) => (Some(l.get().find_iter(text.as_bytes())), None),
            Engine::Prebuilt(p) => (None, Some(p.dfa.find_iter(text.as_bytes()))),
        };
        meta.into_iter()
            .flatten()
            .chain(dfa.into_iter().flatten())
            .map(move |m| widen(text, m.start(), m.end()))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        let m = match &self.0 {
            Engine::Meta(re) => re.find(text.as_bytes()),
            Engine::Lazy(l) => l.get().find(text.as_bytes()),
            Engine::Prebuilt(p) => p.dfa.find(text.as_bytes()),
        };
        m.map(|m| widen(text, m.start(), m.end()))
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
        let re = match &self.0 {
            Engine::Meta(re) => Some(re),
            Engine::Lazy(l) => Some(l.get()),
            // No match, nothing to compile.
            Engine::Prebuilt(p) if !p.dfa.is_match(text.as_bytes()) => None,
            Engine::Prebuilt(p) => Some(p.groups.get_or_init(|| {
                compile(p.source).expect("a prebuilt pattern compiles (checked by tests)")
            })),
        };
        re.into_iter()
            .flat_map(move |re| re.captures_iter(text.as_bytes()))
            .map(move |groups| Captures { text, groups })
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
