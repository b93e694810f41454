//! A class on screen, without a renderer: the tiles of `classroom.ron` show what
//! the phones show (each its newest bubble, the sender's with the ticks the
//! simulation gives it), a group letter's copies land tile by tile, and every beat
//! of a group letter says its step — in a class (a live lesson) and in a crowd too
//! large to change (a recorded story).
#![cfg(feature = "viz")]

mod headless;

use std::collections::BTreeSet;

use bevy::prelude::*;
use headless::{app_on, frames, scene, tmp_dir};

use postoffice::sim::{Dest, MsgId, Status, UserIdx, What};
use postoffice::viz::{
    self,
    lang::Words,
    stage::crowd::{TileLight, TileName, TileStatus, TileText, TileWords},
    stage::layout::Layout,
    story::show::{Control, OpenScene, Playback},
};

/// The first group letter of the story, after telling it far enough for the whole
/// of that letter: its id, its words, and the beats about it (counted from 1).
fn group_letter(app: &mut App) -> (MsgId, String, Vec<usize>) {
    let mut scene = app.world_mut().resource_mut::<OpenScene>();
    let told = scene.told.as_mut().unwrap();
    told.reach(1200);
    let lesson = &told.lesson;
    let letter = lesson
        .trace()
        .iter()
        .find_map(|e| match (&e.what, &e.msg) {
            (What::Edit { .. }, Some(m)) if matches!(m.to, Dest::Group(_)) => Some(m.clone()),
            _ => None,
        })
        .expect("the class writes to its group");
    let beats = lesson
        .beats()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.letter == Some(letter.id))
        .map(|(k, _)| k + 1)
        .collect();
    (
        letter.id,
        letter.text().expect("words").en.to_string(),
        beats,
    )
}

fn jump(app: &mut App, k: usize) {
    app.world_mut().write_message(Control::JumpTo(k));
    frames(app, 3);
    assert_eq!(app.world().resource::<Playback>().at, k);
}

/// What each tile's bubble says now: (words, ticks or stamp), by tile.
fn tile_words(app: &mut App) -> Vec<(usize, String, Option<String>)> {
    let mut texts = app
        .world_mut()
        .query::<(&TileText, &Text, Option<&Children>)>();
    let mut spans = app.world_mut().query::<(&TileStatus, &TextSpan)>();
    let mut out: Vec<(usize, String, Option<String>)> = texts
        .iter(app.world())
        .map(|(t, text, children)| {
            let status = children
                .into_iter()
                .flat_map(|c| c.iter())
                .find_map(|c| spans.get(app.world(), c).ok())
                .map(|(_, s)| s.0.trim().to_string());
            // (A bubble on two lines is broken where its words fit: read it as
            // one line of words.)
            (t.0, text.0.replace('\n', " "), status)
        })
        .collect();
    out.sort();
    out
}

/// What the sender's phone writes after its own bubble, for a status of the
/// simulation: ✓ when the post office has it, ✓✓ when everyone has it.
fn marks(status: Status) -> &'static str {
    match status {
        Status::Sending | Status::Waiting => "…",
        Status::Posted => "✓",
        Status::Delivered { count, of } if count >= of => "✓✓",
        Status::Delivered { .. } => "✓",
        Status::Returned(_) => "Returned",
        Status::Lost => "not sent",
        Status::Received => "",
    }
}

/// Every tile agrees with the simulation's view after the beat on screen: its
/// newest bubble's words (whole, or cut with "…"), and the ticks of the phone's
/// own letter.
fn tiles_match_the_view(app: &mut App) {
    let drawn = tile_words(app);
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let told = scene.told.as_ref().unwrap();
    let view = told.lesson.view_after(play.at);
    let mut expected = Vec::new();
    for (i, phone) in view.phones.iter().enumerate() {
        let Some(b) = phone.chat.last() else {
            continue;
        };
        let text = view.letters[&b.id].text().expect("words").en.to_string();
        let own = b.id.from == UserIdx(i as u32);
        expected.push((i, text, own.then(|| marks(b.status).to_string())));
    }
    assert_eq!(drawn.len(), expected.len(), "a bubble per phone with one");
    for ((i, words, status), (j, text, mark)) in drawn.iter().zip(&expected) {
        assert_eq!(i, j);
        let whole = words == text;
        let cut = words
            .strip_suffix('…')
            .is_some_and(|w| !w.is_empty() && text.starts_with(w));
        assert!(whole || cut, "tile {i} shows {words:?}, the phone {text:?}");
        assert_eq!(status, mark, "tile {i}'s ticks ({text:?})");
    }
}

