//! The people and groups of a simulation, their names in both languages, and the
//! settings (network, heartbeats, retries) that every part reads.
//!
//! Nothing here changes during a run: who is friends with whom is the post office's
//! business (its address register) and lives in [`crate::sim::post_office`].

use std::fmt;
use std::sync::Arc;

/// Virtual time in milliseconds since the start of the run.
pub type Time = u64;

/// A person (an address) by position in [`World::people`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct UserIdx(pub u32);

impl UserIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A device (issue 27): what has a line, a heartbeat, a home mailbox, a session
/// at the counter and a place on the shelf. A person's first (main) phone is
/// `DeviceIdx(i)` for `UserIdx(i)` (`i < phones()`); her other devices come after,
/// at `phones()..`, in [`World::devices`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct DeviceIdx(pub u32);

impl DeviceIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// A person's main phone.
    pub const fn main(u: UserIdx) -> DeviceIdx {
        DeviceIdx(u.0)
    }
}

/// What a device is: the window draws a phone or a computer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum DeviceKind {
    #[default]
    Phone,
    Computer,
}

/// One of a person's other devices (`devices:` on a user, issue 27).
#[derive(Clone, Debug)]
pub struct Device {
    pub id: Arc<str>,
    pub owner: UserIdx,
    pub kind: DeviceKind,
    pub name: Text,
    /// Its place among its owner's devices (the main phone is 0): the top byte of
    /// the running numbers of the letters it writes ([`crate::sim::MsgId`]).
    pub slot: u8,
}

/// A group chat by position in [`World::groups`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct GroupIdx(pub u32);

/// Where a letter is addressed: one person, or every member of a group.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Dest {
    User(UserIdx),
    Group(GroupIdx),
}

/// The language of everything a person reads.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// A text in English and in Simplified Chinese: a title, a name, a letter's words.
/// A text written once for both (a name like "Lucy", a letter typed live) holds the
/// same words twice, sharing them.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Text {
    pub en: Arc<str>,
    pub zh: Arc<str>,
}

impl Text {
    /// The same words in both languages (a name like "Lucy", an id, a number).
    pub fn same(s: impl AsRef<str>) -> Text {
        let s: Arc<str> = Arc::from(s.as_ref());
        Text {
            en: s.clone(),
            zh: s,
        }
    }

