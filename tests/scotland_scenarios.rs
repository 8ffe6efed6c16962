//! Scenario tests on the shipped Scotland pathway.
//!
//! Each scenario in `tests/scenarios/scotland.json` (the scenario file
//! format of `carepath test`, see `carepath::testing::scenario`) is a
//! family, a route question, and what must hold of the answer. Each one
//! names the fact it checks and that fact's source (the pathway's source
//! ids, listed in `pathways/scotland.json` and `pathways/README.md`).
//!
//! The file runs through the same runner as `carepath test`; the test fails
//! once, with the report of every scenario.
#![cfg(test)]

use carepath::testing::scenario::{ScenarioFile, run};
use carepath::{Pathway, Profile, RouteQuery};

fn pathway() -> Pathway {
    let text = include_str!("../pathways/scotland.json");
    match Pathway::from_json(text) {
        Ok(p) => p,
        Err(e) => panic!("the shipped pathway does not load: {e}"),
    }
}

#[test]
fn scotland_scenarios_hold() {
    let file = match ScenarioFile::from_json(include_str!("scenarios/scotland.json")) {
        Ok(f) => f,
        Err(e) => panic!("tests/scenarios/scotland.json: {e}"),
    };
    assert_eq!(
        file.pathway.as_deref(),
        Some("../../pathways/scotland.json")
    );
    assert!(
        file.scenarios.len() >= 25,
        "only {} scenarios",
        file.scenarios.len()
    );
    for s in &file.scenarios {
        assert!(
            !s.source.is_empty(),
            "scenario `{}` names no source",
            s.name
        );
    }
    let report = run(&pathway(), &file);
    assert_eq!(report.passed, file.scenarios.len(), "{}", report.to_text());
}

/// Every service and referral of the shipped pathway names its sources, and
/// every source it names is listed in the metadata.
#[test]
fn every_service_has_a_source() {
    let p = pathway();
    let listed: Vec<String> = p.metadata().sources.iter().map(|s| s.id.clone()).collect();
    for s in p.services() {
        assert!(!s.sources.is_empty(), "`{}` names no source", s.id);
        for src in &s.sources {
            assert!(
                listed.contains(src),
                "`{}` names unknown source `{src}`",
                s.id
            );
        }
    }
}

/// Waits without a published figure are marked as assumed: the published
/// ones are CAMHS (12 and 18 weeks) and Highland's 6-week aim.
#[test]
fn unpublished_waits_are_marked_assumed() {
    let p = pathway();
    for s in p.services() {
        let published =
            s.tags.iter().any(|t| t == "camhs") || s.id == "highland-infant-mental-health-team";
        let has_wait = s.wait_typical_days != 0 || s.wait_pessimistic_days != 0;
        if has_wait && !published {
            assert!(
                s.wait_assumed,
                "`{}` has an unpublished wait not marked assumed",
                s.id
            );
        }
    }
}

#[test]
fn text_for_referrers_groups_teams_elsewhere_and_names_other_options() {
    let p = pathway();
    let family = match Profile::new().age("4 months") {
        Ok(f) => f
            .region("glasgow-city")
            .adversity("care_proceedings")
            .fact("level_of_need", "specialist"),
        Err(e) => panic!("{e}"),
    };
    let answer = match p.routes(&family, &RouteQuery::default().limit(1)) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let text = carepath::text::routes(&answer);
    // One line for the nine board teams elsewhere, not nine.
    assert!(
        text.contains("  - 9 services outside the family's area: `ayrshire-and-arran-"),
        "{text}"
    );
    assert!(!text.contains("outside `nhs-fife`"), "{text}");
    // The board's own team, not on the one route asked for, is still named.
    assert!(
        text.contains(
            "Also reachable (the best route to each other service):\n  - Infant mental health team (Greater Glasgow and Clyde)"
        ),
        "{text}"
    );
    // JSON keeps every service with its own reason.
    assert_eq!(answer.not_reached.len(), 9);
}

#[test]
fn steps_say_whether_their_wait_is_assumed() {
    let p = pathway();
    let family = match Profile::new().age("7 months") {
        Ok(f) => f
            .region("north-lanarkshire")
            .adversity("domestic_abuse")
            .fact("level_of_need", "specialist"),
        Err(e) => panic!("{e}"),
    };
    let wait_of = |goal: &str| {
        let q = RouteQuery::default()
            .limit(1)
            .goal(carepath::document::GoalDoc {
                tier: None,
                tags: vec![],
                services: vec![goal.to_owned()],
            });
        let answer = match p.routes(&family, &q) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        };
        let last = answer.routes.first().and_then(|r| r.steps.last()).cloned();
        match last {
            Some(s) => (s.wait_days, s.wait_assumed),
            None => panic!("no route to {goal}"),
        }
    };
    // The IMH team's 6-week wait is an assumption; CAMHS's 12 weeks is published.
    assert_eq!(wait_of("lanarkshire-infant-mental-health-team"), (42, true));
    assert_eq!(wait_of("lanarkshire-camhs"), (84, false));
    let q = RouteQuery::default().limit(1);
    let text = match p.routes(&family, &q) {
        Ok(a) => carepath::text::routes(&a),
        Err(e) => panic!("{e}"),
    };
    assert!(text.contains("(wait 6 weeks, assumed)"), "{text}");
}

#[test]
fn text_says_when_no_goal_serves_the_area() {
    let p = pathway();
    let text_for = |region: &str, age: &str| {
        let family = match Profile::new().age(age) {
            Ok(f) => f
                .region(region)
                .adversity("trauma")
                .fact("level_of_need", "specialist"),
            Err(e) => panic!("{e}"),
        };
        match p.routes(&family, &RouteQuery::default()) {
            Ok(a) => carepath::text::routes(&a),
            Err(e) => panic!("{e}"),
        }
    };
    // Orkney has no infant mental health team (nspcc-pmhns-2020, pif-2025).
    assert!(
        text_for("orkney-islands", "6 months")
            .starts_with("No route reaches a goal service for this family: none of them serves")
    );
    // In Tayside at 2 years the local team exists but stops at 18 months.
    let tayside = text_for("dundee-city", "2 years");
    assert!(
        tayside.starts_with("No route reaches a goal service for this family today.\n"),
        "{tayside}"
    );
}

/// No programme, group, centre, intervention or third-sector service is a
/// dead end (issue 15): the sources describe them as ways in ("these
/// services ... can facilitate access to more specific therapeutic help",
/// nspcc-pmhns-2020), so each refers on to someone.
#[test]
fn no_programme_or_third_sector_service_is_a_dead_end() {
    let doc = match carepath::document::PathwayDocument::from_json(include_str!(
        "../pathways/scotland.json"
    )) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let ways_in = [
        "parenting-programme",
        "parent-and-child-group",
        "early-years-centre",
        "third-sector",
        "parent-infant-intervention",
    ];
    let mut checked = 0;
    for s in &doc.services {
        if !s.tags.iter().any(|t| ways_in.contains(&t.as_str())) {
            continue;
        }
        checked += 1;
        assert!(
            doc.referrals.iter().any(|r| r.from == s.id),
            "`{}` refers on to no one",
            s.id
        );
    }
    // 14 boards × (groups, 5 programmes, Triple P, Home-Start, counselling),
    // 13 + 2 befriending services, 32 centres, 3 × 3 interventions.
    assert_eq!(checked, 14 * 9 + 15 + 32 + 9);
}
