//! The window's decisions about single kinds (tests/kinds_once.rs): each read
//! from a column of the catalogue (`sim/kinds.rs`) or an exhaustive match, so
//! that a new kind is decided in one place.

use crate::sim::FrameKind;
use crate::sim::kinds::Cargo;

/// Whether the picture (not a crowd) draws a frame of this kind as a small dot on
/// its phone's wire, by the clock, in its catalogue look's colour: the presence
/// frames (`presence?`, `presence`, `typing`: cargo `News` in the catalogue,
/// which the handout reads too), and the phone's ask for its waiting letters and
/// its answer ([`asks_the_shelf`]). Letters and their cards travel as envelopes
/// and cards (the beats say where), heartbeats as hearts, notifications on the
/// push service's own paths ([`on_push_path`]); logins, goodbyes and the rest are
/// told by the captions and the connection's colour.
pub fn dot_on_wire(kind: FrameKind) -> bool {
    kind.row().cargo == Cargo::News || asks_the_shelf(kind)
}

/// Whether the picture draws a frame of this kind on the push service's paths
/// (post office → push service → phone), not on the phone's long connection: the
/// notifications (cargo `Notice` in the catalogue).
pub fn on_push_path(kind: FrameKind) -> bool {
    kind.row().cargo == Cargo::Notice
}

/// `fetch` and `fetch:A` (`shelf: Fetched`): the only frames of cargo `Other`
/// that the picture flies, since nothing else on screen tells them (a login
/// shows in the connection's colour, a goodbye in the phone's).
fn asks_the_shelf(kind: FrameKind) -> bool {
    use FrameKind as K;
    match kind {
        K::Fetch | K::FetchA => true,
        K::Login
        | K::Logout
        | K::Heartbeat
        | K::MsgR
        | K::AckR
        | K::AckC
        | K::LoginOk
        | K::HeartbeatReply
        | K::MsgA
        | K::Returned
        | K::MsgN
        | K::AckA
        | K::AckN
        | K::NotLoggedIn
        | K::Closing
        | K::PresenceAsk
        | K::Presence
        | K::Typing
        | K::Bye
        | K::Notify
        | K::Push
        | K::Read
        | K::ReadA
        | K::ReadN
        | K::ReadC => false,
        // Recalls travel as cards (`view/recall.rs` says where).
        K::Recall | K::RecallA | K::RecallN | K::RecallC => false,
        // A parcel's parts travel as the view's part tokens (`view/parcel.rs`
        // says where); the questions about them are not flown (issue 26).
        K::PartR | K::PartAsk | K::PartA | K::Get | K::PartN | K::Gone => false,
        // The archive's letters to a new device (issue 27) are cargo `Letter`
        // and `Ack`: they fly as such.
        K::HistN | K::HistA => false,
    }
}

/// Whether the narrated event `e` is the post office handing the push service a
/// notification (`notify`): its beat lights the push service's box.
pub fn hands_a_notice(e: &crate::sim::Event) -> bool {
    matches!(e.what, crate::sim::What::Notify { .. })
}
