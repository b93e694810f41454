//! Properties over a thousand random fault-heavy scenes and seeds: every letter ends
//! exactly one way (and never both shown and lost), nothing is shown twice, each
//! conversation keeps its order, runs end, and the same seed gives the same bytes.
//! The scripts tap ❗ on random letters (`Resend`) and make people join and leave
//! the group (issue 23): a group letter's addressees are the members when the post
//! office accepts it, and its sender's count never says more have it than do.
//! Apps are closed and opened at random (issue 24), with or without the push
//! service's notifications, the shelf handed over or fetched: after the quiet end
//! no letter is left on the shelf for a phone whose app is open and connected;
//! a letter that leaves the shelf is confirmed or shelved again — never gone
//! unconfirmed — and one whose every copy was lost on the way is shelved again; a
//! notification lights only a closed app's lock screen.
//! Letters carry photos and voice messages at random (issue 26), on parcel
//! wires of random bandwidth (or none), cut into random parts, kept by the
//! parcel store for ever or a while: a parcel is shown at most once on a phone,
//! and only once every one of its parts reached that phone; the picture is never
//! whole with parts missing; a letter with a parcel never goes up (`msg:R`)
//! before the store had all of its parcel.
//! Also: a dead link is noticed by the post office within the bounds the heartbeat
//! settings imply, and not before.

use std::sync::Arc;

use postoffice::report::json_lines;
use postoffice::sim::view::View;
use postoffice::sim::{
    Action, Actor, CEILING_AFTER_SCRIPT_MS, Dest, Dir, Event, FrameClass, FrameKind, GroupIdx,
    Heartbeat, Members, MsgId, Notifications, OfflineWhy, Order, OwnLetter, Parcel, ParcelKind,
    Parcels, Person, Presence, ReadReceipts, RegisterChange, Retry, Settings, Shelf, Sim, Status,
    Text, UserIdx, What, World, world::Group,
};
use proptest::prelude::*;

fn world(n: usize, group: &[usize]) -> Arc<World> {
    let people = (0..n)
        .map(|i| Person {
            id: Arc::from(format!("u{i}")),
            name: Text::same(format!("U{i}")),
            avatar: Arc::from(""),
            registered: true,
        })
        .chain(std::iter::once(Person {
            id: Arc::from("nobody"),
            name: Text::same("nobody"),
            avatar: Arc::from(""),
            registered: false,
        }))
        .collect();
    let members = group.iter().map(|&i| UserIdx(i as u32)).collect();
    Arc::new(World {
        people,
        groups: vec![Group {
            id: Arc::from("g"),
            name: Text::same("G"),
            members,
        }],
        // Who switched read receipts off is given to the simulation by `run`
        // (`Sim::set_receipts_off`); only the words read it here.
        receipts_off: Vec::new(),
        ..Default::default()
    })
}

/// A random action among `n` phones (index `n` is the unregistered address),
/// weighted toward faults: cut links, lossy links, one-shot drops, closing time,
/// logouts, blocks.
fn action(n: usize) -> impl Strategy<Value = Action> {
    let u = move || (0..n).prop_map(|i| UserIdx(i as u32));
    let text = (0u8..30).prop_map(|i| postoffice::sim::Text::from(format!("m{i}").as_str()));
    prop_oneof![
        5 => (u(), 0..=n, text.clone()).prop_map(move |(from, to, text)| {
            let to = if to == from.index() { (to + 1) % (n + 1) } else { to };
            Action::Send { from: postoffice::sim::DeviceIdx::main(from), to: Dest::User(UserIdx(to as u32)), text, parcel: None }
        }),
        2 => (u(), text.clone()).prop_map(|(from, text)| Action::Send { from: postoffice::sim::DeviceIdx::main(from), to: Dest::Group(GroupIdx(0)), text, parcel: None }),
        // A photo or a voice message (issue 26), to a person or the group.
        3 => (u(), 0..=n, text.clone(), parcel()).prop_map(move |(from, to, text, p)| {
            let to = if to == from.index() { (to + 1) % (n + 1) } else { to };
            Action::Send { from: postoffice::sim::DeviceIdx::main(from), to: Dest::User(UserIdx(to as u32)), text, parcel: Some(p) }
        }),
        1 => (u(), text, parcel()).prop_map(|(from, text, p)| Action::Send { from: postoffice::sim::DeviceIdx::main(from), to: Dest::Group(GroupIdx(0)), text, parcel: Some(p) }),
        1 => u().prop_map(|x| Action::Login(postoffice::sim::DeviceIdx::main(x))),
        2 => u().prop_map(|x| Action::Logout(postoffice::sim::DeviceIdx::main(x))),
        2 => u().prop_map(|x| Action::LinkDown(postoffice::sim::DeviceIdx::main(x))),
        2 => u().prop_map(|x| Action::LinkUp(postoffice::sim::DeviceIdx::main(x))),
        2 => (u(), 0.0..0.5f64).prop_map(|(user, loss)| Action::SetLoss { user: postoffice::sim::DeviceIdx::main(user), loss }),
        3 => (u(), any::<bool>(), 0..5usize).prop_map(|(user, up, c)| Action::Drop {
            user: postoffice::sim::DeviceIdx::main(user),
            toward: if up { Dir::ToServer } else { Dir::ToPhone },
            what: [FrameClass::Message, FrameClass::Ack, FrameClass::Heartbeat, FrameClass::Parcel, FrameClass::Any][c],
        }),
        // A receipt or a delivery notice lost on its way to a phone: the case
        // where a sender gives up on a letter that did arrive.
        3 => u().prop_map(|user| Action::Drop { user: postoffice::sim::DeviceIdx::main(user), toward: Dir::ToPhone, what: FrameClass::Ack }),
        1 => (u(), u(), 0..4usize).prop_map(|(a, b, c)| {
            let change = [RegisterChange::Befriend, RegisterChange::Unfriend, RegisterChange::Block, RegisterChange::Unblock][c];
            Action::Register(change, a, b)
        }),
        1 => Just(Action::ServerDown),
        1 => Just(Action::ServerUp),
        // "typing…" (to oneself too: the phone ignores it) and a switch of dots.
        2 => (u(), u(), any::<bool>()).prop_map(|(from, to, on)| Action::Typing { from: postoffice::sim::DeviceIdx::main(from), to, on }),
        1 => presence().prop_map(Action::SetPresence),
        // A tap on ❗ beside one of the sender's letters (its first or second with
        // these words): most are on letters not given up, and send nothing.
        4 => (u(), 0u8..30, 0u32..2).prop_map(|(from, i, nth)| {
            let text = postoffice::sim::Text::from(format!("m{i}").as_str());
            Action::Resend(OwnLetter { from: postoffice::sim::DeviceIdx::main(from), named: text.clone(), text, nth })
        }),
        // A recall of one of the sender's letters (issue 25): most name no letter
        // written yet, and send nothing.
        2 => (u(), 0u8..30, 0u32..2).prop_map(|(from, i, nth)| {
            let text = postoffice::sim::Text::from(format!("m{i}").as_str());
            Action::Recall(OwnLetter { from: postoffice::sim::DeviceIdx::main(from), named: text.clone(), text, nth })
        }),
        // Joining and leaving the group (a join of a member changes nothing).
        2 => (u(), any::<bool>()).prop_map(|(user, join)| Action::Membership { user, group: GroupIdx(0), join }),
        // The app closed (the phone on) and opened again (issue 24).
        3 => u().prop_map(|x| Action::CloseApp(postoffice::sim::DeviceIdx::main(x))),
        2 => u().prop_map(|x| Action::OpenApp(postoffice::sim::DeviceIdx::main(x))),
        // A chat opened (with someone else, or the group's: index `n`) and closed
        // (issue 25).
        4 => (u(), 0..=n).prop_map(move |(user, with)| {
            let chat = match with {
                w if w == n => Dest::Group(GroupIdx(0)),
                w if w == user.index() => Dest::User(UserIdx(((w + 1) % n) as u32)),
                w => Dest::User(UserIdx(w as u32)),
            };
            Action::OpenChat(postoffice::sim::DeviceIdx::main(user), chat)
        }),
        2 => u().prop_map(|x| Action::CloseChat(postoffice::sim::DeviceIdx::main(x))),
    ]
}

