//! A route's referrals that rank after it are queued only when their key
//! comes up (the search stands them in its queue as one entry): the routes
//! still come out in the order of days, then referrals, then service ids,
//! whether a service has a few such referrals (read whole at each key) or
//! many (sorted once). A health visitor refers to `n` services, each with
//! its own wait (several tie), and each refers on to the team.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::{Pathway, Profile, RouteQuery};
use serde_json::{Value, json};

/// The wait at middle service `i`, in days: ties among every seven, and
/// not in id order.
fn wait(i: usize) -> usize {
    (i * 5) % 7 + 1
}

fn pathway(n: usize) -> Pathway {
    let mut services = vec![
        json!({"id": "hv", "name": "hv", "tier": "universal", "regions": ["land"], "entry": true}),
        json!({"id": "team", "name": "team", "tier": "specialist", "regions": ["land"],
               "tags": ["infant-mental-health"], "wait": {"typical": "10 days"}}),
    ];
    let mut referrals: Vec<Value> = vec![json!({"from": "hv", "to": "team", "delay": "9 days"})];
    for i in 0..n {
        let id = format!("s{i:02}");
        services.push(
            json!({"id": id, "name": id, "tier": "targeted", "regions": ["land"],
                             "wait": {"typical": format!("{} days", wait(i))}}),
        );
        referrals.push(json!({"from": "hv", "to": id}));
        referrals.push(json!({"from": id, "to": "team"}));
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

/// The routes' services and days to the team, as the search gives them.
fn routes(p: &Pathway, limit: usize) -> Vec<(Vec<String>, i64)> {
    let family = Profile::new().age_days(100).region("land");
    let query = RouteQuery::default().limit(limit).explain(false);
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

/// What they must be: the direct route (19 days, one referral), then
/// every route through a middle service by days (its wait, then the
/// team's 10), then id.
fn expected(n: usize, limit: usize) -> Vec<(Vec<String>, i64)> {
    let mut all: Vec<(i64, usize, String, Vec<String>)> = (0..n)
        .map(|i| {
            let id = format!("s{i:02}");
            let days = (wait(i) + 10) as i64;
            (days, 2, id.clone(), vec!["hv".into(), id, "team".into()])
        })
        .collect();
    all.push((19, 1, String::new(), vec!["hv".into(), "team".into()]));
    all.sort();
    all.into_iter()
        .take(limit)
        .map(|(days, _, _, services)| (services, days))
        .collect()
}

#[test]
fn later_referrals_leave_in_order_few_or_many() {
    let mut checked = 0;
    // 20: read whole at each key; 40 and 70: sorted once.
    for n in [3, 20, 40, 70] {
        let p = pathway(n);
        for limit in [1, 2, 5, 9, 12] {
            assert_eq!(
                routes(&p, limit),
                expected(n, limit),
                "n {n}, limit {limit}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 20);
}
