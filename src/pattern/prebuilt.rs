//! The built-in patterns compiled ahead of time: for each pattern source the
//! analysis of the built-in rules compiles, its forward and reverse DFAs
//! (regex-automata; dense when small, else sparse), serialized little-endian into `prebuilt.bin` and
//! loaded in place, without compiling; and its NFAs ([`super::nfa_codec`]):
//! the forward one for capture groups, both for a pattern whose DFAs are too
//! large to embed (searched by a lazy DFA built from them).
//!
//! `prebuilt.bin` is written by `tests/prebuilt.rs` (`ROLEFIT_REGENERATE=1
//! cargo test --release --test prebuilt`), which also fails when a built-in
//! pattern is missing from it. Layout (u32 little-endian): `RFPB`, version,
//! entry count; per entry, sorted by source, the offset and length of the
//! source, of the forward and reverse DFAs (lengths 0 when too large to
//! embed), and of the forward and reverse NFAs (the forward one only for a
//! pattern with capture groups or without DFAs; the reverse one only without
//! DFAs); then the data, each piece 4-byte aligned.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use regex_automata::dfa::{dense, regex, sparse};
use regex_automata::nfa::thompson::NFA;
use regex_automata::Match;

/// A prebuilt pattern: forward and reverse DFAs read in place, dense (one
/// table lookup a byte) when small, else sparse (a fraction of the size).
#[derive(Debug, Clone)]
pub(super) enum DfaRegex {
    Dense(regex::Regex<dense::DFA<&'static [u32]>>),
    Sparse(regex::Regex<sparse::DFA<&'static [u8]>>),
}

impl DfaRegex {
    pub(super) fn is_match(&self, haystack: &[u8]) -> bool {
        match self {
            DfaRegex::Dense(re) => re.is_match(haystack),
            DfaRegex::Sparse(re) => re.is_match(haystack),
        }
    }

    pub(super) fn find(&self, haystack: &[u8]) -> Option<Match> {
        match self {
            DfaRegex::Dense(re) => re.find(haystack),
            DfaRegex::Sparse(re) => re.find(haystack),
        }
    }

    /// The leftmost match starting at or after `at`, the text before `at`
    /// still read by look-behind assertions.
    pub(super) fn find_at(&self, haystack: &[u8], at: usize) -> Option<Match> {
        let input = regex_automata::Input::new(haystack).range(at..);
        match self {
            DfaRegex::Dense(re) => re.find(input),
            DfaRegex::Sparse(re) => re.find(input),
        }
    }

    pub(super) fn find_iter<'a>(
        &'a self,
        haystack: &'a [u8],
    ) -> Box<dyn Iterator<Item = Match> + 'a> {
        match self {
            DfaRegex::Dense(re) => Box::new(re.find_iter(haystack)),
            DfaRegex::Sparse(re) => Box::new(re.find_iter(haystack)),
        }
    }
}

const MAGIC: &[u8; 4] = b"RFPB";
const VERSION: u32 = 2;
const HEADER: usize = 12;
const ENTRY: usize = 40;

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

/// One entry of the blob: a pattern's source and the bytes of its automata
/// (empty when not embedded).
struct Stored {
    source: &'static str,
    forward_dfa: &'static [u8],
    reverse_dfa: &'static [u8],
    nfas: Nfas,
}

/// Entry `i` of the blob.
fn entry(blob: &'static [u8], i: usize) -> Option<Stored> {
    let at = HEADER + i * ENTRY;
    let slice = |k: usize| -> Option<&'static [u8]> {
        let off = u32_at(blob, at + k * 8)?;
        let len = u32_at(blob, at + k * 8 + 4)?;
        blob.get(off..off + len)
    };
    let source = std::str::from_utf8(slice(0)?).ok()?;
    Some(Stored {
        source,
        forward_dfa: slice(1)?,
        reverse_dfa: slice(2)?,
        nfas: Nfas {
            source,
            forward: slice(3)?,
            reverse: slice(4)?,
        },
    })
}

