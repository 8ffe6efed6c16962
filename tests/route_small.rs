//! What a route answer says, value by value, on pathways of two or three
//! services: which door closes a way (a service's rule on the day the
//! family would reach it, after the waits before it), how routes that tie
//! count against the limit; when no route reaches a goal today, from which
//! age one opens (`not_yet`) and how many days away that is; and how the
//! waits a query asks for (typical or pessimistic) set the days to the
//! goal. Each case pins a value a user reads.
#![cfg(test)]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::route::ClosedBy;
use carepath::{Pathway, Profile, Reason, RouteAnswer, RouteQuery, WaitKind};
use serde_json::{Value, json};

/// The family's age in days.
const AGE: i32 = 91;
/// A ten-week wait.
const WAIT: i32 = 70;
/// The team takes families from 52 weeks (364 days) on; the family is 91
/// days old, so no route opens before day 364 unless waits on the way
/// carry them there.
const OPENS: i32 = 364;

/// A service in the one region; `extra` adds or replaces fields.
fn service(id: &str, tier: &str, extra: &Value) -> Value {
    let mut s = json!({"id": id, "name": id, "tier": tier, "regions": ["land"]});
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        s.extend(extra.clone());
    }
    s
}

fn goal(id: &str, extra: &Value) -> Value {
    let mut s = service(id, "specialist", extra);
    s["tags"] = json!(["infant-mental-health"]);
    s
}

fn pathway(services: &[Value], referrals: &[(&str, &str)]) -> Pathway {
    let referrals: Vec<Value> = referrals
        .iter()
        .map(|(from, to)| json!({"from": from, "to": to}))
        .collect();
    let text = json!({
        "metadata": {"name": "doors", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["infant-mental-health"]},
    });
    Pathway::from_json(&text.to_string()).unwrap()
}

fn answer(p: &Pathway, query: &RouteQuery) -> RouteAnswer {
    p.routes(&Profile::new().age_days(AGE).region("land"), query)
        .unwrap()
}

fn services(routes: &[carepath::Route]) -> Vec<Vec<&str>> {
    routes
        .iter()
        .map(|r| r.steps.iter().map(|s| &*s.service).collect())
        .collect()
}

/// The reason's kind, its door (service, closed by) and the age it names.
fn door(reason: &Reason) -> (&'static str, Option<(&str, ClosedBy)>, Option<i32>) {
    match reason {
        Reason::AgedOutOnTheWay { door, age_days, .. } => (
            "aged_out_on_the_way",
            Some((door.service.as_str(), door.closed_by)),
            Some(*age_days),
        ),
        Reason::Unreachable { door, .. } => (
            "unreachable",
            door.as_ref().map(|d| (d.service.as_str(), d.closed_by)),
            None,
        ),
        Reason::NotYet { from_age_days, .. } => ("not_yet", None, Some(*from_age_days)),
        Reason::NotEligible { .. } => ("not_eligible", None, None),
        _ => ("other", None, None),
    }
}

#[test]
fn the_first_door_closed_is_named_with_its_age() {
    // Before 20 weeks (140 days): the family, 91 days old, is young
    // enough today, not after a ten-week wait (161 days).
    let young = json!({"age": {"before": "20 weeks"}});
    let young_when_seen = json!({"age": {"before": "20 weeks", "judged": "when_seen"}});
    let ten_weeks = json!({"typical": "10 weeks"});
    // (the entry's fields, the team's, the reason: kind, door, age named)
    let cases = [
        // Open today, but the entry's wait brings the family to the team
        // at 161 days: too old.
        (
            json!({"entry": true, "wait": ten_weeks}),
            json!({"eligibility": young}),
            (
                "aged_out_on_the_way",
                Some(("team", ClosedBy::Rule)),
                Some(AGE + WAIT),
            ),
        ),
        // The same without the wait: a route today.
        (
            json!({"entry": true}),
            json!({"eligibility": young}),
            ("route", None, None),
        ),
        // The entry itself sees the family only after its wait, too old
        // for its own rule: the first door, closed by its rule.
        (
            json!({"entry": true, "wait": ten_weeks, "eligibility": young_when_seen}),
            json!({}),
            ("unreachable", Some(("hv", ClosedBy::Rule)), None),
        ),
        (
            json!({"entry": true, "eligibility": young_when_seen}),
            json!({}),
            ("route", None, None),
        ),
    ];
    for (hv, team, want) in cases {
        let p = pathway(
            &[service("hv", "universal", &hv), goal("team", &team)],
            &[("hv", "team")],
        );
        let a = answer(&p, &RouteQuery::default());
        let got = match a.not_reached.first() {
            None => {
                assert_eq!(services(&a.routes), [["hv", "team"]], "{hv} {team}");
                ("route", None, None)
            }
            Some(n) => {
                assert!(a.routes.is_empty(), "{hv} {team}");
                assert_eq!(&*n.service, "team", "{hv} {team}");
                door(&n.reason)
            }
        };
        assert_eq!(got, want, "{hv} {team}");
    }
}

