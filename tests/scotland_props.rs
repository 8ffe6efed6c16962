//! Properties of every answer on the shipped Scotland pathway, for random
//! families: any age from before pregnancy to 8 years, any council area or
//! board, any adversities and facts, either ranking, any limit. No answer
//! panics or errs; each route keeps the timeline of DESIGN.md (arrival =
//! seen + delay, seen = arrival + wait) and every service on it accepts the
//! family on the day the referral arrives (checked with the independent
//! `eligibility` call); and every goal service is in exactly one of the
//! routes' ends, `also_reachable` or `not_reached`.
#![cfg(test)]

use std::collections::BTreeSet;

use carepath::{Pathway, Profile, Ranking, RouteQuery};
use proptest::prelude::*;

fn pathway() -> &'static Pathway {
    static P: std::sync::OnceLock<Pathway> = std::sync::OnceLock::new();
    P.get_or_init(
        || match Pathway::from_json(include_str!("../pathways/scotland.json")) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        },
    )
}

const ADVERSITIES: [&str; 8] = [
    "perinatal_mental_illness",
    "parental_substance_misuse",
    "domestic_abuse",
    "trauma",
    "infant_developmental_difficulties",
    "parent_infant_relationship_difficulties",
    "care_proceedings",
    "poverty",
];

fn family() -> impl Strategy<Value = Profile> {
    let regions: Vec<String> = {
        let doc = carepath::document::PathwayDocument::from_json(include_str!(
            "../pathways/scotland.json"
        ));
        match doc {
            Ok(d) => d.regions.into_iter().map(|r| r.id).collect(),
            Err(e) => panic!("{e}"),
        }
    };
    (
        -300..2922i32,
        prop::sample::select(regions),
        prop::collection::vec(any::<bool>(), 8),
        prop::option::of(any::<bool>()),
        prop::option::of(14..45i32),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec!["mild", "moderate", "severe"])),
    )
        .prop_map(|(age, region, adv, first, parent_age, care, severity)| {
            let mut p = Profile::new().age_days(age).region(&region);
            for (a, on) in ADVERSITIES.iter().zip(adv) {
                if on {
                    p = p.adversity(a);
                }
            }
            if let Some(v) = first {
                p = p.fact("first_time_parent", v);
            }
            if let Some(v) = parent_age {
                p = p.fact("parent_age_years", v);
            }
            if let Some(v) = care {
                p = p.fact("care_experienced_parent", v);
            }
            if let Some(v) = severity {
                p = p.fact("parental_illness_severity", v);
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn answers_hold_their_invariants(
        family in family(),
        limit in 1..6usize,
        fewest in any::<bool>(),
    ) {
        let p = pathway();
        let ranking = if fewest { Ranking::FewestHandoffs } else { Ranking::SoonestSeen };
        let q = RouteQuery::default().limit(limit).ranking(ranking);
        let answer = match p.routes(&family, &q) {
            Ok(a) => a,
            Err(e) => return Err(TestCaseError::fail(format!("query failed: {e}"))),
        };
        prop_assert!(answer.complete);
        // The limit counts options: routes with the same later steps on the
        // same days (differing only in the first contact) are one.
        let options: BTreeSet<Vec<(String, i32)>> = answer.routes.iter()
            .map(|r| match r.steps.get(1..) {
                Some(rest) if !rest.is_empty() => {
                    rest.iter().map(|s| (s.service.to_string(), s.arrival_age_days)).collect()
                }
                _ => vec![(r.steps[0].service.to_string(), i32::MIN)],
            })
            .collect();
        prop_assert!(options.len() <= limit);
        let age = match p.prepare(&family) {
            Ok(f) => f.start_age(),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };

        let mut keys = Vec::new();
        for r in answer.routes.iter().chain(&answer.also_reachable) {
            let first = &r.steps[0];
            prop_assert_eq!(first.arrival_age_days, age);
            prop_assert_eq!(first.delay_days, 0);
            let mut seen_services = BTreeSet::new();
            for (i, s) in r.steps.iter().enumerate() {
                prop_assert!(seen_services.insert(s.service.clone()), "repeats {}", s.service);
                prop_assert_eq!(s.seen_age_days, s.arrival_age_days + s.wait_days);
                if i > 0 {
                    let prev = &r.steps[i - 1];
                    prop_assert_eq!(s.arrival_age_days, prev.seen_age_days + s.delay_days);
                }
                // The independent single-service check agrees, asked as
                // referred by the step before (the first: the family itself).
                let on_arrival = family.clone().age_days(s.arrival_age_days);
                let referrer = i.checked_sub(1).map(|j| &*r.steps[j].service);
                let verdict = match p.eligibility_from(&s.service, &on_arrival, referrer) {
                    Ok(v) => v,
                    Err(e) => return Err(TestCaseError::fail(e.to_string())),
                };
                prop_assert!(verdict.eligible(), "{} refuses on arrival: {:?}", s.service, verdict.rule.decisive());
            }
            let last = &r.steps[r.steps.len() - 1];
            prop_assert_eq!(r.days_to_goal, i64::from(last.seen_age_days - age));
            prop_assert_eq!(r.handoffs, r.steps.len() - 1);
            keys.push(match ranking {
                Ranking::SoonestSeen => (r.days_to_goal, r.handoffs as i64),
                Ranking::FewestHandoffs => (r.handoffs as i64, r.days_to_goal),
                other => panic!("a ranking this test does not know: {other:?}"),
            });
        }
        let (route_keys, also_keys) = keys.split_at(answer.routes.len());
        prop_assert!(route_keys.windows(2).all(|w| w[0] <= w[1]), "routes out of order");
        prop_assert!(also_keys.windows(2).all(|w| w[0] <= w[1]), "also_reachable out of order");

        // Every goal service is accounted for exactly once.
        let goals: BTreeSet<String> = p.services().filter(|s| s.goal).map(|s| s.id).collect();
        let ends: BTreeSet<String> = answer.routes.iter()
            .filter_map(|r| r.steps.last().map(|s| s.service.to_string())).collect();
        let also: Vec<String> = answer.also_reachable.iter()
            .filter_map(|r| r.steps.last().map(|s| s.service.to_string())).collect();
        let not: Vec<String> = answer.not_reached.iter().map(|n| n.service.to_string()).collect();
        let mut all: Vec<String> = ends.iter().cloned().chain(also.clone()).chain(not.clone()).collect();
        all.sort();
        let n = all.len();
        all.dedup();
        prop_assert_eq!(n, all.len(), "a goal is listed twice");
        prop_assert_eq!(all.into_iter().collect::<BTreeSet<_>>(), goals);
    }
}
