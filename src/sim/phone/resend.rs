//! Sending a letter again after the phone gave up on it (❗, "not sent"): the user
//! taps ❗ (a `Resend` action), or, with `resend: Auto`, the phone does it by
//! itself at its next successful login.
//!
//! The same letter goes: the same envelope, the same number (`lilei#1`), from the
//! phone's home mailbox, with a fresh count of retries, and under the order rule
//! of `order: PostOffice` like a letter just written (it waits its turn behind a
//! letter of its conversation still without an answer). A post office that had
//! the letter after all (its receipt was lost) recognises the number: it answers
//! again and passes nothing on twice. A tap on a letter the phone has not given up
//! on sends nothing; the trace says why.

use super::{Conn, Phone, Status};
use crate::sim::effects::Out;
use crate::sim::frame::MsgId;
use crate::sim::trace::{NotResent, What};
use crate::sim::world::{DeviceIdx, Order, Resend, Settings, Text, Time};

/// One of a phone's own letters, as a scene names it: its writer, its words, and
/// which of the writer's letters with these words (0: the first), in the order
/// they were written. `named` is how the scene wrote it (`"hi1"`, `"lilei#2"`,
/// or the letter's words in one or both languages), to write the action back
/// into a file.
#[derive(Clone, PartialEq, Debug)]
pub struct OwnLetter {
    /// The device that wrote it (issue 27: a person's main phone unless the
    /// scene names another of her devices).
    pub from: DeviceIdx,
    pub text: Text,
    pub nth: u32,
    pub named: Text,
}

impl Phone {
    /// The chat line of the letter `pick` names, among this phone's own letters.
    pub(super) fn own_letter(&self, pick: &OwnLetter) -> Option<usize> {
        let me = self.user;
        let env = self
            .db
            .iter()
            .filter(|e| e.from() == me && e.id.slot() == self.slot)
            .filter(|e| self.has_words(e, &pick.text))
            .nth(pick.nth as usize)?;
        self.own(env.id)
    }

    /// The user taps ❗ beside the letter `pick` names: if the phone gave it up,
    /// it goes again; otherwise nothing is sent and the trace says why.
    pub fn tap_resend(&mut self, now: Time, pick: &OwnLetter, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let Some(i) = self.own_letter(pick) else {
            let why = NotResent::NotWritten;
            out.note(now, me, None, What::ResendIgnored { why });
            return;
        };
        let why = match self.chat[i].status {
            Status::Lost => return self.resend_line(now, i, false, s, out),
            Status::Sending | Status::Waiting => NotResent::Trying,
            Status::Posted => NotResent::Posted,
            Status::Delivered { .. } => NotResent::Delivered,
            Status::Returned(_) => NotResent::Returned,
            // A phone's own letter is never shown as received.
            Status::Received => NotResent::NotWritten,
        };
        let env = self.letter(i).clone();
        out.note(now, me, Some(&env), What::ResendIgnored { why });
    }

    /// `resend: Auto`: as the phone's line comes back (a login that succeeded), it
    /// sends every letter it had given up on again, top to bottom. Once per login:
    /// a letter given up again waits for the next one.
    pub(super) fn resend_given_up(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if s.resend != Resend::Auto {
            return;
        }
        let me = self.user;
        let given_up: Vec<_> = self
            .chat
            .iter()
            .filter(|b| b.status == Status::Lost && b.id.from == me && b.id.slot() == self.slot)
            .map(|b| b.id)
            .collect();
        for id in given_up {
            if let Some(i) = self.own(id) {
                self.resend_line(now, i, true, s, out);
            }
        }
    }

    /// An answer came for letter `id` (a late ✓, ✓✓ or return): if it was sent
    /// again and is still kept on the phone (waiting its turn, or a connection),
    /// it need not go after all.
    pub(super) fn drop_pending_resend(&mut self, id: MsgId) {
        if !self.held.is_empty() {
            self.held.retain(|e| e.id != id);
        }
        if !self.outbox.is_empty()
            && let Some(i) = self.own(id)
        {
            let record = self.chat[i].record;
            self.outbox.retain(|&r| r != record);
        }
    }

    /// The letter on chat line `i`, given up on, goes again.
    fn resend_line(&mut self, now: Time, i: usize, auto: bool, s: &Settings, out: &mut Out) {
        let env = self.letter(i).clone();
        out.tally.lost = out.tally.lost.saturating_sub(1);
        // With numbers, it takes its turn as a new letter would: its bubble goes
        // to the bottom (as WeChat moves a message sent again), below the letters
        // released meanwhile, and takes its number's place when it comes.
        let i = match s.order {
            Order::EachPhone => i,
            Order::PostOffice => {
                let bubble = self.chat.remove(i);
                self.chat.push(bubble);
                self.chat.len() - 1
            }
        };
        self.chat[i].status = Status::Sending;
        let index = i as u32;
        out.note(now, self.actor(), Some(&env), What::Resent { auto, index });
        if self.conn == Conn::Online {
            self.send_or_hold(now, env, s, out);
            self.arm_retry(s, out);
        } else {
            // No line: it waits in the phone, in the order the letters were written.
            self.chat[i].status = Status::Waiting;
            let record = self.chat[i].record;
            let at = self.outbox.partition_point(|&r| r < record);
            self.outbox.insert(at, record);
            out.note(now, self.actor(), Some(&env), What::WaitForConnection);
        }
    }
}
