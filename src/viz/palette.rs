//! Every colour and text size, in one place. Calm, high-contrast colours that read on
//! a projector. The colours that mean something (a letter, a receipt, a loss, a
//! side road…) come from [`crate::report::palette`], which the handout's diagram
//! uses too: here they are only turned into bevy's and egui's colours.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::report::palette::{self as shared, Ink, Rgb};

/// A shared colour as bevy's.
pub const fn colour(c: Rgb) -> Color {
    Color::srgb(c.r, c.g, c.b)
}

/// A shared colour as egui's (the diagram view).
pub fn egui_colour(ink: Ink) -> egui::Color32 {
    let [r, g, b] = ink.rgb().bytes();
    egui::Color32::from_rgb(r, g, b)
}

pub const BACKGROUND: Color = Color::srgb(0.957, 0.945, 0.918);
pub const INK: Color = Color::srgb(0.17, 0.17, 0.19);
pub const INK_SOFT: Color = Color::srgb(0.38, 0.38, 0.42);
pub const CARD: Color = Color::WHITE;
pub const CARD_EDGE: Color = Color::srgb(0.82, 0.83, 0.86);
pub const PHONE_BODY: Color = Color::srgb(0.20, 0.23, 0.29);
pub const PHONE_BODY_GREY: Color = Color::srgb(0.55, 0.56, 0.58);
/// A computer's base under its screen (issue 27).
pub const LAPTOP_BASE: Color = Color::srgb(0.62, 0.65, 0.70);
pub const PHONE_NAME: Color = Color::srgb(0.96, 0.96, 0.97);
pub const SCREEN: Color = Color::srgb(0.92, 0.94, 0.96);
pub const SCREEN_GREY: Color = Color::srgb(0.80, 0.80, 0.80);
pub const BUBBLE_MINE: Color = Color::srgb(0.82, 0.94, 0.76);
pub const BUBBLE_THEIRS: Color = Color::WHITE;
pub const OFFICE: Color = Color::srgb(1.0, 0.973, 0.925);
pub const OFFICE_EDGE: Color = Color::srgb(0.79, 0.65, 0.42);
pub const OFFICE_CLOSED: Color = Color::srgb(0.86, 0.84, 0.80);
pub const MODULE_EDGE: Color = Color::srgb(0.89, 0.84, 0.74);
pub const LIT: Color = Color::srgb(0.88, 0.48, 0.12);
pub const LIT_FILL: Color = Color::srgb(1.0, 0.94, 0.85);
pub const LINK_ONLINE: Color = Color::srgb(0.30, 0.60, 0.42);
pub const LINK_CONNECTING: Color = Color::srgb(0.88, 0.63, 0.19);
pub const LINK_OFFLINE: Color = Color::srgb(0.75, 0.75, 0.75);
/// A friend's online dot beside a name on a phone (`presence`): lit, and not.
pub const DOT_ONLINE: Color = Color::srgb(0.36, 0.80, 0.45);
pub const DOT_OFFLINE: Color = Color::srgb(0.66, 0.67, 0.69);
/// A friend's dot on a phone that is not connected (it knows nothing live): a ring.
pub const DOT_UNKNOWN: Color = Color::srgb(0.93, 0.94, 0.96);
pub const LINK_NO_SIGNAL: Color = Color::srgb(0.80, 0.33, 0.29);
/// The push service (issue 24): its box's edge, its paths and its notes.
pub const PUSH: Color = Color::srgb(0.49, 0.35, 0.68);
/// A closed app's lock screen, the words on it, and a notification's banner.
pub const LOCK_SCREEN: Color = Color::srgb(0.27, 0.31, 0.40);
pub const LOCK_INK: Color = Color::srgb(0.90, 0.92, 0.96);
pub const BANNER: Color = Color::srgb(0.97, 0.97, 0.99);
pub const PAPER: Color = Color::srgb(1.0, 0.98, 0.90);
pub const PAPER_EDGE: Color = Color::srgb(0.66, 0.52, 0.33);
pub const STAMP: Color = colour(shared::LOSS);
/// A parcel's parts, its wire and its progress bars (issue 26): the diagram's
/// teal.
pub const PARCEL: Color = colour(shared::PARCEL);
/// A progress bar's empty track.
pub const BAR_TRACK: Color = Color::srgb(0.80, 0.84, 0.86);
pub const TICK: Color = colour(shared::RECEIPT);
/// Blue ✓✓: read (issue 25); the word beside it says so too.
pub const READ: Color = Color::srgb(0.13, 0.47, 0.85);
/// An open chat's header band on a phone's screen (issue 25); the chat list's
/// heading is [`LOCK_SCREEN`]'s slate.
pub const CHAT_OPEN: Color = Color::srgb(0.16, 0.42, 0.62);
/// The edge of a chat list's row.
pub const CHAT_EDGE: Color = Color::srgb(0.80, 0.82, 0.86);
/// A recalled letter's notice line.
pub const NOTICE: Color = Color::srgb(0.89, 0.90, 0.92);
/// A chat list's unread badge.
pub const UNREAD: Color = Color::srgb(0.86, 0.22, 0.20);
/// The letter a crowd scene follows, and its answers.
pub const FOLLOWED: Color = Color::srgb(1.0, 0.72, 0.12);
pub const BUTTON: Color = Color::srgb(0.98, 0.98, 0.98);
pub const BUTTON_HOVER: Color = Color::srgb(0.91, 0.93, 0.97);
pub const BUTTON_PRESSED: Color = Color::srgb(0.82, 0.86, 0.93);
pub const KEY: Color = Color::srgb(0.45, 0.47, 0.52);
pub const SENDER_STEP: Color = Color::srgb(0.23, 0.43, 0.65);
pub const OFFICE_STEP: Color = Color::srgb(0.72, 0.42, 0.11);
pub const RECIPIENT_STEP: Color = Color::srgb(0.25, 0.54, 0.35);
pub const SIDE_ROAD: Color = colour(shared::SIDE_ROAD);
pub const ERROR: Color = Color::srgb(0.70, 0.13, 0.13);

