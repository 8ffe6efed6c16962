//! Document → [`Pathway`]: ids interned, regions indexed, rules compiled,
//! the referral graph built; every structural problem collected at once.
//!
//! May use: the leaves, `document`, `model` and `pathway` (whose type it
//! builds). Within: `problems` (collecting and locating problems) is used
//! by `vocabulary` (vocabulary and region tree), `rules` (rule clauses) and
//! `graph` (services, referrals, goal), which this file runs in order.
//!
//! Complexity: O(n log n) in the size of the document (sorting ids), plus
//! O(c · k) for "did you mean" suggestions on c unknown ids among k known.

mod graph;
mod problems;
mod read;
mod referrals;
mod rules;
#[cfg(test)]
mod tests;
mod vocabulary;

use std::collections::HashSet;
use std::io::Read;

use crate::document::PathwayDocument;
use crate::error::LoadError;
use crate::limits::{LoadLimits, MAX_FILE_BYTES, strip_bom};
use crate::pathway::Pathway;

use graph::{compile_alternatives, compile_goal, compile_services};
use problems::{Problems, unique_ids};
use read::{ReferralList, StreamedDocument};
use referrals::compile_referrals;
use rules::RuleCompiler;
pub use rules::{MAX_RULE_DEPTH, MAX_RULE_SIZE};
use vocabulary::{compile_regions, compile_vocabulary};

impl Pathway {
    /// Parses and compiles a pathway from JSON text.
    ///
    /// # Errors
    /// [`LoadError::Syntax`] (with line and column) for malformed JSON or a
    /// wrong shape; [`LoadError::Invalid`] listing every structural problem.
    ///
    /// ```
    /// let err = carepath::Pathway::from_json("{\"metadata\": 3}").unwrap_err();
    /// assert!(err.to_string().contains("line 1 column"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        Self::from_json_with(text, &LoadLimits::default())
    }

    /// As [`Pathway::from_json`], with other [`LoadLimits`] (a larger file
    /// size for a national pathway).
    ///
    /// # Errors
    /// As [`Pathway::from_json`], with `limits.max_file_bytes`.
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// use carepath::limits::LoadLimits;
    /// assert!(carepath::Pathway::from_json_with(text, &LoadLimits::default().max_file_bytes(100)).is_err());
    /// assert!(carepath::Pathway::from_json_with(text, &LoadLimits::default()).is_ok());
    /// ```
    ///
    /// Complexity: O(n) in the length of the text, plus the compile's. The
    /// referrals are compiled as they are read (ids interned, no document
    /// of them kept): a national file of 1,000,000 referrals takes about
    /// 40 bytes a referral on the way (see `BENCHMARKS.md`).
    pub fn from_json_with(text: &str, limits: &LoadLimits) -> Result<Self, LoadError> {
        if text.len() > limits.max_file_bytes {
            return Err(LoadError::TooLarge {
                bytes: text.len(),
                limit: limits.max_file_bytes,
            });
        }
        let text = strip_bom(text);
        let streamed: StreamedDocument<'_> =
            serde_json::from_str(text).map_err(|e| LoadError::from_json_error(&e, text))?;
        let (doc, referrals) = streamed.split();
        compile_parts(doc, referrals, Some(text))
    }

    /// Parses and compiles a pathway from bytes, which must be UTF-8.
    ///
    /// # Errors
    /// As [`Pathway::from_json`], plus [`LoadError::NotUtf8`] and
    /// [`LoadError::TooLarge`].
    ///
    /// ```
    /// let err = carepath::Pathway::from_slice(b"{\"a\": \"\xff\"}").unwrap_err();
    /// assert_eq!(err.code(), "E0003");
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, LoadError> {
        Self::from_json(LoadError::from_bytes(bytes)?)
    }

    /// Reads a pathway from any reader (a file, a socket), stopping at
    /// [`MAX_FILE_BYTES`].
    ///
    /// # Errors
    /// As [`Pathway::from_slice`], plus [`LoadError::Read`].
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// let pathway = carepath::Pathway::from_reader(text.as_bytes())?;
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    pub fn from_reader(reader: impl Read) -> Result<Self, LoadError> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX) + 1;
        reader
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::Read {
                message: e.to_string(),
            })?;
        Self::from_slice(&bytes)
    }

    /// Reads a pathway file, stopping at [`MAX_FILE_BYTES`] (the same
    /// limits as [`Pathway::from_reader`]).
    ///
    /// # Errors
    /// As [`Pathway::from_slice`], plus [`LoadError::Read`] when the file
    /// cannot be opened or read.
    ///
    /// ```
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
    /// let pathway = carepath::Pathway::from_path(path)?;
    /// assert_eq!(pathway.size().services, 8);
    /// assert_eq!(carepath::Pathway::from_path("/no/such/file").unwrap_err().code(), "E0004");
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| LoadError::Read {
            message: format!("`{}`: {e}", path.display()),
        })?;
        Self::from_reader(file)
    }

    /// Compiles a document built in code. Problems are located by JSON
    /// pointer only (line and column 0).
    ///
    /// # Errors
    /// [`LoadError::Invalid`] listing every structural problem.
    pub fn from_document(doc: PathwayDocument) -> Result<Self, LoadError> {
        compile(doc, None)
    }
}

/// Compiles a document. `text` is the file it was read from, if any, used
/// only to place problems by line and column.
pub(crate) fn compile(mut doc: PathwayDocument, text: Option<&str>) -> Result<Pathway, LoadError> {
    let referrals = ReferralList::from_docs(std::mem::take(&mut doc.referrals));
    compile_parts(doc, referrals, text)
}

/// Compiles a document whose referrals are given apart (its own list is
/// not read). Each service's and referral's texts move into the pathway.
fn compile_parts(
    mut doc: PathwayDocument,
    referral_list: ReferralList<'_>,
    text: Option<&str>,
) -> Result<Pathway, LoadError> {
    let mut p = Problems::default();

    // Sources.
    let source_ids: HashSet<&str> = unique_ids(
        &mut p,
        "source",
        "/metadata/sources",
        doc.metadata.sources.iter().map(|s| s.id.as_str()),
    )
    .into_keys()
    .collect();

    // Vocabulary.
    let vocabulary = compile_vocabulary(&doc, &mut p);

    // Regions.
    let regions = compile_regions(&doc, &mut p);

    let mut rc = RuleCompiler::new(&vocabulary, &regions);
    let (services, service_index) = compile_services(
        std::mem::take(&mut doc.services),
        &mut rc,
        &source_ids,
        &mut p,
    );
    let (referrals, graph) =
        compile_referrals(referral_list, &mut rc, &services, &service_index, &mut p);
    let goal = compile_goal(&doc, &services, &service_index, &mut p);
    let alternatives = compile_alternatives(&doc, &services, &service_index, &mut p);

    if !p.0.is_empty() {
        return Err(LoadError::Invalid(p.into_diagnostics(text)));
    }
    Ok(Pathway::assemble(
        doc.metadata,
        vocabulary,
        regions,
        services,
        service_index,
        referrals,
        graph,
        goal,
        alternatives,
    ))
}
