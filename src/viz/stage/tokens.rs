//! What travels: envelopes with their words, ✓ / ✓✓ cards, stamps (returned,
//! lost, duplicate), and the heartbeats on the wires (by the story's clock).
//! Respawned for every beat from its moves and its resting letters, placed each
//! frame by the beat's eased progress.
//!
//! Each thing is sized to fit where it ends: a box's tray (over the box's picture,
//! never its words), the band at the top of a screen, or the place under a long
//! connection's ring; its words are broken into lines that fit it ([`face`]).

use bevy::prelude::*;
use bevy::ui::{UiTransform, Val2};

use crate::sim::view::{Ending, LetterCopy, Move, Token};
use crate::viz::AppSystems;
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Tr, ui};
use crate::viz::measure::{block, wrap, wrap_tr};
use crate::viz::palette as pal;
use crate::viz::stage::layout::Layout;
use crate::viz::stage::parts::{Clickable, Hit, Inspected, Stage, TrayIcon, ease, words};
use crate::viz::story::model::Spot;
use crate::viz::story::present::spot;
use crate::viz::story::show::{BeatShown, OpenScene, Playback, ViewOptions};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            respawn.run_if(resource_changed::<BeatShown>),
            place_icons,
            clickable,
            travel,
            beat_hearts,
            presence_dots,
        )
            .chain()
            .in_set(AppSystems::Tokens),
    )
    .init_resource::<IconPlaces>();
}

/// Where each box's picture is drawn in the beat on screen (none listed: hidden).
#[derive(Resource, Default, Clone, Debug, PartialEq)]
pub struct IconPlaces(pub Vec<(Spot, Rect)>);

/// Moves each box's picture to its place for the beat (aside, or hidden, while
/// something rests in its tray).
fn place_icons(
    places: Res<IconPlaces>,
    layout: Res<Layout>,
    mut icons: Query<(&TrayIcon, &mut Node, &mut Visibility)>,
) {
    for (icon, mut node, mut visibility) in &mut icons {
        let (Some(at), Some(tray)) = (
            places.0.iter().find(|(s, _)| *s == icon.0).map(|(_, r)| *r),
            layout.tray(icon.0),
        ) else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        // Placed in its tray (whose node starts inside the box's 2 px border).
        let want = Node {
            position_type: PositionType::Absolute,
            left: Val::Px(at.min.x - tray.min.x - 2.0),
            top: Val::Px(at.min.y - tray.min.y),
            width: Val::Px(at.width()),
            height: Val::Px(at.height()),
            ..default()
        };
        if *node != want {
            *node = want;
        }
    }
}

/// One heart of the pool that draws the heartbeats on whole phones' wires.
#[derive(Component)]
pub struct Heart;

