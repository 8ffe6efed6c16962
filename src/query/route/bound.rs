//! Lower bounds on what is left of a route: days and referrals to the
//! targets, for the A* search.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

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
/// Complexity: O(V + E log V) time and O(V) space over the part of the
/// graph that reaches a target (reverse Dijkstra for days, reverse BFS for
/// hops), where V and E count services and referrals.
pub(super) struct Bound {
    days: Vec<i64>,
    hops: Vec<u32>,
    /// The services whose entries are set: reset by the next fill, so one
    /// `Bound` serves many searches without clearing the whole graph.
    touched: Vec<usize>,
}

impl Bound {
    /// No bound yet; nothing allocated until the first fill.
    pub(super) const fn empty() -> Self {
        Self {
            days: Vec::new(),
            hops: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Bounds towards `targets`, entering only services for which
    /// `enterable` holds and passing through no service of `goal_mask`.
    pub(super) fn new(
        f: &PreparedProfile<'_>,
        targets: &[NodeIndex],
        enterable: &dyn Fn(NodeIndex) -> bool,
        goal_mask: &[bool],
        waits: WaitKind,
    ) -> Self {
        let mut b = Self::empty();
        let _ = b.fill(f, targets, enterable, goal_mask, waits);
        b
    }

    /// [`Bound::new`], reusing this one's memory: O(what the last fill
    /// touched) to reset, then as `new`.
    pub(super) fn fill(
        &mut self,
        f: &PreparedProfile<'_>,
        targets: &[NodeIndex],
        enterable: &dyn Fn(NodeIndex) -> bool,
        goal_mask: &[bool],
        waits: WaitKind,
    ) -> usize {
        // Services taken off the queues and referrals looked at: what the
        // query budget is charged for this bound.
        let mut work = 0usize;
        let graph = f.pathway.graph();
        let n = graph.node_count();
        // What a fill around a few goals touches: room for it from the
        // start (growing from empty costs more than the bound itself on a
        // small pathway).
        let room = n.min(64);
        if self.days.len() != n || self.hops.len() != n {
            self.days = vec![i64::MAX; n];
            self.hops = vec![u32::MAX; n];
            self.touched.clear();
            self.touched.reserve(room);
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
        let mut heap = BinaryHeap::with_capacity(room);
        let mut queue = VecDeque::with_capacity(room);
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
                work = work.saturating_add(1);
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
                work = work.saturating_add(1);
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
        work
    }

    /// The bound at `n`: (days, hops), or `None` when no target is reachable.
    pub(super) fn at(&self, n: NodeIndex) -> Option<(i64, usize)> {
        let d = *self.days.get(n.index())?;
        let h = *self.hops.get(n.index())?;
        (d != i64::MAX && h != u32::MAX).then_some((d, h as usize))
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
        for e in graph.edges(NodeIndex::new(u)) {
            let m = e.target();
            if !enterable(m) {
                continue;
            }
            let nd = d
                .saturating_add(i64::from(f.pathway.delay(e.id())))
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
