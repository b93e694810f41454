//! Read receipts (issue 25): a letter is read only when it is on its reader's
//! screen in its open chat while the app is open; then, as `read_receipts:` lets
//! the reader (`Off`: never; `On`: always; `Mutual`: between two people only when
//! both have it on, in a group always; `Reader`: the reader's own setting), the
//! note goes to the post office and on to the writer, whose bubble counts its
//! readers. Lost notes are sent again until the writer has them. Bad files get
//! located errors; the same seed gives the same trace.

mod common;

use postoffice::scenario::{self, Detail, Reading};
use postoffice::sim::view::View;
use postoffice::sim::{Actor, Dest, Event, FrameKind, GroupIdx, MsgId, UserIdx, What};

const LI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);
const LUCY: UserIdx = UserIdx(2);
const JIM: UserIdx = UserIdx(3);

/// Li Lei, Han Meimei, Lucy and Jim, all logged in at 0; Li Lei is friends with
/// each; Class 1 is the four of them. `top` at the top of the file, `script`
/// after the logins, `expect` as the expectations.
fn scene(top: &str, script: &str, expect: &str) -> String {
    format!(
        r#"(
    title: "Read",
    seed: 5,
    {top}
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 1000, grace_ms: 800, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"),
            (id: "lucy", name: "Lucy"), (id: "jim", name: "Jim")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy"), ("lilei", "jim"), ("hanmeimei", "jim")],
    groups: [(id: "class1", name: "Class 1", members: ["lilei", "hanmeimei", "lucy", "jim"])],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 0, do: Login("jim")),
        {script}
    ],
    expect: [{expect}],
)"#
    )
}

fn run(text: &str) -> Vec<Event> {
    common::scene::replay("read.ron", text)
}

/// Every `read` event: (time, reader, letter, whether the note goes).
fn reads(events: &[Event]) -> Vec<(u64, UserIdx, MsgId, bool)> {
    let o = |d: postoffice::sim::DeviceIdx| UserIdx(d.0);
    events
        .iter()
        .filter_map(|e| match (&e.what, e.actor, &e.msg) {
            (What::Read { sends }, Actor::Phone(u), Some(m)) => Some((e.at, o(u), m.id, *sends)),
            _ => None,
        })
        .collect()
}

/// Every `read_shown` event: (time, writer, letter, reader, count, of).
fn shown(events: &[Event]) -> Vec<(u64, UserIdx, MsgId, UserIdx, u32, u32)> {
    let o = |d: postoffice::sim::DeviceIdx| UserIdx(d.0);
    events
        .iter()
        .filter_map(|e| match (&e.what, e.actor, &e.msg) {
            (What::ReadShown { by, count, of }, Actor::Phone(u), Some(m)) => {
                Some((e.at, o(u), m.id, *by, *count, *of))
            }
            _ => None,
        })
        .collect()
}

/// How many frames of these kinds were put on a link.
fn frames(events: &[Event], kinds: &[FrameKind]) -> usize {
    events
        .iter()
        .filter(|e| matches!(&e.what, What::FrameOut { frame, .. } if kinds.contains(frame)))
        .count()
}

const READ_FRAMES: [FrameKind; 4] = [
    FrameKind::Read,
    FrameKind::ReadA,
    FrameKind::ReadN,
    FrameKind::ReadC,
];

fn display_at(events: &[Event], to: UserIdx, id: MsgId) -> u64 {
    events
        .iter()
        .find(|e| {
            e.actor == Actor::Phone(postoffice::sim::DeviceIdx::main(to))
                && matches!(e.what, What::Display { .. })
                && e.msg.as_ref().is_some_and(|m| m.id == id)
        })
        .map(|e| e.at)
        .expect("displayed")
}

const LI_1: MsgId = MsgId { from: LI, n: 1 };

#[test]
fn off_tells_the_reading_and_sends_nothing() {
    let text = scene(
        "",
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),"#,
        "",
    );
    let events = run(&text);
    assert_eq!(reads(&events), vec![(3000, HAN, LI_1, false)]);
    assert!(shown(&events).is_empty());
    assert_eq!(frames(&events, &READ_FRAMES), 0);
}

