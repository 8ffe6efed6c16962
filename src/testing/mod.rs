//! Keeping pathway files under test.
//!
//! - [`scenario`]: scenario files — named cases, each a family, a route
//!   question and what must hold of the answer — and the runner behind
//!   `carepath test` (always built: it needs nothing beyond serde).
//! - With the feature `testing`: assertions for `cargo test`
//!   (`assert_scenarios`, `assert_scenarios_text`, `assert_lint_clean`), and
//!   `strategies` for property tests: families
//!   valid for a given pathway, and random valid pathways of a given size.
//!
//! The last stage: may use every other stage.

mod options;
mod outcome;
pub mod scenario;
mod scenario_lint;

#[cfg(feature = "testing")]
mod assert;

#[cfg(feature = "testing")]
pub mod strategies;

#[cfg(feature = "testing")]
pub use assert::{
    assert_lint_clean, assert_lint_clean_with, assert_scenarios, assert_scenarios_text,
};
