//! What running a scenario file gives: each case's outcome, and the
//! mismatches of those that failed.

use serde::{Deserialize, Serialize};

use crate::escape::escape;

/// One expectation that did not hold.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// use carepath::testing::scenario::{ScenarioFile, run};
/// let file = ScenarioFile::from_json(r#"{ "scenarios": [{ "name": "east reaches the west team",
///   "family": { "age": "3 months", "region": "east" }, "expect": { "reaches": ["imh-west"] } }] }"#)?;
/// let m = &run(&pathway, &file).cases[0].mismatches[0];
/// assert_eq!(m.expectation, "reaches");
/// assert_eq!(m.to_string(), format!("reaches: expected {}, got {}", m.expected, m.got));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mismatch {
    /// The expectation's key (`reaches`, `not_reached`, …; `query` when
    /// the question itself failed, `service` for an unknown service id).
    pub expectation: String,
    /// What the scenario expected, in words.
    pub expected: String,
    /// What the answer holds instead, in words.
    pub got: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.expectation, self.expected, self.got
        )
    }
}

/// The outcome of one case.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// use carepath::testing::scenario::{ScenarioFile, run};
/// let file = ScenarioFile::from_json(r#"{ "scenarios": [{ "name": "east reaches its team",
///   "family": { "age": "3 months", "region": "east" }, "expect": { "reaches": ["imh-east"] } }] }"#)?;
/// let outcome = &run(&pathway, &file).cases[0];
/// assert_eq!(outcome.name, "east reaches its team");
/// assert!(outcome.passed());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseOutcome {
    /// The case's name.
    pub name: String,
    /// Every expectation that did not hold (empty: passed).
    pub mismatches: Vec<Mismatch>,
}

impl CaseOutcome {
    /// Whether every expectation held.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// The outcome of a scenario file.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// use carepath::testing::scenario::{ScenarioFile, run};
/// let file = ScenarioFile::from_json(r#"{ "scenarios": [
///   { "name": "east reaches its team", "family": { "age": "3 months", "region": "east" },
///     "expect": { "reaches": ["imh-east"] } },
///   { "name": "east reaches the west team", "family": { "age": "3 months", "region": "east" },
///     "expect": { "reaches": ["imh-west"] } } ] }"#)?;
/// let report = run(&pathway, &file);
/// assert_eq!((report.passed, report.failed), (1, 1));
/// assert!(report.to_text().ends_with("1 passed, 1 failed\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioReport {
    /// Each case's outcome, in file order.
    pub cases: Vec<CaseOutcome>,
    /// How many cases passed.
    pub passed: usize,
    /// How many failed.
    pub failed: usize,
}

impl ScenarioReport {
    /// Adds the cases of another report (for several files).
    pub fn extend(&mut self, other: Self) {
        self.passed = self.passed.saturating_add(other.passed);
        self.failed = self.failed.saturating_add(other.failed);
        self.cases.extend(other.cases);
    }

    /// The report for people: `test NAME ... ok|FAILED`, each failure's
    /// mismatches indented under it, then `N passed, M failed`. Names and
    /// words from the files are escaped ([`escape`](crate::text::escape)): a case name holding
    /// a line break or a terminal escape cannot forge a line.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for case in &self.cases {
            let name = escape(&case.name);
            if case.passed() {
                out.push_str(&format!("test {name} ... ok\n"));
            } else {
                out.push_str(&format!("test {name} ... FAILED\n"));
                for m in &case.mismatches {
                    out.push_str(&format!(
                        "    {}:\n      expected: {}\n      got:      {}\n",
                        escape(&m.expectation),
                        escape(&m.expected),
                        escape(&m.got)
                    ));
                }
            }
        }
        out.push_str(&format!("{} passed, {} failed\n", self.passed, self.failed));
        out
    }
}
