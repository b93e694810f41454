//! Every colour and text size, in one place. Calm, high-contrast colours that read on
//! a projector.

use bevy::prelude::*;

pub const BACKGROUND: Color = Color::srgb(0.957, 0.945, 0.918);
pub const INK: Color = Color::srgb(0.17, 0.17, 0.19);
pub const INK_SOFT: Color = Color::srgb(0.38, 0.38, 0.42);
pub const CARD: Color = Color::WHITE;
pub const CARD_EDGE: Color = Color::srgb(0.82, 0.83, 0.86);
pub const PHONE_BODY: Color = Color::srgb(0.20, 0.23, 0.29);
pub const PHONE_BODY_GREY: Color = Color::srgb(0.55, 0.56, 0.58);
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
pub const LINK_NO_SIGNAL: Color = Color::srgb(0.80, 0.33, 0.29);
pub const PAPER: Color = Color::srgb(1.0, 0.98, 0.90);
pub const PAPER_EDGE: Color = Color::srgb(0.66, 0.52, 0.33);
pub const STAMP: Color = Color::srgb(0.78, 0.16, 0.16);
pub const TICK: Color = Color::srgb(0.20, 0.55, 0.35);
/// The letter a crowd scene follows, and its answers.
pub const FOLLOWED: Color = Color::srgb(1.0, 0.72, 0.12);
/// Acknowledgements on the wires of a crowd scene.
pub const ACK: Color = Color::srgb(0.25, 0.45, 0.85);
pub const BUTTON: Color = Color::srgb(0.98, 0.98, 0.98);
pub const BUTTON_HOVER: Color = Color::srgb(0.91, 0.93, 0.97);
pub const BUTTON_PRESSED: Color = Color::srgb(0.82, 0.86, 0.93);
pub const KEY: Color = Color::srgb(0.45, 0.47, 0.52);
pub const SENDER_STEP: Color = Color::srgb(0.23, 0.43, 0.65);
pub const OFFICE_STEP: Color = Color::srgb(0.72, 0.42, 0.11);
pub const RECIPIENT_STEP: Color = Color::srgb(0.25, 0.54, 0.35);
pub const SIDE_ROAD: Color = Color::srgb(0.54, 0.31, 0.64);
pub const ERROR: Color = Color::srgb(0.70, 0.13, 0.13);

/// Text sizes on the 1280 × 720 canvas (×1.5 at 1080p).
pub const CAPTION: f32 = 24.0;
pub const HEADING: f32 = 21.0;
pub const TITLE: f32 = 24.0;
pub const NAME: f32 = 20.0;
pub const MODULE: f32 = 16.0;
pub const TECH: f32 = 12.5;
pub const BUBBLE: f32 = 18.0;
pub const BUTTON_TEXT: f32 = 16.0;
pub const KEY_TEXT: f32 = 12.5;

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
