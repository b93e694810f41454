//! What everyone can see, read back from the trace, in one place: each phone's
//! screen (its bubbles and their ticks), mailbox and connection; the post office's
//! counter, archive and shelf; and where each letter's envelope is on its way.
//!
//! The expectations of a scene ([`crate::scenario::check`]) and the window's
//! picture both read a [`View`]; it is built by applying trace events one by one,
//! so a view after any event is as cheap as the events before it. Applying an event
//! also says what it moved ([`Moved`]): the envelope or card that travels, from the
//! place it rested to the next, and the parts that light up. Where an envelope rests
//! and where it moves are decided here, together, and nowhere else.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::frame::{Bounce, Dir, Envelope, FrameClass, FrameKind, MsgId};
use super::phone::Status;
use super::trace::{Actor, Event, RegisterChange, What};
use super::world::{Dest, DeviceIdx, DeviceKind, Text, Time, UserIdx};

mod devices;
mod notice;
mod parcel;
mod read;
mod recall;
mod seal;
pub use notice::{App, Notice};
pub use parcel::{ParcelLook, ParcelState, StoreParcel};
pub use read::Seen;
pub use recall::Recall;
pub use seal::OfficeSees;

/// One bubble on a phone's screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Bubble {
    /// The letter it shows: its text and sender are in [`View::letters`].
    pub id: MsgId,
    /// The phone's own letters: the ticks (or the stamp) next to it; a letter from
    /// someone else: [`Status::Received`].
    pub status: Status,
    /// Its number in its conversation, from the post office (`order: PostOffice`),
    /// once this phone knows it; 0 otherwise.
    pub place: u32,
    /// Who read it (issue 25; see `view/read.rs`).
    pub seen: Seen,
    /// Its photo or voice message (issue 26; see `view/parcel.rs`).
    pub parcel: Option<ParcelLook>,
    /// Issue 28: the device holds the letter sealed and cannot open it: the
    /// bubble shows "a letter this phone cannot open", never words (see
    /// `view/seal.rs`).
    pub locked: bool,
}

/// A phone's long connection, as the phone itself sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Connection {
    /// The app is closed (never opened, or logged out).
    #[default]
    Closed,
    /// Dialling the post office (a first login, or reconnecting).
    Connecting,
    Open,
    /// The phone's network is gone (a tunnel): nothing passes.
    NoSignal,
}

/// One device (a phone, or a computer: issue 27), as the class sees it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct PhoneView {
    /// Whose device it is: her letters (written on any of her devices) are on
    /// her side of its chat.
    pub owner: UserIdx,
    /// A phone or a computer.
    pub kind: DeviceKind,
    /// Its owner's main phone (every phone of a scene without other devices).
    pub main: bool,
    /// Its slot among its owner's devices (0: the main phone).
    pub slot: u8,
    /// Its name on the picture, in both languages: its owner's name for the
    /// main phone of a person without other devices, "Han Meimei's computer"
    /// for another device (empty in a view made without the world).
    pub label: Text,
    /// Whether the post office knows it: a main phone always, another device
    /// once it logged in (the post office forwards its owner's letters to it
    /// from then on).
    pub joined: bool,
    /// Letters waiting on the post office's shelf for this device.
    pub on_shelf: u32,
    /// The chat screen, top to bottom.
    pub chat: Vec<Bubble>,
    /// Letters in the phone's local database (its home mailbox).
    pub stored: u32,
    pub connection: Connection,
    /// The post office has this phone marked offline (and has not heard from it
    /// since).
    pub marked_offline: bool,
    /// The post office counter has this phone as online (logged in, not yet
    /// marked offline nor logged out), whatever the phone itself sees.
    pub at_counter: bool,
    /// The phone's dot per friend (`presence:`): (friend, online), sorted; a
    /// person not listed shows no dot lit.
    pub dots: Vec<(UserIdx, bool)>,
    /// Who this phone shows "typing…" for, sorted.
    pub typing: Vec<UserIdx>,
    /// Whether the app is open, closed (the phone on, notifications on the lock
    /// screen) or logged out (issue 24; see `view/notice.rs`).
    pub app: App,
    /// The lock screen's notifications, oldest first (`notifications:` on).
    pub lock_screen: Vec<Notice>,
    /// The chat on the screen: a person's or a group's; `None`: the chat list
    /// (issue 25; every phone starts there).
    pub open_chat: Option<Dest>,
}

impl PhoneView {
    /// Whether this phone's dot for `of` is lit (online).
    pub fn dot(&self, of: UserIdx) -> bool {
        self.dots
            .binary_search_by_key(&of, |d| d.0)
            .is_ok_and(|i| self.dots[i].1)
    }

    /// Whether this phone shows "`by` is typing…".
    pub fn shows_typing(&self, by: UserIdx) -> bool {
        self.typing.binary_search(&by).is_ok()
    }
}

