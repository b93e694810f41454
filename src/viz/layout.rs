//! Where everything is drawn, on a 1280 × 720 canvas (y down) that is scaled to the
//! window. One place for every rectangle; pictures and motion read it from here.

use bevy::prelude::*;

use super::story::Spot;

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

/// The most phones drawn (three a side).
pub const MAX_PHONES: usize = 6;

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
}

/// Where a crowd's tiles go: beside the post office, on each side.
const CROWD_LEFT: Rect = Rect {
    min: Vec2::new(16.0, 60.0),
    max: Vec2::new(436.0, 544.0),
};

/// The most phones whose tiles show words (a class: as many as a live lesson has).
pub const CLASS_TILES: usize = super::told::MAX_LIVE;
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

fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect::new(x, y, x + w, y + h)
}

impl Layout {
    pub fn new(phones: usize) -> Layout {
        let crowd = phones > MAX_PHONES;
        let n = if crowd { 0 } else { phones };
        let office_body = rect(450.0, PICTURE.min.y + 4.0, 380.0, PICTURE.height() - 8.0);
        let ox = office_body.min.x + 12.0;
        let oy = office_body.min.y;
        let inner = office_body.width() - 24.0;
        let half = (inner - 12.0) / 2.0;
        let office = OfficeRects {
            body: office_body,
            header: rect(ox, oy + 8.0, inner, 56.0),
            counter: rect(ox, oy + 76.0, inner, 96.0),
            register: rect(ox, oy + 188.0, half, 110.0),
            archive: rect(ox + half + 12.0, oy + 188.0, half, 110.0),
            sorting: rect(ox, oy + 314.0, half, 110.0),
            shelf: rect(ox + half + 12.0, oy + 314.0, half, 110.0),
        };

        // Phones alternate left, right, left, ...: the sender (first) on the left.
        let left_count = n.div_ceil(2);
        let right_count = n / 2;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let left = i % 2 == 0;
            let (k, row) = if left {
                (left_count, i / 2)
            } else {
                (right_count, i / 2)
            };
            let gap = 12.0;
            let full = PICTURE.height() - 8.0;
            let h = ((full - gap * (k as f32 - 1.0)) / k as f32).min(full);
            let y = PICTURE.min.y + 4.0 + row as f32 * (h + gap);
            let body_w = 220.0;
            let helper_w = 120.0;
            let (body_x, helper_x) = if left {
                (20.0, 20.0 + body_w + 10.0)
            } else {
                (
                    CANVAS.x - 20.0 - body_w,
                    CANVAS.x - 20.0 - body_w - 10.0 - helper_w,
                )
            };
            let body = rect(body_x, y, body_w, h);
            let header_h = if k == 1 { 56.0 } else { 40.0 };
            let header = rect(body_x + 10.0, y + 8.0, body_w - 20.0, header_h);
            let screen = Rect::new(
                body.min.x + 10.0,
                header.max.y + 4.0,
                body.max.x - 10.0,
                body.max.y - 12.0,
            );
            let helper_h = ((h - 12.0) / 2.0).min(130.0);
            let mid = y + h / 2.0;
            let mailbox = rect(helper_x, mid - helper_h - 6.0, helper_w, helper_h);
            let postman = rect(helper_x, mid + 6.0, helper_w, helper_h);
            let wire_from = if left {
                Vec2::new(postman.max.x, postman.center().y)
            } else {
                Vec2::new(postman.min.x, postman.center().y)
            };
            let counter = office.counter;
            let wire_to = if left {
                Vec2::new(counter.min.x, counter.center().y)
            } else {
                Vec2::new(counter.max.x, counter.center().y)
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
        }
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
            _ => true,
        }
    }

    /// The centre of a spot on the canvas.
    pub fn spot(&self, spot: Spot) -> Vec2 {
        let phone = |i: usize| self.phones.get(i).copied();
        // Over a module's picture, so that its name stays readable.
        let on_top = |r: Rect| Vec2::new(r.center().x, r.min.y + (r.height() * 0.22).min(26.0));
        match spot {
            // At the top of a screen, like a notification: the chat is at the bottom.
            Spot::Screen(i) => phone(i).map_or(Vec2::ZERO, |p| {
                Vec2::new(p.screen.center().x, p.screen.min.y + 34.0)
            }),
            Spot::Mailbox(i) => phone(i).map_or(Vec2::ZERO, |p| on_top(p.mailbox)),
            Spot::Postman(i) => phone(i).map_or(Vec2::ZERO, |p| on_top(p.postman)),
            Spot::Wire(i, t) => phone(i).map_or(Vec2::ZERO, |p| {
                p.wire_from.lerp(p.wire_to, t.clamp(0.0, 1.0))
            }),
            Spot::Counter => on_top(self.office.counter),
            Spot::Register => on_top(self.office.register),
            Spot::Archive => on_top(self.office.archive),
            Spot::Sorting => on_top(self.office.sorting),
            Spot::Shelf => on_top(self.office.shelf),
        }
    }
}

/// Fits the canvas into the window: the scale for `UiScale` and the canvas offset in
/// scaled units.
pub fn fit(window: Vec2) -> (f32, Vec2) {
    let scale = (window.x / CANVAS.x).min(window.y / CANVAS.y).max(0.05);
    let offset = (window / scale - CANVAS) / 2.0;
    (scale, offset)
}
