//! `carepath check`: the lint report at default levels, or a summary when
//! the file is sound.

use std::path::PathBuf;

use carepath::lint::LintOptions;
use carepath::text::escape;
use carepath::{LoadError, Pathway};

use crate::common::{Failure, Format, print_json, println_out, read_pathway};

/// Lints `file` (default: the shipped pathway) at default levels and reports.
pub(crate) fn run(file: Option<&PathBuf>, format: Format) -> Result<(), Failure> {
    let json = format == Format::Json;
    // A pathway that does not load is the answer here: status 1, not 2.
    let (name, text) = match read_pathway(file) {
        Ok(read) => read,
        Err(Failure::Pathway(name, e)) => return not_loaded(name, e, json),
        Err(other) => return Err(other),
    };
    let options = LintOptions {
        today: Some(crate::lint::today()),
        ..LintOptions::default()
    };
    let report = carepath::lint::lint_with(&text, &options);
    let pathway = Pathway::from_json(&text)
        .ok()
        .filter(|_| !report.has_errors());
    match format {
        Format::Json => {
            let mut out = serde_json::Map::new();
            out.insert("ok".into(), pathway.is_some().into());
            out.insert("file".into(), name.clone().into());
            out.insert(
                "diagnostics".into(),
                serde_json::to_value(&report.findings)
                    .map_err(|e| Failure::Usage(e.to_string()))?,
            );
            if let Some(p) = &pathway {
                let size = p.size();
                out.insert("name".into(), p.metadata().name.clone().into());
                out.insert("version".into(), p.metadata().version.clone().into());
                out.insert("services".into(), size.services.into());
                out.insert("referrals".into(), size.referrals.into());
                out.insert("regions".into(), size.regions.into());
            }
            print_json(&serde_json::Value::Object(out))?;
        }
        Format::Text => match &pathway {
            Some(p) => {
                let size = p.size();
                let entries = p.services().filter(|s| s.entry).count();
                let goals = p.services().filter(|s| s.goal).count();
                println_out(&format!(
                    "ok: {}: {} (version {}): {} services ({entries} entry points, {goals} goal services), {} referrals, {} regions",
                    escape(&name),
                    escape(&p.metadata().name),
                    escape(&p.metadata().version),
                    size.services,
                    size.referrals,
                    size.regions
                ))?;
                if !report.findings.is_empty() {
                    println_out(carepath::human::report(&name, &text, &report).trim_end())?;
                }
            }
            None => {
                // Line by line: the report's own line breaks stay breaks.
                for line in carepath::human::report(&name, &text, &report)
                    .trim_end()
                    .lines()
                {
                    eprintln!("{}", escape(line));
                }
            }
        },
    }
    if pathway.is_some() {
        Ok(())
    } else {
        Err(Failure::Failed)
    }
}

/// Reports a pathway that cannot be read: the answer "no", status 1.
fn not_loaded(name: String, e: LoadError, json: bool) -> Result<(), Failure> {
    if json {
        let diagnostics = match &e {
            LoadError::Invalid(d) => serde_json::to_value(d).unwrap_or_default(),
            other => {
                serde_json::json!([{ "code": other.code(), "severity": "error", "message": other.to_string() }])
            }
        };
        print_json(&serde_json::json!({ "ok": false, "file": name, "diagnostics": diagnostics }))?;
    } else {
        Failure::Pathway(name, e).report(false);
    }
    Err(Failure::Failed)
}
