//! `rule-never-holds` names the smallest set of clauses that conflict,
//! through nested `all`, `any` and `not`: each case of
//! `tests/lint/conflicts.json` is a rule put on the goal service of the
//! rule-never-holds fixture; the finding's related places are the
//! expected clauses' pointers, and the clauses kept are each needed (the
//! rule with any one of them removed is not reported), and the help names
//! each of them by what it tests (its ages, adversities or fact).
#![cfg(test)]

use carepath::lint::{LintOptions, lint_with};
use serde_json::Value;

const BASE: &str = "/services/1/eligibility";

fn with_rule(rule: &Value) -> String {
    let mut doc: Value =
        serde_json::from_str(include_str!("lint/fixtures/rule-never-holds/good.json"))
            .expect("json");
    doc["services"][1]["eligibility"] = rule.clone();
    serde_json::to_string_pretty(&doc).expect("json")
}

fn never_holds(rule: &Value) -> Option<Vec<String>> {
    finding(rule).map(|(related, _)| related)
}

/// The places and the help of the `rule-never-holds` finding on `rule`.
fn finding(rule: &Value) -> Option<(Vec<String>, String)> {
    let report = lint_with(&with_rule(rule), &LintOptions::default());
    assert!(report.compiled, "{:?}", report.findings);
    report
        .findings
        .iter()
        .find(|d| d.code == "L0104" && d.location.pointer == BASE)
        .map(|d| (d.related.clone(), d.help.clone().unwrap_or_default()))
}

/// What a leaf clause tests, as the file writes it: the ages of an age
/// clause, the ids of an adversity test, the id of a fact.
fn tested(clause: &Value) -> Vec<String> {
    let strings = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            Some(Value::Object(m)) => m
                .values()
                .flat_map(|i| i.as_array())
                .flatten()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    if let Some(age) = clause.get("age") {
        ["from", "before"]
            .iter()
            .flat_map(|k| strings(age.get(*k)))
            .collect()
    } else if let Some(test) = clause.get("adversities") {
        strings(Some(test))
    } else if let Some(fact) = clause.get("fact") {
        strings(fact.get("id"))
    } else {
        Vec::new()
    }
}

/// Removes the value at `pointer` (relative to the rule) from its list.
fn without(rule: &Value, pointer: &str) -> Option<Value> {
    let (parent, index) = pointer.rsplit_once('/')?;
    let index: usize = index.parse().ok()?;
    let mut rule = rule.clone();
    rule.pointer_mut(parent)?.as_array_mut()?.remove(index);
    Some(rule)
}

#[test]
fn the_conflicting_clauses_are_named_through_nested_rules() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("lint/conflicts.json")).expect("conflicts.json");
    assert!(cases.len() >= 8);
    for case in &cases {
        let name = case["case"].as_str().unwrap_or_default();
        let rule = &case["rule"];
        let want: Vec<String> = case["related"]
            .as_array()
            .expect("related")
            .iter()
            .map(|p| format!("{BASE}{}", p.as_str().expect("pointer")))
            .collect();
        let (related, help) = finding(rule).unwrap_or_default();
        assert_eq!(related, want, "{name}");
        // Every clause named lies in the rule, and the help says what each
        // of several tests (one clause alone is the place itself).
        for p in &want {
            let clause = rule.pointer(&p[BASE.len()..]);
            assert!(clause.is_some(), "{name}: {p}");
            for word in clause
                .filter(|_| want.len() > 1)
                .map(tested)
                .unwrap_or_default()
            {
                assert!(help.contains(&word), "{name}: {p}: {word} in {help}");
            }
        }
        // In a case of one conjunction, each clause kept is needed.
        if !name.contains("any") {
            for p in &want {
                if let Some(smaller) = without(rule, &p[BASE.len()..]) {
                    assert_eq!(never_holds(&smaller), None, "{name}: without {p}");
                }
            }
        }
    }
}
