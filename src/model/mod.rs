//! What a pathway is made of, once read: the region tree, the vocabulary of
//! adversities and facts, compiled eligibility rules (evaluation and
//! explanation), and the profile of a family.
//!
//! May use: the leaves (`age`, `suggest`, `diagnostic`, `bits`, `limits`,
//! `error`) and `document`. Within: `region` and `vocabulary` are leaves,
//! `profile` uses both, `rules` uses all three.

pub(crate) mod profile;
pub(crate) mod region;
pub mod rules;
pub(crate) mod vocabulary;