    pub fn new(en: impl AsRef<str>, zh: impl AsRef<str>) -> Text {
        Text {
            en: Arc::from(en.as_ref()),
            zh: Arc::from(zh.as_ref()),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// The same words in both languages.
    pub fn is_plain(&self) -> bool {
        self.en == self.zh
    }

    /// The words made by `f` in each language.
    pub fn both(f: impl Fn(Lang) -> String) -> Text {
        Text::new(f(Lang::En), f(Lang::Zh))
    }

    /// `self` then `other`, in each language.
    pub fn join(&self, sep: &str, other: &Text) -> Text {
        Text::new(
            format!("{}{sep}{}", self.en, other.en),
            format!("{}{sep}{}", self.zh, other.zh),
        )
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::same(s)
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Text {
        Text {
            en: s.clone(),
            zh: s,
        }
    }
}

/// One address known to the simulation. Registered people have a phone; the others
/// are addresses the post office has never heard of (a mistyped id).
#[derive(Clone, Debug)]
pub struct Person {
    pub id: Arc<str>,
    pub name: Text,
    pub avatar: Arc<str>,
    pub registered: bool,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: Arc<str>,
    pub name: Text,
    pub members: Vec<UserIdx>,
}

/// Everyone and every group. Registered people come first, so `UserIdx(i)` for
/// `i < phones()` has a phone.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub people: Vec<Person>,
    pub groups: Vec<Group>,
    /// `read_receipts:`: the people who switched read receipts off, sorted (each
    /// person's own choice, so the words can name who did).
    pub receipts_off: Vec<UserIdx>,
    /// Every person's devices beyond her main phone (issue 27), by [`DeviceIdx`]
    /// from `phones()` on, each person's together; empty in scenes without them.
    pub devices: Vec<Device>,
    /// The main phones' names of the people who have other devices ("Han
    /// Meimei's phone"), sorted by person.
    pub main_names: Vec<(UserIdx, Text)>,
}

impl World {
    pub fn person(&self, u: UserIdx) -> &Person {
        &self.people[u.index()]
    }

    /// Whether `u` switched read receipts off (`read_receipts:`'s `off`).
    pub fn receipts_off(&self, u: UserIdx) -> bool {
        self.receipts_off.binary_search(&u).is_ok()
    }

    pub fn group(&self, g: GroupIdx) -> &Group {
        &self.groups[g.0 as usize]
    }

    pub fn name(&self, u: UserIdx, lang: Lang) -> &str {
        self.person(u).name.get(lang)
    }

    pub fn dest_name(&self, d: Dest, lang: Lang) -> &str {
        match d {
            Dest::User(u) => self.name(u, lang),
            Dest::Group(g) => self.group(g).name.get(lang),
        }
    }

    /// How many people have a phone (the registered ones, which come first).
    pub fn phones(&self) -> usize {
        self.people.iter().take_while(|p| p.registered).count()
    }

    /// Whether any person has more than one device.
    pub fn has_devices(&self) -> bool {
        !self.devices.is_empty()
    }

    /// The first extra device's index (`phones()`), without counting people.
    fn first_extra(&self) -> u32 {
        self.devices.first().map_or(u32::MAX, |_| {
            (self.people.len() - self.unregistered()) as u32
        })
    }

    fn unregistered(&self) -> usize {
        self.people
            .iter()
            .rev()
            .take_while(|p| !p.registered)
            .count()
    }

    /// One of the other devices, by index.
    pub fn extra(&self, d: DeviceIdx) -> Option<&Device> {
        let first = self.first_extra();
        d.0.checked_sub(first)
            .and_then(|i| self.devices.get(i as usize))
    }

    /// Whose device `d` is.
    pub fn owner(&self, d: DeviceIdx) -> UserIdx {
        match self.extra(d) {
            Some(dev) => dev.owner,
            None => UserIdx(d.0),
        }
    }

    /// Whether `d` is its owner's main phone.
    pub fn is_main(&self, d: DeviceIdx) -> bool {
        self.extra(d).is_none()
    }

    pub fn device_kind(&self, d: DeviceIdx) -> DeviceKind {
        self.extra(d).map_or(DeviceKind::Phone, |dev| dev.kind)
    }

    /// A person's devices: her main phone first, then the others in the order the
    /// scene lists them.
    pub fn devices_of(&self, u: UserIdx) -> impl Iterator<Item = DeviceIdx> + '_ {
        let first = self.first_extra();
        let extra = self
            .devices
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.owner == u)
            .map(move |(i, _)| DeviceIdx(first + i as u32));
        std::iter::once(DeviceIdx::main(u)).chain(extra)
    }

    /// Whether `u` has devices beyond her main phone.
    pub fn has_other_devices(&self, u: UserIdx) -> bool {
        self.devices.iter().any(|d| d.owner == u)
    }

    /// The device of `u` with this slot (0: her main phone).
    pub fn device_at(&self, u: UserIdx, slot: u8) -> DeviceIdx {
        if slot == 0 {
            return DeviceIdx::main(u);
        }
        let first = self.first_extra();
        self.devices
            .iter()
            .position(|d| d.owner == u && d.slot == slot)
            .map_or(DeviceIdx::main(u), |i| DeviceIdx(first + i as u32))
    }

    /// The slot of a device among its owner's (0: the main phone).
    pub fn slot(&self, d: DeviceIdx) -> u8 {
        self.extra(d).map_or(0, |dev| dev.slot)
    }

    /// How many devices there are: the main phones, then the others.
    pub fn device_count(&self) -> usize {
        self.phones() + self.devices.len()
    }

    /// A device's id: its owner's for a main phone, `hanmeimei.pc` for another.
    pub fn device_id(&self, d: DeviceIdx) -> &str {
        match self.extra(d) {
            Some(dev) => &dev.id,
            None => &self.person(UserIdx(d.0)).id,
        }
    }

    /// A device's name: its owner's for the main phone of a person without other
    /// devices (every scene before issue 27), "Han Meimei's phone" for the main
    /// phone of one with others, "Han Meimei's computer" for another.
    pub fn device_name(&self, d: DeviceIdx, lang: Lang) -> &str {
        match self.extra(d) {
            Some(dev) => dev.name.get(lang),
            None => {
                let u = UserIdx(d.0);
                match self.main_names.binary_search_by_key(&u, |m| m.0) {
                    Ok(i) => self.main_names[i].1.get(lang),
                    Err(_) => self.name(u, lang),
                }
            }
        }
    }

