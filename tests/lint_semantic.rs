//! The semantic lints against brute force: on random small pathways (the
//! public `testing::strategies::pathways`: several regions, adversities
//! and facts; age clauses judged on referral or when seen, negated;
//! `referred_from` (lists with and without `self`, bounds) on services of
//! every tier and on referral conditions; referral conditions; cycles), every claim about every family is checked
//! by enumerating the finite profile space — each leaf region, adversity
//! set and fact value the rules can tell apart, each day from pregnancy
//! until every age clause is settled, typical and pessimistic waits — with
//! an evaluator of the test's own:
//!
//! - `rule-never-holds` / `rule-always-holds` on a rule ⇔ no family / every
//!   family meets it on every day (a service's rule that asks who refers:
//!   whoever refers, the family itself or a service of any tier; a
//!   referral's condition: referred by the service making it);
//! - `unreachable-service` / `unreachable-goal` ⇔ no family reaches the
//!   service along referrals (a walk from an entry, each service accepting
//!   on arrival — the entry as the family comes by itself, every later
//!   service as referred by the tier of the one before — each referral
//!   open on the day seen; every route is one); `referrer-excluded` on a
//!   service implies no family reaches it;
//! - `age-cliff` ⇔ families reach the referral from the source's
//!   acceptance (from any of its ways in: itself at an entry, the tier of
//!   each service referring to it; anyone when no one can), none is
//!   accepted by the target (referred by the source's tier) on arrival,
//!   and the target accepts each of them on some other day;
//! - `unusable-referral` ⇔ no age cliff, the source is reached, and no
//!   family reaching it is accepted by the target through the referral.
//!
//! The generator is shared with `coverage_differential.rs`; the evaluator
//! is this file's own.
//!
//! Cases: `LINT_CASES` (default 64; set it to 10000 locally).
//!
//! One case found by a CI run is kept as a file: a cycle of referrals with
//! no upper age, each turn carrying families 45 days older, which once
//! added a piece to the reach per turn until the budget (hours in a debug
//! build); it now ends at the horizon where every day is alike.
#![cfg(test)]

use std::collections::BTreeSet;

use carepath::lint::{LintOptions, lint_with};
use carepath::testing::strategies::{
    AdversityTest, GeneratedClause as Clause, GeneratedReferral, GeneratedService as Svc, pathways,
};
use proptest::prelude::*;

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
    /// In half-years: a number fact may lie between two whole values a
    /// rule compares with (18.5 is neither `at_least 19` nor `at_most 18`).
    parent_age_halves: i32,
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

/// Who refers, by index into `REFERRERS`: 0 the family itself, 1 + t a
/// service of tier t.
type By = usize;

/// The referrer a referral from service `s` comes from.
fn by_service(s: &Svc) -> By {
    1 + s.tier
}

fn clause_holds(c: &Clause, f: &Family, on_referral: i32, when_seen: i32, by: By) -> bool {
    match c {
        Clause::ReferredFrom {
            tiers,
            at_least,
            at_most,
        } => {
            // `self` (0) is no tier: a bound excludes it.
            let tier = by.checked_sub(1);
            tiers.as_ref().is_none_or(|l| l.contains(&by))
                && at_least.is_none_or(|t| tier.is_some_and(|x| x >= t))
                && at_most.is_none_or(|t| tier.is_some_and(|x| x <= t))
        }
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
        Clause::Adversities { test, set } => {
            let have = |i: &usize| f.adversities[*i];
            match test {
                AdversityTest::AnyOf => set.iter().any(have),
                AdversityTest::AllOf => set.iter().all(have),
                AdversityTest::NoneOf => !set.iter().any(have),
            }
        }
        Clause::Young(b) => f.young == *b,
        Clause::ParentAge { at_most, value } => {
            if *at_most {
                f.parent_age_halves <= 2 * value
            } else {
                f.parent_age_halves >= 2 * value
            }
        }
        Clause::Severity(vs) => vs.contains(&f.severity),
        Clause::SeverityOrder { at_most, value } => {
            if *at_most {
                f.severity <= *value
            } else {
                f.severity >= *value
            }
        }
        Clause::Region(r) => inside(f.leaf, *r),
        other => panic!("a clause the brute force does not know: {other:?}"),
    }
}

fn rule_holds(s: &Svc, f: &Family, r: i32, wait: i32, by: By) -> bool {
    let mut parts = s.rule.iter().map(|c| clause_holds(c, f, r, r + wait, by));
    if s.any {
        parts.any(|x| x)
    } else {
        parts.all(|x| x)
    }
}

