//! Properties of the repository's pathway over random families, with
//! carepath's proptest strategies (`carepath::testing::strategies`).

use carepath::testing::strategies::families;
use carepath::{Pathway, RouteQuery};
use proptest::prelude::*;

const AREA: &str = include_str!("../pathways/area.json");

/// Services only the east provides: a west family is never sent to one.
const EAST_ONLY: [&str; 4] = ["hv-east", "parenting-group", "imh-east", "city-infant-team"];

/// The pathway file lints clean: no error and no warning.
#[test]
fn area_pathway_lints_clean() {
    carepath::testing::assert_lint_clean(AREA);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every family the pathway can describe gets an answer, and every
    /// route ends at an infant mental health service.
    #[test]
    fn every_route_ends_at_an_infant_mental_health_service(family in families(&pathway())) {
        let pathway = pathway();
        let answer = pathway.routes(&family, &RouteQuery::default()).unwrap();
        prop_assert!(answer.complete);
        for route in &answer.routes {
            let last = route.steps.last().unwrap();
            let tags = pathway.service(&last.service).unwrap().tags;
            prop_assert!(tags.iter().any(|t| t == "infant-mental-health"), "{:?}", route);
        }
    }

    /// A family living in the west is never sent to a service only the
    /// east provides.
    #[test]
    fn west_families_stay_in_the_west(family in families(&pathway())) {
        let family = family.region("west");
        let answer = pathway().routes(&family, &RouteQuery::default().limit(5)).unwrap();
        for route in &answer.routes {
            for step in &route.steps {
                prop_assert!(!EAST_ONLY.contains(&&*step.service), "{:?}", route);
            }
        }
    }
}

fn pathway() -> Pathway {
    Pathway::from_json(AREA).unwrap()
}
