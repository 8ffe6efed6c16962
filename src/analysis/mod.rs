//! Questions about every family a pathway could see: the profile space,
//! partitioned; rules judged over it; coverage, gaps and the difference a
//! change makes.
//!
//! # The reasoning layer
//!
//! - `space` draws the finite profile space: leaf regions ×
//!   *kinds* of family (the adversity subsets and fact classes the rules
//!   can tell apart) × start days. Two families of one class get the same
//!   answer from every question.
//! - `sheet` holds sets of (day, kind) cells of one region,
//!   piecewise constant in the day: for every day, a bit set of kinds.
//! - `judge` evaluates rules over a whole region at once,
//!   three-valued exactly as `routes` does: for each service the cells
//!   (arrival day, kind) on which it accepts a family, for each referral
//!   the cells (day the referrer sees the family, kind) on which it may be
//!   made; per class, as a [`Days`] set.
//! - `ways` says who can bring a family to each service (`self` at an
//!   entry, the tier of each service referring to it) and judges a
//!   service's acceptance once per such way in when its rule asks who
//!   refers (`referred_from`): every analysis judges that clause with the
//!   referrer of the step, as `routes` does, never with it unknown.
//!
//! Everything that claims something of every family (coverage here, the
//! lints) is built on these, so there is one reasoning about rules.
//!
//! # The analyses
//!
//! - [`Pathway::coverage`](crate::Pathway::coverage): per class, the exact
//!   start days with a route to the goal and the best time (algorithm in
//!   `coverage`). A budget ([`COVERAGE_BUDGET`], [`COVERAGE_MEMORY`])
//!   leaves cells *not examined*; they are never reported as covered or
//!   as gaps.
//! - [`Coverage::gaps`]: the uncovered cells merged into boxes in words
//!   (what the merging guarantees: `boxes`), each with an example family,
//!   its `carepath route` command line and its nearest miss;
//!   [`Coverage::boxes`] every box; [`Coverage::matrix`] the region ×
//!   adversity matrix at one age.
//! - [`Coverage::diff`]: who gains, loses, or waits longer after a change.
//!
//! Exactness is checked by `tests/coverage_differential.rs` against
//! `routes(limit 1)` for every class and day of random small pathways.
//!
//! May use: the leaves, `document`, `model`, `pathway` and `query`.
//! Within: `days` < `sheet` < `space` < `judge` < `ways` < the analyses.

mod boxes;
mod coverage;
pub(crate) mod days;
mod diff;
mod fact_class;
mod gaps;
pub(crate) mod judge;
mod matrix;
mod query;
pub(crate) mod sheet;
pub(crate) mod space;
pub(crate) mod ways;

pub use boxes::{FactRange, FamilyBox};
pub use coverage::{Class, Coverage};
pub use days::Days;
pub use diff::{Change, ChangeKind, CoverageDiff, DIFF_THRESHOLD_DAYS, DiffSummary};
pub use gaps::{CoverageBox, Gap, Status};
pub use matrix::{Cell, Matrix, MatrixRow};
pub use query::{COVERAGE_BUDGET, COVERAGE_MEMORY, CoverageQuery};
pub use space::MAX_KINDS;

#[cfg(test)]
mod tests;
