//! The region × adversity matrix of a coverage at one age: for each
//! region one level below the root and each adversity of the vocabulary,
//! whether families of that region's areas with that one adversity (any
//! values of the facts) have a route.

use serde::{Deserialize, Serialize};

use crate::model::region::RegionId;

use super::coverage::Coverage;
use super::sheet::has;

/// One cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cell {
    /// Every such family has a route.
    Covered,
    /// Some do, some do not (by area or by fact values).
    Partly,
    /// None does.
    Gap,
    /// Some were not decided (the analysis stopped at a budget).
    NotExamined,
}

/// One row: a region and its cells, one per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MatrixRow {
    /// The region's id.
    pub region: String,
    /// Its name.
    pub name: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// The matrix at one start age.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let m = coverage.matrix(91);
/// assert_eq!(m.columns.len(), 3);
/// assert!(m.rows.iter().all(|r| r.cells.len() == m.columns.len()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Matrix {
    /// The start age, in days.
    pub age_days: i32,
    /// The adversities of the columns (ids), in vocabulary order: a family
    /// with that one adversity.
    pub columns: Vec<String>,
    /// The rows, by region name.
    pub rows: Vec<MatrixRow>,
}

impl Coverage<'_> {
    /// The region × adversity matrix at start age `age_days` (see the
    /// module docs). O(rows × columns × areas × fact classes).
    #[must_use]
    pub fn matrix(&self, age_days: i32) -> Matrix {
        let p = self.pathway;
        let tree = &p.regions;
        let root = tree
            .regions
            .iter()
            .position(|r| r.parent.is_none())
            .and_then(|i| u32::try_from(i).ok())
            .map(RegionId);
        let mut rows: Vec<RegionId> = (0..tree.regions.len())
            .filter_map(|i| u32::try_from(i).ok().map(RegionId))
            .filter(|&r| {
                root.is_some() && tree.regions.get(r.index()).and_then(|x| x.parent) == root
            })
            .collect();
        if rows.is_empty() {
            rows.extend(root);
        }
        rows.sort_by(|&a, &b| {
            let name = |r: RegionId| tree.regions.get(r.index()).map_or("", |x| x.name.as_str());
            name(a).cmp(name(b)).then(tree.id(a).cmp(tree.id(b)))
        });
        let columns: Vec<(String, usize)> = p
            .vocabulary
            .adversities
            .iter()
            .enumerate()
            .map(|(i, (id, _))| {
                let bit = self
                    .space
                    .adversities
                    .iter()
                    .position(|&a| a == i)
                    .map_or(0, |b| 1usize << b);
                (id.clone(), bit)
            })
            .collect();
        let low = (1usize << self.space.adversities.len()) - 1;
        let day = i64::from(age_days);
        let rows = rows
            .into_iter()
            .map(|row| {
                let cells = columns
                    .iter()
                    .map(|&(_, mask)| {
                        let (mut yes, mut no, mut open) = (0usize, 0usize, 0usize);
                        for (leaf, r) in self.space.leaves.iter().zip(&self.regions) {
                            if !tree.contains(row, *leaf) {
                                continue;
                            }
                            let covered = r.covered.at(day);
                            let undecided = r.undecided.at(day);
                            for kind in (0..self.space.kinds).filter(|k| k & low == mask) {
                                if has(covered, kind) {
                                    yes += 1;
                                } else if has(undecided, kind) {
                                    open += 1;
                                } else {
                                    no += 1;
                                }
                            }
                        }
                        match (yes, no, open) {
                            (_, _, 1..) => Cell::NotExamined,
                            (0, _, _) => Cell::Gap,
                            (_, 0, _) => Cell::Covered,
                            _ => Cell::Partly,
                        }
                    })
                    .collect();
                MatrixRow {
                    region: tree.id(row).to_owned(),
                    name: tree
                        .regions
                        .get(row.index())
                        .map_or_else(String::new, |x| x.name.clone()),
                    cells,
                }
            })
            .collect();
        Matrix {
            age_days,
            columns: columns.into_iter().map(|(id, _)| id).collect(),
            rows,
        }
    }
}
