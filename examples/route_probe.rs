//! Asks the route benchmark's questions `n` times, for instruction counts
//! that do not depend on what else the machine is doing (BENCHMARKS.md):
//!
//! ```sh
//! cargo build --release --example route_probe
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/route_probe synthetic full 1
//! ```
//!
//! The cost of one question is (count at n = 11 − count at n = 1) / 10.
//! It also prints the wall-clock time per question of its loop (the
//! pathway's loading not counted): noisy on a shared machine, so compare
//! the least of several runs.
//! Cases: `shipped` or `synthetic`; `full` (the default query), `routes`
//! (`explain(false)`) or `yen` (the `pathfinding::yen` peer, synthetic only).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a measuring tool over the benchmark's own generated input"
)]

#[path = "../benches/routes/peers.rs"]
#[allow(dead_code)]
mod peers;
#[path = "../benches/routes/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::hint::black_box;

use carepath::{Pathway, Profile, RouteQuery};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let case = args.first().map_or("shipped", String::as_str);
    let what = args.get(1).map_or("full", String::as_str);
    let n: usize = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let (pathway, family, k) = if case == "synthetic" {
        let pathway = Pathway::from_document(synth::national(20, 10, 10, 42))?;
        let family = Profile::new()
            .age("7 months")?
            .adversity("trauma")
            .region("board-07-area-03");
        (pathway, family, 5)
    } else {
        let pathway = Pathway::from_json(include_str!("../pathways/scotland.json"))?;
        let family = Profile::new()
            .age("7 months")?
            .adversity("domestic_abuse")
            .region("north-lanarkshire")
            .fact("level_of_need", "specialist");
        (pathway, family, 3)
    };
    let query = RouteQuery::default().limit(k).explain(what == "full");
    let prepared = pathway.prepare(&family)?;
    let mut total = 0usize;
    let clock = std::time::Instant::now();
    for _ in 0..n {
        total += if what == "yen" {
            peers::yen(&pathway, black_box(&prepared), k, 8).len()
        } else {
            pathway
                .routes(black_box(&family), black_box(&query))?
                .routes
                .len()
        };
    }
    let per = clock.elapsed().as_nanos() / n.max(1) as u128;
    println!("{case} {what} ×{n}: {total} routes, {per} ns per question");
    Ok(())
}
