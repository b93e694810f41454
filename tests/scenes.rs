//! Every scene in `scenes/` runs headless, its expectations hold, and it runs the
//! same way twice; the hello scene walks the nine steps in order. Every lesson scene
//! is told as `postoffice run` tells it, in both languages and all three registers,
//! against its golden file (`tests/snapshots/`), each one read by a person.

use std::path::PathBuf;

use postoffice::report::{json_lines, write_text};
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Event, Lang, Step};
use postoffice::words::Register;

fn scene_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"))
        .expect("scenes/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

fn run(scene: &Scenario, seed: Option<u64>) -> Vec<Event> {
    let mut sim = scene.sim(seed, true);
    sim.run();
    sim.take_events()
}

#[test]
fn every_scene_runs_and_its_expectations_hold() {
    let files = scene_files();
    assert!(
        files.len() >= 11,
        "a scene for every lesson, found {}",
        files.len()
    );
    for f in files {
        let scene = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !scene.expect.is_empty(),
            "{}: pins its lesson with expectations",
            f.display()
        );
        assert_ne!(
            scene.title.en,
            scene.title.zh,
            "{}: a title in both languages",
            f.display()
        );
        let events = run(&scene, None);
        for o in scenario::check(&scene.expect, &events, &scene.world) {
            assert!(
                o.holds,
                "{}: {} — {:?} (seed {})",
                f.display(),
                o.expectation,
                o.detail,
                scene.seed
            );
        }
    }
}

#[test]
fn every_scene_gives_the_same_trace_twice() {
    for f in scene_files() {
        let scene = scenario::load(&f).unwrap();
        let a = json_lines(
            &run(&scene, None),
            &scene.world,
            &scene.settings,
            Register::Both,
        );
        let b = json_lines(
            &run(&scene, None),
            &scene.world,
            &scene.settings,
            Register::Both,
        );
        assert!(!a.is_empty());
        assert!(
            a == b,
            "{}: two runs with seed {} differ",
            f.display(),
            scene.seed
        );
    }
}

#[test]
fn another_seed_changes_a_lossy_run() {
    let scene = scenario::load("scenes/bad_network.ron").unwrap();
    let a = json_lines(
        &run(&scene, Some(1)),
        &scene.world,
        &scene.settings,
        Register::Both,
    );
    let b = json_lines(
        &run(&scene, Some(2)),
        &scene.world,
        &scene.settings,
        Register::Both,
    );
    assert_ne!(a, b);
}

#[test]
fn hello_passes_the_nine_steps_in_order() {
    let scene = scenario::load("scenes/hello.ron").unwrap();
    let steps: Vec<Step> = run(&scene, None).iter().filter_map(Event::step).collect();
    assert_eq!(steps, Step::ALL.to_vec());
}

/// The scenes a class is taught with (the crowds are for the window).
const LESSONS: [&str; 27] = [
    "hello",
    "not_friends",
    "blocked",
    "unknown_user",
    "offline_mailbox",
    "tunnel",
    "lost_ack",
    "lost_message",
    "bad_network",
    "group",
    "post_office_closed",
    "same_time",
    "numbered",
    "online_pushed",
    "online_pulled",
    "typing",
    "send_again",
    "group_members",
    "app_closed",
    "app_closed_fetched",
    "read_receipts",
    "recall",
    "parcels",
    "two_devices",
    "new_phone",
    "new_phone_history",
    "sealed",
];

