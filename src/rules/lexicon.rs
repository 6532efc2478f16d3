//! The lexicon: every word list that analysis and job postings read
//! (`rules/lexicon.toml`), as data.
//!
//! A list has a dotted key (`context.wish`, `sections.headings.skills`) and
//! holds phrases (literal, compared lower-cased) or patterns (the analysis
//! regex dialect, see [`crate::pattern`]). The built-in file defines every
//! list; a user file named `lexicon.toml` (given with `--rules`, or in a
//! folder given with it) changes lists: `key = [...]` replaces the built-in
//! list, `key = { extend = [...] }` adds to it. Errors name the file, line
//! and key, like those of rule files. [`crate::analyze`] compiles the lists
//! once per run.

mod blob;

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::schema::line_of;
use super::RuleError;
use crate::rules::{EducationLevel, Section};
use crate::suggest::closest;

/// The name of a lexicon file, built-in or the user's.
pub const FILE_NAME: &str = "lexicon.toml";

/// What the entries of a list are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Literal words or phrases, lower-cased when loaded.
    Phrases,
    /// Regular expressions on lower-cased normalised text.
    Patterns,
    /// `{ section = "...", words = [...] }` groups, in order (`sections.keywords`).
    SectionGroups,
}

/// The lists whose keys do not follow a fixed set of names.
const FIXED_LISTS: &[(&str, ListKind)] = &[
    ("sections.keywords", ListKind::SectionGroups),
    ("sections.job_header_words", ListKind::Phrases),
    ("lines.function_words", ListKind::Phrases),
    ("titles.words", ListKind::Patterns),
    ("titles.manager", ListKind::Patterns),
    ("titles.lead", ListKind::Patterns),
    ("titles.not_production", ListKind::Patterns),
    ("titles.unpaid", ListKind::Patterns),
    ("context.wish", ListKind::Patterns),
    ("context.negation", ListKind::Patterns),
    ("context.double_negation", ListKind::Patterns),
    ("context.training_received", ListKind::Patterns),
    ("context.course_words", ListKind::Patterns),
    ("context.training_given", ListKind::Patterns),
    ("context.others", ListKind::Patterns),
    ("context.others_did", ListKind::Patterns),
    ("context.done_by", ListKind::Patterns),
    ("context.in_progress", ListKind::Patterns),
    ("context.training_only", ListKind::Patterns),
    ("context.credential", ListKind::Patterns),
    ("dates.present", ListKind::Patterns),
    ("education.unfinished", ListKind::Patterns),
    ("education.certificate_program", ListKind::Patterns),
    ("education.some_college", ListKind::Patterns),
    ("education.not_degree", ListKind::Patterns),
    ("education.minor", ListKind::Patterns),
    ("engineering.fields", ListKind::Patterns),
    ("engineering.joined_fields", ListKind::Patterns),
    ("engineering.abbreviations", ListKind::Patterns),
    ("engineering.technology", ListKind::Patterns),
    ("engineering.other_fields", ListKind::Patterns),
    ("achievements.identifier_words", ListKind::Patterns),
    ("achievements.spec_units", ListKind::Patterns),
    ("achievements.spec_machines", ListKind::Patterns),
    ("achievements.schedule_words", ListKind::Patterns),
    ("achievements.size_words", ListKind::Patterns),
    ("achievements.money_magnitudes", ListKind::Patterns),
    ("achievements.money_words", ListKind::Patterns),
    ("achievements.currency_words", ListKind::Patterns),
    ("achievements.saving_verbs", ListKind::Patterns),
    ("achievements.time_units", ListKind::Patterns),
    ("achievements.duration_units", ListKind::Patterns),
    ("achievements.count_words", ListKind::Patterns),
    ("achievements.counted", ListKind::Patterns),
    ("achievements.groups", ListKind::Patterns),
    ("achievements.accrual_verbs", ListKind::Patterns),
    ("achievements.action_verbs", ListKind::Phrases),
    ("certifications.generic_confirm", ListKind::Phrases),
    ("certifications.method_confirm", ListKind::Phrases),
    ("flags.repeatable_words", ListKind::Phrases),
    ("flags.english_words", ListKind::Phrases),
    ("candidate.not_name_words", ListKind::Phrases),
    ("candidate.name_labels", ListKind::Patterns),
    ("candidate.location_labels", ListKind::Patterns),
    ("candidate.regions", ListKind::Phrases),
    ("posting.not_asked", ListKind::Patterns),
    ("posting.company", ListKind::Patterns),
    ("posting.role", ListKind::Patterns),
    ("posting.alternative", ListKind::Patterns),
    ("posting.qualification", ListKind::Patterns),
    ("posting.experience_context", ListKind::Patterns),
    ("posting.not_experience_before", ListKind::Patterns),
    ("posting.not_experience_after", ListKind::Patterns),
    ("posting.no_degree", ListKind::Patterns),
    ("posting.degree_other_fields", ListKind::Patterns),
    ("posting.boilerplate", ListKind::Patterns),
    ("posting.openers", ListKind::Phrases),
    ("posting.camel_names", ListKind::Phrases),
    ("posting.markers.required_before", ListKind::Patterns),
    ("posting.markers.required_after", ListKind::Patterns),
    ("posting.markers.preferred_before", ListKind::Patterns),
    ("posting.markers.preferred_after", ListKind::Patterns),
    ("posting.markers.not_markers", ListKind::Patterns),
    ("posting.headings.preferred", ListKind::Patterns),
    ("posting.headings.mixed", ListKind::Patterns),
    ("posting.headings.ignored", ListKind::Patterns),
    ("posting.headings.labels", ListKind::Patterns),
    ("posting.headings.about", ListKind::Patterns),
    ("posting.headings.duties", ListKind::Patterns),
    ("posting.headings.required", ListKind::Patterns),
    ("posting.headings.fillers", ListKind::Patterns),
    ("posting.headings.kinds", ListKind::Patterns),
    ("posting.headings.tasks", ListKind::Patterns),
    ("posting.terms.common", ListKind::Phrases),
    ("posting.terms.not_a_term", ListKind::Phrases),
    ("posting.terms.qualifiers", ListKind::Phrases),
    ("posting.terms.not_alone", ListKind::Phrases),
    ("posting.terms.ordinary_endings", ListKind::Phrases),
    ("posting.terms.generic", ListKind::Phrases),
    ("posting.terms.after_name", ListKind::Phrases),
    ("posting.terms.name_parts", ListKind::Phrases),
    ("posting.terms.method_words", ListKind::Phrases),
    ("posting.terms.hyphen_qualifiers", ListKind::Phrases),
    ("posting.terms.category_tails", ListKind::Phrases),
    ("posting.terms.name_starts", ListKind::Phrases),
    ("posting.terms.company_words", ListKind::Phrases),
];

