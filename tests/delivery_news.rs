//! The news of a delivery (`ack:N`) reaches the sender however the network treats
//! it: the post office keeps it until the sender confirms it (`ack:C`), sends it
//! again while the sender is online, and hands it over at the sender's next login.
//! So a bubble that said "lost" is corrected once the letter is shown, and a
//! repeated notice is never counted twice.

use postoffice::report::json_lines;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::view::View;
use postoffice::sim::{Event, FrameKind, Lang, Status, What};
use postoffice::words::{Register, caption_of};

fn scene(script: &str, retry: &str) -> Scenario {
    let text = format!(
        r#"(
    title: "news",
    seed: 3,
    heartbeat: (interval_ms: 4000, timeout_ms: 9000),
    retry: {retry},
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    groups: [(id: "g", members: ["lilei", "hanmeimei", "lucy"])],
    script: [{script}],
)"#
    );
    scenario::parse("news.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn run(scene: &Scenario) -> Vec<Event> {
    let mut sim = scene.sim(None, true);
    sim.run();
    sim.take_events()
}

fn sender_sees(events: &[Event]) -> Vec<Status> {
    let s = View::from_trace(3, events);
    s.letters
        .keys()
        .map(|&id| s.sender_sees(id).expect("a bubble"))
        .collect()
}

/// The smallest case found by the hostile-files review: the receipt is dropped, the
/// sender gives up at once and logs out; the recipient is shown the letter later.
const GIVES_UP_AND_LEAVES: &str = r#"
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 500, do: Drop(user: "lilei", toward: Phone, what: Ack)),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 9000, do: Logout("lilei")),
        (at_ms: 12000, do: Login("hanmeimei")),
        (at_ms: 20000, do: Login("lilei")),
"#;

#[test]
fn a_letter_given_up_as_lost_ends_delivered_once_the_sender_is_back() {
    let events = run(&scene(
        GIVES_UP_AND_LEAVES,
        "(check_ms: 1000, grace_ms: 700, max_retries: 0)",
    ));
    let lost = events
        .iter()
        .position(|e| matches!(e.what, What::Lost { .. }))
        .expect("the sender gives up first");
    let told_later = events
        .iter()
        .position(|e| matches!(e.what, What::NewsHandedOver { .. }))
        .expect("the post office hands over the news it kept");
    let delivered = events
        .iter()
        .position(|e| matches!(e.what, What::Delivered { count: 1, of: 1 }))
        .expect("the bubble is corrected");
    assert!(lost < told_later && told_later < delivered);
    assert!(
        events[told_later].at >= 20_000,
        "at the sender's next login"
    );
    assert_eq!(
        sender_sees(&events),
        [Status::Delivered { count: 1, of: 1 }]
    );

    // In JSON, the sender's `delivered` comes after its `lost`.
    let sc = scene(GIVES_UP_AND_LEAVES, "(max_retries: 0)");
    let json = json_lines(&events, &sc.world, &sc.settings, Register::Both);
    let kinds: Vec<String> = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].to_string())
        .collect();
    let lost = kinds.iter().position(|k| k == "\"lost\"").unwrap();
    let delivered = kinds.iter().position(|k| k == "\"delivered\"").unwrap();
    assert!(lost < delivered);
}

#[test]
fn when_the_sender_is_away_nobody_says_it_was_told() {
    let events = run(&scene(
        GIVES_UP_AND_LEAVES,
        "(check_ms: 1000, grace_ms: 700, max_retries: 0)",
    ));
    let sc = scene(GIVES_UP_AND_LEAVES, "(max_retries: 0)");
    let (world, settings) = (&sc.world, sc.settings);
    let ack = events
        .iter()
        .find(|e| matches!(e.what, What::Acknowledged { .. }))
        .expect("Han Meimei's phone confirms");
    assert_eq!(
        ack.what,
        What::Acknowledged {
            by: postoffice::sim::UserIdx(1),
            told: false,
            device: postoffice::sim::DeviceIdx(1),
        }
    );
    for lang in [Lang::En, Lang::Zh] {
        let words = caption_of(ack, lang, Register::Both, world, &settings);
        assert!(
            !words.contains("tells") && !words.contains("并通知"),
            "{words}"
        );
        assert!(words.contains("keeps") || words.contains("记下"), "{words}");
    }
    // And no notice left on the wire while he was away.
    let away = events
        .iter()
        .filter(|e| (9_000..20_000).contains(&e.at))
        .filter(|e| {
            matches!(
                e.what,
                What::FrameOut {
                    frame: FrameKind::AckN,
                    ..
                }
            )
        });
    assert_eq!(away.count(), 0);
}

