//! Valid pathways built from the input, so the search code is reached
//! (only a few percent of raw byte strings load): a region tree, services
//! with rules over ages, adversities and facts, waits, referrals with
//! delays and conditions; then the lint of the file, routes for several
//! families, coverage, and the diff against the same file with one
//! referral dropped.
#![no_main]

use carepath::{CoverageQuery, Pathway, Profile, RouteQuery};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// Reads the input a byte at a time (zeros once it runs out).
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.next()) % n.max(1)
    }
}

const AGES: [&str; 8] = [
    "pregnancy",
    "12 weeks gestation",
    "birth",
    "6 weeks",
    "3 months",
    "7 months",
    "1 year",
    "2 years",
];
const REGIONS: [&str; 4] = ["land", "east", "west", "east-city"];

fn rule(b: &mut Bytes<'_>, depth: usize) -> Value {
    match b.below(if depth > 2 { 4 } else { 7 }) {
        0 => json!({ "age": { "from": AGES[b.below(4)], "before": AGES[4 + b.below(4)],
                              "judged": if b.next() % 2 == 0 { "on_referral" } else { "when_seen" } } }),
        1 => {
            let test = ["any_of", "all_of", "none_of"][b.below(3)];
            let id = ["a0", "a1", "a2"][b.below(3)];
            json!({ "adversities": { test: [id] } })
        }
        2 => json!({ "fact": { "id": "first", "equals": b.next() % 2 == 0 } }),
        3 => json!({ "region": [REGIONS[b.below(4)]] }),
        4 => json!({ "not": rule(b, depth + 1) }),
        5 => json!({ "all": [rule(b, depth + 1), rule(b, depth + 1)] }),
        _ => json!({ "any": [rule(b, depth + 1), rule(b, depth + 1)] }),
    }
}

fn pathway(b: &mut Bytes<'_>) -> Value {
    let n = 2 + b.below(9);
    let services: Vec<Value> = (0..n)
        .map(|i| {
            let mut s = json!({
                "id": format!("s{i}"), "name": format!("S{i}"),
                "tier": (["universal", "targeted", "specialist"][b.below(3)]),
                "regions": [REGIONS[b.below(4)]],
                "entry": i == 0 || b.next() % 4 == 0,
                "tags": if b.next() % 3 == 0 { vec!["goal"] } else { vec![] },
            });
            if b.next() % 2 == 0 {
                s["eligibility"] = rule(b, 0);
            }
            if b.next() % 2 == 0 {
                s["wait"] = json!({ "typical": format!("{} weeks", b.below(20)) });
            }
            s
        })
        .collect();
    let mut referrals = Vec::new();
    for _ in 0..b.below(3 * n) {
        let (from, to) = (b.below(n), b.below(n));
        if from == to {
            continue;
        }
        let mut r = json!({ "from": format!("s{from}"), "to": format!("s{to}"), "delay": format!("{} days", b.below(60)) });
        if b.next() % 4 == 0 {
            r["when"] = rule(b, 0);
        }
        referrals.push(r);
    }
    json!({
        "metadata": { "name": "fuzz", "version": "1" },
        "vocabulary": {
            "adversities": [ { "id": "a0", "label": "A0" }, { "id": "a1", "label": "A1" }, { "id": "a2", "label": "A2" } ],
            "facts": [ { "id": "first", "label": "First", "type": "boolean" } ]
        },
        "regions": [
            { "id": "land", "name": "Land" },
            { "id": "east", "name": "East", "parent": "land" },
            { "id": "west", "name": "West", "parent": "land" },
            { "id": "east-city", "name": "East City", "parent": "east" }
        ],
        "services": services,
        "referrals": referrals,
        "goal": { "tags": ["goal"] }
    })
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let doc = pathway(&mut b);
    let text = doc.to_string();
    let report = carepath::lint(&text);
    let Ok(pathway) = Pathway::from_json(&text) else {
        assert!(report.has_errors(), "a file that does not load lints with an error");
        return; // e.g. no service tagged as a goal
    };
    // A file that loads compiles, so every lint of the catalogue ran.
    assert!(report.compiled);
    let _ = pathway.lint(&carepath::lint::LintOptions::default());
    for _ in 0..3 {
        let mut family = Profile::new()
            .age_days(i32::from(b.next()) * 8 - 280)
            .region(REGIONS[b.below(4)]);
        for a in ["a0", "a1", "a2"] {
            if b.next() % 2 == 0 {
                family = family.adversity(a);
            }
        }
        family = family.fact("first", b.next() % 2 == 0);
        let query = RouteQuery::default()
            .limit(1 + b.below(4))
            .max_hops(1 + b.below(8));
        let first = pathway.routes(&family, &query);
        // Deterministic: the same question gives the same answer.
        assert_eq!(
            first.as_ref().ok(),
            pathway.routes(&family, &query).ok().as_ref()
        );
        if let Ok(answer) = first {
            let json = serde_json::to_string(&answer).unwrap_or_default();
            let back: carepath::RouteAnswer =
                serde_json::from_str(&json).expect("answer reads back");
            assert_eq!(back, answer);
        }
    }
    let q = CoverageQuery {
        before_age_days: 400,
        ..CoverageQuery::default()
    };
    let Ok(before) = pathway.coverage(&q) else {
        return;
    };
    // The same file with one referral dropped: a diff of the two.
    let mut changed = doc.clone();
    if let Some(referrals) = changed["referrals"].as_array_mut() {
        if !referrals.is_empty() {
            let k = b.below(referrals.len());
            referrals.remove(k);
        }
    }
    let Ok(other) = Pathway::from_json(&changed.to_string()) else {
        return;
    };
    if let Ok(after) = other.coverage(&q) {
        if let Ok(diff) = before.diff(&after, 7) {
            // Dropping a referral never gains anyone a route.
            if before.is_complete() && after.is_complete() && diff.complete {
                assert_eq!(diff.summary.gains, 0, "{:?}", diff.summary);
            }
        }
    }
});
