//! The streamed load ([`Pathway::from_json_with`]: referrals read one at a
//! time into an interned list) against the whole-document load (the file
//! read into [`PathwayDocument`] first, as the lint and
//! [`Pathway::from_document`] do): the same pathway, or the same error
//! with the same codes, places and help, on the fixtures, on hostile
//! variants of them and on random pathways; and the compiled referrals
//! against a plain model of what they must be (every known pair once, in
//! file order; the same problems at the same pointers). Random pathways
//! of the `testing` strategies: `tests/streamed_load.rs`.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::{Value, json};

use super::compile;
use crate::document::PathwayDocument;
use crate::error::LoadError;
use crate::limits::{LoadLimits, strip_bom};
use crate::pathway::Pathway;

const SMALL: &str = include_str!("../../tests/fixtures/small.json");
const STEPPED: &str = include_str!("../../tests/fixtures/stepped.json");
const SCOTLAND: &str = include_str!("../../pathways/scotland.json");

/// The whole-document load: read the document, then compile it.
fn whole(text: &str) -> Result<Pathway, LoadError> {
    let doc = PathwayDocument::from_json_with(text, &LoadLimits::default())?;
    compile(doc, Some(strip_bom(text)))
}

/// A load's outcome in full, its hash maps in key order.
fn shown(loaded: &Result<Pathway, LoadError>) -> String {
    match loaded {
        Ok(p) => {
            let sorted = |m: &std::collections::HashMap<String, usize>| {
                m.iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect::<BTreeMap<_, _>>()
            };
            let services: BTreeMap<&str, u32> = p
                .service_index
                .iter()
                .map(|(k, v)| (k.as_str(), v.0))
                .collect();
            let regions: BTreeMap<&str, u32> = p
                .regions
                .by_id
                .iter()
                .map(|(k, v)| (k.as_str(), v.0))
                .collect();
            let (adversities, facts) = (
                sorted(&p.vocabulary.adversity_index),
                sorted(&p.vocabulary.fact_index),
            );
            let mut rest = p.clone();
            rest.service_index.clear();
            rest.regions.by_id.clear();
            rest.vocabulary.adversity_index.clear();
            rest.vocabulary.fact_index.clear();
            format!("{rest:?}\n{services:?}\n{regions:?}\n{adversities:?}\n{facts:?}")
        }
        Err(e) => format!("{e:?}"),
    }
}

/// Both loads of `text` agree; the streamed one's outcome.
fn same(text: &str) -> Result<Pathway, LoadError> {
    let streamed = Pathway::from_json_with(text, &LoadLimits::default());
    assert_eq!(
        shown(&streamed),
        shown(&whole(text)),
        "for the text:\n{text}"
    );
    streamed
}

fn codes(e: &LoadError) -> Vec<(&'static str, String)> {
    e.diagnostics()
        .iter()
        .map(|d| (d.code, d.location.pointer.clone()))
        .collect()
}

#[test]
fn the_fixtures_load_the_same_either_way() {
    for text in [SMALL, STEPPED, SCOTLAND] {
        let p = same(text).unwrap();
        assert!(p.size().referrals > 0);
    }
}

/// `small.json` with its referral list (or the text around it) changed.
fn small_with(referrals: &str) -> String {
    let mut doc: Value = serde_json::from_str(SMALL).unwrap();
    doc["referrals"] = json!("@referrals@");
    serde_json::to_string_pretty(&doc)
        .unwrap()
        .replace("\"@referrals@\"", referrals)
}

