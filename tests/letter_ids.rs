//! Naming a letter: `id:` on `Send` and `SendGroup`. A scene finds a letter by its
//! id (`Scenario::letter_named`), questions name it by its id before its words or
//! its number, a bad id gets a located message, and a saved lesson gives the
//! letters the class wrote ids of their own, so that a question still names the
//! same letter when the class wrote one earlier. (The bad files
//! `tests/bad/letter_ids.ron` and `tests/bad/question_letter_id.ron` are run by
//! `tests/bad_input.rs`.)

mod common;

use std::sync::Arc;

use common::{postoffice, scratch, stderr, stdout};
use postoffice::lesson::Lesson;
use postoffice::scenario::locate::Locator;
use postoffice::scenario::{self, Letter, Moment, Scenario, action};
use postoffice::sim::{Action, Dest, Event, GroupIdx, Text, Time, UserIdx, What};
use proptest::prelude::*;

/// A scene of lilei and hanmeimei (friends, both in the group "all"; "ghost" is an
/// unregistered address), both online at 0: `script` entries follow the two logins
/// (so the first is `script[2]`), then `questions`.
fn scene(script: &[&str], questions: &[&str]) -> String {
    let lines =
        |items: &[&str]| -> String { items.iter().map(|s| format!("        {s},\n")).collect() };
    format!(
        "(\n    title: \"Letters with names\",\n    users: [(id: \"lilei\"), (id: \"hanmeimei\")],\n    unregistered: [\"ghost\"],\n    friends: [(\"lilei\", \"hanmeimei\")],\n    groups: [(id: \"all\", members: [\"lilei\", \"hanmeimei\"])],\n    script: [\n        (at_ms: 0, do: Login(\"lilei\")),\n        (at_ms: 0, do: Login(\"hanmeimei\")),\n{}    ],\n    questions: [\n{}    ],\n)\n",
        lines(script),
        lines(questions)
    )
}

fn parse(text: &str) -> Result<Scenario, String> {
    scenario::parse("t.ron", text.as_bytes()).map_err(|e| e.to_string())
}

fn accepted(text: &str) -> Scenario {
    parse(text).unwrap_or_else(|e| panic!("refused: {e}\n{text}"))
}

