//! Issue 28's invariant: with `sealed: true` a letter's words appear in nothing
//! the post office holds or prints.
//!
//! For the lesson (scenes/sealed.ron) and for random sealed scenes (three
//! people with up to two more devices each, joining late, logging in and out,
//! tunnels, loss, the app closed with notifications on, a group whose members
//! join and leave, photos,
//! recalls, taps on ❗, `MoveChats`, with and without `keeps_history`), for
//! every letter's words (both languages, each non-empty):
//!
//! - none is in the post office's state nor in the push service's, formatted
//!   whole (`{:?}`), every few steps of the run and at its end;
//! - none is in the JSON of an event whose actor is the post office, the
//!   network or the push service, nor in those events' sentences, in all three
//!   registers (each JSON line has the sentence in English and in Chinese);
//! - every copy on that side is sealed.
//!
//! The check can fail: the same scenes without `sealed: true` show the words
//! of every letter the post office accepted in its state and in its events'
//! JSON (asserted).
//!
//! Who can open, counted from the trace: a device whose key was made at or
//! before a letter was sealed (a main phone: from the start; another device:
//! at its first login attempt) holds it opened; a device whose key is newer
//! holds it locked, unless another device of its owner handed it over
//! (`MoveChats`): after a move, the new device holds opened every letter the
//! old one held opened and knew the post office's number of. The view's locks
//! agree with the phones' own home mailboxes.

use std::collections::{BTreeMap, BTreeSet};

use postoffice::report::json_lines;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::view::View;
use postoffice::sim::{Actor, DeviceIdx, Event, EventKind, MsgId, Time, UserIdx, What};
use postoffice::words::Register;

/// The events told from the post office's side: its own, the network's, the
/// push service's.
fn office_side(actor: Actor) -> bool {
    matches!(
        actor,
        Actor::PostOffice | Actor::Network | Actor::PushService
    )
}

/// Every letter's words, from the writing phones' own copies (step 1), both
/// languages: (id, English, Chinese).
fn words_of(events: &[Event]) -> Vec<(MsgId, String, String)> {
    let mut out: Vec<(MsgId, String, String)> = Vec::new();
    for e in events.iter().filter(|e| e.what.kind() == EventKind::Edit) {
        let m = e.msg.as_ref().expect("a letter");
        let t = m.text().expect("the writer's own copy has the words");
        if !out.iter().any(|(id, _, _)| *id == m.id) {
            out.push((m.id, t.en.to_string(), t.zh.to_string()));
        }
    }
    for (_, en, zh) in &out {
        assert!(!en.is_empty() && !zh.is_empty(), "{en:?} {zh:?}");
    }
    out
}

/// Which letters' words (either language) `s` contains.
fn found_in(s: &str, words: &[(MsgId, String, String)]) -> BTreeSet<MsgId> {
    words
        .iter()
        .filter(|(_, en, zh)| s.contains(en.as_str()) || s.contains(zh.as_str()))
        .map(|(id, _, _)| *id)
        .collect()
}

/// The run of `scene`, step by step: its events, and the letters whose words
/// the post office's or the push service's state showed, formatted whole, at
/// some look (every `every` steps, and at the end); also those it shows at the
/// end, and how many looks there were.
struct Watched {
    events: Vec<Event>,
    ever: BTreeSet<MsgId>,
    at_end: BTreeSet<MsgId>,
    end_state: String,
    looks: usize,
    /// The letters the phones' home mailboxes hold sealed at the end, per device.
    cannot_open: BTreeMap<DeviceIdx, BTreeSet<MsgId>>,
}

