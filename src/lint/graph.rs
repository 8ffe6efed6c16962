//! Lints on the compiled pathway's services, referrals and regions: entry
//! and goal services, areas without an entry, dead ends, long waits,
//! unstated waits, tiers run backwards, services whose rule on who refers
//! excludes every way in, cycles, sources.
//!
//! Complexity: O(s + r + g · s) for s services, r referrals and g regions
//! (the area check tests each leaf against each entry's regions), plus
//! O(s + r) for the cycles (Tarjan's strongly connected components).

use std::collections::HashSet;

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::NodeIndex;

use super::finding::{LintOptions, Raw};
use crate::document::{Referrer, Tier};
use crate::model::region::RegionId;
use crate::model::rules::Truth;
use crate::pathway::Pathway;

/// Two years, in days: the longest wait or delay not reported.
const TWO_YEARS: i32 = 731;

fn service_ptr(p: &Pathway, i: usize) -> String {
    format!("/services/{}", p.services.get(i).map_or(i, |s| s.doc_index))
}

pub(super) fn lint_graph(p: &Pathway, _options: &LintOptions, out: &mut Vec<Raw>) {
    entries_and_goal(p, out);
    areas_without_entry(p, out);
    services(p, out);
    referrals(p, out);
    referrers_excluded(p, out);
    cycles(p, out);
    sources(p, out);
}

fn entries_and_goal(p: &Pathway, out: &mut Vec<Raw>) {
    if p.entry_services.is_empty() && !p.services.is_empty() {
        out.push(
            Raw::new("L0101", "/services", "no service is an entry service".into()).help(Some(
                "mark the contacts families have without a referral (midwife, health visitor, GP) `\"entry\": true`".into(),
            )),
        );
    }
    if p.services.len() > 1 && p.goal_services.len() == p.services.len() {
        out.push(
            Raw::new("L0102", "/goal", "the goal matches every service".into()).help(Some(
                "give the goal a tier or tags, e.g. `{\"tier\": \"specialist\", \"tags\": [\"infant-mental-health\"]}`".into(),
            )),
        );
    }
}

fn areas_without_entry(p: &Pathway, out: &mut Vec<Raw>) {
    if p.entry_services.is_empty() {
        return; // L0101 says it once.
    }
    let regions = &p.regions.regions;
    let mut has_child = vec![false; regions.len()];
    for r in regions {
        if let Some(slot) = r.parent.and_then(|pr| has_child.get_mut(pr.index())) {
            *slot = true;
        }
    }
    for (i, r) in regions.iter().enumerate() {
        if has_child.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Ok(id) = u32::try_from(i) else { continue };
        let served = p.entry_services.iter().any(|e| {
            p.services
                .get(e.index())
                .is_some_and(|s| p.regions.served(RegionId(id), &s.regions))
        });
        if !served {
            out.push(
                Raw::new(
                    "L0103",
                    &format!("/regions/{i}"),
                    format!("no entry service serves `{}`: families living there have no route at any age", r.id),
                )
                .help(Some(format!(
                    "add `{}` (or a region containing it) to an entry service's regions",
                    r.id
                ))),
            );
        }
    }
}

fn services(p: &Pathway, out: &mut Vec<Raw>) {
    let goals: HashSet<usize> = p.goal_services.iter().map(|n| n.index()).collect();
    for (i, s) in p.services.iter().enumerate() {
        let ptr = service_ptr(p, i);
        let node = NodeIndex::new(i);
        let refers = p
            .graph
            .neighbors_directed(node, Direction::Outgoing)
            .next()
            .is_some();
        let referred = p
            .graph
            .neighbors_directed(node, Direction::Incoming)
            .next()
            .is_some();
        if !refers && !goals.contains(&i) {
            out.push(
                Raw::new(
                    "L0201",
                    &ptr,
                    format!("`{}` is not a goal and refers to no one", s.id),
                )
                .help(Some("add the referrals it makes, or make it a goal".into()))
                .about(&s.id),
            );
        }
        for (field, days, text) in [
            ("typical", s.wait_typical, "typical wait"),
            ("pessimistic", s.wait_pessimistic, "pessimistic wait"),
        ] {
            if days > TWO_YEARS && (field == "typical" || s.wait_pessimistic > s.wait_typical) {
                out.push(
                    Raw::new(
                        "L0204",
                        &format!("{ptr}/wait/{field}"),
                        format!("the {text} of `{}` is {days} days, over two years", s.id),
                    )
                    .help(Some("check the unit: `6 weeks`, not `6 years`".into()))
                    .about(&s.id),
                );
            }
        }
        if referred && !s.entry && !s.wait_stated {
            out.push(
                Raw::new(
                    "L0205",
                    &ptr,
                    format!("`{}` is reached by referral but gives no wait; routes take it as 0 days", s.id),
                )
                .help(Some(
                    "give the wait, or write `\"wait\": {\"typical\": \"0 days\", \"assumed\": true}`".into(),
                ))
                .about(&s.id),
            );
        }
        if s.sources.is_empty() {
            out.push(
                Raw::new("L0302", &ptr, format!("`{}` cites no source", s.id))
                    .help(Some("list the documents it comes from in `sources`".into()))
                    .about(&s.id),
            );
        }
    }
}

