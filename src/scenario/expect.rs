//! Checking a run's expectations against its trace.
//!
//! The trace is read back into what each phone's screen shows (a
//! [`View`](crate::sim::view::View), the same one the window draws); the
//! expectations are then questions about those screens and about the post office.
//! What was found is a [`Detail`]: the words for it, in either language, are made
//! by [`crate::words`].

mod devices;
mod read;
pub use devices::DevicesFound;
pub use read::Reading;

pub use super::parcel::ParcelFound;
pub use super::recall::RecallFound;
use super::spec::{Chat, Expectation, ReasonSpec, TextSpec};
use crate::sim::view::View;
use crate::sim::{
    Actor, Bounce, Dest, DeviceIdx, Envelope, Event, EventKind, GroupIdx, Members, MsgId, Status,
    Text, UserIdx, World,
};

/// The result of checking one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub expectation: Expectation,
    pub holds: bool,
    /// What the run did instead, when it does not hold; what it did, when it does.
    pub detail: Detail,
}

/// What became of a letter, as its sender's bubble says at the end of a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    Returned(Bounce),
    /// The sender gave up on it.
    Lost,
    /// It never left the sender's phone (no connection).
    Waiting,
    /// Still on its way when the run ended.
    Sending,
    /// The post office has it, but it was not shown.
    Posted,
    Delivered {
        count: u32,
        of: u32,
    },
    /// Nothing is known of it.
    Unknown(MsgId),
}

/// What a run did, for one expectation.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// No letter with these words was written.
    NoSuchLetter,
    ShownOnce,
    /// Shown this many times (0: never).
    Shown(usize),
    /// Never shown, and what became of it.
    NeverShown(Fate),
    Returned(Bounce),
    /// Not returned for the reason expected, and what became of it.
    NotReturned(Fate),
    ReportedLost,
    NotReportedLost(Fate),
    /// The phone gave up on it, then it was sent again (a tap on ❗, or
    /// `resend: Auto`), and this is what became of it.
    GaveUpThenSentAgain(Fate),
    MarkedOffline,
    NeverMarkedOffline,
    /// The letters shown to the person, top to bottom (those the expectation names).
    InOrder(Vec<Text>),
    /// This text is not shown; the screen has these.
    Missing(TextSpec, Vec<Text>),
    OutOfOrder(Vec<Text>),
    /// The expectation names these words `wanted` times (two letters with the
    /// same words), and the screen shows them fewer (`shown` times); the screen
    /// has these.
    TooFew {
        words: TextSpec,
        wanted: usize,
        shown: usize,
        on: Vec<Text>,
    },
    /// Every screen of the conversation shows its letters in this order (the
    /// screen that shows the most of them).
    SameOrder(Vec<Text>),
    /// Two screens of the conversation that disagree, each with the letters both
    /// show, in its order.
    Disagree {
        first: (UserIdx, Vec<Text>),
        second: (UserIdx, Vec<Text>),
    },
    /// Shown after this many milliseconds.
    ShownAfter(u64),
    /// The dot was lit (online) or not at the time asked.
    DotWas(bool),
    /// The first notification of a letter from the writer named lit the lock
    /// screen at this time (ms).
    NotifiedAt(u64),
    /// No notification of a letter from the writer named; the lock screen showed
    /// notifications from these people (in order, perhaps none).
    NotNotified(Vec<UserIdx>),
    /// The writer's phone learned at this time (ms) that the reader read it.
    ReadShownAt(u64),
    /// The writer's phone never learned it was read, and how far reading got.
    Unread(Reading),
    /// What became of a letter's recall (see `scenario/recall.rs`).
    Recall(RecallFound),
    /// What a person's devices hold (issue 27; see `expect/devices.rs`).
    Devices(DevicesFound),
    /// What a phone showed of a letter's photo or voice message (see
    /// `scenario/parcel.rs`).
    Parcel(ParcelFound),
}

