//! The reasoning layer against the evaluation `routes` uses: for every
//! service, referral, leaf region and kind, the judged days are exactly
//! the days on which `eval` says yes (checked at every day around every
//! boundary, and on a grid).

use crate::model::rules::Timing;
use crate::pathway::{Pathway, ServiceId};
use crate::query::prepared::WaitKind;

use super::judge::Judge;
use super::space::{ProfileSpace, SpaceOptions};

/// Days to test for a rule: a grid, and each of its age bounds shifted by
/// each wait, ±1.
fn days(rule: Option<&crate::model::rules::Cond>, waits: &[i32]) -> Vec<i32> {
    let mut out: Vec<i32> = (-400..2200).step_by(61).collect();
    let mut bounds = Vec::new();
    if let Some(r) = rule {
        bounds_of(r, &mut bounds);
    }
    for b in bounds {
        for w in waits.iter().chain([&0]) {
            for d in [-1, 0, 1] {
                out.push(b - w + d);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn bounds_of(r: &crate::model::rules::Cond, out: &mut Vec<i32>) {
    use crate::model::rules::Cond;
    match r {
        Cond::All(ps) | Cond::Any(ps) => ps.iter().for_each(|p| bounds_of(p, out)),
        Cond::Not(p) => bounds_of(p, out),
        Cond::Age { from, before, .. } => out.extend(from.iter().chain(before.iter())),
        _ => {}
    }
}

fn check(text: &str, missing_facts: bool, join_adversities: bool, kind_step: usize) {
    let p = Pathway::from_json(text).unwrap();
    let options = SpaceOptions {
        missing_facts,
        join_adversities,
    };
    let space = ProfileSpace::new(&p, options).unwrap();
    let judge = Judge::new(&p, &space);
    for &region in &space.leaves {
        let families: Vec<_> = (0..space.kinds)
            .step_by(kind_step)
            .map(|kind| (kind, space.family(&p, region, kind, 0)))
            .collect();
        for (i, s) in p.services.iter().enumerate() {
            let id = ServiceId(i as u32);
            for waits in [WaitKind::Typical, WaitKind::Pessimistic] {
                let sheet = judge.accepts(id, region, waits);
                let days = days(s.rule.as_ref(), &[s.wait_typical, s.wait_pessimistic]);
                let wait = match waits {
                    WaitKind::Typical => s.wait_typical,
                    WaitKind::Pessimistic => s.wait_pessimistic,
                };
                for (kind, family) in &families {
                    let judged = sheet.days_of(*kind);
                    if *kind == 0 {
                        assert_eq!(judged, judge.service_days(id, region, 0, waits));
                    }
                    for &d in &days {
                        let t = Timing {
                            on_referral: d,
                            when_seen: d + wait,
                        };
                        assert_eq!(
                            judged.contains(i64::from(d)),
                            p.accepts(s, family, t),
                            "service {} kind {kind} day {d}",
                            s.id
                        );
                    }
                }
            }
        }
        for e in p.graph.edge_indices() {
            let sheet = judge.referral_open(e, region);
            let r = p.referral_of(e).unwrap();
            let days = days(r.when.as_deref(), &[]);
            for (kind, family) in &families {
                let judged = sheet.days_of(*kind);
                for &d in &days {
                    assert_eq!(judged.contains(i64::from(d)), p.referral_open(r, family, d));
                }
            }
        }
    }
    // The example family of a kind compiles back to the same family.
    let region = space.leaves[0];
    for kind in (0..space.kinds).step_by(kind_step) {
        let profile = space.profile(&p, region, kind, 5);
        let compiled = p.compile_profile(&profile).unwrap();
        assert_eq!(compiled, space.family(&p, region, kind, 5));
    }
}

#[test]
fn judged_days_are_the_days_eval_says_yes_small() {
    let text = include_str!("../../tests/fixtures/small.json");
    check(text, false, false, 1);
    check(text, true, false, 1);
    check(text, false, true, 1);
}

#[test]
fn judged_days_are_the_days_eval_says_yes_scotland() {
    let text = include_str!("../../pathways/scotland.json");
    check(text, false, false, 331);
    check(text, true, false, 2003);
    check(text, false, true, 37);
}

/// Sets of adversities no clause tells apart are joined: Scotland's seven
/// tested adversities make 128 sets but 10 classes (times 72 combinations
/// of fact classes). Each class stands for its smallest set, and every
/// set's family gets the verdict of its class from every rule.
#[test]
fn space_joins_adversity_sets_no_clause_tells_apart() {
    let p = Pathway::from_json(include_str!("../../pathways/scotland.json")).unwrap();
    let full = ProfileSpace::new(&p, SpaceOptions::default()).unwrap();
    let joined = ProfileSpace::new(
        &p,
        SpaceOptions {
            join_adversities: true,
            ..SpaceOptions::default()
        },
    )
    .unwrap();
    let a = full.adversities.len();
    assert_eq!((a, full.kinds, joined.kinds), (7, 9216, 720));
    let (jf, jj) = (Judge::new(&p, &full), Judge::new(&p, &joined));
    let region = full.leaves[0];
    let fact_code = 5;
    for mask in 0..1usize << a {
        let kind = full.kind_of(mask, &[]) + (fact_code << a);
        let class = joined.kind_of(mask, &[]) + fact_code * (joined.kinds / 72);
        assert!(joined.adversity_mask(class) <= mask);
        assert_eq!(full.fact_class(kind, 0), joined.fact_class(class, 0));
        for (i, s) in p.services.iter().enumerate() {
            let id = ServiceId(i as u32);
            let (x, y) = (
                jf.accepts(id, region, WaitKind::Typical),
                jj.accepts(id, region, WaitKind::Typical),
            );
            assert_eq!(x.days_of(kind), y.days_of(class), "{} {mask}", s.id);
        }
    }
}

#[test]
fn space_splits_facts_at_rule_boundaries() {
    let p = Pathway::from_json(include_str!("../../pathways/scotland.json")).unwrap();
    let space = ProfileSpace::new(&p, SpaceOptions::default()).unwrap();
    let age = p.vocabulary.fact("parent_age_years").unwrap();
    let axis = space.facts.iter().find(|a| a.fact == age).unwrap();
    let shown: Vec<String> = axis
        .classes
        .iter()
        .map(|c| super::space::describe_class(&p, age, c))
        .collect();
    assert_eq!(
        shown,
        ["at most 19", "more than 19 and at most 25", "more than 25"]
    );
    assert_eq!(space.leaves.len(), 32);
}

/// Values of a choice that every comparison answers alike are one class:
/// Scotland compares `level_of_need` only by `at_least specialist`, and
/// `parental_illness_severity` by `at_least moderate` and `equals severe`.
#[test]
fn space_joins_choice_values_no_rule_tells_apart() {
    let p = Pathway::from_json(include_str!("../../pathways/scotland.json")).unwrap();
    let space = with_missing_facts(&p);
    for (fact, want) in [
        (
            "level_of_need",
            vec!["universal or targeted", "specialist", "not given"],
        ),
        (
            "parental_illness_severity",
            vec!["mild", "moderate", "severe", "not given"],
        ),
    ] {
        let f = p.vocabulary.fact(fact).unwrap();
        let axis = space.facts.iter().find(|a| a.fact == f).unwrap();
        let shown: Vec<String> = axis
            .classes
            .iter()
            .map(|c| super::space::describe_class(&p, f, c))
            .collect();
        assert_eq!(shown, want, "{fact}");
    }
}

/// A kind is its adversity set and one class per fact: `kind_of` of the
/// parts `adversity_mask` and `fact_class` read from a kind gives the kind
/// back, for every kind of the small fixture (several facts, with missing
/// values: classes of different counts per axis).
#[test]
fn a_kind_is_made_of_its_adversities_and_fact_classes() {
    let p = Pathway::from_json(include_str!("../../tests/fixtures/small.json")).unwrap();
    let space = with_missing_facts(&p);
    assert!(space.facts.len() >= 2 && space.kinds > 1 << space.adversities.len());
    for kind in 0..space.kinds {
        let classes: Vec<usize> = (0..space.facts.len())
            .map(|axis| space.fact_class(kind, axis))
            .collect();
        assert_eq!(space.kind_of(space.adversity_mask(kind), &classes), kind);
    }
}

/// The profile space of `p`, families who do not give a fact included.
fn with_missing_facts(p: &Pathway) -> ProfileSpace {
    ProfileSpace::new(
        p,
        SpaceOptions {
            missing_facts: true,
            ..SpaceOptions::default()
        },
    )
    .unwrap()
}

/// A split point is written as the rule wrote it, inclusive or not, a
/// whole number or not, zero too: `at most 19.5` / `more than 19.5` for a
/// rule's `at_most 19.5`, `less than 19.5` / `at least 19.5` for
/// `at_least`.
#[test]
fn a_fractional_split_point_is_written_as_the_rule_wrote_it() {
    let small = include_str!("../../tests/fixtures/small.json");
    let rule = "\"at_most\": 19";
    assert!(small.contains(rule));
    for (op, point, want) in [
        ("at_most", "19.5", ["at most 19.5", "more than 19.5"]),
        ("at_least", "19.5", ["less than 19.5", "at least 19.5"]),
        ("at_most", "0", ["at most 0", "more than 0"]),
        ("at_least", "0", ["less than 0", "at least 0"]),
    ] {
        let text = small.replacen(rule, &format!("\"{op}\": {point}"), 1);
        let p = Pathway::from_json(&text).unwrap();
        let space = ProfileSpace::new(&p, SpaceOptions::default()).unwrap();
        let age = p.vocabulary.fact("parent_age_years").unwrap();
        let axis = space.facts.iter().find(|a| a.fact == age).unwrap();
        let shown: Vec<String> = axis
            .classes
            .iter()
            .map(|c| super::space::describe_class(&p, age, c))
            .collect();
        assert_eq!(shown, want, "{op} {point}");
    }
}
