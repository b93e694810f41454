//! `postoffice slides FILE --out DIR`: the picture after each narrated step, saved in
//! `DIR` with the real renderer, by a window that closes itself when done.
//!
//! The pictures are planned before any is taken ([`plan`]), and each file name
//! starts with its place in the show, in as many digits as the count needs (at
//! least three), then says what it shows: `001-opening.png` (the scene's title
//! card), `002-step-01.png`, `003-step-01-later-1.png` (where the story's clock runs
//! on for [`LONG_GAP_MS`] or more before the next step, [`BETWEEN`] pictures show
//! that time passing), `006-step-02-question.png` (the scene asks the class),
//! `007-step-02-answer.png` (the same card with its answers), ...,
//! `031-recap.png`, `032-recap-answer.png`. Byte order, natural ("version") order
//! and show order are the same. A step's own number stays in the name.
//!
//! `--steps 20-60` takes only those steps (a class's story has thousands): no
//! opening card, and the recap only when the range ends with the story.
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use crate::lesson::Lesson;
use crate::viz::overlays::asking::{OnSlides, Teach};
use crate::viz::story::show::{OpenScene, Playback};

/// Frames to wait after a change before taking its picture (layout, text, images).
const SETTLE_FRAMES: u32 = 4;
/// Frames to wait at the start (the font and pictures reach the GPU).
const FIRST_FRAMES: u32 = 20;
/// A wait this long before the next step gets pictures of its own.
pub const LONG_GAP_MS: f64 = 4000.0;
/// How many pictures show a long wait.
pub const BETWEEN: u32 = 3;

/// What one slide shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shot {
    /// The opening card: the scene's title and what it teaches.
    Opening,
    /// The picture after a step (from 1).
    Step(usize),
    /// The step's question card, and the same card with its answers.
    Question(usize),
    Answer(usize),
    /// The `k`th of the [`BETWEEN`] pictures of a long wait after a step.
    Later(usize, u32),
    /// The recap card after the last step, and the same card with its answers.
    Recap,
    RecapAnswer,
}

