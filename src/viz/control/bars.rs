//! The bars around the picture: the scene's title with the scenes menu, the words
//! button (story, story + terms, engineer) and the language button at the top, the caption ("Step 5 of 9 — Verify" and the trace's
//! sentence) and the control bar (every button shows its key) at the bottom, and the
//! panel that shows a file's located error.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::viz::AppSystems;
use crate::viz::lang::{Tr, Wording, Words, ui};
use crate::viz::palette as pal;
use crate::viz::stage::layout;
use crate::viz::stage::parts::{Stage, placed, words};
use crate::viz::story::show::{Control, OpenScene, Playback, ViewOptions};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SceneList>()
        .add_systems(
            Startup,
            spawn_bars.after(crate::viz::stage::picture::SpawnStage),
        )
        .add_systems(
            Update,
            (
                press_buttons.in_set(AppSystems::Input),
                (update_caption, update_controls, update_error, update_menu)
                    .in_set(AppSystems::Bars),
            ),
        );
}

/// What a button does.
#[derive(Component, Clone, Debug, PartialEq)]
pub enum Action {
    Control(Control),
    /// Nothing here: the feature that spawned the button reads its presses
    /// itself (an overlay's own message); the bar only colours it.
    Own,
    ToggleMenu,
    /// Go round the registers (story, both, engineer), as W does.
    Wording,
}

#[derive(Component)]
pub struct Heading;

#[derive(Component)]
pub struct Sentence;

#[derive(Component)]
pub struct SceneTitle;

#[derive(Component)]
pub struct PlayLabel;

#[derive(Component)]
pub struct SpeedLabel;

#[derive(Component)]
pub struct HeartbeatLabel;

#[derive(Component)]
pub struct Progress;

/// The label of the button that goes round the registers (W).
#[derive(Component)]
pub struct WordingLabel;

#[derive(Component)]
pub struct ErrorPanel;

#[derive(Component)]
pub struct ErrorText;

/// The error panel's first line.
#[derive(Component)]
pub struct ErrorTitle;

#[derive(Component)]
pub struct Menu;

/// A listed scene's title: as written, and as told in the story register (its
/// story form, or the same words where it has none).
#[derive(Clone, Debug, PartialEq)]
pub struct ListedTitle {
    pub text: Tr,
    pub story: Tr,
}

impl ListedTitle {
    /// The title in `reg`.
    pub fn in_register(&self, reg: crate::viz::lang::Register) -> &Tr {
        match reg {
            crate::viz::lang::Register::Story => &self.story,
            _ => &self.text,
        }
    }
}

/// The scenes the menu lists: file and title, read by the scenes module.
#[derive(Resource, Default, Debug)]
pub struct SceneList {
    pub open: bool,
    pub scenes: Vec<(PathBuf, ListedTitle)>,
    /// Bumped when the list changes, so the menu is rebuilt.
    pub generation: u64,
}

// A button's parts, and the gap between the control bar's things (canvas pixels).
const BUTTON_PAD: f32 = 6.0;
const BUTTON_BORDER: f32 = 1.5;
const KEY_PAD: f32 = 5.0;
// At least a pixel wide at ×0.8 (1024 × 768).
const KEY_BORDER: f32 = 1.5;
const GAP: f32 = 5.0;

/// The control bar's buttons in order, each with its key, at their widest words
/// (Pause, Heartbeats: off); `None` for the words between them.
fn controls() -> Vec<(Tr, Option<&'static str>)> {
    let widest = |a: Tr, b: Tr| {
        let w = |t: &Tr| {
            crate::viz::measure::width(&t.en, 1.0).max(crate::viz::measure::width(&t.zh, 1.0))
        };
        if w(&a) >= w(&b) { a } else { b }
    };
    vec![
        (ui::restart(), Some("Home")),
        (ui::back(), Some("←")),
        (widest(ui::play(), ui::pause()), Some("Space")),
        (ui::next(), Some("→")),
        // Two-figure counts, as in a lesson. (A class of 40 is a story of about
        // 2,900 pictures: its four-figure count measures 40 px over, yet was seen
        // whole on screen in both languages, the measure being generous.)
        (ui::beat_counter(88, 88), None),
        (ui::slower(), Some("−")),
        (Tr::same("1/16×"), None),
        (ui::faster(), Some("+")),
        (
            widest(
                widest(
                    ui::heartbeats(true, crate::viz::lang::Register::Both),
                    ui::heartbeats(false, crate::viz::lang::Register::Both),
                ),
                widest(
                    ui::heartbeats(true, crate::viz::lang::Register::Story),
                    ui::heartbeats(false, crate::viz::lang::Register::Story),
                ),
            ),
            Some("H"),
        ),
        (ui::fullscreen(), Some("F")),
    ]
}

