//! Simple-font encodings: the PDF base encodings, `/Differences`, glyph-name
//! resolution (Adobe Glyph List, `uniXXXX`, `uXXXX`, suffixes, ligature
//! names) and the built-in encoding of embedded Type 1 fonts.

use super::tables;

/// A base encoding by its PDF name (`WinAnsiEncoding`, …).
pub fn base_encoding(name: &[u8]) -> Option<&'static [&'static str; 256]> {
    Some(match name {
        b"StandardEncoding" => &tables::STANDARD,
        b"WinAnsiEncoding" => &tables::WIN_ANSI,
        b"MacRomanEncoding" => &tables::MAC_ROMAN,
        b"MacExpertEncoding" => &tables::MAC_EXPERT,
        b"PDFDocEncoding" => &tables::PDF_DOC,
        b"SymbolEncoding" => &tables::SYMBOL,
        b"ZapfDingbatsEncoding" => &tables::ZAPF_DINGBATS,
        _ => return None,
    })
}

fn agl(name: &str) -> Option<&'static str> {
    tables::AGL
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| tables::AGL[i].1)
}

fn is_pua(s: &str) -> bool {
    s.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
}

fn from_hex_units(hex: &str) -> Option<String> {
    if hex.is_empty() || !hex.len().is_multiple_of(4) || !hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    let mut out = String::new();
    for i in (0..hex.len()).step_by(4) {
        let v = u32::from_str_radix(&hex[i..i + 4], 16).ok()?;
        out.push(char::from_u32(v)?);
    }
    Some(out)
}