    /// A device as the words name its hardware: "Li Lei's phone" / "李雷的手机"
    /// for the main phone of a person without other devices (every scene before
    /// issue 27), the device's own name otherwise ("Han Meimei's computer").
    pub fn phone_name(&self, d: DeviceIdx, lang: Lang) -> String {
        if self.is_main(d) && !self.has_other_devices(self.owner(d)) {
            let name = self.name(self.owner(d), lang);
            return match lang {
                Lang::En => format!("{name}'s phone"),
                Lang::Zh => format!("{name}的手机"),
            };
        }
        self.device_name(d, lang).to_string()
    }

    /// A device by id (a person's id names her main phone).
    pub fn find_device(&self, id: &str) -> Option<DeviceIdx> {
        if let Some(i) = self.devices.iter().position(|d| &*d.id == id) {
            return Some(DeviceIdx(self.first_extra() + i as u32));
        }
        self.find(id)
            .filter(|u| self.person(*u).registered)
            .map(DeviceIdx::main)
    }

    pub fn find(&self, id: &str) -> Option<UserIdx> {
        self.people
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| UserIdx(i as u32))
    }
}

/// One-way delay of every hop and how often a frame is lost.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Network {
    /// Uniform in `[min, max]` milliseconds.
    pub latency_ms: (Time, Time),
    /// Probability in `[0, 1)` that a frame is lost.
    pub loss: f64,
    /// `network: (bandwidth_kb_per_s:)` (issue 26): how many kB a phone's parcel
    /// wire passes each second, each way; `None`: a part takes no time on the
    /// wire beyond the latency (every scene before issue 26).
    pub bandwidth_kb_per_s: Option<u32>,
}

/// The postman's round: how often a phone says "still here", and how long a silence
/// means the connection is dead.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Heartbeat {
    pub interval_ms: Time,
    pub timeout_ms: Time,
}

/// Acknowledgements and retries: every `check_ms` the sender looks at what is still
/// unanswered, skips what it sent in the last `grace_ms`, re-sends the rest at most
/// `max_retries` times, then gives up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Retry {
    pub check_ms: Time,
    pub grace_ms: Time,
    pub max_retries: u32,
}

/// Every timing of a run. The defaults are MobileIMSDK's (the article author's
/// framework).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Settings {
    pub network: Network,
    pub heartbeat: Heartbeat,
    pub retry: Retry,
    /// A phone whose connection is down tries to log in again this often.
    pub reconnect_ms: Time,
    /// Who decides the order of a conversation's letters on the screens.
    pub order: Order,
    /// How friends see each other's online dot (off unless a scene asks).
    pub presence: Presence,
    /// When not 0: a `Send` to a person means the writer starts typing ("typing…"
    /// on the other phone) and taps Send this many milliseconds later.
    pub typing_before_send_ms: Time,
    /// What a phone does with a letter it gave up on (❗): waits for the user's
    /// tap (the default), or sends it again by itself when its line comes back.
    pub resend: Resend,
    /// Whether phones get notifications of letters while their app is closed, and
    /// what the lock screen shows (`Off`: no push service in the scene at all).
    pub notifications: Notifications,
    /// How the letters kept on the shelf reach a phone whose line opens.
    pub shelf: Shelf,
    /// `recall: (limit_ms:)`: how long after accepting a letter the post office
    /// still accepts its recall (WeChat's two minutes by default).
    pub recall_limit_ms: Time,
    /// Whether a reader's phone tells the writer "read" (issue 25; the people
    /// who turned it off are given to [`crate::sim::Sim::set_receipts_off`]).
    pub read_receipts: ReadReceipts,
    /// `parcels: (part_kb:, keep_ms:)` (issue 26): how photos and voice messages
    /// are cut for the wire, and how long the parcel store keeps them.
    pub parcels: Parcels,
    /// `keeps_history: true` (issue 27): a device logging in for the first time
    /// gets the conversation from the post office's archive (QQ's roaming
    /// history, Telegram); `false`: the archive is the post office's own.
    pub keeps_history: bool,
    /// `sealed: true` (issue 28): letters travel sealed (end-to-end
    /// encrypted): the post office holds and forwards only sealed words, and
    /// each device opens them with its own key (see `sim/seal.rs`).
    pub sealed: bool,
}

/// `parcels:`: a parcel goes to the parcel store in parts of `part_kb`, and the
/// store throws it out `keep_ms` after it has all of it (`None`: never).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Parcels {
    pub part_kb: u32,
    pub keep_ms: Option<Time>,
}

