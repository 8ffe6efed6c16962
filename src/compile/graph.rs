//! Services, referrals and the default goal, compiled: ids interned in id
//! order, the referral graph built, every unknown id reported.

use std::collections::{HashMap, HashSet};

use petgraph::graph::DiGraph;

use super::problems::{Problems, duration, safe_id, unique_ids};
use super::rules::RuleCompiler;
use crate::age::parse_duration;
use crate::document::PathwayDocument;
use crate::pathway::{Goal, Referral, Service, ServiceId};

/// Services, interned in id order so that index order is id order: the
/// services and the id → index map. O(s log s) for s services.
pub(super) fn compile_services(
    doc: &PathwayDocument,
    rc: &RuleCompiler<'_>,
    source_ids: &HashSet<&str>,
    p: &mut Problems,
) -> (Vec<Service>, HashMap<String, ServiceId>) {
    let regions = rc.regions;
    // Services, interned in id order so that index order is id order.
    unique_ids(
        p,
        "service",
        "/services",
        doc.services.iter().map(|s| s.id.as_str()),
    );
    let mut order: Vec<usize> = (0..doc.services.len()).collect();
    order.sort_by(|&a, &b| {
        let id = |i: usize| doc.services.get(i).map_or("", |s| s.id.as_str());
        id(a).cmp(id(b)).then(a.cmp(&b))
    });
    order.dedup_by(|a, b| {
        doc.services.get(*a).map(|s| &s.id) == doc.services.get(*b).map(|s| &s.id)
    });
    let mut service_index: HashMap<String, ServiceId> = HashMap::new();
    for (n, &i) in order.iter().enumerate() {
        if let (Some(s), Ok(n)) = (doc.services.get(i), u32::try_from(n)) {
            service_index.insert(s.id.clone(), ServiceId(n));
        }
    }
    let mut services = Vec::with_capacity(order.len());
    for &i in &order {
        let Some(s) = doc.services.get(i) else {
            continue;
        };
        let base = format!("/services/{i}");
        for (j, tag) in s.tags.iter().enumerate() {
            safe_id(p, "tag", &format!("{base}/tags/{j}"), tag);
        }
        let mut served = Vec::new();
        for (j, r) in s.regions.iter().enumerate() {
            match regions.get(r) {
                Some(id) => served.push(id),
                None => p.unknown(
                    "E0103",
                    "region",
                    r,
                    format!("{base}/regions/{j}"),
                    regions.ids(),
                ),
            }
        }
        if s.regions.is_empty() {
            p.add(
                "E0103",
                format!("{base}/regions"),
                format!("service `{}` serves no region", s.id),
                Some("list the regions it serves, e.g. the whole country's id".into()),
            );
        }
        let rule = s
            .eligibility
            .as_ref()
            .map(|r| rc.rule(r, &format!("{base}/eligibility"), 0, p));
        let (typical, pessimistic, assumed) = match &s.wait {
            None => (0, 0, false),
            Some(w) => {
                let t = duration(&w.typical, &format!("{base}/wait/typical"), p);
                let pes = w
                    .pessimistic
                    .as_ref()
                    .map_or(t, |x| duration(x, &format!("{base}/wait/pessimistic"), p));
                if pes < t {
                    p.add(
                        "E0114",
                        format!("{base}/wait/pessimistic"),
                        format!(
                            "pessimistic wait `{}` is shorter than the typical wait `{}`",
                            w.pessimistic.as_deref().unwrap_or_default(),
                            w.typical
                        ),
                        Some("the pessimistic wait is the longer, worse-case figure".into()),
                    );
                }
                (t, pes.max(t), w.assumed)
            }
        };
        for (j, src) in s.sources.iter().enumerate() {
            if !source_ids.contains(src.as_str()) {
                p.unknown(
                    "E0115",
                    "source",
                    src,
                    format!("{base}/sources/{j}"),
                    source_ids.iter().copied(),
                );
            }
        }
        services.push(Service {
            doc_index: i,
            id: s.id.clone(),
            name: s.name.clone(),
            tier: s.tier,
            tags: s.tags.clone(),
            provider: s.provider.clone(),
            regions: served,
            rule,
            wait_typical: typical,
            wait_pessimistic: pessimistic,
            wait_assumed: assumed,
            wait_stated: s.wait.is_some(),
            entry: s.entry,
            description: s.description.clone(),
            sources: s.sources.clone(),
            notes: s.notes.clone(),
            contact: s.contact.clone().filter(|c| !c.is_empty()),
        });
    }

    (services, service_index)
}

