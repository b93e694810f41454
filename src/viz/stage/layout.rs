//! Where everything is drawn, on a 1280 × 720 canvas (y down) that is scaled to the
//! window. One place for every rectangle; pictures and motion read it from here.

use bevy::prelude::*;

use crate::viz::measure::LINE;
use crate::viz::palette as pal;
use crate::viz::story::model::Spot;
use crate::viz::story::told::{MAX_LIVE, MAX_PHONES, Told};

/// The canvas every position is measured on; `UiScale` fits it to the window.
pub const CANVAS: Vec2 = Vec2::new(1280.0, 720.0);
/// The top bar: scene title, scenes menu, language.
pub const TOP_BAR: Rect = Rect {
    min: Vec2::new(0.0, 0.0),
    max: Vec2::new(1280.0, 48.0),
};
/// Where the phones and the post office are.
pub const PICTURE: Rect = Rect {
    min: Vec2::new(0.0, 52.0),
    max: Vec2::new(1280.0, 548.0),
};
pub const CAPTION_BAR: Rect = Rect {
    min: Vec2::new(16.0, 556.0),
    max: Vec2::new(1264.0, 656.0),
};
pub const CONTROL_BAR: Rect = Rect {
    min: Vec2::new(16.0, 664.0),
    max: Vec2::new(1264.0, 712.0),
};

/// One phone and its two helpers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PhoneRects {
    /// The phone body with its screen.
    pub body: Rect,
    pub screen: Rect,
    /// Avatar and name above the screen.
    pub header: Rect,
    pub mailbox: Rect,
    pub postman: Rect,
    /// Left column (the long connection leaves to the right) or right column.
    pub left: bool,
    /// Where the long connection starts (at the postman) and ends (at the counter).
    pub wire_from: Vec2,
    pub wire_to: Vec2,
    /// What is drawn over the long connection, each in its own place.
    pub over_wire: OverWire,
    /// The phone's parcel wire (issue 26), only in a story with photos or voice
    /// messages: a thin line of its own from the postman (`[0]`, under where the
    /// long connection leaves) to the parcel store's edge (`[1]`), the lines of
    /// one side spread along it. A part goes along it ([`Layout::part_path`]).
    pub parcel_wire: Option<[Vec2; 2]>,
}

/// The places over a long connection, in the gap between the phone's postman and
/// the post office, that do not overlap: the post office's ring (how long since it
/// heard the phone) on the line near the post office's wall, its words above it,
/// the faults armed on the line above those, and under the ring the place where a
/// frame that stopped on the line (lost, or sent again) stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverWire {
    pub ring: Vec2,
    /// "heard 3 s ago".
    pub heard: Rect,
    /// The faults armed on this line; its bottom edge is fixed, it grows upward.
    pub mark: Rect,
    /// Where a frame stopped on the line stands: its top edge and its room.
    pub stop: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OfficeRects {
    pub body: Rect,
    pub header: Rect,
    pub counter: Rect,
    pub register: Rect,
    pub archive: Rect,
    pub sorting: Rect,
    pub shelf: Rect,
    /// The parcel store (issue 26), a row of its own under the others: only in
    /// a story with photos or voice messages ([`Layout::story`]).
    pub store: Option<Rect>,
    /// The card under the post office's name that says what it can see of the
    /// letter at hand and that it cannot see the words (issue 28): only in a
    /// story whose letters travel sealed ([`Layout::with_office_card`]).
    pub card: Option<Rect>,
}

/// Every rectangle of the picture for a number of phones.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Layout {
    /// Whole phones (up to [`MAX_PHONES`]); none in a crowd scene.
    pub phones: Vec<PhoneRects>,
    /// A crowd scene's phones, each a small tile (avatar and name): the even ones on
    /// the left of the post office, the odd ones on the right.
    pub tiles: Vec<Rect>,
    /// The tiles are a class's ([`CLASS_TILES`] phones at most): rows wide enough
    /// for the phone's name and its latest bubble, as in a chat app's list of chats.
    /// A larger crowd's tiles are small squares (a face, no words).
    pub tile_words: bool,
    pub office: OfficeRects,
    /// The phone system's push service (issue 24), under the post office: only in
    /// a story with notifications on and whole phones (see [`Layout::with_push`]).
    pub push: Option<PushRects>,
}

/// The push service's box and its own thin paths: from the post office's foot to
/// its top (`notify`), and from its side to each phone (`push`), never the phone's
/// long connection.
#[derive(Clone, Debug, PartialEq)]
pub struct PushRects {
    pub body: Rect,
    /// Where `notify` leaves the post office, and where it reaches the box.
    pub notify: (Vec2, Vec2),
    /// For each phone, the way `push` goes: from the box's side across the gap
    /// the long connections cross, then between the phone's mailbox and postman
    /// (not through its postman: the app is closed) to the edge of its body.
    pub to_phone: Vec<[Vec2; 3]>,
}

/// The height of the post office's card in a sealed story (issue 28): two
/// lines of the smallest words, its padding and border.
pub const OFFICE_CARD_H: f32 = 2.0 * SMALL_LINE + 12.0;

