//! `carepath test`: scenario files from the command line, as a pathway
//! repository's CI runs them.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::process::Command;

fn carepath(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("carepath-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");

#[test]
fn the_shipped_scenarios_pass() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios/scotland.json");
    let (code, out, err) = carepath(&["test", file]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap_or_default();
    let n = out.lines().filter(|l| l.ends_with(" ... ok")).count();
    assert_eq!(last, format!("{n} passed, 0 failed"));
}

#[test]
fn a_failing_case_exits_1_with_its_diff() {
    let file = write(
        "fails.json",
        r#"{"scenarios":[
          {"name":"east reaches east","family":{"age":"3 months","region":"east"},"expect":{"reaches":["imh-east"]}},
          {"name":"east reaches west","family":{"age":"3 months","region":"east"},"expect":{"reaches":["imh-west"]}}]}"#,
    );
    let (code, out, _) = carepath(&["test", &file, "--pathway", SMALL]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&"test east reaches east ... ok"));
    assert_eq!(lines.get(1), Some(&"test east reaches west ... FAILED"));
    assert_eq!(lines.last(), Some(&"1 passed, 1 failed"));
    let (code, out, _) = carepath(&["test", &file, "--pathway", SMALL, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (json["passed"].as_u64(), json["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(json["cases"][1]["mismatches"][0]["expectation"], "reaches");
}

#[test]
fn several_files_add_up_and_bad_files_exit_2() {
    let ok = write(
        "ok.json",
        r#"{"scenarios":[{"name":"a","family":{"age":"3 months","region":"east"},"expect":{"no_route":false}}]}"#,
    );
    let (code, out, _) = carepath(&["test", &ok, &ok, "--pathway", SMALL]);
    assert_eq!(code, 0);
    assert!(out.ends_with("2 passed, 0 failed\n"), "{out}");
    let bad = write("bad.json", "{\"scenarios\": [");
    assert_eq!(carepath(&["test", &bad, "--pathway", SMALL]).0, 2);
    assert_eq!(carepath(&["test", "/no/such/file.json"]).0, 2);
    assert_eq!(carepath(&["test"]).0, 2);
}
