//! Photos and voice messages in a live lesson, without a window (issue 26): the
//! class attaches a photo or a voice message to a letter it writes (a live `Send`
//! with `parcel:`, kept to the format's limits); the panel's two switches — the
//! parcel line's speed (`network: (bandwidth_kb_per_s:)`) and how long the parcel
//! store keeps a parcel (`parcels: (keep_ms:)`) — tell the story again and change
//! it; a saved lesson writes them plainly and replays the same trace, byte for
//! byte; Ctrl+Z takes back a switch as it takes back an action; the autosave keeps
//! the switches.

use std::sync::Arc;

use postoffice::lesson::parcels::{photo, voice};
use postoffice::lesson::{Lesson, Refused, TakenBack, autosave};
use postoffice::scenario::{self, Scenario};
use postoffice::sim::parcel::{MAX_BANDWIDTH, wire_ms};
use postoffice::sim::{Action, Dest, Event, GroupIdx, MsgId, Parcel, Text, Time, UserIdx, What};

mod common;
use common::scene::replay;

const LILEI: UserIdx = UserIdx(0);
const HAN: UserIdx = UserIdx(1);
const JIM: UserIdx = UserIdx(3);

fn scene_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(format!("{name}.ron"))
}

fn scene(name: &str) -> Arc<Scenario> {
    Arc::new(scenario::load(scene_file(name)).unwrap())
}

fn send(from: UserIdx, to: Dest, text: &str, parcel: Option<Parcel>) -> Action {
    Action::Send {
        from: postoffice::sim::DeviceIdx::main(from),
        to,
        text: Text::same(text),
        parcel,
    }
}

/// The lesson told to its end.
fn finished(mut lesson: Lesson) -> Lesson {
    lesson.finish();
    lesson
}

/// The saved lesson's text read back and run: its trace is the lesson's, event for
/// event, and as JSON Lines byte for byte.
fn replays(lesson: &Lesson) -> String {
    let text = lesson.text();
    let back = replay("parcels-lesson.ron", &text);
    assert_eq!(back, lesson.trace(), "{text}");
    let scene = lesson.scene();
    let json = |events: &[Event]| {
        postoffice::report::json_lines(
            events,
            &scene.world,
            &scene.settings,
            postoffice::words::Register::Both,
        )
    };
    assert_eq!(json(&back), json(lesson.trace()));
    text
}

/// The letter with these words (its first event names it).
fn letter(lesson: &Lesson, words: &str) -> MsgId {
    lesson
        .trace()
        .iter()
        .filter_map(|e| e.msg.as_ref())
        .find(|m| &*m.text().expect("words").en == words)
        .map(|m| m.id)
        .unwrap_or_else(|| panic!("no letter {words:?}"))
}

/// When the first event matching `what` about letter `id` happened.
fn when(lesson: &Lesson, id: MsgId, what: impl Fn(&What) -> bool) -> Option<Time> {
    lesson
        .trace()
        .iter()
        .find(|e| e.msg.as_ref().is_some_and(|m| m.id == id) && what(&e.what))
        .map(|e| e.at)
}

fn stored(w: &What) -> bool {
    matches!(w, What::ParcelStored { .. })
}

/// A photo the class sends in hello (a scene without parcels): uploaded, its
/// letter shown with the thumbnail, then the whole photo on Han Meimei's phone;
/// saved with its `parcel:`, read back to the same trace.
#[test]
fn a_live_photo_travels_and_the_saved_lesson_replays_it() {
    let mut lesson = Lesson::new(scene("hello"));
    lesson.extend(4);
    assert!(!lesson.has_parcels(), "hello has none");
    let at = lesson
        .inject(
            3,
            send(LILEI, Dest::User(HAN), "The kite", Some(photo(1200))),
        )
        .unwrap();
    assert!(lesson.has_parcels());
    let lesson = finished(lesson);
    let kite = letter(&lesson, "The kite");
    let view = lesson.view_after(lesson.beats().len());
    assert_eq!(
        view.parcel_shown
            .get(&(postoffice::sim::DeviceIdx::main(HAN), kite))
            .map(Vec::len),
        Some(1),
        "shown whole once"
    );
    let bubble = view
        .phone(postoffice::sim::DeviceIdx::main(HAN))
        .unwrap()
        .chat
        .iter()
        .find(|b| b.id == kite)
        .expect("the letter is on Han Meimei's screen");
    let look = bubble.parcel.expect("with its photo");
    assert_eq!((look.kb, look.parts, look.have), (1200, 5, 5));
    // No time on the wire in hello (no bandwidth): the parts take only the trip.
    let stored_at = when(&lesson, kite, stored).expect("stored");
    assert!(stored_at > at, "{stored_at} after {at}");
    let text = replays(&lesson);
    assert!(
        text.contains(&format!(
            "(at_ms: {at}, do: Send(from: \"lilei\", to: \"hanmeimei\", text: \"The kite\", id: \"class-1\", parcel: Photo(kb: 1200))),"
        )),
        "{text}"
    );
}

