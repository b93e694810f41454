//! A tap on "Recall" (撤回) from the window: the writer's own bubble of a letter
//! the post office has (✓, ✓✓ or read) offers to take it back with a live
//! `Recall` naming the letter as a saved lesson resolves it
//! ([`super::Lesson::own_letter`]). Whether it is still in time is the post
//! office's to decide (`recall: (limit_ms:)`): the menu offers it, and a refusal
//! is part of the story.

use super::Lesson;
use crate::sim::{Action, MsgId};

impl Lesson {
    /// Whether the bubble of letter `id` on phone `phone`, after `shown` beats,
    /// is one its writer may recall: on the writer's own phone, the post office
    /// has it (✓ or ✓✓, read or not), it does not show the recall notice, and no
    /// recall of it was sent already (nor is in the script by the time a live
    /// action would take, the scene's or the class's).
    pub fn recallable(&self, shown: usize, phone: usize, id: MsgId) -> bool {
        let view = self.view_after(shown);
        let writer = view.writer(id);
        if writer.index() != phone {
            return false;
        }
        let posted = view
            .phone(writer)
            .and_then(|p| p.chat.iter().find(|b| b.id == id))
            .is_some_and(|b| super::kinds::the_post_office_has(b.status));
        if !posted || view.shows_notice(writer, id) || view.recalls.contains_key(&id) {
            return false;
        }
        let Some(pick) = self.own_letter(id) else {
            return false;
        };
        let same = |a: &Action| matches!(a, Action::Recall(l) if l.from == pick.from && l.text == pick.text && l.nth == pick.nth);
        // A recall of it already in the script by then (the scene's own, at the
        // beat's very millisecond perhaps, or the class's) is on its way.
        let at = self.time_of(shown.min(self.beats().len())) + 1;
        let scene = self.scene().script.iter().take_while(|(t, _)| *t <= at);
        !scene.chain(self.live()).any(|(_, a)| same(a))
    }
}
