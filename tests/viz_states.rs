//! The kind of story on screen as a bevy state: opening another scene (or the same
//! file again) takes the old picture away and draws the new one in the same frame
//! — never two pictures, never a lesson's phones left under a class's tiles.
#![cfg(feature = "viz")]

mod headless;

use bevy::prelude::*;
use headless::{app_on, copied, frames, scene};

use postoffice::viz::{
    self,
    control::bars::ErrorTitle,
    lang::Words,
    stage::crowd::TileWords,
    stage::parts::Tile,
    stage::picture::ForStory,
    story::show::{Control, OpenScene},
    story::telling::Telling,
};

/// The picture's roots (what a new story takes away), its tiles and its tiles'
/// words.
fn drawn(app: &mut App) -> (Vec<Entity>, usize, usize) {
    let roots = app
        .world_mut()
        .query_filtered::<Entity, (With<ForStory>, With<DespawnOnExit<Telling>>)>()
        .iter(app.world())
        .collect();
    let tiles = app
        .world_mut()
        .query_filtered::<(), With<Tile>>()
        .iter(app.world())
        .count();
    let words = app
        .world_mut()
        .query_filtered::<(), With<TileWords>>()
        .iter(app.world())
        .count();
    (roots, tiles, words)
}

fn open(app: &mut App, file: std::path::PathBuf) {
    let generation = app.world().resource::<OpenScene>().generation;
    app.world_mut().write_message(Control::Open(file));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while app.world().resource::<OpenScene>().generation == generation {
        assert!(std::time::Instant::now() < deadline, "the scene came");
        app.update();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn state(app: &App) -> Telling {
    *app.world().resource::<State<Telling>>().get()
}

#[test]
fn each_story_is_drawn_once_and_goes_with_the_next() {
    let (mut app, _) = app_on(copied("hello.ron"));
    frames(&mut app, 2);
    assert_eq!(state(&app), Telling::Lesson);
    let (roots, tiles, _) = drawn(&mut app);
    assert_eq!((roots.len(), tiles), (1, 0), "one picture, no tiles");
    let first = roots[0];

    // The same file read again: a new picture, the old one gone, in the frame the
    // story came in.
    open(&mut app, scene("hello.ron"));
    let (roots, _, _) = drawn(&mut app);
    assert_eq!(roots.len(), 1);
    assert_ne!(roots[0], first, "drawn anew");
    assert!(app.world().get_entity(first).is_err(), "the old one gone");

    // A class: tiles with their words, the post office still drawn.
    open(&mut app, scene("classroom.ron"));
    assert_eq!(state(&app), Telling::Classroom);
    let (roots, tiles, words) = drawn(&mut app);
    let people = app
        .world()
        .resource::<OpenScene>()
        .told
        .as_ref()
        .unwrap()
        .people
        .len();
    assert_eq!((roots.len(), tiles, words), (1, people, people));

    // A crowd too large to change: tiles, no words over them.
    open(&mut app, scene("rush_hour.ron"));
    assert_eq!(state(&app), Telling::Crowd);
    let people = app
        .world()
        .resource::<OpenScene>()
        .told
        .as_ref()
        .unwrap()
        .people
        .len();
    let (roots, tiles, words) = drawn(&mut app);
    assert_eq!((roots.len(), tiles, words), (1, people, 0));

    // Back to a lesson: no tile left behind.
    open(&mut app, scene("tunnel.ron"));
    assert_eq!(state(&app), Telling::Lesson);
    assert_eq!(drawn(&mut app).1, 0);
    assert_eq!(drawn(&mut app).0.len(), 1);
}

#[test]
fn a_bad_file_leaves_the_story_and_its_picture_as_they_were() {
    let (mut app, _) = app_on(copied("group.ron"));
    frames(&mut app, 2);
    let before = drawn(&mut app).0;
    let bad = headless::tmp_dir("bad-state").join("bad.ron");
    std::fs::write(&bad, "(title: \"half").unwrap();
    app.world_mut().write_message(Control::Open(bad));
    for _ in 0..200 {
        app.update();
        if app.world().resource::<OpenScene>().error.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(app.world().resource::<OpenScene>().error.is_some());
    frames(&mut app, 3);
    assert!(
        error_title(&mut app).contains("the current scene stays"),
        "{}",
        error_title(&mut app)
    );
    assert_eq!(state(&app), Telling::Lesson);
    assert_eq!(drawn(&mut app).0, before, "the same picture");
}

fn error_title(app: &mut App) -> String {
    let mut q = app.world_mut().query_filtered::<&Words, With<ErrorTitle>>();
    q.iter(app.world()).map(|w| w.0.en.to_string()).collect()
}

#[test]
fn a_bad_file_first_says_where_to_find_a_scene_and_draws_nothing() {
    let bad = headless::tmp_dir("bad-first").join("bad.ron");
    std::fs::write(&bad, "(title: \"half").unwrap();
    let mut app = App::new();
    viz::headless_plugins(&mut app);
    viz::plugin(&mut app);
    viz::headless_egui(&mut app);
    viz::open_first(&mut app, bad);
    for _ in 0..400 {
        app.update();
        if app.world().resource::<OpenScene>().error.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    frames(&mut app, 3);
    assert!(app.world().resource::<OpenScene>().error.is_some());
    assert_eq!(state(&app), Telling::Loading);
    assert_eq!(drawn(&mut app).0.len(), 0, "no picture");
    let title = error_title(&mut app);
    assert!(!title.contains("stays"), "{title}");
    assert!(title.contains("Scenes"), "{title}");
}
