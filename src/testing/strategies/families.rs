//! Random families valid for a given pathway: ages, one of its regions,
//! adversities of its vocabulary, and values of its facts.

use std::ops::Range;

use proptest::prelude::*;
use serde_json::Value;

use crate::document::FactKind;
use crate::model::profile::Profile;
use crate::pathway::Pathway;

/// The ages [`families`] draws from, in days: from 40 weeks before birth
/// up to (not including) 5 years, the range `carepath lint` considers.
///
/// ```
/// assert_eq!(carepath::testing::strategies::FAMILY_AGES, -280..1826);
/// ```
pub const FAMILY_AGES: Range<i32> = -280..1826;

/// Random families valid for `pathway`, aged within [`FAMILY_AGES`]: see
/// [`families_aged`].
///
/// ```
/// use carepath::testing::strategies::families;
/// use proptest::prelude::*;
///
/// let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json")).unwrap();
/// proptest!(ProptestConfig::with_cases(16), |(family in families(&pathway))| {
///     // Every family the strategy draws is a question the pathway answers.
///     prop_assert!(pathway.routes(&family, &carepath::RouteQuery::default()).is_ok());
/// });
/// ```
pub fn families(pathway: &Pathway) -> impl Strategy<Value = Profile> + use<> {
    families_aged(pathway, FAMILY_AGES)
}

/// Random families valid for `pathway`: an age in days within `ages` (an
/// empty range means the age at its start), one of the pathway's regions
/// (any level of the tree; none when the pathway has no regions), any
/// subset of its adversities, and each fact given or left out — a boolean,
/// a whole number from 0 to 99 for a number fact, one of the values of a
/// choice fact. Shrinks towards younger families with fewer adversities
/// and facts.
///
/// Complexity: O(regions + adversities + facts) to build; each draw costs
/// O(adversities + facts).
///
/// ```
/// use carepath::testing::strategies::families_aged;
/// use proptest::strategy::{Strategy, ValueTree};
///
/// let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json")).unwrap();
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let family = families_aged(&pathway, -100..0).new_tree(&mut runner).unwrap().current();
/// assert!(family.age_days.is_some_and(|d| (-100..0).contains(&d)));
/// ```
pub fn families_aged(
    pathway: &Pathway,
    ages: Range<i32>,
) -> impl Strategy<Value = Profile> + use<> {
    let regions: Vec<String> = pathway
        .regions(None)
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let adversities: Vec<String> = pathway.adversities().into_iter().map(|a| a.id).collect();
    let facts: Vec<BoxedStrategy<Option<(String, Value)>>> =
        pathway.facts().into_iter().map(fact_value).collect();
    let ages = if ages.is_empty() {
        ages.start..ages.start.saturating_add(1)
    } else {
        ages
    };
    let region_count = regions.len().max(1);
    let adversity_count = adversities.len();
    (
        ages,
        0..region_count,
        prop::sample::subsequence(adversities, 0..=adversity_count),
        facts,
    )
        .prop_map(move |(age, region, adversities, facts)| {
            let mut family = Profile::new().age_days(age);
            if let Some(region) = regions.get(region) {
                family = family.region(region);
            }
            family.adversities = adversities;
            for (id, value) in facts.into_iter().flatten() {
                family = family.fact(&id, value);
            }
            family
        })
}

/// A strategy for one fact: left out, or a value of its kind.
fn fact_value(fact: crate::query::names::Term) -> BoxedStrategy<Option<(String, Value)>> {
    let id = fact.id;
    let value: BoxedStrategy<Value> = match fact.kind {
        Some(FactKind::Boolean) => any::<bool>().prop_map(Value::from).boxed(),
        Some(FactKind::Number) => (0..100i64).prop_map(Value::from).boxed(),
        Some(FactKind::Choice) if !fact.values.is_empty() => prop::sample::select(fact.values)
            .prop_map(Value::from)
            .boxed(),
        _ => return Just(None).boxed(),
    };
    prop::option::of(value.prop_map(move |v| (id.clone(), v))).boxed()
}
