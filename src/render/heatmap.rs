//! Coverage heatmaps: the exact coverage of [`Pathway::coverage`](crate::Pathway::coverage)
//! read out as tables of leaf region × adversity at chosen ages, and leaf
//! region × age for one adversity, each cell the best weeks to the goal
//! for a family of that region with that one adversity starting that day.
//!
//! **What a cell holds.** The families of a cell are every kind of family
//! (see [`analysis`](crate::analysis)) whose adversities are exactly the
//! one named (an adversity no rule tests is the same as none), over every
//! class of the facts. The cell shows the best weeks among them; when some
//! of them have no route and others do, the cell says so (`*`), and when
//! none has, it is marked "no route". A cell the analysis did not decide
//! (a budget stopped it) is marked undecided, never guessed.
//!
//! Also as SVG ([`svg`]) for pages that cannot hold a table (a README).
//!
//! May use: `analysis`, `render::palette`, `render::svg` and the stages
//! below them.

use std::fmt::Write;

use crate::analysis::{Class, Coverage};
use crate::error::QueryError;
use crate::suggest::NameKind;

use super::html::{Cell, Heatmap};
use super::palette;
use super::svg::xml;

/// The heatmap of every leaf region × every adversity of the vocabulary,
/// at start age `day` (days).
///
/// Complexity: O(leaf regions × kinds × layers of the coverage).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let map = carepath::heatmap::by_adversity(&coverage, 91, "At 3 months");
/// assert_eq!(map.rows.len(), 2); // the leaf regions: east-city, west
/// assert_eq!(map.columns.len(), 3); // the adversities
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn by_adversity(coverage: &Coverage<'_>, day: i32, title: &str) -> Heatmap {
    let pathway = coverage.pathway;
    let adversities: Vec<usize> = (0..pathway.vocabulary.adversities.len()).collect();
    let columns = pathway
        .vocabulary
        .adversities
        .iter()
        .map(|(_, label)| label.clone())
        .collect();
    let rows = leaves(coverage);
    let cells = rows
        .iter()
        .map(|(id, _)| {
            adversities
                .iter()
                .map(|&a| cell(coverage, id, a, day))
                .collect()
        })
        .collect();
    Heatmap {
        title: title.to_owned(),
        row_header: "Area".into(),
        rows: rows.into_iter().map(|(_, name)| name).collect(),
        columns,
        cells,
    }
}

/// The heatmap of every leaf region × each of `ages` (days, with their
/// labels) for families with the one adversity `adversity`.
///
/// # Errors
/// [`QueryError::UnknownAdversity`] when the vocabulary lacks `adversity`
/// (by id or label).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let ages = [(0, "birth".to_owned()), (730, "2 years".to_owned())];
/// let map = carepath::heatmap::by_age(&coverage, "domestic_abuse", &ages, "Domestic abuse")?;
/// assert_eq!(map.columns, ["birth", "2 years"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn by_age(
    coverage: &Coverage<'_>,
    adversity: &str,
    ages: &[(i32, String)],
    title: &str,
) -> Result<Heatmap, QueryError> {
    let pathway = coverage.pathway;
    let id = pathway.resolve(NameKind::Adversity, adversity)?;
    let a = pathway
        .vocabulary
        .adversity(&id)
        .ok_or_else(|| QueryError::OutOfRange(format!("unknown adversity `{adversity}`")))?;
    let rows = leaves(coverage);
    let cells = rows
        .iter()
        .map(|(id, _)| {
            ages.iter()
                .map(|(d, _)| cell(coverage, id, a, *d))
                .collect()
        })
        .collect();
    Ok(Heatmap {
        title: title.to_owned(),
        row_header: "Area".into(),
        rows: rows.into_iter().map(|(_, name)| name).collect(),
        columns: ages.iter().map(|(_, l)| l.clone()).collect(),
        cells,
    })
}

/// The leaf regions of the coverage, (id, name) in id order.
fn leaves(coverage: &Coverage<'_>) -> Vec<(String, String)> {
    let tree = &coverage.pathway.regions;
    coverage
        .space
        .leaves
        .iter()
        .filter_map(|&r| tree.regions.get(r.index()))
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect()
}

