//! The phone system's push service and the lock screen (issue 24), only in a story
//! with `notifications:` on ([`Layout::with_push`]): the push service's box under
//! the post office, with its own thin paths (to the post office, and to each
//! phone: never the phone's long connection, so the class sees that a closed app
//! keeps no line and still gets a notification); the notifications flying on them
//! by the clock (`notify`, then `push`; a lost one stops half-way); what the push
//! service keeps for a phone without signal ([`crate::sim::view::View::push_held`]);
//! and a closed app's lock screen with its notifications, oldest first
//! ([`lock_plan`], drawn by the picture's refresh in place of the chat).

use bevy::prelude::*;
use bevy::ui::{UiTransform, Val2};

use crate::sim::view::{App as AppState, View};
use crate::viz::AppSystems;
use crate::viz::lang::{Lang, Tr, ui};
use crate::viz::measure::{self, LINE};
use crate::viz::palette as pal;
use crate::viz::stage::chat::{CHAT_GAP, SCREEN_BORDER, SCREEN_PAD};
use crate::viz::stage::layout::{Layout, PushRects};
use crate::viz::stage::parts::{ForStory, Label, Stage, words};
use crate::viz::story::show::{BeatShown, OpenScene, Playback};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keeps.in_set(AppSystems::Picture),
            notes.in_set(AppSystems::Tokens),
        ),
    );
}

/// Keeps the layout's push service to the story on screen: a story told again
/// with notifications switched (the panel's switch) gets its box, or loses it,
/// before its picture is drawn again; the same for the parcel store and the
/// post office's card of a sealed story (issue 28). Stories opened from a file get the right
/// layout as they come (`story/show.rs`); this changes nothing for them.
pub fn follow_settings(
    mut commands: Commands,
    scene: Res<OpenScene>,
    mut layout: ResMut<Layout>,
    drawn: Query<(Entity, &ChildOf), With<ForStory>>,
    stage: Query<(), With<Stage>>,
) {
    let Some(told) = scene.told.as_ref() else {
        return;
    };
    let n = told.phones();
    // (A crowd draws no whole phones: its layout is made as the story comes.)
    if layout.phones.len() != n || n == 0 {
        return;
    }
    // A letter with a photo or a voice message sent by the class (issue 26)
    // brings the parcel store and the parcel wires.
    let parcels = told.has_parcels();
    if layout.push.is_some() != told.has_push()
        || layout.office.store.is_some() != parcels
        || layout.office.card.is_some() != told.sealed()
    {
        *layout = Layout::of(told);
        // The picture drawn for the old layout goes; the picture's `rebuild`
        // draws it again, with or without the push service.
        // (Its root is the one drawn right under the stage.)
        for (root, parent) in &drawn {
            if stage.contains(parent.parent()) {
                commands.entity(root).despawn();
            }
        }
    }
}

/// The push service's box.
#[derive(Component)]
pub struct PushBox;

/// The line of the push service's box that says whom it keeps a notification for.
#[derive(Component)]
pub struct PushKeeps;

/// One of the push service's thin paths: to the post office (`None`) or to phone
/// `n`.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PushPath(pub Option<usize>);

/// One note of the pool that draws the notifications on their way.
#[derive(Component)]
pub struct NoticeNote;

/// A closed app's lock screen (under a phone's screen, in place of its chat).
#[derive(Component)]
pub struct LockScreen(pub usize);

/// A notification's banner on a lock screen: phone, and its place, oldest first.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Banner(pub usize, pub usize);

/// The thickness of a push path.
const PATH: f32 = 3.0;
/// A note on its way, in canvas pixels.
const NOTE: Vec2 = Vec2::new(18.0, 13.0);

/// The paths, under everything (the phones' helpers cover them where they cross).
pub fn draw_paths(p: &mut ChildSpawnerCommands, push: &PushRects) {
    let mut line = |a: Vec2, b: Vec2, which: PushPath| {
        let len = a.distance(b);
        let mid = (a + b) / 2.0;
        p.spawn((
            ForStory,
            which,
            bevy::picking::Pickable::IGNORE,
            Node {
                position_type: PositionType::Absolute,
                left: Val::Px(mid.x - len / 2.0),
                top: Val::Px(mid.y - PATH / 2.0),
                width: Val::Px(len),
                height: Val::Px(PATH),
                border_radius: BorderRadius::all(Val::Px(PATH / 2.0)),
                ..default()
            },
            BackgroundColor(pal::PUSH.with_alpha(0.6)),
            UiTransform::from_rotation(Rot2::radians((b - a).to_angle())),
        ));
    };
    line(push.notify.0, push.notify.1, PushPath(None));
    for (i, [a, b, c]) in push.to_phone.iter().enumerate() {
        line(*a, *b, PushPath(Some(i)));
        line(*b, *c, PushPath(Some(i)));
    }
}

