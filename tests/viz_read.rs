//! Readable from the back of the room: the picture's sizes and places, checked
//! without a window. Every lesson scene is told beat by beat; at every beat the
//! bubbles on each phone must fit their screen whole and stand apart, and every
//! envelope or card at rest must keep off the boxes' names and the words over the
//! long connections. Text sizes come from one place and reach the floor a class can
//! read at 1024 × 768 with the panel open; the marks of a letter differ by shape
//! and word, not colour alone.
#![cfg(feature = "viz")]

use std::path::PathBuf;

use bevy::prelude::*;

use postoffice::sim::view::{Ending, Token};
use postoffice::sim::{Bounce, Status};
use postoffice::viz::{
    control::panel::{Dock, Panel},
    lang::{Lang, Tr},
    measure, palette as pal,
    stage::chat::{MarkShape, chat_plan, mark, screen_reserve, words_of},
    stage::layout::{self, Layout, box_parts},
    stage::tokens::{Face, card_face, icons, plan},
    story::model::Spot,
    story::present::present,
    story::show::{OpenScene, Playback},
    story::told::{Told, tell},
};

/// The scenes a class is shown in full-sized phones (the crowd scenes draw tiles).
const LESSONS: &[&str] = &[
    "hello.ron",
    "lost_ack.ron",
    "lost_message.ron",
    "offline_mailbox.ron",
    "tunnel.ron",
    "blocked.ron",
    "not_friends.ron",
    "unknown_user.ron",
    "post_office_closed.ron",
    "bad_network.ron",
    "group.ron",
    "same_time.ron",
    "numbered.ron",
    "online_pushed.ron",
    "online_pulled.ron",
    "typing.ron",
    "send_again.ron",
    "group_members.ron",
];

fn told(name: &str) -> Told {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(name);
    let mut told = tell(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    told.reach(usize::MAX / 2);
    told
}

/// Calls `f` with every beat of `name` as the show puts it on screen.
fn each_beat(name: &str, mut f: impl FnMut(usize, &OpenScene, &Playback)) {
    let told = told(name);
    let n = told.lesson.beats().len();
    let mut scene = OpenScene::default();
    let mut play = Playback::default();
    scene.told = Some(told);
    for at in 0..=n {
        play.at = at;
        scene.shown = present(scene.told.as_ref().expect("told"), at);
        f(at, &scene, &play);
    }
}

fn overlap(a: Rect, b: Rect) -> f32 {
    let i = a.intersect(b);
    if i.is_empty() {
        0.0
    } else {
        i.width().min(i.height())
    }
}

/// The words of the picture nothing may cover: each box's name, technical word and
/// count (under its tray), each phone's name, the post office's name, and the words
/// over each long connection.
fn labels(layout: &Layout) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    let mut boxed = |name: String, r: Rect, counted: bool| {
        let tray = box_parts(r, counted).tray;
        out.push((
            name,
            Rect::new(r.min.x + 2.0, tray.max.y, r.max.x - 2.0, r.max.y - 2.0),
        ));
    };
    for (i, p) in layout.phones.iter().enumerate() {
        boxed(format!("mailbox {i}"), p.mailbox, true);
        boxed(format!("postman {i}"), p.postman, true);
    }
    let o = &layout.office;
    boxed("counter".into(), o.counter, true);
    boxed("archive".into(), o.archive, true);
    boxed("shelf".into(), o.shelf, true);
    boxed("register".into(), o.register, false);
    boxed("sorting".into(), o.sorting, false);
    out.push(("post office".into(), o.header));
    for (i, p) in layout.phones.iter().enumerate() {
        out.push((format!("phone {i}'s name"), p.header));
        out.push((format!("heard {i}"), p.over_wire.heard));
        out.push((format!("wire mark {i}"), p.over_wire.mark));
    }
    out
}

/// Every line of `text` fits `max` at `size`, in both languages.
fn lines_fit(what: &str, text: &Tr, size: f32, max: f32) {
    for t in [&text.en, &text.zh] {
        for line in t.lines() {
            let w = measure::width(line, size);
            assert!(
                w <= max + 0.5,
                "{what}: \"{line}\" is {w:.1} px, room {max:.1}"
            );
        }
    }
}

