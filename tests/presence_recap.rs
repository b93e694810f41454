//! The recap card and the timeline's closing tally count the online dots and
//! "typing…" of a story (issue 22) from its trace: the numbers they say are the
//! trace's, and change when the story does. A story without dots or "typing…" says
//! nothing about them (its recap and tally stay as they were).

use postoffice::scenario::{self, builtin};
use postoffice::sim::{Event, FrameKind, Lang, What};
use postoffice::words::{self, Context, Register};

/// `n` friends (all friends with each other) who log in one by one; the first
/// `out` of them log out later; `extra` script entries.
fn scene(presence: &str, n: usize, out: usize, extra: &str) -> String {
    let ids: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let users: Vec<String> = ids.iter().map(|id| format!("(id: \"{id}\")")).collect();
    let mut friends = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            friends.push(format!("(\"{}\", \"{}\")", ids[a], ids[b]));
        }
    }
    let mut script: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("(at_ms: {}, do: Login(\"{id}\"))", i * 1000))
        .collect();
    for id in &ids[..out] {
        script.push(format!("(at_ms: 20000, do: Logout(\"{id}\"))"));
    }
    format!(
        r#"(
    title: "Dots",
    {presence}
    seed: 4,
    users: [{}],
    friends: [{}],
    script: [{}, {extra}],
    until_ms: 40000,
)"#,
        users.join(", "),
        friends.join(", "),
        script.join(", ")
    )
}

/// The trace, the recap's lines and the closing tally, in `lang` and `reg`.
fn told(text: &str, lang: Lang, reg: Register) -> (Vec<Event>, String, Option<String>) {
    let scene = scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let ctx = Context::new(&scene.world, &scene.settings, &events);
    let recap = words::recap(&ctx, lang, reg).join("\n");
    let tally = words::tally(&ctx, lang, reg);
    (events, recap, tally)
}

fn frames_out(events: &[Event], kind: FrameKind) -> usize {
    events
        .iter()
        .filter(|e| matches!(e.what, What::FrameOut { frame, .. } if frame == kind))
        .count()
}

#[test]
fn the_recap_says_the_traces_count_of_online_notices() {
    let mut seen = std::collections::BTreeSet::new();
    for n in 2..=5 {
        for out in 0..=2.min(n) {
            let (events, recap, tally) = told(
                &scene("presence: Push,", n, out, ""),
                Lang::En,
                Register::Both,
            );
            let told = frames_out(&events, FrameKind::Presence);
            assert!(told > 0, "{n} friends");
            seen.insert(told);
            let says =
                format!("Beside the letters: {told} online notices went, none kept or sent again.");
            assert!(recap.contains(&says), "{n} friends, {out} out: {recap}");
            assert!(
                tally.as_deref().is_some_and(|t| t.contains(&says)),
                "{tally:?}"
            );
            assert!(!recap.contains("who is online"), "{recap}");
            let (_, zh, _) = told_in_zh(&scene("presence: Push,", n, out, ""));
            assert!(
                zh.contains(&format!("发出了{}条在线通知", zh_count(told))),
                "{zh}"
            );
        }
    }
    // The number follows the story: more friends, more logouts, more notices.
    assert!(seen.len() >= 6, "{seen:?}");
}

fn told_in_zh(text: &str) -> (Vec<Event>, String, Option<String>) {
    told(text, Lang::Zh, Register::Both)
}

/// As the recap writes a count in Chinese: small ones in words.
fn zh_count(n: usize) -> String {
    let words = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    words
        .get(n)
        .map_or_else(|| format!(" {n}\u{a0}"), |w| (*w).to_string())
}

#[test]
fn asking_is_counted_question_by_question() {
    for every in [2000, 5000, 10000] {
        let text = scene(&format!("presence: Pull(every_ms: {every}),"), 3, 1, "");
        let (events, recap, _) = told(&text, Lang::En, Register::Both);
        let asked = frames_out(&events, FrameKind::PresenceAsk);
        let answered = frames_out(&events, FrameKind::Presence);
        assert!(asked > 3, "every {every} ms");
        let says = format!("{asked} questions “who is online?” and {answered} online notices went");
        assert!(recap.contains(&says), "every {every} ms: {recap}");
        let (_, eng, _) = told(&text, Lang::En, Register::Engineer);
        assert!(
            eng.contains(&format!("{asked} questions “who is online?” (presence?)")),
            "{eng}"
        );
    }
}

#[test]
fn a_lost_typing_notice_is_counted_and_said_to_vanish() {
    let typing = r#"(at_ms: 5000, do: Typing(from: "p0", to: "p1")), (at_ms: 12000, do: Typing(from: "p1", to: "p0"))"#;
    let dropped =
        format!(r#"(at_ms: 5000, do: Drop(user: "p0", toward: Server, what: Any)), {typing}"#);
    let (events, recap, tally) = told(&scene("", 2, 0, typing), Lang::En, Register::Story);
    assert!(
        events
            .iter()
            .all(|e| !matches!(e.what, What::FrameLost { .. }))
    );
    assert!(
        recap.contains("Beside the letters: “typing…” showed twice."),
        "{recap}"
    );
    assert!(!recap.contains("vanished"), "{recap}");
    assert!(tally.is_some_and(|t| t.contains("showed twice")));
    let (events, recap, _) = told(&scene("", 2, 0, &dropped), Lang::En, Register::Story);
    let lost = events
        .iter()
        .filter(|e| {
            matches!(
                e.what,
                What::FrameLost {
                    frame: FrameKind::Typing,
                    ..
                }
            )
        })
        .count();
    assert_eq!(lost, 1);
    assert!(
        recap.contains(
            "“typing…” showed once; a typing notice was lost and simply vanished, never sent again."
        ),
        "{recap}"
    );
    let (_, zh, _) = told(&scene("", 2, 0, &dropped), Lang::Zh, Register::Story);
    assert!(
        zh.contains("一条“正在输入”的通知在半路丢了，就这么没了，不会重发"),
        "{zh}"
    );
}

/// Every built-in scene without dots or "typing…" says nothing about them; the
/// lessons of issue 22 do, in both languages and every register. So with notes
/// for lock screens and asks for waiting letters (issue 24): only the closed-app
/// lessons say "Beside the letters" for them; and with chats opened (issue 25),
/// the read receipts lesson, for its reading.
#[test]
fn only_stories_with_dots_or_typing_count_them() {
    for name in builtin::names() {
        let scene = builtin::open(name).unwrap_or_else(|e| panic!("{e}"));
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        let has = events.iter().any(|e| {
            matches!(
                e.what,
                What::FrameOut {
                    frame: FrameKind::Presence
                        | FrameKind::PresenceAsk
                        | FrameKind::Typing
                        | FrameKind::Notify
                        | FrameKind::Fetch,
                    ..
                } | What::ChatOpened { .. }
            )
        });
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        for reg in Register::ALL {
            for (lang, beside) in [(Lang::En, "Beside the letters"), (Lang::Zh, "信之外")] {
                let recap = words::recap(&ctx, lang, reg).join("\n");
                let tally = words::tally(&ctx, lang, reg).unwrap_or_default();
                assert_eq!(
                    recap.contains(beside),
                    has,
                    "{name} ({lang:?}, {}): {recap}",
                    reg.name()
                );
                assert_eq!(
                    tally.contains(beside),
                    has,
                    "{name} ({lang:?}, {}): {tally}",
                    reg.name()
                );
            }
        }
    }
}