fn fate(s: &View, id: MsgId) -> Fate {
    match s.sender_sees(id) {
        Some(Status::Returned(r)) => Fate::Returned(r),
        Some(Status::Lost) => Fate::Lost,
        Some(Status::Waiting) => Fate::Waiting,
        Some(Status::Sending) => Fate::Sending,
        Some(Status::Posted) => Fate::Posted,
        Some(Status::Delivered { count, of }) => Fate::Delivered { count, of },
        // A sender's own bubble is never `Received`.
        Some(Status::Received) | None => Fate::Unknown(id),
    }
}

/// Whether `seen_by`'s phone shows `of`'s dot lit after every event up to `at`.
fn dot_at(world: &World, events: &[Event], seen_by: DeviceIdx, of: UserIdx, at: u64) -> bool {
    let upto = events.partition_point(|e| e.at <= at);
    View::of_trace(world, &events[..upto])
        .phone(seen_by)
        .is_some_and(|p| p.dot(of))
}

/// Whether `user`'s lock screen showed a notification of a letter from `from` by
/// `by_ms`, and when it first did (or whose it showed instead).
fn notified(events: &[Event], user: DeviceIdx, from: UserIdx, by_ms: u64) -> (bool, Detail) {
    let shown = || {
        events
            .iter()
            .filter(move |e| e.actor == Actor::Phone(user) && e.what.kind() == EventKind::Notified)
    };
    let first = shown().find(|e| e.msg.as_ref().is_some_and(|m| m.from() == from));
    match first {
        Some(e) => (e.at <= by_ms, Detail::NotifiedAt(e.at)),
        None => {
            let others = shown().filter_map(|e| e.msg.as_ref().map(|m| m.from()));
            (false, Detail::NotNotified(others.collect()))
        }
    }
}

/// The stamp a scene file's `reason` names.
fn bounce_of(reason: &ReasonSpec) -> Bounce {
    match reason {
        ReasonSpec::UnknownUser => Bounce::UnknownUser,
        ReasonSpec::NotFriends => Bounce::NotFriends,
        ReasonSpec::Blocked => Bounce::Blocked,
        ReasonSpec::NotInGroup => Bounce::NotInGroup,
    }
}

/// Whether `to`'s screen shows the letters written as `texts` in that order, and
/// what it shows.
fn in_order(s: &View, to: DeviceIdx, texts: &[TextSpec]) -> (bool, Detail) {
    let phone = s.phone(to);
    let chat = phone.map(|p| p.chat.as_slice()).unwrap_or(&[]);
    let owner = phone.map(|p| p.owner);
    let shown: Vec<&Text> = chat
        .iter()
        .filter(|b| !b.locked)
        .filter_map(|b| s.letters.get(&b.id))
        .filter(|l| Some(l.from()) != owner)
        .filter_map(|l| l.text().map(|t| &**t))
        .filter(|t| texts.iter().any(|x| x.matches(t)))
        .collect();
    let mut pos = 0;
    let mut missing = None;
    for t in texts {
        match shown[pos..].iter().position(|x| t.matches(x)) {
            Some(k) => pos += k + 1,
            None => {
                missing = Some(t);
                break;
            }
        }
    }
    let shown: Vec<Text> = shown.into_iter().cloned().collect();
    match missing {
        None => (true, Detail::InOrder(shown)),
        Some(t) if !shown.iter().any(|x| t.matches(x)) => {
            (false, Detail::Missing(t.clone(), shown))
        }
        // The same words named twice: not "out of order" when the screen has
        // them fewer times than named.
        Some(t) => {
            let wanted = texts.iter().filter(|x| x.en == t.en).count();
            let times = shown.iter().filter(|x| t.matches(x)).count();
            match times < wanted {
                true => (
                    false,
                    Detail::TooFew {
                        words: t.clone(),
                        wanted,
                        shown: times,
                        on: shown,
                    },
                ),
                false => (false, Detail::OutOfOrder(shown)),
            }
        }
    }
}

/// A conversation's screens (its people), and its letters' (sender, address) pairs.
type Conversation = (Vec<UserIdx>, Vec<(UserIdx, Dest)>);

