//! Issue 27's expectations: what a device's home mailbox holds at the end
//! (`Holds`, `NotHolds`), and whether a person's devices agree (`SameChats`);
//! issue 28's: a device holds letters it cannot open (`CannotOpen`).

use super::Detail;
use crate::scenario::spec::Expectation;
use crate::sim::view::{Connection, View};
use crate::sim::{Dest, DeviceIdx, Event, EventKind, MsgId, Text, Time, UserIdx, World};

/// What a check of a person's devices found.
#[derive(Clone, Debug, PartialEq)]
pub enum DevicesFound {
    /// The device holds the letter.
    Holds,
    /// The device does not hold it (never had it, or it was torn up).
    NotHeld,
    /// Issue 28: the device holds this many letters from the writer named
    /// that it cannot open.
    Locked(u32),
    /// Issue 28: the device can open every letter it holds from the writer
    /// named (how many it holds).
    AllOpened(u32),
    /// Her online devices (how many) agree.
    Alike(u32),
    /// None of her devices is online at the end.
    NoneOnline,
    /// `first` holds `letter`, which `second` should too (the post office
    /// accepted it after both had joined) and does not.
    Missing {
        first: DeviceIdx,
        second: DeviceIdx,
        letter: Text,
    },
    /// The two devices show the letters they both hold in different orders.
    Disordered {
        first: (DeviceIdx, Vec<Text>),
        second: (DeviceIdx, Vec<Text>),
    },
}

/// The outcome of `Holds`, `NotHolds` or `SameChats` (`None` of any other).
pub(super) fn outcome(
    e: &Expectation,
    s: &View,
    world: &World,
    events: &[Event],
) -> (bool, Detail) {
    // Ids were checked when the scenario was read; an unknown one matches nobody.
    let who = |id: &str| world.find(id).unwrap_or(UserIdx(u32::MAX));
    let dev = |id: &str| world.find_device(id).unwrap_or(DeviceIdx(u32::MAX));
    let find = |from: Option<UserIdx>, text: &crate::scenario::spec::TextSpec| -> Vec<MsgId> {
        s.find(from, |t| text.matches(t)).collect()
    };
    match e {
        Expectation::Holds { device, from, text } => {
            held(s, dev(device), &find(Some(who(from)), text), true)
        }
        Expectation::NotHolds { device, text } => held(s, dev(device), &find(None, text), false),
        Expectation::SameChats { user } => same_chats(s, world, events, who(user)),
        Expectation::CannotOpen { device, from } => cannot_open(s, dev(device), who(from)),
        _ => (false, Detail::NoSuchLetter),
    }
}

/// Whether device `d`'s home mailbox holds one of `ids` at the end: on its
/// chat, not torn up by a recall, and opened (issue 28: a sealed letter the
/// device cannot open is not held: its words are not there).
pub(super) fn holds(s: &View, d: DeviceIdx, ids: &[MsgId]) -> bool {
    s.phone(d).is_some_and(|p| {
        p.chat
            .iter()
            .any(|b| ids.contains(&b.id) && !b.locked && !s.shows_notice(d, b.id))
    })
}

/// `CannotOpen(device:, from:)` (issue 28): device `d` holds at least one
/// letter from `from` sealed, which it cannot open, at the end.
fn cannot_open(s: &View, d: DeviceIdx, from: UserIdx) -> (bool, Detail) {
    let chat = s.phone(d).map_or(&[][..], |p| p.chat.as_slice());
    let from_them = chat
        .iter()
        .filter(|b| b.id.from == from && !s.shows_notice(d, b.id));
    let (locked, opened) = from_them.fold((0, 0), |(l, o), b| match b.locked {
        true => (l + 1, o),
        false => (l, o + 1),
    });
    let found = match locked {
        0 => DevicesFound::AllOpened(opened),
        n => DevicesFound::Locked(n),
    };
    (locked > 0, Detail::Devices(found))
}

