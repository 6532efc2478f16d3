//! The CI integrations run as a CI system would: the GitHub Action's script
//! (`scripts/github-action.sh`, what `action.yml` runs) on fixture resumes,
//! and the pre-commit hook's declaration.

use std::process::Command;

use serde_json::Value;

use crate::util::{bin, root, tempdir};

/// The action's step on one resume that passes and one that cannot be read:
/// annotations on standard output, a ranking in the job summary, a SARIF
/// file, and rolefit's exit code.
#[test]
fn the_action_script_annotates_summarises_and_writes_sarif() {
    let dir = tempdir();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# before\n").unwrap();
    let sarif = dir.path().join("out.sarif");
    let out = Command::new("bash")
        .arg(root().join("scripts/github-action.sh"))
        .current_dir(root())
        .env("ROLEFIT", bin())
        .env(
            "INPUT_PATHS",
            "fixtures/batch/alex-rivera.txt\nfixtures/batch/broken.pdf",
        )
        .env("INPUT_MIN_SCORE", "10")
        .env("INPUT_SARIF", &sarif)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "an unreadable file: {stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("::error file=fixtures/batch/broken.pdf"),
        "{stdout}"
    );
    assert!(lines
        .iter()
        .any(|l| l.contains("file=fixtures/batch/alex-rivera.txt")));
    assert!(lines
        .last()
        .unwrap()
        .starts_with("::notice title=rolefit summary::2 files checked"));
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("# before\n"),
        "the summary is appended to"
    );
    assert!(
        summary.contains("alex-rivera.txt") && summary.contains('|'),
        "{summary}"
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

/// At most ten annotations of each kind reach GitHub (its per-step limit),
/// errors first, and the summary says how many were left out.
#[test]
fn github_annotations_stay_within_the_step_limits() {
    let out = Command::new(bin())
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--no-progress",
            "--format",
            "github",
        ])
        .args([
            "--min-score",
            "60",
            "--as-of",
            "2026-11",
            "fixtures/resumes",
        ])
        .output()
        .expect("run rolefit");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let kinds: Vec<&str> = stdout
        .lines()
        .map(|l| l.split([' ', ':']).nth(2).unwrap_or(""))
        .collect();
    for kind in ["error", "warning", "notice"] {
        let n = kinds.iter().filter(|k| **k == kind).count();
        assert!(n <= 10, "{n} {kind} annotations:\n{stdout}");
    }
    let first_other = kinds.iter().position(|k| *k != "error").unwrap();
    assert!(
        kinds[first_other..].iter().all(|k| *k != "error"),
        "errors first"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .contains("more annotations not shown"),
        "{stdout}"
    );
}

/// The pre-commit hook, run as pre-commit runs it: its `files` and `exclude`
/// patterns pick the changed resumes (not README.md or package.json), and
/// its `entry` with `--min-score` fails the commit on a resume below it.
#[test]
fn the_pre_commit_hook_checks_changed_resumes_only() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |key: &str| -> String {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("{key} missing:\n{text}"))
            .to_string()
    };
    assert_eq!(field("language"), "rust");
    let files = regex::Regex::new(&field("files")).unwrap();
    let exclude = regex::Regex::new(&field("exclude")).unwrap();
    let changed = [
        "fixtures/batch/alex-rivera.txt",
        "fixtures/batch/maria-chen.md",
        "README.md",
        "package.json",
        "src/main.rs",
    ];
    let picked: Vec<&str> = changed
        .into_iter()
        .filter(|p| files.is_match(p) && !exclude.is_match(p))
        .collect();
    assert_eq!(
        picked,
        [
            "fixtures/batch/alex-rivera.txt",
            "fixtures/batch/maria-chen.md"
        ]
    );
    let entry = field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("rolefit"));
    let run = |min: &str| {
        Command::new(bin())
            .current_dir(root())
            .args(words.clone())
            .args(["--no-config", "--min-score", min])
            .args(&picked)
            .output()
            .expect("run rolefit")
            .status
            .code()
    };
    assert_eq!(run("1"), Some(0));
    assert_eq!(run("100"), Some(1));
}

