//! Scenario files (format v1, `scenes/*.ron`): reading them, reporting every mistake
//! with its place (file, line, column, entry) and a "did you mean", turning them into
//! a [`Sim`], and checking a run's expectations against its trace.
//!
//! The format is documented in `docs/scenario-format.md`.

pub mod builtin;
pub mod expect;
pub mod locate;
pub mod question;
pub mod read;
pub mod size;
pub mod spec;
mod syntax;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::report::safe::{self, one_line};

use ron::extensions::Extensions;

use crate::sim::{
    Action, Dest, Dir, FrameClass, GroupIdx, Heartbeat, Network, Person, RegisterChange, Retry,
    Settings, Sim, Text, Time, UserIdx, World,
};
pub use builtin::open;
pub use expect::{Detail, Fate, Outcome, check};
use locate::Locator;
pub use question::{Due, Letter, Moment, Question, Road};
pub use read::{MAX_FILE_BYTES, scene_files};
use spec::{ActionSpec, ExpectSpec, MomentSpec, Num, ScenarioSpec, Toward, WhatSpec};
pub use spec::{Expectation, TextSpec};

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

/// One of the scene's own texts (its title, about card, a question, an answer,
/// the in-real-life note), with its story form where the file gives one: the
/// words said in the story register, where the ordinary text would use a
/// technical word. It reads as its ordinary text ([`std::ops::Deref`]); a person
/// is shown [`SceneText::told`].
#[derive(Clone, Debug, PartialEq)]
pub struct SceneText {
    pub text: Text,
    pub story: Option<Text>,
}

impl SceneText {
    /// A text with no story form.
    pub fn new(text: Text) -> SceneText {
        SceneText { text, story: None }
    }

    /// The words shown in `reg`: the story form in the story register where there
    /// is one, else the ordinary text.
    pub fn in_register(&self, reg: crate::words::Register) -> &Text {
        match (&self.story, reg) {
            (Some(story), crate::words::Register::Story) => story,
            _ => &self.text,
        }
    }

    /// The words shown in `lang` and `reg`.
    pub fn told(&self, lang: crate::sim::Lang, reg: crate::words::Register) -> &str {
        self.in_register(reg).get(lang)
    }
}

impl std::ops::Deref for SceneText {
    type Target = Text;
    fn deref(&self) -> &Text {
        &self.text
    }
}

/// A scenario that has been read and checked: ready to run.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file it came from, as given.
    pub file: String,
    /// The file's text (for locating entries in messages, and for saving a lesson
    /// beside it).
    pub source: Arc<str>,
    pub title: SceneText,
    pub about: Option<SceneText>,
    pub seed: u64,
    pub settings: Settings,
    pub world: Arc<World>,
    pub friends: Vec<(UserIdx, UserIdx)>,
    pub blocks: Vec<(UserIdx, UserIdx)>,
    /// In time order; actions at the same time in file order.
    pub script: Vec<(Time, Action)>,
    /// For each action of `script`, its entry in the file's `script` list.
    pub script_entries: Vec<usize>,
    pub expect: Vec<Expectation>,
    pub until_ms: Option<Time>,
    /// Questions for the class, as the file lists them: at moments of the story,
    /// and for the closing recap card ([`Moment::End`]). See [`question`].
    pub questions: Vec<Question>,
    /// What a real app shows at this point of the story, for the recap card.
    pub in_real_life: Option<SceneText>,
}

impl Scenario {
    /// A simulation of this scenario, ready to run. `seed` overrides the file's.
    pub fn sim(&self, seed: Option<u64>, tracing: bool) -> Sim {
        let mut sim = Sim::new(
            self.world.clone(),
            self.settings,
            seed.unwrap_or(self.seed),
            tracing,
        );
        for &(a, b) in &self.friends {
            sim.set_register(RegisterChange::Befriend, a, b);
        }
        for &(a, b) in &self.blocks {
            sim.set_register(RegisterChange::Block, a, b);
        }
        for (at, action) in &self.script {
            sim.schedule(*at, action.clone());
        }
        sim.set_until(self.until_ms);
        sim
    }
}

/// Reads and checks a scenario file. A folder, a device, a pipe or a socket is
/// refused before it is opened, and a file over [`MAX_FILE_BYTES`] before it is
/// read whole (see [`read::read`]).
pub fn load(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
    let path = path.as_ref();
    let bytes = read::read(path)?;
    parse(&path.display().to_string(), &bytes)
}

