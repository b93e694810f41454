//! Parcels on a phone (issue 26): a photo or a voice message goes apart from its
//! letter.
//!
//! **The writer.** Steps 1 and 2 are a letter's (the bubble, the home mailbox:
//! the letter with its pickup slip). Before step 3 the phone uploads the parcel:
//! it puts all its parts on its parcel wire to the parcel store at once (`part:R`,
//! one frame each). The store answers, unasked, when it has them all (`part:A`);
//! then the letter goes (`msg:R`, step 3) carrying the slip, as any letter. When no
//! answer has come a while after the last part should have arrived (its retry
//! check, `retry: (grace_ms:)`, past the time its parts need on the wire), or when
//! its line comes back after a login, the phone asks the store how much it has
//! (`part:Q`); the store says how many parts it has from the first without a gap
//! (`part:A`), and the phone sends the rest: it resumes, never starts over. The
//! asking is bounded as a letter's retries are (`max_retries` asks without
//! progress): then the phone gives up (❗, "not sent"), and a tap on ❗ asks again
//! where it stopped.
//!
//! **An addressee.** At step 9 it shows the letter: the thumbnail of a photo (or
//! the voice message's length) and an empty bar; it asks the store for the parcel
//! (`get`, from the first part it lacks), and the store sends the parts down its
//! parcel wire (`part:N`). The whole photo (or a playable voice message) shows only
//! once every part has come, and only once. Parts it has stay across a lost
//! signal: after its line comes back (a login), or when no part came for a while,
//! it asks again from the first part it lacks (within `max_retries` asks without
//! progress; then it waits for its next login). A parcel the store threw out is
//! `gone`: the bubble keeps its thumbnail and says "expired".

use std::sync::Arc;

use super::{Conn, Phone, Status};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::parcel::{Parts, Slip, wire_ms};
use crate::sim::trace::What;
use crate::sim::world::{Settings, Time};

/// What a phone keeps about parcels: boxed in [`Phone::parcels`], so that a run
/// without them stays small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParcelSide {
    /// Its own letters' parcels not yet whole in the store, in the order they
    /// began.
    uploads: Vec<Upload>,
    /// Its own letters whose parcel the store has whole (it heard so), sorted.
    pub stored: Vec<MsgId>,
    /// The parcels of letters it shows from others, sorted by letter: those it
    /// is fetching, and those it has (so that none is shown twice).
    pub downloads: Vec<Download>,
    /// When its parcel wire toward the store is free again, as far as it has put
    /// parts on it (the wire is its own: the simulation's agrees).
    up_free_at: Time,
    /// When a part of any parcel last reached it.
    last_part_at: Time,
}

/// An upload in progress.
#[derive(Clone, Debug, PartialEq)]
struct Upload {
    env: Arc<Envelope>,
    slip: Slip,
    /// The parts the store has from the first without a gap, as last heard.
    known: u32,
    /// When the last part put on the wire should have reached the store.
    due: Time,
    /// A `part:Q` went at this time and has no answer yet.
    asked: Option<Time>,
    /// How many times it asked since the store's count last grew.
    asks: u32,
    /// Given up (❗): a tap on ❗ asks again.
    given_up: bool,
}

/// A parcel a phone fetches (or has) for a letter it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    pub id: MsgId,
    pub slip: Slip,
    /// The parts that have come.
    pub got: Parts,
    /// Shown whole.
    pub shown: bool,
    /// The store answered `gone`: it expired.
    pub gone: bool,
    /// Its letter was torn up by a recall: never shown.
    pub cancelled: bool,
    /// When it last asked (`get`).
    last_asked: Time,
    /// How many times it asked again since a part last came.
    asks: u32,
    /// The asks are spent: it waits for its next login.
    resting: bool,
}

impl Download {
    fn wants(&self) -> bool {
        !(self.shown || self.gone || self.cancelled)
    }
}

/// How long a phone waits for its parcel wire before it asks: two trips, one
/// part's time on the wire, and the grace of a retry.
fn patience(s: &Settings) -> Time {
    let trip = s.network.latency_ms.1;
    let part = wire_ms(s.parcels.part_kb, s.network.bandwidth_kb_per_s);
    s.retry
        .grace_ms
        .saturating_add(trip.saturating_mul(2))
        .saturating_add(part)
}