/// The room of a card or an envelope for its words: its size less the frame.
fn face_lines_fit(what: &str, face: &Face) {
    let inner = face.size.x - 2.0 * (2.0 + 6.0) - if face.icon { 30.0 } else { 0.0 };
    lines_fit(what, &face.text, face.text_size, inner + 0.5);
}

#[test]
fn nothing_at_rest_covers_a_label_and_envelopes_show_their_words_whole() {
    for name in LESSONS {
        each_beat(name, |at, scene, play| {
            let told = scene.told.as_ref().expect("told");
            let layout = Layout::new(told.people.len());
            if !layout.tiles.is_empty() {
                return;
            }
            let labels = labels(&layout);
            for (travel, face) in plan(scene, play, &layout) {
                let what = format!("{name} beat {at}: {:?} {:?}", travel.token, travel.ending);
                let r = Rect::from_center_size(travel.to, face.size);
                for (label, l) in &labels {
                    assert!(
                        overlap(r, *l) < 1.0,
                        "{what} at {r:?} covers {label} at {l:?}"
                    );
                }
                assert!(
                    r.min.x >= 0.0
                        && r.max.x <= layout::CANVAS.x
                        && r.min.y >= layout::PICTURE.min.y,
                    "{what} leaves the picture: {r:?}"
                );
                face_lines_fit(&what, &face);
                if travel.token == Token::Letter {
                    // Its words whole, or (a stamped letter in a low room) none:
                    // the stamp alone.
                    let none = face.text.en.is_empty() && face.text.zh.is_empty();
                    assert!(
                        !face.cut || (none && face.stamp.is_some()),
                        "{what}: the envelope cuts its words: {:?}",
                        face.text
                    );
                    assert!(!face.text.en.contains('…') && !face.text.zh.contains('…'));
                }
            }
        });
    }
}

#[test]
fn the_lost_receipt_card_is_as_large_as_a_box_name_and_says_what_it_is() {
    let mut seen = 0;
    each_beat("lost_ack.ron", |at, scene, play| {
        let told = scene.told.as_ref().expect("told");
        let layout = Layout::new(told.people.len());
        for (travel, face) in plan(scene, play, &layout) {
            if matches!(travel.token, Token::Receipt | Token::Delivered)
                && travel.ending == Ending::Vanishes
            {
                seen += 1;
                assert!(face.text_size >= pal::MODULE, "beat {at}: ticks too small");
                let word = face.word.as_ref().expect("a card says what it is");
                assert!(!word.en.is_empty() && !word.zh.is_empty());
                let stamp = face.stamp.as_ref().expect("a lost card is stamped");
                assert!(stamp.en.to_lowercase().contains("lost"), "{stamp:?}");
                // Four Chinese characters stay on one line (not "途中丢" and "失").
                assert!(!stamp.zh.contains('\n'), "beat {at}: {stamp:?}");
                assert!(
                    face.size.y >= 2.0 * pal::SMALLEST,
                    "beat {at}: {:?}",
                    face.size
                );
            }
        }
    });
    assert!(
        seen >= 2,
        "lost_ack loses a receipt and a delivery note: {seen}"
    );
}

