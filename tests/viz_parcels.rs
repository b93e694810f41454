//! Photos and voice messages in the picture (issue 26), without a renderer. At
//! every beat of scenes/parcels.ron: each bubble's photo or voice message is
//! drawn as the view says (the whole photo exactly where the phone has every
//! part, or the writer's store has; never with fewer parts; the bar's fill the
//! parts there of all of them; "expired" exactly where the store threw it out);
//! the parcel store counts and lists the view's parcels; a part on its way goes
//! along its phone's parcel wire from and to the places the view's move names;
//! nothing at rest covers a label and every bubble fits its screen, in both
//! languages. A scene without parcels has no store and no parcel wire (its
//! layout is the one it had), a lock screen and a chat list say "[Photo]", and
//! the diagram view draws a parcel's arrows thin and a recall's ✂.
#![cfg(feature = "viz")]

mod headless;

use std::collections::BTreeSet;
use std::path::PathBuf;

use bevy::prelude::*;

use postoffice::sim::ParcelKind;
use postoffice::sim::view::{Ending, ParcelState, Place, Token, View, WireAt};
use postoffice::viz::{
    lang::{Lang, Tr, Words},
    measure, palette as pal,
    stage::chat::{CHAT_GAP, chat_plan, screen_reserve},
    stage::layout::{self, Layout, box_parts},
    stage::parcels::{
        BarFill, Media, ParcelBar, ParcelMedia, ParcelWire, StoreLine, StoreList, Struck, has_bar,
        media_of, store_count, store_plan,
    },
    stage::picture::{BubbleOf, Count},
    stage::tokens::{Travel, plan},
    story::model::Spot,
    story::present::{present, spot},
    story::show::{BeatShown, OpenScene, Playback},
    story::told::{Told, tell},
};

use headless::picture::{next_beat, open, picture, words_under};

/// What the test saw of the lesson, to check that each part of it was drawn.
#[derive(Default)]
struct Seen {
    states: BTreeSet<String>,
    half_bar: bool,
    whole_photo: bool,
    playable: bool,
    voice_fetched_by_2: bool,
    expired_in_store: bool,
    parts: usize,
    lost_parts: usize,
    incoming_in_store: bool,
    said: usize,
    struck: bool,
}

/// The struck-through lines under `e`.
fn struck_under(app: &App, e: Entity) -> usize {
    let here = usize::from(app.world().get::<Struck>(e).is_some());
    let kids: usize = app
        .world()
        .get::<Children>(e)
        .map_or(0, |c| c.iter().map(|k| struck_under(app, k)).sum());
    here + kids
}

