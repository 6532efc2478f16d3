//! The built-in rules read ahead of time: the taxonomy and the profiles,
//! parsed and assembled from the embedded rule files, written into
//! `rules.bin` (by `tests/prebuilt.rs`, `ROLEFIT_REGENERATE=1 cargo test
//! --release --test prebuilt`), so a run without `--rules` loads them
//! without parsing TOML or resolving profiles (6 M of the 60 M instructions
//! of checking one file went there).
//!
//! The first 8 bytes are the FNV-1a hash of every embedded rule file (its
//! name and text), little-endian; when a file has changed since, the blob
//! is ignored and the files parsed. The rest is postcard (serde's derives
//! in a compact binary form: lengths and numbers as varints, strings as
//! bytes), which reads in a third of JSON's instructions (1.6 M). The
//! lexicon has a blob of its own (`lexicon/blob.rs`) and is not stored here.

use serde::{Deserialize, Serialize};

use super::schema::{LevelDef, PartialDef, TermDef};
use super::{CertDef, Lexicon, Profile, RuleSet, SkillDef, SkillKind, BUILTIN};

static BLOB: &[u8] = include_bytes!("rules.bin");

/// What the blob stores of a [`RuleSet`].
#[derive(Serialize, Deserialize)]
pub(super) struct Stored {
    certifications: Vec<StoredCert>,
    skills: Vec<StoredSkill>,
    profiles: Vec<Profile>,
}

/// A [`CertDef`] with its term nested rather than flattened: serde reads a
/// flattened struct through a buffer of every value, which was 40 % of
/// reading the blob.
#[derive(Serialize, Deserialize)]
struct StoredCert {
    term: TermDef,
    issuer: String,
    min_years: Option<f64>,
    partial: Vec<PartialDef>,
    levels: Vec<LevelDef>,
}

/// A [`SkillDef`] with its term nested (see [`StoredCert`]).
#[derive(Serialize, Deserialize)]
struct StoredSkill {
    term: TermDef,
    kind: SkillKind,
}

impl From<&CertDef> for StoredCert {
    fn from(c: &CertDef) -> StoredCert {
        StoredCert {
            term: c.term.clone(),
            issuer: c.issuer.clone(),
            min_years: c.min_years,
            partial: c.partial.clone(),
            levels: c.levels.clone(),
        }
    }
}

impl From<StoredCert> for CertDef {
    fn from(c: StoredCert) -> CertDef {
        CertDef {
            term: c.term,
            issuer: c.issuer,
            min_years: c.min_years,
            partial: c.partial,
            levels: c.levels,
        }
    }
}

impl From<&SkillDef> for StoredSkill {
    fn from(s: &SkillDef) -> StoredSkill {
        StoredSkill {
            term: s.term.clone(),
            kind: s.kind,
        }
    }
}

impl From<StoredSkill> for SkillDef {
    fn from(s: StoredSkill) -> SkillDef {
        SkillDef {
            term: s.term,
            kind: s.kind,
        }
    }
}

/// The hash of the embedded rule files, names and texts.
const STAMP: u64 = {
    let mut hash = super::FNV_START;
    let mut i = 0;
    while i < BUILTIN.len() {
        hash = super::fnv1a(BUILTIN[i].0.as_bytes(), hash);
        hash = super::fnv1a(BUILTIN[i].1.as_bytes(), hash);
        i += 1;
    }
    hash
};

/// The blob of the built-in rules `rules`.
pub(super) fn encode(rules: &RuleSet) -> Vec<u8> {
    let stored = Stored {
        certifications: rules.certifications.iter().map(StoredCert::from).collect(),
        skills: rules.skills.iter().map(StoredSkill::from).collect(),
        profiles: rules.profiles.clone(),
    };
    let blob = STAMP.to_le_bytes().to_vec();
    postcard::to_extend(&stored, blob).expect("rules serialize")
}

impl Stored {
    /// The rule set of these rules and `lexicon`.
    pub(super) fn with_lexicon(self, lexicon: Lexicon) -> RuleSet {
        RuleSet {
            certifications: self.certifications.into_iter().map(CertDef::from).collect(),
            skills: self.skills.into_iter().map(SkillDef::from).collect(),
            profiles: self.profiles,
            lexicon,
        }
    }
}

/// The rules in `blob`, if it was written from the embedded rule files as
/// they are and reads back whole.
fn decode(blob: &[u8]) -> Option<Stored> {
    let (head, body) = blob.split_at_checked(8)?;
    if head != STAMP.to_le_bytes() {
        return None;
    }
    match postcard::take_from_bytes(body) {
        Ok((stored, [])) => Some(stored),
        _ => None,
    }
}

/// The built-in rules from the embedded blob, unless the blob is stale.
pub(super) fn builtin() -> Option<Stored> {
    decode(BLOB)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed() -> RuleSet {
        RuleSet::from_sources(BUILTIN.iter().map(|(f, s)| (f.to_string(), s.to_string())))
            .expect("built-in rules are valid")
    }

    #[test]
    fn the_rules_come_back_whole_and_a_stale_blob_is_refused() {
        let rules = parsed();
        let blob = encode(&rules);
        let back = decode(&blob).expect("blob reads back");
        assert_eq!(encode(&back.with_lexicon(Lexicon::default())), blob);
        assert!(decode(&[b"0".as_slice(), &blob].concat()).is_none());
        assert!(decode(&blob[..blob.len() - 3]).is_none());
        assert!(decode(&[blob.as_slice(), b"0"].concat()).is_none());
    }

    #[test]
    fn the_embedded_blob_is_current() {
        assert!(
            BLOB == encode(&parsed()),
            "src/rules/rules.bin is stale: ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt"
        );
    }
}