/// The screens and letters of conversation `chat` in a run with these `events`:
/// a group's screens are everyone who was a member at some time (its members
/// change with `Join` and `Leave`).
fn conversation(world: &World, chat: &Chat, events: &[Event]) -> Option<Conversation> {
    match chat {
        Chat::Group(g) => {
            let g = GroupIdx(world.groups.iter().position(|x| &*x.id == g)? as u32);
            let members = Members::ever(world, g, events);
            let dests = members.iter().map(|&m| (m, Dest::Group(g))).collect();
            Some((members, dests))
        }
        Chat::Between(a, b) => {
            let (a, b) = (world.find(a)?, world.find(b)?);
            Some((vec![a, b], vec![(a, Dest::User(b)), (b, Dest::User(a))]))
        }
    }
}

/// Whether every screen of the conversation `chat` shows its letters in the same
/// order: any two screens show the letters they both have in the same order.
fn same_order(s: &View, world: &World, chat: &Chat, events: &[Event]) -> (bool, Detail) {
    let Some((screens, dests)) = conversation(world, chat, events) else {
        return (false, Detail::NoSuchLetter);
    };
    let belongs = |e: &Envelope| dests.contains(&(e.from(), e.to));
    let shown: Vec<Vec<MsgId>> = screens
        .iter()
        .map(|&u| {
            let chat = s
                .phone(DeviceIdx::main(u))
                .map(|p| p.chat.as_slice())
                .unwrap_or(&[]);
            chat.iter()
                .filter(|b| s.letters.get(&b.id).is_some_and(|l| belongs(l)))
                .map(|b| b.id)
                .collect()
        })
        .collect();
    let texts = |ids: &[MsgId]| -> Vec<Text> {
        ids.iter()
            .filter_map(|id| s.letters.get(id))
            .filter_map(|l| l.text().map(|t| (**t).clone()))
            .collect()
    };
    for i in 0..shown.len() {
        for j in i + 1..shown.len() {
            let x: Vec<MsgId> = shown[i]
                .iter()
                .copied()
                .filter(|id| shown[j].contains(id))
                .collect();
            let y: Vec<MsgId> = shown[j]
                .iter()
                .copied()
                .filter(|id| shown[i].contains(id))
                .collect();
            if x != y {
                let detail = Detail::Disagree {
                    first: (screens[i], texts(&x)),
                    second: (screens[j], texts(&y)),
                };
                return (false, detail);
            }
        }
    }
    let most = shown
        .iter()
        .max_by_key(|ids| ids.len())
        .cloned()
        .unwrap_or_default();
    (true, Detail::SameOrder(texts(&most)))
}

/// `DeliveredWithin`: how soon `to`'s screen first showed one of `ids`.
fn delivered_within(s: &View, to: DeviceIdx, ids: &[MsgId], ms: u64) -> (bool, Detail) {
    let best = ids
        .iter()
        .filter_map(|id| {
            let first = s.displayed.get(&(to, *id))?.first()?;
            Some(first.saturating_sub(s.letters[id].written_at))
        })
        .min();
    match best {
        Some(took) => (took <= ms, Detail::ShownAfter(took)),
        None => (false, Detail::Shown(0)),
    }
}

