//! Chats open and closed, and read receipts (issue 25). A phone shows the chat
//! list or one chat. A letter someone else wrote to this phone is read when it
//! is on the screen (displayed) while the app is open and its conversation's chat
//! is open: at its display if the chat is open then, or when the chat opens. Then,
//! as `read_receipts:` lets this reader, the phone tells the post office (`read`,
//! several letters in one frame), again until it answers (`read:A`); after the
//! retries it sends them again with its next heartbeat, and at each login, so a
//! lost frame only delays the news. The writer's phone counts who read each of
//! its letters from the post office's `read:N` and confirms each (`read:C`).

use std::sync::Arc;

use super::{Conn, Phone, Status};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::trace::What;
use crate::sim::world::{Dest, ReadReceipts, Settings, Time, UserIdx};

/// What a phone keeps about chats and reading: boxed in [`Phone`], so that a run
/// without it stays small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadSide {
    /// The chat on the screen; `None`: the chat list.
    pub open: Option<Dest>,
    /// The people who turned read receipts off (sorted; shared by every phone).
    pub off: Arc<[UserIdx]>,
    /// Letters from others this phone has read, sorted.
    pub read: Vec<MsgId>,
    /// Reads to tell the post office, not yet answered (`read:A`), sorted.
    unsent: Vec<MsgId>,
    /// When `read` last went, and how many times again since.
    last_sent: Time,
    retries: u32,
    /// Whether the retries are spent: the reads wait for a heartbeat's answer.
    resting: bool,
    /// The writer's side: (own letter, who read it), sorted.
    pub readers: Vec<(MsgId, UserIdx)>,
}

impl ReadSide {
    fn is_off(&self, u: UserIdx) -> bool {
        self.off.binary_search(&u).is_ok()
    }
}

/// Whether `reader`'s phone tells the writer it read `env` under these receipts.
pub fn sends_read(mode: ReadReceipts, side: &ReadSide, reader: UserIdx, env: &Envelope) -> bool {
    match mode {
        ReadReceipts::Off => false,
        ReadReceipts::On => true,
        ReadReceipts::Reader => !side.is_off(reader),
        ReadReceipts::Mutual => match env.to {
            // WhatsApp sends them in groups whatever the setting.
            Dest::Group(_) => true,
            Dest::User(_) => !side.is_off(reader) && !side.is_off(env.from()),
        },
    }
}

impl Phone {
    fn read_side(&mut self) -> &mut ReadSide {
        self.reading.get_or_insert_with(Box::default)
    }

    /// The chat on the screen (`None`: the chat list).
    pub fn open_chat(&self) -> Option<Dest> {
        self.reading.as_ref().and_then(|r| r.open)
    }

    /// Whether this phone has read letter `id`.
    pub fn has_read(&self, id: MsgId) -> bool {
        self.reading
            .as_ref()
            .is_some_and(|r| r.read.binary_search(&id).is_ok())
    }

