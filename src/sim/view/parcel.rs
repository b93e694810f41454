//! What the class sees of photos and voice messages (issue 26), read from the
//! trace like the rest of the view — what the picture needs, so that the window
//! decides nothing:
//!
//! - per bubble of a letter with a parcel ([`Bubble::parcel`], a [`ParcelLook`]):
//!   what it is (a photo, a voice message and its length), its parts, how many
//!   of them are where they are going, and its state. On the writer's bubble
//!   `have` counts the parts the parcel store holds (what the class sees of the
//!   store; the bar grows as each part reaches it); on an addressee's bubble the
//!   parts that reached that phone. The whole photo (or a playable voice
//!   message) is shown on an addressee's bubble only in [`ParcelState::Whole`],
//!   which comes only when every part has; before it the bubble shows the
//!   thumbnail (a photo's slip carries one) and the bar. A bubble that shows a
//!   recall notice has no parcel.
//! - the parcel store's contents ([`View::parcels`], a [`StoreParcel`] per
//!   letter): parts held of how many, whether whole, which phones fetched it
//!   (one copy for all of them), and whether it expired.
//! - [`View::parcel_shown`]: when each phone showed each parcel whole (once).
//! - parts on their way ([`Token::Part`] in [`Moved`]): the writer's postman →
//!   its parcel wire (`upload`), the wire → the parcel store (`part_stored`), the
//!   store → an addressee's parcel wire (`parcel_sent`), the wire → that phone's
//!   screen (`part_arrived`); a part lost on a wire vanishes there. The questions
//!   and answers about parts (`part:Q`, `part:A`, `get`, `gone`) light the parts
//!   they leave from.

use std::collections::BTreeSet;

use super::{Connection, Ending, LetterCopy, Move, Moved, Place, Token, View, WireAt};
use crate::sim::frame::{Dir, Envelope, MsgId};
use crate::sim::parcel::ParcelKind;
use crate::sim::trace::{Event, What};
use crate::sim::world::DeviceIdx;

/// Where a bubble's photo or voice message stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParcelState {
    /// The writer's: its parts are going up to the parcel store.
    Uploading,
    /// The writer's: not going up now — the phone has no line (yet, or lost
    /// it), or gave the upload up (❗).
    Paused,
    /// The writer's: the parcel store has all of it.
    InStore,
    /// An addressee's: only the slip (the thumbnail, the length) is here; the
    /// phone is not fetching the parcel now (not yet, or its line is gone).
    Waiting,
    /// An addressee's: its parts are coming down from the parcel store.
    Downloading,
    /// An addressee's: every part is here: the whole photo (or the voice message,
    /// ready to play) is shown.
    Whole,
    /// An addressee's: the parcel store threw it out before the phone had it: the
    /// thumbnail stays, marked "expired".
    Expired,
}

/// A bubble's photo or voice message.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ParcelLook {
    pub kind: ParcelKind,
    pub kb: u32,
    /// How many parts it goes in.
    pub parts: u32,
    /// The writer's bubble: parts the parcel store holds; an addressee's: parts
    /// that reached the phone.
    pub have: u32,
    pub state: ParcelState,
}

impl ParcelLook {
    /// A photo's bubble shows its thumbnail (the slip carries it).
    pub fn thumbnail(&self) -> bool {
        self.kind == ParcelKind::Photo
    }
}

/// One parcel in the parcel store, as the class sees it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StoreParcel {
    pub kind: ParcelKind,
    pub kb: u32,
    pub parts: u32,
    /// Different parts it holds.
    pub held: u32,
    /// It has every part.
    pub whole: bool,
    /// It threw the parcel out (`keep_ms` after it was whole).
    pub expired: bool,
    /// The phones it sent the parcel to, from its one copy.
    pub fetched_by: BTreeSet<DeviceIdx>,
}

impl View {
    /// The parcel look of `u`'s bubble of letter `id`.
    pub fn parcel_look(&self, u: DeviceIdx, id: MsgId) -> Option<ParcelLook> {
        let p = self.phone(u)?;
        p.chat.iter().rev().find(|b| b.id == id)?.parcel
    }

    /// How many times `u`'s screen showed letter `id`'s parcel whole.
    pub fn parcel_times_shown(&self, u: DeviceIdx, id: MsgId) -> usize {
        self.parcel_shown.get(&(u, id)).map_or(0, Vec::len)
    }

