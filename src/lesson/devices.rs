//! Several devices a person in a live lesson (issue 27): the setting the panel
//! switches — whether the post office hands a new device the archive
//! (`keeps_history:`), told again from the story's start
//! ([`Lesson::with_settings`]) and written at a saved lesson's top
//! (`settings.rs`) — and the class's device actions: a letter written on one of
//! her devices (`Send`'s `from:` a device), a login on a device not logged in,
//! and `MoveChats` from one of her devices to another. An action naming a device
//! the scene does not have, or moving chats between devices of two people or
//! onto the same device, is refused (a [`Refused`], never a panic), as the
//! scene's reader refuses it in a file.

use super::{Lesson, Refused};
use crate::sim::view::App;
use crate::sim::{Action, DeviceIdx, UserIdx, World};

/// Why a `MoveChats` cannot join the lesson (the words name the devices:
/// `words::act::refused_in`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveRefused {
    /// From a device onto itself.
    SameDevice(DeviceIdx),
    /// Two devices of two people: chats move between one person's own devices.
    OtherPerson { from: DeviceIdx, to: DeviceIdx },
}

/// The devices an action is done on (`Send`'s and `Typing`'s `from`, both of
/// `MoveChats`, the phone of a login, an app or a chat…).
fn devices(action: &Action) -> Vec<DeviceIdx> {
    match action {
        Action::Login(d)
        | Action::Logout(d)
        | Action::LinkDown(d)
        | Action::LinkUp(d)
        | Action::CloseApp(d)
        | Action::OpenApp(d)
        | Action::OpenChat(d, _)
        | Action::CloseChat(d)
        | Action::SetLoss { user: d, .. }
        | Action::Drop { user: d, .. }
        | Action::Send { from: d, .. }
        | Action::Typing { from: d, .. } => vec![*d],
        Action::Resend(l) | Action::Recall(l) => vec![l.from],
        Action::MoveChats { from, to } => vec![*from, *to],
        Action::Register(..)
        | Action::ServerDown
        | Action::ServerUp
        | Action::SetPresence(_)
        | Action::Membership { .. } => Vec::new(),
    }
}

/// Whether the devices `action` names are the scene's (a phone of a registered
/// person, or one of the `devices:`), and a `MoveChats` moves between two
/// devices of one person.
pub(super) fn check(action: &Action, world: &World) -> Result<(), Refused> {
    if let Some(d) = devices(action)
        .into_iter()
        .find(|d| d.index() >= world.device_count())
    {
        return Err(Refused::NoSuchDevice(d));
    }
    if let Action::MoveChats { from, to } = *action {
        if from == to {
            return Err(Refused::MoveChats(MoveRefused::SameDevice(to)));
        }
        if world.owner(from) != world.owner(to) {
            return Err(Refused::MoveChats(MoveRefused::OtherPerson { from, to }));
        }
    }
    Ok(())
}

impl Lesson {
    /// Whether someone in the scene has more than one device.
    pub fn has_devices(&self) -> bool {
        self.scene().world.has_devices()
    }

    /// The same lesson told again from its start with the post office handing a
    /// device that logs in for the first time the conversation from its archive
    /// (`true`: QQ's roaming history, Telegram) or not (`false`: WeChat,
    /// WhatsApp), the class's actions kept. Refused for a recorded story.
    pub fn with_keeps_history(&self, keeps: bool) -> Result<Lesson, Refused> {
        self.with_settings(|s| s.keeps_history = keeps)
    }

    /// The devices of person `u` beyond her main phone that are logged out when
    /// an action after `shown` beats would come (never logged in yet, or logged
    /// out since) and that a live `Login` fits the script there: the panel's
    /// "Log in on …" buttons.
    pub fn devices_to_log_in(&self, shown: usize, u: UserIdx) -> Vec<DeviceIdx> {
        let world = &self.scene().world;
        world
            .devices_of(u)
            .skip(1)
            .filter(|&d| self.app_after(shown, d) == App::LoggedOut)
            .filter(|&d| self.may(shown, &Action::Login(d)).is_ok())
            .collect()
    }

    /// The chats person `u` can move after `shown` beats, old phone to new: from
    /// her main phone to each of her other phones (not her computers), each
    /// logged in or not (moving is done nearby, without the post office).
    pub fn moves_offered(&self, u: UserIdx) -> Vec<Action> {
        let world = &self.scene().world;
        let old = DeviceIdx::main(u);
        world
            .devices_of(u)
            .skip(1)
            .filter(|&d| world.device_kind(d) == crate::sim::DeviceKind::Phone)
            .map(|to| Action::MoveChats { from: old, to })
            .collect()
    }
}
