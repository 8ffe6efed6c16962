//! Ranked referral routes with age on arrival, and why each goal service
//! not reached is out of reach.
//!
//! # Algorithm
//!
//! **Routes.** A* over partial simple paths (over paths, not nodes): a
//! heap holds partial routes keyed by a lower bound on the ranking key of
//! any route completing them (days so far plus the bound, or hops then
//! days) and then by their sequence of services. The bound is computed per
//! query by a reverse Dijkstra (least wait + delay) and a reverse BFS (fewest
//! referrals) from the goal services, entering only services that could
//! accept the family at some age from today (region and rule, ages left
//! open); it ignores ages on the way, so it never overestimates, and it is a
//! shortest-path distance, so keys never decrease along a route. Complete
//! routes therefore leave the heap in exact ranking order, ties broken by
//! service ids. A partial route with no finite bound, or one that cannot
//! end within the hop limit, is dropped. Each extension checks the
//! referral's condition on the day the family is seen and the receiving
//! service's eligibility on the day the referral arrives (or, for clauses
//! judged when seen, after its wait). Routes end at the first goal service.
//!
//! **Explanations.** The search goes on for up to
//! [`RouteQuery::search_ahead`] more partial routes; the first route it
//! completes to another goal is that goal's best (`also_reachable`). Each
//! goal still without one is examined alone: out of region, or excluded by
//! its own rule at every age (no search); else an A* towards it alone,
//! pruned by its age limit; else searches that relax its rule (aged out on
//! the way, or not eligible) and then every rule (which door is closed).
//!
//! Complexity: O(V + E log V) for the bound, then O(P · (d + log P)) time
//! and O(P) space, where P is the number of partial routes whose key is
//! below the k-th route's (at most the number of simple paths of up to
//! `max_hops` referrals among services that could accept the family), d the
//! out-degree; V and E count services and referrals. Explanations add at
//! most three such searches per goal service in the family's region that
//! the first pass does not settle. A search stops after [`SEARCH_BUDGET`]
//! partial routes and a query after [`QUERY_BUDGET`] (about a second on
//! a dense pathway where every search runs to its limit), and the answer
//! says so in [`RouteAnswer::complete`]. Memory is O(partial routes
//! pushed): about 130 MB at worst on that pathway.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::age::describe;
use crate::document::{AgeJudged, GoalDoc, Tier};
use crate::error::QueryError;
use crate::pathway::{Goal, Pathway, Service};
use crate::prepared::{PreparedProfile, WaitKind};
use crate::profile::Profile;
use crate::rules::{Clause, Timing, Truth};

/// The most routes one query may ask for.
pub const MAX_ROUTES: usize = 50;
/// The most referrals one route may take.
pub const MAX_HOPS: usize = 16;
/// The most partial routes one search examines.
pub const SEARCH_BUDGET: usize = 200_000;
/// The most partial routes one query examines across all its searches
/// (routes and explanations). Goal services not examined by then are
/// reported as [`Reason::NotExamined`], and the answer as incomplete.
pub const QUERY_BUDGET: usize = 1_000_000;

/// The default [`RouteQuery::search_ahead`]: how many more partial routes
/// a search with explanations examines past the routes asked for, looking
/// for the best route to the other goals before searching for each alone.
/// Tuned on the synthetic national pathway (`benches/routes`).
pub const SEARCH_AHEAD: usize = 1_024;

/// How routes are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RouteQuery {
    /// Which services end a route; the pathway's goal when absent.
    pub goal: Option<GoalDoc>,
    /// The service the family is already with (seen today); otherwise every
    /// entry service that accepts them today.
    pub from: Option<String>,
    /// How many routes, best first (1 to [`MAX_ROUTES`]; default 3).
    pub limit: usize,
    /// The most referrals in a route (1 to [`MAX_HOPS`]; default 8).
    pub max_hops: usize,
    /// How routes are ranked.
    pub ranking: Ranking,
    /// Typical or pessimistic waits.
    pub waits: WaitKind,
    /// Whether to explain the other goal services: fill
    /// [`RouteAnswer::not_reached`] and [`RouteAnswer::also_reachable`]
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
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
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
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
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

