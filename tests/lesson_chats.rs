//! The window's issue 25 choices, without a window: a class recalls a letter
//! from its writer's bubble (a live `Recall`), opens and closes chats from a
//! phone's menu (`OpenChat`/`CloseChat`), and switches the scene settings
//! `read_receipts:` and `recall:` from the panel. Each is saved with the lesson
//! (the actions at their time, the settings at the top) and replays the same
//! trace byte for byte; the lesson offers and takes only chat actions that keep
//! the saved script to the format's rules; Ctrl+Z or a switch back takes each
//! back.

use postoffice::lesson::apps::Blocked;
use postoffice::lesson::save::lesson_text;
use postoffice::lesson::{Lesson, Refused};
use postoffice::scenario;
use postoffice::sim::{Action, Dest, GroupIdx, ReadReceipts, Status, UserIdx, What};

mod common;
use common::scene::{parse, replay};

const FILE: &str = "chats-lesson.ron";
const LILEI: UserIdx = UserIdx(0);
const MEIMEI: UserIdx = UserIdx(1);
const LUCY: UserIdx = UserIdx(2);
const CLASS1: Dest = Dest::Group(GroupIdx(0));

/// Li Lei writes to Han Meimei and to Class 1 (Li Lei and Han Meimei; Lucy
/// joins at 6 s, Han Meimei leaves at 10 s); Han Meimei opens Li Lei's chat at
/// 3 s and goes back to her chat list at 14 s. `top` (settings) added.
fn text(top: &str) -> String {
    format!(
        r#"(
    title: "Chats",
    {top}
    seed: 7,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    groups: [(id: "class1", name: "Class 1", members: ["lilei", "hanmeimei"])],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 4000, do: SendGroup(from: "lilei", group: "class1", text: "Two")),
        (at_ms: 6000, do: Join(user: "lucy", group: "class1")),
        (at_ms: 8000, do: Send(from: "lilei", to: "lucy", text: "Three")),
        (at_ms: 10000, do: Leave(user: "hanmeimei", group: "class1")),
        (at_ms: 12000, do: Send(from: "lilei", to: "hanmeimei", text: "Four")),
        (at_ms: 14000, do: CloseChat(user: "hanmeimei")),
    ],
)"#
    )
}

