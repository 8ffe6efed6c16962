//! Differential tests: `Pathway::routes` against a brute-force reference
//! on random small pathways with cycles, regions, age limits (on referral
//! and when seen, negated), adversity tests, comparisons of an ordered
//! choice fact (at every value, the first and last included; the fact
//! given or not), services of every tier whose rules ask who refers
//! (`referred_from`: a list with or without `self`, `at_least`,
//! `at_most`, judged at every step, the first included), and age and
//! `referred_from` conditions on referrals.
//!
//! The reference enumerates every simple path and checks it with the
//! public eligibility primitives only (`PreparedProfile::accepts`,
//! `accepts_now`, `referral_open`, `serves`); it knows nothing of the
//! search, its bounds, or the sets of days the engine reasons with. It
//! checks the routes (distinct: no padded route; ties by referrals, then
//! ids), `also_reachable`, and every reason kind by its documented
//! definition ([`carepath::Reason`]), with the day a route opens.
//!
//! The second property rewrites every rule of each random pathway into a
//! logically equal form (De Morgan, `not` pushed inwards, singleton
//! `any`/`all`, double negation) and asserts the same answer kinds.
//!
//! The third checks, against the same reference, pathways whose doors
//! only close as the family ages (no lower age limit, no negated age
//! clause, no "from an age" referral condition): there every goal's best
//! route comes from one pass over services instead of the search over
//! partial routes.
//!
//! Cases: `PROPTEST_CASES` (default 1,000 each).
#![cfg(test)]

#[path = "differential/reference.rs"]
mod reference;
#[path = "differential/rewrite.rs"]
mod rewrite;

use std::collections::{BTreeMap, BTreeSet};

use carepath::{Pathway, Profile, Ranking, RouteQuery};
use proptest::prelude::*;
use reference::{Listed, expected, kind};
use rewrite::rewrite;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
struct Svc {
    region: usize,
    entry: bool,
    goal: bool,
    from: Option<i32>,
    before: Option<i32>,
    when_seen: bool,
    needs_trauma: bool,
    /// The age clause is negated: `{"not": {"age": ...}}`.
    negate_age: bool,
    wait: i32,
    /// 0 universal, 1 targeted, 2 specialist.
    tier: usize,
    /// A `referred_from` clause, if any.
    referred: Option<Referred>,
    /// `at_most` (`true`) or `at_least` a value of the ordered fact `need`.
    need: Option<(bool, usize)>,
}

/// A `referred_from` clause as written.
#[derive(Debug, Clone)]
enum Referred {
    /// Indices into [`REFERRERS`].
    List(Vec<usize>),
    /// `at_least` a tier (0..3).
    AtLeast(usize),
    /// `at_most` a tier.
    AtMost(usize),
}

const REFERRERS: [&str; 4] = ["self", "universal", "targeted", "specialist"];
const TIERS: [&str; 3] = ["universal", "targeted", "specialist"];
const NEED: [&str; 3] = ["low", "moderate", "high"];

fn referred() -> impl Strategy<Value = Referred> {
    prop_oneof![
        2 => prop::collection::btree_set(0..4usize, 1..4)
            .prop_map(|s| Referred::List(s.into_iter().collect())),
        1 => (0..3usize).prop_map(Referred::AtLeast),
        1 => (0..3usize).prop_map(Referred::AtMost),
    ]
}

fn referred_json(r: &Referred) -> Value {
    match r {
        Referred::List(l) => {
            json!({"referred_from": {"tier": l.iter().map(|&i| REFERRERS[i]).collect::<Vec<_>>()}})
        }
        Referred::AtLeast(t) => json!({"referred_from": {"at_least": TIERS[*t]}}),
        Referred::AtMost(t) => json!({"referred_from": {"at_most": TIERS[*t]}}),
    }
}

