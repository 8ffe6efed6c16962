//! The pictures in `pathways/README.md`: one board's services (laid out by
//! carepath, no external program) and the coverage heatmap at 12 months,
//! as SVG files in `pathways/pictures/`.
//!
//! Run: `cargo run --example pictures` to check that the files are
//! current, or `cargo run --example pictures -- --write` to write them. A
//! test (`tests/readme_pictures.rs`) fails when they are stale.

use carepath::{CoverageQuery, Pathway, Picture, PictureQuery};

/// The board drawn.
pub const BOARD: &str = "nhs-lothian";
/// The start age of the heatmap.
pub const AGE: &str = "12 months";

/// (file name under `pathways/pictures/`, SVG text) for each picture.
pub fn pictures(text: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let pathway = Pathway::from_json(text)?;
    let picture = Picture::new(&pathway, &PictureQuery::default().region(BOARD))?;
    let coverage = pathway.coverage(&CoverageQuery::default())?;
    let day = carepath::age::parse_age(AGE)?;
    let map = carepath::heatmap::by_adversity(&coverage, day, &format!("Who has a route at {AGE}"));
    Ok(vec![
        (format!("{BOARD}.svg"), carepath::svg::render(&picture)),
        (
            "heatmap-12-months.svg".to_owned(),
            carepath::heatmap::svg(&map),
        ),
    ])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let text = std::fs::read_to_string(dir.join("scotland.json"))?;
    let write = std::env::args().any(|a| a == "--write");
    let mut stale = 0;
    for (name, svg) in pictures(&text)? {
        let path = dir.join("pictures").join(&name);
        if write {
            std::fs::create_dir_all(dir.join("pictures"))?;
            std::fs::write(&path, svg)?;
            eprintln!("wrote {}", path.display());
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            eprintln!("stale: {}", path.display());
            stale += 1;
        }
    }
    if stale > 0 {
        return Err("pictures are stale: run `cargo run --example pictures -- --write`".into());
    }
    Ok(())
}
