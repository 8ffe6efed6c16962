//! The Scotland pathway's stepped-care rules (`referred_from`, issue 16)
//! change no route a family starting at its own contacts can take: the
//! clauses state who refers where the sources say so (infant mental health
//! and perinatal teams take referrals, not families; the mother and baby
//! units through a perinatal psychiatrist, or the GP within Greater Glasgow
//! and Clyde; Home-Start from the family, the health visitor, the GP or
//! social work), and every referral of the file already comes from such a
//! service. The file "before" is the shipped one with every `referred_from`
//! clause made true; the answers are compared for a grid of families.
//!
//! What was meant to change: a route asked to start at (`from`) a service
//! that takes no self-referral, where the family comes by itself.
#![cfg(test)]

use carepath::document::GoalDoc;
use carepath::{Pathway, Profile, RouteAnswer, RouteQuery};
use serde_json::Value;

const SHIPPED: &str = include_str!("../pathways/scotland.json");

/// Every `referred_from` clause replaced by a rule that always holds
/// (`{"all": []}`), anywhere in a rule or condition.
fn without_clauses(v: &mut Value) {
    match v {
        Value::Object(map) if map.contains_key("referred_from") => {
            *v = serde_json::json!({"all": []});
        }
        Value::Object(map) => map.values_mut().for_each(without_clauses),
        Value::Array(items) => items.iter_mut().for_each(without_clauses),
        _ => {}
    }
}

fn pathways() -> (Pathway, Pathway) {
    let after = Pathway::from_json(SHIPPED).expect("the shipped pathway loads");
    let mut doc: Value = serde_json::from_str(SHIPPED).expect("json");
    without_clauses(&mut doc);
    let before = Pathway::from_json(&doc.to_string()).expect("loads without the clauses");
    (before, after)
}

/// Services whose rule asks who refers, and whose clause refuses the family
/// coming by itself.
fn refusing_self(after: &Pathway, family: &Profile) -> Vec<String> {
    let doc: Value = serde_json::from_str(SHIPPED).expect("json");
    doc["services"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["eligibility"].to_string().contains("referred_from"))
        .filter_map(|s| s["id"].as_str())
        .filter(|id| {
            after
                .eligibility_from(id, family, None)
                .is_ok_and(|v| v.rule.outcome == carepath::Truth::No)
        })
        .map(str::to_owned)
        .collect()
}

/// What a family would act on: each route's services with the ages the
/// referral arrives and the family is seen, the other goal services with
/// the kind of reason they are not reached, the alternatives.
type Shape = (
    Vec<Vec<(String, i32, i32)>>,
    Vec<(String, &'static str)>,
    Vec<Vec<(String, i32, i32)>>,
    Vec<(String, Vec<(String, i32, i32)>)>,
    Option<&'static str>,
);

fn shape(a: &RouteAnswer) -> Shape {
    let steps = |r: &carepath::route::Route| {
        r.steps
            .iter()
            .map(|s| (s.service.to_string(), s.arrival_age_days, s.seen_age_days))
            .collect::<Vec<_>>()
    };
    (
        a.routes.iter().map(steps).collect(),
        a.not_reached
            .iter()
            .map(|n| (n.service.to_string(), n.reason.kind()))
            .collect(),
        a.also_reachable.iter().map(steps).collect(),
        a.alternatives
            .iter()
            .map(|x| (x.label.clone(), steps(&x.route)))
            .collect(),
        a.from_refused.as_ref().map(carepath::Reason::kind),
    )
}

fn family(area: &str, age: i32, kind: usize) -> Profile {
    let p = Profile::new().age_days(age).region(area);
    match kind {
        0 => p
            .adversity("perinatal_mental_illness")
            .fact("parental_illness_severity", "severe")
            .fact("level_of_need", "specialist"),
        1 => p
            .adversity("domestic_abuse")
            .fact("level_of_need", "specialist"),
        _ => p
            .adversity("care_proceedings")
            .fact("first_time_parent", true)
            .fact("parent_age_years", 18)
            .fact("level_of_need", "targeted"),
    }
}

fn council_areas(p: &Pathway) -> Vec<String> {
    p.regions(None)
        .expect("regions")
        .into_iter()
        .filter(|r| r.depth == 2)
        .map(|r| r.id)
        .collect()
}

/// Every council area × 5 start ages (pregnancy to 2 years) × 3 kinds of
/// family, to the pathway's goal and (for the family with severe illness)
/// to the mother and baby units: the same answers before and after.
#[test]
fn routes_from_the_family_s_own_contacts_are_unchanged() {
    let (before, after) = pathways();
    let areas = council_areas(&after);
    assert_eq!(areas.len(), 32);
    let units = RouteQuery::default().goal(GoalDoc {
        tier: None,
        tags: vec!["mother-and-baby-unit".into()],
        services: vec![],
    });
    let mut compared = 0;
    for area in &areas {
        for age in [-150, 20, 150, 400, 800] {
            for kind in 0..3 {
                let f = family(area, age, kind);
                let mut queries = vec![RouteQuery::default()];
                if kind == 0 && age < 365 {
                    queries.push(units.clone());
                }
                for q in &queries {
                    let (b, a) = (
                        before.routes(&f, q).expect("answer"),
                        after.routes(&f, q).expect("answer"),
                    );
                    assert!(a.complete && b.complete, "{area} {age} {kind}");
                    assert_eq!(shape(&b), shape(&a), "{area}, {age} days, family {kind}");
                    compared += 1;
                }
            }
        }
    }
    // 32 × 5 × 3 to the goal, and 32 × 3 to the units.
    assert_eq!(compared, 32 * 5 * 3 + 32 * 3);
}

/// A route asked to start at each service of three council areas: the same
/// answer before and after, except at the services that take no
/// self-referral, where the family (coming by itself) is refused.
#[test]
fn routes_from_each_service_change_only_where_self_referral_is_refused() {
    let (before, after) = pathways();
    let mut refused = 0;
    let mut same = 0;
    for (area, board) in [
        ("glasgow-city", "nhs-greater-glasgow-and-clyde"),
        ("fife", "nhs-fife"),
        ("na-h-eileanan-siar", "nhs-western-isles"),
    ] {
        let f = family(area, 60, 0);
        let no_self = refusing_self(&after, &f);
        for s in after.services() {
            if !s.regions.iter().any(|r| r == area || r == board) {
                continue;
            }
            let q = RouteQuery::default().from(&s.id).explain(false);
            let (b, a) = (
                before.routes(&f, &q).expect("answer"),
                after.routes(&f, &q).expect("answer"),
            );
            if no_self.contains(&s.id) {
                assert!(a.routes.is_empty(), "{}: {:?}", s.id, shape(&a));
                assert!(a.from_refused.is_some(), "{}", s.id);
                refused += 1;
            } else {
                assert_eq!(shape(&b), shape(&a), "from {}", s.id);
                same += 1;
            }
        }
    }
    // In each area: the board's perinatal team (the islands' regional
    // service), the mother and baby unit of its catchment, and its infant
    // mental health team where there is one (none in the Western Isles).
    assert_eq!(refused, 3 + 3 + 2, "{same} unchanged");
    assert!(same > 40, "{same}");
}
