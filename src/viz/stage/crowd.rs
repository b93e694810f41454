//! A crowd scene (more phones than fit as whole phones): every phone is a small tile
//! beside the post office, and every frame on a wire is a sprite that moves by the
//! story's clock ([`OpenScene::clock_ms`]). Tiles and frames are sprites in a world whose
//! units are the canvas's, so thousands of them cost little; the post office and the
//! bars stay UI.
//!
//! A class's tiles ([`Layout::tile_words`], up to 40 phones) show what the phones
//! show, as a chat app's list of chats does: the person's name and the newest
//! bubble on their screen with its ticks (the words cut to fit, whole in the
//! inspector a click on the bubble opens). Those words are UI over the tile's
//! sprite. The tiles of the phones the beat on screen is about light up, so a group
//! letter's copies are seen landing tile by tile.

use bevy::prelude::*;
use bevy::text::LineHeight;

use crate::sim::kinds::Look;
use crate::sim::view::{Bubble, Connection};
use crate::sim::{Person, Status};
use crate::viz::AppSystems;
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Language, SpanWords, Tr, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::layout::{self, Layout};
use crate::viz::stage::parts::{
    Clickable, Hit, Inspected, Stage, Target, Tile, ease, placed, words,
};
use crate::viz::stage::picture::avatar;
use crate::viz::story::model::{Cargo, Spot};
use crate::viz::story::show::{BeatShown, OpenScene, Playback, ViewOptions};
use crate::viz::story::telling::{Telling, tiled};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            fit_camera,
            (
                (spawn_tiles, spawn_tile_words).run_if(tiled),
                colour_tiles,
                name_tiles,
                bubble_tiles,
            )
                .chain()
                .in_set(AppSystems::Picture),
            fly.in_set(AppSystems::Tokens),
        ),
    );
}

/// A tile's name, in both languages.
#[derive(Component, Debug)]
pub struct TileName(pub crate::viz::lang::Tr);

/// The light around a tile whose phone the beat on screen is about.
#[derive(Component, Debug)]
pub struct TileLight(pub usize);

/// A tile's body, inside its edge (it warms up when the tile is lit).
#[derive(Component, Debug)]
pub struct TileBody(pub usize);

/// The words over a class's tile (its name and its newest bubble), as UI.
#[derive(Component, Debug)]
pub struct TileWords(pub usize);

/// Where a class's tile shows its phone's newest bubble (rebuilt every beat).
#[derive(Component, Debug)]
pub struct TileBubble(pub usize);

/// The words of the bubble on tile `n`.
#[derive(Component, Debug)]
pub struct TileText(pub usize);

/// The ticks or stamp after the bubble on tile `n` (a span of its text).
#[derive(Component, Debug)]
pub struct TileStatus(pub usize);

/// One sprite of the pool that draws frames on the wires.
#[derive(Component, Debug)]
pub struct Frame;

/// What a crowd scene spawned (scoped to its story: another story takes it away).
#[derive(Component)]
pub struct ForCrowd;

/// A point on the canvas (y down) in world units (y up, origin at the centre).
pub fn world(p: Vec2, z: f32) -> Vec3 {
    Vec3::new(
        p.x - layout::CANVAS.x / 2.0,
        layout::CANVAS.y / 2.0 - p.y,
        z,
    )
}

/// The camera shows the canvas as the UI does: one world unit per canvas pixel,
/// the canvas centred beside or above the teacher's panel when it is open.
fn fit_camera(
    windows: Query<&Window>,
    panel: Res<crate::viz::control::panel::Panel>,
    mut cameras: Query<(&mut Projection, &mut Transform), With<Camera2d>>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    let area = panel.place(window.size()).picture.size();
    let (s, _) = layout::fit(area);
    let x = (window.width() - area.x) / 2.0 / s;
    let y = -(window.height() - area.y) / 2.0 / s;
    for (mut projection, mut transform) in &mut cameras {
        if let Projection::Orthographic(o) = &mut *projection
            && (o.scale - 1.0 / s).abs() > 1e-4
        {
            o.scale = 1.0 / s;
        }
        if (transform.translation.x - x).abs() > 1e-3 || (transform.translation.y - y).abs() > 1e-3
        {
            transform.translation.x = x;
            transform.translation.y = y;
        }
    }
}

