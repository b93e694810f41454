//! The window's decisions about single kinds (tests/kinds_once.rs): each an
//! exhaustive match, so that a new kind is a compile error here.

use crate::sim::FrameKind;

/// Whether the picture (not a crowd) draws a frame of this kind as a small dot on
/// its phone's wire, by the clock, in its catalogue look's colour: the presence
/// frames (`presence?`, `presence`, `typing`). Letters and their cards travel as
/// envelopes and cards (the beats say where), heartbeats as hearts; logins,
/// goodbyes and the rest are told by the captions and the connection's colour.
pub fn dot_on_wire(kind: FrameKind) -> bool {
    match kind {
        FrameKind::PresenceAsk | FrameKind::Presence | FrameKind::Typing => true,
        FrameKind::Login
        | FrameKind::Logout
        | FrameKind::Heartbeat
        | FrameKind::MsgR
        | FrameKind::AckR
        | FrameKind::AckC
        | FrameKind::LoginOk
        | FrameKind::HeartbeatReply
        | FrameKind::MsgA
        | FrameKind::Returned
        | FrameKind::MsgN
        | FrameKind::AckA
        | FrameKind::AckN
        | FrameKind::NotLoggedIn
        | FrameKind::Closing => false,
    }
}
