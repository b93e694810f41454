//! Actions as one two-way table (`scenario::action`): every action of the
//! simulation, written as a scene file writes it and read back by the scene's
//! builder, is the same action; and the written form is the one people write by
//! hand (the one saved lessons have always had).

use postoffice::scenario::{self, action};
use postoffice::sim::{
    Action, Dest, Dir, FrameClass, GroupIdx, OwnLetter, Presence, RegisterChange, Text, UserIdx,
    World,
};
use proptest::prelude::*;

/// Users with awkward ids (a quote, an apostrophe, a backslash, Chinese), one
/// unregistered address, and a group.
const IDS: [&str; 4] = ["lilei", "o'neil", "han \\\"mm\\\"", "小明"];

fn scene(script: &str) -> String {
    format!(
        "(\n    title: \"Actions\",\n    users: [(id: \"{}\", devices: [(id: \"lilei.pc\", kind: Computer)]), (id: \"{}\"), (id: \"{}\"), (id: \"{}\")],\n    unregistered: [\"ghost\"],\n    groups: [(id: \"class'1\", members: [\"lilei\", \"o'neil\"])],\n    script: [\n        {script},\n    ],\n)\n",
        IDS[0], IDS[1], IDS[2], IDS[3]
    )
}

fn world() -> std::sync::Arc<World> {
    scenario::parse("actions.ron", scene("(at_ms: 0, do: ServerUp)").as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
        .world
}

fn text() -> impl Strategy<Value = Text> {
    let words = "[a-zA-Z '\"\\\\\n\t\u{7}你好👋\u{fe0f}]{1,12}";
    prop_oneof![
        words.prop_map(|w| Text::from(w.as_str())),
        (words, words).prop_map(|(en, zh)| Text::new(&en, &zh)),
    ]
}

/// Any action the scene above can hold.
fn any_action() -> impl Strategy<Value = Action> {
    let phone = || (0..4u32).prop_map(UserIdx);
    let pair = || (0..4u32, 1..4u32).prop_map(|(a, d)| (UserIdx(a), UserIdx((a + d) % 4)));
    let change = prop_oneof![
        Just(RegisterChange::Befriend),
        Just(RegisterChange::Unfriend),
        Just(RegisterChange::Block),
        Just(RegisterChange::Unblock),
    ];
    let toward = prop_oneof![Just(Dir::ToServer), Just(Dir::ToPhone)];
    let what = prop_oneof![
        Just(FrameClass::Message),
        Just(FrameClass::Ack),
        Just(FrameClass::Heartbeat),
        Just(FrameClass::Any),
    ];
    prop_oneof![
        phone().prop_map(|x| Action::Login(postoffice::sim::DeviceIdx::main(x))),
        phone().prop_map(|x| Action::Logout(postoffice::sim::DeviceIdx::main(x))),
        phone().prop_map(|x| Action::LinkDown(postoffice::sim::DeviceIdx::main(x))),
        phone().prop_map(|x| Action::LinkUp(postoffice::sim::DeviceIdx::main(x))),
        // To a user or to the unregistered address (index 4).
        (0..4u32, 1..5u32, text()).prop_map(|(a, d, text)| Action::Send {
            from: postoffice::sim::DeviceIdx(a),
            to: Dest::User(UserIdx((a + d) % 5)),
            text,
            parcel: None,
        }),
        (phone(), text()).prop_map(|(from, text)| Action::Send {
            from: postoffice::sim::DeviceIdx::main(from),
            to: Dest::Group(GroupIdx(0)),
            text,
            parcel: None,
        }),
        // With a photo or a voice message (issue 26).
        (0..4u32, 1..5u32, text(), 1..1_000_000u32, 0..3_600u32).prop_map(|(a, d, text, kb, s)| {
            Action::Send {
                from: postoffice::sim::DeviceIdx(a),
                to: Dest::User(UserIdx((a + d) % 5)),
                text,
                parcel: Some(postoffice::sim::Parcel {
                    kind: match s {
                        0 => postoffice::sim::ParcelKind::Photo,
                        s => postoffice::sim::ParcelKind::Voice { seconds: s },
                    },
                    kb,
                }),
            }
        }),
        (phone(), 0.0..1.0f64).prop_map(|(user, loss)| Action::SetLoss {
            user: postoffice::sim::DeviceIdx::main(user),
            loss
        }),
        (phone(), Just(0.0)).prop_map(|(user, loss)| Action::SetLoss {
            user: postoffice::sim::DeviceIdx::main(user),
            loss
        }),
        (phone(), toward, what).prop_map(|(user, toward, what)| Action::Drop {
            user: postoffice::sim::DeviceIdx::main(user),
            toward,
            what
        }),
        (change, pair()).prop_map(|(c, (a, b))| Action::Register(c, a, b)),
        Just(Action::ServerDown),
        Just(Action::ServerUp),
        prop_oneof![
            Just(Presence::Off),
            Just(Presence::Push),
            (1_000..1_000_000u64).prop_map(|every_ms| Presence::Pull { every_ms }),
        ]
        .prop_map(Action::SetPresence),
        (pair(), any::<bool>()).prop_map(|((from, to), on)| Action::Typing {
            from: postoffice::sim::DeviceIdx::main(from),
            to,
            on
        }),
        // The letter every round trip's script sends first (see `LETTER`), by its
        // words or by its number.
        prop_oneof![Just(LETTER), Just("lilei#1")].prop_map(|named| Action::Resend(OwnLetter {
            from: postoffice::sim::DeviceIdx(0),
            text: Text::from(LETTER),
            nth: 0,
            named: Text::from(named),
        })),
        prop_oneof![Just(LETTER), Just("lilei#1")].prop_map(|named| Action::Recall(OwnLetter {
            from: postoffice::sim::DeviceIdx(0),
            text: Text::from(LETTER),
            nth: 0,
            named: Text::from(named),
        })),
        // Members of `class'1` leave; the others join.
        (0..4u32).prop_map(|u| Action::Membership {
            user: UserIdx(u),
            group: GroupIdx(0),
            join: u >= 2,
        }),
        // The app closed and opened again (after what `before` puts first).
        phone().prop_map(|x| Action::CloseApp(postoffice::sim::DeviceIdx::main(x))),
        phone().prop_map(|x| Action::OpenApp(postoffice::sim::DeviceIdx::main(x))),
        // A chat with someone else, or the group's by one of its members (0, 1),
        // and closed (after `before` opens one).
        pair().prop_map(|(u, x)| Action::OpenChat(
            postoffice::sim::DeviceIdx::main(u),
            Dest::User(x)
        )),
        (0..2u32).prop_map(|u| Action::OpenChat(
            postoffice::sim::DeviceIdx(u),
            Dest::Group(GroupIdx(0))
        )),
        phone().prop_map(|x| Action::CloseChat(postoffice::sim::DeviceIdx::main(x))),
        // Issue 27: Li Lei's chats moved between his phone and his computer
        // (device 4, after the four main phones), either way; and his computer
        // doing what a phone does.
        any::<bool>().prop_map(|back| {
            let (phone, pc) = (postoffice::sim::DeviceIdx(0), postoffice::sim::DeviceIdx(4));
            match back {
                false => Action::MoveChats {
                    from: phone,
                    to: pc,
                },
                true => Action::MoveChats {
                    from: pc,
                    to: phone,
                },
            }
        }),
        Just(Action::LinkDown(postoffice::sim::DeviceIdx(4))),
    ]
}

/// What the script must do before `a` for `a` to be right at its moment: a
/// `CloseApp` needs the app open (a login), an `OpenApp` the app closed.
fn before(a: &Action, world: &World) -> Vec<Action> {
    match *a {
        Action::CloseApp(u) => vec![Action::Login(u)],
        Action::OpenApp(u) => vec![Action::Login(u), Action::CloseApp(u)],
        Action::CloseChat(u) => vec![Action::OpenChat(u, Dest::User(UserIdx((u.0 + 1) % 4)))],
        _ => Vec::new(),
    }
    .into_iter()
    .inspect(|b| assert!(!action::entry_ron(0, b, world).is_empty()))
    .collect()
}

/// The letter the round trip's script sends first, that a `Resend` names (words
/// `text()` never makes).
const LETTER: &str = "letter 1";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// action → scene file → action is the identity, its time included.
    #[test]
    fn every_action_reads_back_as_itself(a in any_action(), at in 0..10_000_000_000u64) {
        let world = world();
        let entry = action::entry_ron(at, &a, &world);
        prop_assert!(!entry.contains('\n'), "one line: {entry}");
        let mut first = format!("(at_ms: 0, do: Send(from: \"lilei\", to: \"o'neil\", text: {LETTER:?})),");
        let setup = before(&a, &world);
        for b in &setup {
            first.push_str(&format!("\n        {},", action::entry_ron(0, b, &world)));
        }
        let text = scene(&format!("{first}\n        {entry}"));
        let back = scenario::parse("actions.ron", text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(&back.script[1 + setup.len()..], &[(at, a)][..], "{}", text);
    }
}

/// The written form, pinned: as people write it by hand, one line each.
#[test]
fn each_action_is_written_as_by_hand() {
    let world = world();
    let (l, o, h, g) = (UserIdx(0), UserIdx(1), UserIdx(2), UserIdx(4));
    let cases = [
        (
            Action::Login(postoffice::sim::DeviceIdx::main(l)),
            r#"Login("lilei")"#,
        ),
        (
            Action::Logout(postoffice::sim::DeviceIdx::main(o)),
            r#"Logout("o'neil")"#,
        ),
        (
            Action::LinkDown(postoffice::sim::DeviceIdx::main(h)),
            r#"LinkDown("han \"mm\"")"#,
        ),
        (
            Action::LinkUp(postoffice::sim::DeviceIdx(3)),
            r#"LinkUp("小明")"#,
        ),
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(l),
                to: Dest::User(g),
                text: Text::from("It's \"me\"\n"),
                parcel: None,
            },
            r#"Send(from: "lilei", to: "ghost", text: "It's \"me\"\n")"#,
        ),
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(o),
                to: Dest::Group(GroupIdx(0)),
                text: Text::new("Hi all", "大家好"),
                parcel: None,
            },
            r#"SendGroup(from: "o'neil", group: "class'1", text: (en: "Hi all", zh: "大家好"))"#,
        ),
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(l),
                to: Dest::User(o),
                text: Text::from("The kite"),
                parcel: Some(postoffice::sim::Parcel {
                    kind: postoffice::sim::ParcelKind::Photo,
                    kb: 1200,
                }),
            },
            r#"Send(from: "lilei", to: "o'neil", text: "The kite", parcel: Photo(kb: 1200))"#,
        ),
        (
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(o),
                to: Dest::Group(GroupIdx(0)),
                text: Text::from("Song"),
                parcel: Some(postoffice::sim::Parcel {
                    kind: postoffice::sim::ParcelKind::Voice { seconds: 12 },
                    kb: 24,
                }),
            },
            r#"SendGroup(from: "o'neil", group: "class'1", text: "Song", parcel: Voice(kb: 24, seconds: 12))"#,
        ),
        (
            Action::SetLoss {
                user: postoffice::sim::DeviceIdx::main(l),
                loss: 0.3,
            },
            r#"SetLoss(user: "lilei", loss: 0.3)"#,
        ),
        (
            Action::SetLoss {
                user: postoffice::sim::DeviceIdx::main(l),
                loss: 0.0,
            },
            r#"SetLoss(user: "lilei", loss: 0.0)"#,
        ),
        (
            Action::Drop {
                user: postoffice::sim::DeviceIdx::main(l),
                toward: Dir::ToPhone,
                what: FrameClass::Ack,
            },
            r#"Drop(user: "lilei", toward: Phone, what: Ack)"#,
        ),
        (
            Action::Register(RegisterChange::Unblock, o, l),
            r#"Unblock("o'neil", "lilei")"#,
        ),
        (Action::ServerDown, "ServerDown"),
        (Action::ServerUp, "ServerUp"),
        (Action::SetPresence(Presence::Push), "SetPresence(Push)"),
        (Action::SetPresence(Presence::Off), "SetPresence(Off)"),
        (
            Action::SetPresence(Presence::Pull { every_ms: 10_000 }),
            "SetPresence(Pull(every_ms: 10000))",
        ),
        (
            Action::Typing {
                from: postoffice::sim::DeviceIdx::main(l),
                to: o,
                on: true,
            },
            r#"Typing(from: "lilei", to: "o'neil")"#,
        ),
        (
            Action::Typing {
                from: postoffice::sim::DeviceIdx::main(o),
                to: l,
                on: false,
            },
            r#"StopTyping(from: "o'neil", to: "lilei")"#,
        ),
        (
            Action::Resend(OwnLetter {
                from: postoffice::sim::DeviceIdx::main(l),
                text: Text::from("Hi"),
                nth: 1,
                named: Text::from("lilei#2"),
            }),
            r#"Resend(letter: "lilei#2")"#,
        ),
        (
            Action::Recall(OwnLetter {
                from: postoffice::sim::DeviceIdx::main(l),
                text: Text::from("Hi"),
                nth: 0,
                named: Text::from("Hi"),
            }),
            r#"Recall(letter: "Hi")"#,
        ),
        (
            Action::Membership {
                user: h,
                group: GroupIdx(0),
                join: true,
            },
            r#"Join(user: "han \"mm\"", group: "class'1")"#,
        ),
        (
            Action::Membership {
                user: o,
                group: GroupIdx(0),
                join: false,
            },
            r#"Leave(user: "o'neil", group: "class'1")"#,
        ),
        (
            Action::CloseApp(postoffice::sim::DeviceIdx::main(o)),
            r#"CloseApp(user: "o'neil")"#,
        ),
        (
            Action::OpenApp(postoffice::sim::DeviceIdx(3)),
            r#"OpenApp(user: "小明")"#,
        ),
        (
            Action::OpenChat(postoffice::sim::DeviceIdx::main(h), Dest::User(o)),
            r#"OpenChat(user: "han \"mm\"", with: "o'neil")"#,
        ),
        (
            Action::OpenChat(
                postoffice::sim::DeviceIdx::main(l),
                Dest::Group(GroupIdx(0)),
            ),
            r#"OpenChat(user: "lilei", group: "class'1")"#,
        ),
        (
            Action::CloseChat(postoffice::sim::DeviceIdx::main(o)),
            r#"CloseChat(user: "o'neil")"#,
        ),
    ];
    for (a, written) in cases {
        assert_eq!(
            action::entry_ron(1200, &a, &world),
            format!("(at_ms: 1200, do: {written})")
        );
    }
}

