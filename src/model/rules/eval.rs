//! Compiled rules and their short-circuit, three-valued evaluation.

use serde::{Deserialize, Serialize};

use crate::bits::Bits;
use crate::document::{AgeJudged, Referrer};
use crate::model::profile::CompiledProfile;
use crate::model::region::{RegionId, RegionTree};
use crate::model::vocabulary::{FactValue, Vocabulary};

/// The outcome of a rule: yes, no, or unknown (a fact it needs was not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// The rule holds.
    Yes,
    /// The rule does not hold.
    No,
    /// The rule needs a fact the profile does not give.
    Unknown,
}

impl Truth {
    /// Kleene negation: yes ↔ no, unknown stays unknown.
    ///
    /// ```
    /// use carepath::Truth;
    /// assert_eq!(Truth::Yes.not(), Truth::No);
    /// assert_eq!(Truth::Unknown.not(), Truth::Unknown);
    /// ```
    #[must_use]
    pub const fn not(self) -> Self {
        match self {
            Self::Yes => Self::No,
            Self::No => Self::Yes,
            Self::Unknown => Self::Unknown,
        }
    }

    /// `true` only for [`Truth::Yes`].
    #[must_use]
    pub const fn holds(self) -> bool {
        matches!(self, Self::Yes)
    }

    pub(crate) const fn from_bool(b: bool) -> Self {
        if b { Self::Yes } else { Self::No }
    }
}

/// How an adversity test combines its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SetTest {
    /// At least one of the listed adversities.
    AnyOf,
    /// Every listed adversity.
    AllOf,
    /// None of the listed adversities.
    NoneOf,
}

/// A comparison of a fact with a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FactOp {
    Equals(FactValue),
    OneOf(Vec<FactValue>),
    AtLeast(FactValue),
    AtMost(FactValue),
}

/// A compiled rule: ids resolved to indices, ages to days.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Age {
        from: Option<i32>,
        before: Option<i32>,
        judged: AgeJudged,
        /// The bounds as the designer wrote them, for explanations.
        texts: Box<(Option<String>, Option<String>)>,
    },
    Adversities {
        test: SetTest,
        set: Bits,
        /// The ids, in the order written, for explanations.
        ids: Vec<String>,
        indices: Vec<usize>,
    },
    Fact {
        fact: usize,
        id: String,
        op: FactOp,
    },
    Region(Vec<RegionId>),
    /// The referral comes from one of a set of referrers (bits of
    /// [`Referrer::bit`]).
    ReferredFrom(u8),
}

/// Who made the referral a rule is judged for: the family by itself, a
/// service (by index), some service of a tier, or not known (a question
/// about one service alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ReferredBy {
    Unknown,
    Family,
    Service(u32),
    As(Referrer),
}

/// The ages at which a rule is judged: on the day the referral arrives and
/// on the day the service would see the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timing {
    pub(crate) on_referral: i32,
    pub(crate) when_seen: i32,
}

/// What a rule is evaluated against.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) profile: &'a CompiledProfile,
    pub(crate) vocabulary: &'a Vocabulary,
    pub(crate) regions: &'a RegionTree,
    pub(crate) timing: Timing,
    /// Who made the referral, with the referring service's name (empty for
    /// the family); none when not known.
    pub(crate) referrer: Option<(Referrer, &'a str)>,
}

