#![no_main]
//! The whole analysis and scoring on arbitrary text, with the built-in rules.
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rolefit::month::YearMonth;
use rolefit::check::{CheckOptions, Checker};
use rolefit::extract::Format;
use rolefit::rules::RuleSet;

#[path = "common.rs"]
mod common;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let options = CheckOptions {
        as_of: YearMonth::new(2026, 11).unwrap(),
        ..CheckOptions::default()
    };
    Checker::new(RuleSet::builtin(), options).expect("built-in rules load")
});

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let Ok(doc) = rolefit::extract::text::extract(data, Format::Text, &limits) else {
        return;
    };
    let checked = CHECKER.check_document(&doc);
    assert!(checked.score <= 100, "score {}", checked.score);
    // The report must serialise.
    serde_json::to_string(&checked).expect("serialisable");
});
