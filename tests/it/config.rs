//! Project config (`rolefit.toml`): discovery from the working folder up,
//! precedence (flag > config > default), `--show-config`, ignore patterns,
//! rules relative to the config file, errors with file/line/key; and the
//! shell integration generated from the clap definition.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::util::{fixture, rolefit, tempdir};

fn resume() -> PathBuf {
    fixture("resumes/senior_tech.txt")
}

/// `rolefit` run in `dir`, where it looks for a `rolefit.toml`.
fn rolefit_in(dir: &Path) -> Command {
    let mut cmd = rolefit();
    cmd.current_dir(dir);
    cmd
}

/// A project: `proj/rolefit.toml` with `config`, and an empty `proj/a/b/c`.
fn project(config: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempdir();
    let proj = tmp.path().join("proj");
    let deep = proj.join("a/b/c");
    fs::create_dir_all(&deep).unwrap();
    fs::write(proj.join("rolefit.toml"), config).unwrap();
    (tmp, proj, deep)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `--show-config` line for `key`.
fn setting<'a>(shown: &'a str, key: &str) -> &'a str {
    shown
        .lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no `{key}` in\n{shown}"))
}

#[test]
fn config_is_found_from_a_nested_folder() {
    let (_tmp, proj, deep) =
        project("# project settings\nrole = \"production-engineer\"\nmin-score = 70\n");
    let shown = stdout(rolefit_in(&deep).args(["check", "--show-config"]));
    let file = proj.join("rolefit.toml");
    assert!(
        shown.contains(&format!("config file: {}", file.display())),
        "{shown}"
    );
    let role = setting(&shown, "role");
    assert!(role.contains("production-engineer"), "{role}");
    assert!(role.contains(&format!("{}:2", file.display())), "{role}");
    let min = setting(&shown, "min-score");
    assert!(min.contains("70") && min.contains(":3"), "{min}");
    assert!(setting(&shown, "format").contains("default"), "{shown}");
}

#[test]
fn a_folder_without_config_uses_defaults() {
    let tmp = tempdir();
    let shown = stdout(rolefit_in(tmp.path()).args(["check", "--show-config"]));
    assert!(shown.contains("config file: none"), "{shown}");
    assert!(setting(&shown, "role").contains("auto"), "{shown}");
}

#[test]
fn flags_beat_the_config() {
    let (_tmp, _proj, deep) =
        project("role = \"production-engineer\"\nformat = \"json\"\nas-of = \"2020-01\"\n");
    let shown = stdout(rolefit_in(&deep).args([
        "check",
        "--show-config",
        "--role",
        "production-technician",
        "--as-of",
        "2026-11",
    ]));
    let role = setting(&shown, "role");
    assert!(
        role.contains("production-technician") && role.contains("--role flag"),
        "{role}"
    );
    assert!(setting(&shown, "as-of").contains("2026-11"), "{shown}");
    assert!(setting(&shown, "format").contains("json"), "{shown}");

    // The config's role and format apply to a real check…
    let out = stdout(rolefit_in(&deep).arg("check").arg(resume()));
    let json: Value = serde_json::from_str(&out).expect("format = json from the config");
    assert_eq!(json["results"][0]["role"]["id"], "production-engineer");
    assert_eq!(json["as_of"], "2020-01");
    // …and the flags win over it.
    let out = stdout(rolefit_in(&deep).arg("check").arg(resume()).args([
        "--role",
        "production-technician",
        "--as-of",
        "2026-11",
    ]));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["results"][0]["role"]["id"], "production-technician");
    assert_eq!(json["as_of"], "2026-11");
}

