//! The live lesson without a window: actions injected after random beats, saved as a
//! scene file and replayed from it, give the identical trace; going back after a
//! branch shows exactly the beat that was on screen; a lesson's file keeps the
//! scene's comments and reads back.

use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{
    Action, Dest, Dir, Event, FrameClass, GroupIdx, RegisterChange, Status, UserIdx,
};
use proptest::prelude::*;

mod common;
use common::scene::{parse, replay};

/// The name the scenes of this file go by in their errors.
const FILE: &str = "lesson-test.ron";

/// A scene of `n` people (all friends, one group of everyone), with `script` entries
/// written as RON.
fn scene_text(n: usize, seed: u64, loss: f64, until: Option<u64>, script: &[String]) -> String {
    let users: Vec<String> = (0..n)
        .map(|i| format!("        (id: \"u{i}\", name: (en: \"U{i}\", zh: \"用户{i}\")),"))
        .collect();
    let mut friends = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            friends.push(format!("(\"u{a}\", \"u{b}\")"));
        }
    }
    let members: Vec<String> = (0..n).map(|i| format!("\"u{i}\"")).collect();
    let until = until.map_or(String::new(), |u| format!("    until_ms: {u},\n"));
    format!(
        "// A scene made by the lesson test.\n(\n    title: (en: \"A test\", zh: \"测试\"), // its title\n    seed: {seed},\n    network: (loss: {loss}),\n    heartbeat: (interval_ms: 4000, timeout_ms: 9000),\n    retry: (check_ms: 1000, grace_ms: 700, max_retries: 2),\n    users: [\n{}\n    ],\n    friends: [{}],\n    groups: [(id: \"all\", members: [{}])],\n    script: [\n{}\n    ],\n    expect: [\n        MarkedOffline(\"u0\"),\n    ],\n{until})\n",
        users.join("\n"),
        friends.join(", "),
        members.join(", "),
        script.join("\n"),
    )
}

/// A random live action among `n` phones: mostly letters, and the faults a class
/// would try.
fn live_action(n: usize) -> impl Strategy<Value = Action> {
    let u = move || (0..n).prop_map(|i| UserIdx(i as u32));
    prop_oneof![
        5 => (u(), 1..n, "[a-z][a-z ]{0,11}|你好|再见").prop_map(move |(from, d, text)| Action::Send {
            from: postoffice::sim::DeviceIdx::main(from),
            to: Dest::User(UserIdx(((from.index() + d) % n) as u32)),
            text: postoffice::sim::Text::from(text.as_str()),
            parcel: None,
        }),
        1 => (u(), "[a-z]{1,8}").prop_map(|(from, text)| Action::Send {
            from: postoffice::sim::DeviceIdx::main(from),
            to: Dest::Group(GroupIdx(0)),
            text: postoffice::sim::Text::from(text.as_str()),
            parcel: None,
        }),
        1 => u().prop_map(|x| Action::LinkDown(postoffice::sim::DeviceIdx::main(x))),
        1 => u().prop_map(|x| Action::LinkUp(postoffice::sim::DeviceIdx::main(x))),
        1 => u().prop_map(|x| Action::Logout(postoffice::sim::DeviceIdx::main(x))),
        1 => u().prop_map(|x| Action::Login(postoffice::sim::DeviceIdx::main(x))),
        1 => (u(), any::<bool>()).prop_map(|(user, up)| Action::Drop {
            user: postoffice::sim::DeviceIdx::main(user),
            toward: if up { Dir::ToServer } else { Dir::ToPhone },
            what: FrameClass::Ack,
        }),
        1 => (u(), u()).prop_filter("two people", |(a, b)| a != b)
            .prop_map(|(a, b)| Action::Register(RegisterChange::Block, a, b)),
        1 => Just(Action::ServerDown),
        1 => Just(Action::ServerUp),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    seed: u64,
    loss: f64,
    until: Option<u64>,
    /// (which beat, as a fraction of those so far; the action, or an undo)
    injections: Vec<(f64, Option<Action>)>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..5).prop_flat_map(|n| {
        (
            Just(n),
            any::<u64>(),
            prop_oneof![Just(0.0), 0.0..0.3f64],
            prop_oneof![Just(None), (20_000u64..60_000).prop_map(Some)],
            proptest::collection::vec(
                (
                    0.0..=1.0f64,
                    prop_oneof![4 => live_action(n).prop_map(Some), 1 => Just(None)],
                ),
                1..8,
            ),
        )
            .prop_map(|(n, seed, loss, until, injections)| Case {
                n,
                seed,
                loss,
                until,
                injections,
            })
    })
}