/// The entry for `source`.
fn find(source: &str) -> Option<Stored> {
    let blob: &'static [u8] = &BLOB.bytes;
    let count = count(blob);
    // Entries are sorted by source: a binary search over them.
    // Sources compare as bytes (as `str`s order); only the entry found is
    // read and checked as UTF-8.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let at = HEADER + mid * ENTRY;
        let (off, len) = (u32_at(blob, at)?, u32_at(blob, at + 4)?);
        match blob.get(off..off + len)?.cmp(source.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return entry(blob, mid),
        }
    }
    None
}

/// The embedded NFAs of a built-in pattern (empty slices when not embedded)
/// and its source, known to compile.
#[derive(Debug, Clone, Copy)]
pub struct Nfas {
    pub source: &'static str,
    forward: &'static [u8],
    reverse: &'static [u8],
}

impl Nfas {
    /// The forward NFA, with capture groups, if embedded and readable.
    pub fn forward(&self) -> Option<NFA> {
        super::nfa_codec::decode(self.forward)
    }

    /// The reverse NFA, if embedded and readable.
    pub fn reverse(&self) -> Option<NFA> {
        super::nfa_codec::decode(self.reverse)
    }
}

/// A built-in pattern: its prebuilt DFAs, or (too large to embed) its NFAs.
pub(super) enum Entry {
    Dfa(Box<DfaRegex>, Nfas),
    Nfa(Nfas),
}

/// The prebuilt automata of `source`, if it is one of the built-in patterns.
pub(super) fn lookup(source: &str) -> Option<Entry> {
    let Stored {
        forward_dfa: fwd,
        reverse_dfa: rev,
        nfas,
        ..
    } = find(source)?;
    if fwd.is_empty() {
        return Some(Entry::Nfa(nfas));
    }
    // SAFETY: the blob is embedded at build time and every DFA in it was
    // written by `to_bytes_little_endian` of this regex-automata version;
    // `tests/prebuilt.rs` checks each one with the validating `from_bytes`
    // (`validate`). Validating here would cost more than compiling. A dense
    // DFA's bytes are 4-byte aligned in the blob, as reading them needs; the
    // label at their start says whether they are dense or sparse.
    let dfas = if let Ok((fwd, _)) = unsafe { dense::DFA::from_bytes_unchecked(fwd) } {
        let (rev, _) = unsafe { dense::DFA::from_bytes_unchecked(rev) }.ok()?;
        DfaRegex::Dense(regex::Builder::new().build_from_dfas(fwd, rev))
    } else {
        let (fwd, _) = unsafe { sparse::DFA::from_bytes_unchecked(fwd) }.ok()?;
        let (rev, _) = unsafe { sparse::DFA::from_bytes_unchecked(rev) }.ok()?;
        DfaRegex::Sparse(regex::Builder::new().build_from_dfas(fwd, rev))
    };
    Some(Entry::Dfa(Box::new(dfas), nfas))
}

/// Checks every DFA of the blob as loading it without checks assumes: the
/// sources that fail.
#[doc(hidden)]
pub fn validate() -> Vec<&'static str> {
    let blob: &'static [u8] = &BLOB.bytes;
    (0..count(blob))
        .filter_map(|i| entry(blob, i))
        .filter(|e| {
            let dense = dense::DFA::from_bytes(e.forward_dfa).is_ok()
                && dense::DFA::from_bytes(e.reverse_dfa).is_ok();
            let sparse = sparse::DFA::from_bytes(e.forward_dfa).is_ok()
                && sparse::DFA::from_bytes(e.reverse_dfa).is_ok();
            !e.forward_dfa.is_empty() && !dense && !sparse
        })
        .map(|e| e.source)
        .collect()
}

/// How `source` is in the blob, if it is.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// With its DFAs.
    Dfa,
    /// With its NFAs only (its DFAs are too large).
    Nfa,
}

/// Whether and how `source` is in the blob.
#[doc(hidden)]
pub fn listed(source: &str) -> Option<Listed> {
    find(source).map(|e| {
        if e.forward_dfa.is_empty() {
            Listed::Nfa
        } else {
            Listed::Dfa
        }
    })
}

