#!/usr/bin/env bash
# Makes the README's pictures of the window in use — the inspector and a cut long
# connection — from the real window under Xvfb, driven with xdotool as a teacher
# would (keys and clicks), captured with ImageMagick's `import`.
#
#   apt-get install -y xvfb mesa-vulkan-drivers xdotool imagemagick
#   cargo build --release && bash scripts/readme-pictures.sh target/release/postoffice
#
# It writes window-inspector.png, window-cut.png and window-panel.png. The clicks are at the picture's places in a 1280 × 720 window (the canvas's own
# size, so canvas and window coordinates agree).
set -euo pipefail
bin=${1:-target/release/postoffice}
out=${2:-docs}
display=:${POSTOFFICE_PICTURES_DISPLAY:-77}
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; }
trap cleanup EXIT
export DISPLAY=$display
export POSTOFFICE_AUTOSAVE_DIR
POSTOFFICE_AUTOSAVE_DIR=$(mktemp -d)
mkdir -p "$out"
sleep 1

# Starts the window on a scene and waits for it.
start() {
    "$bin" "$1" >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 60); do
        win=$(xdotool search --name '^postoffice$' 2>/dev/null | head -1 || true)
        [ -n "$win" ] && break
        sleep 0.5
    done
    sleep 6
    xdotool windowfocus "$win"
}
stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }
key() { xdotool key "$@"; sleep "${pause:-1.5}"; }
click() { xdotool mousemove "$1" "$2"; sleep 0.7; xdotool click 1; sleep 2; }
shot() { import -window root "$out/$1"; }

# 1. The inspector: hello to its 9th step, then a click on Han Meimei's bubble.
start scenes/hello.ron
key Return
for _ in $(seq 9); do key Right; done
key Return # (the scene's question at step 9)
click 1122 503
shot window-inspector.png
stop

# 2. A cut long connection: Han Meimei's line cut before the letter is sent; the
#    story goes on to where the post office finds her gone.
start scenes/hello.ron
key Return
click 887 323
key space
for _ in $(seq "${CUT_STEPS:-8}"); do key Right; done
shot window-cut.png
stop

# 3. The panel: a letter the class writes after "Hello!", followed a few steps, and
#    the lesson saved (into a copy of the scene, not the repository's).
lesson=$(mktemp -d)
cp scenes/hello.ron "$lesson/hello.ron"
start "$lesson/hello.ron"
key Return
for _ in $(seq 3); do key Right; done
key Tab
xdotool type --delay 60 "Shall we go to the park?"
sleep 1
key Return
key Escape
for _ in $(seq 4); do key Right; done
key Return # (the scene's question at Hello's step 4)
key ctrl+s
shot window-panel.png
stop
rm -rf "$lesson"
