//! The post office's part in notifications and fetching (issue 24): a letter
//! shelved for a phone registered for notifications, whose line is gone (its app
//! closed, or its line went quiet), goes to the push service as a short notice;
//! and with `shelf: Fetched` the post office answers a phone's "anything for me?".

use std::sync::Arc;

use super::PostOffice;
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, Frame};
use crate::sim::trace::{Actor, What};
use crate::sim::world::{DeviceIdx, Settings, Time};

impl PostOffice {
    /// A letter for `to` was just shelved: with `notifications:` on, a phone that
    /// is registered (it logged in and has not logged out) and not online at the
    /// counter gets a notification of it through the push service. Never retried:
    /// one lost on the way only delays (the letter stays on the shelf).
    pub(super) fn notify(&mut self, now: Time, env: &Arc<Envelope>, to: DeviceIdx, out: &mut Out) {
        if self.notifications && self.registered.contains(&to) && !self.sessions[to.index()].online
        {
            out.note(now, Actor::PostOffice, Some(env), What::Notify { to });
            out.notices.push((to, env.clone()));
        }
    }

    /// `fetch` (`shelf: Fetched`): answer how many letters wait (`fetch:A`), and
    /// send them down the line, each until the phone confirms it (or back onto the
    /// shelf after the retries, as any letter sent down).
    pub(super) fn on_fetch(&mut self, now: Time, from: DeviceIdx, s: &Settings, out: &mut Out) {
        let count = self.shelf[from.index()].len() as u32;
        out.note(
            now,
            Actor::PostOffice,
            None,
            What::FetchAnswered { to: from, count },
        );
        out.send(from, Frame::FetchA { count });
        self.deliver_shelf(now, from, s, out);
    }
}
