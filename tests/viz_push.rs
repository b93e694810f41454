//! The push service and the lock screen in the picture (issue 24), without a
//! renderer: at every beat of a scene with notifications, each closed app's lock
//! screen shows the view's notifications (oldest first, the words the captions
//! quote), the push service's box says whom it keeps one for, and the paths and
//! box stand where the layout puts them, clear of the post office and the phones;
//! a scene without notifications has no push service at all; and a lock screen's
//! banners fit every phone's screen (two to six phones, long names, both
//! languages).
#![cfg(feature = "viz")]

mod headless;

use std::path::PathBuf;

use bevy::prelude::*;

use postoffice::sim::view::App as AppState;
use postoffice::viz::{
    lang::{Lang, Tr, Words},
    measure, palette as pal,
    stage::layout::Layout,
    stage::push::{
        Banner, LockScreen, NoticeNote, PushBox, PushKeeps, PushPath, lock_plan, notices,
    },
    stage::tokens::PresenceDot,
    story::show::{BeatShown, Control, OpenScene},
};

use headless::picture::press;

fn open(name: &str, text: &str) -> App {
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&file, text).unwrap();
    headless::picture::open_file(file)
}

/// Three phones; Han Meimei closes her app, gets letters from both others, one
/// notification lost on the way, one held by the push service while she has no
/// signal, and opens the app at the end. `top` sets notifications (or not).
fn scene(top: &str) -> String {
    format!(
        r#"(
    title: "Closed app",
    seed: 5,
    {top}
    shelf: Fetched,
    network: (latency_ms: (40, 120), loss: 0.0),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 1000, grace_ms: 800, max_retries: 2),
    users: [
        (id: "lilei", name: (en: "Li Lei", zh: "李雷")),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅")),
        (id: "lucy", name: (en: "Lucy", zh: "露西")),
    ],
    friends: [("lilei", "hanmeimei"), ("lucy", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 1000, do: CloseApp(user: "hanmeimei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "Are you there?", zh: "你在吗？"))),
        (at_ms: 2500, do: Drop(user: "hanmeimei", toward: Phone, what: Any)),
        (at_ms: 2600, do: Send(from: "lucy", to: "hanmeimei", text: "See you at the library at six o'clock sharp, and bring the red book")),
        (at_ms: 4000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "Good night!", zh: "晚安！"))),
        (at_ms: 5000, do: LinkDown("hanmeimei")),
        (at_ms: 5500, do: Send(from: "lucy", to: "hanmeimei", text: "Bring the book")),
        (at_ms: 8000, do: LinkUp("hanmeimei")),
        (at_ms: 10000, do: OpenApp(user: "hanmeimei")),
    ],
    until_ms: 14000,
)"#
    )
}

