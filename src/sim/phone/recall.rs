//! Recall (撤回): the writer takes a letter back.
//!
//! The writer taps "Recall" on a letter the post office has (✓ or ✓✓): the phone
//! sends a recall (`recall`), a small second letter asking the post office to tear
//! the first up everywhere, again until it answers (`recall:A`). The post office
//! decides (within its limit or not: `post_office/recall.rs`). Accepted, the
//! writer's own copy is torn up: the words leave its home mailbox and its bubble
//! becomes "You recalled a message". Refused, nothing changes.
//!
//! An addressee's phone that receives `recall:N` answers `recall:C` and tears its
//! copy up: the words leave its home mailbox, its bubble becomes "Li Lei recalled
//! a message", and the trace keeps how long the letter was on its screen (what a
//! recall cannot undo). A recall that comes before its letter (the letter still
//! on its way, or on the shelf behind it) is remembered: the notice takes the
//! letter's place at once, and the letter, when it comes, is a copy already
//! filed — its words are never shown.

use std::hash::Hasher;
use std::sync::Arc;

use super::{Awaiting, Phone, Status, Waiting, resend::OwnLetter};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, MsgId};
use crate::sim::fxhash::FxHasher;
use crate::sim::seal::Words;
use crate::sim::trace::{NotRecalled, RecallRefusal, What};
use crate::sim::world::{Settings, Text, Time};

/// What a phone remembers of recalls: boxed in [`Phone::recall`], so that a run
/// without them stays small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecallSide {
    /// Letters torn up on this phone, sorted, each with a fingerprint of its
    /// words (not the words: only so that a scene can still name the writer's own
    /// torn letter by its words, as it was written).
    pub torn: Vec<(MsgId, u64)>,
    /// The writer's own letters whose recall the post office refused, sorted.
    pub refused: Vec<MsgId>,
}

/// A fingerprint of a letter's words.
fn fingerprint(t: &Text) -> u64 {
    let mut h = FxHasher::default();
    h.write(t.en.as_bytes());
    h.write_u8(0xff);
    h.write(t.zh.as_bytes());
    h.finish()
}

/// The letter with its words taken out (what stays in a home mailbox). A
/// sealed letter this phone could not open stays as it is: its words were
/// never out of the seal here (issue 28).
fn torn_copy(env: &Arc<Envelope>) -> Arc<Envelope> {
    if env.sealed().is_some() {
        return env.clone();
    }
    Arc::new(Envelope {
        words: Words::Postcard(Arc::new(Text::same(""))),
        ..(**env).clone()
    })
}

impl Phone {
    fn recall_side(&mut self) -> &mut RecallSide {
        self.recall.get_or_insert_with(Default::default)
    }

    /// Whether letter `id` was torn up on this phone.
    pub fn torn(&self, id: MsgId) -> bool {
        self.recall
            .as_ref()
            .is_some_and(|r| r.torn.binary_search_by_key(&id, |t| t.0).is_ok())
    }

    /// Whether `env`, one of this phone's letters, has the words `text`: torn
    /// up, its fingerprint says.
    pub(super) fn has_words(&self, env: &Envelope, text: &Text) -> bool {
        if env.text().is_some_and(|t| **t == *text) {
            return true;
        }
        let Some(r) = self.recall.as_ref() else {
            return false;
        };
        r.torn
            .binary_search_by_key(&env.id, |t| t.0)
            .is_ok_and(|i| r.torn[i].1 == fingerprint(text))
    }

    /// The words of the letter at database `record` leave the home mailbox.
    fn tear_up(&mut self, record: usize) {
        let env = self.db[record].clone();
        let print = env.text().map_or(0, |t| fingerprint(t));
        self.db[record] = torn_copy(&env);
        let side = self.recall_side();
        if let Err(at) = side.torn.binary_search_by_key(&env.id, |t| t.0) {
            side.torn.insert(at, (env.id, print));
        }
    }

