//! Names as people write them, and "did you mean …?" for the rest.
//!
//! [`resolve`] finds what a user means among entries that each have an id
//! and a name (a region `city-of-edinburgh` named "City of Edinburgh"): the
//! exact id, else the one entry whose id or name is the same text ignoring
//! case, spaces and punctuation (`City of Edinburgh`, `city of edinburgh`,
//! `CITY-OF-EDINBURGH`). Several such entries make the text ambiguous; none
//! gives up to three [`Candidate`]s: entries whose id or name contains the
//! text (`edinburgh`), then the closest misspellings.
//!
//! Complexity: O(c · n · m) for c candidates of length m and a word of
//! length n (edit distance with transpositions, one table per pair).
//!
//! Complexity of the distances: O(c · n · k) for c candidates and a word
//! of length n, where k = 2·⌊n/3⌋ + 1 is the band of the edit distance
//! that can still be close enough (a three-row, banded table with early
//! exit); [`did_you_mean`] fills at most 1,000,000 cells (a word with more
//! close candidates than that gets no suggestion). Candidates whose length
//! differs from the word's by more than the allowed distance are skipped
//! without a table, and words longer than [`MAX_WORD_CHARS`] get no
//! suggestion: no identifier is that long, and a 1 MB id once asked for
//! terabytes of table.
//!
//! A leaf: imports nothing from the crate.

use serde::{Deserialize, Serialize};

/// What kind of thing a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NameKind {
    /// A region of the pathway.
    Region,
    /// A service.
    Service,
    /// An adversity of the vocabulary.
    Adversity,
    /// A fact of the vocabulary.
    Fact,
    /// A tag some services carry.
    Tag,
}

impl NameKind {
    /// The kind as a word: `region`, `service`, `adversity`, `fact`, `tag`.
    ///
    /// ```
    /// assert_eq!(carepath::suggest::NameKind::Region.as_str(), "region");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Service => "service",
            Self::Adversity => "adversity",
            Self::Fact => "fact",
            Self::Tag => "tag",
        }
    }
}

/// One entry a name might mean: its id and its name.
///
/// ```
/// let c = carepath::suggest::Candidate::new("fife", "Fife");
/// assert_eq!(c.to_string(), "`fife` (Fife)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Candidate {
    /// The id.
    pub id: String,
    /// The name (the id again for things without a name, such as tags).
    pub name: String,
}

impl Candidate {
    /// A candidate from an id and a name.
    ///
    /// ```
    /// let c = carepath::suggest::Candidate::new("trauma", "Trauma");
    /// assert_eq!(c.id, "trauma");
    /// ```
    #[must_use]
    pub fn new(id: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name == self.id || self.name.is_empty() {
            write!(f, "`{}`", self.id)
        } else {
            write!(f, "`{}` ({})", self.id, self.name)
        }
    }
}

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resolution {
    /// The index of the one entry meant.
    Found(usize),
    /// Several entries have this id or name: their indices.
    Ambiguous(Vec<usize>),
    /// No entry: up to three indices of the likeliest, best first.
    Unknown(Vec<usize>),
}

/// The text folded for comparison: lowercase letters and digits only.
///
/// ```
/// assert_eq!(carepath::suggest::fold("City of Edinburgh"), "cityofedinburgh");
/// assert_eq!(carepath::suggest::fold("city-of-edinburgh"), "cityofedinburgh");
/// ```
#[must_use]
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Resolves `text` among `(id, name)` entries: the exact id; else the one
/// entry whose id or name folds ([`fold`]) to the same text; else
/// ambiguous, or unknown with up to three suggestions.
///
/// Complexity: O(entries) for a match; O(entries · n · m) for suggestions.
///
/// ```
/// use carepath::suggest::{Resolution, resolve};
/// let regions = [("city-of-edinburgh", "City of Edinburgh"), ("fife", "Fife"),
///                ("glasgow-city", "Glasgow City"), ("nhs-greater-glasgow", "NHS Greater Glasgow")];
/// assert_eq!(resolve("City of Edinburgh", &regions), Resolution::Found(0));
/// assert_eq!(resolve("FIFE", &regions), Resolution::Found(1));
/// assert_eq!(resolve("edinburgh", &regions), Resolution::Unknown(vec![0]));
/// assert_eq!(resolve("glasgow", &regions), Resolution::Unknown(vec![2, 3]));
/// assert_eq!(resolve("nhs-glasgo", &regions), Resolution::Unknown(vec![3, 2]));
/// ```
#[must_use]
pub fn resolve(text: &str, entries: &[(&str, &str)]) -> Resolution {
    if let Some(i) = entries.iter().position(|(id, _)| *id == text) {
        return Resolution::Found(i);
    }
    let folded = fold(text);
    let same: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (id, name))| {
            !folded.is_empty() && (fold(id) == folded || fold(name) == folded)
        })
        .map(|(i, _)| i)
        .collect();
    match same.as_slice() {
        [one] => return Resolution::Found(*one),
        [_, _, ..] => return Resolution::Ambiguous(same),
        [] => {}
    }
    // No name is that long: no suggestion (a 131,000-character `--region`
    // once took minutes).
    if folded.chars().count() > MAX_WORD_CHARS {
        return Resolution::Unknown(Vec::new());
    }
    // Containing the text, shortest first; then the closest misspellings;
    // then those sharing the most words (of three letters or more; the
    // first eight).
    let ours: Vec<String> = words(text)
        .filter(|w| w.chars().count() >= 3)
        .take(8)
        .collect();
    let limit = (folded.chars().count() / 3).max(1);
    let mut ranked: Vec<(usize, usize, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, (id, name))| {
            let (fid, fname) = (fold(id), fold(name));
            if folded.chars().count() >= 3 && (fid.contains(&folded) || fname.contains(&folded)) {
                return Some((0, fid.len().min(fname.len()), i));
            }
            let d = match (
                distance(&folded, &fid, limit),
                distance(&folded, &fname, limit),
            ) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if let Some(d) = d {
                return Some((1, d, i));
            }
            // Words in common, allowing a misspelling in each: most first.
            let theirs: Vec<String> = words(id).chain(words(name)).collect();
            let common = ours
                .iter()
                .filter(|w| {
                    let limit = (w.chars().count() / 3).max(1);
                    theirs.iter().any(|t| distance(w, t, limit).is_some())
                })
                .count();
            (common > 0).then(|| (2, usize::MAX - common, i))
        })
        .collect();
    ranked.sort_unstable();
    Resolution::Unknown(ranked.iter().take(3).map(|&(_, _, i)| i).collect())
}

