//! The ❗ bubble menu in the window, without a renderer (issue 23): a click on a
//! bubble its writer's phone gave up on opens a small menu — look inside, send
//! again — whose "Send again" is a live `Resend` (narrated, saved, undone); any
//! other bubble opens the inspector directly, as before.
#![cfg(feature = "viz")]

mod headless;

use std::time::Duration;

use bevy::camera::NormalizedRenderTarget;
use bevy::picking::backend::HitData;
use bevy::picking::events::{Click, Pointer};
use bevy::picking::pointer::{Location, PointerButton, PointerId};
use bevy::prelude::*;
use headless::{app_on, frames, press, tmp_dir};

use postoffice::sim::{Action, MsgId, Status, What};
use postoffice::viz::{
    lang::Wording,
    overlays::tools::{self, Tools},
    stage::parts::{Clickable, Hit, Inspected},
    story::show::{Control, OpenScene, Playback},
};
use postoffice::words::Register;
use postoffice::words::act::BubbleChoice;

/// A left click on the first entity that `hit` is on, as the picking backend
/// delivers it.
fn click(app: &mut App, hit: Hit) {
    let mut q = app.world_mut().query::<(Entity, &Clickable)>();
    let found: Vec<Entity> = q
        .iter(app.world())
        .filter(|(_, c)| c.0 == hit)
        .map(|(e, _)| e)
        .collect();
    let Some(&entity) = found.first() else {
        panic!("nothing on the picture is {hit:?}");
    };
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

/// The bubbles on the picture now: (phone, letter).
fn bubbles(app: &mut App) -> Vec<(usize, MsgId)> {
    let mut q = app.world_mut().query::<&Clickable>();
    q.iter(app.world())
        .filter_map(|c| match c.0 {
            Hit::Inspect(Inspected::Bubble(n, id)) => Some((n, id)),
            _ => None,
        })
        .collect()
}

fn status(app: &App, shown: usize, n: usize, id: MsgId) -> Option<Status> {
    let scene = app.world().resource::<OpenScene>();
    let view = scene.told.as_ref().unwrap().lesson.view_after(shown);
    let phone = view.phone(postoffice::sim::DeviceIdx(n as u32))?;
    phone.chat.iter().find(|b| b.id == id).map(|b| b.status)
}

fn at(app: &App) -> usize {
    app.world().resource::<Playback>().at
}

/// Li Lei writes "Hi" underground; his phone gives it up; the signal comes back.
const UNDERGROUND: &str = r#"(
    title: "Underground",
    seed: 3,
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: LinkDown("lilei")),
        (at_ms: 1500, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 20000, do: LinkUp("lilei")),
    ],
    until_ms: 40000,
)"#;

#[test]
fn a_click_on_a_given_up_bubble_offers_to_look_inside_or_send_it_again() {
    let dir = tmp_dir("bubble-menu");
    let file = dir.join("underground.ron");
    std::fs::write(&file, UNDERGROUND).unwrap();
    let (mut app, _) = app_on(file.clone());
    // On until the signal is back, Li Lei's "Hi" showing ❗.
    let mut given_up = None;
    for _ in 0..80 {
        press(&mut app, Control::Next);
        let time = {
            let scene = app.world().resource::<OpenScene>();
            scene.told.as_ref().unwrap().lesson.time_of(at(&app))
        };
        let shown = at(&app);
        given_up = bubbles(&mut app)
            .into_iter()
            .find(|&(n, id)| n == 0 && status(&app, shown, n, id) == Some(Status::Lost));
        if time >= 20_000 && given_up.is_some() {
            break;
        }
    }
    let (n, id) = given_up.expect("Li Lei's ❗ bubble on the picture");
    click(&mut app, Hit::Inspect(Inspected::Bubble(n, id)));
    {
        let tools = app.world().resource::<Tools>();
        assert_eq!(tools.bubble.map(|b| (b.0, b.1)), Some((n, id)), "its menu");
        assert_eq!(tools.inspecting, None, "not the inspector yet");
        assert_eq!(tools.menu, None);
    }
    // Its two choices, in both languages and every register.
    let send_again = {
        let scene = app.world().resource::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        for reg in [Register::Story, Register::Both, Register::Engineer] {
            let (title, choices) = tools::bubble_menu(told, at(&app), (n, id), reg).unwrap();
            assert!(
                title.en.contains("Hi") && title.en.contains("not sent"),
                "{title:?}"
            );
            assert!(title.zh.contains("未发出"), "{title:?}");
            let kinds: Vec<_> = choices.iter().map(|c| c.1).collect();
            assert_eq!(kinds, [BubbleChoice::LookInside, BubbleChoice::SendAgain]);
            for (words, _, _) in &choices {
                assert!(!words.en.is_empty() && !words.zh.is_empty());
                assert_ne!(words.en, words.zh);
            }
        }
        let reg = app.world().resource::<Wording>().0;
        let (_, choices) = tools::bubble_menu(told, at(&app), (n, id), reg).unwrap();
        assert!(choices[0].0.en.contains("Look inside"), "{choices:?}");
        assert!(choices[1].0.en.contains("Send"), "{choices:?}");
        assert_eq!(choices[0].2, None);
        choices[1].2.clone().expect("a live story sends it again")
    };
    let Action::Resend(pick) = &send_again else {
        panic!("{send_again:?}")
    };
    assert_eq!(
        (pick.from, &*pick.named.en),
        (postoffice::sim::DeviceIdx(0), "Hi")
    );
    // Let the window draw the menu (its egui pass runs headless), then choose
    // "Send again" as its button does.
    frames(&mut app, 2);
    app.world_mut()
        .write_message(Control::Act(send_again.clone()));
    app.world_mut().resource_mut::<Tools>().bubble = None;
    frames(&mut app, 2);
    let live = {
        let scene = app.world().resource::<OpenScene>();
        scene.told.as_ref().unwrap().lesson.live().to_vec()
    };
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].1, send_again);
    // The next beat tells the tap on ❗.
    press(&mut app, Control::Next);
    {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        let beat = &lesson.beats()[at(&app) - 1];
        let told = &lesson.trace()[beat.event()];
        assert!(
            matches!(told.what, What::Resent { auto: false, .. })
                && told.msg.as_ref().map(|m| m.id) == Some(id),
            "{told:?}"
        );
    }
    // On to the end: the bubble ends delivered (✓✓), and a click on it (no
    // longer ❗) offers to recall it (issue 25); any other bubble opens the
    // inspector.
    for _ in 0..80 {
        press(&mut app, Control::Next);
    }
    let shown = at(&app);
    assert!(
        matches!(status(&app, shown, n, id), Some(Status::Delivered { .. })),
        "{:?}",
        status(&app, shown, n, id)
    );
    for (m, other) in bubbles(&mut app) {
        click(&mut app, Hit::Inspect(Inspected::Bubble(m, other)));
        let tools = app.world().resource::<Tools>();
        if (m, other) == (n, id) {
            let scene = app.world().resource::<OpenScene>();
            let told = scene.told.as_ref().unwrap();
            let (_, choices) = tools::bubble_menu(told, shown, (n, id), Register::Both).unwrap();
            assert_eq!(choices[1].1, BubbleChoice::Recall);
            assert_eq!(tools.bubble.map(|b| (b.0, b.1)), Some((n, id)));
            continue;
        }
        assert_eq!(tools.bubble, None, "bubble {m} {other:?}");
        assert_eq!(tools.inspecting, Some(Inspected::Bubble(m, other)));
    }
    // Saved: the tap is in the lesson and replays.
    press(&mut app, Control::Save);
    let text = std::fs::read_to_string(dir.join("underground-lesson-1.ron")).unwrap();
    assert!(text.contains("do: Resend(letter: \"Hi\"))"), "{text}");
}

