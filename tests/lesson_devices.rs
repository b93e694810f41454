//! Several devices a person in a live lesson, without a window (issue 27): the
//! class writes from Han Meimei's computer (a live `Send` whose `from:` is a
//! device), logs a device in, moves her chats from her old phone to her new one
//! (`MoveChats`); the panel's switch "The post office keeps history"
//! (`keeps_history:`) tells the story again and decides whether a new phone gets
//! the archive; a saved lesson writes all of it plainly and replays the same
//! trace, byte for byte; Ctrl+Z takes back the switch and the actions; bad
//! device actions are refused with the devices named, in both languages.

use std::sync::Arc;

use postoffice::lesson::devices::MoveRefused;
use postoffice::lesson::{Lesson, Refused, TakenBack, autosave};
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Action, Dest, DeviceIdx, Event, Lang, MsgId, Text, UserIdx, What};

mod common;
use common::scene::replay;

const LILEI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);

fn scene_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(format!("{name}.ron"))
}

fn scene(name: &str) -> Arc<Scenario> {
    Arc::new(scenario::load(scene_file(name)).unwrap())
}

fn device(scene: &Scenario, id: &str) -> DeviceIdx {
    scene
        .world
        .find_device(id)
        .unwrap_or_else(|| panic!("no device {id}"))
}

fn send(from: DeviceIdx, to: UserIdx, text: &str) -> Action {
    Action::Send {
        from,
        to: Dest::User(to),
        text: Text::same(text),
        parcel: None,
    }
}

fn finished(mut lesson: Lesson) -> Lesson {
    lesson.finish();
    lesson
}

/// The saved lesson's text read back and run: its trace is the lesson's, event for
/// event, and as JSON Lines byte for byte.
fn replays(lesson: &Lesson) -> String {
    let text = lesson.text();
    let back = replay("devices-lesson.ron", &text);
    assert_eq!(back, lesson.trace(), "{text}");
    let scene = lesson.scene();
    let json = |events: &[Event]| {
        postoffice::report::json_lines(
            events,
            &scene.world,
            &scene.settings,
            postoffice::words::Register::Both,
        )
    };
    assert_eq!(json(&back), json(lesson.trace()));
    text
}

fn letter(lesson: &Lesson, words: &str) -> MsgId {
    lesson
        .trace()
        .iter()
        .filter_map(|e| e.msg.as_ref())
        .find(|m| &*m.text().expect("words").en == words)
        .map(|m| m.id)
        .unwrap_or_else(|| panic!("no letter {words:?}"))
}

/// The letters on a device's screen at the end, top to bottom.
fn screen(lesson: &Lesson, d: DeviceIdx) -> Vec<MsgId> {
    let view = lesson.view_after(lesson.beats().len());
    view.phone(d)
        .unwrap_or_else(|| panic!("no device {d:?}"))
        .chat
        .iter()
        .map(|b| b.id)
        .collect()
}

/// A scene where Han Meimei's new phone never logs in by itself, and nothing
/// moves her chats: the class does both.
const NEW_PHONE_IDLE: &str = r#"(
    title: "A new phone, waiting",
    seed: 7,
    users: [
        (id: "lilei", name: (en: "Li Lei", zh: "李雷")),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅"), devices: [(id: "hanmeimei.new", kind: Phone)]),
    ],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Happy birthday!")),
        (at_ms: 3000, do: Send(from: "hanmeimei", to: "lilei", text: "Thank you!")),
        (at_ms: 8000, do: Send(from: "lilei", to: "hanmeimei", text: "See you")),
    ],
)"#;

fn idle() -> Arc<Scenario> {
    common::scene::parse("new-phone-idle.ron", NEW_PHONE_IDLE)
}

