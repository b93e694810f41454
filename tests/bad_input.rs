//! Malformed scenario files: each exits 2 with the file, a line and column, and what
//! was found and expected; no bytes at all make the loader panic. Limits on times,
//! ids, texts and counts; reports of many mistakes that stay short and quick; files
//! that are not files.

mod common;

use std::process::Command;

use common::{postoffice, scratch, stderr, stdout};

use proptest::prelude::*;

/// (file in tests/bad, where, a piece of the message)
const CASES: &[(&str, &str, &str)] = &[
    (
        "syntax_error.ron",
        ":5:9: users:",
        "found `(`; expected a comma `,` or a closing `]`",
    ),
    ("unknown_field.ron", ":4:5:", "freinds"),
    (
        "misspelt_id.ron",
        ":8:51: script[2].do.to:",
        "did you mean \"hanmeimei\"?",
    ),
    (
        "out_of_range.ron",
        ":3:27: network.latency_ms:",
        "min no larger than max",
    ),
    ("out_of_range.ron", ":3:45: network.loss:", "found 1.5"),
    (
        "out_of_range.ron",
        ":4:49: heartbeat.timeout_ms:",
        "expected more than interval_ms",
    ),
    (
        "out_of_range.ron",
        ":7:53: script[0].do.loss:",
        "found -0.2",
    ),
    (
        "negative_time.ron",
        ":5:17: script[0].at_ms:",
        "found -5, but a time cannot be negative",
    ),
    (
        "unknown_action.ron",
        ":5:24: script[0].do:",
        "found the action `Teleport`",
    ),
    (
        "unknown_group.ron",
        ":6:56: script[0].do.group:",
        "did you mean \"class1\"?",
    ),
    (
        "unregistered_phone.ron",
        ":6:30: script[0].do[0]:",
        "listed in `unregistered`",
    ),
    ("no_users.ron", ":3:12: users:", "expected at least one"),
    ("missing_title.ron", ":3:1:", "missing the field `title`"),
    ("empty.ron", ":1:1:", "the file is empty"),
    ("binary_junk.ron", ":1:1:", "not a text file"),
    (
        "not_ron.ron",
        ":1:1:",
        "does not look like a scenario written in RON",
    ),
    (
        "unclosed_string.ron",
        ":3:19:",
        "the text that starts at 2:12 goes on to the next line: is its closing `\"` missing?",
    ),
    // Questions for the class (docs/scenario-format.md, "Questions").
    (
        "question_unknown_letter.ron",
        ":11:27: questions[0].at.letter:",
        "unknown letter \"Helo!\" (did you mean \"Hello!\"?); expected the words of a letter the script sends",
    ),
    (
        "question_same_words.ron",
        ":12:27: questions[0].at.letter:",
        "the words of 2 letters: lilei#1 (script[2]) and lilei#2 (script[3]); expected one letter: name it by its number instead",
    ),
    (
        "question_same_words.ron",
        ":13:27: questions[1].at.letter:",
        "found \"lilei#3\", but \"lilei\" writes 2 letters in the script; expected \"lilei#1\" to \"lilei#2\"",
    ),
    (
        "question_step.ron",
        ":11:43: questions[0].at.step:",
        "found 10; expected a step from 1 to 9",
    ),
    (
        "question_step.ron",
        ":12:43: questions[1].at.step:",
        "found 0; expected a step from 1 to 9",
    ),
    (
        "question_step.ron",
        ":13:23: questions[2].at.ms:",
        "found -5, but a time cannot be negative",
    ),
    (
        "question_empty.ron",
        ":11:52: questions[0].ask:",
        "found an empty text; expected a question in words",
    ),
    (
        "question_empty.ron",
        ":12:41: questions[1].ask.zh:",
        "found an empty text; expected a question in words",
    ),
    (
        "question_empty.ron",
        ":12:69: questions[1].answers[1]:",
        "found an empty text; expected an answer in words",
    ),
    (
        "question_empty.ron",
        ":13:27: questions[2].at.letter:",
        "found an empty text; expected the words of a letter the script sends",
    ),
    (
        "question_empty.ron",
        ":15:19: in_real_life:",
        "found an empty text; expected a note in words",
    ),
    (
        "question_moment_name.ron",
        ":11:14: questions[0].at:",
        "found the moment `Stpe` (did you mean `Step`?); expected `Step`, `Road`, `Time` or `End`",
    ),
    (
        "question_road_name.ron",
        ":12:43: questions[0].at.road:",
        "found the side road `NotSend` (did you mean `NotSent`?)",
    ),
    (
        "question_missing_ask.ron",
        ":11:74: questions[0]:",
        "missing the field `ask`",
    ),
    // A letter's id (docs/scenario-format.md, "Naming a letter"; more in
    // tests/letter_ids.rs).
    (
        "letter_ids.ron",
        ":6:80: script[0].do.id:",
        "found an empty id; expected a name for the letter, like \"hi1\"",
    ),
    (
        "letter_ids.ron",
        ":8:80: script[2].do.id:",
        "found \"hi\" a second time (script[1] has it first); expected every letter id once",
    ),
    (
        "letter_ids.ron",
        ":9:81: script[3].do.id:",
        "found \"lilei#3\", which would be confused with the default names of \"lilei\"'s letters (\"lilei#1\", \"lilei#2\", ...); expected an id that is not a user's id, `#` and a number, like \"hi1\"",
    ),
    (
        "letter_ids.ron",
        ":10:80: script[4].do.id:",
        "found an id of 66 characters; expected at most 64, like \"hi1\"",
    ),
    (
        "question_letter_id.ron",
        ":10:27: questions[0].at.letter:",
        "unknown letter \"greting\" (did you mean \"greeting\"?); expected the words of a letter the script sends: \"Bye\", its number, like \"lilei#1\", or its id: \"greeting\"",
    ),
    (
        "question_letter_id.ron",
        ":11:27: questions[1].at.letter:",
        "found \"Hi\", the words of the letter \"greeting\" (script[0]), which has an id; expected its id, \"greeting\" (a letter with an id is named by its id)",
    ),
    (
        "question_letter_id.ron",
        ":12:27: questions[2].at.letter:",
        "found \"lilei#2\", but \"lilei\" writes one letter without an id in the script; expected \"lilei#1\" (a letter with an id is named by its id)",
    ),
    // A moment that never comes in the scene's own run: found by running it.
    (
        "question_never.ron",
        ":13:56: questions[0].at.step:",
        "the letter \"Want to be friends?\" never reaches step 7 in this scene's run (seed 0, which ends at 15.353 s): it reaches steps 1, 2, 3, 4, 5, `ReturnToSender`",
    ),
    (
        "question_never.ron",
        ":14:56: questions[1].at.road:",
        "never reaches `OfflineShelf`",
    ),
    (
        "question_never.ron",
        ":15:23: questions[2].at.ms:",
        "found 60000, but the story is over by then",
    ),
    (
        "question_never.ron",
        ":16:27: questions[3].at.letter:",
        "the letter \"Too late\" is never written in this scene's run",
    ),
];