#[test]
fn a_lost_notice_is_sent_again_while_the_sender_is_online() {
    // The receipt is dropped (so the sender gives up), then the first delivery
    // notice is dropped too: the post office sends it again.
    let events = run(&scene(
        r#"
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 500, do: Drop(user: "lilei", toward: Phone, what: Ack)),
        (at_ms: 500, do: Drop(user: "lilei", toward: Phone, what: Ack)),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
"#,
        "(check_ms: 1000, grace_ms: 700, max_retries: 0)",
    ));
    let lost_notice = events.iter().any(|e| {
        matches!(
            e.what,
            What::FrameLost {
                frame: FrameKind::AckN,
                ..
            }
        )
    });
    assert!(lost_notice, "the first notice is lost");
    // max_retries 0: no retry, so the news is kept and handed over at the next
    // heartbeat.
    assert!(
        events
            .iter()
            .any(|e| matches!(e.what, What::NewsKept { .. }))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.what, What::NewsHandedOver { .. }))
    );
    assert_eq!(
        sender_sees(&events),
        [Status::Delivered { count: 1, of: 1 }]
    );

    // With retries allowed, the post office sends it again on its own.
    let events = run(&scene(
        r#"
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1100, do: Drop(user: "lilei", toward: Phone, what: Ack)),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
"#,
        "(check_ms: 1000, grace_ms: 700, max_retries: 2)",
    ));
    let retried = events.iter().any(|e| {
        matches!(
            e.what,
            What::Retry {
                frame: FrameKind::AckN,
                ..
            }
        )
    });
    assert!(retried, "the notice is sent again");
    assert_eq!(
        sender_sees(&events),
        [Status::Delivered { count: 1, of: 1 }]
    );
}

#[test]
fn a_repeated_notice_is_confirmed_again_but_counted_once() {
    // The sender's confirmations are lost: the post office repeats the news for
    // each member; the bubble counts each member once.
    let events = run(&scene(
        r#"
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 500, do: SetLoss(user: "lilei", loss: 0.0)),
        (at_ms: 1000, do: SendGroup(from: "lilei", group: "g", text: "Hi all")),
        (at_ms: 1150, do: Drop(user: "lilei", toward: Server, what: Ack)),
        (at_ms: 1150, do: Drop(user: "lilei", toward: Server, what: Ack)),
"#,
        "(check_ms: 1000, grace_ms: 700, max_retries: 2)",
    ));
    let notices = events
        .iter()
        .filter(|e| {
            matches!(
                e.what,
                What::FrameOut {
                    frame: FrameKind::AckN,
                    ..
                }
            )
        })
        .count();
    let confirmations_lost = events
        .iter()
        .filter(|e| {
            matches!(
                e.what,
                What::FrameLost {
                    frame: FrameKind::AckC,
                    ..
                }
            )
        })
        .count();
    assert_eq!(confirmations_lost, 2, "both first confirmations are lost");
    assert!(notices > 2, "so the news is sent again ({notices} notices)");
    let counts: Vec<(u32, u32)> = events
        .iter()
        .filter_map(|e| match e.what {
            What::Delivered { count, of } => Some((count, of)),
            _ => None,
        })
        .collect();
    assert_eq!(counts, [(1, 2), (2, 2)], "each member counted once");
    assert_eq!(
        sender_sees(&events),
        [Status::Delivered { count: 2, of: 2 }]
    );
}

#[test]
fn the_lost_caption_says_how_often_the_phone_tried() {
    let events = run(&scene(
        GIVES_UP_AND_LEAVES,
        "(check_ms: 1000, grace_ms: 700, max_retries: 0)",
    ));
    let sc = scene(GIVES_UP_AND_LEAVES, "(max_retries: 0)");
    let (world, settings) = (&sc.world, sc.settings);
    let lost = events
        .iter()
        .find(|e| matches!(e.what, What::Lost { .. }))
        .unwrap();
    let words = caption_of(lost, Lang::En, Register::Both, world, &settings);
    assert!(!words.contains("again and again"), "{words}");
    assert!(words.contains("only once"), "{words}");
}
