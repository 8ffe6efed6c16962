//! A small set of adversities: the indices of those in the set, sorted.
//!
//! Sparse, so its size is that of the set, never of the vocabulary: a rule
//! naming one adversity of a vocabulary of a million costs one entry (a
//! dense bit set per adversity test once made a 7.5 MB file take 1.3 GB).
//! Membership is O(log k); `intersects` and `is_subset_of` are O(k₁ + k₂)
//! merges.
//!
//! A leaf: imports nothing from the crate.

/// A set of adversities, by index in the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Bits(Vec<u32>);

impl Bits {
    /// An empty set. (The vocabulary's size is not needed: the set holds
    /// only its members.)
    pub(crate) fn with_capacity(_vocabulary: usize) -> Self {
        Self(Vec::new())
    }
    /// Adds `i`. O(k).
    pub(crate) fn insert(&mut self, i: usize) {
        let Ok(i) = u32::try_from(i) else {
            return;
        };
        if let Err(at) = self.0.binary_search(&i) {
            self.0.insert(at, i);
        }
    }
    /// The set of `indices`. O(k log k).
    pub(crate) fn from_indices(indices: impl IntoIterator<Item = usize>) -> Self {
        let mut v: Vec<u32> = indices
            .into_iter()
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        v.sort_unstable();
        v.dedup();
        Self(v)
    }
    pub(crate) fn contains(&self, i: usize) -> bool {
        u32::try_from(i).is_ok_and(|i| self.0.binary_search(&i).is_ok())
    }
    pub(crate) fn intersects(&self, other: &Self) -> bool {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
    pub(crate) fn is_subset_of(&self, other: &Self) -> bool {
        let mut b = other.0.iter().peekable();
        self.0.iter().all(|x| {
            while b.next_if(|y| *y < x).is_some() {}
            b.next_if(|y| *y == x).is_some()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn set_operations_agree_with_btreeset(
            a in proptest::collection::btree_set(0usize..200, 0..20),
            b in proptest::collection::btree_set(0usize..200, 0..20),
        ) {
            let (x, y) = (Bits::from_indices(a.iter().copied()), Bits::from_indices(b.iter().copied()));
            let mut z = Bits::default();
            for &i in a.iter().rev() { z.insert(i); }
            prop_assert_eq!(&z, &x);
            prop_assert_eq!(x.intersects(&y), !a.is_disjoint(&b));
            prop_assert_eq!(x.is_subset_of(&y), a.is_subset(&b));
            for i in 0..200 { prop_assert_eq!(x.contains(i), a.contains(&i)); }
        }
    }
}
