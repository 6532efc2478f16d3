//! The human report as a job seeker reads it: fitted to the terminal's width,
//! only what the role asks for, why the score and the role, what each gap is
//! worth, the matched words highlighted.

use crate::util::{rolefit, AS_OF};

/// The human report of `file` at `columns` columns (`COLUMNS`), no colour.
fn human(file: &str, columns: &str, extra: &[&str]) -> String {
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--color", "never"])
        .args(extra)
        .arg(file)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn longest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn fits_80_columns() {
    let text = human("fixtures/resumes/cnc_machinist.txt", "80", &[]);
    assert!(longest_line(&text) <= 80, "{text}");
    insta::assert_snapshot!("human_80_columns", text);
}

#[test]
fn fits_120_columns_at_most_100() {
    let text = human("fixtures/resumes/mid_tech_associate.txt", "120", &[]);
    let longest = longest_line(&text);
    assert!(longest <= 100 && longest > 80, "{longest}\n{text}");
    insta::assert_snapshot!("human_120_columns", text);
}

#[test]
fn says_why_the_score_and_why_the_role() {
    let text = human("fixtures/resumes/cnc_machinist.txt", "100", &[]);
    // The breakdown by category, under the score.
    assert!(
        text.contains("why 51: education 77% · technical skills 58%"),
        "{text}"
    );
    // quality-technician scores higher but is a specialist role.
    assert!(
        text.contains(
            "why production-technician: quality-technician scores 54 but is a specialist role"
        ),
        "{text}"
    );
}

#[test]
fn gaps_say_points_id_source_and_command() {
    let text = human("fixtures/resumes/cnc_machinist.txt", "100", &[]);
    assert!(
        text.contains("Preventive maintenance is not shown — required, +7 if shown"),
        "{text}"
    );
    assert!(
        text.contains(
            "more: rolefit explain skill.preventive-maintenance · from rules/production-technician.toml:"
        ),
        "{text}"
    );
    // The gaps beyond the first five on one line, with their points.
    assert!(
        text.contains("and 12 more (id +points): skill.lean-manufacturing +4"),
        "{text}"
    );
}

#[test]
fn only_what_the_role_asks_unless_verbose() {
    let short = human("fixtures/resumes/cnc_machinist.txt", "100", &[]);
    let long = human("fixtures/resumes/cnc_machinist.txt", "100", &["--verbose"]);
    // CQE is not asked for by the production technician role.
    assert!(!short.contains("Certified Quality Engineer"), "{short}");
    assert!(
        long.contains("✗ Certified Quality Engineer (CQE)"),
        "{long}"
    );
    assert!(!short.contains("Negotiation"), "{short}");
    assert!(long.contains("✗ Negotiation"), "{long}");
    // Every gap in full with --verbose.
    assert!(!long.contains("more (id +points)"), "{long}");
    assert!(long.contains("17. "), "{long}");
    assert!(short.lines().count() < long.lines().count());
}

#[test]
fn matched_words_are_highlighted() {
    let plain = human("fixtures/resumes/cnc_machinist.txt", "100", &[]);
    assert!(plain.contains("Calm [troubleshooter]."), "{plain}");
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--color", "always"])
        .arg("fixtures/resumes/cnc_machinist.txt")
        .output()
        .unwrap();
    let colour = String::from_utf8(out.stdout).unwrap();
    // Bold and underlined, no brackets.
    assert!(
        colour.contains("\u{1b}[1m\u{1b}[4mtroubleshooter\u{1b}[0m"),
        "{colour}"
    );
    assert!(!colour.contains("[troubleshooter]"), "{colour}");
}

#[test]
fn a_match_across_a_line_end_shows_both_lines() {
    let text = "EXPERIENCE\nProduction Technician, Acme Plastics, 2019 - Present\n- Keeps the molding cell running, documents downtime and trains new\noperators on the line every quarter\n";
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skills = json["results"][0]["skills"].as_array().unwrap();
    let training = skills.iter().find(|s| s["id"] == "training").unwrap();
    let e = &training["evidence"][0];
    assert_eq!(e["matched"], "trains new operators", "{training}");
    assert!(
        e["text"]
            .as_str()
            .unwrap()
            .ends_with("operators on the line every quarter"),
        "{training}"
    );
}
