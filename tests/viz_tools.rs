//! The class's tools in the window, without a renderer: clicks on the picture come
//! in as the picking backend delivers them (a `Pointer<Click>` on the clicked
//! entity), the menu's and the panel's buttons send the `Control`s they send, keys
//! come in as the window sends them. Each fault by click, the inspector, Ctrl+Z,
//! the autosave and its offer, the armed-loss marker, and heartbeats by the
//! story's clock.
#![cfg(feature = "viz")]

mod headless;

use std::time::Duration;

use bevy::camera::NormalizedRenderTarget;
use bevy::input::keyboard::Key;
use bevy::picking::backend::HitData;
use bevy::picking::events::{Click, Pointer};
use bevy::picking::pointer::{Location, PointerButton, PointerId};
use bevy::prelude::*;
use headless::{app_keeping, app_on, copied, frames, key, press, release, tmp_dir};

use postoffice::sim::view::LetterCopy;
use postoffice::sim::{Action, Dir, FrameClass, Lang, MsgId, RegisterChange, UserIdx, What};
use postoffice::viz::{
    control::panel::Panel,
    lang::{Wording, Words},
    overlays::tools::{self, Tools},
    stage::parts::{Clickable, Hit, Inspected, Target},
    stage::picture::{HeardWords, WireMark},
    story::model::Spot,
    story::show::{Control, OpenScene, Playback},
};
use postoffice::words::Register;

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

/// Every `Clickable` hit on the picture now.
fn hits(app: &mut App) -> Vec<Hit> {
    let mut q = app.world_mut().query::<&Clickable>();
    q.iter(app.world()).map(|c| c.0).collect()
}

/// The menu's choices for `target` on the beat on screen, as the menu lists them.
fn choices(app: &App, target: Target) -> Vec<(String, Action)> {
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let with = app.world().resource::<Tools>().with;
    let reg = app.world().resource::<Wording>().0;
    tools::actions(scene.told.as_ref().unwrap(), play.at, target, with, reg)
        .into_iter()
        .map(|(words, action)| (words.en.to_string(), action))
        .collect()
}

/// Presses the menu's button whose words contain `words` (it sends its action).
fn choose(app: &mut App, target: Target, words: &str) -> Action {
    let all = choices(app, target);
    let (_, action) = all
        .iter()
        .find(|(w, _)| w.contains(words))
        .unwrap_or_else(|| panic!("no {words:?} among {all:?}"))
        .clone();
    app.world_mut().write_message(Control::Act(action.clone()));
    // A chosen button closes its menu.
    app.world_mut().resource_mut::<Tools>().menu = None;
    frames(app, 2);
    action
}

fn live(app: &App) -> Vec<(u64, Action)> {
    let scene = app.world().resource::<OpenScene>();
    scene.told.as_ref().unwrap().lesson.live().to_vec()
}

/// Tells the whole story (as stepping to its end would).
fn to_the_end(app: &mut App) {
    let mut scene = app.world_mut().resource_mut::<OpenScene>();
    if let Some(t) = scene.told.as_mut() {
        t.lesson.finish();
    }
}

