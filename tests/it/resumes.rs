//! Labelled-resume accuracy test.
//!
//! For every `fixtures/resumes/NAME.expected.toml` this runs
//! `rolefit check NAME.(txt|md) --format json --as-of <as_of>` and compares the
//! facts of `results[0]` with the labels: certification status (and detail when
//! labelled), education, years of experience (±0.5), level, quantified
//! achievements (±1) and the listed skills. The labels were written from the
//! meaning docs/analysis.md gives each fact, independently of the analysis code.
//!
//! Every mismatch of every fixture is collected and reported at once, together
//! with an accuracy summary (certification decisions, skill precision / recall /
//! F1, and per-resume accuracy of education, years, level and quantified count).
//!
//! A label file whose `[skills]` has `complete = true` lists in `present` every
//! skill the resume shows: each skill id of the taxonomy not listed is then expected
//! absent, so a false positive on any id counts. The `h2_*` resumes are a
//! held-out set written after the analysis was tuned; the summary is printed for
//! all resumes and for that set alone.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rolefit::rules::RuleSet;
use serde::Deserialize;
use serde_json::Value;

use crate::util::{fixture, rolefit};

/// The five core certification ids that every fixture is checked on.
const CORE_CERTS: [&str; 5] = ["cpt", "cpim", "six-sigma", "cmq-oe", "lean"];

/// The skill ids of the built-in taxonomy, in its order; labels must use only these.
fn skill_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        RuleSet::builtin()
            .skills
            .iter()
            .map(|s| s.term.id.clone())
            .collect()
    })
}

