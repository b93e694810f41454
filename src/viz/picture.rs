//! The picture: phones around the post office, their modules, the long connections,
//! and the chat bubbles. Built when a scene comes in, refreshed when the beat on
//! screen changes (not while it moves) from its [`Picture`](super::story::Picture).

use bevy::prelude::*;
use bevy::ui::UiTransform;

use super::AppSystems;
use super::art::{Art, Icon};
use super::lang::{SpanWords, Tr, Words, ui};
use super::layout::{self, Layout};
use super::palette as pal;
use super::show::Show;
use super::story::{BubbleStatus, Link, Person, Spot};
use super::telling::{Telling, telling};
use super::tools::{Clickable, Hit, Target};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_stage.in_set(SpawnStage))
        .add_systems(
            Update,
            (
                fit_stage,
                (rebuild.run_if(telling), refresh, hear)
                    .chain()
                    .in_set(AppSystems::Picture),
            ),
        );
}

/// The size of a [`HeardRing`].
const RING: f32 = 34.0;

/// The rings follow the clock: each fills as its phone's silence grows toward the
/// heartbeat timeout, and turns grey when the post office marks the phone offline.
fn hear(
    show: Res<Show>,
    mut rings: Query<(&HeardRing, &mut BackgroundGradient, &mut Visibility)>,
    mut texts: Query<(&HeardWords, &mut Words)>,
) {
    let (Some(told), Some(t)) = (show.told.as_ref(), show.clock_ms()) else {
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
            Some((at, super::told::Heard::Heard)) => {
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
            Some((_, super::told::Heard::Offline)) => (1.0, pal::LINK_OFFLINE),
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
    for (words, mut w) in &mut texts {
        let tr = match told.last_heard(words.0, t) {
            Some((at, super::told::Heard::Heard)) => {
                ui::heard_ago(((t - at as f64).max(0.0) / 1000.0).round() as u32)
            }
            Some((_, super::told::Heard::Offline)) => ui::offline(),
            None => Tr::default(),
        };
        if w.0 != tr {
            w.0 = tr;
        }
    }
}

/// The 1280 × 720 canvas every picture node hangs from.
#[derive(Component)]
pub struct Stage;

/// Built for one story; despawned when another comes.
#[derive(Component)]
pub struct ForStory;

/// A module box that lights up when the beat names its spot.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Module(pub Spot);

/// A count shown in a module.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    Stored(usize),
    Online,
    Archived,
    Shelved,
}

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
type DrawnKey = (u64, u64, usize, Option<super::tools::Inspected>);

/// The words over a phone's long connection: the faults armed on it.
#[derive(Component)]
pub struct WireMark(pub usize);

/// The words under a phone's postman: its connection's state.
#[derive(Component)]
pub struct LinkState(pub usize);

#[derive(Component)]
pub struct PhoneBody(pub usize);

#[derive(Component)]
pub struct Screen(pub usize);

#[derive(Component)]
pub struct OfficeBody;

/// An absolutely placed node covering `r` on the canvas.
pub fn placed(r: Rect) -> Node {
    Node {
        position_type: PositionType::Absolute,
        left: Val::Px(r.min.x),
        top: Val::Px(r.min.y),
        width: Val::Px(r.width()),
        height: Val::Px(r.height()),
        ..default()
    }
}

/// A text in both languages, of `size` canvas pixels.
pub fn words(tr: Tr, size: f32, colour: Color) -> impl Bundle {
    (
        Text::new(tr.en.clone()),
        TextFont::from_font_size(FontSize::Px(size)),
        TextColor(colour),
        Words(tr),
    )
}

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

/// Keeps the canvas fitted and centred in the window (left of the panel).
fn fit_stage(
    windows: Query<&Window>,
    panel: Res<super::panel::Panel>,
    mut scale: Option<ResMut<UiScale>>,
    mut stage: Query<&mut Node, With<Stage>>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    // Beside the teacher's panel, when it is open.
    let area = window.size() - Vec2::new(panel.width(), 0.0);
    let (s, offset) = layout::fit(area.max(Vec2::splat(1.0)));
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
/// [`super::telling`]). One root holds it all, so that it goes at once.
fn rebuild(
    mut commands: Commands,
    show: Res<Show>,
    layout: Res<Layout>,
    art: Res<Art>,
    telling: Res<State<Telling>>,
    stage: Query<Entity, With<Stage>>,
    drawn: Query<(), With<ForStory>>,
) {
    if !drawn.is_empty() {
        return;
    }
    let (Some(told), Ok(stage)) = (show.told.as_ref(), stage.single()) else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        p.spawn((
            ForStory,
            DespawnOnExit(*telling.get()),
            Pickable::IGNORE,
            placed(Rect::from_corners(Vec2::ZERO, layout::CANVAS)),
        ))
        .with_children(|p| draw(p, &told.people, &layout, &art));
    });
}

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
    let icon_size = (r.height() * 0.36).clamp(22.0, 40.0);
    p.spawn((
        ForStory,
        Module(spot),
        BackgroundColor(fill),
        BorderColor::all(pal::MODULE_EDGE),
        Node {
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(10.0)),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: Val::Px(1.0),
            ..placed(r)
        },
    ))
    .with_children(|b| {
        b.spawn((
            ImageNode::new(icon),
            Node {
                width: Val::Px(icon_size),
                height: Val::Px(icon_size),
                ..default()
            },
        ));
        b.spawn(words(name, pal::MODULE, pal::INK));
        if r.height() >= 80.0 {
            b.spawn(words(tech, pal::TECH, pal::INK_SOFT));
        }
        if let Some(count) = count {
            b.spawn((count, words(Tr::default(), pal::MODULE, pal::INK)));
        }
    });
}