/// The push service's box height, and the gap between it and the post office.
pub const PUSH_H: f32 = 84.0;
pub const PUSH_GAP: f32 = 8.0;

/// The side of the phone's own avatar in its header.
pub fn header_avatar(header: Rect) -> f32 {
    (header.height() - 4.0).min(44.0)
}

/// Where a phone's name starts in its header: after its avatar.
pub fn name_left(header: Rect) -> f32 {
    header.min.x + 4.0 + header_avatar(header) + 8.0
}

/// A friend's chip in a phone's strip of dots, at most, and the least it shrinks to.
pub const CHIP: f32 = 24.0;
pub const CHIP_MIN: f32 = 14.0;
/// Between two chips, and inside the strip's ends.
pub const CHIP_GAP: f32 = 4.0;
pub const STRIP_PAD: f32 = 4.0;

/// Where a phone's strip of friends' dots stands, and its name with it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StripPlace {
    /// The strip (its chips centred in it, right-aligned at the phone's edge).
    pub strip: Rect,
    /// A chip's side.
    pub chip: f32,
    /// The strip stands under the name (no room beside it): the name and the
    /// avatar move up to the header's top.
    pub below: bool,
    /// Where the name's line stands.
    pub name: Rect,
}

/// A phone's strip of `n` friends' dots beside its name (`name_w` wide), at the
/// header's right end, where chips of at least 20 px fit beside it; else under the
/// name, as large as the room between the name and the screen allows (never over
/// the name, the avatar nor the screen).
pub fn strip_place(header: Rect, name_w: f32, n: usize) -> StripPlace {
    let n = n.max(1) as f32;
    let name_h = pal::NAME * LINE;
    let left = name_left(header);
    // Right-aligned 4 px inside the phone's body (the header is 10 px inside it).
    let end = header.max.x + 6.0;
    let width = |chip: f32| n * chip + (n - 1.0) * CHIP_GAP + 2.0 * STRIP_PAD;
    let name_top = header.center().y - name_h / 2.0;
    for chip in [CHIP, 20.0] {
        if left + name_w + 6.0 <= end - width(chip) {
            return StripPlace {
                strip: Rect::new(end - width(chip), header.min.y, end, header.max.y),
                chip,
                below: false,
                name: Rect::new(left, name_top, left + name_w, name_top + name_h),
            };
        }
    }
    // Under the name: the name's line from the top of the header (3 px into the
    // body's edge above it), the strip from under it down to 1 px above the screen
    // (which starts 4 px under the header).
    let name_top = header.min.y - 3.0;
    let top = name_top + name_h;
    let bottom = header.max.y + 3.0;
    let fit = (end - left - 2.0 * STRIP_PAD - (n - 1.0) * CHIP_GAP) / n;
    let chip = (bottom - top - 2.0)
        .min(CHIP)
        .min(fit)
        .max(CHIP_MIN)
        .floor();
    StripPlace {
        strip: Rect::new(end - width(chip), top, end, bottom),
        chip,
        below: true,
        name: Rect::new(left, name_top, left + name_w, name_top + name_h),
    }
}

/// The size of the post office's ring on a long connection.
pub const RING: f32 = 34.0;
/// The band at the top of a box, and of a screen, where envelopes and cards rest
/// (a box's picture shows there when none does): at most this tall.
pub const TRAY: f32 = 64.0;
/// The side of a box's picture moved aside for what rests in its tray.
pub const ICON_ASIDE: f32 = 28.0;
/// How far a resting envelope may reach beyond its box's sides: over the border
/// and the gap beside it, never as far as a neighbour's words.
pub const OVERHANG: f32 = 4.0;
/// The height of a box's name, and of each of its smaller lines.
pub const NAME_LINE: f32 = pal::MODULE * LINE;
pub const SMALL_LINE: f32 = pal::TECH * LINE;

/// What a box of a given size shows, top to bottom: the tray (with the box's
/// picture), its name, its technical word and its count (or state) where there is
/// room for them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxParts {
    pub tray: Rect,
    pub tech: bool,
    pub count: bool,
}

/// The parts of the box `r` (its border is 2 px), with a count line if `counted`.
pub fn box_parts(r: Rect, counted: bool) -> BoxParts {
    // A one-line envelope needs 36 px of tray; a tray of 60 shows two lines.
    let mut left = r.height() - 4.0 - NAME_LINE;
    let count = counted && left - SMALL_LINE >= 36.0;
    if count {
        left -= SMALL_LINE;
    }
    let tech = left - SMALL_LINE >= 60.0;
    if tech {
        left -= SMALL_LINE;
    }
    let h = left.min(TRAY);
    BoxParts {
        tray: Rect::new(r.min.x, r.min.y + 2.0, r.max.x, r.min.y + 2.0 + h),
        tech,
        count,
    }
}

// The columns of the picture, left to right: margin, phone, gap, helpers, the gap
// a long connection crosses, the post office (then the same, mirrored).
const MARGIN: f32 = 12.0;
const PHONE_W: f32 = 196.0;
const HELPER_GAP: f32 = 8.0;
const HELPER_W: f32 = 140.0;
/// The gap a long connection crosses, where its ring, words and stopped frames go.
pub const WIRE_GAP: f32 = 104.0;
const OFFICE_W: f32 = CANVAS.x - 2.0 * (MARGIN + PHONE_W + HELPER_GAP + HELPER_W + WIRE_GAP);
/// The tallest a phone's mailbox and postman grow.
const HELPER_H: f32 = 137.0;

