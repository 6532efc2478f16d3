//! What a recruiter screening a folder of applicants relies on: who each
//! resume is from, one row per application, the batch views (`--top`,
//! `--sort`, `--require`) in every format, and report files colleagues can
//! open.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{bin, fixture, rolefit, tempdir};

const AS_OF: &str = "2026-11";

fn check(args: &[&str], dir: &Path) -> (String, String, i32) {
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--no-progress"])
        .args(args)
        .arg(dir)
        .output()
        .expect("run rolefit");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().expect("exit code"),
    )
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let head = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect();
    (head, rows)
}

/// Alex Rivera twice (the second copy with one achievement less, as a
/// second format of one application would differ), a namesake with
/// another resume, and Maria Chen.
fn applicants() -> tempfile::TempDir {
    let dir = tempdir();
    let alex = fs::read_to_string(fixture("batch/alex-rivera.txt")).expect("fixture");
    fs::write(dir.path().join("alex-rivera.txt"), &alex).expect("write");
    let weaker = alex.replace(
        "- Inspected parts with calipers and micrometers; reduced scrap by 12%\n",
        "",
    );
    assert_ne!(weaker, alex);
    fs::write(dir.path().join("alex-rivera-v2.md"), weaker).expect("write");
    let namesake = fs::read_to_string(fixture("batch/sam-okafor.txt"))
        .expect("fixture")
        .lines()
        .filter(|l| !l.contains('@'))
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(
        dir.path().join("another-alex.txt"),
        format!("Alex Rivera\n(614) 555-0199\n{namesake}\n"),
    )
    .expect("write");
    fs::copy(
        fixture("batch/maria-chen.md"),
        dir.path().join("maria-chen.md"),
    )
    .expect("copy");
    dir
}

#[test]
fn candidates_are_named_and_one_application_is_one_row() {
    let dir = applicants();
    let (text, _, code) = check(&["--format", "csv"], dir.path());
    assert_eq!(code, 0);
    let (head, rows) = csv_rows(&text);
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    // Three candidates: the two Alex Rivera files with one e-mail address are one.
    assert_eq!(rows.len(), 3, "{text}");
    let alex: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col("email")] == "alex.rivera@example.com")
        .collect();
    assert_eq!(alex.len(), 1);
    let alex = alex[0];
    assert_eq!(alex[col("name")], "Alex Rivera", "capitals tidied");
    assert_eq!(alex[col("phone")], "(937) 555-0142");
    assert_eq!(alex[col("location")], "Dayton, OH");
    // The best-scoring file first, the other with it.
    assert!(alex[col("path")].ends_with("alex-rivera.txt"), "{alex:?}");
    assert!(alex[col("other_files")].ends_with("alex-rivera-v2.md"));
    // The namesake with another resume and no shared address is not grouped.
    let namesakes = rows
        .iter()
        .filter(|r| r[col("name")] == "Alex Rivera")
        .count();
    assert_eq!(namesakes, 2);
    assert!(rows.iter().any(|r| r[col("name")] == "Maria Chen"));

    // JSON keeps a result per file, each naming the other file of its application.
    let (text, _, _) = check(&["--format", "json"], dir.path());
    let report: Value = serde_json::from_str(&text).expect("json");
    crate::schema::assert_valid(&report);
    assert!(crate::schema::undeclared_fields(crate::schema::schema(), &report).is_empty());
    let results = report["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    for r in results {
        let path = r["path"].as_str().expect("path");
        let dups = r["duplicates"].as_array().map_or(0, Vec::len);
        let expected = usize::from(path.contains("alex-rivera"));
        assert_eq!(dups, expected, "{path}");
        assert!(r["rank"].as_u64().is_some());
    }
    let maria = results
        .iter()
        .find(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("maria-chen.md"))
        })
        .expect("maria");
    assert_eq!(maria["candidate"]["name"], "Maria Chen");
    assert_eq!(maria["candidate"]["email"], "maria.chen@example.com");

    // HTML: one row per application; --no-group keeps every file apart.
    let (html, _, _) = check(&["--format", "html"], dir.path());
    assert_eq!(html.matches("<tbody class=\"r\"").count(), 3);
    assert!(html.contains("+1 more file"));
    assert!(html.contains("id=\"c-alex-rivera\"") && html.contains("id=\"c-alex-rivera-2\""));
    let (html, _, _) = check(&["--format", "html", "--no-group"], dir.path());
    assert_eq!(html.matches("<tbody class=\"r\"").count(), 4);
}

#[test]
fn link_targets_give_the_contact_details_drawn_as_icons() {
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(fixture("pdf/annotations/contact-icons.chromium.pdf"))
        .output()
        .expect("run");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let who = &report["results"][0]["candidate"];
    assert_eq!(who["name"], "Jordan Reyes");
    assert_eq!(who["email"], "jordan.reyes@example.com");
    assert_eq!(who["phone"], "+1-614-555-0182");
    assert_eq!(
        who["links"],
        serde_json::json!(["https://example.com/jordan"])
    );
}

