//! The post office (the IM server): the counter (long-connection service: who is
//! online, their heartbeats), the address register (user service: who exists, who
//! is friends, who blocks whom, the groups), the archive (server database), the
//! sorting desk (forwarding, with retries), the offline-mail shelf, and the news of
//! deliveries it owes each sender (`ack:N`, kept until the sender confirms it).
//!
//! A sans-IO state machine like [`super::phone::Phone`].

use std::collections::{BTreeMap, BTreeSet, TryReserveError};
use std::sync::Arc;

use super::effects::{Out, ServerTimer, Timer};
use super::frame::{Bounce, Envelope, Frame, FrameKind, MsgId};
use super::fxhash::FxHashSet;
use super::membership::Members;
use super::trace::{Actor, OfflineWhy, RegisterChange, ShelfWhy, What};
use super::try_filled;
use super::world::{Dest, DeviceIdx, GroupIdx, Order, Settings, Shelf, Time, UserIdx, World};

mod devices;
mod notify;
mod parcel;
mod read;
mod recall;
pub use parcel::{Held, ParcelStore};
pub use recall::Recalls;

/// What the post office decided about a letter, remembered by id so that a re-sent
/// copy gets the same answer and is never forwarded twice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Accepted { recipients: u32 },
    Returned(Bounce),
}

/// What the post office remembers of one letter: its verdict, and (for a letter to
/// one person) whether the recipient has acknowledged it.
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Record {
    verdict: Option<Verdict>,
    delivered: bool,
    /// Its number in the archive (from 1), once accepted.
    archived: u32,
    /// When it was accepted (step 5): a recall's limit counts from here.
    accepted_at: Time,
}

impl Record {
    /// An accepted letter to one recipient: its record notes the delivery itself.
    fn for_one(&self) -> bool {
        matches!(self.verdict, Some(Verdict::Accepted { recipients: 1 }))
    }
}

/// The counter's record of one phone's long connection.
#[derive(Clone, Copy, Default, Debug)]
pub struct Session {
    pub online: bool,
    /// When the phone was last heard from.
    pub last_seen: Time,
    /// When the post office last marked it online or offline.
    pub changed_at: Time,
    /// When its last login arrived (also one taken while the post office still
    /// held it for online: its phone starts a new line then, knowing no dot).
    pub logged_in_at: Time,
    silence_gen: u32,
    /// How many letters wait on the shelf for this phone (kept here, beside what a
    /// heartbeat touches anyway).
    shelved: u32,
    /// How many pieces of delivery news wait for this phone as a sender (not on
    /// their way: it was offline, or did not answer).
    news_kept: u32,
    /// Whether the post office forwards its owner's letters to it (issue 27): a
    /// main phone always; another device from its first login on.
    pub joined: bool,
}

/// A letter sent down a recipient's connection and not yet acknowledged.
#[derive(Clone, Debug)]
struct Forwarding {
    env: Arc<Envelope>,
    archived: u32,
    last_sent: Time,
    retries: u32,
}

/// The news that a recipient has a letter (`ack:N`), owed to the letter's sender
/// until it confirms it (`ack:C`): sent, re-sent while there is no answer, and kept
/// for the sender's next login or heartbeat when it is offline or silent.
#[derive(Clone, Copy, Debug)]
struct News {
    recipients: u32,
    /// On its way to the sender; otherwise kept until the sender is heard from.
    sent: bool,
    last_sent: Time,
    retries: u32,
}

#[derive(Clone, Debug)]
pub struct PostOffice {
    world: Arc<World>,
    pub open: bool,
    /// One per device (issue 27): per registered person's main phone, then the
    /// other devices.
    pub sessions: Vec<Session>,
    /// Each person's friends, sorted.
    pub(super) friends: Vec<Vec<UserIdx>>,
    /// (blocker, blocked)
    blocks: FxHashSet<(UserIdx, UserIdx)>,
    /// Every accepted letter, in the order it was accepted.
    pub archive: Vec<Arc<Envelope>>,
    /// Per writing device, by running number (`MsgId::count` − 1): a letter's
    /// record. Running numbers are dense, so this is a short array per phone
    /// instead of one large hash table (a large run looks a letter up three times).
    pub(super) records: Vec<Vec<Record>>,
    /// (letter, recipient) pairs whose `ack:R` has arrived, for letters to more than
    /// one recipient (the others say so in their [`Record`]). A recipient is a
    /// person: the first of her devices to acknowledge makes the news.
    delivered: FxHashSet<(MsgId, UserIdx)>,
    /// By (recipient's device, letter): a device's letters are one range.
    forwarding: BTreeMap<(DeviceIdx, MsgId), Forwarding>,
    /// By (letter, recipient who has it). A letter's id starts with its sender, so
    /// a sender's news is one range; it goes to the device that wrote the letter.
    news: BTreeMap<(MsgId, UserIdx), News>,
    /// Per device: letters waiting for it, by archive number.
    shelf: Vec<Vec<(u32, Arc<Envelope>)>>,
    /// `keeps_history: true`: the archive's letters sent to a device that joined,
    /// until it answers `hist:A` (issue 27).
    history: BTreeMap<DeviceIdx, History>,
    check_armed: bool,
    /// `order: PostOffice`: the last number given in each conversation.
    numbered: BTreeMap<Conversation, u32>,
    /// `presence: Push`: tell friends when someone is marked online or offline.
    pub push: bool,
    /// The last time someone was marked online or offline, or logged in (a phone
    /// that logs in starts knowing no dot): a run with dots goes on until the news
    /// of it can have reached every phone ([`super::Sim`]'s end of the quiet).
    pub presence_moved_at: Time,
    /// Who is in each group now (`Join` and `Leave` change it).
    pub members: Members,
    /// `notifications:` on: a letter shelved for a registered phone whose line is
    /// gone goes to the push service as a notification (see `post_office/notify.rs`).
    pub notifications: bool,
    /// Phones registered for notifications: each gave its device token as it
    /// logged in, and takes it back only by logging out (closing the app keeps it).
    pub registered: BTreeSet<DeviceIdx>,
    /// Read receipts passed on to writers (issue 25; see `post_office/read.rs`).
    reads: read::Reads,
    /// Recalls: decided, on their way to addressees, waiting on the shelf
    /// (see `post_office/recall.rs`).
    pub recalls: Recalls,
    /// The parcel store: photos and voice messages (issue 26; see
    /// `post_office/parcel.rs`).
    pub parcels: ParcelStore,
}

