//! `carepath report`: the one-page HTML report of a pathway file.

use std::path::PathBuf;

use carepath::html::Report;
use carepath::{Picture, PictureQuery};

use crate::common::{Failure, load};

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
}

/// Writes the report page.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let pathway = load(args.file.as_ref())?;
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
    let report = Report {
        heatmaps: None,
        coverage_note: String::new(),
        gaps: None,
        findings: None,
        picture,
        picture_note,
    };
    let page = carepath::html::render(&pathway, &report);
    std::fs::write(&args.output, page)
        .map_err(|e| Failure::Usage(format!("cannot write `{}`: {e}", args.output.display())))?;
    eprintln!("wrote {}", args.output.display());
    Ok(())
}