/// Checks each expectation against the trace of a run of `world`.
pub fn check(expect: &[Expectation], events: &[Event], world: &World) -> Vec<Outcome> {
    let s = View::of_trace(world, events);
    // Ids were checked when the scenario was read; an unknown one matches nobody.
    let who = |id: &str| world.find(id).unwrap_or(UserIdx(u32::MAX));
    // A screen: a device by its id, or a person's main phone by hers.
    let dev = |id: &str| world.find_device(id).unwrap_or(DeviceIdx(u32::MAX));
    let find = |from: Option<UserIdx>, text: &TextSpec| -> Vec<MsgId> {
        let text = text.clone();
        s.find(from, move |t| text.matches(t)).collect()
    };
    expect
        .iter()
        .map(|e| {
            let (holds, detail) = match e {
                Expectation::Displayed { to, from, text } => {
                    let (to, from) = (dev(to), who(from));
                    let ids = find(Some(from), text);
                    let shown: usize = ids.iter().map(|&id| s.times_shown(to, id)).sum();
                    match (ids.first(), shown) {
                        (None, _) => (false, Detail::NoSuchLetter),
                        (_, 1) => (true, Detail::ShownOnce),
                        (Some(&id), 0) => (false, Detail::NeverShown(fate(&s, id))),
                        (_, n) => (false, Detail::Shown(n)),
                    }
                }
                Expectation::NotDisplayed { to, text } => {
                    let to = dev(to);
                    let shown: usize = find(None, text)
                        .iter()
                        .map(|&id| s.times_shown(to, id))
                        .sum();
                    (shown == 0, Detail::Shown(shown))
                }
                Expectation::Bounced { from, text, reason } => {
                    let want = bounce_of(reason);
                    let ids = find(Some(who(from)), text);
                    if ids
                        .iter()
                        .any(|&id| s.sender_sees(id) == Some(Status::Returned(want)))
                    {
                        (true, Detail::Returned(want))
                    } else {
                        match ids.first() {
                            None => (false, Detail::NoSuchLetter),
                            Some(&id) => (false, Detail::NotReturned(fate(&s, id))),
                        }
                    }
                }
                Expectation::Lost { from, text } => {
                    let ids = find(Some(who(from)), text);
                    if ids
                        .iter()
                        .any(|&id| s.sender_sees(id) == Some(Status::Lost))
                    {
                        (true, Detail::ReportedLost)
                    } else {
                        match ids.first() {
                            None => (false, Detail::NoSuchLetter),
                            Some(&id) if s.given_up.contains(&id) => {
                                (false, Detail::GaveUpThenSentAgain(fate(&s, id)))
                            }
                            Some(&id) => (false, Detail::NotReportedLost(fate(&s, id))),
                        }
                    }
                }
                Expectation::GaveUp { from, text } => {
                    let ids = find(Some(who(from)), text);
                    match ids.first() {
                        None => (false, Detail::NoSuchLetter),
                        _ if ids.iter().any(|id| s.given_up.contains(id)) => {
                            (true, Detail::ReportedLost)
                        }
                        Some(&id) => (false, Detail::NotReportedLost(fate(&s, id))),
                    }
                }
                Expectation::Recalled { from, text } => {
                    let (holds, found) =
                        super::recall::recalled(&s, &find(Some(who(from)), text), true);
                    (holds, Detail::Recall(found))
                }
                Expectation::RecallRefused { from, text } => {
                    let (holds, found) =
                        super::recall::recalled(&s, &find(Some(who(from)), text), false);
                    (holds, Detail::Recall(found))
                }
                Expectation::ParcelShown {
                    to,
                    from,
                    text,
                    whole,
                } => {
                    let from = from.as_deref().map(who);
                    let (holds, found) =
                        super::parcel::parcel(&s, &find(from, text), dev(to), *whole);
                    (holds, Detail::Parcel(found))
                }
                Expectation::MarkedOffline(u) => {
                    if s.ever_marked_offline.contains(&dev(u)) {
                        (true, Detail::MarkedOffline)
                    } else {
                        (false, Detail::NeverMarkedOffline)
                    }
                }
                Expectation::Order { to, texts } => in_order(&s, dev(to), texts),
                Expectation::Dot {
                    seen_by,
                    of,
                    at_ms,
                    online,
                } => {
                    let was = dot_at(world, events, dev(seen_by), who(of), *at_ms);
                    (was == *online, Detail::DotWas(was))
                }
                Expectation::SameOrder(chat) => same_order(&s, world, chat, events),
                Expectation::Notified { user, from, by_ms } => {
                    notified(events, dev(user), who(from), *by_ms)
                }
                Expectation::Read {
                    by,
                    from,
                    text,
                    read,
                } => {
                    let ids = find(Some(who(from)), text);
                    read::outcome(events, &ids, (dev(by), who(by)), dev(from), *read)
                }
                Expectation::Holds { .. }
                | Expectation::NotHolds { .. }
                | Expectation::SameChats { .. }
                | Expectation::CannotOpen { .. } => devices::outcome(e, &s, world, events),
                Expectation::DeliveredWithin { to, text, ms } => {
                    delivered_within(&s, dev(to), &find(None, text), *ms)
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
