//! `carepath check`: load a pathway file and report every problem, or a summary.

use std::path::PathBuf;

use carepath::{LoadError, Pathway};

use carepath::text::escape;

use crate::common::{Failure, Format, print_json, println_out, read_pathway};

/// Loads `file` (default: the shipped pathway) and reports.
pub(crate) fn run(file: Option<&PathBuf>, format: Format) -> Result<(), Failure> {
    let json = format == Format::Json;
    // A pathway that does not load is the answer here: status 1, not 2.
    let (name, text) = match read_pathway(file) {
        Ok(read) => read,
        Err(Failure::Pathway(name, e)) => return not_loaded(name, e, json),
        Err(other) => return Err(other),
    };
    match (Pathway::from_json(&text), format) {
        (Ok(p), Format::Text) => {
            let size = p.size();
            let (services, referrals, regions) = (size.services, size.referrals, size.regions);
            let entries = p.services().filter(|s| s.entry).count();
            let goals = p.services().filter(|s| s.goal).count();
            println_out(&format!(
                "ok: {}: {} (version {}): {services} services ({entries} entry points, {goals} goal services), {referrals} referrals, {regions} regions",
                escape(&name),
                escape(&p.metadata().name),
                escape(&p.metadata().version)
            ))
        }
        (Ok(p), Format::Json) => {
            let size = p.size();
            let (services, referrals, regions) = (size.services, size.referrals, size.regions);
            print_json(&serde_json::json!({
                "ok": true, "file": name, "name": p.metadata().name,
                "version": p.metadata().version, "services": services,
                "referrals": referrals, "regions": regions, "diagnostics": [],
            }))
        }
        (Err(e), _) => not_loaded(name, e, json),
    }
}

/// Reports a pathway that does not load: the answer "no", status 1.
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