/// A voice message to the class group: 2 kB for each second, stored once and
/// fetched by each member; saved as `SendGroup` with `Voice(kb:, seconds:)`.
#[test]
fn a_live_voice_message_to_a_group_is_saved_as_written() {
    let mut lesson = Lesson::new(scene("parcels"));
    lesson.extend(6);
    lesson
        .inject(
            5,
            send(LILEI, Dest::Group(GroupIdx(0)), "Listen", Some(voice(12))),
        )
        .unwrap();
    let lesson = finished(lesson);
    let listen = letter(&lesson, "Listen");
    let view = lesson.view_after(lesson.beats().len());
    let store = view.parcels.get(&listen).expect("in the parcel store");
    assert_eq!(store.kb, 24, "12 seconds at 2 kB a second");
    for member in [HAN, UserIdx(2)] {
        assert_eq!(
            view.parcel_shown
                .get(&(postoffice::sim::DeviceIdx::main(member), listen))
                .map(Vec::len),
            Some(1)
        );
    }
    let text = replays(&lesson);
    assert!(
        text.contains("SendGroup(from: \"lilei\", group: \"class1\", text: \"Listen\", id: \"class-1\", parcel: Voice(kb: 24, seconds: 12))"),
        "{text}"
    );
}

/// The parcel line's speed changes when the parts arrive: "My kite" (1,200 kB)
/// is in the store later on a slower line, never before its parts' time on the
/// wire; the words written after it (at 1.5 s) reach Han Meimei within a second
/// whatever the speed (letters do not wait for the line), before the photo is in
/// the store on any line slower than 4G's 500 kB/s... and on 4G too.
#[test]
fn the_bandwidth_switch_changes_when_the_parts_arrive() {
    let plain = finished(Lesson::new(scene("parcels")));
    let kite = letter(&plain, "My kite");
    let words = letter(&plain, "Look at my kite!");
    let shown = |l: &Lesson, id| when(l, id, |w| matches!(w, What::Display { .. })).expect("shown");
    let mut last = 0;
    for bw in [None, Some(5000), Some(500), Some(200), Some(50)] {
        let lesson = finished(plain.with_bandwidth(bw).unwrap());
        assert_eq!(lesson.scene().settings.network.bandwidth_kb_per_s, bw);
        let sent = when(&lesson, kite, |w| matches!(w, What::Upload { .. })).unwrap();
        let at = when(&lesson, kite, stored).expect("the kite is stored");
        assert!(
            at >= sent + wire_ms(1200, bw),
            "{bw:?}: stored at {at}, sent at {sent}"
        );
        assert!(at > last, "{bw:?}: {at} not after {last}");
        last = at;
        let words_at = shown(&lesson, words);
        assert!(words_at < 2500, "{bw:?}: the words shown at {words_at}");
        if bw.is_some_and(|bw| bw <= 500) {
            assert!(words_at < at, "{bw:?}: the words overtake the photo");
        }
        if bw == Some(200) {
            assert_eq!(lesson.trace(), plain.trace(), "the scene's own speed");
        }
    }
    // Saved: the speed inside `network:`, its latency and loss kept.
    let slow = finished(plain.with_bandwidth(Some(50)).unwrap());
    let text = replays(&slow);
    assert!(
        text.contains("network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 50),"),
        "{text}"
    );
    let none = finished(plain.with_bandwidth(None).unwrap());
    let text = replays(&none);
    assert!(
        text.contains("network: (latency_ms: (40, 120), loss: 0.0, ),"),
        "{text}"
    );
    assert!(!text.contains("bandwidth_kb_per_s"), "{text}");
}