/// The months, in calendar order: `dates.months.<name>`.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The degree levels that have names, highest first:
/// `education.levels.<level>` and `posting.degrees.<level>`.
pub const DEGREE_LEVELS: [EducationLevel; 5] = [
    EducationLevel::Doctorate,
    EducationLevel::Master,
    EducationLevel::Bachelor,
    EducationLevel::Associate,
    EducationLevel::HighSchool,
];

/// Every list of the lexicon: its key and what its entries are.
pub fn known_lists() -> Vec<(String, ListKind)> {
    let mut out: Vec<(String, ListKind)> = FIXED_LISTS
        .iter()
        .map(|(key, kind)| (key.to_string(), *kind))
        .collect();
    for s in Section::ALL {
        out.push((
            format!("sections.headings.{}", s.as_str()),
            ListKind::Phrases,
        ));
    }
    for m in MONTHS {
        out.push((format!("dates.months.{m}"), ListKind::Patterns));
    }
    for level in DEGREE_LEVELS {
        out.push((
            format!("education.levels.{}", level.as_str()),
            ListKind::Patterns,
        ));
        out.push((
            format!("posting.degrees.{}", level.as_str()),
            ListKind::Patterns,
        ));
    }
    out
}

/// The merged word lists: the built-in lexicon with the user's changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    lists: rustc_hash::FxHashMap<String, Vec<String>>,
    section_keywords: Vec<(Section, Vec<String>)>,
    /// Lists a user file set or extended, with the file and line.
    changed: BTreeMap<String, (String, u32)>,
}

