#![allow(missing_docs)]
//! Route queries, measured side by side with what a user would otherwise
//! write. Run: `cargo bench --bench routes`; smoke: `cargo bench --bench routes -- --test`.
//! Results and ratios: BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark of its own generated input: a panic is a bug in the bench, seen at once"
)]

mod peers;
mod synth;

use std::hint::black_box;

use carepath::{Pathway, Profile, RouteQuery};
use criterion::{Criterion, criterion_group, criterion_main};

fn shipped(c: &mut Criterion) {
    let pathway = Pathway::from_json(include_str!("../../pathways/scotland.json")).expect("loads");
    let family = Profile::new()
        .age("7 months")
        .expect("age")
        .adversity("domestic_abuse")
        .region("north-lanarkshire")
        .fact("level_of_need", "specialist");
    let query = RouteQuery::default().limit(3);
    let mut g = c.benchmark_group("shipped_scotland");
    g.bench_function("carepath_routes_k3", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&query))
                .expect("answer")
        })
    });
    let only = query.clone().explain(false);
    g.bench_function("carepath_routes_k3_routes_only", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&only))
                .expect("answer")
        })
    });
    g.finish();
}

fn national(c: &mut Criterion) {
    // 20 boards × 10 areas × 50 services = 10,000 services; ~100,000 referrals.
    let doc = synth::national(20, 10, 10, 42);
    let pathway = Pathway::from_document(doc).expect("synthetic pathway compiles");
    let family = Profile::new()
        .age("7 months")
        .expect("age")
        .adversity("trauma")
        .region("board-07-area-03");
    let prepared = pathway.prepare(&family).expect("profile");
    let max_hops = 8;

    let mut g = c.benchmark_group("synthetic_10k_k5");
    g.sample_size(10);
    let q5 = RouteQuery::default().limit(5);
    g.bench_function("carepath_routes", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&q5))
                .expect("answer")
        })
    });
    let q5_only = q5.clone().explain(false);
    g.bench_function("carepath_routes_only", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&q5_only))
                .expect("answer")
        })
    });
    g.bench_function("pathfinding_yen", |b| {
        b.iter(|| peers::yen(&pathway, black_box(&prepared), 5, max_hops))
    });
    // Enumerating every simple path of up to 4 hops already takes seconds;
    // up to 8 hops does not finish. Measured at 4 hops, a lower bound.
    g.bench_function("petgraph_all_simple_paths_4_hops", |b| {
        b.iter(|| peers::all_simple_paths(&pathway, black_box(&prepared), 5, 4))
    });
    g.finish();

    let mut g = c.benchmark_group("synthetic_10k_k1");
    let q1 = RouteQuery::default().limit(1);
    g.bench_function("carepath_routes", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&q1))
                .expect("answer")
        })
    });
    let q1_only = q1.clone().explain(false);
    g.bench_function("carepath_routes_only", |b| {
        b.iter(|| {
            pathway
                .routes(black_box(&family), black_box(&q1_only))
                .expect("answer")
        })
    });
    g.bench_function("plain_bfs", |b| {
        b.iter(|| peers::bfs(&pathway, black_box(&prepared), max_hops))
    });
    g.finish();
}

criterion_group!(benches, shipped, national);
criterion_main!(benches);
