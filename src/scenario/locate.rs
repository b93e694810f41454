//! Finds where an entry such as `script[3].do.to` stands in a scenario's text, so
//! that mistakes found after parsing (an unknown user id, a number out of range) are
//! reported with a line and column like syntax errors are.
//!
//! A small scanner over RON's shape — strings, comments, words, brackets — that only
//! needs to be good enough to walk a file that has already parsed.

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

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Str,
    Punct(char),
}

fn tokenize(src: &str) -> Vec<(Tok, (usize, usize))> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let (mut i, mut line, mut col) = (0, 1, 1);
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize| {
        if chars[*i] == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = (line, col);
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut col);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut col);
                    if depth == 0 {
                        advance(&mut i, &mut line, &mut col);
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut col);
            }
        } else if c == '"' || c == '\'' {
            advance(&mut i, &mut line, &mut col);
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    advance(&mut i, &mut line, &mut col);
                }
                if i < chars.len() {
                    advance(&mut i, &mut line, &mut col);
                }
            }
            if i < chars.len() {
                advance(&mut i, &mut line, &mut col);
            }
            toks.push((Tok::Str, pos));
        } else if c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#')) {
            // A raw string r"..." or r#"..."#.
            advance(&mut i, &mut line, &mut col);
            let mut hashes = 0;
            while i < chars.len() && chars[i] == '#' {
                hashes += 1;
                advance(&mut i, &mut line, &mut col);
            }
            if i < chars.len() {
                advance(&mut i, &mut line, &mut col);
            }
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        advance(&mut i, &mut line, &mut col);
                    }
                    break;
                }
                advance(&mut i, &mut line, &mut col);
            }
            toks.push((Tok::Str, pos));
        } else if "()[]{},:".contains(c) {
            advance(&mut i, &mut line, &mut col);
            toks.push((Tok::Punct(c), pos));
        } else {
            let mut word = String::new();
            let ends_word = |i: usize| {
                chars[i].is_whitespace()
                    || "()[]{},:\"'".contains(chars[i])
                    || (chars[i] == '/' && matches!(chars.get(i + 1), Some('/') | Some('*')))
            };
            while i < chars.len() && !ends_word(i) {
                word.push(chars[i]);
                advance(&mut i, &mut line, &mut col);
            }
            toks.push((Tok::Word(word), pos));
        }
    }
    toks
}

struct Walker {
    toks: Vec<(Tok, (usize, usize))>,
    i: usize,
}

impl Walker {
    fn peek(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.i + k).map(|(t, _)| t)
    }

    /// Walks one value; when `path` is given, returns the position of the deepest
    /// part of it that was found.
    fn value(&mut self, path: Option<&[Seg]>) -> Option<(usize, usize)> {
        let start = self.toks.get(self.i).map(|(_, p)| *p)?;
        let mut best = path.map(|_| start);
        match self.peek(0)? {
            Tok::Word(_) if self.peek(1) == Some(&Tok::Punct('(')) => {
                self.i += 1;
                if let Some(p) = self.group(')', path) {
                    best = Some(p);
                }
            }
            Tok::Punct('(') => {
                if let Some(p) = self.group(')', path) {
                    best = Some(p);
                }
            }
            Tok::Punct('[') => {
                if let Some(p) = self.group(']', path) {
                    best = Some(p);
                }
            }
            Tok::Punct('{') => {
                self.group('}', None);
            }
            _ => self.i += 1,
        }
        best
    }

    /// Walks a bracketed group whose opening bracket is the current token.
    fn group(&mut self, close: char, path: Option<&[Seg]>) -> Option<(usize, usize)> {
        self.i += 1;
        let mut best = None;
        let mut index = 0;
        loop {
            match self.peek(0) {
                None => return best,
                Some(Tok::Punct(c)) if *c == close => {
                    self.i += 1;
                    return best;
                }
                Some(Tok::Punct(',')) => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let name = match (self.peek(0), self.peek(1)) {
                (Some(Tok::Word(w)), Some(Tok::Punct(':'))) => {
                    let w = w.clone();
                    self.i += 2;
                    Some(w)
                }
                _ => None,
            };
            let field_pos = self.toks.get(self.i).map(|(_, p)| *p);
            let wanted = path.and_then(|p| p.split_first()).and_then(|(head, rest)| {
                let hit = match (head, &name) {
                    (Seg::Field(f), Some(n)) => f == n,
                    (Seg::Index(k), None) => *k == index,
                    _ => false,
                };
                hit.then_some(rest)
            });
            let before = self.i;
            if let Some(rest) = wanted {
                best = if rest.is_empty() {
                    self.value(None);
                    field_pos
                } else {
                    self.value(Some(rest)).or(field_pos)
                };
            } else {
                self.value(None);
            }
            if self.i == before {
                // Not a value we understand: step over it.
                self.i += 1;
            }
            if name.is_none() {
                index += 1;
            }
        }
    }
}

/// The line and column (1-based) of the entry at `path` in `src`, or of the deepest
/// part of it that exists.
pub fn locate(src: &str, path: &str) -> Option<(usize, usize)> {
    let segs = parse_path(path);
    let mut w = Walker {
        toks: tokenize(src),
        i: 0,
    };
    w.value(Some(&segs))
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
}
