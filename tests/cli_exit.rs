//! Exit statuses of every subcommand, as text and as JSON: 0 yes, 1 no,
//! 2 no answer (usage, I/O, a pathway that does not load, an unknown name,
//! an impossible age), 3 unknown. With `--format json`, an error is one
//! JSON object on standard output with a stable shape.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");

/// Runs the command with `stdin` as standard input: (status, stdout).
fn carepath(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut input) = child.stdin.take() {
        // A command that does not read its input closes the pipe early.
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `n` services all referring to each other, and a goal 4 years away that
/// takes referrals only from 4 months to the first birthday (a door that
/// opens later, so no one pass over services can settle it): no route, and
/// the search stops at its budget before it can say so for sure.
fn dense(n: usize) -> String {
    let mut services = Vec::new();
    let mut referrals = Vec::new();
    for i in 0..n {
        services.push(json!({ "id": format!("s{i}"), "name": format!("S{i}"),
            "tier": "targeted", "regions": ["r"], "entry": i < 3 }));
        for j in (0..n).filter(|&j| j != i) {
            referrals
                .push(json!({ "from": format!("s{i}"), "to": format!("s{j}"), "delay": "1 week" }));
        }
        referrals.push(json!({ "from": format!("s{i}"), "to": "goal", "delay": "4 years" }));
    }
    services.push(
        json!({ "id": "goal", "name": "Goal", "tier": "specialist", "tags": ["goal"],
        "regions": ["r"], "eligibility": { "age": { "from": "4 months", "before": "1 year" } } }),
    );
    json!({ "metadata": { "name": "dense", "version": "1" },
        "regions": [ { "id": "r", "name": "R" } ], "services": services,
        "referrals": referrals, "goal": { "tags": ["goal"] } })
    .to_string()
}

/// (arguments, standard input, status): each is run as text and, where the
/// subcommand takes `--format`, as JSON.
fn cases() -> Vec<(Vec<&'static str>, String, i32)> {
    let small = || include_str!("fixtures/small.json").to_owned();
    let none = String::new;
    let eligible = |service: &'static str, age: &'static str, region: &'static str| {
        vec![
            "eligible",
            "--service",
            service,
            "--age",
            age,
            "--region",
            region,
            "--pathway",
            SMALL,
        ]
    };
    let route = |age: &'static str, region: &'static str| {
        vec![
            "route",
            "--age",
            age,
            "--region",
            region,
            "--pathway",
            SMALL,
        ]
    };
    vec![
        // check
        (vec!["check", SMALL], none(), 0),
        (vec!["check", "-"], small(), 0),
        (vec!["check", "-"], "{".into(), 1),
        (
            vec!["check", "-"],
            small().replace("\"east\"", "\"e\u{1b}st\""),
            1,
        ),
        (vec!["check", "/no/such/file.json"], none(), 2),
        (vec!["check", SMALL, "--bogus"], none(), 2),
        // eligible
        (eligible("imh-east", "3 months", "east"), none(), 0),
        (eligible("imh-east", "26 months", "east"), none(), 1),
        (eligible("family-nurse", "3 months", "east"), none(), 3),
        (eligible("imh-eats", "3 months", "east"), none(), 2),
        (eligible("imh-east", "3 months", "eastt"), none(), 2),
        (eligible("imh-east", "45 weeks pregnant", "east"), none(), 2),
        (
            vec![
                "eligible",
                "--service",
                "imh-east",
                "--age",
                "3 months",
                "--region",
                "east",
                "--pathway",
                "-",
            ],
            "{".into(),
            2,
        ),
        (
            vec!["eligible", "--service", "imh-east", "--region", "east"],
            none(),
            2,
        ),
        // route
        (route("3 months", "east"), none(), 0),
        (route("3 years", "east"), none(), 1),
        (
            vec![
                "route",
                "--age",
                "3 months",
                "--region",
                "r",
                "--pathway",
                "-",
            ],
            dense(60),
            3,
        ),
        (route("3 months", "nowhere"), none(), 2),
        (
            vec![
                "route",
                "--age",
                "3 months",
                "--region",
                "east",
                "--limit",
                "99",
                "--pathway",
                SMALL,
            ],
            none(),
            2,
        ),
        (
            vec![
                "route",
                "--born",
                "2030-01-01",
                "--today",
                "2026-11-25",
                "--region",
                "east",
            ],
            none(),
            2,
        ),
        (
            vec![
                "route",
                "--age",
                "3 months",
                "--region",
                "east",
                "--pathway",
                "/no/such/file.json",
            ],
            none(),
            2,
        ),
        // list
        (vec!["list", "regions", "--pathway", "-"], small(), 0),
        (
            vec!["list", "goals", "--region", "nowhere", "--pathway", SMALL],
            none(),
            2,
        ),
        (vec!["list", "everything"], none(), 2),
        (vec!["list", "facts", "--pathway", "-"], "[]".into(), 2),
        // schema (no --format)
        (vec!["schema"], none(), 0),
        (vec!["schema", "extra"], none(), 2),
        // no subcommand
        (vec!["frobnicate"], none(), 2),
    ]
}

