//! The HTML report, checked in a real browser: `carepath report` writes the
//! page for the shipped pathway, headless Chromium (Debian's `chromium`)
//! opens it through the DevTools protocol (`tools/check-report.mjs`, with
//! `chrome-remote-interface` from `tools/node_modules`), takes a full-page
//! screenshot (`target/report-screenshot.png`) and reports what it shows.
//!
//! Skips with a loud message when Chromium, node or the npm tools are
//! missing here; with `CAREPATH_REQUIRE_TOOLS=1` (set by `.ci/run`, which
//! installs them) it fails instead.
#![cfg(test)]

use std::path::{Path, PathBuf};
use std::process::Command;

use carepath::{Pathway, Picture, PictureQuery};
use serde_json::Value;

const SCOTLAND: &str = include_str!("../pathways/scotland.json");

fn missing(what: &str) {
    assert!(
        std::env::var("CAREPATH_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{what}, and CAREPATH_REQUIRE_TOOLS=1 requires it"
    );
    eprintln!(
        "\n!!! SKIPPED: {what}; install chromium and run `npm ci --prefix tools` to run this test !!!\n"
    );
}

fn tools_present() -> bool {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root
        .join("tools/node_modules/chrome-remote-interface")
        .exists()
    {
        missing("tools/node_modules has no `chrome-remote-interface`");
        return false;
    }
    for program in ["node", "chromium"] {
        if Command::new(program).arg("--version").output().is_err() {
            missing(&format!("`{program}` cannot run"));
            return false;
        }
    }
    true
}

/// Writes the report with the CLI and opens it in Chromium; returns what
/// the browser saw and where the screenshot is.
fn open(args: &[&str], name: &str) -> Option<(Value, PathBuf)> {
    if !tools_present() {
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let page = dir.join(format!("{name}.html"));
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/{name}-screenshot.png"));
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(&page)
        .output()
        .expect("carepath runs");
    assert!(
        out.status.success(),
        "carepath report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/check-report.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(&page)
        .arg(&shot)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "the browser check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Value = serde_json::from_slice(&out.stdout).expect("the check's json");
    Some((seen, shot))
}

#[test]
fn the_scotland_report_opens_clean_in_chromium() {
    let Some((seen, shot)) = open(&[], "report") else {
        return;
    };
    // No console message, script error or failed load; nothing fetched but
    // the page itself; no script on the page.
    assert_eq!(
        seen["messages"],
        serde_json::json!([]),
        "console: {}",
        seen["messages"]
    );
    let requests = seen["requests"].as_array().expect("requests");
    assert_eq!(
        requests.len(),
        1,
        "the page fetched more than itself: {requests:?}"
    );
    assert!(
        requests[0]
            .as_str()
            .is_some_and(|u| u.starts_with("file://"))
    );
    assert_eq!(seen["scripts"], 0);

    // The picture: every service of the default region is drawn, each box
    // with a real size in the browser's layout.
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let region = Picture::default_region(&pathway).expect("Scotland is drawn by board");
    let picture =
        Picture::new(&pathway, &PictureQuery::default().region(&region)).expect("picture");
    let drawn: Vec<&str> = seen["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    let want: Vec<&str> = picture.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(drawn, want);
    // Each of the picture's clusters (the board's areas) is drawn as a box.
    let clusters: Vec<&str> = picture.clusters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(seen["clusters"], serde_json::json!(clusters));
    for s in seen["services"].as_array().expect("services") {
        assert!(
            s["width"].as_f64() > Some(100.0) && s["height"].as_f64() > Some(20.0),
            "{s}"
        );
    }
    let size = pathway.size();
    let (services, referrals, regions) = (size.services, size.referrals, size.regions);
    let summary = seen["summary"].as_str().expect("summary");
    for n in [services, referrals, regions] {
        assert!(summary.contains(&n.to_string()), "{summary}");
    }
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "a screenshot"
    );
    // In a 1400-pixel window the gaps are listed beside the heatmaps, not
    // below them.
    let (maps, gaps) = (&seen["boxes"][".heatmaps"], &seen["boxes"]["#gaps"]);
    let edge = |b: &Value, side: &str| b[side].as_f64().expect("a box edge");
    assert!(
        edge(gaps, "left") >= edge(maps, "right") && edge(gaps, "top") < edge(maps, "bottom"),
        "heatmaps {maps}, gaps {gaps}"
    );

    // The heatmaps: one cell per leaf region × adversity at each age, and
    // per leaf region × age for the first adversity.
    let doc = carepath::document::PathwayDocument::from_json(SCOTLAND).expect("document");
    let leaves: Vec<&str> = doc
        .regions
        .iter()
        .filter(|r| {
            !doc.regions
                .iter()
                .any(|c| c.parent.as_deref() == Some(r.id.as_str()))
        })
        .map(|r| r.name.as_str())
        .collect();
    let adversities: Vec<&str> = doc
        .vocabulary
        .adversities
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    let maps = seen["heatmaps"].as_array().expect("heatmaps");
    assert_eq!(
        maps.len(),
        4,
        "three ages by adversity, one adversity by age"
    );
    for map in &maps[..3] {
        let columns: Vec<&str> = map["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| c.as_str().expect("column"))
            .collect();
        assert_eq!(columns, adversities);
        let rows = map["rows"].as_array().expect("rows");
        let mut names: Vec<&str> = rows
            .iter()
            .map(|r| r["label"].as_str().expect("label"))
            .collect();
        let mut want = leaves.clone();
        names.sort_unstable();
        want.sort_unstable();
        assert_eq!(names, want, "one row per leaf region");
        for r in rows {
            assert_eq!(r["cells"].as_array().map(Vec::len), Some(adversities.len()));
        }
    }
    assert_eq!(maps[3]["rows"].as_array().map(Vec::len), Some(leaves.len()));
    assert_eq!(maps[3]["columns"].as_array().map(Vec::len), Some(9));

    // What the browser shows at 3 months is what `routes` finds, family by
    // family: each cell's weeks are the best over the families of that
    // area with that one adversity, and a ✕ means none of them has a route.
    let coverage = pathway
        .coverage(&carepath::CoverageQuery::default())
        .expect("coverage");
    let day = carepath::age::parse_age("3 months").expect("age");
    let tested: std::collections::BTreeSet<String> = coverage
        .classes()
        .flat_map(|c| coverage.example(&c, day).adversities)
        .collect();
    let ids: Vec<&str> = doc
        .vocabulary
        .adversities
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let region_id = |name: &str| {
        doc.regions
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.id.clone())
            .expect("region")
    };
    let query = carepath::RouteQuery::default().limit(1).explain(false);
    let mut checked = 0;
    for row in maps[0]["rows"].as_array().expect("rows") {
        let region = region_id(row["label"].as_str().expect("label"));
        for (cell, id) in row["cells"].as_array().expect("cells").iter().zip(&ids) {
            let want: Vec<String> = if tested.contains(*id) {
                vec![(*id).to_owned()]
            } else {
                vec![]
            };
            let mut best: Option<i64> = None;
            for class in coverage.classes().filter(|c| c.region == region) {
                let family = coverage.example(&class, day);
                if family.adversities != want {
                    continue;
                }
                let family = if want.is_empty() {
                    family.adversity(id)
                } else {
                    family
                };
                if let Some(r) = pathway
                    .routes(&family, &query)
                    .expect("routes")
                    .routes
                    .first()
                {
                    best = Some(best.map_or(r.days_to_goal, |b| b.min(r.days_to_goal)));
                }
                checked += 1;
            }
            let shown = cell.as_str().expect("data-weeks");
            match best {
                None => assert_eq!(shown, "none", "{region} × {id}"),
                Some(d) => {
                    let weeks = (d as f64 / 7.0 * 10.0).round() / 10.0;
                    assert_eq!(shown.parse::<f64>().ok(), Some(weeks), "{region} × {id}");
                }
            }
        }
    }
    eprintln!("{checked} families of the 3-month heatmap checked against routes");

    // The gap list beside the heatmaps is the one `carepath coverage` gives.
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["coverage", "--format", "json"])
        .output()
        .expect("carepath coverage runs");
    let json: Value = serde_json::from_slice(&out.stdout).expect("coverage json");
    let want: Vec<(String, String)> = json["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| {
            (
                g["families"]["words"].as_str().expect("words").to_owned(),
                g["command"].as_str().expect("command").to_owned(),
            )
        })
        .collect();
    let shown: Vec<(String, String)> = seen["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| {
            (
                g["families"].as_str().expect("families").to_owned(),
                g["example"].as_str().expect("example").to_owned(),
            )
        })
        .collect();
    assert!(!want.is_empty(), "the Scotland pathway has gaps");
    assert_eq!(shown, want);
    assert!(
        checked >= leaves.len() * ids.len(),
        "{checked} families checked"
    );
}

