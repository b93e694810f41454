//! The real window, driven as a person would: under Xvfb, `xdotool` steps forward,
//! presses Tab, types a letter of its own (and pastes Chinese into it), Enter, and
//! Ctrl+S. Then `postoffice run` on the saved lesson shows that letter displayed.
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

fn has(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The driver: the window on the copied scene, then the keys a teacher presses.
const DRIVE: &str = r#"
set -u
"$POSTOFFICE" hello.ron > app-out.txt 2> app-err.txt &
app=$!
shot() { if [ -n "${SHOTS:-}" ] && command -v import >/dev/null; then import -window root "$SHOTS/$1.png"; fi; }
for i in $(seq 1 240); do
  W=$(xdotool search --name postoffice 2>/dev/null | head -1)
  [ -n "$W" ] && break
  sleep 0.5
done
[ -n "$W" ] || { echo "no window"; kill $app; exit 1; }
# The scene loads and draws (software rendering is slow).
sleep 8
xdotool windowfocus "$W"; sleep 0.5
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
xdotool key ctrl+s
for i in $(seq 1 40); do [ -f hello-lesson-1.ron ] && break; sleep 0.5; done
sleep 1
shot 4-saved
kill $app
wait $app 2>/dev/null
[ -f hello-lesson-1.ron ]
"#;

#[test]
fn a_teacher_types_a_letter_in_the_real_window_and_saves_the_lesson() {
    if !(has("xvfb-run") && has("xdotool") && has("xclip")) {
        assert!(
            std::env::var_os("POSTOFFICE_REQUIRE_XVFB").is_none(),
            "xvfb-run, xdotool and xclip are needed (apt-get install xvfb mesa-vulkan-drivers xdotool xclip)"
        );
        eprintln!("skipped: no xvfb-run, xdotool or xclip");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("postoffice-window-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root.join("scenes/hello.ron"), dir.join("hello.ron")).unwrap();
    std::fs::write(dir.join("drive.sh"), DRIVE).unwrap();
    let start = Instant::now();
    let out = Command::new("timeout")
        .arg("300")
        .arg("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24", "bash", "drive.sh"])
        .current_dir(&dir)
        .env("POSTOFFICE", env!("CARGO_BIN_EXE_postoffice"))
        .env(
            "SHOTS",
            std::env::var_os("POSTOFFICE_SCREENSHOTS").unwrap_or_default(),
        )
        .output()
        .expect("xvfb-run runs");
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
    // And the lesson replays with the class's letter on Han Meimei's screen.
    let saved = dir.join("hello-lesson-1.ron");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("text: \"Class letter 42 你好\""), "{text}");
    let run = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .arg("run")
        .arg(&saved)
        .output()
        .unwrap();
    let timeline = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{timeline}");
    assert!(
        timeline.contains("Han Meimei's screen (UI module) shows “Class letter 42 你好”"),
        "{timeline}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