/// Which tiles are lit now.
fn lit_tiles(app: &mut App) -> BTreeSet<usize> {
    let mut q = app.world_mut().query::<(&TileLight, &Visibility)>();
    q.iter(app.world())
        .filter(|(_, v)| **v != Visibility::Hidden)
        .map(|(l, _)| l.0)
        .collect()
}

#[test]
fn a_class_group_letter_lands_tile_by_tile_and_the_sender_sees_the_ticks() {
    let (mut app, _) = app_on(scene("classroom.ron"));
    assert!(app.world().resource::<Layout>().tile_words);
    let (id, text, beats) = group_letter(&mut app);
    assert!(beats.len() > 100, "{} beats", beats.len());
    let (members, sender) = {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        let m = lesson
            .trace()
            .iter()
            .find_map(|e| e.msg.as_ref().filter(|m| m.id == id))
            .unwrap();
        let Dest::Group(g) = m.to else {
            panic!("a group letter")
        };
        let members: BTreeSet<usize> = lesson
            .scene()
            .world
            .group(g)
            .members
            .iter()
            .map(|u| u.index())
            .filter(|&u| u != id.from.index())
            .collect();
        (members, id.from.index())
    };
    assert!(members.len() >= 12, "{members:?}");

    let mut landed = BTreeSet::new();
    let mut sender_marks: Vec<String> = Vec::new();
    for &k in &beats {
        jump(&mut app, k);
        tiles_match_the_view(&mut app);
        let (what, actor) = {
            let scene = app.world().resource::<OpenScene>();
            let lesson = &scene.told.as_ref().unwrap().lesson;
            let e = &lesson.trace()[lesson.beats()[k - 1].event()];
            (e.what.clone(), e.actor)
        };
        if let What::Display { .. } = what {
            let postoffice::sim::Actor::Phone(r) = actor else {
                panic!("a phone displays")
            };
            let r = r.index();
            // The copy has landed: that tile shows the letter, and is lit.
            let on_tile = tile_words(&mut app)
                .into_iter()
                .find(|(i, _, _)| *i == r)
                .map(|(_, w, _)| w);
            assert_eq!(on_tile.as_deref(), Some(text.as_str()), "tile {r}");
            assert!(lit_tiles(&mut app).contains(&r), "tile {r} lights up");
            landed.insert(r);
        }
        if let Some((_, w, Some(mark))) = tile_words(&mut app)
            .into_iter()
            .find(|(i, _, _)| *i == sender)
            && w == text
            && sender_marks.last() != Some(&mark)
        {
            sender_marks.push(mark);
        }
    }
    assert_eq!(landed, members, "every member's copy lands on their tile");
    assert_eq!(
        sender_marks,
        ["…", "✓", "✓✓"],
        "the sender's ticks, in order"
    );
}

#[test]
fn a_class_tiles_names_and_bubbles_are_large_enough_to_read_and_follow_the_language() {
    let (mut app, _) = app_on(scene("classroom.ron"));
    let (id, text, beats) = group_letter(&mut app);
    jump(&mut app, *beats.last().unwrap());
    // 15 canvas pixels are 12 on a 1024 × 768 projector.
    let mut sizes = app
        .world_mut()
        .query_filtered::<&TextFont, Or<(With<TileText>, With<TileName>)>>();
    let smallest = sizes
        .iter(app.world())
        .map(|f| match f.font_size {
            FontSize::Px(px) => px,
            _ => 0.0,
        })
        .fold(f32::MAX, f32::min);
    assert!(smallest >= 15.0, "letters of {smallest} px");
    // Every tile holds its words, clear of the others and of the post office.
    let layout = app.world().resource::<Layout>().clone();
    assert_eq!(layout.tiles.len(), 40);
    for (i, a) in layout.tiles.iter().enumerate() {
        assert!(a.height() >= 40.0 && a.width() >= 180.0, "tile {i}: {a:?}");
        assert!(a.intersect(layout.office.body).is_empty(), "tile {i}");
        for b in &layout.tiles[i + 1..] {
            assert!(a.intersect(*b).is_empty(), "tiles overlap");
        }
    }
    // Names switch to Chinese; the letter's words are the scene's.
    let names = |app: &mut App| {
        let mut q = app.world_mut().query::<(&TileName, &Text)>();
        q.iter(app.world())
            .map(|(_, t)| t.0.clone())
            .collect::<Vec<_>>()
    };
    assert!(names(&mut app).contains(&"Li Lei".to_string()));
    app.world_mut().write_message(Control::ToggleLanguage);
    frames(&mut app, 3);
    let zh = names(&mut app);
    assert!(zh.contains(&"李雷".to_string()), "{zh:?}");
    assert_eq!(zh.len(), 40);
    // The class's letters are written in both languages: the tiles say them in
    // the language on screen.
    let zh_text = {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        lesson
            .trace()
            .iter()
            .find_map(|e| e.msg.as_ref().filter(|m| m.id == id))
            .map(|m| m.text().expect("words").zh.to_string())
            .unwrap()
    };
    assert_ne!(
        zh_text, text,
        "classroom's letters have their Chinese words"
    );
    let words = tile_words(&mut app);
    assert!(
        words.iter().any(|(_, w, _)| *w == zh_text),
        "{zh_text} in {words:?}"
    );
}

