//! Lints on the file's metadata: the review date, and the file's own lint
//! settings. They run whether or not the file compiles.

use super::catalogue::{CATALOGUE, Group};
use super::finding::{LintOptions, Raw};
use super::levels::{known, names};
use crate::document::Metadata;
use crate::document::position::escape_token;
use crate::suggest::did_you_mean;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Reads `YYYY-MM-DD` (ISO 8601, a real calendar day). O(1).
    pub(super) fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        let date = Self {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let valid = (1..=12).contains(&date.month)
            && (1..=days_in_month(date.year, date.month)).contains(&date.day);
        valid.then_some(date)
    }

    /// The same day `months` later (the month's last day when shorter).
    fn plus_months(self, months: u32) -> Self {
        let total = self.month - 1 + months;
        let year = self.year + i32::try_from(total / 12).unwrap_or(0);
        let month = total % 12 + 1;
        Self {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

pub(super) fn lint_metadata(m: &Metadata, options: &LintOptions, out: &mut Vec<Raw>) {
    if let Some(text) = &m.last_reviewed {
        let ptr = "/metadata/last_reviewed";
        match Date::parse(text.trim()) {
            None => out.push(
                Raw::new(
                    "L0110",
                    ptr,
                    format!("`last_reviewed` is `{text}`, which is not a date"),
                )
                .help(Some(
                    "write the date of the last review as YYYY-MM-DD, e.g. `2026-11-01`".into(),
                )),
            ),
            Some(reviewed) => {
                let due = reviewed.plus_months(options.review_months);
                if let Some(today) = options.today.as_deref().and_then(Date::parse) {
                    if today >= due {
                        out.push(
                            Raw::new(
                                "L0206",
                                ptr,
                                format!(
                                    "the pathway was last reviewed on `{text}`, more than {} months ago",
                                    options.review_months
                                ),
                            )
                            .help(Some("review it against its sources and update the date".into())),
                        );
                    }
                }
            }
        }
    }
    for key in m.lints.keys() {
        let ptr = format!("/metadata/lints/{}", escape_token(key));
        if !known(key) {
            let candidates =
                CATALOGUE
                    .iter()
                    .map(|l| l.name)
                    .chain(["correctness", "suspicious", "style"]);
            let help = did_you_mean(key, candidates).map(|s| format!("did you mean `{s}`?"));
            let mut r = Raw::new("L0304", &ptr, format!("no lint is called `{key}`")).help(help);
            r.key = true;
            out.push(r);
        } else if CATALOGUE
            .iter()
            .filter(|l| names(key, l))
            .all(|l| l.group == Group::Shape)
        {
            let mut r = Raw::new(
                "L0304",
                &ptr,
                format!("`{key}` is a shape or structural error, which cannot be silenced"),
            )
            .help(Some("fix the file instead".into()));
            r.key = true;
            out.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_and_months() {
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("last Tuesday").is_none());
        assert!(Date::parse("2026-1-01").is_none());
        let d = Date::parse("2025-01-31").map(|d| d.plus_months(1));
        assert_eq!(d, Date::parse("2025-02-28"));
        let d = Date::parse("2025-11-30").map(|d| d.plus_months(12));
        assert_eq!(d, Date::parse("2026-11-30"));
    }
}
