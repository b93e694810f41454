//! The command line as a person uses it: exit statuses, languages, JSON, overrides.

use std::process::{Command, Output};

fn postoffice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_scene(name: &str, text: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hello_prints_the_nine_steps_with_captions_and_exits_0() {
    let o = postoffice(&["run", "scenes/hello.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut last = 0;
    for n in 1..=9 {
        let at = out
            .find(&format!("{n}/9 "))
            .unwrap_or_else(|| panic!("step {n} in {out}"));
        assert!(at > last, "step {n} comes after step {}", n - 1);
        last = at;
    }
    assert!(
        out.contains("Han Meimei's screen (UI module) shows “Hello!” next to Li Lei's avatar.")
    );
    assert!(out.contains("✓ Han Meimei's screen shows Li Lei's “Hello!” once — shown once"));
    // The engineer reads the expectation in words too, never as the file's syntax.
    let o = postoffice(&["run", "scenes/hello.ron", "--words", "engineer"]);
    let out = stdout(&o);
    assert!(
        out.contains("✓ Han Meimei's screen shows Li Lei's “Hello!” once — shown once"),
        "{out}"
    );
    assert!(!out.contains("Displayed("), "{out}");
    assert!(out.contains("msg:R lilei#1"), "{out}");
}

#[test]
fn a_run_opens_with_the_title_and_what_the_scene_teaches() {
    let o = postoffice(&["run", "scenes/hello.ron"]);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("Li Lei says hello"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("The nine steps of one chat message")
    );
    let o = postoffice(&[
        "run",
        "scenes/hello.ron",
        "--lang",
        "zh",
        "--words",
        "story",
    ]);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("李雷说你好"));
    assert!(lines.next().unwrap().starts_with("一条消息"));
    assert!(
        !out.contains("长连接"),
        "no technical word in the story: {out}"
    );
}

#[test]
fn chinese_tells_the_same_story() {
    let o = postoffice(&["run", "scenes/hello.ron", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("第 9 步 显示"));
    assert!(out.contains("韩梅梅的屏幕（界面模块）上出现了“你好！”，旁边是李雷的头像。"));
    assert!(out.contains("小结"));
}

#[test]
fn a_wrong_expectation_exits_1_and_names_it_with_the_seed() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes/hello.ron"))
        .unwrap()
        .replace(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "NotDisplayed(to: \"hanmeimei\", text: \"Hello!\")",
        );
    let path = temp_scene("wrong_expectation.ron", &text);
    let o = postoffice(&["run", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("✗ Han Meimei's screen never shows “Hello!” — shown once"),
        "{out}"
    );
    assert!(
        out.contains("1 of 2 expectations failed with seed 7"),
        "{out}"
    );
    assert!(out.contains("re-run with --seed 7"));
    // Told as a story, the failure is counted without the seed (a technical word).
    for (lang, says) in [
        ("en", "1 of 2 expectations failed."),
        ("zh", "2 条预期中有 1 条未满足。"),
    ] {
        let o = postoffice(&["run", &path, "--words", "story", "--lang", lang]);
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert!(out.contains(says), "{out}");
        assert!(!out.contains("seed") && !out.contains("种子"), "{out}");
    }
}

#[test]
fn json_lines_have_stable_fields_and_the_step_numbers() {
    let o = postoffice(&["run", "scenes/hello.ron", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let mut steps = Vec::new();
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for field in ["t", "actor", "kind", "stage", "en", "zh"] {
            assert!(v.get(field).is_some(), "{field} in {line}");
        }
        if let Some(s) = v.get("step") {
            steps.push(s.as_u64().unwrap());
        }
    }
    assert_eq!(steps, (1..=9).collect::<Vec<_>>());
}

#[test]
fn seed_and_until_override_the_file() {
    let a = stdout(&postoffice(&[
        "run",
        "scenes/bad_network.ron",
        "--format",
        "json",
    ]));
    let b = stdout(&postoffice(&[
        "run",
        "scenes/bad_network.ron",
        "--format",
        "json",
        "--seed",
        "99",
    ]));
    assert_ne!(a, b);
    let short = stdout(&postoffice(&[
        "run",
        "scenes/hello.ron",
        "--format",
        "json",
        "--until",
        "500",
    ]));
    assert!(!short.is_empty());
    for line in short.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["t"].as_u64().unwrap() <= 500);
    }
}

#[test]
fn check_accepts_every_scene_and_reports_every_bad_file() {
    let mut args = vec!["check".to_string()];
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes")).unwrap() {
        args.push(e.unwrap().path().display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = postoffice(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = postoffice(&[
        "check",
        "scenes/hello.ron",
        "tests/bad/empty.ron",
        "tests/bad/misspelt_id.ron",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("tests/bad/empty.ron:1:1"));
    assert!(err.contains("tests/bad/misspelt_id.ron:"));
    assert!(err.contains("2 of 3 files are not valid scenarios"));
}

#[test]
fn a_missing_file_exits_2_with_its_name() {
    let o = postoffice(&["run", "scenes/no_such_scene.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("scenes/no_such_scene.ron: cannot read it"));
}

#[test]
fn bench_smoke_gives_the_same_outcome_for_the_same_seed() {
    let run = || {
        let w = postoffice::bench::Workload {
            phones: 300,
            minutes: 2,
            loss: 0.05,
            seed: 4,
            presence: postoffice::sim::Presence::Off,
            friends: postoffice::bench::DEFAULT_FRIENDS,
            churn: 0.0,
        };
        postoffice::bench::run(&w)
            .expect("a small run fits")
            .outcome
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert!(
        a.written > 300 && a.displayed > 0 && a.frames_lost > 0,
        "{a}"
    );
    let o = postoffice(&["bench", "--phones", "200", "--minutes", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("events per second"));
}

#[test]
fn control_and_reordering_characters_never_reach_the_terminal_raw() {
    // An escape that would clear the screen and a right-to-left override, in a
    // title, a name and a letter.
    let path = temp_scene(
        "escapes.ron",
        "(\n    title: \"Hi\\u{1b}[2J there\",\n    users: [(id: \"a\", name: \"A\\u{202e}dlrow\"), (id: \"b\")],\n    friends: [(\"a\", \"b\")],\n    script: [\n        (at_ms: 0, do: Login(\"a\")),\n        (at_ms: 0, do: Login(\"b\")),\n        (at_ms: 1000, do: Send(from: \"a\", to: \"b\", text: \"x\\u{7}\\u{9b}31m\")),\n    ],\n    expect: [NotDisplayed(to: \"b\", text: \"x\\u{7}\\u{9b}31m\")],\n)\n",
    );
    let raw = |s: &str| s.chars().any(postoffice::report::safe::is_unsafe);
    for format in ["text", "json"] {
        let o = postoffice(&["run", &path, "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(!raw(&out), "{format}: {out:?}");
        assert!(!raw(&err), "{format}: {err:?}");
        if format == "text" {
            assert!(out.contains("Hi\\u{1b}[2J there"), "{out}");
            assert!(out.contains("A\\u{202e}dlrow"), "{out}");
        } else {
            // Escaped as JSON: the same text once parsed.
            let texts: Vec<String> = out
                .lines()
                .filter_map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    v.get("text").and_then(|t| t.as_str()).map(String::from)
                })
                .collect();
            assert!(texts.iter().any(|t| t == "x\u{7}\u{9b}31m"), "{texts:?}");
        }
    }
    let o = postoffice(&["check", &path]);
    assert!(!raw(&stdout(&o)) && !raw(&stderr(&o)));
}
