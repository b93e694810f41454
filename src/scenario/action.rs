//! Actions as one two-way table: a scene file's action ([`ActionSpec`]) and the
//! simulation's ([`Action`]) convert both ways here, and only here.
//!
//! - file → simulation: [`Builder::action`] (the scene's builder; each mistake noted
//!   with its entry);
//! - simulation → file: [`spec_of`], and [`entry_ron`] for a script entry as a
//!   saved lesson writes it (`(at_ms: 1200, do: Logout("hanmeimei"))`), serialised
//!   through ron with the project's formatting (one line, `name: value`, strings
//!   quoted as [`quoted`] does).
//!
//! The window's fault menu offers what [`offered`] lists for a part of the
//! picture, worded by `words::act::offer`.
//!
//! A new kind of action is a variant of `Action`, one of `ActionSpec`, and one arm
//! in each direction below; the compiler points at all three.

use serde::Serialize;

use super::check::{Builder, Role, text};
pub use super::spec::quoted;
use super::spec::{
    ActionSpec, EntrySpec, Num, ParcelSpec, PresenceSpec, TextSpec, Toward, WhatSpec,
};
use crate::sim::view::{Connection, Register, View};
use crate::sim::{
    Action, Dest, DeviceIdx, Dir, FrameClass, OwnLetter, Parcel, ParcelKind, Presence,
    RegisterChange, Text, Time, UserIdx, World,
};

impl From<Toward> for Dir {
    fn from(t: Toward) -> Dir {
        match t {
            Toward::Server => Dir::ToServer,
            Toward::Phone => Dir::ToPhone,
        }
    }
}

impl From<Dir> for Toward {
    fn from(d: Dir) -> Toward {
        match d {
            Dir::ToServer => Toward::Server,
            Dir::ToPhone => Toward::Phone,
        }
    }
}

impl From<WhatSpec> for FrameClass {
    fn from(w: WhatSpec) -> FrameClass {
        match w {
            WhatSpec::Message => FrameClass::Message,
            WhatSpec::Ack => FrameClass::Ack,
            WhatSpec::Heartbeat => FrameClass::Heartbeat,
            WhatSpec::Parcel => FrameClass::Parcel,
            WhatSpec::Any => FrameClass::Any,
        }
    }
}

impl From<FrameClass> for WhatSpec {
    fn from(c: FrameClass) -> WhatSpec {
        match c {
            FrameClass::Message => WhatSpec::Message,
            FrameClass::Ack => WhatSpec::Ack,
            FrameClass::Heartbeat => WhatSpec::Heartbeat,
            FrameClass::Parcel => WhatSpec::Parcel,
            FrameClass::Any => WhatSpec::Any,
        }
    }
}

/// A letter's words as a file writes them: one plain string when they are the
/// same in both languages (a letter typed live), else both languages.
pub fn text_spec(t: &Text) -> TextSpec {
    if t.is_plain() {
        TextSpec::plain(&t.en)
    } else {
        TextSpec {
            en: t.en.to_string(),
            zh: t.zh.to_string(),
            plain: false,
            story: None,
        }
    }
}

/// A photo or a voice message as a scene file writes it: `Photo(kb: 1200)`.
pub fn parcel_spec(p: Parcel) -> ParcelSpec {
    let kb = Num::Whole(p.kb as u64);
    match p.kind {
        ParcelKind::Photo => ParcelSpec::Photo { kb },
        ParcelKind::Voice { seconds } => ParcelSpec::Voice {
            kb,
            seconds: Num::Whole(seconds as u64),
        },
    }
}