#[test]
fn a_tiles_bubble_opens_the_inspector_with_the_whole_letter() {
    use postoffice::viz::overlays::tools::Tools;
    use postoffice::viz::stage::parts::{Clickable, Hit, Inspected};
    let (mut app, _) = app_on(scene("classroom.ron"));
    let (id, text, beats) = group_letter(&mut app);
    jump(&mut app, *beats.last().unwrap());
    let mut q = app.world_mut().query::<&Clickable>();
    let bubble = q
        .iter(app.world())
        .find_map(|c| match c.0 {
            Hit::Inspect(Inspected::Bubble(i, b)) if b == id && i != id.from.index() => Some(i),
            _ => None,
        })
        .expect("a tile's bubble is clickable");
    app.world_mut()
        .write_message(postoffice::viz::overlays::tools::Clicked {
            hit: Hit::Inspect(Inspected::Bubble(bubble, id)),
            at: Vec2::ZERO,
        });
    frames(&mut app, 2);
    let thing = app.world().resource::<Tools>().inspecting.unwrap();
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let (_, lines) = postoffice::viz::overlays::tools::inspect(
        scene.told.as_ref().unwrap(),
        play.at,
        thing,
        postoffice::sim::Lang::En,
        postoffice::words::Register::Both,
    );
    assert!(
        lines.iter().any(|(_, v)| *v == text),
        "the whole letter: {lines:?}"
    );
    // The words over a tile open the phone's menu, as the tile does.
    let mut q = app.world_mut().query::<(&TileWords, &Clickable)>();
    assert!(
        q.iter(app.world())
            .all(|(t, c)| c.0 == Hit::Fault(postoffice::viz::stage::parts::Target::Phone(t.0)))
    );
}

/// Every beat about a group letter names its step (a step of the nine in the
/// heading, never "nothing new" in the caption).
fn says_its_steps(told: &viz::story::told::Told, letter: MsgId) -> usize {
    let lesson = &told.lesson;
    let mut checked = 0;
    for (k, beat) in lesson.beats().iter().enumerate() {
        let shown = viz::story::present::present(told, k + 1);
        let events = &lesson.trace()[beat.events.clone()];
        if events.iter().any(|e| e.step().is_some()) {
            for s in [
                &shown.words(postoffice::words::Register::Both).1.en,
                &shown.heading.en,
            ] {
                assert!(!s.contains("nothing new"), "beat {}: {s}", k + 1);
            }
            assert!(
                !shown
                    .words(postoffice::words::Register::Both)
                    .1
                    .zh
                    .contains("没有新动静"),
                "beat {}",
                k + 1
            );
        }
        let e = &lesson.trace()[beat.event()];
        let (Some(step), Some(m)) = (e.step(), e.msg.as_ref()) else {
            continue;
        };
        if m.id != letter {
            continue;
        }
        let n = step.number();
        let (en, zh) = (&shown.heading.en, &shown.heading.zh);
        assert!(
            en.contains(&format!("Step {n} of 9")) || en.contains(&format!("step {n} of 9")),
            "beat {}: {en}",
            k + 1
        );
        assert!(
            zh.contains(&format!("第 {n} 步")) || zh.contains(&format!("第 {n}/9 步")),
            "beat {}: {zh}",
            k + 1
        );
        // The caption is the step's own sentence, not the crowd's tally.
        for s in [
            &shown.words(postoffice::words::Register::Both).1.en,
            &shown.words(postoffice::words::Register::Both).1.zh,
        ] {
            assert!(
                !s.starts_with("In these") && !s.starts_with("At this moment"),
                "beat {}: {s}",
                k + 1
            );
        }
        assert_eq!(shown.step, Some(n), "beat {}", k + 1);
        checked += 1;
    }
    checked
}