fn base_script(n: usize) -> Vec<String> {
    let mut s: Vec<String> = (0..n)
        .map(|i| format!("        (at_ms: 0, do: Login(\"u{i}\")),"))
        .collect();
    s.push("        (at_ms: 1000, do: Send(from: \"u0\", to: \"u1\", text: \"Hello!\")),".into());
    s.push("        (at_ms: 3000, do: Send(from: \"u1\", to: \"u0\", text: \"Hi!\")),".into());
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_saved_lesson_replays_the_same_trace_with_undos_too(c in case()) {
        let text = scene_text(c.n, c.seed, c.loss, c.until, &base_script(c.n));
        let mut lesson = Lesson::new(parse(FILE, &text));
        for (where_, action) in &c.injections {
            lesson.extend(40);
            let shown = (where_ * lesson.beats().len() as f64) as usize;
            // What is on screen, and the story up to it, before the branch.
            let view = lesson.view_after(shown);
            let beats: Vec<_> = lesson.beats()[..shown].to_vec();
            let trace: Vec<Event> = lesson.trace()[..lesson.trace_end(shown)].to_vec();
            match action {
                Some(action) => {
                    lesson.inject(shown, action.clone()).unwrap();
                }
                None => {
                    // Ctrl+Z: the last action taken back.
                    let before = lesson.live().len();
                    let undone = lesson.undo(shown);
                    prop_assert_eq!(lesson.live().len(), before.saturating_sub(1));
                    prop_assert_eq!(undone.is_some(), before > 0);
                    continue;
                }
            }
            // Back after a branch: exactly the beat that was shown.
            prop_assert_eq!(&lesson.view_after(shown), &view);
            prop_assert_eq!(&lesson.beats()[..shown], &beats[..]);
            prop_assert_eq!(&lesson.trace()[..trace.len()], &trace[..]);
        }
        lesson.finish();
        let saved = lesson.text();
        let replayed = replay(FILE, &saved);
        prop_assert!(
            replayed == lesson.trace(),
            "the saved lesson replays differently (seed {}):\n{}",
            c.seed,
            saved
        );
        // And the file says it was a lesson (when one action is left); the
        // scene's comments stay.
        prop_assert_eq!(saved.contains("// Added during the lesson:"), !lesson.live().is_empty());
        prop_assert!(saved.contains("// A scene made by the lesson test."));
        prop_assert!(saved.contains("// its title"));
    }
}

#[test]
fn a_letter_composed_at_the_opening_travels_its_nine_steps() {
    let text = scene_text(2, 7, 0.0, None, &base_script(2));
    let mut lesson = Lesson::new(parse(FILE, &text));
    lesson.extend(1);
    let at = lesson
        .inject(
            0,
            Action::Send {
                from: postoffice::sim::DeviceIdx(1),
                to: Dest::User(UserIdx(0)),
                text: postoffice::sim::Text::from("你好"),
                parcel: None,
            },
        )
        .unwrap();
    lesson.finish();
    let steps: Vec<u8> = lesson
        .trace()
        .iter()
        .filter(|e| {
            e.msg
                .as_ref()
                .is_some_and(|m| &*m.text().expect("words").en == "你好")
        })
        .filter_map(|e| e.step().map(|s| s.number()))
        .collect();
    assert_eq!(steps, (1..=9).collect::<Vec<_>>());
    assert!(at >= 1, "timed 1 ms after the opening");
    let view = lesson.view_after(lesson.beats().len());
    let id = *view
        .letters
        .keys()
        .find(|id| view.letters[id].text().expect("words").en.as_ref() == "你好")
        .unwrap();
    assert_eq!(
        view.sender_sees(id),
        Some(Status::Delivered { count: 1, of: 1 })
    );
}

#[test]
fn two_letters_after_the_same_beat_both_go() {
    let text = scene_text(2, 3, 0.0, None, &base_script(2));
    let mut lesson = Lesson::new(parse(FILE, &text));
    lesson.extend(10);
    for word in ["one", "two"] {
        lesson
            .inject(
                4,
                Action::Send {
                    from: postoffice::sim::DeviceIdx(0),
                    to: Dest::User(UserIdx(1)),
                    text: postoffice::sim::Text::from(word),
                    parcel: None,
                },
            )
            .unwrap();
    }
    lesson.finish();
    let view = lesson.view_after(lesson.beats().len());
    let shown: Vec<&str> = view.phones[1]
        .chat
        .iter()
        .map(|b| &*view.letters[&b.id].text().expect("words").en)
        .collect();
    assert!(
        shown.ends_with(&["one", "two"]) || shown.contains(&"one") && shown.contains(&"two"),
        "{shown:?}"
    );
    assert_eq!(lesson.live().len(), 2);
    assert_eq!(replay(FILE, &lesson.text()), lesson.trace());
}