/// The class writes from Han Meimei's computer: Li Lei gets the letter from her,
/// her phone shows it on her side too (the post office's copy); the saved lesson
/// names the computer in `from:` and replays the same trace.
#[test]
fn a_letter_from_the_computer_is_hers_everywhere_and_replays() {
    let sc = scene("two_devices");
    let pc = device(&sc, "hanmeimei.pc");
    let mut lesson = Lesson::new(sc.clone());
    lesson.extend(6);
    let at = lesson
        .inject(5, send(pc, LILEI, "Written at my desk"))
        .unwrap();
    let lesson = finished(lesson);
    let id = letter(&lesson, "Written at my desk");
    let view = lesson.view_after(lesson.beats().len());
    assert_eq!(
        view.letters.get(&id).map(|l| l.from()),
        Some(HAN),
        "the letter is hers"
    );
    assert!(screen(&lesson, pc).contains(&id), "on the computer");
    assert!(screen(&lesson, DeviceIdx::main(LILEI)).contains(&id));
    assert!(
        screen(&lesson, DeviceIdx::main(HAN)).contains(&id),
        "her phone has the post office's copy"
    );
    assert!(
        lesson
            .trace()
            .iter()
            .any(|e| matches!(e.what, What::OwnCopy { to } if to == DeviceIdx::main(HAN))),
        "copied to her phone"
    );
    let text = replays(&lesson);
    assert!(
        text.contains(&format!(
            "(at_ms: {at}, do: Send(from: \"hanmeimei.pc\", to: \"lilei\", text: \"Written at my desk\", id: \"class-1\")),"
        )),
        "{text}"
    );
    // The scene's devices are kept as written.
    assert!(
        text.contains("devices: [(id: \"hanmeimei.pc\", kind: Computer)]),"),
        "{text}"
    );
}

/// A scene with devices saved unchanged is its own text, `devices:` and all.
#[test]
fn a_scene_with_devices_saved_unchanged_is_its_own_text() {
    for name in ["two_devices", "new_phone", "new_phone_history"] {
        let source = std::fs::read_to_string(scene_file(name)).unwrap();
        let lesson = finished(Lesson::new(scene(name)));
        assert_eq!(lesson.text(), source, "{name}");
    }
}

/// The switch decides what Han Meimei's new phone starts with: off (new_phone's
/// own), its home mailbox starts empty; on, the post office sends it the archive
/// at its first login, and the birthday letter is on its screen before she moves
/// anything. Written at the saved lesson's top, read back to the same trace;
/// switched off again, it is the scene's own text.
#[test]
fn the_history_switch_decides_what_the_new_phone_gets() {
    let sc = scene("new_phone");
    let new = device(&sc, "hanmeimei.new");
    let plain = finished(Lesson::new(sc.clone()));
    assert!(plain.has_devices());
    assert!(!plain.scene().settings.keeps_history);
    let empty = |l: &Lesson| {
        l.trace()
            .iter()
            .any(|e| matches!(e.what, What::NewDeviceEmpty { device } if device == new))
    };
    let sent = |l: &Lesson| {
        l.trace().iter().find_map(|e| match e.what {
            What::HistorySent { to, count } if to == new => Some(count),
            _ => None,
        })
    };
    assert!(empty(&plain));
    assert_eq!(sent(&plain), None);
    let on = finished(plain.with_keeps_history(true).unwrap());
    assert!(on.scene().settings.keeps_history);
    assert!(!empty(&on), "not empty with history");
    assert_eq!(sent(&on), Some(2), "both earlier letters, from the archive");
    // Before the move (at 14 s), the new phone already shows the birthday letter.
    let birthday = letter(&on, "Happy birthday!");
    let before_move = |l: &Lesson| {
        let shown = l
            .beats()
            .iter()
            .position(|b| b.at_ms >= 14_000)
            .expect("the move comes");
        l.view_after(shown)
    };
    let view = before_move(&on);
    assert!(
        view.phone(new)
            .unwrap()
            .chat
            .iter()
            .any(|b| b.id == birthday),
        "the archive brought it"
    );
    let view = before_move(&plain);
    assert!(
        !view
            .phone(new)
            .unwrap()
            .chat
            .iter()
            .any(|b| b.id == birthday),
        "without history it waits for the move"
    );
    let text = replays(&on);
    assert!(text.contains("\n    keeps_history: true,"), "{text}");
    assert!(text.contains("// The scene's expectations, switched off"));
    // Switched back: the scene's own text again.
    let back = finished(on.with_keeps_history(false).unwrap());
    assert_eq!(back.trace(), plain.trace());
    assert_eq!(
        back.text(),
        std::fs::read_to_string(scene_file("new_phone")).unwrap()
    );
    // A scene that keeps history, switched off: its field is taken out.
    let hist = scene("new_phone_history");
    assert!(hist.settings.keeps_history);
    let off = finished(Lesson::new(hist).with_keeps_history(false).unwrap());
    let text = replays(&off);
    assert!(!text.contains("keeps_history: true"), "{text}");
    assert!(!off.scene().settings.keeps_history);
}

