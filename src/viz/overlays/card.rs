//! The opening card: the scene's title and what it teaches (its `about`), over the
//! picture at the opening, in the chosen language. Next (→) starts the story and the
//! card goes; Enter closes it and leaves the opening picture in view. It comes back
//! for the next scene opened, not for the same one.

use bevy::prelude::*;

use crate::viz::AppSystems;
use crate::viz::control::bars::Action;
use crate::viz::control::panel::Panel;
use crate::viz::lang::{Tr, Words, ui};
use crate::viz::palette as pal;
use crate::viz::stage::parts::{Stage, words};
use crate::viz::story::show::{Control, OpenScene, Playback};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Card>()
        .add_systems(
            Startup,
            spawn_card.after(crate::viz::stage::picture::SpawnStage),
        )
        .add_systems(
            Update,
            (
                close_on_enter.in_set(AppSystems::Input),
                show_card.in_set(AppSystems::Bars),
            ),
        );
}

/// Which story's card was closed (its [`OpenScene::generation`]).
#[derive(Resource, Default, Debug)]
pub struct Card {
    pub closed_for: Option<u64>,
}

/// The card's box.
#[derive(Component)]
pub struct OpeningCard;

#[derive(Component)]
pub struct CardTitle;

#[derive(Component)]
pub struct CardAbout;

fn spawn_card(mut commands: Commands, stage: Query<Entity, With<Stage>>) {
    let Ok(stage) = stage.single() else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        p.spawn((
            OpeningCard,
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(250.0),
                top: Val::Px(120.0),
                width: Val::Px(780.0),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(Val::Px(24.0)),
                row_gap: Val::Px(14.0),
                border: UiRect::all(Val::Px(2.0)),
                border_radius: BorderRadius::all(Val::Px(16.0)),
                display: Display::None,
                ..default()
            },
            look(25),
        ))
        .with_children(|c| {
            c.spawn((CardTitle, words(Tr::default(), 30.0, pal::INK)));
            c.spawn((CardAbout, words(Tr::default(), pal::CAPTION, pal::INK)));
            c.spawn(words(ui::card_hint(), pal::BUTTON_TEXT, pal::INK_SOFT));
            c.spawn(Node {
                justify_content: JustifyContent::FlexEnd,
                ..default()
            })
            .with_children(|r| {
                r.spawn(button(
                    Action::Control(Control::Next),
                    UiRect::axes(Val::Px(14.0), Val::Px(6.0)),
                ))
                .with_children(|b| {
                    b.spawn(words(ui::next(), pal::BUTTON_TEXT, pal::INK));
                });
            });
        });
    });
}

/// Enter closes the card (not while a text box has the keyboard).
fn close_on_enter(
    keys: Res<ButtonInput<KeyCode>>,
    panel: Res<Panel>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    mut card: ResMut<Card>,
) {
    if panel.typing || play.at > 0 || scene.error.is_some() {
        return;
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        card.closed_for = Some(scene.generation);
    }
}

/// How a card over the picture looks: the card's colour, a frame, a shadow, and
/// its place among the layers (`z`).
pub fn look(z: i32) -> impl Bundle {
    (
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::OFFICE_EDGE),
        BoxShadow::new(
            Color::BLACK.with_alpha(0.25),
            Val::Px(0.0),
            Val::Px(6.0),
            Val::Px(0.0),
            Val::Px(16.0),
        ),
        GlobalZIndex(z),
    )
}

/// A button on a card that does `action` (the bars press it), with this padding
/// around its words.
pub fn button(action: Action, padding: UiRect) -> impl Bundle {
    (
        Button,
        action,
        Node {
            padding,
            border: UiRect::all(Val::Px(1.5)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            ..default()
        },
        BackgroundColor(pal::BUTTON),
        BorderColor::all(pal::CARD_EDGE),
    )
}

/// Whether the card is up: a story is open, at its opening, and its card not closed.
pub fn card_up(scene: &OpenScene, play: &Playback, card: &Card) -> bool {
    scene.told.is_some()
        && play.at == 0
        && scene.error.is_none()
        && card.closed_for != Some(scene.generation)
}

#[allow(clippy::type_complexity)]
fn show_card(
    play: Res<Playback>,
    scene: Res<OpenScene>,
    wording: Res<crate::viz::lang::Wording>,
    mut card: ResMut<Card>,
    mut node: Query<&mut Node, With<OpeningCard>>,
    mut title: Query<&mut Words, (With<CardTitle>, Without<CardAbout>)>,
    mut about: Query<(&mut Words, &mut Node), (With<CardAbout>, Without<OpeningCard>)>,
) {
    if !play.is_changed() && !scene.is_changed() && !card.is_changed() && !wording.is_changed() {
        return;
    }
    // Once the story has moved on, its card stays closed.
    if play.at > 0 && card.closed_for != Some(scene.generation) {
        card.closed_for = Some(scene.generation);
    }
    let up = card_up(&scene, &play, &card);
    for mut n in &mut node {
        let want = if up { Display::Flex } else { Display::None };
        if n.display != want {
            n.display = want;
        }
    }
    let Some(told) = scene.told.as_ref() else {
        return;
    };
    let (told_title, told_about) = (told.title_in(wording.0), told.about_in(wording.0));
    for mut w in &mut title {
        if w.0 != *told_title {
            w.0 = told_title.clone();
        }
    }
    for (mut w, mut n) in &mut about {
        let want = told_about.cloned().unwrap_or_default();
        let display = if told_about.is_some() {
            Display::Flex
        } else {
            Display::None
        };
        if n.display != display {
            n.display = display;
        }
        if w.0 != want {
            w.0 = want;
        }
    }
}