/// Puts a heart on every heartbeat (or its answer) on a wire at the clock's time:
/// they travel whenever virtual time passes, not only while a step moves. Spare
/// hearts wait hidden.
#[allow(clippy::too_many_arguments)]
fn beat_hearts(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    view: Res<ViewOptions>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    mut pool: Query<(&mut Node, &mut Visibility, &mut UiTransform), With<Heart>>,
) {
    const SIZE: f32 = 26.0;
    let flying: Vec<(Vec2, u64)> = match (scene.told.as_ref(), scene.clock_ms(&play)) {
        (Some(told), Some(t)) if view.heartbeats => told
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

/// One dot of the pool that draws the presence frames on whole phones' wires.
#[derive(Component)]
pub struct PresenceDot;

/// Puts a dot on every presence frame (`presence?`, `presence`, `typing`) on a
/// wire at the clock's time, in the colour of its catalogue look (as the diagram
/// colours its arrow); a lost one stops half-way. Spare dots wait hidden.
fn presence_dots(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    stage: Query<Entity, With<Stage>>,
    mut pool: Query<(&mut UiTransform, &mut Visibility, &mut BackgroundColor), With<PresenceDot>>,
) {
    const SIZE: f32 = 12.0;
    let flying: Vec<(Vec2, Color)> = match (scene.told.as_ref(), scene.clock_ms(&play)) {
        (Some(told), Some(t)) => told
            .presence
            .in_flight(t)
            .filter(|(f, _)| f.phone < layout.phones.len())
            .map(|(f, p)| {
                let (a, b) = (Spot::Wire(f.phone, 0.0), Spot::Wire(f.phone, 1.0));
                let (from, to) = if f.to_office { (a, b) } else { (b, a) };
                let p = if f.lost { p.min(0.5) } else { p };
                let colour = pal::colour(crate::report::palette::Ink::of_frame(f.look).rgb());
                (layout.spot(from).lerp(layout.spot(to), p), colour)
            })
            .collect(),
        _ => Vec::new(),
    };
    let at = |v: Vec2| Val2::new(Val::Px(v.x - SIZE / 2.0), Val::Px(v.y - SIZE / 2.0));
    let mut flying = flying.into_iter();
    for (mut transform, mut visibility, mut fill) in &mut pool {
        match flying.next() {
            Some((v, colour)) => {
                if transform.translation != at(v) {
                    transform.translation = at(v);
                }
                if fill.0 != colour {
                    fill.0 = colour;
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
    // More frames than dots: grow the pool (once per new peak).
    for (v, colour) in flying {
        commands.entity(stage).with_children(|p| {
            p.spawn((
                PresenceDot,
                bevy::picking::Pickable::IGNORE,
                Node {
                    position_type: PositionType::Absolute,
                    left: Val::Px(0.0),
                    top: Val::Px(0.0),
                    width: Val::Px(SIZE),
                    height: Val::Px(SIZE),
                    border: UiRect::all(Val::Px(2.0)),
                    border_radius: BorderRadius::all(Val::Px(SIZE / 2.0)),
                    ..default()
                },
                BorderColor::all(Color::WHITE),
                BackgroundColor(colour),
                GlobalZIndex(5),
                UiTransform {
                    translation: at(v),
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
    /// The corners of its way between `from` and `to` (none: straight): a part
    /// of a parcel goes along its phone's parcel wire ([`Layout::part_path`]).
    pub via: Vec<Vec2>,
    pub ending: Ending,
    pub size: Vec2,
    /// Heartbeats are drawn only when they are switched on.
    pub heartbeat: bool,
    /// What the inspector shows when it is clicked.
    pub inspect: Option<Inspected>,
}

/// Where a travelling thing is now, its centre on the canvas.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq)]
pub struct Placed(pub Vec2);

/// What is written on an envelope or a card, each text already broken into lines
/// that fit it, and the size that holds it all.
#[derive(Clone, Debug, PartialEq)]
pub struct Face {
    pub size: Vec2,
    /// The envelope's picture before its words.
    pub icon: bool,
    /// The letter's words (an envelope), or the ticks (a card).
    pub text: Tr,
    pub text_size: f32,
    /// A card's word under its ticks: "sent", "delivered".
    pub word: Option<Tr>,
    /// The stamp across the bottom: Lost, Returned, Duplicate.
    pub stamp: Option<Tr>,
    /// The letter's words did not all fit (the inspector shows them whole).
    pub cut: bool,
    /// The stamp stands beside the words, not under them (a low room: the tray of a
    /// box, whose name must stay uncovered).
    pub beside: bool,
    /// A sealed letter (issue 28): the envelope with its lock, how big it is
    /// for words (never the letter's).
    pub sealed: bool,
}

/// On a sealed letter's envelope (issue 28), so that the tests find it: the
/// envelope drawn with its lock.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealedLook;

// The parts of an envelope or a card, in canvas pixels.
const BORDER: f32 = 2.0;
const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 4.0;
const ICON: f32 = 24.0;
const ICON_GAP: f32 = 6.0;
const STAMP_PAD: (f32, f32) = (5.0, 1.0);
const STAMP_BORDER: f32 = 2.0;
const ROW_GAP: f32 = 3.0;
/// An envelope narrower than this has no picture, so that its words have room.
const ICON_ROOM: f32 = 150.0;
/// The lock over a sealed envelope's corner (issue 28).
const LOCK: f32 = 17.0;

/// Where something travelling along `points` (its start, its corners, its end) is
/// after the share `t` (0 to 1) of its way, measured along it.
pub fn along(points: &[Vec2], t: f32) -> Vec2 {
    let Some(first) = points.first() else {
        return Vec2::ZERO;
    };
    let total: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for w in points.windows(2) {
        let d = w[0].distance(w[1]);
        if left <= d && d > 0.0 {
            return w[0].lerp(w[1], left / d);
        }
        left -= d;
    }
    points.last().copied().unwrap_or(*first)
}

/// The words on a part of a parcel (issue 26): which part of how many, "2/5"
/// (figures alone, the same in both languages); none for a part whose number
/// the trace does not say (one lost on the way).
pub fn part_words(part: Option<u32>, of: u32) -> Tr {
    part.map_or_else(Tr::default, |p| Tr::same(format!("{p}/{of}")))
}

/// The ticks on a card, and its word: ✓ "sent" (the post office has it), ✓✓
/// "delivered" (the recipient has it). Shape (one tick or two) and word both say
/// which; colour does not have to.
pub fn card_face(token: &Token) -> (&'static str, Tr) {
    match token {
        Token::Receipt => ("✓", ui::sent()),
        Token::Partly { count, of } => ("✓", ui::partly(*count, *of)),
        Token::Recall => ("✂", ui::recall_card()),
        _ => ("✓✓", ui::delivered()),
    }
}

/// The stamp a token carries at the end of its way, if any.
pub fn stamp_of(token: &Token, ending: Ending) -> Option<Tr> {
    match (token, ending) {
        (Token::Returned(why), _) => {
            let why = Tr::both(|l| crate::words::stamp(*why, l).to_string());
            Some(ui::returned().join(": ", &why))
        }
        (_, Ending::Discarded) => Some(ui::duplicate()),
        (_, Ending::Vanishes) => Some(ui::lost()),
        _ => None,
    }
}

/// The face of `token` (about the letter `text`), fitted into `room`: as much of
/// the letter's words as fit (in up to three lines; a text cut short ends in
/// "…"), the stamp whole. A stamped envelope whose words would be cut, or would
/// not fit with the stamp, shows the stamp alone: what happened to the letter is
/// what that picture is about, the caption names the letter, and the inspector
/// shows its words whole.
pub fn face(token: &Token, ending: Ending, text: &Tr, room: Vec2) -> Face {
    face_in(token, ending, text, room, false)
}

/// [`face`], for a sealed letter's envelope where `sealed` (issue 28): its
/// picture always (the envelope with its lock: what the picture is about), its
/// size beside it where that fits, else the picture alone.
pub fn face_in(token: &Token, ending: Ending, text: &Tr, room: Vec2, sealed: bool) -> Face {
    let stamp_w = room.x - 2.0 * (BORDER + PAD_X + STAMP_PAD.0 + STAMP_BORDER);
    let stamp = stamp_of(token, ending).map(|s| wrap_tr(&s, pal::STAMP_TEXT, stamp_w, 2));
    let stamp_size = stamp.as_ref().map_or(Vec2::ZERO, |s| {
        let (w, h) = block(s, pal::STAMP_TEXT);
        Vec2::new(
            w + 2.0 * (STAMP_PAD.0 + STAMP_BORDER),
            h + 2.0 * (STAMP_PAD.1 + STAMP_BORDER) + ROW_GAP,
        )
    });
    let frame = Vec2::new(2.0 * (BORDER + PAD_X), 2.0 * (BORDER + PAD_Y));
    if let Token::Part { part, of } = token {
        return part_face(part_words(*part, *of), stamp, stamp_size, frame, room);
    }
    match token {
        Token::Receipt | Token::Delivered | Token::Partly { .. } | Token::Recall => {
            let (ticks, word) = card_face(token);
            let ticks = Tr::same(ticks);
            let (tw, th) = block(&ticks, pal::TICKS);
            let (ww, wh) = block(&word, pal::STAMP_TEXT);
            let size = Vec2::new(tw.max(ww).max(stamp_size.x), th + wh + stamp_size.y) + frame;
            Face {
                size,
                icon: false,
                text: ticks,
                text_size: pal::TICKS,
                word: Some(word),
                stamp,
                cut: false,
                beside: false,
                sealed: false,
            }
        }
        _ => {
            let line = pal::ENVELOPE_TEXT * crate::viz::measure::LINE;
            let lines = ((room.y - frame.y - stamp_size.y) / line)
                .floor()
                .clamp(1.0, 3.0) as usize;
            // With the envelope's picture where there is room; without it where
            // the words would not all fit beside it.
            // A sealed envelope's size stays on one line.
            let lines = if sealed { 1 } else { lines };
            let fit = |icon: bool| {
                let icon_w = if icon { ICON + ICON_GAP } else { 0.0 };
                let max = room.x - frame.x - icon_w;
                let (en, cut_en) = wrap(&text.en, pal::ENVELOPE_TEXT, max, lines);
                let (zh, cut_zh) = wrap(&text.zh, pal::ENVELOPE_TEXT, max, lines);
                (icon, icon_w, Tr::new(en, zh), cut_en || cut_zh)
            };
            // The picture only where it costs no words and no line; a sealed
            // envelope's always, its size beside it only where it fits.
            let (icon, icon_w, text, cut) = match fit(sealed || room.x >= ICON_ROOM) {
                // No room for its size: the picture alone, marked cut, so
                // that it rests in a box's whole tray where it fits there.
                (true, _, _, true) if sealed => (true, ICON, Tr::default(), true),
                done if sealed => done,
                (true, _, _, true) => fit(false),
                (true, w, t, false) => {
                    let bare = fit(false);
                    let lines = |t: &Tr| t.en.lines().count().max(t.zh.lines().count());
                    if !bare.3 && lines(&bare.2) < lines(&t) {
                        bare
                    } else {
                        (true, w, t, false)
                    }
                }
                done => done,
            };
            let (w, h) = block(&text, pal::ENVELOPE_TEXT);
            let words_h = h.max(if icon { ICON } else { 0.0 });
            let under = Vec2::new((icon_w + w).max(stamp_size.x), words_h + stamp_size.y) + frame;
            // Too tall for its room with the stamp under the words: beside them, if
            // they fit side by side.
            let beside = stamp.is_some()
                && under.y > room.y
                && icon_w + w + 2.0 * ROW_GAP + stamp_size.x + frame.x <= room.x;
            let size = if beside {
                Vec2::new(
                    icon_w + w + 2.0 * ROW_GAP + stamp_size.x,
                    words_h.max(stamp_size.y - ROW_GAP),
                ) + frame
            } else {
                under
            };
            if stamp.is_some() && (cut || size.y > room.y) {
                return Face {
                    size: stamp_size - Vec2::new(0.0, ROW_GAP) + frame,
                    icon: false,
                    text: Tr::default(),
                    text_size: pal::ENVELOPE_TEXT,
                    word: None,
                    stamp,
                    cut: true,
                    beside: false,
                    sealed,
                };
            }
            Face {
                size,
                icon,
                text,
                text_size: pal::ENVELOPE_TEXT,
                word: None,
                stamp,
                cut,
                beside,
                sealed,
            }
        }
    }
}

/// A part of a parcel: the parcel's picture and "2/5" (or the picture alone),
/// its stamp under them, or beside them where the room is low, or alone where
/// neither fits.
fn part_face(text: Tr, stamp: Option<Tr>, stamp_size: Vec2, frame: Vec2, room: Vec2) -> Face {
    let (w, h) = block(&text, pal::ENVELOPE_TEXT);
    let words = Vec2::new(ICON + if w > 0.0 { ICON_GAP + w } else { 0.0 }, h.max(ICON));
    let under = Vec2::new(words.x.max(stamp_size.x), words.y + stamp_size.y) + frame;
    let beside = Vec2::new(
        words.x + 2.0 * ROW_GAP + stamp_size.x,
        words.y.max(stamp_size.y - ROW_GAP),
    ) + frame;
    let face = |size, beside, text, icon| Face {
        size,
        icon,
        text,
        text_size: pal::ENVELOPE_TEXT,
        word: None,
        stamp: stamp.clone(),
        cut: false,
        beside,
        sealed: false,
    };
    if stamp.is_none() || under.y <= room.y {
        face(under, false, text, true)
    } else if beside.x <= room.x {
        face(beside, true, text, true)
    } else {
        face(
            stamp_size - Vec2::new(0.0, ROW_GAP) + frame,
            false,
            Tr::default(),
            false,
        )
    }
}

/// Everything that rests or moves in the beat on screen, with its face, where it
/// starts and where it ends.
pub fn plan(scene: &OpenScene, play: &Playback, layout: &Layout) -> Vec<(Travel, Face)> {
    let Some(picture) = scene.picture() else {
        return Vec::new();
    };
    // Issue 28: a sealed envelope shows its lock and its size, never words.
    let sealed: std::collections::BTreeMap<_, Tr> = picture
        .sealed
        .iter()
        .map(|(&id, &bytes)| (id, crate::words::window::sealed_size(bytes)))
        .collect();
    let text = |copy: &LetterCopy, is_sealed: bool| match is_sealed {
        true => sealed.get(&copy.id).map(|t| (t, true)),
        false => picture
            .letters
            .get(&copy.id)
            .and_then(|l| l.text())
            .map(|t| (&**t, false)),
    };
    // What moves, where the picture draws it: from, to, and where it ends.
    let moving = scene
        .beat(play)
        .and_then(|b| b.moving)
        .map(|m| (m, spot(m.from), spot(m.to)))
        .filter(|(_, from, to)| layout.shows(*from) && layout.shows(*to));
    let letters: Vec<(LetterCopy, (&Tr, bool), Spot)> = picture
        .envelopes
        .iter()
        .filter_map(|(copy, place)| {
            let is_sealed = picture.looks_sealed(*copy, *place);
            Some((*copy, text(copy, is_sealed)?, spot(*place)))
        })
        .filter(|(copy, _, spot)| {
            layout.shows(*spot)
                && !scene
                    .beat(play)
                    .and_then(|b| b.moving)
                    .is_some_and(|m| m.letter == *copy && m.token == Token::Letter)
        })
        .collect();
    let mut out = Vec::new();
    // What ends its way in each place, to fit beside a box's picture.
    let mut ends: Vec<(Spot, Token, Ending, (&Tr, bool))> = letters
        .iter()
        .map(|(_, text, spot)| (*spot, Token::Letter, Ending::Arrives, *text))
        .collect();
    let moving = moving.and_then(|(m, from, to)| {
        let is_sealed = picture.move_sealed(&m);
        Some((m, from, end_of(&m, from, to), text(&m.letter, is_sealed)?))
    });
    if let Some((m, _, end, text)) = moving {
        ends.push((end, m.token, m.ending, text));
    }
    let room_of = |spot: Spot| rest_room(layout, spot, &ends);
    // Envelopes resting at the same place lie side by side, a little apart, the
    // newest on top.
    let mut pile: Vec<(Spot, usize)> = Vec::new();
    for (id, text, spot) in &letters {
        let room = room_of(*spot);
        let under = match pile.iter_mut().find(|(s, _)| *s == *spot) {
            Some((_, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                pile.push((*spot, 1));
                0
            }
        };
        let face = face_in(&Token::Letter, Ending::Arrives, text.0, room.size(), text.1);
        let at = rest_at(layout, *spot, room, face.size) + pile_shift(under, room, face.size);
        out.push((
            Travel {
                letter: Some(*id),
                token: Token::Letter,
                from: at,
                to: at,
                via: Vec::new(),
                ending: Ending::Arrives,
                size: face.size,
                heartbeat: false,
                inspect: Some(Inspected::Letter(*id)),
            },
            face,
        ));
    }
    if let Some((m, from, end, text)) = moving {
        let room = room_of(end);
        let face = face_in(&m.token, m.ending, text.0, room.size(), text.1);
        let (start, end_at) = (layout.spot(from), rest_at(layout, end, room, face.size));
        // A part of a parcel goes along its phone's parcel wire (issue 26), and
        // rests on it where its way ends there (unless lost on the way).
        let (start, end_at, via) = match m.token {
            Token::Part { .. } => {
                let on_wire = |s: Spot, or: Vec2| match s {
                    Spot::Wire(i, t) => layout.parcel_point(i, t).unwrap_or(or),
                    _ => or,
                };
                let start = on_wire(from, start);
                let end_at = match m.ending {
                    Ending::Vanishes => end_at,
                    _ => on_wire(end, end_at),
                };
                let mut path = layout.part_path((from, start), (end, end_at));
                path.pop();
                let via = path.into_iter().skip(1).collect();
                (start, end_at, via)
            }
            _ => (start, end_at, Vec::new()),
        };
        out.push((
            Travel {
                letter: Some(m.letter),
                token: m.token,
                from: start,
                to: end_at,
                via,
                ending: m.ending,
                size: face.size,
                heartbeat: false,
                inspect: Some(match m.token {
                    Token::Receipt
                    | Token::Delivered
                    | Token::Partly { .. }
                    | Token::Recall
                    | Token::Part { .. } => Inspected::Card(m.letter.id),
                    Token::Letter | Token::Returned(_) => Inspected::Letter(m.letter),
                }),
            },
            face,
        ));
    }
    out
}

/// Where a move ends: a lost frame stops on its line, under the post office's ring
/// (a part of a parcel that ends on its parcel wire: where the view says).
fn end_of(m: &Move, from: Spot, to: Spot) -> Spot {
    if let (Token::Part { .. }, Ending::Arrives | Ending::Discarded, Spot::Wire(..)) =
        (m.token, m.ending, to)
    {
        return to;
    }
    match (m.ending, from, to) {
        (Ending::Vanishes, Spot::Wire(i, _), _) | (_, _, Spot::Wire(i, _)) => Spot::Wire(i, 0.5),
        _ => to,
    }
}

/// Where things ending at `spot` rest: in a box, beside its picture (moved aside)
/// when every one of them fits there whole; otherwise the whole tray (and the
/// picture hides: [`icons`]).
fn rest_room(layout: &Layout, spot: Spot, ends: &[(Spot, Token, Ending, (&Tr, bool))]) -> Rect {
    let room = layout.room(spot);
    if layout.tray(spot).is_none() {
        return room;
    }
    let beside = layout.room_beside_icon(spot);
    let fits = ends
        .iter()
        .filter(|(s, ..)| *s == spot)
        .all(|(_, t, f, (text, sealed))| {
            let face = face_in(t, *f, text, beside.size(), *sealed);
            !face.cut && face.size.x <= beside.width() + 0.5 && face.size.y <= beside.height() + 0.5
        });
    if fits { beside } else { room }
}

/// The centre of something of `size` resting at `spot` in `room`.
fn rest_at(layout: &Layout, spot: Spot, room: Rect, size: Vec2) -> Vec2 {
    match spot {
        Spot::Wire(..) | Spot::Screen(_) => layout.rest(spot, size),
        _ => room.center(),
    }
}

/// Where each box draws its picture, given what rests in the beat (`planned`): in
/// the middle of its tray when nothing rests there, at the tray's left edge when
/// what rests lies beside it, and nowhere when what rests needs the whole tray.
pub fn icons(planned: &[(Travel, Face)], layout: &Layout) -> Vec<(Spot, Rect)> {
    let rects: Vec<Rect> = planned
        .iter()
        .map(|(t, f)| Rect::from_center_size(t.to, f.size))
        .collect();
    let meets = |a: Rect, b: Rect| {
        let i = a.intersect(b);
        !i.is_empty() && i.width().min(i.height()) >= 1.0
    };
    layout
        .boxes()
        .into_iter()
        .filter_map(|spot| {
            let tray = layout.tray(spot)?;
            if !rects.iter().any(|r| meets(*r, tray)) {
                return layout.icon(spot, false).map(|r| (spot, r));
            }
            let aside = layout.icon(spot, true)?;
            (!rects.iter().any(|r| meets(*r, aside))).then_some((spot, aside))
        })
        .collect()
}

/// How far the `under`-th envelope below the top of a pile lies from it: to the
/// side, within the room, so that its edge shows.
fn pile_shift(under: usize, room: Rect, size: Vec2) -> Vec2 {
    let spare = ((room.width() - size.x) / 2.0).max(0.0);
    let step = 10.0_f32.min(spare / 2.0).max(4.0);
    Vec2::new(-(under.min(3) as f32) * step, 0.0)
}

#[allow(clippy::too_many_arguments)]
fn respawn(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    stage: Query<Entity, With<Stage>>,
    old: Query<Entity, With<Travel>>,
    mut icon_places: ResMut<IconPlaces>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let Ok(stage) = stage.single() else {
        return;
    };
    let spawn = plan(&scene, &play, &layout);
    let places = IconPlaces(icons(&spawn, &layout));
    if *icon_places != places {
        *icon_places = places;
    }
    commands.entity(stage).with_children(|p| {
        // Older envelopes of a pile first, so the newest lies on top.
        for (travel, face) in spawn.into_iter().rev() {
            draw(p, travel, face, &art);
        }
    });
}

/// A stamp: a red-edged box of words, a little askew.
fn stamp_box(p: &mut ChildSpawnerCommands, words_: Tr, margin: UiRect) {
    p.spawn((
        Node {
            margin,
            padding: UiRect::axes(Val::Px(STAMP_PAD.0), Val::Px(STAMP_PAD.1)),
            border: UiRect::all(Val::Px(STAMP_BORDER)),
            border_radius: BorderRadius::all(Val::Px(4.0)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(Color::WHITE),
        BorderColor::all(pal::STAMP),
        UiTransform::from_rotation(Rot2::degrees(-3.0)),
    ))
    .with_children(|s| {
        s.spawn((
            words(words_, pal::STAMP_TEXT, pal::STAMP),
            TextLayout::new(Justify::Center, LineBreak::NoWrap),
        ));
    });
}

fn draw(p: &mut ChildSpawnerCommands, travel: Travel, face: Face, art: &Art) {
    let size = travel.size;
    let base = Node {
        position_type: PositionType::Absolute,
        left: Val::Px(travel.from.x - size.x / 2.0),
        top: Val::Px(travel.from.y - size.y / 2.0),
        width: Val::Px(size.x),
        height: Val::Px(size.y),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        border: UiRect::all(Val::Px(BORDER)),
        padding: UiRect::axes(Val::Px(PAD_X), Val::Px(PAD_Y)),
        ..default()
    };
    let placed = Placed(travel.from);
    match travel.token {
        Token::Receipt | Token::Delivered | Token::Partly { .. } | Token::Recall => {
            let lost = travel.ending == Ending::Vanishes;
            let colour = if lost { pal::STAMP } else { pal::TICK };
            p.spawn((
                Node {
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
                c.spawn((
                    words(face.text, face.text_size, pal::TICK),
                    TextLayout::new(Justify::Center, LineBreak::NoWrap),
                ));
                if let Some(word) = face.word {
                    c.spawn((
                        words(word, pal::STAMP_TEXT, pal::INK),
                        TextLayout::new(Justify::Center, LineBreak::NoWrap),
                    ));
                }
                if let Some(stamp) = face.stamp {
                    stamp_box(c, stamp, UiRect::top(Val::Px(ROW_GAP)));
                }
            });
        }
        Token::Part { .. } => draw_part(p, base, (placed, travel), face, art),
        _ => {
            let sealed = face.sealed;
            let mut envelope = p.spawn((
                Node {
                    border_radius: BorderRadius::all(Val::Px(6.0)),
                    flex_direction: if face.beside {
                        FlexDirection::Row
                    } else {
                        FlexDirection::Column
                    },
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
                travel,
            ));
            if sealed {
                envelope.insert(SealedLook);
            }
            envelope.with_children(|c| {
                if face.text.en.is_empty() && !face.icon {
                    // The stamp alone.
                    if let Some(stamp) = face.stamp {
                        stamp_box(c, stamp, UiRect::DEFAULT);
                    }
                    return;
                }
                c.spawn(Node {
                    align_items: AlignItems::Center,
                    column_gap: Val::Px(ICON_GAP),
                    ..default()
                })
                .with_children(|row| {
                    if face.icon {
                        row.spawn((
                            ImageNode::new(art.icon(Icon::Envelope)),
                            Node {
                                width: Val::Px(ICON),
                                height: Val::Px(ICON),
                                flex_shrink: 0.0,
                                ..default()
                            },
                        ))
                        .with_children(|e| {
                            // Issue 28: sealed, its lock over the envelope's
                            // corner.
                            if sealed {
                                e.spawn((
                                    ImageNode::new(art.icon(Icon::Lock)),
                                    Node {
                                        position_type: PositionType::Absolute,
                                        left: Val::Px(ICON - LOCK + 4.0),
                                        top: Val::Px(ICON - LOCK + 3.0),
                                        width: Val::Px(LOCK),
                                        height: Val::Px(LOCK),
                                        ..default()
                                    },
                                ));
                            }
                        });
                    }
                    if !sealed || !face.text.en.is_empty() {
                        row.spawn((
                            words(face.text, face.text_size, pal::INK),
                            TextLayout::new(Justify::Left, LineBreak::NoWrap),
                        ));
                    }
                });
                if let Some(stamp) = face.stamp {
                    let margin = if face.beside {
                        UiRect::left(Val::Px(2.0 * ROW_GAP))
                    } else {
                        UiRect::top(Val::Px(ROW_GAP))
                    };
                    stamp_box(c, stamp, margin);
                }
            });
        }
    }
}

/// A part of a parcel (issue 26): a small white card edged in the parcel's teal,
/// the parcel's picture and "2/5", its stamp (lost, seen before) under or
/// beside them.
fn draw_part(
    p: &mut ChildSpawnerCommands,
    base: Node,
    (placed, travel): (Placed, Travel),
    face: Face,
    art: &Art,
) {
    let lost = travel.ending == Ending::Vanishes;
    p.spawn((
        Node {
            border_radius: BorderRadius::all(Val::Px(6.0)),
            flex_direction: if face.beside {
                FlexDirection::Row
            } else {
                FlexDirection::Column
            },
            ..base
        },
        BackgroundColor(Color::WHITE),
        BorderColor::all(if lost { pal::STAMP } else { pal::PARCEL }),
        GlobalZIndex(6),
        placed,
        travel,
    ))
    .with_children(|c| {
        if face.icon {
            c.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: Val::Px(ICON_GAP),
                ..default()
            })
            .with_children(|row| {
                row.spawn((
                    ImageNode::new(art.icon(Icon::Parcel)),
                    Node {
                        width: Val::Px(ICON),
                        height: Val::Px(ICON),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
                if !face.text.en.is_empty() {
                    row.spawn((
                        words(face.text, face.text_size, pal::INK),
                        TextLayout::new(Justify::Left, LineBreak::NoWrap),
                    ));
                }
            });
        }
        if let Some(stamp) = face.stamp {
            let margin = match (face.icon, face.beside) {
                (false, _) => UiRect::DEFAULT,
                (true, true) => UiRect::left(Val::Px(2.0 * ROW_GAP)),
                (true, false) => UiRect::top(Val::Px(ROW_GAP)),
            };
            stamp_box(c, stamp, margin);
        }
    });
}

#[allow(clippy::type_complexity)]
fn travel(
    play: Res<Playback>,
    view: Res<ViewOptions>,
    mut things: Query<(&Travel, &mut Placed, &mut Visibility, &mut UiTransform)>,
) {
    let t = ease(play.motion());
    for (travel, mut placed, mut visibility, mut transform) in &mut things {
        // Everything ends where it rests until the next step (a lost frame under
        // its line's ring, with its stamp), so that a still picture (a slide, a
        // paused class) shows it whole.
        let pos = if travel.via.is_empty() {
            travel.from.lerp(travel.to, t)
        } else {
            let mut way = Vec::with_capacity(travel.via.len() + 2);
            way.push(travel.from);
            way.extend(travel.via.iter().copied());
            way.push(travel.to);
            along(&way, t)
        };
        placed.0 = pos;
        let gone = travel.heartbeat && (!view.heartbeats || play.motion() >= 1.0);
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
