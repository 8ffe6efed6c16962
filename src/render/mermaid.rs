//! A [`Picture`] as a Mermaid flowchart, for Markdown hosts that draw
//! Mermaid (GitHub, GitLab, documentation sites).
//!
//! Mermaid has no rank constraint: tiers are shown by shape and colour
//! (entry services as stadiums, goal services as hexagons, tiers by class)
//! and the layout is left to Mermaid. Clusters are subgraphs. A family's
//! routes are thick links (`==>`); conditional referrals dotted (`-.->`);
//! services that exclude the family have the class `excluded` and the
//! reason as a tooltip (`click … call …`: shown where the host allows
//! interaction).
//!
//! **Size.** Mermaid refuses a chart of more than [`MAX_EDGES`] links
//! unless the site drawing it raises its `maxEdges` setting (a chart cannot
//! raise it itself): draw a large pathway one region at a time.
//!
//! **Ids.** Mermaid ids allow few characters, and some words (`end`,
//! `graph`) or leading letters after a link (`o`, `x`) change the meaning
//! of a line. A service `id` is written `s_` followed by its bytes, ASCII
//! letters and digits as they are and every other byte as `_` and two hex
//! digits (`hv-east` → `s_hv_2deast`): stable, one id per service id, and
//! never a keyword. Clusters are written `r_` the same way.
//!
//! **Text.** Labels are quoted, and the characters Mermaid reads inside
//! quotes are written as its entity codes: `"` → `#quot;`, `#` → `#35;`,
//! `&` → `#amp;`, `<` → `#lt;`, `>` → `#gt;`, `` ` `` → `#96;` and `:`
//! → `#58;` (Mermaid drops the `;` of an entity after `style` and a colon
//! on one line); a line break becomes `<br/>`.
//!
//! May use: `render::picture` and the stages below it.

use std::fmt::Write;

use crate::document::Tier;

use super::palette;
use super::picture::Picture;

/// The most links Mermaid draws with its default settings (`maxEdges`).
pub const MAX_EDGES: usize = 500;

/// Writes `picture` as a Mermaid flowchart. O(size of the picture).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let picture = carepath::Picture::new(&pathway, &carepath::PictureQuery::default())?;
/// let chart = carepath::mermaid::render(&picture);
/// assert!(chart.starts_with("flowchart TB"));
/// assert!(chart.contains("s_hv_2deast -->|\"7 days\"| s_imh_2deast"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render(picture: &Picture) -> String {
    let mut out = String::from("flowchart TB\n");
    let node = |s: &super::picture::ServiceNode| {
        let lines = s.lines();
        let text = text(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let (open, close) = match (s.entry, s.goal) {
            (_, true) => ("{{", "}}"),
            (true, false) => ("([", "])"),
            (false, false) => ("[", "]"),
        };
        format!("{}{open}\"{text}\"{close}", id("s_", &s.id))
    };
    for cluster in &picture.clusters {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            id("r_", &cluster.id),
            text(&[cluster.name.as_str()])
        );
        for s in picture
            .services
            .iter()
            .filter(|s| s.cluster.as_deref() == Some(cluster.id.as_str()))
        {
            let _ = writeln!(out, "    {}", node(s));
        }
        out.push_str("  end\n");
    }
    for s in picture.services.iter().filter(|s| s.cluster.is_none()) {
        let _ = writeln!(out, "  {}", node(s));
    }
    for r in &picture.referrals {
        let arrow = match (r.on_route, r.condition.is_some()) {
            (true, _) => "==>",
            (false, true) => "-.->",
            (false, false) => "-->",
        };
        let lines = r.lines();
        let label = if lines.is_empty() {
            String::new()
        } else {
            format!(
                "|\"{}\"|",
                text(&lines.iter().map(String::as_str).collect::<Vec<_>>())
            )
        };
        let _ = writeln!(
            out,
            "  {} {arrow}{label} {}",
            id("s_", &r.from),
            id("s_", &r.to)
        );
    }
    for tier in [Tier::Universal, Tier::Targeted, Tier::Specialist] {
        let _ = writeln!(
            out,
            "  classDef {} fill:{},stroke:{}",
            tier.as_str(),
            palette::tier_fill(tier),
            palette::tier_stroke(tier)
        );
    }
    let _ = writeln!(out, "  classDef goal stroke-width:3px");
    let _ = writeln!(
        out,
        "  classDef excluded fill:{},color:{},stroke:{},stroke-dasharray:4 4",
        palette::EXCLUDED_FILL,
        palette::EXCLUDED_TEXT,
        palette::EXCLUDED_TEXT
    );
    let _ = writeln!(
        out,
        "  classDef route stroke:{},stroke-width:3px",
        palette::ROUTE
    );
    let mut classes: Vec<(&str, Vec<String>)> = Vec::new();
    for tier in [Tier::Universal, Tier::Targeted, Tier::Specialist] {
        let ids = picture
            .services
            .iter()
            .filter(|s| s.tier == tier && s.excludes.is_none())
            .map(|s| id("s_", &s.id))
            .collect();
        classes.push((tier.as_str(), ids));
    }
    classes.push((
        "goal",
        picture
            .services
            .iter()
            .filter(|s| s.goal)
            .map(|s| id("s_", &s.id))
            .collect(),
    ));
    classes.push((
        "excluded",
        picture
            .services
            .iter()
            .filter(|s| s.excludes.is_some())
            .map(|s| id("s_", &s.id))
            .collect(),
    ));
    classes.push((
        "route",
        picture
            .services
            .iter()
            .filter(|s| s.on_route)
            .map(|s| id("s_", &s.id))
            .collect(),
    ));
    for (class, ids) in classes.iter().filter(|(_, ids)| !ids.is_empty()) {
        let _ = writeln!(out, "  class {} {class}", ids.join(","));
    }
    for s in &picture.services {
        if s.excludes.is_some() {
            let _ = writeln!(
                out,
                "  click {} call excluded() \"{}\"",
                id("s_", &s.id),
                text(&[s.tooltip().as_str()])
            );
        }
    }
    out
}

/// A Mermaid id for a pathway id: `prefix`, then ASCII letters and digits
/// as they are and every other byte as `_` and two hex digits.
fn id(prefix: &str, raw: &str) -> String {
    let mut out = String::from(prefix);
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "_{b:02x}");
        }
    }
    out
}

/// Text for inside a quoted Mermaid label: `lines` joined by `<br/>`, with
/// the characters Mermaid would read written as entity codes.
fn text(lines: &[&str]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<br/>");
        }
        for c in line.chars() {
            match c {
                '"' => out.push_str("#quot;"),
                '#' => out.push_str("#35;"),
                '&' => out.push_str("#amp;"),
                '<' => out.push_str("#lt;"),
                '>' => out.push_str("#gt;"),
                '`' => out.push_str("#96;"),
                ':' => out.push_str("#58;"),
                '\n' => out.push_str("<br/>"),
                '\r' => {}
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_one_to_one_and_plain() {
        assert_eq!(super::id("s_", "hv-east"), "s_hv_2deast");
        assert_eq!(super::id("s_", "a_b"), "s_a_5fb");
        assert_eq!(super::id("s_", "é"), "s__c3_a9");
        assert_ne!(super::id("s_", "a-b"), super::id("s_", "a_2db"));
    }
}
