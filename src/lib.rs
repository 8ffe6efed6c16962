#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod age;
mod compile;
pub mod diagnostic;
pub mod document;
mod eligibility;
mod error;
mod pathway;
mod prepared;
mod profile;
mod region;
pub mod route;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod text;
mod vocabulary;

pub use compile::MAX_RULE_DEPTH;
pub use diagnostic::{Diagnostic, Severity};
pub use document::Tier;
pub use eligibility::{RegionCheck, Verdict};
pub use error::{LoadError, QueryError};
pub use pathway::{Pathway, ReferralSummary, ServiceSummary};
pub use prepared::{PreparedProfile, WaitKind};
pub use profile::Profile;
pub use route::{NotReached, Ranking, Reason, Route, RouteAnswer, RouteQuery, Step};
pub use rules::{Clause, Explanation, Truth};
