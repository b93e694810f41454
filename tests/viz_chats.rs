//! Issue 25 in the window's controls, without a renderer: a phone's menu opens
//! and closes chats (live `OpenChat`/`CloseChat`, offered only where the open
//! chat matters and only as the format allows, with why not said), the writer's
//! own bubble of a letter the post office has offers "Recall" (a live `Recall`:
//! narrated, saved, undone), others' bubbles keep the inspector, and the panel's
//! read receipts and recall limit switches tell the story again from its start,
//! saved at the top of the lesson.
#![cfg(feature = "viz")]

mod headless;

use std::time::Duration;

use bevy::camera::NormalizedRenderTarget;
use bevy::picking::backend::HitData;
use bevy::picking::events::{Click, Pointer};
use bevy::picking::pointer::{Location, PointerButton, PointerId};
use bevy::prelude::*;
use headless::{app_on, frames, press, scene, tmp_dir};

use postoffice::sim::{Action, Dest, GroupIdx, MsgId, ReadReceipts, Status, UserIdx, What};
use postoffice::viz::control::panel::Panel;
use postoffice::viz::lang::{Language, Register, Wording};
use postoffice::viz::overlays::tools::{self, Tools};
use postoffice::viz::stage::parts::{Clickable, Hit, Inspected, Target};
use postoffice::viz::story::show::{Control, OpenScene, Playback};
use postoffice::words::act::BubbleChoice;

const LILEI: UserIdx = UserIdx(0);
const LUCY: UserIdx = UserIdx(2);

/// Phone `n`'s menu on the beat on screen, its person picker on `with`: its
/// choices (English and Chinese words) and the lines saying why some are missing.
fn menu(app: &App, n: usize, with: usize) -> (Vec<(String, String, Action)>, Vec<String>) {
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let reg = app.world().resource::<Wording>().0;
    let choices = tools::actions(told, play.at, Target::Phone(n), with, reg)
        .into_iter()
        .map(|(w, a)| (w.en.to_string(), w.zh.to_string(), a))
        .collect();
    let why = tools::not_offered(told, play.at, Target::Phone(n), reg)
        .into_iter()
        .map(|w| w.en.to_string())
        .collect();
    (choices, why)
}

fn words_of<'a>(choices: &'a [(String, String, Action)], a: &Action) -> Option<&'a str> {
    choices.iter().find(|c| c.2 == *a).map(|c| c.0.as_str())
}

fn live(app: &App) -> Vec<(u64, Action)> {
    let scene = app.world().resource::<OpenScene>();
    scene.told.as_ref().unwrap().lesson.live().to_vec()
}

fn replayed(text: &str) -> Vec<postoffice::sim::Event> {
    let back = postoffice::scenario::parse("saved.ron", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut sim = back.sim(None, true);
    sim.run();
    sim.take_events()
}

fn whole_trace(app: &mut App) -> Vec<postoffice::sim::Event> {
    let mut scene = app.world_mut().resource_mut::<OpenScene>();
    let told = scene.told.as_mut().unwrap();
    told.lesson.finish();
    told.lesson.trace().to_vec()
}

/// Li Lei, Han Meimei and Lucy; Class 1 is Li Lei and Han Meimei; read
/// receipts on for everyone.
const CHATS: &str = r#"(
    title: "Chats",
    read_receipts: On,
    seed: 2,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    groups: [(id: "class1", name: "Class 1", members: ["lilei", "hanmeimei"])],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 1000, do: Send(from: "lilei", to: "lucy", text: "Hi Lucy")),
        (at_ms: 3000, do: SendGroup(from: "lilei", group: "class1", text: "Hi all")),
    ],
)"#;

