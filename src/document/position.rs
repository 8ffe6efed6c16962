//! Where a JSON value stands in the text: JSON pointer → line and column.
//!
//! serde reports line and column only for the first syntax error. To place
//! every *semantic* problem (an unknown region at `/services/3/regions/0`)
//! we scan the text, iteratively (no recursion, so no depth can overflow
//! the stack), for the values the diagnostics name.
//!
//! Complexity: building the index is O(n) time and O(n / 1024) space beyond
//! the text (line starts and character counts every 1,024 bytes). Locating
//! p pointers at once ([`PositionIndex::locate_all`]) is one scan: O(n + w)
//! time, where w is the length of the pointers of the children of the
//! containers on the way to them, and O(p · d) space for pointers d tokens
//! deep — never one entry per value of the file (a 16 MiB file of wide,
//! nested arrays once took 5 GB that way). A line and column costs
//! O(log lines + 1,024).

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{LineIndex, Location};

/// Index from JSON pointer to the position of the value it names.
///
/// ```
/// let idx = carepath::document::PositionIndex::new("{\n  \"a\": [1, {\"b\": true}]\n}");
/// let loc = idx.locate("/a/1/b");
/// assert_eq!((loc.line, loc.column), (2, 18));
/// ```
#[derive(Debug, Clone, Default)]
pub struct PositionIndex {
    lines: LineIndex,
    text: String,
}

/// Where a wanted value starts, and the span of the key naming it.
#[derive(Clone, Copy)]
struct Found {
    start: usize,
    key: Option<(usize, usize)>,
}

/// The pointers and every ancestor of each.
fn wanted_of<'a>(pointers: &[&'a str]) -> HashSet<&'a str> {
    let mut wanted: HashSet<&str> = HashSet::new();
    for p in pointers {
        let mut q: &str = p;
        while wanted.insert(q) {
            match q.rfind('/') {
                Some(i) => q = q.get(..i).unwrap_or(""),
                None => break,
            }
        }
    }
    wanted
}

/// A container on the way to a wanted value.
struct Frame {
    /// Length of the current pointer at this container.
    len: usize,
    /// `Some(index)` for an array, `None` for an object.
    index: Option<usize>,
    /// An object's current key, escaped as a pointer token.
    key: String,
    /// The span of that key in the text.
    key_at: (usize, usize),
}

