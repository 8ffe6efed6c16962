//! Random pathways of the `testing` strategies load the same through the
//! streamed reader (`Pathway::from_json`: referrals read one at a time
//! into an interned list) as through the whole document
//! (`PathwayDocument::from_json` then `Pathway::from_document`, the lint's
//! way): the same services, referrals and lint report. The unit tests of
//! `src/compile/tests.rs` compare the two on fixtures and hostile files.
#![cfg(test)]

use carepath::Pathway;
use carepath::document::PathwayDocument;
use carepath::lint::LintOptions;
use carepath::testing::strategies::pathways;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_pathways_load_the_same_either_way(p in pathways(1..12)) {
        let text = p.to_json();
        let streamed = Pathway::from_json(&text).unwrap();
        let whole = Pathway::from_document(PathwayDocument::from_json(&text).unwrap()).unwrap();
        prop_assert_eq!(streamed.size(), whole.size());
        prop_assert_eq!(
            streamed.services().collect::<Vec<_>>(),
            whole.services().collect::<Vec<_>>()
        );
        prop_assert_eq!(
            streamed.referrals().collect::<Vec<_>>(),
            whole.referrals().collect::<Vec<_>>()
        );
        let lint = |p: &Pathway| serde_json::to_string(&p.lint(&LintOptions::default())).unwrap();
        prop_assert_eq!(lint(&streamed), lint(&whole));
    }
}