/// A conversation as the post office sees it: two people (the lower index first),
/// or a group.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Conversation {
    Pair(UserIdx, UserIdx),
    Group(super::world::GroupIdx),
}

impl Conversation {
    fn of(env: &Envelope) -> Conversation {
        match env.to {
            Dest::User(to) => {
                let from = env.from();
                Conversation::Pair(from.min(to), from.max(to))
            }
            Dest::Group(g) => Conversation::Group(g),
        }
    }
}

/// The archive's letters on their way to a device that joined (`hist:N`).
#[derive(Clone, Debug)]
struct History {
    letters: Arc<[Arc<Envelope>]>,
    last_sent: Time,
    retries: u32,
    /// On its way; otherwise kept for the device's next login or heartbeat.
    sent: bool,
}

/// A person's devices the post office forwards to: her main phone, then the
/// others that joined.
pub type Joined = std::iter::Chain<std::iter::Once<DeviceIdx>, std::vec::IntoIter<DeviceIdx>>;

impl PostOffice {
    /// A post office for everyone in `world`, or an error when there is not memory
    /// enough for its tables (a very large run).
    pub fn try_new(world: Arc<World>) -> Result<Self, TryReserveError> {
        let people = world.people.len();
        let devices = world.device_count();
        let main = Session {
            joined: true,
            ..Session::default()
        };
        let mut sessions = try_filled(devices, main)?;
        for s in sessions.iter_mut().skip(world.phones()) {
            s.joined = false;
        }
        Ok(PostOffice {
            open: true,
            sessions,
            friends: try_filled(people, Vec::new())?,
            blocks: Default::default(),
            archive: Vec::new(),
            records: try_filled(devices, Vec::new())?,
            delivered: Default::default(),
            forwarding: BTreeMap::new(),
            news: BTreeMap::new(),
            shelf: try_filled(people.max(devices), Vec::new())?,
            history: BTreeMap::new(),
            check_armed: false,
            numbered: BTreeMap::new(),
            push: false,
            presence_moved_at: 0,
            members: Members::of(&world),
            notifications: false,
            registered: BTreeSet::new(),
            reads: read::Reads::default(),
            recalls: Recalls::default(),
            parcels: ParcelStore::default(),
            world,
        })
    }

    pub fn friends_of(&self, u: UserIdx) -> &[UserIdx] {
        &self.friends[u.index()]
    }

    pub fn are_friends(&self, a: UserIdx, b: UserIdx) -> bool {
        self.friends[a.index()].binary_search(&b).is_ok()
    }

    pub fn blocks(&self, blocker: UserIdx, blocked: UserIdx) -> bool {
        self.blocks.contains(&(blocker, blocked))
    }

    /// `u`'s devices the post office forwards her letters to: her main phone,
    /// and each other one that logged in at least once (issue 27).
    pub fn joined_of(&self, u: UserIdx) -> Joined {
        let extra: Vec<DeviceIdx> = match self.world.has_devices() {
            true => self
                .world
                .devices_of(u)
                .skip(1)
                .filter(|d| self.sessions.get(d.index()).is_some_and(|s| s.joined))
                .collect(),
            false => Vec::new(),
        };
        std::iter::once(DeviceIdx::main(u)).chain(extra)
    }

    /// When the post office last marked one of `u`'s devices online or offline
    /// (0 if never).
    pub fn changed_at(&self, u: UserIdx) -> Time {
        self.joined_of(u)
            .filter_map(|d| self.sessions.get(d.index()).map(|s| s.changed_at))
            .max()
            .unwrap_or(0)
    }