/// Whether `word` (lowercase) appears in `candidate` between separators
/// (`_`, `-`) or its ends.
fn whole_part(word: &str, candidate: &str) -> bool {
    let c = candidate.to_lowercase();
    c.match_indices(word).any(|(i, _)| {
        let before = c.get(..i).and_then(|b| b.chars().next_back());
        let after = c.get(i + word.len()..).and_then(|a| a.chars().next());
        before.is_none_or(|b| b == '_' || b == '-') && after.is_none_or(|a| a == '_' || a == '-')
    })
}

/// The longest word a suggestion is looked for (in characters).
pub const MAX_WORD_CHARS: usize = 256;

/// The candidate closest to `word` by edit distance, when close enough to
/// be a plausible misspelling (at most a third of the word's length, and at
/// least 1), ties broken by the candidate that sorts first.
///
/// ```
/// let ids = ["domestic_abuse", "trauma", "poverty"];
/// assert_eq!(carepath::suggest::did_you_mean("domestic_abuze", ids), Some("domestic_abuse".into()));
/// assert_eq!(carepath::suggest::did_you_mean("zzz", ids), None);
/// // A word of five or more letters that is a whole part of a candidate:
/// let ids = ["parental_substance_misuse", "trauma"];
/// assert_eq!(carepath::suggest::did_you_mean("substance_misuse", ids),
///            Some("parental_substance_misuse".into()));
/// ```
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let n = word.chars().count();
    if n > MAX_WORD_CHARS {
        return None;
    }
    let limit = (n / 3).max(1);
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    let mut prefixed: Option<&str> = None;
    let mut part: Option<&str> = None;
    let mut close: Vec<&str> = Vec::new();
    let lower_word = word.to_lowercase();
    for c in candidates {
        if c == word {
            continue;
        }
        // A word of five or more letters that is a whole part of a
        // candidate (`substance_misuse` in `parental_substance_misuse`):
        // the shortest such, after a prefix. O(length of the candidate).
        if n >= 5 && part.is_none_or(|p| (c.len(), c) < (p.len(), p)) && whole_part(&lower_word, c)
        {
            part = Some(c);
        }
        // A word of three or more letters that begins a candidate: the
        // shortest such wins over any distance.
        // (Each check reads at most n + limit characters of the candidate,
        // however long it is.)
        let mut folded = c.chars().flat_map(char::to_lowercase);
        if n >= 3 && lower.iter().all(|&x| folded.next() == Some(x)) {
            if prefixed.is_none_or(|p| (c.len(), c) < (p.len(), p)) {
                prefixed = Some(c);
            }
        } else if prefixed.is_none()
            && c.len() <= 4 * (n + limit)
            && c.chars().count().abs_diff(n) <= limit
        {
            close.push(c);
        }
    }
    if let Some(p) = prefixed.or(part) {
        return Some(p.to_owned());
    }
    // The work is known before it starts: too much, and no suggestion (so
    // the answer never depends on the order candidates come in).
    let band = 2 * limit + 1;
    if close.len().saturating_mul(n.saturating_mul(band)) > MAX_WORK {
        return None;
    }
    let mut rows = Rows::default();
    let mut best: Option<(usize, &str)> = None;
    let mut theirs = Vec::new();
    for c in close {
        theirs.clear();
        theirs.extend(c.to_lowercase().chars());
        if let Some(d) = distance_within(&lower, &theirs, limit, &mut rows) {
            if best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c.to_owned())
}

