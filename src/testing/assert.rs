//! Assertions for `cargo test` in a pathway repository.
//!
//! These panic by design: a failing assertion is how a test fails.
#![allow(clippy::panic)]

use std::path::Path;

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
