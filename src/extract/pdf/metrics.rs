//! Widths of the standard-14 fonts (and their usual aliases), for simple fonts
//! that come without a `/Widths` array.

use super::tables;

/// A standard-14 font family and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    Helvetica(bool, bool),
    Times(bool, bool),
    Courier,
    Symbol,
    ZapfDingbats,
}

impl Standard {
    /// Recognises a `/BaseFont` (subset prefix and aliases such as Arial allowed).
    pub fn from_base_font(name: &[u8]) -> Option<Standard> {
        let name = String::from_utf8_lossy(name);
        // Drop a subset tag such as `ABCDEF+`.
        let name = match name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
            _ => name.to_string(),
        };
        let lower = name.to_ascii_lowercase().replace([' ', '-', ','], "");
        let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
        let italic = lower.contains("italic") || lower.contains("oblique");
        if lower.starts_with("symbol") {
            return Some(Standard::Symbol);
        }
        if lower.starts_with("zapfdingbats") || lower.starts_with("dingbats") {
            return Some(Standard::ZapfDingbats);
        }
        if lower.starts_with("courier") {
            return Some(Standard::Courier);
        }
        if lower.starts_with("helvetica")
            || lower.starts_with("arial")
            || lower.starts_with("liberationsans")
        {
            return Some(Standard::Helvetica(bold, italic));
        }
        if lower.starts_with("times")
            || lower.starts_with("liberationserif")
            || lower.starts_with("nimbusrom")
        {
            return Some(Standard::Times(bold, italic));
        }
        None
    }

    fn table(self) -> Option<&'static [(&'static str, u16)]> {
        Some(match self {
            Standard::Helvetica(false, false) => tables::WIDTHS_HELVETICA,
            Standard::Helvetica(true, false) => tables::WIDTHS_HELVETICA_BOLD,
            Standard::Helvetica(false, true) => tables::WIDTHS_HELVETICA_OBLIQUE,
            Standard::Helvetica(true, true) => tables::WIDTHS_HELVETICA_BOLD_OBLIQUE,
            Standard::Times(false, false) => tables::WIDTHS_TIMES_ROMAN,
            Standard::Times(true, false) => tables::WIDTHS_TIMES_BOLD,
            Standard::Times(false, true) => tables::WIDTHS_TIMES_ITALIC,
            Standard::Times(true, true) => tables::WIDTHS_TIMES_BOLD_ITALIC,
            Standard::Symbol => tables::WIDTHS_SYMBOL,
            Standard::ZapfDingbats => tables::WIDTHS_ZAPF_DINGBATS,
            Standard::Courier => return None,
        })
    }

    /// Width of a glyph in 1/1000 em; `None` for a glyph the font lacks.
    pub fn width(self, glyph: &str) -> Option<f32> {
        let Some(table) = self.table() else {
            return Some(600.0);
        };
        table
            .binary_search_by(|(n, _)| (*n).cmp(glyph))
            .ok()
            .map(|i| table[i].1 as f32)
    }

    /// The font's built-in encoding.
    pub fn builtin_encoding(self) -> &'static [&'static str; 256] {
        match self {
            Standard::Symbol => &tables::SYMBOL,
            Standard::ZapfDingbats => &tables::ZAPF_DINGBATS,
            _ => &tables::STANDARD,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_widths() {
        let h = Standard::from_base_font(b"Helvetica").unwrap();
        assert_eq!(h.width("A"), Some(667.0));
        assert_eq!(h.width("space"), Some(278.0));
        let tb = Standard::from_base_font(b"ABCDEF+Times-Bold").unwrap();
        assert_eq!(tb, Standard::Times(true, false));
        assert_eq!(
            Standard::from_base_font(b"Arial,BoldItalic"),
            Some(Standard::Helvetica(true, true))
        );
        assert_eq!(
            Standard::from_base_font(b"Courier-Oblique")
                .unwrap()
                .width("x"),
            Some(600.0)
        );
        assert_eq!(Standard::from_base_font(b"DejaVuSans"), None);
    }
}
