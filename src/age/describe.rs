//! Saying an age or a duration the way a referrer would.
//!
//! Complexity: O(1).

use super::units::{DAYS_PER_MONTH, DAYS_PER_YEAR, PREGNANCY_DAYS};

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
    let mut out = String::new();
    describe_into(&mut out, days);
    out
}

/// [`describe`], written at the end of `out` (no string of its own: a
/// route's every step says an age or two).
pub(crate) fn describe_into(out: &mut String, days: i32) {
    use std::fmt::Write;
    if days < 0 {
        let since = days + PREGNANCY_DAYS;
        if since <= 0 {
            if since == 0 {
                out.push_str("pregnancy (0 weeks gestation)");
            } else {
                push_int(out, -i64::from(since));
                out.push_str(" days before pregnancy");
            }
            return;
        }
        let (w, d) = (since / 7, since % 7);
        push_int(out, i64::from(w));
        if d != 0 {
            out.push('+');
            push_int(out, i64::from(d));
        }
        out.push_str(" weeks gestation");
        return;
    }
    match days {
        0 => out.push_str("birth"),
        1 => out.push_str("1 day"),
        2..=13 => {
            push_int(out, i64::from(days));
            out.push_str(" days");
        }
        14..=90 => {
            push_int(out, i64::from(days / 7));
            out.push_str(" weeks");
            if days % 7 != 0 {
                out.push(' ');
                push_int(out, i64::from(days % 7));
                out.push_str(" days");
            }
        }
        _ if days < 1826 => {
            // Tenths of a month, rounded: a month is 30.4375 = 487/16 days,
            // so tenths = days · 160 / 487 (487 is prime: never a tie).
            let tenths = (i64::from(days) * 320 + 487) / 974;
            push_int(out, tenths / 10);
            if tenths % 10 != 0 {
                out.push('.');
                push_int(out, tenths % 10);
            }
            out.push_str(" months");
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
            let _ = if months < 1.0 {
                write!(out, "{years:.0} years")
            } else {
                write!(out, "{years:.0} years {months:.0} months")
            };
        }
    }
}

/// Writes `n` in decimal at the end of `out` (what `{n}` writes, without
/// the formatting machinery). O(digits).
fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let v = n.unsigned_abs();
    if v >= 10 {
        push_int(out, i64::try_from(v / 10).unwrap_or(i64::MAX));
    }
    out.push(char::from(b'0' + (v % 10) as u8));
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
