//! A coverage stopped by its budget says so and claims nothing it has not
//! proven: the answer is incomplete, the cells it did not decide are boxes
//! not examined, and every cell it calls covered (or a gap) is one where
//! `routes` finds a route (or none).
#![cfg(test)]

use carepath::{CoverageQuery, Pathway, RouteQuery, Status};

#[test]
fn a_spent_budget_marks_the_answer_incomplete_and_claims_only_what_it_proved() {
    let p = Pathway::from_json(include_str!("fixtures/small.json")).expect("fixture");
    let ages = (-100, 800);
    let query = CoverageQuery::default().ages(ages.0, ages.1);
    let full = p.coverage(&query).expect("coverage");
    assert!(full.is_complete());
    assert!(full.boxes().iter().all(|b| b.status != Status::NotExamined));
    let rq = RouteQuery::default().limit(1).explain(false);
    let has_route = |family: &carepath::Profile| {
        let answer = p.routes(family, &rq).expect("routes");
        assert!(answer.complete);
        !answer.routes.is_empty()
    };
    let mut stopped = 0;
    for budget in [0, 1, 2, 4, 8] {
        let c = p.coverage(&query.clone().budget(budget)).expect("coverage");
        if c.is_complete() {
            continue;
        }
        stopped += 1;
        let boxes = c.boxes();
        assert!(
            boxes.iter().any(|b| b.status == Status::NotExamined),
            "budget {budget}"
        );
        for b in &boxes {
            match b.status {
                Status::Covered => assert!(has_route(&b.example), "{}", b.families.words),
                Status::Gap => assert!(!has_route(&b.example), "{}", b.families.words),
                _ => {}
            }
        }
        for gap in c.gaps() {
            assert!(!has_route(&gap.example), "{}", gap.families.words);
        }
        // Cell by cell, every 7th day: decided cells agree with routes, and
        // with the complete answer.
        for class in c.classes() {
            let covered = c.covered_days(&class);
            let undecided = c.undecided_days(&class);
            for day in (ages.0..ages.1).step_by(7) {
                let d = i64::from(day);
                assert!(!(covered.contains(d) && undecided.contains(d)));
                if undecided.contains(d) {
                    continue;
                }
                let truth = full.covered_days(&class).contains(d);
                assert_eq!(covered.contains(d), truth, "{class:?} day {day}");
                assert_eq!(
                    has_route(&c.example(&class, day)),
                    truth,
                    "{class:?} day {day}"
                );
            }
        }
        // A diff with an incomplete side says so.
        assert!(!full.diff(&c, 7).expect("diff").complete);
    }
    assert!(stopped > 0, "no budget stopped the analysis");
}

/// A way longer than the hop limit is not followed: the team is two
/// referrals away through a slow service `c` (a ten-week wait) and three
/// through quick ones (`a`, `b`); with two referrals allowed, the quick
/// way costs no budget, so three partial routes (the health visitor, `c`,
/// the team) decide every family: all covered.
#[test]
fn a_way_past_the_hop_limit_costs_no_budget() {
    let service = |id: &str, extra: serde_json::Value| {
        let mut s =
            serde_json::json!({"id": id, "name": id, "tier": "targeted", "regions": ["land"]});
        if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
            s.extend(extra.clone());
        }
        s
    };
    let text = serde_json::json!({
        "metadata": {"name": "far", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": [
            service("hv", serde_json::json!({"entry": true})),
            service("a", serde_json::json!({})),
            service("b", serde_json::json!({})),
            service("c", serde_json::json!({"wait": {"typical": "10 weeks"}})),
            service("team", serde_json::json!({"tags": ["goal"]})),
        ],
        "referrals": [{"from": "hv", "to": "a"}, {"from": "a", "to": "b"},
                      {"from": "b", "to": "team"}, {"from": "hv", "to": "c"},
                      {"from": "c", "to": "team"}],
        "goal": {"tags": ["goal"]},
    });
    let p = Pathway::from_json(&text.to_string()).expect("pathway");
    // (hops, budget, complete, days to the team for a family seen today)
    for (hops, budget, complete, days) in [(2, 3, true, 70), (2, 2, false, 70), (3, 5, true, 0)] {
        let query = CoverageQuery::default().max_hops(hops).budget(budget);
        let c = p.coverage(&query).expect("coverage");
        assert_eq!(c.is_complete(), complete, "{hops} {budget}");
        assert!(c.gaps().is_empty(), "{hops} {budget}");
        let rq = RouteQuery::default().max_hops(hops);
        let family = carepath::Profile::new().age_days(100).region("land");
        let answer = p.routes(&family, &rq).expect("routes");
        assert_eq!(answer.routes[0].days_to_goal, days, "{hops}");
    }
}

/// The memory the open partial routes hold is counted as the sheets they
/// carry, piece by piece: 80 services, each taking families on 120 short
/// spells of days, all open at once after the health visitor, hold about
/// 0.3 MiB (16 bytes a piece), far below the 256 MiB that stops a
/// region's search: the coverage is complete, and a family on a spell has
/// a route.
#[test]
fn many_open_ways_with_patchy_ages_stay_within_memory() {
    let spells: Vec<serde_json::Value> = (0..120)
        .map(|k| {
            serde_json::json!({"age": {"from": format!("{} days", 10 * k),
                                       "before": format!("{} days", 10 * k + 5)}})
        })
        .collect();
    let mut services = vec![
        serde_json::json!({"id": "hv", "name": "hv", "tier": "universal",
                           "regions": ["land"], "entry": true}),
        serde_json::json!({"id": "team", "name": "team", "tier": "specialist",
                           "regions": ["land"], "tags": ["goal"]}),
    ];
    let mut referrals = Vec::new();
    for i in 0..80 {
        let id = format!("s{i:02}");
        services.push(serde_json::json!({"id": id, "name": id, "tier": "targeted",
            "regions": ["land"], "eligibility": {"any": spells}}));
        referrals.push(serde_json::json!({"from": "hv", "to": id}));
        referrals.push(serde_json::json!({"from": id, "to": "team"}));
    }
    let text = serde_json::json!({
        "metadata": {"name": "patchy", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["goal"]},
    });
    let p = Pathway::from_json(&text.to_string()).expect("pathway");
    let c = p
        .coverage(&CoverageQuery::default().ages(0, 1300))
        .expect("coverage");
    assert!(c.is_complete());
    let family = |day| carepath::Profile::new().age_days(day).region("land");
    let routes = |day| {
        p.routes(&family(day), &RouteQuery::default().limit(1))
            .expect("routes")
            .routes
            .len()
    };
    assert_eq!((routes(12), routes(17)), (1, 0));
}
