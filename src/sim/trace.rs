//! The trace: the one thing the other side of the simulation sees. Every event names
//! its virtual time, its actor, the letter it is about (if any) and its stage: one of
//! the nine steps, a side road, or background upkeep (heartbeats, frames in flight).
//!
//! The headless runner prints it, the tests assert on it and the visualizer animates
//! it. The sim prints nothing: the words for each event live in `crate::words`.

use std::sync::Arc;

pub use super::frame::RecallRefusal;
use super::frame::{Bounce, Dir, Envelope, FrameClass, FrameKind, MsgId};
use super::road::Road;
use super::world::{Dest, DeviceIdx, GroupIdx, Notifications, Time, UserIdx};

/// A frame's number in its run (see [`What::FrameOut`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct FrameId(pub u32);

/// Who did it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Actor {
    Phone(DeviceIdx),
    PostOffice,
    /// The network between them (faults, frames lost on the way).
    Network,
    /// The phone system's push service (Apple's, Huawei's, Xiaomi's — 推送服务),
    /// between the post office and the phones: only in a scene with
    /// `notifications:` on.
    PushService,
}

/// The nine steps every letter takes, numbered 1–9.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Step {
    /// 1, sender: the user types and taps Send (pen and paper).
    Edit = 1,
    /// 2, sender: packed into the standard format and saved (the home mailbox).
    Store,
    /// 3, sender: sent over the long connection (the postman).
    Send,
    /// 4, post office: the counter receives it.
    Receive,
    /// 5, post office: the address register checks it; a copy goes to the archive.
    Verify,
    /// 6, post office: the sorting desk sends it down the recipient's connection.
    Forward,
    /// 7, recipient: the network module receives it.
    Arrive,
    /// 8, recipient: saved in the local database.
    File,
    /// 9, recipient: shown with the sender's avatar.
    Display,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Edit,
        Step::Store,
        Step::Send,
        Step::Receive,
        Step::Verify,
        Step::Forward,
        Step::Arrive,
        Step::File,
        Step::Display,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }
}

/// Where an event stands in the story.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Stage {
    Step(Step),
    Side(Road),
    /// Upkeep the story does not narrate step by step: heartbeats, frames in flight.
    Background,
}

/// Why the post office marked a phone offline.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OfflineWhy {
    /// No heartbeat within the timeout.
    Silent,
    /// The phone said goodbye.
    Goodbye,
    /// The post office closed.
    Closed,
}

/// Why a letter went onto the offline-mail shelf.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ShelfWhy {
    /// The recipient was not connected.
    NotConnected,
    /// Forwarded (perhaps from the shelf), but no acknowledgement came back after
    /// the retries: the letter may have been lost on its way, so it is shelved
    /// again (it leaves the shelf only when the phone confirms it).
    NoAnswer,
    /// The recipient went offline while the letter was on its way.
    WentOffline,
}

/// Why a frame vanished.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum LossCause {
    /// Random loss on a noisy network.
    Noise,
    /// A `Drop` fault picked it.
    Dropped,
    /// The connection was dead.
    LinkDown,
    /// The post office was closed.
    Closed,
    /// The phone had closed its connection (logged out).
    PhoneOff,
}

/// How a phone knew that its long connection was gone.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Broken {
    /// Nothing came from the post office for the heartbeat timeout.
    Silence,
    /// The post office sent its closing notice.
    Closed,
    /// The post office no longer knew the connection (it had timed it out) and
    /// asked the phone to log in again.
    Forgotten,
}

/// Why tapping ❗ sent nothing: the phone had not given the letter up.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NotResent {
    /// It is still trying (on its way, waiting for a connection or for its turn).
    Trying,
    /// The post office has it (✓).
    Posted,
    /// It was delivered (✓✓, or some members of a group have it).
    Delivered,
    /// It came back, stamped: sending it again would bring the same answer.
    Returned,
    /// The phone has not written that letter (yet).
    NotWritten,
}

/// Why a tap on "Recall" sent nothing (see `sim/phone/recall.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NotRecalled {
    /// The post office has not accepted it (yet): it is on its way or waiting.
    NotPosted,
    /// The phone gave it up (❗): the post office never had it.
    GaveUp,
    /// It came back, stamped: the post office never accepted it.
    Returned,
    /// It was recalled already.
    Already,
    /// A recall of it is on its way already.
    Asking,
    /// The post office refused to recall it before.
    Refused,
    /// The phone has no line: a recall cannot reach the post office now.
    NoLine,
    /// The phone has not written that letter (yet).
    NotWritten,
}

