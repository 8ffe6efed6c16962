//! The grammar of [`crate::age`] as JSON Schema patterns (ECMA-262
//! regular expressions, anchored), so that an editor rejects what the
//! loader rejects: the forms, and the gestation range. The other ranges (an
//! age past 18 years, a duration past 150 years, a number of more than
//! seven whole digits) are sums over terms, which a pattern cannot add up:
//! the loader alone says those.
//!
//! Case is ignored by spelling each letter as a class of its two cases
//! (ECMA-262 has no inline flag); tokens are separated, and may be
//! surrounded, by white space and commas; `and` may stand between any two
//! tokens of an after-birth age, as the loader drops it.

/// A separator between tokens.
const SEP: &str = r"[\s,]+";
/// Optional separators around the whole.
const PAD: &str = r"[\s,]*";
/// A number with at most two decimals.
const NUMBER: &str = r"[0-9]+(?:\.[0-9]{1,2})?";

/// `word` in any case.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Any number of `and` tokens, each followed by a separator.
fn ands() -> String {
    format!("(?:{}{SEP})*", any_case("and"))
}

/// `N unit`, the unit singular or plural, `and` allowed before each token.
fn term(unit: &str) -> String {
    let and = ands();
    format!(
        "{and}{NUMBER}{SEP}{and}{}{}?",
        any_case(unit),
        any_case("s")
    )
}

/// Terms of strictly descending units, each at most once, at least one,
/// then any trailing `and`s.
fn after_birth() -> String {
    let [y, m, w, d] = ["year", "month", "week", "day"].map(term);
    let then = |t: &str| format!("(?:{SEP}{t})?");
    format!(
        "(?:{y}{}{}{}|{m}{}{}|{w}{}|{d})(?:{SEP}{})*",
        then(&m),
        then(&w),
        then(&d),
        then(&w),
        then(&d),
        then(&d),
        any_case("and")
    )
}

/// `W weeks`, `W+D weeks` or `W weeks D days` then `gestation` or
/// `pregnant`, W from 0 to 44 and D from 0 to 6, at most 44+0.
fn gestation() -> String {
    let below = "0*(?:[0-9]|[1-3][0-9]|4[0-3])";
    let top = "0*44";
    let (days, none) = ("0*[0-6]", "0+");
    let weeks = format!("{}{}?", any_case("week"), any_case("s"));
    let day_word = format!("{}{}?", any_case("day"), any_case("s"));
    format!(
        "(?:(?:{below}|{top}){SEP}{weeks}|{below}\\+{days}{SEP}{weeks}|{top}\\+{none}{SEP}{weeks}|{below}{SEP}{weeks}{SEP}{days}{SEP}{day_word}|{top}{SEP}{weeks}{SEP}{none}{SEP}{day_word}){SEP}(?:{}|{})",
        any_case("gestation"),
        any_case("pregnant")
    )
}

/// The pattern of an age ([`crate::age::parse_age`]'s forms).
pub(crate) fn age_pattern() -> String {
    let words = ["pregnancy", "conception", "birth", "newborn"]
        .map(any_case)
        .join("|");
    format!(
        "^{PAD}(?:{words}|{}|{}(?:{SEP}{})?){PAD}$",
        gestation(),
        after_birth(),
        any_case("old")
    )
}

/// The pattern of a duration ([`crate::age::parse_duration`]'s forms).
pub(crate) fn duration_pattern() -> String {
    format!("^{PAD}{}{PAD}$", after_birth())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_spelt_in_both_cases() {
        assert_eq!(any_case("Ab+"), "[Aa][Bb]+");
        assert!(age_pattern().starts_with('^') && duration_pattern().ends_with('$'));
    }
}
