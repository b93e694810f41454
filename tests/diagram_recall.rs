//! `postoffice diagram` with read receipts and recalls (issue 25), on every scene
//! of `scenes/`: the "read" frames are arrows with their words ("read ✓✓",
//! "已读 ✓✓") and the legend says what they are; a letter the post office agreed
//! to recall is marked on each of its letter arrows ("letter #2 (recalled ✂)"),
//! each row that tears a copy of it up gets scissors on its lane, and the legend
//! says so. A run with neither has no such mark, label or sentence (every other
//! scene's page is byte for byte as before: docs/diagram.md).

use std::collections::BTreeSet;

use postoffice::report::diagram::{Model, Options, svg};
use postoffice::sim::{FrameKind, Lang, MsgId, What};
use postoffice::words::Register;

mod common;
use common::scene::{parse, replay};

const READ_LEGEND: [&str; 2] = ["“read ✓✓”: the reader", "“已读 ✓✓”：读信人的手机"];
const RECALL_LEGEND: [&str; 2] = ["✂: a letter recalled", "✂：被撤回的信"];
const RECALLED: [&str; 2] = [" (recalled ✂)", "（已撤回 ✂）"];

#[test]
fn read_and_recalled_letters_are_drawn_and_said_in_both_languages() {
    let (mut with_read, mut with_recall, mut plain) = (0, 0, 0);
    for entry in std::fs::read_dir("scenes").unwrap() {
        let path = entry.unwrap().path();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let scene = parse(&name, &text);
        if scene.world.device_count() > postoffice::report::diagram::MAX_PHONES {
            continue;
        }
        let events = replay(&name, &text);
        let model = Model::build(&events, scene.world.device_count(), false);
        // The letters the post office agreed to recall, from the trace itself.
        let recalled: BTreeSet<MsgId> = events
            .iter()
            .filter(|e| matches!(e.what, What::RecallAccepted { .. }))
            .filter_map(|e| e.msg.as_ref().map(|m| m.id))
            .collect();
        assert_eq!(model.recalled, recalled.len(), "{name}");
        let mut marked = 0;
        for a in &model.arrows {
            let e = events
                .iter()
                .find(|e| matches!(e.what, What::FrameOut { id, .. } if id == a.id))
                .unwrap();
            let letter = matches!(a.kind, FrameKind::MsgR | FrameKind::MsgN);
            let of_recalled = e.msg.as_ref().is_some_and(|m| recalled.contains(&m.id));
            assert_eq!(a.recalled, letter && of_recalled, "{name}: {:?}", a.kind);
            marked += usize::from(a.recalled);
        }
        let torn: Vec<bool> = model.rows.iter().map(|r| r.torn).collect();
        for (r, t) in model.rows.iter().zip(&torn) {
            let what = &events[r.event].what;
            let tears = matches!(what, What::Recalled { .. } | What::RecallAccepted { .. });
            assert_eq!(*t, tears, "{name}: {what:?}");
        }
        let scissors = model
            .rows
            .iter()
            .filter(|r| r.torn && r.lane.is_some())
            .count();
        let read = model.arrows.iter().any(|a| a.kind == FrameKind::Read);
        for (k, lang) in [Lang::En, Lang::Zh].into_iter().enumerate() {
            let o = Options {
                lang,
                register: Register::Both,
                settings: &scene.settings,
                heartbeats: false,
                title: "t",
                subtitle: "s",
            };
            let page = svg(&events, &scene.world, &o);
            assert_eq!(page.matches(RECALLED[k]).count(), marked, "{name} {lang:?}");
            assert_eq!(page.matches(r#"class="torn""#).count(), scissors, "{name}");
            assert_eq!(
                page.contains(RECALL_LEGEND[k]),
                !recalled.is_empty(),
                "{name}"
            );
            assert_eq!(page.contains(READ_LEGEND[k]), read, "{name} {lang:?}");
            if read {
                let words = postoffice::words::arrow_words(FrameKind::Read, lang);
                assert!(page.contains(&format!(">{words}<")), "{name}: {words}");
            }
        }
        if !recalled.is_empty() {
            assert!(marked > 0 && scissors > recalled.len(), "{name}");
            with_recall += 1;
        }
        with_read += usize::from(read);
        plain += usize::from(!read && recalled.is_empty());
    }
    assert!(
        with_read > 0 && with_recall > 0 && plain > 10,
        "{with_read} {with_recall} {plain}"
    );
}
