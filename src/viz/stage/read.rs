//! What a phone's screen shows in a story with reading (issue 25): which chat is
//! open, or the chat list. Only a story whose `read_receipts:` is on, or whose
//! script (or class) opens or closes a chat, gets any of it ([`has_reading`]):
//! every other scene's screens hold the bubbles they held before.
//!
//! - **An open chat** ([`crate::sim::view::PhoneView::open_chat`]): a header band
//!   at the screen's top, "‹ Li Lei" or "‹ Class 1", over that conversation's
//!   bubbles only.
//! - **The chat list** (no chat open): a heading "Chats" / "聊天" and a row per
//!   conversation, the latest first: its name, a red badge with its unread
//!   letters ([`View::unread`]), and under it its newest letter in one line: the
//!   writer's own with its mark only ("✓✓ read", "read by 2 of 3": so a writer
//!   on the chat list still sees the ticks turn blue), someone else's with its
//!   words cut to the row, a recalled one with its notice.
//!
//! Planned here without spawning ([`list_plan`], [`HEAD`]); [`super::picture`]
//! spawns the bubbles, these the rest.

use bevy::prelude::*;

use crate::sim::view::View;
use crate::sim::world::Dest;
use crate::sim::{DeviceIdx, Order};
use crate::viz::lang::{Lang, Tr, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::chat::{
    BUBBLE_PAD, CHAT_GAP, Mark, Names, SCREEN_BORDER, SCREEN_PAD, bubble_words, conversation,
    mark_seen,
};
use crate::viz::stage::parts::words;
use crate::viz::story::told::Told;

/// The height of an open chat's header band and of the chat list's heading.
pub const HEAD: f32 = pal::STATUS * measure::LINE + 6.0;
/// A chat list row's padding.
const ROW_PAD: f32 = 3.0;
/// A row's line: its name and unread badge, or what it says of its newest letter.
const LINE: f32 = pal::STATUS * measure::LINE;
/// The unread badge's height.
const BADGE_H: f32 = LINE;
/// A row: two lines, its padding and the hairline under it.
pub const ROW: f32 = 2.0 * LINE + 2.0 * ROW_PAD + 1.0;
/// A row on a screen too small for one of [`ROW`]: its name and badge only.
pub const ROW_SHORT: f32 = LINE + 2.0 * ROW_PAD + 1.0;

/// On the header band of an open chat (`Some`) or the chat list's heading
/// (`None`), on phone `.0`'s screen.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatHead(pub usize, pub Option<Dest>);

/// A chat list's row for a conversation on phone `.0`'s screen.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListRow(pub usize, pub Dest);

/// A chat list row's unread badge: phone, conversation, the number it shows.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnreadBadge(pub usize, pub Dest, pub u32);

/// The archive's copies torn up by a recall (issue 25).
pub fn torn(view: &View) -> usize {
    view.recalls.values().filter(|r| r.archive_torn).count()
}

/// Recalls waiting on the shelf beside their letters, one per addressee.
pub fn shelved_recalls(view: &View) -> usize {
    view.recalls.values().map(|r| r.on_shelf.len()).sum()
}

/// A box's count with its recalls beside it, "2 letters · ✂ 1": the ✂ of the
/// recall card (a torn copy in the archive, a recall clipped to its letter on
/// the shelf); the count alone where there are none.
pub fn with_recalls(count: Tr, recalls: usize) -> Tr {
    if recalls == 0 {
        return count;
    }
    Tr::new(
        format!("{} · ✂ {recalls}", count.en),
        format!("{} · ✂ {recalls}", count.zh),
    )
}

/// On a chat list's heading: the conversations left out under it.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoreChats(pub usize, pub usize);

/// Whether a story shows open chats and the chat list at all: read receipts on,
/// or a chat opened or closed by the script or the class.
pub fn has_reading(told: &Told) -> bool {
    let scene = told.lesson.scene();
    let opens = |a: &crate::sim::Action| {
        matches!(
            a,
            crate::sim::Action::OpenChat(..) | crate::sim::Action::CloseChat(..)
        )
    };
    scene.settings.read_receipts != crate::sim::ReadReceipts::Off
        || scene.script.iter().any(|(_, a)| opens(a))
        || told.lesson.live().iter().any(|(_, a)| opens(a))
}

/// The names a story's screens show: its people's and its groups'.
pub fn names(told: &Told) -> Names {
    Names {
        people: told.people.iter().map(|p| p.name.clone()).collect(),
        groups: told
            .lesson
            .scene()
            .world
            .groups
            .iter()
            .map(|g| g.name.clone())
            .collect(),
    }
}

/// The header band's words for an open chat: "‹ Li Lei".
pub fn head_words(chat: Option<Dest>, names: &Names) -> Tr {
    match chat {
        Some(d) => {
            let name = names.of(d);
            Tr::new(format!("‹ {}", name.en), format!("‹ {}", name.zh))
        }
        None => ui::chat_list(),
    }
}

/// The room for a chat list row's words on `screen`.
pub fn row_width(screen: Rect) -> f32 {
    screen.width() - 2.0 * (SCREEN_BORDER + SCREEN_PAD) - 2.0 * (ROW_PAD + 3.0)
}

/// The words of a screen's head, cut to one line of `screen`'s width: the open
/// chat's "‹ Li Lei", or "Chats" and, with `more` left out, "+1 more" at its
/// right end.
pub fn head_plan(chat: Option<Dest>, names: &Names, more: usize, screen: Rect) -> (Tr, Option<Tr>) {
    let room = screen.width() - 2.0 * (SCREEN_BORDER + SCREEN_PAD) - 2.0 * BUBBLE_PAD.x;
    let more = (more > 0).then(|| ui::more_chats(more));
    let right = more.as_ref().map_or(0.0, |m| {
        let w = |l| measure::width(m.get(l), pal::STATUS);
        w(Lang::En).max(w(Lang::Zh)) + 6.0
    });
    let words = measure::wrap_tr(&head_words(chat, names), pal::STATUS, room - right, 1);
    (words, more)
}

/// A row of a chat list, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub chat: Dest,
    /// The conversation's name, cut to the row.
    pub name: Tr,
    /// Unread letters (0: no badge).
    pub unread: u32,
    /// The newest bubble's index in the phone's chat, and what the row says of it.
    pub newest: usize,
    pub preview: Preview,
}

