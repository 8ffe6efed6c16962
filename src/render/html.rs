//! The one-page HTML report of a pathway: summary and sources, coverage
//! heatmaps with the gaps beside them, the lint findings, and a picture of
//! one region's services as inline SVG.
//!
//! The page is static and self-contained: one file, no script, no external
//! style, font or image, so it opens from disk, from a CI artifact or an
//! e-mail and never reaches the network. Every heatmap is a real `<table>`
//! (a screen reader reads it; it pastes into a spreadsheet), coloured by
//! best weeks to the goal in viridis steps, with a mark (✕) and a grey
//! fill for "no route", so colour is never the only carrier.
//!
//! A section whose analysis was not given says so; the page never shows a
//! figure it was not handed.
//!
//! May use: `render::svg`, `render::picture` and the stages below them.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::pathway::Pathway;

use super::palette;
use super::picture::Picture;
use super::svg::xml;

/// A coverage heatmap: rows (regions) × columns (adversities or ages),
/// each cell the best weeks to the goal, or no route. Built from a
/// coverage analysis by [`heatmap`](crate::heatmap).
///
/// ```
/// use carepath::html::{Cell, Heatmap};
/// let h = Heatmap {
///     title: "At 3 months".into(),
///     row_header: "Council area".into(),
///     rows: vec!["East".into()],
///     columns: vec!["Domestic abuse".into()],
///     cells: vec![vec![Cell { best_weeks: Some(7.0), some_without: false, undecided: false }]],
/// };
/// assert_eq!(h.cells[0][0].mark(), "7");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Heatmap {
    /// What the table shows, e.g. "Region × adversity at 3 months".
    pub title: String,
    /// The header of the row labels, e.g. "Council area".
    pub row_header: String,
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

/// One cell of a heatmap: the families of one row and column.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cell {
    /// The best weeks to the goal among the cell's families, `None` when
    /// none of them has a route.
    pub best_weeks: Option<f64>,
    /// Some of the cell's families have a route and some do not.
    pub some_without: bool,
    /// A budget stopped the analysis before deciding some of the cell's
    /// families.
    pub undecided: bool,
}

impl Cell {
    /// What the cell shows: whole weeks (`*` when some families have no
    /// route), `✕` for no route, `?` when undecided and no route is known.
    ///
    /// ```
    /// let c = carepath::html::Cell { best_weeks: None, some_without: false, undecided: false };
    /// assert_eq!(c.mark(), "✕");
    /// ```
    #[must_use]
    pub fn mark(&self) -> String {
        match (self.best_weeks, self.undecided) {
            (Some(w), _) if self.some_without => format!("{w:.0}*"),
            (Some(w), _) => format!("{w:.0}"),
            (None, true) => "?".into(),
            (None, false) => "✕".into(),
        }
    }

    /// The cell in words, for its tooltip.
    ///
    /// ```
    /// let c = carepath::html::Cell { best_weeks: Some(6.1), some_without: true, undecided: false };
    /// assert_eq!(c.describe(), "best 6.1 weeks; some families here have no route");
    /// ```
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = match self.best_weeks {
            Some(w) => format!("best {w} weeks"),
            None if self.undecided => "no route found before the analysis stopped".into(),
            None => "no route".into(),
        };
        if self.some_without {
            text.push_str("; some families here have no route");
        }
        if self.undecided && self.best_weeks.is_some() {
            text.push_str("; some families undecided (the analysis stopped)");
        }
        text
    }

    /// (fill, text colour).
    pub(crate) fn colours(&self) -> (&'static str, &'static str) {
        match self.best_weeks {
            Some(w) => weeks_colour(w),
            None if self.undecided => (palette::UNDECIDED_FILL, palette::NO_ROUTE_TEXT),
            None => (palette::NO_ROUTE_FILL, palette::NO_ROUTE_TEXT),
        }
    }
}

/// A gap in coverage, as listed beside the heatmaps.
///
/// ```
/// let g = carepath::html::Gap { families: "families in `west` aged 2 to 5 years".into(),
///     example: "carepath route --age '2 years' --region west".into() };
/// assert!(g.example.starts_with("carepath route"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Gap {
    /// Who is left without a route, in words.
    pub families: String,
    /// A command that shows one such family.
    pub example: String,
}

/// A lint finding, as the report lists it.
///
/// ```
/// let f = carepath::html::Finding { code: "W0001".into(), severity: "warning".into(),
///     message: "unused".into(), location: "services[3]".into() };
/// assert_eq!(f.code, "W0001");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable code.
    pub code: String,
    /// `error`, `warning`, …
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// Where, e.g. a line and column or a JSON pointer.
    pub location: String,
}

