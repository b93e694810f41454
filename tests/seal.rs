//! Sealed letters (issue 28, `sealed: true`): the model's own checks.
//!
//! The post office holds only sealed letters: formatted whole (`{:?}`) at every
//! step of a run, its state has none of the words (the same scene unsealed
//! has them), nor has the push service; the events of the post office, the
//! network and the push service carry no words, in JSON (`sealed`, `bytes`, no
//! `text`) or in their sentences, in both languages and every register. A
//! device whose key was made before a letter was sealed opens it; one made
//! after (a new phone given the archive) cannot, and shows it locked;
//! `MoveChats` from an older device hands the words over. The lesson's switch
//! saves `sealed: true` and reads back to the same trace; bad input is located.

use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::report::json_lines;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::seal::bytes_of;
use postoffice::sim::view::View;
use postoffice::sim::{Actor, DeviceIdx, Event, EventKind, MsgId, Sim, Text, What};
use postoffice::words::Register;

mod common;
use common::scene::replay;

/// Li Lei, Han Meimei (with a new phone) and Lucy, all friends, in a group;
/// `top` at the top of the file.
fn scene(top: &str, script: &str, expect: &str) -> String {
    format!(
        r#"(
    title: "Sealed",
    {top}
    network: (latency_ms: (50, 50)),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [
        (id: "lilei", name: (en: "Li Lei", zh: "李雷")),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅"), devices: [(id: "han.new", kind: Phone)]),
        (id: "lucy", name: "Lucy"),
    ],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy"), ("hanmeimei", "lucy")],
    groups: [(id: "class", name: (en: "Class", zh: "班级"), members: ["lilei", "hanmeimei", "lucy"])],
    script: [
        {script}
    ],
    expect: [
        {expect}
    ],
)"#
    )
}

/// The words of the letters of [`STORY`], in both languages.
const WORDS: [(&str, &str); 4] = [
    ("Meet me at noon", "中午见"),
    ("The key is under the mat", "钥匙在垫子下面"),
    ("Class trip on Friday", "周五班级出游"),
    ("See you", "回头见"),
];

/// Letters to a person and to a group, one while her app is closed (the shelf,
/// a notification through the push service), then her new phone logs in with
/// the archive, and a letter after that.
const STORY: &str = r#"(at_ms: 0, do: Login("lilei")), (at_ms: 0, do: Login("hanmeimei")), (at_ms: 0, do: Login("lucy")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "Meet me at noon", zh: "中午见"))),
        (at_ms: 1500, do: CloseApp(user: "hanmeimei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "The key is under the mat", zh: "钥匙在垫子下面"))),
        (at_ms: 3000, do: SendGroup(from: "lucy", group: "class", text: (en: "Class trip on Friday", zh: "周五班级出游"))),
        (at_ms: 5000, do: OpenApp(user: "hanmeimei")),
        (at_ms: 8000, do: Login("han.new")),
        (at_ms: 10000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "See you", zh: "回头见"))),"#;

const TOP: &str = "keeps_history: true, notifications: Words,";

fn parse(text: &str) -> Scenario {
    scenario::parse("sealed.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn run(text: &str) -> (Scenario, Vec<Event>) {
    let scene = parse(text);
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (scene, events)
}

/// Which of [`WORDS`] (in either language) `s` contains.
fn words_in(s: &str) -> Vec<&'static str> {
    WORDS
        .iter()
        .flat_map(|&(en, zh)| [en, zh])
        .filter(|w| s.contains(w))
        .collect()
}

/// The id of the letter first written with these English words.
fn id_of(events: &[Event], words: &str) -> MsgId {
    events
        .iter()
        .filter(|e| e.what.kind() == EventKind::Edit)
        .filter_map(|e| e.msg.as_ref())
        .find(|m| m.text().is_some_and(|t| &*t.en == words))
        .map(|m| m.id)
        .unwrap_or_else(|| panic!("no letter {words:?}"))
}

/// Runs the scene step by step and gives, for each step, which words the post
/// office's and the push service's state show when formatted whole.
fn words_held_by_the_post_office(scene: &Scenario) -> Vec<&'static str> {
    let mut sim: Sim = scene.sim(None, true);
    let mut seen = Vec::new();
    loop {
        let state = format!("{:?}\n{:?}", sim.post_office(), sim.push_service());
        for w in words_in(&state) {
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        if !sim.step() {
            break;
        }
    }
    seen
}

