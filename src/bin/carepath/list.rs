//! `carepath list`: what a pathway holds (regions as a tree, services,
//! adversities, facts, tags, goal services).

use std::path::PathBuf;

use crate::common::{Failure, Format, load, print_json, println_out, query_failure};

/// What to list.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum What {
    /// The region tree (with --region: the regions inside it).
    Regions,
    /// Every service (with --region: those serving some family there).
    Services,
    /// The adversities of the vocabulary.
    Adversities,
    /// The facts of the vocabulary, with their kinds.
    Facts,
    /// Every tag some service carries.
    Tags,
    /// The services of the pathway's default goal (with --region: those serving some family there).
    Goals,
}

/// The arguments of `carepath list`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// What to list.
    #[arg(value_enum)]
    pub(crate) what: What,
    /// Only what lies in (or serves some family in) this region: an id or a name.
    #[arg(long)]
    pub(crate) region: Option<String>,
    /// The pathway file, or `-` for standard input (default: the shipped Scotland pathway).
    #[arg(long)]
    pub(crate) pathway: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

/// Prints the list asked for.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let pathway = load(args.pathway.as_ref())?;
    let region = args.region.as_deref();
    let services = || match region {
        Some(r) => pathway.services_in(r).map_err(query_failure),
        None => Ok(pathway.services().collect()),
    };
    let json = args.format == Format::Json;
    match args.what {
        What::Regions => {
            let regions = pathway.regions(region).map_err(query_failure)?;
            if json {
                print_json(&regions)
            } else {
                println_out(&carepath::text::region_tree(&regions))
            }
        }
        What::Services | What::Goals => {
            let mut list = services()?;
            if matches!(args.what, What::Goals) {
                list.retain(|s| s.goal);
            }
            if json {
                print_json(&list)
            } else {
                println_out(&carepath::text::services(&list))
            }
        }
        What::Adversities | What::Facts => {
            let terms = if matches!(args.what, What::Facts) {
                pathway.facts()
            } else {
                pathway.adversities()
            };
            if json {
                print_json(&terms)
            } else {
                println_out(&carepath::text::terms(&terms))
            }
        }
        What::Tags => {
            let tags = pathway.tags();
            if json {
                print_json(&tags)
            } else {
                let lines: Vec<String> = tags
                    .iter()
                    .map(|t| carepath::text::escape(t).into_owned())
                    .collect();
                println_out(&lines.join("\n"))
            }
        }
    }
}
