//! Plain-text listings of what a pathway holds: the region tree, services,
//! vocabulary and tags. Every value from the file is escaped
//! ([`escape`](crate::text::escape)).
//!
//! May use: `query` and the stages below it.

use std::borrow::Cow;

pub use crate::escape::escape;

use crate::pathway::ServiceSummary;
use crate::query::names::{RegionSummary, Term};

/// The region tree, one region a line, indented by depth: `name `id` (kind)`.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let text = carepath::text::region_tree(&pathway.regions(None)?);
/// assert!(text.starts_with("Land `land`"));
/// assert!(text.contains("\n  East `east` (health_board)\n    East City `east-city`"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn region_tree(regions: &[RegionSummary]) -> String {
    let top = regions.iter().map(|r| r.depth).min().unwrap_or(0);
    let lines: Vec<String> = regions
        .iter()
        .map(|r| {
            let kind = if r.kind.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&r.kind))
            };
            format!(
                "{}{} `{}`{kind}",
                "  ".repeat(r.depth.saturating_sub(top)),
                escape(&r.name),
                escape(&r.id)
            )
        })
        .collect();
    lines.join("\n")
}

/// Services, one a line: `id`, name, tier, and `entry` or `goal` when so.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let services: Vec<_> = pathway.services().collect();
/// assert!(carepath::text::services(&services).contains("`imh-east` Infant mental health team (East) [specialist, goal]"));
/// # Ok::<(), carepath::LoadError>(())
/// ```
#[must_use]
pub fn services(services: &[ServiceSummary]) -> String {
    let lines: Vec<String> = services
        .iter()
        .map(|s| {
            let mut marks = vec![s.tier.as_str()];
            if s.entry {
                marks.push("entry");
            }
            if s.goal {
                marks.push("goal");
            }
            format!(
                "`{}` {} [{}]",
                escape(&s.id),
                escape(&s.name),
                marks.join(", ")
            )
        })
        .collect();
    lines.join("\n")
}

/// Adversities or facts, one a line: `id`, label, and a fact's kind.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// assert!(carepath::text::terms(&pathway.facts()).contains("`severity` Severity of parental mental illness (ordered choice: mild < moderate < severe)"));
/// # Ok::<(), carepath::LoadError>(())
/// ```
#[must_use]
pub fn terms(terms: &[Term]) -> String {
    let lines: Vec<String> = terms
        .iter()
        .map(|t| {
            let kind = match (&t.kind, t.values.is_empty()) {
                (None, _) => String::new(),
                (Some(k), true) => format!(" ({})", fact_kind(*k)),
                (Some(k), false) => {
                    let values: Vec<Cow<'_, str>> = t.values.iter().map(|v| escape(v)).collect();
                    if t.ordered {
                        format!(" (ordered {}: {})", fact_kind(*k), values.join(" < "))
                    } else {
                        format!(" ({}: {})", fact_kind(*k), values.join(", "))
                    }
                }
            };
            format!("`{}` {}{kind}", escape(&t.id), escape(&t.label))
        })
        .collect();
    lines.join("\n")
}

fn fact_kind(k: crate::document::FactKind) -> &'static str {
    match k {
        crate::document::FactKind::Boolean => "boolean",
        crate::document::FactKind::Number => "number",
        crate::document::FactKind::Choice => "choice",
    }
}
