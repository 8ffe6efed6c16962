//! Proptest strategies for property tests of pathway files and of the
//! engine: families valid for a given pathway, and random valid pathways
//! of a given size (described as data, so that a test can judge an answer
//! by brute force, and written out as pathway files).
//!
//! ```
//! use carepath::testing::strategies::{families, pathways};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     #![proptest_config(ProptestConfig::with_cases(8))]
//!     fn every_family_gets_an_answer(p in pathways(2..6)) {
//!         let pathway = p.load().unwrap();
//!         let mut runner = proptest::test_runner::TestRunner::deterministic();
//!         runner.run(&families(&pathway), |family| {
//!             prop_assert!(pathway.routes(&family, &carepath::RouteQuery::default()).is_ok());
//!             Ok(())
//!         }).unwrap();
//!     }
//! }
//! # every_family_gets_an_answer();
//! ```

mod families;
mod pathways;

pub use families::{FAMILY_AGES, families, families_aged};
pub use pathways::{
    ADVERSITIES, AdversityTest, GeneratedClause, GeneratedPathway, GeneratedReferral,
    GeneratedService, REFERRERS, REGION_PARENTS, REGIONS, SEVERITY, TIERS, pathways,
};
