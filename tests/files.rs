//! Files around the scenes, tried as a careless or hostile user would: what a
//! command is named is what it reads (a scene in `./scenes` that cannot be read is
//! refused, never replaced by the built-in scene of that name), and no command
//! writes over the scene it reads, a file postoffice did not write, or through a
//! link (unless told to with `--force`).

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::postoffice_in;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// An empty folder of its own for a test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("files")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn hello_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes/hello.ron")).unwrap()
}

/// The kinds of path that are not a scene file, each made at `path`; with the word
/// the refusal must use for it.
const KINDS: [&str; 5] = ["folder", "broken link", "link loop", "named pipe", "device"];

fn make(kind: &str, path: &Path) -> &'static str {
    match kind {
        "folder" => {
            std::fs::create_dir(path).unwrap();
            "folder"
        }
        "broken link" => {
            symlink(path.with_extension("gone"), path).unwrap();
            "does not exist"
        }
        "link loop" => {
            symlink(path, path).unwrap();
            "link"
        }
        "named pipe" => {
            let ok = std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .unwrap();
            assert!(ok.success());
            "named pipe"
        }
        "device" => {
            symlink("/dev/null", path).unwrap();
            "device"
        }
        "unreadable" => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(path, hello_text()).unwrap();
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
            "permission"
        }
        _ => unreachable!(),
    }
}

