//! Recall (撤回) at the post office: it checks the limit, tears up its archive
//! copy and tells every addressee of the letter to tear up theirs.
//!
//! The limit is the post office's: the time from its accepting the letter (step
//! 5) to the recall reaching it — a recall sent just before the limit that
//! arrives after it is refused (`too_late`). A letter it never accepted cannot be
//! recalled (`not_accepted`; a phone does not send such a recall). Its answer
//! (`recall:A`) is remembered per letter, so a recall sent again gets the same.
//!
//! The addressees are those the letter was addressed to as it was accepted (a
//! group letter: the members then, as for its copies): each is sent `recall:N`,
//! again until it answers `recall:C`; one not connected (or not answering) has
//! the recall wait on the shelf beside the letter it cancels, and handed to it
//! first as its line opens, before the letters (so its phone knows of the recall
//! before the letter comes).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{PostOffice, Verdict, archive_copy};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::trace::{Actor, RecallRefusal, What};
use crate::sim::world::{Dest, DeviceIdx, Settings, Time, UserIdx};

/// What the post office keeps of recalls.
#[derive(Clone, Debug, Default)]
pub struct Recalls {
    /// Each letter whose recall was decided: `None` accepted (its archive copy is
    /// torn up), or why it was refused.
    pub decided: BTreeMap<MsgId, Option<RecallRefusal>>,
    /// `recall:N` sent to (addressee, letter) and not yet confirmed: when it was
    /// last sent, and how many times again.
    owed: BTreeMap<(DeviceIdx, MsgId), (Time, u32)>,
    /// Recalls waiting on the shelf: (addressee, letter).
    pub shelf: BTreeSet<(DeviceIdx, MsgId)>,
    /// Group letters with one addressee, and who: its delivery is noted in the
    /// letter's record, which does not say by whom (the others' are in the
    /// post office's `delivered`). Rare: a group of two, or of one left.
    lone: BTreeMap<MsgId, UserIdx>,
}

impl Recalls {
    /// A group letter from `from` is accepted for `members`: one with a lone
    /// addressee is noted (see [`Recalls::lone`]).
    pub(super) fn note_addressees(&mut self, id: MsgId, from: UserIdx, members: &[UserIdx]) {
        let mut others = members.iter().filter(|&&m| m != from);
        if let (Some(&one), None) = (others.next(), others.next()) {
            self.lone.insert(id, one);
        }
    }

    /// Whether a `recall:N` is on its way (the post office re-checks it).
    pub fn owed(&self) -> bool {
        !self.owed.is_empty()
    }
}

impl PostOffice {
    /// Whether letter `id`'s archive copy was torn up by a recall.
    pub fn recalled(&self, id: MsgId) -> bool {
        self.recalls.decided.get(&id) == Some(&None)
    }

    /// `recall` from `from`: decide, answer, and tell the addressees.
    pub(super) fn on_recall(
        &mut self,
        now: Time,
        from: DeviceIdx,
        id: MsgId,
        s: &Settings,
        out: &mut Out,
    ) {
        if id.from != self.owner(from) {
            return;
        }
        if let Some(&refused) = self.recalls.decided.get(&id) {
            // Sent again (its answer was lost): the same answer.
            out.send(from, Frame::RecallA { id, refused });
            return;
        }
        let po = Actor::PostOffice;
        let accepted = matches!(self.verdict(id), Some(Verdict::Accepted { .. }));
        let env = archive_copy(&self.world, &self.records, &self.archive, id).filter(|_| accepted);
        let Some(env) = env else {
            let why = RecallRefusal::NotAccepted;
            self.recalls.decided.insert(id, Some(why));
            out.note(now, po, None, What::RecallRefused { why, age_ms: 0 });
            out.send(
                from,
                Frame::RecallA {
                    id,
                    refused: Some(why),
                },
            );
            return;
        };
        let age_ms = self
            .record(id)
            .map_or(0, |r| now.saturating_sub(r.accepted_at));
        if age_ms > s.recall_limit_ms {
            let why = RecallRefusal::TooLate;
            self.recalls.decided.insert(id, Some(why));
            out.note(now, po, Some(&env), What::RecallRefused { why, age_ms });
            out.send(
                from,
                Frame::RecallA {
                    id,
                    refused: Some(why),
                },
            );
            return;
        }
        self.recalls.decided.insert(id, None);
        // Every copy: the addressees' devices', and the writer's other devices'.
        let mut addressees = self.addressees(&env);
        let own: Vec<DeviceIdx> = self.joined_of(id.from).filter(|&d| d != from).collect();
        addressees.extend(own);
        let copies = addressees.len() as u32;
        out.note(now, po, Some(&env), What::RecallAccepted { age_ms, copies });
        out.send(from, Frame::RecallA { id, refused: None });
        for to in addressees {
            // A copy still on its way is not sent again: the recall replaces it.
            self.forwarding.remove(&(to, id));
            if self.device_online(to) {
                self.pass_recall(now, &env, to, false, s, out);
            } else {
                self.shelve_recall(now, &env, to, out);
            }
        }
    }

