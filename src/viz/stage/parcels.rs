//! Photos and voice messages in the picture (issue 26), only in a story with them
//! ([`crate::viz::story::told::Told::has_parcels`]; every other scene's picture
//! holds exactly what it held before):
//!
//! - **the parcel store**, a fourth row of the post office ([`draw_store`]): its
//!   📦, its name, how many parcels it keeps ("2 parcels"), and a line per parcel
//!   (its picture or voice icon, and "3/5 parts" while its parts come in,
//!   "stored whole", "fetched by 3" for its one copy, or, struck, what it was and
//!   "expired");
//! - **each phone's parcel wire**, a thin teal line below its long connection
//!   from its postman to the post office's wall ([`draw_wires`]); a part goes
//!   along it ([`crate::viz::stage::tokens`]);
//! - **a bubble's photo or voice message** ([`media_face`], [`spawn_media`]): the
//!   slip's thumbnail (small, blurred, pale) while the photo is not all here, the
//!   whole photo (larger, in colour) once it is (or on the writer's phone once the
//!   store has it); a voice message's icon and length, with ▶ once it can play;
//!   where it stands ("sending 2/5", "paused 2/4", "no signal", "expired") and a
//!   progress bar of its parts.
//!
//! Everything is read from the simulation's [`View`] (`sim/view/parcel.rs`): the
//! bubble's [`ParcelLook`], the store's [`View::parcels`], the phone's
//! connection. The window decides nothing. Planned here without spawning, so that
//! the tests read the plans.

use bevy::prelude::*;
use bevy::ui::UiTransform;

use crate::sim::view::{Connection, ParcelLook, ParcelState, View};
use crate::sim::{MsgId, ParcelKind};
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Lang, Tr, ui};
use crate::viz::measure::{self, LINE};
use crate::viz::palette as pal;
use crate::viz::stage::layout::{Layout, box_parts};
use crate::viz::stage::parts::{ForStory, Label, Module, placed, words};
use crate::viz::story::model::Spot;
use crate::viz::story::show::{BeatShown, OpenScene};

/// A whole photo's side in a bubble, and the least it shrinks to on a small
/// screen.
pub const PHOTO: f32 = 64.0;
pub const PHOTO_SMALL: f32 = 28.0;
/// A thumbnail's side: small (it is one), and the least it shrinks to.
pub const THUMB: f32 = 40.0;
pub const THUMB_SMALL: f32 = 20.0;
/// A voice message's icon.
const VOICE: f32 = 24.0;
/// A voice message's row's padding (its pill, once it can play).
const PILL_PAD: Vec2 = Vec2::new(6.0, 2.0);
/// A progress bar's height, and the least it is wide.
pub const BAR: f32 = 6.0;
const BAR_MIN: f32 = 72.0;
/// Between the parts of a bubble's photo or voice message (the bubble's own gap).
const GAP: f32 = 2.0;
/// A line of small words.
const ROW: f32 = pal::STATUS * LINE;
/// The small icon of a line of the parcel store's list.
const LIST_ICON: f32 = 20.0;

/// What a bubble's photo or voice message shows.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    /// The whole photo, in colour.
    Photo,
    /// The slip's thumbnail: small, blurred and pale.
    Thumbnail,
    /// A voice message: its icon and its length; `playable` (▶) once every part
    /// is here.
    Voice { playable: bool },
}

/// What a bubble shows for `look`: the whole photo only where the view says the
/// phone has all of it (an addressee's [`ParcelState::Whole`]) or the writer's
/// phone has sent it whole ([`ParcelState::InStore`]); the thumbnail otherwise;
/// a voice message playable only when whole.
pub fn media_of(look: &ParcelLook) -> Media {
    match (look.kind, look.state) {
        (ParcelKind::Photo, ParcelState::Whole | ParcelState::InStore) => Media::Photo,
        (ParcelKind::Photo, _) => Media::Thumbnail,
        (ParcelKind::Voice { .. }, state) => Media::Voice {
            playable: state == ParcelState::Whole,
        },
    }
}

/// Whether the parts of `look` are on their way, or waiting to go: its bar shows.
pub fn has_bar(look: &ParcelLook) -> bool {
    match look.state {
        ParcelState::Uploading
        | ParcelState::Paused
        | ParcelState::Waiting
        | ParcelState::Downloading => true,
        ParcelState::InStore | ParcelState::Whole | ParcelState::Expired => false,
    }
}

