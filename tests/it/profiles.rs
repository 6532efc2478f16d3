//! User profiles: inheritance (`extends`, overrides, `remove`), new taxonomy
//! entries, the worked example of docs/profiles.md, and broken files whose
//! errors must name the file, the line and the key.

use std::path::{Path, PathBuf};

use rolefit::rules::Severity;
use rolefit::rules::{RequirementKind, RuleError, RuleSet, BUILTIN};
use serde_json::Value;

use crate::util::{fixture, rolefit, root, AS_OF};

/// Built-in rules plus extra (name, text) sources.
fn load(extra: &[(&str, &str)]) -> Result<RuleSet, Vec<RuleError>> {
    RuleSet::from_sources(
        BUILTIN
            .iter()
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .chain(extra.iter().map(|(f, s)| (f.to_string(), s.to_string()))),
    )
}

const PARENT: &str = r#"
id = "parent"
name = "Parent"
description = "The parent."

[[requirement]]
id = "skill.troubleshooting"
severity = "required"
weight = 10
message = "No troubleshooting"
advice = "Show it."

[[requirement]]
id = "skill.teamwork"
severity = "nice"
weight = 2
message = "No teamwork"
advice = "Show it."

[[requirement]]
id = "experience.years"
severity = "recommended"
weight = 5
min = 1
message = "Under a year"
advice = "Date your jobs."
"#;

#[test]
fn child_inherits_overrides_adds_and_removes() {
    let child = r#"
id = "child"
name = "Child"
extends = "parent"
remove = ["skill.teamwork"]

[[requirement]]
id = "skill.troubleshooting"
weight = 25

[[requirement]]
id = "experience.years"
min = 4

[[requirement]]
id = "skill.calibration"
severity = "recommended"
weight = 6
message = "No calibration"
advice = "Show it."
"#;
    // The child comes first: file order must not matter.
    let rules =
        load(&[("child.toml", child), ("parent.toml", PARENT)]).unwrap_or_else(|e| panic!("{e:?}"));
    let p = rules.profile("child").expect("child profile");
    let ids: Vec<&str> = p.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "skill.troubleshooting",
            "experience.years",
            "skill.calibration"
        ]
    );
    assert_eq!(p.extends.as_deref(), Some("parent"));
    assert_eq!(p.description, "The parent.");
    let t = &p.requirements[0];
    // Overridden weight; kept severity, message and advice; cited at the child's line.
    assert_eq!(
        (
            t.weight,
            t.severity,
            t.message.as_str(),
            t.file.as_str(),
            t.line
        ),
        (
            25,
            Severity::Required,
            "No troubleshooting",
            "child.toml",
            8
        )
    );
    assert_eq!(
        p.requirements[1].kind,
        RequirementKind::ExperienceYears(4.0)
    );
    assert_eq!(p.requirements[1].message, "Under a year");
    // The parent is untouched.
    let parent = rules.profile("parent").unwrap();
    assert_eq!(parent.requirements.len(), 3);
    assert_eq!(parent.requirements[0].weight, 10);
}

#[test]
fn grandchildren_inherit_through_the_chain() {
    let child = "id = \"child\"\nname = \"Child\"\nextends = \"parent\"\n\n[[requirement]]\nid = \"skill.teamwork\"\nseverity = \"required\"\n";
    let grandchild = "id = \"grandchild\"\nname = \"Grandchild\"\nextends = \"child\"\nremove = [\"experience.years\"]\n";
    let rules = load(&[
        ("grandchild.toml", grandchild),
        ("child.toml", child),
        ("parent.toml", PARENT),
    ])
    .unwrap_or_else(|e| panic!("{e:?}"));
    let g = rules.profile("grandchild").unwrap();
    let ids: Vec<&str> = g.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["skill.troubleshooting", "skill.teamwork"]);
    assert_eq!(g.requirements[1].severity, Severity::Required);
}

#[test]
fn a_builtin_profile_can_be_extended() {
    let child = "id = \"night\"\nname = \"Night\"\nextends = \"production-technician\"\n";
    let rules = load(&[("night.toml", child)]).unwrap_or_else(|e| panic!("{e:?}"));
    let parent = rules.profile("production-technician").unwrap();
    let night = rules.profile("night").unwrap();
    assert!(!parent.requirements.is_empty());
    let ids = |p: &rolefit::rules::Profile| {
        p.requirements
            .iter()
            .map(|r| (r.id.clone(), r.weight))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(parent), ids(night));
    assert!(!parent.titles.is_empty());
    assert_eq!(parent.titles, night.titles);
}