/// The bubbles' photos and voice messages at a beat, against the view.
fn check_bubbles(app: &mut App, view: &View, at: usize, seen: &mut Seen) {
    let mut q = app.world_mut().query::<(Entity, &ParcelMedia)>();
    let drawn: Vec<(Entity, ParcelMedia)> = q.iter(app.world()).map(|(e, m)| (e, *m)).collect();
    // Every bubble on screen with a parcel draws it, once; no other does.
    let mut q = app.world_mut().query::<&BubbleOf>();
    let bubbles: Vec<BubbleOf> = q.iter(app.world()).copied().collect();
    for BubbleOf(u, id) in &bubbles {
        let look = view.parcel_look(postoffice::sim::DeviceIdx(*u as u32), *id);
        let n = drawn
            .iter()
            .filter(|(_, m)| m.0 == *u && m.1 == *id)
            .count();
        assert_eq!(n, usize::from(look.is_some()), "beat {at}: {u}'s {id:?}");
    }
    for (e, ParcelMedia(u, id)) in drawn {
        let look = view
            .parcel_look(postoffice::sim::DeviceIdx(u as u32), id)
            .unwrap_or_else(|| panic!("beat {at}: a parcel drawn on {u}'s {id:?}"));
        seen.states.insert(format!("{:?}", look.state));
        // The picture drawn: the whole photo exactly where the view says, never
        // with a part missing.
        let kids: Vec<Entity> = app
            .world()
            .get::<Children>(e)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        let media: Vec<Media> = kids
            .iter()
            .filter_map(|k| app.world().get::<Media>(*k).copied())
            .collect();
        assert_eq!(media, vec![media_of(&look)], "beat {at}: {u}'s {id:?}");
        let whole = matches!(look.state, ParcelState::Whole | ParcelState::InStore);
        match look.kind {
            ParcelKind::Photo => {
                assert_eq!(media[0] == Media::Photo, whole, "beat {at}: {look:?}");
                assert_eq!(media[0] == Media::Thumbnail, !whole, "beat {at}: {look:?}");
            }
            ParcelKind::Voice { .. } => {
                let playable = look.state == ParcelState::Whole;
                assert_eq!(media[0], Media::Voice { playable }, "beat {at}");
                seen.playable |= playable;
            }
        }
        if media[0] == Media::Photo || media[0] == (Media::Voice { playable: true }) {
            assert!(
                look.have >= look.parts,
                "beat {at}: whole with {}/{}",
                look.have,
                look.parts
            );
        }
        seen.whole_photo |= media[0] == Media::Photo && look.state == ParcelState::Whole;
        // The bar: while its parts are on their way or waiting to go, filled by
        // the parts there of all of them.
        let bars: Vec<(ParcelBar, Entity)> = kids
            .iter()
            .filter_map(|k| app.world().get::<ParcelBar>(*k).map(|b| (*b, *k)))
            .collect();
        assert_eq!(
            bars.len(),
            usize::from(has_bar(&look)),
            "beat {at}: {look:?}"
        );
        if let Some((bar, bar_e)) = bars.first() {
            assert_eq!((bar.have, bar.of), (look.have, look.parts), "beat {at}");
            let fill = app.world().get::<Children>(*bar_e).expect("a fill")[0];
            assert!(app.world().get::<BarFill>(fill).is_some());
            let node = app.world().get::<Node>(fill).expect("a node");
            let want = 100.0 * look.have as f32 / look.parts as f32;
            assert_eq!(node.width, Val::Percent(want), "beat {at}: {look:?}");
            seen.half_bar |= look.have > 0 && look.have < look.parts;
        }
        // "expired" exactly where the store threw it out.
        let mut words = Vec::new();
        words_under(app, e, &mut words);
        let expired = look.state == ParcelState::Expired;
        assert_eq!(
            words.iter().any(|w| w.contains("expired")),
            expired,
            "beat {at}: {words:?}"
        );
        // Where it stands, in the words layer's words ("sending 2/5"): said,
        // unless a small screen leaves room only for its bar.
        let state = postoffice::words::window::parcel_state(&look, Lang::En);
        if !state.is_empty() {
            let said = words.contains(&state);
            assert!(
                said || has_bar(&look),
                "beat {at}: {words:?} lacks {state:?}"
            );
            seen.said += usize::from(said);
        }
    }
}

