//! The panel's presence switch, without a window (issue 22): a class switches how
//! friends see each other's dots mid-story with a live `SetPresence` action. The
//! lesson tells the story on with it; a saved lesson writes it at its time and
//! replays the same trace; Ctrl+Z takes it back; an autosave brings it back.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use postoffice::lesson::{Lesson, autosave, presence};
use postoffice::scenario;
use postoffice::sim::{Action, Event, FrameKind, Presence, What};

mod common;
use common::scene::{parse, replay};

/// The name the scenes of this file go by in their errors.
const FILE: &str = "presence-lesson.ron";

/// Li Lei, Han Meimei and Lucy, friends in turn; all log in, Han Meimei logs out
/// and in again, Li Lei writes to Han Meimei: presence `setting` (a line, or none).
fn text(setting: &str, script: &str) -> String {
    format!(
        r#"(
    title: "Who is online",
    {setting}
    seed: 3,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy"), ("hanmeimei", "lucy")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 2000, do: Login("hanmeimei")),
        (at_ms: 4000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 30000, do: Logout("hanmeimei")),
        (at_ms: 42000, do: Login("hanmeimei")),{script}
    ],
    expect: [MarkedOffline("hanmeimei")],
    until_ms: 60000,
)"#
    )
}

/// When presence frames were put on a wire.
fn presence_frames(trace: &[Event]) -> Vec<u64> {
    trace
        .iter()
        .filter(|e| {
            matches!(
                e.what,
                What::FrameOut {
                    frame: FrameKind::Presence | FrameKind::PresenceAsk,
                    ..
                }
            )
        })
        .map(|e| e.at)
        .collect()
}

const PULL: Presence = Presence::Pull { every_ms: 10_000 };

/// Every switch (to each of Off, Push and Pull every 10 s) after several beats of
/// scenes with each setting: the lesson says the new presence from there on,
/// saves `SetPresence(…)` at the action's time, and its saved text replays the
/// lesson's trace byte for byte. A switch to presence changes the frames after its
/// time only; a switch away from it stops the questions and pushes.
#[test]
fn a_switch_is_saved_at_its_time_and_replays() {
    let settings = [
        ("", Presence::Off),
        ("presence: Push,", Presence::Push),
        ("presence: Pull(every_ms: 10000),", PULL),
    ];
    let mut switched = 0;
    for (setting, was) in settings {
        let scene = parse(FILE, &text(setting, ""));
        let mut plain = Lesson::new(scene.clone());
        plain.finish();
        for to in [Presence::Off, Presence::Push, PULL] {
            if to == was {
                continue;
            }
            for shown in [1, 3, 6] {
                let mut lesson = Lesson::new(scene.clone());
                lesson.extend(shown + 1);
                assert_eq!(lesson.presence_after(shown), was, "{setting} at {shown}");
                let at = lesson.inject(shown, Action::SetPresence(to)).unwrap();
                assert_eq!(at, lesson.time_of(shown) + 1);
                assert_eq!(lesson.presence_after(shown), to, "{setting} → {to:?}");
                lesson.finish();
                let saved = lesson.text();
                let written = match to {
                    Presence::Off => "SetPresence(Off)".to_string(),
                    Presence::Push => "SetPresence(Push)".to_string(),
                    Presence::Pull { .. } => "SetPresence(Pull(every_ms: 10000))".to_string(),
                };
                let line = format!("(at_ms: {at}, do: {written})");
                assert!(
                    saved.contains(&line),
                    "{setting} → {to:?}: {line} not in\n{saved}"
                );
                assert_eq!(
                    replay(FILE, &saved),
                    lesson.trace(),
                    "{setting} → {to:?}:\n{saved}"
                );
                // The story before the switch is the plain one; after it, the
                // frames follow the new setting.
                let before = |t: &[Event]| -> Vec<u64> {
                    presence_frames(t).into_iter().filter(|&x| x < at).collect()
                };
                assert_eq!(before(lesson.trace()), before(plain.trace()));
                let after = presence_frames(lesson.trace())
                    .into_iter()
                    .filter(|&x| x > at)
                    .count();
                match to {
                    // Han Meimei's logout and login are told, or asked about.
                    Presence::Push | Presence::Pull { .. } => {
                        assert!(after > 0, "{setting} → {to:?} at {at}: no frames after")
                    }
                    Presence::Off => {
                        assert_eq!(after, 0, "{setting} → Off at {at}: frames after")
                    }
                }
                switched += 1;
            }
        }
    }
    assert_eq!(switched, 18);
}