/// The embedded NFAs of `source` (for tests).
#[doc(hidden)]
pub fn nfas(source: &str) -> Option<Nfas> {
    find(source).map(|e| e.nfas)
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

/// One pattern for the blob: its source and the bytes of its forward and
/// reverse DFAs (serialized little-endian) and NFAs ([`super::nfa_codec`]),
/// each empty when not embedded.
#[doc(hidden)]
pub struct BlobEntry {
    pub source: String,
    pub dfas: (Vec<u8>, Vec<u8>),
    pub nfas: (Vec<u8>, Vec<u8>),
}

/// The blob for these entries.
#[doc(hidden)]
pub fn write_blob(entries: &[BlobEntry]) -> Vec<u8> {
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    sorted.dedup_by(|a, b| a.source == b.source);
    let mut blob = BlobWriter::new(sorted.len(), ENTRY / 8);
    // The sources first, side by side: a lookup's binary search reads them
    // only, so it touches a few pages of the blob, not one per probe.
    for (i, e) in sorted.iter().enumerate() {
        blob.put(i, 0, e.source.as_bytes());
    }
    for (i, e) in sorted.iter().enumerate() {
        for (slot, bytes) in [&e.dfas.0, &e.dfas.1, &e.nfas.0, &e.nfas.1]
            .into_iter()
            .enumerate()
        {
            blob.put(i, slot + 1, bytes);
        }
    }
    blob.finish(MAGIC)
}

/// A blob being written: the header (magic, version, entry count), a table
/// of (offset, length) pairs per entry and slot, u32 little-endian, then the
/// data they point at, each piece 4-byte aligned, in the order it was put.
struct BlobWriter {
    slots: usize,
    data_at: usize,
    table: Vec<[u32; 2]>,
    data: Vec<u8>,
}

impl BlobWriter {
    /// For `entries` table rows of `slots` (offset, length) pairs each.
    fn new(entries: usize, slots: usize) -> Self {
        BlobWriter {
            slots,
            data_at: HEADER + entries * slots * 8,
            table: vec![[0, 0]; entries * slots],
            data: Vec::new(),
        }
    }

    /// Appends `bytes` to the data as slot `slot` of entry `entry`.
    fn put(&mut self, entry: usize, slot: usize, bytes: &[u8]) {
        let pad = (4 - self.data_at % 4) % 4;
        self.data.extend(std::iter::repeat_n(0u8, pad));
        self.data_at += pad;
        self.table[entry * self.slots + slot] = [self.data_at as u32, bytes.len() as u32];
        self.data.extend_from_slice(bytes);
        self.data_at += bytes.len();
    }

    fn finish(self, magic: &[u8; 4]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data_at);
        out.extend_from_slice(magic);
        out.extend(VERSION.to_le_bytes());
        out.extend(((self.table.len() / self.slots) as u32).to_le_bytes());
        for [offset, len] in self.table {
            out.extend(offset.to_le_bytes());
            out.extend(len.to_le_bytes());
        }
        out.extend(self.data);
        out
    }
}

/// The taxonomy's alias sets compiled ahead of time: per set of literals
/// (the certification and the skill aliases of the built-in rules), the
/// Aho-Corasick trie of its literals with failure links and, per state, every
/// literal ending there, in `aliases.bin` (written by `tests/prebuilt.rs`
/// like `prebuilt.bin`) and read in place. (A DFA of the same set would be
/// 29 MB.) Layout (u32 little-endian): `RFAL`, version, entry count; per
/// entry the offset and length of its literals (each followed by a NUL byte)
/// and of its trie: state count `n`, transition count `t`, match count `m`,
/// then `trans_at[n + 1]`, `fail[n]`, `match_at[n + 1]`, `next[t]`,
/// `matches[m]` and the transitions' bytes `byte[t]` (sorted per state).
/// State 0 is the root.
#[derive(Debug, Clone, Copy)]
pub struct AliasTrie {
    trans_at: &'static [u8],
    fail: &'static [u8],
    match_at: &'static [u8],
    next: &'static [u8],
    matches: &'static [u8],
    byte: &'static [u8],
}

