//! Batch runs: walking folders, isolation, ordering, exit codes and
//! every report format, on `fixtures/batch/` plus files made at test time
//! (an unreadable file, a FIFO, links, hostile file names).
//!
//! These tests check structure, counts, statuses, ordering and escaping, not
//! the analysis' findings or scores.
#![cfg(unix)]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{find_on_path, fixture, mkfifo, rolefit, rolefit_std, tempdir, AS_OF};

/// The resumes of `fixtures/batch`, each with the format it is read as.
const GOOD: &[(&str, &str)] = &[
    ("alex-rivera.txt", "text"),
    ("dana-kowalski.json", "json_resume"),
    ("hostile-applicant.txt", "text"),
    ("maria-chen.md", "markdown"),
    ("priya-natarajan.html", "html"),
    ("sam-okafor.txt", "text"),
    ("team-b/jordan-lee.txt", "text"),
];
/// Files that can never be checked, with the error kind each gives.
const BROKEN: &[(&str, &str)] = &[
    ("broken.docx", "unsupported"),
    ("broken.pdf", "malformed"),
    ("empty.txt", "no_text"),
    // A 1×1 picture: an image too small to hold text, not sent to OCR.
    ("headshot.png", "no_text"),
];

/// `rolefit ARGS`, in `cwd` when given (else the package root).
fn run(args: &[&str], cwd: Option<&Path>) -> Output {
    let mut cmd = rolefit();
    cmd.args(args);
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    cmd.output().expect("run rolefit")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 report")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixtures") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Makes `path` a file rolefit cannot read: mode 000, or — when the tests run
/// as root, where mode 000 does not stop reads — a link to nowhere.
fn make_unreadable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::write(path, "Production Technician\nSKILLS\ntroubleshooting\n").expect("write");
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(path).is_ok() {
        fs::remove_file(path).expect("rm");
        std::os::unix::fs::symlink("no-such-target.txt", path).expect("symlink");
    }
}

/// A copy of `fixtures/batch` with the files that cannot live in git.
struct Pool {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Pool {
    fn new() -> Pool {
        let dir = tempdir();
        let root = dir.path().join("applicants");
        copy_dir(&fixture("batch"), &root);
        make_unreadable(&root.join("locked.txt"));
        // The same file again through a link, and a link loop.
        std::os::unix::fs::symlink(root.join("alex-rivera.txt"), root.join("alias.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink("..", root.join("team-b/loop")).expect("symlink");
        // A link to nowhere with an unsupported type: skipped like the type.
        std::os::unix::fs::symlink("gone.gif", root.join("gone.gif")).expect("symlink");
        mkfifo(&root.join("pipe.txt"));
        Pool { _dir: dir, root }
    }

    fn path(&self, rel: &str) -> String {
        self.root.join(rel).display().to_string()
    }

    fn arg(&self) -> String {
        self.root.display().to_string()
    }

    /// Every file the walk must report, sorted as the reports sort them.
    fn expected(&self) -> Vec<String> {
        let mut rel: Vec<&str> = GOOD.iter().chain(BROKEN).map(|(rel, _)| *rel).collect();
        rel.push("locked.txt");
        rel.push("pipe.txt");
        let mut paths: Vec<PathBuf> = rel.iter().map(|r| self.root.join(r)).collect();
        paths.sort();
        paths.iter().map(|p| p.display().to_string()).collect()
    }
}

fn json_report(args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--as-of", AS_OF, "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all, None);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON report does not parse: {e}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.code().expect("exit code"))
}

fn paths_of(report: &Value) -> Vec<String> {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["path"].as_str().expect("path").to_string())
        .collect()
}

fn result_for<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path} missing from the report"))
}

