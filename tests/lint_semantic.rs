//! The semantic lints against brute force: on random small pathways (the
//! coverage differential test's generator: several regions, adversities
//! and facts; age clauses judged on referral or when seen, negated;
//! referral conditions; cycles), every claim about every family is checked
//! by enumerating the finite profile space — each leaf region, adversity
//! set and fact value the rules can tell apart, each day from pregnancy
//! until every age clause is settled, typical and pessimistic waits — with
//! an evaluator of the test's own:
//!
//! - `rule-never-holds` / `rule-always-holds` on a rule ⇔ no family / every
//!   family meets it on every day;
//! - `unreachable-service` / `unreachable-goal` ⇔ no family reaches the
//!   service along referrals (a walk from an entry, each service accepting
//!   on arrival, each referral open on the day seen; every route is one);
//! - `age-cliff` ⇔ families reach the referral from the source's
//!   acceptance, none is accepted by the target on arrival, and the target
//!   accepts each of them on some other day;
//! - `unusable-referral` ⇔ no age cliff, the source is reached, and no
//!   family reaching it is accepted by the target through the referral.
//!
//! Cases: `LINT_CASES` (default 64; set it to 10000 locally).
//!
//! One case found by a CI run is kept as a file: a cycle of referrals with
//! no upper age, each turn carrying families 45 days older, which once
//! added a piece to the reach per turn until the budget (hours in a debug
//! build); it now ends at the horizon where every day is alike.

use std::collections::BTreeSet;

use carepath::lint::{LintOptions, lint_with};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A clause of a random rule.
#[derive(Debug, Clone)]
enum Clause {
    Age {
        from: Option<i32>,
        before: Option<i32>,
        when_seen: bool,
        negate: bool,
    },
    Adversity {
        test: usize,
        set: Vec<usize>,
    },
    Young(bool),
    ParentAge {
        at_most: bool,
        value: i32,
    },
    Severity(Vec<usize>),
    Region(usize),
}

const ADVERSITIES: [&str; 3] = ["trauma", "abuse", "poverty"];
const REGIONS: [&str; 6] = ["land", "north", "south", "n1", "n2", "s1"];
const SEVERITY: [&str; 3] = ["mild", "moderate", "severe"];

fn clause() -> impl Strategy<Value = Clause> {
    prop_oneof![
        4 => (
            prop::option::of(-40..60i32),
            prop::option::of(-30..90i32),
            any::<bool>(),
            prop::bool::weighted(0.15)
        )
            .prop_map(|(from, before, when_seen, negate)| Clause::Age {
                from: from.map(exact),
                // Ages in pregnancy are written in whole weeks of gestation.
                before: match (from.map(exact), before.map(exact)) {
                    (Some(f), Some(b)) if b <= f => None,
                    (_, b) => b,
                },
                when_seen,
                negate
            }),
        2 => (0..3usize, prop::collection::vec(0..2usize, 1..3))
            .prop_map(|(test, set)| Clause::Adversity { test, set }),
        1 => any::<bool>().prop_map(Clause::Young),
        1 => (any::<bool>(), 17..27i32).prop_map(|(at_most, value)| Clause::ParentAge { at_most, value }),
        1 => prop::collection::vec(0..3usize, 1..3).prop_map(Clause::Severity),
        1 => (0..6usize).prop_map(Clause::Region),
    ]
}

fn rule_json(c: &Clause) -> Value {
    match c {
        Clause::Age {
            from,
            before,
            when_seen,
            negate,
        } => {
            let mut age = serde_json::Map::new();
            if let Some(f) = from {
                age.insert("from".into(), json!(days(*f)));
            }
            if let Some(b) = before {
                age.insert("before".into(), json!(days(*b)));
            }
            if *when_seen {
                age.insert("judged".into(), json!("when_seen"));
            }
            let r = json!({"age": age});
            if *negate { json!({"not": r}) } else { r }
        }
        Clause::Adversity { test, set } => {
            let key = ["any_of", "all_of", "none_of"][*test];
            let ids: Vec<&str> = set.iter().map(|&i| ADVERSITIES[i]).collect();
            json!({"adversities": {key: ids}})
        }
        Clause::Young(b) => json!({"fact": {"id": "young", "equals": b}}),
        Clause::ParentAge { at_most, value } => {
            let key = if *at_most { "at_most" } else { "at_least" };
            json!({"fact": {"id": "parent_age", key: value}})
        }
        Clause::Severity(vs) => {
            let names: Vec<&str> = vs.iter().map(|&i| SEVERITY[i]).collect();
            json!({"fact": {"id": "severity", "one_of": names}})
        }
        Clause::Region(r) => json!({"region": [REGIONS[*r]]}),
    }
}

