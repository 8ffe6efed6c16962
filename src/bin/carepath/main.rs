//! The `carepath` command: a thin front end over the library. It parses
//! arguments, reads files, and prints what the library returns. One file
//! per subcommand; `common` holds what they share. No logic of its own.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod check;
mod common;
mod eligible;
mod list;
mod route;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use common::{Failure, Family, Format};

/// Care pathways as a graph of services with eligibility rules.
#[derive(Parser)]
#[command(name = "carepath", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load a pathway file and report every problem, or a summary.
    ///
    /// Exit status: 0 when it loads, 1 when it does not, 2 on usage or I/O errors.
    Check {
        /// The pathway file (default: the shipped Scotland pathway).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Say whether a family is eligible for one service, and why.
    Eligible {
        /// The service's id.
        #[arg(long)]
        service: String,
        #[command(flatten)]
        family: Family,
        /// The pathway file (default: the shipped Scotland pathway).
        #[arg(long)]
        pathway: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the best referral routes for a family, and why other goal services are out of reach.
    Route(route::Args),
    /// List what a pathway holds: regions (a tree), services, adversities, facts, tags or goals.
    List(list::Args),
    /// Print the JSON Schema of the pathway file format.
    Schema,
    /// Run scenario files: each case's family, question and expectations.
    ///
    /// Exit status: 0 when every case passes, 1 when any fails or a pathway
    /// does not load, 2 on usage or I/O errors.
    Test(test::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Pathway(name, e)) => {
            eprintln!("error: {name}: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Failed) => ExitCode::from(1),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Check { file, format } => check::run(file.as_ref(), format),
        Command::Eligible {
            service,
            family,
            pathway,
            format,
        } => eligible::run(&service, &family, pathway.as_ref(), format),
        Command::Route(args) => route::run(args),
        Command::List(args) => list::run(args),
        Command::Schema => common::println_out(&carepath::schema::pathway_schema_json()),
        Command::Test(args) => match test::run_files(&args)? {
            true => Ok(()),
            false => Err(Failure::Failed),
        },
    }
}
