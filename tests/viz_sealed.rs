//! Sealed letters in the window (issue 28, `sealed: true`), without a renderer.
//! At every beat of scenes/sealed.ron: no words drawn at or near the post office
//! (its boxes, the envelopes resting or moving there, its card, the bundles of
//! its archive) hold a letter's words, in either language; every envelope the
//! view says is sealed is drawn sealed (its lock, its size), and no other; every
//! bubble a device cannot open is drawn locked with the words layer's "cannot
//! open", never the letter's words, and no other bubble is; each device shows its
//! key exactly while the view has it joined; the post office's card names the
//! letter at hand's writer, addressee, time and size and says it cannot see the
//! words, whole in every register and language. The inspector lists what the
//! post office can and cannot see of an envelope it holds, the words of an
//! opened bubble, and says a locked one cannot be opened; the diagram view's
//! sealed arrows carry "🔒 N bytes". The panel's switch "Letters travel sealed"
//! tells hello.ron again sealed (said, autosaved, saved as `sealed: true` and
//! replayed to the same story, the post office's card drawn) and Ctrl+Z takes it
//! back. A scene without sealing draws none of it.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::keyboard::Key;
use bevy::prelude::*;

use postoffice::sim::view::{Token, View};
use postoffice::sim::{DeviceIdx, EventKind, Lang, MsgId};
use postoffice::viz::{
    lang::{Register, Words},
    overlays::{sequence, tools},
    stage::bundles::{Bundle, SealedBundle},
    stage::layout::Layout,
    stage::parts::{Inspected, Module},
    stage::picture::{BubbleOf, LockedBubble},
    stage::seal::{KeyOf, OfficeCard, OfficeCardLine, at_hand, card_lines},
    stage::tokens::{SealedLook, Travel},
    story::model::Spot,
    story::show::{BeatShown, Control, OpenScene, Playback},
};

use headless::picture::{next_beat, open, picture};
use headless::{app_keeping, copied, frames, key, release};

/// Every word under `e` (both languages), its lines joined.
fn texts_under(app: &App, e: Entity, out: &mut Vec<String>) {
    if let Some(w) = app.world().get::<Words>(e) {
        out.push(w.0.en.replace('\n', " "));
        out.push(w.0.zh.replace('\n', ""));
    }
    if let Some(children) = app.world().get::<Children>(e) {
        for c in children.iter() {
            texts_under(app, c, out);
        }
    }
}

fn all<C: Component + Clone>(app: &mut App) -> Vec<(Entity, C)> {
    let mut q = app.world_mut().query::<(Entity, &C)>();
    q.iter(app.world()).map(|(e, c)| (e, c.clone())).collect()
}

fn has<C: Component>(app: &App, e: Entity) -> bool {
    app.world().get::<C>(e).is_some()
}

/// The words of every letter of the story, in both languages (as written).
fn letter_words(app: &App) -> Vec<String> {
    let scene = app.world().resource::<OpenScene>();
    let told = scene.told.as_ref().unwrap();
    let mut out: Vec<String> = told
        .lesson
        .trace()
        .iter()
        .filter(|e| e.what.kind() == EventKind::Edit)
        .filter_map(|e| e.msg.as_ref()?.text().cloned())
        .flat_map(|t| [t.en.to_string(), t.zh.to_string()])
        .collect();
    out.sort();
    out.dedup();
    assert!(!out.is_empty());
    out
}

/// Which of `words` one of `texts` holds.
fn leaked<'a>(texts: &[String], words: &'a [String]) -> Vec<&'a String> {
    words
        .iter()
        .filter(|w| texts.iter().any(|t| t.contains(w.as_str())))
        .collect()
}

const OFFICE: [Spot; 6] = [
    Spot::Counter,
    Spot::Register,
    Spot::Archive,
    Spot::Sorting,
    Spot::Shelf,
    Spot::Store,
];

/// What the test saw across the lesson.
#[derive(Default, Debug)]
struct Seen {
    beats: usize,
    sealed_on_wire: bool,
    sealed_at: Vec<Spot>,
    opened_envelope: bool,
    locked: Vec<(usize, MsgId)>,
    unlocked_later: bool,
    sealed_bundle: bool,
    card_with_letter: bool,
    keys_hidden: bool,
}

