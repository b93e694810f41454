//! What a trace shows, counted: the facts every recap, tally and summary words.
//! Which letter reached which screens and when, what became of each letter, what
//! was lost on the way (by kind: letters, receipts, confirmations, news of a
//! delivery, answers to logins), what was sent again and by whom, and which copies
//! were recognised (and so not passed on or shown again).
//!
//! The words (`crate::words`) only word these facts; nothing they say is counted
//! anywhere else. Everything here is read from the trace alone, in its order, so
//! the same trace always gives the same facts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::frame::{Bounce, Envelope, FrameKind, MsgId};
use super::phone::Status;
use super::trace::{Actor, Event, OfflineWhy, What};
use super::view::View;
use super::world::{DeviceIdx, Time};

/// What a lost or re-sent frame was, as the story tells it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Kind {
    /// A letter (`msg:R` to the post office, `msg:N` to a recipient).
    Letter,
    /// The post office's receipt to the sender (`msg:A`, ✓).
    Receipt,
    /// A recipient's phone's “got it” to the post office (`ack:R`).
    Confirmation,
    /// The post office's answer to a confirmation (`ack:A`).
    ConfirmationAnswer,
    /// The news that a letter was delivered, to its sender (`ack:N`, ✓✓).
    News,
    /// The sender's phone's answer to that news (`ack:C`).
    NewsAnswer,
    /// A letter on its way back to its sender (`returned`).
    Returned,
    /// A part of a photo or a voice message (`part:R`, `part:N`; issue 26).
    Part,
    /// A question or answer about one (`part:Q`, `part:A`, `get`, `gone`).
    ParcelNote,
    /// A phone asking to log in.
    Login,
    /// The post office's answer to a login (`login-ok`).
    LoginAnswer,
    /// Anything else (heartbeats and the like, which the story does not count).
    Other,
}

impl Kind {
    pub fn of(frame: FrameKind) -> Kind {
        match frame {
            FrameKind::MsgR | FrameKind::MsgN => Kind::Letter,
            FrameKind::MsgA => Kind::Receipt,
            FrameKind::AckR => Kind::Confirmation,
            FrameKind::AckA => Kind::ConfirmationAnswer,
            FrameKind::AckN => Kind::News,
            FrameKind::AckC => Kind::NewsAnswer,
            FrameKind::Returned => Kind::Returned,
            FrameKind::Login => Kind::Login,
            FrameKind::LoginOk => Kind::LoginAnswer,
            FrameKind::PartR | FrameKind::PartN => Kind::Part,
            FrameKind::PartAsk | FrameKind::PartA | FrameKind::Get | FrameKind::Gone => {
                Kind::ParcelNote
            }
            _ => Kind::Other,
        }
    }
}

/// How a letter stands at the end of the trace: each letter has exactly one, so
/// the letters of each kind add up to the letters written.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Fate {
    /// Shown on at least one recipient's screen.
    Shown,
    /// Back with its sender, stamped (and shown to nobody).
    Returned,
    /// Its sender's phone gave up on it (and nobody was shown it).
    NotSent,
    /// Shown to nobody yet; a copy waits on the offline shelf.
    OnShelf,
    /// Still inside its sender's phone, waiting for a connection.
    InPhone,
    /// Taken back (a recall the post office accepted) before any screen showed it.
    Recalled,
    /// Anywhere else: still on its way, or at the post office with nobody to show it.
    OnTheWay,
}

/// One letter, from the trace.
#[derive(Clone, Debug)]
pub struct Letter {
    pub letter: Arc<Envelope>,
    /// The screens it reached, in the order it reached them: whose, and when it was
    /// first shown there.
    pub screens: Vec<(DeviceIdx, Time)>,
    /// How many times it was shown in all (a screen that showed it twice counts
    /// twice).
    pub shown: usize,
    /// What its sender's own bubble shows at the end.
    pub sender_sees: Option<Status>,
    /// The recipients whose copy is on the offline shelf at the end.
    pub on_shelf: Vec<DeviceIdx>,
    /// The recipients whose copy waited on the offline shelf at some time.
    pub shelved_for: Vec<DeviceIdx>,
    /// The recipients whose copy came off the shelf to them.
    pub unshelved_for: Vec<DeviceIdx>,
    /// When it came back to its sender, stamped (the last time, if more than once).
    pub returned_at: Option<Time>,
    /// It waited inside its sender's phone for a connection at some time.
    pub waited_in_phone: bool,
    /// The post office accepted its recall.
    pub recalled: bool,
}

