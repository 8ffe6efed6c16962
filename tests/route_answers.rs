//! What a route answer says where the mutation samples (TESTING.md,
//! "Mutation testing") found it weakly asserted, value by value, on
//! pathways of two or three services: when the pathway's alternatives are
//! offered, and why a goal is not reached when the family is already with
//! a service (`from`). Each case pins a value a user reads: services,
//! reason kinds, doors, ages, days.
#![cfg(test)]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::{Pathway, Profile, Reason, RouteAnswer, RouteQuery};
use serde_json::{Value, json};

/// The family's age in days.
const AGE: i32 = 91;

/// A service in the one region; `extra` adds or replaces fields.
fn service(id: &str, tier: &str, extra: &Value) -> Value {
    let mut s = json!({"id": id, "name": id, "tier": tier, "regions": ["land"]});
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        s.extend(extra.clone());
    }
    s
}

/// A goal service (tagged `infant-mental-health`).
fn goal(id: &str, extra: &Value) -> Value {
    let mut s = service(id, "specialist", extra);
    s["tags"] = json!(["infant-mental-health"]);
    s
}

/// The file of a pathway of `services` and `referrals` (`from`, `to`);
/// `extra` adds top-level fields.
fn pathway(services: &[Value], referrals: &[(&str, &str)], extra: &Value) -> Pathway {
    let referrals: Vec<Value> = referrals
        .iter()
        .map(|(from, to)| json!({"from": from, "to": to}))
        .collect();
    pathway_with(services, &referrals, extra)
}

/// The file of a pathway of `services` and `referrals` (each as in the
/// file: `from`, `to` and any `when` or `delay`); `extra` adds top-level
/// fields.
fn pathway_with(services: &[Value], referrals: &[Value], extra: &Value) -> Pathway {
    let mut text = json!({
        "metadata": {"name": "answers", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["infant-mental-health"]},
    });
    if let (Some(t), Some(extra)) = (text.as_object_mut(), extra.as_object()) {
        t.extend(extra.clone());
    }
    Pathway::from_json(&text.to_string()).unwrap()
}

fn answer(p: &Pathway, query: &RouteQuery) -> RouteAnswer {
    p.routes(&Profile::new().age_days(AGE).region("land"), query)
        .unwrap()
}

fn services(route: &carepath::Route) -> Vec<&str> {
    route.steps.iter().map(|s| &*s.service).collect()
}

/// The kind of each goal not reached, by service.
fn reasons(a: &RouteAnswer) -> Vec<(&str, &'static str)> {
    a.not_reached
        .iter()
        .map(|n| (&*n.service, n.reason.kind()))
        .collect()
}

/// The closed door the first goal not reached is unreachable behind:
/// (service, who refers to it, what closes it).
fn first_door(a: &RouteAnswer) -> (&str, Option<&str>, carepath::route::ClosedBy) {
    match &a.not_reached[0].reason {
        Reason::Unreachable {
            door: Some(door), ..
        } => (&*door.service, door.referred_by.as_deref(), door.closed_by),
        other => panic!("{other:?}"),
    }
}

#[test]
fn alternatives_are_offered_only_when_no_route_reaches_a_goal() {
    // A health visitor refers to the team (the goal) and to a parenting
    // group, the pathway's alternative.
    let alternatives = json!({"alternatives": [
        {"label": "Parenting group", "goal": {"tags": ["parenting"]}}
    ]});
    let group = service(
        "group",
        "targeted",
        &json!({"tags": ["parenting"], "wait": {"typical": "2 weeks"}}),
    );
    // (the team's fields, the routes, the alternatives: label and services)
    let cases = [
        // The team takes the family: a route, no alternative offered.
        (json!({}), vec![vec!["hv", "team"]], vec![]),
        // The team takes families from 52 weeks: no route today, so the
        // group is offered.
        (
            json!({"eligibility": {"age": {"from": "52 weeks"}}}),
            vec![],
            vec![("Parenting group", vec!["hv", "group"])],
        ),
    ];
    for (team, routes, want) in cases {
        let p = pathway(
            &[
                service("hv", "universal", &json!({"entry": true})),
                goal("team", &team),
                group.clone(),
            ],
            &[("hv", "team"), ("hv", "group")],
            &alternatives,
        );
        let a = answer(&p, &RouteQuery::default());
        let got: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
        assert_eq!(got, routes, "{team}");
        let offered: Vec<(&str, Vec<&str>)> = a
            .alternatives
            .iter()
            .map(|x| (x.label.as_str(), services(&x.route)))
            .collect();
        assert_eq!(offered, want, "{team}");
        assert!(a.complete, "{team}");
        // The alternative's route is dated like any route: the group's
        // two-week wait.
        for x in &a.alternatives {
            assert_eq!(x.route.days_to_goal, 14, "{team}");
        }
    }
}

