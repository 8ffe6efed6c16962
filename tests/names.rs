//! Names as people write them: by id or name, in any case and punctuation,
//! where unambiguous; otherwise up to three suggestions, ids and names.
#![cfg(test)]

use carepath::suggest::{Candidate, NameKind};
use carepath::{Pathway, Profile, QueryError, RouteQuery};

fn scotland() -> Pathway {
    Pathway::from_json(include_str!("../pathways/scotland.json")).expect("loads")
}

/// What an error suggests (or the candidates of an ambiguous name), as ids.
fn offered(e: &QueryError) -> Vec<String> {
    let ids = |c: &[Candidate]| c.iter().map(|c| c.id.clone()).collect();
    match e {
        QueryError::UnknownRegion { suggestions, .. }
        | QueryError::UnknownAdversity { suggestions, .. }
        | QueryError::UnknownFact { suggestions, .. }
        | QueryError::UnknownService { suggestions, .. }
        | QueryError::UnknownTag { suggestions, .. } => ids(suggestions),
        QueryError::Ambiguous { candidates, .. } => ids(candidates),
        _ => Vec::new(),
    }
}

#[test]
fn names_resolve_by_id_or_name() {
    let p = scotland();
    let cases: &[(NameKind, &str, &str)] = &[
        (NameKind::Region, "city-of-edinburgh", "city-of-edinburgh"),
        (NameKind::Region, "City of Edinburgh", "city-of-edinburgh"),
        (NameKind::Region, "CITY_OF_EDINBURGH", "city-of-edinburgh"),
        (NameKind::Region, "nhs fife", "nhs-fife"),
        (NameKind::Region, "Fife", "fife"),
        (
            NameKind::Service,
            "Infant mental health team (Fife)",
            "fife-infant-mental-health-team",
        ),
        (
            NameKind::Service,
            "FIFE-HEALTH-VISITING",
            "fife-health-visiting",
        ),
        (NameKind::Adversity, "Domestic abuse", "domestic_abuse"),
        (NameKind::Adversity, "domestic-abuse", "domestic_abuse"),
        (NameKind::Fact, "First-time parent", "first_time_parent"),
        (
            NameKind::Tag,
            "Infant Mental Health",
            "infant-mental-health",
        ),
    ];
    for &(kind, text, id) in cases {
        assert_eq!(
            p.resolve(kind, text).as_deref(),
            Ok(id),
            "{kind:?} {text:?}"
        );
    }
}

#[test]
fn unknown_and_ambiguous_names_suggest_up_to_three() {
    let p = scotland();
    let cases: &[(NameKind, &str, &[&str])] = &[
        (NameKind::Region, "edinburgh", &["city-of-edinburgh"]),
        (
            NameKind::Region,
            "glasgow",
            &["glasgow-city", "nhs-greater-glasgow-and-clyde"],
        ),
        (NameKind::Region, "fief", &["fife", "nhs-fife"]),
        (NameKind::Adversity, "domestic abuze", &["domestic_abuse"]),
        (NameKind::Fact, "first time", &["first_time_parent"]),
        (
            NameKind::Tag,
            "infant-mental",
            &["infant-mental-health", "infant-mental-health-consultation"],
        ),
        (NameKind::Region, "zzzzzz", &[]),
    ];
    for &(kind, text, expected) in cases {
        let e = p.resolve(kind, text).expect_err(text);
        let got = offered(&e);
        assert!(got.len() <= 3, "{text}: {got:?}");
        // The likeliest first; the rest may change with the shipped data.
        assert!(
            got.len() >= expected.len() && got.iter().zip(expected).all(|(g, e)| g == e),
            "{kind:?} {text:?}: {got:?}"
        );
        assert_eq!(
            expected.is_empty(),
            got.is_empty(),
            "{kind:?} {text:?}: {got:?}"
        );
    }
    // No service is called `nhs-…`: three of those sharing the word `fife`.
    let got = offered(
        &p.resolve(NameKind::Service, "nhs-fief")
            .expect_err("unknown"),
    );
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|id| id.starts_with("fife-")), "{got:?}");
    // A health board and its one council area can share a name's letters:
    // `the same text` must never silently pick one of two.
    let e = Pathway::from_json(
        &include_str!("fixtures/small.json").replace(r#""name": "West""#, r#""name": "East""#),
    )
    .expect("loads")
    .resolve(NameKind::Region, "EAST")
    .expect_err("ambiguous");
    assert!(matches!(e, QueryError::Ambiguous { .. }), "{e:?}");
    assert_eq!(offered(&e), ["east", "west"]);
}

#[test]
fn profiles_and_queries_take_names() {
    let p = scotland();
    let family = Profile::new()
        .age("4 months")
        .expect("age")
        .region("Glasgow City")
        .adversity("Care proceedings");
    let by_name = p
        .routes(&family, &RouteQuery::default().limit(1))
        .expect("answers");
    let family = Profile::new()
        .age("4 months")
        .expect("age")
        .region("glasgow-city")
        .adversity("care_proceedings");
    let by_id = p
        .routes(&family, &RouteQuery::default().limit(1))
        .expect("answers");
    assert_eq!(by_name, by_id);
    assert!(!by_id.routes.is_empty());
    let v = p
        .eligibility(
            "Infant mental health team (Fife)",
            &Profile::new().age("3 months").expect("age").region("fife"),
        )
        .expect("answers");
    assert_eq!(v.service, "fife-infant-mental-health-team");
}