#[test]
fn min_score_from_the_config_sets_the_exit_code_and_a_flag_overrides_it() {
    let (_tmp, _proj, deep) = project("min-score = 100\nformat = \"json\"\n");
    let out = rolefit_in(&deep)
        .arg("check")
        .arg(resume())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = rolefit_in(&deep)
        .arg("check")
        .arg(resume())
        .args(["--min-score", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // --no-config ignores it altogether: human format, no minimum.
    let out = rolefit_in(&deep)
        .args(["check", "--no-config", "--color", "never"])
        .arg(resume())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_err());
}

#[test]
fn rules_paths_are_relative_to_the_config_file() {
    let (_tmp, proj, deep) = project(
        "rules = [\"profiles\"]\nrole = \"plant-maintenance-technician\"\nformat = \"json\"\n",
    );
    fs::create_dir(proj.join("profiles")).unwrap();
    fs::copy(
        fixture("profiles/example.toml"),
        proj.join("profiles/maintenance.toml"),
    )
    .unwrap();
    let out = stdout(rolefit_in(&deep).arg("check").arg(resume()));
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["results"][0]["role"]["id"],
        "plant-maintenance-technician"
    );
    // `roles` and `explain` use the project's rules too.
    let roles = stdout(rolefit_in(&deep).arg("roles"));
    assert!(roles.contains("plant-maintenance-technician"), "{roles}");
    let explain = stdout(rolefit_in(&deep).args(["explain", "plc-programming"]));
    assert!(explain.contains("PLC programming"), "{explain}");
}

#[test]
fn ignore_patterns_skip_walked_files_but_not_named_ones() {
    let (_tmp, proj, _deep) = project("ignore = [\"drafts\", \"*.old.txt\"]\nformat = \"json\"\n");
    let inbox = proj.join("inbox");
    fs::create_dir_all(inbox.join("drafts")).unwrap();
    let text = fs::read(resume()).unwrap();
    fs::write(inbox.join("jane.txt"), &text).unwrap();
    fs::write(inbox.join("jane.old.txt"), &text).unwrap();
    fs::write(inbox.join("drafts/joe.txt"), &text).unwrap();
    let paths = |out: &str| -> Vec<String> {
        let json: Value = serde_json::from_str(out).unwrap();
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().replace('\\', "/"))
            .collect()
    };
    let walked = paths(&stdout(rolefit_in(&proj).args(["check", "inbox"])));
    assert_eq!(walked, vec!["inbox/jane.txt"]);
    let named = paths(&stdout(
        rolefit_in(&proj).args(["check", "inbox/jane.old.txt"]),
    ));
    assert_eq!(named, vec!["inbox/jane.old.txt"]);
    let shown = stdout(rolefit_in(&proj).args(["check", "--show-config"]));
    assert!(setting(&shown, "ignore").contains("\"drafts\""), "{shown}");
}

#[test]
fn an_explicit_config_file_is_used() {
    let tmp = tempdir();
    let cfg = tmp.path().join("team.toml");
    fs::write(&cfg, "role = \"production-engineer\"\n").unwrap();
    let shown = stdout(
        rolefit_in(tmp.path())
            .args(["check", "--show-config", "--config"])
            .arg(&cfg),
    );
    assert!(
        setting(&shown, "role").contains("production-engineer"),
        "{shown}"
    );
}

#[test]
fn config_errors_name_file_line_and_key() {
    for (text, line, key, fragment) in [
        (
            "role = \"auto\"\n\nmin_score = 70\n",
            3,
            "min_score",
            "not a rolefit.toml key; did you mean `min-score`?",
        ),
        ("min-score = 170\n", 1, "min-score", "between 0 and 100"),
        ("\nformat = \"pdf\"\n", 2, "format", "unknown format `pdf`"),
        ("as-of = \"soon\"\n", 1, "as-of", "YYYY-MM"),
        ("ignore = [\"[oops\"]\n", 1, "ignore", "invalid glob"),
    ] {
        let (_tmp, proj, deep) = project(text);
        let out = rolefit_in(&deep)
            .arg("check")
            .arg(resume())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        let expected = format!("{}:{line}: `{key}`: ", proj.join("rolefit.toml").display());
        assert!(err.contains(&expected), "expected `{expected}` in {err}");
        assert!(err.contains(fragment), "expected `{fragment}` in {err}");
    }
}