/// An action as a scene file writes it, its people, devices and groups by their
/// ids.
pub fn spec_of(action: &Action, world: &World) -> ActionSpec {
    let id = |u: UserIdx| world.person(u).id.to_string();
    let dev = |d: DeviceIdx| world.device_id(d).to_string();
    match action {
        Action::Login(u) => ActionSpec::Login(dev(*u)),
        Action::Logout(u) => ActionSpec::Logout(dev(*u)),
        Action::CloseApp(u) => ActionSpec::CloseApp { user: dev(*u) },
        Action::OpenApp(u) => ActionSpec::OpenApp { user: dev(*u) },
        Action::OpenChat(u, chat) => ActionSpec::OpenChat {
            user: dev(*u),
            with: match chat {
                Dest::User(x) => Some(id(*x)),
                Dest::Group(_) => None,
            },
            group: match chat {
                Dest::Group(g) => Some(world.group(*g).id.to_string()),
                Dest::User(_) => None,
            },
        },
        Action::CloseChat(u) => ActionSpec::CloseChat { user: dev(*u) },
        Action::LinkDown(u) => ActionSpec::LinkDown(dev(*u)),
        Action::LinkUp(u) => ActionSpec::LinkUp(dev(*u)),
        Action::Send {
            from,
            to: Dest::User(to),
            text,
            parcel,
        } => ActionSpec::Send {
            from: dev(*from),
            to: id(*to),
            text: text_spec(text),
            id: None,
            parcel: parcel.map(parcel_spec),
        },
        Action::Send {
            from,
            to: Dest::Group(g),
            text,
            parcel,
        } => ActionSpec::SendGroup {
            from: dev(*from),
            group: world.group(*g).id.to_string(),
            text: text_spec(text),
            id: None,
            parcel: parcel.map(parcel_spec),
        },
        Action::SetLoss { user, loss } => ActionSpec::SetLoss {
            user: dev(*user),
            loss: Num::Other(*loss),
        },
        Action::Drop { user, toward, what } => ActionSpec::Drop {
            user: dev(*user),
            toward: (*toward).into(),
            what: (*what).into(),
        },
        Action::Register(change, a, b) => {
            let (a, b) = (id(*a), id(*b));
            match change {
                RegisterChange::Befriend => ActionSpec::Befriend(a, b),
                RegisterChange::Unfriend => ActionSpec::Unfriend(a, b),
                RegisterChange::Block => ActionSpec::Block(a, b),
                RegisterChange::Unblock => ActionSpec::Unblock(a, b),
            }
        }
        Action::ServerDown => ActionSpec::ServerDown,
        Action::ServerUp => ActionSpec::ServerUp,
        Action::SetPresence(p) => ActionSpec::SetPresence(match p {
            Presence::Off => PresenceSpec::Off,
            Presence::Push => PresenceSpec::Push,
            Presence::Pull { every_ms } => PresenceSpec::Pull {
                every_ms: Num::Whole(*every_ms),
            },
        }),
        Action::Typing { from, to, on } => {
            let (from, to) = (dev(*from), id(*to));
            match on {
                true => ActionSpec::Typing { from, to },
                false => ActionSpec::StopTyping { from, to },
            }
        }
        Action::Resend(pick) => ActionSpec::Resend {
            letter: text_spec(&pick.named),
        },
        Action::Recall(pick) => ActionSpec::Recall {
            letter: text_spec(&pick.named),
        },
        Action::Membership { user, group, join } => {
            let (user, group) = (id(*user), world.group(*group).id.to_string());
            match join {
                true => ActionSpec::Join { user, group },
                false => ActionSpec::Leave { user, group },
            }
        }
        Action::MoveChats { from, to } => ActionSpec::MoveChats {
            from: dev(*from),
            to: dev(*to),
        },
    }
}

/// A script entry as written in a scene file:
/// `(at_ms: 1200, do: Logout("hanmeimei"))`.
pub fn entry_ron(at: Time, action: &Action, world: &World) -> String {
    to_ron(&EntrySpec {
        at_ms: Num::Whole(at),
        action: spec_of(action, world),
    })
}

/// A script entry as [`entry_ron`] writes it, a letter with the id `letter_id`
/// (`id: "class-1"` after its text); an action that writes no letter has no id.
pub fn entry_ron_with_id(at: Time, action: &Action, world: &World, letter_id: &str) -> String {
    let mut action = spec_of(action, world);
    if let ActionSpec::Send { id, .. } | ActionSpec::SendGroup { id, .. } = &mut action {
        *id = Some(letter_id.to_string());
    }
    to_ron(&EntrySpec {
        at_ms: Num::Whole(at),
        action,
    })
}

/// One value on one line, as the scene files are written by hand.
fn to_ron(value: &impl Serialize) -> String {
    let one_line = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .new_line("")
        .indentor("");
    ron::ser::to_string_pretty(value, one_line)
        .expect("an action is always written (its strings are quoted by `quoted`)")
}

