//! A phone's chat as the picture draws it, worked out before anything is spawned:
//! each bubble's face (its words wrapped to fit, its mark), the marks' shapes, and
//! which bubbles fit on the screen with how many earlier ones make way. No systems
//! here: [`super::picture`] spawns what these plan, and the tests read them.

use bevy::prelude::*;

use crate::sim::view::{Seen, View};
use crate::sim::world::Dest;
use crate::sim::{DeviceIdx, Order, Status};
use crate::viz::lang::{Lang, Tr, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::layout;
use crate::viz::story::model::Spot;

// A screen's parts, in canvas pixels.
pub const SCREEN_BORDER: f32 = 3.0;
pub const SCREEN_PAD: f32 = 6.0;
pub const CHAT_GAP: f32 = 6.0;
pub(super) const BUBBLE_PAD: Vec2 = Vec2::new(8.0, 5.0);
pub(super) const BUBBLE_AVATAR: f32 = 24.0;
pub(super) const AVATAR_GAP: f32 = 5.0;
/// The gap between a bubble's words and its mark, and inside the mark.
pub(super) const MARK_GAP: f32 = 5.0;
/// The red round badge of a letter given up (❗).
pub(super) const BADGE: f32 = 20.0;
pub(super) const MARK_STAMP_FRAME: Vec2 = Vec2::new(16.0, 6.0);
/// A recalled letter's notice line: narrower at its sides than a bubble, so that
/// "你撤回了一条消息" stays on one line on a small phone.
pub const NOTICE_PAD: Vec2 = Vec2::new(4.0, 4.0);

/// The shape of a bubble's mark: never told apart by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkShape {
    /// "…" sending.
    Dots,
    /// ✓ sent, ✓✓ delivered: one tick or two.
    Ticks,
    /// ❗ not sent: a red round badge with "!".
    Badge,
    /// Returned: a red-edged stamp with the reason.
    Stamp,
    /// Read by every addressee (issue 25): blue ✓✓ and the word "read" (a group:
    /// "read by all 3"), never told by the colour alone.
    Read,
}

/// The mark under a bubble's words: its shape, its glyph and its word.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub shape: MarkShape,
    pub glyph: &'static str,
    pub word: Tr,
    pub colour: Color,
}

/// What a bubble's status looks like (none for someone else's letter).
pub fn mark(status: Status) -> Option<Mark> {
    mark_in(status, Order::EachPhone)
}

/// What a bubble's status looks like in a scene ordered by `order`: with
/// `order: PostOffice` a letter kept in the phone (its turn not yet come, or no
/// connection) says "waiting", not "sending".
pub fn mark_in(status: Status, order: Order) -> Option<Mark> {
    let (shape, glyph, word, colour) = match status {
        Status::Waiting if order == Order::PostOffice => {
            (MarkShape::Dots, "…", ui::waiting(), pal::INK_SOFT)
        }
        Status::Sending | Status::Waiting => (MarkShape::Dots, "…", ui::sending(), pal::INK_SOFT),
        Status::Posted => (MarkShape::Ticks, "✓", ui::sent(), pal::TICK),
        Status::Delivered { count, of } if count >= of => {
            (MarkShape::Ticks, "✓✓", ui::delivered(), pal::TICK)
        }
        Status::Delivered { count, of } => {
            (MarkShape::Ticks, "✓", ui::partly(count, of), pal::TICK)
        }
        Status::Lost => (MarkShape::Badge, "!", ui::not_sent(), pal::STAMP),
        // The stamp's reason alone ("not friends"), as the caption says it: the
        // red-edged stamp shows it came back, and a short stamp leaves the
        // bubble's words room on a small screen.
        Status::Returned(why) => (
            MarkShape::Stamp,
            "",
            Tr::both(|l| crate::words::stamp(why, l).to_string()),
            pal::STAMP,
        ),
        Status::Received => return None,
    };
    Some(Mark {
        shape,
        glyph,
        word,
        colour,
    })
}

