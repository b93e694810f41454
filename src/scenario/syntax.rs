//! Syntax errors in words a teacher can follow: what ron reports is turned into
//! "ENTRY: found ...; expected ...", where ENTRY is the deepest entry around the
//! error's place (found by the [`Locator`]'s one walk), "found" is what the file has
//! there, and "expected" says what belongs in that entry. ron's own messages name
//! Rust types (`ScenarioSpec`); those never reach the user.

use ron::error::{Error, SpannedError};

use super::locate::{Locator, Seg, Tok, TokKind, parse_path};
use super::{Problem, did_you_mean, shorten};

const DOCS: &str = "see docs/scenario-format.md";

/// What stands at `byte` in words: `the text "…"`, `` `word` ``, or the end of the
/// file.
pub fn found(loc: &Locator, tok: Option<Tok>) -> String {
    let Some(t) = tok else {
        return "the end of the file".into();
    };
    let raw = loc.src().get(t.start..t.end).unwrap_or("");
    match t.kind {
        TokKind::Str if t.end == loc.src().len() && !closed_text(raw) => {
            let (line, col) = loc.position(t.start);
            format!("a text that starts at {line}:{col} and is never closed")
        }
        TokKind::Str => format!("the text {}", shorten(first_line(raw), 30)),
        TokKind::Word => format!("`{}`", shorten(raw, 30)),
        TokKind::Punct(c) => format!("`{}`", char::from(c)),
    }
}

/// Whether a string token ends with its closing quote.
fn closed_text(raw: &str) -> bool {
    let quote = if raw.starts_with('r') {
        '"'
    } else {
        raw.chars().next().unwrap_or('"')
    };
    let body = raw.trim_end_matches('#');
    body.len() >= 2 && body.ends_with(quote) && {
        // An odd number of backslashes before it escapes it.
        let before = &body[..body.len() - 1];
        (before.len() - before.trim_end_matches('\\').len()).is_multiple_of(2)
    }
}

fn first_line(s: &str) -> &str {
    match s.find('\n') {
        Some(i) => &s[..i],
        None => s,
    }
}