/// Lucy's menu: the chat with Li Lei, not Class 1 (she is not in it: said why),
/// no way back while on her chat list; opened, "Back to the chat list" and no
/// second opening of the same chat. Said, saved at its time (the lesson
/// replays, Li Lei's letter read), taken back with Ctrl+Z. Hello (no read
/// receipts, no chats in its script) offers no chats: its menus are as before.
#[test]
fn a_phone_menu_opens_and_closes_chats() {
    let dir = tmp_dir("chats-menu");
    let file = dir.join("chats.ron");
    std::fs::write(&file, CHATS).unwrap();
    let (mut app, _) = app_on(file.clone());
    press(&mut app, Control::JumpTo(1));
    let (choices, why) = menu(&app, 2, 0);
    let open = Action::OpenChat(postoffice::sim::DeviceIdx::main(LUCY), Dest::User(LILEI));
    assert_eq!(
        words_of(&choices, &open),
        Some("Open the chat with Li Lei"),
        "{choices:?}"
    );
    let class1 = Action::OpenChat(
        postoffice::sim::DeviceIdx::main(LUCY),
        Dest::Group(GroupIdx(0)),
    );
    assert!(words_of(&choices, &class1).is_none(), "{choices:?}");
    assert!(
        why.iter().any(|w| w.contains("Lucy is not in Class 1 now")),
        "{why:?}"
    );
    assert!(
        words_of(
            &choices,
            &Action::CloseChat(postoffice::sim::DeviceIdx::main(LUCY))
        )
        .is_none()
    );
    // Han Meimei is in Class 1: offered, in both languages.
    let (han, _) = menu(&app, 1, 0);
    let han_class1 = Action::OpenChat(postoffice::sim::DeviceIdx(1), Dest::Group(GroupIdx(0)));
    let c = han
        .iter()
        .find(|c| c.2 == han_class1)
        .expect("Open Class 1");
    assert_eq!(
        (c.0.as_str(), c.1.as_str()),
        ("Open Class 1", "点开Class 1")
    );
    // Chosen, as the menu's button sends it.
    press(&mut app, Control::Act(open.clone()));
    assert_eq!(live(&app).len(), 1);
    {
        let scene = app.world().resource::<OpenScene>();
        let notice = scene.notice.clone().expect("said in the notice");
        assert!(
            notice.en.contains("Lucy opens the chat with Li Lei"),
            "{notice:?}"
        );
        assert!(notice.zh.contains("Lucy点开和Li Lei的聊天"), "{notice:?}");
    }
    let (choices, _) = menu(&app, 2, 0);
    assert_eq!(
        words_of(
            &choices,
            &Action::CloseChat(postoffice::sim::DeviceIdx::main(LUCY))
        ),
        Some("Back to the chat list")
    );
    assert!(words_of(&choices, &open).is_none(), "the open chat again");
    let trace = whole_trace(&mut app);
    assert!(
        trace.iter().any(|e| matches!(e.what, What::Read { .. })
            && e.actor == postoffice::sim::Actor::Phone(postoffice::sim::DeviceIdx::main(LUCY))),
        "Lucy reads Li Lei's letter"
    );
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("chats-lesson-1.ron")).unwrap();
    assert!(
        text.contains(r#"do: OpenChat(user: "lucy", with: "lilei"))"#),
        "{text}"
    );
    assert_eq!(replayed(&text), trace);
    press(&mut app, Control::Undo);
    assert!(live(&app).is_empty());
    // Hello's menus offer no chats.
    let (mut app, _) = app_on(scene("hello.ron"));
    press(&mut app, Control::JumpTo(1));
    for n in 0..2 {
        let (choices, why) = menu(&app, n, 1 - n);
        assert!(
            !choices
                .iter()
                .any(|c| matches!(c.2, Action::OpenChat(..) | Action::CloseChat(_))),
            "{choices:?}"
        );
        assert!(why.is_empty(), "{why:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A left click on the first entity that `hit` is on.
fn click(app: &mut App, hit: Hit) {
    let mut q = app.world_mut().query::<(Entity, &Clickable)>();
    let entity = q
        .iter(app.world())
        .find(|(_, c)| c.0 == hit)
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("nothing on the picture is {hit:?}"));
    let location = Location {
        target: NormalizedRenderTarget::None {
            width: 1280,
            height: 720,
        },
        position: Vec2::new(400.0, 300.0),
    };
    let event = Click {
        button: PointerButton::Primary,
        hit: HitData::new(Entity::PLACEHOLDER, 0.0, None, None),
        duration: Duration::from_millis(80),
        count: 1,
    };
    app.world_mut()
        .trigger(Pointer::new(PointerId::Mouse, location, event, entity));
    frames(app, 2);
}

fn bubbles(app: &mut App) -> Vec<(usize, MsgId)> {
    let mut q = app.world_mut().query::<&Clickable>();
    q.iter(app.world())
        .filter_map(|c| match c.0 {
            Hit::Inspect(Inspected::Bubble(n, id)) => Some((n, id)),
            _ => None,
        })
        .collect()
}

/// In hello: a click on Li Lei's own bubble once the post office has his letter
/// opens a menu — look inside, recall — in every register; on Han Meimei's copy
/// the inspector. "Recall" sends a live `Recall`: the next beats tell it, the
/// saved lesson names the letter and replays, Ctrl+Z takes it back.
#[test]
fn the_writers_own_bubble_offers_recall() {
    let dir = tmp_dir("recall-menu");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let (mut app, _) = app_on(file.clone());
    let mut own = None;
    for _ in 0..30 {
        press(&mut app, Control::Next);
        let shown = app.world().resource::<Playback>().at;
        let scene = app.world().resource::<OpenScene>();
        let view = scene.told.as_ref().unwrap().lesson.view_after(shown);
        own = view
            .phone(postoffice::sim::DeviceIdx::main(LILEI))
            .and_then(|p| {
                p.chat
                    .iter()
                    .find(|b| matches!(b.status, Status::Posted | Status::Delivered { .. }))
                    .map(|b| b.id)
            });
        if own.is_some() {
            break;
        }
    }
    let id = own.expect("Li Lei's letter posted (✓)");
    for (n, other) in bubbles(&mut app) {
        click(&mut app, Hit::Inspect(Inspected::Bubble(n, other)));
        let tools = app.world().resource::<Tools>();
        match (n, other) {
            (0, o) if o == id => {
                assert_eq!(tools.bubble.map(|b| (b.0, b.1)), Some((0, id)));
                assert_eq!(tools.inspecting, None);
            }
            _ => {
                assert_eq!(tools.bubble, None, "{n} {other:?}");
                assert_eq!(tools.inspecting, Some(Inspected::Bubble(n, other)));
            }
        }
    }
    click(&mut app, Hit::Inspect(Inspected::Bubble(0, id)));
    let recall = {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        let shown = app.world().resource::<Playback>().at;
        for reg in [Register::Story, Register::Both, Register::Engineer] {
            let (title, choices) = tools::bubble_menu(told, shown, (0, id), reg).unwrap();
            assert!(
                title.en.contains("Hello") && title.zh.contains("你好"),
                "{title:?}"
            );
            let kinds: Vec<_> = choices.iter().map(|c| c.1).collect();
            assert_eq!(kinds, [BubbleChoice::LookInside, BubbleChoice::Recall]);
            assert!(choices[1].0.zh.contains("撤回"), "{choices:?}");
        }
        let (_, choices) = tools::bubble_menu(told, shown, (0, id), Register::Both).unwrap();
        assert_eq!(&*choices[1].0.en, "Recall");
        choices[1].2.clone().expect("a live story recalls")
    };
    assert!(matches!(recall, Action::Recall(_)), "{recall:?}");
    frames(&mut app, 2);
    app.world_mut().write_message(Control::Act(recall.clone()));
    app.world_mut().resource_mut::<Tools>().bubble = None;
    frames(&mut app, 2);
    assert_eq!(
        live(&app).iter().map(|l| &l.1).collect::<Vec<_>>(),
        [&recall]
    );
    press(&mut app, Control::Next);
    {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        let shown = app.world().resource::<Playback>().at;
        let told = &lesson.trace()[lesson.beats()[shown - 1].event()];
        assert!(matches!(told.what, What::Recall), "{told:?}");
        assert!(!lesson.recallable(shown, 0, id), "no second recall offered");
    }
    let trace = whole_trace(&mut app);
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    assert!(text.contains("do: Recall(letter: "), "{text}");
    assert_eq!(replayed(&text), trace);
    press(&mut app, Control::Undo);
    assert!(live(&app).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

/// The panel's read receipts switch on hello (told again from the start, said,
/// saved at the top, replayed; switched back, the scene's own text), the recall
/// limit on recall.ron, and both drawn in every language and register; a
/// recorded story cannot switch.
#[test]
fn the_panel_switches_read_receipts_and_the_recall_limit() {
    let dir = tmp_dir("receipts-switch");
    let file = dir.join("hello.ron");
    std::fs::copy(scene("hello.ron"), &file).unwrap();
    let (mut app, _) = app_on(file.clone());
    press(&mut app, Control::JumpTo(4));
    press(&mut app, Control::ReadReceipts(ReadReceipts::Mutual));
    {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        assert_eq!(
            told.lesson.scene().settings.read_receipts,
            ReadReceipts::Mutual
        );
        assert_eq!(app.world().resource::<Playback>().at, 0);
        let notice = scene.notice.clone().expect("said");
        assert!(notice.en.contains("WhatsApp"), "{notice:?}");
        assert!(told.lesson.chats_matter(), "the menus now offer chats");
    }
    let trace = whole_trace(&mut app);
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    assert!(text.contains("read_receipts: Mutual(),"), "{text}");
    assert_eq!(replayed(&text), trace);
    press(&mut app, Control::ReadReceipts(ReadReceipts::Off));
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("hello-lesson-2.ron")).unwrap();
    assert_eq!(text, std::fs::read_to_string(&file).unwrap());
    // The recall limit, in the recall lesson.
    let file = dir.join("recall.ron");
    std::fs::copy(scene("recall.ron"), &file).unwrap();
    let (mut app, _) = app_on(file.clone());
    press(&mut app, Control::RecallLimit(3_600_000));
    let trace = whole_trace(&mut app);
    assert!(
        !trace
            .iter()
            .any(|e| matches!(e.what, What::RecallRefused { .. })),
        "an hour: nothing too late"
    );
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("recall-lesson-1.ron")).unwrap();
    assert!(text.contains("recall: (limit_ms: 3600000),"), "{text}");
    assert_eq!(replayed(&text), trace);
    // Drawn, with a bubble menu and a phone menu open, in every language and
    // register.
    app.world_mut().resource_mut::<Tools>().menu =
        Some((Target::Phone(1), Vec2::new(100.0, 100.0)));
    app.world_mut().resource_mut::<Panel>().open = true;
    for lang in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
        for reg in [Register::Both, Register::Engineer, Register::Story] {
            app.world_mut().resource_mut::<Language>().0 = lang;
            app.world_mut().resource_mut::<Wording>().0 = reg;
            frames(&mut app, 3);
            assert!(app.world().resource::<Panel>().open);
            let w = postoffice::viz::control::labels::read_receipts(reg);
            if reg == Register::Story {
                for l in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
                    assert!(
                        postoffice::words::glossary::technical_in(w.get(l), l).is_empty(),
                        "{w:?}"
                    );
                }
            }
        }
    }
    // A recorded crowd story: refused, said, unchanged.
    let (mut app, _) = app_on(scene("rush_hour.ron"));
    press(&mut app, Control::ReadReceipts(ReadReceipts::On));
    let scene = app.world().resource::<OpenScene>();
    let settings = scene.told.as_ref().unwrap().lesson.scene().settings;
    assert_eq!(settings.read_receipts, ReadReceipts::Off);
    assert!(scene.notice.is_some());
    std::fs::remove_dir_all(&dir).ok();
}