impl Cond {
    /// Short-circuit evaluation. O(size of the rule).
    pub(crate) fn eval(&self, cx: &Context<'_>) -> Truth {
        match self {
            Self::All(rules) => all(rules.iter().map(|r| r.eval(cx))),
            Self::Any(rules) => any(rules.iter().map(|r| r.eval(cx))),
            Self::Not(r) => r.eval(cx).not(),
            Self::Age {
                from,
                before,
                judged,
                ..
            } => Truth::from_bool(age_in(cx.timing.age(*judged), *from, *before)),
            Self::Adversities { test, set, .. } => {
                let have = &cx.profile.adversities;
                Truth::from_bool(match test {
                    SetTest::AnyOf => set.intersects(have),
                    SetTest::AllOf => set.is_subset_of(have),
                    SetTest::NoneOf => !set.intersects(have),
                })
            }
            Self::Fact { fact, op, .. } => match cx.profile.facts.get(*fact) {
                Some(Some(value)) => Truth::from_bool(op.test(value)),
                _ => Truth::Unknown,
            },
            Self::Region(regions) => Truth::from_bool(
                regions
                    .iter()
                    .any(|&r| cx.regions.contains(r, cx.profile.region)),
            ),
            Self::ReferredFrom(allowed) => match cx.referrer {
                Some((r, _)) => Truth::from_bool(allowed & r.bit() != 0),
                // Everyone allowed: it holds whoever refers.
                None if *allowed == Referrer::EVERYONE => Truth::Yes,
                None => Truth::Unknown,
            },
        }
    }
}

impl Cond {
    /// Whether the rule names who refers (a `referred_from` clause), so its
    /// verdict may differ from one step of a route to another. O(size).
    pub(crate) fn names_referrer(&self) -> bool {
        match self {
            Self::All(parts) | Self::Any(parts) => parts.iter().any(Self::names_referrer),
            Self::Not(r) => r.names_referrer(),
            Self::ReferredFrom(_) => true,
            _ => false,
        }
    }

    /// The rule's verdict when all that is known is who refers (`by`):
    /// every other clause unknown. Kleene evaluation is monotone, so `No`
    /// means no family, on any day, referred by `by` meets the rule.
    /// O(size of the rule).
    pub(crate) fn given_referrer(&self, by: Referrer) -> Truth {
        match self {
            Self::All(rules) => all(rules.iter().map(|r| r.given_referrer(by))),
            Self::Any(rules) => any(rules.iter().map(|r| r.given_referrer(by))),
            Self::Not(r) => r.given_referrer(by).not(),
            Self::ReferredFrom(allowed) => Truth::from_bool(allowed & by.bit() != 0),
            _ => Truth::Unknown,
        }
    }

    /// Whether the rule could hold at some age from `min_age` on (for the
    /// profile of `cx`; its timing is ignored): `No` only when it cannot
    /// hold at any such age. An age clause is `Unknown` unless its range
    /// ends at or before `min_age`. Used to prune searches, so it may say
    /// `Unknown` where the truth is `No`, never `No` where a later age
    /// would give `Yes`. O(size of the rule).
    pub(crate) fn possible_from(&self, cx: &Context<'_>, min_age: i32) -> Truth {
        match self {
            Self::All(rules) => all(rules.iter().map(|r| r.possible_from(cx, min_age))),
            Self::Any(rules) => any(rules.iter().map(|r| r.possible_from(cx, min_age))),
            Self::Not(r) => r.possible_from(cx, min_age).not(),
            Self::Age { before, .. } => {
                // Ages only grow along a route: arrival and seen are both >= min_age.
                if before.is_some_and(|b| b <= min_age) {
                    Truth::No
                } else {
                    Truth::Unknown
                }
            }
            other => other.eval(cx),
        }
    }

    /// The end of the age range every age at which the rule holds lies
    /// before, and how that age is judged, when the rule is an age clause
    /// or a conjunction with one (the earliest such end); `None` otherwise.
    pub(crate) fn deadline(&self) -> Option<(i32, AgeJudged)> {
        match self {
            Self::Age {
                before: Some(b),
                judged,
                ..
            } => Some((*b, *judged)),
            Self::All(rules) => rules
                .iter()
                .filter_map(Self::deadline)
                .min_by_key(|&(b, j)| (b, j == AgeJudged::WhenSeen)),
            _ => None,
        }
    }
}

/// Kleene conjunction, stopping at the first `No`.
pub(super) fn all(parts: impl Iterator<Item = Truth>) -> Truth {
    let mut out = Truth::Yes;
    for t in parts {
        match t {
            Truth::No => return Truth::No,
            Truth::Unknown => out = Truth::Unknown,
            Truth::Yes => {}
        }
    }
    out
}

