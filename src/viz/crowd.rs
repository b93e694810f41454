//! A crowd scene (more phones than fit as whole phones): every phone is a small tile
//! beside the post office, and every frame on a wire is a sprite that moves by the
//! story's clock ([`Show::clock_ms`]). Tiles and frames are sprites in a world whose
//! units are the canvas's, so thousands of them cost little; the post office and the
//! bars stay UI.

use bevy::prelude::*;

use super::AppSystems;
use super::art::{Art, Icon};
use super::lang::Language;
use super::layout::{self, Layout};
use super::palette as pal;
use super::show::Show;
use super::story::{Cargo, Link, Person};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            fit_camera,
            (spawn_tiles, colour_tiles, name_tiles)
                .chain()
                .in_set(AppSystems::Picture),
            fly.in_set(AppSystems::Tokens),
        ),
    );
}

/// A crowd phone's tile.
#[derive(Component, Debug)]
pub struct Tile(pub usize);

/// A tile's name, in both languages.
#[derive(Component, Debug)]
pub struct TileName(pub super::lang::Tr);

/// One sprite of the pool that draws frames on the wires.
#[derive(Component, Debug)]
pub struct Frame;

/// Sprites a crowd scene spawned; despawned when another story comes.
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
    panel: Res<super::panel::Panel>,
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
    show: Res<Show>,
    layout: Res<Layout>,
    art: Res<Art>,
    lang: Res<Language>,
    old: Query<Entity, With<ForCrowd>>,
    mut built: Local<u64>,
) {
    if *built == show.generation {
        return;
    }
    *built = show.generation;
    for e in &old {
        commands.entity(e).despawn();
    }
    let Some(told) = show.told.as_ref().filter(|t| t.crowd.is_some()) else {
        return;
    };
    for (i, (r, person)) in layout.tiles.iter().zip(&told.people).enumerate() {
        let size = r.width();
        commands
            .spawn((
                ForCrowd,
                Tile(i),
                Sprite::from_color(pal::LINK_OFFLINE, r.size()),
                Transform::from_translation(world(r.center(), 0.0)),
            ))
            .with_children(|t| {
                t.spawn((
                    Sprite::from_color(pal::PHONE_BODY, r.size() - 6.0),
                    Transform::from_xyz(0.0, 0.0, 0.1),
                ));
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
                        name.clone(),
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
/// offline is greyed.
fn colour_tiles(show: Res<Show>, mut tiles: Query<(&Tile, &mut Sprite)>) {
    if !show.is_changed() {
        return;
    }
    let (Some(picture), Some(crowd)) = (
        show.picture(),
        show.told.as_ref().and_then(|t| t.crowd.as_ref()),
    ) else {
        return;
    };
    for (tile, mut sprite) in &mut tiles {
        let Some(phone) = picture.phones.get(tile.0) else {
            continue;
        };
        let edge = match phone.link {
            Link::Online => pal::LINK_ONLINE,
            Link::Connecting => pal::LINK_CONNECTING,
            Link::Offline => pal::LINK_OFFLINE,
            Link::NoSignal => pal::LINK_NO_SIGNAL,
        };
        sprite.color = if phone.greyed {
            edge.mix(&pal::PHONE_BODY_GREY, 0.6)
        } else if crowd.followed_phones.contains(&tile.0) && phone.link == Link::Online {
            pal::FOLLOWED
        } else {
            edge
        };
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
fn look(cargo: Cargo, followed: bool, art: &Art) -> (Handle<Image>, Vec2, Color) {
    if followed {
        let (image, size, _) = look(cargo, false, art);
        return (image, size * 1.6 + 4.0, pal::FOLLOWED);
    }
    match cargo {
        Cargo::Letter => (art.icon(Icon::Envelope), Vec2::splat(22.0), Color::WHITE),
        Cargo::Heartbeat => (art.icon(Icon::Heart), Vec2::splat(12.0), Color::WHITE),
        Cargo::Receipt => (Handle::default(), Vec2::splat(9.0), pal::TICK),
        Cargo::Ack => (Handle::default(), Vec2::splat(9.0), pal::ACK),
        Cargo::Other => (Handle::default(), Vec2::splat(8.0), pal::INK_SOFT),
    }
}

/// Puts one sprite on every frame on a wire at the clock's time; spare sprites
/// wait hidden.
fn fly(
    mut commands: Commands,
    show: Res<Show>,
    layout: Res<Layout>,
    art: Res<Art>,
    mut pool: Query<(&mut Sprite, &mut Transform, &mut Visibility), With<Frame>>,
) {
    // The frames stand still while the show does.
    if !show.is_changed() && !layout.is_changed() {
        return;
    }
    let (Some(told), Some(t)) = (show.told.as_ref(), show.clock_ms()) else {
        for (_, _, mut v) in &mut pool {
            v.set_if_neq(Visibility::Hidden);
        }
        return;
    };
    let Some(crowd) = told.crowd.as_ref() else {
        return;
    };
    let mut flying = crowd
        .in_flight(t)
        .filter(|(f, _)| show.heartbeats || f.cargo != Cargo::Heartbeat)
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
            Some((f.cargo, f.followed, a.lerp(b, p), alpha))
        });
    for (mut sprite, mut transform, mut visibility) in &mut pool {
        match flying.next() {
            Some((cargo, followed, at, alpha)) => {
                let (image, size, colour) = look(cargo, followed, &art);
                if sprite.image != image {
                    sprite.image = image;
                }
                sprite.custom_size = Some(size);
                sprite.color = colour.with_alpha(alpha);
                // The followed letter flies over the others.
                transform.translation = world(at, if followed { 2.0 } else { 1.0 });
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
    // More frames than sprites: grow the pool (once per new peak).
    for (cargo, followed, at, alpha) in flying {
        let (image, size, colour) = look(cargo, followed, &art);
        commands.spawn((
            Frame,
            Sprite {
                image,
                custom_size: Some(size),
                color: colour.with_alpha(alpha),
                ..default()
            },
            Transform::from_translation(world(at, 1.0)),
        ));
    }
}