#[test]
fn a_folder_walk_reports_every_file_once_in_sorted_order() {
    let pool = Pool::new();
    // The folder, a file inside it and a subfolder: each file still once.
    let (report, code) = json_report(&[
        &pool.arg(),
        &pool.path("alex-rivera.txt"),
        &pool.path("team-b"),
    ]);
    assert_eq!(paths_of(&report), pool.expected());
    assert_eq!(code, 2, "an unreadable file makes the exit code 2");

    for (rel, format) in GOOD {
        let r = result_for(&report, &pool.path(rel));
        assert_eq!(r["status"], "ok", "{rel}: {r}");
        assert_eq!(r["document"]["format"], *format, "{rel}");
        assert!(r["error"].is_null());
        assert!(r["score"].as_u64().is_some_and(|s| s <= 100), "{rel}");
    }
    for (rel, kind) in BROKEN {
        let r = result_for(&report, &pool.path(rel));
        assert_eq!(r["status"], "error", "{rel}: {r}");
        assert_eq!(r["error"]["kind"], *kind, "{rel}: {r}");
        assert!(r["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
        assert!(
            r.get("score").is_none(),
            "a failed file has no analysis fields"
        );
    }
    assert_eq!(
        result_for(&report, &pool.path("locked.txt"))["error"]["kind"],
        "unreadable"
    );
    let fifo = result_for(&report, &pool.path("pipe.txt"));
    assert_eq!(fifo["error"]["kind"], "unreadable");
    assert!(fifo["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("not a regular file"));
    let results = report["results"].as_array().expect("results");
    let ok = results.iter().filter(|r| r["status"] == "ok").count();
    let summary = &report["summary"];
    assert_eq!(summary["files"], results.len());
    assert_eq!(summary["ok"], ok);
    assert_eq!(summary["errors"], results.len() - ok);
    assert_eq!(
        summary["passed"], ok,
        "without --min-score every checked resume passes"
    );
    assert_eq!(summary["failed"], 0);
}

#[test]
fn unsupported_files_named_directly_are_errors_and_missing_paths_unreadable() {
    let fixtures = fixture("batch");
    let png = fixtures.join("headshot.png").display().to_string();
    let xyz = fixtures.join("team-b/notes.xyz").display().to_string();
    let missing = fixtures.join("no-such-resume.pdf").display().to_string();
    let (report, code) = json_report(&[&png, &xyz, &missing]);
    assert_eq!(code, 2);
    assert_eq!(paths_of(&report).len(), 3);
    assert_eq!(result_for(&report, &png)["error"]["kind"], "no_text");
    assert_eq!(result_for(&report, &missing)["error"]["kind"], "unreadable");
    // Named directly, any file is read: detection goes by content, and this one is text.
    let notes = result_for(&report, &xyz);
    assert_eq!(notes["status"], "ok", "{notes}");
    assert_eq!(notes["document"]["format"], "text");
}

/// A folder the check cannot list is an `unreadable` result. Mode 000 does
/// not stop root, so as root the check runs as the user `nobody`.
#[test]
fn an_unreadable_folder_is_reported_not_dropped() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    const NOBODY: libc::uid_t = 65534;
    let dir = tempdir();
    let as_root = unsafe { libc::geteuid() } == 0;
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let locked = dir.path().join("locked-folder");
    fs::create_dir(&locked).expect("mkdir");
    fs::write(locked.join("inside.txt"), "x").expect("write");
    fs::copy(fixture("batch/alex-rivera.txt"), dir.path().join("a.txt")).expect("copy");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let mut cmd = rolefit_std();
    cmd.current_dir(dir.path())
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(dir.path());
    if as_root {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(NOBODY) != 0
                    || libc::setuid(NOBODY) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let out = cmd.output().expect("run rolefit");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(out.status.code(), Some(2));
    let r = result_for(&report, &locked.display().to_string());
    assert_eq!(r["error"]["kind"], "unreadable", "{r}");
    assert_eq!(report["summary"]["files"], 2);
    let good = result_for(&report, &dir.path().join("a.txt").display().to_string());
    assert_eq!(good["status"], "ok", "{good}");
}

#[test]
fn exit_codes_follow_the_spec_in_every_format() {
    let fixtures = fixture("batch");
    let good: Vec<String> = ["alex-rivera.txt", "maria-chen.md", "sam-okafor.txt"]
        .iter()
        .map(|f| fixtures.join(f).display().to_string())
        .collect();
    let broken = fixtures.join("broken.pdf").display().to_string();
    let (report, _) = json_report(&good.iter().map(String::as_str).collect::<Vec<_>>());
    let lowest = report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["score"].as_u64().expect("score"))
        .min()
        .expect("scores");
    let below = (lowest + 1).min(100).to_string();
    let expected_below = if lowest < 100 { 1 } else { 0 };
    for format in [
        "human", "json", "ndjson", "csv", "junit", "github", "markdown", "html",
    ] {
        let mut args = vec!["check", "--as-of", AS_OF, "--format", format];
        args.extend(good.iter().map(String::as_str));
        assert_eq!(
            run(&args, None).status.code(),
            Some(0),
            "{format}: all readable, no minimum"
        );
        let mut min0 = args.clone();
        min0.extend(["--min-score", "0"]);
        assert_eq!(
            run(&min0, None).status.code(),
            Some(0),
            "{format}: --min-score 0"
        );
        let mut min = args.clone();
        min.extend(["--min-score", &below]);
        assert_eq!(
            run(&min, None).status.code(),
            Some(expected_below),
            "{format}: one below the minimum"
        );
        min.push(&broken);
        assert_eq!(
            run(&min, None).status.code(),
            Some(2),
            "{format}: an unreadable file wins"
        );
    }
    // Usage errors.
    assert_eq!(
        run(&["check", "--jobs", "0", &good[0]], None).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--timeout", "0", &good[0]], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--format", "yaml", &good[0]], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_order_is_stable_whatever_the_jobs() {
    let pool = Pool::new();
    let strip = |v: &Value| paths_of(v);
    let (one, _) = json_report(&["--jobs", "1", &pool.arg()]);
    let (two, _) = json_report(&["--jobs", "2", &pool.arg()]);
    let (many, _) = json_report(&["--jobs", "7", &pool.arg()]);
    assert_eq!(strip(&one), pool.expected());
    assert_eq!(one, two, "--jobs 1 and --jobs 2 give the same report");
    assert_eq!(one, many);
    // Paths keep the order given; a file seen again later is not repeated.
    let (given, _) = json_report(&[
        "--jobs",
        "2",
        &pool.path("team-b"),
        &pool.path("sam-okafor.txt"),
        &pool.arg(),
    ]);
    let first = [
        pool.path("team-b/jordan-lee.txt"),
        pool.path("sam-okafor.txt"),
    ];
    let mut expected = first.to_vec();
    expected.extend(pool.expected().into_iter().filter(|p| !first.contains(p)));
    assert_eq!(strip(&given), expected);
}

#[test]
fn ndjson_has_one_result_per_line_then_a_summary() {
    let pool = Pool::new();
    let (json, _) = json_report(&[&pool.arg()]);
    let out = run(
        &["check", "--as-of", AS_OF, "--format", "ndjson", &pool.arg()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("line does not parse: {e}: {l}"))
        })
        .collect();
    let (summary, results) = lines.split_last().expect("lines");
    assert_eq!(results.len(), pool.expected().len());
    // Streamed, NDJSON has no `rank` (the place is known at the end only).
    let ranked: Vec<Value> = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.as_object_mut().expect("object").remove("rank");
            r
        })
        .collect();
    assert_eq!(results, ranked.as_slice());
    assert_eq!(summary["summary"], json["summary"]);
    assert_eq!(summary["schema_version"], 1);
    assert!(results.iter().all(|r| r.get("summary").is_none()));
}

/// The result lines and the summary of an NDJSON run.
fn ndjson_run(args: &[&str]) -> (Vec<String>, Value) {
    let mut all = vec!["check", "--as-of", AS_OF, "--format", "ndjson"];
    all.extend_from_slice(args);
    let out = run(&all, None);
    let text = stdout(&out);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let summary: Value = serde_json::from_str(&lines.pop().expect("a summary line")).unwrap();
    (lines, summary["summary"].clone())
}

#[test]
fn shards_together_are_the_single_run() {
    let pool = Pool::new();
    let (single, summary) = ndjson_run(&[&pool.arg()]);
    assert_eq!(single.len(), pool.expected().len());
    for count in [1, 2, 3, 5, 20] {
        let mut joined = Vec::new();
        let mut files = 0;
        let mut errors = 0;
        for index in 1..=count {
            let shard = format!("{index}/{count}");
            let (lines, part) = ndjson_run(&["--shard", &shard, "--jobs", "1", &pool.arg()]);
            // Every count-th file of the sorted list, starting with the index-th.
            let expected: Vec<&String> = single.iter().skip(index - 1).step_by(count).collect();
            assert_eq!(lines.iter().collect::<Vec<_>>(), expected, "shard {shard}");
            files += part["files"].as_u64().unwrap();
            errors += part["errors"].as_u64().unwrap();
            joined.extend(lines);
        }
        // Concatenated shards hold the single run's lines, byte for byte.
        let mut sorted = single.clone();
        sorted.sort();
        joined.sort();
        assert_eq!(joined, sorted, "{count} shards");
        assert_eq!(files, summary["files"].as_u64().unwrap());
        assert_eq!(errors, summary["errors"].as_u64().unwrap());
    }
    for bad in ["0/2", "3/2", "1", "a/b", "1/0"] {
        let out = run(&["check", "--shard", bad, &pool.arg()], None);
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
    }
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("csv record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_has_one_row_per_resume_by_rank() {
    let pool = Pool::new();
    let (json, _) = json_report(&[&pool.arg()]);
    let out = run(
        &["check", "--as-of", AS_OF, "--format", "csv", &pool.arg()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        !text.starts_with('\u{feff}'),
        "no byte-order mark unless asked"
    );
    let (header, rows) = parse_csv(&text);
    assert_eq!(
        header[..9],
        [
            "rank",
            "name",
            "email",
            "phone",
            "location",
            "links",
            "path",
            "other_files",
            "status"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for c in [
        "role",
        "score",
        "passed",
        "level",
        "years_experience",
        "education",
        "engineering_degree",
    ] {
        col(c);
    }
    // The pool has no two files of one application: a row per file.
    assert_eq!(rows.len(), paths_of(&json).len());
    let results: HashMap<&str, &Value> = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["path"].as_str().expect("path"), r))
        .collect();
    let mut last_score = u64::MAX;
    let mut checked = 0;
    for row in &rows {
        assert_eq!(row.len(), header.len());
        let result = results[row[col("path")].as_str()];
        assert_eq!(
            row[col("status")],
            result["status"].as_str().expect("status")
        );
        match result["status"].as_str() {
            Some("ok") => {
                checked += 1;
                assert_eq!(row[col("rank")], checked.to_string(), "ranked rows first");
                assert_eq!(row[col("score")], result["score"].to_string());
                let score: u64 = row[col("score")].parse().expect("score");
                assert!(score <= last_score, "best first");
                last_score = score;
                assert_eq!(row[col("passed")], "", "no --min-score, no verdict");
                assert_eq!(
                    row[col("email")],
                    result["candidate"]["email"].as_str().unwrap_or("")
                );
            }
            _ => {
                assert_eq!(row[col("rank")], "");
                assert_eq!(
                    row[col("error_kind")],
                    result["error"]["kind"].as_str().expect("kind")
                )
            }
        }
    }
    // With a minimum, `passed` says it; with --csv-bom the file starts with the mark.
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
            "--min-score",
            "60",
            "--csv-bom",
            &pool.arg(),
        ],
        None,
    );
    let text = stdout(&out);
    assert!(text.starts_with("\u{feff}rank,name,"), "{}", &text[..40]);
    let (header, rows) = parse_csv(text.trim_start_matches('\u{feff}'));
    let passed = header.iter().position(|h| h == "passed").expect("passed");
    assert!(rows.iter().any(|r| r[passed] == "true"));
    assert!(rows.iter().any(|r| r[passed] == "false"));
}

/// Copies a good resume under hostile names in a fresh folder.
fn hostile_names(names: &[&str]) -> tempfile::TempDir {
    let dir = tempdir();
    let text = fs::read(fixture("batch/hostile-applicant.txt")).expect("fixture");
    for name in names {
        fs::write(dir.path().join(name), &text).expect("hostile name");
    }
    dir
}

const FORMULA_NAMES: &[&str] = &[
    "=HYPERLINK(\"http:%2F%2Fx\",\"y\").txt",
    "@SUM(1+1).txt",
    "+cmd.txt",
    "-2+3.txt",
    "\tTAB.txt",
];

#[test]
fn csv_neutralises_formulas() {
    let dir = hostile_names(FORMULA_NAMES);
    // Copies of one resume: each on its own row.
    let mut args = vec![
        "check",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        "--no-group",
        "--",
    ];
    args.extend(FORMULA_NAMES);
    args.push("broken-=1+1.txt"); // does not exist: an error row with the name in it
    let out = run(&args, Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let (header, rows) = parse_csv(&stdout(&out));
    assert_eq!(rows.len(), FORMULA_NAMES.len() + 1);
    let path = header.iter().position(|h| h == "path").expect("path");
    for row in &rows {
        for cell in row {
            let first = cell.trim_start().chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "cell not neutralised: {cell:?}"
            );
        }
    }
    let paths: HashSet<&str> = rows.iter().map(|r| r[path].as_str()).collect();
    for name in FORMULA_NAMES {
        assert!(
            paths.contains(format!("'{name}").as_str()),
            "{name} missing or not prefixed: {paths:?}"
        );
    }
}

/// An element's name and attributes.
type Element = (String, Vec<(String, String)>);

/// Parses JUnit XML (panicking on malformed XML) into its elements.
fn junit_elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut elements = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            AsRef::<str>::as_ref(&a.key).to_string(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                                .into_owned(),
                        )
                    })
                    .collect();
                elements.push((name, attrs));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "JUnit XML does not parse at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
    elements
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> &'a str {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key} in {attrs:?}"))
}

