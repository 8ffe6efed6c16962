//! Answers for people and tools: plain text, and pictures of a pathway
//! (DOT, Mermaid, SVG) and the one-page HTML report (serde's JSON needs no
//! renderer).
//!
//! May use: every stage below it (`query`, `pathway`, `model`, the leaves);
//! nothing imports `render` but the binary and `testing`. Within: `palette`
//! and `rule` stand below `picture`, which stands below `dot`, `mermaid`
//! and `layout`; `svg` uses `layout`; `html` uses `svg`.

mod coverage;
pub mod dot;
pub mod heatmap;
pub mod html;
mod layout;
mod listing;
pub mod mermaid;
mod palette;
pub mod picture;
mod rule;
pub mod svg;
pub mod text;
