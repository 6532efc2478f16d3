//! Rules as data: the taxonomy (every certification and skill, once) and the
//! role profiles (requirements with severity, weight and advice).
//!
//! Built-in rule files under `rules/` are embedded in the binary; users add
//! their own with `--rules FILE|DIR`. A rule file may define taxonomy entries
//! (`[[certification]]`, `[[skill]]`), a profile (top-level `id`, `name` and
//! `[[requirement]]`s), or both. A file named `lexicon.toml` changes the word
//! lists analysis reads ([`Lexicon`]). Every error names the file, line and key.

mod blob;
mod lexicon;
mod schema;
mod validate;
mod vocab;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use lexicon::{heading_key, known_lists, Lexicon, ListKind, DEGREE_LEVELS, MONTHS};
pub use schema::{
    AutoFit, CertDef, LevelDef, Profile, Requirement, RequirementKind, RequirementOrigin, RuleFile,
    SkillDef, TermDef,
};
pub use vocab::{EducationLevel, Section, Severity, SkillKind};

/// The built-in rule files, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/taxonomy.toml",
        include_str!("../../rules/taxonomy.toml"),
    ),
    (
        "rules/production-technician.toml",
        include_str!("../../rules/production-technician.toml"),
    ),
    (
        "rules/production-engineer.toml",
        include_str!("../../rules/production-engineer.toml"),
    ),
    (
        "rules/quality-technician.toml",
        include_str!("../../rules/quality-technician.toml"),
    ),
    ("rules/lexicon.toml", lexicon::BUILTIN_TEXT),
];

/// The FNV-1a offset basis: the hash of nothing.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The FNV-1a hash `hash` continued over `bytes` (stamps of prebuilt
/// blobs; `const`, so the stamps of the embedded files cost nothing at run
/// time).
pub(crate) const fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// A problem in a rule file: where, which key, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: u32,
    pub key: String,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(
                f,
                "{}:{}: `{}`: {}",
                self.file, self.line, self.key, self.message
            )
        }
    }
}

impl std::error::Error for RuleError {}

fn parse_all(files: &[(String, String)]) -> Vec<Result<RuleFile, RuleError>> {
    files
        .iter()
        .map(|(name, text)| RuleFile::parse(name, text))
        .collect()
}

/// All loaded rules: the merged taxonomy, every profile and the lexicon.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub certifications: Vec<CertDef>,
    pub skills: Vec<SkillDef>,
    pub profiles: Vec<Profile>,
    /// The word lists of analysis and postings.
    pub lexicon: Lexicon,
}

impl RuleSet {
    /// The built-in rules: from their prebuilt blob ([`blob`]) unless a
    /// rule file changed since it was written, else parsed.
    pub fn builtin() -> RuleSet {
        let stored = std::thread::scope(|scope| {
            let lexicon = scope.spawn(|| Lexicon::from_sources(std::iter::empty()));
            let stored = blob::builtin();
            let lexicon = lexicon.join().expect("reading the lexicon does not panic");
            stored.zip(lexicon.ok())
        });
        match stored {
            Some((stored, lexicon)) => stored.with_lexicon(lexicon),
            None => Self::from_sources(BUILTIN.iter().map(|(f, s)| (f.to_string(), s.to_string())))
                .expect("built-in rules are valid (checked by tests)"),
        }
    }

    /// The blob [`RuleSet::builtin`] reads, written from the rule files
    /// (`tests/prebuilt.rs` embeds it).
    pub fn builtin_blob() -> Vec<u8> {
        blob::encode(
            &Self::from_sources(BUILTIN.iter().map(|(f, s)| (f.to_string(), s.to_string())))
                .expect("built-in rules are valid (checked by tests)"),
        )
    }

    /// The built-in rules plus the rule files at `paths` (files, or folders of `*.toml`).
    pub fn with_user_rules(paths: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
        if paths.is_empty() {
            return Ok(Self::builtin());
        }
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .collect();
        for path in paths {
            sources.extend(read_rule_sources(path)?);
        }
        Self::from_sources(sources)
    }