fn watch(scene: &Scenario, every: usize) -> Watched {
    // The words are known only once written: run once to learn them.
    let mut sim = scene.sim(None, true);
    assert!(sim.run_at_most(2_000_000), "the run ends");
    let words = words_of(&sim.take_events());
    let mut sim = scene.sim(None, true);
    let (mut ever, mut looks, mut steps) = (BTreeSet::new(), 0, 0);
    let state =
        |sim: &postoffice::sim::Sim| format!("{:?}\n{:?}", sim.post_office(), sim.push_service());
    loop {
        if steps % every == 0 {
            ever.extend(found_in(&state(&sim), &words));
            looks += 1;
        }
        steps += 1;
        if !sim.step() {
            break;
        }
        assert!(steps < 2_000_000, "the run ends");
    }
    let end_state = state(&sim);
    let at_end = found_in(&end_state, &words);
    ever.extend(at_end.iter().copied());
    let cannot_open = (0..scene.world.device_count() as u32)
        .map(DeviceIdx)
        .map(|d| (d, sim.phone(d).cannot_open().into_iter().collect()))
        .collect();
    Watched {
        events: sim.take_events(),
        ever,
        at_end,
        end_state,
        looks: looks + 1,
        cannot_open,
    }
}

/// The letters whose words are in the JSON of a post office, network or push
/// service event (its fields or its sentences), in any register; and whether
/// every such event about a letter says `sealed: true` with no `text`.
fn office_json(scene: &Scenario, events: &[Event]) -> (BTreeSet<MsgId>, bool) {
    let words = words_of(events);
    let (mut seen, mut all_sealed) = (BTreeSet::new(), true);
    for reg in Register::ALL {
        let json = json_lines(events, &scene.world, &scene.settings, reg);
        assert_eq!(json.lines().count(), events.len());
        for (line, e) in json.lines().zip(events) {
            if !office_side(e.actor) {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            // The sentences, looked at on their own too (the whole line has them).
            let sentences = format!("{}\n{}", v["en"], v["zh"]);
            assert!(!v["en"].as_str().unwrap_or("").is_empty(), "{line}");
            seen.extend(found_in(line, &words));
            seen.extend(found_in(&sentences, &words));
            if e.msg.is_some() {
                all_sealed &= v["sealed"] == true && v.get("text").is_none();
            }
        }
    }
    (seen, all_sealed)
}

/// What the post office accepted and kept in its archive (step 5, not torn up
/// by a recall).
fn archived(events: &[Event], view: &View) -> BTreeSet<MsgId> {
    events
        .iter()
        .filter(|e| e.actor == Actor::PostOffice && e.what.kind() == EventKind::Verify)
        .filter_map(|e| e.msg.as_ref().map(|m| m.id))
        .filter(|id| !view.recalls.get(id).is_some_and(|r| r.archive_torn))
        .collect()
}

/// How often each side of "who can open" was seen.
#[derive(Clone, Copy, Debug, Default)]
struct Opened {
    /// A copy held by a device whose key is older than the seal: opened.
    before: usize,
    /// A copy held by a device whose key is newer, never moved into: locked.
    after: usize,
    /// A letter its device could not open from the post office, opened after
    /// a move.
    moved: usize,
    /// A group letter held by a member who joined after it was sealed: locked.
    not_theirs: usize,
}

/// Checks who can open what, from the trace; counts what it checked.
fn who_opens(scene: &Scenario, w: &Watched) -> Result<Opened, String> {
    let world = &scene.world;
    let events = &w.events;
    let devices: Vec<DeviceIdx> = (0..world.device_count() as u32).map(DeviceIdx).collect();
    // When each device made its key: a main phone before the story, another
    // device at its first login attempt.
    let key: BTreeMap<DeviceIdx, Time> = devices
        .iter()
        .filter_map(|&d| {
            let first = events
                .iter()
                .find(|e| e.actor == Actor::Phone(d) && e.what.kind() == EventKind::LoginAttempt)
                .map(|e| e.at);
            match world.is_main(d) {
                true => Some((d, 0)),
                false => first.map(|t| (d, t)),
            }
        })
        .collect();
    // When each letter was sealed (a letter sent again may be sealed again),
    // and for whom.
    let mut seals: BTreeMap<MsgId, (Time, Time, Vec<UserIdx>)> = BTreeMap::new();
    for m in events.iter().filter_map(|e| e.msg.as_ref()) {
        if let Some(s) = m.sealed() {
            let at = s.sealed_at();
            let e = seals.entry(m.id).or_insert((at, at, s.people().to_vec()));
            e.0 = e.0.min(at);
            e.1 = e.1.max(at);
            if e.2 != s.people() {
                return Err(format!(
                    "{:?} sealed for {:?} and {:?}",
                    m.id,
                    e.2,
                    s.people()
                ));
            }
        }
    }
    let written: BTreeMap<MsgId, Time> = events
        .iter()
        .filter(|e| e.what.kind() == EventKind::Edit)
        .filter_map(|e| e.msg.as_ref().map(|m| (m.id, e.at)))
        .collect();
    for (id, (first, _, people)) in &seals {
        if written.get(id).is_none_or(|w| w > first) {
            return Err(format!("{id:?} sealed at {first} before it was written"));
        }
        if !people.contains(&id.from) {
            return Err(format!("{id:?} not sealed for its writer: {people:?}"));
        }
    }
    // Replay the view; at each move, what the old device held opened.
    let mut view = View::of(world);
    let mut handed: Vec<(DeviceIdx, BTreeSet<MsgId>)> = Vec::new();
    let mut moved_into = BTreeSet::new();
    for e in events {
        if let (Actor::Phone(to), What::ChatsMoved { from, .. }) = (e.actor, &e.what) {
            let old = view.phone(*from).expect("a device");
            let opened = old
                .chat
                .iter()
                .filter(|b| !b.locked && !view.shows_notice(*from, b.id))
                // Moved: those whose number the old device knows (one still
                // on its way is not: docs/scenario-format.md, `MoveChats`).
                .filter(|b| b.place > 0)
                .map(|b| b.id)
                .collect();
            handed.push((to, opened));
            moved_into.insert(to);
        }
        view.apply(e);
    }
    let recalled = |id: &MsgId| {
        view.recalls
            .get(id)
            .is_some_and(|r| r.answer == Some(Ok(())))
    };
    let mut n = Opened::default();
    for &d in &devices {
        let p = view.phone(d).expect("a device");
        // A recalled letter's bubble shows the notice, locked or not (the
        // phone's own list counts the bubble of a letter recalled before it
        // arrived, whose record is the recall's sealed copy): both sides
        // without the notices.
        let locked: BTreeSet<MsgId> = p
            .chat
            .iter()
            .filter(|b| b.locked && !view.shows_notice(d, b.id))
            .map(|b| b.id)
            .collect();
        let phone: BTreeSet<MsgId> = w.cannot_open[&d]
            .iter()
            .copied()
            .filter(|id| !view.shows_notice(d, *id))
            .collect();
        if locked != phone {
            return Err(format!(
                "{d:?}: the view has {locked:?} locked, the phone {:?}",
                w.cannot_open[&d]
            ));
        }
        for b in p.chat.iter().filter(|b| !view.shows_notice(d, b.id)) {
            let id = b.id;
            if view.writer(id) == d {
                if b.locked {
                    return Err(format!("{d:?} cannot open its own {id:?}"));
                }
                continue;
            }
            let Some((first, last, people)) = seals.get(&id) else {
                return Err(format!("{d:?} holds {id:?}, which never went out sealed"));
            };
            if !people.contains(&world.owner(d)) {
                // A member who joined the group after the writer sealed it
                // (the post office addresses the members as it accepts).
                if !b.locked {
                    return Err(format!("{d:?} opened {id:?}, not sealed for its owner"));
                }
                n.not_theirs += 1;
                continue;
            }
            match key.get(&d) {
                Some(k) if k <= first => {
                    if b.locked {
                        return Err(format!(
                            "{d:?} (key {k}) cannot open {id:?}, sealed at {first}"
                        ));
                    }
                    n.before += 1;
                }
                Some(k) if k > last && !moved_into.contains(&d) => {
                    if !b.locked {
                        return Err(format!("{d:?} (key {k}) opened {id:?}, sealed at {last}"));
                    }
                    n.after += 1;
                }
                Some(_) => {}
                None if !moved_into.contains(&d) => {
                    return Err(format!("{d:?} holds {id:?} but never made its key"));
                }
                None => {}
            }
        }
    }
    for (to, opened) in &handed {
        let p = view.phone(*to).expect("a device");
        for id in opened.iter().filter(|id| !recalled(id)) {
            match p.chat.iter().find(|b| b.id == *id) {
                Some(b) if !b.locked => {
                    let newer = key
                        .get(to)
                        .is_none_or(|k| seals.get(id).is_some_and(|s| *k > s.1));
                    if newer && view.writer(*id) != *to {
                        n.moved += 1;
                    }
                }
                Some(_) => return Err(format!("{to:?} holds the moved {id:?} locked")),
                None => return Err(format!("{to:?} lacks the moved {id:?}")),
            }
        }
    }
    Ok(n)
}

/// What the invariant found in one scene, sealed, and the same scene unsealed.
#[derive(Clone, Copy, Debug, Default)]
struct Found {
    letters: usize,
    archived: usize,
    looks: usize,
    office_events: usize,
    opened: Opened,
}

/// The invariant on `text` (a scene with `    sealed: true,\n`), and the same
/// scene without it, which must show the words where the sealed one has none.
fn invariant(text: &str, every: usize) -> Result<Found, String> {
    let sealed = scenario::parse("sealed.ron", text.as_bytes()).map_err(|e| format!("{e}"))?;
    if !sealed.settings.sealed {
        return Err("not sealed".into());
    }
    let w = watch(&sealed, every);
    let words = words_of(&w.events);
    if !w.ever.is_empty() {
        return Err(format!(
            "the post office's state held the words of {:?}",
            w.ever
        ));
    }
    let (json_words, all_sealed) = office_json(&sealed, &w.events);
    if !json_words.is_empty() || !all_sealed {
        return Err(format!(
            "the post office side's JSON: words of {json_words:?}, all sealed: {all_sealed}"
        ));
    }
    let office_events = w
        .events
        .iter()
        .filter(|e| office_side(e.actor) && e.msg.is_some())
        .count();
    for e in w.events.iter().filter(|e| office_side(e.actor)) {
        if let Some(m) = &e.msg
            && (m.text().is_some() || m.sealed().is_none())
        {
            return Err(format!("an open copy on the post office's side: {e:?}"));
        }
    }
    let opened = who_opens(&sealed, &w)?;
    // The same scene unsealed: the post office holds and prints the words of
    // every letter it accepted and did not tear up.
    let open_text = text.replacen("    sealed: true,\n", "", 1);
    let open = scenario::parse("open.ron", open_text.as_bytes()).map_err(|e| format!("{e}"))?;
    if open.settings.sealed {
        return Err("still sealed".into());
    }
    let u = watch(&open, every);
    let view = View::of_trace(&open.world, &u.events);
    let kept = archived(&u.events, &view);
    if !kept.is_subset(&u.at_end) {
        return Err(format!(
            "unsealed, the archive should show {kept:?}, shows {:?}:\n{}",
            u.at_end, u.end_state
        ));
    }
    let (open_json, open_sealed) = office_json(&open, &u.events);
    if !kept.is_subset(&open_json) || (open_sealed && !kept.is_empty()) {
        return Err(format!(
            "unsealed, the JSON should show {kept:?}, shows {open_json:?}"
        ));
    }
    // The sealed run's archive holds the same letters, sealed: the check
    // above looked where they are.
    let sealed_kept = archived(&w.events, &View::of_trace(&sealed.world, &w.events));
    if w.end_state.matches("sealed, ").count() < sealed_kept.len() {
        return Err(format!("the sealed archive: {}", w.end_state));
    }
    Ok(Found {
        letters: words.len(),
        archived: kept.len(),
        looks: w.looks,
        office_events,
        opened,
    })
}

#[test]
fn the_lessons_post_office_never_holds_nor_prints_the_words() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenes/sealed.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let f = invariant(&text, 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((f.letters, f.archived), (2, 2), "{f:?}");
    assert!(f.looks > 100 && f.office_events > 15, "{f:?}");
    // Her old phone opened Li Lei's letter, Li Lei's phone and her old phone
    // her answer from the new phone; the new phone could not open the
    // archive's letter, and could after the move.
    assert_eq!(f.opened.before, 3, "{f:?}");
    assert_eq!(f.opened.moved, 1, "{f:?}");
    // The move unlocked the only letter it could not open: none locked at the end.
    assert_eq!(f.opened.after, 0, "{f:?}");
    // Before the move, it was locked: the lesson without its move.
    let cut = text.replace(
        "        (at_ms: 12000, do: MoveChats(from: \"hanmeimei\", to: \"hanmeimei.new\")),\n",
        "",
    );
    assert_ne!(cut, text);
    let f = invariant(&cut, 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((f.opened.after, f.opened.moved), (1, 0), "{f:?}");
}

/// The lesson's facts, one by one: what the post office saw of the letter (who,
/// to whom, when, how big), the lock screen opened by the phone, the new
/// phone's lock, and the words after the move.
#[test]
fn the_lesson_tells_what_the_post_office_sees_and_who_opens() {
    let scene = scenario::load("scenes/sealed.ron").unwrap();
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let world = &scene.world;
    let new = world.find_device("hanmeimei.new").unwrap();
    let old = world.find_device("hanmeimei").unwrap();
    let view = View::of_trace(world, &events);
    let library = view
        .find(None, |t| &*t.en == "Meet at the library at three?")
        .next()
        .expect("the letter");
    let sees = view.office_sees(library).expect("the post office saw it");
    assert!(sees.sealed && sees.words.is_none());
    assert_eq!(
        sees.bytes as usize,
        "Meet at the library at three?".len() + "三点在图书馆见？".len()
    );
    // The lock screen: the push service carried it sealed; her phone opened it.
    let notice = events
        .iter()
        .find(|e| e.what.kind() == EventKind::Notify)
        .expect("a note");
    assert!(notice.msg.as_ref().unwrap().sealed().is_some());
    let shown = events
        .iter()
        .find(|e| e.what.kind() == EventKind::Notified)
        .expect("the lock screen lit");
    assert_eq!(shown.actor, Actor::Phone(old));
    assert_eq!(
        shown.msg.as_ref().unwrap().text().map(|t| t.en.to_string()),
        Some("Meet at the library at three?".to_string())
    );
    // The new phone: one letter it cannot open, at its first login; opened by
    // the move at 12 s.
    let cannot: Vec<(Time, &[MsgId])> = events
        .iter()
        .filter(|e| e.actor == Actor::Phone(new))
        .filter_map(|e| match &e.what {
            What::CannotOpen { letters } => Some((e.at, &letters[..])),
            _ => None,
        })
        .collect();
    assert_eq!(cannot.len(), 1, "{cannot:?}");
    assert_eq!(cannot[0].1, [library]);
    assert!(cannot[0].0 > 9000 && cannot[0].0 < 12000, "{cannot:?}");
    let mut at_12s = View::of(world);
    for e in events.iter().take_while(|e| e.at < 12000) {
        at_12s.apply(e);
    }
    assert!(at_12s.cannot_open(new, library));
    assert!(!view.cannot_open(new, library));
    assert!(view.locked.is_empty());
    // Every phone ends holding both letters opened.
    for d in [DeviceIdx(0), old, new] {
        let p = view.phone(d).unwrap();
        assert_eq!(p.chat.len(), 2, "{d:?}");
        assert!(p.chat.iter().all(|b| !b.locked), "{d:?}");
    }
}

/// Three people with up to two more devices each (phones or computers), a
/// group of all three; `history` for `keeps_history`, `notes` for
/// `notifications:`.
fn random_scene(
    extra: &[usize],
    history: bool,
    notes: &str,
    seed: u64,
    script: &[String],
) -> String {
    let users: String = (0..3)
        .map(|p| {
            let ds: String = (1..=extra[p])
                .map(|k| {
                    let kind = if k == 1 { "Phone" } else { "Computer" };
                    format!(r#"(id: "u{p}.d{k}", kind: {kind}),"#)
                })
                .collect();
            format!(r#"(id: "u{p}", devices: [{ds}]),"#)
        })
        .collect();
    format!(
        r#"(
    title: "Random sealed",
    seed: {seed},
    sealed: true,
    keeps_history: {history},
    notifications: {notes},
    network: (latency_ms: (20, 150)),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 2000, grace_ms: 1500, max_retries: 2),
    users: [{users}],
    friends: [("u0", "u1"), ("u0", "u2"), ("u1", "u2")],
    groups: [(id: "g", name: "G", members: ["u0", "u1", "u2"])],
    script: [
        {}
    ],
)"#,
        script.join("\n        ")
    )
}

mod random {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[derive(Clone, Debug)]
    pub struct Case {
        extra: Vec<usize>,
        history: bool,
        notes: u8,
        seed: u64,
        /// (gap ms, what, person, device, other person or device or letter, loss)
        steps: Vec<(u64, u8, usize, usize, usize, u8)>,
    }

    pub fn case() -> impl Strategy<Value = Case> {
        (
            proptest::collection::vec(0..3usize, 3),
            any::<bool>(),
            0..3u8,
            any::<u64>(),
            proptest::collection::vec(
                (
                    0..3000u64,
                    0..15u8,
                    0..3usize,
                    0..3usize,
                    0..8usize,
                    0..30u8,
                ),
                0..30,
            ),
        )
            .prop_map(|(extra, history, notes, seed, steps)| Case {
                extra,
                history,
                notes,
                seed,
                steps,
            })
    }

    /// An app's state as the script has it (a `CloseApp` needs an open app, an
    /// `OpenApp` a closed one, and a closed app is neither logged in nor out).
    #[derive(Clone, Copy, PartialEq)]
    enum App {
        Out,
        Open,
        Closed,
    }

    /// The case as a scene file.
    pub fn text(c: &Case) -> String {
        let dev = |p: usize, k: usize| match k % (c.extra[p] + 1) {
            0 => format!("u{p}"),
            k => format!("u{p}.d{k}"),
        };
        let mut app: BTreeMap<String, App> = BTreeMap::new();
        for p in 0..3 {
            for k in 0..=c.extra[p] {
                app.insert(dev(p, k), if k == 0 { App::Open } else { App::Out });
            }
        }
        let mut lines: Vec<String> = (0..3)
            .map(|p| format!(r#"(at_ms: 0, do: Login("u{p}")),"#))
            .collect();
        let (mut at, mut letters) = (0, Vec::new());
        let mut member = [true; 3];
        for (i, &(gap, what, p, k, q, loss)) in c.steps.iter().enumerate() {
            at += gap;
            let d = dev(p, k);
            let words = format!(r#"(en: "Zebra{i}q", zh: "斑马{i}号")"#);
            let state = app[&d];
            let earlier = (!letters.is_empty()).then(|| &letters[q % letters.len()]);
            let a = match what {
                0 | 1 => {
                    let to = (p + 1 + q % 2) % 3;
                    letters.push(format!("Zebra{i}q"));
                    format!(r#"Send(from: "{d}", to: "u{to}", text: {words})"#)
                }
                2 => {
                    let to = (p + 1 + q % 2) % 3;
                    letters.push(format!("Zebra{i}q"));
                    format!(
                        r#"Send(from: "{d}", to: "u{to}", text: {words}, parcel: Photo(kb: 300))"#
                    )
                }
                3 => {
                    letters.push(format!("Zebra{i}q"));
                    format!(r#"SendGroup(from: "{d}", group: "g", text: {words})"#)
                }
                4 if state != App::Closed => {
                    app.insert(d.clone(), App::Open);
                    format!(r#"Login("{d}")"#)
                }
                5 if state != App::Closed => {
                    app.insert(d.clone(), App::Out);
                    format!(r#"Logout("{d}")"#)
                }
                6 => format!(r#"LinkDown("{d}")"#),
                7 => format!(r#"LinkUp("{d}")"#),
                8 => format!(r#"SetLoss(user: "{d}", loss: 0.{loss:02})"#),
                9 if state == App::Open => {
                    app.insert(d.clone(), App::Closed);
                    format!(r#"CloseApp(user: "{d}")"#)
                }
                10 if state == App::Closed => {
                    app.insert(d.clone(), App::Open);
                    format!(r#"OpenApp(user: "{d}")"#)
                }
                11 if dev(p, q) != d => format!(r#"MoveChats(from: "{}", to: "{d}")"#, dev(p, q)),
                12 if earlier.is_some() => format!(r#"Recall(letter: "{}")"#, earlier.unwrap()),
                13 if earlier.is_some() => format!(r#"Resend(letter: "{}")"#, earlier.unwrap()),
                14 => {
                    member[p] = !member[p];
                    let act = if member[p] { "Join" } else { "Leave" };
                    format!(r#"{act}(user: "u{p}", group: "g")"#)
                }
                _ => continue,
            };
            lines.push(format!("(at_ms: {at}, do: {a}),"));
        }
        // A quiet end: every device back, its app open, without loss.
        let end = at + 1000;
        for (d, state) in &app {
            lines.push(format!(
                r#"(at_ms: {end}, do: SetLoss(user: "{d}", loss: 0.0)),"#
            ));
            lines.push(format!(r#"(at_ms: {end}, do: LinkUp("{d}")),"#));
            let back = match state {
                App::Closed => "OpenApp(user:",
                _ => "Login(",
            };
            lines.push(format!(r#"(at_ms: {end}, do: {back} "{d}")),"#));
        }
        let notes = ["Off", "Words", "NameOnly"][c.notes as usize];
        random_scene(&c.extra, c.history, notes, c.seed, &lines)
    }

    proptest! {
        // 64 cases unless PROPTEST_CASES says.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
            ..ProptestConfig::default()
        })]

        #[test]
        fn a_sealed_post_office_never_holds_nor_prints_the_words(c in case()) {
            let src = text(&c);
            if let Err(e) = invariant(&src, 16) {
                prop_assert!(false, "{}\n{}", e, src);
            }
        }
    }

    /// The property looks at something: over a fixed sample of cases, letters
    /// were archived (and shown by the unsealed post office), opened by devices
    /// older than their seal, locked on newer ones, and opened after a move.
    #[test]
    fn the_random_scenes_exercise_every_side() {
        let mut runner = TestRunner::deterministic();
        let mut total = Found::default();
        for _ in 0..48 {
            let c = case().new_tree(&mut runner).unwrap().current();
            let f = invariant(&text(&c), 16).unwrap_or_else(|e| panic!("{e}\n{}", text(&c)));
            total.letters += f.letters;
            total.archived += f.archived;
            total.office_events += f.office_events;
            total.opened.before += f.opened.before;
            total.opened.after += f.opened.after;
            total.opened.moved += f.opened.moved;
            total.opened.not_theirs += f.opened.not_theirs;
        }
        let o = total.opened;
        assert!(
            total.archived > 100 && total.office_events > 1000,
            "{total:?}"
        );
        assert!(o.before > 100 && o.after > 20 && o.moved > 0, "{total:?}");
    }
}
