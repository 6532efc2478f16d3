//! A bounded parser for CMaps: ToUnicode maps (`bfchar`, `bfrange` with a
//! string or an array target) and the code space and CID mappings of
//! embedded encoding CMaps (`codespacerange`, `cidchar`, `cidrange`).
//!
//! The parser is a flat token loop (no recursion) and caps everything a
//! hostile stream could inflate: mappings per map, the span of one range, and
//! the length of a target string.

use rustc_hash::FxHashMap as HashMap;

/// Mappings kept per CMap; the rest are ignored.
pub const MAX_MAPPINGS: usize = 100_000;
/// Largest code span of one `bfrange`/`cidrange` that is expanded.
pub const MAX_RANGE_SPAN: u32 = 65_536;
/// Longest target of one mapping, in UTF-16 code units.
pub const MAX_TARGET_UNITS: usize = 32;

/// One code-space range: codes of `len` bytes between `lo` and `hi`, byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRange {
    pub len: u8,
    pub lo: [u8; 4],
    pub hi: [u8; 4],
}

impl CodeRange {
    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len as usize
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| *b >= self.lo[i] && *b <= self.hi[i])
    }
}

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Code-space ranges, in file order.
    pub codespace: Vec<CodeRange>,
    /// (code length, code) → Unicode text.
    pub unicode: HashMap<(u8, u32), String>,
    /// (code length, code) → CID, for encoding CMaps.
    pub cid_single: HashMap<(u8, u32), u32>,
    /// (code length, first, last, first CID), for encoding CMaps.
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// The CMap named by `usecmap` (a predefined one, for embedded
    /// encoding CMaps), which maps the codes this one does not.
    pub usecmap: Option<Vec<u8>>,
    /// Set when a cap was hit and mappings were dropped.
    pub truncated: bool,
    /// `/CMapType 2`: the CMap says it maps codes to Unicode.
    pub maps_unicode: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Int(i64),
    Word(Vec<u8>),
    ArrOpen,
    ArrClose,
    Other,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Option<Tok> {
        let s = self.s;
        loop {
            while self.i < s.len() && s[self.i].is_ascii_whitespace()
                || self.i < s.len() && s[self.i] == 0
            {
                self.i += 1;
            }
            if self.i < s.len() && s[self.i] == b'%' {
                while self.i < s.len() && s[self.i] != b'\n' && s[self.i] != b'\r' {
                    self.i += 1;
                }
                continue;
            }
            break;
        }
        if self.i >= s.len() {
            return None;
        }
        let c = s[self.i];
        match c {
            b'<' if s.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                Some(Tok::Other)
            }
            b'>' if s.get(self.i + 1) == Some(&b'>') => {
                self.i += 2;
                Some(Tok::Other)
            }
            b'<' => {
                self.i += 1;
                let mut out = Vec::new();
                let mut hi: Option<u8> = None;
                while self.i < s.len() && s[self.i] != b'>' {
                    if let Some(v) = hex_val(s[self.i]) {
                        match hi.take() {
                            Some(h) => out.push(h << 4 | v),
                            None => hi = Some(v),
                        }
                    }
                    self.i += 1;
                }
                if let Some(h) = hi {
                    out.push(h << 4);
                }
                self.i += 1;
                Some(Tok::Hex(out))
            }
            b'(' => {
                // Literal string: nesting is counted, never recursed.
                self.i += 1;
                let mut depth = 1usize;
                let mut out = Vec::new();
                while self.i < s.len() {
                    let b = s[self.i];
                    self.i += 1;
                    match b {
                        b'\\' => {
                            if let Some(&n) = s.get(self.i) {
                                self.i += 1;
                                match n {
                                    b'n' => out.push(b'\n'),
                                    b'r' => out.push(b'\r'),
                                    b't' => out.push(b'\t'),
                                    b'b' => out.push(8),
                                    b'f' => out.push(12),
                                    b'0'..=b'7' => {
                                        let mut v = (n - b'0') as u32;
                                        for _ in 0..2 {
                                            match s.get(self.i) {
                                                Some(d @ b'0'..=b'7') => {
                                                    v = v * 8 + (d - b'0') as u32;
                                                    self.i += 1;
                                                }
                                                _ => break,
                                            }
                                        }
                                        out.push(v as u8);
                                    }
                                    b'\r' | b'\n' => {}
                                    other => out.push(other),
                                }
                            }
                        }
                        b'(' => {
                            depth += 1;
                            out.push(b);
                        }
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            out.push(b);
                        }
                        _ => out.push(b),
                    }
                }
                Some(Tok::Str(out))
            }
            b'[' => {
                self.i += 1;
                Some(Tok::ArrOpen)
            }
            b']' => {
                self.i += 1;
                Some(Tok::ArrClose)
            }
            b'/' => {
                self.i += 1;
                let start = self.i;
                while self.i < s.len() && !s[self.i].is_ascii_whitespace() && !is_delim(s[self.i]) {
                    self.i += 1;
                }
                Some(Tok::Name(s[start..self.i].to_vec()))
            }
            _ if is_delim(c) => {
                self.i += 1;
                Some(Tok::Other)
            }
            _ => {
                let start = self.i;
                while self.i < s.len() && !s[self.i].is_ascii_whitespace() && !is_delim(s[self.i]) {
                    self.i += 1;
                }
                let w = &s[start..self.i];
                if let Some(n) = std::str::from_utf8(w)
                    .ok()
                    .and_then(|t| t.parse::<i64>().ok())
                {
                    Some(Tok::Int(n))
                } else {
                    Some(Tok::Word(w.to_vec()))
                }
            }
        }
    }
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let v = bytes.iter().fold(0u32, |acc, b| acc << 8 | *b as u32);
    Some((bytes.len() as u8, v))
}