fn run_timeline(path: &std::path::Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .arg("run")
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const HAN: UserIdx = UserIdx(1);

#[test]
fn a_click_on_han_meimeis_wire_cuts_it_and_the_saved_lesson_shelves_the_letter() {
    let file = copied("hello.ron");
    let (mut app, _) = app_on(file.clone());
    assert!(
        hits(&mut app).contains(&Hit::Fault(Target::Link(1))),
        "Han Meimei's wire has a hit area"
    );
    click(&mut app, Hit::Fault(Target::Link(1)));
    assert_eq!(
        app.world().resource::<Tools>().menu.map(|m| m.0),
        Some(Target::Link(1)),
        "the click opened the wire's menu"
    );
    // Its menu: cut, and lose the next letter or receipt either way.
    let menu = choices(&app, Target::Link(1));
    assert_eq!(menu.len(), 5, "{menu:?}");
    for (toward, what) in [
        (Dir::ToServer, FrameClass::Message),
        (Dir::ToServer, FrameClass::Ack),
        (Dir::ToPhone, FrameClass::Message),
        (Dir::ToPhone, FrameClass::Ack),
    ] {
        let drop = Action::Drop {
            user: postoffice::sim::DeviceIdx::main(HAN),
            toward,
            what,
        };
        assert!(menu.iter().any(|(_, a)| *a == drop), "{drop:?} in {menu:?}");
    }
    assert_eq!(
        choose(&mut app, Target::Link(1), "Cut"),
        Action::LinkDown(postoffice::sim::DeviceIdx::main(HAN))
    );
    // The menu offers the signal back now.
    assert!(
        choices(&app, Target::Link(1))
            .iter()
            .any(|(_, a)| *a == Action::LinkUp(postoffice::sim::DeviceIdx::main(HAN)))
    );
    assert_eq!(live(&app).len(), 1);
    // The cut is narrated like a scripted one, on the next beat.
    press(&mut app, Control::Next);
    let sentence = app
        .world()
        .resource::<OpenScene>()
        .shown
        .words(postoffice::words::Register::Both)
        .1
        .en
        .to_string();
    assert!(
        sentence.contains("Han Meimei's phone is cut off"),
        "{sentence}"
    );

    // Saved and replayed: the letter waits on the offline shelf.
    press(&mut app, Control::Save);
    let saved = file.with_file_name("hello-lesson-1.ron");
    let timeline = run_timeline(&saved);
    assert!(
        timeline.contains("Han Meimei's phone is cut off"),
        "{timeline}"
    );
    assert_eq!(count(&timeline, "shown to a recipient"), 0, "{timeline}");
    assert_eq!(
        count(&timeline, "waiting on the offline shelf"),
        1,
        "{timeline}"
    );
}

#[test]
fn a_click_on_the_post_office_closes_it_and_opens_it_again() {
    let (mut app, _) = app_on(copied("hello.ron"));
    click(&mut app, Hit::Fault(Target::Office));
    assert_eq!(
        app.world().resource::<Tools>().menu.map(|m| m.0),
        Some(Target::Office)
    );
    assert_eq!(
        choose(&mut app, Target::Office, "Close"),
        Action::ServerDown
    );
    press(&mut app, Control::Next);
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let view = scene.told.as_ref().unwrap().lesson.view_after(play.at);
    assert!(!view.office.open, "closed after the next beat");
    assert_eq!(choose(&mut app, Target::Office, "Open"), Action::ServerUp);
    assert_eq!(live(&app).len(), 2);
}

#[test]
fn a_click_on_a_phone_logs_out_blocks_and_befriends_and_the_menu_follows() {
    let (mut app, _) = app_on(copied("hello.ron"));
    // Han Meimei's phone body, and the tiles' and parts' menus are the phone's too.
    click(&mut app, Hit::Fault(Target::Phone(1)));
    assert_eq!(
        app.world().resource::<Tools>().menu.map(|m| m.0),
        Some(Target::Phone(1))
    );
    app.world_mut().resource_mut::<Tools>().with = 0;
    let menu = choices(&app, Target::Phone(1));
    assert!(
        menu.iter().any(
            |(w, a)| *a == Action::Logout(postoffice::sim::DeviceIdx::main(HAN))
                && w.contains("logs out")
        ),
        "{menu:?}"
    );
    let block = choose(&mut app, Target::Phone(1), "blocks");
    assert_eq!(
        block,
        Action::Register(RegisterChange::Block, HAN, UserIdx(0))
    );
    press(&mut app, Control::Next);
    // Now the menu offers to unblock; unfriend (they are friends in hello).
    let menu = choices(&app, Target::Phone(1));
    assert!(menu.iter().any(|(w, _)| w.contains("unblocks")), "{menu:?}");
    let unfriend = choose(&mut app, Target::Phone(1), "stop being friends");
    assert_eq!(
        unfriend,
        Action::Register(RegisterChange::Unfriend, HAN, UserIdx(0))
    );
    press(&mut app, Control::Next);
    let menu = choices(&app, Target::Phone(1));
    assert!(
        menu.iter().any(|(w, _)| w.contains("become friends")),
        "{menu:?}"
    );
    choose(&mut app, Target::Phone(1), "logs out");
    assert_eq!(live(&app).len(), 3);
    // Li Lei's letter is now refused: Han Meimei blocks him and they are not friends.
    to_the_end(&mut app);
    let scene = app.world().resource::<OpenScene>();
    let trace = scene.told.as_ref().unwrap().lesson.trace();
    assert!(
        trace.iter().any(|e| matches!(e.what, What::Return { .. })),
        "the letter is returned to its sender"
    );
}

#[test]
fn an_armed_loss_is_marked_on_its_wire_until_it_springs() {
    let (mut app, _) = app_on(copied("hello.ron"));
    let mark = |app: &mut App| -> String {
        let mut q = app.world_mut().query::<(&WireMark, &Words)>();
        q.iter(app.world())
            .filter(|(m, _)| m.0 == 1)
            .map(|(_, w)| w.0.en.to_string())
            .collect()
    };
    assert_eq!(mark(&mut app), "", "nothing armed yet");
    click(&mut app, Hit::Fault(Target::Link(1)));
    choose(
        &mut app,
        Target::Link(1),
        "Lose the next letter going to Han",
    );
    press(&mut app, Control::Next);
    let marked = mark(&mut app);
    assert!(!marked.is_empty(), "the wire is marked");
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let view = scene.told.as_ref().unwrap().lesson.view_after(play.at);
    assert_eq!(
        view.armed,
        vec![(
            postoffice::sim::DeviceIdx::main(HAN),
            Dir::ToPhone,
            FrameClass::Message
        )]
    );
    // Step on until the letter is lost on that wire: the mark goes.
    for _ in 0..40 {
        press(&mut app, Control::Next);
        let (play, scene) = (
            app.world().resource::<Playback>(),
            app.world().resource::<OpenScene>(),
        );
        let lesson = &scene.told.as_ref().unwrap().lesson;
        if lesson.trace()[..lesson.trace_end(play.at)]
            .iter()
            .any(|e| matches!(e.what, What::FrameLost { .. }))
        {
            break;
        }
    }
    assert_eq!(mark(&mut app), "", "the loss sprang");
}

#[test]
fn the_inspector_shows_a_letter_whole_and_where_its_copies_are() {
    let (mut app, _) = app_on(copied("hello.ron"));
    // Step until the post office has archived the letter (step 5).
    for _ in 0..5 {
        press(&mut app, Control::Next);
    }
    let letter = hits(&mut app)
        .into_iter()
        .find(|h| matches!(h, Hit::Inspect(Inspected::Letter(_))))
        .expect("an envelope on the picture can be clicked");
    click(&mut app, letter);
    let Hit::Inspect(thing) = letter else {
        unreachable!()
    };
    assert_eq!(app.world().resource::<Tools>().inspecting, Some(thing));
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let (heading, lines) = tools::inspect(told, play.at, thing, Lang::En, Register::Both);
    assert_eq!(heading, "A letter");
    let field = |name: &str| {
        lines
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {name:?} in {lines:?}"))
    };
    assert!(field("from").contains("Li Lei"));
    assert!(field("to").contains("Han Meimei"));
    assert_eq!(field("text"), "Hello!");
    assert!(field("number").contains('#'), "{lines:?}");
    // Which packet, which attempt, when, and its fate.
    let msg = field("msg:R #1");
    assert!(
        msg.contains("Li Lei → post office") && msg.contains("arrived"),
        "{msg}"
    );
    let kept = field("copies kept in");
    assert!(
        kept.contains("sender's home mailbox") && kept.contains("archive"),
        "{kept}"
    );
    // The places are lit in the picture.
    let spots = tools::kept_spots(told, play.at, thing);
    assert!(spots.contains(&Spot::Mailbox(0)) && spots.contains(&Spot::Archive));
    // In Chinese too.
    let (heading, _) = tools::inspect(told, play.at, thing, Lang::Zh, Register::Both);
    assert_eq!(heading, "一封信");
}

#[test]
fn a_bubble_and_a_heartbeat_can_be_inspected() {
    let (mut app, _) = app_on(copied("hello.ron"));
    for _ in 0..12 {
        press(&mut app, Control::Next);
    }
    let bubble = hits(&mut app)
        .into_iter()
        .find(|h| matches!(h, Hit::Inspect(Inspected::Bubble(1, _))))
        .expect("Han Meimei's bubble can be clicked");
    click(&mut app, bubble);
    let Hit::Inspect(thing) = bubble else {
        unreachable!()
    };
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let (heading, lines) = tools::inspect(told, play.at, thing, Lang::En, Register::Both);
    assert_eq!(heading, "A bubble on the screen");
    assert!(lines.iter().any(|(_, v)| v == "Hello!"), "{lines:?}");
    let kept = lines
        .iter()
        .find(|(f, _)| f == "copies kept in")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    assert!(kept.contains("home mailbox (Han Meimei)"), "{kept}");
    let (_, lines) = tools::inspect(
        told,
        play.at,
        Inspected::Heartbeat(0),
        Lang::En,
        Register::Both,
    );
    assert!(
        lines.iter().any(|(f, v)| f == "packet" && v == "heartbeat"),
        "{lines:?}"
    );
}

#[test]
fn a_duplicate_shows_what_the_phone_has_already_seen() {
    let (mut app, _) = app_on(copied("lost_ack.ron"));
    let mut found = None;
    for _ in 0..80 {
        press(&mut app, Control::Next);
        let (play, scene) = (
            app.world().resource::<Playback>(),
            app.world().resource::<OpenScene>(),
        );
        let lesson = &scene.told.as_ref().unwrap().lesson;
        let e = &lesson.trace()[lesson.beats()[play.at - 1].event()];
        if e.what == What::Duplicate {
            found = Some(e.msg.as_ref().unwrap().id);
            break;
        }
        if scene.at_end(play) {
            break;
        }
    }
    let id: MsgId = found.expect("lost_ack has a duplicate");
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let copy = LetterCopy {
        id,
        to: Some(postoffice::sim::DeviceIdx::main(HAN)),
    };
    let (_, lines) = tools::inspect(
        told,
        play.at,
        Inspected::Letter(copy),
        Lang::En,
        Register::Both,
    );
    let seen = lines
        .iter()
        .find(|(f, _)| f == "already seen by the phone")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no memory shown in {lines:?}"));
    assert!(
        seen.contains('[') && seen.contains(']'),
        "the number it matched: {seen}"
    );
    // Told as a story, the inspector says no technical word: not the letter's id
    // (lilei#1), not a packet code (msg:R), not "heartbeat", in either language.
    for lang in [Lang::En, Lang::Zh] {
        let mut all = Vec::new();
        all.extend(
            tools::inspect(
                told,
                play.at,
                Inspected::Letter(copy),
                lang,
                Register::Story,
            )
            .1,
        );
        all.extend(
            tools::inspect(
                told,
                play.at,
                Inspected::Heartbeat(0),
                lang,
                Register::Story,
            )
            .1,
        );
        let (heading, _) = tools::inspect(
            told,
            play.at,
            Inspected::Heartbeat(0),
            lang,
            Register::Story,
        );
        all.push((heading, String::new()));
        assert!(all.len() > 8, "the inspector says something: {all:?}");
        for (field, value) in &all {
            for text in [field, value] {
                let found = postoffice::words::glossary::technical_in(text, lang);
                assert!(
                    found.is_empty(),
                    "{lang:?} story inspector says {found:?} in “{text}”"
                );
                assert!(
                    !text.contains('#') || text.contains(" #"),
                    "an id in “{text}”"
                );
                assert!(!text.contains("lilei"), "an id in “{text}”");
            }
        }
    }
}

#[test]
fn ctrl_z_takes_back_the_last_change_but_not_while_typing() {
    let (mut app, window) = app_on(copied("hello.ron"));
    click(&mut app, Hit::Fault(Target::Office));
    choose(&mut app, Target::Office, "Close");
    click(&mut app, Hit::Fault(Target::Link(0)));
    choose(&mut app, Target::Link(0), "Cut");
    assert_eq!(live(&app).len(), 2);
    // Typing: Ctrl+Z is the text box's.
    key(&mut app, window, KeyCode::Tab, Key::Tab, false);
    frames(&mut app, 3);
    assert!(app.world().resource::<Panel>().typing);
    key(&mut app, window, KeyCode::ControlLeft, Key::Control, true);
    key(
        &mut app,
        window,
        KeyCode::KeyZ,
        Key::Character("z".into()),
        false,
    );
    release(&mut app, window, KeyCode::ControlLeft, Key::Control);
    frames(&mut app, 2);
    assert_eq!(live(&app).len(), 2, "typing keeps the lesson");
    key(&mut app, window, KeyCode::Escape, Key::Escape, false);
    frames(&mut app, 3);
    // Now Ctrl+Z takes back the cut, then the closing.
    for left in [1, 0] {
        key(&mut app, window, KeyCode::ControlLeft, Key::Control, true);
        key(
            &mut app,
            window,
            KeyCode::KeyZ,
            Key::Character("z".into()),
            false,
        );
        release(&mut app, window, KeyCode::ControlLeft, Key::Control);
        frames(&mut app, 2);
        assert_eq!(live(&app).len(), left);
    }
    assert_eq!(live(&app), Vec::new());
    // Nothing left: it says so and nothing breaks.
    press(&mut app, Control::Undo);
    let notice = app.world().resource::<OpenScene>().notice.clone().unwrap();
    assert!(notice.en.contains("Nothing"), "{notice:?}");
}

#[test]
fn a_closed_window_loses_nothing_the_lesson_is_offered_back() {
    let file = copied("hello.ron");
    let kept = tmp_dir("kept");
    {
        let (mut app, _) = app_keeping(file.clone(), Some(kept.clone()));
        click(&mut app, Hit::Fault(Target::Link(1)));
        choose(&mut app, Target::Link(1), "Cut");
        press(&mut app, Control::Next);
        // The window closes without saving.
    }
    let files: Vec<_> = std::fs::read_dir(&kept).unwrap().collect();
    assert_eq!(files.len(), 1, "one autosave, away from the scene");
    assert!(
        !file.with_file_name("hello-lesson-1.ron").exists(),
        "nothing written beside the scene"
    );
    // Opened again: offered, and Enter takes it back.
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    assert_eq!(
        app.world()
            .resource::<OpenScene>()
            .offer
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
    key(&mut app, window, KeyCode::Enter, Key::Enter, false);
    frames(&mut app, 3);
    assert_eq!(live(&app).len(), 1);
    assert_eq!(
        live(&app)[0].1,
        Action::LinkDown(postoffice::sim::DeviceIdx::main(HAN))
    );
    drop(app);
    // Esc sets it aside for good.
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    assert!(app.world().resource::<OpenScene>().offer.is_some());
    key(&mut app, window, KeyCode::Escape, Key::Escape, false);
    frames(&mut app, 3);
    assert!(live(&app).is_empty());
    drop(app);
    let (app, _) = app_keeping(file.clone(), Some(kept.clone()));
    assert!(app.world().resource::<OpenScene>().offer.is_none());
    drop(app);
    // An autosave of a scene whose text changed since is not offered.
    {
        let (mut app, _) = app_keeping(file.clone(), Some(kept.clone()));
        click(&mut app, Hit::Fault(Target::Office));
        choose(&mut app, Target::Office, "Close");
    }
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("// edited\n{text}")).unwrap();
    let (app, _) = app_keeping(file, Some(kept));
    assert!(app.world().resource::<OpenScene>().offer.is_none());
}

#[test]
fn play_runs_the_clock_between_beats_the_ring_fills_and_turns_offline() {
    let (mut app, _) = app_on(copied("tunnel.ron"));
    let heard = |app: &mut App| -> String {
        let mut q = app.world_mut().query::<(&HeardWords, &Words)>();
        q.iter(app.world())
            .filter(|(h, _)| h.0 == 1)
            .map(|(_, w)| w.0.en.to_string())
            .collect()
    };
    // The beat where Han Meimei's phone loses its network.
    press(&mut app, Control::Next);
    let start = app
        .world()
        .resource::<OpenScene>()
        .clock_ms(app.world().resource::<Playback>())
        .unwrap();
    press(&mut app, Control::PlayPause);
    // Playing: the beat stays on screen while the story's clock runs on.
    let mut clocks = Vec::new();
    let mut words = Vec::new();
    for _ in 0..60 {
        frames(&mut app, 5);
        let (play, scene) = (
            app.world().resource::<Playback>(),
            app.world().resource::<OpenScene>(),
        );
        if play.at != 1 {
            break;
        }
        clocks.push(scene.clock_ms(play).unwrap());
        words.push(heard(&mut app));
    }
    assert!(clocks.len() > 5, "the show waited on the beat: {clocks:?}");
    assert!(clocks.windows(2).all(|w| w[0] <= w[1]), "{clocks:?}");
    assert!(clocks.last().unwrap() - start > 3000.0, "{clocks:?}");
    let distinct: std::collections::BTreeSet<&String> = words.iter().collect();
    assert!(distinct.len() >= 3, "'last heard' counts up: {words:?}");
    // The next beat is the post office marking her offline; the ring says so.
    while app.world().resource::<Playback>().at < 2 {
        frames(&mut app, 5);
    }
    assert!(heard(&mut app).contains("offline"), "{}", heard(&mut app));
}

#[test]
fn a_tile_of_a_class_opens_its_phones_menu() {
    let (mut app, _) = app_on(copied("classroom.ron"));
    click(&mut app, Hit::Fault(Target::Phone(7)));
    assert_eq!(
        app.world().resource::<Tools>().menu.map(|m| m.0),
        Some(Target::Phone(7))
    );
    let menu = choices(&app, Target::Phone(7));
    assert!(!menu.is_empty());
}

#[test]
fn every_fault_is_reachable_from_the_panel_with_the_keyboard() {
    // Tab opens the panel; more Tabs walk its widgets; Space presses one. Some
    // number of Tabs reaches the "Change the story" fold; Space opens it; past its
    // target list (Tab) the next Tab reaches the first fault's button.
    fn live_after(tabs: usize) -> Vec<(u64, Action)> {
        let (mut app, window) = app_on(copied("hello.ron"));
        key(&mut app, window, KeyCode::Tab, Key::Tab, false);
        frames(&mut app, 3);
        for n in [tabs, 2] {
            for _ in 0..n {
                key(&mut app, window, KeyCode::Tab, Key::Tab, false);
                frames(&mut app, 2);
            }
            assert!(
                app.world().resource::<Panel>().keyboard,
                "the panel keeps the keyboard"
            );
            key(&mut app, window, KeyCode::Space, Key::Space, false);
            frames(&mut app, 3);
        }
        live(&app)
    }
    // The panel's switch of online dots comes before the faults: its choices
    // not in effect (pushed, pulled) are reached on the way.
    use postoffice::sim::Presence;
    let mut switches = Vec::new();
    // Up to 24: the read receipts switch (issue 25) comes before the faults too.
    let reached = (1..24).find_map(|tabs| {
        let mut live = Vec::new();
        for (_, a) in live_after(tabs) {
            match a {
                Action::SetPresence(p) => switches.push(p),
                a => live.push(a),
            }
        }
        (!live.is_empty()).then_some((tabs, live))
    });
    switches.sort_by_key(|p| format!("{p:?}"));
    switches.dedup();
    let (tabs, live) = reached.expect("a fault button is reachable with Tab and Space");
    assert_eq!(
        live,
        vec![Action::LinkDown(postoffice::sim::DeviceIdx(0))],
        "after {tabs} Tabs"
    );
    assert_eq!(
        switches,
        [Presence::Pull { every_ms: 10_000 }, Presence::Push],
        "the dots switch is reachable with Tab and Space"
    );
}

/// The number on the summary's line that starts with `what`.
fn count(timeline: &str, what: &str) -> u64 {
    timeline
        .lines()
        .find(|l| l.trim_start().starts_with(what))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {what:?} in the summary: {timeline}"))
}