/// An age a pathway file can write: days after birth, whole weeks before.
fn exact(d: i32) -> i32 {
    if d >= 0 { d } else { d.div_euclid(7) * 7 }
}

fn days(d: i32) -> String {
    if d >= 0 {
        format!("{d} days")
    } else {
        format!("{} weeks gestation", (d + 280) / 7)
    }
}

#[derive(Debug, Clone)]
struct Svc {
    region: usize,
    entry: bool,
    goal: bool,
    rule: Vec<Clause>,
    any: bool,
    wait: i32,
    pessimistic: i32,
}

fn svc() -> impl Strategy<Value = Svc> {
    (
        0..6usize,
        prop::bool::weighted(0.4),
        prop::bool::weighted(0.3),
        prop::collection::vec(clause(), 0..3),
        prop::bool::weighted(0.2),
        0..20i32,
        0..10i32,
    )
        .prop_map(|(region, entry, goal, rule, any, wait, extra)| Svc {
            region,
            entry,
            goal,
            rule,
            any,
            wait,
            pessimistic: wait + extra,
        })
}

type Edge = (usize, usize, i32, Option<Clause>);

fn case() -> impl Strategy<Value = (Vec<Svc>, Vec<Edge>)> {
    (2..8usize).prop_flat_map(|n| {
        (
            prop::collection::vec(svc(), n),
            prop::collection::vec(
                (0..n, 0..n, 0..8i32, prop::option::weighted(0.3, clause())),
                0..(n * 3),
            ),
        )
    })
}

