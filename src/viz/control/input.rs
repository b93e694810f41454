//! Keys, dropped files, and the open file changing on disk, turned into [`Control`]s.
//! Presentation clickers send PageUp / PageDown, so those step too; Tab shows and
//! hides the teacher's panel.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::time::common_conditions::on_timer;
use bevy::window::FileDragAndDrop;

use crate::viz::AppSystems;
use crate::viz::control::bars::SceneList;
use crate::viz::control::panel::Panel;
use crate::viz::story::engine::Engine;
use crate::viz::story::show::{Control, OpenScene};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys,
            dropped_files,
            reload_on_change.run_if(on_timer(Duration::from_millis(500))),
        )
            .in_set(AppSystems::Input),
    );
}

/// Run condition: the keyboard is the picture's (the panel has none of it), so a
/// single key may act. Every overlay's key system runs `.run_if(keys_free)`
/// instead of checking the panel itself.
pub fn keys_free(panel: Res<Panel>) -> bool {
    panel.keys_free()
}

/// The key for each control, in one place (the buttons show the same keys). Key
/// presses are read in the order they came, so a Ctrl+S pressed and released within
/// one frame still saves. While the panel has the keyboard (a text box, or a button
/// reached with Tab), only Ctrl+S, Ctrl+Z (not in a text box) and Esc (give the
/// keyboard back to the picture) act here: the rest is the panel's.
#[allow(clippy::too_many_arguments)]
fn keys(
    mut presses: MessageReader<KeyboardInput>,
    mut ctrl: Local<[bool; 2]>,
    scene: Res<OpenScene>,
    mut panel: ResMut<Panel>,
    mut controls: MessageWriter<Control>,
    mut list: ResMut<SceneList>,
    mut wording: ResMut<crate::viz::lang::Wording>,
) {
    for press in presses.read() {
        let down = press.state == ButtonState::Pressed;
        match press.key_code {
            KeyCode::ControlLeft => ctrl[0] = down,
            KeyCode::ControlRight => ctrl[1] = down,
            _ => {}
        }
        if !down {
            continue;
        }
        if ctrl[0] || ctrl[1] {
            match press.key_code {
                KeyCode::KeyS => {
                    controls.write(Control::Save);
                }
                // In a text box, Ctrl+Z takes back typing, not the lesson.
                KeyCode::KeyZ if !panel.typing => {
                    controls.write(Control::Undo);
                }
                _ => {}
            }
            continue;
        }
        // An unsaved lesson offered back: Enter takes it, Esc sets it aside.
        if scene.offer.is_some() && panel.keys_free() {
            match press.key_code {
                KeyCode::Enter | KeyCode::NumpadEnter => {
                    controls.write(Control::Restore(true));
                    continue;
                }
                KeyCode::Escape => {
                    controls.write(Control::Restore(false));
                    continue;
                }
                _ => {}
            }
        }
        if !panel.keys_free() {
            if press.key_code == KeyCode::Escape {
                panel.leave_text = true;
                panel.typing = false;
                panel.keyboard = false;
            }
            continue;
        }
        if press.repeat && !matches!(press.key_code, KeyCode::ArrowRight | KeyCode::ArrowLeft) {
            continue;
        }
        let control = match press.key_code {
            KeyCode::Tab => {
                if panel.open {
                    panel.open = false;
                } else {
                    panel.open_to_compose();
                    // What follows in this frame is typing for the compose box.
                    panel.typing = true;
                }
                continue;
            }
            KeyCode::Space => Control::PlayPause,
            KeyCode::ArrowRight | KeyCode::PageDown => Control::Next,
            KeyCode::ArrowLeft | KeyCode::PageUp => Control::Previous,
            KeyCode::Home => Control::Restart,
            KeyCode::Equal | KeyCode::NumpadAdd => Control::Faster,
            KeyCode::Minus | KeyCode::NumpadSubtract => Control::Slower,
            KeyCode::KeyH => Control::ToggleHeartbeats,
            KeyCode::KeyL => Control::ToggleLanguage,
            KeyCode::KeyW => {
                wording.0 = wording.0.next();
                continue;
            }
            KeyCode::KeyF => Control::ToggleFullscreen,
            KeyCode::Escape => {
                list.open = false;
                if scene.error.is_some() {
                    Control::Dismiss
                } else {
                    Control::LeaveFullscreen
                }
            }
            KeyCode::Enter | KeyCode::NumpadEnter if scene.error.is_some() => Control::Dismiss,
            _ => continue,
        };
        controls.write(control);
    }
}

fn dropped_files(mut drops: MessageReader<FileDragAndDrop>, mut controls: MessageWriter<Control>) {
    for drop in drops.read() {
        if let FileDragAndDrop::DroppedFile { path_buf, .. } = drop {
            controls.write(Control::Open(path_buf.clone()));
        }
    }
}

/// A teacher edits the open file beside the window: read it again when it changes.
fn reload_on_change(scene: Res<OpenScene>, mut engine: ResMut<Engine>) {
    let Some(path) = scene.path.as_ref() else {
        return;
    };
    if engine.pending > 0 {
        return;
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified.is_some() && modified != scene.modified {
        engine.open(path.clone());
    }
}

/// The scenes the menu offers, with their titles: the lesson scenes built into the
/// program (or a teacher's copy of one, of the same name) and the other scenes
/// beside `file` (its folder, when it has scene files) or in `./scenes`.
pub fn list_scenes(file: Option<&Path>) -> Vec<(PathBuf, crate::viz::control::bars::ListedTitle)> {
    let has_scenes = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ron")))
        })
    };
    let beside = file
        .and_then(Path::parent)
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .filter(|d| has_scenes(d));
    let folder = beside.unwrap_or(Path::new("scenes"));
    crate::scenario::builtin::list(folder)
        .into_iter()
        .map(|l| {
            let title = crate::viz::control::bars::ListedTitle {
                text: l
                    .title
                    .in_register(crate::viz::lang::Register::Both)
                    .clone(),
                story: l
                    .title
                    .in_register(crate::viz::lang::Register::Story)
                    .clone(),
            };
            (l.path, title)
        })
        .collect()
}
