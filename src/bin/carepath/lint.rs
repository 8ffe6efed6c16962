//! `carepath lint`: every problem in one or more pathway files, at the
//! levels the file and the command line set, for people or tools.

use std::io::Read;
use std::path::PathBuf;

use carepath::document::LintLevel;
use carepath::lint::{LintOptions, Report};
use clap::ArgMatches;

use crate::common::{Failure, print_json, println_out};

/// How a lint report is printed.
#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub(crate) enum LintFormat {
    /// As a compiler prints errors: the line, a caret under the place, the help.
    Human,
    /// The findings as JSON.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// The arguments of `carepath lint`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The pathway files; `-` reads standard input.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: LintFormat,
    /// Silence a lint (by code, name, or group: correctness, suspicious, style). Repeatable.
    #[arg(long, value_name = "LINT")]
    pub(crate) allow: Vec<String>,
    /// Report a lint as a warning. Repeatable.
    #[arg(long, value_name = "LINT")]
    pub(crate) warn: Vec<String>,
    /// Report a lint as an error; `--deny warnings` makes any warning fail the run. Repeatable.
    #[arg(long, value_name = "LINT")]
    pub(crate) deny: Vec<String>,
    /// Today's date (YYYY-MM-DD) for the review-date check; default: the system clock.
    #[arg(long)]
    pub(crate) today: Option<String>,
    /// How many months a review stays current.
    #[arg(long, default_value_t = 12)]
    pub(crate) review_months: u32,
}

/// Today's date from the system clock, as `YYYY-MM-DD` (UTC).
pub(crate) fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The level settings in the order they were given on the command line.
fn levels(
    args: &Args,
    matches: Option<&ArgMatches>,
) -> Result<(Vec<(String, LintLevel)>, bool), Failure> {
    let mut given: Vec<(usize, String, LintLevel)> = Vec::new();
    for (flag, values, level) in [
        ("allow", &args.allow, LintLevel::Allow),
        ("warn", &args.warn, LintLevel::Warning),
        ("deny", &args.deny, LintLevel::Error),
    ] {
        let indices: Vec<usize> = matches
            .and_then(|m| m.indices_of(flag))
            .map(Iterator::collect)
            .unwrap_or_default();
        for (k, v) in values.iter().enumerate() {
            given.push((indices.get(k).copied().unwrap_or(0), v.clone(), level));
        }
    }
    given.sort_by_key(|(i, _, _)| *i);
    let mut deny_warnings = false;
    let mut out = Vec::new();
    for (_, selector, level) in given {
        if selector == "warnings" && level == LintLevel::Error {
            deny_warnings = true;
            continue;
        }
        let is_group = ["correctness", "suspicious", "style"].contains(&selector.as_str());
        if !is_group && carepath::lint::find(&selector).is_none() {
            let names = carepath::lint::CATALOGUE.iter().map(|l| l.name);
            let hint = carepath::suggest::did_you_mean(&selector, names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(Failure::Usage(format!(
                "no lint is called `{selector}`{hint}; `carepath explain` lists them"
            )));
        }
        out.push((selector, level));
    }
    Ok((out, deny_warnings))
}

/// Reads one file, or standard input for `-`.
fn read(path: &PathBuf) -> Result<(String, String), Failure> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
        return Ok((
            "<stdin>".into(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", path.display())))?;
    Ok((relative(path), String::from_utf8_lossy(&bytes).into_owned()))
}

/// The path relative to the working directory when it lies inside it.
fn relative(path: &std::path::Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()));
    shown
        .unwrap_or_else(|| path.display().to_string())
        .replace('\\', "/")
}

/// Lints every file and prints the reports.
pub(crate) fn run(args: &Args, matches: Option<&ArgMatches>) -> Result<(), Failure> {
    let (levels, deny_warnings) = levels(args, matches)?;
    let options = LintOptions {
        today: Some(args.today.clone().unwrap_or_else(today)),
        review_months: args.review_months,
        levels,
        ..LintOptions::default()
    };
    let mut reports: Vec<(String, String, Report)> = Vec::new();
    for path in &args.files {
        let (name, text) = read(path)?;
        let report = carepath::lint::lint_with(&text, &options);
        reports.push((name, text, report));
    }
    match args.format {
        LintFormat::Human => {
            let out: String = reports
                .iter()
                .map(|(name, text, r)| carepath::human::report(name, text, r))
                .collect();
            println_out(out.trim_end())?;
        }
        LintFormat::Json => {
            let files: Vec<serde_json::Value> = reports
                .iter()
                .map(|(name, _, r)| serde_json::json!({ "file": name, "report": r }))
                .collect();
            print_json(&serde_json::json!({ "files": files }))?;
        }
        LintFormat::Sarif => {
            let files: Vec<(&str, &Report)> =
                reports.iter().map(|(n, _, r)| (n.as_str(), r)).collect();
            print_json(&carepath::sarif::log(&files))?;
        }
        LintFormat::Github => {
            let out: String = reports
                .iter()
                .map(|(name, _, r)| carepath::github::annotations(name, r))
                .collect();
            if !out.is_empty() {
                println_out(out.trim_end())?;
            }
        }
    }
    let failed = reports.iter().any(|(_, _, r)| {
        r.has_errors() || (deny_warnings && r.count(carepath::Severity::Warning) > 0)
    });
    if failed { Err(Failure::Failed) } else { Ok(()) }
}
