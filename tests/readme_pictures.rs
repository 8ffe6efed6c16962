//! The pictures `pathways/README.md` shows must be what
//! `cargo run --example pictures -- --write` makes from the shipped pathway
//! today, so they cannot go stale when the pathway or the drawing changes.

#[allow(dead_code)]
#[path = "../examples/pictures.rs"]
mod pictures;

#[test]
fn readme_pictures_are_current() {
    let text = include_str!("../pathways/scotland.json");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways/pictures");
    let made = pictures::pictures(text).unwrap_or_else(|e| panic!("drawing failed: {e}"));
    assert_eq!(made.len(), 2);
    let readme = include_str!("../pathways/README.md");
    for (name, svg) in made {
        let on_disk = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        assert!(
            on_disk == svg,
            "pathways/pictures/{name} is stale: run `cargo run --example pictures -- --write`"
        );
        assert!(
            readme.contains(&format!("(pictures/{name})")),
            "README shows {name}"
        );
    }
}
