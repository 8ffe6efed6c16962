//! The fast path of the shape pass: one read of the text, allocating
//! nothing, that says whether the file is *clean* — one JSON value of the
//! pathway's shape in which neither the shape check nor the duplicate-key
//! scan could find anything. Most files a designer lints are; for them the
//! lint skips reading the text into a `Value`, checking it, scanning it for
//! repeated keys and converting the `Value` to the document, and reads the
//! document straight from the text.
//!
//! **Exact.** The reader answers `true` only when every value has the kind
//! its [`Shape`] asks (an object where an object is asked, never a list),
//! every object's keys are fields of its shape (so none repeats) and every
//! required field is there, no field but an optional one is `null`, every
//! value from a fixed list is on it, every rule is an object of one known
//! kind, and every key of a free map is unique. On such a text the shape
//! check reports nothing and repairs nothing, the duplicate-key scan finds
//! nothing, and the document read from the text is the one read from its
//! `Value` (objects are read field by field, and each field appears once).
//! Anything it is unsure of — an escaped key or listed value, an object
//! inside a fact's value, nesting deeper than [`MAX_DEPTH`], text that is
//! not JSON — makes it answer `false`, and the full shape pass runs: a
//! wrong `false` costs time, never a finding.
//!
//! Complexity: O(n) time in the length of the text, O(1) memory beyond the
//! recursion, which [`MAX_DEPTH`] bounds (and the keys of a free map, at
//! most [`MAX_MAP_KEYS`], compared pairwise).

use super::shape::{Field, Need, PATHWAY, Shape, rule_shape};

/// Nesting deeper than this is left to the full shape pass (the JSON
/// reader's own limit, [`crate::limits::MAX_NESTING`], is twice it).
const MAX_DEPTH: usize = 64;

/// A free map (the file's lint settings) with more keys than this is left
/// to the full shape pass, so that comparing its keys stays cheap.
const MAX_MAP_KEYS: usize = 64;

/// Whether `text` is a clean pathway file; see the module docs.
pub(super) fn is_clean(text: &str) -> bool {
    let mut r = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    r.value(Shape::Object(PATHWAY), 0) && {
        r.space();
        r.at == r.bytes.len()
    }
}