#[test]
fn routes_that_tie_share_an_option_and_the_limit_holds() {
    let wait = json!({"wait": {"typical": "6 weeks"}});
    let entry = json!({"entry": true});
    // (services, referrals, limit, the routes, the goals also reachable)
    type Case = (
        Vec<Value>,
        Vec<(&'static str, &'static str)>,
        usize,
        Vec<Vec<&'static str>>,
        Vec<Vec<&'static str>>,
    );
    let cases: Vec<Case> = vec![
        // Two first contacts, the same team on the same day: one option,
        // both routes given.
        (
            vec![
                service("hv1", "universal", &entry),
                service("hv2", "universal", &entry),
                goal("team", &wait),
            ],
            vec![("hv1", "team"), ("hv2", "team")],
            1,
            vec![vec!["hv1", "team"], vec!["hv2", "team"]],
            vec![],
        ),
        // Two teams on the same day: two options; a limit of one gives the
        // first by id, and the other is also reachable.
        (
            vec![
                service("hv", "universal", &entry),
                goal("team-a", &wait),
                goal("team-b", &wait),
            ],
            vec![("hv", "team-a"), ("hv", "team-b")],
            1,
            vec![vec!["hv", "team-a"]],
            vec![vec!["hv", "team-b"]],
        ),
        (
            vec![
                service("hv", "universal", &entry),
                goal("team-a", &wait),
                goal("team-b", &wait),
            ],
            vec![("hv", "team-a"), ("hv", "team-b")],
            2,
            vec![vec!["hv", "team-a"], vec!["hv", "team-b"]],
            vec![],
        ),
    ];
    for (svcs, referrals, limit, routes, also) in cases {
        let p = pathway(&svcs, &referrals);
        let a = answer(&p, &RouteQuery::default().limit(limit));
        assert_eq!(services(&a.routes), routes, "{referrals:?} limit {limit}");
        assert_eq!(
            services(&a.also_reachable),
            also,
            "{referrals:?} limit {limit}"
        );
        assert!(a.not_reached.is_empty(), "{referrals:?}");
        for r in &a.routes {
            assert_eq!(r.days_to_goal, 42, "{referrals:?}");
        }
    }
}

fn team(id: &str) -> Value {
    service(
        id,
        "specialist",
        &json!({"tags": ["infant-mental-health"],
                "eligibility": {"age": {"from": "52 weeks"}}}),
    )
}

fn hv() -> Value {
    service("hv", "universal", &json!({"entry": true}))
}

/// A group with a ten-week wait that refers back to the health visitor.
fn group() -> Value {
    service(
        "group",
        "targeted",
        &json!({"wait": {"typical": "10 weeks"}}),
    )
}

#[test]
fn a_route_that_opens_later_is_dated_and_named() {
    // (the team's id, whether the group is there, max referrals). Ids set the
    // services' order inside the pathway: "a-team" comes before "hv",
    // "team" after. A route is simple: it never comes back to a service,
    // so the group's wait cannot carry the family to the team's age.
    let cases = [
        ("team", false, 8),
        ("a-team", false, 8),
        // Exactly as many referrals as the query allows.
        ("team", false, 1),
        ("a-team", false, 1),
        ("team", true, 8),
        ("a-team", true, 3),
    ];
    let family = Profile::new().age_days(AGE).region("land");
    for (id, with_group, hops) in cases {
        let mut services = vec![hv(), team(id)];
        let mut referrals = vec![("hv", id)];
        if with_group {
            services.push(group());
            referrals.extend([("hv", "group"), ("group", "hv")]);
        }
        let p = pathway(&services, &referrals);
        let answer = p
            .routes(&family, &RouteQuery::default().max_hops(hops))
            .unwrap();
        let case = format!("{referrals:?} max {hops}");
        assert!(answer.routes.is_empty(), "{case}");
        assert!(answer.complete, "{case}");
        assert_eq!(answer.not_reached.len(), 1, "{case}");
        assert_eq!(&*answer.not_reached[0].service, id, "{case}");
        match &answer.not_reached[0].reason {
            Reason::NotYet {
                from_age_days,
                days_from_today,
                ..
            } => {
                assert_eq!(*from_age_days, OPENS, "{case}");
                assert_eq!(*days_from_today, i64::from(OPENS - AGE), "{case}");
            }
            other => panic!("{case}: {other:?}"),
        }
        // On the day it opens, that route is the answer.
        let then = Profile::new().age_days(OPENS).region("land");
        let answer = p
            .routes(&then, &RouteQuery::default().max_hops(hops))
            .unwrap();
        let services: Vec<&str> = answer.routes[0].steps.iter().map(|s| &*s.service).collect();
        assert_eq!(services, ["hv", id], "{case}");
    }
}

