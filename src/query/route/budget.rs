//! The query's budget, at its edge: how many steps each answer costs.
//!
//! An answer is complete exactly when the query's work fits in its budget
//! (module docs: a step is a partial route pushed, first contacts
//! included, or a referral looked at — by the searches, the one-pass
//! settle and the explanations' reverse searches; the later-route search
//! counts one per partial route taken off its queue). These tests start a
//! query with all but `n` steps of [`QUERY_BUDGET`] already spent
//! (`Pathway::routes_after`) and pin, on pathways of a few services, the
//! least `n` for which the answer is complete: with `n` steps left the
//! answer is the one the whole budget gives; with `n − 1` it says it
//! stopped (`complete == false`). So work done for nothing (a search not
//! stopped where it could stop, a prune skipped, a route looked for twice)
//! and a budget check one step early or late each change a count here.
//!
//! Each count is explained where it is pinned; when a change to the search
//! changes the work on purpose, the failure message gives the new count.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use serde_json::{Value, json};

use crate::model::profile::Profile;
use crate::pathway::Pathway;

use super::answer::{Route, RouteAnswer};
use super::query::{QUERY_BUDGET, Ranking, RouteQuery};

/// A service in the one region; `extra` adds or replaces fields.
fn service(id: &str, extra: &Value) -> Value {
    let mut s = json!({"id": id, "name": id, "tier": "targeted", "regions": ["land"]});
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        s.extend(extra.clone());
    }
    s
}

/// A first contact.
fn entry(id: &str) -> Value {
    service(id, &json!({"tier": "universal", "entry": true}))
}

/// A goal service (tagged `imh`), with `extra` fields.
fn goal(id: &str, extra: &Value) -> Value {
    let mut s = service(id, extra);
    s["tier"] = json!("specialist");
    s["tags"] = json!(["imh"]);
    s
}

/// The pathway of `services` and `referrals` (`from`, `to`; no condition,
/// no delay); `extra` adds top-level fields.
fn pathway(services: &[Value], referrals: &[(&str, &str)], extra: &Value) -> Pathway {
    let referrals: Vec<Value> = referrals
        .iter()
        .map(|(from, to)| json!({"from": from, "to": to}))
        .collect();
    let mut text = json!({
        "metadata": {"name": "budget", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": services,
        "referrals": referrals,
        "goal": {"tags": ["imh"]},
    });
    if let (Some(t), Some(extra)) = (text.as_object_mut(), extra.as_object()) {
        t.extend(extra.clone());
    }
    Pathway::from_json(&text.to_string()).unwrap()
}

/// A family 13 weeks old in the one region.
fn family() -> Profile {
    Profile::new().age_days(91).region("land")
}

/// The answer with only `left` steps of the query's budget left.
fn with_left(p: &Pathway, q: &RouteQuery, left: usize) -> RouteAnswer {
    p.routes_after(&family(), q, QUERY_BUDGET - left).unwrap()
}

/// The least number of steps left for which the answer is complete
/// (binary search; the answer is complete with the whole budget).
fn steps(p: &Pathway, q: &RouteQuery) -> usize {
    let (mut lo, mut hi) = (0, QUERY_BUDGET);
    assert!(with_left(p, q, hi).complete);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if with_left(p, q, mid).complete {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The query costs exactly `n` steps: with `n` left its answer is the one
/// the whole budget gives, complete; with `n − 1` left it is incomplete.
#[track_caller]
fn costs(p: &Pathway, q: &RouteQuery, n: usize, what: &str) {
    let full = with_left(p, q, QUERY_BUDGET);
    let enough = with_left(p, q, n);
    let short = with_left(p, q, n - 1);
    assert!(
        full.complete && enough == full && !short.complete,
        "{what}: the query costs {} steps, not {n}",
        steps(p, q)
    );
}

/// The services of each route.
fn lists<'a>(routes: impl IntoIterator<Item = &'a Route>) -> Vec<Vec<&'a str>> {
    routes
        .into_iter()
        .map(|r| r.steps.iter().map(|s| &*s.service).collect())
        .collect()
}

/// Routes, goals also reachable, the reason kind of each goal not
/// reached, and the alternatives' routes.
type Said<'a> = [Vec<Vec<&'a str>>; 4];

/// What an answer says, as [`Said`] (a reason as a one-service list of its
/// goal and its kind).
fn said(a: &RouteAnswer) -> Said<'_> {
    [
        lists(&a.routes),
        lists(&a.also_reachable),
        a.not_reached
            .iter()
            .map(|n| vec![&*n.service, n.reason.kind()])
            .collect(),
        lists(a.alternatives.iter().map(|x| &x.route)),
    ]
}

/// One case: a pathway, a query, the steps its answer costs and what the
/// answer says.
struct Case<'a> {
    what: &'a str,
    pathway: Pathway,
    query: RouteQuery,
    steps: usize,
    said: Said<'a>,
}

