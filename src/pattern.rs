//! The one regular-expression dialect of rules and analysis.

/// A compiled analysis pattern.
///
/// Analysis matches lower-cased, ASCII-folded text, so patterns run as byte
/// regexes with Unicode off: `\\b`, `\\w`, `\\d`, `\\s` and negated classes are
/// ASCII, and building them costs a fraction of their Unicode forms. The
/// literal prefilter is off too: it would save little on lines of at most
/// 2 KiB, and extracting literals and building its Teddy searchers was half
/// of the start-up cost of checking one file. Matches are widened to char
/// boundaries, so slicing the text with them is always safe.
#[derive(Debug, Clone)]
pub struct Pattern(regex_automata::meta::Regex);

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

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        use regex_automata::{meta::Regex, util::syntax};
        Regex::builder()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .configure(Regex::config().auto_prefilter(false))
            .build(pattern)
            .map(Pattern)
            .map_err(Box::new)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text.as_bytes())
    }

    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 't {
        self.0
            .find_iter(text.as_bytes())
            .map(move |m| widen(text, m.start(), m.end()))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        self.0
            .find(text.as_bytes())
            .map(|m| widen(text, m.start(), m.end()))
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
        self.0
            .captures_iter(text.as_bytes())
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