impl Phone {
    fn parcel_side(&mut self) -> &mut ParcelSide {
        self.parcels.get_or_insert_with(Box::default)
    }

    /// Whether the parcel store has letter `id`'s parcel whole, as this phone
    /// (its writer) heard.
    pub fn parcel_stored(&self, id: MsgId) -> bool {
        self.parcels
            .as_ref()
            .is_some_and(|p| p.stored.binary_search(&id).is_ok())
    }

    /// This phone's download of letter `id`'s parcel, if it shows that letter.
    pub fn download(&self, id: MsgId) -> Option<&Download> {
        let p = self.parcels.as_ref()?;
        let i = p.downloads.binary_search_by_key(&id, |d| d.id).ok()?;
        Some(&p.downloads[i])
    }

    /// Uploads in progress (not given up).
    pub(super) fn uploading(&self) -> usize {
        self.parcels
            .as_ref()
            .map_or(0, |p| p.uploads.iter().filter(|u| !u.given_up).count())
    }

    /// Whether a parcel waits for an answer or a part (the retry timer runs).
    pub(super) fn parcels_awaited(&self) -> bool {
        self.parcels.as_ref().is_some_and(|p| {
            p.uploads.iter().any(|u| !u.given_up)
                || p.downloads.iter().any(|d| d.wants() && !d.resting)
        })
    }

    /// A letter with a parcel the store does not have whole yet goes there first
    /// (instead of step 3): whether it did. The letter follows its parcel.
    pub(super) fn upload_first(
        &mut self,
        now: Time,
        env: &Arc<Envelope>,
        s: &Settings,
        out: &mut Out,
    ) -> bool {
        let Some(slip) = env.parcel.as_deref().copied() else {
            return false;
        };
        if self.parcel_stored(env.id) {
            return false;
        }
        let side = self.parcel_side();
        match side.uploads.iter().position(|u| u.env.id == env.id) {
            // Sent again after ❗: ask the store where it stopped.
            Some(k) => {
                let u = &mut side.uploads[k];
                u.given_up = false;
                u.asks = 0;
                self.ask_store(now, k, 0, out);
            }
            None => {
                side.uploads.push(Upload {
                    env: env.clone(),
                    slip,
                    known: 0,
                    due: now,
                    asked: None,
                    asks: 0,
                    given_up: false,
                });
                let k = side.uploads.len() - 1;
                self.put_parts(now, k, 1, s, out);
            }
        }
        self.arm_retry(s, out);
        true
    }

    /// Upload `k` puts parts `from` to the last on the wire, all at once.
    fn put_parts(&mut self, now: Time, k: usize, from: u32, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let user = self.device;
        let (bw, part_kb) = (s.network.bandwidth_kb_per_s, s.parcels.part_kb);
        let side = self.parcel_side();
        let mut free = side.up_free_at.max(now);
        let u = &mut side.uploads[k];
        let (parts, kb) = (u.slip.parts, u.slip.parcel.kb);
        out.note(
            now,
            me,
            Some(&u.env),
            What::Upload {
                from_part: from,
                parts,
                kb,
            },
        );
        for part in from..=parts {
            free = free.saturating_add(wire_ms(u.slip.part_kb(part, part_kb), bw));
            let env = u.env.clone();
            out.send(
                user,
                Frame::PartR {
                    env,
                    part,
                    of: parts,
                },
            );
        }
        u.due = free.saturating_add(s.network.latency_ms.1);
        u.asked = None;
        side.up_free_at = free;
    }

    /// Upload `k` asks the store how much it has (`part:Q`).
    fn ask_store(&mut self, now: Time, k: usize, attempt: u32, out: &mut Out) {
        let me = self.actor();
        let user = self.device;
        let u = &mut self.parcel_side().uploads[k];
        u.asked = Some(now);
        out.note(now, me, Some(&u.env), What::UploadAsked { attempt });
        out.send(user, Frame::PartAsk(u.env.clone()));
    }

