//! Generated sources stay what their generator makes: `src/extract/pdf/tables.rs`
//! comes from `scripts/gen_pdf_tables.py` (ReportLab's glyph list, encodings
//! and widths, and TeX Live's `ec.enc`).
//!
//! Two checks. Everywhere, with no tool: both files still have the sha256
//! they had when the tables were last regenerated, so a hand edit of the
//! tables, or a generator change without regenerating, fails. Where the
//! generator's inputs are installed (`.ci/run` installs them): the generator
//! is run and its output must equal the committed file byte for byte.

use sha2::{Digest, Sha256};

use crate::util::{require_tool, root};

const GENERATOR: &str = "scripts/gen_pdf_tables.py";
const TABLES: &str = "src/extract/pdf/tables.rs";
/// The sha256 of `GENERATOR` and of `TABLES` when the tables were last
/// regenerated and `the_pdf_tables_regenerate_identically` passed.
const GENERATOR_SHA256: &str = "2e9b6ea4ab4ff91f163b560bb678ba9b78864c72d991b56ec7c91486e3d9e0c9";
const TABLES_SHA256: &str = "453de045f21d33bcf8906e96dcd29d94382a7f744d3f1c7edd28cd844c13c281";

const HOW_TO_REGENERATE: &str = "regenerate with `pip install reportlab==5.1.0` (and the Debian \
     package texlive-base for ec.enc), `python3 scripts/gen_pdf_tables.py > \
     src/extract/pdf/tables.rs`, check with `cargo test --test it generated:: -- \
     --include-ignored`, then record the new sha256 values in tests/it/generated.rs";

fn sha256_hex(path: &str) -> String {
    let bytes = std::fs::read(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_pdf_tables_and_their_generator_are_as_last_regenerated() {
    assert_eq!(
        sha256_hex(TABLES),
        TABLES_SHA256,
        "{TABLES} changed without its generator: it is generated, not edited by hand; \
         {HOW_TO_REGENERATE}"
    );
    assert_eq!(
        sha256_hex(GENERATOR),
        GENERATOR_SHA256,
        "{GENERATOR} changed: {HOW_TO_REGENERATE}"
    );
}

#[test]
#[ignore = "needs python3 with reportlab, and texlive-base"]
fn the_pdf_tables_regenerate_identically() {
    let python = require_tool("python3", "python3");
    let out = std::process::Command::new(python)
        .arg(root().join(GENERATOR))
        .output()
        .expect("run the generator");
    assert!(
        out.status.success(),
        "{GENERATOR} failed (needs `pip install reportlab==5.1.0` and the Debian package \
         texlive-base): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read(root().join(TABLES)).expect("the committed tables");
    if out.stdout != committed {
        let generated = String::from_utf8_lossy(&out.stdout);
        let committed = String::from_utf8_lossy(&committed);
        let first = generated
            .lines()
            .zip(committed.lines())
            .position(|(g, c)| g != c)
            .map_or_else(|| "the length".to_string(), |i| format!("line {}", i + 1));
        panic!(
            "{TABLES} differs from what {GENERATOR} makes now (first at {first}): {HOW_TO_REGENERATE}"
        );
    }
}