/// How long the parcel store keeps a parcel: the scene's minute throws Jim's
/// photo out before he asks for it (expired); for ever or a day, he sees it.
#[test]
fn the_keeping_switch_decides_whether_jims_photo_expires() {
    let plain = finished(Lesson::new(scene("parcels")));
    assert_eq!(plain.scene().settings.parcels.keep_ms, Some(60_000));
    let team = letter(&plain, "Our team photo");
    let expired = |l: &Lesson| {
        l.trace()
            .iter()
            .any(|e| matches!(e.what, What::ParcelExpired { .. }))
    };
    let seen_by_jim = |l: &Lesson| {
        let view = l.view_after(l.beats().len());
        view.parcel_shown
            .get(&(postoffice::sim::DeviceIdx::main(JIM), team))
            .map_or(0, Vec::len)
    };
    assert!(expired(&plain));
    assert_eq!(seen_by_jim(&plain), 0);
    for keep in [None, Some(86_400_000)] {
        let lesson = finished(plain.with_keep(keep).unwrap());
        assert!(!expired(&lesson), "{keep:?}");
        assert_eq!(seen_by_jim(&lesson), 1, "{keep:?}");
        let text = replays(&lesson);
        match keep {
            None => assert!(text.contains("parcels: (part_kb: 256, ),"), "{text}"),
            Some(ms) => assert!(
                text.contains(&format!("parcels: (part_kb: 256, keep_ms: {ms}),")),
                "{text}"
            ),
        }
    }
    // Ten seconds: expired sooner, still the photo that is thrown out.
    let short = finished(plain.with_keep(Some(10_000)).unwrap());
    let at = |l: &Lesson| {
        l.trace()
            .iter()
            .find(|e| matches!(e.what, What::ParcelExpired { .. }))
            .map(|e| e.at)
            .unwrap()
    };
    assert!(at(&short) < at(&plain));
    replays(&short);
}

/// A scene without `network:` or `parcels:` blocks gets them added at its top, a
/// multi-line block gets the field on a line of its own, and a switch back is the
/// scene's own text again.
#[test]
fn switches_are_written_where_the_text_has_no_such_field() {
    let text = r#"// A scene written over several lines.
(
    title: "Blocks",
    seed: 5,
    network: (
        latency_ms: (40, 120), // a city
        loss: 0.0
    ),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: "A tree", parcel: Photo(kb: 700))),
    ],
)"#;
    let blocks = common::scene::parse("blocks.ron", text);
    let lesson = finished(Lesson::new(blocks));
    assert_eq!(lesson.text(), text, "nothing switched: the text as written");
    let switched = finished(
        lesson
            .with_bandwidth(Some(500))
            .unwrap()
            .with_keep(Some(60_000))
            .unwrap(),
    );
    let saved = replays(&switched);
    assert!(
        saved.contains("        loss: 0.0,\n        bandwidth_kb_per_s: 500,\n    ),"),
        "{saved}"
    );
    assert!(saved.contains("    parcels: (keep_ms: 60000),"), "{saved}");
    assert!(saved.contains("// a city"), "{saved}");
    // Switched back: the scene's own text.
    let back = switched
        .with_bandwidth(None)
        .unwrap()
        .with_keep(None)
        .unwrap();
    assert_eq!(back.text(), text);
    // One line: the field after the last one.
    let one = finished(
        Lesson::new(scene("hello"))
            .with_bandwidth(Some(5000))
            .unwrap(),
    );
    let saved = replays(&one);
    assert!(
        saved.contains("network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 5000),"),
        "{saved}"
    );
}