fn svc() -> impl Strategy<Value = Svc> {
    (
        // Most services serve the whole land, so that most families have ways.
        prop_oneof![3 => Just(0usize), 1 => 1..3usize],
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.3, -300..400i32),
        prop::option::weighted(0.6, 0..1200i32),
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
        // Many services see the family on arrival: routes tie in days.
        prop_oneof![1 => Just(0i32), 2 => 0..120i32],
        (
            0..3usize,
            prop::option::weighted(0.35, referred()),
            prop::option::weighted(0.2, (any::<bool>(), 0..3usize)),
        ),
    )
        .prop_map(
            |(
                region,
                entry,
                goal,
                from,
                before,
                when_seen,
                needs_trauma,
                negate_age,
                wait,
                (tier, referred, need),
            )| Svc {
                region,
                entry,
                goal,
                from,
                before: match (from, before) {
                    (Some(f), Some(b)) if b <= f => Some(f + 1 + b),
                    (_, b) => b,
                },
                when_seen,
                needs_trauma,
                negate_age,
                wait,
                tier,
                referred,
                need,
            },
        )
}

/// A referral: from, to, delay, an optional condition on the age at
/// which the referring service sees the family (`true`: from that age;
/// `false`: before it), and an optional `referred_from` condition (who
/// refers: the referring service).
type Edge = (usize, usize, i32, Option<(bool, i32)>, Option<Referred>);

/// The family: age, region, trauma, its level of need (none: not given).
type Family = (i32, usize, bool, Option<usize>);

/// Services, referrals, the family, and the `from` service if any.
/// Half the families are placed up to 150 days before some service's upper
/// age limit, where waits and delays age them out.
type Case = (Vec<Svc>, Vec<Edge>, Family, Option<usize>);

fn case() -> impl Strategy<Value = Case> {
    (2..9usize).prop_flat_map(|n| {
        (
            prop::collection::vec(svc(), n),
            prop::collection::vec(
                (
                    0..n,
                    0..n,
                    prop_oneof![Just(0i32), 0..15i32],
                    prop::option::weighted(0.2, (any::<bool>(), 0..1200i32)),
                    prop::option::weighted(0.1, referred()),
                ),
                n..(n * 4),
            ),
            -300..1200i32,
            0..3usize,
            any::<bool>(),
            prop::option::weighted(0.15, 0..n),
            prop::option::of((0..n, 0..150i32)),
            prop::option::weighted(0.8, 0..3usize),
        )
            .prop_map(|(svcs, edges, age, region, trauma, from, near, need)| {
                // The nearest upper limit at or after service `i`'s place in the list.
                let age = match near {
                    Some((i, k)) => svcs
                        .iter()
                        .cycle()
                        .skip(i)
                        .take(svcs.len())
                        .find_map(|s| s.before.filter(|_| !s.negate_age))
                        .map_or(age, |b| exact(b) - k / 2),
                    None => age,
                };
                (svcs, edges, (age, region, trauma, need), from)
            })
    })
}

const REGIONS: [&str; 3] = ["land", "north", "south"];

fn id(i: usize) -> String {
    // Ids sort in a different order from the indices: ties are broken by
    // ids, not by position in the file.
    format!("s{}", (i * 7) % 10)
}

/// The rule of a service as written plainly.
fn rule_of(s: &Svc) -> Value {
    let mut age = serde_json::Map::new();
    if let Some(f) = s.from {
        age.insert("from".into(), json!(days(f)));
    }
    if let Some(b) = s.before {
        age.insert("before".into(), json!(days(b)));
    }
    if s.when_seen {
        age.insert("judged".into(), json!("when_seen"));
    }
    let age = json!({"age": age});
    let mut rules = vec![if s.negate_age {
        json!({"not": age})
    } else {
        age
    }];
    if s.needs_trauma {
        rules.push(json!({"adversities": {"any_of": ["trauma"]}}));
    }
    if let Some(r) = &s.referred {
        rules.push(referred_json(r));
    }
    if let Some((at_most, v)) = s.need {
        let key = if at_most { "at_most" } else { "at_least" };
        rules.push(json!({"fact": {"id": "need", key: NEED[v]}}));
    }
    json!({"all": rules})
}

