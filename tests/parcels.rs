//! Parcels (issue 26): a photo or a voice message goes apart from its letter, in
//! parts, on the phone's own parcel wire, to the parcel store; the letter (with
//! its pickup slip) goes only once the store has all of it; each addressee's
//! phone fetches the parcel as it shows the letter, and shows it whole once. An
//! upload cut on the way goes on from the store's count, never from the start; a
//! download goes on from the first part the phone lacks. The store keeps one copy
//! for a whole group, and throws it out after `keep_ms`.

use postoffice::scenario::{self, Scenario};
use postoffice::sim::view::{ParcelState, View};
use postoffice::sim::{
    Dir, Event, FrameKind, LossCause, MsgId, ParcelKind, Sim, Status, UserIdx, What,
};

const LI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);
const JIM: UserIdx = UserIdx(2);
/// Li Lei's first letter.
const FIRST: MsgId = MsgId { from: LI, n: 1 };
const SECOND: MsgId = MsgId { from: LI, n: 2 };

/// Li Lei, Han Meimei and Jim, friends, in a group; latency 50 ms both ways;
/// `top` at the top of the file, `script` after the logins of `online`.
fn scene(top: &str, online: &[&str], script: &str) -> String {
    let logins: String = online
        .iter()
        .map(|u| format!(r#"(at_ms: 0, do: Login("{u}")),"#))
        .collect();
    format!(
        r#"(
    title: "Parcels",
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

/// 100 kB a second, latency 50 ms: a part of 256 kB takes 2.56 s on the wire.
const SLOW: &str = "network: (latency_ms: (50, 50), bandwidth_kb_per_s: 100),";

fn parse(text: &str) -> Scenario {
    scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn run(text: &str) -> (Sim, Vec<Event>) {
    let scene = parse(text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (sim, events)
}

/// The events of letter `id` on `actor`'s side (a phone, or `None`: the post
/// office), as (time, what).
fn of(events: &[Event], id: MsgId, phone: Option<UserIdx>) -> Vec<(u64, What)> {
    events
        .iter()
        .filter(|e| e.msg.as_ref().is_some_and(|m| m.id == id))
        .filter(|e| match phone {
            Some(u) => {
                e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(u))
            }
            None => e.actor == postoffice::sim::Actor::PostOffice,
        })
        .map(|e| (e.at, e.what.clone()))
        .collect()
}

/// The parts the store took of letter `id`: (time, part, again).
fn stored(events: &[Event], id: MsgId) -> Vec<(u64, u32, bool)> {
    of(events, id, None)
        .into_iter()
        .filter_map(|(at, w)| match w {
            What::PartStored { part, again, .. } => Some((at, part, again)),
            _ => None,
        })
        .collect()
}

/// The parts that reached `u`'s phone of letter `id`: (part, again).
fn arrived(events: &[Event], id: MsgId, u: UserIdx) -> Vec<(u32, bool)> {
    of(events, id, Some(u))
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::PartArrived { part, again, .. } => Some((part, again)),
            _ => None,
        })
        .collect()
}

fn times(events: &[Event], id: MsgId, u: Option<UserIdx>, what: &What) -> Vec<u64> {
    of(events, id, u)
        .into_iter()
        .filter(|(_, w)| w == what)
        .map(|(at, _)| at)
        .collect()
}

/// The frames of `kind` put on a wire, and those lost (with why).
fn frames(events: &[Event], kind: FrameKind) -> (usize, Vec<LossCause>) {
    let out = events
        .iter()
        .filter(|e| matches!(e.what, What::FrameOut { frame, .. } if frame == kind))
        .count();
    let lost = events
        .iter()
        .filter_map(|e| match e.what {
            What::FrameLost { frame, cause, .. } if frame == kind => Some(cause),
            _ => None,
        })
        .collect();
    (out, lost)
}

fn uploads(events: &[Event], id: MsgId) -> Vec<u32> {
    of(events, id, Some(id.from))
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::Upload { from_part, .. } => Some(from_part),
            _ => None,
        })
        .collect()
}

const PHOTO: &str = r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "The kite", parcel: Photo(kb: 1000))),"#;

