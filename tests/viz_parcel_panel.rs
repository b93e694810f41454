//! Issue 26 in the window's controls, without a renderer: the compose box sends a
//! photo (a live `Send` with `parcel:`) whose bubble comes on the addressee's
//! screen with its photo; the panel's Bandwidth switch (reached with the
//! keyboard, like every switch) and its Parcels kept switch tell the story again
//! from its start, said in both languages; Ctrl+S writes them at the saved
//! lesson's top and the photo in its script, and the saved lesson replays the
//! same story; Ctrl+Z takes back the switch, then the photo; the autosave keeps
//! a switch and offers it back.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use bevy::window::Ime;
use headless::{app_keeping, app_on, copied, frames, key, press, release};

use postoffice::sim::{Action, ParcelKind, UserIdx, What};
use postoffice::viz::control::panel::{Attach, Panel};
use postoffice::viz::lang::{Language, Register, Wording};
use postoffice::viz::story::show::{Control, OpenScene, Playback};

const HAN: UserIdx = UserIdx(1);

fn live(app: &App) -> Vec<(u64, Action)> {
    let scene = app.world().resource::<OpenScene>();
    scene.told.as_ref().unwrap().lesson.live().to_vec()
}

fn settings(app: &App) -> postoffice::sim::Settings {
    let scene = app.world().resource::<OpenScene>();
    scene.told.as_ref().unwrap().lesson.scene().settings
}

fn notice(app: &App) -> postoffice::viz::lang::Tr {
    let scene = app.world().resource::<OpenScene>();
    scene.notice.clone().expect("a notice")
}

fn whole_trace(app: &mut App) -> Vec<postoffice::sim::Event> {
    let mut scene = app.world_mut().resource_mut::<OpenScene>();
    let told = scene.told.as_mut().unwrap();
    told.lesson.finish();
    told.lesson.trace().to_vec()
}

