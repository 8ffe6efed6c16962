//! Random valid pathways, described as data so that a test can judge the
//! engine's answers against an evaluator of its own (brute force), and
//! written out as pathway files.
//!
//! The vocabulary and the region tree are fixed (see [`ADVERSITIES`],
//! [`REGIONS`], [`REGION_PARENTS`], [`SEVERITY`]); services, their rules,
//! waits and referrals (with conditions, and cycles) are random.

use std::collections::BTreeSet;

use proptest::collection::SizeRange;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::error::LoadError;
use crate::pathway::Pathway;

/// The adversities of every generated pathway. Rules name only the first
/// two; the third is in the vocabulary and never named, so that a test can
/// check that what no rule names changes nothing.
///
/// ```
/// assert_eq!(carepath::testing::strategies::ADVERSITIES.len(), 3);
/// ```
pub const ADVERSITIES: [&str; 3] = ["trauma", "abuse", "poverty"];

/// The regions of every generated pathway, as a tree: `land` holds `north`
/// (holding `n1`, `n2`) and `south` (holding `s1`). A region is named by
/// its index in this list.
///
/// ```
/// use carepath::testing::strategies::{REGIONS, REGION_PARENTS};
/// assert_eq!(REGIONS[3], "n1");
/// assert_eq!(REGION_PARENTS[3], Some(1)); // inside `north`
/// ```
pub const REGIONS: [&str; 6] = ["land", "north", "south", "n1", "n2", "s1"];

/// The parent of each region of [`REGIONS`], by index (`None` for the root).
///
/// ```
/// assert_eq!(carepath::testing::strategies::REGION_PARENTS[0], None);
/// ```
pub const REGION_PARENTS: [Option<usize>; 6] = [None, Some(0), Some(0), Some(1), Some(1), Some(2)];

/// The values of the choice fact `severity`, in order.
///
/// ```
/// assert_eq!(carepath::testing::strategies::SEVERITY[0], "mild");
/// ```
pub const SEVERITY: [&str; 3] = ["mild", "moderate", "severe"];

/// The tiers a generated service may have, in order: a service's `tier`
/// indexes this list.
///
/// ```
/// assert_eq!(carepath::testing::strategies::TIERS[2], "specialist");
/// ```
pub const TIERS: [&str; 3] = ["universal", "targeted", "specialist"];

/// Who may refer, as a `referred_from` clause names them: index 0 is the
/// family itself (`self`), index `1 + t` a service of tier [`TIERS`]`[t]`.
///
/// ```
/// use carepath::testing::strategies::REFERRERS;
/// assert_eq!(REFERRERS, ["self", "universal", "targeted", "specialist"]);
/// ```
pub const REFERRERS: [&str; 4] = ["self", "universal", "targeted", "specialist"];

/// How a clause tests the family's adversities.
///
/// ```
/// use carepath::testing::strategies::AdversityTest;
/// assert_eq!(AdversityTest::AnyOf.key(), "any_of");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdversityTest {
    /// At least one of the set.
    AnyOf,
    /// Every one of the set.
    AllOf,
    /// None of the set.
    NoneOf,
}

impl AdversityTest {
    /// The key a pathway file writes the test under.
    ///
    /// ```
    /// assert_eq!(carepath::testing::strategies::AdversityTest::NoneOf.key(), "none_of");
    /// ```
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::AnyOf => "any_of",
            Self::AllOf => "all_of",
            Self::NoneOf => "none_of",
        }
    }
}

