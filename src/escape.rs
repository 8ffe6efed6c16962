//! Text a terminal can trust: what came from a file or a flag, with the
//! characters that could rewrite a terminal or reorder a line made visible.
//!
//! A leaf: imports nothing from the crate.

use std::borrow::Cow;

/// Text safe for a terminal: control characters (C0, DEL, C1), bidirectional
/// overrides, isolates and marks, line and paragraph separators, zero-width
/// characters and the byte-order mark are written as `\u{…}`; so is a
/// combining mark that follows no letter or digit (at the start of the
/// text, or after a space or a backtick), which would otherwise join the
/// character printed before it. A backslash is left as it is. Everything
/// else, any script, passes through.
///
/// Complexity: O(length).
///
/// ```
/// use carepath::text::escape;
/// assert_eq!(escape("Café (Ōban)"), "Café (Ōban)");
/// assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
/// assert_eq!(escape("x\u{202e}y\nz"), "x\\u{202e}y\\u{a}z");
/// assert_eq!(escape("\u{301}a"), "\\u{301}a");
/// assert_eq!(escape("`\u{301}a` Cafe\u{301}"), "`\\u{301}a` Cafe\u{301}");
/// ```
#[must_use]
pub fn escape(text: &str) -> Cow<'_, str> {
    // A combining mark is safe after a letter, a digit or another mark
    // that is itself safe. Returns the characters to escape, in order.
    let flags = || {
        let mut base = false;
        text.chars().map(move |c| {
            let bad = unsafe_char(c) || (combining(c) && !base);
            base = !bad && (c.is_alphanumeric() || combining(c));
            (c, bad)
        })
    };
    if !flags().any(|(_, bad)| bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (c, bad) in flags() {
        if bad {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Combining marks (the main blocks): harmless after a letter, misleading
/// at the start of a field.
fn combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05bd}'
        | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}
