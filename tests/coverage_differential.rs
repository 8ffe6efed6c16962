//! Differential test: `Pathway::coverage` against `routes(limit 1)` on
//! random small pathways (several regions, adversities and facts; age
//! clauses judged on referral or when seen, negated; referral conditions;
//! cycles): for every class and every day of the range, the class is
//! covered exactly when `routes` finds a route for its example family
//! starting that day, and the best time is the first route's; every gap's
//! example family has no route; every box of a diff (one referral
//! dropped, one service slower) holds for its example family.
//!
//! Cases: `COVERAGE_CASES` (default 64; set it to 10000 locally).

use std::collections::BTreeSet;

use carepath::{CoverageQuery, Pathway, RouteQuery, WaitKind};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A clause of a random rule.
#[derive(Debug, Clone)]
enum Clause {
    Age {
        from: Option<i32>,
        before: Option<i32>,
        when_seen: bool,
        negate: bool,
    },
    Adversity {
        test: usize,
        set: Vec<usize>,
    },
    Young(bool),
    ParentAge {
        at_most: bool,
        value: i32,
    },
    Severity(Vec<usize>),
    Region(usize),
}

const ADVERSITIES: [&str; 3] = ["trauma", "abuse", "poverty"];
const REGIONS: [&str; 6] = ["land", "north", "south", "n1", "n2", "s1"];
const SEVERITY: [&str; 3] = ["mild", "moderate", "severe"];

fn clause() -> impl Strategy<Value = Clause> {
    prop_oneof![
        4 => (
            prop::option::of(-40..60i32),
            prop::option::of(-30..90i32),
            any::<bool>(),
            prop::bool::weighted(0.15)
        )
            .prop_map(|(from, before, when_seen, negate)| Clause::Age {
                from: from.map(exact),
                // Ages in pregnancy are written in whole weeks of gestation.
                before: match (from.map(exact), before.map(exact)) {
                    (Some(f), Some(b)) if b <= f => None,
                    (_, b) => b,
                },
                when_seen,
                negate
            }),
        2 => (0..3usize, prop::collection::vec(0..2usize, 1..3))
            .prop_map(|(test, set)| Clause::Adversity { test, set }),
        1 => any::<bool>().prop_map(Clause::Young),
        1 => (any::<bool>(), 17..27i32).prop_map(|(at_most, value)| Clause::ParentAge { at_most, value }),
        1 => prop::collection::vec(0..3usize, 1..3).prop_map(Clause::Severity),
        1 => (0..6usize).prop_map(Clause::Region),
    ]
}

fn rule_json(c: &Clause) -> Value {
    match c {
        Clause::Age {
            from,
            before,
            when_seen,
            negate,
        } => {
            let mut age = serde_json::Map::new();
            if let Some(f) = from {
                age.insert("from".into(), json!(days(*f)));
            }
            if let Some(b) = before {
                age.insert("before".into(), json!(days(*b)));
            }
            if *when_seen {
                age.insert("judged".into(), json!("when_seen"));
            }
            let r = json!({"age": age});
            if *negate { json!({"not": r}) } else { r }
        }
        Clause::Adversity { test, set } => {
            let key = ["any_of", "all_of", "none_of"][*test];
            let ids: Vec<&str> = set.iter().map(|&i| ADVERSITIES[i]).collect();
            json!({"adversities": {key: ids}})
        }
        Clause::Young(b) => json!({"fact": {"id": "young", "equals": b}}),
        Clause::ParentAge { at_most, value } => {
            let key = if *at_most { "at_most" } else { "at_least" };
            json!({"fact": {"id": "parent_age", key: value}})
        }
        Clause::Severity(vs) => {
            let names: Vec<&str> = vs.iter().map(|&i| SEVERITY[i]).collect();
            json!({"fact": {"id": "severity", "one_of": names}})
        }
        Clause::Region(r) => json!({"region": [REGIONS[*r]]}),
    }
}

/// An age a pathway file can write: days after birth, whole weeks before.
fn exact(d: i32) -> i32 {
    if d >= 0 { d } else { d.div_euclid(7) * 7 }
}

fn days(d: i32) -> String {
    if d >= 0 {
        format!("{d} days")
    } else {
        format!("{} weeks gestation", (d + 280) / 7)
    }
}

#[derive(Debug, Clone)]
struct Svc {
    region: usize,
    entry: bool,
    goal: bool,
    rule: Vec<Clause>,
    any: bool,
    wait: i32,
    pessimistic: i32,
}

fn svc() -> impl Strategy<Value = Svc> {
    (
        0..6usize,
        prop::bool::weighted(0.4),
        prop::bool::weighted(0.3),
        prop::collection::vec(clause(), 0..3),
        prop::bool::weighted(0.2),
        0..20i32,
        0..10i32,
    )
        .prop_map(|(region, entry, goal, rule, any, wait, extra)| Svc {
            region,
            entry,
            goal,
            rule,
            any,
            wait,
            pessimistic: wait + extra,
        })
}

type Edge = (usize, usize, i32, Option<Clause>);

fn case() -> impl Strategy<Value = (Vec<Svc>, Vec<Edge>)> {
    (2..8usize).prop_flat_map(|n| {
        (
            prop::collection::vec(svc(), n),
            prop::collection::vec(
                (0..n, 0..n, 0..8i32, prop::option::weighted(0.3, clause())),
                0..(n * 3),
            ),
        )
    })
}

