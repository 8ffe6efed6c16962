//! Reading ages and durations written as people write them (the grammar is
//! documented once, in [`crate::age`]).
//!
//! Complexity: O(length of the text).

use super::units::{
    AgeError, MAX_AGE_DAYS, MAX_DAYS, MAX_GESTATION_WEEKS, PREGNANCY_DAYS, SIXTEENTHS,
};

/// Parses an age written as people write it into days from birth (the due
/// date in pregnancy; negative before it). The forms are listed in
/// [`crate::age`].
///
/// # Errors
/// [`AgeError::NotAnAge`] for text of no accepted form,
/// [`AgeError::GestationOutOfRange`] past 44 weeks of gestation and
/// [`AgeError::AgeOutOfRange`] past 18 years.
///
/// ```
/// use carepath::age::parse_age;
/// assert_eq!(parse_age("birth"), Ok(0));
/// assert_eq!(parse_age("6 weeks old"), Ok(42));
/// assert_eq!(parse_age("32 weeks pregnant"), Ok(-56));
/// assert_eq!(parse_age("2 years 11 months"), Ok(1065));
/// assert_eq!(parse_age("1.5 years"), Ok(548));
/// assert!(parse_age("six weeks").is_err());
/// ```
pub fn parse_age(text: &str) -> Result<i32, AgeError> {
    let lower = normalise(text);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let not_an_age = || AgeError::NotAnAge { text: text.into() };
    match words.as_slice() {
        ["pregnancy" | "conception"] => return Ok(-PREGNANCY_DAYS),
        ["birth" | "newborn"] => return Ok(0),
        [rest @ .., "gestation" | "pregnant"] => return gestation(rest, text),
        _ => {}
    }
    let terms = match words.as_slice() {
        [rest @ .., "old"] => rest,
        all => all,
    };
    match after_birth(terms) {
        Some(Days::Exact(days)) if days <= i64::from(MAX_AGE_DAYS) => {
            i32::try_from(days).map_err(|_| not_an_age())
        }
        Some(_) => Err(AgeError::AgeOutOfRange { text: text.into() }),
        None => Err(not_an_age()),
    }
}

/// Parses a duration (a wait or a referral delay) into days: the after-birth
/// forms of [`crate::age`] without `old`, up to 150 years.
///
/// # Errors
/// [`AgeError::NotADuration`] or [`AgeError::TooLarge`].
///
/// ```
/// use carepath::age::parse_duration;
/// assert_eq!(parse_duration("0 days"), Ok(0));
/// assert_eq!(parse_duration("18 weeks"), Ok(126));
/// assert_eq!(parse_duration("1 month"), Ok(30));
/// assert_eq!(parse_duration("1 week 3 days"), Ok(10));
/// assert!(parse_duration("pregnancy").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<i32, AgeError> {
    let lower = normalise(text);
    let words: Vec<&str> = lower.split_whitespace().collect();
    match after_birth(&words) {
        Some(Days::Exact(days)) if days <= i64::from(MAX_DAYS) => {
            i32::try_from(days).map_err(|_| AgeError::TooLarge { text: text.into() })
        }
        Some(_) => Err(AgeError::TooLarge { text: text.into() }),
        None => Err(AgeError::NotADuration { text: text.into() }),
    }
}

/// Lowercase, with commas as spaces.
fn normalise(text: &str) -> String {
    text.to_lowercase().replace(',', " ")
}

/// `W weeks`, `W+D weeks` or `W weeks D days`, before `gestation` or
/// `pregnant`: day (W − 40) × 7 + D.
fn gestation(words: &[&str], text: &str) -> Result<i32, AgeError> {
    let not_an_age = || AgeError::NotAnAge { text: text.into() };
    let out_of_range = || AgeError::GestationOutOfRange { text: text.into() };
    let (weeks, days) = match words {
        [n, "week" | "weeks"] => n.split_once('+').unwrap_or((n, "0")),
        [w, "week" | "weeks", d, "day" | "days"] => (*w, *d),
        _ => return Err(not_an_age()),
    };
    let whole = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !whole(weeks) || !whole(days) {
        return Err(not_an_age());
    }
    // Too many digits to parse is far out of range.
    let weeks: u32 = weeks.parse().map_err(|_| out_of_range())?;
    let days: u32 = days.parse().map_err(|_| out_of_range())?;
    if days > 6 || weeks > MAX_GESTATION_WEEKS || (weeks == MAX_GESTATION_WEEKS && days > 0) {
        return Err(out_of_range());
    }
    // weeks <= 44 and days <= 6: no overflow.
    let since_start = i32::try_from(weeks * 7 + days).map_err(|_| out_of_range())?;
    Ok(since_start - PREGNANCY_DAYS)
}

/// A sum of terms, in days.
enum Days {
    Exact(i64),
    TooLarge,
}

/// `N unit (N unit)…`, units from years down to days, each at most once,
/// with `and` allowed between terms; `N` whole or with one or two decimals.
/// The sum is exact (in 1/1600 of a day) and rounded once, halves up.
fn after_birth(words: &[&str]) -> Option<Days> {
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "and").collect();
    if words.is_empty() || words.len() % 2 != 0 {
        return None;
    }
    let mut total: u64 = 0;
    let mut last_unit = None;
    let mut too_large = false;
    for pair in words.chunks(2) {
        let [number, unit] = pair else { return None };
        let unit = unit.strip_suffix('s').unwrap_or(unit);
        let position = SIXTEENTHS.iter().position(|(u, _)| *u == unit)?;
        if last_unit.is_some_and(|l| position <= l) {
            return None; // units repeat or are out of order
        }
        last_unit = Some(position);
        let (_, sixteenths) = SIXTEENTHS.get(position)?;
        match hundredths(number)? {
            Some(n) => total = total.saturating_add(n.saturating_mul(*sixteenths)),
            None => too_large = true,
        }
    }
    if too_large {
        return Some(Days::TooLarge);
    }
    // 1600 = 100 (hundredths) × 16 (sixteenths of a day); + 800 rounds half up.
    Some(i64::try_from(total.saturating_add(800) / 1600).map_or(Days::TooLarge, Days::Exact))
}

/// A number of at most two decimals, in hundredths; `Some(None)` when it has
/// too many digits to be a sensible age.
fn hundredths(number: &str) -> Option<Option<u64>> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return None;
    }
    if number.contains('.') && fraction.is_empty() {
        return None;
    }
    if whole.trim_start_matches('0').len() > 7 {
        return Some(None);
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction: u64 = format!("{fraction:0<2}").parse().ok()?;
    Some(Some(whole * 100 + fraction))
}