#[test]
fn a_goal_too_old_for_after_its_wait_is_not_eligible_from_a_service_too() {
    // The team sees families after ten weeks and takes them before 20
    // weeks (140 days), judged when seen: the family, 91 days old, would
    // be seen at 161 days on every way, today or later. The same answer
    // whether they come through the entry or are already with it.
    let team = goal(
        "team",
        &json!({"wait": {"typical": "10 weeks"},
                "eligibility": {"age": {"before": "20 weeks", "judged": "when_seen"}}}),
    );
    let p = pathway(
        &[service("hv", "universal", &json!({"entry": true})), team],
        &[("hv", "team")],
        &json!({}),
    );
    for query in [RouteQuery::default(), RouteQuery::default().from("hv")] {
        let a = answer(&p, &query);
        assert!(a.routes.is_empty(), "{query:?}");
        assert_eq!(reasons(&a), [("team", "not_eligible")], "{query:?}");
        assert!(a.complete, "{query:?}");
    }
    // Already with the team itself, the family is seen today, at 91 days:
    // the team is the route.
    let a = answer(&p, &RouteQuery::default().from("team"));
    let got: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
    assert_eq!(got, [["team"]]);
    assert!(a.from_refused.is_none());
}

#[test]
fn a_way_search_stopped_by_its_budget_makes_the_answer_incomplete() {
    // The team takes referrals before 20 weeks (140 days); the health
    // visitor sees the family after ten weeks, at 161 days at the
    // soonest: no route on any day, known without a search. Why, then,
    // needs the best way whose every door is open today. The web's 14
    // services each refer to the team only from 52 weeks (closed today),
    // and to each other; the only way open today is a chain of seven
    // referrals, one more than the query allows. So the search for a way
    // open today within six referrals tries every way through the web
    // (about 266,000 partial routes) and stops at its budget of 200,000:
    // the answer must say it is not complete, though the query's budget
    // is not spent and the team is explained (the door from the web).
    const WEB: usize = 14;
    let mut services = vec![
        service(
            "hv",
            "universal",
            &json!({"entry": true, "wait": {"typical": "10 weeks"}}),
        ),
        goal(
            "team",
            &json!({"eligibility": {"age": {"before": "20 weeks"}}}),
        ),
    ];
    let mut referrals = Vec::new();
    let later = json!({"age": {"from": "52 weeks"}});
    for i in 0..WEB {
        services.push(service(&format!("w{i:02}"), "targeted", &json!({})));
        referrals.push(json!({"from": "hv", "to": format!("w{i:02}")}));
        referrals.push(json!({"from": format!("w{i:02}"), "to": "team", "when": later}));
        for j in (0..WEB).filter(|&j| j != i) {
            referrals.push(json!({"from": format!("w{i:02}"), "to": format!("w{j:02}")}));
        }
    }
    let chain = ["c1", "c2", "c3", "c4", "c5", "c6"];
    for (from, to) in std::iter::once("hv")
        .chain(chain)
        .zip(chain.into_iter().chain(std::iter::once("team")))
    {
        referrals.push(json!({"from": from, "to": to}));
    }
    for c in chain {
        services.push(service(c, "targeted", &json!({})));
    }
    let p = pathway_with(&services, &referrals, &json!({}));
    let a = answer(&p, &RouteQuery::default().max_hops(6));
    assert!(a.routes.is_empty());
    assert_eq!(reasons(&a), [("team", "unreachable")]);
    assert_eq!(
        first_door(&a),
        ("team", Some("w00"), carepath::route::ClosedBy::Referral)
    );
    assert!(!a.complete, "the search for a way open today stopped");
    // With seven referrals allowed, the chain is that way: the search
    // ends at once, and the team is aged out on it.
    let a = answer(&p, &RouteQuery::default().max_hops(7));
    assert_eq!(reasons(&a), [("team", "aged_out_on_the_way")]);
    assert!(a.complete);
}