impl Letter {
    pub fn id(&self) -> MsgId {
        self.letter.id
    }

    /// Tap on Send to its first showing on `to`'s screen.
    pub fn took(&self, to: DeviceIdx) -> Option<Time> {
        self.screens
            .iter()
            .find(|(u, _)| *u == to)
            .map(|(_, at)| at.saturating_sub(self.letter.written_at))
    }

    pub fn returned(&self) -> Option<Bounce> {
        match self.sender_sees {
            Some(Status::Returned(r)) => Some(r),
            _ => None,
        }
    }

    pub fn fate(&self) -> Fate {
        match self.sender_sees {
            _ if !self.screens.is_empty() => Fate::Shown,
            Some(Status::Returned(_)) => Fate::Returned,
            Some(Status::Lost) => Fate::NotSent,
            _ if self.recalled => Fate::Recalled,
            _ if !self.on_shelf.is_empty() => Fate::OnShelf,
            Some(Status::Waiting) => Fate::InPhone,
            _ => Fate::OnTheWay,
        }
    }
}

/// Letters and other frames sent again, for one letter and one kind: by the
/// sender's phone and by the post office.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Again {
    /// By the phone by itself: a retry, or (`resend: Auto`) a given-up letter sent
    /// again as its line came back.
    pub by_phone: usize,
    pub by_office: usize,
    /// By its writer's tap on ❗.
    pub by_tap: usize,
}

impl Again {
    pub fn total(&self) -> usize {
        self.by_phone + self.by_office + self.by_tap
    }
}

/// Everything the recap, the tally and the summary say, counted from a trace.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// The letters, in the order they were written.
    pub letters: Vec<Letter>,
    /// Frames lost on the way that the story tells (a letter's frames; a login or
    /// its answer lost to noise or on purpose), by kind.
    pub lost: BTreeMap<Kind, usize>,
    /// How often each letter's own frames (the letter itself) were lost.
    pub letters_lost: BTreeMap<MsgId, usize>,
    /// Frames sent again, by letter and kind.
    pub again: BTreeMap<(MsgId, Kind), Again>,
    /// Copies recognised by their number at the post office (not passed on again).
    pub copies_at_office: usize,
    /// Copies recognised by a recipient's phone (not shown again), by phone.
    pub copies_at_phones: BTreeMap<DeviceIdx, usize>,
    /// Letters shown after later letters of their conversation that had overtaken
    /// them.
    pub overtaken: usize,
    /// People the post office marked offline because their phones went silent, in
    /// the order first marked.
    pub silent: Vec<DeviceIdx>,
    /// The post office closed at some time.
    pub closed: bool,
    /// Letters their sender's phone gave up on at some time (each once).
    pub gave_up: usize,
    /// Of those, letters sent again after the phone gave up (a tap on ❗, or the
    /// phone by itself at its next login).
    pub gave_up_then_resent: usize,
    /// Presence frames put on a link (lost ones too): the phones' questions “who
    /// is online?” (`presence?`) and the post office's notices of dots (`presence`).
    pub presence: PresenceCount,
    /// Notes for lock screens and letters fetched (issue 24).
    pub notices: NoticeCount,
    /// Chats opened and letters read (issue 25).
    pub reads: ReadCount,
    /// Recalls (issue 25).
    pub recalls: RecallCount,
    /// Photos and voice messages (issue 26).
    pub parcels: ParcelCount,
    /// A person's several devices (issue 27; counted by [`Facts::of`], not
    /// in a stretch).
    pub devices: DeviceCount,
    /// Sealed letters (issue 28; counted by [`Facts::of`], not in a stretch).
    pub seals: SealCount,
}

