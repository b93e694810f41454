//! The visualizer without a renderer: `MinimalPlugins` + `StatesPlugin` + the
//! visualizer's plugins, time stepped by hand. Loads hello, steps through the nine
//! steps, steps back, and drops a bad file on it.
#![cfg(feature = "viz")]

use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use postoffice::sim::view::Token;
use postoffice::viz::{
    self,
    control::bars::{ErrorText, Heading, Sentence},
    lang::{Lang, Language, Words},
    stage::layout::Layout,
    stage::tokens::{Placed, Travel},
    story::model::{Cargo, Spot},
    story::show::{Control, OpenScene, Playback},
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
    // Generous: a crowd scene in a debug build, beside other tests, takes seconds.
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

fn hello() -> App {
    let mut app = app();
    viz::open_first(&mut app, scene("hello.ron"));
    settle_engine(&mut app);
    assert!(
        app.world().resource::<OpenScene>().told.is_some(),
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
        .map(|(t, p, v)| format!("{:?} {:?} {:?} {:?}", t.token, t.ending, p.0, v))
        .collect();
    moving.sort();
    out.extend(moving);
    let play = app.world().resource::<Playback>();
    out.push(format!("at {} progress {}", play.at, play.progress));
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

    // The envelope rests at the top of the recipient's screen.
    let layout = app.world().resource::<Layout>().clone();
    let mut q = app.world_mut().query::<(&Travel, &Placed)>();
    let (letters, sizes): (Vec<Vec2>, Vec<Vec2>) = q
        .iter(app.world())
        .filter(|(t, _)| t.token == Token::Letter && !t.heartbeat)
        .map(|(t, p)| (p.0, t.size))
        .unzip();
    let screen = layout.rest(Spot::Screen(1), sizes.first().copied().unwrap_or_default());
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
        assert_eq!(text.0, &*words.0.zh);
    }
    press(&mut app, Control::ToggleLanguage);
    assert!(heading(&mut app).starts_with("Step 5 of 9"));
}

#[test]
fn a_bad_file_dropped_keeps_the_scene() {
    let dir = std::env::temp_dir().join(format!("postoffice-viz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.ron");
    std::fs::write(
        &broken,
        "(\n    title: \"Broken\",\n    users: [ (id: \"a\" ]\n)\n",
    )
    .unwrap();
    // A scene that would run for 115 days of heartbeats: refused, not simulated.
    let endless = dir.join("endless.ron");
    std::fs::write(
        &endless,
        "(\n    title: \"Endless\",\n    users: [(id: \"a\")],\n    script: [(at_ms: 0, do: Login(\"a\")),\n        (at_ms: 10000000000, do: Logout(\"a\"))],\n)\n",
    )
    .unwrap();
    let folder = dir.clone();
    let zero = PathBuf::from("/dev/zero");
    for (bad, place) in [
        (&broken, ":3:"),
        (&endless, ":5:17: script[1].at_ms"),
        (&folder, ": this is a folder"),
        (&zero, ": this is a device"),
    ] {
        let mut app = hello();
        for _ in 0..3 {
            press(&mut app, Control::Next);
        }
        let before = picture(&mut app);
        app.world_mut()
            .write_message(bevy::window::FileDragAndDrop::DroppedFile {
                window: Entity::PLACEHOLDER,
                path_buf: bad.clone(),
            });
        settle_engine(&mut app);
        let (play, open) = (
            app.world().resource::<Playback>(),
            app.world().resource::<OpenScene>(),
        );
        let error = open.error.clone().expect("the error is shown").to_string();
        assert!(error.contains(&bad.display().to_string()), "{error}");
        assert!(error.contains(place), "names the place: {error}");
        assert_eq!(open.path.as_deref(), Some(scene("hello.ron").as_path()));
        assert_eq!(play.at, 3);
        // The picture is as it was (the error panel over it, until dismissed).
        press(&mut app, Control::Dismiss);
        assert_eq!(picture(&mut app), before);
    }
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
        let told = viz::story::told::tell(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(!told.lesson.beats().is_empty(), "{}", f.display());
        assert!(!told.people.is_empty(), "{}", f.display());
    }
}

#[test]
fn the_scenes_menu_lists_every_scene_by_title() {
    let app = hello();
    let list = app.world().resource::<viz::control::bars::SceneList>();
    assert!(list.scenes.len() >= 10, "{:?}", list.scenes);
    assert!(
        list.scenes
            .iter()
            .any(|(p, t)| p.ends_with("hello.ron") && &*t.text.en == "Li Lei says hello"),
        "{:?}",
        list.scenes
    );
    // Told as a story, the menu gives each scene's story title: no technical word.
    for (p, t) in &list.scenes {
        for (lang, title) in [
            (postoffice::sim::Lang::En, &t.story.en),
            (postoffice::sim::Lang::Zh, &t.story.zh),
        ] {
            let found = postoffice::words::glossary::technical_in(title, lang);
            assert!(
                found.is_empty(),
                "{p:?}: {found:?} in the story title “{title}”"
            );
        }
    }
    assert!(
        list.scenes.iter().any(|(_, t)| t.story.en != t.text.en),
        "some scene has a story title of its own"
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
            .resource::<OpenScene>()
            .told
            .as_ref()
            .map(|t| t.title.en.clone())
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

/// The frames of a crowd scene's trace: (sent, lost on the way).
fn frames_in_trace(name: &str) -> (usize, usize) {
    use postoffice::sim::What;
    let scene = postoffice::scenario::load(scene(name)).unwrap();
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let sent = events
        .iter()
        .filter(|e| matches!(e.what, What::FrameOut { .. }))
        .count();
    let lost = events
        .iter()
        .filter(|e| matches!(e.what, What::FrameLost { .. }))
        .count();
    (sent, lost)
}

#[test]
fn a_crowd_scene_is_every_frame_on_the_wire_by_the_clock() {
    let told = viz::story::told::tell(&scene("rush_hour.ron")).unwrap();
    let crowd = told.crowd.as_ref().expect("200 phones make a crowd scene");
    let beats = told.lesson.beats();
    let headings: Vec<viz::lang::Tr> = (1..=beats.len())
        .map(|k| viz::story::present::present(&told, k).heading)
        .collect();
    let (sent, lost) = frames_in_trace("rush_hour.ron");
    assert_eq!(crowd.flights.len(), sent);
    assert_eq!(crowd.flights.iter().filter(|f| f.lost).count(), lost);
    // Every one of the 2,000 letters reaches the post office at least once.
    let letters_in = crowd
        .flights
        .iter()
        .filter(|f| f.cargo == Cargo::Letter && f.to_office && !f.lost)
        .count();
    assert!(letters_in >= 2000, "{letters_in}");
    // The beats are stretches of time, in order, about CROWD_BEATS of them.
    assert!(
        beats.len() >= viz::story::told::CROWD_BEATS / 2
            && beats.len() <= viz::story::told::CROWD_BEATS + 5,
        "{} beats",
        beats.len()
    );
    assert!(beats.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
    assert!(beats[0].at_ms >= crowd.start_ms);
    // In flight at a moment: exactly the frames that left and have not arrived.
    let busiest = beats
        .iter()
        .map(|b| (crowd.in_flight(b.at_ms as f64).count(), b.at_ms))
        .max()
        .unwrap();
    let t = busiest.1 as f64;
    let by_hand = crowd
        .flights
        .iter()
        .filter(|f| (f.depart_ms as f64) <= t && t < f.arrive_ms.max(f.depart_ms + 1) as f64)
        .count();
    assert_eq!(busiest.0, by_hand);
    assert!(
        busiest.0 >= 1000,
        "only {} frames in flight at most",
        busiest.0
    );

    // One letter is followed in gold: its frames are marked, its sender's and
    // recipient's tiles named, and each of its nine steps ends a beat, in order.
    let gold = crowd.flights.iter().filter(|f| f.followed).count();
    assert!(gold >= 6, "{gold} gold frames");
    assert_eq!(crowd.followed_phones.len(), 2);
    let steps: Vec<u8> = headings
        .iter()
        .filter_map(|h| {
            let s = &h.en;
            let tail = &s[s.find("the gold letter")?..];
            tail.split("step ").nth(1)?.split(' ').next()?.parse().ok()
        })
        .collect();
    let mut firsts = steps.clone();
    firsts.dedup();
    assert_eq!(firsts, (1..=9).collect::<Vec<u8>>(), "{steps:?}");
    assert!(
        headings
            .iter()
            .any(|h| h.zh.contains("金色的信") && h.zh.contains("第 9/9 步"))
    );
}

#[test]
fn a_crowd_scene_draws_a_tile_per_phone_and_a_sprite_per_frame() {
    let mut app = app();
    viz::open_first(&mut app, scene("rush_hour.ron"));
    settle_engine(&mut app);
    let mut tiles = app.world_mut().query::<&viz::stage::parts::Tile>();
    assert_eq!(tiles.iter(app.world()).count(), 200);
    // Whole phones are not drawn: there is no room for 200.
    assert!(app.world().resource::<Layout>().phones.is_empty());
    let tile_rects = app.world().resource::<Layout>().tiles.clone();
    let office = app.world().resource::<Layout>().office.body;
    for (i, a) in tile_rects.iter().enumerate() {
        assert!(
            a.intersect(office).is_empty(),
            "tile {i} covers the post office"
        );
        for b in &tile_rects[i + 1..] {
            assert!(a.intersect(*b).is_empty(), "tiles overlap");
        }
    }
    // Step into the rush: as many sprites shown as frames on the wires.
    for _ in 0..20 {
        press(&mut app, Control::Next);
    }
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let t = scene.clock_ms(play).unwrap();
    let expected = scene
        .told
        .as_ref()
        .and_then(|t| t.crowd.as_ref())
        .unwrap()
        .in_flight(t)
        .count();
    assert!(expected > 100, "{expected}");
    let mut sprites = app
        .world_mut()
        .query_filtered::<&Visibility, With<viz::stage::crowd::Frame>>();
    let shown = sprites
        .iter(app.world())
        .filter(|v| **v != Visibility::Hidden)
        .count();
    assert_eq!(shown, expected);
    // Without heartbeats, none of them is a heartbeat.
    press(&mut app, Control::ToggleHeartbeats);
    press(&mut app, Control::Previous);
    let shown_now = sprites
        .iter(app.world())
        .filter(|v| **v != Visibility::Hidden)
        .count();
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let t = scene.clock_ms(play).unwrap();
    let no_hearts = scene
        .told
        .as_ref()
        .and_then(|t| t.crowd.as_ref())
        .unwrap()
        .in_flight(t)
        .filter(|(f, _)| f.cargo != Cargo::Heartbeat)
        .count();
    assert_eq!(shown_now, no_hearts);
}

#[test]
fn a_crowd_scenes_clock_runs_forward_through_a_beat() {
    let mut app = app();
    viz::open_first(&mut app, scene("classroom.ron"));
    settle_engine(&mut app);
    // Up to the first beat that takes time (the first steps of the gold letter
    // happen at the same moment).
    let beats: Vec<u64> = {
        let scene = app.world().resource::<OpenScene>();
        scene
            .told
            .as_ref()
            .unwrap()
            .lesson
            .beats()
            .iter()
            .map(|b| b.at_ms)
            .collect()
    };
    let k = (1..beats.len()).find(|&k| beats[k] > beats[k - 1]).unwrap();
    for _ in 0..k {
        press(&mut app, Control::Next);
    }
    app.world_mut().write_message(Control::Next);
    let mut times = Vec::new();
    for _ in 0..40 {
        app.update();
        times.push(
            app.world()
                .resource::<OpenScene>()
                .clock_ms(app.world().resource::<Playback>())
                .unwrap(),
        );
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let beat = scene.told.as_ref().unwrap().lesson.beats()[play.at - 1].at_ms as f64;
    assert_eq!(beat, beats[k] as f64);
    assert_eq!(*times.last().unwrap(), beat);
    assert!(times[0] < beat, "{times:?}");

    // The tiles' names follow the language.
    let names = |app: &mut App| {
        let mut q = app
            .world_mut()
            .query::<(&viz::stage::crowd::TileName, &Text)>();
        q.iter(app.world())
            .map(|(_, t)| t.0.clone())
            .collect::<Vec<_>>()
    };
    assert!(names(&mut app).contains(&"Li Lei".to_string()));
    press(&mut app, Control::ToggleLanguage);
    let zh = names(&mut app);
    assert!(zh.contains(&"李雷".to_string()), "{zh:?}");
    assert_eq!(zh.len(), 40);
}

#[test]
fn a_crowd_scene_without_letters_still_plays_its_logins() {
    let dir = std::env::temp_dir().join(format!("postoffice-crowd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("logins.ron");
    let ids: Vec<String> = (0..8).map(|i| format!("u{i}")).collect();
    let users: Vec<String> = ids.iter().map(|i| format!("(id: \"{i}\")")).collect();
    let script: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(k, i)| format!("(at_ms: {}, do: Login(\"{i}\"))", k * 500))
        .collect();
    std::fs::write(
        &file,
        format!(
            "(title: \"Logins\", users: [{}], friends: [(\"u0\", \"u7\")], script: [{}])",
            users.join(", "),
            script.join(", ")
        ),
    )
    .unwrap();
    // Everyone logging in is the opening picture; the class writes the first letter.
    let mut told = viz::story::told::tell(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(told.crowd.is_some(), "8 phones make a crowd scene");
    assert!(told.lesson.beats().is_empty());
    let opening = viz::story::present::present(&told, 0).picture;
    assert_eq!(
        opening.office.online, 8,
        "every phone is online at the opening"
    );
    told.inject(
        0,
        postoffice::sim::Action::Send {
            from: postoffice::sim::DeviceIdx(0),
            to: postoffice::sim::Dest::User(postoffice::sim::UserIdx(7)),
            text: postoffice::sim::Text::from("Anyone there?"),
            parcel: None,
        },
    )
    .unwrap();
    told.lesson.finish();
    let crowd = told.crowd.as_ref().unwrap();
    assert!(told.lesson.beats().len() >= 9, "the letter's nine steps");
    assert!(crowd.flights.iter().any(|f| f.cargo == Cargo::Letter));
    std::fs::remove_dir_all(&dir).ok();
}

/// A key pressed and released, as the window sends it.
fn key(app: &mut App, code: KeyCode) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
    app.update();
}

fn sentence(app: &mut App) -> String {
    let mut q = app.world_mut().query_filtered::<&Text, With<Sentence>>();
    q.single(app.world()).unwrap().0.clone()
}

/// Technical words a story told as a story never uses.
const TECHNICAL: [&str; 9] = [
    "module",
    "database",
    "long connection",
    "service",
    "msg:",
    "ack:",
    "lilei#",
    "heartbeat",
    "forwarding",
];

#[test]
fn w_switches_every_caption_between_story_terms_and_engineer() {
    use postoffice::viz::lang::{Register, Wording};
    let mut app = hello();
    assert_eq!(app.world().resource::<Wording>().0, Register::Both);
    let beats = app.world().resource::<OpenScene>().beats();
    assert!(beats >= 12);
    for n in 1..=beats {
        press(&mut app, Control::Next);
        let mut seen = Vec::new();
        for _ in 0..3 {
            key(&mut app, KeyCode::KeyW);
            let reg = app.world().resource::<Wording>().0;
            let s = sentence(&mut app);
            let want = app
                .world()
                .resource::<OpenScene>()
                .shown
                .words(reg)
                .1
                .en
                .to_string();
            assert_eq!(s, want, "beat {n}, {reg:?}");
            if reg == Register::Story {
                for word in TECHNICAL {
                    assert!(!s.contains(word), "beat {n}, told as a story: {s}");
                }
            }
            seen.push((reg, s));
        }
        // W goes round all three, back to where it was.
        assert_eq!(app.world().resource::<Wording>().0, Register::Both);
        let regs: Vec<Register> = seen.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            regs,
            [Register::Engineer, Register::Story, Register::Both],
            "beat {n}"
        );
        // Every beat of hello reads differently for the engineer than as a story.
        assert_ne!(seen[0].1, seen[1].1, "beat {n}");
    }
    // In Chinese too.
    press(&mut app, Control::ToggleLanguage);
    key(&mut app, KeyCode::KeyW);
    key(&mut app, KeyCode::KeyW);
    assert_eq!(app.world().resource::<Wording>().0, Register::Story);
    let s = sentence(&mut app);
    assert_eq!(
        s,
        app.world()
            .resource::<OpenScene>()
            .shown
            .words(Register::Story)
            .1
            .zh
            .to_string()
    );
    assert!(!s.contains("长连接") && !s.contains("模块"), "{s}");
}

#[test]
fn the_opening_card_shows_the_title_and_what_the_scene_teaches() {
    use postoffice::viz::overlays::card::{CardAbout, OpeningCard};
    let mut app = hello();
    let shown = |app: &mut App| {
        let mut q = app.world_mut().query_filtered::<&Node, With<OpeningCard>>();
        q.single(app.world()).unwrap().display != Display::None
    };
    assert!(shown(&mut app), "the card is up at the opening");
    let mut q = app.world_mut().query_filtered::<&Text, With<CardAbout>>();
    let about = q.single(app.world()).unwrap().0.clone();
    assert!(
        about.starts_with("The nine steps of one chat message"),
        "{about}"
    );
    // Enter closes it; the story has not moved.
    key(&mut app, KeyCode::Enter);
    assert!(!shown(&mut app));
    assert_eq!(app.world().resource::<Playback>().at, 0);
    // Opened again: Next starts the story and closes it, and it stays closed.
    let mut app = hello();
    press(&mut app, Control::Next);
    assert!(!shown(&mut app));
    assert!(heading(&mut app).starts_with("Step 1 of 9"));
    press(&mut app, Control::Restart);
    assert!(!shown(&mut app), "the card came once");
}

/// Presence (issue 22): at every beat, the phones show exactly the dots the
/// simulation's view has lit (green), one chip per friend, a ring (not known) for
/// each friend of a phone that is not connected, and "… is typing…" exactly where
/// the view says; a scene without presence makes no dot strips.
#[test]
fn the_dots_and_typing_on_the_phones_are_the_views() {
    use postoffice::sim::view::Connection;
    use postoffice::viz::palette as pal;
    use postoffice::viz::stage::layout::{Layout, strip_place};
    use postoffice::viz::stage::picture::{DotLook, DotStrip};
    let text = r#"(
    title: "Who is online",
    presence: Push,
    seed: 1,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 5000, do: Login("hanmeimei")),
        (at_ms: 6000, do: Typing(from: "lilei", to: "hanmeimei")),
        (at_ms: 8000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 20000, do: Logout("hanmeimei")),
        (at_ms: 22000, do: SetPresence(Off)),
        (at_ms: 24000, do: Login("hanmeimei")),
    ],
    until_ms: 30000,
)"#;
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("viz_presence.ron");
    std::fs::write(&file, text).unwrap();
    let mut app = app();
    viz::open_first(&mut app, file);
    settle_engine(&mut app);
    let (mut lit_seen, mut typing_seen, mut unknown_seen) = (false, false, false);
    let mut off_seen = false;
    for _ in 0..80 {
        let view = app
            .world()
            .resource::<OpenScene>()
            .picture()
            .cloned()
            .expect("a picture");
        // Each friend's chip says what its phone knows: lit or not while the phone
        // is connected and dots are on, a ring (not known) while it is not or once
        // the story has switched dots off (at 22 s).
        let off = {
            let told = app
                .world()
                .resource::<OpenScene>()
                .told
                .as_ref()
                .expect("told");
            let beat = app
                .world()
                .resource::<postoffice::viz::story::show::BeatShown>()
                .at;
            told.lesson.time_of(beat) >= 22_000
        };
        off_seen |= off;
        let mut want = (0, 0, 0);
        for (i, p) in view.phones.iter().enumerate() {
            let friends = if i == 0 { 2 } else { 1 };
            if p.connection != Connection::Open || off {
                want.2 += friends.max(p.dots.len());
            } else {
                let lit = p.dots.iter().filter(|d| d.1).count();
                want.0 += lit;
                want.1 += friends.max(p.dots.len()) - lit;
            }
        }
        let mut q = app.world_mut().query::<(&DotLook, &BackgroundColor)>();
        let mut got = (0, 0, 0);
        for (look, colour) in q.iter(app.world()) {
            match look {
                DotLook::Online => {
                    assert_eq!(colour.0, pal::DOT_ONLINE);
                    got.0 += 1;
                }
                DotLook::Offline => {
                    assert_eq!(colour.0, pal::DOT_OFFLINE);
                    got.1 += 1;
                }
                DotLook::Unknown => got.2 += 1,
            }
        }
        // Li Lei has two friends, Han Meimei and Lucy one each.
        assert_eq!(
            got.0 + got.1 + got.2,
            4,
            "one chip per friend on each phone"
        );
        assert_eq!(got, want, "(lit, not lit, not known) against the view's");
        let lit = got.0;
        // Each strip stands where the layout puts it for its name: never over it.
        let layout = app.world().resource::<Layout>().clone();
        let mut q = app.world_mut().query::<(&DotStrip, &Node)>();
        let mut strips = 0;
        for (strip, node) in q.iter(app.world()) {
            let names = ["Li Lei", "Han Meimei", "Lucy"];
            let r = &layout.phones[strip.0];
            let name_w = postoffice::viz::measure::width(names[strip.0], pal::NAME);
            let p = strip_place(r.header, name_w, if strip.0 == 0 { 2 } else { 1 });
            assert_eq!(node.display, Display::Flex);
            assert_eq!(
                (node.left, node.top),
                (Val::Px(p.strip.min.x), Val::Px(p.strip.min.y))
            );
            assert_eq!(node.width, Val::Px(p.strip.width()));
            strips += 1;
        }
        assert_eq!(strips, 3);
        unknown_seen |= got.2 > 0 && view.phones.iter().any(|p| p.dots.iter().any(|d| d.1));
        let mut q = app.world_mut().query::<&Words>();
        let mut shown: Vec<String> = q
            .iter(app.world())
            .map(|w| w.0.en.replace('\n', " "))
            .filter(|w| w.ends_with("is typing…"))
            .collect();
        shown.sort();
        let want: Vec<String> = view
            .phones
            .iter()
            .flat_map(|p| p.typing.iter())
            .map(|_| "Li Lei is typing…".to_string())
            .collect();
        assert_eq!(shown, want, "“typing…” against the view's");
        lit_seen |= lit > 0;
        typing_seen |= !want.is_empty();
        press(&mut app, Control::Next);
    }
    assert!(
        lit_seen && typing_seen && unknown_seen && off_seen,
        "the story lit a dot, showed typing, a phone logged out, dots were switched off"
    );
    let mut hello = hello();
    let mut q = hello.world_mut().query::<&DotStrip>();
    assert_eq!(q.iter(hello.world()).count(), 0, "no dot strips in hello");
}