/// The post office, as the class sees it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OfficeView {
    pub open: bool,
    /// Phones the counter has as online.
    pub online: u32,
    /// Letters in the archive.
    pub archived: u32,
    /// Letters on the offline-mail shelf.
    pub shelved: u32,
}

impl Default for OfficeView {
    fn default() -> Self {
        OfficeView {
            open: true,
            online: 0,
            archived: 0,
            shelved: 0,
        }
    }
}

/// One envelope of a letter: the sender's, or the copy on its way to one recipient
/// (a group letter has one per member).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct LetterCopy {
    pub id: MsgId,
    /// `None`: the sender's envelope; `Some(r)`: the copy for recipient `r`.
    pub to: Option<DeviceIdx>,
}

/// Where an envelope rests between two steps, and where things move and light up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    /// On the phone's screen, being written (step 1).
    Screen(DeviceIdx),
    /// In the phone's home mailbox, its local database (steps 2 and 8).
    Mailbox(DeviceIdx),
    /// With the phone's postman, its network module (steps 3 and 7).
    Postman(DeviceIdx),
    /// At the post office counter (step 4; a returned letter on its way back).
    Counter,
    /// At the address register (step 5).
    Register,
    /// At the sorting desk (step 6).
    Sorting,
    /// On the offline-mail shelf.
    Shelf,
    /// The post office's archive (the server database): it lights when a letter is
    /// filed there; no envelope rests in it.
    Archive,
    /// The parcel store (issue 26): photos and voice messages, apart from the
    /// letters. Parts go in and out of it; none rests in it as a token (its
    /// contents are [`View::parcels`]).
    ParcelStore,
    /// On a phone's long connection (only on the way: nothing rests there).
    Wire(DeviceIdx, WireAt),
}

/// A point of a phone's long connection.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WireAt {
    /// The phone's end, at its postman.
    Phone,
    /// Half way.
    Middle,
    /// The post office's end, at its counter.
    Office,
}

/// What travels during an event.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Token {
    /// The letter itself.
    Letter,
    /// ✓: the post office has it.
    Receipt,
    /// ✓✓: the recipient has it.
    Delivered,
    /// ✓: `count` of a group letter's `of` other members have it.
    Partly { count: u32, of: u32 },
    /// The letter going back, stamped with why.
    Returned(Bounce),
    /// A recall: the card asking every holder of a copy of the letter to tear it
    /// up, and the post office's answer to it (see `view/recall.rs`).
    Recall,
    /// A part of a letter's photo or voice message, on a parcel wire: `part` of
    /// `of` (`None`: a part lost on the way, whose number the trace does not
    /// say). See `view/parcel.rs`.
    Part { part: Option<u32>, of: u32 },
}

/// How a journey ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ending {
    /// It reaches `to` and stays (a letter) or disappears there (a card).
    Arrives,
    /// It vanishes on the way (a lost frame).
    Vanishes,
    /// It reaches `to` and is thrown away there (a recognised duplicate).
    Discarded,
}

/// Something that travels during one event: an envelope, or a card about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Move {
    /// The envelope it is (cards: their letter's sender's envelope).
    pub letter: LetterCopy,
    pub token: Token,
    pub from: Place,
    pub to: Place,
    pub ending: Ending,
}

/// What one event moved: at most one thing travels, and up to two parts light up.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Moved {
    pub moving: Option<Move>,
    lit: [Option<Place>; 2],
}

impl Moved {
    /// The parts that light up, in order.
    pub fn lit(&self) -> impl Iterator<Item = Place> + '_ {
        self.lit.iter().flatten().copied()
    }

    fn light(&mut self, place: Place) {
        if let Some(free) = self.lit.iter_mut().find(|p| p.is_none()) {
            *free = Some(place);
        }
    }

    /// `m` travels, and `lit` lights up.
    fn travel(&mut self, m: Move, lit: Place) {
        self.moving = Some(m);
        self.light(lit);
    }
}

/// The part an event about a connection, the register or a letter at the post
/// office lights (the whole picture when nothing travels: a crowd's beat).
pub fn lit_by(e: &Event) -> Option<Place> {
    let me = match e.actor {
        Actor::Phone(u) => Some(u),
        _ => None,
    };
    match &e.what {
        What::LoggedIn { .. } | What::MarkedOffline { .. } => Some(Place::Counter),
        What::Connected | What::LoggedOut | What::ConnectionLost { .. } => me.map(Place::Postman),
        What::LinkDown { user } | What::LinkUp { user } => Some(Place::Postman(*user)),
        What::Register { .. } | What::Return { .. } | What::Verify { .. } => Some(Place::Register),
        What::Receive => Some(Place::Counter),
        What::Forward { .. } | What::Unshelve { .. } => Some(Place::Sorting),
        What::Shelve { .. } => Some(Place::Shelf),
        _ => None,
    }
}