    /// Parses and validates rule files given as (file name, text) pairs;
    /// files named `lexicon.toml` change the built-in lexicon, in order.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<RuleSet, Vec<RuleError>> {
        let (lexicons, others): (Vec<_>, Vec<_>) = sources.into_iter().partition(|(name, _)| {
            Path::new(name).file_name() == Some(std::ffi::OsStr::new(lexicon::FILE_NAME))
        });
        // The lexicon, the first rule file (the built-in taxonomy, the
        // largest) and the others are read side by side: they are on the
        // path to the first check of every run.
        let (lexicon, parsed) = std::thread::scope(|scope| {
            let lexicon = scope.spawn(|| Lexicon::from_sources(lexicons));
            let (large, small) = others.split_at(others.len().min(1));
            let large = scope.spawn(|| parse_all(large));
            let mut parsed = parse_all(small);
            let lexicon = lexicon.join().expect("reading the lexicon does not panic");
            let mut first = large.join().expect("reading rule files does not panic");
            first.append(&mut parsed);
            (lexicon, first)
        });
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for file in parsed {
            match file {
                Ok(f) => files.push(f),
                Err(e) => errors.push(e),
            }
        }
        let lexicon = lexicon.unwrap_or_else(|e| {
            errors.extend(e);
            Lexicon::default()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        validate::assemble(files, lexicon)
    }

    /// The profile with this id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The certification with this id.
    pub fn certification(&self, id: &str) -> Option<&CertDef> {
        self.certifications.iter().find(|c| c.term.id == id)
    }

    /// The skill with this id.
    pub fn skill(&self, id: &str) -> Option<&SkillDef> {
        self.skills.iter().find(|s| s.term.id == id)
    }

    /// Every profile's requirements with this id, by profile id.
    pub fn requirements_named(&self, id: &str) -> BTreeMap<&str, &Requirement> {
        self.profiles
            .iter()
            .filter_map(|p| {
                p.requirements
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| (p.id.as_str(), r))
            })
            .collect()
    }
}

/// Reads one rule file, or every `*.toml` of a folder (sorted by name).
fn read_rule_sources(path: &Path) -> Result<Vec<(String, String)>, Vec<RuleError>> {
    let io_error = |p: &Path, e: std::io::Error| {
        vec![RuleError {
            file: p.display().to_string(),
            line: 0,
            key: String::new(),
            message: format!("cannot read rule file: {e}"),
        }]
    };
    let mut files = Vec::new();
    if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| io_error(path, e))?;
        for entry in entries {
            let p = entry.map_err(|e| io_error(path, e))?.path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    files
        .into_iter()
        .map(|p| {
            std::fs::read_to_string(&p)
                .map(|text| (p.display().to_string(), text))
                .map_err(|e| io_error(&p, e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let rules =
            RuleSet::from_sources(BUILTIN.iter().map(|(f, s)| (f.to_string(), s.to_string())))
                .unwrap_or_else(|e| {
                    panic!(
                        "{}",
                        e.iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("\n")
                    )
                });
        assert!(rules.profile("production-technician").is_some());
        assert!(rules.profile("production-engineer").is_some());
        for id in ["cpt", "cpim", "six-sigma", "cmq-oe", "lean"] {
            assert!(rules.certification(id).is_some(), "{id}");
        }
    }

    #[test]
    fn builtin_patterns_compile() {
        // Start-up skips checking the embedded patterns; this test does it.
        let rules = RuleSet::builtin();
        for c in &rules.certifications {
            for p in c
                .term
                .patterns
                .iter()
                .chain(c.partial.iter().map(|p| &p.pattern))
            {
                crate::pattern::Pattern::new(p)
                    .unwrap_or_else(|e| panic!("{}: {p}: {e}", c.term.id));
            }
        }
        for s in &rules.skills {
            for p in &s.term.patterns {
                crate::pattern::Pattern::new(p)
                    .unwrap_or_else(|e| panic!("{}: {p}: {e}", s.term.id));
            }
        }
    }

    #[test]
    fn every_builtin_entry_has_a_source() {
        let rules = RuleSet::builtin();
        for t in rules
            .certifications
            .iter()
            .map(|c| &c.term)
            .chain(rules.skills.iter().map(|s| &s.term))
        {
            assert!(!t.source.trim().is_empty(), "{} has no source", t.id);
        }
        for p in &rules.profiles {
            for r in &p.requirements {
                assert!(
                    !r.source.trim().is_empty(),
                    "{}:{} has no source",
                    p.id,
                    r.id
                );
            }
        }
    }

    #[test]
    fn every_rules_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") {
                assert!(
                    BUILTIN.iter().any(|(f, _)| f.ends_with(&name)),
                    "rules/{name} is not in BUILTIN"
                );
            }
        }
    }
}