    /// `part:A`: the store has `have` of the `of` parts of letter `id`'s parcel.
    pub(super) fn on_part_answer(
        &mut self,
        now: Time,
        id: MsgId,
        have: u32,
        of: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        let Some(side) = self.parcels.as_mut() else {
            return;
        };
        let Some(k) = side
            .uploads
            .iter()
            .position(|u| u.env.id == id && !u.given_up)
        else {
            // Whole already, given up, or never uploaded here: nothing to do.
            return;
        };
        if have >= of {
            let u = side.uploads.remove(k);
            if let Err(at) = side.stored.binary_search(&id) {
                side.stored.insert(at, id);
            }
            // The parcel is in the store: the letter with its slip goes.
            if self.conn == Conn::Online {
                self.send_or_hold(now, u.env, s, out);
            } else {
                self.wait_for_line(now, &u.env, out);
            }
            return;
        }
        let u = &mut side.uploads[k];
        // Only an answer to a question resumes (a second answer to a question
        // asked twice finds the parts on their way already).
        if u.asked.take().is_none() {
            return;
        }
        if have > u.known {
            u.asks = 0;
        }
        u.known = have;
        if self.conn == Conn::Online {
            self.put_parts(now, k, have + 1, s, out);
        }
    }

    /// A letter whose parcel is whole waits in the phone for its line.
    fn wait_for_line(&mut self, now: Time, env: &Arc<Envelope>, out: &mut Out) {
        let Some(i) = self.own(env.id) else { return };
        self.chat[i].status = Status::Waiting;
        let record = self.chat[i].record;
        let at = self.outbox.partition_point(|&r| r < record);
        self.outbox.insert(at, record);
        out.note(now, self.actor(), Some(env), What::WaitForConnection);
    }

