//! The app closed and the push service (issue 24): a closed app keeps no line, the
//! post office shelves its letters and (with `notifications:` on) sends the phone
//! system's push service a notification of each, which lights the lock screen; a
//! lost notification only delays; a logged-out phone gets none; a phone without
//! signal gets the latest one when its signal returns; opening the app brings the
//! letters, handed over (`shelf: HandedOver`) or fetched (`shelf: Fetched`, asked
//! again when the ask is lost), each shown once, in order. Bad files get located
//! errors; the same seed gives the same trace.

mod common;

use std::sync::Arc;

use postoffice::scenario::{self, Scenario};
use postoffice::sim::view::{App, View};
use postoffice::sim::{
    Actor, Event, EventKind, FrameKind, Lang, LossCause, MsgId, Notifications, ShelfWhy, UserIdx,
    What,
};
use postoffice::words::{Context, Register, caption, glossary::technical_in};

const LI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);

/// Li Lei and Han Meimei, friends, both logged in at 0; `top` at the top of the
/// file, `script` after the logins, `expect` as the expectations.
fn scene(top: &str, script: &str, expect: &str) -> String {
    format!(
        r#"(
    title: "Closed app",
    seed: 5,
    {top}
    network: (latency_ms: (40, 120), loss: 0.0),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 1000, grace_ms: 800, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        {script}
    ],
    expect: [{expect}],
)"#
    )
}

