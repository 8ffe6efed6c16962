//! The coverage table in `pathways/README.md` must be what
//! `cargo run --example coverage_table` computes from the shipped pathway
//! today, so it cannot go stale when the pathway changes.

#[allow(dead_code)]
#[path = "../examples/coverage_table.rs"]
mod coverage_table;

#[test]
fn readme_coverage_table_is_current() {
    let text = include_str!("../pathways/scotland.json");
    let readme = include_str!("../pathways/README.md");
    let table = match coverage_table::table(text) {
        Ok(t) => t,
        Err(e) => panic!("computing the table failed: {e}"),
    };
    let expected = match coverage_table::splice(readme, &table) {
        Ok(r) => r,
        Err(e) => panic!("pathways/README.md: {e}"),
    };
    assert!(
        expected == readme,
        "pathways/README.md's coverage table is stale: run \
         `cargo run --example coverage_table -- --write`.\nComputed:\n{table}"
    );
}

#[test]
fn table_marks_the_boards_the_sources_leave_without_a_team() {
    let text = include_str!("../pathways/scotland.json");
    let table = match coverage_table::table(text) {
        Ok(t) => t,
        Err(e) => panic!("computing the table failed: {e}"),
    };
    // No IMH team in the island boards; Highland gives consultation only.
    for board in [
        "NHS Orkney",
        "NHS Shetland",
        "NHS Western Isles",
        "NHS Highland",
    ] {
        for line in table
            .lines()
            .filter(|l| l.starts_with(&format!("| {board} |")))
        {
            assert!(!line.contains('✓'), "{board} shows a route: {line}");
        }
    }
    // Lanarkshire's team takes every IMH adversity at 3 months.
    let at_3 = table.split("**At 12 months**").next().unwrap_or("");
    let lanarkshire = at_3
        .lines()
        .find(|l| l.starts_with("| NHS Lanarkshire |"))
        .unwrap_or("");
    assert_eq!(lanarkshire.matches('✓').count(), 7, "{lanarkshire}");
}
