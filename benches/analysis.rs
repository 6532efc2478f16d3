//! Analysis and scoring: `cargo bench --bench analysis`. Measures the
//! checker's start-up (rules compiled once per run), one resume analysed and
//! scored against every role, a 1 MiB text, and the two hot helpers (line
//! normalisation, date ranges).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rolefit::analyze::dates::find_ranges;
use rolefit::check::{CheckOptions, Checker};
use rolefit::extract::Format;
use rolefit::extract::{extract_bytes, text, Limits};
use rolefit::month::YearMonth;
use rolefit::normalize::normalize_line;
use rolefit::rules::RuleSet;

fn options() -> CheckOptions {
    CheckOptions {
        as_of: YearMonth::new(2026, 11).unwrap(),
        ..CheckOptions::default()
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(rel),
    )
    .unwrap()
}

fn bench_analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group.bench_function("checker-start-up", |b| {
        b.iter(|| {
            let checker = Checker::new(RuleSet::builtin(), options()).unwrap();
            // The matchers build in the background; wait for them.
            checker.analyzer();
            checker
        })
    });
    let checker = Checker::new(RuleSet::builtin(), options()).unwrap();
    let limits = Limits::default();
    for rel in [
        "resumes/director_ops.txt",
        "resumes/cnc_machinist.txt",
        "resumes/coop_student.md",
    ] {
        let bytes = fixture(rel);
        let doc = extract_bytes(&bytes, Some(Path::new(rel)), &limits).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("check-document/{rel}"), |b| {
            b.iter(|| checker.check_document(black_box(&doc)))
        });
    }
    // 1 MiB of resume text: the fixtures, repeated.
    let mut big = Vec::new();
    while big.len() < 1 << 20 {
        big.extend_from_slice(&fixture("resumes/director_ops.txt"));
        big.extend_from_slice(&fixture("resumes/chemical_engineer.txt"));
    }
    let doc = text::extract(&big, Format::Text, &limits).unwrap();
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("check-document/1MiB", |b| {
        b.iter(|| checker.check_document(black_box(&doc)))
    });
    group.finish();

    let mut group = c.benchmark_group("helpers");
    let text = String::from_utf8(fixture("resumes/director_ops.txt")).unwrap();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize_line/resume", |b| {
        b.iter(|| {
            for line in black_box(&text).lines() {
                black_box(normalize_line(line));
            }
        })
    });
    let as_of = YearMonth::new(2026, 11).unwrap();
    group.bench_function("find_ranges/resume", |b| {
        b.iter(|| {
            for line in black_box(&text).lines() {
                black_box(find_ranges(line, as_of));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_analysis);
criterion_main!(benches);
