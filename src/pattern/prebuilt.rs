//! The built-in patterns compiled ahead of time: for each pattern source the
//! analysis of the built-in rules compiles, its forward and reverse sparse
//! DFAs (regex-automata), serialized little-endian into `prebuilt.bin` and
//! loaded in place, without compiling.
//!
//! `prebuilt.bin` is written by `tests/prebuilt.rs` (`ROLEFIT_REGENERATE=1
//! cargo test --release --test prebuilt`), which also fails when a built-in
//! pattern is missing from it. Layout (u32 little-endian): `RFPB`, version,
//! entry count; per entry, sorted by source, the offset and length of the
//! source, of the forward DFA and of the reverse DFA (lengths 0 when the
//! DFAs were too large to embed: the pattern is compiled at run time); then
//! the data, each DFA 4-byte aligned.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use regex_automata::dfa::{regex, sparse};

/// A prebuilt pattern: forward and reverse DFAs read in place.
pub(super) type DfaRegex = regex::Regex<sparse::DFA<&'static [u8]>>;

const MAGIC: &[u8; 4] = b"RFPB";
const VERSION: u32 = 1;
const HEADER: usize = 12;
const ENTRY: usize = 24;

#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

static BLOB: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!("prebuilt.bin"),
};

fn u32_at(blob: &[u8], at: usize) -> Option<usize> {
    let bytes = blob.get(at..at + 4)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?) as usize)
}

/// How many entries the blob has (none when it is not readable here).
fn count(blob: &[u8]) -> usize {
    let valid = cfg!(target_endian = "little")
        && blob.get(..4) == Some(MAGIC.as_slice())
        && u32_at(blob, 4) == Some(VERSION as usize);
    if valid {
        u32_at(blob, 8).unwrap_or(0)
    } else {
        0
    }
}

/// Entry `i`: (source, forward, reverse); empty DFA slices for a pattern
/// listed but not embedded.
fn entry(blob: &'static [u8], i: usize) -> Option<(&'static str, &'static [u8], &'static [u8])> {
    let at = HEADER + i * ENTRY;
    let slice = |k: usize| -> Option<&'static [u8]> {
        let off = u32_at(blob, at + k * 8)?;
        let len = u32_at(blob, at + k * 8 + 4)?;
        blob.get(off..off + len)
    };
    Some((std::str::from_utf8(slice(0)?).ok()?, slice(1)?, slice(2)?))
}

/// The entry for `source`: its source text and DFA bytes.
fn find(source: &str) -> Option<(&'static str, &'static [u8], &'static [u8])> {
    let blob: &'static [u8] = &BLOB.bytes;
    let count = count(blob);
    // Entries are sorted by source: a binary search over them.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let e = entry(blob, mid)?;
        match e.0.cmp(source) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(e),
        }
    }
    None
}

/// A built-in pattern: its prebuilt DFAs, or (too large to embed) only its
/// source, known to compile.
pub(super) enum Entry {
    Dfa(DfaRegex, &'static str),
    Lazy(&'static str),
}

/// The prebuilt DFAs of `source`, if it is one of the built-in patterns.
pub(super) fn lookup(source: &str) -> Option<Entry> {
    let (source, fwd, rev) = find(source)?;
    if fwd.is_empty() {
        return Some(Entry::Lazy(source));
    }
    // SAFETY: the blob is embedded at build time and every DFA in it was
    // written by `to_bytes_little_endian` of this regex-automata version;
    // `tests/prebuilt.rs` checks each one with the validating `from_bytes`
    // (`validate`). Validating here would cost more than compiling.
    let (fwd, _) = unsafe { sparse::DFA::from_bytes_unchecked(fwd) }.ok()?;
    let (rev, _) = unsafe { sparse::DFA::from_bytes_unchecked(rev) }.ok()?;
    Some(Entry::Dfa(regex::Builder::new().build_from_dfas(fwd, rev), source))
}

/// Checks every DFA of the blob as loading it without checks assumes: the
/// sources that fail.
#[doc(hidden)]
pub fn validate() -> Vec<&'static str> {
    let blob: &'static [u8] = &BLOB.bytes;
    (0..count(blob))
        .filter_map(|i| entry(blob, i))
        .filter(|(_, fwd, rev)| {
            !fwd.is_empty()
                && (sparse::DFA::from_bytes(fwd).is_err() || sparse::DFA::from_bytes(rev).is_err())
        })
        .map(|(source, _, _)| source)
        .collect()
}

/// Whether `source` is in the blob: `Some(true)` with its DFAs, `Some(false)`
/// listed as compiled at run time, `None` missing.
#[doc(hidden)]
pub fn listed(source: &str) -> Option<bool> {
    find(source).map(|(_, fwd, _)| !fwd.is_empty())
}

static RECORDING: AtomicBool = AtomicBool::new(false);
static RECORDED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Notes `source` while recording (for `tests/prebuilt.rs`).
pub(super) fn record(source: &str) {
    if RECORDING.load(Ordering::Relaxed) {
        let mut seen = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(source.to_string());
    }
}

/// Starts noting every pattern source compiled in this process.
#[doc(hidden)]
pub fn start_recording() {
    RECORDING.store(true, Ordering::Relaxed);
}

/// The pattern sources noted since [`start_recording`].
#[doc(hidden)]
pub fn recorded() -> Vec<String> {
    let seen = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
    seen.iter().cloned().collect()
}

/// The forward and reverse DFA bytes of one pattern, serialized little-endian.
pub type DfaBytes = (Vec<u8>, Vec<u8>);

/// The blob for these entries: (source, its DFAs or `None` to compile it at
/// run time).
#[doc(hidden)]
pub fn write_blob(entries: &[(String, Option<DfaBytes>)]) -> Vec<u8> {
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted.dedup_by(|a, b| a.0 == b.0);
    let mut data_at = HEADER + sorted.len() * ENTRY;
    let mut table = Vec::new();
    let mut data = Vec::new();
    let mut put = |bytes: &[u8], table: &mut Vec<u8>| {
        let pad = (4 - data_at % 4) % 4;
        data.extend(std::iter::repeat_n(0u8, pad));
        data_at += pad;
        table.extend((data_at as u32).to_le_bytes());
        table.extend((bytes.len() as u32).to_le_bytes());
        data.extend_from_slice(bytes);
        data_at += bytes.len();
    };
    for (source, dfas) in sorted {
        put(source.as_bytes(), &mut table);
        let (fwd, rev) = dfas
            .as_ref()
            .map(|(f, r)| (f.as_slice(), r.as_slice()))
            .unwrap_or((&[], &[]));
        put(fwd, &mut table);
        put(rev, &mut table);
    }
    let mut out = Vec::with_capacity(data_at);
    out.extend_from_slice(MAGIC);
    out.extend(VERSION.to_le_bytes());
    out.extend((table.len() as u32 / ENTRY as u32).to_le_bytes());
    out.extend(table);
    out.extend(data);
    out
}
