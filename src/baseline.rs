//! Comparing with an earlier report (`check --baseline OLD.json`, and
//! `rolefit diff`): which requirements a resume newly misses, which it now
//! meets, and how its score moved. A resume is worse when it misses a
//! requirement it met before or loses more than the tolerance in score.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::check::Checked;

/// What an earlier report said about one resume.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Before {
    pub score: u32,
    /// The ids of the requirements it did not meet.
    pub gaps: BTreeSet<String>,
}

impl Before {
    /// The state of a checked resume.
    pub fn of(checked: &Checked) -> Before {
        Before {
            score: checked.score,
            gaps: checked.gaps.iter().map(|g| g.requirement.clone()).collect(),
        }
    }
}

/// An earlier report's checked resumes, by path.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    by_path: HashMap<String, Before>,
    /// Score points a resume may lose before it counts as worse.
    pub tolerance: u32,
}

/// How a resume compares with its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub score_before: u32,
    pub score_delta: i64,
    /// Requirements missed now and met before.
    pub new_gaps: Vec<String>,
    /// Requirements met now and missed before.
    pub fixed_gaps: Vec<String>,
    /// Missed before and now.
    pub unchanged_gaps: usize,
    /// A new gap, or a score drop beyond the tolerance.
    pub worse: bool,
}

impl Baseline {
    /// Reads a JSON report (`--format json`) or an NDJSON one.
    pub fn from_report(text: &str, tolerance: u32) -> Result<Baseline, String> {
        let results: Vec<Value> = match serde_json::from_str::<Value>(text) {
            Ok(report) => report
                .get("results")
                .and_then(Value::as_array)
                .cloned()
                .ok_or("not a rolefit JSON report: it has no \"results\" array")?,
            Err(json_error) => {
                let lines: Result<Vec<Value>, _> = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(serde_json::from_str)
                    .collect();
                lines
                    .map_err(|_| format!("not a rolefit JSON or NDJSON report: {json_error}"))?
                    .into_iter()
                    .filter(|v| v.get("path").is_some())
                    .collect()
            }
        };
        let mut by_path = HashMap::new();
        for r in &results {
            let (Some(path), Some(score)) = (
                r.get("path").and_then(Value::as_str),
                r.get("score").and_then(Value::as_u64),
            ) else {
                continue; // a file the earlier run could not check
            };
            let gaps = r
                .get("gaps")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|g| g.get("requirement").and_then(Value::as_str))
                .map(str::to_string)
                .collect();
            let score = u32::try_from(score).unwrap_or(u32::MAX);
            by_path.insert(path.to_string(), Before { score, gaps });
        }
        Ok(Baseline { by_path, tolerance })
    }

    /// The earlier state of the resume at `path`, if the report had it.
    pub fn get(&self, path: &str) -> Option<&Before> {
        self.by_path.get(path)
    }

    /// Every checked resume of the report, by path, in path order.
    pub fn resumes(&self) -> Vec<(&str, &Before)> {
        let mut all: Vec<(&str, &Before)> =
            self.by_path.iter().map(|(p, b)| (p.as_str(), b)).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// How many checked resumes the report holds.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// One resume of `rolefit diff`: where its two versions are and how they compare.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub old: String,
    pub new: String,
    pub score: u32,
    #[serde(flatten)]
    pub comparison: Comparison,
}

/// The resumes two reports share, compared (matched by path), and the
/// paths only one of them has.
pub fn compare_reports(old: &Baseline, new: &Baseline) -> (Vec<Change>, Vec<String>, Vec<String>) {
    let mut changes = Vec::new();
    let mut added = Vec::new();
    for (path, now) in new.resumes() {
        match old.get(path) {
            Some(before) => changes.push(Change {
                old: path.to_string(),
                new: path.to_string(),
                score: now.score,
                comparison: compare(before, now, old.tolerance),
            }),
            None => added.push(path.to_string()),
        }
    }
    let removed = old
        .resumes()
        .into_iter()
        .filter(|(p, _)| new.get(p).is_none())
        .map(|(p, _)| p.to_string())
        .collect();
    (changes, added, removed)
}

/// Compares a resume's state now with its state before.
pub fn compare(before: &Before, now: &Before, tolerance: u32) -> Comparison {
    let new_gaps: Vec<String> = now.gaps.difference(&before.gaps).cloned().collect();
    let fixed_gaps: Vec<String> = before.gaps.difference(&now.gaps).cloned().collect();
    let unchanged_gaps = now.gaps.intersection(&before.gaps).count();
    let score_delta = i64::from(now.score) - i64::from(before.score);
    Comparison {
        score_before: before.score,
        score_delta,
        worse: !new_gaps.is_empty() || score_delta < -i64::from(tolerance),
        new_gaps,
        fixed_gaps,
        unchanged_gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(score: u32, gaps: &[&str]) -> Before {
        Before {
            score,
            gaps: gaps.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn new_gaps_and_score_drops_are_worse() {
        let old = before(72, &["skill.troubleshooting", "cert.cpt"]);
        let same = compare(&old, &before(71, &["cert.cpt", "skill.troubleshooting"]), 2);
        assert!(!same.worse);
        assert_eq!(same.unchanged_gaps, 2);
        let fixed = compare(&old, &before(80, &["cert.cpt"]), 2);
        assert_eq!(fixed.fixed_gaps, ["skill.troubleshooting"]);
        assert!(!fixed.worse);
        let lost = compare(
            &old,
            &before(72, &["cert.cpt", "skill.troubleshooting", "education"]),
            2,
        );
        assert_eq!(lost.new_gaps, ["education"]);
        assert!(lost.worse);
        let dropped = compare(&old, &before(69, &["cert.cpt", "skill.troubleshooting"]), 2);
        assert_eq!(dropped.score_delta, -3);
        assert!(dropped.worse);
    }

    #[test]
    fn reads_json_and_ndjson_reports() {
        let json = r#"{"results": [
            {"path": "a.txt", "score": 70, "gaps": [{"requirement": "cert.cpt"}]},
            {"path": "broken.pdf", "status": "error"}
        ]}"#;
        let b = Baseline::from_report(json, 0).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(b.get("a.txt"), Some(&before(70, &["cert.cpt"])));
        let ndjson = "{\"path\": \"a.txt\", \"score\": 70, \"gaps\": []}\n{\"summary\": {}}\n";
        assert_eq!(
            Baseline::from_report(ndjson, 0).unwrap().get("a.txt"),
            Some(&before(70, &[]))
        );
        assert!(Baseline::from_report("not json", 0).is_err());
        assert!(Baseline::from_report("{\"x\": 1}", 0).is_err());
    }
}
