//! The story register: a scene's own texts (title, about, questions, answers, the
//! in-real-life note) may carry a story form, `story: (en: "…", zh: "…")`, shown
//! in `--words story` and nowhere else; a misplaced or malformed one is a located
//! mistake in the file.

mod common;

use common::{postoffice, stderr, stdout};

/// A small scene whose every text of its own has a story form, each marked so it
/// can be found: `ORD-…` in the ordinary form, `STORY-…` in the story form.
const SCENE: &str = r#"(
    title: (en: "ORD-title-en", zh: "ORD-title-zh", story: (en: "STORY-title-en", zh: "STORY-title-zh")),
    about: (
        en: "ORD-about-en",
        zh: "ORD-about-zh",
        story: (en: "STORY-about-en", zh: "STORY-about-zh"),
    ),
    seed: 7,
    users: [
        (id: "lilei",     name: (en: "Li Lei",     zh: "李雷"),   avatar: "boy"),
        (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅"), avatar: "girl"),
    ],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0,    do: Login("lilei")),
        (at_ms: 0,    do: Login("hanmeimei")),
        (at_ms: 1000, do: Send(from: "lilei", to: "hanmeimei", text: (en: "Hello!", zh: "你好！"))),
    ],
    questions: [
        (
            at: Step(letter: "Hello!", step: 4),
            ask: (en: "ORD-ask1-en", zh: "ORD-ask1-zh", story: (en: "STORY-ask1-en", zh: "STORY-ask1-zh")),
            answers: [
                (en: "ORD-answer1-en", zh: "ORD-answer1-zh", story: (en: "STORY-answer1-en", zh: "STORY-answer1-zh")),
                (en: "PLAIN-answer2-en", zh: "PLAIN-answer2-zh"),
            ],
        ),
        (
            at: End,
            ask: (en: "ORD-ask2-en", zh: "ORD-ask2-zh", story: (en: "STORY-ask2-en", zh: "STORY-ask2-zh")),
            answers: [(en: "ORD-answer3-en", zh: "ORD-answer3-zh", story: (en: "STORY-answer3-en", zh: "STORY-answer3-zh"))],
        ),
    ],
    in_real_life: (
        en: "ORD-note-en",
        zh: "ORD-note-zh",
        story: (en: "STORY-note-en", zh: "STORY-note-zh"),
    ),
)
"#;

const MARKED: [&str; 7] = [
    "title", "about", "ask1", "answer1", "ask2", "answer3", "note",
];