/// The class logs Han Meimei's new phone in (offered only while it is logged out),
/// then moves her chats from her old phone: the new phone holds the two earlier
/// letters, none twice; the saved lesson writes `Login("hanmeimei.new")` and
/// `MoveChats(from: "hanmeimei", to: "hanmeimei.new")` and replays.
#[test]
fn a_live_login_and_move_of_chats_replay() {
    let sc = idle();
    let new = device(&sc, "hanmeimei.new");
    let mut lesson = Lesson::new(sc.clone());
    lesson.extend(40);
    let shown = lesson
        .beats()
        .iter()
        .position(|b| b.at_ms > 4000)
        .expect("a beat after the reply's story");
    assert_eq!(lesson.devices_to_log_in(shown, HAN), vec![new]);
    assert_eq!(lesson.devices_to_log_in(shown, LILEI), vec![]);
    assert_eq!(
        lesson.moves_offered(HAN),
        vec![Action::MoveChats {
            from: DeviceIdx::main(HAN),
            to: new
        }]
    );
    assert!(lesson.moves_offered(LILEI).is_empty());
    let login_at = lesson.inject(shown, Action::Login(new)).unwrap();
    lesson.extend(shown + 4);
    assert!(
        lesson.devices_to_log_in(shown + 1, HAN).is_empty(),
        "logged in now"
    );
    let moved_at = lesson
        .inject(
            shown + 1,
            Action::MoveChats {
                from: DeviceIdx::main(HAN),
                to: new,
            },
        )
        .unwrap();
    assert!(moved_at > login_at);
    let lesson = finished(lesson);
    let moved = lesson
        .trace()
        .iter()
        .find_map(|e| match e.what {
            What::ChatsMoved { from, count, .. } => Some((from, count)),
            _ => None,
        })
        .expect("moved");
    assert_eq!(moved, (DeviceIdx::main(HAN), 2), "the two earlier letters");
    let on_new = screen(&lesson, new);
    for words in ["Happy birthday!", "Thank you!", "See you"] {
        let id = letter(&lesson, words);
        assert_eq!(
            on_new.iter().filter(|&&m| m == id).count(),
            1,
            "{words} once"
        );
    }
    let text = replays(&lesson);
    assert!(
        text.contains(&format!(
            "(at_ms: {login_at}, do: Login(\"hanmeimei.new\")),"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "(at_ms: {moved_at}, do: MoveChats(from: \"hanmeimei\", to: \"hanmeimei.new\")),"
        )),
        "{text}"
    );
}

