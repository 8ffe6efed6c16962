//! Cells merged into boxes a designer can act on, and boxes in words.
//!
//! A *box* is a product: a set of regions (tree nodes) × an adversity
//! pattern (some adversities required, some excluded, the rest free) × a
//! contiguous range of classes of each fact × a range of start days.
//!
//! # What the merging guarantees
//!
//! Greedy, deterministic (regions in id order, then days, then kinds):
//! from the first cell not yet in a box, a box is grown inside the set —
//! each adversity freed when both values stay inside, each fact's range
//! widened as far as it stays inside, then the days widened both ways,
//! then every leaf region added in which the whole box lies inside.
//! Regions are written as the widest tree nodes all of whose leaves are in
//! the box ("a board" or "the country"). So:
//! - the union of the boxes is exactly the set (no cell left out, none
//!   added); boxes may overlap;
//! - no box can be widened in any one dimension and stay inside the set;
//! - the result is the same on every run. It is not always the fewest
//!   boxes possible (that is NP-hard), only maximal ones.
//!
//! Complexity: O(B · (K · D + L · K · p)) for B boxes, K kinds, D fact and
//! adversity dimensions, L leaf regions and p pieces per sheet.

use serde::{Deserialize, Serialize};

use crate::age::describe;
use crate::model::region::RegionId;
use crate::pathway::Pathway;

use super::days::Days;
use super::fact_class::{next_down, next_up};
use super::sheet::{Sheet, has, set};
use super::space::{FactClass, ProfileSpace, describe_class};

/// A box of families: regions × adversities × facts × start ages.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// for gap in coverage.gaps() {
///     assert!(gap.families.from_age_days < gap.families.before_age_days);
///     assert!(!gap.families.regions.is_empty());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FamilyBox {
    /// The regions (ids), each the widest whose every area is in the box.
    pub regions: Vec<String>,
    /// Adversities every family of the box has (ids).
    pub with: Vec<String>,
    /// Adversities no family of the box has (ids).
    pub without: Vec<String>,
    /// The facts the box restricts, each with the values it allows, in words.
    pub facts: Vec<FactRange>,
    /// The first start age of the box (days).
    pub from_age_days: i32,
    /// The start age the box ends before (days).
    pub before_age_days: i32,
    /// The whole box in words.
    pub words: String,
}

/// The values of one fact a box allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FactRange {
    /// The fact's id.
    pub fact: String,
    /// The values, in words: `at most 19`, `mild or moderate`, `true`.
    pub values: String,
}

/// A box as found: the seed cell and the box's extent.
#[derive(Debug, Clone)]
pub(crate) struct RawBox {
    /// Leaf regions of the box, in id order (the first holds the seed).
    pub(crate) leaves: Vec<RegionId>,
    /// The seed kind (in the box).
    pub(crate) seed: usize,
    /// Per adversity: `Some(true)` required, `Some(false)` excluded, `None` free.
    pub(crate) adversities: Vec<Option<bool>>,
    /// Per fact axis: the class range (inclusive).
    pub(crate) facts: Vec<(usize, usize)>,
    pub(crate) from: i64,
    pub(crate) before: i64,
}

impl RawBox {
    /// The kinds of the box, as a bit set. O(kinds).
    pub(crate) fn kinds(&self, space: &ProfileSpace) -> Vec<u64> {
        let mut bits = vec![0u64; space.words];
        for k in 0..space.kinds {
            if self.holds(space, k) {
                set(&mut bits, k);
            }
        }
        bits
    }

    fn holds(&self, space: &ProfileSpace, kind: usize) -> bool {
        self.adversities
            .iter()
            .enumerate()
            .all(|(i, a)| a.is_none_or(|need| space.has_adversity(kind, i) == need))
            && self.facts.iter().enumerate().all(|(axis, &(lo, hi))| {
                let c = space.fact_class(kind, axis);
                lo <= c && c <= hi
            })
    }
}

