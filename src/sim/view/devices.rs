//! A person's several devices in the view (issue 27): the letters a device gets
//! all at once — the post office's archive at its first login (`keeps_history:
//! true`), or another device's home mailbox moved over (`MoveChats`) — become
//! bubbles of its chat, in the order the device put them; its home mailbox holds
//! them. Letters copied to the writer's other devices travel as any letter does
//! (`forward`, `shelve`, `arrive`, `file`, `display`).

use super::{Bubble, Place, Seen, View};
use crate::sim::phone::Status;
use crate::sim::trace::{Event, What};
use crate::sim::world::DeviceIdx;

impl View {
    pub(super) fn devices(&mut self, e: &Event, me: Option<DeviceIdx>, lit: &mut super::Moved) {
        let (count, chat) = match &e.what {
            What::HistoryStored { count, chat } | What::ChatsMoved { count, chat, .. } => {
                (*count, chat.clone())
            }
            What::OwnCopy { .. } | What::HistorySent { .. } => {
                lit.light(Place::Sorting);
                return;
            }
            What::NewDeviceEmpty { device } => {
                lit.light(Place::Mailbox(*device));
                return;
            }
            _ => return,
        };
        let Some(u) = me else { return };
        let numbers = &self.numbers;
        let locked = &self.locked;
        let Some(p) = self.phones.get_mut(u.index()) else {
            return;
        };
        let mut old = std::mem::take(&mut p.chat);
        p.chat = chat
            .iter()
            .map(|&id| match old.iter().position(|b| b.id == id) {
                Some(i) => old.swap_remove(i),
                None => Bubble {
                    id,
                    status: Status::Received,
                    place: numbers.get(&id).copied().unwrap_or(0),
                    seen: Seen::default(),
                    parcel: None,
                    // Issue 28: said just before (`cannot_open`).
                    locked: locked.contains(&(u, id)),
                },
            })
            .collect();
        p.stored += count;
        let filed: Vec<_> = p
            .chat
            .iter()
            .map(|b| b.id)
            .filter(|id| !self.kept.get(id).is_some_and(|k| k.recipients.contains(&u)))
            .collect();
        for id in filed {
            if self
                .letters
                .get(&id)
                .is_some_and(|l| self.writer(l.id) != u)
            {
                self.kept_mut(id).recipients.push(u);
            }
        }
        lit.light(Place::Mailbox(u));
    }
}
