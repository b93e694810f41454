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
    // The opening card, every step, the scene's questions and their answers on
    // pictures of their own (hello asks at steps 4 and 9), and the recap after the
    // last step, then its answers.
    assert_eq!(names[0], "001-opening.png");
    assert_eq!(names[1], "002-step-01.png");
    for q in [
        "006-step-04-question.png",
        "007-step-04-answer.png",
        "013-step-09-question.png",
    ] {
        assert!(names.contains(&q.to_string()), "{q} in {names:?}");
    }
    let n = names.len();
    assert_eq!(names[n - 2], format!("{:03}-recap.png", n - 1), "{names:?}");
    assert_eq!(
        names[n - 1],
        format!("{n:03}-recap-answer.png"),
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
    // step 9's question and its answer have their pictures; no opening card, no
    // recap.
    let whats = check_show_order(&names);
    let (steps, waits): (Vec<_>, Vec<_>) = whats.iter().partition(|n| !n.contains("later"));
    assert_eq!(
        steps,
        ["step-08", "step-09", "step-09-question", "step-09-answer"],
        "{names:?}"
    );
    assert!(
        waits.iter().all(|n| n.starts_with("step-08-later-")),
        "{names:?}"
    );
    let (w, h, _, _) = pixels(&out.join("001-step-08.png"));
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

/// The PNG names in `dir`, in the order the folder lists them.
fn png_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png"))
        .collect()
}

/// `names` in natural ("version") order, as `sort -V` gives them.
fn version_sorted(names: &[String]) -> Vec<String> {
    use std::io::Write;
    let mut sort = Command::new("sort")
        .arg("-V")
        .env("LC_ALL", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    sort.stdin
        .take()
        .unwrap()
        .write_all(names.join("\n").as_bytes())
        .unwrap();
    let out = sort.wait_with_output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A slide's running number, how many digits it is written with, and what the
/// slide shows (`opening`, `step-04`, `step-04-question`, ...).
fn running(name: &str) -> Option<(usize, usize, String)> {
    let stem = name.strip_suffix(".png")?;
    let (number, what) = stem.split_once('-')?;
    Some((number.parse().ok()?, number.len(), what.to_string()))
}

/// Checks that `names` (byte-sorted) are numbered 1..N without a gap, in one
/// width of at least three digits, and that what they show comes in show order:
/// each step after the one before it, its question right after it, the answer
/// right after its question, then the pictures of the wait after it, in order;
/// the recap last, its answers right after it. Gives what each shows.
fn check_show_order(names: &[String]) -> Vec<String> {
    let parsed: Vec<_> = names
        .iter()
        .map(|n| running(n).unwrap_or_else(|| panic!("{n}: not NNN-what.png in {names:?}")))
        .collect();
    let width = parsed[0].1;
    assert!(width >= 3, "{names:?}");
    for (i, (n, w, _)) in parsed.iter().enumerate() {
        assert_eq!((*n, *w), (i + 1, width), "numbering of {names:?}");
    }
    let whats: Vec<String> = parsed.into_iter().map(|p| p.2).collect();
    let step_of = |w: &str| -> Option<(usize, String)> {
        let rest = w.strip_prefix("step-")?;
        let (n, tail) = rest.split_once('-').unwrap_or((rest, ""));
        Some((n.parse().ok()?, tail.to_string()))
    };
    let mut step = None::<usize>;
    for (i, w) in whats.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| whats[p].as_str());
        let ok = match (w.as_str(), step_of(w)) {
            ("opening", _) => i == 0,
            ("recap", _) => i + 2 >= whats.len(),
            ("recap-answer", _) => prev == Some("recap") && i + 1 == whats.len(),
            (_, Some((n, tail))) if tail.is_empty() => {
                let follows = step.is_none_or(|s| n == s + 1);
                step = Some(n);
                follows
            }
            (_, Some((n, tail))) if tail == "question" => {
                Some(n) == step && prev.and_then(step_of) == Some((n, String::new()))
            }
            (_, Some((n, tail))) if tail == "answer" => {
                Some(n) == step && prev.and_then(step_of) == Some((n, "question".into()))
            }
            (_, Some((n, tail))) => {
                let k: u32 = tail
                    .strip_prefix("later-")
                    .and_then(|k| k.parse().ok())
                    .unwrap_or_else(|| panic!("{w}: what is it? {names:?}"));
                let before = prev.and_then(step_of);
                Some(n) == step
                    && match k {
                        1 => {
                            matches!(before, Some((m, t)) if m == n && (t.is_empty() || t == "answer"))
                        }
                        _ => before == Some((n, format!("later-{}", k - 1))),
                    }
            }
            _ => false,
        };
        assert!(ok, "{w} out of show order in {names:?}");
        // A question is always followed by its answer.
        if w.ends_with("question") || w == "recap" {
            let next = whats.get(i + 1).map(String::as_str);
            let want = if w == "recap" {
                "recap-answer".to_string()
            } else {
                w.replace("question", "answer")
            };
            assert_eq!(next, Some(want.as_str()), "after {w} in {names:?}");
        }
    }
    whats
}

