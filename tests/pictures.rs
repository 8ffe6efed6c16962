//! Pictures of a pathway, read back by real parsers: Graphviz's `dot`
//! (Debian package `graphviz`) for DOT, and Mermaid's own parser (the npm
//! package `mermaid`, run under node with jsdom by `tools/mermaid-parse.mjs`,
//! installed into `tools/node_modules` by `npm ci --prefix tools`).
//!
//! Each test skips with a loud message when its tool is missing here; with
//! `CAREPATH_REQUIRE_TOOLS=1` (set by `.ci/run`, which installs them) a
//! missing tool fails the test instead.
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use carepath::{Pathway, Picture, PictureQuery, Profile, Truth};
use serde_json::{Value, json};

const SCOTLAND: &str = include_str!("../pathways/scotland.json");
const SMALL: &str = include_str!("fixtures/small.json");

/// Runs `program` with `args`, `input` on standard input; `None` (after a
/// loud message) when the program is not installed and tools are not
/// required.
fn run(program: &str, args: &[&str], input: &str) -> Option<String> {
    run_env(program, args, &[], input)
}

fn run_env(program: &str, args: &[&str], env: &[(&str, &str)], input: &str) -> Option<String> {
    let child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            missing(&format!("`{program}` cannot run ({e})"));
            return None;
        }
    };
    let mut stdin = child.stdin.take().expect("stdin");
    let text = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("join").expect("write stdin");
    assert!(
        out.status.success(),
        "`{program} {}` rejected the text:\n{}\n--- text ---\n{input}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("utf-8 output"))
}

fn missing(what: &str) {
    assert!(
        std::env::var("CAREPATH_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{what}, and CAREPATH_REQUIRE_TOOLS=1 requires it"
    );
    eprintln!(
        "\n!!! SKIPPED: {what}; install graphviz and run `npm ci --prefix tools` to run this test !!!\n"
    );
}

/// `dot -Tjson` of `text`: what Graphviz read and laid out.
fn graphviz(text: &str) -> Option<Value> {
    run("dot", &["-Tjson"], text).map(|s| serde_json::from_str(&s).expect("dot's json"))
}

/// What Mermaid's parser read from `text`.
fn mermaid(text: &str) -> Option<Value> {
    mermaid_with(text, carepath::mermaid::MAX_EDGES)
}

/// What Mermaid's parser read from `text`, allowed `max_edges` links.
fn mermaid_with(text: &str, max_edges: usize) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/mermaid-parse.mjs");
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/mermaid");
    if !modules.exists() {
        missing("tools/node_modules has no `mermaid` (run `npm ci --prefix tools`)");
        return None;
    }
    let limit = max_edges.to_string();
    run_env(
        "node",
        &[script.to_str().expect("path")],
        &[("MERMAID_MAX_EDGES", limit.as_str())],
        text,
    )
    .map(|s| serde_json::from_str(&s).expect("mermaid-parse's json"))
}

/// Undoes Graphviz's escape strings as it draws them: `\\` → `\`, `\"` →
/// `"`, `\n` → a line break.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Mermaid's id for a service id, decoded: `s_` then bytes, `_hh` for the
/// others.
fn decode_id(id: &str) -> String {
    let body = id.strip_prefix("s_").expect("service ids start with s_");
    let mut bytes = Vec::new();
    let raw = body.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'_' {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).expect("hex");
            bytes.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).expect("utf-8 id")
}

/// A pathway whose names hold every character the formats treat
/// specially, and whose ids use every character an id may hold (letters of
/// both cases, digits, `-`, `_`, `.`) and Mermaid's keywords.
fn awkward() -> String {
    let names = [
        ("a.b", "Quote \" and backslash \\ and \\N"),
        ("1-x", "Ünïcödé café — 子ども 👶"),
        ("end", "Line\nbreak; semi; pipe | bar"),
        ("o", "<b>tags</b> & amp; #35; `tick` %% not a comment"),
        (
            "X_y.Z",
            "style: #35; fill:#f00; {braces} [brackets] (parens)",
        ),
        ("graph--x", "arrow --> in a name ==> too"),
    ];
    let services: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let tier = ["universal", "targeted", "specialist"][i % 3];
            json!({
                "id": id, "name": name,
                "tier": tier,
                "regions": [if i % 2 == 0 { "r.1" } else { "r_2" }],
                "entry": i == 0,
                "tags": if i % 3 == 2 { vec!["goal"] } else { vec![] },
            })
        })
        .collect();
    let referrals: Vec<Value> = (0..names.len() - 1)
        .map(|i| json!({ "from": names[i].0, "to": names[i + 1].0, "delay": "3 days" }))
        .chain([json!({ "from": "a.b", "to": "X_y.Z",
            "when": { "adversities": { "any_of": ["a.dv"] } } })])
        .collect();
    json!({
        "metadata": { "name": "Awkward \"names\" \\ é", "version": "1" },
        "vocabulary": { "adversities": [ { "id": "a.dv", "label": "Adversity \"quoted\"" } ] },
        "regions": [
            { "id": "root", "name": "Root" },
            { "id": "r.1", "name": "Region \"one\" <&>", "parent": "root" },
            { "id": "r_2", "name": "Region \\two", "parent": "root" }
        ],
        "services": services,
        "referrals": referrals,
        "goal": { "tags": ["goal"] }
    })
    .to_string()
}

