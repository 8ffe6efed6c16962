//! Age boundaries: the day before, on and after each limit, through the
//! public API (eligibility judged on referral and when seen).
#![cfg(test)]

use carepath::{Pathway, Profile, Truth};

fn pathway() -> Pathway {
    Pathway::from_json(include_str!("fixtures/small.json")).expect("fixture loads")
}

fn outcome(service: &str, days: i32, region: &str) -> Truth {
    let p = Profile::new().age_days(days).region(region);
    pathway()
        .eligibility(service, &p)
        .expect("known ids")
        .outcome
}

#[test]
fn two_years_is_731_days_and_exclusive() {
    // imh-east: from pregnancy, before 2 years (= 731 days), judged on referral.
    assert_eq!(carepath::age::parse_age("2 years"), Ok(731));
    assert_eq!(outcome("imh-east", 730, "east"), Truth::Yes);
    assert_eq!(outcome("imh-east", 731, "east"), Truth::No);
    assert_eq!(outcome("imh-east", 732, "east"), Truth::No);
}

#[test]
fn pregnancy_is_day_minus_280_and_inclusive() {
    assert_eq!(outcome("imh-east", -281, "east"), Truth::No);
    assert_eq!(outcome("imh-east", -280, "east"), Truth::Yes);
    assert_eq!(outcome("imh-east", -279, "east"), Truth::Yes);
}

#[test]
fn thirty_two_weeks_gestation_is_day_minus_56() {
    // hv-east: from 32 weeks gestation.
    assert_eq!(carepath::age::parse_age("32 weeks gestation"), Ok(-56));
    assert_eq!(outcome("hv-east", -57, "east"), Truth::No);
    assert_eq!(outcome("hv-east", -56, "east"), Truth::Yes);
    assert_eq!(outcome("hv-east", -55, "east"), Truth::Yes);
}

#[test]
fn twelve_weeks_gestation() {
    assert_eq!(carepath::age::parse_age("12 weeks gestation"), Ok(-196));
    let p = Profile::new().age("12 weeks gestation").expect("age");
    assert_eq!(p.age_days, Some(-196));
}

#[test]
fn judged_when_seen_adds_the_wait() {
    // imh-west: before 3 years (1096 days) judged when seen, 6-week (42-day) wait.
    assert_eq!(carepath::age::parse_age("3 years"), Ok(1096));
    assert_eq!(outcome("imh-west", 1096 - 42 - 1, "west"), Truth::Yes);
    assert_eq!(outcome("imh-west", 1096 - 42, "west"), Truth::No);
    // A 35-month-old (1065 days) is seen at 1107 days: past the 3rd birthday.
    assert_eq!(outcome("imh-west", 1065, "west"), Truth::No);
}

#[test]
fn birth_is_inclusive_for_from_birth() {
    // parenting-group: from birth before 3 years.
    assert_eq!(outcome("parenting-group", -1, "east"), Truth::No);
    assert_eq!(outcome("parenting-group", 0, "east"), Truth::Yes);
    assert_eq!(outcome("parenting-group", 1095, "east"), Truth::Yes);
    assert_eq!(outcome("parenting-group", 1096, "east"), Truth::No);
}

#[test]
fn month_rounding_is_half_away_from_zero() {
    use carepath::age::parse_age;
    // 30.4375 × n, rounded: 1 → 30, 2 → 61 (60.875), 7 → 213 (213.06), 24 → 731 (730.5).
    for (text, days) in [
        ("1 month", 30),
        ("2 months", 61),
        ("6 months", 183),
        ("7 months", 213),
        ("18 months", 548),
        ("24 months", 731),
        ("1 year", 365),
        ("3 years", 1096),
        ("5 years", 1826),
    ] {
        assert_eq!(parse_age(text), Ok(days), "{text}");
    }
}

#[test]
fn region_containment_in_eligibility() {
    // city-infant-team serves east-city only: a family naming the whole
    // board is not matched, and the explanation says the region is wider.
    let p = Profile::new()
        .age("6 months")
        .expect("age")
        .region("east")
        .adversity("care_proceedings");
    let v = pathway().eligibility("city-infant-team", &p).expect("ids");
    assert!(!v.region.served);
    assert!(v.region.message.contains("wider"), "{}", v.region.message);
    let p = p.region("east-city");
    assert!(
        pathway()
            .eligibility("city-infant-team", &p)
            .expect("ids")
            .eligible()
    );
}

#[test]
fn profiles_from_json_with_dates() {
    let p = pathway();
    let asked = |json: &str| {
        let profile: Profile = serde_json::from_str(json).expect("profile");
        p.eligibility("imh-east", &profile)
            .map(|v| v.age_on_referral_days)
    };
    // Born 2024-12-25, asked 2026-11-25: 700 days; due 2027-01-20: -56.
    assert_eq!(
        asked(r#"{"born": "2024-12-25", "today": "2026-11-25", "region": "east"}"#),
        Ok(700)
    );
    assert_eq!(
        asked(r#"{"due": "2027-01-20", "today": "2026-11-25", "region": "east"}"#),
        Ok(-56)
    );
    assert_eq!(
        asked(r#"{"born": "2024-12-25", "region": "east"}"#),
        Err(carepath::QueryError::MissingToday)
    );
    assert!(matches!(
        asked(r#"{"born": "2026-12-25", "today": "2026-11-25", "region": "east"}"#),
        Err(carepath::QueryError::Age(
            carepath::age::AgeError::BornAfterToday { .. }
        ))
    ));
    assert!(serde_json::from_str::<Profile>(r#"{"born": "2026-02-30"}"#).is_err());
}
