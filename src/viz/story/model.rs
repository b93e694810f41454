//! What the window draws, in its own terms: the picture after a beat (phones with
//! their bubbles, mailboxes and connections; the post office; the envelopes resting
//! at their places), what moves during the beat, and a crowd's frames on the wires.
//! [`crate::viz::story::present`] makes these from the lesson's trace when a beat is shown.

use crate::sim::MsgId;
use crate::sim::view::LetterCopy;
use crate::viz::lang::Tr;

/// A crowd scene's traffic. Its beats are stretches of time (short where it is busy),
/// and while a beat plays, the clock runs from the previous beat's time to its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Crowd {
    /// When the opening picture stands, in virtual milliseconds.
    pub start_ms: u64,
    /// Sorted by departure.
    pub flights: Vec<Flight>,
    /// The longest time any frame spent on the wire.
    pub longest_ms: u64,
    /// The sender and recipients of the letter the class follows (their tiles are
    /// edged in gold).
    pub followed_phones: Vec<usize>,
}

/// One frame on one phone's long connection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub depart_ms: u64,
    pub arrive_ms: u64,
    pub phone: usize,
    pub to_office: bool,
    pub cargo: Cargo,
    /// It never arrives (noise, a broken link, a closed post office).
    pub lost: bool,
    /// It carries (or answers) the letter the class follows, drawn in gold.
    pub followed: bool,
}

/// What a frame carries, as the crowd picture draws it: the catalogue's column.
pub use crate::sim::Cargo;

impl Crowd {
    /// The traffic of these frames (in order of departure); the clock starts at 0.
    pub fn new(flights: Vec<Flight>, followed_phones: Vec<usize>) -> Crowd {
        let longest_ms = flights
            .iter()
            .map(|f| f.arrive_ms - f.depart_ms)
            .max()
            .unwrap_or(0);
        Crowd {
            start_ms: 0,
            flights,
            longest_ms,
            followed_phones,
        }
    }

    /// The frames on the wire at `t_ms`, each with how far it has got (0 to 1).
    pub fn in_flight(&self, t_ms: f64) -> impl Iterator<Item = (&Flight, f32)> {
        let from = self
            .flights
            .partition_point(|f| (f.depart_ms + self.longest_ms) as f64 <= t_ms);
        let to = self.flights.partition_point(|f| f.depart_ms as f64 <= t_ms);
        self.flights[from..to.max(from)]
            .iter()
            .filter_map(move |f| {
                let span = (f.arrive_ms - f.depart_ms).max(1) as f64;
                let p = (t_ms - f.depart_ms as f64) / span;
                (p < 1.0).then_some((f, p.clamp(0.0, 1.0) as f32))
            })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: Tr,
    /// A picture name in `assets/avatars/`; unknown names get initials on a colour.
    pub avatar: String,
}

/// A place in the picture where a letter or a card can be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    /// A phone's screen (the UI module).
    Screen(usize),
    /// A phone's home mailbox (the local database).
    Mailbox(usize),
    /// A phone's postman (the network module).
    Postman(usize),
    /// On a phone's long connection: 0.0 at the postman, 1.0 at the post office counter.
    Wire(usize, f32),
    Counter,
    Register,
    Archive,
    Sorting,
    Shelf,
}

/// What travels.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// The letter itself, its text readable on it.
    Letter,
    /// ✓: the post office has it.
    Receipt,
    /// ✓✓: the recipient has it.
    Delivered,
    /// ✓: `count` of a group letter's `of` other members have it.
    Partly { count: u32, of: u32 },
    /// The letter going back, with a stamp saying why.
    Returned(Tr),
}

/// How a move ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It reaches `to` and stays (a letter) or disappears there (a card).
    Arrives,
    /// It vanishes on the way (a lost frame).
    Vanishes,
    /// It reaches `to` and is thrown away there (a recognised duplicate).
    Discarded,
}

/// Something moving during one beat.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    /// The envelope it is (cards: their letter's sender's envelope).
    pub letter: LetterCopy,
    /// The letter's words, in both languages.
    pub text: Tr,
    pub token: Token,
    pub from: Spot,
    pub to: Spot,
    pub fate: Fate,
}

/// The state of everything drawn, after a beat.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    pub phones: Vec<PhoneState>,
    pub office: OfficeState,
    /// Envelopes resting somewhere (not cards): which, its words, where.
    pub letters: Vec<(LetterCopy, Tr, Spot)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhoneState {
    pub bubbles: Vec<Bubble>,
    /// Messages in the local database.
    pub stored: u32,
    pub link: Link,
    /// The post office has marked this phone offline.
    pub greyed: bool,
    /// Faults armed on its long connection: the next frame of this class going this
    /// way will be lost.
    pub armed: Vec<(crate::sim::Dir, crate::sim::FrameClass)>,
}

impl PhoneState {
    /// The newest bubble on its screen: what a chat app's list of chats shows of
    /// the phone (a crowd's tile shows it).
    pub fn latest(&self) -> Option<&Bubble> {
        self.bubbles.last()
    }
}

/// A long connection's state, as the phone's postman sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Link {
    #[default]
    Offline,
    Connecting,
    Online,
    /// The network is gone (a tunnel): nothing passes.
    NoSignal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bubble {
    /// The letter it shows: two bubbles with the same words are two letters.
    pub id: MsgId,
    /// The words, in both languages.
    pub text: Tr,
    /// Who wrote it (the phone's owner for their own bubbles).
    pub from: usize,
    pub mine: bool,
    pub status: BubbleStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BubbleStatus {
    Sending,
    /// ✓
    Received,
    /// ✓✓
    Delivered,
    /// ✓ a group letter `count` of its `of` other members have.
    Partly {
        count: u32,
        of: u32,
    },
    Returned(Tr),
    Lost,
    /// A message someone else sent.
    Incoming,
}

impl BubbleStatus {
    /// What a small picture of the phone writes after its own bubble (a tile has no
    /// room for a return's reason: the inspector gives it): the ticks as the phone
    /// screen draws them, or the stamp's first word; and whether it is bad news.
    pub fn short(&self) -> (Tr, bool) {
        use crate::viz::lang::ui;
        match self {
            BubbleStatus::Sending => (Tr::same("…"), false),
            BubbleStatus::Received | BubbleStatus::Partly { .. } => (Tr::same("✓"), false),
            BubbleStatus::Delivered => (Tr::same("✓✓"), false),
            BubbleStatus::Returned(_) => (ui::returned(), true),
            BubbleStatus::Lost => (ui::not_sent(), true),
            BubbleStatus::Incoming => (Tr::default(), false),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OfficeState {
    pub open: bool,
    pub online: u32,
    pub archived: u32,
    pub shelved: u32,
}

/// The names of the nine steps, in one place.
pub fn step_name(n: u8) -> Tr {
    match n {
        1 => Tr::new("Edit", "编辑"),
        2 => Tr::new("Store", "存储"),
        3 => Tr::new("Send", "发送"),
        4 => Tr::new("Receive", "接收"),
        5 => Tr::new("Verify", "验证"),
        6 => Tr::new("Forward", "转发"),
        7 => Tr::new("Receive", "接收"),
        8 => Tr::new("Store", "存储"),
        _ => Tr::new("Display", "显示"),
    }
}
