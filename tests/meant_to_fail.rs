//! The lesson scenes about order (issue 21), lost_message with its old ending,
//! tapping ❗ and group members (issue 23) each have a twin in `tests/fails/`: the
//! same story, event for event, with an expectation a class might guess and the
//! scene shows to be wrong. Each twin must fail, for the reason its lesson
//! teaches, and `postoffice run` must say so and exit 1. And the scene setting
//! `order:` is what makes the difference: the same two scenes with the other
//! setting turn their agreement around; and `resend: Auto` sends without a tap
//! what `resend: Tap` leaves "not sent".

mod common;

use common::{postoffice, stdout};
use postoffice::report::json_lines;
use postoffice::scenario::{self, Detail, Fate, Outcome, Scenario};
use postoffice::sim::{Bounce, Text};
use postoffice::words::Register;

/// (the twin in tests/fails/, the lesson scene in scenes/)
const TWINS: [(&str, &str); 5] = [
    (
        "tests/fails/same_time_same_order.ron",
        "scenes/same_time.ron",
    ),
    ("tests/fails/numbered_gate_first.ron", "scenes/numbered.ron"),
    (
        "tests/fails/lost_message_ends_lost.ron",
        "scenes/lost_message.ron",
    ),
    ("tests/fails/send_again_lost.ron", "scenes/send_again.ron"),
    (
        "tests/fails/group_members_history.ron",
        "scenes/group_members.ron",
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
        (
            TWINS[3].0,
            "✗ Jim's screen shows Li Lei's “Sorry!” once — never shown: it was returned to its sender (refused)",
        ),
        (
            TWINS[4].0,
            "✗ Jim's screen shows Li Lei's “Football at 4?” once — never shown: delivered to 2 of 2",
        ),
    ] {
        let o = postoffice(&["run", twin]);
        assert_eq!(o.status.code(), Some(1), "{twin}");
        let out = stdout(&o);
        assert!(out.contains(says), "{twin}: {out}");
        let n = scenario::load(here(twin)).unwrap().expect.len();
        let all = format!("{n} of {n} expectation");
        assert!(out.contains(&all), "{twin}: {out}");
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

/// send_again: “Film at 7?”, given up on, is not lost: the post office had it,
/// recognised it when the tap sent it again, and Han Meimei shows it once; the
/// apology sent again meets Jim's block and comes back.
#[test]
fn send_again_fails_lost_because_the_post_office_had_it_and_the_block_returns_the_apology() {
    let scene = scenario::load(here(TWINS[3].0)).unwrap();
    let (trace, outcomes) = run(&scene);
    let [lost, reached] = outcomes.as_slice() else {
        panic!("two expectations: {outcomes:?}")
    };
    assert_eq!(
        lost.detail,
        Detail::NotReportedLost(Fate::Delivered { count: 1, of: 1 }),
        "it ends delivered, to its one recipient"
    );
    assert_eq!(
        reached.detail,
        Detail::NeverShown(Fate::Returned(Bounce::Blocked)),
        "the apology comes back, stamped blocked"
    );
    // Given up, tapped, recognised by the post office, and shown once.
    for kind in [
        r#""kind":"lost","#,
        r#""kind":"resent","#,
        r#""kind":"duplicate","#,
    ] {
        assert!(trace.contains(kind), "{kind} not in the trace");
    }
    let shown = trace
        .lines()
        .filter(|l| {
            l.contains(r#""actor":"hanmeimei","kind":"display""#) && l.contains("Film at 7?")
        })
        .count();
    assert_eq!(shown, 1, "Han Meimei shows it once");
}

/// group_members: a letter goes to the members the post office has when it
/// accepts it, so Jim (joined after) never gets it and Lucy (left after) does.
#[test]
fn group_members_fails_the_wrong_members_because_the_acceptance_fixes_them() {
    let scene = scenario::load(here(TWINS[4].0)).unwrap();
    let (trace, outcomes) = run(&scene);
    let [jim, lucy] = outcomes.as_slice() else {
        panic!("two expectations: {outcomes:?}")
    };
    assert_eq!(
        jim.detail,
        Detail::NeverShown(Fate::Delivered { count: 2, of: 2 }),
        "delivered to both it was addressed to, and Jim is not one"
    );
    assert_eq!(lucy.detail, Detail::Shown(1), "Lucy shows it, once");
    // Accepted (step 5) before Lucy left and before Jim joined; Lucy shows it
    // after she left.
    let at = |pred: &dyn Fn(&str) -> bool| -> u64 {
        let line = trace
            .lines()
            .find(|l| pred(l))
            .expect("an event in the trace");
        let t = line.split(r#""t":"#).nth(1).unwrap();
        t[..t.find(',').unwrap()].parse().unwrap()
    };
    let accepted = at(&|l| l.contains(r#""kind":"verify""#) && l.contains("Football at 4?"));
    let left = at(&|l| l.contains(r#""kind":"left""#));
    let joined = at(&|l| l.contains(r#""kind":"joined""#));
    let lucy_shows =
        at(&|l| l.contains(r#""actor":"lucy","kind":"display""#) && l.contains("Football at 4?"));
    assert!(
        accepted < left && left < joined,
        "{accepted} {left} {joined}"
    );
    assert!(
        left < lucy_shows,
        "Lucy gets it after she left: {lucy_shows}"
    );
}

/// `resend:` is what decides whether a letter given up on goes again without a
/// tap: send_again.ron without its taps leaves the apology "not sent" with `Tap`;
/// with `Auto` the phone sends it again by itself as its line comes back (the
/// other letter's late ✓✓ had already corrected it), and it comes back from
/// Jim's block as it does after the tap.
#[test]
fn the_resend_setting_sends_without_a_tap() {
    let lesson = std::fs::read_to_string(here("scenes/send_again.ron")).unwrap();
    assert!(lesson.contains("    resend: Tap,\n"));
    let untapped: String = lesson
        .lines()
        .filter(|l| !l.contains("do: Resend("))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(lesson.matches("do: Resend(").count(), 2);
    let apology = |text: &str| {
        let scene = scenario::parse("send-again.ron", text.as_bytes()).unwrap();
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        let view = postoffice::sim::view::View::from_trace(scene.world.phones(), &events);
        let id = view.find(None, |t| &*t.en == "Sorry!").next().unwrap();
        let auto = events
            .iter()
            .filter(|e| matches!(e.what, postoffice::sim::What::Resent { auto: true, .. }))
            .count();
        (view.sender_sees(id), auto)
    };
    use postoffice::sim::Status;
    assert_eq!(
        apology(&untapped),
        (Some(Status::Lost), 0),
        "Tap: no tap, not sent"
    );
    let auto = untapped.replace("    resend: Tap,\n", "    resend: Auto,\n");
    assert_eq!(
        apology(&auto),
        (Some(Status::Returned(Bounce::Blocked)), 1),
        "Auto: the apology goes again by itself, and comes back"
    );
    assert_eq!(
        apology(&lesson).0,
        Some(Status::Returned(Bounce::Blocked)),
        "the lesson's tap"
    );
}
