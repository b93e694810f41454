//! The phone's and the post office's handlers driven directly, without the
//! simulation around them: each test makes a `Phone` or a `PostOffice`, hands it
//! a frame (or a timer), and checks the effects it hands back in its `Out` —
//! frames to send, timers to set, events for the trace — and its state after.

use std::sync::Arc;

use postoffice::sim::{
    Bounce, Conn, Dest, Envelope, Frame, FrameKind, MsgId, Out, Person, Phone, PhoneTimer,
    PostOffice, RegisterChange, Settings, ShelfWhy, Status, Text, Timer, UserIdx, What, Words,
    World,
};

const LILEI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);
const ZED: UserIdx = UserIdx(2);

fn world() -> Arc<World> {
    let person = |id: &str| Person {
        id: Arc::from(id),
        name: Text::same(id),
        avatar: Arc::from(""),
        registered: true,
    };
    Arc::new(World {
        people: vec![person("lilei"), person("hanmeimei"), person("zed")],
        groups: Vec::new(),
        receipts_off: Vec::new(),
        ..Default::default()
    })
}

/// Li Lei's first letter to `to`, written at 100 ms.
fn letter(to: UserIdx) -> Arc<Envelope> {
    Arc::new(Envelope {
        id: MsgId { from: LILEI, n: 1 },
        to: Dest::User(to),
        words: Words::Postcard(Arc::new(Text::same("Hi"))),
        written_at: 100,
        seq: 1,
        place: 0,
        parcel: None,
    })
}

fn whats(out: &Out) -> Vec<What> {
    out.events.iter().map(|e| e.what.clone()).collect()
}

/// The frames handed back: (the phone whose connection carries it, its kind).
fn sent(out: &Out) -> Vec<(UserIdx, FrameKind)> {
    // Every phone here is its owner's main phone: `DeviceIdx(i)` is `UserIdx(i)`'s.
    out.frames
        .iter()
        .map(|(u, f)| (UserIdx(u.0), f.kind()))
        .collect()
}

/// A phone that has logged in and heard `LoginOk` (online), its effects cleared.
fn online_phone(user: UserIdx, s: &Settings) -> Phone {
    let mut phone = Phone::new(user);
    let mut out = Out::new(true);
    phone.login(0, s, &mut out);
    phone.on_frame(10, Frame::LoginOk, s, &mut out);
    assert_eq!(phone.conn, Conn::Online);
    phone
}

// ---- the phone ----

#[test]
fn a_phone_shows_a_letter_the_first_time_and_acknowledges_it_again_as_a_duplicate() {
    let s = Settings::default();
    let mut han = online_phone(HAN, &s);
    let env = letter(HAN);

    let mut out = Out::new(true);
    han.on_frame(500, Frame::MsgN(env.clone()), &s, &mut out);
    assert_eq!(
        whats(&out),
        [
            What::Arrive,
            What::File,
            What::Display {
                index: 0,
                before: 0
            }
        ]
    );
    assert_eq!(sent(&out), [(HAN, FrameKind::AckR)]);
    assert_eq!(han.chat.len(), 1);
    assert_eq!(han.chat[0].status, Status::Received);
    assert_eq!(out.tally.displayed, 1);
    assert_eq!(out.tally.delivery_ms, [400]);

    // The same letter again (its ack:R was lost): recognised, acknowledged again,
    // not shown twice.
    let mut again = Out::new(true);
    han.on_frame(900, Frame::MsgN(env), &s, &mut again);
    assert_eq!(whats(&again), [What::Duplicate]);
    assert_eq!(sent(&again), [(HAN, FrameKind::AckR)]);
    assert_eq!(han.chat.len(), 1);
    assert_eq!(again.tally.displayed, 0);
}

#[test]
fn a_phone_marks_its_letter_sent_on_the_receipt_and_delivered_on_the_notice() {
    let s = Settings::default();
    let mut lilei = online_phone(LILEI, &s);
    let mut out = Out::new(true);
    lilei.write(
        100,
        Dest::User(HAN),
        Arc::new(Text::same("Hi")),
        None,
        &s,
        &mut out,
    );
    assert_eq!(sent(&out), [(LILEI, FrameKind::MsgR)]);
    assert_eq!(lilei.chat[0].status, Status::Sending);
    let id = lilei.chat[0].id;

    // msg:A: ✓, the post office has it.
    let mut out = Out::new(true);
    lilei.on_frame(
        300,
        Frame::MsgA {
            id,
            recipients: 1,
            place: 0,
        },
        &s,
        &mut out,
    );
    assert_eq!(whats(&out), [What::Receipt]);
    assert!(out.frames.is_empty());
    assert_eq!(lilei.chat[0].status, Status::Posted);

    // ack:N: ✓✓, Han Meimei has it; confirmed with ack:C.
    let mut out = Out::new(true);
    let notice = || Frame::AckN {
        id,
        by: HAN,
        recipients: 1,
        place: 0,
    };
    lilei.on_frame(700, notice(), &s, &mut out);
    assert_eq!(whats(&out), [What::Delivered { count: 1, of: 1 }]);
    assert_eq!(sent(&out), [(LILEI, FrameKind::AckC)]);
    assert_eq!(lilei.chat[0].status, Status::Delivered { count: 1, of: 1 });

    // The notice again (its ack:C was lost): confirmed again, counted once.
    let mut out = Out::new(true);
    lilei.on_frame(900, notice(), &s, &mut out);
    assert!(whats(&out).is_empty(), "{:?}", whats(&out));
    assert_eq!(sent(&out), [(LILEI, FrameKind::AckC)]);
    assert_eq!(lilei.chat[0].status, Status::Delivered { count: 1, of: 1 });
}

