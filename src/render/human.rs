//! Lint reports for people, as a compiler prints them: the finding, the
//! file's line with a caret under the span, the help, and the example.
//!
//! May use: `lint` and the stages below it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Report;

/// Renders `report` on the file `name` whose text is `text`.
///
/// ```
/// let text = "{\"metadata\": {\"name\": \"x\", \"version\": 1}}";
/// let out = carepath::human::report("draft.json", text, &carepath::lint(text));
/// assert!(out.contains("error[E0006]"));
/// assert!(out.contains(" --> draft.json:1:39"));
/// assert!(out.contains("^ wrong-type"));
/// ```
#[must_use]
pub fn report(name: &str, text: &str, report: &Report) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in &report.findings {
        finding(&mut out, name, &lines, d);
    }
    out.push_str(&summary(name, report));
    out
}

/// One line counting the findings by level, e.g. `draft.json: 2 errors, 1 warning`.
///
/// ```
/// let out = carepath::human::summary("a.json", &carepath::lint("{"));
/// assert_eq!(out, "a.json: 1 error\n");
/// ```
#[must_use]
pub fn summary(name: &str, report: &Report) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "note"),
    ]
    .into_iter()
    .filter_map(|(level, word)| {
        let n = report.count(level);
        (n > 0).then(|| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    if parts.is_empty() {
        format!("{name}: no problems\n")
    } else {
        format!("{name}: {}\n", parts.join(", "))
    }
}

fn finding(out: &mut String, name: &str, lines: &[&str], d: &Diagnostic) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    out.push_str(&format!("{level}[{}]: {}\n", d.code, d.message));
    let loc = &d.location;
    let gutter = loc.line.to_string().len();
    let pad = " ".repeat(gutter);
    if loc.line == 0 {
        out.push_str(&format!("{pad}--> {name}{}\n", pointer(&loc.pointer)));
    } else {
        out.push_str(&format!(
            "{pad}--> {name}:{}:{}{}\n",
            loc.line,
            loc.column,
            pointer(&loc.pointer)
        ));
        let source = lines.get(loc.line - 1).copied().unwrap_or("");
        let width = if loc.end_line == loc.line {
            loc.end_column.saturating_sub(loc.column).max(1)
        } else {
            source.chars().count().saturating_sub(loc.column - 1).max(1)
        };
        // Long lines (a minified file) are shown from a little before the span.
        let skip = loc.column.saturating_sub(41);
        let shown: String = source.chars().skip(skip).take(120).collect();
        let lead = if skip > 0 { "…" } else { "" };
        let col = loc.column - 1 - skip + lead.chars().count();
        out.push_str(&format!("{pad} |\n{} | {lead}{shown}\n", loc.line));
        out.push_str(&format!(
            "{pad} | {}{} {}\n",
            " ".repeat(col),
            "^".repeat(width.min(120)),
            d.name
        ));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} = help: {help}\n"));
    }
    if let Some(example) = &d.example {
        out.push_str(&format!("{pad} = example: {example}\n"));
    }
    out.push('\n');
}

fn pointer(p: &str) -> String {
    if p.is_empty() {
        String::new()
    } else {
        format!(" ({p})")
    }
}