/// A lesson scene as `postoffice run FILE --lang L --words W` prints it.
fn told(name: &str, lang: Lang, reg: Register) -> String {
    let scene = scenario::load(format!("scenes/{name}.ron")).unwrap();
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    let mut out = Vec::new();
    write_text(
        &mut out, &scene, scene.seed, &sim, &events, &outcomes, lang, reg, false,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_lesson_in_both_languages_and_every_register() {
    for name in LESSONS {
        for (lang, l) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
            for reg in Register::ALL {
                insta::assert_snapshot!(
                    format!("{name}_{l}_{}", reg.name()),
                    told(name, lang, reg)
                );
            }
        }
    }
}

/// Whether `s` has a Latin letter outside what may stay as it is in a Chinese run:
/// the file's name, a command's option, a brand, a packet code or id.
fn english_left(s: &str, allowed: &[&str]) -> Option<String> {
    let mut rest = s.to_string();
    for a in allowed {
        rest = rest.replace(a, "");
    }
    rest.lines()
        .find(|l| l.chars().any(|c| c.is_ascii_alphabetic()))
        .map(str::to_string)
}

#[test]
fn chinese_runs_have_no_english_left() {
    for name in LESSONS {
        let scene = scenario::load(format!("scenes/{name}.ron")).unwrap();
        let ids: Vec<String> = scene
            .world
            .people
            .iter()
            .map(|p| p.id.to_string())
            .collect();
        // Brands: apps, push services (APNs, FCM) and phone makers (OPPO, vivo).
        let mut allowed: Vec<&str> = vec![
            "--heartbeats",
            "WhatsApp",
            "Signal",
            "iMessage",
            "QQ",
            "Telegram",
            "Slack",
            "APNs",
            "FCM",
            "OPPO",
            "vivo",
        ];
        let file = format!("scenes/{name}.ron");
        allowed.push(&file);
        for reg in [Register::Story, Register::Both] {
            let out = told(name, Lang::Zh, reg);
            // Ids may stand where the scene names an address (unknown_user).
            let mut with_ids = allowed.clone();
            with_ids.extend(ids.iter().map(String::as_str));
            if let Some(line) = english_left(&out, &with_ids) {
                panic!("{name} ({}): English left in: {line}", reg.name());
            }
        }
    }
}

#[test]
fn no_plural_in_brackets() {
    for name in LESSONS {
        for lang in [Lang::En, Lang::Zh] {
            for reg in Register::ALL {
                let out = told(name, lang, reg);
                assert!(!out.contains("(s)"), "{name}: {out}");
            }
        }
    }
}

#[test]
fn bad_network_is_a_story_a_class_can_follow() {
    for lang in [Lang::En, Lang::Zh] {
        for reg in Register::ALL {
            let out = told("bad_network", lang, reg);
            let timeline = out.split("\n\n").nth(1).unwrap();
            let lines = timeline.lines().count();
            assert!(lines <= 60, "{lines} lines of timeline ({})", reg.name());
        }
    }
    let out = told("bad_network", Lang::En, Register::Both);
    assert!(out.contains("In all"), "a closing tally: {out}");
    assert!(out.contains("Order kept"), "{out}");
}

/// Terminal-like width: a Chinese character is as wide as two Latin letters.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn every_window_caption_fits_the_caption_bar() {
    use postoffice::lesson::Lesson;
    use postoffice::words::{Context, caption};
    // Two lines of the window's caption at 1280 × 720: about 100 Latin letters or
    // 49 Chinese characters a line (English wraps at words, so a little less).
    const MOST: usize = 200;
    for name in LESSONS {
        let scene = std::sync::Arc::new(scenario::load(format!("scenes/{name}.ron")).unwrap());
        let mut lesson = Lesson::new(scene.clone());
        lesson.finish();
        let trace = lesson.trace();
        let ctx = Context::told_from(&scene.world, &scene.settings, trace, lesson.trace_end(0));
        for beat in lesson.beats() {
            for reg in Register::ALL {
                for lang in [Lang::En, Lang::Zh] {
                    let c = caption(&ctx, beat.event(), lang, reg);
                    assert!(
                        width(&c) <= MOST + 12,
                        "{name} ({}): {} wide: {c}",
                        reg.name(),
                        width(&c)
                    );
                }
            }
        }
    }
}

/// Every scene, the two crowds too, opens with what to watch, asks questions at
/// its moments and on the recap card, and ends with what a real app shows.
#[test]
fn every_scene_has_an_about_card_questions_and_a_note() {
    use postoffice::scenario::Moment;
    for f in scene_files() {
        let scene = scenario::load(&f).unwrap();
        let name = f.display();
        assert!(scene.about.is_some(), "{name}: an about card");
        assert!(scene.in_real_life.is_some(), "{name}: an in-real-life note");
        let at_end = scene.questions.iter().filter(|q| q.at == Moment::End);
        assert!(at_end.count() >= 1, "{name}: a question on the recap card");
        assert!(
            scene.questions.iter().any(|q| q.at != Moment::End),
            "{name}: a question during the story"
        );
    }
}

