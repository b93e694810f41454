//! A phone: the UI module (the chat and the status of each bubble), the data module
//! (the local database, "the home mailbox") and the network module (the long
//! connection, its heartbeats, retries and reconnects — "the postman").
//!
//! A sans-IO state machine: each handler takes the current time and one input (a user
//! action, a frame, a timer) and writes frames, timers and trace events into [`Out`].

use std::sync::Arc;

mod app;
mod devices;
pub mod key;
mod parcel;
mod read;
mod recall;
mod resend;
mod seal;
pub use app::{AppSide, AppState};
pub use key::Key;
pub use parcel::{Download, ParcelSide};
pub use read::{ReadSide, sends_read};
pub use recall::RecallSide;
pub use resend::OwnLetter;
pub use seal::SealSide;

use super::effects::{Out, PhoneTimer, Timer};
use super::frame::{Bounce, Envelope, Frame, FrameKind, MsgId};
use super::parcel::{Parcel, Slip};
use super::seal::Words;
use super::trace::{Actor, Broken, What};
use super::world::{
    Dest, DeviceIdx, Order, Presence, Settings, TYPING_SHOWN_MS, Text, Time, UserIdx,
};

/// The state of a phone's long connection.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Conn {
    /// Logged out: the user closed the app.
    Offline,
    /// Trying to log in (again): a login every few seconds until the post office answers.
    Connecting,
    /// Logged in: heartbeats keep the connection alive.
    Online,
}

/// What a bubble in the chat shows next to its text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    /// On its way to the post office (a small clock).
    Sending,
    /// Waiting inside the phone for a connection.
    Waiting,
    /// ✓ the post office has it.
    Posted,
    /// ✓✓ when `count == of`: every recipient has it.
    Delivered { count: u32, of: u32 },
    /// Came back, with the reason stamped on it.
    Returned(Bounce),
    /// The phone gave up after its retries.
    Lost,
    /// A letter someone else wrote to this phone.
    Received,
}

/// One bubble on the phone's screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Bubble {
    /// The letter's id (its text and all are in the local database at `record`).
    pub id: MsgId,
    /// Index of the letter in the phone's local database.
    pub record: u32,
    pub status: Status,
    /// When it appeared on the screen.
    pub shown_at: Time,
}

/// A frame that wants an answer: re-sent when none comes.
#[derive(Clone, Debug)]
enum Awaiting {
    /// `msg:R` waiting for `msg:A` (or a return).
    Receipt(Arc<Envelope>),
    /// `ack:R` waiting for `ack:A`.
    AckA,
    /// `recall` waiting for `recall:A` (see `phone/recall.rs`).
    Recall,
}

#[derive(Clone, Debug)]
struct Waiting {
    /// The letter it is about (kept here so a search touches no envelope).
    id: MsgId,
    what: Awaiting,
    last_sent: Time,
    retries: u32,
}

/// One phone. The fields every heartbeat touches come first, in one cache line
/// (`repr(C)` keeps this order): a large run visits every phone every few seconds.
#[derive(Clone, Debug)]
#[repr(C)]
pub struct Phone {
    /// When the post office was last heard from.
    last_heard: Time,
    /// Its owner: the person whose letters it writes and shows on her side.
    pub user: UserIdx,
    heartbeat_gen: u32,
    reconnect_gen: u32,
    written: u32,
    pub conn: Conn,
    retry_armed: bool,
    /// Its slot among its owner's devices (0: her main phone): the top byte of
    /// its letters' running numbers.
    pub slot: u8,
    /// Which device it is: its line, its session, its place on the shelf.
    pub device: DeviceIdx,
    /// The local database: every letter written or received, in the order it was stored.
    pub db: Vec<Arc<Envelope>>,
    /// The chat screen, top to bottom.
    pub chat: Vec<Bubble>,
    /// Ids of received letters, sorted, to recognise duplicates.
    received: Vec<MsgId>,
    /// For group letters not yet delivered to every member: (letter, recipient)
    /// pairs whose delivery news has arrived, sorted, so each is counted once.
    heard: Vec<(MsgId, UserIdx)>,
    /// Letters written while there was no connection (database indices).
    outbox: Vec<u32>,
    /// `order: PostOffice`: letters kept back until the letter before them in the
    /// same conversation has its answer, in the order they were written.
    held: Vec<Arc<Envelope>>,
    /// Frames waiting for an answer.
    waiting: Vec<Waiting>,
    /// The running number of each conversation this phone writes in.
    conv_seq: Vec<(Dest, u32)>,
    /// The highest running number shown so far from each (conversation, sender):
    /// a letter above it simply goes to the bottom of the chat.
    shown_seq: Vec<(Dest, UserIdx, u32)>,
    /// Dots and "typing…": boxed, so that a large run without them stays small.
    pub aware: Option<Box<Aware>>,
    /// The app closed and the lock screen (issue 24): boxed, as `aware`.
    pub app: Option<Box<AppSide>>,
    /// Chats open and read receipts (issue 25): boxed, as `aware`.
    pub reading: Option<Box<ReadSide>>,
    /// Recalls (issue 25): boxed, as `aware`.
    pub recall: Option<Box<RecallSide>>,
    /// Photos and voice messages (issue 26): boxed, as `aware`.
    pub parcels: Option<Box<ParcelSide>>,
    /// Sealed letters (issue 28): the device's key and the key directory;
    /// boxed, as `aware`, and private: only the phone holds its key.
    seal: Option<Box<SealSide>>,
}