#[test]
fn bubbles_fit_their_screen_whole_and_never_run_into_each_other() {
    for name in LESSONS {
        let mut most = 0;
        each_beat(name, |at, scene, play| {
            let told = scene.told.as_ref().expect("told");
            let layout = Layout::new(told.people.len());
            if !layout.tiles.is_empty() {
                return;
            }
            let resting = plan(scene, play, &layout);
            let picture = scene.picture().expect("a picture");
            for (lang, (i, phone)) in [Lang::En, Lang::Zh]
                .into_iter()
                .flat_map(|l| picture.phones.iter().enumerate().map(move |p| (l, p)))
            {
                let Some(rects) = layout.phones.get(i) else {
                    continue;
                };
                let reserve = screen_reserve(&resting, &layout, i);
                let tray = layout.room(Spot::Screen(i));
                // What rests at the top of the screen ends above the chat.
                for (t, f) in resting.iter().filter(|(t, _)| tray.contains(t.to)) {
                    let bottom = t.to.y + f.size.y / 2.0;
                    let chat_top = rects.screen.min.y + 3.0 + 6.0 + reserve;
                    assert!(
                        bottom <= chat_top,
                        "{name} beat {at}: {:?} runs into the chat",
                        t.token
                    );
                }
                let what = format!("{name} beat {at}, phone {i}, {lang:?}");
                let order = told.lesson.scene().settings.order;
                let chat = chat_plan(picture, order, i, rects.screen, reserve, lang);
                assert!(
                    chat.room.min.y >= rects.screen.min.y && chat.room.max.y <= rects.screen.max.y
                );
                if !phone.chat.is_empty() {
                    let newest = chat.shown.last().map(|(k, _)| *k);
                    assert_eq!(
                        newest,
                        Some(phone.chat.len() - 1),
                        "{what}: the newest bubble is not shown"
                    );
                }
                // Stacked top to bottom with their gaps, the bubbles (and the line
                // counting the older ones) end inside the screen.
                let earlier = if chat.earlier > 0 {
                    pal::STATUS * measure::LINE + 6.0
                } else {
                    0.0
                };
                let stack: f32 = chat.shown.iter().map(|(_, f)| f.size.y).sum::<f32>()
                    + 6.0 * chat.shown.len().saturating_sub(1) as f32
                    + earlier;
                assert!(
                    stack <= chat.room.height() + 0.5,
                    "{what}: bubbles {stack:.1} px tall in a room of {:.1}",
                    chat.room.height()
                );
                // Older bubbles are counted on a line, unless the newest whole
                // leaves no room for that line.
                let counted = chat.earlier + chat.shown.len() == phone.chat.len();
                let no_room = chat.shown.len() == 1
                    && stack + pal::STATUS * measure::LINE + 6.0 > chat.room.height();
                assert!(
                    counted || no_room,
                    "{what}: a bubble is neither shown nor counted"
                );
                for (k, face) in &chat.shown {
                    let text = words_of(picture, phone.chat[*k].id);
                    assert!(
                        face.size.x <= chat.room.width() + 0.5,
                        "{what}: bubble wider than the screen"
                    );
                    // The words whole, in lines that fit the bubble. Only on a
                    // half-height phone (three or more people) may a lone bubble
                    // be cut, ending in "…" (the inspector shows it whole).
                    {
                        let (t, full) = (face.text.get(lang), text.get(lang));
                        let seen = t.replace(['\n', ' '], "");
                        let whole = full.replace(' ', "");
                        // A built-in scene's bubbles are never cut, not even on a
                        // half-height phone under a stamp.
                        assert!(
                            !t.ends_with('…') || full.ends_with('…'),
                            "{what}: \"{full}\" cut to \"{t}\""
                        );
                        assert_eq!(seen, whole, "{what}: the bubble's words are not all there");
                    }
                    let words = Tr::same(face.text.get(lang));
                    lines_fit(&what, &words, pal::BUBBLE, face.size.x - 16.0);
                    // No empty line: as tall as its words in this language, its
                    // mark and its padding.
                    let mut tall =
                        words.en.lines().count() as f32 * pal::BUBBLE * measure::LINE + 10.0;
                    if let Some(m) = &face.mark {
                        lines_fit(&what, &m.word, pal::STATUS, face.size.x - 16.0);
                        // The mark's lines, and a stamp's frame at most.
                        tall += measure::block(&m.word, pal::STATUS).1 + 6.0 + 2.0;
                    }
                    // The post office's number above the words (order scenes).
                    if let Some(n) = &face.number {
                        tall += measure::block(n, pal::STATUS).1 + 2.0;
                    }
                    assert!(
                        face.size.y <= tall + 0.5,
                        "{what}: a bubble {:.1} px tall for {:.1} px of words",
                        face.size.y,
                        tall
                    );
                }
                most = most.max(phone.chat.len());
            }
        });
        assert!(most > 0, "{name} shows no bubble");
    }
}

