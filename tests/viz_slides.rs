//! `postoffice slides` with the real renderer under Xvfb (software Vulkan): at least
//! nine pictures, none blank, each different from the one before.
//!
//! Needs `xvfb-run` and a Vulkan driver (`apt-get install xvfb mesa-vulkan-drivers`).
//! Without `xvfb-run` it says so and passes, unless `POSTOFFICE_REQUIRE_XVFB` is set
//! (as `.ci/run` does).
#![cfg(feature = "viz")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn has_xvfb() -> bool {
    Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the test can run; without `xvfb-run` it is skipped, unless
/// `POSTOFFICE_REQUIRE_XVFB` says it must run.
/// One virtual display at a time: `xvfb-run -a` started by two tests at the same
/// moment can pick the same display number, and one of them then finds none.
fn one_display() -> std::sync::MutexGuard<'static, ()> {
    static ONE_DISPLAY: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE_DISPLAY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn xvfb_or_skip() -> bool {
    if has_xvfb() {
        return true;
    }
    assert!(
        std::env::var_os("POSTOFFICE_REQUIRE_XVFB").is_none(),
        "xvfb-run is missing (apt-get install xvfb mesa-vulkan-drivers)"
    );
    eprintln!("skipped: no xvfb-run");
    false
}

/// The pixels of a PNG as RGB(A) bytes, with its size.
fn pixels(path: &Path) -> (u32, u32, usize, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, info.color_type.samples(), buf)
}