fn draw(p: &mut ChildSpawnerCommands, people: &[Person], layout: &Layout, art: &Art) {
    // Long connections first, so everything else is drawn over them.
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

    // The post office.
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
                width: Val::Px(48.0),
                height: Val::Px(48.0),
                ..default()
            },
        ));
        h.spawn(words(ui::post_office(), pal::TITLE, pal::INK));
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

    // The phones.
    for (i, (r, person)) in layout.phones.iter().zip(people).enumerate() {
        phone(p, i, r, person, art);
    }

    // Over everything: where a click takes a long connection (wider than the
    // line, so that it is easy to hit), and the words of a fault armed on it.
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
        // The ring, on the middle of the line (between the phone's boxes and the
        // post office, where nothing else is drawn), its words under it.
        let ring = mid;
        p.spawn((
            ForStory,
            HeardRing(i),
            Clickable(Hit::Inspect(super::tools::Inspected::Heartbeat(i))),
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
        p.spawn((
            ForStory,
            HeardWords(i),
            // Words over the wire: a click goes through them to the wire.
            bevy::picking::Pickable::IGNORE,
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(ring.x - 40.0),
                top: Val::Px(ring.y + RING / 2.0 + 2.0),
                width: Val::Px(80.0),
                justify_content: JustifyContent::Center,
                ..default()
            },
            GlobalZIndex(3),
            words(Tr::default(), pal::TECH + 2.0, pal::INK_SOFT),
            TextLayout::justify(Justify::Center),
        ));
        p.spawn((
            ForStory,
            WireMark(i),
            bevy::picking::Pickable::IGNORE,
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(mid.x - 40.0),
                top: Val::Px(mid.y - RING / 2.0 - 60.0),
                width: Val::Px(80.0),
                height: Val::Px(56.0),
                align_items: AlignItems::FlexEnd,
                justify_content: JustifyContent::Center,
                ..default()
            },
            GlobalZIndex(4),
            words(Tr::default(), pal::TECH + 2.0, pal::STAMP),
            TextLayout::justify(Justify::Center),
        ));
    }
}