/// A change to the address register.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RegisterChange {
    Befriend,
    Unfriend,
    Block,
    Unblock,
}

/// What happened.
#[derive(Clone, PartialEq, Debug)]
pub enum What {
    // ---- the nine steps ----
    /// 1: the sender types `text` and taps Send; the bubble is at `index` in the chat.
    Edit {
        index: u32,
    },
    /// 2
    Store,
    /// 3: `msg:R` leaves the phone.
    Send,
    /// 4
    Receive,
    /// 5: accepted and archived, the `archived`-th letter.
    Verify {
        archived: u32,
    },
    /// 6: `msg:N` to `to`.
    Forward {
        to: DeviceIdx,
    },
    /// 7
    Arrive,
    /// 8
    File,
    /// 9: shown at `index` in the chat; `before` > 0 when it went above that many
    /// later letters of its conversation that had overtaken it.
    Display {
        index: u32,
        before: u32,
    },

    // ---- side roads ----
    /// The phone has no connection: the letter waits inside it.
    WaitForConnection,
    /// The post office sends the letter back.
    Return {
        reason: Bounce,
    },
    /// The returned letter reaches its sender, whose bubble shows why.
    Returned {
        reason: Bounce,
    },
    /// Onto the offline-mail shelf for `to`.
    Shelve {
        to: DeviceIdx,
        why: ShelfWhy,
    },
    /// From the shelf, down `to`'s connection.
    Unshelve {
        to: DeviceIdx,
    },
    /// `by`'s phone confirms a letter that the post office had put back on the shelf
    /// (its confirmation came late): it comes off the shelf, delivered. `told` as
    /// in [`What::Acknowledged`].
    OffTheShelf {
        by: DeviceIdx,
        told: bool,
    },
    /// `order: PostOffice`: the post office gives the letter its `number` in its
    /// conversation as it accepts it (just after step 5); every screen shows the
    /// conversation in the order of these numbers.
    Numbered {
        number: u32,
    },
    /// `order: PostOffice`: the phone keeps the letter back until the post office
    /// has answered `behind`, its earlier letter in the same conversation (one at a
    /// time, so that the numbers keep the order they were written in).
    HeldBack {
        behind: MsgId,
    },
    /// `order: PostOffice`: `number`, the number the post office gave the sender's
    /// own letter, moves its bubble from line `from` to line `to` of the chat
    /// (counted without it): up above letters with later numbers that arrived
    /// while it was on its way.
    Reordered {
        number: u32,
        from: u32,
        to: u32,
    },
    /// ✓ at the sender.
    Receipt,
    /// The post office hears from `by` that it has the letter (`ack:R`). `told`:
    /// it sent the sender the news (`ack:N`) at once; otherwise the sender was not
    /// connected and the post office keeps the news for it.
    Acknowledged {
        by: UserIdx,
        /// The device whose acknowledgement made the news (issue 27: the first
        /// of the addressee's devices to have it).
        device: DeviceIdx,
        told: bool,
    },
    /// The sender's phone did not confirm the news that `by` has the letter, after
    /// the retries: the post office keeps it for the sender's next login or heartbeat.
    NewsKept {
        by: UserIdx,
    },
    /// The post office hands the sender the news it kept: `by` has the letter.
    NewsHandedOver {
        by: UserIdx,
    },
    /// ✓ ✓ at the sender: `count` of `of` recipients have it.
    Delivered {
        count: u32,
        of: u32,
    },
    /// Sent again: `attempt` is 1 for the first retry. `to` for the post office's
    /// `msg:N` retries.
    Retry {
        frame: FrameKind,
        attempt: u32,
        to: Option<DeviceIdx>,
    },
    /// A re-sent letter recognised by its id and not handled twice.
    Duplicate,
    /// The sender gave up after `retries` retries (the scene's `max_retries`).
    Lost {
        retries: u32,
    },
    /// A letter the phone had given up on (❗) goes again, the same letter with
    /// the same number, with a fresh count of retries: the user tapped ❗, or
    /// (`auto`, `resend: Auto`) the phone did it by itself as its line came back.
    /// Its bubble is now at line `index` of the chat: with `order: PostOffice` it
    /// goes to the bottom (it takes its turn as a new letter would), otherwise it
    /// stays where it was.
    Resent {
        auto: bool,
        index: u32,
    },
    /// The user tapped ❗ on a letter the phone had not given up on: nothing is
    /// sent, and this says why. Without a letter when the phone has not written it.
    ResendIgnored {
        why: NotResent,
    },
    /// The writer taps "Recall" on a letter the post office has (✓): the phone
    /// sends a recall, a small second letter asking the post office to tear the
    /// first up everywhere (`recall`, retried until answered).
    Recall,
    /// A tap on "Recall" that sends nothing:
    /// this says why. Without a letter when the phone has not written it.
    RecallIgnored {
        why: NotRecalled,
    },
    /// The post office accepts a recall: the letter was accepted `age_ms` ago,
    /// within the limit. Its archive copy is torn up (the archive keeps that it
    /// was recalled), and `copies` addressees will be told to tear theirs up.
    RecallAccepted {
        age_ms: Time,
        copies: u32,
    },
    /// The post office refuses a recall (the letter was accepted `age_ms` ago):
    /// nothing changes.
    RecallRefused {
        why: RecallRefusal,
        age_ms: Time,
    },
    /// The post office sends `to` the recall (`recall:N`), from the shelf when
    /// `from_shelf`; `letter_on_shelf`: the letter it cancels was waiting on the
    /// shelf for `to`, and is torn up there (its words never go down `to`'s line).
    RecallPassed {
        to: DeviceIdx,
        from_shelf: bool,
        letter_on_shelf: bool,
    },
    /// `to` is not connected: the recall waits on the shelf; `letter_on_shelf`:
    /// beside the letter it cancels, which waits there for `to` too.
    RecallShelved {
        to: DeviceIdx,
        letter_on_shelf: bool,
    },
    /// The phone tears its copy up: the words leave its home mailbox, and its
    /// bubble at line `index` becomes "… recalled a message" (the writer's: "You
    /// recalled a message"). `seen_ms`: how long the letter was on this screen
    /// before (`None`: never — the writer's own, or `early`: the recall came
    /// before the letter, whose place the notice takes, so it never shows).
    Recalled {
        seen_ms: Option<Time>,
        early: bool,
        index: u32,
        /// Issue 27: the letter is this device's owner's own (written here, or
        /// on another of her devices): "You recalled a message".
        own: bool,
    },
    /// The writer's phone hears that the post office refused the recall: its
    /// bubble stays as it was.
    RecallDeclined {
        why: RecallRefusal,
    },
    /// Issue 26: the writer's phone puts parts `from_part` to `parts` of the
    /// letter's parcel (`kb` in all) on its parcel wire to the parcel store, all
    /// at once: from part 1 at first, and from where the store stopped when an
    /// upload resumes (never from the start again).
    Upload {
        from_part: u32,
        parts: u32,
        kb: u32,
    },
    /// The parcel store takes part `part` of `of` (`again`: it had it already,
    /// and throws the copy away).
    PartStored {
        part: u32,
        of: u32,
        again: bool,
    },
    /// The parcel store has every part (`parts`, `kb` in all): one copy, however
    /// many phones fetch it. It tells the writer's phone (`part:A`, unasked).
    ParcelStored {
        parts: u32,
        kb: u32,
    },
    /// The writer's phone asks the parcel store how much of the parcel it has
    /// (`part:Q`): `attempt` 0 as its line comes back, 1, 2, … when an upload
    /// stalls (no word of it after its last part should have arrived).
    UploadAsked {
        attempt: u32,
    },
    /// The parcel store answers the writer's phone: it has `have` of the `of`
    /// parts, from the first without a gap (`part:A`).
    UploadAnswered {
        have: u32,
        of: u32,
    },
    /// An addressee's phone asks the parcel store for the letter's parcel from
    /// part `from_part` (`get`): `attempt` 0 when it shows the letter or its line
    /// comes back, 1, 2, … when no part came for a while.
    FetchParcel {
        from_part: u32,
        attempt: u32,
    },
    /// The parcel store sends `to` the parcel from part `from_part`, from its one
    /// copy: `to` is the `count`th phone it has sent this parcel to.
    ParcelSent {
        to: DeviceIdx,
        from_part: u32,
        count: u32,
    },
    /// Part `part` of `of` reaches the addressee's phone (`again`: it had it
    /// already, and throws the copy away).
    PartArrived {
        part: u32,
        of: u32,
        again: bool,
    },
    /// The addressee's phone has every part: it shows the whole photo (or the
    /// voice message, ready to play) — once, and never a part of it before.
    ParcelShown,
    /// The parcel store throws the parcel out, `kept_ms` after it had all of it
    /// (`parcels: (keep_ms:)`); the letter and its slip stay in the archive.
    ParcelExpired {
        kept_ms: Time,
    },
    /// The parcel store no longer has the parcel (`gone`): the addressee's phone
    /// shows the thumbnail with "expired", never the photo.
    ParcelGone,
    /// A frame vanished on the way: frame number `id` (see [`What::FrameOut`]).
    FrameLost {
        id: FrameId,
        user: DeviceIdx,
        dir: Dir,
        frame: FrameKind,
        cause: LossCause,
    },
    /// The user opens the app: the phone dials the post office.
    LoginStart,
    /// The post office registers `user`'s connection.
    LoggedIn {
        user: DeviceIdx,
    },
    /// The phone's connection is open, confirmed by the post office.
    Connected,
    /// The user logs out: the phone says goodbye and closes its connection.
    LoggedOut,
    /// The user closes the app (the phone stays on, with signal): it says goodbye
    /// (`bye`) and keeps no line open (battery); the post office keeps its
    /// registration for notifications, so letters now wait on the shelf and (with
    /// `notifications:` on) the push service lights the lock screen.
    AppClosed,
    /// The user opens the app again: the lock screen's `cleared` notifications of
    /// it go away, and the phone dials the post office (the login that follows).
    AppOpened {
        cleared: u32,
    },
    /// The post office shelves a letter for `to`, whose app is closed or whose line
    /// went away, and sends the push service a short notification of it (`notify`).
    Notify {
        to: DeviceIdx,
    },
    /// The push service cannot reach `to` (no signal): it holds the notification
    /// until the signal returns, the latest one only (`replaced`: an older one it
    /// held for `to` is dropped).
    PushHeld {
        to: DeviceIdx,
        replaced: bool,
    },
    /// The phone's lock screen lights with a notification of the letter, showing
    /// what `shows` lets it (the sender's name and words, the name, or only "new
    /// message").
    Notified {
        shows: Notifications,
    },
    /// `shelf: Fetched`: the phone asks the post office "anything for me?" (`fetch`)
    /// as its line opens; `attempt` 0 the first time, then 1, 2, … each time it
    /// asks again because no answer came (a lost ask only delays).
    Fetch {
        attempt: u32,
    },
    /// The post office answers `to`'s `fetch`: `count` letters wait on the shelf,
    /// and go down the line now.
    FetchAnswered {
        to: DeviceIdx,
        count: u32,
    },
    /// The user opens a chat (`chat`: a person or a group) on the phone's screen;
    /// a chat open before closes.
    ChatOpened {
        chat: Dest,
    },
    /// The user goes back from the chat to the chat list.
    ChatClosed {
        chat: Dest,
    },
    /// The letter is read: on the screen, in its open chat, the app open.
    /// `sends`: the phone tells the writer (`read`), as `read_receipts:` lets it.
    Read {
        sends: bool,
    },
    /// The post office hears from `by` that they read the letter (`read`), and
    /// passes the news to the writer (`read:N`) at once (`told`) or keeps it for
    /// the writer's return.
    ReadPassed {
        by: UserIdx,
        told: bool,
    },
    /// The writer's bubble shows that `by` read it: `count` of `of` addressees
    /// (blue ✓✓ when all, "read by 2 of 3" in a group).
    ReadShown {
        by: UserIdx,
        count: u32,
        of: u32,
    },
    /// The phone's dot for `of` changes: it now shows them online (or not).
    Dot {
        of: UserIdx,
        online: bool,
    },
    /// The phone starts (`shown`) or stops showing "`by` is typing…".
    Typing {
        by: UserIdx,
        shown: bool,
    },
    /// The post office marks `user` offline.
    MarkedOffline {
        user: DeviceIdx,
        why: OfflineWhy,
    },
    /// The phone noticed that its connection is dead: no answer within the timeout,
    /// the post office closed, or the post office no longer knows it.
    ConnectionLost {
        why: Broken,
    },
    /// `user`'s phone loses its network silently.
    LinkDown {
        user: DeviceIdx,
    },
    /// `user`'s phone has network again.
    LinkUp {
        user: DeviceIdx,
    },
    /// Each frame on `user`'s connection is lost with probability `loss` from now on.
    SetLoss {
        user: DeviceIdx,
        loss: f64,
    },
    /// The next frame of class `what` toward `toward` on `user`'s connection will be lost.
    DropNext {
        user: DeviceIdx,
        toward: Dir,
        what: FrameClass,
    },
    /// The address register changes.
    Register {
        change: RegisterChange,
        a: UserIdx,
        b: UserIdx,
    },
    PostOfficeClosed,
    PostOfficeOpened,
    /// `user` joins `group` (the post office's group register): from now on the
    /// group's letters are addressed to them too, not the ones accepted before.
    Joined {
        user: UserIdx,
        group: GroupIdx,
    },
    /// `user` leaves `group`: letters the post office accepts from now on are not
    /// addressed to them; those it accepted before still are.
    Left {
        user: UserIdx,
        group: GroupIdx,
    },