const ALIAS_MAGIC: &[u8; 4] = b"RFAL";
const ALIAS_ENTRY: usize = 16;

static ALIAS_BLOB: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!("aliases.bin"),
};

/// The `i`-th u32 of `array` (0 past its end: only a corrupt blob reads there).
fn nth(array: &[u8], i: usize) -> usize {
    array
        .get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

impl AliasTrie {
    fn read(bytes: &'static [u8]) -> Option<AliasTrie> {
        let (n, t, m) = (nth(bytes, 0), nth(bytes, 1), nth(bytes, 2));
        let mut at: usize = 12;
        let mut take = |len: usize| -> Option<&'static [u8]> {
            let slice = bytes.get(at..at.checked_add(len)?)?;
            at += len;
            Some(slice)
        };
        Some(AliasTrie {
            trans_at: take((n + 1) * 4)?,
            fail: take(n * 4)?,
            match_at: take((n + 1) * 4)?,
            next: take(t * 4)?,
            matches: take(m * 4)?,
            byte: take(t)?,
        })
    }

    /// The state after `state` on `b`, if it has that transition.
    fn step(&self, state: usize, b: u8) -> Option<usize> {
        let (from, to) = (nth(self.trans_at, state), nth(self.trans_at, state + 1));
        let bytes = self.byte.get(from..to)?;
        let k = if bytes.len() > 8 {
            bytes.binary_search(&b).ok()?
        } else {
            bytes.iter().position(|&x| x == b)?
        };
        Some(nth(self.next, from + k))
    }
}

/// Entry `i` of the alias blob: (literals, trie bytes).
fn alias_entry(blob: &'static [u8], i: usize) -> Option<(&'static [u8], &'static [u8])> {
    let at = HEADER + i * ALIAS_ENTRY;
    let slice = |k: usize| -> Option<&'static [u8]> {
        let off = u32_at(blob, at + k * 8)?;
        let len = u32_at(blob, at + k * 8 + 4)?;
        blob.get(off..off + len)
    };
    Some((slice(0)?, slice(1)?))
}

fn alias_count(blob: &[u8]) -> usize {
    let valid =
        blob.get(..4) == Some(ALIAS_MAGIC.as_slice()) && u32_at(blob, 4) == Some(VERSION as usize);
    if valid {
        u32_at(blob, 8).unwrap_or(0)
    } else {
        0
    }
}

/// Whether `key` (literals each followed by NUL) is exactly `literals`.
fn same_literals(mut key: &[u8], literals: &[String]) -> bool {
    for l in literals {
        let l = l.as_bytes();
        match key.get(..l.len() + 1) {
            Some(head) if &head[..l.len()] == l && head[l.len()] == 0 => key = &key[l.len() + 1..],
            _ => return false,
        }
    }
    key.is_empty()
}

/// The prebuilt trie of exactly these literals (in this order), if any.
pub fn aliases(literals: &[String]) -> Option<AliasTrie> {
    let blob: &'static [u8] = &ALIAS_BLOB.bytes;
    (0..alias_count(blob))
        .filter_map(|i| alias_entry(blob, i))
        .find(|(key, _)| same_literals(key, literals))
        .and_then(|(_, trie)| AliasTrie::read(trie))
}

/// Every literal of `trie`'s set occurring in `haystack`, as (literal index,
/// end offset), in the order of an Aho-Corasick overlapping search: by end,
/// then longest first, then by index.
pub fn alias_matches(trie: &AliasTrie, haystack: &[u8], out: &mut Vec<(usize, usize)>) {
    let mut state = 0;
    for (i, &b) in haystack.iter().enumerate() {
        state = loop {
            if let Some(next) = trie.step(state, b) {
                break next;
            }
            if state == 0 {
                break 0;
            }
            state = nth(trie.fail, state);
        };
        // Each state lists its own literals, then those of its failure state.
        for k in nth(trie.match_at, state)..nth(trie.match_at, state + 1) {
            out.push((nth(trie.matches, k), i + 1));
        }
    }
}