/// Where a letter is kept (stored, not on its way): the copies that last.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Kept {
    /// In its sender's home mailbox (the phone's local database).
    pub sender: bool,
    /// In the post office's archive (the server database).
    pub archive: bool,
    /// On the offline-mail shelf, for these recipients.
    pub shelf: Vec<DeviceIdx>,
    /// In these recipients' home mailboxes.
    pub recipients: Vec<DeviceIdx>,
}

/// Everything on screen after some events of a trace.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct View {
    /// Every letter written so far, by id.
    pub letters: BTreeMap<MsgId, Arc<Envelope>>,
    /// `order: PostOffice`: the number the post office gave each letter it accepted.
    pub numbers: BTreeMap<MsgId, u32>,
    /// One per device, by [`DeviceIdx`]: the main phones (one per registered
    /// person, by [`UserIdx`]), then the other devices, each person's together
    /// (issue 27). The window lists them in [`View::layout`]'s order.
    pub phones: Vec<PhoneView>,
    pub office: OfficeView,
    /// Where each envelope rests; an envelope that is shown (a bubble), given up on
    /// or returned to its sender's screen is in no place.
    pub envelopes: BTreeMap<LetterCopy, Place>,
    /// (phone, letter) → the times it was displayed there (its words: a
    /// sealed letter the phone cannot open, shown locked, is not).
    pub displayed: BTreeMap<(DeviceIdx, MsgId), Vec<Time>>,
    /// People the post office marked offline at least once.
    pub ever_marked_offline: BTreeSet<DeviceIdx>,
    /// Where each letter is kept.
    pub kept: BTreeMap<MsgId, Kept>,
    /// One-shot faults armed and not yet sprung: (phone, direction, which frames).
    pub armed: Vec<(DeviceIdx, Dir, FrameClass)>,
    /// Letters their sender's phone gave up on at some time (❗), whatever became
    /// of them after (sent again, or a late answer).
    pub given_up: BTreeSet<MsgId>,
    /// The push service's held notifications: per phone without signal, the
    /// letter of the latest one (`notifications:` on).
    pub push_held: BTreeMap<DeviceIdx, MsgId>,
    /// Recalled letters (and refused recalls), by letter (see `view/recall.rs`).
    pub recalls: BTreeMap<MsgId, Recall>,
    /// The parcel store's photos and voice messages, by letter (issue 26; see
    /// `view/parcel.rs`).
    pub parcels: BTreeMap<MsgId, StoreParcel>,
    /// (phone, letter) → the times that phone showed the letter's parcel whole.
    pub parcel_shown: BTreeMap<(DeviceIdx, MsgId), Vec<Time>>,
    /// Per phone without signal: its own line as the phone itself has it (as
    /// the signal went, or since: it noticed the line dead, dialled, closed): it
    /// shows that again when the signal is back. A short tunnel the phone never
    /// noticed leaves its line open.
    pub before_tunnel: BTreeMap<DeviceIdx, Connection>,
    /// Issue 28: the letters that travel sealed, with how big they are sealed
    /// (see `view/seal.rs`).
    pub sealed: BTreeMap<MsgId, u32>,
    /// Issue 28: (device, letter) for each letter a device holds sealed and
    /// cannot open.
    pub locked: BTreeSet<(DeviceIdx, MsgId)>,
}

impl View {
    /// The view of `phones` phones before anything happened.
    /// (A scene without other devices: each phone is its owner's main phone,
    /// unnamed; [`View::of`] names them.)
    pub fn new(phones: usize) -> View {
        let phones = (0..phones)
            .map(|i| PhoneView {
                owner: UserIdx(i as u32),
                main: true,
                joined: true,
                ..PhoneView::default()
            })
            .collect();
        View {
            phones,
            ..View::default()
        }
    }

    /// The view of every device of `world` before anything happened, each
    /// named (issue 27).
    pub fn of(world: &super::world::World) -> View {
        let phones = (0..world.device_count() as u32)
            .map(|i| {
                let d = DeviceIdx(i);
                PhoneView {
                    owner: world.owner(d),
                    kind: world.device_kind(d),
                    main: world.is_main(d),
                    slot: world.slot(d),
                    label: Text::new(
                        world.device_name(d, super::world::Lang::En),
                        world.device_name(d, super::world::Lang::Zh),
                    ),
                    joined: world.is_main(d),
                    ..PhoneView::default()
                }
            })
            .collect();
        View {
            phones,
            ..View::default()
        }
    }

    /// The view after all of `events`.
    pub fn from_trace(phones: usize, events: &[Event]) -> View {
        let mut v = View::new(phones);
        for e in events {
            v.apply(e);
        }
        v
    }

