//! A small bit set: one bit per adversity of a pathway's vocabulary.
//!
//! A leaf: imports nothing from the crate.

/// A small set of adversities, one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }
    pub(crate) fn insert(&mut self, i: usize) {
        let (w, b) = (i / 64, i % 64);
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        if let Some(word) = self.0.get_mut(w) {
            *word |= 1 << b;
        }
    }
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub(crate) fn word(&self, w: usize) -> u64 {
        self.0.get(w).copied().unwrap_or(0)
    }
    pub(crate) fn intersects(&self, other: &Self) -> bool {
        (0..self.0.len().max(other.0.len())).any(|w| self.word(w) & other.word(w) != 0)
    }
    pub(crate) fn is_subset_of(&self, other: &Self) -> bool {
        (0..self.0.len()).all(|w| self.word(w) & !other.word(w) == 0)
    }
}