/// Any other bubble opens the inspector directly: all but the writer's own
/// bubble of a letter the post office has, which offers to recall it (issue 25,
/// `tests/viz_chats.rs`).
#[test]
fn any_other_bubble_opens_the_inspector_directly() {
    let (mut app, _) = app_on(headless::copied("hello.ron"));
    let (mut seen, mut recall) = (0, 0);
    for _ in 0..14 {
        press(&mut app, Control::Next);
        for (n, id) in bubbles(&mut app) {
            let shown = at(&app);
            let offers = {
                let scene = app.world().resource::<OpenScene>();
                scene.told.as_ref().unwrap().lesson.recallable(shown, n, id)
            };
            click(&mut app, Hit::Inspect(Inspected::Bubble(n, id)));
            let tools = app.world().resource::<Tools>();
            if offers {
                assert_eq!(tools.bubble.map(|b| (b.0, b.1)), Some((n, id)));
                recall += 1;
                continue;
            }
            assert_eq!(tools.bubble, None);
            assert_eq!(tools.inspecting, Some(Inspected::Bubble(n, id)));
            seen += 1;
        }
    }
    assert!(
        seen > 0 && recall > 0,
        "hello shows bubbles: {seen} {recall}"
    );
}

/// A recorded story (a crowd of more than 40 phones) takes no action: its ❗
/// bubble's menu still lets the class look inside, and in place of "Send again"
/// says why not — it sends nothing.
#[test]
fn a_recorded_story_offers_no_send_again() {
    let n = postoffice::viz::story::told::MAX_LIVE + 5;
    let users: Vec<String> = (0..n)
        .map(|i| format!(r#"(id: "u{i}", name: "U{i}")"#))
        .collect();
    let text = format!(
        r#"(
    title: "Underground, in a crowd",
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [{}],
    friends: [("u0", "u1")],
    script: [
        (at_ms: 0, do: Login("u0")),
        (at_ms: 0, do: Login("u1")),
        (at_ms: 1000, do: LinkDown("u0")),
        (at_ms: 1500, do: Send(from: "u0", to: "u1", text: "Hi")),
    ],
    until_ms: 30000,
)"#,
        users.join(", ")
    );
    let scene = postoffice::scenario::parse("crowd.ron", text.as_bytes()).unwrap();
    let told = postoffice::viz::story::told::Told::new(scene);
    assert!(!told.live(), "a crowd's story is recorded");
    let lost = told
        .lesson
        .trace()
        .iter()
        .find(|e| matches!(e.what, What::Lost { .. }))
        .and_then(|e| e.msg.as_ref())
        .map(|m| m.id)
        .expect("the phone gives up on “Hi”");
    let end = told.lesson.beats().len();
    assert!(told.lesson.given_up(end, 0, lost), "❗ at the end");
    for reg in [Register::Story, Register::Both, Register::Engineer] {
        let (title, choices) = tools::bubble_menu(&told, end, (0, lost), reg).expect("its menu");
        assert!(title.en.contains("Hi"), "{title:?}");
        let kinds: Vec<_> = choices.iter().map(|c| c.1).collect();
        assert_eq!(kinds, [BubbleChoice::LookInside, BubbleChoice::SendAgain]);
        assert!(
            choices.iter().all(|c| c.2.is_none()),
            "a recorded story sends nothing: {choices:?}"
        );
    }
    // What the menu says in place of the button, in both languages.
    let why = postoffice::viz::control::labels::recorded();
    assert!(!why.en.is_empty() && !why.zh.is_empty() && why.en != why.zh);
}
