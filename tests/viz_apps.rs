//! Issue 24 in the window, without a renderer: a phone's menu closes and opens
//! its app (live `CloseApp`/`OpenApp`: said in the notice, saved, autosaved, taken
//! back with Ctrl+Z; only what is valid offered, and why not said), and the
//! panel's switches of notifications and offline letters tell the story again
//! from its start, saved at the top of the lesson. The panel draws both switches
//! in every language and register.
#![cfg(feature = "viz")]

mod headless;

use headless::{app_keeping, app_on, frames, press, scene, tmp_dir};

use bevy::prelude::*;
use postoffice::sim::{Action, FrameKind, Notifications, Shelf, UserIdx, What};
use postoffice::viz::control::panel::Panel;
use postoffice::viz::lang::{Language, Register, Wording};
use postoffice::viz::overlays::tools;
use postoffice::viz::stage::parts::Target;
use postoffice::viz::story::show::{Control, OpenScene, Playback};

const HAN: UserIdx = UserIdx(1);

/// How many push-service boxes the picture has, and checks the layout agrees.
fn push_boxes(app: &mut App) -> usize {
    let mut q = app
        .world_mut()
        .query_filtered::<Entity, With<postoffice::viz::stage::push::PushBox>>();
    let n = q.iter(app.world()).count();
    let layout = app
        .world()
        .resource::<postoffice::viz::stage::layout::Layout>();
    assert_eq!(
        layout.push.is_some(),
        n > 0,
        "the layout and the picture agree"
    );
    n
}

/// Phone `n`'s menu on the beat on screen: its choices (English words) and the
/// lines saying why app choices are missing.
fn menu(app: &App, n: usize) -> (Vec<(String, Action)>, Vec<String>) {
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let reg = app.world().resource::<Wording>().0;
    let target = Target::Phone(n);
    let choices = tools::actions(told, play.at, target, 0, reg)
        .into_iter()
        .map(|(w, a)| (w.en.to_string(), a))
        .collect();
    let why = tools::not_offered(told, play.at, target, reg)
        .into_iter()
        .map(|w| w.en.to_string())
        .collect();
    (choices, why)
}

fn has(choices: &[(String, Action)], a: &Action) -> bool {
    choices.iter().any(|(_, b)| b == a)
}

fn live(app: &App) -> Vec<(u64, Action)> {
    let scene = app.world().resource::<OpenScene>();
    scene.told.as_ref().unwrap().lesson.live().to_vec()
}

