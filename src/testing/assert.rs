//! Assertions for `cargo test` in a pathway repository.
//!
//! These panic by design: a failing assertion is how a test fails.
#![allow(clippy::panic)]

use std::path::Path;

use crate::diagnostic::Severity;
use crate::lint::{LintOptions, lint_with};
use crate::pathway::Pathway;

use super::scenario::{ScenarioFile, run};

/// Runs the scenario file at `path` against the pathway it names
/// (`"pathway"`, relative to the scenario file) and panics, with the
/// report of every case, when any case fails or a file cannot be read.
///
/// # Panics
/// When a case fails, or when the scenario file or its pathway cannot be
/// read or loaded.
///
/// ```no_run
/// // tests/scenarios.rs of a pathway repository:
/// #[test]
/// fn scenarios_hold() {
///     carepath::testing::assert_scenarios("scenarios/my-area.json");
/// }
/// ```
pub fn assert_scenarios(path: impl AsRef<Path>) {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()));
    let file =
        ScenarioFile::from_json(&text).unwrap_or_else(|e| panic!("`{}`: {e}", path.display()));
    let Some(rel) = &file.pathway else {
        panic!(
            "`{}` names no pathway: add \"pathway\" or use `assert_scenarios_text`",
            path.display()
        );
    };
    let pathway_path = path.parent().unwrap_or_else(|| Path::new("")).join(rel);
    let pathway_text = std::fs::read_to_string(&pathway_path)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", pathway_path.display()));
    let pathway = Pathway::from_json(&pathway_text)
        .unwrap_or_else(|e| panic!("`{}`: {e}", pathway_path.display()));
    check(&pathway, &file, &path.display().to_string());
}

/// Runs scenario file text against `pathway` (its `"pathway"` key is not
/// read) and panics with the report when any case fails.
///
/// # Panics
/// When a case fails, or when the text is not a scenario file.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// carepath::testing::assert_scenarios_text(&pathway, r#"{ "scenarios": [
///   { "name": "east", "family": { "age": "3 months", "region": "east" },
///     "expect": { "reaches": ["imh-east"] } } ] }"#);
/// # Ok::<(), carepath::LoadError>(())
/// ```
pub fn assert_scenarios_text(pathway: &Pathway, scenarios: &str) {
    let file = ScenarioFile::from_json(scenarios).unwrap_or_else(|e| panic!("scenario file: {e}"));
    check(pathway, &file, "scenario file");
}

fn check(pathway: &Pathway, file: &ScenarioFile, name: &str) {
    let report = run(pathway, file);
    if report.failed > 0 {
        panic!(
            "{name}: {} of {} scenarios failed\n{}",
            report.failed,
            report.cases.len(),
            report.to_text()
        );
    }
}

/// Lints the pathway file `text` at default levels (and the levels the
/// file sets) and panics, listing every finding by code, name, line and
/// place, when any is an error or a warning. Findings of level `info` do
/// not fail it.
///
/// # Panics
/// When the lint finds an error or a warning.
///
/// ```
/// carepath::testing::assert_lint_clean(include_str!("../../tests/fixtures/small.json"));
/// ```
///
/// ```should_panic
/// carepath::testing::assert_lint_clean("{}");
/// ```
pub fn assert_lint_clean(text: &str) {
    assert_lint_clean_with(text, &LintOptions::default());
}

/// [`assert_lint_clean`] with lint options: today's date (for the review
/// date), the ages considered, levels set from outside the file.
///
/// # Panics
/// When the lint finds an error or a warning.
///
/// ```
/// use carepath::lint::LintOptions;
/// let options = LintOptions::default().level("style", carepath::document::LintLevel::Allow);
/// carepath::testing::assert_lint_clean_with(include_str!("../../tests/fixtures/small.json"), &options);
/// ```
pub fn assert_lint_clean_with(text: &str, options: &LintOptions) {
    let report = lint_with(text, options);
    let failing: Vec<String> = report
        .findings
        .iter()
        .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
        .map(|d| {
            format!(
                "{} {} {} at line {} ({}): {}",
                d.severity.as_str(),
                d.code,
                d.name,
                d.location.line,
                d.location.pointer,
                d.message
            )
        })
        .collect();
    if !failing.is_empty() {
        panic!(
            "the pathway file is not lint clean: {} finding(s)\n{}",
            failing.len(),
            failing.join("\n")
        );
    }
}
