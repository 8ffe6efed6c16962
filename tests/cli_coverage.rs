//! `carepath coverage` and `carepath diff`: exit statuses and formats.
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

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("carepath-cov-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write");
    file.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn coverage_answers_in_three_formats() {
    let small = temp("small.json", include_str!("fixtures/small.json"));
    let (code, out, _) = carepath(&["coverage", &small]);
    assert_eq!(code, 0);
    assert!(out.starts_with("gaps: "), "{out}");
    assert!(out.contains("**At 12 months**"), "{out}");
    let (code, out, _) = carepath(&["coverage", &small, "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["complete"], true);
    let boxes = json["boxes"].as_array().expect("boxes");
    assert!(boxes.iter().any(|b| b["status"] == "covered"));
    let gaps = json["gaps"].as_array().expect("gaps");
    assert_eq!(
        gaps.len(),
        boxes.iter().filter(|b| b["status"] == "gap").count()
    );
    let (code, out, _) = carepath(&["coverage", &small, "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), boxes.len() + 1);
}

#[test]
fn coverage_gap_commands_reproduce_the_gap() {
    let small = temp("small2.json", include_str!("fixtures/small.json"));
    let (_, out, _) = carepath(&["coverage", &small, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    for gap in json["gaps"].as_array().expect("gaps") {
        let command = gap["command"].as_str().expect("command");
        // `carepath route --age '…' --region …`: split, keeping quoted ages whole.
        let mut args: Vec<String> = Vec::new();
        for (i, part) in command.split('\'').enumerate() {
            if i % 2 == 1 {
                args.push(part.to_owned());
            } else {
                args.extend(part.split_whitespace().map(str::to_owned));
            }
        }
        let mut args: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
        args.extend(["--pathway", &small]);
        let (code, _, _) = carepath(&args);
        assert_eq!(code, 1, "no route expected: {command}");
    }
}

#[test]
fn coverage_exit_statuses() {
    let bad = temp(
        "bad.json",
        &include_str!("fixtures/small.json")
            .replace("\"regions\": [\"east\"]", "\"regions\": [\"eats\"]"),
    );
    assert_eq!(carepath(&["coverage", &bad]).0, 1);
    assert_eq!(carepath(&["coverage", "--ages", "2 years"]).0, 2);
    assert_eq!(carepath(&["coverage", "--ages", "2 years..birth"]).0, 2);
    assert_eq!(carepath(&["coverage", "--goal-tag", "nope"]).0, 2);
    assert_eq!(carepath(&["coverage", "/no/such/file.json"]).0, 2);
}

#[test]
fn diff_gates_on_loss() {
    let text = include_str!("fixtures/small.json");
    let old = temp("old.json", text);
    let same = temp("same.json", text);
    let worse = temp(
        "worse.json",
        &text.replace("\"before\": \"2 years\"", "\"before\": \"18 months\""),
    );
    let (code, out, _) = carepath(&["diff", &old, &same, "--fail-on-loss"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("loses: 0 box(es)"), "{out}");
    let (code, out, _) = carepath(&["diff", &old, &worse]);
    assert_eq!(code, 0);
    assert!(!out.starts_with("loses: 0 "), "{out}");
    let (code, _, _) = carepath(&["diff", &old, &worse, "--fail-on-loss"]);
    assert_eq!(code, 1);
    let (code, out, _) = carepath(&["diff", &old, &worse, "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(json["summary"]["loses"].as_u64() > Some(0));
    assert_eq!(
        carepath(&["diff", &old, &worse, "--threshold", "soon"]).0,
        2
    );
    assert_eq!(carepath(&["diff", &old, "/no/such.json"]).0, 2);
}