fn scene_file(name: &str, text: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn story_forms_show_in_the_story_register_only() {
    let path = scene_file("story_forms.ron", SCENE);
    for lang in ["en", "zh"] {
        for words in ["story", "both", "engineer"] {
            let o = postoffice(&["run", &path, "--lang", lang, "--words", words]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let out = stdout(&o);
            for m in MARKED {
                let story = format!("STORY-{m}-{lang}");
                let ordinary = format!("ORD-{m}-{lang}");
                let (shown, hidden) = if words == "story" {
                    (&story, &ordinary)
                } else {
                    (&ordinary, &story)
                };
                assert!(
                    out.contains(shown.as_str()),
                    "--lang {lang} --words {words}: {shown} is missing:\n{out}"
                );
                assert!(
                    !out.contains(hidden.as_str()),
                    "--lang {lang} --words {words}: {hidden} is shown:\n{out}"
                );
            }
            // A text without a story form is told as it is in every register.
            let plain = format!("PLAIN-answer2-{lang}");
            assert!(out.contains(&plain), "{words} {lang}: {plain}\n{out}");
            // The other language's words never show.
            let other = if lang == "en" { "-zh" } else { "-en" };
            assert!(!out.contains(other), "{words} {lang}: {other}\n{out}");
        }
    }
}

#[test]
fn story_forms_reach_the_scene_as_read() {
    let scene = postoffice::scenario::parse("t.ron", SCENE.as_bytes()).expect("parses");
    use postoffice::sim::Lang;
    use postoffice::words::Register;
    assert_eq!(
        scene.title.told(Lang::En, Register::Story),
        "STORY-title-en"
    );
    assert_eq!(
        scene.title.told(Lang::Zh, Register::Story),
        "STORY-title-zh"
    );
    assert_eq!(scene.title.told(Lang::Zh, Register::Both), "ORD-title-zh");
    let q = &scene.questions[0];
    assert_eq!(
        q.answers[0].told(Lang::En, Register::Story),
        "STORY-answer1-en"
    );
    assert_eq!(
        q.answers[1].told(Lang::En, Register::Story),
        "PLAIN-answer2-en"
    );
    assert_eq!(
        scene
            .in_real_life
            .as_ref()
            .unwrap()
            .told(Lang::En, Register::Engineer),
        "ORD-note-en"
    );
}

fn mistakes(text: &str) -> String {
    match postoffice::scenario::parse("t.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// SCENE with `from` replaced by `to` (once, and it must be there).
fn with(from: &str, to: &str) -> String {
    assert!(SCENE.contains(from), "{from:?} is not in the scene");
    SCENE.replacen(from, to, 1)
}

#[test]
fn a_bad_story_form_is_a_located_mistake() {
    let title_story = r#"story: (en: "STORY-title-en", zh: "STORY-title-zh")"#;
    let cases: &[(String, &str, &str)] = &[
        // Wrapped in Some.
        (
            with(
                title_story,
                r#"story: Some((en: "STORY-title-en", zh: "STORY-title-zh"))"#,
            ),
            "t.ron:2:",
            "title.story: found `Some(...)`; expected a story form in both languages, like story: (en: ",
        ),
        // One plain string.
        (
            with(title_story, r#"story: "STORY-title""#),
            "t.ron:2:",
            "title.story: found one plain string for both languages; expected a story form in both languages",
        ),
        // A language missing.
        (
            with(
                r#"story: (en: "STORY-note-en", zh: "STORY-note-zh")"#,
                r#"story: (en: "STORY-note-en")"#,
            ),
            "t.ron:37:",
            "in_real_life.story: found no `zh` (Chinese); expected a story form",
        ),
        // A language misspelt.
        (
            with(
                r#"story: (en: "STORY-ask2-en", zh: "STORY-ask2-zh")"#,
                r#"story: (en: "STORY-ask2-en", zn: "STORY-ask2-zh")"#,
            ),
            "t.ron:30:",
            "questions[1].ask.story: found the language `zn`; expected a story form",
        ),
        // A story form inside a story form.
        (
            with(
                r#"story: (en: "STORY-ask2-en", zh: "STORY-ask2-zh")"#,
                r#"story: (en: "STORY-ask2-en", zh: "STORY-ask2-zh", story: (en: "x", zh: "y"))"#,
            ),
            "t.ron:30:",
            "questions[1].ask.story: found a story form inside a story form",
        ),
        // Empty words in a story form.
        (
            with(
                r#"(en: "STORY-answer1-en", zh: "STORY-answer1-zh")"#,
                r#"(en: "STORY-answer1-en", zh: " ")"#,
            ),
            "t.ron:24:",
            "questions[0].answers[0].story.zh: found an empty text; expected an answer in words",
        ),
        // A story form where the words are the same in every register: a letter.
        (
            with(
                r#"text: (en: "Hello!", zh: "你好！")"#,
                r#"text: (en: "Hello!", zh: "你好！", story: (en: "Hi", zh: "嗨"))"#,
            ),
            "t.ron:17:",
            "script[2].do.text.story: found a story form; expected none here",
        ),
        // … a name.
        (
            with(
                r#"name: (en: "Li Lei",     zh: "李雷")"#,
                r#"name: (en: "Li Lei", zh: "李雷", story: (en: "Lei", zh: "雷"))"#,
            ),
            "t.ron:10:",
            "users[0].name.story: found a story form; expected none here",
        ),
    ];
    for (text, at, says) in cases {
        let m = mistakes(text);
        assert!(m.starts_with(at), "expected {at}…, got: {m}");
        assert!(m.contains(says), "expected {says:?}, got: {m}");
    }
}

// ---- no technical word in the story register ----

use postoffice::lesson::predict::{Moment as Guess, Outcome as Guessed, Tally};
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Bounce, Lang, Step, What};
use postoffice::words::glossary::technical_in;
use postoffice::words::{self, Context, Register};

const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

/// Every lesson scene: scenes/*.ron.
fn lesson_scenes() -> Vec<(String, Scenario)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenes");
    let files = scenario::scene_files(std::path::Path::new(dir)).expect("scenes/");
    assert!(files.len() >= 11, "found {} scenes", files.len());
    files
        .into_iter()
        .map(|f| {
            let scene = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
            (
                format!("scenes/{}", f.file_name().unwrap().to_string_lossy()),
                scene,
            )
        })
        .collect()
}

/// The scene's own texts as the story register shows them, with their entries.
fn scene_texts(scene: &Scenario, lang: Lang) -> Vec<(String, String)> {
    let s = Register::Story;
    let mut out = vec![("title".to_string(), scene.title.told(lang, s).to_string())];
    if let Some(a) = &scene.about {
        out.push(("about".into(), a.told(lang, s).into()));
    }
    for (i, q) in scene.questions.iter().enumerate() {
        out.push((format!("questions[{i}].ask"), q.ask.told(lang, s).into()));
        for (j, a) in q.answers.iter().enumerate() {
            out.push((
                format!("questions[{i}].answers[{j}]"),
                a.told(lang, s).into(),
            ));
        }
    }
    if let Some(n) = &scene.in_real_life {
        out.push(("in_real_life".into(), n.told(lang, s).into()));
    }
    out
}

/// "where: “text” says word, word" for each text that says a technical word.
fn leaks(texts: impl IntoIterator<Item = (String, String)>, lang: Lang) -> Vec<String> {
    texts
        .into_iter()
        .filter_map(|(at, text)| {
            let found = technical_in(&text, lang);
            (!found.is_empty()).then(|| format!("{at}: {} — “{text}”", found.join(", ")))
        })
        .collect()
}

/// At most this many events of a scene are captioned one by one as the window
/// tells them (rush_hour has far more, all of kinds met before).
const WINDOW_EVENTS: usize = 4000;

/// What the code says in the story register, with the scene's own texts taken
/// out (they are checked on their own, below): `run --words story` whole (the
/// header, the timeline and its ♥ lines, questions, the recap, the summary, the
/// expectations), and the words the window takes from the words layer (every
/// event's caption and tag told one by one, step and road names, stamps, predict
/// mode's words).
#[test]
fn the_code_says_no_technical_word_in_the_story_register() {
    let mut found = Vec::new();
    for (file, scene) in lesson_scenes() {
        for ((lang, l), every) in LANGS.into_iter().flat_map(|l| [(l, false), (l, true)]) {
            let mut args = vec!["run", &file, "--lang", l, "--words", "story"];
            if every {
                args.push("--heartbeats");
            }
            let o = postoffice(&args);
            assert!(o.status.code() == Some(0), "{file}: {}", stderr(&o));
            let mut out = stdout(&o);
            // The scene's own texts, longest first, are not the code's.
            let mut own: Vec<String> = scene_texts(&scene, lang)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            own.sort_by_key(|t| std::cmp::Reverse(t.len()));
            for t in own.iter().filter(|t| !t.is_empty()) {
                out = out.replace(t.as_str(), "");
            }
            found.extend(leaks(
                out.lines().map(|line| {
                    (
                        format!(
                            "{file} {} --lang {l}",
                            if every { "run --heartbeats" } else { "run" }
                        ),
                        line.to_string(),
                    )
                }),
                lang,
            ));
            // The window, one event at a time.
            let mut sim = scene.sim(None, true);
            sim.run();
            let events = sim.take_events();
            let ctx = Context::new(&scene.world, &scene.settings, &events);
            let mut told = Vec::new();
            // The events the window tells (its event list also lists heartbeats,
            // logins and lost frames, as the panel's filters allow).
            let shown = |e: &postoffice::sim::Event| {
                e.is_narrated()
                    || matches!(
                        e.what,
                        What::Heartbeat | What::LoginAttempt | What::FrameLost { .. }
                    )
            };
            for (i, e) in events.iter().enumerate().take(WINDOW_EVENTS) {
                if !shown(e) {
                    continue;
                }
                let at = format!("{file} window event {i} --lang {l}");
                told.push((at.clone(), words::caption(&ctx, i, lang, Register::Story)));
                told.push((at.clone(), words::stage_label(e, lang)));
                told.push((at, words::tag(e, lang)));
            }
            for line in words::recap(&ctx, lang, Register::Story) {
                told.push((format!("{file} window recap --lang {l}"), line));
            }
            found.extend(leaks(told, lang));
        }
    }
    // The words that are the same in every scene.
    for (lang, l) in LANGS {
        let mut told: Vec<(String, String)> = Vec::new();
        let mut add = |what: &str, t: &str| told.push((format!("{what} --lang {l}"), t.into()));
        for s in Step::ALL {
            add("step name", words::step_name(s, lang));
            add("step place", words::step_place(s, lang));
        }
        for b in Bounce::ALL {
            add("stamp", words::stamp(b, lang));
        }
        add("register", Register::Story.label(lang));
        for g in [
            Guess::Verdict,
            Guess::Route,
            Guess::Fate,
            Guess::Retry,
            Guess::Copy,
            Guess::Shelf,
        ] {
            add("predict moment", words::predict::moment(g, lang));
        }
        let world = &lesson_scenes()[0].1.world;
        let mut outcomes = vec![
            Guessed::Accepted,
            Guessed::Forwarded,
            Guessed::Shelved,
            Guessed::Lost,
            Guessed::Arrives,
            Guessed::SentAgain,
            Guessed::GivesUp,
            Guessed::Waits,
            Guessed::Recognised,
            Guessed::ShownTwice,
            Guessed::Unshelved,
            Guessed::StaysOnShelf,
        ];
        outcomes.extend(Bounce::ALL.map(Guessed::Returned));
        for o in outcomes {
            for to in [None, Some(postoffice::sim::UserIdx(0))] {
                add(
                    "predict answer",
                    &words::predict::outcome(o, lang, world, to),
                );
            }
        }
        add("predict", words::predict::what_next(lang));
        add("predict", words::predict::verdict(true, lang));
        add("predict", words::predict::verdict(false, lang));
        add(
            "predict",
            &words::predict::tally(Tally { right: 2, asked: 3 }, lang),
        );
        for t in words::glossary(lang) {
            add("glossary's story word", t.story);
        }
        // The window's own labels.
        use postoffice::sim::{Dir, FrameClass};
        use postoffice::words::window as win;
        let s = Register::Story;
        add("heard", &win::heard_ago(3, None, lang, s));
        add("heard", &win::heard_ago(3, Some("Lucy"), lang, s));
        add("button", win::heartbeats_button(true, lang, s));
        add("button", win::heartbeats_button(false, lang, s));
        add("filter", win::heartbeats_filter(lang, s));
        for dir in [Dir::ToServer, Dir::ToPhone] {
            for c in [
                FrameClass::Message,
                FrameClass::Ack,
                FrameClass::Heartbeat,
                FrameClass::Any,
            ] {
                add("armed fault", &win::armed(dir, c, "Han Meimei", lang, s));
            }
        }
        add("inspector", win::heartbeat_heading(lang, s));
        let (field, value) = win::heartbeat_kind(lang, s);
        add("inspector", field);
        add("inspector", value);
        add("inspector", win::heartbeats_so_far(lang, s));
        found.extend(leaks(told, lang));
    }
    assert!(
        found.is_empty(),
        "{} technical words said in the story register:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The scene files' own texts as the story register shows them (their story
/// forms where they have one): title, about, questions, answers, note.
#[test]
fn the_scenes_say_no_technical_word_in_the_story_register() {
    let mut found = Vec::new();
    for (file, scene) in lesson_scenes() {
        for (lang, l) in LANGS {
            found.extend(leaks(
                scene_texts(&scene, lang)
                    .into_iter()
                    .map(|(at, t)| (format!("{file} {at} ({l})"), t)),
                lang,
            ));
        }
    }
    assert!(
        found.is_empty(),
        "{} scene texts say a technical word in the story register (give them a story form):\n{}",
        found.len(),
        found.join("\n")
    );
}
