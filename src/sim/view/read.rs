//! What the class sees of chats and reading (issue 25), read from the trace like
//! the rest of the view, for the picture to draw without knowing the rules:
//!
//! - each phone's open chat ([`PhoneView::open_chat`]: a person's or a group's;
//!   `None`: the chat list);
//! - on each bubble, what it says of reading ([`Bubble::seen`]): on the writer's
//!   own bubble, how many of its addressees the writer knows read it, of how many
//!   (blue ✓✓ for one person when [`Seen::all`], "read by 2 of 3" in a group); on
//!   a letter someone else wrote, whether this phone has read it (1 of 1);
//! - the unread letters per conversation, for a chat list's badges
//!   ([`View::unread`]).
//!
//! Frames on the wires: `read`, `read:A`, `read:N`, `read:C` are
//! [`What::FrameOut`] events like any other.

use super::{Bubble, PhoneView, View};
use crate::sim::frame::MsgId;
use crate::sim::phone::Status;
use crate::sim::trace::{Event, What};
use crate::sim::world::{Dest, DeviceIdx};

/// What a bubble says of reading. `of == 0`: nothing (no reader known yet).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Seen {
    /// The writer's bubble: how many addressees read it, as far as the writer's
    /// phone knows; a letter from someone else: 1 once this phone read it.
    pub by: u32,
    /// The writer's bubble: of how many addressees (fixed when the post office
    /// accepted it); a letter from someone else: 1 once read.
    pub of: u32,
}

impl Seen {
    /// Every addressee read it: blue ticks (one person), "read by all" (a group).
    pub fn all(self) -> bool {
        self.of > 0 && self.by >= self.of
    }
}

/// Marks the bubble of letter `id` on a phone's screen (the last one).
fn mark(p: &mut PhoneView, id: MsgId, seen: Seen) {
    if let Some(b) = p.chat.iter_mut().rev().find(|b| b.id == id) {
        b.seen = seen;
    }
}

impl View {
    /// Chats opened and closed, letters read, the writer's bubble told.
    pub(super) fn reading(&mut self, e: &Event, me: Option<DeviceIdx>) {
        let Some(p) = me.and_then(|u| self.phones.get_mut(u.index())) else {
            return;
        };
        match (&e.what, &e.msg) {
            (What::ChatOpened { chat }, _) => p.open_chat = Some(*chat),
            (What::ChatClosed { .. }, _) => p.open_chat = None,
            (What::Read { .. }, Some(m)) => mark(p, m.id, Seen { by: 1, of: 1 }),
            (What::ReadShown { count, of, .. }, Some(m)) => mark(
                p,
                m.id,
                Seen {
                    by: *count,
                    of: *of,
                },
            ),
            _ => {}
        }
    }

    /// Phone `u`'s unread letters (shown, written by someone else, not read), per
    /// conversation, in the order of the conversations: a chat list's badges.
    pub fn unread(&self, u: DeviceIdx) -> Vec<(Dest, u32)> {
        let mut counts: Vec<(Dest, u32)> = Vec::new();
        let Some(p) = self.phone(u) else {
            return counts;
        };
        for b in p.chat.iter().filter(|b| unread(b)) {
            let Some(m) = self.letters.get(&b.id) else {
                continue;
            };
            let conv = match m.to {
                Dest::Group(g) => Dest::Group(g),
                Dest::User(_) => Dest::User(m.from()),
            };
            match counts.binary_search_by_key(&conv, |c| c.0) {
                Ok(i) => counts[i].1 += 1,
                Err(i) => counts.insert(i, (conv, 1)),
            }
        }
        counts
    }
}

fn unread(b: &Bubble) -> bool {
    b.status == Status::Received && b.seen.of == 0
}
