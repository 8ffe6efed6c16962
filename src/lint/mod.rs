//! Lint: a draft pathway checked whole — every problem at once, each with
//! a stable code and name, a level, its place in the file, a hint, and a
//! documented rule.
//!
//! [`lint()`](crate::lint()) never panics and never fails for a finding: a
//! file that is not even JSON gets a report with one `E0001`. It works in
//! three passes, each reporting everything it finds:
//!
//! 1. **Shape**: the text is read as plain JSON and checked against the
//!    pathway format by hand (`E0005`…`E0010`), so every unknown field (with
//!    "did you mean"), wrong kind of value, value outside its list, missing
//!    field, malformed rule and duplicate key is reported, not the first.
//! 2. **Structure**: the file, with its shape errors patched over, is
//!    compiled, and every structural error (`E01xx`) is reported, except
//!    those the patches caused.
//! 3. **Lints**: where the file compiles, every lint of the catalogue runs
//!    on the compiled pathway (`L01xx` correctness, `L02xx` suspicious,
//!    `L03xx` style).
//!
//! # The catalogue
//!
//! `carepath explain CODE|NAME` prints each lint's page: what it finds, why
//! it matters to a family, a bad and a good example (each a fixture under
//! `tests/lint/fixtures/NAME/` that the tests run), and how to fix it.
//!
//! | code | name | group | default | finds |
//! | --- | --- | --- | --- | --- |
//! | `E0001` | `malformed-json` | shape | error | text that is not JSON, or nesting deeper than the limit |
//! | `E0002` | `file-too-large` | shape | error | a file larger than the limit |
//! | `E0003` | `not-utf8` | shape | error | bytes that are not UTF-8 |
//! | `E0004` | `unreadable-file` | shape | error | a file that could not be read |
//! | `E0005` | `unknown-field` | shape | error | a field the format does not have, with "did you mean" |
//! | `E0006` | `wrong-type` | shape | error | a value of the wrong kind |
//! | `E0007` | `unknown-value` | shape | error | a value outside its list, with the allowed values |
//! | `E0008` | `missing-field` | shape | error | a required field left out |
//! | `E0009` | `malformed-rule` | shape | error | a rule `{}`, with two kinds, or of an unknown kind |
//! | `E0010` | `duplicate-key` | shape | error | the same key twice in one object |
//! | `E0101`…`E0119` | | shape | error | structural errors: see [`crate::diagnostic`] |
//! | `L0101` | `no-entry-service` | correctness | error | no service is an entry |
//! | `L0102` | `goal-matches-every-service` | correctness | error | the goal matches every service |
//! | `L0103` | `region-without-entry` | correctness | error | a leaf region no entry service serves |
//! | `L0104` | `rule-never-holds` | correctness | error | a rule no family meets at any age |
//! | `L0105` | `unreachable-service` | correctness | error | a service no family can reach |
//! | `L0106` | `unusable-referral` | correctness | error | a referral no family can use |
//! | `L0107` | `age-cliff` | correctness | error | a referral whose target has aged out everyone the source accepts |
//! | `L0108` | `unreachable-goal` | correctness | error | a goal service no family can reach |
//! | `L0109` | `empty-list` | correctness | error | `{"any": []}` or `{"region": []}` |
//! | `L0110` | `review-date-not-a-date` | correctness | error | `last_reviewed` that is not a date |
//! | `L0111` | `referrer-excluded` | correctness | error | a service whose `referred_from` excludes every way in |
//! | `L0201` | `dead-end` | suspicious | warning | a non-goal service that refers to no one |
//! | `L0202` | `rule-always-holds` | suspicious | warning | a rule every family meets at every age |
//! | `L0203` | `age-beyond-range` | suspicious | warning | an age bound beyond the pathway's age range |
//! | `L0204` | `wait-over-two-years` | suspicious | warning | a wait or delay over two years |
//! | `L0205` | `wait-unstated` | suspicious | warning | a referred-to service with no wait and no `assumed` |
//! | `L0206` | `stale-review` | suspicious | warning | `last_reviewed` older than the review period |
//! | `L0207` | `specialist-to-universal` | suspicious | info | a specialist service referring to a universal one |
//! | `L0208` | `referral-cycle` | suspicious | info | referrals forming a cycle |
//! | `L0209` | `semantic-lints-skipped` | suspicious | info | the claims about every family could not be checked |
//! | `L0301` | `single-clause` | style | info | an `all` or `any` of one clause |
//! | `L0302` | `service-without-sources` | style | info | a service citing no source |
//! | `L0303` | `unused-source` | style | info | a source no service cites |
//! | `L0304` | `unknown-lint` | style | warning | a lint setting naming no lint |
//!
//! # Levels, and how to silence a lint
//!
//! Each lint has a default level (above). A pathway file may set levels in
//! its metadata, each with a reason, so a repository's choices live next to
//! its data; a setting may name a lint's code or name, or a group, and may
//! be limited to findings about some services:
//!
//! ```json
//! "metadata": { "lints": {
//!   "dead-end": { "level": "allow", "reason": "the island teams consult only",
//!                 "services": ["orkney-imh"] },
//!   "style": { "level": "allow", "reason": "generated file" } } }
//! ```
//!
//! The command line (`--allow`, `--warn`, `--deny`) overrides the file.
//! Shape and structural errors (`E…`) cannot be silenced: the file cannot
//! be used until they are fixed.
//!
//! ```
//! let text = r#"{"metadata": {"name": "x", "version": "1"}, "regions": [{"id": "r", "name": "R"}],
//!   "services": [{"id": "a", "name": "A", "tier": "Specialist", "regoins": ["r"]}], "goal": {}}"#;
//! let report = carepath::lint(text);
//! let codes: Vec<&str> = report.findings.iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["E0008", "E0007", "E0005"]);
//! assert_eq!(report.findings[2].help.as_deref(), Some("did you mean `regions`?"));
//! ```
//!
//! May use: every earlier stage. Within: `catalogue` (the table), `shape`
//! (pass 1), `levels` (settings), `file` (metadata lints), `graph` and
//! `rules` (structural lints on the compiled pathway), `semantic` (claims
//! about every family, on `analysis`), `docs` (each lint's page).
//!
//! Complexity: passes 1 and 2 are linear in the file (plus "did you mean");
//! the lints of pass 3 are linear in services + referrals + rule size,
//! except the semantic lints, whose cost is stated in `semantic`.

