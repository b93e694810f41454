//! Every command a good citizen of the terminal (issue 17): it ends cleanly when
//! its output is closed early or cannot be written, refuses a numeric flag it
//! cannot honour before doing any work, and never lets a control character from a
//! file name, a scene's text, an id or a flag reach the terminal raw.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{scratch, stderr, stdout};

/// Runs `postoffice ARGS` in `dir` with `out` as its standard output (stderr
/// captured, stdin empty); kills it and panics after [`WATCHDOG`].
fn run_with(dir: &Path, args: &[&str], out: Stdio) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut err = child.stderr.take().expect("piped");
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let status = common::wait_watched(&mut child, args);
    Output {
        status,
        stdout: Vec::new(),
        stderr: err.join().expect("stderr reader"),
    }
}

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A pipe whose reading end is already closed: every write gets EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

/// /dev/full: every write fails with "no space left on device".
fn full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
}

/// Every command that writes to standard output, with the status it has when all
/// goes well (and its output is read).
fn commands() -> Vec<(Vec<&'static str>, i32)> {
    vec![
        (vec!["glossary"], 0),
        (vec!["glossary", "--lang", "zh"], 0),
        (vec!["scenes"], 0),
        (vec!["scenes", "--lang", "zh"], 0),
        (vec!["check", "scenes/hello.ron", "scenes/rush_hour.ron"], 0),
        (vec!["check", "scenes"], 0),
        (vec!["run", "hello"], 0),
        (vec!["run", "scenes/lost_message.ron", "--lang", "zh"], 0),
        (vec!["run", "hello", "--format", "json"], 0),
        (vec!["run", "rush_hour", "--format", "json"], 0),
        (
            vec!["run", "rush_hour", "--words", "engineer", "--heartbeats"],
            0,
        ),
        (vec!["diagram", "hello", "--out", "-"], 0),
        (vec!["bench", "--phones", "3", "--minutes", "1"], 0),
        (vec!["--help"], 0),
        (vec!["run", "--help"], 0),
        (vec!["--version"], 0),
    ]
}