/// A file that does not start like a RON scenario (JSON, YAML, a named struct):
/// said plainly, before ron is asked.
pub fn not_ron(loc: &Locator) -> Option<Problem> {
    let mut toks = super::locate::Lexer::new(loc.src());
    let mut tok = toks.next();
    // `#![enable(...)]` attributes may come first.
    while tok.is_some_and(|t| &loc.src()[t.start..t.end] == "#!")
        && toks.clone().next().map(|t| t.kind) == Some(TokKind::Punct(b'['))
    {
        let mut depth = 0i32;
        for t in toks.by_ref() {
            match t.kind {
                TokKind::Punct(b'[' | b'(') => depth += 1,
                TokKind::Punct(b']' | b')') => {
                    depth -= 1;
                    if depth <= 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        tok = toks.next();
    }
    let t = tok?;
    if t.kind == TokKind::Punct(b'(') {
        return None;
    }
    let line = first_line(&loc.src()[t.start..]).trim_end();
    Some(Problem {
        at: Some(loc.position(t.start)),
        entry: None,
        message: format!(
            "this does not look like a scenario written in RON: found `{}`; expected the file to start with `(`, like scenes/hello.ron ({DOCS})",
            shorten(line, 30)
        ),
    })
}

/// The side roads a question may follow a letter to, as a list in words:
/// `` `ReturnToSender`, … or `WaitsItsTurn` ``, read from the catalogue.
static ROADS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let names: Vec<String> = crate::sim::Road::for_letters()
        .map(|r| format!("`{r}`"))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
});

/// What belongs at `path`, in words, when the format says.
pub fn expected_at(path: &str) -> Option<&'static str> {
    const ID: &str = "an id in double quotes, like \"lilei\"";
    const PLAIN: &str = "a text in double quotes, like \"Hello!\"";
    const TEXT: &str = "a text in double quotes, like \"Hello!\", or one in both languages, like (en: \"Hello!\", zh: \"你好！\")";
    const MS: &str = "a whole number of milliseconds, like 1500";
    const MOMENT: &str = "a moment: Step(letter: \"Hello!\", step: 4), Road(letter: \"Hello!\", road: NotSent), Time(ms: 6000) or End";
    const QUESTION: &str =
        "a question, like (at: Step(letter: \"Hello!\", step: 4), ask: \"What could go wrong?\")";
    let segs = parse_path(path);
    let field = |k: usize| match segs.len().checked_sub(k).and_then(|i| segs.get(i)) {
        Some(Seg::Field(f)) => Some(f.as_str()),
        _ => None,
    };
    let index = |k: usize| {
        matches!(
            segs.len().checked_sub(k).and_then(|i| segs.get(i)),
            Some(Seg::Index(_))
        )
    };
    if segs.is_empty() {
        return Some("a scenario: (title: ..., users: [...], ...)");
    }
    if index(1) {
        return match field(2) {
            Some("users") => Some("a user, like (id: \"lilei\", name: \"Li Lei\")"),
            Some("groups") => {
                Some("a group, like (id: \"class1\", members: [\"lilei\", \"hanmeimei\"])")
            }
            Some("friends" | "blocks") => {
                Some("a pair of user ids, like (\"lilei\", \"hanmeimei\")")
            }
            Some("script") => Some("a script entry, like (at_ms: 1000, do: Login(\"lilei\"))"),
            Some("expect") => Some(
                "an expectation, like Displayed(to: \"hanmeimei\", from: \"lilei\", text: \"Hello!\")",
            ),
            Some("questions") => Some(QUESTION),
            Some("answers") => Some(TEXT),
            Some("members" | "unregistered" | "do") => Some(ID),
            Some("texts") => Some(PLAIN),
            Some("latency_ms") => Some(MS),
            _ if index(2) && matches!(field(3), Some("friends" | "blocks" | "expect")) => Some(ID),
            _ => None,
        };
    }
    let f = field(1)?;
    Some(match f {
        "title" | "about" | "name" if segs.len() <= 3 => TEXT,
        "ask" | "letter" | "in_real_life" => TEXT,
        "questions" => {
            "a list of questions, like [(at: Step(letter: \"Hello!\", step: 4), ask: \"What could go wrong?\")]"
        }
        "answers" => "a list of answers, like [\"It comes back.\"]",
        "at" => MOMENT,
        "step" => "a step from 1 to 9, like 5",
        "road" => ROADS.as_str(),
        "en" | "zh" | "text" => PLAIN,
        "texts" => "a list of texts, like [\"one\", \"two\"]",
        "id" | "from" | "to" | "user" | "group" => ID,
        "avatar" => "an avatar's name in double quotes, like \"girl\"",
        "members" | "unregistered" | "off" => "a list of ids, like [\"lilei\", \"hanmeimei\"]",
        "users" => "a list of users, like [(id: \"lilei\"), (id: \"hanmeimei\")]",
        "friends" | "blocks" => "a list of pairs, like [(\"lilei\", \"hanmeimei\")]",
        "groups" => {
            "a list of groups, like [(id: \"class1\", members: [\"lilei\", \"hanmeimei\"])]"
        }
        "script" => "a list of script entries, like [(at_ms: 1000, do: Login(\"lilei\"))]",
        "do" => {
            "an action, like Login(\"lilei\") or Send(from: \"lilei\", to: \"hanmeimei\", text: \"Hello!\")"
        }
        "expect" => {
            "a list of expectations, like [Displayed(to: \"hanmeimei\", from: \"lilei\", text: \"Hello!\")]"
        }
        "network" => "(latency_ms: (40, 120), loss: 0.0)",
        "heartbeat" => "(interval_ms: 15000, timeout_ms: 20000)",
        "retry" => "(check_ms: 5000, grace_ms: 3000, max_retries: 2)",
        "latency_ms" => "(min, max) in milliseconds, like (40, 120)",
        "loss" => "a probability from 0 up to (not including) 1, like 0.3",
        "seed" => "a whole number, like 7",
        "max_retries" => "a whole number from 0 to 100, like 2",
        "toward" => "`Server` or `Phone`",
        "order" => "`EachPhone` or `PostOffice`",
        "resend" => "`Tap` or `Auto`",
        "notifications" => "`Off`, `Words`, `NameOnly` or `Hidden`",
        "shelf" => "`HandedOver` or `Fetched`",
        "presence" => "`Off`, `Push` or `Pull(every_ms: 10000)`",
        "read_receipts" => {
            "`Off`, `On`, `Mutual(off: [\"jim\"])` or `Reader(off: [\"jim\"])` (`off` may be left out: `Mutual()`)"
        }
        "recall" => "(limit_ms: 120000)",
        "sealed" | "keeps_history" => "`true` or `false`",
        "between" => "a pair of user ids, like (\"lilei\", \"hanmeimei\")",
        "what" => "`Message`, `Ack`, `Heartbeat`, `Parcel` or `Any`",
        "parcel" => "a photo or a voice message: `Photo(kb: 1200)` or `Voice(kb: 24, seconds: 12)`",
        "parcels" => "(part_kb: 256, keep_ms: 60000), each optional",
        "kb" | "part_kb" => "a whole number of kilobytes, like 1200",
        "seconds" => "a whole number of seconds, like 12",
        "bandwidth_kb_per_s" => "a whole number of kilobytes a second, like 200",
        "reason" => "`UnknownUser`, `NotFriends`, `Blocked` or `NotInGroup`",
        f if f.ends_with("_ms") || f == "ms" => MS,
        _ => return None,
    })
}