/// A photo of up to 3000 kB, or a voice message of up to 200 kB and a minute.
fn parcel() -> impl Strategy<Value = Parcel> {
    prop_oneof![
        (1u32..3_000).prop_map(|kb| Parcel {
            kind: ParcelKind::Photo,
            kb
        }),
        (1u32..200, 1u32..60).prop_map(|(kb, seconds)| Parcel {
            kind: ParcelKind::Voice { seconds },
            kb
        }),
    ]
}

/// Each group letter's addressees: the group's members, but the sender, when the
/// post office accepted it (its step 5), read from the trace's joins and leaves.
fn addressees(w: &World, events: &[Event]) -> std::collections::BTreeMap<MsgId, Vec<UserIdx>> {
    let mut members = Members::of(w);
    let mut fixed = std::collections::BTreeMap::new();
    for e in events {
        members.apply(e);
        if let (What::Verify { .. }, Some(m)) = (&e.what, &e.msg)
            && let Dest::Group(g) = m.to
        {
            let to: Vec<UserIdx> = members
                .members(g)
                .iter()
                .copied()
                .filter(|&u| u != m.from())
                .collect();
            fixed.insert(m.id, to);
        }
    }
    fixed
}

/// The taps on ❗ of case `c`: on the script's letters, in the order written.
fn taps(c: &Case) -> Vec<(u64, Action)> {
    let mut sorted: Vec<&(u64, Action)> = c.script.iter().collect();
    sorted.sort_by_key(|(at, _)| *at);
    let mut written: Vec<(postoffice::sim::DeviceIdx, &Text)> = Vec::new();
    let mut out = Vec::new();
    for (k, (at, a)) in sorted.into_iter().enumerate() {
        let Action::Send { from, text, .. } = a else {
            continue;
        };
        let nth = written.iter().filter(|w| **w == (*from, text)).count() as u32;
        written.push((*from, text));
        let delay = c.taps[k % c.taps.len()];
        if delay > 0 {
            let pick = OwnLetter {
                from: *from,
                text: text.clone(),
                nth,
                named: text.clone(),
            };
            out.push((at + delay, Action::Resend(pick.clone())));
        }
        // Every other letter is recalled a while after it is sent (issue 25).
        let later = c.taps[(k + 1) % c.taps.len()];
        if later > 0 && k % 2 == 0 {
            let pick = OwnLetter {
                from: *from,
                text: text.clone(),
                nth,
                named: text.clone(),
            };
            out.push((at + later / 2, Action::Recall(pick)));
        }
    }
    out
}

/// Letters their phone sent again after giving up (a tap on ❗, or by itself).
fn resent(events: &[Event]) -> std::collections::BTreeSet<MsgId> {
    events
        .iter()
        .filter(|e| matches!(e.what, What::Resent { .. }))
        .filter_map(|e| e.msg.as_ref().map(|m| m.id))
        .collect()
}

/// How friends see each other's dots: off, pushed, or pulled every 1 to 6 s.
fn presence() -> impl Strategy<Value = Presence> {
    prop_oneof![
        Just(Presence::Off),
        Just(Presence::Push),
        (1_000u64..6_000).prop_map(|every_ms| Presence::Pull { every_ms }),
    ]
}

/// A conversation: its screens (its people), and its letters' (sender, address).
type Conversation = (Vec<UserIdx>, Vec<(UserIdx, Dest)>);

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    seed: u64,
    loss: f64,
    /// How often a phone (and the post office) sends again before giving up.
    max_retries: u32,
    /// Everyone is friends but these pairs.
    strangers: Vec<(usize, usize)>,
    group: Vec<usize>,
    script: Vec<(u64, Action)>,
    /// When each phone logs in again after the faults end, after 70 s.
    back_after: Vec<u64>,
    /// Who orders the conversations: each phone, or the post office.
    order: Order,
    /// How friends see each other's dots at the start (the script may switch).
    presence: Presence,
    /// "typing…" before each letter to a person (0: none).
    typing_ms: u64,
    /// Taps on ❗: the script's `k`-th letter is tapped `taps[k % len]` ms after
    /// it is sent (0: not tapped).
    taps: Vec<u64>,
    /// Whether phones send a letter they gave up on again by themselves.
    resend: postoffice::sim::Resend,
    /// Notifications through the push service (issue 24), and how the shelf's
    /// letters reach a phone whose line opens.
    notifications: Notifications,
    shelf: Shelf,
    /// Read receipts (issue 25), and who turned them off.
    receipts: ReadReceipts,
    receipts_off: Vec<UserIdx>,
    /// The post office's limit for a recall (issue 25).
    recall_limit: u64,
    /// Parcel wires' bandwidth (none: latency only), parts' size, and how long
    /// the parcel store keeps a parcel (issue 26).
    bandwidth: Option<u32>,
    part_kb: u32,
    keep_ms: Option<u64>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..6).prop_flat_map(|n| {
        (
            Just(n),
            any::<u64>(),
            prop_oneof![Just(0.0), 0.0..0.5f64],
            0u32..4,
            proptest::collection::vec((0..n, 0..n), 0..4),
            proptest::collection::btree_set(0..n, 0..=n),
            proptest::collection::vec((0u64..60_000, action(n)), 5..40),
            proptest::collection::vec(0u64..20_000, n),
            prop_oneof![Just(Order::EachPhone), Just(Order::PostOffice)],
            presence(),
            prop_oneof![Just(0u64), 100u64..3_000],
            (
                proptest::collection::vec(prop_oneof![Just(0u64), 1_000u64..40_000], 1..6),
                prop_oneof![
                    Just(postoffice::sim::Resend::Tap),
                    Just(postoffice::sim::Resend::Auto)
                ],
                prop_oneof![
                    Just(Notifications::Off),
                    Just(Notifications::Words),
                    Just(Notifications::NameOnly),
                    Just(Notifications::Hidden),
                ],
                prop_oneof![Just(Shelf::HandedOver), Just(Shelf::Fetched)],
                (
                    prop_oneof![
                        Just(ReadReceipts::Off),
                        Just(ReadReceipts::On),
                        Just(ReadReceipts::Mutual),
                        Just(ReadReceipts::Reader),
                    ],
                    proptest::collection::btree_set(0..n, 0..=n),
                ),
                prop_oneof![Just(2_000u64), Just(10_000u64), Just(120_000u64)],
                (
                    prop_oneof![Just(None), (50u32..2_000).prop_map(Some)],
                    prop_oneof![Just(256u32), 32u32..1_024],
                    prop_oneof![Just(None), (1_000u64..60_000).prop_map(Some)],
                ),
            ),
        )
            .prop_map(
                |(
                    n,
                    seed,
                    loss,
                    max_retries,
                    strangers,
                    group,
                    script,
                    back_after,
                    order,
                    presence,
                    typing_ms,
                    (
                        taps,
                        resend,
                        notifications,
                        shelf,
                        (receipts, off),
                        recall_limit,
                        (bandwidth, part_kb, keep_ms),
                    ),
                )| Case {
                    n,
                    seed,
                    loss,
                    max_retries,
                    strangers,
                    group: group.into_iter().collect(),
                    script,
                    back_after,
                    order,
                    presence,
                    typing_ms,
                    taps,
                    resend,
                    notifications,
                    shelf,
                    receipts,
                    receipts_off: off.into_iter().map(|i| UserIdx(i as u32)).collect(),
                    recall_limit,
                    bandwidth,
                    part_kb,
                    keep_ms,
                },
            )
    })
}

