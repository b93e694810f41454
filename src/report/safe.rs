//! Text from a scene file on its way to a terminal: control characters (an ANSI
//! escape, a carriage return, a bell) and the invisible characters that reorder a
//! line (right-to-left overrides) are written out as `\u{..}` instead of reaching
//! the terminal raw. Everything else, Chinese and emoji included, passes unchanged.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: C0 and C1 control characters
/// (but newline and tab, which lay out text), DEL, and the bidirectional controls
/// that make a terminal show a line in another order than it is written.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional embeddings, overrides and isolates; the direction marks.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => true,
        '\u{61c}' => true,
        _ => false,
    }
}

/// `s` with every unsafe character (see [`is_unsafe`]) written as `\u{1b}`.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`terminal`], and a newline written as `\u{a}` as well: text that must stay on
/// its line (a title, a name, a file name in a message), so that a newline in it
/// cannot make a line of output of its own.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\n' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\n' || is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` cut to its first `max` characters (and `…`) and on one line (see
/// [`one_line`]): a bad value quoted in a message, however long it was.
pub fn brief(s: &str, max: usize) -> String {
    let cut = match s.char_indices().nth(max) {
        None => s,
        Some((i, _)) => &s[..i],
    };
    let mut out = one_line(cut).into_owned();
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

/// How long a value quoted in a message may be, in characters, before it is cut.
pub const QUOTED: usize = 40;

/// How long a file name in a message may be, in characters, before it is cut.
pub const NAMED: usize = 200;

/// `s` (one line of JSON) with every unsafe character that serde_json leaves as it
/// is written as a JSON escape, `\u202e`: still the same JSON value.
pub fn json(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_move_the_cursor_or_reorder_the_line() {
        assert_eq!(terminal("Hello!"), "Hello!");
        assert_eq!(terminal("李雷 😀\n"), "李雷 😀\n");
        assert_eq!(terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("x\u{202e}y\rz\u{7}"), "x\\u{202e}y\\u{d}z\\u{7}");
        assert_eq!(terminal("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn one_line_keeps_a_value_on_its_line_and_brief_cuts_it() {
        assert_eq!(one_line("a\n✓ b\tc"), "a\\u{a}✓ b\tc");
        assert_eq!(one_line("李雷"), "李雷");
        assert_eq!(brief("abc", 3), "abc");
        assert_eq!(brief("abcd", 3), "abc…");
        assert_eq!(brief("李雷说你好", 2), "李雷…");
        assert_eq!(brief("a\u{1b}[2Jbcdef", 4), "a\\u{1b}[2…");
        assert_eq!(brief(&"y".repeat(2000), QUOTED).chars().count(), QUOTED + 1);
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let line =
            serde_json::to_string(&serde_json::json!({"text": "a\u{202e}b\u{85}c"})).unwrap();
        let safe = json(&line);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["text"], "a\u{202e}b\u{85}c");
    }
}
