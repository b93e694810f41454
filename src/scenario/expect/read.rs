//! `Read(by: …, from: …, text: …)` and `NotRead(…)` (issue 25): whether the
//! writer's phone learned that `by` read the letter, and when not, how far the
//! reading got (never shown, shown but not read, read with no note back, the
//! note not arrived).

use super::Detail;
use crate::sim::{Actor, DeviceIdx, Event, EventKind, MsgId, UserIdx};

/// How far the reading of a letter got, when its writer did not learn of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The reader's screen never showed it.
    NeverShown,
    /// Shown, but never on the screen in its open chat (the chat list, another
    /// chat, the app closed).
    ShownNotRead,
    /// Read, and the reader's phone sent no note back (`read_receipts:`).
    ReadNoNote,
    /// Read and the note sent, but it never reached the writer's phone.
    NoteNotArrived,
}

/// When `from`'s phone learned that `by` read one of `ids` (the first time), or
/// how far the reading got.
pub(super) fn read_by(
    events: &[Event],
    ids: &[MsgId],
    (by, reader): (DeviceIdx, UserIdx),
    from: DeviceIdx,
) -> Result<u64, Reading> {
    let of = |e: &Event| e.msg.as_ref().is_some_and(|m| ids.contains(&m.id));
    let shown_at = events.iter().find(|e| {
        e.actor == Actor::Phone(from)
            && of(e)
            && e.what.kind() == EventKind::ReadShown
            && e.what.reader() == Some(reader)
    });
    if let Some(e) = shown_at {
        return Ok(e.at);
    }
    let mine = |e: &&Event| e.actor == Actor::Phone(by) && of(e);
    let read = events.iter().filter(mine).find_map(|e| e.what.sends_read());
    let displayed = events
        .iter()
        .filter(mine)
        .any(|e| e.what.kind() == EventKind::Display);
    Err(match (read, displayed) {
        (Some(true), _) => Reading::NoteNotArrived,
        (Some(false), _) => Reading::ReadNoNote,
        (None, true) => Reading::ShownNotRead,
        (None, false) => Reading::NeverShown,
    })
}

/// The outcome of `Read` (`want`: true) or `NotRead` (false).
pub(super) fn outcome(
    events: &[Event],
    ids: &[MsgId],
    by: (DeviceIdx, UserIdx),
    from: DeviceIdx,
    want: bool,
) -> (bool, Detail) {
    if ids.is_empty() {
        return (false, Detail::NoSuchLetter);
    }
    match read_by(events, ids, by, from) {
        Ok(at) => (want, Detail::ReadShownAt(at)),
        Err(how) => (!want, Detail::Unread(how)),
    }
}