/// Whether envelope `travel` is sealed as the view says: the beat's moving one
/// by its move, a resting one where it rests.
fn view_sealed(view: &View, moving: Option<&postoffice::sim::view::Move>, t: &Travel) -> bool {
    let Some(copy) = t.letter else { return false };
    match moving.filter(|m| m.letter == copy && m.token == t.token && t.from != t.to) {
        Some(m) => view.move_sealed(m),
        None => view
            .envelopes
            .get(&copy)
            .is_some_and(|&place| view.looks_sealed(copy, place)),
    }
}

fn check_beat(app: &mut App, words: &[String], seen: &mut Seen) {
    frames(app, 2);
    let view = picture(app);
    let at = app.world().resource::<BeatShown>().at;
    let layout = app.world().resource::<Layout>().clone();
    let office = layout.office.body.inflate(4.0);
    seen.beats += 1;
    let moving = {
        let scene = app.world().resource::<OpenScene>();
        let play = app.world().resource::<Playback>();
        scene.beat(play).and_then(|b| b.moving)
    };
    // The post office's boxes and its card: never a letter's words.
    let mut near = Vec::new();
    for (e, m) in all::<Module>(app) {
        if OFFICE.contains(&m.0) {
            texts_under(app, e, &mut near);
        }
    }
    for (e, _) in all::<OfficeCard>(app) {
        texts_under(app, e, &mut near);
    }
    // What travels: sealed exactly where the view says; at or near the post
    // office, or sealed, no words.
    for (e, t) in all::<Travel>(app) {
        if !matches!(t.token, Token::Letter | Token::Returned(_)) {
            continue;
        }
        let sealed = view_sealed(&view, moving.as_ref(), &t);
        assert_eq!(
            has::<SealedLook>(app, e),
            sealed,
            "beat {at}: {t:?} drawn sealed as the view says"
        );
        let mut texts = Vec::new();
        texts_under(app, e, &mut texts);
        if sealed || office.contains(t.from) || office.contains(t.to) {
            assert!(
                leaked(&texts, words).is_empty(),
                "beat {at}: {t:?} shows {texts:?}"
            );
        }
        if sealed {
            let bytes = view.sealed[&t.letter.unwrap().id];
            assert!(
                texts.iter().any(|w| w == &format!("{bytes}\u{a0}bytes")),
                "beat {at}: a sealed envelope says its size: {texts:?}"
            );
            let spot_of = |p: Vec2| OFFICE.into_iter().find(|s| layout.room(*s).contains(p));
            if let Some(s) = spot_of(t.to)
                && !seen.sealed_at.contains(&s)
            {
                seen.sealed_at.push(s);
            }
            if !office.contains(t.to) && !office.contains(t.from) {
                seen.sealed_on_wire = true;
            }
        } else if t.letter.is_some_and(|c| view.is_sealed(c.id)) {
            seen.opened_envelope = true;
        }
    }
    for (e, b) in all::<Bundle>(app) {
        texts_under(app, e, &mut near);
        seen.sealed_bundle |= has::<SealedBundle>(app, e);
        assert_eq!(has::<SealedBundle>(app, e), b.sealed);
    }
    assert!(
        leaked(&near, words).is_empty(),
        "beat {at}: at the post office {near:?}"
    );
    // Bubbles: locked exactly where the device cannot open the letter.
    let locked_words = postoffice::words::window::locked_bubble();
    for (e, b) in all::<BubbleOf>(app) {
        let d = DeviceIdx(b.0 as u32);
        let cannot = view.cannot_open(d, b.1);
        assert_eq!(has::<LockedBubble>(app, e), cannot, "beat {at}: {b:?}");
        let mut texts = Vec::new();
        texts_under(app, e, &mut texts);
        if cannot {
            if !seen.locked.contains(&(b.0, b.1)) {
                seen.locked.push((b.0, b.1));
            }
            assert!(leaked(&texts, words).is_empty(), "beat {at}: {texts:?}");
            let said = |w: &str| {
                texts
                    .iter()
                    .any(|t| t.replace(' ', "") == w.replace(' ', ""))
            };
            assert!(
                said(&locked_words.en.replace('\n', " ")) && said(&locked_words.zh),
                "beat {at}: 'cannot open' on {b:?}: {texts:?}"
            );
        }
    }
    // A letter locked before, opened since (moved over from an older device):
    // its bubble, shown or scrolled away, is the letter's.
    for &(d, id) in &seen.locked {
        if view.phones[d].chat.iter().any(|b| b.id == id)
            && !view.cannot_open(DeviceIdx(d as u32), id)
        {
            seen.unlocked_later = true;
        }
    }
    // Keys: shown while joined.
    for (e, k) in all::<KeyOf>(app) {
        let joined = view.phones[k.0].joined;
        let shown = app.world().get::<Visibility>(e) != Some(&Visibility::Hidden);
        assert_eq!(shown, joined, "beat {at}: the key of device {}", k.0);
        seen.keys_hidden |= !joined;
    }
    assert_eq!(
        all::<KeyOf>(app).len(),
        view.phones.len(),
        "a key per device"
    );
    // The card: the letter at hand, or any letter; whole in every register.
    let hand = at_hand(&view, moving.as_ref());
    let mut lines = all::<OfficeCardLine>(app);
    lines.sort_by_key(|(_, l)| l.0);
    assert_eq!(lines.len(), 2, "beat {at}: the card's two lines");
    let shown: Vec<Words> = lines
        .iter()
        .map(|(e, _)| app.world().get::<Words>(*e).unwrap().clone())
        .collect();
    for reg in [Register::Story, Register::Both, Register::Engineer] {
        let scene = app.world().resource::<OpenScene>();
        let play = app.world().resource::<Playback>();
        let want = card_lines(scene, play, &layout, reg).expect("a card");
        for l in &want {
            for s in [&l.en, &l.zh] {
                assert!(!s.contains('…') && !s.is_empty(), "beat {at} {reg:?}: {s}");
            }
        }
        if reg == app.world().resource::<postoffice::viz::lang::Wording>().0 {
            assert_eq!(shown[0].0, want[0], "beat {at}");
            assert_eq!(shown[1].0, want[1], "beat {at}");
        }
    }
    if let Some(id) = hand {
        let sees = view.office_sees(id).unwrap();
        let (line, size) = (&shown[0].0, &shown[1].0);
        assert!(line.en.contains("Li Lei") || line.en.contains("Han Meimei"));
        assert!(
            size.en.contains(&format!("{}\u{a0}bytes", sees.bytes)),
            "{size:?}"
        );
        assert!(size.en.contains("not the"), "{size:?}");
        assert!(size.zh.contains("看不到"), "{size:?}");
        seen.card_with_letter = true;
    }
}