    /// The view of `world`'s devices after all of `events` (issue 27).
    pub fn of_trace(world: &super::world::World, events: &[Event]) -> View {
        let mut v = View::of(world);
        for e in events {
            v.apply(e);
        }
        v
    }

    /// The order the window lists the devices in: each person's main phone,
    /// then her other devices beside it (issue 27); every scene without other
    /// devices, `0..phones`.
    pub fn layout(&self) -> Vec<DeviceIdx> {
        let mut order = Vec::with_capacity(self.phones.len());
        for (i, p) in self.phones.iter().enumerate().filter(|(_, p)| p.main) {
            order.push(DeviceIdx(i as u32));
            let others = self.phones.iter().enumerate();
            for (j, _) in others.filter(|(_, q)| !q.main && q.owner == p.owner) {
                order.push(DeviceIdx(j as u32));
            }
        }
        order
    }

    /// A person's devices in this view: her main phone first.
    pub fn devices_of(&self, u: UserIdx) -> impl Iterator<Item = DeviceIdx> + '_ {
        self.phones
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.owner == u)
            .map(|(i, _)| DeviceIdx(i as u32))
    }

    /// The device that wrote letter `id` (issue 27: its slot says which of
    /// its author's).
    pub fn writer(&self, id: MsgId) -> DeviceIdx {
        let main = DeviceIdx(id.from.0);
        if id.slot() == 0 {
            return main;
        }
        self.phones
            .iter()
            .position(|p| p.owner == id.from && p.slot == id.slot())
            .map_or(main, |i| DeviceIdx(i as u32))
    }

    /// The phone's screen and the rest, if `u` is a phone of this view.
    pub fn phone(&self, u: DeviceIdx) -> Option<&PhoneView> {
        self.phones.get(u.index())
    }

    /// What the sender's own bubble of letter `id` shows (on the device that
    /// wrote it).
    pub fn sender_sees(&self, id: MsgId) -> Option<Status> {
        let chat = &self.phone(self.writer(id))?.chat;
        let at = chat.iter().rposition(|b| b.id == id);
        super::work::look(chat.len() - at.unwrap_or(0));
        at.map(|i| chat[i].status)
    }

    /// What the sender's own bubble of every letter shows, as [`View::sender_sees`]
    /// tells of one: one pass over the screens, for a question about every letter.
    pub fn senders_see(&self) -> BTreeMap<MsgId, Status> {
        let mut sees = BTreeMap::new();
        for p in self.phones.iter() {
            let u = p.owner.index();
            // Top to bottom: the last bubble of a letter wins, as in `sender_sees`.
            super::work::look(p.chat.len());
            let slot = p.slot;
            for b in p
                .chat
                .iter()
                .filter(|b| b.id.from.index() == u && b.id.slot() == slot)
            {
                sees.insert(b.id, b.status);
            }
        }
        sees
    }

    /// How many times `to`'s screen showed letter `id`.
    pub fn times_shown(&self, to: DeviceIdx, id: MsgId) -> usize {
        self.displayed.get(&(to, id)).map_or(0, Vec::len)
    }

    /// Letters from `from` (any sender when `None`) whose words pass `words`, oldest
    /// first.
    pub fn find<'a>(
        &'a self,
        from: Option<UserIdx>,
        words: impl Fn(&Text) -> bool + 'a,
    ) -> impl Iterator<Item = MsgId> + 'a {
        self.letters
            .values()
            .filter(move |l| {
                from.is_none_or(|f| l.from() == f) && l.text().is_some_and(|t| words(t))
            })
            .map(|l| l.id)
    }

    fn phone_mut(&mut self, u: DeviceIdx) -> Option<&mut PhoneView> {
        self.phones.get_mut(u.index())
    }

    /// The sender's phone hears its letter's number (with ✓ or ✓✓).
    fn know_place(&mut self, u: DeviceIdx, id: MsgId) {
        let Some(&place) = self.numbers.get(&id) else {
            return;
        };
        if let Some(b) = self
            .phone_mut(u)
            .and_then(|p| p.chat.iter_mut().rev().find(|b| b.id == id))
        {
            b.place = place;
        }
    }

    /// Sets the status of `u`'s own bubble of letter `id`.
    fn set_status(&mut self, u: DeviceIdx, id: MsgId, status: Status) {
        let Some(p) = self.phone_mut(u) else { return };
        // Recent letters are near the bottom of the chat.
        let at = p.chat.iter().rposition(|b| b.id == id);
        super::work::look(p.chat.len() - at.unwrap_or(0));
        if let Some(i) = at {
            p.chat[i].status = status;
        }
    }

    /// `u`'s own bubble of letter `id` moves to line `index` of its chat.
    fn move_bubble(&mut self, u: DeviceIdx, id: MsgId, index: u32) {
        if let Some(p) = self.phone_mut(u)
            && let Some(from) = p.chat.iter().rposition(|b| b.id == id)
        {
            let b = p.chat.remove(from);
            let at = (index as usize).min(p.chat.len());
            p.chat.insert(at, b);
        }
    }

    /// Envelope `copy` now rests at `place` (`None`: nowhere); where it rested before.
    fn rest(&mut self, copy: LetterCopy, place: Option<Place>) -> Option<Place> {
        match place {
            Some(p) => self.envelopes.insert(copy, p),
            None => self.envelopes.remove(&copy),
        }
    }

    /// Envelope `copy` goes from where it rested (or `from`) to `to`, and rests
    /// there (`rest`: or nowhere, shown or given up on).
    fn carry(
        &mut self,
        copy: LetterCopy,
        token: Token,
        from: Place,
        to: Place,
        rest: bool,
    ) -> Move {
        let was = self.rest(copy, rest.then_some(to));
        Move {
            letter: copy,
            token,
            from: was.unwrap_or(from),
            to,
            ending: Ending::Arrives,
        }
    }

    /// The view after one more event, and what the event moved.
    pub fn apply(&mut self, e: &Event) -> Moved {
        let me = match e.actor {
            Actor::Phone(u) => Some(u),
            _ => None,
        };
        let mut moved = Moved::default();
        match (&e.msg, me) {
            (Some(m), Some(u)) => self.letter_at_phone(e, m, u, &mut moved),
            (Some(m), None) => self.letter_at_office(e, m, &mut moved),
            (None, _) => moved.lit = [lit_by(e), None],
        }
        self.presence(e, me);
        self.dots_and_typing(e, me);
        self.notifications(e, me);
        self.reading(e, me);
        self.recalls(e, me, &mut moved);
        self.parcels(e, me, &mut moved);
        self.devices(e, me, &mut moved);
        self.seals(e, me);
        self.faults(e);
        moved
    }

    /// A phone's dots and "typing…" (issue 22).
    fn dots_and_typing(&mut self, e: &Event, me: Option<DeviceIdx>) {
        let Some(p) = me.and_then(|u| self.phones.get_mut(u.index())) else {
            return;
        };
        match e.what {
            What::Dot { of, online } => match p.dots.binary_search_by_key(&of, |d| d.0) {
                Ok(i) => p.dots[i].1 = online,
                Err(i) => p.dots.insert(i, (of, online)),
            },
            What::Typing { by, shown } => match (p.typing.binary_search(&by), shown) {
                (Err(i), true) => p.typing.insert(i, by),
                (Ok(i), false) => {
                    p.typing.remove(i);
                }
                (Ok(_), true) | (Err(_), false) => {}
            },
            _ => {}
        }
    }

    /// Faults armed on a link, and sprung.
    fn faults(&mut self, e: &Event) {
        match e.what {
            What::DropNext { user, toward, what } => self.armed.push((user, toward, what)),
            What::FrameLost {
                user,
                dir,
                frame,
                cause: super::trace::LossCause::Dropped,
                ..
            } => {
                if let Some(i) = self
                    .armed
                    .iter()
                    .position(|&(u, d, c)| u == user && d == dir && c.matches(frame))
                {
                    self.armed.remove(i);
                }
            }
            _ => {}
        }
    }

    fn kept_mut(&mut self, id: MsgId) -> &mut Kept {
        self.kept.entry(id).or_default()
    }

    /// A phone's step of a letter.
    fn letter_at_phone(&mut self, e: &Event, m: &Arc<Envelope>, u: DeviceIdx, moved: &mut Moved) {
        let id = m.id;
        let own = LetterCopy { id, to: None };
        let theirs = LetterCopy { id, to: Some(u) };
        let (screen, mailbox, postman) = (Place::Screen(u), Place::Mailbox(u), Place::Postman(u));
        let card = |token| Move {
            letter: own,
            token,
            from: Place::Counter,
            to: screen,
            ending: Ending::Arrives,
        };
        match e.what {
            What::Edit { index } => {
                self.letters.insert(id, m.clone());
                let parcel = self.new_look(m, u);
                if let Some(p) = self.phone_mut(u) {
                    let at = (index as usize).min(p.chat.len());
                    p.chat.insert(
                        at,
                        Bubble {
                            id,
                            status: Status::Sending,
                            place: 0,
                            seen: Seen::default(),
                            parcel,
                            locked: false,
                        },
                    );
                }
                let travel = self.carry(own, Token::Letter, screen, screen, true);
                moved.travel(travel, screen);
            }
            What::Store => {
                if let Some(p) = self.phone_mut(u) {
                    p.stored += 1;
                }
                self.kept_mut(id).sender = true;
                let travel = self.carry(own, Token::Letter, screen, mailbox, true);
                moved.travel(travel, mailbox);
            }
            What::WaitForConnection | What::Send => {
                let waiting = matches!(e.what, What::WaitForConnection);
                self.set_status(
                    u,
                    id,
                    if waiting {
                        Status::Waiting
                    } else {
                        Status::Sending
                    },
                );
                let travel = self.carry(own, Token::Letter, mailbox, postman, true);
                moved.travel(travel, postman);
            }
            What::Arrive => {
                let travel = self.carry(theirs, Token::Letter, Place::Sorting, postman, true);
                moved.travel(travel, postman);
            }
            What::File => {
                if let Some(p) = self.phone_mut(u) {
                    p.stored += 1;
                }
                self.kept_mut(id).recipients.push(u);
                let travel = self.carry(theirs, Token::Letter, Place::Sorting, mailbox, true);
                moved.travel(travel, mailbox);
            }
            What::Display { index, .. } => {
                let parcel = self.new_look(m, u);
                if let Some(p) = self.phone_mut(u) {
                    let at = (index as usize).min(p.chat.len());
                    p.chat.insert(
                        at,
                        Bubble {
                            id,
                            status: Status::Received,
                            place: m.place,
                            seen: Seen::default(),
                            parcel,
                            locked: m.sealed().is_some(),
                        },
                    );
                }
                // Issue 28: a locked bubble shows no words: not displayed.
                if m.sealed().is_none() {
                    self.displayed.entry((u, id)).or_default().push(e.at);
                }
                // Shown: from now on the bubble is the letter.
                let travel = self.carry(theirs, Token::Letter, Place::Sorting, screen, false);
                moved.travel(travel, screen);
            }
            What::HeldBack { .. } => {
                self.set_status(u, id, Status::Waiting);
                moved.light(mailbox);
            }
            What::Reordered { from, to, .. } => {
                if let Some(p) = self.phone_mut(u)
                    && (from as usize) < p.chat.len()
                {
                    let b = p.chat.remove(from as usize);
                    let at = (to as usize).min(p.chat.len());
                    p.chat.insert(at, b);
                }
                self.know_place(u, id);
                moved.light(screen);
            }
            What::Receipt => {
                self.set_status(u, id, Status::Posted);
                self.know_place(u, id);
                moved.travel(card(Token::Receipt), screen);
            }
            What::Delivered { count, of } => {
                self.set_status(u, id, Status::Delivered { count, of });
                self.know_place(u, id);
                // The card says what the bubble will: ✓✓ only when all have it.
                let token = if count >= of {
                    Token::Delivered
                } else {
                    Token::Partly { count, of }
                };
                moved.travel(card(token), screen);
            }
            What::Returned { reason } => {
                self.set_status(u, id, Status::Returned(reason));
                let travel =
                    self.carry(own, Token::Returned(reason), Place::Counter, screen, false);
                moved.travel(travel, screen);
            }
            What::Lost { .. } => {
                self.set_status(u, id, Status::Lost);
                self.given_up.insert(id);
                self.rest(own, None);
                moved.light(screen);
            }
            What::Resent { index, .. } => {
                // ❗ tapped (or the phone by itself): the letter goes again from
                // the home mailbox (its `send`, `held_back` or
                // `wait_for_connection` follows and carries it from there); its
                // bubble moves to line `index` (the bottom, with numbers).
                self.set_status(u, id, Status::Sending);
                self.move_bubble(u, id, index);
                moved.light(screen);
            }
            _ => on_the_wire(e, m, self.writer(m.id), Some(u), moved),
        }
    }

    /// The post office's step of a letter.
    fn letter_at_office(&mut self, e: &Event, m: &Arc<Envelope>, moved: &mut Moved) {
        let id = m.id;
        let own = LetterCopy { id, to: None };
        let copy_for = |to: DeviceIdx| LetterCopy { id, to: Some(to) };
        match e.what {
            What::Receive => {
                let travel = self.carry(
                    own,
                    Token::Letter,
                    Place::Postman(self.writer(m.id)),
                    Place::Counter,
                    true,
                );
                moved.travel(travel, Place::Counter);
            }
            What::Verify { archived } => {
                self.office.archived = archived;
                self.kept_mut(id).archive = true;
                let travel = self.carry(own, Token::Letter, Place::Counter, Place::Register, true);
                moved.travel(travel, Place::Register);
                moved.light(Place::Archive);
            }
            What::Numbered { number } => {
                self.numbers.insert(id, number);
                moved.light(Place::Archive);
            }
            What::Return { reason } => {
                self.rest(own, Some(Place::Counter));
                let travel = Move {
                    letter: own,
                    token: Token::Returned(reason),
                    from: Place::Register,
                    to: Place::Counter,
                    ending: Ending::Arrives,
                };
                moved.travel(travel, Place::Register);
                moved.light(Place::Counter);
            }
            What::Forward { to } => {
                let was = self.rest(own, None);
                self.rest(copy_for(to), Some(Place::Sorting));
                let travel = Move {
                    letter: copy_for(to),
                    token: Token::Letter,
                    from: was.unwrap_or(Place::Register),
                    to: Place::Sorting,
                    ending: Ending::Arrives,
                };
                moved.travel(travel, Place::Sorting);
            }
            What::Shelve { to, .. } => {
                let was = self.rest(own, None);
                // The copy comes from where it rested, else from where the letter did.
                let from = self.rest(copy_for(to), Some(Place::Shelf)).or(was);
                let travel = Move {
                    letter: copy_for(to),
                    token: Token::Letter,
                    from: from.unwrap_or(Place::Sorting),
                    to: Place::Shelf,
                    ending: Ending::Arrives,
                };
                moved.travel(travel, Place::Shelf);
                self.office.shelved += 1;
                if let Some(p) = self.phone_mut(to) {
                    p.on_shelf += 1;
                }
                self.kept_mut(id).shelf.push(to);
            }
            What::Unshelve { to } => {
                let travel = self.carry(
                    copy_for(to),
                    Token::Letter,
                    Place::Shelf,
                    Place::Sorting,
                    true,
                );
                moved.travel(travel, Place::Sorting);
                moved.light(Place::Shelf);
                self.office.shelved = self.office.shelved.saturating_sub(1);
                if let Some(p) = self.phone_mut(to) {
                    p.on_shelf = p.on_shelf.saturating_sub(1);
                }
                self.kept_mut(id).shelf.retain(|&r| r != to);
            }
            What::OffTheShelf { by, .. } => {
                self.rest(copy_for(by), None);
                moved.lit = [Some(Place::Shelf), Some(Place::Counter)];
                self.office.shelved = self.office.shelved.saturating_sub(1);
                if let Some(p) = self.phone_mut(by) {
                    p.on_shelf = p.on_shelf.saturating_sub(1);
                }
                self.kept_mut(id).shelf.retain(|&r| r != by);
            }
            What::Duplicate => {
                // A letter sent again by a tap rested at its postman (`send`): the
                // counter takes it from there and throws the copy away.
                let was = self.rest(own, None);
                on_the_wire(e, m, self.writer(m.id), None, moved);
                if let (Some(was), Some(m)) = (was, moved.moving.as_mut()) {
                    m.from = was;
                }
            }
            _ => on_the_wire(e, m, self.writer(m.id), None, moved),
        }
    }

    /// Who is connected, and whether the post office is open.
    fn presence(&mut self, e: &Event, me: Option<DeviceIdx>) {
        let set = |v: &mut View, u: DeviceIdx, c: Connection| {
            if let Some(p) = v.phone_mut(u) {
                p.connection = c;
            }
        };
        let signal = |v: &View, u: DeviceIdx| {
            v.phone(u)
                .is_some_and(|p| p.connection != Connection::NoSignal)
        };
        match e.what {
            What::LoginStart | What::AppOpened { .. } | What::ConnectionLost { .. } => {
                if let Some(u) = me {
                    match signal(self, u) {
                        true => set(self, u, Connection::Connecting),
                        // Without signal: it dials when the signal is back.
                        false => {
                            self.before_tunnel.insert(u, Connection::Connecting);
                        }
                    }
                }
            }
            What::Connected => {
                if let Some(u) = me {
                    set(self, u, Connection::Open);
                }
            }
            What::LoggedOut => {
                if let Some(u) = me {
                    set(self, u, Connection::Closed);
                    if let Some(p) = self.phone_mut(u) {
                        p.at_counter = false;
                    }
                }
            }
            What::LoggedIn { user } => {
                if let Some(p) = self.phone_mut(user) {
                    p.marked_offline = false;
                    p.at_counter = true;
                    p.joined = true;
                }
                self.office.online += 1;
            }
            What::MarkedOffline { user, .. } => {
                if let Some(p) = self.phone_mut(user) {
                    p.marked_offline = true;
                    p.at_counter = false;
                }
                self.ever_marked_offline.insert(user);
                self.office.online = self.office.online.saturating_sub(1);
            }
            What::LinkDown { user } => {
                if let Some(p) = self.phone(user)
                    && p.connection != Connection::NoSignal
                {
                    self.before_tunnel.insert(user, p.connection);
                }
                set(self, user, Connection::NoSignal);
            }
            What::LinkUp { user } => {
                let was = self.before_tunnel.remove(&user);
                let now = self.phone(user).map(|p| p.connection);
                // Its line as the phone has it: still open when it never noticed
                // the silence, closed when it was closed meanwhile, else dialling.
                let back = match (now, was) {
                    (Some(Connection::NoSignal), Some(Connection::Open)) => Connection::Open,
                    (Some(Connection::NoSignal), _) => Connection::Connecting,
                    (Some(other), _) => other,
                    (None, _) => Connection::Connecting,
                };
                set(self, user, back);
            }
            What::PostOfficeClosed => {
                self.office.open = false;
                for p in &mut self.phones {
                    if p.connection == Connection::Open {
                        p.connection = Connection::Connecting;
                    }
                }
            }
            What::PostOfficeOpened => self.office.open = true,
            _ => {}
        }
    }
}

