//! What a scenario file's mistakes are, how they are told, and the limits on what
//! a file may hold.

use std::fmt;

use super::read::MAX_FILE_BYTES;
use crate::report::safe::{self, one_line};

/// The longest time in a scenario, in milliseconds: 10¹⁰ ms, about 115 days.
pub const MAX_MS: u64 = 10_000_000_000;
/// The longest id (of a user, an unregistered address, a group), in characters.
pub const MAX_ID_CHARS: usize = 64;
/// The longest text (a title, a name, a message), in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// At most this many users and unregistered ids together.
pub const MAX_PEOPLE: usize = 10_000;
/// At most this many groups.
pub const MAX_GROUPS: usize = 1_000;
/// At most this many script entries.
pub const MAX_SCRIPT: usize = 100_000;
/// At most this many pairs in `friends`, and as many in `blocks`.
pub const MAX_PAIRS: usize = 100_000;
/// At most this many expectations.
pub const MAX_EXPECT: usize = 10_000;
/// At most this many questions.
pub const MAX_QUESTIONS: usize = 1_000;
/// At most this many answers to one question.
pub const MAX_ANSWERS: usize = 20;
/// `retry.max_retries` at most.
pub const MAX_RETRIES: u64 = 100;
/// A file's mistakes listed at most; the rest are counted.
pub const MAX_LISTED: usize = 50;
/// "Did you mean" gives up after this much work in one file (cells of the
/// edit-distance table): a file with many users and many mistakes still gets
/// its report at once.
pub const SUGGESTION_BUDGET: usize = 10_000_000;

/// One mistake in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line and column, 1-based, when known.
    pub at: Option<(usize, usize)>,
    /// The entry, e.g. `script[3].do.to`.
    pub entry: Option<String>,
    pub message: String,
}

/// Why a file is not a scenario that can run. Every message starts with the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    #[error("{}: cannot read it: {}", Name(file), one_line(reason))]
    Unreadable { file: String, reason: String },
    #[error("{}: this is a folder; expected one scenario file{}", Name(file), match example {
        Some(e) => format!(", like {}", Name(e)),
        None => " (a .ron file)".to_string(),
    })]
    Folder {
        file: String,
        /// A scenario file in the folder to suggest.
        example: Option<String>,
    },
    #[error(
        "{}: this is {kind}, not a file; expected a scenario file (a .ron file)",
        Name(file)
    )]
    NotAFile { file: String, kind: &'static str },
    #[error("{}: the file is too large ({}); expected at most {MAX_FILE_BYTES} bytes (4 MiB): a scenario is a short text", Name(file), match bytes {
        Some(n) => format!("{n} bytes"),
        None => format!("more than {MAX_FILE_BYTES} bytes"),
    })]
    TooLarge { file: String, bytes: Option<u64> },
    #[error(
        "{}: this folder has no .ron files; expected scenario files like hello.ron in it",
        Name(file)
    )]
    NoScenes { file: String },
    #[error("{}", Problems(file, problems, *more))]
    Invalid {
        file: String,
        /// The first [`MAX_LISTED`] mistakes.
        problems: Vec<Problem>,
        /// How many more there are.
        more: usize,
    },
}

/// A file's name in a message: on one line, its control characters visible, and
/// cut when very long (see [`crate::report::safe`]).
struct Name<'a>(&'a str);

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&safe::brief(self.0, safe::NAMED))
    }
}

/// Each mistake on a line of its own: a newline in a name or a value cannot make
/// another line.
struct Problems<'a>(&'a str, &'a [Problem], usize);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = Name(self.0);
        for (i, p) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{file}")?;
            if let Some((line, col)) = p.at {
                write!(f, ":{line}:{col}")?;
            }
            if let Some(entry) = &p.entry {
                write!(f, ": {}", one_line(entry))?;
            }
            write!(f, ": {}", one_line(&p.message))?;
        }
        match self.2 {
            0 => Ok(()),
            1 => write!(f, "\n{file}: ... and 1 more mistake in this file"),
            n => write!(f, "\n{file}: ... and {n} more mistakes in this file"),
        }
    }
}

impl ScenarioError {
    /// The mistakes listed (none when the file could not be read).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ScenarioError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

/// `s` cut to at most `max` characters, with "…" where it was cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// "a", "a and b", "a, b and c".
pub(super) fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A value from the file quoted in a message: briefly (its first
/// [`safe::QUOTED`] characters), its control characters escaped.
pub(crate) fn quote(s: &str) -> String {
    format!("{:?}", shorten(s, safe::QUOTED))
}

pub(super) fn quoted_list<'a>(items: impl Iterator<Item = &'a str>, total: usize) -> String {
    let items: Vec<String> = items.take(10).map(quote).collect();
    if total > items.len() {
        format!("{}, ... ({total} in all)", items.join(", "))
    } else {
        items.join(", ")
    }
}
