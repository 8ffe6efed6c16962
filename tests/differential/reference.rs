//! The brute-force reference for `tests/routes_differential.rs`: every
//! simple path, checked with the public eligibility primitives only (each
//! step judged for its referrer: the family by itself at the first step,
//! else the service before it), and every reason kind by its documented
//! definition.

use std::collections::{BTreeMap, BTreeSet};

use carepath::document::Referrer;
use carepath::{Pathway, PreparedProfile, Profile, Reason, WaitKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// Brute force over one pathway and family.
pub struct Reference<'a> {
    p: &'a Pathway,
    f: PreparedProfile<'a>,
    from: Option<NodeIndex>,
    max_hops: usize,
    goals: Vec<NodeIndex>,
    bounds: Vec<i32>,
}

/// A path with its timeline offsets from the start day: per service,
/// (arrival offset, seen offset).
struct Walk {
    nodes: Vec<NodeIndex>,
}

impl Reference<'_> {
    fn is_goal(&self, n: NodeIndex) -> bool {
        self.goals.contains(&n)
    }

    /// The first services a route may start at, ignoring every check.
    fn firsts(&self) -> Vec<NodeIndex> {
        match self.from {
            Some(n) => vec![n],
            None => self
                .p
                .graph()
                .node_indices()
                .filter(|&n| self.p.is_entry(n))
                .collect(),
        }
    }

    /// Every simple path from a first service ending at its first goal,
    /// of at most `max_hops` referrals, ignoring every check.
    fn paths(&self) -> Vec<Walk> {
        let mut out = Vec::new();
        fn dfs(r: &Reference<'_>, path: &mut Vec<NodeIndex>, out: &mut Vec<Walk>) {
            let last = *path.last().expect("non-empty");
            if r.is_goal(last) {
                out.push(Walk {
                    nodes: path.clone(),
                });
                return;
            }
            if path.len() > r.max_hops {
                return;
            }
            for e in r.p.graph().edges(last) {
                let m = e.target();
                if !path.contains(&m) {
                    path.push(m);
                    dfs(r, path, out);
                    path.pop();
                }
            }
        }
        for n in self.firsts() {
            dfs(self, &mut vec![n], &mut out);
        }
        out
    }

    /// The seen day of the last service if `nodes` is a route from day
    /// `t` (every check on its day), `from` deciding the first step.
    fn route_from(&self, nodes: &[NodeIndex], t: i32, with: bool) -> Option<i32> {
        let w = |n| self.f.wait(n, WaitKind::Typical);
        let first = *nodes.first()?;
        // The first step: the family comes by itself.
        let mut seen = if with {
            self.f.accepts_now(first, t).then_some(t)?
        } else {
            self.f
                .accepts_from(first, t, WaitKind::Typical, None)
                .then(|| t + w(first))?
        };
        for pair in nodes.windows(2) {
            let e = self.p.graph().find_edge(pair[0], pair[1])?;
            if !self.f.referral_open(e, seen) {
                return None;
            }
            let arrival = seen + self.p.delay(e);
            if !self
                .f
                .accepts_from(pair[1], arrival, WaitKind::Typical, Some(pair[0]))
            {
                return None;
            }
            seen = arrival + w(pair[1]);
        }
        Some(seen)
    }

    /// Whether every door of `nodes` is open today, each judged as if
    /// reached today.
    fn open_today(&self, nodes: &[NodeIndex], with: bool) -> bool {
        let t = self.f.start_age();
        let first = nodes[0];
        let ok = if with {
            self.f.accepts_now(first, t)
        } else {
            self.f.accepts_from(first, t, WaitKind::Typical, None)
        };
        ok && nodes.windows(2).all(|pair| {
            let e = self.p.graph().find_edge(pair[0], pair[1]).expect("edge");
            self.f.referral_open(e, t)
                && self
                    .f
                    .accepts_from(pair[1], t, WaitKind::Typical, Some(pair[0]))
        })
    }

    /// The offsets at which `nodes`' checks are judged from its start day.
    fn offsets(&self, nodes: &[NodeIndex], with: bool) -> Vec<i32> {
        let mut out = vec![0];
        let w = |n| self.f.wait(n, WaitKind::Typical);
        let mut seen = if with { 0 } else { w(nodes[0]) };
        out.push(seen);
        for pair in nodes.windows(2) {
            let e = self.p.graph().find_edge(pair[0], pair[1]).expect("edge");
            let arrival = seen + self.p.delay(e);
            seen = arrival + w(pair[1]);
            out.extend([arrival, seen]);
        }
        out
    }

    /// Whether `nodes` is padding: a later entry service from which the
    /// rest, started today, is a route.
    fn padded(&self, nodes: &[NodeIndex]) -> bool {
        let t = self.f.start_age();
        (1..nodes.len())
            .any(|i| self.p.is_entry(nodes[i]) && self.route_from(&nodes[i..], t, false).is_some())
    }
}

/// Routes as (days, ids); reasons as kind (and the opening day for `not_yet`).
pub type Listed = Vec<(i64, Vec<String>)>;

pub fn kind(r: &Reason) -> String {
    match r {
        Reason::NotInRegion { .. } => "not_in_region".into(),
        Reason::NotEligible { .. } => "not_eligible".into(),
        Reason::NotYet { from_age_days, .. } => format!("not_yet {from_age_days}"),
        Reason::AgedOutOnTheWay { .. } => "aged_out_on_the_way".into(),
        Reason::Unreachable { door, .. } => {
            format!(
                "unreachable {}",
                if door.is_some() { "door" } else { "no path" }
            )
        }
        Reason::NotExamined { .. } => "not_examined".into(),
        _ => "other".into(),
    }
}

