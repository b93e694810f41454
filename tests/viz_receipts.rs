//! Read receipts in the picture (issue 25), without a renderer: at every beat of
//! scenes/read_receipts.ron each phone's screen says what is on it, as the view
//! says — the open chat's header over that chat's bubbles only, or the chat list
//! with a row per conversation (the latest first) and its unread badge — and the
//! writer's bubbles are blue ("read") exactly where every addressee read them,
//! "read by 2 of 3" in a group, as before where nobody did; and a scene without
//! reading has none of it.
#![cfg(feature = "viz")]

mod headless;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;

use postoffice::sim::MsgId;
use postoffice::sim::world::Dest;
use postoffice::viz::{
    self,
    stage::chat::{MarkShape, conversation},
    stage::picture::{BubbleOf, MarkOf, NoticeOf},
    stage::read::{ChatHead, ListRow, MoreChats, UnreadBadge},
    story::show::{BeatShown, OpenScene},
};

use headless::picture::{app, marks_under, next_beat, open, picture, settle_engine, words_under};

/// Each bubble drawn (a chat's or a chat list row's line), with its marks and words.
fn bubbles(app: &mut App) -> Vec<(usize, MsgId, Vec<MarkShape>, Vec<String>)> {
    let mut q = app.world_mut().query::<(Entity, &BubbleOf)>();
    let found: Vec<(Entity, BubbleOf)> = q.iter(app.world()).map(|(e, b)| (e, *b)).collect();
    found
        .into_iter()
        .map(|(e, b)| {
            let (mut marks, mut words) = (Vec::new(), Vec::new());
            marks_under(app, e, &mut marks);
            words_under(app, e, &mut words);
            (b.0, b.1, marks, words)
        })
        .collect()
}

