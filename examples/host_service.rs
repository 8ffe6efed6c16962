//! A host service embedding carepath: one `Arc<Pathway>` shared by worker
//! threads, each answering JSON requests (a profile and a route query)
//! with JSON answers, as a referral form's back end would.
//!
//! Run: `cargo run --example host_service`

use std::sync::{Arc, mpsc};
use std::thread;

use carepath::{Pathway, Profile, RouteQuery};
use serde::Deserialize;

/// What the referral form sends.
#[derive(Deserialize)]
struct Request {
    profile: Profile,
    #[serde(default)]
    query: RouteQuery,
}

/// Answers one request; errors become JSON too, never a panic.
fn answer(pathway: &Pathway, body: &str) -> String {
    let result = serde_json::from_str::<Request>(body)
        .map_err(|e| format!("bad request: {e}"))
        .and_then(|r| {
            pathway
                .routes(&r.profile, &r.query)
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(answer) => serde_json::to_string(&answer).unwrap_or_default(),
        Err(message) => serde_json::json!({ "error": message }).to_string(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The shipped (illustrative) Scotland pathway.
    let pathway = Arc::new(Pathway::from_json(include_str!(
        "../pathways/scotland.json"
    ))?);
    let requests = [
        r#"{"profile": {"age": "3 months", "region": "fife", "adversities": ["domestic_abuse"], "facts": {"level_of_need": "specialist"}}, "query": {"limit": 2}}"#,
        r#"{"profile": {"age": "23 months", "region": "glasgow-city", "adversities": ["care_proceedings"], "facts": {"level_of_need": "specialist"}}}"#,
        r#"{"profile": {"age": "35 months", "region": "orkney-islands", "adversities": ["trauma"], "facts": {"level_of_need": "specialist"}}}"#,
        r#"{"profile": {"age": "3 months", "region": "glasgow"}}"#,
        r#"{"profile": {"age": "soon"}}"#,
    ];
    let (tx, rx) = mpsc::channel();
    let workers: Vec<_> = requests
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let pathway = Arc::clone(&pathway);
            let tx = tx.clone();
            let body = (*body).to_owned();
            thread::spawn(move || tx.send((i, answer(&pathway, &body))))
        })
        .collect();
    drop(tx);
    let mut answers: Vec<(usize, String)> = rx.iter().collect();
    for w in workers {
        w.join().map_err(|_| "a worker thread failed")??;
    }
    answers.sort();
    for (i, a) in answers {
        println!("request {i}: {}", a.chars().take(160).collect::<String>());
    }
    Ok(())
}