/// Which kind of action `a` is. No wildcard: a new kind of action stops this test
/// from compiling until it is given a number here (and a place in `any_action`).
fn kind(a: &Action) -> usize {
    match a {
        Action::Login(_) => 0,
        Action::Logout(_) => 1,
        Action::LinkDown(_) => 2,
        Action::LinkUp(_) => 3,
        Action::Send {
            to: Dest::User(_),
            parcel: None,
            ..
        } => 4,
        Action::Send {
            to: Dest::User(_),
            parcel: Some(_),
            ..
        } => 23,
        Action::Send {
            to: Dest::Group(_), ..
        } => 5,
        Action::SetLoss { .. } => 6,
        Action::Drop { .. } => 7,
        Action::Register(..) => 8,
        Action::ServerDown => 9,
        Action::ServerUp => 10,
        Action::SetPresence(_) => 11,
        Action::Typing { on: true, .. } => 12,
        Action::Typing { on: false, .. } => 13,
        Action::Resend(_) => 14,
        Action::Membership { join: true, .. } => 15,
        Action::Membership { join: false, .. } => 16,
        Action::CloseApp(_) => 17,
        Action::OpenApp(_) => 18,
        Action::OpenChat(_, Dest::User(_)) => 19,
        Action::OpenChat(_, Dest::Group(_)) => 20,
        Action::CloseChat(_) => 21,
        Action::Recall(_) => 22,
        Action::MoveChats { .. } => 24,
    }
}

/// How many kinds [`kind`] tells apart.
const KINDS: usize = 25;

/// The property above meets every kind of action (a kind left out of
/// `any_action` would never be written and read back).
#[test]
fn the_round_trip_meets_every_kind_of_action() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = [false; KINDS];
    for _ in 0..2000 {
        let a = any_action().new_tree(&mut runner).unwrap().current();
        let k = kind(&a);
        assert!(k < KINDS, "kind {k} of {a:?}: raise KINDS");
        seen[k] = true;
    }
    let missing: Vec<usize> = (0..KINDS).filter(|k| !seen[*k]).collect();
    assert!(missing.is_empty(), "kinds never generated: {missing:?}");
}