/// Every text size, in one place: canvas pixels for the picture and the bars
/// (×0.8 at 1024 × 768, ×1.5 at 1920 × 1080), screen pixels for the panel.
///
/// The floor is what a class reads from the back of the room: 14 px on a 768-line
/// projector is 1/55 of the picture's height, letters about 2 cm tall on a 1.5 m
/// high image, the size slide guides give as the least for a room of 8–10 m.
pub const FLOOR_PX: f32 = 14.0;
/// The smallest text drawn on the canvas: [`FLOOR_PX`] at the smallest scale the
/// picture is drawn at ([`MIN_SCALE`]).
pub const SMALLEST: f32 = 18.0;
/// The smallest scale the picture keeps beside the teacher's panel (the panel docks
/// below the picture rather than shrink it further): [`SMALLEST`] stays
/// [`FLOOR_PX`].
pub const MIN_SCALE: f32 = FLOOR_PX / SMALLEST;

pub const CAPTION: f32 = 24.0;
pub const HEADING: f32 = 21.0;
pub const TITLE: f32 = 24.0;
/// A person's name on their phone.
pub const NAME: f32 = 22.0;
/// A box's name (Counter, Home mailbox).
pub const MODULE: f32 = 19.0;
/// The technical word under a box's name, its count, a connection's state.
pub const TECH: f32 = SMALLEST;
pub const BUBBLE: f32 = 20.0;
/// ✓ sent, ✓✓ delivered, ❗, a return stamp: under a bubble's words.
pub const STATUS: f32 = SMALLEST;
/// The words on an envelope.
pub const ENVELOPE_TEXT: f32 = SMALLEST;
/// A stamp on an envelope or a card (Lost, Returned, Duplicate).
pub const STAMP_TEXT: f32 = SMALLEST;
/// The ticks on a receipt card.
pub const TICKS: f32 = 24.0;
/// The words over a long connection ("heard 3 s ago", an armed fault).
pub const WIRE_TEXT: f32 = SMALLEST;
pub const BUTTON_TEXT: f32 = SMALLEST;
pub const KEY_TEXT: f32 = SMALLEST;
pub const ERROR_TEXT: f32 = 20.0;

/// The teacher's panel (egui, screen pixels, not scaled with the picture).
pub const PANEL_TEXT: f32 = 16.0;
pub const PANEL_SMALL: f32 = FLOOR_PX;
pub const PANEL_HEADING: f32 = 21.0;

/// The colour of a step's heading: the sender's, the post office's or the
/// recipient's part of the journey, or a side road.
pub fn step_colour(step: Option<u8>) -> Color {
    match step {
        Some(1..=3) => SENDER_STEP,
        Some(4..=6) => OFFICE_STEP,
        Some(_) => RECIPIENT_STEP,
        None => SIDE_ROAD,
    }
}

/// The colour behind a person's initial when there is no picture of them: always the
/// same for the same name.
pub fn face(name: &str) -> Color {
    let hue = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % 360;
    Color::hsl(hue as f32, 0.45, 0.55)
}
