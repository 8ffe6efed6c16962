//! What a coverage question asks, and its limits.

use serde::{Deserialize, Serialize};

use crate::document::GoalDoc;
use crate::query::prepared::WaitKind;

/// The most partial routes one coverage question examines, over all
/// regions, by default ([`CoverageQuery::budget`] changes it). Regions not
/// finished by then are reported as not examined.
pub const COVERAGE_BUDGET: usize = 2_000_000;

/// The most bytes the open partial routes of one region's search may hold
/// (256 MiB); past it the search stops as for [`COVERAGE_BUDGET`].
pub const COVERAGE_MEMORY: usize = 256 << 20;

/// What a coverage question asks: which goal, which waits, how many
/// referrals at most, and over which start ages.
///
/// ```
/// let q = carepath::CoverageQuery::default().ages(0, 365).max_hops(4);
/// assert_eq!((q.from_age_days, q.before_age_days, q.max_hops), (0, 365, 4));
/// assert_eq!(carepath::CoverageQuery::default().from_age_days, -280);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CoverageQuery {
    /// Which services end a route; the pathway's goal when absent (as
    /// [`RouteQuery::goal`](crate::RouteQuery::goal)).
    pub goal: Option<GoalDoc>,
    /// Typical or pessimistic waits.
    pub waits: WaitKind,
    /// The most referrals in a route (1 to [`MAX_HOPS`](crate::route::MAX_HOPS); default 8, as `routes`).
    pub max_hops: usize,
    /// The first start age examined, in days (default `pregnancy`, −280).
    pub from_age_days: i32,
    /// The start age before which the range ends, in days (default
    /// `5 years`, 1826).
    pub before_age_days: i32,
    /// Whether a fact a rule tests may also be missing from a family's
    /// profile (its own class). Default `false`: every fact is known.
    pub missing_facts: bool,
    /// The most partial routes examined, over all regions (default
    /// [`COVERAGE_BUDGET`]). Past it the answer is incomplete: the cells
    /// not decided are reported as not examined, never as covered or as a
    /// gap.
    pub budget: usize,
}

impl Default for CoverageQuery {
    fn default() -> Self {
        Self {
            goal: None,
            waits: WaitKind::Typical,
            max_hops: 8,
            from_age_days: -280,
            before_age_days: 1826,
            missing_facts: false,
            budget: COVERAGE_BUDGET,
        }
    }
}

impl CoverageQuery {
    /// Sets the goal.
    ///
    /// ```
    /// use carepath::document::GoalDoc;
    /// let goal = GoalDoc { tags: vec!["perinatal".into()], ..GoalDoc::default() };
    /// let q = carepath::CoverageQuery::default().goal(goal.clone());
    /// assert_eq!(q.goal, Some(goal));
    /// ```
    #[must_use]
    pub fn goal(mut self, goal: GoalDoc) -> Self {
        self.goal = Some(goal);
        self
    }

    /// Sets which waits to use.
    ///
    /// ```
    /// let q = carepath::CoverageQuery::default().waits(carepath::WaitKind::Pessimistic);
    /// assert_eq!(q.waits, carepath::WaitKind::Pessimistic);
    /// ```
    #[must_use]
    pub fn waits(mut self, waits: WaitKind) -> Self {
        self.waits = waits;
        self
    }

    /// Sets the hop limit.
    ///
    /// ```
    /// assert_eq!(carepath::CoverageQuery::default().max_hops(3).max_hops, 3);
    /// ```
    #[must_use]
    pub fn max_hops(mut self, n: usize) -> Self {
        self.max_hops = n;
        self
    }

    /// Sets the start ages examined: `from ≤ age < before`, in days.
    ///
    /// ```
    /// let q = carepath::CoverageQuery::default().ages(0, 731);
    /// assert_eq!((q.from_age_days, q.before_age_days), (0, 731));
    /// ```
    #[must_use]
    pub fn ages(mut self, from: i32, before: i32) -> Self {
        self.from_age_days = from;
        self.before_age_days = before;
        self
    }

    /// Whether tested facts may also be missing.
    ///
    /// ```
    /// assert!(carepath::CoverageQuery::default().missing_facts(true).missing_facts);
    /// ```
    #[must_use]
    pub fn missing_facts(mut self, yes: bool) -> Self {
        self.missing_facts = yes;
        self
    }

    /// Sets the most partial routes examined (see [`COVERAGE_BUDGET`]).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let q = carepath::CoverageQuery::default().budget(1);
    /// assert!(!pathway.coverage(&q)?.is_complete());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn budget(mut self, partial_routes: usize) -> Self {
        self.budget = partial_routes;
        self
    }
}