/// How a missing field is written.
fn example_of(field: &str) -> &'static str {
    match field {
        "title" => "title: \"Li Lei says hello\"",
        "users" => "users: [(id: \"lilei\")]",
        "id" => "id: \"lilei\"",
        "members" => "members: [\"lilei\", \"hanmeimei\"]",
        "at_ms" => "at_ms: 1000",
        "do" => "do: Login(\"lilei\")",
        "from" => "from: \"lilei\"",
        "to" => "to: \"hanmeimei\"",
        "text" => "text: \"Hello!\"",
        "group" => "group: \"class1\"",
        "user" => "user: \"lilei\"",
        "loss" => "loss: 0.3",
        "toward" => "toward: Server",
        "what" => "what: Ack",
        "reason" => "reason: NotFriends",
        "texts" => "texts: [\"one\", \"two\"]",
        "ms" => "ms: 1000",
        "at" => "at: Step(letter: \"Hello!\", step: 4)",
        "ask" => "ask: \"What could go wrong?\"",
        "letter" => "letter: \"Hello!\"",
        "step" => "step: 5",
        "road" => "road: NotSent",
        "kb" => "kb: 1200",
        "seconds" => "seconds: 12",
        _ => "it",
    }
}

/// The names ron lists, written for people: `` `a`, `b` or `c` ``.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a list of variants is a list of.
fn variant_kind(expected: &[&str]) -> &'static str {
    if expected.contains(&"Login") {
        "the action"
    } else if expected.contains(&"Displayed") {
        "the expectation"
    } else if expected.contains(&"NotFriends") {
        "the reason"
    } else if expected.contains(&"End") {
        "the moment"
    } else if expected.contains(&"ReturnToSender") {
        "the side road"
    } else {
        ""
    }
}

/// ron's message with our Rust type names said as they are in the file: the last
/// resort, for errors without a message of their own.
fn plain(m: &str) -> String {
    let mut m = m.to_string();
    for (rust, file) in [
        ("`ScenarioSpec`", "the scenario"),
        ("`EntrySpec`", "a script entry"),
        ("`UserSpec`", "a user"),
        ("`GroupSpec`", "a group"),
        ("`NetworkSpec`", "network"),
        ("`HeartbeatSpec`", "heartbeat"),
        ("`RetrySpec`", "retry"),
        ("`ActionSpec`", "an action"),
        ("`ExpectSpec`", "an expectation"),
        ("`TextSpec`", "a text"),
        ("`WhatSpec`", "what"),
        ("`ReasonSpec`", "reason"),
        ("`ParcelSpec`", "a parcel"),
        ("`ParcelsSpec`", "parcels"),
        ("`QuestionSpec`", "a question"),
        ("`MomentSpec`", "a moment"),
        ("`Road`", "road"),
        ("`Toward`", "toward"),
        ("`Num`", "a number"),
        ("ron::value::RawValue", "value"),
        ("ron::Options::recursion_limit", "the limit"),
        ("`serde_stacker`", "a helper"),
        (" for struct", ""),
        (" in enum", " in"),
    ] {
        m = m.replace(rust, file);
    }
    let mut c = m.chars();
    match c.next() {
        Some(first) => first.to_lowercase().chain(c).collect(),
        None => m,
    }
}

