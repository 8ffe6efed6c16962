//! `carepath test`: runs scenario files and reports each case.

use std::path::{Path, PathBuf};

use carepath::testing::scenario::{ScenarioFile, ScenarioReport, run};

use crate::common::{Failure, load, print_json, println_out, read_text};

/// How a scenario report is printed.
#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// `test NAME ... ok|FAILED` per case, then `N passed, M failed`.
    Human,
    /// The report as JSON.
    Json,
}

/// The arguments of `carepath test`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Scenario files.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// The pathway file for every scenario file (default: each file's
    /// `pathway`, relative to it; else the shipped Scotland pathway).
    #[arg(long)]
    pub(crate) pathway: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: ReportFormat,
}

/// Runs every case of every file; `Ok(false)` when any failed.
pub(crate) fn run_files(args: &Args) -> Result<bool, Failure> {
    // Empty, to which each file's report is added.
    let mut report = ScenarioReport::default();
    for path in &args.files {
        let text = read_text(path)?;
        let file = ScenarioFile::from_json(&text)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
        let pathway_file = match (&args.pathway, &file.pathway) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(rel)) => Some(path.parent().unwrap_or_else(|| Path::new("")).join(rel)),
            (None, None) => None,
        };
        let pathway = load(pathway_file.as_ref())?;
        report.extend(run(&pathway, &file));
    }
    match args.format {
        ReportFormat::Human => {
            let text = report.to_text();
            println_out(text.strip_suffix('\n').unwrap_or(&text))?;
        }
        ReportFormat::Json => print_json(&report)?,
    }
    Ok(report.failed == 0)
}