fn build(svcs: &[Svc], edges: &[Edge]) -> Pathway {
    let services: Vec<Value> = svcs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let parts: Vec<Value> = s.rule.iter().map(rule_json).collect();
            let key = if s.any { "any" } else { "all" };
            json!({
                "id": format!("s{}", (i * 7) % 10), "name": "S", "tier": "targeted",
                "tags": if s.goal { vec!["g"] } else { vec![] },
                "regions": [REGIONS[s.region]], "entry": s.entry,
                "eligibility": {key: parts},
                "wait": {"typical": format!("{} days", s.wait), "pessimistic": format!("{} days", s.pessimistic)}
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let referrals: Vec<Value> = edges
        .iter()
        .filter(|(a, b, _, _)| a != b && seen.insert((*a, *b)))
        .map(|(a, b, d, when)| {
            let mut r = json!({"from": format!("s{}", (a * 7) % 10), "to": format!("s{}", (b * 7) % 10), "delay": format!("{d} days")});
            if let Some(c) = when {
                r["when"] = rule_json(c);
            }
            r
        })
        .collect();
    let goal_exists = svcs.iter().any(|s| s.goal);
    let doc = json!({
        "metadata": {"name": "random", "version": "1"},
        "vocabulary": {
            "adversities": ADVERSITIES.iter().map(|a| json!({"id": a, "label": a})).collect::<Vec<_>>(),
            "facts": [
                {"id": "young", "label": "Young", "type": "boolean"},
                {"id": "parent_age", "label": "Parent age", "type": "number"},
                {"id": "severity", "label": "Severity", "type": "choice", "values": SEVERITY}
            ]
        },
        "regions": [{"id": "land", "name": "Land"},
                    {"id": "north", "name": "N", "parent": "land"},
                    {"id": "south", "name": "S", "parent": "land"},
                    {"id": "n1", "name": "N1", "parent": "north"},
                    {"id": "n2", "name": "N2", "parent": "north"},
                    {"id": "s1", "name": "S1", "parent": "south"}],
        "services": services, "referrals": referrals,
        "goal": if goal_exists { json!({"tags": ["g"]}) } else { json!({}) }
    });
    Pathway::from_json(&doc.to_string()).expect("generated pathway loads")
}

fn cases() -> u32 {
    std::env::var("COVERAGE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn coverage_matches_routes(
        (svcs, edges) in case(),
        max_hops in 1..5usize,
        pessimistic in any::<bool>(),
        missing in prop::bool::weighted(0.2),
        from in -60..40i32,
        len in 1..50i32,
        drop in any::<prop::sample::Index>(),
        slower in 0..30i32,
    ) {
        let p = build(&svcs, &edges);
        let waits = if pessimistic { WaitKind::Pessimistic } else { WaitKind::Typical };
        let q = CoverageQuery::default()
            .max_hops(max_hops)
            .waits(waits)
            .ages(from, from + len)
            .missing_facts(missing);
        let coverage = match p.coverage(&q) {
            Ok(c) => c,
            // A goal no service matches: routes says the same.
            Err(carepath::QueryError::NoGoalService(_)) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        prop_assert!(coverage.is_complete());
        let rq = RouteQuery::default().limit(1).max_hops(max_hops).waits(waits).explain(false);
        // A change: one referral dropped, one service slower. Every box of
        // the diff holds for its example family.
        let mut svcs2 = svcs.clone();
        let mut edges2 = edges.clone();
        if !edges2.is_empty() {
            edges2.remove(drop.index(edges2.len()));
        }
        let k = drop.index(svcs2.len());
        svcs2[k].wait += slower;
        svcs2[k].pessimistic += slower;
        let p2 = build(&svcs2, &edges2);
        let mut lost = false;
        for class in coverage.classes() {
            let covered = coverage.covered_days(&class);
            for day in from..from + len {
                let family = coverage.example(&class, day);
                let answer = p.routes(&family, &rq).expect("routes answers");
                prop_assert!(answer.complete);
                let best = answer.routes.first().map(|r| r.days_to_goal);
                prop_assert_eq!(
                    covered.contains(i64::from(day)),
                    best.is_some(),
                    "class {:?} day {}", class, day
                );
                prop_assert_eq!(coverage.best_days(&class, day), best, "class {:?} day {}", class, day);
                if best.is_some() && p2.routes(&family, &rq).expect("routes").routes.is_empty() {
                    lost = true;
                }
            }
        }
        // Every gap's example family has no route.
        for gap in coverage.gaps() {
            let answer = p.routes(&gap.example, &rq).expect("routes answers");
            prop_assert!(answer.routes.is_empty(), "{}", gap.families.words);
        }
        let after = p2.coverage(&q).expect("coverage");
        let diff = coverage.diff(&after, 7).expect("diff");
        prop_assert!(diff.complete);
        for c in &diff.changes {
            let before = p.routes(&c.example, &rq).expect("routes").routes.first().map(|r| r.days_to_goal);
            let now = p2.routes(&c.example, &rq).expect("routes").routes.first().map(|r| r.days_to_goal);
            let ok = match c.kind {
                carepath::ChangeKind::Loses => before.is_some() && now.is_none(),
                carepath::ChangeKind::Gains => before.is_none() && now.is_some(),
                carepath::ChangeKind::Slower => matches!((before, now), (Some(a), Some(b)) if b - a > 7),
                carepath::ChangeKind::Sooner => matches!((before, now), (Some(a), Some(b)) if a - b > 7),
                _ => false,
            };
            prop_assert!(ok, "{:?} {} before {:?} now {:?}", c.kind, c.families.words, before, now);
        }
        // A family of the old classes that loses its route is reported (the
        // diff may also find losses among families the new file's rules
        // tell apart, which the old classes do not name).
        prop_assert!(!lost || diff.summary.loses > 0);
    }
}
