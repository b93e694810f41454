//! A phone's app (logged out, open, or closed with the account logged in) at a
//! time of a lesson, as the script leaves it: the scene's actions, then the
//! class's, up to that millisecond. The window's phone menu offers "Close the app"
//! or "Open the app" from it, and only an action that keeps the whole script to
//! the format's rules (`scenario/later.rs`: no `CloseApp` of an app not open, no
//! `OpenApp` of one not closed, no `Login` or `Logout` of a closed app), the
//! scene's own later actions included: a lesson saved with it reads back.

use super::LiveAction;
use crate::scenario::Scenario;
use crate::sim::view::App;
use crate::sim::{Action, DeviceIdx, GroupIdx, Time};

/// Why an app action cannot join the lesson at its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The phone is logged out: no app open to close, none closed to open.
    LoggedOut(DeviceIdx),
    /// Its app is open already.
    Open(DeviceIdx),
    /// Its app is closed, the account logged in: it opens before anything else.
    Closed(DeviceIdx),
    /// The scene's own script changes this phone's app at that time, which would
    /// no longer fit (a logout of an app the class closed, say).
    Later(DeviceIdx, Time),
    /// A group's chat opened by someone not in the group at that time.
    NotMember(DeviceIdx, GroupIdx),
    /// Back to the chat list from the chat list: no chat is open.
    ChatList(DeviceIdx),
    /// The scene's own script takes this phone back to its chat list at that
    /// time, which would no longer fit (no chat open by then).
    ChatLater(DeviceIdx, Time),
}

/// The phone and the app it leaves behind, for an action that changes an app.
fn moves(a: &Action) -> Option<DeviceIdx> {
    match a {
        Action::Login(u) | Action::Logout(u) | Action::CloseApp(u) | Action::OpenApp(u) => Some(*u),
        _ => None,
    }
}

/// The app after `a` of one whose app is `now`, or why `a` breaks the rules.
fn next(now: App, a: &Action) -> Result<App, App> {
    match (a, now) {
        (Action::Login(_), App::Closed) | (Action::Logout(_), App::Closed) => Err(now),
        (Action::Login(_), _) => Ok(App::Open),
        (Action::Logout(_), _) => Ok(App::LoggedOut),
        (Action::CloseApp(_), App::Open) => Ok(App::Closed),
        (Action::OpenApp(_), App::Closed) => Ok(App::Open),
        (Action::CloseApp(_) | Action::OpenApp(_), _) => Err(now),
        _ => Ok(now),
    }
}

/// The scene's actions and the class's up to `at`, in the order they run (the
/// scene's first within a millisecond), then the rest of the scene's.
pub(super) fn script<'a>(
    scene: &'a Scenario,
    live: &'a [LiveAction],
    at: Time,
) -> (Vec<&'a LiveAction>, &'a [LiveAction]) {
    let split = scene.script.partition_point(|(t, _)| *t <= at);
    let mut before: Vec<&LiveAction> = scene.script[..split]
        .iter()
        .chain(live.iter().take_while(|(t, _)| *t <= at))
        .collect();
    // A stable sort: the scene's actions stay before the class's of their time.
    before.sort_by_key(|(t, _)| *t);
    (before, &scene.script[split..])
}

/// Phone `u`'s app once every action up to `at` has run.
pub fn at(scene: &Scenario, live: &[LiveAction], at: Time, u: DeviceIdx) -> App {
    let (before, _) = script(scene, live, at);
    before
        .into_iter()
        .filter(|(_, a)| moves(a) == Some(u))
        .fold(App::LoggedOut, |now, (_, a)| next(now, a).unwrap_or(now))
}

/// Whether the class may add `action` at `at` (after the live actions up to then;
/// those after it are dropped, as [`super::Lesson::inject`] drops them): the
/// script stays to the rules for its app, the scene's later actions included.
/// Actions that change no app always may (a chat's: see `super::chats::check`).
pub fn check(
    scene: &Scenario,
    live: &[LiveAction],
    at: Time,
    action: &Action,
) -> Result<(), Blocked> {
    let Some(u) = moves(action) else {
        return Ok(());
    };
    let now = self::at(scene, live, at, u);
    let mut app = next(now, action).map_err(|was| match was {
        App::LoggedOut => Blocked::LoggedOut(u),
        App::Open => Blocked::Open(u),
        App::Closed => Blocked::Closed(u),
    })?;
    let (_, after) = script(scene, live, at);
    for (t, a) in after.iter().filter(|(_, a)| moves(a) == Some(u)) {
        app = next(app, a).map_err(|_| Blocked::Later(u, *t))?;
    }
    Ok(())
}

impl super::Lesson {
    /// Phone `u`'s app as an action after `shown` beats finds it (at the time a
    /// live action would take: [`super::Lesson::inject`]).
    pub fn app_after(&self, shown: usize, u: DeviceIdx) -> App {
        at(self.scene(), self.live(), self.time_of(shown) + 1, u)
    }
}
