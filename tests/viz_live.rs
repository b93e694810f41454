//! The live lesson in the window, without a renderer: the teacher's panel (egui,
//! run headless), the controls it sends, the keys while typing, and each bubble
//! ticked by its own letter.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::window::Ime;
use headless::{app_on, frames, key, press, scene, tmp_dir};

use postoffice::sim::{Dest, Status, UserIdx};
use postoffice::viz::{
    self,
    control::panel::{Panel, To},
    overlays::asking::Teach,
    overlays::predict::Predict,
    overlays::sequence::Sequence,
    stage::chat::{mark, words_of},
    story::show::{Control, OpenScene, Playback, ViewOptions},
};

/// The texts on phone `u`'s screen, with their ticks.
fn screen(app: &App, u: usize) -> Vec<(String, Status)> {
    let scene = app.world().resource::<OpenScene>();
    let picture = scene.picture().unwrap();
    picture.phones[u]
        .chat
        .iter()
        .map(|b| (words_of(picture, b.id).en.to_string(), b.status))
        .collect()
}

#[test]
fn a_letter_composed_in_the_panel_travels_and_the_lesson_saves_and_replays() {
    let dir = tmp_dir("compose");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let (mut app, window) = app_on(file.clone());
    for _ in 0..3 {
        press(&mut app, Control::Next);
    }
    // Tab: the panel opens with the keyboard in the compose box, Li Lei to Han Meimei.
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 3);
    {
        let panel = app.world().resource::<Panel>();
        assert!(panel.open && panel.typing, "{panel:?}");
        assert_eq!((panel.from, panel.to), (0, To::Person(1)));
    }
    // A bare commit from the input method (no pre-edit first), then Enter.
    app.world_mut().write_message(Ime::Commit {
        window,
        value: "你好".into(),
    });
    frames(&mut app, 2);
    assert_eq!(app.world().resource::<Panel>().draft, "你好");
    key(&mut app, window, KeyCode::Enter, Key::Enter, false);
    frames(&mut app, 3);
    assert_eq!(app.world().resource::<Panel>().draft, "", "sent");
    // The story now has the letter, after the beat on screen.
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    assert_eq!(play.at, 3, "the beat on screen stays");
    let live = scene.told.as_ref().unwrap().lesson.live().to_vec();
    assert_eq!(live.len(), 1);
    assert_eq!(
        live[0].0, 1001,
        "1 ms after the beat on screen (at 1.000 s)"
    );
    // Step on until it is on Han Meimei's screen.
    for _ in 0..30 {
        press(&mut app, Control::Next);
    }
    assert!(
        screen(&app, 1).iter().any(|(t, _)| t == "你好"),
        "{:?}",
        screen(&app, 1)
    );
    // Ctrl+S, pressed and released within one frame, saves beside the scene.
    key(&mut app, window, KeyCode::ControlLeft, Key::Control, true);
    key(
        &mut app,
        window,
        KeyCode::KeyS,
        Key::Character("s".into()),
        false,
    );
    app.world_mut().write_message(KeyboardInput {
        key_code: KeyCode::ControlLeft,
        logical_key: Key::Control,
        state: ButtonState::Released,
        text: None,
        repeat: false,
        window,
    });
    frames(&mut app, 2);
    let saved = dir.join("hello-lesson-1.ron");
    assert!(saved.exists(), "saved beside the scene");
    let notice = app.world().resource::<OpenScene>().notice.clone().unwrap();
    assert!(notice.en.contains("hello-lesson-1.ron"), "{notice:?}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .arg("run")
        .arg(&saved)
        .output()
        .unwrap();
    let timeline = String::from_utf8_lossy(&out.stdout);
    assert!(
        timeline.contains("Han Meimei's screen (UI module) shows “你好”"),
        "{timeline}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn while_typing_no_single_key_shortcut_fires_and_esc_leaves_the_box() {
    let (mut app, window) = app_on(scene("hello.ron"));
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 3);
    let before = {
        let play = app.world().resource::<Playback>();
        let view = app.world().resource::<ViewOptions>();
        (play.at, play.playing, view.heartbeats)
    };
    for (code, c) in [
        (KeyCode::Space, " "),
        (KeyCode::KeyL, "l"),
        (KeyCode::KeyH, "h"),
        (KeyCode::Digit1, "1"),
        (KeyCode::KeyF, "f"),
        // The overlays' keys too (each runs only while the keys are free).
        (KeyCode::KeyP, "p"),
        (KeyCode::KeyD, "d"),
        (KeyCode::KeyG, "g"),
        (KeyCode::KeyA, "a"),
    ] {
        key(&mut app, window, code, Key::Character(c.into()), false);
        frames(&mut app, 2);
    }
    key(
        &mut app,
        window,
        KeyCode::ArrowRight,
        Key::ArrowRight,
        false,
    );
    frames(&mut app, 2);
    {
        let play = app.world().resource::<Playback>();
        let view = app.world().resource::<ViewOptions>();
        assert_eq!((play.at, play.playing, view.heartbeats), before);
        assert_eq!(
            app.world().resource::<viz::lang::Language>().0,
            postoffice::sim::Lang::En
        );
        assert_eq!(app.world().resource::<Panel>().draft, " lh1fpdga");
        assert!(!app.world().resource::<Predict>().on);
        assert!(!app.world().resource::<Sequence>().open);
        let teach = app.world().resource::<Teach>();
        assert!(!teach.glossary && !teach.answers);
    }
    // Esc leaves the text box; then the keys step again, and Tab hides the panel.
    key(&mut app, window, KeyCode::Escape, Key::Escape, false);
    frames(&mut app, 3);
    assert!(!app.world().resource::<Panel>().typing);
    key(
        &mut app,
        window,
        KeyCode::ArrowRight,
        Key::ArrowRight,
        false,
    );
    frames(&mut app, 3);
    assert_eq!(app.world().resource::<Playback>().at, before.0 + 1);
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 2);
    assert!(!app.world().resource::<Panel>().open);
}

