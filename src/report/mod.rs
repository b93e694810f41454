//! Telling a run: a trace as a readable timeline or as JSON Lines, a summary of what
//! happened to the letters, and the scene's expectations with ✓ or ✗.
//!
//! The story sentences come from [`crate::sim::narration`]; this module only lays
//! them out.

mod json;
pub mod safe;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

pub use json::{json_lines, write_json_lines};

use crate::scenario::Outcome;
use crate::sim::narration::caption;
use crate::sim::{Actor, Event, Lang, Secs, Sim, Stage, UserIdx, What, World};

/// The words of the runner's own headings.
fn words(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Lang::En { en } else { zh }
}

/// Terminal width of a string: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

/// The short tag in front of a timeline line: `1/9 Edit`, `Retry`.
fn tag(stage: Stage, lang: Lang) -> String {
    use crate::sim::narration::{side_road_name, step_name};
    match stage {
        Stage::Step(s) => match lang {
            Lang::En => format!("{}/9 {}", s.number(), step_name(s, lang)),
            Lang::Zh => format!("第{}步 {}", s.number(), step_name(s, lang)),
        },
        Stage::Side(r) => side_road_name(r, lang).to_string(),
        Stage::Background => words(lang, "background", "后台").to_string(),
    }
}

/// The timeline: one line per narrated event. Heartbeats (and login attempts) are
/// folded into one line per phone unless `heartbeats`.
pub fn timeline(events: &[Event], world: &World, lang: Lang, heartbeats: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_timeline(&mut out, events, world, lang, heartbeats);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`timeline`], written line by line as it is made (a long run's timeline is never
/// held in memory whole). Text from the scene (names, letters) is escaped where it
/// would reach a terminal raw (see [`safe`]).
pub fn write_timeline(
    out: &mut impl io::Write,
    events: &[Event],
    world: &World,
    lang: Lang,
    heartbeats: bool,
) -> io::Result<()> {
    let mut folded: BTreeMap<UserIdx, (usize, usize, u64, u64)> = BTreeMap::new();
    for e in events {
        let upkeep = matches!(e.what, What::Heartbeat | What::LoginAttempt);
        if upkeep && !heartbeats {
            if let Actor::Phone(u) = e.actor {
                let f = folded.entry(u).or_insert((0, 0, e.at, e.at));
                if e.what == What::Heartbeat {
                    f.0 += 1;
                } else {
                    f.1 += 1;
                }
                f.3 = e.at;
            }
            continue;
        }
        if !(e.is_narrated() || (heartbeats && upkeep)) {
            continue;
        }
        let t = format!("{}", Secs(e.at));
        let line = format!(
            "{:>10}  {}  {}",
            t,
            pad(&tag(e.stage(), lang), 22),
            caption(e, lang, world)
        );
        writeln!(out, "{}", safe::terminal(&line))?;
    }
    for (u, (beats, logins, first, last)) in folded {
        let name = world.name(u, lang);
        let line = match lang {
            Lang::En => format!(
                "♥ {name}'s phone sent {beats} heartbeat(s) and {logins} login(s) between {} and {} (--heartbeats lists them).",
                Secs(first),
                Secs(last)
            ),
            Lang::Zh => format!(
                "♥ {name}的手机在 {} 到 {} 之间发了 {beats} 次心跳、{logins} 次登录请求（用 --heartbeats 逐条列出）。",
                Secs(first),
                Secs(last)
            ),
        };
        let line = format!("{:>10}  {}  {line}", "", pad("", 22));
        writeln!(out, "{}", safe::terminal(&line))?;
    }
    Ok(())
}

/// What happened to the letters of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub written: u64,
    pub displayed: u64,
    pub returned: u64,
    pub lost: u64,
    pub waiting_offline: u64,
    /// Delivery time (Send to display), milliseconds: min, median, max.
    pub delivery_ms: Option<(u32, u32, u32)>,
    pub ended_at: u64,
}

impl Summary {
    pub fn of(sim: &Sim) -> Summary {
        let t = sim.tally();
        let mut d = t.delivery_ms.clone();
        d.sort_unstable();
        Summary {
            written: t.written,
            displayed: t.displayed,
            returned: t.returned,
            lost: t.lost,
            waiting_offline: sim.post_office().shelved() as u64,
            delivery_ms: (!d.is_empty()).then(|| (d[0], d[d.len() / 2], d[d.len() - 1])),
            ended_at: sim.now(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let w = |en, zh| words(lang, en, zh);
        let mut out = String::new();
        let _ = writeln!(out, "{}", w("Summary", "小结"));
        let rows = [
            (w("letters written", "写出的信"), self.written),
            (w("shown to a recipient", "显示给收信人"), self.displayed),
            (w("returned to sender", "退回给寄信人"), self.returned),
            (w("lost (sender gave up)", "丢失（寄信人放弃）"), self.lost),
            (
                w("waiting on the offline shelf", "仍在离线信架上"),
                self.waiting_offline,
            ),
        ];
        for (label, n) in rows {
            let _ = writeln!(out, "  {} {n}", pad(label, 30));
        }
        if let Some((min, med, max)) = self.delivery_ms {
            let _ = writeln!(
                out,
                "  {} {} / {} / {}",
                pad(
                    w(
                        "delivery time min / median / max",
                        "送达用时 最短 / 中位 / 最长"
                    ),
                    30
                ),
                Secs(min as u64),
                Secs(med as u64),
                Secs(max as u64)
            );
        }
        let _ = writeln!(
            out,
            "  {} {}",
            pad(w("the run ended at", "运行结束于"), 30),
            Secs(self.ended_at)
        );
        out
    }
}

/// The expectations with ✓ or ✗ and what happened.
pub fn outcomes(outcomes: &[Outcome], seed: u64, lang: Lang) -> String {
    let w = |en, zh| words(lang, en, zh);
    let mut out = String::new();
    if outcomes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            w("This scene has no expectations.", "这个场景没有预期。")
        );
        return out;
    }
    let _ = writeln!(out, "{}", w("Expectations", "预期"));
    for o in outcomes {
        let mark = if o.holds { "✓" } else { "✗" };
        let _ = writeln!(out, "  {mark} {} — {:?}", o.expectation, o.detail);
    }
    let failed = outcomes.iter().filter(|o| !o.holds).count();
    if failed > 0 {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "{failed} of {} expectation(s) failed with seed {seed} (re-run with --seed {seed}).",
                outcomes.len()
            ),
            Lang::Zh => writeln!(
                out,
                "{} 条预期中有 {failed} 条未满足，随机种子 {seed}（用 --seed {seed} 重现）。",
                outcomes.len()
            ),
        };
    }
    out
}
