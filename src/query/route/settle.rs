//! Every goal's best route at once, when no door on the way can open later.
//!
//! For the soonest-seen ranking, the best route to each goal service is what
//! the explanations need for every goal the routes asked for do not end at
//! (`also_reachable`). A search over partial routes finds them one by one;
//! this one finds them all in one pass over services, when it can prove
//! that doing so is exact.
//!
//! **When it is exact.** If no service's rule and no referral's condition
//! in the pathway can start holding on a day after today and before the
//! last day any goal service could still see the family (the pathway's
//! precomputed opening days, see `Cond::openings`), then over the days
//! that matter every door only closes as the family ages, and arriving
//! earlier is never worse. Of two partial routes to the same service, the
//! one that sees the family sooner (then with fewer referrals, then the
//! lower service ids in order) can follow every continuation of the
//! other, on days no later, with no more referrals: only that one need be
//! kept. A continuation that comes back to a service already on the kept
//! route has a loop; cut out, it gives a route that is strictly better
//! (fewer referrals, days no later) and still open (each door reached no
//! later). So Dijkstra's algorithm over services, keyed by (day seen,
//! referrals, service ids), settles each goal's best route over routes of
//! any length; where that route is within the hop limit it is also the
//! best within it. Otherwise (a door that may open later, as a service
//! for toddlers does for a baby) it returns `None` at once and the caller
//! searches partial routes; a goal whose best route is longer than the
//! hop limit is left to be examined alone.
//!
//! Complexity: O(V + (V' + E') log V') time and O(V) space, where V' and E'
//! count the services reached and the referrals looked at (each judging
//! at most two rules), plus O(G) for the G goal services and O(log D) for
//! the D opening days; ties compare two service lists of at most
//! [`MAX_CHAIN`] services each.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use petgraph::graph::NodeIndex;

use super::query::QUERY_BUDGET;
use super::query::Ranking;
use super::scratch::Slots;
use super::search::{Partial, Relax, Search};

/// Routes longer than this many referrals make the search give up: it
/// bounds the service lists a tie compares (the hop limit is at most
/// [`MAX_HOPS`](super::query::MAX_HOPS), far below).
const MAX_CHAIN: u32 = 64;

/// A label waiting in the one-pass searches' queue: its key and index.
type Entry = Reverse<((i64, i64), u32)>;

/// A one-pass search's working memory: its labels and its queue's, kept
/// from one search to the next on the thread (`scratch`).
#[derive(Default)]
struct Memory {
    labels: Vec<Label>,
    heap: Vec<Entry>,
}

impl super::scratch::Kept for Memory {
    fn clear(&mut self) {
        self.labels.clear();
        self.heap.clear();
    }

    fn bytes(&self) -> usize {
        super::scratch::room(&self.labels) + super::scratch::room(&self.heap)
    }
}

/// The best partial route kept for one service.
struct Label {
    node: u32,
    arrival: i32,
    seen: i32,
    delay: i32,
    hops: u32,
    /// The label of the service before it, `u32::MAX` for the first.
    parent: u32,
    done: bool,
}

impl Search<'_, '_> {
    /// The best route (soonest seen, then fewest referrals, then service
    /// ids) to every goal service reached, of any number of referrals (the
    /// caller keeps those within the hop limit), when the module's
    /// exactness condition holds; `None` when it does not (or the query's
    /// budget runs out), so the caller searches partial routes. A goal
    /// with no route here has none on any day from today: doors only
    /// close, for a later start too.
    pub(super) fn settle(&self, goals: &[NodeIndex]) -> Option<Vec<Partial>> {
        let f = self.f;
        let p = f.pathway;
        let start = f.start_age();
        // The day after which no goal service sees the family: a door met
        // on the way need only close with time before then, since a route
        // through it any later ends nowhere.
        let mut last_seen = i64::MIN;
        for &g in goals.iter().filter(|&&g| (self.could)(g)) {
            let Some((before, judged)) = f.deadline(g) else {
                last_seen = i64::MAX;
                break;
            };
            let slack = match judged {
                crate::document::AgeJudged::OnReferral => i64::from(f.wait(g, self.waits)),
                crate::document::AgeJudged::WhenSeen => 0,
            };
            last_seen = last_seen.max(i64::from(before).saturating_add(slack));
        }
        if last_seen == i64::MIN {
            // No goal service could ever take the family.
            return Some(Vec::new());
        }
        // A door that may open on a day after today, while some goal could
        // still see the family: arriving sooner may then be worse.
        let later = p.opening_days.partition_point(|&d| d <= start);
        if p.opening_days
            .get(later)
            .is_some_and(|&d| i64::from(d) < last_seen)
        {
            return None;
        }
        self.ways(Relax::Nothing)
    }