/// The problem to report for ron's error `e` on the text `loc` walked.
pub fn problem(loc: &Locator, e: &SpannedError) -> Problem {
    let ron_at = (e.span.start.line, e.span.start.col);
    let ron_byte = loc.byte(ron_at);
    let (mut tok, mut before) = loc.tokens_around(ron_byte);
    // Errors between two values (a missing comma) belong to the entry around them.
    let between = matches!(
        e.code,
        Error::ExpectedComma
            | Error::ExpectedArrayEnd
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedOptionEnd
            | Error::ExpectedMapEnd
            | Error::ExpectedMapColon
            | Error::ExpectedIdentifier
            | Error::TrailingCharacters
    );
    // ron wants a name where a value stands (`do: "Login"`): about that value.
    let value_for_a_name = matches!(e.code, Error::ExpectedIdentifier)
        && before.is_some_and(|b| b.kind == TokKind::Punct(b':'));
    let between = between && !value_for_a_name;
    // Errors about one value's kind: when ron stops just after the value (`at_ms:
    // soon,` stops at the comma), the value is what was found.
    let about_a_value = !between
        && !matches!(
            e.code,
            Error::MissingStructField { .. }
                | Error::DuplicateStructField { .. }
                | Error::NoSuchStructField { .. }
                | Error::NoSuchEnumVariant { .. }
                | Error::Eof
                | Error::ExpectedStringEnd
                | Error::UnclosedBlockComment
                | Error::UnclosedLineComment
                | Error::InvalidEscape(_)
                | Error::Message(_)
                | Error::ExceededRecursionLimit
                | Error::ExpectedDifferentLength { .. }
        );
    if about_a_value
        && tok.is_none_or(|t| matches!(t.kind, TokKind::Punct(b',' | b')' | b']' | b'}' | b':')))
        && let Some(b) = before.filter(|b| matches!(b.kind, TokKind::Word | TokKind::Str))
    {
        tok = Some(b);
        before = loc.tokens_around(b.start).1;
    }
    // The place: where what was found starts (ron sometimes stops on the space before
    // it), but inside a text where ron found a bad escape.
    let byte = match tok {
        Some(t) if t.start >= ron_byte || !matches!(e.code, Error::InvalidEscape(_)) => t.start,
        _ => ron_byte,
    };
    let at = if byte == ron_byte {
        ron_at
    } else {
        loc.position(byte)
    };
    let found = found(loc, tok);
    let entry = loc.entry_at(byte, between);
    // Messages that say what a value should be name the nearest entry whose kind the
    // format says (`users[0]` for a stray `9` in `users[0][0]`).
    let describes_a_value = about_a_value
        || value_for_a_name
        || matches!(e.code, Error::ExpectedDifferentStructName { .. });
    let mut path = entry.path.clone();
    // A value wrapped in `Some(...)` (which the file never writes) is the entry
    // itself, not the first item of a tuple.
    if matches!(&e.code, Error::Message(m) if m.starts_with("found `Some(...)`"))
        && let Some(p) = path.strip_suffix("[0]")
    {
        path = p.to_string();
    }
    let mut expected = expected_at(&path);
    if describes_a_value {
        while expected.is_none() && !path.is_empty() {
            path = parent(&path).to_string();
            expected = expected_at(&path);
        }
    }
    let path = path.as_str();
    let said = Said {
        loc,
        found: &found,
        expected,
        path,
        entry_start: entry.start,
        field_name_wanted: entry.among_fields && tok.is_some_and(|t| t.kind == TokKind::Word),
        value_for_a_name,
    };
    let mut message = said.message(&e.code);
    message += &hint(loc, &e.code, before, tok, byte);
    Problem {
        at: Some(at),
        entry: (!path.is_empty()).then(|| path.to_string()),
        message,
    }
}

/// What the message about one of ron's errors may name: what was found, what the
/// format expects there, and the entry.
#[derive(Clone, Copy)]
struct Said<'s> {
    loc: &'s Locator<'s>,
    found: &'s str,
    expected: Option<&'static str>,
    path: &'s str,
    /// Where the entry around the error starts.
    entry_start: usize,
    /// Among a value's fields, at a word: a field's name is wanted.
    field_name_wanted: bool,
    /// ron wants a name where a value stands (`do: "Login"`).
    value_for_a_name: bool,
}

