//! The parcel store (issue 26): a room of the post office that keeps photos and
//! voice messages apart from the letters (real apps' file servers, their CDN).
//!
//! It takes a parcel in parts from its writer's phone (`part:R`) and keeps every
//! part it gets, whatever happens to the writer's line. When it has them all it
//! tells the writer's phone, unasked (`part:A`, whole); asked how much it has
//! (`part:Q`), it says how many parts from the first without a gap (`part:A`). It
//! keeps one copy of each parcel, however many phones fetch it: asked for it by
//! an addressee's phone (`get`, from a part), it sends the parts from there down
//! that phone's parcel wire (`part:N`). With `parcels: (keep_ms:)` it throws a
//! parcel out that long after it had all of it (a timer that keeps no run
//! going); asked for it after that, it answers `gone`. The letter and its slip
//! stay in the archive: only the parcel goes.
//!
//! It reads no long connection: a phone's parcel wire is its own, so the store
//! takes parts from a phone the counter holds for offline, as a file server
//! takes an upload.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::PostOffice;
use crate::sim::effects::{Out, ServerTimer, Timer};
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::parcel::Parts;
use crate::sim::trace::{Actor, What};
use crate::sim::world::{DeviceIdx, Settings, Time};

/// What the parcel store holds.
#[derive(Clone, Debug, Default)]
pub struct ParcelStore {
    /// Every parcel it has had a part of, by its letter.
    pub held: BTreeMap<MsgId, Held>,
}

/// One parcel in the store.
#[derive(Clone, Debug)]
pub struct Held {
    /// Its letter (as the writer's phone sent it with the parts: only its id
    /// and slip are read here; the trace names the letter by it).
    pub env: Arc<Envelope>,
    /// How many parts it is cut into, and how big it is.
    pub parts: u32,
    pub kb: u32,
    /// The parts it has.
    pub got: Parts,
    /// When it had all of them.
    pub whole_at: Option<Time>,
    /// Thrown out (`keep_ms` after `whole_at`).
    pub expired: bool,
    /// The phones it sent the parcel to (asked with `get`).
    pub served: BTreeSet<DeviceIdx>,
}

impl Held {
    /// Whole and not thrown out: an addressee can have it.
    pub fn ready(&self) -> bool {
        self.whole_at.is_some() && !self.expired
    }
}

impl PostOffice {
    /// A frame on a phone's parcel wire.
    pub(super) fn on_parcel_frame(
        &mut self,
        now: Time,
        from: DeviceIdx,
        frame: Frame,
        s: &Settings,
        out: &mut Out,
    ) {
        match frame {
            Frame::PartR { env, part, of } if self.writer(env.id) == from => {
                self.store_part(now, env, part, of, s, out);
            }
            Frame::PartAsk(env) if self.writer(env.id) == from => self.answer_upload(now, env, out),
            Frame::Get { id, from: part } => self.send_parcel(now, from, id, part, out),
            // A part from a phone that did not write the letter, or a frame only
            // phones receive.
            _ => {}
        }
    }

    fn store_part(
        &mut self,
        now: Time,
        env: Arc<Envelope>,
        part: u32,
        of: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        let Some(slip) = env.parcel.as_deref().copied() else {
            return;
        };
        let po = Actor::PostOffice;
        let held = self.parcels.held.entry(env.id).or_insert_with(|| Held {
            env: env.clone(),
            parts: slip.parts,
            kb: slip.parcel.kb,
            got: Parts::default(),
            whole_at: None,
            expired: false,
            served: BTreeSet::new(),
        });
        if held.expired || part == 0 || part > held.parts {
            return;
        }
        let again = !held.got.add(part);
        out.note(now, po, Some(&env), What::PartStored { part, of, again });
        if held.whole_at.is_none() && held.got.count() >= held.parts {
            held.whole_at = Some(now);
            let (parts, kb) = (held.parts, held.kb);
            out.note(now, po, Some(&env), What::ParcelStored { parts, kb });
            let id = env.id;
            out.send(
                self.world.writer(id),
                Frame::PartA {
                    id,
                    have: parts,
                    of: parts,
                },
            );
            if let Some(keep) = s.parcels.keep_ms {
                out.set_timer(keep, Timer::Server(ServerTimer::ParcelExpires { id }));
            }
        }
    }

    /// `part:Q`: how many parts it has from the first without a gap (all of them,
    /// once it had the whole parcel).
    fn answer_upload(&mut self, now: Time, env: Arc<Envelope>, out: &mut Out) {
        let Some(slip) = env.parcel.as_deref().copied() else {
            return;
        };
        let of = slip.parts;
        let have = match self.parcels.held.get(&env.id) {
            Some(h) if h.whole_at.is_some() => of,
            Some(h) => h.got.from_start(),
            None => 0,
        };
        out.note(
            now,
            Actor::PostOffice,
            Some(&env),
            What::UploadAnswered { have, of },
        );
        let id = env.id;
        out.send(self.world.writer(id), Frame::PartA { id, have, of });
    }

    /// `get`: the parcel from part `from_part` down `to`'s parcel wire, or `gone`.
    fn send_parcel(&mut self, now: Time, to: DeviceIdx, id: MsgId, from_part: u32, out: &mut Out) {
        let Some(held) = self.parcels.held.get_mut(&id).filter(|h| h.ready()) else {
            out.send(to, Frame::Gone(id));
            return;
        };
        held.served.insert(to);
        let count = held.served.len() as u32;
        let from_part = from_part.max(1);
        out.note(
            now,
            Actor::PostOffice,
            Some(&held.env),
            What::ParcelSent {
                to,
                from_part,
                count,
            },
        );
        let (of, kb) = (held.parts, held.kb);
        for part in from_part..=of {
            out.send(to, Frame::PartN { id, part, of, kb });
        }
    }

    /// `keep_ms` after it had all of it, the store throws letter `id`'s parcel out.
    pub(super) fn parcel_expires(&mut self, now: Time, id: MsgId, out: &mut Out) {
        let Some(held) = self.parcels.held.get_mut(&id) else {
            return;
        };
        if held.expired {
            return;
        }
        held.expired = true;
        held.got.clear();
        let kept_ms = now.saturating_sub(held.whole_at.unwrap_or(now));
        out.note(
            now,
            Actor::PostOffice,
            Some(&held.env),
            What::ParcelExpired { kept_ms },
        );
    }
}