/// The places over a long connection from `from` (the postman) to `to` (the
/// counter), for a phone on the `left` of the post office.
fn over_wire(from: Vec2, to: Vec2, office: &Rect, left: bool) -> OverWire {
    // The gap between the postman and the post office's wall.
    let (x0, x1) = if left {
        (from.x, office.min.x)
    } else {
        (office.max.x, from.x)
    };
    let mid_x = (x0 + x1) / 2.0;
    // The ring sits on the line just outside the wall.
    let ring_x = if left {
        x1 - RING / 2.0 - 4.0
    } else {
        x0 + RING / 2.0 + 4.0
    };
    let t = ((ring_x - from.x) / (to.x - from.x)).clamp(0.0, 1.0);
    let ring = from.lerp(to, t);
    let w = (x1 - x0) - 8.0;
    let heard_h = 2.0 * pal::WIRE_TEXT * LINE + 8.0;
    let heard = Rect::new(
        mid_x - w / 2.0,
        ring.y - RING / 2.0 - 4.0 - heard_h,
        mid_x + w / 2.0,
        ring.y - RING / 2.0 - 4.0,
    );
    let mark = Rect::new(
        heard.min.x,
        (heard.min.y - 4.0 - 5.0 * pal::WIRE_TEXT * LINE).max(PICTURE.min.y),
        heard.max.x,
        heard.min.y - 4.0,
    );
    let stop_top = ring.y + RING / 2.0 + 6.0;
    let stop = Rect::new(x0, stop_top, x1, (stop_top + 120.0).min(PICTURE.max.y));
    OverWire {
        ring,
        heard,
        mark,
        stop,
    }
}
/// Where a crowd's tiles go: beside the post office, on each side.
const CROWD_LEFT: Rect = Rect {
    min: Vec2::new(16.0, 60.0),
    max: Vec2::new(436.0, 544.0),
};

/// The most phones whose tiles show words (a class: as many as a live lesson has).
pub const CLASS_TILES: usize = MAX_LIVE;
/// The lowest a class's tile is: a line for the name and one for the bubble, in
/// letters that stay about 12 px high on a 1024 × 768 projector.
pub const ROW_MIN: f32 = 44.0;
/// The largest a class's tile grows (a class of 7 has room to spare).
const ROW_MAX: Vec2 = Vec2::new(300.0, 84.0);
/// Where a class's tiles go on the left: the whole height of the picture, and a
/// stretch of wire before the post office where the frames can be seen leaving.
const CLASS_LEFT: Rect = Rect {
    min: Vec2::new(8.0, 54.0),
    max: Vec2::new(410.0, 546.0),
};

/// `k` tiles for a class, in `area`: in as few columns as keep each at least
/// [`ROW_MIN`] high, so that they are as wide as can be (the words go across).
fn rows(area: Rect, k: usize) -> Vec<Rect> {
    if k == 0 {
        return Vec::new();
    }
    let (w, h) = (area.width(), area.height());
    let cols = (1..=k)
        .find(|&c| h / k.div_ceil(c) as f32 >= ROW_MIN)
        .unwrap_or(k);
    let rows = k.div_ceil(cols);
    let cell = Vec2::new(w / cols as f32, h / rows as f32).min(ROW_MAX);
    let x0 = area.min.x + (w - cell.x * cols as f32) / 2.0;
    let y0 = area.min.y + (h - cell.y * rows as f32) / 2.0;
    let gap = 4.0;
    (0..k)
        .map(|i| {
            let (r, c) = (i / cols, i % cols);
            rect(
                x0 + c as f32 * cell.x + gap / 2.0,
                y0 + r as f32 * cell.y + gap / 2.0,
                cell.x - gap,
                cell.y - gap,
            )
        })
        .collect()
}

/// `k` square tiles, as large as fit in `area`, row by row.
fn grid(area: Rect, k: usize) -> Vec<Rect> {
    if k == 0 {
        return Vec::new();
    }
    let (w, h) = (area.width(), area.height());
    let cell_for = |cols: usize| (w / cols as f32).min(h / k.div_ceil(cols) as f32);
    // The largest cells; among equals, the fewest empty places.
    let cols = (1..=k)
        .max_by(|&a, &b| {
            let empty = |c: usize| k.div_ceil(c) * c - k;
            cell_for(a)
                .total_cmp(&cell_for(b))
                .then(empty(b).cmp(&empty(a)))
        })
        .unwrap_or(1);
    let rows = k.div_ceil(cols);
    let cell = cell_for(cols);
    // Centred in the area.
    let x0 = area.min.x + (w - cell * cols as f32) / 2.0;
    let y0 = area.min.y + (h - cell * rows as f32) / 2.0;
    let gap = (cell * 0.08).max(2.0);
    (0..k)
        .map(|i| {
            let (r, c) = (i / cols, i % cols);
            rect(
                x0 + c as f32 * cell + gap / 2.0,
                y0 + r as f32 * cell + gap / 2.0,
                cell - gap,
                cell - gap,
            )
        })
        .collect()
}