/// A clause of a generated rule (a service's eligibility, or a referral's
/// condition).
///
/// ```
/// use carepath::testing::strategies::GeneratedClause;
/// let c = GeneratedClause::Age { from: Some(0), before: Some(90), when_seen: false, negate: false };
/// assert_eq!(c.to_value(), serde_json::json!({"age": {"from": "0 days", "before": "90 days"}}));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GeneratedClause {
    /// The age is in `from..before` (days; before birth, whole weeks),
    /// judged on referral or when seen; `negate` wraps it in `not`.
    Age {
        /// Inclusive lower bound, in days.
        from: Option<i32>,
        /// Exclusive upper bound, in days.
        before: Option<i32>,
        /// Judged on the day the service sees the family.
        when_seen: bool,
        /// The clause is `not` this age range.
        negate: bool,
    },
    /// A test of adversities, by index into [`ADVERSITIES`].
    Adversities {
        /// The test.
        test: AdversityTest,
        /// The adversities tested.
        set: Vec<usize>,
    },
    /// The boolean fact `young` equals this.
    Young(bool),
    /// The number fact `parent_age` is at most (or at least) `value`.
    ParentAge {
        /// `at_most` when true, `at_least` when false.
        at_most: bool,
        /// The bound.
        value: i32,
    },
    /// The choice fact `severity` is one of these, by index into [`SEVERITY`].
    Severity(Vec<usize>),
    /// The ordered choice fact `severity` is at most (or at least) the
    /// value at this index into [`SEVERITY`] (the first and last included).
    SeverityOrder {
        /// `at_most` when true, `at_least` when false.
        at_most: bool,
        /// The bound, by index into [`SEVERITY`].
        value: usize,
    },
    /// The family lives in this region (or inside it), by index into [`REGIONS`].
    Region(usize),
    /// Who refers (`referred_from`): every part given must hold.
    ReferredFrom {
        /// The referrers listed, by index into [`REFERRERS`] (`self` is 0).
        tiers: Option<Vec<usize>>,
        /// The lowest tier, by index into [`TIERS`] (excludes `self`).
        at_least: Option<usize>,
        /// The highest tier, by index into [`TIERS`] (excludes `self`).
        at_most: Option<usize>,
    },
}

/// A generated service. Its id is [`GeneratedPathway::service_id`] of its index.
///
/// ```
/// # use carepath::testing::strategies::pathways;
/// # use proptest::strategy::{Strategy, ValueTree};
/// # let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let p = pathways(3).new_tree(&mut runner).unwrap().current();
/// assert!(p.services.iter().all(|s| s.pessimistic >= s.wait));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedService {
    /// The region it serves, by index into [`REGIONS`].
    pub region: usize,
    /// Its tier, by index into [`TIERS`] (who it is as a referrer).
    pub tier: usize,
    /// Whether families may start here.
    pub entry: bool,
    /// Whether it carries the goal tag `g` (with no goal service, every
    /// service is a goal).
    pub goal: bool,
    /// The clauses of its eligibility.
    pub rule: Vec<GeneratedClause>,
    /// `any` of the clauses when true, `all` when false.
    pub any: bool,
    /// Typical wait, in days.
    pub wait: i32,
    /// Pessimistic wait, in days (at least the typical).
    pub pessimistic: i32,
}

/// A generated referral between two services, by index.
///
/// ```
/// # use carepath::testing::strategies::pathways;
/// # use proptest::strategy::{Strategy, ValueTree};
/// # let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let p = pathways(4).new_tree(&mut runner).unwrap().current();
/// assert!(p.referrals.iter().all(|r| r.from != r.to));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedReferral {
    /// The referring service's index.
    pub from: usize,
    /// The receiving service's index.
    pub to: usize,
    /// Days between being seen and the referral arriving.
    pub delay: i32,
    /// The referral's condition, judged on the day the source sees the family.
    pub when: Option<GeneratedClause>,
}

/// A generated pathway: services and referrals (no self-referral, no two
/// between the same services, in file order), over the fixed vocabulary.
///
/// ```
/// # use carepath::testing::strategies::pathways;
/// # use proptest::strategy::{Strategy, ValueTree};
/// # let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let generated = pathways(2..6).new_tree(&mut runner).unwrap().current();
/// let pathway = generated.load()?;
/// assert_eq!(pathway.services().count(), generated.services.len());
/// # Ok::<(), carepath::LoadError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedPathway {
    /// The services, in file order.
    pub services: Vec<GeneratedService>,
    /// The referrals, in file order.
    pub referrals: Vec<GeneratedReferral>,
}