#[test]
fn a_region_asked_for_is_the_one_drawn() {
    let Some((seen, _)) = open(&["--region", "nhs-orkney"], "report-orkney") else {
        return;
    };
    let pathway = Pathway::from_json(SCOTLAND).expect("loads");
    let picture =
        Picture::new(&pathway, &PictureQuery::default().region("nhs-orkney")).expect("picture");
    assert_eq!(
        seen["services"].as_array().map(Vec::len),
        Some(picture.services.len())
    );
    assert_eq!(seen["messages"], serde_json::json!([]));
}

#[test]
fn a_draft_shows_the_findings_lint_gives() {
    let draft = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/lint/fixtures/unreachable-service/bad.json"
    );
    let Some((seen, _)) = open(&[draft], "report-draft") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["lint", draft, "--format", "json"])
        .output()
        .expect("carepath runs");
    let lint: Value = serde_json::from_slice(&out.stdout).expect("lint json");
    let mut want: Vec<String> = lint["files"][0]["report"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap_or(""),
                f["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    let mut shown: Vec<String> = seen["findings"]
        .as_array()
        .expect("findings shown")
        .iter()
        .map(|f| f.as_str().unwrap_or("").to_owned())
        .collect();
    want.sort();
    shown.sort();
    assert!(!want.is_empty(), "the draft has findings");
    assert_eq!(shown, want);
    assert_eq!(seen["messages"], serde_json::json!([]));
}