#[test]
fn the_event_list_jumps_to_the_beat_of_an_event() {
    let (mut app, _) = app_on(scene("lost_ack.ron"));
    // What a click on a row sends: the beat that shows that event.
    let (target, event) = {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        let b = &lesson.beats()[6];
        (7, b.event())
    };
    let beat = {
        let scene = app.world().resource::<OpenScene>();
        viz::control::panel::beat_of(&scene.told.as_ref().unwrap().lesson, event)
    };
    assert_eq!(beat, target);
    press(&mut app, Control::JumpTo(beat));
    assert_eq!(app.world().resource::<Playback>().at, target);
    // Background events before a beat belong to it; the opening's to the opening.
    let scene = app.world().resource::<OpenScene>();
    let lesson = &scene.told.as_ref().unwrap().lesson;
    assert_eq!(viz::control::panel::beat_of(lesson, 0), 0);
    let b = &lesson.beats()[3];
    assert_eq!(viz::control::panel::beat_of(lesson, b.events.start), 4);
    // The filters: heartbeats hidden at first, shown when ticked.
    let f = viz::control::panel::Filters::default();
    let heartbeats = lesson
        .trace()
        .iter()
        .filter(|e| e.what == postoffice::sim::What::Heartbeat)
        .count();
    assert!(heartbeats > 0);
    assert!(
        !lesson
            .trace()
            .iter()
            .any(|e| e.what == postoffice::sim::What::Heartbeat && f.shows(e))
    );
    let all = viz::control::panel::Filters {
        heartbeats: true,
        ..f
    };
    assert!(lesson.trace().iter().filter(|e| all.shows(e)).count() > heartbeats);
}