fn spawn_tiles(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    lang: Res<Language>,
    telling: Res<State<Telling>>,
    drawn: Query<(), With<Tile>>,
) {
    // Drawn once per story: a new one takes the old tiles away (see
    // `crate::viz::story::telling`).
    if !drawn.is_empty() {
        return;
    }
    let Some(told) = scene.told.as_ref().filter(|t| t.crowd.is_some()) else {
        return;
    };
    let scope = DespawnOnExit(*telling.get());
    for (i, (r, person)) in layout.tiles.iter().zip(&told.people).enumerate() {
        let size = r.width();
        commands
            .spawn((
                ForCrowd,
                scope.clone(),
                Tile(i),
                Sprite::from_color(pal::LINK_OFFLINE, r.size()),
                Transform::from_translation(world(r.center(), 0.0)),
            ))
            .with_children(|t| {
                t.spawn((
                    TileLight(i),
                    Sprite::from_color(pal::LIT, r.size() + 2.0 * LIGHT),
                    Transform::from_xyz(0.0, 0.0, -0.05),
                    Visibility::Hidden,
                ));
                t.spawn((
                    TileBody(i),
                    Sprite::from_color(pal::PHONE_BODY, r.size() - 6.0),
                    Transform::from_xyz(0.0, 0.0, 0.1),
                ));
                if layout.tile_words {
                    // The face and the name are in the words over it.
                    return;
                }
                let named = size >= 60.0;
                let face = if named { size * 0.55 } else { size - 12.0 };
                let face_y = if named { size * 0.12 } else { 0.0 };
                face_sprite(t, &art, person, face, Vec3::new(0.0, face_y, 0.2), !named);
                if named {
                    t.spawn((
                        TileName(person.name.clone()),
                        Text2d::new(person.name.get(lang.0)),
                        TextFont::from_font_size(FontSize::Px((size * 0.16).clamp(9.0, 15.0))),
                        TextColor(pal::PHONE_NAME),
                        Transform::from_xyz(0.0, -size * 0.32, 0.3),
                    ));
                }
            });
    }
}

/// How far a tile's light reaches beyond its edge.
const LIGHT: f32 = 4.0;

