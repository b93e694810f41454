//! Finds where an entry such as `script[3].do.to` stands in a scenario's text, so
//! that mistakes found after parsing (an unknown user id, a number out of range) are
//! reported with a line and column like syntax errors are; and, the other way round,
//! which entry a syntax error's position lies in.
//!
//! A small scanner over RON's shape — strings, comments, words, brackets — walks the
//! file once and keeps a tree of its values ([`Locator`]). It never fails: a file
//! that does not parse still gives a tree (unclosed brackets end at the end of the
//! file, stray closing brackets close what they match or are stepped over), and
//! nesting deeper than [`MAX_DEPTH`] is stepped over without recursion.

/// Brackets nested deeper than this are walked over without keeping their values
/// (ron itself refuses nesting deeper than 128).
pub const MAX_DEPTH: usize = 200;

/// One step of a path: a named field, or the n-th item of a list or tuple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(String),
    Index(usize),
}

/// Parses `script[3].do.to` into segments.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                segs.push(Seg::Field(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let close = stripped.find(']').unwrap_or(stripped.len());
                if let Ok(i) = stripped[..close].parse() {
                    segs.push(Seg::Index(i));
                }
                rest = stripped.get(close + 1..).unwrap_or("");
            }
        } else if !rest.is_empty() {
            segs.push(Seg::Field(rest.to_string()));
        }
    }
    segs
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// A name or a number: anything up to a space, bracket, comma, colon or quote.
    Word,
    /// A string (or char) literal, closed or not.
    Str,
    /// One of `()[]{},:`.
    Punct(u8),
}

/// One token: its kind and its bytes in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

/// Splits RON text into tokens, skipping spaces and comments. Never fails.
#[derive(Clone)]
pub struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer {
            src,
            bytes: src.as_bytes(),
            i: 0,
        }
    }

    fn at(&self, k: usize) -> Option<u8> {
        self.bytes.get(self.i + k).copied()
    }

    /// Steps over one character (all its bytes).
    fn bump(&mut self) {
        let len = self.src[self.i..].chars().next().map_or(1, char::len_utf8);
        self.i += len;
    }

    fn skip_space_and_comments(&mut self) {
        loop {
            match self.at(0) {
                Some(b) if b.is_ascii_whitespace() => self.i += 1,
                Some(b'/') if self.at(1) == Some(b'/') => {
                    while self.at(0).is_some_and(|b| b != b'\n') {
                        self.i += 1;
                    }
                }
                Some(b'/') if self.at(1) == Some(b'*') => {
                    let mut depth = 0usize;
                    while self.i < self.bytes.len() {
                        if self.at(0) == Some(b'/') && self.at(1) == Some(b'*') {
                            depth += 1;
                            self.i += 2;
                        } else if self.at(0) == Some(b'*') && self.at(1) == Some(b'/') {
                            depth -= 1;
                            self.i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.i += 1;
                        }
                    }
                }
                Some(_) => {
                    // Other whitespace (a no-break space, a BOM in the middle).
                    let c = self.src[self.i..].chars().next();
                    if c.is_some_and(|c| c.is_whitespace() || c == '\u{feff}') {
                        self.bump();
                    } else {
                        return;
                    }
                }
                None => return,
            }
        }
        // `self.i` only ever stops on a character boundary: every byte skipped one at a
        // time above is ASCII or inside a comment, which ends on ASCII.
    }

    fn ends_word(&self, k: usize) -> bool {
        match self.at(k) {
            None => true,
            Some(b) if b.is_ascii_whitespace() => true,
            Some(b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' | b'"' | b'\'') => true,
            Some(b'/') => matches!(self.at(k + 1), Some(b'/' | b'*')),
            Some(_) => false,
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        self.skip_space_and_comments();
        // A comment may end inside a multi-byte character only in broken text; step
        // to the next boundary.
        while self.i < self.bytes.len() && !self.src.is_char_boundary(self.i) {
            self.i += 1;
        }
        let start = self.i;
        let b = self.at(0)?;
        let kind = match b {
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' => {
                self.i += 1;
                TokKind::Punct(b)
            }
            b'"' | b'\'' => {
                self.i += 1;
                while let Some(c) = self.at(0) {
                    if c == b'\\' {
                        self.i += 1;
                        if self.i < self.bytes.len() {
                            self.bump();
                        }
                    } else if c == b {
                        self.i += 1;
                        break;
                    } else {
                        self.bump();
                    }
                }
                TokKind::Str
            }
            b'r' if matches!(self.at(1), Some(b'"' | b'#')) && self.raw_string_ahead() => {
                // A raw string r"..." or r#"..."#.
                self.i += 1;
                let mut hashes = 0;
                while self.at(0) == Some(b'#') {
                    hashes += 1;
                    self.i += 1;
                }
                self.i += 1; // the opening quote
                while self.i < self.bytes.len() {
                    if self.at(0) == Some(b'"') && (1..=hashes).all(|k| self.at(k) == Some(b'#')) {
                        self.i += 1 + hashes;
                        break;
                    }
                    self.bump();
                }
                TokKind::Str
            }
            _ => {
                self.bump();
                while !self.ends_word(0) {
                    self.bump();
                }
                TokKind::Word
            }
        };
        Some(Tok {
            kind,
            start,
            end: self.i,
        })
    }
}