/// A parcel's part when the scene does not say: 256 kB.
pub const PART_KB: u32 = 256;

impl Default for Parcels {
    fn default() -> Self {
        Parcels {
            part_kb: PART_KB,
            keep_ms: None,
        }
    }
}

/// `read_receipts:`: whether a phone sends "read" when a letter is on its screen
/// in its open chat (see `sim/phone/read.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum ReadReceipts {
    /// Nobody sends them (WeChat).
    #[default]
    Off,
    /// Everyone sends them (DingTalk's 已读/未读).
    On,
    /// WhatsApp: between two people "read" goes only when both have it on (who
    /// turned it off neither sends nor sees them); in a group always.
    Mutual,
    /// iMessage: the reader's own setting alone decides.
    Reader,
}

/// WeChat's limit for a recall: two minutes after the post office accepted it.
pub const RECALL_LIMIT_MS: Time = 120_000;

/// `notifications:`: the phone system's push service (Apple's, Huawei's, Xiaomi's)
/// carries a short notice of a letter to a phone whose app is closed, and the lock
/// screen lights with it. What it shows is the user's choice in real life.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Notifications {
    /// No push service, no notification (every scene before issue 24).
    #[default]
    Off,
    /// The sender's name and the words.
    Words,
    /// Only the sender's name: "Li Lei: new message".
    NameOnly,
    /// Only "New message".
    Hidden,
}

/// `shelf:`: how the letters waiting on the offline shelf reach a phone whose line
/// opens. Either way a letter leaves the shelf only when the phone confirms it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Shelf {
    /// The post office sends them down the line as soon as the phone logs in
    /// (pushed).
    #[default]
    HandedOver,
    /// The phone asks "anything for me?" (`fetch`) when its line opens, again
    /// until it has an answer; the post office answers (`fetch:A`, how many) and
    /// sends them (pulled).
    Fetched,
}

/// What a phone does with a letter it gave up on ("not sent", ❗).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Resend {
    /// It waits for the user to tap ❗ (a `Resend` action), as WeChat does.
    #[default]
    Tap,
    /// It sends the letter again by itself at its next successful login (its line
    /// is back), as WhatsApp does: once per login, never in a loop.
    Auto,
}

/// How a phone learns whether its friends are online (its dot per friend).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Presence {
    /// No dots: no presence frames at all.
    #[default]
    Off,
    /// The post office tells each online friend when someone is marked online or
    /// offline, and a phone that logs in the state of all its friends.
    Push,
    /// Each online phone asks the post office about its friends this often
    /// (and once as it logs in).
    Pull { every_ms: Time },
}

/// How long a phone shows "typing…" after the last notice, unless a letter from
/// that person or a "stopped typing" comes first.
pub const TYPING_SHOWN_MS: Time = 5_000;

/// Who decides the order in which a conversation's letters stand on the screens.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Order {
    /// Each phone: its own letters where they were written, the others' as they
    /// arrive (each sender's letters kept in the order they were written). Two
    /// people who write at the same moment may see them in different orders.
    #[default]
    EachPhone,
    /// The post office numbers each conversation's letters as it accepts them, and
    /// every screen (the senders' own too) shows them in that order. A phone sends
    /// a conversation's letters one at a time, each once the one before has its
    /// answer, so that each sender's own order holds too.
    PostOffice,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            latency_ms: (40, 120),
            loss: 0.0,
            bandwidth_kb_per_s: None,
        }
    }
}

impl Default for Heartbeat {
    fn default() -> Self {
        Heartbeat {
            interval_ms: 15_000,
            timeout_ms: 20_000,
        }
    }
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            check_ms: 5_000,
            grace_ms: 3_000,
            max_retries: 2,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            network: Network::default(),
            heartbeat: Heartbeat::default(),
            retry: Retry::default(),
            reconnect_ms: 3_000,
            order: Order::EachPhone,
            presence: Presence::Off,
            typing_before_send_ms: 0,
            resend: Resend::Tap,
            notifications: Notifications::Off,
            shelf: Shelf::HandedOver,
            read_receipts: ReadReceipts::Off,
            recall_limit_ms: RECALL_LIMIT_MS,
            parcels: Parcels::default(),
            keeps_history: false,
            sealed: false,
        }
    }
}

/// Formats a time as seconds with milliseconds, `12.345 s`.
pub struct Secs(pub Time);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03} s", self.0 / 1000, self.0 % 1000)
    }
}
