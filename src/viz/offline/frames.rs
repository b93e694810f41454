//! `postoffice frames FILE`: how smoothly the window plays a scene, as frame times,
//! next to a bare bevy app on the same renderer that draws as much as the window
//! did at its fullest — the same number of moving sprites, UI boxes and texts —
//! and does nothing else (run as a second process, since a process gets one window
//! event loop). The bare app's load is fixed by those counts, not by anything the
//! scene chooses.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use crate::viz::art::{self, Art, Icon};
use crate::viz::story::show::{Control, OpenScene, Playback};

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
    /// The most UI boxes (not texts) drawn in one frame.
    pub peak_boxes: usize,
    /// The most texts drawn in one frame.
    pub peak_texts: usize,
    /// The most UI pictures (icons, avatars) drawn in one frame.
    pub peak_images: usize,
    /// What the fullest frame drew, for the bare app to draw the same.
    pub replica: Replica,
}

/// One UI rectangle as drawn: where (logical pixels, top left and size), its fill
/// and border, and the text or picture in it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    pub rect: [f32; 4],
    pub fill: Option<[f32; 4]>,
    /// Border width and colour.
    pub border: Option<(f32, [f32; 4])>,
    pub radius: f32,
    /// The text and its size in logical pixels.
    pub text: Option<(String, f32)>,
    pub image: bool,
}

/// One sprite as drawn (world units): where its centre is, its size and colour,
/// whether it has a picture, whether it moves (a frame on a wire); or a text in
/// the world (a tile's name).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpriteShape {
    pub at: [f32; 3],
    pub size: [f32; 2],
    pub colour: [f32; 4],
    pub image: bool,
    pub moving: bool,
    pub text: Option<(String, f32)>,
}

/// A frame, shape by shape: the UI, the sprites and where the camera looked. The
/// bare app draws it as it stood, only its moving sprites moving.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Replica {
    pub shapes: Vec<Shape>,
    pub sprites: Vec<SpriteShape>,
    /// The camera's x, y and scale.
    pub camera: [f32; 3],
}

/// What a frame draws: sprites, UI boxes and texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Load {
    pub sprites: usize,
    pub boxes: usize,
    pub texts: usize,
    pub images: usize,
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
             worst {:.1} ms; at most {} sprites, {} UI boxes, {} texts, {} pictures",
            self.frame_ms.len(),
            self.mean(),
            1000.0 / self.mean().max(1e-3),
            self.quantile(0.5),
            self.quantile(0.95),
            self.quantile(1.0),
            self.peak_sprites,
            self.peak_boxes,
            self.peak_texts,
            self.peak_images,
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

    /// Whether this frame draws more than any so far (after warming up).
    fn fullest(&self, load: Load) -> bool {
        let total = |l: Load| l.sprites + l.boxes + l.texts + l.images;
        self.warm == 0
            && self.stats.lock().is_ok_and(|s| {
                total(load) > s.peak_sprites + s.peak_boxes + s.peak_texts + s.peak_images
                    || s.replica.shapes.is_empty()
            })
    }

    /// Records this frame; whether the measuring is over.
    fn tick(&mut self, time: &Time<Real>, load: Load) -> bool {
        if self.warm > 0 {
            self.warm -= 1;
            return false;
        }
        let now = time.elapsed_secs();
        let started = *self.started_s.get_or_insert(now);
        if let Ok(mut stats) = self.stats.lock() {
            stats.frame_ms.push(time.delta_secs() * 1000.0);
            stats.peak_sprites = stats.peak_sprites.max(load.sprites);
            stats.peak_boxes = stats.peak_boxes.max(load.boxes);
            stats.peak_texts = stats.peak_texts.max(load.texts);
            stats.peak_images = stats.peak_images.max(load.images);
        }
        now - started >= self.until_s
    }
}

/// The UI as drawn this frame.
type Ui<'w, 's> = Query<
    'w,
    's,
    (
        &'static InheritedVisibility,
        &'static ComputedNode,
        &'static UiGlobalTransform,
        Option<&'static BackgroundColor>,
        Option<&'static BorderColor>,
        Option<&'static Text>,
        Option<&'static TextFont>,
        Has<ImageNode>,
    ),
>;

fn srgba(c: Color) -> [f32; 4] {
    let c = c.to_srgba();
    [c.red, c.green, c.blue, c.alpha]
}

/// The sprites and world texts as drawn now.
type World2d<'w, 's> = Query<
    'w,
    's,
    (
        &'static InheritedVisibility,
        &'static GlobalTransform,
        Option<&'static Sprite>,
        Option<&'static Text2d>,
        Option<&'static TextFont>,
        Has<crate::viz::stage::crowd::Frame>,
    ),
    Or<(With<Sprite>, With<Text2d>)>,
