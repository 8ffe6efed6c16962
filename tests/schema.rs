//! The committed JSON Schema matches the file format.
#![cfg(feature = "schema")]

#[test]
fn committed_schema_is_in_sync() {
    let committed = include_str!("../schema/pathway.schema.json");
    let generated = carepath::schema::pathway_schema_json();
    assert_eq!(
        committed.trim_end(),
        generated.trim_end(),
        "schema/pathway.schema.json is stale: run `cargo run -- schema > schema/pathway.schema.json`"
    );
}

#[test]
fn schema_names_every_top_level_field_and_forbids_others() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schema/pathway.schema.json"))
            .expect("schema is JSON");
    let props = schema["properties"].as_object().expect("properties");
    for field in [
        "metadata",
        "vocabulary",
        "regions",
        "services",
        "referrals",
        "goal",
    ] {
        assert!(props.contains_key(field), "schema lacks `{field}`");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}
