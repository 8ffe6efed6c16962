//! The A* search over partial simple routes, with ages on arrival.

use std::collections::HashSet;

use petgraph::graph::NodeIndex;

use crate::query::prepared::{PreparedProfile, StepRules, WaitKind};

use super::arena::{LATER, Label, Memory, Open, Path, Queue, Step};
use super::bound::Bound;
use super::query::{MAX_HOPS, QUERY_BUDGET, Ranking, SEARCH_BUDGET};

/// Which checks the search makes at each step.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Relax {
    /// Every check on the day it happens: a route.
    Nothing,
    /// Every check as if on the first day (each service judged as if the
    /// referral arrived today, its own wait included; each referral as if
    /// made today): a way whose every door is open to the family today.
    Frozen,
    /// No rule and no referral condition; only services in the family's area.
    Everything,
    /// Nothing at all: any referral path.
    Anywhere,
}

pub(super) struct Search<'p, 'a> {
    pub(super) f: &'p PreparedProfile<'a>,
    /// The services' rules reduced for this family, as judged on a step.
    pub(super) rules: &'p StepRules<'p>,
    /// Lower bounds towards the targets of `is_goal` under this search's relaxation.
    pub(super) bound: &'p Bound,
    /// Where a route may end.
    pub(super) is_goal: &'p dyn Fn(NodeIndex) -> bool,
    /// Every goal service: routes end at the first one, so none is passed through.
    pub(super) any_goal: &'p dyn Fn(NodeIndex) -> bool,
    pub(super) starts: &'p [(NodeIndex, bool)],
    pub(super) max_hops: usize,
    pub(super) ranking: Ranking,
    pub(super) waits: WaitKind,
    /// For a search towards one service: the age before which it must
    /// receive the referral (`true`) or see the family (`false`), and its
    /// wait. Partial routes that cannot make it are pruned.
    pub(super) deadline: Option<(i32, bool, i32)>,
    /// Whether a service could accept the family at some age from today
    /// (memoised per query).
    pub(super) could: &'p dyn Fn(NodeIndex) -> bool,
    /// Partial routes examined so far by all the query's searches.
    pub(super) spent: &'p std::cell::Cell<usize>,
    /// Whether routes through a second entry service whose rest is a route
    /// from today are dropped (the starts are entries, not a `from`).
    pub(super) distinct: bool,
    /// With a bound loaded from the pathway's kept one: each service's
    /// referrals in the order of the key they add under `ranking`, where
    /// the bound's spans say.
    pub(super) kept_order: Option<&'p [u32]>,
}

// Labels stay below [`LATER`].
const _: () = assert!(SEARCH_BUDGET < LATER as usize);

/// A route found by a search: its services and, per service, (arrival,
/// seen, delay in).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Partial {
    pub(super) key: (i64, i64),
    pub(super) nodes: Vec<u32>,
    /// (arrival, seen, delay in) per node.
    pub(super) times: Vec<(i32, i32, i32)>,
}

