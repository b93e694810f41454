//! How much work a scene's run would be, worked out before it starts, so that a typo
//! (`at_ms: 1000000000000`, 31 years of heartbeats) gets a sentence a teacher can act
//! on instead of a program that never finishes.
//!
//! The estimate counts simulation events: the heartbeats of every phone that logs in
//! (four events each: the timer, the heartbeat arriving, its answer arriving, the
//! post office's silence check), reconnect attempts where links go down, about six
//! events per letter plus nine per recipient (more on a lossy network), and the
//! script's own actions, and with `presence: Pull` three events per online phone
//! per question about its friends. It is measured against the scenes in `scenes/` (within a
//! factor of two, usually above) and against `bench`.

use std::collections::BTreeSet;
use std::fmt;

use super::{Problem, Scenario, ScenarioError};
use crate::sim::{Action, CEILING_AFTER_SCRIPT_MS, Dest, Presence, Time};

/// The most events `postoffice run` and the window take on without `--no-limit`.
pub const LIMIT: u64 = 1_000_000;

/// Where a run's length comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    /// The scene's `until_ms`.
    Until,
    /// The last script action (entry `script[n]`), and the quiet after it.
    LastAction { entry: usize },
    /// No script at all: only the quiet at the start.
    Quiet,
}

/// How big a run would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// All events, about.
    pub events: u64,
    /// Of which heartbeats and reconnects.
    pub upkeep: u64,
    /// Of which the letters' journeys.
    pub letters: u64,
    /// Letters written (a group letter once).
    pub sends: u64,
    /// Phones that log in at some time.
    pub phones_online: u64,
    /// How long the run lasts, virtual milliseconds.
    pub lasts_ms: Time,
    pub length: Length,
}