#[test]
fn on_turns_the_ticks_blue_when_she_opens_the_chat() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),"#,
        r#"Read(by: "hanmeimei", from: "lilei", text: "Hi")"#,
    );
    let events = run(&text);
    assert_eq!(reads(&events), vec![(3000, HAN, LI_1, true)]);
    let s = shown(&events);
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].1, s[0].2, s[0].3, s[0].4, s[0].5),
        (LI, LI_1, HAN, 1, 1)
    );
    let v = View::from_trace(4, &events);
    let li = v.phone(postoffice::sim::DeviceIdx::main(LI)).unwrap();
    assert!(li.chat.iter().find(|b| b.id == LI_1).unwrap().seen.all());
    let han = v.phone(postoffice::sim::DeviceIdx::main(HAN)).unwrap();
    assert_eq!(han.open_chat, Some(Dest::User(LI)));
    assert!(v.unread(postoffice::sim::DeviceIdx::main(HAN)).is_empty());
    let scene = common::scene::parse("read.ron", &text);
    let o = scenario::check(&scene.expect, &events, &scene.world);
    assert!(o[0].holds, "{:?}", o[0].detail);
}

#[test]
fn a_letter_is_read_at_its_display_when_its_chat_is_open() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 500, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),"#,
        "",
    );
    let events = run(&text);
    let at = display_at(&events, HAN, LI_1);
    assert_eq!(reads(&events), vec![(at, HAN, LI_1, true)]);
}

#[test]
fn never_read_on_the_chat_list_in_another_chat_or_with_the_app_closed() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 500, do: OpenChat(user: "hanmeimei", with: "jim")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 1000, do: SendGroup(from: "lilei", group: "class1", text: "Two")),
        (at_ms: 3000, do: CloseChat(user: "hanmeimei")),
        (at_ms: 4000, do: OpenChat(user: "lucy", with: "lilei")),
        (at_ms: 4500, do: CloseApp(user: "lucy")),
        (at_ms: 5000, do: Send(from: "lilei", to: "lucy", text: "Three")),
        (at_ms: 9000, do: OpenChat(user: "hanmeimei", group: "class1")),"#,
        r#"NotRead(by: "hanmeimei", from: "lilei", text: "One"),
        NotRead(by: "lucy", from: "lilei", text: "Three"),
        Read(by: "hanmeimei", from: "lilei", text: "Two")"#,
    );
    let events = run(&text);
    let two = MsgId { from: LI, n: 2 };
    assert_eq!(reads(&events), vec![(9000, HAN, two, true)]);
    let scene = common::scene::parse("read.ron", &text);
    let o = scenario::check(&scene.expect, &events, &scene.world);
    assert!(o.iter().all(|o| o.holds), "{o:?}");
    assert_eq!(o[0].detail, Detail::Unread(Reading::ShownNotRead));
    assert_eq!(o[1].detail, Detail::Unread(Reading::NeverShown));
    let v = View::from_trace(4, &events);
    assert_eq!(
        v.unread(postoffice::sim::DeviceIdx::main(HAN)),
        vec![(Dest::User(LI), 1)]
    );
    assert_eq!(
        v.phone(postoffice::sim::DeviceIdx::main(HAN))
            .unwrap()
            .open_chat,
        Some(Dest::Group(GroupIdx(0)))
    );
}

#[test]
fn an_app_opened_again_reads_the_open_chat() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 500, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 600, do: CloseApp(user: "hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 6000, do: OpenApp(user: "hanmeimei")),"#,
        r#"Read(by: "hanmeimei", from: "lilei", text: "Hi")"#,
    );
    let events = run(&text);
    let r = reads(&events);
    assert_eq!(r.len(), 1);
    assert!(r[0].0 > 6000, "read while the app was closed: {r:?}");
    assert_eq!(r[0].0, display_at(&events, HAN, LI_1));
}

/// Li Lei and Jim write to each other, and each reads the other's letter; Li Lei
/// also writes to Han Meimei, who reads it.
fn both_ways(top: &str) -> Vec<Event> {
    run(&scene(
        top,
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "jim", text: "To Jim")),
        (at_ms: 1000, do: Send(from: "jim", to: "lilei", text: "To Li")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "To Han")),
        (at_ms: 3000, do: OpenChat(user: "jim", with: "lilei")),
        (at_ms: 3000, do: OpenChat(user: "lilei", with: "jim")),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),"#,
        "",
    ))
}

