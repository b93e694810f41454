//! The simulation: a deterministic discrete-event model of phones, their long
//! connections and the post office. Pure Rust: no files, no printing, no bevy.
//!
//! [`Sim`] owns virtual time (milliseconds), one event queue ordered by
//! (time, sequence number), the links (latency, loss, up/down, drop-next) and one
//! seeded [`ChaCha8Rng`]. [`Phone`] and [`PostOffice`] are sans-IO state machines it
//! feeds; what they hand back becomes new events. The same inputs and seed always
//! give the same trace.

pub mod cache;
pub mod effects;
pub mod facts;
pub mod frame;
pub mod fxhash;
pub mod kinds;
pub mod membership;
pub mod parcel;
mod parcel_wire;
pub mod phone;
pub mod post_office;
pub mod push;
pub mod queue;
pub mod road;
pub mod seal;
pub mod trace;
pub mod view;
pub mod work;
pub mod world;

use std::collections::TryReserveError;
use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use cache::prefetch;

pub use effects::{Out, PhoneTimer, ServerTimer, Tally, Timer};
pub use frame::{Bounce, Dir, Envelope, Frame, FrameClass, FrameKind, MsgId};
pub use kinds::{Cargo, EventKind, Family, Lane, Road};
pub use membership::Members;
pub use parcel::{Parcel, ParcelKind, Slip};
pub use phone::{AppSide, AppState, Bubble, Conn, OwnLetter, Phone, RecallSide, Status};
pub use post_office::{PostOffice, Recalls, Verdict};
pub use queue::Queue;
pub use seal::{Sealed, Words};
pub use trace::{
    Actor, Broken, Event, FrameId, LossCause, NotRecalled, NotResent, OfflineWhy, RecallRefusal,
    RegisterChange, ShelfWhy, Stage, Step, What,
};
pub use world::{
    Dest, Device, DeviceIdx, DeviceKind, GroupIdx, Heartbeat, Lang, Network, Notifications, Order,
    PART_KB, Parcels, Person, Presence, RECALL_LIMIT_MS, ReadReceipts, Resend, Retry, Secs,
    Settings, Shelf, Text, Time, UserIdx, World,
};

/// Something that happens at a moment of a script: what a person does, or what the
/// scene does to the network or the post office.
#[derive(Clone, PartialEq, Debug)]
///
/// Issue 27: what a person does, she does on one of her devices (a
/// [`DeviceIdx`]; her main phone unless the scene names another); what names
/// an address (`to`, friends, groups) names a person.
pub enum Action {
    Login(DeviceIdx),
    Logout(DeviceIdx),
    /// `from` writes `text` to `to` and taps Send; with a photo or a voice
    /// message (`parcel`, issue 26) the text names it.
    Send {
        from: DeviceIdx,
        to: Dest,
        text: Text,
        parcel: Option<Parcel>,
    },
    LinkDown(DeviceIdx),
    LinkUp(DeviceIdx),
    SetLoss {
        user: DeviceIdx,
        loss: f64,
    },
    Drop {
        user: DeviceIdx,
        toward: Dir,
        what: FrameClass,
    },
    Register(RegisterChange, UserIdx, UserIdx),
    ServerDown,
    ServerUp,
    /// The scene switches how friends see each other's dots.
    SetPresence(Presence),
    /// `from` starts (`on`) or stops typing to `to`.
    Typing {
        from: DeviceIdx,
        to: UserIdx,
        on: bool,
    },
    /// The writer taps ❗ beside one of their letters: if the phone gave it up,
    /// it goes again (see `phone/resend.rs`).
    Resend(OwnLetter),
    /// The writer taps "Recall" on one of their letters: if the post office has
    /// it, the phone asks it to tear the letter up everywhere (see
    /// `phone/recall.rs` and `post_office/recall.rs`).
    Recall(OwnLetter),
    /// `user` joins (`join`) or leaves `group` at the post office.
    Membership {
        user: UserIdx,
        group: GroupIdx,
        join: bool,
    },
    /// The user closes the app: the phone stays on, with signal, and keeps no line
    /// (see `phone/app.rs`).
    CloseApp(DeviceIdx),
    /// The user opens the closed app again.
    OpenApp(DeviceIdx),
    /// The user opens a chat (a person's or a group's) on the phone (see
    /// `phone/read.rs`); the one open before closes.
    OpenChat(DeviceIdx, Dest),
    /// The user goes back from the open chat to the chat list.
    CloseChat(DeviceIdx),
    /// Issue 27: device `to` copies the whole home mailbox of `from`, another
    /// device of the same person, nearby (phone to phone, no post office).
    MoveChats {
        from: DeviceIdx,
        to: DeviceIdx,
    },
}