/// Runs a case; at 70 s the faults end (network, post office), and the phones come
/// back one by one (logged out first, then in), so that the run ends quietly: every
/// phone online and no fault for as long as the story needs to settle.
fn run(c: &Case) -> (Sim, Vec<Event>) {
    let settings = Settings {
        heartbeat: Heartbeat {
            interval_ms: 4_000,
            timeout_ms: 9_000,
        },
        retry: Retry {
            check_ms: 1_000,
            grace_ms: 700,
            max_retries: c.max_retries,
        },
        order: c.order,
        presence: c.presence,
        typing_before_send_ms: c.typing_ms,
        resend: c.resend,
        notifications: c.notifications,
        shelf: c.shelf,
        read_receipts: c.receipts,
        recall_limit_ms: c.recall_limit,
        parcels: Parcels {
            part_kb: c.part_kb,
            keep_ms: c.keep_ms,
        },
        ..Settings::default()
    };
    let mut settings = settings;
    settings.network.bandwidth_kb_per_s = c.bandwidth;
    let mut sim = Sim::new(world(c.n, &c.group), settings, c.seed, true);
    if !c.receipts_off.is_empty() {
        sim.set_receipts_off(&c.receipts_off);
    }
    for a in 0..c.n {
        for b in a + 1..c.n {
            if !c.strangers.contains(&(a, b)) && !c.strangers.contains(&(b, a)) {
                sim.set_register(
                    RegisterChange::Befriend,
                    UserIdx(a as u32),
                    UserIdx(b as u32),
                );
            }
        }
    }
    for i in 0..c.n {
        sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx(i as u32)));
        sim.schedule(
            0,
            Action::SetLoss {
                user: postoffice::sim::DeviceIdx(i as u32),
                loss: c.loss,
            },
        );
    }
    for (at, a) in &c.script {
        sim.schedule(*at, a.clone());
    }
    for (at, tap) in taps(c) {
        sim.schedule(at, tap);
    }
    sim.schedule(70_000, Action::ServerUp);
    for i in 0..c.n {
        let u = UserIdx(i as u32);
        sim.schedule(
            70_000,
            Action::SetLoss {
                user: postoffice::sim::DeviceIdx::main(u),
                loss: 0.0,
            },
        );
        sim.schedule(70_000, Action::LinkUp(postoffice::sim::DeviceIdx::main(u)));
        sim.schedule(70_000, Action::Logout(postoffice::sim::DeviceIdx::main(u)));
        sim.schedule(
            70_000 + c.back_after[i],
            Action::Login(postoffice::sim::DeviceIdx::main(u)),
        );
    }
    sim.run();
    let events = sim.take_events();
    (sim, events)
}

