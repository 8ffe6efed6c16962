//! Bad input gets a clear, located error: never a panic, never a stack
//! overflow. Data-driven: each case is a mutation of a valid pathway and
//! the codes (and places) it must produce.
#![cfg(test)]

use carepath::{LoadError, Pathway};
use serde_json::{Value, json};

fn base() -> Value {
    serde_json::from_str(include_str!("fixtures/small.json")).expect("fixture is JSON")
}

fn codes_of(doc: &Value) -> Vec<(&'static str, String)> {
    let text = serde_json::to_string_pretty(doc).expect("serialize");
    match Pathway::from_json(&text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics()
            .iter()
            .map(|d| {
                assert!(d.location.line > 0, "every problem has a line: {d}");
                (d.code, d.location.pointer.clone())
            })
            .collect(),
    }
}

#[test]
fn every_structural_problem_has_its_code_and_place() {
    type Mutation = fn(&mut Value);
    type Case = (&'static str, Mutation, Vec<(&'static str, &'static str)>);
    let cases: Vec<Case> = vec![
        (
            "duplicate service id",
            |d| {
                let copy = d["services"][0].clone();
                d["services"].as_array_mut().expect("array").push(copy);
            },
            vec![("E0101", "/services/8/id")],
        ),
        (
            "dangling referral",
            |d| d["referrals"][0]["to"] = json!("imh-eats"),
            vec![("E0102", "/referrals/0/to")],
        ),
        (
            "unknown region",
            |d| d["services"][0]["regions"][0] = json!("eats"),
            vec![("E0103", "/services/0/regions/0")],
        ),
        (
            "unknown parent region",
            |d| d["regions"][1]["parent"] = json!("lnd"),
            vec![("E0103", "/regions/1/parent")],
        ),
        (
            "unknown adversity",
            |d| {
                d["services"][4]["eligibility"]["all"][1]["adversities"]["any_of"][0] =
                    json!("perinatal_mental_ilness")
            },
            vec![(
                "E0104",
                "/services/4/eligibility/all/1/adversities/any_of/0",
            )],
        ),
        (
            "unknown fact",
            |d| d["services"][2]["eligibility"]["all"][1]["fact"]["id"] = json!("first_time"),
            vec![("E0105", "/services/2/eligibility/all/1/fact/id")],
        ),
        (
            "fact type mismatch",
            |d| d["services"][2]["eligibility"]["all"][2]["fact"]["at_most"] = json!("nineteen"),
            vec![("E0106", "/services/2/eligibility/all/2/fact/at_most")],
        ),
        (
            "choice value not declared",
            |d| d["services"][4]["eligibility"]["all"][2]["fact"]["at_least"] = json!("very"),
            vec![("E0106", "/services/4/eligibility/all/2/fact/at_least")],
        ),
        (
            "ordering a boolean",
            |d| {
                d["services"][2]["eligibility"]["all"][1]["fact"] =
                    json!({"id": "first_time_parent", "at_least": true})
            },
            vec![("E0106", "/services/2/eligibility/all/1/fact/at_least")],
        ),
        (
            "ordering a choice whose values are not declared ordered",
            |d| {
                d["vocabulary"]["facts"][2]
                    .as_object_mut()
                    .expect("object")
                    .remove("ordered");
            },
            vec![("E0106", "/services/4/eligibility/all/2/fact/at_least")],
        ),
        (
            "ordering a number fact",
            |d| d["vocabulary"]["facts"][1]["ordered"] = json!(true),
            vec![("E0112", "/vocabulary/facts/1/ordered")],
        ),
        (
            "empty age range",
            |d| d["services"][5]["eligibility"]["age"]["before"] = json!("pregnancy"),
            vec![("E0107", "/services/5/eligibility/age")],
        ),
        (
            "equal bounds are empty too",
            |d| {
                d["services"][5]["eligibility"]["age"] =
                    json!({"from": "2 years", "before": "24 months"})
            },
            vec![("E0107", "/services/5/eligibility/age")],
        ),
        (
            "not an age",
            |d| d["services"][5]["eligibility"]["age"]["before"] = json!("two years"),
            vec![("E0108", "/services/5/eligibility/age/before")],
        ),
        (
            "not a duration",
            |d| d["referrals"][0]["delay"] = json!("a week"),
            vec![("E0109", "/referrals/0/delay")],
        ),
        (
            "two roots",
            |d| {
                d["regions"][3]
                    .as_object_mut()
                    .expect("object")
                    .remove("parent");
            },
            vec![("E0110", "/regions/3")],
        ),
        (
            "adversity test with two lists",
            |d| {
                d["services"][7]["eligibility"]["all"][1]["adversities"]["any_of"] =
                    json!(["trauma"])
            },
            vec![("E0111", "/services/7/eligibility/all/1/adversities")],
        ),
        (
            "choice fact without values",
            |d| {
                d["vocabulary"]["facts"][2]
                    .as_object_mut()
                    .expect("object")
                    .remove("values");
            },
            // The rule comparing with `moderate` is then wrong too.
            vec![
                ("E0106", "/services/4/eligibility/all/2/fact/at_least"),
                ("E0112", "/vocabulary/facts/2/values"),
            ],
        ),
        (
            "goal names unknown service",
            |d| d["goal"]["services"] = json!(["imh-esat"]),
            vec![("E0113", "/goal/services/0")],
        ),
        (
            "goal matches no service",
            |d| d["goal"] = json!({"tags": ["no-such-tag"]}),
            vec![("E0113", "/goal")],
        ),
        (
            "alternative names unknown service",
            |d| d["alternatives"] = json!([{"label": "x", "goal": {"services": ["imh-esat"]}}]),
            vec![("E0113", "/alternatives/0/goal/services/0")],
        ),
        (
            "each alternative checked, after one with an unknown service",
            |d| {
                d["alternatives"] = json!([
                    {"label": "x", "goal": {"services": ["imh-esat"]}},
                    {"label": "y", "goal": {"tags": ["no-such-tag"]}}
                ])
            },
            vec![
                ("E0113", "/alternatives/0/goal/services/0"),
                ("E0113", "/alternatives/1/goal"),
            ],
        ),
        (
            "pessimistic shorter than typical",
            |d| d["services"][5]["wait"]["pessimistic"] = json!("1 week"),
            vec![("E0114", "/services/5/wait/pessimistic")],
        ),
        (
            "unknown source",
            |d| d["services"][0]["sources"][0] = json!("made-upp"),
            vec![("E0115", "/services/0/sources/0")],
        ),
        (
            "self referral",
            |d| d["referrals"][0]["to"] = json!("hv-east"),
            vec![("E0116", "/referrals/0")],
        ),
        (
            "duplicate referral",
            |d| d["referrals"][1]["to"] = json!("imh-east"),
            vec![("E0117", "/referrals/1")],
        ),
    ];
    for (name, mutate, expected) in cases {
        let mut doc = base();
        mutate(&mut doc);
        let got = codes_of(&doc);
        let expected: Vec<(&str, String)> = expected
            .into_iter()
            .map(|(c, p)| (c, p.to_owned()))
            .collect();
        assert_eq!(got, expected, "case: {name}");
    }
}

#[test]
fn all_problems_are_reported_at_once_in_file_order() {
    let mut doc = base();
    doc["services"][0]["regions"][0] = json!("eats");
    doc["services"][5]["eligibility"]["age"]["before"] = json!("pregnancy");
    doc["referrals"][0]["to"] = json!("nowhere");
    // Pretty-printing a JSON value sorts keys: `referrals` comes before
    // `services` in this text, and problems come in the file's order.
    let got: Vec<&str> = codes_of(&doc).into_iter().map(|(c, _)| c).collect();
    assert_eq!(got, ["E0102", "E0103", "E0107"]);
}

#[test]
fn did_you_mean_and_line_column() {
    let mut doc = base();
    doc["services"][0]["regions"][0] = json!("eats");
    let text = serde_json::to_string_pretty(&doc).expect("serialize");
    let err = Pathway::from_json(&text).expect_err("invalid");
    let d = &err.diagnostics()[0];
    assert_eq!(d.help.as_deref(), Some("did you mean `east`?"));
    let line = text.lines().nth(d.location.line - 1).expect("line exists");
    assert!(
        line[d.location.column - 1..].starts_with("\"eats\""),
        "{line}"
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err =
        Pathway::from_json("{\n  \"metadata\": {\n    \"name\": \"x\",\n  }\n}").expect_err("bad");
    match err {
        LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (4, 3)),
        other => panic!("expected a syntax error, got {other}"),
    }
    for text in [
        "",
        "   ",
        "[",
        "{\"metadata\"",
        "null",
        "42",
        "\"x\"",
        "{} trailing",
    ] {
        let err = Pathway::from_json(text).expect_err(text);
        assert_eq!(err.code(), "E0001", "{text:?}: {err}");
    }
}

#[test]
fn unknown_fields_are_errors() {
    let mut doc = base();
    doc["services"][0]["eligable"] = json!(true);
    let err = Pathway::from_json(&doc.to_string()).expect_err("unknown field");
    assert_eq!(err.code(), "E0001");
    assert!(
        err.to_string().contains("unknown field `eligable`"),
        "{err}"
    );
}

#[test]
fn ten_thousand_deep_rule_is_rejected_without_overflow() {
    let mut doc = base();
    let depth = 10_000;
    let rule = format!(
        "{}{{\"age\": {{\"before\": \"1 year\"}}}}{}",
        "{\"not\": ".repeat(depth),
        "}".repeat(depth)
    );
    doc["services"][0]["eligibility"] = json!("PLACEHOLDER");
    let text = doc.to_string().replace("\"PLACEHOLDER\"", &rule);
    let err = Pathway::from_json(&text).expect_err("too deep");
    assert_eq!(err.code(), "E0001");
    assert!(err.to_string().contains("nesting deeper than 128"), "{err}");
    // Deep arrays, with no rule at all.
    let text = "[".repeat(100_000);
    assert_eq!(Pathway::from_json(&text).expect_err("deep").code(), "E0001");
}

#[test]
fn rules_nested_past_the_rule_limit_are_located() {
    // 70 levels of `not` fit in JSON's 128 levels only as arrays of `all`;
    // build the document in code instead, where no JSON limit applies.
    let mut doc: carepath::document::PathwayDocument =
        serde_json::from_value(base()).expect("document");
    let mut rule = carepath::document::Rule::All(Vec::new());
    for _ in 0..200 {
        rule = carepath::document::Rule::Not(Box::new(rule));
    }
    doc.services[0].eligibility = Some(rule);
    let err = Pathway::from_document(doc).expect_err("too deep");
    assert!(err.to_string().contains("nested deeper than 64"), "{err}");
}

#[test]
fn fifty_megabyte_file_is_refused_before_parsing() {
    let mut text = String::with_capacity(50 * 1024 * 1024 + 16);
    text.push_str("{\"metadata\": {\"name\": \"");
    text.extend(std::iter::repeat_n('x', 50 * 1024 * 1024));
    text.push_str("\"}}");
    let err = Pathway::from_json(&text).expect_err("too large");
    assert_eq!(err.code(), "E0002");
    let err = Pathway::from_reader(text.as_bytes()).expect_err("too large");
    assert_eq!(err.code(), "E0002");
}

#[test]
fn non_utf8_bytes_are_located() {
    let bytes = b"{\n  \"metadata\": {\"name\": \"caf\xe9\"}}";
    match Pathway::from_slice(bytes).expect_err("not utf-8") {
        LoadError::NotUtf8 {
            line,
            column,
            offset,
        } => {
            assert_eq!((line, column, offset), (2, 28, 29));
        }
        other => panic!("expected NotUtf8, got {other}"),
    }
    assert_eq!(
        Pathway::from_reader(&bytes[..]).expect_err("x").code(),
        "E0003"
    );
}

#[test]
fn profiles_with_unknown_ids_get_suggestions() {
    let p = Pathway::from_json(include_str!("fixtures/small.json")).expect("loads");
    let profile = carepath::Profile::new()
        .age("3 months")
        .expect("age")
        .region("eastt");
    let err = p
        .eligibility("imh-east", &profile)
        .expect_err("unknown region");
    let carepath::QueryError::UnknownRegion { suggestions, .. } = &err else {
        panic!("{err:?}");
    };
    let ids: Vec<&str> = suggestions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["east", "east-city"]);
    let profile = profile.region("east").adversity("domestic_abus");
    let err = p
        .eligibility("imh-east", &profile)
        .expect_err("unknown adversity");
    assert!(
        err.to_string().contains("did you mean `domestic_abuse`"),
        "{err}"
    );
    let profile = carepath::Profile::new()
        .age("3 months")
        .expect("age")
        .region("east")
        .fact("severity", "extreme");
    let err = p
        .eligibility("perinatal-team", &profile)
        .expect_err("bad value");
    assert!(
        err.to_string().contains("`mild`, `moderate`, `severe`"),
        "{err}"
    );
    let err = p
        .eligibility("imh-eats", &profile)
        .expect_err("unknown service");
    assert!(err.to_string().contains("did you mean `imh-east`"), "{err}");
    assert!(carepath::Profile::new().age("soon").is_err());
}
