//! Output a terminal can trust: ids and names holding ESC, NUL, newlines,
//! a right-to-left override and combining marks, from a file or a flag,
//! never reach text output raw.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// What is appended to every name: a colour escape, NUL, a newline that
/// would start a forged line, and a right-to-left override.
const TAIL: &str = "\u{1b}[31m\0\nFORGED\u{202e}x";
/// What begins every name: a combining mark with nothing to combine with.
const HEAD: &str = "\u{301}";

fn carepath(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Nothing raw: no ESC, NUL or override, no forged line, no leading
/// combining mark; and what was injected is shown escaped.
fn assert_safe(what: &str, text: &str) {
    for c in ['\u{1b}', '\0', '\u{202e}', '\u{301}'] {
        assert!(
            !text.contains(c),
            "{what}: raw U+{:04X} in {text:?}",
            u32::from(c)
        );
    }
    assert!(
        !text.contains("\nFORGED"),
        "{what}: forged line in {text:?}"
    );
}

/// The small pathway with `HEAD name TAIL` for every name and label (and
/// the pathway's own name), and a choice value of the same kind.
fn nasty_names() -> String {
    let mut doc: Value =
        serde_json::from_str(include_str!("fixtures/small.json")).expect("fixture");
    let dirty = |v: &mut Value| {
        if let Some(s) = v.as_str() {
            *v = Value::String(format!("{HEAD}{s}{TAIL}"));
        }
    };
    dirty(&mut doc["metadata"]["name"]);
    for list in ["regions", "services"] {
        for item in doc[list].as_array_mut().expect("list") {
            dirty(&mut item["name"]);
            if list == "regions" {
                dirty(&mut item["kind"]);
            }
        }
    }
    for list in ["adversities", "facts"] {
        for item in doc["vocabulary"][list].as_array_mut().expect("list") {
            dirty(&mut item["label"]);
        }
    }
    if let Some(values) = doc["vocabulary"]["facts"][2]["values"].as_array_mut() {
        values.push(Value::String(format!("{HEAD}worst{TAIL}")));
    }
    doc.to_string()
}

#[test]
fn names_from_a_file_are_escaped_in_every_text_output() {
    let text = nasty_names();
    let family = ["--region", "east", "--pathway", "-"];
    let mut runs: Vec<Vec<&str>> = vec![vec!["check", "-"]];
    for what in [
        "regions",
        "services",
        "adversities",
        "facts",
        "tags",
        "goals",
    ] {
        runs.push(vec!["list", what, "--pathway", "-"]);
    }
    for age in ["3 months", "26 months", "12 weeks gestation"] {
        let mut run = vec!["route", "--age", age];
        run.extend(family);
        runs.push(run);
        let mut run = vec!["route", "--age", age, "--region", "west", "--pathway", "-"];
        run.extend(["--adversity", "domestic_abuse"]);
        runs.push(run);
    }
    runs.push(vec![
        "route",
        "--born",
        "2026-08-01",
        "--today",
        "2026-11-25",
        "--region",
        "east-city",
        "--pathway",
        "-",
    ]);
    for service in ["imh-east", "family-nurse", "perinatal-team", "imh-west"] {
        let mut run = vec!["eligible", "--service", service, "--age", "3 months"];
        run.extend(family);
        runs.push(run);
    }
    for run in &runs {
        let (_, out, err) = carepath(run, &text);
        assert!(!out.is_empty(), "{run:?}: no output; {err}");
        assert_safe(&format!("{run:?}"), &out);
        assert_safe(&format!("{run:?} (errors)"), &err);
    }
    // What was injected is still shown, escaped; other scripts pass as they are.
    let (_, out, _) = carepath(&["list", "regions", "--pathway", "-"], &text);
    assert!(
        out.contains("\\u{301}East\\u{1b}[31m\\u{0}\\u{a}FORGED\\u{202e}x"),
        "{out}"
    );
    let (_, out, _) = carepath(
        &["list", "regions", "--pathway", "-"],
        &include_str!("fixtures/small.json").replace("\"East\"", "\"Éast Cafe\u{301} Ōban 東\""),
    );
    assert!(out.contains("Éast Cafe\u{301} Ōban 東 `east`"), "{out}");
}

#[test]
fn unsafe_ids_are_refused_and_the_refusal_is_escaped() {
    let small = include_str!("fixtures/small.json");
    // (the file, the code each id gets)
    let cases = [
        small.replace("\"id\": \"east\"", "\"id\": \"e\\u001b[31mst\""),
        small.replace("\"id\": \"hv-east\"", "\"id\": \"hv\\u0000east\""),
        small.replace(
            "\"id\": \"care_proceedings\"",
            "\"id\": \"care\\nproceedings\"",
        ),
        small.replace(
            "\"id\": \"domestic_abuse\"",
            "\"id\": \"domestic\\u202eabuse\"",
        ),
        small.replace("\"id\": \"severity\"", "\"id\": \"\\u0301severity\""),
        small.replace("\"id\": \"west\"", "\"id\": \"\""),
        small.replace(
            "[\"infant-mental-health\"], \"regions\": [\"west\"]",
            "[\"infant mental health\"], \"regions\": [\"west\"]",
        ),
    ];
    for (n, text) in cases.iter().enumerate() {
        assert_ne!(text, small, "case {n} changed nothing");
        let (code, out, err) = carepath(&["check", "-"], text);
        assert_eq!(code, 1, "case {n}");
        assert!(err.contains("E0119"), "case {n}: {err}");
        assert_safe(&format!("case {n}"), &out);
        assert_safe(&format!("case {n}"), &err);
        let (code, out, _) = carepath(&["check", "-", "--format", "json"], text);
        assert_eq!(code, 1);
        let v: Value = serde_json::from_str(&out).expect("json");
        let codes: Vec<&str> = v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(codes.contains(&"E0119"), "case {n}: {codes:?}");
        let (_, out, err) = carepath(
            &[
                "route",
                "--age",
                "3 months",
                "--region",
                "east",
                "--pathway",
                "-",
            ],
            text,
        );
        assert_safe(&format!("case {n} route"), &out);
        assert_safe(&format!("case {n} route"), &err);
    }
}

#[test]
fn flags_are_escaped_in_errors() {
    let small = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    let nasty = format!("{HEAD}x{TAIL}").replace('\0', "");
    let n = nasty.as_str();
    let fact = format!("{n}=true");
    let base = ["--age", "3 months", "--region", "east", "--pathway", small];
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["route", "--age", n, "--region", "east", "--pathway", small],
        vec![
            "route",
            "--age",
            "3 months",
            "--region",
            n,
            "--pathway",
            small,
        ],
        vec!["route", "--born", n, "--region", "east", "--pathway", small],
        vec![
            "route",
            "--age",
            "3 months",
            "--region",
            "east",
            "--pathway",
            n,
        ],
        vec!["check", n],
        vec!["list", "services", "--region", n, "--pathway", small],
        vec![
            "eligible",
            "--service",
            n,
            "--age",
            "3 months",
            "--region",
            "east",
            "--pathway",
            small,
        ],
    ];
    for flag in ["--adversity", "--from", "--goal-tag", "--goal-service"] {
        let mut run = vec!["route"];
        run.extend(base);
        run.extend([flag, n]);
        runs.push(run);
    }
    let mut run = vec!["route"];
    run.extend(base);
    run.extend(["--fact", fact.as_str()]);
    runs.push(run);
    for run in &runs {
        let (code, out, err) = carepath(run, "");
        assert_eq!(code, 2, "{run:?}: {err}");
        assert!(
            err.contains("\\u{1b}"),
            "{run:?}: the flag is not shown: {err}"
        );
        assert_safe(&format!("{run:?}"), &out);
        assert_safe(&format!("{run:?}"), &err);
    }
}

