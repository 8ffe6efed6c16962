//! A route's extensions that rank after it are queued only when their key
//! comes up (the search stands them in its queue as one entry, in the
//! order of the key they add): the routes still come out in the order of
//! days, then referrals, then service ids, with the order the pathway
//! keeps for its own goal and with the one a search makes for a goal asked
//! by name. A health visitor and a GP practice each refer to `n` services,
//! each with its own wait (several tie), and each refers on to the team.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::document::GoalDoc;
use carepath::{Pathway, Profile, RouteQuery};
use serde_json::{Value, json};

/// The wait at middle service `i` after the health visitor (`s…`), or
/// after the GP practice (`r…`), in days: ties among every seven, and not
/// in id order.
fn wait(i: usize, gp: bool) -> usize {
    if gp { (i * 3) % 7 + 1 } else { (i * 5) % 7 + 1 }
}

fn pathway(n: usize) -> Pathway {
    let mut services = vec![
        json!({"id": "gp", "name": "gp", "tier": "universal", "regions": ["land"], "entry": true}),
        json!({"id": "hv", "name": "hv", "tier": "universal", "regions": ["land"], "entry": true}),
        json!({"id": "team", "name": "team", "tier": "specialist", "regions": ["land"],
               "tags": ["infant-mental-health"], "wait": {"typical": "10 days"}}),
    ];
    let mut referrals: Vec<Value> = vec![json!({"from": "hv", "to": "team", "delay": "9 days"})];
    for i in 0..n {
        for (from, prefix, gp) in [("hv", "s", false), ("gp", "r", true)] {
            let id = format!("{prefix}{i:02}");
            services.push(
                json!({"id": id, "name": id, "tier": "targeted", "regions": ["land"],
                                 "wait": {"typical": format!("{} days", wait(i, gp))}}),
            );
            referrals.push(json!({"from": from, "to": id}));
            referrals.push(json!({"from": id, "to": "team"}));
        }
    }
    let text = json!({
        "metadata": {"name": "hub", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["infant-mental-health"]},
    });
    Pathway::from_json(&text.to_string()).unwrap()
}

/// The routes' services and days to the team, as the search gives them
/// for the pathway's own goal, or for it asked by name.
fn routes(p: &Pathway, limit: usize, by_name: bool) -> Vec<(Vec<String>, i64)> {
    let family = Profile::new().age_days(100).region("land");
    let mut query = RouteQuery::default().limit(limit).explain(false);
    if by_name {
        let goal: GoalDoc =
            serde_json::from_value(json!({"tags": ["infant-mental-health"]})).unwrap();
        query = query.goal(goal);
    }
    p.routes(&family, &query)
        .unwrap()
        .routes
        .iter()
        .map(|r| {
            (
                r.steps.iter().map(|s| s.service.to_string()).collect(),
                r.days_to_goal,
            )
        })
        .collect()
}

/// What they must be: every route through a middle service (its wait,
/// then the team's 10 days) and the direct route (19 days, one referral),
/// by days, then referrals, then service ids. The two contacts' routes
/// interleave: a contact whose extensions waited in the wrong order would
/// have its routes come out after the other's.
fn expected(n: usize, limit: usize) -> Vec<(Vec<String>, i64)> {
    let mut all: Vec<(i64, usize, Vec<String>)> = vec![(19, 1, vec!["hv".into(), "team".into()])];
    for i in 0..n {
        for (from, prefix, gp) in [("hv", "s", false), ("gp", "r", true)] {
            let days = (wait(i, gp) + 10) as i64;
            let via = format!("{prefix}{i:02}");
            all.push((days, 2, vec![from.into(), via, "team".into()]));
        }
    }
    all.sort();
    all.into_iter()
        .take(limit)
        .map(|(days, _, services)| (services, days))
        .collect()
}

#[test]
fn extensions_leave_in_order_kept_or_made() {
    let mut checked = 0;
    for n in [3, 20, 40, 70] {
        let p = pathway(n);
        for limit in [1, 2, 5, 9, 12] {
            for by_name in [false, true] {
                assert_eq!(
                    routes(&p, limit, by_name),
                    expected(n, limit),
                    "n {n}, limit {limit}, by name {by_name}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 40);
}