#[test]
fn every_subcommand_exits_by_one_convention_in_text_and_json() {
    for (args, stdin, status) in cases() {
        let json = if matches!(args.first(), Some(&"schema")) {
            Json::Text
        } else if status == 2 {
            Json::Error
        } else {
            Json::Answer
        };
        exits_by_the_convention(&args, &stdin, status, json);
    }
}

/// Runs `args` as text and, unless `json` is [`Json::Text`], with
/// `--format json`: both exit with `status`, and the JSON carries one error
/// object with that status, or none.
fn exits_by_the_convention(args: &[&str], stdin: &str, status: i32, json: Json) {
    let (code, _) = carepath(args, stdin);
    assert_eq!(code, status, "{args:?}");
    if matches!(json, Json::Text) {
        return;
    }
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, out) = carepath(&json_args, stdin);
    assert_eq!(code, status, "{json_args:?}");
    let v: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("{json_args:?}: not JSON ({e}): {out}"));
    let error = &v["error"];
    match json {
        Json::Error => {
            assert_eq!(error["status"], status, "{json_args:?}: {v}");
            assert!(
                ["usage", "question", "pathway"].contains(&error["kind"].as_str().unwrap_or("")),
                "{json_args:?}: {v}"
            );
            assert!(error["message"].is_string(), "{json_args:?}");
            assert!(error["diagnostics"].is_array() && error["suggestions"].is_array());
            assert!(error.get("code").is_some() && error.get("file").is_some());
        }
        _ => assert!(error.is_null(), "{json_args:?}: {v}"),
    }
}

#[test]
fn json_errors_say_what_went_wrong() {
    let (_, out) = carepath(
        &[
            "route",
            "--age",
            "3 months",
            "--region",
            "eastt",
            "--pathway",
            SMALL,
            "--format",
            "json",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["error"]["kind"], "question");
    assert_eq!(v["error"]["code"], "unknown_region");
    assert_eq!(v["error"]["suggestions"][0]["id"], "east");
    let bad = include_str!("fixtures/small.json").replace(
        "\"regions\": [\"east\"], \"entry\"",
        "\"regions\": [\"eats\"], \"entry\"",
    );
    let (_, out) = carepath(
        &[
            "route",
            "--age",
            "3 months",
            "--region",
            "east",
            "--pathway",
            "-",
            "--format=json",
        ],
        &bad,
    );
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["error"]["kind"], "pathway");
    assert_eq!(v["error"]["code"], "E0103");
    assert_eq!(v["error"]["file"], "standard input");
    assert_eq!(v["error"]["diagnostics"][0]["code"], "E0103");
}

#[test]
fn help_states_the_convention() {
    let (code, out) = carepath(&["--help"], "");
    assert_eq!(code, 0);
    for status in ["0  yes", "1  no", "2  no answer", "3  unknown"] {
        assert!(out.contains(status), "{out}");
    }
}

/// How a case reads with `--format json`.
#[derive(Clone, Copy, Debug)]
enum Json {
    /// The subcommand takes no `--format json` (graph, report, explain).
    Text,
    /// The JSON answer: no error object.
    Answer,
    /// One error object whose `status` is the exit status.
    Error,
}