/// One service on a route.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Step {
    /// The service's id.
    pub service: String,
    /// Its name.
    pub name: String,
    /// Its tier.
    pub tier: Tier,
    /// The infant's age when the referral arrives (days).
    pub arrival_age_days: i32,
    /// The infant's age when the service sees the family (days).
    pub seen_age_days: i32,
    /// The wait at this service (days).
    pub wait_days: i32,
    /// Whether that wait is an assumption of the pathway's authors rather
    /// than a published figure.
    pub wait_assumed: bool,
    /// The delay of the referral into this service (days; 0 for the first).
    pub delay_days: i32,
    /// Why the service accepts the family.
    pub why: Vec<String>,
}

/// One referral route, entry to goal.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Route {
    /// The services in order.
    pub steps: Vec<Step>,
    /// Days from today until the goal service sees the family.
    pub days_to_goal: i64,
    /// The same in weeks (to one decimal).
    pub weeks_to_goal: f64,
    /// Number of referrals.
    pub handoffs: usize,
}

/// Why a goal service is not reached.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// It does not serve the family's region.
    NotInRegion {
        /// Why, in words.
        message: String,
    },
    /// Its rule excludes the family (other than by age on the way).
    NotEligible {
        /// The deciding clauses.
        message: String,
    },
    /// A route exists, but the family would be too old on arrival (at the
    /// goal or at a service on the way).
    AgedOutOnTheWay {
        /// The age on arrival where the limit is passed (days).
        arrival_age_days: i32,
        /// Where and why, in words.
        message: String,
    },
    /// No referral path leads there from the family's first contacts.
    Unreachable {
        /// Why, in words.
        message: String,
    },
    /// The query reached [`QUERY_BUDGET`] before this service was examined:
    /// it may or may not be reachable. Ask about it alone
    /// ([`RouteQuery::goal`]) to know.
    NotExamined {
        /// Why, in words.
        message: String,
    },
}

/// A goal service not reached, and why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NotReached {
    /// The service's id.
    pub service: String,
    /// Its name.
    pub name: String,
    /// Why it is out of reach.
    pub reason: Reason,
}

/// The answer to a route question.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RouteAnswer {
    /// Routes, best first.
    pub routes: Vec<Route>,
    /// Every goal service no route reaches, in id order (empty when the
    /// query asked not to [`explain`](RouteQuery::explain)).
    pub not_reached: Vec<NotReached>,
    /// The best route to each other goal service the family can reach but
    /// that ends none of `routes` (they were all taken by better routes to
    /// other services), best first. A referrer sees every option this way,
    /// whatever the limit.
    pub also_reachable: Vec<Route>,
    /// `false` when a search stopped at [`SEARCH_BUDGET`], or the query at
    /// [`QUERY_BUDGET`].
    pub complete: bool,
}

/// What the search may ignore, for diagnosis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Relax {
    Nothing,
    /// The target's own eligibility.
    Target(NodeIndex),
    /// Every eligibility rule and referral condition (the route still keeps
    /// to services in the family's area).
    Everything,
}

/// Admissible, consistent lower bounds on what is left of a route from a
/// service to the search's targets: days (the least delay + wait along any
/// referral path, ages and referral conditions ignored) and referrals (the
/// fewest hops). A service with no bound cannot reach a target at all.
///
/// Ages and referral conditions only remove options, so ignoring them
/// keeps the bound admissible; each bound is a shortest-path distance, so
/// `bound(n) ≤ cost(n → m) + bound(m)` for every referral (consistent).
///
/// Complexity: O(V + E log V) time and O(V) space over the part of the
/// graph that reaches a target (reverse Dijkstra for days, reverse BFS for
/// hops), where V and E count services and referrals.
struct Bound {
    days: Vec<i64>,
    hops: Vec<u32>,
    /// The services whose entries are set: reset by the next fill, so one
    /// `Bound` serves many searches without clearing the whole graph.
    touched: Vec<usize>,
}