fn referrals(p: &Pathway, out: &mut Vec<Raw>) {
    for r in &p.referrals {
        let ptr = format!("/referrals/{}", r.doc_index);
        let (Some(from), Some(to)) = (p.svc(r.from), p.svc(r.to)) else {
            continue;
        };
        if r.delay > TWO_YEARS {
            out.push(
                Raw::new(
                    "L0204",
                    &format!("{ptr}/delay"),
                    format!(
                        "the referral from `{}` to `{}` takes {} days, over two years",
                        from.id, to.id, r.delay
                    ),
                )
                .help(Some("check the unit: `1 week`, not `1 year`".into()))
                .about(&from.id),
            );
        }
        if from.tier == Tier::Specialist && to.tier == Tier::Universal {
            out.push(
                Raw::new(
                    "L0207",
                    &ptr,
                    format!(
                        "specialist `{}` refers back to universal `{}`",
                        from.id, to.id
                    ),
                )
                .help(Some(
                    "check the referral is meant: a discharge is not a referral onward".into(),
                ))
                .about(&from.id),
            );
        }
    }
}

/// `L0111`: a service whose rule, judged on who refers alone, fails for
/// every way in: each referral to it (the referring service's tier) and,
/// for an entry, the family by itself. No family ever gets in.
/// O(size of the rule · ways in) per service.
fn referrers_excluded(p: &Pathway, out: &mut Vec<Raw>) {
    for (i, s) in p.services.iter().enumerate() {
        let Some(rule) = s.rule.as_ref().filter(|r| r.names_referrer()) else {
            continue;
        };
        let mut ways: Vec<Referrer> = p
            .graph
            .neighbors_directed(NodeIndex::new(i), Direction::Incoming)
            .filter_map(|n| p.services.get(n.index()))
            .map(|from| Referrer::of(from.tier))
            .collect();
        if s.entry {
            ways.push(Referrer::SelfReferral);
        }
        ways.sort_unstable();
        ways.dedup();
        if ways.is_empty() || ways.iter().any(|&w| rule.given_referrer(w) != Truth::No) {
            continue;
        }
        let names: Vec<&str> = ways.iter().map(|w| w.as_str()).collect();
        out.push(
            Raw::new(
                "L0111",
                &format!("{}/eligibility", service_ptr(p, i)),
                format!(
                    "no way into `{}` is accepted by its rule on who refers: it is reached only from {}",
                    s.id,
                    names.join(", ")
                ),
            )
            .help(Some(
                "widen `referred_from`, or add the referral its rule expects (e.g. from a targeted service)".into(),
            ))
            .about(&s.id),
        );
    }
}

fn cycles(p: &Pathway, out: &mut Vec<Raw>) {
    for mut component in tarjan_scc(&p.graph) {
        if component.len() < 2 {
            continue;
        }
        component.sort();
        let members: HashSet<NodeIndex> = component.iter().copied().collect();
        let ids: Vec<String> = component
            .iter()
            .filter_map(|n| p.services.get(n.index()))
            .map(|s| format!("`{}`", s.id))
            .collect();
        // Reported at the first referral (in file order) inside the cycle.
        let first = p
            .referrals
            .iter()
            .filter(|r| {
                members.contains(&NodeIndex::new(r.from.index()))
                    && members.contains(&NodeIndex::new(r.to.index()))
            })
            .min_by_key(|r| r.doc_index);
        if let Some(r) = first {
            let mut raw = Raw::new(
                "L0208",
                &format!("/referrals/{}", r.doc_index),
                format!("referrals form a cycle through {}", ids.join(", ")),
            )
            .help(Some(
                "check the direction of each referral in the cycle".into(),
            ));
            raw.service = p.svc(r.from).map(|s| s.id.clone());
            out.push(raw);
        }
    }
}

fn sources(p: &Pathway, out: &mut Vec<Raw>) {
    let cited: HashSet<&str> = p
        .services
        .iter()
        .flat_map(|s| s.sources.iter().map(String::as_str))
        .collect();
    for (k, src) in p.metadata.sources.iter().enumerate() {
        if !cited.contains(src.id.as_str()) {
            out.push(
                Raw::new(
                    "L0303",
                    &format!("/metadata/sources/{k}"),
                    format!("no service cites the source `{}`", src.id),
                )
                .help(Some(
                    "cite it from the services it supports, or remove it".into(),
                )),
            );
        }
    }
}
