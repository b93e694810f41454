//! Scenario files (format v1, `scenes/*.ron`): reading them, reporting every mistake
//! with its place (file, line, column, entry) and a "did you mean", turning them into
//! a [`Sim`], and checking a run's expectations against its trace.
//!
//! The format is documented in `docs/scenario-format.md`.

pub mod action;
mod build;
pub mod builtin;
mod check;
mod error;
pub mod expect;
mod later;
pub mod locate;
pub mod parcel;
pub mod question;
pub mod read;
mod recall;
mod receipts;
pub mod size;
pub mod spec;
mod suggest;
mod syntax;

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use ron::extensions::Extensions;

use crate::sim::{Action, RegisterChange, Settings, Sim, Text, Time, UserIdx, World};
pub use builtin::open;
use check::Builder;
pub(crate) use error::shorten;
pub use error::{
    MAX_ANSWERS, MAX_EXPECT, MAX_GROUPS, MAX_ID_CHARS, MAX_LISTED, MAX_MS, MAX_PAIRS, MAX_PEOPLE,
    MAX_QUESTIONS, MAX_RETRIES, MAX_SCRIPT, MAX_TEXT_CHARS, Problem, SUGGESTION_BUDGET,
    ScenarioError,
};
pub use expect::{Detail, Fate, Outcome, Reading, check};
use locate::Locator;
pub use question::{Due, Letter, Moment, NamedLetter, Question, Road};
pub use read::{MAX_FILE_BYTES, scene_files};

/// The scene the window opens when none is named.
pub const DEFAULT_SCENE: &str = "scenes/hello.ron";
use spec::ScenarioSpec;
pub use spec::{Expectation, TextSpec};
pub use suggest::did_you_mean;

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
    /// The script's letters that have an `id:`, by id (see [`Scenario::letter_named`]).
    pub letter_ids: BTreeMap<String, NamedLetter>,
    /// `read_receipts:`: the people who turned read receipts off.
    pub receipts_off: Vec<UserIdx>,
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
        if !self.receipts_off.is_empty() {
            sim.set_receipts_off(&self.receipts_off);
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
    let mut b = Builder::new(src, &locator);
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