/// How wide the control bar's row is in `lang` (canvas pixels), measured from the
/// font: it must fit [`layout::CONTROL_BAR`] whole, or its words run into each
/// other.
pub fn controls_width(lang: crate::viz::lang::Lang) -> f32 {
    let things = controls();
    let n = things.len() as f32;
    things
        .iter()
        .map(|(words, key)| {
            let w = crate::viz::measure::width(words.get(lang), pal::BUTTON_TEXT);
            match key {
                Some(k) => {
                    2.0 * (BUTTON_PAD + BUTTON_BORDER)
                        + w
                        + GAP
                        + 2.0 * (KEY_PAD + KEY_BORDER)
                        + crate::viz::measure::width(k, pal::KEY_TEXT)
                }
                None => w,
            }
        })
        .sum::<f32>()
        + GAP * (n - 1.0)
}

fn button(p: &mut ChildSpawnerCommands, action: Action, label: impl Bundle, key: Option<&str>) {
    p.spawn((
        Button,
        action,
        Node {
            padding: UiRect::axes(Val::Px(BUTTON_PAD), Val::Px(4.0)),
            border: UiRect::all(Val::Px(BUTTON_BORDER)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            align_items: AlignItems::Center,
            column_gap: Val::Px(GAP),
            height: Val::Px(40.0),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(pal::BUTTON),
        BorderColor::all(pal::CARD_EDGE),
    ))
    .with_children(|b| {
        // One line: the control bar is measured to hold every button (see the
        // layout tests).
        b.spawn((label, TextLayout::no_wrap()));
        if let Some(key) = key {
            b.spawn((
                Node {
                    padding: UiRect::axes(Val::Px(KEY_PAD), Val::Px(0.0)),
                    border: UiRect::all(Val::Px(KEY_BORDER)),
                    border_radius: BorderRadius::all(Val::Px(4.0)),
                    flex_shrink: 0.0,
                    ..default()
                },
                BorderColor::all(pal::KEY),
            ))
            .with_children(|k| {
                k.spawn((
                    Text::new(key),
                    TextFont::from_font_size(FontSize::Px(pal::KEY_TEXT)),
                    TextColor(pal::KEY),
                    TextLayout::no_wrap(),
                ));
            });
        }
    });
}

fn spawn_bars(mut commands: Commands, stage: Query<Entity, With<Stage>>) {
    let Ok(stage) = stage.single() else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        top_bar(p);
        caption_bar(p);
        control_bar(p);
        // The scenes menu, under its button.
        p.spawn((
            Menu,
            Node {
                position_type: PositionType::Absolute,
                right: Val::Px(110.0),
                top: Val::Px(layout::TOP_BAR.max.y),
                min_width: Val::Px(320.0),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(Val::Px(6.0)),
                row_gap: Val::Px(2.0),
                border: UiRect::all(Val::Px(1.5)),
                border_radius: BorderRadius::all(Val::Px(10.0)),
                display: Display::None,
                ..default()
            },
            BackgroundColor(pal::CARD),
            BorderColor::all(pal::CARD_EDGE),
            GlobalZIndex(20),
        ));
        error_panel(p);
    });
}

/// The top bar: the scene's title, the scenes menu's button, words and language.
fn top_bar(p: &mut ChildSpawnerCommands) {
    p.spawn(Node {
        align_items: AlignItems::Center,
        padding: UiRect::horizontal(Val::Px(20.0)),
        column_gap: Val::Px(12.0),
        ..placed(layout::TOP_BAR)
    })
    .with_children(|t| {
        t.spawn((SceneTitle, words(ui::loading(), pal::TITLE, pal::INK)));
        t.spawn(Node {
            flex_grow: 1.0,
            ..default()
        });
        button(
            t,
            Action::ToggleMenu,
            words(ui::scenes(), pal::BUTTON_TEXT, pal::INK),
            None,
        );
        button(
            t,
            Action::Wording,
            (
                WordingLabel,
                words(ui::wording(Default::default()), pal::BUTTON_TEXT, pal::INK),
            ),
            Some("W"),
        );
        button(
            t,
            Action::Control(Control::ToggleLanguage),
            words(ui::language_button(), pal::BUTTON_TEXT, pal::INK),
            Some("L"),
        );
    });
}