    /// Who letter `env` was addressed to as it was accepted: for a group, the
    /// members its copies went to (each copy is on its way, on the shelf, or
    /// delivered).
    fn addressees(&self, env: &Envelope) -> Vec<DeviceIdx> {
        let id = env.id;
        let people: Vec<UserIdx> = match env.to {
            Dest::User(to) => vec![to],
            Dest::Group(_) if self.recalls.lone.contains_key(&id) => {
                vec![self.recalls.lone[&id]]
            }
            Dest::Group(_) => (0..self.world.phones() as u32)
                .map(UserIdx)
                .filter(|&u| u != id.from)
                .filter(|&u| {
                    self.delivered.contains(&(id, u))
                        || self.joined_of(u).any(|d| {
                            self.forwarding.contains_key(&(d, id))
                                || self.shelf[d.index()].iter().any(|(_, e)| e.id == id)
                        })
                })
                .collect(),
        };
        people.into_iter().flat_map(|u| self.joined_of(u)).collect()
    }

    fn pass_recall(
        &mut self,
        now: Time,
        env: &Arc<Envelope>,
        to: DeviceIdx,
        from_shelf: bool,
        s: &Settings,
        out: &mut Out,
    ) {
        // The letter it cancels, if it still waits on `to`'s shelf, is torn up
        // there: its words never go down `to`'s line.
        let letter_on_shelf = self.tear_off_shelf(to, env.id);
        let what = What::RecallPassed {
            to,
            from_shelf,
            letter_on_shelf,
        };
        out.note(now, Actor::PostOffice, Some(env), what);
        out.send(to, Frame::RecallN(env.clone()));
        self.recalls.owed.insert((to, env.id), (now, 0));
        self.arm_check(s, out);
    }

    fn shelve_recall(&mut self, now: Time, env: &Arc<Envelope>, to: DeviceIdx, out: &mut Out) {
        let letter_on_shelf = self.shelf[to.index()].iter().any(|(_, e)| e.id == env.id);
        let what = What::RecallShelved {
            to,
            letter_on_shelf,
        };
        out.note(now, Actor::PostOffice, Some(env), what);
        self.recalls.shelf.insert((to, env.id));
    }

    /// Takes letter `id` off `to`'s shelf, torn up (a recall goes in its place):
    /// whether it was there.
    fn tear_off_shelf(&mut self, to: DeviceIdx, id: MsgId) -> bool {
        let shelf = &mut self.shelf[to.index()];
        let Some(i) = shelf.iter().position(|(_, e)| e.id == id) else {
            return false;
        };
        shelf.remove(i);
        self.sessions[to.index()].shelved = shelf.len() as u32;
        true
    }

    /// `recall:C`: `by` tore up its copy.
    pub(super) fn on_recall_confirmed(&mut self, by: DeviceIdx, id: MsgId) {
        self.recalls.owed.remove(&(by, id));
    }

    /// `to`'s line opens (a login, a heartbeat): the recalls waiting for it go
    /// first, before the letters on the shelf.
    pub(super) fn deliver_recalls(
        &mut self,
        now: Time,
        to: DeviceIdx,
        s: &Settings,
        out: &mut Out,
    ) {
        if self.recalls.shelf.is_empty() {
            return;
        }
        let first = MsgId {
            from: UserIdx(0),
            n: 0,
        };
        let last = MsgId {
            from: UserIdx(u32::MAX),
            n: u32::MAX,
        };
        let waiting: Vec<_> = self
            .recalls
            .shelf
            .range((to, first)..=(to, last))
            .copied()
            .collect();
        for key in waiting {
            self.recalls.shelf.remove(&key);
            if let Some(env) = archive_copy(&self.world, &self.records, &self.archive, key.1) {
                self.pass_recall(now, &env, to, true, s, out);
            }
        }
    }

    /// `recall:N` not confirmed within `grace_ms` goes again, at most
    /// `max_retries` times, while its phone is connected; then it waits on the
    /// shelf for the phone's next login or heartbeat.
    pub(super) fn check_recalls(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.recalls.owed.is_empty() {
            return;
        }
        let mut shelve = Vec::new();
        let mut again = Vec::new();
        for (&(to, id), (last_sent, retries)) in self.recalls.owed.iter_mut() {
            if now.saturating_sub(*last_sent) < s.retry.grace_ms {
                continue;
            }
            let online = self.sessions[to.index()].online;
            if online && *retries < s.retry.max_retries {
                *retries += 1;
                *last_sent = now;
                again.push((to, id));
            } else {
                shelve.push((to, id));
            }
        }
        for (to, id) in again {
            if let Some(env) = archive_copy(&self.world, &self.records, &self.archive, id) {
                out.send(to, Frame::RecallN(env));
            }
        }
        for (to, id) in shelve {
            self.recalls.owed.remove(&(to, id));
            if let Some(env) = archive_copy(&self.world, &self.records, &self.archive, id) {
                self.shelve_recall(now, &env, to, out);
            }
        }
    }
}
