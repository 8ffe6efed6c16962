//! Loads the synthetic national pathway (100,000 services, 1,000,000
//! referrals: the routes benchmark's generator at national scale) with the
//! size limit raised, and reports the time and the process's peak memory
//! (BENCHMARKS.md, "Loading a national pathway"):
//!
//! ```sh
//! cargo build --release --example national_load
//! target/release/examples/national_load write /tmp/national.json
//! /usr/bin/time -v target/release/examples/national_load load /tmp/national.json
//! ```
//!
//! `write-tenth` writes a tenth of it (10,000 services, 100,000
//! referrals), small enough for instruction counts under callgrind.
//! `load` prints the file's size, the pathway's counts, the load's wall
//! time and CPU time (user + system, dropping the pathway included), and
//! the peak resident memory (VmHWM) after reading the file and
//! after loading it; `serde` reads the same file into a `serde_json::Value`
//! instead, and `document` into the file format's serde types only (the
//! first half of a load), for comparison.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a measuring tool over the benchmark's own generated input"
)]

#[path = "../benches/routes/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::time::Instant;

use carepath::Pathway;
use carepath::limits::LoadLimits;

/// 40 boards × 50 areas × 50 services = 100,000 services; 11 referrals
/// tried per service (repeats dropped), of which 1,000,000 are kept.
const NATIONAL: (usize, usize, usize) = (40, 50, 11);
const REFERRALS: usize = 1_000_000;

/// CPU time (user + system) of this process so far, in seconds (Linux,
/// from `/proc/self/stat` in clock ticks of 1/100 s; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command's closing parenthesis: utime and
            // stime are the 12th and 13th.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
        })
        .map_or(0.0, |ticks| ticks / 100.0)
}

/// Peak resident memory so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (what, file) = match args.as_slice() {
        [what, file] => (what.as_str(), file.as_str()),
        _ => {
            return Err("usage: national_load write|write-tenth|load|serde|document FILE".into());
        }
    };
    match what {
        "write" | "write-tenth" => {
            // A tenth of the national pathway (4 boards: 10,000 services,
            // 100,000 referrals) for instruction counts under callgrind.
            let (boards, kept) = if what == "write" {
                (NATIONAL.0, REFERRALS)
            } else {
                (NATIONAL.0 / 10, REFERRALS / 10)
            };
            let mut doc = synth::national(boards, NATIONAL.1, NATIONAL.2, 42);
            synth::keep_referrals(&mut doc, kept);
            let text = doc.to_json_pretty();
            std::fs::write(file, &text)?;
            println!(
                "wrote {file}: {} services, {} referrals, {:.1} MiB",
                doc.services.len(),
                doc.referrals.len(),
                text.len() as f64 / 1048576.0
            );
        }
        "load" | "serde" | "document" => {
            let text = std::fs::read_to_string(file)?;
            let read = peak_mib();
            let cpu = cpu_seconds();
            let start = Instant::now();
            let counts = if what == "load" {
                let limits = LoadLimits::default().max_file_bytes(text.len());
                let pathway = Pathway::from_json_with(&text, &limits)?;
                let size = pathway.size();
                format!("{} services, {} referrals", size.services, size.referrals)
            } else if what == "document" {
                let doc: carepath::document::PathwayDocument = serde_json::from_str(&text)?;
                format!(
                    "{} services, {} referrals",
                    doc.services.len(),
                    doc.referrals.len()
                )
            } else {
                let value: serde_json::Value = serde_json::from_str(&text)?;
                format!(
                    "{} top-level keys",
                    value.as_object().map_or(0, |o| o.len())
                )
            };
            let took = start.elapsed();
            let cpu = cpu_seconds() - cpu;
            println!(
                "{what}: {:.1} MiB file, {counts}, {:.3} s ({cpu:.2} s CPU, user + system); peak memory {read:.0} MiB after reading, {:.0} MiB after loading",
                text.len() as f64 / 1048576.0,
                took.as_secs_f64(),
                peak_mib()
            );
        }
        _ => {
            return Err(
                format!("unknown `{what}`: write, write-tenth, load, serde or document").into(),
            );
        }
    }
    Ok(())
}