#[test]
fn a_goal_examined_alone_is_judged_by_its_age_limit_on_the_day_it_is_reached() {
    // Two teams, each a referral from the health visitor; team-b takes
    // referrals before 52 weeks (364 days). The family is 200 days old:
    // team-b receives the referral today and sees them 14 days later.
    // Asked for one route (team-a) and no look-ahead, team-b is examined
    // alone: its best route is today's, though the family is more than
    // half-way to its age limit.
    let p = pathway(
        &[
            service("hv", "universal", &json!({"entry": true})),
            goal("team-a", &json!({})),
            goal(
                "team-b",
                &json!({"wait": {"typical": "2 weeks"},
                        "eligibility": {"age": {"before": "52 weeks"}}}),
            ),
        ],
        &[("hv", "team-a"), ("hv", "team-b")],
        &json!({}),
    );
    let family = Profile::new().age_days(200).region("land");
    for ranking in [
        carepath::Ranking::FewestHandoffs,
        carepath::Ranking::SoonestSeen,
    ] {
        let query = RouteQuery::default()
            .limit(1)
            .search_ahead(0)
            .ranking(ranking);
        let a = p.routes(&family, &query).unwrap();
        let routes: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
        assert_eq!(routes, [["hv", "team-a"]], "{ranking:?}");
        let also: Vec<Vec<&str>> = a.also_reachable.iter().map(services).collect();
        assert_eq!(also, [["hv", "team-b"]], "{ranking:?}");
        assert_eq!(a.also_reachable[0].days_to_goal, 14, "{ranking:?}");
        assert!(a.not_reached.is_empty(), "{ranking:?}");
    }
}

#[test]
fn a_wait_is_called_assumed_only_where_the_pathway_says_so_and_the_family_waits() {
    // The health visitor's two weeks are published; the team's six weeks
    // are the authors' assumption.
    let p = pathway(
        &[
            service(
                "hv",
                "universal",
                &json!({"entry": true, "wait": {"typical": "2 weeks"}}),
            ),
            goal(
                "team",
                &json!({"wait": {"typical": "6 weeks", "assumed": true}}),
            ),
        ],
        &[("hv", "team")],
        &json!({}),
    );
    let steps = |a: &RouteAnswer| -> Vec<(String, i32, bool)> {
        a.routes[0]
            .steps
            .iter()
            .map(|s| (s.service.to_string(), s.wait_days, s.wait_assumed))
            .collect()
    };
    let a = answer(&p, &RouteQuery::default());
    assert_eq!(
        steps(&a),
        [("hv".to_owned(), 14, false), ("team".to_owned(), 42, true)]
    );
    // Already with the team: no wait there, so nothing assumed.
    let a = answer(&p, &RouteQuery::default().from("team"));
    assert_eq!(steps(&a), [("team".to_owned(), 0, false)]);
}

