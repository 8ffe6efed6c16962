//! Lints a pathway file `n` times, for instruction counts and for checking
//! that a change keeps every finding (BENCHMARKS.md, "Lint of a whole
//! file"):
//!
//! ```sh
//! cargo build --release --example lint_probe
//! target/release/examples/lint_probe write-national /tmp/national_10k.json
//! valgrind --tool=callgrind target/release/examples/lint_probe 3 pathways/scotland.json
//! target/release/examples/lint_probe 1 /tmp/national_10k.json --findings > after.txt
//! ```
//!
//! One lint = (instructions at n = 3 − instructions at n = 1) / 2, which
//! leaves out reading the file and starting the process. `--findings`
//! prints every finding (code, level, place, message, help, example), one
//! a line, to compare two versions; `--every-level` reports every lint at
//! level info, whatever the file's settings say; `--budget N` sets the
//! semantic lints' work budget (lower it until `L0209` appears to measure
//! the steps a file needs). The date is fixed (`2026-11-25`) so
//! that the review-date lint does not move.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a measuring tool: a panic is a bug in the tool, seen at once"
)]

#[path = "../benches/routes/synth.rs"]
#[allow(dead_code)]
mod synth;

use carepath::lint::{LintOptions, lint_with};

/// The lint benchmark's synthetic national pathway: 20 boards × 10 areas ×
/// 50 services = 10,000 services, ~100,000 referrals.
const NATIONAL: (usize, usize, usize) = (20, 10, 10);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("write-national") {
        let text = synth::national(NATIONAL.0, NATIONAL.1, NATIONAL.2, 42).to_json_pretty();
        std::fs::write(&args[1], text).unwrap();
        return;
    }
    let n: usize = args[0].parse().unwrap();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let mut options = LintOptions::default().today("2026-11-25");
    if let Some(i) = args.iter().position(|a| a == "--budget") {
        options = options.semantic_budget(args[i + 1].parse().unwrap());
    }
    if args.iter().any(|a| a == "--every-level") {
        // Every lint reported, whatever the file's own settings say.
        for group in ["correctness", "suspicious", "style"] {
            options = options.level(group, carepath::document::LintLevel::Info);
        }
    }
    let mut report = None;
    for _ in 0..n {
        report = Some(lint_with(std::hint::black_box(&text), &options));
    }
    let report = report.unwrap();
    if args.iter().any(|a| a == "--findings") {
        for d in &report.findings {
            println!("{}", serde_json::to_string(d).unwrap());
        }
    }
    eprintln!(
        "{} findings, compiled {}, silenced {}",
        report.findings.len(),
        report.compiled,
        report.silenced
    );
}