impl Said<'_> {
    /// "found …; expected …", with `fallback` when the format says nothing here.
    fn what(&self, fallback: &str) -> String {
        let found = self.found;
        if self.field_name_wanted {
            format!("found {found}; expected a field's name and a colon, like `name: value`")
        } else {
            format!(
                "found {found}; expected {}",
                self.expected.unwrap_or(fallback)
            )
        }
    }

    /// The message for ron's error `code`: what was found, and what was expected.
    fn message(&self, code: &Error) -> String {
        let Said {
            loc,
            found,
            expected,
            path,
            entry_start,
            value_for_a_name,
            ..
        } = *self;
        let what = |fallback: &str| self.what(fallback);
        match code {
            Error::ExpectedComma => {
                let close = closer(loc, entry_start);
                format!("found {found}; expected a comma `,` or a closing `{close}`")
            }
            Error::ExpectedArrayEnd => {
                format!("found {found}; expected a comma `,` or a closing `]`")
            }
            Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
                format!("found {found}; expected a closing `)`")
            }
            Error::ExpectedMapEnd => format!("found {found}; expected a closing `}}`"),
            Error::ExpectedMapColon => {
                format!("found {found}; expected a colon `:` after the field's name")
            }
            Error::ExpectedIdentifier if value_for_a_name => what("a name"),
            Error::ExpectedIdentifier if path.ends_with("do") => format!(
                "found {found}; expected a field's name and a colon, like `from: \"lilei\"` ({DOCS})"
            ),
            Error::ExpectedIdentifier => {
                format!("found {found}; expected a field's name and a colon, like `name: value`")
            }
            Error::TrailingCharacters => {
                format!("found {found} after the scenario's last `)`; expected the end of the file")
            }
            Error::Eof => {
                "found the end of the file; expected the rest of the scenario".to_string()
            }
            Error::ExpectedStringEnd => {
                "found the end of the file inside a text; expected its closing `\"`".to_string()
            }
            Error::UnclosedBlockComment => {
                "found a comment `/*` that is never closed; expected `*/` to end it".to_string()
            }
            Error::UnclosedLineComment => {
                "found a comment at the very end; expected a new line after it".to_string()
            }
            Error::ExceededRecursionLimit => format!(
                "found brackets nested too deeply; expected a scenario shaped like scenes/hello.ron ({DOCS})"
            ),
            Error::InvalidEscape(why) => format!(
                "found a backslash `\\` in a text that RON does not know ({}); expected `\\\\`, `\\\"`, `\\n` or `\\u{{...}}`",
                plain(why)
            ),
            Error::NoSuchEnumVariant {
                expected: names,
                found: name,
                ..
            } => no_such_variant(names, name),
            Error::NoSuchStructField {
                expected: names,
                found: name,
                ..
            } => no_such_field(names, name),
            Error::MissingStructField { field, .. } => format!(
                "missing the field `{field}`; expected {} in it",
                match example_of(field) {
                    "it" => format!("`{field}: ...`"),
                    ex => format!("`{ex}`"),
                }
            ),
            Error::DuplicateStructField { field, .. } => {
                format!("found the field `{field}` a second time; expected each field once")
            }
            Error::ExpectedDifferentLength {
                expected: theirs,
                found: n,
            } => wrong_length(theirs, *n, expected, path),
            Error::ExpectedDifferentStructName { found: name, .. } => format!(
                "found the name `{}` before `(`; expected {}",
                shorten(name, 30),
                expected.unwrap_or("just `(`, with no name before it")
            ),
            Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => what("an opening `(`"),
            Error::ExpectedArray => what("a list in square brackets: `[...]`"),
            Error::ExpectedString => what("a text in double quotes, like \"Hello!\""),
            Error::InvalidValueForType {
                expected: theirs, ..
            } => what(&plain(theirs)),
            Error::Message(m) => {
                // Our own messages (texts' languages) already say what was found.
                if m.starts_with("found ") {
                    m.clone()
                } else {
                    format!("found {found}; {}", plain(m))
                }
            }
            Error::ExpectedBoolean
            | Error::ExpectedInteger
            | Error::ExpectedFloat
            | Error::ExpectedChar
            | Error::ExpectedUnit
            | Error::ExpectedOption
            | Error::ExpectedMap
            | Error::ExpectedByteString
            | Error::ExpectedByteLiteral
            | Error::UnexpectedChar(_)
            | Error::SuggestRawIdentifier(_)
            | Error::InvalidIdentifier(_)
            | Error::InvalidIntegerDigit { .. }
            | Error::IntegerOutOfBounds
            | Error::UnderscoreAtBeginning
            | Error::FloatUnderscore => what("something else here"),
            other => format!("found {found}; {}", plain(&other.to_string())),
        }
    }
}