/// The subcommands that answer about every family, lint, run scenarios or
/// draw: (arguments, standard input, status, how the JSON reads).
fn more_cases(dir: &std::path::Path) -> Vec<(Vec<String>, String, i32, Json)> {
    let small = include_str!("fixtures/small.json");
    // A pathway that does not load (a service in an unknown region).
    let broken = small.replace(
        "\"regions\": [\"east\"], \"entry\"",
        "\"regions\": [\"eats\"], \"entry\"",
    );
    // East's team stops at 18 months: some families lose their route.
    let worse = small.replace("\"before\": \"2 years\"", "\"before\": \"18 months\"");
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let scenario = |no_route: bool| {
        json!({ "scenarios": [{ "name": "a", "family": { "age": "3 months", "region": "east" },
            "expect": { "no_route": no_route } }] })
        .to_string()
    };
    let passes = file("passes.json", &scenario(false));
    let fails = file("fails.json", &scenario(true));
    let bad_scenarios = file("bad-scenarios.json", "{\"scenarios\": [");
    let page = dir.join("report.html").to_string_lossy().into_owned();
    let none = String::new;
    let case = |args: &[&str], stdin: String, status: i32, json: Json| {
        (
            args.iter().map(|&a| a.to_owned()).collect(),
            stdin,
            status,
            json,
        )
    };
    vec![
        // coverage: 0 answered, 1 the pathway does not load, 2 usage
        case(&["coverage", SMALL], none(), 0, Json::Answer),
        case(&["coverage", "-"], small.into(), 0, Json::Answer),
        case(&["coverage", "-"], broken.clone(), 1, Json::Error),
        case(&["coverage", "-"], "{".into(), 1, Json::Error),
        case(&["coverage", "/no/such/file.json"], none(), 2, Json::Error),
        case(
            &["coverage", SMALL, "--ages", "2 years"],
            none(),
            2,
            Json::Error,
        ),
        case(
            &["coverage", SMALL, "--goal-tag", "nope"],
            none(),
            2,
            Json::Error,
        ),
        // diff: 0 answered, 1 a file does not load or a loss with --fail-on-loss, 2 usage
        case(&["diff", SMALL, "-"], small.into(), 0, Json::Answer),
        case(&["diff", SMALL, "-"], worse.clone(), 0, Json::Answer),
        case(
            &["diff", SMALL, "-", "--fail-on-loss"],
            worse,
            1,
            Json::Answer,
        ),
        case(&["diff", SMALL, "-"], broken.clone(), 1, Json::Error),
        case(
            &["diff", SMALL, "/no/such/file.json"],
            none(),
            2,
            Json::Error,
        ),
        case(
            &["diff", SMALL, SMALL, "--threshold", "soon"],
            none(),
            2,
            Json::Error,
        ),
        // lint: 0 nothing at error level, 1 something is, 2 usage or I/O
        case(&["lint", SMALL], none(), 0, Json::Answer),
        case(&["lint", "-"], broken.clone(), 1, Json::Answer),
        case(&["lint", "/no/such/file.json"], none(), 2, Json::Error),
        case(
            &["lint", SMALL, "--deny", "nonsense"],
            none(),
            2,
            Json::Error,
        ),
        // test: 0 every case passes, 1 one fails, 2 usage, I/O or a pathway that does not load
        case(
            &["test", &passes, "--pathway", SMALL],
            none(),
            0,
            Json::Answer,
        ),
        case(
            &["test", &fails, "--pathway", SMALL],
            none(),
            1,
            Json::Answer,
        ),
        case(
            &["test", &passes, "--pathway", "-"],
            broken.clone(),
            2,
            Json::Error,
        ),
        case(
            &["test", &bad_scenarios, "--pathway", SMALL],
            none(),
            2,
            Json::Error,
        ),
        // graph: 0 drawn, 2 no answer
        case(&["graph", SMALL], none(), 0, Json::Text),
        case(&["graph", "-"], broken.clone(), 2, Json::Text),
        case(
            &["graph", SMALL, "--region", "nowhere"],
            none(),
            2,
            Json::Text,
        ),
        // report: 0 written, 2 no answer
        case(&["report", SMALL, "-o", &page], none(), 0, Json::Text),
        case(&["report", "-", "-o", &page], broken, 2, Json::Text),
        case(
            &["report", SMALL, "-o", "/no/such/dir/r.html"],
            none(),
            2,
            Json::Text,
        ),
        // explain: 0 explained, 2 no such lint
        case(&["explain", "age-cliff"], none(), 0, Json::Text),
        case(&["explain", "nonsense"], none(), 2, Json::Text),
    ]
}

#[test]
fn coverage_diff_lint_test_graph_report_and_explain_exit_by_the_convention() {
    let dir = std::env::temp_dir().join(format!("carepath-cli-exit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (args, stdin, status, json) in more_cases(&dir) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        exits_by_the_convention(&args, &stdin, status, json);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
