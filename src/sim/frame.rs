//! What travels on a long connection: envelopes (chat messages) and the small
//! frames around them — login, heartbeats and the seven packets of reliable delivery.
//!
//! The seven packets, named as in the code and the trace:
//!
//! | frame | from → to | meaning |
//! | --- | --- | --- |
//! | `msg:R` | sender → post office | here is a letter |
//! | `msg:A` | post office → sender | got it, it is filed (✓) |
//! | `msg:N` | post office → recipient | a letter for you |
//! | `ack:R` | recipient → post office | got it |
//! | `ack:A` | post office → recipient | thanks, noted |
//! | `ack:N` | post office → sender | it was delivered (✓✓) |
//! | `ack:C` | sender → post office | I have the news of the delivery |
//!
//! Every packet that wants an answer is sent again until it gets one: `msg:R` until
//! `msg:A`, `msg:N` until `ack:R`, `ack:R` until `ack:A`, and `ack:N` until `ack:C`.

use std::sync::Arc;

use super::parcel::Slip;
use super::seal::{Sealed, Words};
use super::world::{Dest, DeviceIdx, Text, Time, UserIdx, World};

/// A message's identity: who wrote it and their running number. Re-sent copies keep
/// it, which is how duplicates are recognised.
///
/// `from` is the person who wrote it (its author, on her side of every chat);
/// each of her devices numbers its own letters, its slot among her devices in the
/// top byte of `n` (0 for her main phone: every scene before issue 27 reads the
/// same numbers), so that an id stays unique per device (issue 27).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct MsgId {
    pub from: UserIdx,
    pub n: u32,
}

/// The top byte of a running number: the writing device's slot.
const SLOT_SHIFT: u32 = 24;

impl MsgId {
    /// The writing device's slot among its author's devices (0: her main phone).
    pub fn slot(self) -> u8 {
        (self.n >> SLOT_SHIFT) as u8
    }

    /// Its running number on the device that wrote it (from 1).
    pub fn count(self) -> u32 {
        self.n & ((1 << SLOT_SHIFT) - 1)
    }

    /// The id of the `count`th letter written on the device with this slot.
    pub fn new(from: UserIdx, slot: u8, count: u32) -> MsgId {
        MsgId {
            from,
            n: (u32::from(slot) << SLOT_SHIFT) | (count & ((1 << SLOT_SHIFT) - 1)),
        }
    }
}

// Here rather than in `world.rs`, so that the world does not import the frames
// that import it (`tests/layers.rs`: no import loop).
impl World {
    /// A letter's id as the trace and the engineer's words print it: `lilei#1`.
    pub fn letter_id(&self, id: MsgId) -> String {
        let device = self.device_at(id.from, id.slot());
        format!("{}#{}", self.device_id(device), id.count())
    }

    /// The device that wrote a letter.
    pub fn writer(&self, id: MsgId) -> DeviceIdx {
        self.device_at(id.from, id.slot())
    }
}

/// A chat message in its standard format: the letter in an addressed envelope.
#[derive(Clone, PartialEq, Debug)]
pub struct Envelope {
    pub id: MsgId,
    pub to: Dest,
    /// The words: a postcard (in both languages when the scene gives both,
    /// shared: one pointer, so that a large run's letters stay small), or, with
    /// `sealed: true` (issue 28), sealed for the letter's people (`sim/seal.rs`):
    /// everything else on the envelope is outside the seal.
    pub words: Words,
    /// When the sender tapped Send.
    pub written_at: Time,
    /// Position in its conversation, counted by the sender: the recipient shows a
    /// conversation in this order even when a retry arrives late.
    pub seq: u32,
    /// Its number in its conversation, given by the post office as it accepts it
    /// (from 1) when the scene has `order: PostOffice`; 0 otherwise (the sender's
    /// own copy, and every letter when each phone orders its own screen).
    pub place: u32,
    /// The pickup slip of its photo or voice message (issue 26): the parcel
    /// itself goes apart, to the parcel store (see `sim/parcel.rs`). Shared, so
    /// that a letter without one grows by one pointer only.
    pub parcel: Option<Arc<Slip>>,
}