/// The caption's box: the heading and the sentence.
fn caption_bar(p: &mut ChildSpawnerCommands) {
    p.spawn((
        Node {
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            padding: UiRect::axes(Val::Px(CAPTION_PAD.x), Val::Px(CAPTION_PAD.y)),
            row_gap: Val::Px(CAPTION_GAP),
            border: UiRect::all(Val::Px(CAPTION_BORDER)),
            border_radius: BorderRadius::all(Val::Px(14.0)),
            ..placed(layout::CAPTION_BAR)
        },
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::CARD_EDGE),
    ))
    .with_children(|c| {
        c.spawn((Heading, words(ui::ready(), pal::HEADING, pal::SIDE_ROAD)));
        c.spawn((Sentence, words(ui::start(), pal::CAPTION, pal::INK)));
    });
}

/// The control bar: every button with its key, the progress and the speed.
fn control_bar(p: &mut ChildSpawnerCommands) {
    p.spawn(Node {
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        column_gap: Val::Px(GAP),
        ..placed(layout::CONTROL_BAR)
    })
    .with_children(|b| {
        let label = |tr: Tr| words(tr, pal::BUTTON_TEXT, pal::INK);
        button(
            b,
            Action::Control(Control::Restart),
            label(ui::restart()),
            Some("Home"),
        );
        button(
            b,
            Action::Control(Control::Previous),
            label(ui::back()),
            Some("←"),
        );
        button(
            b,
            Action::Control(Control::PlayPause),
            (PlayLabel, label(ui::play())),
            Some("Space"),
        );
        button(
            b,
            Action::Control(Control::Next),
            label(ui::next()),
            Some("→"),
        );
        b.spawn((
            Progress,
            words(Tr::default(), pal::BUTTON_TEXT, pal::INK_SOFT),
            TextLayout::no_wrap(),
        ));
        button(
            b,
            Action::Control(Control::Slower),
            label(ui::slower()),
            Some("−"),
        );
        b.spawn((
            SpeedLabel,
            words(Tr::same("1×"), pal::BUTTON_TEXT, pal::INK),
            TextLayout::no_wrap(),
        ));
        button(
            b,
            Action::Control(Control::Faster),
            label(ui::faster()),
            Some("+"),
        );
        button(
            b,
            Action::Control(Control::ToggleHeartbeats),
            (
                HeartbeatLabel,
                label(ui::heartbeats(true, crate::viz::lang::Register::Both)),
            ),
            Some("H"),
        );
        button(
            b,
            Action::Control(Control::ToggleFullscreen),
            label(ui::fullscreen()),
            Some("F"),
        );
    });
}

/// The panel that shows a file's located error, hidden until one comes.
fn error_panel(p: &mut ChildSpawnerCommands) {
    p.spawn((
        ErrorPanel,
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(240.0),
            top: Val::Px(150.0),
            width: Val::Px(800.0),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(Val::Px(20.0)),
            row_gap: Val::Px(12.0),
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::all(Val::Px(14.0)),
            display: Display::None,
            ..default()
        },
        BackgroundColor(Color::srgb(1.0, 0.96, 0.95)),
        BorderColor::all(pal::ERROR),
        BoxShadow::new(
            Color::BLACK.with_alpha(0.3),
            Val::Px(0.0),
            Val::Px(6.0),
            Val::Px(0.0),
            Val::Px(16.0),
        ),
        GlobalZIndex(30),
    ))
    .with_children(|e| {
        e.spawn((
            ErrorTitle,
            words(ui::error_title(false), pal::HEADING, pal::ERROR),
        ));
        e.spawn((ErrorText, words(Tr::default(), pal::ERROR_TEXT, pal::INK)));
        e.spawn(Node {
            justify_content: JustifyContent::FlexEnd,
            ..default()
        })
        .with_children(|r| {
            button(
                r,
                Action::Control(Control::Dismiss),
                words(ui::dismiss(), pal::BUTTON_TEXT, pal::INK),
                Some("Enter"),
            );
        });
    });
}

