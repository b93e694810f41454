//! The picture: phones around the post office, their modules, the long connections,
//! and the chat bubbles. Built when a scene comes in, refreshed when the beat on
//! screen changes (not while it moves) from its [`View`].

use bevy::prelude::*;
use bevy::ui::UiTransform;

use crate::sim::Person;
use crate::sim::view::{Bubble, Connection, View};
use crate::viz::AppSystems;
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Lang, Language, Tr, Words, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::chat::{
    AVATAR_GAP, BADGE, BUBBLE_AVATAR, BUBBLE_PAD, BubbleFace, CHAT_GAP, MARK_GAP, MARK_STAMP_FRAME,
    Mark, MarkShape, OnScreen, SCREEN_BORDER, SCREEN_PAD, chat_plan_in, screen_reserve,
    typing_lines,
};
use crate::viz::stage::layout::{self, Layout, RING};
use crate::viz::stage::parts::{
    Clickable, Hit, Inspected, Module, OfficeBody, PhoneBody, Stage, Target, no_wrap, placed, tray,
    words,
};
use crate::viz::story::model::Spot;
use crate::viz::story::show::{BeatShown, OpenScene, Playback};
use crate::viz::story::telling::{Telling, telling};
use crate::viz::story::told::Told;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_stage.in_set(SpawnStage))
        .add_systems(
            Update,
            (
                fit_stage,
                (
                    super::push::follow_settings,
                    rebuild.run_if(telling),
                    add_strips.run_if(telling),
                    refresh,
                    super::devices::shelf_words,
                    super::seal::show_keys,
                    super::seal::office_card,
                    super::parcels::refresh_store,
                    dots,
                    hear,
                )
                    .chain()
                    .in_set(AppSystems::Picture),
            ),
        );
}

/// The rings follow the clock: each fills as its phone's silence grows toward the
/// heartbeat timeout, and turns grey when the post office marks the phone offline.
fn hear(
    play: Res<Playback>,
    scene: Res<OpenScene>,
    wording: Res<crate::viz::lang::Wording>,
    mut rings: Query<(&HeardRing, &mut BackgroundGradient, &mut Visibility)>,
    mut texts: Query<(&HeardWords, &mut Words, &mut Visibility), Without<HeardRing>>,
) {
    let (Some(told), Some(t)) = (scene.told.as_ref(), scene.clock_ms(&play)) else {
        return;
    };
    let timeout = told.lesson.scene().settings.heartbeat.timeout_ms.max(1) as f64;
    for (ring, mut gradient, mut visibility) in &mut rings {
        let state = told.last_heard(ring.0, t);
        visibility.set_if_neq(if state.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        let (fill, colour) = match state {
            Some((at, crate::viz::story::told::Heard::Heard)) => {
                let f = ((t - at as f64) / timeout).clamp(0.0, 1.0) as f32;
                let colour = if f < 0.6 {
                    pal::LINK_ONLINE
                } else if f < 0.85 {
                    pal::LINK_CONNECTING
                } else {
                    pal::STAMP
                };
                (f, colour)
            }
            Some((_, crate::viz::story::told::Heard::Offline)) => (1.0, pal::LINK_OFFLINE),
            None => (0.0, pal::LINK_OFFLINE),
        };
        let angle = fill * std::f32::consts::TAU;
        let track = pal::MODULE_EDGE;
        *gradient = BackgroundGradient(vec![
            ConicGradient::new(
                UiPosition::CENTER,
                vec![
                    AngularColorStop::new(colour, 0.0),
                    AngularColorStop::new(colour, angle),
                    AngularColorStop::new(track, angle),
                    AngularColorStop::new(track, std::f32::consts::TAU),
                ],
            )
            .into(),
        ]);
    }
    for (words, mut w, mut visibility) in &mut texts {
        let tr = match told.last_heard(words.0, t) {
            Some((at, crate::viz::story::told::Heard::Heard)) => ui::heard_ago(
                ((t - at as f64).max(0.0) / 1000.0).round() as u32,
                // Two or more lines on one side: each says whose it is.
                (told.phones() > 2)
                    .then(|| super::devices::line_name(told, words.0))
                    .flatten()
                    .as_ref(),
                wording.0,
            ),
            Some((_, crate::viz::story::told::Heard::Offline)) => ui::offline(),
            None => Tr::default(),
        };
        visibility.set_if_neq(if tr.en.is_empty() {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
        if w.0 != tr {
            w.0 = tr;
        }
    }
}

pub use crate::viz::stage::parts::{Count, ForStory, Label, Tray};

/// The line of a phone's long connection.
#[derive(Component)]
pub struct Wire(pub usize);

/// The post office's ear on a phone's long connection: a ring that fills as the
/// silence since its last heartbeat grows toward the timeout.
#[derive(Component)]
pub struct HeardRing(pub usize);

/// The words under a [`HeardRing`]: how long ago the phone was last heard.
#[derive(Component)]
pub struct HeardWords(pub usize);

/// What the picture was last drawn for.
type DrawnKey = (
    BeatShown,
    Option<Inspected>,
    Lang,
    crate::viz::lang::Register,
);

/// The words over a phone's long connection: the faults armed on it.
#[derive(Component)]
pub struct WireMark(pub usize);

/// The words under a phone's postman: its connection's state.
#[derive(Component)]
pub struct LinkState(pub usize);

#[derive(Component)]
pub struct Screen(pub usize);

/// Beside a phone's person, its dot for each friend (`presence`): hidden (out of
/// the layout) while the scene has no presence, so other scenes are drawn as before.
#[derive(Component)]
pub struct DotStrip(pub usize);

/// A phone's header: its person's avatar and name (moved up where the phone's
/// strip of dots stands under the name: [`layout::strip_place`]).
#[derive(Component)]
pub struct PhoneHeader(pub usize);

/// A friend's dot in a phone's strip, as drawn: lit (online), not lit, or not
/// known (a phone that is not connected knows nothing live: a hollow ring).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotLook {
    Online,
    Offline,
    Unknown,
}

/// "Li Lei is typing…" under a phone's chat.
#[derive(Component)]
pub struct TypingLine;

fn spawn_stage(mut commands: Commands) {
    commands.spawn((
        Stage,
        Node {
            position_type: PositionType::Absolute,
            width: Val::Px(layout::CANVAS.x),
            height: Val::Px(layout::CANVAS.y),
            ..default()
        },
    ));
}

/// Keeps the canvas fitted and centred in the window (beside or above the panel).
fn fit_stage(
    windows: Query<&Window>,
    panel: Res<crate::viz::control::panel::Panel>,
    mut scale: Option<ResMut<UiScale>>,
    mut stage: Query<&mut Node, With<Stage>>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    // Beside or above the teacher's panel, when it is open.
    let area = panel.place(window.size()).picture.size();
    let (s, offset) = layout::fit(area);
    if let Some(scale) = scale.as_mut()
        && (scale.0 - s).abs() > 1e-4
    {
        scale.0 = s;
    }
    for mut node in &mut stage {
        let (l, t) = (Val::Px(offset.x), Val::Px(offset.y));
        if node.left != l || node.top != t {
            node.left = l;
            node.top = t;
        }
    }
}

/// Draws the story's picture where none is: at the first story, and after a new
/// one took the old picture away (it is scoped to the story: see
/// [`crate::viz::story::telling`]). One root holds it all, so that it goes at once.
fn rebuild(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    telling: Res<State<Telling>>,
    stage: Query<Entity, With<Stage>>,
    drawn: Query<(), With<ForStory>>,
) {
    if !drawn.is_empty() {
        return;
    }
    let (Some(told), Ok(stage)) = (scene.told.as_ref(), stage.single()) else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        p.spawn((
            ForStory,
            DespawnOnExit(*telling.get()),
            Pickable::IGNORE,
            placed(Rect::from_corners(Vec2::ZERO, layout::CANVAS)),
        ))
        .with_children(|p| draw(p, told, &layout, &art, has_presence(told)));
    });
}