#[test]
fn top_sort_and_require_narrow_every_format() {
    let dir = tempdir();
    for name in [
        "alex-rivera.txt",
        "maria-chen.md",
        "dana-kowalski.json",
        "sam-okafor.txt",
        "priya-natarajan.html",
    ] {
        fs::copy(fixture(&format!("batch/{name}")), dir.path().join(name)).expect("copy");
    }
    // --require cert.cpt: only holders of the CPT, in every format.
    let (text, _, code) = check(&["--format", "json", "--require", "cert.cpt"], dir.path());
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&text).expect("json");
    let results = report["results"].as_array().expect("results");
    assert!(!results.is_empty() && results.len() < 5, "{text}");
    for r in results {
        assert!(r["certifications"]
            .as_array()
            .expect("certs")
            .iter()
            .any(|c| c["id"] == "cpt" && c["status"] == "held"));
    }
    assert_eq!(report["summary"]["not_shown"], 5 - results.len());
    assert_eq!(
        report["summary"]["files"], 5,
        "the run still counts every file"
    );
    let (md, _, _) = check(
        &["--format", "markdown", "--require", "cert.cpt"],
        dir.path(),
    );
    let table_rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Rank"))
        .count();
    assert_eq!(table_rows, results.len(), "{md}");
    // Several conditions: all must be met.
    let (text, _, _) = check(
        &[
            "--format",
            "csv",
            "--require",
            "cert.cpt,education.bachelor",
        ],
        dir.path(),
    );
    assert_eq!(csv_rows(&text).1.len(), 0, "{text}");

    // --top 2: the two best.
    let (text, _, _) = check(&["--format", "csv", "--top", "2"], dir.path());
    let (head, rows) = csv_rows(&text);
    assert_eq!(rows.len(), 2);
    let rank = head.iter().position(|h| h == "rank").expect("rank");
    assert_eq!(rows[0][rank], "1");
    assert_eq!(rows[1][rank], "2");
    let (text, _, _) = check(&["--format", "ndjson", "--top", "1"], dir.path());
    assert_eq!(
        text.lines().count(),
        2,
        "one result and the summary: {text}"
    );

    // --sort name: A to Z, the rank kept.
    let (text, _, _) = check(&["--format", "csv", "--sort", "name"], dir.path());
    let (head, rows) = csv_rows(&text);
    let name = head.iter().position(|h| h == "name").expect("name");
    let names: Vec<&str> = rows.iter().map(|r| r[name].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    assert!(rows.iter().all(|r| !r[rank].is_empty()));
    // --sort years: most experience first.
    let (text, _, _) = check(&["--format", "csv", "--sort", "years"], dir.path());
    let (head, rows) = csv_rows(&text);
    let years = head
        .iter()
        .position(|h| h == "years_experience")
        .expect("years");
    let ys: Vec<f64> = rows
        .iter()
        .map(|r| r[years].parse().expect("years"))
        .collect();
    assert!(ys.windows(2).all(|w| w[0] >= w[1]), "{ys:?}");

    // An unknown id is an error with a suggestion.
    let (_, err, code) = check(&["--require", "cert.cptt"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `cpt`"), "{err}");
}

#[test]
fn report_files_follow_the_umask_and_a_missing_folder_is_named() {
    let dir = tempdir();
    fs::copy(fixture("batch/alex-rivera.txt"), dir.path().join("a.txt")).expect("copy");
    let report = dir.path().join("report.csv");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" check --as-of 2026-11 --format csv -o \"$1\" \"$2\"")
        .arg(bin())
        .arg(&report)
        .arg(dir.path().join("a.txt"))
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0));
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(&report).expect("report").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{mode:o}");

    let missing = dir.path().join("no-such-folder/report.csv");
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--format", "csv", "-o"])
        .arg(&missing)
        .arg(dir.path().join("a.txt"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!err.contains(".rolefit-report"), "no temporary name: {err}");
}

#[test]
#[ignore = "needs script (util-linux)"]
fn a_terminal_run_names_the_report_it_wrote() {
    let script = crate::util::require_tool("script", "bsdutils");
    let dir = tempdir();
    fs::copy(fixture("batch/alex-rivera.txt"), dir.path().join("a.txt")).expect("copy");
    fs::copy(fixture("batch/maria-chen.md"), dir.path().join("b.md")).expect("copy");
    let report = dir.path().join("report.html");
    let command = format!(
        "{} check --as-of 2026-11 --no-progress --format html -o {} {}",
        bin().display(),
        report.display(),
        dir.path().display()
    );
    // Standard error is a terminal under `script`.
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("run script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "rolefit: wrote {} (html, 2 rows from 2 files)",
            report.display()
        )),
        "{text}"
    );
    // Not on a pipe.
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--format", "html", "-o"])
        .arg(&report)
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