    /// Who this phone (the writer) knows read its letter `id`, in order.
    pub fn readers_of(&self, id: MsgId) -> impl Iterator<Item = UserIdx> + '_ {
        let list = self.reading.as_ref().map_or(&[][..], |r| &r.readers[..]);
        let start = list.partition_point(|p| p.0 < id);
        list[start..]
            .iter()
            .take_while(move |p| p.0 == id)
            .map(|p| p.1)
    }

    /// Reads not yet answered by the post office.
    pub fn reads_unsent(&self) -> usize {
        self.reading.as_ref().map_or(0, |r| r.unsent.len())
    }

    /// The people who turned read receipts off (given once, at the start).
    pub fn set_receipts_off(&mut self, off: Arc<[UserIdx]>) {
        self.read_side().off = off;
    }

    /// The user opens `chat`: every unread letter of it on the screen is read now.
    pub fn open_chat_now(&mut self, now: Time, chat: Dest, s: &Settings, out: &mut Out) {
        let me = self.actor();
        self.read_side().open = Some(chat);
        out.note(now, me, None, What::ChatOpened { chat });
        self.read_open_chat(now, s, out);
    }

    /// The user goes back to the chat list.
    pub fn close_chat(&mut self, now: Time, out: &mut Out) {
        let me = self.actor();
        if let Some(chat) = self.reading.as_mut().and_then(|r| r.open.take()) {
            out.note(now, me, None, What::ChatClosed { chat });
        }
    }

    /// Whether the screen shows this letter's chat with the app open.
    fn in_open_chat(&self, env: &Envelope) -> bool {
        self.conn != Conn::Offline && self.open_chat() == Some(self.conversation(env))
    }

    /// A letter was just displayed: read at once if its chat is open.
    pub(super) fn read_if_open(
        &mut self,
        now: Time,
        env: &Arc<Envelope>,
        s: &Settings,
        out: &mut Out,
    ) {
        if self.reading.is_none() || !self.in_open_chat(env) {
            return;
        }
        self.mark_read(now, env, s, out);
        self.send_reads(now, s, out);
    }

    /// Every unread letter of the open chat on the screen is read (the chat
    /// opened), and the phone says so.
    pub(super) fn read_open_chat(&mut self, now: Time, s: &Settings, out: &mut Out) {
        self.mark_open_chat(now, s, out);
        self.send_reads(now, s, out);
    }

    /// Every unread letter of the open chat on the screen is read (the chat
    /// opened, or the app did with it open), to be told.
    pub(super) fn mark_open_chat(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.open_chat().is_none() || self.conn == Conn::Offline {
            return;
        }
        let unread: Vec<Arc<Envelope>> = self
            .chat
            .iter()
            // A recalled letter's notice is not the letter: nothing to read.
            .filter(|b| b.status == Status::Received && !self.has_read(b.id) && !self.torn(b.id))
            .map(|b| self.db[b.record as usize].clone())
            .filter(|e| self.in_open_chat(e))
            .collect();
        for env in &unread {
            self.mark_read(now, env, s, out);
        }
    }

    fn mark_read(&mut self, now: Time, env: &Arc<Envelope>, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let user = self.user;
        // Her own letter written on another of her devices: nothing to read.
        if env.from() == user {
            return;
        }
        let side = self.read_side();
        let Err(at) = side.read.binary_search(&env.id) else {
            return;
        };
        side.read.insert(at, env.id);
        let sends = sends_read(s.read_receipts, side, user, env);
        if sends && let Err(at) = side.unsent.binary_search(&env.id) {
            side.unsent.insert(at, env.id);
            side.retries = 0;
            side.resting = false;
        }
        out.note(now, me, Some(env), What::Read { sends });
    }

    /// Tells the post office every read not yet answered, if the line is open.
    pub(super) fn send_reads(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.conn != Conn::Online {
            return;
        }
        let user = self.device;
        let Some(side) = self.reading.as_mut().filter(|r| !r.unsent.is_empty()) else {
            return;
        };
        side.last_sent = now;
        out.send(user, Frame::Read(side.unsent.as_slice().into()));
        self.arm_retry(s, out);
    }

    /// Whether reads wait for their answer with retries left (the retry timer runs).
    pub(super) fn reads_awaited(&self) -> bool {
        self.reading
            .as_ref()
            .is_some_and(|r| !r.unsent.is_empty() && !r.resting)
    }

    /// `read:A`: these reads are with the post office.
    pub(super) fn on_read_answer(&mut self, ids: &[MsgId]) {
        if let Some(side) = &mut self.reading {
            side.unsent.retain(|id| ids.binary_search(id).is_err());
            side.retries = 0;
            side.resting = false;
        }
    }

    /// The retry timer: reads unanswered within the grace go again, up to the
    /// retries; then they rest until the next heartbeat's answer.
    pub(super) fn check_reads(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let Some(side) = self.reading.as_mut() else {
            return;
        };
        if side.unsent.is_empty()
            || side.resting
            || now.saturating_sub(side.last_sent) < s.retry.grace_ms
        {
            return;
        }
        if side.retries < s.retry.max_retries {
            side.retries += 1;
            self.send_reads(now, s, out);
        } else {
            side.resting = true;
        }
    }

    /// A login (`login`), or a heartbeat's answer: reads go again (after a
    /// heartbeat only those resting).
    pub(super) fn wake_reads(&mut self, now: Time, login: bool, s: &Settings, out: &mut Out) {
        let Some(side) = self.reading.as_mut() else {
            return;
        };
        if !(login || side.resting) {
            return;
        }
        side.resting = false;
        side.retries = 0;
        self.send_reads(now, s, out);
    }

    /// `read:N`: `by` read this phone's letter `id`: confirm, and the first time
    /// the bubble counts them.
    pub(super) fn on_read_news(
        &mut self,
        now: Time,
        id: MsgId,
        by: UserIdx,
        recipients: u32,
        out: &mut Out,
    ) {
        out.send(self.device, Frame::ReadC { id, by });
        let me = self.actor();
        let side = self.read_side();
        let Err(at) = side.readers.binary_search(&(id, by)) else {
            return;
        };
        side.readers.insert(at, (id, by));
        let count = self.readers_of(id).count() as u32;
        let env = self.own(id).map(|i| self.letter(i).clone());
        let what = What::ReadShown {
            by,
            count,
            of: recipients.max(count),
        };
        out.note(now, me, env.as_ref(), what);
    }
}
