//! A phone's parcel wire (issue 26): the connection its photos and voice
//! messages travel on, beside its long connection (real apps upload a photo on
//! a connection of its own to their file servers, so that letters and heartbeats
//! are not stuck behind it).
//!
//! Each way of a phone's link has one: a queue with a time it is free again. A
//! part occupies it for its size over the scene's bandwidth (`network:
//! (bandwidth_kb_per_s:)`; none without one), one part after another, then
//! travels with the link's latency; it arrives in order. It shares the link's
//! fate: its signal (a tunnel loses what is on it), its loss and its `Drop`
//! faults. A logout, a closed app or the post office closing cuts it: what is on
//! it then never arrives, and it is free at once.
//!
//! The table is kept beside the links, by phone, and a wire is made the first
//! time one of its frames goes: a large run without parcels has none.

use std::collections::BTreeMap;

use super::Sim;
use super::frame::{Dir, Frame};
use super::parcel::{part_size, wire_ms};
use super::trace::{FrameId, LossCause};
use super::world::{DeviceIdx, Time};

/// One phone's parcel wire.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParcelWire {
    /// When each way (by [`Dir::index`]) is free again.
    free_at: [Time; 2],
    /// Each way's last arrival: the wire delivers in order.
    last_arrival: [Time; 2],
    /// The frames numbered up to this one were on the wire when it was last
    /// cut: they never arrive.
    cut_below: u32,
    cut_cause: Option<LossCause>,
}

/// Every phone's parcel wire that has carried a frame.
#[derive(Clone, Debug, Default)]
pub struct ParcelWires {
    by_phone: BTreeMap<DeviceIdx, ParcelWire>,
}

impl Sim {
    /// The size of a parcel-wire frame on the wire, in kB: a part's; the
    /// questions and answers about parts take no time of their own.
    fn frame_kb(&self, frame: &Frame) -> u32 {
        let part_kb = self.settings.parcels.part_kb;
        match frame {
            Frame::PartR { env, part, .. } => env
                .parcel
                .as_deref()
                .map_or(0, |slip| slip.part_kb(*part, part_kb)),
            Frame::PartN { part, kb, .. } => part_size(*kb, part_kb, *part),
            _ => 0,
        }
    }

    /// When a frame put on `user`'s parcel wire now (the way `dir`) arrives,
    /// after `latency`: it waits for the wire, occupies it for its size, travels.
    pub(super) fn parcel_arrival(
        &mut self,
        user: DeviceIdx,
        dir: Dir,
        frame: &Frame,
        latency: Time,
    ) -> Time {
        let on_wire = wire_ms(
            self.frame_kb(frame),
            self.settings.network.bandwidth_kb_per_s,
        );
        let now = self.now;
        let wire = self.parcel_wires.by_phone.entry(user).or_default();
        let way = dir.index();
        let done = wire.free_at[way].max(now).saturating_add(on_wire);
        wire.free_at[way] = done;
        let arrives = done.saturating_add(latency).max(wire.last_arrival[way]);
        wire.last_arrival[way] = arrives;
        arrives
    }

    /// `user`'s parcel wire is cut (`cause`): what is on it never arrives, and
    /// it is free at once. Nothing for a phone that never had one.
    pub(super) fn cut_parcel_wire(&mut self, user: DeviceIdx, cause: LossCause) {
        let (now, last) = (self.now, self.frames_out);
        if let Some(wire) = self.parcel_wires.by_phone.get_mut(&user) {
            *wire = ParcelWire {
                free_at: [now; 2],
                last_arrival: [now; 2],
                cut_below: last,
                cut_cause: Some(cause),
            };
        }
    }

    /// Every parcel wire is cut (the post office closes).
    pub(super) fn cut_every_parcel_wire(&mut self, cause: LossCause) {
        let users: Vec<DeviceIdx> = self.parcel_wires.by_phone.keys().copied().collect();
        for u in users {
            self.cut_parcel_wire(u, cause);
        }
    }

    /// Whether frame `id` on `user`'s parcel wire was on it when it was cut, and
    /// why it was.
    pub(super) fn parcel_cut(&self, user: DeviceIdx, id: FrameId) -> Option<LossCause> {
        let wire = self.parcel_wires.by_phone.get(&user)?;
        (id.0 <= wire.cut_below).then_some(wire.cut_cause).flatten()
    }
}
