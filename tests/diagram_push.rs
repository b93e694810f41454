//! `postoffice diagram` with the phone system's push service (issue 24): in a scene
//! with notifications the push service has a lane of its own, right of the post
//! office; each `notify` is an arrow from the post office to it and each `push`
//! one from it to the phone, dotted and thin (notifications, not letters), which
//! the legend says; `fetch` and `fetch:A` are ordinary small arrows. The same
//! story without notifications has no such lane, arrow or sentence.

mod common;

use std::path::Path;

use common::{postoffice, scratch, stderr};

/// Li Lei, Han Meimei and Lucy; Han Meimei closes her app, Li Lei writes to her
/// twice, she goes into a tunnel and out, Li Lei writes again, she opens the app.
fn scene(top: &str) -> String {
    format!(
        r#"(
    title: "The app closed",
    {top}
    seed: 4,
    users: [(id: "lilei", name: "Li Lei"), (id: "hanmeimei", name: "Han Meimei"), (id: "lucy", name: "Lucy")],
    friends: [("lilei", "hanmeimei"), ("lilei", "lucy")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 0, do: Login("lucy")),
        (at_ms: 1000, do: CloseApp(user: "hanmeimei")),
        (at_ms: 2000, do: Send(from: "lilei", to: "hanmeimei", text: "Film at 7?")),
        (at_ms: 2500, do: Send(from: "lilei", to: "lucy", text: "Coming?")),
        (at_ms: 3000, do: LinkDown("hanmeimei")),
        (at_ms: 3500, do: Send(from: "lilei", to: "hanmeimei", text: "Or at 8?")),
        (at_ms: 6000, do: LinkUp("hanmeimei")),
        (at_ms: 9000, do: OpenApp(user: "hanmeimei")),
    ],
)"#
    )
}

fn draw(dir: &Path, scene: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(name);
    let (scene, out_s) = (scene.display().to_string(), out.display().to_string());
    let mut all = vec!["diagram", &scene, "--out", &out_s];
    all.extend_from_slice(args);
    let o = postoffice(&all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::read_to_string(&out).unwrap()
}

/// How many frames of `kind` the run put on a wire (its JSON trace).
fn frames(scene: &Path, kind: &str) -> usize {
    let s = scene.display().to_string();
    let o = postoffice(&["run", &s, "--format", "json"]);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "frame_out" && v["frame"] == kind)
        .count()
}