#[test]
fn junit_parses_back_and_its_counts_match() {
    let pool = Pool::new();
    let (json, _) = json_report(&["--min-score", "100", &pool.arg()]);
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "junit",
            "--min-score",
            "100",
            &pool.arg(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let xml = stdout(&out);
    let elements = junit_elements(&xml);
    let count = |n: &str| elements.iter().filter(|(name, _)| name == n).count();
    let summary = &json["summary"];
    assert_eq!(count("testsuites"), 1);
    assert_eq!(count("testsuite"), 1);
    assert_eq!(count("testcase"), pool.expected().len());
    assert_eq!(
        count("failure") as u64,
        summary["failed"].as_u64().expect("failed")
    );
    assert_eq!(
        count("error") as u64,
        summary["errors"].as_u64().expect("errors")
    );
    for (name, attrs) in &elements {
        if name == "testsuite" || name == "testsuites" {
            assert_eq!(attr(attrs, "tests"), summary["files"].to_string());
            assert_eq!(attr(attrs, "failures"), summary["failed"].to_string());
            assert_eq!(attr(attrs, "errors"), summary["errors"].to_string());
        }
    }
    let names: Vec<&str> = elements
        .iter()
        .filter(|(n, _)| n == "testcase")
        .map(|(_, a)| attr(a, "name"))
        .collect();
    assert_eq!(names, paths_of(&json));
}

#[test]
fn junit_survives_hostile_and_control_character_names() {
    let names = [
        "<script>alert(1)<script>.txt",
        "\"><img src=x onerror=alert(1)>.txt",
        "bell\u{7}and&amp.txt",
    ];
    let dir = hostile_names(&names);
    let mut args = vec!["check", "--as-of", AS_OF, "--format", "junit"];
    args.extend(names);
    let out = run(&args, Some(dir.path()));
    let elements = junit_elements(&stdout(&out));
    let cases: Vec<&str> = elements
        .iter()
        .filter(|(n, _)| n == "testcase")
        .map(|(_, a)| attr(a, "name"))
        .collect();
    assert_eq!(cases.len(), 3);
    assert!(cases.contains(&names[0]) && cases.contains(&names[1]));
    assert!(cases.contains(&"bell\u{FFFD}and&amp.txt"), "{cases:?}");
}

#[test]
fn github_annotations_are_escaped_one_per_file() {
    let names = ["a,b:c.txt", "50%.txt", "evil\n::error::pwned.txt"];
    let dir = hostile_names(&names);
    let mut args = vec![
        "check",
        "--as-of",
        AS_OF,
        "--format",
        "github",
        "--min-score",
        "0",
    ];
    args.extend(names);
    args.push("missing.pdf");
    let out = run(&args, Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        names.len() + 2,
        "one annotation per file and a summary:\n{text}"
    );
    for line in &lines {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        assert!(!line.starts_with("::error::pwned"));
    }
    assert!(text.contains("file=a%2Cb%3Ac.txt,"), "{text}");
    assert!(text.contains("file=50%25.txt,"), "{text}");
    assert!(
        text.contains("file=evil%0A%3A%3Aerror%3A%3Apwned.txt,"),
        "{text}"
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with("::error file=missing.pdf,")));
    assert!(lines
        .last()
        .is_some_and(|l| l.starts_with("::notice title=rolefit summary::")));
}