/// The push service's box: its signal, its name, its technical name, and whose
/// it is (Apple's, Huawei's…), or, while it keeps one, whom it keeps a
/// notification for.
pub fn draw_box(p: &mut ChildSpawnerCommands, push: &PushRects) {
    let icon = ICON;
    p.spawn((
        ForStory,
        PushBox,
        bevy::picking::Pickable::IGNORE,
        BackgroundColor(pal::CARD),
        BorderColor::all(pal::PUSH),
        Node {
            border: UiRect::all(Val::Px(2.0)),
            border_radius: BorderRadius::all(Val::Px(14.0)),
            padding: UiRect::horizontal(Val::Px(10.0)),
            align_items: AlignItems::Center,
            column_gap: Val::Px(10.0),
            ..super::parts::placed(push.body)
        },
    ))
    .with_children(|b| {
        b.spawn((
            words(Tr::same("📶"), icon * 0.8, pal::PUSH),
            Node {
                width: Val::Px(icon),
                flex_shrink: 0.0,
                justify_content: JustifyContent::Center,
                ..default()
            },
        ));
        b.spawn(Node {
            flex_direction: FlexDirection::Column,
            ..default()
        })
        .with_children(|c| {
            let one_line = || TextLayout::new(Justify::Left, LineBreak::NoWrap);
            c.spawn((
                Label,
                words(ui::push_service(), pal::MODULE, pal::INK),
                one_line(),
            ));
            c.spawn((
                Label,
                words(ui::push_service_tech(), pal::TECH, pal::INK_SOFT),
                one_line(),
            ));
            c.spawn((
                Label,
                PushKeeps,
                words(ui::push_makers(), pal::STATUS, pal::INK_SOFT),
                one_line(),
            ));
        });
    });
}

/// Whom the push service keeps a notification for (a phone without signal), in
/// its box (in place of whose it is), edged as lit while it keeps one; the box
/// lit at a beat that hands it a notification. Once per beat.
#[allow(clippy::type_complexity)]
fn keeps(
    scene: Res<OpenScene>,
    beat: Res<BeatShown>,
    layout: Res<Layout>,
    mut boxes: Query<(&mut BorderColor, &mut BackgroundColor), With<PushBox>>,
    mut lines: Query<(&mut crate::viz::lang::Words, &mut TextColor), With<PushKeeps>>,
    mut drawn: Local<Option<(BeatShown, usize)>>,
) {
    let key = (*beat, lines.iter().len());
    if lines.is_empty() || *drawn == Some(key) {
        return;
    }
    let (Some(told), Some(picture)) = (scene.told.as_ref(), scene.picture()) else {
        return;
    };
    *drawn = Some(key);
    let names: Vec<Tr> = picture
        .push_held
        .keys()
        .filter_map(|u| told.devices.get(u.index()).map(|d| d.label.clone()))
        .collect();
    let (tr, colour, edge) = if names.is_empty() {
        (ui::push_makers(), pal::INK_SOFT, pal::PUSH)
    } else {
        let width = layout.push.as_ref().map_or(0.0, |p| p.body.width());
        (keeps_words(&names, width), pal::LIT, pal::LIT)
    };
    for (mut w, mut c) in &mut lines {
        if w.0 != tr {
            w.0 = tr.clone();
        }
        c.0 = colour;
    }
    // Handed a notification at this beat.
    let lesson = &told.lesson;
    let handed = beat
        .at
        .checked_sub(1)
        .and_then(|i| lesson.beats().get(i))
        .and_then(|b| lesson.trace().get(b.event()))
        .is_some_and(crate::viz::kinds::hands_a_notice);
    for (mut border, mut fill) in &mut boxes {
        border.set_all(if handed { pal::LIT } else { edge });
        fill.0 = if handed { pal::LIT_FILL } else { pal::CARD };
    }
}

