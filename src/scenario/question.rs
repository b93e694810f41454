//! A scene's questions for the class: when each is asked (just after a letter's
//! step or side road is told, once the story's clock has passed a time, or on the
//! closing recap card), what it asks and the answers the teacher may give, in both
//! languages.
//!
//! A question's moment is found in a trace ([`schedule`]), so the runner, the
//! window and the tests ask it at the same place: "after the first `after` events
//! of the trace have been told". A moment that never comes in the scene's own run
//! is a mistake in the file, which [`Scenario::check_moments`] reports with its
//! place, as `postoffice check` does. The words around the questions (the labels,
//! the recap's three lines) live in `crate::words`.

use super::locate::Locator;
use super::{Problem, Scenario, ScenarioError, size};
use crate::sim::{DeviceIdx, Event, MsgId, Step, Text, Time, UserIdx, What};

pub use crate::sim::Road;

/// A question for the class.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub at: Moment,
    pub ask: super::SceneText,
    /// The answers the teacher may give (none: an open question).
    pub answers: Vec<super::SceneText>,
    /// Its place in the file's `questions` list (`questions[2]`).
    pub entry: usize,
}

/// When a question is asked.
#[derive(Clone, Debug, PartialEq)]
pub enum Moment {
    /// Just after `letter` takes step `step`, the first time it does (a group
    /// letter takes steps 6 to 9 once for each member). Step 5 is also the moment
    /// a letter is returned to its sender ("5/9 Verify: returned"), and step 6
    /// the moment it leaves the offline shelf.
    Step { letter: Letter, step: Step },
    /// Just after `letter` first takes the side road `road`.
    Road { letter: Letter, road: Road },
    /// Once the story's clock has passed this time: after everything that happens
    /// at or before it.
    Time(Time),
    /// On the closing recap card.
    End,
}

/// A letter of the scene, named by its `id:`, or (a letter without one) by its
/// words, or by its number among its sender's letters without an id (`lilei#2`)
/// where two letters have the same words.
#[derive(Clone, Debug, PartialEq)]
pub struct Letter {
    /// The device that writes it (its author's main phone unless the scene
    /// names another, issue 27).
    pub from: DeviceIdx,
    /// Its author (the owner of `from`) and `from`'s slot among her devices:
    /// what its id in the trace says of the device.
    pub author: (UserIdx, u8),
    /// Its words, as the script writes them.
    pub text: Text,
    /// Among the scene's letters from `from` with these very words, which one (0:
    /// the first). Letters a class adds live are written as one plain string, so
    /// they are told apart from the scene's own.
    pub nth: usize,
    /// How the file names it, for messages: `"Hello!"`, `"lilei#2"`, or its id,
    /// `"hi1"`.
    pub named: String,
}

/// A letter of the script that has an `id:` (see [`Scenario::letter_named`]).
#[derive(Clone, Debug, PartialEq)]
pub struct NamedLetter {
    /// The letter, as a question names it (its `named` is the id, quoted).
    pub letter: Letter,
    /// Its entry in the file's `script` list (`script[3]`).
    pub entry: usize,
    /// Its place in [`Scenario::script`] (the action that writes it).
    pub action: usize,
}

/// A question's place in a trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    /// The question, by position in [`Scenario::questions`].
    pub question: usize,
    /// Asked once `trace[..after]` has been told (and before `trace[after]`).
    pub after: usize,
    /// When its moment is, in virtual milliseconds.
    pub at_ms: Time,
}

impl Letter {
    /// Its number in `trace`, once it has been written there.
    pub fn find(&self, trace: &[Event]) -> Option<MsgId> {
        trace
            .iter()
            .filter(|e| matches!(e.what, What::Edit { .. }))
            .filter_map(|e| e.msg.as_ref())
            .filter(|m| {
                (m.from(), m.id.slot()) == self.author && m.text().is_some_and(|t| **t == self.text)
            })
            .nth(self.nth)
            .map(|m| m.id)
    }
}

impl Moment {
    /// Where the moment is in `trace`: the events told before the question, and
    /// the time. `ended` is when the run ended, once it has: a time after the last
    /// event is reached only then.
    pub fn find(&self, trace: &[Event], ended: Option<Time>) -> Option<(usize, Time)> {
        let first = |letter: &Letter, p: &dyn Fn(&Event) -> bool| {
            let id = letter.find(trace)?;
            trace
                .iter()
                .position(|e| e.msg.as_ref().is_some_and(|m| m.id == id) && p(e))
                .map(|i| (i + 1, trace[i].at))
        };
        match self {
            Moment::Step { letter, step } => first(letter, &|e| e.told_step() == Some(*step)),
            Moment::Road { letter, road } => first(letter, &|e| e.letter_road() == Some(*road)),
            Moment::Time(ms) => {
                let after = trace.partition_point(|e| e.at <= *ms);
                let passed = after < trace.len() || ended.is_some_and(|end| end >= *ms);
                passed.then_some((after, *ms))
            }
            Moment::End => None,
        }
    }
}

/// The questions whose moments `trace` has reached, in the order they are asked
/// (by place in the trace, then as the file lists them). Recap questions
/// ([`Moment::End`]) are not among them: see [`Scenario::recap_questions`].
pub fn schedule(questions: &[Question], trace: &[Event], ended: Option<Time>) -> Vec<Due> {
    let mut due: Vec<Due> = questions
        .iter()
        .enumerate()
        .filter_map(|(question, q)| {
            q.at.find(trace, ended).map(|(after, at_ms)| Due {
                question,
                after,
                at_ms,
            })
        })
        .collect();
    due.sort_by_key(|d| (d.after, d.question));
    due
}