/// Writes `text` to a file of this test process's own, returning its path.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("carepath-safe-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn names_are_escaped_in_coverage_diff_lint_and_scenario_outputs() {
    let text = nasty_names();
    let old = temp("nasty.json", &text);
    // The change drops the first referral, so some families lose a route
    // and the diff names them.
    let mut doc: Value = serde_json::from_str(&text).expect("json");
    doc["referrals"]
        .as_array_mut()
        .expect("referrals")
        .remove(0);
    let new = temp("nasty-new.json", &doc.to_string());
    // A scenario whose name, family region and expectation come from a
    // file: its case fails, so the runner prints the mismatch too.
    let scenarios = temp(
        "scenarios.json",
        &serde_json::json!({ "scenarios": [{
            "name": format!("{HEAD}case{TAIL}"),
            "family": { "age": "3 months", "region": "east" },
            "expect": { "no_route": true }
        }] })
        .to_string(),
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["coverage", &old],
        vec!["coverage", &old, "--format", "csv"],
        vec![
            "coverage",
            &old,
            "--missing-facts",
            "--ages",
            "birth..1 year",
        ],
        vec!["diff", &old, &new],
        vec!["diff", &new, &old],
        vec!["lint", &old],
        vec!["lint", &old, "--format", "github"],
        vec!["test", &scenarios, "--pathway", &old],
    ];
    for run in &runs {
        let (_, out, err) = carepath(run, "");
        assert!(!out.is_empty(), "{run:?}: no output; {err}");
        assert_safe(&format!("{run:?}"), &out);
        assert_safe(&format!("{run:?} (errors)"), &err);
    }
    // The CSV keeps one row per box: every row has the header's fields.
    let (code, csv, _) = carepath(&["coverage", &old, "--format", "csv"], "");
    assert_eq!(code, 0);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows.len() > 1, "{csv}");
    assert!(
        rows.iter().all(|r| !r.starts_with("FORGED")),
        "a name broke a row: {csv}"
    );
}
