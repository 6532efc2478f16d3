// Shared by the fuzz targets (included with `#[path]`).
use std::time::Duration;

use rolefit::extract::Document;
use rolefit::extract::Limits;

/// The default budgets with a 2 s deadline: a hang is a bug the deadline must
/// catch, so libFuzzer's own -timeout (10 s in run-short.sh) only fires when
/// an extractor ignores its deadline. OCR is off: the fuzzers test
/// rolefit's parsers, not the external engine (a run per input would be
/// slow and depend on whether Tesseract is installed); image headers are
/// still read.
#[allow(dead_code)]
pub fn limits() -> Limits {
    let mut limits = Limits::default().with_timeout(Duration::from_secs(2));
    limits.ocr.mode = rolefit::extract::ocr::OcrMode::Never;
    limits
}

/// Invariants every extracted document keeps, whatever the input.
#[allow(dead_code)]
pub fn check_document(doc: &Document, limits: &Limits) {
    let text: usize = doc.lines.iter().map(|l| l.text.len()).sum();
    // Line splitting may add a little; the cut itself is at max_text_bytes.
    assert!(
        text <= limits.max_text_bytes + limits.max_text_bytes / 4 + 4096,
        "{text} bytes of text kept, over the {} budget",
        limits.max_text_bytes
    );
    // The normalised text analysis matches on: no control characters, no
    // double or edge spaces. (Raw `text` may still hold a newline from a JSON
    // string: reported, see tests/it/hostile.rs `fuzz_json_resume_newline_in_line`.)
    for l in &doc.lines {
        assert!(
            !l.norm.chars().any(char::is_control),
            "control character in a normalised line: {:?}",
            l.norm
        );
        assert!(!l.norm.contains("  "), "double space: {:?}", l.norm);
    }
}