/// Sealed letters in a trace, counted (issue 28).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SealCount {
    /// Letters that travelled sealed (some event carried them sealed).
    pub sealed: BTreeSet<MsgId>,
    /// Letters whose words the post office's side had: some event of the post
    /// office, the network or the push service carried them readable (a
    /// postcard). With `sealed: true`, none: counted, not assumed.
    pub read_by_office: BTreeSet<MsgId>,
    /// (device, letter): a device held the letter sealed and could not open it
    /// (`cannot_open`).
    pub cannot_open: BTreeSet<(DeviceIdx, MsgId)>,
}

impl SealCount {
    /// Any letter travelled sealed.
    pub fn any(&self) -> bool {
        !self.sealed.is_empty()
    }

    fn count(&mut self, e: &Event) {
        if let Some(m) = &e.msg {
            match (m.sealed().is_some(), e.actor) {
                (true, _) => {
                    self.sealed.insert(m.id);
                }
                (false, Actor::PostOffice | Actor::Network | Actor::PushService) => {
                    self.read_by_office.insert(m.id);
                }
                (false, Actor::Phone(_)) => {}
            }
        }
        if let (What::CannotOpen { letters }, Actor::Phone(d)) = (&e.what, e.actor) {
            self.cannot_open.extend(letters.iter().map(|&id| (d, id)));
        }
    }
}

/// A person's several devices in a trace, counted (issue 27).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct DeviceCount {
    /// Copies of a letter the post office made for its writer's other devices
    /// (`own_copy`).
    pub own_copies: usize,
    /// Devices that logged in for the first time with an empty home mailbox
    /// (`new_device_empty`).
    pub empty: usize,
    /// Letters from the archive a new device stored (`history_stored`).
    pub from_archive: usize,
    /// Letters moved from one device to another (`chats_moved`).
    pub moved: usize,
}

impl DeviceCount {
    /// Anything about several devices happened.
    pub fn any(&self) -> bool {
        self.own_copies + self.empty + self.from_archive + self.moved > 0
    }

    fn count(&mut self, what: &What) {
        let n = what.device_numbers().and_then(|n| n.count).unwrap_or(0) as usize;
        match what.kind() {
            super::EventKind::OwnCopy => self.own_copies += 1,
            super::EventKind::NewDeviceEmpty => self.empty += 1,
            super::EventKind::HistoryStored => self.from_archive += n,
            super::EventKind::ChatsMoved => self.moved += n,
            _ => {}
        }
    }
}

/// The photos and voice messages of a trace, counted (issue 26; a parcel is not
/// a letter: its letter is counted as any letter).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct ParcelCount {
    /// Parcels the parcel store had whole (`parcel_stored`): one copy each.
    pub stored: usize,
    /// Parts put on a wire again when an upload resumed (an `upload` from a
    /// later part than the first).
    pub parts_again: usize,
    /// Times the store sent a parcel to a phone (`parcel_sent`).
    pub sent: usize,
    /// Times a phone showed a parcel whole (`parcel_shown`).
    pub shown: usize,
    /// Parcels the store threw out (`parcel_expired`).
    pub expired: usize,
    /// Times a phone asked for one and found it gone (`parcel_gone`).
    pub gone: usize,
}

impl ParcelCount {
    /// Anything about parcels happened.
    pub fn any(&self) -> bool {
        self.stored + self.parts_again + self.sent + self.shown + self.expired + self.gone > 0
    }

    fn count(&mut self, what: &What) {
        match *what {
            What::ParcelStored { .. } => self.stored += 1,
            What::Upload {
                from_part, parts, ..
            } if from_part > 1 => {
                self.parts_again += (parts + 1).saturating_sub(from_part) as usize
            }
            What::ParcelSent { .. } => self.sent += 1,
            What::ParcelShown => self.shown += 1,
            What::ParcelExpired { .. } => self.expired += 1,
            What::ParcelGone => self.gone += 1,
            _ => {}
        }
    }
}

