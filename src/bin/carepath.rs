//! The `carepath` command: a thin front end over the library. It parses
//! arguments, reads files, and prints what the library returns.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use carepath::{LoadError, Pathway, Profile};
use clap::{Parser, Subcommand, ValueEnum};

/// The shipped pathway, embedded so the command works with no files.
const DEFAULT_PATHWAY: &str = include_str!("../../pathways/scotland.json");
const DEFAULT_NAME: &str = "pathways/scotland.json (embedded)";

/// Care pathways as a graph of services with eligibility rules.
#[derive(Parser)]
#[command(name = "carepath", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
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
    Route {
        #[command(flatten)]
        family: Family,
        /// The service the family is already with (default: every entry service that accepts them).
        #[arg(long)]
        from: Option<String>,
        /// How many routes, best first.
        #[arg(long, default_value_t = 3)]
        limit: usize,
        /// The most referrals in a route.
        #[arg(long, default_value_t = 8)]
        max_hops: usize,
        /// Rank by fewest referrals instead of soonest seen.
        #[arg(long)]
        fewest_handoffs: bool,
        /// Use pessimistic waits.
        #[arg(long)]
        pessimistic: bool,
        /// End routes at services with this tag instead of the pathway's goal (repeat: all of them).
        #[arg(long = "goal-tag")]
        goal_tags: Vec<String>,
        /// End routes at this service instead of the pathway's goal (repeat for several).
        #[arg(long = "goal-service")]
        goal_services: Vec<String>,
        /// The pathway file (default: the shipped Scotland pathway).
        #[arg(long)]
        pathway: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Print the JSON Schema of the pathway file format.
    Schema,
}

/// The family a question is about.
#[derive(clap::Args)]
struct Family {
    /// The infant's age: `pregnancy`, `32 weeks gestation`, `birth`, `7 months`, `2 years`.
    #[arg(long)]
    age: String,
    /// Where the family lives (a region id).
    #[arg(long)]
    region: String,
    /// An adversity the family faces (repeat for several).
    #[arg(long = "adversity")]
    adversities: Vec<String>,
    /// A fact, as KEY=VALUE (e.g. `first_time_parent=true`, `severity=severe`).
    #[arg(long = "fact", value_parser = parse_fact)]
    facts: Vec<(String, serde_json::Value)>,
}

fn parse_fact(s: &str) -> Result<(String, serde_json::Value), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not KEY=VALUE"))?;
    let value = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.into()));
    Ok((k.trim().to_owned(), value))
}

/// What went wrong, and the exit status it gives.
enum Failure {
    /// Usage or I/O error: status 2.
    Usage(String),
    /// The pathway does not load: status 1.
    Pathway(String, LoadError),
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
    }
}

fn read_pathway(file: Option<&PathBuf>) -> Result<(String, String), Failure> {
    match file {
        None => Ok((DEFAULT_NAME.into(), DEFAULT_PATHWAY.into())),
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", path.display())))?;
            let name = path.display().to_string();
            match String::from_utf8(bytes) {
                Ok(text) => Ok((name, text)),
                Err(e) => Err(Failure::Pathway(
                    name,
                    Pathway::from_slice(e.as_bytes())
                        .err()
                        .unwrap_or(LoadError::Read {
                            message: "not UTF-8".into(),
                        }),
                )),
            }
        }
    }
}

fn load(file: Option<&PathBuf>) -> Result<Pathway, Failure> {
    let (name, text) = read_pathway(file)?;
    Pathway::from_json(&text).map_err(|e| Failure::Pathway(name, e))
}

fn profile(family: &Family) -> Result<Profile, Failure> {
    let mut p = Profile::new()
        .age(&family.age)
        .map_err(|e| Failure::Usage(e.to_string()))?
        .region(&family.region);
    for a in &family.adversities {
        p = p.adversity(a);
    }
    for (k, v) in &family.facts {
        p = p.fact(k, v.clone());
    }
    Ok(p)
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Usage(e.to_string()))?;
    println_out(&text)
}

fn println_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        // A reader that stopped early (`carepath route ... | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Failure::Usage(format!("cannot write output: {e}"))),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Check { file, format } => check(file.as_ref(), format),
        Command::Eligible {
            service,
            family,
            pathway,
            format,
        } => {
            let pathway = load(pathway.as_ref())?;
            let verdict = pathway
                .eligibility(&service, &profile(&family)?)
                .map_err(|e| Failure::Usage(e.to_string()))?;
            match format {
                Format::Json => print_json(&verdict),
                Format::Text => println_out(&carepath::text::verdict(&verdict)),
            }
        }
        Command::Route {
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
        } => {
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
                .map_err(|e| Failure::Usage(e.to_string()))?;
            match format {
                Format::Json => print_json(&answer),
                Format::Text => println_out(&carepath::text::routes(&answer)),
            }
        }
        Command::Schema => println_out(&carepath::schema::pathway_schema_json()),
    }
}

fn check(file: Option<&PathBuf>, format: Format) -> Result<(), Failure> {
    let (name, text) = read_pathway(file)?;
    match (Pathway::from_json(&text), format) {
        (Ok(p), Format::Text) => {
            let (services, referrals, regions) = p.size();
            let entries = p.services().filter(|s| s.entry).count();
            let goals = p.services().filter(|s| s.goal).count();
            println_out(&format!(
                "ok: {name}: {} (version {}): {services} services ({entries} entry points, {goals} goal services), {referrals} referrals, {regions} regions",
                p.metadata().name,
                p.metadata().version
            ))
        }
        (Ok(p), Format::Json) => {
            let (services, referrals, regions) = p.size();
            print_json(&serde_json::json!({
                "ok": true, "file": name, "name": p.metadata().name,
                "version": p.metadata().version, "services": services,
                "referrals": referrals, "regions": regions, "diagnostics": [],
            }))
        }
        (Err(e), Format::Json) => {
            let diagnostics = match &e {
                LoadError::Invalid(d) => serde_json::to_value(d).unwrap_or_default(),
                other => {
                    serde_json::json!([{ "code": other.code(), "severity": "error", "message": other.to_string() }])
                }
            };
            print_json(
                &serde_json::json!({ "ok": false, "file": name, "diagnostics": diagnostics }),
            )?;
            Err(Failure::Pathway(name, e))
        }
        (Err(e), Format::Text) => Err(Failure::Pathway(name, e)),
    }
}