mod catalogue;
mod clean;
mod docs;
mod file;
mod finding;
mod graph;
mod levels;
mod rules;
mod semantic;
mod shape;

pub use catalogue::{CATALOGUE, Group, Lint, find};
pub use docs::{examples, explain};
use finding::Raw;
pub use finding::{LintOptions, SEMANTIC_BUDGET};

use serde::Serialize;
use serde_json::Value;

use crate::compile::compile;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::document::position::duplicate_keys;
use crate::document::{PathwayDocument, PositionIndex};
use crate::error::LoadError;
use crate::limits::MAX_FILE_BYTES;
use crate::pathway::Pathway;

/// Every finding about a pathway file, in file order.
///
/// ```
/// let report = carepath::lint("{");
/// assert!(report.has_errors());
/// assert_eq!(report.findings[0].code, "E0001");
/// assert!(!report.compiled);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Report {
    /// The findings at their levels (silenced ones left out), by line, column and code.
    pub findings: Vec<Diagnostic>,
    /// Whether the file compiled, so that the lints of the catalogue ran.
    pub compiled: bool,
    /// How many findings the levels silenced.
    pub silenced: usize,
}

impl Report {
    /// How many findings have this level.
    ///
    /// ```
    /// assert_eq!(carepath::lint("{").count(carepath::Severity::Error), 1);
    /// ```
    #[must_use]
    pub fn count(&self, level: Severity) -> usize {
        self.findings.iter().filter(|d| d.severity == level).count()
    }

    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Lints a pathway file with default options: every shape and structural
/// error, and, where the file compiles, every lint of the catalogue.
///
/// ```
/// let text = include_str!("../../tests/fixtures/small.json");
/// let report = carepath::lint(text);
/// assert!(!report.has_errors(), "{:?}", report.findings);
/// ```
#[must_use]
pub fn lint(text: &str) -> Report {
    lint_with(text, &LintOptions::default())
}

/// Lints a pathway file with `options`.
///
/// ```
/// let text = include_str!("../../tests/fixtures/small.json");
/// let options = carepath::lint::LintOptions::default().level("style", carepath::document::LintLevel::Allow);
/// let report = carepath::lint::lint_with(text, &options);
/// assert!(report.findings.iter().all(|d| !d.code.starts_with("L03")));
/// ```
#[must_use]
pub fn lint_with(text: &str, options: &LintOptions) -> Report {
    let mut raw = Vec::new();
    if text.len() > MAX_FILE_BYTES {
        let e = LoadError::TooLarge {
            bytes: text.len(),
            limit: MAX_FILE_BYTES,
        };
        raw.push(Raw::new("E0002", "", e.to_string()));
        return finish(raw, None, None, options);
    }
    // The fast path: a clean file (see `clean`) has no shape error and no
    // repeated key, so it is read straight into the document.
    if clean::is_clean(text) {
        if let Ok(doc) = serde_json::from_str::<PathwayDocument>(text) {
            return lint_document(doc, raw, &[], text, options);
        }
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let (message, line, column) = match LoadError::from_json_error(&e, text) {
                LoadError::Syntax {
                    message,
                    line,
                    column,
                } => (message, line, column),
                other => (other.to_string(), 0, 0),
            };
            let mut d = Diagnostic::error("E0001", message, Location::at("", line, column));
            d.help = Some("fix the JSON at this place; every other check needs JSON".into());
            return Report {
                findings: vec![d],
                compiled: false,
                silenced: 0,
            };
        }
    };
    for pointer in &duplicate_keys(text) {
        let key = pointer.rsplit('/').next().unwrap_or_default();
        raw.push(
            Raw::new(
                "E0010",
                pointer,
                format!("key `{key}` appears twice in one object"),
            )
            .help(Some("a JSON reader keeps only the last; remove one".into())),
        );
    }
    let checked = shape::check(value, &mut raw);
    let doc: PathwayDocument = match serde_json::from_value(checked.value) {
        Ok(doc) => doc,
        Err(_) => {
            // The shape check mirrors the format; should they ever part,
            // the file is still refused, plainly.
            raw.push(Raw::new(
                "E0001",
                "",
                "the file does not have the shape of a pathway".into(),
            ));
            return finish(raw, None, Some(text), options);
        }
    };
    lint_document(doc, raw, &checked.repaired, text, options)
}

