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

/// The CJK tables (`src/extract/pdf/cjk/`) come from `scripts/gen_cjk_tables.py`
/// run on snapshots of Adobe's cmap-resources and mapping-resources-pdf,
/// which no test machine has: only their sha256 is checked, with the generator's.
const CJK_GENERATED: &[(&str, &str)] = &[
    (
        "scripts/gen_cjk_tables.py",
        "94e77d14c648d58d4d2cf23ea3a24b3fb053673a6f06af6e9d156c52de82473c",
    ),
    (
        "src/extract/pdf/cjk/tables.rs",
        "7057afa0f5768d1ac2467472073f8900791d2de007c14c44500b6a04b4ec106b",
    ),
    (
        "src/extract/pdf/cjk/cmaps.bin",
        "c30e6f7bb542f297d052c86fa9f8606ce25a04950fdc8dda0a4c143080b1aceb",
    ),
    (
        "src/extract/pdf/cjk/japan1.bin",
        "859400ad9da46a8bf768580e16de38fd26cf04a4f6ec8a016835608f47b08992",
    ),
    (
        "src/extract/pdf/cjk/gb1.bin",
        "5a17b12fbc2010f4f19bccecdbc3ad0e5b3e45fe84fdc0415ec609fb969f7c0f",
    ),
    (
        "src/extract/pdf/cjk/cns1.bin",
        "6740c64f805908d87aad2247b0ab1cb02c708224c495d94ec6494112e08d8c3e",
    ),
    (
        "src/extract/pdf/cjk/korea1.bin",
        "da8e096f14c4908aa28b34115be21d374896a0a834d3f54e622ac0abd7594abb",
    ),
];

#[test]
fn the_cjk_tables_and_their_generator_are_as_last_regenerated() {
    for (path, sha) in CJK_GENERATED {
        assert_eq!(
            &sha256_hex(path),
            sha,
            "{path} changed: the CJK tables are generated, not edited by hand; run \
             `python3 scripts/gen_cjk_tables.py CMAP_RESOURCES MAPPING_RESOURCES` on checkouts \
             of adobe-type-tools/cmap-resources and mapping-resources-pdf, then record the new \
             sha256 values in tests/it/generated.rs"
        );
    }
}
