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
    // Containing the text, shortest first; then the closest misspellings;
    // then those sharing the most words (of three letters or more).
    let ours: Vec<String> = words(text).filter(|w| w.chars().count() >= 3).collect();
    let limit = (folded.chars().count() / 3).max(1);
    let mut ranked: Vec<(usize, usize, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, (id, name))| {
            let (fid, fname) = (fold(id), fold(name));
            if folded.chars().count() >= 3 && (fid.contains(&folded) || fname.contains(&folded)) {
                return Some((0, fid.len().min(fname.len()), i));
            }
            let d = distance(&folded, &fid).min(distance(&folded, &fname));
            if d <= limit {
                return Some((1, d, i));
            }
            // Words in common, allowing a misspelling in each: most first.
            let theirs: Vec<String> = words(id).chain(words(name)).collect();
            let common = ours
                .iter()
                .filter(|w| {
                    let limit = (w.chars().count() / 3).max(1);
                    theirs.iter().any(|t| distance(w, t) <= limit)
                })
                .count();
            (common > 0).then(|| (2, usize::MAX - common, i))
        })
        .collect();
    ranked.sort_unstable();
    Resolution::Unknown(ranked.iter().take(3).map(|&(_, _, i)| i).collect())
}

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

/// The words of a text, folded: split at anything not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
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