#[derive(Resource)]
struct Slides {
    out: PathBuf,
    /// Every picture to take, in show order, with its file name.
    plan: Vec<(Shot, String)>,
    /// The next picture of the plan.
    next: usize,
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
    // message, and no window; and plan every picture before taking any.
    let plan = planned(file, how)?;
    // Where they go, before anything is drawn: never into a person's folder.
    crate::files::check_slides_folder(out, how.force)?;
    if !crate::viz::has_display() {
        return Err(SlidesError::NoDisplay);
    }
    crate::files::prepare_slides_folder(out, how.force)?;
    let total = plan.len();

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
    let mut app = crate::viz::window_app(file.to_path_buf(), true);
    app.insert_resource(Slides {
        out: out.to_path_buf(),
        plan,
        next: 0,
        pending: None,
        wait: FIRST_FRAMES,
        asked: 0,
        saved: saved.clone(),
    })
    .insert_resource(OnSlides)
    .add_systems(Last, drive);
    if how.chinese {
        app.insert_resource(crate::viz::lang::Language(crate::viz::lang::Lang::Zh));
    }
    app.world_mut()
        .resource_mut::<crate::viz::control::panel::Panel>()
        .open = how.panel;
    app.world_mut()
        .resource_mut::<crate::viz::overlays::predict::Predict>()
        .on = how.predict;
    let mut windows = app.world_mut().query::<&mut Window>();
    for mut window in windows.iter_mut(app.world_mut()) {
        window.resolution = bevy::window::WindowResolution::new(how.size.0, how.size.1);
    }
    app.insert_resource(crate::viz::lang::Wording(how.register));
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

/// The pictures of steps `first..=last` of a finished `lesson`, in show order:
/// the opening card (from step 1), each step, its question card and answers (a
/// scene question at that step), the pictures of a long wait after it (before the
/// next step taken), and the recap card and its answers (to the story's end).
pub fn plan(lesson: &Lesson, first: usize, last: usize) -> Vec<Shot> {
    let beats = lesson.beats().len();
    let mut shots = Vec::new();
    if first == 1 {
        shots.push(Shot::Opening);
    }
    for at in first..=last.min(beats) {
        shots.push(Shot::Step(at));
        let asked = if lesson.is_recorded() {
            Vec::new()
        } else {
            lesson.questions_at(at)
        };
        if !asked.is_empty() {
            shots.push(Shot::Question(at));
            if asked.iter().any(|q| !q.answers.is_empty()) {
                shots.push(Shot::Answer(at));
            }
        }
        let gap = lesson.time_of(at + 1).saturating_sub(lesson.time_of(at)) as f64;
        if at < last && !lesson.is_recorded() && gap >= LONG_GAP_MS {
            shots.extend((1..=BETWEEN).map(|k| Shot::Later(at, k)));
        }
    }
    if last >= beats {
        shots.push(Shot::Recap);
        if lesson
            .scene()
            .recap_questions()
            .any(|q| !q.answers.is_empty())
        {
            shots.push(Shot::RecapAnswer);
        }
    }
    shots
}

/// The file names of `plan`, in a story of `beats` steps: its place in the show
/// (in one width of at least three digits), then what the picture shows, with the
/// step's own number.
pub fn names(plan: &[Shot], beats: usize) -> Vec<String> {
    let width = plan.len().to_string().len().max(3);
    let d = beats.to_string().len().max(2);
    plan.iter()
        .enumerate()
        .map(|(i, shot)| {
            let what = match *shot {
                Shot::Opening => "opening".to_string(),
                Shot::Step(s) => format!("step-{s:0d$}"),
                Shot::Question(s) => format!("step-{s:0d$}-question"),
                Shot::Answer(s) => format!("step-{s:0d$}-answer"),
                Shot::Later(s, k) => format!("step-{s:0d$}-later-{k}"),
                Shot::Recap => "recap".to_string(),
                Shot::RecapAnswer => "recap-answer".to_string(),
            };
            format!("{:0width$}-{what}.png", i + 1)
        })
        .collect()
}

/// Every picture `how` asks for of `file`, with its name, before any is taken.
fn planned(file: &Path, how: &How) -> Result<Vec<(Shot, String)>, SlidesError> {
    let mut told =
        crate::viz::story::told::tell(file).map_err(|e| SlidesError::Scene(e.to_string()))?;
    told.lesson.finish();
    let beats = told.lesson.beats().len();
    let (first, last) =
        steps(how, beats).map_err(|n| SlidesError::NoSuchStep(file.into(), beats, n))?;
    let shots = plan(&told.lesson, first, last);
    let names = names(&shots, beats);
    Ok(shots.into_iter().zip(names).collect())
}

/// The file names `postoffice slides` would write for `file` and `how`, in show
/// order (no window is opened).
pub fn plan_of(file: &Path, how: &How) -> Result<Vec<String>, SlidesError> {
    Ok(planned(file, how)?.into_iter().map(|(_, n)| n).collect())
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
    let Some((shot, name)) = slides.plan.get(slides.next).cloned() else {
        exit.write(AppExit::Success);
        return;
    };
    slides.next += 1;
    set_up(shot, &mut play, &mut scene, &mut teach);
    slides.pending = Some(name);
    slides.wait = SETTLE_FRAMES;
}

/// Puts on screen what `shot` shows.
fn set_up(shot: Shot, play: &mut Playback, scene: &mut OpenScene, teach: &mut Teach) {
    match shot {
        // The opening card is up until the first step.
        Shot::Opening => {}
        // The step's own picture, without its question card.
        Shot::Step(at) => {
            if let Some(t) = scene.told.as_mut() {
                t.reach(at + 1);
            }
            play.at = at;
            teach.closed = Some(scene.key_at(at));
            play.progress = 1.0;
            play.waited_ms = None;
            play.playing = false;
        }
        // The card is made again, open, for the beat on screen.
        Shot::Question(_) => {
            teach.closed = None;
            teach.made_for = None;
        }
        Shot::Answer(_) | Shot::RecapAnswer => teach.answers = true,
        // The question card goes for the pictures of the wait.
        Shot::Later(at, k) => {
            teach.closed = Some(scene.key_at(at));
            teach.made_for = None;
            let gap = scene.gap_ms(play).unwrap_or(0.0);
            play.waited_ms = Some(gap * f64::from(k) / f64::from(BETWEEN + 1));
        }
        Shot::Recap => {
            teach.closed = teach.made_for;
            teach.asking.clear();
            teach.answers = false;
            teach.recap = true;
        }
    }
}
