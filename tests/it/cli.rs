//! End-to-end tests of the `rolefit` binary: exit codes, the JSON schema,
//! report snapshots, rule-file errors and the command-line contract.

use predicates::prelude::*;
use rolefit::rules::RuleSet;
use serde_json::Value;

use crate::schema::assert_valid;
use crate::util::{rolefit, AS_OF};

fn check_json(args: &[&str]) -> (Value, i32) {
    let out = rolefit()
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .args(args)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (json, out.status.code().unwrap_or(-1))
}

/// The JSON report of checking `text` read from standard input.
fn check_stdin_json(text: &str) -> Value {
    let out = rolefit()
        .args(["check", "-", "--format", "json", "--as-of", AS_OF])
        .write_stdin(text)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn json_report_validates_against_the_shipped_schema() {
    let (json, code) = check_json(&[
        "fixtures/resumes/senior_tech.txt",
        "fixtures/resumes/production_engineer_bsme.txt",
        "fixtures/does-not-exist.txt",
    ]);
    assert_valid(&json);
    assert_eq!(code, 2, "an unreadable file makes the exit code 2");
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["results"][2]["error"]["kind"], "unreadable");
}

#[test]
fn every_taxonomy_id_is_reported_present_or_not() {
    let (json, code) = check_json(&["fixtures/resumes/senior_tech.txt"]);
    assert_eq!(code, 0);
    let r = &json["results"][0];
    let certs: Vec<&str> = r["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in ["cpt", "cpim", "six-sigma", "cmq-oe", "lean"] {
        assert!(certs.contains(&id), "{id} missing");
    }
    let rules = RuleSet::builtin();
    let skills: Vec<&str> = r["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let taxonomy: Vec<&str> = rules.skills.iter().map(|s| s.term.id.as_str()).collect();
    assert_eq!(
        skills, taxonomy,
        "every skill of the taxonomy, in its order"
    );
    let roles: Vec<&str> = r["role_scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut profiles: Vec<&str> = rules.profiles.iter().map(|p| p.id.as_str()).collect();
    let mut scored = roles.clone();
    profiles.sort_unstable();
    scored.sort_unstable();
    assert_eq!(scored, profiles, "a score for every built-in role");
}

#[test]
fn min_score_sets_exit_code_one() {
    let resume = "fixtures/resumes/senior_tech.txt";
    let (json, code) = check_json(&[resume, "--min-score", "100"]);
    assert_eq!(code, 1);
    assert_eq!(json["results"][0]["passed"], false);
    assert_eq!(json["summary"]["failed"], 1);
    let (_, code) = check_json(&[resume, "--min-score", "1"]);
    assert_eq!(code, 0);
}

#[test]
fn fixed_role_is_scored_alone() {
    let (json, _) = check_json(&[
        "fixtures/resumes/senior_tech.txt",
        "--role",
        "production-engineer",
    ]);
    assert_eq!(json["results"][0]["role"]["id"], "production-engineer");
    assert_eq!(
        json["results"][0]["role_scores"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn unknown_role_is_a_usage_error() {
    rolefit()
        .args([
            "check",
            "--role",
            "astronaut",
            "fixtures/resumes/senior_tech.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown role `astronaut`"));
}

#[test]
fn no_path_is_a_usage_error() {
    rolefit()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PATH"));
}

#[test]
fn standard_input_is_read_with_dash() {
    let text = "EXPERIENCE\nProduction Technician, Acme, Jan 2020 - Dec 2021\n• Operated CNC lathes\nMSSC Certified Production Technician (CPT)\n";
    let json = check_stdin_json(text);
    let r = &json["results"][0];
    assert_eq!(r["path"], "-");
    assert_eq!(r["level"]["years_experience"], 2.0);
    let cpt = r["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "cpt")
        .unwrap();
    assert_eq!(cpt["status"], "held");
    assert_eq!(cpt["evidence"][0]["line"], 4);
}

#[test]
fn traps_are_not_certifications() {
    let text = "SKILLS\nCPT coding, ICD-10, HCPCS\nNASM-CPT personal trainer\nCurricular Practical Training (CPT) authorization, F-1\nInterested in learning Six Sigma\nCompleted Green Belt training\nBlack belt in karate\nWorked on a lean team with a lean budget\n";
    let json = check_stdin_json(text);
    for c in json["results"][0]["certifications"].as_array().unwrap() {
        assert_eq!(c["status"], "absent", "{}: {}", c["id"], c["evidence"]);
    }
}

/// The soft skills a one-line resume shows (`- LINE` under a dated job).
fn soft_skills_of(line: &str) -> Vec<String> {
    let text = format!("EXPERIENCE\nProduction Technician, Acme, 2019 - Present\n- {line}\n");
    let json = check_stdin_json(&text);
    json["results"][0]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "soft" && s["status"] == "present")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn soft_skills_from_real_wordings() {
    for (line, skill) in [
        (
            "Presents quality and delivery performance to the division leadership team",
            "communication",
        ),
        (
            "Presented monthly scrap results to the plant manager",
            "communication",
        ),
        ("Briefed the incoming shift on line status", "communication"),
        ("Liaison with suppliers on late parts", "communication"),
        (
            "Reported scrap data to the plant manager every shift",
            "communication",
        ),
        ("Chaired daily production meetings", "communication"),
        ("Kept supervisors informed of line status", "communication"),
        (
            "Answered customer questions on order status",
            "communication",
        ),
        ("Team player who enjoys a fast pace", "teamwork"),
        (
            "Co-ordinated with maintenance on planned shutdowns",
            "teamwork",
        ),
        (
            "Coordinated the work activities between the Navy, shipyard and subcontractors",
            "teamwork",
        ),
        (
            "Coordinate installs with in-house installers as well as other contractors",
            "teamwork",
        ),
    ] {
        assert!(
            soft_skills_of(line).iter().any(|s| s == skill),
            "{line}: {skill}"
        );
    }
}

#[test]
fn soft_skill_look_alikes_are_not_counted() {
    for (line, skill) in [
        // A reporting line is not communication.
        ("Reported to the V.P. of Finance", "communication"),
        ("Reporting directly to the CEO", "communication"),
        // Equipment and a rack, not a skill.
        (
            "Installed radio communications equipment on trucks",
            "communication",
        ),
        (
            "Kept parts presentation racks stocked at each station",
            "communication",
        ),
        // A contact for scheduling is a role, not a skill shown.
        (
            "Single point of contact for project scheduling and changes",
            "communication",
        ),
        // Coordinating things, or with clients, is not teamwork.
        ("Coordinated shipments between warehouses", "teamwork"),
        ("Co-ordinated with clients on orders", "teamwork"),
    ] {
        assert!(
            !soft_skills_of(line).iter().any(|s| s == skill),
            "{line}: {skill}"
        );
    }
}

#[test]
fn explain_finds_a_term_by_its_wording_and_suggests_the_nearest_id() {
    let out = rolefit().args(["explain", "green belt"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.starts_with("`green belt` is a wording of six-sigma:"),
        "{text}"
    );
    assert!(
        text.contains("Six Sigma (six-sigma) — certification"),
        "{text}"
    );
    for (typo, near) in [
        ("cptt", "cpt"),
        ("skill.comunication", "skill.communication"),
    ] {
        let out = rolefit().args(["explain", typo]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.contains(&format!("did you mean `{near}`?")), "{err}");
    }
}

#[test]
fn an_empty_run_says_what_was_skipped_and_which_formats_are_read() {
    let dir = crate::util::tempdir();
    for name in ["README.md", "photo.gif", ".draft.pdf", "notes"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    let out = rolefit().arg("check").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("no resumes found"), "{err}");
    assert!(
        err.contains("1 file skipped as not resumes by name"),
        "{err}"
    );
    assert!(
        err.contains("skipped as a type rolefit does not read: 1 without an extension, 1 .gif"),
        "{err}"
    );
    assert!(
        err.contains("skipped as hidden (a name starting with `.`): 1"),
        "{err}"
    );
    assert!(err.contains("rolefit reads .txt, .md,"), "{err}");
}

#[test]
fn an_encrypted_pdf_names_the_command_that_unlocks_it() {
    let json = check_json(&["fixtures/pdf/robustness/enc-aes256-user-pw.pdf"]).0;
    let message = json["results"][0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("qpdf --password=PASSWORD --decrypt resume.pdf unlocked.pdf"),
        "{message}"
    );
}

#[test]
fn human_report_snapshot() {
    let out = rolefit()
        .args(["check", "--as-of", AS_OF, "--color", "never"])
        .arg("fixtures/resumes/mid_tech_associate.txt")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("human_mid_tech_associate", text);
}

#[test]
fn json_report_snapshot() {
    let (mut json, _) = check_json(&["fixtures/resumes/production_engineer_bsme.txt"]);
    json["tool"]["version"] = Value::from("[version]");
    insta::assert_json_snapshot!("json_production_engineer_bsme", json);
}

#[test]
fn colour_only_when_asked() {
    let resume = "fixtures/resumes/senior_tech.txt";
    rolefit()
        .args(["check", "--as-of", AS_OF, resume])
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
    rolefit()
        .args(["check", "--as-of", AS_OF, "--color", "always", resume])
        .assert()
        .stdout(predicate::str::contains("\x1b["));
}

#[test]
fn roles_lists_both_builtin_profiles() {
    rolefit().arg("roles").assert().success().stdout(
        predicate::str::contains("production-technician")
            .and(predicate::str::contains("production-engineer")),
    );
}

#[test]
fn explain_shows_aliases_source_and_advice() {
    rolefit()
        .args(["explain", "cpt"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("MSSC")
                .and(predicate::str::contains("source:"))
                .and(predicate::str::contains("advice:")),
        );
    rolefit()
        .args(["explain", "no-such-thing"])
        .assert()
        .code(2);
}

#[test]
fn rule_errors_name_file_line_and_key() {
    rolefit()
        .args(["rules", "validate", "fixtures/rules-bad/unknown-skill.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown-skill.toml:5: `id`: unknown skill `juggling`",
        ));
    rolefit()
        .args(["rules", "validate", "fixtures/rules-bad/bad-key.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad-key.toml:7: `wieght`"));
    rolefit()
        .args(["rules", "validate", "fixtures/rules-bad/bad-severity.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad-severity.toml:6"));
}

#[test]
fn user_profiles_load_with_rules() {
    let dir = "fixtures/profiles-ok";
    rolefit()
        .args(["rules", "validate", dir])
        .assert()
        .success();
    let text = "SKILLS\nG-code programming on Fanuc and Haas controls; reading prints and GD&T\n";
    let out = rolefit()
        .args([
            "check",
            "-",
            "--rules",
            dir,
            "--role",
            "cnc-machinist",
            "--format",
            "json",
            "--as-of",
            AS_OF,
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["results"][0]["score"], 100,
        "{}",
        json["results"][0]["gaps"]
    );
}

#[test]
fn extract_prints_the_text_seen() {
    rolefit()
        .args(["extract", "fixtures/resumes/senior_tech.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Senior Production Technician"));
}

#[test]
fn specialist_role_is_best_fit_only_when_the_title_names_it() {
    // A production supervisor meets many quality-technician requirements,
    // but that role competes for best fit only for quality titles.
    let (json, _) = check_json(&["fixtures/resumes/production_supervisor.md"]);
    let r = &json["results"][0];
    assert_ne!(r["role"]["id"], "quality-technician");
    assert!(r["role_scores"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "quality-technician"));
    let (json, _) = check_json(&["fixtures/resumes/h2_quality_tech.md"]);
    assert_eq!(json["results"][0]["role"]["id"], "quality-technician");
}

/// A resume without a single list marker: its experience lines that start
/// with an action verb are its bullets, and the report says so.
#[test]
fn bullets_are_inferred_when_no_line_is_marked() {
    let text = "EXPERIENCE\n\
        Production Technician, Acme, Jan 2020 - Dec 2021\n\
        Reduced scrap on the press line by 18% through daily SPC reviews.\n\
        Trained 6 new operators on lockout/tagout.\n\
        Maintained hydraulic presses with the maintenance crew.\n\
        The plant makes seat frames for three automakers.\n\
        SKILLS\n\
        Preventive maintenance, blueprint reading\n";
    let json = check_stdin_json(text);
    let a = &json["results"][0]["achievements"];
    assert_eq!(a["inferred"], true, "{a}");
    assert_eq!(a["bullets"], 3, "{a}");
    assert_eq!(a["quantified"], 2, "{a}");
    let human = rolefit()
        .args(["check", "-", "--as-of", AS_OF])
        .write_stdin(text)
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("bullets inferred"), "{human}");
    assert!(!human.contains("of 0 bullets"), "{human}");
    // One marked bullet anywhere: nothing is inferred.
    let marked = text.replace("Trained 6", "• Trained 6");
    let json = check_stdin_json(&marked);
    let a = &json["results"][0]["achievements"];
    assert_eq!(
        (a["inferred"].clone(), a["bullets"].clone()),
        (false.into(), 1.into())
    );
}