/// `--baseline`: a resume that loses a requirement it met fails (exit 1),
/// the result says what changed and still satisfies the report schema; an
/// unchanged resume passes without `--min-score`.
#[test]
fn baseline_fails_only_on_what_got_worse() {
    let dir = tempdir();
    let resume = dir.path().join("resume.txt");
    let original = std::fs::read_to_string(root().join("fixtures/batch/alex-rivera.txt")).unwrap();
    std::fs::write(&resume, &original).unwrap();
    let check = |extra: &[&str]| {
        Command::new(bin())
            .args([
                "check",
                "--no-config",
                "--no-progress",
                "--as-of",
                "2026-11",
            ])
            .args(extra)
            .arg(&resume)
            .output()
            .expect("run rolefit")
    };
    let old = dir.path().join("old.json");
    let first = check(&["--format", "json"]);
    std::fs::write(&old, &first.stdout).unwrap();
    let base = ["--baseline", old.to_str().unwrap(), "--format", "json"];
    let same = check(&base);
    assert_eq!(same.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&same.stdout).unwrap();
    assert_eq!(report["results"][0]["baseline"]["worse"], false);
    crate::schema::assert_valid(&report);

    let edited: String = original
        .lines()
        .filter(|l| !l.contains("Certified Production Technician"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&resume, edited).unwrap();
    let worse = check(&base);
    assert_eq!(worse.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&worse.stdout).unwrap();
    let result = &report["results"][0];
    assert_eq!(result["passed"], false);
    assert_eq!(
        result["baseline"]["new_gaps"],
        serde_json::json!(["cert.cpt"])
    );
    assert!(result["baseline"]["score_delta"].as_i64().unwrap() < 0);
    crate::schema::assert_valid(&report);
    assert!(crate::schema::undeclared_fields(crate::schema::schema(), &report).is_empty());
    // A baseline that is not a report is an error, not a pass.
    let bad = check(&["--baseline", resume.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

/// `rolefit diff`: two versions of a resume scored against the same role,
/// and two reports matched by path.
#[test]
fn diff_names_what_changed_between_versions_and_reports() {
    let dir = tempdir();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    let original = std::fs::read_to_string(root().join("fixtures/batch/alex-rivera.txt")).unwrap();
    std::fs::write(&old, &original).unwrap();
    let edited: String = original
        .lines()
        .filter(|l| !l.contains("Certified Production Technician"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&new, edited).unwrap();
    let diff = |a: &std::path::Path, b: &std::path::Path| {
        Command::new(bin())
            .args(["diff", "--as-of", "2026-11", "--format", "json"])
            .args([a, b])
            .output()
            .expect("run rolefit")
    };
    let worse = diff(&old, &new);
    assert_eq!(worse.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&worse.stdout).unwrap();
    assert_eq!(report["worse"], true);
    let change = &report["changes"][0];
    assert_eq!(
        change["new_gaps"],
        serde_json::json!(["cert.cpt"]),
        "{change}"
    );
    let better = diff(&new, &old);
    assert_eq!(better.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&better.stdout).unwrap();
    assert!(!report["changes"][0]["fixed_gaps"]
        .as_array()
        .unwrap()
        .is_empty());

    // Two reports: matched by path, the rest listed.
    let report_of = |paths: &[&std::path::Path], name: &str| {
        let out = Command::new(bin())
            .args([
                "check",
                "--no-config",
                "--as-of",
                "2026-11",
                "--format",
                "json",
            ])
            .args(paths)
            .output()
            .unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, out.stdout).unwrap();
        file
    };
    let a = report_of(&[&old], "a.json");
    let b = report_of(&[&old, &new], "b.json");
    let out = diff(&a, &b);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changes"].as_array().unwrap().len(), 1);
    assert_eq!(report["added"].as_array().unwrap().len(), 1);
}

/// `--source`: the JSON Resume a PDF was rendered from, checked against real
/// theme renderings (fixtures/pdf/jsonresume, `generate.sh --jsonresume`):
/// the faithful theme keeps every job fact and the years of the JSON; a
/// template that drops a job's position loses it; a theme that leaves out
/// companies and certificates is named for each.
#[test]
fn source_round_trip_names_what_a_rendering_lost() {
    let dir = root().join("fixtures/pdf/jsonresume");
    let check = |file: &str| {
        let out = Command::new(bin())
            .current_dir(&dir)
            .args([
                "check",
                "--no-config",
                "--as-of",
                "2026-01",
                "--format",
                "json",
            ])
            .args(["--source", "resume.json", file])
            .output()
            .expect("run rolefit");
        let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        crate::schema::assert_valid(&report);
        (out.status.code(), report["results"][0].clone())
    };
    let outcome = |r: &Value, locator: &str| -> String {
        r["source"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["locator"] == locator)
            .unwrap_or_else(|| panic!("{locator} not reported"))["outcome"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (code, json) = check("resume.json");
    assert_eq!(code, Some(0), "the source keeps itself: {json}");
    let years = json["level"]["years_experience"].as_f64().unwrap();

    let (code, so) = check("resume.stackoverflow.pdf");
    for field in [
        "work[0].position",
        "work[0].name",
        "work[0].dates",
        "work[1].position",
        "work[1].dates",
    ] {
        assert_eq!(outcome(&so, field), "found", "{field}: {so}");
    }
    assert_eq!(so["level"]["years_experience"].as_f64(), Some(years));
    // The theme wraps the school's name around its right-aligned dates.
    assert_eq!(outcome(&so, "education[0].institution"), "garbled");
    assert_eq!(code, Some(1));

    let (code, dropped) = check("resume.stackoverflow-no-position.pdf");
    assert_eq!(code, Some(1));
    assert_eq!(outcome(&dropped, "work[1].position"), "lost");
    assert_eq!(outcome(&dropped, "work[0].position"), "found");

    let (_, flat) = check("resume.flat.pdf");
    for field in ["work[0].name", "work[1].name", "certificates[0].name"] {
        assert_eq!(outcome(&flat, field), "lost", "{field}: {flat}");
    }
    assert_eq!(flat["level"]["years_experience"].as_f64(), Some(years));
}