/// The parcel store's count and list at a beat, against the view.
fn check_store(app: &mut App, view: &View, at: usize, seen: &mut Seen) {
    let mut q = app.world_mut().query::<(&Count, &Words)>();
    let counts: Vec<Tr> = q
        .iter(app.world())
        .filter(|(c, _)| **c == Count::Parcels)
        .map(|(_, w)| w.0.clone())
        .collect();
    let kept = view.parcels.values().filter(|p| !p.expired).count();
    let want = if kept == 1 {
        "1\u{a0}parcel".to_string()
    } else {
        format!("{kept}\u{a0}parcels")
    };
    assert_eq!(counts.len(), 1, "beat {at}: one count");
    assert_eq!(counts[0].en.as_ref(), want, "beat {at}");
    assert_eq!(counts[0], store_count(view));
    assert_eq!(
        counts[0].zh.as_ref(),
        format!("{kept}\u{a0}个包裹"),
        "beat {at}"
    );
    // Its list: a line per parcel of the view, in its order.
    let mut q = app
        .world_mut()
        .query_filtered::<&Children, With<StoreList>>();
    let lines: Vec<Entity> = q
        .iter(app.world())
        .next()
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    let drawn: Vec<StoreLine> = lines
        .iter()
        .map(|e| *app.world().get::<StoreLine>(*e).expect("a line"))
        .collect();
    let want: Vec<StoreLine> = view
        .parcels
        .iter()
        .map(|(id, p)| StoreLine(Some(*id), p.expired))
        .collect();
    assert_eq!(drawn, want, "beat {at}: the store's list");
    for (e, p) in lines.iter().zip(view.parcels.values()) {
        let mut words = Vec::new();
        words_under(app, *e, &mut words);
        let text = words.join(" ");
        if p.expired {
            // "expired", after what it was, struck through, where that fits.
            assert_eq!(
                words.last().map(String::as_str),
                Some("expired"),
                "beat {at}"
            );
            let was = postoffice::words::window::store_line(
                p.held,
                p.parts,
                p.whole,
                p.fetched_by.len(),
                Lang::En,
            );
            let struck = struck_under(app, *e);
            match words.len() {
                1 => assert_eq!(struck, 0, "beat {at}"),
                _ => {
                    assert_eq!((words[0].as_str(), struck), (was.as_str(), 1), "beat {at}");
                    seen.struck = true;
                }
            }
            seen.expired_in_store = true;
        } else if !p.whole {
            assert_eq!(text, format!("{}/{} parts", p.held, p.parts), "beat {at}");
            seen.incoming_in_store = true;
        } else if p.fetched_by.is_empty() {
            assert_eq!(text, "stored whole", "beat {at}");
        } else {
            assert_eq!(
                text,
                format!("fetched by {}", p.fetched_by.len()),
                "beat {at}"
            );
            let voice = matches!(p.kind, ParcelKind::Voice { .. });
            seen.voice_fetched_by_2 |= voice && p.fetched_by.len() == 2;
        }
    }
}

/// A point of the picture is `at` (within a pixel).
fn near(a: Vec2, b: Vec2) -> bool {
    a.distance(b) < 1.0
}

/// The part on its way at a beat, against the view's move.
fn check_part(app: &mut App, at: usize, seen: &mut Seen) {
    let (moving, layout) = {
        let scene = app.world().resource::<OpenScene>();
        let moving = (at > 0).then_some(scene.shown.moving).flatten();
        (moving, app.world().resource::<Layout>().clone())
    };
    let mut q = app.world_mut().query::<&Travel>();
    let parts: Vec<Travel> = q
        .iter(app.world())
        .filter(|t| matches!(t.token, Token::Part { .. }))
        .cloned()
        .collect();
    let Some(m) = moving.filter(|m| matches!(m.token, Token::Part { .. })) else {
        assert!(
            parts.is_empty(),
            "beat {at}: a part drawn that nothing moves"
        );
        return;
    };
    assert_eq!(parts.len(), 1, "beat {at}: the part on its way");
    let t = &parts[0];
    assert_eq!((t.token, t.ending), (m.token, m.ending), "beat {at}");
    seen.parts += 1;
    let wire_t = |a: WireAt| match a {
        WireAt::Phone => 0.0,
        WireAt::Middle => 0.5,
        WireAt::Office => 1.0,
    };
    let inside = |p: Vec2, s: Spot| layout.frame(s).is_some_and(|r| r.contains(p));
    // Where it leaves: its phone's parcel wire, or the place the view names.
    match m.from {
        Place::Wire(u, a) => {
            let want = layout.parcel_point(u.index(), wire_t(a)).expect("a wire");
            assert!(near(t.from, want), "beat {at}: from {:?}", t.from);
        }
        other => assert!(inside(t.from, spot(other)), "beat {at}: from {other:?}"),
    }
    // Where it ends: on the wire where the view says, or at the place; a lost
    // one on its wire, where a lost frame stops.
    match (m.to, m.ending) {
        (Place::Wire(u, _), Ending::Vanishes) => {
            let stop = layout.phones[u.index()].over_wire.stop;
            assert!(stop.contains(t.to), "beat {at}: lost at {:?}", t.to);
            seen.lost_parts += 1;
        }
        (Place::Wire(u, a), _) => {
            let want = layout.parcel_point(u.index(), wire_t(a)).expect("a wire");
            assert!(near(t.to, want), "beat {at}: to {:?}", t.to);
        }
        (other, _) => assert!(inside(t.to, spot(other)), "beat {at}: to {other:?}"),
    }
    // Its corners are the ends of the parcel wires of the phones it travels.
    let ends: Vec<Vec2> = layout
        .phones
        .iter()
        .filter_map(|p| p.parcel_wire)
        .flatten()
        .collect();
    for v in &t.via {
        assert!(
            ends.iter().any(|e| near(*e, *v)),
            "beat {at}: a corner off the wires: {v:?}"
        );
    }
}

