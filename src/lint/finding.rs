//! What a lint run is told, and a finding before its level is known and
//! its place located. The other files of `lint` share these.

use crate::document::LintLevel;

/// What a lint run is told: the day it runs (for the review date), how old
/// a review may be, the age range families are considered over, and levels
/// set from outside the file (the command line).
///
/// The library never reads the clock: without `today`, `stale-review` is
/// not checked.
///
/// ```
/// let options = carepath::lint::LintOptions::default()
///     .today("2026-11-25")
///     .level("dead-end", carepath::document::LintLevel::Error);
/// assert_eq!(options.review_months, 12);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintOptions {
    /// Today's date, `YYYY-MM-DD`.
    pub today: Option<String>,
    /// How many months a review stays current (default 12).
    pub review_months: u32,
    /// The ages families are considered at, in days: from (inclusive),
    /// before (exclusive). Default: `pregnancy` to `5 years`.
    pub ages: (i32, i32),
    /// Levels by lint code, name or group, applied in order after the file's.
    pub levels: Vec<(String, LintLevel)>,
    /// The most work the claims about every family may take, in
    /// word-steps (default [`SEMANTIC_BUDGET`](crate::lint::SEMANTIC_BUDGET)):
    /// past it they are not made, and `semantic-lints-skipped` says so.
    pub semantic_budget: u64,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self {
            today: None,
            review_months: 12,
            ages: (-crate::age::PREGNANCY_DAYS, 1826),
            levels: Vec::new(),
            semantic_budget: SEMANTIC_BUDGET,
        }
    }
}

impl LintOptions {
    /// Sets today's date (`YYYY-MM-DD`).
    #[must_use]
    pub fn today(mut self, date: &str) -> Self {
        self.today = Some(date.to_owned());
        self
    }

    /// Sets the work budget of the claims about every family, in
    /// word-steps.
    ///
    /// ```
    /// let options = carepath::lint::LintOptions::default().semantic_budget(1000);
    /// assert_eq!(options.semantic_budget, 1000);
    /// ```
    #[must_use]
    pub fn semantic_budget(mut self, steps: u64) -> Self {
        self.semantic_budget = steps;
        self
    }

    /// Sets the level of a lint (by code or name) or of a group.
    #[must_use]
    pub fn level(mut self, selector: &str, level: LintLevel) -> Self {
        self.levels.push((selector.to_owned(), level));
        self
    }
}

/// The default work budget of the semantic lints, in word-steps (one
/// 64-bit word of kinds of one piece of a sheet read or written, and 64 for
/// each operation however small): 10⁹. Measured at 5–10 ns a step in a
/// release build, so about 10 s on one core at most (a debug build is
/// about 20× slower). The shipped Scotland pathway spends about 1.4 · 10⁶;
/// the synthetic national pathway of 10,000 services about 1.5 · 10⁸
/// (lowering the budget until `L0209` appears, `examples/lint_probe.rs`).
///
/// ```
/// let options = carepath::lint::LintOptions::default();
/// assert_eq!(options.semantic_budget, carepath::lint::SEMANTIC_BUDGET);
/// ```
pub const SEMANTIC_BUDGET: u64 = 1_000_000_000;

/// A finding before its level is known and its place is located.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub(crate) code: &'static str,
    pub(crate) pointer: String,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) example: Option<String>,
    /// The service the finding is about, for settings limited to services.
    pub(crate) service: Option<String>,
    /// Underline the key naming the value rather than the value.
    pub(crate) key: bool,
    /// Other places the finding concerns (JSON pointers).
    pub(crate) related: Vec<String>,
}

impl Raw {
    pub(crate) fn new(code: &'static str, pointer: &str, message: String) -> Self {
        Self {
            code,
            pointer: pointer.to_owned(),
            message,
            help: None,
            example: None,
            service: None,
            key: code == "E0005" || code == "E0010",
            related: Vec::new(),
        }
    }
    pub(crate) fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
    pub(crate) fn about(mut self, service: &str) -> Self {
        self.service = Some(service.to_owned());
        self
    }
}
