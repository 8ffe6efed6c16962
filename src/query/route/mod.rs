//! Ranked referral routes with age on arrival, and why each goal service
//! not reached is out of reach.
//!
//! # Algorithm
//!
//! **Routes.** A* over partial simple paths (over paths, not nodes): a
//! heap holds partial routes keyed by a lower bound on the ranking key of
//! any route completing them (days so far plus the bound, or hops then
//! days) and then by their sequence of services. The bound is a reverse
//! Dijkstra (least wait + delay) and a reverse BFS (fewest referrals) from
//! the goal services in the family's area, over the services serving it
//! (for the pathway's own goal: the same for every family in the area, so
//! the pathway keeps it, see `pathway/bounds.rs`), or, for a query's own
//! goal, over the services that could accept the family at some age from
//! today (region and rule, ages left open), made per query; it ignores
//! ages and rules on the way, so it never overestimates, and it is a
//! shortest-path distance, so keys never decrease along a route. Complete
//! routes therefore leave the heap in exact ranking order, ties broken by
//! service ids. A partial route with no finite bound, or one that cannot
//! end within the hop limit, is dropped. Each extension checks the
//! referral's condition on the day the family is seen and the receiving
//! service's eligibility on the day the referral arrives (or, for clauses
//! judged when seen, after its wait). Extensions whose key is above their
//! route's wait in the heap as one entry at the least of their keys, and
//! are judged and queued only when that key comes up (most never do): that
//! entry's service list is a prefix of theirs, so it leaves before any of
//! them would, and routes leave in the same order. Routes end at the first
//! goal service.
//!
//! **Explanations.** Every goal the routes asked for do not end at needs
//! its best route (`also_reachable`), or a reason. With the soonest-seen
//! ranking, when no door in the pathway can open on a day after today
//! while a goal could still see the family (so arriving earlier is never
//! worse), one pass of Dijkstra's algorithm over services settles every
//! goal's best route at once (see `settle`), and a goal it does not reach
//! has no route on any day. Otherwise the search goes on for up to
//! [`RouteQuery::search_ahead`] more partial routes; the first route it
//! completes to another goal is that goal's best; a forward Dijkstra that
//! ignores ages on the way (`bound::earliest_seen`) stops it once every
//! goal that could still have a route has one, and marks the goals with
//! no route on any day. Each goal still without a route is examined
//! alone: out of region, or excluded by its own rule at every age (no
//! search); else an A* towards it alone, pruned by its age limit, and the
//! earliest later start; else the best way whose every door is open
//! today (aged out on the way, when the real timeline closes one of its
//! doors) and then the best way that ignores every rule (which door is
//! closed). The first kind judges every door on one day, so the best such
//! way to every goal comes from one pass over services, computed when
//! first needed; only a goal whose best one is longer than the hop limit
//! gets a search of its own for it. The best way that ignores every rule
//! and region, from any first contact in the land, is the same for every
//! family: for the pathway's own goal the pathway makes it for every goal
//! in one pass, the first time a question needs one, and keeps it.
//!
//! Complexity: O(V + E log V) for the bound, then O(P · (d + log P)) time
//! and O(P) space, where P is the number of partial routes whose key is
//! below the k-th route's (at most the number of simple paths of up to
//! `max_hops` referrals among services that could accept the family), d the
//! out-degree; V and E count services and referrals. Explanations add at
//! most two passes over services, O(V + E log V) each (every goal's best
//! route, every goal's best frozen way), a third once in the pathway's
//! life for each kind of wait and ranking (every goal's best way
//! anywhere, with a budget of its own), and at most three searches per
//! goal service in the family's region that those passes do not settle.
//! A search stops after creating
//! [`SEARCH_BUDGET`] partial routes, and a query after [`QUERY_BUDGET`]
//! steps (referrals looked at, each judging at most two rules of
//! [`MAX_RULE_SIZE`](crate::MAX_RULE_SIZE), plus the reverse searches of the
//! explanations, however many goals there are); the answer says so in
//! [`RouteAnswer::complete`]. Memory is bounded too: a search holds at most
//! [`SEARCH_BUDGET`] partial routes of about 116 bytes (a 24-byte queue
//! entry, a 24-byte timeline label and a fixed-size service list), at most
//! about 30 MB with the vectors' slack, and a 32-byte entry per waiting
//! extension (each a referral looked at, so at most [`QUERY_BUDGET`] of
//! them); the thread keeps a search's memory
//! for its next search only up to 2 MB (`scratch`).
//!
//! May use: the leaves, `document`, `model`, `pathway` and `query::prepared`.
//! Within: `query` (the question and its limits), `answer` (the answer
//! types), `queue` (the one-pass searches' queue of days) and `arena` (the
//! A* search's queue and labels) stand below `bound` < `scratch` (each
//! thread's spare memory) < `search` (with `extend`, how it extends a
//! route) < `settle` < `why_not` < this file.