fn refused(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

/// `Send(from: FROM, to: the other one, text: TEXT, id: ID)` at `at` ms.
fn send(at: u64, from: &str, text: &str, id: Option<&str>) -> String {
    let to = if from == "lilei" {
        "hanmeimei"
    } else {
        "lilei"
    };
    let id = id.map_or(String::new(), |id| format!(", id: {}", action::quoted(id)));
    format!(
        "(at_ms: {at}, do: Send(from: \"{from}\", to: \"{to}\", text: {}{id}))",
        action::quoted(text)
    )
}

fn run(scene: &Scenario) -> (Vec<Event>, Time) {
    let mut sim = scene.sim(None, true);
    sim.run();
    let ended = sim.now();
    (sim.take_events(), ended)
}

/// Who wrote the letter `letter` names in `trace`, its words and when it was
/// written: what tells one letter from another for a person.
fn written(letter: &Letter, trace: &[Event]) -> (UserIdx, Text, Time) {
    let id = letter.find(trace).expect("the letter is written");
    let e = trace
        .iter()
        .find(|e| matches!(e.what, What::Edit { .. }) && e.msg.as_ref().is_some_and(|m| m.id == id))
        .expect("its edit");
    let m = e.msg.as_ref().expect("a letter");
    (m.from(), Text::clone(m.text().expect("words")), e.at)
}

/// The letters the questions of `scene` name, as `written` tells them, in order.
fn named_letters(scene: &Scenario, trace: &[Event]) -> Vec<(usize, (UserIdx, Text, Time))> {
    scene
        .questions
        .iter()
        .filter_map(|q| match &q.at {
            Moment::Step { letter, .. } | Moment::Road { letter, .. } => {
                Some((q.entry, written(letter, trace)))
            }
            _ => None,
        })
        .collect()
}

// ---- the id, where it is written ----

/// Every mistake in an id, located at the id, with the project's usual
/// `FILE:LINE:COL: entry: found …; expected …`.
#[test]
fn each_bad_id_is_located_at_the_id() {
    let long = "x".repeat(65);
    let text = scene(
        &[
            &send(1000, "lilei", "Hi", Some("")),
            &send(2000, "lilei", "Hi", Some("hi")),
            &send(3000, "hanmeimei", "Yo", Some("hi")),
            &send(4000, "lilei", "Hey", Some("hanmeimei#2")),
            &send(5000, "lilei", "Ho", Some(&long)),
            "(at_ms: 6000, do: SendGroup(from: \"lilei\", group: \"all\", text: \"All\", id: \"hi\"))",
            &send(7000, "lilei", "Hm", Some("   ")),
        ],
        &[],
    );
    let expected = [
        "t.ron:10:80: script[2].do.id: found an empty id; expected a name for the letter, like \"hi1\"",
        "t.ron:12:80: script[4].do.id: found \"hi\" a second time (script[3] has it first); expected every letter id once",
        "t.ron:13:81: script[5].do.id: found \"hanmeimei#2\", which would be confused with the default names of \"hanmeimei\"'s letters (\"hanmeimei#1\", \"hanmeimei#2\", ...); expected an id that is not a user's id, `#` and a number, like \"hi1\"",
        "t.ron:14:80: script[6].do.id: found an id of 65 characters; expected at most 64, like \"hi1\"",
        "t.ron:15:83: script[7].do.id: found \"hi\" a second time (script[3] has it first); expected every letter id once",
        "t.ron:16:80: script[8].do.id: found an empty id; expected a name for the letter, like \"hi1\"",
    ];
    assert_eq!(refused(&text), expected.join("\n"), "{text}");
}

/// An id is at most 64 characters (not bytes): 64 Chinese characters are fine.
#[test]
fn an_id_is_at_most_64_characters() {
    for (id, ok) in [
        ("字".repeat(64), true),
        ("x".repeat(64), true),
        ("字".repeat(65), false),
        ("x".repeat(1000), false),
    ] {
        let text = scene(&[&send(1000, "lilei", "Hi", Some(&id))], &[]);
        match parse(&text) {
            Ok(s) => {
                assert!(ok, "{} characters accepted", id.chars().count());
                assert!(s.letter_named(&id).is_some());
            }
            Err(e) => {
                assert!(!ok, "{} characters refused: {e}", id.chars().count());
                assert!(
                    e.contains(&format!(
                        "found an id of {} characters; expected at most 64",
                        id.chars().count()
                    )),
                    "{e}"
                );
            }
        }
    }
}

/// Whether `id` looks like a letter's default number in [`scene`]: a user with a
/// phone (not "ghost", who has none; not the group), `#`, and a number.
fn looks_numbered(id: &str) -> bool {
    let Some((user, n)) = id.rsplit_once('#') else {
        return false;
    };
    ["lilei", "hanmeimei"].contains(&user)
        && ((!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) || n.parse::<usize>().is_ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any id: refused with a located message when it is empty or looks like a
    /// letter's number; otherwise kept, found by `letter_named`, and a question
    /// naming it is asked about that letter. Never a panic.
    #[test]
    fn an_id_is_refused_exactly_when_it_is_empty_or_like_a_number(
        user in prop::sample::select(vec!["lilei", "hanmeimei", "ghost", "all", "", "Lilei", "lilei#1"]),
        hash in prop::sample::select(vec!["#", "", "##", " #"]),
        tail in "[0-9+ a\"\\\\]{0,5}",
    ) {
        let id = format!("{user}{hash}{tail}");
        let text = scene(
            &[&send(1000, "hanmeimei", "Yo", None), &send(2000, "lilei", "Hi", Some(&id))],
            &[&format!("(at: Step(letter: {}, step: 9), ask: \"Shown?\")", action::quoted(&id))],
        );
        match parse(&text) {
            Err(e) => {
                prop_assert!(e.starts_with("t.ron:11:"), "{}", e);
                prop_assert!(e.contains("script[3].do.id: found"), "{}", e);
                if id.trim().is_empty() {
                    // (And the question's letter is an empty text.)
                    prop_assert!(e.contains("found an empty id"), "{}", e);
                } else {
                    prop_assert!(!e.contains('\n'), "one mistake: {}", e);
                    prop_assert!(looks_numbered(&id), "{:?} refused: {}", id, e);
                    prop_assert!(e.contains("would be confused with the default names"), "{}", e);
                }
            }
            Ok(s) => {
                prop_assert!(!id.trim().is_empty() && !looks_numbered(&id), "{:?} accepted", id);
                let named = s.letter_named(&id).expect("found by its id");
                prop_assert_eq!(named.entry, 3);
                prop_assert_eq!(named.letter.from, postoffice::sim::DeviceIdx(0));
                let Moment::Step { letter, .. } = &s.questions[0].at else {
                    panic!("a step");
                };
                prop_assert_eq!(letter, &named.letter);
                prop_assert_eq!(&letter.named, &action::quoted(&id));
            }
        }
    }
}

// ---- finding a letter by its id ----

/// `letter_named` gives the letter, its entry and its action: the script's
/// entries are in time order there, and a letter with the same words as an earlier
/// one from the same sender is the second of them in the trace.
#[test]
fn a_letter_is_found_by_its_id() {
    let text = scene(
        &[
            &send(3000, "lilei", "Hi", Some("late")),
            &send(1000, "lilei", "Hi", None),
            "(at_ms: 2000, do: SendGroup(from: \"hanmeimei\", group: \"all\", text: (en: \"All\", zh: \"大家\"), id: \"all-1\"))",
        ],
        &[],
    );
    let s = accepted(&text);
    let late = s.letter_named("late").expect("late");
    assert_eq!((late.entry, late.action), (2, 4));
    assert_eq!(late.letter.nth, 1, "the second “Hi” lilei writes");
    assert_eq!(s.script[late.action].0, 3000);
    let group = s.letter_named("all-1").expect("all-1");
    assert_eq!((group.entry, group.action), (4, 3));
    assert!(matches!(
        s.script[group.action].1,
        Action::Send {
            to: Dest::Group(_),
            ..
        }
    ));
    assert!(s.letter_named("Late").is_none(), "exact: case counts");
    assert!(s.letter_named("Hi").is_none(), "words are no id");
    let (trace, _) = run(&s);
    assert_eq!(
        written(&late.letter, &trace),
        (UserIdx(0), Text::same("Hi"), 3000)
    );
    assert_eq!(
        written(&group.letter, &trace),
        (UserIdx(1), Text::new("All", "大家"), 2000)
    );
    // A scene without ids has none.
    assert!(
        accepted(&scene(&[&send(1000, "lilei", "Hi", None)], &[]))
            .letter_ids
            .is_empty()
    );
}

/// A question names a letter by its id first (exactly), then, among the letters
/// without an id, by its words or its number: a letter with an id does not count
/// in the numbers, and its words do not name it.
#[test]
fn a_question_names_a_letter_by_its_id_first() {
    let script = [
        &send(1000, "lilei", "Hi", None) as &str,
        &send(2000, "lilei", "Hi", Some("Bye")),
        &send(3000, "lilei", "Hi", None),
        &send(4000, "hanmeimei", "Bye", None),
    ];
    let s = accepted(&scene(
        &script,
        &[
            "(at: Step(letter: \"Bye\", step: 9), ask: \"The id?\")",
            "(at: Step(letter: \"lilei#2\", step: 9), ask: \"The third Hi?\")",
            "(at: Step(letter: \"lilei#1\", step: 9), ask: \"The first Hi?\")",
            "(at: Step(letter: \"hanmeimei#1\", step: 9), ask: \"Her Bye?\")",
        ],
    ));
    let (trace, _) = run(&s);
    let hi = Text::same("Hi");
    let (l, h) = (UserIdx(0), UserIdx(1));
    assert_eq!(
        named_letters(&s, &trace),
        vec![
            (0, (l, hi.clone(), 2000)),
            (1, (l, hi.clone(), 3000)),
            (2, (l, hi, 1000)),
            (3, (h, Text::same("Bye"), 4000)),
        ]
    );
}

/// A question naming a letter it cannot find, with ids in the scene: exact
/// located messages that offer the ids.
#[test]
fn a_question_that_names_no_letter_is_told_the_ids() {
    let script = [
        &send(1000, "lilei", "Hi", Some("greeting")) as &str,
        &send(2000, "lilei", "Bye", None),
        &send(3000, "lilei", "Yo", Some("yo-1")),
        &send(4000, "lilei", "Yo", Some("yo-2")),
    ];
    let text = scene(
        &script,
        &[
            "(at: Step(letter: \"greting\", step: 4), ask: \"Where?\")",
            "(at: Step(letter: \"Hi\", step: 4), ask: \"Where?\")",
            "(at: Step(letter: \"Yo\", step: 4), ask: \"Where?\")",
            "(at: Step(letter: \"lilei#2\", step: 4), ask: \"Where?\")",
            "(at: Step(letter: \"Greeting\", step: 4), ask: \"Where?\")",
        ],
    );
    let expected = [
        "t.ron:16:27: questions[0].at.letter: unknown letter \"greting\" (did you mean \"greeting\"?); expected the words of a letter the script sends: \"Bye\", its number, like \"lilei#1\", or its id: \"greeting\", \"yo-1\", \"yo-2\"",
        "t.ron:17:27: questions[1].at.letter: found \"Hi\", the words of the letter \"greeting\" (script[2]), which has an id; expected its id, \"greeting\" (a letter with an id is named by its id)",
        "t.ron:18:27: questions[2].at.letter: found \"Yo\", the words of 2 letters with ids: \"yo-1\" (script[4]) and \"yo-2\" (script[5]); expected one of their ids (a letter with an id is named by its id)",
        "t.ron:19:27: questions[3].at.letter: found \"lilei#2\", but \"lilei\" writes one letter without an id in the script; expected \"lilei#1\" (a letter with an id is named by its id)",
        "t.ron:20:27: questions[4].at.letter: unknown letter \"Greeting\" (did you mean \"greeting\"?); expected the words of a letter the script sends: \"Bye\", its number, like \"lilei#1\", or its id: \"greeting\", \"yo-1\", \"yo-2\"",
    ];
    assert_eq!(refused(&text), expected.join("\n"), "{text}");
    // Every letter with an id: only ids are offered.
    let text = scene(
        &[&send(1000, "lilei", "Hi", Some("greeting"))],
        &["(at: Step(letter: \"greting\", step: 4), ask: \"Where?\")"],
    );
    assert_eq!(
        refused(&text),
        "t.ron:13:27: questions[0].at.letter: unknown letter \"greting\" (did you mean \"greeting\"?); expected the id of a letter the script sends: \"greeting\""
    );
}

/// `postoffice run` asks a question about a letter named by its id just after
/// that letter's step, not after the step of the letter with the same words.
#[test]
fn run_asks_a_question_about_a_letter_named_by_its_id_after_its_step() {
    let dir = scratch("letter_ids_run");
    let path = dir.join("named.ron");
    let text = scene(
        &[
            &send(1000, "lilei", "Hi", Some("first")),
            &send(2000, "lilei", "Hi", Some("second")),
        ],
        &["(at: Step(letter: \"second\", step: 4), ask: \"Where is the second one now?\")"],
    );
    std::fs::write(&path, text).unwrap();
    let o = postoffice(&["run", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let receives: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("4/9 Receive") && lines[i].contains("“Hi”"))
        .collect();
    assert_eq!(receives.len(), 2, "{out}");
    assert!(lines[receives[1]].trim_start().starts_with('2'), "{out}");
    assert!(lines[receives[1] + 1].contains("?  Ask the class"), "{out}");
    assert!(
        lines[receives[1] + 1].contains("Where is the second one now?"),
        "{out}"
    );
    let asked = lines
        .iter()
        .filter(|l| l.contains("?  Ask the class"))
        .count();
    assert_eq!(asked, 1, "asked once: {out}");
}

// ---- the written form ----

/// A letter's id is written after its text, quoted as any string; a letter without
/// one is written as before (`tests/actions.rs` pins that form); it reads back.
#[test]
fn an_id_is_written_after_the_text_and_reads_back() {
    let s = accepted(&scene(&[], &[]));
    let world = &s.world;
    let (l, h) = (UserIdx(0), UserIdx(1));
    let cases = [
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(l),
                to: Dest::User(h),
                text: Text::from("Hi"),
                parcel: None,
            },
            "class-1",
            r#"(at_ms: 1200, do: Send(from: "lilei", to: "hanmeimei", text: "Hi", id: "class-1"))"#,
        ),
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(h),
                to: Dest::Group(GroupIdx(0)),
                text: Text::new("All", "大家"),
                parcel: None,
            },
            "a \"quoted\" \\ 名字",
            r#"(at_ms: 1200, do: SendGroup(from: "hanmeimei", group: "all", text: (en: "All", zh: "大家"), id: "a \"quoted\" \\ 名字"))"#,
        ),
        (
            Action::Login(postoffice::sim::DeviceIdx::main(l)),
            "unused",
            r#"(at_ms: 1200, do: Login("lilei"))"#,
        ),
    ];
    for (a, id, written) in cases {
        let entry = action::entry_ron_with_id(1200, &a, world, id);
        assert_eq!(entry, written);
        let back = accepted(&scene(&[&entry], &[]));
        assert_eq!(back.script.last(), Some(&(1200, a.clone())));
        let named = back.letter_named(id);
        assert_eq!(named.is_some(), matches!(a, Action::Send { .. }), "{entry}");
    }
}