    /// The retry timer: a stalled upload asks the store (or gives up), a stalled
    /// download asks again (or rests until the next login).
    pub(super) fn check_parcels(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let Some(side) = self.parcels.as_ref() else {
            return;
        };
        let trip = s.network.latency_ms.1;
        let grace = s.retry.grace_ms;
        let stalled: Vec<usize> = side
            .uploads
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.given_up)
            .filter(|(_, u)| match u.asked {
                Some(t) => now.saturating_sub(t) >= grace.saturating_add(2 * trip),
                None => now >= u.due.saturating_add(trip).saturating_add(grace),
            })
            .map(|(k, _)| k)
            .collect();
        for k in stalled {
            self.upload_stalled(now, k, s, out);
        }
        self.check_downloads(now, s, out);
    }

    fn upload_stalled(&mut self, now: Time, k: usize, s: &Settings, out: &mut Out) {
        let u = &mut self.parcel_side().uploads[k];
        if u.asks < s.retry.max_retries {
            u.asks += 1;
            let attempt = u.asks;
            self.ask_store(now, k, attempt, out);
            return;
        }
        // Given up, as a letter's retries run out: ❗.
        u.given_up = true;
        u.asked = None;
        let env = u.env.clone();
        if let Some(i) = self.own(env.id) {
            self.chat[i].status = Status::Lost;
        }
        out.tally.lost += 1;
        let retries = s.retry.max_retries;
        let told = self.as_written(&env);
        out.note(now, self.actor(), Some(&told), What::Lost { retries });
    }

    fn check_downloads(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let wait = patience(s);
        let Some(side) = self.parcels.as_mut() else {
            return;
        };
        let since_part = side.last_part_at;
        let mut again = Vec::new();
        for (k, d) in side.downloads.iter_mut().enumerate() {
            if !d.wants() || d.resting {
                continue;
            }
            if now.saturating_sub(d.last_asked.max(since_part)) < wait {
                continue;
            }
            if d.asks < s.retry.max_retries {
                d.asks += 1;
                again.push((k, d.asks));
            } else {
                d.resting = true;
            }
        }
        for (k, attempt) in again {
            self.fetch(now, k, attempt, out);
        }
    }

    /// Download `k` asks the store for the parcel from the first part it lacks.
    fn fetch(&mut self, now: Time, k: usize, attempt: u32, out: &mut Out) {
        let me = self.actor();
        let user = self.device;
        let id = self.parcel_side().downloads[k].id;
        let Some(env) = self.received_letter(id) else {
            return;
        };
        let d = &mut self.parcel_side().downloads[k];
        d.last_asked = now;
        let from_part = d.got.from_start() + 1;
        out.note(
            now,
            me,
            Some(&env),
            What::FetchParcel { from_part, attempt },
        );
        out.send(
            user,
            Frame::Get {
                id: d.id,
                from: from_part,
            },
        );
    }

    /// The letter `id` from someone else, as filed in this phone's home mailbox.
    fn received_letter(&self, id: MsgId) -> Option<Arc<Envelope>> {
        self.own(id).map(|i| self.letter(i).clone())
    }

    /// Step 9 showed a letter with a slip: the phone fetches its parcel.
    pub(super) fn fetch_parcel(&mut self, now: Time, env: &Envelope, s: &Settings, out: &mut Out) {
        let Some(slip) = env.parcel.as_deref().copied() else {
            return;
        };
        let side = self.parcel_side();
        let Err(k) = side.downloads.binary_search_by_key(&env.id, |d| d.id) else {
            return;
        };
        side.downloads.insert(
            k,
            Download {
                id: env.id,
                slip,
                got: Parts::default(),
                shown: false,
                gone: false,
                cancelled: false,
                last_asked: now,
                asks: 0,
                resting: false,
            },
        );
        if self.conn == Conn::Online {
            self.fetch(now, k, 0, out);
        }
        self.arm_retry(s, out);
    }

    /// `part:N`: part `part` of `of` of letter `id`'s parcel comes.
    pub(super) fn on_part(&mut self, now: Time, id: MsgId, part: u32, of: u32, out: &mut Out) {
        let me = self.actor();
        let Some(env) = self.received_letter(id) else {
            return;
        };
        let Some(side) = self.parcels.as_mut() else {
            return;
        };
        let Ok(k) = side.downloads.binary_search_by_key(&id, |d| d.id) else {
            return;
        };
        side.last_part_at = now;
        let d = &mut side.downloads[k];
        if d.cancelled || d.gone {
            return;
        }
        let new = d.got.add(part);
        if new {
            d.asks = 0;
        }
        let again = !new;
        out.note(now, me, Some(&env), What::PartArrived { part, of, again });
        if new && !d.shown && d.got.count() >= d.slip.parts {
            d.shown = true;
            out.note(now, me, Some(&env), What::ParcelShown);
        }
    }

    /// `gone`: the store threw letter `id`'s parcel out.
    pub(super) fn on_gone(&mut self, now: Time, id: MsgId, out: &mut Out) {
        let me = self.actor();
        let Some(env) = self.received_letter(id) else {
            return;
        };
        let Some(side) = self.parcels.as_mut() else {
            return;
        };
        let Ok(k) = side.downloads.binary_search_by_key(&id, |d| d.id) else {
            return;
        };
        let d = &mut side.downloads[k];
        if !d.wants() {
            return;
        }
        d.gone = true;
        out.note(now, me, Some(&env), What::ParcelGone);
    }

    /// A recall tore letter `id` up on this phone: its parcel is never shown.
    pub(super) fn cancel_download(&mut self, id: MsgId) {
        if let Some(side) = self.parcels.as_mut()
            && let Ok(k) = side.downloads.binary_search_by_key(&id, |d| d.id)
        {
            side.downloads[k].cancelled = true;
        }
    }

    /// The line is back (a login): uploads ask the store where they stopped,
    /// downloads ask again from the first part they lack. Before the letters
    /// written meanwhile go (their uploads begin from the first part).
    pub(super) fn parcels_line_back(&mut self, now: Time, out: &mut Out) {
        let Some(side) = self.parcels.as_mut() else {
            return;
        };
        side.up_free_at = now;
        let uploads: Vec<usize> = (0..side.uploads.len())
            .filter(|&k| !side.uploads[k].given_up)
            .collect();
        let mut downloads = Vec::new();
        for (k, d) in side.downloads.iter_mut().enumerate() {
            if d.wants() {
                d.resting = false;
                d.asks = 0;
                downloads.push(k);
            }
        }
        for k in uploads {
            self.parcel_side().uploads[k].asks = 0;
            self.ask_store(now, k, 0, out);
        }
        for k in downloads {
            self.fetch(now, k, 0, out);
        }
    }
}
