//! The picture's systems without a window, a renderer or egui, for the tests that
//! step a scene beat by beat and compare what is drawn with the `View`
//! (tests/viz_receipts.rs, tests/viz_recall.rs, tests/viz_push.rs).

use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use postoffice::sim::view::View;
use postoffice::viz::{
    self,
    lang::Words,
    stage::chat::MarkShape,
    stage::picture::MarkOf,
    story::show::{BeatShown, Control, OpenScene},
};

/// The window's systems, headless, with a clock of 50 ms a frame.
pub fn app() -> App {
    let mut app = App::new();
    viz::headless_plugins(&mut app);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        50,
    )));
    viz::plugin(&mut app);
    app
}

/// Frames until the simulation thread has answered everything asked.
pub fn settle_engine(app: &mut App) {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        app.update();
        if app.world().resource::<viz::story::engine::Engine>().pending == 0 {
            app.update();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the simulation thread did not answer");
}

/// The picture of `file`, told.
pub fn open_file(file: PathBuf) -> App {
    let mut app = app();
    viz::open_first(&mut app, file);
    settle_engine(&mut app);
    assert!(app.world().resource::<OpenScene>().told.is_some());
    app
}

/// The picture of the crate's file `path` (like "scenes/recall.ron"), told.
pub fn open(path: &str) -> App {
    open_file(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path))
}

/// A control pressed, and 50 frames.
pub fn press(app: &mut App, control: Control) {
    app.world_mut().write_message(control);
    for _ in 0..50 {
        app.update();
    }
}

/// Steps on to the next beat (closing a question card first where one stands);
/// false at the end.
pub fn next_beat(app: &mut App) -> bool {
    let at = app.world().resource::<BeatShown>().at;
    for _ in 0..4 {
        press(app, Control::Next);
        settle_engine(app);
        if app.world().resource::<BeatShown>().at != at {
            return true;
        }
    }
    false
}

/// Every word under `e`, its lines joined.
pub fn words_under(app: &App, e: Entity, out: &mut Vec<String>) {
    if let Some(w) = app.world().get::<Words>(e) {
        out.push(w.0.en.replace('\n', " "));
    }
    if let Some(children) = app.world().get::<Children>(e) {
        for c in children.iter() {
            words_under(app, c, out);
        }
    }
}

/// The marks under `e`.
pub fn marks_under(app: &App, e: Entity, out: &mut Vec<MarkShape>) {
    if let Some(m) = app.world().get::<MarkOf>(e) {
        out.push(m.0);
    }
    if let Some(children) = app.world().get::<Children>(e) {
        for c in children.iter() {
            marks_under(app, c, out);
        }
    }
}

/// The view the picture draws now.
pub fn picture(app: &App) -> View {
    let scene = app.world().resource::<OpenScene>();
    scene.picture().cloned().expect("a picture")
}
