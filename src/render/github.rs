//! Lint reports as GitHub Actions workflow commands: one `::error`,
//! `::warning` or `::notice` line per finding, which GitHub shows as an
//! annotation on the file's line.
//!
//! May use: `lint` and the stages below it.

use crate::diagnostic::Severity;
use crate::lint::Report;

/// Renders `report` on the file `path` (relative to the repository root).
///
/// ```
/// let out = carepath::github::annotations("pathways/draft.json", &carepath::lint("{"));
/// assert!(out.starts_with("::error file=pathways/draft.json,line=1,col=1"));
/// assert!(out.contains("title=E0001 malformed-json::"));
/// ```
#[must_use]
pub fn annotations(path: &str, report: &Report) -> String {
    let mut out = String::new();
    for d in &report.findings {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let loc = &d.location;
        let mut props = vec![format!("file={}", property(path))];
        if loc.line > 0 {
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
            if loc.end_line >= loc.line {
                props.push(format!("endLine={}", loc.end_line));
                if loc.end_line == loc.line && loc.end_column > loc.column {
                    props.push(format!("endColumn={}", loc.end_column));
                }
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("{} {}", d.code, d.name))
        ));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        if let Some(example) = &d.example {
            message.push_str(&format!("\nexample: {example}"));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
