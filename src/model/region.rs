//! The region tree (e.g. country → health board → council area), indexed
//! for O(1) containment tests.
//!
//! Each region gets an interval from one depth-first walk (an Euler tour);
//! a region lies inside another exactly when its interval lies inside the
//! other's. Building is O(r log r) for r regions (children are visited in
//! id order, for determinism); a containment test is O(1).

use std::collections::HashMap;

/// Index of a region in a compiled pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RegionId(pub(crate) u32);

impl RegionId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// One region as compiled: id, display name, kind and parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RegionInfo {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) parent: Option<RegionId>,
}

/// The compiled region tree.
#[derive(Debug, Clone, Default)]
pub(crate) struct RegionTree {
    pub(crate) regions: Vec<RegionInfo>,
    enter: Vec<u32>,
    exit: Vec<u32>,
    pub(crate) by_id: HashMap<String, RegionId>,
}

/// Why a region list cannot form a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TreeProblem {
    /// No region without a parent.
    NoRoot,
    /// More than one region without a parent (indices of the extra roots).
    SeveralRoots(Vec<usize>),
    /// Regions not reachable from the root: they sit on a cycle of parents.
    Cycle(Vec<usize>),
}

impl RegionTree {
    /// Builds the tree from regions whose parents are already resolved.
    /// Returns the problems that keep it from being a tree; the tree is still
    /// usable (unreachable regions contain only themselves).
    pub(crate) fn build(regions: Vec<RegionInfo>) -> (Self, Vec<TreeProblem>) {
        let n = regions.len();
        let mut problems = Vec::new();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, r) in regions.iter().enumerate() {
            match r.parent {
                Some(p) => {
                    if let Some(c) = children.get_mut(p.index()) {
                        c.push(i);
                    }
                }
                None => roots.push(i),
            }
        }
        for c in &mut children {
            c.sort_by(|&a, &b| regions_id(&regions, a).cmp(regions_id(&regions, b)));
        }
        match roots.len() {
            0 if n > 0 => problems.push(TreeProblem::NoRoot),
            0 | 1 => {}
            _ => problems.push(TreeProblem::SeveralRoots(
                roots.get(1..).unwrap_or_default().to_vec(),
            )),
        }
        let mut enter = vec![u32::MAX; n];
        let mut exit = vec![0; n];
        let mut clock = 0u32;
        // Iterative depth-first walk: (region, next child position).
        for &root in &roots {
            let mut stack = vec![(root, 0usize)];
            if let Some(e) = enter.get_mut(root) {
                *e = clock;
            }
            clock += 1;
            while let Some((node, pos)) = stack.pop() {
                let next = children.get(node).and_then(|c| c.get(pos)).copied();
                match next {
                    Some(child) => {
                        stack.push((node, pos + 1));
                        if let Some(e) = enter.get_mut(child) {
                            *e = clock;
                        }
                        clock += 1;
                        stack.push((child, 0));
                    }
                    None => {
                        if let Some(x) = exit.get_mut(node) {
                            *x = clock;
                        }
                        clock += 1;
                    }
                }
            }
        }
        let cyclic: Vec<usize> = (0..n)
            .filter(|&i| enter.get(i) == Some(&u32::MAX))
            .collect();
        for &i in &cyclic {
            // Give each unreachable region an interval of its own.
            if let (Some(e), Some(x)) = (enter.get_mut(i), exit.get_mut(i)) {
                *e = clock;
                *x = clock + 1;
            }
            clock += 2;
        }
        if !cyclic.is_empty() && !roots.is_empty() {
            problems.push(TreeProblem::Cycle(cyclic));
        }
        let by_id = regions
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.id.clone(), RegionId(u32::try_from(i).ok()?))))
            .collect();
        (
            Self {
                regions,
                enter,
                exit,
                by_id,
            },
            problems,
        )
    }

    /// Whether `inner` is `outer` or lies inside it. O(1).
    pub(crate) fn contains(&self, outer: RegionId, inner: RegionId) -> bool {
        match (
            self.enter.get(outer.index()),
            self.exit.get(outer.index()),
            self.enter.get(inner.index()),
            self.exit.get(inner.index()),
        ) {
            (Some(oe), Some(ox), Some(ie), Some(ix)) => oe <= ie && ix <= ox,
            _ => false,
        }
    }

    /// Whether `region` lies in (or is) any of `served`. O(|served|).
    pub(crate) fn served(&self, region: RegionId, served: &[RegionId]) -> bool {
        served.iter().any(|&s| self.contains(s, region))
    }

    pub(crate) fn id(&self, r: RegionId) -> &str {
        self.regions.get(r.index()).map_or("", |r| r.id.as_str())
    }

    pub(crate) fn get(&self, id: &str) -> Option<RegionId> {
        self.by_id.get(id).copied()
    }

    /// Every region with its depth, in the order of a depth-first walk
    /// (children in id order). O(r log r).
    pub(crate) fn tree_order(&self) -> Vec<(RegionId, usize)> {
        let mut order: Vec<usize> = (0..self.regions.len()).collect();
        order.sort_by_key(|&i| self.enter.get(i).copied().unwrap_or(u32::MAX));
        order
            .into_iter()
            .filter_map(|i| {
                let id = RegionId(u32::try_from(i).ok()?);
                let mut depth = 0;
                let mut at = self.regions.get(i).and_then(|r| r.parent);
                // A compiled pathway's regions form a tree; the bound guards the walk.
                while let Some(p) = at.filter(|_| depth < self.regions.len()) {
                    depth += 1;
                    at = self.regions.get(p.index()).and_then(|r| r.parent);
                }
                Some((id, depth))
            })
            .collect()
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().map(|r| r.id.as_str())
    }

    /// Says why `region` is or is not served by `served`, naming the case of
    /// a family's region that is wider than the areas served.
    pub(crate) fn explain_served(&self, region: RegionId, served: &[RegionId]) -> String {
        // Built piece by piece (one allocation): every step of every route
        // says this.
        let mut m = String::with_capacity(96);
        let list = |m: &mut String, rs: &mut dyn Iterator<Item = RegionId>| {
            for (n, r) in rs.enumerate() {
                if n > 0 {
                    m.push_str(", ");
                }
                m.push('`');
                m.push_str(self.id(r));
                m.push('`');
            }
        };
        if let Some(&s) = served.iter().find(|&&s| self.contains(s, region)) {
            m.push_str("family lives in `");
            m.push_str(self.id(region));
            m.push('`');
            if s != region {
                m.push_str(", inside `");
                m.push_str(self.id(s));
                m.push('`');
            }
            return m;
        }
        let mut narrower = served
            .iter()
            .copied()
            .filter(|&s| self.contains(region, s))
            .peekable();
        if narrower.peek().is_none() {
            m.push_str("family lives in `");
            m.push_str(self.id(region));
            m.push_str("`, outside ");
            list(&mut m, &mut served.iter().copied());
        } else {
            m.push_str("family's region `");
            m.push_str(self.id(region));
            m.push_str("` is wider than the area served (");
            list(&mut m, &mut narrower);
            m.push_str("): give the family's area to know");
        }
        m
    }
}

