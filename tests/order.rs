//! Order across senders (`order:`): two people who write in one conversation at the
//! same moment see their screens disagree when each phone orders its own screen,
//! and agree when the post office numbers the letters; a phone then sends a
//! conversation's letters one at a time, so each sender's own order holds, and its
//! own bubble moves to its number's place. Bad values get located errors.

use postoffice::scenario::{self, Detail, Expectation, Scenario};
use postoffice::sim::{Event, EventKind, Order, What};

/// A group of three; Li Lei and Han Meimei write to it at the same moment, and
/// Li Lei once more just after; `extra` goes into the script, `order` at the top.
fn scene(order: &str, seed: u64, extra: &str) -> String {
    format!(
        r#"(
    title: "Two at once",
    {order}
    seed: {seed},
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    groups: [(id: "class1", name: "Class 1", members: ["lilei", "hanmeimei", "lucy"])],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        {extra}
        (at_ms: 1000, do: SendGroup(from: "lilei", group: "class1", text: "Who has the ball?")),
        (at_ms: 1000, do: SendGroup(from: "hanmeimei", group: "class1", text: "Meet at 4")),
        (at_ms: 1200, do: SendGroup(from: "lilei", group: "class1", text: "I can't today")),
    ],
    expect: [SameOrder(group: "class1")],
)"#
    )
}

fn run(text: &str) -> (Scenario, Vec<Event>) {
    let scene = scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (scene, events)
}

fn same_order(text: &str) -> (bool, Detail) {
    let (scene, events) = run(text);
    let o = scenario::check(&scene.expect, &events, &scene.world);
    assert!(matches!(o[0].expectation, Expectation::SameOrder(_)));
    (o[0].holds, o[0].detail.clone())
}

fn kind_of(events: &[Event], kind: EventKind, words: &str) -> Vec<usize> {
    (0..events.len())
        .filter(|&i| {
            events[i].what.kind() == kind
                && events[i]
                    .msg
                    .as_ref()
                    .is_some_and(|m| &*m.text().expect("words").en == words)
        })
        .collect()
}

#[test]
fn each_phone_first_shows_its_own_so_screens_disagree_and_numbers_make_them_agree() {
    for seed in 0..30 {
        let (holds, detail) = same_order(&scene("", seed, ""));
        assert!(!holds, "seed {seed}: the screens agree without numbers");
        assert!(
            matches!(detail, Detail::Disagree { .. }),
            "seed {seed}: {detail:?}"
        );
        let (holds, detail) = same_order(&scene("order: PostOffice,", seed, ""));
        assert!(holds, "seed {seed}: numbered screens disagree: {detail:?}");
        let Detail::SameOrder(texts) = detail else {
            panic!("seed {seed}: {detail:?}")
        };
        assert_eq!(texts.len(), 3, "seed {seed}: every screen shows all three");
    }
}

#[test]
fn the_default_order_draws_no_number_and_holds_nothing_back() {
    let (scene, events) = run(&scene("order: EachPhone,", 3, ""));
    assert_eq!(scene.settings.order, Order::EachPhone);
    let (_, default) = run(&scene_text_without_order());
    assert_eq!(events, default, "`order: EachPhone` is the default");
    for e in &events {
        assert!(
            ![
                EventKind::Numbered,
                EventKind::HeldBack,
                EventKind::Reordered
            ]
            .contains(&e.what.kind()),
            "{e:?}"
        );
        assert!(e.msg.as_ref().is_none_or(|m| m.place == 0));
    }
}

fn scene_text_without_order() -> String {
    scene("", 3, "")
}