#[test]
fn two_letters_with_the_same_words_each_get_their_own_ticks() {
    let (mut app, _) = app_on(scene("hello.ron"));
    let hi = || Control::Compose {
        from: UserIdx(0),
        to: Dest::User(UserIdx(1)),
        text: "hi".into(),
    };
    // The first "hi" gets through (✓✓); then Han Meimei's phone loses its
    // network and the second "hi" does not (✓ only: the post office has it).
    press(&mut app, Control::JumpTo(0));
    press(&mut app, hi());
    press(&mut app, Control::JumpTo(10_000));
    press(
        &mut app,
        Control::Act(postoffice::sim::Action::LinkDown(
            postoffice::sim::DeviceIdx(1),
        )),
    );
    press(&mut app, hi());
    press(&mut app, Control::JumpTo(10_000));
    let mine: Vec<Status> = screen(&app, 0)
        .into_iter()
        .filter(|(t, _)| t == "hi")
        .map(|(_, s)| s)
        .collect();
    assert_eq!(mine.len(), 2, "{:?}", screen(&app, 0));
    // Each bubble shows what happened to its own letter (both are in the view
    // by id, not found by their words).
    let scene = app.world().resource::<OpenScene>();
    let lesson = &scene.told.as_ref().unwrap().lesson;
    let view = lesson.view_after(lesson.beats().len());
    let ids: Vec<_> = view.phones[0]
        .chat
        .iter()
        .filter(|b| &*view.letters[&b.id].text().expect("words").en == "hi")
        .map(|b| (b.id, b.status))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0].0, ids[1].0);
    assert_ne!(ids[0].1, ids[1].1, "two different fates: {ids:?}");
    let bubbles = &scene.picture().unwrap().phones[0].chat;
    for (id, status) in &ids {
        let b = bubbles.iter().find(|b| b.id == *id).unwrap();
        // The mark drawn says the letter's own fate.
        let want = match status {
            Status::Delivered { count, of } if count >= of => "✓✓",
            Status::Posted | Status::Delivered { .. } => "✓",
            Status::Lost => "!",
            _ => "…",
        };
        assert_eq!(mark(b.status).map(|m| m.glyph), Some(want), "{id:?}");
    }
}

#[test]
fn a_refused_letter_says_why_and_changes_nothing() {
    let (mut app, _) = app_on(scene("hello.ron"));
    press(
        &mut app,
        Control::Compose {
            from: UserIdx(0),
            to: Dest::User(UserIdx(1)),
            text: "x".repeat(2001),
        },
    );
    let scene = app.world().resource::<OpenScene>();
    assert!(scene.told.as_ref().unwrap().lesson.live().is_empty());
    let notice = scene.notice.clone().unwrap();
    assert!(notice.en.contains("2000"), "{notice:?}");
    assert!(notice.zh.contains("2000"), "{notice:?}");
}

#[test]
fn a_recorded_crowd_story_takes_no_live_action() {
    let (mut app, _) = app_on(scene("rush_hour.ron"));
    press(
        &mut app,
        Control::Compose {
            from: UserIdx(0),
            to: Dest::User(UserIdx(1)),
            text: "hi".into(),
        },
    );
    let scene = app.world().resource::<OpenScene>();
    assert!(!scene.told.as_ref().unwrap().live());
    assert!(scene.notice.is_some());
    assert!(scene.told.as_ref().unwrap().lesson.live().is_empty());
}

