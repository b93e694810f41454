//! The window's phone menu and panel for issue 24, without a window: a class
//! closes and opens a phone's app with live `CloseApp`/`OpenApp` actions, and
//! switches the scene settings `notifications:` and `shelf:`. Each is saved with
//! the lesson (the actions at their time, the settings at the top) and replays
//! the same trace byte for byte; the lesson offers only app actions that keep the
//! saved script to the format's rules, and Ctrl+Z or a switch back takes each back.

use postoffice::lesson::apps::Blocked;
use postoffice::lesson::save::lesson_text;
use postoffice::lesson::{Lesson, Refused};
use postoffice::scenario;
use postoffice::sim::view::App;
use postoffice::sim::{Action, Event, FrameKind, Notifications, Shelf, UserIdx, What};

mod common;
use common::scene::{parse, replay};

const FILE: &str = "apps-lesson.ron";
const LILEI: UserIdx = UserIdx(0);
const MEIMEI: UserIdx = UserIdx(1);

/// Li Lei and Han Meimei log in; Li Lei writes four letters to her, a few
/// seconds apart; `top` (settings) and `script` (more actions) added.
fn text(top: &str, script: &str) -> String {
    format!(
        r#"(
    title: "The app closed",
    {top}
    seed: 5,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 4000, do: Send(from: "lilei", to: "hanmeimei", text: "Two")),
        (at_ms: 8000, do: Send(from: "lilei", to: "hanmeimei", text: "Three")),
        (at_ms: 12000, do: Send(from: "lilei", to: "hanmeimei", text: "Four")),{script}
    ],
    expect: [Displayed(to: "hanmeimei", from: "lilei", text: "Four")],
)"#
    )
}

fn count(trace: &[Event], frame: FrameKind) -> usize {
    trace
        .iter()
        .filter(|e| matches!(e.what, What::FrameOut { frame: f, .. } if f == frame))
        .count()
}

fn closed(trace: &[Event]) -> usize {
    trace
        .iter()
        .filter(|e| matches!(e.what, What::AppClosed))
        .count()
}

