//! Differential test: `Pathway::routes` against a brute-force reference
//! (enumerate every simple path, check eligibility on arrival, sort by the
//! ranking) on random small pathways with cycles, regions and age limits.

use std::collections::BTreeSet;

use carepath::{Pathway, Profile, Ranking, RouteQuery, WaitKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use proptest::prelude::*;
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
}

fn svc() -> impl Strategy<Value = Svc> {
    (
        0..3usize,
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::option::of(-300..400i32),
        prop::option::of(0..1200i32),
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
        0..60i32,
    )
        .prop_map(
            |(region, entry, goal, from, before, when_seen, needs_trauma, negate_age, wait)| Svc {
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
            },
        )
}

/// A referral: from, to, delay, and an optional condition on the age at
/// which the referring service sees the family (`true`: from that age;
/// `false`: before it).
type Edge = (usize, usize, i32, Option<(bool, i32)>);

/// Services, referrals, age, region, trauma.
type Case = (Vec<Svc>, Vec<Edge>, i32, usize, bool);

fn case() -> impl Strategy<Value = Case> {
    (2..9usize).prop_flat_map(|n| {
        (
            prop::collection::vec(svc(), n),
            prop::collection::vec(
                (
                    0..n,
                    0..n,
                    0..15i32,
                    prop::option::weighted(0.2, (any::<bool>(), 0..1200i32)),
                ),
                0..(n * 3),
            ),
            -300..1200i32,
            0..3usize,
            any::<bool>(),
        )
    })
}

const REGIONS: [&str; 3] = ["land", "north", "south"];