    /// When device `d`'s last login arrived at the post office (0 if none has).
    pub fn logged_in_at(&self, d: DeviceIdx) -> Time {
        self.sessions.get(d.index()).map_or(0, |s| s.logged_in_at)
    }

    /// Whether a person is online: one of her devices is (issue 27).
    pub fn is_online(&self, u: UserIdx) -> bool {
        self.joined_of(u).any(|d| self.device_online(d))
    }

    /// Whether the counter holds device `d` for online.
    pub fn device_online(&self, d: DeviceIdx) -> bool {
        self.sessions.get(d.index()).is_some_and(|s| s.online)
    }

    /// Whose device `d` is.
    fn owner(&self, d: DeviceIdx) -> UserIdx {
        self.world.owner(d)
    }

    /// The device that wrote letter `id`: its receipts and news go there.
    fn writer(&self, id: MsgId) -> DeviceIdx {
        self.world.writer(id)
    }

    /// Whether `a` may see `b`'s dot: friends, and neither blocks the other.
    pub fn sees_dot(&self, a: UserIdx, b: UserIdx) -> bool {
        self.are_friends(a, b) && !self.blocks(a, b) && !self.blocks(b, a)
    }

    /// What `a`'s dot for `b` should show: online only where `a` may see it.
    pub fn dot_for(&self, a: UserIdx, b: UserIdx) -> bool {
        self.sees_dot(a, b) && self.is_online(b)
    }

    /// Every friend of `u` with the dot `u` should see for them.
    fn dots_of(&self, u: UserIdx) -> Arc<[(UserIdx, bool)]> {
        self.friends_of(u)
            .iter()
            .map(|&f| (f, self.dot_for(u, f)))
            .collect()
    }

    /// `presence: Push`: `u` was marked online or offline; tell each online friend
    /// who may see its dot. (As it logs in, `u` itself is told about all its
    /// friends: [`Self::push_all_dots`].)
    fn push_presence(&self, u: UserIdx, online: bool, out: &mut Out) {
        if !self.push {
            return;
        }
        let dots: Arc<[(UserIdx, bool)]> = Arc::from([(u, online)]);
        for &f in self.friends_of(u) {
            if self.sees_dot(f, u) {
                for d in self.joined_of(f).filter(|&d| self.device_online(d)) {
                    let dots = dots.clone();
                    out.send(d, Frame::Presence { dots, full: false });
                }
            }
        }
    }

    /// `presence: Push`: `u` has just logged in — on a new long connection, so its
    /// phone starts knowing nothing — and is told the state of all its friends.
    /// Every login, also one the post office takes while it still holds `u` for
    /// online (the phone lost its line, the post office has not yet noticed).
    fn push_all_dots(&self, d: DeviceIdx, out: &mut Out) {
        if self.push {
            let dots = self.dots_of(self.owner(d));
            out.send(d, Frame::Presence { dots, full: true });
        }
    }

    /// The scene switches to `presence: Push` (or away from it): from a switch on,
    /// every online phone is told the state of all its friends.
    pub fn set_push(&mut self, push: bool, out: &mut Out) {
        let was = std::mem::replace(&mut self.push, push);
        if push && !was {
            for i in 0..self.sessions.len() {
                let d = DeviceIdx(i as u32);
                if self.device_online(d) {
                    let dots = self.dots_of(self.owner(d));
                    out.send(d, Frame::Presence { dots, full: true });
                }
            }
        }
    }

    /// A phone's "typing…" notice, passed on as a letter would be (friends, not
    /// blocked by the recipient), and only if the recipient is online: never kept.
    fn pass_typing(&self, from: UserIdx, to: UserIdx, on: bool, out: &mut Out) {
        let may = self
            .world
            .people
            .get(to.index())
            .is_some_and(|p| p.registered)
            && self.are_friends(from, to)
            && !self.blocks(to, from);
        if may {
            for d in self.joined_of(to).filter(|&d| self.device_online(d)) {
                out.send(d, Frame::Typing { peer: from, on });
            }
        }
    }

    /// Letters on the offline-mail shelf for device `d`, oldest first.
    pub fn shelf(&self, d: DeviceIdx) -> impl Iterator<Item = &Arc<Envelope>> {
        self.shelf[d.index()].iter().map(|(_, e)| e)
    }

    /// How many letters wait on the offline-mail shelf, for everyone.
    pub fn shelved(&self) -> usize {
        self.shelf.iter().map(Vec::len).sum()
    }

    /// Letters forwarded and not yet acknowledged.
    pub fn forwarding(&self) -> usize {
        self.forwarding.len()
    }

    /// Pieces of delivery news the post office still owes senders (sent and not yet
    /// confirmed, or kept for a sender who is away).
    pub fn news_owed(&self) -> usize {
        self.news.len()
    }

    pub fn verdict(&self, id: MsgId) -> Option<Verdict> {
        self.record(id).and_then(|r| r.verdict)
    }

