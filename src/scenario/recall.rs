//! The expectations about recalls (issue 25): `Recalled(from:, text:)` and
//! `RecallRefused(from:, text:)`, read from the [`View`] at the end of a run.

use crate::sim::view::View;
use crate::sim::{DeviceIdx, MsgId, RecallRefusal};

/// What became of the recall of a letter, as the screens show at the end.
#[derive(Clone, Debug, PartialEq)]
pub enum RecallFound {
    /// No letter with these words was written.
    NoSuchLetter,
    /// No recall of it reached the post office.
    NotAsked,
    /// The post office refused it, and why.
    Refused(RecallRefusal),
    /// Accepted: `notices` screens show the notice; these phones still show the
    /// letter's words or hold them in their home mailbox, and for these the
    /// recall still waits on the shelf.
    Accepted {
        notices: u32,
        still_there: Vec<DeviceIdx>,
        on_shelf: Vec<DeviceIdx>,
    },
}

/// `Recalled` (`accepted`) or `RecallRefused`: whether it holds, and what was found.
pub(super) fn recalled(s: &View, ids: &[MsgId], accepted: bool) -> (bool, RecallFound) {
    let Some(&first) = ids.first() else {
        return (false, RecallFound::NoSuchLetter);
    };
    // The letter with these words whose recall went furthest.
    let id = ids
        .iter()
        .copied()
        .find(|id| s.recalls.get(id).is_some_and(|r| r.answer.is_some()))
        .unwrap_or(first);
    let Some(r) = s.recalls.get(&id).filter(|r| r.answer.is_some()) else {
        return (false, RecallFound::NotAsked);
    };
    let found = match r.answer {
        Some(Err(why)) => RecallFound::Refused(why),
        _ => {
            let mut still_there: Vec<DeviceIdx> = s
                .phones
                .iter()
                .enumerate()
                .map(|(u, _)| DeviceIdx(u as u32))
                .filter(|&u| {
                    let shows = s
                        .phone(u)
                        .is_some_and(|p| p.chat.iter().any(|b| b.id == id));
                    shows && !s.shows_notice(u, id)
                })
                .collect();
            if let Some(k) = s.kept.get(&id) {
                still_there.extend(k.recipients.iter().copied());
                if k.sender {
                    still_there.push(s.writer(id));
                }
            }
            still_there.sort_unstable();
            still_there.dedup();
            RecallFound::Accepted {
                notices: r.notice_on.len() as u32,
                still_there,
                on_shelf: r.on_shelf.iter().copied().collect(),
            }
        }
    };
    let holds = match (&found, accepted) {
        (RecallFound::Refused(_), false) => true,
        (
            RecallFound::Accepted {
                still_there,
                on_shelf,
                ..
            },
            true,
        ) => still_there.is_empty() && on_shelf.is_empty(),
        _ => false,
    };
    (holds, found)
}