/// A folder of its own with a copy of the scenes (a command that wrote a file
/// named "-" would write it there).
fn with_scenes(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::create_dir(dir.join("scenes")).unwrap();
    for entry in std::fs::read_dir(here().join("scenes")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("scenes").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn every_command_ends_quietly_when_its_output_is_closed_early() {
    let dir = with_scenes("citizen-pipe");
    let mut wrong = Vec::new();
    for (args, status) in commands() {
        let o = run_with(&dir, &args, closed_pipe());
        let err = stderr(&o);
        if !err.is_empty() || o.status.code() != Some(status) {
            wrong.push(format!(
                "postoffice {}: status {:?} (expected {status}), stderr {err:?}",
                args.join(" "),
                o.status.code()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_command_says_so_in_one_line_when_its_output_cannot_be_written() {
    let dir = with_scenes("citizen-full");
    let mut wrong = Vec::new();
    for (args, _) in commands() {
        let o = run_with(&dir, &args, full());
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        let said = lines.len() == 1
            && lines[0].contains("cannot write")
            && lines[0].contains("standard output")
            && !err.contains("panicked");
        let failed = o.status.code().is_some_and(|c| c != 0 && c != 101);
        if !said || !failed {
            wrong.push(format!(
                "postoffice {}: status {:?}, stderr {err:?}",
                args.join(" "),
                o.status.code()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn out_dash_is_standard_output_and_folders_refuse_it() {
    let dir = scratch("citizen-dash");
    let hello = format!("{}/scenes/hello.ron", env!("CARGO_MANIFEST_DIR"));
    let o = common::postoffice_in(&dir, &["diagram", &hello, "--out", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("<svg") || stdout(&o).starts_with("<?xml"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).trim_end().ends_with("</svg>"));
    assert!(!dir.join("-").exists(), "a file named \"-\" was written");
    // The same picture as written to a file.
    let file = dir.join("hello.svg");
    let o2 = common::postoffice_in(&dir, &["diagram", &hello, "--out", file.to_str().unwrap()]);
    assert_eq!(o2.status.code(), Some(0), "{}", stderr(&o2));
    assert_eq!(std::fs::read(&file).unwrap(), o.stdout);
    // Slides and frames write folders: standard output is no folder.
    for args in [
        vec!["slides", "hello", "--out", "-"],
        vec!["slides", "hello", "--out", "-", "--lang", "zh"],
    ] {
        let o = common::postoffice_in(&dir, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--out -"), "{args:?}: {}", stderr(&o));
        assert!(
            !dir.join("-").exists(),
            "{args:?} made a folder named \"-\""
        );
    }
}

/// Runs `args` and expects a refusal (status 2) that names `flag`, quickly.
fn refused(args: &[&str], flag: &str) -> Option<String> {
    let start = Instant::now();
    let o = common::postoffice(args);
    let err = stderr(&o);
    let fine = o.status.code() == Some(2)
        && err.contains(flag)
        && !err.contains("panicked")
        && start.elapsed() < Duration::from_secs(20);
    (!fine).then(|| {
        format!(
            "postoffice {}: status {:?} after {:?}, stderr {err:?}",
            args.join(" "),
            o.status.code(),
            start.elapsed()
        )
    })
}

#[test]
fn every_numeric_flag_refuses_what_it_cannot_honour_before_any_work() {
    let mut wrong = Vec::new();
    let cases: &[(&[&str], &str, &[&str])] = &[
        (
            &["frames", "hello", "--seconds"],
            "--seconds",
            &[
                "NaN", "nan", "inf", "-inf", "1e30", "-1", "0", "-0", "1e-9", "100000", "abc", "",
            ],
        ),
        (
            &["run", "hello", "--until"],
            "--until",
            &[
                "0",
                "-1",
                "1.5",
                "1e3",
                "10000000001",
                "99999999999999999999",
                "NaN",
            ],
        ),
        (
            &["run", "hello", "--seed"],
            "--seed",
            &["-1", "1.5", "18446744073709551616", "x"],
        ),
        (
            &["diagram", "hello", "--out", "/dev/null", "--until"],
            "--until",
            &["0", "-5", "inf"],
        ),
        (
            &["bench", "--phones"],
            "--phones",
            &[
                "0",
                "2",
                "-5",
                "1e9",
                "100000001",
                "18446744073709551616",
                "NaN",
            ],
        ),
        (
            &["bench", "--minutes"],
            "--minutes",
            &["0", "10081", "-1", "1.5", "inf"],
        ),
        (
            &["bench", "--loss"],
            "--loss",
            &["NaN", "inf", "-inf", "-0.1", "1", "1e30", "x"],
        ),
        (&["bench", "--seed"], "--seed", &["-1", "1e3"]),
        (
            &["slides", "hello", "--out", "/tmp/never", "--size"],
            "--size",
            &[
                "0x0",
                "100x100",
                "99999x720",
                "axb",
                "1280",
                "NaNxNaN",
                "-1280x720",
            ],
        ),
        (
            &["slides", "hello", "--out", "/tmp/never", "--steps"],
            "--steps",
            &["0", "5-2", "-3", "1e3", "x"],
        ),
    ];
    for (head, flag, values) in cases {
        for v in *values {
            let mut args = head.to_vec();
            args.push(v);
            wrong.extend(refused(&args, flag));
        }
    }
    // `--seconds=-1` and friends, written with `=`.
    for v in ["-1", "NaN", "inf"] {
        let arg = format!("--seconds={v}");
        wrong.extend(refused(&["frames", "hello", &arg], "--seconds"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn frames_bare_refuses_what_is_not_a_file_without_reading_it() {
    let dir = scratch("citizen-bare");
    let fifo = dir.join("replica.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut wrong = Vec::new();
    for path in [
        fifo.to_str().unwrap(),
        "/dev/zero",
        "/dev/stdin",
        dir.to_str().unwrap(),
    ] {
        wrong.extend(refused(&["frames", "--bare", path], "--bare"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_window_takes_lang_and_words_like_the_other_commands() {
    // Without a display (or without the window at all), the flags are taken and
    // the refusal is about the screen, not the flags.
    for args in [
        vec!["hello", "--lang", "zh"],
        vec!["hello", "--words", "story"],
        vec!["open", "hello", "--lang", "zh", "--words", "engineer"],
        vec!["--lang", "zh"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_postoffice"))
            .args(&args)
            .current_dir(here())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    // A bad value is still refused by name.
    let o = common::postoffice(&["hello", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--lang"), "{}", stderr(&o));
}

#[test]
fn every_command_help_lists_its_exit_statuses() {
    let mut wrong = Vec::new();
    for cmd in [
        &["--help"][..],
        &["run", "--help"],
        &["diagram", "--help"],
        &["check", "--help"],
        &["scenes", "--help"],
        &["glossary", "--help"],
        &["bench", "--help"],
        &["open", "--help"],
        &["slides", "--help"],
        &["frames", "--help"],
    ] {
        let o = common::postoffice(cmd);
        let out = stdout(&o);
        if !(out.contains("Exit status") && out.contains("  0 ") && out.contains("  2 ")) {
            wrong.push(format!("postoffice {}:\n{out}", cmd.join(" ")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n---\n"));
}

/// Control characters (and their spellings) a hostile scene or name may carry.
const CONTROLS: &[(&str, &str)] = &[
    ("\u{1b}[31m", "ESC ["),
    ("\u{1b}]0;owned\u{7}", "OSC title"),
    ("\u{7}", "BEL"),
    ("\u{9b}2J", "CSI (C1)"),
    ("\r", "CR"),
    ("\u{8}", "BS"),
    ("\u{85}", "NEL"),
    ("\u{0}", "NUL"),
];

/// Whether `s` holds a control character a terminal would act on (newline and tab
/// aside).
fn raw_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
}

fn hello_with(replace: &str, with: &str) -> String {
    let text = std::fs::read_to_string(here().join("scenes/hello.ron")).unwrap();
    assert!(text.contains(replace));
    text.replacen(replace, with, 1)
}

/// `s` as a RON string's contents (control characters as `\u{..}` escapes).
fn ron_escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '"' || c == '\\' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn no_control_character_from_a_scene_or_a_name_reaches_the_terminal_raw() {
    let dir = scratch("citizen-controls");
    let mut wrong = Vec::new();
    for (i, (control, what)) in CONTROLS.iter().enumerate() {
        let c = ron_escaped(control);
        // In the title, a name, a letter, an id: read by run (text and engineer),
        // check and scenes.
        let scenes = dir.join(format!("s{i}")).join("scenes");
        std::fs::create_dir_all(&scenes).unwrap();
        let text = hello_with(
            "\"Li Lei says hello\"",
            &format!("\"Li Lei {c} says hello\""),
        )
        .replacen("\"Han Meimei\"", &format!("\"Han {c} Meimei\""), 1)
        .replacen("en: \"Hello!\"", &format!("en: \"Hel{c}lo!\""), 3)
        .replace("letter: \"Hello!\"", &format!("letter: \"Hel{c}lo!\""));
        let scene = scenes.join("hello.ron");
        std::fs::write(&scene, &text).unwrap();
        // A bad id with the control character, and a file named with it.
        let bad = hello_with("Login(\"hanmeimei\")", &format!("Login(\"han{c}meimei\")"));
        let name = if control.contains('\u{0}') {
            "nul-cannot-be-in-a-name.ron".to_string()
        } else {
            format!("bad{control}name.ron")
        };
        let bad_file = scenes.join(&name);
        std::fs::write(&bad_file, &bad).unwrap();
        let scene = scene.to_str().unwrap();
        let bad_file = bad_file.to_str().unwrap();
        let runs: Vec<Vec<&str>> = vec![
            vec!["run", scene],
            vec!["run", scene, "--words", "engineer", "--heartbeats"],
            vec!["run", scene, "--format", "json"],
            vec!["check", scene, bad_file],
            vec!["scenes"],
            vec!["run", bad_file],
            vec!["diagram", bad_file, "--out", "x.svg"],
        ];
        for (n, args) in runs.into_iter().enumerate() {
            let o = common::postoffice_in(scenes.parent().unwrap(), &args);
            // The scene with the character is valid (its story is told); the bad
            // file is refused (`scenes` lists both).
            let expected = if n < 3 || n == 4 { 0 } else { 2 };
            if o.status.code() != Some(expected) {
                wrong.push(format!(
                    "{what}: postoffice {args:?}: status {:?}: {}",
                    o.status.code(),
                    stderr(&o)
                ));
            }
            for (stream, s) in [("stdout", stdout(&o)), ("stderr", stderr(&o))] {
                if let Some(c) = raw_control(&s) {
                    wrong.push(format!(
                        "{what}: postoffice {args:?}: {stream} has {c:?} raw: {s:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_flag_value_with_control_characters_is_quoted_escaped() {
    let mut wrong = Vec::new();
    for (control, what) in CONTROLS.iter().filter(|(c, _)| !c.contains('\u{0}')) {
        for args in [
            vec!["run".to_string(), format!("no{control}such")],
            vec![
                "run".into(),
                "hello".into(),
                "--lang".into(),
                format!("e{control}n"),
            ],
            vec!["bench".into(), "--loss".into(), format!("0.{control}1")],
            vec!["check".into(), format!("no{control}such.ron")],
            vec![
                "diagram".into(),
                "hello".into(),
                "--out".into(),
                format!("/no/such{control}/x.svg"),
            ],
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = common::postoffice(&args);
            let err = stderr(&o);
            if let Some(c) = raw_control(&err) {
                wrong.push(format!(
                    "{what}: postoffice {args:?}: stderr has {c:?} raw: {err:?}"
                ));
            }
            if o.status.code() != Some(2) {
                wrong.push(format!(
                    "{what}: postoffice {args:?}: status {:?}",
                    o.status.code()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_newline_in_a_scene_text_cannot_forge_a_line_of_output() {
    let dir = scratch("citizen-newline");
    let forged = "✓ Everything went fine";
    let nl = format!("\\n  {forged}");
    let text = hello_with(
        "\"Li Lei says hello\"",
        &format!("\"Li Lei says hello{nl}\""),
    )
    .replacen("\"Han Meimei\"", &format!("\"Han Meimei{nl}\""), 1)
    .replacen("en: \"Hello!\"", &format!("en: \"Hello!{nl}\""), 3)
    .replace("letter: \"Hello!\"", &format!("letter: \"Hello!{nl}\""))
    .replacen("zh: \"李雷说你好\"", &format!("zh: \"李雷说你好{nl}\""), 1)
    .replacen("zh: \"韩梅梅\"", &format!("zh: \"韩梅梅{nl}\""), 1);
    let scene = dir.join("forged.ron");
    std::fs::write(&scene, text).unwrap();
    let scene = scene.to_str().unwrap();
    let mut wrong = Vec::new();
    for args in [
        vec!["run", scene],
        vec!["run", scene, "--words", "story"],
        vec!["run", scene, "--words", "engineer"],
        vec!["run", scene, "--lang", "zh"],
        vec!["check", scene],
    ] {
        let o = common::postoffice(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o) + &stderr(&o);
        if let Some(line) = out.lines().find(|l| l.trim_start().starts_with(forged)) {
            wrong.push(format!(
                "postoffice {args:?} printed a line of the file's: {line:?}"
            ));
        }
        if !out.contains(forged) {
            wrong.push(format!(
                "postoffice {args:?} dropped the text instead of escaping it"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_long_bad_value_is_quoted_briefly_everywhere() {
    let dir = scratch("citizen-long");
    let long = "y".repeat(2000);
    let mut wrong = Vec::new();
    // A user whose id is too long, then mistakes that list the users.
    let text = hello_with("(id: \"hanmeimei\",", &format!("(id: \"{long}\","));
    let scene = dir.join("long.ron");
    std::fs::write(&scene, text).unwrap();
    let scene = scene.to_str().unwrap();
    for args in [vec!["run", scene], vec!["check", scene]] {
        let o = common::postoffice(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        for line in err.lines() {
            if line.chars().count() > 400 || line.contains(&"y".repeat(60)) {
                wrong.push(format!(
                    "{args:?}: {} chars: {}…",
                    line.chars().count(),
                    &line[..200]
                ));
            }
        }
    }
    // A long flag value (cut at 40 characters) or file name (at 200).
    let long_name = format!("{}.ron", "z".repeat(3000));
    for (args, run) in [
        (vec!["run", &long_name[..]], "z".repeat(201)),
        (vec!["check", &long_name[..]], "z".repeat(201)),
        (vec!["run", "hello", "--lang", &long[..]], "y".repeat(41)),
        (vec!["bench", "--loss", &long[..]], "y".repeat(41)),
    ] {
        let o = common::postoffice(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        if err.contains(&run) || !err.contains('…') {
            wrong.push(format!("{}: {} chars: {err}", args[0], err.chars().count()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The window, `slides` and `frames` with no display, or one that does not answer:
/// one sentence and status 2, never a panic inside the windowing library.
#[cfg(feature = "viz")]
#[test]
fn the_window_without_a_screen_says_so_in_one_sentence() {
    let dir = scratch("citizen-screen");
    let out = dir.join("slides");
    let out = out.to_str().unwrap();
    let mut wrong = Vec::new();
    // No display named; a display whose server is not there (X11 and TCP).
    for display in [None, Some(":97"), Some("unix:97.0"), Some("localhost:97")] {
        for args in [
            vec!["hello"],
            vec![],
            vec!["open", "hello"],
            vec!["open", "scenes/tunnel.ron", "--lang", "zh"],
            vec!["slides", "hello", "--out", out],
            vec!["frames", "hello", "--seconds", "1"],
        ] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_postoffice"));
            cmd.args(&args)
                .current_dir(here())
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .stdin(Stdio::null());
            if let Some(d) = display {
                cmd.env("DISPLAY", d);
            }
            let o = cmd.output().unwrap();
            let err = stderr(&o);
            if o.status.code() != Some(2)
                || err.contains("panicked")
                || err.trim_end().lines().count() != 1
                || !err.contains("display")
            {
                wrong.push(format!(
                    "DISPLAY={display:?} postoffice {args:?}: status {:?}, stderr {err:?}",
                    o.status.code()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