impl Scenario {
    /// The letter of the script whose `id:` is `id` (exactly): for questions, and
    /// for actions that point at one letter.
    pub fn letter_named(&self, id: &str) -> Option<&NamedLetter> {
        self.letter_ids.get(id)
    }

    /// The questions asked during the story whose moments `trace` has reached (see
    /// [`schedule`]); `ended`: when the run ended, once it has.
    pub fn questions_due(&self, trace: &[Event], ended: Option<Time>) -> Vec<Due> {
        schedule(&self.questions, trace, ended)
    }

    /// The questions of the closing recap card, as the file lists them.
    pub fn recap_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.at == Moment::End)
    }

    /// The questions asked during the story whose moments `trace` never reached:
    /// the run ended (at `ended`) first.
    pub fn questions_missed(&self, trace: &[Event], ended: Time) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.at != Moment::End && q.at.find(trace, Some(ended)).is_none())
            .collect()
    }

    /// Runs the scene (its own seed, to its end) and reports every question whose
    /// moment never comes, each located in the file. A scene whose questions are
    /// all for the recap is not run.
    pub fn check_moments(&self) -> Result<(), ScenarioError> {
        if self.questions.iter().all(|q| q.at == Moment::End) {
            return Ok(());
        }
        let mut sim = self.sim(None, true);
        // `check_size` has vouched for the run; should it still outgrow its estimate
        // tenfold, what has been told is checked.
        sim.run_at_most(10 * size::LIMIT);
        let ended = sim.now();
        let trace = sim.take_events();
        self.check_moments_in(&trace, ended)
    }

    /// Reports every question whose moment `trace` (the scene's own run, which
    /// ended at `ended`) never reaches, each located in the file.
    pub fn check_moments_in(&self, trace: &[Event], ended: Time) -> Result<(), ScenarioError> {
        let missed = self.questions_missed(trace, ended);
        if missed.is_empty() {
            return Ok(());
        }
        let loc = Locator::new(&self.source);
        let problems = missed
            .into_iter()
            .map(|q| {
                let (entry, message) = self.why_missed(q, trace, ended);
                Problem {
                    at: Some(loc.locate(&entry).unwrap_or((1, 1))),
                    entry: Some(entry),
                    message,
                }
            })
            .collect();
        Err(ScenarioError::Invalid {
            file: self.file.clone(),
            problems,
            more: 0,
        })
    }

    /// The entry to blame and the message, for a question whose moment never came.
    fn why_missed(&self, q: &Question, trace: &[Event], ended: Time) -> (String, String) {
        let at = format!("questions[{}].at", q.entry);
        let run = format!(
            "in this scene's run (seed {}, which ends at {})",
            self.seed,
            crate::sim::Secs(ended)
        );
        let (letter, wanted) = match &q.at {
            Moment::Time(ms) => {
                return (
                    format!("{at}.ms"),
                    format!(
                        "found {ms}, but the story is over by then {run}; expected a time within the run"
                    ),
                );
            }
            Moment::Step { letter, step } => (letter, format!("step {}", step.number())),
            Moment::Road { letter, road } => (letter, format!("`{road}`")),
            Moment::End => unreachable!("the recap is always reached"),
        };
        let Some(id) = letter.find(trace) else {
            return (
                format!("{at}.letter"),
                format!(
                    "the letter {} is never written {run}; expected a letter the story writes",
                    letter.named
                ),
            );
        };
        let mut steps: Vec<u8> = Vec::new();
        let mut roads: Vec<String> = Vec::new();
        for e in trace
            .iter()
            .filter(|e| e.msg.as_ref().is_some_and(|m| m.id == id))
        {
            if let Some(s) = e.told_step().map(Step::number)
                && !steps.contains(&s)
            {
                steps.push(s);
            }
            if let Some(r) = e.letter_road().map(|r| format!("`{r}`"))
                && !roads.contains(&r)
            {
                roads.push(r);
            }
        }
        steps.sort_unstable();
        let mut reached: Vec<String> = Vec::new();
        if !steps.is_empty() {
            let list: Vec<String> = steps.iter().map(u8::to_string).collect();
            reached.push(format!(
                "{} {}",
                if steps.len() == 1 { "step" } else { "steps" },
                list.join(", ")
            ));
        }
        reached.extend(roads);
        let field = match q.at {
            Moment::Road { .. } => "road",
            _ => "step",
        };
        // The order roads come only where the post office numbers the letters.
        let numbered_only = match &q.at {
            Moment::Road { road, .. } => road.row().numbered_only,
            Moment::Step { .. } | Moment::Time(_) | Moment::End => false,
        } && self.settings.order == crate::sim::Order::EachPhone;
        let hint = if numbered_only {
            " (this road is taken only in a scene with `order: PostOffice`)"
        } else {
            ""
        };
        (
            format!("{at}.{field}"),
            format!(
                "the letter {} never reaches {wanted} {run}: it reaches {}; expected a moment the letter reaches{hint}",
                letter.named,
                reached.join(", ")
            ),
        )
    }
}