/// What travels or lights up for a letter's event that changes no place: a frame
/// sent again, recognised twice or lost on a wire; the news of a delivery.
fn on_the_wire(
    e: &Event,
    m: &Envelope,
    writer: DeviceIdx,
    me: Option<DeviceIdx>,
    moved: &mut Moved,
) {
    let own = LetterCopy { id: m.id, to: None };
    let copy_for = |u: DeviceIdx| LetterCopy {
        id: m.id,
        to: Some(u),
    };
    let letter = |letter, from, to, ending| Move {
        letter,
        token: Token::Letter,
        from,
        to,
        ending,
    };
    let wire = |u, at| Place::Wire(u, at);
    match e.what {
        What::Retry { frame, to, .. } => match (frame, to, me) {
            // The same letter goes out again: on its way, not resting anywhere.
            (FrameKind::MsgR, _, Some(u)) => moved.travel(
                letter(
                    own,
                    Place::Postman(u),
                    wire(u, WireAt::Middle),
                    Ending::Arrives,
                ),
                Place::Postman(u),
            ),
            (FrameKind::MsgN, Some(t), _) => moved.travel(
                letter(
                    copy_for(t),
                    Place::Sorting,
                    wire(t, WireAt::Middle),
                    Ending::Arrives,
                ),
                Place::Sorting,
            ),
            (_, _, Some(u)) => moved.light(Place::Postman(u)),
            _ => moved.light(Place::Counter),
        },
        What::Duplicate => match me {
            Some(u) => moved.travel(
                letter(
                    copy_for(u),
                    wire(u, WireAt::Office),
                    Place::Postman(u),
                    Ending::Discarded,
                ),
                Place::Postman(u),
            ),
            None => moved.travel(
                letter(
                    own,
                    wire(writer, WireAt::Phone),
                    Place::Counter,
                    Ending::Discarded,
                ),
                Place::Counter,
            ),
        },
        What::NewsKept { .. } | What::NewsHandedOver { .. } => moved.light(Place::Counter),
        What::Acknowledged { device, .. } => moved.travel(
            Move {
                token: Token::Delivered,
                ..letter(own, Place::Postman(device), Place::Counter, Ending::Arrives)
            },
            Place::Counter,
        ),
        What::FrameLost {
            user, dir, frame, ..
        } => {
            // A frame about a letter vanishes on its wire.
            if frame.is_mail() {
                let (phone, office) = (wire(user, WireAt::Phone), wire(user, WireAt::Office));
                let (from, to) = match dir {
                    Dir::ToServer => (phone, office),
                    Dir::ToPhone => (office, phone),
                };
                let token = match frame {
                    FrameKind::MsgA => Token::Receipt,
                    FrameKind::AckR | FrameKind::AckA | FrameKind::AckN | FrameKind::AckC => {
                        Token::Delivered
                    }
                    _ => Token::Letter,
                };
                moved.moving = Some(Move {
                    token,
                    ..letter(own, from, to, Ending::Vanishes)
                });
            }
        }
        _ => moved.lit = [lit_by(e), None],
    }
}