#[test]
fn an_unknown_role_in_the_config_is_an_error() {
    let (_tmp, _proj, deep) = project("role = \"welder\"\n");
    let out = rolefit_in(&deep)
        .arg("check")
        .arg(resume())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role `welder`"));
}

#[test]
fn completions_for_every_shell() {
    let tmp = tempdir();
    for (shell, marker) in [
        ("bash", "_rolefit()"),
        ("zsh", "#compdef rolefit"),
        ("fish", "complete -c rolefit -n"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[rolefit]"),
    ] {
        let out = stdout(rolefit_in(tmp.path()).args(["completions", shell]));
        assert!(out.contains(marker), "{shell}: no `{marker}`");
        assert!(
            out.contains("job") && out.contains("show-config"),
            "{shell}"
        );
    }
    let out = rolefit_in(tmp.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages_are_roff() {
    let tmp = tempdir();
    let main = stdout(rolefit_in(tmp.path()).arg("man"));
    assert!(main.contains(".TH rolefit 1"), "{main}");
    assert!(main.contains("completions"), "subcommands are listed");
    let check = stdout(rolefit_in(tmp.path()).args(["man", "check"]));
    assert!(check.contains(".TH rolefit-check 1"), "{check}");
    assert!(
        check.contains("\\-\\-job") && check.contains("\\-\\-show\\-config"),
        "{check}"
    );
    let out = rolefit_in(tmp.path())
        .args(["man", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dir = tmp.path().join("man");
    stdout(rolefit_in(tmp.path()).args(["man", "--out-dir"]).arg(&dir));
    assert!(dir.join("rolefit.1").is_file());
    assert!(dir.join("rolefit-check.1").is_file());
}

#[test]
fn completions_offer_the_role_and_explain_ids_of_the_loaded_rules() {
    let tmp = tempdir();
    let zsh = stdout(rolefit_in(tmp.path()).args(["completions", "zsh"]));
    assert!(
        zsh.contains("(auto production-technician production-engineer quality-technician)"),
        "{zsh}"
    );
    for id in [
        "cert.cpt",
        "six-sigma",
        "skill.communication",
        "multi-column",
    ] {
        assert!(zsh.contains(id), "no `{id}` to complete");
    }
    // A user's role, from --rules, is completed too.
    let user = stdout(
        rolefit_in(tmp.path())
            .args(["completions", "bash", "--rules"])
            .arg(fixture("profiles/example.toml")),
    );
    assert!(user.contains("plant-maintenance-technician"), "{user}");
}

#[test]
fn man_pages_have_exit_status_examples_and_environment() {
    let tmp = tempdir();
    for page in [vec!["man"], vec!["man", "check"], vec!["man", "explain"]] {
        let text = stdout(rolefit_in(tmp.path()).args(&page));
        for section in [
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            "COLUMNS",
        ] {
            assert!(text.contains(section), "{page:?}: no {section}");
        }
    }
    let explain = stdout(rolefit_in(tmp.path()).args(["man", "explain"]));
    assert!(
        explain.contains("rolefit explain \"green belt\""),
        "{explain}"
    );
}

#[test]
fn a_bad_value_or_role_in_the_config_names_file_line_and_key() {
    let (_tmp, proj, _deep) = project("role = \"auto\"\nmin-score = \"70\"\n");
    let out = rolefit_in(&proj)
        .arg("check")
        .arg(resume())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("rolefit.toml:2: `min-score`: invalid type"),
        "{err}"
    );
    assert!(err.contains("without quotes (min-score = 70)"), "{err}");

    let (_tmp, proj, _deep) = project("\nrole = \"productionengineer\"\n");
    let out = rolefit_in(&proj)
        .arg("check")
        .arg(resume())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("rolefit.toml:2: `role`: unknown role `productionengineer`; did you mean `production-engineer`?"),
        "{err}"
    );
}