/// One heartbeat setting for every scene, so that no two slides contradict each
/// other; and, as real servers do, the post office waits for more than one missed
/// "still here" (its timeout is at least two intervals) before it takes a phone
/// for gone.
#[test]
fn every_scene_keeps_the_same_patient_heartbeat() {
    let mut settings = std::collections::BTreeSet::new();
    for f in scene_files() {
        let scene = scenario::load(&f).unwrap();
        let hb = scene.settings.heartbeat;
        assert!(
            hb.timeout_ms >= 2 * hb.interval_ms,
            "{}: a timeout of {} ms waits for less than two missed beats every {} ms",
            f.display(),
            hb.timeout_ms,
            hb.interval_ms
        );
        settings.insert((hb.interval_ms, hb.timeout_ms));
    }
    assert_eq!(
        settings.len(),
        1,
        "one setting for all scenes: {settings:?}"
    );
}

/// Chinese as a Chinese teacher writes it, in every lesson and register: a letter
/// is “X”这封信 or “X”, never the apposition 信“X”; no 对…的回复; Chinese question
/// marks; one spacing of 第 N 步; and, in either language, no letter's words cut
/// short in a sentence (“Call me when you see…”).
#[test]
fn the_words_read_as_written_not_translated() {
    use postoffice::sim::Action;
    for name in LESSONS.iter().chain(&["classroom"]) {
        let scene = scenario::load(format!("scenes/{name}.ron")).unwrap();
        let letters: Vec<&postoffice::sim::Text> = scene
            .script
            .iter()
            .filter_map(|(_, a)| match a {
                Action::Send { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        for reg in Register::ALL {
            let zh = told(name, Lang::Zh, reg);
            for bad in ["信“", "的回复", "?", "韩梅梅的火车"] {
                if let Some(line) = zh.lines().find(|l| l.contains(bad)) {
                    panic!("{name} ({}): “{bad}” in: {line}", reg.name());
                }
            }
            let unspaced = zh.lines().find(|l| {
                let c: Vec<char> = l.chars().collect();
                c.windows(2).any(|w| w[0] == '第' && w[1].is_ascii_digit())
            });
            assert!(unspaced.is_none(), "{name}: 第N步 unspaced: {unspaced:?}");
            for (lang, out) in [(Lang::En, told(name, Lang::En, reg)), (Lang::Zh, zh)] {
                for t in &letters {
                    let words: Vec<char> = t.get(lang).chars().collect();
                    for cut in 1..words.len() {
                        let start: String = words[..cut].iter().collect();
                        let cut_short = format!("“{}…”", start.trim_end());
                        assert!(
                            !out.contains(&cut_short),
                            "{name} ({}): {cut_short} is cut short",
                            reg.name()
                        );
                    }
                }
            }
        }
    }
}

/// The two crowds as `run` tells them: the opening, the first letters' steps, and
/// the recap card with the summary (their whole timelines run to thousands of lines).
fn told_briefly(name: &str, lang: Lang, reg: Register) -> String {
    let out = told(name, lang, reg);
    let lines: Vec<&str> = out.lines().collect();
    let first_letter = lines
        .iter()
        .position(|l| l.contains("1/9 ") || l.contains("第 1 步"))
        .expect("a letter is written");
    let recap = lines
        .iter()
        .position(|l| *l == "Recap" || *l == "回顾")
        .expect("a recap card");
    let mut kept: Vec<&str> = lines[..8].to_vec();
    kept.push("  …");
    kept.extend(&lines[first_letter..(first_letter + 40).min(recap)]);
    kept.push("  …");
    kept.extend(&lines[recap..]);
    kept.join("\n")
}

#[test]
fn the_crowds_first_steps_and_recap_in_both_languages_and_every_register() {
    for name in ["classroom", "rush_hour"] {
        for (lang, l) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
            for reg in Register::ALL {
                insta::assert_snapshot!(
                    format!("{name}_{l}_{}", reg.name()),
                    told_briefly(name, lang, reg)
                );
            }
        }
    }
}
