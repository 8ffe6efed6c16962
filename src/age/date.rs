//! Calendar dates, and ages from a date of birth or a due date.
//!
//! Dates are proleptic Gregorian, converted to and from a day count with
//! Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
//! (<https://howardhinnant.github.io/date_algorithms.html>), O(1) each.
//! The library never reads the clock: the day a question is asked is
//! always given.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::units::{AgeError, MAX_AGE_DAYS, MAX_GESTATION_WEEKS, PREGNANCY_DAYS};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day, written `YYYY-MM-DD` (years 1000 to 9999 when read).
///
/// ```
/// use carepath::age::Date;
/// let d = Date::parse("2027-03-14")?;
/// assert_eq!(d.to_string(), "2027-03-14");
/// assert_eq!(d.written(), "14 March 2027");
/// assert_eq!(d.plus_days(18).to_string(), "2027-04-01");
/// assert_eq!(Date::parse("2026-11-25")?.days_until(d), 109);
/// # Ok::<(), carepath::age::AgeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when the month and day exist in that year.
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let length = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > length {
            return None;
        }
        Some(Self {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// Reads `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`AgeError::NotADate`] for any other text, or a day that does not exist.
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert!(Date::parse("2026-02-29").is_err());
    /// assert!(Date::parse("14/03/2027").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, AgeError> {
        let bad = || AgeError::NotADate { text: text.into() };
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) || y.starts_with('0') {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(bad());
        };
        Self::new(y, m, d).ok_or_else(bad)
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(carepath::age::Date::new(2027, 3, 14).map(|d| d.year()), Some(2027));
    /// ```
    #[must_use]
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// assert_eq!(carepath::age::Date::new(2027, 3, 14).map(|d| d.month()), Some(3));
    /// ```
    #[must_use]
    pub const fn month(self) -> u32 {
        self.month as u32
    }

    /// The day of the month, 1 to 31.
    ///
    /// ```
    /// assert_eq!(carepath::age::Date::new(2027, 3, 14).map(|d| d.day()), Some(14));
    /// ```
    #[must_use]
    pub const fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
    /// assert_eq!(Date::new(2000, 3, 1).map(Date::days_since_epoch), Some(11_017));
    /// ```
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        // Hinnant's days_from_civil: years start on 1 March, so the leap
        // day is the last day of its year.
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y.rem_euclid(400);
        let day_of_year =
            (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01, for days within about ±2.7
    /// million years (beyond, the count is clamped there).
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert_eq!(Date::from_days_since_epoch(11_016).to_string(), "2000-02-29");
    /// ```
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        const LIMIT: i64 = 1_000_000_000;
        let z = days.clamp(-LIMIT, LIMIT) + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            // |days| <= 1e9 keeps the year within ±2.8 million.
            year: i32::try_from(year).unwrap_or(0),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The date `days` later (earlier when negative).
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert_eq!(Date::parse("2024-02-28")?.plus_days(1).to_string(), "2024-02-29");
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    #[must_use]
    pub fn plus_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Days from this date to `later` (negative when `later` is earlier).
    ///
    /// ```
    /// use carepath::age::Date;
    /// assert_eq!(Date::parse("2026-01-01")?.days_until(Date::parse("2027-01-01")?), 365);
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    #[must_use]
    pub fn days_until(self, later: Self) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The date as people write it: `14 March 2027`.
    ///
    /// ```
    /// assert_eq!(carepath::age::Date::new(2026, 1, 2).map(|d| d.written()).as_deref(), Some("2 January 2026"));
    /// ```
    #[must_use]
    pub fn written(self) -> String {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .unwrap_or(&"");
        format!("{} {month} {}", self.day, self.year)
    }
}

fn leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar day, `YYYY-MM-DD`."
        })
    }
}

/// The age in days on `today` of a child born on `born`.
///
/// # Errors
/// [`AgeError::BornAfterToday`], or [`AgeError::BornTooLongAgo`] past
/// [`MAX_AGE_DAYS`](super::MAX_AGE_DAYS).
///
/// ```
/// use carepath::age::{Date, age_from_birth};
/// let today = Date::parse("2026-11-25")?;
/// assert_eq!(age_from_birth(Date::parse("2026-11-25")?, today), Ok(0));
/// assert_eq!(age_from_birth(Date::parse("2026-10-14")?, today), Ok(42));
/// assert!(age_from_birth(Date::parse("2026-11-26")?, today).is_err());
/// # Ok::<(), carepath::age::AgeError>(())
/// ```
pub fn age_from_birth(born: Date, today: Date) -> Result<i32, AgeError> {
    let days = born.days_until(today);
    if days < 0 {
        return Err(AgeError::BornAfterToday {
            born: born.to_string(),
            today: today.to_string(),
        });
    }
    match i32::try_from(days) {
        Ok(d) if d <= MAX_AGE_DAYS => Ok(d),
        _ => Err(AgeError::BornTooLongAgo {
            born: born.to_string(),
            today: today.to_string(),
        }),
    }
}

/// The age in days on `today` of a pregnancy due on `due`: negative before
/// the due date, from −280 (gestational week 0) to +28 (44 weeks).
///
/// # Errors
/// [`AgeError::DueOutOfRange`] outside those bounds.
///
/// ```
/// use carepath::age::{Date, age_from_due_date};
/// let today = Date::parse("2026-11-25")?;
/// // Due in 8 weeks: 32 weeks pregnant.
/// assert_eq!(age_from_due_date(Date::parse("2027-01-20")?, today), Ok(-56));
/// assert!(age_from_due_date(Date::parse("2027-12-01")?, today).is_err());
/// # Ok::<(), carepath::age::AgeError>(())
/// ```
pub fn age_from_due_date(due: Date, today: Date) -> Result<i32, AgeError> {
    let days = due.days_until(today);
    let latest = i64::from(MAX_GESTATION_WEEKS) * 7 - i64::from(PREGNANCY_DAYS);
    match i32::try_from(days) {
        Ok(d) if days >= -i64::from(PREGNANCY_DAYS) && days <= latest => Ok(d),
        _ => Err(AgeError::DueOutOfRange {
            due: due.to_string(),
            today: today.to_string(),
        }),
    }
}