#[track_caller]
fn check(cases: &[Case<'_>]) {
    for c in cases {
        let full = with_left(&c.pathway, &c.query, QUERY_BUDGET);
        assert_eq!(said(&full), c.said, "{}", c.what);
        costs(&c.pathway, &c.query, c.steps, c.what);
    }
}

/// A route in a chain, with and without explanations, and one that opens
/// later: each step charged once, the last step allowed exactly.
#[test]
fn a_query_costs_its_first_contacts_and_every_referral_looked_at() {
    let one = || {
        pathway(
            &[entry("hv"), goal("team", &json!({}))],
            &[("hv", "team")],
            &json!({}),
        )
    };
    let later = pathway(
        &[
            entry("hv"),
            goal(
                "team",
                &json!({"eligibility": {"age": {"from": "26 weeks"}}}),
            ),
        ],
        &[("hv", "team")],
        &json!({}),
    );
    check(&[
        // hv pushed (1), hv → team looked at (1); the route is taken off
        // the queue with the budget exactly spent.
        Case {
            what: "one route",
            pathway: one(),
            query: RouteQuery::default().limit(1).explain(false),
            steps: 2,
            said: [vec![vec!["hv", "team"]], vec![], vec![], vec![]],
        },
        // Only the routes asked for: the search stops at the first (hv,
        // and its two referrals), though b is one step further.
        Case {
            what: "the routes asked for, no more",
            pathway: pathway(
                &[
                    entry("hv"),
                    goal("a", &json!({})),
                    goal("b", &json!({})),
                    service("m", &json!({})),
                ],
                &[("hv", "a"), ("hv", "m"), ("m", "b")],
                &json!({}),
            ),
            query: RouteQuery::default().limit(1).explain(false),
            steps: 3,
            said: [vec![vec!["hv", "a"]], vec![], vec![], vec![]],
        },
        // The one pass that settles every goal (2, as above), then the
        // search for the routes asked for (2).
        Case {
            what: "one route, explained",
            pathway: one(),
            query: RouteQuery::default(),
            steps: 4,
            said: [vec![vec!["hv", "team"]], vec![], vec![], vec![]],
        },
        // The team takes the family from 26 weeks: no one pass (a door
        // opens later). The search today (2: the team refuses); the team
        // examined alone: the reverse bound (1 referral into it), its
        // search today (2), then the later-route search takes hv (1) and
        // the team (1) off its queue: the last step, the route from
        // 26 weeks found.
        Case {
            what: "a route that opens later",
            pathway: later,
            query: RouteQuery::default(),
            steps: 7,
            said: [vec![], vec![], vec![vec!["team", "not_yet"]], vec![]],
        },
    ]);
}

/// An alternative is asked for its best route only: a second one would
/// be work for nothing.
#[test]
fn an_alternative_costs_the_search_for_its_best_route_only() {
    let p = pathway(
        &[
            entry("hv"),
            goal(
                "team",
                &json!({"eligibility": {"age": {"before": "4 weeks"}}}),
            ),
            service("group", &json!({"tags": ["parenting"]})),
            service("x", &json!({})),
        ],
        &[("hv", "team"), ("hv", "group"), ("hv", "x"), ("x", "group")],
        &json!({"alternatives": [{"label": "Parenting group", "goal": {"tags": ["parenting"]}}]}),
    );
    // The team is too old for the family on every day: not eligible, no
    // search. The alternative's query (a budget of its own, as spent as
    // the question's): hv (1) and its three referrals (3); hv → group is
    // its best route, so x is never taken off the queue (x → group would
    // be one more step).
    check(&[Case {
        what: "an alternative",
        pathway: p,
        query: RouteQuery::default(),
        steps: 4,
        said: [
            vec![],
            vec![],
            vec![vec!["team", "not_eligible"]],
            vec![vec!["hv", "group"]],
        ],
    }]);
}

/// With fewest handoffs first (no one pass), the search goes on past the
/// routes asked for to find other goals' best routes: it stops once every
/// goal that could have a route has one, or at `search_ahead` partial
/// routes; a goal it does not reach is searched for alone.
#[test]
fn the_look_ahead_stops_once_every_goal_that_could_have_a_route_has_one() {
    // a and b are reachable (b through m, or m2 and m3); c has no
    // referral into it: no route on any day, known without a search.
    let p = |long_way: bool| {
        let mut referrals = vec![("hv", "a"), ("hv", "m"), ("m", "b")];
        if long_way {
            referrals.extend([("hv", "m2"), ("m2", "m3"), ("m3", "b")]);
        }
        pathway(
            &[
                entry("hv"),
                goal("a", &json!({})),
                goal("b", &json!({})),
                goal("c", &json!({})),
                service("m", &json!({})),
                service("m2", &json!({})),
                service("m3", &json!({})),
            ],
            &referrals,
            &json!({}),
        )
    };
    let q = RouteQuery::default()
        .limit(1)
        .ranking(Ranking::FewestHandoffs);
    let said = || {
        [
            vec![vec!["hv", "a"]],
            vec![vec!["hv", "m", "b"]],
            vec![vec!["c", "unreachable"]],
            vec![],
        ]
    };
    check(&[
        // hv (1), hv → a and hv → m (2); a is the route asked for; the
        // look-ahead takes m (m → b: 1) and then b, b's best route; c is
        // explained without a search (1: a step must be left for it).
        Case {
            what: "look-ahead to b",
            pathway: p(false),
            query: q.clone(),
            steps: 5,
            said: said(),
        },
        // As above, with hv → m2 looked at (1): the look-ahead stops at b,
        // the last goal that could have a route, before m2 and m3.
        Case {
            what: "look-ahead to b, m2 left",
            pathway: p(true),
            query: q.clone(),
            steps: 6,
            said: said(),
        },
        // No look-ahead: b searched for alone, with a reverse bound of its
        // own.
        Case {
            what: "b alone",
            pathway: p(true),
            query: q.clone().search_ahead(0),
            steps: 20,
            said: said(),
        },
        // A look-ahead of one partial route: m (m → b: 1 more step), then
        // b searched for alone, as with none.
        Case {
            what: "b alone after one partial route",
            pathway: p(true),
            query: q.clone().search_ahead(1),
            steps: 21,
            said: said(),
        },
    ]);
}

/// A goal searched for alone drops the partial routes that reach it past
/// its age limit; judged on referral, the limit is on the day the referral
/// arrives, before its wait.
#[test]
fn a_goal_searched_alone_drops_partial_routes_past_its_age_limit() {
    // t takes referrals before 20 weeks (140 days) and sees the family 10
    // weeks later. Fewest handoffs first: hv → slow → t (2 referrals)
    // would be tried before hv → x → y → t (3), but slow's 10-week wait
    // brings the referral to t at 161 days.
    let p = pathway(
        &[
            entry("hv"),
            goal("a", &json!({})),
            goal(
                "t",
                &json!({"wait": {"typical": "10 weeks"},
                        "eligibility": {"age": {"before": "20 weeks"}}}),
            ),
            service("slow", &json!({"wait": {"typical": "10 weeks"}})),
            service("x", &json!({})),
            service("y", &json!({})),
        ],
        &[
            ("hv", "a"),
            ("hv", "slow"),
            ("slow", "t"),
            ("hv", "x"),
            ("x", "y"),
            ("y", "t"),
        ],
        &json!({}),
    );
    check(&[Case {
        what: "t alone",
        pathway: p,
        query: RouteQuery::default()
            .limit(1)
            .ranking(Ranking::FewestHandoffs)
            .search_ahead(0),
        steps: 20,
        said: [
            vec![vec!["hv", "a"]],
            vec![vec!["hv", "x", "y", "t"]],
            vec![],
            vec![],
        ],
    }]);
}

/// A goal the family ages out of on the way is explained by the best way
/// whose every door is open today, from one pass over services.
#[test]
fn a_way_open_today_costs_one_pass() {
    // The team takes referrals before 20 weeks (140 days); the health
    // visitor sees the family after 10 weeks, at 161 days.
    let p = pathway(
        &[
            service(
                "hv",
                &json!({"tier": "universal", "entry": true, "wait": {"typical": "10 weeks"}}),
            ),
            goal(
                "team",
                &json!({"eligibility": {"age": {"before": "20 weeks"}}}),
            ),
        ],
        &[("hv", "team")],
        &json!({}),
    );
    // The one pass for routes (hv, hv → team: 2) reaches no goal, so no
    // search; the one pass for ways open today (2 again) finds hv → team,
    // on which the family ages out: its last step is the budget's last.
    check(&[Case {
        what: "aged out",
        pathway: p,
        query: RouteQuery::default(),
        steps: 4,
        said: [
            vec![],
            vec![],
            vec![vec!["team", "aged_out_on_the_way"]],
            vec![],
        ],
    }]);
}

/// A goal that takes no family of this age needs no search, but the query
/// must have a step left to examine it: with none, it is not examined.
#[test]
fn a_goal_is_examined_only_with_a_step_left() {
    let p = pathway(
        &[
            entry("hv"),
            goal(
                "team",
                &json!({"eligibility": {"age": {"before": "4 weeks"}}}),
            ),
        ],
        &[("hv", "team")],
        &json!({}),
    );
    let q = RouteQuery::default();
    check(&[Case {
        what: "not eligible",
        pathway: p.clone(),
        query: q.clone(),
        steps: 1,
        said: [vec![], vec![], vec![vec!["team", "not_eligible"]], vec![]],
    }]);
    let a = with_left(&p, &q, 0);
    assert_eq!(said(&a)[2], [["team", "not_examined"]]);
}
