//! The built-in lexicon read ahead of time: its lists written into
//! `lexicon.bin` (by `tests/prebuilt.rs`, `ROLEFIT_REGENERATE=1 cargo test
//! --release --test prebuilt`), so a run loads them without parsing TOML.
//! The blob carries a hash of the `rules/lexicon.toml` it was read from; when
//! the file has changed since, the blob is ignored and the file parsed.
//!
//! Layout: the FNV-1a 64-bit hash of the text (8 bytes, little-endian), then
//! LEB128 numbers and length-prefixed UTF-8 strings: the list count, per list
//! its key and entries; the section keyword groups, per group its section's
//! index in [`Section::ALL`] and its keywords.

use super::Lexicon;
use crate::rules::Section;
use crate::varint;

static BLOB: &[u8] = include_bytes!("../lexicon.bin");

fn hash(text: &str) -> u64 {
    crate::rules::fnv1a(text.as_bytes(), crate::rules::FNV_START)
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    varint::put(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_list(out: &mut Vec<u8>, list: &[String]) {
    varint::put(out, list.len());
    for entry in list {
        put_str(out, entry);
    }
}

/// The blob of `lexicon`, read from `text`.
pub(super) fn encode(lexicon: &Lexicon, text: &str) -> Vec<u8> {
    let mut out = hash(text).to_le_bytes().to_vec();
    let mut lists: Vec<_> = lexicon.lists.iter().collect();
    lists.sort();
    varint::put(&mut out, lists.len());
    for (key, list) in lists {
        put_str(&mut out, key);
        put_list(&mut out, list);
    }
    varint::put(&mut out, lexicon.section_keywords.len());
    for (section, keywords) in &lexicon.section_keywords {
        let index = Section::ALL
            .iter()
            .position(|s| s == section)
            .unwrap_or(usize::MAX);
        varint::put(&mut out, index);
        put_list(&mut out, keywords);
    }
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn number(&mut self) -> Option<usize> {
        varint::read(&mut self.0)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.number()?;
        let raw = self.0.get(..len)?;
        self.0 = &self.0[len..];
        std::str::from_utf8(raw).ok().map(str::to_string)
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let n = self.number()?;
        // Each entry takes a byte at least: a damaged count cannot allocate much.
        let mut list = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            list.push(self.string()?);
        }
        Some(list)
    }
}

/// The lexicon in `blob`, if it was read from a text of hash `text_hash`
/// and reads back whole.
fn decode(blob: &[u8], text_hash: u64) -> Option<Lexicon> {
    let (stamp, rest) = blob.split_at_checked(8)?;
    if stamp != text_hash.to_le_bytes() {
        return None;
    }
    let mut r = Reader(rest);
    let mut lexicon = Lexicon::default();
    for _ in 0..r.number()? {
        let key = r.string()?;
        let list = r.list()?;
        lexicon.lists.insert(key, list);
    }
    for _ in 0..r.number()? {
        let section = *Section::ALL.get(r.number()?)?;
        lexicon.section_keywords.push((section, r.list()?));
    }
    r.0.is_empty().then_some(lexicon)
}

/// The built-in lexicon from the embedded blob, unless the blob is stale.
pub(super) fn builtin() -> Option<Lexicon> {
    const BUILTIN_HASH: u64 =
        crate::rules::fnv1a(super::BUILTIN_TEXT.as_bytes(), crate::rules::FNV_START);
    decode(BLOB, BUILTIN_HASH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_comes_back_whole_and_a_changed_file_is_parsed() {
        let parsed = Lexicon::parsed_builtin();
        let text = super::super::BUILTIN_TEXT;
        let blob = encode(&parsed, text);
        assert_eq!(decode(&blob, hash(text)), Some(parsed));
        assert_eq!(
            decode(&blob, hash(&format!("{text}\n"))),
            None,
            "stale blob used"
        );
        assert_eq!(decode(&blob[..blob.len() - 1], hash(text)), None);
    }

    #[test]
    fn the_embedded_blob_is_current() {
        assert_eq!(
            builtin(),
            Some(Lexicon::parsed_builtin()),
            "src/rules/lexicon.bin is stale: ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt"
        );
    }
}