#[test]
fn an_upload_takes_each_part_s_time_on_the_wire_and_the_letter_goes_after() {
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], PHOTO));
    // 1000 kB in parts of 256 kB: 256, 256, 256, 232; 2.56 s each at 100 kB/s
    // (the last 2.32 s), one after another, then 50 ms on the way.
    let at: Vec<(u64, u32)> = stored(&events, FIRST)
        .iter()
        .map(|&(t, p, _)| (t, p))
        .collect();
    assert_eq!(
        at,
        [(3610, 1), (6170, 2), (8730, 3), (11050, 4)],
        "{events:#?}"
    );
    let whole = What::ParcelStored { parts: 4, kb: 1000 };
    assert_eq!(times(&events, FIRST, None, &whole), [11050]);
    // The letter (step 3) goes when the store's answer reaches the phone.
    assert_eq!(times(&events, FIRST, Some(LI), &What::Send), [11100]);
    let shown = times(&events, FIRST, Some(HAN), &What::ParcelShown);
    assert_eq!(shown.len(), 1, "shown whole once");
    // Fetched from the store at step 9: four parts down Han Meimei's wire.
    assert_eq!(
        arrived(&events, FIRST, HAN),
        [(1, false), (2, false), (3, false), (4, false)]
    );
    let display = times(
        &events,
        FIRST,
        Some(HAN),
        &What::Display {
            index: 0,
            before: 0,
        },
    );
    assert_eq!(display.len(), 1);
    assert!(shown[0] > display[0] + 4 * 2000, "{shown:?} {display:?}");
    // The letter carries its slip: what, how big, in how many parts.
    let env = events
        .iter()
        .find(|e| e.what == What::Send)
        .and_then(|e| e.msg.clone())
        .unwrap();
    let slip = env.parcel.as_deref().copied().expect("a slip");
    assert_eq!(
        (slip.parcel.kind, slip.parcel.kb, slip.parts),
        (ParcelKind::Photo, 1000, 4)
    );
    assert!(slip.thumbnail());
}

#[test]
fn without_a_bandwidth_the_parts_take_the_latency_only() {
    let (_, events) = run(&scene(
        "network: (latency_ms: (50, 50)),",
        &["lilei", "hanmeimei"],
        PHOTO,
    ));
    let at: Vec<u64> = stored(&events, FIRST).iter().map(|s| s.0).collect();
    assert_eq!(at, [1050, 1050, 1050, 1050]);
    assert_eq!(times(&events, FIRST, Some(LI), &What::Send), [1100]);
}

#[test]
fn a_small_letter_written_after_the_photo_goes_first() {
    let script = format!(
        r#"{PHOTO}
        (at_ms: 1100, do: Send(from: "lilei", to: "hanmeimei", text: "Look!")),"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let shown = |id| {
        of(&events, id, Some(HAN))
            .into_iter()
            .find(|(_, w)| matches!(w, What::Display { .. }))
            .map(|(at, _)| at)
            .unwrap()
    };
    // The words are on her screen at once; the photo's letter only after the
    // photo has gone up in parts.
    assert_eq!(shown(SECOND), 1200);
    assert!(shown(FIRST) > 11000, "{}", shown(FIRST));
    // Its own phone sent the words first too (step 3).
    let send = |id| times(&events, id, Some(LI), &What::Send)[0];
    assert!(send(SECOND) < send(FIRST));
}

#[test]
fn a_tunnel_mid_upload_resumes_from_the_store_s_count() {
    let script = format!(
        r#"{PHOTO}
        (at_ms: 4000, do: LinkDown("lilei")),
        (at_ms: 7000, do: LinkUp("lilei")),"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    // Part 1 reached the store before the tunnel; parts 2 to 4, on the wire in
    // the tunnel, were lost there.
    let (out, lost) = frames(&events, FrameKind::PartR);
    assert_eq!(lost, [LossCause::LinkDown; 3], "{events:#?}");
    // The phone asked, heard "1 of 4", and sent parts 2 to 4 again: only the
    // parts lost on the way went twice, never the whole photo.
    assert_eq!(uploads(&events, FIRST), [1, 2]);
    assert_eq!(out, 4 + 3);
    let answers: Vec<(u32, u32)> = of(&events, FIRST, None)
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::UploadAnswered { have, of } => Some((have, of)),
            _ => None,
        })
        .collect();
    assert_eq!(answers, [(1, 4)]);
    // Each part stored once, none twice.
    let parts: Vec<(u32, bool)> = stored(&events, FIRST).iter().map(|s| (s.1, s.2)).collect();
    assert_eq!(parts, [(1, false), (2, false), (3, false), (4, false)]);
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
    // A tunnel of three seconds the phone never noticed: the picture shows its
    // line open again once the signal is back, as the phone has it.
    let view = View::from_trace(3, &events);
    assert_eq!(
        view.phone(postoffice::sim::DeviceIdx::main(LI))
            .map(|p| p.connection),
        Some(postoffice::sim::view::Connection::Open)
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.what, What::ConnectionLost { .. }))
    );
}