    /// The best way (in the query's ranking, then service ids) to every
    /// goal service reached under `relax`, of any number of referrals (the
    /// caller compares it with the hop limit); `None` when the query's
    /// budget runs out or a way grows past [`MAX_CHAIN`] referrals.
    /// Exact for the relaxations that judge every door as if on one day
    /// ([`Relax::Frozen`], [`Relax::Everything`], [`Relax::Anywhere`]),
    /// and for [`Relax::Nothing`] under the module's condition (which
    /// [`Search::settle`] checks; the soonest-seen ranking only).
    pub(super) fn ways(&self, relax: Relax) -> Option<Vec<Partial>> {
        let mut memory = super::scratch::take::<Memory>();
        let mut heap = BinaryHeap::from(std::mem::take(&mut memory.heap));
        let found = self.ways_in(&mut memory.labels, &mut heap, relax);
        memory.heap = heap.into_vec();
        super::scratch::keep(memory);
        found
    }

    /// [`Search::ways`] with `labels` and `heap` (empty) to work in.
    fn ways_in(
        &self,
        labels: &mut Vec<Label>,
        heap: &mut BinaryHeap<Entry>,
        relax: Relax,
    ) -> Option<Vec<Partial>> {
        let f = self.f;
        let p = f.pathway;
        let start = f.start_age();
        let order = |seen: i32, hops: u32| match self.ranking {
            Ranking::SoonestSeen => (i64::from(seen), i64::from(hops)),
            Ranking::FewestHandoffs => (i64::from(hops), i64::from(seen)),
        };
        // The query's bound counts only services in the family's area (and,
        // when made for the query, that could take the family at some
        // age): it prunes the searches whose doors all need that.
        let prune = matches!(relax, Relax::Nothing | Relax::Frozen);
        // The label of each service, by index (`u32::MAX`: none yet).
        // (Reset from the labels before the slots go back: every slot set
        // is a label's.)
        let mut slot = Slots::take(p.graph().node_count());
        for &(n, already_with) in self.starts {
            // Most first contacts of a national pathway lead to no goal
            // the family could reach (no bound): skipped before any rule.
            if prune && self.bound.at(n).is_none() {
                continue;
            }
            let seen = if already_with {
                if !self.accepts_now(n, relax) {
                    continue;
                }
                start
            } else {
                if !self.accepts(n, start, None, relax) {
                    continue;
                }
                start.saturating_add(f.wait(n, self.waits))
            };
            let candidate = Label {
                node: n.index() as u32,
                arrival: start,
                seen,
                delay: 0,
                hops: 0,
                parent: u32::MAX,
                done: false,
            };
            Self::offer(&mut slot, labels, heap, candidate, &order);
        }
        let mut spent = self.spent.get().saturating_add(labels.len());
        while let Some(Reverse((key, at))) = heap.pop() {
            let Some(l) = labels.get_mut(at as usize) else {
                continue;
            };
            if l.done || order(l.seen, l.hops) != key {
                continue;
            }
            l.done = true;
            let (u, seen, hops) = (NodeIndex::new(l.node as usize), l.seen, l.hops);
            if (self.any_goal)(u) {
                continue;
            }
            if hops >= MAX_CHAIN {
                self.spent.set(spent);
                return None;
            }
            for l in p.out_links.of(u.index()) {
                spent = spent.saturating_add(1);
                if spent > QUERY_BUDGET {
                    self.spent.set(spent);
                    return None;
                }
                let m = NodeIndex::new(l.node as usize);
                let mi = l.node;
                if slot
                    .get(m.index())
                    .and_then(|i| labels.get(i as usize))
                    .is_some_and(|x| x.done)
                {
                    continue;
                }
                // A service from which no goal can be reached (by the
                // query's bound) is on no route: no label needed.
                if prune && self.bound.at(m).is_none() {
                    continue;
                }
                if !self.referral_open(p.referrals.get(l.referral as usize), seen, relax) {
                    continue;
                }
                let delay = l.delay;
                let arrival = seen.saturating_add(delay);
                if !self.accepts(m, arrival, Some(u), relax) {
                    continue;
                }
                let candidate = Label {
                    node: mi,
                    arrival,
                    seen: arrival.saturating_add(f.wait(m, self.waits)),
                    delay,
                    hops: hops.saturating_add(1),
                    parent: at,
                    done: false,
                };
                Self::offer(&mut slot, labels, heap, candidate, &order);
            }
        }
        self.spent.set(spent);
        slot.give_back(labels.iter().map(|l| l.node as usize));
        let mut best = Vec::new();
        for (i, l) in labels.iter().enumerate() {
            if !(self.any_goal)(NodeIndex::new(l.node as usize)) {
                continue;
            }
            let len = l.hops as usize + 1;
            let mut nodes = Vec::with_capacity(len);
            let mut times = Vec::with_capacity(len);
            let mut at = i as u32;
            while let Some(x) = labels.get(at as usize) {
                nodes.push(x.node);
                times.push((x.arrival, x.seen, x.delay));
                at = x.parent;
            }
            nodes.reverse();
            times.reverse();
            best.push(Partial {
                key: order(l.seen.saturating_sub(start), l.hops),
                nodes,
                times,
            });
        }
        Some(best)
    }

