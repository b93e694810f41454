//! The window's "Send again" on a ❗ bubble, without a window (issue 23): the class
//! taps ❗ live with a `Resend` that names the letter as a saved lesson does
//! (`Lesson::own_letter`), so that the saved lesson replays the same trace byte for
//! byte, and Ctrl+Z takes the tap back. Scene letters named by id, by words and by
//! number (`lilei#2`), and a letter the class wrote (`class-1`).

use postoffice::lesson::Lesson;
use postoffice::sim::{Action, Dest, MsgId, Status, Text, UserIdx};

mod common;
use common::scene::{parse, replay};

/// The name the scenes of this file go by in their errors.
const FILE: &str = "resend-lesson.ron";

/// Li Lei underground from 1 s to 20 s, writing `letters` (script entries) to Han
/// Meimei meanwhile: his phone gives them up (❗).
fn underground(letters: &str) -> String {
    format!(
        r#"(
    title: "Underground",
    seed: 3,
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: LinkDown("lilei")),{letters}
        (at_ms: 20000, do: LinkUp("lilei")),
    ],
    until_ms: 40000,
)"#
    )
}

/// The letters shown with ❗ on their writer's own phone after `shown` beats.
fn given_up(lesson: &Lesson, shown: usize) -> Vec<MsgId> {
    let view = lesson.view_after(shown);
    let mut out = Vec::new();
    for u in 0..lesson.scene().world.phones() {
        let Some(p) = view.phone(postoffice::sim::DeviceIdx(u as u32)) else {
            continue;
        };
        for b in &p.chat {
            if lesson.given_up(shown, u, b.id) {
                assert_eq!(b.status, Status::Lost);
                out.push(b.id);
            }
        }
    }
    out
}

/// Tells `scene` with the class's `sends` (beat, action), and at the first beat
/// from each of `taps` (ms) a tap on ❗ beside every letter given up then. Checks
/// that the saved lesson names the letters as `names` lists (in the order tapped),
/// that they end as `ends` says, that the saved lesson replays the lesson's trace,
/// and that undoing the taps tells the story without them.
fn tap_given_up(
    text: &str,
    sends: &[(usize, Action)],
    taps: &[u64],
    names: &[&str],
    ends: fn(Status) -> bool,
) {
    let scene = parse(FILE, text);
    let mut lesson = Lesson::new(scene.clone());
    for (shown, action) in sends {
        lesson.extend(shown + 1);
        lesson.inject(*shown, action.clone()).unwrap();
    }
    let mut before_taps = Lesson::new(scene.clone());
    before_taps.set_live(lesson.live().to_vec()).unwrap();
    before_taps.finish();
    let mut tapped: Vec<MsgId> = Vec::new();
    let mut shown = sends.last().map_or(1, |s| s.0 + 1);
    let mut taps = taps.iter().peekable();
    while let Some(&&from) = taps.peek() {
        lesson.extend(shown + 1);
        assert!(shown < lesson.beats().len(), "no beat from {from} ms");
        if lesson.time_of(shown) >= from {
            taps.next();
            for id in given_up(&lesson, shown) {
                let pick = lesson.own_letter(id).expect("a letter written");
                assert_eq!(pick.from, postoffice::sim::DeviceIdx::main(id.from));
                lesson.inject(shown, Action::Resend(pick)).unwrap();
                tapped.push(id);
            }
        }
        shown += 1;
    }
    lesson.finish();
    assert_eq!(tapped.len(), names.len(), "{tapped:?} for {names:?}");
    let end = lesson.beats().len();
    let view = lesson.view_after(end);
    for id in &tapped {
        let status = view
            .phone(postoffice::sim::DeviceIdx::main(id.from))
            .unwrap()
            .chat
            .iter()
            .find(|b| b.id == *id);
        assert!(
            status.is_some_and(|b| ends(b.status)),
            "{id:?} ends {status:?}"
        );
    }
    let saved = lesson.text();
    for name in names {
        assert!(
            saved.contains(&format!("do: Resend(letter: {name}))")),
            "{name} not in\n{saved}"
        );
    }
    assert_eq!(replay(FILE, &saved), lesson.trace(), "{saved}");
    // Ctrl+Z takes the taps back, last first: the story as it was before them.
    for _ in &tapped {
        let (_, undone) = lesson.undo(end).expect("a tap to take back");
        assert!(matches!(undone, Action::Resend(_)), "{undone:?}");
    }
    lesson.finish();
    assert_eq!(lesson.trace(), before_taps.trace());
}