#[test]
fn a_later_route_search_stopped_by_its_budget_makes_the_answer_incomplete() {
    // Eleven layers of three services, each referring to all three of
    // the next layer and to the team; every one takes families from 52
    // weeks on, and every referral to the team closes at one week. No
    // route today (the layers are closed) or on any later day (the
    // referrals to the team are): the search for the earliest later start
    // tries every way through the layers within the hop limit (about
    // 265,000) and stops at its budget of 200,000 partial routes, while
    // the query's is not spent: the answer must say it is not complete.
    const LAYERS: usize = 11;
    let from_a_year = json!({"eligibility": {"age": {"from": "52 weeks"}}});
    let mut services = vec![
        service("hv", "universal", &json!({"entry": true})),
        goal("team", &json!({})),
    ];
    let mut referrals = Vec::new();
    let id = |layer: usize, i: usize| format!("l{layer:02}-{i}");
    let early = json!({"age": {"before": "1 week"}});
    for layer in 0..LAYERS {
        for i in 0..3 {
            services.push(service(&id(layer, i), "targeted", &from_a_year));
            referrals.push(json!({"from": id(layer, i), "to": "team", "when": early}));
            if layer == 0 {
                referrals.push(json!({"from": "hv", "to": id(layer, i)}));
            }
            if layer + 1 < LAYERS {
                for j in 0..3 {
                    referrals.push(json!({"from": id(layer, i), "to": id(layer + 1, j)}));
                }
            }
        }
    }
    let p = pathway_with(&services, &referrals, &json!({}));
    let a = answer(&p, &RouteQuery::default().max_hops(12));
    assert!(a.routes.is_empty());
    assert_eq!(reasons(&a), [("team", "unreachable")]);
    assert!(!a.complete, "the search for a later route stopped");
}

#[test]
fn the_door_named_from_a_service_judges_that_service_as_already_with_the_family() {
    // The family, 91 days old, is already with the health visitor, who
    // takes families seen before 20 weeks after a ten-week wait: today
    // they are with them, so the health visitor is no closed door. The
    // team takes families from 52 weeks, by which time the health visitor
    // no longer has them: no route on any day, and the door that closes
    // the way is the team's rule.
    let p = pathway(
        &[
            service(
                "hv",
                "universal",
                &json!({"entry": true, "wait": {"typical": "10 weeks"},
                        "eligibility": {"age": {"before": "20 weeks", "judged": "when_seen"}}}),
            ),
            goal(
                "team",
                &json!({"eligibility": {"age": {"from": "52 weeks"}}}),
            ),
        ],
        &[("hv", "team")],
        &json!({}),
    );
    let a = answer(&p, &RouteQuery::default().from("hv"));
    assert!(a.routes.is_empty());
    assert!(a.from_refused.is_none());
    assert_eq!(reasons(&a), [("team", "unreachable")]);
    let (service, _, closed_by) = first_door(&a);
    assert_eq!(
        (service, closed_by),
        ("team", carepath::route::ClosedBy::Rule)
    );
    assert!(a.complete);
}

#[test]
fn a_route_through_a_second_first_contact_is_padding_when_the_rest_is_a_route() {
    // The family can go to the GP or to the health visitor today; the
    // GP refers to the health visitor, who refers to the team. The way
    // GP → health visitor → team only pads the health visitor's route:
    // one route, whatever the limit.
    let p = pathway(
        &[
            service("gp", "universal", &json!({"entry": true})),
            service("hv", "universal", &json!({"entry": true})),
            goal("team", &json!({})),
        ],
        &[("gp", "hv"), ("hv", "team")],
        &json!({}),
    );
    let a = answer(&p, &RouteQuery::default().limit(3));
    let got: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
    assert_eq!(got, [["hv", "team"]]);
}

#[test]
fn two_ways_to_one_team_on_the_same_day_are_two_options() {
    // The health visitor refers to the team through `a` or through `b`,
    // on the same day: two options, so a limit of one gives the first by
    // id only, and a limit of two gives both.
    let p = pathway(
        &[
            service("hv", "universal", &json!({"entry": true})),
            service("a", "targeted", &json!({})),
            service("b", "targeted", &json!({})),
            goal("team", &json!({})),
        ],
        &[("hv", "a"), ("hv", "b"), ("a", "team"), ("b", "team")],
        &json!({}),
    );
    for (limit, want) in [
        (1, vec![vec!["hv", "a", "team"]]),
        (2, vec![vec!["hv", "a", "team"], vec!["hv", "b", "team"]]),
    ] {
        let a = answer(&p, &RouteQuery::default().limit(limit));
        let got: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
        assert_eq!(got, want, "limit {limit}");
    }
}

