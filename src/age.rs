//! Ages and durations in human units, and the one convention that turns
//! them into days.
//!
//! # The convention
//!
//! An **age** is a whole number of days from birth, where birth is taken as
//! the due date during a pregnancy. Ages before birth are negative.
//!
//! | written | days | why |
//! | --- | --- | --- |
//! | `pregnancy` | −280 | gestational week 0, 40 weeks before the due date |
//! | `N weeks gestation` | (N − 40) × 7 | as midwives count: `12 weeks gestation` = −196 |
//! | `birth` | 0 | |
//! | `N days` | N | |
//! | `N weeks` | 7 N | |
//! | `N months` | round(30.4375 N) | a month is 365.25 / 12 days |
//! | `N years` | round(365.25 N) | |
//!
//! Rounding is to the nearest day with halves away from zero
//! ([`f64::round`]): `7 months` = 213 days, `2 years` = `24 months` =
//! 731 days. The NHS Directory of Services uses the same month and year.
//!
//! A **duration** (a wait, a referral delay) is written with the same units
//! after birth (`0 days`, `6 weeks`, `3 months`) and is never negative.
//!
//! ```
//! use carepath::age;
//! assert_eq!(age::parse_age("pregnancy"), Ok(-280));
//! assert_eq!(age::parse_age("12 weeks gestation"), Ok(-196));
//! assert_eq!(age::parse_age("7 months"), Ok(213));
//! assert_eq!(age::parse_age("2 years"), Ok(731));
//! assert_eq!(age::parse_duration("6 weeks"), Ok(42));
//! assert_eq!(age::describe(-56), "32 weeks gestation");
//! ```
//!
//! A leaf: imports nothing from the crate.

use thiserror::Error;

/// Days in a month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// Days in a year.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days from the start of pregnancy (gestational week 0) to the due date.
pub const PREGNANCY_DAYS: i32 = 280;
/// The latest gestational week accepted in `N weeks gestation`.
pub const MAX_GESTATION_WEEKS: u32 = 44;
/// The largest age or duration accepted, in days (150 years).
pub const MAX_DAYS: i32 = 54_788;

/// Why a piece of text is not an age or a duration.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AgeError {
    /// The text does not follow any of the accepted forms.
    #[error(
        "`{text}` is not an age: write `pregnancy`, `N weeks gestation`, `birth`, or a number of days, weeks, months or years (e.g. `7 months`)"
    )]
    NotAnAge {
        /// The text as given.
        text: String,
    },
    /// The text does not follow the form of a duration.
    #[error(
        "`{text}` is not a duration: write a number of days, weeks, months or years (e.g. `6 weeks`, `0 days`)"
    )]
    NotADuration {
        /// The text as given.
        text: String,
    },
    /// A gestational week beyond [`MAX_GESTATION_WEEKS`].
    #[error("`{text}`: gestation runs from week 0 to week {MAX_GESTATION_WEEKS}")]
    GestationOutOfRange {
        /// The text as given.
        text: String,
    },
    /// A number of days beyond [`MAX_DAYS`].
    #[error("`{text}` is longer than 150 years")]
    TooLarge {
        /// The text as given.
        text: String,
    },
}

/// Parses an age in human units into days from birth.
///
/// Accepts `pregnancy`, `N weeks gestation`, `birth`, and `N day(s)`,
/// `N week(s)`, `N month(s)`, `N year(s)` after birth, with `N` a whole
/// number. Case and surrounding spaces are ignored.
///
/// # Errors
/// [`AgeError`] naming the text when it is not an age or is out of range.
///
/// ```
/// assert_eq!(carepath::age::parse_age("birth"), Ok(0));
/// assert_eq!(carepath::age::parse_age("6 weeks"), Ok(42));
/// assert!(carepath::age::parse_age("six weeks").is_err());
/// ```
pub fn parse_age(text: &str) -> Result<i32, AgeError> {
    let norm = normalise(text);
    match norm.as_str() {
        "pregnancy" | "conception" => return Ok(-PREGNANCY_DAYS),
        "birth" => return Ok(0),
        _ => {}
    }
    let words: Vec<&str> = norm.split(' ').collect();
    if let [n, unit, "gestation"] = words.as_slice() {
        if matches!(*unit, "week" | "weeks") {
            let weeks: u32 = n.parse().map_err(|_| not_an_age(text))?;
            if weeks > MAX_GESTATION_WEEKS {
                return Err(AgeError::GestationOutOfRange { text: text.into() });
            }
            // weeks <= 44, so this cannot overflow.
            let weeks = i32::try_from(weeks).map_err(|_| not_an_age(text))?;
            return Ok((weeks - 40) * 7);
        }
        return Err(not_an_age(text));
    }
    parse_after_birth(&norm, text).map_err(|e| match e {
        AgeError::NotADuration { text } => AgeError::NotAnAge { text },
        other => other,
    })
}