impl Lexer<'_> {
    /// At `r`: whether `#`s and then a quote follow (a raw string, not `r#ident`).
    fn raw_string_ahead(&self) -> bool {
        let mut k = 1;
        while self.at(k) == Some(b'#') {
            k += 1;
        }
        self.at(k) == Some(b'"')
    }
}

/// How a value is named by the value around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// The document itself.
    Root,
    /// A field `name: value`; the name's bytes.
    Field(u32, u32),
    /// The n-th unnamed item of a list, tuple or variant.
    Index(u32),
}

/// One value in the file, in the order the file has them (parents first).
#[derive(Clone, Copy, Debug)]
struct Node {
    /// Bytes of the value: from its first token to the end of its last one (to the
    /// end of the file when a bracket is never closed).
    start: u32,
    end: u32,
    key: Key,
    /// This node and everything inside it: the next sibling is at `index + size`.
    size: u32,
    /// For a bracketed value: its opening bracket's byte, and whether it is closed.
    open: Option<u32>,
    closed: bool,
}

/// A scenario's text, walked once: where every entry stands, and which entry a
/// position is in.
pub struct Locator<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    /// The byte where each line starts.
    lines: Vec<u32>,
}

/// An entry found for a position: its path and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `script[1].do`; empty for the whole scenario.
    pub path: String,
    /// The byte where its value starts.
    pub start: usize,
    /// Whether the position is on something that stands among named fields without
    /// a name of its own (a misspelt `titl.` in `(titl. "x")`).
    pub among_fields: bool,
}

/// A bracket that is never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unclosed {
    pub bracket: char,
    pub at: (usize, usize),
}

struct Frame {
    node: usize,
    close: u8,
    index: u32,
}

/// Longest field name kept in a path; longer ones are cut (they are mistakes anyway).
const MAX_NAME: usize = 64;

impl<'a> Locator<'a> {
    /// Walks `src` once. Linear in its length; never fails.
    pub fn new(src: &'a str) -> Self {
        // Offsets are kept as u32: files are at most a few MiB. Longer text is cut.
        let src = if src.len() > u32::MAX as usize / 2 {
            let mut cut = u32::MAX as usize / 2;
            while !src.is_char_boundary(cut) {
                cut -= 1;
            }
            &src[..cut]
        } else {
            src
        };
        let mut lines = vec![0u32];
        lines.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        let mut l = Locator {
            src,
            nodes: vec![Node {
                start: 0,
                end: src.len() as u32,
                key: Key::Root,
                size: 1,
                open: None,
                closed: true,
            }],
            lines,
        };
        l.walk();
        l
    }