/// Makes the phones' dot strips where the story has come to have dots after its
/// picture was drawn (the class switched presence on: a live `SetPresence`), under
/// the picture's root. A story without dots never gets them.
fn add_strips(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    strips: Query<(), With<DotStrip>>,
    bodies: Query<&ChildOf, With<PhoneBody>>,
) {
    if !strips.is_empty() {
        return;
    }
    if !scene.told.as_ref().is_some_and(has_presence) {
        return;
    }
    let Some(root) = bodies.iter().next().map(ChildOf::parent) else {
        return;
    };
    commands.entity(root).with_children(|p| {
        for (i, r) in layout.phones.iter().enumerate() {
            dot_strip(p, i, r);
        }
    });
}

/// A bubble on a phone's screen (its letter).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct BubbleOf(pub usize, pub crate::sim::MsgId);

/// A bubble's number from the post office (`order: PostOffice`), above its words.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberOf(pub usize, pub crate::sim::MsgId);

/// The mark under a bubble's words.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkOf(pub MarkShape);

/// A recalled letter's notice, in its bubble's place on phone `.0` (issue 25).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeOf(pub usize, pub crate::sim::MsgId);

/// A bubble drawn locked (issue 28): a sealed letter its device cannot open.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockedBubble(pub usize, pub crate::sim::MsgId);

/// "↑ 2 earlier" over a phone's chat.
#[derive(Component, Clone, Copy, Debug)]
pub struct Earlier;

#[allow(clippy::too_many_arguments)]
fn module_box(
    p: &mut ChildSpawnerCommands,
    r: Rect,
    spot: Spot,
    icon: Handle<Image>,
    name: Tr,
    tech: Tr,
    count: Option<Count>,
    fill: Color,
) {
    let parts = layout::box_parts(r, count.is_some());
    p.spawn(box_frame(spot, r, fill)).with_children(|b| {
        tray(b, spot, icon, parts.tray.height());
        b.spawn((Label, words(name, pal::MODULE, pal::INK), no_wrap()));
        if parts.tech {
            b.spawn((Label, words(tech, pal::TECH, pal::INK_SOFT), no_wrap()));
        }
        if let Some(count) = count.filter(|_| parts.count) {
            b.spawn((
                Label,
                count,
                words(Tr::default(), pal::TECH, pal::INK),
                no_wrap(),
            ));
        }
    });
}

/// A box of the picture: its frame, its parts in a column inside (the tray, then
/// its words).
fn box_frame(spot: Spot, r: Rect, fill: Color) -> impl Bundle {
    (
        ForStory,
        Module(spot),
        BackgroundColor(fill),
        BorderColor::all(pal::MODULE_EDGE),
        Node {
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(10.0)),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            ..placed(r)
        },
    )
}

/// A text on a pale pill, readable over the lines it sits on.
fn pill(size: f32, colour: Color) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(Val::Px(6.0), Val::Px(3.0)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            ..default()
        },
        BackgroundColor(pal::BACKGROUND.with_alpha(0.94)),
        words(Tr::default(), size, colour),
        TextLayout::new(Justify::Center, LineBreak::NoWrap),
        Visibility::Hidden,
    )
}

/// The picture of a story: the long connections, the post office, the phones,
/// and over them what belongs to each long connection (in this order, so that
/// each is drawn over the one before).
fn draw(p: &mut ChildSpawnerCommands, told: &Told, layout: &Layout, art: &Art, dots: bool) {
    // The push service's paths under everything (a story with notifications).
    if let Some(push) = &layout.push {
        super::push::draw_paths(p, push);
    }
    draw_wires(p, layout);
    // A story with photos or voice messages: the parcel wires (issue 26).
    super::parcels::draw_wires(p, layout);
    draw_office(p, layout, art);
    if let Some(push) = &layout.push {
        super::push::draw_box(p, push);
    }
    // The phones (a person's devices together, issue 27).
    super::devices::spawn_brackets(p, told, layout);
    for (i, r) in layout.phones.iter().enumerate() {
        let Some(person) = told.owner_of(i) else {
            continue;
        };
        phone(p, (i, told), r, person, art);
        if dots {
            dot_strip(p, i, r);
        }
    }
    draw_over_wires(p, layout, super::devices::has_devices(told));
}

/// The long connections' lines.
fn draw_wires(p: &mut ChildSpawnerCommands, layout: &Layout) {
    for (i, r) in layout.phones.iter().enumerate() {
        let (a, b) = (r.wire_from, r.wire_to);
        let len = a.distance(b);
        let mid = (a + b) / 2.0;
        let thick = 6.0;
        p.spawn((
            ForStory,
            Wire(i),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(mid.x - len / 2.0),
                top: Val::Px(mid.y - thick / 2.0),
                width: Val::Px(len),
                height: Val::Px(thick),
                border_radius: BorderRadius::all(Val::Px(thick / 2.0)),
                ..default()
            },
            BackgroundColor(pal::LINK_OFFLINE),
            UiTransform::from_rotation(Rot2::radians((b - a).to_angle())),
        ));
    }
}