/// Reads and checks a scenario from its bytes; `file` names it in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    let invalid = |problems, more| ScenarioError::Invalid {
        file: file.to_string(),
        problems,
        more,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ScenarioError::TooLarge {
            file: file.to_string(),
            bytes: Some(bytes.len() as u64),
        });
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(invalid(
                vec![Problem {
                    at: Some(end_position(good)),
                    entry: None,
                    message: format!(
                        "this is not a text file: found the byte 0x{:02x}, which is not UTF-8; expected a scenario written in RON",
                        bytes[e.valid_up_to()]
                    ),
                }],
                0,
            ));
        }
    };
    if let Some(nul) = src.find('\0') {
        return Err(invalid(
            vec![Problem {
                at: Some(end_position(&src[..nul])),
                entry: None,
                message: "this is not a text file: found the byte 0x00; expected a scenario written in RON".into(),
            }],
            0,
        ));
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let empty = |what: &str| {
        invalid(
            vec![Problem {
                at: Some((1, 1)),
                entry: None,
                message: format!("{what}; expected a scenario: `(title: ..., users: [...], ...)`"),
            }],
            0,
        )
    };
    if src.trim().is_empty() {
        return Err(empty("the file is empty"));
    }
    let locator = OnceCell::new();
    let loc = || locator.get_or_init(|| Locator::new(src));
    if let Some(p) = syntax::not_ron(loc()) {
        return Err(invalid(vec![p], 0));
    }
    if locate::Lexer::new(src).next().is_none() {
        return Err(empty("the file has only comments"));
    }
    let spec: ScenarioSpec = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(src)
        .map_err(|e| invalid(vec![syntax::problem(loc(), &e)], 0))?;
    let mut b = Builder {
        locator: &locator,
        src,
        problems: Vec::new(),
        more: 0,
        world: World::default(),
        ids: HashMap::new(),
        groups: HashMap::new(),
        budget: SUGGESTION_BUDGET,
        lists: [None, None],
    };
    let scenario = b.build(file, spec);
    if b.problems.is_empty() && b.more == 0 {
        return Ok(scenario);
    }
    let (listed, more) = (std::mem::take(&mut b.problems), b.more);
    let loc = loc();
    let problems = listed
        .into_iter()
        .map(|(entry, message)| Problem {
            at: Some(loc.locate(&entry).unwrap_or((1, 1))),
            entry: Some(entry),
            message,
        })
        .collect();
    Err(invalid(problems, more))
}

