//! Recall (issue 25): `Recall(letter: …)` takes a letter back within the post
//! office's limit (`recall: (limit_ms:)`, checked where the recall arrives):
//! every copy is torn up — the writer's, the archive's, each addressee's — and
//! each screen shows the notice instead; what was on a screen is kept in the
//! trace. After the limit it is refused and nothing changes. An offline
//! addressee's recall waits on the shelf with its letter, and she never sees the
//! words. Bad files get located errors.

use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Event, MsgId, NotRecalled, RecallRefusal, Sim, UserIdx, What};

/// Li Lei, Han Meimei and Jim, friends, and a group of the three; `top` at the
/// top of the file, `script` after the logins of `online`.
fn scene(top: &str, online: &[&str], script: &str) -> String {
    let logins: String = online
        .iter()
        .map(|u| format!(r#"(at_ms: 0, do: Login("{u}")),"#))
        .collect();
    format!(
        r#"(
    title: "Recall",
    {top}
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "jim", name: "Jim")],
    friends: [("lilei", "hanmeimei"), ("lilei", "jim"), ("hanmeimei", "jim")],
    groups: [(id: "class", name: "Class", members: ["lilei", "hanmeimei", "jim"])],
    script: [
        {logins}
        {script}
    ],
)"#
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

fn run(text: &str) -> (Sim, Vec<Event>) {
    let scene = parse(text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (sim, events)
}

const HELLO: MsgId = MsgId {
    from: UserIdx(0),
    n: 1,
};
const LI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);
const JIM: UserIdx = UserIdx(2);

fn of<T>(events: &[Event], f: impl Fn(&What) -> Option<T>) -> Vec<T> {
    events.iter().filter_map(|e| f(&e.what)).collect()
}

/// Whether `u`'s home mailbox still holds letter `id`'s words.
fn holds_words(sim: &Sim, u: UserIdx, id: MsgId) -> bool {
    sim.phone(postoffice::sim::DeviceIdx::main(u))
        .db
        .iter()
        .any(|e| e.id == id && !e.text().expect("words").en.is_empty())
}

/// The `recalled` events of letter `id`, by phone: (phone, seen_ms, early).
fn recalled(events: &[Event], id: MsgId) -> Vec<(postoffice::sim::DeviceIdx, Option<u64>, bool)> {
    events
        .iter()
        .filter(|e| e.msg.as_ref().is_some_and(|m| m.id == id))
        .filter_map(|e| match (e.actor, &e.what) {
            (postoffice::sim::Actor::Phone(u), What::Recalled { seen_ms, early, .. }) => {
                Some((u, *seen_ms, *early))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn within_the_limit_every_copy_is_torn_up_and_what_was_seen_is_kept() {
    let (sim, events) = run(&scene(
        "",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 41000, do: Recall(letter: "Oops")),"#,
    ));
    let accepted = of(&events, |w| match w {
        What::RecallAccepted { age_ms, copies } => Some((*age_ms, *copies)),
        _ => None,
    });
    assert_eq!(accepted.len(), 1, "{accepted:?}");
    let (age, copies) = accepted[0];
    assert_eq!(copies, 1);
    assert!((39_000..41_000).contains(&age), "age {age}");
    let r = recalled(&events, HELLO);
    assert_eq!(r.len(), 2, "{r:?}");
    let han = r
        .iter()
        .find(|x| x.0 == postoffice::sim::DeviceIdx::main(HAN))
        .expect("Han's copy torn up");
    let seen = han.1.expect("it was on her screen");
    assert!((39_000..41_000).contains(&seen), "seen {seen}");
    assert!(
        r.iter()
            .any(|x| x.0 == postoffice::sim::DeviceIdx::main(LI) && x.1.is_none())
    );
    for u in [LI, HAN] {
        assert!(!holds_words(&sim, u, HELLO), "{u:?} keeps the words");
        assert!(sim.phone(postoffice::sim::DeviceIdx::main(u)).torn(HELLO));
    }
    assert!(sim.post_office().recalled(HELLO));
    // Displayed once, before: the trace keeps that it was read.
    let shown = events
        .iter()
        .position(|e| matches!(e.what, What::Display { .. }))
        .unwrap();
    let torn = events
        .iter()
        .position(|e| {
            e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(HAN))
                && matches!(e.what, What::Recalled { .. })
        })
        .unwrap();
    assert!(shown < torn);
}

#[test]
fn the_limit_is_the_post_offices_and_a_late_recall_changes_nothing() {
    // The recall leaves at the limit's last moment but arrives after it.
    let text = scene(
        "network: (latency_ms: (300, 300), loss: 0.0), recall: (limit_ms: 10000),",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 11200, do: Recall(letter: "Oops")),"#,
    );
    let (sim, events) = run(&text);
    let refusals = of(&events, |w| match w {
        What::RecallRefused { why, age_ms } => Some((*why, *age_ms)),
        _ => None,
    });
    // Accepted at 1300, the recall sent at 11200 (9900 ms later) arrives at
    // 11500: 10200 ms after.
    assert_eq!(refusals, vec![(RecallRefusal::TooLate, 10_200)]);
    let declined = of(&events, |w| match w {
        What::RecallDeclined { why } => Some(*why),
        _ => None,
    });
    assert_eq!(declined, vec![RecallRefusal::TooLate]);
    assert!(recalled(&events, HELLO).is_empty());
    assert!(holds_words(&sim, HAN, HELLO) && holds_words(&sim, LI, HELLO));
    assert!(!sim.post_office().recalled(HELLO));
    // One sent a little earlier is in time.
    let (_, events) = run(&text.replace("11200", "10800"));
    assert_eq!(recalled(&events, HELLO).len(), 2);
}

#[test]
fn an_offline_recipient_never_sees_the_words() {
    let (sim, events) = run(&scene(
        "",
        &["lilei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 5000, do: Recall(letter: "Oops")),
        (at_ms: 20000, do: Login("hanmeimei")),"#,
    ));
    let shelved = of(&events, |w| match w {
        What::RecallShelved { to, .. } => Some(*to),
        _ => None,
    });
    assert_eq!(shelved, vec![postoffice::sim::DeviceIdx::main(HAN)]);
    let from_shelf = of(&events, |w| match w {
        What::RecallPassed { to, from_shelf, .. } => Some((*to, *from_shelf)),
        _ => None,
    });
    assert_eq!(
        from_shelf,
        vec![(postoffice::sim::DeviceIdx::main(HAN), true)]
    );
    // Both waited on the shelf; the letter is torn up there, never sent down
    // her line: no copy of it leaves the shelf, none reaches her phone.
    let on_shelf = of(&events, |w| match w {
        What::RecallShelved {
            letter_on_shelf, ..
        }
        | What::RecallPassed {
            letter_on_shelf, ..
        } => Some(*letter_on_shelf),
        _ => None,
    });
    assert_eq!(on_shelf, vec![true, true]);
    let went_down = events.iter().any(|e| {
        matches!(e.what, What::Unshelve { .. } | What::Forward { .. })
            || (e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(HAN))
                && matches!(e.what, What::Duplicate | What::Arrive))
    });
    assert!(!went_down, "the recalled letter left the shelf");
    assert_eq!(
        sim.post_office()
            .shelf(postoffice::sim::DeviceIdx::main(HAN))
            .count(),
        0
    );
    let han_shown = events.iter().any(|e| {
        e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(HAN))
            && matches!(e.what, What::Display { .. })
    });
    assert!(!han_shown, "the words reached her screen");
    let r = recalled(&events, HELLO);
    assert!(
        r.contains(&(postoffice::sim::DeviceIdx::main(HAN), None, true)),
        "{r:?}"
    );
    assert!(!holds_words(&sim, HAN, HELLO));
    // Her notice stands in its place: one bubble.
    let bubbles = sim
        .phone(postoffice::sim::DeviceIdx::main(HAN))
        .chat
        .iter()
        .filter(|b| b.id == HELLO)
        .count();
    assert_eq!(bubbles, 1);
}

#[test]
fn a_group_letter_is_recalled_from_every_member() {
    let (sim, events) = run(&scene(
        "",
        &["lilei", "hanmeimei", "jim"],
        r#"(at_ms: 1000, do: SendGroup(from: "lilei", group: "class", text: "Oops")),
        (at_ms: 9000, do: Recall(letter: "Oops")),"#,
    ));
    let copies = of(&events, |w| match w {
        What::RecallAccepted { copies, .. } => Some(*copies),
        _ => None,
    });
    assert_eq!(copies, vec![2]);
    for u in [LI, HAN, JIM] {
        assert!(!holds_words(&sim, u, HELLO), "{u:?}");
        assert!(
            sim.phone(postoffice::sim::DeviceIdx::main(u)).torn(HELLO),
            "{u:?}"
        );
    }
}

#[test]
fn a_recall_that_cannot_go_sends_nothing_and_says_why() {
    let (_, events) = run(&scene(
        "",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 900, do: LinkDown("lilei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 1500, do: Recall(letter: "Oops")),"#,
    ));
    let why = of(&events, |w| match w {
        What::RecallIgnored { why } => Some(*why),
        _ => None,
    });
    assert_eq!(why, vec![NotRecalled::NotPosted]);
    let (_, events) = run(&scene(
        "",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 5000, do: Recall(letter: "Oops")),
        (at_ms: 9000, do: Recall(letter: "Oops")),"#,
    ));
    let why = of(&events, |w| match w {
        What::RecallIgnored { why } => Some(*why),
        _ => None,
    });
    assert_eq!(why, vec![NotRecalled::Already]);
}

#[test]
fn under_loss_every_accepted_recall_reaches_every_copy() {
    for seed in 0..40 {
        let text = scene(
            &format!("seed: {seed}, network: (latency_ms: (40, 120), loss: 0.3),"),
            &["lilei", "hanmeimei", "jim"],
            r#"(at_ms: 1000, do: SendGroup(from: "lilei", group: "class", text: "Oops")),
        (at_ms: 30000, do: Recall(letter: "Oops")),"#,
        );
        let (sim, events) = run(&text);
        let accepted = of(&events, |w| match w {
            What::RecallAccepted { .. } => Some(()),
            _ => None,
        });
        if accepted.is_empty() {
            continue;
        }
        for u in [LI, HAN, JIM] {
            assert!(
                !holds_words(&sim, u, HELLO),
                "seed {seed}: {u:?} keeps the words"
            );
        }
        // Whoever had it on screen, or was due it, shows the notice.
        for u in [HAN, JIM] {
            let p = sim.phone(postoffice::sim::DeviceIdx::main(u));
            if p.chat.iter().any(|b| b.id == HELLO) {
                assert!(p.torn(HELLO), "seed {seed}: {u:?}");
            }
        }
    }
}

#[test]
fn runs_are_the_same_byte_for_byte() {
    let text = scene(
        "seed: 5, network: (latency_ms: (40, 120), loss: 0.3),",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 20000, do: Recall(letter: "Oops")),"#,
    );
    let a = format!("{:?}", run(&text).1);
    let b = format!("{:?}", run(&text).1);
    assert_eq!(a, b);
}

