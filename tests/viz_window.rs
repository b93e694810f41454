//! The real window, driven as a person would, under Xvfb with `xdotool`: a teacher
//! steps forward, presses Tab, types a letter of its own (and pastes Chinese into
//! it), Enter, and Ctrl+S — `postoffice run` on the saved lesson shows that letter
//! displayed; clicks Han Meimei's long connection and cuts it, writes a letter and
//! saves — the run shows the cut and the letter on the offline shelf; writes a
//! letter and takes it back with Ctrl+Z — the saved lesson has no such letter.
//!
//! Needs `xvfb-run`, a Vulkan driver, `xdotool` and `xclip` (`apt-get install xvfb
//! mesa-vulkan-drivers xdotool xclip`). Without them it says so and passes, unless
//! `POSTOFFICE_REQUIRE_XVFB` is set (as `.ci/run` does). With ImageMagick's
//! `import` present, it also keeps a screenshot of each stage in
//! `$POSTOFFICE_SCREENSHOTS` (when set).
#![cfg(feature = "viz")]

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use postoffice::viz::stage::layout::Layout;
use postoffice::viz::story::model::Spot;

fn has(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The driver: the window on the copied scene, then the keys a teacher presses.
const START: &str = r#"
set -u
"$POSTOFFICE" hello.ron > app-out.txt 2> app-err.txt &
app=$!
shot() { if [ -n "${SHOTS:-}" ] && command -v import >/dev/null; then import -window root "$SHOTS/$NAME-$1.png"; fi; }
for i in $(seq 1 240); do
  W=$(xdotool search --name postoffice 2>/dev/null | head -1)
  [ -n "$W" ] && break
  sleep 0.5
done
[ -n "$W" ] || { echo "no window"; kill $app; exit 1; }
# The scene loads and draws (software rendering is slow).
sleep 8
xdotool windowfocus "$W"; sleep 0.5
"#;

/// Saving, and the window closed.
const SAVE: &str = r#"
xdotool key ctrl+s
for i in $(seq 1 40); do [ -f hello-lesson-1.ron ] && break; sleep 0.5; done
sleep 1
shot saved
kill $app
wait $app 2>/dev/null
[ -f hello-lesson-1.ron ]
"#;

/// Types a letter of its own, with Chinese pasted in.
const TYPE: &str = r#"
for k in Right Right Right; do xdotool key $k; sleep 1; done
shot 1-stepped
xdotool key Tab; sleep 1.5
xdotool type --delay 100 "Class letter 42 "; sleep 1
# Chinese from the clipboard: pasted into the compose box.
printf '%s' '你好' | xclip -selection clipboard; sleep 0.5
# As a person presses it: Ctrl held over several frames.
xdotool keydown ctrl; sleep 0.3; xdotool key v; sleep 0.3; xdotool keyup ctrl; sleep 1
shot 2-typed
xdotool key Return; sleep 1.5
shot 3-sent
for k in Right Right Right Right; do xdotool key $k; sleep 1; done
"#;

/// Clicks Han Meimei's long connection at ($WX, $WY): its menu opens with "Cut"
/// first; Space chooses it. Then a letter, and steps on.
const CUT: &str = r#"
xdotool key Right; sleep 1
xdotool mousemove "$WX" "$WY"; sleep 0.7; xdotool click 1; sleep 1.5
shot 1-menu
xdotool key space; sleep 1.5
shot 2-cut
xdotool key Tab; sleep 1.5
xdotool type --delay 100 "Are you there"; sleep 1
xdotool key Return; sleep 1.5
for k in $(seq 1 12); do xdotool key Right; sleep 0.7; done
shot 3-stepped
"#;

/// Writes a letter, sends it, and takes it back with Ctrl+Z.
const UNDO: &str = r#"
xdotool key Right; sleep 1
xdotool key Tab; sleep 1.5
xdotool type --delay 100 "Never sent"; sleep 1
xdotool key Return; sleep 1.5
shot 1-sent
xdotool key ctrl+z; sleep 1.5
shot 2-undone
"#;

/// Runs `script` (after [`START`], before [`SAVE`]) under Xvfb at 1280 × 720 on a
/// copy of hello.ron; the saved lesson's text. `None` when the tools are missing.
fn drive(name: &str, script: &str, env: &[(&str, String)]) -> Option<(PathBuf, String)> {
    // One virtual display at a time: `xvfb-run -a` started by two tests at the
    // same moment can pick the same display number, and one window then finds no
    // display to open.
    static ONE_DISPLAY: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE_DISPLAY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !(has("xvfb-run") && has("xdotool") && has("xclip")) {
        assert!(
            std::env::var_os("POSTOFFICE_REQUIRE_XVFB").is_none(),
            "xvfb-run, xdotool and xclip are needed (apt-get install xvfb mesa-vulkan-drivers xdotool xclip)"
        );
        eprintln!("skipped: no xvfb-run, xdotool or xclip");
        return None;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("postoffice-window-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root.join("scenes/hello.ron"), dir.join("hello.ron")).unwrap();
    std::fs::write(dir.join("drive.sh"), format!("{START}{script}{SAVE}")).unwrap();
    let start = Instant::now();
    let mut command = Command::new("timeout");
    command
        .arg("300")
        .arg("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24", "bash", "drive.sh"])
        .current_dir(&dir)
        .env("POSTOFFICE", env!("CARGO_BIN_EXE_postoffice"))
        // The lesson is kept safe in the test's own folder, not the user's.
        .env("POSTOFFICE_AUTOSAVE_DIR", dir.join("kept"))
        .env("NAME", name)
        .env(
            "SHOTS",
            std::env::var_os("POSTOFFICE_SCREENSHOTS").unwrap_or_default(),
        );
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("xvfb-run runs");
    let log = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    assert!(
        out.status.success(),
        "the drive failed after {:?}: {}{}\napp: {}{}",
        start.elapsed(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        log("app-out.txt"),
        log("app-err.txt")
    );
    // The window said where it saved the lesson.
    assert!(
        log("app-out.txt").contains("saved the lesson as hello-lesson-1.ron"),
        "{}",
        log("app-out.txt")
    );
    let saved = dir.join("hello-lesson-1.ron");
    let text = std::fs::read_to_string(&saved).unwrap();
    Some((saved, text))
}

/// `postoffice run FILE`'s timeline.
fn run(file: &std::path::Path) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .arg("run")
        .arg(file)
        .output()
        .unwrap();
    let timeline = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(run.status.code(), Some(0), "{timeline}");
    timeline
}

#[test]
fn a_teacher_types_a_letter_in_the_real_window_and_saves_the_lesson() {
    let Some((saved, text)) = drive("type", TYPE, &[]) else {
        return;
    };
    assert!(text.contains("text: \"Class letter 42 你好\""), "{text}");
    // The lesson replays with the class's letter on Han Meimei's screen.
    let timeline = run(&saved);
    assert!(
        timeline.contains("Han Meimei's screen (UI module) shows “Class letter 42 你好”"),
        "{timeline}"
    );
}

#[test]
fn a_click_cuts_han_meimeis_long_connection_and_the_letter_waits_on_the_shelf() {
    // Where her wire is in a 1280 × 720 window (the canvas's own size), a quarter
    // of the way from her phone: clear of the "last heard" ring in its middle.
    let wire = Layout::new(2).spot(Spot::Wire(1, 0.25));
    let env = [
        ("WX", format!("{}", wire.x.round())),
        ("WY", format!("{}", wire.y.round())),
    ];
    let Some((saved, text)) = drive("cut", CUT, &env) else {
        return;
    };
    assert!(text.contains("Are you there"), "{text}");
    let timeline = run(&saved);
    assert!(
        timeline.contains("Han Meimei's phone is cut off"),
        "{timeline}"
    );
    assert_eq!(count(&timeline, "shown to a recipient"), 0, "{timeline}");
    assert_eq!(
        count(&timeline, "waiting on the offline shelf"),
        2,
        "{timeline}"
    );
}

#[test]
fn ctrl_z_in_the_real_window_takes_the_letter_back_before_saving() {
    let Some((saved, text)) = drive("undo", UNDO, &[]) else {
        return;
    };
    assert!(!text.contains("Never sent"), "{text}");
    assert!(!run(&saved).contains("Never sent"));
}

/// The number on the summary's line that starts with `what`.
fn count(timeline: &str, what: &str) -> u64 {
    timeline
        .lines()
        .find(|l| l.trim_start().starts_with(what))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {what:?} in the summary: {timeline}"))
}