impl Lexicon {
    /// The built-in lexicon alone.
    pub fn builtin() -> Lexicon {
        Self::from_sources(std::iter::empty()).expect("the built-in lexicon is valid (tested)")
    }

    /// The built-in lexicon parsed from its TOML (not from the blob).
    #[doc(hidden)]
    pub fn parsed_builtin() -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut errors = Vec::new();
        lexicon.apply(
            BUILTIN_NAME,
            BUILTIN_TEXT,
            true,
            &known_lists(),
            &mut errors,
        );
        assert!(
            errors.is_empty(),
            "the built-in lexicon is valid: {errors:?}"
        );
        lexicon
    }

    /// The blob of the built-in lexicon ([`blob`]), for `tests/prebuilt.rs`.
    #[doc(hidden)]
    pub fn builtin_blob() -> Vec<u8> {
        blob::encode(&Self::parsed_builtin(), BUILTIN_TEXT)
    }

    /// The built-in lexicon changed by user lexicon files, given as (file
    /// name, text) pairs in order. The built-in file itself may be among
    /// them; it is read once.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Lexicon, Vec<RuleError>> {
        let known = known_lists();
        let mut errors = Vec::new();
        let mut lexicon = blob::builtin().unwrap_or_else(|| {
            let mut lexicon = Lexicon::default();
            lexicon.apply(BUILTIN_NAME, BUILTIN_TEXT, true, &known, &mut errors);
            lexicon
        });
        for (file, text) in sources {
            if file == BUILTIN_NAME && text == BUILTIN_TEXT {
                continue;
            }
            lexicon.apply(&file, &text, false, &known, &mut errors);
        }
        lexicon.check_headings_are_unique(&mut errors);
        if errors.is_empty() {
            Ok(lexicon)
        } else {
            Err(errors)
        }
    }

    /// The entries of a list. Every key of [`known_lists`] has one.
    pub fn list(&self, key: &str) -> &[String] {
        match self.lists.get(key) {
            Some(list) => list,
            None => panic!("lexicon list `{key}` is not in {BUILTIN_NAME}"),
        }
    }

    /// `sections.keywords`: (section, keywords) groups, most specific first.
    pub fn section_keywords(&self) -> &[(Section, Vec<String>)] {
        &self.section_keywords
    }

    /// The keys of the lists user files changed, with the file and line.
    pub fn changed(&self) -> &BTreeMap<String, (String, u32)> {
        &self.changed
    }

    /// Reads one lexicon file into the lists.
    fn apply(
        &mut self,
        file: &str,
        text: &str,
        builtin: bool,
        known: &[(String, ListKind)],
        errors: &mut Vec<RuleError>,
    ) {
        let source = Source {
            file,
            text,
            builtin,
            known,
        };
        match DeTable::parse(text) {
            Ok(table) => self.walk(&source, "", table.get_ref(), errors),
            Err(e) => errors.push(RuleError {
                file: file.to_string(),
                line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
                key: String::new(),
                message: e.message().trim().to_string(),
            }),
        }
    }

    /// Reads the lists of one table of a lexicon file (`prefix` is its
    /// dotted path), descending only into the tables the lexicon defines.
    fn walk(
        &mut self,
        source: &Source<'_>,
        prefix: &str,
        table: &DeTable<'_>,
        errors: &mut Vec<RuleError>,
    ) {
        let mut items: Vec<_> = table.iter().collect();
        items.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in items {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            let at = key.span().start;
            if let Some(kind) = source.kind_of(&path) {
                self.set(source, &path, kind, at, value, errors);
            } else if source.is_table(&path) {
                match value.get_ref() {
                    DeValue::Table(inner) => self.walk(source, &path, inner, errors),
                    _ => errors.push(source.error(
                        at,
                        &path,
                        format!("`{path}` is a table of lists, not a list"),
                    )),
                }
            } else {
                errors.push(source.error(
                    at,
                    &path,
                    format!("unknown lexicon list{}", source.hint(prefix, &path)),
                ));
            }
        }
    }

    /// A list given in a file: `[...]` replaces it, `{ extend = [...] }` adds to it.
    fn set(
        &mut self,
        source: &Source<'_>,
        key: &str,
        kind: ListKind,
        at: usize,
        value: &Spanned<DeValue<'_>>,
        errors: &mut Vec<RuleError>,
    ) {
        let (items, extend) = match value.get_ref() {
            DeValue::Array(items) => (items, false),
            DeValue::Table(t) => {
                let mut other = t.iter().filter(|(k, _)| k.get_ref() != "extend");
                if let Some((k, _)) = other.next() {
                    errors.push(source.error(
                        k.span().start,
                        key,
                        format!(
                            "unknown key `{}`: give a list (`{key} = [...]` replaces the built-in one) or `{{ extend = [...] }}` (adds to it)",
                            k.get_ref()
                        ),
                    ));
                    return;
                }
                match t.get("extend").map(Spanned::get_ref) {
                    Some(DeValue::Array(items)) => (items, true),
                    _ => {
                        errors.push(source.error(
                            value.span().start,
                            key,
                            "`extend` takes a list: `{ extend = [...] }`".into(),
                        ));
                        return;
                    }
                }
            }
            _ => {
                errors.push(source.error(
                    value.span().start,
                    key,
                    "expected a list (`[...]` replaces the built-in one) or `{ extend = [...] }` (adds to it)".into(),
                ));
                return;
            }
        };
        let before = errors.len();
        if kind == ListKind::SectionGroups {
            let groups: Vec<(Section, Vec<String>)> = items
                .iter()
                .filter_map(|item| source.section_group(key, item, errors))
                .collect();
            if errors.len() == before {
                if !extend {
                    self.section_keywords.clear();
                }
                self.section_keywords.extend(groups);
            }
        } else {
            let entries: Vec<String> = items
                .iter()
                .filter_map(|item| source.entry(key, kind, item, errors))
                .collect();
            if errors.len() == before {
                let list = self.lists.entry(key.to_string()).or_default();
                if !extend {
                    list.clear();
                }
                list.extend(entries);
            }
        }
        if !source.builtin {
            self.changed.insert(
                key.to_string(),
                (source.file.to_string(), line_of(source.text, at)),
            );
        }
    }

    /// A heading wording names one section: a user list that repeats a
    /// wording of another section would leave which one wins to chance.
    fn check_headings_are_unique(&self, errors: &mut Vec<RuleError>) {
        for (key, (file, line)) in &self.changed {
            let Some(section) = key.strip_prefix("sections.headings.") else {
                continue;
            };
            for phrase in self.list(key) {
                let other = Section::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .filter(|s| *s != section)
                    .find(|s| {
                        self.list(&format!("sections.headings.{s}"))
                            .contains(phrase)
                    });
                if let Some(other) = other {
                    errors.push(RuleError {
                        file: file.clone(),
                        line: *line,
                        key: key.clone(),
                        message: format!(
                            "`{phrase}` is also a heading of `{other}`: a wording names one section (replace `sections.headings.{other}` without it)"
                        ),
                    });
                }
            }
        }
    }
}