impl PositionIndex {
    /// Indexes the lines of `text` (no scan of its values yet).
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self {
            lines: LineIndex::new(text),
            text: text.to_owned(),
        }
    }

    /// The location of the value at `pointer`, or of its nearest ancestor
    /// that exists (line 0 when even the root is missing). One scan of the
    /// text: to locate many pointers, use [`PositionIndex::locate_all`].
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Location {
        self.locate_all(&[pointer])
            .pop()
            .unwrap_or_else(|| Location::at(pointer, 0, 0))
    }

    /// The location of the key naming the member at `pointer` (for an
    /// unknown field, the key is what to underline), or of the value when
    /// it has no key.
    ///
    /// ```
    /// let idx = carepath::document::PositionIndex::new("{\"a\": [1, {\"b\": true}]}");
    /// let key = idx.locate_key("/a/1/b");
    /// assert_eq!((key.column, key.end_column), (12, 15));
    /// ```
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Location {
        let found = scan(&self.text, &wanted_of(&[pointer]));
        match found.get(pointer) {
            Some(&Found {
                key: Some((a, b)), ..
            }) => {
                let (line, column) = self.line_column(a);
                let (end_line, end_column) = self.line_column(b);
                Location {
                    pointer: pointer.to_owned(),
                    line,
                    column,
                    end_line,
                    end_column,
                }
            }
            _ => self.locate(pointer),
        }
    }

    /// The pointers of members whose key repeats an earlier key of the
    /// same object (a JSON reader keeps only one of the two), in text
    /// order. One scan; memory linear in the keys of the open objects.
    ///
    /// ```
    /// let idx = carepath::document::PositionIndex::new("{\"a\": 1, \"a\": 2}");
    /// assert_eq!(idx.duplicate_keys(), ["/a"]);
    /// ```
    #[must_use]
    pub fn duplicate_keys(&self) -> Vec<String> {
        duplicate_keys(&self.text)
    }

    /// The locations of `pointers`, in the same order, in one scan.
    ///
    /// ```
    /// let idx = carepath::document::PositionIndex::new("{\"a\": [1,\n 2]}");
    /// let locs = idx.locate_all(&["/a/1", "/a/7"]);
    /// assert_eq!((locs[0].line, locs[0].column), (2, 2));
    /// assert_eq!((locs[1].line, locs[1].column), (1, 7)); // `/a`, the nearest that exists
    /// ```
    #[must_use]
    pub fn locate_all(&self, pointers: &[&str]) -> Vec<Location> {
        let wanted = wanted_of(pointers);
        let starts = scan(&self.text, &wanted);
        pointers
            .iter()
            .map(|&pointer| {
                let mut p = pointer;
                loop {
                    if let Some(found) = starts.get(p) {
                        let (line, column) = self.line_column(found.start);
                        let end = value_end(self.text.as_bytes(), found.start);
                        let (end_line, end_column) = self.line_column(end);
                        return Location {
                            pointer: pointer.to_owned(),
                            line,
                            column,
                            end_line,
                            end_column,
                        };
                    }
                    match p.rfind('/') {
                        Some(i) => p = p.get(..i).unwrap_or(""),
                        None => return Location::at(pointer, 0, 0),
                    }
                }
            })
            .collect()
    }

    /// 1-based line and character column of a byte offset.
    #[must_use]
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines.line_column(&self.text, offset)
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The start offsets of the values whose pointers are in `wanted` (which
/// holds every ancestor of each pointer it holds). Containers not on the
/// way to a wanted value are skipped, only their depth counted.
fn scan(text: &str, wanted: &HashSet<&str>) -> HashMap<String, Found> {
    let bytes = text.as_bytes();
    let mut starts = HashMap::new();
    // The containers on the way to wanted values, and the pointer of the
    // innermost one.
    let mut stack: Vec<Frame> = Vec::new();
    let mut pointer = String::new();
    // Containers entered beneath one that is not on the way: only counted.
    let mut hidden = 0usize;
    let mut i = 0;
    // Whether the next string in an object is a key.
    let mut expect_key = false;
    let mut root_seen = false;
    // The pointer of a value starting now, when it may be wanted: `Some(len)`
    // with the value's pointer in `pointer[..]` after truncating back to `len`.
    let child = |stack: &[Frame], pointer: &mut String| -> Option<usize> {
        let frame = stack.last()?;
        pointer.truncate(frame.len);
        pointer.push('/');
        match frame.index {
            Some(index) => pointer.push_str(&index.to_string()),
            None => pointer.push_str(&frame.key),
        }
        Some(frame.len)
    };
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            b',' => {
                if hidden == 0 {
                    match stack.last_mut() {
                        Some(Frame {
                            index: Some(index), ..
                        }) => *index += 1,
                        Some(_) => expect_key = true,
                        None => {}
                    }
                }
                i += 1;
            }
            b'}' | b']' => {
                if hidden > 0 {
                    hidden -= 1;
                } else if stack.pop().is_some() {
                    pointer.truncate(stack.last().map_or(0, |f| f.len));
                }
                expect_key = false;
                i += 1;
            }
            _ if hidden > 0 => {
                // Inside a skipped container: only nesting matters.
                match b {
                    b'"' => i = string_end(bytes, i),
                    b'{' | b'[' => {
                        hidden += 1;
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            b'"' if expect_key => {
                let end = string_end(bytes, i);
                let raw = text.get(i..end).unwrap_or("\"\"");
                let key: String = serde_json::from_str(raw).unwrap_or_default();
                if let Some(frame) = stack.last_mut() {
                    frame.key = escape_token(&key);
                    frame.key_at = (i, end);
                }
                expect_key = false;
                i = end;
            }
            _ => {
                // A value starts here: its pointer, when its parent is on
                // the way (or it is the root).
                let at = i;
                let parent = if stack.is_empty() {
                    // The root; a second top-level value has no pointer.
                    let first = !root_seen;
                    root_seen = true;
                    pointer.clear();
                    first.then_some(0)
                } else {
                    child(&stack, &mut pointer)
                };
                let on_the_way = parent.is_some() && wanted.contains(pointer.as_str());
                if on_the_way {
                    let key = stack.last().filter(|f| f.index.is_none()).map(|f| f.key_at);
                    starts.insert(pointer.clone(), Found { start: at, key });
                }
                match b {
                    b'"' => i = string_end(bytes, i),
                    b'{' | b'[' => {
                        if on_the_way {
                            stack.push(Frame {
                                len: pointer.len(),
                                index: (b == b'[').then_some(0),
                                key: String::new(),
                                key_at: (0, 0),
                            });
                            expect_key = b == b'{';
                        } else {
                            hidden += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        // A number, `true`, `false` or `null`.
                        while let Some(&c) = bytes.get(i) {
                            if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                                break;
                            }
                            i += 1;
                        }
                        i = i.max(at + 1);
                    }
                }
            }
        }
    }
    starts
}

/// The offset just past the value starting at `start`. O(size of the value).
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        Some(b'"') => string_end(bytes, start),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = start;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let mut i = start;
            while let Some(&c) = bytes.get(i) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                i += 1;
            }
            i.max(start + 1)
        }
    }
}

