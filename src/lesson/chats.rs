//! Which chat a phone has open (or its chat list) at a time of a lesson, as the
//! script leaves it: the scene's actions, then the class's, up to that
//! millisecond. The window's phone menu offers "Open the chat with Li Lei",
//! "Open Class 1" and "Back to the chat list" from it, and only an action that
//! keeps the whole script to the format's rules (`scenario/receipts.rs`: a group's
//! chat is opened only by a member at that moment, a chat is closed only while
//! one is open), the scene's own later actions included: a lesson saved with it
//! reads back. Only a story where the open chat matters gets these choices
//! ([`super::Lesson::chats_matter`]).

use super::LiveAction;
use super::apps::{Blocked, script};
use crate::scenario::Scenario;
use crate::sim::{Action, Dest, DeviceIdx, Members, ReadReceipts, Time, UserIdx};

/// The chat phone `u` has open once every action up to `at` has run (`None`:
/// its chat list), and each group's members then.
pub fn at(
    scene: &Scenario,
    live: &[LiveAction],
    at: Time,
    u: DeviceIdx,
) -> (Option<Dest>, Members) {
    let (before, _) = script(scene, live, at);
    let mut members = Members::of(&scene.world);
    let mut open = None;
    for (_, a) in before {
        match *a {
            Action::Membership { user, group, join } => {
                let _ = match join {
                    true => members.join(group, user),
                    false => members.leave(group, user),
                };
            }
            Action::OpenChat(v, chat) if v == u => open = Some(chat),
            Action::CloseChat(v) if v == u => open = None,
            _ => {}
        }
    }
    (open, members)
}

/// Whether the class may add `action` at `at` (after the live actions up to then;
/// those after it are dropped, as [`super::Lesson::inject`] drops them): a group's
/// chat only by a member then, a chat closed only while one is open, and the
/// scene's own later `CloseChat` of that phone still after an open chat. Actions
/// that open or close no chat always may.
pub fn check(
    scene: &Scenario,
    live: &[LiveAction],
    at: Time,
    action: &Action,
) -> Result<(), Blocked> {
    let (u, mut open) = match *action {
        Action::OpenChat(u, chat) => (u, Some(chat)),
        Action::CloseChat(u) => (u, None),
        _ => return Ok(()),
    };
    let (now, members) = self::at(scene, live, at, u);
    match *action {
        Action::OpenChat(_, Dest::Group(g)) if !members.contains(g, scene.world.owner(u)) => {
            return Err(Blocked::NotMember(u, g));
        }
        Action::CloseChat(_) if now.is_none() => return Err(Blocked::ChatList(u)),
        _ => {}
    }
    let (_, after) = script(scene, live, at);
    for (t, a) in after {
        match *a {
            Action::OpenChat(v, chat) if v == u => open = Some(chat),
            Action::CloseChat(v) if v == u => match open {
                Some(_) => open = None,
                None => return Err(Blocked::ChatLater(u, *t)),
            },
            _ => {}
        }
    }
    Ok(())
}

impl super::Lesson {
    /// Whether the class may take `action` after `shown` beats: its app's rules
    /// ([`super::apps::check`]) and its chat's ([`check`]).
    pub fn may(&self, shown: usize, action: &Action) -> Result<(), Blocked> {
        let t = self.time_of(shown.min(self.beats().len())) + 1;
        super::apps::check(self.scene(), self.live(), t, action)?;
        check(self.scene(), self.live(), t, action)
    }

    /// Whether which chat a phone has open matters in this story: its read
    /// receipts are on, or its script (or the class) opens or closes a chat.
    /// Only then does a phone's menu offer to open and close chats.
    pub fn chats_matter(&self) -> bool {
        let chat = |a: &Action| matches!(a, Action::OpenChat(..) | Action::CloseChat(_));
        self.scene().settings.read_receipts != ReadReceipts::Off
            || self.scene().script.iter().any(|(_, a)| chat(a))
            || self.live().iter().any(|(_, a)| chat(a))
    }

    /// The chat phone `u` has open as an action after `shown` beats finds it
    /// (`None`: its chat list).
    pub fn chat_after(&self, shown: usize, u: DeviceIdx) -> Option<Dest> {
        let t = self.time_of(shown.min(self.beats().len())) + 1;
        at(self.scene(), self.live(), t, u).0
    }

    /// The chat actions a phone's menu offers `u` after `shown` beats, before
    /// [`super::Lesson::may`] keeps those that fit: the chat with `with`, each
    /// group's (but the one open), and back to the chat list while a chat is
    /// open. None where the open chat does not matter.
    pub fn chat_choices(&self, shown: usize, u: DeviceIdx, with: Option<UserIdx>) -> Vec<Action> {
        if !self.chats_matter() {
            return Vec::new();
        }
        let open = self.chat_after(shown, u);
        let mut out = Vec::new();
        let owner = self.scene().world.owner(u);
        if let Some(w) = with.filter(|w| *w != owner) {
            out.push(Dest::User(w));
        }
        out.extend(
            (0..self.scene().world.groups.len())
                .map(|g| Dest::Group(crate::sim::GroupIdx(g as u32))),
        );
        let mut out: Vec<Action> = out
            .into_iter()
            .filter(|d| Some(*d) != open)
            .map(|d| Action::OpenChat(u, d))
            .collect();
        if open.is_some() {
            out.push(Action::CloseChat(u));
        }
        out
    }
}
