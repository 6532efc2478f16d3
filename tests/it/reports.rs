//! One sample run rendered in every output format: a snapshot per format (a
//! format added to `OutputFormat::ALL` without one fails), and the JSON and
//! NDJSON reports checked against the schema, for validity and for drift.

use std::sync::OnceLock;

use rolefit::report::OutputFormat;
use serde_json::Value;

use crate::schema::{assert_valid, ndjson_line_schema, schema, undeclared_fields, violations};
use crate::util::{rolefit, AS_OF};

/// Resumes in four input formats, above and below `MIN_SCORE`, and two files
/// that cannot be checked. Relative paths: the reports show them as given.
const SAMPLE: &[&str] = &[
    "fixtures/batch/alex-rivera.txt",
    "fixtures/batch/maria-chen.md",
    "fixtures/batch/dana-kowalski.json",
    "fixtures/batch/empty.txt",
    "fixtures/batch/broken.docx",
];
const MIN_SCORE: &str = "70";

/// The sample run in `format`, with the tool version (the only part of the
/// output that changes between releases) as `[version]`.
fn render(format: OutputFormat, extra: &[&str]) -> String {
    let out = rolefit()
        .args(["check", "--no-config", "--as-of", AS_OF, "--color", "never"])
        .args(["--min-score", MIN_SCORE, "--format", format.name()])
        .args(extra)
        .args(SAMPLE)
        .output()
        .expect("run rolefit");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{format}: files that cannot be checked make the exit code 2: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("a UTF-8 report")
        .replace(env!("CARGO_PKG_VERSION"), "[version]")
}

/// The sample run in every format, rendered once for all the tests here.
fn sample_run(format: OutputFormat) -> &'static str {
    static RUNS: OnceLock<Vec<(OutputFormat, String)>> = OnceLock::new();
    let runs = RUNS.get_or_init(|| {
        OutputFormat::ALL
            .into_iter()
            .map(|format| (format, render(format, &[])))
            .collect()
    });
    &runs.iter().find(|(f, _)| *f == format).expect("rendered").1
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The NDJSON lines, each with the schema it must satisfy.
fn ndjson_lines(text: &str) -> Vec<(Value, Value)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| (parse(line), ndjson_line_schema(i + 1 == lines.len())))
        .collect()
}

#[test]
fn every_format_matches_its_snapshot() {
    for format in OutputFormat::ALL {
        insta::assert_snapshot!(format!("sample_run_{}", format.name()), sample_run(format));
    }
}

/// The SARIF log validates against the SARIF 2.1.0 schema (OASIS, errata 01,
/// vendored in `schema/`), and each result names its rule by index.
#[test]
fn the_sarif_report_satisfies_the_sarif_schema() {
    let text = std::fs::read_to_string(crate::util::root().join("schema/sarif-schema-2.1.0.json"))
        .expect("schema/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    let log = parse(sample_run(OutputFormat::Sarif));
    let errors = crate::schema::violations(&schema, &log);
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    let results = run["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "rolefit/file-error"));
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(Some(rules[i]), r["ruleId"].as_str(), "{r}");
    }
}

#[test]
fn the_json_and_ndjson_reports_satisfy_the_schema() {
    let json = parse(sample_run(OutputFormat::Json));
    assert_valid(&json);
    assert_eq!(
        json["results"].as_array().expect("results").len(),
        SAMPLE.len()
    );

    let lines = ndjson_lines(sample_run(OutputFormat::Ndjson));
    assert_eq!(
        lines.len(),
        SAMPLE.len() + 1,
        "a line per file, then the summary"
    );
    for (i, (line, line_schema)) in lines.iter().enumerate() {
        let errors = violations(line_schema, line);
        assert!(
            errors.is_empty(),
            "NDJSON line {}:\n{}",
            i + 1,
            errors.join("\n")
        );
    }
}

/// Every field a report writes is declared in the schema: a field added to the
/// output types without the schema fails here. Walked: the sample run (JSON and
/// NDJSON), the same run against a job posting, and results with every
/// optional field filled in, rendered by the library.
#[test]
fn every_field_of_a_report_is_declared_in_the_schema() {
    let mut reports: Vec<(String, Value, Value)> = vec![
        (
            "sample run, json".into(),
            parse(sample_run(OutputFormat::Json)),
            schema().clone(),
        ),
        (
            "sample run with --job, json".into(),
            parse(&render(
                OutputFormat::Json,
                &["--job", "fixtures/postings/production-technician.md"],
            )),
            schema().clone(),
        ),
        (
            "synthetic results, json".into(),
            parse(&crate::batch::synthetic::render(OutputFormat::Json)),
            schema().clone(),
        ),
    ];
    for (i, (line, line_schema)) in ndjson_lines(sample_run(OutputFormat::Ndjson))
        .into_iter()
        .enumerate()
    {
        reports.push((
            format!("sample run, ndjson line {}", i + 1),
            line,
            line_schema,
        ));
    }
    let mut problems = Vec::new();
    for (what, report, report_schema) in &reports {
        let errors = violations(report_schema, report);
        if !errors.is_empty() {
            problems.push(format!("{what}: invalid:\n  {}", errors.join("\n  ")));
        }
        let undeclared = undeclared_fields(report_schema, report);
        if !undeclared.is_empty() {
            problems.push(format!(
                "{what}: fields not declared in schema/report.schema.json: {}",
                undeclared.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The drift check itself: it names a field the schema does not declare, at
/// the top, inside a result and inside an array without an item schema.
#[test]
fn the_drift_check_names_undeclared_fields() {
    let mut report = parse(sample_run(OutputFormat::Json));
    report["new_top"] = Value::from(1);
    report["results"][0]["document"]["new_inner"] = Value::from(true);
    report["results"][0]["certifications"][0]["new_in_item"] = Value::from("x");
    let found = undeclared_fields(schema(), &report);
    for path in [
        "new_top",
        "results[].document.new_inner",
        "results[].certifications[].new_in_item",
    ] {
        assert!(found.contains(path), "{path} not found: {found:?}");
    }
    let untyped = serde_json::json!({"type": "object", "properties": {"list": {"type": "array"}}});
    let found = undeclared_fields(&untyped, &serde_json::json!({"list": [{"a": 1}]}));
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["list[].a"]);
}

/// The schema names every ATS risk id the library can report, and no other.
#[test]
fn the_schema_lists_every_ats_risk_id() {
    let ids: Vec<&str> = schema()["$defs"]["ats_finding"]["properties"]["id"]["enum"]
        .as_array()
        .expect("an enum of ids")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect();
    assert_eq!(ids, rolefit::ats::IDS);
}