impl Envelope {
    pub fn from(&self) -> UserIdx {
        self.id.from
    }

    /// The words, when they are readable (a postcard); `None` for a sealed
    /// letter, whose words only a phone's key opens.
    pub fn text(&self) -> Option<&Arc<Text>> {
        self.words.text()
    }

    /// The seal, for a sealed letter (issue 28).
    pub fn sealed(&self) -> Option<&Sealed> {
        self.words.sealed()
    }

    /// A copy a recall tore up: a postcard whose words were taken out.
    pub fn is_torn(&self) -> bool {
        self.text()
            .is_some_and(|t| t.en.is_empty() && t.zh.is_empty())
    }
}

/// Why the post office returns a letter to its sender (退信), in the order it checks.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Bounce {
    /// The recipient does not exist.
    UnknownUser,
    /// Sender and recipient are not friends.
    NotFriends,
    /// The sender is not a member of the group.
    NotInGroup,
    /// The recipient refuses letters from this sender.
    Blocked,
}

impl Bounce {
    pub const ALL: [Bounce; 4] = [
        Bounce::UnknownUser,
        Bounce::NotFriends,
        Bounce::NotInGroup,
        Bounce::Blocked,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Bounce::UnknownUser => "UnknownUser",
            Bounce::NotFriends => "NotFriends",
            Bounce::NotInGroup => "NotInGroup",
            Bounce::Blocked => "Blocked",
        }
    }
}

/// Why the post office refuses a recall.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RecallRefusal {
    /// The letter was accepted longer ago than the scene's `recall: (limit_ms:)`.
    TooLate,
    /// The post office has not accepted that letter.
    NotAccepted,
}

/// Which way a frame travels on a phone's long connection.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Dir {
    ToServer,
    ToPhone,
}