#[test]
fn bubbles_store_and_parts_are_the_views() {
    let mut app = open("scenes/parcels.ron");
    let layout = app.world().resource::<Layout>().clone();
    assert!(layout.office.store.is_some(), "the parcel store is drawn");
    let mut q = app.world_mut().query::<&ParcelWire>();
    assert_eq!(q.iter(app.world()).count(), 4, "a parcel wire per phone");
    let mut seen = Seen::default();
    loop {
        let at = app.world().resource::<BeatShown>().at;
        let view = picture(&app);
        check_bubbles(&mut app, &view, at, &mut seen);
        check_store(&mut app, &view, at, &mut seen);
        check_part(&mut app, at, &mut seen);
        if !next_beat(&mut app) {
            break;
        }
    }
    let all = [
        "Uploading",
        "Paused",
        "InStore",
        "Waiting",
        "Downloading",
        "Whole",
        "Expired",
    ];
    for s in all {
        assert!(seen.states.contains(s), "{s} was drawn: {:?}", seen.states);
    }
    assert!(seen.half_bar, "a bar half full");
    assert!(seen.whole_photo, "a whole photo on an addressee's phone");
    assert!(seen.playable, "a voice message ready to play");
    assert!(seen.voice_fetched_by_2, "the voice message fetched by 2");
    assert!(seen.expired_in_store, "an expired parcel in the store");
    assert!(seen.struck, "what an expired parcel was, struck through");
    assert!(seen.incoming_in_store, "a parcel coming in");
    assert!(seen.parts > 20, "parts on their way: {}", seen.parts);
    assert!(seen.lost_parts >= 2, "parts lost in the tunnel");
    assert!(
        seen.said > 50,
        "where a parcel stands, in words: {}",
        seen.said
    );
}

fn told(name: &str) -> Told {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(name);
    let mut told = tell(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    told.reach(usize::MAX / 2);
    told
}

/// Calls `f` with every beat of `told` as the show puts it on screen.
fn each_beat(told: Told, mut f: impl FnMut(usize, &OpenScene, &Playback)) {
    let n = told.lesson.beats().len();
    let mut scene = OpenScene::default();
    let mut play = Playback::default();
    scene.told = Some(told);
    for at in 0..=n {
        play.at = at;
        scene.shown = present(scene.told.as_ref().expect("told"), at);
        f(at, &scene, &play);
    }
}

fn overlap(a: Rect, b: Rect) -> f32 {
    let i = a.intersect(b);
    if i.is_empty() {
        0.0
    } else {
        i.width().min(i.height())
    }
}

/// The words of the picture nothing may cover: the boxes' names and counts (the
/// parcel store's on its left, its list on its right), the phones' names, the
/// words over the long connections.
fn labels(layout: &Layout) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    let mut boxed = |name: String, r: Rect, counted: bool| {
        let tray = box_parts(r, counted).tray;
        out.push((
            name,
            Rect::new(r.min.x + 2.0, tray.max.y, r.max.x - 2.0, r.max.y - 2.0),
        ));
    };
    for (i, p) in layout.phones.iter().enumerate() {
        boxed(format!("mailbox {i}"), p.mailbox, true);
        boxed(format!("postman {i}"), p.postman, true);
    }
    let o = &layout.office;
    boxed("counter".into(), o.counter, true);
    boxed("archive".into(), o.archive, true);
    boxed("shelf".into(), o.shelf, true);
    boxed("register".into(), o.register, false);
    boxed("sorting".into(), o.sorting, false);
    let (left, list) = layout.store_parts().expect("a store");
    boxed("parcel store".into(), left, true);
    out.push(("parcel store's list".into(), list));
    out.push(("post office".into(), o.header));
    for (i, p) in layout.phones.iter().enumerate() {
        out.push((format!("phone {i}'s name"), p.header));
        out.push((format!("heard {i}"), p.over_wire.heard));
    }
    out
}

