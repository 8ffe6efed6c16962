//! Questions about one family: eligibility of one service, a profile
//! prepared for many fast checks, and ranked referral routes with why each
//! goal service not reached is out of reach.
//!
//! May use: the leaves, `document`, `model` and `pathway` (never `compile`,
//! `analysis`, `lint`, `render` or `testing`). Within: `prepared` and
//! `eligibility` stand below `route`.

pub(crate) mod eligibility;
pub(crate) mod names;
pub(crate) mod prepared;
pub mod route;
