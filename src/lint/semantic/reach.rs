//! Who reaches each service, and who passes along each referral: the walk
//! reachability of every class of leaf regions and wait kind, and the
//! findings about services no family reaches.
//!
//! For one class and wait kind, the cells (arrival day, kind) in which a
//! family can be at a service, over *walks* from an entry (each step
//! accepted on arrival — at the entry as a family coming by itself
//! (`self`), at every later step as referred by the tier of the service
//! before — each referral open on the day seen). Who referred matters only
//! for the acceptance on arrival, so the state stays (service, arrival
//! day, kind): each arrival is checked against the target's acceptance
//! for its referrer before it is added. Every route is
//! a walk, so a service with no such cell is reached by no route, and a
//! referral no walk passes along is used by no route: both claims are
//! exact. The fixpoint is semi-naive: a service passes on only the cells
//! that are new since it last did (every step is a union of cell-wise
//! maps, so the result is the same fixpoint), which keeps a long cycle from
//! re-sending what its services already hold.
//!
//! Past the last day on which any acceptance, referral condition or life
//! itself changes (the horizon H), all days are alike, so arrival days past
//! H are merged into one piece: a cycle of referrals, each turn carrying
//! families older, then ends after a bounded number of turns instead of
//! adding a piece per turn.
//!
//! Complexity: per class and wait kind, O(U · p · w) for U updates (each
//! adds at least one cell, so U ≤ services × (H + 282) × kinds), p pieces
//! (at most 2 · (H + 280) + 2) and w words of kinds; every operation is
//! charged to the work budget, which bounds the whole in real time.

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::super::finding::Raw;
use super::plane::{Plane, Stopped, WAITS, Work, wait_of};
use crate::analysis::sheet::Sheet;
use crate::analysis::ways::referrer_of;
use crate::document::Referrer;
use crate::query::prepared::WaitKind;

/// What the walks found, over every class and wait kind.
#[derive(Debug, Clone)]
pub(super) struct Reach {
    /// Per service: whether some family reaches it.
    pub(super) reached: Vec<bool>,
    /// Per graph edge: whether some family passes along the referral.
    pub(super) used: Vec<bool>,
}

/// The walks of every class and wait kind. `Err` when `work` runs out.
pub(super) fn reach(plane: &Plane<'_>, work: &mut Work) -> Result<Reach, Stopped> {
    let p = plane.pathway;
    let mut out = Reach {
        reached: vec![false; p.services.len()],
        used: vec![false; p.graph.edge_count()],
    };
    // Service index → position among the class's services (reused).
    let mut local: Vec<usize> = vec![usize::MAX; p.services.len()];
    for (c, class) in plane.classes.iter().enumerate() {
        for (k, &s) in class.served.iter().enumerate() {
            if let Some(slot) = local.get_mut(s) {
                *slot = k;
            }
        }
        for waits in WAITS {
            walk(plane, c, waits, &local, &mut out, work)?;
        }
        for &s in &class.served {
            if let Some(slot) = local.get_mut(s) {
                *slot = usize::MAX;
            }
        }
    }
    Ok(out)
}

/// The last day on which any sheet a walk of class `c` combines changes.
fn horizon(plane: &Plane<'_>, c: usize, waits: WaitKind) -> i64 {
    let p = plane.pathway;
    let mut h = plane.alive.last_change().unwrap_or(super::plane::FIRST_DAY);
    for &s in plane.classes.get(c).map_or(&[][..], |cl| &cl.served) {
        for a in plane.acceptances(s, c, waits) {
            if let Some(a) = a.last_change() {
                h = h.max(a);
            }
        }
        for edge in p.graph.edges(NodeIndex::new(s)) {
            if let Some(o) = plane.open(edge.id(), c).and_then(Sheet::last_change) {
                h = h.max(o);
            }
        }
    }
    h
}