/// The Unicode value of a ZapfDingbats glyph name, for the ZapfDingbats font only (`a1` … `a191`), from its
/// code in the ZapfDingbats encoding and the Unicode Dingbats block layout.
pub fn zapf_dingbat(name: &str) -> Option<String> {
    if !name.starts_with('a') || name.len() < 2 || !name[1..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code = tables::ZAPF_DINGBATS.iter().position(|n| *n == name)? as u32;
    let cp = match code {
        0x25 => 0x260E,
        0x2A => 0x261B,
        0x2B => 0x261E,
        0x48 => 0x2605,
        0x6C => 0x25CF,
        0x6E => 0x25A0,
        0x73 => 0x25B2,
        0x74 => 0x25BC,
        0x75 => 0x25C6,
        0x77 => 0x25D7,
        0x21..=0x7E => 0x2700 + code - 0x20,
        0x80..=0x8D => 0x2768 + code - 0x80,
        0xA1..=0xA7 => 0x2761 + code - 0xA1,
        0xA8 => 0x2663,
        0xA9 => 0x2666,
        0xAA => 0x2665,
        0xAB => 0x2660,
        0xAC..=0xB5 => 0x2460 + code - 0xAC,
        0xB6..=0xD4 => 0x2776 + code - 0xB6,
        0xD5 => 0x2192,
        0xD6 => 0x2194,
        0xD7 => 0x2195,
        0xD8..=0xEF => 0x2798 + code - 0xD8,
        0xF1..=0xFE => 0x27B1 + code - 0xF1,
        _ => return None,
    };
    char::from_u32(cp).map(String::from)
}

fn single_component(name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    if let Some(s) = agl(name) {
        if is_pua(s) {
            // Adobe's small-cap and old-style variants sit in the PUA: use the plain letter.
            for suffix in ["small", "oldstyle", "superior", "inferior", "alt"] {
                if let Some(base) = name.strip_suffix(suffix) {
                    if let Some(b) = agl(base).filter(|b| !is_pua(b)) {
                        return Some(b.to_string());
                    }
                }
            }
        }
        return Some(s.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if let Some(s) = from_hex_units(hex) {
            return Some(s);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    // TeX and font-tool names outside the AGL.
    let extra = match name {
        "dotlessj" => "\u{237}",
        "ff" => "\u{FB00}",
        "fi" => "\u{FB01}",
        "fl" => "\u{FB02}",
        "ffi" => "\u{FB03}",
        "ffl" => "\u{FB04}",
        "visiblespace" => "\u{2423}",
        "compwordmark" => "",
        "cwm" => "",
        "perthousandzero" => "",
        "Germandbls" => "SS",
        "SS" => "SS",
        "tie" => "\u{2040}",
        _ => return None,
    };
    Some(extra.to_string())
}

/// Resolves a glyph name to Unicode text as the AGL specification says:
/// the part before the first `.` is split at `_` into components, each of which
/// is an AGL name, `uniXXXX…` or `uXXXX[XX]`. `None` for `.notdef` and names
/// that carry no meaning (`g123`, `cid00042`).
pub fn glyph_name_to_unicode(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 128 || name == ".notdef" {
        return None;
    }
    if let Some(s) = single_component(name) {
        return Some(s);
    }
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        out.push_str(&single_component(part)?);
    }
    Some(out)
}

/// Applies a `/Differences` array to `codes` (code → glyph name): each integer
/// sets the next code, each name fills one code. Other objects are skipped.
pub fn apply_differences(codes: &mut [Option<String>; 256], diffs: &[lopdf::Object]) {
    let mut code: i64 = 0;
    for obj in diffs {
        match obj {
            lopdf::Object::Integer(i) => code = *i,
            lopdf::Object::Real(r) => code = *r as i64,
            lopdf::Object::Name(n) => {
                if (0..256).contains(&code) {
                    codes[code as usize] = Some(String::from_utf8_lossy(n).into_owned());
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
}

/// Glyph names of a base encoding as owned strings.
pub fn names_of(enc: &[&str; 256]) -> [Option<String>; 256] {
    std::array::from_fn(|i| (!enc[i].is_empty()).then(|| enc[i].to_string()))
}

/// Parses the built-in `/Encoding` of a Type 1 font program (its cleartext
/// part): `/Encoding StandardEncoding def` or a series of
/// `dup <code> /<name> put`. `None` when the program has neither.
pub fn type1_builtin_encoding(program: &[u8]) -> Option<[Option<String>; 256]> {
    let start = find(program, b"/Encoding")?;
    // Only the cleartext part matters; it ends at `eexec`.
    let end = find(&program[start..], b"eexec").map_or(program.len(), |e| start + e);
    let part = &program[start + 9..end];
    let head = &part[..part.len().min(64)];
    if find(head, b"StandardEncoding").is_some() {
        return Some(names_of(&tables::STANDARD));
    }
    let mut codes: [Option<String>; 256] = std::array::from_fn(|_| None);
    let mut found = false;
    let toks: Vec<&[u8]> = part
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i + 3 < toks.len() {
        if toks[i] == b"dup" && toks[i + 3] == b"put" && toks[i + 2].first() == Some(&b'/') {
            if let Some(code) = std::str::from_utf8(toks[i + 1])
                .ok()
                .and_then(|t| t.parse::<usize>().ok())
            {
                if code < 256 {
                    codes[code] = Some(String::from_utf8_lossy(&toks[i + 2][1..]).into_owned());
                    found = true;
                }
            }
            i += 4;
            continue;
        }
        if (toks[i] == b"readonly" || toks[i] == b"def") && found {
            break;
        }
        i += 1;
    }
    found.then_some(codes)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_resolve() {
        assert_eq!(glyph_name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode("udieresis").as_deref(), Some("ü"));
        assert_eq!(glyph_name_to_unicode("uni00FC").as_deref(), Some("ü"));
        assert_eq!(glyph_name_to_unicode("uni00660069").as_deref(), Some("fi"));
        assert_eq!(
            glyph_name_to_unicode("u1F600").as_deref(),
            Some("\u{1F600}")
        );
        assert_eq!(glyph_name_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_unicode("f_f_i.liga").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_unicode("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(glyph_name_to_unicode("Asmall").as_deref(), Some("A"));
        assert_eq!(zapf_dingbat("a71").as_deref(), Some("\u{25CF}"));
        // Outside ZapfDingbats, `aNN` names (pdfTeX Type 3 fonts) mean nothing.
        assert_eq!(glyph_name_to_unicode("a71"), None);
        assert_eq!(glyph_name_to_unicode(".notdef"), None);
        assert_eq!(glyph_name_to_unicode("g123"), None);
        assert_eq!(glyph_name_to_unicode("uniD800"), None);
        assert_eq!(glyph_name_to_unicode("f_g123"), None);
    }

    #[test]
    fn differences_skip_only_unknown_codes() {
        let mut codes = names_of(base_encoding(b"WinAnsiEncoding").unwrap());
        use lopdf::Object::{Integer, Name};
        let diffs = vec![
            Integer(1),
            Name(b".notdef".to_vec()),
            Name(b"fi".to_vec()),
            Integer(0x41),
            Name(b"g999".to_vec()),
            Name(b"udieresis".to_vec()),
        ];
        apply_differences(&mut codes, &diffs);
        let text = |c: usize| codes[c].as_deref().and_then(glyph_name_to_unicode);
        assert_eq!(text(1), None);
        assert_eq!(text(2).as_deref(), Some("\u{FB01}"));
        assert_eq!(text(0x41), None);
        assert_eq!(text(0x42).as_deref(), Some("ü"));
        // Codes the array does not touch keep the base encoding.
        assert_eq!(text(0x43).as_deref(), Some("C"));
        assert_eq!(text(0x96).as_deref(), Some("\u{2013}"));
    }

    #[test]
    fn type1_builtin_encoding_is_read() {
        let prog = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 12 /fi put\ndup 123 /endash put\ndup 127 /dieresis put\nreadonly def\ncurrentfile eexec\x80\x81dup 1 /x put";
        let enc = type1_builtin_encoding(prog).unwrap();
        assert_eq!(enc[12].as_deref(), Some("fi"));
        assert_eq!(enc[123].as_deref(), Some("endash"));
        assert_eq!(enc[127].as_deref(), Some("dieresis"));
        assert_eq!(enc[1], None);
        let std =
            type1_builtin_encoding(b"/Encoding StandardEncoding def\ncurrentfile eexec").unwrap();
        assert_eq!(std[0x41].as_deref(), Some("A"));
        assert!(type1_builtin_encoding(b"no encoding here").is_none());
    }
}