    /// The user taps "Recall" on the letter `pick` names: if the post office has
    /// it, a recall goes; otherwise nothing is sent and the trace says why.
    pub fn tap_recall(&mut self, now: Time, pick: &OwnLetter, s: &Settings, out: &mut Out) {
        let me = self.actor();
        let Some(i) = self.own_letter(pick) else {
            let why = NotRecalled::NotWritten;
            out.note(now, me, None, What::RecallIgnored { why });
            return;
        };
        let env = self.letter(i).clone();
        let asking = self
            .waiting
            .iter()
            .any(|w| w.id == env.id && matches!(w.what, Awaiting::Recall));
        let refused = self
            .recall
            .as_ref()
            .is_some_and(|r| r.refused.binary_search(&env.id).is_ok());
        let why = match self.chat[i].status {
            _ if self.torn(env.id) => Some(NotRecalled::Already),
            _ if asking => Some(NotRecalled::Asking),
            _ if refused => Some(NotRecalled::Refused),
            Status::Sending | Status::Waiting => Some(NotRecalled::NotPosted),
            Status::Lost => Some(NotRecalled::GaveUp),
            Status::Returned(_) => Some(NotRecalled::Returned),
            Status::Received => Some(NotRecalled::NotWritten),
            Status::Posted | Status::Delivered { .. } if self.conn != super::Conn::Online => {
                Some(NotRecalled::NoLine)
            }
            Status::Posted | Status::Delivered { .. } => None,
        };
        if let Some(why) = why {
            out.note(now, me, Some(&env), What::RecallIgnored { why });
            return;
        }
        out.note(now, me, Some(&env), What::Recall);
        out.send(self.device, Frame::Recall(env.id));
        self.waiting.push(Waiting {
            id: env.id,
            what: Awaiting::Recall,
            last_sent: now,
            retries: 0,
        });
        self.arm_retry(s, out);
    }

    /// The post office's answer to this phone's recall (`recall:A`).
    pub(super) fn on_recall_answer(
        &mut self,
        now: Time,
        id: MsgId,
        refused: Option<RecallRefusal>,
        out: &mut Out,
    ) {
        let Some(w) = self
            .waiting
            .iter()
            .position(|w| w.id == id && matches!(w.what, Awaiting::Recall))
        else {
            // A second answer to a recall sent again: the first was heard.
            return;
        };
        self.waiting.remove(w);
        if self.torn(id) {
            return;
        }
        let Some(i) = self.own(id) else { return };
        let env = self.letter(i).clone();
        match refused {
            None => {
                let record = self.chat[i].record as usize;
                self.tear_up(record);
                let index = i as u32;
                let what = What::Recalled {
                    seen_ms: None,
                    early: false,
                    index,
                    own: true,
                };
                out.note(now, self.actor(), Some(&env), what);
            }
            Some(why) => {
                let side = self.recall_side();
                if let Err(at) = side.refused.binary_search(&id) {
                    side.refused.insert(at, id);
                }
                out.note(now, self.actor(), Some(&env), What::RecallDeclined { why });
            }
        }
    }

    /// `recall:N`: tear up this phone's copy of `env` (or, when the letter has not
    /// come yet, put the notice in its place and file it torn, so that the
    /// letter, when it comes, is a copy already filed).
    pub(super) fn on_recall_notice(&mut self, now: Time, env: Arc<Envelope>, out: &mut Out) {
        let id = env.id;
        out.send(self.device, Frame::RecallC(id));
        if self.torn(id) {
            return;
        }
        // Its photo or voice message is never shown now (it stays in the parcel
        // store until it expires).
        self.cancel_download(id);
        let me = self.actor();
        let own = env.from() == self.user;
        match self.received.binary_search(&id) {
            Ok(_) => {
                let Some(i) = self.own(id) else { return };
                let seen = now.saturating_sub(self.chat[i].shown_at);
                let record = self.chat[i].record as usize;
                self.tear_up(record);
                let what = What::Recalled {
                    seen_ms: Some(seen),
                    early: false,
                    index: i as u32,
                    own,
                };
                out.note(now, me, Some(&env), what);
            }
            Err(at) => {
                self.received.insert(at, id);
                let (record, index, _) = self.file_received(now, &env);
                self.tear_up(record as usize);
                let what = What::Recalled {
                    seen_ms: None,
                    early: true,
                    index: index as u32,
                    own,
                };
                out.note(now, me, Some(&env), what);
            }
        }
    }
}