/// `Holds` / `NotHolds`.
pub(super) fn held(s: &View, d: DeviceIdx, ids: &[MsgId], want: bool) -> (bool, Detail) {
    if ids.is_empty() {
        return (false, Detail::NoSuchLetter);
    }
    let has = holds(s, d, ids);
    let found = match has {
        true => DevicesFound::Holds,
        false => DevicesFound::NotHeld,
    };
    (has == want, Detail::Devices(found))
}

/// `SameChats(user:)`: every device of `u` whose line is open at the end (as
/// the device itself has it) agrees with every other: the letters both hold of each
/// conversation stand in the same order, and each holds every letter the other holds that the post
/// office accepted after both had logged in for the first time (a device
/// without the archive holds only what came after it joined).
pub(super) fn same_chats(s: &View, world: &World, events: &[Event], u: UserIdx) -> (bool, Detail) {
    let online: Vec<DeviceIdx> = s
        .devices_of(u)
        .filter(|&d| s.phone(d).is_some_and(|p| p.connection == Connection::Open))
        .collect();
    if online.is_empty() {
        return (false, Detail::Devices(DevicesFound::NoneOnline));
    }
    let joined = |d: DeviceIdx| -> Time {
        if world.is_main(d) {
            return 0;
        }
        events
            .iter()
            .find(|e| e.what.kind() == EventKind::LoggedIn && e.what.user() == Some(d))
            .map_or(Time::MAX, |e| e.at)
    };
    let accepted = |id: MsgId| -> Option<Time> {
        events
            .iter()
            .find(|e| {
                e.what.kind() == EventKind::Verify && e.msg.as_ref().is_some_and(|m| m.id == id)
            })
            .map(|e| e.at)
    };
    let kept = |d: DeviceIdx| -> Vec<MsgId> {
        s.phone(d).map_or(Vec::new(), |p| {
            p.chat
                .iter()
                .filter(|b| accepted(b.id).is_some())
                .map(|b| b.id)
                .collect()
        })
    };
    let text = |id: &MsgId| {
        s.letters
            .get(id)
            .and_then(|l| l.text())
            .map(|t| (**t).clone())
            .unwrap_or_default()
    };
    for (i, &a) in online.iter().enumerate() {
        for &b in &online[i + 1..] {
            let (ka, kb) = (kept(a), kept(b));
            let since = joined(a).max(joined(b));
            for (x, kx, y, ky) in [(a, &ka, b, &kb), (b, &kb, a, &ka)] {
                let missing = kx
                    .iter()
                    .find(|id| !ky.contains(id) && accepted(**id).is_some_and(|t| t >= since));
                if let Some(id) = missing {
                    let found = DevicesFound::Missing {
                        first: x,
                        second: y,
                        letter: text(id),
                    };
                    return (false, Detail::Devices(found));
                }
            }
            // Conversation by conversation: a chat list interleaves them.
            let chat_of = |id: &MsgId| {
                s.letters.get(id).map(|l| match l.to {
                    Dest::User(to) if l.from() == u => Dest::User(to),
                    Dest::User(_) => Dest::User(l.from()),
                    Dest::Group(g) => Dest::Group(g),
                })
            };
            let chats: std::collections::BTreeSet<Dest> = ka.iter().filter_map(chat_of).collect();
            for chat in chats {
                let both = |x: &[MsgId], y: &[MsgId]| -> Vec<MsgId> {
                    x.iter()
                        .copied()
                        .filter(|id| y.contains(id) && chat_of(id) == Some(chat))
                        .collect()
                };
                let (both_a, both_b) = (both(&ka, &kb), both(&kb, &ka));
                if both_a != both_b {
                    let found = DevicesFound::Disordered {
                        first: (a, both_a.iter().map(text).collect()),
                        second: (b, both_b.iter().map(text).collect()),
                    };
                    return (false, Detail::Devices(found));
                }
            }
        }
    }
    (
        true,
        Detail::Devices(DevicesFound::Alike(online.len() as u32)),
    )
}
