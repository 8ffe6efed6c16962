//! How the A* search extends a partial route: its referrals in the order
//! of the key they add, those of the route's own key queued at once, the
//! rest standing in the queue as one entry until their key comes up.

use petgraph::graph::NodeIndex;

use super::arena::{LATER, Label, Open, Orders, Path, Queue, Step};
use super::query::{MAX_HOPS, Ranking, SEARCH_BUDGET};
use super::search::{Relax, Search};

impl Search<'_, '_> {
    /// Judges the referral `l` out of the partial route `step` and, if the
    /// family may take it, queues the longer route with `key`; `false` when
    /// the search's budget of partial routes is spent.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn queue_step(
        &self,
        heap: &mut Queue<'_>,
        labels: &mut Vec<Label>,
        paths: &mut Vec<Path>,
        step: &Step<'_>,
        l: &crate::pathway::Link,
        key: (i64, i64),
        relax: Relax,
    ) -> bool {
        let m = NodeIndex::new(l.node as usize);
        let hops = step.hops;
        let arrival = step.seen.saturating_add(l.delay);
        let referral = self.f.pathway.referrals.get(l.referral as usize);
        if !self.referral_open(referral, step.seen, relax) {
            return true;
        }
        // The rules reduced for the family judge the route's steps
        // (the same services again and again).
        if !self.accepts(m, arrival, Some(step.at), relax) {
            return true;
        }
        // A route that would be padding is dropped before it waits in the
        // queue: its rest, a route from today, ranks strictly before it
        // (fewer referrals, no later), so its goal is counted there.
        if self.distinct && relax == Relax::Nothing && (self.is_goal)(m) {
            let mut nodes: Path = [0; MAX_HOPS + 1];
            for (n, &tag) in nodes.iter_mut().zip(step.path) {
                *n = tag.saturating_sub(1);
            }
            if let Some(x) = nodes.get_mut(hops + 1) {
                *x = l.node;
            }
            if self.padded(nodes.get(..hops + 2).unwrap_or_default()) {
                return true;
            }
        }
        if labels.len() >= SEARCH_BUDGET {
            return false;
        }
        let open = Open {
            key,
            label: labels.len() as u32,
            next: 0,
        };
        labels.push(Label {
            node: l.node,
            times: (
                arrival,
                arrival.saturating_add(self.f.wait(m, self.waits)),
                l.delay,
            ),
            parent: step.from,
            hops: hops as u32 + 1,
        });
        let mut next = *step.path;
        if let Some(slot) = next.get_mut(hops + 1) {
            *slot = l.node + 1;
        }
        paths.push(next);
        heap.push(open, paths);
        true
    }

    /// The referrals out of `n` that may lead to a target (their positions
    /// among its referrals), by the key they add to a route (days to the
    /// target, then referrals, for the soonest ranking; the other way round
    /// for the fewest): the kept bound's, or made the first time `n` is
    /// extended in this search and read after. The keys of a route's
    /// extensions follow this order, so its extensions of one key are side
    /// by side, and the next key is the next extension's. O(1), or
    /// O(d log d) the first time for d referrals when the bound has none.
    pub(super) fn order<'s>(&'s self, n: NodeIndex, orders: &'s mut Orders) -> &'s [u32] {
        // A bound the pathway keeps has its order with it.
        if let (Some(order), Some(span)) = (self.kept_order, self.bound.span(n)) {
            return order.get(span).unwrap_or_default();
        }
        let at = n.index() as u32;
        let (a, b) = match orders.of.get(&at) {
            Some(&(a, b)) => (a as usize, b as usize),
            None => self.sort_children(n, orders),
        };
        orders.ordered.get(a..b).unwrap_or_default()
    }

    /// [`Search::order`] made for this search: O(d log d) for the d
    /// referrals out of `n`, the first time it is extended.
    fn sort_children(&self, n: NodeIndex, orders: &mut Orders) -> (usize, usize) {
        let Orders { ordered, of, keyed } = orders;
        keyed.clear();
        for (i, l) in self.f.pathway.out_links.of(n.index()).iter().enumerate() {
            let (Some((days, hops)), Ok(i)) =
                (self.bound.added(self.f, self.waits, l), u32::try_from(i))
            else {
                continue;
            };
            keyed.push((
                match self.ranking {
                    Ranking::SoonestSeen => (days, hops),
                    Ranking::FewestHandoffs => (hops, days),
                },
                i,
            ));
        }
        keyed.sort_unstable();
        let start = ordered.len();
        ordered.extend(keyed.iter().map(|&(_, i)| i));
        let end = ordered.len();
        of.insert(n.index() as u32, (start as u32, end as u32));
        (start, end)
    }

    /// Queues the extensions of the route `step` (key `level`) that `order`
    /// lists first, up to the first of a greater key: that one and those
    /// after it stand in the queue as one entry at its key, `at` (where
    /// `order` starts in the search's list) plus how far it is in `order`.
    /// `false` when the search's budget of partial routes is spent.
    /// O(extensions made · rule size).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn queue_from(
        &self,
        heap: &mut Queue<'_>,
        labels: &mut Vec<Label>,
        paths: &mut Vec<Path>,
        step: &Step<'_>,
        order: &[u32],
        at: usize,
        level: (i64, i64),
        relax: Relax,
    ) -> bool {
        let start = self.f.start_age();
        let links = self.f.pathway.out_links.of(step.at.index());
        for (k, &i) in order.iter().enumerate() {
            let Some(l) = links.get(i as usize) else {
                continue;
            };
            let tag = l.node + 1;
            if step.path.iter().take(step.hops + 1).any(|&x| x == tag) {
                continue;
            }
            let m = NodeIndex::new(l.node as usize);
            let arrival = step.seen.saturating_add(l.delay);
            let seen_m = arrival.saturating_add(self.f.wait(m, self.waits));
            // The key first: a service from which no target can be
            // reached in time needs no condition or rule judged.
            let Some(key) = self.key(m, step.hops + 1, i64::from(seen_m) - i64::from(start)) else {
                continue;
            };
            // Those that rank after this key are judged and queued only
            // when their key comes up (most never do).
            if key > level {
                let open = Open {
                    key,
                    label: step.from | LATER,
                    next: u32::try_from(at.saturating_add(k)).unwrap_or(u32::MAX),
                };
                heap.push(open, paths);
                return true;
            }
            if !self.queue_step(heap, labels, paths, step, l, key, relax) {
                return false;
            }
        }
        true
    }
}
