//! The scale workload behind `postoffice bench`: N phones in a ring of friends, all
//! logged in at the start, each writing to a random friend about once a minute, on a
//! lossy network — the same simulation the scenes use, with the trace switched off.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use crate::sim::world::{Person, Text};
use crate::sim::{Action, Network, RegisterChange, Settings, Sim, UserIdx, World};

/// The knobs of the workload.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Workload {
    pub phones: usize,
    pub minutes: u64,
    /// Probability that each frame is lost.
    pub loss: f64,
    pub seed: u64,
}

/// What the messages' texts are drawn from; shared, never copied.
const TEXTS: [&str; 6] = [
    "Hi!",
    "Are you coming?",
    "See you at five",
    "Homework?",
    "😀",
    "Good night",
];

/// Builds the simulation of a workload, ready to run.
pub fn build(w: &Workload) -> Sim {
    let people = (0..w.phones)
        .map(|i| {
            let id: Arc<str> = Arc::from(format!("p{i}"));
            Person {
                name: Text {
                    en: id.clone(),
                    zh: id.clone(),
                },
                id,
                avatar: Arc::from(""),
                registered: true,
            }
        })
        .collect();
    let world = Arc::new(World {
        people,
        groups: Vec::new(),
    });
    let settings = Settings {
        network: Network {
            latency_ms: (40, 120),
            loss: w.loss,
        },
        ..Settings::default()
    };
    let mut sim = Sim::new(world, settings, w.seed, false);
    let n = w.phones;
    // A ring: each phone is friends with the two on each side (i±1, i±2).
    for i in 0..n {
        for d in 1..=2 {
            let j = (i + d) % n;
            if j != i {
                sim.set_register(
                    RegisterChange::Befriend,
                    UserIdx(i as u32),
                    UserIdx(j as u32),
                );
            }
        }
    }
    for i in 0..n {
        sim.schedule(0, Action::Login(UserIdx(i as u32)));
    }
    sim.add_chatter(60_000.0, TEXTS.iter().map(|t| Arc::from(*t)).collect());
    sim.set_until(Some(w.minutes * 60_000));
    sim
}

/// The deterministic outcome of a run: the same workload and seed give the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub events: u64,
    pub written: u64,
    pub displayed: u64,
    pub lost: u64,
    pub returned: u64,
    pub frames_lost: u64,
    pub waiting_offline: u64,
}

/// An outcome with the measurements that vary from run to run.
#[derive(Clone, Debug)]
pub struct Report {
    pub workload: Workload,
    pub outcome: Outcome,
    pub wall_s: f64,
    pub peak_rss_bytes: Option<u64>,
    /// Events waiting in the queue when the run ended (its working size).
    pub pending: usize,
}

/// Runs a workload and measures it.
pub fn run(w: &Workload) -> Report {
    let start = Instant::now();
    let mut sim = build(w);
    sim.run();
    let wall_s = start.elapsed().as_secs_f64();
    let t = sim.tally();
    Report {
        workload: *w,
        outcome: Outcome {
            events: sim.processed(),
            written: t.written,
            displayed: t.displayed,
            lost: t.lost,
            returned: t.returned,
            frames_lost: t.frames_lost,
            waiting_offline: sim.post_office().shelved() as u64,
        },
        wall_s,
        peak_rss_bytes: peak_rss(),
        pending: sim.pending(),
    }
}

/// The process's peak resident memory, where the system tells it (Linux).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "events processed        {}", self.events)?;
        writeln!(f, "messages sent           {}", self.written)?;
        writeln!(f, "messages delivered      {}", self.displayed)?;
        writeln!(f, "messages lost           {}", self.lost)?;
        writeln!(f, "messages returned       {}", self.returned)?;
        writeln!(f, "waiting offline at end  {}", self.waiting_offline)?;
        write!(f, "frames lost on the way  {}", self.frames_lost)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = &self.workload;
        writeln!(
            f,
            "workload                {} phones x {} virtual minutes, loss {}, seed {}",
            w.phones, w.minutes, w.loss, w.seed
        )?;
        writeln!(f, "{}", self.outcome)?;
        writeln!(f, "events pending at end   {}", self.pending)?;
        writeln!(f, "wall time               {:.3} s", self.wall_s)?;
        writeln!(
            f,
            "events per second       {:.0}",
            self.outcome.events as f64 / self.wall_s
        )?;
        writeln!(
            f,
            "phone-minutes per s     {:.0}",
            (w.phones as f64 * w.minutes as f64) / self.wall_s
        )?;
        match self.peak_rss_bytes {
            Some(b) => write!(
                f,
                "peak memory (RSS)       {:.1} MiB",
                b as f64 / (1024.0 * 1024.0)
            ),
            None => write!(f, "peak memory (RSS)       unknown on this system"),
        }
    }
}
