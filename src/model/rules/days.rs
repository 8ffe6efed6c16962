//! Rules as sets of days: on which days of the infant's life a rule holds,
//! with age as the variable and everything else about the family fixed.
//!
//! A rule is judged on two days: the day the referral arrives (`t`) and the
//! day the service sees the family (`t + wait`). With the wait fixed, the
//! rule's outcome is a function of `t` alone, and it can change only where
//! an age clause's bound is crossed: at `from` or `before` for a clause
//! judged on referral, at `from − wait` or `before − wait` for one judged
//! when seen. Between two such points the outcome is constant, so
//! evaluating the rule once per piece (with the same [`Cond::eval`] every
//! other question uses) gives its exact set of days. How the rule is
//! written (De Morgan, a `not` pushed inwards, an `any` of one clause)
//! cannot change the set: only its evaluation is used.
//!
//! Complexity: O(c log c) to sort the c bounds, then O(c · size of the
//! rule) evaluations.

use super::eval::{Cond, Context, Timing};

/// A set of days (ages in days), as sorted, disjoint, non-adjacent
/// half-open intervals `[from, before)`; `i32::MIN` and `i32::MAX` stand for
/// no bound.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Days(Vec<(i32, i32)>);

impl Days {
    /// Every day.
    pub(crate) fn all() -> Self {
        Self(vec![(i32::MIN, i32::MAX)])
    }

    /// No day.
    pub(crate) const fn none() -> Self {
        Self(Vec::new())
    }

    /// The days from `from` on.
    pub(crate) fn from(from: i32) -> Self {
        Self(vec![(from, i32::MAX)])
    }

    /// Whether the set holds no day.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `day` is in the set.
    #[cfg(test)]
    pub(crate) fn contains(&self, day: i32) -> bool {
        self.0.iter().any(|&(a, b)| a <= day && day < b)
    }

    /// The first day of the set, if any.
    pub(crate) fn first(&self) -> Option<i32> {
        self.0.first().map(|&(a, _)| a)
    }

    /// The days in both sets. O(intervals of both).
    pub(crate) fn and(&self, other: &Self) -> Self {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(&(a, b)), Some(&(c, d))) = (self.0.get(i), other.0.get(j)) {
            let lo = a.max(c);
            let hi = b.min(d);
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

    /// The days in either set. O(intervals of both · log).
    pub(crate) fn or(&self, other: &Self) -> Self {
        let mut all: Vec<(i32, i32)> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        let mut out: Vec<(i32, i32)> = Vec::with_capacity(all.len());
        for (a, b) in all {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Self(out)
    }

    /// The set moved `by` days earlier: `{d − by : d in self}`, the days
    /// `t` with `t + by` in the set. Unbounded ends stay unbounded.
    pub(crate) fn earlier(&self, by: i32) -> Self {
        let shift = |x: i32| {
            if x == i32::MIN || x == i32::MAX {
                x
            } else {
                x.saturating_sub(by)
            }
        };
        Self(
            self.0
                .iter()
                .map(|&(a, b)| (shift(a), shift(b)))
                .filter(|(a, b)| a < b)
                .collect(),
        )
    }

    /// Builds a set from a predicate that can change value only at the
    /// given points (in any order, duplicates allowed): one call per piece.
    fn piecewise(mut points: Vec<i32>, holds: impl Fn(i32) -> bool) -> Self {
        points.sort_unstable();
        points.dedup();
        let mut out: Vec<(i32, i32)> = Vec::new();
        let mut lo = i32::MIN;
        let push = |a: i32, b: i32, out: &mut Vec<(i32, i32)>| {
            if a >= b {
                return;
            }
            match out.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => out.push((a, b)),
            }
        };
        for &p in &points {
            // The piece [lo, p): judged at its last day.
            if p > lo && holds(p.saturating_sub(1)) {
                push(lo, p, &mut out);
            }
            lo = lo.max(p);
        }
        if holds(lo) {
            push(lo, i32::MAX, &mut out);
        }
        Self(out)
    }
}

impl Cond {
    /// The days `t` on which the rule holds ([`Truth::Yes`](super::Truth::Yes))
    /// for the family of `cx` when the referral arrives on day `t` and the
    /// service sees them on day `t + wait` (the timing of `cx` is ignored).
    /// See the [module docs](self) for why this is exact.
    pub(crate) fn days(&self, cx: &Context<'_>, wait: i32) -> Days {
        let mut points = Vec::new();
        self.bounds(wait, &mut points);
        Days::piecewise(points, |t| {
            let at = Context {
                timing: Timing {
                    on_referral: t,
                    when_seen: t.saturating_add(wait),
                },
                ..*cx
            };
            self.eval(&at).holds()
        })
    }