fn build(svcs: &[Svc], edges: &[Edge]) -> String {
    let services: Vec<Value> = svcs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let parts: Vec<Value> = s.rule.iter().map(rule_json).collect();
            let key = if s.any { "any" } else { "all" };
            json!({
                "id": format!("s{}", (i * 7) % 10), "name": "S", "tier": "targeted",
                "tags": if s.goal { vec!["g"] } else { vec![] },
                "regions": [REGIONS[s.region]], "entry": s.entry,
                "eligibility": {key: parts},
                "wait": {"typical": format!("{} days", s.wait), "pessimistic": format!("{} days", s.pessimistic)}
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let referrals: Vec<Value> = edges
        .iter()
        .filter(|(a, b, _, _)| a != b && seen.insert((*a, *b)))
        .map(|(a, b, d, when)| {
            let mut r = json!({"from": format!("s{}", (a * 7) % 10), "to": format!("s{}", (b * 7) % 10), "delay": format!("{d} days")});
            if let Some(c) = when {
                r["when"] = rule_json(c);
            }
            r
        })
        .collect();
    let goal_exists = svcs.iter().any(|s| s.goal);
    let doc = json!({
        "metadata": {"name": "random", "version": "1"},
        "vocabulary": {
            "adversities": ADVERSITIES.iter().map(|a| json!({"id": a, "label": a})).collect::<Vec<_>>(),
            "facts": [
                {"id": "young", "label": "Young", "type": "boolean"},
                {"id": "parent_age", "label": "Parent age", "type": "number"},
                {"id": "severity", "label": "Severity", "type": "choice", "values": SEVERITY}
            ]
        },
        "regions": [{"id": "land", "name": "Land"},
                    {"id": "north", "name": "N", "parent": "land"},
                    {"id": "south", "name": "S", "parent": "land"},
                    {"id": "n1", "name": "N1", "parent": "north"},
                    {"id": "n2", "name": "N2", "parent": "north"},
                    {"id": "s1", "name": "S1", "parent": "south"}],
        "services": services, "referrals": referrals,
        "goal": if goal_exists { json!({"tags": ["g"]}) } else { json!({}) }
    });
    serde_json::to_string_pretty(&doc).expect("json")
}

fn cases() -> u32 {
    std::env::var("LINT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// A concrete family.
#[derive(Debug, Clone)]
struct Family {
    leaf: usize,
    adversities: [bool; 3],
    young: bool,
    parent_age: i32,
    severity: usize,
}

/// Leaves of the region tree, and which regions contain each.
const LEAVES: [usize; 3] = [3, 4, 5];
fn inside(leaf: usize, region: usize) -> bool {
    region == leaf
        || region == 0
        || (region == 1 && (leaf == 3 || leaf == 4))
        || (region == 2 && leaf == 5)
}

/// The first day a family exists, and a day past every age clause and wait.
const FIRST: i32 = -280;
const LAST: i32 = 400;

fn clause_holds(c: &Clause, f: &Family, on_referral: i32, when_seen: i32) -> bool {
    match c {
        Clause::Age {
            from,
            before,
            when_seen: ws,
            negate,
        } => {
            let d = if *ws { when_seen } else { on_referral };
            let inside = from.is_none_or(|x| d >= x) && before.is_none_or(|x| d < x);
            inside != *negate
        }
        Clause::Adversity { test, set } => {
            let have = |i: &usize| f.adversities[*i];
            match test {
                0 => set.iter().any(have),
                1 => set.iter().all(have),
                _ => !set.iter().any(have),
            }
        }
        Clause::Young(b) => f.young == *b,
        Clause::ParentAge { at_most, value } => {
            if *at_most {
                f.parent_age <= *value
            } else {
                f.parent_age >= *value
            }
        }
        Clause::Severity(vs) => vs.contains(&f.severity),
        Clause::Region(r) => inside(f.leaf, *r),
    }
}

fn rule_holds(s: &Svc, f: &Family, r: i32, wait: i32) -> bool {
    let mut parts = s.rule.iter().map(|c| clause_holds(c, f, r, r + wait));
    if s.any {
        parts.any(|x| x)
    } else {
        parts.all(|x| x)
    }
}

fn accepts(s: &Svc, f: &Family, r: i32, wait: i32) -> bool {
    r >= FIRST && inside(f.leaf, s.region) && rule_holds(s, f, r, wait)
}

fn families(edges: &[Edge], svcs: &[Svc]) -> Vec<Family> {
    let mut ages: BTreeSet<i32> = BTreeSet::from([16]);
    let clauses = svcs
        .iter()
        .flat_map(|s| s.rule.iter())
        .chain(edges.iter().filter_map(|e| e.3.as_ref()));
    for c in clauses {
        if let Clause::ParentAge { value, .. } = c {
            ages.extend([value - 1, *value, value + 1]);
        }
    }
    let mut out = Vec::new();
    for leaf in LEAVES {
        for mask in 0..4usize {
            for young in [false, true] {
                for &parent_age in &ages {
                    for severity in 0..3 {
                        out.push(Family {
                            leaf,
                            adversities: [mask & 1 != 0, mask & 2 != 0, false],
                            young,
                            parent_age,
                            severity,
                        });
                    }
                }
            }
        }
    }
    out
}

#[test]
fn a_cycle_that_ages_families_for_ever_reaches_its_fixpoint() {
    let text = include_str!("lint/ageing-cycle.json");
    let report = lint_with(text, &LintOptions::default());
    assert!(report.compiled);
    let semantic: BTreeSet<(&str, &str)> = report
        .findings
        .iter()
        .filter(|d| d.code.starts_with("L01") || d.code == "L0209")
        .map(|d| (d.code, d.location.pointer.as_str()))
        .collect();
    // Only the referral back to the entry is unusable (its condition
    // names a region the source does not serve); s0, s4 and s1 are
    // reached, round the cycle as often as a family likes.
    assert_eq!(semantic, BTreeSet::from([("L0106", "/referrals/3")]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn semantic_lints_match_brute_force((svcs, edges) in case()) {
        let text = build(&svcs, &edges);
        let report = lint_with(&text, &LintOptions::default());
        prop_assert!(report.compiled);
        let claims: BTreeSet<(&str, String)> = report
            .findings
            .iter()
            .map(|d| (d.code, d.location.pointer.clone()))
            .collect();
        prop_assert!(!claims.iter().any(|(c, _)| *c == "L0209"), "skipped: {:?}", claims);
        // The referrals as the file lists them (the generator drops
        // self-referrals and repeats).
        let mut seen = BTreeSet::new();
        let refs: Vec<&Edge> = edges.iter().filter(|(a, b, _, _)| a != b && seen.insert((*a, *b))).collect();
        let fams = families(&edges, &svcs);
        let goal_exists = svcs.iter().any(|s| s.goal);
        let waits_of = |s: &Svc| [s.wait, s.pessimistic];

        // Rules that never or always hold.
        for (i, s) in svcs.iter().enumerate() {
            let mut any_yes = false;
            let mut all_yes = true;
            for f in &fams {
                for w in waits_of(s) {
                    for r in FIRST..LAST {
                        if rule_holds(s, f, r, w) { any_yes = true } else { all_yes = false }
                    }
                }
            }
            let ptr = format!("/services/{i}/eligibility");
            prop_assert_eq!(claims.contains(&("L0104", ptr.clone())), !any_yes, "never {}", ptr);
            prop_assert_eq!(claims.contains(&("L0202", ptr.clone())), any_yes && all_yes, "always {}", ptr);
        }
        for (k, (_, _, _, when)) in refs.iter().enumerate() {
            let Some(c) = when else { continue };
            let (mut any_yes, mut all_yes) = (false, true);
            for f in &fams {
                for r in FIRST..LAST {
                    if clause_holds(c, f, r, r) { any_yes = true } else { all_yes = false }
                }
            }
            let ptr = format!("/referrals/{k}/when");
            prop_assert_eq!(claims.contains(&("L0104", ptr.clone())), !any_yes, "never {}", ptr);
            prop_assert_eq!(claims.contains(&("L0202", ptr.clone())), any_yes && all_yes, "always {}", ptr);
        }

        // Reach over walks, per family and wait kind: (service, arrival day).
        let n = svcs.len();
        let mut reached = vec![false; n];
        let mut used = vec![false; refs.len()];
        let mut source_reached_arrivals: Vec<Vec<(usize, bool, i32)>> = vec![Vec::new(); n];
        for (fi, f) in fams.iter().enumerate() {
            for pess in [false, true] {
                let wait = |s: &Svc| if pess { s.pessimistic } else { s.wait };
                let mut at = vec![vec![false; (LAST - FIRST) as usize]; n];
                let mut stack = Vec::new();
                for (i, s) in svcs.iter().enumerate() {
                    if s.entry {
                        for r in FIRST..LAST {
                            if accepts(s, f, r, wait(s)) {
                                at[i][(r - FIRST) as usize] = true;
                                stack.push((i, r));
                            }
                        }
                    }
                }
                while let Some((i, r)) = stack.pop() {
                    reached[i] = true;
                    source_reached_arrivals[i].push((fi, pess, r));
                    let seen_day = r + wait(&svcs[i]);
                    for (k, (a, b, d, when)) in refs.iter().enumerate() {
                        if *a != i { continue }
                        if when.as_ref().is_some_and(|c| !clause_holds(c, f, seen_day, seen_day)) { continue }
                        let arrive = seen_day + d;
                        if arrive >= LAST || !accepts(&svcs[*b], f, arrive, wait(&svcs[*b])) { continue }
                        used[k] = true;
                        let slot = &mut at[*b][(arrive - FIRST) as usize];
                        if !*slot {
                            *slot = true;
                            stack.push((*b, arrive));
                        }
                    }
                }
            }
        }
        for (i, s) in svcs.iter().enumerate() {
            let ptr = format!("/services/{i}");
            let goal = !goal_exists || s.goal;
            let code = if goal { "L0108" } else { "L0105" };
            prop_assert_eq!(claims.contains(&(code, ptr.clone())), !reached[i], "{} {}", code, ptr);
        }
        for (k, (a, b, d, when)) in refs.iter().enumerate() {
            let ptr = format!("/referrals/{k}");
            // The age cliff: from the source's acceptance.
            let mut arrivals = 0;
            let mut cliff = true;
            'f: for f in &fams {
                for pess in [false, true] {
                    let (sa, sb) = (&svcs[*a], &svcs[*b]);
                    let (wa, wb) = if pess { (sa.pessimistic, sb.pessimistic) } else { (sa.wait, sb.wait) };
                    let target_ever = (FIRST..LAST).any(|r| accepts(sb, f, r, wb));
                    for r in FIRST..LAST {
                        if !accepts(sa, f, r, wa) { continue }
                        let seen_day = r + wa;
                        if when.as_ref().is_some_and(|c| !clause_holds(c, f, seen_day, seen_day)) { continue }
                        let arrive = seen_day + d;
                        arrivals += 1;
                        if (arrive < LAST && accepts(sb, f, arrive, wb)) || !target_ever {
                            cliff = false;
                            break 'f;
                        }
                    }
                }
            }
            let cliff = cliff && arrivals > 0;
            prop_assert_eq!(claims.contains(&("L0107", ptr.clone())), cliff, "cliff {}", ptr);
            let unusable = !cliff && reached[*a] && !used[k];
            prop_assert_eq!(claims.contains(&("L0106", ptr.clone())), unusable, "unusable {}", ptr);
        }
    }
}