/// A chat list row's line about its newest letter.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The writer's own letter: its mark, its word cut to the row.
    pub mark: Option<Mark>,
    /// Someone else's letter: its words (or a recalled one's notice), one line.
    pub text: Tr,
    pub notice: bool,
}

/// The one line a chat list row says of bubble `i` of phone `u`, `width` wide.
fn preview(view: &View, order: Order, u: usize, i: usize, names: &Names, width: f32) -> Preview {
    let b = &view.phones[u].chat[i];
    let notice = view.shows_notice(DeviceIdx(u as _), b.id);
    let glyph_room = |m: &Mark| width - measure::width(m.glyph, pal::STATUS) - 5.0;
    let mark = (!notice)
        .then(|| mark_seen(b.status, b.seen, order))
        .flatten()
        .map(|m| {
            let room = glyph_room(&m).max(8.0);
            // A group's count in its short form ("read 2/3") in a language
            // whose long one would be cut.
            let short = ui::read_short(b.seen.by, b.seen.of);
            let say = |l: Lang| {
                let long = m.word.get(l);
                if b.seen.of > 1 && b.seen.by > 0 && measure::width(long, pal::STATUS) > room {
                    short.get(l).to_string()
                } else {
                    long.to_string()
                }
            };
            let word = Tr::new(say(Lang::En), say(Lang::Zh));
            Mark {
                word: measure::wrap_tr(&word, pal::STATUS, room, 1),
                ..m
            }
        });
    // A letter with a photo or a voice message: "[Photo]", "[Voice] 12″" (issue
    // 26), as chat apps list it.
    let words = match (notice, b.parcel, view.letters.get(&b.id)) {
        (false, Some(_), Some(m)) => Tr::both(|l| crate::words::window::notice_words(m, l)),
        _ => bubble_words(view, u, b.id, names),
    };
    let text = match mark {
        Some(_) => Tr::default(),
        None => measure::wrap_tr(&words, pal::STATUS, width, 1),
    };
    Preview { mark, text, notice }
}