/// Kleene disjunction, stopping at the first `Yes`.
pub(super) fn any(parts: impl Iterator<Item = Truth>) -> Truth {
    let mut out = Truth::No;
    for t in parts {
        match t {
            Truth::Yes => return Truth::Yes,
            Truth::Unknown => out = Truth::Unknown,
            Truth::No => {}
        }
    }
    out
}

impl Timing {
    pub(crate) const fn at(age: i32) -> Self {
        Self {
            on_referral: age,
            when_seen: age,
        }
    }
    pub(crate) const fn age(self, judged: AgeJudged) -> i32 {
        match judged {
            AgeJudged::OnReferral => self.on_referral,
            AgeJudged::WhenSeen => self.when_seen,
        }
    }
}

pub(crate) fn age_in(age: i32, from: Option<i32>, before: Option<i32>) -> bool {
    from.is_none_or(|f| age >= f) && before.is_none_or(|b| age < b)
}

impl FactOp {
    pub(crate) fn test(&self, value: &FactValue) -> bool {
        match self {
            Self::Equals(v) => value == v,
            Self::OneOf(vs) => vs.contains(value),
            Self::AtLeast(v) => value.partial_cmp(v).is_some_and(|o| o.is_ge()),
            Self::AtMost(v) => value.partial_cmp(v).is_some_and(|o| o.is_le()),
        }
    }
}

/// What is left of a rule once the family's own clauses (adversities,
/// facts, region) are judged, when it is simple enough: the rule holds
/// exactly when the age on referral and the age when seen each lie in a
/// range (both ends included) and who refers is one of a set. A route's
/// steps judge the same rules again and again for one family on other
/// days; this judges one in a few comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    on_referral: (i32, i32),
    when_seen: (i32, i32),
    /// Bits of [`Referrer::bit`].
    referrers: u8,
}

impl Window {
    /// Holds on every day, whoever refers.
    pub(crate) const ALWAYS: Self = Self {
        on_referral: (i32::MIN, i32::MAX),
        when_seen: (i32::MIN, i32::MAX),
        referrers: Referrer::EVERYONE,
    };
    /// Holds on no day.
    pub(crate) const NEVER: Self = Self {
        referrers: 0,
        ..Self::ALWAYS
    };

    /// Whether the rule holds at `timing`, referred by `by`. O(1).
    pub(crate) const fn holds(self, timing: Timing, by: Referrer) -> bool {
        self.on_referral.0 <= timing.on_referral
            && timing.on_referral <= self.on_referral.1
            && self.when_seen.0 <= timing.when_seen
            && timing.when_seen <= self.when_seen.1
            && self.referrers & by.bit() != 0
    }

    /// The window as five words, for a table of them: the ranges, then
    /// the referrers above a tag of 2 (never 0 or 1, which a table may
    /// use for slots without a window).
    pub(crate) fn pack(self) -> [i32; 5] {
        [
            self.on_referral.0,
            self.on_referral.1,
            self.when_seen.0,
            self.when_seen.1,
            2 | (i32::from(self.referrers) << 8),
        ]
    }

    /// The window [`Window::pack`] made, if `slot` holds one.
    pub(crate) fn unpack(slot: [i32; 5]) -> Option<Self> {
        let [a, b, c, d, tag] = slot;
        (tag & 0xff == 2).then(|| Self {
            on_referral: (a, b),
            when_seen: (c, d),
            referrers: u8::try_from((tag >> 8) & 0xff).unwrap_or(0),
        })
    }

    fn is_never(self) -> bool {
        self.referrers == 0
            || self.on_referral.0 > self.on_referral.1
            || self.when_seen.0 > self.when_seen.1
    }

