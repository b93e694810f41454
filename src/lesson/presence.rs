//! How friends see each other's online dots (the scene setting `presence:`) at a
//! time of a lesson: the setting, then every `SetPresence` of the script and of the
//! class up to that time. The window's panel shows it and switches it with a live
//! `SetPresence` action, which a saved lesson writes into its script (see
//! [`super::save`]) and Ctrl+Z takes back, like any other.

use super::LiveAction;
use crate::scenario::Scenario;
use crate::sim::{Action, Presence, Time};

/// The presence in effect at `at`, once every action up to that millisecond has
/// run: the scene's own actions first, then the class's (as the simulation runs
/// them within a millisecond).
pub fn at(scene: &Scenario, live: &[LiveAction], at: Time) -> Presence {
    let last = |list: &[(Time, Action)]| {
        list.iter()
            .take_while(|(t, _)| *t <= at)
            .filter_map(|(t, a)| match a {
                Action::SetPresence(p) => Some((*t, *p)),
                _ => None,
            })
            .last()
    };
    match (last(&scene.script), last(live)) {
        // Within a millisecond the class's action runs after the scene's.
        (Some((s, p)), Some((l, _))) if s > l => p,
        (_, Some((_, p))) | (Some((_, p)), None) => p,
        (None, None) => scene.settings.presence,
    }
}

impl super::Lesson {
    /// The presence a switch made after `shown` beats would change: the one in
    /// effect at the time a live action would take ([`super::Lesson::inject`]).
    pub fn presence_after(&self, shown: usize) -> Presence {
        at(self.scene(), self.live(), self.time_of(shown) + 1)
    }
}
