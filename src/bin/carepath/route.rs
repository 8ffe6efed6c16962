//! `carepath route`: the best referral routes for a family, and why other
//! goal services are out of reach.

use std::path::PathBuf;

use crate::common::{
    Failure, Family, Format, load, print_json, println_out, profile, query_failure,
};

/// The arguments of `carepath route`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) family: Family,
    /// The service the family is already with, an id or a name (default: every entry service that accepts them).
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// How many routes, best first.
    #[arg(long, default_value_t = 3)]
    pub(crate) limit: usize,
    /// The most referrals in a route.
    #[arg(long, default_value_t = 8)]
    pub(crate) max_hops: usize,
    /// Rank by fewest referrals instead of soonest seen.
    #[arg(long)]
    pub(crate) fewest_handoffs: bool,
    /// Use pessimistic waits.
    #[arg(long)]
    pub(crate) pessimistic: bool,
    /// End routes at services with this tag instead of the pathway's goal (repeat: all of them).
    #[arg(long = "goal-tag")]
    pub(crate) goal_tags: Vec<String>,
    /// End routes at this service instead of the pathway's goal (repeat for several).
    #[arg(long = "goal-service")]
    pub(crate) goal_services: Vec<String>,
    /// The pathway file, or `-` for standard input (default: the shipped Scotland pathway).
    #[arg(long)]
    pub(crate) pathway: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

/// Prints the routes for the family in `args`.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let Args {
        family,
        from,
        limit,
        max_hops,
        fewest_handoffs,
        pessimistic,
        goal_tags,
        goal_services,
        pathway,
        format,
    } = args;
    let pathway = load(pathway.as_ref())?;
    let mut query = carepath::RouteQuery::default()
        .limit(limit)
        .max_hops(max_hops);
    query.from = from;
    if !goal_tags.is_empty() || !goal_services.is_empty() {
        query = query.goal(carepath::document::GoalDoc {
            tier: None,
            tags: goal_tags,
            services: goal_services,
        });
    }
    if fewest_handoffs {
        query = query.ranking(carepath::Ranking::FewestHandoffs);
    }
    if pessimistic {
        query = query.waits(carepath::WaitKind::Pessimistic);
    }
    let answer = pathway
        .routes(&profile(&family)?, &query)
        .map_err(query_failure)?;
    match format {
        Format::Json => print_json(&answer)?,
        Format::Text => println_out(&carepath::text::routes(&answer))?,
    }
    match (answer.routes.is_empty(), answer.complete) {
        (false, _) => Ok(()),
        (true, true) => Err(Failure::Failed),
        (true, false) => Err(Failure::Unknown),
    }
}
