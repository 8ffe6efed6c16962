//! `carepath coverage`: which families a pathway leaves without a route.

use std::path::PathBuf;

use carepath::document::GoalDoc;
use carepath::{CoverageQuery, WaitKind};

use crate::common::{Failure, load, print_json, println_out, query_failure};

/// How a coverage is printed.
#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub(crate) enum Output {
    /// The gaps, then a region × adversity matrix at 3, 12 and 24 months.
    Text,
    /// Every box (covered, gap, not examined), with the gaps in full.
    Json,
    /// One row per box, for a spreadsheet.
    Csv,
}

/// The arguments of `carepath coverage`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The pathway file, or `-` for standard input (default: the shipped Scotland pathway).
    pub(crate) file: Option<PathBuf>,
    /// Which routes count: the goal, waits, ages and hop limit.
    #[command(flatten)]
    pub(crate) scope: Scope,
    /// Let each fact a rule tests also be missing (its own class).
    #[arg(long)]
    pub(crate) missing_facts: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Output,
}

/// The flags `coverage` and `diff` share: which routes count.
#[derive(clap::Args)]
pub(crate) struct Scope {
    /// End routes at services with this tag instead of the pathway's goal (repeat: all of them).
    #[arg(long = "goal-tag")]
    pub(crate) goal_tags: Vec<String>,
    /// End routes at this service instead of the pathway's goal (repeat for several).
    #[arg(long = "goal-service")]
    pub(crate) goal_services: Vec<String>,
    /// Use pessimistic waits.
    #[arg(long)]
    pub(crate) pessimistic: bool,
    /// The start ages examined, as FROM..BEFORE (e.g. `birth..2 years`; default `pregnancy..5 years`).
    #[arg(long)]
    pub(crate) ages: Option<String>,
    /// The most referrals in a route.
    #[arg(long, default_value_t = 8)]
    pub(crate) max_hops: usize,
}

impl Scope {
    /// The coverage question of these flags; `missing_facts` lets each fact
    /// a rule tests also be missing.
    pub(crate) fn query(self, missing_facts: bool) -> Result<CoverageQuery, Failure> {
        let mut q = CoverageQuery::default()
            .max_hops(self.max_hops)
            .missing_facts(missing_facts);
        if !self.goal_tags.is_empty() || !self.goal_services.is_empty() {
            q = q.goal(GoalDoc {
                tier: None,
                tags: self.goal_tags,
                services: self.goal_services,
            });
        }
        if self.pessimistic {
            q = q.waits(WaitKind::Pessimistic);
        }
        if let Some(text) = self.ages {
            let (from, before) = text
                .split_once("..")
                .ok_or_else(|| Failure::Usage(format!("`{text}` is not FROM..BEFORE")))?;
            let age =
                |t: &str| carepath::age::parse_age(t.trim()).map_err(|e| Failure::Query(e.into()));
            q = q.ages(age(from)?, age(before)?);
        }
        Ok(q)
    }
}

/// Loads a pathway for a question about every family: one that does not
/// load is the answer "no" here (status 1), reported as `check` reports it.
pub(crate) fn load_or_no(file: Option<&PathBuf>, json: bool) -> Result<carepath::Pathway, Failure> {
    match load(file) {
        Err(f @ Failure::Pathway(..)) => {
            f.report_as(json, 1);
            Err(Failure::Failed)
        }
        other => other,
    }
}

/// Prints the coverage of the pathway in `args`.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let Args {
        file,
        scope,
        missing_facts,
        format,
    } = args;
    let q = scope.query(missing_facts)?;
    let pathway = load_or_no(file.as_ref(), format == Output::Json)?;
    let coverage = pathway.coverage(&q).map_err(query_failure)?;
    match format {
        Output::Text => println_out(&carepath::text::coverage(&coverage)),
        Output::Json => print_json(&serde_json::json!({
            "complete": coverage.is_complete(),
            "query": coverage.query(),
            "gaps": coverage.gaps(),
            "boxes": coverage.boxes(),
        })),
        Output::Csv => println_out(&carepath::text::boxes_csv(&coverage.boxes())),
    }
}