#[test]
fn nothing_at_rest_covers_a_label_and_bubbles_fit() {
    let told = told("parcels.ron");
    let layout = Layout::story(told.people.len(), told.has_push(), told.has_parcels());
    let labels = labels(&layout);
    let order = told.lesson.scene().settings.order;
    let mut media_seen = 0;
    each_beat(told, |at, scene, play| {
        for (travel, face) in plan(scene, play, &layout) {
            let what = format!("beat {at}: {:?} {:?}", travel.token, travel.ending);
            let r = Rect::from_center_size(travel.to, face.size);
            for (label, l) in &labels {
                assert!(overlap(r, *l) < 1.0, "{what} at {r:?} covers {label}");
            }
            assert!(r.min.y >= layout::PICTURE.min.y && r.max.y <= layout::PICTURE.max.y);
        }
        let resting = plan(scene, play, &layout);
        let picture = scene.picture().expect("a picture");
        for lang in [Lang::En, Lang::Zh] {
            for (i, rects) in layout.phones.iter().enumerate() {
                let reserve = screen_reserve(&resting, &layout, i);
                let chat = chat_plan(picture, order, i, rects.screen, reserve, lang);
                let what = format!("beat {at}, phone {i}, {lang:?}");
                let stack: f32 = chat.shown.iter().map(|(_, f)| f.size.y).sum::<f32>()
                    + CHAT_GAP * chat.shown.len().saturating_sub(1) as f32
                    + if chat.earlier > 0 {
                        pal::STATUS * measure::LINE + CHAT_GAP
                    } else {
                        0.0
                    };
                assert!(
                    stack <= chat.room.height() + 0.5,
                    "{what}: {stack:.1} px of bubbles in {:.1}",
                    chat.room.height()
                );
                for (_, face) in &chat.shown {
                    assert!(face.size.x <= chat.room.width() + 0.5, "{what}: too wide");
                    let Some(p) = &face.parcel else {
                        continue;
                    };
                    media_seen += 1;
                    // Its photo or voice message, its words and its bar inside
                    // the bubble, never over its edges.
                    let inner = face.size.x - 16.0;
                    assert!(p.size.x <= inner + 0.5, "{what}: {:?} in {inner}", p.size);
                    for t in [Some(&p.state), p.why.as_ref()].into_iter().flatten() {
                        for line in t.get(lang).lines() {
                            let w = measure::width(line, pal::STATUS);
                            assert!(w <= inner + 0.5, "{what}: {line:?} is {w}");
                        }
                    }
                    assert!(
                        p.size.y + 10.0 <= face.size.y,
                        "{what}: taller than its bubble"
                    );
                }
            }
        }
        // The store's list fits its room, in both languages.
        let (_, list) = layout.store_parts().expect("a store");
        let rows = store_plan(picture, list);
        assert!(rows.len() as f32 * pal::STATUS * measure::LINE <= list.height() + 0.5);
        for row in rows {
            for lang in [Lang::En, Lang::Zh] {
                let w = 24.0
                    + measure::width(row.text.get(lang), pal::STATUS)
                    + if row.was.get(lang).is_empty() {
                        0.0
                    } else {
                        4.0 + measure::width(row.was.get(lang), pal::STATUS)
                    };
                assert!(w <= list.width() + 0.5, "beat {at}: {row:?} is {w}");
            }
        }
    });
    assert!(media_seen > 50, "bubbles with parcels: {media_seen}");
}

