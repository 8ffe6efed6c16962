//! Ages, durations and dates as people write them, and the one convention
//! that turns them into days.
//!
//! # The convention
//!
//! An **age** is a whole number of days from birth, where birth is taken as
//! the due date during a pregnancy. Ages before birth are negative.
//! Gestation is counted, as midwives count it, from 40 weeks before the due
//! date. A month is 30.4375 days (365.25 / 12) and a year 365.25 days (the
//! NHS Directory of Services uses the same figures).
//!
//! # The grammar
//!
//! Case, extra spaces and commas are ignored. `N` is a whole number, or a
//! number with one or two decimals where the table says so; `W` and `D` are
//! whole numbers.
//!
//! | written | days | range |
//! | --- | --- | --- |
//! | `pregnancy`, `conception` | −280 | gestational week 0 |
//! | `W weeks gestation`, `W weeks pregnant` | (W − 40) × 7 | W from 0 to 44: `12 weeks gestation` = −196, `32 weeks pregnant` = −56, `44 weeks gestation` = 28 |
//! | `W+D weeks gestation`, `W weeks D days pregnant` | (W − 40) × 7 + D | D from 0 to 6, at most 44+0: `32+3 weeks gestation` = −53 |
//! | `birth`, `newborn` | 0 | |
//! | `N days` | N | |
//! | `N weeks` | 7 N | |
//! | `N months` | 30.4375 N | |
//! | `N years` | 365.25 N | |
//! | several of these, largest unit first, each unit once, `and` or commas allowed between: `2 years 11 months`, `1 year, 2 weeks and 3 days` | the sum | |
//! | any of the last five forms followed by `old`: `6 weeks old` | the same | |
//!
//! `N` may have one or two decimals: `1.5 years`, `2.25 months`. A unit may
//! be singular or plural (`1 year`, `2 years`). An after-birth age is
//! summed exactly and rounded **once** to the nearest day, halves up, so
//! every way of writing the same age gives the same day: `7 months` = 213
//! (213.0625), `2 years` = `24 months` = 731 (730.5), `1.5 years` =
//! `18 months` = `1 year 6 months` = 548, `2 years 11 months` = `35 months`
//! = 1065.
//!
//! Ages run from `pregnancy` (−280) to [`MAX_AGE_YEARS`] years
//! ([`MAX_AGE_DAYS`] = 6575, the 18th birthday): `44+1 weeks gestation`,
//! `45 weeks pregnant`, `18 years 1 day` and `6576 days` are errors that say
//! the range ([`AgeError::GestationOutOfRange`],
//! [`AgeError::AgeOutOfRange`]).
//!
//! A **duration** (a wait, a referral delay) is written with the after-birth
//! units, without `old`: `0 days`, `6 weeks`, `3 months`, `1 week 3 days`,
//! from 0 to 150 years ([`MAX_DAYS`]).
//!
//! # Dates
//!
//! A [`Date`] is written `YYYY-MM-DD`. From a date of birth, the age is the
//! days from birth to today ([`age_from_birth`]; a birth after today is an
//! error, and so is an age past 18 years); from a due date, the age is the
//! days from the due date to today, negative before it
//! ([`age_from_due_date`]; gestation 0 to 44 weeks, so the due date lies
//! from 40 weeks after today to 4 weeks before it). The library never reads
//! the clock: "today" is always given.
//!
//! ```
//! use carepath::age::{self, Date};
//! assert_eq!(age::parse_age("pregnancy"), Ok(-280));
//! assert_eq!(age::parse_age("12 weeks gestation"), Ok(-196));
//! assert_eq!(age::parse_age("32 weeks pregnant"), Ok(-56));
//! assert_eq!(age::parse_age("newborn"), Ok(0));
//! assert_eq!(age::parse_age("6 weeks old"), Ok(42));
//! assert_eq!(age::parse_age("7 months"), Ok(213));
//! assert_eq!(age::parse_age("1.5 years"), Ok(548));
//! assert_eq!(age::parse_age("2 years 11 months"), Ok(1065));
//! assert_eq!(age::parse_duration("6 weeks"), Ok(42));
//! assert_eq!(age::describe(-56), "32 weeks gestation");
//! let today = Date::parse("2026-11-25")?;
//! assert_eq!(age::age_from_birth(Date::parse("2026-04-25")?, today), Ok(214));
//! assert_eq!(age::age_from_due_date(Date::parse("2027-01-20")?, today), Ok(-56));
//! # Ok::<(), age::AgeError>(())
//! ```
//!
//! A leaf: imports nothing from the crate.

mod date;
mod describe;
mod parse;
#[cfg(feature = "schema")]
pub(crate) mod pattern;
mod units;

pub use date::{Date, age_from_birth, age_from_due_date};
pub(crate) use describe::describe_into;
pub use describe::{describe, describe_duration};
pub use parse::{parse_age, parse_duration};
pub use units::{
    AgeError, DAYS_PER_MONTH, DAYS_PER_YEAR, MAX_AGE_DAYS, MAX_AGE_YEARS, MAX_DAYS,
    MAX_GESTATION_WEEKS, PREGNANCY_DAYS,
};

#[cfg(test)]
mod tests;