/// The trace of the saved lesson `text`, run as a scene.
fn replayed(text: &str) -> Vec<postoffice::sim::Event> {
    let back = postoffice::scenario::parse("saved.ron", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut sim = back.sim(None, true);
    sim.run();
    sim.take_events()
}

/// The whole story of the lesson on screen, told to its end.
fn whole_trace(app: &mut App) -> Vec<postoffice::sim::Event> {
    let mut scene = app.world_mut().resource_mut::<OpenScene>();
    let told = scene.told.as_mut().unwrap();
    told.lesson.finish();
    told.lesson.trace().to_vec()
}

/// Han Meimei's menu in hello: close the app (not open it); closed, it offers to
/// open it and no login or logout, and says why; the closing is said in the
/// notice, autosaved, saved at its time (the lesson replays), and Ctrl+Z takes
/// it back. Logged out, the menu offers no closing and says why.
#[test]
fn a_phone_menu_closes_and_opens_the_app() {
    let dir = tmp_dir("apps-menu");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let kept = dir.join("kept");
    let (mut app, _) = app_keeping(file.clone(), Some(kept.clone()));
    press(&mut app, Control::JumpTo(1));
    let (choices, why) = menu(&app, 1);
    assert!(
        has(
            &choices,
            &Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))
        ),
        "{choices:?}"
    );
    assert!(
        has(
            &choices,
            &Action::Logout(postoffice::sim::DeviceIdx::main(HAN))
        ),
        "{choices:?}"
    );
    assert!(
        !has(
            &choices,
            &Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN))
        ),
        "{choices:?}"
    );
    assert!(why.is_empty(), "{why:?}");
    let words = &choices
        .iter()
        .find(|(_, a)| *a == Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN)))
        .unwrap()
        .0;
    assert!(
        words.contains("closes the app, staying logged in"),
        "{words}"
    );
    // Chosen, as the menu's button sends it.
    press(
        &mut app,
        Control::Act(Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))),
    );
    let (at, notice) = {
        let scene = app.world().resource::<OpenScene>();
        let (at, a) = scene.told.as_ref().unwrap().lesson.live()[0].clone();
        assert_eq!(a, Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN)));
        (at, scene.notice.clone().expect("said in the notice"))
    };
    assert!(
        notice.en.contains("Han Meimei closes the app"),
        "{notice:?}"
    );
    assert!(notice.zh.contains("关掉应用"), "{notice:?}");
    let (choices, why) = menu(&app, 1);
    assert!(
        has(
            &choices,
            &Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN))
        ),
        "{choices:?}"
    );
    for a in [
        Action::Login(postoffice::sim::DeviceIdx::main(HAN)),
        Action::Logout(postoffice::sim::DeviceIdx::main(HAN)),
        Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN)),
    ] {
        assert!(
            !has(&choices, &a),
            "{a:?} offered on a closed app: {choices:?}"
        );
    }
    assert!(
        why.iter()
            .any(|w| w.contains("open it before logging in or out")),
        "{why:?}"
    );
    assert_eq!(
        choices[0].1,
        Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN)),
        "first, it takes the keyboard"
    );
    // Autosaved.
    let kept_text = std::fs::read_dir(&kept)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .next()
        .expect("an autosave");
    assert!(
        kept_text.contains("CloseApp(user: \"hanmeimei\")"),
        "{kept_text}"
    );
    // Open it again two beats on; saved, the lesson replays.
    press(&mut app, Control::JumpTo(3));
    assert!(has(
        &menu(&app, 1).0,
        &Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN))
    ));
    press(
        &mut app,
        Control::Act(Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN))),
    );
    assert_eq!(live(&app).len(), 2);
    let trace = whole_trace(&mut app);
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    let line = format!("(at_ms: {at}, do: CloseApp(user: \"hanmeimei\"))");
    assert!(text.contains(&line), "{line} in\n{text}");
    assert!(text.contains("OpenApp(user: \"hanmeimei\")"), "{text}");
    assert_eq!(replayed(&text), trace, "{text}");
    // Ctrl+Z twice: both taken back, the menu offers closing again.
    press(&mut app, Control::Undo);
    press(&mut app, Control::JumpTo(1));
    press(&mut app, Control::Undo);
    assert!(live(&app).is_empty());
    assert!(has(
        &menu(&app, 1).0,
        &Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))
    ));
    // Logged out: no app to close, and the menu says so.
    press(
        &mut app,
        Control::Act(Action::Logout(postoffice::sim::DeviceIdx::main(HAN))),
    );
    let (choices, why) = menu(&app, 1);
    assert!(
        !has(
            &choices,
            &Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))
        ),
        "{choices:?}"
    );
    assert!(why.iter().any(|w| w.contains("logged out")), "{why:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A recorded crowd story offers no app action and takes none.
#[test]
fn a_recorded_story_closes_no_app() {
    let (mut app, _) = app_on(scene("rush_hour.ron"));
    press(
        &mut app,
        Control::Act(Action::CloseApp(postoffice::sim::DeviceIdx(0))),
    );
    let scene = app.world().resource::<OpenScene>();
    assert!(scene.told.as_ref().unwrap().lesson.live().is_empty());
    assert!(scene.notice.is_some(), "refused, and said");
}

/// The panel's switches in hello with Han Meimei's app closed by the class: the
/// story is told again from its start with notifications on (the push service
/// notifies her), then with the shelf fetched; each says so, keeps the class's
/// action, and is saved at the top of the lesson, which replays; switched back,
/// the story is the one before. A recorded story cannot switch.
#[test]
fn the_panel_switches_notifications_and_offline_letters() {
    let dir = tmp_dir("apps-switch");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let (mut app, _) = app_on(file.clone());
    press(
        &mut app,
        Control::Act(Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))),
    );
    press(&mut app, Control::JumpTo(8));
    press(
        &mut app,
        Control::Act(Action::OpenApp(postoffice::sim::DeviceIdx::main(HAN))),
    );
    let class = live(&app);
    assert_eq!(class.len(), 2);
    let before = whole_trace(&mut app);
    let generation = app.world().resource::<OpenScene>().generation;
    press(&mut app, Control::Notifications(Notifications::Words));
    {
        let (scene, play) = (
            app.world().resource::<OpenScene>(),
            app.world().resource::<Playback>(),
        );
        let told = scene.told.as_ref().unwrap();
        assert_eq!(
            told.lesson.scene().settings.notifications,
            Notifications::Words
        );
        assert_eq!(told.lesson.live(), &class[..], "the class's actions kept");
        assert_eq!(play.at, 0, "told again from the start");
        assert!(scene.generation > generation);
        let notice = scene.notice.clone().expect("said");
        assert!(notice.en.contains("name and words"), "{notice:?}");
    }
    // The picture follows the switch: the push service's box is drawn.
    frames(&mut app, 3);
    assert_eq!(push_boxes(&mut app), 1, "the push service on the picture");
    let on = whole_trace(&mut app);
    let pushed = |t: &[postoffice::sim::Event]| {
        t.iter()
            .filter(|e| {
                matches!(
                    e.what,
                    What::FrameOut {
                        frame: FrameKind::Push,
                        ..
                    }
                )
            })
            .count()
    };
    assert!(pushed(&on) > 0, "the push service notifies her");
    press(&mut app, Control::Shelf(Shelf::Fetched));
    let fetched = whole_trace(&mut app);
    assert!(fetched.iter().any(|e| matches!(
        e.what,
        What::FrameOut {
            frame: FrameKind::Fetch,
            ..
        }
    )));
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    assert!(text.contains("notifications: Words,"), "{text}");
    assert!(text.contains("shelf: Fetched,"), "{text}");
    assert_eq!(replayed(&text), fetched, "{text}");
    // Switched back, both: the story before, and a lesson without the settings.
    press(&mut app, Control::Shelf(Shelf::HandedOver));
    press(&mut app, Control::Notifications(Notifications::Off));
    assert_eq!(whole_trace(&mut app), before);
    frames(&mut app, 3);
    assert_eq!(push_boxes(&mut app), 0, "no push service once switched off");
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-2.ron")).unwrap();
    assert!(
        !text.contains("notifications:") && !text.contains("shelf:"),
        "{text}"
    );
    assert_eq!(replayed(&text), before);
    // A recorded crowd story: refused, said, unchanged.
    let (mut app, _) = app_on(scene("rush_hour.ron"));
    press(&mut app, Control::Notifications(Notifications::Hidden));
    press(&mut app, Control::Shelf(Shelf::Fetched));
    let scene = app.world().resource::<OpenScene>();
    let settings = scene.told.as_ref().unwrap().lesson.scene().settings;
    assert_eq!(settings.notifications, Notifications::Off);
    assert_eq!(settings.shelf, Shelf::HandedOver);
    assert!(scene.notice.is_some());
    std::fs::remove_dir_all(&dir).ok();
}

