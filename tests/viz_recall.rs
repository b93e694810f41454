//! Recall in the picture (issue 25), without a renderer: at every beat of
//! scenes/recall.ron a bubble is the recall notice exactly where the view shows
//! it ("You recalled a message" on the writer's phone, "Li Lei recalled a
//! message" on the others'), drawn as a notice and not as a letter, with none of
//! the recalled letter's words left on that screen; the archive's count says its
//! torn copies (✂) and the shelf's the recalls waiting beside their letters.
#![cfg(feature = "viz")]

mod headless;

use bevy::prelude::*;

use postoffice::sim::MsgId;
use postoffice::viz::{
    lang::Words,
    stage::chat::words_of,
    stage::picture::{BubbleOf, Count, NoticeOf, Screen},
    stage::read::{shelved_recalls, torn},
    story::show::{BeatShown, OpenScene},
};

use headless::picture::{marks_under, next_beat, open, picture, words_under};

#[test]
fn notices_are_drawn_exactly_where_the_view_shows_them() {
    let mut app = open("scenes/recall.ron");
    let (mut on_writer, mut on_other, mut archive_seen) = (0, 0, false);
    loop {
        let at = app.world().resource::<BeatShown>().at;
        let view = picture(&app);
        let people: Vec<String> = {
            let scene = app.world().resource::<OpenScene>();
            let told = scene.told.as_ref().expect("told");
            told.people.iter().map(|p| p.name.en.to_string()).collect()
        };
        let mut q = app
            .world_mut()
            .query::<(Entity, &BubbleOf, Has<NoticeOf>)>();
        let drawn: Vec<(Entity, BubbleOf, bool)> =
            q.iter(app.world()).map(|(e, b, n)| (e, *b, n)).collect();
        for (e, BubbleOf(u, id), notice) in drawn {
            let shows = view.shows_notice(postoffice::sim::DeviceIdx(u as u32), id);
            assert_eq!(notice, shows, "beat {at}: notice on {u}'s {id:?}");
            let (mut words, mut marks) = (Vec::new(), Vec::new());
            words_under(&app, e, &mut words);
            marks_under(&app, e, &mut marks);
            let text = words.join(" ");
            if !shows {
                continue;
            }
            // Not a letter: no mark, and the notice's words.
            assert!(marks.is_empty(), "beat {at}: {marks:?}");
            if id.from.index() == u {
                assert_eq!(text, "You recalled a message", "beat {at}");
                on_writer += 1;
            } else {
                let want = format!("{} recalled a message", people[id.from.index()]);
                assert_eq!(text.replace("  ", " "), want, "beat {at}");
                on_other += 1;
            }
        }
        // No word of a recalled letter on a screen that shows its notice.
        let mut q = app.world_mut().query::<(Entity, &Screen)>();
        let screens: Vec<(Entity, usize)> = q.iter(app.world()).map(|(e, s)| (e, s.0)).collect();
        for (e, u) in screens {
            let mut words = Vec::new();
            words_under(&app, e, &mut words);
            let ids: Vec<MsgId> = view.phones[u].chat.iter().map(|b| b.id).collect();
            for id in ids {
                if !view.shows_notice(postoffice::sim::DeviceIdx(u as u32), id) {
                    continue;
                }
                let letter = words_of(&view, id).en.to_string();
                assert!(
                    words.iter().all(|w| !w.contains(&letter)),
                    "beat {at}: {letter:?} on {u}'s screen: {words:?}"
                );
            }
        }
        // The archive's torn copies and the shelf's waiting recalls, with ✂.
        let mut q = app.world_mut().query::<(&Count, &Words)>();
        for (count, w) in q.iter(app.world()) {
            let n = match count {
                Count::Archived => torn(&view),
                Count::Shelved => shelved_recalls(&view),
                _ => continue,
            };
            let want = format!("✂ {n}");
            assert_eq!(n > 0, w.0.en.contains('✂'), "beat {at}: {:?}", w.0.en);
            if n > 0 {
                assert!(w.0.en.ends_with(&want), "beat {at}: {:?}", w.0.en);
                archive_seen |= *count == Count::Archived;
            }
        }
        if !next_beat(&mut app) {
            break;
        }
    }
    assert!(on_writer > 0, "the writer's notice was drawn");
    assert!(on_other > 0, "another phone's notice was drawn");
    assert!(archive_seen, "the archive's torn copy was counted");
}