/// Han Meimei's app closed after beat `close` and opened after beat `open`, in
/// scenes with each notifications setting and each shelf: the lesson saves both
/// actions at their times and its text replays the trace byte for byte; with
/// notifications on the push service notifies her, and with `Fetched` she asks
/// the shelf when the app opens.
#[test]
fn closing_and_opening_an_app_is_saved_and_replays() {
    let mut told = 0;
    for top in [
        "",
        "notifications: Words,",
        "notifications: Hidden, shelf: Fetched,",
        "shelf: Fetched,",
    ] {
        let scene = parse(FILE, &text(top, ""));
        for (close, open) in [(2, 6), (3, 9), (1, 12)] {
            let mut lesson = Lesson::new(scene.clone());
            lesson.extend(close + 1);
            assert_eq!(
                lesson.app_after(close, postoffice::sim::DeviceIdx::main(MEIMEI)),
                App::Open,
                "{top}"
            );
            let at_close = lesson
                .inject(
                    close,
                    Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
                )
                .unwrap();
            assert_eq!(
                lesson.app_after(close, postoffice::sim::DeviceIdx::main(MEIMEI)),
                App::Closed
            );
            lesson.extend(open + 1);
            assert!(open < lesson.beats().len(), "{top}: {open} beats");
            assert_eq!(
                lesson.app_after(open, postoffice::sim::DeviceIdx::main(MEIMEI)),
                App::Closed,
                "{top} {open}"
            );
            let at_open = lesson
                .inject(
                    open,
                    Action::OpenApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
                )
                .unwrap();
            assert_eq!(
                lesson.app_after(open, postoffice::sim::DeviceIdx::main(MEIMEI)),
                App::Open
            );
            lesson.finish();
            let saved = lesson.text();
            for line in [
                format!(r#"(at_ms: {at_close}, do: CloseApp(user: "hanmeimei"))"#),
                format!(r#"(at_ms: {at_open}, do: OpenApp(user: "hanmeimei"))"#),
            ] {
                assert!(saved.contains(&line), "{line} not in\n{saved}");
            }
            assert_eq!(replay(FILE, &saved), lesson.trace(), "{top}:\n{saved}");
            let trace = lesson.trace();
            assert_eq!(closed(trace), 1, "{top}");
            if !top.contains("notifications") {
                assert_eq!(count(trace, FrameKind::Notify), 0, "{top}");
            }
            if top.contains("Fetched") {
                assert!(count(trace, FrameKind::Fetch) > 0, "{top}: no fetch");
            } else {
                assert_eq!(count(trace, FrameKind::Fetch), 0, "{top}");
            }
            told += 1;
        }
    }
    assert_eq!(told, 12);
}

/// A letter written while her app is closed is notified (notifications on) and
/// reaches her when the app opens.
#[test]
fn a_letter_while_the_app_is_closed_is_notified() {
    let scene = parse(FILE, &text("notifications: NameOnly,", ""));
    let mut lesson = Lesson::new(scene);
    lesson.extend(1);
    lesson
        .inject(
            0,
            Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
        )
        .unwrap();
    lesson.finish();
    let notified = lesson
        .trace()
        .iter()
        .filter(|e| matches!(e.what, What::Notified { .. }))
        .count();
    assert_eq!(notified, 4, "one notification per letter");
    let saved = lesson.text();
    assert_eq!(replay(FILE, &saved), lesson.trace());
}

/// Every app action of either phone, after every other beat, after a class that
/// already closed Han Meimei's app and opened it again or not, in a scene whose own
/// script closes and opens Li Lei's app: the lesson
/// takes exactly the actions whose saved script the scene format accepts, and
/// refuses the others with why.
#[test]
fn only_actions_that_keep_the_script_to_the_rules_are_taken() {
    let own = r#"
        (at_ms: 6000, do: CloseApp(user: "lilei")),
        (at_ms: 9000, do: OpenApp(user: "lilei")),"#;
    let scene = parse(FILE, &text("notifications: Words,", own));
    let mut plain = Lesson::new(scene.clone());
    plain.finish();
    let beats = plain.beats().len();
    let mut taken = 0;
    let mut refused = 0;
    let mut later = 0;
    let closed_and_opened = [
        (
            1,
            Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
        ),
        (4, Action::OpenApp(postoffice::sim::DeviceIdx::main(MEIMEI))),
    ];
    for before in [&[][..], &closed_and_opened[..]] {
        for shown in (1..beats).step_by(2) {
            for u in [LILEI, MEIMEI] {
                for action in [
                    Action::Login(postoffice::sim::DeviceIdx::main(u)),
                    Action::Logout(postoffice::sim::DeviceIdx::main(u)),
                    Action::CloseApp(postoffice::sim::DeviceIdx::main(u)),
                    Action::OpenApp(postoffice::sim::DeviceIdx::main(u)),
                ] {
                    let mut lesson = Lesson::new(scene.clone());
                    let mut live = Vec::new();
                    for (k, b) in before {
                        lesson.extend(k + 1);
                        let at = lesson.inject(*k, b.clone()).unwrap();
                        live.push((at, b.clone()));
                    }
                    lesson.extend(shown + 1);
                    let at = lesson.time_of(shown) + 1;
                    let mut with = live.clone();
                    with.retain(|(t, _)| *t <= at);
                    with.push((at, action.clone()));
                    let written = lesson_text(&scene, &with);
                    let accepted = scenario::parse(FILE, written.as_bytes());
                    let may = lesson.may(shown, &action);
                    match lesson.inject(shown, action.clone()) {
                        Ok(t) => {
                            assert_eq!(t, at);
                            assert_eq!(may, Ok(()));
                            assert!(
                                accepted.is_ok(),
                                "{action:?} at {at} taken, but its lesson is refused: {}",
                                accepted.err().unwrap()
                            );
                            lesson.finish();
                            let saved = lesson.text();
                            assert_eq!(replay(FILE, &saved), lesson.trace());
                            taken += 1;
                        }
                        Err(Refused::App(b)) => {
                            assert_eq!(may, Err(b));
                            assert!(
                                accepted.is_err(),
                                "{action:?} at {at} refused ({b:?}), but its lesson reads:\n{written}"
                            );
                            if let Blocked::Later(who, t) = b {
                                assert_eq!(who, postoffice::sim::DeviceIdx::main(u));
                                assert!(t > at);
                                later += 1;
                            }
                            refused += 1;
                        }
                        Err(e) => panic!("{action:?}: {e:?}"),
                    }
                }
            }
        }
    }
    assert!(
        taken > 20 && refused > 20 && later > 0,
        "{taken} {refused} {later}"
    );
}

/// Ctrl+Z takes a closed app back: the story is the plain one again, and the
/// saved lesson has no `CloseApp`.
#[test]
fn undo_takes_the_closed_app_back() {
    let scene = parse(FILE, &text("notifications: Words,", ""));
    let mut plain = Lesson::new(scene.clone());
    plain.finish();
    let mut lesson = Lesson::new(scene.clone());
    lesson.extend(4);
    lesson
        .inject(
            3,
            Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
        )
        .unwrap();
    lesson.finish();
    assert_ne!(lesson.trace(), plain.trace());
    let (_, undone) = lesson.undo(3).expect("taken back");
    assert_eq!(
        undone,
        Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI))
    );
    assert_eq!(
        lesson.app_after(3, postoffice::sim::DeviceIdx::main(MEIMEI)),
        App::Open
    );
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    assert!(!lesson.text().contains("CloseApp"));
}