/// "found the action `Logn` (did you mean `Login`?); expected one of …".
fn no_such_variant(names: &[&str], name: &str) -> String {
    let kind = variant_kind(names);
    let mut m = format!(
        "found {kind}{}`{}`",
        if kind.is_empty() { "" } else { " " },
        shorten(name, 30)
    );
    if let Some(s) = did_you_mean(name, names.iter().copied()) {
        m += &format!(" (did you mean `{s}`?)");
    }
    m + &format!("; expected {}", one_of(names))
}

/// "found the field `tos` (did you mean `to`?); expected one of …".
fn no_such_field(names: &[&str], name: &str) -> String {
    let mut m = format!("found the field `{}`", shorten(name, 30));
    if let Some(s) = did_you_mean(name, names.iter().copied()) {
        m += &format!(" (did you mean `{s}`?)");
    }
    if names.is_empty() {
        m + "; expected no fields here"
    } else {
        m + &format!("; expected {}", one_of(names))
    }
}

/// "found one item; expected 2 items: …", for a list or tuple of the wrong length.
fn wrong_length(theirs: &str, n: usize, expected: Option<&str>, path: &str) -> String {
    let items = match n {
        0 => "nothing".to_string(),
        1 => "one item".to_string(),
        n => format!("{n} items"),
    };
    // ron says "a tuple of size 2" or "... with 2 elements".
    let wanted = theirs
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|w| !w.is_empty())
        .map_or("more".to_string(), |n| format!("{n} items"));
    match expected {
        Some(ex) if !path.ends_with("do") => {
            format!("found {items}; expected {wanted}: {ex}")
        }
        _ => format!("found {items}; expected {wanted}"),
    }
}

/// A hint after the message: a text that runs on over lines (its closing quote
/// missing, most likely), or else a bracket that is never closed; or nothing.
fn hint(loc: &Locator, code: &Error, before: Option<Tok>, tok: Option<Tok>, byte: usize) -> String {
    let mut message = String::new();
    if let Some(b) = before.filter(|b| b.kind == TokKind::Str)
        && loc.src()[b.start..b.end].contains('\n')
    {
        let (line, col) = loc.position(b.start);
        message += &format!(
            " (the text that starts at {line}:{col} goes on to the next line: is its closing `\"` missing?)"
        );
    } else if let (Some(b), Some(t)) = (before, tok)
        && b.kind == TokKind::Str
        && b.end == t.start
        && t.kind == TokKind::Word
    {
        message += " (a text ends right before it: is a `\"` missing, or one too many?)";
    } else if let (Some(b), Some(t)) = (before, tok)
        && b.kind == TokKind::Word
        && t.kind == TokKind::Punct(b'(')
        && matches!(code, Error::ExpectedComma | Error::ExpectedStructLikeEnd)
    {
        message += &format!(
            " (`{}` is written without brackets)",
            shorten(&loc.src()[b.start..b.end], 30)
        );
    } else if let Some(u) = loc.unclosed_at(byte) {
        message += &format!(
            " (the `{}` at {}:{} is never closed)",
            u.bracket, u.at.0, u.at.1
        );
    }
    message
}

/// `script[1].do` for `script[1].do.to`, `users` for `users[0]`, "" for `title`.
fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

/// The bracket that closes the value starting at `start`.
fn closer(loc: &Locator, start: usize) -> char {
    match loc.src().as_bytes().get(start) {
        Some(b'[') => ']',
        Some(b'{') => '}',
        _ => ')',
    }
}
