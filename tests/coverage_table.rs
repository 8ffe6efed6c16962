//! The coverage section of `pathways/README.md` must be what
//! `cargo run --example coverage_table` computes from the shipped pathway
//! today (the exact analysis), so it cannot go stale when the pathway
//! changes; and the gaps it finds must be the ones the sources describe.

#[allow(dead_code)]
#[path = "../examples/coverage_table.rs"]
mod coverage_table;

#[test]
fn readme_coverage_table_is_current() {
    let text = include_str!("../pathways/scotland.json");
    let readme = include_str!("../pathways/README.md");
    let table = match coverage_table::table(text) {
        Ok(t) => t,
        Err(e) => panic!("computing the table failed: {e}"),
    };
    let expected = match coverage_table::splice(readme, &table) {
        Ok(r) => r,
        Err(e) => panic!("pathways/README.md: {e}"),
    };
    assert!(
        expected == readme,
        "pathways/README.md's coverage table is stale: run \
         `cargo run --example coverage_table -- --write`.\nComputed:\n{table}"
    );
}

#[test]
fn table_marks_the_boards_the_sources_leave_without_a_team() {
    let text = include_str!("../pathways/scotland.json");
    let table = match coverage_table::table(text) {
        Ok(t) => t,
        Err(e) => panic!("computing the table failed: {e}"),
    };
    // No IMH team in the island boards; Highland gives consultation only.
    for board in [
        "NHS Orkney",
        "NHS Shetland",
        "NHS Western Isles",
        "NHS Highland",
    ] {
        for line in table
            .lines()
            .filter(|l| l.starts_with(&format!("| {board} |")))
        {
            assert!(
                !line.contains('✓') && !line.contains('◐'),
                "{board} shows a route: {line}"
            );
        }
    }
    // Lanarkshire's team takes every IMH adversity at 3 months, from
    // families assessed at specialist need only (some families of each
    // cell: `◐`, never `✓`); poverty alone is no reason (`—`).
    let at_3 = table.split("**At 12 months**").next().unwrap_or("");
    let lanarkshire = at_3
        .lines()
        .find(|l| l.starts_with("| NHS Lanarkshire |"))
        .unwrap_or("");
    assert_eq!(lanarkshire.matches('◐').count(), 7, "{lanarkshire}");
    assert_eq!(lanarkshire.matches('—').count(), 1, "{lanarkshire}");
}

#[test]
fn every_gap_is_one_the_sources_describe() {
    let pathway = carepath::Pathway::from_json(include_str!("../pathways/scotland.json")).unwrap();
    let coverage = pathway
        .coverage(&carepath::CoverageQuery::default())
        .unwrap();
    assert!(coverage.is_complete());
    let q = carepath::RouteQuery::default().limit(1);
    let team_boards = [
        "nhs-ayrshire-and-arran",
        "nhs-borders",
        "nhs-dumfries-and-galloway",
        "nhs-fife",
        "nhs-forth-valley",
        "nhs-grampian",
        "nhs-greater-glasgow-and-clyde",
        "nhs-lanarkshire",
        "nhs-lothian",
        "nhs-tayside",
    ];
    let gaps = coverage.gaps();
    assert!(!gaps.is_empty());
    for gap in &gaps {
        // The example family has no route.
        assert!(pathway.routes(&gap.example, &q).unwrap().routes.is_empty());
        let miss = gap.nearest_miss.as_ref().expect("a nearest miss");
        let region = gap.example.region.as_deref().unwrap();
        let board = pathway
            .regions(None)
            .unwrap()
            .into_iter()
            .find(|r| r.id == region)
            .and_then(|r| r.parent)
            .unwrap_or_default();
        // A family where a team works misses it for its criteria or its
        // age limits (or, for Glasgow City, GIFT's), never for want of a
        // referral path.
        if team_boards.contains(&board.as_str()) {
            let kind = serde_json::to_value(&miss.reason).unwrap()["kind"].clone();
            assert!(
                kind == "not_eligible" || kind == "aged_out_on_the_way",
                "{}: {kind}",
                gap.families.words
            );
        }
    }
}

/// A gap's nearest miss is the goal the family comes closest to: a team
/// that takes them later (`not_yet`) before one whose rule never will
/// (`not_eligible`), whatever their order in the file.
#[test]
fn a_gap_s_nearest_miss_is_the_team_that_takes_the_family_later() {
    // Born families have no route: the baby team takes them from 52
    // weeks, the antenatal team only in pregnancy.
    let text = serde_json::json!({
        "metadata": {"name": "nearest", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": [
            {"id": "antenatal", "name": "Antenatal team", "tier": "specialist",
             "regions": ["land"], "tags": ["goal"],
             "eligibility": {"age": {"before": "40 weeks gestation"}}},
            {"id": "baby", "name": "Baby team", "tier": "specialist",
             "regions": ["land"], "tags": ["goal"],
             "eligibility": {"age": {"from": "52 weeks"}}},
            {"id": "hv", "name": "Health visitor", "tier": "universal",
             "regions": ["land"], "entry": true},
        ],
        "referrals": [{"from": "hv", "to": "antenatal"}, {"from": "hv", "to": "baby"}],
        "goal": {"tags": ["goal"]},
    });
    let pathway = carepath::Pathway::from_json(&text.to_string()).unwrap();
    let coverage = pathway
        .coverage(&carepath::CoverageQuery::default())
        .unwrap();
    assert!(coverage.is_complete());
    let gaps = coverage.gaps();
    assert_eq!(gaps.len(), 1);
    let gap = &gaps[0];
    assert_eq!(
        (gap.families.from_age_days, gap.families.before_age_days),
        (0, 364)
    );
    let miss = gap.nearest_miss.as_ref().expect("a nearest miss");
    assert_eq!(&*miss.service, "baby");
    assert_eq!(miss.reason.kind(), "not_yet");
    let carepath::Reason::NotYet { from_age_days, .. } = &miss.reason else {
        panic!("{:?}", miss.reason);
    };
    assert_eq!(*from_age_days, 364);
}