#[test]
fn a_lost_first_letter_holds_the_next_back_so_the_senders_order_holds() {
    let drop = r#"(at_ms: 999, do: Drop(user: "lilei", toward: Server, what: Message)),"#;
    // Each phone ordering: the post office accepts the later letter first.
    let (_, events) = run(&scene("", 5, drop));
    let first = kind_of(&events, EventKind::Verify, "Who has the ball?")[0];
    let second = kind_of(&events, EventKind::Verify, "I can't today")[0];
    assert!(second < first, "without numbers the later letter overtakes");
    assert!(kind_of(&events, EventKind::HeldBack, "I can't today").is_empty());
    // Numbered: the later letter waits its turn and gets the later number.
    let (_, events) = run(&scene("order: PostOffice,", 5, drop));
    let held = kind_of(&events, EventKind::HeldBack, "I can't today");
    assert_eq!(held.len(), 1, "held back once");
    let receipt = kind_of(&events, EventKind::Receipt, "Who has the ball?")[0];
    let sent = kind_of(&events, EventKind::Send, "I can't today")[0];
    assert!(
        held[0] < receipt && receipt < sent,
        "sent once the first has ✓"
    );
    let number = |words: &str| match events[kind_of(&events, EventKind::Numbered, words)[0]].what {
        What::Numbered { number } => number,
        _ => unreachable!(),
    };
    assert!(number("Who has the ball?") < number("I can't today"));
    let (holds, detail) = same_order(&scene("order: PostOffice,", 5, drop));
    assert!(holds, "{detail:?}");
}

#[test]
fn a_senders_own_bubble_moves_to_its_numbers_place() {
    // Li Lei's receipt is lost: Han Meimei's letter, numbered after his, reaches
    // his screen first and stands above his letter, still on its way; the number
    // then moves his bubble up.
    let drop = r#"(at_ms: 999, do: Drop(user: "lilei", toward: Phone, what: Ack)),"#;
    let mut moved = 0;
    for seed in 0..30 {
        let text = scene("order: PostOffice,", seed, drop);
        let (_, events) = run(&text);
        for i in kind_of(&events, EventKind::Reordered, "Who has the ball?") {
            let What::Reordered { from, to, .. } = events[i].what else {
                unreachable!()
            };
            assert!(to < from, "seed {seed}: it moves up");
            moved += 1;
        }
        let (holds, detail) = same_order(&text);
        assert!(holds, "seed {seed}: {detail:?}");
    }
    assert!(moved > 0, "in some seed the bubble moves");
}

fn mistake(text: &str) -> String {
    match scenario::parse("t.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_orders_and_conversations_get_located_errors() {
    let with_order = |v: &str| scene(v, 1, "");
    for (order, message) in [
        (
            "order: Server,",
            "t.ron:3:12: order: found `Server`; expected `EachPhone` or `PostOffice`",
        ),
        (
            "order: PostOfice,",
            "t.ron:3:12: order: found `PostOfice` (did you mean `PostOffice`?); expected `EachPhone` or `PostOffice`",
        ),
        (
            "order: \"PostOffice\",",
            "t.ron:3:12: order: found the text \"PostOffice\"; expected `EachPhone` or `PostOffice`",
        ),
    ] {
        let got = mistake(&with_order(order));
        assert!(got.contains(message), "{order}: {got}");
    }
    let base = scene("", 1, "");
    for (expect, message) in [
        (
            r#"SameOrder(group: "clas1")"#,
            r#"expect[0].group: unknown group "clas1" (did you mean "class1"?)"#,
        ),
        (
            "SameOrder()",
            "expect[0]: found neither `group` nor `between`; expected one conversation",
        ),
        (
            r#"SameOrder(group: "class1", between: ("lilei", "lucy"))"#,
            "expect[0]: found both `group` and `between`",
        ),
        (
            r#"SameOrder(between: ("lilei", "lilei"))"#,
            r#"expect[0].between: found "lilei" twice; expected two different users"#,
        ),
        (
            r#"SameOrder(between: ("lilei", "lucyy"))"#,
            r#"expect[0].between[1]: unknown user "lucyy" (did you mean "lucy"?)"#,
        ),
        (
            r#"SameOrder(between: "lilei")"#,
            r#"expect[0].between: found the text "lilei"; expected a pair of user ids"#,
        ),
        (
            r#"SameOrder(grup: "class1")"#,
            "expect[0]: found the field `grup` (did you mean `group`?)",
        ),
    ] {
        let text = base.replace(r#"SameOrder(group: "class1")"#, expect);
        let got = mistake(&text);
        assert!(got.contains(message), "{expect}: {got}");
        assert!(got.starts_with("t.ron:"), "{expect}: {got}");
    }
}

#[test]
fn same_order_between_two_people() {
    let text = r#"(
    title: "Two at once",
    ORDER
    seed: 2,
    users: [(id: "lilei"), (id: "hanmeimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Tea?")),
        (at_ms: 1000, do: Send(from: "hanmeimei", to: "lilei", text: "Coffee?")),
    ],
    expect: [SameOrder(between: ("hanmeimei", "lilei"))],
)"#;
    let (holds, _) = same_order(&text.replace("ORDER", ""));
    assert!(!holds, "each sees their own first");
    let (holds, detail) = same_order(&text.replace("ORDER", "order: PostOffice,"));
    assert!(holds, "{detail:?}");
}