/// What a bubble's status looks like once the writer's phone knows who read it
/// (`seen`, issue 25): every addressee: blue ✓✓ "read" ("read by all 3" in a
/// group); some of a group: the status's ticks and "read by 1 of 3"; nobody (or
/// someone else's letter): as [`mark_in`] says.
pub fn mark_seen(status: Status, seen: Seen, order: Order) -> Option<Mark> {
    let base = mark_in(status, order);
    // Someone else's letter (no mark), or one that never arrived (❗, a stamp).
    let unread = |m: &Mark| m.shape == MarkShape::Badge || m.shape == MarkShape::Stamp;
    if base.as_ref().is_none_or(unread) || seen.of == 0 || seen.by == 0 {
        return base;
    }
    let word = if seen.of == 1 {
        ui::read()
    } else {
        ui::read_by(seen.by, seen.of)
    };
    Some(if seen.all() {
        Mark {
            shape: MarkShape::Read,
            glyph: "✓✓",
            word,
            colour: pal::READ,
        }
    } else {
        Mark {
            shape: MarkShape::Ticks,
            glyph: base.as_ref().map_or("✓", |m| m.glyph),
            word,
            colour: pal::TICK,
        }
    })
}

/// Who is named on a phone's screen: people by their index, groups by theirs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub people: Vec<Tr>,
    pub groups: Vec<Tr>,
}

impl Names {
    /// The name of a chat: the person's or the group's.
    pub fn of(&self, chat: Dest) -> Tr {
        let found = match chat {
            Dest::User(u) => self.people.get(u.index()),
            Dest::Group(g) => self.groups.get(g.0 as usize),
        };
        found.cloned().unwrap_or_default()
    }
}

/// Whether letter `id` is on its writer's side of device `u`'s chat: its
/// author is the device's owner, whichever of her devices wrote it (issue 27).
pub fn mine(view: &View, u: usize, id: crate::sim::MsgId) -> bool {
    view.phones
        .get(u)
        .map_or(id.from.index() == u, |p| p.owner == id.from)
}

/// The conversation of letter `id` on phone `u`: its group, or the other person.
pub fn conversation(view: &View, u: usize, id: crate::sim::MsgId) -> Option<Dest> {
    let m = view.letters.get(&id)?;
    Some(match m.to {
        Dest::Group(g) => Dest::Group(g),
        Dest::User(to) if mine(view, u, id) => Dest::User(to),
        Dest::User(_) => Dest::User(m.from()),
    })
}

/// The words of a bubble on phone `u`: the recall notice where the view shows it
/// ("You recalled a message", "Li Lei recalled a message"), else the letter's.
pub fn bubble_words(view: &View, u: usize, id: crate::sim::MsgId, names: &Names) -> Tr {
    if view.cannot_open(DeviceIdx(u as _), id) {
        return crate::words::window::locked_bubble();
    }
    if !view.shows_notice(DeviceIdx(u as _), id) {
        return words_of(view, id);
    }
    let writer = id.from;
    if mine(view, u, id) {
        ui::recall_notice(None)
    } else {
        ui::recall_notice(Some(&names.of(Dest::User(writer))))
    }
}

/// The words of letter `id` on a screen of `view`.
pub fn words_of(view: &View, id: crate::sim::MsgId) -> Tr {
    view.letters
        .get(&id)
        .and_then(|l| l.text())
        .map(|t| (**t).clone())
        .unwrap_or_default()
}

/// A bubble as drawn: its words broken into lines, its mark, its size.
#[derive(Clone, Debug, PartialEq)]
pub struct BubbleFace {
    /// The words in both languages, each broken into lines that fit.
    pub text: Tr,
    pub mark: Option<Mark>,
    /// Its number from the post office (`order: PostOffice`), on a small line above
    /// its words, once the phone knows it: "No. 3".
    pub number: Option<Tr>,
    pub size: Vec2,
    /// A recalled letter's notice, drawn as a centred grey line, not a bubble.
    pub notice: bool,
    /// Its photo or voice message (issue 26), above its words.
    pub parcel: Option<crate::viz::stage::parcels::ParcelFace>,
    /// A sealed letter its device cannot open (issue 28): drawn locked, grey,
    /// with the words layer's "cannot open" (`text`), never the letter's words.
    pub locked: bool,
}

/// What a bubble shows besides its words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BubbleLook {
    pub status: Status,
    /// On its sender's screen.
    pub mine: bool,
    /// Its number from the post office, as the phone knows it (0: none).
    pub place: u32,
    /// The scene's order (how a letter kept in the phone is marked).
    pub order: Order,
    /// Who read it, as this phone knows (issue 25).
    pub seen: Seen,
    /// Recalled: its notice in place of the letter (`text` is the notice's).
    pub notice: bool,
    /// Its photo or voice message, as the view says (issue 26).
    pub parcel: Option<crate::sim::view::ParcelLook>,
    /// The phone's connection (why an upload is paused).
    pub line: crate::sim::view::Connection,
    /// Its device cannot open it (issue 28): `text` is the lock's words.
    pub locked: bool,
}