/// The words over each of a class's tiles: its person (avatar and name) on the
/// first line, and a place for the newest bubble on the second.
fn spawn_tile_words(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    telling: Res<State<Telling>>,
    drawn: Query<(), With<TileWords>>,
) {
    if !drawn.is_empty() {
        return;
    }
    let Ok(stage) = stage.single() else {
        return;
    };
    let Some(told) = scene.told.as_ref().filter(|_| layout.tile_words) else {
        return;
    };
    let scope = DespawnOnExit(*telling.get());
    commands.entity(stage).with_children(|p| {
        for (i, (r, person)) in layout.tiles.iter().zip(&told.people).enumerate() {
            let fit = TileFit::new(*r);
            p.spawn((
                ForCrowd,
                scope.clone(),
                TileWords(i),
                Clickable(Hit::Fault(Target::Phone(i))),
                Node {
                    flex_direction: FlexDirection::Column,
                    justify_content: JustifyContent::Center,
                    padding: UiRect::axes(Val::Px(7.0), Val::Px(2.0)),
                    row_gap: Val::Px(fit.gap),
                    overflow: Overflow::clip(),
                    ..placed(*r)
                },
            ))
            .with_children(|t| {
                t.spawn(Node {
                    align_items: AlignItems::Center,
                    column_gap: Val::Px(5.0),
                    flex_shrink: 0.0,
                    ..default()
                })
                .with_children(|row| {
                    avatar(row, &art, person, fit.face);
                    let name = measure::wrap_tr(&person.name, fit.font, fit.name_px, 1);
                    row.spawn((
                        TileName(person.name.clone()),
                        words(name, fit.font, pal::PHONE_NAME),
                        TextLayout::no_wrap(),
                        LineHeight::RelativeToFont(LINE),
                    ));
                });
                t.spawn((
                    TileBubble(i),
                    Node {
                        align_items: AlignItems::Center,
                        column_gap: Val::Px(4.0),
                        min_height: Val::Px(fit.bubble_h),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
            });
        }
    });
}

/// A line of a tile's words, as a multiple of its letters' size.
const LINE: f32 = 1.15;

/// How a class's tile of a given size holds its words.
#[derive(Clone, Copy, Debug)]
struct TileFit {
    /// Letters' size, in canvas pixels (at least 15: about 12 px on a 1024 × 768
    /// projector).
    font: f32,
    face: f32,
    /// The sender's face beside a bubble from someone else.
    small_face: f32,
    gap: f32,
    bubble_h: f32,
    /// Lines a bubble may take.
    lines: usize,
    /// How wide the name may be, in canvas pixels.
    name_px: f32,
    /// The width of the tile inside its padding.
    inner: f32,
}

impl TileFit {
    fn new(r: Rect) -> TileFit {
        let font = (r.height() * 0.34).clamp(15.0, 19.0);
        let line = font * LINE;
        let face = line + 2.0;
        let bubble_h = line + 2.0;
        // A tall tile (a small class) lets a long bubble take two lines.
        let lines = if r.height() >= face + 2.0 * line + 10.0 {
            2
        } else {
            1
        };
        let inner = r.width() - 14.0;
        let name_px = (inner - face - 5.0).max(2.0 * font);
        TileFit {
            font,
            face,
            small_face: font,
            gap: 2.0,
            bubble_h: if lines == 2 {
                2.0 * line + 2.0
            } else {
                bubble_h
            },
            lines,
            name_px,
            inner,
        }
    }
}

/// The phone a spot of the picture belongs to, if any.
fn phone_of(spot: Spot) -> Option<usize> {
    match spot {
        Spot::Screen(i) | Spot::Mailbox(i) | Spot::Postman(i) | Spot::Wire(i, _) => Some(i),
        _ => None,
    }
}

/// Puts each phone's newest bubble on its tile, once per beat: its words (cut to
/// fit; a click on it opens the inspector, which has them whole), the sender's
/// face beside someone else's letter, the ticks or the stamp after one's own.
fn bubble_tiles(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    rows: Query<(Entity, &TileBubble)>,
    beat: Res<BeatShown>,
    mut drawn: Local<Option<BeatShown>>,
) {
    let key = *beat;
    if !layout.tile_words || *drawn == Some(key) || rows.is_empty() {
        return;
    }
    let (Some(told), Some(picture)) = (scene.told.as_ref(), scene.picture()) else {
        return;
    };
    *drawn = Some(key);
    for (e, row) in &rows {
        commands.entity(e).despawn_children();
        // The newest bubble: what a chat app's list of chats shows of the phone.
        let (Some(bubble), Some(r)) = (
            picture.phones.get(row.0).and_then(|p| p.chat.last()),
            layout.tiles.get(row.0),
        ) else {
            continue;
        };
        let fit = TileFit::new(*r);
        let from = bubble.id.from.index();
        let sender = (from != row.0).then(|| told.people.get(from)).flatten();
        let text = crate::viz::stage::chat::words_of(picture, bubble.id);
        commands
            .entity(e)
            .with_children(|b| tile_bubble(b, row.0, bubble, &text, sender, fit, &art));
    }
}

/// What a tile writes after its own bubble (no room for a return's reason: the
/// inspector gives it): the ticks as the phone screen draws them, or the stamp's
/// first word; and whether it is bad news.
fn short(status: Status) -> (Tr, bool) {
    match status {
        Status::Sending | Status::Waiting => (Tr::same("…"), false),
        Status::Delivered { count, of } if count >= of => (Tr::same("✓✓"), false),
        Status::Posted | Status::Delivered { .. } => (Tr::same("✓"), false),
        Status::Returned(_) => (ui::returned(), true),
        Status::Lost => (ui::not_sent(), true),
        Status::Received => (Tr::default(), false),
    }
}

#[allow(clippy::too_many_arguments)]
fn tile_bubble(
    b: &mut ChildSpawnerCommands,
    tile: usize,
    bubble: &Bubble,
    text: &Tr,
    sender: Option<&Person>,
    fit: TileFit,
    art: &Art,
) {
    if let Some(person) = sender {
        avatar(b, art, person, fit.small_face);
    }
    // The colours of the phone screen's ticks and stamps.
    let (mark, bad) = short(bubble.status);
    let colour = match bubble.status {
        _ if bad => pal::STAMP,
        Status::Sending | Status::Waiting => pal::INK_SOFT,
        _ => pal::TICK,
    };
    // The sender's face takes room on the line, the ticks on the last line; the
    // words the rest.
    let size = fit.font;
    let mark_px = measure::width(&mark.en, size).max(measure::width(&mark.zh, size));
    let mark_room = if mark_px > 0.0 {
        mark_px + measure::width(" ", size)
    } else {
        0.0
    };
    let mut line_px = fit.inner - 12.0;
    if sender.is_some() {
        line_px -= fit.small_face + 4.0;
    }
    // The ticks follow the last line: the words take the whole width where that
    // leaves them room there, else every line leaves it.
    let room = (line_px - mark_room).max(2.0 * size);
    let wrap = |words: &str| {
        let (whole, cut) = measure::wrap(words, size, line_px, fit.lines);
        let last = whole.lines().last().unwrap_or_default();
        if !cut && measure::width(last, size) + mark_room <= line_px {
            whole
        } else {
            measure::wrap(words, size, room, fit.lines).0
        }
    };
    let text = Tr::new(wrap(&text.en), wrap(&text.zh));
    // Words on two lines get the whole width up front, so that the bubble's height
    // is measured for both.
    let two_lines = [&text.en, &text.zh]
        .iter()
        .any(|t| t.contains('\n') || measure::width(t, size) + mark_room > line_px);
    b.spawn((
        Node {
            padding: UiRect::axes(Val::Px(6.0), Val::Px(1.0)),
            border_radius: BorderRadius::all(Val::Px(7.0)),
            flex_shrink: 1.0,
            width: if two_lines {
                Val::Px(line_px + 12.0)
            } else {
                Val::Auto
            },
            max_width: Val::Px(line_px + 12.0),
            ..default()
        },
        BackgroundColor(if bubble.id.from.index() == tile {
            pal::BUBBLE_MINE
        } else {
            pal::BUBBLE_THEIRS
        }),
        Clickable(Hit::Inspect(Inspected::Bubble(tile, bubble.id))),
    ))
    .with_children(|w| {
        let mut text = w.spawn((
            TileText(tile),
            words(text, fit.font, pal::INK),
            LineHeight::RelativeToFont(LINE),
        ));
        if fit.lines == 1 {
            text.insert(TextLayout::no_wrap());
        }
        if !mark.en.is_empty() {
            text.with_children(|t| {
                t.spawn((
                    TileStatus(tile),
                    TextSpan::new(format!(" {}", mark.en)),
                    TextFont::from_font_size(FontSize::Px(fit.font)),
                    TextColor(colour),
                    SpanWords(mark, " "),
                ));
            });
        }
    });
}

/// The avatar picture, or the person's initial on a colour (their whole name, when
/// it is short and is not written under the tile anyway).
fn face_sprite(
    t: &mut ChildSpawnerCommands,
    art: &Art,
    person: &Person,
    size: f32,
    at: Vec3,
    whole_name: bool,
) {
    match art.avatar(&person.avatar) {
        Some(image) => {
            t.spawn((
                Sprite {
                    image,
                    custom_size: Some(Vec2::splat(size)),
                    ..default()
                },
                Transform::from_translation(at),
            ));
        }
        None => {
            t.spawn((
                Sprite::from_color(pal::face(&person.name.en), Vec2::splat(size)),
                Transform::from_translation(at),
            ))
            .with_children(|c| {
                // A short name (p17) fits whole; a long one gives its initial.
                let name = &person.name.en;
                let chars = name.chars().count();
                let (label, px) = if whole_name && chars <= 4 {
                    (
                        name.to_string(),
                        (size * 1.5 / chars.max(1) as f32).min(size * 0.55),
                    )
                } else {
                    (name.chars().take(1).collect(), size * 0.55)
                };
                c.spawn((
                    Text2d::new(label),
                    TextFont::from_font_size(FontSize::Px(px)),
                    TextColor(Color::WHITE),
                    Transform::from_xyz(0.0, 0.0, 0.1),
                ));
            });
        }
    }
}

/// A tile's edge shows its phone's long connection (gold, while online, for the
/// sender and recipients of the followed letter); a phone the post office has marked
/// offline is greyed. The tiles of the phones the beat on screen is about light up:
/// brightly while its motion plays (a copy landing), then steadily.
#[allow(clippy::type_complexity)]
fn colour_tiles(
    play: Res<Playback>,
    scene: Res<OpenScene>,
    mut tiles: Query<(&Tile, &mut Sprite), (Without<TileLight>, Without<TileBody>)>,
    mut lights: Query<
        (&TileLight, &mut Sprite, &mut Visibility),
        (Without<Tile>, Without<TileBody>),
    >,
    mut bodies: Query<(&TileBody, &mut Sprite), (Without<Tile>, Without<TileLight>)>,
) {
    if !play.is_changed() && !scene.is_changed() {
        return;
    }
    let (Some(picture), Some(crowd)) = (
        scene.picture(),
        scene.told.as_ref().and_then(|t| t.crowd.as_ref()),
    ) else {
        return;
    };
    let lit: Vec<usize> = scene.beat(&play).map_or(Vec::new(), |b| {
        let mut lit = b.about.clone();
        lit.extend(b.lit.iter().filter_map(|s| phone_of(*s)));
        lit
    });
    for (tile, mut sprite) in &mut tiles {
        let Some(phone) = picture.phones.get(tile.0) else {
            continue;
        };
        let edge = match phone.connection {
            Connection::Open => pal::LINK_ONLINE,
            Connection::Connecting => pal::LINK_CONNECTING,
            Connection::Closed => pal::LINK_OFFLINE,
            Connection::NoSignal => pal::LINK_NO_SIGNAL,
        };
        sprite.color = if lit.contains(&tile.0) {
            pal::LIT
        } else if phone.marked_offline {
            edge.mix(&pal::PHONE_BODY_GREY, 0.6)
        } else if crowd.followed_phones.contains(&tile.0) && phone.connection == Connection::Open {
            pal::FOLLOWED
        } else {
            edge
        };
    }
    let pulse = 0.45 + 0.55 * (1.0 - ease(play.motion()));
    for (light, mut sprite, mut visibility) in &mut lights {
        let on = lit.contains(&light.0);
        visibility.set_if_neq(if on {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        if on {
            sprite.color = pal::LIT.with_alpha(pulse);
        }
    }
    for (body, mut sprite) in &mut bodies {
        let colour = if lit.contains(&body.0) {
            pal::PHONE_BODY.mix(&pal::LIT, 0.3 * pulse)
        } else {
            pal::PHONE_BODY
        };
        if sprite.color != colour {
            sprite.color = colour;
        }
    }
}

fn name_tiles(lang: Res<Language>, mut names: Query<(&TileName, &mut Text2d)>) {
    if !lang.is_changed() {
        return;
    }
    for (name, mut text) in &mut names {
        let want = name.0.get(lang.0);
        if text.0 != want {
            text.0 = want.to_string();
        }
    }
}

/// How a frame is drawn: its picture, its size in canvas pixels, its colour. The
/// followed letter's frames are larger and gold.
fn look(cargo: Cargo, kind: Look, followed: bool, art: &Art) -> (Handle<Image>, Vec2, Color) {
    if followed {
        let (image, size, _) = look(cargo, kind, false, art);
        return (image, size * 1.6 + 4.0, pal::FOLLOWED);
    }
    match cargo {
        // A recall (issue 25) is drawn as a small envelope of its own size.
        Cargo::Letter => (art.icon(Icon::Envelope), Vec2::splat(22.0), Color::WHITE),
        Cargo::Recall => (art.icon(Icon::Envelope), Vec2::splat(14.0), Color::WHITE),
        Cargo::Heartbeat => (art.icon(Icon::Heart), Vec2::splat(12.0), Color::WHITE),
        // Dots in the diagram's colours: a receipt or an acknowledgement green, a
        // returned letter orange, upkeep grey.
        // A parcel's part (issue 26) as a dot in the parcel colour.
        Cargo::Receipt | Cargo::Ack | Cargo::Parcel => {
            (Handle::default(), Vec2::splat(9.0), dot(kind))
        }
        // A notification (issue 24) as a small dot too: tiles have no push
        // service (whole phones do, `stage/push.rs`).
        Cargo::News | Cargo::Other | Cargo::Notice => {
            (Handle::default(), Vec2::splat(8.0), dot(kind))
        }
    }
}

/// A frame's dot's colour on the wires: the shared palette's, by the catalogue's
/// look of its kind, as the diagram colours its arrow.
fn dot(kind: Look) -> Color {
    pal::colour(crate::report::palette::Ink::of_frame(kind).rgb())
}

/// Puts one sprite on every frame on a wire at the clock's time; spare sprites
/// wait hidden.
fn fly(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    view: Res<ViewOptions>,
    layout: Res<Layout>,
    art: Res<Art>,
    mut pool: Query<(&mut Sprite, &mut Transform, &mut Visibility), With<Frame>>,
) {
    // The frames stand still while the show does.
    if !play.is_changed() && !scene.is_changed() && !view.is_changed() && !layout.is_changed() {
        return;
    }
    let (Some(told), Some(t)) = (scene.told.as_ref(), scene.clock_ms(&play)) else {
        for (_, _, mut v) in &mut pool {
            v.set_if_neq(Visibility::Hidden);
        }
        return;
    };
    let Some(crowd) = told.crowd.as_ref() else {
        return;
    };
    let under = if layout.tile_words { 3.0 } else { 0.0 };
    let mut flying = crowd
        .in_flight(t)
        .filter(|(f, _)| view.heartbeats || f.cargo != Cargo::Heartbeat)
        .filter_map(|(f, p)| {
            let (tile, office) = layout.tile_wire(f.phone)?;
            let (a, b) = if f.to_office {
                (tile, office)
            } else {
                (office, tile)
            };
            // A lost frame fades out on the second half of its way.
            let alpha = if f.lost {
                (2.0 - 2.0 * p).min(1.0)
            } else {
                1.0
            };
            Some((f.cargo, f.look, f.followed, a.lerp(b, p), alpha))
        });
    for (mut sprite, mut transform, mut visibility) in &mut pool {
        match flying.next() {
            Some((cargo, kind, followed, at, alpha)) => {
                let (image, size, colour) = look(cargo, kind, followed, &art);
                if sprite.image != image {
                    sprite.image = image;
                }
                sprite.custom_size = Some(size);
                sprite.color = colour.with_alpha(alpha);
                // The followed letter flies over the others; a class's frames fly
                // under the tiles, so that they are seen between the tiles and the
                // post office and not over anyone's words.
                let z = if followed { 2.0 } else { 1.0 };
                transform.translation = world(at, z - under);
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
    // More frames than sprites: grow the pool (once per new peak).
    for (cargo, kind, followed, at, alpha) in flying {
        let (image, size, colour) = look(cargo, kind, followed, &art);
        commands.spawn((
            Frame,
            Sprite {
                image,
                custom_size: Some(size),
                color: colour.with_alpha(alpha),
                ..default()
            },
            Transform::from_translation(world(at, 1.0 - under)),
        ));
    }
}