proptest! {
    // Fault-heavy scenes over a thousand seeds (about a second in all).
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_letter_ends_exactly_one_way(c in case()) {
        let (sim, events) = run(&c);
        prop_assert!(sim.now() < 90_000 + CEILING_AFTER_SCRIPT_MS, "the run ends by itself (seed {})", c.seed);
        let w = sim.world().clone();
        let s = View::from_trace(w.phones(), &events);
        let fixed = addressees(&w, &events);
        for (id, letter) in &s.letters {
            let recipients: Vec<UserIdx> = match letter.to {
                Dest::User(u) => vec![u],
                // Never accepted: returned, or never reached the post office.
                Dest::Group(_) => fixed.get(id).cloned().unwrap_or_default(),
            };
            // A recalled letter's notice stands in its place where the recall came
            // first (it is never shown there): counted as its one showing.
            let shown: Vec<usize> = recipients
                .iter()
                .map(|&r| s.displayed.get(&(postoffice::sim::DeviceIdx::main(r), *id)).map_or(0, Vec::len).max(usize::from(s.shows_notice(postoffice::sim::DeviceIdx::main(r), *id))))
                .collect();
            let everyone_else: usize = s.displayed.iter().filter(|((u, i), _)| i == id && !recipients.contains(&UserIdx(u.0))).count();
            prop_assert_eq!(everyone_else, 0, "only its recipients see a letter");
            prop_assert!(shown.iter().all(|&n| n <= 1), "{:?} shown twice (seed {})", id, c.seed);
            // The run ended quietly, so each letter has ended one way: returned,
            // lost (and then shown to nobody), or shown once to every recipient
            // with two ticks on the sender's bubble.
            match s.sender_sees(*id).as_ref() {
                // Recalled: the notice stands in its place on every screen (the
                // recall property checks it); its ticks no longer matter.
                _ if s.shows_notice(postoffice::sim::DeviceIdx::main(id.from), *id) => {}
                Some(Status::Returned(_)) => prop_assert!(shown.iter().all(|&n| n == 0), "returned yet shown"),
                Some(Status::Lost) => prop_assert!(
                    shown.iter().all(|&n| n == 0),
                    "{:?} both shown {:?} and reported lost (seed {})", id, shown, c.seed
                ),
                Some(Status::Delivered { count, of }) => {
                    prop_assert!(
                        shown.iter().all(|&n| n == 1),
                        "{:?} not shown to every recipient: {:?} (seed {})", id, shown, c.seed
                    );
                    prop_assert!(
                        *count == *of && *of as usize == recipients.len(),
                        "{:?} shows {}/{} ticks for {} recipients (seed {})", id, count, of, recipients.len(), c.seed
                    );
                }
                // A group with nobody in it but the sender: nobody to deliver to.
                Some(Status::Posted) if recipients.is_empty() => {}
                other => prop_assert!(
                    false,
                    "{:?} ended as {:?} after a quiet end (seed {})", id, other, c.seed
                ),
            }
        }
        // The view read from the trace is what the phones and the post office hold.
        for (i, phone) in sim.phones().iter().enumerate() {
            let held: Vec<_> = phone.chat.iter().map(|b| (b.id, b.status, phone.place_of(b))).collect();
            let seen: Vec<_> = s.phones[i].chat.iter().map(|b| (b.id, b.status, b.place)).collect();
            prop_assert_eq!(held, seen, "phone {}'s screen (seed {})", i, c.seed);
            prop_assert_eq!(phone.db.len() as u32, s.phones[i].stored);
            // Its line, as the picture shows it, is open exactly when the phone
            // has it open (a tunnel it never noticed leaves it open).
            prop_assert_eq!(
                s.phones[i].connection == postoffice::sim::view::Connection::Open,
                phone.conn == postoffice::sim::Conn::Online,
                "phone {}'s line (seed {})", i, c.seed
            );
        }
        let po = sim.post_office();
        prop_assert_eq!(po.archive.len() as u32, s.office.archived);
        prop_assert_eq!(po.shelved() as u32, s.office.shelved);
        prop_assert_eq!(po.open, s.office.open);
        let online = (0..c.n).filter(|&u| po.is_online(UserIdx(u as u32))).count() as u32;
        prop_assert_eq!(online, s.office.online, "online at the counter (seed {})", c.seed);
        // Each conversation on each screen is in the order it was written; with
        // `order: PostOffice` a letter sent again after it was given up takes its
        // turn then, after the letters released meanwhile, as a new letter would,
        // and a letter with a photo or voice message takes its turn once its
        // parcel is in the store (the letters written after it went at once).
        let again = resent(&events);
        for (u, phone) in s.phones.iter().enumerate() {
            let chat: Vec<_> = phone.chat.iter().map(|b| b.id).collect();
            for (i, a) in chat.iter().enumerate() {
                for b in &chat[i + 1..] {
                    let (la, lb) = (&s.letters[a], &s.letters[b]);
                    let same_conv = la.from() == lb.from() && la.to == lb.to;
                    let its_turn = c.order == Order::PostOffice
                        && (again.contains(b) || lb.parcel.is_some());
                    prop_assert!(!same_conv || its_turn || la.seq < lb.seq, "order broken on {:?}'s screen (seed {})", u, c.seed);
                }
            }
        }
        // The sender's count never says more have a letter than do: each ✓✓ news
        // counts at most the addressees whose screens show it by then.
        let mut have: std::collections::BTreeMap<MsgId, std::collections::BTreeSet<UserIdx>> = Default::default();
        for e in &events {
            match (&e.what, &e.msg, e.actor) {
                // A recall that came first stands in its letter's place.
                (What::Display { .. } | What::Recalled { early: true, .. }, Some(m), Actor::Phone(u)) => {
                    have.entry(m.id).or_default().insert(UserIdx(u.0));
                }
                (What::Delivered { count, of }, Some(m), _) => {
                    let holders = have.get(&m.id).map_or(0, |h| h.len());
                    prop_assert!(*count as usize <= holders, "{:?}: {} of {} counted, {} have it (seed {})", m.id, count, of, holders, c.seed);
                    if let Some(to) = fixed.get(&m.id) {
                        prop_assert_eq!(*of as usize, to.len(), "{:?} counted over other addressees (seed {})", m.id, c.seed);
                    }
                }
                _ => {}
            }
        }
    }

    /// Recall (issue 25, acceptance 2): after a quiet end, a letter whose recall
    /// the post office accepted is in no home mailbox (its words), its archive
    /// copy is torn up, and every screen that had it, or was due it, shows the
    /// notice instead — its writer's too; a letter whose recall was refused (or
    /// never made) is untouched: its words are where they were.
    #[test]
    fn a_recalled_letter_is_in_no_mailbox_and_every_screen_shows_the_notice(c in case()) {
        let (sim, events) = run(&c);
        let w = sim.world().clone();
        let s = View::from_trace(w.phones(), &events);
        let fixed = addressees(&w, &events);
        let po = sim.post_office();
        let words_at = |u: UserIdx, id: MsgId| sim.phone(postoffice::sim::DeviceIdx::main(u)).db.iter().any(|e| e.id == id && !e.text().expect("words").en.is_empty());
        for (id, letter) in &s.letters {
            let recipients: Vec<UserIdx> = match letter.to {
                Dest::User(u) => vec![u],
                Dest::Group(_) => fixed.get(id).cloned().unwrap_or_default(),
            };
            let accepted = s.recalls.get(id).is_some_and(|r| r.answer == Some(Ok(())));
            prop_assert_eq!(accepted, po.recalled(*id), "{:?}: the view and the post office (seed {})", id, c.seed);
            if accepted {
                prop_assert!(!words_at(id.from, *id), "{:?}: its writer keeps the words (seed {})", id, c.seed);
                prop_assert!(s.shows_notice(postoffice::sim::DeviceIdx::main(id.from), *id), "{:?}: its writer's bubble (seed {})", id, c.seed);
                prop_assert!(sim.phone(postoffice::sim::DeviceIdx::main(id.from)).torn(*id));
                for &r in &recipients {
                    prop_assert!(!words_at(r, *id), "{:?}: {:?} keeps the words (seed {})", id, r, c.seed);
                    prop_assert!(s.shows_notice(postoffice::sim::DeviceIdx::main(r), *id), "{:?}: {:?}'s screen (seed {})", id, r, c.seed);
                    prop_assert!(sim.phone(postoffice::sim::DeviceIdx::main(r)).torn(*id));
                }
                // What was on a screen before stays told: once each, before.
                for &r in &recipients {
                    let seen = s.recalls[id].seen.contains_key(&postoffice::sim::DeviceIdx::main(r));
                    prop_assert_eq!(seen, s.displayed.contains_key(&(postoffice::sim::DeviceIdx::main(r), *id)), "{:?}: {:?} had it on screen (seed {})", id, r, c.seed);
                }
            } else {
                prop_assert!(!sim.phone(postoffice::sim::DeviceIdx::main(id.from)).torn(*id));
                for &r in &recipients {
                    prop_assert!(!s.shows_notice(postoffice::sim::DeviceIdx::main(r), *id));
                    if s.displayed.contains_key(&(postoffice::sim::DeviceIdx::main(r), *id)) {
                        prop_assert!(words_at(r, *id), "{:?}: {:?} lost the words unrecalled (seed {})", id, r, c.seed);
                    }
                }
            }
        }
    }

    /// With `order: PostOffice`, once the story is quiet every screen of a
    /// conversation shows the letters it has in the same order, the post office's:
    /// numbers rising down each screen, and any two screens agreeing. (The test
    /// above holds for both orders: each sender's own order is kept.)
    #[test]
    fn numbered_conversations_look_the_same_on_every_screen(mut c in case()) {
        c.order = Order::PostOffice;
        let (sim, events) = run(&c);
        let w = sim.world().clone();
        let s = View::from_trace(w.phones(), &events);
        // Every conversation: the group, and each pair of people.
        let mut conversations: Vec<Conversation> = Vec::new();
        let g = GroupIdx(0);
        // Everyone who was ever a member: the one who left, the one who joined.
        let members = Members::ever(&w, g, &events);
        conversations.push((members.clone(), members.iter().map(|&m| (m, Dest::Group(g))).collect()));
        for a in 0..c.n as u32 {
            for b in a + 1..c.n as u32 {
                let (a, b) = (UserIdx(a), UserIdx(b));
                conversations.push((vec![a, b], vec![(a, Dest::User(b)), (b, Dest::User(a))]));
            }
        }
        for (screens, letters) in &conversations {
            let shown: Vec<Vec<(postoffice::sim::MsgId, u32)>> = screens
                .iter()
                .map(|&u| {
                    s.phones[u.index()]
                        .chat
                        .iter()
                        .filter(|b| letters.contains(&(s.letters[&b.id].from(), s.letters[&b.id].to)))
                        .map(|b| (b.id, b.place))
                        .collect()
                })
                .collect();
            for (k, screen) in shown.iter().enumerate() {
                let numbers: Vec<u32> = screen.iter().map(|&(_, p)| p).filter(|&p| p > 0).collect();
                prop_assert!(
                    numbers.windows(2).all(|x| x[0] < x[1]),
                    "{:?}'s screen is not in the post office's order: {:?} (seed {})", screens[k], numbers, c.seed
                );
                // Every letter shown to someone else has its number on this screen.
                for &(id, place) in screen {
                    let elsewhere = shown.iter().enumerate().any(|(j, o)| j != k && o.iter().any(|&(x, _)| x == id));
                    prop_assert!(!elsewhere || place > 0, "{:?} without its number on {:?}'s screen (seed {})", id, screens[k], c.seed);
                }
            }
            for i in 0..shown.len() {
                for j in i + 1..shown.len() {
                    let both = |x: &[(postoffice::sim::MsgId, u32)], y: &[(postoffice::sim::MsgId, u32)]| -> Vec<_> {
                        x.iter().map(|&(id, _)| id).filter(|id| y.iter().any(|&(o, _)| o == *id)).collect()
                    };
                    prop_assert_eq!(
                        both(&shown[i], &shown[j]), both(&shown[j], &shown[i]),
                        "{:?} and {:?} disagree (seed {})", screens[i], screens[j], c.seed
                    );
                }
            }
        }
    }

    /// Dots and "typing…" (issue 22): after the quiet end every online phone's dot
    /// for each person is what the post office says it may see (friends, no block,
    /// online), unless a pushed presence frame to that phone was lost in the end
    /// (a lost one is never sent again: the dot stays stale, as it should); the
    /// view read from the trace holds the phones' dots; "typing…" is shown at most
    /// once at a time, is gone by the end, and never reaches a home mailbox.
    #[test]
    fn dots_are_right_after_a_quiet_end_and_typing_is_never_kept(c in case()) {
        let (sim, events) = run(&c);
        let w = sim.world().clone();
        let s = View::from_trace(w.phones(), &events);
        let po = sim.post_office();
        let pushed = sim.settings().presence == Presence::Push;
        let off = sim.settings().presence == Presence::Off;
        let stale = |u: UserIdx| {
            events.iter().any(|e| {
                e.at >= 70_000
                    && matches!(e.what, What::FrameLost { user, frame: FrameKind::Presence, .. } if user == postoffice::sim::DeviceIdx::main(u))
            })
        };
        for p in sim.phones() {
            let u = p.user;
            let view = &s.phones[u.index()];
            for i in 0..c.n {
                let of = UserIdx(i as u32);
                prop_assert_eq!(p.dot(of), view.dot(of), "{:?}'s dot for {:?} in the view (seed {})", u, of, c.seed);
                let checked = po.is_online(u) && of != u && !off && !(pushed && stale(u));
                if checked {
                    prop_assert_eq!(
                        p.dot(of), po.dot_for(u, of),
                        "{:?}'s dot for {:?} after a quiet end ({:?}, seed {})", u, of, sim.settings().presence, c.seed
                    );
                }
                prop_assert!(!p.shows_typing(of) && !view.shows_typing(of), "{:?} still shows {:?} typing (seed {})", u, of, c.seed);
            }
            // Only letters in the home mailbox: as many as the letters it stored.
            let letters = events
                .iter()
                // A recall that came first files the letter torn (issue 25).
                .filter(|e| e.actor == Actor::Phone(postoffice::sim::DeviceIdx::main(u)) && matches!(e.what, What::Store | What::File | What::Recalled { early: true, .. }))
                .count();
            prop_assert_eq!(p.db.len(), letters, "{:?}'s home mailbox (seed {})", u, c.seed);
        }
        let accepted = events.iter().filter(|e| matches!(e.what, What::Verify { .. }) && e.actor == Actor::PostOffice).count();
        prop_assert!(po.archive.len() <= accepted, "the archive holds only letters (seed {})", c.seed);
        // Shown once at a time: on only when off, off only when on.
        let mut shown = std::collections::BTreeSet::new();
        for e in &events {
            if let (Actor::Phone(u), What::Typing { by, shown: on }) = (e.actor, &e.what) {
                let was = if *on { !shown.insert((u, *by)) } else { !shown.remove(&(u, *by)) };
                prop_assert!(!was || !*on, "{:?} shown twice on {:?} (seed {})", by, u, c.seed);
                prop_assert!(*on || !was, "{:?} hidden while not shown on {:?} (seed {})", by, u, c.seed);
            }
        }
    }

    /// Closed apps, notifications and fetching (issue 24). After the quiet end
    /// (every app open again and connected) no letter waits on the shelf for a
    /// connected phone; a letter sent down from the shelf is then confirmed by its
    /// phone or shelved again, never lost silently, and shelved again when none of
    /// its copies arrived; a notification lights only a closed app's lock screen,
    /// one per notice the post office sent at most; the view holds what the phones
    /// hold. (Shown once and in order: `every_letter_ends_exactly_one_way`.)
    #[test]
    fn closed_apps_and_the_shelf_lose_no_letter(c in case()) {
        let (sim, events) = run(&c);
        let w = sim.world().clone();
        let po = sim.post_office();
        for i in 0..c.n {
            let u = UserIdx(i as u32);
            if po.is_online(u) && sim.phone(postoffice::sim::DeviceIdx::main(u)).conn == postoffice::sim::Conn::Online {
                let left: Vec<MsgId> = po.shelf(postoffice::sim::DeviceIdx::main(u)).map(|e| e.id).collect();
                prop_assert!(left.is_empty(), "{:?} left on the shelf for {:?}, connected (seed {})", left, u, c.seed);
            }
        }
        off_the_shelf_is_confirmed_or_shelved_again(&events, c.seed)?;
        // Notifications: only on a closed app; never more than the notices sent.
        let mut view = View::new(w.phones());
        let (mut notices, mut lit) = (0usize, 0usize);
        for e in &events {
            if let (What::Notified { shows }, Actor::Phone(u)) = (&e.what, e.actor) {
                prop_assert_eq!(view.phones[u.index()].app, postoffice::sim::view::App::Closed, "a notification on an app not closed (seed {})", c.seed);
                prop_assert_eq!(*shows, c.notifications);
                lit += 1;
            }
            if matches!(e.what, What::Notify { .. }) {
                notices += 1;
            }
            view.apply(e);
        }
        prop_assert!(lit <= notices, "{} lit, {} sent (seed {})", lit, notices, c.seed);
        if c.notifications == Notifications::Off {
            prop_assert_eq!(notices, 0);
            prop_assert!(events.iter().all(|e| e.actor != Actor::PushService));
        }
        for p in sim.phones() {
            let seen = &view.phones[p.user.index()];
            let held: Vec<MsgId> = p.lock_screen().iter().map(|e| e.id).collect();
            let shown: Vec<MsgId> = seen.lock_screen.iter().map(|n| n.letter).collect();
            prop_assert_eq!(held, shown, "{:?}'s lock screen (seed {})", p.user, c.seed);
            let app = match p.app_state() {
                postoffice::sim::AppState::Open => postoffice::sim::view::App::Open,
                postoffice::sim::AppState::Closed => postoffice::sim::view::App::Closed,
                postoffice::sim::AppState::LoggedOut => postoffice::sim::view::App::LoggedOut,
            };
            prop_assert_eq!(app, seen.app, "{:?}'s app (seed {})", p.user, c.seed);
        }
        let held: Vec<postoffice::sim::DeviceIdx> = sim.push_service().held.keys().copied().collect();
        let seen: Vec<postoffice::sim::DeviceIdx> = view.push_held.keys().copied().collect();
        prop_assert_eq!(held, seen);
    }

    /// Read receipts (issue 25): a letter is read only while it is on its
    /// reader's screen, in its open chat, the app open; "read" goes to the post
    /// office only for such a read, and only as the setting lets the reader; the
    /// writer's count of readers never passes the readers who sent it nor the
    /// addressees fixed at acceptance; and after the quiet end (every phone back)
    /// every read that sent its note has reached its writer, once.
    #[test]
    fn read_only_in_an_open_chat_and_every_note_arrives(c in case()) {
        let (sim, events) = run(&c);
        let w = sim.world().clone();
        let fixed = addressees(&w, &events);
        let mut view = View::new(w.phones());
        let mut noted: std::collections::BTreeSet<(MsgId, UserIdx)> = Default::default();
        let mut told: std::collections::BTreeSet<(MsgId, UserIdx)> = Default::default();
        for e in &events {
            match (&e.what, e.actor, &e.msg) {
                (What::Read { sends }, Actor::Phone(d), Some(m)) => {
                    let p = &view.phones[d.index()];
                    let u = UserIdx(d.0);
                    let conv = match m.to {
                        Dest::Group(g) => Dest::Group(g),
                        Dest::User(_) => Dest::User(m.from()),
                    };
                    prop_assert_eq!(p.app, postoffice::sim::view::App::Open, "read on an app not open (seed {})", c.seed);
                    prop_assert_eq!(p.open_chat, Some(conv), "read outside its open chat (seed {})", c.seed);
                    prop_assert!(p.chat.iter().any(|b| b.id == m.id && b.status == Status::Received), "read, not on the screen (seed {})", c.seed);
                    prop_assert!(!view.shows_notice(d, m.id), "a recall notice read as its letter (seed {})", c.seed);
                    let allowed = match (c.receipts, m.to) {
                        (ReadReceipts::Off, _) => false,
                        (ReadReceipts::On, _) | (ReadReceipts::Mutual, Dest::Group(_)) => true,
                        (ReadReceipts::Reader, _) => !c.receipts_off.contains(&u),
                        (ReadReceipts::Mutual, Dest::User(_)) => !c.receipts_off.contains(&u) && !c.receipts_off.contains(&m.from()),
                    };
                    prop_assert_eq!(*sends, allowed, "the setting decides (seed {})", c.seed);
                    if *sends {
                        noted.insert((m.id, u));
                    }
                }
                (What::ReadPassed { by, .. }, _, Some(m)) => {
                    prop_assert!(noted.contains(&(m.id, *by)), "“read” passed for a letter not read with a note (seed {})", c.seed);
                }
                (What::ReadShown { by, count, of }, Actor::Phone(u), Some(m)) => {
                    prop_assert_eq!(u, postoffice::sim::DeviceIdx::main(m.from()));
                    prop_assert!(told.insert((m.id, *by)), "told twice (seed {})", c.seed);
                    let readers = noted.iter().filter(|(id, _)| *id == m.id).count() as u32;
                    prop_assert!(*count <= readers && *count <= *of, "{} of {}, {} readers (seed {})", count, of, readers, c.seed);
                    let addressed = match m.to {
                        Dest::Group(_) => fixed.get(&m.id).map_or(0, Vec::len) as u32,
                        Dest::User(_) => 1,
                    };
                    prop_assert_eq!(*of, addressed, "of the addressees (seed {})", c.seed);
                }
                _ => {}
            }
            view.apply(e);
        }
        prop_assert_eq!(&noted, &told, "every note reached its writer once the story is quiet (seed {})", c.seed);
        if c.receipts == ReadReceipts::Off {
            let read_frames = [FrameKind::Read, FrameKind::ReadA, FrameKind::ReadN, FrameKind::ReadC];
            let sent = events.iter().any(|e| matches!(&e.what, What::FrameOut { frame, .. } if read_frames.contains(frame)));
            prop_assert!(!sent, "a read frame with read_receipts: Off (seed {})", c.seed);
        }
    }

    #[test]
    fn a_parcel_is_shown_once_and_only_whole(c in case()) {
        let (sim, events) = run(&c);
        parcels_shown_whole_once(&events, sim.world().phones(), c.seed)?;
    }

    #[test]
    fn the_same_seed_gives_the_same_trace(c in case()) {
        let (sim, a) = run(&c);
        let (_, b) = run(&c);
        let w = sim.world();
        let s = sim.settings();
        let both = postoffice::words::Register::Both;
        prop_assert_eq!(json_lines(&a, w, s, both), json_lines(&b, w, s, both));
    }
}

