//! A letter's words in both languages: `text: (en: "...", zh: "...")` in a scene's
//! `Send`, `SendGroup` and expectations, carried in the envelope, in the JSON trace
//! (`text` and `text_zh`) and through a saved lesson.

use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::report::json_lines;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Action, Dest, Text, UserIdx, What};
use postoffice::words::Register;

const SCENE: &str = r#"(
    title: (en: "Hello in two languages", zh: "两种语言的问候"),
    seed: 3,
    users: [
        (id: "lilei", name: (en: "Li Lei", zh: "李雷")),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅")),
    ],
    friends: [("lilei", "hanmeimei")],
    groups: [(id: "pair", members: ["lilei", "hanmeimei"])],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "Hello!", zh: "你好！"))),
        (at_ms: 2000, do: SendGroup(from: "hanmeimei", group: "pair", text: (en: "Hi both", zh: "大家好"))),
        (at_ms: 3000, do: Send(from: "lilei", to: "hanmeimei", text: "OK")),
    ],
    expect: [
        Displayed(to: "hanmeimei", from: "lilei", text: (en: "Hello!", zh: "你好！")),
        Displayed(to: "hanmeimei", from: "lilei", text: "你好！"),
        Displayed(to: "hanmeimei", from: "lilei", text: "Hello!"),
        Displayed(to: "lilei", from: "hanmeimei", text: "大家好"),
        Order(to: "hanmeimei", texts: ["Hello!", (en: "OK", zh: "OK")]),
    ],
)"#;

fn scene() -> Scenario {
    scenario::parse("bilingual.ron", SCENE.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn both_languages_travel_in_the_envelope_and_the_expectations_hold() {
    let scene = scene();
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let shown: Vec<&Text> = events
        .iter()
        .filter(|e| matches!(e.what, What::Display { .. }))
        .filter_map(|e| e.msg.as_ref().and_then(|m| m.text()).map(|t| &**t))
        .collect();
    assert_eq!(
        shown,
        [
            &Text::new("Hello!", "你好！"),
            &Text::new("Hi both", "大家好"),
            &Text::same("OK")
        ]
    );
    for o in scenario::check(&scene.expect, &events, &scene.world) {
        assert!(o.holds, "{} — {:?}", o.expectation, o.detail);
    }
}

#[test]
fn a_text_in_both_languages_must_match_in_both() {
    let text = SCENE.replace(
        r#"Displayed(to: "hanmeimei", from: "lilei", text: "Hello!"),"#,
        r#"Displayed(to: "hanmeimei", from: "lilei", text: (en: "Hello!", zh: "您好")),"#,
    );
    let scene = scenario::parse("bilingual.ron", text.as_bytes()).unwrap();
    let mut sim = scene.sim(None, true);
    sim.run();
    let outcomes = scenario::check(&scene.expect, &sim.take_events(), &scene.world);
    assert!(!outcomes[2].holds, "{:?}", outcomes[2]);
    assert_eq!(
        outcomes[2].expectation.to_string(),
        r#"Displayed(to: "hanmeimei", from: "lilei", text: (en: "Hello!", zh: "您好"))"#
    );
}

#[test]
fn the_json_trace_keeps_text_and_adds_text_zh() {
    let scene = scene();
    let mut sim = scene.sim(None, true);
    sim.run();
    let json = json_lines(
        &sim.take_events(),
        &scene.world,
        &scene.settings,
        Register::Both,
    );
    let display: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["kind"] == "display")
        .collect();
    assert_eq!(display[0]["text"], "Hello!");
    assert_eq!(display[0]["text_zh"], "你好！");
    assert_eq!(display[2]["text"], "OK");
    assert_eq!(display[2]["text_zh"], "OK");
}

#[test]
fn a_saved_lesson_writes_both_languages_and_a_live_letter_as_one_string() {
    let mut lesson = Lesson::new(Arc::new(scene()));
    lesson.extend(3);
    lesson
        .inject(
            2,
            Action::Send {
                from: postoffice::sim::DeviceIdx(1),
                to: Dest::User(UserIdx(0)),
                text: Text::from("在吗？"),
                parcel: None,
            },
        )
        .unwrap();
    lesson.finish();
    let text = lesson.text();
    assert!(
        text.contains(r#"text: (en: "Hello!", zh: "你好！")"#),
        "{text}"
    );
    assert!(text.contains(r#"text: "在吗？""#), "{text}");
    let again = scenario::parse("saved.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = again.sim(None, true);
    sim.run();
    assert_eq!(sim.take_events(), lesson.trace());
}