    fn and(self, other: Self) -> Self {
        Self {
            on_referral: (
                self.on_referral.0.max(other.on_referral.0),
                self.on_referral.1.min(other.on_referral.1),
            ),
            when_seen: (
                self.when_seen.0.max(other.when_seen.0),
                self.when_seen.1.min(other.when_seen.1),
            ),
            referrers: self.referrers & other.referrers,
        }
    }

    /// The ages `from ≤ age < before` judged on `judged`.
    fn ages(from: Option<i32>, before: Option<i32>, judged: AgeJudged) -> Self {
        let range = match before {
            None => (from.unwrap_or(i32::MIN), i32::MAX),
            Some(b) => match b.checked_sub(1) {
                Some(last) => (from.unwrap_or(i32::MIN), last),
                None => return Self::NEVER,
            },
        };
        match judged {
            AgeJudged::OnReferral => Self {
                on_referral: range,
                ..Self::ALWAYS
            },
            AgeJudged::WhenSeen => Self {
                when_seen: range,
                ..Self::ALWAYS
            },
        }
    }

    const fn constant(holds: bool) -> Self {
        if holds { Self::ALWAYS } else { Self::NEVER }
    }
}

impl Cond {
    /// The [`Window`] on which the rule holds for the family of `cx` (its
    /// timing and referrer are not read) when who refers is known, or
    /// `None` when what is left of the rule is not one window (an `any`
    /// of two age ranges, say): then judge it in full with
    /// [`Cond::eval`]. Exact: for every timing and known referrer,
    /// `window.holds(..)` is `eval(..) == Yes`. O(size of the rule).
    pub(crate) fn window(&self, cx: &Context<'_>) -> Option<Window> {
        match self {
            Self::All(rules) => {
                let mut out = Window::ALWAYS;
                for r in rules {
                    out = out.and(r.window(cx)?);
                }
                Some(out)
            }
            Self::Any(rules) => {
                // Holds when one part holds: parts that never hold drop
                // out; one that always holds decides; one left is the window.
                let mut left = None;
                for r in rules {
                    let w = r.window(cx)?;
                    if w == Window::ALWAYS {
                        return Some(Window::ALWAYS);
                    }
                    if !w.is_never() {
                        if left.is_some() {
                            return None;
                        }
                        left = Some(w);
                    }
                }
                Some(left.unwrap_or(Window::NEVER))
            }
            // Holds when the part is `No`: known for a part that reads
            // neither age nor referrer, and for a one-sided age range or a
            // referrer test (never unknown once who refers is known).
            Self::Not(r) => match &**r {
                Self::Age {
                    from,
                    before,
                    judged,
                    ..
                } => match (from, before) {
                    (Some(f), None) => Some(Window::ages(None, Some(*f), *judged)),
                    (None, Some(b)) => Some(Window::ages(Some(*b), None, *judged)),
                    (None, None) => Some(Window::NEVER),
                    (Some(_), Some(_)) => None,
                },
                Self::ReferredFrom(allowed) => Some(Window {
                    referrers: Referrer::EVERYONE & !allowed,
                    ..Window::ALWAYS
                }),
                part if part.reads_only_the_family() => {
                    Some(Window::constant(part.eval(cx) == Truth::No))
                }
                _ => None,
            },
            Self::Age {
                from,
                before,
                judged,
                ..
            } => Some(Window::ages(*from, *before, *judged)),
            Self::ReferredFrom(allowed) => Some(Window {
                referrers: *allowed,
                ..Window::ALWAYS
            }),
            Self::Adversities { .. } | Self::Fact { .. } | Self::Region(_) => {
                Some(Window::constant(self.eval(cx).holds()))
            }
        }
    }

    /// Whether the rule reads neither ages nor who refers. O(size).
    fn reads_only_the_family(&self) -> bool {
        match self {
            Self::All(parts) | Self::Any(parts) => parts.iter().all(Self::reads_only_the_family),
            Self::Not(r) => r.reads_only_the_family(),
            Self::Age { .. } | Self::ReferredFrom(_) => false,
            Self::Adversities { .. } | Self::Fact { .. } | Self::Region(_) => true,
        }
    }
}