/// A scene in `./scenes` (or a file named in the current folder) that cannot be read
/// is refused with exit 2 and a sentence naming it — whichever way it is named — and
/// the built-in scene of that name does not run in its place.
#[test]
fn a_scene_that_cannot_be_read_is_refused_not_replaced_by_the_built_in_one() {
    let mut failures = Vec::new();
    // A file without read permission is one only for others than root.
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let unreadable = (!root).then_some("unreadable");
    for kind in KINDS.into_iter().chain(unreadable) {
        for (i, (place, names)) in [
            ("scenes/hello.ron", &["hello", "scenes/hello.ron"][..]),
            ("hello.ron", &["hello.ron"][..]),
        ]
        .into_iter()
        .enumerate()
        {
            let dir = scratch(&format!("read-{}-{i}", kind.replace(' ', "-")));
            std::fs::create_dir_all(dir.join("scenes")).unwrap();
            let word = make(kind, &dir.join(place));
            for name in names {
                for cmd in [
                    vec!["run", name],
                    vec!["check", name],
                    vec!["diagram", name, "--out", "out.svg"],
                ] {
                    let _ = std::fs::remove_file(dir.join("out.svg"));
                    let o = postoffice_in(&dir, &cmd);
                    let err = stderr(&o);
                    let ok = o.status.code() == Some(2)
                        && err.contains(place)
                        && err.to_lowercase().contains(word)
                        && !stdout(&o).contains("Li Lei says hello")
                        && !dir.join("out.svg").exists();
                    if !ok {
                        failures.push(format!(
                            "{kind} at {place}, `postoffice {}`: exit {:?}, stderr {err:?}, stdout {:?}",
                            cmd.join(" "),
                            o.status.code(),
                            stdout(&o).lines().next()
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A name with nothing at all behind it still finds the built-in scene; a real
/// file in `./scenes` is read in its place (a teacher's own copy).
#[test]
fn a_name_with_nothing_behind_it_is_the_built_in_scene_and_a_file_in_scenes_wins() {
    let dir = scratch("read-builtin");
    let o = postoffice_in(&dir, &["run", "hello"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Li Lei says hello"));
    std::fs::create_dir(dir.join("scenes")).unwrap();
    let mine = hello_text().replace("Li Lei says hello", "Our own hello");
    std::fs::write(dir.join("scenes/hello.ron"), mine).unwrap();
    let o = postoffice_in(&dir, &["run", "hello"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Our own hello"), "{}", stdout(&o));
}

/// What is at `path`, to compare before and after: its kind and bytes.
fn snapshot(path: &Path) -> String {
    match std::fs::symlink_metadata(path) {
        Err(_) => "nothing".into(),
        Ok(m) if m.file_type().is_symlink() => {
            format!("link to {}", std::fs::read_link(path).unwrap().display())
        }
        Ok(m) if m.is_dir() => "folder".into(),
        Ok(m) if m.is_file() => format!("file {:?}", std::fs::read(path).unwrap()),
        Ok(_) => "other".into(),
    }
}

/// The targets `diagram --out` is tried on, made in `dir`, `out` being the name
/// given; the scene read is `dir/lesson.ron`. Each with whether a plain run writes
/// there, and whether `--force` does.
fn diagram_target(what: &str, dir: &Path) -> (&'static str, bool, bool) {
    let out = dir.join("out.svg");
    match what {
        "nothing there" => ("out.svg", true, true),
        "the scene itself" => ("lesson.ron", false, false),
        "the scene through ./" => ("./lesson.ron", false, false),
        "a link to the scene" => {
            symlink("lesson.ron", &out).unwrap();
            ("out.svg", false, false)
        }
        "a foreign file" => {
            std::fs::write(&out, "my own notes").unwrap();
            ("out.svg", false, true)
        }
        "a foreign svg" => {
            std::fs::write(&out, "<?xml version=\"1.0\"?>\n<svg/>\n").unwrap();
            ("out.svg", false, true)
        }
        "a link to a foreign file" => {
            std::fs::write(dir.join("notes.txt"), "my own notes").unwrap();
            symlink("notes.txt", &out).unwrap();
            ("out.svg", false, true)
        }
        "a broken link" => {
            symlink("elsewhere.svg", &out).unwrap();
            ("out.svg", false, true)
        }
        "a folder" => {
            std::fs::create_dir(&out).unwrap();
            ("out.svg", false, false)
        }
        "a named pipe" => {
            make("named pipe", &out);
            ("out.svg", false, false)
        }
        _ => unreachable!(),
    }
}

const DIAGRAM_TARGETS: [&str; 10] = [
    "nothing there",
    "the scene itself",
    "the scene through ./",
    "a link to the scene",
    "a foreign file",
    "a foreign svg",
    "a link to a foreign file",
    "a broken link",
    "a folder",
    "a named pipe",
];

/// `diagram --out`: over every kind of target, with and without `--force`, it
/// writes only where it may, and where it refuses (exit 2, a sentence naming the
/// target) nothing on disk changes — not the target, not what a link points to.
#[test]
fn diagram_writes_only_where_it_may() {
    let mut failures = Vec::new();
    for force in [false, true] {
        for what in DIAGRAM_TARGETS {
            let dir = scratch(&format!(
                "diagram-{}-{force}",
                what.replace([' ', '/'], "-")
            ));
            std::fs::write(dir.join("lesson.ron"), hello_text()).unwrap();
            let (out, plain, forced) = diagram_target(what, &dir);
            let writes = if force { forced } else { plain };
            let names = ["lesson.ron", "out.svg", "notes.txt", "elsewhere.svg"];
            let before: Vec<String> = names.iter().map(|n| snapshot(&dir.join(n))).collect();
            let mut args = vec!["diagram", "lesson.ron", "--out", out];
            if force {
                args.push("--force");
            }
            let o = postoffice_in(&dir, &args);
            let after: Vec<String> = names.iter().map(|n| snapshot(&dir.join(n))).collect();
            let label = format!("{what}{}", if force { " (--force)" } else { "" });
            if writes {
                let svg = std::fs::read_to_string(dir.join(out)).unwrap_or_default();
                if o.status.code() != Some(0) || !svg.contains("<svg") {
                    failures.push(format!("{label}: not written: {}", stderr(&o)));
                }
                // Only the target changed: a link is replaced, not written through.
                for (i, n) in names.iter().enumerate() {
                    if *n != "out.svg" && before[i] != after[i] {
                        failures.push(format!("{label}: {n} changed"));
                    }
                }
                if std::fs::symlink_metadata(dir.join(out))
                    .is_ok_and(|m| m.file_type().is_symlink())
                {
                    failures.push(format!("{label}: written through a link"));
                }
            } else {
                let err = stderr(&o);
                if o.status.code() != Some(2) || !err.contains(out) || before != after {
                    failures.push(format!(
                        "{label}: exit {:?}, stderr {err:?}, changed: {}",
                        o.status.code(),
                        before != after
                    ));
                }
                if !force && forced && !err.contains("--force") {
                    failures.push(format!("{label}: the refusal does not name --force: {err}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Its own earlier output is written over, again and again; once a person has
/// edited it by hand (the mark gone), it is theirs.
#[test]
fn diagram_writes_over_its_own_output_but_not_once_a_person_made_it_theirs() {
    let dir = scratch("diagram-again");
    for lang in ["en", "zh", "en"] {
        let o = postoffice_in(
            &dir,
            &["diagram", "hello", "--out", "handout.svg", "--lang", lang],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let svg = std::fs::read_to_string(dir.join("handout.svg")).unwrap();
        assert_eq!(svg.contains("xml:lang=\"zh-Hans\""), lang == "zh");
    }
    // The mark does not make the picture less of an SVG.
    let svg = std::fs::read_to_string(dir.join("handout.svg")).unwrap();
    roxmltree::Document::parse(&svg).expect("well-formed XML");
    // A person's own SVG that merely mentions postoffice is not taken for one.
    let theirs = "<?xml version=\"1.0\"?>\n<svg><!-- drawn after postoffice diagram --></svg>\n";
    std::fs::write(dir.join("handout.svg"), theirs).unwrap();
    let o = postoffice_in(&dir, &["diagram", "hello", "--out", "handout.svg"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("handout.svg")).unwrap(),
        theirs
    );
    // No temporary file is left behind, either way.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["handout.svg"], "{left:?}");
}

/// Where slides go: a new folder, an empty one or one postoffice wrote slides into
/// (its old pictures removed, a link among them removed, not followed); never a
/// file (the scene itself included), a pipe, a person's folder or a link to a folder
/// unless `--force`. Checked without a display (the library's check, which
/// `postoffice slides` makes before it opens a window).
#[test]
fn slides_go_only_into_a_folder_postoffice_may_write() {
    use postoffice::files::{SLIDES_MARK, check_slides_folder, prepare_slides_folder};
    let dir = scratch("slides");
    std::fs::write(dir.join("lesson.ron"), hello_text()).unwrap();
    let mut failures = Vec::new();
    // (name, made how, allowed without --force, allowed with it)
    type Case = (&'static str, fn(&Path), bool, bool);
    let cases: [Case; 8] = [
        ("new", |_| {}, true, true),
        ("empty", |p| std::fs::create_dir(p).unwrap(), true, true),
        (
            "a person's folder",
            |p| {
                std::fs::create_dir(p).unwrap();
                std::fs::write(p.join("holiday.jpg"), "x").unwrap();
            },
            false,
            true,
        ),
        (
            "a link to an empty folder",
            |p| {
                let to = p.with_extension("real");
                std::fs::create_dir(&to).unwrap();
                symlink(&to, p).unwrap();
            },
            false,
            true,
        ),
        ("a file", |p| std::fs::write(p, "x").unwrap(), false, false),
        (
            "a scene file",
            |p| std::fs::write(p, hello_text()).unwrap(),
            false,
            false,
        ),
        (
            "a named pipe",
            |p| {
                make("named pipe", p);
            },
            false,
            false,
        ),
        (
            "a broken link",
            |p| symlink(p.with_extension("gone"), p).unwrap(),
            false,
            false,
        ),
    ];
    for force in [false, true] {
        for (i, (what, made, plain, forced)) in cases.iter().enumerate() {
            let out = dir.join(format!("out-{i}-{force}"));
            made(&out);
            let before = snapshot(&out);
            let allowed = if force { *forced } else { *plain };
            let checked = check_slides_folder(&out, force);
            let prepared = prepare_slides_folder(&out, force);
            match (allowed, &prepared) {
                (true, Ok(())) => {
                    if !out.join(SLIDES_MARK).is_file() {
                        failures.push(format!("{what} ({force}): no mark"));
                    }
                }
                (false, Err(e)) => {
                    if before != snapshot(&out) {
                        failures.push(format!("{what} ({force}): changed"));
                    }
                    if !e.to_string().contains(&out.display().to_string()) {
                        failures.push(format!("{what} ({force}): {e}"));
                    }
                }
                _ => failures.push(format!(
                    "{what} (force {force}): expected allowed {allowed}, got {prepared:?}"
                )),
            }
            if checked.is_ok() != prepared.is_ok() {
                failures.push(format!("{what} ({force}): check and prepare disagree"));
            }
        }
    }
    // Its own folder: the old pictures go (a link among them removed, its target
    // kept), other files stay.
    let own = dir.join("own");
    prepare_slides_folder(&own, false).unwrap();
    std::fs::write(own.join("step-99.png"), "old").unwrap();
    std::fs::write(own.join("031-recap-answer.png"), "old").unwrap();
    std::fs::write(own.join("notes.txt"), "mine").unwrap();
    std::fs::write(own.join("001-holiday.png"), "mine").unwrap();
    std::fs::write(dir.join("victim.png"), "keep").unwrap();
    symlink(dir.join("victim.png"), own.join("002-step-01.png")).unwrap();
    prepare_slides_folder(&own, false).unwrap();
    assert!(!own.join("step-99.png").exists());
    assert!(!own.join("031-recap-answer.png").exists());
    assert!(std::fs::symlink_metadata(own.join("002-step-01.png")).is_err());
    assert_eq!(
        std::fs::read_to_string(own.join("001-holiday.png")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("victim.png")).unwrap(),
        "keep"
    );
    assert_eq!(
        std::fs::read_to_string(own.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
