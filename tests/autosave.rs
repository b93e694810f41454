//! The autosave and the saved lesson, without a window: an autosave is read with
//! the checks a scene file gets (a person the scene lacks, a pipe, a device, a file
//! too large, a story too long: refused, never a panic, a hang or an abort); it is
//! written without following a link planted beside it; a lesson that cannot be
//! saved stays restorable; and saving keeps every layout and comment of the scene.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use postoffice::lesson::{Lesson, LiveAction, autosave};
use postoffice::scenario::{self, Scenario, locate::Lexer};
use postoffice::sim::{Action, Dest, Text, UserIdx};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("autosave")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scene_at(dir: &Path, name: &str) -> (PathBuf, Arc<Scenario>) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(format!("{name}.ron"));
    let path = dir.join(format!("{name}.ron"));
    std::fs::copy(from, &path).unwrap();
    let scene = Arc::new(scenario::load(&path).unwrap());
    (path, scene)
}

fn letter(from: u32, to: u32, text: &str) -> Action {
    Action::Send {
        from: postoffice::sim::DeviceIdx(from),
        to: Dest::User(UserIdx(to)),
        text: Text::from(text),
        parcel: None,
    }
}

/// A lesson of `scene` with a letter and a cut link added after its third beat.
fn lesson_of(scene: &Arc<Scenario>) -> Lesson {
    let mut lesson = Lesson::new(scene.clone());
    lesson.extend(8);
    let shown = lesson.beats().len().min(3);
    lesson.inject(shown, letter(0, 1, "What if?")).unwrap();
    lesson
        .inject(shown, Action::LinkDown(postoffice::sim::DeviceIdx(1)))
        .unwrap();
    lesson
}

/// Runs `f` on a thread; `None` when it has not finished within a generous time
/// (it blocked), or panicked.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20)).ok()
}

#[test]
fn an_autosave_reads_back_as_the_live_actions() {
    let dir = scratch("roundtrip");
    let kept = dir.join("kept");
    let (path, scene) = scene_at(&dir, "hello");
    let lesson = lesson_of(&scene);
    autosave::save(Some(&kept), &path, &scene, lesson.live()).unwrap();
    let back = autosave::load(Some(&kept), &path, &scene).unwrap();
    assert_eq!(back.as_deref(), Some(lesson.live()));
}