fn press_buttons(
    mut buttons: Query<(&Interaction, &Action, &mut BackgroundColor), Changed<Interaction>>,
    mut controls: MessageWriter<Control>,
    mut list: ResMut<SceneList>,
    mut wording: ResMut<Wording>,
) {
    for (interaction, action, mut bg) in &mut buttons {
        bg.0 = match interaction {
            Interaction::Pressed => pal::BUTTON_PRESSED,
            Interaction::Hovered => pal::BUTTON_HOVER,
            Interaction::None => pal::BUTTON,
        };
        if *interaction == Interaction::Pressed {
            match action {
                Action::Control(c) => {
                    if matches!(c, Control::Open(_)) {
                        list.open = false;
                    }
                    controls.write(c.clone());
                }
                Action::Own => {}
                Action::ToggleMenu => list.open = !list.open,
                Action::Wording => wording.0 = wording.0.next(),
            }
        }
    }
}

/// The caption bar's padding (sideways, up and down), the room between its heading
/// and its sentence, and its border.
const CAPTION_PAD: Vec2 = Vec2::new(22.0, 2.0);
const CAPTION_GAP: f32 = 4.0;
const CAPTION_BORDER: f32 = 1.5;

/// The sizes a caption's sentence may take, largest first, with how many lines
/// each leaves room for under the heading: a long caption steps down rather than
/// spill out of its bar.
pub const CAPTION_SIZES: [(f32, usize); 4] = [
    (pal::CAPTION, 2),
    (pal::CAPTION - 2.0, 2),
    (pal::CAPTION - 4.0, 2),
    (pal::SMALLEST, 3),
];

/// The size the caption's `sentence` is drawn at: the largest of
/// [`CAPTION_SIZES`] whose lines fit the bar under its heading; `None` when even
/// the smallest does not (a test keeps every built-in caption from that).
pub fn caption_size(sentence: &str) -> Option<f32> {
    let bar = layout::CAPTION_BAR;
    // Measured a little narrower than the bar: the renderer breaks the lines
    // itself, and may come out a hair wider than the font's advances say.
    let width = bar.width() - 2.0 * (CAPTION_PAD.x + CAPTION_BORDER) - 16.0;
    let room = bar.height() - 2.0 * (CAPTION_PAD.y + CAPTION_BORDER);
    let heading = pal::HEADING * crate::viz::measure::LINE + CAPTION_GAP;
    CAPTION_SIZES.iter().find_map(|&(size, most)| {
        let (text, _) = crate::viz::measure::wrap(sentence, size, width, usize::MAX);
        let lines = text.lines().count().max(1);
        let tall = heading + lines as f32 * size * crate::viz::measure::LINE;
        (lines <= most && tall <= room).then_some(size)
    })
}

#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn update_caption(
    play: Res<Playback>,
    scene: Res<OpenScene>,
    wording: Res<Wording>,
    mut wording_label: Query<
        &mut Words,
        (
            With<WordingLabel>,
            Without<Heading>,
            Without<Sentence>,
            Without<SceneTitle>,
        ),
    >,
    mut heading: Query<(&mut Words, &mut TextColor), (With<Heading>, Without<Sentence>)>,
    mut sentence: Query<
        (&mut Words, &mut TextFont),
        (With<Sentence>, Without<Heading>, Without<SceneTitle>),
    >,
    mut title: Query<&mut Words, (With<SceneTitle>, Without<Heading>, Without<Sentence>)>,
    lang: Res<crate::viz::lang::Language>,
) {
    if !play.is_changed() && !scene.is_changed() && !wording.is_changed() && !lang.is_changed() {
        return;
    }
    for mut w in &mut wording_label {
        let want = ui::wording(wording.0);
        if w.0 != want {
            w.0 = want;
        }
    }
    let (h, s, colour) = match (scene.told.as_ref(), scene.beat(&play)) {
        (None, _) => (ui::loading(), Tr::default(), pal::SIDE_ROAD),
        (Some(_), None) => (ui::ready(), ui::start(), pal::SIDE_ROAD),
        (Some(_), Some(beat)) => {
            // The caption in the register chosen (W).
            let (h, s) = beat.words(wording.0);
            (h.clone(), s.clone(), pal::step_colour(beat.step))
        }
    };
    // A message for the class (the lesson saved, an action refused) stands in the
    // heading until the next step.
    let (h, colour) = match &scene.notice {
        Some(notice) => (notice.clone(), pal::STAMP),
        None => (h, colour),
    };
    for (mut w, mut c) in &mut heading {
        if w.0 != h {
            w.0 = h.clone();
        }
        c.0 = colour;
    }
    // As large as fits the bar in the language shown (too long for the smallest:
    // the smallest, and a test keeps the built-in scenes from that).
    let size = caption_size(s.get(lang.0)).unwrap_or(pal::SMALLEST);
    for (mut w, mut font) in &mut sentence {
        if w.0 != s {
            w.0 = s.clone();
        }
        if font.font_size != FontSize::Px(size) {
            font.font_size = FontSize::Px(size);
        }
    }
    if let Some(told) = scene.told.as_ref() {
        let told_title = told.title_in(wording.0);
        for mut w in &mut title {
            if w.0 != *told_title {
                w.0 = told_title.clone();
            }
        }
    }
}

