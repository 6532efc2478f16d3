//! The built-in patterns' DFAs embedded in rolefit (`src/pattern/prebuilt.bin`):
//! every pattern the built-in rules compile is in it, and each prebuilt DFA
//! finds what the same pattern compiled at run time finds.
//!
//! Regenerate after changing a built-in pattern or rule file:
//! `ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt`.
//! (A test binary of its own: the patterns it records are only the built-in ones.)

use std::sync::Arc;

use regex_automata::dfa::{dense, regex};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::PatternID;
use rolefit::analyze::Analyzer;
use rolefit::pattern::prebuilt::Listed;
use rolefit::pattern::{nfa_codec, prebuilt, Pattern};
use rolefit::rules::RuleSet;

/// Patterns whose sparse DFAs are larger (in bytes) are embedded as NFAs.
const SIZE_LIMIT: usize = 512 << 10;

/// Patterns whose dense DFAs are at most this large (in bytes) are embedded
/// dense, the others sparse.
const DENSE_LIMIT: usize = 256 << 10;

/// Every pattern source the built-in rules compile.
fn builtin_sources() -> Vec<String> {
    prebuilt::start_recording();
    let analyzer = Analyzer::new(Arc::new(RuleSet::builtin()));
    analyzer.compile_all();
    prebuilt::recorded()
}

/// The forward NFA (with capture groups) and the reverse NFA of `source`,
/// as the compiled pattern builds them.
fn nfas(source: &str) -> (NFA, NFA) {
    let compiler = |config: thompson::Config| {
        thompson::Compiler::new()
            .syntax(rolefit::pattern::syntax())
            .configure(config.shrink(false))
            .build(source)
            .expect("a built-in pattern compiles")
    };
    (
        compiler(thompson::Config::new()),
        compiler(
            thompson::Config::new()
                .reverse(true)
                .which_captures(WhichCaptures::None),
        ),
    )
}

/// What the blob holds for `source`: its DFAs when small enough, else its
/// NFAs; the forward NFA too when it has capture groups.
fn blob_entry(source: &str) -> prebuilt::BlobEntry {
    let (fwd, rev) = nfas(source);
    let encode = |nfa: &NFA| nfa_codec::encode(nfa).expect("an encodable NFA");
    let dfas = build(source);
    let nfas = match &dfas {
        Some(_) if fwd.group_info().group_len(PatternID::ZERO) > 1 => (encode(&fwd), Vec::new()),
        Some(_) => (Vec::new(), Vec::new()),
        None => (encode(&fwd), encode(&rev)),
    };
    prebuilt::BlobEntry {
        source: source.to_string(),
        dfas: dfas.unwrap_or_default(),
        nfas,
    }
}

fn build(source: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let config = dense::Config::new()
        .minimize(true)
        .dfa_size_limit(Some(8 * SIZE_LIMIT))
        .determinize_size_limit(Some(8 * SIZE_LIMIT));
    let re = regex::Builder::new()
        .syntax(rolefit::pattern::syntax())
        .dense(config)
        .build(source)
        .ok()?;
    // Dense DFAs (one table lookup a byte) when small; else sparse ones, a
    // fraction of the size, in the binary and in the pages a search touches.
    let dense = |dfa: &dense::DFA<Vec<u32>>| {
        let (bytes, pad) = dfa.to_bytes_little_endian();
        bytes[pad..].to_vec()
    };
    let (fwd, rev) = (dense(re.forward()), dense(re.reverse()));
    if fwd.len() + rev.len() <= DENSE_LIMIT {
        return Some((fwd, rev));
    }
    let fwd = re.forward().to_sparse().ok()?.to_bytes_little_endian();
    let rev = re.reverse().to_sparse().ok()?.to_bytes_little_endian();
    (fwd.len() + rev.len() <= SIZE_LIMIT).then_some((fwd, rev))
}

/// Every alias set the built-in rules' term matchers build.
fn builtin_alias_sets() -> Vec<Vec<String>> {
    prebuilt::start_recording();
    let _ = Analyzer::new(Arc::new(RuleSet::builtin()));
    prebuilt::recorded_aliases()
}

#[test]
fn the_builtin_lexicon_is_prebuilt() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/lexicon.bin");
    let blob = rolefit::rules::Lexicon::builtin_blob();
    if std::env::var_os("ROLEFIT_REGENERATE").is_some() {
        std::fs::write(path, &blob).expect("write lexicon.bin");
        return;
    }
    assert!(
        std::fs::read(path).unwrap() == blob,
        "src/rules/lexicon.bin is stale (regenerate: ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt)"
    );
}

#[test]
fn the_builtin_rules_are_prebuilt() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/rules.bin");
    let blob = RuleSet::builtin_blob();
    if std::env::var_os("ROLEFIT_REGENERATE").is_some() {
        std::fs::write(path, &blob).expect("write rules.bin");
        return;
    }
    assert!(
        std::fs::read(path).unwrap() == blob,
        "src/rules/rules.bin is stale (regenerate: ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt)"
    );
}

