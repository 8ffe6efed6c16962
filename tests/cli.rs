//! The command line: exit codes and output formats, as CI scripts use them.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::process::Command;

fn carepath(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_embedded_pathway_succeeds() {
    let (code, out, _) = carepath(&["check"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("carepath-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bad.json");
    let text = include_str!("fixtures/small.json")
        .replace(
            "\"regions\": [\"east\"], \"entry\": true",
            "\"regions\": [\"eats\"], \"entry\": true",
        )
        .replace(
            "\"to\": \"imh-west\", \"delay\"",
            "\"to\": \"imh-wst\", \"delay\"",
        );
    std::fs::write(&file, text).expect("write");
    let path = file.to_str().expect("utf-8 path");
    let (code, _, err) = carepath(&["check", path]);
    assert_eq!(code, 1);
    assert!(err.contains("E0103") && err.contains("E0102"), "{err}");
    assert!(err.contains("did you mean `east`?"), "{err}");
    // Printed as a compiler prints: each finding's place on a line of its
    // own (the report's line breaks are not escaped away).
    assert_eq!(
        err.lines()
            .filter(|l| l.trim_start().starts_with("--> "))
            .count(),
        2,
        "{err}"
    );
    let (code, out, _) = carepath(&["check", path, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json output");
    assert_eq!(json["ok"], false);
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(2));
    assert!(json["diagnostics"][0]["location"]["line"].as_u64() > Some(0));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(carepath(&["check", "/no/such/file.json"]).0, 2);
    assert_eq!(carepath(&["frobnicate"]).0, 2);
    assert_eq!(carepath(&["eligible", "--service", "x"]).0, 2);
}

#[test]
fn schema_prints_the_committed_schema() {
    let (code, out, _) = carepath(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim_end(),
        include_str!("../schema/pathway.schema.json").trim_end()
    );
}

#[test]
fn eligible_prints_verdict_as_text_and_json() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    let args = [
        "eligible",
        "--service",
        "family-nurse",
        "--age",
        "3 months",
        "--region",
        "east-city",
        "--fact",
        "first_time_parent=true",
        "--fact",
        "parent_age_years=22",
        "--pathway",
        fixture,
    ];
    let (code, out, _) = carepath(&args);
    assert_eq!(code, 1, "not eligible");
    assert!(out.starts_with("family-nurse: not eligible"), "{out}");
    assert!(
        out.contains("`parent_age_years` is 22; needs at most 19"),
        "{out}"
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, out, _) = carepath(&json_args);
    assert_eq!(code, 1, "not eligible");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["outcome"], "no");
    assert_eq!(v["rule"]["parts"][2]["clause"]["seen"], "22");
    // An unknown adversity is a usage error with a suggestion.
    let (code, _, err) = carepath(&[
        "eligible",
        "--service",
        "imh-east",
        "--age",
        "3 months",
        "--region",
        "east",
        "--adversity",
        "traum",
        "--pathway",
        fixture,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown adversity `traum`"), "{err}");
}

#[test]
fn route_json_has_the_documented_shape() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    let (code, out, _) = carepath(&[
        "route",
        "--age",
        "3 months",
        "--region",
        "east",
        "--pathway",
        fixture,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["routes"][0]["steps"][0]["service"], "hv-east");
    assert_eq!(v["routes"][0]["steps"][1]["arrival_age_days"], 98);
    assert_eq!(v["routes"][0]["weeks_to_goal"], 7.0);
    assert_eq!(v["not_reached"][1]["service"], "imh-west");
    assert_eq!(v["not_reached"][1]["reason"]["kind"], "not_in_region");
    let (code, _, err) = carepath(&[
        "route",
        "--age",
        "3 months",
        "--region",
        "east",
        "--limit",
        "99",
        "--pathway",
        fixture,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("out of range"), "{err}");
}

#[test]
fn route_on_the_shipped_pathway_with_another_goal() {
    // The README's example: a mother 32 weeks pregnant in the Western Isles
    // with severe illness, routed to a mother and baby unit.
    let (code, out, _) = carepath(&[
        "route",
        "--age",
        "32 weeks gestation",
        "--region",
        "na-h-eileanan-siar",
        "--adversity",
        "perinatal_mental_illness",
        "--fact",
        "parental_illness_severity=severe",
        "--goal-tag",
        "mother-and-baby-unit",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let last = v["routes"][0]["steps"]
        .as_array()
        .and_then(|s| s.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(last["service"], "west-of-scotland-mother-and-baby-unit");
    assert_eq!(
        v["not_reached"][0]["service"],
        "st-johns-mother-and-baby-unit"
    );

    // A goal tag no service carries is a usage error with a suggestion.
    let (code, _, err) = carepath(&[
        "route",
        "--age",
        "3 months",
        "--region",
        "fife",
        "--goal-tag",
        "mother-and-baby",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `mother-and-baby-unit`"), "{err}");
}

#[test]
fn route_readme_example_runs() {
    let (code, out, _) = carepath(&[
        "route",
        "--age",
        "4 months",
        "--region",
        "glasgow-city",
        "--adversity",
        "care_proceedings",
        "--fact",
        "level_of_need=specialist",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Route 1: seen by Glasgow Infant and Family Team (GIFT)"),
        "{out}"
    );
    // The routes that differ only in the first contact are one option;
    // the board's team is the second.
    assert!(out.contains("  1. start with: GP practices"), "{out}");
    assert!(
        out.contains("Route 2: seen by Infant mental health team (Greater Glasgow and Clyde)"),
        "{out}"
    );
}

/// Routes whose second step names its referrer ("this one comes from …")
/// are still one option when they differ only in the first contact: the
/// Fife family's three options are three headings, the first starting
/// with either of its two contacts, and the merged step shows no clause
/// that names only one of them.
#[test]
fn route_options_merge_across_the_referrer() {
    let (code, out, _) = carepath(&[
        "route",
        "--age",
        "4 months",
        "--region",
        "fife",
        "--adversity",
        "trauma",
        "--fact",
        "level_of_need=specialist",
    ]);
    assert_eq!(code, 0);
    let headings = out.lines().filter(|l| l.starts_with("Route ")).count();
    assert_eq!(headings, 3, "{out}");
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("start with:")
            && first.contains("`fife-early-years-centre`")
            && first.contains("`fife-health-visiting`"),
        "{out}"
    );
}

/// The merged step of such an option shows only what holds whichever
/// contact refers: a team whose only rule asks who refers does not say
/// "this one comes from" one of the two contacts.
#[test]
fn a_merged_option_names_no_one_referrer() {
    let dir = std::env::temp_dir().join(format!("carepath-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("two-contacts.json");
    let text = serde_json::json!({
        "metadata": {"name": "two contacts", "version": "1"},
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": [
            {"id": "gp", "name": "GP", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "hv", "name": "HV", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "team", "name": "Team", "tier": "specialist", "regions": ["land"],
             "tags": ["infant-mental-health"], "wait": {"typical": "2 weeks"},
             "eligibility": {"referred_from": {"tier": ["universal"]}}}
        ],
        "referrals": [{"from": "gp", "to": "team"}, {"from": "hv", "to": "team"}],
        "goal": {"tags": ["infant-mental-health"]}
    });
    std::fs::write(&file, text.to_string()).expect("write");
    let path = file.to_str().expect("utf-8 path");
    let (code, out, err) = carepath(&[
        "route",
        "--age",
        "4 months",
        "--region",
        "land",
        "--pathway",
        path,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("Route ")).count(),
        1,
        "{out}"
    );
    let step = out
        .lines()
        .find(|l| l.starts_with("  2. "))
        .unwrap_or_default();
    assert!(step.contains("Team `team`"), "{out}");
    assert!(!step.contains("this one comes from"), "{out}");
}

/// Without the level of need the board's team, which asks for it, is not
/// offered, and the answer says the fact is missing; GIFT, which does not
/// ask, still is. By the fact's label and a value, the team is offered.
#[test]
fn route_without_the_level_of_need() {
    let family = [
        "route",
        "--age",
        "4 months",
        "--region",
        "glasgow-city",
        "--adversity",
        "care_proceedings",
    ];
    let (code, out, _) = carepath(&family);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Route 1: seen by Glasgow Infant and Family Team (GIFT)"),
        "{out}"
    );
    assert!(!out.contains("Route 2:"), "{out}");
    assert!(
        out.contains("`greater-glasgow-and-clyde-infant-mental-health-team`: not eligible: `level_of_need` not given"),
        "{out}"
    );
    for (fact, team) in [
        ("Level of need=specialist", true),
        ("level_of_need=targeted", false),
    ] {
        let mut args = family.to_vec();
        args.extend(["--fact", fact, "--format", "json"]);
        let (code, out, _) = carepath(&args);
        assert_eq!(code, 0, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let ends: Vec<&str> = v["routes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["steps"].as_array()?.last()?["service"].as_str())
            .collect();
        assert_eq!(
            ends.contains(&"greater-glasgow-and-clyde-infant-mental-health-team"),
            team,
            "{fact}: {ends:?}"
        );
    }
}

#[test]
fn dates_of_birth_and_due_dates_give_calendar_dates() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    let run = |when: &[&str]| {
        let mut args = vec!["route", "--region", "east", "--pathway", fixture];
        args.extend(when);
        args.extend(["--format", "json"]);
        let (code, out, err) = carepath(&args);
        (
            code,
            serde_json::from_str::<serde_json::Value>(&out).ok(),
            err,
        )
    };
    // Born 2026-08-27, asked 2026-11-25: 90 days old, as `--age "90 days"`.
    let (code, born, _) = run(&["--born", "2026-08-27", "--today", "2026-11-25"]);
    assert_eq!(code, 0);
    let born = born.expect("json");
    let (_, aged, _) = run(&["--age", "90 days"]);
    let aged = aged.expect("json");
    assert_eq!(born["routes"][0]["steps"][0]["arrival_age_days"], 90);
    assert_eq!(
        born["routes"][0]["steps"][0]["arrival_age_days"],
        aged["routes"][0]["steps"][0]["arrival_age_days"]
    );
    assert_eq!(born["today"], "2026-11-25");
    assert_eq!(born["routes"][0]["steps"][0]["seen_date"], "2026-11-25");
    // Without a stated day, an age gives no dates (the answer does not depend on the clock).
    assert_eq!(aged["today"], serde_json::Value::Null);
    // Due in 8 weeks: 32 weeks pregnant.
    let (code, due, _) = run(&["--due", "2027-01-20", "--today", "2026-11-25"]);
    assert_eq!(code, 0);
    assert_eq!(
        due.expect("json")["routes"][0]["steps"][0]["arrival_age_days"],
        -56
    );
    // Impossible dates and ages are usage errors.
    for when in [
        &["--born", "2026-11-26", "--today", "2026-11-25"][..],
        &["--due", "2027-09-02", "--today", "2026-11-25"],
        &["--born", "2026-02-30"],
        &["--age", "45 weeks pregnant"],
        &["--age", "20 years"],
        &["--age", "3 months", "--born", "2026-01-01"],
        &["--today", "2026-11-25"],
    ] {
        assert_eq!(run(when).0, 2, "{when:?}");
    }
}
