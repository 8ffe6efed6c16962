//! What a change to a pathway does to who is covered: the families who
//! gain a route, who lose one, and whose best time moves by more than a
//! threshold, as boxes with an example family each.

use serde::{Deserialize, Serialize};

use crate::error::QueryError;
use crate::model::profile::Profile;
use crate::query::route::{NotReached, Route};

use super::boxes::{FamilyBox, RawBox, describe_box, merge};
use super::coverage::Coverage;
use super::gaps::nearest;
use super::sheet::Sheet;
use super::space::{ProfileSpace, SpaceOptions};

/// The default threshold for a change of best time: one week.
pub const DIFF_THRESHOLD_DAYS: i64 = 7;

/// How a box of families changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// They had no route and now have one.
    Gains,
    /// They had a route and now have none.
    Loses,
    /// Their best route now takes longer, by more than the threshold.
    Slower,
    /// Their best route is now sooner, by more than the threshold.
    Sooner,
}

/// One box of families whose coverage changes, with an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Change {
    /// How it changes.
    pub kind: ChangeKind,
    /// The families.
    pub families: FamilyBox,
    /// One family of the box.
    pub example: Profile,
    /// The example's best route in the old pathway.
    pub before: Option<Route>,
    /// Its best route in the new pathway.
    pub after: Option<Route>,
    /// For a loss: why the example misses the goal service that comes
    /// closest now.
    pub reason_now: Option<NotReached>,
}

/// The counts of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DiffSummary {
    /// Boxes of families who gain a route.
    pub gains: usize,
    /// Boxes of families who lose their route.
    pub loses: usize,
    /// Boxes whose best time grows by more than the threshold.
    pub slower: usize,
    /// Boxes whose best time shrinks by more than the threshold.
    pub sooner: usize,
    /// Areas in which some family loses its route.
    pub areas_losing: usize,
}

/// What a change to a pathway does to who is covered.
///
/// ```
/// # let text = include_str!("../../tests/fixtures/small.json");
/// let old = carepath::Pathway::from_json(text)?;
/// let new = carepath::Pathway::from_json(&text.replace("\"before\": \"2 years\"", "\"before\": \"18 months\""))?;
/// let q = carepath::CoverageQuery::default();
/// let diff = old.coverage(&q)?.diff(&new.coverage(&q)?, 7)?;
/// assert!(diff.summary.loses > 0);
/// for c in &diff.changes {
///     if c.kind == carepath::ChangeKind::Loses {
///         assert!(c.before.is_some() && c.after.is_none());
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CoverageDiff {
    /// The counts, first.
    pub summary: DiffSummary,
    /// What could not be compared (areas, adversities or facts only in
    /// one file), in words.
    pub notes: Vec<String>,
    /// The boxes: losses, then gains, then slower, then sooner.
    pub changes: Vec<Change>,
    /// `false` when either analysis stopped at a budget: undecided cells
    /// are not compared.
    pub complete: bool,
}

impl Coverage<'_> {
    /// What changes from this coverage (the old pathway) to `new`'s: the
    /// families who gain or lose a route, and those whose best time moves
    /// by more than `threshold_days`. Two coverages over the same kinds
    /// and areas are compared cell by cell; otherwise both are computed
    /// again over what the two files share, and the rest is said in
    /// [`CoverageDiff::notes`].
    ///
    /// Complexity: O(L · (p + l²) · w) for the cells (L areas, l layers of
    /// best times, p pieces, w words) plus the merging and two route
    /// questions per box.
    ///
    /// # Errors
    /// As [`Pathway::coverage`](crate::Pathway::coverage), when the
    /// coverages must be computed again.
    pub fn diff(
        &self,
        new: &Coverage<'_>,
        threshold_days: i64,
    ) -> Result<CoverageDiff, QueryError> {
        if self.space.same_as(self.pathway, &new.space, new.pathway) {
            return Ok(self.compare(new, threshold_days, Vec::new()));
        }
        let options = SpaceOptions {
            missing_facts: self.query.missing_facts,
            ..SpaceOptions::default()
        };
        let (a, b, notes): (ProfileSpace, ProfileSpace, Vec<String>) =
            ProfileSpace::joint(self.pathway, new.pathway, options)?;
        let old = self.pathway.coverage_in(a, &self.query)?;
        let newer = new.pathway.coverage_in(b, &self.query)?;
        Ok(old.compare(&newer, threshold_days, notes))
    }

    fn compare(&self, new: &Coverage<'_>, threshold: i64, notes: Vec<String>) -> CoverageDiff {
        let mut loses = Vec::new();
        let mut gains = Vec::new();
        let mut slower = Vec::new();
        let mut sooner = Vec::new();
        let words = self.space.words;
        for (o, n) in self.regions.iter().zip(&new.regions) {
            let open = o.undecided.or(&n.undecided);
            loses.push(o.covered.and_not(&n.covered).and_not(&open));
            gains.push(n.covered.and_not(&o.covered).and_not(&open));
            let (mut up, mut down) = (Sheet::empty(words), Sheet::empty(words));
            for (a, old_cells) in &o.layers {
                for (b, new_cells) in &n.layers {
                    if b.abs_diff(*a) <= threshold.unsigned_abs() {
                        continue;
                    }
                    let both = old_cells.and(new_cells);
                    if both.is_empty() {
                        continue;
                    }
                    if b > a {
                        up = up.or(&both);
                    } else {
                        down = down.or(&both);
                    }
                }
            }
            slower.push(up);
            sooner.push(down);
        }
        let areas_losing = loses.iter().filter(|s| !s.is_empty()).count();
        let mut changes = Vec::new();
        let mut summary = DiffSummary {
            areas_losing,
            ..DiffSummary::default()
        };
        for (kind, sets) in [
            (ChangeKind::Loses, loses),
            (ChangeKind::Gains, gains),
            (ChangeKind::Slower, slower),
            (ChangeKind::Sooner, sooner),
        ] {
            let boxes = merge(&self.space, &sets);
            match kind {
                ChangeKind::Loses => summary.loses = boxes.len(),
                ChangeKind::Gains => summary.gains = boxes.len(),
                ChangeKind::Slower => summary.slower = boxes.len(),
                _ => summary.sooner = boxes.len(),
            }
            for b in &boxes {
                changes.push(self.change(new, kind, b));
            }
        }
        CoverageDiff {
            summary,
            notes,
            changes,
            complete: self.is_complete() && new.is_complete(),
        }
    }

    fn change(&self, new: &Coverage<'_>, kind: ChangeKind, b: &RawBox) -> Change {
        let (class, day) = self.seed(b);
        let example = new.example(&class, day);
        let before_family = self.example(&class, day);
        let best = |c: &Coverage<'_>, family: &Profile| {
            c.pathway
                .routes(family, &c.route_query(1).explain(false))
                .ok()
                .and_then(|a| a.routes.into_iter().next())
        };
        let before = best(self, &before_family);
        let after = best(new, &example);
        let reason_now = if kind == ChangeKind::Loses {
            new.pathway
                .routes(&example, &new.route_query(1))
                .ok()
                .and_then(|a| nearest(a.not_reached))
        } else {
            None
        };
        Change {
            kind,
            families: describe_box(new.pathway, &new.space, b),
            example,
            before,
            after,
            reason_now,
        }
    }
}
