//! A monotone priority queue of days for the one-pass searches over
//! services (Dijkstra's algorithm over waits and delays): a bucket queue.
//!
//! Dijkstra's algorithm never pushes a key below the last one popped, nor
//! more than the longest single step (the longest wait plus the longest
//! delay in the pathway) above it. So while that step is short, the keys
//! waiting fit in a ring of buckets one day wide, one per key modulo its
//! size, and each bucket holds one key at a time (Dial's algorithm). For a
//! pathway with a longer step the queue is a binary heap.
//!
//! Complexity: ring: O(1) per push, O(1) per pop plus the days skipped (at
//! most the largest key, over a whole search), O(n + step) space; heap:
//! O(log n) per push or pop. Entries with equal keys leave in no
//! particular order: the searches that use it settle the same answer in
//! any order of ties.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Longest step for which the ring is used: a ring of at most this many
/// buckets (rounded up to a power of two) costs less than the heap.
const RING_STEP: u32 = 4095;

/// A min-queue of `(key, value)` pairs whose keys never go below the last
/// key popped nor above it by more than the step given at the start.
pub(super) enum DayQueue {
    Ring {
        /// Per bucket, the entry last pushed to it (`NIL`: none); entries
        /// link to the one pushed before them, so no bucket allocates.
        heads: Vec<u32>,
        /// (value, next entry in the same bucket) per entry pushed.
        entries: Vec<(u32, u32)>,
        /// The ring's size minus one (a power of two minus one).
        mask: u64,
        /// The last key popped: every key waiting is at least this.
        at: u64,
        len: usize,
    },
    Heap(BinaryHeap<Reverse<u64>>),
}

/// No entry.
const NIL: u32 = u32::MAX;

impl DayQueue {
    /// An empty queue for keys that grow by at most `step` at a push.
    pub(super) fn new(step: u32) -> Self {
        if step > RING_STEP {
            return Self::Heap(BinaryHeap::new());
        }
        let size = (step as usize + 1).next_power_of_two();
        Self::Ring {
            heads: vec![NIL; size],
            entries: Vec::new(),
            mask: size as u64 - 1,
            at: 0,
            len: 0,
        }
    }

    /// Whether this queue is the one [`DayQueue::new`] builds for `step`
    /// (a ring kept from another pathway may be too short for this one's
    /// steps, or longer than it needs). O(1).
    pub(super) fn fits(&self, step: u32) -> bool {
        match self {
            Self::Ring { mask, .. } => {
                step <= RING_STEP && *mask + 1 == (u64::from(step) + 1).next_power_of_two()
            }
            Self::Heap(_) => step > RING_STEP,
        }
    }

    /// Empties the queue, keeping its memory, for keys from `0` on.
    pub(super) fn clear(&mut self) {
        match self {
            Self::Ring {
                heads,
                entries,
                at,
                len,
                ..
            } => {
                if *len > 0 {
                    heads.fill(NIL);
                }
                entries.clear();
                *at = 0;
                *len = 0;
            }
            Self::Heap(h) => h.clear(),
        }
    }

    /// Adds `value` under `key`: at least the last key popped, at most the
    /// step above it (a key outside, which the searches never push, is
    /// queued at the nearest key allowed, so the queue stays ordered).
    pub(super) fn push(&mut self, key: u32, value: u32) {
        match self {
            Self::Ring {
                heads,
                entries,
                mask,
                at,
                len,
            } => {
                let key = u64::from(key).clamp(*at, *at + *mask);
                let Ok(e) = u32::try_from(entries.len()) else {
                    return;
                };
                if let Some(h) = heads.get_mut((key & *mask) as usize) {
                    entries.push((value, *h));
                    *h = e;
                    *len += 1;
                }
            }
            Self::Heap(h) => h.push(Reverse((u64::from(key) << 32) | u64::from(value))),
        }
    }

    /// Takes an entry with the least key.
    pub(super) fn pop(&mut self) -> Option<(u32, u32)> {
        match self {
            Self::Ring {
                heads,
                entries,
                mask,
                at,
                len,
            } => {
                if *len == 0 {
                    return None;
                }
                loop {
                    let h = heads.get_mut((*at & *mask) as usize)?;
                    if *h != NIL {
                        let &(v, next) = entries.get(*h as usize)?;
                        *h = next;
                        *len -= 1;
                        return Some((u32::try_from(*at).ok()?, v));
                    }
                    *at += 1;
                }
            }
            Self::Heap(h) => {
                let Reverse(x) = h.pop()?;
                Some(((x >> 32) as u32, x as u32))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DayQueue;

    /// A queue kept from one pathway serves another only when it is the
    /// one that pathway's longest step needs.
    #[test]
    fn a_queue_fits_only_the_step_it_was_built_for() {
        for step in [0u32, 1, 7, 100, 511, 512, 4095, 4096, 100_000] {
            assert!(DayQueue::new(step).fits(step), "{step}");
        }
        for (built, asked) in [
            (100, 4095),
            (4095, 100),
            (100, 5000),
            (5000, 100),
            (511, 512),
        ] {
            assert!(!DayQueue::new(built).fits(asked), "{built} for {asked}");
        }
        assert!(DayQueue::new(5000).fits(100_000));
        assert!(DayQueue::new(512).fits(1000));
    }

    /// Random pushes (within the step of the last pop) and pops, against a
    /// sorted list, for a ring and for a heap: every pop is a least key
    /// waiting.
    #[test]
    fn pops_come_out_in_key_order() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for step in [0u32, 1, 7, 100, 4095, 4096, 100_000] {
            let mut queue = DayQueue::new(step);
            for round in 0..2 {
                queue.clear();
                let mut waiting: Vec<u32> = Vec::new();
                let mut last = 0u32;
                for i in 0..3000u32 {
                    if next() % 3 < 2 || waiting.is_empty() {
                        let up = u32::try_from(next() % (u64::from(step) + 1)).unwrap_or(0);
                        let key = last + up;
                        queue.push(key, i);
                        waiting.push(key);
                    } else {
                        waiting.sort_unstable();
                        let least = waiting.remove(0);
                        let got = queue.pop().map(|(k, _)| k);
                        assert_eq!(got, Some(least), "step {step}, round {round}");
                        last = least;
                    }
                }
                waiting.sort_unstable();
                for k in waiting {
                    assert_eq!(queue.pop().map(|(k, _)| k), Some(k));
                }
                assert!(queue.pop().is_none());
            }
        }
    }

    /// `clear` empties a queue that still holds entries: what is pushed
    /// after comes out alone, in key order (the searches drain their queue
    /// before clearing it; the contract holds either way).
    #[test]
    fn a_queue_cleared_while_holding_entries_pops_only_what_comes_after() {
        for step in [7u32, 100_000] {
            let mut queue = DayQueue::new(step);
            for (key, value) in [(0, 1), (3, 2), (3, 3), (5, 4)] {
                queue.push(key, value);
            }
            assert_eq!(queue.pop(), Some((0, 1)), "step {step}");
            queue.clear();
            for (key, value) in [(3, 11), (5, 12), (6, 13)] {
                queue.push(key, value);
            }
            let mut popped = Vec::new();
            while let Some(x) = queue.pop() {
                popped.push(x);
            }
            assert_eq!(popped, [(3, 11), (5, 12), (6, 13)], "step {step}");
        }
    }
}
