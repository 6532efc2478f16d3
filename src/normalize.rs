//! Text cleaning for display, and normalisation for matching.
//!
//! [`clean_text`] runs on every extracted line, whatever the format, so that
//! `rolefit extract`, evidence and every report show plain text: ligatures
//! expanded, private-use bullet glyphs shown as `•` and private-use icons
//! dropped, UTF-8 that was read as
//! Windows-1252 ("â€¢") repaired, soft hyphens and zero-width characters
//! removed (a soft hyphen standing between two non-letters, as LuaTeX writes
//! a visible hyphen, becomes `-`).
//!
//! Extractors keep the text as found; analysis matches on a normalised copy of
//! each line, so the same term is found whatever the producer did with it:
//! ligatures (ﬁ → fi) and full-width forms are folded by NFKC, every dash
//! becomes `-`, curly quotes become straight ones, bullet glyphs (including the
//! Symbol-font private-use bullet U+F0B7) become `•`, soft hyphens and
//! zero-width characters vanish, trademark signs are dropped and runs of
//! whitespace collapse to one space.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// The private-use code points of Word's bullet glyphs (Symbol and
/// Wingdings fonts remapped to U+F0xx): •, ▪, ❖, ➢, ✓, ●, ■, ◆, ◻.
const WORD_BULLETS: &[char] = &[
    '\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}', '\u{f0fc}', '\u{f06c}', '\u{f06e}', '\u{f075}',
    '\u{f0a8}',
];

/// Whether `c` is one of the private-use characters Word's Symbol and
/// Wingdings bullets decode to (a list marker, not an icon).
pub fn is_word_bullet(c: char) -> bool {
    WORD_BULLETS.contains(&c)
}

/// Cleans one extracted line for display (see the module docs). Returns the
/// line unchanged, without allocating, when there is nothing to clean.
pub fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let needs = text.chars().any(|c| {
        matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        ) || ('\u{fb00}'..='\u{fb06}').contains(&c)
            || ('\u{e000}'..='\u{f8ff}').contains(&c)
            || matches!(c, '\u{c2}'..='\u{f4}')
            || is_mac_roman_lead(c)
    });
    if !needs {
        return Cow::Borrowed(text);
    }
    let repaired = repair_mojibake(text);
    let repaired = match repair_mac_roman(&repaired) {
        std::borrow::Cow::Owned(s) => Cow::Owned(s),
        std::borrow::Cow::Borrowed(_) => repaired,
    };
    let chars: Vec<char> = repaired.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{ad}' => {
                // Inside a word it only marks where the word may break; between
                // non-letters ("2023 \u{ad} 2024") it stands for a visible hyphen.
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
                if !letter(before) && !letter(after) && before.is_some() && after.is_some() {
                    out.push('-');
                }
            }
            // Symbol and Wingdings bullets (U+F0B7, U+F0A7, U+F076, …).
            c if WORD_BULLETS.contains(&c) => {
                out.push('\u{2022}');
            }
            // Any other private-use character is an icon (Font Awesome's
            // envelope, a Wingdings phone): no text to show or match.
            c if ('\u{e000}'..='\u{f8ff}').contains(&c) => {}
            c => out.push(c),
        }
    }
    // An icon that led the line leaves no indent behind.
    if chars
        .first()
        .is_some_and(|c| ('\u{e000}'..='\u{f8ff}').contains(c) && !WORD_BULLETS.contains(c))
    {
        return Cow::Owned(out.trim_start().to_string());
    }
    Cow::Owned(out)
}

/// The byte of `c` in Windows-1252, for the characters of its upper half.
fn cp1252_high_byte(c: char) -> Option<u8> {
    const C1: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match c {
        '\u{a0}'..='\u{ff}' => Some(c as u8),
        '\u{80}'..='\u{9f}' => Some(c as u8),
        _ => C1.iter().position(|&k| k == c).map(|i| 0x80 + i as u8),
    }
}