// ---- saved lessons ----

/// A lesson where the class wrote letters earlier than the scene's, from the same
/// senders with the same words (one to the group): saved, its questions still name
/// the same letters — by sender, words and time — and each of the class's letters
/// has its own id, passing over an id the scene has.
#[test]
fn a_saved_lesson_keeps_each_question_on_its_letter() {
    let text = scene(
        &[
            &send(1000, "lilei", "Hi", None),
            &send(1500, "hanmeimei", "Yo", Some("class-1")),
            &send(2000, "lilei", "Hi", None),
            &send(3000, "lilei", "Bye", None),
        ],
        &[
            "(at: Step(letter: \"lilei#2\", step: 9), ask: \"The second Hi?\")",
            "(at: Step(letter: \"lilei#1\", step: 4), ask: \"The first Hi?\")",
            "(at: Step(letter: \"Bye\", step: 9), ask: \"Bye?\")",
            "(at: Step(letter: \"class-1\", step: 9), ask: \"Yo?\")",
        ],
    );
    let scene = Arc::new(accepted(&text));
    let (trace, _) = run(&scene);
    let before = named_letters(&scene, &trace);
    assert_eq!(before.len(), 4);

    let mut lesson = Lesson::new(scene.clone());
    lesson.extend(1);
    let (l, h) = (UserIdx(0), UserIdx(1));
    let class = [
        (l, Dest::User(h), "Hi"),
        (l, Dest::User(h), "Bye"),
        (h, Dest::User(l), "Yo"),
        (l, Dest::Group(GroupIdx(0)), "Hi"),
    ];
    let mut times = Vec::new();
    for (from, to, words) in class {
        let at = lesson
            .inject(
                0,
                Action::Send {
                    from: postoffice::sim::DeviceIdx::main(from),
                    to,
                    text: Text::from(words),
                    parcel: None,
                },
            )
            .unwrap();
        assert!(at < 1000, "earlier than the scene's letters");
        times.push(at);
    }
    lesson.finish();
    let saved_text = lesson.text();
    let saved = accepted(&saved_text);
    assert_eq!(
        saved.questions.len(),
        scene.questions.len(),
        "none switched off:\n{saved_text}"
    );
    saved
        .check_moments()
        .unwrap_or_else(|e| panic!("{e}\n{saved_text}"));
    let (saved_trace, _) = run(&saved);
    assert_eq!(saved_trace, lesson.trace(), "the lesson's story, replayed");
    assert_eq!(named_letters(&saved, &saved_trace), before, "{saved_text}");
    // The class's letters: ids of their own, in the order they were added.
    let ids = ["class-2", "class-3", "class-4", "class-5"];
    for ((id, (from, to, words)), at) in ids.into_iter().zip(class).zip(times) {
        assert!(
            saved_text.contains(&format!(", id: \"{id}\"))")),
            "{saved_text}"
        );
        let named = saved.letter_named(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(
            saved.script[named.action],
            (
                at,
                Action::Send {
                    from: postoffice::sim::DeviceIdx::main(from),
                    to,
                    text: Text::from(words),
                    parcel: None,
                }
            )
        );
        assert!(
            named.entry >= scene.script_entries.len(),
            "added at the end"
        );
    }
    // The collision is real: lilei's "Hi" named `lilei#2` is now the third
    // "Hi" lilei writes (two by the class, one to the group, came first).
    let Moment::Step { letter, .. } = &saved.questions[0].at else {
        panic!("a step");
    };
    assert_eq!(letter.nth, 3, "{letter:?}");
    // Saved again from the saved lesson, a new letter passes over every id taken.
    let mut again = Lesson::new(Arc::new(saved));
    again.extend(1);
    again
        .inject(
            0,
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(l),
                to: Dest::User(h),
                text: Text::from("Hi"),
                parcel: None,
            },
        )
        .unwrap();
    again.finish();
    let twice = accepted(&again.text());
    assert!(twice.letter_named("class-6").is_some(), "{}", again.text());
    let (twice_trace, _) = run(&twice);
    assert_eq!(named_letters(&twice, &twice_trace), before);
}