/// The most cells of distance tables one suggestion may fill (about a
/// millisecond): 3,000 candidates of a 30-letter id.
const MAX_WORK: usize = 1_000_000;

/// Three rows of a distance table, reused across candidates.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    last: Vec<usize>,
    this: Vec<usize>,
}

/// The words of a text, folded: split at anything not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

/// Edit distance in characters, case-insensitive, counting a swap of two
/// neighbouring characters as one edit, when at most `limit`.
fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.len() > 4 * MAX_WORD_CHARS || b.len() > 4 * MAX_WORD_CHARS {
        return None;
    }
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    distance_within(&a, &b, limit, &mut Rows::default())
}

/// Edit distance in characters (optimal string alignment: a swap of two
/// neighbouring characters is one edit), when at most `limit`; `None`
/// otherwise. Only cells within `limit` of the diagonal are computed, three
/// rows at a time; the scan stops as soon as a row exceeds `limit`.
fn distance_within(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let far = limit + 1;
    let Rows { before, last, this } = rows;
    for r in [&mut *before, &mut *last, &mut *this] {
        r.clear();
        r.resize(w, far);
    }
    for (j, c) in last.iter_mut().enumerate().take(limit + 1) {
        *c = j;
    }
    let at = |r: &[usize], j: usize| r.get(j).copied().unwrap_or(far);
    for i in 1..=a.len() {
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(b.len());
        // The cells just outside the band, which the next rows read.
        let left = if lo == 1 && i <= limit { i } else { far };
        if let Some(c) = this.get_mut(lo - 1) {
            *c = left;
        }
        if let Some(c) = this.get_mut(hi + 1) {
            *c = far;
        }
        let mut row_min = left;
        let ca = a.get(i - 1);
        let ca_before = i.checked_sub(2).and_then(|k| a.get(k));
        for j in lo..=hi {
            let cb = b.get(j - 1);
            let cost = usize::from(ca != cb);
            let mut v = (at(last, j) + 1)
                .min(at(this, j - 1) + 1)
                .min(at(last, j - 1) + cost);
            if j > 1 && ca_before.is_some() && ca == b.get(j - 2) && ca_before == cb {
                v = v.min(at(before, j - 2) + 1);
            }
            let v = v.min(far);
            if let Some(c) = this.get_mut(j) {
                *c = v;
            }
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        // Rotate: this → last → before → (reused as) this.
        std::mem::swap(before, last);
        std::mem::swap(last, this);
    }
    let d = at(last, b.len());
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.to_lowercase().chars().collect();
        let b: Vec<char> = b.to_lowercase().chars().collect();
        distance_within(&a, &b, 3, &mut Rows::default())
    }

    #[test]
    fn distances() {
        assert_eq!(dist("kitten", "sitting"), Some(3));
        assert_eq!(dist("", "abc"), Some(3));
        assert_eq!(dist("", "abcd"), None);
        assert_eq!(dist("nhs-fife", "NHS-Fife"), Some(0));
        assert_eq!(dist("lnad", "land"), Some(1));
        assert_eq!(dist("abcdefgh", "hgfedcba"), None);
        assert_eq!(dist("abcdefghij", "abcxyzghij"), Some(3));
    }

    /// The banded distance agrees with the full table wherever it answers.
    #[test]
    #[allow(clippy::needless_range_loop)]
    fn banded_agrees_with_the_full_table() {
        fn full(a: &[char], b: &[char]) -> usize {
            let w = b.len() + 1;
            let mut d = vec![0usize; (a.len() + 1) * w];
            for i in 0..=a.len() {
                d[i * w] = i;
            }
            for j in 0..=b.len() {
                d[j] = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut v = (d[(i - 1) * w + j] + 1)
                        .min(d[i * w + j - 1] + 1)
                        .min(d[(i - 1) * w + j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = v.min(d[(i - 2) * w + j - 2] + 1);
                    }
                    d[i * w + j] = v;
                }
            }
            d[a.len() * w + b.len()]
        }
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bca", "abcd", "dcba", "aabb", "abab", "baba",
            "abcabc", "cabcab", "xyz",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let exact = full(&ca, &cb);
                for limit in 0..5 {
                    let banded = distance_within(&ca, &cb, limit, &mut Rows::default());
                    assert_eq!(banded, (exact <= limit).then_some(exact), "{a} {b} {limit}");
                }
            }
        }
    }

    #[test]
    fn long_words_and_far_lengths_cost_nothing() {
        let huge = "x".repeat(1_000_000);
        assert_eq!(did_you_mean(&huge, ["x", "xx"]), None);
        let long = "y".repeat(200);
        let candidates: Vec<String> = (0..10_000).map(|i| format!("id-{i}")).collect();
        assert_eq!(
            did_you_mean(&long, candidates.iter().map(String::as_str)),
            None
        );
    }

    #[test]
    fn suggestion_ties_go_to_the_first_in_order() {
        assert_eq!(did_you_mean("ab", ["ac", "aa"]), Some("aa".into()));
    }
}