/// What a phone shows of its friends beyond their letters: a dot per friend and
/// who is typing to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aware {
    /// (friend, online), sorted; a person not listed shows offline.
    pub dots: Vec<(UserIdx, bool)>,
    /// (who is typing, until when it is shown), sorted.
    pub typing: Vec<(UserIdx, Time)>,
    /// The current round of asking (`presence: Pull`): older rounds' timers stop.
    poll_gen: u32,
}

impl Phone {
    /// A person's main phone.
    pub fn new(user: UserIdx) -> Self {
        Phone::device(user, DeviceIdx::main(user), 0)
    }

    /// One of `user`'s devices (issue 27).
    pub fn device(user: UserIdx, device: DeviceIdx, slot: u8) -> Self {
        Phone {
            user,
            device,
            slot,
            conn: Conn::Offline,
            db: Vec::new(),
            chat: Vec::new(),
            received: Vec::new(),
            heard: Vec::new(),
            outbox: Vec::new(),
            held: Vec::new(),
            waiting: Vec::new(),
            conv_seq: Vec::new(),
            shown_seq: Vec::new(),
            written: 0,
            last_heard: 0,
            heartbeat_gen: 0,
            reconnect_gen: 0,
            retry_armed: false,
            aware: None,
            app: None,
            reading: None,
            recall: None,
            parcels: None,
            seal: None,
        }
    }

    fn aware(&mut self) -> &mut Aware {
        self.aware.get_or_insert_with(Box::default)
    }

    /// Whether this phone's dot for `of` shows them online.
    pub fn dot(&self, of: UserIdx) -> bool {
        self.aware.as_ref().is_some_and(|a| {
            a.dots
                .binary_search_by_key(&of, |d| d.0)
                .is_ok_and(|i| a.dots[i].1)
        })
    }

    /// Whether this phone shows "`by` is typing…".
    pub fn shows_typing(&self, by: UserIdx) -> bool {
        self.aware
            .as_ref()
            .is_some_and(|a| a.typing.binary_search_by_key(&by, |t| t.0).is_ok())
    }

    /// The user starts or stops typing to `to`: the phone tells the post office,
    /// if it is connected (otherwise the notice simply is not sent).
    pub fn typing(&mut self, to: UserIdx, on: bool, out: &mut Out) {
        if self.conn == Conn::Online && to != self.user {
            out.send(self.device, Frame::Typing { peer: to, on });
        }
    }

    /// `presence: Pull` begins (at login, or when the scene switches to it): ask
    /// now, then every `every_ms`.
    pub fn start_asking(&mut self, s: &Settings, out: &mut Out) {
        let Presence::Pull { every_ms } = s.presence else {
            return;
        };
        if self.conn != Conn::Online {
            return;
        }
        let aware = self.aware();
        aware.poll_gen += 1;
        let generation = aware.poll_gen;
        out.send(self.device, Frame::PresenceAsk);
        out.set_timer(
            every_ms.max(1),
            Timer::Phone(PhoneTimer::Poll { generation }),
        );
    }

    /// A `presence` frame: set the dots it names (and, for a full list, every
    /// other dot to offline), with an event for each dot that changes.
    fn on_presence(&mut self, now: Time, dots: &[(UserIdx, bool)], full: bool, out: &mut Out) {
        let me = self.actor();
        let aware = self.aware();
        let changed = &mut out.dots_changed;
        changed.clear();
        if full {
            // The post office's lists are sorted: a friend is looked up, not searched.
            let sorted = dots.is_sorted_by_key(|d| d.0);
            let listed_online = |of: UserIdx| {
                if sorted {
                    dots.binary_search_by_key(&of, |d| d.0)
                        .is_ok_and(|i| dots[i].1)
                } else {
                    dots.iter().any(|&(u, on)| u == of && on)
                }
            };
            for d in aware.dots.iter_mut() {
                if d.1 && !listed_online(d.0) {
                    d.1 = false;
                    changed.push((d.0, false));
                }
            }
        }
        for &(of, online) in dots {
            match aware.dots.binary_search_by_key(&of, |d| d.0) {
                Ok(i) if aware.dots[i].1 != online => {
                    aware.dots[i].1 = online;
                    changed.push((of, online));
                }
                Ok(_) => {}
                Err(i) => {
                    aware.dots.insert(i, (of, online));
                    if online {
                        changed.push((of, online));
                    }
                }
            }
        }
        changed.sort_unstable();
        if out.tracing {
            for i in 0..out.dots_changed.len() {
                let (of, online) = out.dots_changed[i];
                out.note(now, me, None, What::Dot { of, online });
            }
        }
    }