/// The post office: its body, its name and its five modules.
fn draw_office(p: &mut ChildSpawnerCommands, layout: &Layout, art: &Art) {
    let o = &layout.office;
    p.spawn((
        ForStory,
        OfficeBody,
        BackgroundColor(pal::OFFICE),
        BorderColor::all(pal::OFFICE_EDGE),
        Node {
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::all(Val::Px(18.0)),
            ..placed(o.body)
        },
    ));
    p.spawn((
        ForStory,
        Node {
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            column_gap: Val::Px(10.0),
            ..placed(o.header)
        },
    ))
    .with_children(|h| {
        h.spawn((
            ImageNode::new(art.icon(Icon::PostOffice)),
            Node {
                width: Val::Px(40.0),
                height: Val::Px(40.0),
                ..default()
            },
        ));
        h.spawn((Label, words(ui::post_office(), pal::TITLE, pal::INK)));
    });
    let m = pal::CARD;
    module_box(
        p,
        o.counter,
        Spot::Counter,
        art.icon(Icon::Counter),
        ui::counter(),
        ui::counter_tech(),
        Some(Count::Online),
        m,
    );
    module_box(
        p,
        o.register,
        Spot::Register,
        art.icon(Icon::Register),
        ui::register(),
        ui::register_tech(),
        None,
        m,
    );
    module_box(
        p,
        o.archive,
        Spot::Archive,
        art.icon(Icon::Archive),
        ui::archive(),
        ui::archive_tech(),
        Some(Count::Archived),
        m,
    );
    module_box(
        p,
        o.sorting,
        Spot::Sorting,
        art.icon(Icon::Sorting),
        ui::sorting(),
        ui::sorting_tech(),
        None,
        m,
    );
    module_box(
        p,
        o.shelf,
        Spot::Shelf,
        art.icon(Icon::Shelf),
        ui::shelf(),
        ui::shelf_tech(),
        Some(Count::Shelved),
        m,
    );
    // A story with photos or voice messages: the parcel store (issue 26).
    super::parcels::draw_store(p, layout, art);
    // A story whose letters travel sealed: the card of what it sees (issue 28).
    super::seal::spawn_card(p, layout);
}

/// Over everything: where a click takes a long connection (wider than the line,
/// so that it is easy to hit), the post office's ring on it with its words, and
/// the words of a fault armed on it, each in its own place.
fn draw_over_wires(p: &mut ChildSpawnerCommands, layout: &Layout, devices: bool) {
    for (i, r) in layout.phones.iter().enumerate() {
        let (a, b) = (r.wire_from, r.wire_to);
        let len = a.distance(b) - 16.0;
        let mid = (a + b) / 2.0;
        let thick = 28.0;
        p.spawn((
            ForStory,
            Clickable(Hit::Fault(Target::Link(i))),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(mid.x - len / 2.0),
                top: Val::Px(mid.y - thick / 2.0),
                width: Val::Px(len),
                height: Val::Px(thick),
                ..default()
            },
            UiTransform::from_rotation(Rot2::radians((b - a).to_angle())),
        ));
        let over = r.over_wire;
        let ring = over.ring;
        p.spawn((
            ForStory,
            HeardRing(i),
            Clickable(Hit::Inspect(Inspected::Heartbeat(i))),
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(ring.x - RING / 2.0),
                top: Val::Px(ring.y - RING / 2.0),
                width: Val::Px(RING),
                height: Val::Px(RING),
                border_radius: BorderRadius::all(Val::Px(RING / 2.0)),
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                ..default()
            },
            GlobalZIndex(3),
            Visibility::Hidden,
            BackgroundGradient::default(),
        ))
        .with_children(|r| {
            r.spawn((
                Node {
                    width: Val::Px(RING - 10.0),
                    height: Val::Px(RING - 10.0),
                    border_radius: BorderRadius::all(Val::Px(RING / 2.0)),
                    ..default()
                },
                BackgroundColor(pal::BACKGROUND),
            ));
        });
        // The ring's words, just above it; the armed faults above those.
        words_over_wire(p, over.heard, 3, HeardWords(i), pal::INK_SOFT);
        words_over_wire(p, over.mark, 4, WireMark(i), pal::STAMP);
        // A person's several devices (issue 27): the shelf's letters for
        // each, above its ring's words (where an armed fault's words go: the
        // place under the ring is the next line's, her devices' lines close).
        if devices {
            words_over_wire(p, over.mark, 3, super::devices::OnShelf(i), pal::STAMP);
        }
    }
}

/// A pill of words over a wire, at the bottom of `r`, marked `marker`. A click
/// goes through it to the wire.
fn words_over_wire(
    p: &mut ChildSpawnerCommands,
    r: Rect,
    z: i32,
    marker: impl Component,
    colour: Color,
) {
    p.spawn((
        ForStory,
        bevy::picking::Pickable::IGNORE,
        Node {
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::FlexEnd,
            align_items: AlignItems::Center,
            ..placed(r)
        },
        GlobalZIndex(z),
    ))
    .with_children(|c| {
        c.spawn((
            marker,
            bevy::picking::Pickable::IGNORE,
            pill(pal::WIRE_TEXT, colour),
        ));
    });
}

