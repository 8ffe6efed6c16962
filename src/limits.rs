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

/// Problems found when loading a file get a "did you mean" suggestion only
/// while fewer than this many (100) have been found: each suggestion
/// compares the id with every known one (up to a million table cells, see
/// [`crate::suggest`]), and a file with thousands of unknown ids is
/// generated, not misspelt. Together: at most 10⁸ cells per load.
pub const MAX_SUGGESTIONS: usize = 100;

/// The limits a load enforces, for a host that must load files larger than
/// the default (a national pathway of 100,000 services and 1,000,000
/// referrals is about 160 MiB). Raising `max_file_bytes` raises the load's
/// cost in proportion: about 0.1 s of CPU and 17 MiB of memory beyond the
/// text per 10 MiB of pathway (see `BENCHMARKS.md`).
///
/// ```
/// let limits = carepath::limits::LoadLimits::default().max_file_bytes(1024);
/// let err = carepath::Pathway::from_json_with(&" ".repeat(2000), &limits).unwrap_err();
/// assert_eq!(err.code(), "E0002");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadLimits {
    /// The largest file accepted, in bytes (default [`MAX_FILE_BYTES`]).
    pub max_file_bytes: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

impl LoadLimits {
    /// Sets the largest file accepted, in bytes.
    #[must_use]
    pub fn max_file_bytes(mut self, bytes: usize) -> Self {
        self.max_file_bytes = bytes;
        self
    }
}

/// A UTF-8 byte-order mark, which some editors write at the start of a
/// file: it is not part of the JSON and is skipped.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
