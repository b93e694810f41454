//! Checking a run's expectations against its trace.
//!
//! The trace is read back into what each phone's screen shows (a
//! [`View`](crate::sim::view::View), the same one the window draws); the
//! expectations are then questions about those screens and about the post office.

use super::spec::{Expectation, ReasonSpec};
use crate::sim::view::View;
use crate::sim::{Bounce, Event, MsgId, Status, UserIdx, World};

/// The result of checking one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub expectation: Expectation,
    pub holds: bool,
    /// What the run did instead, when it does not hold; what it did, when it does.
    pub detail: String,
}

fn describe(s: &View, id: MsgId, w: &World) -> String {
    match s.sender_sees(id) {
        Some(Status::Returned(r)) => format!("it was returned to its sender ({})", r.name()),
        Some(Status::Lost) => "its sender gave up on it (lost)".into(),
        Some(Status::Waiting) => "it never left the sender's phone (no connection)".into(),
        Some(Status::Sending) => "it was still on its way when the run ended".into(),
        Some(Status::Posted) => {
            "the post office has it, but it was not shown (is the recipient offline?)".into()
        }
        Some(Status::Delivered { count, of }) => format!("delivered to {count} of {of}"),
        // A sender's own bubble is never `Received`.
        Some(Status::Received) | None => format!(
            "nothing is known of {}",
            crate::sim::narration::msg_label(id, w)
        ),
    }
}

/// Checks each expectation against the trace of a run of `world`.
pub fn check(expect: &[Expectation], events: &[Event], world: &World) -> Vec<Outcome> {
    let s = View::from_trace(world.phones(), events);
    // Ids were checked when the scenario was read; an unknown one matches nobody.
    let who = |id: &str| world.find(id).unwrap_or(UserIdx(u32::MAX));
    expect
        .iter()
        .map(|e| {
            let (holds, detail) = match e {
                Expectation::Displayed { to, from, text } => {
                    let (to, from) = (who(to), who(from));
                    let ids: Vec<MsgId> = s.find(Some(from), text).collect();
                    let shown: usize = ids.iter().map(|&id| s.times_shown(to, id)).sum();
                    match (ids.first(), shown) {
                        (None, _) => (false, "no such letter was written".into()),
                        (_, 1) => (true, "shown once".into()),
                        (Some(&id), 0) => {
                            (false, format!("never shown: {}", describe(&s, id, world)))
                        }
                        (_, n) => (false, format!("shown {n} times")),
                    }
                }
                Expectation::NotDisplayed { to, text } => {
                    let to = who(to);
                    let shown: usize = s.find(None, text).map(|id| s.times_shown(to, id)).sum();
                    (
                        shown == 0,
                        if shown == 0 {
                            "never shown".into()
                        } else {
                            format!("shown {shown} time(s)")
                        },
                    )
                }
                Expectation::Bounced { from, text, reason } => {
                    let want = match reason {
                        ReasonSpec::UnknownUser => Bounce::UnknownUser,
                        ReasonSpec::NotFriends => Bounce::NotFriends,
                        ReasonSpec::Blocked => Bounce::Blocked,
                        ReasonSpec::NotInGroup => Bounce::NotInGroup,
                    };
                    let ids: Vec<MsgId> = s.find(Some(who(from)), text).collect();
                    if ids
                        .iter()
                        .any(|&id| s.sender_sees(id) == Some(Status::Returned(want)))
                    {
                        (true, format!("returned: {}", want.name()))
                    } else {
                        match ids.first() {
                            None => (false, "no such letter was written".into()),
                            Some(&id) => (
                                false,
                                format!(
                                    "not returned for that reason: {}",
                                    describe(&s, id, world)
                                ),
                            ),
                        }
                    }
                }
                Expectation::Lost { from, text } => {
                    let ids: Vec<MsgId> = s.find(Some(who(from)), text).collect();
                    if ids
                        .iter()
                        .any(|&id| s.sender_sees(id) == Some(Status::Lost))
                    {
                        (true, "reported lost".into())
                    } else {
                        match ids.first() {
                            None => (false, "no such letter was written".into()),
                            Some(&id) => (
                                false,
                                format!("not reported lost: {}", describe(&s, id, world)),
                            ),
                        }
                    }
                }
                Expectation::MarkedOffline(u) => {
                    let holds = s.ever_marked_offline.contains(&who(u));
                    (
                        holds,
                        if holds {
                            "marked offline".into()
                        } else {
                            "never marked offline".into()
                        },
                    )
                }
                Expectation::Order { to, texts } => {
                    let chat = s.phone(who(to)).map(|p| p.chat.as_slice()).unwrap_or(&[]);
                    let shown: Vec<&str> = chat
                        .iter()
                        .filter_map(|b| s.letters.get(&b.id))
                        .filter(|l| l.from() != who(to))
                        .map(|l| &*l.text)
                        .filter(|t| texts.iter().any(|x| x == t))
                        .collect();
                    let mut pos = 0;
                    let mut missing = None;
                    for t in texts {
                        match shown[pos..].iter().position(|x| x == t) {
                            Some(k) => pos += k + 1,
                            None => {
                                missing = Some(t);
                                break;
                            }
                        }
                    }
                    match missing {
                        None => (true, format!("shown in order: {shown:?}")),
                        Some(t) if !shown.contains(&t.as_str()) => (
                            false,
                            format!("{t:?} is not shown; the screen has {shown:?}"),
                        ),
                        Some(_) => (false, format!("out of order: the screen has {shown:?}")),
                    }
                }
                Expectation::DeliveredWithin { to, text, ms } => {
                    let to = who(to);
                    let best = s
                        .find(None, text)
                        .filter_map(|id| {
                            let first = s.displayed.get(&(to, id))?.first()?;
                            Some(first.saturating_sub(s.letters[&id].written_at))
                        })
                        .min();
                    match best {
                        Some(took) if took <= *ms => (true, format!("shown after {took} ms")),
                        Some(took) => (false, format!("shown only after {took} ms")),
                        None => (false, "never shown".into()),
                    }
                }
            };
            Outcome {
                expectation: e.clone(),
                holds,
                detail,
            }
        })
        .collect()
}
