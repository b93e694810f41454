//! The window's systems without a window or a renderer, for tests: the panel's and
//! the tools' egui passes run headless; keys and IME text come in as the window
//! sends them.

#![allow(dead_code)]

pub mod picture;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use postoffice::viz::{self, story::show::Control, story::show::OpenScene};

/// A scene of the crate's `scenes/` folder.
pub fn scene(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(name)
}

/// The window's systems with the panel's egui pass, headless, on `file` (told);
/// and its window. Nothing is autosaved unless the test says where.
pub fn app_on(file: PathBuf) -> (App, Entity) {
    app_keeping(file, None)
}

/// As [`app_on`], autosaving lessons into `kept` when given.
pub fn app_keeping(file: PathBuf, kept: Option<PathBuf>) -> (App, Entity) {
    let mut app = App::new();
    viz::headless_plugins(&mut app);
    app.insert_resource(viz::story::autosave::Autosave(kept));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        50,
    )));
    viz::plugin(&mut app);
    let window = viz::headless_egui(&mut app);
    viz::open_first(&mut app, file);
    // Generous: a big scene in a debug build, beside other tests, takes seconds.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        app.update();
        if app.world().resource::<OpenScene>().told.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        app.world().resource::<OpenScene>().told.is_some(),
        "the scene was told"
    );
    (app, window)
}

pub fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update();
    }
}

/// Sends `control` and lets its motion finish.
pub fn press(app: &mut App, control: Control) {
    app.world_mut().write_message(control);
    frames(app, 40);
}

/// A key pressed (and, unless `hold`, released) in one frame, as the window sends it.
pub fn key(app: &mut App, window: Entity, code: KeyCode, logical: Key, hold: bool) {
    let mut send = |state| {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: logical.clone(),
            state,
            text: match (&logical, state) {
                (Key::Character(c), ButtonState::Pressed) => Some(c.clone()),
                _ => None,
            },
            repeat: false,
            window,
        });
    };
    send(ButtonState::Pressed);
    if !hold {
        send(ButtonState::Released);
    }
}

/// A key released, as the window sends it.
pub fn release(app: &mut App, window: Entity, code: KeyCode, logical: Key) {
    app.world_mut().write_message(KeyboardInput {
        key_code: code,
        logical_key: logical,
        state: ButtonState::Released,
        text: None,
        repeat: false,
        window,
    });
}

/// A fresh folder of the system's temporary one, of its own (tests run at once).
/// The first call also takes away the folders that earlier test runs left there,
/// once their process has ended.
pub fn tmp_dir(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(sweep_ended_runs);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("postoffice-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes `postoffice-NAME-PID-N` folders ([`tmp_dir`]'s) of test processes that
/// have ended. Only where `/proc` says which processes run; elsewhere nothing.
fn sweep_ended_runs() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = ended_run(&name)
            && !Path::new("/proc").join(pid.to_string()).exists()
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in a [`tmp_dir`] folder's name `postoffice-NAME-PID-N`.
fn ended_run(name: &str) -> Option<u32> {
    let rest = name.strip_prefix("postoffice-")?;
    let (rest, n) = rest.rsplit_once('-')?;
    let (scene, pid) = rest.rsplit_once('-')?;
    n.parse::<usize>().ok()?;
    (!scene.is_empty()).then_some(())?;
    pid.parse().ok()
}

#[test]
fn a_scratch_folder_names_its_process() {
    assert_eq!(ended_run("postoffice-hello-4242-3"), Some(4242));
    assert_eq!(ended_run("postoffice-window-undo-17-0"), Some(17));
    assert_eq!(ended_run("postoffice-hello-4242"), None);
    assert_eq!(ended_run("postoffice--4242-3"), None);
    assert_eq!(ended_run("other-hello-4242-3"), None);
}

/// A copy of scene `name` in a fresh folder (lessons are saved beside it).
pub fn copied(name: &str) -> PathBuf {
    let dir = tmp_dir(name.trim_end_matches(".ron"));
    let file = dir.join(name);
    std::fs::copy(scene(name), &file).unwrap();
    file
}