#[test]
fn a_branch_drops_the_live_actions_after_it() {
    let text = scene_text(2, 3, 0.0, None, &base_script(2));
    let mut lesson = Lesson::new(parse(FILE, &text));
    lesson.extend(30);
    let late = Action::Send {
        from: postoffice::sim::DeviceIdx(0),
        to: Dest::User(UserIdx(1)),
        text: postoffice::sim::Text::from("late"),
        parcel: None,
    };
    lesson.inject(20, late).unwrap();
    let early = Action::Send {
        from: postoffice::sim::DeviceIdx(1),
        to: Dest::User(UserIdx(0)),
        text: postoffice::sim::Text::from("early"),
        parcel: None,
    };
    lesson.inject(5, early.clone()).unwrap();
    assert_eq!(
        lesson.live().len(),
        1,
        "the later action is gone with its branch"
    );
    assert_eq!(lesson.live()[0].1, early);
    lesson.finish();
    assert!(!lesson.trace().iter().any(|e| {
        e.msg
            .as_ref()
            .is_some_and(|m| &*m.text().expect("words").en == "late")
    }));
}

#[test]
fn a_lesson_file_raises_until_and_switches_the_expectations_off() {
    // A scene that ends right at its last beat.
    let first = {
        let mut l = Lesson::new(parse(
            FILE,
            &scene_text(2, 3, 0.0, Some(20_000), &base_script(2)),
        ));
        l.finish();
        l.beats().last().unwrap().at_ms
    };
    let text = scene_text(2, 3, 0.0, Some(first), &base_script(2));
    let mut lesson = Lesson::new(parse(FILE, &text));
    lesson.finish();
    let last = lesson.beats().len();
    assert_eq!(lesson.beats()[last - 1].at_ms, first);
    lesson
        .inject(
            last,
            Action::Send {
                from: postoffice::sim::DeviceIdx(0),
                to: Dest::User(UserIdx(1)),
                text: postoffice::sim::Text::from("a \"quoted\" word\nand a new line \\ too"),
                parcel: None,
            },
        )
        .unwrap();
    lesson.finish();
    let saved = lesson.text();
    let scene = parse(FILE, &saved);
    assert!(scene.until_ms.unwrap() > first + 1, "{saved}");
    assert!(scene.expect.is_empty(), "{saved}");
    assert!(
        saved.contains("    //     MarkedOffline(\"u0\"),"),
        "{saved}"
    );
    assert!(
        saved.contains(r#"text: "a \"quoted\" word\nand a new line \\ too""#),
        "{saved}"
    );
    assert_eq!(replay(FILE, &saved), lesson.trace());
    // Saved twice: two files, the second never over the first.
    let dir = std::env::temp_dir().join(format!("postoffice-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scene_path = dir.join("hello.ron");
    let a = lesson.save_beside(&scene_path).unwrap();
    let b = lesson.save_beside(&scene_path).unwrap();
    assert_eq!(a, dir.join("hello-lesson-1.ron"));
    assert_eq!(b, dir.join("hello-lesson-2.ron"));
    // A lesson saved from a lesson file is numbered after the scene.
    let c = lesson.save_beside(&a).unwrap();
    assert_eq!(c, dir.join("hello-lesson-3.ron"));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), saved);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_scene_replays_its_lesson_with_a_letter_and_a_fault() {
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes")).unwrap() {
        let path = e.unwrap().path();
        let scene = Arc::new(scenario::load(&path).unwrap());
        if scene.world.phones() > 40 {
            continue;
        }
        let mut lesson = Lesson::new(scene.clone());
        lesson.extend(8);
        let shown = lesson.beats().len().min(3);
        lesson
            .inject(
                shown,
                Action::Send {
                    from: postoffice::sim::DeviceIdx(0),
                    to: Dest::User(UserIdx(1)),
                    text: postoffice::sim::Text::from("What if?"),
                    parcel: None,
                },
            )
            .unwrap();
        lesson
            .inject(shown, Action::LinkDown(postoffice::sim::DeviceIdx(1)))
            .unwrap();
        lesson.finish();
        assert_eq!(
            replay(FILE, &lesson.text()),
            lesson.trace(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn undo_tells_the_story_as_it_was_before_the_action() {
    let text = scene_text(2, 5, 0.0, None, &base_script(2));
    let mut plain = Lesson::new(parse(FILE, &text));
    plain.finish();
    let mut lesson = Lesson::new(parse(FILE, &text));
    lesson.extend(20);
    lesson
        .inject(
            6,
            Action::Send {
                from: postoffice::sim::DeviceIdx(1),
                to: Dest::User(UserIdx(0)),
                text: postoffice::sim::Text::from("oops"),
                parcel: None,
            },
        )
        .unwrap();
    lesson
        .inject(6, Action::LinkDown(postoffice::sim::DeviceIdx(0)))
        .unwrap();
    assert_eq!(
        lesson.undo(6).map(|(_, a)| a),
        Some(Action::LinkDown(postoffice::sim::DeviceIdx(0)))
    );
    assert_eq!(lesson.live().len(), 1);
    lesson.undo(6).unwrap();
    assert!(lesson.undo(6).is_none(), "nothing left to take back");
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    // A lesson told again from its actions (restored after the window closed).
    let mut live = Lesson::new(parse(FILE, &text));
    live.extend(20);
    live.inject(3, Action::LinkDown(postoffice::sim::DeviceIdx(1)))
        .unwrap();
    live.finish();
    let mut restored = Lesson::new(parse(FILE, &text));
    restored.set_live(live.live().to_vec()).unwrap();
    restored.finish();
    assert_eq!(restored.trace(), live.trace());
    assert_eq!(
        restored.set_live(vec![(0, Action::LinkDown(postoffice::sim::DeviceIdx(1)))]),
        Err(postoffice::lesson::Refused::AtStart)
    );
}

/// Every scene (and one written with `order: PostOffice`), switched to the other
/// order as the window's panel does, with and without a letter the class added:
/// the lesson is told with that order (numbers exactly when the post office
/// numbers), its saved text says that order (`order: PostOffice` written, or the
/// field taken out), reads back as a scene with it, and replays the same story;
/// switched back, the saved text is the scene's own lesson again.
#[test]
fn a_lesson_switched_to_the_other_order_saves_it_and_replays() {
    use postoffice::scenario::locate::Locator;
    use postoffice::sim::{Order, What};
    let mut scenes: Vec<(String, Arc<Scenario>)> = Vec::new();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes")).unwrap() {
        let path = e.unwrap().path();
        let scene = Arc::new(scenario::load(&path).unwrap());
        if scene.world.phones() <= 40 {
            scenes.push((path.display().to_string(), scene));
        }
    }
    let numbered = scene_text(3, 4, 0.0, None, &base_script(3)).replace(
        "    seed:",
        "    // Numbered:\n    order: PostOffice,\n    seed:",
    );
    scenes.push(("numbered".into(), parse(FILE, &numbered)));
    scenes.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, scene) in scenes {
        let written = scene.settings.order;
        let other = match written {
            Order::EachPhone => Order::PostOffice,
            Order::PostOffice => Order::EachPhone,
        };
        if scene.world.has_devices() {
            // Issue 27: her devices must agree, so the post office numbers.
            let lesson = Lesson::new(scene.clone());
            assert_eq!(
                lesson.with_order(Order::EachPhone).err(),
                Some(postoffice::lesson::Refused::OrderWithDevices),
                "{name}"
            );
            continue;
        }
        for with_letter in [false, true] {
            let what = format!("{name}, switched to {other:?}, a letter added: {with_letter}");
            let mut lesson = Lesson::new(scene.clone());
            lesson.extend(8);
            if with_letter {
                let shown = lesson.beats().len().min(3);
                let letter = Action::Send {
                    from: postoffice::sim::DeviceIdx(0),
                    to: Dest::User(UserIdx(1)),
                    text: postoffice::sim::Text::from("What if?"),
                    parcel: None,
                };
                lesson.inject(shown, letter).unwrap();
            }
            let mut switched = lesson.with_order(other).unwrap();
            assert_eq!(switched.scene().settings.order, other, "{what}");
            assert_eq!(
                switched.live(),
                lesson.live(),
                "{what}: the class's actions"
            );
            switched.finish();
            // Letters the post office accepted (step 5), each numbered with its order.
            let accepted = switched
                .trace()
                .iter()
                .any(|e| matches!(e.what, What::Verify { .. }));
            let numbers = switched
                .trace()
                .iter()
                .any(|e| matches!(e.what, What::Numbered { .. }));
            assert_eq!(numbers, accepted && other == Order::PostOffice, "{what}");
            let saved = switched.text();
            let back = parse(FILE, &saved);
            assert_eq!(back.settings.order, other, "{what}:\n{saved}");
            assert_eq!(
                Locator::new(&saved).exists("order"),
                other == Order::PostOffice,
                "{what}: the field written only for the post office's order:\n{saved}"
            );
            assert!(back.expect.is_empty(), "{what}: expectations off:\n{saved}");
            assert_eq!(replay(FILE, &saved), switched.trace(), "{what}:\n{saved}");
            // Switched back: the scene's own lesson.
            let again = switched.with_order(written).unwrap();
            assert_eq!(again.text(), lesson.text(), "{what}: switched back");
        }
    }
}
