//! The report's JSON Schema (`schema/report.schema.json`): validating a report
//! against it, and finding the fields a report writes that the schema does not
//! declare (drift between the Rust output types and the schema).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::root;

/// The shipped schema.
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = root().join("schema/report.schema.json");
        let text = std::fs::read_to_string(&path).expect("schema/report.schema.json");
        serde_json::from_str(&text).expect("the schema is JSON")
    })
}

/// The schema for one NDJSON line: a result (`#/$defs/result`), or the last
/// line, which is the JSON report without its `results`.
pub fn ndjson_line_schema(last: bool) -> Value {
    let root = schema();
    if last {
        let mut summary = root.clone();
        summary["required"] = root["required"]
            .as_array()
            .expect("required")
            .iter()
            .filter(|r| *r != "results")
            .cloned()
            .collect();
        summary["properties"]
            .as_object_mut()
            .expect("properties")
            .remove("results");
        summary
    } else {
        with_defs(&serde_json::json!({"$ref": "#/$defs/result"}))
    }
}

/// Every way `report` breaks `schema`, one line each (empty when valid).
pub fn violations(schema: &Value, report: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Panics, listing every violation, unless `report` is valid against the
/// shipped schema.
pub fn assert_valid(report: &Value) {
    let errors = violations(schema(), report);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
}

/// The paths (`results[].level.jobs[].title`) of the object fields in
/// `instance` that no `properties` of the subschemas applying there declares.
pub fn undeclared_fields(schema: &Value, instance: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    walk(schema, instance, "", &mut found);
    found
}

fn walk(schema: &Value, instance: &Value, path: &str, found: &mut BTreeSet<String>) {
    let applicable = applicable(schema, instance);
    match instance {
        Value::Object(fields) => {
            for (key, value) in fields {
                let field_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let declared: Vec<Value> = applicable
                    .iter()
                    .filter_map(|s| s.get("properties")?.get(key).cloned())
                    .collect();
                if declared.is_empty() {
                    found.insert(field_path);
                    continue;
                }
                for sub in &declared {
                    walk(sub, value, &field_path, found);
                }
            }
        }
        Value::Array(items) => {
            let item_schemas: Vec<Value> = applicable
                .iter()
                .filter_map(|s| s.get("items").cloned())
                .collect();
            let item_path = format!("{path}[]");
            for item in items {
                if item_schemas.is_empty() {
                    // No schema for the items: any field in them is undeclared.
                    walk(&Value::Bool(true), item, &item_path, found);
                }
                for sub in &item_schemas {
                    walk(sub, item, &item_path, found);
                }
            }
        }
        _ => {}
    }
}

/// `schema` and every subschema that applies to `instance` at the same place:
/// `$ref` targets, `allOf`, the `anyOf`/`oneOf` branches `instance` matches,
/// and `then` or `else` as `if` decides.
fn applicable(schema: &Value, instance: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    collect(schema, instance, &mut out);
    out
}

fn collect(schema: &Value, instance: &Value, out: &mut Vec<Value>) {
    let Value::Object(keywords) = schema else {
        return;
    };
    out.push(schema.clone());
    if let Some(Value::String(reference)) = keywords.get("$ref") {
        collect(&resolve(reference), instance, out);
    }
    if let Some(Value::Array(all)) = keywords.get("allOf") {
        for sub in all {
            collect(sub, instance, out);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = keywords.get(key) {
            for sub in branches {
                if matches(sub, instance) {
                    collect(sub, instance, out);
                }
            }
        }
    }
    if let Some(condition) = keywords.get("if") {
        let branch = if matches(condition, instance) {
            "then"
        } else {
            "else"
        };
        if let Some(sub) = keywords.get(branch) {
            collect(sub, instance, out);
        }
    }
}

/// The subschema a local `$ref` (`#/$defs/result`) points to.
fn resolve(reference: &str) -> Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("only local references are supported: {reference}"));
    schema()
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{reference} points nowhere in the schema"))
        .clone()
}

/// Whether `instance` is valid against the subschema `schema`.
fn matches(schema: &Value, instance: &Value) -> bool {
    jsonschema::is_valid(&with_defs(schema), instance)
}

/// `schema` with the shipped schema's `$defs`, so its local references resolve.
fn with_defs(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Value::Object(keywords) = &mut schema {
        keywords.insert("$defs".into(), self::schema()["$defs"].clone());
    }
    schema
}