    fn record(&self, id: MsgId) -> Option<&Record> {
        self.records
            .get(self.writer(id).index())?
            .get(id.count().checked_sub(1)? as usize)
    }

    fn record_mut(&mut self, id: MsgId) -> Option<&mut Record> {
        let writer = self.writer(id);
        let records = self.records.get_mut(writer.index())?;
        let i = id.count().checked_sub(1)? as usize;
        if records.len() <= i {
            records.resize(i + 1, Record::default());
        }
        records.get_mut(i)
    }

    fn set_verdict(&mut self, id: MsgId, verdict: Verdict) {
        if let Some(r) = self.record_mut(id) {
            r.verdict = Some(verdict);
        }
    }

    /// Notes that `by` acknowledged letter `id`: whether that is news.
    fn note_delivered(&mut self, id: MsgId, by: UserIdx) -> bool {
        match self.record_mut(id) {
            Some(r) if r.for_one() => !std::mem::replace(&mut r.delivered, true),
            _ => self.delivered.insert((id, by)),
        }
    }

    // ---- the address register ----

    /// Changes the register without telling the story (setting up a scene).
    pub fn set_register(&mut self, change: RegisterChange, a: UserIdx, b: UserIdx) {
        match change {
            RegisterChange::Befriend => {
                for (x, y) in [(a, b), (b, a)] {
                    let list = &mut self.friends[x.index()];
                    if let Err(i) = list.binary_search(&y) {
                        list.insert(i, y);
                    }
                }
            }
            RegisterChange::Unfriend => {
                for (x, y) in [(a, b), (b, a)] {
                    let list = &mut self.friends[x.index()];
                    if let Ok(i) = list.binary_search(&y) {
                        list.remove(i);
                    }
                }
            }
            RegisterChange::Block => {
                self.blocks.insert((a, b));
            }
            RegisterChange::Unblock => {
                self.blocks.remove(&(a, b));
            }
        }
    }

    pub fn change_register(
        &mut self,
        now: Time,
        change: RegisterChange,
        a: UserIdx,
        b: UserIdx,
        out: &mut Out,
    ) {
        self.set_register(change, a, b);
        out.note(
            now,
            Actor::PostOffice,
            None,
            What::Register { change, a, b },
        );
        if self.push {
            for (x, y) in [(a, b), (b, a)] {
                for d in self.joined_of(x).filter(|&d| self.device_online(d)) {
                    let dots: Arc<[(UserIdx, bool)]> = Arc::from([(y, self.dot_for(x, y))]);
                    out.send(d, Frame::Presence { dots, full: false });
                }
            }
        }
    }

    /// `Join` (`join`) or `Leave`: the group register changes, told in the trace;
    /// a join of a member (a leave of someone who is not one) changes nothing.
    pub fn change_members(
        &mut self,
        now: Time,
        user: UserIdx,
        group: GroupIdx,
        join: bool,
        out: &mut Out,
    ) {
        let changed = match join {
            true => self.members.join(group, user),
            false => self.members.leave(group, user),
        };
        if changed {
            let what = match join {
                true => What::Joined { user, group },
                false => What::Left { user, group },
            };
            out.note(now, Actor::PostOffice, None, what);
        }
    }

    /// The checks of step 5, in the article's order.
    fn check(&self, env: &Envelope) -> Result<u32, Bounce> {
        let from = env.from();
        match env.to {
            Dest::User(to) => {
                if !self.world.person(to).registered {
                    Err(Bounce::UnknownUser)
                } else if !self.are_friends(from, to) {
                    Err(Bounce::NotFriends)
                } else if self.blocks(to, from) {
                    Err(Bounce::Blocked)
                } else {
                    Ok(1)
                }
            }
            Dest::Group(g) => {
                // The members now: the acceptance fixes the addressees.
                let members = self.members.members(g);
                if members.contains(&from) {
                    Ok(members.len() as u32 - 1)
                } else {
                    Err(Bounce::NotInGroup)
                }
            }
        }
    }

    // ---- opening hours ----

    /// Closing time: every connection is closed; the archive and the shelf stay.
    pub fn close(&mut self, now: Time, out: &mut Out) {
        if !self.open {
            return;
        }
        self.open = false;
        out.note(now, Actor::PostOffice, None, What::PostOfficeClosed);
        // Everyone goes offline at once: no one is left online to tell (each phone
        // learns its friends' dots again as it logs back in).
        let push = std::mem::replace(&mut self.push, false);
        for i in 0..self.sessions.len() {
            let d = DeviceIdx(i as u32);
            if self.sessions[i].online {
                out.send(d, Frame::Closing);
                self.mark_offline(now, d, OfflineWhy::Closed, out);
            }
        }
        self.push = push;
    }

    pub fn reopen(&mut self, now: Time, out: &mut Out) {
        if !self.open {
            self.open = true;
            out.note(now, Actor::PostOffice, None, What::PostOfficeOpened);
        }
    }