/// A story without photos or voice messages is drawn as before: its layout is
/// the one it had, with no store and no parcel wire.
#[test]
fn a_scene_without_parcels_has_no_store_and_no_parcel_wire() {
    for name in ["scenes/hello.ron", "scenes/recall.ron", "scenes/group.ron"] {
        let mut app = open(name);
        let layout = app.world().resource::<Layout>().clone();
        let n = layout.phones.len();
        assert_eq!(layout, Layout::new(n), "{name}: the layout of before");
        assert!(layout.office.store.is_none() && layout.store_parts().is_none());
        assert!(!layout.shows(Spot::Store));
        for _ in 0..12 {
            let mut q = app.world_mut().query::<&ParcelWire>();
            assert_eq!(q.iter(app.world()).count(), 0, "{name}");
            let mut q = app.world_mut().query::<&StoreList>();
            assert_eq!(q.iter(app.world()).count(), 0, "{name}");
            let mut q = app.world_mut().query::<&ParcelMedia>();
            assert_eq!(q.iter(app.world()).count(), 0, "{name}");
            if !next_beat(&mut app) {
                break;
            }
        }
    }
}

/// The parcel store's row fits under the others, which keep their counts (the
/// counter tall enough for a ✓✓ card in its tray); with the push service too,
/// the other rows keep their counts and the store is lower; for two to six
/// phones each parcel wire leaves its postman's edge and reaches the store's,
/// the lines of a side in order.
#[test]
fn the_store_and_the_parcel_wires_fit_every_layout() {
    for push in [false, true] {
        for n in 2..=6 {
            let l = Layout::story(n, push, true);
            let o = &l.office;
            let store = o.store.expect("a store");
            assert!(store.max.y <= o.body.max.y - 7.9 && store.min.y >= o.sorting.max.y + 7.9);
            for r in [o.counter, o.archive, o.shelf] {
                assert!(
                    box_parts(r, true).count,
                    "n {n}, push {push}: {r:?} keeps its count"
                );
            }
            let (left, list) = l.store_parts().expect("parts");
            assert!(list.width() >= 150.0 && list.height() >= 40.0, "{list:?}");
            for name in ["Parcel store", "包裹仓库"] {
                assert!(measure::width(name, pal::MODULE) <= left.width() - 8.0);
            }
            if !push {
                // A ✓✓ card rests in the counter's tray, over its name.
                let card = postoffice::viz::stage::tokens::face(
                    &postoffice::sim::view::Token::Delivered,
                    Ending::Arrives,
                    &Tr::default(),
                    Vec2::splat(200.0),
                );
                let tray = l.tray(Spot::Counter).expect("a tray");
                assert!(card.size.y <= tray.height(), "n {n}: {card:?} in {tray:?}");
                assert!(store.height() >= 90.0 && o.archive.height() >= 90.0);
            }
            let mut last: Option<(bool, f32)> = None;
            let mut by_side: Vec<&layout::PhoneRects> =
                l.phones.iter().filter(|p| p.left).collect();
            by_side.extend(l.phones.iter().filter(|p| !p.left));
            for p in by_side {
                let [a, b] = p.parcel_wire.expect("a parcel wire");
                let edge = if p.left {
                    p.postman.max.x
                } else {
                    p.postman.min.x
                };
                assert!((a.x - edge).abs() < 0.1 && a.y > p.postman.min.y && a.y < p.postman.max.y);
                let wall = if p.left { store.min.x } else { store.max.x };
                assert!((b.x - wall).abs() < 0.1 && b.y > store.min.y && b.y < store.max.y);
                if let Some((_, y)) = last.filter(|(left, _)| *left == p.left) {
                    assert!(b.y > y, "the lines of a side in the phones' order");
                }
                last = Some((p.left, b.y));
            }
        }
    }
    // Without parcels, exactly the layout of before.
    for n in 2..=6 {
        assert_eq!(Layout::story(n, false, false), Layout::new(n));
        assert_eq!(Layout::story(n, true, false), Layout::with_push(n, true));
    }
}