/// One phone: its body, its person, its screen, mailbox and postman.
fn phone(
    p: &mut ChildSpawnerCommands,
    (i, told): (usize, &Told),
    r: &layout::PhoneRects,
    person: &Person,
    art: &Art,
) {
    let device = told.devices.get(i);
    p.spawn((
        ForStory,
        PhoneBody(i),
        BackgroundColor(pal::PHONE_BODY),
        Node {
            border_radius: BorderRadius::all(Val::Px(super::devices::body_radius(device))),
            ..placed(r.body)
        },
    ));
    if let Some(device) = device {
        super::devices::spawn_base(p, i, device, r);
    }
    let avatar_size = layout::header_avatar(r.header);
    p.spawn((
        ForStory,
        PhoneHeader(i),
        Node {
            align_items: AlignItems::Center,
            column_gap: Val::Px(8.0),
            padding: UiRect::left(Val::Px(4.0)),
            ..placed(r.header)
        },
    ))
    .with_children(|h| {
        avatar(h, art, person, avatar_size);
        super::devices::spawn_header_words(h, told, i, r, art);
    });
    // A story whose letters travel sealed: the device's key (issue 28).
    if told.sealed() {
        super::seal::spawn_key(p, i, r, art);
    }
    p.spawn((
        ForStory,
        Screen(i),
        Module(Spot::Screen(i)),
        BackgroundColor(pal::SCREEN),
        BorderColor::all(pal::SCREEN),
        Node {
            border: UiRect::all(Val::Px(SCREEN_BORDER)),
            border_radius: BorderRadius::all(Val::Px(12.0)),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::FlexEnd,
            padding: UiRect::all(Val::Px(SCREEN_PAD)),
            row_gap: Val::Px(CHAT_GAP),
            overflow: Overflow::clip(),
            ..placed(r.screen)
        },
    ));
    module_box(
        p,
        r.mailbox,
        Spot::Mailbox(i),
        art.icon(Icon::Mailbox),
        ui::mailbox(),
        ui::mailbox_tech(),
        Some(Count::Stored(i)),
        pal::CARD,
    );
    let parts = layout::box_parts(r.postman, true);
    p.spawn(box_frame(Spot::Postman(i), r.postman, pal::CARD))
        .with_children(|b| {
            tray(
                b,
                Spot::Postman(i),
                art.icon(Icon::Postman),
                parts.tray.height(),
            );
            b.spawn((
                Label,
                words(ui::postman(), pal::MODULE, pal::INK),
                no_wrap(),
            ));
            if parts.tech {
                b.spawn((
                    Label,
                    words(ui::postman_tech(), pal::TECH, pal::INK_SOFT),
                    no_wrap(),
                ));
            }
            if parts.count {
                b.spawn((
                    Label,
                    LinkState(i),
                    words(ui::offline(), pal::TECH, pal::LINK_OFFLINE),
                    no_wrap(),
                ));
            }
        });
}

/// Whether a story has friends' dots at all (`presence:` set, or switched on by
/// the script or the class): only then are the phones' dot strips made, so that
/// other scenes' pictures hold exactly the entities they held before.
fn has_presence(told: &Told) -> bool {
    let scene = told.lesson.scene();
    let switched = |a: &crate::sim::Action| matches!(a, crate::sim::Action::SetPresence(_));
    scene.settings.presence != crate::sim::Presence::Off
        || scene.script.iter().any(|(_, a)| switched(a))
        || told.lesson.live().iter().any(|(_, a)| switched(a))
}

/// A phone's dots for its friends, beside or under its name (never over it);
/// [`dots`] places and fills it for each beat.
fn dot_strip(p: &mut ChildSpawnerCommands, i: usize, r: &layout::PhoneRects) {
    p.spawn((
        ForStory,
        DotStrip(i),
        bevy::picking::Pickable::IGNORE,
        Node {
            display: Display::None,
            position_type: PositionType::Absolute,
            left: Val::Auto,
            top: Val::Px(r.header.min.y),
            right: Val::Auto,
            width: Val::Auto,
            height: Val::Px(r.header.height()),
            align_items: AlignItems::Center,
            column_gap: Val::Px(4.0),
            padding: UiRect::horizontal(Val::Px(4.0)),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            ..default()
        },
        BackgroundColor(pal::PHONE_BODY),
    ));
}

/// An avatar picture, or the person's initial on a colour for unknown names.
pub fn avatar(p: &mut ChildSpawnerCommands, art: &Art, person: &Person, size: f32) {
    let node = Node {
        width: Val::Px(size),
        height: Val::Px(size),
        flex_shrink: 0.0,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        border_radius: BorderRadius::all(Val::Px(size / 2.0)),
        ..default()
    };
    match art.avatar(&person.avatar) {
        Some(image) => {
            p.spawn((ImageNode::new(image), node));
        }
        None => {
            let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
            p.spawn((node, BackgroundColor(pal::face(&person.name.en))))
                .with_children(|c| {
                    c.spawn(words(
                        Tr::new(initial(&person.name.en), initial(&person.name.zh)),
                        size * 0.5,
                        Color::WHITE,
                    ));
                });
        }
    }
}

#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn refresh(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    art: Res<Art>,
    layout: Res<Layout>,
    mut counts: Query<(&Count, &mut Words)>,
    mut links: Links,
    mut wires: Wires,
    mut modules: Modules,
    mut bodies: Bodies,
    mut office: OfficeFill,
    mut screens: Query<(Entity, &Screen, &mut Node)>,
    mut marks: Marks,
    tools: Res<crate::viz::overlays::tools::Tools>,
    // One parameter: a system takes at most sixteen.
    (lang, wording, beat): (
        Res<Language>,
        Res<crate::viz::lang::Wording>,
        Res<BeatShown>,
    ),
    mut drawn: Local<Option<DrawnKey>>,
) {
    // Once per beat on screen (and per scene, and per thing inspected), not while
    // the beat moves.
    let key = (*beat, tools.inspecting, lang.0, wording.0);
    if *drawn == Some(key) {
        return;
    }
    let (Some(told), Some(picture)) = (scene.told.as_ref(), scene.picture()) else {
        return;
    };
    *drawn = Some(key);
    // What the beat lights, and where the inspected letter's copies are kept.
    let mut lit: Vec<Spot> = scene.beat(&play).map_or(Vec::new(), |b| b.lit.clone());
    if let Some(thing) = tools.inspecting {
        lit.extend(crate::viz::overlays::tools::kept_spots(
            told, play.at, thing,
        ));
    }
    let lit = lit.as_slice();
    mark_wires(&mut marks, picture, told, &layout, wording.0);
    count_and_link(&mut counts, &mut links, &mut wires, picture);
    light(&mut modules, &mut bodies, &mut office, picture, lit);
    // The chat bubbles: the newest at the bottom, as on a phone; older ones that
    // no longer fit make way, counted on a line above. The band at the top of a
    // screen stays free while an envelope or a card rests there.
    let resting = crate::viz::stage::tokens::plan(&scene, &play, &layout);
    for (entity, screen, mut node) in &mut screens {
        commands.entity(entity).despawn_children();
        let (Some(phone), Some(rects)) =
            (picture.phones.get(screen.0), layout.phones.get(screen.0))
        else {
            continue;
        };
        // A device that never logged in: empty, and saying so (issue 27).
        if !phone.joined {
            commands
                .entity(entity)
                .with_children(|s| super::devices::spawn_not_joined(s, screen.0));
            continue;
        }
        let reserve = screen_reserve(&resting, &layout, screen.0);
        let top = Val::Px(SCREEN_PAD + reserve);
        if node.padding.top != top {
            node.padding.top = top;
        }
        // With reading (issue 25) the head stands at the top and a spacer under
        // it: what does not fit runs off the screen's foot, never over the head.
        let from = if super::read::has_reading(told) {
            JustifyContent::FlexStart
        } else {
            JustifyContent::FlexEnd
        };
        if node.justify_content != from {
            node.justify_content = from;
        }
        // "… is typing…" lines take their room under the chat.
        let names: Vec<Tr> = phone
            .typing
            .iter()
            .map(|by| {
                told.people
                    .get(by.index())
                    .map(|p| p.name.clone())
                    .unwrap_or_default()
            })
            .collect();
        // A closed app: its lock screen, with its notifications.
        if super::push::locked(picture, screen.0) {
            let texts = super::push::notices(picture, &told.people, screen.0);
            let plan = super::push::lock_plan(&texts, rects.screen, reserve, lang.0);
            commands
                .entity(entity)
                .with_children(|s| super::push::spawn_lock(s, screen.0, &plan));
            continue;
        }
        let typing = typing_lines(&names, rects.screen, lang.0);
        let room = (rects.screen, reserve);
        let on = Screenful {
            view: picture,
            told,
            art: &art,
            u: screen.0,
            lang: lang.0,
        };
        commands
            .entity(entity)
            .with_children(|s| spawn_chat(s, on, room, typing));
    }
}