    fn look_mut(&mut self, u: DeviceIdx, id: MsgId) -> Option<&mut ParcelLook> {
        let p = self.phone_mut(u)?;
        p.chat
            .iter_mut()
            .rev()
            .find(|b| b.id == id)?
            .parcel
            .as_mut()
    }

    /// A new bubble's parcel (at step 1 on the writer's phone, step 9 on an
    /// addressee's).
    pub(super) fn new_look(&self, m: &Envelope, u: DeviceIdx) -> Option<ParcelLook> {
        let slip = m.parcel.as_deref()?;
        let state = if u != self.writer(m.id) {
            ParcelState::Waiting
        } else if self
            .phone(u)
            .is_some_and(|p| p.connection == Connection::Open)
        {
            ParcelState::Uploading
        } else {
            ParcelState::Paused
        };
        Some(ParcelLook {
            kind: slip.parcel.kind,
            kb: slip.parcel.kb,
            parts: slip.parts,
            have: 0,
            state,
        })
    }

    /// Photos and voice messages: their looks, the store, and the parts that
    /// move (see the module's comment).
    pub(super) fn parcels(&mut self, e: &Event, me: Option<DeviceIdx>, moved: &mut Moved) {
        self.parcel_lines(e, me);
        let Some(m) = e.msg.as_ref() else {
            return;
        };
        if !self.parcel_up(e, m, me, moved) {
            self.parcel_down(e, m, me, moved);
        }
    }

    fn set_look(&mut self, u: DeviceIdx, id: MsgId, f: impl Fn(&mut ParcelLook)) {
        if let Some(look) = self.look_mut(u, id) {
            f(look);
        }
    }

    /// The upload's side: the writer's phone and the store. Whether `e` was one
    /// of its events.
    fn parcel_up(
        &mut self,
        e: &Event,
        m: &Envelope,
        me: Option<DeviceIdx>,
        moved: &mut Moved,
    ) -> bool {
        let id = m.id;
        let store = Place::ParcelStore;
        let part = |part, of, from, to, ending| Move {
            letter: LetterCopy { id, to: None },
            token: Token::Part { part, of },
            from,
            to,
            ending,
        };
        match (&e.what, me) {
            (
                What::Upload {
                    from_part, parts, ..
                },
                Some(u),
            ) => {
                self.set_look(u, id, |l| l.state = ParcelState::Uploading);
                *moved = Moved::default();
                let wire = Place::Wire(u, WireAt::Middle);
                let go = part(
                    Some(*from_part),
                    *parts,
                    Place::Postman(u),
                    wire,
                    Ending::Arrives,
                );
                moved.travel(go, Place::Postman(u));
            }
            (What::PartStored { part: p, of, again }, None) => {
                let held = self.store_parcel(m);
                if !again {
                    held.held += 1;
                }
                let held = held.held;
                self.set_look(self.writer(m.id), id, |l| l.have = held);
                let ending = if *again {
                    Ending::Discarded
                } else {
                    Ending::Arrives
                };
                *moved = Moved::default();
                let wire = Place::Wire(self.writer(m.id), WireAt::Phone);
                moved.travel(part(Some(*p), *of, wire, store, ending), store);
            }
            (What::ParcelStored { parts, .. }, None) => {
                self.store_parcel(m).whole = true;
                let parts = *parts;
                self.set_look(self.writer(m.id), id, |l| {
                    l.have = parts;
                    l.state = ParcelState::InStore;
                });
                *moved = Moved::default();
                moved.light(store);
            }
            (What::UploadAnswered { .. }, None) => {
                *moved = Moved::default();
                moved.light(store);
            }
            (What::ParcelExpired { .. }, None) => {
                let s = self.store_parcel(m);
                s.expired = true;
                s.held = 0;
                *moved = Moved::default();
                moved.light(store);
            }
            (What::UploadAsked { .. }, Some(u)) => {
                self.set_look(u, id, |l| l.state = ParcelState::Uploading);
                *moved = Moved::default();
                moved.light(Place::Postman(u));
            }
            (What::Lost { .. }, Some(u)) => self.set_look(u, id, |l| {
                if l.state == ParcelState::Uploading {
                    l.state = ParcelState::Paused;
                }
            }),
            _ => return false,
        }
        true
    }

