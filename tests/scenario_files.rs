//! Scenario files (`carepath::testing::scenario`): each expectation holds
//! when it should and fails, with its own key, when it should not.
#![cfg(test)]

use carepath::Pathway;
use carepath::testing::scenario::{ScenarioFile, run};

fn pathway() -> Pathway {
    match Pathway::from_json(include_str!("fixtures/small.json")) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

/// (family, query, expect, the expectation keys that fail — empty: passes).
const CASES: &[(&str, &str, &str, &[&str])] = &[
    // The East family at 3 months: health visitor → IMH East.
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"reaches":["imh-east","hv-east"]}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"reaches":["imh-west"]}"#,
        &["reaches"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"avoids":["imh-west"]}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"avoids":["imh-east"]}"#,
        &["avoids"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"first_route":["hv-east","imh-east"]}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"first_route":["imh-east"]}"#,
        &["first_route"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"first_route_ends_at":"imh-east"}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"first_route_ends_at":"imh-west"}"#,
        &["first_route_ends_at"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"no_route":false}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"no_route":true}"#,
        &["no_route"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"days_to_goal_at_most":49}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"days_to_goal_at_most":48}"#,
        &["days_to_goal_at_most"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"not_reached":{"imh-west":"not_in_region"}}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"not_reached":{"imh-west":"not_eligible"}}"#,
        &["not_reached"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"not_reached":{"imh-east":"not_eligible"}}"#,
        &["not_reached"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"not_listed":["imh-east"]}"#,
        &[],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"not_listed":["imh-west"]}"#,
        &["not_listed"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"complete":false}"#,
        &["complete"],
    ),
    // Unknown services fail before the question is asked.
    (
        r#"{"age":"3 months","region":"east"}"#,
        "{}",
        r#"{"avoids":["imh-eats"],"reaches":["nope"]}"#,
        &["service", "service"],
    ),
    // A question that cannot be answered fails as `query`.
    (
        r#"{"age":"3 months","region":"eats"}"#,
        "{}",
        "{}",
        &["query"],
    ),
    (
        r#"{"age":"3 months","region":"east"}"#,
        r#"{"limit":0}"#,
        "{}",
        &["query"],
    ),
    // A West family: no route to IMH East, which is outside their area.
    (
        r#"{"age":"3 months","region":"west"}"#,
        r#"{"goal":{"services":["imh-east"]}}"#,
        r#"{"no_route":true,"not_reached":{"imh-east":"not_in_region"}}"#,
        &[],
    ),
];

#[test]
fn each_expectation_passes_and_fails_as_it_should() {
    let pathway = pathway();
    let mut scenarios = Vec::new();
    for (i, (family, query, expect, _)) in CASES.iter().enumerate() {
        scenarios.push(format!(
            r#"{{"name":"case {i}","family":{family},"query":{query},"expect":{expect}}}"#
        ));
    }
    let text = format!(r#"{{"scenarios":[{}]}}"#, scenarios.join(","));
    let file = match ScenarioFile::from_json(&text) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    let report = run(&pathway, &file);
    assert_eq!(report.cases.len(), CASES.len());
    for (case, (_, _, expect, failing)) in report.cases.iter().zip(CASES) {
        let keys: Vec<&str> = case
            .mismatches
            .iter()
            .map(|m| m.expectation.as_str())
            .collect();
        assert_eq!(
            &keys, failing,
            "{} ({expect}): {:?}",
            case.name, case.mismatches
        );
    }
    let failed = CASES.iter().filter(|c| !c.3.is_empty()).count();
    assert_eq!(
        (report.passed, report.failed),
        (CASES.len() - failed, failed)
    );
    let text = report.to_text();
    assert!(text.contains("test case 0 ... ok\n"), "{text}");
    assert!(
        text.contains("test case 1 ... FAILED\n    reaches:\n"),
        "{text}"
    );
    assert!(text.ends_with(&format!(
        "{} passed, {failed} failed\n",
        CASES.len() - failed
    )));
}

#[test]
fn malformed_scenario_files_are_located_errors() {
    for (text, line) in [
        ("{", 1),
        ("{\n\"scenarios\": [ { \"name\": \"x\" } ]\n}", 2),
        ("{\"scenarios\": [], \"pathway\": 3}", 1),
        ("{\n\"scenarios\": [],\n\"extra\": true}", 3),
    ] {
        match ScenarioFile::from_json(text) {
            Err(carepath::testing::scenario::ScenarioError::Syntax { line: l, .. }) => {
                assert_eq!(l, line, "{text}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    // A byte-order mark is not an error.
    assert!(ScenarioFile::from_json("\u{feff}{\"scenarios\": []}").is_ok());
}

#[test]
fn report_round_trips_through_json() {
    let file = match ScenarioFile::from_json(
        r#"{"scenarios":[{"name":"n","family":{"age":"3 months","region":"east"},"expect":{"reaches":["imh-west"]}}]}"#,
    ) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    let report = run(&pathway(), &file);
    let json = serde_json::to_string(&report).unwrap_or_default();
    let back: carepath::testing::scenario::ScenarioReport =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(back, report);
    let again = ScenarioFile::from_json(&serde_json::to_string(&file).unwrap_or_default());
    assert_eq!(again.ok(), Some(file));
}

/// (lint expectations, the keys that fail — empty: passes). The fixture's
/// services but the first cite no source (`L0302`); every service is
/// reached (no `L0105`).
const LINT_CASES: &[(&str, &[&str])] = &[
    (r#"{"present":["L0302"]}"#, &[]),
    (r#"{"present":["service-without-sources"]}"#, &[]),
    (r#"{"absent":["L0105","unreachable-goal"]}"#, &[]),
    (r#"{"present":["L0105"]}"#, &["lint.present"]),
    (r#"{"absent":["L0302"]}"#, &["lint.absent"]),
    (
        r#"{"present":["L0302","L0105"],"absent":["L0302"]}"#,
        &["lint.present", "lint.absent"],
    ),
    // A misspelt lint is a failure, not an `absent` that passes for ever.
    (r#"{"absent":["unreachable-servce"]}"#, &["lint.absent"]),
];

#[test]
fn lint_expectations_pass_and_fail_as_they_should() {
    let p = pathway();
    for (lint, failing) in LINT_CASES {
        let text = format!(r#"{{"scenarios": [], "lint": {lint}}}"#);
        let file = ScenarioFile::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        let report = run(&p, &file);
        assert_eq!(report.cases.len(), 1, "{lint}");
        assert_eq!(report.cases[0].name, "lint");
        let keys: Vec<&str> = report.cases[0]
            .mismatches
            .iter()
            .map(|m| m.expectation.as_str())
            .collect();
        assert_eq!(&keys, failing, "{lint}");
        assert_eq!(report.failed, usize::from(!failing.is_empty()), "{lint}");
    }
}

#[test]
fn a_file_without_lint_expectations_does_not_lint() {
    let file = ScenarioFile::from_json(r#"{"scenarios": []}"#).unwrap_or_else(|e| panic!("{e}"));
    assert!(run(&pathway(), &file).cases.is_empty());
}
