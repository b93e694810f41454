//! The visualizer without a renderer: `MinimalPlugins` + `StatesPlugin` + the
//! visualizer's plugins, time stepped by hand. Loads hello, steps through the nine
//! steps, steps back, and drops a bad file on it.
#![cfg(feature = "viz")]

use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use postoffice::viz::{
    self,
    bars::{ErrorText, Heading, Sentence},
    lang::{Lang, Language, Words},
    layout::Layout,
    show::{Control, Show},
    story::{Spot, Token},
    tokens::{Placed, Travel},
};

fn scene(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(name)
}

fn app() -> App {
    let mut app = App::new();
    viz::headless_plugins(&mut app);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        50,
    )));
    viz::plugin(&mut app);
    app
}

/// Runs frames until the simulation thread has answered everything asked.
fn settle_engine(app: &mut App) {
    for _ in 0..400 {
        app.update();
        if app.world().resource::<viz::engine::Engine>().pending == 0 {
            app.update();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the simulation thread did not answer");
}

fn hello() -> App {
    let mut app = app();
    viz::open_first(&mut app, scene("hello.ron"));
    settle_engine(&mut app);
    assert!(
        app.world().resource::<Show>().story.is_some(),
        "hello was not told"
    );
    app
}

/// Asks for `control` and lets its motion finish (50 frames of 50 ms).
fn press(app: &mut App, control: Control) {
    app.world_mut().write_message(control);
    for _ in 0..50 {
        app.update();
    }
}

fn heading(app: &mut App) -> String {
    let mut q = app.world_mut().query_filtered::<&Text, With<Heading>>();
    q.single(app.world()).unwrap().0.clone()
}

/// Everything a person sees that a step changes, in a comparable form.
fn picture(app: &mut App) -> Vec<String> {
    let mut out = Vec::new();
    let mut texts = app
        .world_mut()
        .query_filtered::<(&Text, &Words), Without<ErrorText>>();
    let mut words: Vec<String> = texts
        .iter(app.world())
        .map(|(t, w)| format!("{} | {}", t.0, w.0.en))
        .collect();
    words.sort();
    out.extend(words);
    let mut tokens = app.world_mut().query::<(&Travel, &Placed, &Visibility)>();
    let mut moving: Vec<String> = tokens
        .iter(app.world())
        .map(|(t, p, v)| format!("{:?} {:?} {:?} {:?}", t.token, t.fate, p.0, v))
        .collect();
    moving.sort();
    out.extend(moving);
    let show = app.world().resource::<Show>();
    out.push(format!("at {} progress {}", show.at, show.progress));
    out
}

#[test]
fn nine_steps_take_hello_to_han_meimeis_screen() {
    let mut app = hello();
    assert!(heading(&mut app).contains("Ready"));
    for n in 1..=9 {
        press(&mut app, Control::Next);
        let h = heading(&mut app);
        assert!(
            h.starts_with(&format!("Step {n} of 9")),
            "after {n} presses: {h}"
        );
    }
    assert_eq!(heading(&mut app), "Step 9 of 9 — Display");

    // The envelope rests on the recipient's screen.
    let screen = app.world().resource::<Layout>().spot(Spot::Screen(1));
    let mut q = app.world_mut().query::<(&Travel, &Placed)>();
    let letters: Vec<Vec2> = q
        .iter(app.world())
        .filter(|(t, _)| t.token == Token::Letter && !t.heartbeat)
        .map(|(_, p)| p.0)
        .collect();
    assert_eq!(letters.len(), 1, "one envelope: {letters:?}");
    assert!(
        letters[0].distance(screen) < 0.5,
        "{:?} is not at {screen:?}",
        letters[0]
    );

    // The caption is the trace's sentence.
    let mut q = app.world_mut().query_filtered::<&Text, With<Sentence>>();
    let sentence = q.single(app.world()).unwrap().0.clone();
    assert!(sentence.contains("Hello!"), "{sentence}");
}

#[test]
fn one_step_back_is_the_picture_after_eight() {
    let mut eight = hello();
    for _ in 0..8 {
        press(&mut eight, Control::Next);
    }
    let mut back = hello();
    for _ in 0..9 {
        press(&mut back, Control::Next);
    }
    press(&mut back, Control::Previous);
    assert_eq!(heading(&mut back), "Step 8 of 9 — Store");
    assert_eq!(picture(&mut back), picture(&mut eight));
}

#[test]
fn every_word_switches_to_chinese_and_back() {
    let mut app = hello();
    for _ in 0..5 {
        press(&mut app, Control::Next);
    }
    press(&mut app, Control::ToggleLanguage);
    assert_eq!(app.world().resource::<Language>().0, Lang::Zh);
    assert!(
        heading(&mut app).starts_with("第 5 步"),
        "{}",
        heading(&mut app)
    );
    let mut q = app.world_mut().query::<(&Text, &Words)>();
    for (text, words) in q.iter(app.world()) {
        assert_eq!(text.0, words.0.zh);
    }
    press(&mut app, Control::ToggleLanguage);
    assert!(heading(&mut app).starts_with("Step 5 of 9"));
}

#[test]
fn a_bad_file_dropped_keeps_the_scene() {
    let mut app = hello();
    for _ in 0..3 {
        press(&mut app, Control::Next);
    }
    let before = picture(&mut app);
    let dir = std::env::temp_dir().join(format!("postoffice-viz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("broken.ron");
    std::fs::write(
        &bad,
        "(\n    title: \"Broken\",\n    users: [ (id: \"a\" ]\n)\n",
    )
    .unwrap();
    app.world_mut()
        .write_message(bevy::window::FileDragAndDrop::DroppedFile {
            window: Entity::PLACEHOLDER,
            path_buf: bad.clone(),
        });
    settle_engine(&mut app);
    let show = app.world().resource::<Show>();
    let error = show.error.clone().expect("the error is shown");
    assert!(error.contains("broken.ron"), "{error}");
    assert!(error.contains(":3:"), "names the line: {error}");
    assert_eq!(show.path.as_deref(), Some(scene("hello.ron").as_path()));
    assert_eq!(show.at, 3);
    // The picture is as it was (the error panel over it, until dismissed).
    press(&mut app, Control::Dismiss);
    assert_eq!(picture(&mut app), before);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_scene_is_told() {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    assert!(files.len() >= 10);
    for f in files {
        let story = viz::bridge::tell(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(!story.beats.is_empty(), "{}", f.display());
        assert!(!story.people.is_empty(), "{}", f.display());
    }
}

#[test]
fn the_scenes_menu_lists_every_scene_by_title() {
    let app = hello();
    let list = app.world().resource::<viz::bars::SceneList>();
    assert!(list.scenes.len() >= 10, "{:?}", list.scenes);
    assert!(
        list.scenes
            .iter()
            .any(|(p, t)| p.ends_with("hello.ron") && t.en == "Li Lei says hello"),
        "{:?}",
        list.scenes
    );
}

#[test]
fn the_open_file_is_read_again_when_it_changes() {
    let dir = std::env::temp_dir().join(format!("postoffice-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hello.ron");
    let text = std::fs::read_to_string(scene("hello.ron")).unwrap();
    std::fs::write(&file, &text).unwrap();
    let mut app = app();
    viz::open_first(&mut app, file.clone());
    settle_engine(&mut app);
    let title = |app: &App| {
        app.world()
            .resource::<Show>()
            .story
            .as_ref()
            .map(|s| s.title.en.clone())
    };
    assert_eq!(title(&app).as_deref(), Some("Li Lei says hello"));
    // A teacher edits the title in a text editor beside the window.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, text.replace("Li Lei says hello", "Li Lei says hi")).unwrap();
    for _ in 0..100 {
        app.update();
        std::thread::sleep(Duration::from_millis(5));
        if title(&app).as_deref() == Some("Li Lei says hi") {
            break;
        }
    }
    assert_eq!(title(&app).as_deref(), Some("Li Lei says hi"));
    std::fs::remove_dir_all(&dir).ok();
}