impl Dir {
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One frame on a long connection.
#[derive(Clone, Debug)]
pub enum Frame {
    // phone → post office
    Login,
    Logout,
    Heartbeat,
    /// `msg:R`
    MsgR(Arc<Envelope>),
    /// `ack:R`: the recipient has the letter.
    AckR(MsgId),
    /// `ack:C`: the sender has the news that `by` has its letter (the answer to
    /// `ack:N`).
    AckC {
        id: MsgId,
        by: UserIdx,
    },
    // post office → phone
    LoginOk,
    HeartbeatReply,
    /// `msg:A` (✓), with how many people the letter goes to, and its number in
    /// its conversation (0: the phones order their screens, see [`Envelope::place`]).
    MsgA {
        id: MsgId,
        recipients: u32,
        place: u32,
    },
    /// The letter comes back unsent.
    Returned {
        id: MsgId,
        reason: Bounce,
    },
    /// `msg:N`
    MsgN(Arc<Envelope>),
    /// `ack:A`
    AckA(MsgId),
    /// `ack:N` (✓✓ once every recipient has it).
    AckN {
        id: MsgId,
        by: UserIdx,
        recipients: u32,
        /// As in `MsgA`: the news may come before the receipt.
        place: u32,
    },
    /// The post office does not know this connection (it timed it out): log in again.
    NotLoggedIn,
    /// The post office is closing: every connection is closed.
    Closing,
    // presence and "typing…" (never retried, never mail)
    /// `presence?`: a phone asks who of its friends is online (`presence: Pull`).
    PresenceAsk,
    /// `presence`: the post office says who is online. `full`: the whole list of
    /// the phone's friends (anyone not in it shows offline); otherwise only the
    /// dots that changed.
    Presence {
        dots: Arc<[(UserIdx, bool)]>,
        full: bool,
    },
    /// `typing`: toward the post office, "I am (or stopped) typing to `peer`";
    /// toward a phone, "`peer` is (or stopped) typing to you".
    Typing {
        peer: UserIdx,
        on: bool,
    },
    // the app closed, notifications and fetching (issue 24; never mail)
    /// `bye`: the user closes the app: the line closes, and the post office keeps
    /// the phone's registration for notifications (unlike `logout`).
    Bye,
    /// `notify`: post office → the push service: a letter waits for this phone.
    Notify(Arc<Envelope>),
    /// `push`: the push service → the phone, over its signal: light the lock screen.
    Push(Arc<Envelope>),
    /// `fetch`: phone → post office, `shelf: Fetched`: "anything for me?"
    Fetch,
    /// `fetch:A`: the answer: `count` letters come down the line now.
    FetchA {
        count: u32,
    },
    // read receipts (issue 25; see `phone/read.rs`)
    /// `read`: reader → post office: "I have read these letters" (sent again
    /// until `read:A`).
    Read(Arc<[MsgId]>),
    /// `read:A`: the post office noted these reads.
    ReadA(Arc<[MsgId]>),
    /// `read:N`: post office → writer: `by` has read letter `id` (of `recipients`
    /// addressees); sent again until `read:C`, kept while the writer is away.
    ReadN {
        id: MsgId,
        by: UserIdx,
        recipients: u32,
    },
    /// `read:C`: the writer has the news that `by` read letter `id`.
    ReadC {
        id: MsgId,
        by: UserIdx,
    },
    // recall (issue 25; mail: retried until answered)
    /// `recall`: the writer's phone asks the post office to tear letter `0` up.
    Recall(MsgId),
    /// `recall:A`: the post office's answer to `recall`: done, or refused.
    RecallA {
        id: MsgId,
        refused: Option<RecallRefusal>,
    },
    /// `recall:N`: the post office asks an addressee to tear up its copy of the
    /// letter (carried, so that a phone it reaches first knows its place).
    RecallN(Arc<Envelope>),
    /// `recall:C`: the addressee's phone: torn up.
    RecallC(MsgId),
    // parcels (issue 26; on the phone's parcel wire, see `sim/parcel_wire.rs`)
    /// `part:R`: the writer's phone → the parcel store: part `part` of `of` of
    /// the parcel of letter `env` (its slip says what it is; the envelope rides
    /// along so that the trace can name the letter: the store reads only its id
    /// and slip).
    PartR {
        env: Arc<Envelope>,
        part: u32,
        of: u32,
    },
    /// `part:Q`: the writer's phone asks the store how much of letter `0`'s
    /// parcel it has (carried as `part:R` carries it).
    PartAsk(Arc<Envelope>),
    /// `part:A`: the store has `have` of the `of` parts, from the first without
    /// a gap: the answer to `part:Q`, and, once it has them all, sent unasked.
    PartA {
        id: MsgId,
        have: u32,
        of: u32,
    },
    /// `get`: an addressee's phone asks the store for the parcel, from part `from`.
    Get {
        id: MsgId,
        from: u32,
    },
    /// `part:N`: the store → an addressee's phone: part `part` of `of`.
    PartN {
        id: MsgId,
        part: u32,
        of: u32,
        kb: u32,
    },
    /// `gone`: the store no longer has the parcel (it expired).
    Gone(MsgId),
    // several devices (issue 27; mail: retried until answered)
    /// `hist:N`: `keeps_history: true`: the post office sends a device that
    /// joins the conversation from its archive, in archive order, in one frame.
    HistN(Arc<[Arc<Envelope>]>),
    /// `hist:A`: the device stored them.
    HistA,
}

/// A frame's kind, without its contents: for the trace, the picture and `Drop`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FrameKind {
    Login,
    Logout,
    Heartbeat,
    MsgR,
    AckR,
    AckC,
    LoginOk,
    HeartbeatReply,
    MsgA,
    Returned,
    MsgN,
    AckA,
    AckN,
    NotLoggedIn,
    Closing,
    PresenceAsk,
    Presence,
    Typing,
    Bye,
    Notify,
    Push,
    Fetch,
    FetchA,
    Read,
    ReadA,
    ReadN,
    ReadC,
    Recall,
    RecallA,
    RecallN,
    RecallC,
    PartR,
    PartAsk,
    PartA,
    Get,
    PartN,
    Gone,
    HistN,
    HistA,
}

/// The classes of frame a `Drop` fault can pick.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FrameClass {
    Message,
    Ack,
    Heartbeat,
    /// A part of a photo or a voice message (issue 26).
    Parcel,
    Any,
}

