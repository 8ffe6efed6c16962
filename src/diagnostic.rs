//! Diagnostics: one problem in a pathway file, with a stable code, a
//! severity, its place in the file and a hint.
//!
//! Codes are API: tests and CI scripts match on them, so a code never
//! changes meaning. Messages are lowercase, without a trailing period, with
//! the user's words in backticks.
//!
//! | code | problem |
//! | --- | --- |
//! | `E0001` | malformed JSON, a wrong shape, an unknown field, or nesting too deep |
//! | `E0002` | file larger than the limit |
//! | `E0003` | bytes that are not UTF-8 |
//! | `E0004` | the file could not be read |
//! | `E0101` | duplicate id |
//! | `E0102` | referral names an unknown service |
//! | `E0103` | unknown region |
//! | `E0104` | unknown adversity |
//! | `E0105` | unknown fact |
//! | `E0106` | fact compared with a value of the wrong type, or an unordered choice compared by order |
//! | `E0107` | empty age range (`from` is not before `before`), or a `referred_from` whose parts exclude every referrer |
//! | `E0108` | text that is not an age |
//! | `E0109` | text that is not a duration |
//! | `E0110` | region tree is not a tree (no root, several roots, a cycle) |
//! | `E0111` | adversity or fact test without exactly one comparison, or a `referred_from` with no part |
//! | `E0112` | choice fact without values, or values or `ordered` on another kind |
//! | `E0113` | goal or alternative names an unknown service, or matches no service |
//! | `E0114` | pessimistic wait shorter than the typical wait |
//! | `E0115` | unknown source id |
//! | `E0116` | a service refers to itself |
//! | `E0117` | a second referral between the same two services |
//! | `E0118` | a rule larger than the limit (clauses and the ids they list) |
//! | `E0119` | an id (of a source, adversity, fact, region or service, or a tag) outside the safe alphabet: ASCII letters and digits, `-`, `_` and `.`, beginning with a letter or digit, 1 to 128 characters; the message names the character and its position |
//!
//! [`carepath::lint`](crate::lint()) reports these and more, each with a
//! kebab-case name as well: finer shape errors (`E0005`…`E0010`) and the
//! lints of the catalogue (`L…`), listed in [`crate::lint`](mod@crate::lint) and by
//! `carepath explain`.
//!
//! A leaf: imports nothing from the crate.

use serde::{Deserialize, Serialize};

/// A place in a pathway file: where a value starts and ends, and its
/// JSON pointer.
///
/// ```
/// let loc = carepath::document::Location::at("/services/0", 3, 5);
/// assert_eq!(loc.to_string(), "3:5 (/services/0)");
/// assert_eq!((loc.end_line, loc.end_column), (3, 5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Location {
    /// JSON pointer (RFC 6901) to the value, e.g. `/services/3/regions/0`.
    pub pointer: String,
    /// 1-based line of the value's first character (0 when unknown).
    pub line: usize,
    /// 1-based column, in characters (0 when unknown).
    pub column: usize,
    /// 1-based line of the value's last character (0 when unknown).
    #[serde(default)]
    pub end_line: usize,
    /// 1-based column just past the value's last character, on `end_line`
    /// (0 when unknown). A one-character value at column 5 ends at 6.
    #[serde(default)]
    pub end_column: usize,
}

impl Location {
    /// A location of one point: the span starts and ends at `line`:`column`.
    ///
    /// ```
    /// let loc = carepath::document::Location::at("/goal", 0, 0);
    /// assert_eq!(loc.to_string(), "/goal");
    /// ```
    #[must_use]
    pub fn at(pointer: impl Into<String>, line: usize, column: usize) -> Self {
        Self {
            pointer: pointer.into(),
            line,
            column,
            end_line: line,
            end_column: column,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.pointer)
        } else {
            write!(f, "{}:{} ({})", self.line, self.column, self.pointer)
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
///
/// O(n) in the text's length: for one place. For many, build a
/// [`LineIndex`] once.
pub(crate) fn line_column_of(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

/// How many bytes lie between two character-count checkpoints.
const CHECKPOINT: usize = 1024;

/// Where each line starts, and how many characters precede every
/// 1,024th byte: a line and column then costs O(log lines + 1,024),
/// however long the line (a minified one-line file once took minutes
/// to place its problems, each counted from the start of the line).
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters in `text[..k * CHECKPOINT]` (bytes that do not continue a
    /// UTF-8 sequence).
    chars_before: Vec<usize>,
}

fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl LineIndex {
    /// O(n) time; O(lines + n / 1,024) space.
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut count = 0usize;
        for block in bytes.chunks(CHECKPOINT) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| starts_char(b)).count();
        }
        chars_before.push(count);
        Self {
            line_starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / CHECKPOINT;
        let base = self.chars_before.get(block).copied().unwrap_or(0);
        let start = block * CHECKPOINT;
        let in_block = self
            .chars_before
            .get(block + 1)
            .map(|next| next - base)
            .filter(|_| offset >= start);
        if in_block == Some(CHECKPOINT) || in_block == Some(text.len() - start) {
            // A block of one-byte characters only: no need to count them.
            return base + (offset - start);
        }
        let tail = text
            .as_bytes()
            .get(block * CHECKPOINT..offset)
            .map_or(0, |s| s.iter().filter(|&&b| starts_char(b)).count());
        base + tail
    }

    /// 1-based line and character column of byte `offset` (columns are
    /// never 0: an empty text's end is line 1 column 1).
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .chars_to(text, offset)
            .saturating_sub(self.chars_to(text, start))
            + 1;
        (line, column)
    }
}

