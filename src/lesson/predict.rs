//! Predict mode: at the moments where a letter's journey could go more than one
//! way, the class guesses before it sees. The question is asked while beat
//! `shown` is on screen, about the beat that comes next (the reveal): the address
//! register's verdict, whether the recipient is online, a frame lost or not, a
//! retry or giving up, a copy recognised, the offline shelf handed over.
//!
//! Three answers: the true next event and two others of the same moment, in an
//! order fixed by the scene's seed and the beat (the same lesson asks the same
//! question the same way every time). A frame's fate is only asked about in a scene
//! where frames do get lost.

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Lesson;
use crate::sim::{Bounce, Dest, DeviceIdx, Event, FrameKind, What};

/// What can happen next, in the words of a guess.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Outcome {
    /// The address register accepts the letter; a copy goes into the archive.
    Accepted,
    /// The post office returns it to its sender, for this reason.
    Returned(Bounce),
    /// Straight down the recipient's long connection.
    Forwarded,
    /// Onto the offline shelf: the recipient is not online.
    Shelved,
    /// The frame is lost on the way.
    Lost,
    /// The frame arrives.
    Arrives,
    /// Sent again, after no answer.
    SentAgain,
    /// The phone gives up: ❗ not sent.
    GivesUp,
    /// Nothing is sent: everyone waits.
    Waits,
    /// A copy recognised by its number, not shown twice.
    Recognised,
    /// The copy shown a second time (it is not: a wrong answer only).
    ShownTwice,
    /// The shelf's letters go down the recipient's connection at login.
    Unshelved,
    /// The letters stay on the shelf (a wrong answer only).
    StaysOnShelf,
}

/// Which kind of moment a question is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Moment {
    /// The post office checks the letter with its address register.
    Verdict,
    /// Is the recipient online?
    Route,
    /// A frame on its way: arrives or is lost.
    Fate,
    /// No answer came: send again, or give up?
    Retry,
    /// A letter arrives that the phone has seen before.
    Copy,
    /// The recipient logs in with letters waiting on the shelf.
    Shelf,
}

impl Moment {
    /// The answers a moment offers (the true one is always among them).
    fn outcomes(self) -> &'static [Outcome] {
        use Outcome as O;
        match self {
            Moment::Verdict => &[
                O::Accepted,
                O::Returned(Bounce::NotFriends),
                O::Returned(Bounce::Blocked),
                O::Returned(Bounce::UnknownUser),
            ],
            Moment::Route => &[O::Forwarded, O::Shelved, O::Lost],
            Moment::Fate => &[O::Arrives, O::Lost, O::SentAgain],
            Moment::Retry => &[O::SentAgain, O::GivesUp, O::Waits],
            Moment::Copy => &[O::Recognised, O::ShownTwice, O::Lost],
            Moment::Shelf => &[O::Unshelved, O::StaysOnShelf, O::Lost],
        }
    }
}

/// A question: three answers, one of them right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The beat that answers it (the next one), as a count of beats shown.
    pub reveal: usize,
    pub moment: Moment,
    pub answers: [Outcome; 3],
    /// Which answer is the true next event.
    pub right: usize,
    /// The reveal's narrated event, in the lesson's trace.
    pub event: usize,
    /// The recipient the answers speak of, if one.
    pub to: Option<DeviceIdx>,
}

/// The moment and the true outcome an event answers, if it is one a class could
/// guess about. `lossy`: frames get lost in this story.
pub fn answered_by(e: &Event, lossy: bool) -> Option<(Moment, Outcome)> {
    let letter_or_receipt = |f: FrameKind| {
        matches!(
            f,
            FrameKind::MsgR | FrameKind::MsgN | FrameKind::MsgA | FrameKind::AckR
        )
    };
    Some(match &e.what {
        What::Verify { .. } => (Moment::Verdict, Outcome::Accepted),
        What::Return { reason } => (Moment::Verdict, Outcome::Returned(*reason)),
        What::Forward { .. } => (Moment::Route, Outcome::Forwarded),
        What::Shelve { .. } => (Moment::Route, Outcome::Shelved),
        What::FrameLost { frame, .. } if letter_or_receipt(*frame) => (Moment::Fate, Outcome::Lost),
        What::Receive | What::Arrive | What::Receipt if lossy => (Moment::Fate, Outcome::Arrives),
        What::Retry { .. } => (Moment::Retry, Outcome::SentAgain),
        What::Lost { .. } => (Moment::Retry, Outcome::GivesUp),
        What::Duplicate => (Moment::Copy, Outcome::Recognised),
        What::Unshelve { .. } => (Moment::Shelf, Outcome::Unshelved),
        _ => return None,
    })
}

/// The question to ask while beat `shown` is on screen, about the next beat (which
/// must have been told: see [`Lesson::extend`]); `None` where the next beat is not
/// a moment to guess about, or there is none yet.
pub fn question(lesson: &Lesson, shown: usize) -> Option<Question> {
    let beat = lesson.beats().get(shown)?;
    let trace = lesson.trace();
    let e = &trace[beat.event()];
    let lossy = trace[..lesson.trace_end(shown + 1)]
        .iter()
        .any(|x| matches!(x.what, What::FrameLost { .. }))
        || lesson.scene().settings.network.loss > 0.0;
    let (moment, truth) = answered_by(e, lossy)?;
    let mut rng = ChaCha8Rng::seed_from_u64(
        lesson
            .scene()
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(shown as u64),
    );
    let mut others: Vec<Outcome> = moment
        .outcomes()
        .iter()
        .copied()
        .filter(|o| *o != truth)
        .collect();
    others.shuffle(&mut rng);
    let mut answers = [truth, others[0], others[1]];
    answers.shuffle(&mut rng);
    // A last turn of the wheel, so that two scenes with the same seed differ too.
    answers.rotate_left(rng.random_range(0..3));
    let right = answers.iter().position(|a| *a == truth).unwrap_or(0);
    let to = match e.what {
        What::Forward { to } | What::Shelve { to, .. } | What::Unshelve { to } => Some(to),
        _ => e.msg.as_ref().and_then(|m| match m.to {
            Dest::User(u) => Some(DeviceIdx::main(u)),
            Dest::Group(_) => None,
        }),
    };
    Some(Question {
        reveal: shown + 1,
        moment,
        answers,
        right,
        event: beat.event(),
        to,
    })
}

/// A class's guesses so far: how many right of how many asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: u32,
    pub asked: u32,
}

impl Tally {
    /// Counts a guess at `q`.
    pub fn guess(&mut self, q: &Question, answer: usize) -> bool {
        let right = answer == q.right;
        self.asked += 1;
        self.right += u32::from(right);
        right
    }
}