impl Frame {
    pub fn kind(&self) -> FrameKind {
        match self {
            Frame::Login => FrameKind::Login,
            Frame::Logout => FrameKind::Logout,
            Frame::Heartbeat => FrameKind::Heartbeat,
            Frame::MsgR(_) => FrameKind::MsgR,
            Frame::AckR(_) => FrameKind::AckR,
            Frame::AckC { .. } => FrameKind::AckC,
            Frame::LoginOk => FrameKind::LoginOk,
            Frame::HeartbeatReply => FrameKind::HeartbeatReply,
            Frame::MsgA { .. } => FrameKind::MsgA,
            Frame::Returned { .. } => FrameKind::Returned,
            Frame::MsgN(_) => FrameKind::MsgN,
            Frame::AckA(_) => FrameKind::AckA,
            Frame::AckN { .. } => FrameKind::AckN,
            Frame::NotLoggedIn => FrameKind::NotLoggedIn,
            Frame::Closing => FrameKind::Closing,
            Frame::PresenceAsk => FrameKind::PresenceAsk,
            Frame::Presence { .. } => FrameKind::Presence,
            Frame::Typing { .. } => FrameKind::Typing,
            Frame::Bye => FrameKind::Bye,
            Frame::Notify(_) => FrameKind::Notify,
            Frame::Push(_) => FrameKind::Push,
            Frame::Fetch => FrameKind::Fetch,
            Frame::FetchA { .. } => FrameKind::FetchA,
            Frame::Read(_) => FrameKind::Read,
            Frame::ReadA(_) => FrameKind::ReadA,
            Frame::ReadN { .. } => FrameKind::ReadN,
            Frame::ReadC { .. } => FrameKind::ReadC,
            Frame::Recall(_) => FrameKind::Recall,
            Frame::RecallA { .. } => FrameKind::RecallA,
            Frame::RecallN(_) => FrameKind::RecallN,
            Frame::RecallC(_) => FrameKind::RecallC,
            Frame::PartR { .. } => FrameKind::PartR,
            Frame::PartAsk(_) => FrameKind::PartAsk,
            Frame::PartA { .. } => FrameKind::PartA,
            Frame::Get { .. } => FrameKind::Get,
            Frame::PartN { .. } => FrameKind::PartN,
            Frame::Gone(_) => FrameKind::Gone,
            Frame::HistN(_) => FrameKind::HistN,
            Frame::HistA => FrameKind::HistA,
        }
    }

    /// The letter this frame is about, if any.
    pub fn msg_id(&self) -> Option<MsgId> {
        match self {
            Frame::MsgR(e)
            | Frame::MsgN(e)
            | Frame::Notify(e)
            | Frame::Push(e)
            | Frame::PartAsk(e)
            | Frame::PartR { env: e, .. } => Some(e.id),
            Frame::AckR(id) | Frame::AckA(id) => Some(*id),
            Frame::MsgA { id, .. }
            | Frame::Returned { id, .. }
            | Frame::AckN { id, .. }
            | Frame::AckC { id, .. }
            | Frame::ReadN { id, .. }
            | Frame::ReadC { id, .. }
            | Frame::RecallA { id, .. }
            | Frame::PartA { id, .. }
            | Frame::Get { id, .. }
            | Frame::PartN { id, .. } => Some(*id),
            Frame::Recall(id) | Frame::RecallC(id) | Frame::Gone(id) => Some(*id),
            Frame::RecallN(e) => Some(e.id),
            _ => None,
        }
    }
}

impl FrameKind {
    /// The name used in the trace and on the picture: `msg:R`, `heartbeat`, ...
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    pub const fn class(self) -> FrameClass {
        self.row().class
    }

    /// Frames that belong to a letter's journey (as opposed to the connection's
    /// upkeep). A run is not over while one is in flight.
    pub const fn is_mail(self) -> bool {
        matches!(
            self.class(),
            FrameClass::Message | FrameClass::Ack | FrameClass::Parcel
        )
    }

    /// Whether it travels on a phone's parcel wire (issue 26), beside the long
    /// connection, not on it.
    pub const fn on_parcel_wire(self) -> bool {
        self.row().parcel_wire
    }
}

impl FrameClass {
    pub fn matches(self, kind: FrameKind) -> bool {
        self == FrameClass::Any || self == kind.class()
    }
}