    fn mark_offline(&mut self, now: Time, d: DeviceIdx, why: OfflineWhy, out: &mut Out) {
        self.presence_moved_at = now;
        let session = &mut self.sessions[d.index()];
        session.online = false;
        session.changed_at = now;
        session.silence_gen += 1;
        out.note(
            now,
            Actor::PostOffice,
            None,
            What::MarkedOffline { user: d, why },
        );
        // A person is offline when none of her devices is online.
        let u = self.owner(d);
        if !self.is_online(u) {
            self.push_presence(u, false, out);
        }
        // Letters on their way to this phone go onto the shelf.
        let gone: Vec<(DeviceIdx, MsgId)> = self
            .forwarding
            .range(letters_to(d))
            .map(|(k, _)| *k)
            .collect();
        for key in gone {
            if let Some(f) = self.forwarding.remove(&key) {
                self.shelve(now, f.env, d, f.archived, ShelfWhy::WentOffline, out);
            }
        }
        // News on its way to this phone is kept for its return.
        let mut kept = 0;
        let world = self.world.clone();
        for (&(id, _), news) in self.news.range_mut(news_for(u)) {
            if world.writer(id) == d && std::mem::replace(&mut news.sent, false) {
                kept += 1;
            }
        }
        self.sessions[d.index()].news_kept += kept;
        self.keep_reads(d);
        self.keep_history(d);
    }

    fn shelve(
        &mut self,
        now: Time,
        env: Arc<Envelope>,
        to: DeviceIdx,
        archived: u32,
        why: ShelfWhy,
        out: &mut Out,
    ) {
        out.note(now, Actor::PostOffice, Some(&env), What::Shelve { to, why });
        let shelf = &mut self.shelf[to.index()];
        let at = shelf.partition_point(|(n, _)| *n < archived);
        shelf.insert(at, (archived, env.clone()));
        self.sessions[to.index()].shelved = shelf.len() as u32;
        self.notify(now, &env, to, out);
    }

    // ---- frames ----

    pub fn on_frame(
        &mut self,
        now: Time,
        from: DeviceIdx,
        frame: Frame,
        s: &Settings,
        out: &mut Out,
    ) {
        // The parcel store's own wire: no session at the counter needed.
        if frame.kind().on_parcel_wire() {
            return self.on_parcel_frame(now, from, frame, s, out);
        }
        let session = &mut self.sessions[from.index()];
        match frame {
            Frame::Login => {
                self.presence_moved_at = now;
                let person = self.owner(from);
                let person_was_online = self.is_online(person);
                let session = &mut self.sessions[from.index()];
                session.logged_in_at = now;
                let was_online = session.online;
                let joins = !session.joined;
                session.joined = true;
                if self.notifications {
                    self.registered.insert(from);
                }
                session.online = true;
                if !was_online {
                    session.changed_at = now;
                }
                self.heard_from(now, from, s, out);
                if !was_online {
                    out.note(now, Actor::PostOffice, None, What::LoggedIn { user: from });
                }
                out.send(from, Frame::LoginOk);
                if !person_was_online {
                    self.push_presence(person, true, out);
                }
                self.push_all_dots(from, out);
                if joins {
                    self.device_joins(now, from, s, out);
                }
                self.deliver_recalls(now, from, s, out);
                if s.shelf == Shelf::HandedOver {
                    self.deliver_shelf(now, from, s, out);
                }
                self.hand_over_news(now, from, s, out);
                self.hand_over_reads(now, from, s, out);
                if !joins {
                    self.hand_over_history(now, from, s, out);
                }
                return;
            }
            Frame::Logout if self.notifications => {
                // Logging out takes the device token back: no more notifications.
                self.registered.remove(&from);
                if session.online {
                    self.mark_offline(now, from, OfflineWhy::Goodbye, out);
                }
                return;
            }
            _ if !session.online => {
                if !matches!(frame.kind(), FrameKind::Logout | FrameKind::Bye) {
                    out.send(from, Frame::NotLoggedIn);
                }
                return;
            }
            _ => {}
        }
        session.last_seen = now;
        match frame {
            Frame::Heartbeat => {
                self.heard_from(now, from, s, out);
                out.send(from, Frame::HeartbeatReply);
                // The postman is on his round again: hand over any waiting mail.
                self.deliver_recalls(now, from, s, out);
                self.deliver_shelf(now, from, s, out);
                self.hand_over_news(now, from, s, out);
                self.hand_over_reads(now, from, s, out);
                self.hand_over_history(now, from, s, out);
            }
            Frame::Logout | Frame::Bye => self.mark_offline(now, from, OfflineWhy::Goodbye, out),
            Frame::Fetch => self.on_fetch(now, from, s, out),
            Frame::MsgR(env) => self.on_letter(now, from, env, s, out),
            Frame::AckR(id) => self.on_ack(now, from, id, s, out),
            Frame::AckC { id, by } if self.writer(id) == from => self.on_news_confirmed(id, by),
            Frame::Read(ids) => self.on_read(now, from, &ids, s, out),
            Frame::ReadC { id, by } if self.writer(id) == from => self.on_read_confirmed(id, by),
            Frame::PresenceAsk => {
                let dots = self.dots_of(self.owner(from));
                out.send(from, Frame::Presence { dots, full: true });
            }
            Frame::Typing { peer, on } => self.pass_typing(self.owner(from), peer, on, out),
            Frame::HistA => {
                self.history.remove(&from);
            }
            Frame::Recall(id) => self.on_recall(now, from, id, s, out),
            Frame::RecallC(id) => self.on_recall_confirmed(from, id),
            // Frames only phones receive.
            _ => {}
        }
    }