/// An id changes nothing in the story: every scene in `scenes/` with an id on
/// each of its letters tells the same trace, and the ids find those letters.
/// (Its questions, its `Resend`s and `Recall`s are left out: they name its letters by their
/// words, which a letter with an id does not answer to.)
#[test]
fn ids_change_nothing_in_the_story() {
    let mut with_letters = 0;
    for path in scenario::scene_files(std::path::Path::new("scenes")).unwrap() {
        let mut text = std::fs::read_to_string(&path).unwrap();
        if let Some(questions) = Locator::new(&text).value_span("questions") {
            text.replace_range(questions, "[]");
        }
        // `Send(` and `SendGroup(` entries end with `))` on their line.
        let mut n = 0;
        let named: Vec<String> = text
            .lines()
            .map(|line| {
                let t = line.trim_end();
                if t.contains("do: Resend(") || t.contains("do: Recall(") {
                    return String::new();
                }
                if (t.contains("do: Send(") || t.contains("do: SendGroup("))
                    && let Some(head) = t.strip_suffix(")),")
                {
                    n += 1;
                    format!("{head}, id: \"letter-{n}\")),")
                } else {
                    line.to_string()
                }
            })
            .collect();
        if n == 0 {
            continue;
        }
        with_letters += 1;
        let unsent: Vec<&str> = text
            .lines()
            .filter(|l| !l.contains("do: Resend(") && !l.contains("do: Recall("))
            .collect();
        let plain = accepted(&unsent.join("\n"));
        let named = accepted(&named.join("\n"));
        assert_eq!(named.letter_ids.len(), n, "{}", path.display());
        assert_eq!(named.script, plain.script, "{}", path.display());
        let (a, b) = (run(&plain), run(&named));
        assert!(a == b, "{}: the same trace", path.display());
        for k in 1..=n {
            let l = named.letter_named(&format!("letter-{k}")).unwrap();
            assert!(matches!(named.script[l.action].1, Action::Send { .. }));
        }
    }
    assert!(with_letters >= 5, "{with_letters} scenes with letters");
}

/// A scene whose letter's words are `"class-1"`, named so by a question: the
/// class's letter gets another id, and the question keeps its letter.
#[test]
fn a_class_id_never_shadows_the_scenes_words() {
    let text = scene(
        &[&send(1000, "lilei", "class-1", None)],
        &["(at: Step(letter: \"class-1\", step: 9), ask: \"Shown?\")"],
    );
    let scene = Arc::new(accepted(&text));
    let (trace, _) = run(&scene);
    let before = named_letters(&scene, &trace);
    let mut lesson = Lesson::new(scene);
    lesson.extend(1);
    lesson
        .inject(
            0,
            Action::Send {
                from: postoffice::sim::DeviceIdx(1),
                to: Dest::User(UserIdx(0)),
                text: Text::from("Hi"),
                parcel: None,
            },
        )
        .unwrap();
    lesson.finish();
    let saved = accepted(&lesson.text());
    assert!(saved.letter_named("class-1").is_none());
    assert!(saved.letter_named("class-2").is_some(), "{}", lesson.text());
    let (saved_trace, _) = run(&saved);
    assert_eq!(named_letters(&saved, &saved_trace), before);
}