/// A phone's chat list: the rows that fit (the latest conversation first) and how
/// many more are left out under them.
#[derive(Clone, Debug, PartialEq)]
pub struct ListPlan {
    pub rows: Vec<Row>,
    pub more: usize,
    /// A screen too small for a row of two lines: each row its name and badge
    /// only ([`ROW_SHORT`]).
    pub short: bool,
}

impl ListPlan {
    /// The height of one of its rows.
    pub fn row(&self) -> f32 {
        if self.short { ROW_SHORT } else { ROW }
    }
}

/// Phone `u`'s chat list on `screen`, `reserve` pixels kept free at its top.
pub fn list_plan(
    view: &View,
    order: Order,
    u: usize,
    (screen, reserve): (Rect, f32),
    names: &Names,
) -> ListPlan {
    let chat = view.phones.get(u).map_or(&[][..], |p| &p.chat[..]);
    // Each conversation's newest bubble, the latest conversation first.
    let mut newest: Vec<(Dest, usize)> = Vec::new();
    for (i, b) in chat.iter().enumerate().rev() {
        if let Some(d) = conversation(view, u, b.id)
            && !newest.iter().any(|(c, _)| *c == d)
        {
            newest.push((d, i));
        }
    }
    let unread = view.unread(DeviceIdx(u as _));
    let inset = SCREEN_BORDER + SCREEN_PAD;
    let width = row_width(screen);
    // Under the heading and its gap; the spacer under the list takes a gap too.
    let mut room = screen.height() - 2.0 * inset - reserve - HEAD - 2.0 * CHAT_GAP;
    let short = room < ROW;
    let row_h = if short { ROW_SHORT } else { ROW };
    let mut rows = Vec::new();
    for &(d, i) in &newest {
        let preview = preview(view, order, u, i, names, width);
        let count = unread.iter().find(|c| c.0 == d).map_or(0, |c| c.1);
        let badge_w = if count > 0 { BADGE_H * 1.6 } else { 0.0 };
        let name = measure::wrap_tr(&names.of(d), pal::STATUS, width - badge_w - 4.0, 1);
        if !rows.is_empty() && row_h > room {
            break;
        }
        room -= row_h;
        rows.push(Row {
            chat: d,
            name,
            unread: count,
            newest: i,
            preview,
        });
    }
    let more = newest.len() - rows.len();
    ListPlan { rows, more, short }
}

