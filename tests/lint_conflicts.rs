//! `rule-never-holds` names the smallest set of clauses that conflict,
//! through nested `all`, `any` and `not`: each case of
//! `tests/lint/conflicts.json` is a rule put on the goal service of the
//! rule-never-holds fixture; the finding's related places are the
//! expected clauses' pointers, and the clauses kept are each needed (the
//! rule with any one of them removed is not reported).
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
    let report = lint_with(&with_rule(rule), &LintOptions::default());
    assert!(report.compiled, "{:?}", report.findings);
    report
        .findings
        .iter()
        .find(|d| d.code == "L0104" && d.location.pointer == BASE)
        .map(|d| d.related.clone())
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
        assert_eq!(never_holds(rule), Some(want.clone()), "{name}");
        // Every clause named lies in the rule.
        for p in &want {
            assert!(rule.pointer(&p[BASE.len()..]).is_some(), "{name}: {p}");
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
