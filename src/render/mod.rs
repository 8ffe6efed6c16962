//! Answers for people and tools: plain text today (serde's JSON needs no
//! renderer).
//!
//! May use: every stage below it (`query`, `pathway`, `model`, the leaves);
//! nothing imports `render` but the binary and `testing`.

mod coverage;
mod listing;
pub mod text;
