//! The vocabulary (adversities, typed facts) and the region tree, compiled.

use super::problems::{Problems, unique_ids};
use crate::document::{FactKind, PathwayDocument};
use crate::model::region::{RegionId, RegionInfo, RegionTree, TreeProblem};
use crate::model::vocabulary::{FactInfo, Vocabulary};

pub(super) fn compile_vocabulary(doc: &PathwayDocument, p: &mut Problems) -> Vocabulary {
    let v = &doc.vocabulary;
    let adversity_index = unique_ids(
        p,
        "adversity",
        "/vocabulary/adversities",
        v.adversities.iter().map(|a| a.id.as_str()),
    );
    let fact_index = unique_ids(
        p,
        "fact",
        "/vocabulary/facts",
        v.facts.iter().map(|f| f.id.as_str()),
    );
    for (i, f) in v.facts.iter().enumerate() {
        let ptr = format!("/vocabulary/facts/{i}/values");
        match (f.kind, f.values.is_empty()) {
            (FactKind::Choice, true) => p.add(
                "E0112",
                ptr,
                format!("choice fact `{}` lists no values", f.id),
                Some("add `values`, e.g. [\"mild\", \"moderate\", \"severe\"]".into()),
            ),
            (FactKind::Boolean | FactKind::Number, false) => p.add(
                "E0112",
                ptr,
                format!("only choice facts list values; `{}` is not a choice", f.id),
                Some("set `\"type\": \"choice\"` or remove `values`".into()),
            ),
            _ => {}
        }
        if f.ordered && f.kind != FactKind::Choice {
            p.add(
                "E0112",
                format!("/vocabulary/facts/{i}/ordered"),
                format!("only choice facts are ordered; `{}` is not a choice", f.id),
                Some("set `\"type\": \"choice\"` or remove `ordered`".into()),
            );
        }
    }
    Vocabulary {
        adversities: v
            .adversities
            .iter()
            .map(|a| (a.id.clone(), a.label.clone()))
            .collect(),
        adversity_index: adversity_index
            .into_iter()
            .map(|(k, i)| (k.to_owned(), i))
            .collect(),
        facts: v
            .facts
            .iter()
            .map(|f| FactInfo {
                id: f.id.clone(),
                label: f.label.clone(),
                kind: f.kind,
                values: f.values.clone(),
                ordered: f.ordered,
            })
            .collect(),
        fact_index: fact_index
            .into_iter()
            .map(|(k, i)| (k.to_owned(), i))
            .collect(),
    }
}

pub(super) fn compile_regions(doc: &PathwayDocument, p: &mut Problems) -> RegionTree {
    let index = unique_ids(
        p,
        "region",
        "/regions",
        doc.regions.iter().map(|r| r.id.as_str()),
    );
    let infos: Vec<RegionInfo> = doc
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let parent = r.parent.as_ref().and_then(|parent| {
                let found = index.get(parent.as_str()).copied();
                if found.is_none() {
                    p.unknown(
                        "E0103",
                        "region",
                        parent,
                        format!("/regions/{i}/parent"),
                        index.keys().copied(),
                    );
                }
                found.and_then(|f| u32::try_from(f).ok()).map(RegionId)
            });
            RegionInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                kind: r.kind.clone(),
                parent,
            }
        })
        .collect();
    let (tree, problems) = RegionTree::build(infos);
    for problem in problems {
        match problem {
            TreeProblem::NoRoot => p.add(
                "E0110",
                "/regions".into(),
                "no region is the root: every region names a parent".into(),
                Some("remove `parent` from the region that contains all others".into()),
            ),
            TreeProblem::SeveralRoots(extra) => {
                // A region whose parent is unknown was reported already.
                for i in extra
                    .into_iter()
                    .filter(|&i| doc.regions.get(i).is_some_and(|r| r.parent.is_none()))
                {
                    p.add(
                        "E0110",
                        format!("/regions/{i}"),
                        format!(
                            "region `{}` has no parent, but another region is already the root",
                            doc.regions.get(i).map_or("", |r| r.id.as_str())
                        ),
                        Some("give it a `parent`".into()),
                    );
                }
            }
            TreeProblem::Cycle(regions) => {
                for i in regions {
                    p.add(
                        "E0110",
                        format!("/regions/{i}/parent"),
                        format!(
                            "region `{}` is on a cycle of parents",
                            doc.regions.get(i).map_or("", |r| r.id.as_str())
                        ),
                        None,
                    );
                }
            }
        }
    }
    tree
}