impl<'a> Builder<'a, '_> {
    /// The script entry's action at `at` (`script[3].do`) for the simulation; `None`
    /// (with the mistakes noted) when it names someone unknown or is wrong.
    pub(super) fn action(&mut self, spec: &ActionSpec, at: &str) -> Option<Action> {
        let phone = |b: &mut Self, id: &str, field: &str| b.device(id, format!("{at}{field}"));
        let register = |b: &mut Self, change, x: &str, y: &str| {
            b.pair(x, y, at)
                .map(|(x, y)| Action::Register(change, x, y))
        };
        match spec {
            ActionSpec::Login(u) => phone(self, u, "[0]").map(Action::Login),
            ActionSpec::Logout(u) => phone(self, u, "[0]").map(Action::Logout),
            ActionSpec::CloseApp { user } => phone(self, user, ".user").map(Action::CloseApp),
            ActionSpec::OpenApp { user } => phone(self, user, ".user").map(Action::OpenApp),
            ActionSpec::OpenChat { user, with, group } => {
                self.open_chat(user, with.as_deref(), group.as_deref(), at)
            }
            ActionSpec::CloseChat { user } => phone(self, user, ".user").map(Action::CloseChat),
            ActionSpec::LinkDown(u) => phone(self, u, "[0]").map(Action::LinkDown),
            ActionSpec::LinkUp(u) => phone(self, u, "[0]").map(Action::LinkUp),
            ActionSpec::Send {
                from,
                to,
                text,
                parcel,
                ..
            } => {
                let parcel = self.parcel_of(parcel.as_ref(), at);
                let send = self.send(from, to, text, at);
                attach(send, parcel)
            }
            ActionSpec::SendGroup {
                from,
                group,
                text,
                parcel,
                ..
            } => {
                let parcel = self.parcel_of(parcel.as_ref(), at);
                self.check_text(text, &format!("{at}.text"));
                let f = phone(self, from, ".from");
                let g = self.group(group, format!("{at}.group"));
                Some(Action::Send {
                    from: f?,
                    to: Dest::Group(g?),
                    text: self::text(text),
                    parcel: parcel?,
                })
            }
            ActionSpec::SetLoss { user, loss } => {
                let loss = self.loss(*loss, &format!("{at}.loss"));
                phone(self, user, ".user").map(|user| Action::SetLoss { user, loss })
            }
            ActionSpec::Drop { user, toward, what } => {
                phone(self, user, ".user").map(|user| Action::Drop {
                    user,
                    toward: (*toward).into(),
                    what: (*what).into(),
                })
            }
            ActionSpec::Befriend(a, b) => register(self, RegisterChange::Befriend, a, b),
            ActionSpec::Unfriend(a, b) => register(self, RegisterChange::Unfriend, a, b),
            ActionSpec::Block(a, b) => register(self, RegisterChange::Block, a, b),
            ActionSpec::Unblock(a, b) => register(self, RegisterChange::Unblock, a, b),
            ActionSpec::ServerDown => Some(Action::ServerDown),
            ActionSpec::ServerUp => Some(Action::ServerUp),
            ActionSpec::SetPresence(p) => self
                .presence(*p, &format!("{at}[0]"))
                .map(Action::SetPresence),
            ActionSpec::Typing { from, to } => self.typing(from, to, true, at),
            ActionSpec::StopTyping { from, to } => self.typing(from, to, false, at),
            // Its letter is found once the whole script is read (`later.rs`).
            ActionSpec::Resend { letter } => Some(unresolved(letter)),
            ActionSpec::Recall { letter } => Some(Action::Recall(unnamed(letter))),
            ActionSpec::Join { user, group } => self.membership(user, group, true, at),
            ActionSpec::Leave { user, group } => self.membership(user, group, false, at),
            ActionSpec::MoveChats { from, to } => self.move_chats(from, to, at),
        }
    }

    /// `Join(user: …, group: …)` or `Leave(…)`: a phone and a group (whether the
    /// user is a member at that moment is checked in `later.rs`).
    fn membership(&mut self, user: &str, group: &str, join: bool, at: &str) -> Option<Action> {
        let u = self.user(user, format!("{at}.user"), Role::Phone);
        let g = self.group(group, format!("{at}.group"));
        Some(Action::Membership {
            user: u?,
            group: g?,
            join,
        })
    }

    /// `MoveChats(from: …, to: …)` (issue 27): two different devices of one
    /// person.
    fn move_chats(&mut self, from: &str, to: &str, at: &str) -> Option<Action> {
        let f = self.device(from, format!("{at}.from"));
        let t = self.device(to, format!("{at}.to"));
        let (from_d, to_d) = (f?, t?);
        if from_d == to_d {
            self.problem(
                format!("{at}.to"),
                format!("found {to:?}, the device the chats are moved from; expected another device of the same person"),
            );
            return None;
        }
        let (a, b) = (self.world.owner(from_d), self.world.owner(to_d));
        if a != b {
            let (na, nb) = (&self.world.person(a).name.en, &self.world.person(b).name.en);
            self.problem(
                format!("{at}.to"),
                format!("found {to:?}, a device of {nb}, but {from:?} is {na}'s; expected two devices of the same person (chats move between one person's own devices)"),
            );
            return None;
        }
        Some(Action::MoveChats {
            from: from_d,
            to: to_d,
        })
    }

    /// `Typing(from: …, to: …)` or `StopTyping(…)`: two different phones.
    fn typing(&mut self, from: &str, to: &str, on: bool, at: &str) -> Option<Action> {
        let f = self.device(from, format!("{at}.from"));
        let t = self.user(to, format!("{at}.to"), Role::Phone);
        let (from, t) = (f?, t?);
        if self.world.owner(from) == t {
            self.problem(
                format!("{at}.to"),
                format!("found {to:?}, the one typing; expected someone else to type to"),
            );
            return None;
        }
        Some(Action::Typing { from, to: t, on })
    }

    /// `Send(from: …, to: …, text: …)`: to a user or an unregistered address, not
    /// to the sender.
    fn send(&mut self, from: &str, to: &str, words: &TextSpec, at: &str) -> Option<Action> {
        self.check_text(words, &format!("{at}.text"));
        let f = self.device(from, format!("{at}.from"));
        let t = self.user(to, format!("{at}.to"), Role::Address);
        let (from, t) = (f?, t?);
        if self.world.owner(from) == t {
            self.problem(
                format!("{at}.to"),
                format!("found {to:?}, the sender; expected someone else to write to"),
            );
            return None;
        }
        Some(Action::Send {
            from,
            to: Dest::User(t),
            text: text(words),
            parcel: None,
        })
    }

    /// A letter's `parcel:`, checked: `Some(None)` for a letter without one,
    /// `None` (the mistakes noted) for a wrong one.
    fn parcel_of(&mut self, spec: Option<&ParcelSpec>, at: &str) -> Option<Option<Parcel>> {
        match spec {
            None => Some(None),
            Some(p) => {
                let part_kb = self.part_kb;
                self.parcel(p, at, part_kb).map(Some)
            }
        }
    }
}

