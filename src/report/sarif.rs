//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps,
//! any SARIF viewer). Every unmet requirement of a resume is a result of the
//! rule named by its requirement id; a file that could not be checked and a
//! score below `--min-score` are results of two fixed rules. The level
//! follows the requirement's severity: `required` → error, `recommended` →
//! warning, `nice` → note.
//!
//! A resume has no source line for a missing requirement, so each result
//! points at the file's first line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Reporter, RunInfo};
use crate::check::FileResult;
use crate::rules::Severity;
use crate::run::Summary;

/// The rule of a file that could not be checked.
const FILE_ERROR: &str = "rolefit/file-error";
/// The rule of a score below `--min-score`.
const MIN_SCORE: &str = "rolefit/min-score";
/// The rule of a resume worse than in `--baseline`.
const WORSE: &str = "rolefit/worse-than-baseline";

/// Keeps the results and writes one SARIF log at the end.
pub struct SarifReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    /// Rule id → (level, what to do about it), in id order.
    rules: BTreeMap<String, (&'static str, String)>,
    results: Vec<Value>,
}

impl<'a> SarifReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        let mut rules = BTreeMap::new();
        rules.insert(
            FILE_ERROR.to_string(),
            (
                "error",
                "The file could not be checked: see the message for why.".to_string(),
            ),
        );
        rules.insert(
            WORSE.to_string(),
            (
                "error",
                "The resume misses a requirement it met in --baseline, or lost score.".to_string(),
            ),
        );
        rules.insert(
            MIN_SCORE.to_string(),
            (
                "error",
                "The resume scores below --min-score: fix the gaps reported with it.".to_string(),
            ),
        );
        SarifReporter {
            out,
            run,
            rules,
            results: Vec::new(),
        }
    }
}

/// The SARIF level of a requirement's severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Required => "error",
        Severity::Recommended => "warning",
        Severity::Nice => "note",
    }
}

/// A file path as a SARIF URI reference: `/` separators, and every byte
/// outside the unreserved set and `/` percent-encoded.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One result on the first line of `path`.
fn result(rule: &str, level: &str, message: String, path: &str) -> Value {
    json!({
        "ruleId": rule,
        "level": level,
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri_reference(path) },
                "region": { "startLine": 1 }
            }
        }],
        "partialFingerprints": { "rolefit/v1": format!("{path}:{rule}") }
    })
}

impl Reporter for SarifReporter<'_> {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        let Some(c) = r.checked.as_deref() else {
            let message = r.error.as_ref().map_or_else(
                || "could not be checked".to_string(),
                |e| format!("{}: {}", e.kind.as_str(), e.message),
            );
            self.results
                .push(result(FILE_ERROR, "error", message, &r.path));
            return Ok(());
        };
        if let Some(b) = c.baseline.as_ref().filter(|b| b.worse) {
            let message = format!(
                "Score {} → {} against --baseline; newly missing: {}.",
                b.score_before,
                c.score,
                if b.new_gaps.is_empty() {
                    "nothing".to_string()
                } else {
                    b.new_gaps.join(", ")
                }
            );
            self.results.push(result(WORSE, "error", message, &r.path));
        }
        if self.run.min_score.is_some_and(|m| c.score < m) {
            let message = format!(
                "Score {}/100 as {} is below --min-score {}.",
                c.score,
                c.role.name,
                self.run
                    .min_score
                    .map(|m| m.to_string())
                    .unwrap_or_default()
            );
            self.results
                .push(result(MIN_SCORE, "error", message, &r.path));
        }
        for g in &c.gaps {
            let level = level(g.severity);
            self.rules
                .entry(g.requirement.clone())
                .or_insert_with(|| (level, g.advice.clone()));
            let message = format!("{} ({}). {}", g.message, g.severity.as_str(), g.advice);
            self.results
                .push(result(&g.requirement, level, message, &r.path));
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let index: BTreeMap<&str, usize> = self
            .rules
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|(id, (level, text))| {
                json!({
                    "id": id,
                    "shortDescription": { "text": format!("{id} is not met") },
                    "help": { "text": text },
                    "defaultConfiguration": { "level": level }
                })
            })
            .collect();
        let mut results = std::mem::take(&mut self.results);
        for r in &mut results {
            let i = r["ruleId"].as_str().and_then(|id| index.get(id)).copied();
            if let (Some(i), Some(obj)) = (i, r.as_object_mut()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
        }
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": self.run.tool.name,
                    "version": self.run.tool.version,
                    "rules": rules
                }},
                "results": results,
                "properties": {
                    "as_of": self.run.as_of,
                    "min_score": self.run.min_score
                }
            }]
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri_reference("resumes/Jane Doe.pdf"),
            "resumes/Jane%20Doe.pdf"
        );
        assert_eq!(uri_reference(r"a\b#c.txt"), "a/b%23c.txt");
        assert_eq!(uri_reference("Żółw.md"), "%C5%BB%C3%B3%C5%82w.md");
    }
}