fn one_error(extra: &[(&str, &str)]) -> RuleError {
    let errors = load(extra).expect_err("the rules should not load");
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn inheritance_errors_name_file_line_and_key() {
    let e = one_error(&[("a.toml", "id = \"a\"\nname = \"A\"\nextends = \"nope\"\n")]);
    assert_eq!(
        (e.file.as_str(), e.line, e.key.as_str()),
        ("a.toml", 3, "extends")
    );
    assert!(e.message.contains("unknown profile `nope`"), "{e}");

    let e = one_error(&[
        ("a.toml", "id = \"a\"\nname = \"A\"\nextends = \"b\"\n"),
        ("b.toml", "id = \"b\"\nname = \"B\"\n\nextends = \"a\"\n"),
    ]);
    assert_eq!(
        (e.key.as_str(), e.message.contains("cycle")),
        ("extends", true),
        "{e}"
    );
    assert!(e.line == 3 || e.line == 4, "{e}");

    let e = one_error(&[("self.toml", "id = \"s\"\nname = \"S\"\nextends = \"s\"\n")]);
    assert!(e.message.contains("cycle"), "{e}");

    let e = one_error(&[
        ("parent.toml", PARENT),
        (
            "c.toml",
            "id = \"c\"\nname = \"C\"\nextends = \"parent\"\nremove = [\"skill.calibration\"]\n",
        ),
    ]);
    assert_eq!(
        (e.file.as_str(), e.line, e.key.as_str()),
        ("c.toml", 4, "remove")
    );

    let e = one_error(&[(
        "c.toml",
        "id = \"c\"\nname = \"C\"\nremove = [\"cert.cpt\"]\n",
    )]);
    assert_eq!((e.line, e.key.as_str()), (3, "remove"));

    // A new requirement must be complete; an override need not be.
    let e = one_error(&[
        ("parent.toml", PARENT),
        (
            "c.toml",
            "id = \"c\"\nname = \"C\"\nextends = \"parent\"\n\n[[requirement]]\nid = \"skill.calibration\"\nseverity = \"required\"\nweight = 3\nmessage = \"m\"\n",
        ),
    ]);
    assert_eq!(
        (e.file.as_str(), e.line, e.key.as_str()),
        ("c.toml", 6, "advice")
    );

    let e = one_error(&[(
        "c.toml",
        "id = \"c\"\nname = \"C\"\nextends = \"production-technician\"\n\n[[requirement]]\nid = \"cert.cpt\"\nweight = 5000\n",
    )]);
    assert_eq!((e.line, e.key.as_str()), (7, "weight"));
}

#[test]
fn new_taxonomy_entries_in_a_user_file_are_usable() {
    let file = r#"
id = "controls"
name = "Controls"

[[skill]]
id = "plc-programming"
name = "PLC programming"
kind = "hard"
aliases = ["ladder logic"]

[[requirement]]
id = "skill.plc-programming"
severity = "required"
weight = 5
message = "m"
advice = "a"
"#;
    let rules = load(&[("controls.toml", file)]).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(rules.skill("plc-programming").is_some());
    assert!(rules.profile("controls").is_some());
}

fn example() -> PathBuf {
    fixture("profiles/example.toml")
}

#[test]
fn the_docs_show_the_example_file_verbatim() {
    let doc = std::fs::read_to_string(root().join("docs/profiles.md")).unwrap();
    let example = std::fs::read_to_string(example()).unwrap();
    assert!(
        doc.contains(&format!("```toml\n{example}```")),
        "docs/profiles.md must contain fixtures/profiles/example.toml verbatim in a toml block"
    );
}

#[test]
fn the_example_profile_validates_and_checks() {
    rolefit()
        .args(["rules", "validate"])
        .arg(example())
        .assert()
        .success()
        .stdout(predicates::str::contains(": ok ("));

    let out = rolefit()
        .args([
            "check",
            "fixtures/resumes/senior_tech.txt",
            "--no-config",
            "--rules",
        ])
        .arg(example())
        .args([
            "--role",
            "plant-maintenance-technician",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &json["results"][0];
    assert_eq!(r["role"]["id"], "plant-maintenance-technician");
    assert_eq!(r["role"]["name"], "Maintenance Technician (Plant 2)");

    // The new skill is found through its ambiguous alias "PLC" + a confirm word.
    let plc = r["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "plc-programming")
        .expect("the user skill is reported");
    assert_eq!(plc["status"], "present", "{plc}");
    // The new certification is listed (absent in this resume).
    let cmrt = r["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "cmrt")
        .expect("the user certification is reported");
    assert_eq!(cmrt["status"], "absent");

    let gaps = r["gaps"].as_array().unwrap();
    let gap = |id: &str| gaps.iter().find(|g| g["requirement"] == id);
    // Overridden: CPT is only nice to have, weight 2, cited at the override.
    let cpt = gap("cert.cpt").expect("senior_tech has no CPT");
    assert_eq!(
        (cpt["severity"].as_str(), cpt["weight"].as_u64()),
        (Some("nice"), Some(2))
    );
    assert_eq!(cpt["source"]["line"], 34);
    assert!(cpt["source"]["file"]
        .as_str()
        .unwrap()
        .ends_with("example.toml"));
    let cmrt_gap = gap("cert.cmrt").expect("CMRT gap");
    assert_eq!(cmrt_gap["source"]["line"], 56);
    assert!(gap("skill.plc-programming").is_none());
}

/// Runs `rolefit rules validate FILE` on a broken fixture: exit 2, and the
/// error names `file:line: `key``.
fn broken(name: &str, line: u32, key: &str, fragment: &str) {
    let path = Path::new("fixtures/profiles/broken").join(name);
    let out = rolefit()
        .args(["rules", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{name}");
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = format!("{}:{line}: `{key}`: ", path.display());
    assert!(
        err.contains(&expected),
        "{name}: expected `{expected}` in\n{err}"
    );
    assert!(
        err.contains(fragment),
        "{name}: expected `{fragment}` in\n{err}"
    );
}

#[test]
fn broken_profiles_report_file_line_and_key() {
    broken(
        "unknown-parent.toml",
        3,
        "extends",
        "unknown profile `production-techician`",
    );
    broken(
        "unknown-parent.toml",
        3,
        "extends",
        "did you mean `production-technician`?",
    );
    broken(
        "unknown-skill.toml",
        6,
        "id",
        "unknown skill `plc-programming` in `skill.plc-programming`",
    );
    broken(
        "missing-advice.toml",
        6,
        "advice",
        "missing field `advice` in requirement `skill.assembly`",
    );
    broken("misspelt-key.toml", 7, "wieght", "unknown field `wieght`");
    broken(
        "bad-remove.toml",
        4,
        "remove",
        "`skill.negotiation` is not a requirement of `production-technician`",
    );
}

#[test]
fn a_cycle_across_two_files_is_reported() {
    let out = rolefit()
        .args(["check", "fixtures/resumes/senior_tech.txt", "--no-config"])
        .args(["--rules", "fixtures/profiles/broken/cycle-a.toml"])
        .args(["--rules", "fixtures/profiles/broken/cycle-b.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":3: `extends`: profiles extend each other in a cycle:"),
        "{err}"
    );
}

#[test]
fn the_quality_technician_profile_is_data_only_and_sourced() {
    let rules = RuleSet::builtin();
    let q = rules.profile("quality-technician").expect("built in");
    assert_eq!(q.file, "rules/quality-technician.toml");
    assert!(q.requirements.len() >= 10);
    for r in &q.requirements {
        assert!(
            r.source.contains("http")
                || r.source.contains("(Interview Guy)")
                || r.source.contains("(eHow UK)"),
            "{} has no public source: {}",
            r.id,
            r.source
        );
    }
    let cqt = q.requirements.iter().find(|r| r.id == "cert.cqt").unwrap();
    assert_eq!(cqt.kind, RequirementKind::Certification("cqt".into()));
    rolefit()
        .arg("roles")
        .assert()
        .success()
        .stdout(predicates::str::contains("quality-technician"));
}