    // ---- background ----
    /// The phone sends a heartbeat.
    Heartbeat,
    /// The phone sends a login (the first, or one more while reconnecting).
    LoginAttempt,
    /// A frame leaves for the other end of `user`'s connection; it would arrive at
    /// `arrives` (a [`What::FrameLost`] at that time says when it does not).
    FrameOut {
        /// The frame's number: frames are numbered as they are put on a link, from
        /// 1, so the loss of this frame names the same number.
        id: FrameId,
        user: DeviceIdx,
        dir: Dir,
        frame: FrameKind,
        arrives: Time,
    },
    /// The recipient stops waiting for `ack:A` (it already has the letter).
    AckGivenUp,

    // ---- several devices (issue 27) ----
    /// The post office sends a copy of a letter to one of its writer's other
    /// devices (`msg:N`), shown there on her side of the chat, so that her
    /// devices agree.
    OwnCopy {
        to: DeviceIdx,
    },
    /// A device logged in for the first time and the post office keeps no
    /// history for it: its home mailbox starts empty (the post office's archive
    /// is its own).
    NewDeviceEmpty {
        device: DeviceIdx,
    },
    /// `keeps_history: true`: the post office sends a device that logged in for
    /// the first time the conversation from its archive (`hist:N`, `count`
    /// letters).
    HistorySent {
        to: DeviceIdx,
        count: u32,
    },
    /// A device stored the letters of the post office's archive it was sent
    /// (`count` new ones) and shows them.
    HistoryStored {
        count: u32,
        /// The letters of its chat afterwards, top to bottom.
        chat: Arc<[MsgId]>,
    },
    /// `MoveChats`: a device copied `count` letters it did not have from `from`,
    /// another device of its owner, nearby, without the post office.
    ChatsMoved {
        from: DeviceIdx,
        count: u32,
        /// The letters of its chat afterwards, top to bottom.
        chat: Arc<[MsgId]>,
    },

