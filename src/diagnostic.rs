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
//! | `E0106` | fact compared with a value of the wrong type |
//! | `E0107` | empty age range (`from` is not before `before`) |
//! | `E0108` | text that is not an age |
//! | `E0109` | text that is not a duration |
//! | `E0110` | region tree is not a tree (no root, several roots, a cycle) |
//! | `E0111` | adversity or fact test without exactly one comparison |
//! | `E0112` | choice fact without values |
//! | `E0113` | goal names an unknown service, or matches no service |
//! | `E0114` | pessimistic wait shorter than the typical wait |
//! | `E0115` | unknown source id |
//! | `E0116` | a service refers to itself |
//! | `E0117` | a second referral between the same two services |
//! | `E0118` | a rule larger than the limit (clauses and the ids they list) |
//! | `E0119` | an id (of a source, adversity, fact, region or service, or a tag) outside the safe alphabet: ASCII letters and digits, `-`, `_` and `.`, beginning with a letter or digit, 1 to 128 characters; the message names the character and its position |
//!
//! A leaf: imports nothing from the crate.

use serde::{Deserialize, Serialize};

/// A place in a pathway file.
///
/// ```
/// let loc = carepath::document::Location { pointer: "/services/0".into(), line: 3, column: 5 };
/// assert_eq!(loc.to_string(), "3:5 (/services/0)");
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

/// How serious a diagnostic is.
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

/// One problem in a pathway file.
///
/// ```
/// let text = r#"{"metadata":{"name":"x","version":"1"},"regions":[{"id":"r","name":"R"}],
///   "services":[{"id":"a","name":"A","tier":"universal","regions":["rr"]}],"goal":{}}"#;
/// let err = carepath::Pathway::from_json(text).unwrap_err();
/// let d = &err.diagnostics()[0];
/// assert_eq!(d.code, "E0103");
/// assert_eq!(d.location.pointer, "/services/0/regions/0");
/// assert_eq!(d.help.as_deref(), Some("did you mean `r`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable code, e.g. `E0103`; see the table in [`crate::diagnostic`].
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in the designer's words.
    pub message: String,
    /// Where it is in the file.
    pub location: Location,
    /// How to fix it, e.g. "did you mean `nhs-fife`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error-severity diagnostic.
    ///
    /// ```
    /// let loc = carepath::document::Location { pointer: "/x".into(), line: 1, column: 2 };
    /// let d = carepath::Diagnostic::error("E0101", "duplicate id `a`", loc);
    /// assert_eq!(d.to_string(), "error[E0101] 1:2 (/x): duplicate id `a`");
    /// ```
    #[must_use]
    pub fn error(code: &'static str, message: impl Into<String>, location: Location) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            location,
            help: None,
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
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
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
