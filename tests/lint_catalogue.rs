//! The lint catalogue, data-driven: every lint has a bad and a good
//! example under `tests/lint/fixtures/NAME/`; the bad one gives exactly the
//! findings of that lint listed in `tests/lint/expected.json` (code,
//! pointer, line, column), the good one none of them and no error at all.
//! The module page lists every code, and `explain` has a page for each.

use std::collections::BTreeMap;

use carepath::lint::{CATALOGUE, LintOptions, lint_with};

/// Codes without a fixture: a file too large, not UTF-8 or unreadable, and
/// a rule past the size limit (thousands of clauses) are no examples to
/// read. Their tests are in `tests/bad_input.rs`, `tests/hostile.rs` and
/// `tests/cli.rs`.
const NO_FIXTURE: &[&str] = &["E0002", "E0003", "E0004", "E0118"];

type Expected = BTreeMap<String, Vec<(String, String, usize, usize)>>;

fn options() -> LintOptions {
    LintOptions::default().today("2026-11-25")
}

#[test]
fn every_lint_has_fixtures_with_the_expected_findings() {
    let expected: Expected =
        serde_json::from_str(include_str!("lint/expected.json")).expect("expected.json");
    let mut checked = 0;
    for lint in CATALOGUE {
        if NO_FIXTURE.contains(&lint.code) {
            assert!(carepath::lint::examples(lint.name).is_none());
            continue;
        }
        let (bad, good) = carepath::lint::examples(lint.name)
            .unwrap_or_else(|| panic!("no fixtures for `{}`", lint.name));
        let want = expected
            .get(lint.name)
            .unwrap_or_else(|| panic!("no expected findings for `{}`", lint.name));
        assert!(
            !want.is_empty(),
            "`{}`: the bad example must show it",
            lint.name
        );
        let got: Vec<(String, String, usize, usize)> = lint_with(bad, &options())
            .findings
            .iter()
            .filter(|d| d.code == lint.code)
            .map(|d| {
                assert_eq!(d.name, lint.name);
                (
                    d.code.to_owned(),
                    d.location.pointer.clone(),
                    d.location.line,
                    d.location.column,
                )
            })
            .collect();
        assert_eq!(&got, want, "bad example of `{}`", lint.name);
        let report = lint_with(good, &options());
        assert!(
            report.findings.iter().all(|d| d.code != lint.code),
            "good example of `{}`: {:?}",
            lint.name,
            report.findings
        );
        assert!(
            !report.has_errors(),
            "good example of `{}`: {:?}",
            lint.name,
            report.findings
        );
        assert!(report.compiled, "good example of `{}` compiles", lint.name);
        checked += 1;
    }
    assert_eq!(
        expected.len(),
        checked,
        "expected.json lists a lint the catalogue lacks"
    );
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for lint in CATALOGUE {
        assert!(codes.insert(lint.code), "duplicate code {}", lint.code);
        assert!(names.insert(lint.name), "duplicate name {}", lint.name);
        assert!(
            lint.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            lint.name
        );
        for text in [lint.summary, lint.why, lint.fix] {
            assert!(
                !text.is_empty() && !text.ends_with('.'),
                "{}: {text:?}",
                lint.code
            );
        }
    }
    // The load-time names in `diagnostic` agree with the catalogue.
    for (code, name) in carepath::diagnostic::LOAD_CODE_NAMES {
        assert_eq!(carepath::lint::find(code).map(|l| l.name), Some(*name));
    }
}

#[test]
fn the_module_page_lists_every_code_and_explain_has_a_page() {
    let page = include_str!("../src/lint/mod.rs");
    let diagnostic_page = include_str!("../src/diagnostic.rs");
    for lint in CATALOGUE {
        let listed = if lint.code.starts_with("E01") {
            diagnostic_page.contains(&format!("`{}`", lint.code))
        } else {
            page.contains(&format!("| `{}` | `{}` |", lint.code, lint.name))
        };
        assert!(listed, "{} {} is not in the docs", lint.code, lint.name);
        let by_code = carepath::lint::explain(lint.code).expect("page");
        assert_eq!(carepath::lint::explain(lint.name), Some(by_code.clone()));
        assert!(by_code.starts_with(&format!("{} {}", lint.code, lint.name)));
        // The page gives the command-line option that silences the lint,
        // unless it is a shape error, which cannot be silenced.
        let silenceable = lint.group != carepath::lint::Group::Shape;
        assert_eq!(
            by_code.contains(&format!("`--allow {}`", lint.name)),
            silenceable,
            "{}",
            lint.code
        );
    }
}

