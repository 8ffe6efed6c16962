//! The earliest day from which a route to one service opens, when there is
//! none today: a best-first search over partial routes, each labelled with
//! the set of start days on which it is still open.
//!
//! Along a route every age is the start day plus a fixed offset (the waits
//! and delays so far), so the start days on which a partial route is open
//! are the intersection of each check's set of days (see
//! [`Days`](crate::model::rules::Days)) moved earlier by its offset. The
//! search pops partial routes by the first day of that set, which never
//! decreases along a route (sets only shrink), so the first complete route
//! popped opens on the earliest day, and ties go to service ids.
//!
//! Complexity: as the route search, O(P · (d · c + log P)) time for P
//! partial routes of out-degree d and c intervals per set, and O(P · c)
//! space; stops at [`SEARCH_BUDGET`] partial routes (and the query's
//! budget).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::document::Tier;
use crate::model::rules::Days;
use crate::query::prepared::referred_by;

use super::arena::Path;
use super::query::{MAX_HOPS, QUERY_BUDGET, SEARCH_BUDGET};
use super::search::{Partial, Search};

/// One service on an open partial route: its (arrival, seen, delay in)
/// as offsets from the start day, its parent label, and the start days
/// still open.
struct Label {
    node: u32,
    offsets: (i32, i32, i32),
    parent: u32,
    hops: u32,
    days: Days,
}

impl Search<'_, '_> {
    /// The earliest start day from today on from which a route to the
    /// search's goal `g` exists, and that route with its timeline from that
    /// day; and whether the search finished.
    pub(super) fn earliest(&self, g: NodeIndex) -> (Option<(i32, Partial)>, bool) {
        let f = self.f;
        let start = f.start_age();
        let waits = self.waits;
        // Per service and referrer's tier (none: the family by itself).
        let mut node_days: HashMap<(u32, Option<Tier>), Days> = HashMap::new();
        let mut edge_days: HashMap<EdgeIndex, Days> = HashMap::new();
        let mut accept = |n: NodeIndex, from: Option<NodeIndex>| -> Days {
            let tier = from.and_then(|m| f.pathway.services.get(m.index()).map(|s| s.tier));
            node_days
                .entry((n.index() as u32, tier))
                .or_insert_with(|| f.accept_days(n, waits, false, referred_by(from)))
                .clone()
        };
        // The goal's last day of acceptance, from any referrer, bounds every
        // partial route.
        let goal_days = f.accept_days_any(g, waits, false);
        let goal_wait = f.wait(g, waits);
        let prune = |n: NodeIndex, hops: usize, first: i32, seen_off: i32| -> bool {
            let Some((bd, bh)) = self.bound.at(n) else {
                return true;
            };
            if hops.saturating_add(bh) > self.max_hops {
                return true;
            }
            // The earliest the goal could receive the referral.
            let arrive = i64::from(first)
                .saturating_add(i64::from(seen_off))
                .saturating_add(bd)
                .saturating_sub(i64::from(goal_wait));
            let arrive = i32::try_from(arrive).unwrap_or(i32::MAX);
            n != g && goal_days.and(&Days::from(arrive)).is_empty()
        };
        let mut heap: BinaryHeap<Reverse<(i32, Path, u32)>> = BinaryHeap::new();
        let mut labels: Vec<Label> = Vec::new();
        for &(n, already_with) in self.starts {
            // Most entries of a large pathway serve other areas or lead
            // nowhere near `g`: skip them before computing any set of days
            // (a service that could never accept the family accepts on no
            // day; one with no bound reaches no target).
            if self.bound.at(n).is_none() || !(self.could)(n) {
                continue;
            }
            let (open, seen_off) = if already_with {
                (f.accept_days(n, waits, true, referred_by(None)), 0)
            } else {
                (accept(n, None), f.wait(n, waits))
            };
            let days = open.and(&Days::from(start));
            let Some(first) = days.first() else { continue };
            if prune(n, 0, first, seen_off) {
                continue;
            }
            let mut path = [0; MAX_HOPS + 1];
            path[0] = n.index() as u32 + 1;
            heap.push(Reverse((first, path, labels.len() as u32)));
            labels.push(Label {
                node: n.index() as u32,
                offsets: (0, seen_off, 0),
                parent: u32::MAX,
                hops: 0,
                days,
            });
        }
        let mut popped = 0;
        while let Some(Reverse((first, path, at))) = heap.pop() {
            popped += 1;
            let spent = self.spent.get().saturating_add(1);
            self.spent.set(spent);
            if spent > QUERY_BUDGET || popped > SEARCH_BUDGET {
                return (None, false);
            }
            let Some(label) = labels.get(at as usize) else {
                continue;
            };
            let last = NodeIndex::new(label.node as usize);
            if last == g {
                return (Some((first, unwind(&labels, at, first))), true);
            }
            if (self.any_goal)(last) {
                continue;
            }
            let hops = label.hops as usize;
            if hops >= self.max_hops {
                continue;
            }
            let seen_off = label.offsets.1;
            let open = label.days.clone();
            for e in f.pathway.graph().edges(last) {
                let m = e.target();
                let tag = m.index() as u32 + 1;
                if path.iter().take(hops + 1).any(|&x| x == tag) {
                    continue;
                }
                let when = edge_days
                    .entry(e.id())
                    .or_insert_with(|| f.referral_days(e.id()));
                let delay = f.pathway.delay(e.id());
                let arrive_off = seen_off.saturating_add(delay);
                let days = open
                    .and(&when.earlier(seen_off))
                    .and(&accept(m, Some(last)).earlier(arrive_off));
                let Some(first_m) = days.first() else {
                    continue;
                };
                let seen_m = arrive_off.saturating_add(f.wait(m, waits));
                if prune(m, hops + 1, first_m, seen_m) {
                    continue;
                }
                let mut next = path;
                if let Some(slot) = next.get_mut(hops + 1) {
                    *slot = tag;
                } else {
                    continue;
                }
                heap.push(Reverse((first_m, next, labels.len() as u32)));
                labels.push(Label {
                    node: m.index() as u32,
                    offsets: (arrive_off, seen_m, delay),
                    parent: at,
                    hops: hops as u32 + 1,
                    days,
                });
            }
        }
        (None, true)
    }
}

/// The route ending at `label`, with its timeline from start day `day`.
fn unwind(labels: &[Label], label: u32, day: i32) -> Partial {
    let mut nodes = Vec::new();
    let mut times = Vec::new();
    let mut at = label;
    while let Some(l) = labels.get(at as usize) {
        nodes.push(l.node);
        let (a, s, d) = l.offsets;
        times.push((day.saturating_add(a), day.saturating_add(s), d));
        at = l.parent;
    }
    nodes.reverse();
    times.reverse();
    let days = times.last().map_or(0, |t| i64::from(t.1) - i64::from(day));
    Partial {
        key: (days, nodes.len() as i64),
        nodes,
        times,
    }
}