/// Chats and reading in a trace, counted (issue 25).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct ReadCount {
    /// A chat was opened at some time (the story is about reading).
    pub chats: bool,
    /// (letter, reader) pairs read.
    pub read: usize,
    /// Of those, read with a note back (`read` sent).
    pub noted: usize,
    /// Notes that reached their writers (`read_shown`).
    pub told: usize,
}

impl ReadCount {
    /// A chat opened, a letter read, a note of it shown to its writer.
    fn count(&mut self, what: &What) {
        match what {
            What::ChatOpened { .. } => self.chats = true,
            What::Read { sends } => {
                self.read += 1;
                self.noted += usize::from(*sends);
            }
            What::ReadShown { .. } => self.told += 1,
            _ => {}
        }
    }
}

impl Facts {
    /// A recall's event (issue 25), about letter number `i` of [`Facts::letters`].
    fn count_recall(&mut self, e: &Event, i: Option<usize>) {
        let r = &mut self.recalls;
        match e.what {
            What::RecallAccepted { .. } => {
                r.accepted += 1;
                if let Some(i) = i {
                    self.letters[i].recalled = true;
                }
            }
            What::RecallRefused { why, .. } => match why {
                super::trace::RecallRefusal::TooLate => r.too_late += 1,
                super::trace::RecallRefusal::NotAccepted => r.refused_other += 1,
            },
            // On an addressee's screen (not its writer's).
            What::Recalled { seen_ms, own, .. } if !own => {
                r.screens += 1;
                r.seen += usize::from(seen_ms.is_some());
            }
            _ => {}
        }
    }
}

/// The recalls of a trace, counted (a recall is not a letter: no count of
/// letters includes it).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RecallCount {
    /// Letters whose recall the post office accepted.
    pub accepted: usize,
    /// Addressees' screens where the notice took the letter's place.
    pub screens: usize,
    /// Of those, screens that had shown the letter first.
    pub seen: usize,
    /// Recalls the post office refused as too late.
    pub too_late: usize,
    /// Recalls it refused for another reason (it never had the letter).
    pub refused_other: usize,
}

/// The notes for lock screens (`notifications:`) and the phones' asks for their
/// waiting letters (`shelf: Fetched`) of a trace, counted: none of it is mail (a
/// note is never sent again; the letter waits on the shelf).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct NoticeCount {
    /// Notes that lit a lock screen (`notified`).
    pub shown: usize,
    /// Notes lost on the way to a phone (`push` lost).
    pub lost: usize,
    /// Notes the push service dropped for a newer one while a phone had no
    /// signal (`push_held` with `replaced`).
    pub replaced: usize,
    /// Asks "anything for me?" (`fetch`), by phone, in the order first asked.
    pub asked: Vec<(DeviceIdx, usize)>,
}

impl NoticeCount {
    /// A phone asked for its waiting letters (`fetch`).
    fn asked_by(&mut self, actor: Actor) {
        if let Actor::Phone(u) = actor {
            match self.asked.iter_mut().find(|(v, _)| *v == u) {
                Some(a) => a.1 += 1,
                None => self.asked.push((u, 1)),
            }
        }
    }
}

impl NoticeCount {
    /// Any note or ask happened.
    pub fn any(&self) -> bool {
        self.shown + self.lost + self.replaced > 0 || !self.asked.is_empty()
    }
}

/// The online dots and "typing…" of a trace, counted: none of it is mail (never
/// kept, never sent again).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PresenceCount {
    /// `presence?` frames: a phone asks who of its friends is online.
    pub asked: usize,
    /// `presence` frames: the post office tells a phone its friends' dots.
    pub told: usize,
    /// Times a phone began to show "… is typing…".
    pub typing_shown: usize,
    /// `typing` frames lost on the way (each simply vanished).
    pub typing_lost: usize,
}

impl PresenceCount {
    /// Anything about dots or "typing…" happened.
    pub fn any(&self) -> bool {
        self.asked + self.told + self.typing_shown + self.typing_lost > 0
    }
}