/// Works out how big a run of `scene` would be (`until` overrides the file's).
pub fn estimate(scene: &Scenario, until: Option<Time>) -> Estimate {
    let s = &scene.settings;
    let until = until.or(scene.until_ms);
    let last = scene.script.last().map(|(at, _)| *at);
    let (lasts_ms, length) = match (until, last) {
        (Some(until), _) => (until, Length::Until),
        (None, Some(last)) => {
            // The run ends after a quiet spell once the retries are over, and never
            // later than the ceiling.
            let retries = u64::from(s.retry.max_retries)
                .saturating_add(2)
                .saturating_mul(s.retry.check_ms.max(s.retry.grace_ms));
            let quiet = s
                .heartbeat
                .interval_ms
                .saturating_add(s.heartbeat.timeout_ms)
                .saturating_add(s.reconnect_ms)
                .saturating_add(retries)
                .min(CEILING_AFTER_SCRIPT_MS);
            let entry = scene.script_entries.last().copied().unwrap_or(0);
            (last.saturating_add(quiet), Length::LastAction { entry })
        }
        (None, None) => (
            s.heartbeat
                .interval_ms
                .saturating_add(s.heartbeat.timeout_ms)
                .saturating_add(s.reconnect_ms),
            Length::Quiet,
        ),
    };

    let mut online = BTreeSet::new();
    let mut may_go_down = BTreeSet::new();
    let mut server_down = false;
    let mut worst_loss = s.network.loss;
    let mut sends = 0u64;
    let mut letters = 0u64;
    // `presence: Pull`: the shortest interval any phone asks at.
    let every = |p: Presence| match p {
        Presence::Pull { every_ms } => Some(every_ms),
        Presence::Off | Presence::Push => None,
    };
    let mut asks_every = every(s.presence);
    // Each group's members as the script goes (`Join` / `Leave`): a group letter
    // goes to those the post office has when it accepts it.
    let mut members: Vec<u64> = (scene.world.groups.iter())
        .map(|g| g.members.len() as u64)
        .collect();
    for (_, action) in &scene.script {
        match action {
            Action::SetPresence(p) => {
                asks_every = match (asks_every, every(*p)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            Action::Login(u) => {
                online.insert(*u);
            }
            Action::LinkDown(u) => {
                may_go_down.insert(*u);
            }
            Action::ServerDown => server_down = true,
            Action::SetLoss { loss, .. } => worst_loss = worst_loss.max(*loss),
            Action::Send { to, parcel, .. } => {
                let recipients = match to {
                    Dest::User(_) => 1,
                    Dest::Group(g) => members[g.0 as usize].saturating_sub(1),
                };
                sends += 1;
                letters = letters.saturating_add(6 + 9 * recipients);
                // Its photo or voice message (issue 26): each part up to the
                // store and down to each addressee, a few events each way.
                if let Some(p) = parcel {
                    let parts = u64::from(crate::sim::parcel::parts(p.kb, s.parcels.part_kb));
                    let each = 4u64.saturating_mul(recipients.saturating_add(1));
                    letters = letters.saturating_add(parts.saturating_mul(each));
                }
            }
            Action::Membership { group, join, .. } => {
                let m = &mut members[group.0 as usize];
                *m = if *join { *m + 1 } else { m.saturating_sub(1) };
            }
            // A letter sent again goes up its line again; the post office passes
            // it on at most once (the first time it accepts it).
            Action::Resend(_) => letters = letters.saturating_add(6),
            // A recall goes up the writer's line and down each addressee's: as
            // a letter does.
            Action::Recall(_) => letters = letters.saturating_add(6),
            _ => {}
        }
    }
    // On a lossy network a letter's frames are sent again, at most `max_retries`
    // times each.
    let resend = 1.0 + f64::from(s.retry.max_retries) * (2.0 * worst_loss).min(1.0);
    let letters = (letters as f64 * resend).min(u64::MAX as f64) as u64;

    let phones_online = online.len() as u64;
    let beats = lasts_ms / s.heartbeat.interval_ms.max(1);
    let mut upkeep = phones_online.saturating_mul(beats).saturating_mul(4);
    let reconnecting = if server_down {
        phones_online
    } else {
        may_go_down.len() as u64
    };
    let attempts = lasts_ms / s.reconnect_ms.max(1);
    upkeep = upkeep.saturating_add(reconnecting.saturating_mul(attempts).saturating_mul(3));
    // Each question about the friends: the timer, the question and the answer.
    if let Some(every_ms) = asks_every {
        let asks = lasts_ms / every_ms.max(1);
        upkeep = upkeep.saturating_add(phones_online.saturating_mul(asks).saturating_mul(3));
    }

    let events = upkeep
        .saturating_add(letters)
        .saturating_add(scene.script.len() as u64);
    Estimate {
        events,
        upkeep,
        letters,
        sends,
        phones_online,
        lasts_ms,
        length,
    }
}

impl Scenario {
    /// Refuses a scene whose run would be larger than [`LIMIT`] events, with a
    /// message that names the setting that makes it so long (located in the file).
    /// `until` is `postoffice run --until`, which overrides the file's.
    pub fn check_size(&self, until: Option<Time>) -> Result<Estimate, ScenarioError> {
        let e = estimate(self, until);
        if e.events <= LIMIT {
            return Ok(e);
        }
        let s = &self.settings;
        let (entry, why) = if e.letters > e.upkeep {
            (
                "script".to_string(),
                format!(
                    "its script writes {} letters ({} events on their way)",
                    Count(e.sends),
                    Count(e.letters)
                ),
            )
        } else {
            let how_long = match e.length {
                Length::Until if until.is_some() => {
                    format!("for {} (`--until {}`)", Duration(e.lasts_ms), e.lasts_ms)
                }
                Length::Until => {
                    format!("for {} (`until_ms: {}`)", Duration(e.lasts_ms), e.lasts_ms)
                }
                Length::LastAction { .. } => format!(
                    "for {}, until the last action of the script (`at_ms: {}`)",
                    Duration(e.lasts_ms),
                    self.script.last().map_or(0, |(at, _)| *at)
                ),
                Length::Quiet => format!("for {}", Duration(e.lasts_ms)),
            };
            let phones = if e.phones_online == 1 {
                "1 phone stays".to_string()
            } else {
                format!("{} phones stay", Count(e.phones_online))
            };
            let every = match Duration(s.heartbeat.interval_ms).to_string() {
                one if one.starts_with("1 ") => one[2..].to_string(),
                many => many,
            };
            let why = format!(
                "{phones} online {how_long}, each sending a heartbeat every {every} (`heartbeat.interval_ms: {}`)",
                s.heartbeat.interval_ms
            );
            // Name the setting that is out of the ordinary: a run longer than a day
            // is the length's fault; a heartbeat more often than once a second is
            // the heartbeat's; otherwise the number of people.
            let entry = if e.lasts_ms > 24 * 3_600_000 || s.heartbeat.interval_ms >= 1_000 {
                match e.length {
                    Length::Until => "until_ms".to_string(),
                    Length::LastAction { entry } => format!("script[{entry}].at_ms"),
                    Length::Quiet => "heartbeat.interval_ms".to_string(),
                }
            } else {
                "heartbeat.interval_ms".to_string()
            };
            let entry = if e.lasts_ms <= 24 * 3_600_000
                && s.heartbeat.interval_ms >= 1_000
                && e.phones_online > 1_000
            {
                "users".to_string()
            } else {
                entry
            };
            (entry, why)
        };
        let message = format!(
            "this scene would take about {} simulation events, more than the {} that `postoffice run` and the window take on: {why}. A lesson lasts minutes: check that setting for a typo, or run it anyway with `postoffice run --no-limit`",
            Count(e.events),
            Count(LIMIT)
        );
        let at = if until.is_some() && e.length == Length::Until {
            None
        } else {
            super::locate::locate(&self.source, &entry)
        };
        Err(ScenarioError::Invalid {
            file: self.file.clone(),
            problems: vec![Problem {
                at,
                entry: at.map(|_| entry),
                message,
            }],
            more: 0,
        })
    }
}

/// A count with thousands separated: `1,000,000`.
struct Count(u64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        f.write_str(&out)
    }
}

/// Milliseconds in the largest unit that fits: `15 s`, `3 hours`, `31 years`.
struct Duration(Time);

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        let units: [(u64, &str, &str); 6] = [
            (365 * 24 * 3_600_000, "year", "years"),
            (24 * 3_600_000, "day", "days"),
            (3_600_000, "hour", "hours"),
            (60_000, "minute", "minutes"),
            (1_000, "second", "seconds"),
            (1, "millisecond", "milliseconds"),
        ];
        for (size, one, many) in units {
            if ms >= size {
                let n = ms / size;
                if ms.is_multiple_of(size) {
                    return write!(f, "{n} {}", if n == 1 { one } else { many });
                }
                let x = ms as f64 / size as f64;
                return if x < 10.0 {
                    write!(f, "about {x:.1} {many}")
                } else {
                    write!(f, "about {n} {many}")
                };
            }
        }
        f.write_str("0 milliseconds")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_durations_read_as_words() {
        assert_eq!(Count(1_000_000).to_string(), "1,000,000");
        assert_eq!(Count(999).to_string(), "999");
        assert_eq!(Duration(15_000).to_string(), "15 seconds");
        assert_eq!(Duration(1_000_000_000_000).to_string(), "about 31 years");
        assert_eq!(Duration(60_000).to_string(), "1 minute");
        assert_eq!(Duration(142_857_142).to_string(), "about 1.7 days");
    }
}