#[test]
fn a_letters_marks_differ_by_shape_and_word_not_colour_alone() {
    let statuses = [
        Status::Sending,
        Status::Posted,
        Status::Delivered { count: 1, of: 1 },
        Status::Lost,
        Status::Returned(Bounce::Blocked),
    ];
    let marks: Vec<_> = statuses
        .iter()
        .map(|s| mark(*s).expect("my letter has a mark"))
        .collect();
    assert!(mark(Status::Received).is_none());
    for (a, ma) in marks.iter().enumerate() {
        assert!(
            !ma.word.en.is_empty() && !ma.word.zh.is_empty(),
            "{:?}",
            statuses[a]
        );
        for (b, mb) in marks.iter().enumerate().skip(a + 1) {
            let (sa, sb) = (&statuses[a], &statuses[b]);
            assert_ne!(ma.word.en, mb.word.en, "{sa:?} and {sb:?} say the same");
            assert_ne!(ma.word.zh, mb.word.zh, "{sa:?} and {sb:?} say the same");
            assert!(
                ma.shape != mb.shape || ma.glyph != mb.glyph,
                "{sa:?} and {sb:?} have the same shape"
            );
        }
    }
    assert_eq!(marks[1].shape, MarkShape::Ticks);
    assert_eq!((marks[1].glyph, marks[2].glyph), ("✓", "✓✓"));
    assert_eq!(marks[3].shape, MarkShape::Badge);
    assert_eq!(marks[4].shape, MarkShape::Stamp);
    // The stamp's reason, as the caption says it.
    for lang in [Lang::En, Lang::Zh] {
        let why = postoffice::words::stamp(Bounce::Blocked, lang);
        assert_eq!(marks[4].word.get(lang), why);
    }
}

#[test]
fn at_1024_by_768_with_the_panel_the_smallest_text_reaches_the_floor() {
    let mut panel = Panel::default();
    panel.open = true;
    for window in [
        Vec2::new(1024.0, 768.0),
        Vec2::new(1280.0, 720.0),
        Vec2::new(1920.0, 1080.0),
    ] {
        let place = panel.place(window);
        let (scale, _) = layout::fit(place.picture.size());
        assert!(
            pal::SMALLEST * scale >= pal::FLOOR_PX - 0.01,
            "{window}: the smallest text is {:.1} px",
            pal::SMALLEST * scale
        );
    }
    assert_eq!(
        panel.place(Vec2::new(1024.0, 768.0)).dock,
        Some(Dock::Bottom)
    );
    for size in [
        pal::TECH,
        pal::STATUS,
        pal::ENVELOPE_TEXT,
        pal::STAMP_TEXT,
        pal::WIRE_TEXT,
        pal::BUTTON_TEXT,
        pal::KEY_TEXT,
        pal::MODULE,
        pal::BUBBLE,
        pal::NAME,
        pal::CAPTION,
        pal::TICKS,
    ] {
        assert!(size >= pal::SMALLEST, "{size}");
    }
    const { assert!(pal::PANEL_SMALL >= pal::FLOOR_PX) };
}

#[test]
fn the_control_bar_holds_every_button_whole_in_both_languages() {
    use postoffice::viz::control::bars::controls_width;
    for lang in [Lang::En, Lang::Zh] {
        let w = controls_width(lang);
        assert!(
            w <= layout::CONTROL_BAR.width(),
            "{lang:?}: the controls are {w:.0} px in a bar of {:.0}",
            layout::CONTROL_BAR.width()
        );
    }
}

