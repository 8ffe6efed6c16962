//! A thread keeps a query's per-service memory for its next query (the
//! bounds, their day queues, the reduced rules, the memo of who could take
//! the family). One thread asking about several pathways in turn — of
//! different sizes, and one whose longest referral step is too long for the
//! day ring — gets, for every question, the answer a fresh thread gives.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failed unwrap or index is a failed test"
)]

use carepath::{Pathway, Profile, RouteQuery, WaitKind};

/// The small fixture with one wait of `days` days (a step past the ring's
/// 4,095 days makes the bounds' queue a heap).
fn small_with_wait(days: u32) -> Pathway {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/small.json")).unwrap();
    let services = doc["services"].as_array_mut().unwrap();
    let team = services
        .iter_mut()
        .find(|s| s.get("wait").is_some())
        .unwrap();
    team["wait"] = serde_json::json!({ "typical": format!("{days} days") });
    Pathway::from_json(&doc.to_string()).unwrap()
}

/// Every question, as JSON answers (or error codes), asked in one go.
fn answers(pathways: &[Pathway], questions: &[(usize, Profile, RouteQuery)]) -> Vec<String> {
    questions
        .iter()
        .map(
            |(i, family, query)| match pathways[*i].routes(family, query) {
                Ok(a) => serde_json::to_string(&a).unwrap(),
                Err(e) => format!("error {e:?}"),
            },
        )
        .collect()
}

/// Each question on a thread of its own: nothing kept from before.
fn each_alone(pathways: &[Pathway], questions: &[(usize, Profile, RouteQuery)]) -> Vec<String> {
    questions
        .iter()
        .map(|q| {
            std::thread::scope(|s| {
                s.spawn(|| answers(pathways, std::slice::from_ref(q)))
                    .join()
                    .unwrap()
                    .remove(0)
            })
        })
        .collect()
}

#[test]
fn answers_do_not_depend_on_what_the_thread_asked_before() {
    let pathways = vec![
        Pathway::from_json(include_str!("fixtures/small.json")).unwrap(),
        Pathway::from_json(include_str!("../pathways/scotland.json")).unwrap(),
        small_with_wait(5000),
        Pathway::from_json(include_str!("fixtures/stepped.json")).unwrap(),
        small_with_wait(30),
    ];
    let mut questions = Vec::new();
    let regions = [
        ["east", "east-city", "west"],
        ["fife", "glasgow-city", "highland"],
        ["east", "east-city", "west"],
        ["east", "east-city", "west"],
        ["east-city", "west", "east"],
    ];
    for round in 0..2 {
        for (i, places) in regions.iter().enumerate() {
            for (k, place) in places.iter().enumerate() {
                let age = [-60, 0, 120, 400, 700][(k + round + i) % 5];
                // Families that differ in what their rules see, one after
                // another on the same pathway.
                let family = Profile::new().age_days(age).region(place);
                let family = if (k + round) % 2 == 0 {
                    family.adversity("domestic_abuse")
                } else {
                    family
                };
                let query = RouteQuery::default().limit(1 + k).waits(if round == 0 {
                    WaitKind::Typical
                } else {
                    WaitKind::Pessimistic
                });
                questions.push((i, family, query));
            }
        }
    }
    // One thread, every question in turn (each pathway's after another's).
    let together = answers(&pathways, &questions);
    let alone = each_alone(&pathways, &questions);
    assert_eq!(together.len(), 30);
    for (i, (a, b)) in together.iter().zip(&alone).enumerate() {
        assert_eq!(a, b, "question {i}");
    }
    // Some answers found routes (the comparison is not of empty answers).
    let with_routes = together.iter().filter(|a| a.contains("\"steps\"")).count();
    assert!(with_routes >= 10, "{with_routes} answers with routes");
}

/// Families whose rules reduce differently (a team for perinatal mental
/// illness, judged on a fact too), one after another on one pathway: the
/// second is not judged by what the first's reduced rules said.
#[test]
fn one_family_s_rules_do_not_judge_the_next() {
    let pathway = Pathway::from_json(include_str!("fixtures/small.json")).unwrap();
    let ill = |place: &str| {
        Profile::new()
            .age_days(60)
            .region(place)
            .adversity("perinatal_mental_illness")
            .fact("severity", "severe")
    };
    let well = |place: &str| Profile::new().age_days(60).region(place);
    let questions: Vec<(usize, Profile, RouteQuery)> = [
        ill("west"),
        well("west"),
        ill("west"),
        well("east"),
        ill("east"),
        well("east"),
    ]
    .into_iter()
    .map(|family| (0, family, RouteQuery::default().limit(3)))
    .collect();
    let pathways = [pathway];
    let together = answers(&pathways, &questions);
    let alone = each_alone(&pathways, &questions);
    assert_eq!(together, alone);
    // The ill family has a route through the perinatal team, the well one
    // none: the answers differ where the reduced rules would.
    assert!(together[0].contains("perinatal-team"));
    assert_ne!(together[0], together[1]);
}
