//! Property tests (proptest) for the line normaliser and the date-range
//! parser: they never panic and keep their invariants on any input, and on
//! inputs built to look like resume text.

use proptest::prelude::*;
use rolefit::analyze::dates::find_ranges;
use rolefit::month::YearMonth;
use rolefit::normalize::normalize_line;

/// Characters the normaliser treats specially, mixed with ordinary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '\u{0}', '\u{7f}', '\u{85}', '\u{a0}', '\u{ad}', '\u{200b}',
            '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{2013}', '\u{2014}', '\u{2212}',
            '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{f0b7}', '\u{2122}',
            '\u{ae}', '\u{a9}', '\u{fb01}', '\u{fb03}', '\u{ff23}', '\u{301}', '\u{308}',
            '\u{327}', '\u{3000}', '\u{2028}', '\u{2029}', '\u{1100}', '\u{1161}', '\u{11a8}',
            '\u{ac00}', '\u{f900}', '\u{2460}', '\u{33c7}', 'e', 'A', '-', '`', '\u{b4}',
        ]),
        3 => prop::char::range('a', 'z'),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..64).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalise_is_idempotent_and_clean(s in tricky_string()) {
        let once = normalize_line(&s);
        let twice = normalize_line(&once);
        prop_assert_eq!(&once, &twice, "not idempotent on {:?}", s);
        prop_assert!(!once.chars().any(char::is_control), "control character in {:?}", once);
        prop_assert!(!once.contains("  "), "double space in {:?}", once);
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' '), "edge space in {:?}", once);
        prop_assert!(!once.chars().any(|c| c.is_whitespace() && c != ' '), "other whitespace in {:?}", once);
    }

    #[test]
    fn normalise_never_panics_on_any_string(s in any::<String>()) {
        let _ = normalize_line(&s);
    }
}

/// Date-like text: months, years (two and four digits), seasons, "Present"
/// and its synonyms, separators and noise, in any order.
fn date_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "Jan", "January", "Feb", "Sept", "Sep.", "Dec", "May", "june", "Summer", "Fall",
            "Winter", "Spring", "Present", "present", "Current", "now", "to date", "today", "Q1",
            "H2",
        ])
        .prop_map(str::to_owned),
        (1890i32..2230).prop_map(|y| y.to_string()),
        (0u32..100).prop_map(|y| format!("'{y:02}")),
        (0u32..14, 1890i32..2230).prop_map(|(m, y)| format!("{m:02}/{y}")),
        (1890i32..2230, 0u32..14).prop_map(|(y, m)| format!("{y}-{m:02}")),
        prop::sample::select(vec![
            " - ", " – ", "—", " to ", "-", " ", ", ", " | ", "(", ")", "until", "since",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 .,/]{0,6}",
    ];
    prop::collection::vec(token, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn date_ranges_keep_their_invariants(
        text in date_text(),
        year in 1950i32..2100,
        month in 1u32..=12,
    ) {
        let as_of = YearMonth::new(year, month).unwrap();
        for r in find_ranges(&text, as_of) {
            prop_assert!(r.start <= r.end, "{:?} in {:?}", r, text);
            prop_assert!(r.months() >= 1, "{:?} in {:?}", r, text);
            prop_assert!(r.span.0 < r.span.1 && r.span.1 <= text.len(), "{:?} in {:?}", r, text);
            prop_assert!(text.is_char_boundary(r.span.0) && text.is_char_boundary(r.span.1));
            if r.ongoing {
                prop_assert!(r.end <= as_of, "{:?} ends after {} in {:?}", r, as_of, text);
            }
        }
    }

    #[test]
    fn date_parser_never_panics_on_any_string(s in any::<String>()) {
        let as_of = YearMonth::new(2026, 11).unwrap();
        for r in find_ranges(&s, as_of) {
            prop_assert!(r.start <= r.end);
        }
    }
}

/// Found by `normalise_is_idempotent_and_clean`: an invisible character
/// between a letter and its combining mark kept them apart until a second pass.
#[test]
fn regression_invisible_between_letter_and_mark() {
    assert_eq!(normalize_line("i\u{feff}\u{301}"), "\u{ed}");
    assert_eq!(normalize_line("e\u{ad}\u{301}cole"), "\u{e9}cole");
    let once = normalize_line("i\u{200b}\u{308} x");
    assert_eq!(normalize_line(&once), once);
}