#[test]
fn the_ats_risk_texts_are_prebuilt() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ats/risk_texts.rs");
    let table = rolefit::ats::text::generated_table();
    if std::env::var_os("ROLEFIT_REGENERATE").is_some() {
        std::fs::write(path, &table).expect("write risk_texts.rs");
        return;
    }
    assert!(
        std::fs::read_to_string(path).unwrap() == table,
        "src/ats/risk_texts.rs is stale (regenerate: ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt)"
    );
}

#[test]
fn every_builtin_alias_set_is_prebuilt() {
    let sets = builtin_alias_sets();
    assert!(sets.len() >= 2, "recorded {} alias sets", sets.len());
    if std::env::var_os("ROLEFIT_REGENERATE").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern/aliases.bin");
        std::fs::write(path, prebuilt::write_alias_blob(&sets)).expect("write aliases.bin");
        return;
    }
    for set in &sets {
        assert!(
            prebuilt::aliases(set).is_some(),
            "an alias set of {} literals is not in src/pattern/aliases.bin (regenerate: \
             ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt)",
            set.len()
        );
    }
}

#[test]
fn prebuilt_aliases_find_what_aho_corasick_finds() {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    let lines = fixture_lines();
    for set in builtin_alias_sets() {
        let trie = prebuilt::aliases(&set).expect("prebuilt");
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&set)
            .unwrap();
        for line in &lines {
            let want: Vec<(usize, usize)> = ac
                .find_overlapping_iter(line.as_str())
                .map(|m| (m.pattern().as_usize(), m.end()))
                .collect();
            let mut got = Vec::new();
            prebuilt::alias_matches(&trie, line.as_bytes(), &mut got);
            assert_eq!(got, want, "on {line:?}");
        }
    }
}

#[test]
fn every_builtin_pattern_is_prebuilt() {
    let sources = builtin_sources();
    assert!(sources.len() > 20, "recorded {} patterns", sources.len());
    if std::env::var_os("ROLEFIT_REGENERATE").is_some() {
        let entries: Vec<_> = sources.iter().map(|s| blob_entry(s)).collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern/prebuilt.bin");
        std::fs::write(path, prebuilt::write_blob(&entries)).expect("write prebuilt.bin");
        return;
    }
    let missing: Vec<&String> = sources
        .iter()
        .filter(|s| prebuilt::listed(s).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "{} built-in patterns are not in src/pattern/prebuilt.bin (regenerate: \
         ROLEFIT_REGENERATE=1 cargo test --release --test prebuilt), the first: {:?}",
        missing.len(),
        missing.first()
    );
    assert_eq!(
        prebuilt::validate(),
        Vec::<&str>::new(),
        "DFAs that do not validate"
    );
    for s in &sources {
        assert!(Pattern::new(s).unwrap().is_prebuilt(), "{s} does not load");
        // The embedded NFAs are the ones compiling builds, state for state.
        let (fwd, rev) = nfas(s);
        let stored = prebuilt::nfas(s).unwrap();
        let same =
            |a: Option<NFA>, b: &NFA| a.is_some_and(|a| format!("{a:?}") == format!("{b:?}"));
        let has_groups = fwd.group_info().group_len(PatternID::ZERO) > 1;
        match prebuilt::listed(s) {
            Some(Listed::Nfa) => {
                assert!(same(stored.forward(), &fwd), "{s}: forward NFA differs");
                assert!(same(stored.reverse(), &rev), "{s}: reverse NFA differs");
            }
            _ if has_groups => assert!(same(stored.forward(), &fwd), "{s}: forward NFA differs"),
            _ => {}
        }
    }
}

/// Every line of the fixture resumes and postings, lower-cased as analysis sees them.
fn fixture_lines() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut lines = Vec::new();
    for dir in ["resumes", "postings", "pdf/producers"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                lines.extend(text.lines().map(|l| l.to_ascii_lowercase()));
                lines.push(text.to_ascii_lowercase());
            }
        }
    }
    lines
}

#[test]
fn prebuilt_and_compiled_patterns_find_the_same() {
    let lines = fixture_lines();
    assert!(lines.len() > 1000);
    let mut compared = 0;
    for source in builtin_sources() {
        let prebuilt = Pattern::new(&source).unwrap();
        if !prebuilt.is_prebuilt() {
            continue;
        }
        compared += 1;
        let compiled = Pattern::compiled(&source).unwrap();
        for line in &lines {
            let spans = |p: &Pattern| -> Vec<(usize, usize)> {
                p.find_iter(line).map(|m| (m.start(), m.end())).collect()
            };
            assert_eq!(spans(&prebuilt), spans(&compiled), "{source} on {line:?}");
            assert_eq!(prebuilt.is_match(line), compiled.is_match(line));
            let groups = |p: &Pattern| -> Vec<Vec<Option<(usize, usize)>>> {
                p.captures(line)
                    .map(|c| {
                        (0..4)
                            .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(groups(&prebuilt), groups(&compiled), "{source} on {line:?}");
        }
    }
    assert!(compared > 20, "only {compared} patterns are prebuilt");
}
