//! Coverage for people and spreadsheets: the gaps in words, the region ×
//! adversity matrix as a Markdown table, every box as CSV.
//!
//! May use: `analysis` and the stages below it.

use crate::analysis::{Cell, ChangeKind, Coverage, CoverageBox, CoverageDiff, Gap, Matrix, Status};

use super::listing::escape;

/// The ages of the matrices `carepath coverage` prints: 3, 12 and 24 months.
pub const MATRIX_AGES: [i32; 3] = [91, 365, 731];

/// Renders gaps as a list: each box in words, its example's command line
/// and its nearest miss.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let text = carepath::text::gaps(&coverage.gaps());
/// assert!(text.starts_with("gaps: "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn gaps(gaps: &[Gap]) -> String {
    let mut out = format!("gaps: {} box(es) of families without a route\n", gaps.len());
    for g in gaps {
        out.push_str(&format!("- {}\n", escape(&g.families.words)));
        out.push_str(&format!("    e.g. {}\n", escape(&g.command)));
        if let Some(miss) = &g.nearest_miss {
            let reason = serde_json::to_value(&miss.reason)
                .ok()
                .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned))
                .unwrap_or_default();
            out.push_str(&format!(
                "    nearest: {}: {}\n",
                escape(&miss.service),
                escape(&reason)
            ));
        }
    }
    out
}

/// Renders a matrix as a Markdown table: `✓` every family, `◐` some,
/// `—` none, `?` not examined.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let table = carepath::text::matrix(&coverage.matrix(91));
/// assert!(table.starts_with("**At 3 months**"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn matrix(m: &Matrix) -> String {
    let mut out = format!(
        "**At {}**\n\n| Region |",
        escape(&crate::age::describe(m.age_days))
    );
    for c in &m.columns {
        out.push_str(&format!(" {} |", escape(&c.replace('_', " "))));
    }
    out.push_str("\n|---|");
    for _ in &m.columns {
        out.push_str("---|");
    }
    out.push('\n');
    for r in &m.rows {
        out.push_str(&format!("| {} |", escape(&r.name)));
        for c in &r.cells {
            out.push_str(match c {
                Cell::Covered => " ✓ |",
                Cell::Partly => " ◐ |",
                Cell::Gap => " — |",
                _ => " ? |",
            });
        }
        out.push('\n');
    }
    out
}

/// Renders a coverage for a terminal: whether it is complete, the gaps,
/// then the matrix at 3, 12 and 24 months.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// assert!(carepath::text::coverage(&coverage).contains("**At 12 months**"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn coverage(c: &Coverage<'_>) -> String {
    let mut out = String::new();
    if !c.is_complete() {
        out.push_str(
            "incomplete: the analysis stopped at its budget; cells it did not decide are marked `?` and are not listed as gaps\n\n",
        );
    }
    out.push_str(&gaps(&c.gaps()));
    for age in MATRIX_AGES {
        out.push('\n');
        out.push_str(&matrix(&c.matrix(age)));
    }
    out
}

/// Renders every box as CSV, one row per box: status, regions, with,
/// without, facts, from and before (days), best days, the box in words.
/// Every field is escaped as text output is (a name holding a control
/// character or a line break stays on its row).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let csv = carepath::text::boxes_csv(&coverage.boxes());
/// assert!(csv.starts_with("status,regions,with,without,facts,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn boxes_csv(boxes: &[CoverageBox]) -> String {
    let mut out = String::from(
        "status,regions,with,without,facts,from_age_days,before_age_days,best_days,words\n",
    );
    for b in boxes {
        let status = match b.status {
            Status::Covered => "covered",
            Status::Gap => "gap",
            _ => "not_examined",
        };
        let facts: Vec<String> = b
            .families
            .facts
            .iter()
            .map(|f| format!("{} {}", f.fact, f.values))
            .collect();
        let fields = [
            status.to_owned(),
            b.families.regions.join(" "),
            b.families.with.join(" "),
            b.families.without.join(" "),
            facts.join("; "),
            b.families.from_age_days.to_string(),
            b.families.before_age_days.to_string(),
            b.best_days.map(|d| d.to_string()).unwrap_or_default(),
            b.families.words.clone(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(&escape(f))).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it needs to be; a leading `=`, `+`, `-` or `@`
/// is prefixed with `'` so a spreadsheet does not read it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.parse::<f64>().is_err()) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Renders a diff: the counts first, what could not be compared, then each
/// box with its example's route before and after (or why it misses now).
///
/// ```
/// # let text = include_str!("../../tests/fixtures/small.json");
/// let old = carepath::Pathway::from_json(text)?;
/// let q = carepath::CoverageQuery::default();
/// let diff = old.coverage(&q)?.diff(&old.coverage(&q)?, 7)?;
/// assert!(carepath::text::diff(&diff).starts_with("loses: 0 box(es)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn diff(d: &CoverageDiff) -> String {
    let s = &d.summary;
    let mut out = format!(
        "loses: {} box(es) in {} area(s); gains: {}; slower: {}; sooner: {}\n",
        s.loses, s.areas_losing, s.gains, s.slower, s.sooner
    );
    if !d.complete {
        out.push_str("incomplete: cells an analysis did not decide are not compared\n");
    }
    for n in &d.notes {
        out.push_str(&format!("note: {}\n", escape(n)));
    }
    let route = |r: &Option<crate::query::route::Route>| match r {
        None => "no route".to_owned(),
        Some(r) => format!(
            "{} ({})",
            r.steps
                .iter()
                .map(|s| &*s.service)
                .collect::<Vec<_>>()
                .join(" → "),
            crate::age::describe_duration(r.days_to_goal)
        ),
    };
    for c in &d.changes {
        let kind = match c.kind {
            ChangeKind::Loses => "loses",
            ChangeKind::Gains => "gains",
            ChangeKind::Slower => "slower",
            _ => "sooner",
        };
        out.push_str(&format!("- {kind}: {}\n", escape(&c.families.words)));
        out.push_str(&format!("    before: {}\n", escape(&route(&c.before))));
        out.push_str(&format!("    after:  {}\n", escape(&route(&c.after))));
        if let Some(miss) = &c.reason_now {
            let reason = serde_json::to_value(&miss.reason)
                .ok()
                .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned))
                .unwrap_or_default();
            out.push_str(&format!(
                "    now: {}: {}\n",
                escape(&miss.service),
                escape(&reason)
            ));
        }
    }
    out
}