/// The inspector on `thing` at beat `shown`, in `lang` and `reg`.
fn inspected(app: &App, thing: Inspected, lang: Lang, reg: Register) -> Vec<(String, String)> {
    let scene = app.world().resource::<OpenScene>();
    let at = app.world().resource::<BeatShown>().at;
    tools::inspect(scene.told.as_ref().unwrap(), at, thing, lang, reg).1
}

#[test]
fn the_sealed_lesson_is_drawn_as_the_view_says() {
    let mut app = open("scenes/sealed.ron");
    let words = letter_words(&app);
    assert!(app.world().resource::<Layout>().office.card.is_some());
    let mut seen = Seen::default();
    let mut inspected_office = false;
    let mut inspected_locked = false;
    loop {
        check_beat(&mut app, &words, &mut seen);
        let view = picture(&app);
        // The inspector on a sealed envelope at the post office, and on a
        // locked bubble, in both languages and every register.
        for (copy, place) in view.envelopes.clone() {
            if !view.looks_sealed(copy, place) {
                continue;
            }
            for lang in [Lang::En, Lang::Zh] {
                for reg in [Register::Story, Register::Both, Register::Engineer] {
                    let lines = inspected(&app, Inspected::Letter(copy), lang, reg);
                    let all: Vec<String> = lines
                        .iter()
                        .flat_map(|(a, b)| [a.clone(), b.clone()])
                        .collect();
                    assert!(leaked(&all, &words).is_empty(), "{lines:?}");
                    let field = |f: &str| lines.iter().any(|(a, _)| a.contains(f));
                    match lang {
                        Lang::En => {
                            assert!(field("can see") || field("sees"), "{lines:?}");
                            assert!(field("cannot see"), "{lines:?}");
                            let text = lines.iter().find(|(f, _)| f == "text");
                            assert!(text.is_some_and(|(_, v)| v.starts_with('🔒')), "{lines:?}");
                            assert!(field("from") && field("to"), "{lines:?}");
                        }
                        Lang::Zh => assert!(field("看得到") && field("看不到"), "{lines:?}"),
                    }
                }
            }
            inspected_office = true;
        }
        for (d, p) in view.phones.iter().enumerate() {
            for b in &p.chat {
                let thing = Inspected::Bubble(d, b.id);
                let lines = inspected(&app, thing, Lang::En, Register::Story);
                let text = lines
                    .iter()
                    .find(|(f, _)| f == "text")
                    .map(|(_, v)| v.clone());
                if view.cannot_open(DeviceIdx(d as u32), b.id) {
                    let text = text.expect("a text line");
                    assert!(text.starts_with('🔒'), "{text}");
                    assert!(leaked(&[text], &words).is_empty());
                    inspected_locked = true;
                } else if !view.shows_notice(DeviceIdx(d as u32), b.id) {
                    let words_of = view.letters[&b.id].text().unwrap().en.to_string();
                    assert_eq!(text.as_deref(), Some(words_of.as_str()));
                }
            }
        }
        if !next_beat(&mut app) {
            break;
        }
    }
    assert!(seen.beats > 30, "{seen:?}");
    assert!(seen.sealed_on_wire, "{seen:?}");
    for s in [Spot::Counter, Spot::Register, Spot::Sorting, Spot::Shelf] {
        assert!(seen.sealed_at.contains(&s), "sealed at {s:?}: {seen:?}");
    }
    assert!(
        seen.opened_envelope,
        "an opened letter drawn with its words: {seen:?}"
    );
    assert!(!seen.locked.is_empty() && seen.unlocked_later, "{seen:?}");
    assert!(
        seen.sealed_bundle && seen.card_with_letter && seen.keys_hidden,
        "{seen:?}"
    );
    assert!(inspected_office && inspected_locked);
}

