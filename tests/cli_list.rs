//! `carepath list`, and names in place of ids for every kind of id the
//! command line takes.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::process::Command;

fn carepath(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn lists_what_a_pathway_holds() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    // (what, region, ids expected in JSON, in order)
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        ("regions", None, &["land", "east", "east-city", "west"]),
        ("regions", Some("East"), &["east", "east-city"]),
        (
            "adversities",
            None,
            &[
                "domestic_abuse",
                "perinatal_mental_illness",
                "care_proceedings",
            ],
        ),
        (
            "facts",
            None,
            &["first_time_parent", "parent_age_years", "severity"],
        ),
        ("goals", Some("west"), &["imh-west"]),
        (
            "services",
            Some("West"),
            &["family-nurse", "hv-west", "imh-west", "perinatal-team"],
        ),
    ];
    for &(what, region, ids) in cases {
        let mut args = vec!["list", what, "--pathway", fixture, "--format", "json"];
        if let Some(r) = region {
            args.extend(["--region", r]);
        }
        let (code, out) = carepath(&args);
        assert_eq!(code, 0, "{args:?}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let got: Vec<&str> = v
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|x| x["id"].as_str())
            .collect();
        assert_eq!(got, ids, "{args:?}");
        args.truncate(args.len() - if region.is_some() { 4 } else { 2 });
        if let Some(r) = region {
            args.extend(["--region", r]);
        }
        let (code, text) = carepath(&args);
        assert_eq!(code, 0);
        for id in ids {
            assert!(text.contains(&format!("`{id}`")), "{args:?}: {text}");
        }
    }
    let (code, out) = carepath(&["list", "tags", "--pathway", fixture, "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<Vec<String>>(&out).expect("json"),
        ["infant-mental-health", "perinatal-mental-health"]
    );
    // The tree is indented by depth.
    let (_, text) = carepath(&["list", "regions", "--pathway", fixture]);
    assert!(
        text.contains("\n  East `east` (health_board)\n    East City `east-city`"),
        "{text}"
    );
    // An unknown region is a usage error.
    assert_eq!(
        carepath(&["list", "regions", "--region", "north", "--pathway", fixture]).0,
        2
    );
}

#[test]
fn every_id_the_command_line_takes_may_be_a_name() {
    let route = |extra: &[&str]| {
        let mut args = vec![
            "route", "--age", "4 months", "--format", "json", "--limit", "1",
        ];
        args.extend(extra);
        let (code, out) = carepath(&args);
        (
            code,
            serde_json::from_str::<serde_json::Value>(&out).unwrap_or_default(),
        )
    };
    let (code, by_id) = route(&[
        "--region",
        "glasgow-city",
        "--adversity",
        "care_proceedings",
    ]);
    assert_eq!(code, 0);
    let (code, by_name) = route(&[
        "--region",
        "Glasgow City",
        "--adversity",
        "Care proceedings",
    ]);
    assert_eq!(code, 0);
    assert_eq!(by_id, by_name);
    let first = |v: &serde_json::Value| v["routes"][0]["steps"][0]["service"].clone();
    let (code, from) = route(&[
        "--region",
        "fife",
        "--adversity",
        "trauma",
        "--from",
        "Health visiting (Fife)",
        "--goal-service",
        "INFANT MENTAL HEALTH TEAM (FIFE)",
        "--goal-tag",
        "Infant Mental Health",
        "--fact",
        "First-time parent=true",
        "--fact",
        "Level of need=specialist",
    ]);
    assert_eq!(code, 0);
    assert_eq!(first(&from), "fife-health-visiting");
    let (code, out) = carepath(&[
        "eligible",
        "--service",
        "Infant mental health team (Fife)",
        "--age",
        "3 months",
        "--region",
        "fife",
        "--adversity",
        "Trauma",
        "--fact",
        "level of need=specialist",
        "--from",
        "health visiting (fife)",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["service"], "fife-infant-mental-health-team");
    // Unknown names of every kind: usage errors.
    for extra in [
        &["--region", "edinburgh"][..],
        &["--region", "fife", "--adversity", "traum"],
        &["--region", "fife", "--fact", "first_time=true"],
        &["--region", "fife", "--from", "nhs-fief"],
        &["--region", "fife", "--goal-service", "nhs-fief"],
        &["--region", "fife", "--goal-tag", "infant-mental"],
    ] {
        assert_eq!(route(extra).0, 2, "{extra:?}");
    }
}

#[test]
fn route_steps_show_how_to_refer_and_notes() {
    let text = include_str!("fixtures/small.json").replace(
        r#""wait": { "typical": "6 weeks", "pessimistic": "12 weeks" } },"#,
        r#""wait": { "typical": "6 weeks", "pessimistic": "12 weeks" },
           "contact": { "how_to_refer": "Referral by the health visitor", "phone": "0100 000 000",
                        "web": "https://example.org/imh", "email": "imh@example.org" },
           "notes": "Waits are assumed." },"#,
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args([
            "route",
            "--age",
            "3 months",
            "--region",
            "east",
            "--limit",
            "1",
            "--pathway",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains("how to refer: Referral by the health visitor; phone: 0100 000 000; web: https://example.org/imh; email: imh@example.org"),
        "{out}"
    );
    assert!(out.contains("notes: Waits are assumed."), "{out}");
    // In the shipped pathway, how to refer is given where the sources say.
    let (code, out) = carepath(&[
        "route",
        "--age",
        "4 months",
        "--region",
        "fife",
        "--adversity",
        "trauma",
        "--fact",
        "level_of_need=specialist",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let goal = v["routes"][0]["steps"]
        .as_array()
        .and_then(|s| s.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(goal["service"], "fife-infant-mental-health-team");
    assert!(goal["contact"]["how_to_refer"].is_string(), "{goal}");
    assert!(goal["contact"].get("phone").is_none(), "{goal}");
}