#[test]
fn read_marks_heads_and_lists_are_the_views() {
    let mut app = open("scenes/read_receipts.ron");
    let (mut blue, mut by_of, mut heads, mut lists, mut badges) = (0, 0, 0, 0, 0);
    loop {
        let at = app.world().resource::<BeatShown>().at;
        let view = picture(&app);
        let phones = view.phones.len();
        // One head per phone: the open chat's, or the chat list's.
        let mut q = app.world_mut().query::<&ChatHead>();
        let mut shown: Vec<ChatHead> = q.iter(app.world()).copied().collect();
        shown.sort_by_key(|h| h.0);
        let want: Vec<ChatHead> = (0..phones)
            .map(|u| ChatHead(u, view.phones[u].open_chat))
            .collect();
        assert_eq!(shown, want, "beat {at}: heads");
        let drawn = bubbles(&mut app);
        // A chat list: a row per conversation (the latest first), those left
        // out counted on its head, each row's badge the view's unread count.
        let mut q = app.world_mut().query::<&ListRow>();
        let rows: Vec<ListRow> = q.iter(app.world()).copied().collect();
        let mut q = app.world_mut().query::<&UnreadBadge>();
        let badge: Vec<UnreadBadge> = q.iter(app.world()).copied().collect();
        let mut q = app.world_mut().query::<&MoreChats>();
        let more: BTreeMap<usize, usize> = q.iter(app.world()).map(|m| (m.0, m.1)).collect();
        for u in 0..phones {
            let phone = &view.phones[u];
            let mine: Vec<&(usize, MsgId, Vec<MarkShape>, Vec<String>)> =
                drawn.iter().filter(|b| b.0 == u).collect();
            if let Some(chat) = phone.open_chat {
                heads += 1;
                assert!(rows.iter().all(|r| r.0 != u), "beat {at}: no list on {u}");
                for b in &mine {
                    assert_eq!(
                        conversation(&view, u, b.1),
                        Some(chat),
                        "beat {at}: only the open chat's bubbles on {u}"
                    );
                }
                continue;
            }
            let mut convs: Vec<Dest> = Vec::new();
            for b in phone.chat.iter().rev() {
                let d = conversation(&view, u, b.id).expect("a letter");
                if !convs.contains(&d) {
                    convs.push(d);
                }
            }
            let row_of: Vec<Dest> = rows.iter().filter(|r| r.0 == u).map(|r| r.1).collect();
            let left = more.get(&u).copied().unwrap_or(0);
            assert_eq!(row_of.len() + left, convs.len(), "beat {at}: rows of {u}");
            assert!(
                convs.is_empty() || !row_of.is_empty(),
                "beat {at}: one row at least"
            );
            let mut sorted = row_of.clone();
            sorted.sort_by_key(|d| convs.iter().position(|c| c == d));
            assert_eq!(sorted, convs[..row_of.len()], "beat {at}: the latest first");
            lists += usize::from(!row_of.is_empty());
            let unread = view.unread(postoffice::sim::DeviceIdx(u as u32));
            for d in &row_of {
                let want = unread.iter().find(|c| c.0 == *d).map_or(0, |c| c.1);
                let got: Vec<u32> = badge
                    .iter()
                    .filter(|b| b.0 == u && b.1 == *d)
                    .map(|b| b.2)
                    .collect();
                if want == 0 {
                    assert!(got.is_empty(), "beat {at}: no badge on {u}'s {d:?}");
                } else {
                    assert_eq!(got, vec![want], "beat {at}: badge on {u}'s {d:?}");
                    badges += 1;
                }
            }
            // One line per row: the conversation's newest letter (four phones
            // leave rows of two lines).
            assert_eq!(mine.len(), row_of.len(), "beat {at}: a line per row");
        }
        // Blue exactly where every addressee read the writer's letter, and the
        // word says so; a group's partial count in words.
        for (u, id, marks, words) in &drawn {
            let b = view.phones[*u]
                .chat
                .iter()
                .find(|b| b.id == *id)
                .expect("a bubble of the view");
            let writer = id.from.index() == *u;
            let all = writer && b.seen.all();
            assert_eq!(
                marks.contains(&MarkShape::Read),
                all,
                "beat {at}: blue on {u}'s {id:?} ({:?})",
                b.seen
            );
            let text = words.join(" ");
            if all && b.seen.of == 1 {
                assert!(text.contains("read"), "beat {at}: {text:?}");
                blue += 1;
            } else if writer && b.seen.by > 0 {
                let (by, of) = (b.seen.by, b.seen.of);
                let want = if by >= of {
                    format!("read by all {of}")
                } else {
                    format!("read by {by} of {of}")
                };
                // A chat list's row may say it short where the long form is cut.
                let short = format!("read {by}/{of}");
                assert!(
                    text.contains(&want) || text.contains(&short),
                    "beat {at}: {text:?}, {want:?}"
                );
                by_of += 1;
            } else {
                assert!(!text.contains("read"), "beat {at}: not read: {text:?}");
            }
        }
        if !next_beat(&mut app) {
            break;
        }
    }
    assert!(blue > 0, "blue ticks were drawn");
    assert!(by_of > 0, "a group's readers were counted");
    assert!(
        heads > 0 && lists > 0,
        "open chats and chat lists were drawn"
    );
    assert!(badges > 0, "an unread badge was drawn");
}

/// A scene without reading, nor recalls: no heads, no lists, no notices, no blue,
/// at every beat (its picture holds the entities it held before).
#[test]
fn older_scenes_have_none_of_it() {
    for scene in ["scenes/hello.ron", "scenes/group.ron"] {
        let mut app = open(scene);
        loop {
            let world = app.world_mut();
            assert_eq!(world.query::<&ChatHead>().iter(world).count(), 0);
            assert_eq!(world.query::<&ListRow>().iter(world).count(), 0);
            assert_eq!(world.query::<&NoticeOf>().iter(world).count(), 0);
            let blue = world
                .query::<&MarkOf>()
                .iter(world)
                .filter(|m| m.0 == MarkShape::Read)
                .count();
            assert_eq!(blue, 0, "{scene}");
            if !next_beat(&mut app) {
                break;
            }
        }
    }
}