#[test]
fn bad_files_get_located_errors() {
    let e = refused(&scene(
        "recall: (limit_ms: 0),",
        &["lilei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),"#,
    ));
    assert!(e.contains("recall.limit_ms"), "{e}");
    let e = refused(&scene(
        "",
        &["lilei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 2000, do: Recall(letter: "Opps")),"#,
    ));
    assert!(e.contains("t.ron:") && e.contains("Oops"), "{e}");
    let e = refused(&scene(
        "",
        &["lilei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 500, do: Recall(letter: "Oops")),"#,
    ));
    assert!(
        e.contains("script[2].at_ms") && e.contains("post office may have it"),
        "{e}"
    );
}

/// What the picture reads (`View`): the notice on each bubble, the archive copy
/// torn up, the recall on the shelf beside its letter while Jim is away, and the
/// recall's card moving (never resting), as envelopes and receipts do.
#[test]
fn the_view_says_what_the_picture_needs() {
    use postoffice::sim::view::{Place, Token, View};
    let text = scene(
        "",
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: SendGroup(from: "lilei", group: "class", text: "Oops")),
        (at_ms: 5000, do: Recall(letter: "Oops")),
        (at_ms: 20000, do: Login("jim")),"#,
    );
    let scene = parse(&text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let mut view = View::new(scene.world.phones());
    let mut cards = Vec::new();
    let mut waited = false;
    for e in &events {
        let moved = view.apply(e);
        if let Some(m) = moved.moving.filter(|m| m.token == Token::Recall) {
            cards.push((m.from, m.to));
        }
        if e.at < 20_000
            && view
                .recalls
                .get(&HELLO)
                .is_some_and(|r| r.on_shelf.contains(&postoffice::sim::DeviceIdx::main(JIM)))
        {
            // Beside the letter it cancels.
            waited |= view
                .kept
                .get(&HELLO)
                .is_some_and(|k| k.shelf.contains(&postoffice::sim::DeviceIdx::main(JIM)));
        }
    }
    assert!(waited, "the recall waited on the shelf beside its letter");
    let r = &view.recalls[&HELLO];
    assert_eq!(r.answer, Some(Ok(())));
    assert!(r.archive_torn && r.on_shelf.is_empty());
    assert!(
        r.seen.contains_key(&postoffice::sim::DeviceIdx::main(HAN))
            && !r.seen.contains_key(&postoffice::sim::DeviceIdx::main(JIM))
    );
    for u in [LI, HAN, JIM] {
        assert!(
            view.shows_notice(postoffice::sim::DeviceIdx::main(u), HELLO),
            "{u:?}"
        );
        let bubbles = view.phones[u.index()]
            .chat
            .iter()
            .filter(|b| b.id == HELLO)
            .count();
        assert_eq!(bubbles, 1, "{u:?}: one bubble, the notice");
    }
    let kept = &view.kept[&HELLO];
    assert!(!kept.sender && !kept.archive && kept.recipients.is_empty());
    // The card: the writer's screen → postman → counter; to the sorting desk and
    // the shelf; to each screen.
    assert!(
        cards.contains(&(
            Place::Screen(postoffice::sim::DeviceIdx::main(LI)),
            Place::Postman(postoffice::sim::DeviceIdx::main(LI))
        )),
        "{cards:?}"
    );
    assert!(cards.contains(&(Place::Counter, Place::Shelf)), "{cards:?}");
    assert!(cards.contains(&(Place::Shelf, Place::Sorting)), "{cards:?}");
    for u in [LI, HAN, JIM] {
        assert!(
            cards
                .iter()
                .any(|c| c.1 == Place::Screen(postoffice::sim::DeviceIdx::main(u))),
            "{u:?}: {cards:?}"
        );
    }
    // Cards never rest: no envelope of the letter is left anywhere.
    assert!(
        !view.envelopes.keys().any(|c| c.id == HELLO),
        "{:?}",
        view.envelopes
    );
}
