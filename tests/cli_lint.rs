//! `carepath lint`, `explain` and `check` from the command line: formats,
//! levels and exit codes, as CI scripts use them.
#![cfg(feature = "cli")]
#![cfg(test)]

use std::io::Write;
use std::process::{Command, Stdio};

fn carepath(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const TODAY: [&str; 2] = ["--today", "2026-11-25"];

fn fixture(name: &str, which: &str) -> String {
    format!(
        "{}/tests/lint/fixtures/{name}/{which}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn exit_codes_follow_the_levels() {
    let lint = |extra: &[&str], name: &str| {
        let file = fixture(name, "bad");
        let mut args = vec!["lint", file.as_str()];
        args.extend(TODAY);
        args.extend(extra);
        carepath(&args, None).0
    };
    // Errors: 1. Warnings only: 0, or 1 under --deny warnings or --deny NAME.
    assert_eq!(lint(&[], "unknown-field"), 1);
    assert_eq!(lint(&[], "dead-end"), 0);
    assert_eq!(lint(&["--deny", "warnings"], "dead-end"), 1);
    assert_eq!(lint(&["--deny", "dead-end"], "dead-end"), 1);
    assert_eq!(lint(&["--deny", "L0201"], "dead-end"), 1);
    // An error-level lint allowed: 0; the later flag wins.
    assert_eq!(
        lint(
            &["--allow", "review-date-not-a-date"],
            "review-date-not-a-date"
        ),
        0
    );
    assert_eq!(
        lint(
            &[
                "--allow",
                "review-date-not-a-date",
                "--deny",
                "review-date-not-a-date"
            ],
            "review-date-not-a-date"
        ),
        1
    );
    assert_eq!(
        lint(
            &[
                "--deny",
                "review-date-not-a-date",
                "--allow",
                "review-date-not-a-date"
            ],
            "review-date-not-a-date"
        ),
        0
    );
    // Usage: an unknown lint, a missing file.
    assert_eq!(lint(&["--allow", "dead-ends"], "dead-end"), 2);
    assert_eq!(carepath(&["lint", "/no/such/file.json"], None).0, 2);
    assert_eq!(carepath(&["lint"], None).0, 2);
}

#[test]
fn human_output_shows_the_line_a_caret_and_the_help() {
    let file = fixture("unknown-value", "bad");
    let (code, out, _) = carepath(&["lint", &file, "--today", "2026-11-25"], None);
    assert_eq!(code, 1);
    assert!(out.contains("error[E0007]"), "{out}");
    assert!(
        out.contains("64 |       \"tier\": \"Specialist\","),
        "{out}"
    );
    assert!(
        out.contains("   |               ^^^^^^^^^^^^ unknown-value"),
        "{out}"
    );
    assert!(out.contains("= help: did you mean `specialist`?"), "{out}");
}

#[test]
fn standard_input_and_several_files() {
    let text = std::fs::read_to_string(fixture("unknown-value", "bad")).expect("read");
    let good = fixture("unknown-value", "good");
    let (code, out, _) = carepath(&["lint", "-", &good, "--format", "json"], Some(&text));
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let files = json["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "<stdin>");
    assert_eq!(files[0]["report"]["findings"][0]["code"], "E0007");
    assert_eq!(
        files[0]["report"]["findings"][0]["location"]["end_column"],
        27
    );
    assert_eq!(
        files[1]["report"]["findings"].as_array().map(Vec::len),
        Some(0)
    );
}

#[test]
fn sarif_and_github_formats() {
    let file = fixture("dead-end", "bad");
    let (code, out, _) = carepath(
        &["lint", &file, "--format", "sarif", "--today", "2026-11-25"],
        None,
    );
    assert_eq!(code, 0);
    let log: serde_json::Value = serde_json::from_str(&out).expect("json");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "L0201");
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(61), Some(5))
    );
    let (_, out, _) = carepath(
        &["lint", &file, "--format", "github", "--today", "2026-11-25"],
        None,
    );
    assert!(out.starts_with("::warning file="), "{out}");
    assert!(out.contains(",line=61,col=5,"), "{out}");
    assert!(out.contains("title=L0201 dead-end::"), "{out}");
}

#[test]
fn explain_prints_a_page_or_the_list() {
    let (code, out, _) = carepath(&["explain", "age-cliff"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("L0107 age-cliff"), "{out}");
    assert!(out.contains("Bad: tests/lint/fixtures/age-cliff/bad.json"));
    let (code, out, _) = carepath(&["explain"], None);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), carepath::lint::CATALOGUE.len() + 1);
    assert_eq!(carepath(&["explain", "dead-ends"], None).0, 2);
}

#[test]
fn check_is_the_lint_report_at_default_levels() {
    let (code, _, err) = carepath(&["check", &fixture("empty-list", "bad")], None);
    assert_eq!(code, 1);
    assert!(err.contains("error[L0109]"), "{err}");
    let (code, out, _) = carepath(&["check", &fixture("dead-end", "bad")], None);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("ok: ") && out.contains("warning[L0201]"),
        "{out}"
    );
}