#[test]
fn a_logout_mid_upload_loses_what_is_on_the_wire_and_the_login_resumes() {
    let script = format!(
        r#"{PHOTO}
        (at_ms: 4000, do: Logout("lilei")),
        (at_ms: 9000, do: Login("lilei")),"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let (_, lost) = frames(&events, FrameKind::PartR);
    assert_eq!(lost, [LossCause::PhoneOff; 3]);
    // Back on its line, the phone asks first (attempt 0), then sends the rest.
    let asked: Vec<u32> = of(&events, FIRST, Some(LI))
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::UploadAsked { attempt } => Some(attempt),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [0]);
    assert_eq!(uploads(&events, FIRST), [1, 2]);
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
}

#[test]
fn a_download_cut_on_the_way_goes_on_from_the_first_part_it_lacks() {
    // Han Meimei's phone gets parts 1 and 2, loses 3 and 4 in a tunnel, and asks
    // again from part 3 when no part comes for a while.
    let script = format!(
        r#"{PHOTO}
        (at_ms: 17000, do: LinkDown("hanmeimei")),
        (at_ms: 18000, do: LinkUp("hanmeimei")),"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let fetches: Vec<(u32, u32)> = of(&events, FIRST, Some(HAN))
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::FetchParcel { from_part, attempt } => Some((from_part, attempt)),
            _ => None,
        })
        .collect();
    assert_eq!(fetches, [(1, 0), (3, 1)], "{events:#?}");
    let (_, lost) = frames(&events, FrameKind::PartN);
    assert_eq!(lost, [LossCause::LinkDown; 2]);
    assert_eq!(
        arrived(&events, FIRST, HAN),
        [(1, false), (2, false), (3, false), (4, false)]
    );
    let shown = times(&events, FIRST, Some(HAN), &What::ParcelShown);
    let last_part = of(&events, FIRST, Some(HAN))
        .into_iter()
        .filter(|(_, w)| matches!(w, What::PartArrived { .. }))
        .map(|(at, _)| at)
        .max()
        .unwrap();
    assert_eq!(
        shown,
        [last_part],
        "shown once, only when the last part came"
    );
}

#[test]
fn a_group_s_parcel_is_stored_once_and_fetched_by_each_member() {
    let script = r#"(at_ms: 1000, do: SendGroup(from: "lilei", group: "class", text: "Song", parcel: Voice(kb: 24, seconds: 12))),"#;
    let (sim, events) = run(&scene(SLOW, &["lilei", "hanmeimei", "jim"], script));
    let whole = What::ParcelStored { parts: 1, kb: 24 };
    assert_eq!(times(&events, FIRST, None, &whole).len(), 1, "one copy");
    let sent: Vec<(UserIdx, u32)> = of(&events, FIRST, None)
        .into_iter()
        .filter_map(|(_, w)| match w {
            What::ParcelSent { to, count, .. } => Some((UserIdx(to.0), count)),
            _ => None,
        })
        .collect();
    let mut to: Vec<UserIdx> = sent.iter().map(|s| s.0).collect();
    to.sort();
    assert_eq!(to, [HAN, JIM]);
    assert_eq!(sent.iter().map(|s| s.1).collect::<Vec<_>>(), [1, 2]);
    for u in [HAN, JIM] {
        assert_eq!(times(&events, FIRST, Some(u), &What::ParcelShown).len(), 1);
    }
    // The store, as the class sees it: one parcel, fetched by both.
    let view = View::from_trace(3, &events);
    assert_eq!(view.parcels.len(), 1);
    let p = &view.parcels[&FIRST];
    assert!(p.whole && !p.expired);
    assert_eq!(
        p.fetched_by
            .iter()
            .map(|d| UserIdx(d.0))
            .collect::<Vec<_>>(),
        [HAN, JIM]
    );
    assert_eq!(p.kind, ParcelKind::Voice { seconds: 12 });
    // The store in the simulation agrees.
    let held = &sim.post_office().parcels.held[&FIRST];
    assert_eq!(held.served.len(), 2);
}

