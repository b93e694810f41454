//! Letters that travel together to one of a person's devices (issue 27): the
//! post office's archive sent to a new device (`keeps_history: true`: the
//! `hist:N` frame, a bundle with the 📚 going from the archive to the counter,
//! then down the device's line into its home mailbox), and chats moved from one
//! of her devices to another (`MoveChats`: a bundle with the 📲 going straight
//! from the old device's home mailbox to the new one's, not through the post
//! office). Drawn from the beat's narrated event, with the count it says.

use bevy::prelude::*;

use crate::sim::EventKind;
use crate::viz::AppSystems;
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Tr, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::layout::Layout;
use crate::viz::stage::parts::{Stage, ease, words};
use crate::viz::stage::tokens::along;
use crate::viz::story::model::Spot;
use crate::viz::story::show::{BeatShown, OpenScene, Playback};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (respawn.run_if(resource_changed::<BeatShown>), travel)
            .chain()
            .in_set(AppSystems::Tokens),
    );
}

/// What a bundle is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The archive's letters for a new device.
    History,
    /// Chats moved from another of the owner's devices.
    Moved,
}

/// A bundle of `count` letters on its way during a beat, along `way` (its
/// start, its corners, its end), for device `to`.
#[derive(Component, Clone, Debug, PartialEq)]
pub struct Bundle {
    pub kind: Kind,
    pub count: u32,
    pub to: usize,
    /// The device it comes from (moved chats).
    pub from: Option<usize>,
    pub way: Vec<Vec2>,
    pub size: Vec2,
    /// The archive's letters of a story whose letters travel sealed (issue 28):
    /// sealed, a lock beside the count. Moved chats come opened from the old
    /// device, never sealed.
    pub sealed: bool,
}

const ICON: f32 = 24.0;
const PAD: f32 = 6.0;
/// The lock beside a sealed bundle's count (issue 28).
const LOCK: f32 = 20.0;

/// On a bundle of sealed letters, so that the tests find it.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealedBundle;

/// The bundle the beat after `shown` (1 = the first beat) moves, if any.
pub fn bundle_of(scene: &OpenScene, shown: usize, layout: &Layout) -> Option<Bundle> {
    let told = scene.told.as_ref()?;
    let beat = told.lesson.beats().get(shown.checked_sub(1)?)?;
    let e = told.lesson.trace().get(beat.event())?;
    let phone = |s: Spot| layout.spot(s);
    // Read by the event's kind and its numbers (sim/kinds.rs), not a match
    // on the kinds here.
    let numbers = e.what.device_numbers()?;
    let count = numbers.count?;
    let at = e.what.kind();
    let me = match e.actor {
        crate::sim::Actor::Phone(d) => Some(d.index()),
        crate::sim::Actor::PostOffice
        | crate::sim::Actor::Network
        | crate::sim::Actor::PushService => None,
    };
    let (kind, to, from, way) = if at == EventKind::HistorySent {
        let d = numbers.peer?.index();
        (
            Kind::History,
            d,
            None,
            vec![phone(Spot::Archive), phone(Spot::Wire(d, 1.0))],
        )
    } else if at == EventKind::HistoryStored {
        let d = me?;
        let end = layout.tray(Spot::Mailbox(d))?.center();
        (
            Kind::History,
            d,
            None,
            vec![
                phone(Spot::Wire(d, 1.0)),
                phone(Spot::Wire(d, 0.0)),
                phone(Spot::Postman(d)),
                end,
            ],
        )
    } else if at == EventKind::ChatsMoved {
        let (d, f) = (me?, numbers.peer?.index());
        let start = layout.tray(Spot::Mailbox(f))?.center();
        let end = layout.tray(Spot::Mailbox(d))?.center();
        (Kind::Moved, d, Some(f), vec![start, end])
    } else {
        return None;
    };
    if to >= layout.phones.len() || from.is_some_and(|f| f >= layout.phones.len()) {
        return None;
    }
    let text = words_of(count);
    let w = measure::width(&text.en, pal::ENVELOPE_TEXT)
        .max(measure::width(&text.zh, pal::ENVELOPE_TEXT));
    let sealed = kind == Kind::History && told.sealed();
    let lock = if sealed { LOCK + PAD } else { 0.0 };
    let size = Vec2::new(ICON + w + 3.0 * PAD + 4.0 + lock, ICON + 2.0 * PAD);
    Some(Bundle {
        kind,
        count,
        to,
        from,
        way,
        size,
        sealed,
    })
}

/// A bundle's words: how many letters it holds.
pub fn words_of(count: u32) -> Tr {
    ui::letters(count)
}

/// The icon a bundle carries.
pub fn icon_of(kind: Kind) -> Icon {
    match kind {
        Kind::History => Icon::History,
        Kind::Moved => Icon::Move,
    }
}

fn respawn(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    old: Query<Entity, With<Bundle>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let (Ok(stage), Some(bundle)) = (stage.single(), bundle_of(&scene, play.at, &layout)) else {
        return;
    };
    let start = bundle.way[0];
    let size = bundle.size;
    let text = words_of(bundle.count);
    let icon = art.icon(icon_of(bundle.kind));
    let (sealed, lock) = (bundle.sealed, art.icon(Icon::Lock));
    commands.entity(stage).with_children(|p| {
        let mut drawn = p.spawn((
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(start.x - size.x / 2.0),
                top: Val::Px(start.y - size.y / 2.0),
                width: Val::Px(size.x),
                height: Val::Px(size.y),
                align_items: AlignItems::Center,
                column_gap: Val::Px(PAD),
                padding: UiRect::all(Val::Px(PAD)),
                border: UiRect::all(Val::Px(2.0)),
                border_radius: BorderRadius::all(Val::Px(6.0)),
                ..default()
            },
            BackgroundColor(pal::CARD),
            BorderColor::all(pal::LIT),
            GlobalZIndex(6),
            bundle,
        ));
        if sealed {
            drawn.insert(SealedBundle);
        }
        drawn.with_children(|c| {
            c.spawn((
                ImageNode::new(icon),
                Node {
                    width: Val::Px(ICON),
                    height: Val::Px(ICON),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
            c.spawn((
                words(text, pal::ENVELOPE_TEXT, pal::INK),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
            if sealed {
                c.spawn((
                    ImageNode::new(lock),
                    Node {
                        width: Val::Px(LOCK),
                        height: Val::Px(LOCK),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
            }
        });
    });
}

/// Moves each bundle along its way by the beat's eased progress; a still
/// picture shows it where its way ends.
fn travel(play: Res<Playback>, mut bundles: Query<(&Bundle, &mut bevy::ui::UiTransform)>) {
    let t = ease(play.motion());
    for (bundle, mut transform) in &mut bundles {
        let at = along(&bundle.way, t) - bundle.way[0];
        let want = bevy::ui::Val2::new(Val::Px(at.x), Val::Px(at.y));
        if transform.translation != want {
            transform.translation = want;
        }
    }
}
