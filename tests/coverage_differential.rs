//! Differential test: `Pathway::coverage` against `routes(limit 1)` on
//! random small pathways (several regions, adversities and facts; age
//! clauses judged on referral or when seen, negated; referral conditions;
//! cycles): for every class and every day of the range, the class is
//! covered exactly when `routes` finds a route for its example family
//! starting that day, and the best time is the first route's; every gap's
//! example family has no route; every box of a diff (one referral
//! dropped, one service slower) holds for its example family.
//!
//! The pathways come from `carepath::testing::strategies::pathways`, the
//! generator `lint_semantic.rs` also uses.
//!
//! Cases: `COVERAGE_CASES` (default 64; set it to 10000 locally).
#![cfg(test)]

use carepath::testing::strategies::{GeneratedPathway, pathways};
use carepath::{CoverageQuery, Pathway, RouteQuery, WaitKind};
use proptest::prelude::*;

fn build(generated: &GeneratedPathway) -> Pathway {
    generated.load().expect("generated pathway loads")
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
        generated in pathways(2..8),
        max_hops in 1..5usize,
        pessimistic in any::<bool>(),
        missing in prop::bool::weighted(0.2),
        from in -60..40i32,
        len in 1..50i32,
        drop in any::<prop::sample::Index>(),
        slower in 0..30i32,
    ) {
        let p = build(&generated);
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
        let mut changed = generated.clone();
        if !changed.referrals.is_empty() {
            changed.referrals.remove(drop.index(changed.referrals.len()));
        }
        let k = drop.index(changed.services.len());
        changed.services[k].wait += slower;
        changed.services[k].pessimistic += slower;
        let p2 = build(&changed);
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

#[test]
fn families_who_do_not_give_a_fact_are_examined_only_when_asked_for() {
    // A team that takes first-time parents only, referred to by the
    // universal service: the gap is the families who are not first-time
    // parents, and with missing facts asked for, also those who do not say.
    let text = serde_json::json!({
        "metadata": {"name": "missing facts", "version": "1"},
        "vocabulary": {"facts": [{"id": "first", "label": "First child", "type": "boolean"}]},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": [
            {"id": "hv", "name": "Health visitor", "tier": "universal",
             "regions": ["land"], "entry": true},
            {"id": "team", "name": "Team", "tier": "specialist", "tags": ["goal"],
             "regions": ["land"], "eligibility": {"fact": {"id": "first", "equals": true}}},
        ],
        "referrals": [{"from": "hv", "to": "team"}],
        "goal": {"tags": ["goal"]},
    });
    let p = Pathway::from_json(&text.to_string()).expect("loads");
    let mut open = text.clone();
    open["services"][1]
        .as_object_mut()
        .map(|team| team.remove("eligibility"));
    let open = Pathway::from_json(&open.to_string()).expect("loads");
    let first = |f: &carepath::Profile| f.facts.get("first").and_then(serde_json::Value::as_bool);
    for (missing, want) in [(false, vec![Some(false)]), (true, vec![None, Some(false)])] {
        let coverage = p
            .coverage(&CoverageQuery::default().missing_facts(missing))
            .expect("coverage");
        assert!(coverage.is_complete());
        let mut given: Vec<Option<bool>> = coverage
            .gaps()
            .iter()
            .map(|g| {
                g.example
                    .facts
                    .get("first")
                    .and_then(serde_json::Value::as_bool)
            })
            .collect();
        given.sort_unstable();
        given.dedup();
        assert_eq!(given, want, "missing facts: {missing}");
        // Opening the team to everyone: the same families gain a route
        // (the files' spaces differ, so both are computed again), and the
        // other way they lose it, in the one area.
        let query = CoverageQuery::default().missing_facts(missing);
        let opened = open.coverage(&query).expect("coverage");
        let diff = coverage.diff(&opened, 7).expect("diff");
        let mut gains: Vec<Option<bool>> = diff.changes.iter().map(|c| first(&c.example)).collect();
        gains.sort_unstable();
        gains.dedup();
        assert_eq!(gains, want, "missing facts: {missing}");
        let back = opened.diff(&coverage, 7).expect("diff");
        assert_eq!(back.summary.areas_losing, 1);
        assert_eq!(back.summary.gains, 0);
    }
}
