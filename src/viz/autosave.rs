//! The lesson in progress, kept safe: after every live action (and every undo) the
//! lesson is written to a file of the program's own, away from the scenes — so a
//! window closed by mistake, or a crash, loses nothing. Opening the same scene
//! again offers to restore it (only if the scene's file has not changed since).
//!
//! The file is the lesson as a scene (the same text `Save` writes), headed by a
//! comment naming the scene and a hash of its text. It lives in
//! `$POSTOFFICE_AUTOSAVE_DIR`, else `$XDG_STATE_HOME/postoffice/autosave`, else
//! `~/.local/state/postoffice/autosave` (on Windows `%LOCALAPPDATA%\postoffice\autosave`).
//! Headless apps (tests) keep nothing unless given a folder ([`Autosave`]).

use std::path::{Path, PathBuf};

use bevy::prelude::Resource;

use crate::lesson::{LiveAction, save::lesson_text};
use crate::scenario::{self, Scenario};

/// Where lessons are kept safe: `None` keeps nothing.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Autosave(pub Option<PathBuf>);

impl Default for Autosave {
    /// The folder of the environment (see the module's documentation).
    fn default() -> Self {
        Autosave(folder())
    }
}

/// The folder autosaves go to, when one can be found.
fn folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("POSTOFFICE_AUTOSAVE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("postoffice").join("autosave"))
}

/// FNV-1a, 64 bits: a stable name for a path and a check for a text.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Where the autosave of the scene at `scene_path` goes.
pub fn path_for(kept: &Autosave, scene_path: &Path) -> Option<PathBuf> {
    let full = std::fs::canonicalize(scene_path).unwrap_or_else(|_| scene_path.to_path_buf());
    let stem = scene_path
        .file_stem()
        .map_or_else(|| "scene".into(), |s| s.to_string_lossy().into_owned());
    let name = format!(
        "{stem}-{:016x}.ron",
        hash(full.to_string_lossy().as_bytes())
    );
    Some(kept.0.as_ref()?.join(name))
}

fn header(scene: &Scenario) -> String {
    format!(
        "// postoffice autosave of {}, scene text {:016x}\n",
        scene.file.replace('\n', " "),
        hash(scene.source.as_bytes())
    )
}

/// Writes the lesson's live actions (or removes the autosave when there are none).
/// Failing to autosave is not worth interrupting a lesson for: it says why.
pub fn save(
    kept: &Autosave,
    scene_path: &Path,
    scene: &Scenario,
    live: &[LiveAction],
) -> Result<(), String> {
    let Some(path) = path_for(kept, scene_path) else {
        return Ok(());
    };
    if live.is_empty() {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    let text = header(scene) + &lesson_text(scene, live);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Written whole, then renamed over the old one: never half a file.
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The live actions autosaved for this scene, if there are any and the scene's
/// text is the one they were added to.
pub fn load(kept: &Autosave, scene_path: &Path, scene: &Scenario) -> Option<Vec<LiveAction>> {
    let path = path_for(kept, scene_path)?;
    let text = std::fs::read_to_string(&path).ok()?;
    let (first, rest) = text.split_once('\n')?;
    if format!("{first}\n") != header(scene) {
        return None;
    }
    let saved = scenario::parse(&path.display().to_string(), rest.as_bytes()).ok()?;
    // The scene's own entries come first in the file; the rest were added live.
    let own = scene.script_entries.len();
    let live: Vec<LiveAction> = saved
        .script
        .iter()
        .zip(&saved.script_entries)
        .filter(|(_, entry)| **entry >= own)
        .map(|((at, action), _)| (*at, action.clone()))
        .collect();
    (!live.is_empty()).then_some(live)
}

/// Forgets the autosave of this scene.
pub fn clear(kept: &Autosave, scene_path: &Path) {
    if let Some(path) = path_for(kept, scene_path) {
        let _ = std::fs::remove_file(path);
    }
}
