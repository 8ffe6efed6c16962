//! `carepath report`: the one-page HTML report of a pathway file.

use std::path::PathBuf;

use carepath::document::PathwayDocument;
use carepath::html::Report;
use carepath::{CoverageQuery, Pathway, Picture, PictureQuery, heatmap};

use crate::common::{Failure, read_pathway};

/// The arguments of `carepath report`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The pathway file (default: the shipped Scotland pathway).
    pub(crate) file: Option<PathBuf>,
    /// Where to write the page.
    #[arg(short = 'o', long = "output", default_value = "report.html")]
    pub(crate) output: PathBuf,
    /// The region whose services the page draws (default: the whole
    /// pathway when it is small, else the first region below the root).
    #[arg(long)]
    pub(crate) region: Option<String>,
    /// The start ages of the area × adversity heatmaps, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "3 months,12 months,24 months"
    )]
    pub(crate) ages: Vec<String>,
    /// The adversity of the area × age heatmap (default: the vocabulary's first).
    #[arg(long)]
    pub(crate) adversity: Option<String>,
    /// The start ages of the area × age heatmap, comma-separated.
    #[arg(
        long = "age-columns",
        value_delimiter = ',',
        default_value = "20 weeks gestation,birth,3 months,6 months,12 months,18 months,2 years,3 years,4 years"
    )]
    pub(crate) age_columns: Vec<String>,
    /// Use pessimistic waits.
    #[arg(long)]
    pub(crate) pessimistic: bool,
}

/// Each age text with its day.
fn days(ages: &[String]) -> Result<Vec<(i32, String)>, Failure> {
    ages.iter()
        .map(|a| {
            let a = a.trim();
            carepath::age::parse_age(a)
                .map(|d| (d, a.to_owned()))
                .map_err(|e| Failure::Usage(e.to_string()))
        })
        .collect()
}

/// The lint findings of the file at the levels `check` uses, most severe
/// first, each placed at its line and column.
fn findings(text: &str) -> Vec<carepath::html::Finding> {
    let options = carepath::lint::LintOptions {
        today: Some(crate::lint::today()),
        ..carepath::lint::LintOptions::default()
    };
    let mut found = carepath::lint::lint_with(text, &options).findings;
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    found
        .into_iter()
        .map(|d| carepath::html::Finding {
            code: format!("{} {}", d.code, d.name),
            severity: d.severity.as_str().to_owned(),
            message: match &d.help {
                Some(help) => format!("{} (help: {help})", d.message),
                None => d.message,
            },
            location: format!(
                "line {}, column {} ({})",
                d.location.line, d.location.column, d.location.pointer
            ),
        })
        .collect()
}

/// Writes the report page.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let (name, text) = read_pathway(args.file.as_ref())?;
    let pathway = Pathway::from_json(&text).map_err(|e| Failure::Pathway(name.clone(), e))?;
    let document =
        PathwayDocument::from_json(&text).map_err(|e| Failure::Pathway(name.clone(), e))?;
    let adversities: Vec<(&str, &str)> = document
        .vocabulary
        .adversities
        .iter()
        .map(|a| (a.id.as_str(), a.label.as_str()))
        .collect();
    let region = args
        .region
        .clone()
        .or_else(|| Picture::default_region(&pathway));
    let query = PictureQuery {
        region: region.clone(),
        ..PictureQuery::default()
    };
    let picture = Picture::new(&pathway, &query).map_err(|e| Failure::Usage(e.to_string()))?;
    let picture_note = match (&region, &args.region) {
        (None, _) => "Every service of the pathway.".to_owned(),
        (Some(r), Some(_)) => format!("The services serving some part of `{r}`."),
        (Some(r), None) => format!(
            "The pathway has more than {} services: this picture shows those serving some part of `{r}`; ask for another region with `carepath report --region ID`.",
            carepath::picture::READABLE_SERVICES
        ),
    };
    let mut query = CoverageQuery::default();
    if args.pessimistic {
        query = query.waits(carepath::WaitKind::Pessimistic);
    }
    let coverage = pathway
        .coverage(&query)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let mut heatmaps = Vec::new();
    for (day, text) in days(&args.ages)? {
        heatmaps.push(heatmap::by_adversity(&coverage, day, &format!("At {text}")));
    }
    let adversity = match &args.adversity {
        Some(a) => Some(a.clone()),
        None => adversities.first().map(|(id, _)| (*id).to_owned()),
    };
    if let Some(a) = adversity {
        let label = adversities
            .iter()
            .find(|(id, _)| *id == a)
            .map_or(a.clone(), |(_, label)| (*label).to_owned());
        heatmaps.push(
            heatmap::by_age(
                &coverage,
                &a,
                &days(&args.age_columns)?,
                &format!("{label}, by age"),
            )
            .map_err(|e| Failure::Usage(e.to_string()))?,
        );
    }
    let coverage_note = format!(
        "Exact coverage over every family the pathway can tell apart: each cell is the families of one area with that one adversity (every class of the facts the rules test, all facts known), starting at that age; its colour is the best time, in weeks, until a goal service sees them, with {} waits and at most {} referrals.{}",
        if args.pessimistic {
            "pessimistic"
        } else {
            "typical"
        },
        query.max_hops,
        if coverage.is_complete() {
            ""
        } else {
            " The analysis stopped at its budget: cells it did not decide are marked ?."
        }
    );
    let report = Report {
        heatmaps: Some(heatmaps),
        coverage_note,
        gaps: Some(
            coverage
                .gaps()
                .into_iter()
                .map(|g| carepath::html::Gap {
                    families: g.families.words,
                    example: g.command,
                })
                .collect(),
        ),
        findings: Some(findings(&text)),
        picture,
        picture_note,
    };
    let page = carepath::html::render(&pathway, &report);
    std::fs::write(&args.output, page)
        .map_err(|e| Failure::Usage(format!("cannot write `{}`: {e}", args.output.display())))?;
    eprintln!("wrote {}", args.output.display());
    Ok(())
}
