//! What a state machine hands back instead of doing anything itself: frames to put on
//! a link, timers to set, trace events, and a tally of outcomes. The simulation turns
//! these into scheduled events ("sans-IO": the phone and the post office never touch
//! a clock, a socket or a random number generator).

use std::sync::Arc;

use super::frame::{Envelope, Frame, MsgId};
use super::trace::{Actor, Event, What};
use super::world::{DeviceIdx, Time, UserIdx};

/// A phone's timers. Generations let a newer timer supersede an older one still in
/// the queue.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PhoneTimer {
    Heartbeat {
        generation: u32,
    },
    Reconnect {
        generation: u32,
    },
    RetryCheck,
    /// `presence: Pull`: time to ask about the friends again (unless a newer round
    /// of asking started since).
    Poll {
        generation: u32,
    },
    /// "`by` is typing…" ends unless a newer notice came since.
    TypingEnds {
        by: UserIdx,
    },
    /// `shelf: Fetched`: ask again unless the answer (`fetch:A`) came since the
    /// ask of this round.
    FetchCheck {
        generation: u32,
    },
}

/// The post office's timers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ServerTimer {
    /// `user` has been silent for the timeout unless a newer heartbeat re-armed it.
    Silence { user: DeviceIdx, generation: u32 },
    /// Re-send forwarded letters that were not acknowledged.
    ForwardCheck,
    /// `parcels: (keep_ms:)`: the parcel store throws out letter `id`'s parcel
    /// (issue 26). Not story work: a run that is over never gets to it.
    ParcelExpires { id: MsgId },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Timer {
    Phone(PhoneTimer),
    Server(ServerTimer),
}

/// Counts of what happened to letters, kept whether or not the trace is.
#[derive(Clone, Default, Debug, PartialEq)]
pub struct Tally {
    /// Letters written (tapped Send).
    pub written: u64,
    /// Letters shown on a recipient's screen (a group letter counts once per member).
    pub displayed: u64,
    /// Letters returned to their sender.
    pub returned: u64,
    /// Letters their sender gave up on.
    pub lost: u64,
    /// Milliseconds from Send to display, one entry per displayed copy.
    pub delivery_ms: Vec<u32>,
    /// Frames lost on the way.
    pub frames_lost: u64,
    /// `presence?` and `presence` frames put on a link.
    pub presence_frames: u64,
    /// Dots that changed to what the post office holds because the friend was
    /// marked online or offline there while the viewer was logged in (news of a
    /// change), from `Sim::time_dots_from` on; see `dot_late_ms`.
    pub dot_fixes: u64,
    /// For each of `dot_fixes`: how long the dot had disagreed with the post
    /// office, in milliseconds: from the friend's last change at the post office to
    /// the moment the dot changed.
    pub dot_late_ms: u64,
    /// Dots that changed to what the post office holds but are not timed: the
    /// friend's change came while the viewer was away (set at its login), or before
    /// the simulation's `time_dots_from` (a bench's mass login at the start).
    pub dots_untimed: u64,
}

/// The output buffer of one handler call; reused, so handling allocates nothing.
#[derive(Default)]
pub struct Out {
    /// Whether trace events are wanted at all.
    pub tracing: bool,
    pub events: Vec<Event>,
    /// Frames to send on the connection of the given phone (from the phone itself,
    /// or from the post office to that phone).
    pub frames: Vec<(DeviceIdx, Frame)>,
    /// Timers to set: after this delay.
    pub timers: Vec<(Time, Timer)>,
    pub tally: Tally,
    /// The dots a phone's handler just changed, (friend, online): the simulation
    /// reads them to time each dot against the post office.
    pub dots_changed: Vec<(UserIdx, bool)>,
    /// Notifications the post office hands the push service (`notify`), for the
    /// phone named.
    pub notices: Vec<(DeviceIdx, Arc<Envelope>)>,
}

impl Out {
    pub fn new(tracing: bool) -> Self {
        Out {
            tracing,
            ..Out::default()
        }
    }

    /// Records an event when tracing.
    #[inline]
    pub fn note(&mut self, at: Time, actor: Actor, msg: Option<&Arc<Envelope>>, what: What) {
        if self.tracing {
            self.events.push(Event {
                at,
                actor,
                msg: msg.cloned(),
                what,
            });
        }
    }

    #[inline]
    pub fn send(&mut self, link: DeviceIdx, frame: Frame) {
        self.frames.push((link, frame));
    }

    #[inline]
    pub fn set_timer(&mut self, delay: Time, timer: Timer) {
        self.timers.push((delay, timer));
    }
}