fn delivered(s: Status) -> bool {
    matches!(s, Status::Delivered { .. })
}

#[test]
fn send_again_without_its_taps_replays_the_class_taps() {
    let file = std::fs::read_to_string("scenes/send_again.ron").unwrap();
    let mut text = String::new();
    let mut taken = 0;
    for line in file.lines() {
        if line.contains("do: Resend(") {
            taken += 1;
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    assert_eq!(taken, 2, "send_again.ron taps ❗ twice");
    let scene = parse(FILE, &text);
    let mut plain = Lesson::new(scene);
    plain.finish();
    assert_eq!(
        given_up(&plain, plain.beats().len()).len(),
        1,
        "without taps the apology ends with ❗"
    );
    // The class taps where the scene did: the film letter (shown once to Han
    // Meimei), and the apology once the signal is back (it comes back, blocked).
    tap_given_up(
        &text,
        &[],
        &[10_000, 28_000],
        &[
            "(en: \"Film at 7?\", zh: \"七点看电影？\")",
            "(en: \"Sorry!\", zh: \"对不起！\")",
        ],
        |s| delivered(s) || matches!(s, Status::Returned(_)),
    );
}

#[test]
fn letters_named_by_words_by_id_and_by_number_replay() {
    let hi = |at: u64, extra: &str| {
        format!(
            "\n        (at_ms: {at}, do: Send(from: \"lilei\", to: \"hanmeimei\", text: \"Hi\"{extra})),"
        )
    };
    let film = "\n        (at_ms: 1600, do: Send(from: \"lilei\", to: \"hanmeimei\", text: (en: \"Film?\", zh: \"电影？\"))),";
    // By words: one letter "Hi"; both languages: "Film?".
    tap_given_up(
        &underground(&format!("{}{film}", hi(1500, ""))),
        &[],
        &[20_001],
        &["\"Hi\"", "(en: \"Film?\", zh: \"电影？\")"],
        delivered,
    );
    // By number: two letters "Hi" (Li Lei's first and third without an id).
    tap_given_up(
        &underground(&format!("{}{film}{}", hi(1500, ""), hi(1700, ""))),
        &[],
        &[20_001],
        &[
            "\"lilei#1\"",
            "(en: \"Film?\", zh: \"电影？\")",
            "\"lilei#3\"",
        ],
        delivered,
    );
    // By id, beside a letter of the same words without one (named by its words).
    tap_given_up(
        &underground(&format!("{}{}", hi(1500, ", id: \"hi1\""), hi(1700, ""))),
        &[],
        &[20_001],
        &["\"hi1\"", "\"Hi\""],
        delivered,
    );
}

#[test]
fn a_letter_the_class_wrote_is_named_by_its_lesson_id() {
    let text = underground(
        "\n        (at_ms: 1500, do: Send(from: \"lilei\", to: \"hanmeimei\", text: \"Hi\")),",
    );
    let scene = parse(FILE, &text);
    let mut probe = Lesson::new(scene);
    probe.finish();
    // A beat while Li Lei is underground, after his scene letter.
    let beat = probe.beats().iter().position(|b| b.at_ms > 1500).unwrap();
    let write = |words: &str| Action::Send {
        from: postoffice::sim::DeviceIdx(0),
        to: Dest::User(UserIdx(1)),
        text: Text::same(words),
        parcel: None,
    };
    // The class writes "Hi" too (the same words as the scene's letter) and "Later".
    tap_given_up(
        &text,
        &[(beat, write("Hi")), (beat + 1, write("Later"))],
        &[20_001],
        &["\"Hi\"", "\"class-1\"", "\"class-2\""],
        delivered,
    );
}