/// One phone's long connection as the network sees it: 32 bytes, so that a link
/// never straddles two cache lines (every frame touches one).
#[derive(Clone, Debug)]
#[repr(C, align(32))]
pub struct Link {
    /// A long connection delivers in order: the last arrival time in each direction.
    last_arrival: [Time; 2],
    pub loss: f64,
    /// The number of `LinkDown`s in the run (counting this link's) when this link
    /// last went down: frames sent before that never arrive.
    went_down: u32,
    pub up: bool,
}

/// Random chatter, for large runs: every phone writes to a random friend, with
/// exponentially distributed gaps.
///
/// N phones each writing after exponential gaps with mean `m` are together one
/// stream with exponential gaps of mean `m / N`, each letter from a phone picked
/// uniformly at random (independent Poisson processes superpose, and split back).
/// So one pending event serves them all.
#[derive(Clone, Debug)]
struct Chatter {
    /// Mean gap between two letters of the whole stream, milliseconds.
    stream_gap_ms: f64,
    /// When the next letter is due, to the fraction of a millisecond.
    next_at: f64,
    texts: Vec<Arc<Text>>,
}

/// Churn, for large runs: phones log out and log in again `away_ms` later; one
/// stream for all phones with exponential gaps, as [`Chatter`].
#[derive(Clone, Copy, Debug)]
struct Churn {
    stream_gap_ms: f64,
    next_at: f64,
    away_ms: Time,
}

#[derive(Clone, Debug)]
enum Pending {
    /// Boxed: a script's few actions (a letter's words in two languages among them)
    /// do not make every pending event of a large run larger.
    Act(Box<Action>),
    Arrive {
        user: DeviceIdx,
        dir: Dir,
        /// Its number in the trace.
        id: FrameId,
        frame: Frame,
        /// [`Sim::links_down`] when it was sent.
        generation: u32,
        doomed: Option<LossCause>,
    },
    Phone(DeviceIdx, PhoneTimer),
    Server(ServerTimer),
    /// The next letter of the chatter stream, from this phone (drawn in advance, so
    /// that its phone can be fetched from memory before it is needed).
    Chatter(DeviceIdx),
    /// The next logout of the churn stream, of this phone.
    Churn(DeviceIdx),
    /// `typing_before_send_ms`: the writer, who started typing, taps Send now.
    Tap(Box<(DeviceIdx, UserIdx, Text, Option<Parcel>)>),
    /// A notification (`notify`, frame number `id`) reaches the push service, for
    /// phone `to` (see `push.rs`).
    Notice {
        to: DeviceIdx,
        id: FrameId,
        env: Arc<Envelope>,
    },
}

impl Pending {
    /// Work that belongs to the story: while any is pending, the run is not over.
    fn is_work(&self) -> bool {
        match self {
            Pending::Act(_) | Pending::Tap(_) => true,
            Pending::Arrive { frame, .. } => frame.kind().is_mail(),
            Pending::Phone(_, t) => *t == PhoneTimer::RetryCheck,
            Pending::Server(t) => *t == ServerTimer::ForwardCheck,
            Pending::Chatter(_) | Pending::Churn(_) | Pending::Notice { .. } => false,
        }
    }
}

/// The whole simulation.
#[derive(Clone)]
pub struct Sim {
    world: Arc<World>,
    settings: Settings,
    now: Time,
    queue: Queue<Pending>,
    phones: Vec<Phone>,
    post_office: PostOffice,
    links: Vec<Link>,
    /// One-shot `Drop` faults still armed, in the order they were armed.
    drops: Vec<(DeviceIdx, Dir, FrameClass)>,
    rng: ChaCha8Rng,
    out: Out,
    /// Every letter written, by id, for naming acknowledgements in the trace.
    letters: fxhash::FxHashMap<MsgId, Arc<Envelope>>,
    /// `sealed: true` (issue 28): each letter as it left its writer's phone,
    /// sealed, by id: what the network's events name (never the words).
    sealed: fxhash::FxHashMap<MsgId, Arc<Envelope>>,
    /// How many of `out.events` have been looked at for new letters: each event is
    /// looked at once, however long the trace grows before it is taken.
    scanned: usize,
    /// How many times a link has gone down in this run.
    links_down: u32,
    /// How many frames have been put on a link (the last frame's number).
    frames_out: u32,
    /// Pending events of story work (see [`Pending::is_work`]).
    busy: u64,
    quiet_since: Time,
    last_action_at: Time,
    until: Option<Time>,
    processed: u64,
    chatter: Option<Chatter>,
    churn: Option<Churn>,
    /// Friends' changes at the post office before this are not timed on the dots.
    time_dots_from: Time,
    /// The phone system's push service (`notifications:` on).
    push: push::PushService,
    /// The phones' parcel wires (issue 26), made as they are first used.
    parcel_wires: parcel_wire::ParcelWires,
}

