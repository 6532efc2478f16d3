//! Text normalisation for matching.
//!
//! Extractors keep the text as found; analysis matches on a normalised copy of
//! each line, so the same term is found whatever the producer did with it:
//! ligatures (ﬁ → fi) and full-width forms are folded by NFKC, every dash
//! becomes `-`, curly quotes become straight ones, bullet glyphs (including the
//! Symbol-font private-use bullet U+F0B7) become `•`, soft hyphens and
//! zero-width characters vanish, trademark signs are dropped and runs of
//! whitespace collapse to one space.

use unicode_normalization::UnicodeNormalization;

/// Normalises one line of text (see the module docs).
pub fn normalize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Trademark-like signs glued to a term ("CPT™") must not glue letters to
    // it, so they go before NFKC turns ™ into "TM".
    let visible = text
        .chars()
        .filter(|c| !matches!(c, '\u{2122}' | '\u{ae}' | '\u{a9}' | '\u{2120}'));
    for c in visible.nfkc() {
        let mapped = match c {
            // Invisible: soft hyphen, zero-width space/joiners, BOM, word joiner.
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => continue,
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2022}' | '\u{25cf}' | '\u{25aa}' | '\u{25a0}' | '\u{25e6}' | '\u{25cb}'
            | '\u{27a2}' | '\u{25ba}' | '\u{2023}' | '\u{2043}' | '\u{2219}' | '\u{f0b7}'
            | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' | '\u{f0fc}' | '\u{2713}' | '\u{2714}'
            | '\u{27a4}' | '\u{bb}' | '\u{203a}' | '\u{25b8}' | '\u{25b9}' | '\u{25c6}'
            | '\u{2756}' | '\u{2666}' => '\u{2022}',
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
    fn collapses_whitespace() {
        assert_eq!(normalize_line("  a \t\u{a0} b  "), "a b");
        assert_eq!(normalize_line(""), "");
    }
}
