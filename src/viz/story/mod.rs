//! The story and its playback: a scene loaded on the simulation's own thread
//! ([`engine`]) and told as a lesson ([`told`]), the kind of story told
//! ([`telling`]), which beat is on screen and the commands that change it
//! ([`show`]), that beat made into a picture, motion and words ([`present`], in the
//! terms of [`model`]), and the lesson kept safe ([`autosave`]).

pub mod autosave;
pub mod engine;
pub mod model;
pub mod present;
pub mod show;
pub mod telling;
pub mod told;

use bevy::prelude::*;

/// The story's systems: the telling state, the loading thread, playback.
pub fn plugin(app: &mut App) {
    app.add_plugins((telling::plugin, engine::plugin, show::plugin));
}
