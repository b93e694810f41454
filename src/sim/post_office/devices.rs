//! The post office's part in a person's several devices (issue 27): a copy of
//! each letter she writes goes to her other devices, so that they agree; a
//! device that logs in for the first time joins (from then on it gets her
//! letters, on its own place on the shelf while it is away) and, with
//! `keeps_history: true`, is sent the conversation from the archive (`hist:N`,
//! sent again until it answers `hist:A`); without it, its home mailbox starts
//! empty: the archive is the post office's own.

use std::sync::Arc;

use super::{History, PostOffice};
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame, FrameKind};
use crate::sim::trace::{Actor, What};
use crate::sim::world::{Dest, DeviceIdx, Settings, Time};

impl PostOffice {
    /// A letter `device` wrote was accepted: a copy to each other device of its
    /// writer that joined (down its line, or onto its place on the shelf).
    pub(super) fn copy_to_own_devices(
        &mut self,
        now: Time,
        env: &Arc<Envelope>,
        device: DeviceIdx,
        archived: u32,
        s: &Settings,
        out: &mut Out,
    ) {
        if !self.world.has_devices() {
            return;
        }
        let others: Vec<DeviceIdx> = self
            .joined_of(env.from())
            .filter(|&d| d != device)
            .collect();
        for d in others {
            out.note(now, Actor::PostOffice, Some(env), What::OwnCopy { to: d });
            self.forward_to(now, env.clone(), d, archived, s, out);
        }
    }

    /// Device `d` logged in for the first time (only another device can: a
    /// main phone has always been known).
    pub(super) fn device_joins(&mut self, now: Time, d: DeviceIdx, s: &Settings, out: &mut Out) {
        if !s.keeps_history {
            out.note(
                now,
                Actor::PostOffice,
                None,
                What::NewDeviceEmpty { device: d },
            );
            return;
        }
        let letters: Arc<[Arc<Envelope>]> = self.history_of(d).into();
        let count = letters.len() as u32;
        out.note(
            now,
            Actor::PostOffice,
            None,
            What::HistorySent { to: d, count },
        );
        out.send(d, Frame::HistN(letters.clone()));
        self.history.insert(
            d,
            History {
                letters,
                last_sent: now,
                retries: 0,
                sent: true,
            },
        );
        self.arm_check(s, out);
    }

    /// The archive's letters of `d`'s owner's conversations, in archive order:
    /// every accepted letter not torn up by a recall that she wrote or that was
    /// addressed to her, and the letters of the groups she is a member of now.
    pub fn history_of(&self, d: DeviceIdx) -> Vec<Arc<Envelope>> {
        let u = self.world.owner(d);
        self.archive
            .iter()
            .filter(|e| !self.recalled(e.id))
            .filter(|e| match e.to {
                Dest::User(to) => e.from() == u || to == u,
                Dest::Group(g) => self.members.contains(g, u),
            })
            .cloned()
            .collect()
    }

    /// `hist:N` not answered within `grace_ms` goes again, at most
    /// `max_retries` times; then the post office gives up on it.
    pub(super) fn check_history(&mut self, now: Time, s: &Settings, out: &mut Out) {
        for (&d, h) in self.history.iter_mut() {
            if !h.sent || now.saturating_sub(h.last_sent) < s.retry.grace_ms {
                continue;
            }
            if h.retries < s.retry.max_retries && self.sessions[d.index()].online {
                h.retries += 1;
                h.last_sent = now;
                let what = What::Retry {
                    frame: FrameKind::HistN,
                    attempt: h.retries,
                    to: Some(d),
                };
                out.note(now, Actor::PostOffice, None, what);
                out.send(d, Frame::HistN(h.letters.clone()));
            } else {
                // Kept for the device's next login or heartbeat.
                h.sent = false;
            }
        }
    }

    /// Device `d` is heard from (a login, a heartbeat): the archive's letters
    /// still owed to it go again.
    pub(super) fn hand_over_history(
        &mut self,
        now: Time,
        d: DeviceIdx,
        s: &Settings,
        out: &mut Out,
    ) {
        let Some(h) = self.history.get_mut(&d).filter(|h| !h.sent) else {
            return;
        };
        h.sent = true;
        h.retries = 0;
        h.last_sent = now;
        out.send(d, Frame::HistN(h.letters.clone()));
        self.arm_check(s, out);
    }

    /// Device `d` is marked offline: the archive's letters on their way to it
    /// wait for its return.
    pub(super) fn keep_history(&mut self, d: DeviceIdx) {
        if let Some(h) = self.history.get_mut(&d) {
            h.sent = false;
        }
    }

    /// Whether `hist:N` is on its way (the check timer runs).
    pub(super) fn history_in_flight(&self) -> bool {
        self.history.values().any(|h| h.sent)
    }

    /// `hist:N` still unanswered.
    pub fn history_owed(&self) -> usize {
        self.history.len()
    }
}
