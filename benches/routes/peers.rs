//! What a user would otherwise write, over the same compiled graph and the
//! same eligibility primitives: petgraph's `all_simple_paths` with a filter
//! and a sort; the `pathfinding` crate's `yen` over (service, day) states;
//! and a plain breadth-first search for the single best route.

use std::collections::VecDeque;

use carepath::{Pathway, PreparedProfile, WaitKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// A route as the peers report it: days to the goal, then the service nodes.
pub type PeerRoute = (i64, Vec<u32>);

/// Days until the goal sees the family along `path`, or `None` when a
/// service does not accept the family on arrival or a referral is closed.
fn timeline(p: &Pathway, f: &PreparedProfile<'_>, path: &[NodeIndex]) -> Option<i64> {
    let start = f.start_age();
    let mut arrival = start;
    let mut seen = start;
    for (i, &n) in path.iter().enumerate() {
        if i > 0 {
            if p.is_goal(path[i - 1]) {
                return None; // routes end at the first goal
            }
            let edge = p.graph().find_edge(path[i - 1], n)?;
            if !f.referral_open(edge, seen) {
                return None;
            }
            arrival = seen + p.delay(edge);
        }
        if !f.accepts(n, arrival, WaitKind::Typical) {
            return None;
        }
        seen = arrival + f.wait(n, WaitKind::Typical);
    }
    Some(i64::from(seen - start))
}

/// petgraph `all_simple_paths` from every accepting entry to every goal
/// serving the family, filtered by eligibility at arrival, sorted, top k.
pub fn all_simple_paths(
    p: &Pathway,
    f: &PreparedProfile<'_>,
    k: usize,
    max_hops: usize,
) -> Vec<PeerRoute> {
    let g = p.graph();
    let goals: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| p.is_goal(n) && f.serves(n))
        .collect();
    let mut found = Vec::new();
    for entry in f.entries(WaitKind::Typical) {
        for &goal in &goals {
            let paths = petgraph::algo::all_simple_paths::<Vec<NodeIndex>, _, std::hash::RandomState>(
                g,
                entry,
                goal,
                0,
                Some(max_hops.saturating_sub(1)),
            );
            for path in paths {
                if let Some(days) = timeline(p, f, &path) {
                    found.push((days, path.iter().map(|n| n.index() as u32).collect()));
                }
            }
        }
    }
    found.sort();
    found.truncate(k);
    found
}

/// The `pathfinding` crate's Yen k-shortest paths over (service, day seen,
/// hops) states from a virtual source, with eligibility checked on each
/// successor.
pub fn yen(p: &Pathway, f: &PreparedProfile<'_>, k: usize, max_hops: u32) -> Vec<PeerRoute> {
    const SOURCE: u32 = u32::MAX;
    let start = f.start_age();
    let g = p.graph();
    let successors = |&(node, seen, hops): &(u32, i32, u32)| -> Vec<((u32, i32, u32), i64)> {
        if node == SOURCE {
            return f
                .entries(WaitKind::Typical)
                .into_iter()
                .map(|e| {
                    let w = f.wait(e, WaitKind::Typical);
                    ((e.index() as u32, start + w, 0), i64::from(w))
                })
                .collect();
        }
        let n = NodeIndex::new(node as usize);
        if p.is_goal(n) || hops >= max_hops {
            return Vec::new();
        }
        g.edges(n)
            .filter(|e| f.referral_open(e.id(), seen))
            .filter_map(|e| {
                let m = e.target();
                let arrival = seen + p.delay(e.id());
                f.accepts(m, arrival, WaitKind::Typical).then(|| {
                    let seen_m = arrival + f.wait(m, WaitKind::Typical);
                    (
                        (m.index() as u32, seen_m, hops + 1),
                        i64::from(seen_m - seen),
                    )
                })
            })
            .collect()
    };
    let success = |&(node, _, _): &(u32, i32, u32)| {
        node != SOURCE && p.is_goal(NodeIndex::new(node as usize))
    };
    pathfinding::directed::yen::yen(&(SOURCE, start, 0), successors, success, k)
        .into_iter()
        .map(|(states, cost)| (cost, states.iter().skip(1).map(|s| s.0).collect()))
        .collect()
}

/// Plain breadth-first search from the accepting entries, checking
/// eligibility on arrival, stopping at the first goal dequeued: the
/// fewest-handoffs route (no ranking by time, no k).
pub fn bfs(p: &Pathway, f: &PreparedProfile<'_>, max_hops: u32) -> Option<Vec<u32>> {
    let g = p.graph();
    let mut parent = vec![u32::MAX; g.node_count()];
    let mut visited = vec![false; g.node_count()];
    let mut queue = VecDeque::new();
    for e in f.entries(WaitKind::Typical) {
        visited[e.index()] = true;
        queue.push_back((e, f.start_age() + f.wait(e, WaitKind::Typical), 0u32));
    }
    while let Some((n, seen, hops)) = queue.pop_front() {
        if p.is_goal(n) {
            let mut path = vec![n.index() as u32];
            let mut cur = n.index();
            while parent[cur] != u32::MAX {
                cur = parent[cur] as usize;
                path.push(cur as u32);
            }
            path.reverse();
            return Some(path);
        }
        if hops >= max_hops {
            continue;
        }
        for e in g.edges(n) {
            let m = e.target();
            if visited[m.index()] || !f.referral_open(e.id(), seen) {
                continue;
            }
            let arrival = seen + p.delay(e.id());
            if f.accepts(m, arrival, WaitKind::Typical) {
                visited[m.index()] = true;
                parent[m.index()] = n.index() as u32;
                queue.push_back((m, arrival + f.wait(m, WaitKind::Typical), hops + 1));
            }
        }
    }
    None
}