#[test]
fn every_beat_of_a_class_group_letter_says_its_step() {
    let mut told = viz::story::told::tell(&scene("classroom.ron")).unwrap();
    told.reach(900);
    let letter = told
        .lesson
        .trace()
        .iter()
        .find_map(|e| match (&e.what, &e.msg) {
            (What::Edit { .. }, Some(m)) if matches!(m.to, Dest::Group(_)) => Some(m.id),
            _ => None,
        })
        .unwrap();
    // 1, 2, 3, 4, 5, and 6, 7, 8, 9 for each of the 39 others.
    assert!(says_its_steps(&told, letter) >= 5 + 4 * 39);
}

/// A scene of `people` people (p0, p1, ...) all online, whose first `members` are
/// the group "club", to which p0 writes `text` after a second; with `friends` and
/// `more` script. Its folder (to remove) and its file.
fn club_scene(
    people: usize,
    members: usize,
    text: &str,
    friends: &[String],
    more: &[String],
) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = tmp_dir("club");
    let file = dir.join("club.ron");
    let ids: Vec<String> = (0..people).map(|i| format!("p{i}")).collect();
    let users: Vec<String> = ids.iter().map(|i| format!("(id: \"{i}\")")).collect();
    let club: Vec<String> = ids[..members].iter().map(|i| format!("\"{i}\"")).collect();
    let mut script: Vec<String> = ids
        .iter()
        .map(|i| format!("(at_ms: 0, do: Login(\"{i}\"))"))
        .collect();
    script.push(format!(
        "(at_ms: 1000, do: SendGroup(from: \"p0\", group: \"club\", text: {text:?}))"
    ));
    script.extend(more.iter().cloned());
    std::fs::write(
        &file,
        format!(
            "(title: \"A club\", users: [{}], friends: [{}], groups: [(id: \"club\", members: [{}])], script: [{}])",
            users.join(", "),
            friends.join(", "),
            club.join(", "),
            script.join(", ")
        ),
    )
    .unwrap();
    (dir, file)
}