/// The face of a bubble of `text` looking like `look` at most `max_w` wide (with
/// the sender's avatar for someone else's letter) and, where it can be, at most
/// `max_h` tall, sized for its words in `lang` (the picture is drawn again when the
/// language changes).
pub fn bubble_face(text: &Tr, look: BubbleLook, max_w: f32, max_h: f32, lang: Lang) -> BubbleFace {
    let BubbleLook {
        status,
        mine,
        place,
        order,
        seen,
        notice,
        parcel,
        line: connection,
        locked,
    } = look;
    if notice {
        return notice_face(text, max_w, lang);
    }
    let outer = if mine {
        max_w
    } else {
        max_w - BUBBLE_AVATAR - AVATAR_GAP
    };
    let inner = outer - 2.0 * BUBBLE_PAD.x;
    let mark = mark_seen(status, seen, order).map(|m| {
        let room = match m.shape {
            MarkShape::Stamp => inner - MARK_STAMP_FRAME.x,
            MarkShape::Badge => inner - BADGE - MARK_GAP,
            _ => inner - measure::width(m.glyph, pal::STATUS) - MARK_GAP,
        };
        Mark {
            word: measure::wrap_tr(&m.word, pal::STATUS, room, 3),
            ..m
        }
    });
    let mark_size = mark.as_ref().map_or(Vec2::ZERO, |m| {
        let (w, h) = measure::block(&m.word, pal::STATUS);
        match m.shape {
            MarkShape::Stamp => Vec2::new(w, h) + MARK_STAMP_FRAME,
            MarkShape::Badge => Vec2::new(BADGE + MARK_GAP + w, h.max(BADGE)),
            _ => Vec2::new(measure::width(m.glyph, pal::STATUS) + MARK_GAP + w, h),
        }
    });
    let mark_h = if mark.is_some() {
        mark_size.y + 2.0
    } else {
        0.0
    };
    let number = (place > 0).then(|| ui::number(place));
    let number_size = number.as_ref().map_or(Vec2::ZERO, |n| {
        let (w, h) = measure::block(n, pal::STATUS);
        Vec2::new(w, h + 2.0)
    });
    let mark_h = mark_h + number_size.y;
    let line = pal::BUBBLE * measure::LINE;
    // Its photo or voice message, above its words: smaller where the screen
    // leaves too little room for it and a line of words.
    let parcel = parcel.map(|p| {
        let room = max_h - 2.0 * BUBBLE_PAD.y - mark_h - line - 2.0;
        crate::viz::stage::parcels::media_face(p, connection, inner, room, lang)
    });
    let parcel_size = parcel
        .as_ref()
        .map_or(Vec2::ZERO, |p| p.size + Vec2::new(0.0, 2.0));
    let mark_h = mark_h + parcel_size.y;
    let lines = ((max_h - 2.0 * BUBBLE_PAD.y - mark_h) / line)
        .floor()
        .clamp(1.0, 6.0) as usize;
    let text = measure::wrap_tr(text, pal::BUBBLE, inner, lines);
    let (w, h) = measure::block(&Tr::same(text.get(lang)), pal::BUBBLE);
    BubbleFace {
        text,
        mark,
        number,
        size: Vec2::new(
            w.max(mark_size.x).max(number_size.x).max(parcel_size.x),
            h + mark_h,
        ) + 2.0 * BUBBLE_PAD,
        notice: false,
        parcel,
        locked,
    }
}

/// A recalled letter's notice: its words on at most two lines across the chat.
fn notice_face(text: &Tr, max_w: f32, lang: Lang) -> BubbleFace {
    let room = max_w - 2.0 * NOTICE_PAD.x;
    // Two lines of about the same length, not one with a word (or a character)
    // left alone under it.
    let balanced = |t: &str| {
        let whole = measure::width(t, pal::STATUS);
        let max = if whole > room {
            (whole / 2.0 + pal::STATUS).min(room)
        } else {
            room
        };
        match measure::wrap(t, pal::STATUS, max, 2) {
            (lines, false) => lines,
            _ => measure::wrap(t, pal::STATUS, room, 2).0,
        }
    };
    let text = Tr::new(balanced(&text.en), balanced(&text.zh));
    let (w, h) = measure::block(&Tr::same(text.get(lang)), pal::STATUS);
    BubbleFace {
        text,
        mark: None,
        number: None,
        size: Vec2::new(w, h) + 2.0 * NOTICE_PAD,
        notice: true,
        parcel: None,
        locked: false,
    }
}

