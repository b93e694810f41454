//! The lesson scenes about order (issue 21), and lost_message with its old ending
//! (issue 23), each have a twin in `tests/fails/`: the
//! same story, event for event, with an expectation a class might guess and the
//! scene shows to be wrong. Each twin must fail, for the reason its lesson
//! teaches, and `postoffice run` must say so and exit 1. And the scene setting
//! `order:` is what makes the difference: the same two scenes with the other
//! setting turn their agreement around.

mod common;

use common::{postoffice, stdout};
use postoffice::report::json_lines;
use postoffice::scenario::{self, Detail, Outcome, Scenario};
use postoffice::sim::Text;
use postoffice::words::Register;

/// (the twin in tests/fails/, the lesson scene in scenes/)
const TWINS: [(&str, &str); 3] = [
    (
        "tests/fails/same_time_same_order.ron",
        "scenes/same_time.ron",
    ),
    ("tests/fails/numbered_gate_first.ron", "scenes/numbered.ron"),
    (
        "tests/fails/lost_message_ends_lost.ron",
        "scenes/lost_message.ron",
    ),
];

fn here(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A scene's run: its trace as JSON Lines (every event, its words in both
/// languages) and its expectations checked.
fn run(scene: &Scenario) -> (String, Vec<Outcome>) {
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    let json = json_lines(&events, &scene.world, &scene.settings, Register::Both);
    (json, outcomes)
}

fn english(texts: &[Text]) -> Vec<&str> {
    texts.iter().map(|t| &*t.en).collect()
}

#[test]
fn every_twin_is_listed_and_tells_its_scene_s_story() {
    let mut files: Vec<String> = std::fs::read_dir(here("tests/fails"))
        .expect("tests/fails/")
        .map(|e| format!("tests/fails/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut listed: Vec<String> = TWINS.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every file in tests/fails/ has its scene here"
    );
    for (twin, lesson) in TWINS {
        let twin_scene = scenario::load(here(twin)).unwrap_or_else(|e| panic!("{e}"));
        let lesson_scene = scenario::load(here(lesson)).unwrap_or_else(|e| panic!("{e}"));
        let (twin_trace, twin_outcomes) = run(&twin_scene);
        let (lesson_trace, lesson_outcomes) = run(&lesson_scene);
        assert!(
            twin_trace == lesson_trace,
            "{twin} tells the story of {lesson}, event for event"
        );
        for o in &lesson_outcomes {
            assert!(o.holds, "{lesson}: {} — {:?}", o.expectation, o.detail);
        }
        assert!(!twin_outcomes.is_empty(), "{twin} expects something");
        for o in &twin_outcomes {
            assert!(
                !o.holds,
                "{twin}: meant to fail, but {} holds",
                o.expectation
            );
        }
    }
}

/// Default order: each writer's screen shows their own letter first, so the two
/// writers' screens disagree, and the checker names both screens and their orders.
#[test]
fn same_time_fails_same_order_because_each_writer_sees_their_own_first() {
    let scene = scenario::load(here(TWINS[0].0)).unwrap();
    let (_, outcomes) = run(&scene);
    let [o] = outcomes.as_slice() else {
        panic!("one expectation: {outcomes:?}")
    };
    let Detail::Disagree { first, second } = &o.detail else {
        panic!("two screens that disagree: {:?}", o.detail)
    };
    let lilei = scene.world.find("lilei").unwrap();
    let hanmeimei = scene.world.find("hanmeimei").unwrap();
    assert_eq!(first.0, lilei, "{:?}", o.detail);
    assert_eq!(english(&first.1), ["Football?", "Library?", "Yes, let's!"]);
    assert_eq!(second.0, hanmeimei, "{:?}", o.detail);
    assert_eq!(english(&second.1), ["Library?", "Football?", "Yes, let's!"]);
}

/// Numbered, with Li Lei's first letter lost: his phone sends one at a time, so the
/// gate letter, written second, is not numbered (nor shown) first.
#[test]
fn numbered_fails_the_gate_first_because_the_phone_sends_one_at_a_time() {
    let scene = scenario::load(here(TWINS[1].0)).unwrap();
    let (trace, outcomes) = run(&scene);
    let [o] = outcomes.as_slice() else {
        panic!("one expectation: {outcomes:?}")
    };
    let Detail::OutOfOrder(shown) = &o.detail else {
        panic!("shown, but out of order: {:?}", o.detail)
    };
    let ball = shown.iter().position(|t| &*t.en == "I'll bring the ball");
    let gate = shown.iter().position(|t| &*t.en == "At the gate");
    assert!(ball.is_some() && ball < gate, "{:?}", english(shown));
    assert!(
        trace.contains(r#""kind":"held_back""#),
        "the gate letter waits its turn"
    );
}

/// lost_message with the expectations it had before the tap on ❗ (issue 23):
/// the letter no longer ends "not sent", and Han Meimei sees it once.
#[test]
fn lost_message_no_longer_ends_lost_because_the_class_taps() {
    let scene = scenario::load(here(TWINS[2].0)).unwrap();
    let (trace, outcomes) = run(&scene);
    let [lost, unseen] = outcomes.as_slice() else {
        panic!("two expectations: {outcomes:?}")
    };
    assert_eq!(
        lost.detail,
        Detail::NotReportedLost(scenario::Fate::Delivered { count: 1, of: 1 })
    );
    assert_eq!(unseen.detail, Detail::Shown(1));
    assert!(trace.contains(r#""kind":"lost""#) && trace.contains(r#""kind":"resent""#));
}

#[test]
fn postoffice_run_names_the_failure_and_exits_1() {
    for (twin, says) in [
        (
            TWINS[0].0,
            "✗ every screen of the Class 1 group shows its letters in the same order — Li Lei's screen shows “Football?”, “Library?” and “Yes, let's!”, Han Meimei's “Library?”, “Football?” and “Yes, let's!”",
        ),
        (
            TWINS[1].0,
            "✗ Lucy's screen shows “At the gate” and “I'll bring the ball” in this order — out of order",
        ),
    ] {
        let o = postoffice(&["run", twin]);
        assert_eq!(o.status.code(), Some(1), "{twin}");
        let out = stdout(&o);
        assert!(out.contains(says), "{twin}: {out}");
        assert!(out.contains("1 of 1 expectation failed"), "{twin}: {out}");
    }
}

/// `order:` is what makes the screens agree: numbered.ron with each phone ordering
/// its own screen disagrees, same_time.ron with the post office numbering agrees.
#[test]
fn the_order_setting_turns_agreement_around() {
    let numbered = std::fs::read_to_string(here("scenes/numbered.ron")).unwrap();
    assert!(numbered.contains("    order: PostOffice,\n"));
    let each_phone = numbered.replace("    order: PostOffice,\n", "    order: EachPhone,\n");
    let scene = scenario::parse("numbered-each-phone.ron", each_phone.as_bytes()).unwrap();
    let (_, outcomes) = run(&scene);
    let same = outcomes
        .iter()
        .find(|o| o.expectation.to_string().starts_with("SameOrder"))
        .expect("numbered.ron expects SameOrder");
    assert!(!same.holds, "each phone orders its own: {:?}", same.detail);

    let same_time = std::fs::read_to_string(here(TWINS[0].0)).unwrap();
    let numbered_too =
        same_time.replace("    seed: 1,\n", "    order: PostOffice,\n    seed: 1,\n");
    assert_ne!(numbered_too, same_time);
    let scene = scenario::parse("same-time-numbered.ron", numbered_too.as_bytes()).unwrap();
    let (_, outcomes) = run(&scene);
    assert!(
        outcomes[0].holds,
        "numbered by the post office, every screen agrees: {:?}",
        outcomes[0].detail
    );
}