static RECORDED_ALIASES: Mutex<Vec<Vec<String>>> = Mutex::new(Vec::new());

/// Notes a set of alias literals while recording (for `tests/prebuilt.rs`).
pub fn record_aliases(literals: &[String]) {
    if RECORDING.load(Ordering::Relaxed) {
        let mut seen = RECORDED_ALIASES.lock().unwrap_or_else(|e| e.into_inner());
        if !seen.iter().any(|s| s.as_slice() == literals) {
            seen.push(literals.to_vec());
        }
    }
}

/// The alias sets noted since [`start_recording`].
#[doc(hidden)]
pub fn recorded_aliases() -> Vec<Vec<String>> {
    RECORDED_ALIASES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
}

/// The trie of `literals` serialized as `AliasTrie` reads it.
fn build_trie(literals: &[String]) -> Vec<u8> {
    // Children per state, sorted by byte.
    let mut children: Vec<Vec<(u8, usize)>> = vec![Vec::new()];
    let mut own: Vec<Vec<usize>> = vec![Vec::new()];
    let mut depth: Vec<usize> = vec![0];
    for (id, literal) in literals.iter().enumerate() {
        let mut state = 0;
        for &b in literal.as_bytes() {
            state = match children[state].binary_search_by_key(&b, |c| c.0) {
                Ok(k) => children[state][k].1,
                Err(k) => {
                    let new = children.len();
                    children.push(Vec::new());
                    own.push(Vec::new());
                    depth.push(depth[state] + 1);
                    children[state].insert(k, (b, new));
                    new
                }
            };
        }
        own[state].push(id);
    }
    // Failure links breadth first; each state's matches are its own, then its
    // failure state's (already complete: it is shallower).
    let n = children.len();
    let mut fail = vec![0usize; n];
    let mut all: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut queue = std::collections::VecDeque::from([0usize]);
    while let Some(state) = queue.pop_front() {
        let mut list = own[state].clone();
        if state != 0 {
            list.extend(all[fail[state]].iter().copied());
        }
        all[state] = list;
        for &(b, child) in &children[state] {
            fail[child] = if state == 0 {
                0
            } else {
                let mut f = fail[state];
                loop {
                    if let Ok(k) = children[f].binary_search_by_key(&b, |c| c.0) {
                        break children[f][k].1;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f];
                }
            };
            queue.push_back(child);
        }
    }
    let t: usize = children.iter().map(Vec::len).sum();
    let m: usize = all.iter().map(Vec::len).sum();
    let mut out = Vec::new();
    let put = |v: usize, out: &mut Vec<u8>| out.extend((v as u32).to_le_bytes());
    for v in [n, t, m] {
        put(v, &mut out);
    }
    let mut at = 0;
    for c in &children {
        put(at, &mut out);
        at += c.len();
    }
    put(at, &mut out);
    for &f in &fail {
        put(f, &mut out);
    }
    let mut at = 0;
    for list in &all {
        put(at, &mut out);
        at += list.len();
    }
    put(at, &mut out);
    for c in &children {
        for &(_, next) in c {
            put(next, &mut out);
        }
    }
    for list in &all {
        for &id in list {
            put(id, &mut out);
        }
    }
    for c in &children {
        out.extend(c.iter().map(|&(b, _)| b));
    }
    out
}

/// The alias blob for these literal sets.
#[doc(hidden)]
pub fn write_alias_blob(sets: &[Vec<String>]) -> Vec<u8> {
    let mut blob = BlobWriter::new(sets.len(), ALIAS_ENTRY / 8);
    // The keys first, side by side: a lookup reads them only.
    for (i, literals) in sets.iter().enumerate() {
        let key: Vec<u8> = literals
            .iter()
            .flat_map(|l| l.bytes().chain(std::iter::once(0)))
            .collect();
        blob.put(i, 0, &key);
    }
    for (i, literals) in sets.iter().enumerate() {
        blob.put(i, 1, &build_trie(literals));
    }
    blob.finish(ALIAS_MAGIC)
}