    /// A `typing` notice from the post office: show "`by` is typing…" (once: a
    /// second notice only keeps it longer), or stop showing it.
    fn on_typing(&mut self, now: Time, by: UserIdx, on: bool, out: &mut Out) {
        let me = self.actor();
        let typing = &mut self.aware().typing;
        match (typing.binary_search_by_key(&by, |t| t.0), on) {
            (Ok(i), true) => typing[i].1 = now.saturating_add(TYPING_SHOWN_MS),
            (Err(i), true) => {
                typing.insert(i, (by, now.saturating_add(TYPING_SHOWN_MS)));
                out.note(now, me, None, What::Typing { by, shown: true });
            }
            (Ok(_), false) => self.stop_typing(now, by, out),
            (Err(_), false) => return,
        }
        if on {
            out.set_timer(TYPING_SHOWN_MS, Timer::Phone(PhoneTimer::TypingEnds { by }));
        }
    }

    /// "`by` is typing…" goes away, if it is shown.
    fn stop_typing(&mut self, now: Time, by: UserIdx, out: &mut Out) {
        let Some(aware) = self.aware.as_mut() else {
            return;
        };
        if let Ok(i) = aware.typing.binary_search_by_key(&by, |t| t.0) {
            aware.typing.remove(i);
            out.note(now, self.actor(), None, What::Typing { by, shown: false });
        }
    }

    fn actor(&self) -> Actor {
        Actor::Phone(self.device)
    }

    /// The conversation a letter belongs to, seen from this phone.
    pub fn conversation(&self, e: &Envelope) -> Dest {
        match e.to {
            Dest::Group(g) => Dest::Group(g),
            Dest::User(to) if e.from() == self.user => Dest::User(to),
            Dest::User(_) => Dest::User(e.from()),
        }
    }

    /// Letters written but not yet answered by the post office (or not yet sent).
    pub fn unanswered(&self) -> usize {
        self.waiting
            .iter()
            .filter(|w| matches!(w.what, Awaiting::Receipt(_)))
            .count()
            + self.outbox.len()
            + self.uploading()
    }

    /// Asks the processor to load what handling a frame of this kind (or, for
    /// `MsgR`, writing a letter) touches: see [`super::cache`].
    pub fn fetch_ahead(&self, kind: FrameKind) {
        use super::cache::{prefetch_end, prefetch_slice};
        prefetch_slice(&self.waiting);
        match kind {
            FrameKind::MsgN => {
                prefetch_end(&self.db);
                prefetch_end(&self.chat);
                prefetch_slice(&self.received[self.received.len() / 2..]);
                prefetch_slice(&self.shown_seq);
            }
            FrameKind::MsgR => {
                prefetch_end(&self.db);
                prefetch_end(&self.chat);
                prefetch_slice(&self.conv_seq);
            }
            FrameKind::MsgA | FrameKind::AckN | FrameKind::Returned => prefetch_end(&self.chat),
            _ => {}
        }
    }

    /// Where the bubble of a letter is in the chat.
    fn own(&self, id: MsgId) -> Option<usize> {
        // Recent letters are near the bottom of the chat.
        self.chat.iter().rposition(|b| b.id == id)
    }

    /// The letter of the bubble at `i`.
    fn letter(&self, i: usize) -> &Arc<Envelope> {
        &self.db[self.chat[i].record as usize]
    }

    // ---- user actions ----

    /// The user opens the app: dial the post office.
    pub fn login(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.conn != Conn::Offline {
            return;
        }
        self.account_changes();
        out.note(now, self.actor(), None, What::LoginStart);
        self.start_connecting(now, s, out);
    }

    /// The user logs out: say goodbye and close the connection.
    pub fn logout(&mut self, now: Time, out: &mut Out) {
        if self.conn == Conn::Offline {
            return;
        }
        self.account_changes();
        out.note(now, self.actor(), None, What::LoggedOut);
        if self.conn == Conn::Online {
            out.send(self.device, Frame::Logout);
        }
        self.conn = Conn::Offline;
        self.heartbeat_gen += 1;
        self.reconnect_gen += 1;
    }