/// Issue 26's invariants over one trace: each phone shows a parcel whole at most
/// once, and only when every one of its parts has reached it; the view never has
/// a whole picture with parts missing; a letter with a parcel goes up (`msg:R`)
/// only after the store had all of it.
fn parcels_shown_whole_once(
    events: &[Event],
    phones: usize,
    seed: u64,
) -> Result<(), TestCaseError> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut parts: BTreeMap<(postoffice::sim::DeviceIdx, MsgId), BTreeSet<u32>> = BTreeMap::new();
    let mut shown: BTreeMap<(postoffice::sim::DeviceIdx, MsgId), usize> = BTreeMap::new();
    let mut stored: BTreeSet<MsgId> = BTreeSet::new();
    let mut view = View::new(phones);
    for e in events {
        view.apply(e);
        let (Some(m), Actor::Phone(u)) = (e.msg.as_ref(), e.actor) else {
            if let (What::ParcelStored { .. }, Some(m)) = (&e.what, &e.msg) {
                stored.insert(m.id);
            }
            if let (
                What::FrameOut {
                    frame: FrameKind::MsgR,
                    ..
                },
                Some(m),
            ) = (&e.what, &e.msg)
                && m.parcel.is_some()
            {
                prop_assert!(
                    stored.contains(&m.id),
                    "{:?} went up before its parcel was whole (seed {seed})",
                    m.id
                );
            }
            continue;
        };
        match e.what {
            What::PartArrived { part, again, .. } => {
                let new = parts.entry((u, m.id)).or_default().insert(part);
                prop_assert_eq!(
                    new,
                    !again,
                    "a part's `again` says whether it was there (seed {})",
                    seed
                );
            }
            What::ParcelShown => {
                let n = shown.entry((u, m.id)).or_default();
                *n += 1;
                prop_assert!(*n == 1, "{:?} shown twice on {:?} (seed {seed})", m.id, u);
                let of = m.parcel.as_deref().map_or(0, |s| s.parts);
                let have = parts.get(&(u, m.id)).map_or(0, BTreeSet::len);
                prop_assert_eq!(
                    have,
                    of as usize,
                    "shown with {} of {} parts (seed {})",
                    have,
                    of,
                    seed
                );
            }
            _ => {}
        }
        for p in &view.phones {
            for b in &p.chat {
                if let Some(l) = b.parcel {
                    prop_assert!(
                        l.state != postoffice::sim::view::ParcelState::Whole || l.have == l.parts,
                        "a whole picture with {} of {} parts (seed {seed})",
                        l.have,
                        l.parts
                    );
                }
            }
        }
    }
    Ok(())
}