/// A position in the text.
struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON white space.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips white space, then `b` if it is next.
    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let next = self.peek() == Some(b);
        if next {
            self.at += 1;
        }
        next
    }

    /// A string: its raw bytes between the quotes, and whether it holds
    /// an escape. `None` when no string starts here or it does not end.
    fn string(&mut self) -> Option<(&'t [u8], bool)> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        let mut escaped = false;
        loop {
            self.at += quote_or_backslash(self.bytes.get(self.at..)?)?;
            if self.peek()? == b'"' {
                break;
            }
            escaped = true;
            self.at += 2;
        }
        let raw = self.bytes.get(start..self.at)?;
        self.at += 1;
        Some((raw, escaped))
    }

    /// The literal `word` (`true`, `false`, `null`).
    fn literal(&mut self, word: &[u8]) -> bool {
        self.space();
        let end = self.at + word.len();
        let found = self.bytes.get(self.at..end) == Some(word);
        if found {
            self.at = end;
        }
        found
    }

    /// Whether `null` comes next (and skips it).
    fn null(&mut self) -> bool {
        self.literal(b"null")
    }

    /// A value of `shape`, `depth` containers deep.
    fn value(&mut self, shape: Shape, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match shape {
            Shape::Text => self.string().is_some(),
            Shape::OneOf(values) => self.string().is_some_and(|(raw, escaped)| {
                !escaped && values.iter().any(|v| v.as_bytes() == raw)
            }),
            Shape::Bool => self.literal(b"true") || self.literal(b"false"),
            Shape::Any => self.any(depth),
            Shape::List(inner) => self.list(|r| r.value(*inner, depth + 1)),
            Shape::Object(fields) => self.object(fields, depth),
            Shape::Map(inner) => self.map(*inner, depth),
            Shape::Rule => self.rule(depth),
        }
    }

    /// `[`, items each read by `item`, `]`.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> bool) -> bool {
        if !self.eat(b'[') {
            return false;
        }
        if self.eat(b']') {
            return true;
        }
        loop {
            if !item(self) {
                return false;
            }
            if self.eat(b']') {
                return true;
            }
            if !self.eat(b',') {
                return false;
            }
        }
    }

    /// `{`, members each read by `member` (given its raw key), `}`; a key
    /// with an escape is refused.
    fn members(&mut self, mut member: impl FnMut(&mut Self, &'t [u8]) -> bool) -> bool {
        if !self.eat(b'{') {
            return false;
        }
        if self.eat(b'}') {
            return true;
        }
        loop {
            let Some((key, false)) = self.string() else {
                return false;
            };
            if !self.eat(b':') || !member(self, key) {
                return false;
            }
            if self.eat(b'}') {
                return true;
            }
            if !self.eat(b',') {
                return false;
            }
        }
    }

    /// An object of `fields`: each key a field, none twice, every required
    /// one present, `null` only for an optional one.
    fn object(&mut self, fields: &[Field], depth: usize) -> bool {
        if fields.len() > 64 {
            return false;
        }
        let mut seen = 0u64;
        let read = self.members(|r, key| {
            // The first byte and the length rule out most fields cheaply.
            let Some((i, field)) = fields.iter().enumerate().find(|(_, f)| {
                let name = f.name.as_bytes();
                name.len() == key.len() && name.first() == key.first() && name == key
            }) else {
                return false;
            };
            let bit = 1u64 << i;
            if seen & bit != 0 {
                return false;
            }
            seen |= bit;
            if r.null() {
                return field.need == Need::Optional;
            }
            r.value(field.shape, depth + 1)
        });
        read && fields
            .iter()
            .enumerate()
            .all(|(i, f)| f.need != Need::Required || seen & (1u64 << i) != 0)
    }

    /// An object with free keys, none twice, each value of `inner`.
    fn map(&mut self, inner: Shape, depth: usize) -> bool {
        let mut keys: Vec<&[u8]> = Vec::new();
        self.members(|r, key| {
            if keys.len() >= MAX_MAP_KEYS || keys.contains(&key) {
                return false;
            }
            keys.push(key);
            r.value(inner, depth + 1)
        })
    }

    /// A rule: an object with exactly one key, a kind of rule.
    fn rule(&mut self, depth: usize) -> bool {
        let mut kinds = 0;
        self.members(|r, key| {
            kinds += 1;
            let shape = std::str::from_utf8(key).ok().and_then(rule_shape);
            kinds == 1 && shape.is_some_and(|s| r.value(s, depth + 1))
        }) && kinds == 1
    }

    /// Any value without an object in it (a fact's value): a string, a
    /// number, `true`, `false`, `null`, or a list of such.
    fn any(&mut self, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        self.space();
        match self.peek() {
            Some(b'"') => self.string().is_some(),
            Some(b'[') => self.list(|r| r.any(depth + 1)),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                while matches!(
                    self.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.at += 1;
                }
                self.at > start
            }
            _ => self.literal(b"true") || self.literal(b"false") || self.null(),
        }
    }
}

/// The offset of the first `"` or `\\` in `bytes`, eight bytes at a time
/// (a word has the byte `b` where `word ^ (b × 0x01…01)` has a zero byte).
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if has_zero(word ^ (ONES * u64::from(b'"'))) || has_zero(word ^ (ONES * u64::from(b'\\'))) {
            break;
        }
        at += 8;
    }
    let found = bytes
        .get(at..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\')?;
    Some(at + found)
}

#[cfg(test)]
mod tests {
    use super::is_clean;

    const SMALL: &str = include_str!("../../tests/fixtures/small.json");