/// One phone: its body, its person, its screen, mailbox and postman.
fn phone(
    p: &mut ChildSpawnerCommands,
    i: usize,
    r: &layout::PhoneRects,
    person: &Person,
    art: &Art,
) {
    {
        p.spawn((
            ForStory,
            PhoneBody(i),
            BackgroundColor(pal::PHONE_BODY),
            Node {
                border_radius: BorderRadius::all(Val::Px(22.0)),
                ..placed(r.body)
            },
        ));
        let avatar_size = (r.header.height() - 4.0).min(48.0);
        p.spawn((
            ForStory,
            Node {
                align_items: AlignItems::Center,
                column_gap: Val::Px(8.0),
                padding: UiRect::left(Val::Px(4.0)),
                ..placed(r.header)
            },
        ))
        .with_children(|h| {
            avatar(h, art, person, avatar_size);
            h.spawn(words(person.name.clone(), pal::NAME, pal::PHONE_NAME));
        });
        p.spawn((
            ForStory,
            Screen(i),
            Module(Spot::Screen(i)),
            BackgroundColor(pal::SCREEN),
            BorderColor::all(pal::SCREEN),
            Node {
                border: UiRect::all(Val::Px(3.0)),
                border_radius: BorderRadius::all(Val::Px(12.0)),
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::FlexEnd,
                padding: UiRect::all(Val::Px(8.0)),
                row_gap: Val::Px(6.0),
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
        p.spawn((
            ForStory,
            Module(Spot::Postman(i)),
            BackgroundColor(pal::CARD),
            BorderColor::all(pal::MODULE_EDGE),
            Node {
                border: UiRect::all(Val::Px(2.0)),
                border_radius: BorderRadius::all(Val::Px(10.0)),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                row_gap: Val::Px(1.0),
                ..placed(r.postman)
            },
        ))
        .with_children(|b| {
            let s = (r.postman.height() * 0.36).clamp(22.0, 40.0);
            b.spawn((
                ImageNode::new(art.icon(Icon::Postman)),
                Node {
                    width: Val::Px(s),
                    height: Val::Px(s),
                    ..default()
                },
            ));
            b.spawn(words(ui::postman(), pal::MODULE, pal::INK));
            if r.postman.height() >= 80.0 {
                b.spawn(words(ui::postman_tech(), pal::TECH, pal::INK_SOFT));
            }
            b.spawn((
                LinkState(i),
                words(ui::offline(), pal::MODULE, pal::LINK_OFFLINE),
            ));
        });
    }
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
    show: Res<Show>,
    art: Res<Art>,
    mut counts: Query<(&Count, &mut Words)>,
    mut links: Query<(&LinkState, &mut Words, &mut TextColor), Without<Count>>,
    mut wires: Query<
        (&Wire, &mut BackgroundColor),
        (Without<Module>, Without<PhoneBody>, Without<OfficeBody>),
    >,
    mut modules: Query<
        (&Module, &mut BorderColor, &mut BackgroundColor, Has<Screen>),
        (Without<PhoneBody>, Without<OfficeBody>),
    >,
    mut bodies: Query<(&PhoneBody, &mut BackgroundColor), (Without<Module>, Without<OfficeBody>)>,
    mut office: Query<
        &mut BackgroundColor,
        (With<OfficeBody>, Without<Module>, Without<PhoneBody>),
    >,
    screens: Query<(Entity, &Screen)>,
    mut marks: Query<(&WireMark, &mut Words), (Without<Count>, Without<LinkState>)>,
    tools: Res<super::tools::Tools>,
    mut drawn: Local<Option<DrawnKey>>,
) {
    // Once per beat on screen (and per scene, and per thing inspected), not while
    // the beat moves.
    let key = (show.generation, show.branch, show.at, tools.inspecting);
    if *drawn == Some(key) {
        return;
    }
    let (Some(told), Some(picture)) = (show.told.as_ref(), show.picture()) else {
        return;
    };
    *drawn = Some(key);
    // What the beat lights, and where the inspected letter's copies are kept.
    let mut lit: Vec<Spot> = show.beat().map_or(Vec::new(), |b| b.lit.clone());
    if let Some(thing) = tools.inspecting {
        lit.extend(super::tools::kept_spots(told, show.at, thing));
    }
    let lit = lit.as_slice();
    for (mark, mut w) in &mut marks {
        let armed = picture.phones.get(mark.0).map_or(&[][..], |p| &p.armed[..]);
        let name = told
            .people
            .get(mark.0)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let tr = armed
            .iter()
            .map(|&(dir, class)| ui::armed(dir, class, &name))
            .reduce(|a, b| a.join("\n", &b))
            .unwrap_or_default();
        if w.0 != tr {
            w.0 = tr;
        }
    }
    for (count, mut w) in &mut counts {
        let tr = match *count {
            Count::Stored(i) => ui::letters(picture.phones.get(i).map_or(0, |p| p.stored)),
            Count::Online => ui::online_count(picture.office.online),
            Count::Archived => ui::letters(picture.office.archived),
            Count::Shelved => ui::letters(picture.office.shelved),
        };
        if w.0 != tr {
            w.0 = tr;
        }
    }
    let link_of = |i: usize| picture.phones.get(i).map_or(Link::Offline, |p| p.link);
    for (l, mut w, mut colour) in &mut links {
        let (tr, c) = match link_of(l.0) {
            Link::Online => (ui::online(), pal::LINK_ONLINE),
            Link::Connecting => (ui::connecting(), pal::LINK_CONNECTING),
            Link::Offline => (ui::offline(), pal::INK_SOFT),
            Link::NoSignal => (ui::no_signal(), pal::LINK_NO_SIGNAL),
        };
        if w.0 != tr {
            w.0 = tr;
        }
        colour.0 = c;
    }
    for (wire, mut bg) in &mut wires {
        bg.0 = match link_of(wire.0) {
            Link::Online => pal::LINK_ONLINE,
            Link::Connecting => pal::LINK_CONNECTING,
            Link::Offline => pal::LINK_OFFLINE.with_alpha(0.5),
            Link::NoSignal => pal::LINK_NO_SIGNAL.with_alpha(0.55),
        };
    }
    for (module, mut border, mut bg, is_screen) in &mut modules {
        let on = lit.iter().any(|s| same_spot(*s, module.0));
        let greyed = match module.0 {
            Spot::Screen(i) => picture.phones.get(i).is_some_and(|p| p.greyed),
            _ => false,
        };
        let screen_fill = if greyed {
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
    for (body, mut bg) in &mut bodies {
        let greyed = picture.phones.get(body.0).is_some_and(|p| p.greyed);
        bg.0 = if greyed {
            pal::PHONE_BODY_GREY
        } else {
            pal::PHONE_BODY
        };
    }
    for mut bg in &mut office {
        bg.0 = if picture.office.open {
            pal::OFFICE
        } else {
            pal::OFFICE_CLOSED
        };
    }
    // The chat bubbles: the newest at the bottom, as on a phone.
    for (entity, screen) in &screens {
        commands.entity(entity).despawn_children();
        let Some(phone) = picture.phones.get(screen.0) else {
            continue;
        };
        commands.entity(entity).with_children(|s| {
            for bubble in &phone.bubbles {
                let (status, status_colour) = match &bubble.status {
                    BubbleStatus::Sending => (Tr::same("…"), pal::INK_SOFT),
                    BubbleStatus::Received => (Tr::same("✓"), pal::TICK),
                    BubbleStatus::Delivered => (Tr::same("✓✓"), pal::TICK),
                    BubbleStatus::Returned(why) => (ui::returned().join(": ", why), pal::STAMP),
                    BubbleStatus::Lost => (ui::not_sent(), pal::STAMP),
                    BubbleStatus::Incoming => (Tr::default(), pal::INK_SOFT),
                };
                s.spawn(Node {
                    align_self: if bubble.mine {
                        AlignSelf::FlexEnd
                    } else {
                        AlignSelf::FlexStart
                    },
                    align_items: AlignItems::FlexEnd,
                    column_gap: Val::Px(5.0),
                    max_width: Val::Percent(100.0),
                    flex_shrink: 0.0,
                    ..default()
                })
                .with_children(|row| {
                    if !bubble.mine
                        && let Some(person) = told.people.get(bubble.from)
                    {
                        avatar(row, &art, person, 24.0);
                    }
                    // A bubble whose words wrap gets its full width up front, so that
                    // its height is measured for the wrapped lines.
                    let units: usize = [&bubble.text.en, &bubble.text.zh]
                        .map(|t| t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum())
                        .into_iter()
                        .max()
                        .unwrap_or(0);
                    let wraps = units > 14 || status.en.chars().count() > 2;
                    // Others' bubbles leave room for the sender's avatar.
                    let full = if bubble.mine { 166.0 } else { 138.0 };
                    row.spawn((
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::axes(Val::Px(9.0), Val::Px(5.0)),
                            border_radius: BorderRadius::all(Val::Px(9.0)),
                            width: if wraps { Val::Px(full) } else { Val::Auto },
                            max_width: Val::Px(full),
                            flex_shrink: 0.0,
                            ..default()
                        },
                        BackgroundColor(if bubble.mine {
                            pal::BUBBLE_MINE
                        } else {
                            pal::BUBBLE_THEIRS
                        }),
                        Clickable(Hit::Inspect(super::tools::Inspected::Bubble(
                            screen.0, bubble.id,
                        ))),
                    ))
                    .with_children(|b| {
                        // The status follows the text in the same paragraph, so the
                        // bubble's height always fits both.
                        let mut text = b.spawn(words(bubble.text.clone(), pal::BUBBLE, pal::INK));
                        if !status.en.is_empty() {
                            let sep = if status.en.chars().count() > 2 {
                                "\n"
                            } else {
                                "  "
                            };
                            text.with_children(|t| {
                                t.spawn((
                                    TextSpan::new(format!("{sep}{}", status.en)),
                                    TextFont::from_font_size(FontSize::Px(pal::TECH + 1.5)),
                                    TextColor(status_colour),
                                    SpanWords(status, sep),
                                ));
                            });
                        }
                    });
                });
            }
        });
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