/// A letter sent down from the shelf (`Unshelve`, to `r`) is, before the run ends,
/// confirmed by `r` (`Acknowledged` or `OffTheShelf`) or shelved again for `r`;
/// and a confirmation comes only from a phone a copy reached (`Arrive` or
/// `Duplicate` there, perhaps before it was shelved, its confirmation late): a
/// letter lost on its way off the shelf goes back on it.
fn off_the_shelf_is_confirmed_or_shelved_again(
    events: &[Event],
    seed: u64,
) -> Result<(), TestCaseError> {
    use std::collections::{BTreeMap, BTreeSet};
    // (letter, recipient) sent down from the shelf and not yet settled.
    let mut out: BTreeMap<(MsgId, postoffice::sim::DeviceIdx), u64> = BTreeMap::new();
    let mut reached: BTreeSet<(MsgId, postoffice::sim::DeviceIdx)> = BTreeSet::new();
    for e in events {
        let Some(m) = &e.msg else { continue };
        match (&e.what, e.actor) {
            (What::Unshelve { to }, _) => {
                out.insert((m.id, *to), e.at);
            }
            (What::Arrive | What::Duplicate, Actor::Phone(r)) => {
                reached.insert((m.id, r));
            }
            (What::Acknowledged { device: by, .. } | What::OffTheShelf { by, .. }, _) => {
                prop_assert!(
                    reached.contains(&(m.id, *by)),
                    "{:?} confirmed by {:?}, whom no copy reached (seed {})",
                    m.id,
                    by,
                    seed
                );
                out.remove(&(m.id, *by));
            }
            (What::Shelve { to, .. }, _) => {
                out.remove(&(m.id, *to));
            }
            // A recalled letter is sent down no more: the recall replaces it
            // (the recall property checks that every copy is torn up).
            (What::RecallAccepted { .. }, _) => out.retain(|(id, _), _| *id != m.id),
            _ => {}
        }
    }
    prop_assert!(
        out.is_empty(),
        "left the shelf and neither confirmed nor shelved again: {:?} (seed {})",
        out,
        seed
    );
    Ok(())
}

