//! The errors of the public API.
//!
//! Every error derives [`thiserror::Error`]; messages are lowercase, name the
//! user's words in backticks, and never show Rust type names.
//!
//! May use: the other leaves (`age`, `diagnostic`, `limits`).

use thiserror::Error;

use crate::diagnostic::{Diagnostic, line_column_of};
use crate::suggest::{Candidate, NameKind};

/// Why a pathway file could not be loaded.
///
/// Only files that cannot be used at all are errors; [`LoadError::Invalid`]
/// carries **every** structural problem found, each with its place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Malformed JSON, a value of the wrong shape, an unknown field, or
    /// nesting deeper than [`crate::limits::MAX_NESTING`].
    #[error("{message} at line {line} column {column}")]
    Syntax {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The text is larger than [`crate::limits::MAX_FILE_BYTES`].
    #[error("the pathway file is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Size of the input.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    #[error(
        "the pathway file is not UTF-8 text: invalid byte at line {line} column {column} (byte offset {offset})"
    )]
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column of the first invalid byte.
        column: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The reader failed.
    #[error("the pathway file could not be read: {message}")]
    Read {
        /// The reader's own message.
        message: String,
    },
    /// The file is well-formed JSON but its content does not make a pathway.
    #[error("the pathway has {} problem(s):\n{}", .0.len(), render(.0))]
    Invalid(Vec<Diagnostic>),
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl LoadError {
    /// The stable code of this error (`E0001`…`E0004`, or the first
    /// diagnostic's code for [`LoadError::Invalid`]).
    ///
    /// ```
    /// let err = carepath::Pathway::from_json("[1, 2").unwrap_err();
    /// assert_eq!(err.code(), "E0001");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "E0001",
            Self::TooLarge { .. } => "E0002",
            Self::NotUtf8 { .. } => "E0003",
            Self::Read { .. } => "E0004",
            Self::Invalid(d) => d.first().map_or("E0100", |d| d.code),
        }
    }

    /// The structural problems, one diagnostic each (empty for other kinds).
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid(d) => d,
            _ => &[],
        }
    }

    pub(crate) fn from_json_error(e: &serde_json::Error, text: &str) -> Self {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let message = if message == "recursion limit exceeded" {
            format!(
                "nesting deeper than {} levels of objects and arrays",
                crate::limits::MAX_NESTING
            )
        } else {
            message.to_owned()
        };
        let (line, column) = if e.line() == 0 {
            line_column_of(text, text.len())
        } else {
            // serde says column 0 at the start of a line (an empty file).
            (e.line(), e.column().max(1))
        };
        Self::Syntax {
            message,
            line,
            column,
        }
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<&str, Self> {
        if bytes.len() > crate::limits::MAX_FILE_BYTES {
            return Err(Self::TooLarge {
                bytes: bytes.len(),
                limit: crate::limits::MAX_FILE_BYTES,
            });
        }
        std::str::from_utf8(bytes).map_err(|e| {
            let offset = e.valid_up_to();
            let valid = std::str::from_utf8(bytes.get(..offset).unwrap_or_default()).unwrap_or("");
            let (line, column) = line_column_of(valid, offset);
            Self::NotUtf8 {
                line,
                column,
                offset,
            }
        })
    }
}