>;

fn sprites_now(world: &World2d) -> Vec<SpriteShape> {
    let mut out = Vec::new();
    for (visible, at, sprite, text, font, moving) in world.iter() {
        if !visible.get() {
            continue;
        }
        let t = at.translation();
        let mut s = SpriteShape {
            at: [t.x, t.y, t.z],
            moving,
            ..Default::default()
        };
        if let Some(sprite) = sprite {
            let size = sprite.custom_size.unwrap_or(Vec2::splat(16.0));
            s.size = [size.x, size.y];
            s.colour = srgba(sprite.color);
            s.image = sprite.image != Handle::default();
        }
        if let Some(text) = text {
            let px = match font.map(|f| f.font_size) {
                Some(FontSize::Px(px)) => px,
                _ => 16.0,
            };
            s.text = Some((text.0.clone(), px));
        }
        out.push(s);
    }
    out
}

/// The shapes of the UI as drawn now, in logical pixels.
fn replica(ui: &Ui, scale: f32, sprites: Vec<SpriteShape>, camera: [f32; 3]) -> Replica {
    let mut shapes = Vec::new();
    for (visible, node, at, fill, border, text, font, image) in ui.iter() {
        if !visible.get() || node.size.x <= 0.0 {
            continue;
        }
        // Window logical pixels (the UI scale folded in).
        let inv = node.inverse_scale_factor * scale;
        let size = node.size * inv;
        let centre = at.translation * inv;
        let fill = fill.filter(|b| b.0.alpha() > 0.0).map(|b| srgba(b.0));
        let width = node.border.min_inset.x * inv;
        let border = border
            .filter(|_| width > 0.0)
            .map(|b| (width, srgba(b.top)));
        let text = text.map(|t| {
            let px = match font.map(|f| f.font_size) {
                Some(FontSize::Px(px)) => px * scale,
                _ => 16.0 * scale,
            };
            (t.0.clone(), px)
        });
        if fill.is_none() && border.is_none() && text.is_none() && !image {
            continue;
        }
        shapes.push(Shape {
            rect: [
                centre.x - size.x / 2.0,
                centre.y - size.y / 2.0,
                size.x,
                size.y,
            ],
            fill,
            border,
            radius: node.border_radius.top_left * inv,
            text,
            image,
        });
    }
    Replica {
        shapes,
        sprites,
        camera,
    }
}

/// What is drawn this frame.
type Drawn<'w, 's> = Query<
    'w,
    's,
    (
        &'static InheritedVisibility,
        Has<Sprite>,
        Option<&'static ComputedNode>,
        Has<Text>,
        Has<ImageNode>,
        Option<&'static BackgroundColor>,
        Has<BorderColor>,
    ),
>;

/// Counts what is drawn: sprites, and the UI nodes that show something (laid out
/// with a size, and with a fill, a border, a text or a picture).
fn load(drawn: &Drawn) -> Load {
    let mut l = Load::default();
    for (visible, sprite, node, text, image, fill, border) in drawn.iter() {
        if !visible.get() {
            continue;
        }
        if sprite {
            l.sprites += 1;
            continue;
        }
        let Some(node) = node.filter(|n| n.size.x > 0.0) else {
            continue;
        };
        if text {
            l.texts += 1;
        } else if image {
            l.images += 1;
        } else if fill.is_some_and(|f| f.0.alpha() > 0.0)
            || (border && node.border.min_inset.x > 0.0)
        {
            l.boxes += 1;
        }
    }
    l
}

/// Plays `file` in a window for `seconds` (at 8×, from the start again at the end)
/// and returns its frame times.
pub fn measure_scene(file: &Path, seconds: f32) -> Result<FrameStats, String> {
    crate::viz::story::told::tell(file).map_err(|e| e.to_string())?;
    let stats = Arc::new(Mutex::new(FrameStats::default()));
    let mut app = crate::viz::window_app(file.to_path_buf(), true);
    app.insert_resource(Meter::new(seconds, stats.clone()))
        .add_systems(Last, play_and_measure);
    app.run();
    let stats = stats.lock().map_err(|e| e.to_string())?.clone();
    Ok(stats)
}