    /// Every day of referral (for a service with this wait) on which the
    /// rule may turn from not holding to holding, into `out`: the `from` of
    /// an age clause under an even number of `not`s, or the `before` of one
    /// under an odd number, shifted by the wait for a clause judged when
    /// seen. On no other day can it: each clause, read with its `not`s,
    /// otherwise only turns false as the family ages, and `all`, `any` and
    /// the three-valued `not` pass that on. So between two of these days
    /// the rule's days are an interval from the first, or none.
    ///
    /// Complexity: O(size of the rule).
    pub(crate) fn openings(&self, wait: i32, out: &mut Vec<i32>) {
        self.opens(wait, false, out);
    }

    fn opens(&self, wait: i32, negated: bool, out: &mut Vec<i32>) {
        match self {
            Self::All(rules) | Self::Any(rules) => {
                for r in rules {
                    r.opens(wait, negated, out);
                }
            }
            Self::Not(r) => r.opens(wait, !negated, out),
            Self::Age {
                from,
                before,
                judged,
                ..
            } => {
                let turn = if negated { before } else { from };
                out.extend(turn.map(|t| t.saturating_sub(shift(*judged, wait))));
            }
            Self::Adversities { .. }
            | Self::Fact { .. }
            | Self::Region(_)
            | Self::ReferredFrom(_) => {}
        }
    }

    /// Every day on which an age clause of the rule may change its value,
    /// as a day of referral for a service with this wait.
    fn bounds(&self, wait: i32, out: &mut Vec<i32>) {
        match self {
            Self::All(rules) | Self::Any(rules) => {
                for r in rules {
                    r.bounds(wait, out);
                }
            }
            Self::Not(r) => r.bounds(wait, out),
            Self::Age {
                from,
                before,
                judged,
                ..
            } => {
                let by = shift(*judged, wait);
                out.extend(from.iter().chain(before).map(|b| b.saturating_sub(by)));
            }
            Self::Adversities { .. }
            | Self::Fact { .. }
            | Self::Region(_)
            | Self::ReferredFrom(_) => {}
        }
    }
}

/// How much earlier than an age bound a referral crosses it, for a
/// service with this wait: by the wait for a clause judged when seen.
fn shift(judged: crate::document::AgeJudged, wait: i32) -> i32 {
    match judged {
        crate::document::AgeJudged::OnReferral => 0,
        crate::document::AgeJudged::WhenSeen => wait,
    }
}

#[cfg(test)]
mod tests {
    use super::Days;

    #[test]
    fn piecewise_sets_match_the_predicate_day_by_day() {
        type Case<'a> = (&'a [i32], fn(i32) -> bool);
        let cases: [Case<'_>; 4] = [
            (&[10, 20], |t| (10..20).contains(&t)),
            (&[10, 20], |t| !(10..20).contains(&t)),
            (&[5, 5, 30, 0, 40], |t| t < 5 || (30..40).contains(&t)),
            (&[], |_| true),
        ];
        for (points, f) in cases {
            let set = Days::piecewise(points.to_vec(), f);
            for t in -50..80 {
                assert_eq!(set.contains(t), f(t), "{points:?} at {t}");
            }
        }
    }

    #[test]
    fn intersection_and_shift_are_exact() {
        let a = Days(vec![(0, 10), (20, 30)]);
        let b = Days(vec![(5, 25)]);
        assert_eq!(a.and(&b), Days(vec![(5, 10), (20, 25)]));
        assert_eq!(a.earlier(5), Days(vec![(-5, 5), (15, 25)]));
        assert_eq!(Days::all().and(&Days::from(3)).first(), Some(3));
        assert!(a.and(&Days::none()).is_empty());
        assert_eq!(a.or(&b), Days(vec![(0, 30)]));
        assert_eq!(a.or(&Days(vec![(10, 12)])), Days(vec![(0, 12), (20, 30)]));
        assert_eq!(Days::none().or(&a), a);
    }
}