impl Bound {
    /// No bound yet; nothing allocated until the first fill.
    const fn empty() -> Self {
        Self {
            days: Vec::new(),
            hops: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Bounds towards `targets`, entering only services for which
    /// `enterable` holds and passing through no service of `goal_mask`.
    fn new(
        f: &PreparedProfile<'_>,
        targets: &[NodeIndex],
        enterable: &dyn Fn(NodeIndex) -> bool,
        goal_mask: &[bool],
        waits: WaitKind,
    ) -> Self {
        let mut b = Self::empty();
        b.fill(f, targets, enterable, goal_mask, waits);
        b
    }

    /// [`Bound::new`], reusing this one's memory: O(what the last fill
    /// touched) to reset, then as `new`.
    fn fill(
        &mut self,
        f: &PreparedProfile<'_>,
        targets: &[NodeIndex],
        enterable: &dyn Fn(NodeIndex) -> bool,
        goal_mask: &[bool],
        waits: WaitKind,
    ) {
        let graph = f.pathway.graph();
        let n = graph.node_count();
        if self.days.len() != n || self.hops.len() != n {
            self.days = vec![i64::MAX; n];
            self.hops = vec![u32::MAX; n];
            self.touched.clear();
        }
        let Self {
            days,
            hops,
            touched,
        } = self;
        for &i in touched.iter() {
            if let (Some(d), Some(h)) = (days.get_mut(i), hops.get_mut(i)) {
                *d = i64::MAX;
                *h = u32::MAX;
            }
        }
        touched.clear();
        let mut heap = BinaryHeap::new();
        let mut queue = VecDeque::new();
        // A target the family can never enter bounds nothing.
        for &t in targets.iter().filter(|&&t| enterable(t)) {
            if let (Some(d), Some(h)) = (days.get_mut(t.index()), hops.get_mut(t.index())) {
                if *d != 0 {
                    touched.push(t.index());
                    *d = 0;
                    *h = 0;
                    heap.push(Reverse((0i64, t.index())));
                    queue.push_back(t);
                }
            }
        }
        let is_goal = |n: NodeIndex| goal_mask.get(n.index()).copied().unwrap_or(false);
        while let Some(Reverse((d, u))) = heap.pop() {
            if days.get(u).is_none_or(|&x| x < d) {
                continue;
            }
            let u = NodeIndex::new(u);
            if !enterable(u) {
                continue;
            }
            let step = i64::from(f.wait(u, waits));
            for e in graph.edges_directed(u, Direction::Incoming) {
                let p = e.source();
                if is_goal(p) {
                    continue;
                }
                let nd = d
                    .saturating_add(step)
                    .saturating_add(i64::from(f.pathway.delay(e.id())));
                if let Some(x) = days.get_mut(p.index()) {
                    if nd < *x {
                        if *x == i64::MAX {
                            touched.push(p.index());
                        }
                        *x = nd;
                        heap.push(Reverse((nd, p.index())));
                    }
                }
            }
        }
        while let Some(u) = queue.pop_front() {
            if !enterable(u) {
                continue;
            }
            let next = hops
                .get(u.index())
                .copied()
                .unwrap_or(u32::MAX)
                .saturating_add(1);
            for e in graph.edges_directed(u, Direction::Incoming) {
                let p = e.source();
                if is_goal(p) {
                    continue;
                }
                if let Some(x) = hops.get_mut(p.index()) {
                    if *x == u32::MAX {
                        touched.push(p.index());
                        *x = next;
                        queue.push_back(p);
                    }
                }
            }
        }
    }

    /// The bound at `n`: (days, hops), or `None` when no target is reachable.
    fn at(&self, n: NodeIndex) -> Option<(i64, usize)> {
        let d = *self.days.get(n.index())?;
        let h = *self.hops.get(n.index())?;
        (d != i64::MAX && h != u32::MAX).then_some((d, h as usize))
    }
}

struct Search<'p, 'a> {
    f: &'p PreparedProfile<'a>,
    /// Lower bounds towards the targets of `is_goal` under this search's relaxation.
    bound: &'p Bound,
    /// Where a route may end.
    is_goal: &'p dyn Fn(NodeIndex) -> bool,
    /// Every goal service: routes end at the first one, so none is passed through.
    any_goal: &'p dyn Fn(NodeIndex) -> bool,
    starts: &'p [(NodeIndex, bool)],
    max_hops: usize,
    ranking: Ranking,
    waits: WaitKind,
    /// For a search towards one service: the age before which it must
    /// receive the referral (`true`) or see the family (`false`), and its
    /// wait. Partial routes that cannot make it are pruned.
    deadline: Option<(i32, bool, i32)>,
    /// Whether a service could accept the family at some age from today
    /// (memoised per query).
    could: &'p dyn Fn(NodeIndex) -> bool,
    /// Partial routes examined so far by all the query's searches.
    spent: &'p std::cell::Cell<usize>,
}

/// A route found by a search: its services and, per service, (arrival,
/// seen, delay in).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Partial {
    key: (i64, i64),
    nodes: Vec<u32>,
    /// (arrival, seen, delay in) per node.
    times: Vec<(i32, i32, i32)>,
}

/// The services of an open partial route, as `index + 1` padded with 0:
/// comparing two of these is comparing the routes' service lists
/// lexicographically (a prefix sorts first), with no allocation.
type Path = [u32; MAX_HOPS + 1];

/// A partial route waiting in the heap: its key, its services, and its
/// last label in the search's arena (which holds the timeline).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Open {
    key: (i64, i64),
    path: Path,
    label: u32,
}

