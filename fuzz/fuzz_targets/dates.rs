#![no_main]
//! The date-range parser: ranges are ordered, non-empty, within the text, and
//! "Present" never ends after the as-of month.
use libfuzzer_sys::fuzz_target;
use rolefit::analyze::dates::find_ranges;
use rolefit::month::YearMonth;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let as_of = YearMonth::new(2026, 11).unwrap();
    for r in find_ranges(&text, as_of) {
        assert!(r.start <= r.end, "{r:?} in {text:?}");
        assert!(r.months() >= 1, "{r:?}");
        assert!(r.span.0 <= r.span.1 && r.span.1 <= text.len(), "{r:?}");
        assert!(text.is_char_boundary(r.span.0) && text.is_char_boundary(r.span.1));
        if r.ongoing {
            assert!(r.end <= as_of, "{r:?}");
        }
    }
});
