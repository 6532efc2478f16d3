//! Hostile input (docs/limits.md): every file in fixtures/hostile/ and the
//! big inputs built here at test time give their exact outcome, within a time
//! bound, and the big ones within a memory bound. The binary runs under an
//! address-space cap, and its peak RSS is the kernel's account of the child
//! (see `util::run_capped`).
//!
//! The PDF hostile files of fixtures/pdf/robustness (flate bombs, ToUnicode
//! bomb, floods, self-cycles) are tested one by one in the `pdf` module; here
//! they go into the mixed batch that checks isolation.
//!
//! Time bounds are stated for a release build; a debug build gets a factor
//! of `DEBUG_SLACK` because the crate's own code is not optimised there.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{
    build_pdf, fixture, mkfifo, pdf_stream, run_capped, tempdir, PDF_FONT, PDF_PHRASE,
};

const DEBUG_SLACK: u32 = 8;
/// Address-space cap for every run (KiB): far above what a check needs,
/// far below what a bomb would take.
const ADDRESS_CAP_KB: u64 = 1536 * 1024;
/// Runs are killed after this; the bounds each test states are far below it.
const KILL_AFTER: Duration = Duration::from_secs(300);

fn hostile(name: &str) -> PathBuf {
    fixture("hostile").join(name)
}

/// The CPU bound of checking `path` with `args` (the text cap raised to
/// 8 MiB of analysed text): `release` (widened for a debug build), or on a
/// machine slower than the one it was set on, 12 times the CPU of checking
/// the first MiB of the same text. Analysis is linear, so 8 MiB cost about
/// 8 times one; a quadratic step would cost 64 times.
fn linear_bound(path: &Path, args: &[&str], release: Duration) -> Duration {
    let text = fs::read(path).unwrap();
    let cut = text[..(1 << 20).min(text.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(text.len().min(1 << 20), |at| at + 1);
    let sample = path.with_extension("first-mib.txt");
    fs::write(&sample, &text[..cut]).unwrap();
    let mut all = vec![sample.to_str().unwrap()];
    all.extend_from_slice(args);
    let one = check(&all);
    assert_eq!(one.code, 0, "{}", one.stderr);
    bound(release).max(one.cpu * 12)
}

/// A release-build time bound, widened for a debug build.
fn bound(release: Duration) -> Duration {
    if cfg!(debug_assertions) {
        release * DEBUG_SLACK
    } else {
        release
    }
}

struct Run {
    code: i32,
    json: Value,
    /// CPU time of the run (user and system).
    cpu: Duration,
    /// Peak RSS in KiB.
    peak_kb: u64,
    stderr: String,
}

impl Run {
    fn results(&self) -> &Vec<Value> {
        self.json["results"]
            .as_array()
            .expect("a results array in the JSON report")
    }

    fn only(&self) -> &Value {
        let r = self.results();
        assert_eq!(r.len(), 1, "one result expected: {:#}", self.json);
        &r[0]
    }
}

/// Runs `rolefit check --format json ARGS` under the address-space cap.
fn check(args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "json", "--no-progress"];
    all.extend_from_slice(args);
    let out = run_capped(&all, ADDRESS_CAP_KB, KILL_AFTER);
    let stderr = out.stderr.clone();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("rolefit was killed by a signal: {:?}\n{stderr}", out.status));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}); exit {code}; stderr: {stderr}; stdout: {}",
            out.stdout_text()
        )
    });
    Run {
        code,
        json,
        cpu: out.cpu,
        peak_kb: out.peak_rss_kib,
        stderr,
    }
}

/// What one file must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// An error of one of these kinds.
    Error(&'static [&'static str]),
    /// Checked, as this format, whatever the warnings.
    Checked(&'static str),
    /// Checked, as this format, with a warning containing the text (if any).
    Ok {
        format: &'static str,
        warning: Option<&'static str>,
    },
}

