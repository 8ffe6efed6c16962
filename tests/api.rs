//! The API for embedders: answers read back with the crate's own types,
//! files read from a path or a reader with the same limits.
#![cfg(test)]

use carepath::age::Date;
use carepath::{LoadError, Pathway, Profile, RouteAnswer, RouteQuery, Verdict};

fn scotland() -> Pathway {
    Pathway::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/scotland.json"
    ))
    .expect("loads")
}

#[test]
fn answers_read_back_as_they_were_written() {
    let p = scotland();
    let today = Date::parse("2026-11-25").expect("date");
    let families = [
        Profile::new()
            .age("4 months")
            .expect("age")
            .region("glasgow-city")
            .adversity("care_proceedings"),
        Profile::new()
            .born(Date::parse("2024-01-30").expect("date"), today)
            .expect("born")
            .region("fife")
            .adversity("trauma"),
        Profile::new()
            .due(Date::parse("2027-01-20").expect("date"), today)
            .expect("due")
            .region("na-h-eileanan-siar"),
        Profile::new()
            .age("34 months")
            .expect("age")
            .region("north-lanarkshire")
            .adversity("trauma"),
    ];
    for family in &families {
        let answer = p.routes(family, &RouteQuery::default()).expect("answers");
        let text = serde_json::to_string(&answer).expect("writes");
        let back: RouteAnswer = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, answer);
        for service in [
            "fife-infant-mental-health-team",
            "glasgow-infant-and-family-team",
        ] {
            let verdict = p.eligibility(service, family).expect("answers");
            let text = serde_json::to_string(&verdict).expect("writes");
            let back: Verdict = serde_json::from_str(&text).expect("reads back");
            assert_eq!(back, verdict);
        }
    }
    let services: Vec<_> = p.services().collect();
    let back: Vec<carepath::ServiceSummary> =
        serde_json::from_str(&serde_json::to_string(&services).expect("writes")).expect("reads");
    assert_eq!(back, services);
    let size = p.size();
    let back: carepath::PathwaySize =
        serde_json::from_str(&serde_json::to_string(&size).expect("writes")).expect("reads");
    assert_eq!(back, size);
}

#[test]
fn paths_and_readers_share_the_limits() {
    let text = include_str!("../pathways/scotland.json");
    let by_reader = Pathway::from_reader(text.as_bytes()).expect("loads");
    assert_eq!(by_reader.size(), scotland().size());
    // One byte over the limit, from a reader and from a file.
    let limit = carepath::limits::MAX_FILE_BYTES;
    let big = vec![b' '; limit + 1];
    assert!(matches!(
        Pathway::from_reader(big.as_slice()),
        Err(LoadError::TooLarge { .. })
    ));
    let path = std::env::temp_dir().join(format!("carepath-api-{}.json", std::process::id()));
    std::fs::write(&path, &big).expect("writes");
    let from_path = Pathway::from_path(&path);
    let _ = std::fs::remove_file(&path);
    assert!(matches!(from_path, Err(LoadError::TooLarge { .. })));
    assert_eq!(
        Pathway::from_path("/no/such/pathway.json")
            .map(|_| ())
            .map_err(|e| e.code()),
        Err("E0004")
    );
}
