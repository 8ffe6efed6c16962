//! What every subcommand shares: the family arguments, the output format,
//! reading a pathway, printing, and the exit status of a failure.

use std::io::Write;
use std::path::PathBuf;

use carepath::age::Date;
use carepath::{LoadError, Pathway, Profile};
use clap::ValueEnum;

/// The shipped pathway, embedded so the command works with no files.
const DEFAULT_PATHWAY: &str = include_str!("../../../pathways/scotland.json");
const DEFAULT_NAME: &str = "pathways/scotland.json (embedded)";

/// How answers are printed.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
}

/// The family a question is about.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["age", "born", "due"])))]
pub(crate) struct Family {
    /// The infant's age: `32 weeks pregnant`, `newborn`, `6 weeks old`, `7 months`, `1.5 years`, `2 years 11 months`.
    #[arg(long)]
    pub(crate) age: Option<String>,
    /// The child's date of birth, YYYY-MM-DD (instead of --age).
    #[arg(long)]
    pub(crate) born: Option<String>,
    /// The pregnancy's due date, YYYY-MM-DD (instead of --age).
    #[arg(long)]
    pub(crate) due: Option<String>,
    /// The day the question is asked, YYYY-MM-DD (default: today's date on this computer, UTC); answers then give calendar dates too.
    #[arg(long)]
    pub(crate) today: Option<String>,
    /// Where the family lives (a region id or name).
    #[arg(long)]
    pub(crate) region: String,
    /// An adversity the family faces (repeat for several).
    #[arg(long = "adversity")]
    pub(crate) adversities: Vec<String>,
    /// A fact, as KEY=VALUE (e.g. `first_time_parent=true`, `severity=severe`).
    #[arg(long = "fact", value_parser = parse_fact)]
    pub(crate) facts: Vec<(String, serde_json::Value)>,
}

pub(crate) fn parse_fact(s: &str) -> Result<(String, serde_json::Value), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not KEY=VALUE"))?;
    let value = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.into()));
    Ok((k.trim().to_owned(), value))
}

/// What went wrong, or a negative answer, and the exit status it gives
/// (see `exit.rs`).
pub(crate) enum Failure {
    /// Usage or I/O error: status 2.
    Usage(String),
    /// A question the library cannot answer (an unknown name, an impossible
    /// age): status 2.
    Query(carepath::QueryError),
    /// The pathway does not load: status 2 (`check` answers 1 itself).
    Pathway(String, LoadError),
    /// The answer is no, and it is printed: status 1.
    Failed,
    /// The answer is unknown, and it is printed: status 3.
    Unknown,
}

/// Reads at most `limit + 1` bytes of a file: enough to know it is over
/// the limit without reading a huge file (or `/dev/zero`) whole.
/// `-` reads standard input.
pub(crate) fn read_limited(path: &std::path::Path, limit: usize) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Failure::Usage(format!(
            "cannot read `{}`: {e}",
            carepath::text::escape(&path.display().to_string())
        ))
    };
    let file: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(cannot)?)
    };
    let mut bytes = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// Reads a text file (a scenario file), up to the pathway file size limit.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, Failure> {
    let bytes = read_limited(path, carepath::limits::MAX_FILE_BYTES)?;
    if bytes.len() > carepath::limits::MAX_FILE_BYTES {
        return Err(Failure::Usage(format!(
            "`{}` is larger than the limit of {} bytes",
            path.display(),
            carepath::limits::MAX_FILE_BYTES
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::Usage(format!("`{}` is not UTF-8 text", path.display())))
}

pub(crate) fn read_pathway(file: Option<&PathBuf>) -> Result<(String, String), Failure> {
    match file {
        None => Ok((DEFAULT_NAME.into(), DEFAULT_PATHWAY.into())),
        Some(path) => {
            let limit = carepath::limits::MAX_FILE_BYTES;
            let bytes = read_limited(path, limit)?;
            let name = if path.as_os_str() == "-" {
                "standard input".to_owned()
            } else {
                path.display().to_string()
            };
            if bytes.len() > limit {
                // The size on disk when known (not for a pipe or `/dev/zero`).
                let size = std::fs::metadata(path)
                    .ok()
                    .and_then(|m| usize::try_from(m.len()).ok())
                    .filter(|&n| n > limit)
                    .unwrap_or(bytes.len());
                return Err(Failure::Pathway(
                    name,
                    LoadError::TooLarge { bytes: size, limit },
                ));
            }
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

pub(crate) fn load(file: Option<&PathBuf>) -> Result<Pathway, Failure> {
    let (name, text) = read_pathway(file)?;
    Pathway::from_json(&text).map_err(|e| Failure::Pathway(name, e))
}

/// Today's date from the system clock (UTC): only the command line reads it.
fn system_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}

pub(crate) fn profile(family: &Family) -> Result<Profile, Failure> {
    let usage = |e: carepath::age::AgeError| Failure::Query(e.into());
    let given = family
        .today
        .as_deref()
        .map(Date::parse)
        .transpose()
        .map_err(usage)?;
    let today = given.unwrap_or_else(system_today);
    let p = Profile::new();
    let mut p = match (&family.age, &family.born, &family.due) {
        // With an age, dates are given only for a stated day, so that the
        // same question gives the same answer on any day.
        (Some(age), _, _) => {
            let p = p.age(age).map_err(usage)?;
            match given {
                Some(d) => p.today(d),
                None => p,
            }
        }
        (None, Some(born), _) => p
            .born(Date::parse(born).map_err(usage)?, today)
            .map_err(usage)?,
        (None, None, Some(due)) => p
            .due(Date::parse(due).map_err(usage)?, today)
            .map_err(usage)?,
        (None, None, None) => return Err(Failure::Usage("give --age, --born or --due".into())),
    }
    .region(&family.region);
    // Repeats dropped in one pass (`Profile::adversity` checks each against
    // those before it: quadratic for 50,000 repeats).
    let mut seen = std::collections::HashSet::new();
    p.adversities.extend(
        family
            .adversities
            .iter()
            .filter(|a| seen.insert(a.as_str()))
            .cloned(),
    );
    for (k, v) in &family.facts {
        p = p.fact(k, v.clone());
    }
    Ok(p)
}

/// A question the library could not answer.
pub(crate) fn query_failure(e: carepath::QueryError) -> Failure {
    Failure::Query(e)
}

pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Usage(e.to_string()))?;
    write_out(&text)
}

/// Prints text for a terminal. The renderers escape what came from a file
/// or a flag; escaping each line again here (it changes nothing already
/// escaped) keeps any output that was not from reaching the terminal raw.
pub(crate) fn println_out(text: &str) -> Result<(), Failure> {
    let lines: Vec<_> = text.lines().map(carepath::text::escape).collect();
    write_out(&lines.join("\n"))
}

fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        // A reader that stopped early (`carepath route ... | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Failure::Usage(format!("cannot write output: {e}"))),
    }
}