/// Who is friends with whom, and who blocks whom: a scene's register with the
/// changes the trace made to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    /// Pairs of friends, the lower index first.
    pub friends: BTreeSet<(UserIdx, UserIdx)>,
    /// (who blocks, whom).
    pub blocks: BTreeSet<(UserIdx, UserIdx)>,
}

impl Register {
    /// The register of a scene with these `friends` and `blocks`, after `events`.
    pub fn after(
        friends: &[(UserIdx, UserIdx)],
        blocks: &[(UserIdx, UserIdx)],
        events: &[Event],
    ) -> Register {
        let mut r = Register {
            friends: friends.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect(),
            blocks: blocks.iter().copied().collect(),
        };
        for e in events {
            if let What::Register { change, a, b } = e.what {
                let pair = (a.min(b), a.max(b));
                match change {
                    RegisterChange::Befriend => {
                        r.friends.insert(pair);
                    }
                    RegisterChange::Unfriend => {
                        r.friends.remove(&pair);
                    }
                    RegisterChange::Block => {
                        r.blocks.insert((a, b));
                    }
                    RegisterChange::Unblock => {
                        r.blocks.remove(&(a, b));
                    }
                }
            }
        }
        r
    }

    /// Whether `a` and `b` are friends.
    pub fn friends(&self, a: UserIdx, b: UserIdx) -> bool {
        self.friends.contains(&(a.min(b), a.max(b)))
    }
}
