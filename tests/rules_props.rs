//! Property tests of rule evaluation against a reference three-valued
//! (Kleene) evaluator: `not` inverts, `all`/`any` agree with the logic, and
//! explanations name exactly the deciding clauses.
#![cfg(test)]

use carepath::{Clause, Pathway, Profile, Truth};
use proptest::prelude::*;
use serde_json::{Value, json};

const FACTS: usize = 4;

/// A rule over boolean facts `f0`..`f3`, each leaf "fact fi equals true".
#[derive(Debug, Clone)]
enum R {
    Leaf(usize),
    All(Vec<R>),
    Any(Vec<R>),
    Not(Box<R>),
}

fn rule() -> impl Strategy<Value = R> {
    let leaf = (0..FACTS).prop_map(R::Leaf);
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(R::All),
            prop::collection::vec(inner.clone(), 0..4).prop_map(R::Any),
            inner.prop_map(|r| R::Not(Box::new(r))),
        ]
    })
}

fn to_json(r: &R) -> Value {
    match r {
        R::Leaf(i) => json!({"fact": {"id": format!("f{i}"), "equals": true}}),
        R::All(rs) => json!({"all": rs.iter().map(to_json).collect::<Vec<_>>()}),
        R::Any(rs) => json!({"any": rs.iter().map(to_json).collect::<Vec<_>>()}),
        R::Not(r) => json!({"not": to_json(r)}),
    }
}

/// The reference: Kleene logic, written independently of the library.
fn reference(r: &R, facts: &[Option<bool>]) -> Truth {
    match r {
        R::Leaf(i) => match facts[*i] {
            Some(true) => Truth::Yes,
            Some(false) => Truth::No,
            None => Truth::Unknown,
        },
        R::All(rs) => {
            let vs: Vec<Truth> = rs.iter().map(|r| reference(r, facts)).collect();
            if vs.contains(&Truth::No) {
                Truth::No
            } else if vs.contains(&Truth::Unknown) {
                Truth::Unknown
            } else {
                Truth::Yes
            }
        }
        R::Any(rs) => {
            let vs: Vec<Truth> = rs.iter().map(|r| reference(r, facts)).collect();
            if vs.contains(&Truth::Yes) {
                Truth::Yes
            } else if vs.contains(&Truth::Unknown) {
                Truth::Unknown
            } else {
                Truth::No
            }
        }
        R::Not(r) => match reference(r, facts) {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        },
    }
}

fn pathway(rule: &Value) -> Pathway {
    let facts: Vec<Value> = (0..FACTS)
        .map(|i| json!({"id": format!("f{i}"), "label": format!("fact {i}"), "type": "boolean"}))
        .collect();
    let doc = json!({
        "metadata": {"name": "props", "version": "1"},
        "vocabulary": {"facts": facts},
        "regions": [{"id": "r", "name": "R"}],
        "services": [{"id": "s", "name": "S", "tier": "specialist", "regions": ["r"], "eligibility": rule}],
        "goal": {}
    });
    Pathway::from_json(&doc.to_string()).expect("generated pathway loads")
}

fn profile(facts: &[Option<bool>]) -> Profile {
    let mut p = Profile::new().age_days(100).region("r");
    for (i, f) in facts.iter().enumerate() {
        if let Some(b) = f {
            p = p.fact(&format!("f{i}"), *b);
        }
    }
    p
}

fn facts() -> impl Strategy<Value = Vec<Option<bool>>> {
    prop::collection::vec(prop::option::of(any::<bool>()), FACTS)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn evaluation_matches_kleene_reference(r in rule(), facts in facts()) {
        let v = pathway(&to_json(&r)).eligibility("s", &profile(&facts)).expect("query");
        prop_assert_eq!(v.rule.outcome, reference(&r, &facts));
        prop_assert_eq!(v.outcome, reference(&r, &facts));
    }

    #[test]
    fn not_inverts(r in rule(), facts in facts()) {
        let p = profile(&facts);
        let plain = pathway(&to_json(&r)).eligibility("s", &p).expect("query").outcome;
        let negated = pathway(&json!({"not": to_json(&r)})).eligibility("s", &p).expect("query").outcome;
        let expected = match plain { Truth::Yes => Truth::No, Truth::No => Truth::Yes, Truth::Unknown => Truth::Unknown };
        prop_assert_eq!(negated, expected);
    }

    #[test]
    fn explanations_name_exactly_the_deciding_leaves(
        leaves in prop::collection::btree_set(0..FACTS, 1..=FACTS),
        is_all in any::<bool>(),
        facts in facts(),
    ) {
        let leaves: Vec<usize> = leaves.into_iter().collect();
        let r = if is_all {
            R::All(leaves.iter().copied().map(R::Leaf).collect())
        } else {
            R::Any(leaves.iter().copied().map(R::Leaf).collect())
        };
        let outcome = reference(&r, &facts);
        let v = pathway(&to_json(&r)).eligibility("s", &profile(&facts)).expect("query");
        let named: Vec<String> = v.rule.decisive().iter().map(|e| match &e.clause {
            Clause::Fact { id, .. } => id.clone(),
            other => format!("{other:?}"),
        }).collect();
        let expected: Vec<String> = leaves.iter()
            .filter(|&&i| reference(&R::Leaf(i), &facts) == outcome)
            .map(|i| format!("f{i}"))
            .collect();
        prop_assert_eq!(named, expected);
    }
}

#[test]
fn empty_all_holds_and_empty_any_fails() {
    let p = profile(&[None; FACTS]);
    let all = pathway(&json!({"all": []}))
        .eligibility("s", &p)
        .expect("query");
    let any = pathway(&json!({"any": []}))
        .eligibility("s", &p)
        .expect("query");
    assert_eq!(all.outcome, Truth::Yes);
    assert_eq!(any.outcome, Truth::No);
}