/// Every beat: the lock screens, the push service's words and its paths against
/// the view; and each part of the story seen at least once.
#[test]
fn the_lock_screens_and_the_push_service_are_the_views() {
    let mut app = open("viz_push.ron", &scene("notifications: Words,"));
    let layout = app.world().resource::<Layout>().clone();
    let push = layout.push.clone().expect("a push service in the layout");
    // Its box under the post office, clear of it and of every phone and helper.
    assert!(push.body.min.y > layout.office.body.max.y);
    for p in &layout.phones {
        for r in [p.body, p.mailbox, p.postman, p.header] {
            assert!(push.body.intersect(r).is_empty(), "{r:?}");
        }
    }
    let mut q = app.world_mut().query::<&PushPath>();
    let mut paths: Vec<PushPath> = q.iter(app.world()).copied().collect();
    paths.sort_by_key(|p| p.0);
    let want: Vec<PushPath> = std::iter::once(PushPath(None))
        .chain((0..3).flat_map(|i| [PushPath(Some(i)); 2]))
        .collect();
    assert_eq!(
        paths, want,
        "one path to the post office and one of two legs per phone"
    );
    // Each phone's ends at its body between its mailbox and its postman, its
    // last leg level, through neither.
    for (p, way) in layout.phones.iter().zip(&push.to_phone) {
        let end = way[2];
        assert!(end.y > p.mailbox.max.y + 1.5 && end.y < p.postman.min.y - 1.5);
        let at_body = (end.x - p.body.max.x).abs() < 0.1 || (end.x - p.body.min.x).abs() < 0.1;
        assert!(at_body, "{end:?}");
        assert!((way[1].y - end.y).abs() < 0.1, "level");
    }
    let (mut banners_seen, mut held_seen, mut cleared_seen, mut notes_seen) =
        (0, false, false, false);
    // The scene has no presence: a dot on a wire is a fetch or its answer.
    let mut fetch_seen = false;
    let mut handed_seen = false;
    let mut last_at = usize::MAX;
    for _ in 0..200 {
        let at = app.world().resource::<BeatShown>().at;
        if at == last_at {
            break;
        }
        last_at = at;
        let (view, people) = {
            let scene = app.world().resource::<OpenScene>();
            let told = scene.told.as_ref().expect("told");
            (
                scene.picture().cloned().expect("a picture"),
                told.people.clone(),
            )
        };
        // Each phone: a lock screen exactly while its app is closed; its banners
        // the view's notifications, oldest first, in the words shown.
        let mut q = app.world_mut().query::<&LockScreen>();
        let mut locked: Vec<usize> = q.iter(app.world()).map(|l| l.0).collect();
        locked.sort_unstable();
        let want: Vec<usize> = (0..view.phones.len())
            .filter(|&u| view.phones[u].app == AppState::Closed)
            .collect();
        assert_eq!(locked, want, "beat {at}: lock screens");
        let mut q = app.world_mut().query::<(&Banner, &Children)>();
        let mut banners: Vec<(usize, usize, Entity)> =
            q.iter(app.world()).map(|(b, c)| (b.0, b.1, c[0])).collect();
        banners.sort_unstable();
        for u in 0..view.phones.len() {
            let want = notices(&view, &people, u);
            let shown: Vec<String> = banners
                .iter()
                .filter(|b| b.0 == u)
                .map(|b| {
                    let w = app.world().get::<Words>(b.2).expect("words");
                    w.0.en.replace('\n', " ")
                })
                .collect();
            // Every one fits this three-phone picture: all are shown, whole where
            // short, cut with "…" only where long.
            assert_eq!(shown.len(), want.len(), "beat {at}: banners of {u}");
            for (s, w) in shown.iter().zip(&want) {
                let s = s.trim_end_matches('…');
                assert!(
                    w.en.starts_with(s) || w.en.replace(' ', "").starts_with(&s.replace(' ', "")),
                    "beat {at}: {s:?} of {:?}",
                    w.en
                );
            }
            banners_seen = banners_seen.max(shown.len());
        }
        if at > 0 && view.phones[1].app == AppState::Open && banners_seen > 0 {
            cleared_seen = true;
        }
        // The push service's box says whom it keeps a notification for.
        let mut q = app.world_mut().query_filtered::<&Words, With<PushKeeps>>();
        let keeps = q.single(app.world()).expect("one line").0.en.to_string();
        if view.push_held.is_empty() {
            assert_eq!(keeps, "Apple, Huawei, Xiaomi…", "beat {at}");
        } else {
            assert!(keeps.contains("Han Meimei"), "beat {at}: {keeps:?}");
            held_seen = true;
        }
        let mut q = app.world_mut().query::<(&PushBox, &BorderColor)>();
        let (_, edge) = q.single(app.world()).expect("one box");
        let heading = app
            .world()
            .resource::<OpenScene>()
            .shown
            .words(postoffice::words::Register::Both)
            .1
            .en
            .to_string();
        let handed = heading.contains("sends a short note");
        if !view.push_held.is_empty() || handed {
            assert_eq!(edge.top, pal::LIT, "beat {at}: lit");
        } else {
            assert_eq!(edge.top, pal::PUSH, "beat {at}: not lit");
        }
        handed_seen |= handed;
        // Play the beat so that notes fly, then stop at the next.
        app.world_mut().write_message(Control::Next);
        for _ in 0..50 {
            app.update();
            let mut q = app
                .world_mut()
                .query_filtered::<&Visibility, With<NoticeNote>>();
            notes_seen |= q.iter(app.world()).any(|v| *v != Visibility::Hidden);
            let mut q = app
                .world_mut()
                .query_filtered::<&Visibility, With<PresenceDot>>();
            fetch_seen |= q.iter(app.world()).any(|v| *v != Visibility::Hidden);
        }
    }
    assert!(
        banners_seen >= 2,
        "two notifications stood on a lock screen at once"
    );
    assert!(
        held_seen,
        "the push service kept one while the phone had no signal"
    );
    assert!(cleared_seen, "opening the app took the lock screen away");
    assert!(notes_seen, "a notification was seen on its way");
    assert!(fetch_seen, "a fetch was seen on its way");
    assert!(
        handed_seen,
        "the box lit as the post office handed it a note"
    );
}

