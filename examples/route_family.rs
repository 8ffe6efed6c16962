//! Route one family from Rust: the best referral routes to a specialist
//! infant mental health service, and why other teams are not offered.
//!
//! Run: `cargo run --example route_family`

use carepath::{Pathway, Profile, RouteQuery};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The shipped (illustrative) Scotland pathway.
    let pathway = Pathway::from_json(include_str!("../pathways/scotland.json"))?;
    // A 23-month-old in Glasgow City whose family is in care proceedings,
    // assessed at a specialist level of need.
    let family = Profile::new()
        .age("23 months")?
        .region("glasgow-city")
        .adversity("care_proceedings")
        .fact("level_of_need", "specialist");
    let answer = pathway.routes(&family, &RouteQuery::default().limit(3))?;
    println!("{}", carepath::text::routes(&answer));
    Ok(())
}