/// (reader, whether the note went) for each read, by reader.
fn who_sends(events: &[Event]) -> Vec<(UserIdx, bool)> {
    let mut v: Vec<(UserIdx, bool)> = reads(events).iter().map(|r| (r.1, r.3)).collect();
    v.sort();
    v
}

#[test]
fn mutual_needs_both_on_between_two_people_either_way() {
    let events = both_ways(r#"read_receipts: Mutual(off: ["jim"]),"#);
    assert_eq!(
        who_sends(&events),
        vec![(LI, false), (HAN, true), (JIM, false)]
    );
    assert_eq!(shown(&events).len(), 1);
    let events = both_ways(r#"read_receipts: Mutual(off: ["lilei"]),"#);
    assert_eq!(
        who_sends(&events),
        vec![(LI, false), (HAN, false), (JIM, false)]
    );
    assert!(shown(&events).is_empty());
    assert_eq!(frames(&events, &READ_FRAMES), 0);
    let events = both_ways("read_receipts: Mutual(),");
    assert_eq!(
        who_sends(&events),
        vec![(LI, true), (HAN, true), (JIM, true)]
    );
}

#[test]
fn reader_decides_alone() {
    let events = both_ways(r#"read_receipts: Reader(off: ["jim"]),"#);
    assert_eq!(
        who_sends(&events),
        vec![(LI, true), (HAN, true), (JIM, false)]
    );
    // Jim, who sends none, still sees Li Lei's.
    let s = shown(&events);
    assert!(s.iter().any(|s| s.1 == JIM && s.3 == LI), "{s:?}");
    assert!(!s.iter().any(|s| s.1 == LI && s.3 == JIM), "{s:?}");
}

#[test]
fn a_group_counts_its_readers_and_mutual_sends_them_whatever_the_setting() {
    let text = scene(
        r#"read_receipts: Mutual(off: ["jim", "lilei"]),"#,
        r#"(at_ms: 1000, do: SendGroup(from: "lilei", group: "class1", text: "Kites")),
        (at_ms: 3000, do: OpenChat(user: "lucy", group: "class1")),
        (at_ms: 5000, do: OpenChat(user: "jim", group: "class1")),
        (at_ms: 7000, do: OpenChat(user: "hanmeimei", group: "class1")),"#,
        "",
    );
    let events = run(&text);
    let counts: Vec<(UserIdx, u32, u32)> = shown(&events).iter().map(|s| (s.3, s.4, s.5)).collect();
    assert_eq!(counts, vec![(LUCY, 1, 3), (JIM, 2, 3), (HAN, 3, 3)]);
    let v = View::from_trace(4, &events);
    let seen = v.phone(postoffice::sim::DeviceIdx::main(LI)).unwrap().chat[0].seen;
    assert_eq!((seen.by, seen.of), (3, 3));
}

/// A lossy run with every read note liable to be lost: once quiet, each letter
/// read with a note has its writer told, once per reader; the writer's count
/// never passes the addressees.
#[test]
fn lost_notes_are_sent_again_until_the_writer_has_them() {
    for seed in 1..=12 {
        let text = scene(
            "read_receipts: On, network: (latency_ms: (40, 120), loss: 0.3),",
            r#"(at_ms: 500, do: OpenChat(user: "hanmeimei", with: "lilei")),
            (at_ms: 500, do: OpenChat(user: "lucy", group: "class1")),
            (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
            (at_ms: 1500, do: SendGroup(from: "lilei", group: "class1", text: "Two")),
            (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: "Three")),
            (at_ms: 4000, do: OpenChat(user: "jim", group: "class1")),
            (at_ms: 60000, do: SetLoss(user: "lilei", loss: 0.0)),
            (at_ms: 60000, do: SetLoss(user: "hanmeimei", loss: 0.0)),
            (at_ms: 60000, do: SetLoss(user: "lucy", loss: 0.0)),
            (at_ms: 60000, do: SetLoss(user: "jim", loss: 0.0)),"#,
            "",
        );
        let scene = common::scene::parse("read.ron", &text);
        let mut sim = scene.sim(Some(seed), true);
        sim.run();
        let events = sim.take_events();
        let mut told: Vec<(MsgId, UserIdx)> = shown(&events).iter().map(|s| (s.2, s.3)).collect();
        let n = told.len();
        told.sort();
        told.dedup();
        assert_eq!(told.len(), n, "seed {seed}: told twice");
        let mut sent: Vec<(MsgId, UserIdx)> = reads(&events)
            .iter()
            .filter(|r| r.3)
            .map(|r| (r.2, r.1))
            .collect();
        sent.sort();
        assert_eq!(told, sent, "seed {seed}: a read never reached its writer");
        for s in shown(&events) {
            assert!(s.4 <= s.5, "seed {seed}: {s:?}");
        }
        assert!(frames(&events, &[FrameKind::Read, FrameKind::ReadN]) > 0);
    }
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let text = scene(
        "read_receipts: On, network: (latency_ms: (40, 120), loss: 0.2),",
        r#"(at_ms: 500, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 1500, do: SendGroup(from: "lilei", group: "class1", text: "Two")),
        (at_ms: 3000, do: OpenChat(user: "lucy", group: "class1")),"#,
        "",
    );
    assert_eq!(run(&text), run(&text));
}

/// A scene with `read_receipts: Off` written out is the scene without it, to
/// the byte: no chat opened, nothing new drawn from the seed.
#[test]
fn off_written_out_changes_nothing() {
    let body = r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "One")),
        (at_ms: 1500, do: SendGroup(from: "lilei", group: "class1", text: "Two")),"#;
    let lossy = "network: (latency_ms: (40, 120), loss: 0.2),";
    let a = run(&scene(lossy, body, ""));
    let b = run(&scene(&format!("read_receipts: Off, {lossy}"), body, ""));
    assert_eq!(a, b);
}

fn error(top: &str, script: &str) -> String {
    let text = scene(top, script, "");
    match scenario::parse("read.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn mistakes_get_located_errors() {
    let cases: [(&str, &str, &str); 9] = [
        (
            r#"read_receipts: Mutual(off: ["hanmeimai"]),"#,
            "",
            "did you mean",
        ),
        // A misspelt field is a mistake, not silently nobody switched off.
        (
            r#"read_receipts: Reader(of: ["jim"]),"#,
            "",
            "found the field `of` (did you mean `off`?)",
        ),
        (
            r#"read_receipts: Mutal(off: []),"#,
            "",
            "did you mean `Mutual`?",
        ),
        (
            "",
            r#"(at_ms: 1, do: OpenChat(user: "hanmeimei", with: "hanmeimei")),"#,
            "expected someone else",
        ),
        (
            "",
            r#"(at_ms: 1, do: OpenChat(user: "hanmeimei", with: "lilei", group: "class1")),"#,
            "both `with` and `group`",
        ),
        (
            "",
            r#"(at_ms: 1, do: OpenChat(user: "hanmeimei")),"#,
            "neither `with` nor `group`",
        ),
        (
            "",
            r#"(at_ms: 1, do: CloseChat(user: "hanmeimei")),"#,
            "no chat open",
        ),
        (
            "",
            r#"(at_ms: 1, do: Leave(user: "jim", group: "class1")),
            (at_ms: 2, do: OpenChat(user: "jim", group: "class1")),"#,
            "not a member at that moment",
        ),
        (
            "",
            r#"(at_ms: 1, do: OpenChat(user: "lucy", group: "class2")),"#,
            "class2",
        ),
    ];
    for (top, script, want) in cases {
        let e = error(top, script);
        assert!(e.contains(want), "wanted {want:?} in:\n{e}");
        assert!(e.starts_with("read.ron:"), "not located:\n{e}");
        assert!(e.contains("found") || e.contains("unknown"), "{e}");
    }
    // Closing twice: the second finds the chat list since the first.
    let e = error(
        "",
        r#"(at_ms: 1, do: OpenChat(user: "lucy", with: "lilei")),
        (at_ms: 2, do: CloseChat(user: "lucy")),
        (at_ms: 3, do: CloseChat(user: "lucy")),"#,
    );
    assert!(e.contains("since script[5]"), "{e}");
}

/// A read with no line (a tunnel) goes when the line is back; a `read` dropped on
/// its way, and a `read:N` dropped on its way to the writer, are sent again.
#[test]
fn a_read_without_a_line_or_lost_on_the_way_still_arrives() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 2000, do: LinkDown("hanmeimei")),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 30000, do: LinkUp("hanmeimei")),"#,
        r#"Read(by: "hanmeimei", from: "lilei", text: "Hi")"#,
    );
    let events = run(&text);
    assert_eq!(reads(&events), vec![(3000, HAN, LI_1, true)]);
    let s = shown(&events);
    assert_eq!(s.len(), 1);
    assert!(s[0].0 > 30000, "told before the line was back: {s:?}");
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 2500, do: Drop(user: "hanmeimei", toward: Server, what: Ack)),
        (at_ms: 2500, do: Drop(user: "lilei", toward: Phone, what: Ack)),
        (at_ms: 3000, do: OpenChat(user: "hanmeimei", with: "lilei")),"#,
        "",
    );
    let events = run(&text);
    let lost: Vec<FrameKind> = events
        .iter()
        .filter_map(|e| match &e.what {
            What::FrameLost { frame, .. } => Some(*frame),
            _ => None,
        })
        .collect();
    assert_eq!(lost, vec![FrameKind::Read, FrameKind::ReadN]);
    assert_eq!(shown(&events).len(), 1);
    assert!(frames(&events, &[FrameKind::Read]) >= 2);
    assert!(frames(&events, &[FrameKind::ReadN]) >= 2);
}