/// Decodes a UTF-16BE target, dropping unpaired surrogates and NULs.
pub fn utf16be_to_string(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks(2)
        .take(MAX_TARGET_UNITS)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect();
    let s: String = char::decode_utf16(units.iter().copied())
        .filter_map(Result::ok)
        .filter(|c| *c != '\0')
        .collect();
    Some(s)
}

/// Length of the code at the start of `bytes` by code-space ranges;
/// `default` when there are none. Unmatched bytes take the shortest length.
pub fn code_len_in(codespace: &[CodeRange], bytes: &[u8], default: usize) -> usize {
    if codespace.is_empty() {
        return default.min(bytes.len()).max(1);
    }
    for len in 1..=4usize {
        if bytes.len() < len {
            break;
        }
        if codespace.iter().any(|r| r.contains(&bytes[..len])) {
            return len;
        }
    }
    let shortest = codespace.iter().map(|r| r.len as usize).min().unwrap_or(1);
    shortest.min(bytes.len()).max(1)
}

impl CMap {
    /// Parses CMap text. Never fails: what cannot be understood is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer { s: data, i: 0 };
        // Section the parser is in.
        #[derive(PartialEq)]
        enum Sec {
            None,
            Codespace,
            BfChar,
            BfRange,
            CidChar,
            CidRange,
        }
        let mut sec = Sec::None;
        let mut args: Vec<Tok> = Vec::new();
        let mut in_array = false;
        let mut array: Vec<Vec<u8>> = Vec::new();
        // The last name outside sections, for `/Name usecmap`.
        let mut last_name: Option<Vec<u8>> = None;
        while let Some(tok) = lx.next() {
            match &tok {
                Tok::Name(n) if sec == Sec::None => {
                    last_name = Some(n.clone());
                    continue;
                }
                Tok::Word(w) => {
                    let w = w.as_slice();
                    if w == b"usecmap" && cmap.usecmap.is_none() {
                        cmap.usecmap = last_name.take();
                    }
                    match w {
                        b"begincodespacerange" => sec = Sec::Codespace,
                        b"beginbfchar" => sec = Sec::BfChar,
                        b"beginbfrange" => sec = Sec::BfRange,
                        b"begincidchar" => sec = Sec::CidChar,
                        b"begincidrange" => sec = Sec::CidRange,
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                        | b"endcidrange" => sec = Sec::None,
                        _ => {}
                    }
                    args.clear();
                    in_array = false;
                    array.clear();
                    continue;
                }
                Tok::Int(2) if sec == Sec::None && last_name.as_deref() == Some(b"CMapType") => {
                    cmap.maps_unicode = true;
                    continue;
                }
                _ if sec == Sec::None => continue,
                Tok::ArrOpen => {
                    in_array = true;
                    array.clear();
                    continue;
                }
                Tok::ArrClose => {
                    in_array = false;
                    if sec == Sec::BfRange && args.len() == 2 {
                        cmap.add_bfrange_array(&args[0], &args[1], &array);
                    }
                    args.clear();
                    array.clear();
                    continue;
                }
                Tok::Hex(b) | Tok::Str(b) if in_array => {
                    if array.len() < MAX_RANGE_SPAN as usize {
                        array.push(b.clone());
                    }
                    continue;
                }
                _ => {}
            }
            if in_array {
                continue;
            }
            args.push(tok);
            let need = match sec {
                Sec::Codespace | Sec::BfChar | Sec::CidChar => 2,
                _ => 3,
            };
            if args.len() < need {
                continue;
            }
            match sec {
                Sec::Codespace => cmap.add_codespace(&args[0], &args[1]),
                Sec::BfChar => cmap.add_bfchar(&args[0], &args[1]),
                Sec::BfRange => cmap.add_bfrange(&args[0], &args[1], &args[2]),
                Sec::CidChar => cmap.add_cidchar(&args[0], &args[1]),
                Sec::CidRange => cmap.add_cidrange(&args[0], &args[1], &args[2]),
                Sec::None => {}
            }
            args.clear();
        }
        cmap
    }

    fn room(&mut self, n: usize) -> bool {
        let used = self.unicode.len() + self.cid_single.len() + self.cid_ranges.len();
        if used + n > MAX_MAPPINGS {
            self.truncated = true;
            return false;
        }
        true
    }

    fn add_codespace(&mut self, lo: &Tok, hi: &Tok) {
        if let (Tok::Hex(lo) | Tok::Str(lo), Tok::Hex(hi) | Tok::Str(hi)) = (lo, hi) {
            if lo.len() == hi.len() && (1..=4).contains(&lo.len()) && self.codespace.len() < 256 {
                let mut r = CodeRange {
                    len: lo.len() as u8,
                    lo: [0; 4],
                    hi: [0; 4],
                };
                r.lo[..lo.len()].copy_from_slice(lo);
                r.hi[..hi.len()].copy_from_slice(hi);
                self.codespace.push(r);
            }
        }
    }

    fn target(tok: &Tok) -> Option<String> {
        match tok {
            Tok::Hex(b) | Tok::Str(b) => utf16be_to_string(b),
            Tok::Name(n) => std::str::from_utf8(n)
                .ok()
                .and_then(super::encoding::glyph_name_to_unicode),
            _ => None,
        }
    }

    fn add_bfchar(&mut self, src: &Tok, dst: &Tok) {
        let (Tok::Hex(s) | Tok::Str(s)) = src else {
            return;
        };
        let (Some(code), Some(text)) = (code_of(s), Self::target(dst)) else {
            return;
        };
        if self.room(1) {
            self.unicode.insert(code, text);
        }
    }

    fn range_bounds(lo: &Tok, hi: &Tok) -> Option<(u8, u32, u32)> {
        let (Tok::Hex(lo) | Tok::Str(lo), Tok::Hex(hi) | Tok::Str(hi)) = (lo, hi) else {
            return None;
        };
        let (len, a) = code_of(lo)?;
        let (_, b) = code_of(hi)?;
        if b < a || b - a >= MAX_RANGE_SPAN {
            return None;
        }
        Some((len, a, b))
    }

    fn add_bfrange(&mut self, lo: &Tok, hi: &Tok, dst: &Tok) {
        let Some((len, a, b)) = Self::range_bounds(lo, hi) else {
            return;
        };
        let (Tok::Hex(d) | Tok::Str(d)) = dst else {
            return;
        };
        if d.is_empty() || d.len() > 2 * MAX_TARGET_UNITS {
            return;
        }
        if !self.room((b - a + 1) as usize) {
            return;
        }
        let mut units: Vec<u16> = d
            .chunks(2)
            .map(|c| {
                if c.len() == 2 {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    c[0] as u16
                }
            })
            .collect();
        let last = units.len() - 1;
        let base = units[last];
        for (i, code) in (a..=b).enumerate() {
            units[last] = base.wrapping_add(i as u16);
            let s: String = char::decode_utf16(units.iter().copied())
                .filter_map(Result::ok)
                .filter(|c| *c != '\0')
                .collect();
            self.unicode.insert((len, code), s);
        }
    }

    fn add_bfrange_array(&mut self, lo: &Tok, hi: &Tok, targets: &[Vec<u8>]) {
        let Some((len, a, b)) = Self::range_bounds(lo, hi) else {
            return;
        };
        let n = ((b - a + 1) as usize).min(targets.len());
        if !self.room(n) {
            return;
        }
        for (i, t) in targets.iter().take(n).enumerate() {
            if let Some(s) = utf16be_to_string(t) {
                self.unicode.insert((len, a + i as u32), s);
            }
        }
    }

    fn add_cidchar(&mut self, src: &Tok, cid: &Tok) {
        let (Tok::Hex(s) | Tok::Str(s), Tok::Int(cid)) = (src, cid) else {
            return;
        };
        if let (Some(code), Ok(cid)) = (code_of(s), u32::try_from(*cid)) {
            if self.room(1) {
                self.cid_single.insert(code, cid);
            }
        }
    }

    fn add_cidrange(&mut self, lo: &Tok, hi: &Tok, cid: &Tok) {
        let (Some((len, a, b)), Tok::Int(cid)) = (Self::range_bounds(lo, hi), cid) else {
            return;
        };
        if let Ok(cid) = u32::try_from(*cid) {
            if self.room(1) {
                self.cid_ranges.push((len, a, b, cid));
            }
        }
    }

    /// Length of the code at the start of `bytes` by the code-space ranges;
    /// `default` when there are none. Unmatched bytes take the shortest length.
    pub fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        code_len_in(&self.codespace, bytes, default)
    }

    /// The Unicode text of a code, trying other code lengths when the exact one is absent.
    pub fn lookup(&self, len: u8, code: u32) -> Option<&str> {
        if let Some(s) = self.unicode.get(&(len, code)) {
            return Some(s);
        }
        (1..=4u8)
            .filter(|l| *l != len)
            .find_map(|l| self.unicode.get(&(l, code)))
            .map(String::as_str)
    }

    /// A ToUnicode map's `cidchar`/`cidrange` entry read as a Unicode
    /// scalar value, as some producers write identity maps (and pdftotext
    /// reads them), when the map says it is one (`/CMapType 2`).
    pub fn cid_as_unicode(&self, len: u8, code: u32) -> Option<char> {
        if !self.maps_unicode {
            // An encoding CMap given as ToUnicode: its numbers are CIDs.
            return None;
        }
        self.cid(len, code)
            .and_then(char::from_u32)
            .filter(|c| !c.is_control() && *c != '\u{FFFD}')
    }

    /// The CID of a code in an encoding CMap.
    pub fn cid(&self, len: u8, code: u32) -> Option<u32> {
        if let Some(c) = self.cid_single.get(&(len, code)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(l, a, b, _)| *l == len && code >= *a && code <= *b)
            .map(|(_, a, _, cid)| cid.saturating_add(code - a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <00660069>
<0012> <D835DC00>
endbfchar
2 beginbfrange
<0020> <0022> <0041>
<0030> <0032> [<0061> <00E9> <006600660069>]
endbfrange
endcmap";

    #[test]
    fn bfchar_bfrange_and_arrays() {
        let c = CMap::parse(SAMPLE);
        assert_eq!(c.codespace.len(), 1);
        assert_eq!(c.lookup(2, 3), Some(" "));
        assert_eq!(c.lookup(2, 0x11), Some("fi"));
        assert_eq!(c.lookup(2, 0x12), Some("\u{1D400}"));
        assert_eq!(c.lookup(2, 0x20), Some("A"));
        assert_eq!(c.lookup(2, 0x22), Some("C"));
        assert_eq!(c.lookup(2, 0x23), None);
        assert_eq!(c.lookup(2, 0x30), Some("a"));
        assert_eq!(c.lookup(2, 0x31), Some("é"));
        assert_eq!(c.lookup(2, 0x32), Some("ffi"));
    }

    #[test]
    fn codespace_decides_code_length() {
        let c = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange");
        assert_eq!(c.code_len(&[0x41, 0x42], 2), 1);
        assert_eq!(c.code_len(&[0x81, 0x40], 1), 2);
        // 0xA0 is in no range: the shortest length is taken.
        assert_eq!(c.code_len(&[0xA0, 0x40], 2), 1);
        let none = CMap::parse(b"");
        assert_eq!(none.code_len(&[1, 2, 3], 2), 2);
        assert_eq!(none.code_len(&[1], 2), 1);
    }

    #[test]
    fn hostile_ranges_are_capped() {
        // A span over the cap is ignored, not expanded.
        let c = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(c.unicode.is_empty());
        // Garbage and unterminated tokens do not panic.
        let c = CMap::parse(b"beginbfchar <0041 (unterminated [ [ ] /x");
        assert!(c.unicode.is_empty());
        let c = CMap::parse(b"1 beginbfchar <41> /fi endbfchar");
        assert_eq!(c.lookup(1, 0x41), Some("\u{fb01}"));
    }

    #[test]
    fn usecmap_names_the_parent() {
        let c = CMap::parse(b"/CIDInit /ProcSet findresource begin /90ms-RKSJ-H usecmap begincmap");
        assert_eq!(c.usecmap.as_deref(), Some(&b"90ms-RKSJ-H"[..]));
        assert_eq!(CMap::parse(b"usecmap /X").usecmap, None);
    }

    #[test]
    fn cid_ranges() {
        let c = CMap::parse(
            b"1 begincidrange <0020> <007e> 1 endcidrange 1 begincidchar <0100> 500 endcidchar",
        );
        assert_eq!(c.cid(2, 0x20), Some(1));
        assert_eq!(c.cid(2, 0x41), Some(0x22));
        assert_eq!(c.cid(2, 0x100), Some(500));
        assert_eq!(c.cid(2, 0x200), None);
    }
}
