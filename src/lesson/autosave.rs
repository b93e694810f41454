//! The lesson in progress, kept safe: after every live action, every switch of the
//! scene's settings in the panel (and every undo) the window writes the lesson to
//! a file of the program's own, away from the scenes —
//! so a window closed by mistake, or a crash, loses nothing. Opening the same scene
//! again offers to restore it (only if the scene's file has not changed since).
//!
//! The file is the lesson as a scene (the same text `Save` writes), headed by a
//! comment naming the scene and a hash of its text. It lives in
//! `$POSTOFFICE_AUTOSAVE_DIR`, else `$XDG_STATE_HOME/postoffice/autosave`, else
//! `~/.local/state/postoffice/autosave` (on Windows `%LOCALAPPDATA%\postoffice\autosave`).
//! Nothing here needs the window: the window's `viz::story::autosave` calls it.

use std::path::{Path, PathBuf};

use super::{LiveAction, save::lesson_text, settings};
use crate::scenario::{self, Scenario};
use crate::sim::{Settings, World};

/// A lesson kept safe, as read back: the class's actions, and the scene's
/// settings where the panel switched them.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub live: Vec<LiveAction>,
    /// `None`: the scene's own settings.
    pub settings: Option<Box<Settings>>,
}

/// The folder autosaves go to, when one can be found.
pub fn folder() -> Option<PathBuf> {
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

/// Where the autosave of the scene at `scene_path` goes, in the folder `kept`.
pub fn path_for(kept: Option<&Path>, scene_path: &Path) -> Option<PathBuf> {
    let full = std::fs::canonicalize(scene_path).unwrap_or_else(|_| scene_path.to_path_buf());
    let stem = scene_path
        .file_stem()
        .map_or_else(|| "scene".into(), |s| s.to_string_lossy().into_owned());
    let name = format!(
        "{stem}-{:016x}.ron",
        hash(full.to_string_lossy().as_bytes())
    );
    Some(kept?.join(name))
}

fn header(scene: &Scenario) -> String {
    format!(
        "// postoffice autosave of {}, scene text {:016x}\n",
        scene.file.replace('\n', " "),
        hash(scene.source.as_bytes())
    )
}

/// Writes the lesson's live actions and switched settings (`scene` is the lesson's
/// scene, with the settings it is told with), or removes the autosave when there
/// are none.
/// Written whole to a new temporary file, then renamed over the old autosave: never
/// half a file, and never through a link planted under either name.
pub fn save(
    kept: Option<&Path>,
    scene_path: &Path,
    scene: &Scenario,
    live: &[LiveAction],
) -> Result<(), String> {
    let Some(path) = path_for(kept, scene_path) else {
        return Ok(());
    };
    if live.is_empty() && !settings::switched(scene) {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    let text = header(scene) + &lesson_text(scene, live);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::files::replace(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
}

/// The live actions autosaved for this scene: `Ok(None)` when there are none, or
/// they were added to another text of the scene; an error when the autosave is not
/// one to offer back. It is read with the checks a scene file gets: a link, a
/// folder, a pipe, a device or a file over 4 MiB is refused without being read; its
/// people and groups must be the scene's, in the same order (its actions name them
/// by place); and a story too long to tell is refused as the same scene file is.
pub fn load(
    kept: Option<&Path>,
    scene_path: &Path,
    scene: &Scenario,
) -> Result<Option<Vec<LiveAction>>, String> {
    Ok(load_kept(kept, scene_path, scene)?
        .map(|k| k.live)
        .filter(|live| !live.is_empty()))
}

/// The lesson autosaved for this scene, as [`load`] reads it, with the settings
/// the panel switched: `Ok(None)` when there are neither actions nor switches.
pub fn load_kept(
    kept: Option<&Path>,
    scene_path: &Path,
    scene: &Scenario,
) -> Result<Option<Kept>, String> {
    let Some(path) = path_for(kept, scene_path) else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{shown}: {e}")),
        Ok(m) if m.file_type().is_symlink() => {
            return Err(format!(
                "{shown}: this is a link; postoffice writes its autosaves as files"
            ));
        }
        Ok(_) => {}
    }
    let bytes = scenario::read::read(&path).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let Some((first, rest)) = text.split_once('\n') else {
        return Ok(None);
    };
    if format!("{first}\n") != header(scene) {
        return Ok(None);
    }
    let saved = scenario::parse(&shown, rest.as_bytes()).map_err(|e| e.to_string())?;
    if let Some(why) = other_world(&saved.world, &scene.world) {
        return Err(format!(
            "{shown}: {why}, not the scene's people; it is not this scene's lesson"
        ));
    }
    saved.check_size(None).map_err(|e| e.to_string())?;
    // The scene's own entries come first in the file; the rest were added live.
    let own = scene.script_entries.len();
    let live: Vec<LiveAction> = saved
        .script
        .iter()
        .zip(&saved.script_entries)
        .filter(|(_, entry)| **entry >= own)
        .map(|((at, action), _)| (*at, action.clone()))
        .collect();
    // The same text but for the switches: its settings are the lesson's.
    let settings = (saved.settings != scene.settings).then(|| Box::new(saved.settings));
    Ok((!live.is_empty() || settings.is_some()).then_some(Kept { live, settings }))
}

/// How the people and groups of `saved` differ from the scene's (`None`: the same
/// ones, in the same order).
fn other_world(saved: &World, scene: &World) -> Option<String> {
    let ids = |w: &World| -> Vec<(String, bool)> {
        w.people
            .iter()
            .map(|p| (p.id.to_string(), p.registered))
            .collect()
    };
    let (a, b) = (ids(saved), ids(scene));
    if a != b {
        let stranger = a.iter().find(|p| !b.contains(p));
        return Some(match stranger {
            Some((id, _)) => format!("it names `{}`", id.replace(char::is_control, " ")),
            None => "it lists the people in another order".into(),
        });
    }
    let groups = |w: &World| -> Vec<(String, Vec<crate::sim::UserIdx>)> {
        w.groups
            .iter()
            .map(|g| (g.id.to_string(), g.members.clone()))
            .collect()
    };
    (groups(saved) != groups(scene)).then(|| "its groups are others".into())
}

/// Forgets the autosave of this scene.
pub fn clear(kept: Option<&Path>, scene_path: &Path) {
    if let Some(path) = path_for(kept, scene_path) {
        let _ = std::fs::remove_file(path);
    }
}
