//! Days and ages at their extremes: release builds keep overflow checks, so
//! an overflow in arithmetic on days would be a panic. Whatever the age
//! (any `i32` of days, any date), the waits and delays (up to the 150-year
//! maximum a duration may be, on every step of the longest route) and the
//! ages in rules (at the documented maxima), routes, eligibility, coverage
//! and lint give an answer or a clear error, never a panic.
//!
//! 48 cases per property by default; `PROPTEST_CASES` raises the count.
#![cfg(test)]

use carepath::age::{
    Date, MAX_AGE_DAYS, MAX_DAYS, age_from_birth, age_from_due_date, parse_age, parse_duration,
};
use carepath::route::{Ranking, RouteQuery};
use carepath::{CoverageQuery, Pathway, Profile, QueryError, WaitKind};
use proptest::prelude::*;
use serde_json::{Value, json};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// Ages in days: the edges of `i32`, of the 150-year bound and of the
/// 18-year maximum, and anything between.
fn any_day() -> impl Strategy<Value = i32> {
    prop_oneof![
        Just(i32::MIN),
        Just(i32::MIN + 1),
        Just(-MAX_DAYS - 1),
        Just(-MAX_DAYS),
        Just(-280),
        Just(0),
        Just(MAX_AGE_DAYS - 1),
        Just(MAX_AGE_DAYS),
        Just(MAX_DAYS),
        Just(MAX_DAYS + 1),
        Just(i32::MAX - 1),
        Just(i32::MAX),
        -MAX_DAYS..=MAX_DAYS,
        any::<i32>(),
    ]
}

/// Waits and delays: none, a day, and the largest a file may write.
fn duration() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("0 days"),
        Just("1 day"),
        Just("18 years"),
        Just("150 years"),
    ]
}

/// Ages a rule may name, in order, at the documented maxima and minima.
const RULE_AGES: [&str; 5] = [
    "pregnancy",
    "birth",
    "44 weeks gestation",
    "17 years 364 days",
    "18 years",
];

/// A non-empty age range from `RULE_AGES`.
fn rule_ages() -> impl Strategy<Value = (&'static str, &'static str)> {
    (0..RULE_AGES.len() - 1)
        .prop_flat_map(|i| (Just(i), i + 1..RULE_AGES.len()))
        .prop_map(|(i, j)| (RULE_AGES[i], RULE_AGES[j]))
}

/// A chain of services, one entry then up to 16 referrals (the most a route
/// may have), every wait and delay drawn from `duration`, every rule an age
/// range at the extremes, judged on referral or when seen; and a referral
/// back to the entry, so a search can go round.
fn chain() -> impl Strategy<Value = String> {
    let step = (duration(), duration(), rule_ages(), any::<bool>());
    prop::collection::vec(step, 2..=17).prop_map(|steps| {
        let n = steps.len();
        let services: Vec<Value> = steps
            .iter()
            .enumerate()
            .map(|(i, (wait, _, (from, before), seen))| {
                let mut age = json!({"from": from, "before": before});
                if *seen {
                    age["judged"] = json!("when_seen");
                }
                let mut s = json!({
                    "id": format!("s{i}"), "name": format!("Service {i}"),
                    "tier": if i + 1 == n { "specialist" } else { "targeted" },
                    "regions": ["land"],
                    "eligibility": {"age": age},
                    "wait": {"typical": "0 days", "pessimistic": wait},
                });
                if i == 0 {
                    s["entry"] = json!(true);
                    s["tier"] = json!("universal");
                } else {
                    s["wait"]["typical"] = json!(wait);
                }
                if i + 1 == n {
                    s["tags"] = json!(["infant-mental-health"]);
                }
                s
            })
            .collect();
        let mut referrals: Vec<Value> = steps
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, (_, delay, ..))| {
                json!({"from": format!("s{}", i - 1), "to": format!("s{i}"), "delay": delay})
            })
            .collect();
        referrals.push(json!({"from": format!("s{}", n - 1), "to": "s0", "delay": "150 years"}));
        json!({
            "metadata": {"name": "extremes", "version": "1"},
            "regions": [{"id": "land", "name": "Land", "kind": "country"}],
            "services": services,
            "referrals": referrals,
            "goal": {"tags": ["infant-mental-health"]},
        })
        .to_string()
    })
}

/// An error a user can act on: an age or a range out of bounds.
fn clear(e: &QueryError) -> bool {
    matches!(e.code(), "out_of_range" | "invalid_age")
}

