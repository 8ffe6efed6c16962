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
fn all(parts: impl Iterator<Item = Truth>) -> Truth {
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
fn any(parts: impl Iterator<Item = Truth>) -> Truth {
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
