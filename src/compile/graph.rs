//! Services and the default goal, compiled: ids interned in id order,
//! every unknown id reported.

use std::sync::Arc;

use std::collections::HashSet;

use super::problems::{At, Problems, safe_id, unique_ids};
use super::rules::RuleCompiler;
use crate::document::{PathwayDocument, ServiceDoc};
use crate::pathway::{Goal, Service, ServiceId, ServiceIndex};

/// Services, interned in id order so that index order is id order: the
/// services and the id → index map. Each service's texts move from the
/// file's types into the compiled service (no copies). O(s log s) for s
/// services.
pub(super) fn compile_services(
    docs: Vec<ServiceDoc>,
    rc: &mut RuleCompiler<'_>,
    source_ids: &HashSet<&str>,
    p: &mut Problems,
) -> (Vec<Service>, ServiceIndex) {
    let regions = rc.regions;
    // Services, interned in id order so that index order is id order.
    unique_ids(
        p,
        "service",
        "/services",
        docs.iter().map(|s| s.id.as_str()),
    );
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let id = |i: usize| docs.get(i).map_or("", |s| s.id.as_str());
        id(a).cmp(id(b)).then(a.cmp(&b))
    });
    order.dedup_by(|a, b| docs.get(*a).map(|s| &s.id) == docs.get(*b).map(|s| &s.id));
    let mut service_index = ServiceIndex::default();
    service_index.reserve(order.len());
    for (n, &i) in order.iter().enumerate() {
        if let (Some(s), Ok(n)) = (docs.get(i), u32::try_from(n)) {
            service_index.insert(s.id.clone(), ServiceId(n));
        }
    }
    // Each kept service is taken out of the list once, in id order.
    let mut docs: Vec<Option<ServiceDoc>> = docs.into_iter().map(Some).collect();
    let mut services = Vec::with_capacity(order.len());
    for &i in &order {
        let Some(s) = docs.get_mut(i).and_then(Option::take) else {
            continue;
        };
        // Pointers are built only for problems (and for a rule's clauses).
        let base = || format!("/services/{i}");
        for (j, tag) in s.tags.iter().enumerate() {
            safe_id(p, "tag", || format!("{}/tags/{j}", base()), tag);
        }
        let mut served = Vec::new();
        for (j, r) in s.regions.iter().enumerate() {
            match regions.get(r) {
                Some(id) => served.push(id),
                None => p.unknown(
                    "E0103",
                    "region",
                    r,
                    format!("{}/regions/{j}", base()),
                    regions.ids(),
                ),
            }
        }
        if s.regions.is_empty() {
            p.add(
                "E0103",
                format!("{}/regions", base()),
                format!("service `{}` serves no region", s.id),
                Some("list the regions it serves, e.g. the whole country's id".into()),
            );
        }
        let rule = s.eligibility.as_ref().map(|r| {
            let at = At::Index(&At::Text("/services"), i);
            rc.rule(r, &At::Key(&at, "eligibility"), 0, p)
        });
        let (typical, pessimistic, assumed) = match &s.wait {
            None => (0, 0, false),
            Some(w) => {
                let t = rc.duration(&w.typical, || format!("{}/wait/typical", base()), p);
                let pes = w.pessimistic.as_ref().map_or(t, |x| {
                    rc.duration(x, || format!("{}/wait/pessimistic", base()), p)
                });
                if pes < t {
                    p.add(
                        "E0114",
                        format!("{}/wait/pessimistic", base()),
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
                    format!("{}/sources/{j}", base()),
                    source_ids.iter().copied(),
                );
            }
        }
        services.push(Service {
            doc_index: i,
            wait_stated: s.wait.is_some(),
            shown: (s.id.as_str().into(), s.name.as_str().into()),
            id: s.id,
            name: s.name,
            tier: s.tier,
            tags: s.tags,
            provider: s.provider,
            regions: served,
            rule,
            wait_typical: typical,
            wait_pessimistic: pessimistic,
            wait_assumed: assumed,
            entry: s.entry,
            description: s.description,
            sources: s.sources,
            notes: s.notes.into(),
            contact: s.contact.filter(|c| !c.is_empty()).map(Arc::new),
        });
    }

    (services, service_index)
}

/// The default goal: which services end a route. O(s) for s services.
pub(super) fn compile_goal(
    doc: &PathwayDocument,
    services: &[Service],
    service_index: &ServiceIndex,
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
    service_index: &ServiceIndex,
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
    service_index: &ServiceIndex,
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
