//! Referrals, compiled from their interned list: ends resolved once per
//! distinct id, delays read once per distinct text, repeats found without
//! a map of pairs, the graph built.

use petgraph::graph::{DiGraph, NodeIndex};

use super::problems::{At, Problems};
use super::read::{FastMap, ReferralList};
use super::rules::RuleCompiler;
use crate::age::parse_duration;
use crate::pathway::{Referral, Service, ServiceId, ServiceIndex};

/// Referrals: the referral list and the graph (one node per service, one
/// edge per referral, weighted by the referral's index). Problems are
/// recorded referral by referral in file order, as a referral's ends, its
/// condition, its delay, then whether it refers to itself or repeats an
/// earlier one. O(r + s + d) for r referrals, s services and d distinct
/// ids and delays (plus the rules' own cost).
pub(super) fn compile_referrals(
    list: ReferralList<'_>,
    rc: &mut RuleCompiler<'_>,
    services: &[Service],
    service_index: &ServiceIndex,
    p: &mut Problems,
) -> (Vec<Referral>, DiGraph<u32, u32>) {
    let ends: Vec<Option<ServiceId>> = list
        .ids
        .texts()
        .iter()
        .map(|id| service_index.get(id.as_ref()).copied())
        .collect();
    let end = |n: u32| ends.get(n as usize).copied().flatten();
    let delays: Vec<Result<i32, String>> = list
        .delays
        .texts()
        .iter()
        .map(|d| parse_duration(d).map_err(|e| e.to_string()))
        .collect();
    let repeats = repeats(&list, &end, services.len());

    let mut graph: DiGraph<u32, u32> = DiGraph::with_capacity(services.len(), list.referrals.len());
    for n in 0..services.len() {
        if let Ok(n) = u32::try_from(n) {
            graph.add_node(n);
        }
    }
    let mut referrals = Vec::with_capacity(list.referrals.len());
    let ReferralList {
        ids,
        referrals: raw,
        ..
    } = list;
    for (i, r) in raw.into_iter().enumerate() {
        let (from, to) = (end(r.from), end(r.to));
        for (n, found, field) in [(r.from, from, "from"), (r.to, to, "to")] {
            if found.is_none() {
                p.unknown(
                    "E0102",
                    "service",
                    ids.text(n),
                    format!("/referrals/{i}/{field}"),
                    service_index.keys().map(String::as_str),
                );
            }
        }
        let when = r.when.map(|w| {
            let at = At::Index(&At::Text("/referrals"), i);
            Box::new(rc.rule(&w, &At::Key(&at, "when"), 0, p))
        });
        let delay = match r.delay.map(|d| delays.get(d as usize)) {
            Some(Some(Ok(days))) => *days,
            Some(Some(Err(message))) => {
                p.add(
                    "E0109",
                    format!("/referrals/{i}/delay"),
                    message.clone(),
                    None,
                );
                0
            }
            // No delay: none needed. (Every delay's number has a text.)
            None | Some(None) => 0,
        };
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            p.add(
                "E0116",
                format!("/referrals/{i}"),
                format!("service `{}` refers to itself", ids.text(r.from)),
                None,
            );
            continue;
        }
        if let Some(first) = repeats.get(&i) {
            p.add(
                "E0117",
                format!("/referrals/{i}"),
                format!(
                    "a second referral from `{}` to `{}`",
                    ids.text(r.from),
                    ids.text(r.to)
                ),
                Some(format!(
                    "first defined at /referrals/{first}; combine the conditions with `any`"
                )),
            );
            continue;
        }
        let Ok(index) = u32::try_from(referrals.len()) else {
            continue;
        };
        referrals.push(Referral {
            doc_index: i,
            from,
            to,
            when,
            delay,
            notes: r.notes.into_string(),
        });
        graph.add_edge(
            NodeIndex::new(from.index()),
            NodeIndex::new(to.index()),
            index,
        );
    }
    (referrals, graph)
}

/// The referrals that repeat an earlier one (same services, both known,
/// not the same service), each with the index of the first. Referrals are
/// grouped by referring service with a counting sort (stable: each group
/// in file order) and each group's receiving services marked in one array,
/// so no map of pairs is built: O(r + s) time, 4 bytes a referral and 12
/// a service.
fn repeats(
    list: &ReferralList<'_>,
    end: &impl Fn(u32) -> Option<ServiceId>,
    services: usize,
) -> FastMap<usize, usize> {
    let pair = |r: &super::read::RawReferral| match (end(r.from), end(r.to)) {
        (Some(f), Some(t)) if f != t => Some((f.index(), t.index())),
        _ => None,
    };
    // Group starts: starts[f] is where referring service f's group begins.
    let mut starts = vec![0usize; services + 1];
    for (f, _) in list.referrals.iter().filter_map(pair) {
        if let Some(c) = starts.get_mut(f + 1) {
            *c += 1;
        }
    }
    let mut total = 0;
    for c in &mut starts {
        total += *c;
        *c = total;
    }
    // starts[f] is now where group f starts, and starts[f + 1] where it ends.
    let mut next = starts.clone();
    let mut grouped = vec![0u32; total];
    for (i, r) in list.referrals.iter().enumerate() {
        let (Some((f, _)), Ok(i)) = (pair(r), u32::try_from(i)) else {
            continue;
        };
        if let Some(slot) = next.get_mut(f).and_then(|at| {
            let here = *at;
            *at += 1;
            grouped.get_mut(here)
        }) {
            *slot = i;
        }
    }
    // Within each group, the first referral to each receiving service.
    let mut marked = vec![u32::MAX; services];
    let mut first = vec![0u32; services];
    let mut out = FastMap::default();
    for f in 0..services {
        let (Some(&from), Some(&until), Ok(stamp)) =
            (starts.get(f), starts.get(f + 1), u32::try_from(f))
        else {
            continue;
        };
        for &i in grouped.get(from..until).unwrap_or_default() {
            let Some((_, t)) = list.referrals.get(i as usize).and_then(pair) else {
                continue;
            };
            match (marked.get_mut(t), first.get_mut(t)) {
                (Some(m), Some(at)) if *m == stamp => {
                    out.insert(i as usize, *at as usize);
                }
                (Some(m), Some(at)) => {
                    *m = stamp;
                    *at = i;
                }
                _ => {}
            }
        }
    }
    out
}
