//! `rolefit check --job POSTING`: the posting's requirements (required vs
//! preferred, years, degrees, taxonomy terms) are layered over the role and
//! cited at the posting's lines; terms outside the taxonomy are listed as
//! "also asked for".

use rolefit::rules::RuleSet;
use serde_json::Value;

use crate::schema::assert_valid;
use crate::util::{rolefit, tempdir, AS_OF};

const TECH_POSTING: &str = "fixtures/postings/production-technician.md";
const ENG_POSTING: &str = "fixtures/postings/production-engineer.txt";

fn check(args: &[&str]) -> (Value, i32, String) {
    let out = rolefit()
        .args(["check", "--no-config", "--format", "json", "--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {stderr}"));
    (json, out.status.code().unwrap_or(-1), stderr)
}

/// (requirement, severity, posting line) of every posting requirement.
fn asked(r: &Value) -> Vec<(String, String, u64)> {
    r["posting"]["requirements"]
        .as_array()
        .expect("posting.requirements")
        .iter()
        .map(|q| {
            (
                q["requirement"].as_str().unwrap().to_string(),
                q["severity"].as_str().unwrap().to_string(),
                q["evidence"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Whether a built-in taxonomy entry has this alias.
fn taxonomy_alias(alias: &str) -> bool {
    let rules = RuleSet::builtin();
    rules
        .certifications
        .iter()
        .map(|c| &c.term)
        .chain(rules.skills.iter().map(|s| &s.term))
        .any(|t| {
            t.aliases
                .iter()
                .chain(&t.ambiguous)
                .any(|a| a.eq_ignore_ascii_case(alias))
        })
}

fn has(list: &[(String, String, u64)], id: &str, severity: &str, line: u64) -> bool {
    list.iter()
        .any(|(i, s, l)| i == id && s == severity && *l == line)
}

#[test]
fn technician_posting_required_and_preferred_parts() {
    let (json, code, err) = check(&[
        "fixtures/resumes/mid_tech_associate.txt",
        "--job",
        TECH_POSTING,
    ]);
    assert_eq!(code, 0, "{err}");
    let r = &json["results"][0];
    let a = asked(r);
    let expect = [
        ("education.high_school", "required", 21),
        ("experience.years", "required", 22),
        ("skill.blueprint-reading", "required", 23),
        ("skill.troubleshooting", "required", 24),
        ("cert.cpt", "recommended", 30),
        ("education.associate", "recommended", 31),
        ("cert.osha-10", "recommended", 32),
        ("cert.six-sigma", "recommended", 33),
        ("skill.quality-control", "recommended", 15),
    ];
    for (id, sev, line) in expect {
        assert!(
            has(&a, id, sev, line),
            "{id} {sev} line {line} not in {a:?}"
        );
    }
    // Nothing from "About Us" (lines 6-9) or "Benefits" (lines 35-39).
    assert!(
        a.iter().all(|(_, _, l)| !(6..=9).contains(l) && *l < 35),
        "{a:?}"
    );
    // No degree above the ones asked; no engineering degree.
    assert!(!a
        .iter()
        .any(|(i, _, _)| i == "education.bachelor" || i == "education.engineering-degree"));
    let years = r["posting"]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["requirement"] == "experience.years")
        .unwrap();
    assert_eq!(years["name"], "at least 2 years of experience");
    assert_eq!(r["posting"]["file"], TECH_POSTING);

    let terms: Vec<&str> = r["posting"]["also_asked_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    // "Allen-Bradley PLC": the name and its category, two terms.
    assert!(terms.contains(&"Allen-Bradley"), "{terms:?}");
    assert!(terms.contains(&"PLC"), "{terms:?}");
    for not in [
        "Ridgeline Components",
        "Ridgeline",
        "Ford",
        "GM",
        "ISO 9001",
        "Dayton",
    ] {
        assert!(!terms.contains(&not), "{not} listed in {terms:?}");
    }
}

#[test]
fn engineer_posting_degrees_years_and_preferred_certifications() {
    let (json, code, err) = check(&[
        "fixtures/resumes/mid_tech_associate.txt",
        "--job",
        ENG_POSTING,
        "--role",
        "production-engineer",
    ]);
    assert_eq!(code, 0, "{err}");
    let r = &json["results"][0];
    assert_eq!(r["role"]["id"], "production-engineer");
    let a = asked(r);
    for (id, sev, line) in [
        ("education.bachelor", "required", 18),
        ("education.engineering-degree", "required", 18),
        ("experience.years", "required", 19),
        ("skill.communication", "required", 21),
        ("cert.six-sigma", "recommended", 24),
        ("cert.cpim", "recommended", 25),
        ("education.master", "recommended", 26),
    ] {
        assert!(
            has(&a, id, sev, line),
            "{id} {sev} line {line} not in {a:?}"
        );
    }
    // Pay, EEO and age lines (28-29) ask for nothing.
    assert!(a.iter().all(|(_, _, l)| *l < 28), "{a:?}");

    // An associate-degree technician misses the degree: a posting gap citing line 18.
    let gaps = r["gaps"].as_array().unwrap();
    let bachelor = gaps
        .iter()
        .find(|g| g["requirement"] == "education.bachelor")
        .expect("bachelor gap");
    assert_eq!(bachelor["severity"], "required");
    assert_eq!(bachelor["source"]["kind"], "posting");
    assert_eq!(bachelor["source"]["file"], ENG_POSTING);
    assert_eq!(bachelor["source"]["line"], 18);
    assert!(bachelor["message"]
        .as_str()
        .unwrap()
        .contains("posting line 18"));
    let years = gaps
        .iter()
        .find(|g| g["requirement"] == "experience.years")
        .expect("5 years gap");
    assert_eq!(years["source"]["line"], 19);
    // Profile requirements the posting does not name keep their profile source.
    assert!(gaps.iter().any(|g| g["source"]["kind"] == "profile"
        && g["source"]["file"] == "rules/production-engineer.toml"));
    let posting_reqs = r["posting"]["requirements"].as_array().unwrap();
    let met = |id: &str| {
        posting_reqs
            .iter()
            .find(|q| q["requirement"] == id)
            .unwrap()["met"]
            .as_bool()
            .unwrap()
    };
    assert!(!met("education.bachelor"));
    assert!(gaps.iter().all(|g| {
        let id = g["requirement"].as_str().unwrap();
        !posting_reqs.iter().any(|q| q["requirement"] == id) || !met(id)
    }));

    let terms: Vec<&str> = r["posting"]["also_asked_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    // Unless a later taxonomy learns it, Minitab is "also asked for".
    if !taxonomy_alias("minitab") {
        assert!(terms.contains(&"Minitab"), "{terms:?}");
    }
    assert!(!terms.iter().any(|t| t.contains("Harbor")), "{terms:?}");
    assert!(
        !terms.contains(&"MBA") && !terms.contains(&"APICS CPIM"),
        "{terms:?}"
    );
}

#[test]
fn posting_requirements_weigh_more_than_the_profile_own() {
    let (json, _, err) = check(&[
        "fixtures/resumes/production_engineer_bsme.txt",
        "--job",
        ENG_POSTING,
        "--role",
        "production-engineer",
    ]);
    let rules = RuleSet::builtin();
    let profile = rules.profile("production-engineer").unwrap();
    let reqs = json["results"][0]["posting"]["requirements"]
        .as_array()
        .unwrap_or_else(|| panic!("{err}"));
    let mut compared = 0;
    for q in reqs {
        let id = q["requirement"].as_str().unwrap();
        let w = q["weight"].as_u64().unwrap() as u32;
        if let Some(own) = profile.requirements.iter().find(|r| r.id == id) {
            assert!(
                w > own.weight,
                "{id}: posting weight {w} <= profile weight {}",
                own.weight
            );
            compared += 1;
        }
        let same_severity: Vec<u32> = profile
            .requirements
            .iter()
            .filter(|r| r.severity.as_str() == q["severity"])
            .map(|r| r.weight)
            .collect();
        if !same_severity.is_empty() {
            let mean = same_severity.iter().sum::<u32>() as f64 / same_severity.len() as f64;
            assert!(
                w as f64 > mean,
                "{id}: {w} not above the profile's typical {mean}"
            );
        }
    }
    assert!(
        compared > 0,
        "the posting shares no requirement with the profile"
    );
}

#[test]
fn posting_report_validates_against_the_schema_and_human_shows_it() {
    let (json, _, _) = check(&["fixtures/resumes/senior_tech.txt", "--job", TECH_POSTING]);
    assert_valid(&json);

    let out = rolefit()
        .args(["check", "--no-config", "--as-of", AS_OF, "--color", "never"])
        .args(["fixtures/resumes/senior_tech.txt", "--job", TECH_POSTING])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("Job posting ({TECH_POSTING})")),
        "{text}"
    );
    assert!(text.contains("posting line 21"), "{text}");
    assert!(text.contains("also asked for"), "{text}");
    assert!(text.contains("Allen-Bradley"), "{text}");
}

#[test]
fn without_job_there_is_no_posting_field() {
    let (json, _, _) = check(&["fixtures/resumes/senior_tech.txt"]);
    assert!(json["results"][0].get("posting").is_none());
    assert!(json["results"][0]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["source"]["kind"] == "profile"));
}

#[test]
fn an_unreadable_posting_is_an_error_before_any_resume() {
    let out = rolefit()
        .args([
            "check",
            "--no-config",
            "fixtures/resumes/senior_tech.txt",
            "--job",
            "fixtures/postings/missing.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("job posting fixtures/postings/missing.txt"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_posting_from_standard_text_without_headings_still_counts() {
    let dir = tempdir();
    let posting = dir.path().join("short.txt");
    std::fs::write(
        &posting,
        "We need a machine operator with at least three years of experience in a plant.\n\
         A high school diploma or GED is required and an associate degree is a plus.\n\
         Six Sigma Yellow Belt certification is a plus.\n",
    )
    .unwrap();
    let (json, code, err) = check(&[
        "fixtures/resumes/senior_tech.txt",
        "--job",
        posting.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let a = asked(&json["results"][0]);
    assert!(has(&a, "experience.years", "required", 1), "{a:?}");
    assert!(has(&a, "education.high_school", "required", 2), "{a:?}");
    assert!(has(&a, "education.associate", "recommended", 2), "{a:?}");
    assert!(has(&a, "cert.six-sigma", "recommended", 3), "{a:?}");
}

/// HTML postings: visible text only (not the script), headings as parts.
#[test]
fn html_posting() {
    let (json, code, err) = check(&[
        "fixtures/resumes/senior_tech.txt",
        "--job",
        "fixtures/postings/maintenance-technician.html",
    ]);
    assert_eq!(code, 0, "{err}");
    let r = &json["results"][0];
    let reqs = r["posting"]["requirements"].as_array().unwrap();
    let sev = |id: &str| {
        reqs.iter()
            .find(|q| q["requirement"] == id)
            .map(|q| q["severity"].as_str().unwrap().to_string())
    };
    assert_eq!(sev("education.associate").as_deref(), Some("required"));
    assert_eq!(sev("cert.osha-30").as_deref(), Some("recommended"));
    assert_eq!(sev("skill.troubleshooting").as_deref(), Some("recommended"));
    let years = reqs
        .iter()
        .find(|q| q["requirement"] == "experience.years")
        .unwrap();
    assert_eq!(
        (years["severity"].as_str(), years["name"].as_str()),
        (Some("required"), Some("at least 3 years of experience"))
    );
    let terms: Vec<&str> = r["posting"]["also_asked_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        terms.iter().any(|t| t.starts_with("Siemens S7")),
        "{terms:?}"
    );
    assert!(!terms.iter().any(|t| t.contains("Northfield")), "{terms:?}");
}

/// Labelled postings: every `fixtures/postings/NAME.expected.toml` (the format
/// of `eval/real-postings/labels`) against what `--job NAME.(txt|md|html)`
/// reports. The requirements must match exactly — each certification, skill,
/// degree and the years with its severity (`required`, `preferred`, `duty`) —
/// and "also asked for" must list every expected term and no term outside
/// `expected` and `ok`. Every mismatch of every posting is reported at once.
#[test]
fn labelled_postings_are_read_as_labelled() {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Label {
        years: Option<YearsLabel>,
        #[serde(default)]
        education: BTreeMap<String, String>,
        #[serde(default)]
        certifications: BTreeMap<String, String>,
        #[serde(default)]
        skills: BTreeMap<String, String>,
        also: AlsoLabel,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct YearsLabel {
        min: f64,
        severity: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct AlsoLabel {
        expected: Vec<String>,
        ok: Vec<String>,
    }
    fn key(term: &str) -> String {
        let k = term.to_lowercase().replace(['-', '/'], " ");
        let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
        let k = k
            .trim_matches(['.', ',', ';', ':'])
            .trim_end_matches("'s")
            .to_string();
        match k.strip_suffix('s') {
            Some(stem) if k.len() > 3 && !k.ends_with("ss") => stem.to_string(),
            _ => k,
        }
    }

    let dir = crate::util::fixture("postings");
    let mut labels: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    labels.sort();
    assert!(
        labels.len() >= 10,
        "only {} labelled postings",
        labels.len()
    );
    let mut problems = Vec::new();
    for label_path in &labels {
        let name = label_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.toml", "");
        let posting = ["txt", "md", "html"]
            .iter()
            .map(|ext| dir.join(format!("{name}.{ext}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("no posting for {name}"));
        let label: Label = toml::from_str(&std::fs::read_to_string(label_path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut want: BTreeMap<String, String> = BTreeMap::new();
        for (k, v) in &label.education {
            let id = if k == "engineering" {
                "education.engineering-degree".to_string()
            } else {
                format!("education.{k}")
            };
            want.insert(id, v.clone());
        }
        want.extend(
            label
                .certifications
                .iter()
                .map(|(k, v)| (format!("cert.{k}"), v.clone())),
        );
        want.extend(
            label
                .skills
                .iter()
                .map(|(k, v)| (format!("skill.{k}"), v.clone())),
        );
        if let Some(y) = &label.years {
            want.insert("experience.years".into(), y.severity.clone());
        }
        let (json, code, err) = check(&[
            "fixtures/resumes/mid_tech_associate.txt",
            "--job",
            posting.to_str().unwrap(),
        ]);
        assert!(code == 0 || code == 1, "{name}: {err}");
        let p = &json["results"][0]["posting"];
        let mut got: BTreeMap<String, String> = BTreeMap::new();
        for r in p["requirements"].as_array().unwrap() {
            let part = match r["part"].as_str().unwrap() {
                "duties" | "intro" => "duty",
                other => other,
            };
            got.insert(
                r["requirement"].as_str().unwrap().to_string(),
                part.to_string(),
            );
            if r["requirement"] == "experience.years" {
                let years = r["years"].as_f64().unwrap();
                if let Some(y) = &label.years {
                    if (years - y.min).abs() > 1e-9 {
                        problems.push(format!("{name}: years {years}, expected {}", y.min));
                    }
                }
            }
        }
        for (id, sev) in &want {
            match got.get(id) {
                None => problems.push(format!("{name}: {id} ({sev}) not found")),
                Some(g) if g != sev => {
                    problems.push(format!("{name}: {id} is {g}, expected {sev}"))
                }
                _ => {}
            }
        }
        for (id, sev) in &got {
            if !want.contains_key(id) {
                problems.push(format!("{name}: {id} ({sev}) is not asked"));
            }
        }
        let listed: Vec<String> = p["also_asked_for"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap().to_string())
            .collect();
        let listed_keys: Vec<String> = listed.iter().map(|t| key(t)).collect();
        for t in &label.also.expected {
            if !listed_keys.contains(&key(t)) {
                problems.push(format!(
                    "{name}: also asked for: {t} not listed ({listed:?})"
                ));
            }
        }
        let allowed: Vec<String> = label
            .also
            .expected
            .iter()
            .chain(&label.also.ok)
            .map(|t| key(t))
            .collect();
        for t in &listed {
            if !allowed.contains(&key(t)) {
                problems.push(format!("{name}: also asked for: {t} is no term asked"));
            }
        }
        if want.is_empty() {
            let warned = p["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w.as_str().unwrap().contains("no requirement"));
            if !warned {
                problems.push(format!(
                    "{name}: no warning that the posting yields no requirement"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The human report of a check against a posting: the posting match beside
/// the role score, the table of what the posting asks (asked how, met or not,
/// posting line, resume line), the skipped parts, the terms outside the
/// taxonomy.
#[test]
fn human_report_with_a_posting_snapshot() {
    let out = rolefit()
        .args([
            "check",
            "--no-config",
            "--as-of",
            AS_OF,
            "--color",
            "never",
            "fixtures/resumes/mid_tech_associate.txt",
            "--job",
            TECH_POSTING,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("posting match "), "{text}");
    let table = text
        .lines()
        .skip_while(|l| !l.starts_with("Job posting"))
        .take_while(|l| !l.starts_with("Gaps"))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("human_job_posting_table", table);
}
