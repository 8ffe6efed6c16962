#![doc = include_str!("../README.md")]
// `unsafe` is forbidden, and unwrap/expect/panic/indexing denied, by the
// `[lints]` table of Cargo.toml (for the library and the command alike).

// The stages, in the order data flows through them (see DESIGN.md, "Shape
// of the code"): a module may import only from those above it in this list.
// `tests/layout.rs` enforces the order and the absence of circles.

// Leaves.
pub mod age;
mod bits;
pub mod diagnostic;
mod error;
mod escape;
pub mod limits;
pub mod suggest;
// Text → document.
pub mod document;
// Document → model.
mod model;
// The compiled pathway, and how it is built.
mod compile;
mod pathway;
// Answers about one family.
mod query;
// Answers about every family.
pub mod analysis;
// The catalogue of checks on a whole pathway file.
pub mod lint;
// Renderings.
mod render;

pub use analysis::{
    COVERAGE_BUDGET, COVERAGE_MEMORY, Cell, Change, ChangeKind, Class, Coverage, CoverageBox,
    CoverageDiff, CoverageQuery, DIFF_THRESHOLD_DAYS, Days, DiffSummary, FactRange, FamilyBox, Gap,
    MAX_KINDS, Matrix, MatrixRow, Status,
};
pub use compile::{MAX_RULE_DEPTH, MAX_RULE_SIZE};
pub use diagnostic::{Diagnostic, Severity};
pub use document::Tier;
#[cfg(feature = "schema")]
pub use document::schema;
pub use error::{LoadError, QueryError};
pub use lint::{Report, lint};
pub use model::profile::Profile;
pub use model::rules;
pub use model::rules::{Clause, Explanation, Truth};
pub use pathway::{Pathway, PathwaySize, ReferralSummary, ServiceSummary};
pub use query::eligibility::{ReferredFrom, RegionCheck, Verdict};
pub use query::names::{RegionSummary, Term};
pub use query::prepared::{PreparedProfile, WaitKind};
pub use query::route;
pub use query::route::{NotReached, Ranking, Reason, Route, RouteAnswer, RouteQuery, Step};
pub use render::picture::{Picture, PictureQuery};
pub use render::{dot, github, heatmap, html, human, mermaid, picture, sarif, svg, text};
// Keeping pathway files under test.
pub mod testing;