/// The header band of an open chat, or the chat list's heading, at the screen's
/// top (a spacer under it keeps it there).
/// `more`: on the chat list, the conversations left out, said at its right end.
pub fn spawn_head(
    s: &mut ChildSpawnerCommands,
    u: usize,
    chat: Option<Dest>,
    names: &Names,
    (more, screen): (usize, Rect),
) {
    let (head, more_words) = head_plan(chat, names, more, screen);
    let fill = match chat {
        Some(_) => pal::CHAT_OPEN,
        None => pal::LOCK_SCREEN,
    };
    s.spawn((
        ChatHead(u, chat),
        Node {
            height: Val::Px(HEAD),
            flex_shrink: 0.0,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::SpaceBetween,
            padding: UiRect::horizontal(Val::Px(BUBBLE_PAD.x)),
            border_radius: BorderRadius::all(Val::Px(6.0)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(fill),
    ))
    .with_children(|h| {
        h.spawn((
            words(head, pal::STATUS, pal::LOCK_INK),
            TextLayout::new(Justify::Left, LineBreak::NoWrap),
        ));
        if let Some(more_words) = more_words {
            h.spawn((
                MoreChats(u, more),
                words(more_words, pal::STATUS, pal::LOCK_INK),
                TextLayout::new(Justify::Right, LineBreak::NoWrap),
            ));
        }
    });
}

/// What takes the room between a head and what stands at the other end.
pub fn spawn_spacer(s: &mut ChildSpawnerCommands) {
    s.spawn(Node {
        flex_grow: 1.0,
        flex_shrink: 1.0,
        min_height: Val::Px(0.0),
        ..default()
    });
}

/// A chat list: its rows (each newest letter's line spawned by `line`: its
/// index in the phone's chat, its preview). The heading says how many more
/// there are.
pub fn spawn_list(
    s: &mut ChildSpawnerCommands,
    u: usize,
    plan: ListPlan,
    mut line: impl FnMut(&mut ChildSpawnerCommands, usize, Preview),
) {
    let n = plan.rows.len();
    if n == 0 {
        return;
    }
    let short = plan.short;
    s.spawn((
        Node {
            flex_direction: FlexDirection::Column,
            flex_shrink: 0.0,
            border: UiRect::all(Val::Px(1.0)),
            border_radius: BorderRadius::all(Val::Px(6.0)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(Color::WHITE),
        BorderColor::all(pal::CHAT_EDGE),
    ))
    .with_children(|list| {
        for (k, row) in plan.rows.into_iter().enumerate() {
            spawn_row(list, u, row, (k + 1 < n, short), &mut line);
        }
    });
}

/// A chat list's row: its name and badge, then its newest letter's line (not on
/// a `short` row); a hairline under it (`rule`) when another row follows.
fn spawn_row(
    list: &mut ChildSpawnerCommands,
    u: usize,
    row: Row,
    (rule, short): (bool, bool),
    line: &mut impl FnMut(&mut ChildSpawnerCommands, usize, Preview),
) {
    list.spawn((
        ListRow(u, row.chat),
        Node {
            flex_direction: FlexDirection::Column,
            flex_shrink: 0.0,
            height: Val::Px(if short { ROW_SHORT } else { ROW }),
            padding: UiRect::axes(Val::Px(ROW_PAD + 2.0), Val::Px(ROW_PAD)),
            border: UiRect::bottom(Val::Px(if rule { 1.0 } else { 0.0 })),
            overflow: Overflow::clip(),
            ..default()
        },
        BorderColor::all(pal::CHAT_EDGE),
    ))
    .with_children(|r| {
        r.spawn(Node {
            justify_content: JustifyContent::SpaceBetween,
            align_items: AlignItems::Center,
            height: Val::Px(LINE),
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|top| {
            top.spawn((
                words(row.name, pal::STATUS, pal::INK),
                TextLayout::new(Justify::Left, LineBreak::NoWrap),
            ));
            if row.unread > 0 {
                spawn_badge(top, UnreadBadge(u, row.chat, row.unread));
            }
        });
        if !short {
            line(r, row.newest, row.preview);
        }
    });
}

fn spawn_badge(line: &mut ChildSpawnerCommands, badge: UnreadBadge) {
    line.spawn((
        badge,
        Node {
            min_width: Val::Px(BADGE_H),
            height: Val::Px(BADGE_H),
            padding: UiRect::horizontal(Val::Px(5.0)),
            border_radius: BorderRadius::all(Val::Px(BADGE_H / 2.0)),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(pal::UNREAD),
    ))
    .with_children(|c| {
        c.spawn(words(
            Tr::same(badge.2.to_string()),
            pal::STATUS,
            Color::WHITE,
        ));
    });
}
