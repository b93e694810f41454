//! Several devices of one person (issue 27): a device that joins late is sent
//! the post office's archive of its owner's conversations (`keeps_history:
//! true`, `hist:N`), or is given the home mailbox of another of her devices
//! (`MoveChats`, nearby, without the post office). Either way it files the
//! letters it does not have yet, each in its place, and shows them: her own on
//! her side (their author is their owner, whichever device wrote them).

use std::sync::Arc;

use super::{Bubble, Phone, Status};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::trace::What;
use crate::sim::world::{DeviceIdx, Time};

impl Phone {
    /// Whether this phone's home mailbox holds the letter (written here or
    /// received).
    pub fn holds(&self, env: &Envelope) -> bool {
        self.received.binary_search(&env.id).is_ok() || self.db.iter().any(|e| e.id == env.id)
    }

    /// Files letters this phone does not hold yet, in the order given, each in
    /// its place in the chat; how many it filed, and those of them it holds
    /// sealed because its key cannot open them (issue 28).
    fn file_new(
        &mut self,
        now: Time,
        letters: &[Arc<Envelope>],
        out: &mut Out,
    ) -> (u32, Vec<MsgId>) {
        let mut filed = 0;
        let mut sealed = Vec::new();
        for env in letters {
            // Issue 28: a letter held sealed, which this device cannot open,
            // comes opened from another of its owner's devices: it keeps the
            // words now (only an older device can hand them over).
            if self.unlock(env) {
                filed += 1;
                continue;
            }
            if self.holds(env) {
                // One held before the post office numbered it (moved over
                // unsent) takes its number now.
                if env.place > 0 {
                    self.take_place(now, env.id, env.place, out);
                }
                continue;
            }
            if let Err(at) = self.received.binary_search(&env.id) {
                self.received.insert(at, env.id);
            }
            let env = &match self.open(env) {
                Ok(opened) => opened,
                Err(kept) => {
                    sealed.push(kept.id);
                    kept
                }
            };
            let record = self.db.len() as u32;
            self.db.push(env.clone());
            let (index, _) = if env.place > 0 {
                self.by_number(env)
            } else {
                (self.chat.len(), 0)
            };
            let bubble = Bubble {
                id: env.id,
                record,
                status: Status::Received,
                shown_at: now,
            };
            self.chat.insert(index, bubble);
            filed += 1;
        }
        (filed, sealed)
    }

    /// `hist:N`: the post office's archive of this device's owner's
    /// conversations: file what is new, and answer `hist:A` (every copy: the
    /// post office sends it again until it hears).
    pub(super) fn on_history(&mut self, now: Time, letters: &[Arc<Envelope>], out: &mut Out) {
        let (count, sealed) = self.file_new(now, letters, out);
        out.send(self.device, Frame::HistA);
        // Issue 28: which it cannot open is said first, so that its bubbles
        // show locked from the moment they show.
        self.tell_cannot_open(now, None, sealed, out);
        let chat = self.chat_ids();
        out.note(now, self.actor(), None, What::HistoryStored { count, chat });
    }

    /// The letters of the chat, top to bottom.
    fn chat_ids(&self) -> Arc<[MsgId]> {
        self.chat.iter().map(|b| b.id).collect()
    }

    /// `MoveChats`: the letters of another device's home mailbox, copied over
    /// nearby: file what is new; how many.
    pub fn take_moved(
        &mut self,
        now: Time,
        from: DeviceIdx,
        letters: &[Arc<Envelope>],
        out: &mut Out,
    ) -> u32 {
        let (count, sealed) = self.file_new(now, letters, out);
        self.tell_cannot_open(now, None, sealed, out);
        let chat = self.chat_ids();
        out.note(
            now,
            self.actor(),
            None,
            What::ChatsMoved { from, count, chat },
        );
        count
    }

    /// The letters this device's home mailbox holds in its chat's order (what
    /// `MoveChats` copies): those the post office numbered (a scene with
    /// several devices always has it number them). Torn-up (recalled) copies
    /// are not moved, nor letters still on their way, whose number this device
    /// does not know yet: the device that moves them could never learn it.
    pub fn mailbox_in_order(&self) -> Vec<Arc<Envelope>> {
        self.chat
            .iter()
            .map(|b| self.db[b.record as usize].clone())
            .filter(|e| e.place > 0)
            .filter(|e| !e.is_torn() && !self.torn(e.id))
            .collect()
    }
}