fn regions_id(regions: &[RegionInfo], i: usize) -> &str {
    regions.get(i).map_or("", |r| r.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(spec: &[(&str, Option<u32>)]) -> (RegionTree, Vec<TreeProblem>) {
        RegionTree::build(
            spec.iter()
                .map(|&(id, parent)| RegionInfo {
                    id: id.into(),
                    name: id.into(),
                    kind: String::new(),
                    parent: parent.map(RegionId),
                })
                .collect(),
        )
    }

    #[test]
    fn containment_follows_the_tree() {
        let (t, problems) = tree(&[
            ("country", None),
            ("board-a", Some(0)),
            ("council-a1", Some(1)),
            ("board-b", Some(0)),
        ]);
        assert!(problems.is_empty());
        let [c, a, a1, b] = [0, 1, 2, 3].map(RegionId);
        assert!(t.contains(c, a1));
        assert!(t.contains(a, a1));
        assert!(t.contains(a1, a1));
        assert!(!t.contains(a1, a));
        assert!(!t.contains(b, a1));
        assert!(t.explain_served(a, &[a1]).contains("wider"));
        assert!(t.explain_served(b, &[a]).contains("outside"));
    }

    #[test]
    fn cycles_and_roots_are_reported() {
        let (_, problems) = tree(&[("root", None), ("x", Some(2)), ("y", Some(1))]);
        assert_eq!(problems, vec![TreeProblem::Cycle(vec![1, 2])]);
        let (_, problems) = tree(&[("a", None), ("b", None)]);
        assert_eq!(problems, vec![TreeProblem::SeveralRoots(vec![1])]);
        let (_, problems) = tree(&[("a", Some(1)), ("b", Some(0))]);
        assert_eq!(problems, vec![TreeProblem::NoRoot]);
    }
}
