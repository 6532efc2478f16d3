//! The texts of the ATS risks (`rules/ats/risks.toml`): each id's title,
//! advice, meaning and fixes, as data. Parsed once.

use std::sync::OnceLock;

use serde::Deserialize;

const RISKS_TOML: &str = include_str!("../../rules/ats/risks.toml");

/// One risk's texts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    /// How the severity is decided.
    pub severity: String,
    /// The short advice every finding of this id carries.
    pub advice: String,
    /// What the risk means, for `rolefit explain`.
    pub meaning: String,
    pub fix: Fixes,
}

/// How to fix a risk in each kind of template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixes {
    pub word: String,
    pub google_docs: String,
    pub latex: String,
    pub html: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RiskFile {
    risk: Vec<Risk>,
}

/// Every risk, in the file's order.
pub fn risks() -> &'static [Risk] {
    static RISKS: OnceLock<Vec<Risk>> = OnceLock::new();
    RISKS.get_or_init(|| {
        // A malformed built-in file is a bug the tests catch.
        toml::from_str::<RiskFile>(RISKS_TOML)
            .expect("rules/ats/risks.toml parses")
            .risk
    })
}

/// The texts of risk `id`, if it is one.
pub fn risk(id: &str) -> Option<&'static Risk> {
    risks().iter().find(|r| r.id == id)
}

/// The advice of risk `id` (empty for an unknown id, which the tests rule out).
pub fn advice(id: &str) -> String {
    risk(id).map(|r| r.advice.clone()).unwrap_or_default()
}

/// `rolefit explain ID` for a risk: what it means and how to fix it.
pub fn explain(id: &str) -> Option<String> {
    let r = risk(id)?;
    let mut out = format!(
        "{} ({}) — ATS readability risk\nseverity: {}\n\n{}\n\nadvice: {}\n\nhow to fix it:\n",
        r.title,
        r.id,
        r.severity,
        r.meaning.trim(),
        r.advice
    );
    for (tool, text) in [
        ("Word", &r.fix.word),
        ("Google Docs", &r.fix.google_docs),
        ("LaTeX", &r.fix.latex),
        ("HTML templates", &r.fix.html),
    ] {
        out.push_str(&format!("  {tool}: {}\n", text.trim()));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_has_its_texts_and_no_other_is_listed() {
        let ids: Vec<&str> = risks().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, super::super::IDS);
        for r in risks() {
            for text in [&r.title, &r.advice, &r.meaning, &r.severity] {
                assert!(!text.trim().is_empty(), "{}: an empty text", r.id);
            }
            for text in [&r.fix.word, &r.fix.google_docs, &r.fix.latex, &r.fix.html] {
                assert!(!text.trim().is_empty(), "{}: an empty fix", r.id);
            }
            // Texts are printed in terminals and reports: no hidden characters.
            assert!(
                !r.meaning.chars().any(|c| c == '\u{ad}' || c == '\u{200b}'),
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn explain_prints_meaning_and_each_fix() {
        let text = explain("multi-column").unwrap();
        for part in [
            "Word:",
            "Google Docs:",
            "LaTeX:",
            "HTML templates:",
            "line by line",
        ] {
            assert!(text.contains(part), "{part} missing:\n{text}");
        }
        assert!(explain("no-such-risk").is_none());
    }
}