#[test]
fn an_expired_parcel_is_gone_and_its_letter_still_comes() {
    let top = format!("{SLOW}\n    parcels: (keep_ms: 5000),");
    let script = r#"(at_ms: 1000, do: Send(from: "lilei", to: "jim", text: "Team", parcel: Photo(kb: 300))),
        (at_ms: 30000, do: Login("jim")),"#;
    let text = scene(&top, &["lilei"], script);
    let (_, events) = run(&text);
    // Whole at 1000 + 2560 + 440 + 50 = 4050; thrown out 5 s later.
    let expired = What::ParcelExpired { kept_ms: 5000 };
    assert_eq!(times(&events, FIRST, None, &expired), [9050]);
    // Jim's phone shows the letter, asks, and hears "gone": never the photo.
    assert_eq!(times(&events, FIRST, Some(JIM), &What::ParcelGone).len(), 1);
    assert!(times(&events, FIRST, Some(JIM), &What::ParcelShown).is_empty());
    let (_, _) = frames(&events, FrameKind::Gone);
    let view = View::from_trace(3, &events);
    let look = view
        .parcel_look(postoffice::sim::DeviceIdx::main(JIM), FIRST)
        .expect("a bubble with a parcel");
    assert_eq!((look.state, look.have), (ParcelState::Expired, 0));
    assert!(look.thumbnail());
    assert!(view.parcels[&FIRST].expired);
    // The expectation says so, and the other one fails with what happened.
    let scene = parse(&text.replace(
        "script: [",
        r#"expect: [ParcelExpired(to: "jim", text: "Team"), ParcelShown(to: "jim", from: "lilei", text: "Team")],
    script: ["#,
    ));
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    assert!(outcomes[0].holds, "{:?}", outcomes[0].detail);
    assert!(!outcomes[1].holds);
    assert_eq!(
        outcomes[1].detail,
        scenario::Detail::Parcel(scenario::expect::ParcelFound::Expired)
    );
}

#[test]
fn the_store_keeps_parcels_for_ever_without_keep_ms_and_no_run_waits_for_an_expiry() {
    let (sim, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], PHOTO));
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.what, What::ParcelExpired { .. }))
    );
    // A keep_ms far past the story's end: the run ends with its story, the
    // parcel still in the store.
    let top = format!("{SLOW}\n    parcels: (keep_ms: 3600000),");
    let (late, late_events) = run(&scene(&top, &["lilei", "hanmeimei"], PHOTO));
    assert_eq!(late.now(), sim.now(), "the expiry timer keeps no run going");
    assert!(
        !late_events
            .iter()
            .any(|e| matches!(e.what, What::ParcelExpired { .. }))
    );
}

