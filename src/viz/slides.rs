//! `postoffice slides FILE --out DIR`: the picture after each narrated step, saved as
//! `DIR/step-01.png`, `step-02.png`, ... with the real renderer, by a window that
//! closes itself when done. Where the story's clock runs on for [`LONG_GAP_MS`] or
//! more before the next step (a silence, heartbeats), [`BETWEEN`] more pictures show
//! that time passing: `step-07-later-1.png`, ...

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::show::Show;

/// Frames to wait after a change before taking its picture (layout, text, images).
const SETTLE_FRAMES: u32 = 4;
/// Frames to wait at the start (the font and pictures reach the GPU).
const FIRST_FRAMES: u32 = 20;
/// A wait this long before the next step gets pictures of its own.
pub const LONG_GAP_MS: f64 = 4000.0;
/// How many pictures show a long wait.
pub const BETWEEN: u32 = 3;

#[derive(Resource)]
struct Slides {
    out: PathBuf,
    /// The beat whose picture is being taken (1-based); 0 before the first.
    at: usize,
    /// 0: the step itself; 1..=BETWEEN: the wait after it.
    sub: u32,
    /// The name of the picture to take once the frames have settled.
    pending: Option<String>,
    wait: u32,
    /// Pictures asked for, and saved (counted by the screenshot observer).
    asked: usize,
    saved: Arc<AtomicUsize>,
}

/// Why slides could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SlidesError {
    #[error(
        "no graphics device: slides need a display and a GPU or software Vulkan \
         (try: xvfb-run -a -s \"-screen 0 1920x1080x24\" postoffice slides ..., with the \
         xvfb and mesa-vulkan-drivers packages installed)"
    )]
    NoDisplay,
    #[error("cannot write to {0}: {1}")]
    Out(PathBuf, std::io::Error),
    #[error("{0}")]
    Scene(String),
    #[error("the window closed before every slide was saved ({0} of {1})")]
    Unfinished(usize, usize),
}

/// How the slides are taken.
#[derive(Clone, Debug, PartialEq)]
pub struct How {
    /// Every word in Chinese.
    pub chinese: bool,
    /// How the captions tell the story.
    pub register: crate::words::Register,
    /// The window's size in pixels.
    pub size: (u32, u32),
    /// The lesson panel open beside the picture.
    pub panel: bool,
    /// Predict mode on: a step the class could guess shows its question.
    pub predict: bool,
}

impl Default for How {
    fn default() -> Self {
        How {
            chinese: false,
            register: crate::words::Register::default(),
            size: (1280, 720),
            panel: false,
            predict: false,
        }
    }
}

/// Writes one PNG per narrated step of `file` into `out` (and more for long waits);
/// the number written.
pub fn write(file: &Path, out: &Path, how: &How) -> Result<usize, SlidesError> {
    if !super::has_display() {
        return Err(SlidesError::NoDisplay);
    }
    std::fs::create_dir_all(out).map_err(|e| SlidesError::Out(out.to_path_buf(), e))?;
    // Check the scene first, so a bad file gets its located message and no window.
    let mut told = super::told::tell(file).map_err(|e| SlidesError::Scene(e.to_string()))?;
    told.lesson.finish();
    let total = told.lesson.beats().len();

    // A renderer that finds no device panics deep inside bevy: say it plainly.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        let lower = text.to_lowercase();
        if ["adapter", "gpu", "surface", "display", "vulkan", "wgpu"]
            .iter()
            .any(|w| lower.contains(w))
        {
            eprintln!("postoffice slides: {}", SlidesError::NoDisplay);
            eprintln!("(the renderer said: {text})");
            std::process::exit(3);
        }
        default_hook(info);
    }));

    let saved = Arc::new(AtomicUsize::new(0));
    let mut app = super::window_app(file.to_path_buf(), true);
    app.insert_resource(Slides {
        out: out.to_path_buf(),
        at: 0,
        sub: 0,
        pending: None,
        wait: FIRST_FRAMES,
        asked: 0,
        saved: saved.clone(),
    })
    .add_systems(Last, drive);
    if how.chinese {
        app.insert_resource(super::lang::Language(super::lang::Lang::Zh));
    }
    app.world_mut().resource_mut::<super::panel::Panel>().open = how.panel;
    app.world_mut().resource_mut::<super::predict::Predict>().on = how.predict;
    let mut windows = app.world_mut().query::<&mut Window>();
    for mut window in windows.iter_mut(app.world_mut()) {
        window.resolution = bevy::window::WindowResolution::new(how.size.0, how.size.1);
    }
    app.insert_resource(super::lang::Wording(how.register));
    app.run();
    let done = saved.load(Ordering::SeqCst);
    if done < total {
        return Err(SlidesError::Unfinished(done, total));
    }
    Ok(done)
}

fn drive(
    mut commands: Commands,
    mut slides: ResMut<Slides>,
    mut show: ResMut<Show>,
    mut exit: MessageWriter<AppExit>,
) {
    if show.told.is_none() {
        return;
    }
    if slides.wait > 0 {
        slides.wait -= 1;
        return;
    }
    // The picture asked for must be on disk before the next change.
    if slides.saved.load(Ordering::SeqCst) < slides.asked {
        return;
    }
    if let Some(name) = slides.pending.take() {
        let path = slides.out.join(name);
        let saved = slides.saved.clone();
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path))
            .observe(move |_: On<ScreenshotCaptured>| {
                saved.fetch_add(1, Ordering::SeqCst);
            });
        slides.asked += 1;
        return;
    }
    if let Some(t) = show.told.as_mut() {
        t.reach(slides.at + 1);
    }
    // The time passing before the next step.
    if let Some(gap) = show.gap_ms().filter(|g| slides.at > 0 && *g >= LONG_GAP_MS)
        && slides.sub < BETWEEN
    {
        slides.sub += 1;
        show.waited_ms = Some(gap * f64::from(slides.sub) / f64::from(BETWEEN + 1));
        slides.pending = Some(format!("step-{:02}-later-{}.png", slides.at, slides.sub));
        slides.wait = SETTLE_FRAMES;
        return;
    }
    if slides.at >= show.beats() {
        exit.write(AppExit::Success);
        return;
    }
    slides.at += 1;
    slides.sub = 0;
    show.at = slides.at;
    show.progress = 1.0;
    show.waited_ms = None;
    show.playing = false;
    slides.pending = Some(format!("step-{:02}.png", slides.at));
    slides.wait = SETTLE_FRAMES;
}