/// Random valid pathways with a number of services in `services` (at
/// least one), up to three referrals per service, and rules of up to two
/// clauses over ages (before and after birth, judged on referral or when
/// seen, negated), adversities, a boolean, a number and a choice fact, and
/// regions. Each one loads. Shrinks towards fewer referrals and clauses.
///
/// ```
/// use carepath::testing::strategies::pathways;
/// use proptest::prelude::*;
///
/// proptest! {
///     #![proptest_config(ProptestConfig::with_cases(8))]
///     fn every_generated_pathway_compiles(p in pathways(2..6)) {
///         // Lints may find errors (a goal no family reaches), but every
///         // generated file compiles, so every lint of the catalogue runs.
///         prop_assert!(carepath::lint(&p.to_json()).compiled);
///     }
/// }
/// # every_generated_pathway_compiles();
/// ```
pub fn pathways(services: impl Into<SizeRange>) -> impl Strategy<Value = GeneratedPathway> {
    let size: SizeRange = services.into();
    let low = size.start().max(1);
    let high = size.end_excl().max(low.saturating_add(1));
    (low..high).prop_flat_map(|n| {
        (
            prop::collection::vec(service(), n),
            prop::collection::vec(
                (0..n, 0..n, 0..8i32, prop::option::weighted(0.3, clause())),
                0..n.saturating_mul(3),
            ),
        )
            .prop_map(|(services, edges)| {
                let mut seen = BTreeSet::new();
                let referrals = edges
                    .into_iter()
                    .filter(|(a, b, _, _)| a != b && seen.insert((*a, *b)))
                    .map(|(from, to, delay, when)| GeneratedReferral {
                        from,
                        to,
                        delay,
                        when,
                    })
                    .collect();
                GeneratedPathway {
                    services,
                    referrals,
                }
            })
    })
}

fn clause() -> impl Strategy<Value = GeneratedClause> {
    prop_oneof![
        4 => (
            prop::option::of(-40..60i32),
            prop::option::of(-30..90i32),
            any::<bool>(),
            prop::bool::weighted(0.15)
        )
            .prop_map(|(from, before, when_seen, negate)| {
                let from = from.map(writable);
                GeneratedClause::Age {
                    from,
                    before: match (from, before.map(writable)) {
                        (Some(f), Some(b)) if b <= f => None,
                        (_, b) => b,
                    },
                    when_seen,
                    negate,
                }
            }),
        2 => (
            prop::sample::select(vec![AdversityTest::AnyOf, AdversityTest::AllOf, AdversityTest::NoneOf]),
            prop::collection::vec(0..2usize, 1..3)
        )
            .prop_map(|(test, set)| GeneratedClause::Adversities { test, set }),
        1 => any::<bool>().prop_map(GeneratedClause::Young),
        1 => (any::<bool>(), 17..27i32)
            .prop_map(|(at_most, value)| GeneratedClause::ParentAge { at_most, value }),
        1 => prop::collection::vec(0..3usize, 1..3).prop_map(GeneratedClause::Severity),
        1 => (any::<bool>(), 0..SEVERITY.len())
            .prop_map(|(at_most, value)| GeneratedClause::SeverityOrder { at_most, value }),
        1 => (0..REGIONS.len()).prop_map(GeneratedClause::Region),
        2 => referred_from(),
    ]
}

/// A `referred_from` clause: a list (with or without `self`), a bound,
/// or both bounds (never parts that exclude each other).
fn referred_from() -> impl Strategy<Value = GeneratedClause> {
    prop_oneof![
        3 => prop::collection::btree_set(0..REFERRERS.len(), 1..4).prop_map(|set| {
            GeneratedClause::ReferredFrom {
                tiers: Some(set.into_iter().collect()),
                at_least: None,
                at_most: None,
            }
        }),
        1 => (0..TIERS.len()).prop_map(|t| GeneratedClause::ReferredFrom {
            tiers: None,
            at_least: Some(t),
            at_most: None,
        }),
        1 => (0..TIERS.len()).prop_map(|t| GeneratedClause::ReferredFrom {
            tiers: None,
            at_least: None,
            at_most: Some(t),
        }),
        1 => (0..TIERS.len(), 0..TIERS.len()).prop_map(|(a, b)| GeneratedClause::ReferredFrom {
            tiers: None,
            at_least: Some(a.min(b)),
            at_most: Some(a.max(b)),
        }),
    ]
}

