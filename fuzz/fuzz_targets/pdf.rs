#![no_main]
//! The pdf extractor on arbitrary bytes: no panic, no hang, bounded output.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    if let Ok(doc) = rolefit::extract::pdf::extract(data, &limits) {
        common::check_document(&doc, &limits);
    }
});