/// A bubble's photo or voice message as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ParcelFace {
    pub look: ParcelLook,
    pub media: Media,
    /// The photo's (or the thumbnail's) side, or the voice icon's.
    pub side: f32,
    /// A voice message's row: its length ("12″").
    pub length: Option<Tr>,
    /// The size of the picture (or of the voice message's row).
    pub picture: Vec2,
    /// Where it stands, broken into lines that fit: "sending 2/5", "expired";
    /// empty when there is nothing to say (whole, or sent whole).
    pub state: Tr,
    /// Why it is paused: the phone's line, in the postman's words ("no signal").
    pub why: Option<Tr>,
    /// The progress bar: parts there, of how many, and its width.
    pub bar: Option<(u32, u32, f32)>,
    /// The whole block, in the bubble's language.
    pub size: Vec2,
}

/// The photo or voice message of a bubble whose words are `inner` wide at most,
/// in `lang`, with `room` of height for it: at its full size where that fits;
/// where it does not (a small screen, or something resting over the chat), the
/// photo smaller, as far as [`PHOTO_SMALL`] ([`THUMB_SMALL`]), then without the
/// line that says why it is paused (the postman's box says it too), then, where
/// its bar shows how far it is, without the line that says it in words (never
/// "expired", which has no bar). `line` is the phone's connection (why an upload
/// is paused).
pub fn media_face(
    look: ParcelLook,
    line: Connection,
    inner: f32,
    room: f32,
    lang: Lang,
) -> ParcelFace {
    let (full, least) = match media_of(&look) {
        Media::Photo => (PHOTO, PHOTO_SMALL),
        Media::Thumbnail => (THUMB, THUMB_SMALL),
        Media::Voice { .. } => (VOICE, VOICE),
    };
    let face = plan_media(look, line, inner, lang, (full, true, true));
    if face.size.y <= room {
        return face;
    }
    let side = (full - (face.size.y - room)).clamp(least, full).floor();
    let mut face = plan_media(look, line, inner, lang, (side, true, true));
    if face.size.y > room && face.why.is_some() {
        face = plan_media(look, line, inner, lang, (side, false, true));
    }
    if face.size.y > room && face.bar.is_some() {
        face = plan_media(look, line, inner, lang, (side, false, false));
    }
    face
}

fn plan_media(
    look: ParcelLook,
    line: Connection,
    inner: f32,
    lang: Lang,
    (side, say_why, say_state): (f32, bool, bool),
) -> ParcelFace {
    let media = media_of(&look);
    let length = match look.kind {
        ParcelKind::Voice { seconds } => Some(Tr::same(format!("{seconds}″"))),
        ParcelKind::Photo => None,
    };
    let picture = match (media, &length) {
        (Media::Voice { playable }, Some(len)) => {
            let play = if playable {
                measure::width("▶", pal::STATUS) + 4.0
            } else {
                0.0
            };
            let w = measure::width(len.get(lang), pal::STATUS);
            Vec2::new(play + VOICE + 4.0 + w, VOICE) + 2.0 * PILL_PAD
        }
        _ => Vec2::splat(side),
    };
    let said = |t: Tr| {
        let t = measure::wrap_tr(&t, pal::STATUS, inner, 2);
        (!t.get(lang).is_empty()).then_some(t)
    };
    let state = say_state
        .then(|| said(Tr::both(|l| crate::words::window::parcel_state(&look, l))))
        .flatten();
    let why = match (look.state, line) {
        _ if !say_why => None,
        (ParcelState::Paused, Connection::NoSignal) => said(ui::no_signal()),
        (ParcelState::Paused, Connection::Closed) => said(ui::offline()),
        (ParcelState::Paused, Connection::Connecting) => said(ui::connecting()),
        _ => None,
    };
    let block = |t: &Option<Tr>| {
        t.as_ref().map_or(Vec2::ZERO, |t| {
            let s = t.get(lang);
            Vec2::new(
                measure::widest(s, pal::STATUS),
                s.lines().count().max(1) as f32 * ROW,
            )
        })
    };
    let (state_size, why_size) = (block(&state), block(&why));
    let bar = has_bar(&look).then(|| {
        let w = picture.x.max(state_size.x).max(BAR_MIN).min(inner);
        (look.have.min(look.parts), look.parts, w)
    });
    let mut size = picture;
    for part in [state_size, why_size] {
        if part.y > 0.0 {
            size.x = size.x.max(part.x);
            size.y += GAP + part.y;
        }
    }
    if let Some((_, _, w)) = bar {
        size.x = size.x.max(w);
        size.y += GAP + BAR;
    }
    ParcelFace {
        look,
        media,
        side,
        length,
        picture,
        state: state.unwrap_or_default(),
        why,
        bar,
        size,
    }
}