/// The panel's two switches, from each setting to each other, with and without a
/// closed app of the class: the lesson is told again from its start with the
/// setting; its saved text says the setting and replays the same trace; switched
/// back, the lesson is the one it was (its text the scene's own when the class
/// did nothing).
#[test]
fn the_settings_switches_are_saved_and_switch_back() {
    let notifications = [
        Notifications::Off,
        Notifications::Words,
        Notifications::NameOnly,
        Notifications::Hidden,
    ];
    let shelves = [Shelf::HandedOver, Shelf::Fetched];
    let tops = [
        "",
        "notifications: Words,",
        "notifications: Hidden,\n    shelf: Fetched,",
        "shelf: HandedOver,",
    ];
    let mut switched = 0;
    for top in tops {
        let own = text(top, "");
        let scene = parse(FILE, &own);
        for class in [false, true] {
            let mut lesson = Lesson::new(scene.clone());
            if class {
                lesson.extend(3);
                lesson
                    .inject(
                        2,
                        Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
                    )
                    .unwrap();
            }
            lesson.finish();
            let was = lesson.text();
            for n in notifications {
                for s in shelves {
                    let other = lesson
                        .with_settings(|set| {
                            set.notifications = n;
                            set.shelf = s;
                        })
                        .unwrap();
                    let mut other = other;
                    other.finish();
                    assert_eq!(other.live(), lesson.live());
                    let saved = other.text();
                    let back = parse(FILE, &saved);
                    assert_eq!(back.settings.notifications, n, "{top}:\n{saved}");
                    assert_eq!(back.settings.shelf, s, "{top}:\n{saved}");
                    assert_eq!(replay(FILE, &saved), other.trace(), "{top}:\n{saved}");
                    let mut fresh = Lesson::new(back);
                    fresh.finish();
                    if !class {
                        assert_eq!(fresh.trace(), other.trace(), "{top}");
                    }
                    let scene_own = other.scene().settings == scene.settings;
                    if scene_own && !class {
                        assert_eq!(saved, own, "{top}: switched to its own settings");
                    }
                    if !scene_own {
                        assert!(saved.contains("// The scene's expectations, switched off"));
                    }
                    // Switched back: the lesson it was.
                    let mut again = other.with_settings(|set| *set = scene.settings).unwrap();
                    again.finish();
                    assert_eq!(again.trace(), lesson.trace(), "{top} {n:?} {s:?}");
                    assert_eq!(again.text(), was, "{top} {n:?} {s:?}");
                    switched += 1;
                }
            }
        }
    }
    assert_eq!(switched, 4 * 2 * 8);
}

/// With notifications switched on, a class's closed app is notified; switched
/// off, not; fetching the shelf shows as `fetch` frames.
#[test]
fn the_switches_change_the_story() {
    let scene = parse(FILE, &text("", ""));
    let mut lesson = Lesson::new(scene);
    lesson.extend(2);
    lesson
        .inject(
            1,
            Action::CloseApp(postoffice::sim::DeviceIdx::main(MEIMEI)),
        )
        .unwrap();
    lesson.extend(8);
    lesson
        .inject(7, Action::OpenApp(postoffice::sim::DeviceIdx::main(MEIMEI)))
        .unwrap();
    lesson.finish();
    assert_eq!(count(lesson.trace(), FrameKind::Notify), 0);
    let mut on = lesson
        .with_settings(|s| s.notifications = Notifications::Words)
        .unwrap();
    on.finish();
    assert!(count(on.trace(), FrameKind::Notify) > 0);
    assert!(count(on.trace(), FrameKind::Push) > 0);
    let mut fetched = on.with_settings(|s| s.shelf = Shelf::Fetched).unwrap();
    fetched.finish();
    assert!(count(fetched.trace(), FrameKind::Fetch) > 0);
    assert_eq!(count(on.trace(), FrameKind::Fetch), 0);
    let saved = fetched.text();
    assert!(saved.contains("notifications: Words,") && saved.contains("shelf: Fetched,"));
    assert_eq!(replay(FILE, &saved), fetched.trace());
}
