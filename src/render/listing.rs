//! Plain-text listings of what a pathway holds: the region tree, services,
//! vocabulary and tags. Every value from the file is escaped
//! ([`escape`]).
//!
//! May use: `query` and the stages below it.

use std::borrow::Cow;

use crate::pathway::ServiceSummary;
use crate::query::names::{RegionSummary, Term};

/// Text safe for a terminal: control characters (C0, DEL, C1), bidirectional
/// overrides, isolates and marks, line and paragraph separators, zero-width
/// characters and the byte-order mark are written as `\u{…}`; so is a
/// combining mark at the start of the text, which would otherwise join the
/// character printed before it. A backslash is left as it is. Everything
/// else, any script, passes through.
///
/// Complexity: O(length).
///
/// ```
/// use carepath::text::escape;
/// assert_eq!(escape("Café (Ōban)"), "Café (Ōban)");
/// assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
/// assert_eq!(escape("x\u{202e}y\nz"), "x\\u{202e}y\\u{a}z");
/// assert_eq!(escape("\u{301}a"), "\\u{301}a");
/// ```
#[must_use]
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_at = |(i, c): (usize, char)| unsafe_char(c) || (i == 0 && combining(c));
    if !text.chars().enumerate().any(unsafe_at) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        if unsafe_at((i, c)) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Combining marks (the main blocks): harmless after a letter, misleading
/// at the start of a field.
fn combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05bd}'
        | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

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
/// assert!(carepath::text::terms(&pathway.facts()).contains("`severity` Severity of parental mental illness (choice: "));
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
                    format!(" ({}: {})", fact_kind(*k), values.join(", "))
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
