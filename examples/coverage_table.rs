//! The coverage of a pathway file, from the exact analysis: the gaps (the
//! families left without a route, in words) and the region × adversity
//! matrix at 3, 12 and 24 months — the section between the
//! `<!-- coverage:start -->` and `<!-- coverage:end -->` markers of
//! `pathways/README.md`.
//!
//! Run: `cargo run --example coverage_table [FILE]` to print it for any
//! pathway file (default: the shipped Scotland pathway), or
//! `cargo run --example coverage_table -- --write` to replace the section
//! in `pathways/README.md`. `tests/coverage_table.rs` recomputes it and
//! fails when the README's copy is stale.

use carepath::{CoverageQuery, Pathway};

/// The marker lines between which the README holds the section.
pub const START: &str = "<!-- coverage:start -->";
/// See [`START`].
pub const END: &str = "<!-- coverage:end -->";

/// The coverage section for a pathway file, in Markdown.
pub fn table(text: &str) -> Result<String, Box<dyn std::error::Error>> {
    let pathway = Pathway::from_json(text)?;
    let coverage = pathway.coverage(&CoverageQuery::default())?;
    Ok(carepath::text::coverage(&coverage))
}

/// `readme` with the text between the markers replaced by `table`.
pub fn splice(readme: &str, table: &str) -> Result<String, Box<dyn std::error::Error>> {
    let start = readme.find(START).ok_or("no coverage:start marker")? + START.len();
    let end = readme.find(END).ok_or("no coverage:end marker")?;
    if end < start {
        return Err("coverage:end comes before coverage:start".into());
    }
    Ok(format!(
        "{}\n\n{}\n{}",
        &readme[..start],
        table,
        &readme[end..]
    ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let file = std::env::args()
        .skip(1)
        .find(|a| a != "--write")
        .unwrap_or_else(|| format!("{dir}/pathways/scotland.json"));
    let table = table(&std::fs::read_to_string(file)?)?;
    if std::env::args().any(|a| a == "--write") {
        let path = format!("{dir}/pathways/README.md");
        let readme = std::fs::read_to_string(&path)?;
        std::fs::write(&path, splice(&readme, &table)?)?;
        eprintln!("wrote the coverage section into {path}");
    } else {
        print!("{table}");
    }
    Ok(())
}
