//! Problems found while compiling, located by JSON pointer, and turned
//! into diagnostics placed by line and column at the end.

use std::fmt;

use super::read::FastMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::document::PositionIndex;
use crate::limits::MAX_SUGGESTIONS;
use crate::suggest::did_you_mean;

/// A JSON pointer, written out only when a problem needs it (a national
/// pathway has a rule per service and most have no problem: `format!`
/// for each clause's pointer was a tenth of compiling the services).
/// Keys are written as given: callers pass keys that need no escaping.
#[derive(Debug, Clone, Copy)]
pub(super) enum At<'a> {
    /// A pointer already written out, e.g. `/services`.
    Text(&'a str),
    /// `{parent}/{key}`.
    Key(&'a At<'a>, &'a str),
    /// `{parent}/{index}`.
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    /// O(depth): a rule's pointer is at most about twice
    /// [`super::MAX_RULE_DEPTH`] steps long.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(t) => f.write_str(t),
            Self::Key(parent, key) => write!(f, "{parent}/{key}"),
            Self::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// Problems found so far, located by JSON pointer.
#[derive(Default)]
pub(super) struct Problems(pub(super) Vec<(&'static str, String, String, Option<String>)>);

impl Problems {
    pub(super) fn add(
        &mut self,
        code: &'static str,
        pointer: String,
        message: String,
        help: Option<String>,
    ) {
        self.0.push((code, message, pointer, help));
    }

    pub(super) fn unknown<'a>(
        &mut self,
        code: &'static str,
        what: &str,
        id: &str,
        pointer: String,
        known: impl IntoIterator<Item = &'a str>,
    ) {
        // Each suggestion compares the id with every known one: past the
        // first problems, a file is not misspelt but generated or hostile.
        let help = (self.0.len() < MAX_SUGGESTIONS)
            .then(|| did_you_mean(id, known))
            .flatten()
            .map(|s| format!("did you mean `{s}`?"));
        self.add(code, pointer, format!("unknown {what} `{id}`"), help);
    }

    pub(super) fn into_diagnostics(self, text: Option<&str>) -> Vec<Diagnostic> {
        // One scan of the text for every pointer named.
        let locations: Vec<Location> = match text {
            Some(text) => {
                let pointers: Vec<&str> = self.0.iter().map(|p| p.2.as_str()).collect();
                PositionIndex::new(text).locate_all(&pointers)
            }
            None => Vec::new(),
        };
        let mut locations = locations.into_iter();
        let mut out: Vec<Diagnostic> = self
            .0
            .into_iter()
            .map(|(code, message, pointer, help)| {
                let location = locations
                    .next()
                    .unwrap_or_else(|| Location::at(pointer, 0, 0));
                Diagnostic::error(code, message, location).with_help(help)
            })
            .collect();
        out.sort_by(|a, b| {
            (
                a.location.line,
                a.location.column,
                a.code,
                &a.location.pointer,
            )
                .cmp(&(
                    b.location.line,
                    b.location.column,
                    b.code,
                    &b.location.pointer,
                ))
        });
        out
    }
}

/// Records duplicate ids; returns the id → first position map. O(n)
/// expected for n ids (a keyed hasher: a file cannot make them collide).
pub(super) fn unique_ids<'a>(
    problems: &mut Problems,
    what: &str,
    base: &str,
    ids: impl Iterator<Item = &'a str>,
) -> FastMap<&'a str, usize> {
    let mut seen = FastMap::default();
    for (i, id) in ids.enumerate() {
        safe_id(problems, what, || format!("{base}/{i}/id"), id);
        if let Some(first) = seen.insert(id, i) {
            problems.add(
                "E0101",
                format!("{base}/{i}/id"),
                format!("duplicate {what} id `{id}`"),
                Some(format!(
                    "first defined at {base}/{first}; ids must be unique"
                )),
            );
            seen.insert(id, first);
        }
    }
    seen
}

/// The longest id accepted, in characters.
pub(crate) const MAX_ID_CHARS: usize = 128;

/// Records an id outside the safe alphabet (E0119): ASCII letters and
/// digits, `-`, `_` and `.`, beginning with a letter or digit, 1 to
/// [`MAX_ID_CHARS`] characters. O(length); the pointer, the message and
/// the help are built only for a bad id.
pub(super) fn safe_id(
    problems: &mut Problems,
    what: &str,
    pointer: impl FnOnce() -> String,
    id: &str,
) {
    let bad = id
        .chars()
        .enumerate()
        .find(|&(i, c)| !(c.is_ascii_alphanumeric() || (i > 0 && matches!(c, '-' | '_' | '.'))));
    if bad.is_none() && !id.is_empty() && id.len() <= MAX_ID_CHARS {
        // Safe: ASCII, so its length in bytes is its length in characters.
        return;
    }
    let help = Some(format!(
        "ids use letters, digits, `-`, `_` and `.`, begin with a letter or digit, and have 1 to {MAX_ID_CHARS} characters; names may hold any text"
    ));
    let shown = crate::escape::escape(id);
    let message = match bad {
        _ if id.is_empty() => format!("empty {what} id"),
        Some((i, c)) => format!(
            "{what} id `{shown}` has {} (U+{:04X}) at character {}",
            if c.is_ascii_graphic() || c == ' ' {
                format!("`{c}`")
            } else {
                "a character".to_owned()
            },
            u32::from(c),
            i + 1
        ),
        None if id.chars().count() > MAX_ID_CHARS => {
            format!("{what} id `{shown}` is longer than {MAX_ID_CHARS} characters")
        }
        None => return,
    };
    problems.add("E0119", pointer(), message, help);
}