    fn walk(&mut self) {
        let mut toks = Lexer::new(self.src).peekable();
        let mut stack: Vec<Frame> = vec![Frame {
            node: 0,
            close: 0,
            index: 0,
        }];
        // Brackets being stepped over past MAX_DEPTH.
        let mut skipping = 0usize;
        while let Some(tok) = toks.next() {
            if skipping > 0 {
                match tok.kind {
                    TokKind::Punct(b'(' | b'[' | b'{') => skipping += 1,
                    TokKind::Punct(b')' | b']' | b'}') => skipping -= 1,
                    _ => {}
                }
                continue;
            }
            // An item: `name: value`, or a value.
            let mut value = tok;
            let mut key = None;
            if tok.kind == TokKind::Word
                && toks.peek().map(|t| t.kind) == Some(TokKind::Punct(b':'))
            {
                toks.next();
                key = Some(Key::Field(
                    tok.start as u32,
                    self.cut_name(tok.start, tok.end) as u32,
                ));
                match toks.next() {
                    Some(t) => value = t,
                    None => break,
                }
            }
            match value.kind {
                // Separators; after `name:` a missing value.
                TokKind::Punct(b',' | b':') => continue,
                TokKind::Punct(c @ (b')' | b']' | b'}')) => {
                    // Close the innermost group this bracket closes; a stray one is
                    // stepped over.
                    if let Some(k) = stack.iter().rposition(|f| f.close == c) {
                        self.close(&mut stack, k, value);
                    }
                    continue;
                }
                _ => {}
            }
            let key = key.unwrap_or_else(|| {
                let f = stack.last_mut().expect("the root frame stays");
                f.index += 1;
                Key::Index(f.index - 1)
            });
            let index = self.nodes.len();
            let opens = match value.kind {
                TokKind::Punct(b @ (b'(' | b'[' | b'{')) => Some((b, value.start)),
                TokKind::Word if toks.peek().map(|t| t.kind) == Some(TokKind::Punct(b'(')) => {
                    toks.next().map(|t| (b'(', t.start))
                }
                _ => None,
            };
            match opens {
                Some(_) if stack.len() > MAX_DEPTH => skipping = 1,
                Some((b, at)) => {
                    self.nodes.push(Node {
                        start: value.start as u32,
                        end: self.src.len() as u32,
                        key,
                        size: 1,
                        open: Some(at as u32),
                        closed: false,
                    });
                    stack.push(Frame {
                        node: index,
                        close: match b {
                            b'(' => b')',
                            b'[' => b']',
                            _ => b'}',
                        },
                        index: 0,
                    });
                }
                None => self.nodes.push(Node {
                    start: value.start as u32,
                    end: value.end as u32,
                    key,
                    size: 1,
                    open: None,
                    closed: true,
                }),
            }
        }
        // Whatever is still open ends with the file.
        let len = self.nodes.len();
        for f in stack {
            self.nodes[f.node].size = (len - f.node) as u32;
        }
    }

    /// Closes the frames from the top of `stack` down to the one at `k` (which
    /// `bracket` closes); the ones above it were never closed and end before it.
    fn close(&mut self, stack: &mut Vec<Frame>, k: usize, bracket: Tok) {
        let len = self.nodes.len();
        while stack.len() > k {
            let f = stack.pop().expect("k < len");
            let n = &mut self.nodes[f.node];
            n.size = (len - f.node) as u32;
            if stack.len() == k {
                n.end = bracket.end as u32;
                n.closed = true;
            } else {
                n.end = bracket.start as u32;
            }
        }
    }

    fn cut_name(&self, start: usize, end: usize) -> usize {
        let name = &self.src[start..end];
        match name.char_indices().nth(MAX_NAME) {
            Some((i, _)) => i,
            None => name.len(),
        }
    }
}

impl<'a> Locator<'a> {
    /// The text it walked.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// The children of node `n`, in file order.
    fn children(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        let end = n + self.nodes[n].size as usize;
        let mut c = n + 1;
        std::iter::from_fn(move || {
            if c >= end || c >= self.nodes.len() {
                return None;
            }
            let here = c;
            c += (self.nodes[c].size as usize).max(1);
            Some(here)
        })
    }

