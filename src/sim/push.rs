//! The phone system's push service (Apple's, Huawei's, Xiaomi's — 推送服务): a
//! party between the post office and the phones, only in a scene with
//! `notifications:` on. The post office hands it a short notification of a letter
//! shelved for a phone whose app is closed (`notify`, on the post office's own
//! wired line: never lost); it forwards it to the phone over the phone's signal
//! (`push`: the phone's link, so its loss, `Drop` faults of class `Any` and a
//! tunnel apply). Without signal it holds the notification until the signal
//! returns, only the latest one per phone (as Apple's keeps the latest per app).
//! Nothing is retried: a lost notification only delays, as the letter stays on
//! the shelf until the app opens.

use std::collections::BTreeMap;
use std::sync::Arc;

use rand::RngExt;

use super::frame::{Dir, Envelope, Frame, FrameKind};
use super::trace::{Actor, FrameId, What};
use super::world::{DeviceIdx, Time};
use super::{AppState, Pending, Sim};

/// What the push service holds: per phone without signal, its latest notification.
#[derive(Clone, Debug, Default)]
pub struct PushService {
    pub held: BTreeMap<DeviceIdx, Arc<Envelope>>,
}

impl Sim {
    /// The push service, as the simulation holds it.
    pub fn push_service(&self) -> &PushService {
        &self.push
    }

    /// A frame's time on the way, drawn from the scene's latency.
    pub(super) fn latency(&mut self) -> Time {
        let (min, max) = self.settings.network.latency_ms;
        if max > min {
            self.rng.random_range(min..=max)
        } else {
            min
        }
    }

    /// `notify`: the post office → the push service, about a letter for `to`.
    pub(super) fn notify_leg(&mut self, to: DeviceIdx, env: Arc<Envelope>) {
        let arrives = self.now.saturating_add(self.latency());
        self.frames_out = self.frames_out.wrapping_add(1);
        let id = FrameId(self.frames_out);
        self.out.note(
            self.now,
            Actor::PostOffice,
            Some(&env),
            What::FrameOut {
                id,
                user: to,
                dir: Dir::ToPhone,
                frame: FrameKind::Notify,
                arrives,
            },
        );
        self.queue
            .schedule_at(arrives, Pending::Notice { to, id, env });
    }

    /// The notification reaches the push service: on to the phone if it has
    /// signal, else held (the latest one only).
    pub(super) fn at_push_service(&mut self, to: DeviceIdx, _id: FrameId, env: Arc<Envelope>) {
        if self.links[to.index()].up {
            self.transmit(to, Dir::ToPhone, Frame::Push(env));
        } else {
            let replaced = self.push.held.insert(to, env.clone()).is_some();
            self.out.note(
                self.now,
                Actor::PushService,
                Some(&env),
                What::PushHeld { to, replaced },
            );
        }
    }

    /// `u`'s signal is back: the push service sends what it held for it.
    pub(super) fn release_held(&mut self, u: DeviceIdx) {
        if let Some(env) = self.push.held.remove(&u) {
            self.transmit(u, Dir::ToPhone, Frame::Push(env));
        }
    }

    /// Whether a frame toward phone `u` finds it off: a logged-out phone takes
    /// nothing; a closed app takes only the push service's notifications.
    pub(super) fn phone_off_for(&self, u: DeviceIdx, frame: &Frame) -> bool {
        let phone = &self.phones[u.index()];
        match frame.kind() {
            FrameKind::Push => phone.app_state() == AppState::LoggedOut,
            _ => phone.app_state() != AppState::Open,
        }
    }
}
