#![allow(missing_docs)]
//! Linting whole pathway files: the shipped Scotland pathway and the
//! synthetic national pathway of 10,000 services (the routes benchmark's
//! generator). Run: `cargo bench --bench lint`; smoke: `cargo bench --bench lint -- --test`.
//! Results: BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark of its own generated input: a panic is a bug in the bench, seen at once"
)]

#[path = "../routes/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::hint::black_box;

use carepath::lint::{LintOptions, lint_with};
use criterion::{Criterion, criterion_group, criterion_main};

fn shipped(c: &mut Criterion) {
    let text = include_str!("../../pathways/scotland.json");
    let options = LintOptions::default().today("2026-11-25");
    let mut g = c.benchmark_group("lint");
    g.bench_function("scotland", |b| {
        b.iter(|| lint_with(black_box(text), &options))
    });
    g.finish();
}

fn national(c: &mut Criterion) {
    let text = synth::national(NATIONAL.0, NATIONAL.1, NATIONAL.2, 42).to_json_pretty();
    let options = LintOptions::default().today("2026-11-25");
    let report = lint_with(&text, &options);
    assert!(report.compiled, "{:?}", report.findings.first());
    let mut g = c.benchmark_group("lint");
    g.sample_size(10);
    g.bench_function("national_10k", |b| {
        b.iter(|| lint_with(black_box(&text), &options))
    });
    g.finish();
}

/// 20 boards × 10 areas × 50 services = 10,000 services; ~100,000 referrals (as the routes benchmark).
const NATIONAL: (usize, usize, usize) = (20, 10, 10);

criterion_group!(benches, shipped, national);
criterion_main!(benches);