/// The diagram view labels a sealed letter's arrows with its lock and size,
/// never words; hello's arrows carry none.
#[test]
fn the_diagram_view_labels_sealed_arrows() {
    for (path, sealed) in [("scenes/sealed.ron", true), ("scenes/hello.ron", false)] {
        let mut app = open(path);
        let words = letter_words(&app);
        let scene = app.world_mut().resource_mut::<OpenScene>();
        let told = scene.told.as_ref().unwrap();
        let (_, arrows) = sequence::layout(told.lesson.trace(), told.phones());
        let letters: Vec<&sequence::Arrow> = arrows.iter().filter(|a| a.sealed.is_some()).collect();
        assert_eq!(!letters.is_empty(), sealed, "{path}");
        for a in &letters {
            if let Some(bytes) = a.sealed {
                for lang in [Lang::En, Lang::Zh] {
                    let label = sequence::sealed_label(bytes, lang);
                    assert!(label.starts_with('🔒') && label.contains(&bytes.to_string()));
                    assert!(leaked(&[label], &words).is_empty());
                }
            }
        }
    }
}

/// hello.ron (not sealed) draws none of it: no sealed envelope, key, locked
/// bubble or card, the layout as before.
#[test]
fn a_scene_without_sealing_draws_none_of_it() {
    let mut app = open("scenes/hello.ron");
    let layout = app.world().resource::<Layout>().clone();
    assert_eq!(layout.office.card, None);
    assert_eq!(layout.clone().with_office_card(false), layout);
    assert_ne!(layout.clone().with_office_card(true), layout);
    loop {
        frames(&mut app, 2);
        assert!(all::<KeyOf>(&mut app).is_empty());
        assert!(all::<OfficeCard>(&mut app).is_empty());
        let mut q = app.world_mut().query::<(&SealedLook,)>();
        assert_eq!(q.iter(app.world()).count(), 0);
        let mut q = app.world_mut().query::<(&LockedBubble,)>();
        assert_eq!(q.iter(app.world()).count(), 0);
        if !next_beat(&mut app) {
            break;
        }
    }
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

fn ctrl(app: &mut App, window: Entity, code: KeyCode, c: &str) {
    key(app, window, KeyCode::ControlLeft, Key::Control, true);
    key(app, window, code, Key::Character(c.into()), false);
    release(app, window, KeyCode::ControlLeft, Key::Control);
    frames(app, 40);
}

/// The switch in hello.ron: sealed from the start again, said in both
/// languages, autosaved; the picture gets the post office's card and sealed
/// envelopes; Ctrl+S writes `sealed: true` at the lesson's top and the saved
/// lesson replays the same story; Ctrl+Z takes it back. The panel is drawn
/// with it in every language and register.
#[test]
fn the_sealed_switch_tells_hello_again_sealed() {
    let file = copied("hello.ron");
    let dir = file.parent().unwrap().to_path_buf();
    let kept = dir.join("kept");
    let (mut app, window) = app_keeping(file.clone(), Some(kept.clone()));
    assert!(!settings(&app).sealed);
    headless::press(&mut app, Control::Sealed(true));
    assert!(settings(&app).sealed);
    assert_eq!(app.world().resource::<Playback>().at, 0);
    let n = notice(&app);
    assert!(
        n.en.starts_with("From the start again") && n.en.contains("WhatsApp"),
        "{n:?}"
    );
    assert!(
        n.zh.starts_with("从头再来") && n.zh.contains("WhatsApp"),
        "{n:?}"
    );
    frames(&mut app, 5);
    assert!(app.world().resource::<Layout>().office.card.is_some());
    assert_eq!(all::<OfficeCard>(&mut app).len(), 1, "the card drawn");
    let autosaved = std::fs::read_dir(&kept)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .next()
        .expect("an autosave");
    assert!(autosaved.contains("\n    sealed: true,"), "{autosaved}");
    // Every letter of the story now travels sealed.
    let trace = whole_trace(&mut app);
    assert!(
        trace
            .iter()
            .filter(|e| e.what.kind() == EventKind::Forward)
            .all(|e| e.msg.as_ref().is_some_and(|m| m.sealed().is_some()))
    );
    ctrl(&mut app, window, KeyCode::KeyS, "s");
    let text = std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap();
    assert!(text.contains("\n    sealed: true,"), "{text}");
    let back = postoffice::scenario::parse("saved.ron", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut sim = back.sim(None, true);
    sim.run();
    assert_eq!(
        sim.take_events(),
        trace,
        "the saved lesson tells the same story"
    );
    // Drawn, in every language and register.
    app.world_mut()
        .resource_mut::<postoffice::viz::control::panel::Panel>()
        .open = true;
    for lang in [Lang::En, Lang::Zh] {
        for reg in [Register::Both, Register::Engineer, Register::Story] {
            app.world_mut()
                .resource_mut::<postoffice::viz::lang::Language>()
                .0 = lang;
            app.world_mut()
                .resource_mut::<postoffice::viz::lang::Wording>()
                .0 = reg;
            frames(&mut app, 3);
        }
    }
    // Ctrl+Z: taken back, said; the card goes.
    ctrl(&mut app, window, KeyCode::KeyZ, "z");
    assert!(!settings(&app).sealed);
    let n = notice(&app);
    assert!(
        n.en.starts_with("Taken back. From the start again"),
        "{n:?}"
    );
    assert!(n.en.contains("WeChat"), "{n:?}");
    frames(&mut app, 5);
    assert!(app.world().resource::<Layout>().office.card.is_none());
    assert!(all::<OfficeCard>(&mut app).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}
