//! Ways that depend on no family, kept by the pathway once made.
//!
//! The best referral path to a goal service that ignores every rule,
//! region and referral condition, from any first contact in the land,
//! depends only on the pathway, on which waits count and on the ranking:
//! not on the family. Route answers use it to name the door that is closed
//! on the way to a goal the family has no way to at all, and one pass over
//! services finds it for every goal at once. The pathway keeps that pass's
//! answer, made by the first question that needs it, for every question
//! after.

use std::sync::OnceLock;

/// Each goal's way, as the services on it, by the goal's node index.
pub(crate) type WaysByGoal = foldhash::HashMap<u32, Box<[u32]>>;

/// The kept passes: one per kind of wait and ranking (four in all), each
/// `None` when its pass stopped (a way too long, or its budget spent), so
/// that each goal is searched for alone.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeptWays {
    passes: [OnceLock<Option<WaysByGoal>>; 4],
}

impl KeptWays {
    /// The pass in `slot` (0 to 3), made by `make` the first time any
    /// thread asks: O(1) after that. `None` for a slot out of range or a
    /// pass that stopped.
    pub(crate) fn get_or_make(
        &self,
        slot: usize,
        make: impl FnOnce() -> Option<WaysByGoal>,
    ) -> Option<&WaysByGoal> {
        self.passes.get(slot)?.get_or_init(make).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::{KeptWays, WaysByGoal};

    /// A pass is made once, then read; a stopped pass stays stopped; a
    /// slot out of range makes nothing.
    #[test]
    fn a_pass_is_made_once_and_kept() {
        let kept = KeptWays::default();
        let mut made = 0;
        for _ in 0..3 {
            let ways = kept.get_or_make(1, || {
                made += 1;
                let mut w = WaysByGoal::default();
                w.insert(7, vec![1, 7].into());
                Some(w)
            });
            assert_eq!(ways.and_then(|w| w.get(&7)).map(|v| v.len()), Some(2));
        }
        assert_eq!(made, 1);
        assert!(kept.get_or_make(2, || None).is_none());
        assert!(
            kept.get_or_make(2, || Some(WaysByGoal::default()))
                .is_none()
        );
        assert!(
            kept.get_or_make(4, || Some(WaysByGoal::default()))
                .is_none()
        );
    }
}
