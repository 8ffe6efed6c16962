//! The `carepath` command: a thin front end over the library. It parses
//! arguments, reads files, and prints what the library returns. One file
//! per subcommand; `common` holds what they share. No logic of its own.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod check;
mod common;
mod coverage;
mod diff;
mod eligible;
mod exit;
mod explain;
mod graph;
mod lint;
mod list;
mod report;
mod route;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use common::{Failure, Family, Format};

/// Care pathways as a graph of services with eligibility rules.
#[derive(Parser)]
#[command(name = "carepath", version, about, long_about = None, after_help = exit::EXIT_STATUS_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a pathway file: the same report as `lint`, at default levels, or a summary.
    ///
    /// Exit status: 0 when nothing is at error level, 1 when something is, 2 on usage or I/O errors.
    Check {
        /// The pathway file, or `-` for standard input (default: the shipped Scotland pathway).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Say whether a family is eligible for one service, and why.
    ///
    /// Exit status: 0 eligible, 1 not eligible, 3 unknown (the rule needs a fact not given), 2 no answer.
    Eligible {
        /// The service: an id or a name.
        #[arg(long)]
        service: String,
        #[command(flatten)]
        family: Family,
        /// Judge the referral as made by this service, an id or a name; `self` (the default): the family comes by itself.
        #[arg(long, default_value = "self")]
        from: String,
        /// The pathway file, or `-` for standard input (default: the shipped Scotland pathway).
        #[arg(long)]
        pathway: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the best referral routes for a family, and why other goal services are out of reach.
    ///
    /// Exit status: 0 a route found, 1 none, 3 none found before the search budget ran out, 2 no answer.
    Route(route::Args),
    /// Which families a pathway leaves without a route to its goal, exactly.
    ///
    /// Exit status: 0 answered (gaps or not), 1 the pathway does not load, 2 usage.
    Coverage(coverage::Args),
    /// What a change to a pathway does to who is covered: who gains, loses, or waits longer.
    ///
    /// Exit status: 0 answered, 1 a file does not load or (with --fail-on-loss) a family loses its route, 2 usage.
    Diff(diff::Args),
    /// List what a pathway holds: regions (a tree), services, adversities, facts, tags or goals.
    List(list::Args),
    /// Draw a pathway (DOT or Mermaid): services ranked by tier, referrals with delays and conditions, clustered by region; with a family, its routes bold.
    Graph(graph::Args),
    /// Write a one-page HTML report: summary, coverage heatmaps and gaps, findings, a picture of one region.
    Report(report::Args),
    /// Lint pathway files: every shape and structural error, and every lint of the catalogue.
    ///
    /// Exit status: 0 when nothing is at error level, 1 when something is (or, under
    /// `--deny warnings`, any warning), 2 on usage or I/O errors.
    Lint(lint::Args),
    /// Explain a lint (by code or name): what it finds, why it matters, examples; or list them all.
    Explain {
        /// The lint's code (e.g. `L0107`) or name (e.g. `age-cliff`).
        lint: Option<String>,
    },
    /// Print the JSON Schema of the pathway file format.
    Schema,
    /// Run scenario files: each case's family, question and expectations.
    ///
    /// Exit status: 0 when every case passes, 1 when any fails, 2 on usage
    /// or I/O errors or a pathway that does not load.
    Test(test::Args),
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = exit::wants_json(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if json && e.use_stderr() => {
            // clap's first line, without its `error: ` and the usage after it.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            let message = first.strip_prefix("error: ").unwrap_or(first).to_owned();
            Failure::Usage(message).report(true);
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    // The order of `--allow`, `--warn` and `--deny` matters: clap keeps it here.
    let matches = Cli::command().try_get_matches_from(&args).ok();
    let lint_matches = matches.as_ref().and_then(|m| m.subcommand_matches("lint"));
    match run(cli, lint_matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report(json);
            ExitCode::from(failure.status())
        }
    }
}

fn run(cli: Cli, lint_matches: Option<&clap::ArgMatches>) -> Result<(), Failure> {
    match cli.command {
        Command::Check { file, format } => check::run(file.as_ref(), format),
        Command::Eligible {
            service,
            family,
            from,
            pathway,
            format,
        } => eligible::run(&service, &family, &from, pathway.as_ref(), format),
        Command::Route(args) => route::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Diff(args) => diff::run(args),
        Command::List(args) => list::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Report(args) => report::run(args),
        Command::Lint(args) => lint::run(&args, lint_matches),
        Command::Explain { lint } => explain::run(lint.as_deref()),
        Command::Schema => common::println_out(&carepath::schema::pathway_schema_json()),
        Command::Test(args) => match test::run_files(&args)? {
            true => Ok(()),
            false => Err(Failure::Failed),
        },
    }
}