impl Clone for Out {
    fn clone(&self) -> Self {
        Out {
            tracing: self.tracing,
            events: self.events.clone(),
            frames: self.frames.clone(),
            timers: self.timers.clone(),
            tally: self.tally.clone(),
            dots_changed: self.dots_changed.clone(),
            notices: self.notices.clone(),
        }
    }
}

/// `n` copies of `value`, or an error instead of an abort when memory runs out.
fn try_filled<T: Clone>(n: usize, value: T) -> Result<Vec<T>, TryReserveError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)?;
    v.resize(n, value);
    Ok(v)
}

/// How long a run goes on after the last story work, so that heartbeat timeouts and
/// reconnects can still happen.
fn settle_ms(s: &Settings) -> Time {
    s.heartbeat
        .interval_ms
        .saturating_add(s.heartbeat.timeout_ms)
        .saturating_add(s.reconnect_ms)
}

/// A run without `until` never goes past the last scripted action plus this.
pub const CEILING_AFTER_SCRIPT_MS: Time = 10 * 60 * 1000;

impl Sim {
    /// A simulation of `world` with these settings and seed. Trace events are kept
    /// (and can be taken with [`Sim::take_events`]) when `tracing`.
    ///
    /// # Panics
    /// When there is not memory enough for one record per phone: a scene's limits
    /// keep it far from that; [`Sim::try_new`] says so instead.
    pub fn new(world: Arc<World>, settings: Settings, seed: u64, tracing: bool) -> Self {
        match Sim::try_new(world, settings, seed, tracing) {
            Ok(sim) => sim,
            Err(e) => panic!("not memory enough for the simulation's phones: {e}"),
        }
    }

    /// [`Sim::new`], or an error instead of an abort when the per-phone tables do
    /// not fit in memory (a run of millions of phones).
    pub fn try_new(
        world: Arc<World>,
        settings: Settings,
        seed: u64,
        tracing: bool,
    ) -> Result<Self, TryReserveError> {
        let phones = world.device_count();
        let lanes = [
            settings.heartbeat.interval_ms,
            settings.heartbeat.timeout_ms,
            settings.retry.check_ms,
            settings.reconnect_ms,
        ];
        let mut all_phones = Vec::new();
        all_phones.try_reserve_exact(phones)?;
        all_phones.extend((0..phones).map(|i| {
            let d = DeviceIdx(i as u32);
            Phone::device(world.owner(d), d, world.slot(d))
        }));
        if settings.sealed {
            let directory = Arc::new(Members::of(&world));
            for p in &mut all_phones {
                let main = world.is_main(p.device);
                p.start_sealing(main, directory.clone());
            }
        }
        let link = Link {
            up: true,
            went_down: 0,
            loss: settings.network.loss,
            last_arrival: [0; 2],
        };
        Ok(Sim {
            settings,
            now: 0,
            queue: Queue::with_lanes(&lanes),
            phones: all_phones,
            post_office: {
                let mut po = PostOffice::try_new(world.clone())?;
                po.push = settings.presence == Presence::Push;
                po.notifications = settings.notifications != Notifications::Off;
                po
            },
            links: try_filled(phones, link)?,
            drops: Vec::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            out: Out::new(tracing),
            letters: Default::default(),
            sealed: Default::default(),
            scanned: 0,
            links_down: 0,
            frames_out: 0,
            busy: 0,
            quiet_since: 0,
            last_action_at: 0,
            until: None,
            processed: 0,
            chatter: None,
            churn: None,
            time_dots_from: 0,
            push: push::PushService::default(),
            parcel_wires: parcel_wire::ParcelWires::default(),
            world,
        })
    }

    // ---- setting up ----

    /// Changes the address register before the run (no story is told).
    pub fn set_register(&mut self, change: RegisterChange, a: UserIdx, b: UserIdx) {
        self.post_office.set_register(change, a, b);
    }

    /// Schedules a scripted action. Within a millisecond, actions happen before
    /// every other event, in the order they were scheduled: an action scheduled
    /// while the run goes on runs where the same action in the script would.
    pub fn schedule(&mut self, at: Time, action: Action) {
        self.queue
            .schedule_first(at, Pending::Act(Box::new(action)));
        self.busy += 1;
        self.last_action_at = self.last_action_at.max(at);
    }

    /// Stops the run at this time instead of when the story is over.
    /// `read_receipts:`: these people turned read receipts off (each phone knows
    /// whose are off, as WhatsApp's phones learn it through the post office).
    pub fn set_receipts_off(&mut self, off: &[UserIdx]) {
        let mut sorted = off.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let shared: Arc<[UserIdx]> = sorted.into();
        for phone in &mut self.phones {
            phone.set_receipts_off(shared.clone());
        }
    }