/// Without notifications: no push service, no path, no note; the post office as
/// in every scene before.
#[test]
fn a_scene_without_notifications_has_no_push_service() {
    let mut app = open("viz_no_push.ron", &scene(""));
    let layout = app.world().resource::<Layout>().clone();
    assert!(layout.push.is_none());
    assert_eq!(layout, Layout::new(3), "the layout of every scene before");
    for _ in 0..30 {
        press(&mut app, Control::Next);
        let mut q = app.world_mut().query::<&PushBox>();
        assert_eq!(q.iter(app.world()).count(), 0);
        let mut q = app.world_mut().query::<&PushPath>();
        assert_eq!(q.iter(app.world()).count(), 0);
        let mut q = app.world_mut().query::<&NoticeNote>();
        assert_eq!(q.iter(app.world()).count(), 0);
    }
}

/// A lock screen's banners fit its screen, for two to six phones, short and long
/// names and words, one to nine notifications, in both languages: each banner as
/// wide as the screen's room, its lines no wider, the banners and the lines over
/// them within the screen's height; the newest always shown, the left-out ones
/// counted.
#[test]
fn lock_screen_banners_fit_every_phone() {
    let long_name = Tr::new("Alexandra Konstantinopoulou", "欧阳娜娜娜娜娜娜");
    let words = [
        Tr::new("Hi", "嗨"),
        Tr::new(
            "See you at the library at six o'clock sharp, and please bring the red book",
            "六点整在图书馆见，别忘了带上那本红色的书和你的笔记本",
        ),
    ];
    let top = pal::STATUS * measure::LINE;
    for phones in 2..=6 {
        let layout = Layout::with_push(phones, true);
        let push = layout.push.as_ref().expect("push");
        for p in &layout.phones {
            assert!(push.body.intersect(p.body).is_empty());
        }
        for p in &layout.phones {
            for n in 1..=9 {
                for name in [Tr::new("Lucy", "露西"), long_name.clone()] {
                    let texts: Vec<Tr> = (0..n)
                        .map(|i| {
                            let w = &words[i % 2];
                            Tr::both(|l| {
                                postoffice::words::window::notice(
                                    name.get(l),
                                    w.get(l),
                                    postoffice::sim::Notifications::Words,
                                    l,
                                )
                            })
                        })
                        .collect();
                    for lang in [Lang::En, Lang::Zh] {
                        let plan = lock_plan(&texts, p.screen, 0.0, lang);
                        let mut used = top;
                        for (_, text, h) in &plan.banners {
                            for line in text.get(lang).lines() {
                                assert!(
                                    measure::width(line, pal::STATUS)
                                        <= plan.room.width() - 12.0 + 0.5,
                                    "{phones} phones, {lang:?}: {line:?}"
                                );
                            }
                            let lines = text.get(lang).lines().count() as f32;
                            assert!(lines <= 2.0);
                            assert!(*h >= lines * pal::STATUS * measure::LINE);
                            used += 6.0 + h;
                        }
                        assert!(
                            used <= plan.room.height() + 0.5,
                            "{phones} phones, {n} notices, {lang:?}: {used} > {}",
                            plan.room.height()
                        );
                        assert_eq!(
                            plan.earlier + plan.banners.len(),
                            n,
                            "every notification shown or counted"
                        );
                        assert!(
                            plan.banners.last().is_some_and(|b| b.0 == n - 1),
                            "{phones} phones, {lang:?}: the newest is shown"
                        );
                    }
                }
            }
        }
    }
}

/// Fetching flies on the phone's wire as a dot; notifications on the push
/// service's paths; nothing else changes (logins, goodbyes stay off the wires).
#[test]
fn fetches_fly_on_the_wire_and_notifications_on_the_push_paths() {
    use postoffice::sim::FrameKind;
    use postoffice::viz::kinds::{dot_on_wire, on_push_path};
    for k in FrameKind::ALL {
        let name = k.row().name;
        let dot = ["presence?", "presence", "typing", "fetch", "fetch:A"].contains(&name);
        assert_eq!(dot_on_wire(k), dot, "{name}");
        assert_eq!(
            on_push_path(k),
            ["notify", "push"].contains(&name),
            "{name}"
        );
        assert!(!(dot_on_wire(k) && on_push_path(k)), "{name}");
    }
}