/// Referrals: the referral list and the graph (one node per service, one
/// edge per referral, weighted by the referral's index). O(r) for r
/// referrals.
pub(super) fn compile_referrals(
    doc: &PathwayDocument,
    rc: &RuleCompiler<'_>,
    services: &[Service],
    service_index: &HashMap<String, ServiceId>,
    p: &mut Problems,
) -> (Vec<Referral>, DiGraph<u32, u32>) {
    // Referrals.
    let mut graph: DiGraph<u32, u32> = DiGraph::with_capacity(services.len(), doc.referrals.len());
    for n in 0..services.len() {
        if let Ok(n) = u32::try_from(n) {
            graph.add_node(n);
        }
    }
    let mut referrals = Vec::with_capacity(doc.referrals.len());
    let mut pairs: HashMap<(ServiceId, ServiceId), usize> =
        HashMap::with_capacity(doc.referrals.len());
    // Delays repeat ("1 week", "3 days"): each distinct text parsed once.
    let mut delays: HashMap<&str, i32> = HashMap::new();
    for (i, r) in doc.referrals.iter().enumerate() {
        // A problem's pointer, built only when there is a problem.
        let base = || format!("/referrals/{i}");
        let end = |id: &str, field: &str, p: &mut Problems| {
            let found = service_index.get(id).copied();
            if found.is_none() {
                p.unknown(
                    "E0102",
                    "service",
                    id,
                    format!("{}/{field}", base()),
                    service_index.keys().map(String::as_str),
                );
            }
            found
        };
        let from = end(&r.from, "from", p);
        let to = end(&r.to, "to", p);
        let when = r
            .when
            .as_ref()
            .map(|w| rc.rule(w, &format!("{}/when", base()), 0, p));
        let delay = match r.delay.as_deref() {
            None => 0,
            Some(d) => match delays.get(d) {
                Some(&days) => days,
                None => match parse_duration(d) {
                    Ok(days) => {
                        delays.insert(d, days);
                        days
                    }
                    Err(_) => duration(d, &format!("{}/delay", base()), p),
                },
            },
        };
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            p.add(
                "E0116",
                base(),
                format!("service `{}` refers to itself", r.from),
                None,
            );
            continue;
        }
        if let Some(first) = pairs.insert((from, to), i) {
            p.add(
                "E0117",
                base(),
                format!("a second referral from `{}` to `{}`", r.from, r.to),
                Some(format!(
                    "first defined at /referrals/{first}; combine the conditions with `any`"
                )),
            );
            pairs.insert((from, to), first);
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
            notes: r.notes.clone(),
        });
        graph.add_edge(
            petgraph::graph::NodeIndex::new(from.index()),
            petgraph::graph::NodeIndex::new(to.index()),
            index,
        );
    }

    (referrals, graph)
}

/// The default goal: which services end a route. O(s) for s services.
pub(super) fn compile_goal(
    doc: &PathwayDocument,
    services: &[Service],
    service_index: &HashMap<String, ServiceId>,
    p: &mut Problems,
) -> Goal {
    let (goal, ids_known) = resolve_goal(&doc.goal, "/goal", service_index, p);
    // Checked whatever else is wrong (a designer sees a goal-tag typo with
    // the file's other problems, not after fixing them), except when a goal
    // service id is unknown: that was reported just above.
    if ids_known && !services.iter().enumerate().any(|(i, s)| goal.matches(i, s)) {
        p.add(
            "E0113",
            "/goal".into(),
            "the goal matches no service".into(),
            goal_hint(doc, services),
        );
    }
    goal
}

/// A goal as written, its service ids resolved; every unknown id is an
/// `E0113` at `{at}/services/{j}`. Also says whether every id was known.
/// O(n) for n services named.
fn resolve_goal(
    written: &crate::document::GoalDoc,
    at: &str,
    service_index: &HashMap<String, ServiceId>,
    p: &mut Problems,
) -> (Goal, bool) {
    let services: Vec<ServiceId> = written
        .services
        .iter()
        .enumerate()
        .filter_map(|(j, id)| {
            let found = service_index.get(id).copied();
            if found.is_none() {
                p.unknown(
                    "E0113",
                    "service",
                    id,
                    format!("{at}/services/{j}"),
                    service_index.keys().map(String::as_str),
                );
            }
            found
        })
        .collect();
    let ids_known = services.len() == written.services.len();
    let goal = Goal {
        tier: written.tier,
        tags: written.tags.clone(),
        services,
    };
    (goal, ids_known)
}

/// "Did you mean" for a goal tag no service carries, else a general hint.
fn goal_hint(doc: &PathwayDocument, services: &[Service]) -> Option<String> {
    let tags: HashSet<&str> = services
        .iter()
        .flat_map(|s| s.tags.iter().map(String::as_str))
        .collect();
    let mut known: Vec<&str> = tags.iter().copied().collect();
    known.sort_unstable();
    doc.goal
        .tags
        .iter()
        .find(|t| !tags.contains(t.as_str()))
        .map(
            |t| match crate::suggest::did_you_mean(t, known.iter().copied()) {
                Some(s) => format!("no service carries the tag `{t}`: did you mean `{s}`?"),
                None => format!("no service carries the tag `{t}`"),
            },
        )
        .or_else(|| Some("check the goal's tier and tags against the services'".into()))
}

/// The alternatives to the goal, checked as goals are: every service named
/// exists and each matches some service. O(a · s).
pub(super) fn compile_alternatives(
    doc: &PathwayDocument,
    services: &[Service],
    service_index: &HashMap<String, ServiceId>,
    p: &mut Problems,
) -> Vec<(String, crate::document::GoalDoc)> {
    for (i, a) in doc.alternatives.iter().enumerate() {
        let at = format!("/alternatives/{i}/goal");
        let (goal, ids_known) = resolve_goal(&a.goal, &at, service_index, p);
        if ids_known && !services.iter().enumerate().any(|(k, s)| goal.matches(k, s)) {
            p.add(
                "E0113",
                at,
                "the alternative matches no service".into(),
                Some("check its tier and tags against the services'".into()),
            );
        }
    }
    doc.alternatives
        .iter()
        .map(|a| (a.label.clone(), a.goal.clone()))
        .collect()
}