    /// Keeps `candidate` as its service's label if it beats the one kept.
    fn offer(
        slot: &mut Slots,
        labels: &mut Vec<Label>,
        heap: &mut BinaryHeap<Entry>,
        candidate: Label,
        order: &dyn Fn(i32, u32) -> (i64, i64),
    ) {
        let Some(kept) = slot.get_mut(candidate.node as usize) else {
            return;
        };
        let at = match *kept {
            i if i != u32::MAX => {
                let Some(old) = labels.get(i as usize) else {
                    return;
                };
                let better =
                    match order(candidate.seen, candidate.hops).cmp(&order(old.seen, old.hops)) {
                        Ordering::Less => true,
                        Ordering::Greater => false,
                        Ordering::Equal => {
                            Self::chain_cmp(labels, candidate.parent, old.parent) == Ordering::Less
                        }
                    };
                if !better {
                    return;
                }
                let same_key = order(candidate.seen, candidate.hops) == order(old.seen, old.hops);
                if let Some(x) = labels.get_mut(i as usize) {
                    *x = candidate;
                }
                if same_key {
                    // Already queued under this key.
                    return;
                }
                i
            }
            _ => {
                let i = labels.len() as u32;
                *kept = i;
                labels.push(candidate);
                i
            }
        };
        if let Some(l) = labels.get(at as usize) {
            heap.push(Reverse((order(l.seen, l.hops), at)));
        }
    }

    /// Compares the service lists ending at labels `a` and `b` (of equal
    /// length), from their first services.
    ///
    /// Walks both back in step, no allocation: the comparison at the last
    /// step walked where they differ (the one nearest their first services)
    /// decides; they share everything before the labels meet. O(length).
    fn chain_cmp(labels: &[Label], mut a: u32, mut b: u32) -> Ordering {
        let mut decided = Ordering::Equal;
        while a != b {
            match (labels.get(a as usize), labels.get(b as usize)) {
                (Some(x), Some(y)) => {
                    if x.node != y.node {
                        decided = x.node.cmp(&y.node);
                    }
                    a = x.parent;
                    b = y.parent;
                }
                // Unequal lengths (not met by the callers): the shorter first.
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (None, None) => break,
            }
        }
        decided
    }
}

/// What the one-pass searches say of the best way to one goal service
/// (the way as a `T`: a whole route, or only its services).
pub(super) enum Way<T = Partial> {
    /// This way, within the hop limit.
    Found(T),
    /// No way at all under the relaxation.
    None,
    /// Not settled: the best way is longer than the hop limit (a longer
    /// one in days might fit it), or the search stopped; search alone.
    Unknown,
}

impl<T> Way<T> {
    /// What a pass that kept `way` for a goal says of it: none, the way
    /// (as `take` gives it) when its `services` fit within `max_hops`
    /// referrals, else not settled. O(1) but for `take`.
    fn of_kept<W>(
        way: Option<&W>,
        services: impl Fn(&W) -> usize,
        max_hops: usize,
        take: impl FnOnce(&W) -> T,
    ) -> Self {
        match way {
            None => Self::None,
            Some(w) if services(w) <= max_hops.saturating_add(1) => Self::Found(take(w)),
            Some(_) => Self::Unknown,
        }
    }
}

