//! `carepath diff OLD NEW`: what a change to a pathway does to who is covered.

use std::path::PathBuf;

use crate::common::{Failure, Format, print_json, println_out, query_failure};
use crate::coverage::{Scope, load_or_no};

/// The arguments of `carepath diff`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The pathway file before the change.
    pub(crate) old: PathBuf,
    /// The pathway file after the change.
    pub(crate) new: PathBuf,
    /// Exit 1 when any family loses its route (a gate for a pathway repository's CI).
    #[arg(long)]
    pub(crate) fail_on_loss: bool,
    /// Report best times that move by more than this (`1w`, `10d`, `2 weeks`).
    #[arg(long, default_value = "1w")]
    pub(crate) threshold: String,
    /// Which routes count: the goal, waits, ages and hop limit.
    #[command(flatten)]
    pub(crate) scope: Scope,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

/// `1w` → `1 week`, `10d` → `10 days`; anything else as written.
fn duration(text: &str) -> Result<i64, Failure> {
    let t = text.trim();
    let spelled = if let Some(n) = t.strip_suffix('w') {
        format!("{n} weeks")
    } else if let Some(n) = t.strip_suffix('d') {
        format!("{n} days")
    } else {
        t.to_owned()
    };
    carepath::age::parse_duration(&spelled)
        .map(i64::from)
        .map_err(|_| Failure::Usage(format!("`{text}` is not a duration (e.g. `1w`, `10d`)")))
}

/// Prints what changes from OLD to NEW.
pub(crate) fn run(args: Args) -> Result<(), Failure> {
    let json = args.format == Format::Json;
    let threshold = duration(&args.threshold)?;
    let q = args.scope.query(false)?;
    let old = load_or_no(Some(&args.old), json)?;
    let new = load_or_no(Some(&args.new), json)?;
    let before = old.coverage(&q).map_err(query_failure)?;
    let after = new.coverage(&q).map_err(query_failure)?;
    let diff = before.diff(&after, threshold).map_err(query_failure)?;
    match args.format {
        Format::Json => print_json(&diff)?,
        Format::Text => println_out(&carepath::text::diff(&diff))?,
    }
    if args.fail_on_loss && diff.summary.loses > 0 {
        return Err(Failure::Failed);
    }
    Ok(())
}