    /// A login or a heartbeat: the phone is there; the silence that would mark it
    /// offline starts again from now.
    fn heard_from(&mut self, now: Time, user: DeviceIdx, s: &Settings, out: &mut Out) {
        let session = &mut self.sessions[user.index()];
        session.last_seen = now;
        session.silence_gen += 1;
        let generation = session.silence_gen;
        out.set_timer(
            s.heartbeat.timeout_ms,
            Timer::Server(ServerTimer::Silence { user, generation }),
        );
    }

    /// Steps 4, 5 and 6 (or a return, or a duplicate recognised).
    fn on_letter(
        &mut self,
        now: Time,
        device: DeviceIdx,
        env: Arc<Envelope>,
        s: &Settings,
        out: &mut Out,
    ) {
        let po = Actor::PostOffice;
        let from = device;
        let author = env.from();
        if self.owner(device) != author || self.writer(env.id) != device {
            // Not written on this device: no post office takes it.
            return;
        }
        if let Some(verdict) = self.verdict(env.id) {
            // Its delivery news, if any, is owed until confirmed: see `news`.
            out.note(now, po, Some(&env), What::Duplicate);
            out.send(from, verdict_frame(env.id, verdict, self.place(env.id, s)));
            return;
        }
        out.note(now, po, Some(&env), What::Receive);
        match self.check(&env) {
            Err(reason) => {
                self.set_verdict(env.id, Verdict::Returned(reason));
                out.note(now, po, Some(&env), What::Return { reason });
                out.send(from, Frame::Returned { id: env.id, reason });
            }
            Ok(recipients) => {
                let archived = self.archive.len() as u32 + 1;
                self.set_verdict(env.id, Verdict::Accepted { recipients });
                if let Some(r) = self.record_mut(env.id) {
                    r.archived = archived;
                    r.accepted_at = now;
                }
                let env = match s.order {
                    Order::EachPhone => env,
                    Order::PostOffice => self.number(env),
                };
                self.archive.push(env.clone());
                out.note(now, po, Some(&env), What::Verify { archived });
                if env.place > 0 {
                    let number = env.place;
                    out.note(now, po, Some(&env), What::Numbered { number });
                }
                out.send(
                    from,
                    Frame::MsgA {
                        id: env.id,
                        recipients,
                        place: env.place,
                    },
                );
                match env.to {
                    Dest::User(to) => self.forward(now, env.clone(), to, archived, s, out),
                    Dest::Group(g) => {
                        let members = self.members.members(g).to_vec();
                        self.recalls.note_addressees(env.id, author, &members);
                        for to in members.into_iter().filter(|&m| m != author) {
                            self.forward(now, env.clone(), to, archived, s, out);
                        }
                    }
                }
                self.copy_to_own_devices(now, &env, device, archived, s, out);
            }
        }
    }

    /// The letter with its number in its conversation: the next one.
    fn number(&mut self, env: Arc<Envelope>) -> Arc<Envelope> {
        let last = self.numbered.entry(Conversation::of(&env)).or_insert(0);
        *last += 1;
        Arc::new(Envelope {
            place: *last,
            ..(*env).clone()
        })
    }

    /// The number the post office gave an accepted letter (0: none, and always
    /// 0 when each phone orders its own screen: then nothing is looked up).
    fn place(&self, id: MsgId, s: &Settings) -> u32 {
        match s.order {
            Order::EachPhone => 0,
            Order::PostOffice => {
                archive_copy(&self.world, &self.records, &self.archive, id).map_or(0, |e| e.place)
            }
        }
    }

    /// Step 6 for one addressee: down the line of each of her devices that
    /// joined and is online, onto the shelf for each that is not (one offline
    /// device never holds back another).
    fn forward(
        &mut self,
        now: Time,
        env: Arc<Envelope>,
        to: UserIdx,
        archived: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        for d in self.joined_of(to) {
            self.forward_to(now, env.clone(), d, archived, s, out);
        }
    }

    fn forward_to(
        &mut self,
        now: Time,
        env: Arc<Envelope>,
        to: DeviceIdx,
        archived: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        if self.device_online(to) {
            out.note(now, Actor::PostOffice, Some(&env), What::Forward { to });
            self.send_down(now, env, to, archived, s, out);
        } else {
            self.shelve(now, env, to, archived, ShelfWhy::NotConnected, out);
        }
    }