    // ---- sealed letters (issue 28) ----
    /// A device holds sealed letters its key cannot open (sealed before its
    /// key was made: a new device's history from the archive, or a letter on
    /// its way as it first logged in): it keeps them sealed and shows them
    /// locked. About one letter (the event's) as it arrives, or about a batch
    /// (the archive's, or moved chats), once.
    CannotOpen {
        letters: Arc<[MsgId]>,
    },
}

/// One entry of the trace.
#[derive(Clone, PartialEq, Debug)]
pub struct Event {
    /// Virtual time, milliseconds.
    pub at: Time,
    pub actor: Actor,
    /// The letter this event is about.
    pub msg: Option<Arc<Envelope>>,
    pub what: What,
}

impl Event {
    /// A ✓✓ news that some members of a group have the letter, not all:
    /// `(count, of)` with `count < of` (still one tick on the sender's bubble).
    pub fn partly_delivered(&self) -> Option<(u32, u32)> {
        match self.what {
            What::Delivered { count, of } if count < of => Some((count, of)),
            _ => None,
        }
    }

    /// Told as a step of the story (everything but background upkeep).
    pub fn is_narrated(&self) -> bool {
        self.stage() != Stage::Background
    }

    /// The step number 1–9, for the nine steps.
    pub fn step(&self) -> Option<Step> {
        match self.stage() {
            Stage::Step(s) => Some(s),
            _ => None,
        }
    }
}