/// The panel's "Numbered by the post office" switch (its control): the story is
/// told again from its start with that order, the class's letters kept; every
/// bubble of an accepted letter ends with its number on every screen, the same
/// order on each, drawn on its face; the lesson saved afterwards says that order
/// and replays the same story; switched back, the numbers go. A recorded crowd
/// story cannot switch, and says so.
#[test]
fn switching_the_order_in_the_panel_tells_the_story_again_and_saves_it() {
    use postoffice::sim::{GroupIdx, Order};
    use postoffice::viz::stage::{chat::chat_plan, layout::Layout};
    let dir = tmp_dir("order");
    let file = dir.join("group.ron");
    std::fs::copy(scene("group.ron"), &file).unwrap();
    let (mut app, _) = app_on(file.clone());
    // Two members write to the group at the same moment.
    press(&mut app, Control::JumpTo(1));
    for (from, text) in [(0, "Who has the ball?"), (1, "Meet at 4")] {
        press(
            &mut app,
            Control::Compose {
                from: UserIdx(from),
                to: Dest::Group(GroupIdx(0)),
                text: text.into(),
            },
        );
    }
    press(&mut app, Control::JumpTo(3));
    let (live, generation) = {
        let scene = app.world().resource::<OpenScene>();
        (
            scene.told.as_ref().unwrap().lesson.live().to_vec(),
            scene.generation,
        )
    };
    assert_eq!(live.len(), 2);
    press(&mut app, Control::Order(Order::PostOffice));
    {
        let (scene, play) = (
            app.world().resource::<OpenScene>(),
            app.world().resource::<Playback>(),
        );
        let told = scene.told.as_ref().unwrap();
        assert_eq!(told.lesson.scene().settings.order, Order::PostOffice);
        assert_eq!(told.lesson.live(), &live[..], "the class's letters kept");
        assert_eq!(play.at, 0, "told again from the start");
        assert!(scene.generation > generation, "a different story");
        assert!(scene.notice.is_some(), "the switch is said");
    }
    press(&mut app, Control::JumpTo(10_000));
    {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        let picture = scene.picture().unwrap();
        let numbers = &picture.numbers;
        assert!(numbers.len() >= 2, "{numbers:?}");
        let layout = Layout::new(told.people.len());
        let mut orders = Vec::new();
        for (u, phone) in picture.phones.iter().enumerate() {
            // Every accepted letter on this screen shows its number, in order.
            let places: Vec<u32> = phone
                .chat
                .iter()
                .filter(|b| numbers.contains_key(&b.id))
                .map(|b| b.place)
                .collect();
            assert!(places.iter().all(|&p| p > 0), "phone {u}: {places:?}");
            assert!(places.is_sorted(), "phone {u}: {places:?}");
            for b in phone.chat.iter().filter(|b| b.place > 0) {
                assert_eq!(numbers.get(&b.id), Some(&b.place), "phone {u}");
            }
            orders.push(places);
            // Drawn on each shown bubble's face, in both languages.
            let rects = &layout.phones[u];
            for lang in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
                let plan = chat_plan(picture, Order::PostOffice, u, rects.screen, 0.0, lang);
                for (i, face) in &plan.shown {
                    let place = phone.chat[*i].place;
                    let number = face.number.as_ref().map(|n| n.get(lang).to_string());
                    assert_eq!(number.is_some(), place > 0, "phone {u}: {face:?}");
                    if let Some(n) = number {
                        assert!(n.contains(&place.to_string()), "{n}");
                    }
                }
            }
        }
        assert!(
            orders.iter().filter(|o| o.len() >= 2).count() >= 2,
            "{orders:?}"
        );
    }
    // Saved: the file says the order, and replays the same story.
    press(&mut app, Control::Save);
    let saved = dir.join("group-lesson-1.ron");
    let text = std::fs::read_to_string(&saved).unwrap();
    let back = postoffice::scenario::parse("group-lesson-1.ron", text.as_bytes()).unwrap();
    assert_eq!(back.settings.order, Order::PostOffice, "{text}");
    let mut sim = back.sim(None, true);
    sim.run();
    {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        assert_eq!(sim.take_events(), lesson.trace(), "{text}");
    }
    // Switched back: no numbers; the saved lesson has no `order:`.
    press(&mut app, Control::Order(Order::EachPhone));
    press(&mut app, Control::JumpTo(10_000));
    {
        let scene = app.world().resource::<OpenScene>();
        let picture = scene.picture().unwrap();
        assert!(picture.numbers.is_empty());
        assert!(
            picture
                .phones
                .iter()
                .flat_map(|p| &p.chat)
                .all(|b| b.place == 0)
        );
    }
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("group-lesson-2.ron")).unwrap();
    let back = postoffice::scenario::parse("group-lesson-2.ron", text.as_bytes()).unwrap();
    assert_eq!(back.settings.order, Order::EachPhone, "{text}");
    assert!(!text.contains("order: PostOffice"), "{text}");
    // A recorded crowd story: refused, said, unchanged.
    let (mut app, _) = app_on(scene("rush_hour.ron"));
    press(&mut app, Control::Order(Order::PostOffice));
    let scene = app.world().resource::<OpenScene>();
    let told = scene.told.as_ref().unwrap();
    assert_eq!(told.lesson.scene().settings.order, Order::EachPhone);
    assert!(scene.notice.is_some());
    std::fs::remove_dir_all(&dir).ok();
}