/// A scene of `n` people with long names, read receipts on: everyone writes to
/// the first and the first to the group, all on their chat lists; at the end the
/// first opens the second's chat.
fn crowded(n: usize) -> String {
    let users: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"(id: "p{i}", name: (en: "Alexandra Konstantinopoulou {i}", zh: "欧阳娜娜娜娜娜娜{i}"))"#
            )
        })
        .collect();
    let friends: Vec<String> = (1..n).map(|i| format!(r#"("p0", "p{i}")"#)).collect();
    let members: Vec<String> = (0..n).map(|i| format!(r#""p{i}""#)).collect();
    let mut script: Vec<String> = (0..n)
        .map(|i| format!(r#"(at_ms: 0, do: Login("p{i}"))"#))
        .collect();
    for i in 1..n {
        script.push(format!(
            r#"(at_ms: {}, do: Send(from: "p{i}", to: "p0", text: (en: "A rather long letter from number {i}", zh: "一封相当长的信，来自第{i}位")))"#,
            1000 * i
        ));
    }
    script.push(format!(
        r#"(at_ms: {}, do: SendGroup(from: "p0", group: "g", text: (en: "Everyone, a long letter to the group", zh: "大家好，这是给群里的一封长信")))"#,
        1000 * n
    ));
    script.push(format!(
        r#"(at_ms: {}, do: OpenChat(user: "p0", with: "p1"))"#,
        1000 * n + 3000
    ));
    format!(
        r#"(
    title: "Crowded chat lists",
    seed: 3,
    read_receipts: On,
    users: [{}],
    friends: [{}],
    groups: [(id: "g", name: (en: "The very long named group of friends", zh: "一个名字非常非常长的朋友群"), members: [{}])],
    script: [{}],
)"#,
        users.join(", "),
        friends.join(", "),
        members.join(", "),
        script.join(", ")
    )
}

/// A chat list and a chat's head fit every phone's screen, for two to six phones,
/// long names and words, both languages: the head and the rows within the
/// screen's height (the first row always), every line of a row and of the head no
/// wider than its room.
#[test]
fn chat_lists_and_heads_fit_every_phone() {
    use postoffice::viz::measure;
    use postoffice::viz::palette as pal;
    use postoffice::viz::stage::chat::{CHAT_GAP, SCREEN_BORDER, SCREEN_PAD};
    use postoffice::viz::stage::layout::Layout;
    use postoffice::viz::stage::read::{HEAD, ROW, head_plan, list_plan, names, row_width};
    let inset = SCREEN_BORDER + SCREEN_PAD;
    let (mut rows_seen, mut shorts) = (0, 0);
    for n in 2..=6 {
        let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("crowded{n}.ron"));
        std::fs::write(&file, crowded(n)).unwrap();
        let mut app = app();
        viz::open_first(&mut app, file);
        settle_engine(&mut app);
        let layout = app.world().resource::<Layout>().clone();
        let names = {
            let scene = app.world().resource::<OpenScene>();
            names(scene.told.as_ref().expect("told"))
        };
        loop {
            let at = app.world().resource::<BeatShown>().at;
            let view = picture(&app);
            for u in 0..n {
                let screen = layout.phones[u].screen;
                let order = postoffice::sim::Order::EachPhone;
                let plan = list_plan(&view, order, u, (screen, 0.0), &names);
                let (head, more) = head_plan(view.phones[u].open_chat, &names, plan.more, screen);
                for lang in [
                    postoffice::viz::lang::Lang::En,
                    postoffice::viz::lang::Lang::Zh,
                ] {
                    let w = |t: &str| measure::width(t, pal::STATUS);
                    let head_w = w(head.get(lang)) + more.as_ref().map_or(0.0, |m| w(m.get(lang)));
                    assert!(
                        head_w <= screen.width() - 2.0 * inset,
                        "{n} phones, beat {at}: head {head:?} {more:?}"
                    );
                    if view.phones[u].open_chat.is_some() {
                        continue;
                    }
                    let used = HEAD + 2.0 * CHAT_GAP + plan.row() * plan.rows.len() as f32;
                    assert_eq!(plan.row() == ROW, !plan.short);
                    shorts += usize::from(plan.short);
                    assert!(
                        used <= screen.height() - 2.0 * inset,
                        "{n} phones, beat {at}: {} rows on {u}",
                        plan.rows.len()
                    );
                    for row in &plan.rows {
                        let room = row_width(screen);
                        assert!(!row.name.get(lang).contains('\n'));
                        assert!(w(row.name.get(lang)) <= room + 0.5, "{:?}", row.name);
                        let line = match &row.preview.mark {
                            Some(m) => w(m.glyph) + 5.0 + w(m.word.get(lang)),
                            None => w(row.preview.text.get(lang)),
                        };
                        assert!(line <= room + 0.5, "{n} phones: {:?}", row.preview);
                        rows_seen += 1;
                    }
                }
            }
            if !next_beat(&mut app) {
                break;
            }
        }
    }
    assert!(rows_seen > 0);
    eprintln!("short chat lists: {shorts}");
}
