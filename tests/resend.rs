//! Tapping ❗ (issue 23): `Resend(letter: …)` sends a letter the phone gave up on
//! again — the same letter, with the same number, with a fresh count of retries;
//! a post office that had it after all recognises it, so it is shown once; a
//! block made since sends it back; a tap on a letter not given up on sends
//! nothing and says why. `resend: Auto` sends it by itself at the next login, and
//! ends under permanent loss. Bad files get located errors.

use postoffice::scenario::{self, Scenario};
use postoffice::sim::{
    Bounce, Event, EventKind, FrameKind, MsgId, NotResent, Resend, Status, UserIdx, What,
};

/// Li Lei and Han Meimei, friends; `top` goes at the top of the file, `script`
/// after Li Lei's login.
fn scene(top: &str, script: &str) -> String {
    format!(
        r#"(
    title: "Tap",
    {top}
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        {script}
    ],
)"#
    )
}

/// Li Lei's letter "Hello" at 1000 ms, in a café that lets nothing through from
/// 900 ms until `up_at`; then `more`.
fn cafe(top: &str, up_at: Option<u64>, more: &str) -> String {
    let up = up_at.map_or(String::new(), |t| {
        format!(r#"(at_ms: {t}, do: LinkUp("lilei")),"#)
    });
    scene(
        top,
        &format!(
            r#"(at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 900, do: LinkDown("lilei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        {up}
        {more}"#
        ),
    )
}

fn parse(text: &str) -> Scenario {
    scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn refused(text: &str) -> String {
    match scenario::parse("t.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn run(text: &str) -> (Scenario, Vec<Event>) {
    let scene = parse(text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (scene, events)
}

/// Li Lei's letter "Hello" (the first he writes).
const HELLO: MsgId = MsgId {
    from: UserIdx(0),
    n: 1,
};
const HAN: UserIdx = UserIdx(1);

/// The places in the trace of events of `kind` about letter `id`.
fn at(events: &[Event], kind: EventKind, id: MsgId) -> Vec<usize> {
    (0..events.len())
        .filter(|&i| {
            events[i].what.kind() == kind && events[i].msg.as_ref().is_some_and(|m| m.id == id)
        })
        .collect()
}

fn shown(events: &[Event], to: UserIdx, id: MsgId) -> usize {
    at(events, EventKind::Display, id)
        .into_iter()
        .filter(|&i| {
            events[i].actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(to))
        })
        .count()
}

fn sender_sees(scene: &Scenario, events: &[Event], id: MsgId) -> Option<Status> {
    postoffice::sim::view::View::from_trace(scene.world.phones(), events).sender_sees(id)
}

fn ignored(events: &[Event]) -> Vec<NotResent> {
    events
        .iter()
        .filter_map(|e| match e.what {
            What::ResendIgnored { why } => Some(why),
            _ => None,
        })
        .collect()
}

#[test]
fn a_tap_sends_the_same_letter_again_and_it_arrives_once() {
    let (scene, events) = cafe_run(
        "",
        Some(20_000),
        r#"(at_ms: 21000, do: Resend(letter: "Hello")),"#,
    );
    let lost = at(&events, EventKind::Lost, HELLO);
    let resent = at(&events, EventKind::Resent, HELLO);
    assert_eq!(lost.len(), 1, "given up once");
    assert_eq!(resent.len(), 1, "sent again once");
    assert!(lost[0] < resent[0]);
    assert_eq!(events[resent[0]].at, 21_000);
    assert!(matches!(
        events[resent[0]].what,
        What::Resent { auto: false, .. }
    ));
    // The same letter, with the same number, leaves the phone again (step 3)…
    let sends = at(&events, EventKind::Send, HELLO);
    assert!(
        sends.iter().any(|&i| i > resent[0]),
        "no step 3 after the tap"
    );
    let edits = at(&events, EventKind::Edit, HELLO);
    assert_eq!(edits.len(), 1, "one letter written, not two");
    // …and is shown once, and the sender's bubble ends with ✓✓.
    assert_eq!(shown(&events, HAN, HELLO), 1);
    assert_eq!(
        sender_sees(&scene, &events, HELLO),
        Some(Status::Delivered { count: 1, of: 1 })
    );
}

fn cafe_run(top: &str, up_at: Option<u64>, more: &str) -> (Scenario, Vec<Event>) {
    run(&cafe(top, up_at, more))
}

/// Three letters dropped on the way, then a tap: the retries start again from the
/// first (a fresh count), and the phone gives up again after `max_retries`.
#[test]
fn each_tap_starts_a_fresh_count_of_retries() {
    let drop3 = r#"(at_ms: 0, do: Drop(user: "lilei", toward: Server, what: Message)),
        (at_ms: 0, do: Drop(user: "lilei", toward: Server, what: Message)),
        (at_ms: 0, do: Drop(user: "lilei", toward: Server, what: Message)),"#;
    let text = scene(
        "",
        &format!(
            r#"(at_ms: 0, do: Login("hanmeimei")),
        {drop3}
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        {}
        (at_ms: 10000, do: Resend(letter: "Hello")),
        (at_ms: 20000, do: Resend(letter: "lilei#1")),"#,
            drop3.replace("at_ms: 0", "at_ms: 9000")
        ),
    );
    let (scene, events) = run(&text);
    let attempts: Vec<(u64, u32)> = at(&events, EventKind::Retry, HELLO)
        .into_iter()
        .filter_map(|i| match events[i].what {
            What::Retry {
                frame: FrameKind::MsgR,
                attempt,
                ..
            } => Some((events[i].at, attempt)),
            _ => None,
        })
        .collect();
    let before: Vec<u32> = attempts
        .iter()
        .filter(|a| a.0 < 10_000)
        .map(|a| a.1)
        .collect();
    let between: Vec<u32> = attempts
        .iter()
        .filter(|a| (10_000..20_000).contains(&a.0))
        .map(|a| a.1)
        .collect();
    assert_eq!(before, [1, 2], "the first send's retries");
    assert_eq!(between, [1, 2], "after the tap the count starts again");
    assert_eq!(at(&events, EventKind::Lost, HELLO).len(), 2);
    assert_eq!(at(&events, EventKind::Resent, HELLO).len(), 2);
    assert_eq!(shown(&events, HAN, HELLO), 1);
    assert_eq!(
        sender_sees(&scene, &events, HELLO),
        Some(Status::Delivered { count: 1, of: 1 })
    );
}

/// The first try arrived, but every receipt was lost: the post office recognises
/// the letter sent again by its number, answers again, and passes nothing on
/// twice; the recipient shows it once.
#[test]
fn a_post_office_that_had_it_recognises_it_and_it_is_shown_once() {
    let drops = r#"(at_ms: 0, do: Drop(user: "lilei", toward: Phone, what: Ack)),"#.repeat(3);
    let text = scene(
        "",
        &format!(
            r#"{drops}
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 10000, do: Resend(letter: "Hello")),
        (at_ms: 12000, do: Login("hanmeimei")),"#
        ),
    );
    let (scene, events) = run(&text);
    let resent = at(&events, EventKind::Resent, HELLO);
    assert_eq!(resent.len(), 1, "given up, then tapped");
    // Step 5 once: the post office accepted it once.
    assert_eq!(at(&events, EventKind::Verify, HELLO).len(), 1);
    let office_copies: Vec<usize> = at(&events, EventKind::Duplicate, HELLO)
        .into_iter()
        .filter(|&i| events[i].actor == postoffice::sim::Actor::PostOffice)
        .collect();
    assert!(
        office_copies.iter().any(|&i| i > resent[0]),
        "the post office did not recognise the letter sent after the tap"
    );
    assert_eq!(shown(&events, HAN, HELLO), 1);
    assert_eq!(
        sender_sees(&scene, &events, HELLO),
        Some(Status::Delivered { count: 1, of: 1 })
    );
}

#[test]
fn a_resend_that_meets_a_block_made_since_comes_back() {
    let (scene, events) = cafe_run(
        "",
        Some(20_000),
        r#"(at_ms: 8000, do: Block("hanmeimei", "lilei")),
        (at_ms: 21000, do: Resend(letter: "Hello")),"#,
    );
    assert_eq!(at(&events, EventKind::Resent, HELLO).len(), 1);
    assert_eq!(
        sender_sees(&scene, &events, HELLO),
        Some(Status::Returned(Bounce::Blocked))
    );
    assert_eq!(shown(&events, HAN, HELLO), 0);
}

/// A tap on a letter the phone has not given up on sends nothing, and says why:
/// still trying, ✓, ✓✓, returned, not written yet.
#[test]
fn a_tap_on_a_letter_not_given_up_sends_nothing_and_says_why() {
    let cases = [
        // Still trying: the café, tapped while the phone still retries.
        (
            cafe("", None, r#"(at_ms: 2000, do: Resend(letter: "Hello")),"#),
            NotResent::Trying,
        ),
        // ✓✓: delivered.
        (
            scene(
                "",
                r#"(at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 5000, do: Resend(letter: "Hello")),"#,
            ),
            NotResent::Delivered,
        ),
        // ✓: the post office has it, Han Meimei is away.
        (
            scene(
                "",
                r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 5000, do: Resend(letter: "Hello")),"#,
            ),
            NotResent::Posted,
        ),
        // Returned: blocked before it was written.
        (
            scene(
                "",
                r#"(at_ms: 0, do: Block("hanmeimei", "lilei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 5000, do: Resend(letter: "Hello")),"#,
            ),
            NotResent::Returned,
        ),
        // Not written yet: Li Lei is still typing it.
        (
            scene(
                "typing_before_send_ms: 2000,",
                r#"(at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 1500, do: Resend(letter: "Hello")),"#,
            ),
            NotResent::NotWritten,
        ),
    ];
    for (text, why) in cases {
        let (scene, events) = run(&text);
        assert_eq!(ignored(&events), [why], "{text}");
        assert!(at(&events, EventKind::Resent, HELLO).is_empty(), "{text}");
        // Nothing sent at the tap: the same story as without it.
        let without: String = text
            .lines()
            .filter(|l| !l.contains("Resend("))
            .collect::<Vec<_>>()
            .join("\n");
        let (_, plain) = run(&without);
        let sent = |ev: &[Event]| {
            ev.iter()
                .filter(
                    |e| matches!(e.what, What::FrameOut { frame, .. } if frame == FrameKind::MsgR),
                )
                .count()
        };
        assert_eq!(sent(&events), sent(&plain), "{text}");
        let v = postoffice::sim::view::View::from_trace(scene.world.phones(), &events);
        let p = postoffice::sim::view::View::from_trace(scene.world.phones(), &plain);
        assert_eq!(v.sender_sees(HELLO), p.sender_sees(HELLO), "{text}");
    }
}

#[test]
fn auto_sends_it_again_at_the_next_login_and_tap_waits() {
    let (scene, events) = cafe_run("resend: Auto,", Some(20_000), "");
    assert_eq!(scene.settings.resend, Resend::Auto);
    let resent = at(&events, EventKind::Resent, HELLO);
    assert_eq!(resent.len(), 1);
    assert!(matches!(
        events[resent[0]].what,
        What::Resent { auto: true, .. }
    ));
    // Just as the line comes back: right after the phone's login is confirmed.
    let connected = (0..events.len())
        .rfind(|&i| i < resent[0] && events[i].what == What::Connected)
        .expect("a login before");
    assert!(events[connected].at >= 20_000);
    assert_eq!(events[connected].at, events[resent[0]].at);
    assert_eq!(shown(&events, HAN, HELLO), 1);
    // The default waits for the tap: still "not sent" at the end.
    for top in ["", "resend: Tap,"] {
        let (scene, events) = cafe_run(top, Some(20_000), "");
        assert_eq!(scene.settings.resend, Resend::Tap);
        assert!(at(&events, EventKind::Resent, HELLO).is_empty());
        assert_eq!(sender_sees(&scene, &events, HELLO), Some(Status::Lost));
    }
}

/// `resend: Auto` sends again only at a login: under loss that never ends the run
/// still ends, and there are never more resends than logins.
#[test]
fn auto_ends_under_permanent_loss() {
    for (up, loss) in [
        (None, ""),
        (
            Some(20_000),
            "(at_ms: 19000, do: SetLoss(user: \"lilei\", loss: 0.9)),",
        ),
    ] {
        for seed in 0..10 {
            let text = cafe(&format!("resend: Auto, seed: {seed},"), up, loss);
            let scene = parse(&text);
            let mut sim = scene.sim(None, true);
            let done = sim.run_at_most(2_000_000);
            assert!(done, "seed {seed}: the run does not end");
            let events = sim.take_events();
            let logins = events
                .iter()
                .filter(|e| {
                    e.what == What::Connected
                        && e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx(0))
                })
                .count();
            let resent = at(&events, EventKind::Resent, HELLO).len();
            assert!(
                resent <= logins,
                "seed {seed}: {resent} resends, {logins} logins"
            );
            if up.is_none() {
                assert_eq!(resent, 0, "no line, no resend");
            }
        }
    }
}

/// The same scene with `resend: Tap` written or left out tells the same story,
/// event for event (the setting draws no random number).
#[test]
fn tap_is_the_default_and_draws_nothing() {
    let (_, a) = cafe_run("", Some(20_000), "");
    let (_, b) = cafe_run("resend: Tap,", Some(20_000), "");
    assert_eq!(a, b);
}

#[test]
fn bad_resends_get_located_errors() {
    let text = scene(
        "",
        r#"(at_ms: 500, do: Resend(letter: "Hello")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 1000, do: Resend(letter: "Helo")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Bye", id: "bye")),
        (at_ms: 2000, do: Resend(letter: "Bye")),
        (at_ms: 2000, do: Resend(letter: "bye")),"#,
    );
    let e = refused(&text);
    for line in [
        r#"t.ron:10:17: script[1].at_ms: found 500, before the letter "Hello" is sent (script[2], at_ms: 1000); expected a moment after it is sent, when its phone may have given it up"#,
        r#"t.ron:12:42: script[3].do.letter: unknown letter "Helo" (did you mean "Hello"?); expected the words of a letter the script sends: "Hello", its number, like "lilei#1", or its id: "bye""#,
        r#"t.ron:14:42: script[5].do.letter: found "Bye", the words of the letter "bye" (script[4]), which has an id; expected its id, "bye" (a letter with an id is named by its id)"#,
    ] {
        assert!(e.contains(line), "missing:\n{line}\nin:\n{e}");
    }
    assert_eq!(e.matches("script[6]").count(), 0, "the id names it: {e}");
    // At the moment of its letter, but written before it.
    let text = scene(
        "",
        r#"(at_ms: 1000, do: Resend(letter: "Hello")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),"#,
    );
    let e = refused(&text);
    let line = r#"t.ron:10:17: script[1].at_ms: found 1000, the moment the letter "Hello" is sent, but before its `Send` (script[2]) in the file; expected the `Resend` after the `Send`"#;
    assert!(e.contains(line), "missing:\n{line}\nin:\n{e}");
    // A bad setting.
    let e = refused(&scene("resend: Tapp,", ""));
    let line = "t.ron:3:13: resend: found `Tapp` (did you mean `Tap`?); expected `Tap` or `Auto`";
    assert!(e.contains(line), "missing:\n{line}\nin:\n{e}");
}

/// Each way a tap sends nothing, and each resend, is told in both languages and
/// every register; the story register without a technical word.
#[test]
fn taps_are_told_in_every_language_and_register() {
    use postoffice::sim::Lang;
    use postoffice::words::{Context, Register, caption};
    let texts = [
        cafe(
            "",
            Some(20_000),
            r#"(at_ms: 21000, do: Resend(letter: "Hello")),"#,
        ),
        cafe("resend: Auto,", Some(20_000), ""),
        cafe("", None, r#"(at_ms: 2000, do: Resend(letter: "Hello")),"#),
        scene(
            "",
            r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 5000, do: Resend(letter: "Hello")),"#,
        ),
        scene(
            "typing_before_send_ms: 2000,",
            r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hello")),
        (at_ms: 1500, do: Resend(letter: "Hello")),"#,
        ),
    ];
    let mut told = 0;
    for text in texts {
        let (scene, events) = run(&text);
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        for (i, e) in events.iter().enumerate() {
            if !matches!(e.what.kind(), EventKind::Resent | EventKind::ResendIgnored) {
                continue;
            }
            told += 1;
            for reg in [Register::Both, Register::Engineer, Register::Story] {
                let en = caption(&ctx, i, Lang::En, reg);
                let zh = caption(&ctx, i, Lang::Zh, reg);
                assert!(en.contains("Li Lei"), "{reg:?}: {en}");
                assert!(
                    zh.contains("李雷") || zh.contains("Li Lei"),
                    "{reg:?}: {zh}"
                );
                if reg == Register::Story {
                    for tech in ["msg:", "database", "server", "数据库", "服务器"] {
                        assert!(!en.contains(tech) && !zh.contains(tech), "{en} / {zh}");
                    }
                }
            }
        }
    }
    assert_eq!(told, 5, "two resends and three taps that sent nothing");
}

/// With `order: PostOffice`, a letter sent again takes its turn as a new letter
/// would: after the letters released while it was given up. It gets the next
/// number, its bubble goes to the bottom, and every screen agrees.
#[test]
fn with_numbers_a_letter_sent_again_takes_its_turn() {
    let drops = r#"(at_ms: 0, do: Drop(user: "lilei", toward: Server, what: Message)),"#.repeat(3);
    let text = scene(
        "order: PostOffice,",
        &format!(
            r#"(at_ms: 0, do: Login("hanmeimei")),
        {drops}
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "first")),
        (at_ms: 1500, do: Send(from: "lilei", to: "hanmeimei", text: "second")),
        (at_ms: 15000, do: Resend(letter: "first")),"#
        ),
    )
    .replace(
        "    ],\n)",
        "    ],\n    expect: [SameOrder(between: (\"lilei\", \"hanmeimei\")), Order(to: \"hanmeimei\", texts: [\"second\", \"first\"])],\n)",
    );
    let (scene, events) = run(&text);
    let numbered: Vec<(String, u32)> = events
        .iter()
        .filter_map(|e| match (&e.what, &e.msg) {
            (What::Numbered { number }, Some(m)) => {
                Some((m.text().expect("words").en.to_string(), *number))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        numbered,
        [("second".to_string(), 1), ("first".to_string(), 2)]
    );
    let resent = at(&events, EventKind::Resent, HELLO);
    assert!(matches!(
        events[resent[0]].what,
        What::Resent { index: 1, .. }
    ));
    for o in scenario::check(&scene.expect, &events, &scene.world) {
        assert!(o.holds, "{:?}: {:?}", o.expectation, o.detail);
    }
}