mod answer;
mod arena;
mod bound;
mod extend;
mod later;
mod query;
mod queue;
mod scratch;
mod search;
mod settle;
mod why_not;

#[cfg(test)]
mod budget;

pub use answer::{Alternative, ClosedBy, Door, NotReached, Reason, Route, RouteAnswer, Step};
pub use query::{
    MAX_HOPS, MAX_ROUTES, QUERY_BUDGET, Ranking, RouteQuery, SEARCH_AHEAD, SEARCH_BUDGET,
};

use std::sync::Arc;

use petgraph::graph::NodeIndex;

use crate::error::QueryError;
use crate::model::profile::Profile;
use crate::pathway::{Goal, Pathway};

use search::{Relax, Search};

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
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json"))?;
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let answer = pathway.routes(&family, &carepath::RouteQuery::default())?;
    /// let first: Vec<&str> = answer.routes[0].steps.iter().map(|s| &*s.service).collect();
    /// assert_eq!(first, ["hv-east", "imh-east"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn routes(&self, profile: &Profile, query: &RouteQuery) -> Result<RouteAnswer, QueryError> {
        self.routes_after(profile, query, 0)
    }

    /// As [`Pathway::routes`], with `already` steps of the query's budget
    /// ([`QUERY_BUDGET`]) spent before it starts (and before each of the
    /// alternatives' queries, which have budgets of their own): the unit
    /// tests in `budget` put the budget's edge where they like, so an
    /// answer's `complete` flag shows how much work the query did.
    fn routes_after(
        &self,
        profile: &Profile,
        query: &RouteQuery,
        already: usize,
    ) -> Result<RouteAnswer, QueryError> {
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
        let goals = self.goal_services(query.goal.as_ref())?;
        // The pathway's own goal's mask is computed once, at load.
        let goal_mask: std::borrow::Cow<'_, [bool]> = if query.goal.is_none() {
            std::borrow::Cow::Borrowed(self.goal_mask.as_slice())
        } else {
            std::borrow::Cow::Owned(crate::pathway::mask_of(self.graph.node_count(), &goals))
        };
        let starts: Vec<(NodeIndex, bool)> = match &query.from {
            Some(id) => {
                let s = self.service_id(id)?;
                vec![(NodeIndex::new(s.index()), true)]
            }
            // The first contacts serving the family's region: no other
            // takes them (the searches that ignore regions start from
            // every entry, `entry_starts`).
            None => self
                .entries_serving(f.profile.region)
                .into_iter()
                .map(|n| (n, false))
                .collect(),
        };
        let any_goal = |n: NodeIndex| goal_mask.get(n.index()).copied().unwrap_or(false);
        let memo = scratch::Memo::take(self.graph.node_count());
        let could = |n: NodeIndex| match memo.get(n.index()) {
            Some(c) => c,
            None => {
                let c = f.could_accept(n);
                memo.set(n.index(), c);
                c
            }
        };
        // The goals serving the family's region: the only ones a route may
        // reach (for the pathway's own goal, found through the regions
        // containing theirs, not by asking every goal in the land).
        let local: Vec<NodeIndex> = if query.goal.is_none() {
            self.goals_serving(f.profile.region)
        } else {
            goals.iter().copied().filter(|&g| f.serves(g)).collect()
        };
        // With the bound on referrals: the search for the routes asked for
        // drops partial routes that cannot end within the hop limit.
        // Towards the pathway's own goal, the bound over every referral
        // between services of the family's area is the area's, kept by the
        // pathway (`pathway/bounds.rs`); a query's own goal, or an area
        // past what the pathway keeps, has a bound over the services that
        // could ever take the family, made for the query.
        let mut bound = scratch::bound();
        let kept = if query.goal.is_none() {
            let wait = usize::from(query.waits == crate::query::prepared::WaitKind::Pessimistic);
            self.kept_bounds
                .get_or_make(f.profile.region.index(), wait, || {
                    let in_area = |n: NodeIndex| f.serves(n);
                    let _ = bound.fill(&f, &local, &in_area, &goal_mask, (query.waits, true));
                    bound.kept(&f, query.waits)
                })
        } else {
            None
        };
        match kept {
            Some(kept) => bound.load(self.graph.node_count(), kept),
            None => {
                let _ = bound.fill(&f, &local, &could, &goal_mask, (query.waits, true));
            }
        }
        let spent = std::cell::Cell::new(already);
        let steps = scratch::Steps::take(self.graph.node_count());
        let (cells, stamp) = steps.parts();
        let rules = crate::query::prepared::StepRules::new(cells, stamp);
        // With the kept bound, each service's referrals in the order of
        // the key they add under the query's ranking.
        let kept_order = kept.and_then(|k| {
            k.orders
                .get(usize::from(query.ranking == Ranking::FewestHandoffs))
                .map(|o| &o[..])
        });
        let search = Search {
            f: &f,
            rules: &rules,
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
            distinct: query.from.is_none(),
            kept_order,
        };
        // With explanations, the search goes on a while past the routes
        // asked for: the first route it finds to each other goal is that
        // goal's best, which saves a search of its own.
        // Lower bounds on the day each service could first see the family,
        // from any start that could ever take them: a goal with none, or
        // whose bound already passes its age limit, has no route on any day.
        // Computed when first needed (the look-ahead is still looking, or a
        // goal in the family's area is examined alone): O(V + E log V), like
        // the bound, and like it not charged to the query's budget.
        let hopeless_once = std::cell::OnceCell::new();
        let hopeless = || {
            hopeless_once.get_or_init(|| {
                let from_starts: Vec<(NodeIndex, i64)> = starts
                    .iter()
                    .filter(|&&(n, _)| could(n))
                    .map(|&(n, with)| {
                        (
                            n,
                            if with {
                                0
                            } else {
                                i64::from(f.wait(n, query.waits))
                            },
                        )
                    })
                    .collect();
                let soonest =
                    bound::earliest_seen(&f, &from_starts, &could, &goal_mask, query.waits);
                soonest
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| {
                        let g = NodeIndex::new(i);
                        let seen = i64::from(f.start_age()).saturating_add(d);
                        d == i64::MAX
                            || f.deadline(g).is_some_and(|(before, judged)| {
                                let day = if judged == crate::document::AgeJudged::OnReferral {
                                    seen.saturating_sub(i64::from(f.wait(g, query.waits)))
                                } else {
                                    seen
                                };
                                day >= i64::from(before)
                            })
                    })
                    .collect::<Vec<bool>>()
            })
        };
        // Soonest first, with no door on the way that could open later:
        // every goal's best route in one pass over services, so the search
        // over partial routes stops at the routes asked for, and a goal
        // with no route in that pass has none on any day.
        let settled = if query.explain && query.ranking == Ranking::SoonestSeen {
            search.settle(&local)
        } else {
            None
        };
        let settled_ends: Option<foldhash::HashSet<u32>> = settled.as_ref().map(|best| {
            best.iter()
                .filter_map(|p| p.nodes.last().copied())
                .collect()
        });
        let is_hopeless = |g: NodeIndex| match &settled_ends {
            Some(ends) => !ends.contains(&(g.index() as u32)),
            None => hopeless().get(g.index()).copied().unwrap_or(true),
        };
        let recount = || local.iter().filter(|&&g| !is_hopeless(g)).count();
        let more = (query.explain && settled.is_none()).then(|| {
            let candidates = local.iter().filter(|&&g| could(g)).count();
            (
                query.search_ahead,
                candidates,
                &recount as &dyn Fn() -> usize,
            )
        });
        // No goal reached in that pass: no route of any length, so no
        // search for one.
        let (found, mut firsts, mut complete) =
            if settled_ends.as_ref().is_some_and(|e| e.is_empty()) {
                (Vec::new(), Vec::new(), true)
            } else {
                search.run_on(query.limit, Relax::Nothing, more)
            };
        if let Some(best) = settled {
            let ends: foldhash::HashSet<u32> = found
                .iter()
                .filter_map(|p| p.nodes.last().copied())
                .collect();
            firsts.extend(best.into_iter().filter(|p| {
                p.nodes.len() <= query.max_hops.saturating_add(1)
                    && p.nodes.last().is_some_and(|g| !ends.contains(g))
            }));
        }
        let routes: Vec<Route> = found.iter().map(|p| self.route(&f, p)).collect();
        // Goals settled by the search, by goal in the goals' (node) order:
        // O(G) to make, O(log G) to mark.
        let mut reached = vec![false; if query.explain { goals.len() } else { 0 }];
        let mut mark = |n: Option<&u32>| {
            let at = n.and_then(|&g| goals.binary_search(&NodeIndex::new(g as usize)).ok());
            if let Some(x) = at.and_then(|i| reached.get_mut(i)) {
                *x = true;
            }
        };
        for p in &found {
            mark(p.nodes.last());
        }
        // Every goal not reached has an entry (most, in a national
        // pathway, outside the family's area): room for all at once.
        let mut not_reached = Vec::with_capacity(if query.explain { goals.len() } else { 0 });
        let mut also = Vec::with_capacity(firsts.len());
        for p in firsts {
            mark(p.nodes.last());
            also.push(p);
        }
        let spare = std::cell::RefCell::new(scratch::bound());
        let ways = settle::Ways::new(query.goal.is_none() && query.from.is_none());
        // Teams elsewhere share their areas (a board's teams serve the
        // board): the pathway words each list of areas once per family's
        // region, and every entry shares those words, and ids and names
        // with the pathway. The default goal's services are listed from
        // the pathway's table of them (side by side, each with its list of
        // areas), so the hundreds of teams elsewhere in a national pathway
        // are listed without reading their services; a query's own goal
        // reads each service.
        let table = if query.goal.is_none() {
            self.goal_table.as_slice()
        } else {
            &[]
        };
        // `local` is in node order, as `goals` are: walked alongside.
        let mut next_local = local.iter().peekable();
        for (i, &g) in goals.iter().enumerate().filter(|_| query.explain) {
            while next_local.next_if(|&&n| n < g).is_some() {}
            let here = next_local.peek().is_some_and(|&&n| n == g);
            if reached.get(i).copied().unwrap_or(false) {
                continue;
            }
            let shown = table.get(i);
            let (reason, (service, name)) = if here {
                let Some(s) = self.services.get(g.index()) else {
                    continue;
                };
                let (answer, done) = self.why_not(
                    &f,
                    &search,
                    (&spare, &ways),
                    &goal_mask,
                    (g, is_hopeless(g)),
                    s,
                );
                complete &= done;
                match answer {
                    Ok(p) => {
                        also.push(p);
                        continue;
                    }
                    Err(reason) => (reason, (Arc::clone(&s.shown.0), Arc::clone(&s.shown.1))),
                }
            } else if let Some(entry) = shown {
                let message = self
                    .served
                    .words(&self.regions, f.profile.region, entry.areas);
                (
                    Reason::NotInRegion { message },
                    (Arc::clone(&entry.id), Arc::clone(&entry.name)),
                )
            } else {
                let Some(s) = self.services.get(g.index()) else {
                    continue;
                };
                let message = self.served.of(&self.regions, f.profile.region, g.index());
                (
                    Reason::NotInRegion { message },
                    (Arc::clone(&s.shown.0), Arc::clone(&s.shown.1)),
                )
            };
            not_reached.push(NotReached {
                service,
                name,
                reason,
            });
        }
        // Same order as routes: the ranking key, then the services' ids.
        also.sort_by(|a, b| (a.key, &a.nodes).cmp(&(b.key, &b.nodes)));
        let also_reachable = also.iter().map(|p| self.route(&f, p)).collect();
        let from_refused = match &query.from {
            Some(id) => self.refusal_of_from(&f, id)?,
            None => None,
        };
        // The bounds' memory serves the thread's next query (and the
        // alternatives' own queries below).
        scratch::give_bound(bound);
        scratch::give_bound(spare.into_inner());
        memo.give_back();
        steps.give_back();
        let mut alternatives = Vec::new();
        if routes.is_empty() && query.explain && query.goal.is_none() {
            for (label, goal) in &self.alternatives {
                let q = RouteQuery {
                    goal: Some(goal.clone()),
                    limit: 1,
                    explain: false,
                    ..query.clone()
                };
                let answer = self.routes_after(profile, &q, already)?;
                complete &= answer.complete;
                if let Some(route) = answer.routes.into_iter().next() {
                    alternatives.push(Alternative {
                        label: label.clone(),
                        route,
                    });
                }
            }
        }
        Ok(RouteAnswer {
            today: f.profile.today,
            routes,
            not_reached,
            also_reachable,
            alternatives,
            from_refused,
            complete,
        })
    }

    /// The services a route may end at: those of `goal`, or of the
    /// pathway's goal when `None`, in node order.
    ///
    /// # Errors
    /// [`QueryError::UnknownService`] for an unknown goal service,
    /// [`QueryError::UnknownTag`] for a tag no service carries (tags and
    /// services resolve by name in any case and punctuation),
    /// [`QueryError::NoGoalService`] when no service matches.
    pub(crate) fn goal_services(
        &self,
        goal: Option<&crate::document::GoalDoc>,
    ) -> Result<std::borrow::Cow<'_, [NodeIndex]>, QueryError> {
        let asked;
        let matcher = match goal {
            None => &self.goal,
            Some(g) => {
                asked = Goal {
                    tier: g.tier,
                    tags: g
                        .tags
                        .iter()
                        .map(|t| self.tag(t))
                        .collect::<Result<_, _>>()?,
                    services: g
                        .services
                        .iter()
                        .map(|s| self.service_id(s))
                        .collect::<Result<_, _>>()?,
                };
                &asked
            }
        };
        // The pathway's own goal is resolved once, at compile time.
        let goals = if goal.is_none() {
            std::borrow::Cow::Borrowed(self.goal_services.as_slice())
        } else {
            std::borrow::Cow::Owned(matcher.services_in(&self.services))
        };
        if goals.is_empty() {
            let shown = goal
                .and_then(|g| serde_json::to_string(g).ok())
                .unwrap_or_default();
            return Err(QueryError::NoGoalService(shown));
        }
        Ok(goals)
    }

    /// Why the `from` service does not take the family today, if it does not.
    fn refusal_of_from(
        &self,
        f: &crate::query::prepared::PreparedProfile<'_>,
        id: &str,
    ) -> Result<Option<Reason>, QueryError> {
        let s = self.service_id(id)?;
        let node = NodeIndex::new(s.index());
        let start = f.start_age();
        if f.accepts_now(node, start) {
            return Ok(None);
        }
        let Some(svc) = self.svc(s) else {
            return Ok(None);
        };
        let v = self.verdict(
            svc,
            &f.profile,
            crate::model::rules::Timing::at(start),
            crate::model::rules::ReferredBy::Family,
        );
        if !v.region.served {
            return Ok(Some(Reason::NotInRegion {
                message: v.region.message.into(),
            }));
        }
        let why: Vec<&str> = v
            .rule
            .decisive()
            .iter()
            .map(|e| e.message.as_str())
            .collect();
        let why = why.join("; ");
        let later = f
            .accept_days(
                node,
                crate::query::prepared::WaitKind::Typical,
                true,
                crate::model::rules::ReferredBy::Family,
            )
            .and(&crate::model::rules::Days::from(start))
            .first();
        Ok(Some(match later {
            Some(day) => Reason::NotYet {
                from_age_days: day,
                days_from_today: i64::from(day) - i64::from(start),
                message: format!(
                    "`{id}` takes the family from {} (in {}): {why}",
                    crate::age::describe(day),
                    crate::age::describe_duration(i64::from(day) - i64::from(start))
                ),
            },
            None => Reason::NotEligible {
                message: format!("`{id}` does not take the family: {why}"),
            },
        }))
    }
}
