//! What the class sees of recalls (issue 25), read from the trace like the rest
//! of the view — what the picture needs, so that the window decides nothing:
//!
//! - per recalled letter ([`View::recalls`], a [`Recall`]): the post office's
//!   answer (accepted, or refused and why), whether its archive copy is torn up
//!   (the archive keeps a note that it was recalled), the addressees for whom the
//!   recall waits on the shelf beside the letter, the phones whose bubble now
//!   shows the notice ("You recalled a message" on the writer's, "Li Lei
//!   recalled a message" on the others'), and how long the letter was on each
//!   screen before (what a recall cannot undo);
//! - [`View::shows_notice`]: whether a phone's bubble of a letter is the notice
//!   (the bubble stays in [`PhoneView::chat`](super::PhoneView::chat), in its
//!   place; its words are gone from that phone's home mailbox: [`super::Kept`]);
//! - the recall's card on its way ([`Token::Recall`] in [`Moved`]): the writer's
//!   screen → postman (`recall`), postman → counter (the post office decides),
//!   counter or shelf → sorting desk (`recall_passed`), counter → shelf
//!   (`recall_shelved`), sorting desk → the addressee's screen (`recalled`),
//!   counter → the writer's screen (the answer: `recalled` or
//!   `recall_declined`). Cards do not rest: a recall waiting on the shelf is
//!   [`Recall::on_shelf`].

use std::collections::{BTreeMap, BTreeSet};

use super::{Bubble, Ending, LetterCopy, Move, Moved, Place, Token, View};
use crate::sim::phone::Status;
use crate::sim::trace::{Event, RecallRefusal, What};
use crate::sim::world::{DeviceIdx, Time};

/// One letter's recall, as the class sees it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Recall {
    /// The post office's answer: `None` while it has not decided.
    pub answer: Option<Result<(), RecallRefusal>>,
    /// Its archive copy is torn up (the archive notes that it was recalled).
    pub archive_torn: bool,
    /// Addressees for whom the recall waits on the shelf, beside the letter.
    pub on_shelf: BTreeSet<DeviceIdx>,
    /// Phones whose bubble of the letter shows the notice instead of the words.
    pub notice_on: BTreeSet<DeviceIdx>,
    /// Phones that had the letter on screen before it was recalled, and for how
    /// long: whoever read it has read it.
    pub seen: BTreeMap<DeviceIdx, Time>,
}

impl View {
    /// Whether `u`'s bubble of letter `id` shows the recall notice.
    pub fn shows_notice(&self, u: DeviceIdx, id: crate::sim::frame::MsgId) -> bool {
        self.recalls
            .get(&id)
            .is_some_and(|r| r.notice_on.contains(&u))
    }

    /// Recalls: their state, and the card that moves (see the module's comment).
    pub(super) fn recalls(&mut self, e: &Event, me: Option<DeviceIdx>, moved: &mut Moved) {
        let Some(m) = e.msg.as_ref() else {
            return;
        };
        let id = m.id;
        let own = LetterCopy { id, to: None };
        let card = |from, to| Move {
            letter: own,
            token: Token::Recall,
            from,
            to,
            ending: Ending::Arrives,
        };
        let go = |moved: &mut Moved, from, to| {
            *moved = Moved::default();
            moved.travel(card(from, to), to);
        };
        match (&e.what, me) {
            (What::Recall, Some(u)) => go(moved, Place::Screen(u), Place::Postman(u)),
            (What::RecallAccepted { .. }, _) => {
                let r = self.recalls.entry(id).or_default();
                r.answer = Some(Ok(()));
                r.archive_torn = true;
                self.kept_mut(id).archive = false;
                go(moved, Place::Postman(self.writer(m.id)), Place::Counter);
                moved.light(Place::Archive);
            }
            (What::RecallRefused { why, .. }, _) => {
                self.recalls.entry(id).or_default().answer = Some(Err(*why));
                go(moved, Place::Postman(self.writer(m.id)), Place::Counter);
            }
            (What::RecallShelved { to, .. }, _) => {
                self.recalls.entry(id).or_default().on_shelf.insert(*to);
                go(moved, Place::Counter, Place::Shelf);
            }
            (
                What::RecallPassed {
                    to,
                    from_shelf,
                    letter_on_shelf,
                },
                _,
            ) => {
                self.recalls.entry(id).or_default().on_shelf.remove(to);
                if *letter_on_shelf {
                    // Torn up on the shelf: its envelope leaves it, sent nowhere.
                    self.rest(LetterCopy { id, to: Some(*to) }, None);
                    self.office.shelved = self.office.shelved.saturating_sub(1);
                    if let Some(p) = self.phones.get_mut(to.index()) {
                        p.on_shelf = p.on_shelf.saturating_sub(1);
                    }
                    self.kept_mut(id).shelf.retain(|&r| r != *to);
                }
                let from = if *from_shelf {
                    Place::Shelf
                } else {
                    Place::Counter
                };
                go(moved, from, Place::Sorting);
            }
            (
                What::Recalled {
                    seen_ms,
                    early,
                    index,
                    ..
                },
                Some(u),
            ) => {
                if *early && let Some(p) = self.phone_mut(u) {
                    let at = (*index as usize).min(p.chat.len());
                    let bubble = Bubble {
                        id,
                        status: Status::Received,
                        place: m.place,
                        seen: Default::default(),
                        parcel: None,
                        locked: false,
                    };
                    p.chat.insert(at, bubble);
                    // Filed torn: the home mailbox has its envelope, not its words.
                    p.stored += 1;
                }
                if *early {
                    // Its envelope, on its way or just off the shelf, is torn up
                    // before it arrives: it rests nowhere (its copy, when it
                    // comes, is thrown away as one already filed).
                    self.rest(LetterCopy { id, to: Some(u) }, None);
                }
                let r = self.recalls.entry(id).or_default();
                r.notice_on.insert(u);
                if let Some(ms) = seen_ms {
                    r.seen.insert(u, *ms);
                }
                let writer = u == self.writer(m.id);
                let kept = self.kept_mut(id);
                if writer {
                    kept.sender = false;
                } else {
                    kept.recipients.retain(|&x| x != u);
                }
                let from = match writer {
                    true => Place::Counter,
                    false => Place::Sorting,
                };
                go(moved, from, Place::Screen(u));
            }
            (What::RecallDeclined { .. }, Some(u)) => go(moved, Place::Counter, Place::Screen(u)),
            _ => {}
        }
    }
}