/// What the reference expects: routes, also reachable, reasons.
pub fn expected(
    p: &Pathway,
    family: &Profile,
    from: Option<&str>,
    limit: usize,
    max_hops: usize,
    fewest: bool,
    bounds: Vec<i32>,
) -> (Listed, Listed, BTreeMap<String, String>) {
    let f = p.prepare(family).expect("profile");
    let goals: Vec<NodeIndex> = p.graph().node_indices().filter(|&n| p.is_goal(n)).collect();
    let r = Reference {
        p,
        f,
        from: from.and_then(|s| p.node(s)),
        max_hops,
        goals,
        bounds,
    };
    let with = r.from.is_some();
    let start = r.f.start_age();
    let paths = r.paths();
    let ids = |nodes: &[NodeIndex]| -> Vec<String> {
        nodes.iter().map(|&n| p.node_id(n).to_owned()).collect()
    };
    // Routes today: (days, hops, ids).
    // Routes today: (days, hops, ids, padded), and the option each is
    // part of: its later services and the day the second one receives the
    // referral (a route of one service is an option of its own).
    let mut all: Vec<(i64, usize, Vec<String>, bool)> = Vec::new();
    let mut option_of: BTreeMap<Vec<String>, (Vec<String>, i32)> = BTreeMap::new();
    for w in &paths {
        let Some(seen) = r.route_from(&w.nodes, start, with) else {
            continue;
        };
        let padded = !with && r.padded(&w.nodes);
        let option = match w.nodes.get(..2) {
            Some(&[a, b]) => {
                let first_seen = if with {
                    start
                } else {
                    start + r.f.wait(a, WaitKind::Typical)
                };
                let e = p.graph().find_edge(a, b).expect("edge");
                (ids(&w.nodes[1..]), first_seen + p.delay(e))
            }
            _ => (ids(&w.nodes), i32::MIN),
        };
        option_of.insert(ids(&w.nodes), option);
        all.push((
            i64::from(seen - start),
            w.nodes.len() - 1,
            ids(&w.nodes),
            padded,
        ));
    }
    if fewest {
        all.sort_by(|a, b| (a.1, a.0, &a.2).cmp(&(b.1, b.0, &b.2)));
    } else {
        all.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    }
    // The routes of the first `limit` options, in ranking order.
    let mut options: Vec<&(Vec<String>, i32)> = Vec::new();
    let mut routes: Listed = Vec::new();
    for (d, _, ids, padded) in &all {
        if *padded {
            continue;
        }
        let option = &option_of[ids];
        if !options.contains(&option) {
            if options.len() == limit {
                continue;
            }
            options.push(option);
        }
        routes.push((*d, ids.clone()));
    }
    // Also reachable: the best route to each reached goal ending no route.
    let mut taken: BTreeSet<String> = routes.iter().filter_map(|r| r.1.last().cloned()).collect();
    let mut also = Vec::new();
    for (d, _, ids, padded) in &all {
        if let Some(g) = ids.last() {
            if taken.insert(g.clone()) {
                assert!(!padded, "a goal's best route is padded");
                also.push((*d, ids.clone()));
            }
        }
    }
    // Reasons, by their definitions, for every goal not reached.
    let last_day = r.bounds.last().copied().unwrap_or(0).max(start) + 200;
    let mut reasons = BTreeMap::new();
    for &g in &r.goals {
        if taken.contains(p.node_id(g)) {
            continue;
        }
        let now = with && r.from == Some(g);
        // Its own rule, for some referrer: the family by itself or a
        // service of any tier.
        let accepts = |t: i32| {
            if now {
                r.f.accepts_now(g, t)
            } else {
                Referrer::ALL
                    .into_iter()
                    .any(|by| r.f.accepts_referred(g, t, WaitKind::Typical, by))
            }
        };
        let to_g: Vec<&Walk> = paths
            .iter()
            .filter(|w| w.nodes.last() == Some(&g))
            .collect();
        let reason = if !r.f.serves(g) {
            "not_in_region".to_owned()
        } else if !(start..=last_day).any(accepts) {
            "not_eligible".to_owned()
        } else {
            // The earliest later start day from which some path is a route:
            // a path's checks change only where an age bound is crossed.
            let earliest = to_g
                .iter()
                .filter_map(|w| {
                    let offs = r.offsets(&w.nodes, with);
                    let mut days: Vec<i32> = r
                        .bounds
                        .iter()
                        .flat_map(|b| offs.iter().map(move |o| b - o))
                        .filter(|&t| t > start)
                        .chain([start + 1])
                        .collect();
                    days.sort_unstable();
                    days.into_iter()
                        .find(|&t| r.route_from(&w.nodes, t, with).is_some())
                })
                .min();
            if let Some(t) = earliest {
                format!("not_yet {t}")
            } else if to_g.iter().any(|w| r.open_today(&w.nodes, with)) {
                "aged_out_on_the_way".to_owned()
            } else if to_g.is_empty() {
                "unreachable no path".to_owned()
            } else {
                "unreachable door".to_owned()
            }
        };
        reasons.insert(p.node_id(g).to_owned(), reason);
    }
    (routes, also, reasons)
}
