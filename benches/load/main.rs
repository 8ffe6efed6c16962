#![allow(missing_docs)]
//! Loading a national pathway with the size limit raised: 100,000 services
//! and 1,000,000 referrals (the routes benchmark's generator at
//! national scale), side by side with reading the same text into a
//! `serde_json::Value` (what a host would otherwise do first) and into the
//! file format's own serde types. Run: `cargo bench --bench load`; smoke
//! (`-- --test`): a 1,000-service pathway, each case once. Peak memory is
//! measured by `examples/national_load.rs`. Results: BENCHMARKS.md.
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

use carepath::Pathway;
use carepath::document::PathwayDocument;
use carepath::limits::LoadLimits;
use criterion::{Criterion, criterion_group, criterion_main};

/// 40 boards × 50 areas × 50 services = 100,000 services; 11 referrals
/// tried per service (repeats dropped), of which 1,000,000 are kept.
const NATIONAL: (usize, usize, usize) = (40, 50, 11);
const REFERRALS: usize = 1_000_000;
/// The smoke run's pathway: 2 × 10 × 50 = 1,000 services (about 10,000
/// referrals).
const SMOKE: (usize, usize, usize) = (2, 10, 10);

fn load(c: &mut Criterion) {
    let smoke = std::env::args().any(|a| a == "--test");
    let (boards, areas, out) = if smoke { SMOKE } else { NATIONAL };
    let mut doc = synth::national(boards, areas, out, 42);
    synth::keep_referrals(&mut doc, REFERRALS);
    let text = doc.to_json_pretty();
    let limits = LoadLimits::default().max_file_bytes(text.len());
    let pathway = Pathway::from_json_with(&text, &limits).unwrap();
    assert_eq!(pathway.size().services, boards * areas * 50);
    let name = if smoke {
        "load_1k"
    } else {
        "load_national_100k"
    };
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.bench_function("carepath_from_json_with", |b| {
        b.iter(|| Pathway::from_json_with(black_box(&text), &limits).unwrap())
    });
    g.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
    g.bench_function("serde_json_document", |b| {
        b.iter(|| serde_json::from_str::<PathwayDocument>(black_box(&text)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