/// One class and wait kind: marks the services reached and the referrals
/// used in `out`.
fn walk(
    plane: &Plane<'_>,
    c: usize,
    waits: WaitKind,
    local: &[usize],
    out: &mut Reach,
    work: &mut Work,
) -> Result<(), Stopped> {
    let p = plane.pathway;
    let Some(class) = plane.classes.get(c) else {
        return Ok(());
    };
    let h = horizon(plane, c, waits);
    let n = class.served.len();
    let mut at: Vec<Option<Sheet>> = vec![None; n];
    let mut pending: Vec<Option<Sheet>> = vec![None; n];
    let mut queued = vec![false; n];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for e in &p.entry_services {
        let s = e.index();
        let (Some(&k), Some(acc)) = (
            local.get(s),
            plane.accepts_by(s, c, waits, Referrer::SelfReferral),
        ) else {
            continue;
        };
        if acc.is_empty() {
            continue;
        }
        if let (Some(a), Some(d), Some(q)) = (at.get_mut(k), pending.get_mut(k), queued.get_mut(k))
        {
            *a = Some(acc.clone());
            *d = Some(acc.clone());
            *q = true;
            queue.push_back(s);
        }
        if let Some(r) = out.reached.get_mut(s) {
            *r = true;
        }
    }
    while let Some(s) = queue.pop_front() {
        let Some(&k) = local.get(s) else { continue };
        if let Some(q) = queued.get_mut(k) {
            *q = false;
        }
        let Some(delta) = pending.get_mut(k).and_then(Option::take) else {
            continue;
        };
        let wait = p
            .services
            .get(s)
            .map_or(0, |x| i64::from(wait_of(x, waits)));
        let Some(by) = referrer_of(p, s) else {
            continue;
        };
        for edge in p.graph.edges(NodeIndex::new(s)) {
            let t = edge.target().index();
            let (Some(&kt), Some(target)) = (local.get(t), plane.accepts_by(t, c, waits, by))
            else {
                continue;
            };
            let Some(condition) = plane.open(edge.id(), c) else {
                continue;
            };
            let delay = p.referral_of(edge.id()).map_or(0, |r| i64::from(r.delay));
            // Seen `wait` days after arrival, there `delay` days later.
            let arrive = if plane.is_everyone(condition) {
                work.op(target, &delta)?;
                target.and_shifted(&delta, wait + delay)
            } else {
                work.op(condition, &delta)?;
                let passed = condition.and_shifted(&delta, wait);
                if passed.is_empty() {
                    continue;
                }
                work.op(target, &passed)?;
                target.and_shifted(&passed, delay)
            };
            if arrive.is_empty() {
                continue;
            }
            if let Some(u) = out.used.get_mut(edge.id().index()) {
                *u = true;
            }
            if let Some(r) = out.reached.get_mut(t) {
                *r = true;
            }
            let arrive = arrive.merged_after(h);
            let Some(slot) = at.get_mut(kt) else { continue };
            let new = match slot.take() {
                None => {
                    *slot = Some(arrive.clone());
                    arrive
                }
                Some(old) => {
                    work.op(&arrive, &old)?;
                    if arrive.is_subset_of(&old) {
                        *slot = Some(old);
                        continue;
                    }
                    let new = arrive.and_not(&old);
                    *slot = Some(old.or(&new));
                    new
                }
            };
            if let Some(d) = pending.get_mut(kt) {
                *d = Some(match d.take() {
                    None => new,
                    Some(old) => old.or(&new),
                });
            }
            if let Some(q) = queued.get_mut(kt) {
                if !*q {
                    *q = true;
                    queue.push_back(t);
                }
            }
        }
    }
    Ok(())
}

/// `unreachable-service` (L0105) and `unreachable-goal` (L0108): every
/// service no walk reaches, and why (no chain of referrals, or every way
/// in closed). O(services + referrals).
pub(super) fn services(plane: &Plane<'_>, reach: &Reach, out: &mut Vec<Raw>) {
    let p = plane.pathway;
    // Services a path leads to from an entry, rules ignored.
    let mut linked = vec![false; p.services.len()];
    let mut stack: Vec<NodeIndex> = p.entry_services.clone();
    while let Some(n) = stack.pop() {
        if let Some(l) = linked.get_mut(n.index()) {
            if !*l {
                *l = true;
                stack.extend(p.graph.neighbors(n));
            }
        }
    }
    let goals: std::collections::HashSet<usize> =
        p.goal_services.iter().map(|g| g.index()).collect();
    for (i, s) in p.services.iter().enumerate() {
        if reach.reached.get(i).copied().unwrap_or(false) {
            continue;
        }
        let linked = linked.get(i).copied().unwrap_or(false);
        let why = if linked {
            "every way in is closed by the rules, ages or areas on it"
        } else {
            "no chain of referrals leads to it from an entry service"
        };
        let (code, what) = if goals.contains(&i) {
            ("L0108", "goal service")
        } else {
            ("L0105", "service")
        };
        let mut raw = Raw::new(
            code,
            &format!("/services/{}", s.doc_index),
            format!("no family can reach the {what} `{}`: {why}", s.id),
        )
        .help(Some(if linked {
            "compare its rules, ages and regions with those of the services referring to it".into()
        } else {
            "add a referral to it from a service families reach".into()
        }))
        .about(&s.id);
        raw.example = Some(format!("service `{}`", s.id));
        out.push(raw);
    }
}