const BUILTIN_NAME: &str = "rules/lexicon.toml";
/// The built-in lexicon, embedded at build time.
pub(super) const BUILTIN_TEXT: &str = include_str!("../../rules/lexicon.toml");

/// One file being read.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
    builtin: bool,
    known: &'a [(String, ListKind)],
}

impl Source<'_> {
    /// The kind of the list at a dotted key, if the lexicon has one there.
    fn kind_of(&self, key: &str) -> Option<ListKind> {
        self.known
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, kind)| *kind)
    }

    /// Whether `key` is a table holding lists (`context`, `sections.headings`).
    fn is_table(&self, key: &str) -> bool {
        self.known.iter().any(|(k, _)| {
            k.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// "; did you mean `x`?", else the names known at this level.
    fn hint(&self, prefix: &str, wanted: &str) -> String {
        let mut tables: Vec<String> = Vec::new();
        for (k, _) in self.known {
            let mut at = 0;
            while let Some(dot) = k[at..].find('.') {
                at += dot;
                tables.push(k[..at].to_string());
                at += 1;
            }
        }
        let candidates: Vec<&str> = self
            .known
            .iter()
            .map(|(k, _)| k.as_str())
            .chain(tables.iter().map(String::as_str))
            .collect();
        if let Some(near) = closest(wanted, &candidates) {
            return format!("; did you mean `{near}`?");
        }
        let mut here: Vec<&str> = candidates
            .iter()
            .filter_map(|k| match prefix {
                "" => Some(*k),
                _ => k.strip_prefix(prefix)?.strip_prefix('.'),
            })
            .filter(|rest| !rest.contains('.'))
            .collect();
        here.sort_unstable();
        here.dedup();
        format!(" (known here: {})", here.join(", "))
    }

    fn error(&self, at: usize, key: &str, message: String) -> RuleError {
        RuleError {
            file: self.file.to_string(),
            line: line_of(self.text, at),
            key: key.to_string(),
            message,
        }
    }

    /// One entry of a phrase or pattern list, checked.
    fn entry(
        &self,
        key: &str,
        kind: ListKind,
        item: &Spanned<DeValue<'_>>,
        errors: &mut Vec<RuleError>,
    ) -> Option<String> {
        let at = item.span().start;
        let Some(text) = item.get_ref().as_str() else {
            errors.push(self.error(
                at,
                key,
                format!("expected a string, found {}", item.get_ref().type_str()),
            ));
            return None;
        };
        if text.trim().is_empty() {
            errors.push(self.error(at, key, "an entry is empty".into()));
            return None;
        }
        match kind {
            ListKind::Patterns => {
                // The embedded file is checked by the test suite, not at every start.
                if !self.builtin {
                    if let Err(e) = check_pattern(text) {
                        errors.push(self.error(at, key, format!("invalid pattern `{text}`: {e}")));
                        return None;
                    }
                }
                Some(text.to_string())
            }
            _ if key.starts_with("sections.headings.") => Some(heading_key(text)),
            _ => Some(text.to_lowercase()),
        }
    }

    /// One `{ section = "...", words = [...] }` group of `sections.keywords`.
    fn section_group(
        &self,
        key: &str,
        item: &Spanned<DeValue<'_>>,
        errors: &mut Vec<RuleError>,
    ) -> Option<(Section, Vec<String>)> {
        let at = item.span().start;
        let shape = "expected `{ section = \"skills\", words = [\"toolbox\"] }`";
        let Some(table) = item.get_ref().as_table() else {
            errors.push(self.error(at, key, shape.into()));
            return None;
        };
        if let Some((k, _)) = table
            .iter()
            .find(|(k, _)| !matches!(k.get_ref().as_ref(), "section" | "words"))
        {
            errors.push(self.error(
                k.span().start,
                key,
                format!("unknown key `{}`: {shape}", k.get_ref()),
            ));
            return None;
        }
        let (Some(section), Some(words)) = (table.get("section"), table.get("words")) else {
            errors.push(self.error(at, key, shape.into()));
            return None;
        };
        let name = section.get_ref().as_str().unwrap_or_default();
        let Some(section_id) = Section::from_id(name) else {
            let names: Vec<&str> = Section::ALL.iter().map(|s| s.as_str()).collect();
            errors.push(self.error(
                section.span().start,
                key,
                format!(
                    "unknown section `{name}`{}",
                    crate::suggest::hint(name, &names)
                ),
            ));
            return None;
        };
        let Some(items) = words.get_ref().as_array() else {
            errors.push(self.error(words.span().start, key, shape.into()));
            return None;
        };
        let words = items
            .iter()
            .map(|w| self.entry(key, ListKind::Phrases, w, errors))
            .collect::<Option<Vec<String>>>()?;
        Some((section_id, words))
    }
}

/// A heading's wording for lookup: lower case, decorations and punctuation
/// dropped, spaces collapsed (`## Work History:` → `work history`). Heading
/// phrases of the lexicon are kept in this form, and lines are compared in it.
pub fn heading_key(text: &str) -> String {
    let trimmed = text.trim().trim_matches(|c: char| {
        matches!(c, '#' | '=' | '-' | '_' | '*' | ':' | '|' | '~' | '•' | ' ')
    });
    let mut key = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if c.is_alphanumeric() || c == '&' || c == '-' {
            key.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '/' {
            key.push(' ');
        }
    }
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a pattern the way analysis compiles it (bytes, Unicode off),
/// without the cost of compiling it, and refuses what would break the
/// pattern it is joined into: matching the empty string, named groups.
fn check_pattern(pattern: &str) -> Result<(), String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    if hir.properties().minimum_len() == Some(0) {
        return Err("it matches the empty string, so it would match everywhere".into());
    }
    if pattern.contains("(?P<") || pattern.contains("(?<") {
        return Err("named groups are not allowed in lexicon entries".into());
    }
    if let Some(c) = upper_case_literal(pattern) {
        return Err(format!(
            "patterns match lower-cased text, so `{c}` never matches: write it in lower case"
        ));
    }
    Ok(())
}

/// The first upper-case ASCII letter of a pattern outside its escapes
/// (`\W`, `\x{41}`, `\p{…}`), if any.
fn upper_case_literal(pattern: &str) -> Option<char> {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some('x' | 'p' | 'P' | 'u' | 'U') = chars.next() {
                    let rest = chars.as_str();
                    if rest.starts_with('{') {
                        let close = rest.find('}').map_or(rest.len(), |i| i + 1);
                        chars = rest[close..].chars();
                    }
                }
            }
            c if c.is_ascii_uppercase() => return Some(c),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn user(text: &str) -> Result<Lexicon, Vec<RuleError>> {
        Lexicon::from_sources([("my/lexicon.toml".to_string(), text.to_string())])
    }

    fn one_error(text: &str) -> String {
        let errors = user(text).expect_err("an error");
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].to_string()
    }

    #[test]
    fn the_builtin_lexicon_defines_every_list_and_only_those() {
        let lexicon = Lexicon::builtin();
        for (key, kind) in known_lists() {
            match kind {
                ListKind::SectionGroups => assert!(!lexicon.section_keywords().is_empty()),
                _ => assert!(!lexicon.list(&key).is_empty(), "{key} is empty"),
            }
        }
        assert_eq!(lexicon.lists.len() + 1, known_lists().len());
        assert!(lexicon.changed().is_empty());
    }

    #[test]
    fn builtin_heading_wordings_name_one_section_each() {
        let lexicon = Lexicon::builtin();
        let mut seen = HashMap::new();
        for s in Section::ALL {
            for phrase in lexicon.list(&format!("sections.headings.{}", s.as_str())) {
                if let Some(other) = seen.insert(phrase.clone(), s) {
                    panic!("`{phrase}` is a heading of {other:?} and {s:?}");
                }
            }
        }
    }

    #[test]
    fn builtin_patterns_are_valid() {
        let lexicon = Lexicon::builtin();
        for (key, kind) in known_lists() {
            if kind == ListKind::Patterns {
                for p in lexicon.list(&key) {
                    check_pattern(p).unwrap_or_else(|e| panic!("{key}: {p}: {e}"));
                }
            }
        }
    }

    #[test]
    fn a_user_list_replaces_and_extend_adds() {
        let lexicon = user(
            "[context]\nwish = ['keen to']\n\n[sections.headings]\nexperience = { extend = [\"Shop Floor History\"] }\n",
        )
        .unwrap();
        assert_eq!(lexicon.list("context.wish"), ["keen to"]);
        let experience = lexicon.list("sections.headings.experience");
        assert_eq!(
            experience.last().map(String::as_str),
            Some("shop floor history")
        );
        assert!(experience.contains(&"work history".to_string()));
        assert_eq!(
            lexicon.changed().get("sections.headings.experience"),
            Some(&("my/lexicon.toml".to_string(), 5))
        );
    }

    #[test]
    fn a_misspelt_key_names_file_line_key_and_the_near_one() {
        assert_eq!(
            one_error("# my cues\n[context]\nwsh = ['keen to']\n"),
            "my/lexicon.toml:3: `context.wsh`: unknown lexicon list; did you mean `context.wish`?"
        );
        assert!(one_error("[contxt]\nwish = []\n")
            .contains(":1: `contxt`: unknown lexicon list; did you mean `context`?"));
        assert!(one_error("[context]\nzzz = []\n")
            .contains("(known here: course_words, credential, done_by,"));
    }

    #[test]
    fn a_bad_pattern_names_file_line_and_key() {
        let e = one_error(
            "[context]\nin_progress = { extend = [\n  'studying',\n  'booked (for',\n] }\n",
        );
        assert!(
            e.starts_with(
                "my/lexicon.toml:4: `context.in_progress`: invalid pattern `booked (for`:"
            ),
            "{e}"
        );
        assert!(one_error("[context]\nwish = ['x?']\n").contains("matches the empty string"));
        assert!(one_error("[context]\nwish = ['(?P<a>x)']\n").contains("named groups"));
        assert!(one_error("[context]\nwish = ['Keen to']\n").contains("`K` never matches"));
        assert!(user("[context]\nwish = ['keen\\W+to', 'x\\x{41}y']\n").is_ok());
    }

    #[test]
    fn wrong_shapes_are_errors() {
        assert!(one_error("[context]\nwish = 'keen to'\n")
            .contains(":2: `context.wish`: expected a list"));
        assert!(one_error("[context]\nwish = { add = ['x'] }\n").contains("unknown key `add`"));
        assert!(one_error("[context]\nwish = [1]\n").contains("expected a string, found integer"));
        assert!(one_error("context = ['x']\n").contains("is a table of lists"));
        assert!(one_error(
            "[sections]\nkeywords = { extend = [{ section = \"skils\", words = [\"toolbelt\"] }] }\n"
        )
        .contains("unknown section `skils`; did you mean `skills`?"));
        assert!(one_error("[context\n").starts_with("my/lexicon.toml:1: "));
    }

    #[test]
    fn a_heading_of_two_sections_is_an_error() {
        let e = one_error("[sections.headings]\neducation = { extend = [\"training\"] }\n");
        assert!(e.contains(":2: `sections.headings.education`: `training` is also a heading of `certifications`"), "{e}");
    }

    #[test]
    fn keyword_groups_extend_in_order() {
        let lexicon = user(
            "[sections]\nkeywords = { extend = [{ section = \"skills\", words = [\"Toolbelt\"] }] }\n",
        )
        .unwrap();
        let last = lexicon.section_keywords().last().unwrap();
        assert_eq!(last, &(Section::Skills, vec!["toolbelt".to_string()]));
    }
}
