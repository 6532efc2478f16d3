#![no_main]
//! The DOCX and ODT extractors (zip + XML) on arbitrary bytes.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    if let Ok(doc) = rolefit::extract::docx::extract(data, &limits) {
        common::check_document(&doc, &limits);
    }
    if let Ok(doc) = rolefit::extract::odt::extract(data, &limits) {
        common::check_document(&doc, &limits);
    }
});
