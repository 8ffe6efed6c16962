#![allow(missing_docs)]
//! Coverage of every family, measured side by side with what a user would
//! otherwise write (one `routes(limit 1)` per class per day, on a sample).
//! Run: `cargo bench --bench coverage`; smoke: `cargo bench --bench coverage -- --test`.
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

use carepath::{CoverageQuery, Pathway, RouteQuery};
use criterion::{Criterion, criterion_group, criterion_main};

const SCOTLAND: &str = include_str!("../../pathways/scotland.json");

/// The Scotland pathway with the referrals into one team dropped: a change
/// to diff against.
fn changed() -> String {
    let mut doc: serde_json::Value = serde_json::from_str(SCOTLAND).expect("json");
    if let Some(refs) = doc["referrals"].as_array_mut() {
        refs.retain(|r| r["to"] != "tayside-infant-mental-health-team");
    }
    doc.to_string()
}

fn scotland(c: &mut Criterion) {
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let other = Pathway::from_json(&changed()).expect("loads");
    let q = CoverageQuery::default();
    let mut g = c.benchmark_group("scotland_coverage");
    g.bench_function("carepath_coverage", |b| {
        b.iter(|| pathway.coverage(black_box(&q)).expect("coverage"))
    });
    let coverage = pathway.coverage(&q).expect("coverage");
    g.bench_function("carepath_gaps", |b| b.iter(|| black_box(&coverage).gaps()));
    g.bench_function("carepath_diff_two_versions", |b| {
        b.iter(|| {
            let old = pathway.coverage(black_box(&q)).expect("coverage");
            let new = other.coverage(black_box(&q)).expect("coverage");
            old.diff(&new, 7).expect("diff")
        })
    });
    // The peer: one route question per (class, day), on a sample of 1,000
    // (class, day) pairs spread over the whole space; BENCHMARKS.md
    // extrapolates to every class and day.
    let classes: Vec<_> = coverage.classes().collect();
    let days = q.before_age_days - q.from_age_days;
    let rq = RouteQuery::default().limit(1).explain(false);
    let sample: Vec<_> = (0..1000usize)
        .map(|i| {
            let class = &classes[(i * 7919) % classes.len()];
            let day = q.from_age_days + ((i * 104_729) % days as usize) as i32;
            coverage.example(class, day)
        })
        .collect();
    g.sample_size(10);
    g.bench_function("peer_routes_limit1_1000_cells", |b| {
        b.iter(|| {
            sample
                .iter()
                .filter(|f| !pathway.routes(f, &rq).expect("routes").routes.is_empty())
                .count()
        })
    });
    g.finish();
    eprintln!(
        "scotland: {} classes × {days} days = {} cells; {} kinds per area",
        classes.len(),
        classes.len() as u64 * days as u64,
        coverage.kinds()
    );
}

fn national(c: &mut Criterion) {
    // 20 boards × 10 areas × 50 services = 10,000 services; ~100,000 referrals.
    let doc = synth::national(20, 10, 10, 42);
    let pathway = Pathway::from_document(doc).expect("synthetic pathway compiles");
    let q = CoverageQuery::default();
    let mut g = c.benchmark_group("synthetic_10k_coverage");
    g.sample_size(10);
    g.bench_function("carepath_coverage", |b| {
        b.iter(|| pathway.coverage(black_box(&q)).expect("coverage"))
    });
    g.finish();
    let coverage = pathway.coverage(&q).expect("coverage");
    eprintln!(
        "synthetic: complete {}, {} partial routes examined",
        coverage.is_complete(),
        coverage.examined()
    );
}

criterion_group!(benches, scotland, national);
criterion_main!(benches);