#[test]
fn a_service_reached_sooner_by_a_longer_way_leads_on_from_then() {
    // The health visitor refers to `x` with a four-week delay, or to `y`
    // (a day) who refers on to `x` (a day): `x` sees the family soonest
    // through `y`. Team-b is reached only through `x`; team-a directly.
    // Asked for one route (team-a), team-b is also reachable, through
    // `y` and `x`, 2 days away.
    let services_ = [
        service("hv", "universal", &json!({"entry": true})),
        service("x", "targeted", &json!({})),
        service("y", "targeted", &json!({})),
        goal("team-a", &json!({})),
        goal("team-b", &json!({})),
    ];
    let referrals = [
        json!({"from": "hv", "to": "team-a"}),
        json!({"from": "hv", "to": "x", "delay": "4 weeks"}),
        json!({"from": "hv", "to": "y", "delay": "1 day"}),
        json!({"from": "y", "to": "x", "delay": "1 day"}),
        json!({"from": "x", "to": "team-b"}),
    ];
    let p = pathway_with(&services_, &referrals, &json!({}));
    let a = answer(&p, &RouteQuery::default().limit(1));
    let got: Vec<Vec<&str>> = a.routes.iter().map(services).collect();
    assert_eq!(got, [["hv", "team-a"]]);
    let also: Vec<Vec<&str>> = a.also_reachable.iter().map(services).collect();
    assert_eq!(also, [["hv", "y", "x", "team-b"]]);
    assert_eq!(a.also_reachable[0].days_to_goal, 2);
    assert!(a.not_reached.is_empty());
}

#[test]
fn a_goal_elsewhere_gets_the_reason_of_its_own_areas_whichever_goal_came_before() {
    // The family lives in the valley; three teams serve other areas of
    // the land: two the coast, one the hills. Each is "not in region",
    // with the areas it serves: the same reason as when it is asked about
    // alone.
    let regions = json!({"regions": [
        {"id": "land", "name": "Land", "kind": "country"},
        {"id": "valley", "name": "Valley", "kind": "board", "parent": "land"},
        {"id": "coast", "name": "Coast", "kind": "board", "parent": "land"},
        {"id": "hills", "name": "Hills", "kind": "board", "parent": "land"},
    ]});
    let serving = |r: &str| json!({"regions": [r]});
    let p = pathway(
        &[
            service("hv", "universal", &json!({"entry": true})),
            goal("a-coast", &serving("coast")),
            goal("b-hills", &serving("hills")),
            goal("c-coast", &serving("coast")),
        ],
        &[("hv", "a-coast"), ("hv", "b-hills"), ("hv", "c-coast")],
        &regions,
    );
    let family = Profile::new().age_days(AGE).region("valley");
    let answer = |q: &RouteQuery| p.routes(&family, q).unwrap();
    let a = answer(&RouteQuery::default());
    let kinds: Vec<(&str, &str)> = reasons(&a);
    assert_eq!(
        kinds,
        [
            ("a-coast", "not_in_region"),
            ("b-hills", "not_in_region"),
            ("c-coast", "not_in_region")
        ]
    );
    for n in &a.not_reached {
        let goal: carepath::document::GoalDoc =
            serde_json::from_value(json!({"services": [&*n.service]})).unwrap();
        let alone = answer(&RouteQuery::default().goal(goal));
        assert_eq!(alone.not_reached.len(), 1, "{}", n.service);
        assert_eq!(n.reason, alone.not_reached[0].reason, "{}", n.service);
    }
    // The two coast teams share their reason; the hills team's differs.
    assert_eq!(a.not_reached[0].reason, a.not_reached[2].reason);
    assert_ne!(a.not_reached[0].reason, a.not_reached[1].reason);
}
