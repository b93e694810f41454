//! The app closed while the phone stays on (issue 24): a third state beside
//! "logged out" (the account: no notifications at all) and "no signal" (a
//! tunnel). A closed app keeps no long connection (battery); the post office keeps
//! the phone's registration for notifications, and the phone system's push service
//! lights the lock screen with a notification of each letter shelved for it
//! (`notifications:`). Opening the app clears them and opens the line again; with
//! `shelf: Fetched` the phone then asks for its waiting letters (`fetch`), again
//! until the post office answers.

use std::sync::Arc;

use super::{Conn, Phone};
use crate::sim::effects::{Out, PhoneTimer, Timer};
use crate::sim::frame::{Envelope, Frame};
use crate::sim::trace::What;
use crate::sim::world::{Settings, Shelf, Time};

/// Whether the app is open, closed, or the account logged out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AppState {
    /// Open: connected, or dialling the post office.
    Open,
    /// Closed, the account still logged in: no line, notifications on the lock
    /// screen.
    Closed,
    /// Logged out (or never logged in): no line and no notifications.
    LoggedOut,
}

/// What a phone keeps about its app beyond the connection: boxed in [`Phone`],
/// so that a large run that never closes an app stays small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppSide {
    /// The app is closed (the account still logged in).
    pub closed: bool,
    /// The lock screen's notifications, oldest first: the letters they are of.
    pub lock_screen: Vec<Arc<Envelope>>,
    /// The current round of asking for the shelf (`shelf: Fetched`).
    fetch_gen: u32,
    /// Whether this round's ask has its answer (`fetch:A`).
    answered: bool,
    /// How many times this round asked again.
    asked_again: u32,
}

impl Phone {
    fn app_side(&mut self) -> &mut AppSide {
        self.app.get_or_insert_with(Box::default)
    }

    /// Whether the app is open, closed, or the account logged out.
    pub fn app_state(&self) -> AppState {
        if self.conn != Conn::Offline {
            AppState::Open
        } else if self.app.as_ref().is_some_and(|a| a.closed) {
            AppState::Closed
        } else {
            AppState::LoggedOut
        }
    }

    /// The lock screen's notifications, oldest first (the letters they are of).
    pub fn lock_screen(&self) -> &[Arc<Envelope>] {
        self.app.as_ref().map_or(&[], |a| &a.lock_screen)
    }

    /// The user closes the app: say goodbye (`bye`, if the line is open) and keep
    /// no line; the account stays logged in.
    pub fn close_app(&mut self, now: Time, out: &mut Out) {
        if self.conn == Conn::Offline {
            return;
        }
        out.note(now, self.actor(), None, What::AppClosed);
        if self.conn == Conn::Online {
            out.send(self.device, Frame::Bye);
        }
        self.conn = Conn::Offline;
        self.heartbeat_gen += 1;
        self.reconnect_gen += 1;
        self.app_side().closed = true;
    }

    /// The user opens the closed app: its notifications leave the lock screen,
    /// and the phone dials the post office.
    pub fn open_app(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if self.app_state() != AppState::Closed {
            return;
        }
        let side = self.app_side();
        side.closed = false;
        let cleared = std::mem::take(&mut side.lock_screen).len() as u32;
        out.note(now, self.actor(), None, What::AppOpened { cleared });
        self.start_connecting(now, s, out);
    }

    /// A login or logout of the account ends the closed state (without a word:
    /// the login or logout says it).
    pub(super) fn account_changes(&mut self) {
        if let Some(side) = &mut self.app {
            side.closed = false;
            side.lock_screen.clear();
        }
    }

    /// `push`: the push service's notification of a letter reaches the phone. A
    /// closed app's lock screen lights with it; an open app shows nothing (its
    /// letter comes down its own line).
    pub(super) fn on_push(&mut self, now: Time, env: Arc<Envelope>, s: &Settings, out: &mut Out) {
        if self.app_state() != AppState::Closed {
            return;
        }
        // Issue 28: the push service brings a sealed letter; the phone opens it
        // itself (a key that cannot leaves it sealed on the lock screen).
        let env = self.open(&env).unwrap_or_else(|sealed| sealed);
        let shows = s.notifications;
        out.note(now, self.actor(), Some(&env), What::Notified { shows });
        self.app_side().lock_screen.push(env);
    }

    /// `shelf: Fetched`: the line is open: ask for the letters on the shelf.
    pub(super) fn ask_shelf(&mut self, now: Time, s: &Settings, out: &mut Out) {
        if s.shelf != Shelf::Fetched {
            return;
        }
        let side = self.app_side();
        side.fetch_gen += 1;
        side.answered = false;
        side.asked_again = 0;
        let generation = side.fetch_gen;
        self.send_fetch(now, 0, generation, s, out);
    }

    fn send_fetch(
        &mut self,
        now: Time,
        attempt: u32,
        generation: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        out.note(now, self.actor(), None, What::Fetch { attempt });
        out.send(self.device, Frame::Fetch);
        let wait = s.retry.grace_ms.max(s.retry.check_ms).max(1);
        out.set_timer(wait, Timer::Phone(PhoneTimer::FetchCheck { generation }));
    }

    /// `fetch:A`: the post office answered this round's ask.
    pub(super) fn on_fetch_answer(&mut self) {
        self.app_side().answered = true;
    }

    /// No answer to the ask within the wait: ask again while the line is open (a
    /// lost ask or answer only delays; a line that breaks asks anew at its login).
    pub(super) fn fetch_check(&mut self, now: Time, generation: u32, s: &Settings, out: &mut Out) {
        let Some(side) = &mut self.app else { return };
        if side.fetch_gen != generation || side.answered || self.conn != Conn::Online {
            return;
        }
        side.asked_again += 1;
        let attempt = side.asked_again;
        self.send_fetch(now, attempt, generation, s, out);
    }
}
