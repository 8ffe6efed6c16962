//! `carepath graph`: a picture of a pathway in DOT or Mermaid, for one
//! region or the whole pathway, optionally with one family's routes.

use std::path::PathBuf;

use carepath::{Picture, PictureQuery};
use clap::ValueEnum;

use crate::common::{Failure, Family, load, parse_fact, println_out, profile};

/// The drawing language.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (Markdown hosts).
    Mermaid,
}

/// The arguments of `carepath graph`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The pathway file (default: the shipped Scotland pathway).
    pub(crate) file: Option<PathBuf>,
    /// Drawing language.
    #[arg(long, value_enum, default_value = "dot")]
    pub(crate) format: GraphFormat,
    /// Draw only the services serving some part of this region (and, with
    /// `--age`, the family lives here). A large pathway is best drawn one
    /// board (second level of the region tree) at a time.
    #[arg(long)]
    pub(crate) region: Option<String>,
    /// Mark services with this tag as goals instead of the pathway's goal (repeat: all of them).
    #[arg(long = "goal-tag")]
    pub(crate) goal_tags: Vec<String>,
    /// A family's age: draw its routes bold and grey the services that exclude it.
    #[arg(long, conflicts_with_all = ["born", "due"])]
    pub(crate) age: Option<String>,
    /// The family's child's date of birth, YYYY-MM-DD (instead of `--age`).
    #[arg(long, conflicts_with = "due")]
    pub(crate) born: Option<String>,
    /// The family's due date, YYYY-MM-DD (instead of `--age`).
    #[arg(long)]
    pub(crate) due: Option<String>,
    /// The day the question is asked, YYYY-MM-DD (default: today, UTC).
    #[arg(long)]
    pub(crate) today: Option<String>,
    /// An adversity the family faces (repeat for several; needs `--age`).
    #[arg(long = "adversity")]
    pub(crate) adversities: Vec<String>,
    /// A fact about the family, as KEY=VALUE (needs `--age`).
    #[arg(long = "fact", value_parser = parse_fact)]
    pub(crate) facts: Vec<(String, serde_json::Value)>,
    /// How many of the family's routes to draw.
    #[arg(long, default_value_t = 3)]
    pub(crate) routes: usize,
}

/// Prints the picture `args` asks for.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let pathway = load(args.file.as_ref())?;
    let mut query = PictureQuery {
        region: args.region.clone(),
        routes: args.routes,
        ..PictureQuery::default()
    };
    if !args.goal_tags.is_empty() {
        let tags: Vec<&str> = args.goal_tags.iter().map(String::as_str).collect();
        query = query.goal_tags(&tags);
    }
    let has_age = args.age.is_some() || args.born.is_some() || args.due.is_some();
    match (has_age, &args.region) {
        (true, Some(region)) => {
            let family = Family {
                age: args.age.clone(),
                born: args.born.clone(),
                due: args.due.clone(),
                today: args.today.clone(),
                region: region.clone(),
                adversities: args.adversities.clone(),
                facts: args.facts.clone(),
            };
            query = query.family(profile(&family)?);
        }
        (true, None) => {
            return Err(Failure::Usage(
                "a family needs `--region`: where the family lives".into(),
            ));
        }
        (false, _) if !args.adversities.is_empty() || !args.facts.is_empty() => {
            return Err(Failure::Usage(
                "`--adversity` and `--fact` describe a family: give its `--age` (or `--born`, `--due`) and `--region` too"
                    .into(),
            ));
        }
        (false, _) => {}
    }
    let picture = Picture::new(&pathway, &query).map_err(|e| Failure::Usage(e.to_string()))?;
    let text = match args.format {
        GraphFormat::Dot => carepath::dot::render(&picture),
        GraphFormat::Mermaid => {
            if picture.referrals.len() > carepath::mermaid::MAX_EDGES {
                eprintln!(
                    "warning: {} referrals: Mermaid draws at most {} links unless the site raises `maxEdges`; draw one region with `--region`",
                    picture.referrals.len(),
                    carepath::mermaid::MAX_EDGES
                );
            }
            carepath::mermaid::render(&picture)
        }
    };
    println_out(text.trim_end())
}