#[test]
fn the_post_office_never_holds_the_words_of_a_sealed_letter() {
    let sealed = parse(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    assert!(sealed.settings.sealed);
    assert_eq!(words_held_by_the_post_office(&sealed), Vec::<&str>::new());
    // The same scene unsealed: its archive, shelf and notices hold every letter's
    // words (so the check above looks where the words would be).
    let open = parse(&scene(TOP, STORY, ""));
    let mut held = words_held_by_the_post_office(&open);
    held.sort();
    let mut all: Vec<&str> = WORDS.iter().flat_map(|&(en, zh)| [en, zh]).collect();
    all.sort();
    assert_eq!(held, all);
}

/// The events told from the post office's side: its own, the network's, the
/// push service's.
fn office_side(e: &Event) -> bool {
    matches!(
        e.actor,
        Actor::PostOffice | Actor::Network | Actor::PushService
    )
}

#[test]
fn the_post_offices_events_carry_no_words_in_json_nor_in_their_sentences() {
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let about_letters = events
        .iter()
        .filter(|e| office_side(e) && e.msg.is_some())
        .count();
    assert!(about_letters > 30, "{about_letters}");
    for e in events.iter().filter(|e| office_side(e)) {
        if let Some(m) = &e.msg {
            assert!(m.text().is_none(), "{e:?}");
            assert!(m.sealed().is_some(), "{e:?}");
        }
    }
    for reg in Register::ALL {
        let json = json_lines(&events, &sc.world, &sc.settings, reg);
        assert_eq!(json.lines().count(), events.len());
        for (line, e) in json.lines().zip(&events) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            if !office_side(e) {
                continue;
            }
            // No words: not in `text`, not in its sentences (`en`, `zh`).
            assert_eq!(words_in(line), Vec::<&str>::new(), "{reg:?}: {line}");
            assert!(
                v.get("text").is_none() && v.get("text_zh").is_none(),
                "{line}"
            );
            if let Some(m) = &e.msg {
                assert_eq!(v["sealed"], true, "{line}");
                let bytes = m.sealed().expect("sealed").bytes();
                assert_eq!(v["bytes"], bytes, "{line}");
            }
        }
    }
    // How big, from the words: both languages' UTF-8 bytes.
    let noon = id_of(&events, "Meet me at noon");
    let at_counter = events
        .iter()
        .find(|e| {
            e.what.kind() == EventKind::Receive && e.msg.as_ref().is_some_and(|m| m.id == noon)
        })
        .and_then(|e| e.msg.as_ref())
        .expect("the post office received it");
    let bytes = at_counter.sealed().expect("sealed").bytes();
    assert_eq!(bytes, ("Meet me at noon".len() + "中午见".len()) as u32);
    assert_eq!(bytes, bytes_of(&Text::new("Meet me at noon", "中午见")));
    // The phones' own events of a letter they opened still say its words.
    let json = json_lines(&events, &sc.world, &sc.settings, Register::Story);
    let shown_to_han = json
        .lines()
        .zip(&events)
        .find(|(_, e)| {
            e.actor == Actor::Phone(DeviceIdx(1))
                && e.what.kind() == EventKind::Display
                && e.msg.as_ref().is_some_and(|m| m.id == noon)
        })
        .map(|(l, _)| l)
        .expect("shown on her phone");
    assert!(
        shown_to_han.contains("\"text\":\"Meet me at noon\""),
        "{shown_to_han}"
    );
    // Unsealed, the post office's JSON has the words and no `sealed`.
    let (sc, events) = run(&scene(TOP, STORY, ""));
    let json = json_lines(&events, &sc.world, &sc.settings, Register::Story);
    assert!(!json.contains("\"sealed\""));
    assert!(
        json.lines().zip(&events).any(
            |(l, e)| e.actor == Actor::PostOffice && l.contains("\"text\":\"Meet me at noon\"")
        )
    );
}