/// The parcel store's left part: its picture, its name and its count (the list
/// of its parcels stands right of it).
pub const STORE_LEFT: f32 = 120.0;
/// The least a row of the post office is tall with a box's count in it, and the
/// least the parcel store's row is.
const COUNTED_ROW: f32 = 86.0;
/// The least the counter's row is where it can: a ✓✓ card (62 px) rests in its
/// tray over its name and count.
const CARD_ROW: f32 = 112.0;
const STORE_MIN: f32 = 56.0;
/// How far under its long connection a phone's parcel wire leaves the postman.
pub const PARCEL_OFFSET: f32 = 14.0;

/// The post office's header and boxes in its body; with the parcel store
/// (`store`), a fourth row for it (see [`store_rows`]).
fn office_rects(office_body: Rect, store: bool) -> OfficeRects {
    let ox = office_body.min.x + 12.0;
    let oy = office_body.min.y;
    let inner = office_body.width() - 24.0;
    let half = (inner - 12.0) / 2.0;
    // Three rows of boxes under the header, 8 apart, ending 8 above the bottom.
    let top = oy + 52.0;
    if store {
        let (counter, row, h) = store_rows(office_body.max.y - 8.0 - top - 24.0);
        let mid = top + counter + 8.0;
        let low = mid + row + 8.0;
        return OfficeRects {
            card: None,
            store: Some(rect(ox, low + row + 8.0, inner, h)),
            body: office_body,
            header: rect(ox, oy + 6.0, inner, 42.0),
            counter: rect(ox, top, inner, counter),
            register: rect(ox, mid, half, row),
            archive: rect(ox + half + 12.0, mid, half, row),
            sorting: rect(ox, low, half, row),
            shelf: rect(ox + half + 12.0, low, half, row),
        };
    }
    let row = (office_body.max.y - 8.0 - top - 16.0) / 3.0;
    OfficeRects {
        card: None,
        store: None,
        body: office_body,
        header: rect(ox, oy + 6.0, inner, 42.0),
        counter: rect(ox, top, inner, row),
        register: rect(ox, top + row + 8.0, half, row),
        archive: rect(ox + half + 12.0, top + row + 8.0, half, row),
        sorting: rect(ox, top + 2.0 * (row + 8.0), half, row),
        shelf: rect(ox + half + 12.0, top + 2.0 * (row + 8.0), half, row),
    }
}

/// The heights of the counter, of the two middle rows and of the parcel store in
/// `free` pixels: the counter tall enough for a ✓✓ card in its tray over its
/// count, the other three alike, where there is room for all of them to keep
/// their counts; else (a low post office: a story with the push service) the
/// three rows alike with their counts and the store lower, or all four alike.
fn store_rows(free: f32) -> (f32, f32, f32) {
    if free >= CARD_ROW + 3.0 * COUNTED_ROW {
        let rest = (free - CARD_ROW) / 3.0;
        return (CARD_ROW, rest, rest);
    }
    let h = (free / 4.0).min((free - 3.0 * COUNTED_ROW).max(STORE_MIN));
    let row = (free - h) / 3.0;
    (row, row, h)
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect::new(x, y, x + w, y + h)
}

/// Where each device stands (issue 27): on the left or not, its row on that
/// side, and how many rows that side has. Device `i` belongs to `owners[i]`;
/// a person's devices stand together on one side (the left for the first
/// person, then alternating), in the devices' order. A scene without other
/// devices (`owners[i] == i`): phone `i` on the left when `i` is even, in row
/// `i / 2`, as ever.
pub fn places(owners: &[usize]) -> Vec<(bool, usize, usize)> {
    let mut out = vec![(true, 0, 0); owners.len()];
    for left in [true, false] {
        let mut side: Vec<usize> = (0..owners.len())
            .filter(|&i| owners[i].is_multiple_of(2) == left)
            .collect();
        side.sort_by_key(|&i| (owners[i], i));
        let k = side.len();
        for (row, &i) in side.iter().enumerate() {
            out[i] = (left, row, k);
        }
    }
    out
}

/// One person per device: `0..n`.
fn alone(n: usize) -> Vec<usize> {
    (0..n).collect()
}

impl Layout {
    pub fn new(phones: usize) -> Layout {
        Layout::arranged(&alone(phones))
    }