fn build(svcs: &[Svc], edges: &[Edge], rewrite: &mut dyn FnMut(Value) -> Value) -> Pathway {
    let services: Vec<Value> = svcs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": id(i), "name": "S", "tier": TIERS[s.tier],
                "tags": if s.goal { vec!["g"] } else { vec![] },
                "regions": [REGIONS[s.region]], "entry": s.entry,
                "eligibility": rewrite(rule_of(s)), "wait": {"typical": format!("{} days", s.wait)}
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let referrals: Vec<Value> = edges
        .iter()
        .filter(|(a, b, _, _, _)| a != b && seen.insert((*a, *b)))
        .map(|(a, b, d, when, referred)| {
            let mut r = json!({"from": id(*a), "to": id(*b), "delay": format!("{d} days")});
            let mut parts = Vec::new();
            if let Some((from, age)) = when {
                let key = if *from { "from" } else { "before" };
                parts.push(json!({"age": {key: format!("{age} days")}}));
            }
            if let Some(rf) = referred {
                parts.push(referred_json(rf));
            }
            match parts.len() {
                0 => {}
                1 => r["when"] = rewrite(parts.remove(0)),
                _ => r["when"] = rewrite(json!({"all": parts})),
            }
            r
        })
        .collect();
    let goal_exists = svcs.iter().any(|s| s.goal);
    let doc = json!({
        "metadata": {"name": "random", "version": "1"},
        "vocabulary": {
            "adversities": [{"id": "trauma", "label": "Trauma"}],
            "facts": [{"id": "need", "label": "Level of need", "type": "choice",
                       "values": NEED, "ordered": true}]
        },
        "regions": [{"id": "land", "name": "Land"}, {"id": "north", "name": "N", "parent": "land"},
                    {"id": "south", "name": "S", "parent": "land"}],
        "services": services, "referrals": referrals,
        "goal": if goal_exists { json!({"tags": ["g"]}) } else { json!({}) }
    });
    Pathway::from_json(&doc.to_string()).expect("generated pathway loads")
}

/// Days as pathway text: gestation weeks are not needed, days after birth
/// are written as days; before birth as `N weeks gestation` is not exact
/// for every day, so negative bounds are rounded to whole weeks.
fn days(d: i32) -> String {
    if d >= 0 {
        format!("{d} days")
    } else {
        let week = ((d + 280) / 7).clamp(0, 40);
        format!("{week} weeks gestation")
    }
}

/// The day a bound written by [`days`] stands for.
fn exact(d: i32) -> i32 {
    if d >= 0 {
        d
    } else {
        ((d + 280) / 7).clamp(0, 40) * 7 - 280
    }
}