#[test]
fn a_key_made_before_the_sealing_opens_the_letter_and_one_made_after_cannot() {
    let expect = r#"CannotOpen(device: "han.new", from: "lilei"),
        NotHolds(device: "han.new", text: "Meet me at noon"),
        Holds(device: "han.new", from: "lilei", text: "See you"),
        Holds(device: "hanmeimei", from: "lilei", text: "Meet me at noon"),
        Holds(device: "hanmeimei", from: "lucy", text: "Class trip on Friday"),
        Holds(device: "lucy", from: "lucy", text: "Class trip on Friday"),"#;
    let text = scene(&format!("sealed: true, {TOP}"), STORY, expect);
    let (sc, events) = run(&text);
    let outcomes = scenario::check(&sc.expect, &events, &sc.world);
    for o in &outcomes {
        assert!(o.holds, "{o:?}");
    }
    let new = sc.world.find_device("han.new").expect("her new phone");
    let (noon, mat, see) = (
        id_of(&events, "Meet me at noon"),
        id_of(&events, "The key is under the mat"),
        id_of(&events, "See you"),
    );
    // The archive's three letters for her came sealed before her new phone's
    // key was made: one event says so, naming them.
    let cannot: Vec<&Arc<[MsgId]>> = events
        .iter()
        .filter(|e| e.actor == Actor::Phone(new))
        .filter_map(|e| match &e.what {
            What::CannotOpen { letters } => Some(letters),
            _ => None,
        })
        .collect();
    assert_eq!(cannot.len(), 1, "once for the archive's batch");
    assert!(
        cannot[0].contains(&noon) && cannot[0].contains(&mat),
        "{cannot:?}"
    );
    assert!(!cannot[0].contains(&see));
    let view = View::of_trace(&sc.world, &events);
    let bubbles = &view.phone(new).expect("her new phone").chat;
    let locked = |id| bubbles.iter().find(|b| b.id == id).map(|b| b.locked);
    assert_eq!(locked(noon), Some(true));
    assert_eq!(locked(mat), Some(true));
    assert_eq!(locked(see), Some(false), "sealed after her key was made");
    assert!(view.cannot_open(new, noon) && !view.cannot_open(new, see));
    // Her old phone opened them all (its key is from before the story).
    let old = view.phone(DeviceIdx(1)).expect("her phone");
    assert!(old.chat.iter().all(|b| !b.locked));
    // The post office saw who, to whom, when and how big, never the words.
    let sees = view.office_sees(noon).expect("a letter");
    assert!(sees.sealed && sees.words.is_none());
    assert_eq!(
        sees.bytes,
        bytes_of(&Text::new("Meet me at noon", "中午见"))
    );
    // With the wrong expectation, the check says what happened instead.
    let wrong = scene(
        &format!("sealed: true, {TOP}"),
        STORY,
        r#"Holds(device: "han.new", from: "lilei", text: "Meet me at noon"), CannotOpen(device: "hanmeimei", from: "lilei"),"#,
    );
    let (sc, events) = run(&wrong);
    let outcomes = scenario::check(&sc.expect, &events, &sc.world);
    assert!(outcomes.iter().all(|o| !o.holds), "{outcomes:?}");
    let said: Vec<String> = outcomes
        .iter()
        .map(|o| postoffice::words::detail(&o.detail, &sc.world, postoffice::sim::Lang::En))
        .collect();
    assert!(said[0].contains("does not hold it"), "{said:?}");
    assert!(said[1].contains("opens all 3 letters it holds"), "{said:?}");
}

#[test]
fn moving_chats_from_the_old_phone_hands_the_words_to_the_new_one() {
    let moved = STORY.to_string()
        + r#"
        (at_ms: 12000, do: MoveChats(from: "hanmeimei", to: "han.new")),"#;
    let expect = r#"Holds(device: "han.new", from: "lilei", text: "Meet me at noon"),
        Holds(device: "han.new", from: "lucy", text: "Class trip on Friday"),"#;
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), &moved, expect));
    for o in scenario::check(&sc.expect, &events, &sc.world) {
        assert!(o.holds, "{o:?}");
    }
    let new = sc.world.find_device("han.new").expect("her new phone");
    let view = View::of_trace(&sc.world, &events);
    let p = view.phone(new).expect("her new phone");
    assert!(p.chat.iter().all(|b| !b.locked), "{:?}", p.chat);
    // Her home mailbox holds each letter once: the three the archive brought
    // (now opened) and the one after.
    assert_eq!(p.stored, 4);
    assert_eq!(p.chat.len(), 4);
    assert!(view.locked.iter().all(|&(d, _)| d != new));
    // Without the move it keeps them locked (the previous test), and the
    // move never went through the post office: it holds no more words.
    assert_eq!(
        words_held_by_the_post_office(&parse(&scene(&format!("sealed: true, {TOP}"), &moved, ""))),
        Vec::<&str>::new()
    );
}