    pub fn set_until(&mut self, until: Option<Time>) {
        self.until = until;
    }

    /// Makes every phone write to a random friend every `mean_gap_ms` on average
    /// (exponential gaps), with a text from `texts`.
    pub fn add_chatter(&mut self, mean_gap_ms: f64, texts: Vec<Arc<Text>>) {
        let stream_gap_ms = mean_gap_ms / self.phones.len().max(1) as f64;
        let next_at = self.now as f64 + self.exp_gap(stream_gap_ms);
        self.chatter = Some(Chatter {
            stream_gap_ms,
            next_at,
            texts,
        });
        let u = self.random_phone();
        self.queue.schedule_at(next_at as Time, Pending::Chatter(u));
    }

    /// Makes phones log out and log in again `away_ms` later, `per_minute` of
    /// all phones a minute on average (exponential gaps; a phone drawn while it is
    /// away is skipped). Draws nothing from the seed unless `per_minute > 0`.
    pub fn add_churn(&mut self, per_minute: f64, away_ms: Time) {
        if per_minute <= 0.0 || self.phones.is_empty() {
            return;
        }
        let stream_gap_ms = 60_000.0 / (per_minute * self.phones.len() as f64);
        let next_at = self.now as f64 + self.exp_gap(stream_gap_ms);
        self.churn = Some(Churn {
            stream_gap_ms,
            next_at,
            away_ms,
        });
        let u = self.random_phone();
        self.queue.schedule_at(next_at as Time, Pending::Churn(u));
    }

    fn churn(&mut self, u: DeviceIdx) {
        let Some(churn) = self.churn else { return };
        if self.phones[u.index()].conn != Conn::Offline {
            self.phones[u.index()].logout(self.now, &mut self.out);
            self.cut_parcel_wire(u, LossCause::PhoneOff);
            self.apply(Some(u));
            self.schedule(self.now.saturating_add(churn.away_ms), Action::Login(u));
        }
        let step = self.exp_gap(churn.stream_gap_ms);
        let next = self.random_phone();
        if let Some(c) = &mut self.churn {
            c.next_at += step;
            let at = (c.next_at as Time).max(self.now);
            self.queue.schedule_at(at, Pending::Churn(next));
        }
    }

    /// Times on the dots only friends' changes at the post office from `at` on
    /// (see [`Tally::dot_late_ms`]): a large run leaves out its mass login.
    pub fn time_dots_from(&mut self, at: Time) {
        self.time_dots_from = at;
    }

    fn random_phone(&mut self) -> DeviceIdx {
        DeviceIdx(self.rng.random_range(0..self.phones.len()) as u32)
    }

    fn exp_gap(&mut self, mean: f64) -> f64 {
        let u: f64 = self.rng.random();
        -(1.0 - u).ln() * mean
    }

    // ---- reading ----

    pub fn world(&self) -> &Arc<World> {
        &self.world
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn now(&self) -> Time {
        self.now
    }
    pub fn phones(&self) -> &[Phone] {
        &self.phones
    }
    pub fn phone(&self, d: DeviceIdx) -> &Phone {
        &self.phones[d.index()]
    }
    pub fn post_office(&self) -> &PostOffice {
        &self.post_office
    }
    pub fn link(&self, u: DeviceIdx) -> &Link {
        &self.links[u.index()]
    }
    pub fn tally(&self) -> &Tally {
        &self.out.tally
    }
    /// Events processed so far.
    pub fn processed(&self) -> u64 {
        self.processed
    }
    /// Events waiting in the queue.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }
    /// The letter with this id, if it was written in this run (kept while tracing).
    pub fn letter(&self, id: MsgId) -> Option<&Arc<Envelope>> {
        self.letters.get(&id)
    }
    /// Takes the trace events recorded since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.scanned = 0;
        std::mem::take(&mut self.out.events)
    }

    // ---- running ----

    /// The latest time the run may reach: `until`, or (without it) the end of the
    /// quiet that follows the story, and never past the ceiling.
    fn limit(&self) -> Time {
        match self.until {
            Some(until) => until,
            None => {
                let ceiling = self.last_action_at.saturating_add(CEILING_AFTER_SCRIPT_MS);
                if self.busy == 0 {
                    let quiet = self.quiet_since.saturating_add(settle_ms(&self.settings));
                    ceiling.min(quiet.max(self.dots_settled_at()))
                } else {
                    ceiling
                }
            }
        }
    }

    /// With dots, when the news of the last login or change of who is online can
    /// have reached every phone: pushed, in two trips; pulled, once every phone
    /// has asked again (a period and three trips: a login's answer, the question,
    /// its answer). Without dots, 0: the end of the quiet alone decides.
    fn dots_settled_at(&self) -> Time {
        let trip = self.settings.network.latency_ms.1;
        let after = match self.settings.presence {
            Presence::Off => return 0,
            Presence::Push => 2 * trip,
            Presence::Pull { every_ms } => every_ms.saturating_add(3 * trip),
        };
        self.post_office.presence_moved_at.saturating_add(after)
    }