#[test]
fn hostile_referral_lists_get_the_same_error_at_the_same_place() {
    // (the referral list, the code the load must give).
    let cases: &[(&str, &str)] = &[
        (
            r#"[{"from": "hv-east", "to": "cmht-east", "colour": 1}]"#,
            "E0001",
        ),
        (r#"[{"from": "hv-east"}]"#, "E0001"),
        (r#"[{"to": "hv-east"}]"#, "E0001"),
        (r#"[{"from": 3, "to": "hv-east"}]"#, "E0001"),
        (
            r#"[{"from": "hv-east", "to": "hv-west", "delay": 7}]"#,
            "E0001",
        ),
        (
            r#"[{"from": "hv-east", "to": "hv-west", "notes": null}]"#,
            "E0001",
        ),
        (
            r#"[{"from": "hv-east", "from": "hv-west", "to": "x"}]"#,
            "E0001",
        ),
        (r#"[3]"#, "E0001"),
        (r#"[null]"#, "E0001"),
        (r#"[["hv-east"]]"#, "E0001"),
        (r#"[{"from": "hv-east", "to": "hv-west"},]"#, "E0001"),
        (r#"{"from": "hv-east"}"#, "E0001"),
        (r#""hv-east""#, "E0001"),
        (
            r#"[{"from": "hv-east", "to": "hv-west", "when": {"sometimes": 1}}]"#,
            "E0001",
        ),
        (r#"[{"from": "hv-east", "to": "nowhere"}]"#, "E0102"),
        (r#"[{"from": "hv-eats", "to": "hv-west"}]"#, "E0102"),
        (r#"[{"from": "hv-east", "to": "hv-east"}]"#, "E0116"),
        (
            r#"[{"from": "hv-east", "to": "hv-west"}, {"from": "hv-east", "to": "hv-west"}]"#,
            "E0117",
        ),
        (
            r#"[{"from": "hv-east", "to": "hv-west", "delay": "soon"}]"#,
            "E0109",
        ),
        (
            r#"[{"from": "hv-east", "to": "hv-west", "when": {"region": ["mars"]}}]"#,
            "E0103",
        ),
        (
            r#"[{"from": "hv-e\u0061st", "to": "hv-w\u0065st", "delay": "1 w\u0065ek"}]"#,
            "",
        ),
        (
            r#"[["hv-east", "hv-west", null, "2 days", "by letter"]]"#,
            "",
        ),
        (r#"[["hv-east", "hv-west"]]"#, ""),
        (r#"[]"#, ""),
        (r#"null"#, "E0001"),
    ];
    for (list, code) in cases {
        let text = small_with(list);
        match same(&text) {
            Ok(_) => assert_eq!(*code, "", "{list} loaded"),
            Err(e) => assert_eq!(e.code(), *code, "{list}: {e}"),
        }
    }
    // Around the list (which `small_with` writes before the services, its
    // keys being in order): a byte-order mark, the list first, a repeated
    // or unknown top-level key, no list, trailing text.
    let none = small_with("[]").replace("\"referrals\": [],", "");
    let before = format!(
        "{{\"referrals\": [{{\"from\": \"hv-east\", \"to\": \"nowhere\"}}],{}",
        &none[1..]
    );
    let bom = format!("\u{feff}{SMALL}");
    let repeated = small_with("[], \"referrals\": []");
    let unknown = small_with("[], \"referral\": []");
    let trailing = format!("{SMALL} x");
    for (text, code) in [
        (before.as_str(), "E0102"),
        (&bom, ""),
        (&repeated, "E0001"),
        (&unknown, "E0001"),
        (&none, ""),
        (&trailing, "E0001"),
        ("", "E0001"),
        ("[]", "E0001"),
    ] {
        match same(text) {
            Ok(_) => assert_eq!(code, "", "{text} loaded"),
            Err(e) => assert_eq!(e.code(), code, "{text}: {e}"),
        }
    }
}

/// A pathway of three services (`a`, `b`, `c`) and the given referrals,
/// each (from, to, delay, with a condition).
fn three_services(referrals: &[(&str, &str, Option<&str>, bool)]) -> String {
    let service = |id: &str| json!({"id": id, "name": id, "tier": "universal", "regions": ["r"], "entry": true});
    let referrals: Vec<Value> = referrals
        .iter()
        .map(|&(from, to, delay, when)| {
            let mut r = json!({"from": from, "to": to});
            if let Some(d) = delay {
                r["delay"] = json!(d);
            }
            if when {
                r["when"] = json!({"age": {"before": "1 year"}});
            }
            r
        })
        .collect();
    let doc = json!({
        "metadata": {"name": "n", "version": "1"},
        "regions": [{"id": "r", "name": "R"}],
        "services": [service("c"), service("a"), service("b")],
        "referrals": referrals,
        "goal": {"tier": "universal"},
    });
    serde_json::to_string_pretty(&doc).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random referral lists with unknown ids, self-referrals, repeats and
    /// unreadable delays: both loads agree, and the compiled referrals (or
    /// the problems) are what a plain model of the rules says.
    #[test]
    fn referral_lists_compile_as_the_model_says(
        list in prop::collection::vec(
            (
                prop::sample::select(vec!["a", "b", "c", "x"]),
                prop::sample::select(vec!["a", "b", "c", "x"]),
                prop::sample::select(vec![None, Some("1 day"), Some("2 weeks"), Some("soon")]),
                any::<bool>(),
            ),
            0..12,
        )
    ) {
        let text = three_services(&list);
        let mut kept = Vec::new();
        let mut problems = BTreeSet::new();
        let mut pairs = BTreeSet::new();
        for (i, &(from, to, delay, _)) in list.iter().enumerate() {
            for (id, field) in [(from, "from"), (to, "to")] {
                if id == "x" {
                    problems.insert(("E0102", format!("/referrals/{i}/{field}")));
                }
            }
            if delay == Some("soon") {
                problems.insert(("E0109", format!("/referrals/{i}/delay")));
            }
            if from == "x" || to == "x" {
                continue;
            }
            if from == to {
                problems.insert(("E0116", format!("/referrals/{i}")));
            } else if !pairs.insert((from, to)) {
                problems.insert(("E0117", format!("/referrals/{i}")));
            } else {
                kept.push((i, from.to_owned(), to.to_owned()));
            }
        }
        match same(&text) {
            Ok(p) => {
                prop_assert!(problems.is_empty());
                let id = |s: crate::pathway::ServiceId| {
                    p.services.get(s.index()).map(|s| s.id.clone()).unwrap_or_default()
                };
                let got: Vec<(usize, String, String)> =
                    p.referrals.iter().map(|r| (r.doc_index, id(r.from), id(r.to))).collect();
                prop_assert_eq!(got, kept);
            }
            Err(e) => {
                let got: BTreeSet<_> = codes(&e).into_iter().collect();
                prop_assert_eq!(got, problems);
            }
        }
    }
}
