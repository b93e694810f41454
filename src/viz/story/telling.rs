//! What kind of story the window is telling — none yet, a lesson drawn as whole
//! phones, a class drawn as tiles, or a crowd too large to change — as a bevy
//! [`States`]. Everything drawn for a story is scoped to it ([`DespawnOnExit`]):
//! a new story (or the same file read again) sets the state anew, even to the
//! same value, which takes the old picture away; the picture is then drawn for the
//! new story where none is (`picture::rebuild`, `crowd::spawn_tiles`).

use bevy::prelude::*;

use crate::viz::story::told::Told;

/// The kind of story on screen.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Telling {
    /// No story yet (the first file is being read).
    #[default]
    Loading,
    /// A lesson: each phone drawn whole beside the post office.
    Lesson,
    /// A class (up to 40 people): a tile per phone, and the class can change it.
    Classroom,
    /// A crowd: a tile per phone, a recorded story that can be watched, not changed.
    Crowd,
}

impl Telling {
    /// How `told` is drawn.
    pub fn of(told: &Told) -> Telling {
        match (&told.crowd, told.live()) {
            (None, _) => Telling::Lesson,
            (Some(_), true) => Telling::Classroom,
            (Some(_), false) => Telling::Crowd,
        }
    }

    /// Drawn as tiles.
    pub fn tiled(self) -> bool {
        matches!(self, Telling::Classroom | Telling::Crowd)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Telling>();
}

/// Whether the story on screen is drawn as tiles (a run condition).
pub fn tiled(state: Res<State<Telling>>) -> bool {
    state.get().tiled()
}

/// Whether a story is on screen (a run condition).
pub fn telling(state: Res<State<Telling>>) -> bool {
    *state.get() != Telling::Loading
}