/// The panel, open, draws its switches (and a closed app's phone menu) in both
/// languages and the three registers, on both docks, without a fault.
#[test]
fn the_panel_draws_the_switches_in_every_language_and_register() {
    use postoffice::sim::Lang;
    let (mut app, _) = app_on(scene("hello.ron"));
    press(
        &mut app,
        Control::Act(Action::CloseApp(postoffice::sim::DeviceIdx::main(HAN))),
    );
    app.world_mut().resource_mut::<tools::Tools>().menu =
        Some((Target::Phone(1), Vec2::new(100.0, 100.0)));
    app.world_mut().resource_mut::<Panel>().open = true;
    for lang in [Lang::En, Lang::Zh] {
        for reg in [Register::Both, Register::Engineer, Register::Story] {
            app.world_mut().resource_mut::<Language>().0 = lang;
            app.world_mut().resource_mut::<Wording>().0 = reg;
            frames(&mut app, 3);
            assert!(app.world().resource::<Panel>().open);
            let words = [
                postoffice::viz::control::labels::notifications(reg),
                postoffice::viz::control::labels::shelf(reg),
            ];
            if reg == Register::Story {
                for w in &words {
                    for l in [Lang::En, Lang::Zh] {
                        assert!(
                            postoffice::words::glossary::technical_in(w.get(l), l).is_empty(),
                            "{w:?}"
                        );
                    }
                }
            }
        }
    }
}
