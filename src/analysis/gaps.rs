//! Gaps: the families a pathway leaves without a route, as boxes in
//! words, each with an example family and why it misses; and every box of
//! the coverage, covered or not.

use serde::{Deserialize, Serialize};

use crate::model::profile::Profile;
use crate::query::prepared::WaitKind;
use crate::query::route::{NotReached, Reason, RouteQuery};

use super::boxes::{FamilyBox, RawBox, describe_box, merge};
use super::coverage::{Class, Coverage};
use super::days::Days;
use super::sheet::Sheet;

/// A box of families with no route to the goal.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// for gap in coverage.gaps() {
///     // The example family has no route, as `routes` says.
///     let q = carepath::RouteQuery::default().limit(1);
///     assert!(pathway.routes(&gap.example, &q)?.routes.is_empty());
///     assert!(gap.command.starts_with("carepath route"));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Gap {
    /// The families.
    pub families: FamilyBox,
    /// One family of the box (its first region, adversities and facts as
    /// the box fixes them, the first age that can be written).
    pub example: Profile,
    /// The `carepath route` command line that asks about it.
    pub command: String,
    /// Why the example family misses the goal service that comes closest,
    /// as `routes` explains it (`None` when the pathway has no goal
    /// service it could be told about).
    pub nearest_miss: Option<NotReached>,
}

/// Whether the families of a box have a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Every family of the box has a route.
    Covered,
    /// No family of the box has a route.
    Gap,
    /// Not decided: the analysis stopped at a budget first.
    NotExamined,
}

/// One box of the coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CoverageBox {
    /// Covered, gap, or not examined.
    pub status: Status,
    /// The families.
    pub families: FamilyBox,
    /// One family of the box.
    pub example: Profile,
    /// Days until the goal service sees the example family, by its best
    /// route (covered boxes only).
    pub best_days: Option<i64>,
}

impl Coverage<'_> {
    /// The cells of each leaf region with no route (decided ones only).
    pub(crate) fn uncovered(&self) -> Vec<Sheet> {
        let range = self.range();
        self.regions
            .iter()
            .map(|r| {
                Sheet::on(&range, &self.everyone())
                    .and_not(&r.covered)
                    .and_not(&r.undecided)
            })
            .collect()
    }

    pub(crate) fn range(&self) -> Days {
        Days::range(
            Some(i64::from(self.query.from_age_days)),
            Some(i64::from(self.query.before_age_days)),
        )
    }

    pub(crate) fn everyone(&self) -> Vec<u64> {
        let mut bits = vec![0u64; self.space.words];
        for k in 0..self.space.kinds {
            super::sheet::set(&mut bits, k);
        }
        bits
    }

    /// The families with no route, merged into boxes ([`FamilyBox`]: a
    /// set of regions × an adversity pattern × a range of each fact's
    /// classes × a range of start days), each with an example family, the
    /// command line that asks about it, and its nearest miss. Cells the
    /// analysis did not decide are never reported as gaps.
    ///
    /// What the merging guarantees: the union of the boxes is exactly the
    /// set of families with no route (none left out, none added; boxes may
    /// overlap); no box can be widened in any one dimension (a region, an
    /// adversity freed, a fact's range, the days) and still hold only
    /// families with no route; regions are written as the widest tree
    /// nodes all of whose areas are in the box ("a board", "the
    /// country"); and the boxes are the same on every run. They are
    /// maximal, not always the fewest possible (finding the fewest is
    /// NP-hard): the merging is greedy, in region id, day and kind order.
    ///
    /// Complexity: the merging (O(boxes · kinds · regions · pieces)) and
    /// one explained `routes` question per box.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
    /// let gaps = coverage.gaps();
    /// // Every box is stated in words, with a family anyone can ask about.
    /// assert!(gaps.iter().all(|g| !g.families.words.is_empty()));
    /// assert!(gaps.iter().all(|g| g.command.starts_with("carepath route --age")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn gaps(&self) -> Vec<Gap> {
        merge(&self.space, &self.uncovered())
            .iter()
            .map(|b| self.gap(b))
            .collect()
    }

    fn gap(&self, b: &RawBox) -> Gap {
        let families = describe_box(self.pathway, &self.space, b);
        let (class, day) = self.seed(b);
        let example = self.example(&class, day);
        let nearest_miss = self
            .pathway
            .routes(&example, &self.route_query(1))
            .ok()
            .and_then(|a| nearest(a.not_reached));
        Gap {
            command: self.command(&example, day),
            families,
            example,
            nearest_miss,
        }
    }

    /// The seed class of a box and its first day that a profile can write.
    pub(crate) fn seed(&self, b: &RawBox) -> (Class, i32) {
        let region = b
            .leaves
            .first()
            .map(|&r| self.pathway.regions.id(r).to_owned())
            .unwrap_or_default();
        let from = i32::try_from(b.from).unwrap_or(0);
        let before = i32::try_from(b.before).unwrap_or(from.saturating_add(1));
        let day = writable_day(from, before);
        (
            Class {
                region,
                kind: b.seed,
            },
            day,
        )
    }

    /// Every box of the coverage: covered (with the example's best time),
    /// gaps, and cells not examined.
    #[must_use]
    pub fn boxes(&self) -> Vec<CoverageBox> {
        let covered: Vec<Sheet> = self.regions.iter().map(|r| r.covered.clone()).collect();
        let undecided: Vec<Sheet> = self.regions.iter().map(|r| r.undecided.clone()).collect();
        let mut out = Vec::new();
        for (status, sets) in [
            (Status::Covered, covered),
            (Status::Gap, self.uncovered()),
            (Status::NotExamined, undecided),
        ] {
            for b in merge(&self.space, &sets) {
                let (class, day) = self.seed(&b);
                out.push(CoverageBox {
                    status,
                    families: describe_box(self.pathway, &self.space, &b),
                    example: self.example(&class, day),
                    best_days: self.best_days(&class, day),
                });
            }
        }
        out
    }

    /// The route question this coverage asks of one family.
    pub(crate) fn route_query(&self, limit: usize) -> RouteQuery {
        let mut q = RouteQuery::default()
            .limit(limit)
            .max_hops(self.query.max_hops)
            .waits(self.query.waits);
        q.goal.clone_from(&self.query.goal);
        q
    }

    /// The `carepath route` command line for a family.
    pub(crate) fn command(&self, family: &Profile, day: i32) -> String {
        let mut c = format!(
            "carepath route --age '{}' --region {}",
            age_text(day),
            family.region.as_deref().unwrap_or_default()
        );
        for a in &family.adversities {
            c.push_str(&format!(" --adversity {a}"));
        }
        for (k, v) in &family.facts {
            let v = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            c.push_str(&format!(" --fact {k}={v}"));
        }
        if let Some(g) = &self.query.goal {
            for t in &g.tags {
                c.push_str(&format!(" --goal-tag {t}"));
            }
            for s in &g.services {
                c.push_str(&format!(" --goal-service {s}"));
            }
        }
        if self.query.waits == WaitKind::Pessimistic {
            c.push_str(" --pessimistic");
        }
        if self.query.max_hops != RouteQuery::default().max_hops {
            c.push_str(&format!(" --max-hops {}", self.query.max_hops));
        }
        c
    }
}

