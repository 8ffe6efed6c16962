//! Lower bounds that depend on no family but its area, kept by the pathway
//! once made.
//!
//! The route search ranks partial routes by a lower bound on what is left
//! of them: the days and referrals from each service to the nearest goal
//! service. A bound that follows every referral between services serving
//! the family's area (ignoring every rule and referral condition) depends
//! only on that area, on which waits count and on the pathway's own goal,
//! not on the family: the first question about a family in an area makes
//! it, and the pathway keeps it, as the services it bounds, for every
//! question after. Rules only remove referrals, so it is never above the
//! best route's days and referrals (admissible), and, a shortest distance
//! over those referrals, never falls by more than a referral costs
//! (consistent).
//!
//! Memory is bounded: at most [`KEPT_BOUNDS`] services' bounds are kept
//! over all areas; past that, a question about a family in an area not
//! yet kept makes its own bound, as before.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most services' bounds and ordered referrals a pathway keeps over
/// all areas and kinds of wait (at most 20 bytes each): about 40 MB. The
/// Scotland pathway keeps at most about 14,000 (22 services and about
/// 100 referrals per area); a national pathway of 10,000 services in 200
/// areas, about 500,000.
pub(crate) const KEPT_BOUNDS: usize = 1 << 21;

/// One area's bound: (service, days, referrals) for every service that
/// has one, in any order; and, for each of them, its referrals to services
/// with a bound in the order of the key they add to a route, under each
/// ranking (the route search extends a route in that order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AreaBound {
    /// (service, days, referrals).
    pub(crate) entries: Box<[(u32, u32, u32)]>,
    /// Per entry, where its referrals lie in each of `orders`.
    pub(crate) spans: Box<[(u32, u32)]>,
    /// The referrals' positions among their service's, per ranking (0:
    /// soonest seen, 1: fewest referrals), each service's side by side.
    pub(crate) orders: [Box<[u32]>; 2],
}

impl AreaBound {
    /// The words it holds: what [`KEPT_BOUNDS`] counts. O(1).
    pub(crate) fn size(&self) -> usize {
        self.entries
            .len()
            .saturating_add(self.orders.iter().map(|o| o.len()).sum::<usize>())
    }
}

/// The kept bounds, by area and kind of wait, each made on first use;
/// `None` in a slot whose bound did not fit within [`KEPT_BOUNDS`].
#[derive(Debug, Default)]
pub(crate) struct KeptBounds {
    /// By region index × 2 + kind of wait (0: typical, 1: pessimistic).
    slots: Box<[OnceLock<Option<AreaBound>>]>,
    /// Services' bounds kept so far, over all slots.
    kept: AtomicUsize,
}

impl Clone for KeptBounds {
    fn clone(&self) -> Self {
        Self {
            slots: self.slots.clone(),
            kept: AtomicUsize::new(self.kept.load(Ordering::Relaxed)),
        }
    }
}

impl KeptBounds {
    /// Room for `regions` areas, two kinds of wait each; nothing made yet.
    /// O(regions).
    pub(crate) fn new(regions: usize) -> Self {
        Self {
            slots: (0..regions.saturating_mul(2))
                .map(|_| OnceLock::new())
                .collect(),
            kept: AtomicUsize::new(0),
        }
    }

    /// The bound of area `region` for waits of kind `wait` (0 or 1), made by
    /// `make` the first time any thread asks: O(1) after that. `None` for
    /// a slot out of range, or when keeping it would pass [`KEPT_BOUNDS`]
    /// (then the caller makes its own, each time).
    pub(crate) fn get_or_make(
        &self,
        region: usize,
        wait: usize,
        make: impl FnOnce() -> AreaBound,
    ) -> Option<&AreaBound> {
        let slot = self
            .slots
            .get(region.saturating_mul(2).saturating_add(wait))?;
        slot.get_or_init(|| {
            let bound = make();
            let size = bound.size();
            let before = self.kept.fetch_add(size, Ordering::Relaxed);
            if before.saturating_add(size) <= KEPT_BOUNDS {
                Some(bound)
            } else {
                self.kept.fetch_sub(size, Ordering::Relaxed);
                None
            }
        })
        .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::{AreaBound, KEPT_BOUNDS, KeptBounds};

    /// A bound of `n` services, no referrals.
    fn of(n: usize) -> AreaBound {
        AreaBound {
            entries: vec![(0, 0, 0); n].into(),
            ..AreaBound::default()
        }
    }

    /// A bound is made once per area and kind of wait, then read; one
    /// that would pass the limit is not kept (and not made again); a slot
    /// out of range makes nothing.
    #[test]
    fn an_area_bound_is_made_once_and_kept_within_the_limit() {
        let kept = KeptBounds::new(3);
        let mut made = 0;
        for _ in 0..3 {
            let b = kept.get_or_make(2, 1, || {
                made += 1;
                AreaBound {
                    entries: vec![(4, 10, 1), (5, 0, 0)].into(),
                    spans: vec![(0, 1), (1, 1)].into(),
                    orders: [vec![0].into(), vec![0].into()],
                }
            });
            assert_eq!(b.map(AreaBound::size), Some(4));
        }
        assert_eq!(made, 1);
        // Another kind of wait is another bound.
        assert!(kept.get_or_make(2, 0, AreaBound::default).is_some());
        assert!(kept.get_or_make(3, 0, AreaBound::default).is_none());
        assert!(kept.get_or_make(0, 0, || of(KEPT_BOUNDS)).is_none());
        assert!(kept.get_or_make(0, 0, AreaBound::default).is_none());
        // What was refused is not counted: a bound that fits still fits.
        assert!(kept.get_or_make(1, 0, || of(KEPT_BOUNDS - 4)).is_some());
        // A clone of the pathway keeps what was made.
        let copy = kept.clone();
        assert_eq!(
            copy.get_or_make(2, 1, || of(9)).map(AreaBound::size),
            Some(4)
        );
    }
}