/// [`ui::push_keeps`], cut to one line of the box of `width`.
pub fn keeps_words(names: &[Tr], width: f32) -> Tr {
    measure::wrap_tr(&ui::push_keeps(names), pal::STATUS, text_room(width), 1)
}

/// The room for words in the push service's box of `width`: less its 2 px
/// border, its padding, its signal and the gap beside it.
pub fn text_room(width: f32) -> f32 {
    width - 4.0 - 20.0 - ICON - 10.0
}

/// The push service's signal, beside its words.
const ICON: f32 = 34.0;

/// Puts a note on every notification on its way at the clock's time: `notify`
/// from the post office's foot (under its shelf) down into the push service, `push` from there to its
/// phone; a lost one stops half-way. Spare notes wait hidden.
fn notes(
    mut commands: Commands,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    layout: Res<Layout>,
    stage: Query<Entity, With<Stage>>,
    mut pool: Query<(&mut UiTransform, &mut Visibility), With<NoticeNote>>,
) {
    let flying: Vec<Vec2> = match (scene.told.as_ref(), scene.clock_ms(&play), &layout.push) {
        (Some(told), Some(t), Some(push)) => told
            .notices
            .in_flight(t)
            .filter_map(|(f, p)| {
                let way = if f.from_push {
                    push.to_phone.get(f.phone)?.to_vec()
                } else {
                    let (a, b) = push.notify;
                    vec![a, Vec2::new(b.x, push.body.center().y)]
                };
                let p = if f.lost { p.min(0.5) } else { p };
                Some(along(&way, p))
            })
            .collect(),
        _ => Vec::new(),
    };
    let at = |v: Vec2| Val2::new(Val::Px(v.x - NOTE.x / 2.0), Val::Px(v.y - NOTE.y / 2.0));
    let mut flying = flying.into_iter();
    for (mut transform, mut visibility) in &mut pool {
        match flying.next() {
            Some(v) => {
                if transform.translation != at(v) {
                    transform.translation = at(v);
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
    // More notes on their way than in the pool: grow it (once per new peak).
    for v in flying {
        commands.entity(stage).with_children(|p| {
            p.spawn((
                NoticeNote,
                bevy::picking::Pickable::IGNORE,
                Node {
                    position_type: PositionType::Absolute,
                    left: Val::Px(0.0),
                    top: Val::Px(0.0),
                    width: Val::Px(NOTE.x),
                    height: Val::Px(NOTE.y),
                    border: UiRect::all(Val::Px(2.0)),
                    border_radius: BorderRadius::all(Val::Px(4.0)),
                    ..default()
                },
                BorderColor::all(Color::WHITE),
                BackgroundColor(pal::PUSH),
                GlobalZIndex(5),
                UiTransform {
                    translation: at(v),
                    ..default()
                },
            ));
        });
    }
}

/// The point a share `p` (0 to 1) of the way along the broken line `way`.
pub fn along(way: &[Vec2], p: f32) -> Vec2 {
    let total: f32 = way.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * p.clamp(0.0, 1.0);
    for w in way.windows(2) {
        let len = w[0].distance(w[1]);
        if left <= len && len > 0.0 {
            return w[0].lerp(w[1], left / len);
        }
        left -= len;
    }
    way.last().copied().unwrap_or_default()
}

/// A banner's padding, and the most lines its words take.
const BANNER_PAD: Vec2 = Vec2::new(6.0, 3.0);
const BANNER_LINES: usize = 2;
/// The line over a lock screen's banners ("🔒 app closed", "🔒 +2 earlier").
const TOP_LINE: f32 = pal::STATUS * LINE;

/// A lock screen as drawn: its banners' words (broken into lines that fit) and
/// heights, oldest first, and how many older ones no longer fit.
#[derive(Clone, Debug, PartialEq)]
pub struct LockPlan {
    pub banners: Vec<(usize, Tr, f32)>,
    pub earlier: usize,
    /// The room inside the screen (the banners' width is its width).
    pub room: Rect,
}

/// The words of phone `u`'s lock screen in `view`, oldest first: what each
/// notification shows ([`crate::words::window::notice`], the captions' words).
pub fn notices(view: &View, people: &[crate::sim::Person], u: usize) -> Vec<Tr> {
    let Some(phone) = view.phones.get(u) else {
        return Vec::new();
    };
    phone
        .lock_screen
        .iter()
        .map(|n| {
            let name = people
                .get(n.from.index())
                .map(|p| p.name.clone())
                .unwrap_or_default();
            // A letter with a photo or a voice message says "[Photo]",
            // "[Voice] 12″" (issue 26), as the words layer words it.
            // A sealed letter the phone could not open (issue 28): no words.
            let text = match view.letters.get(&n.letter) {
                _ if n.locked => Tr::both(|l| crate::words::window::locked_notice(l).to_string()),
                Some(m) => Tr::both(|l| crate::words::window::notice_words(m, l)),
                None => Tr::default(),
            };
            Tr::both(|l| crate::words::window::notice(name.get(l), text.get(l), n.shows, l))
        })
        .collect()
}

/// Which of `texts` (oldest first) a lock screen on `screen` shows, with `reserve`
/// taken at its top (something resting there): under the line "🔒 app closed"
/// (which counts the older ones left out, when any are), the newest ones that fit
/// whole, each cut to [`BANNER_LINES`] lines; the newest always, cut to one line
/// where two do not fit.
pub fn lock_plan(texts: &[Tr], screen: Rect, reserve: f32, lang: Lang) -> LockPlan {
    let inset = SCREEN_BORDER + SCREEN_PAD;
    let room = Rect::new(
        screen.min.x + inset,
        screen.min.y + inset + reserve,
        screen.max.x - inset,
        screen.max.y - inset,
    );
    let text_w = room.width() - 2.0 * BANNER_PAD.x;
    let banner = |t: &Tr, lines: usize| {
        let tr = measure::wrap_tr(t, pal::STATUS, text_w, lines);
        let n = tr.get(lang).lines().count().max(1) as f32;
        let h = n * pal::STATUS * LINE + 2.0 * BANNER_PAD.y;
        (tr, h)
    };
    let left = room.height() - TOP_LINE;
    let mut shown: Vec<(usize, Tr, f32)> = Vec::new();
    let mut used = 0.0;
    for (i, t) in texts.iter().enumerate().rev() {
        let (mut tr, mut h) = banner(t, BANNER_LINES);
        if shown.is_empty() && used + CHAT_GAP + h > left {
            (tr, h) = banner(t, 1);
        } else if used + CHAT_GAP + h > left {
            break;
        }
        used += CHAT_GAP + h;
        shown.push((i, tr, h));
    }
    shown.reverse();
    let earlier = shown.first().map_or(texts.len(), |(i, ..)| *i);
    LockPlan {
        banners: shown,
        earlier,
        room,
    }
}

/// A closed app's lock screen on phone `u`'s screen: "🔒 app closed" (or the
/// count of older notifications that no longer fit), and the banners, oldest
/// first.
pub fn spawn_lock(s: &mut ChildSpawnerCommands, u: usize, plan: &LockPlan) {
    s.spawn((
        LockScreen(u),
        Node {
            flex_grow: 1.0,
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::FlexStart,
            row_gap: Val::Px(CHAT_GAP),
            ..default()
        },
    ))
    .with_children(|l| {
        let line = |tr: Tr| {
            (
                words(tr, pal::STATUS, pal::LOCK_INK),
                TextLayout::new(Justify::Center, LineBreak::NoWrap),
                Node {
                    align_self: AlignSelf::Center,
                    flex_shrink: 0.0,
                    ..default()
                },
            )
        };
        l.spawn(line(if plan.earlier > 0 {
            ui::earlier_notices(plan.earlier)
        } else {
            ui::app_closed()
        }));
        for (i, text, h) in &plan.banners {
            l.spawn((
                Banner(u, *i),
                Node {
                    width: Val::Percent(100.0),
                    height: Val::Px(*h),
                    flex_shrink: 0.0,
                    padding: UiRect::axes(Val::Px(BANNER_PAD.x), Val::Px(BANNER_PAD.y)),
                    border_radius: BorderRadius::all(Val::Px(8.0)),
                    ..default()
                },
                BackgroundColor(pal::BANNER),
            ))
            .with_children(|b| {
                b.spawn((
                    words(text.clone(), pal::STATUS, pal::INK),
                    TextLayout::new(Justify::Left, LineBreak::NoWrap),
                ));
            });
        }
    });
}

/// Whether phone `u`'s screen shows its lock screen (its app closed).
pub fn locked(view: &View, u: usize) -> bool {
    view.phones
        .get(u)
        .is_some_and(|p| p.app == AppState::Closed)
}