/// Ways by the goal service they end at.
type ByGoal = foldhash::HashMap<u32, Partial>;

/// The best frozen way ([`Relax::Frozen`]: every door judged as if reached
/// today) to every goal, computed once per query when first asked for;
/// and, for the pathway's own goal from the family's first contacts, the
/// best way anywhere ([`Relax::Anywhere`]), which is the same for every
/// family and which the pathway keeps once made. The rule-free ways in
/// the family's area ([`Relax::Everything`]) are not kept: each goal that
/// needs one searches for it alone.
#[derive(Default)]
pub(super) struct Ways {
    frozen: std::cell::OnceCell<Option<ByGoal>>,
    /// Whether the ways anywhere are the pathway's kept ones: the query
    /// asks about the pathway's own goal, from the family's first contacts.
    shared: bool,
}

impl Ways {
    /// The ways of one query; `shared`: whether it asks about the
    /// pathway's own goal from the family's first contacts (not `from` a
    /// service), so that the pathway's kept ways anywhere are its own.
    pub(super) fn new(shared: bool) -> Self {
        Self {
            frozen: std::cell::OnceCell::new(),
            shared,
        }
    }

    /// The best way anywhere to `g`: the services on it (`None` when the
    /// query's ways anywhere are not the pathway's). O(1) after the
    /// pathway's first question that needs one, which makes the ways to
    /// every goal in one pass over services (O(V + E log V), within a
    /// budget of its own, so the same whichever question makes it).
    pub(super) fn anywhere(&self, search: &Search<'_, '_>, g: NodeIndex) -> Option<Way<Vec<u32>>> {
        if !self.shared {
            return None;
        }
        let p = search.f.pathway;
        let slot = usize::from(search.waits == crate::query::prepared::WaitKind::Pessimistic) * 2
            + usize::from(search.ranking == Ranking::FewestHandoffs);
        let kept = p.kept_ways.get_or_make(slot, || {
            let spent = std::cell::Cell::new(0);
            let whole = Search {
                starts: &p.entry_starts,
                spent: &spent,
                ..*search
            };
            whole.ways(Relax::Anywhere).map(|ways| {
                ways.into_iter()
                    .filter_map(|w| Some((*w.nodes.last()?, w.nodes.into_boxed_slice())))
                    .collect()
            })
        });
        let Some(ways) = kept else {
            return Some(Way::Unknown);
        };
        Some(Way::of_kept(
            ways.get(&(g.index() as u32)),
            |w| w.len(),
            search.max_hops,
            |w| w.to_vec(),
        ))
    }

    /// The best frozen way to `g`. O(1) after the first call, which costs
    /// one [`Search::ways`].
    pub(super) fn frozen(&self, search: &Search<'_, '_>, g: NodeIndex) -> Way {
        let found = self.frozen.get_or_init(|| {
            search.ways(Relax::Frozen).map(|ways| {
                ways.into_iter()
                    .filter_map(|w| Some((*w.nodes.last()?, w)))
                    .collect()
            })
        });
        let Some(ways) = found else {
            return Way::Unknown;
        };
        Way::of_kept(
            ways.get(&(g.index() as u32)),
            |w| w.nodes.len(),
            search.max_hops,
            |w| Partial {
                key: w.key,
                nodes: w.nodes.clone(),
                times: w.times.clone(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::scratch::{keep, take};
    use super::{Entry, Label, Memory};

    /// A pass's memory kept on the thread comes back empty but with its
    /// room; one grown past the limit is not kept.
    #[test]
    fn a_kept_memory_comes_back_empty_with_its_room() {
        let mut m = take::<Memory>();
        for i in 0..100 {
            m.labels.push(Label {
                node: i,
                arrival: 0,
                seen: 0,
                delay: 0,
                hops: 0,
                parent: u32::MAX,
                done: false,
            });
            m.heap.push(std::cmp::Reverse(((0, 0), i)));
        }
        keep(m);
        let m = take::<Memory>();
        assert_eq!((m.labels.len(), m.heap.len()), (0, 0));
        assert!(m.labels.capacity() >= 100 && m.heap.capacity() >= 100);
        keep(m);
        let mut big = take::<Memory>();
        big.heap
            .reserve(super::super::scratch::KEEP_BYTES / std::mem::size_of::<Entry>() + 1);
        keep(big);
        assert!(take::<Memory>().heap.capacity() < 100);
    }
}