/// Merges the cells of `sets` (one sheet per leaf of `space`, in order)
/// into boxes; see the module docs.
pub(crate) fn merge(space: &ProfileSpace, sets: &[Sheet]) -> Vec<RawBox> {
    let mut todo: Vec<Sheet> = sets.to_vec();
    let mut out = Vec::new();
    let classes: Vec<usize> = space.facts.iter().map(|a| a.classes.len().max(1)).collect();
    for r in 0..sets.len() {
        while let Some((day, kind)) = first_cell(todo.get(r)) {
            let Some(full) = sets.get(r) else { break };
            let inside_at = |b: &RawBox, d: i64, sheet: &Sheet| {
                let bits = sheet.at(d);
                (0..space.kinds).all(|k| !b.holds(space, k) || has(bits, k))
            };
            let mut b = RawBox {
                leaves: Vec::new(),
                seed: kind,
                adversities: (0..space.adversities.len())
                    .map(|i| Some(space.has_adversity(kind, i)))
                    .collect(),
                facts: (0..space.facts.len())
                    .map(|axis| {
                        let c = space.fact_class(kind, axis);
                        (c, c)
                    })
                    .collect(),
                from: day,
                before: day + 1,
            };
            for i in 0..b.adversities.len() {
                let keep = b.adversities.get(i).copied().flatten();
                if let Some(slot) = b.adversities.get_mut(i) {
                    *slot = None;
                }
                if !inside_at(&b, day, full) {
                    if let Some(slot) = b.adversities.get_mut(i) {
                        *slot = keep;
                    }
                }
            }
            for axis in 0..b.facts.len() {
                let n = classes.get(axis).copied().unwrap_or(1);
                let Some(&(c, _)) = b.facts.get(axis) else {
                    continue;
                };
                let try_range = |b: &mut RawBox, range: (usize, usize)| {
                    let old = b.facts.get(axis).copied();
                    if let Some(slot) = b.facts.get_mut(axis) {
                        *slot = range;
                    }
                    let ok = inside_at(b, day, full);
                    if !ok {
                        if let (Some(slot), Some(old)) = (b.facts.get_mut(axis), old) {
                            *slot = old;
                        }
                    }
                    ok
                };
                if try_range(&mut b, (0, n - 1)) {
                    continue;
                }
                let (mut lo, mut hi) = (c, c);
                while lo > 0 && try_range(&mut b, (lo - 1, hi)) {
                    lo -= 1;
                }
                while hi + 1 < n && try_range(&mut b, (lo, hi + 1)) {
                    hi += 1;
                }
            }
            let bits = b.kinds(space);
            let within = |sheet: &Sheet, d: i64| {
                let at = sheet.at(d);
                bits.iter()
                    .enumerate()
                    .all(|(w, &x)| x & !at.get(w).copied().unwrap_or(0) == 0)
            };
            // Days: the widest run of pieces around the seed day inside the set.
            let pieces: Vec<(i64, i64)> = full.iter().map(|(a, e, _)| (a, e)).collect();
            let at = pieces.partition_point(|&(_, e)| e <= day);
            let (mut first, mut last) = (at, at);
            while first > 0 && pieces.get(first - 1).is_some_and(|&(a, _)| within(full, a)) {
                first -= 1;
            }
            while pieces.get(last + 1).is_some_and(|&(a, _)| within(full, a)) {
                last += 1;
            }
            b.from = pieces.get(first).map_or(day, |p| p.0);
            b.before = pieces.get(last).map_or(day + 1, |p| p.1);
            let days = Days::range(Some(b.from), Some(b.before));
            let cells = Sheet::on(&days, &bits);
            for (i, &leaf) in space.leaves.iter().enumerate() {
                if sets.get(i).is_some_and(|s| cells.is_subset_of(s)) {
                    b.leaves.push(leaf);
                    if let Some(t) = todo.get_mut(i) {
                        *t = t.and_not(&cells);
                    }
                }
            }
            if b.leaves.is_empty() {
                // Cannot happen (the seed's region holds the box); stop rather than loop.
                break;
            }
            out.push(b);
        }
    }
    out
}

/// The first cell of a sheet: (day, kind).
fn first_cell(sheet: Option<&Sheet>) -> Option<(i64, usize)> {
    for (a, _, bits) in sheet?.iter() {
        for (w, &x) in bits.iter().enumerate() {
            if x != 0 {
                return Some((a, w * 64 + x.trailing_zeros() as usize));
            }
        }
    }
    None
}

/// The widest tree nodes covering exactly `leaves` (each node listed has
/// all its leaves in the set), in id order.
pub(crate) fn regions_of(
    pathway: &Pathway,
    space: &ProfileSpace,
    leaves: &[RegionId],
) -> Vec<RegionId> {
    let tree = &pathway.regions;
    let inside = |node: RegionId| {
        space
            .leaves
            .iter()
            .filter(|&&l| tree.contains(node, l))
            .all(|l| leaves.contains(l))
    };
    let mut out: Vec<RegionId> = Vec::new();
    for &leaf in leaves {
        // Climb while the parent's leaves are all in the set.
        let mut node = leaf;
        while let Some(parent) = tree.regions.get(node.index()).and_then(|r| r.parent) {
            if inside(parent) {
                node = parent;
            } else {
                break;
            }
        }
        if !out.contains(&node) {
            out.push(node);
        }
    }
    out.sort_by(|&a, &b| tree.id(a).cmp(tree.id(b)));
    out
}

