//! The JSON Schema of the pathway file format, for editors.

use super::PathwayDocument;

/// The JSON Schema (draft 2020-12) of a pathway file, as pretty JSON.
///
/// The same text is committed as `schema/pathway.schema.json`; a test keeps
/// the two in sync.
///
/// ```
/// let schema = carepath::schema::pathway_schema_json();
/// assert!(schema.contains("\"title\": \"carepath pathway file\""));
/// ```
#[must_use]
pub fn pathway_schema_json() -> String {
    let schema = schemars::schema_for!(PathwayDocument);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
