//! Where a JSON value stands in the text: JSON pointer → line and column.
//!
//! serde reports line and column only for the first syntax error. To place
//! every *semantic* problem (an unknown region at `/services/3/regions/0`)
//! we scan the text once, iteratively (no recursion, so no depth can
//! overflow the stack), and record where each value starts.
//!
//! Complexity: O(n) time in the text's length; O(v) space in the number of
//! values. Built only when a file has problems to report.

use std::collections::HashMap;

use crate::diagnostic::{Location, line_column_in};

/// Index from JSON pointer to the position of the value it names.
///
/// ```
/// let idx = carepath::document::PositionIndex::new("{\n  \"a\": [1, {\"b\": true}]\n}");
/// let loc = idx.locate("/a/1/b");
/// assert_eq!((loc.line, loc.column), (2, 18));
/// ```
#[derive(Debug, Clone, Default)]
pub struct PositionIndex {
    starts: HashMap<String, usize>,
    line_starts: Vec<usize>,
    text: String,
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

impl PositionIndex {
    /// Scans `text` once. Malformed text is scanned as far as it makes sense.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            starts: scan(text),
            line_starts,
            text: text.to_owned(),
        }
    }

    /// The location of the value at `pointer`, or of its nearest ancestor
    /// that exists (line 0 when even the root is missing).
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Location {
        let mut p = pointer;
        loop {
            if let Some(&offset) = self.starts.get(p) {
                let (line, column) = self.line_column(offset);
                return Location {
                    pointer: pointer.to_owned(),
                    line,
                    column,
                };
            }
            match p.rfind('/') {
                Some(i) => p = p.get(..i).unwrap_or(""),
                None => {
                    return Location {
                        pointer: pointer.to_owned(),
                        line: 0,
                        column: 0,
                    };
                }
            }
        }
    }

    /// 1-based line and character column of a byte offset.
    #[must_use]
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column_in(&self.line_starts, &self.text, offset)
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn pointer_of(stack: &[Frame]) -> String {
    let mut p = String::new();
    for frame in stack {
        p.push('/');
        match frame {
            Frame::Object { key } => p.push_str(&escape_token(key.as_deref().unwrap_or(""))),
            Frame::Array { index } => p.push_str(&index.to_string()),
        }
    }
    p
}

/// Values nested deeper than this are not recorded: the JSON reader
/// rejects them anyway, and recording them would cost time and memory
/// quadratic in the depth.
const MAX_RECORDED_DEPTH: usize = 2 * crate::limits::MAX_NESTING;

/// Records the start offset of every value, keyed by its JSON pointer.
fn scan(text: &str) -> HashMap<String, usize> {
    let bytes = text.as_bytes();
    let mut starts = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Frames beyond MAX_RECORDED_DEPTH are only counted.
    let mut hidden = 0usize;
    let mut record = |stack: &[Frame], hidden: usize, at: usize| {
        if hidden == 0 {
            starts.insert(pointer_of(stack), at);
        }
    };
    let mut i = 0;
    // Whether the next string in an object is a key.
    let mut expect_key = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            b',' => {
                if hidden == 0 {
                    match stack.last_mut() {
                        Some(Frame::Array { index }) => *index += 1,
                        Some(Frame::Object { .. }) => expect_key = true,
                        None => {}
                    }
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
            b'"' => {
                let end = string_end(bytes, i);
                if expect_key {
                    let raw = text.get(i..end).unwrap_or("\"\"");
                    let key: String = serde_json::from_str(raw).unwrap_or_default();
                    if let Some(Frame::Object { key: k }) = stack.last_mut() {
                        *k = Some(key);
                    }
                    expect_key = false;
                } else {
                    record(&stack, hidden, i);
                }
                i = end;
            }
            b'{' | b'[' => {
                record(&stack, hidden, i);
                if hidden > 0 || stack.len() >= MAX_RECORDED_DEPTH {
                    hidden += 1;
                } else if b == b'{' {
                    stack.push(Frame::Object { key: None });
                    expect_key = true;
                } else {
                    stack.push(Frame::Array { index: 0 });
                }
                i += 1;
            }
            _ => {
                // A number, `true`, `false` or `null`.
                record(&stack, hidden, i);
                while let Some(&c) = bytes.get(i) {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    i += 1;
                }
            }
        }
    }
    starts
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
    }
}
