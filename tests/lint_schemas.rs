//! Held to independent validators (the `jsonschema` crate):
//! - the JSON Schema of the pathway format agrees with the engine: every
//!   file in which the engine finds a shape error, the schema rejects too,
//!   and it accepts every sound example;
//! - SARIF output is valid against the official SARIF 2.1.0 JSON Schema
//!   (`tests/lint/sarif-schema-2.1.0.json`, as shipped in the npm package
//!   `@microsoft/sarif-multitool-linux` 5.7.0).
#![cfg(feature = "schema")]

use carepath::lint::{CATALOGUE, LintOptions, lint_with};
use serde_json::{Value, json};

/// Shape errors: what a JSON Schema can see. Not here: `E0001` (not
/// JSON: no validator reads it), `E0010` (duplicate keys: a JSON reader
/// keeps one value, so no schema can see the other), and `E0108` / `E0109`
/// (the forms of ages and durations — compound ages, decimals, words — are
/// a grammar the engine reads; the schema describes them in words but a
/// pattern kept in step with it is not attempted).
const SHAPE: &[&str] = &[
    "E0005", "E0006", "E0007", "E0008", "E0009", "E0111", "E0112",
];

fn pathway_schema() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/pathway.schema.json")).expect("schema");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn shape_codes(text: &str) -> Vec<&'static str> {
    carepath::lint(text)
        .findings
        .iter()
        .map(|d| d.code)
        .filter(|c| SHAPE.contains(c))
        .collect()
}

#[test]
fn the_schema_rejects_every_shape_error_of_the_fixtures_and_accepts_the_good() {
    let schema = pathway_schema();
    let mut rejected = 0;
    for lint in CATALOGUE {
        let Some((bad, good)) = carepath::lint::examples(lint.name) else {
            continue;
        };
        let good_value: Value = serde_json::from_str(good).expect("good is JSON");
        assert!(
            schema.is_valid(&good_value),
            "schema rejects the good example of `{}`",
            lint.name
        );
        let Ok(bad_value) = serde_json::from_str::<Value>(bad) else {
            continue; // not JSON
        };
        let codes = shape_codes(bad);
        if !codes.is_empty() {
            assert!(
                !schema.is_valid(&bad_value),
                "schema accepts `{}` ({codes:?})",
                lint.name
            );
            rejected += 1;
        }
    }
    assert!(
        rejected >= SHAPE.len(),
        "only {rejected} fixtures with shape errors"
    );
}

#[test]
fn the_schema_rejects_what_the_issue_found_it_accepting() {
    let schema = pathway_schema();
    let base: Value =
        serde_json::from_str(include_str!("lint/fixtures/dead-end/good.json")).expect("json");
    type Mutation = fn(&mut Value);
    let cases: Vec<(&str, Mutation)> = vec![
        ("adversity test with two fields", |d| {
            d["services"][2]["eligibility"] = json!({"adversities": {"any_of": ["domestic_abuse"], "none_of": ["domestic_abuse"]}});
        }),
        ("fact test with no comparison", |d| {
            d["services"][2]["eligibility"] = json!({"fact": {"id": "first_time_parent"}});
        }),
        ("fact test with two comparisons", |d| {
            d["services"][2]["eligibility"] =
                json!({"fact": {"id": "first_time_parent", "equals": true, "one_of": [true]}});
        }),
        ("choice fact without values", |d| {
            d["vocabulary"]["facts"][0]["type"] = json!("choice");
        }),
        ("service with no regions", |d| {
            d["services"][0]["regions"] = json!([])
        }),
        ("an empty rule", |d| {
            d["services"][2]["eligibility"] = json!({})
        }),
        ("a tier `Specialist`", |d| {
            d["services"][2]["tier"] = json!("Specialist")
        }),
    ];
    assert!(schema.is_valid(&base));
    for (name, mutate) in cases {
        let mut doc = base.clone();
        mutate(&mut doc);
        let text = serde_json::to_string_pretty(&doc).expect("json");
        let report = carepath::lint(&text);
        assert!(report.has_errors(), "{name}: the engine accepts it");
        assert!(!schema.is_valid(&doc), "{name}: the schema accepts it");
    }
}

#[test]
fn the_shipped_pathway_and_the_test_fixture_are_valid() {
    let schema = pathway_schema();
    for text in [
        include_str!("../pathways/scotland.json"),
        include_str!("fixtures/small.json"),
    ] {
        let doc: Value = serde_json::from_str(text).expect("json");
        let errors: Vec<String> = schema.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema: Value =
        serde_json::from_str(include_str!("lint/sarif-schema-2.1.0.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let options = LintOptions::default().today("2026-11-25");
    let reports: Vec<(String, carepath::Report)> = CATALOGUE
        .iter()
        .filter_map(|l| carepath::lint::examples(l.name).map(|(bad, _)| (l.name, bad)))
        .map(|(name, bad)| {
            (
                format!("tests/lint/fixtures/{name}/bad.json"),
                lint_with(bad, &options),
            )
        })
        .collect();
    let files: Vec<(&str, &carepath::Report)> =
        reports.iter().map(|(n, r)| (n.as_str(), r)).collect();
    let log = carepath::sarif::log(&files);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    // Stable rule ids, each described; every result points at its rule.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), CATALOGUE.len());
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(rules[index]["shortDescription"]["text"].is_string());
        assert!(rules[index]["fullDescription"]["text"].is_string());
    }
    // A deliberately broken log is refused: the validator is not a no-op.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = json!("info");
    assert!(!validator.is_valid(&broken));
}
