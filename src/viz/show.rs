//! Playback: which beat of the lesson is shown, how far its motion has got, play or
//! pause, speed, and the commands that change them (from keys, buttons, the panel,
//! tests) — the class's live actions and saving the lesson among them.
//!
//! A beat's motion takes [`BEAT_SECONDS`] at 1× speed; while playing, the next beat
//! follows after a pause to read the caption. What the beat on screen looks like is
//! made when it comes on screen ([`super::present`]) and kept in [`Show::shown`].

use std::path::PathBuf;
use std::time::SystemTime;

use bevy::prelude::*;

use super::AppSystems;
use super::engine::{Answer, Engine, Opened};
use super::lang::{Language, Tr};
use super::layout::Layout;
use super::present::{Shown, present};
use super::story::Picture;
use super::told::Told;
use crate::scenario::ScenarioError;
use crate::sim::{Action, Dest, UserIdx};

/// How long one beat's motion takes at 1×.
pub const BEAT_SECONDS: f32 = 1.2;
/// How long a caption stays after the motion, while playing at 1×.
pub const READ_SECONDS: f32 = 2.3;
/// Speed is 2^exp, exp in -4..=4 (1/16× to 16×).
pub const SPEED_EXP: std::ops::RangeInclusive<i32> = -4..=4;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Show>()
        .insert_resource(Layout::new(0))
        .add_message::<Control>()
        .add_systems(
            Update,
            (
                take_answers.in_set(AppSystems::Receive),
                (apply_controls, advance, show_beat)
                    .chain()
                    .in_set(AppSystems::Update),
            ),
        );
}

/// The state of the show.
#[derive(Resource)]
pub struct Show {
    /// The scene being told, with the class's actions.
    pub told: Option<Told>,
    /// The open file, its modification time when read.
    pub path: Option<PathBuf>,
    pub modified: Option<SystemTime>,
    /// Beats shown: 0 is the opening picture, `n` is after beat `n`.
    pub at: usize,
    /// Motion of the current beat, 0 to 1.
    pub progress: f32,
    /// Time spent after the motion (while playing).
    pub dwell: f32,
    pub playing: bool,
    pub speed_exp: i32,
    pub heartbeats: bool,
    /// The last file that could not be opened, and why.
    pub error: Option<ScenarioError>,
    /// A short message for the class, shown with the caption: where the lesson was
    /// saved, or why an action was refused.
    pub notice: Option<Tr>,
    /// Bumped whenever a different story (or the same one reloaded) comes in.
    pub generation: u64,
    /// Bumped whenever the story after the beat on screen changes (a live action).
    pub branch: u64,
    /// The beat on screen, made when it came on screen.
    pub shown: Shown,
    shown_key: Option<(u64, u64, usize)>,
}

impl Default for Show {
    fn default() -> Self {
        Show {
            told: None,
            path: None,
            modified: None,
            at: 0,
            progress: 1.0,
            dwell: 0.0,
            playing: false,
            speed_exp: 0,
            heartbeats: true,
            error: None,
            notice: None,
            generation: 0,
            branch: 0,
            shown: Shown::default(),
            shown_key: None,
        }
    }
}

impl Show {
    pub fn speed(&self) -> f32 {
        2f32.powi(self.speed_exp)
    }

    /// Beats told so far (more come as the show moves on).
    pub fn beats(&self) -> usize {
        self.told.as_ref().map_or(0, |t| t.lesson.beats().len())
    }

    /// Whether every beat of the story has been told.
    pub fn told_to_the_end(&self) -> bool {
        self.told.as_ref().is_none_or(|t| t.lesson.is_done())
    }

    /// The beat just shown (none at the opening).
    pub fn beat(&self) -> Option<&Shown> {
        (self.told.is_some() && self.at > 0).then_some(&self.shown)
    }

    /// The picture as it stands.
    pub fn picture(&self) -> Option<&Picture> {
        self.told.as_ref().map(|_| &self.shown.picture)
    }

    /// A crowd scene's clock, in virtual milliseconds: while a beat plays it runs
    /// from the previous beat's time to this one's.
    pub fn clock_ms(&self) -> Option<f64> {
        let told = self.told.as_ref()?;
        told.crowd.as_ref()?;
        let lesson = &told.lesson;
        let time = |n: usize| lesson.time_of(n) as f64;
        let (from, to) = (time(self.at.saturating_sub(1)), time(self.at));
        Some(from + (to - from) * self.progress as f64)
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.beats() && self.told_to_the_end()
    }

    /// Recomputes the beat on screen if the story or the beat changed.
    fn refresh_shown(&mut self) {
        let key = (self.generation, self.branch, self.at);
        if self.shown_key == Some(key) {
            return;
        }
        if let Some(told) = &self.told {
            self.shown = present(told, self.at);
        } else {
            self.shown = Shown::default();
        }
        self.shown_key = Some(key);
    }
}

/// Something a person (or a test) asks of the show.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Control {
    Next,
    Previous,
    Restart,
    PlayPause,
    Faster,
    Slower,
    ToggleHeartbeats,
    ToggleLanguage,
    ToggleFullscreen,
    LeaveFullscreen,
    /// Open this scene file (the current one stays if it is not valid).
    Open(PathBuf),
    /// Hide the error message.
    Dismiss,
    /// Show the picture after this many beats (0: the opening), still.
    JumpTo(usize),
    /// The class writes a letter: it joins the story after the beat on screen.
    Compose {
        from: UserIdx,
        to: Dest,
        text: String,
    },
    /// Any other action of a scene's script, after the beat on screen.
    Act(Action),
    /// Write the lesson beside its scene file.
    Save,
}