impl Facts {
    /// The facts of `events` among `phones` phones.
    pub fn of(world: &super::world::World, events: &[Event]) -> Facts {
        let mut f = Facts::counted(events);
        for e in events {
            f.devices.count(&e.what);
            f.seals.count(e);
        }
        let view = View::of_trace(world, events);
        let sees = view.senders_see();
        for l in &mut f.letters {
            l.sender_sees = sees.get(&l.letter.id).copied();
            if let Some(kept) = view.kept.get(&l.letter.id) {
                l.on_shelf = kept.shelf.clone();
            }
        }
        f
    }

    /// What happened in `events`, a stretch of a trace (the window's crowd tally
    /// of one beat): the counts only, not how each letter stands at its end
    /// ([`Letter::sender_sees`] and [`Letter::on_shelf`] stay empty).
    pub fn counted(events: &[Event]) -> Facts {
        let mut f = Facts::default();
        let mut index: BTreeMap<MsgId, usize> = BTreeMap::new();
        // What is already counted, looked up in a set rather than a list: a group
        // letter of thousands of members, thousands of letters given up.
        let mut gave_up: BTreeSet<MsgId> = BTreeSet::new();
        let mut resent: BTreeSet<MsgId> = BTreeSet::new();
        let mut seen: BTreeSet<(usize, DeviceIdx, u8)> = BTreeSet::new();
        let mut silent: BTreeSet<DeviceIdx> = BTreeSet::new();
        for e in events {
            let m = e.msg.as_ref();
            match &e.what {
                What::Edit { .. } => {
                    if let Some(m) = m {
                        index.entry(m.id).or_insert_with(|| {
                            f.letters.push(Letter {
                                letter: m.clone(),
                                screens: Vec::new(),
                                shown: 0,
                                sender_sees: None,
                                on_shelf: Vec::new(),
                                shelved_for: Vec::new(),
                                unshelved_for: Vec::new(),
                                returned_at: None,
                                waited_in_phone: false,
                                recalled: false,
                            });
                            f.letters.len() - 1
                        });
                    }
                }
                What::Display { before, .. } => {
                    if *before > 0 {
                        f.overtaken += 1;
                    }
                    if let (Some(m), Actor::Phone(u)) = (m, e.actor)
                        && let Some(&i) = index.get(&m.id)
                    {
                        let l = &mut f.letters[i];
                        l.shown += 1;
                        if seen.insert((i, u, 0)) {
                            l.screens.push((u, e.at));
                        }
                    }
                }
                What::Shelve { to, .. } => {
                    if let Some(&i) = m.and_then(|m| index.get(&m.id))
                        && seen.insert((i, *to, 1))
                    {
                        f.letters[i].shelved_for.push(*to);
                    }
                }
                What::Unshelve { to } => {
                    if let Some(&i) = m.and_then(|m| index.get(&m.id))
                        && seen.insert((i, *to, 2))
                    {
                        f.letters[i].unshelved_for.push(*to);
                    }
                }
                What::FrameOut { frame, .. } => match frame {
                    FrameKind::PresenceAsk => f.presence.asked += 1,
                    FrameKind::Presence => f.presence.told += 1,
                    _ => {}
                },
                What::FrameLost {
                    frame: FrameKind::Typing,
                    ..
                } => f.presence.typing_lost += 1,
                What::Typing { shown: true, .. } => f.presence.typing_shown += 1,
                What::FrameLost {
                    frame: FrameKind::Push,
                    ..
                } => f.notices.lost += 1,
                What::Notified { .. } => f.notices.shown += 1,
                What::ChatOpened { .. } | What::Read { .. } | What::ReadShown { .. } => {
                    f.reads.count(&e.what)
                }
                What::RecallAccepted { .. }
                | What::RecallRefused { .. }
                | What::Recalled { .. } => {
                    let i = m.and_then(|m| index.get(&m.id)).copied();
                    f.count_recall(e, i);
                }
                What::PushHeld { replaced: true, .. } => f.notices.replaced += 1,
                What::ParcelStored { .. }
                | What::Upload { .. }
                | What::ParcelSent { .. }
                | What::ParcelShown
                | What::ParcelExpired { .. }
                | What::ParcelGone => f.parcels.count(&e.what),
                What::Fetch { .. } => f.notices.asked_by(e.actor),
                What::FrameLost { frame, .. } if e.is_narrated() => {
                    let kind = Kind::of(*frame);
                    *f.lost.entry(kind).or_default() += 1;
                    if let (Kind::Letter, Some(m)) = (kind, m) {
                        *f.letters_lost.entry(m.id).or_default() += 1;
                    }
                }
                What::Retry { frame, .. } => {
                    if let Some(m) = m {
                        let a = f.again.entry((m.id, Kind::of(*frame))).or_default();
                        match e.actor {
                            Actor::PostOffice => a.by_office += 1,
                            _ => a.by_phone += 1,
                        }
                    }
                }
                What::Resent { auto, .. } => {
                    if let Some(m) = m {
                        if gave_up.contains(&m.id) && resent.insert(m.id) {
                            f.gave_up_then_resent += 1;
                        }
                        let a = f.again.entry((m.id, Kind::Letter)).or_default();
                        match auto {
                            true => a.by_phone += 1,
                            false => a.by_tap += 1,
                        }
                    }
                }
                What::Duplicate => match e.actor {
                    Actor::Phone(u) => *f.copies_at_phones.entry(u).or_default() += 1,
                    _ => f.copies_at_office += 1,
                },
                What::MarkedOffline {
                    user,
                    why: OfflineWhy::Silent,
                } if silent.insert(*user) => f.silent.push(*user),
                What::PostOfficeClosed => f.closed = true,
                What::WaitForConnection => {
                    if let Some(l) = m.and_then(|m| index.get(&m.id)).map(|&i| &mut f.letters[i]) {
                        l.waited_in_phone = true;
                    }
                }
                What::Returned { .. } => {
                    if let Some(l) = m.and_then(|m| index.get(&m.id)).map(|&i| &mut f.letters[i]) {
                        l.returned_at = Some(e.at);
                    }
                }
                What::Lost { .. } => {
                    if let Some(m) = m
                        && gave_up.insert(m.id)
                    {
                        f.gave_up += 1;
                    }
                }
                _ => {}
            }
        }
        f
    }

