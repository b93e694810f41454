//! Playback: which beat of the story is shown, how far its motion has got, play or
//! pause, speed, and the commands that change them (from keys, buttons, tests).
//!
//! A beat's motion takes [`BEAT_SECONDS`] at 1× speed; while playing, the next beat
//! follows after a pause to read the caption.

use std::path::PathBuf;
use std::time::SystemTime;

use bevy::prelude::*;

use super::AppSystems;
use super::engine::{Answer, Engine, Opened};
use super::lang::Language;
use super::layout::Layout;
use super::story::{Beat, Picture, Story};

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
                (apply_controls, advance).chain().in_set(AppSystems::Update),
            ),
        );
}

/// The state of the show.
#[derive(Resource, Debug)]
pub struct Show {
    pub story: Option<Story>,
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
    pub error: Option<String>,
    /// Bumped whenever a different story (or the same one reloaded) comes in.
    pub generation: u64,
}

impl Default for Show {
    fn default() -> Self {
        Show {
            story: None,
            path: None,
            modified: None,
            at: 0,
            progress: 1.0,
            dwell: 0.0,
            playing: false,
            speed_exp: 0,
            heartbeats: true,
            error: None,
            generation: 0,
        }
    }
}

impl Show {
    pub fn speed(&self) -> f32 {
        2f32.powi(self.speed_exp)
    }

    pub fn beats(&self) -> usize {
        self.story.as_ref().map_or(0, |s| s.beats.len())
    }

    /// The beat just shown (none at the opening).
    pub fn beat(&self) -> Option<&Beat> {
        let story = self.story.as_ref()?;
        self.at.checked_sub(1).and_then(|i| story.beats.get(i))
    }

    /// The picture as it stands.
    pub fn picture(&self) -> Option<&Picture> {
        let story = self.story.as_ref()?;
        Some(self.beat().map_or(&story.opening, |b| &b.picture))
    }

    /// A crowd scene's clock, in virtual milliseconds: while a beat plays it runs
    /// from the previous beat's time to this one's.
    pub fn clock_ms(&self) -> Option<f64> {
        let story = self.story.as_ref()?;
        let crowd = story.crowd.as_ref()?;
        let time = |n: usize| {
            n.checked_sub(1)
                .and_then(|i| story.beats.get(i))
                .map_or(crowd.start_ms, |b| b.at_ms) as f64
        };
        let (from, to) = (time(self.at.saturating_sub(1)), time(self.at));
        Some(from + (to - from) * self.progress as f64)
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.beats()
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
                story,
                modified,
            } => {
                let same_file = show.path.as_ref() == Some(path);
                let keep = if same_file { show.at } else { 0 };
                *layout = Layout::new(story.people.len());
                show.story = Some((**story).clone());
                show.at = keep.min(show.beats());
                show.progress = 1.0;
                show.dwell = 0.0;
                if !same_file {
                    show.playing = false;
                }
                show.path = Some(path.clone());
                show.modified = *modified;
                show.error = None;
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
        match control {
            Control::Next => {
                if !show.at_end() {
                    show.at += 1;
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