/// A letter recalled before its reader opens the chat is not read: the chat
/// shows the notice in its place, and no note goes back for it; one recalled
/// after it was read stays read (the writer was told before).
#[test]
fn a_recalled_letter_is_not_read_when_its_chat_opens() {
    let text = scene(
        "read_receipts: On,",
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Oops")),
        (at_ms: 1500, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 3000, do: Recall(letter: "Oops")),
        (at_ms: 6000, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 9000, do: Recall(letter: "Hi")),"#,
        "",
    );
    let events = run(&text);
    let oops = MsgId { from: LI, n: 1 };
    let hi = MsgId { from: LI, n: 2 };
    let read: Vec<MsgId> = reads(&events).iter().map(|r| r.2).collect();
    assert_eq!(read, vec![hi], "only the letter still there is read");
    let view = View::from_trace(4, &events);
    assert!(
        view.shows_notice(postoffice::sim::DeviceIdx::main(HAN), oops)
            && view.shows_notice(postoffice::sim::DeviceIdx::main(HAN), hi)
    );
    // "Hi" was read before it was recalled: the writer learned it.
    assert!(shown(&events).iter().any(|s| s.2 == hi && s.3 == HAN));
}

/// With `Mutual`, the sentence of a read that sends no note names who switched
/// "read" off: the reader, the writer, or both — from the scene's `off` list.
#[test]
fn a_silent_read_names_who_switched_it_off() {
    use postoffice::sim::Lang;
    use postoffice::words::{Context, Register, caption};
    for (off, want) in [
        (r#"["hanmeimei"]"#, "and Han Meimei switched it off"),
        (r#"["lilei"]"#, "and Li Lei switched it off"),
        (
            r#"["lilei", "hanmeimei"]"#,
            "Han Meimei and Li Lei both switched it off",
        ),
    ] {
        let text = scene(
            &format!("read_receipts: Mutual(off: {off}),"),
            r#"(at_ms: 1000, do: OpenChat(user: "hanmeimei", with: "lilei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),"#,
            "",
        );
        let scene = common::scene::parse("read.ron", &text);
        let events = run(&text);
        let ctx = Context::new(&scene.world, &scene.settings, &events);
        let i = events
            .iter()
            .position(|e| e.what.sends_read() == Some(false))
            .expect("a read with no note");
        let c = caption(&ctx, i, Lang::En, Register::Story);
        assert!(c.contains(want), "wanted {want:?} in: {c}");
    }
}