    #[test]
    fn finds_the_first_quote_or_backslash() {
        for n in 0..40 {
            let plain = "aé".repeat(n);
            assert_eq!(super::quote_or_backslash(plain.as_bytes()), None);
            for end in ["\"", "\\"] {
                let text = format!("{plain}{end}x\"");
                assert_eq!(
                    super::quote_or_backslash(text.as_bytes()),
                    Some(plain.len())
                );
            }
        }
    }

    #[test]
    fn a_sound_file_is_clean() {
        assert!(is_clean(SMALL));
        assert!(is_clean(include_str!("../../pathways/scotland.json")));
    }

    /// Each text has something the shape check or the duplicate-key scan
    /// reports (or that the reader leaves to them): never clean.
    #[test]
    fn anything_doubtful_is_not_clean() {
        let cases: &[(&str, &str)] = &[
            ("\"tier\": \"specialist\"", "\"tier\": \"Specialist\""),
            (
                "\"tier\": \"specialist\"",
                "\"tier\": \"specialist\", \"tier\": \"specialist\"",
            ),
            ("\"tier\": \"specialist\"", "\"tier\": \"specialis\\u0074\""),
            (
                "\"tier\": \"specialist\"",
                "\"tier\": \"specialist\", \"regoins\": []",
            ),
            ("\"tier\": \"specialist\"", "\"tier\": [\"specialist\"]"),
            ("\"tier\": \"specialist\"", "\"tier\": null"),
            ("\"entry\": true", "\"entry\": null"),
            (
                "\"tier\": \"specialist\"",
                "\"tier\": \"specialist\", \"eligibility\": {}",
            ),
        ];
        for (from, to) in cases {
            assert!(SMALL.contains(from), "{from}");
            let text = SMALL.replacen(from, to, 1);
            assert!(!is_clean(&text), "{to}");
        }
        assert!(!is_clean(&format!("{SMALL} {{}}")));
        assert!(!is_clean(&format!("\u{feff}{SMALL}")));
        assert!(!is_clean(&SMALL[..SMALL.len() / 2]));
        assert!(!is_clean("[]"));
        // A fact's value nested deeper than the reader goes: refused, not
        // a stack overflow.
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = SMALL.replacen("\"equals\": true", &format!("\"equals\": {deep}"), 1);
        assert_ne!(text, SMALL);
        assert!(!is_clean(&text));
    }

    /// The claim itself, on every lint fixture and on damaged copies of a
    /// sound file (a byte deleted, a line repeated): whenever a text is
    /// clean, the shape check finds and repairs nothing, no key repeats,
    /// and the document read from the text is the one read from its value.
    #[test]
    fn clean_means_nothing_to_report() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lint/fixtures");
        let mut texts: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
                texts.push(std::fs::read_to_string(file.unwrap().path()).unwrap());
            }
        }
        for i in (0..SMALL.len()).step_by(5) {
            if SMALL.is_char_boundary(i) && SMALL.is_char_boundary(i + 1) {
                texts.push(format!("{}{}", &SMALL[..i], &SMALL[i + 1..]));
            }
        }
        let lines: Vec<&str> = SMALL.lines().collect();
        for i in 0..lines.len() {
            let mut copy = lines.clone();
            copy.insert(i, lines[i]);
            texts.push(copy.join("\n"));
        }
        let (mut clean, mut not) = (0, 0);
        for text in &texts {
            if !is_clean(text) {
                not += 1;
                continue;
            }
            clean += 1;
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let mut raw = Vec::new();
            let checked = super::super::shape::check(value.clone(), &mut raw);
            assert!(raw.is_empty() && checked.repaired.is_empty(), "{text}");
            assert_eq!(checked.value, value);
            assert!(crate::document::position::duplicate_keys(text).is_empty());
            let direct = serde_json::from_str::<crate::document::PathwayDocument>(text);
            let via = serde_json::from_value::<crate::document::PathwayDocument>(value);
            match (direct, via) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{text}: {a:?} / {b:?}"),
            }
        }
        // Neither side is empty: the test compares something.
        assert!(clean > 100 && not > 100, "{clean} clean, {not} not");
    }
}