fn service() -> impl Strategy<Value = GeneratedService> {
    (
        0..REGIONS.len(),
        0..TIERS.len(),
        prop::bool::weighted(0.4),
        prop::bool::weighted(0.3),
        prop::collection::vec(clause(), 0..3),
        prop::bool::weighted(0.2),
        0..20i32,
        0..10i32,
    )
        .prop_map(
            |(region, tier, entry, goal, rule, any, wait, extra)| GeneratedService {
                region,
                tier,
                entry,
                goal,
                rule,
                any,
                wait,
                pessimistic: wait.saturating_add(extra),
            },
        )
}

/// An age a pathway file can write: days after birth, whole weeks before.
fn writable(days: i32) -> i32 {
    if days >= 0 {
        days
    } else {
        days.div_euclid(7).saturating_mul(7)
    }
}

/// An age as a pathway file writes it.
fn age_text(days: i32) -> String {
    if days >= 0 {
        format!("{days} days")
    } else {
        format!("{} weeks gestation", days.saturating_add(280) / 7)
    }
}

fn region_id(index: usize) -> &'static str {
    REGIONS.get(index).copied().unwrap_or("land")
}

fn names(indices: &[usize], of: &[&'static str]) -> Vec<&'static str> {
    indices.iter().filter_map(|&i| of.get(i).copied()).collect()
}

impl GeneratedClause {
    /// The clause as a pathway file writes it.
    ///
    /// ```
    /// use carepath::testing::strategies::GeneratedClause;
    /// assert_eq!(GeneratedClause::Region(3).to_value(), serde_json::json!({"region": ["n1"]}));
    /// ```
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Self::Age {
                from,
                before,
                when_seen,
                negate,
            } => {
                let mut age = Map::new();
                if let Some(f) = from {
                    age.insert("from".into(), json!(age_text(*f)));
                }
                if let Some(b) = before {
                    age.insert("before".into(), json!(age_text(*b)));
                }
                if *when_seen {
                    age.insert("judged".into(), json!("when_seen"));
                }
                let clause = json!({ "age": age });
                if *negate {
                    json!({ "not": clause })
                } else {
                    clause
                }
            }
            Self::Adversities { test, set } => {
                json!({"adversities": { test.key(): names(set, &ADVERSITIES) }})
            }
            Self::Young(b) => json!({"fact": {"id": "young", "equals": b}}),
            Self::ParentAge { at_most, value } => {
                let key = if *at_most { "at_most" } else { "at_least" };
                json!({"fact": {"id": "parent_age", key: value}})
            }
            Self::Severity(values) => {
                json!({"fact": {"id": "severity", "one_of": names(values, &SEVERITY)}})
            }
            Self::SeverityOrder { at_most, value } => {
                let key = if *at_most { "at_most" } else { "at_least" };
                let v = SEVERITY.get(*value).copied().unwrap_or_default();
                json!({"fact": {"id": "severity", key: v}})
            }
            Self::Region(r) => json!({"region": [region_id(*r)]}),
            Self::ReferredFrom {
                tiers,
                at_least,
                at_most,
            } => {
                let mut parts = Map::new();
                if let Some(list) = tiers {
                    parts.insert("tier".into(), json!(names(list, &REFERRERS)));
                }
                let tier = |t: &usize| json!(TIERS.get(*t).copied().unwrap_or("universal"));
                if let Some(t) = at_least {
                    parts.insert("at_least".into(), tier(t));
                }
                if let Some(t) = at_most {
                    parts.insert("at_most".into(), tier(t));
                }
                json!({ "referred_from": parts })
            }
        }
    }
}

impl GeneratedPathway {
    /// The id of the service at `index`: `s` and a number, the numbers a
    /// permutation of the indices (so that file order, index order and id
    /// order differ).
    ///
    /// ```
    /// # use carepath::testing::strategies::pathways;
    /// # use proptest::strategy::{Strategy, ValueTree};
    /// # let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// let p = pathways(3).new_tree(&mut runner).unwrap().current();
    /// assert_eq!([p.service_id(0), p.service_id(1), p.service_id(2)], ["s0", "s7", "s4"]);
    /// ```
    #[must_use]
    pub fn service_id(&self, index: usize) -> String {
        // 7 is prime to every power of ten, so i ↦ 7i mod 10^k is one-to-one.
        let mut modulus = 10usize;
        while modulus < self.services.len() {
            modulus = modulus.saturating_mul(10);
        }
        format!("s{}", index.saturating_mul(7) % modulus)
    }