/// Parses a duration (a wait or a referral delay) into days.
///
/// # Errors
/// [`AgeError::NotADuration`] or [`AgeError::TooLarge`].
///
/// ```
/// assert_eq!(carepath::age::parse_duration("0 days"), Ok(0));
/// assert_eq!(carepath::age::parse_duration("18 weeks"), Ok(126));
/// assert_eq!(carepath::age::parse_duration("1 month"), Ok(30));
/// assert!(carepath::age::parse_duration("pregnancy").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<i32, AgeError> {
    parse_after_birth(&normalise(text), text)
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn not_an_age(text: &str) -> AgeError {
    AgeError::NotAnAge { text: text.into() }
}

fn parse_after_birth(norm: &str, text: &str) -> Result<i32, AgeError> {
    let bad = || AgeError::NotADuration { text: text.into() };
    let (n, unit) = norm.split_once(' ').ok_or_else(bad)?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let too_large = || AgeError::TooLarge { text: text.into() };
    // At most 6 digits are meaningful below MAX_DAYS; longer is too large.
    let n: f64 = if n.trim_start_matches('0').len() > 6 {
        return Err(too_large());
    } else {
        n.parse::<u32>().map_err(|_| too_large())?.into()
    };
    let days = match unit {
        "day" | "days" => n,
        "week" | "weeks" => n * 7.0,
        "month" | "months" => (n * DAYS_PER_MONTH).round(),
        "year" | "years" => (n * DAYS_PER_YEAR).round(),
        _ => return Err(bad()),
    };
    if days > f64::from(MAX_DAYS) {
        return Err(too_large());
    }
    // 0 <= days <= MAX_DAYS, a whole number: the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    Ok(days as i32)
}

/// Describes an age in days the way a referrer would say it.
///
/// Before birth: `N weeks gestation` (with `+D` days when not whole);
/// `birth`; under 13 weeks: days or weeks; under 5 years: months (to one
/// decimal when not whole); then years and months.
///
/// ```
/// use carepath::age::describe;
/// assert_eq!(describe(-280), "pregnancy (0 weeks gestation)");
/// assert_eq!(describe(-53), "32+3 weeks gestation");
/// assert_eq!(describe(0), "birth");
/// assert_eq!(describe(10), "10 days");
/// assert_eq!(describe(42), "6 weeks");
/// assert_eq!(describe(731), "24 months");
/// assert_eq!(describe(746), "24.5 months");
/// ```
#[must_use]
pub fn describe(days: i32) -> String {
    if days < 0 {
        let since = days + PREGNANCY_DAYS;
        if since <= 0 {
            return if since == 0 {
                "pregnancy (0 weeks gestation)".into()
            } else {
                format!("{} days before pregnancy", -since)
            };
        }
        let (w, d) = (since / 7, since % 7);
        return if d == 0 {
            format!("{w} weeks gestation")
        } else {
            format!("{w}+{d} weeks gestation")
        };
    }
    match days {
        0 => "birth".into(),
        1 => "1 day".into(),
        2..=13 => format!("{days} days"),
        14..=90 if days % 7 == 0 => format!("{} weeks", days / 7),
        14..=90 => format!("{} weeks {} days", days / 7, days % 7),
        _ if days < 1826 => {
            // Tenths of a month, rounded: a month is 30.4375 = 487/16 days,
            // so tenths = days · 160 / 487 (487 is prime: never a tie).
            let tenths = (i64::from(days) * 320 + 487) / 974;
            if tenths % 10 == 0 {
                format!("{} months", tenths / 10)
            } else {
                format!("{}.{} months", tenths / 10, tenths % 10)
            }
        }
        _ => {
            // Whole years and months as `parse_age` counts them: the most
            // years whose rounded length fits, then the most months.
            let whole = |n: f64, unit: f64| (n * unit).round();
            let mut years = (f64::from(days) / DAYS_PER_YEAR).floor();
            if whole(years + 1.0, DAYS_PER_YEAR) <= f64::from(days) {
                years += 1.0;
            }
            let rest = f64::from(days) - whole(years, DAYS_PER_YEAR);
            let mut months = (rest / DAYS_PER_MONTH).floor().max(0.0);
            if whole(months + 1.0, DAYS_PER_MONTH) <= rest {
                months += 1.0;
            }
            if months < 1.0 {
                format!("{years:.0} years")
            } else {
                format!("{years:.0} years {months:.0} months")
            }
        }
    }
}