#[test]
fn every_beat_of_a_followed_group_letter_in_a_large_crowd_says_its_step() {
    // 48 people (a recorded story: too many to change), a group of 12 writes first,
    // and 23 pairs of friends chat meanwhile.
    let chat: Vec<String> = (1..24)
        .map(|k| {
            format!(
                "(at_ms: {}, do: Send(from: \"p{}\", to: \"p{}\", text: \"Hi\"))",
                1000 + 37 * k,
                2 * k,
                2 * k + 1
            )
        })
        .collect();
    let friends: Vec<String> = (1..24)
        .map(|k| format!("(\"p{}\", \"p{}\")", 2 * k, 2 * k + 1))
        .collect();
    let (dir, file) = club_scene(48, 12, "Meet at noon", &friends, &chat);
    let told = viz::story::told::tell(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(!told.live(), "48 people make a recorded story");
    let letter = told.lesson.followed().unwrap();
    // 1 to 5, then 6 to 9 for each of the 11 others.
    assert!(says_its_steps(&told, letter) >= 5 + 4 * 11);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_large_crowds_tiles_stay_faces_without_words() {
    let (app, _) = app_on(scene("rush_hour.ron"));
    let layout = app.world().resource::<Layout>();
    assert!(!layout.tile_words);
    assert_eq!(layout.tiles.len(), 200);
    let mut app = app;
    let mut q = app.world_mut().query::<&TileWords>();
    assert_eq!(q.iter(app.world()).count(), 0);
    let mut w = app.world_mut().query::<(&Words, &TileText)>();
    assert_eq!(w.iter(app.world()).count(), 0);
}

#[test]
fn a_small_classs_long_letters_wrap_on_two_lines_as_the_phone_has_them() {
    // Seven people (the fewest drawn as tiles): tall tiles, a bubble on two lines.
    let text = "Class news: no homework tonight, the teacher is ill";
    let (dir, file) = club_scene(7, 7, text, &[], &[]);
    let (mut app, _) = app_on(file);
    assert!(app.world().resource::<Layout>().tile_words);
    let beats = app.world().resource::<OpenScene>().beats();
    jump(&mut app, beats);
    // Whole, or its first words (the space where the line breaks kept) and "…".
    tiles_match_the_view(&mut app);
    let drawn = tile_words(&mut app);
    assert_eq!(drawn.len(), 7, "{drawn:?}");
    for (i, words, _) in &drawn {
        assert!(words.contains("homework tonight,"), "tile {i}: {words:?}");
        assert!(words == text || words.ends_with('…'), "tile {i}: {words:?}");
    }
    // Broken into two lines where the words fit the tile (the font measured), never
    // more.
    let mut raw = app.world_mut().query::<(&TileText, &Text)>();
    for (t, words) in raw.iter(app.world()) {
        assert_eq!(words.0.lines().count(), 2, "tile {}: {:?}", t.0, words.0);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_class_story_is_told_whole_so_the_picture_count_does_not_grow() {
    use postoffice::viz::story::show::{OpenScene, Playback};
    let (mut app, _) = app_on(scene("classroom.ron"));
    let total = {
        let scene = app.world().resource::<OpenScene>();
        let lesson = &scene.told.as_ref().unwrap().lesson;
        assert!(lesson.is_done(), "told to its end at once");
        assert!(lesson.beats().len() > 1000, "{}", lesson.beats().len());
        lesson.beats().len()
    };
    for _ in 0..5 {
        app.world_mut().write_message(Control::Next);
        frames(&mut app, 3);
    }
    assert_eq!(app.world().resource::<OpenScene>().beats(), total);
    // A letter the class writes: the story is told again, whole.
    app.world_mut().write_message(Control::Compose {
        from: UserIdx(0),
        to: Dest::User(UserIdx(1)),
        text: "One more".into(),
    });
    frames(&mut app, 3);
    let scene = app.world().resource::<OpenScene>();
    let lesson = &scene.told.as_ref().unwrap().lesson;
    assert!(lesson.is_done());
    assert!(
        lesson.beats().len() > total,
        "the letter's beats were added"
    );
    assert_eq!(app.world().resource::<Playback>().at, 5);
}

#[test]
fn a_crowds_tally_says_what_was_lost_by_kind_and_on_how_many_screens_letters_were_shown() {
    // The 48 of the large crowd above; the post office's receipt to p2 is lost, so
    // p2's phone sends its letter again and the post office recognises the copy.
    let mut chat: Vec<String> = (1..24)
        .map(|k| {
            format!(
                "(at_ms: {}, do: Send(from: \"p{}\", to: \"p{}\", text: \"Hi\"))",
                1000 + 37 * k,
                2 * k,
                2 * k + 1
            )
        })
        .collect();
    chat.push("(at_ms: 500, do: Drop(user: \"p2\", toward: Phone, what: Ack))".to_string());
    let friends: Vec<String> = (1..24)
        .map(|k| format!("(\"p{}\", \"p{}\")", 2 * k, 2 * k + 1))
        .collect();
    let (dir, file) = club_scene(48, 12, "Meet at noon", &friends, &chat);
    let told = viz::story::told::tell(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(!told.live(), "48 people make a recorded story");
    let lesson = &told.lesson;
    let mut said = Vec::new();
    for (k, beat) in lesson.beats().iter().enumerate() {
        let shown = viz::story::present::present(&told, k + 1);
        let events = &lesson.trace()[beat.events.clone()];
        let tally = &shown.registers[0].1;
        if events
            .iter()
            .any(|e| matches!(e.what, What::FrameLost { .. }) && e.is_narrated())
            && tally.en.starts_with("In these")
        {
            said.push(tally.en.clone());
        }
        for s in [&tally.en, &tally.zh] {
            assert!(
                !s.contains("frames lost") && !s.contains("个数据包"),
                "beat {}: {s}",
                k + 1
            );
        }
    }
    assert!(
        said.iter().any(|s| s.contains("a receipt lost on the way")),
        "the lost receipt, by kind: {said:?}"
    );
    // At the end: p0's group letter is one letter shown, on 11 screens.
    let last = viz::story::present::present(&told, lesson.beats().len());
    let end = &last.registers[0].1.en;
    if end.starts_with("In these") || end.starts_with("At this moment") {
        assert!(end.contains("screens)"), "{end}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