#[test]
fn a_closed_apps_lock_screen_shows_the_words_the_phone_opened_itself() {
    let (_, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let mat = id_of(&events, "The key is under the mat");
    let about = |kind| {
        events
            .iter()
            .find(|e| e.what.kind() == kind && e.msg.as_ref().is_some_and(|m| m.id == mat))
            .unwrap_or_else(|| panic!("no {kind:?}"))
    };
    // The post office's notice through the push service is sealed...
    assert!(
        about(EventKind::Notify)
            .msg
            .as_ref()
            .unwrap()
            .sealed()
            .is_some()
    );
    // ...and her phone opened it with its key: its lock screen has the words.
    let shown = about(EventKind::Notified);
    assert_eq!(shown.actor, Actor::Phone(DeviceIdx(1)));
    let m = shown.msg.as_ref().unwrap();
    assert_eq!(&*m.text().expect("opened").en, "The key is under the mat");
}

#[test]
fn the_lessons_switch_saves_sealed_and_reads_back_to_the_same_trace() {
    let text = scene(TOP, STORY, "");
    let plain = Arc::new(parse(&text));
    let mut lesson = Lesson::new(plain.clone());
    lesson.finish();
    assert!(!lesson.sealed());
    let mut on = lesson.with_sealed(true).expect("not recorded");
    on.finish();
    assert!(on.sealed());
    assert!(
        on.trace()
            .iter()
            .any(|e| e.msg.as_ref().is_some_and(|m| m.sealed().is_some()))
    );
    assert_ne!(on.trace(), lesson.trace());
    let saved = on.text();
    assert!(saved.contains("\n    sealed: true,"), "{saved}");
    let back = replay("sealed-lesson.ron", &saved);
    assert_eq!(back, on.trace());
    let json =
        |events: &[Event]| json_lines(events, &plain.world, &on.scene().settings, Register::Both);
    assert_eq!(json(&back), json(on.trace()));
    // Switched back: the scene's own text and trace again.
    let mut off = on.with_sealed(false).expect("not recorded");
    off.finish();
    assert_eq!(off.trace(), lesson.trace());
    assert_eq!(off.text(), text);
}

#[test]
fn a_scene_without_sealing_keeps_every_letter_a_postcard() {
    let (_, events) = run(&scene(TOP, STORY, ""));
    assert!(
        events
            .iter()
            .filter_map(|e| e.msg.as_ref())
            .all(|m| m.sealed().is_none())
    );
    assert!(
        !events
            .iter()
            .any(|e| e.what.kind() == EventKind::CannotOpen)
    );
}

/// The error reading `text` gives (it must be refused).
fn refused(text: &str) -> String {
    match scenario::parse("sealed.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_input_is_located() {
    let text = scene("sealed: 1,", STORY, "");
    let err = refused(&text);
    assert!(err.contains("sealed.ron:3:"), "{err}");
    assert!(
        err.contains("sealed: found `1`; expected `true` or `false`"),
        "{err}"
    );
    let text = scene(
        "sealed: true,",
        STORY,
        r#"CannotOpen(device: "han.old", from: "lilei"),"#,
    );
    let err = refused(&text);
    assert!(err.contains("expect[0].device"), "{err}");
    assert!(err.contains("han.old"), "{err}");
    let text = scene(
        "sealed: true,",
        STORY,
        r#"CannotOpen(device: "han.new", from: "nobody"),"#,
    );
    let err = refused(&text);
    assert!(err.contains("expect[0].from"), "{err}");
}

/// The view, event by event: every envelope the post office side holds (the
/// counter, register, sorting desk, shelf, wires) is sealed where it rests; the
/// writer's own envelope on her screen or in her home mailbox is not; an
/// addressee's copy is not once her device opened it; what travels to or from
/// the post office's side is drawn sealed; the same scene unsealed has no
/// sealed envelope at all.
#[test]
fn the_view_says_where_an_envelope_is_sealed() {
    use postoffice::sim::view::Place;
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let mut view = View::of(&sc.world);
    let (mut office_side_seen, mut open_seen, mut moves_sealed) = (0, 0, 0);
    let new = sc.world.find_device("han.new").expect("her new phone");
    let noon = id_of(&events, "Meet me at noon");
    let mut locked_seen = 0;
    for e in &events {
        let moved = view.apply(e);
        // Her new phone's bubble of a letter sealed before its key: locked
        // from the moment it shows.
        for b in view.phone(new).expect("her new phone").chat.iter() {
            if b.id == noon {
                assert!(b.locked, "after {e:?}");
                locked_seen += 1;
            }
        }
        for (&copy, &place) in &view.envelopes {
            let sealed = view.copy_sealed(copy);
            match place {
                Place::Counter
                | Place::Register
                | Place::Sorting
                | Place::Shelf
                | Place::Wire(..) => {
                    assert!(sealed, "{copy:?} at {place:?} after {e:?}");
                    office_side_seen += 1;
                }
                Place::Screen(d) | Place::Mailbox(d) if copy.to.is_none() => {
                    assert_eq!(d, view.writer(copy.id));
                    assert!(!sealed, "{copy:?} at {place:?}");
                    open_seen += 1;
                }
                Place::Screen(d) | Place::Mailbox(d) | Place::Postman(d) if copy.to.is_some() => {
                    assert_eq!(
                        sealed,
                        view.cannot_open(d, copy.id),
                        "{copy:?} at {place:?}"
                    );
                }
                _ => {}
            }
        }
        if let Some(m) = moved.moving {
            let office = |p: Place| {
                matches!(
                    p,
                    Place::Counter
                        | Place::Register
                        | Place::Sorting
                        | Place::Shelf
                        | Place::Wire(..)
                )
            };
            if m.token == postoffice::sim::view::Token::Letter && (office(m.from) || office(m.to)) {
                assert!(view.move_sealed(&m), "{m:?}");
                moves_sealed += 1;
            }
        }
    }
    assert!(office_side_seen > 10 && open_seen > 5 && moves_sealed > 10 && locked_seen > 0);
    assert_eq!(view.sealed.len(), 4, "every letter travels sealed");
    // Unsealed: nothing is.
    let (sc, events) = run(&scene(TOP, STORY, ""));
    let view = View::of_trace(&sc.world, &events);
    assert!(view.sealed.is_empty() && view.locked.is_empty());
    let sees = view
        .office_sees(view.letters.keys().next().copied().unwrap())
        .unwrap();
    assert!(!sees.sealed && sees.words.is_some());
}

/// The recap says how many letters travelled sealed, how many the post office
/// could read and how many a device could not open: each number counted here
/// from the trace, apart from the words' own count.
#[test]
fn the_recap_counts_sealed_letters_from_the_story() {
    use postoffice::words::{Context, recap};
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let sealed: std::collections::BTreeSet<MsgId> = events
        .iter()
        .filter(|e| e.what.kind() == EventKind::Send)
        .filter_map(|e| e.msg.as_ref())
        .filter(|m| m.sealed().is_some())
        .map(|m| m.id)
        .collect();
    let read = events
        .iter()
        .filter(|e| office_side(e))
        .filter(|e| e.msg.as_ref().is_some_and(|m| m.text().is_some()))
        .count();
    let locked: usize = events
        .iter()
        .map(|e| match &e.what {
            What::CannotOpen { letters } => letters.len(),
            _ => 0,
        })
        .sum();
    assert_eq!((sealed.len(), read, locked), (4, 0, 3));
    let ctx = Context::new(&sc.world, &sc.settings, &events);
    let [_, _, way] = recap(&ctx, postoffice::sim::Lang::En, Register::Story);
    let want = format!(
        "Sealed letters: {} letters travelled sealed, the post office could read {read} of them \
         (it saw only who, to whom, when and how big) and a device whose key came later could \
         not open {locked} letters.",
        sealed.len()
    );
    assert!(way.contains(&want), "{way}");
    let [_, _, way] = recap(&ctx, postoffice::sim::Lang::Zh, Register::Engineer);
    for said in [
        "端到端加密：",
        "一路封着；服务器能解密的有 0 封",
        "密钥来得晚的设备解不开",
    ] {
        assert!(way.contains(said), "{said}: {way}");
    }
    // Unsealed: no word of it.
    let (sc, events) = run(&scene(TOP, STORY, ""));
    let ctx = Context::new(&sc.world, &sc.settings, &events);
    let [_, _, way] = recap(&ctx, postoffice::sim::Lang::En, Register::Story);
    assert!(!way.contains("sealed"), "{way}");
}

/// The handout: an arrow of a sealed letter is labelled with a lock and its
/// size, never its words; the margin's sentences of the post office's steps
/// say none either.
#[test]
fn the_diagram_labels_a_sealed_letter_with_a_lock_and_its_size() {
    use postoffice::report::diagram::{Options, svg};
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let o = Options {
        lang: postoffice::sim::Lang::En,
        register: Register::Story,
        settings: &sc.settings,
        heartbeats: false,
        title: "Sealed",
        subtitle: "",
    };
    let page = svg(&events, &sc.world, &o);
    let labels = page
        .split(r#"<g class="labels">"#)
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("the labels");
    let noon = bytes_of(&Text::new("Meet me at noon", "中午见"));
    assert!(
        labels.contains(&format!("letter 🔒 {noon} bytes #1")),
        "{labels}"
    );
    assert_eq!(words_in(labels), Vec::<&str>::new());
    // Unsealed: no lock on any label.
    let (sc, events) = run(&scene(TOP, STORY, ""));
    let o = Options {
        settings: &sc.settings,
        ..o
    };
    let page = svg(&events, &sc.world, &o);
    assert!(!page.contains('🔒'));
}

/// Every lesson scene told sealed (its other settings as written: recalls,
/// parcels, read receipts, groups, devices, notifications, lost frames and
/// retries): at no step (a crowd's: every 500th) does the post office's or the
/// push service's state hold a letter's words, and no event of theirs or of
/// the network carries them or says them. The scene's letters still reach
/// their screens, opened, and its expectations hold (but a new phone's hold on
/// the archive's letters, which it cannot open).
#[test]
fn every_lesson_scene_told_sealed_keeps_the_words_from_the_post_office() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenes");
    let files = scenario::scene_files(std::path::Path::new(dir)).expect("scenes/");
    assert!(files.len() > 20);
    for f in files {
        let mut scene = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
        scene.settings.sealed = true;
        let name = f.display().to_string();
        // The letters' words, as written (long enough not to be a name).
        let written = {
            let mut sim = scene.sim(None, true);
            sim.run();
            let events = sim.take_events();
            let mut w: Vec<String> = events
                .iter()
                .filter(|e| e.what.kind() == EventKind::Edit)
                .filter_map(|e| e.msg.as_ref().and_then(|m| m.text()))
                .flat_map(|t| [t.en.to_string(), t.zh.to_string()])
                .filter(|w| w.chars().count() >= 4)
                .collect();
            w.sort();
            w.dedup();
            for e in events.iter().filter(|e| office_side(e)) {
                if let Some(m) = &e.msg {
                    assert!(m.text().is_none(), "{name}: {e:?}");
                }
            }
            let opened = events.iter().any(|e| {
                e.what.kind() == EventKind::Display
                    && e.msg.as_ref().is_some_and(|m| m.text().is_some())
            });
            // Their sentences, in every register and both languages, say none
            // of the words either (a lesson-sized run's).
            if events.len() < 3000 {
                for reg in Register::ALL {
                    let json = json_lines(&events, &scene.world, &scene.settings, reg);
                    for (line, e) in json.lines().zip(&events) {
                        if office_side(e)
                            && let Some(w) = w.iter().find(|w| line.contains(w.as_str()))
                        {
                            panic!("{name}: {reg:?} says {w:?}: {line}");
                        }
                    }
                }
            }
            // Everything else keeps working: the scene's own expectations hold
            // sealed too, but where a new phone was to hold the archive's
            // letters, sealed before its key was made (the lesson of sealing).
            for o in scenario::check(&scene.expect, &events, &scene.world) {
                let new_phone_holds = matches!(
                    &o.expectation,
                    postoffice::scenario::Expectation::Holds { device, .. } if device == "hanmeimei.new"
                );
                let expected = name.ends_with("new_phone_history.ron") && new_phone_holds;
                assert_eq!(o.holds, !expected, "{name}: {o:?}");
            }
            let shown = events.iter().any(|e| e.what.kind() == EventKind::Display);
            assert!(!shown || opened, "{name}: no letter shown opened");
            (w, events.len())
        };
        let (written, events) = written;
        // Every step of a lesson-sized run; a crowd's (classroom, rush hour)
        // every 500th step and at its end.
        let mut sim = scene.sim(None, true);
        let mut more = true;
        while more {
            let every = if events < 3000 { 1 } else { 500 };
            more = sim.step();
            if more && sim.processed() % every != 0 {
                continue;
            }
            let state = format!("{:?}\n{:?}", sim.post_office(), sim.push_service());
            if let Some(w) = written.iter().find(|w| state.contains(w.as_str())) {
                panic!("{name}: the post office holds {w:?} at {}", sim.now());
            }
        }
    }
}

/// The inspector (the window's "look inside"): a sealed envelope at the post
/// office shows a lock and its size, and what the post office can and cannot
/// see; a bubble a device cannot open shows no words; the writer's own bubble
/// shows them.
#[test]
fn the_inspector_says_what_the_post_office_can_and_cannot_see() {
    use postoffice::sim::Lang;
    use postoffice::sim::view::{LetterCopy, Place};
    use postoffice::words::inspect::{Inspected, Story, inspect};
    let (sc, events) = run(&scene(&format!("sealed: true, {TOP}"), STORY, ""));
    let noon = id_of(&events, "Meet me at noon");
    let new = sc.world.find_device("han.new").expect("her new phone");
    let bytes = bytes_of(&Text::new("Meet me at noon", "中午见"));
    // The moment the post office holds it at its counter.
    let at_counter = events
        .iter()
        .position(|e| {
            e.what.kind() == EventKind::Receive && e.msg.as_ref().is_some_and(|m| m.id == noon)
        })
        .expect("received");
    let look = |upto: usize, thing: Inspected, lang: Lang| {
        let trace = &events[..=upto];
        let view = View::of_trace(&sc.world, trace);
        let story = Story {
            world: &sc.world,
            settings: &sc.settings,
            view: &view,
            trace,
        };
        inspect(&story, thing, lang, Register::Story).1
    };
    let copy = LetterCopy { id: noon, to: None };
    let view = View::of_trace(&sc.world, &events[..=at_counter]);
    assert_eq!(view.envelopes.get(&copy), Some(&Place::Counter));
    let lines = look(at_counter, Inspected::Letter(copy), Lang::En);
    let all = format!("{lines:?}");
    assert!(all.contains(&format!("🔒 sealed, {bytes} bytes")), "{all}");
    assert!(
        all.contains("who wrote it, to whom, when, and how big"),
        "{all}"
    );
    assert!(all.contains("the words: the letter is sealed"), "{all}");
    assert_eq!(words_in(&all), Vec::<&str>::new(), "{all}");
    let zh = format!("{:?}", look(at_counter, Inspected::Letter(copy), Lang::Zh));
    assert!(
        zh.contains("邮局看不到") && words_in(&zh).is_empty(),
        "{zh}"
    );
    // At the end: her new phone's bubble is locked, Li Lei's own shows the words.
    let end = events.len() - 1;
    let locked = format!("{:?}", look(end, Inspected::Bubble(new, noon), Lang::En));
    assert!(words_in(&locked).is_empty(), "{locked}");
    let own = format!(
        "{:?}",
        look(end, Inspected::Bubble(DeviceIdx(0), noon), Lang::En)
    );
    assert!(own.contains("Meet me at noon"), "{own}");
}
