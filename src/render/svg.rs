//! A [`Picture`] as standalone SVG, laid out by carepath itself (no
//! external program): tiers left to right, referrals as curves with their
//! delays, a tooltip (`<title>`) on every service and referral.
//!
//! **Layout.** A layered (Sugiyama-style) layout: columns by tier, and
//! within a tier one column further right for each referral between
//! services of that tier (longest path, after dropping the referrals that
//! close a cycle); rows ordered by four barycentre sweeps to reduce
//! crossings (no promise of a minimum); ties broken by service id, so the
//! same picture always comes out. O(V + E) for the columns and
//! O(V log V + E) per sweep, for V services and E referrals.
//!
//! Entry services have a double border, goal services a thick one; a
//! family's routes are thick and blue, the services that exclude it grey
//! and dashed with the reason in the tooltip. Text is escaped for XML (`&`,
//! `<`, `>`, quotes) and characters XML cannot hold are dropped.
//!
//! May use: `render::layout`, `render::picture` and the stages below them.

use std::fmt::Write;

use super::layout::{LINE_HEIGHT, Layout, MARGIN, NODE_WIDTH, layout};
use super::palette;
use super::picture::Picture;

/// Draws `picture` as an SVG document. O(V log V + E) for V services and
/// E referrals (the layout's sweeps), then O(size of the picture).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let picture = carepath::Picture::new(&pathway, &carepath::PictureQuery::default().region("east"))?;
/// let svg = carepath::svg::render(&picture);
/// assert!(svg.starts_with("<svg"));
/// assert_eq!(svg.matches("<g class=\"service").count(), picture.services.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render(picture: &Picture) -> String {
    let l = layout(picture);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway-graph\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"{}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"11\">",
        xml(&picture.title),
        w = l.width,
        h = l.height + 20.0,
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&picture.title));
    let _ = writeln!(
        out,
        "<defs><marker id=\"cp-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker><marker id=\"cp-arrow-route\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker></defs>",
        palette::ROUTE
    );
    for band in &l.bands {
        let Some(cluster) = picture.clusters.get(band.cluster) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<g class=\"cluster\" data-cluster=\"{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"10\" fill=\"#f7f7f7\" stroke=\"#bbbbbb\" stroke-width=\"1\"/><text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"bold\" fill=\"#333333\">{}</text></g>",
            xml(&cluster.id),
            MARGIN / 2.0,
            band.y,
            l.width - MARGIN,
            band.height,
            MARGIN / 2.0 + 8.0,
            band.y + 14.0,
            xml(&cluster.name)
        );
    }
    edges(picture, &l, &mut out);
    for (s, b) in picture.services.iter().zip(&l.boxes) {
        let (fill, stroke, text, dash) = match &s.excludes {
            Some(_) => (
                palette::EXCLUDED_FILL,
                palette::EXCLUDED_TEXT,
                palette::EXCLUDED_TEXT,
                " stroke-dasharray=\"5 3\"",
            ),
            None => (
                palette::tier_fill(s.tier),
                palette::tier_stroke(s.tier),
                "#000000",
                "",
            ),
        };
        let stroke = if s.on_route { palette::ROUTE } else { stroke };
        let width = match (s.on_route, s.goal) {
            (true, _) => 3.0,
            (false, true) => 2.5,
            (false, false) => 1.2,
        };
        let mut classes = format!("service tier-{}", s.tier.as_str());
        for (flag, name) in [
            (s.entry, " entry"),
            (s.goal, " goal"),
            (s.excludes.is_some(), " excluded"),
            (s.on_route, " route"),
        ] {
            if flag {
                classes.push_str(name);
            }
        }
        let _ = writeln!(
            out,
            "<g class=\"{classes}\" data-service=\"{}\"><title>{}</title>",
            xml(&s.id),
            xml(&s.tooltip())
        );
        let _ = writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{NODE_WIDTH:.0}\" height=\"{:.1}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
            b.x, b.y, b.height
        );
        if s.entry {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.0}\" height=\"{:.1}\" rx=\"6\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                b.x + 3.5,
                b.y + 3.5,
                NODE_WIDTH - 7.0,
                b.height - 7.0
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{text}\">",
            b.x + NODE_WIDTH / 2.0,
            b.y + 6.0
        );
        for (k, line) in b.lines.iter().enumerate() {
            let weight = if k == 0 { " font-weight=\"bold\"" } else { "" };
            let _ = write!(
                out,
                "<tspan x=\"{:.1}\" dy=\"{LINE_HEIGHT}\"{weight}>{}</tspan>",
                b.x + NODE_WIDTH / 2.0,
                xml(line)
            );
        }
        out.push_str("</text></g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// The referrals: a curve from the right side of the referrer to the left
/// side of the receiver; within one column, an arc to the right.
fn edges(picture: &Picture, l: &Layout, out: &mut String) {
    let at = |id: &str| {
        picture
            .services
            .iter()
            .position(|s| s.id == id)
            .and_then(|i| l.boxes.get(i))
    };
    // Route edges last, so they are drawn on top.
    let mut order: Vec<&super::picture::ReferralEdge> = picture.referrals.iter().collect();
    order.sort_by_key(|r| r.on_route);
    for r in order {
        let (Some(a), Some(b)) = (at(&r.from), at(&r.to)) else {
            continue;
        };
        let (ay, by) = (a.y + a.height / 2.0, b.y + b.height / 2.0);
        let path = if b.column > a.column {
            let (x1, x2) = (a.x + NODE_WIDTH, b.x);
            let bend = (x2 - x1) / 2.0;
            format!(
                "M{x1:.1},{ay:.1} C{:.1},{ay:.1} {:.1},{by:.1} {x2:.1},{by:.1}",
                x1 + bend,
                x2 - bend
            )
        } else if b.column == a.column {
            let x = a.x + NODE_WIDTH;
            let reach = 30.0 + (by - ay).abs().min(400.0) / 8.0;
            format!(
                "M{x:.1},{ay:.1} C{:.1},{ay:.1} {:.1},{by:.1} {x:.1},{by:.1}",
                x + reach,
                x + reach
            )
        } else {
            // Back to an earlier column: leave from the left, arrive on the right.
            let (x1, x2) = (a.x, b.x + NODE_WIDTH);
            format!(
                "M{x1:.1},{ay:.1} C{:.1},{:.1} {:.1},{:.1} {x2:.1},{by:.1}",
                x1 - 60.0,
                ay + 40.0,
                x2 + 60.0,
                by + 40.0
            )
        };
        let (colour, width, marker) = if r.on_route {
            (palette::ROUTE, 3.0, "cp-arrow-route")
        } else {
            ("#555555", 1.0, "cp-arrow")
        };
        let dash = if r.condition.is_some() {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let mut tip = format!("{} → {}", r.from, r.to);
        for line in r.lines() {
            tip.push_str("; ");
            tip.push_str(&line);
        }
        let class = if r.on_route {
            "referral route"
        } else {
            "referral"
        };
        let _ = writeln!(
            out,
            "<g class=\"{class}\"><title>{}</title><path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\"/>",
            xml(&tip)
        );
        if r.delay_days > 0 && b.column > a.column {
            let x = b.x - 8.0;
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"9\" fill=\"#333333\">{}</text>",
                by - 4.0,
                xml(r.lines().first().map_or("", String::as_str))
            );
        }
        out.push_str("</g>\n");
    }
}

/// `text` escaped for XML text and attribute values; characters XML 1.0
/// cannot hold (most control characters) are dropped.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            super::xml("<a href=\"x\">&'\u{1}é"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;é"
        );
    }
}