fn assert_outcome(path: &str, r: &Value, expect: Expect) {
    match expect {
        Expect::Error(kinds) => {
            assert_eq!(r["status"], "error", "{path}: {r:#}");
            let kind = r["error"]["kind"].as_str().unwrap();
            assert!(
                kinds.contains(&kind),
                "{path}: kind {kind}, expected {kinds:?}: {r:#}"
            );
        }
        Expect::Checked(format) => {
            assert_eq!(r["status"], "ok", "{path}: {r:#}");
            assert_eq!(r["document"]["format"], format, "{path}");
        }
        Expect::Ok { format, warning } => {
            assert_eq!(r["status"], "ok", "{path}: {r:#}");
            assert_eq!(r["document"]["format"], format, "{path}");
            let warnings: Vec<&str> = r["document"]["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap())
                .collect();
            match warning {
                Some(w) => assert!(
                    warnings.iter().any(|x| x.contains(w)),
                    "{path}: no warning with {w:?} in {warnings:?}"
                ),
                None => assert!(warnings.is_empty(), "{path}: unexpected {warnings:?}"),
            }
        }
    }
}

const NO_TEXT: Expect = Expect::Error(&["no_text"]);
const UNSUPPORTED: Expect = Expect::Error(&["unsupported"]);
const MALFORMED: Expect = Expect::Error(&["malformed"]);
const LIMIT: Expect = Expect::Error(&["limit"]);

fn ok(format: &'static str) -> Expect {
    Expect::Ok {
        format,
        warning: None,
    }
}

fn ok_warn(format: &'static str, warning: &'static str) -> Expect {
    Expect::Ok {
        format,
        warning: Some(warning),
    }
}

/// Every committed file in fixtures/hostile/ with its outcome. A file added
/// there without an entry here fails `every_fixture_has_an_expectation`.
fn table() -> Vec<(&'static str, Expect)> {
    let mut t = vec![
        ("truncated-half.docx", MALFORMED),
        ("truncated-no-central-dir.docx", MALFORMED),
        ("truncated-half.odt", MALFORMED),
        ("truncated-mid-string.json", MALFORMED),
        // Cut inside a tag: the paragraphs before the cut are read.
        ("truncated-mid-tag.html", ok("html")),
        // UTF-8 cut inside a character: the bad byte decides the code page.
        (
            "truncated-utf8.txt",
            ok_warn("text", "decoded as windows-1252"),
        ),
        ("good.docx", ok("docx")),
        ("good.odt", ok("odt")),
        // Mis-named: the content decides.
        ("docx-named.pdf", ok("docx")),
        ("odt-named.docx", ok("odt")),
        ("text-named.docx", ok("text")),
        ("text-named.pdf", ok("text")),
        ("json-named.txt", ok("json_resume")),
        ("html-named.json", ok("html")),
        // Zip bombs: one entry of 256 MiB; 24 padding entries never read;
        // an entry larger than its declared size.
        ("zip-bomb-256MiB.docx", LIMIT),
        ("zip-bomb-many-entries.docx", ok("docx")),
        (
            "zip-lying-size.docx",
            Expect::Error(&["malformed", "limit"]),
        ),
        // Nesting 100,000 deep.
        ("deep-xml-100k.docx", LIMIT),
        ("deep-xml-100k-deflated.docx", LIMIT),
        ("deep-xml-100k.odt", LIMIT),
        ("deep-html-100k.html", LIMIT),
        ("deep-json-arrays-100k.json", LIMIT),
        ("deep-json-objects-100k.json", LIMIT),
        // A page dictionary holding an array / dictionary 100,000 deep: the
        // deep value is dropped with a repair warning, the page is read.
        (
            "deep-pdf-arrays-100k.pdf",
            ok_warn("pdf", "nested deeper than"),
        ),
        (
            "deep-pdf-dicts-100k.pdf",
            ok_warn("pdf", "nested deeper than"),
        ),
        // Balanced parentheses 100,000 deep inside one string: the text
        // before it is kept, with a warning; 100,000 nested `q` saves are
        // legal PDF and read without one.
        (
            "deep-pdf-parens-100k.pdf",
            ok_warn("pdf", "nests strings or arrays deeper than"),
        ),
        ("deep-pdf-q-100k.pdf", ok("pdf")),
        // A stray `)` between two lines of text: both lines are read (see
        // tests/pdf_content.rs), with a warning.
        (
            "content-bad-token.pdf",
            ok_warn("pdf", "1 unreadable content-stream token was skipped"),
        ),
        // A compressed object stream inflating to 256 MiB (the stream and
        // ToUnicode bombs are in fixtures/pdf/robustness).
        ("bomb-objstm-256MiB.pdf", LIMIT),
        // Cycles of two objects (the self-cycles are in fixtures/pdf/robustness).
        ("cycle-pages-mutual.pdf", ok_warn("pdf", "cycle")),
        ("cycle-xobject-mutual.pdf", ok_warn("pdf", "cycle")),
        ("cycle-prev-two.pdf", ok("pdf")),
        // Encryption: a user password with /Encrypt written in the trailer;
        // only attachments encrypted (/EFF), the pages in the clear.
        (
            "encrypt-inline-in-trailer.pdf",
            Expect::Error(&["encrypted"]),
        ),
        (
            "encrypted-attachments-only.pdf",
            ok_warn("pdf", "attachments are password-protected"),
        ),
        // Mail headers before `%PDF-`: still a PDF.
        ("junk-before-header.pdf", ok("pdf")),
        ("pdf-header-past-1k.txt", MALFORMED),
        ("text-negative-font-size.pdf", ok("pdf")),
        ("text-mirrored-matrix.pdf", ok("pdf")),
        ("text-hebrew-identity-tounicode.pdf", ok("pdf")),
        // 28,000 overprinted glyphs on four baselines: layout stays linear.
        ("overprinted-rows.pdf", ok("pdf")),
        // Encodings.
        (
            "nul-bytes.txt",
            ok_warn("text", "3 control characters removed"),
        ),
        (
            "invalid-utf8.txt",
            ok_warn("text", "decoded as windows-1252"),
        ),
        (
            "invalid-utf16le-bom.txt",
            ok_warn("text", "decoded as UTF-16LE"),
        ),
        (
            "invalid-utf16be-nobom.txt",
            ok_warn("text", "decoded as UTF-16BE"),
        ),
        (
            "odd-length-utf16le.txt",
            ok_warn("text", "decoded as UTF-16LE"),
        ),
    ];
    for ext in ["txt", "md", "docx", "odt", "html", "json"] {
        let empty: &'static str = Box::leak(format!("empty.{ext}").into_boxed_str());
        let random: &'static str = Box::leak(format!("random-bytes.{ext}").into_boxed_str());
        t.push((empty, NO_TEXT));
        t.push((random, UNSUPPORTED));
    }
    t
}

#[test]
fn readable_pdfs_behind_attachment_encryption_or_junk_give_their_text() {
    for name in ["encrypted-attachments-only.pdf", "junk-before-header.pdf"] {
        let path = hostile(name);
        let run = check(&[path.to_str().unwrap()]);
        // "Six Sigma Green Belt": 20 characters.
        assert_eq!(
            run.only()["document"]["chars"],
            20,
            "{name}: {:#}",
            run.json
        );
    }
}

#[test]
fn turned_mirrored_and_right_to_left_text_reads_in_order() {
    for (name, want) in [
        ("text-negative-font-size.pdf", "Six Sigma Green Belt\n"),
        ("text-mirrored-matrix.pdf", "Lean Six Sigma\n"),
        (
            "text-hebrew-identity-tounicode.pdf",
            "\u{5E9}\u{5DC}\u{5D5}\u{5DD}\nSix Sigma Green Belt\n",
        ),
    ] {
        let path = hostile(name);
        let out = run_capped(
            &["extract", path.to_str().unwrap()],
            ADDRESS_CAP_KB,
            KILL_AFTER,
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{name}");
    }
}

#[test]
fn every_fixture_has_an_expectation() {
    let table = table();
    let mut missing = Vec::new();
    for entry in fs::read_dir(fixture("hostile")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_file()
            && !name.starts_with('.')
            && name != "generate.py"
            && name != "fuzz"
            && !table.iter().any(|(n, _)| *n == name)
        {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "no expectation for {missing:?}");
}

/// Each hostile fixture on its own: exact outcome, 5 s (release) wall time
/// including process start, and a clean exit (0 for ok, 2 for an error).
#[test]
fn each_fixture_gives_its_outcome() {
    let mut failures = Vec::new();
    for (name, expect) in table() {
        let path = hostile(name);
        let run = check(&[path.to_str().unwrap()]);
        let r = run.only();
        let outcome = std::panic::catch_unwind(|| assert_outcome(name, r, expect));
        if let Err(e) = outcome {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "assertion failed".into());
            failures.push(msg);
            continue;
        }
        let want_code = if matches!(expect, Expect::Error(_)) {
            2
        } else {
            0
        };
        if run.code != want_code {
            failures.push(format!(
                "{name}: exit {} (want {want_code}): {}",
                run.code, run.stderr
            ));
        }
        if run.cpu > bound(Duration::from_secs(5)) {
            failures.push(format!("{name}: took {:?}", run.cpu));
        }
        let kb = run.peak_kb;
        if kb > 300 * 1024 {
            failures.push(format!("{name}: peak RSS {} MiB", kb / 1024));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text of `fixtures/resumes/*.txt` with every line that holds a digit
/// dropped (so no date ranges), repeated to `size` bytes.
fn big_text(dir: &Path, name: &str, size: usize) -> PathBuf {
    let mut block = String::new();
    let mut names: Vec<_> = fs::read_dir(fixture("resumes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in names {
        let text = String::from_utf8_lossy(&fs::read(p).unwrap()).into_owned();
        for line in text
            .lines()
            .filter(|l| !l.chars().any(|c| c.is_ascii_digit()))
        {
            block.push_str(line);
            block.push('\n');
        }
    }
    let mut bytes = Vec::with_capacity(size + block.len());
    while bytes.len() < size {
        bytes.extend_from_slice(block.as_bytes());
    }
    bytes.truncate(size);
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn sixty_megabytes_over_the_default_cap_is_too_large() {
    let dir = tempdir();
    let path = big_text(dir.path(), "big.txt", 60_000_000);
    let run = check(&[path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_outcome("big.txt", run.only(), Expect::Error(&["too_large"]));
    // Refused from its size alone: nothing is read.
    assert!(run.cpu < bound(Duration::from_secs(1)), "{:?}", run.cpu);
    let kb = run.peak_kb;
    assert!(kb < 48 * 1024, "peak RSS {kb} KiB");
}

#[test]
fn sixty_megabytes_with_a_raised_cap_is_cut_and_checked() {
    let dir = tempdir();
    let path = big_text(dir.path(), "big.txt", 60_000_000);
    let args = ["--max-file-size", "100000000", "--timeout", "120"];
    let run = check(&[&[path.to_str().unwrap()], &args[..]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_outcome(
        "big.txt",
        run.only(),
        ok_warn("text", "text cut to the first 8388608 bytes"),
    );
    let limit = linear_bound(&path, &args, Duration::from_secs(2));
    assert!(run.cpu < limit, "{:?} (bound {limit:?})", run.cpu);
    let kb = run.peak_kb;
    // The 60 MB read, its decoded copy and the analysis of the first 8 MiB.
    assert!(kb < 256 * 1024, "peak RSS {} MiB", kb / 1024);
}

/// The same with real resumes repeated: thousands of dated jobs, which the
/// analysis de-duplicates in linear time.
#[test]
fn sixty_megabytes_of_dated_resumes_in_two_seconds() {
    let dir = tempdir();
    let resume = fs::read(fixture("resumes/cnc_machinist.txt")).unwrap();
    let mut bytes = Vec::with_capacity(60_000_000 + resume.len());
    while bytes.len() < 60_000_000 {
        bytes.extend_from_slice(&resume);
    }
    let path = dir.path().join("dated.txt");
    fs::write(&path, bytes).unwrap();
    // The CPU bound is the check; the wall-clock budget only has to let a
    // busy machine finish.
    let args = ["--max-file-size", "100000000", "--timeout", "120"];
    let run = check(&[&[path.to_str().unwrap()], &args[..]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let limit = linear_bound(&path, &args, Duration::from_secs(2));
    assert!(run.cpu < limit, "{:?} (bound {limit:?})", run.cpu);
}

#[test]
fn ten_megabyte_lines_without_newline() {
    let dir = tempdir();
    let words = b"Operated CNC lathes, performed preventive maintenance and root cause analysis; ";
    let mut line = Vec::with_capacity(10_000_000 + words.len());
    while line.len() < 10_000_000 {
        line.extend_from_slice(words);
    }
    line.truncate(10_000_000);
    // One 10 MB line, no newline at all.
    let one = dir.path().join("one-line.txt");
    fs::write(&one, &line).unwrap();
    // A heading, then three 10 MB lines (30 MB, under the default cap).
    let three = dir.path().join("three-lines.md");
    let mut bytes = b"# Production Technician\n".to_vec();
    for _ in 0..3 {
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    fs::write(&three, &bytes).unwrap();
    for (path, format) in [(&one, "text"), (&three, "markdown")] {
        let run = check(&[path.to_str().unwrap(), "--timeout", "120"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_outcome(
            path.to_str().unwrap(),
            run.only(),
            ok_warn(format, "text cut to the first 8388608 bytes"),
        );
        assert!(
            run.cpu < bound(Duration::from_secs(3)),
            "{path:?}: {:?}",
            run.cpu
        );
        let kb = run.peak_kb;
        assert!(kb < 384 * 1024, "{path:?}: peak RSS {} MiB", kb / 1024);
    }
}

/// A PDF page tree 100,000 Pages nodes deep and a chain of 100,000 distinct
/// form XObjects, each drawing the next: a `limit` error (too many objects),
/// no stack overflow, bounded time and memory.
#[test]
fn pdf_chains_100k_deep() {
    let dir = tempdir();
    let pages = dir.path().join("pages-chain.pdf");
    fs::write(&pages, pdf_pages_chain(100_000)).unwrap();
    let forms = dir.path().join("xobject-chain.pdf");
    fs::write(&forms, pdf_xobject_chain(100_000)).unwrap();
    // 100,000 objects are past the loader's object budget: refused at once,
    // before lopdf holds them all.
    for path in [&pages, &forms] {
        let run = check(&[path.to_str().unwrap(), "--timeout", "60"]);
        let r = run.only();
        assert_eq!(run.code, 2, "{path:?}: {}", run.stderr);
        assert_eq!(r["error"]["kind"], "limit", "{path:?}: {r:#}");
        assert!(
            r["error"]["message"].as_str().unwrap().contains("objects"),
            "{r:#}"
        );
        assert!(
            run.cpu < bound(Duration::from_secs(5)),
            "{path:?}: {:?}",
            run.cpu
        );
        let kb = run.peak_kb;
        assert!(kb < 160 * 1024, "{path:?}: peak RSS {} MiB", kb / 1024);
    }
    // A short chain whose only text is past the form depth limit says so
    // (not "scanned? run OCR").
    let short = dir.path().join("xobject-chain-15.pdf");
    fs::write(&short, pdf_xobject_chain(15)).unwrap();
    let run = check(&[short.to_str().unwrap()]);
    let r = run.only();
    assert_eq!(r["error"]["kind"], "limit", "{r:#}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nested more than"),
        "{r:#}"
    );
}

/// Object streams packing 160,000 tiny dictionaries (6 MiB, in four streams
/// under the per-stream cap): lopdf would expand them into over 600 MiB of
/// objects. The loader's object-stream budget refuses the file at once.
#[test]
fn pdf_object_stream_amplification_is_a_limit() {
    let dir = tempdir();
    let path = dir.path().join("objstm-amplification.pdf");
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        PDF_FONT.as_bytes().to_vec(),
        pdf_stream(PDF_PHRASE.as_bytes(), ""),
    ];
    let per_stream = 40_000;
    for s in 0..4 {
        let (mut index, mut body) = (String::new(), String::new());
        for i in 0..per_stream {
            let number = 100 + s * per_stream + i;
            index.push_str(&format!("{number} {} ", body.len()));
            body.push_str("<< /A [1 2 3] /B << /C 4 >> >>\n");
        }
        index.push('\n');
        let extra = format!(" /Type /ObjStm /N {per_stream} /First {}", index.len());
        objs.push(pdf_stream(format!("{index}{body}").as_bytes(), &extra));
    }
    fs::write(&path, build_pdf(&objs)).unwrap();
    let run = check(&[path.to_str().unwrap()]);
    let r = run.only();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(r["error"]["kind"], "limit", "{r:#}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("object streams"),
        "{r:#}"
    );
    assert!(run.cpu < bound(Duration::from_secs(2)), "{:?}", run.cpu);
    let kb = run.peak_kb;
    assert!(kb < 128 * 1024, "peak RSS {} MiB", kb / 1024);
}

fn pdf_pages_chain(depth: usize) -> Vec<u8> {
    let mut objs = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    for i in 0..depth {
        objs.push(format!("<< /Type /Pages /Kids [{} 0 R] /Count 1 >>", i + 3).into_bytes());
    }
    let page = depth + 2;
    objs.push(
        format!(
            "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {} 0 R >> >> /Contents {} 0 R >>",
            page - 1,
            page + 1,
            page + 2
        )
        .into_bytes(),
    );
    objs.push(PDF_FONT.as_bytes().to_vec());
    objs.push(pdf_stream(PDF_PHRASE.as_bytes(), ""));
    build_pdf(&objs)
}

fn pdf_xobject_chain(depth: usize) -> Vec<u8> {
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>".to_vec(),
        PDF_FONT.as_bytes().to_vec(),
        pdf_stream(b"/X Do", ""),
    ];
    for i in 0..depth {
        let n = 6 + i;
        let last = i + 1 == depth;
        let xobject = if last {
            String::new()
        } else {
            format!(" /XObject << /X {} 0 R >>", n + 1)
        };
        let extra = format!(
            " /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>{xobject} >>"
        );
        let content = if last { PDF_PHRASE } else { "/X Do" };
        objs.push(pdf_stream(content.as_bytes(), &extra));
    }
    build_pdf(&objs)
}

/// Symlink loops, a dangling link, a FIFO and a folder named like a resume,
/// made at test time (chmod 000 does not stop root, so none relies on it).
#[test]
fn unreadable_paths_in_a_folder() {
    let dir = tempdir();
    let d = dir.path();
    fs::copy(fixture("resumes/cnc_machinist.txt"), d.join("good.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", d.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", d.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    // A folder that links to its own parent: walked once, never forever.
    std::os::unix::fs::symlink(d, d.join("self")).unwrap();
    fs::create_dir(d.join("folder.txt")).unwrap();
    mkfifo(&d.join("pipe.txt"));
    let run = check(&[d.to_str().unwrap(), "--timeout", "5"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let by_name = |name: &str| -> Vec<&Value> {
        run.results()
            .iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with(name))
            .collect()
    };
    let good = by_name("/good.txt");
    assert!(
        !good.is_empty() && good.iter().all(|r| r["status"] == "ok"),
        "{:#}",
        run.json
    );
    for name in ["/loop-a.txt", "/loop-b.txt", "/dangling.txt"] {
        let rs = by_name(name);
        assert!(!rs.is_empty(), "{name} missing: {:#}", run.json);
        for r in rs {
            assert_outcome(name, r, Expect::Error(&["unreadable"]));
        }
    }
    let rs = by_name("/pipe.txt");
    assert!(!rs.is_empty(), "pipe.txt missing: {:#}", run.json);
    for r in rs {
        assert_outcome("pipe.txt", r, Expect::Error(&["unreadable", "timeout"]));
    }
    assert!(run.cpu < bound(Duration::from_secs(10)), "{:?}", run.cpu);
}

/// Named on the command line: a FIFO nobody writes to (reading it blocks)
/// ends as `timeout` or `unreadable`, a dangling link and a symlink loop as
/// `unreadable`; the good file beside them is still checked.
#[test]
fn unreadable_paths_named_directly() {
    let dir = tempdir();
    let d = dir.path();
    let good = d.join("good.txt");
    fs::copy(fixture("resumes/cnc_machinist.txt"), &good).unwrap();
    std::os::unix::fs::symlink("loop.txt", d.join("loop.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    let fifo = d.join("pipe.txt");
    mkfifo(&fifo);
    let args = [
        fifo.to_str().unwrap().to_owned(),
        d.join("loop.txt").to_str().unwrap().to_owned(),
        d.join("dangling.txt").to_str().unwrap().to_owned(),
        good.to_str().unwrap().to_owned(),
        "--timeout".into(),
        "1".into(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = check(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let results = run.results();
    assert_eq!(results.len(), 4, "{:#}", run.json);
    for r in results {
        let path = r["path"].as_str().unwrap();
        let expect = if path.ends_with("good.txt") {
            ok("text")
        } else if path.ends_with("pipe.txt") {
            Expect::Error(&["timeout", "unreadable"])
        } else {
            Expect::Error(&["unreadable"])
        };
        assert_outcome(path, r, expect);
    }
    // The FIFO costs its 1 s budget plus the grace period, no more.
    assert!(run.cpu < bound(Duration::from_secs(6)), "{:?}", run.cpu);
}

/// The outcome of each fixtures/pdf/robustness file inside the mixed batch
/// below (the `pdf` module checks each alone, with its text). The floods stop
/// at their operation or glyph budget, or at the deadline on a slow machine.
fn robustness_in_a_batch() -> Vec<(&'static str, Expect)> {
    const REBUILT: &str = "cross-reference table was broken and has been rebuilt";
    const TOO_DEEP: &str = "structures nested deeper than";
    let mut t = vec![
        ("enc-aes256-user-pw.pdf", Expect::Error(&["encrypted"])),
        ("broken-startxref.pdf", ok_warn("pdf", REBUILT)),
        ("no-xref-table.pdf", ok_warn("pdf", REBUILT)),
        ("xref-prev-loop.pdf", ok("pdf")),
        ("truncated-50pct-libreoffice-docx.pdf", MALFORMED),
        (
            "truncated-90pct-chromium-print.pdf",
            ok_warn("pdf", REBUILT),
        ),
        ("truncated-97pct-latex-times.pdf", MALFORMED),
        ("text-in-form-xobject.pdf", ok("pdf")),
        (
            "hostile-pages-cycle.pdf",
            ok_warn("pdf", "page tree has a cycle"),
        ),
        (
            "hostile-xobject-recursion.pdf",
            ok_warn("pdf", "draws itself"),
        ),
        ("hostile-nested-parens.pdf", LIMIT),
        ("hostile-nested-arrays-50k.pdf", ok_warn("pdf", TOO_DEEP)),
        ("hostile-nested-dicts-50k.pdf", ok_warn("pdf", TOO_DEEP)),
        ("hostile-flate-bomb-256MiB.pdf", LIMIT),
        ("hostile-bomb-many-streams.pdf", LIMIT),
        ("hostile-bomb-tounicode.pdf", LIMIT),
        (
            "hostile-operator-flood.pdf",
            Expect::Error(&["limit", "timeout"]),
        ),
        (
            "hostile-glyph-flood.pdf",
            Expect::Error(&["limit", "timeout"]),
        ),
        ("hostile-huge-w-range.pdf", ok("pdf")),
        ("random-bytes.pdf", UNSUPPORTED),
        ("random-after-header.pdf", MALFORMED),
        ("empty.pdf", NO_TEXT),
        ("outlined-text-ghostscript.pdf", NO_TEXT),
    ];
    // Encrypted with an empty user password, or with object streams: read as usual.
    for file in [
        "enc-rc4-40-empty-pw.pdf",
        "enc-rc4-128-empty-pw.pdf",
        "enc-aes128-empty-pw.pdf",
        "enc-aes256-empty-pw.pdf",
        "enc-aes256-cleartext-metadata.pdf",
        "enc-aes256-objstm-chromium.pdf",
        "objstm-chromium.pdf",
        "objstm-libreoffice.pdf",
    ] {
        t.push((file, ok("pdf")));
    }
    t
}

/// Isolation: every hostile fixture (these and fixtures/pdf/robustness)
/// checked in one batch with good resumes, two at a time. Every file is
/// reported, every good one is `ok`, the exit code is 2, memory is bounded.
#[test]
fn batch_with_hostile_files_reports_every_good_file() {
    let dir = tempdir();
    let d = dir.path();
    let mut expected: Vec<(String, Expect)> = Vec::new();
    for (name, expect) in table() {
        fs::copy(hostile(name), d.join(name)).unwrap();
        expected.push((name.to_owned(), expect));
    }
    let robustness = robustness_in_a_batch();
    for e in fs::read_dir(fixture("pdf/robustness")).unwrap() {
        let p = e.unwrap().path();
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        let expect = robustness
            .iter()
            .find(|(f, _)| *f == file)
            .unwrap_or_else(|| {
                panic!("pdf/robustness/{file} has no outcome in robustness_in_a_batch")
            })
            .1;
        let name = format!("pdf-{file}");
        fs::copy(&p, d.join(&name)).unwrap();
        expected.push((name, expect));
    }
    let mut good = 0;
    for e in fs::read_dir(fixture("resumes")).unwrap() {
        let p = e.unwrap().path();
        if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            let name = format!("good-{}", p.file_name().unwrap().to_string_lossy());
            fs::copy(&p, d.join(&name)).unwrap();
            let format = if name.ends_with(".md") {
                "markdown"
            } else {
                "text"
            };
            expected.push((name, Expect::Checked(format)));
            good += 1;
        }
    }
    assert!(good >= 10);
    // 30 s a file: a bomb must end as a limit, not as a timeout of a debug
    // build on a busy machine.
    let run = check(&[d.to_str().unwrap(), "--jobs", "2", "--timeout", "30"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let results = run.results();
    assert_eq!(results.len(), expected.len(), "every file reported");
    for (name, expect) in &expected {
        let r = results
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(&format!("/{name}")))
            .unwrap_or_else(|| panic!("{name} missing from the report"));
        assert_outcome(name, r, *expect);
    }
    let summary = &run.json["summary"];
    assert_eq!(summary["files"], expected.len());
    assert_eq!(
        summary["ok"].as_u64().unwrap() + summary["errors"].as_u64().unwrap(),
        expected.len() as u64
    );
    let kb = run.peak_kb;
    assert!(kb < 768 * 1024, "peak RSS {} MiB", kb / 1024);
    assert!(run.cpu < bound(Duration::from_secs(20)), "{:?}", run.cpu);
}

/// Inputs found by fuzzing (fuzz/), kept under fixtures/hostile/fuzz/TARGET/:
/// each goes through the public entry point and the whole check without a
/// panic, and normalised lines stay clean.
#[test]
fn fuzz_findings_never_panic() {
    use rolefit::check::{CheckOptions, Checker};
    use rolefit::extract::{extract_bytes, Limits};
    use rolefit::month::YearMonth;
    let checker = Checker::new(
        rolefit::rules::RuleSet::builtin(),
        CheckOptions {
            as_of: YearMonth::new(2026, 11).unwrap(),
            ..CheckOptions::default()
        },
    )
    .unwrap();
    let mut seen = 0;
    for target in fs::read_dir(fixture("hostile/fuzz")).unwrap() {
        for file in fs::read_dir(target.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            let limits = Limits::default().with_timeout(Duration::from_secs(10));
            if let Ok(doc) = extract_bytes(&bytes, Some(&path), &limits) {
                for l in &doc.lines {
                    assert!(
                        !l.norm.chars().any(char::is_control),
                        "{path:?}: {:?}",
                        l.norm
                    );
                }
                checker.check_document(&doc);
            }
            seen += 1;
        }
    }
    assert!(
        seen > 0,
        "no fuzz findings found under fixtures/hostile/fuzz"
    );
}

/// Fuzzing (target `json_resume`) found that a JSON Resume string holding
/// `\n` (here the e-mail) becomes one extracted line with a newline inside,
/// so the evidence quoted in reports spans two lines. src/extract/json_resume.rs
/// (owned by the formats work) should split such strings into lines.
#[test]
fn fuzz_json_resume_newline_in_line() {
    let path = fixture("hostile/fuzz/json_resume/email-with-newline.json");
    let bytes = fs::read(&path).unwrap();
    let doc = rolefit::extract::extract_bytes(&bytes, Some(&path), &Default::default()).unwrap();
    for l in &doc.lines {
        assert!(
            !l.text.contains('\n'),
            "a line holds a newline: {:?}",
            l.text
        );
    }
}

/// Fuzzing (target `pdf`, 2.5 kB input) found a page of about 1.5 million
/// glyphs, under the glyph budget, whose layout takes 1.6 s and 310 MiB in
/// release and ran past its 2 s deadline under the fuzzer's instrumented
/// build (12.8 s in a debug build with a 200 ms budget); fixed on main by the
/// PDF work (content read in bounded chunks, deadline checked). The extractor must give up within its deadline (plus a little):
/// here 0.2 s, so it must return within 0.2 s + 0.5 s (release).
#[test]
fn fuzz_pdf_glyph_flood_respects_the_deadline() {
    let path = fixture("hostile/fuzz/pdf/glyph-flood-layout-deadline.pdf");
    let bytes = fs::read(&path).unwrap();
    let limits = rolefit::extract::Limits::default().with_timeout(Duration::from_millis(200));
    let start = Instant::now();
    let result = rolefit::extract::extract_bytes(&bytes, Some(&path), &limits);
    let took = start.elapsed();
    assert!(
        took < bound(Duration::from_millis(700)),
        "took {took:?} with a 200 ms deadline: {:?}",
        result.as_ref().map(|d| d.lines.len())
    );
}
