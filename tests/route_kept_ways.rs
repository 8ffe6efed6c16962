//! What a pathway keeps for every family gives the same answers as what a
//! query makes for itself: the ways anywhere (to name the closed door on
//! the way to a goal a family has no way to) and each area's bound towards
//! its goal services (which ranks the search's partial routes). A query
//! about the pathway's own goal uses both; the same goal asked for by name
//! searches each goal alone, with a bound made for the family.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../benches/routes/synth.rs"]
#[allow(dead_code)]
mod synth;

use carepath::document::GoalDoc;
use carepath::route::ClosedBy;
use carepath::{Pathway, Profile, Ranking, Reason, RouteQuery, WaitKind};

/// Asks every family both ways, under both rankings and both kinds of
/// wait, and returns how many goals got a door closed by region (which
/// only a way outside the family's area can show).
fn same_both_ways(pathway: &Pathway, goal: &GoalDoc, families: &[Profile]) -> usize {
    let mut outside = 0;
    for family in families {
        for ranking in [Ranking::SoonestSeen, Ranking::FewestHandoffs] {
            for waits in [WaitKind::Typical, WaitKind::Pessimistic] {
                let kept = RouteQuery {
                    ranking,
                    waits,
                    ..RouteQuery::default()
                };
                let alone = kept.clone().goal(goal.clone());
                let a = pathway.routes(family, &kept).unwrap();
                let b = pathway.routes(family, &alone).unwrap();
                assert_eq!(a.routes, b.routes, "{family:?}");
                assert_eq!(a.not_reached, b.not_reached, "{family:?}");
                assert_eq!(a.also_reachable, b.also_reachable, "{family:?}");
                assert_eq!(a.complete, b.complete, "{family:?}");
                outside += a
                    .not_reached
                    .iter()
                    .filter(|n| {
                        matches!(&n.reason, Reason::Unreachable { door: Some(d), .. }
                            if d.closed_by == ClosedBy::Region)
                    })
                    .count();
            }
        }
    }
    outside
}

/// Every family of these regions, ages and adversities (one each).
fn families(regions: &[&str], ages: &[&str], adversities: &[&str]) -> Vec<Profile> {
    let mut all = Vec::new();
    for region in regions {
        for age in ages {
            for adversity in adversities {
                all.push(
                    Profile::new()
                        .age(age)
                        .unwrap()
                        .adversity(adversity)
                        .region(region),
                );
            }
        }
    }
    all
}

#[test]
fn kept_ways_anywhere_answer_as_searches_alone_on_a_national_pathway() {
    let doc = synth::national(4, 5, 6, 11);
    let goal = doc.goal.clone();
    let pathway = Pathway::from_document(doc).unwrap();
    let families = families(
        &[
            "board-00-area-00",
            "board-01-area-03",
            "board-03-area-04",
            "board-02",
        ],
        &[
            "28 weeks gestation",
            "0 days",
            "7 months",
            "2 years",
            "4 years",
        ],
        &["trauma"],
    );
    assert_eq!(families.len(), 20);
    let outside = same_both_ways(&pathway, &goal, &families);
    assert!(
        outside > 0,
        "no goal needed a way outside the family's area"
    );
}

#[test]
fn kept_ways_anywhere_answer_as_searches_alone_on_the_scotland_pathway() {
    let text = include_str!("../pathways/scotland.json");
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let goal: GoalDoc = serde_json::from_value(doc["goal"].clone()).unwrap();
    let pathway = Pathway::from_json(text).unwrap();
    let families = families(
        &[
            "highland",
            "fife",
            "glasgow-city",
            "orkney-islands",
            "south-lanarkshire",
        ],
        &[
            "20 weeks gestation",
            "11 days",
            "4 months",
            "23 months",
            "35 months",
        ],
        &["trauma", "domestic_abuse", "care_proceedings"],
    );
    assert_eq!(families.len(), 75);
    same_both_ways(&pathway, &goal, &families);
}