    /// Whether the run is over: nothing is left before [`Sim::limit`].
    pub fn is_done(&self) -> bool {
        self.queue.peek_time().is_none_or(|t| t > self.limit())
    }

    /// Runs until [`Sim::is_done`].
    pub fn run(&mut self) {
        while self.step() {}
    }

    /// Runs until [`Sim::is_done`], but processes at most `steps` events. Returns
    /// whether the run is over (`false`: it stopped at the cap).
    pub fn run_at_most(&mut self, steps: u64) -> bool {
        for _ in 0..steps {
            if !self.step() {
                return true;
            }
        }
        self.is_done()
    }

    /// Processes the next event, unless the run is over. Returns whether it did.
    pub fn step(&mut self) -> bool {
        let Some((at, pending)) = self.queue.pop_until(self.limit()) else {
            return false;
        };
        self.now = at;
        self.processed += 1;
        // In a large run every event touches a different phone: start fetching the
        // next one's state from memory while this one is handled.
        if let Some(next) = self.queue.peek() {
            self.fetch_ahead(next);
        }
        if pending.is_work() {
            self.busy -= 1;
            if self.busy == 0 {
                self.quiet_since = at;
            }
        }
        let s = &self.settings;
        match pending {
            Pending::Act(action) => self.act(*action),
            Pending::Tap(tap) => {
                let (from, to, text, parcel) = *tap;
                self.phones[from.index()].write(
                    at,
                    Dest::User(to),
                    Arc::new(text),
                    parcel,
                    s,
                    &mut self.out,
                );
                self.apply(Some(from));
            }
            Pending::Arrive {
                user,
                dir,
                id,
                frame,
                generation,
                doomed,
            } => self.arrive(user, dir, id, frame, generation, doomed),
            Pending::Phone(u, timer) => {
                self.phones[u.index()].on_timer(at, timer, s, &mut self.out);
                self.apply(Some(u));
            }
            Pending::Server(timer) => {
                self.post_office.on_timer(at, timer, s, &mut self.out);
                self.apply(None);
            }
            Pending::Chatter(u) => self.chatter(u),
            Pending::Churn(u) => self.churn(u),
            Pending::Notice { to, id, env } => self.at_push_service(to, id, env),
        }
        // By now the next event's phone (or session) has arrived: fetch what hangs
        // off it.
        if let Some(next) = self.queue.peek() {
            self.fetch_deeper(next);
        }
        true
    }

    /// The first half of fetching an event's memory ahead of time: the records
    /// indexed by its user (see [`cache`]).
    #[inline(always)]
    fn fetch_ahead(&self, next: &Pending) {
        let po = &self.post_office;
        match next {
            Pending::Phone(u, _)
            | Pending::Arrive {
                user: u,
                dir: Dir::ToPhone,
                ..
            } => {
                prefetch(self.phones.get(u.index()));
                prefetch(self.links.get(u.index()));
            }
            Pending::Chatter(u) => {
                prefetch(self.phones.get(u.index()));
                prefetch(self.links.get(u.index()));
                prefetch(po.friends.get(u.index()));
            }
            Pending::Arrive {
                user,
                dir: Dir::ToServer,
                frame,
                ..
            } => {
                prefetch(po.sessions.get(user.index()));
                prefetch(self.links.get(user.index()));
                match frame {
                    // The sender hears of it (`ack:N`).
                    Frame::AckR(id) => {
                        let writer = self.world.writer(*id);
                        prefetch(po.sessions.get(writer.index()));
                        prefetch(self.links.get(writer.index()));
                        prefetch(po.records.get(writer.index()));
                    }
                    Frame::MsgR(env) => {
                        prefetch(Some(&**env));
                        prefetch(po.records.get(user.index()));
                    }
                    _ => {}
                }
            }
            Pending::Server(ServerTimer::Silence { user, .. }) => {
                prefetch(po.sessions.get(user.index()));
            }
            Pending::Act(_)
            | Pending::Server(_)
            | Pending::Tap(_)
            | Pending::Churn(_)
            | Pending::Notice { .. } => {}
        }
    }

