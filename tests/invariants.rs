//! Engine invariants as properties: determinism (the same answer twice,
//! and from several threads at once), serde round-trips of the answer and
//! of the document, and monotonicity (adding a referral never removes a
//! family's route). Families are random over the whole profile space of
//! the small fixture; `PROPTEST_CASES` raises the count. With the feature
//! `testing`: lint, coverage and routes never panic on random valid
//! pathways.
#![cfg(test)]

use carepath::document::{PathwayDocument, ReferralDoc};
use carepath::{Pathway, Profile, RouteAnswer, RouteQuery};
use proptest::prelude::*;

const SMALL: &str = include_str!("fixtures/small.json");

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

fn document() -> PathwayDocument {
    PathwayDocument::from_json(SMALL).unwrap_or_else(|e| panic!("{e}"))
}

fn pathway() -> &'static Pathway {
    static P: std::sync::OnceLock<Pathway> = std::sync::OnceLock::new();
    P.get_or_init(|| Pathway::from_json(SMALL).unwrap_or_else(|e| panic!("{e}")))
}

/// Any family the fixture can tell apart: age, region, adversities, facts.
fn family() -> impl Strategy<Value = Profile> {
    let doc = document();
    let regions: Vec<String> = doc.regions.iter().map(|r| r.id.clone()).collect();
    let adversities: Vec<String> = doc
        .vocabulary
        .adversities
        .iter()
        .map(|a| a.id.clone())
        .collect();
    (
        -300..1900i32,
        prop::sample::select(regions),
        prop::sample::subsequence(adversities.clone(), 0..=adversities.len()),
        prop::option::of(any::<bool>()),
        prop::option::of(14..45i32),
        prop::option::of(prop::sample::select(vec!["mild", "moderate", "severe"])),
    )
        .prop_map(|(age, region, adv, first, parent_age, severity)| {
            let mut p = Profile::new().age_days(age).region(&region);
            p.adversities = adv;
            if let Some(v) = first {
                p = p.fact("first_time_parent", v);
            }
            if let Some(v) = parent_age {
                p = p.fact("parent_age_years", v);
            }
            if let Some(v) = severity {
                p = p.fact("severity", v);
            }
            p
        })
}

fn query() -> impl Strategy<Value = RouteQuery> {
    (1..5usize, 1..9usize, any::<bool>(), any::<bool>()).prop_map(
        |(limit, hops, fewest, pessimistic)| {
            let mut q = RouteQuery::default().limit(limit).max_hops(hops);
            if fewest {
                q = q.ranking(carepath::Ranking::FewestHandoffs);
            }
            if pessimistic {
                q = q.waits(carepath::WaitKind::Pessimistic);
            }
            q
        },
    )
}

fn answer(p: &Pathway, f: &Profile, q: &RouteQuery) -> RouteAnswer {
    p.routes(f, q).unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The same question gives the same answer, twice and from four
    /// threads at once.
    #[test]
    fn answers_are_deterministic_across_threads(f in family(), q in query()) {
        let p = pathway();
        let first = answer(p, &f, &q);
        prop_assert_eq!(&first, &answer(p, &f, &q));
        let others: Vec<RouteAnswer> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| answer(p, &f, &q))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("thread"))).collect()
        });
        for other in others {
            prop_assert_eq!(&first, &other);
        }
    }

    /// Every answer reads back from its JSON as itself.
    #[test]
    fn answers_round_trip_through_json(f in family(), q in query()) {
        let a = answer(pathway(), &f, &q);
        let json = serde_json::to_string(&a).unwrap_or_else(|e| panic!("{e}"));
        let back: RouteAnswer = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        prop_assert_eq!(back, a);
    }

    /// Adding a referral (without condition) never takes away a family's
    /// last route.
    #[test]
    fn adding_a_referral_never_removes_a_route(
        f in family(),
        from in 0..8usize,
        to in 0..8usize,
        delay in prop::sample::select(vec!["0 days", "1 week", "6 months"]),
    ) {
        let mut doc = document();
        let ids: Vec<String> = doc.services.iter().map(|s| s.id.clone()).collect();
        let (Some(a), Some(b)) = (ids.get(from % ids.len()), ids.get(to % ids.len())) else {
            return Ok(());
        };
        prop_assume!(a != b);
        let q = RouteQuery::default().limit(1);
        let before = answer(pathway(), &f, &q);
        doc.referrals.push(ReferralDoc {
            from: a.clone(),
            to: b.clone(),
            when: None,
            delay: Some(delay.to_owned()),
            notes: String::new(),
        });
        let Ok(more) = Pathway::from_document(doc) else {
            // A referral that already exists is a duplicate: nothing to add.
            return Ok(());
        };
        let after = answer(&more, &f, &q);
        prop_assert!(before.routes.is_empty() || !after.routes.is_empty(), "{a} → {b}");
        if let (Some(x), Some(y)) = (before.routes.first(), after.routes.first()) {
            prop_assert!(y.days_to_goal <= x.days_to_goal, "{a} → {b}: slower");
        }
    }
}

/// parse → print → parse gives the same document, and a pathway that
/// answers every question the same way.
#[test]
fn documents_round_trip_through_json() {
    for text in [SMALL, include_str!("../pathways/scotland.json")] {
        let doc = PathwayDocument::from_json(text).unwrap_or_else(|e| panic!("{e}"));
        let printed = doc.to_json_pretty();
        let again = PathwayDocument::from_json(&printed).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, doc);
        let (p, q) = (
            Pathway::from_json(text).unwrap_or_else(|e| panic!("{e}")),
            Pathway::from_json(&printed).unwrap_or_else(|e| panic!("{e}")),
        );
        let services = |p: &Pathway| p.services().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(services(&p), services(&q));
    }
}

/// Lint, coverage and route questions on random valid pathways
/// (`carepath::testing::strategies`): each gives an answer or an error,
/// never a panic, and coverage and routes say whether they finished.
#[cfg(feature = "testing")]
mod random_pathways {
    use carepath::testing::strategies::{families, pathways};
    use carepath::{CoverageQuery, QueryError, RouteQuery};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(super::cases() / 4))]

        #[test]
        fn lint_and_coverage_never_panic(generated in pathways(1..10)) {
            let text = generated.to_json();
            let report = carepath::lint(&text);
            // Every generated file compiles, so every lint of the catalogue ran.
            prop_assert!(report.compiled);
            let pathway = generated.load().unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(&pathway.lint(&carepath::lint::LintOptions::default()).findings.len(),
                &report.findings.len());
            match pathway.coverage(&CoverageQuery::default().ages(-280, 400)) {
                Ok(coverage) => prop_assert!(coverage.is_complete()),
                // No service carries the goal tag and none is specialist: said, not a panic.
                Err(QueryError::NoGoalService(_)) => {}
                Err(e) => prop_assert!(false, "{}", e),
            }
        }

        #[test]
        fn routes_never_panic_for_any_family(
            (generated, family_list) in pathways(1..10).prop_flat_map(|g| {
                let pathway = g.load().unwrap_or_else(|e| panic!("{e}"));
                (Just(g), prop::collection::vec(families(&pathway), 8))
            }),
        ) {
            let pathway = generated.load().unwrap_or_else(|e| panic!("{e}"));
            let q = RouteQuery::default().limit(3);
            for family in &family_list {
                match pathway.routes(family, &q) {
                    Ok(answer) => prop_assert!(answer.routes.len() <= 3),
                    Err(QueryError::NoGoalService(_)) => {}
                    Err(e) => prop_assert!(false, "{:?}: {}", family, e),
                }
            }
        }
    }
}
