//! The window's decisions about single kinds (tests/kinds_once.rs): each read
//! from a column of the catalogue (`sim/kinds.rs`) or an exhaustive match, so
//! that a new kind is decided in one place.

use crate::sim::FrameKind;

/// Whether the picture (not a crowd) draws a frame of this kind as a small dot on
/// its phone's wire, by the clock, in its catalogue look's colour: the presence
/// frames (`presence?`, `presence`, `typing`: cargo `News` in the catalogue,
/// which the handout reads too). Letters and their cards travel as
/// envelopes and cards (the beats say where), heartbeats as hearts; logins,
/// goodbyes and the rest are told by the captions and the connection's colour.
pub fn dot_on_wire(kind: FrameKind) -> bool {
    kind.row().cargo == crate::sim::kinds::Cargo::News
}