#[allow(clippy::too_many_arguments)]
fn play_and_measure(
    time: Res<Time<Real>>,
    mut meter: ResMut<Meter>,
    mut play: ResMut<Playback>,
    scene: Res<OpenScene>,
    mut controls: MessageWriter<Control>,
    drawn: Drawn,
    ui: Ui,
    world: World2d,
    camera: Query<(&Transform, &Projection), With<Camera2d>>,
    ui_scale: Res<UiScale>,
    mut exit: MessageWriter<AppExit>,
) {
    if scene.told.is_none() {
        return;
    }
    play.speed_exp = SPEED_EXP;
    if !play.playing {
        controls.write(Control::PlayPause);
    }
    let now = load(&drawn);
    if meter.fullest(now) {
        let camera = camera.iter().next().map_or([0.0, 0.0, 1.0], |(t, p)| {
            let scale = match p {
                Projection::Orthographic(o) => o.scale,
                _ => 1.0,
            };
            [t.translation.x, t.translation.y, scale]
        });
        let copy = replica(&ui, ui_scale.0, sprites_now(&world), camera);
        if let Ok(mut stats) = meter.stats.lock() {
            stats.replica = copy;
        }
    }
    if meter.tick(&time, now) {
        exit.write(AppExit::Success);
    }
}

/// A bare bevy app with the same window and plugins, drawing `replica`: its UI
/// shapes standing still and its sprites (envelopes) all moving every frame, for
/// `seconds`.
pub fn measure_bare(replica: Replica, seconds: f32) -> FrameStats {
    let stats = Arc::new(Mutex::new(FrameStats::default()));
    let mut app = App::new();
    app.add_plugins(crate::viz::window_plugins(true))
        .add_plugins(art::plugin)
        .insert_resource(Meter::new(seconds, stats.clone()))
        .insert_resource(Count(replica))
        .add_systems(Startup, spawn_bare)
        .add_systems(Update, move_bare)
        .add_systems(Last, measure_bare_frame);
    app.run();
    stats.lock().map(|s| s.clone()).unwrap_or_default()
}

#[derive(Resource)]
struct Count(Replica);

/// Where a bare sprite goes to and fro.
#[derive(Component)]
struct Lane(Vec2, Vec2);

fn spawn_bare(mut commands: Commands, count: Res<Count>, art: Res<Art>) {
    let [x, y, scale] = count.0.camera;
    commands.spawn((
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scale,
            ..OrthographicProjection::default_2d()
        }),
        Transform::from_xyz(x, y, 0.0),
    ));
    // The UI the scene drew, shape by shape, standing still.
    for shape in &count.0.shapes {
        let [x, y, w, h] = shape.rect;
        let node = Node {
            position_type: PositionType::Absolute,
            left: Val::Px(x),
            top: Val::Px(y),
            width: Val::Px(w),
            height: Val::Px(h),
            border: UiRect::all(Val::Px(shape.border.map_or(0.0, |b| b.0))),
            border_radius: BorderRadius::all(Val::Px(shape.radius)),
            ..default()
        };
        let colour = |c: [f32; 4]| Color::srgba(c[0], c[1], c[2], c[3]);
        let mut e = commands.spawn(node);
        if let Some(fill) = shape.fill {
            e.insert(BackgroundColor(colour(fill)));
        }
        if let Some((_, c)) = shape.border {
            e.insert(BorderColor::all(colour(c)));
        }
        if let Some((text, px)) = &shape.text {
            e.insert((
                Text::new(text.clone()),
                TextFont::from_font_size(FontSize::Px(*px)),
                TextColor(Color::BLACK),
            ));
        }
        if shape.image {
            e.insert(ImageNode::new(art.icon(Icon::Mailbox)));
        }
    }
    // The sprites, where they stood; the moving ones go to and fro.
    let colour = |c: [f32; 4]| Color::srgba(c[0], c[1], c[2], c[3]);
    for (i, s) in count.0.sprites.iter().enumerate() {
        let at = Vec3::from_array(s.at);
        let mut e = match &s.text {
            Some((text, px)) => commands.spawn((
                Text2d::new(text.clone()),
                TextFont::from_font_size(FontSize::Px(*px)),
                TextColor(Color::BLACK),
                Transform::from_translation(at),
            )),
            None => commands.spawn((
                Sprite {
                    image: if s.image {
                        art.icon(Icon::Envelope)
                    } else {
                        Handle::default()
                    },
                    custom_size: Some(Vec2::from_array(s.size)),
                    color: colour(s.colour),
                    ..default()
                },
                Transform::from_translation(at),
            )),
        };
        if s.moving {
            // Each its own way across the picture.
            let b = Vec2::new(-at.x * 0.3 + (i % 7) as f32, at.y * 0.5);
            e.insert(Lane(at.truncate(), b));
        }
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
    drawn: Drawn,
    mut exit: MessageWriter<AppExit>,
) {
    if meter.tick(&time, load(&drawn)) {
        exit.write(AppExit::Success);
    }
}