fn accepts(s: &Svc, f: &Family, r: i32, wait: i32, by: By) -> bool {
    r >= FIRST && inside(f.leaf, s.region) && rule_holds(s, f, r, wait, by)
}

fn asks_who_refers(c: &Clause) -> bool {
    matches!(c, Clause::ReferredFrom { .. })
}

/// Who can bring a family to service `i`: itself at an entry, the tier of
/// every service referring to it; everyone when no one can.
fn ways_in(i: usize, svcs: &[Svc], refs: &[GeneratedReferral]) -> Vec<By> {
    let mut ways: BTreeSet<By> = refs
        .iter()
        .filter(|r| r.to == i)
        .map(|r| by_service(&svcs[r.from]))
        .collect();
    if svcs[i].entry {
        ways.insert(0);
    }
    if ways.is_empty() {
        ways.extend(0..4);
    }
    ways.into_iter().collect()
}

fn families(refs: &[GeneratedReferral], svcs: &[Svc]) -> Vec<Family> {
    let mut ages: BTreeSet<i32> = BTreeSet::from([32]);
    let clauses = svcs
        .iter()
        .flat_map(|s| s.rule.iter())
        .chain(refs.iter().filter_map(|r| r.when.as_ref()));
    for c in clauses {
        if let Clause::ParentAge { value, .. } = c {
            ages.extend([
                2 * value - 2,
                2 * value - 1,
                2 * value,
                2 * value + 1,
                2 * value + 2,
            ]);
        }
    }
    let mut out = Vec::new();
    for leaf in LEAVES {
        for mask in 0..4usize {
            for young in [false, true] {
                for &parent_age_halves in &ages {
                    for severity in 0..3 {
                        out.push(Family {
                            leaf,
                            adversities: [mask & 1 != 0, mask & 2 != 0, false],
                            young,
                            parent_age_halves,
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

#[test]
fn a_spent_budget_is_said_and_no_claim_is_made() {
    let text = include_str!("lint/ageing-cycle.json");
    let claims = |budget: u64| -> BTreeSet<&'static str> {
        lint_with(text, &LintOptions::default().semantic_budget(budget))
            .findings
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("L01") || *c == "L0202" || *c == "L0209")
            .collect()
    };
    // Too little to judge the rules; enough for the rules but not the walks.
    assert_eq!(claims(10), BTreeSet::from(["L0209"]));
    assert_eq!(claims(200), BTreeSet::from(["L0209"]));
    assert_eq!(
        claims(carepath::lint::SEMANTIC_BUDGET),
        BTreeSet::from(["L0106"])
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn semantic_lints_match_brute_force(generated in pathways(2..8)) {
        let text = generated.to_json();
        let svcs = &generated.services;
        let report = lint_with(&text, &LintOptions::default());
        prop_assert!(report.compiled);
        let claims: BTreeSet<(&str, String)> = report
            .findings
            .iter()
            .map(|d| (d.code, d.location.pointer.clone()))
            .collect();
        prop_assert!(!claims.iter().any(|(c, _)| *c == "L0209"), "skipped: {:?}", claims);
        // The referrals as the file lists them.
        let refs: Vec<(usize, usize, i32, Option<Clause>)> = generated
            .referrals
            .iter()
            .map(|r| (r.from, r.to, r.delay, r.when.clone()))
            .collect();
        let fams = families(&generated.referrals, svcs);
        let goal_exists = svcs.iter().any(|s| s.goal);
        let waits_of = |s: &Svc| [s.wait, s.pessimistic];

        // Rules that never or always hold.
        // A service's rule that asks who refers: judged for every referrer.
        for (i, s) in svcs.iter().enumerate() {
            let mut any_yes = false;
            let mut all_yes = true;
            let referrers: Vec<By> = if s.rule.iter().any(asks_who_refers) { (0..4).collect() } else { vec![0] };
            for f in &fams {
                for w in waits_of(s) {
                    for &by in &referrers {
                        for r in FIRST..LAST {
                            if rule_holds(s, f, r, w, by) { any_yes = true } else { all_yes = false }
                        }
                    }
                }
            }
            let ptr = format!("/services/{i}/eligibility");
            prop_assert_eq!(claims.contains(&("L0104", ptr.clone())), !any_yes, "never {}", ptr);
            prop_assert_eq!(claims.contains(&("L0202", ptr.clone())), any_yes && all_yes, "always {}", ptr);
        }
        // A referral's condition: the service making it refers.
        for (k, (a, _, _, when)) in refs.iter().enumerate() {
            let Some(c) = when else { continue };
            let by = by_service(&svcs[*a]);
            let (mut any_yes, mut all_yes) = (false, true);
            for f in &fams {
                for r in FIRST..LAST {
                    if clause_holds(c, f, r, r, by) { any_yes = true } else { all_yes = false }
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
                            if accepts(s, f, r, wait(s), 0) {
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
                    let by = by_service(&svcs[i]);
                    for (k, (a, b, d, when)) in refs.iter().enumerate() {
                        if *a != i { continue }
                        if when.as_ref().is_some_and(|c| !clause_holds(c, f, seen_day, seen_day, by)) { continue }
                        let arrive = seen_day + d;
                        if arrive >= LAST || !accepts(&svcs[*b], f, arrive, wait(&svcs[*b]), by) { continue }
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
            // A service whose `referred_from` excludes every way in is reached by no one.
            let excluded = claims.contains(&("L0111", format!("{ptr}/eligibility")));
            prop_assert!(!excluded || !reached[i], "L0111 on a reached service {}", ptr);
        }
        for (k, (a, b, d, when)) in refs.iter().enumerate() {
            let ptr = format!("/referrals/{k}");
            // The age cliff: from the source's acceptance.
            let mut arrivals = 0;
            let mut cliff = true;
            // The source accepts from anyone who can bring a family to it;
            // the target is judged with the source as referrer.
            let ways = ways_in(*a, svcs, &generated.referrals);
            let by = by_service(&svcs[*a]);
            'f: for f in &fams {
                for pess in [false, true] {
                    let (sa, sb) = (&svcs[*a], &svcs[*b]);
                    let (wa, wb) = if pess { (sa.pessimistic, sb.pessimistic) } else { (sa.wait, sb.wait) };
                    let target_ever = (FIRST..LAST).any(|r| accepts(sb, f, r, wb, by));
                    for r in FIRST..LAST {
                        if !ways.iter().any(|&w| accepts(sa, f, r, wa, w)) { continue }
                        let seen_day = r + wa;
                        if when.as_ref().is_some_and(|c| !clause_holds(c, f, seen_day, seen_day, by)) { continue }
                        let arrive = seen_day + d;
                        arrivals += 1;
                        if (arrive < LAST && accepts(sb, f, arrive, wb, by)) || !target_ever {
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

#[test]
fn an_age_cliff_example_gives_the_age_received_and_the_age_on_arrival() {
    // The fixture's cliff: `baby-group` (from birth, a 2-week wait) refers
    // to `imh` (from 2 years), no delay. The first family it receives, at
    // birth, is seen and arrives at 2 weeks: received = arrival − wait −
    // delay.
    let (bad, _) = carepath::lint::examples("age-cliff").expect("fixtures");
    let report = lint_with(bad, &LintOptions::default());
    let cliffs: Vec<&carepath::Diagnostic> = report
        .findings
        .iter()
        .filter(|d| d.code == "L0107")
        .collect();
    assert_eq!(cliffs.len(), 1);
    let example = cliffs[0].example.clone().unwrap_or_default();
    let (received, arrival) = (0, 14);
    let describe = carepath::age::describe;
    assert!(
        example.contains(&format!("`baby-group` at {} (", describe(received))),
        "{example}"
    );
    assert!(
        example.ends_with(&format!("`imh` at {}", describe(arrival))),
        "{example}"
    );
}

#[test]
fn judging_a_large_rule_is_charged_to_the_budget() {
    // The same two-service pathway with the goal's rule an `any` of one
    // or of a hundred age clauses: a budget that checks the first to the
    // end stops before the second (judging each clause costs at least one
    // operation, 64 word-steps), and says so; the default budget does both.
    let (_, good) = carepath::lint::examples("rule-never-holds").expect("fixtures");
    let with_clauses = |n: usize| {
        let mut doc: serde_json::Value = serde_json::from_str(good).expect("json");
        let parts: Vec<serde_json::Value> = (1..=n)
            .map(|i| serde_json::json!({ "age": { "before": format!("{i} days") } }))
            .collect();
        doc["services"][1]["eligibility"] = serde_json::json!({ "any": parts });
        doc.to_string()
    };
    let skipped = |text: &str, budget: u64| {
        lint_with(text, &LintOptions::default().semantic_budget(budget))
            .findings
            .iter()
            .any(|d| d.code == "L0209")
    };
    let (one, hundred) = (with_clauses(1), with_clauses(100));
    for (text, budget, want) in [
        (&one, 1_000, false),
        (&hundred, 1_000, true),
        (&one, carepath::lint::SEMANTIC_BUDGET, false),
        (&hundred, carepath::lint::SEMANTIC_BUDGET, false),
    ] {
        assert_eq!(skipped(text, budget), want, "budget {budget}");
    }
}