/// Whether `written` (a saved lesson) reads back.
fn reads_back(written: &str) -> Result<(), String> {
    scenario::parse(FILE, written.as_bytes())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Every chat action of every phone after every other beat, after a class that
/// already opened Lucy's chat with Li Lei and went back (or did nothing): the
/// lesson takes exactly the actions whose saved script the format accepts, says
/// why it refuses the others, and its menu's choices (`chat_choices` kept by
/// `may`) are all taken.
#[test]
fn only_chat_actions_that_keep_the_script_to_the_rules_are_taken() {
    let scene = parse(FILE, &text("read_receipts: Mutual(),"));
    let mut plain = Lesson::new(scene.clone());
    plain.finish();
    let beats = plain.beats().len();
    let (mut taken, mut refused) = (0, 0);
    let (mut not_member, mut chat_list, mut later) = (0, 0, 0);
    let before = [
        (
            1,
            Action::OpenChat(postoffice::sim::DeviceIdx::main(LUCY), Dest::User(LILEI)),
        ),
        (3, Action::CloseChat(postoffice::sim::DeviceIdx::main(LUCY))),
    ];
    for before in [&[][..], &before[..]] {
        for shown in (1..beats).step_by(2) {
            for u in [LILEI, MEIMEI, LUCY] {
                let other = if u == LILEI { MEIMEI } else { LILEI };
                let actions = [
                    Action::OpenChat(postoffice::sim::DeviceIdx::main(u), Dest::User(other)),
                    Action::OpenChat(postoffice::sim::DeviceIdx::main(u), CLASS1),
                    Action::CloseChat(postoffice::sim::DeviceIdx::main(u)),
                ];
                for action in actions {
                    let mut lesson = Lesson::new(scene.clone());
                    for (k, b) in before {
                        lesson.extend(k + 1);
                        lesson.inject(*k, b.clone()).unwrap();
                    }
                    lesson.extend(shown + 1);
                    let offered: Vec<Action> = lesson
                        .chat_choices(shown, postoffice::sim::DeviceIdx::main(u), Some(other))
                        .into_iter()
                        .filter(|a| lesson.may(shown, a).is_ok())
                        .collect();
                    let at = lesson.time_of(shown) + 1;
                    let mut with: Vec<_> = lesson.live().to_vec();
                    with.retain(|(t, _)| *t <= at);
                    with.push((at, action.clone()));
                    let accepted = reads_back(&lesson_text(&scene, &with));
                    let may = lesson.may(shown, &action);
                    match lesson.inject(shown, action.clone()) {
                        Ok(_) => {
                            assert_eq!(may, Ok(()));
                            assert!(accepted.is_ok(), "{action:?} at {at}: {accepted:?}");
                            lesson.finish();
                            assert_eq!(replay(FILE, &lesson.text()), lesson.trace());
                            taken += 1;
                        }
                        Err(Refused::App(b)) => {
                            assert_eq!(may, Err(b));
                            assert!(accepted.is_err(), "{action:?} at {at} refused ({b:?})");
                            assert!(!offered.contains(&action), "{action:?} offered");
                            match b {
                                Blocked::NotMember(who, _) => {
                                    assert_eq!(who, postoffice::sim::DeviceIdx::main(u));
                                    not_member += 1
                                }
                                Blocked::ChatList(who) => {
                                    assert_eq!(who, postoffice::sim::DeviceIdx::main(u));
                                    chat_list += 1
                                }
                                Blocked::ChatLater(who, t) => {
                                    assert!(who == postoffice::sim::DeviceIdx::main(u) && t > at);
                                    later += 1
                                }
                                other => panic!("{other:?}"),
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
        taken > 20 && refused > 10 && not_member > 0 && chat_list > 0 && later > 0,
        "{taken} {refused} {not_member} {chat_list} {later}"
    );
}

/// The menu offers chats only where the open chat matters (read receipts on, or
/// a script that opens chats), never the chat already open, and "Back to the
/// chat list" only while a chat is open.
#[test]
fn chats_are_offered_where_the_open_chat_matters() {
    let plain = "title: \"x\", seed: 1, users: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")], friends: [(\"a\", \"b\")], script: [(at_ms: 0, do: Login(\"a\")), (at_ms: 0, do: Login(\"b\")), (at_ms: 1000, do: Send(from: \"a\", to: \"b\", text: \"Hi\"))]";
    let mut quiet = Lesson::new(parse(FILE, &format!("({plain})")));
    quiet.finish();
    assert!(!quiet.chats_matter());
    assert!(
        quiet
            .chat_choices(1, postoffice::sim::DeviceIdx(0), Some(UserIdx(1)))
            .is_empty()
    );
    let on = quiet
        .with_settings(|s| s.read_receipts = ReadReceipts::On)
        .unwrap();
    assert!(on.chats_matter());
    assert_eq!(
        on.chat_choices(1, postoffice::sim::DeviceIdx(0), Some(UserIdx(1))),
        vec![Action::OpenChat(
            postoffice::sim::DeviceIdx(0),
            Dest::User(UserIdx(1))
        )]
    );
    let mut lesson = Lesson::new(parse(FILE, &text("")));
    lesson.finish();
    assert!(lesson.chats_matter(), "the script opens a chat");
    for shown in 0..lesson.beats().len() {
        let open = lesson.chat_after(shown, postoffice::sim::DeviceIdx::main(MEIMEI));
        let choices =
            lesson.chat_choices(shown, postoffice::sim::DeviceIdx::main(MEIMEI), Some(LILEI));
        assert_eq!(
            choices.contains(&Action::CloseChat(postoffice::sim::DeviceIdx::main(MEIMEI))),
            open.is_some(),
            "{shown}"
        );
        if let Some(chat) = open {
            assert!(!choices.contains(&Action::OpenChat(
                postoffice::sim::DeviceIdx::main(MEIMEI),
                chat
            )));
        }
        let t = lesson.time_of(shown);
        assert_eq!(open.is_some(), (3000..14000).contains(&t), "{shown} at {t}");
    }
}

/// Ctrl+Z takes a class's chat opening back: the story is the plain one again.
#[test]
fn undo_takes_a_chat_opening_back() {
    let scene = parse(FILE, &text("read_receipts: On,"));
    let mut plain = Lesson::new(scene.clone());
    plain.finish();
    let mut lesson = Lesson::new(scene);
    lesson.extend(3);
    lesson
        .inject(
            2,
            Action::OpenChat(postoffice::sim::DeviceIdx::main(LUCY), Dest::User(LILEI)),
        )
        .unwrap();
    lesson.finish();
    assert_ne!(lesson.trace(), plain.trace());
    let saved = lesson.text();
    assert!(
        saved.contains(r#"do: OpenChat(user: "lucy", with: "lilei"))"#),
        "{saved}"
    );
    assert_eq!(replay(FILE, &saved), lesson.trace());
    let (_, undone) = lesson.undo(2).unwrap();
    assert_eq!(
        undone,
        Action::OpenChat(postoffice::sim::DeviceIdx::main(LUCY), Dest::User(LILEI))
    );
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    assert!(!lesson.text().contains("lucy\", with"));
}

/// The writer's bubbles the menu offers to recall after `shown` beats.
fn recallable(lesson: &Lesson, shown: usize) -> Vec<postoffice::sim::MsgId> {
    let view = lesson.view_after(shown);
    let mut out = Vec::new();
    for u in 0..lesson.scene().world.phones() {
        let Some(p) = view.phone(postoffice::sim::DeviceIdx(u as u32)) else {
            continue;
        };
        for b in &p.chat {
            if lesson.recallable(shown, u, b.id) {
                assert_eq!(b.id.from.index(), u, "only on the writer's own phone");
                assert!(
                    matches!(b.status, Status::Posted | Status::Delivered { .. }),
                    "{:?}",
                    b.status
                );
                assert!(!view.shows_notice(postoffice::sim::DeviceIdx::main(b.id.from), b.id));
                out.push(b.id);
            }
        }
    }
    out
}

/// At each beat, each letter the menu offers to recall, recalled by the class:
/// the phone sends the recall (never ignored), the saved lesson names the letter
/// and replays the trace, the menu no longer offers it, and Ctrl+Z tells the
/// plain story again. In a scene of its own and in `scenes/recall.ron`.
#[test]
fn a_class_recall_is_sent_saved_replayed_and_undone() {
    let recall_scene = std::fs::read_to_string("scenes/recall.ron").unwrap();
    let mut recalled = 0;
    for (file, own) in [(FILE, text("")), ("recall.ron", recall_scene)] {
        let scene = parse(file, &own);
        let mut plain = Lesson::new(scene.clone());
        plain.finish();
        for shown in (1..plain.beats().len()).step_by(3) {
            for id in recallable(&plain, shown) {
                let mut lesson = Lesson::new(scene.clone());
                lesson.extend(shown + 1);
                let pick = lesson.own_letter(id).unwrap();
                let at = lesson.inject(shown, Action::Recall(pick.clone())).unwrap();
                assert!(!lesson.recallable(shown, id.from.index(), id));
                lesson.finish();
                // The class's recall goes at its time (a scene's own later
                // recall of the same letter is then ignored: that is the story).
                let now = |e: &&postoffice::sim::Event| {
                    e.at == at && e.msg.as_ref().is_some_and(|m| m.id == id)
                };
                let what: Vec<&What> = lesson.trace().iter().filter(now).map(|e| &e.what).collect();
                assert!(
                    what.iter().any(|w| matches!(w, What::Recall))
                        && !what.iter().any(|w| matches!(w, What::RecallIgnored { .. })),
                    "{file} {shown} at {at}: {:?} {what:?}",
                    pick.named
                );
                let saved = lesson.text();
                assert!(saved.contains("do: Recall(letter: "), "{saved}");
                assert_eq!(replay(file, &saved), lesson.trace(), "{file}:\n{saved}");
                lesson.undo(shown).unwrap();
                lesson.finish();
                assert_eq!(lesson.trace(), plain.trace());
                recalled += 1;
            }
        }
    }
    assert!(recalled > 5, "{recalled}");
}

/// The panel's read receipts switch, from each mode to each other, with and
/// without a chat the class opened: saved at the top with the scene's own list
/// of who turned them off, replayed the same; switched back, the lesson it was
/// (its text the scene's own when the class did nothing).
#[test]
fn the_read_receipts_switch_is_saved_and_switches_back() {
    let modes = [
        ReadReceipts::Off,
        ReadReceipts::On,
        ReadReceipts::Mutual,
        ReadReceipts::Reader,
    ];
    let mut switched = 0;
    for top in [
        "",
        "read_receipts: Mutual(off: [\"lucy\"]),",
        "read_receipts: Reader( off: [ \"hanmeimei\" ] ),",
    ] {
        let own = text(top);
        let scene = parse(FILE, &own);
        for class in [false, true] {
            let mut lesson = Lesson::new(scene.clone());
            if class {
                lesson.extend(3);
                lesson
                    .inject(
                        2,
                        Action::OpenChat(postoffice::sim::DeviceIdx::main(LUCY), Dest::User(LILEI)),
                    )
                    .unwrap();
            }
            lesson.finish();
            let was = lesson.text();
            assert!(!was.contains("switched off"), "{top}: nothing switched");
            for r in modes {
                let mut other = lesson.with_settings(|s| s.read_receipts = r).unwrap();
                other.finish();
                let saved = other.text();
                let back = parse(FILE, &saved);
                assert_eq!(back.settings.read_receipts, r, "{top}:\n{saved}");
                if r != ReadReceipts::Off && r != ReadReceipts::On {
                    assert_eq!(back.receipts_off, scene.receipts_off, "{top}:\n{saved}");
                }
                assert_eq!(replay(FILE, &saved), other.trace(), "{top} {r:?}:\n{saved}");
                if other.scene().settings == scene.settings && !class {
                    assert_eq!(saved, own);
                }
                let mut again = other.with_settings(|s| *s = scene.settings).unwrap();
                again.finish();
                assert_eq!(again.trace(), lesson.trace(), "{top} {r:?}");
                assert_eq!(again.text(), was, "{top} {r:?}");
                switched += 1;
            }
        }
    }
    assert_eq!(switched, 3 * 2 * 4);
}

/// The recall limit switch: saved at the top, replayed the same, switched back
/// the lesson it was; at 10 s Li Lei's recall 40 s after his letter is refused,
/// at an hour it is taken.
#[test]
fn the_recall_limit_switch_is_saved_and_decides() {
    let own = std::fs::read_to_string("scenes/recall.ron").unwrap();
    let scene = parse("recall.ron", &own);
    let mut lesson = Lesson::new(scene.clone());
    lesson.finish();
    assert_eq!(lesson.text(), own);
    let refused = |l: &Lesson| {
        l.trace()
            .iter()
            .filter(|e| matches!(e.what, What::RecallRefused { .. }))
            .count()
    };
    let mut counts = Vec::new();
    for ms in [10_000, 120_000, 3_600_000] {
        let mut other = lesson.with_settings(|s| s.recall_limit_ms = ms).unwrap();
        other.finish();
        let saved = other.text();
        assert_eq!(parse("recall.ron", &saved).settings.recall_limit_ms, ms);
        assert_eq!(
            replay("recall.ron", &saved),
            other.trace(),
            "{ms}:\n{saved}"
        );
        let mut again = other.with_settings(|s| *s = scene.settings).unwrap();
        again.finish();
        assert_eq!(again.text(), own);
        counts.push(refused(&other));
    }
    assert!(counts[0] > counts[1] && counts[1] > counts[2], "{counts:?}");
}
