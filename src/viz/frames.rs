//! `postoffice frames FILE`: how smoothly the window plays a scene, as frame times,
//! next to a bare bevy app that draws the same number of sprites and nothing else
//! (run as a second process, since a process gets one window event loop).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use super::art::{self, Art, Icon};
use super::show::{Control, Show};

/// Frames to let pass before measuring (the font and pictures reach the GPU).
const WARM_FRAMES: u32 = 30;
/// Playing speed while measuring, as a power of two (8×: a beat every half second).
const SPEED_EXP: i32 = 3;

/// Frame times of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameStats {
    /// Milliseconds per frame, in the order drawn.
    pub frame_ms: Vec<f32>,
    /// The most sprites drawn in one frame.
    pub peak_sprites: usize,
}

impl FrameStats {
    fn sorted(&self) -> Vec<f32> {
        let mut v = self.frame_ms.clone();
        v.sort_by(f32::total_cmp);
        v
    }

    /// The frame time below which `q` (0–1) of the frames stay.
    pub fn quantile(&self, q: f32) -> f32 {
        let v = self.sorted();
        if v.is_empty() {
            return 0.0;
        }
        v[((v.len() - 1) as f32 * q).round() as usize]
    }

    pub fn mean(&self) -> f32 {
        self.frame_ms.iter().sum::<f32>() / self.frame_ms.len().max(1) as f32
    }
}

impl fmt::Display for FrameStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} frames, mean {:.1} ms ({:.0} fps), median {:.1} ms, 95th percentile {:.1} ms, \
             worst {:.1} ms; at most {} sprites",
            self.frame_ms.len(),
            self.mean(),
            1000.0 / self.mean().max(1e-3),
            self.quantile(0.5),
            self.quantile(0.95),
            self.quantile(1.0),
            self.peak_sprites,
        )
    }
}

#[derive(Resource)]
struct Meter {
    warm: u32,
    until_s: f32,
    started_s: Option<f32>,
    stats: Arc<Mutex<FrameStats>>,
}

impl Meter {
    fn new(seconds: f32, stats: Arc<Mutex<FrameStats>>) -> Meter {
        Meter {
            warm: WARM_FRAMES,
            until_s: seconds,
            started_s: None,
            stats,
        }
    }

    /// Records this frame; whether the measuring is over.
    fn tick(&mut self, time: &Time<Real>, sprites: usize) -> bool {
        if self.warm > 0 {
            self.warm -= 1;
            return false;
        }
        let now = time.elapsed_secs();
        let started = *self.started_s.get_or_insert(now);
        if let Ok(mut stats) = self.stats.lock() {
            stats.frame_ms.push(time.delta_secs() * 1000.0);
            stats.peak_sprites = stats.peak_sprites.max(sprites);
        }
        now - started >= self.until_s
    }
}

fn visible_sprites(sprites: &Query<&InheritedVisibility, With<Sprite>>) -> usize {
    sprites.iter().filter(|v| v.get()).count()
}

/// Plays `file` in a window for `seconds` (at 8×, from the start again at the end)
/// and returns its frame times.
pub fn measure_scene(file: &Path, seconds: f32) -> Result<FrameStats, String> {
    super::told::tell(file).map_err(|e| e.to_string())?;
    let stats = Arc::new(Mutex::new(FrameStats::default()));
    let mut app = super::window_app(file.to_path_buf(), true);
    app.insert_resource(Meter::new(seconds, stats.clone()))
        .add_systems(Last, play_and_measure);
    app.run();
    let stats = stats.lock().map_err(|e| e.to_string())?.clone();
    Ok(stats)
}

fn play_and_measure(
    time: Res<Time<Real>>,
    mut meter: ResMut<Meter>,
    mut show: ResMut<Show>,
    mut controls: MessageWriter<Control>,
    sprites: Query<&InheritedVisibility, With<Sprite>>,
    mut exit: MessageWriter<AppExit>,
) {
    if show.told.is_none() {
        return;
    }
    show.speed_exp = SPEED_EXP;
    if !show.playing {
        controls.write(Control::PlayPause);
    }
    if meter.tick(&time, visible_sprites(&sprites)) {
        exit.write(AppExit::Success);
    }
}

/// A bare bevy app with the same window and plugins, drawing `sprites` envelopes
/// that all move every frame, for `seconds`.
pub fn measure_bare(sprites: usize, seconds: f32) -> FrameStats {
    let stats = Arc::new(Mutex::new(FrameStats::default()));
    let mut app = App::new();
    app.add_plugins(super::window_plugins(true))
        .add_plugins(art::plugin)
        .insert_resource(Meter::new(seconds, stats.clone()))
        .insert_resource(Count(sprites))
        .add_systems(Startup, spawn_bare)
        .add_systems(Update, move_bare)
        .add_systems(Last, measure_bare_frame);
    app.run();
    stats.lock().map(|s| s.clone()).unwrap_or_default()
}

#[derive(Resource)]
struct Count(usize);

/// Where a bare sprite goes to and fro.
#[derive(Component)]
struct Lane(Vec2, Vec2);

fn spawn_bare(mut commands: Commands, count: Res<Count>, art: Res<Art>) {
    commands.spawn(Camera2d);
    for i in 0..count.0 {
        // Spread over the picture, each with its own way across.
        let a = Vec2::new(
            -600.0 + (i * 37 % 1200) as f32,
            -250.0 + (i * 53 % 500) as f32,
        );
        let b = Vec2::new(-a.x * 0.3, a.y * 0.5);
        commands.spawn((
            Sprite {
                image: art.icon(Icon::Envelope),
                custom_size: Some(Vec2::splat(22.0)),
                ..default()
            },
            Transform::from_translation(a.extend(1.0)),
            Lane(a, b),
        ));
    }
}

fn move_bare(time: Res<Time>, mut sprites: Query<(&Lane, &mut Transform)>) {
    let t = time.elapsed_secs();
    for (i, (lane, mut transform)) in sprites.iter_mut().enumerate() {
        let p = ((t + i as f32 * 0.01).sin() + 1.0) / 2.0;
        transform.translation = lane.0.lerp(lane.1, p).extend(1.0);
    }
}

fn measure_bare_frame(
    time: Res<Time<Real>>,
    mut meter: ResMut<Meter>,
    sprites: Query<&InheritedVisibility, With<Sprite>>,
    mut exit: MessageWriter<AppExit>,
) {
    if meter.tick(&time, visible_sprites(&sprites)) {
        exit.write(AppExit::Success);
    }
}
