#![no_main]
//! The public entry point: format detection by content, with the first byte
//! choosing a file-name hint, then whichever extractor detection picks.
use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: &[&str] = &[
    "cv.pdf", "cv.docx", "cv.odt", "cv.html", "cv.json", "cv.txt", "cv.md", "cv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = Path::new(NAMES[pick as usize % NAMES.len()]);
    let limits = common::limits();
    if let Ok(doc) = rolefit::extract::extract_bytes(bytes, Some(name), &limits) {
        common::check_document(&doc, &limits);
    }
});