/// A scene with parcels saved unchanged is its own text; saved with a class's
/// letter it keeps every parcel field as written (`parcel:`, `parcels:`,
/// `bandwidth_kb_per_s`).
#[test]
fn a_scene_with_parcels_keeps_its_parcel_fields() {
    let source = std::fs::read_to_string(scene_file("parcels")).unwrap();
    let lesson = finished(Lesson::new(scene("parcels")));
    assert_eq!(lesson.text(), source);
    let mut lesson = Lesson::new(scene("parcels"));
    lesson.extend(3);
    lesson
        .inject(2, send(HAN, Dest::User(LILEI), "Nice!", None))
        .unwrap();
    let lesson = finished(lesson);
    let text = replays(&lesson);
    for kept in [
        "network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 200),",
        "parcels: (part_kb: 256, keep_ms: 60000),",
        "parcel: Photo(kb: 1200)",
        "parcel: Voice(kb: 24, seconds: 12)",
    ] {
        assert!(text.contains(kept), "{kept} in\n{text}");
    }
}

/// Ctrl+Z takes the class's changes back, the last first: a switch (the story
/// told again with the settings before it, the photo kept), then the photo; then
/// nothing. The story is the plain one again.
#[test]
fn ctrl_z_takes_back_a_switch_and_a_photo() {
    let plain = finished(Lesson::new(scene("hello")));
    let mut lesson = Lesson::new(scene("hello"));
    lesson.extend(4);
    lesson
        .inject(
            3,
            send(LILEI, Dest::User(HAN), "The kite", Some(photo(300))),
        )
        .unwrap();
    let mut lesson = lesson.with_bandwidth(Some(50)).unwrap();
    lesson.finish();
    let with_photo_slow = lesson.trace().to_vec();
    match lesson.take_back(5) {
        Some(TakenBack::Switch { was, now }) => {
            assert_eq!(was.network.bandwidth_kb_per_s, Some(50));
            assert_eq!(now.network.bandwidth_kb_per_s, None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lesson.scene().settings.network.bandwidth_kb_per_s, None);
    assert_eq!(lesson.live().len(), 1, "the photo stays");
    lesson.finish();
    assert_ne!(lesson.trace(), &with_photo_slow[..]);
    let kite = letter(&lesson, "The kite");
    assert!(when(&lesson, kite, stored).is_some());
    match lesson.take_back(5) {
        Some(TakenBack::Action((_, a))) => {
            assert!(postoffice::lesson::parcels::carries_parcel(&a), "{a:?}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lesson.take_back(5), None, "nothing left");
    lesson.finish();
    assert_eq!(lesson.trace(), plain.trace());
    assert_eq!(lesson.text(), plain.text());
}

/// Bad input is refused with its reason, never a panic: a parcel of no size, a
/// voice message of no length or over an hour, too many parts; a switch past
/// the format's limits; any of it in a recorded story. Each refusal is worded in
/// both languages.
#[test]
fn bad_parcels_and_switches_are_refused() {
    let mut lesson = Lesson::new(scene("hello"));
    lesson.extend(4);
    let to_han = |p| send(LILEI, Dest::User(HAN), "x", Some(p));
    for bad in [
        photo(0),
        voice(0),
        voice(3601),
        photo(postoffice::sim::parcel::MAX_PARCEL_KB + 1),
    ] {
        assert_eq!(
            lesson.inject(3, to_han(bad)),
            Err(Refused::BadParcel),
            "{bad:?}"
        );
        assert_eq!(
            lesson.set_live(vec![(1001, to_han(bad))]),
            Err(Refused::BadParcel)
        );
    }
    // Parts: at most 10,000 of `part_kb`.
    let tiny = common::scene::parse(
        "tiny.ron",
        r#"(
    title: "Tiny parts",
    parcels: (part_kb: 1),
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei")],
    friends: [("lilei", "hanmeimei")],
    script: [(at_ms: 0, do: Login("lilei")), (at_ms: 0, do: Login("hanmeimei")), (at_ms: 100, do: Send(from: "lilei", to: "hanmeimei", text: "hi"))],
)"#,
    );
    let mut tiny = Lesson::new(tiny);
    tiny.extend(2);
    assert_eq!(
        tiny.inject(1, to_han(photo(10_001))),
        Err(Refused::BadParcel)
    );
    assert!(tiny.inject(1, to_han(photo(10_000))).is_ok());
    assert!(lesson.live().is_empty(), "nothing added");
    assert_eq!(
        lesson.with_bandwidth(Some(0)).err(),
        Some(Refused::Bandwidth)
    );
    assert_eq!(
        lesson.with_bandwidth(Some(MAX_BANDWIDTH + 1)).err(),
        Some(Refused::Bandwidth)
    );
    assert!(lesson.with_bandwidth(Some(MAX_BANDWIDTH)).is_ok());
    assert_eq!(lesson.with_keep(Some(0)).err(), Some(Refused::KeepMs));
    assert_eq!(
        lesson
            .with_keep(Some(postoffice::scenario::MAX_MS + 1))
            .err(),
        Some(Refused::KeepMs)
    );
    // A recorded story: refused as any live action is.
    let mut crowd = Lesson::recorded(scene("rush_hour"), 10);
    assert_eq!(crowd.inject(2, to_han(photo(300))), Err(Refused::Recorded));
    assert_eq!(
        crowd.with_bandwidth(Some(50)).err(),
        Some(Refused::Recorded)
    );
    assert_eq!(crowd.with_keep(None).err(), Some(Refused::Recorded));
    assert!(crowd.live().is_empty());
    for why in [Refused::BadParcel, Refused::Bandwidth, Refused::KeepMs] {
        let en = postoffice::words::act::refused(&why, postoffice::sim::Lang::En);
        let zh = postoffice::words::act::refused(&why, postoffice::sim::Lang::Zh);
        assert!(en.starts_with("Not added: "), "{en}");
        assert!(zh.starts_with("没有加入："), "{zh}");
    }
    // The words' numbers are the format's limits.
    let en = postoffice::words::act::refused(&Refused::Bandwidth, postoffice::sim::Lang::En);
    assert!(en.contains("10,000,000"), "{en}");
    assert_eq!(MAX_BANDWIDTH, 10_000_000);
    let en = postoffice::words::act::refused(&Refused::BadParcel, postoffice::sim::Lang::En);
    assert!(
        en.contains("1,000,000 kilobytes") && en.contains("10,000 parts"),
        "{en}"
    );
    assert_eq!(postoffice::sim::parcel::MAX_PARCEL_KB, 1_000_000);
    assert_eq!(postoffice::sim::parcel::MAX_PARTS, 10_000);
    assert_eq!(postoffice::sim::parcel::MAX_VOICE_SECONDS, 3_600);
}

/// The autosave keeps a switch even without any action, and reads it back: the
/// lesson restored with it tells the same story.
#[test]
fn the_autosave_keeps_the_switches() {
    let dir = common::scratch("lesson-parcels-autosave");
    let kept = dir.join("kept");
    let path = dir.join("parcels.ron");
    std::fs::copy(scene_file("parcels"), &path).unwrap();
    let scene = Arc::new(scenario::load(&path).unwrap());
    let switched = Lesson::new(scene.clone()).with_keep(None).unwrap();
    autosave::save(Some(&kept), &path, switched.scene(), switched.live()).unwrap();
    assert_eq!(
        autosave::load(Some(&kept), &path, &scene).unwrap(),
        None,
        "no action"
    );
    let back = autosave::load_kept(Some(&kept), &path, &scene)
        .unwrap()
        .expect("kept");
    assert!(back.live.is_empty());
    let settings = back.settings.expect("the switch");
    assert_eq!(settings.parcels.keep_ms, None);
    assert_eq!(settings.parcels.part_kb, 256);
    assert_eq!(settings.network.bandwidth_kb_per_s, Some(200));
    let mut restored = Lesson::new(scene.clone())
        .with_settings(|s| *s = *settings)
        .unwrap();
    restored.finish();
    let switched = finished(switched);
    assert_eq!(restored.trace(), switched.trace());
    // Switched back: nothing to keep, the autosave goes.
    let plain = switched.with_keep(Some(60_000)).unwrap();
    autosave::save(Some(&kept), &path, plain.scene(), plain.live()).unwrap();
    assert_eq!(
        autosave::load_kept(Some(&kept), &path, &scene).unwrap(),
        None
    );
}
