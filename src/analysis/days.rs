//! Sets of days: unions of half-open intervals of the infant's age.

use serde::{Deserialize, Serialize};

/// Stands for "no lower bound": below every age a pathway can write
/// (ages are within ±150 years, and shifts along a route add at most a few
/// hundred years), so shifting it never meets a real day.
pub(crate) const NEG_INF: i64 = -(1 << 40);
/// Stands for "no upper bound"; see [`NEG_INF`].
pub(crate) const POS_INF: i64 = 1 << 40;

/// A set of days (ages in days from birth, negative in pregnancy): a
/// sorted union of disjoint, non-touching half-open intervals
/// `[from, before)`. Unbounded ends are kept as sentinels far beyond any
/// age, so the set is exact for every day a pathway can name.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let class = coverage.classes().next().ok_or("no class")?;
/// let days = coverage.covered_days(&class);
/// for (from, before) in days.intervals() {
///     assert!(from < before);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Days(Vec<(i64, i64)>);

impl Days {
    /// No day.
    pub(crate) const fn empty() -> Self {
        Self(Vec::new())
    }

    /// Every day.
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn all() -> Self {
        Self(vec![(NEG_INF, POS_INF)])
    }

    /// The days `from ≤ d < before` (either end may be open: `None`).
    pub(crate) fn range(from: Option<i64>, before: Option<i64>) -> Self {
        let lo = from.unwrap_or(NEG_INF).max(NEG_INF);
        let hi = before.unwrap_or(POS_INF).min(POS_INF);
        if lo < hi {
            Self(vec![(lo, hi)])
        } else {
            Self::empty()
        }
    }

    /// Builds a set from intervals in ascending order that may touch
    /// (touching or overlapping ones are joined; empty ones dropped).
    pub(crate) fn from_sorted(intervals: impl IntoIterator<Item = (i64, i64)>) -> Self {
        let mut out: Vec<(i64, i64)> = Vec::new();
        for (a, b) in intervals {
            if a >= b {
                continue;
            }
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Self(out)
    }

    /// The intervals `[from, before)`, ascending.
    #[must_use]
    pub fn intervals(&self) -> &[(i64, i64)] {
        &self.0
    }

    /// Whether the set holds no day.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `day` is in the set. O(log intervals).
    #[must_use]
    pub fn contains(&self, day: i64) -> bool {
        let i = self.0.partition_point(|&(_, b)| b <= day);
        self.0.get(i).is_some_and(|&(a, _)| a <= day)
    }

    /// How many days the set holds (saturating; infinite ends count as
    /// their sentinels).
    #[must_use]
    pub fn len(&self) -> u64 {
        self.0
            .iter()
            .map(|&(a, b)| b.abs_diff(a))
            .fold(0u64, u64::saturating_add)
    }

    /// The earliest day, if any.
    #[must_use]
    pub fn first(&self) -> Option<i64> {
        self.0.first().map(|&(a, _)| a)
    }

    /// The days not in the set.
    pub(crate) fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut at = NEG_INF;
        for &(a, b) in &self.0 {
            if at < a {
                out.push((at, a));
            }
            at = b;
        }
        if at < POS_INF {
            out.push((at, POS_INF));
        }
        Self(out)
    }

    /// Every day moved `by` days later (earlier when negative); infinite
    /// ends stay infinite.
    pub(crate) fn shift(&self, by: i64) -> Self {
        Self(
            self.0
                .iter()
                .map(|&(a, b)| (shift_day(a, by), shift_day(b, by)))
                .collect(),
        )
    }

    /// The days in both. O(intervals of both).
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn intersect(&self, other: &Self) -> Self {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(&(a, b)), Some(&(c, d))) = (self.0.get(i), other.0.get(j)) {
            let (lo, hi) = (a.max(c), b.min(d));
            if lo < hi {
                out.push((lo, hi));
            }
            if b < d {
                i += 1;
            } else {
                j += 1;
            }
        }
        Self(out)
    }

    /// The days in either. O(intervals of both).
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn union(&self, other: &Self) -> Self {
        let mut all: Vec<(i64, i64)> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        Self::from_sorted(all)
    }
}

/// A day moved by `by`, keeping the sentinels fixed.
pub(crate) fn shift_day(day: i64, by: i64) -> i64 {
    if day <= NEG_INF {
        NEG_INF
    } else if day >= POS_INF {
        POS_INF
    } else {
        day.saturating_add(by).clamp(NEG_INF + 1, POS_INF - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_algebra_on_intervals() {
        let a = Days::from_sorted([(0, 10), (10, 12), (20, 30)]);
        assert_eq!(a.intervals(), [(0, 12), (20, 30)]);
        let b = Days::range(Some(5), Some(25));
        assert_eq!(a.intersect(&b).intervals(), [(5, 12), (20, 25)]);
        assert_eq!(a.union(&b).intervals(), [(0, 30)]);
        assert_eq!(
            a.complement().intervals(),
            [(NEG_INF, 0), (12, 20), (30, POS_INF)]
        );
        assert_eq!(a.shift(-5).intervals(), [(-5, 7), (15, 25)]);
        assert!(a.contains(0) && a.contains(11) && !a.contains(12) && !a.contains(-1));
        assert_eq!(a.len(), 22);
        assert_eq!(Days::all().shift(100), Days::all());
        assert!(Days::range(Some(3), Some(3)).is_empty());
        assert!(!a.is_empty() && !Days::range(Some(3), Some(4)).is_empty());
    }
}