/// Objects nested deeper than this are not checked for duplicate keys: the
/// JSON reader rejects them anyway.
const MAX_KEY_DEPTH: usize = 2 * crate::limits::MAX_NESTING;

/// One open container of [`duplicate_keys`]: its array index, or the
/// keys seen and the current one (raw text, decoded only when escaped).
struct Open<'a> {
    index: Option<usize>,
    seen: HashSet<std::borrow::Cow<'a, str>>,
    current: std::borrow::Cow<'a, str>,
}

/// The pointers of members whose key repeats an earlier key of the same
/// object (see [`PositionIndex::duplicate_keys`]). One scan, no recursion;
/// a pointer is built only for a duplicate, from the open containers.
pub(crate) fn duplicate_keys(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut hidden = 0usize;
    let mut out = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                if expect_key && hidden == 0 {
                    let raw = text.get(i..end).unwrap_or("\"\"");
                    let key: std::borrow::Cow<'_, str> =
                        match raw.get(1..raw.len().saturating_sub(1)) {
                            Some(inner) if !inner.contains('\\') => inner.into(),
                            _ => serde_json::from_str::<String>(raw)
                                .unwrap_or_default()
                                .into(),
                        };
                    if let Some(open) = stack.last_mut() {
                        open.current = key.clone();
                        if !open.seen.insert(key) {
                            let mut pointer = String::new();
                            for o in &stack {
                                pointer.push('/');
                                match o.index {
                                    Some(index) => pointer.push_str(&index.to_string()),
                                    None => pointer.push_str(&escape_token(&o.current)),
                                }
                            }
                            out.push(pointer);
                        }
                    }
                    expect_key = false;
                }
                i = end;
            }
            b'{' | b'[' => {
                if hidden > 0 || stack.len() >= MAX_KEY_DEPTH {
                    hidden += 1;
                } else {
                    stack.push(Open {
                        index: (b == b'[').then_some(0),
                        seen: HashSet::new(),
                        current: "".into(),
                    });
                    expect_key = b == b'{';
                }
                i += 1;
            }
            b'}' | b']' => {
                if hidden > 0 {
                    hidden -= 1;
                } else {
                    stack.pop();
                }
                expect_key = false;
                i += 1;
            }
            b',' => {
                if hidden == 0 {
                    match stack.last_mut() {
                        Some(Open {
                            index: Some(index), ..
                        }) => *index += 1,
                        Some(_) => expect_key = true,
                        None => {}
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The offset just past the string starting at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values_and_escaped_keys() {
        let text = "{\n \"a/b\": {\"x\": [10, \"s\", null]},\n \"c\": 2\n}";
        let idx = PositionIndex::new(text);
        assert_eq!(idx.locate("/a~1b/x/2").line, 2);
        assert_eq!(idx.locate("/a~1b/x/1").column, 20);
        assert_eq!(idx.locate("/c").line, 3);
        // A missing child falls back to its parent's position.
        let missing = idx.locate("/a~1b/x/9");
        assert_eq!((missing.line, missing.column), (2, 15));
        assert_eq!(missing.pointer, "/a~1b/x/9");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(200_000) + &"]".repeat(200_000);
        let idx = PositionIndex::new(&text);
        assert_eq!(idx.locate("").line, 1);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(crate::diagnostic::line_column_of("é\n  ü x", 7), (2, 4));
        // Long lines across blocks of one-byte characters and blocks with
        // wider ones, against counting from the start of the line.
        let text = format!(
            "{}\n{}é{}\n{}",
            "a".repeat(1500),
            "b".repeat(2000),
            "ü".repeat(700),
            "c".repeat(3000)
        );
        let idx = PositionIndex::new(&text);
        for offset in (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            assert_eq!(idx.line_column(offset), (line, column), "{offset}");
        }
    }
}