/// A link planted where the autosave writes its temporary file (or at the
/// autosave itself) is never written through: the file it points to is unchanged.
#[test]
fn the_autosave_never_writes_through_a_planted_link() {
    let dir = scratch("planted");
    let kept = dir.join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    let (path, scene) = scene_at(&dir, "hello");
    let lesson = lesson_of(&scene);
    let target = autosave::path_for(Some(&kept), &path).unwrap();
    let victim = dir.join("victim.txt");
    let mut failures = Vec::new();
    for planted in [
        target.with_extension("ron.tmp"),
        target.clone(),
        kept.join(format!(
            ".{}.{}-0.tmp",
            target.file_name().unwrap().to_string_lossy(),
            std::process::id()
        )),
    ] {
        std::fs::write(&victim, "a teacher's notes").unwrap();
        let _ = std::fs::remove_file(&planted);
        symlink(&victim, &planted).unwrap();
        let saved = autosave::save(Some(&kept), &path, &scene, lesson.live());
        if std::fs::read_to_string(&victim).unwrap() != "a teacher's notes" {
            failures.push(format!("written through {}", planted.display()));
        }
        if saved.is_ok()
            && autosave::load(Some(&kept), &path, &scene)
                .ok()
                .flatten()
                .as_deref()
                != Some(lesson.live())
        {
            failures.push(format!(
                "{}: saved, but does not read back",
                planted.display()
            ));
        }
        let _ = std::fs::remove_file(&planted);
        let _ = std::fs::remove_file(&target);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The autosave's text for `scene` with `live`: its header (copied from a real
/// autosave) and `body`.
fn forged(dir: &Path, path: &Path, scene: &Scenario, body: &str) -> PathBuf {
    let kept = dir.join("kept");
    autosave::save(Some(&kept), path, scene, &[(1000, letter(0, 1, "header"))]).unwrap();
    let target = autosave::path_for(Some(&kept), path).unwrap();
    let real = std::fs::read_to_string(&target).unwrap();
    let header = real.lines().next().unwrap();
    std::fs::write(&target, format!("{header}\n{body}")).unwrap();
    target
}

/// Restores what `load` gives into a lesson and tells it to the end: the way the
/// window would, where a panic is a crash.
fn restore(scene: &Arc<Scenario>, live: Vec<LiveAction>) -> Result<(), String> {
    let scene = scene.clone();
    std::panic::catch_unwind(move || {
        let mut lesson = Lesson::new(scene);
        if lesson.set_live(live).is_ok() {
            lesson.finish();
        }
    })
    .map_err(|_| "restoring it panicked".to_string())
}

/// An autosave that names a person the scene lacks, or lists the scene's people in
/// another order, is refused: its actions are not given to the lesson.
#[test]
fn an_autosave_of_other_people_is_refused_not_a_panic() {
    let dir = scratch("people");
    let (path, scene) = scene_at(&dir, "hello");
    let text = scene.source.to_string();
    let users_at = text.find("users: [").unwrap() + "users: [".len();
    let mut failures = Vec::new();
    let mut bodies = Vec::new();
    // A stranger, added last, who writes.
    let mut stranger = text.clone();
    stranger.insert_str(
        users_at,
        "\n        (id: \"zed\", name: (en: \"Zed\", zh: \"泽德\")),",
    );
    let stranger = stranger.replacen(
        "script: [",
        "script: [\n        (at_ms: 1, do: Login(\"zed\")),",
        1,
    );
    let live = "\n        (at_ms: 30000, do: Send(from: \"zed\", to: \"lilei\", text: \"hi\")),\n        (at_ms: 30001, do: LinkDown(\"zed\")),";
    let close = stranger.rfind("expect").unwrap();
    let close = stranger[..close].rfind(']').unwrap();
    let mut body = stranger.clone();
    body.insert_str(close, live);
    bodies.push(("a stranger", body));
    // The same people, listed the other way round.
    let mut lines: Vec<&str> = text.lines().collect();
    let li = lines
        .iter()
        .position(|l| l.contains("(id: \"lilei\""))
        .unwrap();
    let han = lines
        .iter()
        .position(|l| l.contains("(id: \"hanmeimei\""))
        .unwrap();
    lines.swap(li, han);
    let mut swapped = lines.join("\n");
    let close = swapped[..swapped.rfind("expect").unwrap()]
        .rfind(']')
        .unwrap();
    swapped.insert_str(
        close,
        "\n        (at_ms: 30000, do: Send(from: \"lilei\", to: \"hanmeimei\", text: \"hi\")),",
    );
    bodies.push(("the people in another order", swapped));
    for (what, body) in bodies {
        assert!(
            scenario::parse("forged", body.as_bytes()).is_ok(),
            "{what}: the forged autosave is itself a valid scene:\n{body}"
        );
        forged(&dir, &path, &scene, &body);
        let kept = dir.join("kept");
        match autosave::load(Some(&kept), &path, &scene) {
            Err(e) => assert!(
                e.contains("hello"),
                "{what}: the refusal names the file: {e}"
            ),
            Ok(None) => failures.push(format!("{what}: not offered, but not refused either")),
            Ok(Some(live)) => {
                let users = scene.world.phones();
                let strangers = live
                    .iter()
                    .any(|(_, a)| format!("{a:?}").contains(&format!("UserIdx({users})")));
                failures.push(format!(
                    "{what}: {} actions offered back{}; {:?}",
                    live.len(),
                    if strangers {
                        " (naming a phone the scene lacks)"
                    } else {
                        ""
                    },
                    restore(&scene, live)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A pipe, a device, a folder or a file too large for a scene at the autosave's
/// place is refused without being read (a pipe would block for ever, /dev/zero
/// would fill the memory).
#[test]
fn an_autosave_that_is_no_scene_file_is_refused_without_reading_it() {
    let dir = scratch("kinds");
    let (path, scene) = scene_at(&dir, "hello");
    let kept = dir.join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    let target = autosave::path_for(Some(&kept), &path).unwrap();
    // A real autosave's text, its header right, padded past 4 MiB with a comment.
    forged(&dir, &path, &scene, "");
    let header = std::fs::read_to_string(&target).unwrap();
    let lesson = lesson_of(&scene);
    let body = postoffice::lesson::save::lesson_text(&scene, lesson.live());
    let big = format!("{header}{body}\n// {}\n", "x".repeat(4 * 1024 * 1024));
    let mut failures = Vec::new();
    for kind in ["named pipe", "device", "folder", "too large"] {
        let _ = std::fs::remove_file(&target);
        let _ = std::fs::remove_dir_all(&target);
        match kind {
            "named pipe" => {
                let ok = std::process::Command::new("mkfifo")
                    .arg(&target)
                    .status()
                    .unwrap();
                assert!(ok.success());
            }
            "device" => symlink("/dev/zero", &target).unwrap(),
            "folder" => std::fs::create_dir(&target).unwrap(),
            _ => std::fs::write(&target, &big).unwrap(),
        }
        let (k, p, s) = (kept.clone(), path.clone(), scene.clone());
        match within(move || autosave::load(Some(&k), &p, &s)) {
            None => failures.push(format!("{kind}: blocked (or panicked)")),
            Some(Ok(Some(live))) => {
                failures.push(format!("{kind}: {} actions offered", live.len()))
            }
            Some(Ok(None)) => failures.push(format!("{kind}: not refused")),
            // (The device is a link to /dev/zero: making a device needs root.)
            Some(Err(e))
                if !e.contains(if kind == "device" {
                    "link"
                } else {
                    kind.split(' ').next_back().unwrap()
                }) =>
            {
                failures.push(format!("{kind}: the refusal does not say what it is: {e}"))
            }
            Some(Err(_)) => {}
        }
    }
    let _ = std::fs::remove_file(&target);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An autosave whose story would be too long to tell (an action near the end of
/// time on a scene with heartbeats) is refused as the same scene file would be,
/// not told until the memory runs out.
#[test]
fn an_autosave_whose_story_is_too_long_is_refused_like_the_scene() {
    let dir = scratch("long");
    let (path, scene) = scene_at(&dir, "classroom");
    let live: Vec<LiveAction> = vec![(scenario::MAX_MS - 10, letter(0, 1, "late"))];
    let body = postoffice::lesson::save::lesson_text(&scene, &live);
    // The same text as a scene file is refused for its size.
    let as_scene = scenario::parse("same.ron", body.as_bytes()).unwrap();
    let refusal = as_scene.check_size(None).expect_err("too long a story");
    assert!(refusal.to_string().contains("events"), "{refusal}");
    forged(&dir, &path, &scene, &body);
    let kept = dir.join("kept");
    let offered = autosave::load(Some(&kept), &path, &scene);
    match offered {
        Err(e) => assert!(e.contains("events"), "refused as the scene is: {e}"),
        other => panic!("an autosave of a story too long to tell is not refused: {other:?}"),
    }
}

/// When Ctrl+S cannot write beside the scene (a folder that takes no new file),
/// the autosave is still there, and still offers the lesson back.
#[test]
fn a_lesson_that_cannot_be_saved_stays_restorable() {
    let dir = scratch("unsaved");
    let kept = dir.join("kept");
    let (_, scene) = scene_at(&dir, "hello");
    // /proc takes no new file, even from root (a read-only folder does, for root).
    let path = Path::new("/proc/hello.ron");
    let lesson = lesson_of(&scene);
    autosave::save(Some(&kept), path, &scene, lesson.live()).unwrap();
    let saved = lesson.save_beside(path);
    assert!(saved.is_err(), "saved into /proc: {saved:?}");
    assert_eq!(
        autosave::load(Some(&kept), path, &scene)
            .unwrap()
            .as_deref(),
        Some(lesson.live())
    );
}

// ---------------------------------------------------------------------------
// Saving keeps every layout: the scenes in scenes/, written in many ways.

/// The gaps between the tokens of `src`: (the token, the text before it).
fn tokens(src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut prev = 0;
    for t in Lexer::new(src) {
        out.push((
            src[t.start..t.end].to_string(),
            src[prev..t.start].to_string(),
        ));
        prev = t.end;
    }
    out.push((String::new(), src[prev..].to_string()));
    out
}

fn punct(tok: &str, c: char) -> bool {
    tok.len() == 1 && tok.starts_with(c)
}

/// The comments of a RON text (line comments to the end of their line, block
/// comments whole), found in the gaps between tokens.
fn comments(src: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (_, gap) in tokens(src) {
        let mut rest = gap.as_str();
        while let Some(i) = rest.find('/') {
            rest = &rest[i..];
            if let Some(line) = rest.strip_prefix("//") {
                let end = line.find('\n').unwrap_or(line.len());
                found.push(format!("//{}", line[..end].trim_end()));
                rest = &line[end..];
            } else if rest.starts_with("/*") {
                let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
                found.push(rest[..end].to_string());
                rest = &rest[end..];
            } else {
                rest = &rest[1..];
            }
        }
    }
    found
}

/// The ways a teacher may lay a scene out, each made from `src`.
fn layouts(src: &str) -> Vec<(&'static str, String)> {
    let toks = tokens(src);
    let mut out = Vec::new();
    let remake = |f: &dyn Fn(usize, &str, &str, &mut String)| {
        let mut s = String::new();
        for (i, (tok, gap)) in toks.iter().enumerate() {
            f(i, tok, gap, &mut s);
        }
        s
    };
    let next_closes = |i: usize| {
        toks.get(i + 1)
            .is_some_and(|(t, _)| punct(t, ']') || punct(t, ')'))
    };
    out.push(("as written", src.to_string()));
    // No trailing comma anywhere, and a comment after every last entry of a list.
    out.push((
        "no trailing commas, a comment after each last entry",
        remake(&|i, tok, gap, s| {
            s.push_str(gap);
            let next = toks.get(i + 1).map_or("", |(t, _)| t.as_str());
            if !(punct(tok, ',') && next_closes(i)) {
                s.push_str(tok);
            }
            if punct(next, ']') && !punct(tok, '[') {
                s.push_str(&format!(" // last {i}\n"));
            }
        }),
    ));
    // A trailing comma before every closing `]`, with a comment after it.
    out.push((
        "trailing commas",
        remake(&|i, tok, gap, s| {
            s.push_str(gap);
            s.push_str(tok);
            if toks.get(i + 1).is_some_and(|(t, _)| punct(t, ']'))
                && !punct(tok, ',')
                && !punct(tok, '[')
            {
                s.push_str(&format!(", /* t{i} */"));
            }
        }),
    ));
    // Comments everywhere: a line comment after every comma, a block comment after
    // every colon.
    out.push((
        "comments everywhere",
        remake(&|i, tok, gap, s| {
            s.push_str(gap);
            s.push_str(tok);
            if punct(tok, ',') {
                s.push_str(&format!(" // c{i}\n"));
            } else if punct(tok, ':') {
                s.push_str(&format!(" /* k{i} */ "));
            }
        }),
    ));
    // A line comment between every field's name and its value.
    out.push((
        "a comment before each value",
        remake(&|i, tok, gap, s| {
            s.push_str(gap);
            s.push_str(tok);
            if punct(tok, ':') {
                s.push_str(&format!(" // v{i}\n    "));
            }
        }),
    ));
    // All on one line: line comments become block comments.
    out.push((
        "one line",
        remake(&|_, tok, gap, s| {
            let mut kept = Vec::new();
            for c in comments(gap) {
                match c.strip_prefix("//") {
                    Some(l) => kept.push(format!("/*{}*/", l.replace("*/", "* /"))),
                    None => kept.push(c),
                }
            }
            if !s.is_empty() {
                s.push(' ');
            }
            for c in kept {
                s.push_str(&c);
                s.push(' ');
            }
            s.push_str(tok);
        }),
    ));
    // An end of time, with comments around its value.
    if let Ok(scene) = scenario::parse("layout", src.as_bytes()) {
        let until = scene.script.last().map_or(0, |(at, _)| *at) + 30_000;
        if let Some(at) = src.find("\n    seed:") {
            let mut with = src.to_string();
            with.insert_str(
                at,
                &format!("\n    until_ms: // the end of the lesson\n        /* ms: */ {until} // that is all"),
            );
            // (The line comment ends before the comma that follows on the next line.)
            with.insert_str(at + with[at..].find("that is all").unwrap() + 11, "\n    ,");
            out.push(("until_ms with comments", with));
        }
    }
    out.push(("CRLF line ends", src.replace('\n', "\r\n")));
    out.push((
        "tabs",
        src.lines()
            .map(|l| {
                let spaces = l.len() - l.trim_start_matches(' ').len();
                format!("{}{}\n", "\t".repeat(spaces / 4), &l[spaces / 4 * 4..])
            })
            .collect(),
    ));
    out
}

/// Every scene in scenes/, in every layout: the lesson saved from it parses,
/// replays the class's actions (the same trace), and keeps every comment.
#[test]
fn saving_keeps_every_layout_and_every_comment() {
    let mut failures = Vec::new();
    let mut tried = 0;
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let src = std::fs::read_to_string(&path).unwrap();
        let original = scenario::parse("original", src.as_bytes()).unwrap();
        if original.world.phones() > 40 {
            continue;
        }
        for (layout, text) in layouts(&src) {
            let name = format!("{} ({layout})", path.display());
            let scene = match scenario::parse("variant.ron", text.as_bytes()) {
                Ok(s) => Arc::new(s),
                Err(e) => panic!("{name}: the test's own layout does not parse: {e}\n{text}"),
            };
            assert_eq!(scene.script, original.script, "{name}: the test's layout");
            tried += 1;
            let mut lesson = lesson_of(&scene);
            // An action past the scene's end of time raises it.
            if let Some(until) = scene.until_ms {
                let mut live = lesson.live().to_vec();
                live.push((until + 2000, Action::LinkUp(postoffice::sim::DeviceIdx(1))));
                lesson.set_live(live).unwrap();
            }
            lesson.finish();
            let saved = lesson.text();
            let replayed = scenario::parse("saved.ron", saved.as_bytes()).map(|s| {
                let mut sim = s.sim(None, true);
                sim.run();
                sim.take_events()
            });
            match replayed {
                Err(e) => {
                    failures.push(format!("{name}: the saved lesson does not parse: {e}"));
                    continue;
                }
                Ok(_)
                    if scene.until_ms.is_some_and(|u| {
                        scenario::parse("saved.ron", saved.as_bytes())
                            .is_ok_and(|s| s.until_ms.is_none_or(|v| v <= u))
                    }) =>
                {
                    failures.push(format!("{name}: until_ms not raised"));
                }
                Ok(events) if events != lesson.trace() => {
                    failures.push(format!("{name}: the saved lesson replays differently"));
                }
                Ok(_) => {}
            }
            let lost: Vec<String> = comments(&text)
                .into_iter()
                .filter(|c| !saved.contains(c.trim_end_matches('\r')))
                .collect();
            if !lost.is_empty() {
                failures.push(format!("{name}: comments lost: {lost:?}"));
            }
        }
    }
    assert!(tried >= 50, "{tried} layouts tried");
    assert!(
        failures.is_empty(),
        "{} of {tried}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Ctrl+S beside the scene: never over the scene, a person's file, its own earlier
/// lesson or through a link (broken or not) at a lesson's name; it takes the next
/// free number.
#[test]
fn saving_beside_the_scene_takes_a_free_name_and_follows_no_link() {
    let dir = scratch("beside");
    let (path, scene) = scene_at(&dir, "hello");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "a teacher's notes").unwrap();
    std::fs::write(dir.join("hello-lesson-1.ron"), "a person's file").unwrap();
    symlink(&victim, dir.join("hello-lesson-2.ron")).unwrap();
    symlink(dir.join("gone.ron"), dir.join("hello-lesson-3.ron")).unwrap();
    let lesson = lesson_of(&scene);
    let first = lesson.save_beside(&path).unwrap();
    assert_eq!(first, dir.join("hello-lesson-4.ron"));
    // Again: its own earlier lesson stays too.
    let again = lesson.save_beside(&path).unwrap();
    assert_eq!(again, dir.join("hello-lesson-5.ron"));
    // From a saved lesson (the scene read): numbered after the scene it came from.
    let from_lesson = lesson.save_beside(&first).unwrap();
    assert_eq!(from_lesson, dir.join("hello-lesson-6.ron"));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "a teacher's notes"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("hello-lesson-1.ron")).unwrap(),
        "a person's file"
    );
    assert!(!dir.join("gone.ron").exists());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), *scene.source);
    for saved in [first, again, from_lesson] {
        let text = std::fs::read_to_string(&saved).unwrap();
        assert!(scenario::parse("saved", text.as_bytes()).is_ok());
    }
}

/// A scene with no `script` at all, its `expect` last (with no comma, a comment
/// after it): the lesson's script goes in as a field of its own, the expectations
/// are switched off, and both the comment and the replay hold.
#[test]
fn saving_a_scene_without_a_script_adds_one() {
    let text = "// No script here.\n(\n    title: (en: \"Quiet\", zh: \"安静\"),\n    users: [\n        (id: \"a\", name: (en: \"A\", zh: \"甲\")),\n        (id: \"b\", name: (en: \"B\", zh: \"乙\")),\n    ],\n    friends: [(\"a\", \"b\")],\n    expect: [Displayed(to: \"b\", from: \"a\", text: \"hi\")] // the end\n)\n";
    let scene = Arc::new(scenario::parse("quiet.ron", text.as_bytes()).unwrap());
    let mut lesson = Lesson::new(scene);
    lesson.extend(8);
    let shown = lesson.beats().len();
    lesson
        .inject(shown, Action::Login(postoffice::sim::DeviceIdx(0)))
        .unwrap();
    lesson
        .inject(shown, Action::Login(postoffice::sim::DeviceIdx(1)))
        .unwrap();
    lesson.finish();
    let saved = lesson.text();
    let back =
        scenario::parse("saved.ron", saved.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{saved}"));
    let mut sim = back.sim(None, true);
    sim.run();
    assert_eq!(sim.take_events(), lesson.trace(), "{saved}");
    assert!(back.expect.is_empty(), "{saved}");
    for c in ["// No script here.", "// the end"] {
        assert!(saved.contains(c), "{c}: {saved}");
    }
}