    /// How many letters were written.
    pub fn written(&self) -> usize {
        self.letters.len()
    }

    /// How many letters stand as `fate` at the end.
    pub fn count(&self, fate: Fate) -> usize {
        self.letters.iter().filter(|l| l.fate() == fate).count()
    }

    /// How many screens showed a letter: each (screen, letter) once.
    pub fn screens(&self) -> usize {
        self.letters.iter().map(|l| l.screens.len()).sum()
    }

    /// Copies still on the offline shelf at the end (a group letter may have
    /// several).
    pub fn copies_on_shelf(&self) -> usize {
        self.letters.iter().map(|l| l.on_shelf.len()).sum()
    }

    /// Frames lost on the way that the story tells, in all.
    pub fn lost_in_all(&self) -> usize {
        self.lost.values().sum()
    }

    /// Frames sent again, in all.
    pub fn again_in_all(&self) -> usize {
        self.again.values().map(Again::total).sum()
    }

    /// Copies recognised by their number, in all.
    pub fn copies(&self) -> usize {
        self.copies_at_office + self.copies_at_phones.values().sum::<usize>()
    }

    /// Each screen's tap-to-screen times, every letter's: the quickest first.
    pub fn delivery_ms(&self) -> Vec<Time> {
        let mut d: Vec<Time> = self
            .letters
            .iter()
            .flat_map(|l| {
                l.screens
                    .iter()
                    .map(|(_, at)| at.saturating_sub(l.letter.written_at))
            })
            .collect();
        d.sort_unstable();
        d
    }

    /// The letter with this id.
    pub fn letter(&self, id: MsgId) -> Option<&Letter> {
        self.letters.iter().find(|l| l.letter.id == id)
    }
}
