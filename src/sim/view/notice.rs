//! What the class sees of closed apps and notifications (issue 24), read from the
//! trace like the rest of the view:
//!
//! - each phone's app: open, closed (the account still logged in: the phone
//!   takes notifications), or logged out ([`PhoneView::app`]); a closed app's
//!   connection is [`Connection::Closed`], as a logged-out one's;
//! - each phone's lock screen: the notifications it shows, oldest first, each of
//!   a letter, from whom, and what it shows ([`PhoneView::lock_screen`]); opening
//!   the app or logging in clears them;
//! - the push service's held notifications, per phone without signal
//!   ([`View::push_held`]: the latest one only).
//!
//! Frames on the wires: `notify` (post office → push service) and `push` (push
//! service → phone) are [`What::FrameOut`] events of those frame kinds, `notify`
//! by the post office and `push` by [`Actor::PushService`], both naming the phone
//! as `user`; a `push` lost on the phone's link is a [`What::FrameLost`].

use super::{Connection, PhoneView, View};
use crate::sim::frame::{FrameKind, MsgId};
use crate::sim::trace::{Actor, Event, What};
use crate::sim::world::{DeviceIdx, Notifications, UserIdx};

/// A phone's app, as the class sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum App {
    /// Logged out, or never logged in: no line, no notifications.
    #[default]
    LoggedOut,
    /// Open: its line is open or being dialled.
    Open,
    /// Closed, the phone on and the account logged in: no line; the push
    /// service's notifications light its lock screen.
    Closed,
}

/// One notification on a lock screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Notice {
    /// The letter it is about (its words are in [`View::letters`]).
    pub letter: MsgId,
    /// Who wrote it.
    pub from: UserIdx,
    /// What it shows: the name and the words, the name only, or "New message".
    pub shows: Notifications,
    /// Issue 28: the phone could not open the sealed letter it is of: it
    /// shows no words, whatever `shows` allows.
    pub locked: bool,
}

impl View {
    /// Apps, lock screens and the push service (see the module's comment).
    pub(super) fn notifications(&mut self, e: &Event, me: Option<DeviceIdx>) {
        let set_app = |v: &mut View, u: DeviceIdx, app: App| {
            if let Some(p) = v.phone_mut(u) {
                p.app = app;
                if app != App::Closed {
                    p.lock_screen.clear();
                }
            }
        };
        match (&e.what, me) {
            (What::LoginStart | What::AppOpened { .. }, Some(u)) => set_app(self, u, App::Open),
            (What::LoggedOut, Some(u)) => set_app(self, u, App::LoggedOut),
            (What::AppClosed, Some(u)) => {
                set_app(self, u, App::Closed);
                if let Some(p) = self.phone_mut(u) {
                    p.connection = Connection::Closed;
                }
            }
            (What::Notified { shows }, Some(u)) => {
                if let (Some(m), Some(p)) = (&e.msg, self.phones.get_mut(u.index())) {
                    p.lock_screen.push(Notice {
                        letter: m.id,
                        from: m.from(),
                        shows: *shows,
                        locked: m.sealed().is_some(),
                    });
                }
            }
            (What::PushHeld { to, .. }, _) => {
                if let Some(m) = &e.msg {
                    self.push_held.insert(*to, m.id);
                }
            }
            (
                What::FrameOut {
                    user,
                    frame: FrameKind::Push,
                    ..
                },
                _,
            ) if e.actor == Actor::PushService => {
                self.push_held.remove(user);
            }
            _ => {}
        }
    }
}

impl PhoneView {
    /// Whether the lock screen shows a notification of a letter from `from`.
    pub fn notified_of(&self, from: UserIdx) -> bool {
        self.lock_screen.iter().any(|n| n.from == from)
    }
}
