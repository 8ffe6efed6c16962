//! Every form of the grammar at its boundaries, and dates against a second
//! computation.

use super::*;

/// (text, days) for every accepted form, at and around its boundaries.
const AGES: &[(&str, i32)] = &[
    // pregnancy, conception
    ("pregnancy", -280),
    ("Conception", -280),
    // W weeks gestation / pregnant: 0 to 44
    ("0 weeks gestation", -280),
    ("1 week gestation", -273),
    ("12 weeks gestation", -196),
    ("32 weeks pregnant", -56),
    ("39 weeks pregnant", -7),
    ("40 weeks gestation", 0),
    ("42 weeks gestation", 14),
    ("44 weeks pregnant", 28),
    // W+D and W weeks D days
    ("0+0 weeks gestation", -280),
    ("32+3 weeks gestation", -53),
    ("32+6 weeks pregnant", -50),
    ("43+6 weeks gestation", 27),
    ("32 weeks 3 days pregnant", -53),
    ("0 weeks 1 day gestation", -279),
    // birth, newborn
    ("birth", 0),
    ("Newborn", 0),
    // N days, weeks, months, years
    ("0 days", 0),
    ("1 day", 1),
    ("6575 days", 6575),
    ("1 week", 7),
    ("6 weeks", 42),
    ("939 weeks", 6573),
    ("1 month", 30),
    ("2 months", 61),
    ("7 months", 213),
    ("24 months", 731),
    ("216 months", 6575),
    ("1 year", 365),
    ("2 years", 731),
    ("3 years", 1096),
    ("5 years", 1826),
    ("18 years", 6575),
    // decimals (rounded once, halves up)
    ("1.5 years", 548),
    ("0.5 months", 15),
    ("2.25 months", 68),
    ("0.1 days", 0),
    ("0.5 days", 1),
    ("1.5 weeks", 11),
    ("17.99 years", 6571),
    // compound
    ("1 year 6 months", 548),
    ("18 months", 548),
    ("2 years 11 months", 1065),
    ("35 months", 1065),
    ("1 year 2 weeks", 379),
    ("1 year, 2 weeks and 3 days", 382),
    ("2 years and 3 months", 822),
    ("17 years 11 months 4 weeks 2 days", 6574),
    // old
    ("6 weeks old", 42),
    ("10 days old", 10),
    ("2 years 11 months old", 1065),
    ("  7   MONTHS  ", 213),
];

#[test]
fn every_form_at_its_boundaries() {
    for &(text, days) in AGES {
        assert_eq!(parse_age(text), Ok(days), "{text:?}");
    }
}

#[test]
fn out_of_range_ages_say_the_range() {
    for text in [
        "45 weeks gestation",
        "44+1 weeks gestation",
        "44 weeks 1 day pregnant",
        "32+7 weeks gestation",
        "99999999999 weeks pregnant",
    ] {
        assert!(
            matches!(parse_age(text), Err(AgeError::GestationOutOfRange { .. })),
            "{text:?}"
        );
    }
    for text in [
        "6576 days",
        "18 years 1 day",
        "18.01 years",
        "217 months",
        "20 years",
        "99999999999 years",
    ] {
        assert!(
            matches!(parse_age(text), Err(AgeError::AgeOutOfRange { .. })),
            "{text:?}"
        );
    }
}

#[test]
fn rejects_non_ages() {
    for bad in [
        "",
        "weeks",
        "2",
        "old",
        "2 fortnights",
        "-1 days",
        "1.555 years",
        "1. years",
        ".5 years",
        "1,5 years",
        "twelve weeks",
        "6 months 1 year",
        "1 year 1 year",
        "2 years old old",
        "1.5 weeks gestation",
        "-3 weeks gestation",
        "pregnant",
        "32 pregnant",
        "newborn old",
    ] {
        assert!(
            matches!(parse_age(bad), Err(AgeError::NotAnAge { .. })),
            "{bad:?} should not parse: {:?}",
            parse_age(bad)
        );
    }
}

#[test]
fn durations() {
    assert_eq!(parse_duration("0 days"), Ok(0));
    assert_eq!(parse_duration("1 week 3 days"), Ok(10));
    assert_eq!(parse_duration("150 years"), Ok(54_788));
    assert_eq!(parse_duration("54788 days"), Ok(54_788));
    assert!(matches!(
        parse_duration("54789 days"),
        Err(AgeError::TooLarge { .. })
    ));
    assert!(matches!(
        parse_duration("151 years"),
        Err(AgeError::TooLarge { .. })
    ));
    for bad in ["pregnancy", "6 weeks old", "birth", "2 weeks gestation"] {
        assert!(
            matches!(parse_duration(bad), Err(AgeError::NotADuration { .. })),
            "{bad:?}"
        );
    }
}