/// Runs two phones that chat, takes `user` into a tunnel at `down`, and returns when
/// the post office marked it offline for silence.
fn silence_noticed_at(seed: u64, down: u64, hb: Heartbeat) -> (u64, Vec<Event>) {
    let w = world(2, &[]);
    let settings = Settings {
        heartbeat: hb,
        ..Settings::default()
    };
    let (a, b) = (UserIdx(0), UserIdx(1));
    let mut sim = Sim::new(w, settings, seed, true);
    sim.set_register(RegisterChange::Befriend, a, b);
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx::main(a)));
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx::main(b)));
    for k in 0..10 {
        sim.schedule(
            k * 2_500,
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(a),
                to: Dest::User(b),
                text: postoffice::sim::Text::from("hi"),
                parcel: None,
            },
        );
        sim.schedule(
            k * 3_100,
            Action::Send {
                from: postoffice::sim::DeviceIdx::main(b),
                to: Dest::User(a),
                text: postoffice::sim::Text::from("yo"),
                parcel: None,
            },
        );
    }
    sim.schedule(down, Action::LinkDown(postoffice::sim::DeviceIdx::main(b)));
    sim.set_until(Some(down + 3 * hb.timeout_ms));
    sim.run();
    let events = sim.take_events();
    let at = events
        .iter()
        .find(|e| matches!(e.what, What::MarkedOffline { user, why: OfflineWhy::Silent } if user == postoffice::sim::DeviceIdx::main(b)))
        .map(|e| e.at)
        .expect("the post office notices");
    (at, events)
}