/// A bubble's photo or voice message on phone `.0`'s screen, for letter `.1`.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParcelMedia(pub usize, pub MsgId);

/// A progress bar: the parts there, of how many.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParcelBar {
    pub have: u32,
    pub of: u32,
}

/// The filled part of a [`ParcelBar`].
#[derive(Component, Clone, Copy, Debug)]
pub struct BarFill;

/// Spawns a bubble's photo or voice message (planned by [`media_face`]).
pub fn spawn_media(
    b: &mut ChildSpawnerCommands,
    phone: usize,
    id: MsgId,
    f: &ParcelFace,
    art: &Art,
) {
    b.spawn((
        ParcelMedia(phone, id),
        Node {
            flex_direction: FlexDirection::Column,
            align_self: AlignSelf::FlexStart,
            align_items: AlignItems::FlexStart,
            row_gap: Val::Px(GAP),
            width: Val::Px(f.size.x),
            height: Val::Px(f.size.y),
            flex_shrink: 0.0,
            ..default()
        },
    ))
    .with_children(|m| {
        let expired = f.look.state == ParcelState::Expired;
        match f.media {
            Media::Photo | Media::Thumbnail => {
                let (icon, tint) = match (f.media, expired) {
                    (Media::Photo, _) => (Icon::Photo, Color::WHITE),
                    (_, false) => (Icon::PhotoThumb, Color::WHITE),
                    (_, true) => (Icon::PhotoThumb, Color::srgba(1.0, 1.0, 1.0, 0.55)),
                };
                m.spawn((
                    f.media,
                    ImageNode::new(art.icon(icon)).with_color(tint),
                    Node {
                        width: Val::Px(f.side),
                        height: Val::Px(f.side),
                        flex_shrink: 0.0,
                        border_radius: BorderRadius::all(Val::Px(4.0)),
                        ..default()
                    },
                ));
            }
            Media::Voice { playable } => voice_row(m, f, playable, expired, art),
        }
        let line = |m: &mut ChildSpawnerCommands, t: &Tr, colour: Color| {
            m.spawn((
                words(t.clone(), pal::STATUS, colour),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
        };
        if !f.state.en.is_empty() || !f.state.zh.is_empty() {
            let colour = if expired { pal::STAMP } else { pal::INK_SOFT };
            line(m, &f.state, colour);
        }
        if let Some(why) = &f.why {
            line(m, why, pal::LINK_NO_SIGNAL);
        }
        if let Some((have, of, w)) = f.bar {
            m.spawn((
                ParcelBar { have, of },
                Node {
                    width: Val::Px(w),
                    height: Val::Px(BAR),
                    flex_shrink: 0.0,
                    border_radius: BorderRadius::all(Val::Px(BAR / 2.0)),
                    overflow: Overflow::clip(),
                    ..default()
                },
                BackgroundColor(pal::BAR_TRACK),
            ))
            .with_children(|t| {
                t.spawn((
                    BarFill,
                    Node {
                        width: Val::Percent(100.0 * have as f32 / of.max(1) as f32),
                        height: Val::Percent(100.0),
                        ..default()
                    },
                    BackgroundColor(pal::PARCEL),
                ));
            });
        }
    });
}

/// A voice message's row: ▶ (once it can play, on a teal pill), its icon and its
/// length.
fn voice_row(
    m: &mut ChildSpawnerCommands,
    f: &ParcelFace,
    playable: bool,
    expired: bool,
    art: &Art,
) {
    let ink = if playable { pal::INK } else { pal::INK_SOFT };
    m.spawn((
        f.media,
        Node {
            align_items: AlignItems::Center,
            column_gap: Val::Px(4.0),
            padding: UiRect::axes(Val::Px(PILL_PAD.x), Val::Px(PILL_PAD.y)),
            width: Val::Px(f.picture.x),
            height: Val::Px(f.picture.y),
            flex_shrink: 0.0,
            border: UiRect::all(Val::Px(if playable { 1.0 } else { 0.0 })),
            border_radius: BorderRadius::all(Val::Px(f.picture.y / 2.0)),
            ..default()
        },
        BackgroundColor(if playable {
            pal::PARCEL.with_alpha(0.15)
        } else {
            Color::NONE
        }),
        BorderColor::all(pal::PARCEL),
    ))
    .with_children(|r| {
        if playable {
            r.spawn((
                words(Tr::same("▶"), pal::STATUS, pal::PARCEL),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
        }
        let tint = if expired || !playable {
            Color::srgba(1.0, 1.0, 1.0, 0.6)
        } else {
            Color::WHITE
        };
        r.spawn((
            ImageNode::new(art.icon(Icon::Voice)).with_color(tint),
            Node {
                width: Val::Px(VOICE),
                height: Val::Px(VOICE),
                flex_shrink: 0.0,
                ..default()
            },
        ));
        if let Some(len) = &f.length {
            r.spawn((
                words(len.clone(), pal::STATUS, ink),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
        }
    });
}

/// The parcel store's count: the parcels it keeps now ("2 parcels").
pub fn store_count(view: &View) -> Tr {
    let kept = view.parcels.values().filter(|p| !p.expired).count();
    Tr::both(|l| crate::words::window::parcels(kept, l))
}

/// A line of the parcel store's list as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreRow {
    /// Its letter (none: the line that counts the parcels left out).
    pub id: Option<MsgId>,
    pub kind: Option<ParcelKind>,
    /// What it was, struck through (an expired parcel: "fetched by 2"); empty
    /// where it does not fit.
    pub was: Tr,
    /// Where it stands: "3/5 parts", "stored whole", "fetched by 3", "expired".
    pub text: Tr,
    pub expired: bool,
}

/// The parcel store's list in `list`: a line per parcel of [`View::parcels`]
/// (the store's order), as many as fit; where they do not all fit, the newest
/// under a line that counts the others.
pub fn store_plan(view: &View, list: Rect) -> Vec<StoreRow> {
    let fits = ((list.height() / ROW).floor() as usize).max(1);
    let all: Vec<(&MsgId, &crate::sim::view::StoreParcel)> = view.parcels.iter().collect();
    let (left_out, shown) = if all.len() <= fits {
        (0, &all[..])
    } else {
        let keep = fits - 1;
        (all.len() - keep, &all[all.len() - keep..])
    };
    let mut out = Vec::new();
    if left_out > 0 {
        out.push(StoreRow {
            id: None,
            kind: None,
            was: Tr::default(),
            text: Tr::both(|l| crate::words::window::parcels_more(left_out, l)),
            expired: false,
        });
    }
    let room = list.width() - LIST_ICON - 4.0;
    for (id, p) in shown {
        let now = Tr::both(|l| {
            crate::words::window::store_line(p.held, p.parts, p.whole, p.fetched_by.len(), l)
        });
        let (was, text) = if p.expired {
            let expired = Tr::both(crate::words::window::expired);
            // What it was, where it fits beside "expired" in both languages.
            let fits = |l: Lang| {
                measure::width(now.get(l), pal::STATUS)
                    + 6.0
                    + measure::width(expired.get(l), pal::STATUS)
                    <= room
            };
            let was = if fits(Lang::En) && fits(Lang::Zh) {
                now
            } else {
                Tr::default()
            };
            (was, expired)
        } else {
            (Tr::default(), measure::wrap_tr(&now, pal::STATUS, room, 1))
        };
        out.push(StoreRow {
            id: Some(**id),
            kind: Some(p.kind),
            was,
            text,
            expired: p.expired,
        });
    }
    out
}

/// The parcel store's list (its lines are made again for each beat).
#[derive(Component)]
pub struct StoreList;

/// A line of the parcel store's list: its letter (none: the count of those left
/// out), and whether it is marked expired.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreLine(pub Option<MsgId>, pub bool);

/// A phone's parcel wire.
#[derive(Component)]
pub struct ParcelWire(pub usize);

/// The line that strikes out what an expired parcel was, in the store's list.
#[derive(Component)]
pub struct Struck;

/// The phones' parcel wires: thin teal lines, under the post office.
pub fn draw_wires(p: &mut ChildSpawnerCommands, layout: &Layout) {
    for (i, r) in layout.phones.iter().enumerate() {
        let Some([a, b]) = r.parcel_wire else {
            continue;
        };
        let (len, mid, thick) = (a.distance(b), (a + b) / 2.0, 3.0);
        p.spawn((
            ForStory,
            ParcelWire(i),
            bevy::picking::Pickable::IGNORE,
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

/// The parcel store: its frame (lit as the other boxes are), on its left its
/// 📦, its name and its count, on its right the list of its parcels.
pub fn draw_store(p: &mut ChildSpawnerCommands, layout: &Layout, art: &Art) {
    let (Some(r), Some((left, list))) = (layout.office.store, layout.store_parts()) else {
        return;
    };
    let parts = box_parts(left, true);
    p.spawn((
        ForStory,
        Module(Spot::Store),
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::MODULE_EDGE),
        Node {
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(10.0)),
            ..placed(r)
        },
    ))
    .with_children(|b| {
        b.spawn(Node {
            width: Val::Px(left.width() - 2.0),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|c| {
            super::parts::tray(c, Spot::Store, art.icon(Icon::Parcel), parts.tray.height());
            c.spawn((
                Label,
                words(ui::store(), pal::MODULE, pal::INK),
                super::parts::no_wrap(),
            ));
            if parts.tech {
                c.spawn((
                    Label,
                    words(ui::store_tech(), pal::TECH, pal::INK_SOFT),
                    super::parts::no_wrap(),
                ));
            }
            if parts.count {
                c.spawn((
                    Label,
                    super::parts::Count::Parcels,
                    words(Tr::default(), pal::TECH, pal::INK),
                    super::parts::no_wrap(),
                ));
            }
        });
    });
    p.spawn((
        ForStory,
        StoreList,
        bevy::picking::Pickable::IGNORE,
        Node {
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            overflow: Overflow::clip(),
            ..placed(list)
        },
    ));
}

/// For each beat on screen: the parcel store's list made again, and the parcel
/// wires in their phones' colours (teal while the phone has a line, grey while
/// its app is closed, red while it has no signal).
#[allow(clippy::too_many_arguments)]
pub fn refresh_store(
    mut commands: Commands,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    art: Res<Art>,
    beat: Res<BeatShown>,
    lists: Query<Entity, With<StoreList>>,
    mut wires: Query<(&ParcelWire, &mut BackgroundColor)>,
    mut drawn: Local<Option<(BeatShown, Entity)>>,
) {
    let Some(list) = lists.iter().next() else {
        return;
    };
    if *drawn == Some((*beat, list)) {
        return;
    }
    let (Some(picture), Some((_, room))) = (scene.picture(), layout.store_parts()) else {
        return;
    };
    *drawn = Some((*beat, list));
    commands.entity(list).despawn_children();
    let rows = store_plan(picture, room);
    commands.entity(list).with_children(|l| {
        for row in rows {
            store_line(l, row, &art);
        }
    });
    for (wire, mut bg) in &mut wires {
        let line = picture
            .phones
            .get(wire.0)
            .map_or(Connection::Closed, |p| p.connection);
        let colour = match line {
            Connection::Open | Connection::Connecting => pal::PARCEL.with_alpha(0.8),
            Connection::NoSignal => pal::LINK_NO_SIGNAL.with_alpha(0.45),
            Connection::Closed => pal::LINK_OFFLINE.with_alpha(0.5),
        };
        if bg.0 != colour {
            bg.0 = colour;
        }
    }
}

/// One line of the store's list: the parcel's small picture, what it was
/// (struck, for an expired one) and where it stands.
fn store_line(l: &mut ChildSpawnerCommands, row: StoreRow, art: &Art) {
    l.spawn((
        StoreLine(row.id, row.expired),
        Node {
            align_items: AlignItems::Center,
            column_gap: Val::Px(4.0),
            height: Val::Px(ROW),
            flex_shrink: 0.0,
            ..default()
        },
    ))
    .with_children(|r| {
        if let Some(kind) = row.kind {
            let icon = match kind {
                ParcelKind::Photo => Icon::Photo,
                ParcelKind::Voice { .. } => Icon::Voice,
            };
            let tint = if row.expired {
                Color::srgba(1.0, 1.0, 1.0, 0.45)
            } else {
                Color::WHITE
            };
            r.spawn((
                ImageNode::new(art.icon(icon)).with_color(tint),
                Node {
                    width: Val::Px(LIST_ICON),
                    height: Val::Px(LIST_ICON),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        if !row.was.en.is_empty() {
            // Struck through by a line of its own (the font gives the text
            // engine no strikethrough to draw).
            r.spawn(Node::default()).with_children(|w| {
                w.spawn((
                    words(row.was, pal::STATUS, pal::INK_SOFT),
                    TextLayout::new(Justify::Left, LineBreak::NoWrap),
                ));
                w.spawn((
                    Struck,
                    Node {
                        position_type: PositionType::Absolute,
                        left: Val::Px(-1.0),
                        right: Val::Px(-1.0),
                        top: Val::Percent(52.0),
                        height: Val::Px(2.0),
                        ..default()
                    },
                    BackgroundColor(pal::INK_SOFT),
                ));
            });
        }
        let ink = match (row.expired, row.id) {
            (true, _) => pal::STAMP,
            (false, None) => pal::INK_SOFT,
            (false, Some(_)) => pal::INK,
        };
        r.spawn((
            words(row.text, pal::STATUS, ink),
            TextLayout::new(Justify::Left, LineBreak::NoWrap),
        ));
    });
}
