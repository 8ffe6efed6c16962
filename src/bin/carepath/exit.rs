//! Exit statuses, and how a failure is reported: text on standard error,
//! or, with `--format json`, one JSON object on standard output.
//!
//! Every subcommand follows one convention (also in `carepath --help`):
//!
//! | status | meaning |
//! | --- | --- |
//! | 0 | the answer is yes: the pathway loads (`check`), the family is eligible (`eligible`), a route was found (`route`), every case passes (`test`); `list` and `schema` printed what was asked |
//! | 1 | the answer is no: the pathway does not load (`check`, `coverage`, `diff`), not eligible, no route, a case fails, a family loses its route (`diff --fail-on-loss`) |
//! | 2 | no answer: a usage error, a file that cannot be read, a pathway that does not load (other than for `check`), an unknown name, an impossible age |
//! | 3 | the answer is unknown: the rule needs a fact not given (`eligible`); no route found before the search stopped at its budget (`route`) |
//!
//! A JSON error has one shape:
//! `{"error": {"status": 2 (the exit status), "kind": "usage" | "question" | "pathway", "message": "…",
//! "code": "E0103" | "unknown_region" | null, "file": "…" | null, "diagnostics": […], "suggestions": [{"id", "name"}]}}`.

use carepath::QueryError;
use carepath::suggest::Candidate;
use carepath::text::escape;

use crate::common::Failure;

/// The help text's summary of the convention.
pub(crate) const EXIT_STATUS_HELP: &str = "Exit status, for every subcommand:
  0  yes: the pathway loads (check), eligible, a route found, every case passes; coverage, diff, list and schema printed
  1  no: the pathway does not load (check, coverage, diff), not eligible, no route, a case fails, a family loses its route (diff --fail-on-loss)
  2  no answer: usage error, unreadable file, a pathway that does not load, unknown name, impossible age
  3  unknown: the rule needs a fact not given (eligible); no route before the search budget ran out (route)
With --format json, errors are one JSON object on standard output: {\"error\": {\"status\", \"kind\", \"message\", \"code\", \"file\", \"diagnostics\", \"suggestions\"}}.";

impl Failure {
    /// The exit status.
    pub(crate) fn status(&self) -> u8 {
        match self {
            Self::Failed => 1,
            Self::Usage(_) | Self::Query(_) | Self::Pathway(..) => 2,
            Self::Unknown => 3,
        }
    }

    /// Reports the failure (nothing for a negative answer, already printed).
    pub(crate) fn report(&self, json: bool) {
        self.report_as(json, self.status());
    }

    /// Reports the failure with the exit status the subcommand gives it:
    /// `coverage` and `diff` answer "no" (1) for a pathway that does not
    /// load, and the JSON error says so.
    pub(crate) fn report_as(&self, json: bool, status: u8) {
        let (kind, message, code, file, diagnostics, suggestions) = match self {
            Self::Failed | Self::Unknown => return,
            Self::Usage(m) => ("usage", m.clone(), None, None, Vec::new(), Vec::new()),
            Self::Query(e) => (
                "question",
                e.to_string(),
                Some(e.code()),
                None,
                Vec::new(),
                offered(e),
            ),
            Self::Pathway(name, e) => (
                "pathway",
                e.to_string(),
                Some(e.code()),
                Some(name.clone()),
                e.diagnostics().to_vec(),
                Vec::new(),
            ),
        };
        if json {
            let value = serde_json::json!({ "error": {
                "status": status, "kind": kind, "message": message, "code": code,
                "file": file, "diagnostics": diagnostics, "suggestions": suggestions,
            }});
            // The status still says what happened if printing fails.
            let _ = crate::common::print_json(&value);
            return;
        }
        let text = match self {
            Self::Pathway(name, e) if !e.diagnostics().is_empty() => {
                let mut lines = vec![format!(
                    "error: {}: the pathway has {} problem(s):",
                    escape(name),
                    e.diagnostics().len()
                )];
                for d in e.diagnostics() {
                    let mut head = d.clone();
                    head.help = None;
                    lines.push(escape(&head.to_string()).into_owned());
                    if let Some(help) = &d.help {
                        lines.push(format!("  help: {}", escape(help)));
                    }
                }
                lines.join("\n")
            }
            Self::Pathway(name, _) => format!("error: {}: {}", escape(name), escape(&message)),
            _ => format!("error: {}", escape(&message)),
        };
        eprintln!("{text}");
    }
}

/// The suggestions or candidates a question error carries.
fn offered(e: &QueryError) -> Vec<Candidate> {
    match e {
        QueryError::UnknownRegion { suggestions, .. }
        | QueryError::UnknownAdversity { suggestions, .. }
        | QueryError::UnknownFact { suggestions, .. }
        | QueryError::UnknownService { suggestions, .. }
        | QueryError::UnknownTag { suggestions, .. } => suggestions.clone(),
        QueryError::Ambiguous { candidates, .. } => candidates.clone(),
        _ => Vec::new(),
    }
}

/// Whether the arguments ask for JSON (`--format json` or `--format=json`),
/// read before parsing so that even a usage error is reported as JSON.
pub(crate) fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.windows(2).any(|w| {
        w.first().is_some_and(|a| a == "--format") && w.get(1).is_some_and(|b| b == "json")
    }) || args.iter().any(|a| a == "--format=json")
}