/// Why a profile or a question about a pathway cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The age text is not an age.
    #[error("invalid age: {0}")]
    Age(#[from] crate::age::AgeError),
    /// The profile names a region the pathway does not have.
    #[error("unknown region `{id}`{}", hint(.suggestions))]
    UnknownRegion {
        /// The id given.
        id: String,
        /// Up to three ids (with names) the user may have meant, likeliest first.
        suggestions: Vec<Candidate>,
    },
    /// The profile names an adversity the pathway does not declare.
    #[error("unknown adversity `{id}`{}", hint(.suggestions))]
    UnknownAdversity {
        /// The id given.
        id: String,
        /// Up to three ids (with names) the user may have meant, likeliest first.
        suggestions: Vec<Candidate>,
    },
    /// The profile names a fact the pathway does not declare.
    #[error("unknown fact `{id}`{}", hint(.suggestions))]
    UnknownFact {
        /// The id given.
        id: String,
        /// Up to three ids (with names) the user may have meant, likeliest first.
        suggestions: Vec<Candidate>,
    },
    /// A fact's value does not fit its declared type.
    #[error("fact `{id}` expects {expected}, not `{value}`")]
    FactType {
        /// The fact's id.
        id: String,
        /// What the vocabulary declares, e.g. "a number".
        expected: String,
        /// The value given.
        value: String,
    },
    /// The query names a service the pathway does not have.
    #[error("unknown service `{id}`{}", hint(.suggestions))]
    UnknownService {
        /// The id given.
        id: String,
        /// Up to three ids (with names) the user may have meant, likeliest first.
        suggestions: Vec<Candidate>,
    },
    /// The profile has no age.
    #[error("the profile has no age: give the infant's age, or the stage of pregnancy")]
    MissingAge,
    /// The profile gives a date of birth or a due date but not the day the
    /// question is asked.
    #[error("the profile gives a date of birth or a due date but not today's date")]
    MissingToday,
    /// The profile has no region.
    #[error("the profile has no region: give where the family lives")]
    MissingRegion,
    /// A goal names a tag no service carries.
    #[error("no service carries the goal tag `{tag}`{}", hint(.suggestions))]
    UnknownTag {
        /// The tag given.
        tag: String,
        /// Up to three tags the user may have meant, likeliest first.
        suggestions: Vec<Candidate>,
    },
    /// No service matches every part of the goal.
    #[error("no service matches the goal {0}")]
    NoGoalService(String),
    /// A name matches several entries (ignoring case and punctuation).
    #[error("`{text}` could be any of these {}s: {}; give the id", .kind.as_str(), list(.candidates, "and"))]
    Ambiguous {
        /// What kind of thing was named.
        kind: NameKind,
        /// The text given.
        text: String,
        /// Every entry it could mean.
        candidates: Vec<Candidate>,
    },
    /// A query parameter is out of its allowed range.
    #[error("{0}")]
    OutOfRange(String),
}

impl QueryError {
    /// A stable code for the kind of error, for programs: `invalid_age`,
    /// `unknown_region`, `unknown_adversity`, `unknown_fact`,
    /// `fact_type`, `unknown_service`, `missing_age`, `missing_today`,
    /// `missing_region`, `unknown_tag`, `ambiguous_name`,
    /// `no_goal_service`, `out_of_range`.
    ///
    /// ```
    /// assert_eq!(carepath::QueryError::MissingAge.code(), "missing_age");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::Age(_) => "invalid_age",
            Self::UnknownRegion { .. } => "unknown_region",
            Self::UnknownAdversity { .. } => "unknown_adversity",
            Self::UnknownFact { .. } => "unknown_fact",
            Self::FactType { .. } => "fact_type",
            Self::UnknownService { .. } => "unknown_service",
            Self::MissingAge => "missing_age",
            Self::MissingToday => "missing_today",
            Self::MissingRegion => "missing_region",
            Self::UnknownTag { .. } => "unknown_tag",
            Self::Ambiguous { .. } => "ambiguous_name",
            Self::NoGoalService(_) => "no_goal_service",
            Self::OutOfRange(_) => "out_of_range",
        }
    }
}

fn hint(suggestions: &[Candidate]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", list(suggestions, "or"))
    }
}

/// `a`, `b` or `c`.
fn list(candidates: &[Candidate], last: &str) -> String {
    let shown: Vec<String> = candidates.iter().map(ToString::to_string).collect();
    match shown.split_last() {
        Some((end, [])) => end.clone(),
        Some((end, rest)) => format!("{} {last} {end}", rest.join(", ")),
        None => String::new(),
    }
}

/// Resolves a name among `(id, name)` entries ([`crate::suggest::resolve`])
/// into the entry's index, or the error for its kind.
pub(crate) fn resolve_name(
    kind: NameKind,
    text: &str,
    entries: &[(&str, &str)],
) -> Result<usize, QueryError> {
    use crate::suggest::{Resolution, resolve};
    let candidates = |indices: &[usize]| -> Vec<Candidate> {
        indices
            .iter()
            .filter_map(|&i| entries.get(i))
            .map(|(id, name)| Candidate::new(id, name))
            .collect()
    };
    let (id, suggestions) = match resolve(text, entries) {
        Resolution::Found(i) => return Ok(i),
        Resolution::Ambiguous(all) => {
            return Err(QueryError::Ambiguous {
                kind,
                text: text.to_owned(),
                candidates: candidates(&all),
            });
        }
        Resolution::Unknown(near) => (text.to_owned(), candidates(&near)),
    };
    Err(match kind {
        NameKind::Region => QueryError::UnknownRegion { id, suggestions },
        NameKind::Adversity => QueryError::UnknownAdversity { id, suggestions },
        NameKind::Fact => QueryError::UnknownFact { id, suggestions },
        NameKind::Tag => QueryError::UnknownTag {
            tag: id,
            suggestions,
        },
        NameKind::Service => QueryError::UnknownService { id, suggestions },
    })
}