#[test]
fn the_waits_asked_for_set_the_days_to_the_goal() {
    // A health visitor refers to a team that sees families after 6 weeks
    // typically, 12 at worst; and to a group (2 weeks typical, no
    // pessimistic wait given: the typical one) that refers on.
    let services = [
        service("hv", "universal", &json!({"entry": true})),
        service(
            "team",
            "specialist",
            &json!({"tags": ["infant-mental-health"],
                    "wait": {"typical": "6 weeks", "pessimistic": "12 weeks"}}),
        ),
        service(
            "group",
            "targeted",
            &json!({"wait": {"typical": "2 weeks"}}),
        ),
        service(
            "nurse",
            "specialist",
            &json!({"tags": ["infant-mental-health"], "wait": {"typical": "8 weeks"}}),
        ),
    ];
    let p = pathway(
        &services,
        &[("hv", "team"), ("hv", "group"), ("group", "nurse")],
    );
    let family = Profile::new().age_days(AGE).region("land");
    // (waits, the routes best first: services and days to the goal)
    let cases = [
        (
            WaitKind::Typical,
            vec![(vec!["hv", "team"], 42), (vec!["hv", "group", "nurse"], 70)],
        ),
        (
            WaitKind::Pessimistic,
            vec![(vec!["hv", "group", "nurse"], 70), (vec!["hv", "team"], 84)],
        ),
    ];
    for (waits, want) in cases {
        let answer = p
            .routes(&family, &RouteQuery::default().waits(waits))
            .unwrap();
        let got: Vec<(Vec<&str>, i64)> = answer
            .routes
            .iter()
            .map(|r| {
                (
                    r.steps.iter().map(|s| &*s.service).collect(),
                    r.days_to_goal,
                )
            })
            .collect();
        assert_eq!(got, want, "{waits:?}");
        let seen: Vec<i32> = answer.routes[0]
            .steps
            .iter()
            .map(|s| s.seen_age_days)
            .collect();
        let last = *seen.last().unwrap();
        assert_eq!(i64::from(last - AGE), want[0].1, "{waits:?}");
    }
}

#[test]
fn a_route_that_opens_later_counts_its_referrals_against_the_limit() {
    // hv → group → team: two referrals. Allowed two, the route opens at
    // the team's age (the group's ten-week wait on the way); allowed one,
    // there is no such route.
    let services = [
        hv(),
        service(
            "group",
            "targeted",
            &json!({"wait": {"typical": "10 weeks"}}),
        ),
        team("team"),
    ];
    let p = pathway(&services, &[("hv", "group"), ("group", "team")]);
    let family = Profile::new().age_days(AGE).region("land");
    for (hops, opens) in [(2, Some(OPENS - WAIT)), (1, None)] {
        let (later, complete) = opens_within(&p, &family, hops);
        assert!(complete, "{hops}");
        assert_eq!(later, opens, "max {hops} referrals");
    }
}

#[test]
fn a_later_route_longer_than_the_shortest_way_counts_every_referral() {
    // hv → a → b → team, and a → team, which the team refuses (it takes
    // referrals from specialist services only; a is targeted, b is a
    // specialist with a ten-week wait). The shortest way (two referrals)
    // is shut; the route through b (three) opens at 42 weeks.
    let team = service(
        "team",
        "specialist",
        &json!({"tags": ["infant-mental-health"],
                "eligibility": {"all": [{"age": {"from": "52 weeks"}},
                                        {"referred_from": {"tier": ["specialist"]}}]}}),
    );
    let services = [
        hv(),
        service("a", "targeted", &json!({})),
        service("b", "specialist", &json!({"wait": {"typical": "10 weeks"}})),
        team,
    ];
    let p = pathway(
        &services,
        &[("hv", "a"), ("a", "b"), ("b", "team"), ("a", "team")],
    );
    let family = Profile::new().age_days(AGE).region("land");
    for (hops, opens) in [(3, Some(OPENS - WAIT)), (2, None)] {
        assert_eq!(
            opens_within(&p, &family, hops).0,
            opens,
            "max {hops} referrals"
        );
    }
}

/// For a pathway with one goal and no route today within `hops`
/// referrals: the age at which a route opens (`not_yet`), or `None` for any
/// other reason; and whether the answer is complete.
fn opens_within(p: &Pathway, family: &Profile, hops: usize) -> (Option<i32>, bool) {
    let answer = p
        .routes(family, &RouteQuery::default().max_hops(hops))
        .unwrap();
    assert!(answer.routes.is_empty(), "{hops}");
    let later = match &answer.not_reached[..] {
        [n] => match &n.reason {
            Reason::NotYet { from_age_days, .. } => Some(*from_age_days),
            _ => None,
        },
        other => panic!("{hops}: {other:?}"),
    };
    (later, answer.complete)
}