/// A closed app's notification of a letter with a photo says "[Photo]", as the
/// words layer words it; a chat list's row says it too.
#[test]
fn a_lock_screen_and_a_chat_list_say_photo() {
    let text = r#"(
    title: "A photo to a closed app",
    seed: 3,
    notifications: Words,
    read_receipts: On,
    network: (latency_ms: (40, 80), loss: 0.0, bandwidth_kb_per_s: 400),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    users: [
        (id: "lilei", name: (en: "Li Lei", zh: "李雷")),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅")),
    ],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 500, do: CloseApp(user: "hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "My kite", zh: "我的风筝"), parcel: Photo(kb: 300))),
        (at_ms: 9000, do: OpenApp(user: "hanmeimei")),
    ],
    until_ms: 16000,
)"#;
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("viz_parcels_push.ron");
    std::fs::write(&file, text).unwrap();
    let mut told = tell(&file).unwrap_or_else(|e| panic!("{e}"));
    told.reach(usize::MAX / 2);
    assert!(told.has_parcels() && told.has_push());
    let people = told.people.clone();
    let beats = told.lesson.beats().len();
    let (mut on_lock, mut on_list) = (0, 0);
    for at in 0..=beats {
        let view = present(&told, at).picture;
        for (u, _) in view.phones.iter().enumerate() {
            let notes = postoffice::viz::stage::push::notices(&view, &people, u);
            for n in &notes {
                assert!(!n.en.contains("My kite"), "beat {at}: {n:?}");
                if n.en.contains("[Photo]") {
                    assert!(n.zh.contains("[图片]"), "{n:?}");
                    on_lock += 1;
                }
            }
            let screen = Layout::story(2, true, true).phones[u].screen;
            let names = postoffice::viz::stage::chat::Names {
                people: people.iter().map(|p| p.name.clone()).collect(),
                groups: Vec::new(),
            };
            let list = postoffice::viz::stage::read::list_plan(
                &view,
                Default::default(),
                u,
                (screen, 0.0),
                &names,
            );
            for row in &list.rows {
                if row.preview.text.en.contains("[Photo]") {
                    on_list += 1;
                }
                assert!(!row.preview.text.en.contains("My kite"), "beat {at}");
            }
        }
    }
    assert!(on_lock > 0, "the lock screen said [Photo]");
    assert!(on_list > 0, "the chat list said [Photo]");
}

/// The diagram view draws a parcel's arrows thin (as the handout does) and every
/// other arrow as before; a recalled letter's arrows are marked, and the rows
/// that tear a copy up; a story without recalls has none.
#[test]
fn the_diagram_view_draws_parcels_thin_and_recalls_with_scissors() {
    use postoffice::viz::overlays::sequence::{laid_out, stroke_width};
    let parcels = told("parcels.ron");
    let events = parcels.lesson.trace();
    let (_, _, arrows) = laid_out(events, parcels.people.len());
    let thin = arrows.iter().filter(|a| stroke_width(a.kind) < 1.5).count();
    assert!(thin > 20, "parcel arrows drawn thin: {thin}");
    for a in &arrows {
        assert_eq!(stroke_width(a.kind) < 1.5, a.kind.on_parcel_wire());
    }
    let recall = told("recall.ron");
    let (model, _, arrows) = laid_out(recall.lesson.trace(), recall.people.len());
    assert!(
        arrows.iter().any(|a| a.recalled),
        "a recalled letter's arrow"
    );
    assert!(model.rows.iter().any(|r| r.torn), "a copy torn up");
    assert_eq!(
        arrows.iter().filter(|a| a.recalled).count(),
        model.arrows.iter().filter(|a| a.recalled).count()
    );
    let hello = told("hello.ron");
    let (model, _, arrows) = laid_out(hello.lesson.trace(), hello.people.len());
    assert!(
        arrows
            .iter()
            .all(|a| !a.recalled && stroke_width(a.kind) == 1.6)
    );
    assert!(model.rows.iter().all(|r| !r.torn));
}

