//! Held to independent validators (the `jsonschema` crate):
//! - the JSON Schema of the pathway format agrees with the engine: every
//!   file in which the engine finds a shape error, the schema rejects too,
//!   and it accepts every sound example;
//! - SARIF output is valid against the official SARIF 2.1.0 JSON Schema
//!   (`tests/lint/sarif-schema-2.1.0.json`, as shipped in the npm package
//!   `@microsoft/sarif-multitool-linux` 5.7.0).
#![cfg(feature = "schema")]
#![cfg(test)]

use carepath::age::{AgeError, parse_age, parse_duration};
use carepath::lint::{CATALOGUE, LintOptions, lint_with};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Shape errors: what a JSON Schema can see. Not here: `E0001` (not
/// JSON: no validator reads it) and `E0010` (duplicate keys: a JSON reader
/// keeps one value, so no schema can see the other). `E0108` / `E0109`
/// (malformed ages and durations) are here: the schema's patterns follow
/// the grammar, and the gestation range; the other ranges (past 18 years,
/// past 150 years) are sums a pattern cannot add, checked below apart.
const SHAPE: &[&str] = &[
    "E0005", "E0006", "E0007", "E0008", "E0009", "E0108", "E0109", "E0111", "E0112",
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

/// A validator of one string field of the committed schema, by its
/// place under `$defs`.
fn field(def: &str, property: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/pathway.schema.json")).expect("schema");
    let pattern = schema["$defs"][def]["properties"][property]["pattern"]
        .as_str()
        .unwrap_or_else(|| panic!("no pattern for {def}.{property}"));
    jsonschema::validator_for(&json!({"type": "string", "pattern": pattern})).expect("a pattern")
}

/// What the loader says of an age: `Some(true)` read, `Some(false)` not an
/// age in form or in gestation range, `None` past the after-birth range
/// (a sum: no pattern can check it).
fn loader_age(text: &str) -> Option<bool> {
    match parse_age(text) {
        Ok(_) => Some(true),
        Err(AgeError::AgeOutOfRange { .. }) => None,
        Err(_) => Some(false),
    }
}

fn loader_duration(text: &str) -> Option<bool> {
    match parse_duration(text) {
        Ok(_) => Some(true),
        Err(AgeError::TooLarge { .. }) => None,
        Err(_) => Some(false),
    }
}

/// Hand-picked ages and durations, each with the verdict both must give.
const AGES: &[(&str, bool)] = &[
    ("pregnancy", true),
    ("Conception", true),
    (" birth ", true),
    ("NEWBORN", true),
    ("12 weeks gestation", true),
    ("32 weeks pregnant", true),
    ("32+3 weeks gestation", true),
    ("32 weeks 3 days pregnant", true),
    ("44 weeks gestation", true),
    ("44+0 weeks gestation", true),
    ("0 weeks gestation", true),
    ("6 weeks old", true),
    ("7 months", true),
    ("1.5 years", true),
    ("2.25 months", true),
    ("2 years 11 months", true),
    ("1 year, 2 weeks and 3 days", true),
    ("1 Year 2 Weeks", true),
    ("3 days old", true),
    ("6 wks", false),
    ("six weeks", false),
    ("6weeks", false),
    ("6 weeks 2 years", false),
    ("6 weeks 6 weeks", false),
    ("1. years", false),
    (".5 years", false),
    ("1.555 years", false),
    ("-3 days", false),
    ("44+1 weeks gestation", false),
    ("45 weeks pregnant", false),
    ("32+7 weeks gestation", false),
    ("32 weeks gestation old", false),
    ("6 weeks old old", false),
    ("old", false),
    ("and", false),
    ("", false),
    ("1.5 weeks gestation", false),
    ("birth old", false),
    ("6 weekss", false),
];

const DURATIONS: &[(&str, bool)] = &[
    ("0 days", true),
    ("18 weeks", true),
    ("1 month", true),
    ("1 week 3 days", true),
    ("1 week and 3 days", true),
    ("2 Years", true),
    ("6 wks", false),
    ("4 weeks old", false),
    ("pregnancy", false),
    ("birth", false),
    ("3 days 1 week", false),
    ("weeks", false),
    ("5", false),
];

#[test]
fn the_patterns_agree_with_the_loader_on_chosen_ages_and_durations() {
    for (def, property) in [("AgeRangeDoc", "from"), ("AgeRangeDoc", "before")] {
        let v = field(def, property);
        for &(text, ok) in AGES {
            assert_eq!(loader_age(text), Some(ok), "loader: `{text}`");
            assert_eq!(v.is_valid(&json!(text)), ok, "{def}.{property}: `{text}`");
        }
    }
    for (def, property) in [
        ("WaitDoc", "typical"),
        ("WaitDoc", "pessimistic"),
        ("ReferralDoc", "delay"),
    ] {
        let v = field(def, property);
        for &(text, ok) in DURATIONS {
            assert_eq!(loader_duration(text), Some(ok), "loader: `{text}`");
            assert_eq!(v.is_valid(&json!(text)), ok, "{def}.{property}: `{text}`");
        }
    }
}

#[test]
fn a_file_with_a_malformed_wait_is_refused_by_both() {
    let schema = pathway_schema();
    let mut doc: Value =
        serde_json::from_str(include_str!("lint/fixtures/dead-end/good.json")).expect("json");
    doc["services"][0]["wait"] = json!({"typical": "6 wks"});
    let text = serde_json::to_string_pretty(&doc).expect("json");
    let codes: Vec<&str> = carepath::lint(&text)
        .findings
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&"E0109"), "{codes:?}");
    assert!(!schema.is_valid(&doc));
    doc["services"][0]["wait"] = json!({"typical": "6 weeks"});
    assert!(schema.is_valid(&doc));
}

/// Random texts made of the grammar's tokens, and some that are not.
fn token_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "0",
        "6",
        "12",
        "32+3",
        "44",
        "44+0",
        "44+1",
        "45",
        "1.5",
        "2.25",
        "1.",
        "007",
        "3",
        "weeks",
        "Week",
        "days",
        "day",
        "months",
        "month",
        "years",
        "YEAR",
        "gestation",
        "pregnant",
        "old",
        "and",
        "birth",
        "pregnancy",
        "newborn",
        "wks",
        "+",
        "s",
    ]);
    let sep = prop::sample::select(vec![" ", "  ", ", ", ",", "\t"]);
    (prop::collection::vec((token, sep), 1..6), prop::bool::ANY).prop_map(|(parts, pad)| {
        let mut s = String::new();
        for (i, (t, sep)) in parts.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(t);
        }
        if pad { format!(" {s} ") } else { s }
    })
}

static AGE: std::sync::LazyLock<jsonschema::Validator> =
    std::sync::LazyLock::new(|| field("AgeRangeDoc", "from"));
static DURATION: std::sync::LazyLock<jsonschema::Validator> =
    std::sync::LazyLock::new(|| field("WaitDoc", "typical"));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_patterns_agree_with_the_loader_on_random_texts(text in token_text()) {
        let (age, duration) = (&*AGE, &*DURATION);
        if let Some(ok) = loader_age(&text) {
            prop_assert_eq!(age.is_valid(&json!(text)), ok, "age `{}`", text);
        }
        if let Some(ok) = loader_duration(&text) {
            prop_assert_eq!(duration.is_valid(&json!(text)), ok, "duration `{}`", text);
        }
    }
}
