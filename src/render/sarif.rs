//! Lint reports as SARIF 2.1.0, the format code-scanning services read:
//! one run, the catalogue as `tool.driver.rules` (stable `ruleId` = the
//! code), one result per finding with its file, start and end.
//!
//! May use: `lint` and the stages below it.

use serde_json::{Map, Value, json};

use crate::diagnostic::Severity;
use crate::lint::{CATALOGUE, Report};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF 2.1.0 log of the reports on `files`, each given by its
/// repository-relative path (used as `artifactLocation.uri`).
///
/// ```
/// let report = carepath::lint("{");
/// let log = carepath::sarif::log(&[("pathways/draft.json", &report)]);
/// assert_eq!(log["version"], "2.1.0");
/// let result = &log["runs"][0]["results"][0];
/// assert_eq!(result["ruleId"], "E0001");
/// assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "pathways/draft.json");
/// ```
#[must_use]
pub fn log(files: &[(&str, &Report)]) -> Value {
    let rules: Vec<Value> = CATALOGUE
        .iter()
        .map(|l| {
            json!({
                "id": l.code,
                "name": l.name,
                "shortDescription": { "text": l.summary },
                "fullDescription": { "text": format!("{}: {}", l.summary, l.why) },
                "help": { "text": format!("{} (`carepath explain {}`)", l.fix, l.name) },
                "defaultConfiguration": {
                    "level": l.default.map_or("none", level),
                    "enabled": l.default.is_some(),
                },
                "properties": { "tags": [l.group.as_str()] },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (uri, report) in files {
        for d in &report.findings {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            if let Some(example) = &d.example {
                message.push_str(&format!("\nexample: {example}"));
            }
            let loc = &d.location;
            let mut physical = Map::new();
            physical.insert("artifactLocation".into(), json!({ "uri": uri }));
            if loc.line > 0 {
                let mut region = Map::new();
                region.insert("startLine".into(), json!(loc.line));
                region.insert("startColumn".into(), json!(loc.column));
                if loc.end_line > loc.line
                    || (loc.end_line == loc.line && loc.end_column > loc.column)
                {
                    region.insert("endLine".into(), json!(loc.end_line));
                    region.insert("endColumn".into(), json!(loc.end_column));
                }
                physical.insert("region".into(), Value::Object(region));
            }
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(d.code));
            if let Some(index) = CATALOGUE.iter().position(|l| l.code == d.code) {
                result.insert("ruleIndex".into(), json!(index));
            }
            result.insert("level".into(), json!(level(d.severity)));
            result.insert("message".into(), json!({ "text": message }));
            result.insert(
                "locations".into(),
                json!([{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "fullyQualifiedName": loc.pointer, "kind": "element" }],
                }]),
            );
            let result = Value::Object(result);
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "carepath",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/carepath",
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