#[test]
fn a_dropped_part_is_sent_again_from_the_store_s_count() {
    let script = format!(
        r#"(at_ms: 500, do: Drop(user: "lilei", toward: Server, what: Parcel)),
        {PHOTO}"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let (_, lost) = frames(&events, FrameKind::PartR);
    assert_eq!(lost, [LossCause::Dropped]);
    // Part 1 was lost: the store has 2, 3 and 4 but none from the first, so the
    // phone sends from part 1; the copies of 2 to 4 are thrown away.
    assert_eq!(uploads(&events, FIRST), [1, 1]);
    let parts: Vec<(u32, bool)> = stored(&events, FIRST).iter().map(|s| (s.1, s.2)).collect();
    assert_eq!(
        parts,
        [
            (2, false),
            (3, false),
            (4, false),
            (1, false),
            (2, true),
            (3, true),
            (4, true)
        ]
    );
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
}

#[test]
fn a_part_dropped_on_its_way_down_is_asked_for_again() {
    let script = format!(
        r#"(at_ms: 500, do: Drop(user: "hanmeimei", toward: Phone, what: Parcel)),
        {PHOTO}"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let (_, lost) = frames(&events, FrameKind::PartN);
    assert_eq!(lost, [LossCause::Dropped]);
    // Part 1 never came: she asks again from part 1, gets 2 to 4 twice.
    let again = arrived(&events, FIRST, HAN).iter().filter(|a| a.1).count();
    assert_eq!(again, 3);
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
}

#[test]
fn a_copy_of_the_letter_does_not_fetch_or_show_its_parcel_twice() {
    // The first two acknowledgements from Han Meimei's phone are lost: its `get`
    // and its `ack:R`. The post office sends the letter again (a copy,
    // recognised); the phone asks for the parcel again only because no part came.
    let script = format!(
        r#"(at_ms: 500, do: Drop(user: "hanmeimei", toward: Server, what: Ack)),
        (at_ms: 500, do: Drop(user: "hanmeimei", toward: Server, what: Ack)),
        {PHOTO}"#
    );
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let han = of(&events, FIRST, Some(HAN));
    assert!(han.iter().any(|(_, w)| *w == What::Duplicate), "{han:#?}");
    let fetches: Vec<u32> = han
        .iter()
        .filter_map(|(_, w)| match w {
            What::FetchParcel { attempt, .. } => Some(*attempt),
            _ => None,
        })
        .collect();
    assert_eq!(fetches, [0, 1]);
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
    let view = View::from_trace(3, &events);
    assert_eq!(
        view.parcel_times_shown(postoffice::sim::DeviceIdx::main(HAN), FIRST),
        1
    );
}

#[test]
fn a_recalled_parcel_letter_is_torn_up_and_its_parcel_stays_in_the_store() {
    let script = format!(
        r#"{PHOTO}
        (at_ms: 13000, do: Recall(letter: "The kite")),"#
    );
    let (sim, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    assert!(
        of(&events, FIRST, Some(HAN))
            .iter()
            .any(|(_, w)| matches!(w, What::Recalled { .. }))
    );
    // It was downloading: torn up, it is never shown.
    assert!(times(&events, FIRST, Some(HAN), &What::ParcelShown).is_empty());
    let view = View::from_trace(3, &events);
    assert!(view.shows_notice(postoffice::sim::DeviceIdx::main(HAN), FIRST));
    assert_eq!(
        view.parcel_look(postoffice::sim::DeviceIdx::main(HAN), FIRST),
        None
    );
    // The parcel stays in the store, whole.
    assert!(view.parcels[&FIRST].whole && !view.parcels[&FIRST].expired);
    assert!(sim.post_office().parcels.held[&FIRST].ready());
}

#[test]
fn an_upload_given_up_goes_on_where_it_stopped_after_a_tap() {
    // A tunnel as the last part goes: the phone asks twice, hears nothing, and
    // gives up (❗) before it notices that its line is dead.
    let script = format!(
        r#"{PHOTO}
        (at_ms: 9500, do: LinkDown("lilei")),
        (at_ms: 25000, do: LinkUp("lilei")),
        (at_ms: 40000, do: Resend(letter: "The kite")),"#
    );
    let (sim, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], &script));
    let li = of(&events, FIRST, Some(LI));
    let lost = li.iter().position(|(_, w)| matches!(w, What::Lost { .. }));
    let resent = li
        .iter()
        .position(|(_, w)| matches!(w, What::Resent { .. }));
    let (Some(lost), Some(resent)) = (lost, resent) else {
        panic!("given up, then sent again: {li:#?}")
    };
    assert!(lost < resent);
    // The tap asks the store first (attempt 0), and the rest goes.
    assert_eq!(li[resent + 1].1, What::UploadAsked { attempt: 0 });
    assert_eq!(uploads(&events, FIRST), [1, 4]);
    assert_eq!(
        times(&events, FIRST, Some(HAN), &What::ParcelShown).len(),
        1
    );
    assert!(matches!(
        sim.phone(postoffice::sim::DeviceIdx::main(LI)).chat[0].status,
        Status::Delivered { .. }
    ));
}

#[test]
fn the_view_s_bars_grow_part_by_part_and_the_photo_only_once_whole() {
    let (_, events) = run(&scene(SLOW, &["lilei", "hanmeimei"], PHOTO));
    let mut view = View::new(3);
    let mut writer = Vec::new();
    let mut reader = Vec::new();
    for e in &events {
        let moved = view.apply(e);
        if let Some(l) = view.parcel_look(postoffice::sim::DeviceIdx::main(LI), FIRST) {
            writer.push((l.state, l.have));
        }
        if let Some(l) = view.parcel_look(postoffice::sim::DeviceIdx::main(HAN), FIRST) {
            reader.push((l.state, l.have));
            assert!(
                l.state != ParcelState::Whole || l.have == l.parts,
                "never whole with parts missing"
            );
        }
        // A part on its way is a part token on a wire, to or from the store.
        if let What::PartStored { part, .. } = e.what {
            let m = moved.moving.expect("a part moves");
            assert_eq!(
                m.token,
                postoffice::sim::view::Token::Part {
                    part: Some(part),
                    of: 4
                }
            );
            assert_eq!(m.to, postoffice::sim::view::Place::ParcelStore);
        }
        if let What::FrameOut { dir, frame, .. } = e.what {
            assert!(frame != FrameKind::PartR || dir == Dir::ToServer);
        }
    }
    writer.dedup();
    reader.dedup();
    use ParcelState::*;
    assert_eq!(
        writer,
        [
            (Uploading, 0),
            (Uploading, 1),
            (Uploading, 2),
            (Uploading, 3),
            (Uploading, 4),
            (InStore, 4)
        ]
    );
    assert_eq!(
        reader,
        [
            (Waiting, 0),
            (Downloading, 0),
            (Downloading, 1),
            (Downloading, 2),
            (Downloading, 3),
            (Downloading, 4),
            (Whole, 4)
        ]
    );
}

#[test]
fn a_parcel_scene_is_the_same_twice_and_a_scene_without_one_sends_no_parcel_frame() {
    let text = scene(SLOW, &["lilei", "hanmeimei"], PHOTO);
    assert_eq!(run(&text).1, run(&text).1);
    let plain = scene(
        SLOW,
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),"#,
    );
    let (sim, events) = run(&plain);
    assert!(!events.iter().any(|e| match e.what {
        What::FrameOut { frame, .. } => frame.on_parcel_wire(),
        _ => false,
    }));
    assert!(
        sim.phone(postoffice::sim::DeviceIdx::main(LI))
            .parcels
            .is_none()
            && sim
                .phone(postoffice::sim::DeviceIdx::main(HAN))
                .parcels
                .is_none()
    );
}