fn take_answers(
    mut opened: MessageReader<Opened>,
    mut show: ResMut<Show>,
    mut layout: ResMut<Layout>,
) {
    for Opened(answer) in opened.read() {
        match answer {
            Answer::Told {
                path,
                told,
                modified,
            } => {
                let Some(told) = told.lock().ok().and_then(|mut t| t.take()) else {
                    continue;
                };
                let same_file = show.path.as_ref() == Some(path);
                let keep = if same_file { show.at } else { 0 };
                *layout = Layout::new(told.people.len());
                show.told = Some(*told);
                if let Some(t) = show.told.as_mut() {
                    t.reach(keep);
                }
                show.at = keep.min(show.beats());
                show.progress = 1.0;
                show.dwell = 0.0;
                if !same_file {
                    show.playing = false;
                }
                show.path = Some(path.clone());
                show.modified = *modified;
                show.error = None;
                show.notice = None;
                show.generation += 1;
            }
            Answer::Failed { path, error } => {
                // Remember the time so an unchanged broken file is not read again.
                if show.path.as_ref() == Some(path) {
                    show.modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
                }
                show.error = Some(error.clone());
            }
        }
    }
}

fn apply_controls(
    mut controls: MessageReader<Control>,
    mut show: ResMut<Show>,
    mut lang: ResMut<Language>,
    mut engine: ResMut<Engine>,
    mut windows: Query<&mut Window>,
) {
    for control in controls.read() {
        if matches!(
            control,
            Control::Next | Control::Previous | Control::Restart | Control::JumpTo(_)
        ) {
            show.notice = None;
        }
        match control {
            Control::Next => {
                let next = show.at + 1;
                if let Some(t) = show.told.as_mut() {
                    t.reach(next);
                }
                if !show.at_end() {
                    show.at = next.min(show.beats());
                    show.progress = 0.0;
                    show.dwell = 0.0;
                }
            }
            Control::Previous => {
                // The earlier picture exactly, without motion.
                show.at = show.at.saturating_sub(1);
                show.progress = 1.0;
                show.dwell = 0.0;
                show.playing = false;
            }
            Control::Restart => {
                show.at = 0;
                show.progress = 1.0;
                show.dwell = 0.0;
            }
            Control::JumpTo(n) => {
                if let Some(t) = show.told.as_mut() {
                    t.reach(*n);
                }
                show.at = (*n).min(show.beats());
                show.progress = 1.0;
                show.dwell = 0.0;
                show.playing = false;
            }
            Control::PlayPause => {
                show.playing = !show.playing;
                if show.playing && show.at_end() {
                    show.at = 0;
                }
                show.dwell = READ_SECONDS;
            }
            Control::Faster => show.speed_exp = (show.speed_exp + 1).min(*SPEED_EXP.end()),
            Control::Slower => show.speed_exp = (show.speed_exp - 1).max(*SPEED_EXP.start()),
            Control::ToggleHeartbeats => show.heartbeats = !show.heartbeats,
            Control::ToggleLanguage => lang.0 = lang.0.other(),
            Control::ToggleFullscreen | Control::LeaveFullscreen => {
                for mut window in &mut windows {
                    use bevy::window::{MonitorSelection, WindowMode};
                    window.mode = match (control, window.mode) {
                        (Control::ToggleFullscreen, WindowMode::Windowed) => {
                            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
                        }
                        _ => WindowMode::Windowed,
                    };
                }
            }
            Control::Open(path) => engine.open(path.clone()),
            Control::Dismiss => show.error = None,
            Control::Compose { from, to, text } => {
                let action = Action::Send {
                    from: *from,
                    to: *to,
                    text: crate::sim::Text::same(text),
                };
                act(&mut show, action);
            }
            Control::Act(action) => act(&mut show, action.clone()),
            Control::Save => save(&mut show),
        }
    }
}

/// A live action after the beat on screen: the story from there is told again.
fn act(show: &mut Show, action: Action) {
    let at = show.at;
    let Some(told) = show.told.as_mut() else {
        return;
    };
    match told.inject(at, action) {
        Ok(_) => {
            show.branch += 1;
            show.notice = None;
        }
        Err(e) => show.notice = Some(super::lang::ui::refused(&e)),
    }
}

/// Writes the lesson beside its scene, says where (on screen and on stdout).
fn save(show: &mut Show) {
    let (Some(told), Some(path)) = (show.told.as_ref(), show.path.as_ref()) else {
        return;
    };
    match told.lesson.save_beside(path) {
        Ok(saved) => {
            println!("saved the lesson as {}", saved.display());
            show.notice = Some(super::lang::ui::saved(&saved.display().to_string()));
        }
        Err(e) => {
            eprintln!("postoffice: {e}");
            show.notice = Some(super::lang::ui::not_saved(&e.to_string()));
        }
    }
}

fn advance(time: Res<Time>, mut show: ResMut<Show>, mut next: MessageWriter<Control>) {
    let dt = time.delta_secs() * show.speed();
    if show.progress < 1.0 {
        show.progress = (show.progress + dt / BEAT_SECONDS).min(1.0);
    } else if show.playing {
        show.dwell += dt;
        if show.dwell >= READ_SECONDS {
            if show.at_end() {
                show.playing = false;
            } else {
                next.write(Control::Next);
            }
        }
    }
}

/// Makes the beat on screen when it changes (not every frame).
fn show_beat(mut show: ResMut<Show>) {
    let key = (show.generation, show.branch, show.at);
    if show.shown_key != Some(key) {
        show.refresh_shown();
    }
}