#[test]
fn each_bad_file_exits_2_with_a_located_message() {
    for (file, at, piece) in CASES {
        let path = format!("tests/bad/{file}");
        let o = Command::new(env!("CARGO_BIN_EXE_postoffice"))
            .args(["run", &path])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{path}: {err}");
        assert!(
            err.contains(&format!("{path}{at}")),
            "{path}: expected {at:?} in\n{err}"
        );
        assert!(err.contains(piece), "{path}: expected {piece:?} in\n{err}");
        assert!(!err.contains("panicked"), "{path}: {err}");
    }
}

#[test]
fn every_file_in_the_bad_folder_is_covered() {
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(CASES.iter().any(|(f, ..)| *f == name), "{name} has no case");
    }
}

const HELLO: &str = include_str!("../scenes/hello.ron");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_give_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Err(e) = postoffice::scenario::parse("junk.ron", &bytes) {
            prop_assert!(e.problems().iter().all(|p| p.at.is_some()), "{}", e);
        }
    }

    #[test]
    fn any_ron_like_text_gives_a_located_error_not_a_panic(text in "[ -~\n()\\[\\]{}:,\"']{0,200}") {
        if let Err(e) = postoffice::scenario::parse("junk.ron", text.as_bytes()) {
            prop_assert!(e.problems().iter().all(|p| p.at.is_some()), "{}", e);
        }
    }

    #[test]
    fn a_damaged_scene_gives_a_located_error_or_still_works(
        cut in 0..HELLO.len(),
        len in 0usize..40,
        insert in "[ -~]{0,6}",
    ) {
        let mut text = HELLO.as_bytes().to_vec();
        let end = (cut + len).min(text.len());
        text.splice(cut..end, insert.bytes());
        if let Err(e) = postoffice::scenario::parse("damaged.ron", &text) {
            let msg = e.to_string();
            prop_assert!(msg.starts_with("damaged.ron:"), "{}", msg);
            prop_assert!(!e.problems().is_empty());
            prop_assert!(e.problems().iter().all(|p| p.at.is_some()), "{}", msg);
            for word in common::RUST_WORDS {
                prop_assert!(!msg.replace("damaged.ron", "").contains(word), "{} in {}", word, msg);
            }
        }
    }
}

