//! A person's several devices in the picture (issue 27), without a renderer. At
//! every beat of scenes/two_devices.ron, new_phone.ron and new_phone_history.ron:
//! every device the view has is drawn once, with the view's label; its owner's
//! devices stand together on one side of the post office; each bubble is on the
//! side the view says (her letters on her side of each of her devices, whichever
//! wrote them); each device's home mailbox says the view's count; a device that
//! has not logged in is drawn empty, saying so. The archive's letters to a new
//! device travel as one bundle down its line into its home mailbox, and moved
//! chats as one bundle straight from one of her devices to the other, never
//! through the post office. A scene without other devices is laid out as ever.
#![cfg(feature = "viz")]

mod headless;

use bevy::prelude::*;

use postoffice::sim::{Actor, DeviceIdx, MsgId, What};
use postoffice::viz::{
    lang::{Words, ui},
    stage::bundles::{Bundle, Kind},
    stage::devices::{DeviceLabel, NotJoined},
    stage::layout::{Layout, places},
    stage::parts::{Count, PhoneBody},
    stage::picture::BubbleOf,
    story::model::Spot,
    story::show::{BeatShown, OpenScene},
};

use headless::picture::{next_beat, open, picture};

/// What the test saw across a lesson.
#[derive(Default, Debug)]
struct Seen {
    beats: usize,
    /// A letter on her side of a device that did not write it.
    own_copy_elsewhere: bool,
    /// A device drawn empty, "not yet logged in".
    not_joined: bool,
    history_down_the_line: bool,
    history_to_counter: bool,
    moved_straight: bool,
}

fn all<C: Component + Clone>(app: &mut App) -> Vec<(Entity, C)> {
    let mut q = app.world_mut().query::<(Entity, &C)>();
    q.iter(app.world()).map(|(e, c)| (e, c.clone())).collect()
}

/// The beat's narrated event.
fn narrated(app: &App) -> Option<(What, Actor)> {
    let scene = app.world().resource::<OpenScene>();
    let told = scene.told.as_ref()?;
    let at = app.world().resource::<BeatShown>().at;
    let beat = told.lesson.beats().get(at.checked_sub(1)?)?;
    let e = &told.lesson.trace()[beat.event()];
    Some((e.what.clone(), e.actor))
}

fn check_beat(app: &mut App, seen: &mut Seen) {
    let view = picture(app);
    let at = app.world().resource::<BeatShown>().at;
    let layout = app.world().resource::<Layout>().clone();
    let n = view.phones.len();
    assert_eq!(layout.phones.len(), n, "beat {at}: a place per device");
    // Every device drawn once, with the view's label.
    let mut q = app.world_mut().query::<&PhoneBody>();
    let mut bodies: Vec<usize> = q.iter(app.world()).map(|b| b.0).collect();
    bodies.sort_unstable();
    assert_eq!(bodies, (0..n).collect::<Vec<_>>(), "beat {at}: bodies");
    let labels = all::<DeviceLabel>(app);
    for d in 0..n {
        let drawn: Vec<String> = labels
            .iter()
            .filter(|(_, l)| l.0 == d)
            .map(|(e, _)| app.world().get::<Words>(*e).unwrap().0.clone())
            .map(|w| format!("{}|{}", w.en.replace('\n', " "), w.zh.replace('\n', "")))
            .collect();
        let label = &view.phones[d].label;
        assert_eq!(
            drawn,
            vec![format!("{}|{}", label.en, label.zh)],
            "beat {at}: device {d}'s name"
        );
    }
    // A person's devices together: one side, rows one after another.
    for d in 0..n {
        for e in 0..n {
            if view.phones[d].owner == view.phones[e].owner {
                assert_eq!(layout.phones[d].left, layout.phones[e].left, "beat {at}");
            }
        }
    }
    for pair in view.layout().windows(2) {
        let (a, b) = (pair[0].index(), pair[1].index());
        if view.phones[a].owner == view.phones[b].owner {
            let gap = layout.phones[b].body.min.y - layout.phones[a].body.max.y;
            assert!(
                (0.0..=16.0).contains(&gap),
                "beat {at}: {a} then {b}: {gap}"
            );
        }
    }
    // Each bubble on the side the view says.
    for (e, b) in all::<BubbleOf>(app) {
        let (u, id): (usize, MsgId) = (b.0, b.1);
        let mine = view.phones[u].owner == id.from;
        let row = app.world().get::<ChildOf>(e).expect("a row").parent();
        let side = app.world().get::<Node>(row).unwrap().align_self;
        let want = if mine {
            AlignSelf::FlexEnd
        } else {
            AlignSelf::FlexStart
        };
        assert_eq!(side, want, "beat {at}: {id:?} on device {u}");
        assert!(
            view.phones[u].chat.iter().any(|c| c.id == id),
            "beat {at}: {id:?} drawn on {u} is in its chat"
        );
        if mine && view.writer(id) != DeviceIdx(u as u32) {
            seen.own_copy_elsewhere = true;
        }
    }
    // Each home mailbox's count, the view's.
    for (e, c) in all::<Count>(app) {
        if let Count::Stored(d) = c {
            let w = app.world().get::<Words>(e).unwrap().0.clone();
            assert_eq!(
                w,
                ui::letters(view.phones[d].stored),
                "beat {at}: mailbox {d}"
            );
        }
    }
    // A device not yet logged in: empty, saying so.
    let not_joined: Vec<usize> = all::<NotJoined>(app).iter().map(|(_, x)| x.0).collect();
    for d in 0..n {
        let joined = view.phones[d].joined;
        assert_eq!(
            not_joined.iter().filter(|&&x| x == d).count(),
            usize::from(!joined),
            "beat {at}: device {d} joined {joined}"
        );
        if !joined {
            assert!(view.phones[d].chat.is_empty(), "beat {at}");
            assert!(all::<BubbleOf>(app).iter().all(|(_, b)| b.0 != d));
            seen.not_joined = true;
        }
    }
    check_bundles(app, &layout, seen);
    seen.beats += 1;
}