    fn name(&self, key: Key) -> Option<&'a str> {
        match key {
            Key::Field(start, len) => self.src.get(start as usize..(start + len) as usize),
            _ => None,
        }
    }

    /// The first value in the file (the scenario), if there is one.
    fn top(&self) -> Option<usize> {
        (self.nodes.len() > 1).then_some(1)
    }

    /// The node at `path`, or the deepest part of it that exists; and whether it is
    /// all of it.
    fn find(&self, path: &str) -> Option<(usize, bool)> {
        let mut n = self.top()?;
        for seg in parse_path(path) {
            let next = self.children(n).find(|&c| match (&seg, self.nodes[c].key) {
                (Seg::Field(f), key @ Key::Field(..)) => self.name(key) == Some(f.as_str()),
                (Seg::Index(k), Key::Index(i)) => *k == i as usize,
                _ => false,
            });
            match next {
                Some(c) => n = c,
                None => return Some((n, false)),
            }
        }
        Some((n, true))
    }

    /// The line and column (1-based) of the entry at `path`, or of the deepest part
    /// of it that exists.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        self.find(path)
            .map(|(n, _)| self.position(self.nodes[n].start as usize))
    }

    /// Whether the entry at `path` is in the file.
    pub fn exists(&self, path: &str) -> bool {
        self.find(path).is_some_and(|(_, all)| all)
    }

    /// The entry's text exactly as written, when it is in the file.
    pub fn raw(&self, path: &str) -> Option<&'a str> {
        match self.find(path)? {
            (n, true) => self
                .src
                .get(self.nodes[n].start as usize..self.nodes[n].end as usize),
            _ => None,
        }
    }

    /// Where the entry at `path` stands in the text, when it is in the file: from its
    /// name (for a named field) or its value, to the end of its value.
    pub fn span(&self, path: &str) -> Option<std::ops::Range<usize>> {
        let (n, true) = self.find(path)? else {
            return None;
        };
        let node = &self.nodes[n];
        let start = match node.key {
            Key::Field(start, _) => start,
            _ => node.start,
        };
        Some(start as usize..node.end as usize)
    }

    /// Where the value of the entry at `path` stands (without its name), when it is
    /// in the file: from its first token to the end of its last.
    pub fn value_span(&self, path: &str) -> Option<std::ops::Range<usize>> {
        let (n, true) = self.find(path)? else {
            return None;
        };
        let node = &self.nodes[n];
        Some(node.start as usize..node.end as usize)
    }

    /// The byte of the opening bracket of the entry at `path` (a list, a tuple, the
    /// whole scenario with `""`), when it is in the file and closed.
    pub fn opening_bracket(&self, path: &str) -> Option<usize> {
        self.closing_bracket(path)?;
        let n = if path.is_empty() {
            self.top()?
        } else {
            self.find(path)?.0
        };
        self.nodes[n].open.map(|o| o as usize)
    }

    /// The byte of the closing bracket of the entry at `path` (a list, a tuple, the
    /// whole scenario with `""`), when it is in the file and closed.
    pub fn closing_bracket(&self, path: &str) -> Option<usize> {
        let n = if path.is_empty() {
            self.top()?
        } else {
            match self.find(path)? {
                (n, true) => n,
                _ => return None,
            }
        };
        let node = &self.nodes[n];
        (node.open.is_some() && node.closed).then(|| node.end as usize - 1)
    }

    /// Line and column (1-based; the column counts characters) of a byte.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.src.len());
        let line = self.lines.partition_point(|&s| s as usize <= byte).max(1);
        let start = self.lines[line - 1] as usize;
        let col = self.src.get(start..byte).map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    /// The byte at a line and column (1-based; the column counts characters), or the
    /// end of the text when there is no such place.
    pub fn byte(&self, (line, col): (usize, usize)) -> usize {
        let Some(&start) = self.lines.get(line.saturating_sub(1)) else {
            return self.src.len();
        };
        let start = start as usize;
        self.src[start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(self.src.len(), |(i, _)| start + i)
    }

    fn contains(&self, n: usize, byte: usize) -> bool {
        let node = &self.nodes[n];
        let (start, end) = (node.start as usize, node.end as usize);
        start <= byte && (byte < end || (!node.closed && byte == end))
    }

    /// The deepest entry whose value contains `byte`. With `between`, a position at
    /// the very start of a value (where a comma was missing before it, say) belongs
    /// to the entry around it.
    pub fn entry_at(&self, byte: usize, between: bool) -> Entry {
        let mut chain = Vec::new();
        let mut among_fields = false;
        if let Some(top) = self.top().filter(|&t| self.contains(t, byte)) {
            let mut n = top;
            while let Some(c) = self.children(n).find(|&c| self.contains(c, byte)) {
                // An unnamed item among named fields (the scenario's own are all
                // named) is no entry of its own.
                if matches!(self.nodes[c].key, Key::Index(_)) && (n == top || self.has_fields(n)) {
                    among_fields = true;
                    break;
                }
                chain.push(c);
                n = c;
            }
        }
        if between
            && chain
                .last()
                .is_some_and(|&n| self.nodes[n].start as usize == byte)
        {
            chain.pop();
        }
        let mut path = String::new();
        for &n in &chain {
            match self.nodes[n].key {
                Key::Field(..) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(self.name(self.nodes[n].key).unwrap_or("?"));
                }
                Key::Index(i) => path.push_str(&format!("[{i}]")),
                Key::Root => {}
            }
        }
        let start = chain
            .last()
            .or(self.top().as_ref())
            .map_or(0, |&n| self.nodes[n].start as usize);
        Entry {
            path,
            start,
            among_fields,
        }
    }

    /// Whether node `n` has a named field among its children.
    fn has_fields(&self, n: usize) -> bool {
        self.children(n)
            .any(|c| matches!(self.nodes[c].key, Key::Field(..)))
    }

    /// The innermost bracket that is never closed and whose value reaches `byte`.
    pub fn unclosed_at(&self, byte: usize) -> Option<Unclosed> {
        self.nodes.iter().rev().find_map(|n| {
            let open = n.open? as usize;
            (!n.closed && open <= byte && byte <= n.end as usize).then(|| Unclosed {
                bracket: char::from(self.src.as_bytes()[open]),
                at: self.position(open),
            })
        })
    }

    /// The token at `byte` (or the first one after it) and the one before it.
    pub fn tokens_around(&self, byte: usize) -> (Option<Tok>, Option<Tok>) {
        let mut before = None;
        for t in Lexer::new(self.src) {
            if t.end > byte {
                return (Some(t), before);
            }
            before = Some(t);
        }
        (None, before)
    }
}