/// One service on a partial route: (arrival, seen, delay in) and the
/// label of the service before it (`u32::MAX` for the first).
struct Label {
    node: u32,
    times: (i32, i32, i32),
    parent: u32,
    hops: u32,
}

impl Search<'_, '_> {
    /// The A* key of a partial route of `hops` referrals and `days` so far
    /// ending at `n`: a lower bound on the ranking key of every complete
    /// route extending it, or `None` when none can complete within the hop
    /// limit.
    fn key(&self, n: NodeIndex, hops: usize, days: i64) -> Option<(i64, i64)> {
        let (bd, bh) = self.bound.at(n)?;
        let total_hops = hops.saturating_add(bh);
        if total_hops > self.max_hops {
            return None;
        }
        let days = days.saturating_add(bd);
        if let Some((before, on_referral, wait)) = self.deadline {
            // The earliest the target could see the family, and receive the referral.
            let seen = i64::from(self.f.start_age()).saturating_add(days);
            let judged = if on_referral {
                seen.saturating_sub(i64::from(wait))
            } else {
                seen
            };
            if judged >= i64::from(before) {
                return None;
            }
        }
        Some(match self.ranking {
            Ranking::SoonestSeen => (days, 0),
            Ranking::FewestHandoffs => (i64::try_from(total_hops).unwrap_or(i64::MAX), days),
        })
    }

    fn accepts(&self, n: NodeIndex, arrival: i32, relax: Relax) -> bool {
        match relax {
            Relax::Everything => true,
            Relax::Target(t) if t == n => true,
            _ => self.f.accepts(n, arrival, self.waits),
        }
    }

    /// Up to `limit` routes, best first, and whether the search finished.
    ///
    /// Partial routes live in the heap as fixed-size service lists (no
    /// allocation per partial route); their timelines in an arena of
    /// labels, read back only for the routes found.
    fn run(&self, limit: usize, relax: Relax) -> (Vec<Partial>, bool) {
        let (found, _, done) = self.run_on(limit, relax, None);
        (found, done)
    }

