//! The bounds on what a pathway file may be: every limit that keeps the
//! cost of loading a file bounded lives here, with what it bounds.
//!
//! A leaf: imports nothing from the crate.

/// The largest pathway file accepted, in bytes (16 MiB).
///
/// A national pathway of 10,000 services and 100,000 referrals is about
/// 10 MiB of JSON; anything far larger is almost certainly not a pathway.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of JSON objects and arrays accepted (128 levels, the
/// limit of the JSON reader). Deeper files get [`LoadError::Syntax`](crate::LoadError::Syntax) naming
/// the line and column where the limit was passed.
pub const MAX_NESTING: usize = 128;