impl Search<'_, '_> {
    /// The A* key of a partial route of `hops` referrals and `days` so far
    /// ending at `n`: a lower bound on the ranking key of every complete
    /// route extending it, or `None` when none can complete within the hop
    /// limit.
    pub(super) fn key(&self, n: NodeIndex, hops: usize, days: i64) -> Option<(i64, i64)> {
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
            Ranking::SoonestSeen => (days, i64::try_from(total_hops).unwrap_or(i64::MAX)),
            Ranking::FewestHandoffs => (i64::try_from(total_hops).unwrap_or(i64::MAX), days),
        })
    }

    /// Whether `n` accepts the family arriving on `arrival`, referred by the
    /// service at `from` (`None`: the family comes by itself), under `relax`.
    pub(super) fn accepts(
        &self,
        n: NodeIndex,
        arrival: i32,
        from: Option<NodeIndex>,
        relax: Relax,
    ) -> bool {
        match relax {
            Relax::Nothing => self
                .f
                .accepts_step(self.rules, n, arrival, self.waits, from),
            Relax::Frozen => {
                self.f
                    .accepts_step(self.rules, n, self.f.start_age(), self.waits, from)
            }
            Relax::Everything => self.f.serves(n),
            Relax::Anywhere => true,
        }
    }

    /// Whether the first service, already with the family, accepts them today.
    pub(super) fn accepts_now(&self, n: NodeIndex, relax: Relax) -> bool {
        match relax {
            Relax::Nothing | Relax::Frozen => self.f.accepts_now(n, self.f.start_age()),
            Relax::Everything => self.f.serves(n),
            Relax::Anywhere => true,
        }
    }

    /// Whether the referral `r` (read once per referral looked at: its
    /// delay comes next) may be made for the family seen on `seen`, under
    /// `relax`; no referral is never open unless every condition is relaxed.
    pub(super) fn referral_open(
        &self,
        r: Option<&crate::pathway::Referral>,
        seen: i32,
        relax: Relax,
    ) -> bool {
        let p = self.f.pathway;
        match relax {
            Relax::Nothing => r.is_some_and(|r| p.referral_open(r, &self.f.profile, seen)),
            Relax::Frozen => {
                r.is_some_and(|r| p.referral_open(r, &self.f.profile, self.f.start_age()))
            }
            Relax::Everything | Relax::Anywhere => true,
        }
    }

    /// Whether a route is padding: it reaches a later entry service from
    /// which the rest of the route, started today, is itself a route.
    /// O(length² · rule size).
    pub(super) fn padded(&self, nodes: &[u32]) -> bool {
        let start = self.f.start_age();
        let p = self.f.pathway;
        (1..nodes.len()).any(|i| {
            let rest = nodes.get(i..).unwrap_or_default();
            let Some((&first, tail)) = rest.split_first() else {
                return false;
            };
            let first = NodeIndex::new(first as usize);
            if !p.is_entry(first)
                || !self
                    .f
                    .accepts_step(self.rules, first, start, self.waits, None)
            {
                return false;
            }
            let mut at = first;
            let mut seen = start.saturating_add(self.f.wait(first, self.waits));
            for &m in tail {
                let m = NodeIndex::new(m as usize);
                let Some(e) = p.graph().find_edge(at, m) else {
                    return false;
                };
                if !self.f.referral_open(e, seen) {
                    return false;
                }
                let arrival = seen.saturating_add(p.delay(e));
                if !self
                    .f
                    .accepts_step(self.rules, m, arrival, self.waits, Some(at))
                {
                    return false;
                }
                seen = arrival.saturating_add(self.f.wait(m, self.waits));
                at = m;
            }
            true
        })
    }

    /// The routes of up to `limit` options, best first, and whether the
    /// search finished. Routes that differ only in their first service (the
    /// same later services, reached on the same days) are one option.
    ///
    /// Partial routes live in the heap as fixed-size service lists (no
    /// allocation per partial route); their timelines in an arena of
    /// labels, read back only for the routes found.
    pub(super) fn run(&self, limit: usize, relax: Relax) -> (Vec<Partial>, bool) {
        let (found, _, done) = self.run_on(limit, relax, None);
        (found, done)
    }

    /// As [`Search::run`]; then, with `more = Some((budget, goals,
    /// recount))`, goes on for up to `budget` more partial routes and
    /// returns the first route found to each goal that ends none of the
    /// `limit` routes, until `goals` distinct goals have a route (when
    /// fewer have one as the look-ahead starts, `recount` says how many
    /// could have one, once). The first route popped to a goal
    /// is its best (the bound is consistent, so keys never decrease along
    /// the heap's order), so these are exact.
    pub(super) fn run_on(
        &self,
        limit: usize,
        relax: Relax,
        more: Option<(usize, usize, &dyn Fn() -> usize)>,
    ) -> (Vec<Partial>, Vec<Partial>, bool) {
        let mut memory = super::scratch::take::<Memory>();
        let answer = self.run_in(&mut memory, limit, relax, more);
        super::scratch::keep(memory);
        answer
    }

    /// [`Search::run_on`] in `memory` (empty).
    fn run_in(
        &self,
        memory: &mut Memory,
        limit: usize,
        relax: Relax,
        more: Option<(usize, usize, &dyn Fn() -> usize)>,
    ) -> (Vec<Partial>, Vec<Partial>, bool) {
        let start = self.f.start_age();
        // The services of each label's partial route, by label.
        let Memory {
            heap,
            labels,
            paths,
            orders,
        } = memory;
        let mut heap = Queue { items: heap };
        for &(n, already_with) in self.starts {
            let seen = if already_with {
                start
            } else {
                start.saturating_add(self.f.wait(n, self.waits))
            };
            // The key first: most entry services of a national pathway
            // lead to no goal the family could reach (no bound), and the
            // key costs less than their rules.
            let Some(key) = self.key(n, 0, i64::from(seen) - i64::from(start)) else {
                continue;
            };
            let accepted = if already_with {
                self.accepts_now(n, relax)
            } else {
                self.accepts(n, start, None, relax)
            };
            if !accepted {
                continue;
            }
            let open = Open {
                key,
                label: labels.len() as u32,
                next: 0,
            };
            labels.push(Label {
                node: n.index() as u32,
                times: (start, seen, 0),
                parent: u32::MAX,
                hops: 0,
            });
            let mut path = [0; MAX_HOPS + 1];
            path[0] = n.index() as u32 + 1;
            paths.push(path);
            heap.push(open, paths);
        }
        let mut found = Vec::new();
        let mut firsts = Vec::new();
        let mut ends: HashSet<u32, foldhash::fast::RandomState> = HashSet::default();
        let mut extra = 0;
        let mut wanted = usize::MAX;
        // Options: routes with the same later steps on the same days (they
        // differ only in the first contact, and share a key) are one. The
        // key of the route that filled the last option: routes after it
        // with the same key may still belong to an option found.
        let mut options: Vec<(Path, i32)> = Vec::new();
        let mut closed: Option<(i64, i64)> = None;
        // The budgets count partial routes pushed (each one is memory held
        // until the search ends), starts included: a pop never exceeds them.
        self.spent
            .set(self.spent.get().saturating_add(labels.len()));
        while let Some(p) = heap.pop(paths) {
            let filled = closed.is_some_and(|k| p.key > k);
            if self.spent.get() > QUERY_BUDGET || (!filled && labels.len() > SEARCH_BUDGET) {
                return (found, firsts, false);
            }
            if filled && more.is_none() {
                break;
            }
            if p.label & LATER != 0 {
                // A partial route's referrals whose key has come up.
                let from = p.label & !LATER;
                let Some(label) = labels.get(from as usize) else {
                    continue;
                };
                let at = NodeIndex::new(label.node as usize);
                let path = paths.get(from as usize).copied().unwrap_or_default();
                let step = Step {
                    from,
                    at,
                    seen: label.times.1,
                    path: &path,
                    hops: label.hops as usize,
                };
                let next = p.next as usize;
                let order = self.order(at, orders).get(next..).unwrap_or_default();
                if !self.queue_from(&mut heap, labels, paths, &step, order, next, p.key, relax) {
                    return (found, firsts, closed.is_some());
                }
                continue;
            }
            let Some(label) = labels.get(p.label as usize) else {
                continue;
            };
            let last = NodeIndex::new(label.node as usize);
            // Past the routes asked for (only with a look-ahead: without
            // one the search stopped above).
            if let (true, Some((budget, goals, recount))) = (filled, more) {
                extra += 1;
                if extra == 1 && ends.len() < goals {
                    wanted = recount();
                }
                if extra > budget || ends.len() >= wanted.min(goals) {
                    break;
                }
            }
            if (self.is_goal)(last) {
                if filled {
                    if ends.insert(label.node) {
                        firsts.push(Self::unwind(labels, p.key, p.label));
                    }
                    continue;
                }
                // The route's services, read from its service list (it is
                // unwound only if kept). It is no padding: padded routes
                // never wait in the queue.
                let len = (label.hops as usize).saturating_add(1);
                let path = paths.get(p.label as usize).copied().unwrap_or_default();
                // Its option: the services after the first, with the day
                // the second receives the referral (a route of one service
                // is its own option).
                let option: (Path, i32) = if len > 1 {
                    let mut rest: Path = [0; MAX_HOPS + 1];
                    for (r, &tag) in rest.iter_mut().zip(path.iter().skip(1)) {
                        *r = tag;
                    }
                    let mut second = p.label;
                    for _ in 2..len {
                        second = labels.get(second as usize).map_or(u32::MAX, |l| l.parent);
                    }
                    (
                        rest,
                        labels.get(second as usize).map_or(i32::MIN, |l| l.times.0),
                    )
                } else {
                    (path, i32::MIN)
                };
                if options.contains(&option) {
                    ends.insert(label.node);
                    found.push(Self::unwind(labels, p.key, p.label));
                } else if options.len() < limit {
                    options.push(option);
                    ends.insert(label.node);
                    found.push(Self::unwind(labels, p.key, p.label));
                    if options.len() >= limit {
                        closed = Some(p.key);
                    }
                } else if more.is_some() && ends.insert(label.node) {
                    firsts.push(Self::unwind(labels, p.key, p.label));
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
            let path = paths.get(p.label as usize).copied().unwrap_or_default();
            // Every referral looked at is charged to the query (each costs
            // a rule or two, of at most MAX_RULE_SIZE each).
            let links = self.f.pathway.out_links.of(last.index());
            let spent = self.spent.get().saturating_add(links.len());
            self.spent.set(spent);
            if spent > QUERY_BUDGET {
                return (found, firsts, closed.is_some());
            }
            let step = Step {
                from: p.label,
                at: last,
                seen,
                path: &path,
                hops,
            };
            let order = self.order(last, orders);
            if !self.queue_from(&mut heap, labels, paths, &step, order, 0, p.key, relax) {
                return (found, firsts, closed.is_some());
            }
        }
        (found, firsts, true)
    }

    /// The route ending at `label`, read back from the arena.
    pub(super) fn unwind(labels: &[Label], key: (i64, i64), label: u32) -> Partial {
        let len = labels
            .get(label as usize)
            .map_or(0, |l| l.hops as usize + 1);
        let mut nodes = Vec::with_capacity(len);
        let mut times = Vec::with_capacity(len);
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