#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn update_controls(
    play: Res<Playback>,
    scene: Res<OpenScene>,
    view: Res<ViewOptions>,
    wording: Res<crate::viz::lang::Wording>,
    mut play_label: Query<
        &mut Words,
        (
            With<PlayLabel>,
            Without<SpeedLabel>,
            Without<HeartbeatLabel>,
            Without<Progress>,
        ),
    >,
    mut speed: Query<
        &mut Words,
        (
            With<SpeedLabel>,
            Without<PlayLabel>,
            Without<HeartbeatLabel>,
            Without<Progress>,
        ),
    >,
    mut hb: Query<
        &mut Words,
        (
            With<HeartbeatLabel>,
            Without<PlayLabel>,
            Without<SpeedLabel>,
            Without<Progress>,
        ),
    >,
    mut progress: Query<
        &mut Words,
        (
            With<Progress>,
            Without<PlayLabel>,
            Without<SpeedLabel>,
            Without<HeartbeatLabel>,
        ),
    >,
) {
    if !play.is_changed() && !scene.is_changed() && !view.is_changed() && !wording.is_changed() {
        return;
    }
    let set = |w: &mut Words, tr: Tr| {
        if w.0 != tr {
            w.0 = tr;
        }
    };
    for mut w in &mut play_label {
        set(
            &mut w,
            if play.playing {
                ui::pause()
            } else {
                ui::play()
            },
        );
    }
    for mut w in &mut speed {
        let e = play.speed_exp;
        let s = if e >= 0 {
            format!("{}×", 1 << e)
        } else {
            format!("1/{}×", 1 << -e)
        };
        set(&mut w, Tr::same(s));
    }
    for mut w in &mut hb {
        set(&mut w, ui::heartbeats(view.heartbeats, wording.0));
    }
    for mut w in &mut progress {
        set(&mut w, ui::beat_counter(play.at, scene.beats()));
    }
}

#[allow(clippy::type_complexity)]
fn update_error(
    scene: Res<OpenScene>,
    mut panel: Query<&mut Node, With<ErrorPanel>>,
    mut text: Query<&mut Words, (With<ErrorText>, Without<ErrorTitle>)>,
    mut title: Query<&mut Words, With<ErrorTitle>>,
) {
    if !scene.is_changed() {
        return;
    }
    for mut w in &mut title {
        let want = ui::error_title(scene.told.is_some());
        if w.0 != want {
            w.0 = want;
        }
    }
    for mut node in &mut panel {
        let want = if scene.error.is_some() {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != want {
            node.display = want;
        }
    }
    if let Some(error) = &scene.error {
        for mut w in &mut text {
            let tr = Tr::same(error.to_string());
            if w.0 != tr {
                w.0 = tr;
            }
        }
    }
}

fn update_menu(
    mut commands: Commands,
    list: Res<SceneList>,
    wording: Res<crate::viz::lang::Wording>,
    mut menu: Query<(Entity, &mut Node), With<Menu>>,
    mut built: Local<Option<(u64, crate::viz::lang::Register)>>,
) {
    if !list.is_changed() && !wording.is_changed() {
        return;
    }
    for (entity, mut node) in &mut menu {
        node.display = if list.open {
            Display::Flex
        } else {
            Display::None
        };
        if *built != Some((list.generation, wording.0)) {
            commands.entity(entity).despawn_children();
            commands.entity(entity).with_children(|m| {
                for (path, title) in &list.scenes {
                    m.spawn((
                        Button,
                        Action::Control(Control::Open(path.clone())),
                        Node {
                            padding: UiRect::axes(Val::Px(10.0), Val::Px(5.0)),
                            border_radius: BorderRadius::all(Val::Px(6.0)),
                            ..default()
                        },
                        BackgroundColor(pal::BUTTON),
                    ))
                    .with_children(|b| {
                        let title = title.in_register(wording.0).clone();
                        b.spawn(words(title, pal::BUTTON_TEXT, pal::INK));
                    });
                }
            });
        }
    }
    *built = Some((list.generation, wording.0));
}
