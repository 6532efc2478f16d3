//! The lexicon compiled for analysis: every word list of
//! [`crate::rules::Lexicon`] turned into the patterns and sets the analysis
//! modules match with, built once per run (each module compiles its own
//! lists next to the code that reads them). The few patterns that are pure
//! syntax (e-mail addresses, phone numbers, a digit) are built here too, so
//! that every pattern is ready, side by side, before the first document.

use crate::pattern::Pattern;
use crate::rules::Lexicon;

use super::achievements::ResultWords;
use super::context::Cues;
use super::dates::DateReader;
use super::education::DegreeWords;
use super::experience::TitleWords;
use super::flags::ContactSyntax;
use super::identity::CandidateWords;
use super::sections::HeadingWords;

/// The compiled lexicon the [`super::Analyzer`] owns.
pub(crate) struct CompiledLexicon {
    pub sections: HeadingWords,
    pub dates: DateReader,
    pub context: Cues,
    pub titles: TitleWords,
    pub education: DegreeWords,
    pub achievements: ResultWords,
    pub contact: ContactSyntax,
    pub candidate: CandidateWords,
    /// `lines.function_words`: a line ending in one continues on the next.
    pub function_words: Vec<String>,
    /// `certifications.generic_confirm`.
    pub generic_confirm: Vec<String>,
    /// `certifications.method_confirm`.
    pub method_confirm: Vec<String>,
    /// `flags.repeatable_words`.
    pub repeatable_words: Vec<String>,
    /// `flags.english_words`.
    pub english_words: rustc_hash::FxHashSet<String>,
}

impl CompiledLexicon {
    pub fn new(lexicon: &Lexicon) -> CompiledLexicon {
        let dates = DateReader::new(lexicon);
        CompiledLexicon {
            sections: HeadingWords::new(lexicon),
            context: Cues::new(lexicon, dates.months()),
            titles: TitleWords::new(lexicon),
            education: DegreeWords::new(lexicon),
            achievements: ResultWords::new(lexicon, dates.months()),
            contact: ContactSyntax::new(),
            candidate: CandidateWords::new(lexicon),
            function_words: lexicon.list("lines.function_words").to_vec(),
            generic_confirm: lexicon.list("certifications.generic_confirm").to_vec(),
            method_confirm: lexicon.list("certifications.method_confirm").to_vec(),
            repeatable_words: lexicon.list("flags.repeatable_words").to_vec(),
            english_words: lexicon
                .list("flags.english_words")
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            dates,
        }
    }
}

/// A class that matches nothing: what an empty list stands for.
const NOTHING: &str = r"[^\x00-\xff]";

/// The entries as alternatives, `a|b|c` (a list may be empty: then nothing matches).
pub(crate) fn alternation(entries: &[String]) -> String {
    if entries.is_empty() {
        NOTHING.to_string()
    } else {
        entries.join("|")
    }
}

/// `\b(a|b|c)\b`: any entry, as whole words.
pub(crate) fn whole_words(entries: &[String]) -> String {
    format!(r"\b({})\b", alternation(entries))
}

/// Compiles a pattern built from lexicon lists (their entries were checked
/// when the rules loaded; the built-in ones by the tests).
pub(crate) fn compile(pattern: &str) -> Pattern {
    Pattern::new(pattern).unwrap_or_else(|e| panic!("lexicon pattern `{pattern}`: {e}"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The built-in lexicon compiled, shared by the unit tests.
    pub(crate) fn builtin() -> &'static CompiledLexicon {
        static BUILTIN: OnceLock<CompiledLexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| CompiledLexicon::new(&Lexicon::builtin()))
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let p = compile(&whole_words(&[]));
        assert!(!p.is_match("anything at all"));
        assert!(!p.is_match(""));
    }
}