/// Pipes that are not escaped with a backslash.
fn bare_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn markdown_is_a_ranked_table_with_escaped_cells() {
    let pool = Pool::new();
    fs::copy(
        pool.root.join("alex-rivera.txt"),
        pool.root.join("a|b <img src=x> *bold*.txt"),
    )
    .expect("copy");
    let (json, _) = json_report(&[&pool.arg()]);
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "markdown",
            "--no-group",
            &pool.arg(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let tables: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    let ok = json["summary"]["ok"].as_u64().expect("ok") as usize;
    let errors = json["summary"]["errors"].as_u64().expect("errors") as usize;
    // Two header lines per table.
    assert_eq!(tables.len(), ok + 2 + errors + 2, "{text}");
    let ranking: Vec<&&str> = tables.iter().take(ok + 2).collect();
    let columns = bare_pipes(ranking[0]);
    assert!(
        ranking.iter().all(|l| bare_pipes(l) == columns),
        "a cell broke the table:\n{text}"
    );
    assert!(
        text.contains("a\\|b \\<img src=x\\> \\*bold\\*.txt"),
        "{text}"
    );
    assert!(
        text.match_indices('<')
            .all(|(i, _)| text[..i].ends_with('\\')),
        "every < is escaped:\n{text}"
    );
    // Ranked: scores never increase down the table.
    let scores: Vec<u64> = ranking[2..]
        .iter()
        .map(|l| {
            l.split(" | ")
                .nth(2)
                .expect("score cell")
                .trim()
                .parse()
                .expect("score")
        })
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

const HTML_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h4",
    "p",
    "main",
    "section",
    "div",
    "span",
    "figure",
    "figcaption",
    "svg",
    "line",
    "g",
    "rect",
    "text",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "button",
    "details",
    "summary",
    "ul",
    "ol",
    "li",
    "q",
    "strong",
    "dl",
    "dt",
    "dd",
    "footer",
    "script",
    "form",
    "label",
    "input",
    "select",
    "option",
    "output",
    "a",
    "br",
];

/// Every tag in the page is one the reporter writes, no tag loads or links
/// anything, and there is one script: the page's own.
fn assert_only_own_markup(html: &str) {
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(
        html.matches("<style").count(),
        1,
        "only the page's own style"
    );
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    // Markup outside the script and style blocks (which contain `<` as code).
    let mut markup = html.to_string();
    for (open, close) in [("<script>", "</script>"), ("<style>", "</style>")] {
        let start = markup.find(open).expect("block") + open.len();
        let end = start + markup[start..].find(close).expect("end of block");
        markup.replace_range(start..end, "");
    }
    for (i, _) in markup.match_indices('<') {
        let rest = &markup[i + 1..];
        if rest.starts_with('!') {
            continue;
        }
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let context: String = markup[i..].chars().take(80).collect();
        assert!(
            HTML_TAGS.contains(&name.as_str()),
            "unexpected markup <{name}: {context}"
        );
        let tag = &rest[..rest.find('>').expect("tag end")];
        // The only links are to the page's own rows: `href="#c-name"`.
        let internal = match tag.split_once("href=\"") {
            None => false,
            Some((_, value)) => {
                let value = &value[..value.find('"').expect("quoted href")];
                let anchor = value.strip_prefix("#c-").expect("a link to a row");
                assert!(
                    anchor
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{context}"
                );
                true
            }
        };
        // Attribute values are quoted and cannot contain a raw quote.
        let tag: String = tag.split('"').step_by(2).collect();
        let tag = if internal {
            tag.replacen("href=", "", 1)
        } else {
            tag
        };
        for bad in [
            "src=",
            "href=",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "style=",
        ] {
            assert!(!tag.contains(bad), "attribute {bad} in a tag: {context}");
        }
    }
}

const HTML_NAMES: &[&str] = &[
    "<script>alert(1)<script>.txt",
    "\"><img src=x onerror=alert(1)>.txt",
    "'onmouseover='alert(1).txt",
    "=HYPERLINK(\"http:x\",\"y\").txt",
];

#[test]
fn html_is_self_contained_and_escapes_everything() {
    let dir = hostile_names(HTML_NAMES);
    let out_path = dir.path().join("report.html");
    let mut args = vec![
        "check",
        "--as-of",
        AS_OF,
        "--format",
        "html",
        "-o",
        "report.html",
        "--min-score",
        "1",
        // Copies of one resume: each on its own row.
        "--no-group",
    ];
    args.extend(HTML_NAMES);
    args.push("missing <b>.pdf");
    let out = run(&args, Some(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the report went to the file");
    let html = fs::read_to_string(&out_path).expect("report written");
    assert_only_own_markup(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;script&gt;.txt"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(html.contains("&#39;onmouseover=&#39;alert(1).txt"));
    assert_eq!(
        html.matches("<tbody class=\"r\"").count(),
        HTML_NAMES.len() + 1
    );
    assert!(
        html.contains("id=\"chart-scores\""),
        "a pool gets the charts"
    );
    assert!(html.contains("id=\"chart-gaps\"") && html.contains("id=\"chart-certs\""));
}

#[test]
fn output_is_written_atomically() {
    let pool = Pool::new();
    let dir = tempdir();
    let target = dir.path().join("report.json");
    fs::write(&target, "previous report").expect("write");
    let t = target.display().to_string();
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "-o",
            &t,
            &pool.arg(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let report: Value =
        serde_json::from_str(&fs::read_to_string(&target).expect("read")).expect("parses");
    assert_eq!(paths_of(&report), pool.expected());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers, ["report.json"], "no temporary file left behind");

    // The report inside the folder it covers: not checked as a resume the
    // second time round.
    let inside = pool.path("report.html");
    for _ in 0..2 {
        let out = run(
            &[
                "check",
                "--as-of",
                AS_OF,
                "--format",
                "html",
                "-o",
                &inside,
                &pool.arg(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
    }
    let html = fs::read_to_string(&inside).expect("report");
    assert_eq!(
        html.matches("<tbody class=\"r\"").count(),
        pool.expected().len()
    );

    // A folder that does not exist: an error, nothing written.
    let bad = dir
        .path()
        .join("no/such/dir/report.csv")
        .display()
        .to_string();
    let out = run(&["check", "--format", "csv", "-o", &bad, &pool.arg()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new(&bad).exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn a_file_that_hangs_times_out_and_the_run_goes_on() {
    let dir = tempdir();
    let fifo = dir.path().join("stuck.txt");
    mkfifo(&fifo);
    let good = fixture("batch/alex-rivera.txt");
    let start = Instant::now();
    // Named directly, a FIFO is opened: with no writer the open never returns.
    let (report, code) = json_report(&[
        "--timeout",
        "0.5",
        "--jobs",
        "1",
        &fifo.display().to_string(),
        &good.display().to_string(),
    ]);
    let took = start.elapsed();
    assert_eq!(code, 2);
    assert!(took < Duration::from_secs(8), "took {took:?}");
    let stuck = result_for(&report, &fifo.display().to_string());
    assert_eq!(stuck["error"]["kind"], "timeout", "{stuck}");
    assert_eq!(
        result_for(&report, &good.display().to_string())["status"],
        "ok"
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = fs::read(fixture("batch/maria-chen.md")).expect("fixture");
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--format", "ndjson", "-"])
        .write_stdin(text)
        .output()
        .expect("run rolefit");
    assert_eq!(out.status.code(), Some(0));
    let first: Value =
        serde_json::from_str(stdout(&out).lines().next().expect("line")).expect("json");
    assert_eq!(first["path"], "-");
    assert_eq!(first["status"], "ok");
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let pool = Pool::new();
    let out = run(
        &["check", "--as-of", AS_OF, "--format", "csv", &pool.arg()],
        None,
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_human_format_ends_with_a_ranking_and_counts() {
    let pool = Pool::new();
    let (json, _) = json_report(&[&pool.arg()]);
    let human = |columns: &str, quiet: bool| {
        let mut cmd = rolefit();
        cmd.args([
            "check",
            "--as-of",
            AS_OF,
            "--color",
            "never",
            "--no-progress",
        ])
        .arg(pool.arg())
        .env("COLUMNS", columns);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.output().expect("run rolefit");
        assert_eq!(out.status.code(), Some(2));
        stdout(&out)
    };
    let summary = format!(
        "{} files checked: {} ok, {} unreadable",
        json["summary"]["files"], json["summary"]["ok"], json["summary"]["errors"]
    );
    // --quiet: the summary only.
    assert_eq!(human("120", true).trim_end(), summary);
    let text = human("200", false);
    let ranking = &text[text.find("Ranking\n").expect("ranking table")..];
    let header = ranking.lines().nth(1).expect("header");
    assert!(
        header.starts_with("#  candidate"),
        "the name first: {header}"
    );
    for col in [
        "score",
        "best fit",
        "level",
        "years",
        "certifications",
        "top gaps",
        "file",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let rows: Vec<&str> = ranking
        .lines()
        .skip(2)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), pool.expected().len());
    assert!(rows[0].contains("Alex Rivera") || rows.iter().any(|r| r.contains("Maria Chen")));
    // Checked files first, best score first; then the failed ones.
    let ok = json["summary"]["ok"].as_u64().expect("ok") as usize;
    let at = header.find("score").expect("score") + "score".len();
    let scores: Vec<u64> = rows[..ok]
        .iter()
        .map(|r| {
            let cell: String = r.chars().take(at).collect::<String>();
            cell.split_whitespace()
                .last()
                .expect("score")
                .trim_end_matches(['!', '?'])
                .parse()
                .expect("score")
        })
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(rows[ok..].iter().all(|r| r.trim_start().starts_with('-')));
    assert_eq!(text.lines().last().expect("summary line"), summary);
    // Sized to the terminal: no line of the table wider than it.
    for width in [80usize, 120] {
        let text = human(&width.to_string(), false);
        let ranking = &text[text.find("Ranking\n").expect("ranking table")..];
        for line in ranking.lines().take_while(|l| !l.is_empty()) {
            assert!(line.chars().count() <= width, "{width}: {line}");
        }
        assert!(ranking
            .lines()
            .nth(1)
            .expect("header")
            .starts_with("#  candidate"));
    }
}

// ---------------------------------------------------------------------------
// Hostile text inside findings (evidence, titles, messages), rendered through
// every format via the library, independent of what analysis finds.

pub(crate) mod synthetic {
    use super::*;
    use rolefit::analyze::*;
    use rolefit::check::*;
    use rolefit::extract::Format;
    use rolefit::report::*;
    use rolefit::rules::{EducationLevel, Section, Severity, SkillKind};
    use rolefit::run::Summary;
    use rolefit::score::*;

    pub const HOSTILE: &str =
        "=HYPERLINK(\"http://x\",\"y\") <script>alert(1)</script> \"><img src=x onerror=alert(1)> |a|b| [x](javascript:alert(1))\r\n::error::pwned";

    fn ev(text: &str) -> Evidence {
        Evidence {
            page: Some(1),
            line: 7,
            section: Some(Section::Skills),
            text: text.into(),
            matched: None,
            locator: None,
            ocr: false,
        }
    }

    pub fn results() -> Vec<FileResult> {
        let checked = Checked {
            document: DocumentInfo {
                format: Format::Text,
                pages: 1,
                chars: 900,
                warnings: vec![HOSTILE.into()],
                ocr: None,
            },
            role: RoleRef {
                id: "production-technician".into(),
                name: "Production Technician".into(),
            },
            role_scores: vec![
                RoleScore {
                    id: "production-technician".into(),
                    score: 42,
                },
                RoleScore {
                    id: "production-engineer".into(),
                    score: 17,
                },
            ],
            fit_reason: None,
            score: 42,
            passed: false,
            posting: None,
            baseline: None,
            source: None,
            findings: Findings {
                level: LevelFinding {
                    id: LevelId::Mid,
                    years_experience: 3.4,
                    latest_title: Some(HOSTILE.into()),
                    jobs: vec![Job {
                        title: Some(HOSTILE.into()),
                        start: "2020-01".into(),
                        end: "2023-05".into(),
                        months: 41,
                        evidence: ev(HOSTILE),
                    }],
                },
                education: EducationFinding {
                    highest: EducationLevel::Associate,
                    engineering_degree: false,
                    evidence: vec![ev(HOSTILE)],
                },
                certifications: vec![
                    CertFinding {
                        id: "cpt".into(),
                        name: "Certified Production Technician".into(),
                        status: CertStatus::Held,
                        detail: Some(HOSTILE.into()),
                        evidence: vec![ev(HOSTILE), ev("second"), ev("third")],
                    },
                    CertFinding {
                        id: "six-sigma".into(),
                        name: "Six Sigma".into(),
                        status: CertStatus::InProgress,
                        detail: Some("green".into()),
                        evidence: vec![ev(HOSTILE)],
                    },
                ],
                skills: vec![
                    SkillFinding {
                        id: "troubleshooting".into(),
                        name: "Troubleshooting".into(),
                        kind: SkillKind::Hard,
                        status: SkillStatus::Present,
                        evidence: vec![ev(HOSTILE)],
                    },
                    SkillFinding {
                        id: "leadership".into(),
                        name: "Leadership".into(),
                        kind: SkillKind::Soft,
                        status: SkillStatus::Absent,
                        evidence: vec![],
                    },
                ],
                achievements: AchievementsFinding {
                    bullets: 4,
                    quantified: 1,
                    examples: vec![ev(HOSTILE)],
                    to_quantify: vec![ev(HOSTILE)],
                    inferred: false,
                },
                flags: vec![Flag {
                    id: "repeated-word".into(),
                    message: HOSTILE.into(),
                    evidence: vec![ev(HOSTILE)],
                }],
                sections: vec![Section::Skills],
                contact: Contact::default(),
                candidate: Candidate {
                    name: Some(HOSTILE.into()),
                    email: Some(HOSTILE.into()),
                    phone: Some(HOSTILE.into()),
                    location: Some(HOSTILE.into()),
                    links: vec![HOSTILE.into()],
                },
                fingerprint: Fingerprint::default(),
                heading_lines: Vec::new(),
            },
            breakdown: vec![CategoryScore {
                category: "certifications".into(),
                earned: 5.0,
                possible: 10.0,
                score: 50,
            }],
            met: Vec::new(),
            gaps: vec![Gap {
                requirement: "cert.lean".into(),
                severity: Severity::Required,
                weight: 5,
                message: HOSTILE.into(),
                advice: HOSTILE.into(),
                source: RequirementSource {
                    kind: "profile".into(),
                    file: "rules/production-technician.toml".into(),
                    line: 3,
                },
                points: 5,
            }],
            ats: vec![ats_finding()],
        };
        let mut passed = checked.clone();
        passed.score = 88;
        passed.passed = true;
        vec![
            FileResult::ok(HOSTILE, checked),
            FileResult::ok("b.txt", passed),
            FileResult::failed(
                "c.pdf",
                rolefit::error::FileError::new(rolefit::error::ErrorKind::Unreadable, HOSTILE),
            ),
            FileResult {
                ats: vec![ats_finding()],
                ..FileResult::failed(
                    "scan.pdf",
                    rolefit::error::FileError::new(rolefit::error::ErrorKind::NoText, HOSTILE),
                )
            },
        ]
    }

    /// An ATS risk with every field filled, resume text in each.
    fn ats_finding() -> rolefit::ats::Finding {
        rolefit::ats::Finding {
            id: rolefit::ats::MULTI_COLUMN,
            severity: rolefit::ats::Severity::High,
            message: HOSTILE.into(),
            advice: HOSTILE.into(),
            evidence: vec![rolefit::ats::Evidence {
                page: Some(1),
                line: Some(3),
                end_line: Some(20),
                region: Some(HOSTILE.into()),
                text: HOSTILE.into(),
            }],
        }
    }

    pub fn render(format: OutputFormat) -> String {
        let run = RunInfo {
            tool: Tool::default(),
            as_of: AS_OF.into(),
            min_score: Some(50),
        };
        let options = RenderOptions {
            color: false,
            quiet: false,
            verbose: false,
            width: rolefit::report::MAX_WIDTH,
            table_width: None,
            csv_bom: false,
        };
        let mut buf = Vec::new();
        {
            let mut reporter = reporter(format, &run, &options, Box::new(&mut buf));
            let mut summary = Summary::default();
            for r in results() {
                summary.add(&r);
                reporter.file(&r).expect("file");
            }
            reporter.finish(&summary).expect("finish");
        }
        String::from_utf8(buf).expect("utf-8")
    }
}

#[test]
fn hostile_evidence_cannot_inject_into_any_format() {
    use rolefit::report::OutputFormat;
    use synthetic::{render, HOSTILE};

    let html = render(OutputFormat::Html);
    assert_only_own_markup(&html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "evidence is shown, escaped"
    );
    assert!(html.contains("and 1 more"), "long evidence lists are cut");

    let (head, rows) = parse_csv(&render(OutputFormat::Csv));
    assert_eq!(rows.len(), 4);
    let column = |name: &str| head.iter().position(|h| h == name).expect(name);
    for cell in rows.iter().flatten() {
        assert!(
            !cell
                .trim_start()
                .starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
    }
    assert!(rows[0][column("path")].starts_with("'=HYPERLINK"));
    assert!(rows[0][column("name")].starts_with("'=HYPERLINK"));

    let elements = junit_elements(&render(OutputFormat::Junit));
    assert_eq!(elements.iter().filter(|(n, _)| n == "testcase").count(), 4);
    assert_eq!(elements.iter().filter(|(n, _)| n == "failure").count(), 1);
    assert_eq!(elements.iter().filter(|(n, _)| n == "error").count(), 2);

    let github = render(OutputFormat::Github);
    assert_eq!(github.lines().count(), 5);
    assert!(github.lines().all(|l| !l.starts_with("::error::pwned")));

    let markdown = render(OutputFormat::Markdown);
    assert!(
        markdown
            .match_indices('<')
            .all(|(i, _)| markdown[..i].ends_with('\\')),
        "{markdown}"
    );
    assert!(markdown.contains("\\<script\\>"));
    let table: Vec<&str> = markdown.lines().filter(|l| l.starts_with('|')).collect();
    let columns = bare_pipes(table[0]);
    assert!(
        table[..4].iter().all(|l| bare_pipes(l) == columns),
        "{markdown}"
    );

    for format in [OutputFormat::Ndjson, OutputFormat::Json] {
        let text = render(format);
        let values: Vec<Value> = if format == OutputFormat::Json {
            serde_json::from_str::<Value>(&text).expect("json")["results"]
                .as_array()
                .expect("results")
                .clone()
        } else {
            text.lines()
                .map(|l| serde_json::from_str(l).expect("ndjson"))
                .take(3)
                .collect()
        };
        assert_eq!(
            values[0]["path"], HOSTILE,
            "JSON round-trips the text exactly"
        );
    }

    let human = render(OutputFormat::Human);
    assert!(human.contains("Ranking"));
    // The ATS risks are in every format, a scan's too.
    assert_eq!(human.matches("ATS readability").count(), 3, "{human}");
    assert!(html.contains("ATS readability") && html.contains("tag sev-high"));
    assert_eq!(rows[3][rows[3].len() - 2..], ["1", "multi-column"]);
    assert!(github.contains("ATS readability risks: multi-column (high)"));
    assert!(markdown.contains("| 1 (multi-column) |"), "{markdown}");
}

// ---------------------------------------------------------------------------
// The HTML report in a real browser.

/// `ROLEFIT_CHROMIUM`, or the first Chromium or Chrome on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ROLEFIT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .find_map(find_on_path)
}

/// Loads the report in an iframe of a test page, clicks headings and writes
/// what it sees into the test page, which `--dump-dom` prints.
const HARNESS: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<pre id="out">pending</pre>
<iframe id="f" src="report.html" width="1300" height="900"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var out = {};
  try {
    var d = this.contentDocument;
    var order = function () {
      return Array.prototype.map.call(d.querySelectorAll('#ranking tbody.r'), function (b) {
        var cells = b.rows[0].cells;
        return cells[cells.length - 1].getAttribute('data-v');
      });
    };
    var scores = function () {
      return Array.prototype.map.call(d.querySelectorAll('#ranking tbody.r'), function (b) {
        return Number(b.rows[0].cells[2].getAttribute('data-v'));
      });
    };
    var click = function (name) {
      var th = Array.prototype.find.call(d.querySelectorAll('#ranking th'), function (t) {
        return t.textContent.trim() === name;
      });
      th.querySelector('button').click();
      return th.getAttribute('aria-sort');
    };
    out.rows = d.querySelectorAll('#ranking tbody.r').length;
    out.visibleRows = Array.prototype.filter.call(d.querySelectorAll('#ranking tr.main'), function (r) {
      return r.getBoundingClientRect().height > 0;
    }).length;
    out.initial = order();
    out.fileSort = click('File');
    out.byFile = order();
    out.fileSortAgain = click('File');
    out.byFileDesc = order();
    click('Score');
    out.byScore = scores();
    out.scripts = d.querySelectorAll('script').length;
    out.images = d.querySelectorAll('img').length;
    out.details = d.querySelectorAll('#ranking tr.detail').length;
    out.charts = d.querySelectorAll('svg[role=img]').length;
  } catch (e) {
    out.error = String(e);
  }
  document.getElementById('out').textContent = JSON.stringify(out);
});
</script>
</body></html>
"#;

fn run_with_timeout(mut cmd: Command, limit: Duration) -> Option<String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut pipe = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().ok()
}

#[test]
#[ignore = "needs chromium"]
fn the_html_report_sorts_in_a_real_browser() {
    let chromium = find_chromium().unwrap_or_else(|| {
        panic!(
            "this test needs Chromium: install the Debian package `chromium`, \
             or set ROLEFIT_CHROMIUM to a Chromium or Chrome binary"
        )
    });
    let pool = Pool::new();
    for name in HTML_NAMES {
        fs::copy(pool.root.join("alex-rivera.txt"), pool.root.join(name)).expect("copy");
    }
    let work = tempdir();
    let report = work.path().join("report.html");
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "--min-score",
            "1",
            // Copies of one resume: each on its own row.
            "--no-group",
            "-o",
            &report.display().to_string(),
            &pool.arg(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let expected_rows = pool.expected().len() + HTML_NAMES.len();
    fs::write(work.path().join("harness.html"), HARNESS).expect("harness");
    let profile = work.path().join("profile");
    let mut cmd = Command::new(&chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
        "--dump-dom",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!(
        "file://{}",
        work.path().join("harness.html").display()
    ));
    let dom = run_with_timeout(cmd, Duration::from_secs(90)).expect("chromium output");
    let start = dom.find("<pre id=\"out\">").expect("harness output") + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").expect("end of output");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let seen: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert!(seen.get("error").is_none(), "{seen}");

    assert_eq!(seen["rows"], expected_rows, "one row per file");
    assert_eq!(seen["visibleRows"], expected_rows, "every row is rendered");
    assert_eq!(seen["details"], expected_rows);
    assert_eq!(seen["scripts"], 1, "no injected script");
    assert_eq!(seen["images"], 0, "no injected image");
    assert_eq!(seen["charts"], 3);

    let strings = |key: &str| -> Vec<String> {
        seen[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key}: {seen}"))
            .iter()
            .map(|v| v.as_str().expect("string").to_string())
            .collect()
    };
    let initial = strings("initial");
    let by_file = strings("byFile");
    let mut sorted = initial.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(seen["fileSort"], "ascending");
    assert_eq!(by_file, sorted, "sorted by file name");
    assert_ne!(by_file, initial, "sorting reordered the rows");
    let mut reversed = sorted.clone();
    reversed.reverse();
    assert_eq!(seen["fileSortAgain"], "descending");
    assert_eq!(strings("byFileDesc"), reversed);
    let scores: Vec<f64> = seen["byScore"]
        .as_array()
        .expect("scores")
        .iter()
        .map(|v| v.as_f64().expect("n"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let names: BTreeSet<String> = initial.into_iter().collect();
    for name in HTML_NAMES {
        assert!(names.contains(&pool.path(name)), "{name} shown as text");
    }
}

/// Loads the report four times — filtered by the address, opened at an
/// anchor — and writes what it sees into the test page.
const FILTER_HARNESS: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<pre id="out">pending</pre>
<iframe id="search" src="report.html?q=maria" width="1300" height="700"></iframe>
<iframe id="cert" src="report.html?cert=cpt&amp;min=50" width="1300" height="700"></iframe>
<iframe id="anchor" src="report.html#c-maria-chen" width="1300" height="700"></iframe>
<iframe id="live" src="report.html" width="1300" height="700"></iframe>
<script>
var out = {};
var pending = 4;
function visible(d) {
  return Array.prototype.filter.call(d.querySelectorAll('#ranking tbody.r'), function (b) {
    return !b.hidden && b.rows[0].getBoundingClientRect().height > 0;
  });
}
function attrs(rows, name) {
  return rows.map(function (b) { return b.getAttribute(name); });
}
function done() {
  pending -= 1;
  if (pending === 0) { document.getElementById('out').textContent = JSON.stringify(out); }
}
function check(id, fn) {
  document.getElementById(id).addEventListener('load', function () {
    try { fn(this.contentDocument); } catch (e) { out[id + 'Error'] = String(e); }
    done();
  });
}
check('search', function (d) {
  out.rows = d.querySelectorAll('#ranking tbody.r').length;
  out.searchRows = attrs(visible(d), 'id');
  out.searchCount = d.getElementById('f-count').textContent;
  out.searchBox = d.getElementById('f-q').value;
});
check('cert', function (d) {
  var rows = visible(d);
  out.certRows = rows.length;
  out.certCerts = attrs(rows, 'data-certs');
  out.certScores = attrs(rows, 'data-score').map(Number);
});
check('anchor', function (d) {
  var row = d.getElementById('c-maria-chen');
  out.anchorOpen = !!row && row.classList.contains('open');
  out.anchorDetail = row ? row.rows[1].getBoundingClientRect().height : -1;
  out.openDetails = Array.prototype.filter.call(d.querySelectorAll('#ranking tr.detail'), function (r) {
    return r.getBoundingClientRect().height > 0;
  }).length;
  out.links = Array.prototype.map.call(d.querySelectorAll('#ranking a.name'), function (a) {
    return a.getAttribute('href');
  });
});
check('live', function (d) {
  var level = d.getElementById('f-level');
  level.value = 'senior';
  level.dispatchEvent(new Event('change', { bubbles: true }));
  out.levelRows = attrs(visible(d), 'data-level');
  d.getElementById('filters').reset();
  out.afterReset = -1;
  setTimeout(function () { out.afterReset = visible(d).length; done(); }, 50);
  pending += 1;
});
</script>
</body></html>
"#;

#[test]
#[ignore = "needs chromium"]
fn the_html_report_filters_and_opens_rows_in_a_real_browser() {
    let chromium = find_chromium().unwrap_or_else(|| {
        panic!(
            "this test needs Chromium: install the Debian package `chromium`, \
             or set ROLEFIT_CHROMIUM to a Chromium or Chrome binary"
        )
    });
    let pool = Pool::new();
    let work = tempdir();
    let report = work.path().join("report.html");
    let out = run(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "-o",
            &report.display().to_string(),
            &pool.arg(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    fs::write(work.path().join("harness.html"), FILTER_HARNESS).expect("harness");
    let profile = work.path().join("profile");
    let mut cmd = Command::new(&chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
        "--dump-dom",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!(
        "file://{}",
        work.path().join("harness.html").display()
    ));
    let dom = run_with_timeout(cmd, Duration::from_secs(90)).expect("chromium output");
    let start = dom.find("<pre id=\"out\">").expect("harness output") + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").expect("end of output");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let seen: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert!(
        seen.as_object()
            .expect("object")
            .keys()
            .all(|k| !k.ends_with("Error")),
        "{seen}"
    );
    let rows = seen["rows"].as_u64().expect("rows");
    assert_eq!(rows as usize, pool.expected().len(), "a row per candidate");
    // ?q=maria: the search box is filled in and keeps Maria Chen only.
    assert_eq!(seen["searchBox"], "maria");
    assert_eq!(seen["searchRows"], serde_json::json!(["c-maria-chen"]));
    assert_eq!(seen["searchCount"], format!("1 of {rows} shown"));
    // ?cert=cpt&min=50: only holders of the CPT with 50 or more.
    let certs = seen["certCerts"].as_array().expect("certs");
    assert!(!certs.is_empty() && (certs.len() as u64) < rows, "{seen}");
    assert!(certs
        .iter()
        .all(|c| c.as_str().expect("certs").contains(" cpt ")));
    assert!(seen["certScores"]
        .as_array()
        .expect("scores")
        .iter()
        .all(|s| s.as_u64().expect("score") >= 50));
    // #c-maria-chen: that row is open, its details shown, no other's.
    assert_eq!(seen["anchorOpen"], true, "{seen}");
    assert!(
        seen["anchorDetail"].as_f64().expect("height") > 50.0,
        "{seen}"
    );
    assert_eq!(seen["openDetails"], 1);
    assert!(seen["links"]
        .as_array()
        .expect("links")
        .iter()
        .any(|l| l == "#c-maria-chen"));
    // A filter changed on the page narrows the rows; Clear shows them all.
    let levels = seen["levelRows"].as_array().expect("levels");
    assert!(!levels.is_empty() && (levels.len() as u64) < rows, "{seen}");
    assert!(levels.iter().all(|l| l == "senior"));
    assert_eq!(seen["afterReset"].as_u64(), Some(rows));
}

#[test]
fn repository_files_in_a_folder_are_skipped_and_listed() {
    let dir = tempdir();
    let root = dir.path();
    fs::copy(
        fixture("resumes/senior_tech.txt"),
        root.join("senior_tech.txt"),
    )
    .expect("copy");
    fs::write(root.join("README.md"), "# tools\n\nA small tool. Run it.\n").expect("write");
    fs::write(root.join("LICENSE.txt"), "MIT License\n").expect("write");
    fs::write(
        root.join("package.json"),
        r#"{"name": "site", "version": "1.0.0"}"#,
    )
    .expect("write");
    let folder = root.to_str().expect("utf-8 path");

    let (report, code) = json_report(&[folder]);
    assert_eq!(code, 0);
    crate::schema::assert_valid(&report);
    assert!(
        crate::schema::undeclared_fields(crate::schema::schema(), &report).is_empty(),
        "every field written is declared in the schema"
    );
    assert_eq!(
        paths_of(&report),
        [root.join("senior_tech.txt").display().to_string()]
    );
    assert_eq!(report["summary"]["files"], 1);
    let skipped: Vec<&str> = report["summary"]["skipped"]
        .as_array()
        .expect("summary.skipped")
        .iter()
        .map(|p| p.as_str().expect("a path"))
        .collect();
    let expected: Vec<String> = ["LICENSE.txt", "README.md", "package.json"]
        .iter()
        .map(|n| root.join(n).display().to_string())
        .collect();
    assert_eq!(skipped, expected);

    // The human summary says what was skipped.
    let out = run(&["check", "--as-of", AS_OF, "-q", folder], None);
    let text = stdout(&out);
    assert!(
        text.contains("3 files skipped as not resumes by name"),
        "{text}"
    );

    // Named on the command line, a README is checked (and marked).
    let readme = root.join("README.md");
    let (report, _) = json_report(&[readme.to_str().expect("utf-8")]);
    assert_eq!(paths_of(&report), [readme.display().to_string()]);
    assert!(report["summary"].get("skipped").is_none());

    // A folder of nothing but such files: no resumes, exit 2, and why.
    fs::remove_file(root.join("senior_tech.txt")).expect("remove");
    let out = run(&["check", "--as-of", AS_OF, folder], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3 files skipped as not resumes by name"),
        "{err}"
    );
}