    /// The download's side: the store and an addressee's phone.
    fn parcel_down(&mut self, e: &Event, m: &Envelope, me: Option<DeviceIdx>, moved: &mut Moved) {
        let id = m.id;
        let store = Place::ParcelStore;
        let of = m.parcel.as_deref().map_or(0, |s| s.parts);
        let part = |part, of, from, to, ending| Move {
            letter: LetterCopy { id, to: None },
            token: Token::Part { part, of },
            from,
            to,
            ending,
        };
        match (&e.what, me) {
            (What::ParcelSent { to, from_part, .. }, None) => {
                self.store_parcel(m).fetched_by.insert(*to);
                *moved = Moved::default();
                let wire = Place::Wire(*to, WireAt::Middle);
                moved.travel(
                    part(Some(*from_part), of, store, wire, Ending::Arrives),
                    store,
                );
            }
            (What::FetchParcel { .. }, Some(u)) => {
                self.set_look(u, id, |l| l.state = ParcelState::Downloading);
                *moved = Moved::default();
                moved.light(Place::Postman(u));
            }
            (What::PartArrived { part: p, of, again }, Some(u)) => {
                if !again {
                    self.set_look(u, id, |l| l.have = (l.have + 1).min(l.parts));
                }
                let ending = if *again {
                    Ending::Discarded
                } else {
                    Ending::Arrives
                };
                *moved = Moved::default();
                let (wire, screen) = (Place::Wire(u, WireAt::Office), Place::Screen(u));
                moved.travel(part(Some(*p), *of, wire, screen, ending), screen);
            }
            (What::ParcelShown | What::ParcelGone, Some(u)) => {
                let shown = e.what == What::ParcelShown;
                self.set_look(u, id, |l| {
                    l.state = match shown {
                        true => ParcelState::Whole,
                        false => ParcelState::Expired,
                    };
                    if shown {
                        l.have = l.parts;
                    }
                });
                if shown {
                    self.parcel_shown.entry((u, id)).or_default().push(e.at);
                }
                *moved = Moved::default();
                moved.light(Place::Screen(u));
            }
            (What::Recalled { .. }, Some(u)) => {
                if let Some(b) = self
                    .phone_mut(u)
                    .and_then(|p| p.chat.iter_mut().rev().find(|b| b.id == id))
                {
                    b.parcel = None;
                }
            }
            (
                What::FrameLost {
                    user, dir, frame, ..
                },
                _,
            ) if frame.on_parcel_wire() => {
                *moved = Moved::default();
                if frame.class() == crate::sim::frame::FrameClass::Parcel {
                    let (phone, office) = (
                        Place::Wire(*user, WireAt::Phone),
                        Place::Wire(*user, WireAt::Office),
                    );
                    let (from, to) = match dir {
                        Dir::ToServer => (phone, office),
                        Dir::ToPhone => (office, phone),
                    };
                    moved.moving = Some(part(None, of, from, to, Ending::Vanishes));
                }
            }
            _ => {}
        }
    }

    /// The store's record of letter `m`'s parcel.
    fn store_parcel(&mut self, m: &Envelope) -> &mut StoreParcel {
        let slip = m.parcel.as_deref().copied();
        self.parcels.entry(m.id).or_insert_with(|| StoreParcel {
            kind: slip.map_or(ParcelKind::Photo, |s| s.parcel.kind),
            kb: slip.map_or(0, |s| s.parcel.kb),
            parts: slip.map_or(0, |s| s.parts),
            held: 0,
            whole: false,
            expired: false,
            fetched_by: BTreeSet::new(),
        })
    }

    /// A phone's line goes (a tunnel, a silence noticed, a logout, the app
    /// closed, the post office closed): its parcels stop moving.
    fn parcel_lines(&mut self, e: &Event, me: Option<DeviceIdx>) {
        let gone: Vec<DeviceIdx> = match (&e.what, me) {
            (What::LinkDown { user }, _) => vec![*user],
            (What::ConnectionLost { .. } | What::LoggedOut | What::AppClosed, Some(u)) => vec![u],
            (What::PostOfficeClosed, _) => (0..self.phones.len() as u32).map(DeviceIdx).collect(),
            _ => return,
        };
        for u in gone {
            let Some(p) = self.phone_mut(u) else { continue };
            for b in &mut p.chat {
                if let Some(l) = b.parcel.as_mut() {
                    l.state = match l.state {
                        ParcelState::Uploading => ParcelState::Paused,
                        ParcelState::Downloading => ParcelState::Waiting,
                        other => other,
                    };
                }
            }
        }
    }
}