#[test]
fn a_phone_stops_resending_its_ack_when_the_post_office_acknowledges_it() {
    let s = Settings::default();
    let mut han = online_phone(HAN, &s);
    let env = letter(HAN);
    han.on_frame(500, Frame::MsgN(env.clone()), &s, &mut Out::new(true));
    // Without ack:A, the retry check sends ack:R again.
    let mut unanswered = han.clone();
    let mut out = Out::new(true);
    let late = 500 + s.retry.grace_ms;
    unanswered.on_timer(late, PhoneTimer::RetryCheck, &s, &mut out);
    assert_eq!(sent(&out), [(HAN, FrameKind::AckR)]);
    // With ack:A: nothing left to resend.
    let mut out = Out::new(true);
    han.on_frame(600, Frame::AckA(env.id), &s, &mut out);
    assert!(out.events.is_empty() && out.frames.is_empty());
    let mut out = Out::new(true);
    han.on_timer(late, PhoneTimer::RetryCheck, &s, &mut out);
    assert!(out.frames.is_empty(), "{:?}", sent(&out));
}

#[test]
fn a_phone_sends_its_heartbeat_and_sets_the_next_one() {
    let s = Settings::default();
    let mut phone = Phone::new(LILEI);
    let mut out = Out::new(true);
    phone.login(0, &s, &mut out);
    phone.on_frame(10, Frame::LoginOk, &s, &mut out);
    let generation = out
        .timers
        .iter()
        .find_map(|(delay, t)| match t {
            Timer::Phone(PhoneTimer::Heartbeat { generation }) => {
                assert_eq!(*delay, s.heartbeat.interval_ms);
                Some(*generation)
            }
            _ => None,
        })
        .expect("a heartbeat timer once online");
    let mut out = Out::new(true);
    let at = 10 + s.heartbeat.interval_ms;
    phone.on_timer(at, PhoneTimer::Heartbeat { generation }, &s, &mut out);
    assert_eq!(whats(&out), [What::Heartbeat]);
    assert_eq!(sent(&out), [(LILEI, FrameKind::Heartbeat)]);
    assert_eq!(
        out.timers,
        [(
            s.heartbeat.interval_ms,
            Timer::Phone(PhoneTimer::Heartbeat { generation })
        )]
    );
    // An older timer (superseded) does nothing.
    let mut out = Out::new(true);
    phone.on_timer(at, PhoneTimer::Heartbeat { generation: 0 }, &s, &mut out);
    assert!(out.events.is_empty() && out.frames.is_empty() && out.timers.is_empty());
}

// ---- the post office ----

fn office(friends: &[(UserIdx, UserIdx)]) -> PostOffice {
    let mut po = PostOffice::try_new(world()).unwrap();
    for &(a, b) in friends {
        po.set_register(RegisterChange::Befriend, a, b);
    }
    po
}

/// `user` logs in at the post office; the effects are handed back.
fn log_in(po: &mut PostOffice, user: UserIdx, now: u64, s: &Settings) -> Out {
    let mut out = Out::new(true);
    po.on_frame(
        now,
        postoffice::sim::DeviceIdx::main(user),
        Frame::Login,
        s,
        &mut out,
    );
    out
}

#[test]
fn the_post_office_answers_a_heartbeat_and_waits_again_for_the_next() {
    let s = Settings::default();
    let mut po = office(&[]);
    let login = log_in(&mut po, LILEI, 0, &s);
    assert_eq!(
        whats(&login),
        [What::LoggedIn {
            user: postoffice::sim::DeviceIdx::main(LILEI)
        }]
    );
    assert_eq!(sent(&login), [(LILEI, FrameKind::LoginOk)]);
    let mut out = Out::new(true);
    po.on_frame(
        4000,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::Heartbeat,
        &s,
        &mut out,
    );
    assert_eq!(sent(&out), [(LILEI, FrameKind::HeartbeatReply)]);
    assert!(matches!(
        out.timers.as_slice(),
        [(delay, Timer::Server(postoffice::sim::ServerTimer::Silence { user: postoffice::sim::DeviceIdx(0), .. }))]
            if *delay == s.heartbeat.timeout_ms
    ));
    assert!(po.is_online(LILEI));
}