/// Ctrl+Z takes the class's changes back, the last first: the switch, then the
/// move, then the login; then nothing. The story is the scene's own again.
#[test]
fn ctrl_z_takes_back_the_switch_the_move_and_the_login() {
    let sc = idle();
    let new = device(&sc, "hanmeimei.new");
    let plain = finished(Lesson::new(sc.clone()));
    let mut lesson = Lesson::new(sc);
    lesson.extend(8);
    lesson.inject(4, Action::Login(new)).unwrap();
    lesson.extend(6);
    let mv = Action::MoveChats {
        from: DeviceIdx::main(HAN),
        to: new,
    };
    lesson.inject(5, mv.clone()).unwrap();
    let mut lesson = lesson.with_keeps_history(true).unwrap();
    lesson.finish();
    match lesson.take_back(5) {
        Some(TakenBack::Switch { was, now }) => {
            assert!(was.keeps_history);
            assert!(!now.keeps_history);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lesson.live().len(), 2, "the actions stay");
    match lesson.take_back(5) {
        Some(TakenBack::Action((_, a))) => assert_eq!(a, mv),
        other => panic!("{other:?}"),
    }
    match lesson.take_back(5) {
        Some(TakenBack::Action((_, a))) => assert_eq!(a, Action::Login(new)),
        other => panic!("{other:?}"),
    }
    assert_eq!(lesson.take_back(5), None, "nothing left");
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    assert_eq!(lesson.text(), plain.text());
}

/// Bad device actions are refused, never a panic, and nothing is added: chats
/// moved onto the same device or to someone else's, a device the scene does not
/// have (in a letter, a login, a move, a restored lesson). The words name the
/// devices, in both languages.
#[test]
fn bad_device_actions_are_refused_with_the_devices_named() {
    let sc = idle();
    let new = device(&sc, "hanmeimei.new");
    let (li, han) = (DeviceIdx::main(LILEI), DeviceIdx::main(HAN));
    let mut lesson = Lesson::new(sc.clone());
    lesson.extend(6);
    let same = Action::MoveChats { from: new, to: new };
    let other = Action::MoveChats { from: li, to: new };
    assert_eq!(
        lesson.inject(3, same.clone()),
        Err(Refused::MoveChats(MoveRefused::SameDevice(new)))
    );
    assert_eq!(
        lesson.inject(3, other.clone()),
        Err(Refused::MoveChats(MoveRefused::OtherPerson {
            from: li,
            to: new
        }))
    );
    let ghost = DeviceIdx(99);
    for bad in [
        send(ghost, LILEI, "hi"),
        Action::Login(ghost),
        Action::MoveChats {
            from: han,
            to: ghost,
        },
    ] {
        assert_eq!(
            lesson.inject(3, bad.clone()),
            Err(Refused::NoSuchDevice(ghost)),
            "{bad:?}"
        );
        assert_eq!(
            lesson.set_live(vec![(1001, bad)]),
            Err(Refused::NoSuchDevice(ghost))
        );
    }
    assert_eq!(
        lesson.set_live(vec![(1001, other.clone())]),
        Err(Refused::MoveChats(MoveRefused::OtherPerson {
            from: li,
            to: new
        }))
    );
    // Her new phone writing to her: to herself, whichever device.
    assert_eq!(lesson.inject(3, send(new, HAN, "me")), Err(Refused::ToSelf));
    assert!(lesson.live().is_empty(), "nothing added");
    // The order switch is refused with devices, as the format refuses it.
    assert_eq!(
        lesson.with_order(postoffice::sim::Order::EachPhone).err(),
        Some(Refused::OrderWithDevices)
    );
    let world = &sc.world;
    let words = |why: &Refused, l| postoffice::words::act::refused_in(why, world, l);
    let why = Refused::MoveChats(MoveRefused::OtherPerson { from: li, to: new });
    let (en, zh) = (words(&why, Lang::En), words(&why, Lang::Zh));
    assert_eq!(
        en,
        "Not added: chats move only between one person's own devices: Li Lei's phone is Li Lei's, Han Meimei's new phone is Han Meimei's."
    );
    assert!(
        zh.starts_with("没有加入：") && zh.contains("韩梅梅的新手机"),
        "{zh}"
    );
    let why = Refused::MoveChats(MoveRefused::SameDevice(new));
    assert!(words(&why, Lang::En).contains("Han Meimei's new phone cannot move them onto itself"));
    assert!(words(&why, Lang::Zh).contains("韩梅梅的新手机不能搬到它自己身上"));
    for why in [Refused::NoSuchDevice(ghost), Refused::ToSelf] {
        assert_eq!(
            words(&why, Lang::En),
            postoffice::words::act::refused(&why, Lang::En)
        );
        assert!(words(&why, Lang::Zh).starts_with("没有加入："));
    }
    assert!(words(&Refused::NoSuchDevice(ghost), Lang::En).contains("no device number 100"));
}

/// The autosave keeps the switch without any action, and reads it back: the
/// lesson restored with it tells the same story; switched back, nothing is kept.
#[test]
fn the_autosave_keeps_the_history_switch() {
    let dir = common::scratch("lesson-devices-autosave");
    let kept = dir.join("kept");
    let path = dir.join("new_phone.ron");
    std::fs::copy(scene_file("new_phone"), &path).unwrap();
    let scene = Arc::new(scenario::load(&path).unwrap());
    let switched = Lesson::new(scene.clone()).with_keeps_history(true).unwrap();
    autosave::save(Some(&kept), &path, switched.scene(), switched.live()).unwrap();
    let back = autosave::load_kept(Some(&kept), &path, &scene)
        .unwrap()
        .expect("kept");
    assert!(back.live.is_empty());
    let settings = back.settings.expect("the switch");
    assert!(settings.keeps_history);
    let mut restored = Lesson::new(scene.clone())
        .with_settings(|s| *s = *settings)
        .unwrap();
    restored.finish();
    let switched = finished(switched);
    assert_eq!(restored.trace(), switched.trace());
    let plain = switched.with_keeps_history(false).unwrap();
    autosave::save(Some(&kept), &path, plain.scene(), plain.live()).unwrap();
    assert_eq!(
        autosave::load_kept(Some(&kept), &path, &scene).unwrap(),
        None
    );
}