#[test]
fn descriptions_read_back() {
    // Exactly before 13 weeks; within the rounding of tenths of a month
    // (1.6 days) or of whole months after.
    for days in -280..=6575 {
        let text = describe(days);
        let text = text.trim_start_matches("pregnancy (").trim_end_matches(')');
        let back = parse_age(text).unwrap_or(i32::MIN);
        let slack = match days {
            ..91 => 0,
            91..1826 => 2,
            _ => 31,
        };
        assert!(
            (back - days).abs() <= slack,
            "{days} described as {text:?}, read as {back}"
        );
    }
    assert_eq!(describe(-300), "20 days before pregnancy");
}

#[test]
fn months_in_tenths_match_the_real_division() {
    for days in 91..1826 {
        let tenths = (f64::from(days) / DAYS_PER_MONTH * 10.0).round();
        let expected = if tenths % 10.0 == 0.0 {
            format!("{} months", tenths / 10.0)
        } else {
            format!("{:.1} months", tenths / 10.0)
        };
        assert_eq!(describe(days), expected, "{days} days");
    }
    assert_eq!(describe(219), "7.2 months");
}

/// Days since 1970-01-01, from GNU `date -u -d D +%s` / 86400.
const CALENDAR: &[(&str, i64)] = &[
    ("0001-01-01", -719_162),
    ("1600-02-29", -135_081),
    ("1900-03-01", -25_508),
    ("1970-01-01", 0),
    ("2000-02-29", 11_016),
    ("2000-03-01", 11_017),
    ("2024-12-31", 20_088),
    ("2026-11-25", 20_782),
    ("2027-03-14", 20_891),
    ("2100-03-01", 47_541),
    ("9999-12-31", 2_932_896),
];

#[test]
fn dates_match_a_known_calendar() {
    for &(text, days) in CALENDAR {
        let (y, rest) = text.split_at(4);
        let (m, d) = (&rest[1..3], &rest[4..6]);
        let date = Date::new(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap()).unwrap();
        assert_eq!(date.days_since_epoch(), days, "{text}");
        assert_eq!(Date::from_days_since_epoch(days), date, "{text}");
        assert_eq!(date.to_string(), text);
    }
}

/// A second computation: walk every day from 1600-01-01 to 2400-12-31,
/// counting month lengths by hand, and compare both conversions.
#[test]
fn dates_match_a_day_by_day_walk() {
    let start = Date::new(1600, 1, 1).unwrap().days_since_epoch();
    let mut n = start;
    for year in 1600..=2400 {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let lengths = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        for (m, &len) in lengths.iter().enumerate() {
            for day in 1..=len {
                let date = Date::new(year, m as u32 + 1, day).unwrap();
                assert_eq!(date.days_since_epoch(), n);
                assert_eq!(Date::from_days_since_epoch(n), date);
                n += 1;
            }
            assert!(Date::new(year, m as u32 + 1, len + 1).is_none());
        }
    }
    assert_eq!(n - start, 292_560); // 801 years: 801 × 365 + 195 leap days
}

#[test]
fn dates_parse_and_write() {
    let d = Date::parse("2027-03-14").unwrap();
    assert_eq!(d.written(), "14 March 2027");
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"2027-03-14\"");
    assert_eq!(serde_json::from_str::<Date>("\"2027-03-14\"").unwrap(), d);
    for bad in [
        "",
        "2027-3-14",
        "27-03-14",
        "2027-02-29",
        "2027-13-01",
        "2027-00-10",
        "2027-04-31",
        "0999-01-01",
        "2027/03/14",
        "2027-03-14x",
        "+2027-03-14",
    ] {
        assert!(
            matches!(Date::parse(bad), Err(AgeError::NotADate { .. })),
            "{bad:?}"
        );
    }
    assert!(Date::parse("2024-02-29").is_ok());
    assert!(Date::parse("1000-01-01").is_ok());
}

#[test]
fn ages_from_dates_at_their_boundaries() {
    let today = Date::parse("2026-11-25").unwrap();
    let ago = |days: i64| today.plus_days(-days);
    // Born: 0 (today) to 6575 days ago; not tomorrow, not 6576 days ago.
    assert_eq!(age_from_birth(today, today), Ok(0));
    assert_eq!(age_from_birth(ago(6575), today), Ok(6575));
    assert_eq!(
        age_from_birth(Date::parse("2008-11-25").unwrap(), today),
        Ok(6574)
    );
    assert!(matches!(
        age_from_birth(ago(-1), today),
        Err(AgeError::BornAfterToday { .. })
    ));
    assert!(matches!(
        age_from_birth(ago(6576), today),
        Err(AgeError::BornTooLongAgo { .. })
    ));
    // Due: from 280 days ahead (week 0) to 28 days ago (week 44).
    assert_eq!(age_from_due_date(ago(-280), today), Ok(-280));
    assert_eq!(age_from_due_date(ago(28), today), Ok(28));
    assert_eq!(age_from_due_date(today, today), Ok(0));
    for days in [-281, 29] {
        assert!(
            matches!(
                age_from_due_date(ago(days), today),
                Err(AgeError::DueOutOfRange { .. })
            ),
            "{days}"
        );
    }
    // Due in 56 days is as `32 weeks pregnant` says.
    assert_eq!(
        age_from_due_date(ago(-56), today),
        parse_age("32 weeks pregnant")
    );
}