#[test]
fn nothing_at_rest_lies_on_a_boxs_picture() {
    let mut bad = Vec::new();
    for name in LESSONS {
        each_beat(name, |at, scene, play| {
            let told = scene.told.as_ref().expect("told");
            let layout = Layout::new(told.people.len());
            if !layout.tiles.is_empty() {
                return;
            }
            let planned = plan(scene, play, &layout);
            let icons = icons(&planned, &layout);
            assert!(!icons.is_empty(), "{name}: no box draws a picture");
            for (travel, face) in &planned {
                let r = Rect::from_center_size(travel.to, face.size);
                for (spot, icon) in &icons {
                    if overlap(r, *icon) >= 1.0 {
                        bad.push(format!(
                            "{name} beat {at}: {:?} at {r:?} lies on {spot:?}'s picture at {icon:?}",
                            travel.token
                        ));
                    }
                }
            }
        });
    }
    assert!(
        bad.is_empty(),
        "{} things lie on a box's picture, among them:\n{}",
        bad.len(),
        bad.iter().take(8).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Whether `heading` names `word` (any case), in both languages.
fn names(heading: &Tr, word: &Tr) -> bool {
    heading.en.to_lowercase().contains(&word.en.to_lowercase()) && heading.zh.contains(&*word.zh)
}

#[test]
fn a_bubbles_mark_the_card_over_it_and_the_heading_say_the_same() {
    let mut seen = 0;
    let mut bad = Vec::new();
    for name in LESSONS {
        each_beat(name, |at, scene, play| {
            let told = scene.told.as_ref().expect("told");
            let layout = Layout::new(told.people.len());
            let Some(picture) = scene.picture() else {
                return;
            };
            for (travel, _) in plan(scene, play, &layout) {
                let ends_on = (0..layout.phones.len())
                    .find(|&i| layout.room(Spot::Screen(i)).contains(travel.to));
                let (Some(i), Some(letter), Ending::Arrives) =
                    (ends_on, travel.letter, travel.ending)
                else {
                    continue;
                };
                if !matches!(
                    travel.token,
                    Token::Receipt | Token::Delivered | Token::Partly { .. }
                ) {
                    continue;
                }
                seen += 1;
                let (ticks, word) = card_face(&travel.token);
                let bubble = picture.phones[i]
                    .chat
                    .iter()
                    .rev()
                    .find(|b| b.id == letter.id && b.id.from.index() == i)
                    .expect("the card's letter is a bubble on the phone it reaches");
                let m = mark(bubble.status).expect("the sender's bubble has a mark");
                if (m.glyph, &m.word) != (ticks, &word) {
                    bad.push(format!(
                        "{name} beat {at}: the card says {ticks} {word:?}, the bubble under it {} {:?}",
                        m.glyph, m.word
                    ));
                }
                let heading = &scene.shown.heading;
                if !names(heading, &word) {
                    bad.push(format!(
                        "{name} beat {at}: the heading {heading:?} does not say the card's {word:?}"
                    ));
                }
            }
        });
    }
    assert!(seen > 10, "cards reaching a screen: {seen}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The thing a fault label names: "✂ next receipt to Li Lei: lost" → "receipt";
/// "✂ 下一个发往李雷的回执：丢失" → "回执".
fn armed_noun(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let rest = label.trim_start_matches("✂ next ");
            rest.split(" to ").next().unwrap_or(rest).to_string()
        }
        Lang::Zh => {
            let head = label.split('：').next().unwrap_or(label);
            head.rsplit('的').next().unwrap_or(head).to_string()
        }
    }
}

#[test]
fn a_fault_on_the_line_is_named_as_the_caption_that_set_it_names_it() {
    let mut seen = 0;
    for name in LESSONS {
        let mut armed_before: Vec<usize> = Vec::new();
        each_beat(name, |at, scene, _| {
            let told = scene.told.as_ref().expect("told");
            let Some(picture) = scene.picture() else {
                return;
            };
            let armed = |i: usize| -> Vec<_> {
                let on_line = picture.armed.iter().filter(|(u, ..)| u.index() == i);
                on_line.map(|&(_, dir, class)| (dir, class)).collect()
            };
            for i in 0..picture.phones.len() {
                let before = armed_before.get(i).copied().unwrap_or(0);
                let armed = armed(i);
                // A fault armed in this beat: its label and the beat's caption.
                if armed.len() > before {
                    let (dir, class) = armed[armed.len() - 1];
                    for reg in postoffice::words::Register::ALL {
                        let person = &told.people[i].name;
                        let label = postoffice::viz::lang::ui::armed(dir, class, person, reg);
                        let caption = &scene.shown.words(reg).1;
                        for lang in [Lang::En, Lang::Zh] {
                            let noun = armed_noun(label.get(lang), lang);
                            assert!(
                                caption.get(lang).contains(&noun),
                                "{name} beat {at} ({reg:?}): the picture says \"{}\", the caption \"{}\" has no \"{noun}\"",
                                label.get(lang),
                                caption.get(lang)
                            );
                        }
                    }
                    seen += 1;
                }
            }
            armed_before = (0..picture.phones.len()).map(|i| armed(i).len()).collect();
        });
    }
    assert!(seen >= 2, "faults armed in the lesson scenes: {seen}");
}

#[test]
fn the_rings_are_explained_once_and_a_stale_online_when_it_happens() {
    use postoffice::words::{Register, window};
    for name in LESSONS {
        let (mut rings, mut stale) = (0, 0);
        let mut down_while_counted = 0;
        each_beat(name, |at, scene, _| {
            if at == 0 {
                return;
            }
            let told = scene.told.as_ref().expect("told");
            let caption = &scene.shown.words(Register::Both).1;
            if caption
                .en
                .contains(window::ring_note(Lang::En, Register::Both).trim())
            {
                rings += 1;
            }
            let view = told.lesson.view_after(at);
            for (u, p) in view.phones.iter().enumerate().take(told.people.len()) {
                let name = &told.people[u].name;
                // The one sentence for every phone whose line went down, or the
                // one about a login's answer, names this phone.
                let counted_names = caption
                    .en
                    .split("The counter still counts ")
                    .nth(1)
                    .and_then(|rest| rest.split(" as online").next())
                    .unwrap_or("");
                let one = window::still_counted(&[name.en.to_string()], Lang::En);
                assert!(one.contains(&format!("counts {} as online", name.en)));
                let said = counted_names
                    .split(" and ")
                    .any(|n| n.split(", ").any(|n| n == &*name.en))
                    || caption
                        .en
                        .contains(window::login_answer_on_its_way(&name.en, Lang::En).trim());
                let down = p.at_counter
                    && matches!(
                        p.connection,
                        postoffice::sim::view::Connection::Connecting
                            | postoffice::sim::view::Connection::NoSignal
                    );
                // Said only where the picture shows it.
                assert!(!said || down, "{name:?} beat {at}: said, but not so");
                down_while_counted += usize::from(down);
                stale += usize::from(said);
            }
        });
        assert_eq!(rings, 1, "{name}: the rings explained {rings} times");
        assert_eq!(
            stale > 0,
            down_while_counted > 0,
            "{name}: a line down while counted online {down_while_counted} beats, said {stale} times"
        );
    }
}

/// Every caption of every lesson scene, in both languages and every register,
/// fits its bar under its heading at one of the caption's sizes: none spills over
/// the bar's edge or is drawn smaller than the smallest size.
#[test]
fn every_caption_fits_its_bar() {
    use postoffice::viz::control::bars::{CAPTION_SIZES, caption_size};
    use postoffice::words::Register;
    let mut sizes = std::collections::BTreeMap::new();
    let mut too_long = Vec::new();
    for name in LESSONS {
        each_beat(name, |at, scene, _| {
            for reg in Register::ALL {
                let sentence = scene.shown.words(reg).1;
                for lang in [Lang::En, Lang::Zh] {
                    match caption_size(sentence.get(lang)) {
                        Some(size) => *sizes.entry(size as u32).or_insert(0) += 1,
                        None => too_long.push(format!(
                            "{name} beat {at} ({lang:?}, {reg:?}): {}",
                            sentence.get(lang)
                        )),
                    }
                }
            }
        });
    }
    assert!(
        too_long.is_empty(),
        "{} captions too long for the bar even at {} px, among them:\n{}",
        too_long.len(),
        CAPTION_SIZES[CAPTION_SIZES.len() - 1].0,
        too_long[..too_long.len().min(8)].join("\n")
    );
    // Most captions keep the full size; the check saw them.
    let full = sizes
        .get(&(CAPTION_SIZES[0].0 as u32))
        .copied()
        .unwrap_or(0);
    let all: usize = sizes.values().sum();
    assert!(all > 1000 && full * 2 > all, "sizes used: {sizes:?}");
}

/// People's names as scenes write them, short and long, in both languages.
const NAMES: &[(&str, &str)] = &[
    ("Li Lei", "李雷"),
    ("Han Meimei", "韩梅梅"),
    ("Lucy", "露西"),
    ("Jim Green", "吉姆·格林"),
    ("Uncle Wang", "王叔叔"),
    ("Lily", "莉莉"),
];

/// Presence (issue 22): on every layout of whole phones (two to six), for every
/// name that fits its header, with one friend up to every other phone as a friend,
/// the strip of friends' dots never covers the name (beside it, or under it with the
/// name moved up), the phone's own avatar nor its screen, stays on the phone, and
/// its chips are large enough to tell a green dot from a grey one; and "… is
/// typing…" for any of these names fits the screen's width whole, on two lines at
/// most, in the height the chat leaves it; several at once take at most half the
/// screen (one line says how many where theirs would not).
#[test]
fn the_dots_never_cover_a_name_and_typing_fits_the_screen() {
    use postoffice::viz::stage::chat::{TYPING_LINE, typing_line, typing_lines};
    use postoffice::viz::stage::layout::{
        CHIP_GAP, STRIP_PAD, header_avatar, name_left, strip_place,
    };
    let mut below = 0;
    for phones in 2..=postoffice::viz::story::told::MAX_PHONES {
        let layout = Layout::new(phones);
        for (i, r) in layout.phones.iter().enumerate() {
            let avatar_right = r.header.min.x + 4.0 + header_avatar(r.header);
            for (en, zh) in NAMES {
                for (lang, name) in [(Lang::En, *en), (Lang::Zh, *zh)] {
                    let name_w = measure::width(name, pal::NAME);
                    let what = format!("{phones} phones, phone {i}, {name}");
                    // The name fits its phone without a strip.
                    assert!(name_left(r.header) + name_w <= r.body.max.x - 4.0, "{what}");
                    for n in 1..phones {
                        let p = strip_place(r.header, name_w, n);
                        let what = format!("{what}, {n} friends: {p:?}");
                        assert_eq!(overlap(p.strip, p.name), 0.0, "over the name: {what}");
                        assert!(p.strip.min.x >= avatar_right, "over the avatar: {what}");
                        assert!(p.strip.max.y <= r.screen.min.y, "over the screen: {what}");
                        assert!(
                            r.body.contains(p.strip.min) && r.body.contains(p.strip.max),
                            "off the phone: {what}"
                        );
                        assert!(
                            p.name.max.x <= r.body.max.x - 4.0 && p.name.min.y >= r.body.min.y,
                            "the name is cut: {what}"
                        );
                        let k = n as f32;
                        let chips = k * p.chip + (k - 1.0) * CHIP_GAP + 2.0 * STRIP_PAD;
                        assert!(chips <= p.strip.width() + 0.5, "chips wider: {what}");
                        assert!(p.chip <= p.strip.height(), "chips taller: {what}");
                        assert!(p.chip >= 16.0, "chips too small: {what}");
                        below += usize::from(p.below);
                    }
                    let words = Tr::new(*en, *zh);
                    let (line, height) = typing_line(&words, r.screen, lang);
                    let max = r.screen.width() - 2.0 * (3.0 + 6.0);
                    let text = line.get(lang);
                    lines_fit(&format!("typing: {what}"), &line, pal::STATUS, max);
                    let lines = text.lines().count();
                    assert!((1..=2).contains(&lines), "typing: {what}: {text:?}");
                    let whole = postoffice::viz::lang::ui::is_typing(&words);
                    let joined: String = text.split_whitespace().collect();
                    let want: String = whole.get(lang).split_whitespace().collect();
                    assert_eq!(joined, want, "typing cut: {what}");
                    assert!(height >= TYPING_LINE * lines as f32, "typing: {what}");
                }
            }
            // Several people typing to this phone at once: the lines fit the
            // screen's width and take at most half its height.
            let room = r.screen.height() - 2.0 * (3.0 + 6.0);
            for lang in [Lang::En, Lang::Zh] {
                for k in 1..=NAMES.len() {
                    let names: Vec<Tr> = NAMES[..k]
                        .iter()
                        .map(|(en, zh)| Tr::new(*en, *zh))
                        .collect();
                    let lines = typing_lines(&names, r.screen, lang);
                    let what = format!("{phones} phones, phone {i}, {k} typing, {lang:?}");
                    let max = r.screen.width() - 2.0 * (3.0 + 6.0);
                    for (line, _) in &lines {
                        lines_fit(&what, line, pal::STATUS, max);
                    }
                    let total: f32 = lines.iter().map(|l| l.1).sum();
                    assert!(total <= room / 2.0, "{what}: {total} of {room}");
                    assert!(lines.len() == k || lines.len() == 1, "{what}");
                }
            }
        }
    }
    assert!(below > 0, "some strips stand under their names");
}
