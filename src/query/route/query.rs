//! What a route question asks: the goal, where to start, how many routes,
//! how they are ranked and which waits to assume.

use serde::{Deserialize, Serialize};

use crate::document::GoalDoc;
use crate::query::prepared::WaitKind;

/// The most routes one query may ask for.
pub const MAX_ROUTES: usize = 50;
/// The most referrals one route may take.
pub const MAX_HOPS: usize = 16;
/// The most partial routes one search creates (each is memory held until
/// the search ends).
pub const SEARCH_BUDGET: usize = 200_000;
/// The most steps one query takes across all its searches (routes and
/// explanations): referrals looked at while extending partial routes (each
/// judges at most a referral's condition and a service's rule, of at most
/// [`MAX_RULE_SIZE`](crate::MAX_RULE_SIZE) each), and services and
/// referrals visited by the reverse searches that bound each goal's search.
/// Goal services not examined by then are reported as
/// [`Reason::NotExamined`](crate::Reason::NotExamined), and the answer as incomplete.
pub const QUERY_BUDGET: usize = 1_000_000;

/// The default [`RouteQuery::search_ahead`]: how many more partial routes
/// a search with explanations examines past the routes asked for, looking
/// for the best route to the other goals before searching for each alone.
/// Tuned on the synthetic national pathway (`benches/routes`).
pub const SEARCH_AHEAD: usize = 1_024;

/// How routes are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ranking {
    /// Soonest seen by the goal service; then fewest handoffs is not
    /// considered, ties go to service ids.
    #[default]
    SoonestSeen,
    /// Fewest referrals; then soonest seen; then service ids.
    FewestHandoffs,
}

/// What a route question asks.
///
/// ```
/// let q = carepath::RouteQuery::default().limit(5).max_hops(4);
/// assert_eq!((q.limit, q.max_hops), (5, 4));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RouteQuery {
    /// Which services end a route; the pathway's goal when absent.
    pub goal: Option<GoalDoc>,
    /// The service the family is already with (seen today); otherwise every
    /// entry service that accepts them today.
    pub from: Option<String>,
    /// How many options, best first (1 to [`MAX_ROUTES`]; default 3): routes
    /// that differ only in their first service, with the same later steps
    /// on the same days, are one option, and all of them are listed.
    pub limit: usize,
    /// The most referrals in a route (1 to [`MAX_HOPS`]; default 8).
    pub max_hops: usize,
    /// How routes are ranked.
    pub ranking: Ranking,
    /// Typical or pessimistic waits.
    pub waits: WaitKind,
    /// Whether to explain the other goal services: fill
    /// [`RouteAnswer::not_reached`](crate::RouteAnswer::not_reached) and [`RouteAnswer::also_reachable`](crate::RouteAnswer::also_reachable)
    /// (default `true`). A host that shows only the best routes saves most
    /// of the query's time with `false`.
    pub explain: bool,
    /// How many more partial routes the search examines past the routes
    /// asked for, to find the other goals' best routes in the same pass
    /// (0 to [`SEARCH_BUDGET`]; default [`SEARCH_AHEAD`]; 0 searches for
    /// each other goal alone).
    /// It changes only how fast the answer comes, never the answer.
    pub search_ahead: usize,
}

impl Default for RouteQuery {
    fn default() -> Self {
        Self {
            goal: None,
            from: None,
            limit: 3,
            max_hops: 8,
            ranking: Ranking::SoonestSeen,
            waits: WaitKind::Typical,
            explain: true,
            search_ahead: SEARCH_AHEAD,
        }
    }
}

impl RouteQuery {
    /// Sets the number of routes.
    #[must_use]
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }
    /// Sets the hop limit.
    #[must_use]
    pub fn max_hops(mut self, n: usize) -> Self {
        self.max_hops = n;
        self
    }
    /// Starts from a service the family is already with.
    #[must_use]
    pub fn from(mut self, service: &str) -> Self {
        self.from = Some(service.to_owned());
        self
    }
    /// Sets the ranking.
    #[must_use]
    pub fn ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
        self
    }
    /// Sets which waits to use.
    #[must_use]
    pub fn waits(mut self, waits: WaitKind) -> Self {
        self.waits = waits;
        self
    }
    /// Sets the goal.
    #[must_use]
    pub fn goal(mut self, goal: GoalDoc) -> Self {
        self.goal = Some(goal);
        self
    }
    /// Whether to explain the goal services no route reaches, and name the
    /// other reachable ones (default `true`).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json"))?;
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let q = carepath::RouteQuery::default().explain(false);
    /// let answer = pathway.routes(&family, &q)?;
    /// assert!(!answer.routes.is_empty());
    /// assert!(answer.not_reached.is_empty() && answer.also_reachable.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }
    /// Sets [`RouteQuery::search_ahead`].
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json"))?;
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let q = carepath::RouteQuery::default().limit(1);
    /// let a = pathway.routes(&family, &q)?;
    /// let b = pathway.routes(&family, &q.clone().search_ahead(0))?;
    /// assert_eq!(a, b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn search_ahead(mut self, n: usize) -> Self {
        self.search_ahead = n;
        self
    }
}
