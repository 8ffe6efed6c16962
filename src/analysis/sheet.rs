//! Sheets: for every day, a set of kinds of family — the days × kinds
//! plane of one region, piecewise constant in the day.
//!
//! A sheet is a sorted list of pieces; piece `i` covers the days from its
//! start to the next piece's start, the first starting at minus infinity
//! and the last running to plus infinity. Adjacent pieces always differ,
//! so two equal sets are equal sheets. Binary operations merge the two
//! lists: O((p + q) · w) for p and q pieces of w 64-bit words.

use super::days::{Days, NEG_INF, POS_INF, shift_day};

/// A set of (day, kind) cells of one region; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    words: usize,
    starts: Vec<i64>,
    bits: Vec<u64>,
}

impl Sheet {
    /// The same kinds (`family`, a bit set of `words` words) on every day.
    pub(crate) fn constant(family: &[u64]) -> Self {
        Self {
            words: family.len().max(1),
            starts: vec![NEG_INF],
            bits: padded(family, family.len().max(1)),
        }
    }

    /// No cell.
    pub(crate) fn empty(words: usize) -> Self {
        Self {
            words: words.max(1),
            starts: vec![NEG_INF],
            bits: vec![0; words.max(1)],
        }
    }

    /// The kinds `family` on `days`, nothing on the other days.
    pub(crate) fn on(days: &Days, family: &[u64]) -> Self {
        let words = family.len().max(1);
        let zero = vec![0; words];
        let mut s = Self {
            words,
            starts: Vec::with_capacity(2 * days.intervals().len() + 1),
            bits: Vec::new(),
        };
        if days.first() != Some(NEG_INF) {
            s.push(NEG_INF, &zero);
        }
        for &(a, b) in days.intervals() {
            s.push(a, family);
            if b < POS_INF {
                s.push(b, &zero);
            }
        }
        s
    }

