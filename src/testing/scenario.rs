//! Scenario files: named cases, each a family, a route question and what
//! must hold of the answer. `carepath test` runs them, and so does
//! [`assert_scenarios`](crate::testing::assert_scenarios) inside `cargo test`.
//!
//! # The format
//!
//! ```json
//! {
//!   "pathway": "../pathways/scotland.json",
//!   "scenarios": [
//!     {
//!       "name": "an infant in care proceedings in the city reaches the city team",
//!       "source": "why this must hold, and where that is written",
//!       "family": { "age": "4 months", "region": "east-city", "adversities": ["care_proceedings"] },
//!       "query": { "limit": 1, "waits": "pessimistic" },
//!       "expect": {
//!         "first_route": ["hv-east", "city-infant-team"],
//!         "reaches": ["city-infant-team"],
//!         "not_reached": { "imh-west": "not_in_region" },
//!         "days_to_goal_at_most": 120
//!       }
//!     }
//!   ]
//! }
//! ```
//!
//! - `pathway` (optional): the pathway file, relative to the scenario file.
//!   A runner may be given another (`carepath test --pathway`).
//! - `family`: a [`Profile`] — `age` (or `age_days`), `region`,
//!   `adversities`, `facts`.
//! - `query` (optional): a [`RouteQuery`] — `goal`, `from`, `limit`,
//!   `max_hops`, `ranking`, `waits`.
//! - `expect`: only what the author cares about; everything left out is
//!   not checked (a subset match). See [`Expect`] for each key.
//! - `lint` (optional, beside `scenarios`): lints, by code or name, that
//!   must find something in the pathway (`present`) or nothing (`absent`);
//!   see [`LintExpect`]. Reported as a case named `lint`.
//!
//! Every service an expectation names must be a service of the pathway
//! (a misspelt id would otherwise pass `avoids` for ever).
//!
//! Cost: one lint when `lint` is given, and one route query per case
//! (each bounded by the query budget), plus
//! O(s) per expectation for s services on the answer's routes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::LoadError;
use crate::limits::MAX_FILE_BYTES;
use crate::model::profile::Profile;
use crate::pathway::Pathway;
use crate::query::route::{Reason, Route, RouteAnswer, RouteQuery};
use crate::suggest::did_you_mean;

pub use super::outcome::{CaseOutcome, Mismatch, ScenarioReport};
pub use super::scenario_lint::LintExpect;
use super::scenario_lint::misses;

/// A scenario file: the pathway it is about, and its cases.
///
/// ```
/// let file = carepath::testing::scenario::ScenarioFile::from_json(r#"{
///   "scenarios": [ { "name": "east", "family": { "age": "3 months", "region": "east" },
///                    "expect": { "reaches": ["imh-east"] } } ] }"#)?;
/// assert_eq!(file.scenarios.len(), 1);
/// # Ok::<(), carepath::testing::scenario::ScenarioError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The pathway file the cases are about, relative to the scenario file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathway: Option<String>,
    /// The cases, run in order.
    pub scenarios: Vec<Scenario>,
    /// What the lint of the pathway must find, or not (reported as a case
    /// named `lint`, after the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<LintExpect>,
}

/// One case: a family, a question, and what must hold of the answer.
///
/// ```
/// let s: carepath::testing::scenario::Scenario = serde_json::from_str(
///     r#"{ "name": "n", "family": { "age": "birth", "region": "east" } }"#)?;
/// assert_eq!(s.query, carepath::RouteQuery::default());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What the case is called in reports (`test NAME ... ok`).
    pub name: String,
    /// Why it must hold: the fact checked and where it is written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The family.
    pub family: Profile,
    /// The route question (default: the pathway's goal, 3 routes).
    #[serde(default)]
    pub query: RouteQuery,
    /// What must hold of the answer.
    #[serde(default)]
    pub expect: Expect,
}

/// What must hold of a route answer. Every key is optional; those left out
/// are not checked.
///
/// ```
/// let e: carepath::testing::scenario::Expect =
///     serde_json::from_str(r#"{ "no_route": true, "not_reached": { "imh-west": "not_in_region" } }"#)?;
/// assert_eq!(e.no_route, Some(true));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The services of the best route, exactly, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_route: Option<Vec<String>>,
    /// The service the best route ends at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_route_ends_at: Option<String>,
    /// Services on at least one route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reaches: Vec<String>,
    /// Services on no route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoids: Vec<String>,
    /// Goal services no route reaches, each with the kind of its reason
    /// (`not_in_region`, `not_eligible`, `not_yet`, `aged_out_on_the_way`,
    /// `unreachable`, `not_examined`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_reached: BTreeMap<String, String>,
    /// Services not listed among those not reached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_listed: Vec<String>,
    /// Goal services reachable though no returned route ends there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_reachable: Vec<String>,
    /// `true`: no route at all; `false`: at least one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_route: Option<bool>,
    /// The best route's days until the goal service sees the family, at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_to_goal_at_most: Option<i64>,
    /// Whether the query finished within its budgets (checked as `true`
    /// unless given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
    /// The services the answer's alternatives end at, exactly, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<String>>,
    /// Goal services not reached yet (`not_yet`), each with the age from
    /// which a route opens.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub opens_from: BTreeMap<String, String>,
    /// `true`: no route passes a second entry service.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_entry_each: bool,
    /// How many options the text answer shows (routes that differ only in
    /// the first contact are one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_options: Option<usize>,
}