    /// The second half: what the records fetched by [`Sim::fetch_ahead`] point to.
    #[inline(always)]
    fn fetch_deeper(&self, next: &Pending) {
        let po = &self.post_office;
        match next {
            Pending::Arrive {
                user,
                dir: Dir::ToPhone,
                frame,
                ..
            } if frame.kind() != FrameKind::HeartbeatReply => {
                if let Some(phone) = self.phones.get(user.index()) {
                    phone.fetch_ahead(frame.kind());
                }
            }
            Pending::Chatter(u) => {
                if let Some(friends) = po.friends.get(u.index()) {
                    cache::prefetch_slice(friends);
                }
                if let Some(phone) = self.phones.get(u.index()) {
                    phone.fetch_ahead(FrameKind::MsgR);
                }
            }
            Pending::Arrive {
                dir: Dir::ToServer,
                frame: Frame::MsgR(env),
                ..
            } => {
                if let Dest::User(to) = env.to {
                    prefetch(po.sessions.get(to.index()));
                    prefetch(self.links.get(to.index()));
                }
                if let Some(friends) = po.friends.get(env.from().index()) {
                    cache::prefetch_slice(friends);
                }
            }
            _ => {}
        }
    }

    /// Letter `id` as the network's events name it: sealed in a sealed scene
    /// (issue 28) — the copy that left its writer's phone, or, for a frame
    /// about it before that (a parcel's part), one sealed for nobody, which
    /// only says how big it is — and as written otherwise.
    fn on_the_network(&self, id: MsgId) -> Option<Arc<Envelope>> {
        let written = self.letters.get(&id)?;
        if !self.settings.sealed {
            return Some(written.clone());
        }
        if let Some(sealed) = self.sealed.get(&id) {
            return Some(sealed.clone());
        }
        let text = written.text()?.clone();
        Some(Arc::new(Envelope {
            words: Words::Sealed(Sealed::seal(text, [], self.now)),
            ..(**written).clone()
        }))
    }

    fn act(&mut self, action: Action) {
        let (now, s, out) = (self.now, &self.settings, &mut self.out);
        let net = Actor::Network;
        let owner = match action {
            Action::Login(u) => {
                self.phones[u.index()].login(now, s, out);
                Some(u)
            }
            Action::Logout(u) => {
                self.phones[u.index()].logout(now, out);
                self.cut_parcel_wire(u, LossCause::PhoneOff);
                Some(u)
            }
            Action::Send {
                from,
                to: Dest::User(to),
                text,
                parcel,
            } if s.typing_before_send_ms > 0 => {
                // The writer types first, and taps Send a little later.
                self.phones[from.index()].typing(to, true, out);
                self.busy += 1;
                let tap = Pending::Tap(Box::new((from, to, text, parcel)));
                self.queue.schedule(now, s.typing_before_send_ms, tap);
                Some(from)
            }
            Action::Send {
                from,
                to,
                text,
                parcel,
            } => {
                self.phones[from.index()].write(now, to, Arc::new(text), parcel, s, out);
                Some(from)
            }
            Action::LinkDown(u) => {
                let link = &mut self.links[u.index()];
                if link.up {
                    link.up = false;
                    self.links_down += 1;
                    link.went_down = self.links_down;
                    out.note(now, net, None, What::LinkDown { user: u });
                    self.cut_parcel_wire(u, LossCause::LinkDown);
                }
                Some(u)
            }
            Action::LinkUp(u) => {
                let link = &mut self.links[u.index()];
                if !link.up {
                    link.up = true;
                    out.note(now, net, None, What::LinkUp { user: u });
                    self.phones[u.index()].network_back(now, s, out);
                    self.apply(Some(u));
                    self.release_held(u);
                    return;
                }
                Some(u)
            }
            Action::SetLoss { user, loss } => {
                self.links[user.index()].loss = loss;
                out.note(now, net, None, What::SetLoss { user, loss });
                None
            }
            Action::Drop { user, toward, what } => {
                self.drops.push((user, toward, what));
                out.note(now, net, None, What::DropNext { user, toward, what });
                None
            }
            Action::Register(change, a, b) => {
                self.post_office.change_register(now, change, a, b, out);
                None
            }
            Action::ServerDown => {
                if self.post_office.open {
                    self.cut_every_parcel_wire(LossCause::Closed);
                }
                self.post_office.close(now, &mut self.out);
                None
            }
            Action::ServerUp => {
                self.post_office.reopen(now, out);
                None
            }
            Action::SetPresence(presence) => {
                self.set_presence(presence);
                return;
            }
            Action::Typing { from, to, on } => {
                self.phones[from.index()].typing(to, on, out);
                Some(from)
            }
            Action::MoveChats { from, to } => {
                let letters = self.phones[from.index()].mailbox_in_order();
                self.phones[to.index()].take_moved(now, from, &letters, out);
                Some(to)
            }
            Action::Resend(pick) => {
                self.phones[pick.from.index()].tap_resend(now, &pick, s, out);
                Some(pick.from)
            }
            Action::Recall(pick) => {
                self.phones[pick.from.index()].tap_recall(now, &pick, s, out);
                Some(pick.from)
            }
            Action::Membership { user, group, join } => {
                self.post_office.change_members(now, user, group, join, out);
                if s.sealed {
                    // The key directory: who the phones seal a group letter for.
                    let directory = Arc::new(self.post_office.members.clone());
                    for p in &mut self.phones {
                        p.new_directory(directory.clone());
                    }
                }
                None
            }
            Action::CloseApp(u) => {
                self.phones[u.index()].close_app(now, out);
                self.cut_parcel_wire(u, LossCause::PhoneOff);
                Some(u)
            }
            Action::OpenApp(u) => {
                self.phones[u.index()].open_app(now, s, out);
                Some(u)
            }
            Action::OpenChat(u, chat) => {
                self.phones[u.index()].open_chat_now(now, chat, s, out);
                Some(u)
            }
            Action::CloseChat(u) => {
                self.phones[u.index()].close_chat(now, out);
                Some(u)
            }
        };
        self.apply(owner);
    }