    /// [`Layout::new`] for devices owned so (see [`places`]).
    pub fn arranged(owners: &[usize]) -> Layout {
        let phones = owners.len();
        let crowd = phones > MAX_PHONES;
        let n = if crowd { 0 } else { phones };
        let places = places(owners);
        let office_body = rect(
            (CANVAS.x - OFFICE_W) / 2.0,
            PICTURE.min.y + 4.0,
            OFFICE_W,
            PICTURE.height() - 8.0,
        );
        let office = office_rects(office_body, false);

        // Phones alternate left, right, left, ...: the sender (first) on the left;
        // a person's devices together.
        let mut out = Vec::with_capacity(n);
        for &(left, row, k) in places.iter().take(n) {
            let gap = 12.0;
            let full = PICTURE.height() - 8.0;
            let h = ((full - gap * (k as f32 - 1.0)) / k as f32).min(full);
            let y = PICTURE.min.y + 4.0 + row as f32 * (h + gap);
            let (body_x, helper_x) = if left {
                (MARGIN, MARGIN + PHONE_W + HELPER_GAP)
            } else {
                (
                    CANVAS.x - MARGIN - PHONE_W,
                    CANVAS.x - MARGIN - PHONE_W - HELPER_GAP - HELPER_W,
                )
            };
            let body = rect(body_x, y, PHONE_W, h);
            let header_h = if k == 1 { 50.0 } else { 40.0 };
            let header = rect(body_x + 10.0, y + 8.0, PHONE_W - 20.0, header_h);
            let screen = Rect::new(
                body.min.x + 10.0,
                header.max.y + 4.0,
                body.max.x - 10.0,
                body.max.y - 12.0,
            );
            let helper_h = ((h - 12.0) / 2.0).min(HELPER_H);
            let mid = y + h / 2.0;
            let mailbox = rect(helper_x, mid - helper_h - 6.0, HELPER_W, helper_h);
            let postman = rect(helper_x, mid + 6.0, HELPER_W, helper_h);
            let wire_from = if left {
                Vec2::new(postman.max.x, postman.center().y)
            } else {
                Vec2::new(postman.min.x, postman.center().y)
            };
            // The lines of one side reach the counter spread along its edge.
            let counter = office.counter;
            let spread = (row as f32 - (k as f32 - 1.0) / 2.0) * 28.0;
            let wire_to = if left {
                Vec2::new(counter.min.x, counter.center().y + spread)
            } else {
                Vec2::new(counter.max.x, counter.center().y + spread)
            };
            out.push(PhoneRects {
                body,
                screen,
                header,
                mailbox,
                postman,
                left,
                wire_from,
                wire_to,
                over_wire: over_wire(wire_from, wire_to, &office_body, left),
                parcel_wire: None,
            });
        }
        let tile_words = crowd && phones <= CLASS_TILES;
        let tiles = if crowd {
            let area = if tile_words { CLASS_LEFT } else { CROWD_LEFT };
            let cut = if tile_words { rows } else { grid };
            let right_area = Rect::from_corners(
                Vec2::new(CANVAS.x - area.max.x, area.min.y),
                Vec2::new(CANVAS.x - area.min.x, area.max.y),
            );
            let left = cut(area, phones.div_ceil(2));
            let right = cut(right_area, phones / 2);
            (0..phones)
                .map(|i| {
                    if i % 2 == 0 {
                        left[i / 2]
                    } else {
                        right[i / 2]
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        Layout {
            phones: out,
            tiles,
            tile_words,
            office,
            push: None,
        }
    }

    /// [`Layout::new`], with the push service under the post office when `push`
    /// (and the phones are drawn whole): the post office gives it the room at its
    /// foot, its boxes a little lower (a box too low for its technical word leaves
    /// it out, as a small phone's helpers do). Without, exactly [`Layout::new`].
    pub fn with_push(phones: usize, push: bool) -> Layout {
        Layout::with_push_arranged(&alone(phones), push)
    }

    /// [`Layout::with_push`] for devices owned so (see [`places`]).
    pub fn with_push_arranged(owners: &[usize], push: bool) -> Layout {
        let mut out = Layout::arranged(owners);
        if !push || out.phones.is_empty() {
            return out;
        }
        let mut body = out.office.body;
        body.max.y -= PUSH_H + PUSH_GAP;
        let o = office_rects(body, false);
        let push_body = Rect::new(
            body.min.x,
            body.max.y + PUSH_GAP,
            body.max.x,
            body.max.y + PUSH_GAP + PUSH_H,
        );
        for p in &mut out.phones {
            p.wire_to.y = p.wire_to.y - out.office.counter.center().y + o.counter.center().y;
            p.over_wire = over_wire(p.wire_from, p.wire_to, &body, p.left);
        }
        out.office = o;
        let to_phone = out
            .phones
            .iter()
            .map(|p| {
                let y = push_body.center().y;
                // Between the mailbox and the postman.
                let mid = (p.mailbox.max.y + p.postman.min.y) / 2.0;
                if p.left {
                    [
                        Vec2::new(push_body.min.x, y),
                        Vec2::new(p.mailbox.max.x + 12.0, mid),
                        Vec2::new(p.body.max.x, mid),
                    ]
                } else {
                    [
                        Vec2::new(push_body.max.x, y),
                        Vec2::new(p.mailbox.min.x - 12.0, mid),
                        Vec2::new(p.body.min.x, mid),
                    ]
                }
            })
            .collect();
        let x = out.office.shelf.center().x;
        out.push = Some(PushRects {
            body: push_body,
            notify: (Vec2::new(x, body.max.y), Vec2::new(x, push_body.min.y)),
            to_phone,
        });
        out
    }

    /// The picture of a story: [`Layout::with_push`], and with `parcels` (a story
    /// with photos or voice messages, issue 26) the parcel store as a fourth row
    /// of the post office (its other boxes a little lower, without their
    /// technical words, as with the push service) and each phone's parcel wire
    /// from its postman to the store.
    /// Without parcels, exactly [`Layout::with_push`].
    pub fn story(phones: usize, push: bool, parcels: bool) -> Layout {
        Layout::story_arranged(&alone(phones), push, parcels)
    }

    /// [`Layout::story`] for devices owned so (see [`places`]): a person's
    /// devices together on one side.
    pub fn story_arranged(owners: &[usize], push: bool, parcels: bool) -> Layout {
        let mut out = Layout::with_push_arranged(owners, push);
        if !parcels {
            return out;
        }
        let body = out.office.body;
        let o = office_rects(body, true);
        let places = places(owners);
        let store = o.store.unwrap_or_default();
        for (p, &(_, row, k)) in out.phones.iter_mut().zip(&places) {
            p.wire_to.y = p.wire_to.y - out.office.counter.center().y + o.counter.center().y;
            p.over_wire = over_wire(p.wire_from, p.wire_to, &body, p.left);
            // The lines of one side reach the store spread along its edge, in the
            // phones' order, as the long connections reach the counter.
            let spread = (row as f32 - (k as f32 - 1.0) / 2.0) * 16.0;
            let at = if p.left {
                Vec2::new(store.min.x, store.center().y + spread)
            } else {
                Vec2::new(store.max.x, store.center().y + spread)
            };
            p.parcel_wire = Some([p.wire_from + Vec2::new(0.0, PARCEL_OFFSET), at]);
        }
        out.office = o;
        out
    }

    /// The picture's layout for story `told`: its devices, the push service,
    /// the parcel store, the post office's card of a sealed story.
    pub fn of(told: &Told) -> Layout {
        Layout::story_arranged(&told.owners(), told.has_push(), told.has_parcels())
            .with_office_card(told.sealed())
    }

    /// This layout with the post office's card under its name (issue 28: a
    /// story whose letters travel sealed): its boxes moved down and made lower
    /// alike to make room, the long connections and parcel wires still reaching
    /// the counter's and the store's middle. Without `sealed`, this layout as
    /// it is.
    pub fn with_office_card(mut self, sealed: bool) -> Layout {
        if !sealed {
            return self;
        }
        let o = self.office;
        let top = o.counter.min.y;
        let bottom = o.store.unwrap_or(o.shelf).max.y.max(o.shelf.max.y);
        let card = Rect::new(
            o.header.min.x,
            top - 2.0,
            o.header.max.x,
            top - 2.0 + OFFICE_CARD_H,
        );
        let new_top = card.max.y + 6.0;
        let k = (bottom - new_top) / (bottom - top);
        let y = |v: f32| new_top + (v - top) * k;
        let moved = |r: Rect| Rect::new(r.min.x, y(r.min.y), r.max.x, y(r.max.y));
        let office = OfficeRects {
            card: Some(card),
            counter: moved(o.counter),
            register: moved(o.register),
            archive: moved(o.archive),
            sorting: moved(o.sorting),
            shelf: moved(o.shelf),
            store: o.store.map(moved),
            ..o
        };
        let (counter_dy, store_dy) = (
            office.counter.center().y - o.counter.center().y,
            match (office.store, o.store) {
                (Some(a), Some(b)) => a.center().y - b.center().y,
                _ => 0.0,
            },
        );
        for p in &mut self.phones {
            p.wire_to.y += counter_dy;
            p.over_wire = over_wire(p.wire_from, p.wire_to, &o.body, p.left);
            if let Some([_, at]) = &mut p.parcel_wire {
                at.y += store_dy;
            }
        }
        self.office = office;
        self
    }

    /// Where a crowd tile's frames leave it, and where they reach the post office.
    /// A class's frames leave from the tile's side that faces the post office, not
    /// from over its words.
    pub fn tile_wire(&self, i: usize) -> Option<(Vec2, Vec2)> {
        let tile = self.tiles.get(i)?;
        let counter = self.office.counter;
        let left = i.is_multiple_of(2);
        let at_office = if left {
            Vec2::new(self.office.body.min.x, counter.center().y)
        } else {
            Vec2::new(self.office.body.max.x, counter.center().y)
        };
        let from = match (self.tile_words, left) {
            (false, _) => tile.center(),
            (true, true) => Vec2::new(tile.max.x, tile.center().y),
            (true, false) => Vec2::new(tile.min.x, tile.center().y),
        };
        Some((from, at_office))
    }

    /// Whether the spot is drawn (a crowd scene draws no whole phones).
    pub fn shows(&self, spot: Spot) -> bool {
        match spot {
            Spot::Screen(i) | Spot::Mailbox(i) | Spot::Postman(i) | Spot::Wire(i, _) => {
                i < self.phones.len()
            }
            Spot::Store => self.office.store.is_some(),
            _ => true,
        }
    }

    /// The rectangle of a box (or a screen) at a spot; none for a line.
    pub fn frame(&self, spot: Spot) -> Option<Rect> {
        let phone = |i: usize| self.phones.get(i);
        let o = &self.office;
        match spot {
            Spot::Screen(i) => phone(i).map(|p| p.screen),
            Spot::Mailbox(i) => phone(i).map(|p| p.mailbox),
            Spot::Postman(i) => phone(i).map(|p| p.postman),
            Spot::Wire(..) => None,
            Spot::Counter => Some(o.counter),
            Spot::Register => Some(o.register),
            Spot::Archive => Some(o.archive),
            Spot::Sorting => Some(o.sorting),
            Spot::Shelf => Some(o.shelf),
            Spot::Store => o.store,
        }
    }

    /// The parcel store's left part (its picture, name and count), and the room
    /// right of it where its parcels are listed.
    pub fn store_parts(&self) -> Option<(Rect, Rect)> {
        let r = self.office.store?;
        let split = r.min.x + STORE_LEFT;
        Some((
            Rect::new(r.min.x, r.min.y, split, r.max.y),
            Rect::new(split + 4.0, r.min.y + 2.0, r.max.x - 8.0, r.max.y - 2.0),
        ))
    }

    /// Where something that ends its way at `spot` rests, and how large it may be:
    /// a box's tray (a little wider than the box), the band at the top of a
    /// screen, or the place under a long connection's ring.
    pub fn room(&self, spot: Spot) -> Rect {
        let wider = |r: Rect| Rect::new(r.min.x - OVERHANG, r.min.y, r.max.x + OVERHANG, r.max.y);
        match spot {
            Spot::Wire(i, _) => self
                .phones
                .get(i)
                .map_or(Rect::default(), |p| p.over_wire.stop),
            Spot::Screen(i) => self.phones.get(i).map_or(Rect::default(), |p| {
                Rect::new(
                    p.screen.min.x,
                    p.screen.min.y,
                    p.screen.max.x,
                    p.screen.min.y + TRAY,
                )
            }),
            Spot::Counter | Spot::Mailbox(_) | Spot::Postman(_) | Spot::Archive | Spot::Shelf => {
                self.frame(spot)
                    .map_or(Rect::default(), |r| wider(box_parts(r, true).tray))
            }
            Spot::Register | Spot::Sorting => self
                .frame(spot)
                .map_or(Rect::default(), |r| wider(box_parts(r, false).tray)),
            Spot::Store => self.tray(spot).unwrap_or_default(),
        }
    }

    /// The boxes of the picture that show a picture in their tray, in drawing order.
    pub fn boxes(&self) -> Vec<Spot> {
        let mut out = vec![
            Spot::Counter,
            Spot::Register,
            Spot::Archive,
            Spot::Sorting,
            Spot::Shelf,
        ];
        for i in 0..self.phones.len() {
            out.extend([Spot::Mailbox(i), Spot::Postman(i)]);
        }
        if self.office.store.is_some() {
            out.push(Spot::Store);
        }
        out
    }

    /// The tray of the box at `spot` (none for a screen or a line).
    pub fn tray(&self, spot: Spot) -> Option<Rect> {
        let counted = !matches!(spot, Spot::Register | Spot::Sorting);
        match spot {
            Spot::Screen(_) | Spot::Wire(..) => None,
            // The parcel store's tray is its left part's.
            Spot::Store => self
                .store_parts()
                .map(|(left, _)| box_parts(left, true).tray),
            _ => self.frame(spot).map(|r| box_parts(r, counted).tray),
        }
    }

    /// Where the box at `spot` draws its picture: in the middle of its tray, or,
    /// `aside`, at the tray's left edge, smaller, so that what rests there lies
    /// beside it ([`Layout::room_beside_icon`]), never on it.
    pub fn icon(&self, spot: Spot, aside: bool) -> Option<Rect> {
        let tray = self.tray(spot)?;
        let side = (tray.height() - 12.0).clamp(20.0, 44.0);
        if !aside {
            return Some(Rect::from_center_size(tray.center(), Vec2::splat(side)));
        }
        let side = side.min(ICON_ASIDE);
        let min = Vec2::new(tray.min.x + 8.0, tray.center().y - side / 2.0);
        Some(Rect::from_corners(min, min + Vec2::splat(side)))
    }

    /// The room of the box at `spot` right of its picture moved aside.
    pub fn room_beside_icon(&self, spot: Spot) -> Rect {
        let room = self.room(spot);
        match self.icon(spot, true) {
            Some(icon) => Rect::new(icon.max.x + 4.0, room.min.y, room.max.x, room.max.y),
            None => room,
        }
    }

    /// The centre of something of `size` resting at `spot`: in the middle of its
    /// room (under a ring: at the top of it).
    pub fn rest(&self, spot: Spot, size: Vec2) -> Vec2 {
        let room = self.room(spot);
        match spot {
            Spot::Wire(i, _) => {
                let at = Vec2::new(room.center().x, room.min.y + size.y / 2.0);
                self.clear_of_other_lines(i, at, size)
            }
            // At the top of a screen, inside its frame, so that the chat below
            // keeps all the room the thing leaves.
            Spot::Screen(_) => Vec2::new(room.center().x, room.min.y + 5.0 + size.y / 2.0),
            _ => room.center(),
        }
    }

    /// `at` for something of `size` stopped on phone `i`'s line, moved down below
    /// another line's words where it would cover them (three or more phones: the
    /// lines of the phones on the left run close together near the post office).
    fn clear_of_other_lines(&self, i: usize, at: Vec2, size: Vec2) -> Vec2 {
        let mut at = at;
        for (j, p) in self.phones.iter().enumerate() {
            if j == i {
                continue;
            }
            for words in [p.over_wire.heard, p.over_wire.mark] {
                let here = Rect::from_center_size(at, size);
                if !here.intersect(words).is_empty() && words.width() > 0.0 {
                    at.y = words.max.y + 2.0 + size.y / 2.0;
                }
            }
        }
        at
    }

    /// The point `t` (0: at the postman, 1: at the parcel store) of phone
    /// `i`'s parcel wire (issue 26); none where the story draws none.
    pub fn parcel_point(&self, i: usize, t: f32) -> Option<Vec2> {
        let [a, b] = self.phones.get(i)?.parcel_wire?;
        Some(a.lerp(b, t.clamp(0.0, 1.0)))
    }

    /// The way a part of a parcel goes from `from` to `to` (each a spot and its
    /// point; a [`Spot::Wire`] stands for the phone's parcel wire): along the
    /// parcel wire to its end that faces where it goes (the postman's for a
    /// phone's part, the store's for the post office's), then straight on. The
    /// points in order, `from`'s first and `to`'s last.
    pub fn part_path(&self, from: (Spot, Vec2), to: (Spot, Vec2)) -> Vec<Vec2> {
        let end_toward = |wire: Spot, other: Spot| -> Option<Vec2> {
            let Spot::Wire(i, _) = wire else {
                return None;
            };
            let [at_phone, at_office] = self.phones.get(i)?.parcel_wire?;
            match other {
                Spot::Wire(..) => None,
                Spot::Screen(_) | Spot::Mailbox(_) | Spot::Postman(_) => Some(at_phone),
                Spot::Counter
                | Spot::Register
                | Spot::Archive
                | Spot::Sorting
                | Spot::Shelf
                | Spot::Store => Some(at_office),
            }
        };
        let mut out = vec![from.1];
        out.extend(end_toward(from.0, to.0));
        out.extend(end_toward(to.0, from.0));
        out.push(to.1);
        out.dedup_by(|a, b| a.distance(*b) < 0.5);
        out
    }

    /// The centre of a spot on the canvas: where a thing leaves from or heads to.
    pub fn spot(&self, spot: Spot) -> Vec2 {
        match spot {
            Spot::Wire(i, t) => self.phones.get(i).map_or(Vec2::ZERO, |p| {
                p.wire_from.lerp(p.wire_to, t.clamp(0.0, 1.0))
            }),
            _ if !self.shows(spot) => Vec2::ZERO,
            _ => self.room(spot).center(),
        }
    }
}

/// The most a question card may be tall: the room under the picture, over the
/// caption and the controls.
pub const UNDER_PICTURE: f32 = CONTROL_BAR.max.y - PICTURE.max.y - 4.0;

/// Where the scene's question card goes, `height` tall: under the picture, over the
/// caption band and the controls (the class has just read the step's caption), as
/// wide as they are, its foot at the controls' foot, and at least as tall as they
/// (no half caption shows above it). Up to [`UNDER_PICTURE`] it covers nothing of
/// the picture: no lit part, no phone, helper or label.
pub fn question_card(height: f32) -> Rect {
    let bottom = CONTROL_BAR.max.y;
    Rect::new(
        CAPTION_BAR.min.x,
        bottom - height.max(bottom - CAPTION_BAR.min.y),
        CAPTION_BAR.max.x,
        bottom,
    )
}

impl Layout {
    /// What a card must leave in view at a beat that lights `lit`: the lit parts
    /// (a line: its words, its ring and where a frame stopped on it stands), and
    /// every phone's screen, mailbox and postman with their names, every crowd tile,
    /// and the post office's boxes.
    pub fn keep_clear(&self, lit: &[Spot]) -> Vec<Rect> {
        let mut keep: Vec<Rect> = lit
            .iter()
            .filter(|s| self.shows(**s))
            .flat_map(|s| match *s {
                Spot::Wire(i, _) => self.phones.get(i).map_or(Vec::new(), |p| {
                    let w = &p.over_wire;
                    let ring = Rect::from_center_size(w.ring, Vec2::splat(RING));
                    let line = Rect::from_corners(p.wire_from, p.wire_to);
                    vec![w.heard, w.stop, ring, line]
                }),
                s => self.frame(s).into_iter().collect(),
            })
            .collect();
        for p in &self.phones {
            keep.extend([p.header, p.screen, p.mailbox, p.postman]);
        }
        keep.extend(self.tiles.iter().copied());
        let o = &self.office;
        keep.extend([
            o.header, o.counter, o.register, o.archive, o.sorting, o.shelf,
        ]);
        keep.extend(o.store);
        keep.extend(self.push.iter().map(|p| p.body));
        keep
    }
}

/// Fits the canvas into the window: the scale for `UiScale` and the canvas offset in
/// scaled units.
pub fn fit(window: Vec2) -> (f32, Vec2) {
    let scale = (window.x / CANVAS.x).min(window.y / CANVAS.y).max(0.05);
    let offset = (window / scale - CANVAS) / 2.0;
    (scale, offset)
}