/// Every age bound of the pathway, as the days they stand for.
fn bounds(svcs: &[Svc], edges: &[Edge]) -> Vec<i32> {
    let mut out: Vec<i32> = svcs
        .iter()
        .flat_map(|s| s.from.into_iter().chain(s.before).map(exact))
        .chain(edges.iter().filter_map(|e| e.3.map(|(_, a)| a)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn listed(routes: &[carepath::Route]) -> Listed {
    routes
        .iter()
        .map(|r| {
            (
                r.days_to_goal,
                r.steps.iter().map(|s| s.service.to_string()).collect(),
            )
        })
        .collect()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn family_of((age, region, trauma, need): Family) -> Profile {
    let mut family = Profile::new().age_days(age).region(REGIONS[region]);
    if trauma {
        family = family.adversity("trauma");
    }
    match need {
        Some(v) => family.fact("need", NEED[v]),
        None => family,
    }
}

fn answer_kinds(a: &carepath::RouteAnswer) -> BTreeMap<String, String> {
    a.not_reached
        .iter()
        .map(|n| (n.service.to_string(), kind(&n.reason)))
        .collect()
}

/// The pathway, family, query, `from` id and answer of one case, once the
/// answer's routes, `also_reachable` and reason kinds are checked against
/// the reference (and the answer is complete).
type Checked = (
    Pathway,
    Profile,
    RouteQuery,
    Option<String>,
    carepath::RouteAnswer,
);

fn checked(
    svcs: &[Svc],
    edges: &[Edge],
    family: Family,
    from: Option<usize>,
    (limit, max_hops, fewest): (usize, usize, bool),
) -> Result<Checked, TestCaseError> {
    let p = build(svcs, edges, &mut |r| r);
    let family = family_of(family);
    let ranking = if fewest {
        Ranking::FewestHandoffs
    } else {
        Ranking::SoonestSeen
    };
    let mut q = RouteQuery::default()
        .limit(limit)
        .max_hops(max_hops)
        .ranking(ranking);
    let from = from.map(id);
    if let Some(s) = &from {
        q = q.from(s);
    }
    let answer = p.routes(&family, &q).expect("answer");
    prop_assert!(answer.complete);
    let (routes, also, reasons) = expected(
        &p,
        &family,
        from.as_deref(),
        limit,
        max_hops,
        fewest,
        bounds(svcs, edges),
    );
    prop_assert_eq!(listed(&answer.routes), routes);
    prop_assert_eq!(listed(&answer.also_reachable), also);
    prop_assert_eq!(answer_kinds(&answer), reasons);
    Ok((p, family, q, from, answer))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn routes_match_brute_force(
        (svcs, edges, family, from) in case(),
        limit in 1..6usize,
        max_hops in 1..6usize,
        fewest in any::<bool>(),
    ) {
        let (p, family, q, from, answer) =
            checked(&svcs, &edges, family, from, (limit, max_hops, fewest))?;

        // `from` is judged like any first step.
        if let Some(s) = &from {
            let prepared = p.prepare(&family).expect("profile");
            let n = p.node(s).expect("node");
            prop_assert_eq!(
                answer.from_refused.is_none(),
                prepared.accepts_now(n, prepared.start_age())
            );
        } else {
            prop_assert!(answer.from_refused.is_none());
        }

        // Searching each other goal alone gives the same answer.
        let alone = p.routes(&family, &q.clone().search_ahead(0)).expect("answer");
        prop_assert_eq!(&alone, &answer);

        // Without explanations: the same routes, nothing else.
        let quiet = p.routes(&family, &q.clone().explain(false)).expect("answer");
        prop_assert_eq!(&quiet.routes, &answer.routes);
        prop_assert!(quiet.not_reached.is_empty() && quiet.also_reachable.is_empty());
    }

    /// Pathways whose doors only close as the family ages (no lower age
    /// limit, no negated age clause, no referral condition "from an
    /// age"): every goal's best route is settled in one pass over
    /// services, which must agree with brute force too.
    #[test]
    fn closing_doors_match_brute_force(
        (mut svcs, mut edges, family, from) in case(),
        limit in 1..6usize,
        max_hops in 1..6usize,
    ) {
        for s in &mut svcs {
            s.from = None;
            s.negate_age = false;
        }
        for e in &mut edges {
            if let Some((from_age, _)) = &mut e.3 {
                *from_age = false;
            }
        }
        checked(&svcs, &edges, family, from, (limit, max_hops, false))?;
    }

    #[test]
    fn logically_equal_rules_give_the_same_answer(
        (svcs, edges, family, from) in case(),
        seed in any::<u64>(),
        max_hops in 1..6usize,
    ) {
        let plain = build(&svcs, &edges, &mut |r| r);
        let mut s = seed;
        let rewritten = build(&svcs, &edges, &mut |r| rewrite(r, &mut s));
        let family = family_of(family);
        let mut q = RouteQuery::default().limit(3).max_hops(max_hops);
        if let Some(i) = from {
            q = q.from(&id(i));
        }
        let a = plain.routes(&family, &q).expect("answer");
        let b = rewritten.routes(&family, &q).expect("answer");
        prop_assert_eq!(listed(&a.routes), listed(&b.routes));
        prop_assert_eq!(listed(&a.also_reachable), listed(&b.also_reachable));
        prop_assert_eq!(answer_kinds(&a), answer_kinds(&b));
        prop_assert_eq!(a.from_refused.is_none(), b.from_refused.is_none());
    }
}