/// Passes 2 and 3 on the document read from `text`, after the shape
/// pass's findings `raw` and its repairs `repaired` (pointers).
fn lint_document(
    doc: PathwayDocument,
    mut raw: Vec<Raw>,
    repaired: &[String],
    text: &str,
    options: &LintOptions,
) -> Report {
    let metadata = doc.metadata.clone();
    file::lint_metadata(&metadata, options, &mut raw);
    let compiled = match compile(doc, None) {
        Ok(pathway) => {
            pathway_lints(&pathway, options, &mut raw);
            true
        }
        Err(e) => {
            raw.extend(
                e.diagnostics()
                    .iter()
                    .filter(|d| !under_any(&d.location.pointer, repaired))
                    // Whether the goal matches a service depends on every
                    // service's tier and tags: a patched one may be the cause.
                    .filter(|d| repaired.is_empty() || d.location.pointer != "/goal")
                    .map(|d| {
                        Raw::new(d.code, &d.location.pointer, d.message.clone())
                            .help(d.help.clone())
                    }),
            );
            false
        }
    };
    let mut report = finish(raw, Some(&metadata), Some(text), options);
    report.compiled = compiled;
    report
}

impl Pathway {
    /// Lints a compiled pathway: every lint of the catalogue, located by
    /// JSON pointer only (the text is not at hand; use
    /// [`lint_with`](crate::lint::lint_with) on the file for lines and columns).
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// let pathway = carepath::Pathway::from_json(text)?;
    /// let report = pathway.lint(&carepath::lint::LintOptions::default());
    /// assert!(report.compiled && !report.has_errors());
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn lint(&self, options: &LintOptions) -> Report {
        let mut raw = Vec::new();
        file::lint_metadata(&self.metadata, options, &mut raw);
        pathway_lints(self, options, &mut raw);
        let mut report = finish(raw, Some(&self.metadata), None, options);
        report.compiled = true;
        report
    }
}

/// The lints of pass 3, on a compiled pathway.
fn pathway_lints(pathway: &Pathway, options: &LintOptions, raw: &mut Vec<Raw>) {
    graph::lint_graph(pathway, options, raw);
    rules::lint_rules(pathway, options, raw);
    semantic::lint_semantic(pathway, options, raw);
}

/// Whether `pointer` is `base` or lies inside it, for some base.
fn under_any(pointer: &str, bases: &[String]) -> bool {
    bases.iter().any(|b| {
        pointer
            .strip_prefix(b.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Levels applied, places located (in `text`, when given; its position
/// index is built only when a finding is kept), findings sorted.
fn finish(
    raw: Vec<Raw>,
    metadata: Option<&crate::document::Metadata>,
    text: Option<&str>,
    options: &LintOptions,
) -> Report {
    let settings = levels::Settings::new(metadata, options);
    let mut silenced = 0;
    let kept: Vec<(Raw, Severity)> = raw
        .into_iter()
        .filter_map(|r| match settings.level(r.code, r.service.as_deref()) {
            Some(severity) => Some((r, severity)),
            None => {
                silenced += 1;
                None
            }
        })
        .collect();
    let index = text.filter(|_| !kept.is_empty()).map(PositionIndex::new);
    let index = index.as_ref();
    // Values are placed in one scan of the text; keys one by one (few).
    let pointers: Vec<&str> = kept.iter().map(|(r, _)| r.pointer.as_str()).collect();
    let mut places = match index {
        Some(idx) => idx.locate_all(&pointers),
        None => Vec::new(),
    }
    .into_iter();
    let mut findings = Vec::with_capacity(kept.len());
    for (r, severity) in kept {
        let value = places.next();
        let location = match (index, value) {
            (Some(idx), _) if r.key => idx.locate_key(&r.pointer),
            (_, Some(place)) => place,
            (_, None) => Location::at(r.pointer.clone(), 0, 0),
        };
        let mut d = Diagnostic::error(r.code, r.message, location).with_help(r.help);
        d.name = catalogue::by_code(r.code).map_or("", |l| l.name);
        d.severity = severity;
        d.example = r.example;
        d.related = r.related;
        findings.push(d);
    }
    findings.sort_by(|a, b| {
        (
            a.location.line,
            a.location.column,
            a.code,
            &a.location.pointer,
            &a.message,
        )
            .cmp(&(
                b.location.line,
                b.location.column,
                b.code,
                &b.location.pointer,
                &b.message,
            ))
    });
    findings.dedup();
    Report {
        findings,
        compiled: false,
        silenced,
    }
}
