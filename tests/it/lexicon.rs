//! The lexicon (`rules/lexicon.toml`): the worked example of docs/profiles.md
//! (a user `lexicon.toml` adding a heading wording and an in-progress cue),
//! errors in a user lexicon, and the one list of engineering fields shared by
//! resumes and job postings.

use serde_json::Value;

use crate::util::{rolefit, root};

const EXAMPLE: &str = "fixtures/lexicon/lexicon.toml";
const EXAMPLE_RESUME: &str = "fixtures/lexicon/resume.txt";

/// The JSON result of checking one resume with extra arguments.
fn check(args: &[&str]) -> Value {
    let out = rolefit()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--as-of",
            "2026-11",
        ])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {stderr}"));
    json["results"][0].clone()
}

fn cert_status(result: &Value, id: &str) -> String {
    result["certifications"]
        .as_array()
        .expect("certifications")
        .iter()
        .find(|c| c["id"] == id)
        .map(|c| c["status"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {id} in {result}"))
}

fn has_section(result: &Value, name: &str) -> bool {
    result["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .any(|s| s == name)
}

#[test]
fn the_docs_show_the_example_lexicon_verbatim() {
    let doc = std::fs::read_to_string(root().join("docs/profiles.md")).unwrap();
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(
        doc.contains(&format!("```toml\n{example}```")),
        "docs/profiles.md must contain {EXAMPLE} verbatim in a toml block"
    );
}

#[test]
fn the_example_lexicon_validates() {
    let out = rolefit()
        .args(["rules", "validate", EXAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("; 2 lexicon lists changed)"), "{stdout}");
}

#[test]
fn the_example_lexicon_adds_a_heading_wording_and_an_in_progress_cue() {
    // Built-in words only: "SHOP FLOOR HISTORY" is no known heading, so its
    // jobs stay in the summary and do not count; "halfway through" is no cue.
    let before = check(&[EXAMPLE_RESUME]);
    assert!(
        !has_section(&before, "experience"),
        "{}",
        before["sections"]
    );
    assert_eq!(before["level"]["years_experience"], 0.0);
    assert_eq!(cert_status(&before, "cpim"), "held");

    // The folder holding the example: its lexicon.toml extends the lists.
    let after = check(&["--rules", "fixtures/lexicon", EXAMPLE_RESUME]);
    assert!(has_section(&after, "experience"), "{}", after["sections"]);
    assert_eq!(after["level"]["years_experience"], 7.5);
    assert_eq!(after["level"]["latest_title"], "Production Planner");
    assert_eq!(cert_status(&after, "cpim"), "in_progress");
}

#[test]
fn errors_in_a_user_lexicon_name_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lexicon.toml");
    std::fs::write(
        &path,
        "[context]\nwhish = [\"keen to\"]\nin_progress = { extend = [\"booked (for\"] }\n",
    )
    .unwrap();
    let out = rolefit()
        .args(["rules", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let file = path.display();
    assert!(
        err.contains(&format!(
            "{file}:2: `context.whish`: unknown lexicon list; did you mean `context.wish`?"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:3: `context.in_progress`: invalid pattern `booked (for`"
        )),
        "{err}"
    );
    // A check with the broken lexicon stops before reading any resume.
    let out = rolefit()
        .args(["check", "--no-config", EXAMPLE_RESUME, "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_mechatronics_degree_meets_a_posting_asking_for_one() {
    let result = check(&[
        "--role",
        "production-engineer",
        "--job",
        "fixtures/postings/mechatronics-engineer.txt",
        "fixtures/lexicon/mechatronics-resume.txt",
    ]);
    assert_eq!(result["education"]["engineering_degree"], true);
    let asked = result["posting"]["requirements"]
        .as_array()
        .expect("posting.requirements")
        .iter()
        .find(|r| r["requirement"] == "education.engineering-degree")
        .expect("the posting asks for an engineering degree");
    assert_eq!(asked["severity"], "required");
    assert_eq!(asked["met"], true, "{asked}");
    assert!(
        !result["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .any(|g| g["requirement"] == "education.engineering-degree"),
        "{}",
        result["gaps"]
    );
}
