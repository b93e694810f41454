//! Sealed letters in the view (issue 28, `sealed: true`), read from the trace
//! like the rest of it, so that the window decides nothing:
//!
//! - which letters travel sealed, and how big they are sealed
//!   ([`View::sealed`]): a letter is sealed from the moment its writer's phone
//!   sends it (its `send`, or the first event that carries it sealed);
//! - whether an envelope is sealed where it rests or on its way
//!   ([`View::copy_sealed`], [`View::looks_sealed`], [`View::move_sealed`]): on
//!   the writer's screen and in her home mailbox it is the letter as written;
//!   on the wires, at the counter, at the register and the sorting desk, on the
//!   shelf and in the archive it is sealed; in an addressee's device it is
//!   opened, unless that device cannot open it;
//! - which letters a device holds sealed and cannot open ([`View::locked`],
//!   and each such bubble's [`super::Bubble::locked`]: "a letter this phone
//!   cannot open");
//! - what the post office can see of a letter, and what not
//!   ([`View::office_sees`]): for the inspector.

use std::sync::Arc;

use super::{LetterCopy, Move, Place, View};
use crate::sim::frame::{Envelope, MsgId};
use crate::sim::kinds::EventKind;
use crate::sim::seal::bytes_of;
use crate::sim::trace::{Event, What};
use crate::sim::world::{Dest, DeviceIdx, Text, Time, UserIdx};

/// What the post office can see of a letter (the inspector's list), and
/// whether it can see the words.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OfficeSees {
    pub id: MsgId,
    /// Who wrote it, and on which device.
    pub from: UserIdx,
    pub writer: DeviceIdx,
    /// To whom: a person or a group.
    pub to: Dest,
    /// When it was written.
    pub written_at: Time,
    /// How big its words are (sealed: how big the sealed words are).
    pub bytes: u32,
    /// Whether it travels sealed: then the post office cannot see the words.
    pub sealed: bool,
    /// The words, when the post office can read them (a letter not sealed);
    /// `None` for a sealed letter.
    pub words: Option<Arc<Text>>,
}

impl View {
    /// Sealed letters (see the module's comment).
    pub(super) fn seals(&mut self, e: &Event, me: Option<DeviceIdx>) {
        if let Some(m) = &e.msg
            && let Some(s) = m.sealed()
        {
            self.sealed.entry(m.id).or_insert(s.bytes());
        }
        let Some(u) = me else { return };
        // A letter a device received sealed: its key could not open it.
        if let Some(m) = &e.msg
            && m.sealed().is_some()
            && [EventKind::Arrive, EventKind::File, EventKind::Display].contains(&e.what.kind())
        {
            self.locked.insert((u, m.id));
        }
        if let What::ChatsMoved { from, .. } = &e.what {
            self.unlock_moved(u, *from);
        }
        let What::CannotOpen { letters } = &e.what else {
            return;
        };
        for &id in letters.iter() {
            self.locked.insert((u, id));
        }
        if let Some(p) = self.phone_mut(u) {
            for b in p.chat.iter_mut().filter(|b| letters.contains(&b.id)) {
                b.locked = true;
            }
        }
    }

    /// `MoveChats` from `from` to `u`: a letter `u` held sealed, which `from`
    /// holds opened, is opened on `u` now (the words came over nearby). Its
    /// home mailbox held it already: `chats_moved`'s count, which counts it
    /// (its words are new), adds no letter to it.
    fn unlock_moved(&mut self, u: DeviceIdx, from: DeviceIdx) {
        let opened_on = |v: &View, id: MsgId| {
            v.phone(from)
                .is_some_and(|p| p.chat.iter().any(|b| b.id == id && !b.locked))
                && !v.shows_notice(from, id)
        };
        let Some(p) = self.phone(u) else { return };
        let unlocked: Vec<MsgId> = p
            .chat
            .iter()
            .filter(|b| b.locked && opened_on(self, b.id))
            .map(|b| b.id)
            .collect();
        if let Some(p) = self.phone_mut(u) {
            p.stored = p.stored.saturating_sub(unlocked.len() as u32);
        }
        for id in unlocked {
            self.locked.remove(&(u, id));
            if let Some(p) = self.phone_mut(u) {
                for b in p.chat.iter_mut().filter(|b| b.id == id) {
                    b.locked = false;
                }
            }
        }
    }

    /// Whether letter `id` travels sealed.
    pub fn is_sealed(&self, id: MsgId) -> bool {
        self.sealed.contains_key(&id)
    }

    /// Whether device `d` holds letter `id` sealed and cannot open it.
    pub fn cannot_open(&self, d: DeviceIdx, id: MsgId) -> bool {
        self.locked.contains(&(d, id))
    }

    /// Whether envelope `copy` is sealed at `place`: on the writer's screen and
    /// in her home mailbox it is the letter as written, in an addressee's device
    /// it is opened (unless that device cannot open it), everywhere else sealed.
    /// Never for a letter that does not travel sealed.
    pub fn looks_sealed(&self, copy: LetterCopy, place: Place) -> bool {
        if !self.is_sealed(copy.id) {
            return false;
        }
        let device = match place {
            Place::Screen(d) | Place::Mailbox(d) | Place::Postman(d) => d,
            Place::Counter
            | Place::Register
            | Place::Sorting
            | Place::Shelf
            | Place::Archive
            | Place::ParcelStore
            | Place::Wire(..) => return true,
        };
        match copy.to {
            // The writer's own envelope: sealed once it is with her postman.
            None => matches!(place, Place::Postman(_)) || device != self.writer(copy.id),
            Some(_) => self.cannot_open(device, copy.id),
        }
    }

    /// Whether envelope `copy` is sealed where it rests now (`false` where it
    /// rests nowhere: a bubble shows it, see [`super::Bubble::locked`]).
    pub fn copy_sealed(&self, copy: LetterCopy) -> bool {
        self.envelopes
            .get(&copy)
            .is_some_and(|&place| self.looks_sealed(copy, place))
    }

    /// Whether what travels in `m` is drawn sealed: a letter sealed where it
    /// comes from or where it goes (sealed as it leaves the writer's home
    /// mailbox, opened only once it is in an addressee's device). A card (✓,
    /// ✓✓, a recall) carries no words either way: sealed only if its letter's
    /// envelope is.
    pub fn move_sealed(&self, m: &Move) -> bool {
        self.looks_sealed(m.letter, m.from) || self.looks_sealed(m.letter, m.to)
    }

    /// What the post office can see of letter `id`: who wrote it, to whom,
    /// when and how big; the words only when it does not travel sealed.
    pub fn office_sees(&self, id: MsgId) -> Option<OfficeSees> {
        let letter: &Arc<Envelope> = self.letters.get(&id)?;
        let sealed = self.sealed.get(&id).copied();
        let words = letter.text().cloned();
        let bytes = sealed.or(words.as_deref().map(bytes_of)).unwrap_or(0);
        Some(OfficeSees {
            id,
            from: letter.from(),
            writer: self.writer(id),
            to: letter.to,
            written_at: letter.written_at,
            bytes,
            sealed: sealed.is_some(),
            words: if sealed.is_some() { None } else { words },
        })
    }
}