    /// As [`Search::run`]; then, with `more = Some((budget, goals))`, goes
    /// on for up to `budget` more partial routes and returns the first
    /// route found to each goal that ends none of the `limit` routes, until
    /// `goals` distinct goals have a route. The first route popped to a goal
    /// is its best (the bound is consistent, so keys never decrease along
    /// the heap's order), so these are exact.
    fn run_on(
        &self,
        limit: usize,
        relax: Relax,
        more: Option<(usize, usize)>,
    ) -> (Vec<Partial>, Vec<Partial>, bool) {
        let start = self.f.start_age();
        let mut heap = BinaryHeap::with_capacity(4 * self.starts.len() + 16);
        let mut labels: Vec<Label> = Vec::with_capacity(4 * self.starts.len() + 16);
        for &(n, already_with) in self.starts {
            let seen = if already_with {
                start
            } else {
                if !self.accepts(n, start, relax) {
                    continue;
                }
                start.saturating_add(self.f.wait(n, self.waits))
            };
            let Some(key) = self.key(n, 0, i64::from(seen) - i64::from(start)) else {
                continue;
            };
            let mut path = [0; MAX_HOPS + 1];
            path[0] = n.index() as u32 + 1;
            heap.push(Reverse(Open {
                key,
                path,
                label: labels.len() as u32,
            }));
            labels.push(Label {
                node: n.index() as u32,
                times: (start, seen, 0),
                parent: u32::MAX,
                hops: 0,
            });
        }
        let mut found = Vec::new();
        let mut firsts = Vec::new();
        let mut ends: HashSet<u32> = HashSet::new();
        let mut popped = 0;
        let mut extra = 0;
        while let Some(Reverse(p)) = heap.pop() {
            popped += 1;
            let spent = self.spent.get().saturating_add(1);
            self.spent.set(spent);
            if spent > QUERY_BUDGET || (found.len() < limit && popped > SEARCH_BUDGET) {
                return (found, firsts, false);
            }
            let Some(label) = labels.get(p.label as usize) else {
                continue;
            };
            let last = NodeIndex::new(label.node as usize);
            if found.len() >= limit {
                let Some((budget, goals)) = more else {
                    break;
                };
                extra += 1;
                if extra > budget || ends.len() >= goals {
                    break;
                }
            }
            if (self.is_goal)(last) {
                if found.len() < limit {
                    ends.insert(label.node);
                    found.push(Self::unwind(&labels, p.key, p.label));
                } else if ends.insert(label.node) {
                    firsts.push(Self::unwind(&labels, p.key, p.label));
                }
                if found.len() >= limit && more.is_none() {
                    break;
                }
                continue;
            }
            if (self.any_goal)(last) {
                continue;
            }
            let hops = label.hops as usize;
            if hops >= self.max_hops {
                continue;
            }
            let seen = label.times.1;
            for e in self.f.pathway.graph().edges(last) {
                let m = e.target();
                let tag = m.index() as u32 + 1;
                if p.path.iter().take(hops + 1).any(|&x| x == tag) {
                    continue;
                }
                if relax != Relax::Everything && !self.f.referral_open(e.id(), seen) {
                    continue;
                }
                let delay = self.f.pathway.delay(e.id());
                let arrival = seen.saturating_add(delay);
                if !self.accepts(m, arrival, relax) {
                    continue;
                }
                let seen_m = arrival.saturating_add(self.f.wait(m, self.waits));
                let Some(key) = self.key(m, hops + 1, i64::from(seen_m) - i64::from(start)) else {
                    continue;
                };
                let mut path = p.path;
                if let Some(slot) = path.get_mut(hops + 1) {
                    *slot = tag;
                } else {
                    continue;
                }
                heap.push(Reverse(Open {
                    key,
                    path,
                    label: labels.len() as u32,
                }));
                labels.push(Label {
                    node: m.index() as u32,
                    times: (arrival, seen_m, delay),
                    parent: p.label,
                    hops: hops as u32 + 1,
                });
            }
        }
        (found, firsts, true)
    }

    /// The route ending at `label`, read back from the arena.
    fn unwind(labels: &[Label], key: (i64, i64), label: u32) -> Partial {
        let mut nodes = Vec::new();
        let mut times = Vec::new();
        let mut at = label;
        while let Some(l) = labels.get(at as usize) {
            nodes.push(l.node);
            times.push(l.times);
            at = l.parent;
        }
        nodes.reverse();
        times.reverse();
        Partial { key, nodes, times }
    }
}

