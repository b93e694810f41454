//! What travels: envelopes with their text, ✓ / ✓✓ cards, return stamps, and the
//! heartbeats on the wires (by the story's clock). Respawned for every beat from its moves and its resting letters, placed
//! each frame by the beat's eased progress.

use bevy::prelude::*;
use bevy::ui::Val2;

use super::AppSystems;
use super::art::{Art, Icon};
use super::lang::{Tr, ui};
use super::layout::Layout;
use super::palette as pal;
use super::picture::{Stage, words};
use super::show::Show;
use super::story::{Fate, Spot, Token};
use super::tools::{Clickable, Hit, Inspected};
use crate::sim::view::LetterCopy;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (respawn, clickable, travel, beat_hearts)
            .chain()
            .in_set(AppSystems::Tokens),
    );
}

/// One heart of the pool that draws the heartbeats on whole phones' wires.
#[derive(Component)]
pub struct Heart;

/// Puts a heart on every heartbeat (or its answer) on a wire at the clock's time:
/// they travel whenever virtual time passes, not only while a step moves. Spare
/// hearts wait hidden.
fn beat_hearts(
    mut commands: Commands,
    show: Res<Show>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    mut pool: Query<(&mut Node, &mut Visibility, &mut UiTransform), With<Heart>>,
) {
    const SIZE: f32 = 26.0;
    let flying: Vec<(Vec2, u64)> = match (show.told.as_ref(), show.clock_ms()) {
        (Some(told), Some(t)) if show.heartbeats => told
            .heartbeats
            .in_flight(t)
            .filter(|(f, _)| f.phone < layout.phones.len())
            .map(|(f, p)| {
                let (a, b) = (Spot::Wire(f.phone, 0.0), Spot::Wire(f.phone, 1.0));
                let (from, to) = if f.to_office { (a, b) } else { (b, a) };
                // A lost one stops half-way.
                let p = if f.lost { p.min(0.5) } else { p };
                (layout.spot(from).lerp(layout.spot(to), p), f.depart_ms)
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut flying = flying.into_iter();
    for (mut node, mut visibility, mut transform) in &mut pool {
        match flying.next() {
            Some((at, _)) => {
                // Laid out once at the canvas' corner; moved by its transform.
                if node.left != Val::Px(0.0) {
                    node.left = Val::Px(0.0);
                    node.top = Val::Px(0.0);
                }
                let want = Val2::new(Val::Px(at.x - SIZE / 2.0), Val::Px(at.y - SIZE / 2.0));
                if transform.translation != want {
                    transform.translation = want;
                }
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
    let Ok(stage) = stage.single() else {
        return;
    };
    // More heartbeats than hearts: grow the pool (once per new peak).
    for (at, _) in flying {
        commands.entity(stage).with_children(|p| {
            p.spawn((
                Heart,
                ImageNode::new(art.icon(Icon::Heart)),
                Node {
                    position_type: PositionType::Absolute,
                    left: Val::Px(0.0),
                    top: Val::Px(0.0),
                    width: Val::Px(SIZE),
                    height: Val::Px(SIZE),
                    ..default()
                },
                GlobalZIndex(5),
                UiTransform {
                    translation: Val2::new(Val::Px(at.x - SIZE / 2.0), Val::Px(at.y - SIZE / 2.0)),
                    ..default()
                },
            ));
        });
    }
}

/// A click on an envelope, a card or a heartbeat opens the inspector.
fn clickable(mut commands: Commands, new: Query<(Entity, &Travel), Added<Travel>>) {
    for (e, travel) in &new {
        if let Some(thing) = travel.inspect {
            commands.entity(e).insert(Clickable(Hit::Inspect(thing)));
        }
    }
}

/// Something that moves from one point of the canvas to another during a beat.
#[derive(Component, Clone, Debug, PartialEq)]
pub struct Travel {
    /// The envelope it is, or whose card it is (none for a heartbeat).
    pub letter: Option<LetterCopy>,
    pub token: Token,
    pub from: Vec2,
    pub to: Vec2,
    pub fate: Fate,
    pub size: Vec2,
    /// Heartbeats are drawn only when they are switched on.
    pub heartbeat: bool,
    /// What the inspector shows when it is clicked.
    pub inspect: Option<Inspected>,
}

/// Where a travelling thing is now, its centre on the canvas.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq)]
pub struct Placed(pub Vec2);

/// Smooth start and stop.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn respawn(
    mut commands: Commands,
    show: Res<Show>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    old: Query<Entity, With<Travel>>,
    mut shown: Local<Option<(u64, u64, usize)>>,
) {
    let key = (show.generation, show.branch, show.at);
    if *shown == Some(key) {
        return;
    }
    *shown = Some(key);
    for e in &old {
        commands.entity(e).despawn();
    }
    let (Some(picture), Ok(stage)) = (show.picture(), stage.single()) else {
        return;
    };
    let moves = show.beat().map(|b| b.moves.as_slice()).unwrap_or(&[]);
    let mut spawn = Vec::new();
    for (id, text, spot) in &picture.letters {
        if !layout.shows(*spot) {
            continue;
        }
        if moves
            .iter()
            .any(|m| m.letter == *id && m.token == Token::Letter)
        {
            continue;
        }
        let at = layout.spot(*spot);
        spawn.push((
            Travel {
                letter: Some(*id),
                token: Token::Letter,
                from: at,
                to: at,
                fate: Fate::Arrives,
                size: envelope_size(text),
                heartbeat: false,
                inspect: Some(Inspected::Letter(*id)),
            },
            text.clone(),
        ));
    }
    for m in moves {
        if !layout.shows(m.from) || !layout.shows(m.to) {
            continue;
        }
        let size = match m.token {
            Token::Letter | Token::Returned(_) => envelope_size(&m.text),
            Token::Receipt | Token::Delivered => {
                Vec2::new(if m.fate == Fate::Vanishes { 84.0 } else { 64.0 }, 36.0)
            }
        };
        spawn.push((
            Travel {
                letter: Some(m.letter),
                token: m.token.clone(),
                from: layout.spot(m.from),
                to: layout.spot(m.to),
                fate: m.fate,
                size,
                heartbeat: false,
                inspect: Some(match m.token {
                    Token::Receipt | Token::Delivered => Inspected::Card(m.letter.id),
                    _ => Inspected::Letter(m.letter),
                }),
            },
            m.text.clone(),
        ));
    }
    commands.entity(stage).with_children(|p| {
        for (travel, text) in spawn {
            draw(p, travel, &text, &art);
        }
    });
}

/// Width units of a character: Chinese characters are about twice as wide.
fn units(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// The most text an envelope shows (in width units); longer texts end in "…".
const ENVELOPE_UNITS: usize = 16;

/// The text written on an envelope: short enough for one line.
pub fn on_envelope(text: &str) -> String {
    let total: usize = text.chars().map(units).sum();
    if total <= ENVELOPE_UNITS {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + units(c) > ENVELOPE_UNITS - 1 {
            break;
        }
        used += units(c);
        out.push(c);
    }
    out.trim_end().to_string() + "…"
}

/// An envelope wide enough for its words in either language.
fn envelope_size(text: &Tr) -> Vec2 {
    let width = |t: &str| on_envelope(t).chars().map(units).sum::<usize>();
    let u = width(&text.en).max(width(&text.zh));
    Vec2::new(52.0 + u.max(4) as f32 * 9.6, 40.0)
}

fn draw(p: &mut ChildSpawnerCommands, travel: Travel, text: &Tr, art: &Art) {
    let size = travel.size;
    let base = Node {
        position_type: PositionType::Absolute,
        left: Val::Px(travel.from.x - size.x / 2.0),
        top: Val::Px(travel.from.y - size.y / 2.0),
        width: Val::Px(size.x),
        height: Val::Px(size.y),
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        ..default()
    };
    let placed = Placed(travel.from);
    if travel.heartbeat {
        p.spawn((
            ImageNode::new(art.icon(Icon::Heart)),
            base,
            GlobalZIndex(5),
            placed,
            travel,
        ));
        return;
    }
    match travel.token.clone() {
        Token::Receipt | Token::Delivered => {
            let lost = travel.fate == Fate::Vanishes;
            let ticks = match (&travel.token, lost) {
                (Token::Receipt, false) => "✓",
                (Token::Receipt, true) => "✓ ✗",
                (_, false) => "✓✓",
                (_, true) => "✓✓ ✗",
            };
            let colour = if lost { pal::STAMP } else { pal::TICK };
            p.spawn((
                Node {
                    border: UiRect::all(Val::Px(2.0)),
                    border_radius: BorderRadius::all(Val::Px(8.0)),
                    ..base
                },
                BackgroundColor(Color::WHITE),
                BorderColor::all(colour),
                GlobalZIndex(6),
                placed,
                travel,
            ))
            .with_children(|c| {
                c.spawn(words(Tr::same(ticks), 20.0, colour));
            });
        }
        token => {
            p.spawn((
                Node {
                    border: UiRect::all(Val::Px(2.0)),
                    border_radius: BorderRadius::all(Val::Px(6.0)),
                    column_gap: Val::Px(6.0),
                    padding: UiRect::horizontal(Val::Px(6.0)),
                    ..base
                },
                BackgroundColor(pal::PAPER),
                BorderColor::all(pal::PAPER_EDGE),
                BoxShadow::new(
                    Color::BLACK.with_alpha(0.25),
                    Val::Px(2.0),
                    Val::Px(3.0),
                    Val::Px(0.0),
                    Val::Px(4.0),
                ),
                GlobalZIndex(7),
                placed,
                travel.clone(),
            ))
            .with_children(|c| {
                c.spawn((
                    ImageNode::new(art.icon(Icon::Envelope)),
                    Node {
                        width: Val::Px(26.0),
                        height: Val::Px(26.0),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
                c.spawn((
                    words(
                        Tr::new(on_envelope(&text.en), on_envelope(&text.zh)),
                        17.0,
                        pal::INK,
                    ),
                    TextLayout::no_wrap(),
                ));
                let stamp = match (&token, travel.fate) {
                    (Token::Returned(why), _) => Some(ui::returned().join(": ", why)),
                    (_, Fate::Discarded) => Some(ui::duplicate()),
                    (_, Fate::Vanishes) => Some(ui::lost()),
                    _ => None,
                };
                if let Some(stamp) = stamp {
                    c.spawn((
                        Node {
                            position_type: PositionType::Absolute,
                            top: Val::Px(size.y - 6.0),
                            left: Val::Px(4.0),
                            max_width: Val::Px(size.x + 20.0),
                            padding: UiRect::axes(Val::Px(6.0), Val::Px(1.0)),
                            border: UiRect::all(Val::Px(2.0)),
                            border_radius: BorderRadius::all(Val::Px(4.0)),
                            ..default()
                        },
                        BackgroundColor(Color::WHITE.with_alpha(0.9)),
                        BorderColor::all(pal::STAMP),
                        UiTransform::from_rotation(Rot2::degrees(-6.0)),
                    ))
                    .with_children(|s| {
                        s.spawn(words(stamp, 14.0, pal::STAMP));
                    });
                }
            });
        }
    }
}

#[allow(clippy::type_complexity)]
fn travel(
    show: Res<Show>,
    mut things: Query<(&Travel, &mut Placed, &mut Visibility, &mut UiTransform)>,
) {
    let motion = show.motion();
    let t = ease(motion);
    for (travel, mut placed, mut visibility, mut transform) in &mut things {
        let pos = match travel.fate {
            // A lost frame stops half-way and shrinks away there.
            Fate::Vanishes => travel
                .from
                .lerp(travel.to, ease(motion.min(0.5) * 2.0) * 0.5),
            _ => travel.from.lerp(travel.to, t),
        };
        placed.0 = pos;
        let gone = match (&travel.token, travel.fate) {
            _ if travel.heartbeat => !show.heartbeats || motion >= 1.0,
            // Cards and lost letters stay where they ended until the next step, so
            // that a still picture (a slide, a paused class) shows them too.
            _ => false,
        };
        // A lost frame shrinks away on the line.
        let scale = match travel.fate {
            Fate::Vanishes => 1.0 - 0.45 * ease((motion - 0.5) * 2.0),
            _ => 1.0,
        };
        if transform.scale.x != scale {
            transform.scale = Vec2::splat(scale);
        }
        let want = if gone {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        };
        if *visibility != want {
            *visibility = want;
        }
        // Moved by its transform, from where it was laid out (its start): the layout
        // of the picture is not done again every frame.
        let shift = pos - travel.from;
        let want = Val2::new(Val::Px(shift.x), Val::Px(shift.y));
        if transform.translation != want {
            transform.translation = want;
        }
    }
}
