//! "Did you mean …?" suggestions for misspelt identifiers.
//!
//! Complexity: O(c · n · m) for c candidates of length m and a word of
//! length n (edit distance with transpositions, one table per pair).
//!
//! A leaf: imports nothing from the crate.

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
    let candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != word).collect();
    // A word of three or more letters that begins a candidate: the shortest such.
    if word.chars().count() >= 3 {
        let lower = word.to_lowercase();
        if let Some(c) = candidates
            .iter()
            .filter(|c| c.to_lowercase().starts_with(&lower))
            .min_by_key(|c| (c.len(), **c))
        {
            return Some((*c).to_owned());
        }
    }
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}

/// Edit distance in characters, case-insensitive, counting a swap of two
/// neighbouring characters as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let w = b.len() + 1;
    // Full table: (a.len() + 1) × (b.len() + 1); ids are short.
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(c) = d.get_mut(at(i, 0)) {
            *c = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(c) = d.get_mut(at(0, j)) {
            *c = j;
        }
    }
    let get = |d: &[usize], i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ca, cb) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ca != cb);
            let mut v = (get(&d, i - 1, j) + 1)
                .min(get(&d, i, j - 1) + 1)
                .min(get(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && ca == b.get(j - 2) && a.get(i - 2) == cb {
                v = v.min(get(&d, i - 2, j - 2) + 1);
            }
            if let Some(c) = d.get_mut(at(i, j)) {
                *c = v;
            }
        }
    }
    get(&d, a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("nhs-fife", "NHS-Fife"), 0);
        assert_eq!(distance("lnad", "land"), 1);
    }

    #[test]
    fn suggestion_ties_go_to_the_first_in_order() {
        assert_eq!(did_you_mean("ab", ["ac", "aa"]), Some("aa".into()));
    }
}