/// Whatever its state: the whole photo only whole (or sent whole), the
/// thumbnail otherwise; a voice message playable only whole.
#[test]
fn a_thumbnail_is_a_photos_and_a_voice_message_plays_only_whole() {
    use postoffice::sim::view::ParcelLook;
    let states = [
        ParcelState::Uploading,
        ParcelState::Paused,
        ParcelState::InStore,
        ParcelState::Waiting,
        ParcelState::Downloading,
        ParcelState::Whole,
        ParcelState::Expired,
    ];
    for state in states {
        let photo = ParcelLook {
            kind: ParcelKind::Photo,
            kb: 600,
            parts: 3,
            have: 1,
            state,
        };
        let voice = ParcelLook {
            kind: ParcelKind::Voice { seconds: 12 },
            ..photo
        };
        let whole = matches!(state, ParcelState::Whole | ParcelState::InStore);
        assert_eq!(media_of(&photo) == Media::Photo, whole);
        assert_eq!(
            media_of(&voice),
            Media::Voice {
                playable: state == ParcelState::Whole
            }
        );
    }
}

/// A class of eight (tiles, not whole phones) sending photos and a voice
/// message to its group: told beat by beat to the end without a panic, the
/// parcel store drawn in the post office and counting the view's parcels, no
/// phone's parcel wire (tiles have none), no bubble's parcel.
#[test]
fn a_crowd_with_parcels_is_told_to_the_end() {
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let users: String = ids
        .iter()
        .map(|i| format!("(id: \"{i}\", name: \"{}\"),\n", i.to_uppercase()))
        .collect();
    let logins: String = ids
        .iter()
        .map(|i| format!("(at_ms: 0, do: Login(\"{i}\")),\n"))
        .collect();
    let members: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    let text = format!(
        r#"(
    title: "Eight with photos",
    seed: 8,
    network: (latency_ms: (40, 80), loss: 0.0, bandwidth_kb_per_s: 300),
    parcels: (part_kb: 256, keep_ms: 20000),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    users: [{users}],
    groups: [(id: "all", name: "All", members: [{}])],
    script: [
        {logins}
        (at_ms: 1000, do: SendGroup(from: "a", group: "all", text: "Our picnic", parcel: Photo(kb: 700))),
        (at_ms: 1500, do: SendGroup(from: "b", group: "all", text: "Listen", parcel: Voice(kb: 30, seconds: 5))),
        (at_ms: 2000, do: LinkDown("c")),
        (at_ms: 9000, do: LinkUp("c")),
    ],
    until_ms: 40000,
)"#,
        members.join(", ")
    );
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("viz_parcels_crowd.ron");
    std::fs::write(&file, text).unwrap();
    let mut app = headless::picture::open_file(file);
    let layout = app.world().resource::<Layout>().clone();
    assert!(
        layout.phones.is_empty() && !layout.tiles.is_empty(),
        "tiles"
    );
    assert!(layout.office.store.is_some(), "the parcel store is drawn");
    let mut beats = 0;
    let mut counted = false;
    loop {
        let view = picture(&app);
        let mut q = app.world_mut().query::<(&Count, &Words)>();
        for (c, w) in q.iter(app.world()) {
            if *c == Count::Parcels {
                assert_eq!(w.0, store_count(&view));
                counted |= !view.parcels.is_empty();
            }
        }
        let mut q = app.world_mut().query::<&ParcelWire>();
        assert_eq!(q.iter(app.world()).count(), 0);
        let mut q = app.world_mut().query::<&ParcelMedia>();
        assert_eq!(q.iter(app.world()).count(), 0);
        beats += 1;
        if !next_beat(&mut app) {
            break;
        }
    }
    assert!(beats > 3, "beats: {beats}");
    assert!(counted, "the store counted a parcel");
}