    /// The pieces: (first day, last day + 1, kinds).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (i64, i64, &[u64])> + '_ {
        let ends = self.starts.iter().skip(1).copied().chain([POS_INF]);
        self.starts
            .iter()
            .zip(ends)
            .zip(self.bits.chunks_exact(self.words))
            .map(|((&a, b), bits)| (a, b, bits))
    }

    /// Appends a piece, joining it to the last when equal.
    fn push(&mut self, at: i64, value: &[u64]) {
        let w = self.words;
        let n = self.starts.len();
        if n > 0 {
            let last = self.bits.get((n - 1) * w..n * w);
            if last.is_some_and(|l| l == value) {
                return;
            }
            if self.starts.last() == Some(&at) {
                // Replaces a zero-width piece.
                self.starts.pop();
                self.bits.truncate((n - 1) * w);
                return self.push(at, value);
            }
        }
        self.starts.push(at);
        self.bits.extend_from_slice(value);
    }

    /// Combines two sheets cell by cell with `op` on 64-bit words.
    fn combine(&self, other: &Self, op: impl Fn(u64, u64) -> u64) -> Self {
        self.combine_shifted(other, 0, op)
    }

    /// Combines `self` with `other` moved `by` days later, without
    /// building the moved copy. Each piece is written once, straight into
    /// the result, and dropped again when it equals the one before.
    fn combine_shifted(&self, other: &Self, by: i64, op: impl Fn(u64, u64) -> u64) -> Self {
        let w = self.words.max(other.words);
        let mut out = Self {
            words: w,
            starts: Vec::with_capacity(self.starts.len() + other.starts.len()),
            bits: Vec::with_capacity((self.starts.len() + other.starts.len()) * w),
        };
        let (mut i, mut j) = (0usize, 0usize);
        let mut at = NEG_INF;
        loop {
            let a = self.piece(i);
            let b = other.piece(j);
            let n = out.starts.len();
            if a.len() == w && b.len() == w {
                out.bits.extend(a.iter().zip(b).map(|(&x, &y)| op(x, y)));
            } else {
                out.bits.extend((0..w).map(|k| {
                    op(
                        a.get(k).copied().unwrap_or(0),
                        b.get(k).copied().unwrap_or(0),
                    )
                }));
            }
            // Starts strictly increase: a piece equal to the last is joined.
            let same = n > 0
                && out
                    .bits
                    .split_at_checked(n * w)
                    .is_some_and(|(before, new)| {
                        before.get((n - 1) * w..).is_some_and(|last| last == new)
                    });
            if same {
                out.bits.truncate(n * w);
            } else {
                out.starts.push(at);
            }
            let next_a = self.starts.get(i + 1).copied().unwrap_or(POS_INF);
            let next_b = other
                .starts
                .get(j + 1)
                .map_or(POS_INF, |&s| shift_day(s, by));
            let next = next_a.min(next_b);
            if next >= POS_INF {
                break;
            }
            if next_a == next {
                i += 1;
            }
            if next_b == next {
                j += 1;
            }
            at = next;
        }
        out
    }

    fn piece(&self, i: usize) -> &[u64] {
        self.bits
            .get(i * self.words..(i + 1) * self.words)
            .unwrap_or_default()
    }

    /// The cells in both.
    pub(crate) fn and(&self, other: &Self) -> Self {
        self.combine(other, |a, b| a & b)
    }

    /// The cells in `self` and in `other` moved `by` days later: the same
    /// as `self.and(&other.shift(by))`, in one pass.
    pub(crate) fn and_shifted(&self, other: &Self, by: i64) -> Self {
        self.combine_shifted(other, by, |a, b| a & b)
    }

    /// The cells in either.
    pub(crate) fn or(&self, other: &Self) -> Self {
        self.combine(other, |a, b| a | b)
    }

    /// The cells in `self` and not in `other`.
    pub(crate) fn and_not(&self, other: &Self) -> Self {
        self.combine(other, |a, b| a & !b)
    }

    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    /// Every cell moved `by` days later: the result holds (d + by, k)
    /// exactly when `self` holds (d, k). O(pieces · w).
    pub(crate) fn shift(&self, by: i64) -> Self {
        let mut out = self.clone();
        for s in out.starts.iter_mut().skip(1) {
            *s = shift_day(*s, by);
        }
        out
    }

    /// The last day on which the sheet changes (the start of its last
    /// piece but one day), or `None` when it is the same on every day.
    /// O(1).
    pub(crate) fn last_change(&self) -> Option<i64> {
        self.starts.last().copied().filter(|&s| s > NEG_INF)
    }

    /// Every day after `horizon` given the kinds found on any day after
    /// it: the sheet a fixpoint keeps when nothing it is combined with
    /// changes after `horizon`, so that a cycle of referrals cannot add a
    /// piece per turn for ever. Any question about a kind on a day after
    /// `horizon` asked of sheets that are constant there has the same
    /// answer for both. O(pieces · w).
    pub(crate) fn merged_after(self, horizon: i64) -> Self {
        if horizon >= POS_INF - 1 || self.starts.last().is_none_or(|&s| s <= horizon + 1) {
            return self;
        }
        let w = self.words;
        let mut out = Self {
            words: w,
            starts: Vec::with_capacity(self.starts.len()),
            bits: Vec::with_capacity(self.bits.len()),
        };
        let mut tail = vec![0u64; w];
        for (a, b, bits) in self.iter() {
            if a <= horizon {
                out.push(a, bits);
            }
            if b > horizon + 1 {
                for (t, &x) in tail.iter_mut().zip(bits) {
                    *t |= x;
                }
            }
        }
        out.push(horizon + 1, &tail);
        out
    }

    /// The number of pieces (at least 1): with the words, the cost of an
    /// operation on the sheet. O(1).
    pub(crate) fn pieces(&self) -> usize {
        self.starts.len()
    }

    /// The 64-bit words of a set of kinds. O(1).
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// Whether some cell is in both, without building the intersection.
    /// O((p + q) · w).
    pub(crate) fn meets(&self, other: &Self) -> bool {
        let (mut i, mut j) = (0usize, 0usize);
        loop {
            let a = self.piece(i);
            let b = other.piece(j);
            if a.iter().zip(b).any(|(&x, &y)| x & y != 0) {
                return true;
            }
            let next_a = self.starts.get(i + 1).copied().unwrap_or(POS_INF);
            let next_b = other.starts.get(j + 1).copied().unwrap_or(POS_INF);
            let next = next_a.min(next_b);
            if next >= POS_INF {
                return false;
            }
            if next_a == next {
                i += 1;
            }
            if next_b == next {
                j += 1;
            }
        }
    }

    /// Whether no cell is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.bits.iter().all(|&b| b == 0)
    }

    /// Whether every cell of `self` is in `other`, without building the
    /// difference. O((p + q) · w).
    pub(crate) fn is_subset_of(&self, other: &Self) -> bool {
        let (mut i, mut j) = (0usize, 0usize);
        loop {
            let a = self.piece(i);
            let b = other.piece(j);
            if a.iter()
                .enumerate()
                .any(|(k, &x)| x & !b.get(k).copied().unwrap_or(0) != 0)
            {
                return false;
            }
            let next_a = self.starts.get(i + 1).copied().unwrap_or(POS_INF);
            let next_b = other.starts.get(j + 1).copied().unwrap_or(POS_INF);
            let next = next_a.min(next_b);
            if next >= POS_INF {
                return true;
            }
            if next_a == next {
                i += 1;
            }
            if next_b == next {
                j += 1;
            }
        }
    }

    /// The days on which kind `kind` is in the sheet. O(pieces).
    pub(crate) fn days_of(&self, kind: usize) -> Days {
        Days::from_sorted(
            self.iter()
                .filter(|(_, _, bits)| has(bits, kind))
                .map(|(a, b, _)| (a, b)),
        )
    }

    /// The kinds on day `day`. O(log pieces).
    pub(crate) fn at(&self, day: i64) -> &[u64] {
        let i = self.starts.partition_point(|&s| s <= day);
        self.piece(i.saturating_sub(1))
    }

    /// Bytes held (for memory budgets).
    pub(crate) fn bytes(&self) -> usize {
        self.starts.len() * 8 + self.bits.len() * 8
    }
}