fn replayed(text: &str) -> Vec<postoffice::sim::Event> {
    let back = postoffice::scenario::parse("saved.ron", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut sim = back.sim(None, true);
    sim.run();
    sim.take_events()
}

/// Ctrl and a letter key, as the window sends them.
fn ctrl(app: &mut App, window: Entity, code: KeyCode, c: &str) {
    key(app, window, KeyCode::ControlLeft, Key::Control, true);
    key(app, window, code, Key::Character(c.into()), false);
    release(app, window, KeyCode::ControlLeft, Key::Control);
    frames(app, 40);
}

/// The photo on Han Meimei's screen: its kind, size and how much has come.
fn photo_on_han(app: &App) -> Option<(ParcelKind, u32, u32, u32)> {
    let scene = app.world().resource::<OpenScene>();
    let picture = scene.picture()?;
    picture.phones[HAN.index()]
        .chat
        .iter()
        .find_map(|b| b.parcel)
        .map(|p| (p.kind, p.kb, p.parts, p.have))
}

/// The compose box with a photo attached: Tab, the words through the input
/// method, Enter. The letter joins the story as a `Send` with `parcel:`; its
/// bubble comes on Han Meimei's screen with the photo, and the whole photo once
/// every part has come. The panel's Bandwidth switch, the saved lesson (Ctrl+S),
/// Ctrl+Z and the autosave follow.
#[test]
fn a_photo_composed_in_the_panel_and_the_bandwidth_switch() {
    let file = copied("hello.ron");
    let dir = file.parent().unwrap().to_path_buf();
    let kept = dir.join("kept");
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    press(&mut app, Control::JumpTo(3));
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 3);
    app.world_mut().resource_mut::<Panel>().attach = Attach::Photo { kb: 1200 };
    frames(&mut app, 2);
    app.world_mut().write_message(Ime::Commit {
        window,
        value: "风筝".into(),
    });
    frames(&mut app, 2);
    key(&mut app, window, KeyCode::Enter, Key::Enter, false);
    frames(&mut app, 3);
    {
        let panel = app.world().resource::<Panel>();
        assert_eq!((panel.draft.as_str(), panel.attach), ("", Attach::Nothing));
    }
    let sent = live(&app);
    assert_eq!(sent.len(), 1);
    match &sent[0].1 {
        Action::Send { text, parcel, .. } => {
            assert_eq!(&*text.en, "风筝");
            let p = parcel.expect("a photo");
            assert_eq!((p.kind, p.kb), (ParcelKind::Photo, 1200));
        }
        other => panic!("{other:?}"),
    }
    // Step on: the bubble with its photo comes, then every part of it.
    let mut first = None;
    for _ in 0..80 {
        press(&mut app, Control::Next);
        if let Some(p) = photo_on_han(&app) {
            first.get_or_insert(p);
            if p.3 == p.2 {
                break;
            }
        }
    }
    let first = first.expect("the bubble with its photo came on Han Meimei's screen");
    assert_eq!((first.0, first.1, first.2), (ParcelKind::Photo, 1200, 5));
    assert_eq!(first.3, 0, "at first only the slip and its thumbnail");
    assert_eq!(photo_on_han(&app).map(|p| p.3), Some(5), "then every part");
    // The Bandwidth switch: told again from the start, said, the photo kept.
    press(&mut app, Control::Bandwidth(Some(50)));
    assert_eq!(settings(&app).network.bandwidth_kb_per_s, Some(50));
    assert_eq!(app.world().resource::<Playback>().at, 0);
    assert_eq!(live(&app), sent);
    let said = notice(&app);
    assert!(said.en.contains("50 kB/s (slow 3G)"), "{said:?}");
    assert!(said.zh.contains("50 千字节/秒（慢速 3G）"), "{said:?}");
    // Kept safe at once.
    let autosaved = std::fs::read_dir(&kept)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .next()
        .expect("an autosave");
    assert!(
        autosaved.contains("network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 50),"),
        "{autosaved}"
    );
    // Ctrl+S: the switch at the top, the photo in the script; the same story.
    let trace = whole_trace(&mut app);
    ctrl(&mut app, window, KeyCode::KeyS, "s");
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    assert!(
        text.contains("network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 50),"),
        "{text}"
    );
    assert!(
        text.contains("text: \"风筝\", id: \"class-1\", parcel: Photo(kb: 1200))"),
        "{text}"
    );
    assert_eq!(replayed(&text), trace);
    // Closed without saving again, after one more switch: offered back, the
    // switches with it.
    press(&mut app, Control::Bandwidth(Some(500)));
    drop(app);
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    {
        let scene = app.world().resource::<OpenScene>();
        assert_eq!(scene.offer.as_ref().map(Vec::len), Some(1));
        let s = scene.offer_settings.as_ref().expect("the switch offered");
        assert_eq!(s.network.bandwidth_kb_per_s, Some(500));
        let n = notice(&app);
        assert!(n.en.contains("the panel's switches"), "{n:?}");
    }
    key(&mut app, window, KeyCode::Enter, Key::Enter, false);
    frames(&mut app, 3);
    assert_eq!(settings(&app).network.bandwidth_kb_per_s, Some(500));
    assert_eq!(live(&app), sent);
    // Ctrl+Z: the switch first (back to the scene's own: none), said; then the
    // photo; then nothing.
    ctrl(&mut app, window, KeyCode::KeyZ, "z");
    assert_eq!(settings(&app).network.bandwidth_kb_per_s, None);
    assert_eq!(live(&app), sent, "the photo stays");
    let n = notice(&app);
    assert!(
        n.en.starts_with("Taken back. From the start again"),
        "{n:?}"
    );
    assert!(n.en.contains("no limit"), "{n:?}");
    assert!(n.zh.starts_with("已撤销。从头再来"), "{n:?}");
    ctrl(&mut app, window, KeyCode::KeyZ, "z");
    assert!(live(&app).is_empty());
    ctrl(&mut app, window, KeyCode::KeyZ, "z");
    assert!(notice(&app).en.contains("Nothing"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The Bandwidth radio is reached with Tab and pressed with Space, as every
/// switch of the panel: the first Tab count that changes the speed sets it to
/// the first choice after "no limit", slow 3G.
#[test]
fn the_bandwidth_switch_is_reachable_with_the_keyboard() {
    let file = copied("hello.ron");
    let reached = (10..48).find_map(|tabs| {
        let (mut app, window) = app_on(file.clone());
        key(&mut app, window, KeyCode::Tab, Key::Tab, false);
        frames(&mut app, 3);
        for _ in 0..tabs {
            key(&mut app, window, KeyCode::Tab, Key::Tab, false);
            frames(&mut app, 2);
        }
        key(&mut app, window, KeyCode::Space, Key::Space, false);
        frames(&mut app, 3);
        let bw = settings(&app).network.bandwidth_kb_per_s;
        bw.map(|bw| (tabs, bw))
    });
    let (tabs, bw) = reached.expect("the Bandwidth switch is reachable with Tab and Space");
    assert_eq!(bw, 50, "after {tabs} Tabs");
}

/// Parcels kept, in the parcels lesson: for ever, and Jim sees the photo the
/// scene's minute let expire; saved inside `parcels:`, `part_kb` kept. Hello
/// (no parcel) offers the switch only once the class sends one. The panel is
/// drawn with both switches in every language and register.
#[test]
fn the_parcels_kept_switch_in_the_parcels_lesson() {
    let file = copied("parcels.ron");
    let dir = file.parent().unwrap().to_path_buf();
    let (mut app, window) = app_on(file.clone());
    let expired = |app: &mut App| {
        whole_trace(app)
            .iter()
            .any(|e| matches!(e.what, What::ParcelExpired { .. }))
    };
    assert!(expired(&mut app), "the scene's minute");
    press(&mut app, Control::ParcelsKept(None));
    assert_eq!(settings(&app).parcels.keep_ms, None);
    assert_eq!(settings(&app).parcels.part_kb, 256);
    let n = notice(&app);
    assert!(n.en.contains("for ever"), "{n:?}");
    assert!(n.zh.contains("永久保留"), "{n:?}");
    assert!(!expired(&mut app), "kept for ever");
    let trace = whole_trace(&mut app);
    ctrl(&mut app, window, KeyCode::KeyS, "s");
    let text = std::fs::read_to_string(dir.join("parcels-lesson-1.ron")).unwrap();
    assert!(text.contains("parcels: (part_kb: 256, ),"), "{text}");
    assert_eq!(replayed(&text), trace);
    // Drawn, in every language and register.
    app.world_mut().resource_mut::<Panel>().open = true;
    for lang in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
        for reg in [Register::Both, Register::Engineer, Register::Story] {
            app.world_mut().resource_mut::<Language>().0 = lang;
            app.world_mut().resource_mut::<Wording>().0 = reg;
            frames(&mut app, 3);
            assert!(app.world().resource::<Panel>().open);
            if reg == Register::Story {
                use postoffice::viz::control::labels;
                for w in [
                    labels::bandwidth(reg),
                    labels::bandwidth_hint(reg),
                    labels::parcels_kept(reg),
                    labels::parcels_kept_hint(),
                    labels::attach_hint(),
                ] {
                    for l in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
                        assert!(
                            postoffice::words::glossary::technical_in(w.get(l), l).is_empty(),
                            "{w:?}"
                        );
                    }
                }
            }
        }
    }
    // Hello has no parcel: the keeping switch comes with the class's photo.
    let (mut app, _) = app_on(copied("hello.ron"));
    let has = |app: &App| {
        let scene = app.world().resource::<OpenScene>();
        scene.told.as_ref().unwrap().lesson.has_parcels()
    };
    assert!(!has(&app));
    press(&mut app, Control::JumpTo(2));
    {
        let mut panel = app.world_mut().resource_mut::<Panel>();
        panel.attach = Attach::Voice { seconds: 12 };
        panel.open = true;
    }
    let letter = app
        .world()
        .resource::<Panel>()
        .letter(2, 0, &live(&app))
        .expect("a letter");
    match &letter {
        Control::Act(Action::Send { text, parcel, .. }) => {
            assert_eq!(
                (&*text.en, &*text.zh),
                ("Voice message 1", "语音 1"),
                "no words: the label"
            );
            assert_eq!(parcel.map(|p| p.kb), Some(24));
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, letter);
    assert!(has(&app));
    // The next one without words is the second voice message; a photo the first.
    let panel = app.world().resource::<Panel>();
    let label = |c: Option<Control>| match c {
        Some(Control::Act(Action::Send { text, .. })) => text.en.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(label(panel.letter(2, 0, &live(&app))), "Voice message 2");
    let mut photo = Panel::default();
    photo.attach = Attach::Photo { kb: 300 };
    assert_eq!(label(photo.letter(2, 0, &live(&app))), "Photo 1");
    photo.draft = "  My kite ".into();
    assert_eq!(label(photo.letter(2, 0, &live(&app))), "My kite");
    frames(&mut app, 3);
    // A recorded story: no switch there, and a refusal said if asked.
    let (mut app, _) = app_on(headless::scene("rush_hour.ron"));
    press(&mut app, Control::Bandwidth(Some(50)));
    assert_eq!(settings(&app).network.bandwidth_kb_per_s, None);
    assert!(notice(&app).en.contains("recorded story"));
    std::fs::remove_dir_all(&dir).ok();
}