/// Han Meimei closes her app at 1000; Li Lei writes "One", "Two", "Three" at
/// 2000, 2500, 3000; `between` before she opens it again at `open_at` (none: never).
fn closed(top: &str, between: &str, open_at: Option<u64>) -> String {
    let open = open_at.map_or(String::new(), |t| {
        format!(r#"(at_ms: {t}, do: OpenApp(user: "hanmeimei")),"#)
    });
    scene(
        top,
        &format!(
            r#"(at_ms: 1000, do: CloseApp(user: "hanmeimei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 2500, do: Send(from: "lilei", to: "hanmeimei", text: "Two")),
        (at_ms: 3000, do: Send(from: "lilei", to: "hanmeimei", text: "Three")),
        {between}
        {open}"#
        ),
        "",
    )
}

fn refused(text: &str) -> String {
    match scenario::parse("t.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn parse(text: &str) -> Arc<Scenario> {
    common::scene::parse("t.ron", text)
}

fn run(text: &str) -> (Arc<Scenario>, Vec<Event>) {
    // Parsed once: the scene it returns is the one run.
    let scene = parse(text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (scene, events)
}

fn kinds(events: &[Event], kind: EventKind) -> Vec<&Event> {
    events.iter().filter(|e| e.what.kind() == kind).collect()
}

fn letter(n: u32) -> MsgId {
    MsgId { from: LI, n }
}

/// The letters Han Meimei's screen shows from Li Lei, top to bottom, and the
/// time of each display.
fn shown_to_han(events: &[Event]) -> Vec<(MsgId, u64)> {
    let view = View::from_trace(2, events);
    let chat = &view
        .phone(postoffice::sim::DeviceIdx::main(HAN))
        .unwrap()
        .chat;
    chat.iter()
        .filter(|b| b.id.from == LI)
        .map(|b| {
            let times = &view.displayed[&(postoffice::sim::DeviceIdx::main(HAN), b.id)];
            assert_eq!(times.len(), 1, "{:?} shown {} times", b.id, times.len());
            (b.id, times[0])
        })
        .collect()
}

/// When Han Meimei opened her app (the `AppOpened` event).
fn opened_at(events: &[Event]) -> u64 {
    kinds(events, EventKind::AppOpened)
        .first()
        .map(|e| e.at)
        .expect("the app was opened")
}

const SETTINGS: [(&str, Notifications); 3] = [
    ("Words", Notifications::Words),
    ("NameOnly", Notifications::NameOnly),
    ("Hidden", Notifications::Hidden),
];

#[test]
fn a_closed_app_gets_a_notification_per_letter_and_the_letters_when_it_opens() {
    for shelf in ["HandedOver", "Fetched"] {
        for (name, setting) in SETTINGS {
            let top = format!("notifications: {name}, shelf: {shelf},");
            let (_, events) = run(&closed(&top, "", Some(20_000)));
            let notified = kinds(&events, EventKind::Notified);
            let of: Vec<MsgId> = notified
                .iter()
                .map(|e| e.msg.as_ref().unwrap().id)
                .collect();
            assert_eq!(of, [letter(1), letter(2), letter(3)], "{shelf} {name}");
            for e in &notified {
                assert_eq!(e.actor, Actor::Phone(postoffice::sim::DeviceIdx::main(HAN)));
                assert_eq!(e.what, What::Notified { shows: setting });
                assert!(e.at < 20_000);
            }
            // Each went post office → push service → phone.
            let frames = |f: FrameKind, actor: Actor| {
                events
                    .iter()
                    .filter(|e| e.actor == actor && e.what.frame() == Some(f))
                    .filter(|e| e.what.kind() == EventKind::FrameOut)
                    .count()
            };
            assert_eq!(frames(FrameKind::Notify, Actor::PostOffice), 3);
            assert_eq!(frames(FrameKind::Push, Actor::PushService), 3);
            // Not in the chat before the app opens; then each once, in order.
            let open = opened_at(&events);
            let shown = shown_to_han(&events);
            let ids: Vec<MsgId> = shown.iter().map(|s| s.0).collect();
            assert_eq!(ids, [letter(1), letter(2), letter(3)], "{shelf} {name}");
            assert!(
                shown.iter().all(|s| s.1 > open),
                "{shelf} {name}: {shown:?}"
            );
            // Opening cleared the three notifications.
            assert_eq!(
                kinds(&events, EventKind::AppOpened)[0].what,
                What::AppOpened { cleared: 3 }
            );
            let view = View::from_trace(2, &events);
            let han = view.phone(postoffice::sim::DeviceIdx::main(HAN)).unwrap();
            assert!(han.lock_screen.is_empty());
            assert_eq!(han.app, App::Open);
            assert_eq!(view.office.shelved, 0);
            // Fetched: the phone asked and was answered; handed over: no ask.
            let asks = kinds(&events, EventKind::Fetch).len();
            let answers = kinds(&events, EventKind::FetchAnswered);
            match shelf {
                "Fetched" => {
                    assert!(asks >= 3, "each login asks: {asks}");
                    assert!(answers.iter().any(|e| e.what
                        == What::FetchAnswered {
                            to: postoffice::sim::DeviceIdx::main(HAN),
                            count: 3
                        }));
                }
                _ => assert_eq!((asks, answers.len()), (0, 0)),
            }
        }
    }
}

#[test]
fn the_view_shows_the_closed_app_and_its_lock_screen_before_it_opens() {
    let (_, events) = run(&closed("notifications: NameOnly,", "", Some(20_000)));
    let before: Vec<Event> = events.iter().filter(|e| e.at < 19_000).cloned().collect();
    let view = View::from_trace(2, &before);
    let han = view.phone(postoffice::sim::DeviceIdx::main(HAN)).unwrap();
    assert_eq!(han.app, App::Closed);
    let from: Vec<UserIdx> = han.lock_screen.iter().map(|n| n.from).collect();
    assert_eq!(from, [LI, LI, LI]);
    assert!(
        han.lock_screen
            .iter()
            .all(|n| n.shows == Notifications::NameOnly)
    );
    assert!(han.notified_of(LI));
    assert!(
        han.chat.is_empty(),
        "nothing in the chat before the app opens"
    );
    assert_eq!(view.office.shelved, 3);
    assert_eq!(
        view.phone(postoffice::sim::DeviceIdx::main(LI))
            .unwrap()
            .app,
        App::Open
    );
}

#[test]
fn without_notifications_there_is_no_push_service_and_letters_still_wait() {
    let (_, events) = run(&closed("", "", Some(20_000)));
    assert!(events.iter().all(|e| e.actor != Actor::PushService));
    for k in [EventKind::Notify, EventKind::Notified, EventKind::PushHeld] {
        assert!(kinds(&events, k).is_empty(), "{k:?}");
    }
    assert!(events.iter().all(|e| !matches!(
        e.what.frame(),
        Some(FrameKind::Notify | FrameKind::Push | FrameKind::Fetch | FrameKind::FetchA)
    )));
    let open = opened_at(&events);
    let shown = shown_to_han(&events);
    assert_eq!(shown.len(), 3);
    assert!(shown.iter().all(|s| s.1 > open));
}

#[test]
fn a_lost_notification_only_delays() {
    // The next thing toward Han Meimei's phone is lost: the first notification.
    let drop = r#"(at_ms: 1500, do: Drop(user: "hanmeimei", toward: Phone, what: Any)),"#;
    let (_, events) = run(&closed("notifications: Words,", drop, Some(20_000)));
    let lost: Vec<&Event> = kinds(&events, EventKind::FrameLost)
        .into_iter()
        .filter(|e| e.what.frame() == Some(FrameKind::Push))
        .collect();
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].msg.as_ref().unwrap().id, letter(1));
    // Never sent again by anyone; the other two light the lock screen.
    let of: Vec<MsgId> = kinds(&events, EventKind::Notified)
        .iter()
        .map(|e| e.msg.as_ref().unwrap().id)
        .collect();
    assert_eq!(of, [letter(2), letter(3)]);
    let notices = events
        .iter()
        .filter(|e| e.what.kind() == EventKind::FrameOut && e.what.frame() == Some(FrameKind::Push))
        .count();
    assert_eq!(notices, 3);
    // The letter stayed on the shelf: shown once, in order, after opening.
    let ids: Vec<MsgId> = shown_to_han(&events).iter().map(|s| s.0).collect();
    assert_eq!(ids, [letter(1), letter(2), letter(3)]);
}

#[test]
fn under_heavy_loss_some_notifications_are_lost_and_every_letter_still_comes() {
    let loss = r#"(at_ms: 1500, do: SetLoss(user: "hanmeimei", loss: 0.6)),
        (at_ms: 19000, do: SetLoss(user: "hanmeimei", loss: 0.0)),"#;
    let mut lost_any = false;
    for seed in 0..12 {
        let text = closed("notifications: Words,", loss, Some(20_000))
            .replace("seed: 5,", &format!("seed: {seed},"));
        let (_, events) = run(&text);
        let lost = kinds(&events, EventKind::FrameLost)
            .iter()
            .filter(|e| e.what.frame() == Some(FrameKind::Push))
            .count();
        let notified = kinds(&events, EventKind::Notified).len();
        assert_eq!(lost + notified, 3, "seed {seed}");
        lost_any |= lost > 0;
        let ids: Vec<MsgId> = shown_to_han(&events).iter().map(|s| s.0).collect();
        assert_eq!(ids, [letter(1), letter(2), letter(3)], "seed {seed}");
    }
    assert!(lost_any, "a loss of 60% lost no notification in 12 runs");
}

#[test]
fn a_logged_out_phone_gets_no_notification() {
    let text = scene(
        "notifications: Words,",
        r#"(at_ms: 1000, do: Logout("hanmeimei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 20000, do: Login("hanmeimei")),"#,
        "",
    );
    let (_, events) = run(&text);
    for k in [EventKind::Notify, EventKind::Notified, EventKind::PushHeld] {
        assert!(kinds(&events, k).is_empty(), "{k:?}");
    }
    let shelved = kinds(&events, EventKind::Shelve);
    assert_eq!(shelved.len(), 1);
    assert_eq!(shown_to_han(&events).len(), 1);
}

#[test]
fn without_signal_the_push_service_holds_the_latest_notification() {
    let tunnel = r#"(at_ms: 1500, do: LinkDown("hanmeimei")),
        (at_ms: 10000, do: LinkUp("hanmeimei")),"#;
    let (_, events) = run(&closed("notifications: Hidden,", tunnel, Some(20_000)));
    let held: Vec<&What> = kinds(&events, EventKind::PushHeld)
        .iter()
        .map(|e| &e.what)
        .collect();
    assert_eq!(
        held,
        [
            &What::PushHeld {
                to: postoffice::sim::DeviceIdx::main(HAN),
                replaced: false
            },
            &What::PushHeld {
                to: postoffice::sim::DeviceIdx::main(HAN),
                replaced: true
            },
            &What::PushHeld {
                to: postoffice::sim::DeviceIdx::main(HAN),
                replaced: true
            },
        ]
    );
    // The signal returns: one notification, of the latest letter.
    let notified = kinds(&events, EventKind::Notified);
    assert_eq!(notified.len(), 1);
    assert_eq!(notified[0].msg.as_ref().unwrap().id, letter(3));
    assert!(notified[0].at > 10_000);
    let view = View::from_trace(2, &events);
    assert!(view.push_held.is_empty());
    let mid: Vec<Event> = events.iter().filter(|e| e.at < 9_000).cloned().collect();
    assert_eq!(
        View::from_trace(2, &mid)
            .push_held
            .get(&postoffice::sim::DeviceIdx::main(HAN)),
        Some(&letter(3))
    );
    assert_eq!(shown_to_han(&events).len(), 3);
}

#[test]
fn a_lost_fetch_is_asked_again() {
    // Han Meimei's login goes at 20000; its answer comes by 20240; the next thing
    // her phone sends after that is the fetch.
    let drop = r#"(at_ms: 20010, do: Drop(user: "hanmeimei", toward: Server, what: Any)),"#;
    let text = closed("notifications: Words, shelf: Fetched,", "", Some(20_000)).replace(
        "    ],\n    expect",
        &format!("        {drop}\n    ],\n    expect"),
    );
    let (_, events) = run(&text);
    let lost: Vec<&Event> = kinds(&events, EventKind::FrameLost)
        .into_iter()
        .filter(|e| e.what.frame() == Some(FrameKind::Fetch))
        .collect();
    assert_eq!(lost.len(), 1, "the fetch was lost");
    let asked_again = kinds(&events, EventKind::Fetch)
        .into_iter()
        .filter(|e| e.at > 20_000)
        .map(|e| e.what.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        asked_again,
        [What::Fetch { attempt: 0 }, What::Fetch { attempt: 1 }]
    );
    let ids: Vec<MsgId> = shown_to_han(&events).iter().map(|s| s.0).collect();
    assert_eq!(ids, [letter(1), letter(2), letter(3)]);
}

#[test]
fn a_letter_lost_on_its_way_off_the_shelf_is_shelved_again_and_comes_later() {
    for shelf in ["HandedOver", "Fetched"] {
        // Every try of the three letters down the line after opening is lost
        // (three each: the first and two retries).
        let drops: String = (0..9)
            .map(
                |_| r#"(at_ms: 20010, do: Drop(user: "hanmeimei", toward: Phone, what: Message)),"#,
            )
            .collect();
        let text = closed(&format!("shelf: {shelf},"), "", Some(20_000)).replace(
            "    ],\n    expect",
            &format!("        {drops}\n    ],\n    expect"),
        );
        let (scene, events) = run(&text);
        let again: Vec<&Event> = kinds(&events, EventKind::Shelve)
            .into_iter()
            .filter(|e| {
                e.what
                    == What::Shelve {
                        to: postoffice::sim::DeviceIdx::main(HAN),
                        why: ShelfWhy::NoAnswer,
                    }
            })
            .collect();
        assert_eq!(again.len(), 3, "{shelf}");
        // The caption says plainly it is back on the shelf, in every register.
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        let i = events
            .iter()
            .position(|e| std::ptr::eq(e, again[0]))
            .unwrap();
        for reg in Register::ALL {
            let en = caption(&ctx, i, Lang::En, reg);
            assert!(
                en.contains("shelved again") || en.contains("back on"),
                "{reg:?}: {en}"
            );
            let zh = caption(&ctx, i, Lang::Zh, reg);
            assert!(zh.contains("放回") || zh.contains("重新"), "{reg:?}: {zh}");
        }
        // Shown once each, in order, after all.
        let ids: Vec<MsgId> = shown_to_han(&events).iter().map(|s| s.0).collect();
        assert_eq!(ids, [letter(1), letter(2), letter(3)], "{shelf}");
        assert_eq!(View::from_trace(2, &events).office.shelved, 0, "{shelf}");
    }
}

#[test]
fn expectations_notified_and_displayed_on_a_closed_app() {
    let never_opened = |expect: &str| {
        closed("notifications: NameOnly,", "", None)
            .replace("expect: [],", &format!("expect: [{expect}],"))
    };
    let check = |expect: &str| {
        let scene = parse(&never_opened(expect));
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        scenario::check(&scene.expect, &events, &scene.world)
    };
    let ok = check(r#"Notified(user: "hanmeimei", from: "lilei", by_ms: 5000)"#);
    assert!(ok[0].holds, "{ok:?}");
    let late = check(r#"Notified(user: "hanmeimei", from: "lilei", by_ms: 2000)"#);
    assert!(!late[0].holds);
    let said =
        postoffice::words::detail(&late[0].detail, &parse(&never_opened("")).world, Lang::En);
    assert!(
        said.starts_with("the first notification came at 2."),
        "{said}"
    );
    let none = check(r#"Notified(user: "lilei", from: "hanmeimei", by_ms: 5000)"#);
    assert!(!none[0].holds);
    let said =
        postoffice::words::detail(&none[0].detail, &parse(&never_opened("")).world, Lang::En);
    assert_eq!(said, "the lock screen showed no notification");
    // The words are not in the chat until the app opens.
    let displayed = check(r#"Displayed(to: "hanmeimei", from: "lilei", text: "One")"#);
    assert!(!displayed[0].holds, "{displayed:?}");
}

#[test]
fn bad_files_get_located_errors() {
    let cases = [
        (
            closed(
                "",
                r#"(at_ms: 1200, do: CloseApp(user: "hanmeimei")),"#,
                None,
            ),
            "script[6].do.user: found \"hanmeimei\", whose app is closed since script[2]",
        ),
        (
            scene("", r#"(at_ms: 1000, do: OpenApp(user: "hanmeimei")),"#, ""),
            "script[2].do.user: found \"hanmeimei\", whose app is open since script[1]",
        ),
        (
            scene(
                "",
                r#"(at_ms: 500, do: Logout("hanmeimei")), (at_ms: 1000, do: OpenApp(user: "hanmeimei")),"#,
                "",
            ),
            "who is logged out since script[2]",
        ),
        (
            scene(
                "",
                r#"(at_ms: 500, do: Logout("hanmeimei")), (at_ms: 1000, do: CloseApp(user: "hanmeimei")),"#,
                "",
            ),
            "expected a phone whose app is open (`Login` first)",
        ),
        (
            closed("", r#"(at_ms: 4000, do: Login("hanmeimei")),"#, None),
            "expected `OpenApp(user: \"hanmeimei\")`",
        ),
        (
            closed("", r#"(at_ms: 4000, do: Logout("hanmeimei")),"#, None),
            "before logging out",
        ),
        (
            scene("", r#"(at_ms: 1000, do: CloseApp(user: "hanmei")),"#, ""),
            "script[2].do.user: unknown user \"hanmei\"",
        ),
        (
            scene("notifications: Some(Words),", "", ""),
            "notifications",
        ),
        (
            scene("notifications: Loud,", "", ""),
            "`Off`, `Words`, `NameOnly` or `Hidden`",
        ),
        (scene("shelf: Pulled,", "", ""), "`HandedOver` or `Fetched`"),
        (
            scene(
                "",
                "",
                r#"Notified(user: "hanmeimei", from: "lilei", by_ms: 5000)"#,
            ),
            "expect[0]: found a Notified in a scene without notifications",
        ),
        (
            scene(
                "notifications: Words,",
                "",
                r#"Notified(user: "hanmeimei", from: "hanmeimei", by_ms: 5000)"#,
            ),
            "expect[0].from: found \"hanmeimei\", the one notified",
        ),
        (
            scene(
                "notifications: Words,",
                "",
                r#"Notified(user: "hanmeimei", from: "lilei", by_ms: -5)"#,
            ),
            "expect[0].by_ms",
        ),
    ];
    for (text, want) in cases {
        let said = refused(&text);
        assert!(said.contains(want), "wanted “{want}” in:\n{said}");
        assert!(said.starts_with("t.ron:"), "not located:\n{said}");
    }
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let loss = r#"(at_ms: 1500, do: SetLoss(user: "hanmeimei", loss: 0.4)),
        (at_ms: 4000, do: LinkDown("hanmeimei")),
        (at_ms: 9000, do: LinkUp("hanmeimei")),"#;
    let text = closed("notifications: Words, shelf: Fetched,", loss, Some(20_000));
    let a = run(&text).1;
    let b = run(&text).1;
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let other = run(&text.replace("seed: 5,", "seed: 6,")).1;
    assert_ne!(format!("{a:?}"), format!("{other:?}"), "the seed matters");
}

#[test]
fn the_story_register_says_no_technical_word_and_every_event_has_words() {
    let tunnel = r#"(at_ms: 1500, do: LinkDown("hanmeimei")),
        (at_ms: 2200, do: LinkUp("hanmeimei")),
        (at_ms: 2600, do: Drop(user: "hanmeimei", toward: Phone, what: Any)),"#;
    for shelf in ["HandedOver", "Fetched"] {
        let text = closed(
            &format!("notifications: Words, shelf: {shelf},"),
            tunnel,
            Some(20_000),
        );
        let (scene, events) = run(&text);
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        let new = [
            EventKind::AppClosed,
            EventKind::AppOpened,
            EventKind::Notify,
            EventKind::PushHeld,
            EventKind::Notified,
            EventKind::Fetch,
            EventKind::FetchAnswered,
        ];
        let mut seen = Vec::new();
        for (i, e) in events.iter().enumerate() {
            if !new.contains(&e.what.kind()) {
                continue;
            }
            seen.push(e.what.kind());
            for lang in [Lang::En, Lang::Zh] {
                for reg in Register::ALL {
                    let words = caption(&ctx, i, lang, reg);
                    assert!(words.chars().count() > 10, "{e:?}: {words}");
                    assert!(!words.contains("{") && !words.contains("Idx"), "{words}");
                    if reg == Register::Story {
                        let tech = technical_in(&words, lang);
                        assert!(tech.is_empty(), "{tech:?} in the story's “{words}”");
                    }
                }
            }
        }
        for k in new {
            let fetch = matches!(k, EventKind::Fetch | EventKind::FetchAnswered);
            if fetch == (shelf == "Fetched") || !fetch {
                assert!(seen.contains(&k), "{shelf}: no {k:?} in the scene");
            }
        }
        assert!(events.iter().any(|e| matches!(
            e.what,
            What::FrameLost {
                frame: FrameKind::Push,
                cause: LossCause::Dropped,
                ..
            }
        )));
    }
}

/// Nothing said of a push service where there is none: with `notifications:
/// Off`, no caption of a story with a closed app speaks of notes, the push
/// service or its messenger (in any language or register); with notifications
/// on, the closing of the app says where a note would go.
#[test]
fn without_notifications_no_caption_promises_a_note() {
    let words = ["push", "messenger", "lock screen", "推送", "信使", "锁屏"];
    for (top, on) in [("", false), ("notifications: Words,", true)] {
        let (scene, events) = run(&closed(top, "", Some(20_000)));
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        let closing = events
            .iter()
            .position(|e| e.what == What::AppClosed)
            .expect("the app closes");
        for reg in Register::ALL {
            for lang in [Lang::En, Lang::Zh] {
                let said: Vec<String> = (0..events.len())
                    .map(|i| caption(&ctx, i, lang, reg))
                    .collect();
                let speaks = |t: &str| words.iter().any(|w| t.to_lowercase().contains(w));
                match on {
                    false => {
                        let bad: Vec<&String> = said.iter().filter(|t| speaks(t)).collect();
                        assert!(bad.is_empty(), "{reg:?} {lang:?}: {bad:#?}");
                    }
                    true => assert!(
                        speaks(&said[closing]),
                        "{reg:?} {lang:?}: {}",
                        said[closing]
                    ),
                }
            }
        }
    }
}