/// Whether bit `kind` is set.
pub(crate) fn has(bits: &[u64], kind: usize) -> bool {
    bits.get(kind / 64)
        .is_some_and(|w| w & (1u64 << (kind % 64)) != 0)
}

/// Sets bit `kind`.
pub(crate) fn set(bits: &mut [u64], kind: usize) {
    if let Some(w) = bits.get_mut(kind / 64) {
        *w |= 1u64 << (kind % 64);
    }
}

fn padded(family: &[u64], words: usize) -> Vec<u64> {
    let mut v = family.to_vec();
    v.resize(words, 0);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_match_cell_by_cell() {
        let a = Sheet::on(&Days::range(Some(0), Some(10)), &[0b011]);
        let b = Sheet::on(&Days::range(Some(5), None), &[0b110]);
        let and = a.and(&b);
        assert_eq!(and.days_of(1), Days::range(Some(5), Some(10)));
        assert!(and.days_of(0).is_empty() && and.days_of(2).is_empty());
        let or = a.or(&b);
        assert_eq!(or.days_of(1), Days::range(Some(0), None));
        assert_eq!(a.and_not(&b).days_of(1), Days::range(Some(0), Some(5)));
        assert_eq!(a.shift(3).days_of(0), Days::range(Some(3), Some(13)));
        assert!(and.is_subset_of(&a) && !a.is_subset_of(&b));
        assert!(a.meets(&b) && !a.meets(&b.and_not(&a)) && !a.meets(&Sheet::empty(1)));
        assert_eq!((and.pieces(), and.words()), (3, 1));
        assert_eq!(a.at(4), [0b011]);
        assert_eq!(a.at(10), [0]);
        assert!(a.and_not(&a).is_empty());
        assert_eq!(a.and_not(&a), Sheet::empty(1));
        assert_eq!(or.and_shifted(&b, -7), or.and(&b.shift(-7)));
        assert_eq!(b.and_shifted(&a, 4), b.and(&a.shift(4)));
    }

    #[test]
    fn merging_after_a_horizon_keeps_the_days_before_it() {
        // Kind 0 on 0..3 and 20..21, kind 1 on 30..: merged after day 9.
        let s = Sheet::on(&Days::range(Some(0), Some(3)), &[0b01])
            .or(&Sheet::on(&Days::range(Some(20), Some(21)), &[0b01]))
            .or(&Sheet::on(&Days::range(Some(30), None), &[0b10]));
        let m = s.merged_after(9);
        assert_eq!(
            m.days_of(0),
            Days::range(Some(0), Some(3)).union(&Days::range(Some(10), None))
        );
        assert_eq!(m.days_of(1), Days::range(Some(10), None));
        assert_eq!(m.last_change(), Some(10));
        // A piece running across the horizon is split at it.
        let across = Sheet::on(&Days::range(Some(5), Some(15)), &[0b01]).merged_after(9);
        assert_eq!(across.days_of(0), Days::range(Some(5), None));
        // Nothing after the horizon: unchanged; merging twice is merging once.
        let early = Sheet::on(&Days::range(Some(0), Some(3)), &[0b01]);
        assert_eq!(early.clone().merged_after(9), early);
        assert_eq!(m.clone().merged_after(9), m);
        assert_eq!(Sheet::constant(&[1]).last_change(), None);
    }
}
