//! Lower bounds on what is left of a route: days and referrals to the
//! targets, for the A* search.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::queue::DayQueue;

use petgraph::graph::NodeIndex;

use crate::pathway::AreaBound;
use crate::query::prepared::{PreparedProfile, WaitKind};

/// Admissible, consistent lower bounds on what is left of a route from a
/// service to the search's targets: days (the least delay + wait along any
/// referral path, ages and referral conditions ignored) and referrals (the
/// fewest hops). A service with no bound cannot reach a target at all.
///
/// Ages and referral conditions only remove options, so ignoring them
/// keeps the bound admissible; each bound is a shortest-path distance, so
/// `bound(n) ≤ cost(n → m) + bound(m)` for every referral (consistent).
///
/// Complexity: O(V + E + D) time (O(V + E log V) when one referral can add
/// more than 4,095 days) and O(V) space over the part of the graph that
/// reaches a target (reverse Dijkstra for days over a bucket queue, see
/// `queue`; reverse BFS for hops), where V and E count services and
/// referrals and D is the largest bound; plus O(V) to allocate the first
/// fill.
pub(super) struct Bound {
    /// Days and referrals per service, by index (`u32::MAX`: no bound).
    /// Days are capped just below `u32::MAX`: the least of a bound and a
    /// constant is still an admissible, consistent bound.
    at: Vec<(u32, u32)>,
    /// The services whose entries are set: reset by the next fill, so one
    /// `Bound` serves many searches without clearing the whole graph.
    touched: Vec<usize>,
    /// The queues' memory, kept from one fill to the next.
    heap: Option<DayQueue>,
    queue: VecDeque<NodeIndex>,
    /// Loaded from a kept bound only: per service, by index, where its
    /// referrals lie in the kept bound's orders (`(NONE, NONE)`: not
    /// given), reset with `at` (empty, or as long as `at` with only
    /// services of `touched` given).
    spans: Vec<(u32, u32)>,
}

/// No bound at a service.
const NONE: u32 = u32::MAX;

impl Bound {
    /// No bound yet; nothing allocated until the first fill.
    pub(super) fn empty() -> Self {
        Self {
            at: Vec::new(),
            touched: Vec::new(),
            heap: None,
            queue: VecDeque::new(),
            spans: Vec::new(),
        }
    }