    /// Switches how friends see each other's dots: the post office starts or stops
    /// pushing, and (for `Pull`) every online phone starts asking.
    fn set_presence(&mut self, presence: Presence) {
        self.settings.presence = presence;
        let push = presence == Presence::Push;
        self.post_office.set_push(push, &mut self.out);
        self.apply(None);
        if let Presence::Pull { .. } = presence {
            for i in 0..self.phones.len() {
                self.phones[i].start_asking(&self.settings, &mut self.out);
                self.apply(Some(DeviceIdx(i as u32)));
            }
        }
    }

    fn chatter(&mut self, u: DeviceIdx) {
        let Some(chatter) = &self.chatter else { return };
        let (gap, n_texts) = (chatter.stream_gap_ms, chatter.texts.len());
        let friends = self.post_office.friends_of(self.world.owner(u));
        if !friends.is_empty() && n_texts > 0 {
            let to = friends[self.rng.random_range(0..friends.len())];
            let pick = self.rng.random_range(0..n_texts);
            let text = self.chatter.as_ref().map(|c| c.texts[pick].clone());
            if let Some(text) = text {
                self.phones[u.index()].write(
                    self.now,
                    Dest::User(to),
                    text,
                    None,
                    &self.settings,
                    &mut self.out,
                );
                self.apply(Some(u));
            }
        }
        let step = self.exp_gap(gap);
        let next = self.random_phone();
        if let Some(c) = &mut self.chatter {
            c.next_at += step;
            let at = (c.next_at as Time).max(self.now);
            self.queue.schedule_at(at, Pending::Chatter(next));
        }
    }

    fn arrive(
        &mut self,
        user: DeviceIdx,
        dir: Dir,
        id: FrameId,
        frame: Frame,
        generation: u32,
        doomed: Option<LossCause>,
    ) {
        let now = self.now;
        // A frame sent since the last `LinkDown` anywhere found its link up and
        // still does: only older frames need a look at their link.
        let cut = generation != self.links_down && {
            let link = &self.links[user.index()];
            link.went_down > generation || !link.up
        };
        let parcel_cut = match frame.kind().on_parcel_wire() {
            true => self.parcel_cut(user, id),
            false => None,
        };
        let cause = doomed
            .or(cut.then_some(LossCause::LinkDown))
            .or(parcel_cut)
            .or(match dir {
                Dir::ToServer if !self.post_office.open => Some(LossCause::Closed),
                Dir::ToPhone if self.phone_off_for(user, &frame) => Some(LossCause::PhoneOff),
                _ => None,
            });
        if let Some(cause) = cause {
            self.out.tally.frames_lost += 1;
            if self.out.tracing {
                let msg = frame.msg_id().and_then(|id| self.on_the_network(id));
                self.out.note(
                    now,
                    Actor::Network,
                    msg.as_ref(),
                    What::FrameLost {
                        id,
                        user,
                        dir,
                        frame: frame.kind(),
                        cause,
                    },
                );
            }
            return;
        }
        let s = &self.settings;
        match dir {
            Dir::ToServer => {
                self.post_office
                    .on_frame(now, user, frame, s, &mut self.out);
                self.apply(None);
            }
            Dir::ToPhone => {
                self.phones[user.index()].on_frame(now, frame, s, &mut self.out);
                if !self.out.dots_changed.is_empty() {
                    self.time_dots(user);
                }
                self.apply(Some(user));
            }
        }
    }

