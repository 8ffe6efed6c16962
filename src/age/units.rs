//! The units of the age convention, its limits, and what can be wrong with
//! an age, a duration or a date.

use thiserror::Error;

/// Days in a month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// Days in a year.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days from the start of pregnancy (gestational week 0) to the due date.
pub const PREGNANCY_DAYS: i32 = 280;
/// The latest gestational week accepted (`44 weeks gestation`, 28 days past
/// the due date).
pub const MAX_GESTATION_WEEKS: u32 = 44;
/// The oldest age accepted in human units, in years: the end of childhood.
pub const MAX_AGE_YEARS: u32 = 18;
/// The oldest age accepted in human units, in days (`18 years` = 6575).
pub const MAX_AGE_DAYS: i32 = 6575;
/// The largest duration accepted, in days (150 years); also the bound on a
/// profile's raw `age_days`.
pub const MAX_DAYS: i32 = 54_788;

/// Sixteenths of a day in one unit: a month is 487/16 days and a year
/// 5844/16, so every sum of whole and decimal units is exact in integers.
pub(crate) const SIXTEENTHS: [(&str, u64); 4] =
    [("year", 5844), ("month", 487), ("week", 112), ("day", 16)];

/// Why a piece of text is not an age, a duration or a date, or why a date
/// gives no age.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AgeError {
    /// The text does not follow any of the accepted forms.
    #[error(
        "`{text}` is not an age: write e.g. `32 weeks pregnant`, `newborn`, `6 weeks old`, `7 months`, `1.5 years` or `2 years 11 months`"
    )]
    NotAnAge {
        /// The text as given.
        text: String,
    },
    /// The text does not follow the form of a duration.
    #[error(
        "`{text}` is not a duration: write a number of days, weeks, months or years (e.g. `6 weeks`, `0 days`, `1 month 2 weeks`)"
    )]
    NotADuration {
        /// The text as given.
        text: String,
    },
    /// A gestational age past [`MAX_GESTATION_WEEKS`].
    #[error("`{text}`: gestation runs from 0 to {MAX_GESTATION_WEEKS} weeks")]
    GestationOutOfRange {
        /// The text as given.
        text: String,
    },
    /// An age past [`MAX_AGE_DAYS`].
    #[error(
        "`{text}` is past the oldest age accepted: ages run from pregnancy to {MAX_AGE_YEARS} years ({MAX_AGE_DAYS} days)"
    )]
    AgeOutOfRange {
        /// The text as given.
        text: String,
    },
    /// A duration past [`MAX_DAYS`].
    #[error("`{text}` is longer than 150 years")]
    TooLarge {
        /// The text as given.
        text: String,
    },
    /// The text is not a calendar date `YYYY-MM-DD`.
    #[error("`{text}` is not a date: write `YYYY-MM-DD` (e.g. `2026-03-14`), years 1000 to 9999")]
    NotADate {
        /// The text as given.
        text: String,
    },
    /// A date of birth after the day the question is asked.
    #[error("the date of birth {born} is after today ({today})")]
    BornAfterToday {
        /// The date of birth.
        born: String,
        /// The day the question is asked.
        today: String,
    },
    /// A date of birth so long ago that the child is past [`MAX_AGE_YEARS`].
    #[error(
        "born {born}, the child is past the oldest age accepted on {today}: ages run to {MAX_AGE_YEARS} years ({MAX_AGE_DAYS} days)"
    )]
    BornTooLongAgo {
        /// The date of birth.
        born: String,
        /// The day the question is asked.
        today: String,
    },
    /// A due date that gives a gestation outside 0 to
    /// [`MAX_GESTATION_WEEKS`] weeks.
    #[error(
        "a due date of {due} on {today} is not a pregnancy: the due date must be at most 40 weeks after today and at most 4 weeks before it (gestation 0 to {MAX_GESTATION_WEEKS} weeks)"
    )]
    DueOutOfRange {
        /// The due date.
        due: String,
        /// The day the question is asked.
        today: String,
    },
}
