//! When no route reaches a goal today, the answer says from which age one
//! opens (`not_yet`) and how many days away that is; and the waits a query
//! asks for (typical or pessimistic) set the days to the goal. Each case
//! pins a value a user reads: the age a route opens, its services, the
//! days to the goal.
#![cfg(test)]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::{Pathway, Profile, Reason, RouteQuery, WaitKind};
use serde_json::{Value, json};

/// The team takes families from 52 weeks (364 days) on; the family is 91
/// days old, so no route opens before day 364 unless waits on the way
/// carry them there.
const OPENS: i32 = 364;
const AGE: i32 = 91;

fn service(id: &str, tier: &str, extra: &Value) -> Value {
    let mut s = json!({"id": id, "name": id, "tier": tier, "regions": ["land"]});
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        s.extend(extra.clone());
    }
    s
}

/// A pathway of `services` (in this order) and `referrals` (from, to).
fn pathway(services: &[Value], referrals: &[(&str, &str)]) -> Pathway {
    let referrals: Vec<Value> = referrals
        .iter()
        .map(|(from, to)| json!({"from": from, "to": to}))
        .collect();
    let text = json!({
        "metadata": {"name": "later routes", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["infant-mental-health"]},
    });
    Pathway::from_json(&text.to_string()).unwrap()
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
        let services: Vec<&str> = answer.routes[0]
            .steps
            .iter()
            .map(|s| s.service.as_str())
            .collect();
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
                    r.steps.iter().map(|s| s.service.as_str()).collect(),
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