/// Why a scenario file could not be read.
///
/// ```
/// let err = carepath::testing::scenario::ScenarioFile::from_json("{").unwrap_err();
/// assert!(matches!(err, carepath::testing::scenario::ScenarioError::Syntax { line: 1, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// Malformed JSON, an unknown key, or a value of the wrong shape.
    #[error("{message} at line {line} column {column}")]
    Syntax {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The text is larger than the pathway file limit.
    #[error("the scenario file is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Size of the input.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl ScenarioFile {
    /// Reads a scenario file from JSON text.
    ///
    /// # Errors
    /// [`ScenarioError::TooLarge`] over the pathway file size limit;
    /// [`ScenarioError::Syntax`] with line and column otherwise.
    ///
    /// ```
    /// let err = carepath::testing::scenario::ScenarioFile::from_json(r#"{"scenarios": [], "extra": 1}"#);
    /// assert!(err.is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(ScenarioError::TooLarge {
                bytes: text.len(),
                limit: MAX_FILE_BYTES,
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map_err(|e| match LoadError::from_json_error(&e, text) {
            LoadError::Syntax {
                message,
                line,
                column,
            } => ScenarioError::Syntax {
                message,
                line,
                column,
            },
            other => ScenarioError::Syntax {
                message: other.to_string(),
                line: e.line(),
                column: e.column(),
            },
        })
    }
}

/// Runs every case of `file` against `pathway`.
///
/// Complexity: one route query per case, each bounded by the query budget.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let file = carepath::testing::scenario::ScenarioFile::from_json(r#"{ "scenarios": [
///   { "name": "west", "family": { "age": "3 months", "region": "west" },
///     "expect": { "not_reached": { "imh-east": "not_in_region" } } } ] }"#)?;
/// assert_eq!(carepath::testing::scenario::run(&pathway, &file).failed, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn run(pathway: &Pathway, file: &ScenarioFile) -> ScenarioReport {
    let mut cases: Vec<CaseOutcome> = file
        .scenarios
        .iter()
        .map(|s| run_case(pathway, s))
        .collect();
    if let Some(lint) = &file.lint {
        let mismatches = misses(pathway, lint)
            .into_iter()
            .map(|m| Mismatch {
                expectation: m.key.into(),
                expected: m.expected,
                got: m.got,
            })
            .collect();
        cases.push(CaseOutcome {
            name: "lint".into(),
            mismatches,
        });
    }
    let passed = cases.iter().filter(|c| c.passed()).count();
    ScenarioReport {
        failed: cases.len().saturating_sub(passed),
        passed,
        cases,
    }
}

/// Runs one case.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let s: carepath::testing::scenario::Scenario = serde_json::from_str(
///     r#"{ "name": "n", "family": { "age": "3 months", "region": "east" },
///          "expect": { "avoids": ["imh-eats"] } }"#)?;
/// let outcome = carepath::testing::scenario::run_case(&pathway, &s);
/// assert_eq!(outcome.mismatches[0].expectation, "service");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn run_case(pathway: &Pathway, scenario: &Scenario) -> CaseOutcome {
    let mut mismatches = unknown_services(pathway, &scenario.expect);
    if mismatches.is_empty() {
        match pathway.routes(&scenario.family, &scenario.query) {
            Ok(answer) => {
                check(&scenario.expect, &answer, &mut mismatches);
                let e = &scenario.expect;
                let asked = super::options::Asked {
                    alternatives: e.alternatives.as_deref(),
                    opens_from: &e.opens_from,
                    one_entry_each: e.one_entry_each,
                    text_options: e.text_options,
                };
                for (expectation, expected, got) in asked.check(pathway, &answer) {
                    mismatches.push(Mismatch {
                        expectation: expectation.into(),
                        expected,
                        got,
                    });
                }
            }
            Err(e) => mismatches.push(Mismatch {
                expectation: "query".into(),
                expected: "an answer".into(),
                got: format!("error: {e}"),
            }),
        }
    }
    CaseOutcome {
        name: scenario.name.clone(),
        mismatches,
    }
}

/// Every service id an expectation names that the pathway lacks.
fn unknown_services(pathway: &Pathway, expect: &Expect) -> Vec<Mismatch> {
    let ids: BTreeSet<String> = pathway.services().map(|s| s.id).collect();
    let named = expect
        .first_route
        .iter()
        .flatten()
        .chain(&expect.first_route_ends_at)
        .chain(&expect.reaches)
        .chain(&expect.avoids)
        .chain(expect.not_reached.keys())
        .chain(&expect.not_listed)
        .chain(&expect.also_reachable)
        .chain(expect.alternatives.iter().flatten())
        .chain(expect.opens_from.keys());
    let mut seen = BTreeSet::new();
    named
        .filter(|id| !ids.contains(*id) && seen.insert(id.as_str()))
        .map(|id| Mismatch {
            expectation: "service".into(),
            expected: "a service of the pathway".into(),
            got: match did_you_mean(id, ids.iter().map(String::as_str)) {
                Some(s) => format!("`{id}` (did you mean `{s}`?)"),
                None => format!("`{id}`"),
            },
        })
        .collect()
}