fn picture(text: &str, query: &PictureQuery) -> (Pathway, Picture) {
    let pathway = Pathway::from_json(text).expect("pathway loads");
    let picture = Picture::new(&pathway, query).expect("picture");
    (pathway, picture)
}

/// Services (id → label), referrals (from, to) and clusters (id → members).
type Read = (
    BTreeMap<String, String>,
    BTreeSet<(String, String)>,
    BTreeMap<String, BTreeSet<String>>,
);

/// The services, referrals and clusters Graphviz read, with labels.
fn graphviz_read(v: &Value) -> Read {
    let objects = v["objects"].as_array().expect("objects");
    let name_of = |gvid: &Value| {
        objects
            .iter()
            .find(|o| &o["_gvid"] == gvid)
            .map(|o| unescape(o["name"].as_str().unwrap_or("")))
            .expect("edge end")
    };
    let nodes = objects
        .iter()
        .filter(|o| o.get("pos").is_some() && o.get("nodes").is_none())
        .map(|o| {
            (
                unescape(o["name"].as_str().unwrap_or("")),
                unescape(o["label"].as_str().unwrap_or("")),
            )
        })
        .collect();
    let edges = v["edges"]
        .as_array()
        .map(|es| {
            es.iter()
                .map(|e| (name_of(&e["tail"]), name_of(&e["head"])))
                .collect()
        })
        .unwrap_or_default();
    let clusters = objects
        .iter()
        .filter(|o| {
            o["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("cluster_"))
        })
        .map(|o| {
            let members = o["nodes"]
                .as_array()
                .expect("cluster nodes")
                .iter()
                .map(&name_of)
                .collect();
            (
                unescape(&o["name"].as_str().unwrap_or("")["cluster_".len()..]),
                members,
            )
        })
        .collect();
    (nodes, edges, clusters)
}

fn expected(picture: &Picture) -> Read {
    let nodes = picture
        .services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let edges = picture
        .referrals
        .iter()
        .map(|r| (r.from.clone(), r.to.clone()))
        .collect();
    let clusters = picture
        .clusters
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                picture
                    .services
                    .iter()
                    .filter(|s| s.cluster.as_ref() == Some(&c.id))
                    .map(|s| s.id.clone())
                    .collect(),
            )
        })
        .collect();
    (nodes, edges, clusters)
}

fn check_dot(picture: &Picture) {
    let Some(v) = graphviz(&carepath::dot::render(picture)) else {
        return;
    };
    let (nodes, edges, clusters) = graphviz_read(&v);
    let (want_nodes, want_edges, want_clusters) = expected(picture);
    assert_eq!(
        nodes.keys().collect::<Vec<_>>(),
        want_nodes.keys().collect::<Vec<_>>(),
        "node ids"
    );
    for (id, name) in &want_nodes {
        let label = &nodes[id];
        assert_eq!(label.lines().next(), name.lines().next(), "label of `{id}`");
        assert!(label.starts_with(name.as_str()), "label of `{id}`: {label}");
    }
    assert_eq!(edges, want_edges, "edges");
    assert_eq!(clusters, want_clusters, "clusters");
}