/// A raw box as a [`FamilyBox`], in words.
pub(crate) fn describe_box(pathway: &Pathway, space: &ProfileSpace, b: &RawBox) -> FamilyBox {
    let tree = &pathway.regions;
    let nodes = regions_of(pathway, space, &b.leaves);
    let adversity_id = |i: usize| {
        space
            .adversities
            .get(i)
            .and_then(|&a| pathway.vocabulary.adversities.get(a))
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    let with: Vec<String> = (0..b.adversities.len())
        .filter(|&i| b.adversities.get(i) == Some(&Some(true)))
        .map(adversity_id)
        .collect();
    let without: Vec<String> = (0..b.adversities.len())
        .filter(|&i| b.adversities.get(i) == Some(&Some(false)))
        .map(adversity_id)
        .collect();
    let mut facts = Vec::new();
    for (axis, &(lo, hi)) in b.facts.iter().enumerate() {
        let Some(a) = space.facts.get(axis) else {
            continue;
        };
        if lo == 0 && hi + 1 >= a.classes.len() {
            continue;
        }
        let id = pathway
            .vocabulary
            .facts
            .get(a.fact)
            .map(|f| f.id.clone())
            .unwrap_or_default();
        let values = fact_range(pathway, a.fact, &a.classes, lo, hi);
        facts.push(FactRange { fact: id, values });
    }
    let from_age_days = i32::try_from(b.from).unwrap_or(i32::MIN);
    let before_age_days = i32::try_from(b.before).unwrap_or(i32::MAX);
    let mut words = nodes
        .iter()
        .map(|&r| {
            tree.regions
                .get(r.index())
                .map_or_else(String::new, |x| x.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ");
    words.push_str(": ");
    words.push_str(&match (with.is_empty(), without.is_empty()) {
        (true, true) => "any adversity".to_owned(),
        (false, true) => format!("with {}", with.join(" and ")),
        (true, false) => format!("without {}", without.join(" or ")),
        (false, false) => format!(
            "with {}, without {}",
            with.join(" and "),
            without.join(" or ")
        ),
    });
    for f in &facts {
        words.push_str(&format!(", {} {}", f.fact, f.values));
    }
    words.push_str(&format!(
        ", from {} to {}",
        describe(from_age_days),
        describe(before_age_days)
    ));
    FamilyBox {
        regions: nodes.iter().map(|&r| tree.id(r).to_owned()).collect(),
        with,
        without,
        facts,
        from_age_days,
        before_age_days,
        words,
    }
}

/// Classes `lo..=hi` of a fact in words: numbers as bounds, other values listed.
fn fact_range(
    pathway: &Pathway,
    fact: usize,
    classes: &[FactClass],
    lo: usize,
    hi: usize,
) -> String {
    let numeric = |c: Option<&FactClass>| {
        matches!(
            c,
            Some(
                FactClass::Between { .. }
                    | FactClass::Value(crate::model::vocabulary::FactValue::Number(_))
            )
        )
    };
    if numeric(classes.get(lo)) && numeric(classes.get(hi)) {
        let above = |c: Option<&FactClass>| match c {
            Some(FactClass::Between { above, .. }) => *above,
            Some(FactClass::Value(crate::model::vocabulary::FactValue::Number(n))) => {
                Some(next_down(*n))
            }
            _ => None,
        };
        let below = |c: Option<&FactClass>| match c {
            Some(FactClass::Between { below, .. }) => *below,
            Some(FactClass::Value(crate::model::vocabulary::FactValue::Number(n))) => {
                Some(next_up(*n))
            }
            _ => None,
        };
        let joined = FactClass::Between {
            above: above(classes.get(lo)),
            below: below(classes.get(hi)),
            example: 0.0,
        };
        return describe_class(pathway, fact, &joined);
    }
    (lo..=hi)
        .filter_map(|c| classes.get(c))
        .map(|c| describe_class(pathway, fact, c))
        .collect::<Vec<_>>()
        .join(" or ")
}
