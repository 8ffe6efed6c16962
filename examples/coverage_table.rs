//! Which health boards give a family with each adversity a route to the
//! pathway's goal (specialist infant mental health care), at 3, 12 and 24
//! months: the coverage table in `pathways/README.md`.
//!
//! Run: `cargo run --example coverage_table` to print the table, or
//! `cargo run --example coverage_table -- --write` to replace the table
//! between the `<!-- coverage:start -->` and `<!-- coverage:end -->` markers
//! of `pathways/README.md`. A test (`tests/coverage_table.rs`) recomputes
//! the table and fails when the README's copy is stale.
//!
//! Each cell asks, for every council area of the board, whether a family
//! living there with that one adversity has at least one route. `✓` means
//! every area; `—` means none; otherwise the areas that have one are listed.
//! The other facts are fixed: not a first-time parent, parent aged 30, not
//! care-experienced, parental illness of moderate severity.
//!
//! Cost: one route question per (area, adversity, age), each limited to one
//! route.

use carepath::document::PathwayDocument;
use carepath::{Pathway, Profile, RouteQuery};

/// The ages of the columns, as a profile writes them.
pub const AGES: [&str; 3] = ["3 months", "12 months", "24 months"];

/// The marker lines between which the README holds the table.
pub const START: &str = "<!-- coverage:start -->";
/// See [`START`].
pub const END: &str = "<!-- coverage:end -->";

/// The coverage tables (one per age) for a pathway file, in Markdown.
pub fn table(text: &str) -> Result<String, Box<dyn std::error::Error>> {
    let doc = PathwayDocument::from_json(text)?;
    let pathway = Pathway::from_json(text)?;
    let root = doc
        .regions
        .iter()
        .find(|r| r.parent.is_none())
        .ok_or("the pathway has no root region")?;
    let children = |id: &str| -> Vec<&carepath::document::RegionDoc> {
        doc.regions
            .iter()
            .filter(|r| r.parent.as_deref() == Some(id))
            .collect()
    };
    let boards = children(&root.id);
    let adversities: Vec<&str> = doc
        .vocabulary
        .adversities
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let query = RouteQuery::default().limit(1);

    let mut out = String::new();
    for age in AGES {
        out.push_str(&format!("**At {age}**\n\n| Board |"));
        for a in &adversities {
            out.push_str(&format!(" {} |", a.replace('_', " ")));
        }
        out.push_str("\n|---|");
        for _ in &adversities {
            out.push_str("---|");
        }
        out.push('\n');
        for board in &boards {
            let mut areas: Vec<&str> = children(&board.id).iter().map(|r| r.id.as_str()).collect();
            if areas.is_empty() {
                areas.push(board.id.as_str());
            }
            out.push_str(&format!("| {} |", board.name));
            for adversity in &adversities {
                let mut covered = Vec::new();
                for area in &areas {
                    let family = Profile::new()
                        .age(age)?
                        .region(area)
                        .adversity(adversity)
                        .fact("first_time_parent", false)
                        .fact("parent_age_years", 30)
                        .fact("care_experienced_parent", false)
                        .fact("parental_illness_severity", "moderate");
                    if !pathway.routes(&family, &query)?.routes.is_empty() {
                        covered.push(*area);
                    }
                }
                let cell = if covered.len() == areas.len() {
                    "✓".to_owned()
                } else if covered.is_empty() {
                    "—".to_owned()
                } else {
                    format!("some: {}", covered.join(", "))
                };
                out.push_str(&format!(" {cell} |"));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

/// `readme` with the text between the markers replaced by `table`.
pub fn splice(readme: &str, table: &str) -> Result<String, Box<dyn std::error::Error>> {
    let start = readme.find(START).ok_or("no coverage:start marker")? + START.len();
    let end = readme.find(END).ok_or("no coverage:end marker")?;
    if end < start {
        return Err("coverage:end comes before coverage:start".into());
    }
    Ok(format!(
        "{}\n\n{}{}",
        &readme[..start],
        table,
        &readme[end..]
    ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{dir}/pathways/scotland.json"))?;
    let table = table(&text)?;
    if std::env::args().any(|a| a == "--write") {
        let path = format!("{dir}/pathways/README.md");
        let readme = std::fs::read_to_string(&path)?;
        std::fs::write(&path, splice(&readme, &table)?)?;
        eprintln!("wrote the coverage table into {path}");
    } else {
        print!("{table}");
    }
    Ok(())
}