fn build(svcs: &[Svc], edges: &[Edge]) -> Pathway {
    let services: Vec<Value> = svcs
        .iter()
        .enumerate()
        .map(|(i, s)| {
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
            json!({
                // Ids sort in a different order from the indices: ties are
                // broken by ids, not by position in the file.
                "id": format!("s{}", (i * 7) % 10), "name": "S", "tier": "targeted",
                "tags": if s.goal { vec!["g"] } else { vec![] },
                "regions": [REGIONS[s.region]], "entry": s.entry,
                "eligibility": {"all": rules}, "wait": {"typical": format!("{} days", s.wait)}
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let referrals: Vec<Value> = edges
        .iter()
        .filter(|(a, b, _, _)| a != b && seen.insert((*a, *b)))
        .map(|(a, b, d, when)| {
            let mut r = json!({"from": format!("s{}", (a * 7) % 10), "to": format!("s{}", (b * 7) % 10), "delay": format!("{d} days")});
            if let Some((from, age)) = when {
                let key = if *from { "from" } else { "before" };
                r["when"] = json!({"age": {key: format!("{age} days")}});
            }
            r
        })
        .collect();
    let goal_exists = svcs.iter().any(|s| s.goal);
    let doc = json!({
        "metadata": {"name": "random", "version": "1"},
        "vocabulary": {"adversities": [{"id": "trauma", "label": "Trauma"}]},
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

/// Brute force: every simple path from an accepting entry, ending at the
/// first goal, every service accepting on arrival.
fn reference(p: &Pathway, family: &Profile, max_hops: usize) -> Vec<(i64, usize, Vec<String>)> {
    let f = p.prepare(family).expect("profile");
    let start = f.start_age();
    let mut out = Vec::new();
    fn dfs(
        p: &Pathway,
        f: &carepath::PreparedProfile<'_>,
        path: &mut Vec<NodeIndex>,
        seen: i32,
        start: i32,
        max_hops: usize,
        out: &mut Vec<(i64, usize, Vec<String>)>,
    ) {
        let last = *path.last().expect("non-empty");
        if p.is_goal(last) {
            let ids = path.iter().map(|&n| p.node_id(n).to_owned()).collect();
            out.push((i64::from(seen - start), path.len() - 1, ids));
            return;
        }
        if path.len() > max_hops {
            return;
        }
        for e in p.graph().edges(last) {
            let m = e.target();
            if path.contains(&m) || !f.referral_open(e.id(), seen) {
                continue;
            }
            let arrival = seen + p.delay(e.id());
            if f.accepts(m, arrival, WaitKind::Typical) {
                path.push(m);
                dfs(
                    p,
                    f,
                    path,
                    arrival + f.wait(m, WaitKind::Typical),
                    start,
                    max_hops,
                    out,
                );
                path.pop();
            }
        }
    }
    for n in p.graph().node_indices() {
        if p.is_entry(n) && f.accepts(n, start, WaitKind::Typical) {
            let mut path = vec![n];
            dfs(
                p,
                &f,
                &mut path,
                start + f.wait(n, WaitKind::Typical),
                start,
                max_hops,
                &mut out,
            );
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn routes_match_brute_force(
        (svcs, edges, age, region, trauma) in case(),
        limit in 1..6usize,
        max_hops in 1..6usize,
        fewest in any::<bool>(),
    ) {
        let p = build(&svcs, &edges);
        let mut family = Profile::new().age_days(age).region(REGIONS[region]);
        if trauma {
            family = family.adversity("trauma");
        }
        let ranking = if fewest { Ranking::FewestHandoffs } else { Ranking::SoonestSeen };
        let q = RouteQuery::default().limit(limit).max_hops(max_hops).ranking(ranking);
        let answer = p.routes(&family, &q).expect("answer");
        prop_assert!(answer.complete);

        let mut all = reference(&p, &family, max_hops);
        if fewest {
            all.sort_by(|a, b| (a.1, a.0, &a.2).cmp(&(b.1, b.0, &b.2)));
        } else {
            all.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
        }
        let expected: Vec<(i64, Vec<String>)> =
            all.iter().take(limit).map(|(d, _, ids)| (*d, ids.clone())).collect();
        let got: Vec<(i64, Vec<String>)> = answer.routes.iter()
            .map(|r| (r.days_to_goal, r.steps.iter().map(|s| s.service.clone()).collect()))
            .collect();
        prop_assert_eq!(got, expected);

        // Not reached: exactly the goals no valid route reaches.
        let reached: BTreeSet<String> = all.iter().filter_map(|r| r.2.last().cloned()).collect();
        let goals: BTreeSet<String> = p.services().filter(|s| s.goal).map(|s| s.id).collect();
        let expected_not: BTreeSet<String> = goals.difference(&reached).cloned().collect();
        let got_not: BTreeSet<String> = answer.not_reached.iter().map(|n| n.service.clone()).collect();
        prop_assert_eq!(got_not, expected_not);

        // Also reachable: the best route to each reached goal that ends no
        // returned route, in ranking order.
        let ends: BTreeSet<String> = answer.routes.iter()
            .filter_map(|r| r.steps.last().map(|s| s.service.clone()))
            .collect();
        let mut taken = ends.clone();
        let mut expected_also = Vec::new();
        for (d, _, ids) in &all {
            if let Some(g) = ids.last() {
                if taken.insert(g.clone()) {
                    expected_also.push((*d, ids.clone()));
                }
            }
        }
        let got_also: Vec<(i64, Vec<String>)> = answer.also_reachable.iter()
            .map(|r| (r.days_to_goal, r.steps.iter().map(|s| s.service.clone()).collect()))
            .collect();
        prop_assert_eq!(got_also, expected_also);

        // Searching each other goal alone gives the same answer.
        let alone = p.routes(&family, &q.clone().search_ahead(0)).expect("answer");
        prop_assert_eq!(&alone, &answer);

        // Without explanations: the same routes, nothing else.
        let quiet = p.routes(&family, &q.clone().explain(false)).expect("answer");
        prop_assert_eq!(&quiet.routes, &answer.routes);
        prop_assert!(quiet.not_reached.is_empty() && quiet.also_reachable.is_empty());
    }
}
