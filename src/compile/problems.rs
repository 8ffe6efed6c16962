//! Problems found while compiling, located by JSON pointer, and turned
//! into diagnostics placed by line and column at the end.

use std::collections::HashMap;

use crate::age::parse_duration;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::PositionIndex;
use crate::suggest::did_you_mean;

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
        let help = did_you_mean(id, known).map(|s| format!("did you mean `{s}`?"));
        self.add(code, pointer, format!("unknown {what} `{id}`"), help);
    }

    pub(super) fn into_diagnostics(self, text: Option<&str>) -> Vec<Diagnostic> {
        let index = text.map(PositionIndex::new);
        let mut out: Vec<Diagnostic> = self
            .0
            .into_iter()
            .map(|(code, message, pointer, help)| {
                let location = match &index {
                    Some(idx) => idx.locate(&pointer),
                    None => Location {
                        pointer,
                        line: 0,
                        column: 0,
                    },
                };
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

/// Records duplicate ids; returns the id → first position map.
pub(super) fn unique_ids<'a>(
    problems: &mut Problems,
    what: &str,
    base: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
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

pub(super) fn duration(text: &str, pointer: &str, p: &mut Problems) -> i32 {
    parse_duration(text).unwrap_or_else(|e| {
        p.add("E0109", pointer.to_owned(), e.to_string(), None);
        0
    })
}