/// What the page shows. A part left `None` is said to be missing, never
/// invented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The coverage heatmaps, or `None` when coverage was not analysed.
    pub heatmaps: Option<Vec<Heatmap>>,
    /// What the heatmaps assume about the families (facts, waits), in words.
    pub coverage_note: String,
    /// The gaps, or `None` when coverage was not analysed.
    pub gaps: Option<Vec<Gap>>,
    /// The lint findings, or `None` when the file was not linted.
    pub findings: Option<Vec<Finding>>,
    /// The picture of one region's services.
    pub picture: Picture,
    /// Why the picture shows what it shows (e.g. which region, and how to
    /// ask for another).
    pub picture_note: String,
}

const STYLE: &str = "
body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:24px;color:#111;max-width:1600px}
h1{font-size:1.6em;margin:0 0 4px} h2{font-size:1.25em;margin:28px 0 8px;border-bottom:2px solid #ddd}
.lede{color:#333;max-width:70em} .facts{display:flex;gap:18px;flex-wrap:wrap;padding:0;list-style:none}
.facts li{background:#f4f4f4;border-radius:6px;padding:6px 12px} .facts b{font-size:1.3em}
.coverage{display:grid;grid-template-columns:minmax(0,1fr) minmax(20em,28em);gap:28px;align-items:start}
@media (max-width:1000px){.coverage{grid-template-columns:1fr}}
.heatmaps{display:flex;gap:22px;align-items:flex-start;flex-wrap:wrap}
table.heatmap{border-collapse:collapse;font-size:12px;margin-bottom:16px}
table.heatmap caption{text-align:left;font-weight:bold;padding:4px 0}
table.heatmap th{font-weight:normal;padding:3px 6px;text-align:left;white-space:nowrap}
table.heatmap thead th{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;vertical-align:bottom;padding:6px 2px}
table.heatmap td{width:30px;height:22px;text-align:center;border:1px solid #fff;font-variant-numeric:tabular-nums}
td.none{font-weight:bold}
.legend{display:flex;gap:4px;align-items:center;font-size:12px;margin:6px 0 14px;flex-wrap:wrap}
.legend span{display:inline-block;padding:3px 8px;border-radius:3px}
aside.gaps{position:sticky;top:8px;max-height:96vh;overflow:auto} aside.gaps li{margin-bottom:8px}
code{background:#f4f4f4;padding:1px 4px;border-radius:3px;font-size:90%}
.missing{background:#fff8e1;border-left:4px solid #E69F00;padding:8px 12px}
table.findings{border-collapse:collapse;font-size:13px} table.findings td,table.findings th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
.graph{overflow:auto;border:1px solid #ddd;border-radius:6px;padding:8px;max-height:90vh}
.key{font-size:12px;color:#333}
";

/// Renders the report page for `pathway`. O(size of the report).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let picture = carepath::Picture::new(&pathway, &carepath::PictureQuery::default())?;
/// let report = carepath::html::Report { heatmaps: None, coverage_note: String::new(), gaps: None,
///     findings: None, picture, picture_note: String::new() };
/// let page = carepath::html::render(&pathway, &report);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render(pathway: &Pathway, report: &Report) -> String {
    let meta = pathway.metadata();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — carepath report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        xml(&meta.name)
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"lede\">Version {}{}. {}</p>",
        xml(&meta.name),
        xml(&meta.version),
        meta.last_reviewed
            .as_ref()
            .map(|d| format!(", last reviewed {}", xml(d)))
            .unwrap_or_default(),
        xml(&meta.description)
    );
    let size = pathway.size();
    let (services, referrals, regions) = (size.services, size.referrals, size.regions);
    let entries = pathway.services().filter(|s| s.entry).count();
    let goals = pathway.services().filter(|s| s.goal).count();
    let _ = writeln!(
        out,
        "<ul class=\"facts\" id=\"summary\"><li><b>{services}</b> services</li><li><b>{entries}</b> entry points</li><li><b>{goals}</b> goal services</li><li><b>{referrals}</b> referrals</li><li><b>{regions}</b> regions</li></ul></header>"
    );

    out.push_str("<main>\n<section id=\"coverage\"><h2>Who has a route</h2>\n");
    match (&report.heatmaps, &report.gaps) {
        (Some(maps), gaps) => {
            if !report.coverage_note.is_empty() {
                let _ = writeln!(out, "<p class=\"lede\">{}</p>", xml(&report.coverage_note));
            }
            legend(&mut out);
            out.push_str("<div class=\"coverage\"><div class=\"heatmaps\">\n");
            for (k, h) in maps.iter().enumerate() {
                heatmap(h, k, &mut out);
            }
            out.push_str("</div>\n");
            gap_list(gaps.as_deref(), &mut out);
            out.push_str("</div>\n");
        }
        (None, _) => out.push_str(
            "<p class=\"missing\">Coverage was not analysed for this report: no heatmap or gap is shown.</p>\n",
        ),
    }
    out.push_str("</section>\n<section id=\"lint\"><h2>Findings</h2>\n");
    match &report.findings {
        None => out.push_str(
            "<p class=\"missing\">The file was not linted for this report: no finding is shown.</p>\n",
        ),
        Some(f) if f.is_empty() => out.push_str("<p>No findings.</p>\n"),
        Some(findings) => {
            out.push_str("<table class=\"findings\"><thead><tr><th>code</th><th>severity</th><th>where</th><th>finding</th></tr></thead><tbody>\n");
            for f in findings {
                let _ = writeln!(
                    out,
                    "<tr class=\"finding {}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    xml(&f.severity),
                    xml(&f.code),
                    xml(&f.severity),
                    xml(&f.location),
                    xml(&f.message)
                );
            }
            out.push_str("</tbody></table>\n");
        }
    }
    let _ = writeln!(
        out,
        "</section>\n<section id=\"graph\"><h2>{}</h2>\n<p class=\"key\">{} Columns by tier, universal to specialist; a double border marks an entry service, a thick one a goal service; dashed referrals carry a condition; hover over a service or referral for its details.</p>\n<div class=\"graph\">",
        xml(&report.picture.title),
        xml(&report.picture_note)
    );
    out.push_str(&super::svg::render(&report.picture));
    out.push_str("</div>\n</section>\n<section id=\"sources\"><h2>Sources</h2>\n");
    if meta.sources.is_empty() {
        out.push_str("<p>The pathway names no sources.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for s in &meta.sources {
            let title = match &s.url {
                Some(url) => format!(
                    "{} <span class=\"key\">({})</span>",
                    xml(&s.title),
                    xml(url)
                ),
                None => xml(&s.title),
            };
            let _ = writeln!(out, "<li><code>{}</code> {title}</li>", xml(&s.id));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n</main>\n<footer class=\"key\"><p>Made by carepath. A static page: no script, nothing fetched.</p></footer>\n</body>\n</html>\n");
    out
}

fn legend(out: &mut String) {
    out.push_str("<div class=\"legend\" id=\"legend\">Best weeks to the goal:");
    let mut from = 0.0;
    for (upto, fill, text) in palette::WEEKS {
        let label = if upto.is_finite() {
            format!("≤ {upto:.0}")
        } else {
            format!("> {from:.0}")
        };
        let _ = write!(
            out,
            "<span style=\"background:{fill};color:{text}\">{label}</span>"
        );
        from = upto;
    }
    let _ = writeln!(
        out,
        "<span style=\"background:{};color:{}\">✕ no route</span><span>* some families of the cell have no route</span></div>",
        palette::NO_ROUTE_FILL,
        palette::NO_ROUTE_TEXT
    );
}

fn heatmap(h: &Heatmap, k: usize, out: &mut String) {
    let _ = write!(
        out,
        "<table class=\"heatmap\" id=\"heatmap-{k}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        xml(&h.title),
        xml(&h.row_header)
    );
    for c in &h.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", xml(c));
    }
    out.push_str("</tr></thead><tbody>\n");
    for (r, row) in h.rows.iter().zip(&h.cells) {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", xml(r));
        for cell in row {
            let (fill, ink) = cell.colours();
            let class = match cell.best_weeks {
                Some(_) => "cell route",
                None if cell.undecided => "cell undecided",
                None => "cell none",
            };
            let weeks = cell
                .best_weeks
                .map_or_else(|| "none".to_owned(), |w| w.to_string());
            let _ = write!(
                out,
                "<td class=\"{class}\" data-weeks=\"{weeks}\" style=\"background:{fill};color:{ink}\" title=\"{}\">{}</td>",
                xml(&cell.describe()),
                xml(&cell.mark())
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// The fill and text colour of a cell of `weeks` best weeks.
fn weeks_colour(weeks: f64) -> (&'static str, &'static str) {
    palette::WEEKS
        .iter()
        .find(|(upto, _, _)| weeks <= *upto)
        .map_or(("#440154", "#FFFFFF"), |&(_, fill, text)| (fill, text))
}

fn gap_list(gaps: Option<&[Gap]>, out: &mut String) {
    out.push_str("<aside class=\"gaps\" id=\"gaps\"><h3>Gaps</h3>\n");
    match gaps {
        None => out.push_str("<p class=\"missing\">The gaps were not computed.</p>\n"),
        Some([]) => out.push_str("<p>None: every family in the range has a route.</p>\n"),
        Some(gaps) => {
            out.push_str("<ol>\n");
            for g in gaps {
                let _ = writeln!(
                    out,
                    "<li class=\"gap\"><span class=\"families\">{}</span><br><code>{}</code></li>",
                    xml(&g.families),
                    xml(&g.example)
                );
            }
            out.push_str("</ol>\n");
        }
    }
    out.push_str("</aside>\n");
}