/// A letter built without its parcel, with it.
fn attach(send: Option<Action>, parcel: Option<Option<Parcel>>) -> Option<Action> {
    match (send?, parcel?) {
        (Action::Send { from, to, text, .. }, parcel) => Some(Action::Send {
            from,
            to,
            text,
            parcel,
        }),
        (other, _) => Some(other),
    }
}

/// A `Resend` as the builder first makes it, before the script's letters are
/// known: its letter named, not found yet.
pub(super) fn unresolved(letter: &TextSpec) -> Action {
    Action::Resend(unnamed(letter))
}

/// A letter a `Resend` or `Recall` names, not found yet.
fn unnamed(letter: &TextSpec) -> OwnLetter {
    let named = text(letter);
    OwnLetter {
        from: DeviceIdx(u32::MAX),
        text: named.clone(),
        nth: u32::MAX,
        named,
    }
}

// ---- the class's menu: what may be done to a part of the picture ----

/// A part of the picture the class acts on (the window's fault menu).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A phone's long connection (a device's, issue 27).
    Link(DeviceIdx),
    /// A phone (a device, issue 27).
    Phone(DeviceIdx),
    /// The post office.
    Office,
}

/// The actions the class may take on `part` as the picture `view` shows it (and
/// the address register `register`), in the menu's order; `with` is the other
/// person of a phone's block and friendship.
pub fn offered(part: Part, view: &View, register: &Register, with: Option<UserIdx>) -> Vec<Action> {
    match part {
        Part::Link(u) => {
            let down = view
                .phone(u)
                .is_some_and(|p| p.connection == Connection::NoSignal);
            let mut out = vec![if down {
                Action::LinkUp(u)
            } else {
                Action::LinkDown(u)
            }];
            for toward in [Dir::ToServer, Dir::ToPhone] {
                for what in [FrameClass::Message, FrameClass::Ack] {
                    out.push(Action::Drop {
                        user: u,
                        toward,
                        what,
                    });
                }
            }
            out
        }
        Part::Office if view.office.open => vec![Action::ServerDown],
        Part::Office => vec![Action::ServerUp],
        Part::Phone(u) => {
            let closed = view
                .phone(u)
                .is_none_or(|p| p.connection == Connection::Closed);
            let mut out = vec![if closed {
                Action::Login(u)
            } else {
                Action::Logout(u)
            }];
            let u = view.phone(u).map_or(UserIdx(u.0), |p| p.owner);
            if let Some(w) = with.filter(|w| *w != u) {
                let block = match register.blocks.contains(&(u, w)) {
                    true => RegisterChange::Unblock,
                    false => RegisterChange::Block,
                };
                let friends = match register.friends(u, w) {
                    true => RegisterChange::Unfriend,
                    false => RegisterChange::Befriend,
                };
                out.push(Action::Register(block, u, w));
                out.push(Action::Register(friends, u, w));
            }
            out
        }
    }
}