    fn send_down(
        &mut self,
        now: Time,
        env: Arc<Envelope>,
        to: DeviceIdx,
        archived: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        out.send(to, Frame::MsgN(env.clone()));
        self.forwarding.insert(
            (to, env.id),
            Forwarding {
                env,
                archived,
                last_sent: now,
                retries: 0,
            },
        );
        self.arm_check(s, out);
    }

    fn arm_check(&mut self, s: &Settings, out: &mut Out) {
        if !self.check_armed {
            self.check_armed = true;
            out.set_timer(s.retry.check_ms, Timer::Server(ServerTimer::ForwardCheck));
        }
    }

    fn deliver_shelf(&mut self, now: Time, to: DeviceIdx, s: &Settings, out: &mut Out) {
        if self.sessions[to.index()].shelved == 0 {
            return;
        }
        self.sessions[to.index()].shelved = 0;
        for (archived, env) in std::mem::take(&mut self.shelf[to.index()]) {
            out.note(now, Actor::PostOffice, Some(&env), What::Unshelve { to });
            self.send_down(now, env, to, archived, s, out);
        }
    }

    /// `ack:R` from `by`: answer `ack:A`, and the first time owe the sender the news
    /// (`ack:N`), sent at once when it is online.
    fn on_ack(&mut self, now: Time, device: DeviceIdx, id: MsgId, s: &Settings, out: &mut Out) {
        let on_its_way = self.forwarding.remove(&(device, id));
        let by = self.owner(device);
        if by == id.from {
            // A copy on one of the writer's own devices: no news to anyone.
            if on_its_way.is_none() {
                self.take_off_shelf(device, id);
            }
            out.send(device, Frame::AckA(id));
            return;
        }
        let writer = self.writer(id);
        // A recalled letter's writer is owed no news of it: its bubble is the
        // notice now.
        if self.note_delivered(id, by)
            && !self.recalled(id)
            && let Some(Verdict::Accepted { recipients }) = self.verdict(id)
        {
            let told = self.device_online(writer);
            let news = News {
                recipients,
                sent: told,
                last_sent: now,
                retries: 0,
            };
            self.news.insert((id, by), news);
            match on_its_way {
                Some(f) => out.note(
                    now,
                    Actor::PostOffice,
                    Some(&f.env),
                    What::Acknowledged { by, told, device },
                ),
                // A late acknowledgement for a letter already back on the shelf:
                // it comes off the shelf, delivered.
                None => {
                    if let Some(env) = self.take_off_shelf(device, id) {
                        out.note(
                            now,
                            Actor::PostOffice,
                            Some(&env),
                            What::OffTheShelf { by: device, told },
                        );
                    }
                }
            }
            if told {
                let place = self.place(id, s);
                out.send(writer, news_frame(id, by, recipients, place));
                self.arm_check(s, out);
            } else {
                self.sessions[writer.index()].news_kept += 1;
            }
        } else if on_its_way.is_none() {
            // Another of the addressee's devices made the news: a late
            // acknowledgement still takes this device's copy off its shelf.
            self.take_off_shelf(device, id);
        }
        out.send(device, Frame::AckA(id));
    }

    /// Takes letter `id` off device `d`'s shelf (a late acknowledgement).
    fn take_off_shelf(&mut self, d: DeviceIdx, id: MsgId) -> Option<Arc<Envelope>> {
        let shelf = &mut self.shelf[d.index()];
        let i = shelf.iter().position(|(_, e)| e.id == id)?;
        let (_, env) = shelf.remove(i);
        self.sessions[d.index()].shelved = shelf.len() as u32;
        Some(env)
    }

    /// `ack:C`: the sender has the news that `by` has letter `id`.
    fn on_news_confirmed(&mut self, id: MsgId, by: UserIdx) {
        if let Some(news) = self.news.remove(&(id, by))
            && !news.sent
        {
            let writer = self.writer(id);
            let session = &mut self.sessions[writer.index()];
            session.news_kept = session.news_kept.saturating_sub(1);
        }
    }

    /// The sender is heard from (a login, a heartbeat): hand it the news kept for it.
    fn hand_over_news(&mut self, now: Time, sender: DeviceIdx, s: &Settings, out: &mut Out) {
        if self.sessions[sender.index()].news_kept == 0 {
            return;
        }
        self.sessions[sender.index()].news_kept = 0;
        let mut any = false;
        let world = self.world.clone();
        for (&(id, by), news) in self.news.range_mut(news_for(world.owner(sender))) {
            if news.sent || world.writer(id) != sender {
                continue;
            }
            *news = News {
                sent: true,
                last_sent: now,
                retries: 0,
                ..*news
            };
            any = true;
            let env = archive_copy(&world, &self.records, &self.archive, id);
            out.note(
                now,
                Actor::PostOffice,
                env.as_ref(),
                What::NewsHandedOver { by },
            );
            let place = env.as_ref().map_or(0, |e| e.place);
            out.send(sender, news_frame(id, by, news.recipients, place));
        }
        if any {
            self.arm_check(s, out);
        }
    }

    // ---- timers ----