impl Pathway {
    /// The best referral routes for a family, and why every goal service
    /// not reached is out of reach. See the [module docs](crate::route) for
    /// the algorithm and its complexity.
    ///
    /// # Errors
    /// [`QueryError`] for a bad profile, an unknown `from` or goal service,
    /// or a limit or hop count out of range.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let answer = pathway.routes(&family, &carepath::RouteQuery::default())?;
    /// let first: Vec<&str> = answer.routes[0].steps.iter().map(|s| s.service.as_str()).collect();
    /// assert_eq!(first, ["hv-east", "imh-east"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn routes(&self, profile: &Profile, query: &RouteQuery) -> Result<RouteAnswer, QueryError> {
        if query.limit == 0 || query.limit > MAX_ROUTES {
            return Err(QueryError::OutOfRange(format!(
                "limit {} is out of range: ask for 1 to {MAX_ROUTES} routes",
                query.limit
            )));
        }
        if query.max_hops == 0 || query.max_hops > MAX_HOPS {
            return Err(QueryError::OutOfRange(format!(
                "max_hops {} is out of range: 1 to {MAX_HOPS} referrals",
                query.max_hops
            )));
        }
        if query.search_ahead > SEARCH_BUDGET {
            return Err(QueryError::OutOfRange(format!(
                "search_ahead {} is out of range: 0 to {SEARCH_BUDGET} partial routes",
                query.search_ahead
            )));
        }
        let f = self.prepare(profile)?;
        let asked;
        let goal = match &query.goal {
            None => &self.goal,
            Some(g) => {
                asked = Goal {
                    tier: g.tier,
                    tags: g.tags.clone(),
                    services: g
                        .services
                        .iter()
                        .map(|s| self.service_id(s))
                        .collect::<Result<_, _>>()?,
                };
                &asked
            }
        };
        let goals: Vec<NodeIndex> = if query.goal.is_none() {
            self.goal_services.clone()
        } else {
            goal.services_in(&self.services)
        };
        if goals.is_empty() {
            for tag in &goal.tags {
                if !self.services.iter().any(|s| s.tags.contains(tag)) {
                    let all = self
                        .services
                        .iter()
                        .flat_map(|s| s.tags.iter().map(String::as_str));
                    return Err(QueryError::UnknownTag {
                        tag: tag.clone(),
                        suggestion: crate::suggest::did_you_mean(tag, all),
                    });
                }
            }
            let shown = query
                .goal
                .as_ref()
                .and_then(|g| serde_json::to_string(g).ok())
                .unwrap_or_default();
            return Err(QueryError::NoGoalService(shown));
        }
        let mut goal_mask = vec![false; self.graph.node_count()];
        for g in &goals {
            if let Some(x) = goal_mask.get_mut(g.index()) {
                *x = true;
            }
        }
        let starts: Vec<(NodeIndex, bool)> = match &query.from {
            Some(id) => {
                let s = self.service_id(id)?;
                vec![(NodeIndex::new(s.index()), true)]
            }
            None => self.entry_services.iter().map(|&n| (n, false)).collect(),
        };
        let any_goal = |n: NodeIndex| goal_mask.get(n.index()).copied().unwrap_or(false);
        let memo: Vec<std::cell::Cell<u8>> = vec![std::cell::Cell::new(0); self.graph.node_count()];
        let could = |n: NodeIndex| match memo.get(n.index()).map(std::cell::Cell::get) {
            Some(1) => true,
            Some(2) | None => false,
            Some(_) => {
                let c = f.could_accept(n);
                if let Some(m) = memo.get(n.index()) {
                    m.set(if c { 1 } else { 2 });
                }
                c
            }
        };
        let bound = Bound::new(&f, &goals, &could, &goal_mask, query.waits);
        let spent = std::cell::Cell::new(0);
        let search = Search {
            f: &f,
            bound: &bound,
            is_goal: &any_goal,
            any_goal: &any_goal,
            starts: &starts,
            max_hops: query.max_hops,
            ranking: query.ranking,
            waits: query.waits,
            deadline: None,
            could: &could,
            spent: &spent,
        };
        // With explanations, the search goes on a while past the routes
        // asked for: the first route it finds to each other goal is that
        // goal's best, which saves a search of its own.
        let more = query.explain.then(|| {
            let candidates = goals.iter().filter(|&&g| could(g)).count();
            (query.search_ahead, candidates)
        });
        let (found, firsts, mut complete) = search.run_on(query.limit, Relax::Nothing, more);
        let routes: Vec<Route> = found
            .iter()
            .map(|p| self.route(&f, p, query.waits))
            .collect();
        let mut reached: HashSet<u32> = found
            .iter()
            .filter_map(|p| p.nodes.last().copied())
            .collect();
        let mut not_reached = Vec::new();
        let mut also = Vec::new();
        for p in firsts {
            if let Some(&g) = p.nodes.last() {
                reached.insert(g);
            }
            also.push(p);
        }
        let scratch = std::cell::RefCell::new(Bound::empty());
        // Teams elsewhere share their areas (a board's teams serve the
        // board): one message per list of areas.
        let mut elsewhere: std::collections::HashMap<&[crate::region::RegionId], String> =
            std::collections::HashMap::new();
        for &g in goals.iter().filter(|_| query.explain) {
            if reached.contains(&(g.index() as u32)) {
                continue;
            }
            let Some(s) = self.services.get(g.index()) else {
                continue;
            };
            let reason = if f.serves(g) {
                let (answer, done) = self.why_not(&f, &search, &scratch, &goal_mask, g, s);
                complete &= done;
                match answer {
                    Ok(p) => {
                        also.push(p);
                        continue;
                    }
                    Err(reason) => reason,
                }
            } else {
                let message = elsewhere
                    .entry(&s.regions)
                    .or_insert_with(|| self.regions.explain_served(f.profile.region, &s.regions))
                    .clone();
                Reason::NotInRegion { message }
            };
            not_reached.push(NotReached {
                service: s.id.clone(),
                name: s.name.clone(),
                reason,
            });
        }
        // Same order as routes: the ranking key, then the services' ids.
        also.sort_by(|a, b| (a.key, &a.nodes).cmp(&(b.key, &b.nodes)));
        let also_reachable = also
            .iter()
            .map(|p| self.route(&f, p, query.waits))
            .collect();
        Ok(RouteAnswer {
            routes,
            not_reached,
            also_reachable,
            complete,
        })
    }

    /// The best route to goal `g` (service `s`, which serves the family's
    /// region) alone (`Ok`), or why there is none (`Err`); and whether the
    /// searches completed.
    fn why_not(
        &self,
        f: &PreparedProfile<'_>,
        search: &Search<'_, '_>,
        scratch: &std::cell::RefCell<Bound>,
        goal_mask: &[bool],
        g: NodeIndex,
        s: &Service,
    ) -> (Result<Partial, Reason>, bool) {
        let waits = search.waits;
        if search.spent.get() >= QUERY_BUDGET {
            let message = format!(
                "not examined: the query examined {QUERY_BUDGET} partial routes before reaching `{}`; ask about it alone",
                s.id
            );
            return (Err(Reason::NotExamined { message }), false);
        }
        if !(search.could)(g) {
            // Its rule excludes the family at every age from today: no
            // route needs searching to say so.
            let start = f.start_age();
            let timing = Timing {
                on_referral: start,
                when_seen: start.saturating_add(f.wait(g, waits)),
            };
            let verdict = self.verdict(s, &f.profile, timing);
            let message = in_words(&verdict.rule.decisive());
            return (Err(Reason::NotEligible { message }), true);
        }
        let only = |n: NodeIndex| n == g;
        let targets = [g];
        let single_run = |relax: Relax| {
            let could = search.could;
            let could_or_g = |n: NodeIndex| n == g || could(n);
            // Ignoring every rule, still only services in the family's area:
            // a way through another area is no way for this family.
            let in_area = |n: NodeIndex| f.serves(n);
            let enterable: &dyn Fn(NodeIndex) -> bool = match relax {
                Relax::Nothing => could,
                Relax::Target(_) => &could_or_g,
                Relax::Everything => &in_area,
            };
            let mut bound = scratch.borrow_mut();
            // `g` could accept the family (checked above), so the bound for
            // a search relaxing only `g`'s rule is the exact search's: the
            // one already filled, which always runs first.
            if !matches!(relax, Relax::Target(_)) {
                bound.fill(f, &targets, enterable, goal_mask, waits);
            }
            let deadline = match relax {
                Relax::Nothing => f
                    .deadline(g)
                    .map(|(b, j)| (b, j == AgeJudged::OnReferral, f.wait(g, waits))),
                Relax::Target(_) | Relax::Everything => None,
            };
            let single = Search {
                bound: &bound,
                is_goal: &only,
                deadline,
                ..*search
            };
            single.run(1, relax)
        };
        let (exact, done1) = single_run(Relax::Nothing);
        if let Some(p) = exact.into_iter().next() {
            return (Ok(p), done1);
        }
        let start = f.start_age();
        let wait = f.wait(g, waits);
        let at = |age: i32| Timing {
            on_referral: age,
            when_seen: age.saturating_add(wait),
        };
        let (relaxed, done2) = single_run(Relax::Target(g));
        let done = done1 && done2;
        if let Some(p) = relaxed.first() {
            let arrival = p.times.last().map_or(start, |t| t.0);
            let verdict = self.verdict(s, &f.profile, at(arrival));
            let failing = verdict.rule.decisive();
            let message = in_words(&failing);
            let by_age = failing
                .iter()
                .all(|e| matches!(e.clause, Clause::Age { .. }));
            // Accepted if seen today with no wait: then the way there ages them out.
            let fine_now = self.verdict(s, &f.profile, Timing::at(start)).outcome == Truth::Yes;
            let reason = if by_age && fine_now && verdict.outcome == Truth::No {
                Reason::AgedOutOnTheWay {
                    arrival_age_days: arrival,
                    message: format!("would arrive at {}: {message}", describe(arrival)),
                }
            } else {
                Reason::NotEligible { message }
            };
            return (Err(reason), done);
        }
        let (open, done3) = single_run(Relax::Everything);
        let done = done && done3;
        let Some(p) = open.first() else {
            return (
                Err(Reason::Unreachable {
                    message: format!(
                        "no referral path from the family's first contacts leads to `{}`",
                        s.id
                    ),
                }),
                done,
            );
        };
        // The goal's own rule, on other grounds than age, excludes the
        // family whatever the way there: say that, not which door is closed.
        let arrival = p.times.last().map_or(start, |t| t.0);
        let verdict = self.verdict(s, &f.profile, at(arrival));
        let failing = verdict.rule.decisive();
        if verdict.outcome == Truth::No
            && failing
                .iter()
                .any(|e| !matches!(e.clause, Clause::Age { .. }))
        {
            let message = in_words(&failing);
            return (Err(Reason::NotEligible { message }), done);
        }
        // Walk the route that ignores every rule, to the first closed door.
        let mut seen = start;
        for (i, (&n, &(_, _, _))) in p.nodes.iter().zip(&p.times).enumerate() {
            let node = NodeIndex::new(n as usize);
            let Some(svc) = self.services.get(node.index()) else {
                break;
            };
            let arrival = if i == 0 {
                start
            } else {
                let prev = NodeIndex::new(p.nodes.get(i - 1).copied().unwrap_or(0) as usize);
                let edge = self.graph.find_edge(prev, node);
                if let Some(e) = edge.filter(|&e| !f.referral_open(e, seen)) {
                    let from = self.node_id(prev);
                    let _ = e;
                    return (
                        Err(Reason::Unreachable {
                            message: format!(
                                "the referral from `{from}` to `{}` is closed to this family",
                                svc.id
                            ),
                        }),
                        done,
                    );
                }
                seen.saturating_add(edge.map_or(0, |e| self.delay(e)))
            };
            let w = f.wait(node, waits);
            if !f.accepts(node, arrival, waits) {
                let verdict = self.verdict(
                    svc,
                    &f.profile,
                    Timing {
                        on_referral: arrival,
                        when_seen: arrival.saturating_add(w),
                    },
                );
                let failing = verdict.rule.decisive();
                let message = in_words(&failing);
                let by_age = verdict.region.served
                    && !failing.is_empty()
                    && failing
                        .iter()
                        .all(|e| matches!(e.clause, Clause::Age { .. }));
                let reason = if by_age && i > 0 {
                    Reason::AgedOutOnTheWay {
                        arrival_age_days: arrival,
                        message: format!(
                            "would reach `{}` at {}: {message}",
                            svc.id,
                            describe(arrival)
                        ),
                    }
                } else {
                    let why = if verdict.region.served {
                        message
                    } else {
                        verdict.region.message
                    };
                    Reason::Unreachable {
                        message: format!(
                            "the way to `{}` passes `{}`, closed to this family: {why}",
                            s.id, svc.id
                        ),
                    }
                };
                return (Err(reason), done);
            }
            seen = arrival.saturating_add(w);
        }
        (
            Err(Reason::Unreachable {
                message: format!("no open referral path leads to `{}`", s.id),
            }),
            done,
        )
    }

    fn route(&self, f: &PreparedProfile<'_>, p: &Partial, waits: WaitKind) -> Route {
        let start = f.start_age();
        let steps: Vec<Step> = p
            .nodes
            .iter()
            .zip(&p.times)
            .filter_map(|(&n, &(arrival, seen, delay))| {
                let s = self.services.get(n as usize)?;
                let wait = f.wait(NodeIndex::new(n as usize), waits);
                let timing = Timing {
                    on_referral: arrival,
                    when_seen: arrival.saturating_add(wait),
                };
                // What `verdict(..)` would say decides it: the region, then
                // the rule's deciding clauses (built without the whole tree).
                let mut why = Vec::with_capacity(4);
                why.push(self.regions.explain_served(f.profile.region, &s.regions));
                match &s.rule {
                    Some(rule) => {
                        rule.decisive_messages(&self.context(&f.profile, timing), &mut why);
                    }
                    None => why.push(crate::rules::Explanation::everyone().message),
                }
                Some(Step {
                    service: s.id.clone(),
                    name: s.name.clone(),
                    tier: s.tier,
                    arrival_age_days: arrival,
                    seen_age_days: seen,
                    wait_days: seen - arrival,
                    wait_assumed: s.wait_assumed && seen != arrival,
                    delay_days: delay,
                    why,
                })
            })
            .collect();
        let end = p.times.last().map_or(start, |t| t.1);
        let days = i64::from(end) - i64::from(start);
        Route {
            handoffs: steps.len().saturating_sub(1),
            days_to_goal: days,
            weeks_to_goal: (days as f64 / 7.0 * 10.0).round() / 10.0,
            steps,
        }
    }
}

/// Deciding clauses in words, for a reason: their messages joined by "; ".
fn in_words(clauses: &[&crate::rules::Explanation]) -> String {
    clauses
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
