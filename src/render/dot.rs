//! A [`Picture`] in Graphviz's DOT language, for `dot -Tsvg`.
//!
//! Services are nodes named by their ids (stable across runs and edits,
//! never indices), ranked by tier with `newrank` so that ranks hold across
//! clusters: universal at the top, specialist at the bottom (a referral
//! back to a lower tier is drawn with `constraint=false`, so it does not
//! turn the ranks over). Entry services
//! have a double border, goal services a thick one; a family's routes are
//! drawn thick and blue, and the services that exclude it grey and dashed,
//! with the reason as the tooltip (shown by `dot -Tsvg` output in a
//! browser).
//!
//! **Escaping.** Every id and text is written as a DOT quoted string: `"`
//! becomes `\"` and `\` becomes `\\` (so no id can end a string early or
//! join the next line); in labels and tooltips, which Graphviz reads as
//! escape strings, a line break becomes `\n`. Other characters, non-ASCII
//! included, are written as they are (DOT files are UTF-8).
//!
//! May use: `render::picture` and the stages below it.

use std::fmt::Write;

use crate::document::Tier;

use super::palette;
use super::picture::Picture;

/// Writes `picture` as a DOT digraph. O(size of the picture).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let picture = carepath::Picture::new(&pathway, &carepath::PictureQuery::default())?;
/// let dot = carepath::dot::render(&picture);
/// assert!(dot.starts_with("digraph"));
/// assert!(dot.contains("\"hv-east\" -> \"imh-east\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render(picture: &Picture) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&picture.title));
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, newrank=true, rankdir=TB, fontname=\"sans-serif\", compound=true];",
        label(&[picture.title.as_str()])
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\", fontsize=11];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"sans-serif\", fontsize=9, color=\"#555555\"];"
    );
    for cluster in &picture.clusters {
        let _ = writeln!(
            out,
            "  subgraph {} {{\n    label={};\n    style=\"rounded\";\n    color=\"#999999\";",
            quote(&format!("cluster_{}", cluster.id)),
            label(&[cluster.name.as_str()])
        );
        for s in picture
            .services
            .iter()
            .filter(|s| s.cluster.as_deref() == Some(cluster.id.as_str()))
        {
            let _ = writeln!(out, "    {};", quote(&s.id));
        }
        let _ = writeln!(out, "  }}");
    }
    for s in &picture.services {
        let lines = s.lines();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut attrs = vec![
            format!("label={}", label(&lines)),
            format!("tooltip={}", label(&[s.tooltip().as_str()])),
        ];
        match &s.excludes {
            Some(_) => attrs.extend([
                "style=\"rounded,filled,dashed\"".to_owned(),
                format!("fillcolor=\"{}\"", palette::EXCLUDED_FILL),
                format!("fontcolor=\"{}\"", palette::EXCLUDED_TEXT),
                format!("color=\"{}\"", palette::EXCLUDED_TEXT),
            ]),
            None => attrs.push(format!("fillcolor=\"{}\"", palette::tier_fill(s.tier))),
        }
        if s.entry {
            attrs.push("peripheries=2".into());
        }
        if s.goal {
            attrs.push("penwidth=2.5".into());
        }
        if s.on_route {
            attrs.push(format!("color=\"{}\", penwidth=3", palette::ROUTE));
        }
        let _ = writeln!(out, "  {} [{}];", quote(&s.id), attrs.join(", "));
    }
    for tier in [Tier::Universal, Tier::Targeted, Tier::Specialist] {
        let ids: Vec<String> = picture
            .services
            .iter()
            .filter(|s| s.tier == tier)
            .map(|s| quote(&s.id))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "  {{ rank=same; {}; }}", ids.join("; "));
        }
    }
    let tier_of = |id: &str| {
        picture
            .services
            .iter()
            .find(|s| s.id == id)
            .map_or(Tier::Universal, |s| s.tier)
    };
    for r in &picture.referrals {
        let lines = r.lines();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut attrs = Vec::new();
        if !lines.is_empty() {
            attrs.push(format!("label={}", label(&lines)));
        }
        if r.condition.is_some() {
            attrs.push("style=dashed".into());
        }
        if tier_of(&r.to) < tier_of(&r.from) {
            // A referral back to a lower tier does not move the ranks.
            attrs.push("constraint=false".into());
        }
        if r.on_route {
            attrs.push(format!("color=\"{}\", penwidth=3", palette::ROUTE));
        }
        let _ = write!(out, "  {} -> {}", quote(&r.from), quote(&r.to));
        if attrs.is_empty() {
            out.push_str(";\n");
        } else {
            let _ = writeln!(out, " [{}];", attrs.join(", "));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT quoted string holding `text` exactly (ids, names of graphs).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A DOT escape string (labels, tooltips) showing `lines`, one per line.
fn label(lines: &[&str]) -> String {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in line.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => {}
                _ => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting_keeps_every_character_inside_one_string() {
        assert_eq!(super::quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(super::quote("x\\"), r#""x\\""#);
        assert_eq!(super::label(&["a\nb", "é\"\\"]), r#""a\nb\né\"\\""#);
    }
}
