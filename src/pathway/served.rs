//! The words of each service's region check, kept per family's region.
//!
//! Every step of a route and every goal service listed as out of the
//! family's area carries the words of a region check: whether the family's
//! region lies in the areas the service serves. They depend only on the
//! family's region and the service's list of areas, and services share
//! lists (a board's teams all serve the board), so the pathway numbers
//! the distinct lists at load and, the first time a question about a
//! family in a region needs them, words every list once for that region.
//! Later questions about families there share those words.
//!
//! Memory is bounded: words are kept only when the lists times the
//! regions stay within [`KEPT_WORDS`]; past that each question words its
//! own checks, as before.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::model::region::{RegionId, RegionTree};

/// The most region checks a pathway keeps in words (lists of areas times
/// regions): about 25 MB at 100 bytes each. The Scotland pathway needs
/// about 2,500; a national pathway of 10,000 services in 200 areas, about
/// 50,000.
pub(crate) const KEPT_WORDS: usize = 1 << 18;

/// The distinct lists of areas of a pathway's services, and their words
/// per family's region, made when first needed.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServedWords {
    /// Each distinct list of areas once, in the order services first list
    /// them.
    lists: Vec<Vec<RegionId>>,
    /// Per service (by index), the index of its list in `lists`.
    of_service: Vec<u32>,
    /// Per family's region (by index), the words of every list; empty
    /// when the pathway keeps none (past [`KEPT_WORDS`]).
    by_region: Vec<OnceLock<Box<[Arc<str>]>>>,
}

impl ServedWords {
    /// Numbers the distinct lists of `areas` (one per service, by index)
    /// for a pathway of `regions` regions. O(total length of the lists).
    pub(crate) fn new<'a>(areas: impl IntoIterator<Item = &'a [RegionId]>, regions: usize) -> Self {
        let mut lists: Vec<Vec<RegionId>> = Vec::new();
        let mut index: HashMap<&'a [RegionId], u32> = HashMap::new();
        let of_service = areas
            .into_iter()
            .map(|listed| {
                let next = u32::try_from(lists.len()).unwrap_or(u32::MAX);
                *index.entry(listed).or_insert_with(|| {
                    lists.push(listed.to_vec());
                    next
                })
            })
            .collect();
        let keep = lists.len().saturating_mul(regions) <= KEPT_WORDS;
        let by_region = if keep {
            (0..regions).map(|_| OnceLock::new()).collect()
        } else {
            Vec::new()
        };
        Self {
            lists,
            of_service,
            by_region,
        }
    }

    /// The index of service `service`'s list of areas. O(1).
    pub(crate) fn list_of(&self, service: usize) -> Option<u32> {
        self.of_service.get(service).copied()
    }

    /// The words of the region check of a family in `region` against list
    /// `list`: [`RegionTree::explain_served`]'s, shared. O(1) once the
    /// region's words are made, which costs one check per list (the first
    /// question about a family there, on whichever thread asks first);
    /// O(length of the list) when the pathway keeps no words.
    pub(crate) fn words(&self, tree: &RegionTree, region: RegionId, list: u32) -> Arc<str> {
        let listed = self.lists.get(list as usize).map_or(&[][..], Vec::as_slice);
        match self
            .all(tree, region)
            .and_then(|all| all.get(list as usize))
        {
            Some(w) => Arc::clone(w),
            None => tree.explain_served(region, listed).into(),
        }
    }

    /// The words of every list for a family in `region`, made on first
    /// use; `None` when the pathway keeps none.
    fn all(&self, tree: &RegionTree, region: RegionId) -> Option<&[Arc<str>]> {
        let kept = self.by_region.get(region.index())?;
        Some(kept.get_or_init(|| {
            self.lists
                .iter()
                .map(|l| Arc::from(tree.explain_served(region, l)))
                .collect()
        }))
    }

    /// The words of the region check of a family in `region` against
    /// service `service`'s areas. O(1) once made, as [`ServedWords::words`].
    pub(crate) fn of(&self, tree: &RegionTree, region: RegionId, service: usize) -> Arc<str> {
        self.words(tree, region, self.list_of(service).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::ServedWords;
    use crate::model::region::RegionId;

    /// Every service's region check, for a family in every region of the
    /// Scotland pathway, has the words the check itself gives: kept (the
    /// pathway's own table) and not kept (a table with too many regions to
    /// keep), read twice (made, then shared).
    #[test]
    fn kept_words_are_the_region_checks_own() {
        let p = crate::Pathway::from_json(include_str!("../../pathways/scotland.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let none_kept = ServedWords::new(
            p.services.iter().map(|s| s.regions.as_slice()),
            super::KEPT_WORDS + 1,
        );
        assert!(!p.served.by_region.is_empty() && none_kept.by_region.is_empty());
        let mut checked = 0;
        for r in 0..p.regions.ids().count() {
            let region = RegionId(u32::try_from(r).unwrap_or(u32::MAX));
            for _ in 0..2 {
                for (i, s) in p.services.iter().enumerate() {
                    let want = p.regions.explain_served(region, &s.regions);
                    assert_eq!(&*p.served.of(&p.regions, region, i), want);
                    assert_eq!(&*none_kept.of(&p.regions, region, i), want);
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