/// The line and column (1-based) of the entry at `path` in `src`, or of the deepest
/// part of it that exists.
pub fn locate(src: &str, path: &str) -> Option<(usize, usize)> {
    Locator::new(src).locate(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// a scene
(
    title: "t",
    users: [
        (id: "a", name: (en: "A", zh: "甲")),
        (id: "b"),
    ],
    friends: [("a", "bb")],
    script: [
        (at_ms: 0, do: Login("a")),
        (at_ms: 5, do: Send(from: "a", to: "c", text: "hi, (there)")),
    ],
)"#;

    #[test]
    fn finds_fields_items_and_variant_arguments() {
        assert_eq!(locate(SRC, "users[1].id"), Some((6, 14)));
        assert_eq!(locate(SRC, "friends[0][1]"), Some((8, 21)));
        assert_eq!(locate(SRC, "script[1].do.to"), Some((11, 44)));
        assert_eq!(locate(SRC, "script[0].do[0]"), Some((10, 30)));
    }

    #[test]
    fn falls_back_to_the_deepest_part_found() {
        assert_eq!(locate(SRC, "script[1].do.nope"), Some((11, 24)));
        assert_eq!(locate(SRC, "script[7]"), Some((9, 13)));
    }

    #[test]
    fn paths_parse() {
        assert_eq!(
            parse_path("script[3].do.to"),
            vec![
                Seg::Field("script".into()),
                Seg::Index(3),
                Seg::Field("do".into()),
                Seg::Field("to".into())
            ]
        );
    }

    #[test]
    fn raw_text_and_existence() {
        let l = Locator::new(SRC);
        assert_eq!(l.raw("script[1].at_ms"), Some("5"));
        assert_eq!(l.raw("users[0].name.zh"), Some("\"甲\""));
        assert_eq!(
            l.raw("script[1].do"),
            Some(r#"Send(from: "a", to: "c", text: "hi, (there)")"#)
        );
        assert!(l.exists("users[0].name.en"));
        assert!(!l.exists("users[1].name"));
    }

    #[test]
    fn a_position_names_the_deepest_entry_around_it() {
        let l = Locator::new(SRC);
        let at = |line, col, between| l.entry_at(l.byte((line, col)), between).path;
        assert_eq!(at(11, 46, false), "script[1].do.to");
        assert_eq!(at(11, 25, false), "script[1].do");
        assert_eq!(at(5, 39, false), "users[0].name.zh");
        assert_eq!(at(5, 36, false), "users[0].name");
        assert_eq!(at(6, 9, false), "users[1]");
        assert_eq!(at(6, 9, true), "users");
        assert_eq!(at(3, 5, false), "");
        assert_eq!(l.position(l.byte((5, 40))), (5, 40));
    }

    #[test]
    fn broken_text_still_walks() {
        let src = "(\n  title: \"t\",\n  users: [(id: \"a\"\n  script: [";
        let l = Locator::new(src);
        assert_eq!(l.entry_at(src.len(), false).path, "users[0].script");
        let u = l.unclosed_at(src.len()).unwrap();
        assert_eq!((u.bracket, u.at), ('[', (4, 11)));
        let l = Locator::new("(a: ]]]) ) ( [ } : , :");
        assert_eq!(l.entry_at(1, false).path, "");
        for src in [
            "", "\"", "r#\"", "/*", "'", "(((", ")))", "a:", ":::", "r#a: 1",
        ] {
            let l = Locator::new(src);
            let _ = l.entry_at(src.len(), false);
            let _ = l.locate("a.b[1]");
            let _ = l.tokens_around(0);
        }
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let src = format!("(title: {})", "[".repeat(1_000_000));
        let l = Locator::new(&src);
        assert!(l.entry_at(src.len(), false).path.len() < 4 * MAX_DEPTH);
    }
}