/// The bundle of the beat, where its narrated event sends letters together.
fn check_bundles(app: &mut App, layout: &Layout, seen: &mut Seen) {
    let at = app.world().resource::<BeatShown>().at;
    let bundles: Vec<Bundle> = all::<Bundle>(app).into_iter().map(|(_, b)| b).collect();
    let office = layout.office.body;
    match narrated(app) {
        Some((What::HistorySent { to, count }, _)) => {
            assert_eq!(bundles.len(), 1, "beat {at}");
            let b = &bundles[0];
            assert_eq!((b.kind, b.count, b.to), (Kind::History, count, to.index()));
            assert_eq!(b.way.first(), Some(&layout.spot(Spot::Archive)));
            assert_eq!(
                b.way.last(),
                Some(&layout.spot(Spot::Wire(to.index(), 1.0)))
            );
            seen.history_to_counter = true;
        }
        Some((What::HistoryStored { count, .. }, Actor::Phone(d))) => {
            assert_eq!(bundles.len(), 1, "beat {at}");
            let b = &bundles[0];
            let d = d.index();
            assert_eq!((b.kind, b.count, b.to), (Kind::History, count, d));
            // Down its own line, into its home mailbox.
            assert_eq!(b.way[0], layout.spot(Spot::Wire(d, 1.0)));
            assert!(b.way.contains(&layout.spot(Spot::Wire(d, 0.0))));
            let mailbox = layout.tray(Spot::Mailbox(d)).unwrap();
            assert!(mailbox.contains(*b.way.last().unwrap()));
            seen.history_down_the_line = true;
        }
        Some((What::ChatsMoved { from, count, .. }, Actor::Phone(d))) => {
            assert_eq!(bundles.len(), 1, "beat {at}");
            let b = &bundles[0];
            let (d, f) = (d.index(), from.index());
            assert_eq!(
                (b.kind, b.count, b.to, b.from),
                (Kind::Moved, count, d, Some(f))
            );
            // Straight from her old device to her new one: nowhere near the
            // post office.
            assert_eq!(b.way.len(), 2);
            assert!(layout.tray(Spot::Mailbox(f)).unwrap().contains(b.way[0]));
            assert!(layout.tray(Spot::Mailbox(d)).unwrap().contains(b.way[1]));
            for p in &b.way {
                assert!(!office.contains(*p), "beat {at}: {p}");
            }
            seen.moved_straight = true;
        }
        _ => assert!(bundles.is_empty(), "beat {at}: no bundle"),
    }
}

fn walk(path: &str) -> Seen {
    let mut app = open(path);
    let mut seen = Seen::default();
    check_beat(&mut app, &mut seen);
    while next_beat(&mut app) {
        check_beat(&mut app, &mut seen);
    }
    seen
}

#[test]
fn two_devices_are_drawn_as_the_view_says() {
    let seen = walk("scenes/two_devices.ron");
    assert!(seen.beats > 20, "{seen:?}");
    // Her reply typed on the computer is on her side of her phone too.
    assert!(seen.own_copy_elsewhere, "{seen:?}");
}

#[test]
fn a_new_phone_starts_empty_and_gets_moved_chats() {
    let seen = walk("scenes/new_phone.ron");
    assert!(seen.not_joined, "{seen:?}");
    assert!(seen.moved_straight, "{seen:?}");
}

#[test]
fn a_new_phone_gets_the_history_down_its_line() {
    let seen = walk("scenes/new_phone_history.ron");
    assert!(seen.not_joined, "{seen:?}");
    assert!(seen.history_to_counter, "{seen:?}");
    assert!(seen.history_down_the_line, "{seen:?}");
}

/// A scene without other devices: phone `i` on the left when `i` is even, in
/// row `i / 2`, as before issue 27; a person's devices together.
#[test]
fn places_keep_every_scene_without_devices() {
    for n in 0..=6usize {
        let owners: Vec<usize> = (0..n).collect();
        let want: Vec<(bool, usize, usize)> = (0..n)
            .map(|i| {
                let k = if i % 2 == 0 { n.div_ceil(2) } else { n / 2 };
                (i % 2 == 0, i / 2, k)
            })
            .collect();
        assert_eq!(places(&owners), want, "{n} phones");
    }
    // Li Lei (0) and Han Meimei (1) with a second device (2): hers together
    // on the right.
    assert_eq!(
        places(&[0, 1, 1]),
        vec![(true, 0, 1), (false, 0, 2), (false, 1, 2)]
    );
    // Three people, the first with two devices: hers in the first two rows
    // on the left, the third person's under them.
    assert_eq!(
        places(&[0, 1, 2, 0]),
        vec![(true, 0, 3), (false, 0, 1), (true, 2, 3), (true, 1, 3)]
    );
}