fn check_mermaid(picture: &Picture) {
    // A site drawing this picture must allow its links.
    let limit = picture.referrals.len().max(carepath::mermaid::MAX_EDGES);
    let Some(v) = mermaid_with(&carepath::mermaid::render(picture), limit) else {
        return;
    };
    assert_eq!(v["type"], "flowchart-v2");
    let nodes: BTreeMap<String, String> = v["vertices"]
        .as_array()
        .expect("vertices")
        .iter()
        .map(|x| {
            (
                decode_id(x["id"].as_str().expect("id")),
                x["text"].as_str().expect("text").to_owned(),
            )
        })
        .collect();
    let edges: BTreeSet<(String, String)> = v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                decode_id(e["start"].as_str().expect("start")),
                decode_id(e["end"].as_str().expect("end")),
            )
        })
        .collect();
    let (want_nodes, want_edges, want_clusters) = expected(picture);
    assert_eq!(
        nodes.keys().collect::<Vec<_>>(),
        want_nodes.keys().collect::<Vec<_>>(),
        "node ids"
    );
    for (id, name) in &want_nodes {
        assert!(
            nodes[id].starts_with(name.as_str()),
            "label of `{id}`: {:?}",
            nodes[id]
        );
    }
    assert_eq!(edges, want_edges, "edges");
    let clusters: BTreeMap<String, BTreeSet<String>> = v["subgraphs"]
        .as_array()
        .expect("subgraphs")
        .iter()
        .map(|s| {
            let id = s["id"].as_str().expect("id").replacen("r_", "s_", 1);
            (
                decode_id(&id),
                s["nodes"]
                    .as_array()
                    .expect("nodes")
                    .iter()
                    .map(|n| decode_id(n.as_str().expect("node")))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(clusters, want_clusters, "clusters");
    for (c, s) in picture
        .clusters
        .iter()
        .zip(v["subgraphs"].as_array().expect("subgraphs"))
    {
        assert_eq!(s["title"], c.name.as_str());
    }
}

#[test]
fn awkward_ids_and_names_survive_both_parsers() {
    let (_, p) = picture(&awkward(), &PictureQuery::default());
    assert_eq!(p.services.len(), 6);
    assert_eq!(p.clusters.len(), 2);
    check_dot(&p);
    check_mermaid(&p);
}

#[test]
fn the_small_pathway_survives_both_parsers_with_a_family() {
    let family = Profile::new()
        .age("3 months")
        .expect("age")
        .region("east")
        .adversity("perinatal_mental_illness")
        .fact("severity", "severe");
    for query in [
        PictureQuery::default(),
        PictureQuery::default().region("east"),
        PictureQuery::default().region("east").family(family),
    ] {
        let (_, p) = picture(SMALL, &query);
        check_dot(&p);
        check_mermaid(&p);
    }
}

#[test]
fn scotland_whole_and_by_board_survive_both_parsers() {
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let whole = Picture::new(&pathway, &PictureQuery::default()).expect("picture");
    assert_eq!(whole.services.len(), pathway.size().services);
    assert_eq!(whole.referrals.len(), pathway.size().referrals);
    assert_eq!(whole.clusters.len(), 14, "one cluster per board");
    check_dot(&whole);
    // The whole pathway has more referrals than Mermaid draws by default
    // (the docs say to draw one board); with the limit raised it parses.
    assert!(whole.referrals.len() > carepath::mermaid::MAX_EDGES);
    check_mermaid(&whole);
    for board in ["nhs-lothian", "nhs-orkney"] {
        let p = Picture::new(&pathway, &PictureQuery::default().region(board)).expect("picture");
        check_dot(&p);
        check_mermaid(&p);
    }
}

/// Graphviz lays tiers out as ranks: every universal service above every
/// targeted one, above every specialist one.
#[test]
fn graphviz_ranks_services_by_tier() {
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let doc = carepath::document::PathwayDocument::from_json(SCOTLAND).expect("document");
    let root = doc
        .regions
        .iter()
        .find(|r| r.parent.is_none())
        .expect("root");
    let boards: Vec<&str> = doc
        .regions
        .iter()
        .filter(|r| r.parent.as_deref() == Some(root.id.as_str()))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(boards.len(), 14);
    for board in boards {
        let p = Picture::new(&pathway, &PictureQuery::default().region(board)).expect("picture");
        let Some(v) = graphviz(&carepath::dot::render(&p)) else {
            return;
        };
        let mut ys: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
        for o in v["objects"].as_array().expect("objects") {
            let (Some(name), Some(pos)) = (o["name"].as_str(), o["pos"].as_str()) else {
                continue;
            };
            let y: f64 = pos.split(',').nth(1).expect("y").parse().expect("number");
            let tier = p
                .services
                .iter()
                .find(|s| s.id == name)
                .map(|s| s.tier.as_str())
                .expect("a service");
            ys.entry(tier).or_default().insert(y.round() as i64);
        }
        // Graphviz's y grows upwards.
        for (tier, set) in &ys {
            assert_eq!(
                set.len(),
                1,
                "{board}: {tier} services on one rank: {set:?}"
            );
        }
        let y = |t: &str| *ys[t].iter().next().expect("a rank");
        assert!(
            y("universal") > y("targeted") && y("targeted") > y("specialist"),
            "{board}: {ys:?}"
        );
    }
}

/// With a family, the bold referrals are exactly the steps of its routes,
/// and the greyed services exactly those whose verdict is no.
#[test]
fn a_family_overlay_marks_its_routes_and_exclusions() {
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let family = Profile::new()
        .age("4 months")
        .expect("age")
        .region("glasgow-city")
        .adversity("care_proceedings");
    let p = Picture::new(
        &pathway,
        &PictureQuery::default()
            .region("glasgow-city")
            .family(family.clone()),
    )
    .expect("picture");
    let answer = pathway
        .routes(&family, &carepath::RouteQuery::default().limit(3))
        .expect("routes");
    assert!(!answer.routes.is_empty());
    let mut want_edges = BTreeSet::new();
    for r in &answer.routes {
        for w in r.steps.windows(2) {
            want_edges.insert((w[0].service.to_string(), w[1].service.to_string()));
        }
    }
    let bold: BTreeSet<(String, String)> = p
        .referrals
        .iter()
        .filter(|r| r.on_route)
        .map(|r| (r.from.clone(), r.to.clone()))
        .collect();
    assert_eq!(bold, want_edges);
    let mut greyed = 0;
    for s in &p.services {
        let v = pathway.eligibility(&s.id, &family).expect("verdict");
        assert_eq!(s.excludes.is_some(), v.outcome == Truth::No, "`{}`", s.id);
        greyed += usize::from(s.excludes.is_some());
    }
    assert!(greyed > 0, "some Glasgow service excludes this family");
    // Both formats carry the overlay: thick links / penwidth, and the reason.
    if let Some(v) = mermaid(&carepath::mermaid::render(&p)) {
        let thick: BTreeSet<(String, String)> = v["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter(|e| e["stroke"] == "thick")
            .map(|e| {
                (
                    decode_id(e["start"].as_str().expect("start")),
                    decode_id(e["end"].as_str().expect("end")),
                )
            })
            .collect();
        assert_eq!(thick, want_edges);
        for x in v["vertices"].as_array().expect("vertices") {
            let id = decode_id(x["id"].as_str().expect("id"));
            let s = p.services.iter().find(|s| s.id == id).expect("service");
            let excluded = x["classes"]
                .as_array()
                .expect("classes")
                .contains(&json!("excluded"));
            assert_eq!(excluded, s.excludes.is_some(), "`{id}`");
            if let Some(reason) = &s.excludes {
                let tip = x["tooltip"].as_str().expect("a tooltip");
                assert!(tip.ends_with(reason.as_str()), "`{id}`: {tip}");
            }
        }
    }
    if let Some(v) = graphviz(&carepath::dot::render(&p)) {
        let objects = v["objects"].as_array().expect("objects");
        for s in p.services.iter().filter(|s| s.excludes.is_some()) {
            let o = objects
                .iter()
                .find(|o| o["name"] == s.id.as_str())
                .expect("node");
            assert!(
                unescape(o["tooltip"].as_str().expect("tooltip"))
                    .ends_with(s.excludes.as_deref().unwrap_or("")),
                "`{}`",
                s.id
            );
        }
    }
}

#[test]
fn unknown_regions_and_goal_tags_are_errors_with_suggestions() {
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    // Regions resolve by name too, as everywhere.
    let by_name = Picture::new(&pathway, &PictureQuery::default().region("NHS Lothian"))
        .expect("a region by name");
    let by_id = Picture::new(&pathway, &PictureQuery::default().region("nhs-lothian"))
        .expect("a region by id");
    assert_eq!(by_name, by_id);
    let e = Picture::new(&pathway, &PictureQuery::default().region("nhs-lothain"))
        .expect_err("unknown region");
    assert!(matches!(
        e,
        carepath::QueryError::UnknownRegion { ref suggestions, .. }
            if suggestions.iter().any(|c| c.id == "nhs-lothian")
    ));
    let e = Picture::new(
        &pathway,
        &PictureQuery::default().goal_tags(&["infant-mental-heath"]),
    )
    .expect_err("unknown tag");
    assert!(matches!(e, carepath::QueryError::UnknownTag { .. }));
}
