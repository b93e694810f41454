//! The questions the report layer asks of single kinds (see docs/adding-a-kind.md):
//! whether an event puts a frame on a wire or loses one, starts a letter, tells a
//! loss, or turns a lane on or off.

use crate::sim::{
    Actor, DeviceIdx, Dir, Event, FrameId, FrameKind, Lane, MsgId, Stage, Time, What,
};

/// A frame put on a wire.
#[derive(Clone, Copy, Debug)]
pub struct FrameOut {
    pub id: FrameId,
    pub user: DeviceIdx,
    pub dir: Dir,
    pub frame: FrameKind,
    pub arrives: Time,
}

/// The frame `e` puts on a wire, if it does.
pub fn frame_out(e: &Event) -> Option<FrameOut> {
    if let What::FrameOut {
        id,
        user,
        dir,
        frame,
        arrives,
    } = e.what
    {
        Some(FrameOut {
            id,
            user,
            dir,
            frame,
            arrives,
        })
    } else {
        None
    }
}

/// The frame `e` loses on the way, if it does.
pub fn frame_lost(e: &Event) -> Option<FrameId> {
    if let What::FrameLost { id, .. } = e.what {
        Some(id)
    } else {
        None
    }
}

/// The letter `e` starts writing, if it does.
pub fn written(e: &Event) -> Option<MsgId> {
    if let (What::Edit { .. }, Some(m)) = (&e.what, &e.msg) {
        Some(m.id)
    } else {
        None
    }
}

/// Whether `e` tells a loss: a frame lost on the way, a letter not sent.
pub fn is_loss(e: &Event) -> bool {
    matches!(e.what, What::FrameLost { .. } | What::Lost { .. })
}

/// Whether `e` is one of a letter's nine steps (not a side road).
pub fn on_the_way(e: &Event) -> bool {
    matches!(e.stage(), Stage::Step(_))
}

/// The lane `e` turns on (connected, open) or off (gone offline, closed), if any.
pub fn lane_switch(e: &Event) -> Option<(Lane, bool)> {
    if matches!(e.what, What::PostOfficeOpened) {
        return Some((Lane::PostOffice, true));
    }
    if matches!(e.what, What::PostOfficeClosed) {
        return Some((Lane::PostOffice, false));
    }
    let Actor::Phone(u) = e.actor else {
        return None;
    };
    if matches!(e.what, What::Connected) {
        Some((Lane::Phone(u), true))
    } else if matches!(
        e.what,
        What::LoggedOut | What::ConnectionLost { .. } | What::AppClosed
    ) {
        Some((Lane::Phone(u), false))
    } else {
        None
    }
}

/// What a folded frame counts as in its phone's note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folds {
    Beat,
    Answer,
    /// A login attempt (lost on the way).
    Login,
}

pub fn folds_as(frame: FrameKind) -> Folds {
    if matches!(frame, FrameKind::Heartbeat) {
        Folds::Beat
    } else if matches!(frame, FrameKind::HeartbeatReply) {
        Folds::Answer
    } else {
        Folds::Login
    }
}

/// Whether a frame carries news about people rather than mail: who is online
/// (`presence?`, `presence`) and "typing…". The handout draws these thin and
/// dotted, so that a class tells them from letters at a glance, and lighter, so
/// that many of them (a phone asking every few seconds) do not drown the letters.
/// Read from the catalogue (cargo `News`), as the window's picture reads it.
pub fn news(frame: FrameKind) -> bool {
    frame.row().cargo == crate::sim::kinds::Cargo::News
}

/// Whether a frame is a notification of a letter (`notify`, `push`: cargo
/// `Notice` in the catalogue), which goes through the phone system's push service
/// (issue 24). The handout draws these thin and dotted, as news about people, on
/// the push service's lane where the scene has notifications.
pub fn notice(frame: FrameKind) -> bool {
    frame.row().cargo == crate::sim::kinds::Cargo::Notice
}

/// Whether a frame carries a letter itself (`msg:R`, `msg:N`: cargo `Letter` in
/// the catalogue): a recalled letter's arrows are these (issue 25).
pub fn carries_letter(frame: FrameKind) -> bool {
    frame.row().cargo == crate::sim::kinds::Cargo::Letter
}

/// The letter whose recall the post office accepts at `e`, if it does.
pub fn recall_accepted(e: &Event) -> Option<MsgId> {
    if let (What::RecallAccepted { .. }, Some(m)) = (&e.what, &e.msg) {
        Some(m.id)
    } else {
        None
    }
}

/// Whether `e` tears up a copy of a recalled letter: the post office's archive
/// copy (the recall accepted) or a phone's (`recalled`).
pub fn tears_up(e: &Event) -> bool {
    recall_accepted(e).is_some() || matches!(e.what, What::Recalled { .. })
}