/// Describes a duration in days: `0 days`, `10 days`, `6 weeks`, `12.1 weeks`.
///
/// ```
/// assert_eq!(carepath::age::describe_duration(42), "6 weeks");
/// assert_eq!(carepath::age::describe_duration(3), "3 days");
/// ```
#[must_use]
pub fn describe_duration(days: i64) -> String {
    match days {
        1 => "1 day".into(),
        _ if days < 14 => format!("{days} days"),
        _ if days % 7 == 0 => format!("{} weeks", days / 7),
        _ => format!("{} weeks {} days", days / 7, days % 7),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_year_rounding() {
        // 30.4375 × 7 = 213.0625 → 213; × 24 = 730.5 → 731 (half away from zero).
        assert_eq!(parse_age("7 months"), Ok(213));
        assert_eq!(parse_age("24 months"), Ok(731));
        assert_eq!(parse_age("2 years"), Ok(731));
        assert_eq!(parse_age("1 year"), Ok(365));
        assert_eq!(parse_age("3 years"), Ok(1096));
        assert_eq!(parse_age("5 years"), Ok(1826));
        assert_eq!(parse_age("18 months"), Ok(548));
        assert_eq!(parse_age("1 month"), Ok(30));
        assert_eq!(parse_age("2 months"), Ok(61));
    }

    #[test]
    fn pregnancy_forms() {
        assert_eq!(parse_age("Pregnancy"), Ok(-280));
        assert_eq!(parse_age("0 weeks gestation"), Ok(-280));
        assert_eq!(parse_age("12 weeks gestation"), Ok(-196));
        assert_eq!(parse_age("40 weeks gestation"), Ok(0));
        assert_eq!(parse_age("42 weeks gestation"), Ok(14));
        assert!(matches!(
            parse_age("45 weeks gestation"),
            Err(AgeError::GestationOutOfRange { .. })
        ));
        assert!(parse_age("-3 weeks gestation").is_err());
    }

    #[test]
    fn rejects_non_ages() {
        for bad in [
            "",
            "weeks",
            "2",
            "2 fortnights",
            "1.5 years",
            "-1 days",
            "2 years old",
            "twelve weeks",
        ] {
            assert!(parse_age(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(matches!(
            parse_age("99999999999 years"),
            Err(AgeError::TooLarge { .. })
        ));
        assert!(matches!(
            parse_duration("151 years"),
            Err(AgeError::TooLarge { .. })
        ));
        assert_eq!(parse_duration("150 years"), Ok(54_788));
    }

    #[test]
    fn describes_round_trip_for_whole_units() {
        assert_eq!(
            describe(parse_age("32 weeks gestation").unwrap_or(0)),
            "32 weeks gestation"
        );
        assert_eq!(describe(213), "7 months");
        assert_eq!(describe(1826), "5 years");
        assert_eq!(describe(2200), "6 years");
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
}
