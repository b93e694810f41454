//! Issue 27 in the window's controls, without a renderer: the compose box lets
//! the class choose which of Han Meimei's devices writes (her computer), the
//! letter's bubble comes on her side of the computer's screen and on Li Lei's,
//! and the notice names the device; the panel's switch "The post office keeps
//! history" tells the story again from its start, said in both languages and
//! autosaved, and Ctrl+S writes it at the saved lesson's top with the letter's `from:` device,
//! the scene's `devices:` kept, and the saved lesson replays the same story;
//! Ctrl+Z takes the switch back; the "Several devices" part logs a new phone in
//! and moves the chats over; a move between two people's devices is refused
//! with the devices named; the switch is only in scenes with several devices.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use bevy::window::Ime;
use headless::{app_keeping, app_on, copied, frames, key, press, release};

use postoffice::sim::{Action, DeviceIdx, Status, UserIdx, What};
use postoffice::viz::control::panel::{Panel, To};
use postoffice::viz::lang::{Language, Register, Wording};
use postoffice::viz::story::show::{Control, OpenScene, Playback};

const LILEI: UserIdx = UserIdx(0);
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

fn device(app: &App, id: &str) -> DeviceIdx {
    let scene = app.world().resource::<OpenScene>();
    let told = scene.told.as_ref().unwrap();
    told.lesson.scene().world.find_device(id).expect(id)
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

fn ctrl(app: &mut App, window: Entity, code: KeyCode, c: &str) {
    key(app, window, KeyCode::ControlLeft, Key::Control, true);
    key(app, window, code, Key::Character(c.into()), false);
    release(app, window, KeyCode::ControlLeft, Key::Control);
    frames(app, 40);
}

/// The bubble of the letter with these words on device `d`'s screen now, and
/// whether it stands on the device owner's own side (its writer is her).
fn bubble(app: &App, d: DeviceIdx, words: &str) -> Option<(Status, bool)> {
    let scene = app.world().resource::<OpenScene>();
    let picture = scene.picture()?;
    let phone = &picture.phones[d.index()];
    phone.chat.iter().find_map(|b| {
        let letter = picture.letters.get(&b.id)?;
        (&*letter.text().expect("words").en == words)
            .then_some((b.status, letter.from() == phone.owner))
    })
}

/// Compose on Han Meimei's computer: the device chosen in the panel, the words
/// through the input method, Enter. A `Send` from the computer joins the story,
/// said with the device; its bubble comes on the computer's screen on her side,
/// on Li Lei's as a letter from her, on her phone as her own copy. The switch, the
/// saved lesson, Ctrl+Z and a refusal follow.
#[test]
fn a_letter_from_the_computer_and_the_history_switch() {
    let file = copied("two_devices.ron");
    let dir = file.parent().unwrap().to_path_buf();
    let kept = dir.join("kept");
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    let pc = device(&app, "hanmeimei.pc");
    press(&mut app, Control::JumpTo(3));
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 3);
    {
        let mut panel = app.world_mut().resource_mut::<Panel>();
        assert!(panel.open, "Tab opens the panel to compose");
        panel.from = HAN.index();
        panel.device = Some(pc);
        panel.to = To::Person(LILEI.index());
    }
    frames(&mut app, 2);
    assert_eq!(
        app.world().resource::<Panel>().device,
        Some(pc),
        "the computer is hers: kept"
    );
    app.world_mut().write_message(Ime::Commit {
        window,
        value: "在电脑上写的".into(),
    });
    frames(&mut app, 2);
    key(&mut app, window, KeyCode::Enter, Key::Enter, false);
    frames(&mut app, 3);
    assert_eq!(app.world().resource::<Panel>().draft, "");
    let sent = live(&app);
    assert_eq!(sent.len(), 1);
    match &sent[0].1 {
        Action::Send { from, text, .. } => {
            assert_eq!(*from, pc, "written on the computer");
            assert_eq!(&*text.en, "在电脑上写的");
        }
        other => panic!("{other:?}"),
    }
    let said = notice(&app);
    assert!(said.en.contains("(on Han Meimei's computer)"), "{said:?}");
    assert!(said.zh.contains("（在韩梅梅的电脑上）"), "{said:?}");
    // Step on until the letter is on all three screens.
    let words = "在电脑上写的";
    let (li, han) = (DeviceIdx::main(LILEI), DeviceIdx::main(HAN));
    for _ in 0..120 {
        if [pc, li, han]
            .iter()
            .all(|&d| bubble(&app, d, words).is_some())
        {
            break;
        }
        press(&mut app, Control::Next);
    }
    let on_pc = bubble(&app, pc, words).expect("on the computer");
    assert!(on_pc.1, "on her side of the computer's chat");
    assert_ne!(on_pc.0, Status::Received, "with the writer's ticks");
    assert_eq!(
        bubble(&app, li, words),
        Some((Status::Received, false)),
        "a letter from her on Li Lei's phone"
    );
    assert!(bubble(&app, han, words).expect("her phone's copy").1);
    // A scene with several devices offers the switch; it tells the story again.
    assert!(!settings(&app).keeps_history);
    press(&mut app, Control::KeepsHistory(true));
    assert!(settings(&app).keeps_history);
    assert_eq!(app.world().resource::<Playback>().at, 0);
    assert_eq!(live(&app), sent, "the letter kept");
    let n = notice(&app);
    assert!(
        n.en.starts_with("From the start again") && n.en.contains("QQ"),
        "{n:?}"
    );
    assert!(n.zh.starts_with("从头再来") && n.zh.contains("QQ"), "{n:?}");
    // Kept safe at once, the switch and the letter written plainly.
    let autosaved = std::fs::read_dir(&kept)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .next()
        .expect("an autosave");
    assert!(
        autosaved.contains("\n    keeps_history: true,"),
        "{autosaved}"
    );
    assert!(
        autosaved.contains("Send(from: \"hanmeimei.pc\""),
        "{autosaved}"
    );
    // Ctrl+S: the switch at the top, the letter from the computer in the script,
    // the scene's devices kept; the same story.
    let trace = whole_trace(&mut app);
    ctrl(&mut app, window, KeyCode::KeyS, "s");
    let text = std::fs::read_to_string(dir.join("two_devices-lesson-1.ron")).unwrap();
    for wanted in [
        "\n    keeps_history: true,",
        "do: Send(from: \"hanmeimei.pc\", to: \"lilei\", text: \"在电脑上写的\", id: \"class-1\")),",
        "devices: [(id: \"hanmeimei.pc\", kind: Computer)]),",
    ] {
        assert!(text.contains(wanted), "{wanted} in\n{text}");
    }
    assert!(!text.contains("order:"), "{text}");
    assert_eq!(replayed(&text), trace);
    // Ctrl+Z: the switch first, said; the letter stays.
    ctrl(&mut app, window, KeyCode::KeyZ, "z");
    assert!(!settings(&app).keeps_history);
    assert_eq!(live(&app), sent);
    let n = notice(&app);
    assert!(
        n.en.starts_with("Taken back. From the start again"),
        "{n:?}"
    );
    assert!(n.en.contains("WeChat"), "{n:?}");
    // Moving chats from Li Lei's phone to her computer: refused, the devices named.
    press(
        &mut app,
        Control::Act(Action::MoveChats { from: li, to: pc }),
    );
    assert_eq!(live(&app), sent, "nothing added");
    let n = notice(&app);
    assert!(
        n.en.contains("Li Lei's phone is Li Lei's, Han Meimei's computer is Han Meimei's"),
        "{n:?}"
    );
    assert!(n.zh.contains("韩梅梅的电脑是韩梅梅的"), "{n:?}");
    // Drawn, in every language and register, the device picker open on hers.
    app.world_mut().resource_mut::<Panel>().open = true;
    for lang in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
        for reg in [Register::Both, Register::Engineer, Register::Story] {
            app.world_mut().resource_mut::<Language>().0 = lang;
            app.world_mut().resource_mut::<Wording>().0 = reg;
            frames(&mut app, 3);
            assert!(app.world().resource::<Panel>().open);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The "Several devices" part's actions in new_phone: the new phone logs in
/// before the scene's own login (said with its name), and the chats move over
/// from the old phone (said; `ChatsMoved` in the story). Another person's
/// device chosen in compose is forgotten: the letter comes from the writer's
/// main phone. The switch's and the part's words in the story register hold no
/// technical word.
#[test]
fn the_several_devices_part_in_new_phone() {
    let file = copied("new_phone.ron");
    let dir = file.parent().unwrap().to_path_buf();
    let (mut app, _) = app_on(file.clone());
    let new = device(&app, "hanmeimei.new");
    press(&mut app, Control::JumpTo(3));
    {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        assert!(lesson.has_devices());
        assert_eq!(lesson.devices_to_log_in(3, HAN), vec![new]);
    }
    press(&mut app, Control::Act(Action::Login(new)));
    assert_eq!(live(&app).len(), 1);
    let n = notice(&app);
    assert!(n.en.contains("Han Meimei's new phone logs in"), "{n:?}");
    assert!(n.zh.contains("韩梅梅的新手机登录"), "{n:?}");
    press(&mut app, Control::Next);
    let moved = Action::MoveChats {
        from: DeviceIdx::main(HAN),
        to: new,
    };
    press(&mut app, Control::Act(moved.clone()));
    assert_eq!(live(&app).last().map(|(_, a)| a.clone()), Some(moved));
    let n = notice(&app);
    assert!(
        n.en.contains("copies every chat over from Han Meimei's phone"),
        "{n:?}"
    );
    let trace = whole_trace(&mut app);
    assert!(
        trace
            .iter()
            .filter(|e| matches!(e.what, What::ChatsMoved { .. }))
            .count()
            >= 2,
        "the class's move and the scene's own"
    );
    // A device of someone else in the compose box: forgotten, the main phone writes.
    {
        let mut panel = app.world_mut().resource_mut::<Panel>();
        panel.open = true;
        panel.from = LILEI.index();
        panel.to = To::Person(HAN.index());
        panel.device = Some(new);
    }
    frames(&mut app, 3);
    assert_eq!(app.world().resource::<Panel>().device, None);
    // The words of the switch and the part, in the story register.
    use postoffice::viz::control::labels;
    for w in [
        labels::keeps_history(Register::Story),
        labels::keeps_history_hint(Register::Story),
        labels::keeps_history_choice(false),
        labels::keeps_history_choice(true),
        labels::keeps_history_switched(true, Register::Story),
        labels::keeps_history_switched(false, Register::Story),
        labels::devices(),
        labels::devices_hint(),
        labels::device_hint(),
    ] {
        for l in [postoffice::sim::Lang::En, postoffice::sim::Lang::Zh] {
            assert!(
                postoffice::words::glossary::technical_in(w.get(l), l).is_empty(),
                "{w:?}"
            );
        }
    }
    // Hello: nobody has several devices, no switch to make (drawn without it).
    let (app, _) = app_on(headless::scene("hello.ron"));
    let scene = app.world().resource::<OpenScene>();
    assert!(!scene.told.as_ref().unwrap().lesson.has_devices());
    std::fs::remove_dir_all(&dir).ok();
}
