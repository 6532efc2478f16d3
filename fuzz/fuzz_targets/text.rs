#![no_main]
//! Text decoding (BOMs, UTF-16 sniffing, code pages) and line splitting, as
//! plain text and as Markdown.
use libfuzzer_sys::fuzz_target;
use rolefit::extract::Format;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let (text, _) = rolefit::extract::text::decode(data);
    assert!(text.len() <= data.len() * 3 + 3);
    for format in [Format::Text, Format::Markdown] {
        if let Ok(doc) = rolefit::extract::text::extract(data, format, &limits) {
            common::check_document(&doc, &limits);
        }
    }
});