/// Routes for `day` under every ranking and wait: each answer is an answer
/// (at most the limit, ages on arrival never before the start) or a clear
/// error; an age within the 150-year bound is never refused.
fn check_routes(pathway: &Pathway, day: i32) -> Result<(), TestCaseError> {
    let profile = Profile::new().age_days(day).region("land");
    for ranking in [Ranking::SoonestSeen, Ranking::FewestHandoffs] {
        for waits in [WaitKind::Typical, WaitKind::Pessimistic] {
            let query = RouteQuery::default()
                .limit(3)
                .ranking(ranking)
                .waits(waits)
                .explain(true);
            match pathway.routes(&profile, &query) {
                Ok(answer) => {
                    prop_assert!(day.unsigned_abs() <= MAX_DAYS.unsigned_abs());
                    prop_assert!(answer.routes.len() <= 3);
                    for route in &answer.routes {
                        prop_assert!(route.days_to_goal >= 0);
                    }
                }
                Err(e) => {
                    prop_assert!(clear(&e), "{}: {e}", e.code());
                    prop_assert!(day.unsigned_abs() > MAX_DAYS.unsigned_abs());
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any age in days, on the small fixture: routes answer or refuse
    /// clearly, and eligibility at every service likewise.
    #[test]
    fn any_age_on_the_fixture(day in any_day()) {
        let pathway = Pathway::from_json(include_str!("fixtures/small.json")).unwrap();
        let profile = Profile::new().age_days(day).region("east-city");
        let answer = pathway.routes(&profile, &RouteQuery::default());
        prop_assert_eq!(answer.is_ok(), day.unsigned_abs() <= MAX_DAYS.unsigned_abs());
        let ids: Vec<String> = pathway.services().map(|s| s.id.to_string()).collect();
        for id in &ids {
            match pathway.eligibility(id, &profile) {
                Ok(_) => prop_assert!(day.unsigned_abs() <= MAX_DAYS.unsigned_abs()),
                Err(e) => prop_assert!(clear(&e), "{}", e.code()),
            }
        }
    }

    /// Waits and delays of up to 150 years on every step of the longest
    /// route, rules at the age maxima: routes for any age, coverage over the
    /// widest range a query may ask, and lint all answer.
    #[test]
    fn longest_waits_on_the_longest_route(text in chain(), day in any_day()) {
        let pathway = Pathway::from_json(&text).unwrap();
        check_routes(&pathway, day)?;
        for waits in [WaitKind::Typical, WaitKind::Pessimistic] {
            let query = CoverageQuery::default()
                .ages(-MAX_DAYS, MAX_DAYS)
                .max_hops(16)
                .waits(waits);
            let coverage = pathway.coverage(&query).unwrap();
            // Whether complete or stopped by its budget, it says which.
            let _ = coverage.is_complete();
        }
        let report = carepath::lint(&text);
        prop_assert!(report.compiled);
    }

    /// Any dates of birth or due dates, as far apart as `i32` years allow:
    /// an age, or a clear error.
    #[test]
    fn any_dates(
        born in (any::<i32>(), 1u32..=12, 1u32..=28),
        today in (any::<i32>(), 1u32..=12, 1u32..=28),
        shift in any::<i64>(),
    ) {
        let born = Date::new(born.0, born.1, born.2).unwrap();
        let today = Date::new(today.0, today.1, today.2).unwrap();
        if let Ok(d) = age_from_birth(born, today) {
            prop_assert!((0..=MAX_AGE_DAYS).contains(&d));
        }
        if let Ok(d) = age_from_due_date(born, today) {
            prop_assert!((-280..=28).contains(&d));
        }
        // Shifting a date by any number of days gives a date.
        let _ = born.plus_days(shift).days_until(today.plus_days(shift.wrapping_neg()));
        let profile = Profile::new().born(born, today);
        if let Ok(p) = profile {
            let pathway = Pathway::from_json(include_str!("fixtures/small.json")).unwrap();
            prop_assert!(pathway.routes(&p.region("west"), &RouteQuery::default()).is_ok());
        }
    }

    /// Ages and durations written with any number of digits: a value within
    /// the documented maxima, or an error.
    #[test]
    fn any_written_number(n in prop_oneof![any::<u64>(), 0u64..10_000], unit in prop_oneof![
        Just("days"), Just("weeks"), Just("months"), Just("years"),
    ]) {
        let text = format!("{n} {unit}");
        if let Ok(d) = parse_age(&text) {
            prop_assert!((0..=MAX_AGE_DAYS).contains(&d));
        }
        if let Ok(d) = parse_duration(&text) {
            prop_assert!((0..=MAX_DAYS).contains(&d));
        }
    }
}

/// The ages a coverage query may ask, and the waits and ages a file may
/// write, end exactly at their documented maxima: one past is a clear error.
#[test]
fn maxima_are_exact() {
    assert_eq!(parse_age("18 years"), Ok(MAX_AGE_DAYS));
    assert!(parse_age("18 years 1 day").is_err());
    assert_eq!(parse_age("44 weeks gestation"), Ok(28));
    assert!(parse_age("44+1 weeks gestation").is_err());
    assert_eq!(parse_duration("150 years"), Ok(MAX_DAYS));
    assert!(parse_duration("150 years 1 day").is_err());
    assert!(parse_duration("99999999999999999999999 days").is_err());

    let pathway = Pathway::from_json(include_str!("fixtures/small.json")).unwrap();
    for (from, before, ok) in [
        (-MAX_DAYS, MAX_DAYS, true),
        (-MAX_DAYS - 1, 0, false),
        (0, MAX_DAYS + 1, false),
        (i32::MIN, i32::MAX, false),
        (i32::MAX - 1, i32::MAX, false),
        (i32::MIN, i32::MIN + 1, false),
    ] {
        let answer = pathway.coverage(&CoverageQuery::default().ages(from, before));
        match answer {
            Ok(_) => assert!(ok, "{from}..{before}"),
            Err(e) => {
                assert!(!ok, "{from}..{before}: {e}");
                assert_eq!(e.code(), "out_of_range");
            }
        }
    }

    // A wait one day past the maximum does not load.
    let over = include_str!("fixtures/small.json").replace("\"6 weeks\"", "\"150 years 1 day\"");
    assert!(Pathway::from_json(&over).is_err());
    assert!(carepath::lint(&over).has_errors());
}
