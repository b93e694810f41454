//! `postoffice diagram`: the SVG is well-formed XML, with a lane per actor headed by
//! its name, an arrow per frame of the JSON trace of the same run (fewer with the
//! heartbeats folded), a ✗ on every lost frame, the nine steps numbered, a caption
//! per narrated event; the same bytes twice; bad files and bad `--out` refused.

mod common;

use std::path::{Path, PathBuf};

use common::{postoffice, scratch, stderr};

/// Draws `scene` with `args` into `dir` and returns the SVG's text.
fn diagram(dir: &Path, name: &str, scene: &str, args: &[&str]) -> String {
    let out = dir.join(name);
    let out_s = out.display().to_string();
    let mut all = vec!["diagram", scene, "--out", &out_s];
    all.extend_from_slice(args);
    let o = postoffice(&all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::read_to_string(&out).expect("the diagram was written")
}

/// The JSON trace of the same run, one value per event.
fn trace(scene: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["run", scene, "--format", "json"];
    all.extend_from_slice(args);
    let o = postoffice(&all);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn has_class(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

fn with_class<'a>(doc: &'a roxmltree::Document, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| has_class(n, class)).collect()
}

fn text_of(n: &roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn kinds(trace: &[serde_json::Value], kind: &str) -> Vec<serde_json::Value> {
    trace
        .iter()
        .filter(|v| v["kind"] == kind)
        .cloned()
        .collect()
}

#[test]
fn hello_is_an_svg_with_a_lane_per_actor_and_an_arrow_per_frame() {
    let dir = scratch("diagram-hello");
    let svg = diagram(&dir, "hello.svg", "scenes/hello.ron", &["--heartbeats"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );

    let lanes = with_class(&doc, "lane");
    let actors: Vec<_> = lanes.iter().map(|l| l.attribute("data-actor")).collect();
    assert_eq!(
        actors,
        [Some("lilei"), Some("post_office"), Some("hanmeimei")],
        "the post office in the middle"
    );
    for (lane, name) in lanes.iter().zip(["Li Lei", "Post office", "Han Meimei"]) {
        let names: Vec<_> = lane
            .descendants()
            .filter(|n| n.has_tag_name("text") && has_class(n, "name"))
            .map(|n| text_of(&n))
            .collect();
        assert_eq!(names, [name, name], "headed (and footed) by {name}");
    }

    let json = trace("scenes/hello.ron", &[]);
    let out = kinds(&json, "frame_out");
    let arrows = with_class(&doc, "arrow");
    assert_eq!(arrows.len(), out.len(), "one arrow per frame_out");
    let mut ids: Vec<u64> = arrows
        .iter()
        .map(|a| a.attribute("data-frame").unwrap().parse().unwrap())
        .collect();
    ids.sort_unstable();
    let mut want: Vec<u64> = out
        .iter()
        .map(|f| f["frame_id"].as_u64().unwrap())
        .collect();
    want.sort_unstable();
    assert_eq!(ids, want);

    // The nine steps of the letter, numbered once each.
    let steps: Vec<_> = with_class(&doc, "step")
        .iter()
        .map(|s| s.attribute("data-step").unwrap().to_string())
        .collect();
    assert_eq!(steps, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    // A caption per narrated event, with its sentence.
    let narrated = json.iter().filter(|v| v["stage"] != "background").count();
    assert_eq!(with_class(&doc, "caption").len(), narrated);
    let captions: String = with_class(&doc, "captions").iter().map(text_of).collect();
    assert!(captions.contains("9/9 Display"), "{captions}");
    assert!(captions.contains("next to Li Lei's avatar."), "{captions}");
    // The wait before the letter is a band that says how long it was.
    assert!(svg.contains("… 0.8\u{a0}s later …"));
    assert!(svg.contains("xml:lang=\"en\""));
}

#[test]
fn folded_heartbeats_leave_fewer_arrows_and_a_note_per_phone() {
    let dir = scratch("diagram-folded");
    let svg = diagram(&dir, "hello.svg", "scenes/hello.ron", &[]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let json = trace("scenes/hello.ron", &[]);
    let out = kinds(&json, "frame_out");
    let upkeep = out
        .iter()
        .filter(|f| f["frame"] == "heartbeat" || f["frame"] == "heartbeat-reply")
        .count();
    assert!(upkeep > 0);
    let arrows = with_class(&doc, "arrow");
    assert_eq!(arrows.len(), out.len() - upkeep);
    assert!(
        arrows
            .iter()
            .all(|a| !a.attribute("data-kind").unwrap().starts_with("heartbeat"))
    );
    let notes = with_class(&doc, "note");
    assert_eq!(notes.len(), 2, "one note per phone");
    let words: Vec<String> = notes
        .iter()
        .map(|n| {
            n.descendants()
                .filter(|t| has_class(t, "note-text"))
                .map(|t| text_of(&t))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        words[0].starts_with("♥ Li Lei's phone and the post office, between 5.149 s and 25.195 s: 5 heartbeats and 5 answers."),
        "{words:?}"
    );
    assert!(words[1].starts_with("♥ Han Meimei's phone"), "{words:?}");
}

#[test]
fn lost_frames_end_in_a_cross() {
    let dir = scratch("diagram-lost");
    let svg = diagram(
        &dir,
        "lost_ack.svg",
        "scenes/lost_ack.ron",
        &["--heartbeats"],
    );
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let json = trace("scenes/lost_ack.ron", &[]);
    let lost: Vec<String> = kinds(&json, "frame_lost")
        .iter()
        .map(|f| f["frame_id"].to_string())
        .collect();
    assert_eq!(lost.len(), 2, "lost_ack loses two receipts");
    assert_eq!(
        with_class(&doc, "arrow").len(),
        kinds(&json, "frame_out").len()
    );
    for a in with_class(&doc, "arrow") {
        let id = a.attribute("data-frame").unwrap().to_string();
        let crossed = a
            .descendants()
            .any(|n| has_class(&n, "lost") && text_of(&n) == "✗");
        assert_eq!(has_class(&a, "lost"), lost.contains(&id), "frame {id}");
        assert_eq!(
            crossed,
            lost.contains(&id),
            "frame {id} has a ✗ only if lost"
        );
    }
}

#[test]
fn chinese_names_and_words_with_lang_zh() {
    let dir = scratch("diagram-zh");
    let svg = diagram(
        &dir,
        "offline.svg",
        "scenes/offline_mailbox.ron",
        &["--lang", "zh"],
    );
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let names: Vec<String> = doc
        .descendants()
        .filter(|n| has_class(n, "name"))
        .map(|n| text_of(&n))
        .collect();
    for name in ["李雷", "邮局", "韩梅梅"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(svg.contains("xml:lang=\"zh-Hans\""));
    assert!(svg.contains("Noto Sans CJK SC"));
    assert!(svg.contains("离线信架"), "the side road's Chinese name");
    // Three letters: each arrow and row names its letter.
    assert!(svg.contains("信 #3"));
    assert!(!svg.contains("Post office"));
}

#[test]
fn the_same_scene_and_seed_make_the_same_bytes() {
    let dir = scratch("diagram-same");
    let a = diagram(&dir, "a.svg", "scenes/lost_ack.ron", &["--lang", "zh"]);
    let b = diagram(&dir, "b.svg", "scenes/lost_ack.ron", &["--lang", "zh"]);
    assert_eq!(a, b);
    let other = diagram(
        &dir,
        "c.svg",
        "scenes/lost_ack.ron",
        &["--seed", "3", "--words", "engineer"],
    );
    assert!(other.contains("seed 3"));
    // The seed is a technical word: not in the story's words, nor in both.
    for words in ["story", "both"] {
        let svg = diagram(
            &dir,
            "d.svg",
            "scenes/lost_ack.ron",
            &["--seed", "3", "--words", words],
        );
        assert!(!svg.contains("seed"), "--words {words}");
    }
}

#[test]
fn words_picks_the_register_of_the_captions() {
    let dir = scratch("diagram-words");
    let story = diagram(&dir, "s.svg", "scenes/lost_ack.ron", &["--words", "story"]);
    let both = diagram(&dir, "b.svg", "scenes/lost_ack.ron", &[]);
    let engineer = diagram(
        &dir,
        "e.svg",
        "scenes/lost_ack.ron",
        &["--words", "engineer"],
    );
    // The story names no technical part; both names them beside the story's word;
    // the engineer speaks in packets.
    assert!(!story.contains("network module"), "story");
    assert!(both.contains("network module"), "both");
    assert!(engineer.contains("msg:R"), "engineer");
    // (Arrows carry their packet as a data attribute in every register.)
    let seen = |svg: &str| svg.replace("data-kind=\"msg:R\"", "");
    assert!(!seen(&story).contains("msg:R") && !seen(&both).contains("msg:R"));
    assert!(seen(&engineer).contains("msg:R"));
    let zh = diagram(
        &dir,
        "z.svg",
        "scenes/lost_ack.ron",
        &["--lang", "zh", "--words", "story"],
    );
    assert!(!zh.contains("网络模块"), "story in Chinese");
}

#[test]
fn until_cuts_the_run_short() {
    let dir = scratch("diagram-until");
    let svg = diagram(&dir, "cut.svg", "scenes/hello.ron", &["--until", "1100"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let json = trace("scenes/hello.ron", &["--until", "1100"]);
    assert_eq!(
        with_class(&doc, "arrow").len(),
        kinds(&json, "frame_out").len()
    );
    assert!(!svg.contains("9/9 Display"));
}

#[test]
fn names_from_the_scene_are_escaped() {
    let dir = scratch("diagram-escape");
    let text = std::fs::read_to_string("scenes/hello.ron")
        .unwrap()
        .replace(
            r#"name: (en: "Li Lei","#,
            "name: (en: \"Li <b>Lei</b> & \\\"co\\\" \u{202e}x\",",
        );
    let scene = dir.join("odd.ron");
    std::fs::write(&scene, text).unwrap();
    let svg = diagram(&dir, "odd.svg", scene.to_str().unwrap(), &[]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let names: Vec<String> = doc
        .descendants()
        .filter(|n| has_class(n, "name"))
        .map(|n| text_of(&n))
        .collect();
    assert!(
        names.contains(&"Li <b>Lei</b> & \"co\" \\u{202e}x".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_bad_file_exits_2_with_its_place_and_writes_nothing() {
    let dir = scratch("diagram-bad");
    let out: PathBuf = dir.join("bad.svg");
    let o = postoffice(&[
        "diagram",
        "tests/bad/misspelt_id.ron",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("tests/bad/misspelt_id.ron:8:51: script[2].do.to:"),
        "{err}"
    );
    assert!(err.contains("did you mean \"hanmeimei\"?"), "{err}");
    assert!(!out.exists());
    // The same message as `run` gives.
    let run = postoffice(&["run", "tests/bad/misspelt_id.ron"]);
    assert_eq!(stderr(&run), err);
}

#[test]
fn a_missing_or_unwritable_out_exits_2() {
    let o = postoffice(&["diagram", "scenes/hello.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));

    let dir = scratch("diagram-unwritable");
    let out = dir.join("no such folder").join("hello.svg");
    let o = postoffice(&[
        "diagram",
        "scenes/hello.ron",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("postoffice diagram: cannot write "),
        "{err}"
    );
    assert!(err.contains("hello.svg"), "{err}");

    // A folder is not a file to write.
    let o = postoffice(&[
        "diagram",
        "scenes/hello.ron",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn a_crowd_is_refused_as_too_wide_for_a_page() {
    let dir = scratch("diagram-crowd");
    let out = dir.join("crowd.svg");
    let o = postoffice(&[
        "diagram",
        "scenes/classroom.ron",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most 12"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// A scene of two people who write to each other every 10 ms, `n` letters in all,
/// on a network that loses `loss` of the frames.
fn exchange(n: usize, loss: f64) -> String {
    let mut s = format!(
        r#"(
    title: (en: "Many letters", zh: "很多信"),
    seed: 7,
    network: (latency_ms: (40, 120), loss: {loss}),
    heartbeat: (interval_ms: 5000, timeout_ms: 12000),
    retry: (check_ms: 5000, grace_ms: 3000, max_retries: 2),
    users: [
        (id: "a", name: (en: "Ann", zh: "安"), avatar: "boy"),
        (id: "b", name: (en: "Bob", zh: "鲍"), avatar: "girl"),
    ],
    friends: [("a", "b")],
    script: [
        (at_ms: 0, do: Login("a")),
        (at_ms: 0, do: Login("b")),
"#
    );
    for i in 0..n {
        let (from, to) = if i % 2 == 0 { ("a", "b") } else { ("b", "a") };
        s.push_str(&format!(
            "        (at_ms: {}, do: Send(from: \"{from}\", to: \"{to}\", text: (en: \"L{i}\", zh: \"信{i}\"))),\n",
            1000 + 10 * i
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

/// The diagram of `n` letters exchanged: its size (captions, arrows) and the inner-
/// loop steps drawing it took.
fn drawn(n: usize, loss: f64, heartbeats: bool) -> (usize, usize, u64) {
    use postoffice::report::diagram;
    let scene = postoffice::scenario::parse("exchange.ron", exchange(n, loss).as_bytes())
        .expect("a valid scene");
    let mut sim = scene.sim(None, true);
    assert!(sim.run_at_most(10 * postoffice::scenario::size::LIMIT));
    let events = sim.take_events();
    let options = diagram::Options {
        lang: postoffice::sim::Lang::En,
        register: postoffice::words::Register::Both,
        settings: &scene.settings,
        heartbeats,
        title: "Many letters",
        subtitle: "exchange.ron",
    };
    let before = diagram::steps();
    let svg = diagram::svg(&events, &scene.world, &options);
    let steps = diagram::steps() - before;
    let captions = svg.matches(r#"<g class="caption""#).count();
    let arrows = svg.matches(r#"<g class="arrow"#).count();
    (captions, arrows, steps)
}

/// The work grows with the run, not with its square: twice the letters take about
/// twice the steps (a quadratic search, such as every arrow looking through every
/// row for its ends, takes four times as many).
#[test]
fn twice_the_letters_take_about_twice_the_work() {
    for (loss, heartbeats) in [(0.0, false), (0.1, true)] {
        let (c1, a1, w1) = drawn(150, loss, heartbeats);
        let (c2, a2, w2) = drawn(300, loss, heartbeats);
        // The run itself doubled...
        let grew = |small: usize, big: usize| (1.8..2.3).contains(&(big as f64 / small as f64));
        assert!(
            grew(c1, c2) && grew(a1, a2),
            "{c1}→{c2} captions, {a1}→{a2} arrows"
        );
        // ...and so did the work, no more.
        let ratio = w2 as f64 / w1 as f64;
        assert!(
            w1 > 0 && ratio < 2.5,
            "loss {loss}: {w1} steps for 150 letters, {w2} for 300 ({ratio:.2}×)"
        );
    }
}

/// The model both painters draw, for every scene that fits a page, folded and
/// not: each frame put on a wire is one arrow or counted in its phone's note;
/// an arrow leaves at its frame's departure and ends at its arrival or its loss;
/// rows are the narrated events in order, each under its moment; lanes switch
/// on and off in turn.
#[test]
fn the_model_has_an_arrow_or_a_note_for_every_frame_and_ends_at_their_times() {
    use postoffice::report::diagram::Model;
    use postoffice::report::diagram::model::Spot;
    use postoffice::sim::What;
    let mut scenes: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes"))
            .expect("scenes/")
            .map(|e| e.expect("an entry").path())
            .collect();
    scenes.sort();
    let mut checked = 0;
    for path in scenes {
        let scene = postoffice::scenario::load(&path).expect("a valid scene");
        let phones = scene.world.device_count();
        if phones > postoffice::report::diagram::MAX_PHONES {
            continue;
        }
        let mut sim = scene.sim(None, true);
        assert!(sim.run_at_most(10 * postoffice::scenario::size::LIMIT));
        let events = sim.take_events();
        for heartbeats in [false, true] {
            let m = Model::build(&events, phones, heartbeats);
            let name = format!("{} (heartbeats {heartbeats})", path.display());
            let at = |s: Spot| match s {
                Spot::Row(k) => m.rows[k].at,
                Spot::Moment(k) => m.moments[k].at,
            };
            let mut out = std::collections::BTreeMap::new();
            let mut lost = std::collections::BTreeMap::new();
            for e in &events {
                match e.what {
                    What::FrameOut { id, arrives, .. } => {
                        out.insert(id, (e.at, arrives));
                    }
                    What::FrameLost { id, .. } => {
                        lost.insert(id, e.at);
                    }
                    _ => {}
                }
            }
            let folded: u32 = m
                .notes
                .iter()
                .map(|(_, n)| n.beats + n.answers + n.logins_lost)
                .sum();
            assert_eq!(m.arrows.len() + folded as usize, out.len(), "{name}");
            if heartbeats {
                assert_eq!(folded, 0, "{name}");
            }
            for a in &m.arrows {
                let (left, arrives) = out[&a.id];
                assert_eq!(at(a.leaves), left, "{name}: frame {:?} leaves", a.id);
                let end = if a.lost { lost[&a.id] } else { arrives };
                assert_eq!(a.lost, lost.contains_key(&a.id), "{name}");
                assert_eq!(at(a.reaches), end, "{name}: frame {:?} ends", a.id);
            }
            let narrated: Vec<usize> = (0..events.len())
                .filter(|&i| events[i].is_narrated())
                .collect();
            let rows: Vec<usize> = m.rows.iter().map(|r| r.event).collect();
            assert_eq!(rows, narrated, "{name}");
            for (k, r) in m.rows.iter().enumerate() {
                assert!(m.moments[r.moment].rows.contains(&k), "{name}");
                assert_eq!(m.moments[r.moment].at, r.at, "{name}");
            }
            for line in &m.lanes {
                let mut on = line.on;
                for &(_, now) in &line.switches {
                    assert_ne!(now, on, "{name}: {:?} switched to what it was", line.lane);
                    on = now;
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} drawn");
}

/// News about people (issue 22): in a story with dots and "typing…", every
/// presence and typing frame of the trace is an arrow of class `news`, drawn dotted
/// (a lost one dashed) and lighter, and the legend says what the dotted arrows are;
/// no other arrow is dotted. A story without them has no such arrow, no such line
/// in its legend and nothing lighter.
#[test]
fn news_about_people_is_dotted_and_lighter_and_the_legend_says_so() {
    let dir = scratch("diagram-news");
    let scene = dir.join("online.ron");
    std::fs::write(
        &scene,
        r#"(
    title: "Who is online",
    presence: Pull(every_ms: 4000),
    typing_before_send_ms: 1500,
    seed: 2,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 3000, do: Login("hanmeimei")),
        (at_ms: 6000, do: Send(from: "lilei", to: "hanmeimei", text: "Hi")),
        (at_ms: 12000, do: Logout("hanmeimei")),
    ],
    until_ms: 20000,
)"#,
    )
    .unwrap();
    let scene = scene.display().to_string();
    for lang in ["en", "zh"] {
        let svg = diagram(&dir, "online.svg", &scene, &["--lang", lang]);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let news_kinds = ["presence?", "presence", "typing"];
        let trace = trace(&scene, &[]);
        let want = trace
            .iter()
            .filter(|v| v["kind"] == "frame_out" && news_kinds.iter().any(|k| v["frame"] == *k))
            .count();
        let arrows = with_class(&doc, "arrow");
        let news: Vec<_> = arrows.iter().filter(|a| has_class(a, "news")).collect();
        assert!(want > 5, "the story has news frames: {want}");
        assert_eq!(news.len(), want, "{lang}: an arrow per news frame");
        for a in &arrows {
            let kind = a.attribute("data-kind").unwrap_or("");
            let is_news = news_kinds.contains(&kind);
            assert_eq!(has_class(a, "news"), is_news, "{lang}: {kind}");
            assert_eq!(a.attribute("opacity").is_some(), is_news, "{lang}: {kind}");
            let line = a.children().find(|c| c.has_tag_name("line")).unwrap();
            let dash = line.attribute("stroke-dasharray");
            match (is_news, has_class(a, "lost")) {
                (_, true) => assert_eq!(dash, Some("5 3"), "{lang}: lost {kind}"),
                (true, false) => assert_eq!(dash, Some("0.1 3.2"), "{lang}: {kind}"),
                (false, false) => assert_eq!(dash, None, "{lang}: {kind}"),
            }
        }
        let legend = if lang == "en" {
            "Dotted grey arrows"
        } else {
            "灰色点线箭头"
        };
        // The legend's lines, read as one text (a line may break inside it).
        let words: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .take(12)
            .map(|n| text_of(&n))
            .collect();
        assert!(
            words.contains(legend),
            "{lang}: the legend names them: {words}"
        );
    }
    let hello = diagram(&dir, "hello.svg", "scenes/hello.ron", &[]);
    for absent in ["arrow news", "Dotted grey arrows", "opacity=", "0.1 3.2"] {
        assert!(!hello.contains(absent), "hello has {absent}");
    }
}
