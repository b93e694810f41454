//! The window's side of the autosave: where lessons are kept safe (a resource), and
//! the calls the window makes. The files themselves — where, what, how they are
//! read back and checked — are [`crate::lesson::autosave`]'s.
//! Headless apps (tests) keep nothing unless given a folder ([`Autosave`]).

use std::path::{Path, PathBuf};

use bevy::prelude::Resource;

use crate::lesson::{LiveAction, autosave};
use crate::scenario::Scenario;

/// Where lessons are kept safe: `None` keeps nothing.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Autosave(pub Option<PathBuf>);

impl Default for Autosave {
    /// The folder of the environment (see [`autosave::folder`]).
    fn default() -> Self {
        Autosave(autosave::folder())
    }
}

/// Where the autosave of the scene at `scene_path` goes.
pub fn path_for(kept: &Autosave, scene_path: &Path) -> Option<PathBuf> {
    autosave::path_for(kept.0.as_deref(), scene_path)
}

/// Writes the lesson's live actions (or removes the autosave when there are none).
/// Failing to autosave is not worth interrupting a lesson for: it says why.
pub fn save(
    kept: &Autosave,
    scene_path: &Path,
    scene: &Scenario,
    live: &[LiveAction],
) -> Result<(), String> {
    autosave::save(kept.0.as_deref(), scene_path, scene, live)
}

/// The live actions autosaved for this scene, if there are any and the scene's
/// text is the one they were added to. An autosave refused says why on stderr.
pub fn load(kept: &Autosave, scene_path: &Path, scene: &Scenario) -> Option<Vec<LiveAction>> {
    autosave::load(kept.0.as_deref(), scene_path, scene).unwrap_or_else(|e| {
        crate::report::out::warn(format_args!(
            "postoffice: the lesson kept safe is not offered back: {e}"
        ));
        None
    })
}

/// The lesson autosaved for this scene with the settings it switched, as
/// [`load`] reads it.
pub fn load_kept(kept: &Autosave, scene_path: &Path, scene: &Scenario) -> Option<autosave::Kept> {
    autosave::load_kept(kept.0.as_deref(), scene_path, scene).unwrap_or_else(|e| {
        crate::report::out::warn(format_args!(
            "postoffice: the lesson kept safe is not offered back: {e}"
        ));
        None
    })
}

/// Forgets the autosave of this scene.
pub fn clear(kept: &Autosave, scene_path: &Path) {
    autosave::clear(kept.0.as_deref(), scene_path)
}