/// What a phone's chat shows: the newest bubbles that fit whole, and how many
/// older ones are hidden above them.
#[derive(Clone, Debug, PartialEq)]
pub struct ChatPlan {
    /// The bubbles shown (their index in the phone's chat) with their faces,
    /// oldest first.
    pub shown: Vec<(usize, BubbleFace)>,
    pub earlier: usize,
    /// The chat's room: where the bubbles stand, under the band kept for things
    /// resting on the screen.
    pub room: Rect,
}

/// How much of the top of phone `i`'s screen the chat leaves free for what rests
/// there in the beat (`resting`: [`crate::viz::stage::tokens::plan`]): down to the lowest
/// thing's bottom edge, and a gap; nothing when nothing rests there.
pub fn screen_reserve(
    resting: &[(
        crate::viz::stage::tokens::Travel,
        crate::viz::stage::tokens::Face,
    )],
    layout: &layout::Layout,
    i: usize,
) -> f32 {
    let (Some(rects), tray) = (layout.phones.get(i), layout.room(Spot::Screen(i))) else {
        return 0.0;
    };
    let bottom = resting
        .iter()
        .filter(|(t, _)| tray.contains(t.to))
        .map(|(t, f)| t.to.y + f.size.y / 2.0)
        .fold(None, |a: Option<f32>, b| Some(a.map_or(b, |a| a.max(b))));
    bottom.map_or(0.0, |b| {
        b - rects.screen.min.y - SCREEN_BORDER - SCREEN_PAD + CHAT_GAP
    })
}

/// The chat of phone `u` of `view` on `screen`, `reserve` pixels kept free at its
/// top, its words in `lang`, in a scene ordered by `order`.
pub fn chat_plan(
    view: &View,
    order: Order,
    u: usize,
    screen: Rect,
    reserve: f32,
    lang: Lang,
) -> ChatPlan {
    let on = OnScreen {
        names: &Names::default(),
        only: None,
    };
    chat_plan_in(view, order, u, (screen, reserve), lang, on)
}

/// What part of a phone's chat is on its screen, and the names it shows.
#[derive(Clone, Copy, Debug)]
pub struct OnScreen<'a> {
    /// Who the recall notices name.
    pub names: &'a Names,
    /// The open chat's conversation only (issue 25), or every bubble (`None`).
    pub only: Option<Dest>,
}