/// The panel's presence switch (issue 22) in a scene without dots: a live
/// `SetPresence` after the beat on screen, said in the notice; the phones get their
/// strips of dots and the phones start asking; the lesson saved writes the switch
/// at its time and replays the same story; the autosave has it; Ctrl+Z takes it
/// back, and the strips show nothing again.
#[test]
fn switching_the_dots_in_the_panel_is_a_live_action_saved_and_undone() {
    use postoffice::sim::{Action, FrameKind, Presence, What};
    use postoffice::viz::stage::picture::DotStrip;
    let dir = tmp_dir("presence-switch");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let kept = dir.join("kept");
    let (mut app, _) = headless::app_keeping(file.clone(), Some(kept.clone()));
    let strips = |app: &mut App| -> Vec<Display> {
        let mut q = app.world_mut().query::<(&DotStrip, &Node)>();
        q.iter(app.world()).map(|(_, n)| n.display).collect()
    };
    assert!(strips(&mut app).is_empty(), "hello has no strips");
    press(&mut app, Control::JumpTo(2));
    let pull = Presence::Pull { every_ms: 10_000 };
    press(&mut app, Control::Act(Action::SetPresence(pull)));
    let (at, notice) = {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        assert_eq!(told.lesson.presence_after(2), pull);
        let (at, action) = told.lesson.live()[0].clone();
        assert_eq!(action, Action::SetPresence(pull));
        (at, scene.notice.clone().expect("the switch is said"))
    };
    assert!(notice.en.contains("every 10 s"), "{notice:?}");
    assert!(notice.zh.contains("10 秒"), "{notice:?}");
    frames(&mut app, 3);
    assert_eq!(strips(&mut app).len(), 2, "the strips are made");
    // On to the end: the phones asked, and some dot was lit on screen.
    let mut lit = false;
    for _ in 0..40 {
        press(&mut app, Control::Next);
        lit |= strips(&mut app).contains(&Display::Flex);
    }
    assert!(lit, "the dots showed");
    // Saved: the switch at its time, and the same story again.
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    let line = format!("(at_ms: {at}, do: SetPresence(Pull(every_ms: 10000)))");
    assert!(text.contains(&line), "{line} in\n{text}");
    let back = postoffice::scenario::parse("hello-lesson-1.ron", text.as_bytes()).unwrap();
    let mut sim = back.sim(None, true);
    sim.run();
    let events = sim.take_events();
    {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        let mut lesson = postoffice::lesson::Lesson::new(told.lesson.scene().clone());
        lesson.set_live(told.lesson.live().to_vec()).unwrap();
        lesson.finish();
        assert_eq!(events, lesson.trace(), "{text}");
    }
    assert!(events.iter().any(|e| matches!(
        e.what,
        What::FrameOut {
            frame: FrameKind::PresenceAsk,
            ..
        }
    )));
    // Kept safe after the switch (the save cleared it): switch again, then undo.
    press(&mut app, Control::Act(Action::SetPresence(Presence::Push)));
    let kept_text = std::fs::read_dir(&kept)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .next()
        .expect("an autosave");
    assert!(kept_text.contains("SetPresence(Push)"), "{kept_text}");
    press(&mut app, Control::Undo);
    press(&mut app, Control::JumpTo(2));
    press(&mut app, Control::Undo);
    frames(&mut app, 3);
    {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        assert!(told.lesson.live().is_empty(), "both switches taken back");
        assert_eq!(told.lesson.presence_after(2), Presence::Off);
    }
    for _ in 0..40 {
        press(&mut app, Control::Next);
        assert!(
            !strips(&mut app).contains(&Display::Flex),
            "no dots once taken back"
        );
    }
}
