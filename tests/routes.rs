//! Ranked routes with age on arrival, on small pathways whose answers can
//! be worked out by hand.
#![cfg(test)]

use carepath::{Pathway, Profile, Ranking, Reason, RouteQuery};
use serde_json::{Value, json};

fn fixture() -> Pathway {
    Pathway::from_json(include_str!("fixtures/small.json")).expect("fixture loads")
}

fn ids(answer: &carepath::RouteAnswer) -> Vec<Vec<&str>> {
    answer
        .routes
        .iter()
        .map(|r| r.steps.iter().map(|s| &*s.service).collect())
        .collect()
}

/// A line of services: entry `hv` → (optional `mid` with a wait) → goal `team`.
fn line(mid_wait: &str, team_rule: Value, team_wait: &str) -> Pathway {
    let doc = json!({
        "metadata": {"name": "line", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": [
            {"id": "hv", "name": "HV", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "mid", "name": "Mid", "tier": "targeted", "regions": ["land"], "wait": {"typical": mid_wait}},
            {"id": "team", "name": "Team", "tier": "specialist", "tags": ["imh"], "regions": ["land"],
             "eligibility": team_rule, "wait": {"typical": team_wait}}
        ],
        "referrals": [{"from": "hv", "to": "mid"}, {"from": "mid", "to": "team"}],
        "goal": {"tags": ["imh"]}
    });
    Pathway::from_json(&doc.to_string()).expect("loads")
}

#[test]
fn fixture_routes_are_ranked_by_time_and_explained() {
    let family = Profile::new().age("3 months").expect("age").region("east");
    let a = fixture()
        .routes(&family, &RouteQuery::default())
        .expect("answer");
    assert_eq!(
        ids(&a),
        vec![
            vec!["hv-east", "imh-east"],
            vec!["hv-east", "parenting-group", "imh-east"]
        ]
    );
    // 3 months = 91 days; 1-week delay; 6-week wait: seen 49 days later.
    assert_eq!(a.routes[0].days_to_goal, 49);
    assert_eq!(a.routes[0].weeks_to_goal, 7.0);
    assert_eq!(a.routes[0].steps[1].arrival_age_days, 98);
    assert_eq!(a.routes[1].days_to_goal, 42 + 3 + 42);
    let not: Vec<(&str, &str)> = a
        .not_reached
        .iter()
        .map(|n| (&*n.service, kind(&n.reason)))
        .collect();
    assert_eq!(
        not,
        vec![
            ("city-infant-team", "not_in_region"),
            ("imh-west", "not_in_region")
        ]
    );
    match &a.not_reached[0].reason {
        Reason::NotInRegion { message } => assert!(message.contains("wider"), "{message}"),
        other => panic!("{other:?}"),
    }
}

fn kind(r: &Reason) -> &'static str {
    r.kind()
}

#[test]
fn a_23_month_old_ages_out_on_the_way() {
    // Team accepts referrals before 2 years (731 days); the only route waits
    // 6 weeks at `mid`: a 23-month-old (700 days) arrives at 742 days.
    let p = line(
        "6 weeks",
        json!({"age": {"from": "pregnancy", "before": "2 years"}}),
        "4 weeks",
    );
    let family = Profile::new().age("23 months").expect("age").region("land");
    let a = p.routes(&family, &RouteQuery::default()).expect("answer");
    assert!(a.routes.is_empty());
    assert_eq!(a.not_reached.len(), 1);
    match &a.not_reached[0].reason {
        Reason::AgedOutOnTheWay {
            age_days,
            message,
            door,
        } => {
            assert_eq!(*age_days, 700 + 42);
            assert_eq!(door.service, "team");
            assert!(message.contains("not before 2 years"), "{message}");
        }
        other => panic!("expected aged out, got {other:?}"),
    }
    // Three weeks younger, the family arrives in time.
    let younger = Profile::new().age_days(700 - 21).region("land");
    assert_eq!(
        p.routes(&younger, &RouteQuery::default())
            .expect("answer")
            .routes
            .len(),
        1
    );
}