#[test]
fn a_script_of_many_parts_is_refused_as_too_long_a_run() {
    // 200 letters of 10,000 parts each (part_kb 1): millions of events.
    let sends: String = (0..200)
        .map(|i| {
            format!(
                r#"(at_ms: {}, do: Send(from: "lilei", to: "hanmeimei", text: "p{i}", parcel: Photo(kb: 10000))),"#,
                1000 + i
            )
        })
        .collect();
    let top = format!("{SLOW}\n    parcels: (part_kb: 1),");
    let many = parse(&scene(&top, &["lilei", "hanmeimei"], &sends));
    let e = many
        .check_size(None)
        .expect_err("too long a run")
        .to_string();
    assert!(e.contains("script: this scene would take about"), "{e}");
    assert!(e.contains("its script writes 200 letters"), "{e}");
    // One such letter is fine.
    let one = parse(&scene(
        &top,
        &["lilei", "hanmeimei"],
        r#"(at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "p", parcel: Photo(kb: 10000))),"#,
    ));
    assert!(one.check_size(None).is_ok());
}

/// A letter without a parcel grows by one pointer only (its slip is shared), and
/// a frame on the wire stays the size it was: a large run stays small. Issue 28:
/// a letter's words are a postcard or a sealed letter (`Words`), one pointer
/// and its tag: 48 bytes became 56.
#[test]
fn letters_and_frames_stay_small() {
    use std::mem::size_of;
    assert_eq!(size_of::<postoffice::sim::Envelope>(), 56);
    assert_eq!(size_of::<postoffice::sim::Frame>(), 24);
    assert_eq!(size_of::<postoffice::sim::Link>(), 32);
}
