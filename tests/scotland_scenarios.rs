//! Scenario tests on the shipped Scotland pathway.
//!
//! Each scenario in `tests/scenarios/scotland.json` is a family (profile), a
//! route question, and what must hold of the answer: services that must and
//! must not appear on the routes, goal services that must appear in
//! `not_reached` with a given kind of reason, or no route at all. Each one
//! names the fact it checks and that fact's source (the pathway's source
//! ids, listed in `pathways/scotland.json` and `pathways/README.md`).
//!
//! Every scenario runs; the test fails once, listing every scenario that
//! did not hold.

use std::collections::BTreeMap;

use carepath::{Pathway, Profile, RouteAnswer, RouteQuery};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    /// The fact checked, and its source id.
    source: String,
    profile: Profile,
    #[serde(default)]
    query: Option<RouteQuery>,
    /// Services that must appear on at least one route.
    #[serde(default)]
    reaches: Vec<String>,
    /// Services that must not appear on any route.
    #[serde(default)]
    avoids: Vec<String>,
    /// The goal service of the best route.
    #[serde(default)]
    best: Option<String>,
    /// Goal services that must be in `not_reached`, with the kind of reason.
    #[serde(default)]
    not_reached: BTreeMap<String, String>,
    /// Services that must not be listed in `not_reached` at all.
    #[serde(default)]
    not_listed: Vec<String>,
    /// Goal services that must be in `also_reachable` (reachable, but no
    /// returned route ends there).
    #[serde(default)]
    also_reachable: Vec<String>,
    /// Whether the answer must have no route at all.
    #[serde(default)]
    no_routes: bool,
}

fn pathway() -> Pathway {
    let text = include_str!("../pathways/scotland.json");
    match Pathway::from_json(text) {
        Ok(p) => p,
        Err(e) => panic!("the shipped pathway does not load: {e}"),
    }
}

fn on_routes(answer: &RouteAnswer) -> Vec<&str> {
    answer
        .routes
        .iter()
        .flat_map(|r| r.steps.iter().map(|s| s.service.as_str()))
        .collect()
}

fn check(pathway: &Pathway, s: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    let query = s.query.clone().unwrap_or_default();
    let answer = match pathway.routes(&s.profile, &query) {
        Ok(a) => a,
        Err(e) => return vec![format!("query failed: {e}")],
    };
    if !answer.complete {
        problems.push("search did not complete".to_owned());
    }
    let seen = on_routes(&answer);
    for want in &s.reaches {
        if !seen.contains(&want.as_str()) {
            problems.push(format!("`{want}` is on no route"));
        }
    }
    for avoid in &s.avoids {
        if seen.contains(&avoid.as_str()) {
            problems.push(format!("`{avoid}` is on a route"));
        }
    }
    if let Some(best) = &s.best {
        let got = answer
            .routes
            .first()
            .and_then(|r| r.steps.last())
            .map(|st| st.service.as_str());
        if got != Some(best.as_str()) {
            problems.push(format!("best route ends at {got:?}, not `{best}`"));
        }
    }
    if s.no_routes && !answer.routes.is_empty() {
        problems.push(format!("expected no route, got {}", answer.routes.len()));
    }
    let reasons: BTreeMap<&str, String> = answer
        .not_reached
        .iter()
        .map(|n| {
            let kind = serde_json::to_value(&n.reason)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
                .unwrap_or_default();
            (n.service.as_str(), kind)
        })
        .collect();
    for (service, kind) in &s.not_reached {
        match reasons.get(service.as_str()) {
            Some(got) if got == kind => {}
            Some(got) => problems.push(format!("`{service}` not reached as `{got}`, not `{kind}`")),
            None => problems.push(format!("`{service}` is not in not_reached")),
        }
    }
    for service in &s.also_reachable {
        if !answer
            .also_reachable
            .iter()
            .any(|r| r.steps.last().is_some_and(|st| &st.service == service))
        {
            problems.push(format!("`{service}` is not in also_reachable"));
        }
    }
    for service in &s.not_listed {
        if reasons.contains_key(service.as_str()) {
            problems.push(format!("`{service}` is listed in not_reached"));
        }
    }
    problems
}

#[test]
fn scotland_scenarios_hold() {
    let text = include_str!("scenarios/scotland.json");
    let scenarios: Vec<Scenario> = match serde_json::from_str(text) {
        Ok(s) => s,
        Err(e) => panic!("tests/scenarios/scotland.json: {e}"),
    };
    assert!(scenarios.len() >= 25, "only {} scenarios", scenarios.len());
    let pathway = pathway();
    let mut failures = Vec::new();
    for s in &scenarios {
        assert!(
            !s.source.is_empty(),
            "scenario `{}` names no source",
            s.name
        );
        let problems = check(&pathway, s);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", s.name, problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n  {}",
        failures.len(),
        scenarios.len(),
        failures.join("\n  ")
    );
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
        Ok(f) => f.region("glasgow-city").adversity("care_proceedings"),
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
        Ok(f) => f.region("north-lanarkshire").adversity("domestic_abuse"),
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
            Ok(f) => f.region(region).adversity("trauma"),
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
        tayside.starts_with("No route reaches a goal service for this family.\n"),
        "{tayside}"
    );
}