/// What a phone's chat is drawn from.
#[derive(Clone, Copy)]
struct Screenful<'a> {
    view: &'a View,
    told: &'a Told,
    art: &'a Art,
    u: usize,
    lang: Lang,
}

/// A phone's chat on its screen: with reading (issue 25) the open chat's header
/// over its bubbles, or the chat list; else every bubble, as before; then the
/// "… is typing…" lines.
fn spawn_chat(
    s: &mut ChildSpawnerCommands,
    on: Screenful,
    (screen, reserve): (Rect, f32),
    typing: Vec<(Tr, f32)>,
) {
    let Screenful {
        view,
        told,
        art,
        u,
        lang,
    } = on;
    let Some(phone) = view.phones.get(u) else {
        return;
    };
    let order = told.lesson.scene().settings.order;
    let under: f32 = typing.iter().map(|t| t.1).sum();
    let reading = super::read::has_reading(told);
    let names = super::read::names(told);
    let head = if reading {
        super::read::HEAD + 2.0 * CHAT_GAP
    } else {
        0.0
    };
    if reading {
        let room = (screen, reserve + under);
        let list = phone
            .open_chat
            .is_none()
            .then(|| super::read::list_plan(view, order, u, room, &names));
        let more = list.as_ref().map_or(0, |l| l.more);
        super::read::spawn_head(s, u, phone.open_chat, &names, (more, screen));
        if let Some(plan) = list {
            super::read::spawn_list(s, u, plan, |r, i, line| {
                spawn_preview(r, u, &phone.chat[i], line);
            });
        }
        super::read::spawn_spacer(s);
    }
    if !reading || phone.open_chat.is_some() {
        let on = OnScreen {
            names: &names,
            only: phone.open_chat,
        };
        let room = (screen, reserve + under + head);
        let plan = chat_plan_in(view, order, u, room, lang, on);
        if plan.earlier > 0 {
            s.spawn((
                Earlier,
                words(ui::earlier(plan.earlier), pal::STATUS, pal::INK_SOFT),
                TextLayout::new(Justify::Center, LineBreak::NoWrap),
                Node {
                    align_self: AlignSelf::Center,
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        for (i, face) in plan.shown {
            spawn_bubble(s, u, &phone.chat[i], face, told, art);
        }
    }
    for (line, height) in typing {
        s.spawn((
            TypingLine,
            words(line, pal::STATUS, pal::INK_SOFT),
            TextLayout::new(Justify::Left, LineBreak::NoWrap),
            Node {
                align_self: AlignSelf::FlexStart,
                flex_shrink: 0.0,
                height: Val::Px(height - CHAT_GAP),
                ..default()
            },
        ));
    }
}

type Strips<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static DotStrip,
        &'static mut Node,
        &'static mut BackgroundColor,
    ),
    Without<PhoneHeader>,
>;

/// Each phone's dot per friend beside (or under) its person's name (`presence`):
/// lit green while the phone has the friend online, grey otherwise (a block or a
/// stale answer leaves it grey; the simulation decides), a hollow ring while the
/// phone itself is not connected (logged out, in a tunnel, dialling: it knows
/// nothing live, and shows what it last heard only once it hears again) or dots
/// have been switched off (`SetPresence(Off)`: nothing more is heard). Shown
/// only where the scene has presence (its setting, or dots the story has lit), so
/// that other scenes keep their picture. Placed by [`layout::strip_place`]: never
/// over the name, which moves up where the strip must go under it.
#[allow(clippy::too_many_arguments)]
fn dots(
    mut commands: Commands,
    scene: Res<OpenScene>,
    art: Res<Art>,
    layout: Res<Layout>,
    (lang, beat): (Res<Language>, Res<BeatShown>),
    mut strips: Strips,
    mut headers: Query<(&PhoneHeader, &mut Node), Without<DotStrip>>,
    mut drawn: Local<Option<(BeatShown, Lang, usize)>>,
) {
    let key = (*beat, lang.0, strips.iter().len());
    if strips.is_empty() || *drawn == Some(key) {
        return;
    }
    let (Some(told), Some(picture)) = (scene.told.as_ref(), scene.picture()) else {
        return;
    };
    *drawn = Some(key);
    let scene = told.lesson.scene();
    let presence = scene.settings.presence != crate::sim::Presence::Off
        || picture.phones.iter().any(|p| !p.dots.is_empty());
    let lesson = &told.lesson;
    let dots_on = crate::lesson::presence::at(scene, lesson.live(), lesson.time_of(beat.at))
        != crate::sim::Presence::Off;
    let mut below = vec![false; layout.phones.len()];
    for (entity, strip, mut node, mut bg) in strips.iter_mut() {
        let u = strip.0;
        let (Some(phone), Some(rects), Some(device)) = (
            picture.phones.get(u),
            layout.phones.get(u),
            told.devices.get(u),
        ) else {
            continue;
        };
        // On the phone's body, in its colour (grey while marked offline).
        let body = if phone.marked_offline {
            pal::PHONE_BODY_GREY
        } else {
            pal::PHONE_BODY
        };
        bg.set_if_neq(BackgroundColor(body));
        let whom = friends_shown(scene, phone, device.owner);
        let display = if presence && !whom.is_empty() {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != display {
            node.display = display;
        }
        commands.entity(entity).despawn_children();
        if display == Display::None {
            continue;
        }
        let label = super::devices::header_words(told, u, rects);
        let size = super::devices::label_size(told, u, rects);
        let icon_w = match super::devices::several(told, u) {
            true => super::devices::KIND_ICON + 8.0,
            false => 0.0,
        };
        let name_w = crate::viz::measure::widest(label.get(lang.0), size) + icon_w;
        let place = layout::strip_place(rects.header, name_w, whom.len());
        below[u] = place.below;
        let r = place.strip;
        let (l, t, w, h) = (
            Val::Px(r.min.x),
            Val::Px(r.min.y),
            Val::Px(r.width()),
            Val::Px(r.height()),
        );
        if (node.left, node.top, node.width, node.height) != (l, t, w, h) {
            (node.left, node.top, node.width, node.height) = (l, t, w, h);
        }
        // Known only while the phone is connected and dots are on: after a switch
        // to no dots the phone hears nothing more, so what it last heard is not
        // shown as if it were still true.
        let live = phone.connection == crate::sim::view::Connection::Open && dots_on;
        commands.entity(entity).with_children(|c| {
            for j in whom {
                let Some(friend) = told.people.get(j) else {
                    continue;
                };
                let look = match (live, phone.dot(crate::sim::UserIdx(j as u32))) {
                    (false, _) => DotLook::Unknown,
                    (true, true) => DotLook::Online,
                    (true, false) => DotLook::Offline,
                };
                dot_chip(c, art.as_ref(), friend, look, (place.chip, body));
            }
        });
    }
    // The name (and avatar) move up where the strip stands under it.
    for (header, mut node) in &mut headers {
        let Some(rects) = layout.phones.get(header.0) else {
            continue;
        };
        let up = below.get(header.0).copied().unwrap_or(false);
        let (top, align) = if up {
            (Val::Px(rects.header.min.y - 3.0), AlignItems::FlexStart)
        } else {
            (Val::Px(rects.header.min.y), AlignItems::Center)
        };
        if node.top != top || node.align_items != align {
            node.top = top;
            node.align_items = align;
        }
    }
}

/// The friends a phone's strip shows, in order: its friends in the scene, and
/// anyone it has a dot for.
fn friends_shown(
    scene: &crate::scenario::Scenario,
    phone: &crate::sim::view::PhoneView,
    u: usize,
) -> Vec<usize> {
    let mut whom: Vec<usize> = scene
        .friends
        .iter()
        .filter_map(|&(a, b)| match (a.index() == u, b.index() == u) {
            (true, false) => Some(b.index()),
            (false, true) => Some(a.index()),
            _ => None,
        })
        .chain(phone.dots.iter().map(|d| d.0.index()))
        .collect();
    whom.sort_unstable();
    whom.dedup();
    whom
}

/// One friend in a phone's header: a small avatar with its online dot at the
/// corner, green while lit, grey otherwise, a hollow ring while not known; cut
/// from the avatar by a rim of the phone's `body` colour.
fn dot_chip(
    c: &mut ChildSpawnerCommands,
    art: &Art,
    person: &Person,
    look: DotLook,
    (size, body): (f32, Color),
) {
    let dot = (size * 0.46).round().max(8.0);
    let rim = if size < 20.0 { 1.5 } else { 2.0 };
    c.spawn(Node {
        width: Val::Px(size),
        height: Val::Px(size),
        flex_shrink: 0.0,
        ..default()
    })
    .with_children(|a| {
        avatar(a, art, person, size);
        let (fill, ring) = match look {
            DotLook::Online => (pal::DOT_ONLINE, body),
            DotLook::Offline => (pal::DOT_OFFLINE, body),
            DotLook::Unknown => (body, pal::DOT_UNKNOWN),
        };
        a.spawn((
            look,
            Node {
                position_type: PositionType::Absolute,
                right: Val::Px(-2.0),
                bottom: Val::Px(-2.0),
                width: Val::Px(dot),
                height: Val::Px(dot),
                border: UiRect::all(Val::Px(rim)),
                border_radius: BorderRadius::all(Val::Px(dot / 2.0)),
                ..default()
            },
            BorderColor::all(ring),
            BackgroundColor(fill),
        ));
    });
}

type Marks<'w, 's> = Query<
    'w,
    's,
    (
        &'static WireMark,
        &'static mut Words,
        &'static mut Visibility,
    ),
    (Without<Count>, Without<LinkState>),
>;
type Links<'w, 's> = Query<
    'w,
    's,
    (
        &'static LinkState,
        &'static mut Words,
        &'static mut TextColor,
    ),
    Without<Count>,
>;
type Wires<'w, 's> = Query<
    'w,
    's,
    (&'static Wire, &'static mut BackgroundColor),
    (Without<Module>, Without<PhoneBody>, Without<OfficeBody>),
>;
type Modules<'w, 's> = Query<
    'w,
    's,
    (
        &'static Module,
        &'static mut BorderColor,
        &'static mut BackgroundColor,
        Has<Screen>,
    ),
    (Without<PhoneBody>, Without<OfficeBody>, Without<Wire>),
>;
type Bodies<'w, 's> = Query<
    'w,
    's,
    (&'static PhoneBody, &'static mut BackgroundColor),
    (Without<Module>, Without<OfficeBody>, Without<Wire>),
>;
type OfficeFill<'w, 's> = Query<
    'w,
    's,
    &'static mut BackgroundColor,
    (
        With<OfficeBody>,
        Without<Module>,
        Without<PhoneBody>,
        Without<Wire>,
    ),
>;

/// The words over each long connection: the faults armed on it, broken into lines
/// that fit over the gap; hidden when nothing is armed.
fn mark_wires(
    marks: &mut Marks,
    picture: &View,
    told: &Told,
    layout: &Layout,
    register: crate::viz::lang::Register,
) {
    for (mark, mut w, mut visibility) in marks.iter_mut() {
        let armed = picture.armed.iter().filter(|(u, ..)| u.index() == mark.0);
        let name = told
            .devices
            .get(mark.0)
            .map(|d| d.label.clone())
            .unwrap_or_default();
        let tr = armed
            .map(|&(_, dir, class)| ui::armed(dir, class, &name, register))
            .reduce(|a, b| a.join("\n", &b))
            .unwrap_or_default();
        // Broken into lines that fit over the gap; hidden when nothing is armed.
        let width = layout
            .phones
            .get(mark.0)
            .map_or(0.0, |p| p.over_wire.mark.width() - 12.0);
        let tr = measure::wrap_tr(&tr, pal::WIRE_TEXT, width, 5);
        visibility.set_if_neq(if tr.en.is_empty() {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
        if w.0 != tr {
            w.0 = tr;
        }
    }
}

/// The modules' counts, the connections' states in words and the wires' colours.
fn count_and_link(
    counts: &mut Query<(&Count, &mut Words)>,
    links: &mut Links,
    wires: &mut Wires,
    picture: &View,
) {
    for (count, mut w) in counts.iter_mut() {
        let tr = match *count {
            Count::Stored(i) => ui::letters(picture.phones.get(i).map_or(0, |p| p.stored)),
            Count::Online => ui::online_count(picture.office.online),
            Count::Archived => super::read::with_recalls(
                ui::letters(picture.office.archived),
                super::read::torn(picture),
            ),
            Count::Shelved => super::read::with_recalls(
                ui::letters(picture.office.shelved),
                super::read::shelved_recalls(picture),
            ),
            Count::Parcels => super::parcels::store_count(picture),
        };
        if w.0 != tr {
            w.0 = tr;
        }
    }
    let link_of = |i: usize| {
        picture
            .phones
            .get(i)
            .map_or(Connection::Closed, |p| p.connection)
    };
    for (l, mut w, mut colour) in links.iter_mut() {
        let (tr, c) = match link_of(l.0) {
            Connection::Open => (ui::online(), pal::LINK_ONLINE),
            Connection::Connecting => (ui::connecting(), pal::LINK_CONNECTING),
            Connection::Closed => (ui::offline(), pal::INK_SOFT),
            Connection::NoSignal => (ui::no_signal(), pal::LINK_NO_SIGNAL),
        };
        if w.0 != tr {
            w.0 = tr;
        }
        colour.0 = c;
    }
    for (wire, mut bg) in wires.iter_mut() {
        bg.0 = match link_of(wire.0) {
            Connection::Open => pal::LINK_ONLINE,
            Connection::Connecting => pal::LINK_CONNECTING,
            Connection::Closed => pal::LINK_OFFLINE.with_alpha(0.5),
            Connection::NoSignal => pal::LINK_NO_SIGNAL.with_alpha(0.55),
        };
    }
}

/// What the beat lights, the greyed phones and the post office open or closed.
fn light(
    modules: &mut Modules,
    bodies: &mut Bodies,
    office: &mut OfficeFill,
    picture: &View,
    lit: &[Spot],
) {
    for (module, mut border, mut bg, is_screen) in modules.iter_mut() {
        let on = lit.iter().any(|s| same_spot(*s, module.0));
        let (greyed, locked) = match module.0 {
            Spot::Screen(i) => (
                picture.phones.get(i).is_some_and(|p| p.marked_offline),
                super::push::locked(picture, i),
            ),
            _ => (false, false),
        };
        let screen_fill = if locked {
            pal::LOCK_SCREEN
        } else if greyed {
            pal::SCREEN_GREY
        } else {
            pal::SCREEN
        };
        let (edge, fill) = match (on, is_screen) {
            (true, true) => (pal::LIT, screen_fill),
            (true, false) => (pal::LIT, pal::LIT_FILL),
            (false, true) => (screen_fill, screen_fill),
            (false, false) => (pal::MODULE_EDGE, pal::CARD),
        };
        *border = BorderColor::all(edge);
        bg.0 = fill;
    }
    for (body, mut bg) in bodies.iter_mut() {
        let greyed = picture.phones.get(body.0).is_some_and(|p| p.marked_offline);
        bg.0 = if greyed {
            pal::PHONE_BODY_GREY
        } else {
            pal::PHONE_BODY
        };
    }
    for mut bg in office.iter_mut() {
        bg.0 = if picture.office.open {
            pal::OFFICE
        } else {
            pal::OFFICE_CLOSED
        };
    }
}

/// One bubble: the sender's avatar (someone else's letter), the words, the mark.
fn spawn_bubble(
    s: &mut ChildSpawnerCommands,
    phone: usize,
    bubble: &Bubble,
    face: BubbleFace,
    told: &Told,
    art: &Art,
) {
    if face.notice {
        spawn_notice(s, phone, bubble, face);
        return;
    }
    // Her letters are on her side of each of her devices (issue 27).
    let owner = told.devices.get(phone).map_or(phone, |d| d.owner);
    let mine = bubble.id.from.index() == owner;
    s.spawn(Node {
        align_self: if mine {
            AlignSelf::FlexEnd
        } else {
            AlignSelf::FlexStart
        },
        align_items: AlignItems::FlexEnd,
        column_gap: Val::Px(AVATAR_GAP),
        flex_shrink: 0.0,
        ..default()
    })
    .with_children(|row| {
        if !mine && let Some(person) = told.people.get(bubble.id.from.index()) {
            avatar(row, art, person, BUBBLE_AVATAR);
        }
        // Sized from the font's own widths: the words fit whole, in lines made
        // here, and the mark under them is never covered.
        let locked = face.locked;
        let mut drawn = row.spawn((
            BubbleOf(phone, bubble.id),
            Node {
                flex_direction: FlexDirection::Column,
                align_items: if mine {
                    AlignItems::FlexEnd
                } else {
                    AlignItems::FlexStart
                },
                padding: UiRect::axes(Val::Px(BUBBLE_PAD.x), Val::Px(BUBBLE_PAD.y)),
                border_radius: BorderRadius::all(Val::Px(9.0)),
                row_gap: Val::Px(2.0),
                width: Val::Px(face.size.x),
                height: Val::Px(face.size.y),
                flex_shrink: 0.0,
                ..default()
            },
            BackgroundColor(match (locked, mine) {
                (true, _) => pal::NOTICE,
                (false, true) => pal::BUBBLE_MINE,
                (false, false) => pal::BUBBLE_THEIRS,
            }),
            Clickable(Hit::Inspect(Inspected::Bubble(phone, bubble.id))),
        ));
        if locked {
            drawn.insert(LockedBubble(phone, bubble.id));
        }
        drawn.with_children(|b| {
            // Its number from the post office, small, above its words.
            if let Some(number) = face.number {
                b.spawn((
                    NumberOf(phone, bubble.id),
                    words(number, pal::STATUS, pal::OFFICE_STEP),
                    TextLayout::new(Justify::Left, LineBreak::NoWrap),
                    Node {
                        align_self: AlignSelf::FlexStart,
                        ..default()
                    },
                ));
            }
            // Its photo or voice message (issue 26), above its words.
            if let Some(media) = &face.parcel {
                super::parcels::spawn_media(b, phone, bubble.id, media, art);
            }
            b.spawn((
                words(
                    face.text,
                    pal::BUBBLE,
                    if locked { pal::INK_SOFT } else { pal::INK },
                ),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
                Node {
                    align_self: AlignSelf::FlexStart,
                    ..default()
                },
            ));
            if let Some(mark) = face.mark {
                spawn_mark(b, mark);
            }
        });
    });
}

/// A chat list row's line about its newest letter (issue 25): the writer's own
/// with its mark, someone else's with its words, a recalled one's notice in grey.
fn spawn_preview(
    s: &mut ChildSpawnerCommands,
    phone: usize,
    bubble: &Bubble,
    line: super::read::Preview,
) {
    let mut row = s.spawn((
        BubbleOf(phone, bubble.id),
        Node {
            flex_shrink: 0.0,
            overflow: Overflow::clip(),
            ..default()
        },
        Clickable(Hit::Inspect(Inspected::Bubble(phone, bubble.id))),
    ));
    if line.notice {
        row.insert(NoticeOf(phone, bubble.id));
    }
    row.with_children(|b| match line.mark {
        Some(mark) => spawn_mark(b, mark),
        None => {
            let ink = if line.notice { pal::INK_SOFT } else { pal::INK };
            b.spawn((
                words(line.text, pal::STATUS, ink),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
        }
    });
}

/// A recalled letter's notice in its bubble's place (issue 25): a centred grey
/// line, "Li Lei recalled a message", not a letter.
fn spawn_notice(s: &mut ChildSpawnerCommands, phone: usize, bubble: &Bubble, face: BubbleFace) {
    s.spawn((
        BubbleOf(phone, bubble.id),
        NoticeOf(phone, bubble.id),
        Node {
            align_self: AlignSelf::Center,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            padding: UiRect::axes(
                Val::Px(crate::viz::stage::chat::NOTICE_PAD.x),
                Val::Px(crate::viz::stage::chat::NOTICE_PAD.y),
            ),
            border_radius: BorderRadius::all(Val::Px(8.0)),
            width: Val::Px(face.size.x),
            height: Val::Px(face.size.y),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(pal::NOTICE),
        Clickable(Hit::Inspect(Inspected::Bubble(phone, bubble.id))),
    ))
    .with_children(|b| {
        b.spawn((
            words(face.text, pal::STATUS, pal::INK_SOFT),
            TextLayout::new(Justify::Center, LineBreak::NoWrap),
        ));
    });
}

/// A bubble's mark: ticks and a word, a red "!" badge and a word, or a stamp.
fn spawn_mark(b: &mut ChildSpawnerCommands, mark: Mark) {
    let word = |colour: Color| {
        (
            words(mark.word.clone(), pal::STATUS, colour),
            TextLayout::new(Justify::Left, LineBreak::NoWrap),
        )
    };
    match mark.shape {
        MarkShape::Stamp => {
            b.spawn((
                MarkOf(mark.shape),
                Node {
                    padding: UiRect::axes(
                        Val::Px(MARK_STAMP_FRAME.x / 2.0 - 2.0),
                        Val::Px(MARK_STAMP_FRAME.y / 2.0 - 2.0),
                    ),
                    border: UiRect::all(Val::Px(2.0)),
                    border_radius: BorderRadius::all(Val::Px(4.0)),
                    ..default()
                },
                BackgroundColor(Color::WHITE),
                BorderColor::all(mark.colour),
            ))
            .with_children(|s| {
                s.spawn(word(mark.colour));
            });
        }
        shape => {
            b.spawn((
                MarkOf(shape),
                Node {
                    align_items: AlignItems::Center,
                    column_gap: Val::Px(MARK_GAP),
                    ..default()
                },
            ))
            .with_children(|m| {
                if shape == MarkShape::Badge {
                    m.spawn((
                        Node {
                            width: Val::Px(BADGE),
                            height: Val::Px(BADGE),
                            flex_shrink: 0.0,
                            border_radius: BorderRadius::all(Val::Px(BADGE / 2.0)),
                            align_items: AlignItems::Center,
                            justify_content: JustifyContent::Center,
                            ..default()
                        },
                        BackgroundColor(mark.colour),
                    ))
                    .with_children(|c| {
                        c.spawn(words(Tr::same(mark.glyph), pal::STATUS, Color::WHITE));
                    });
                } else {
                    m.spawn((
                        words(Tr::same(mark.glyph), pal::STATUS, mark.colour),
                        TextLayout::new(Justify::Left, LineBreak::NoWrap),
                    ));
                }
                m.spawn(word(if shape == MarkShape::Dots {
                    pal::INK_SOFT
                } else {
                    mark.colour
                }));
            });
        }
    }
}

fn same_spot(a: Spot, b: Spot) -> bool {
    match (a, b) {
        (Spot::Wire(i, _), Spot::Wire(j, _)) => i == j,
        _ => a == b,
    }
}

/// The startup system that makes the [`Stage`]; bars hang from it too.
#[derive(SystemSet, Clone, PartialEq, Eq, Hash, Debug)]
pub struct SpawnStage;