/// [`chat_plan`], for the bubbles of `on.only`'s conversation (all: `None`), a
/// recalled letter's notice naming its writer from `on.names`. `room` is the
/// screen and the pixels kept free at its top. The plan's indices are the
/// phone's chat's.
pub fn chat_plan_in(
    view: &View,
    order: Order,
    u: usize,
    (screen, reserve): (Rect, f32),
    lang: Lang,
    on: OnScreen,
) -> ChatPlan {
    let all = view.phones.get(u).map_or(&[][..], |p| &p.chat[..]);
    let connection = view.phones.get(u).map(|p| p.connection).unwrap_or_default();
    let index: Vec<usize> = (0..all.len())
        .filter(|&i| on.only.is_none() || conversation(view, u, all[i].id) == on.only)
        .collect();
    let chat: Vec<&crate::sim::view::Bubble> = index.iter().map(|&i| &all[i]).collect();
    let text = |i: usize| bubble_words(view, u, chat[i].id, on.names);
    let look = |i: usize| {
        let b = chat[i];
        BubbleLook {
            status: b.status,
            mine: mine(view, u, b.id),
            place: b.place,
            order,
            seen: b.seen,
            notice: view.shows_notice(DeviceIdx(u as _), b.id),
            parcel: b.parcel,
            line: connection,
            locked: view.cannot_open(DeviceIdx(u as _), b.id),
        }
    };
    let face =
        |i: usize, max_w: f32, max_h: f32| bubble_face(&text(i), look(i), max_w, max_h, lang);
    let inset = SCREEN_BORDER + SCREEN_PAD;
    let room = Rect::new(
        screen.min.x + inset,
        screen.min.y + inset + reserve,
        screen.max.x - inset,
        screen.max.y - inset,
    );
    let earlier_h = pal::STATUS * measure::LINE + CHAT_GAP;
    // Newest first, while they fit whole (the newest always: cut to the screen's
    // height if it must be).
    let mut shown: Vec<(usize, BubbleFace)> = Vec::new();
    let mut used = 0.0;
    for i in (0..chat.len()).rev() {
        let gap = if shown.is_empty() { 0.0 } else { CHAT_GAP };
        let left = room.height() - used - gap;
        let face = face(i, room.width(), left.max(0.0));
        // An older one shows whole or not at all.
        let cut = face.text.get(lang).ends_with('…') && !text(i).get(lang).ends_with('…');
        if !shown.is_empty() && (face.size.y > left || cut) {
            break;
        }
        used += gap + face.size.y;
        shown.push((i, face));
    }
    // Older ones hidden: the line that says so needs room too.
    while shown.len() > 1
        && shown.last().is_some_and(|(i, _)| *i > 0)
        && used + earlier_h > room.height()
    {
        if let Some((_, face)) = shown.pop() {
            used -= face.size.y + CHAT_GAP;
        }
    }
    // The newest alone, with older ones hidden and no room left for the line that
    // says so: whole, without that line, if it fits so; else cut shorter (it ends
    // in "…"; the inspector shows it whole).
    let cut = |face: &BubbleFace, i: usize| {
        let full = text(i);
        face.text.get(lang).ends_with('…') && !full.get(lang).ends_with('…')
    };
    let back = |shown: Vec<(usize, BubbleFace)>| -> Vec<(usize, BubbleFace)> {
        shown.into_iter().map(|(i, f)| (index[i], f)).collect()
    };
    if let [(i, face)] = shown.as_slice()
        && *i > 0
        && used + earlier_h > room.height()
        && !cut(face, *i)
    {
        return ChatPlan {
            shown: back(shown),
            earlier: 0,
            room,
        };
    }
    if let [(i, face)] = shown.as_mut_slice()
        && *i > 0
        && used + earlier_h > room.height()
    {
        *face = bubble_face(
            &text(*i),
            look(*i),
            room.width(),
            room.height() - earlier_h,
            lang,
        );
        used = face.size.y;
    }
    shown.reverse();
    let hidden = shown.first().map_or(chat.len(), |(i, _)| *i);
    let earlier = if used + earlier_h <= room.height() {
        hidden
    } else {
        0
    };
    ChatPlan {
        shown: back(shown),
        earlier,
        room,
    }
}

/// A line of "… is typing…" under a chat: its height per line of words.
pub const TYPING_LINE: f32 = pal::STATUS * 1.3;

/// "`name` is typing…" under a chat on `screen`: its words broken to the screen's
/// width where a long name needs it (two lines at most), and the height it takes
/// in `lang` (with the gap above it). A name of a phone's header always fits.
pub fn typing_line(name: &Tr, screen: Rect, lang: Lang) -> (Tr, f32) {
    let max = screen.width() - 2.0 * (SCREEN_BORDER + SCREEN_PAD);
    let words = measure::wrap_tr(&ui::is_typing(name), pal::STATUS, max, 2);
    let lines = words.get(lang).lines().count().max(1) as f32;
    (words, TYPING_LINE * lines + CHAT_GAP)
}

/// The "… is typing…" lines under a chat on `screen`, one per person in `names`
/// ([`typing_line`]) while they take at most half the screen's height; beyond
/// that (several long names on a small phone) one line says how many are typing,
/// as chat apps do. Each with the height it takes.
pub fn typing_lines(names: &[Tr], screen: Rect, lang: Lang) -> Vec<(Tr, f32)> {
    let lines: Vec<(Tr, f32)> = names.iter().map(|n| typing_line(n, screen, lang)).collect();
    let room = screen.height() - 2.0 * (SCREEN_BORDER + SCREEN_PAD);
    if lines.len() < 2 || lines.iter().map(|l| l.1).sum::<f32>() <= room / 2.0 {
        return lines;
    }
    let n = names.len();
    let max = screen.width() - 2.0 * (SCREEN_BORDER + SCREEN_PAD);
    let words = Tr::new(format!("{n} typing…"), format!("{n} 人在输入…"));
    let words = measure::wrap_tr(&words, pal::STATUS, max, 1);
    vec![(words, TYPING_LINE + CHAT_GAP)]
}