/// Takes the slides of `scenes/<scene>` under Xvfb with `args` into a fresh folder
/// (named after `name`), and gives the folder.
fn slides_of(scene: &str, name: &str, args: &[&str]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("postoffice-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let _one = one_display();
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_postoffice"))
        .arg("slides")
        .arg(root.join("scenes").join(scene))
        .arg("--out")
        .arg(&out)
        .args(args)
        // Started from another folder: the font and pictures travel inside the binary.
        .current_dir(std::env::temp_dir())
        .status()
        .unwrap();
    assert!(status.success(), "postoffice slides failed: {status}");
    out
}

#[test]
fn slides_of_hello_are_nine_distinct_pictures() {
    if !xvfb_or_skip() {
        return;
    }
    let out = slides_of("hello.ron", "slides", &[]);

    let mut slides: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    slides.sort();
    assert!(slides.len() >= 9, "{} slides", slides.len());
    let names: Vec<String> = slides
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // The opening card, every step, the scene's questions on pictures of their own
    // (hello asks at steps 4 and 9), and the recap after the last step.
    assert_eq!(names[0], "step-00.png");
    assert!(names.contains(&"step-01.png".to_string()), "{names:?}");
    for q in ["step-04-question.png", "step-09-question.png"] {
        assert!(names.contains(&q.to_string()), "{q} in {names:?}");
    }
    let last = names.iter().filter(|n| n.matches('-').count() == 1).count();
    assert_eq!(
        names.last().unwrap(),
        &format!("step-{last:02}-recap.png"),
        "{names:?}"
    );
    let mut previous: Option<Vec<u8>> = None;
    for slide in &slides {
        let (w, h, samples, px) = pixels(slide);
        assert!(w >= 640 && h >= 360, "{}: {w}×{h}", slide.display());
        // Not blank: many different colours.
        let mut colours: Vec<&[u8]> = px.chunks(samples).collect();
        colours.sort();
        colours.dedup();
        assert!(colours.len() > 50, "{} looks blank", slide.display());
        // Different from the one before in a visible number of pixels.
        if let Some(prev) = &previous {
            let changed = prev
                .chunks(samples)
                .zip(px.chunks(samples))
                .filter(|(a, b)| a != b)
                .count();
            assert!(
                changed > 500,
                "{} barely differs ({changed} pixels)",
                slide.display()
            );
        }
        previous = Some(px);
    }
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn slides_without_a_display_say_so() {
    let out = std::env::temp_dir().join(format!("postoffice-noslides-{}", std::process::id()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .arg("slides")
        .arg(root.join("scenes/hello.ron"))
        .arg("--out")
        .arg(&out)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no graphics device"), "{err}");
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn frames_measures_the_scene_and_a_bare_app_drawing_the_same() {
    if !xvfb_or_skip() {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let _one = one_display();
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_postoffice"))
        .arg("frames")
        .arg(root.join("scenes/classroom.ron"))
        .args(["--seconds", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "postoffice frames failed: {out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("classroom.ron"), "{text}");
    assert!(lines[1].starts_with("bare bevy"), "{text}");
    // The same sprites, boxes, texts and pictures on both lines, and some frames.
    let sprites = |l: &str| l.rsplit("at most ").next().map(str::to_string);
    assert_eq!(sprites(lines[0]), sprites(lines[1]), "{text}");
    let frames = |l: &str| {
        l.split_whitespace()
            .rev()
            .zip(l.split_whitespace().rev().skip(1))
            .find(|(w, _)| *w == "frames,")
            .and_then(|(_, n)| n.parse::<u32>().ok())
    };
    for l in &lines {
        assert!(frames(l).is_some_and(|n| n > 0), "no frames in {l}");
    }
    // More than the 40 tiles' sprites: the phones are drawn; and the UI too.
    let count = |what: &str| -> usize {
        let words: Vec<&str> = lines[0].split_whitespace().collect();
        words
            .windows(2)
            .find(|w| w[1].trim_end_matches(',') == what)
            .and_then(|w| w[0].parse().ok())
            .unwrap_or(0)
    };
    assert!(count("sprites") >= 80, "{text}");
    assert!(count("texts") >= 10 && count("UI") >= 10, "{text}");
}

#[test]
fn slides_of_steps_the_story_lacks_say_so_and_exit_2() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("postoffice-norange-{}", std::process::id()));
    for (steps, says) in [
        ("20-60", "there is no step 20"),
        ("5-70", "there is no step 70"),
        ("5-2", "the first step comes before the last"),
        ("0-3", "the first step is 1"),
        ("two", "steps are whole numbers"),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_postoffice"))
            .arg("slides")
            .arg(root.join("scenes/hello.ron"))
            .arg("--out")
            .arg(&out)
            .args(["--steps", steps])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--steps {steps}: {err}");
        assert!(err.contains(says), "--steps {steps}: {err}");
        assert!(!out.exists(), "--steps {steps} made {}", out.display());
    }
}

#[test]
fn slides_of_a_range_of_steps_are_those_steps() {
    if !xvfb_or_skip() {
        return;
    }
    let out = slides_of(
        "hello.ron",
        "range",
        &["--steps", "8-9", "--size", "1024x768"],
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The folder carries postoffice's mark (so a later run may replace its
    // pictures); the rest are the pictures.
    assert_eq!(
        names.first().map(String::as_str),
        Some(".postoffice-slides")
    );
    names.retain(|n| !n.starts_with('.'));
    // The wait after step 8 (before 9) is in the range; none before 8 or after 9;
    // step 9's question has its picture; no opening card, no recap.
    let (steps, waits): (Vec<_>, Vec<_>) = names.iter().partition(|n| !n.contains("later"));
    assert_eq!(
        steps,
        ["step-08.png", "step-09-question.png", "step-09.png"],
        "{names:?}"
    );
    assert!(
        waits.iter().all(|n| n.starts_with("step-08-later-")),
        "{names:?}"
    );
    let (w, h, _, _) = pixels(&out.join("step-08.png"));
    assert_eq!((w, h), (1024, 768));
    std::fs::remove_dir_all(&out).ok();
}

/// `slides --out` into a folder of a person's files, onto a file (the scene itself
/// included) or through a link is refused before any window opens (so even with no
/// display), and nothing in it changes; `--force` lets it past the check (to the
/// display's message here).
#[test]
fn slides_refuse_a_folder_they_did_not_write_before_opening_a_window() {
    let dir = std::env::temp_dir().join(format!("postoffice-slides-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("holiday")).unwrap();
    std::fs::write(dir.join("holiday/beach.jpg"), "mine").unwrap();
    std::fs::create_dir_all(dir.join("real")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("real"), dir.join("link")).unwrap();
    let scene = dir.join("hello.ron");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenes/hello.ron"),
        &scene,
    )
    .unwrap();
    let slides = |out: &Path, force: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_postoffice"));
        c.arg("slides").arg(&scene).arg("--out").arg(out);
        if force {
            c.arg("--force");
        }
        let o = c
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let mut cases = vec![("holiday", true), ("hello.ron", false)];
    if cfg!(unix) {
        cases.push(("link", true));
    }
    for (name, force_helps) in cases {
        let out = dir.join(name);
        let (code, err) = slides(&out, false);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains("cannot write into") || err.contains("cannot write"),
            "{name}: {err}"
        );
        assert!(!err.contains("no graphics device"), "{name}: {err}");
        let (code, err) = slides(&out, true);
        assert_eq!(code, Some(2), "{name} --force: {err}");
        assert_eq!(
            err.contains("no graphics device"),
            force_helps,
            "{name} --force: {err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("holiday/beach.jpg")).unwrap(),
        "mine"
    );
    assert!(!dir.join("holiday").join(".postoffice-slides").exists());
    assert!(
        std::fs::read_dir(dir.join("real"))
            .unwrap()
            .next()
            .is_none()
    );
    assert_eq!(
        std::fs::read_to_string(&scene).unwrap(),
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenes/hello.ron"))
            .unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}
