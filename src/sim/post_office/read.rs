//! Read receipts at the post office (issue 25): a reader's `read` is answered
//! (`read:A`) and its news passed to each letter's writer (`read:N`), sent again
//! until the writer confirms it (`read:C`), and kept while the writer is away or
//! silent, for its next login or heartbeat — as the delivery news (`ack:N`) is.

use std::collections::{BTreeMap, BTreeSet};

use super::{PostOffice, Verdict, archive_copy, news_for};
use crate::sim::effects::Out;
use crate::sim::frame::{Frame, MsgId};
use crate::sim::trace::{Actor, What};
use crate::sim::world::{DeviceIdx, Settings, Time, UserIdx};

/// The news that someone read a letter, owed to its writer.
#[derive(Clone, Copy, Debug)]
struct ReadNews {
    recipients: u32,
    /// On its way; otherwise kept until the writer is heard from.
    sent: bool,
    last_sent: Time,
    retries: u32,
}

/// What the post office keeps about reads.
#[derive(Clone, Debug, Default)]
pub struct Reads {
    /// By (letter, reader): the news not yet confirmed by the writer.
    owed: BTreeMap<(MsgId, UserIdx), ReadNews>,
    /// Every (letter, reader) heard of, so a read sent again is passed once.
    heard: BTreeSet<(MsgId, UserIdx)>,
}

impl PostOffice {
    /// `read` from `by`: answer, and pass each new read on to its writer.
    pub(super) fn on_read(
        &mut self,
        now: Time,
        device: DeviceIdx,
        ids: &[MsgId],
        s: &Settings,
        out: &mut Out,
    ) {
        // Reading on one device is the person reading.
        let by = self.owner(device);
        let mut any = false;
        for &id in ids {
            let Some(Verdict::Accepted { recipients }) = self.verdict(id) else {
                continue;
            };
            if !self.reads.heard.insert((id, by)) {
                continue;
            }
            let writer = self.writer(id);
            let told = self.device_online(writer);
            let news = ReadNews {
                recipients,
                sent: told,
                last_sent: now,
                retries: 0,
            };
            self.reads.owed.insert((id, by), news);
            let env = archive_copy(&self.world, &self.records, &self.archive, id);
            out.note(
                now,
                Actor::PostOffice,
                env.as_ref(),
                What::ReadPassed { by, told },
            );
            if told {
                out.send(writer, Frame::ReadN { id, by, recipients });
                any = true;
            }
        }
        out.send(device, Frame::ReadA(ids.into()));
        if any {
            self.arm_check(s, out);
        }
    }

    /// `read:C`: the writer has the news that `by` read letter `id`.
    pub(super) fn on_read_confirmed(&mut self, id: MsgId, by: UserIdx) {
        self.reads.owed.remove(&(id, by));
    }

    /// The writer is heard from (a login, a heartbeat): hand it the read news
    /// kept for it.
    pub(super) fn hand_over_reads(
        &mut self,
        now: Time,
        writer: DeviceIdx,
        s: &Settings,
        out: &mut Out,
    ) {
        let mut any = false;
        let world = self.world.clone();
        for (&(id, by), news) in self.reads.owed.range_mut(news_for(world.owner(writer))) {
            if news.sent || world.writer(id) != writer {
                continue;
            }
            *news = ReadNews {
                sent: true,
                last_sent: now,
                retries: 0,
                ..*news
            };
            any = true;
            let recipients = news.recipients;
            out.send(writer, Frame::ReadN { id, by, recipients });
        }
        if any {
            self.arm_check(s, out);
        }
    }

    /// The writer is marked offline: the news on its way is kept for its return.
    pub(super) fn keep_reads(&mut self, writer: DeviceIdx) {
        let world = self.world.clone();
        for (&(id, _), news) in self.reads.owed.range_mut(news_for(world.owner(writer))) {
            if world.writer(id) == writer {
                news.sent = false;
            }
        }
    }

    /// Read news sent and not confirmed within `grace_ms` goes again, at most
    /// `max_retries` times; then it is kept for the writer's next heartbeat.
    pub(super) fn check_reads(&mut self, now: Time, s: &Settings, out: &mut Out) {
        let world = self.world.clone();
        for (&(id, by), news) in self.reads.owed.iter_mut() {
            if !news.sent || now.saturating_sub(news.last_sent) < s.retry.grace_ms {
                continue;
            }
            if news.retries < s.retry.max_retries {
                news.retries += 1;
                news.last_sent = now;
                let recipients = news.recipients;
                out.send(world.writer(id), Frame::ReadN { id, by, recipients });
            } else {
                news.sent = false;
            }
        }
    }

    /// Whether read news is on its way (the check timer runs).
    pub(super) fn reads_in_flight(&self) -> bool {
        self.reads.owed.values().any(|n| n.sent)
    }

    /// Read news the post office still owes writers.
    pub fn reads_owed(&self) -> usize {
        self.reads.owed.len()
    }
}