    /// Bounds towards `targets`, entering only services for which
    /// `enterable` holds and passing through no service of `goal_mask`,
    /// reusing this one's memory: O(what the last fill touched) to reset.
    /// Without `fewest`, the bound on referrals is only 1 away from a
    /// target (0 at one): still admissible and consistent, and enough when
    /// referrals only break ties (the reverse search for the fewest is
    /// skipped).
    pub(super) fn fill<E: Fn(NodeIndex) -> bool + ?Sized>(
        &mut self,
        f: &PreparedProfile<'_>,
        targets: &[NodeIndex],
        enterable: &E,
        goal_mask: &[bool],
        (waits, fewest): (WaitKind, bool),
    ) -> usize {
        // Services taken off the queues and referrals looked at: what the
        // query budget is charged for this bound.
        let mut work = 0usize;
        let graph = f.pathway.graph();
        let n = graph.node_count();
        if self.at.len() != n {
            self.at = vec![(NONE, NONE); n];
            // Orders given for another pathway go with its bounds.
            self.spans = Vec::new();
            self.touched.clear();
            // What a fill around a few goals touches: room for it from
            // the start (growing from empty costs more than the bound
            // itself on a small pathway).
            self.touched.reserve(n.min(64));
        }
        self.reset();
        let Self {
            at,
            touched,
            heap,
            queue,
            ..
        } = self;
        // A queue kept from another pathway may be too short for this one's steps.
        let step = f.pathway.longest_step;
        let heap = match heap {
            Some(q) if q.fits(step) => q,
            _ => heap.insert(DayQueue::new(step)),
        };
        heap.clear();
        queue.clear();
        // A target the family can never enter bounds nothing.
        for &t in targets.iter().filter(|&&t| enterable(t)) {
            if let Some(x) = at.get_mut(t.index()) {
                if x.0 != 0 {
                    touched.push(t.index());
                    *x = (0, 0);
                    heap.push(0, t.index() as u32);
                    if fewest {
                        queue.push_back(t);
                    }
                }
            }
        }
        // Waits and delays are never negative; a sum past the cap is capped.
        let days = |x: i32| u32::try_from(x).unwrap_or(0);
        while let Some((d, u)) = heap.pop() {
            let u = u as usize;
            if at.get(u).is_none_or(|x| x.0 < d) {
                continue;
            }
            let step = d.saturating_add(days(f.wait(NodeIndex::new(u), waits)));
            for l in f.pathway.in_links.of(u) {
                work = work.saturating_add(1);
                let p = l.node as usize;
                // Only services the family could enter are queued (and
                // bounded): the rest lead nowhere for it.
                if goal_mask.get(p).copied().unwrap_or(false) || !enterable(NodeIndex::new(p)) {
                    continue;
                }
                let nd = step.saturating_add(days(l.delay)).min(NONE - 1);
                if let Some(x) = at.get_mut(p) {
                    if nd < x.0 {
                        if x.0 == NONE {
                            touched.push(p);
                            if !fewest {
                                x.1 = 1;
                            }
                        }
                        x.0 = nd;
                        heap.push(nd, l.node);
                    }
                }
            }
        }
        // The reverse BFS for the fewest referrals (its queue is empty
        // without `fewest`).
        while let Some(u) = queue.pop_front() {
            let next = at
                .get(u.index())
                .map_or(NONE, |x| x.1)
                .saturating_add(1)
                .min(NONE - 1);
            for l in f.pathway.in_links.of(u.index()) {
                work = work.saturating_add(1);
                let p = l.node as usize;
                if goal_mask.get(p).copied().unwrap_or(false) || !enterable(NodeIndex::new(p)) {
                    continue;
                }
                if let Some(x) = at.get_mut(p) {
                    if x.1 == NONE {
                        x.1 = next;
                        queue.push_back(NodeIndex::new(p));
                    }
                }
            }
        }
        work
    }

    /// Forgets what the last fill or load set: O(services it set).
    fn reset(&mut self) {
        for &i in &self.touched {
            if let Some(x) = self.at.get_mut(i) {
                *x = (NONE, NONE);
            }
            if let Some(x) = self.spans.get_mut(i) {
                *x = (NONE, NONE);
            }
        }
        self.touched.clear();
    }

    /// What the last fill set, to keep: (service, days, referrals) per
    /// service it reached, and each one's referrals to services with a
    /// bound in the order of the key they add to a route (its delay, the
    /// wait of `waits` at the service referred to and that service's
    /// bound), under each ranking. O(S + R log R) for the S services
    /// reached and their R referrals.
    pub(super) fn kept(&self, f: &PreparedProfile<'_>, waits: WaitKind) -> AreaBound {
        let mut entries = Vec::with_capacity(self.touched.len());
        let mut spans = Vec::with_capacity(self.touched.len());
        let mut orders: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        let mut keyed: Vec<(i64, i64, u32)> = Vec::new();
        for &i in &self.touched {
            let (Some(&(d, h)), Ok(n)) = (self.at.get(i), u32::try_from(i)) else {
                continue;
            };
            entries.push((n, d, h));
            keyed.clear();
            for (pos, l) in f.pathway.out_links.of(i).iter().enumerate() {
                let (Some((days, hops)), Ok(pos)) = (self.added(f, waits, l), u32::try_from(pos))
                else {
                    continue;
                };
                keyed.push((days, hops, pos));
            }
            let start = u32::try_from(orders[0].len()).unwrap_or(u32::MAX);
            keyed.sort_unstable();
            orders[0].extend(keyed.iter().map(|k| k.2));
            keyed.sort_unstable_by_key(|&(days, hops, pos)| (hops, days, pos));
            orders[1].extend(keyed.iter().map(|k| k.2));
            let end = u32::try_from(orders[0].len()).unwrap_or(u32::MAX);
            spans.push((start, end));
        }
        let [soonest, fewest] = orders;
        AreaBound {
            entries: entries.into(),
            spans: spans.into(),
            orders: [soonest.into(), fewest.into()],
        }
    }