fn has_class(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

fn num(n: &roxmltree::Node, attr: &str) -> f64 {
    n.attribute(attr).unwrap().parse().unwrap()
}

/// Each lane's x, by its actor.
fn lanes(doc: &roxmltree::Document) -> Vec<(String, f64)> {
    doc.descendants()
        .filter(|n| has_class(n, "lane"))
        .map(|g| {
            let name = g.children().find(|c| has_class(c, "name")).unwrap();
            (
                g.attribute("data-actor").unwrap().to_string(),
                num(&name, "x"),
            )
        })
        .collect()
}

fn legend(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .take(14)
        .flat_map(|n| n.descendants().filter_map(|d| d.text()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn the_push_service_has_a_lane_with_notifications_and_none_without() {
    let dir = scratch("diagram-push");
    let on = dir.join("closed.ron");
    std::fs::write(&on, scene("notifications: Words, shelf: Fetched,")).unwrap();
    let off = dir.join("closed-off.ron");
    std::fs::write(&off, scene("shelf: Fetched,")).unwrap();
    let (notify, push) = (frames(&on, "notify"), frames(&on, "push"));
    assert!(notify >= 2 && push >= 1, "{notify} {push}");
    assert!(frames(&on, "fetch") >= 1);
    for lang in ["en", "zh"] {
        for words in ["both", "story", "engineer"] {
            let args = ["--lang", lang, "--words", words];
            let svg = draw(&dir, &on, "on.svg", &args);
            let doc = roxmltree::Document::parse(&svg).expect("well-formed");
            let lanes = lanes(&doc);
            let x = |actor: &str| lanes.iter().find(|(a, _)| a == actor).map(|l| l.1);
            let actors: Vec<&str> = lanes.iter().map(|(a, _)| a.as_str()).collect();
            assert_eq!(
                actors,
                ["lilei", "hanmeimei", "post_office", "push_service", "lucy"],
                "{lang} {words}: left to right"
            );
            let (po, ps, han) = (
                x("post_office").unwrap(),
                x("push_service").unwrap(),
                x("hanmeimei").unwrap(),
            );
            assert!(lanes.windows(2).all(|w| w[0].1 < w[1].1), "{lanes:?}");
            let arrows: Vec<_> = doc
                .descendants()
                .filter(|n| has_class(n, "arrow"))
                .collect();
            let of = |kind: &str| -> Vec<_> {
                arrows
                    .iter()
                    .filter(|a| a.attribute("data-kind") == Some(kind))
                    .collect()
            };
            assert_eq!(of("notify").len(), notify, "{lang} {words}");
            assert_eq!(of("push").len(), push, "{lang} {words}");
            for a in of("notify").into_iter().chain(of("push")) {
                assert!(has_class(a, "notice"), "{lang}: dotted as a notification");
                let line = a.children().find(|c| c.has_tag_name("line")).unwrap();
                let (x1, x2) = (num(&line, "x1"), num(&line, "x2"));
                let (from, to) = match a.attribute("data-kind") {
                    Some("notify") => (po, ps),
                    _ => (ps, han),
                };
                assert!(
                    (x1 - from).abs() < 0.2,
                    "{lang}: leaves at {x1}, not {from}"
                );
                let end = if has_class(a, "lost") {
                    (from + to) / 2.0
                } else {
                    to
                };
                assert!((x2 - end).abs() < 9.0, "{lang}: reaches {x2}, not {end}");
            }
            for kind in ["fetch", "fetch:A"] {
                assert!(!of(kind).is_empty(), "{lang}: {kind} drawn");
                for a in of(kind) {
                    assert!(has_class(a, "upkeep"), "{lang}: {kind} a small arrow");
                }
            }
            let said = legend(&doc);
            let want = match (lang, words) {
                ("en", "story") => "The phone maker's messenger has a lane of its own",
                ("en", _) => "The push service (the phone system's",
                (_, "story") => "手机厂商的信使有自己的一条竖线",
                _ => "推送服务（手机系统的",
            };
            assert!(said.contains(want), "{lang} {words}: {said}");
            if words == "story" {
                for technical in ["Push service", "推送服务"] {
                    assert!(!svg.contains(technical), "{lang}: story names {technical}");
                }
            }
        }
        // Without notifications: no lane, no notification, no sentence.
        let svg = draw(&dir, &off, "off.svg", &["--lang", lang]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let actors: Vec<String> = lanes(&doc).into_iter().map(|l| l.0).collect();
        assert_eq!(actors, ["lilei", "hanmeimei", "post_office", "lucy"]);
        for absent in [
            "push_service",
            "arrow notice",
            "has a lane of its own",
            "有自己的一条竖线",
        ] {
            assert!(!svg.contains(absent), "{lang}: {absent}");
        }
        assert!(svg.contains(r#"data-kind="fetch""#));
    }
}

/// A closed app's lane is dashed from its closing until it is connected again.
#[test]
fn a_closed_app_dashes_its_lane() {
    let dir = scratch("diagram-push-lane");
    let on = dir.join("closed.ron");
    std::fs::write(&on, scene("notifications: NameOnly,")).unwrap();
    let svg = draw(&dir, &on, "on.svg", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let han = doc
        .descendants()
        .find(|n| has_class(n, "lane") && n.attribute("data-actor") == Some("hanmeimei"))
        .unwrap();
    let pieces: Vec<bool> = han
        .children()
        .filter(|c| c.has_tag_name("line"))
        .map(|l| l.attribute("stroke-dasharray").is_some())
        .collect();
    // Dialling at the top, connected, closed (dashed), connected again.
    assert!(
        pieces.windows(3).any(|w| w == [false, true, false]),
        "{pieces:?}"
    );
}