    pub fn on_timer(&mut self, now: Time, timer: ServerTimer, s: &Settings, out: &mut Out) {
        match timer {
            ServerTimer::Silence { user, generation } => {
                let session = &self.sessions[user.index()];
                if session.online && session.silence_gen == generation {
                    self.mark_offline(now, user, OfflineWhy::Silent, out);
                }
            }
            ServerTimer::ForwardCheck => {
                self.check_armed = false;
                self.check_forwarding(now, s, out);
                self.check_news(now, s, out);
                self.check_reads(now, s, out);
                self.check_recalls(now, s, out);
                self.check_history(now, s, out);
                if !self.forwarding.is_empty()
                    || self.history_in_flight()
                    || self.news.values().any(|n| n.sent)
                    || self.reads_in_flight()
                    || self.recalls.owed()
                {
                    self.arm_check(s, out);
                }
            }
            ServerTimer::ParcelExpires { id } => self.parcel_expires(now, id, out),
        }
    }

    fn check_forwarding(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let mut unanswered = Vec::new();
        for (&(to, _), f) in self.forwarding.iter_mut() {
            if now.saturating_sub(f.last_sent) < s.retry.grace_ms {
                continue;
            }
            if f.retries < s.retry.max_retries {
                f.retries += 1;
                f.last_sent = now;
                out.note(
                    now,
                    Actor::PostOffice,
                    Some(&f.env),
                    What::Retry {
                        frame: FrameKind::MsgN,
                        attempt: f.retries,
                        to: Some(to),
                    },
                );
                out.send(to, Frame::MsgN(f.env.clone()));
            } else {
                unanswered.push((to, f.env.id));
            }
        }
        for key in unanswered {
            if let Some(f) = self.forwarding.remove(&key) {
                self.shelve(now, f.env, key.0, f.archived, ShelfWhy::NoAnswer, out);
            }
        }
    }

    /// News sent and not confirmed within `grace_ms` is sent again, at most
    /// `max_retries` times; then it is kept for the sender's next login or heartbeat.
    fn check_news(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let mut kept = Vec::new();
        let world = self.world.clone();
        for (&(id, by), news) in self.news.iter_mut() {
            if !news.sent || now.saturating_sub(news.last_sent) < s.retry.grace_ms {
                continue;
            }
            let writer = world.writer(id);
            if news.retries < s.retry.max_retries {
                news.retries += 1;
                news.last_sent = now;
                let env = archive_copy(&world, &self.records, &self.archive, id);
                out.note(
                    now,
                    Actor::PostOffice,
                    env.as_ref(),
                    What::Retry {
                        frame: FrameKind::AckN,
                        attempt: news.retries,
                        to: Some(writer),
                    },
                );
                let recipients = news.recipients;
                let place = env.as_ref().map_or(0, |e| e.place);
                out.send(writer, news_frame(id, by, recipients, place));
            } else {
                news.sent = false;
                kept.push((id, by));
            }
        }
        for (id, by) in kept {
            let writer = world.writer(id);
            self.sessions[writer.index()].news_kept += 1;
            let env = archive_copy(&world, &self.records, &self.archive, id);
            out.note(now, Actor::PostOffice, env.as_ref(), What::NewsKept { by });
        }
    }
}

/// The archive's copy of an accepted letter.
fn archive_copy(
    world: &World,
    records: &[Vec<Record>],
    archive: &[Arc<Envelope>],
    id: MsgId,
) -> Option<Arc<Envelope>> {
    let record = records
        .get(world.writer(id).index())?
        .get(id.count().checked_sub(1)? as usize)?;
    archive
        .get(record.archived.checked_sub(1)? as usize)
        .cloned()
}

/// The keys of `forwarding` for letters to `to`.
fn letters_to(to: DeviceIdx) -> std::ops::RangeInclusive<(DeviceIdx, MsgId)> {
    let first = MsgId {
        from: UserIdx(0),
        n: 0,
    };
    let last = MsgId {
        from: UserIdx(u32::MAX),
        n: u32::MAX,
    };
    (to, first)..=(to, last)
}

/// The keys of `news` owed to `sender`.
fn news_for(sender: UserIdx) -> std::ops::RangeInclusive<(MsgId, UserIdx)> {
    let first = MsgId { from: sender, n: 0 };
    let last = MsgId {
        from: sender,
        n: u32::MAX,
    };
    (first, UserIdx(0))..=(last, UserIdx(u32::MAX))
}

/// `ack:N`: the news that `by` has letter `id`, with the letter's number.
fn news_frame(id: MsgId, by: UserIdx, recipients: u32, place: u32) -> Frame {
    Frame::AckN {
        id,
        by,
        recipients,
        place,
    }
}

fn verdict_frame(id: MsgId, verdict: Verdict, place: u32) -> Frame {
    match verdict {
        Verdict::Accepted { recipients } => Frame::MsgA {
            id,
            recipients,
            place,
        },
        Verdict::Returned(reason) => Frame::Returned { id, reason },
    }
}