/// The message `parse` gives for `text`, which must not be a valid scenario.
fn mistakes(text: &str) -> String {
    match postoffice::scenario::parse("t.ron", text.as_bytes()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn accepted(text: &str) {
    if let Err(e) = postoffice::scenario::parse("t.ron", text.as_bytes()) {
        panic!("refused: {e}\n{text}");
    }
}

/// hello.ron with `from` replaced by `to` (once, and it must be there).
fn hello_with(from: &str, to: &str) -> String {
    assert!(HELLO.contains(from), "{from:?} is not in hello.ron");
    HELLO.replacen(from, to, 1)
}

// ---- 1. limits ----

#[test]
fn every_time_is_at_most_ten_billion_ms() {
    let limit = "10000000000";
    let over = "10000000001";
    for (from, entry) in [
        ("(at_ms: 1000,", "script[2].at_ms"),
        ("latency_ms: (40,", "network.latency_ms[0]"),
        ("120), loss", "network.latency_ms[1]"),
        ("interval_ms: 5000", "heartbeat.interval_ms"),
        ("timeout_ms: 12000", "heartbeat.timeout_ms"),
        ("check_ms: 5000", "retry.check_ms"),
        ("grace_ms: 3000", "retry.grace_ms"),
        ("ms: 1000),", "expect[1].ms"),
    ] {
        let number = from.trim_matches(|c: char| !c.is_ascii_digit());
        let text = hello_with(from, &from.replace(number, over));
        let m = mistakes(&text);
        assert!(
            m.contains(&format!(
                ": {entry}: found {over}, which is too large; expected at most 10000000000 ms (about 115 days)"
            )),
            "{entry}: {m}"
        );
        // Exactly the limit is a time like any other (the heartbeat's order aside).
        let text = hello_with(from, &from.replace(number, limit));
        if let Err(e) = postoffice::scenario::parse("t.ron", text.as_bytes()) {
            assert!(!e.to_string().contains("too large"), "{entry}: {e}");
        }
    }
    let m = mistakes(&hello_with("    seed: 7,", "    until_ms: 10000000001,"));
    assert!(
        m.contains("until_ms: found 10000000001, which is too large"),
        "{m}"
    );
    accepted(&hello_with("    seed: 7,", "    until_ms: 10000000000,"));
    let m = mistakes(&hello_with("    seed: 7,", "    until_ms: 0,"));
    assert!(
        m.contains("until_ms: found 0; expected a positive number"),
        "{m}"
    );
}

#[test]
fn seeds_are_any_64_bit_number_and_retries_at_most_100() {
    accepted(&hello_with("seed: 7", "seed: 18446744073709551615"));
    let m = mistakes(&hello_with("seed: 7", "seed: 18446744073709551616"));
    assert!(
        m.contains("t.ron:8:11: seed: found 18446744073709551616, which is too large"),
        "{m}"
    );
    let m = mistakes(&hello_with("max_retries: 2", "max_retries: 101"));
    assert!(
        m.contains(
            "retry.max_retries: found 101, which is too large; expected at most 100 retries"
        ),
        "{m}"
    );
    let m = mistakes(&hello_with("max_retries: 2", "max_retries: -1"));
    assert!(
        m.contains("retry.max_retries: found -1, but a number of retries cannot be negative"),
        "{m}"
    );
}

#[test]
fn ids_are_at_most_64_characters_and_texts_at_most_2000() {
    let id = "x".repeat(65);
    let m = mistakes(&HELLO.replace("\"lilei\"", &format!("{id:?}")));
    assert!(
        m.contains("users[0].id: found an id of 65 characters; expected at most 64"),
        "{m}"
    );
    accepted(&HELLO.replace("\"lilei\"", &format!("{:?}", "x".repeat(64))));
    let m = mistakes(&hello_with(
        "Login(\"hanmeimei\")",
        &format!("Login({id:?})"),
    ));
    assert!(
        m.contains("script[1].do[0]: found an id of 65 characters, which is nobody's"),
        "{m}"
    );
    assert!(!m.contains(&id), "the long id is not printed back: {m}");

    let long = "字".repeat(2001);
    for (from, entry) in [
        ("(en: \"Li Lei says hello\"", "title.en"),
        ("zh: \"李雷说你好\"", "title.zh"),
        ("text: (en: \"Hello!\", zh", "script[2].do.text.en"),
        ("(en: \"Li Lei\",", "users[0].name.en"),
        (
            "(en: \"Hello!\", zh: \"你好！\")),\n        Deliv",
            "expect[0].text.en",
        ),
        ("at: Step(letter: \"Hello!\"", "questions[0].at.letter"),
        (
            "en: \"The post office has the letter. What could it find wrong when it checks it at step 5?\"",
            "questions[0].ask.en",
        ),
    ] {
        let to = from.replacen(from.split('"').nth(1).unwrap(), &long, 1);
        let m = mistakes(&hello_with(from, &to));
        assert!(
            m.contains(&format!(
                "{entry}: found a text of 2001 characters; expected at most 2000"
            )),
            "{entry}: {m}"
        );
        assert!(!m.contains(&long), "the long text is not printed back");
    }
    let m = mistakes(&hello_with(
        "title: (en: \"Li Lei says hello\", zh: \"李雷说你好\")",
        &format!("title: {:?}", long),
    ));
    assert!(
        m.contains("t.ron:3:12: title: found a text of 2001 characters"),
        "{m}"
    );
    accepted(&hello_with(
        "\"Li Lei says hello\"",
        &format!("{:?}", "a".repeat(2000)),
    ));
}

/// A scene with `n` of something where one is enough.
fn scene_with(users: usize, friends: usize, groups: usize, script: usize, expect: usize) -> String {
    let mut s = String::from("(\n    title: \"many\",\n    users: [");
    for i in 0..users.max(2) {
        s += &format!("(id: \"u{i}\"),");
    }
    s += "],\n    friends: [";
    for _ in 0..friends {
        s += "(\"u0\",\"u1\"),";
    }
    s += "],\n    groups: [";
    for i in 0..groups {
        s += &format!("(id: \"g{i}\", members: []),");
    }
    s += "],\n    script: [";
    for _ in 0..script {
        s += "(at_ms: 0, do: ServerUp),";
    }
    s += "],\n    expect: [";
    for _ in 0..expect {
        s += "MarkedOffline(\"u0\"),";
    }
    s + "],\n)\n"
}

#[test]
fn counts_have_limits_and_the_scenes_stay_within_them() {
    use postoffice::scenario::{MAX_EXPECT, MAX_GROUPS, MAX_PAIRS, MAX_PEOPLE, MAX_SCRIPT};
    for (text, piece) in [
        (
            scene_with(MAX_PEOPLE + 1, 0, 0, 0, 0),
            "users: found 10001 users and unregistered ids; expected at most 10000",
        ),
        (
            scene_with(2, MAX_PAIRS + 1, 0, 0, 0),
            "friends: found 100001 pairs; expected at most 100000",
        ),
        (
            scene_with(2, 0, MAX_GROUPS + 1, 0, 0),
            "groups: found 1001 groups; expected at most 1000",
        ),
        (
            scene_with(2, 0, 0, MAX_SCRIPT + 1, 0),
            "script: found 100001 script entries; expected at most 100000",
        ),
        (
            scene_with(2, 0, 0, 0, MAX_EXPECT + 1),
            "expect: found 10001 expectations; expected at most 10000",
        ),
    ] {
        let m = mistakes(&text);
        assert!(m.contains(piece), "{piece}: {m}");
    }
    accepted(&scene_with(MAX_PEOPLE, 0, 0, 0, 0));
    accepted(&scene_with(2, 0, MAX_GROUPS, MAX_SCRIPT, 0));
    for scene in ["scenes/rush_hour.ron", "scenes/classroom.ron"] {
        postoffice::scenario::load(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + scene)
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---- 2. reports of many mistakes ----

#[test]
fn five_thousand_unknown_ids_are_reported_fifty_at_a_time() {
    let mut text = String::from(
        "(\n    title: \"t\",\n    users: [(id: \"lilei\"), (id: \"hanmeimei\")],\n    script: [\n",
    );
    for i in 0..5000 {
        text += &format!("        (at_ms: {i}, do: Login(\"ghost{i}\")),\n");
    }
    text += "    ],\n)\n";
    let path = scratch("five_thousand").join("ids.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    let o = postoffice(&["check", &path]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        52,
        "50 mistakes, the count of the rest, the summary:\n{err}"
    );
    assert!(
        lines[0].starts_with(&format!(
            "{path}:5:30: script[0].do[0]: unknown user \"ghost0\""
        )),
        "{err}"
    );
    assert!(
        lines[49].starts_with(&format!(
            "{path}:54:31: script[49].do[0]: unknown user \"ghost49\""
        )),
        "{err}"
    );
    assert_eq!(
        lines[50],
        format!("{path}: ... and 4950 more mistakes in this file")
    );
}

#[test]
fn ids_of_sixty_thousand_characters_get_an_error_not_an_abort() {
    let (a, b) = ("a".repeat(60_000), "b".repeat(60_000));
    let text = format!(
        "(\n    title: \"t\",\n    users: [(id: \"{a}\")],\n    script: [(at_ms: 0, do: Login(\"{b}\"))],\n)\n"
    );
    let path = scratch("long_ids").join("long.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    let o = postoffice(&["check", &path, "scenes/hello.ron"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "{path}:3:18: users[0].id: found an id of 60000 characters; expected at most 64"
        )),
        "{err}"
    );
    assert!(
        err.contains("script[0].do[0]: found an id of 60000 characters, which is nobody's"),
        "{err}"
    );
    assert!(
        err.len() < 2000,
        "the ids are not printed back: {} bytes",
        err.len()
    );
    assert!(
        stdout(&o).contains("ok  scenes/hello.ron"),
        "the other file is still checked"
    );
}

#[test]
fn many_users_and_many_typos_still_give_a_report() {
    let mut text = String::from("(\n    title: \"t\",\n    users: [\n");
    for i in 0..10_000 {
        text += &format!("        (id: \"pupil{i:05}\"),\n");
    }
    text += "    ],\n    friends: [\n";
    for i in 0..20_000 {
        text += &format!(
            "        (\"pupl{:05}\", \"pupil{:05}\"),\n",
            i % 10_000,
            (i + 1) % 10_000
        );
    }
    text += "    ],\n)\n";
    let path = scratch("typos").join("typos.ron");
    std::fs::write(&path, text).unwrap();
    let o = postoffice(&["check", &path.display().to_string()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("unknown user \"pupl00000\" (did you mean \"pupil00000\"?)"),
        "{err}"
    );
    assert!(
        err.contains("... and 19950 more mistakes in this file"),
        "{err}"
    );
}

// ---- 3. what is not a file ----

#[cfg(unix)]
#[test]
fn devices_pipes_and_sockets_are_refused_without_reading_them() {
    let dir = scratch("not_files");
    let fifo = dir.join("pipe.ron");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let socket = dir.join("socket.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let link = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for (path, kind) in [
        ("/dev/zero".to_string(), "a device"),
        ("/dev/urandom".to_string(), "a device"),
        (link.display().to_string(), "a device"),
        (fifo.display().to_string(), "a named pipe"),
        (socket.display().to_string(), "a socket"),
    ] {
        for command in ["check", "run"] {
            let o = postoffice(&[command, &path]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{command} {path}: {err}");
            assert!(
                err.starts_with(&format!(
                    "{path}: this is {kind}, not a file; expected a scenario file"
                )),
                "{command} {path}: {err}"
            );
        }
    }
}

#[test]
fn a_file_over_4_mib_is_refused_and_one_of_4_mib_is_read() {
    let dir = scratch("large");
    let limit = postoffice::scenario::MAX_FILE_BYTES as usize;
    let mut text = HELLO.as_bytes().to_vec();
    text.extend(b"// ");
    text.resize(limit, b'x');
    let exact = dir.join("exact.ron");
    std::fs::write(&exact, &text).unwrap();
    text.push(b'x');
    let over = dir.join("over.ron");
    std::fs::write(&over, &text).unwrap();
    let o = postoffice(&["check", &exact.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = postoffice(&["run", &over.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "{}: the file is too large (4194305 bytes); expected at most 4194304 bytes (4 MiB): a scenario is a short text",
            over.display()
        )
    );
}

#[test]
fn check_takes_a_folder_and_run_wants_one_file() {
    let o = postoffice(&["check", "scenes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut names: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    let listed: Vec<&str> = out.lines().collect();
    assert_eq!(listed.len(), names.len(), "{out}");
    for (line, name) in listed.iter().zip(&names) {
        assert!(line.starts_with(&format!("ok  scenes/{name} — ")), "{line}");
    }

    let o = postoffice(&["run", "scenes"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "scenes: this is a folder; expected one scenario file, like scenes/hello.ron"
    );

    let empty = scratch("empty_folder");
    std::fs::create_dir(empty.join("inner.ron")).unwrap();
    let empty = empty.display().to_string();
    let o = postoffice(&["check", &empty, "scenes/hello.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("{empty}: this folder has no .ron files")),
        "{err}"
    );
    assert!(
        err.contains("1 of 2 files are not valid scenarios"),
        "{err}"
    );

    let o = postoffice(&["check", "tests/bad"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("24 of 24 files are not valid scenarios"),
        "{}",
        stderr(&o)
    );
    let o = postoffice(&["check", "scenes/no_such_scene.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .starts_with("scenes/no_such_scene.ron: cannot read it: No such file or directory")
    );
}

// ---- 4. messages a teacher can follow ----

#[test]
fn a_number_too_large_for_a_whole_number_names_its_entry_and_the_limit() {
    let m = mistakes(&hello_with(
        "(at_ms: 1000,",
        "(at_ms: 18446744073709551616,",
    ));
    assert_eq!(
        m,
        "t.ron:20:17: script[2].at_ms: found 18446744073709551616, which is too large; expected at most 10000000000 ms (about 115 days)"
    );
    let m = mistakes(&hello_with("(at_ms: 1000,", "(at_ms: -1000,"));
    assert!(
        m.contains("script[2].at_ms: found -1000, but a time cannot be negative"),
        "{m}"
    );
}

#[test]
fn fractions_and_exponents_ask_for_a_whole_number() {
    for written in ["1.5", "1e3", "NaN", "inf", "\"1000\"", "soon"] {
        let m = mistakes(&hello_with("(at_ms: 1000,", &format!("(at_ms: {written},")));
        let found = if written.starts_with('"') {
            format!("the text {written}")
        } else if written == "soon" {
            "`soon`".to_string()
        } else {
            written.to_string()
        };
        assert_eq!(
            m,
            format!(
                "t.ron:20:17: script[2].at_ms: found {found}; expected a whole number of milliseconds, like 1500"
            )
        );
    }
}

#[test]
fn a_wrong_language_names_the_text() {
    let m = mistakes(&hello_with(
        "zh: \"李雷说你好\"",
        "fr: \"Li Lei dit bonjour\"",
    ));
    assert_eq!(
        m,
        "t.ron:3:38: title: found the language `fr`; expected `en` and `zh`, like (en: \"Hello\", zh: \"你好\"), or one plain string for both"
    );
    let m = mistakes(&hello_with(
        "(en: \"Li Lei\",",
        "(en: \"Li Lei\", de: \"x\",",
    ));
    assert!(
        m.starts_with("t.ron:13:48: users[0].name: found the language `de`"),
        "{m}"
    );
}

#[test]
fn yaml_and_json_are_told_apart_from_ron() {
    let m = mistakes("title: Li Lei says hello\nusers:\n  - id: lilei\n");
    assert_eq!(
        m,
        "t.ron:1:1: this does not look like a scenario written in RON: found `title: Li Lei says hello`; expected the file to start with `(`, like scenes/hello.ron (see docs/scenario-format.md)"
    );
    let m = mistakes("// a comment first\n{\"title\": \"x\", \"users\": []}");
    assert!(m.starts_with("t.ron:2:1: this does not look like a scenario written in RON: found `{\"title\": \"x\", \"users\": []}`"), "{m}");
    accepted(&format!("#![enable(implicit_some)]\n{HELLO}"));
}

#[test]
fn numbers_are_shown_as_written() {
    let m = mistakes(&hello_with("loss: 0.0", "loss: 1e308"));
    assert_eq!(
        m,
        "t.ron:9:44: network.loss: found 1e308; expected a probability from 0 up to (not including) 1, like 0.3"
    );
    let digits = "9".repeat(400);
    let m = mistakes(&hello_with("loss: 0.0", &format!("loss: {digits}")));
    assert!(m.len() < 200, "{m}");
}

#[test]
fn syntax_errors_say_what_was_found_and_name_the_entry() {
    let m = mistakes(&hello_with("from: \"lilei\", to", "from: \"lilei\" to"));
    assert_eq!(
        m,
        "t.ron:20:46: script[2].do: found `to`; expected a comma `,` or a closing `)`"
    );
    let m = mistakes(&hello_with("(id: \"lilei\",", "(id: lilei,"));
    assert!(
        m.starts_with("t.ron:13:14: users[0].id: found `lilei`; expected an id in double quotes"),
        "{m}"
    );
    let m = mistakes(&hello_with("Login(\"hanmeimei\")", "Login(\"hanmeimei\""));
    assert!(
        m.starts_with("t.ron:20:9: script[1]: found `(`; expected a field's name")
            && m.ends_with("(the `(` at 19:9 is never closed)"),
        "{m}"
    );
    let m = mistakes(&HELLO[..HELLO.find("    friends").unwrap()]);
    assert!(
        m.contains("found the end of the file") && m.contains("(the `(` at 2:1 is never closed)"),
        "{m}"
    );
    let m = mistakes(&hello_with("Displayed(", "Shown("));
    assert!(
        m.contains("expect[0]: found the expectation `Shown`"),
        "{m}"
    );
    let m = mistakes(&hello_with("max_retries: 2", "max_retires: 2"));
    assert!(
        m.contains("retry: found the field `max_retires` (did you mean `max_retries`?)"),
        "{m}"
    );
    for word in common::RUST_WORDS {
        assert!(!m.contains(word), "{word} in {m}");
    }
}

/// A setting whose value needs its fields, written bare (`presence: Pull`,
/// `read_receipts: Mutual`), is named with what it takes — not "expected a
/// scenario" (the whole file), as it was.
#[test]
fn a_setting_written_without_its_fields_is_named_with_what_it_takes() {
    let cases = [
        (
            "presence: Pull,",
            "presence: found `Pull`; expected `Off`, `Push` or `Pull(every_ms: 10000)`",
        ),
        (
            "read_receipts: Mutual,",
            "read_receipts: found `Mutual`; expected `Off`, `On`, `Mutual(off: [\"jim\"])`",
        ),
        (
            "read_receipts: Reader,",
            "read_receipts: found `Reader`; expected `Off`, `On`",
        ),
        (
            "read_receipts: Mutual(off: \"jim\"),",
            "read_receipts.off: found the text \"jim\"; expected a list of ids",
        ),
        (
            "recall: 5,",
            "recall: found `5`; expected (limit_ms: 120000)",
        ),
    ];
    for (line, want) in cases {
        let e = mistakes(&hello_with(
            "    seed: 7,",
            &format!("    seed: 7,\n    {line}"),
        ));
        assert!(e.contains(want), "wanted {want:?} in:\n{e}");
        assert!(e.starts_with("t.ron:"), "not located:\n{e}");
    }
}

/// Issue 26: a letter's `parcel:`, the `parcels:` setting and the network's
/// bandwidth refuse what cannot be (a parcel of no size or past the limit, a
/// voice message of no length, parts of no size, a wire of no bandwidth), each
/// named with its entry and what it takes; a misspelt field names the fields
/// there are; a kind written bare names what it takes.
#[test]
fn parcels_refuse_what_cannot_be_with_located_messages() {
    let send = r#"text: (en: "Hello!", zh: "你好！")))"#;
    let with_parcel = |p: &str| {
        hello_with(
            send,
            &format!(r#"text: (en: "Hello!", zh: "你好！"), parcel: {p}))"#),
        )
    };
    let top = |line: &str| hello_with("    seed: 7,", &format!("    seed: 7,\n    {line}"));
    let cases = [
        (
            with_parcel("Photo(kb: 0)"),
            "script[2].do.parcel.kb: found 0; expected more than 0: a whole number of kilobytes, like 1200",
        ),
        (
            with_parcel("Photo(kb: 2000000)"),
            "script[2].do.parcel.kb: found 2000000, which is too large; expected at most 1000000 kB",
        ),
        (
            with_parcel("Photo(kb: -3)"),
            "script[2].do.parcel.kb: found -3, but a size cannot be negative",
        ),
        (
            with_parcel("Voice(kb: 24, seconds: 0)"),
            "script[2].do.parcel.seconds: found 0; expected more than 0: a whole number of seconds",
        ),
        (
            with_parcel("Voice(kb: 24)"),
            "script[2].do.parcel: missing the field `seconds`; expected `seconds: 12` in it",
        ),
        (
            with_parcel("Photo"),
            "parcel: found `Photo`; expected a photo or a voice message: `Photo(kb: 1200)` or `Voice(kb: 24, seconds: 12)`",
        ),
        (with_parcel("Video(kb: 3)"), "`Video`"),
        (
            hello_with(
                "network: (latency_ms: (40, 120), loss: 0.0),",
                "network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: 0),",
            ),
            "network.bandwidth_kb_per_s: found 0; expected more than 0: a whole number of kilobytes a second",
        ),
        (
            hello_with(
                "network: (latency_ms: (40, 120), loss: 0.0),",
                "network: (latency_ms: (40, 120), loss: 0.0, bandwidth_kb_per_s: -200),",
            ),
            "network.bandwidth_kb_per_s: found -200, but a bandwidth cannot be negative",
        ),
        (
            top("parcels: (part_kb: 0),"),
            "parcels.part_kb: found 0; expected more than 0",
        ),
        (
            top("parcels: (keep_ms: 0),"),
            "parcels.keep_ms: found 0; expected a positive number of milliseconds",
        ),
        (
            top("parcels: (part_kb: 256, keep: 60000),"),
            "parcels: found the field `keep`; expected `part_kb` or `keep_ms`",
        ),
        (
            top("parcels: 256,"),
            "parcels: found `256`; expected (part_kb: 256, keep_ms: 60000)",
        ),
        (
            with_parcel("Photo(kb: 1000000)")
                .replace("    seed: 7,", "    seed: 7,\n    parcels: (part_kb: 1),"),
            "script[2].do.parcel.kb: found 1000000 kB, which is 1000000 parts of 1 kB; expected at most 10000 parts",
        ),
    ];
    for (text, want) in cases {
        let e = mistakes(&text);
        assert!(e.contains(want), "wanted {want:?} in:\n{e}");
        assert!(e.starts_with("t.ron:"), "not located:\n{e}");
        for word in common::RUST_WORDS {
            assert!(!e.contains(word), "{word} in {e}");
        }
    }
    // What is right is taken.
    accepted(&with_parcel("Voice(kb: 24, seconds: 12)"));
    accepted(&top("parcels: (part_kb: 128, keep_ms: 60000),"));
    accepted(&top("parcels: (),"));
    accepted(&hello_with(
        "(at_ms: 1000, do: Send(",
        r#"(at_ms: 500, do: Drop(user: "lilei", toward: Server, what: Parcel)),
        (at_ms: 1000, do: Send("#,
    ));
}