fn end_position(s: &str) -> (usize, usize) {
    let line = s.matches('\n').count() + 1;
    let col = s.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// `s` cut to at most `max` characters, with "…" where it was cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// The distance between two ids, counting a swap of neighbours as one edit; `None`
/// when it is more than `limit` or when `budget` (cells computed) runs out. Three
/// rows of the table, never the whole table.
fn distance_within(a: &[char], b: &[char], limit: usize, budget: &mut usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let mut before: Vec<usize> = vec![0; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur: Vec<usize> = vec![0; w];
    for i in 1..=a.len() {
        *budget = budget.checked_sub(w)?;
        cur[0] = i;
        let mut best = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

/// The closest of `candidates` to `bad`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    bad: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut budget = usize::MAX;
    suggest(bad, candidates, &mut budget)
}

/// [`did_you_mean`] within a budget of work shared by a whole file. Ids longer than
/// [`MAX_ID_CHARS`] get no suggestion, and candidates whose length is too far off
/// are not compared.
fn suggest<'a>(
    bad: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<&'a str> {
    if bad.len() > 4 * MAX_ID_CHARS {
        return None;
    }
    let a: Vec<char> = bad.chars().collect();
    if a.len() > MAX_ID_CHARS {
        return None;
    }
    let limit = (a.len() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if *budget == 0 {
            break;
        }
        if c.len() > 4 * MAX_ID_CHARS || c.len() + 4 * limit < a.len() {
            continue;
        }
        let d = if c.eq_ignore_ascii_case(bad) {
            Some(0)
        } else {
            let b: Vec<char> = c.chars().collect();
            distance_within(&a, &b, limit, budget)
        };
        if let Some(d) = d
            && best.is_none_or(|(bd, _)| d < bd)
        {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

/// "a", "a and b", "a, b and c".
fn list_and(items: &[String]) -> String {
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

fn quoted_list<'a>(items: impl Iterator<Item = &'a str>, total: usize) -> String {
    let items: Vec<String> = items.take(10).map(quote).collect();
    if total > items.len() {
        format!("{}, ... ({total} in all)", items.join(", "))
    } else {
        items.join(", ")
    }
}

/// Who an id must be where it is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Someone with a phone (a user).
    Phone,
    /// Any address: a user, or one listed in `unregistered`.
    Address,
}

/// What a whole number in the file counts, for its messages.
#[derive(Clone, Copy)]
enum Whole {
    Ms,
    Retries,
    Seed,
}

impl Whole {
    fn max(self) -> u64 {
        match self {
            Whole::Ms => MAX_MS,
            Whole::Retries => MAX_RETRIES,
            Whole::Seed => u64::MAX,
        }
    }

    fn at_most(self) -> String {
        match self {
            Whole::Ms => format!("at most {MAX_MS} ms (about 115 days)"),
            Whole::Retries => format!("at most {MAX_RETRIES} retries"),
            Whole::Seed => format!("at most {}", u64::MAX),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Whole::Ms => "a whole number of milliseconds, like 1500",
            Whole::Retries => "a whole number of retries, like 2",
            Whole::Seed => "a whole number, like 7",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Whole::Ms => "a time",
            Whole::Retries => "a number of retries",
            Whole::Seed => "a seed",
        }
    }
}

struct Builder<'a, 'l> {
    /// The file's text, walked once, when the first mistake needs a place.
    locator: &'l OnceCell<Locator<'a>>,
    src: &'a str,
    /// The first [`MAX_LISTED`] mistakes: entry and message.
    problems: Vec<(String, String)>,
    /// How many more.
    more: usize,
    world: World,
    /// Every id in `users` and `unregistered`, and where it is in `world.people`.
    ids: HashMap<String, UserIdx>,
    groups: HashMap<String, GroupIdx>,
    /// Work left for "did you mean".
    budget: usize,
    /// The quoted lists of ids for each role, made once.
    lists: [Option<String>; 2],
}

fn text(t: &TextSpec) -> Text {
    if t.plain {
        Text::same(&t.en)
    } else {
        Text::new(&t.en, &t.zh)
    }
}

/// One of the scene's own texts, with its story form.
fn told(t: &TextSpec) -> SceneText {
    SceneText {
        text: text(t),
        story: t.story.as_deref().map(text),
    }
}

fn chars_over(s: &str, max: usize) -> Option<usize> {
    // Bytes bound characters from above: most strings need no count.
    if s.len() <= max {
        return None;
    }
    let n = s.chars().count();
    (n > max).then_some(n)
}

impl<'a> Builder<'a, '_> {
    fn loc(&self) -> &Locator<'a> {
        let src = self.src;
        self.locator.get_or_init(|| Locator::new(src))
    }

    /// Whether the list of mistakes is full; then the next ones are only counted.
    fn full(&mut self) -> bool {
        if self.problems.len() >= MAX_LISTED {
            self.more += 1;
            true
        } else {
            false
        }
    }

    fn problem(&mut self, entry: impl Into<String>, message: impl Into<String>) {
        if !self.full() {
            self.problems.push((entry.into(), message.into()));
        }
    }

    /// A number as written in the file, shortened, for a message.
    fn written(&self, n: Num, entry: &str) -> String {
        match self.loc().raw(entry) {
            Some(raw) => shorten(raw, 30),
            None => match n {
                Num::Whole(n) => n.to_string(),
                Num::Negative(n) => n.to_string(),
                Num::Other(x) if x.abs() >= 1e15 => format!("{x:e}"),
                Num::Other(x) => x.to_string(),
            },
        }
    }

    /// A whole number from 0 up to its kind's limit, or a mistake at `entry`.
    fn whole(&mut self, n: Num, entry: &str, kind: Whole) -> Option<u64> {
        if let Num::Whole(v) = n
            && v <= kind.max()
        {
            return Some(v);
        }
        if self.full() {
            return None;
        }
        let shown = self.written(n, entry);
        let digits = shown
            .trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_');
        let message = match n {
            Num::Whole(_) => format!(
                "found {shown}, which is too large; expected {}",
                kind.at_most()
            ),
            Num::Negative(_) => format!(
                "found {shown}, but {} cannot be negative; expected {}",
                kind.noun(),
                kind.kind()
            ),
            Num::Other(x) if digits && x < 0.0 => format!(
                "found {shown}, but {} cannot be negative; expected {}",
                kind.noun(),
                kind.kind()
            ),
            Num::Other(x) if digits && x >= 0.0 => format!(
                "found {shown}, which is too large; expected {}",
                kind.at_most()
            ),
            Num::Other(_) => format!("found {shown}; expected {}", kind.kind()),
        };
        self.problems.push((entry.to_string(), message));
        None
    }

    fn ms(&mut self, n: Num, entry: &str) -> Option<u64> {
        self.whole(n, entry, Whole::Ms)
    }

    /// A time that must be more than 0.
    fn positive_ms(&mut self, n: Num, entry: &str) -> Option<u64> {
        match self.ms(n, entry)? {
            0 => {
                self.problem(entry, "found 0; expected a positive number of milliseconds");
                None
            }
            v => Some(v),
        }
    }

    fn loss(&mut self, n: Num, entry: &str) -> f64 {
        let loss = n.real();
        if (0.0..1.0).contains(&loss) {
            return loss;
        }
        if !self.full() {
            let shown = self.written(n, entry);
            self.problems.push((
                entry.to_string(),
                format!(
                    "found {shown}; expected a probability from 0 up to (not including) 1, like 0.3"
                ),
            ));
        }
        0.0
    }

    /// An id where it is defined: not too long.
    fn check_id(&mut self, id: &str, entry: impl Into<String>) {
        if let Some(n) = chars_over(id, MAX_ID_CHARS) {
            self.problem(
                entry,
                format!(
                    "found an id of {n} characters; expected at most {MAX_ID_CHARS}, like \"lilei\""
                ),
            );
        }
    }

    /// A text of one language or both: not too long.
    fn check_plain(&mut self, text: &str, entry: impl Into<String>) {
        if let Some(n) = chars_over(text, MAX_TEXT_CHARS) {
            self.problem(
                entry,
                format!("found a text of {n} characters; expected at most {MAX_TEXT_CHARS}"),
            );
        }
    }

    /// A letter's words, a name, an expectation's text: not too long, and the same
    /// in every register (no story form).
    fn check_text(&mut self, t: &TextSpec, entry: &str) {
        self.check_length(t, entry);
        if t.story.is_some() {
            self.problem(
                format!("{entry}.story"),
                "found a story form; expected none here: letters, names and expectations are the same in every register (a story form belongs to the title, about, a question, an answer or in_real_life)".to_string(),
            );
        }
    }

    /// One of the scene's own texts (the title, the about card): not too long,
    /// nor is its story form.
    fn check_told(&mut self, t: &TextSpec, entry: &str) {
        self.check_length(t, entry);
        if let Some(story) = &t.story {
            self.check_length(story, &format!("{entry}.story"));
        }
    }

    fn check_length(&mut self, t: &TextSpec, entry: &str) {
        let over = |s: &str| chars_over(s, MAX_TEXT_CHARS).is_some();
        if !over(&t.en) && !over(&t.zh) {
            return;
        }
        let en = format!("{entry}.en");
        if self.loc().exists(&en) {
            self.check_plain(&t.en, en);
            self.check_plain(&t.zh, format!("{entry}.zh"));
        } else {
            self.check_plain(&t.en, entry);
        }
    }

    /// A list with at most `max` entries.
    fn check_count(&mut self, n: usize, max: usize, entry: &str, what: &str) {
        if n > max {
            self.problem(entry, format!("found {n} {what}; expected at most {max}"));
        }
    }

    fn user(&mut self, id: &str, entry: String, role: Role) -> Option<UserIdx> {
        match self.ids.get(id).copied() {
            Some(u) if role == Role::Phone && !self.world.person(u).registered => {
                self.problem(
                    entry,
                    format!("found {id:?}, which is listed in `unregistered` and has no phone; expected a user"),
                );
                None
            }
            Some(u) => Some(u),
            None if self.full() => None,
            None => {
                if let Some(n) = chars_over(id, MAX_ID_CHARS) {
                    self.problems.push((
                        entry,
                        format!("found an id of {n} characters, which is nobody's; expected at most {MAX_ID_CHARS}, like \"lilei\""),
                    ));
                    return None;
                }
                let (people, ids) = (&self.world.people, &self.ids);
                // The ids that stand, in file order: not a duplicate, not an empty one.
                let standing = || {
                    people.iter().enumerate().filter(move |(i, p)| {
                        (role == Role::Address || p.registered)
                            && ids.get(&*p.id).is_some_and(|u| u.index() == *i)
                    })
                };
                let candidates = standing().map(|(_, p)| &*p.id);
                let mut message = format!("unknown user {id:?}");
                if let Some(m) = suggest(id, candidates, &mut self.budget) {
                    message += &format!(" (did you mean {m:?}?)");
                }
                let slot = usize::from(role == Role::Address);
                let list = self.lists[slot].get_or_insert_with(|| {
                    let total = standing().count();
                    quoted_list(standing().map(|(_, p)| &*p.id), total)
                });
                if list.is_empty() {
                    message += "; expected a user listed in `users` (there are none)";
                } else {
                    message += &format!("; expected one of the users: {list},");
                }
                if role == Role::Address {
                    message += " or an id listed in `unregistered`";
                }
                message = message.trim_end_matches(',').to_string();
                self.problems.push((entry, message));
                None
            }
        }
    }

    fn pair(&mut self, a: &str, b: &str, entry: &str) -> Option<(UserIdx, UserIdx)> {
        let x = self.user(a, format!("{entry}[0]"), Role::Phone);
        let y = self.user(b, format!("{entry}[1]"), Role::Phone);
        let (x, y) = (x?, y?);
        if x == y {
            self.problem(
                entry,
                format!("found {a:?} twice; expected two different users"),
            );
            return None;
        }
        Some((x, y))
    }

    fn group(&mut self, id: &str, entry: String) -> Option<GroupIdx> {
        if let Some(&g) = self.groups.get(id) {
            return Some(g);
        }
        if self.full() {
            return None;
        }
        if let Some(n) = chars_over(id, MAX_ID_CHARS) {
            self.problems.push((
                entry,
                format!("found an id of {n} characters, which is no group's; expected at most {MAX_ID_CHARS}, like \"class1\""),
            ));
            return None;
        }
        let ids = self.world.groups.iter().map(|g| &*g.id);
        let mut message = format!("unknown group {id:?}");
        if let Some(m) = suggest(id, ids.clone(), &mut self.budget) {
            message += &format!(" (did you mean {m:?}?)");
        }
        if self.world.groups.is_empty() {
            message += "; expected a group listed in `groups`, and there are none";
        } else {
            message += &format!(
                "; expected one of: {}",
                quoted_list(ids, self.world.groups.len())
            );
        }
        self.problems.push((entry, message));
        None
    }

    /// A text a person reads (a question, an answer, a note): not too long, and
    /// not empty in either language.
    fn check_words(&mut self, t: &TextSpec, entry: &str, what: &str) {
        self.check_told(t, entry);
        self.check_not_empty(t, entry, what);
        if let Some(story) = &t.story {
            self.check_not_empty(story, &format!("{entry}.story"), what);
        }
    }

    fn check_not_empty(&mut self, t: &TextSpec, entry: &str, what: &str) {
        for (words, lang) in [(&t.en, "en"), (&t.zh, "zh")] {
            if words.trim().is_empty() {
                let at = format!("{entry}.{lang}");
                let at = if self.loc().exists(&at) {
                    at
                } else {
                    entry.to_string()
                };
                let example = match what {
                    "an answer" => r#"(en: "The post office.", zh: "邮局。")"#,
                    "a note" => r#"(en: "WeChat shows no ticks.", zh: "微信不显示勾。")"#,
                    _ => r#"(en: "Who knows?", zh: "谁知道？")"#,
                };
                self.problem(
                    at,
                    format!("found an empty text; expected {what} in words, like {example}"),
                );
                return;
            }
        }
    }

    /// A step of the nine, by its number.
    fn step_number(&mut self, n: Num, entry: &str) -> Option<crate::sim::Step> {
        if let Some(n) = n.whole()
            && (1..=9).contains(&n)
        {
            return Some(crate::sim::Step::ALL[n as usize - 1]);
        }
        if !self.full() {
            let shown = self.written(n, entry);
            self.problems.push((
                entry.to_string(),
                format!("found {shown}; expected a step from 1 to 9 (1 Edit, 2 Store, 3 Send, 4 Receive, 5 Verify, 6 Forward, 7 Receive, 8 Store, 9 Display)"),
            ));
        }
        None
    }

    /// The letter a question names: by its words (either language, as an
    /// expectation names one), or by its number (`lilei#2`) where two letters have
    /// the same words. `letters`: the scene's letters in the order they are
    /// written; none where the script has mistakes of its own, so that a letter not
    /// found is not blamed on the question (its entry may be the broken one).
    fn letter(
        &mut self,
        named: &TextSpec,
        entry: &str,
        letters: Option<&[(UserIdx, Text, usize)]>,
    ) -> Option<Letter> {
        if named.en.trim().is_empty() || named.zh.trim().is_empty() {
            self.problem(
                entry,
                "found an empty text; expected the words of a letter the script sends, like \"Hello!\"",
            );
            return None;
        }
        if chars_over(&named.en, MAX_TEXT_CHARS).is_some()
            || chars_over(&named.zh, MAX_TEXT_CHARS).is_some()
        {
            self.check_text(named, entry);
            return None;
        }
        let letters = letters?;
        // The letter's number among its sender's letters, from 1.
        let number = |k: usize| {
            let (from, _, _) = &letters[k];
            1 + letters[..k].iter().filter(|(f, _, _)| f == from).count()
        };
        let same = |k: usize| {
            let (from, words, _) = &letters[k];
            letters[..k]
                .iter()
                .filter(|(f, w, _)| f == from && w == words)
                .count()
        };
        let found: Vec<usize> = (0..letters.len())
            .filter(|&k| named.matches(&letters[k].1))
            .collect();
        let letter = |k: usize| Letter {
            from: letters[k].0,
            text: letters[k].1.clone(),
            nth: same(k),
            named: named.to_string(),
        };
        match found.as_slice() {
            [k] => return Some(letter(*k)),
            [] => {}
            many => {
                let ids: Vec<String> = many
                    .iter()
                    .map(|&k| {
                        format!(
                            "{}#{} (script[{}])",
                            self.world.person(letters[k].0).id,
                            number(k),
                            letters[k].2
                        )
                    })
                    .collect();
                let example = format!(
                    "{}#{}",
                    self.world.person(letters[many[1]].0).id,
                    number(many[1])
                );
                self.problem(
                    entry,
                    format!(
                        "found {named}, the words of {} letters: {}; expected one letter: name it by its number instead, like {example:?}",
                        many.len(),
                        list_and(&ids)
                    ),
                );
                return None;
            }
        }
        // A number: `lilei#2`.
        if named.plain
            && let Some((id, n)) = named.en.rsplit_once('#')
            && let Some(&u) = self.ids.get(id)
            && let Ok(n) = n.parse::<usize>()
        {
            let theirs: Vec<usize> = (0..letters.len()).filter(|&k| letters[k].0 == u).collect();
            if let Some(&k) = n.checked_sub(1).and_then(|i| theirs.get(i)) {
                return Some(letter(k));
            }
            self.problem(
                entry,
                match theirs.len() {
                    0 => format!("found {named}, but {id:?} writes no letter in the script; expected the number of a letter the script sends"),
                    1 => format!("found {named}, but {id:?} writes one letter in the script; expected \"{id}#1\""),
                    m => format!("found {named}, but {id:?} writes {m} letters in the script; expected \"{id}#1\" to \"{id}#{m}\""),
                },
            );
            return None;
        }
        if self.full() {
            return None;
        }
        let mut message = format!("unknown letter {}", shorten(&named.to_string(), 60));
        let words = letters
            .iter()
            .flat_map(|(_, t, _)| [&*t.en, &*t.zh])
            .filter(|w| !w.is_empty());
        if let Some(m) = suggest(&named.en, words, &mut self.budget) {
            message += &format!(" (did you mean {:?}?)", shorten(m, 40));
        }
        if letters.is_empty() {
            message += "; expected a letter the script sends, and it sends none";
        } else {
            let mut seen: Vec<String> = Vec::new();
            for (_, t, _) in letters {
                let words = shorten(&t.en, 40);
                if !seen.contains(&words) {
                    seen.push(words);
                }
            }
            message += &format!(
                "; expected the words of a letter the script sends: {}, or its number, like \"{}#1\"",
                quoted_list(seen.iter().map(String::as_str), seen.len()),
                self.world.person(letters[0].0).id
            );
        }
        self.problems.push((entry.to_string(), message));
        None
    }

    fn build(&mut self, file: &str, spec: ScenarioSpec) -> Scenario {
        // ---- sizes ----
        self.check_told(&spec.title, "title");
        if let Some(about) = &spec.about {
            self.check_told(about, "about");
        }
        self.check_count(
            spec.users.len() + spec.unregistered.len(),
            MAX_PEOPLE,
            "users",
            "users and unregistered ids",
        );
        self.check_count(spec.groups.len(), MAX_GROUPS, "groups", "groups");
        self.check_count(spec.friends.len(), MAX_PAIRS, "friends", "pairs");
        self.check_count(spec.blocks.len(), MAX_PAIRS, "blocks", "pairs");
        self.check_count(spec.script.len(), MAX_SCRIPT, "script", "script entries");
        self.check_count(spec.expect.len(), MAX_EXPECT, "expect", "expectations");

        // ---- people and groups ----
        if spec.users.is_empty() {
            self.problem("users", "found no users; expected at least one");
        }
        for (i, u) in spec.users.iter().enumerate() {
            let idx = UserIdx(self.world.people.len() as u32);
            if u.id.trim().is_empty() {
                self.problem(
                    format!("users[{i}].id"),
                    "found an empty id; expected a short name like \"lilei\"",
                );
            } else if self.ids.contains_key(&u.id) {
                self.problem(
                    format!("users[{i}].id"),
                    format!(
                        "found {} a second time; expected every user id once",
                        quote(&u.id)
                    ),
                );
            } else {
                self.check_id(&u.id, format!("users[{i}].id"));
                self.ids.insert(u.id.clone(), idx);
            }
            if let Some(name) = &u.name {
                self.check_text(name, &format!("users[{i}].name"));
            }
            if let Some(n) = chars_over(&u.avatar, MAX_ID_CHARS) {
                self.problem(
                    format!("users[{i}].avatar"),
                    format!("found a name of {n} characters; expected at most {MAX_ID_CHARS}, like \"girl\""),
                );
            }
            self.world.people.push(Person {
                id: Arc::from(u.id.as_str()),
                name: u
                    .name
                    .as_ref()
                    .map(text)
                    .unwrap_or_else(|| Text::same(&u.id)),
                avatar: Arc::from(u.avatar.as_str()),
                registered: true,
            });
        }
        for (i, id) in spec.unregistered.iter().enumerate() {
            let idx = UserIdx(self.world.people.len() as u32);
            if self.ids.contains_key(id) {
                self.problem(
                    format!("unregistered[{i}]"),
                    format!("found {}, which is already a user or listed before; expected an id that is nobody's", quote(id)),
                );
            } else {
                self.check_id(id, format!("unregistered[{i}]"));
                self.ids.insert(id.clone(), idx);
            }
            self.world.people.push(Person {
                id: Arc::from(id.as_str()),
                name: Text::same(id),
                avatar: Arc::from(""),
                registered: false,
            });
        }
        for (i, g) in spec.groups.iter().enumerate() {
            let idx = GroupIdx(self.world.groups.len() as u32);
            if self.groups.contains_key(&g.id) {
                self.problem(
                    format!("groups[{i}].id"),
                    format!(
                        "found {} a second time; expected every group id once",
                        quote(&g.id)
                    ),
                );
            } else {
                self.check_id(&g.id, format!("groups[{i}].id"));
                self.groups.insert(g.id.clone(), idx);
            }
            if let Some(name) = &g.name {
                self.check_text(name, &format!("groups[{i}].name"));
            }
            let mut members = Vec::new();
            let mut seen = HashSet::new();
            for (j, m) in g.members.iter().enumerate() {
                if let Some(u) = self.user(m, format!("groups[{i}].members[{j}]"), Role::Phone) {
                    if !seen.insert(u) {
                        self.problem(
                            format!("groups[{i}].members[{j}]"),
                            format!("found {m:?} a second time; expected each member once"),
                        );
                    }
                    members.push(u);
                }
            }
            self.world.groups.push(crate::sim::world::Group {
                id: Arc::from(g.id.as_str()),
                name: g
                    .name
                    .as_ref()
                    .map(text)
                    .unwrap_or_else(|| Text::same(&g.id)),
                members,
            });
        }

        // ---- settings ----
        let seed = self.whole(spec.seed, "seed", Whole::Seed).unwrap_or(0);
        let min = self.ms(spec.network.latency_ms.0, "network.latency_ms[0]");
        let max = self.ms(spec.network.latency_ms.1, "network.latency_ms[1]");
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            self.problem(
                "network.latency_ms",
                format!("found ({min}, {max}); expected (min, max) with min no larger than max"),
            );
        }
        let loss = self.loss(spec.network.loss, "network.loss");
        let hb = &spec.heartbeat;
        let interval = self.positive_ms(hb.interval_ms, "heartbeat.interval_ms");
        let timeout = self.ms(hb.timeout_ms, "heartbeat.timeout_ms");
        if let (Some(interval), Some(timeout)) = (interval, timeout)
            && timeout <= interval
        {
            self.problem(
                "heartbeat.timeout_ms",
                format!("found {timeout}; expected more than interval_ms ({interval}), or every phone would be marked offline between two heartbeats"),
            );
        }
        let check_ms = self.positive_ms(spec.retry.check_ms, "retry.check_ms");
        let grace_ms = self.ms(spec.retry.grace_ms, "retry.grace_ms");
        let max_retries = self.whole(spec.retry.max_retries, "retry.max_retries", Whole::Retries);
        let until_ms = spec.until_ms.and_then(|n| self.positive_ms(n, "until_ms"));
        let defaults = Settings::default();
        let settings = Settings {
            network: Network {
                latency_ms: (min.unwrap_or(0), max.unwrap_or(0)),
                loss,
            },
            heartbeat: Heartbeat {
                interval_ms: interval.unwrap_or(defaults.heartbeat.interval_ms),
                timeout_ms: timeout.unwrap_or(defaults.heartbeat.timeout_ms),
            },
            retry: Retry {
                check_ms: check_ms.unwrap_or(defaults.retry.check_ms),
                grace_ms: grace_ms.unwrap_or(defaults.retry.grace_ms),
                max_retries: max_retries.map_or(0, |n| n as u32),
            },
            ..defaults
        };

        // ---- the register ----
        let friends: Vec<_> = spec
            .friends
            .iter()
            .enumerate()
            .filter_map(|(i, (a, b))| self.pair(a, b, &format!("friends[{i}]")))
            .collect();
        let blocks: Vec<_> = spec
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, (a, b))| self.pair(a, b, &format!("blocks[{i}]")))
            .collect();

        // ---- the script ----
        let mistakes_before = self.problems.len() + self.more;
        let mut script = Vec::new();
        for (i, entry) in spec.script.iter().enumerate() {
            let at_ms = self.ms(entry.at_ms, &format!("script[{i}].at_ms"));
            let at = format!("script[{i}].do");
            let phone = |b: &mut Self, id: &str, field: &str| {
                b.user(id, format!("{at}{field}"), Role::Phone)
            };
            let action = match &entry.action {
                ActionSpec::Login(u) => phone(self, u, "[0]").map(Action::Login),
                ActionSpec::Logout(u) => phone(self, u, "[0]").map(Action::Logout),
                ActionSpec::LinkDown(u) => phone(self, u, "[0]").map(Action::LinkDown),
                ActionSpec::LinkUp(u) => phone(self, u, "[0]").map(Action::LinkUp),
                ActionSpec::Send { from, to, text } => {
                    self.check_text(text, &format!("{at}.text"));
                    let f = phone(self, from, ".from");
                    let t = self.user(to, format!("{at}.to"), Role::Address);
                    match (f, t) {
                        (Some(f), Some(t)) if f == t => {
                            self.problem(
                                format!("{at}.to"),
                                format!(
                                    "found {to:?}, the sender; expected someone else to write to"
                                ),
                            );
                            None
                        }
                        (Some(from), Some(t)) => Some(Action::Send {
                            from,
                            to: Dest::User(t),
                            text: self::text(text),
                        }),
                        _ => None,
                    }
                }
                ActionSpec::SendGroup { from, group, text } => {
                    self.check_text(text, &format!("{at}.text"));
                    let f = phone(self, from, ".from");
                    let g = self.group(group, format!("{at}.group"));
                    match (f, g) {
                        (Some(from), Some(g)) => Some(Action::Send {
                            from,
                            to: Dest::Group(g),
                            text: self::text(text),
                        }),
                        _ => None,
                    }
                }
                ActionSpec::SetLoss { user, loss } => {
                    let loss = self.loss(*loss, &format!("{at}.loss"));
                    phone(self, user, ".user").map(|user| Action::SetLoss { user, loss })
                }
                ActionSpec::Drop { user, toward, what } => {
                    phone(self, user, ".user").map(|user| Action::Drop {
                        user,
                        toward: match toward {
                            Toward::Server => Dir::ToServer,
                            Toward::Phone => Dir::ToPhone,
                        },
                        what: match what {
                            WhatSpec::Message => FrameClass::Message,
                            WhatSpec::Ack => FrameClass::Ack,
                            WhatSpec::Heartbeat => FrameClass::Heartbeat,
                            WhatSpec::Any => FrameClass::Any,
                        },
                    })
                }
                ActionSpec::Befriend(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Befriend, a, b)),
                ActionSpec::Unfriend(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Unfriend, a, b)),
                ActionSpec::Block(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Block, a, b)),
                ActionSpec::Unblock(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Unblock, a, b)),
                ActionSpec::ServerDown => Some(Action::ServerDown),
                ActionSpec::ServerUp => Some(Action::ServerUp),
            };
            if let (Some(at_ms), Some(action)) = (at_ms, action) {
                script.push((at_ms, i, action));
            }
        }
        script.sort_by_key(|(at, _, _)| *at);
        let script_whole = self.problems.len() + self.more == mistakes_before;
        // The scene's letters, in the order they are written: (sender, words, entry).
        let letters: Vec<(UserIdx, Text, usize)> = script
            .iter()
            .filter_map(|(_, i, a)| match a {
                Action::Send { from, text, .. } => Some((*from, text.clone(), *i)),
                _ => None,
            })
            .collect();
        let script_entries = script.iter().map(|(_, i, _)| *i).collect();
        let script = script.into_iter().map(|(at, _, a)| (at, a)).collect();

        // ---- expectations ----
        let mut expect = Vec::with_capacity(spec.expect.len());
        for (i, e) in spec.expect.into_iter().enumerate() {
            let at = format!("expect[{i}]");
            let phone = |b: &mut Self, id: &str, field: &str| {
                b.user(id, format!("{at}{field}"), Role::Phone);
            };
            match &e {
                ExpectSpec::Displayed { to, from, .. } => {
                    phone(self, to, ".to");
                    phone(self, from, ".from");
                }
                ExpectSpec::NotDisplayed { to, .. }
                | ExpectSpec::Order { to, .. }
                | ExpectSpec::DeliveredWithin { to, .. } => phone(self, to, ".to"),
                ExpectSpec::Bounced { from, .. } | ExpectSpec::Lost { from, .. } => {
                    phone(self, from, ".from")
                }
                ExpectSpec::MarkedOffline(u) => phone(self, u, "[0]"),
            }
            match &e {
                ExpectSpec::Displayed { text, .. }
                | ExpectSpec::NotDisplayed { text, .. }
                | ExpectSpec::Bounced { text, .. }
                | ExpectSpec::Lost { text, .. }
                | ExpectSpec::DeliveredWithin { text, .. } => {
                    self.check_text(text, &format!("{at}.text"));
                }
                ExpectSpec::Order { texts, .. } => {
                    if texts.len() < 2 {
                        self.problem(
                            format!("{at}.texts"),
                            format!(
                                "found {}; expected at least two texts, in the order they must be shown",
                                match texts.len() {
                                    0 => "no text".to_string(),
                                    _ => "one text".to_string(),
                                }
                            ),
                        );
                    }
                    for (j, t) in texts.iter().enumerate() {
                        self.check_text(t, &format!("{at}.texts[{j}]"));
                    }
                }
                ExpectSpec::MarkedOffline(_) => {}
            }
            expect.push(match e {
                ExpectSpec::Displayed { to, from, text } => {
                    Expectation::Displayed { to, from, text }
                }
                ExpectSpec::NotDisplayed { to, text } => Expectation::NotDisplayed { to, text },
                ExpectSpec::Bounced { from, text, reason } => {
                    Expectation::Bounced { from, text, reason }
                }
                ExpectSpec::Lost { from, text } => Expectation::Lost { from, text },
                ExpectSpec::MarkedOffline(u) => Expectation::MarkedOffline(u),
                ExpectSpec::Order { to, texts } => Expectation::Order { to, texts },
                ExpectSpec::DeliveredWithin { to, text, ms } => Expectation::DeliveredWithin {
                    to,
                    text,
                    ms: self.ms(ms, &format!("{at}.ms")).unwrap_or(0),
                },
            });
        }

        // ---- questions ----
        self.check_count(
            spec.questions.len(),
            MAX_QUESTIONS,
            "questions",
            "questions",
        );
        let mut questions = Vec::new();
        let known = script_whole.then_some(letters.as_slice());
        for (i, q) in spec.questions.iter().enumerate() {
            let at = format!("questions[{i}].at");
            let moment = match &q.at {
                MomentSpec::Step { letter, step } => {
                    let letter = self.letter(letter, &format!("{at}.letter"), known);
                    let step = self.step_number(*step, &format!("{at}.step"));
                    letter
                        .zip(step)
                        .map(|(letter, step)| Moment::Step { letter, step })
                }
                MomentSpec::Road { letter, road } => self
                    .letter(letter, &format!("{at}.letter"), known)
                    .map(|letter| Moment::Road {
                        letter,
                        road: *road,
                    }),
                MomentSpec::Time { ms } => self.ms(*ms, &format!("{at}.ms")).map(Moment::Time),
                MomentSpec::End => Some(Moment::End),
            };
            self.check_words(&q.ask, &format!("questions[{i}].ask"), "a question");
            self.check_count(
                q.answers.len(),
                MAX_ANSWERS,
                &format!("questions[{i}].answers"),
                "answers",
            );
            for (j, a) in q.answers.iter().enumerate() {
                self.check_words(a, &format!("questions[{i}].answers[{j}]"), "an answer");
            }
            if let Some(at) = moment {
                questions.push(Question {
                    at,
                    ask: told(&q.ask),
                    answers: q.answers.iter().map(told).collect(),
                    entry: i,
                });
            }
        }
        if let Some(note) = &spec.in_real_life {
            self.check_words(note, "in_real_life", "a note");
        }

        Scenario {
            file: file.to_string(),
            source: Arc::from(self.src),
            title: told(&spec.title),
            about: spec.about.as_ref().map(told),
            seed,
            settings,
            world: Arc::new(std::mem::take(&mut self.world)),
            friends,
            blocks,
            script,
            script_entries,
            expect,
            until_ms,
            questions,
            in_real_life: spec.in_real_life.as_ref().map(told),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_caught() {
        assert_eq!(
            did_you_mean("hanmeimi", ["lilei", "hanmeimei"]),
            Some("hanmeimei")
        );
        assert_eq!(did_you_mean("lilie", ["lilei", "hanmeimei"]), Some("lilei"));
        assert_eq!(did_you_mean("LiLei", ["lilei"]), Some("lilei"));
        assert_eq!(did_you_mean("zhangsan", ["lilei", "hanmeimei"]), None);
    }
}
