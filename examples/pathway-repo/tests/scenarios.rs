//! The repository's scenario files, run inside `cargo test`.

#[test]
fn area_scenarios_hold() {
    carepath::testing::assert_scenarios(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/area.json"
    ));
}

/// The pathway file loads with no problem.
#[test]
fn area_pathway_loads() {
    let text = include_str!("../pathways/area.json");
    if let Err(e) = carepath::Pathway::from_json(text) {
        panic!("pathways/area.json: {e}");
    }
}