/// Ctrl+Z takes the switch back: the story is told as before it, and the saved
/// lesson has no `SetPresence`.
#[test]
fn undo_takes_the_switch_back() {
    let scene = parse(FILE, &text("", ""));
    let mut plain = Lesson::new(scene.clone());
    plain.finish();
    let mut lesson = Lesson::new(scene.clone());
    lesson.extend(5);
    lesson.inject(4, Action::SetPresence(PULL)).unwrap();
    lesson.extend(40);
    assert!(!presence_frames(lesson.trace()).is_empty());
    let (_, undone) = lesson.undo(4).expect("the switch is taken back");
    assert_eq!(undone, Action::SetPresence(PULL));
    assert!(lesson.live().is_empty());
    assert_eq!(lesson.presence_after(4), Presence::Off);
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    assert!(!lesson.text().contains("SetPresence"));
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lesson-presence")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The autosave of a lesson with a switch gives the switch back, and the lesson
/// told again from it is the same; a switch back to the scene's own setting is
/// kept as an action too (its time matters).
#[test]
fn an_autosave_brings_the_switch_back() {
    let dir = scratch("autosave");
    let path = dir.join("online.ron");
    std::fs::write(&path, text("presence: Push,", "")).unwrap();
    let scene = Arc::new(scenario::load(&path).unwrap());
    let mut lesson = Lesson::new(scene.clone());
    lesson.extend(8);
    lesson.inject(2, Action::SetPresence(PULL)).unwrap();
    lesson.extend(8);
    lesson
        .inject(6, Action::SetPresence(Presence::Push))
        .unwrap();
    lesson.finish();
    let kept = dir.join("kept");
    autosave::save(Some(&kept), &path, &scene, lesson.live()).unwrap();
    let live = autosave::load(Some(&kept), &path, &scene)
        .unwrap()
        .expect("an autosave");
    assert_eq!(live, lesson.live());
    let mut restored = Lesson::new(scene.clone());
    restored.set_live(live).unwrap();
    restored.finish();
    assert_eq!(restored.trace(), lesson.trace());
    // Saved beside the scene, it reads back and replays.
    let saved = lesson.save_beside(&path).unwrap();
    let back = std::fs::read_to_string(&saved).unwrap();
    assert_eq!(replay(FILE, &back), lesson.trace());
}

/// What the panel shows: the setting, then the scene's own switches and the
/// class's, the latest up to the time (the class's after the scene's within a
/// millisecond).
#[test]
fn the_presence_in_effect_follows_the_script_and_the_class() {
    let scene = parse(
        FILE,
        &text(
            "presence: Push,",
            "\n        (at_ms: 20000, do: SetPresence(Off)),",
        ),
    );
    assert_eq!(presence::at(&scene, &[], 0), Presence::Push);
    assert_eq!(presence::at(&scene, &[], 19_999), Presence::Push);
    assert_eq!(presence::at(&scene, &[], 20_000), Presence::Off);
    let live = vec![(5_000, Action::SetPresence(PULL))];
    assert_eq!(presence::at(&scene, &live, 4_999), Presence::Push);
    assert_eq!(presence::at(&scene, &live, 5_000), PULL);
    assert_eq!(presence::at(&scene, &live, 20_000), Presence::Off);
    let same_ms = vec![(20_000, Action::SetPresence(PULL))];
    assert_eq!(presence::at(&scene, &same_ms, 20_000), PULL);
    let later = vec![(25_000, Action::SetPresence(Presence::Push))];
    assert_eq!(presence::at(&scene, &later, 24_999), Presence::Off);
    assert_eq!(presence::at(&scene, &later, 25_000), Presence::Push);
}