/// How serious a diagnostic is: its level.
///
/// ```
/// assert!(carepath::Severity::Error > carepath::Severity::Warning);
/// assert_eq!(carepath::Severity::Info.as_str(), "info");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably a mistake; the pathway still works.
    Warning,
    /// The pathway cannot be used as written.
    Error,
}

impl Severity {
    /// The level's name as written in output and settings.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// The kebab-case name of each code that loading a pathway can report
/// (the table above). The lint catalogue adds its own.
pub const LOAD_CODE_NAMES: &[(&str, &str)] = &[
    ("E0001", "malformed-json"),
    ("E0002", "file-too-large"),
    ("E0003", "not-utf8"),
    ("E0004", "unreadable-file"),
    ("E0101", "duplicate-id"),
    ("E0102", "unknown-service"),
    ("E0103", "unknown-region"),
    ("E0104", "unknown-adversity"),
    ("E0105", "unknown-fact"),
    ("E0106", "fact-type-mismatch"),
    ("E0107", "empty-age-range"),
    ("E0108", "malformed-age"),
    ("E0109", "malformed-duration"),
    ("E0110", "region-tree-not-a-tree"),
    ("E0111", "not-one-comparison"),
    ("E0112", "choice-values"),
    ("E0113", "goal-matches-no-service"),
    ("E0114", "pessimistic-wait-shorter"),
    ("E0115", "unknown-source"),
    ("E0116", "self-referral"),
    ("E0117", "duplicate-referral"),
    ("E0118", "rule-too-large"),
    ("E0119", "unsafe-id"),
];

fn load_code_name(code: &str) -> &'static str {
    LOAD_CODE_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, n)| n)
}

/// One problem in a pathway file.
///
/// ```
/// let text = r#"{"metadata":{"name":"x","version":"1"},"regions":[{"id":"r","name":"R"}],
///   "services":[{"id":"a","name":"A","tier":"universal","regions":["rr"]}],"goal":{}}"#;
/// let err = carepath::Pathway::from_json(text).unwrap_err();
/// let d = &err.diagnostics()[0];
/// assert_eq!(d.code, "E0103");
/// assert_eq!(d.name, "unknown-region");
/// assert_eq!(d.location.pointer, "/services/0/regions/0");
/// assert_eq!(d.help.as_deref(), Some("did you mean `r`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable code, e.g. `E0103`; see the table in [`crate::diagnostic`].
    pub code: &'static str,
    /// Stable kebab-case name of the code, e.g. `unknown-region`.
    pub name: &'static str,
    /// How serious it is: its level.
    pub severity: Severity,
    /// What is wrong, in the designer's words.
    pub message: String,
    /// Where it is in the file.
    pub location: Location,
    /// How to fix it, e.g. "did you mean `nhs-fife`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A family or a service that shows the problem, for findings about
    /// what families can do (e.g. `carepath route --age "3 months" --region r`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Other places in the file the finding concerns, as JSON pointers:
    /// for a rule that can never hold, the clauses that conflict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

impl Diagnostic {
    /// An error-severity diagnostic.
    ///
    /// ```
    /// let loc = carepath::document::Location::at("/x", 1, 2);
    /// let d = carepath::Diagnostic::error("E0101", "duplicate id `a`", loc);
    /// assert_eq!(d.to_string(), "error[E0101] 1:2 (/x): duplicate id `a`");
    /// assert_eq!(d.name, "duplicate-id");
    /// ```
    #[must_use]
    pub fn error(code: &'static str, message: impl Into<String>, location: Location) -> Self {
        Self {
            code,
            name: load_code_name(code),
            severity: Severity::Error,
            message: message.into(),
            location,
            help: None,
            example: None,
            related: Vec::new(),
        }
    }

    /// The same diagnostic with a hint.
    #[must_use]
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = self.severity.as_str();
        write!(
            f,
            "{sev}[{}] {}: {}",
            self.code, self.location, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}
