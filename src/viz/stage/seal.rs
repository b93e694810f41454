//! Sealed letters in the picture (issue 28, `sealed: true`), drawn as the view
//! says: the key on each device that has made one (a device of a sealed story
//! that has logged in: a main phone from the start), and the post office's
//! card under its name: what it can see of the letter at hand (who wrote to
//! whom, when, how big) and that it cannot see the words. The sealed envelopes
//! themselves are drawn with what travels ([`super::tokens`]), the locked
//! bubbles with the chat ([`super::picture`]). A story whose letters do not
//! travel sealed draws none of this.

use bevy::prelude::*;

use crate::sim::MsgId;
use crate::sim::view::{Move, Place, Token, View};
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Tr, Wording};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::layout::{self, Layout, PhoneRects};
use crate::viz::stage::parts::{ForStory, Label, placed, words};
use crate::viz::story::show::{OpenScene, Playback};

/// A device's key, on its header over its avatar's corner: shown while the
/// view has the device joined (it has made its key).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyOf(pub usize);

/// A line of the post office's card (0: what it can see, 1: that it cannot see
/// the words).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeCardLine(pub usize);

/// The post office's card itself.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeCard;

/// The side of a device's key.
pub const KEY: f32 = 24.0;

/// Where device `i`'s key stands: over its header avatar's lower right corner,
/// clear of its name.
pub fn key_rect(r: &PhoneRects) -> Rect {
    let a = layout::header_avatar(r.header);
    let corner = Vec2::new(r.header.min.x + 4.0 + a, r.header.center().y + a / 2.0);
    Rect::from_center_size(corner - Vec2::new(7.0, 6.0), Vec2::splat(KEY))
}

/// The key of device `i` (hidden until the view has it joined): on a white
/// round badge edged like the boxes, so that it stands out from the avatar.
pub fn spawn_key(p: &mut ChildSpawnerCommands, i: usize, r: &PhoneRects, art: &Art) {
    p.spawn((
        ForStory,
        KeyOf(i),
        bevy::picking::Pickable::IGNORE,
        Node {
            border: UiRect::all(Val::Px(1.5)),
            border_radius: BorderRadius::all(Val::Percent(50.0)),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..placed(key_rect(r))
        },
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::OFFICE_EDGE),
        Visibility::Hidden,
    ))
    .with_children(|k| {
        k.spawn((
            ImageNode::new(art.icon(Icon::Key)),
            Node {
                width: Val::Px(KEY - 6.0),
                height: Val::Px(KEY - 6.0),
                ..default()
            },
        ));
    });
}

/// Each device's key shown while the view has the device joined.
pub fn show_keys(scene: Res<OpenScene>, mut keys: Query<(&KeyOf, &mut Visibility)>) {
    let Some(picture) = scene.picture() else {
        return;
    };
    for (key, mut visibility) in &mut keys {
        let joined = picture.phones.get(key.0).is_some_and(|p| p.joined);
        visibility.set_if_neq(if joined {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
}

/// The post office's card, where the layout has one: two lines (filled for
/// each beat by [`office_card`]).
pub fn spawn_card(p: &mut ChildSpawnerCommands, layout: &Layout) {
    let Some(card) = layout.office.card else {
        return;
    };
    p.spawn((
        ForStory,
        OfficeCard,
        Node {
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            padding: UiRect::axes(Val::Px(CARD_PAD), Val::Px(4.0)),
            align_items: AlignItems::Center,
            ..placed(card)
        },
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::MODULE_EDGE),
    ))
    .with_children(|c| {
        c.spawn(Node {
            flex_direction: FlexDirection::Column,
            ..default()
        })
        .with_children(|lines| {
            for k in 0..2 {
                lines.spawn((
                    Label,
                    OfficeCardLine(k),
                    words(Tr::default(), pal::TECH, pal::INK),
                    TextLayout::new(Justify::Left, LineBreak::NoWrap),
                ));
            }
        });
    });
}

const CARD_PAD: f32 = 8.0;

/// The room for a line of the post office's card of `card`.
pub fn card_room(card: Rect) -> f32 {
    card.width() - 4.0 - 2.0 * CARD_PAD
}

/// The sealed letter the post office has at hand in the beat: the one that
/// moves to or from one of its boxes, else one resting at its counter, its
/// register or its sorting desk; none (the card then says what it sees of
/// any letter) when no sealed letter is there.
pub fn at_hand(view: &View, moving: Option<&Move>) -> Option<MsgId> {
    let office = |p: Place| match p {
        Place::Counter | Place::Register | Place::Sorting | Place::Shelf | Place::Archive => true,
        Place::Screen(_)
        | Place::Mailbox(_)
        | Place::Postman(_)
        | Place::ParcelStore
        | Place::Wire(..) => false,
    };
    let handled = |p: Place| matches!(p, Place::Counter | Place::Register | Place::Sorting);
    if let Some(m) = moving
        && m.token == Token::Letter
        && view.is_sealed(m.letter.id)
        && (office(m.from) || office(m.to))
    {
        return Some(m.letter.id);
    }
    view.envelopes
        .iter()
        .find(|(copy, place)| handled(**place) && view.copy_sealed(**copy))
        .map(|(copy, _)| copy.id)
}

/// The two lines of the post office's card for the beat on screen, each cut to
/// the card's room (in the words of [`crate::words::window::office_card`]).
pub fn card_lines(
    scene: &OpenScene,
    play: &Playback,
    layout: &Layout,
    reg: crate::words::Register,
) -> Option<[Tr; 2]> {
    let card = layout.office.card?;
    let (told, picture) = (scene.told.as_ref()?, scene.picture()?);
    let moving = scene.beat(play).and_then(|b| b.moving);
    let sees = at_hand(picture, moving.as_ref()).and_then(|id| picture.office_sees(id));
    let world = &told.lesson.scene().world;
    let line = |k: usize| {
        Tr::both(|l| {
            let (a, b) = crate::words::window::office_card(sees.as_ref(), world, l, reg);
            if k == 0 { a } else { b }
        })
    };
    let room = card_room(card);
    Some([0, 1].map(|k| measure::wrap_tr(&line(k), pal::TECH, room, 1)))
}

/// Fills the post office's card for the beat on screen in the register on
/// screen, once per beat (and again for a card drawn anew).
pub fn office_card(
    scene: Res<OpenScene>,
    play: Res<Playback>,
    layout: Res<Layout>,
    wording: Res<Wording>,
    beat: Res<crate::viz::story::show::BeatShown>,
    mut lines: Query<(Entity, &OfficeCardLine, &mut crate::viz::lang::Words)>,
    mut drawn: Local<
        Option<(
            crate::viz::story::show::BeatShown,
            crate::words::Register,
            Vec<Entity>,
        )>,
    >,
) {
    if lines.is_empty() {
        return;
    }
    let key = (
        *beat,
        wording.0,
        lines.iter().map(|(e, ..)| e).collect::<Vec<_>>(),
    );
    if drawn.as_ref() == Some(&key) {
        return;
    }
    *drawn = Some(key);
    let Some(want) = card_lines(&scene, &play, &layout, wording.0) else {
        return;
    };
    for (_, line, mut w) in &mut lines {
        if let Some(tr) = want.get(line.0)
            && w.0 != *tr
        {
            w.0 = tr.clone();
        }
    }
}