    /// The pathway file, as JSON.
    ///
    /// ```
    /// # use carepath::testing::strategies::pathways;
    /// # use proptest::strategy::{Strategy, ValueTree};
    /// # let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// let p = pathways(2).new_tree(&mut runner).unwrap().current();
    /// assert_eq!(p.to_value()["services"].as_array().map(Vec::len), Some(2));
    /// ```
    #[must_use]
    pub fn to_value(&self) -> Value {
        let services: Vec<Value> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let parts: Vec<Value> = s.rule.iter().map(GeneratedClause::to_value).collect();
                let key = if s.any { "any" } else { "all" };
                json!({
                    "id": self.service_id(i), "name": "S",
                    "tier": TIERS.get(s.tier).copied().unwrap_or("targeted"),
                    "tags": if s.goal { vec!["g"] } else { vec![] },
                    "regions": [region_id(s.region)], "entry": s.entry,
                    "eligibility": { key: parts },
                    "wait": {"typical": format!("{} days", s.wait),
                             "pessimistic": format!("{} days", s.pessimistic)}
                })
            })
            .collect();
        let referrals: Vec<Value> = self
            .referrals
            .iter()
            .map(|r| {
                let mut referral = Map::new();
                referral.insert("from".into(), json!(self.service_id(r.from)));
                referral.insert("to".into(), json!(self.service_id(r.to)));
                referral.insert("delay".into(), json!(format!("{} days", r.delay)));
                if let Some(c) = &r.when {
                    referral.insert("when".into(), c.to_value());
                }
                Value::Object(referral)
            })
            .collect();
        let regions: Vec<Value> = REGIONS
            .iter()
            .zip(REGION_PARENTS)
            .map(|(id, parent)| match parent {
                Some(p) => json!({"id": id, "name": id.to_uppercase(), "parent": region_id(p)}),
                None => json!({"id": id, "name": id.to_uppercase()}),
            })
            .collect();
        let goal = if self.services.iter().any(|s| s.goal) {
            json!({"tags": ["g"]})
        } else {
            json!({})
        };
        json!({
            "metadata": {"name": "random", "version": "1"},
            "vocabulary": {
                "adversities": ADVERSITIES.iter().map(|a| json!({"id": a, "label": a})).collect::<Vec<_>>(),
                "facts": [
                    {"id": "young", "label": "Young", "type": "boolean"},
                    {"id": "parent_age", "label": "Parent age", "type": "number"},
                    {"id": "severity", "label": "Severity", "type": "choice", "values": SEVERITY, "ordered": true}
                ]
            },
            "regions": regions,
            "services": services,
            "referrals": referrals,
            "goal": goal
        })
    }

    /// The pathway file, as pretty-printed JSON text.
    ///
    /// ```
    /// # use carepath::testing::strategies::pathways;
    /// # use proptest::strategy::{Strategy, ValueTree};
    /// # let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// let p = pathways(2).new_tree(&mut runner).unwrap().current();
    /// assert!(carepath::Pathway::from_json(&p.to_json()).is_ok());
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The pathway, loaded.
    ///
    /// # Errors
    /// None for a pathway the strategy generated (each one loads); a
    /// [`LoadError`] if its fields were changed into an invalid pathway
    /// (e.g. two referrals between the same services).
    ///
    /// ```
    /// # use carepath::testing::strategies::pathways;
    /// # use proptest::strategy::{Strategy, ValueTree};
    /// # let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// let p = pathways(5).new_tree(&mut runner).unwrap().current();
    /// assert_eq!(p.load()?.services().count(), 5);
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    pub fn load(&self) -> Result<Pathway, LoadError> {
        Pathway::from_json(&self.to_json())
    }
}