#[test]
fn the_post_office_answers_a_phone_it_does_not_know_is_there() {
    let s = Settings::default();
    let mut po = office(&[]);
    let mut out = Out::new(true);
    po.on_frame(
        100,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::Heartbeat,
        &s,
        &mut out,
    );
    assert_eq!(sent(&out), [(LILEI, FrameKind::NotLoggedIn)]);
    assert!(out.events.is_empty());
}

#[test]
fn the_post_office_returns_a_letter_between_people_who_are_not_friends() {
    let s = Settings::default();
    let mut po = office(&[(LILEI, HAN)]);
    log_in(&mut po, LILEI, 0, &s);
    let mut out = Out::new(true);
    po.on_frame(
        200,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::MsgR(letter(ZED)),
        &s,
        &mut out,
    );
    assert_eq!(
        whats(&out),
        [
            What::Receive,
            What::Return {
                reason: Bounce::NotFriends
            }
        ]
    );
    assert!(matches!(
        out.frames.as_slice(),
        [(
            postoffice::sim::DeviceIdx(0),
            Frame::Returned {
                reason: Bounce::NotFriends,
                ..
            }
        )]
    ));
    assert!(po.archive.is_empty());
}

#[test]
fn the_post_office_shelves_a_letter_for_a_phone_away_and_delivers_it_at_its_login() {
    let s = Settings::default();
    let mut po = office(&[(LILEI, HAN)]);
    log_in(&mut po, LILEI, 0, &s);
    let env = letter(HAN);
    let mut out = Out::new(true);
    po.on_frame(
        200,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::MsgR(env.clone()),
        &s,
        &mut out,
    );
    assert_eq!(
        whats(&out),
        [
            What::Receive,
            What::Verify { archived: 1 },
            What::Shelve {
                to: postoffice::sim::DeviceIdx::main(HAN),
                why: ShelfWhy::NotConnected
            }
        ]
    );
    assert_eq!(sent(&out), [(LILEI, FrameKind::MsgA)]);
    assert_eq!(po.shelf(postoffice::sim::DeviceIdx::main(HAN)).count(), 1);

    // Han Meimei logs in: the letter comes off the shelf and down her line.
    let out = log_in(&mut po, HAN, 5000, &s);
    assert_eq!(
        whats(&out),
        [
            What::LoggedIn {
                user: postoffice::sim::DeviceIdx::main(HAN)
            },
            What::Unshelve {
                to: postoffice::sim::DeviceIdx::main(HAN)
            }
        ]
    );
    assert_eq!(
        sent(&out),
        [(HAN, FrameKind::LoginOk), (HAN, FrameKind::MsgN)]
    );
    assert_eq!(po.shelf(postoffice::sim::DeviceIdx::main(HAN)).count(), 0);
}

#[test]
fn the_post_office_forwards_a_letter_acknowledges_its_ack_and_tells_the_sender() {
    let s = Settings::default();
    let mut po = office(&[(LILEI, HAN)]);
    log_in(&mut po, LILEI, 0, &s);
    log_in(&mut po, HAN, 0, &s);
    let env = letter(HAN);
    let mut out = Out::new(true);
    po.on_frame(
        200,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::MsgR(env.clone()),
        &s,
        &mut out,
    );
    assert_eq!(
        whats(&out),
        [
            What::Receive,
            What::Verify { archived: 1 },
            What::Forward {
                to: postoffice::sim::DeviceIdx::main(HAN)
            }
        ]
    );
    assert_eq!(
        sent(&out),
        [(LILEI, FrameKind::MsgA), (HAN, FrameKind::MsgN)]
    );

    // The same letter again (its msg:A was lost): a duplicate, answered the same.
    let mut out = Out::new(true);
    po.on_frame(
        900,
        postoffice::sim::DeviceIdx::main(LILEI),
        Frame::MsgR(env.clone()),
        &s,
        &mut out,
    );
    assert_eq!(whats(&out), [What::Duplicate]);
    assert_eq!(sent(&out), [(LILEI, FrameKind::MsgA)]);

    // ack:R from Han Meimei: ack:A to her, the ✓✓ notice (ack:N) to Li Lei.
    let mut out = Out::new(true);
    po.on_frame(
        400,
        postoffice::sim::DeviceIdx::main(HAN),
        Frame::AckR(env.id),
        &s,
        &mut out,
    );
    assert_eq!(
        whats(&out),
        [What::Acknowledged {
            by: HAN,
            told: true,
            device: postoffice::sim::DeviceIdx::main(HAN),
        }]
    );
    assert_eq!(
        sent(&out),
        [(LILEI, FrameKind::AckN), (HAN, FrameKind::AckA)]
    );
}
