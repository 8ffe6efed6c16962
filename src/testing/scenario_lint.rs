//! Lint expectations of a scenario file: lints that must, or must not,
//! find something in the pathway.
//!
//! Cost: one lint of the pathway (every lint of the catalogue, each bounded
//! by its budget), plus O(findings) per expectation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lint::{CATALOGUE, LintOptions, find};
use crate::pathway::Pathway;
use crate::suggest::did_you_mean;

/// What the lint of the scenario file's pathway must find, at the levels
/// the pathway sets: lints by code (`L0105`) or name
/// (`unreachable-service`).
///
/// ```
/// let e: carepath::testing::scenario::LintExpect =
///     serde_json::from_str(r#"{ "present": ["service-without-sources"], "absent": ["L0105"] }"#)?;
/// assert_eq!(e.absent, ["L0105"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintExpect {
    /// Lints that must find something.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// Lints that must find nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
}

/// One lint expectation that did not hold: its key, what was expected and
/// what the lint found, in words.
pub(crate) struct Miss {
    pub(crate) key: &'static str,
    pub(crate) expected: String,
    pub(crate) got: String,
}

/// Every lint expectation of `expect` that does not hold for `pathway`.
///
/// Complexity: one lint, then O(findings) per expectation.
pub(crate) fn misses(pathway: &Pathway, expect: &LintExpect) -> Vec<Miss> {
    let mut out = Vec::new();
    let wanted = expect
        .present
        .iter()
        .map(|l| ("lint.present", l, true))
        .chain(expect.absent.iter().map(|l| ("lint.absent", l, false)));
    let mut known = Vec::new();
    for (key, selector, present) in wanted {
        match find(selector) {
            Some(lint) => known.push((key, lint, present)),
            None => out.push(Miss {
                key,
                expected: format!("`{selector}`, a lint of the catalogue"),
                got: match did_you_mean(selector, CATALOGUE.iter().map(|l| l.name)) {
                    Some(s) => format!("no such lint; did you mean `{s}`?"),
                    None => "no such lint".into(),
                },
            }),
        }
    }
    if known.is_empty() {
        return out;
    }
    let report = pathway.lint(&LintOptions::default());
    let mut found: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for d in &report.findings {
        found
            .entry(d.code)
            .or_default()
            .push(d.location.pointer.as_str());
    }
    for (key, lint, present) in known {
        let places = found.get(lint.code);
        if places.is_some() == present {
            continue;
        }
        let name = format!("`{}` ({})", lint.code, lint.name);
        out.push(Miss {
            key,
            expected: if present {
                format!("{name} to find something")
            } else {
                format!("{name} to find nothing")
            },
            got: match places {
                Some(places) => format!("found at {}", places.join(", ")),
                None => "nothing found".into(),
            },
        });
    }
    out
}