#[test]
fn every_problem_at_once() {
    // The draft of the issue: shape errors of several kinds in one file are
    // all reported, each once, with their places.
    let text = include_str!("fixtures/small.json")
        .replacen("\"tier\": \"universal\"", "\"tier\": \"Universal\"", 1)
        .replacen("\"entry\": true", "\"entyr\": true", 1);
    let report = carepath::lint(&text);
    let codes: Vec<&str> = report.findings.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&"E0007") && codes.contains(&"E0005"),
        "{codes:?}"
    );
    assert!(report.findings.iter().all(|d| d.location.line > 0));
}

#[test]
fn levels_from_the_file_and_the_caller() {
    let (bad, _) = carepath::lint::examples("dead-end").expect("fixtures");
    let silenced = bad.replacen(
        "\"metadata\": {",
        "\"metadata\": {\n    \"lints\": {\"dead-end\": {\"level\": \"allow\", \"reason\": \"consults only\", \"services\": [\"parenting-group\"]}},",
        1,
    );
    let report = lint_with(&silenced, &options());
    assert!(report.findings.iter().all(|d| d.name != "dead-end"));
    assert_eq!(report.silenced, 1);
    // Limited to another service: not silenced.
    let other = silenced.replace("[\"parenting-group\"]", "[\"imh\"]");
    assert!(
        lint_with(&other, &options())
            .findings
            .iter()
            .any(|d| d.name == "dead-end")
    );
    // The caller overrides the file.
    let denied = lint_with(
        &silenced,
        &options().level("dead-end", carepath::document::LintLevel::Error),
    );
    assert!(denied.has_errors());
    // A group.
    let quiet = lint_with(
        bad,
        &options().level("suspicious", carepath::document::LintLevel::Allow),
    );
    assert!(quiet.findings.iter().all(|d| d.name != "dead-end"));
}

#[test]
fn what_a_repaired_value_causes_is_not_reported_again() {
    // A wrong value is reported once (E0006) and replaced by a placeholder
    // so the file still compiles; the compiler's complaint about the
    // placeholder itself (an empty id, no regions) is the same problem and
    // is not reported, at the repaired place or under it. What it causes
    // elsewhere (referrals from a service that now has no id) is.
    let small = include_str!("fixtures/small.json");
    type Findings<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&str, &str, Findings)] = &[
        (
            "\"regions\": [\"west\"]",
            "\"regions\": \"west\"",
            &[("E0006", "/services/1/regions")],
        ),
        (
            "\"id\": \"hv-west\"",
            "\"id\": 7",
            &[
                ("E0006", "/services/1/id"),
                ("E0102", "/referrals/8/from"),
                ("E0102", "/referrals/9/from"),
            ],
        ),
    ];
    for (from, to, want) in cases {
        let text = small.replacen(from, to, 1);
        assert_ne!(text, small, "{to}");
        let report = carepath::lint(&text);
        let got: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|d| (d.code, d.location.pointer.as_str()))
            .collect();
        assert_eq!(&got, want, "{to}");
        assert!(!report.compiled, "{to}");
    }
}

#[test]
fn the_semantic_lints_are_those_a_spent_budget_holds_back() {
    // A claim about every family is made only when proven: with no budget
    // the bad example of a semantic lint shows `semantic-lints-skipped`
    // instead; every other lint's bad example shows its finding still.
    for lint in CATALOGUE {
        let Some((bad, _)) = carepath::lint::examples(lint.name) else {
            continue;
        };
        if lint.name == "semantic-lints-skipped" {
            continue;
        }
        let codes = |budget: u64| -> Vec<&str> {
            lint_with(bad, &options().semantic_budget(budget))
                .findings
                .iter()
                .map(|d| d.code)
                .collect()
        };
        let spent = codes(0);
        assert!(
            codes(carepath::lint::SEMANTIC_BUDGET).contains(&lint.code),
            "{}",
            lint.name
        );
        assert_eq!(spent.contains(&lint.code), !lint.semantic, "{}", lint.name);
    }
}
