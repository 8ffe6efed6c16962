//! "Did you mean …?" suggestions for misspelt identifiers.
//!
//! Complexity: O(c · n · m) for c candidates of length m and a word of
//! length n (Levenshtein distance with one row of memory).

/// The candidate closest to `word` by edit distance, when close enough to
/// be a plausible misspelling (at most a third of the word's length, and at
/// least 1), ties broken by the candidate that sorts first.
///
/// ```
/// let ids = ["domestic_abuse", "trauma", "poverty"];
/// assert_eq!(carepath::suggest::did_you_mean("domestic_abuze", ids), Some("domestic_abuse".into()));
/// assert_eq!(carepath::suggest::did_you_mean("zzz", ids), None);
/// ```
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}

/// Levenshtein distance in characters, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev_diag = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != cb);
            let value = (prev_diag + cost).min(above + 1).min(left + 1);
            prev_diag = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("nhs-fife", "NHS-Fife"), 0);
    }

    #[test]
    fn suggestion_ties_go_to_the_first_in_order() {
        assert_eq!(did_you_mean("ab", ["ac", "aa"]), Some("aa".into()));
    }
}