#[test]
fn a_question_at_an_order_road_in_a_scene_without_numbers_says_why_it_never_comes() {
    let text = scene("", 1, "").replace(
        "expect: [SameOrder(group: \"class1\")],",
        "questions: [(at: Road(letter: \"Meet at 4\", road: Numbered), ask: \"Which number?\")],",
    );
    let scene = scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let e = scene
        .check_moments()
        .expect_err("the moment never comes")
        .to_string();
    assert!(
        e.contains("questions[0].at.road: the letter \"Meet at 4\" never reaches `Numbered`"),
        "{e}"
    );
    assert!(
        e.contains("(this road is taken only in a scene with `order: PostOffice`)"),
        "{e}"
    );
}

/// `Order` naming the same words more than once: a screen that shows them fewer
/// times says so ("named twice but shown once"), not "out of order"; a screen
/// that has them all but in another order is out of order; both in both languages.
#[test]
fn the_same_words_named_twice_are_counted_not_called_out_of_order() {
    // Li Lei writes `sends` letters to Han Meimei; from 1500 ms his phone has no
    // signal (the later ones are never posted).
    let scene = |sends: &[(u64, &str)], want: &[&str]| {
        let script: Vec<String> = sends
            .iter()
            .map(|(at, w)| {
                format!(r#"(at_ms: {at}, do: Send(from: "lilei", to: "hanmeimei", text: "{w}")),"#)
            })
            .collect();
        let want: Vec<String> = want.iter().map(|w| format!("\"{w}\"")).collect();
        format!(
            r#"(
    title: "Twice",
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1500, do: LinkDown("lilei")),
        {}
    ],
    expect: [Order(to: "hanmeimei", texts: [{}])],
)"#,
            script.join("\n        "),
            want.join(", ")
        )
    };
    let order = |text: &str| {
        let (scene, events) = run(text);
        let o = scenario::check(&scene.expect, &events, &scene.world);
        let words = |lang| postoffice::words::detail(&o[0].detail, &scene.world, lang);
        (
            o[0].holds,
            o[0].detail.clone(),
            words(postoffice::sim::Lang::En),
            words(postoffice::sim::Lang::Zh),
        )
    };
    let sent = [(1000, "Hi"), (1200, "Hi"), (1400, "Bye")];
    // Both shown: holds.
    let (holds, ..) = order(&scene(&sent, &["Hi", "Hi", "Bye"]));
    assert!(holds);
    // Named three times, shown twice.
    let (holds, detail, en, zh) = order(&scene(&sent, &["Hi", "Hi", "Hi"]));
    assert!(!holds);
    assert!(
        matches!(
            detail,
            Detail::TooFew {
                wanted: 3,
                shown: 2,
                ..
            }
        ),
        "{detail:?}"
    );
    assert!(en.contains("named 3 times but shown twice"), "{en}");
    assert!(zh.contains("要显示三次，屏幕上只有两次"), "{zh}");
    // The second "Hi" never leaves the phone: named twice, shown once.
    let late = [(1000, "Hi"), (2000, "Hi")];
    let (holds, detail, en, _) = order(&scene(&late, &["Hi", "Hi"]));
    assert!(!holds);
    assert!(
        matches!(
            detail,
            Detail::TooFew {
                wanted: 2,
                shown: 1,
                ..
            }
        ),
        "{detail:?}"
    );
    assert!(!en.contains("out of order"), "{en}");
    // All there, another order: out of order.
    let (holds, detail, ..) = order(&scene(&sent, &["Bye", "Hi", "Hi"]));
    assert!(!holds);
    assert!(matches!(detail, Detail::OutOfOrder(_)), "{detail:?}");
}
