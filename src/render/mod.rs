//! Answers for people and tools: plain text; pictures of a pathway (DOT,
//! Mermaid, SVG) and the one-page HTML report; lint reports as a compiler
//! prints them (`human`), as SARIF 2.1.0 (`sarif`) and as GitHub workflow
//! annotations (`github`). serde's JSON needs no renderer.
//!
//! May use: every stage below it (`lint`, `query`, `pathway`, `model`, the leaves);
//! nothing imports `render` but the binary and `testing`. Within: `palette`
//! and `rule` stand below `picture`, which stands below `dot`, `mermaid`
//! and `layout`; `svg` uses `layout`; `html` uses `svg`.

mod coverage;
pub mod dot;
pub mod github;
pub mod heatmap;
pub mod html;
pub mod human;
mod layout;
mod listing;
pub mod mermaid;
mod palette;
pub mod picture;
mod rule;
pub mod sarif;
pub mod svg;
pub mod text;