/// tunnel waits long after a step that asks a question (1 and 10), and ends with
/// the recap: byte order, natural order and show order are one, the numbers run
/// from 1 without a gap, and the files are the plan `slides` made before taking
/// any.
#[test]
fn slides_sort_in_show_order_by_name_and_by_version() {
    if !xvfb_or_skip() {
        return;
    }
    let out = slides_of("tunnel.ron", "order", &[]);
    let mut names = png_names(&out);
    names.sort();
    assert_eq!(version_sorted(&names), names, "sort -V differs");
    let whats = check_show_order(&names);
    for want in [
        "opening",
        "step-01-question",
        "step-01-later-1",
        "recap-answer",
    ] {
        assert!(whats.iter().any(|w| w == want), "{want} in {names:?}");
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let plan = postoffice::viz::offline::slides::plan_of(
        &root.join("scenes/tunnel.ron"),
        &postoffice::viz::offline::slides::How::default(),
    )
    .unwrap();
    assert_eq!(plan, names);
    std::fs::remove_dir_all(&out).ok();
}

/// A second run into the same folder with fewer steps leaves no picture of the
/// first (nor an older postoffice's `step-*.png`); a file of a person's there stays.
#[test]
fn a_second_run_leaves_no_slide_of_the_first_and_a_persons_file_stays() {
    if !xvfb_or_skip() {
        return;
    }
    let out = slides_of("tunnel.ron", "rerun", &[]);
    let first = png_names(&out);
    assert!(first.len() > 20, "{first:?}");
    let mine = ["001-holiday.png", "notes.txt", "step-01-mine.png"];
    for m in mine {
        std::fs::write(out.join(m), "mine").unwrap();
    }
    std::fs::write(out.join("step-03-later-1.png"), "an older postoffice's").unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let _one = one_display();
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_postoffice"))
        .arg("slides")
        .arg(root.join("scenes/tunnel.ron"))
        .arg("--out")
        .arg(&out)
        .args(["--steps", "9-10"])
        .status()
        .unwrap();
    assert!(status.success(), "second run: {status}");
    for m in mine {
        assert_eq!(std::fs::read_to_string(out.join(m)).unwrap(), "mine", "{m}");
    }
    let mut names: Vec<String> = png_names(&out)
        .into_iter()
        .filter(|n| !mine.contains(&n.as_str()))
        .collect();
    names.sort();
    let whats = check_show_order(&names);
    assert_eq!(
        whats.first().map(String::as_str),
        Some("step-09"),
        "{names:?}"
    );
    assert!(
        whats
            .iter()
            .all(|w| w.starts_with("step-09") || w.starts_with("step-10")),
        "{names:?}"
    );
    std::fs::remove_dir_all(&out).ok();
}

/// Every lesson scene that asks questions: in its slides, each question picture is
/// followed by its answer picture, and the recap's by the recap's answers (the
/// plan `slides` takes, made without a window).
#[test]
fn every_question_slide_is_followed_by_its_answer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut scenes: Vec<PathBuf> = std::fs::read_dir(root.join("scenes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    scenes.sort();
    let mut asked = 0;
    for scene in &scenes {
        let text = std::fs::read_to_string(scene).unwrap();
        if !text.contains("questions:") {
            continue;
        }
        let names = postoffice::viz::offline::slides::plan_of(
            scene,
            &postoffice::viz::offline::slides::How::default(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", scene.display()));
        let whats = check_show_order(&names);
        let questions = whats.iter().filter(|w| w.ends_with("question")).count();
        // (A question at a `Time` moment in a crowd — rush_hour's — gets no
        // picture yet: the window does not ask it either.)
        assert!(
            questions > 0 || !(text.contains("at: Step") || text.contains("at: Road")),
            "{}: no question picture in {names:?}",
            scene.display()
        );
        if text.contains("at: End") {
            assert_eq!(
                whats.last().map(String::as_str),
                Some("recap-answer"),
                "{}",
                scene.display()
            );
        }
        asked += questions;
    }
    assert!(asked >= 10, "{asked} question pictures in all");
}

/// For every step of every lesson scene that asks the class a question: its card,
/// with and without the answers, in the window and on a slide, in both languages
/// and every register, covers none of the step's lit parts (a line: its words, its
/// ring, a frame stopped on it), no phone's screen, mailbox or postman with their
/// names, and no box of the post office. Computed from the layout, without a window.
#[test]
fn a_question_card_covers_nothing_of_the_picture() {
    use postoffice::sim::Lang;
    use postoffice::viz::{
        overlays::teach, stage::layout::Layout, story::present::present, story::told,
    };
    use postoffice::words::Register;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut scenes: Vec<PathBuf> = std::fs::read_dir(root.join("scenes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    scenes.sort();
    let mut checked = 0;
    let mut covered = Vec::new();
    for scene in &scenes {
        let mut t = told::tell(scene).unwrap();
        t.lesson.finish();
        let layout = Layout::new(t.people.len());
        let sc = t.lesson.scene().clone();
        for at in 1..=t.lesson.beats().len() {
            let asking: Vec<usize> = t
                .lesson
                .questions_at(at)
                .iter()
                .filter_map(|q| sc.questions.iter().position(|x| x.entry == q.entry))
                .collect();
            if asking.is_empty() {
                continue;
            }
            let keep = layout.keep_clear(&present(&t, at).lit);
            for lang in [Lang::En, Lang::Zh] {
                for reg in [Register::Story, Register::Both, Register::Engineer] {
                    for (answers, slides) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        let (card, _) =
                            teach::question_card(&sc, &asking, answers, slides, lang, reg);
                        checked += 1;
                        if let Some(k) = keep.iter().find(|k| !card.intersect(**k).is_empty()) {
                            covered.push(format!(
                                "{} step {at} ({lang:?}, {reg:?}, answers {answers}, slides {slides}): card {card:?} covers {k:?}",
                                scene.display()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(checked >= 100, "{checked} cards");
    assert!(covered.is_empty(), "{}", covered.join("\n"));
}