    /// What the referral `l` adds to the key of a route it extends, beyond
    /// the route's own days and referrals: its delay, the wait of `waits`
    /// at the service it refers to and that service's bound on days; and
    /// that service's bound on referrals. `None` when that service has no
    /// bound. A route's extensions rank in the order of these (for a
    /// ranking by referrals first, with the two swapped). O(1).
    pub(super) fn added(
        &self,
        f: &PreparedProfile<'_>,
        waits: WaitKind,
        l: &crate::pathway::Link,
    ) -> Option<(i64, i64)> {
        let m = NodeIndex::new(l.node as usize);
        let (bd, bh) = self.at(m)?;
        let days = i64::from(l.delay)
            .saturating_add(i64::from(f.wait(m, waits)))
            .saturating_add(bd);
        Some((days, i64::try_from(bh).unwrap_or(i64::MAX)))
    }

    /// Sets the bounds to `kept` (made by [`Bound::kept`] on a pathway of
    /// `n` services), with where each service's referrals lie in its
    /// orders, reusing this one's memory: O(services kept + what the last
    /// fill touched).
    pub(super) fn load(&mut self, n: usize, kept: &AreaBound) {
        if self.at.len() != n {
            self.at = vec![(NONE, NONE); n];
            self.spans = Vec::new();
            self.touched.clear();
        }
        if self.spans.len() != n {
            self.spans = vec![(NONE, NONE); n];
        }
        self.reset();
        for (&(i, d, h), &span) in kept.entries.iter().zip(kept.spans.iter()) {
            if let (Some(x), Some(s)) =
                (self.at.get_mut(i as usize), self.spans.get_mut(i as usize))
            {
                *x = (d, h);
                *s = span;
                self.touched.push(i as usize);
            }
        }
    }

    /// Where the referrals out of `n` lie in the orders of the kept bound
    /// loaded (none for a bound filled here). O(1).
    pub(super) fn span(&self, n: NodeIndex) -> Option<std::ops::Range<usize>> {
        let &(a, b) = self.spans.get(n.index())?;
        (a != NONE).then_some(a as usize..b as usize)
    }

    /// The bound at `n`: (days, hops), or `None` when no target is reachable.
    pub(super) fn at(&self, n: NodeIndex) -> Option<(i64, usize)> {
        let &(d, h) = self.at.get(n.index())?;
        (d != NONE && h != NONE).then_some((i64::from(d), h as usize))
    }
}

/// Lower bounds on the days from today until each service could see the
/// family, over every referral path from `starts` (each with the days
/// until it sees the family) through services for which `enterable` holds,
/// ending at the first service of `goal_mask`; ages, rules, referral
/// conditions and the hop limit ignored. `i64::MAX`: no such path.
///
/// A route from any day from today on takes one of these paths, and only
/// later, so a goal service with no bound, or whose bound already passes
/// its age limit, has no route on any day.
///
/// Complexity: O(V + E log V) time, O(V) space (forward Dijkstra).
pub(super) fn earliest_seen(
    f: &PreparedProfile<'_>,
    starts: &[(NodeIndex, i64)],
    enterable: &dyn Fn(NodeIndex) -> bool,
    goal_mask: &[bool],
    waits: WaitKind,
) -> Vec<i64> {
    let graph = f.pathway.graph();
    let mut days = vec![i64::MAX; graph.node_count()];
    let mut heap = BinaryHeap::new();
    for &(n, d) in starts {
        if let Some(x) = days.get_mut(n.index()) {
            if d < *x {
                *x = d;
                heap.push(Reverse((d, n.index())));
            }
        }
    }
    while let Some(Reverse((d, u))) = heap.pop() {
        if days.get(u).is_none_or(|&x| x < d) || goal_mask.get(u).copied().unwrap_or(true) {
            continue;
        }
        for l in f.pathway.out_links.of(u) {
            let m = NodeIndex::new(l.node as usize);
            if !enterable(m) {
                continue;
            }
            let nd = d
                .saturating_add(i64::from(l.delay))
                .saturating_add(i64::from(f.wait(m, waits)));
            if let Some(x) = days.get_mut(m.index()) {
                if nd < *x {
                    *x = nd;
                    heap.push(Reverse((nd, m.index())));
                }
            }
        }
    }
    days
}