    /// The user types `text` to `to` (with a photo or a voice message: `parcel`)
    /// and taps Send: steps 1, 2 and (when connected) 3, or, with a parcel, its
    /// upload first (see `phone/parcel.rs`).
    pub fn write(
        &mut self,
        now: Time,
        to: Dest,
        text: Arc<Text>,
        parcel: Option<Parcel>,
        s: &Settings,
        out: &mut Out,
    ) {
        self.written += 1;
        let conv = to;
        let seq = match self.conv_seq.iter_mut().find(|(d, _)| *d == conv) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.conv_seq.push((conv, 1));
                1
            }
        };
        let env = Arc::new(Envelope {
            id: MsgId::new(self.user, self.slot, self.written),
            to,
            words: Words::Postcard(text),
            written_at: now,
            seq,
            place: 0,
            parcel: parcel.map(|p| Arc::new(Slip::of(p, s.parcels.part_kb))),
        });
        out.tally.written += 1;
        let record = self.db.len() as u32;
        let index = self.chat.len() as u32;
        self.chat.push(Bubble {
            id: env.id,
            record,
            status: Status::Sending,
            shown_at: now,
        });
        out.note(now, self.actor(), Some(&env), What::Edit { index });
        self.db.push(env.clone());
        out.note(now, self.actor(), Some(&env), What::Store);
        if self.conn == Conn::Online {
            self.send_or_hold(now, env, s, out);
        } else {
            self.chat[index as usize].status = Status::Waiting;
            self.outbox.push(record);
            out.note(now, self.actor(), Some(&env), What::WaitForConnection);
        }
    }

    /// The phone's network works again (it is told, unlike when it breaks): if it was
    /// trying to reconnect, it tries at once.
    pub fn network_back(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.conn == Conn::Connecting {
            self.reconnect_gen += 1;
            self.attempt_login(now, s, out);
        }
    }

    // ---- frames ----

    pub fn on_frame(&mut self, now: Time, frame: Frame, s: &Settings, out: &mut Out) {
        // The parcel wire is not the long connection: its frames say nothing of
        // whether the post office is still there.
        match frame {
            Frame::PartA { id, have, of } => return self.on_part_answer(now, id, have, of, s, out),
            Frame::PartN { id, part, of, .. } => return self.on_part(now, id, part, of, out),
            Frame::Gone(id) => return self.on_gone(now, id, out),
            _ => {}
        }
        self.last_heard = now;
        match frame {
            Frame::LoginOk => self.on_login_ok(now, s, out),
            Frame::HeartbeatReply | Frame::AckA(_) => {
                if frame.kind() == FrameKind::HeartbeatReply {
                    self.wake_reads(now, false, s, out);
                }
                if let Frame::AckA(id) = frame {
                    self.waiting
                        .retain(|w| !(w.id == id && matches!(w.what, Awaiting::AckA)));
                }
            }
            Frame::MsgA { id, place, .. } => self.on_receipt(now, id, place, s, out),
            Frame::Returned { id, reason } => self.on_returned(now, id, reason, s, out),
            Frame::AckN {
                id,
                by,
                recipients,
                place,
            } => {
                // The letter got through, so the post office has it too.
                let answered = self.stop_waiting_for_receipt(id).is_some();
                self.on_delivered(now, id, by, recipients, out);
                self.take_place(now, id, place, out);
                if answered {
                    self.next_in_turn(now, id, s, out);
                }
            }
            Frame::MsgN(env) => {
                let from = env.from();
                self.on_letter(now, env, s, out);
                // The letter ends its writer's "typing…".
                self.stop_typing(now, from, out);
            }
            Frame::Presence { dots, full } => self.on_presence(now, &dots, full, out),
            Frame::Typing { peer, on } => self.on_typing(now, peer, on, out),
            Frame::Push(env) => self.on_push(now, env, s, out),
            Frame::FetchA { .. } => self.on_fetch_answer(),
            Frame::ReadA(ids) => self.on_read_answer(&ids),
            Frame::ReadN { id, by, recipients } => self.on_read_news(now, id, by, recipients, out),
            Frame::RecallA { id, refused } => self.on_recall_answer(now, id, refused, out),
            Frame::RecallN(env) => self.on_recall_notice(now, env, out),
            Frame::HistN(letters) => self.on_history(now, &letters, out),
            Frame::NotLoggedIn | Frame::Closing => {
                if self.conn == Conn::Online {
                    let why = match frame.kind() {
                        FrameKind::Closing => Broken::Closed,
                        _ => Broken::Forgotten,
                    };
                    out.note(now, self.actor(), None, What::ConnectionLost { why });
                    if frame.kind() == FrameKind::Closing {
                        // The post office is closed: try again in a while.
                        self.conn = Conn::Connecting;
                        self.heartbeat_gen += 1;
                        self.reconnect_gen += 1;
                        out.set_timer(
                            s.reconnect_ms,
                            Timer::Phone(PhoneTimer::Reconnect {
                                generation: self.reconnect_gen,
                            }),
                        );
                    } else {
                        self.start_connecting(now, s, out);
                    }
                }
            }
            // Frames only the post office receives.
            Frame::Login
            | Frame::Logout
            | Frame::Heartbeat
            | Frame::MsgR(_)
            | Frame::AckR(_)
            | Frame::AckC { .. }
            | Frame::PresenceAsk
            | Frame::Bye
            | Frame::Notify(_)
            | Frame::Fetch
            | Frame::Read(_)
            | Frame::ReadC { .. } => {}
            Frame::Recall(_) | Frame::RecallC(_) | Frame::HistA => {}
            Frame::PartR { .. } | Frame::PartAsk(_) | Frame::Get { .. } => {}
            // Taken above.
            Frame::PartA { .. } | Frame::PartN { .. } | Frame::Gone(_) => {}
        }
    }

    /// ✓: the post office has the letter (a late receipt takes back "not sent").
    fn on_receipt(&mut self, now: Time, id: MsgId, place: u32, s: &Settings, out: &mut Out) {
        let answered = self.stop_waiting_for_receipt(id).is_some();
        if let Some(i) = self.own(id)
            && matches!(self.chat[i].status, Status::Sending | Status::Lost)
        {
            if self.chat[i].status == Status::Lost {
                // A late receipt: the phone had given up too soon.
                out.tally.lost -= 1;
            }
            self.chat[i].status = Status::Posted;
            out.note(now, self.actor(), Some(self.letter(i)), What::Receipt);
        }
        self.take_place(now, id, place, out);
        if answered {
            self.next_in_turn(now, id, s, out);
        }
    }

    /// The letter comes back to its sender, stamped with the reason.
    fn on_returned(&mut self, now: Time, id: MsgId, reason: Bounce, s: &Settings, out: &mut Out) {
        let answered = self.stop_waiting_for_receipt(id).is_some();
        if let Some(i) = self.own(id)
            && !matches!(self.chat[i].status, Status::Returned(_))
        {
            if self.chat[i].status == Status::Lost {
                out.tally.lost -= 1;
            }
            self.chat[i].status = Status::Returned(reason);
            out.tally.returned += 1;
            out.note(
                now,
                self.actor(),
                Some(self.letter(i)),
                What::Returned { reason },
            );
        }
        if answered {
            self.next_in_turn(now, id, s, out);
        }
    }

    /// ✓✓: news that a recipient has the letter (for a group, each counted once).
    fn on_delivered(&mut self, now: Time, id: MsgId, by: UserIdx, recipients: u32, out: &mut Out) {
        // Confirm every copy of the news, repeated ones too: the post office
        // sends it again until it hears this.
        out.send(self.device, Frame::AckC { id, by });
        if let Some(i) = self.own(id) {
            let b = &mut self.chat[i];
            let count = match b.status {
                // A repeated notice: everyone already has it.
                Status::Delivered { count, of } if count >= of => return,
                Status::Delivered { count, .. } => {
                    // A group letter: count each recipient once.
                    match self.heard.binary_search(&(id, by)) {
                        Ok(_) => return,
                        Err(at) => self.heard.insert(at, (id, by)),
                    }
                    count + 1
                }
                Status::Lost => {
                    out.tally.lost -= 1;
                    1
                }
                _ => 1,
            };
            if count == 1 && recipients > 1 {
                if let Err(at) = self.heard.binary_search(&(id, by)) {
                    self.heard.insert(at, (id, by));
                }
            } else if count >= recipients {
                // Everyone has it: nothing more to count.
                let from = self.heard.partition_point(|&(x, _)| x < id);
                let to = self.heard.partition_point(|&(x, _)| x <= id);
                self.heard.drain(from..to);
            }
            let b = &mut self.chat[i];
            b.status = Status::Delivered {
                count,
                of: recipients,
            };
            out.note(
                now,
                self.actor(),
                Some(self.letter(i)),
                What::Delivered {
                    count,
                    of: recipients,
                },
            );
        }
    }

    fn stop_waiting_for_receipt(&mut self, id: MsgId) -> Option<Waiting> {
        self.drop_pending_resend(id);
        let i = self
            .waiting
            .iter()
            .position(|w| w.id == id && matches!(w.what, Awaiting::Receipt(_)))?;
        Some(self.waiting.remove(i))
    }

    fn on_login_ok(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.conn != Conn::Connecting {
            return;
        }
        self.conn = Conn::Online;
        self.reconnect_gen += 1;
        self.heartbeat_gen += 1;
        out.note(now, self.actor(), None, What::Connected);
        out.set_timer(
            s.heartbeat.interval_ms,
            Timer::Phone(PhoneTimer::Heartbeat {
                generation: self.heartbeat_gen,
            }),
        );
        self.parcels_line_back(now, out);
        for record in std::mem::take(&mut self.outbox) {
            let env = self.db[record as usize].clone();
            self.send_or_hold(now, env, s, out);
        }
        self.resend_given_up(now, s, out);
        self.arm_retry(s, out);
        self.start_asking(s, out);
        self.ask_shelf(now, s, out);
        self.mark_open_chat(now, s, out);
        self.wake_reads(now, true, s, out);
    }

    /// Files a letter someone else wrote in the home mailbox and puts its bubble in
    /// its place in the chat: its record, its index, and how many later letters it
    /// goes above.
    fn file_received(&mut self, now: Time, env: &Arc<Envelope>) -> (u32, usize, u32) {
        let record = self.db.len() as u32;
        self.db.push(env.clone());
        let (index, before) = if env.place > 0 {
            self.by_number(env)
        } else {
            self.by_sender(env)
        };
        let bubble = Bubble {
            id: env.id,
            record,
            status: Status::Received,
            shown_at: now,
        };
        self.chat.insert(index, bubble);
        (record, index, before)
    }

    /// A letter arrives: steps 7, 8 and 9, or a duplicate recognised; `ack:R` either way.
    fn on_letter(&mut self, now: Time, env: Arc<Envelope>, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let id = env.id;
        let known = self.received.binary_search(&id);
        if let Err(at) = known {
            self.received.insert(at, id);
        }
        if known.is_ok() {
            out.note(now, me, Some(&env), What::Duplicate);
            // Issue 27: a letter moved over from another device before the post
            // office numbered it takes its number now (never in a scene
            // without devices: a copy held already has its number).
            if env.place > 0 {
                self.take_place(now, id, env.place, out);
            }
        } else {
            // Issue 28: a sealed letter is opened with this device's key; one
            // it cannot open is kept and shown sealed.
            let (env, opened) = match self.open(&env) {
                Ok(opened) => (opened, true),
                Err(sealed) => (sealed, false),
            };
            out.note(now, me, Some(&env), What::Arrive);
            let (_, index, before) = self.file_received(now, &env);
            out.note(now, me, Some(&env), What::File);
            if opened {
                out.tally.displayed += 1;
                out.tally
                    .delivery_ms
                    .push(now.saturating_sub(env.written_at).min(u32::MAX as u64) as u32);
            }
            out.note(
                now,
                me,
                Some(&env),
                What::Display {
                    index: index as u32,
                    before,
                },
            );
            if opened {
                self.read_if_open(now, &env, s, out);
                self.fetch_parcel(now, &env, s, out);
            } else {
                self.tell_cannot_open(now, Some(&env), vec![id], out);
            }
        }
        out.send(self.device, Frame::AckR(id));
        if !self
            .waiting
            .iter()
            .any(|w| w.id == id && matches!(w.what, Awaiting::AckA))
        {
            self.waiting.push(Waiting {
                id,
                what: Awaiting::AckA,
                last_sent: now,
                retries: 0,
            });
        }
        self.arm_retry(s, out);
    }

    /// Where a letter from someone else goes when each phone orders its own screen
    /// (at the bottom, or above the later letters of its sender that overtook it),
    /// and how many of those it goes above.
    fn by_sender(&mut self, env: &Envelope) -> (usize, u32) {
        let conv = self.conversation(env);
        let from = env.from();
        let highest = match self
            .shown_seq
            .iter_mut()
            .find(|(c, f, _)| *c == conv && *f == from)
        {
            Some((_, _, n)) => {
                let before = *n;
                *n = (*n).max(env.seq);
                before
            }
            None => {
                self.shown_seq.push((conv, from, env.seq));
                0
            }
        };
        if env.seq > highest {
            (self.chat.len(), 0)
        } else {
            // A late letter: it goes above the later ones that overtook it.
            let db = &self.db;
            let overtaken = |b: &Bubble| {
                let other = &db[b.record as usize];
                other.from() == from && other.seq > env.seq && self.conversation(other) == conv
            };
            let index = self
                .chat
                .iter()
                .position(overtaken)
                .unwrap_or(self.chat.len());
            let before = self.chat[index..].iter().filter(|b| overtaken(b)).count() as u32;
            (index, before)
        }
    }

    /// Where a letter numbered by the post office goes: in its number's place in its
    /// conversation, above the letters with later numbers (and above this phone's
    /// own letters still on their way); how many numbered letters it goes above.
    fn by_number(&self, env: &Envelope) -> (usize, u32) {
        let conv = self.conversation(env);
        let first = self.first_after(conv, env.place).unwrap_or(self.chat.len());
        // Never above a letter of the conversation with an earlier number (an own
        // letter numbered while one written before it is still on its way).
        let floor = self
            .chat
            .iter()
            .rposition(|b| {
                let p = self.place_of(b);
                p != 0 && p < env.place && self.conversation(&self.db[b.record as usize]) == conv
            })
            .map_or(0, |k| k + 1);
        let index = first.max(floor);
        let above = self.chat[index..]
            .iter()
            .filter(|b| {
                let other = &self.db[b.record as usize];
                other.place > env.place && self.conversation(other) == conv
            })
            .count() as u32;
        (index, above)
    }

    // ---- timers ----

    pub fn on_timer(&mut self, now: Time, timer: PhoneTimer, s: &Settings, out: &mut Out) {
        match timer {
            PhoneTimer::Heartbeat { generation } => {
                if generation != self.heartbeat_gen || self.conn != Conn::Online {
                    return;
                }
                if now.saturating_sub(self.last_heard) >= s.heartbeat.timeout_ms {
                    // No word from the post office for too long: the link is dead.
                    let why = Broken::Silence;
                    out.note(now, self.actor(), None, What::ConnectionLost { why });
                    self.start_connecting(now, s, out);
                    return;
                }
                out.note(now, self.actor(), None, What::Heartbeat);
                out.send(self.device, Frame::Heartbeat);
                out.set_timer(
                    s.heartbeat.interval_ms,
                    Timer::Phone(PhoneTimer::Heartbeat { generation }),
                );
            }
            PhoneTimer::Reconnect { generation } => {
                if generation == self.reconnect_gen && self.conn == Conn::Connecting {
                    self.attempt_login(now, s, out);
                }
            }
            PhoneTimer::RetryCheck => {
                self.retry_armed = false;
                if self.conn == Conn::Online {
                    self.check_retries(now, s, out);
                    self.check_reads(now, s, out);
                    self.check_parcels(now, s, out);
                    self.arm_retry(s, out);
                }
            }
            PhoneTimer::Poll { generation } => {
                let current = self.aware.as_ref().map(|a| a.poll_gen);
                if let (Some(g), Presence::Pull { every_ms }) = (current, s.presence)
                    && g == generation
                    && self.conn == Conn::Online
                {
                    out.send(self.device, Frame::PresenceAsk);
                    out.set_timer(
                        every_ms.max(1),
                        Timer::Phone(PhoneTimer::Poll { generation }),
                    );
                }
            }
            PhoneTimer::TypingEnds { by } => {
                let until = self.aware.as_ref().and_then(|a| {
                    let i = a.typing.binary_search_by_key(&by, |t| t.0).ok()?;
                    Some(a.typing[i].1)
                });
                if until.is_some_and(|t| t <= now) {
                    self.stop_typing(now, by, out);
                }
            }
            PhoneTimer::FetchCheck { generation } => self.fetch_check(now, generation, s, out),
        }
    }

    fn check_retries(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let mut i = 0;
        while i < self.waiting.len() {
            let w = &mut self.waiting[i];
            if now.saturating_sub(w.last_sent) < s.retry.grace_ms {
                i += 1;
                continue;
            }
            // A recall is never given up while the line is up: the post office
            // may have torn the letter up already, and the writer must hear it.
            if w.retries < s.retry.max_retries || matches!(w.what, Awaiting::Recall) {
                w.retries += 1;
                w.last_sent = now;
                let attempt = w.retries;
                match &w.what {
                    Awaiting::Receipt(env) => {
                        let env = env.clone();
                        out.note(
                            now,
                            me,
                            Some(&env),
                            What::Retry {
                                frame: FrameKind::MsgR,
                                attempt,
                                to: None,
                            },
                        );
                        out.send(self.device, Frame::MsgR(env));
                    }
                    Awaiting::AckA => {
                        out.send(self.device, Frame::AckR(w.id));
                    }
                    Awaiting::Recall => out.send(self.device, Frame::Recall(w.id)),
                }
                i += 1;
            } else {
                match self.waiting.remove(i).what {
                    Awaiting::Receipt(env) => {
                        if let Some(i) = self.own(env.id) {
                            self.chat[i].status = Status::Lost;
                        }
                        out.tally.lost += 1;
                        let retries = s.retry.max_retries;
                        let told = self.as_written(&env);
                        out.note(now, me, Some(&told), What::Lost { retries });
                        // Given up on: the next letter of its conversation goes.
                        self.next_in_turn(now, env.id, s, out);
                    }
                    Awaiting::AckA => out.note(now, me, None, What::AckGivenUp),
                    // Never given up (above).
                    Awaiting::Recall => {}
                }
            }
        }
    }

    // ---- the order of a conversation (`order: PostOffice`) ----

    /// Sends a letter (step 3), or, when the post office numbers the letters and an
    /// earlier letter of the same conversation has no answer yet, keeps it back
    /// until that one has: one at a time, so the numbers follow the order written.
    fn send_or_hold(&mut self, now: Time, env: Arc<Envelope>, s: &Settings, out: &mut Out) {
        // Sealed as it leaves the home mailbox (issue 28): the home mailbox
        // keeps the words; what goes out, and is kept for retries, is sealed.
        let env = self.sealed_for_sending(now, env);
        // A photo or a voice message goes to the parcel store first.
        if self.upload_first(now, &env, s, out) {
            return;
        }
        let behind = match s.order {
            Order::EachPhone => None,
            Order::PostOffice => self.unanswered_in(self.conversation(&env)),
        };
        let status = match behind {
            Some(_) => Status::Waiting,
            None => Status::Sending,
        };
        if let Some(i) = self.own(env.id) {
            self.chat[i].status = status;
        }
        match behind {
            Some(behind) => {
                let told = self.as_written(&env);
                out.note(now, self.actor(), Some(&told), What::HeldBack { behind });
                self.held.push(env);
            }
            None => self.transmit(now, env, s, out),
        }
    }

    /// The latest letter of conversation `conv` still without an answer: kept back,
    /// or sent and waiting for its receipt.
    fn unanswered_in(&self, conv: Dest) -> Option<MsgId> {
        let held = self
            .held
            .iter()
            .rev()
            .find(|e| self.conversation(e) == conv);
        let sent = || {
            self.waiting.iter().rev().find_map(|w| match &w.what {
                Awaiting::Receipt(e) if self.conversation(e) == conv => Some(e.id),
                _ => None,
            })
        };
        held.map(|e| e.id).or_else(sent)
    }

    /// Letter `id` has its answer (or was given up on): the first letter kept back
    /// behind it in its conversation goes.
    fn next_in_turn(&mut self, now: Time, id: MsgId, s: &Settings, out: &mut Out) {
        if s.order != Order::PostOffice {
            return;
        }
        let Some(i) = self.own(id) else { return };
        let conv = self.conversation(self.letter(i));
        let still_waiting = self
            .waiting
            .iter()
            .any(|w| matches!(&w.what, Awaiting::Receipt(e) if self.conversation(e) == conv));
        if still_waiting {
            return;
        }
        let Some(k) = self.held.iter().position(|e| self.conversation(e) == conv) else {
            return;
        };
        let env = self.held.remove(k);
        let Some(i) = self.own(env.id) else { return };
        if self.conn == Conn::Online {
            self.chat[i].status = Status::Sending;
            self.transmit(now, env, s, out);
        } else {
            // An answer that came while the phone was reconnecting: the letter goes
            // at the next login, before the letters written after it.
            let record = self.chat[i].record;
            let at = self.outbox.partition_point(|&r| r < record);
            self.outbox.insert(at, record);
            out.note(now, self.actor(), Some(&env), What::WaitForConnection);
        }
    }

    /// The post office's number for the phone's own letter `id` puts its bubble in
    /// its place: above letters of its conversation with later numbers. The number
    /// is kept on the letter in the phone's database (a bubble stays small).
    fn take_place(&mut self, now: Time, id: MsgId, place: u32, out: &mut Out) {
        if place == 0 {
            return;
        }
        let Some(i) = self.own(id) else { return };
        let record = self.chat[i].record as usize;
        if self.db[record].place != 0 {
            return;
        }
        let numbered = Arc::new(Envelope {
            place,
            ..(*self.db[record]).clone()
        });
        self.db[record] = numbered;
        let conv = self.conversation(&self.db[record]);
        let bubble = self.chat.remove(i);
        // Up above the first letter of the conversation with a later number, or
        // down below the last one with an earlier number; else it stays.
        let in_conv = |b: &Bubble| self.conversation(&self.db[b.record as usize]) == conv;
        let up = self.chat[..i]
            .iter()
            .position(|b| self.place_of(b) > place && in_conv(b));
        let down = || {
            self.chat[i..]
                .iter()
                .rposition(|b| {
                    let p = self.place_of(b);
                    p != 0 && p < place && in_conv(b)
                })
                .map(|k| i + k + 1)
        };
        let to = up.or_else(down).unwrap_or(i);
        self.chat.insert(to, bubble);
        if to != i {
            let env = self.letter(to).clone();
            let what = What::Reordered {
                number: place,
                from: i as u32,
                to: to as u32,
            };
            out.note(now, self.actor(), Some(&env), what);
        }
    }

    /// The post office's number of a bubble's letter, as far as this phone knows
    /// (0: none yet, or each phone orders its own screen).
    pub fn place_of(&self, b: &Bubble) -> u32 {
        self.db[b.record as usize].place
    }

    /// Where a letter numbered `place` in `conv` goes: above the first bubble of the
    /// conversation with a later number, or of a letter of this phone still on its
    /// way (those stay at the bottom until they have their numbers).
    fn first_after(&self, conv: Dest, place: u32) -> Option<usize> {
        self.chat.iter().position(|b| {
            let p = self.place_of(b);
            let later =
                p > place || (p == 0 && matches!(b.status, Status::Sending | Status::Waiting));
            later && self.conversation(&self.db[b.record as usize]) == conv
        })
    }

    // ---- the network module ----

    fn transmit(&mut self, now: Time, env: Arc<Envelope>, s: &Settings, out: &mut Out) {
        out.note(now, self.actor(), Some(&env), What::Send);
        out.send(self.device, Frame::MsgR(env.clone()));
        self.waiting.push(Waiting {
            id: env.id,
            what: Awaiting::Receipt(env),
            last_sent: now,
            retries: 0,
        });
        self.arm_retry(s, out);
    }

    fn arm_retry(&mut self, s: &Settings, out: &mut Out) {
        let awaited = !self.waiting.is_empty() || self.reads_awaited() || self.parcels_awaited();
        if !self.retry_armed && awaited && self.conn == Conn::Online {
            self.retry_armed = true;
            out.set_timer(s.retry.check_ms, Timer::Phone(PhoneTimer::RetryCheck));
        }
    }

    fn start_connecting(&mut self, now: Time, s: &Settings, out: &mut Out) {
        self.conn = Conn::Connecting;
        self.heartbeat_gen += 1;
        self.reconnect_gen += 1;
        self.attempt_login(now, s, out);
    }

    fn attempt_login(&mut self, now: Time, s: &Settings, out: &mut Out) {
        self.make_key(now);
        out.note(now, self.actor(), None, What::LoginAttempt);
        out.send(self.device, Frame::Login);
        out.set_timer(
            s.reconnect_ms,
            Timer::Phone(PhoneTimer::Reconnect {
                generation: self.reconnect_gen,
            }),
        );
    }
}