#[test]
fn a_dead_link_is_noticed_within_the_heartbeat_bounds_and_not_before() {
    let hb = Heartbeat {
        interval_ms: 15_000,
        timeout_ms: 20_000,
    };
    for seed in 0..40 {
        let down = 16_000 + seed * 937;
        let (at, events) = silence_noticed_at(seed, down, hb);
        // The last heartbeat arrived before the link went down, but less than one
        // interval before; the post office waits exactly the timeout after it.
        assert!(
            at > down + hb.timeout_ms - hb.interval_ms,
            "seed {seed}: noticed at {at}, link down at {down}"
        );
        assert!(
            at <= down + hb.timeout_ms,
            "seed {seed}: noticed at {at}, link down at {down}"
        );
        assert!(
            !events
                .iter()
                .any(|e| e.at < at && matches!(e.what, What::MarkedOffline { .. })),
            "seed {seed}: nobody is marked offline before"
        );
        // And the phone notices too, by the same silence.
        assert!(
            events
                .iter()
                .any(|e| e.actor == Actor::Phone(postoffice::sim::DeviceIdx(1))
                    && matches!(e.what, What::ConnectionLost { .. })
                    && e.at > down)
        );
    }
}

#[test]
fn a_healthy_link_is_never_marked_offline() {
    let hb = Heartbeat {
        interval_ms: 5_000,
        timeout_ms: 6_000,
    };
    let w = world(2, &[]);
    let mut sim = Sim::new(
        w,
        Settings {
            heartbeat: hb,
            ..Settings::default()
        },
        3,
        true,
    );
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx(0)));
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx(1)));
    sim.set_until(Some(600_000));
    sim.run();
    let events = sim.take_events();
    assert!(events.iter().filter(|e| e.what == What::Heartbeat).count() > 200);
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.what, What::MarkedOffline { .. }))
    );
}

/// The random scripts above do tap ❗ on letters their phones gave up on, and
/// those letters then end one way like any other; people do join and leave.
#[test]
fn the_random_scripts_resend_join_and_leave() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut resends, mut tapped_late, mut joins, mut leaves, mut shown_after) = (0, 0, 0, 0, 0);
    for _ in 0..300 {
        let c = case().new_tree(&mut runner).unwrap().current();
        let (sim, events) = run(&c);
        let s = View::from_trace(sim.world().phones(), &events);
        for e in &events {
            match (&e.what, &e.msg) {
                (What::Resent { .. }, Some(m)) => {
                    resends += 1;
                    if s.displayed.keys().any(|(_, id)| *id == m.id) {
                        shown_after += 1;
                    }
                }
                (What::ResendIgnored { .. }, _) => tapped_late += 1,
                (What::Joined { .. }, _) => joins += 1,
                (What::Left { .. }, _) => leaves += 1,
                _ => {}
            }
        }
    }
    assert!(
        resends > 20 && shown_after > 5 && tapped_late > 100 && joins > 20 && leaves > 20,
        "{resends} resends ({shown_after} then shown), {tapped_late} taps that sent nothing, {joins} joins, {leaves} leaves"
    );
}

/// The random scripts above do close apps and light lock screens, lose
/// notifications, fetch the shelf (and ask again), and send letters off the shelf
/// that are lost and shelved again: the properties are not vacuous.
#[test]
fn the_random_scripts_close_apps_notify_fetch_and_reshelve() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut closed, mut lit, mut lost, mut asked_again, mut reshelved) = (0, 0, 0, 0, 0);
    for _ in 0..300 {
        let c = case().new_tree(&mut runner).unwrap().current();
        let (_, events) = run(&c);
        for e in &events {
            match &e.what {
                What::AppClosed => closed += 1,
                What::Notified { .. } => lit += 1,
                What::FrameLost {
                    frame: FrameKind::Push,
                    ..
                } => lost += 1,
                What::Fetch { attempt } if *attempt > 0 => asked_again += 1,
                What::Shelve {
                    why: postoffice::sim::ShelfWhy::NoAnswer,
                    ..
                } => reshelved += 1,
                _ => {}
            }
        }
    }
    assert!(
        closed > 100 && lit > 20 && lost > 3 && asked_again > 3 && reshelved > 3,
        "{closed} apps closed, {lit} lock screens lit, {lost} notifications lost, {asked_again} fetches asked again, {reshelved} letters shelved again"
    );
}

/// The random scripts above open and close chats and read letters (issue 25),
/// with and without notes back, lose read frames on the way and send them again,
/// and count group readers.
#[test]
fn the_random_scripts_read_and_lose_read_notes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut opened, mut silent, mut noted, mut lost, mut group) = (0, 0, 0, 0, 0);
    for _ in 0..500 {
        let c = case().new_tree(&mut runner).unwrap().current();
        let (_, events) = run(&c);
        for e in &events {
            match &e.what {
                What::ChatOpened { .. } => opened += 1,
                What::Read { sends: false } => silent += 1,
                What::Read { sends: true } => noted += 1,
                What::FrameLost { frame, .. }
                    if [FrameKind::Read, FrameKind::ReadN].contains(frame) =>
                {
                    lost += 1
                }
                What::ReadShown { of, .. } if *of > 1 => group += 1,
                _ => {}
            }
        }
    }
    assert!(
        opened > 500 && silent > 30 && noted > 30 && lost > 3 && group > 0,
        "{opened} chats opened, {silent} reads without a note, {noted} with one, {lost} read frames lost, {group} group reads told"
    );
}

/// The random scripts above do recall letters: accepted ones (some reaching a
/// phone before their letter), refused ones (too late) and taps that send
/// nothing: the recall property is not vacuous.
#[test]
fn the_random_scripts_recall_letters() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut accepted, mut early, mut refused, mut ignored) = (0, 0, 0, 0);
    for _ in 0..300 {
        let c = case().new_tree(&mut runner).unwrap().current();
        let (_, events) = run(&c);
        for e in &events {
            match e.what {
                What::RecallAccepted { .. } => accepted += 1,
                What::Recalled { early: true, .. } => early += 1,
                What::RecallRefused { .. } => refused += 1,
                What::RecallIgnored { .. } => ignored += 1,
                _ => {}
            }
        }
    }
    assert!(
        accepted > 15 && early > 3 && refused > 15 && ignored > 50,
        "{accepted} accepted ({early} before their letter), {refused} refused, {ignored} sent nothing"
    );
}

#[test]
fn the_random_scripts_send_parcels_cut_resume_and_expire() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut stored, mut resumed, mut shown, mut gone, mut dropped) = (0, 0, 0, 0, 0);
    for _ in 0..300 {
        let c = case().new_tree(&mut runner).unwrap().current();
        let (_, events) = run(&c);
        for e in &events {
            match e.what {
                What::ParcelStored { .. } => stored += 1,
                What::Upload { from_part, .. } if from_part > 1 => resumed += 1,
                What::ParcelShown => shown += 1,
                What::ParcelGone => gone += 1,
                What::FrameLost {
                    frame: FrameKind::PartR | FrameKind::PartN,
                    cause: postoffice::sim::LossCause::Dropped,
                    ..
                } => dropped += 1,
                _ => {}
            }
        }
    }
    assert!(
        stored > 100 && resumed > 10 && shown > 100 && gone > 5 && dropped > 5,
        "{stored} stored, {resumed} resumed, {shown} shown, {gone} gone, {dropped} parts dropped"
    );
}
