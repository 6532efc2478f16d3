//! Extraction per format on the committed fixtures: `cargo bench --bench extract`.
//! A fixture missing from this checkout (an extractor's fixtures not merged
//! yet) is skipped with a note.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rolefit::extract::{extract_bytes, Limits};

const FIXTURES: &[(&str, &str)] = &[
    (
        "pdf/chromium-print",
        "pdf/producers/lefevre-engineer.chromium-print.pdf",
    ),
    (
        "pdf/chromium-designer",
        "pdf/producers/lefevre-engineer.chromium-designer.pdf",
    ),
    (
        "pdf/libreoffice-docx",
        "pdf/producers/lefevre-engineer.libreoffice-docx.pdf",
    ),
    (
        "pdf/latex-cm",
        "pdf/producers/lefevre-engineer.latex-cm.pdf",
    ),
    (
        "pdf/groff-ps2pdf",
        "pdf/producers/lefevre-engineer.groff-ps2pdf.pdf",
    ),
    (
        "pdf/reportlab-per-glyph",
        "pdf/producers/lefevre-engineer.reportlab-per-glyph.pdf",
    ),
    ("docx/libreoffice", "docs/libreoffice.docx"),
    ("docx/python-docx", "docs/python_docx.docx"),
    ("docx/gdocs", "docs/gdocs.docx"),
    ("odt/libreoffice", "docs/libreoffice.odt"),
    ("html", "docs/resume.html"),
    ("json-resume", "docs/resume.json"),
    ("text", "resumes/director_ops.txt"),
    ("markdown", "resumes/coop_student.md"),
];

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn bench_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    let limits = Limits::default();
    for (id, rel) in FIXTURES {
        let path = fixture(rel);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping {id}: {} is missing", path.display());
            continue;
        };
        if let Err(e) = extract_bytes(&bytes, Some(&path), &limits) {
            eprintln!("skipping {id}: {e}");
            continue;
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*id, |b| {
            b.iter(|| extract_bytes(black_box(&bytes), Some(&path), &limits))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