    /// Counts the dots `viewer` just changed that now agree with the post office,
    /// and how long each had disagreed since the friend's change, where that came
    /// while the viewer was logged in (see [`Tally::dot_late_ms`]).
    fn time_dots(&mut self, device: DeviceIdx) {
        let (po, tally) = (&self.post_office, &mut self.out.tally);
        let since_login = po.logged_in_at(device);
        let viewer = self.world.owner(device);
        for &(of, online) in &self.out.dots_changed {
            if po.dot_for(viewer, of) != online {
                continue;
            }
            let since = po.changed_at(of);
            if since >= since_login && since >= self.time_dots_from {
                tally.dot_fixes += 1;
                tally.dot_late_ms += self.now.saturating_sub(since);
            } else {
                tally.dots_untimed += 1;
            }
        }
        self.out.dots_changed.clear();
    }

    /// Turns what a handler handed back into scheduled events. `phone` is the phone
    /// that ran the handler (its frames go toward the post office), or `None` for
    /// the post office and the network.
    fn apply(&mut self, phone: Option<DeviceIdx>) {
        if self.out.tracing {
            for e in &mut self.out.events[self.scanned..] {
                if let (What::Edit { .. }, Some(m)) = (&e.what, &e.msg) {
                    self.letters.entry(m.id).or_insert_with(|| m.clone());
                }
                if let Some(m) = &e.msg
                    && m.sealed().is_some()
                {
                    self.sealed.entry(m.id).or_insert_with(|| m.clone());
                }
                // A copy a recall tore up (its words out of a home mailbox) is
                // told by the words it was written with.
                if let Some(m) = &e.msg
                    && m.is_torn()
                    && let Some(w) = self.letters.get(&m.id)
                {
                    let words = w.words.clone();
                    e.msg = Some(Arc::new(Envelope {
                        words,
                        ..(**m).clone()
                    }));
                }
            }
            self.scanned = self.out.events.len();
        }
        let mut frames = std::mem::take(&mut self.out.frames);
        for (link, frame) in frames.drain(..) {
            let dir = if phone.is_some() {
                Dir::ToServer
            } else {
                Dir::ToPhone
            };
            self.transmit(link, dir, frame);
        }
        self.out.frames = frames;
        if !self.out.notices.is_empty() {
            let notices = std::mem::take(&mut self.out.notices);
            for (to, env) in notices {
                self.notify_leg(to, env);
            }
        }
        let mut timers = std::mem::take(&mut self.out.timers);
        for (delay, timer) in timers.drain(..) {
            let pending = match timer {
                Timer::Phone(t) => match phone {
                    Some(u) => Pending::Phone(u, t),
                    None => continue,
                },
                Timer::Server(t) => Pending::Server(t),
            };
            if pending.is_work() {
                self.busy += 1;
            }
            self.queue.schedule(self.now, delay, pending);
        }
        self.out.timers = timers;
    }

    /// Puts a frame on `user`'s link. Its fate (lost or not) and its arrival time are
    /// decided now, except that a link going down on the way still loses it.
    fn transmit(&mut self, user: DeviceIdx, dir: Dir, frame: Frame) {
        let now = self.now;
        let kind = frame.kind();
        let latency = self.latency();
        let parcel_arrives = match kind.on_parcel_wire() {
            true => Some(self.parcel_arrival(user, dir, &frame, latency)),
            false => None,
        };
        self.frames_out = self.frames_out.wrapping_add(1);
        let id = FrameId(self.frames_out);
        let link = &mut self.links[user.index()];
        let arrives = match parcel_arrives {
            Some(at) => at,
            None => {
                let at = now
                    .saturating_add(latency)
                    .max(link.last_arrival[dir.index()]);
                link.last_arrival[dir.index()] = at;
                at
            }
        };
        let doomed = if !link.up {
            Some(LossCause::LinkDown)
        } else if let Some(i) = self
            .drops
            .iter()
            .position(|&(u, d, c)| u == user && d == dir && c.matches(kind))
        {
            self.drops.remove(i);
            Some(LossCause::Dropped)
        } else if link.loss > 0.0 && self.rng.random::<f64>() < link.loss {
            Some(LossCause::Noise)
        } else {
            None
        };
        if self.out.tracing {
            let actor = match (dir, kind) {
                (Dir::ToServer, _) => Actor::Phone(user),
                (Dir::ToPhone, FrameKind::Push) => Actor::PushService,
                (Dir::ToPhone, _) => Actor::PostOffice,
            };
            let msg = frame.msg_id().and_then(|id| self.on_the_network(id));
            self.out.note(
                now,
                actor,
                msg.as_ref(),
                What::FrameOut {
                    id,
                    user,
                    dir,
                    frame: kind,
                    arrives,
                },
            );
        }
        if kind.is_mail() {
            self.busy += 1;
        }
        if matches!(kind, FrameKind::Presence | FrameKind::PresenceAsk) {
            self.out.tally.presence_frames += 1;
        }
        self.queue.schedule_at(
            arrives,
            Pending::Arrive {
                user,
                dir,
                id,
                frame,
                generation: self.links_down,
                doomed,
            },
        );
    }
}