fn services(route: &Route) -> Vec<&str> {
    route.steps.iter().map(|s| &*s.service).collect()
}

fn route_text(route: &Route) -> String {
    format!(
        "`{}` ({} days)",
        services(route).join(" → "),
        route.days_to_goal
    )
}

fn routes_text(answer: &RouteAnswer) -> String {
    if answer.routes.is_empty() {
        return "no route".into();
    }
    let all: Vec<String> = answer.routes.iter().map(route_text).collect();
    format!("routes {}", all.join(", "))
}

/// The `kind` of a reason, as written in JSON (`not_in_region`, …).
fn kind(reason: &Reason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

fn check(expect: &Expect, answer: &RouteAnswer, out: &mut Vec<Mismatch>) {
    let mut miss = |expectation: &str, expected: String, got: String| {
        out.push(Mismatch {
            expectation: expectation.into(),
            expected,
            got,
        });
    };
    let first = answer.routes.first();
    let want_complete = expect.complete.unwrap_or(true);
    if answer.complete != want_complete {
        let word = |c: bool| {
            if c {
                "a complete answer"
            } else {
                "an answer stopped by a budget"
            }
        };
        miss(
            "complete",
            word(want_complete).into(),
            word(answer.complete).into(),
        );
    }
    if let Some(want) = &expect.first_route {
        let got = first.map(services);
        if got.as_deref() != Some(&want.iter().map(String::as_str).collect::<Vec<_>>()[..]) {
            miss(
                "first_route",
                format!("`{}`", want.join(" → ")),
                first.map_or_else(|| "no route".into(), route_text),
            );
        }
    }
    if let Some(want) = &expect.first_route_ends_at {
        let got = first.and_then(|r| r.steps.last()).map(|s| &*s.service);
        if got != Some(want.as_str()) {
            miss(
                "first_route_ends_at",
                format!("`{want}`"),
                first.map_or_else(|| "no route".into(), route_text),
            );
        }
    }
    let on_routes: BTreeSet<&str> = answer.routes.iter().flat_map(services).collect();
    for want in &expect.reaches {
        if !on_routes.contains(want.as_str()) {
            miss(
                "reaches",
                format!("`{want}` on a route"),
                routes_text(answer),
            );
        }
    }
    for avoid in &expect.avoids {
        if let Some(r) = answer
            .routes
            .iter()
            .find(|r| services(r).contains(&avoid.as_str()))
        {
            miss(
                "avoids",
                format!("`{avoid}` on no route"),
                format!("route {}", route_text(r)),
            );
        }
    }
    match expect.no_route {
        Some(true) if !answer.routes.is_empty() => {
            miss("no_route", "no route".into(), routes_text(answer));
        }
        Some(false) if answer.routes.is_empty() => {
            miss("no_route", "at least one route".into(), "no route".into());
        }
        _ => {}
    }
    if let Some(most) = expect.days_to_goal_at_most {
        match first {
            Some(r) if r.days_to_goal <= most => {}
            Some(r) => miss(
                "days_to_goal_at_most",
                format!("at most {most} days"),
                route_text(r),
            ),
            None => miss(
                "days_to_goal_at_most",
                format!("at most {most} days"),
                "no route".into(),
            ),
        }
    }
    let reasons: BTreeMap<&str, String> = answer
        .not_reached
        .iter()
        .map(|n| (&*n.service, kind(&n.reason)))
        .collect();
    for (service, want) in &expect.not_reached {
        match reasons.get(service.as_str()) {
            Some(got) if got == want => {}
            Some(got) => miss(
                "not_reached",
                format!("`{service}` not reached: `{want}`"),
                format!("`{service}` not reached: `{got}`"),
            ),
            None if on_routes.contains(service.as_str()) => miss(
                "not_reached",
                format!("`{service}` not reached: `{want}`"),
                format!("`{service}` reached"),
            ),
            None => miss(
                "not_reached",
                format!("`{service}` not reached: `{want}`"),
                format!("`{service}` not listed among those not reached"),
            ),
        }
    }
    for service in &expect.not_listed {
        if let Some(got) = reasons.get(service.as_str()) {
            miss(
                "not_listed",
                format!("`{service}` not listed among those not reached"),
                format!("`{service}` not reached: `{got}`"),
            );
        }
    }
    for service in &expect.also_reachable {
        let ends: Vec<&str> = answer
            .also_reachable
            .iter()
            .filter_map(|r| r.steps.last().map(|s| &*s.service))
            .collect();
        if !ends.contains(&service.as_str()) {
            let got = if ends.is_empty() {
                "nothing else reachable".to_owned()
            } else {
                format!("also reachable: `{}`", ends.join("`, `"))
            };
            miss("also_reachable", format!("`{service}` also reachable"), got);
        }
    }
}