/// The goal service a family comes closest to: aged out on the way, then
/// not yet (a route opens later), then not eligible, then unreachable,
/// then not examined, then elsewhere; the first in id order among equals.
pub(crate) fn nearest(not_reached: Vec<NotReached>) -> Option<NotReached> {
    let rank = |r: &Reason| match r {
        Reason::AgedOutOnTheWay { .. } => 0,
        Reason::NotYet { .. } => 1,
        Reason::NotEligible { .. } => 2,
        Reason::Unreachable { .. } => 3,
        Reason::NotExamined { .. } => 4,
        Reason::NotInRegion { .. } => 5,
        #[allow(unreachable_patterns)]
        _ => 6,
    };
    not_reached.into_iter().min_by_key(|n| rank(&n.reason))
}

/// The first day of `from..before` a profile's age text can write (days
/// after birth; whole weeks of gestation before), or `from`.
fn writable_day(from: i32, before: i32) -> i32 {
    if from >= 0 {
        return from;
    }
    let week = from + (-(from + 280)).rem_euclid(7);
    if week < before {
        week
    } else if before > 0 {
        0
    } else {
        from
    }
}

/// An age as the command line writes it.
pub(crate) fn age_text(day: i32) -> String {
    if day >= 0 {
        format!("{day} days")
    } else if (day + 280) % 7 == 0 {
        format!("{} weeks gestation", (day + 280) / 7)
    } else {
        crate::age::describe(day)
    }
}

impl Days {
    /// The days, ascending, within `from..before`, each interval in words.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
    /// let class = coverage.classes().next().ok_or("no class")?;
    /// let words = coverage.covered_days(&class).describe();
    /// assert!(words.iter().all(|w| w.starts_with("from ")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn describe(&self) -> Vec<String> {
        self.intervals()
            .iter()
            .map(|&(a, b)| {
                format!(
                    "from {} to {}",
                    crate::age::describe(i32::try_from(a).unwrap_or(i32::MIN)),
                    crate::age::describe(i32::try_from(b).unwrap_or(i32::MAX))
                )
            })
            .collect()
    }
}
