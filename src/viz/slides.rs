//! `postoffice slides FILE --out DIR`: the picture after each narrated step, saved as
//! `DIR/step-01.png`, `step-02.png`, ... with the real renderer, by a window that
//! closes itself when done. Where the story's clock runs on for [`LONG_GAP_MS`] or
//! more before the next step (a silence, heartbeats), [`BETWEEN`] more pictures show
//! that time passing: `step-07-later-1.png`, ... The opening card is `step-00.png`,
//! a step where the scene asks the class a question has `step-04-question.png` too,
//! and the recap card follows the last step (`step-13-recap.png`).
//!
//! `--steps 20-60` takes only those steps (a class's story has thousands); the
//! numbers have as many digits as the story's last step needs, so that the files
//! sort in order (`step-0020.png`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::show::{OpenScene, Playback};
use super::teach::Teach;

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
    /// The first and the last step to take.
    first: usize,
    last: usize,
    /// Digits in a step's number in the file names.
    digits: usize,
    /// The beat whose picture is being taken (1-based); 0 before the first.
    at: usize,
    /// 0: the step itself; 1..=BETWEEN: the wait after it.
    sub: u32,
    /// The opening card's picture has been asked for.
    opened: bool,
    /// The question card of the beat (if it has questions) has been asked for.
    asked_question: bool,
    /// The recap's picture has been asked for.
    recapped: bool,
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
    #[error("{0}")]
    Out(#[from] crate::files::Refused),
    #[error("{0}")]
    Scene(String),
    #[error("the window closed before every slide was saved ({0} of {1})")]
    Unfinished(usize, usize),
    #[error("{0} has {1} steps: there is no step {2} (try --steps 1-{1})")]
    NoSuchStep(PathBuf, usize, usize),
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
    /// The first step to take (from 1), and the last (`None`: to the end).
    pub first: usize,
    pub last: Option<usize>,
    /// Write into a folder of files postoffice did not write (see
    /// [`crate::files::check_slides_folder`]).
    pub force: bool,
}

impl Default for How {
    fn default() -> Self {
        How {
            chinese: false,
            register: crate::words::Register::default(),
            size: (1280, 720),
            panel: false,
            predict: false,
            first: 1,
            last: None,
            force: false,
        }
    }
}

/// Writes one PNG per narrated step of `file` (those `how` asks for) into `out`
/// (and more for long waits); the number written.
pub fn write(file: &Path, out: &Path, how: &How) -> Result<usize, SlidesError> {
    // Check the scene and the steps first, so that a bad file or range gets its
    // message, and no window.
    let mut told = super::told::tell(file).map_err(|e| SlidesError::Scene(e.to_string()))?;
    told.lesson.finish();
    let beats = told.lesson.beats().len();
    let (first, last) =
        steps(how, beats).map_err(|n| SlidesError::NoSuchStep(file.into(), beats, n))?;
    drop(told);
    // Where they go, before anything is drawn: never into a person's folder.
    crate::files::check_slides_folder(out, how.force)?;
    if !super::has_display() {
        return Err(SlidesError::NoDisplay);
    }
    crate::files::prepare_slides_folder(out, how.force)?;
    let total = last + 1 - first;

    // A renderer that finds no device panics deep inside bevy: say it plainly.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        let lower = text.to_lowercase();
        if ["adapter", "gpu", "surface", "display", "vulkan", "wgpu"]
            .iter()
            .any(|w| lower.contains(w))
        {
            crate::report::out::warn(format_args!(
                "postoffice slides: {} (the renderer said: {})",
                SlidesError::NoDisplay,
                crate::report::safe::brief(&text, 400)
            ));
            std::process::exit(3);
        }
        default_hook(info);
    }));

    let saved = Arc::new(AtomicUsize::new(0));
    let mut app = super::window_app(file.to_path_buf(), true);
    app.insert_resource(Slides {
        out: out.to_path_buf(),
        first,
        last,
        digits: beats.to_string().len().max(2),
        at: first - 1,
        sub: 0,
        opened: false,
        asked_question: false,
        recapped: false,
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

/// The first and last step `how` asks for, in a story of `beats` steps; or a step
/// asked for that it does not have.
pub fn steps(how: &How, beats: usize) -> Result<(usize, usize), usize> {
    let last = how.last.unwrap_or(beats);
    if how.first == 0 || how.first > beats {
        return Err(how.first);
    }
    if last > beats {
        return Err(last);
    }
    Ok((how.first, last.max(how.first)))
}

fn drive(
    mut commands: Commands,
    mut slides: ResMut<Slides>,
    mut play: ResMut<Playback>,
    mut scene: ResMut<OpenScene>,
    mut teach: ResMut<Teach>,
    mut exit: MessageWriter<AppExit>,
) {
    if scene.told.is_none() {
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
    // The opening card: the scene's title and what it teaches.
    if !slides.opened && slides.first == 1 {
        slides.opened = true;
        let digits = slides.digits;
        slides.pending = Some(format!("step-{:0digits$}.png", 0));
        slides.wait = SETTLE_FRAMES;
        return;
    }
    if let Some(t) = scene.told.as_mut() {
        t.reach(slides.at + 1);
    }
    let digits = slides.digits;
    let key = (scene.generation, scene.branch, play.at);
    // The scene's own questions at this step, on a picture of their own.
    if slides.at >= slides.first && slides.sub == 0 && !slides.asked_question {
        slides.asked_question = true;
        let asks = scene.told.as_ref().is_some_and(|t| {
            !t.lesson.is_recorded() && !t.lesson.questions_at(slides.at).is_empty()
        });
        if asks {
            teach.closed = None;
            teach.made_for = None;
            slides.pending = Some(format!("step-{:0digits$}-question.png", slides.at));
            slides.wait = SETTLE_FRAMES;
            return;
        }
    }
    // (The question card goes again for the pictures of the wait.)
    if teach.made_for == Some(key) && !teach.asking.is_empty() {
        teach.closed = Some(key);
        teach.made_for = None;
    }
    // The time passing before the next step (of those asked for).
    if let Some(gap) = scene
        .gap_ms(&play)
        .filter(|g| slides.at >= slides.first && slides.at < slides.last && *g >= LONG_GAP_MS)
        && slides.sub < BETWEEN
    {
        slides.sub += 1;
        play.waited_ms = Some(gap * f64::from(slides.sub) / f64::from(BETWEEN + 1));
        slides.pending = Some(format!(
            "step-{:0digits$}-later-{}.png",
            slides.at, slides.sub
        ));
        slides.wait = SETTLE_FRAMES;
        return;
    }
    if slides.at >= slides.last.min(scene.beats()) {
        // The recap card, after the story's last step.
        if slides.at >= scene.beats() && !slides.recapped {
            slides.recapped = true;
            teach.recap = true;
            slides.pending = Some(format!("step-{:0digits$}-recap.png", slides.at + 1));
            slides.wait = SETTLE_FRAMES;
            return;
        }
        exit.write(AppExit::Success);
        return;
    }
    slides.at += 1;
    slides.sub = 0;
    slides.asked_question = false;
    play.at = slides.at;
    // The step's own picture first, without its question card.
    teach.closed = Some((scene.generation, scene.branch, slides.at));
    play.progress = 1.0;
    play.waited_ms = None;
    play.playing = false;
    slides.pending = Some(format!("step-{:0digits$}.png", slides.at));
    slides.wait = SETTLE_FRAMES;
}