const LEVELS: [&str; 5] = ["junior", "mid", "senior", "lead", "manager"];
const EDUCATION: [&str; 6] = [
    "none",
    "high_school",
    "associate",
    "bachelor",
    "master",
    "doctorate",
];
const CERT_STATUSES: [&str; 2] = ["held", "in_progress"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    as_of: String,
    #[serde(default)]
    certifications: BTreeMap<String, CertLabel>,
    education: EducationLabel,
    experience: ExperienceLabel,
    achievements: AchievementsLabel,
    skills: SkillsLabel,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CertLabel {
    Status(String),
    Detailed {
        status: String,
        detail: Option<String>,
    },
}

impl CertLabel {
    fn status(&self) -> &str {
        match self {
            CertLabel::Status(s) => s,
            CertLabel::Detailed { status, .. } => status,
        }
    }

    fn detail(&self) -> Option<&str> {
        match self {
            CertLabel::Status(_) => None,
            CertLabel::Detailed { detail, .. } => detail.as_deref(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EducationLabel {
    highest: String,
    engineering_degree: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExperienceLabel {
    years: f64,
    level: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AchievementsLabel {
    quantified: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsLabel {
    present: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    /// `present` is exhaustive: every other skill id is expected absent.
    #[serde(default)]
    complete: bool,
}

impl SkillsLabel {
    /// Every `(id, expected present)` decision the label makes.
    fn decisions(&self) -> Vec<(&str, bool)> {
        if self.complete {
            skill_ids()
                .iter()
                .map(|id| (id.as_str(), self.present.iter().any(|p| p == id)))
                .collect()
        } else {
            self.present
                .iter()
                .map(|id| (id.as_str(), true))
                .chain(self.absent.iter().map(|id| (id.as_str(), false)))
                .collect()
        }
    }
}

/// Resumes of the held-out set, summarised separately.
const HELD_OUT_PREFIX: &str = "h2_";
/// Fixtures that reproduce a failure class of real-world resumes; each must
/// match its labels exactly.
const REAL_WORLD_PREFIX: &str = "rw_";

/// Running totals for the accuracy summary.
#[derive(Debug, Default)]
struct Tally {
    fixtures: usize,
    cert_total: usize,
    cert_ok: usize,
    skill_tp: usize,
    skill_fp: usize,
    skill_fn: usize,
    skill_tn: usize,
    education_ok: usize,
    years_ok: usize,
    level_ok: usize,
    quantified_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.fixtures += o.fixtures;
        self.cert_total += o.cert_total;
        self.cert_ok += o.cert_ok;
        self.skill_tp += o.skill_tp;
        self.skill_fp += o.skill_fp;
        self.skill_fn += o.skill_fn;
        self.skill_tn += o.skill_tn;
        self.education_ok += o.education_ok;
        self.years_ok += o.years_ok;
        self.level_ok += o.level_ok;
        self.quantified_ok += o.quantified_ok;
    }
}

fn fixtures_dir() -> PathBuf {
    fixture("resumes")
}

/// `(resume, expected)` pairs, sorted by name.
fn labelled_fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = fixtures_dir();
    let mut pairs = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".expected.toml") else {
            continue;
        };
        let resume = ["txt", "md"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("{name}: no {stem}.txt or {stem}.md next to it"));
        pairs.push((resume, path));
    }
    pairs.sort();
    pairs
}

fn load_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let expected: Expected =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: bad label file: {e}", path.display()));
    validate_labels(path, &expected);
    expected
}

/// Catches typos in the labels themselves, so a wrong label never passes silently.
fn validate_labels(path: &Path, e: &Expected) {
    let name = path.display();
    for (id, label) in &e.certifications {
        assert!(
            CERT_STATUSES.contains(&label.status()),
            "{name}: certification {id}: status must be one of {CERT_STATUSES:?} (absent ones are not listed)"
        );
    }
    assert!(
        EDUCATION.contains(&e.education.highest.as_str()),
        "{name}: education.highest {:?} not in {EDUCATION:?}",
        e.education.highest
    );
    assert!(
        LEVELS.contains(&e.experience.level.as_str()),
        "{name}: experience.level {:?} not in {LEVELS:?}",
        e.experience.level
    );
    for id in e.skills.present.iter().chain(&e.skills.absent) {
        assert!(
            skill_ids().contains(id),
            "{name}: skill id {id:?} is not in the taxonomy"
        );
    }
    for id in &e.skills.present {
        assert!(
            !e.skills.absent.contains(id),
            "{name}: skill {id} is labelled both present and absent"
        );
        assert!(
            e.skills.present.iter().filter(|p| *p == id).count() == 1,
            "{name}: skill {id} is listed twice in present"
        );
    }
    if e.skills.complete {
        assert!(
            e.skills.absent.is_empty(),
            "{name}: with complete = true every unlisted skill is absent; leave `absent` empty"
        );
    }
}

/// Runs the binary and returns `results[0]`, or a description of what went wrong.
fn run_check(resume: &Path, as_of: &str) -> Result<Value, String> {
    let output = rolefit()
        .arg("check")
        .arg(resume)
        .args(["--format", "json", "--as-of", as_of, "--no-progress"])
        .output()
        .map_err(|e| format!("cannot run rolefit: {e}"))?;
    // Exit 0 or 1 (below --min-score; not used here) both carry a report.
    let code = output.status.code();
    if !matches!(code, Some(0) | Some(1)) {
        return Err(format!(
            "rolefit exited with {code:?}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let report: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("stdout is not JSON ({e})"))?;
    let result = report
        .pointer("/results/0")
        .cloned()
        .ok_or_else(|| "report has no results[0]".to_string())?;
    if result.get("status").and_then(Value::as_str) != Some("ok") {
        return Err(format!(
            "result status is not ok: {}",
            result.get("error").unwrap_or(&Value::Null)
        ));
    }
    Ok(result)
}

fn str_or<'a>(v: Option<&'a Value>, missing: &'a str) -> &'a str {
    match v {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => missing,
        Some(_) => "(not a string)",
    }
}

/// Finds the entry with `id` in `results[0].<list>`.
fn find_by_id<'a>(result: &'a Value, list: &str, id: &str) -> Option<&'a Value> {
    result
        .get(list)?
        .as_array()?
        .iter()
        .find(|item| item.get("id").and_then(Value::as_str) == Some(id))
}

fn check_fixture(
    name: &str,
    expected: &Expected,
    result: &Value,
    tally: &mut Tally,
    problems: &mut Vec<String>,
) {
    let mut miss = |field: String, want: String, got: String| {
        problems.push(format!("{name}: {field}: expected {want}, got {got}"));
    };

    // Certifications: every labelled id, plus the five core ids (absent unless labelled).
    let mut cert_ids: Vec<&str> = CORE_CERTS.to_vec();
    for id in expected.certifications.keys() {
        if !cert_ids.contains(&id.as_str()) {
            cert_ids.push(id);
        }
    }
    for id in cert_ids {
        let label = expected.certifications.get(id);
        let want_status = label.map_or("absent", CertLabel::status);
        let want_detail = label.and_then(CertLabel::detail);
        tally.cert_total += 1;
        let Some(found) = find_by_id(result, "certifications", id) else {
            miss(
                format!("certification {id}"),
                want_status.to_string(),
                "(not in report)".to_string(),
            );
            continue;
        };
        let got_status = str_or(found.get("status"), "(none)");
        let got_detail = str_or(found.get("detail"), "null");
        let mut ok = true;
        if got_status != want_status {
            ok = false;
            miss(
                format!("certification {id} status"),
                want_status.to_string(),
                format!("{got_status} (detail {got_detail})"),
            );
        }
        if let Some(want) = want_detail {
            if got_detail != want {
                ok = false;
                miss(
                    format!("certification {id} detail"),
                    want.to_string(),
                    got_detail.to_string(),
                );
            }
        }
        if ok {
            tally.cert_ok += 1;
        }
    }

    // Education.
    let education = result.get("education");
    let got_highest = str_or(education.and_then(|e| e.get("highest")), "(none)");
    let got_eng = education
        .and_then(|e| e.get("engineering_degree"))
        .and_then(Value::as_bool);
    let mut education_ok = true;
    if got_highest != expected.education.highest {
        education_ok = false;
        miss(
            "education.highest".into(),
            expected.education.highest.clone(),
            got_highest.to_string(),
        );
    }
    if got_eng != Some(expected.education.engineering_degree) {
        education_ok = false;
        miss(
            "education.engineering_degree".into(),
            expected.education.engineering_degree.to_string(),
            got_eng.map_or("(none)".to_string(), |b| b.to_string()),
        );
    }
    tally.education_ok += usize::from(education_ok);

    // Years of experience (±0.5) and level.
    let level = result.get("level");
    match level
        .and_then(|l| l.get("years_experience"))
        .and_then(Value::as_f64)
    {
        Some(got) if (got - expected.experience.years).abs() <= 0.5 + 1e-9 => {
            tally.years_ok += 1;
        }
        got => miss(
            "level.years_experience".into(),
            format!("{} ±0.5", expected.experience.years),
            got.map_or("(none)".to_string(), |y| y.to_string()),
        ),
    }
    let got_level = str_or(level.and_then(|l| l.get("id")), "(none)");
    if got_level == expected.experience.level {
        tally.level_ok += 1;
    } else {
        let title = str_or(level.and_then(|l| l.get("latest_title")), "null");
        miss(
            "level.id".into(),
            expected.experience.level.clone(),
            format!("{got_level} (latest_title {title})"),
        );
    }

    // Quantified achievements (±1).
    match result
        .pointer("/achievements/quantified")
        .and_then(Value::as_i64)
    {
        Some(got) if (got - expected.achievements.quantified).abs() <= 1 => {
            tally.quantified_ok += 1;
        }
        got => miss(
            "achievements.quantified".into(),
            format!("{} ±1", expected.achievements.quantified),
            got.map_or("(none)".to_string(), |q| q.to_string()),
        ),
    }

    // Skills: labelled present must be present, labelled absent must be absent
    // (with `complete = true`, every id not labelled present is labelled absent).
    for (id, want_present) in expected.skills.decisions() {
        let got = find_by_id(result, "skills", id).map(|s| str_or(s.get("status"), "(none)"));
        let got_present = got == Some("present");
        match (want_present, got_present) {
            (true, true) => tally.skill_tp += 1,
            (true, false) => tally.skill_fn += 1,
            (false, true) => tally.skill_fp += 1,
            (false, false) => tally.skill_tn += 1,
        }
        if want_present != got_present || got.is_none() {
            let evidence = find_by_id(result, "skills", id)
                .and_then(|s| s.pointer("/evidence/0/text"))
                .and_then(Value::as_str)
                .map(|t| format!(" (evidence: {t:?})"))
                .unwrap_or_default();
            miss(
                format!("skill {id}"),
                if want_present { "present" } else { "absent" }.to_string(),
                format!("{}{evidence}", got.unwrap_or("(not in report)")),
            );
        }
    }
}

fn pct(ok: usize, total: usize) -> String {
    if total == 0 {
        return "n/a".to_string();
    }
    format!("{ok}/{total} = {:.1}%", 100.0 * ok as f64 / total as f64)
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn summary(title: &str, t: &Tally) -> String {
    let precision = ratio(t.skill_tp, t.skill_tp + t.skill_fp);
    let recall = ratio(t.skill_tp, t.skill_tp + t.skill_fn);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let mut s = String::new();
    let _ = writeln!(s, "{title}: accuracy over {} labelled resumes:", t.fixtures);
    let _ = writeln!(
        s,
        "  certification decisions  {}  (target >= 98%)",
        pct(t.cert_ok, t.cert_total)
    );
    let _ = writeln!(
        s,
        "  skills (listed ids)      precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}  (target F1 >= 0.90; tp {} fp {} fn {} tn {})",
        t.skill_tp, t.skill_fp, t.skill_fn, t.skill_tn
    );
    let _ = writeln!(
        s,
        "  education                {}",
        pct(t.education_ok, t.fixtures)
    );
    let _ = writeln!(
        s,
        "  years (±0.5)             {}",
        pct(t.years_ok, t.fixtures)
    );
    let _ = writeln!(
        s,
        "  level                    {}",
        pct(t.level_ok, t.fixtures)
    );
    let _ = writeln!(
        s,
        "  quantified (±1)          {}",
        pct(t.quantified_ok, t.fixtures)
    );
    s
}

#[test]
fn labelled_resumes_match_expected_facts() {
    let fixtures = labelled_fixtures();
    assert!(
        fixtures.len() >= 10,
        "expected at least 10 labelled resumes in {}, found {}",
        fixtures_dir().display(),
        fixtures.len()
    );

    let mut tally = Tally::default();
    let mut held_out = Tally::default();
    let mut problems = Vec::new();
    for (resume, expected_path) in &fixtures {
        let expected = load_expected(expected_path);
        let name = resume
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let mut one = Tally {
            fixtures: 1,
            ..Tally::default()
        };
        match run_check(resume, &expected.as_of) {
            Ok(result) => check_fixture(&name, &expected, &result, &mut one, &mut problems),
            Err(why) => {
                // Nothing checked: every decision of this fixture counts as wrong.
                one.cert_total += CORE_CERTS.len();
                for (_, want_present) in expected.skills.decisions() {
                    if want_present {
                        one.skill_fn += 1;
                    } else {
                        one.skill_tn += 1;
                    }
                }
                problems.push(format!("{name}: {why}"));
            }
        }
        tally.add(&one);
        if name.starts_with(HELD_OUT_PREFIX) {
            held_out.add(&one);
        }
    }

    let mut report = summary("all", &tally);
    if held_out.fixtures > 0 {
        report.push('\n');
        report.push_str(&summary("held-out h2_ set", &held_out));
    }
    println!("{report}");
    if !problems.is_empty() {
        println!(
            "{} mismatches:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    // The accuracy targets of the held-out evaluation: every fact
    // need not be right, but each measure must reach its target.
    let ratio = |ok: usize, total: usize| ok as f64 / total.max(1) as f64;
    let precision = ratio(tally.skill_tp, tally.skill_tp + tally.skill_fp);
    let recall = ratio(tally.skill_tp, tally.skill_tp + tally.skill_fn);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let targets = [
        (
            "certification decisions",
            ratio(tally.cert_ok, tally.cert_total),
            0.98,
        ),
        ("skill F1", f1, 0.90),
        ("education", ratio(tally.education_ok, tally.fixtures), 0.90),
        ("years", ratio(tally.years_ok, tally.fixtures), 0.90),
        ("level", ratio(tally.level_ok, tally.fixtures), 0.90),
        (
            "quantified",
            ratio(tally.quantified_ok, tally.fixtures),
            0.90,
        ),
    ];
    let missed: Vec<String> = targets
        .iter()
        .filter(|(_, got, target)| got < target)
        .map(|(what, got, target)| format!("{what}: {got:.3} < {target}"))
        .collect();
    assert!(
        missed.is_empty(),
        "accuracy below target on {} labelled resumes: {}\n\n{report}\nmismatches:\n  {}",
        tally.fixtures,
        missed.join(", "),
        problems.join("\n  ")
    );
    // Each `rw_` resume reproduces a failure class found on real-world
    // resumes: it guards that class, so every one of its facts must hold.
    let real_world: Vec<&String> = problems
        .iter()
        .filter(|p| p.starts_with(REAL_WORLD_PREFIX))
        .collect();
    assert!(
        real_world.is_empty(),
        "a real-world failure class is back:\n  {}",
        real_world
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

/// A report result that states exactly what `e` expects.
fn result_matching(e: &Expected) -> Value {
    let certifications: Vec<Value> = CORE_CERTS
        .iter()
        .map(|id| {
            let label = e.certifications.get(*id);
            serde_json::json!({
                "id": id,
                "status": label.map_or("absent", CertLabel::status),
                "detail": label.and_then(CertLabel::detail),
            })
        })
        .collect();
    let skills: Vec<Value> = skill_ids()
        .iter()
        .map(|id| {
            let present = e.skills.present.iter().any(|s| s == id);
            serde_json::json!({"id": id, "status": if present { "present" } else { "absent" }})
        })
        .collect();
    serde_json::json!({
        "status": "ok",
        "certifications": certifications,
        "skills": skills,
        "education": {
            "highest": e.education.highest,
            "engineering_degree": e.education.engineering_degree,
        },
        "level": {"id": e.experience.level, "years_experience": e.experience.years},
        "achievements": {"quantified": e.achievements.quantified},
    })
}

/// The comparison itself must accept a matching report and name each wrong fact.
#[test]
fn comparison_accepts_matching_report_and_names_each_mismatch() {
    let path = fixtures_dir().join("senior_tech.expected.toml");
    let expected = load_expected(&path);
    let mut result = result_matching(&expected);

    let mut tally = Tally::default();
    let mut problems = Vec::new();
    check_fixture(
        "senior_tech.txt",
        &expected,
        &result,
        &mut tally,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(tally.cert_ok, tally.cert_total);
    assert_eq!(tally.skill_fn + tally.skill_fp, 0);

    // Within tolerance: years +0.4, quantified -1.
    result["level"]["years_experience"] = serde_json::json!(expected.experience.years + 0.4);
    result["achievements"]["quantified"] = serde_json::json!(expected.achievements.quantified - 1);
    problems.clear();
    check_fixture(
        "senior_tech.txt",
        &expected,
        &result,
        &mut tally,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:#?}");

    // Outside tolerance, a wrong belt, a wrong level, a skill flipped, a cert missing.
    result["level"]["years_experience"] = serde_json::json!(expected.experience.years + 0.6);
    result["level"]["id"] = serde_json::json!("lead");
    result["achievements"]["quantified"] = serde_json::json!(expected.achievements.quantified + 2);
    let six_sigma = result["certifications"]
        .as_array_mut()
        .and_then(|c| c.iter_mut().find(|c| c["id"] == "six-sigma"))
        .expect("six-sigma entry");
    six_sigma["detail"] = serde_json::json!("green");
    let skill = &expected.skills.present[0];
    let entry = result["skills"]
        .as_array_mut()
        .and_then(|s| s.iter_mut().find(|s| s["id"] == skill.as_str()))
        .expect("skill entry");
    entry["status"] = serde_json::json!("absent");
    result["certifications"]
        .as_array_mut()
        .expect("certifications")
        .retain(|c| c["id"] != "cmq-oe");
    problems.clear();
    check_fixture(
        "senior_tech.txt",
        &expected,
        &result,
        &mut tally,
        &mut problems,
    );
    let fields: Vec<&str> = problems
        .iter()
        .map(|p| p.split(": ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        fields,
        [
            "certification six-sigma detail",
            "certification cmq-oe",
            "level.years_experience",
            "level.id",
            "achievements.quantified",
            &format!("skill {skill}"),
        ],
        "{problems:#?}"
    );
}

/// With `complete = true`, every skill id not labelled present is checked as
/// expected-absent: a skill the label does not mention, reported present, is a
/// false positive and a named mismatch.
#[test]
fn complete_skill_labels_count_every_unlisted_id_as_absent() {
    let path = fixtures_dir().join("h2_lead_tech.expected.toml");
    let expected = load_expected(&path);
    assert!(
        expected.skills.complete,
        "{} must set complete = true",
        path.display()
    );
    let mut result = result_matching(&expected);

    let mut tally = Tally::default();
    let mut problems = Vec::new();
    check_fixture(
        "h2_lead_tech.txt",
        &expected,
        &result,
        &mut tally,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(tally.skill_tp, expected.skills.present.len());
    assert_eq!(
        tally.skill_tn,
        skill_ids().len() - expected.skills.present.len()
    );
    assert_eq!(tally.skill_fp + tally.skill_fn, 0);

    let unlisted = skill_ids()
        .iter()
        .find(|id| !expected.skills.present.contains(id))
        .expect("some skill is not labelled present");
    let entry = result["skills"]
        .as_array_mut()
        .and_then(|s| s.iter_mut().find(|s| s["id"] == *unlisted))
        .expect("skill entry");
    entry["status"] = serde_json::json!("present");
    let mut tally = Tally::default();
    problems.clear();
    check_fixture(
        "h2_lead_tech.txt",
        &expected,
        &result,
        &mut tally,
        &mut problems,
    );
    assert_eq!(tally.skill_fp, 1, "{problems:#?}");
    assert_eq!(
        problems,
        [format!(
            "h2_lead_tech.txt: skill {unlisted}: expected absent, got present"
        )]
    );
}

/// The ids of the flags of every result of `rolefit check PATHS`, by path.
fn flags_by_path(paths: &[&Path]) -> BTreeMap<String, (Option<u64>, Vec<String>)> {
    let output = rolefit()
        .arg("check")
        .args(paths)
        .args(["--format", "json", "--as-of", "2026-11", "--no-progress"])
        .output()
        .expect("run rolefit");
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let flags = r["flags"]
                .as_array()
                .map(|f| {
                    f.iter()
                        .filter_map(|x| x["id"].as_str())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            (
                r["path"].as_str().unwrap_or("").to_string(),
                (r["score"].as_u64(), flags),
            )
        })
        .collect()
}

/// A resume in another language and a text that is no resume are scored
/// but flagged, so the score is not taken at face value.
#[test]
fn input_that_is_not_an_english_resume_is_flagged_and_still_scored() {
    let dir = crate::util::tempdir();
    let german = dir.path().join("lebenslauf.txt");
    std::fs::write(
        &german,
        "Jonas Weber\nProduktionstechniker\n\nBerufserfahrung\n03/2015 - 12/2020  Produktionstechniker, Muster GmbH, Stuttgart\n\
         - Einrichtung und Bedienung von CNC-Maschinen in der Serienfertigung\n- Wartung der Anlagen nach Plan und Fehlersuche bei Störungen\n\
         - Schulung neuer Mitarbeiter an den Maschinen und Dokumentation der Prüfergebnisse\n09/2011 - 02/2015  Mechatroniker, Beispiel AG, Esslingen\n\
         - Montage von Baugruppen nach Zeichnung und Qualitätsprüfung mit Messschieber und Mikrometer\n\nAusbildung\n\
         2008 - 2011  Ausbildung zum Mechatroniker, Berufsschule Stuttgart\n\nKenntnisse\nCNC, SPS, Lean Management, Englisch gut, MS Office\n",
    )
    .expect("write");
    let readme = dir.path().join("notes.md");
    std::fs::write(
        &readme,
        "# widget-tools\n\nA small command-line tool that converts widget files between formats.\n\n## Usage\n\n\
         Run the tool with an input and an output file to convert it. It reads every widget format we know of.\n",
    )
    .expect("write");
    let found = flags_by_path(&[&german, &readme]);
    let (score, flags) = &found[german.to_str().expect("utf-8")];
    assert!(score.is_some(), "still scored");
    assert!(flags.contains(&"not-english".to_string()), "{flags:?}");
    assert!(!flags.contains(&"not-a-resume".to_string()), "{flags:?}");
    let (score, flags) = &found[readme.to_str().expect("utf-8")];
    assert!(score.is_some(), "still scored");
    assert!(flags.contains(&"not-a-resume".to_string()), "{flags:?}");
    assert!(!flags.contains(&"not-english".to_string()), "{flags:?}");

    // The human report marks the score.
    let out = rolefit()
        .arg("check")
        .arg(&german)
        .args(["--as-of", "2026-11", "--no-progress", "--color", "never"])
        .output()
        .expect("run rolefit");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(not-english?)"), "{text}");
}

/// No labelled resume is taken for something else.
#[test]
fn labelled_resumes_are_not_flagged_as_foreign_or_no_resume() {
    let found = flags_by_path(&[&fixture("resumes")]);
    assert!(found.len() > 50, "{} results", found.len());
    for (path, (_, flags)) in &found {
        assert!(
            !flags
                .iter()
                .any(|f| f == "not-english" || f == "not-a-resume"),
            "{path}: {flags:?}"
        );
    }
}