/// The team's own 6-week wait carries a family referred today past its
/// when-seen limit: no way exists, so its own rule is the reason.
#[test]
fn a_35_month_old_is_not_seen_before_the_third_birthday() {
    let rule = json!({"age": {"from": "birth", "before": "3 years", "judged": "when_seen"}});
    let p = line("0 days", rule, "6 weeks");
    let family = Profile::new().age("35 months").expect("age").region("land");
    let a = p.routes(&family, &RouteQuery::default()).expect("answer");
    assert!(a.routes.is_empty());
    assert_eq!(a.not_reached.len(), 1);
    assert_eq!(
        kind(&a.not_reached[0].reason),
        "not_eligible",
        "{:?}",
        a.not_reached[0].reason
    );
}

#[test]
fn already_too_old_is_not_eligible_rather_than_aged_out() {
    let p = line("0 days", json!({"age": {"before": "1 year"}}), "1 week");
    let family = Profile::new().age("2 years").expect("age").region("land");
    let a = p.routes(&family, &RouteQuery::default()).expect("answer");
    assert_eq!(kind(&a.not_reached[0].reason), "not_eligible");
}

#[test]
fn cycles_terminate_and_routes_are_simple() {
    let doc = json!({
        "metadata": {"name": "cycle", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": [
            {"id": "a", "name": "A", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "b", "name": "B", "tier": "targeted", "regions": ["land"]},
            {"id": "c", "name": "C", "tier": "targeted", "regions": ["land"]},
            {"id": "goal", "name": "Goal", "tier": "specialist", "regions": ["land"]}
        ],
        "referrals": [
            {"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "a"},
            {"from": "c", "to": "b"}, {"from": "c", "to": "goal", "delay": "1 day"}
        ],
        "goal": {"services": ["goal"]}
    });
    let p = Pathway::from_json(&doc.to_string()).expect("loads");
    let family = Profile::new().age_days(10).region("land");
    let a = p
        .routes(&family, &RouteQuery::default().limit(10))
        .expect("answer");
    assert_eq!(ids(&a), vec![vec!["a", "b", "c", "goal"]]);
}

#[test]
fn ties_are_broken_by_service_ids_and_rankings_differ() {
    let doc = json!({
        "metadata": {"name": "ties", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": [
            {"id": "hv", "name": "HV", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "y", "name": "Y", "tier": "targeted", "regions": ["land"], "wait": {"typical": "1 week"}},
            {"id": "x", "name": "X", "tier": "targeted", "regions": ["land"], "wait": {"typical": "1 week"}},
            {"id": "goal", "name": "Goal", "tier": "specialist", "regions": ["land"]}
        ],
        "referrals": [
            {"from": "hv", "to": "y"}, {"from": "hv", "to": "x"},
            {"from": "y", "to": "goal"}, {"from": "x", "to": "goal"},
            {"from": "hv", "to": "goal", "delay": "3 weeks"}
        ],
        "goal": {"services": ["goal"]}
    });
    let p = Pathway::from_json(&doc.to_string()).expect("loads");
    let family = Profile::new().age_days(30).region("land");
    let a = p.routes(&family, &RouteQuery::default()).expect("answer");
    assert_eq!(
        ids(&a),
        vec![
            vec!["hv", "x", "goal"],
            vec!["hv", "y", "goal"],
            vec!["hv", "goal"]
        ]
    );
    let a = p
        .routes(
            &family,
            &RouteQuery::default().ranking(Ranking::FewestHandoffs),
        )
        .expect("answer");
    assert_eq!(ids(&a)[0], vec!["hv", "goal"]);
}

#[test]
fn from_a_service_the_family_is_with() {
    let family = Profile::new().age("3 months").expect("age").region("east");
    let a = fixture()
        .routes(&family, &RouteQuery::default().from("parenting-group"))
        .expect("answer");
    assert_eq!(ids(&a), vec![vec!["parenting-group", "imh-east"]]);
    // Already with the service: seen today, then 3 days' delay and a 6-week wait.
    assert_eq!(a.routes[0].days_to_goal, 3 + 42);
    let err = fixture()
        .routes(&family, &RouteQuery::default().from("parenting"))
        .expect_err("unknown");
    assert!(
        err.to_string().contains("did you mean `parenting-group`"),
        "{err}"
    );
}

#[test]
fn limits_out_of_range_are_clear_errors() {
    let family = Profile::new().age("3 months").expect("age").region("east");
    for q in [
        RouteQuery::default().limit(0),
        RouteQuery::default().limit(51),
        RouteQuery::default().max_hops(17),
        RouteQuery::default().search_ahead(carepath::route::SEARCH_BUDGET + 1),
    ] {
        let err = fixture().routes(&family, &q).expect_err("out of range");
        assert!(err.to_string().contains("out of range"), "{err}");
    }
    let edge = RouteQuery::default().search_ahead(carepath::route::SEARCH_BUDGET);
    assert!(fixture().routes(&family, &edge).is_ok());
}

#[test]
fn the_last_day_in_time_is_a_route_and_the_next_is_not() {
    // On referral: `mid` waits 6 weeks (42 days); the team takes referrals
    // before 731 days. Start at 688: arrive 730, in time; at 689: 731, out.
    let on_referral = line(
        "6 weeks",
        json!({"age": {"from": "pregnancy", "before": "2 years"}}),
        "4 weeks",
    );
    // When seen: no wait at `mid`; the team (wait 42 days) must see the
    // family before 1096 days (3 years). Start at 1053: seen 1095; 1054: 1096.
    let when_seen = line(
        "0 days",
        json!({"age": {"from": "birth", "before": "3 years", "judged": "when_seen"}}),
        "6 weeks",
    );
    // Past the first, the way ages the family out; past the second, the
    // team's own wait does, whenever the referral is made: its rule.
    for (p, last_in_time, why) in [
        (&on_referral, 688, "aged_out_on_the_way"),
        (&when_seen, 1053, "not_eligible"),
    ] {
        for (days, routes, reached) in [(last_in_time, 1, true), (last_in_time + 1, 0, false)] {
            let family = Profile::new().age_days(days).region("land");
            for ranking in [Ranking::SoonestSeen, Ranking::FewestHandoffs] {
                let q = RouteQuery::default().ranking(ranking);
                let a = p.routes(&family, &q).expect("answer");
                assert_eq!(a.routes.len(), routes, "start {days}");
                assert_eq!(a.not_reached.is_empty(), reached, "start {days}");
                if !reached {
                    assert_eq!(kind(&a.not_reached[0].reason), why);
                }
            }
        }
    }
}

#[test]
fn a_goal_matching_no_service_is_a_clear_error() {
    let p = line("0 days", json!({"age": {"from": "birth"}}), "1 week");
    let family = Profile::new().age_days(30).region("land");
    let goal = |tier, tag: &str| carepath::document::GoalDoc {
        tier,
        tags: vec![tag.to_owned()],
        services: vec![],
    };
    let err = p
        .routes(&family, &RouteQuery::default().goal(goal(None, "imhh")))
        .expect_err("unknown tag");
    assert_eq!(
        err.to_string(),
        "no service carries the goal tag `imhh` (did you mean `imh`?)"
    );
    let err = p
        .routes(
            &family,
            &RouteQuery::default().goal(goal(Some(carepath::Tier::Universal), "imh")),
        )
        .expect_err("no match");
    assert_eq!(
        err.to_string(),
        r#"no service matches the goal {"tier":"universal","tags":["imh"]}"#
    );
}

#[test]
fn the_age_limit_holds_to_the_day_for_goals_beyond_the_routes_asked_for() {
    // `quick` is a goal seen in 1 day; `team` (referrals before 731 days)
    // is reached through `mid`, a 42-day wait. Asking for one route, the
    // team is `also_reachable` when the family starts at 688 days (arrives
    // at 730) and aged out from 689 (arrives at 731) — whether it is found
    // by searching on past the first route or by a search of its own.
    let doc = json!({
        "metadata": {"name": "fork", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": [
            {"id": "hv", "name": "HV", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "mid", "name": "Mid", "tier": "targeted", "regions": ["land"], "wait": {"typical": "42 days"}},
            {"id": "quick", "name": "Quick", "tier": "specialist", "tags": ["imh"], "regions": ["land"],
             "wait": {"typical": "1 day"}},
            {"id": "team", "name": "Team", "tier": "specialist", "tags": ["imh"], "regions": ["land"],
             "eligibility": {"age": {"from": "pregnancy", "before": "2 years"}}, "wait": {"typical": "4 weeks"}}
        ],
        "referrals": [{"from": "hv", "to": "quick"}, {"from": "hv", "to": "mid"}, {"from": "mid", "to": "team"}],
        "goal": {"tags": ["imh"]}
    });
    let p = Pathway::from_json(&doc.to_string()).expect("loads");
    for ahead in [0, carepath::route::SEARCH_AHEAD] {
        let q = RouteQuery::default().limit(1).search_ahead(ahead);
        let a = p
            .routes(&Profile::new().age_days(688).region("land"), &q)
            .expect("answer");
        assert_eq!(ids(&a), [["hv", "quick"]]);
        let also: Vec<&str> = a
            .also_reachable
            .iter()
            .filter_map(|r| r.steps.last().map(|s| &*s.service))
            .collect();
        assert_eq!(also, ["team"], "search_ahead {ahead}");
        assert_eq!(a.also_reachable[0].steps[2].arrival_age_days, 730);

        let a = p
            .routes(&Profile::new().age_days(689).region("land"), &q)
            .expect("answer");
        assert!(a.also_reachable.is_empty(), "search_ahead {ahead}");
        assert_eq!(a.not_reached.len(), 1);
        assert_eq!(kind(&a.not_reached[0].reason), "aged_out_on_the_way");
    }
}

/// 12 services all referring to each other (hundreds of millions of
/// simple paths), and 6 goals each behind a referral with condition `when`.
fn dense(when: &Value) -> Pathway {
    let mids: Vec<String> = (0..12).map(|i| format!("m{i:02}")).collect();
    let goals: Vec<String> = (0..6).map(|i| format!("z{i}")).collect();
    let mut services = vec![json!({"id": "a-hv", "name": "HV", "tier": "universal",
        "regions": ["land"], "entry": true})];
    let mut referrals = Vec::new();
    for m in &mids {
        services.push(
            json!({"id": m, "name": m, "tier": "targeted", "regions": ["land"],
            "wait": {"typical": "1 day"}}),
        );
        referrals.push(json!({"from": "a-hv", "to": m}));
        for n in mids.iter().filter(|n| *n != m) {
            referrals.push(json!({"from": m, "to": n}));
        }
        for g in &goals {
            referrals.push(json!({"from": m, "to": g, "when": when}));
        }
    }
    for g in &goals {
        services.push(
            json!({"id": g, "name": g, "tier": "specialist", "tags": ["imh"],
            "regions": ["land"]}),
        );
    }
    let doc = json!({
        "metadata": {"name": "dense", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": services, "referrals": referrals,
        "goal": {"tags": ["imh"]}
    });
    Pathway::from_json(&doc.to_string()).expect("loads")
}

#[test]
fn a_query_stops_at_its_budget_and_says_which_goals_it_did_not_examine() {
    // The referrals to the goals open only at 5 years, and no goal has an
    // age limit: every search for a route runs to its limit.
    let p = dense(&json!({"age": {"from": "5 years"}}));
    let goals = 6;
    let family = Profile::new().age_days(100).region("land");
    let q = RouteQuery::default().max_hops(16);
    let a = p.routes(&family, &q).expect("answer");
    assert!(!a.complete);
    assert!(a.routes.is_empty());
    // Every goal is accounted for; the later ones were not examined.
    assert_eq!(a.not_reached.len(), goals);
    let kinds: Vec<&str> = a.not_reached.iter().map(|n| kind(&n.reason)).collect();
    assert!(kinds.contains(&"not_examined"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"not_examined"));
    assert!(
        carepath::text::routes(&a)
            .contains("not examined: the query examined 1000000 partial routes"),
        "{}",
        carepath::text::routes(&a)
    );
}

#[test]
fn limits_and_hop_counts_are_accepted_up_to_their_maximum() {
    use carepath::route::{MAX_HOPS, MAX_ROUTES};
    let p = fixture();
    let family = Profile::new().age("3 months").unwrap().region("east");
    // (limit, max_hops, accepted)
    for (limit, hops, accepted) in [
        (0, 8, false),
        (1, 8, true),
        (MAX_ROUTES, 8, true),
        (MAX_ROUTES + 1, 8, false),
        (3, 0, false),
        (3, MAX_HOPS, true),
        (3, MAX_HOPS + 1, false),
    ] {
        let q = RouteQuery::default().limit(limit).max_hops(hops);
        match p.routes(&family, &q) {
            Ok(answer) => {
                assert!(accepted, "limit {limit}, max_hops {hops}");
                assert!(!answer.routes.is_empty() && answer.routes.len() <= limit);
            }
            Err(e) => {
                assert!(!accepted, "limit {limit}, max_hops {hops}: {e}");
                assert!(matches!(e, carepath::QueryError::OutOfRange(_)), "{e}");
            }
        }
    }
}

#[test]
fn a_service_that_takes_the_family_later_says_when() {
    // `imh-west` takes families from birth: asked from it, a family 30
    // days before birth hears it opens at birth, in 30 days.
    let p = fixture();
    for (age, from_age, days) in [(-30, 0, 30), (-100, 0, 100)] {
        let family = Profile::new().age_days(age).region("west");
        let answer = p
            .routes(&family, &RouteQuery::default().from("imh-west"))
            .unwrap();
        match answer.from_refused {
            Some(Reason::NotYet {
                from_age_days,
                days_from_today,
                ..
            }) => assert_eq!((from_age_days, days_from_today), (from_age, days), "{age}"),
            other => panic!("{age}: {other:?}"),
        }
    }
}

#[test]
fn a_dense_pathway_whose_doors_only_close_is_answered_in_full() {
    // The referrals to the goals are never open to a born child, and no
    // door can open later: one pass over services shows no goal has a
    // route on any day, and each is explained, within the budget.
    let p = dense(&json!({"age": {"before": "birth"}}));
    let family = Profile::new().age_days(100).region("land");
    let a = p
        .routes(&family, &RouteQuery::default().max_hops(16))
        .expect("answer");
    assert!(a.complete);
    assert!(a.routes.is_empty() && a.also_reachable.is_empty());
    let kinds: Vec<&str> = a.not_reached.iter().map(|n| kind(&n.reason)).collect();
    assert_eq!(kinds, ["unreachable"; 6]);
}

#[test]
fn every_team_elsewhere_gets_the_region_check_of_its_own_areas_in_every_region() {
    // On the shipped pathway, for a family in each of its regions (the
    // country, 14 boards, 32 council areas): every goal service not in
    // the family's area says exactly what the eligibility check of that
    // service says of the family's region, and no other goal says so.
    let pathway = Pathway::from_json(include_str!("../pathways/scotland.json")).expect("loads");
    let mut entries = 0;
    for region in pathway.regions(None).expect("regions") {
        let family = Profile::new()
            .age("7 months")
            .expect("age")
            .region(region.id.as_str());
        let answer = pathway
            .routes(&family, &RouteQuery::default())
            .expect("answer");
        for n in &answer.not_reached {
            let check = pathway
                .eligibility(&n.service, &family)
                .expect("verdict")
                .region;
            match &n.reason {
                Reason::NotInRegion { message } => {
                    assert!(!check.served, "{} in {}", n.service, region.id);
                    assert_eq!(**message, *check.message, "{} in {}", n.service, region.id);
                    entries += 1;
                }
                _ => assert!(check.served, "{} in {}", n.service, region.id),
            }
        }
    }
    assert!(entries > 300, "{entries}");
}