/// Repairs UTF-8 that was decoded as Windows-1252 ("â€¢" → "•", "Ã©" → "é"):
/// each run of upper-half Windows-1252 characters that is valid UTF-8 when
/// encoded back is replaced by what it decodes to.
fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let lead = |c: char| matches!(c, '\u{c2}'..='\u{f4}');
    if !text.chars().any(lead) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<u8> = Vec::new();
    let mut run_text = String::new();
    let flush = |run: &mut Vec<u8>, run_text: &mut String, out: &mut String| {
        match std::str::from_utf8(run) {
            Ok(decoded) if run.len() >= 2 && decoded.chars().count() < run_text.chars().count() => {
                out.push_str(decoded)
            }
            _ => out.push_str(run_text),
        }
        run.clear();
        run_text.clear();
    };
    for c in text.chars() {
        match cp1252_high_byte(c) {
            Some(b) => {
                run.push(b);
                run_text.push(c);
            }
            None => {
                flush(&mut run, &mut run_text, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut run_text, &mut out);
    Cow::Owned(out)
}

/// Mac OS Roman's upper half (bytes 0x80–0xFF), in byte order.
const MAC_ROMAN: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', //
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', //
    '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', //
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', //
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ', 'œ', //
    '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', //
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', //
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// Whether `c` is what the lead byte of a two- or three-byte UTF-8
/// sequence of punctuation or Latin letters reads as in Mac OS Roman
/// (0xE2 "‚", 0xC2 "¬", 0xC3 "√").
fn is_mac_roman_lead(c: char) -> bool {
    matches!(c, '‚' | '¬' | '√')
}

/// Repairs UTF-8 that was decoded as Mac OS Roman ("‚Äô" → "’", "‚Äì" →
/// "–", "‚àô" → "∙", "√©" → "é"): a lead "‚", "¬" or "√" followed by as many
/// Mac Roman characters of continuation bytes as its UTF-8 sequence needs,
/// when the bytes decode.
fn repair_mac_roman(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if !text.chars().any(is_mac_roman_lead) {
        return Cow::Borrowed(text);
    }
    let byte = |c: char| {
        MAC_ROMAN
            .iter()
            .position(|&k| k == c)
            .map(|i| 0x80 + i as u8)
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_mac_roman_lead(c) {
            let lead = byte(c).unwrap_or(0);
            let len = if lead == 0xe2 { 3 } else { 2 };
            let tail: Option<Vec<u8>> = chars.get(i + 1..i + len).and_then(|t| {
                t.iter()
                    .map(|&k| byte(k).filter(|b| (0x80..0xc0).contains(b)))
                    .collect()
            });
            if let Some(tail) = tail {
                let mut bytes = vec![lead];
                bytes.extend(tail);
                if let Ok(decoded) = std::str::from_utf8(&bytes) {
                    out.push_str(decoded);
                    changed = true;
                    i += len;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Normalises one line of text (see the module docs).
pub fn normalize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Trademark-like signs glued to a term ("CPT™") must not glue letters to
    // it, so they go before NFKC turns ™ into "TM".
    // Invisible characters (soft hyphen, zero-width space/joiners, BOM, word
    // joiner) go before NFKC too, so that a mark they separated from its base
    // composes now and not on a second pass (normalising stays idempotent).
    let visible = text.chars().filter(|c| {
        !matches!(
            c,
            '\u{2122}'
                | '\u{ae}'
                | '\u{a9}'
                | '\u{2120}'
                | '\u{ad}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{2060}'
                | '\u{feff}'
        )
    });
    // NFKC leaves ASCII as it is, and the characters filtered out above
    // are not ASCII: an ASCII line skips both. Text its quick check finds
    // in NFKC already (most lines: a bullet, a dash) skips NFKC.
    let chars: Box<dyn Iterator<Item = char>> = if text.is_ascii() {
        Box::new(text.chars())
    } else if unicode_normalization::is_nfkc_quick(visible.clone()) == IsNormalized::Yes {
        Box::new(visible)
    } else {
        Box::new(visible.nfkc())
    };
    for c in chars {
        let mapped = match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            // An arrow between two dates is a range ("2017 \u{2192} 2018").
            '\u{2192}' | '\u{27f6}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2022}' | '\u{25cf}' | '\u{25aa}' | '\u{25a0}' | '\u{25e6}' | '\u{25cb}'
            | '\u{27a2}' | '\u{25ba}' | '\u{2023}' | '\u{2043}' | '\u{2219}' | '\u{f0b7}'
            | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' | '\u{f0fc}' | '\u{2713}' | '\u{2714}'
            | '\u{27a4}' | '\u{bb}' | '\u{203a}' | '\u{25b8}' | '\u{25b9}' | '\u{25c6}'
            | '\u{2756}' | '\u{2666}' | '\u{b7}' => '\u{2022}',
            c if c.is_whitespace() || c.is_control() => {
                pending_space = true;
                continue;
            }
            c => c,
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(mapped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_line;

    #[test]
    fn folds_ligatures_and_fullwidth() {
        assert_eq!(
            normalize_line("e\u{fb03}cient \u{fb01}xtures"),
            "efficient fixtures"
        );
        assert_eq!(normalize_line("ＣＰＴ"), "CPT");
    }

    #[test]
    fn unifies_dashes_quotes_and_bullets() {
        assert_eq!(
            normalize_line("Jan 2019 \u{2013} Present"),
            "Jan 2019 - Present"
        );
        assert_eq!(normalize_line("2017 \u{2192} 2018"), "2017 - 2018");
        assert_eq!(
            normalize_line("\u{b7} Built an algorithm"),
            "\u{2022} Built an algorithm"
        );
        assert_eq!(
            normalize_line("\u{201c}lean\u{201d} team\u{2019}s"),
            "\"lean\" team's"
        );
        assert_eq!(
            normalize_line("\u{f0b7}\tReduced scrap"),
            "\u{2022} Reduced scrap"
        );
        assert_eq!(normalize_line("\u{25cf} item"), "\u{2022} item");
    }

    #[test]
    fn removes_invisibles_and_trademarks() {
        assert_eq!(normalize_line("trou\u{ad}bleshooting"), "troubleshooting");
        assert_eq!(normalize_line("zero\u{200b}width"), "zerowidth");
        assert_eq!(normalize_line("MSSC CPT\u{2122} 2022"), "MSSC CPT 2022");
        assert_eq!(normalize_line("CPT\u{ae}"), "CPT");
    }

    #[test]
    fn cleans_ligatures_bullets_mojibake_and_invisibles() {
        use super::clean_text;
        assert_eq!(
            clean_text("Certi\u{fb01}ed e\u{fb03}cient \u{fb02}ow"),
            "Certified efficient flow"
        );
        assert_eq!(
            clean_text("\u{f0b7}\tReduced scrap"),
            "\u{2022}\tReduced scrap"
        );
        assert_eq!(clean_text("a \u{f0b7} b"), "a \u{2022} b");
        assert_eq!(clean_text("\u{f0e0} jo@example.com"), "jo@example.com");
        assert_eq!(
            clean_text("\u{e2}\u{20ac}\u{a2} Cut scrap"),
            "\u{2022} Cut scrap"
        );
        assert_eq!(clean_text("team\u{e2}\u{20ac}\u{2122}s"), "team\u{2019}s");
        assert_eq!(clean_text("Jos\u{c3}\u{a9}"), "Jos\u{e9}");
        assert_eq!(clean_text("caf\u{e9} \u{c2}"), "caf\u{e9} \u{c2}");
        assert_eq!(clean_text("trou\u{ad}bleshoot"), "troubleshoot");
        assert_eq!(
            clean_text("Sep. 2023 \u{ad} Mar. 2024"),
            "Sep. 2023 - Mar. 2024"
        );
        assert_eq!(clean_text("2019\u{ad}2021"), "2019-2021");
        assert_eq!(clean_text("zero\u{200b}width"), "zerowidth");
        // UTF-8 read as Mac OS Roman.
        assert_eq!(
            clean_text("Bachelor\u{201a}\u{c4}\u{f4}s"),
            "Bachelor\u{2019}s"
        );
        assert_eq!(
            clean_text("Take \u{201a}\u{c4}\u{ec} own"),
            "Take \u{2013} own"
        );
        assert_eq!(clean_text("\u{201a}\u{e0}\u{f4} Ensure"), "\u{2219} Ensure");
        assert_eq!(clean_text("Caf\u{221a}\u{a9}"), "Caf\u{e9}");
        assert_eq!(clean_text("a \u{201a} b"), "a \u{201a} b");
        assert!(matches!(clean_text("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(normalize_line("  a \t\u{a0} b  "), "a b");
        assert_eq!(normalize_line(""), "");
    }
}