/// The cell of families in `region` with exactly vocabulary adversity
/// `adversity`, starting on `day`.
fn cell(coverage: &Coverage<'_>, region: &str, adversity: usize, day: i32) -> Cell {
    let space = &coverage.space;
    // Bit of the adversity among the tested ones, if any rule tests it.
    let bit = space.adversities.iter().position(|&x| x == adversity);
    let mut best: Option<i64> = None;
    let (mut with, mut without, mut undecided) = (0usize, 0usize, 0usize);
    for kind in 0..space.kinds {
        let exact =
            (0..space.adversities.len()).all(|i| space.has_adversity(kind, i) == (Some(i) == bit));
        if !exact {
            continue;
        }
        let class = Class {
            region: region.to_owned(),
            kind,
        };
        if coverage.undecided_days(&class).contains(i64::from(day)) {
            undecided += 1;
            continue;
        }
        match coverage.best_days(&class, day) {
            Some(d) => {
                with += 1;
                best = Some(best.map_or(d, |b| b.min(d)));
            }
            None => without += 1,
        }
    }
    Cell {
        best_weeks: best.map(|d| (d as f64 / 7.0 * 10.0).round() / 10.0),
        some_without: with > 0 && without > 0,
        undecided: undecided > 0,
    }
}

/// A heatmap as a standalone SVG picture: the same cells, colours and
/// marks as the HTML table, for pages that cannot hold the table (a
/// README). O(cells).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let map = carepath::heatmap::by_adversity(&coverage, 91, "At 3 months");
/// let svg = carepath::heatmap::svg(&map);
/// assert_eq!(svg.matches("<rect class=\"cell").count(), 2 * 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn svg(map: &Heatmap) -> String {
    const CELL: f64 = 34.0;
    const ROW: f64 = 20.0;
    let label_width = 8.0
        + 6.5
            * map
                .rows
                .iter()
                .map(|r| r.chars().count())
                .max()
                .unwrap_or(4) as f64;
    let header = 10.0
        + 6.0
            * map
                .columns
                .iter()
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(4) as f64;
    let top = 24.0 + header;
    let width = label_width + CELL * map.columns.len() as f64 + 16.0;
    let height = top + ROW * map.rows.len() as f64 + 60.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"11\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n<text x=\"4\" y=\"16\" font-weight=\"bold\" font-size=\"13\">{}</text>",
        xml(&map.title),
        xml(&map.title)
    );
    for (j, c) in map.columns.iter().enumerate() {
        let x = label_width + CELL * j as f64 + CELL / 2.0 + 4.0;
        let _ = writeln!(
            out,
            "<text transform=\"translate({x:.1},{:.1}) rotate(-90)\">{}</text>",
            top - 6.0,
            xml(c)
        );
    }
    for (i, (r, row)) in map.rows.iter().zip(&map.cells).enumerate() {
        let y = top + ROW * i as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_width - 6.0,
            y + 14.0,
            xml(r)
        );
        for (j, c) in row.iter().enumerate() {
            let x = label_width + CELL * j as f64;
            let (fill, ink) = c.colours();
            let _ = writeln!(
                out,
                "<rect class=\"cell\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{}: {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text>",
                CELL - 2.0,
                ROW - 2.0,
                xml(r),
                xml(&c.describe()),
                x + CELL / 2.0 - 1.0,
                y + 13.0,
                xml(&c.mark())
            );
        }
    }
    // Legend.
    let y = top + ROW * map.rows.len() as f64 + 14.0;
    let _ = writeln!(
        out,
        "<text x=\"4\" y=\"{:.1}\">Best weeks to the goal:</text>",
        y + 12.0
    );
    let mut x = 150.0;
    let mut from = 0.0;
    for (upto, fill, ink) in palette::WEEKS {
        let label = if upto.is_finite() {
            format!("≤ {upto:.0}")
        } else {
            format!("> {from:.0}")
        };
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"48\" height=\"18\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{ink}\">{label}</text>",
            x + 24.0,
            y + 13.0
        );
        x += 50.0;
        from = upto;
    }
    let _ = writeln!(
        out,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"80\" height=\"18\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\">✕ no route</text>",
        palette::NO_ROUTE_FILL,
        x + 40.0,
        y + 13.0,
        palette::NO_ROUTE_TEXT
    );
    let _ = writeln!(
        out,
        "<text x=\"4\" y=\"{:.1}\">* some families of the cell (by the facts the rules test) have no route</text>",
        y + 36.0
    );
    out.push_str("</svg>\n");
    out
}
