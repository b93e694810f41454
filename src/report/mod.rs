//! Telling a run: a trace as a readable timeline, as JSON Lines or as a sequence
//! diagram ([`diagram`]), a summary of what happened to the letters, and the scene's
//! expectations with ✓ or ✗.
//!
//! Every sentence comes from [`crate::words`]; this module only lays them out.

pub mod diagram;
mod json;
mod kinds;
pub mod out;
pub mod palette;
pub mod safe;
pub mod text;

use std::fmt::Write as _;
use std::io;

pub use json::{json_lines, reference as json_reference, write_json_lines};

use crate::scenario::{Due, Outcome, Question, Scenario};
use crate::sim::{Lang, Settings, Sim, World};
use crate::words::{self, Context, Register, teach};

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

/// The timeline: one line per narrated event, repeats folded; heartbeats (and login
/// attempts) folded into one line per phone unless `heartbeats`.
pub fn timeline(
    events: &[crate::sim::Event],
    world: &World,
    settings: &Settings,
    lang: Lang,
    reg: Register,
    heartbeats: bool,
) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_timeline(&mut out, events, world, settings, lang, reg, heartbeats);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`timeline`], written line by line as it is made (a long run's timeline is never
/// held in memory whole). Text from the scene (names, letters) is escaped where it
/// would reach a terminal raw (see [`safe`]).
pub fn write_timeline(
    out: &mut impl io::Write,
    events: &[crate::sim::Event],
    world: &World,
    settings: &Settings,
    lang: Lang,
    reg: Register,
    heartbeats: bool,
) -> io::Result<()> {
    let ctx = Context::new(world, settings, events);
    words::timeline(&ctx, lang, reg, heartbeats, |line| {
        write_line(out, &line, lang)
    })
}

/// A timeline line: its time, its tag and its words, in columns.
fn write_line(out: &mut dyn io::Write, line: &words::Line, lang: Lang) -> io::Result<()> {
    let t = line.at.map(|t| words::secs(t, lang)).unwrap_or_default();
    // A line of the timeline stays one line, whatever the names and letters hold.
    writeln!(out, "{}", safe::one_line(&row(&t, &line.tag, &line.text)))
}

/// The columns of a timeline line.
fn row(at: &str, tag: &str, text: &str) -> String {
    format!("{}  {}  {}", pad_left(at, 10), pad(tag, 22), text)
}

/// [`write_timeline`] with the scene's questions asked at their moments, each set
/// apart by its tag (`?  Ask the class`) and followed by its answers.
#[allow(clippy::too_many_arguments)]
fn write_timeline_asking(
    out: &mut impl io::Write,
    scene: &Scenario,
    events: &[crate::sim::Event],
    due: &[Due],
    lang: Lang,
    reg: Register,
    heartbeats: bool,
) -> io::Result<()> {
    let ctx = Context::new(&scene.world, &scene.settings, events);
    let mut due = due.iter().peekable();
    let mut ask = |out: &mut dyn io::Write, before: Option<usize>| -> io::Result<()> {
        while let Some(d) = due.next_if(|d| before.is_none_or(|i| d.after <= i)) {
            write_question(out, &scene.questions[d.question], lang, reg)?;
        }
        Ok(())
    };
    words::timeline(&ctx, lang, reg, heartbeats, |line| {
        ask(out, line.event)?;
        write_line(out, &line, lang)
    })?;
    ask(out, None)
}

/// A question and its answers, as timeline lines.
fn write_question(
    out: &mut dyn io::Write,
    q: &Question,
    lang: Lang,
    reg: Register,
) -> io::Result<()> {
    let line = |tag: &str, text: &str| row("", tag, text);
    let ask = line(teach::question_tag(lang), q.ask.told(lang, reg));
    writeln!(out, "{}", safe::one_line(&ask))?;
    for a in &q.answers {
        let answer = line(teach::answer_tag(lang), a.told(lang, reg));
        writeln!(out, "{}", safe::one_line(&answer))?;
    }
    Ok(())
}

/// The closing recap card: what happened in three lines, the scene's recap
/// questions (and those whose moment did not come in this run), and its "in real
/// life" note.
pub fn recap_card(
    scene: &Scenario,
    events: &[crate::sim::Event],
    missed: &[&Question],
    lang: Lang,
    reg: Register,
) -> String {
    let ctx = Context::new(&scene.world, &scene.settings, events);
    let mut out = String::new();
    let _ = writeln!(out, "{}", teach::recap_heading(lang));
    let _ = writeln!(out, "  {}", teach::happened_heading(lang));
    for line in words::recap(&ctx, lang, reg) {
        let _ = writeln!(out, "    {}", safe::one_line(&line));
    }
    let questions: Vec<&Question> = scene.recap_questions().collect();
    for (heading, list) in [
        (teach::questions_heading(lang), &questions),
        (teach::missed_heading(lang), &missed.to_vec()),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {heading}");
        for q in list {
            let mark = teach::recap_question_mark(lang);
            let _ = writeln!(out, "    {mark}{}", safe::one_line(q.ask.told(lang, reg)));
            for a in &q.answers {
                let _ = writeln!(out, "       → {}", safe::one_line(a.told(lang, reg)));
            }
        }
    }
    if let Some(note) = &scene.in_real_life {
        let _ = writeln!(out, "  {}", teach::real_life_heading(lang));
        let _ = writeln!(out, "    {}", safe::one_line(note.told(lang, reg)));
    }
    out
}

/// The glossary as a table for the terminal: the story's word, the technical
/// word, what a real app shows (the columns lined up, Chinese characters counted
/// as two).
pub fn glossary_table(lang: Lang) -> String {
    use crate::words::glossary as g;
    let rows = g::glossary(lang);
    let h = g::headings(lang);
    let w0 = rows
        .iter()
        .map(|t| width(t.story))
        .chain([width(h[0])])
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|t| width(t.technical))
        .chain([width(h[1])])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", g::title(lang));
    let _ = writeln!(out, "{}  {}  {}", pad(h[0], w0), pad(h[1], w1), h[2]);
    let _ = writeln!(
        out,
        "{}  {}  {}",
        "-".repeat(w0),
        "-".repeat(w1),
        "-".repeat(width(h[2]).max(13))
    );
    for t in rows {
        let _ = writeln!(
            out,
            "{}  {}  {}",
            pad(t.story, w0),
            pad(t.technical, w1),
            t.real_app
        );
    }
    out
}

fn pad_left(s: &str, to: usize) -> String {
    format!("{}{s}", " ".repeat(to.saturating_sub(width(s))))
}

/// How `postoffice run` tells a scene as text: its title and what it teaches (each
/// on one line), where it came from, the timeline with the scene's questions at
/// their moments, the recap card, the summary and the expectations. Text from the scene is escaped for the terminal.
#[allow(clippy::too_many_arguments)]
pub fn write_text(
    out: &mut impl io::Write,
    scene: &Scenario,
    seed: u64,
    sim: &Sim,
    events: &[crate::sim::Event],
    outcomes: &[Outcome],
    lang: Lang,
    reg: Register,
    heartbeats: bool,
) -> io::Result<()> {
    let world = &scene.world;
    // The title and what the scene teaches, each on its one line.
    writeln!(out, "{}", safe::one_line(scene.title.told(lang, reg)))?;
    if let Some(about) = &scene.about {
        writeln!(out, "{}", safe::one_line(about.told(lang, reg)))?;
    }
    let file = words::provenance(&scene.file, seed, reg, lang);
    writeln!(out, "{}\n", safe::one_line(&file))?;
    let due = scene.questions_due(events, Some(sim.now()));
    write_timeline_asking(out, scene, events, &due, lang, reg, heartbeats)?;
    writeln!(out)?;
    let missed = scene.questions_missed(events, sim.now());
    let card = recap_card(scene, events, &missed, lang, reg);
    writeln!(out, "{}", safe::terminal(&card))?;
    writeln!(out, "{}", Summary::of(sim, events).render(lang))?;
    write!(
        out,
        "{}",
        safe::terminal(&self::outcomes(outcomes, world, seed, lang, reg))
    )
}

/// What happened to the letters of a run, counted from its trace: each letter
/// written is in exactly one of the rows under "letters written" (shown, returned,
/// not sent, waiting on the shelf, still in its phone, still on its way), so they
/// add up; a letter shown on several screens (a group's) is one letter, and the
/// screens are said beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub written: u64,
    /// Letters shown on at least one recipient's screen.
    pub displayed: u64,
    /// Screens that showed a letter: each screen and letter once.
    pub screens: u64,
    pub returned: u64,
    pub lost: u64,
    /// Letters shown to nobody yet, with a copy on the offline shelf.
    pub waiting_offline: u64,
    /// Copies on the offline shelf of letters already shown on another screen.
    pub more_on_shelf: u64,
    /// Letters still inside their sender's phone, waiting for a connection.
    pub in_phone: u64,
    /// Letters still on their way when the run ended.
    pub on_the_way: u64,
    /// Letters taken back (recalled) before any screen showed them.
    pub recalled: u64,
    /// The story has chats opened and closed (issue 25): a letter reaches a
    /// phone, and is on its screen only in its open chat, so the rows say
    /// "phone".
    pub chats: bool,
    /// Delivery time (Send to display on each screen), milliseconds: min, median,
    /// max.
    pub delivery_ms: Option<(u64, u64, u64)>,
    pub ended_at: u64,
}

impl Summary {
    /// The summary of `events`, the trace of `sim`.
    pub fn of(sim: &Sim, events: &[crate::sim::Event]) -> Summary {
        use crate::sim::facts::{Facts, Fate};
        let f = Facts::of(sim.world(), events);
        let d = f.delivery_ms();
        let n = |fate| f.count(fate) as u64;
        let more_on_shelf = f
            .letters
            .iter()
            .filter(|l| l.fate() == Fate::Shown)
            .map(|l| l.on_shelf.len() as u64)
            .sum();
        Summary {
            written: f.written() as u64,
            displayed: n(Fate::Shown),
            screens: f.screens() as u64,
            returned: n(Fate::Returned),
            lost: n(Fate::NotSent),
            waiting_offline: n(Fate::OnShelf),
            more_on_shelf,
            in_phone: n(Fate::InPhone),
            on_the_way: n(Fate::OnTheWay),
            recalled: n(Fate::Recalled),
            chats: f.reads.chats,
            delivery_ms: (!d.is_empty()).then(|| (d[0], d[d.len() / 2], d[d.len() - 1])),
            ended_at: sim.now(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let w = |en, zh| words(lang, en, zh);
        let mut out = String::new();
        let _ = writeln!(out, "{}", w("Summary", "小结"));
        let en = lang == Lang::En;
        let shown = if self.screens == self.displayed {
            String::new()
        } else if en {
            let (one, many) = match self.chats {
                true => ("phone", "phones"),
                false => ("screen", "screens"),
            };
            let n = self.screens;
            format!(" (on {n} {})", if n == 1 { one } else { many })
        } else if self.chats {
            format!("（送到 {} 部手机上）", self.screens)
        } else {
            format!("（显示在 {} 部手机上）", self.screens)
        };
        let shelf = match (self.more_on_shelf, en) {
            (0, _) => String::new(),
            (1, true) => " (and 1 copy of a letter already shown elsewhere)".to_string(),
            (k, true) => format!(" (and {k} copies of letters already shown elsewhere)"),
            (k, false) => format!("（另有 {k} 份副本，它们的信已在别的屏幕上显示）"),
        };
        let mut rows = vec![
            (
                w("letters written", "写出的信"),
                self.written,
                String::new(),
            ),
            (
                match self.chats {
                    true => w("reached a recipient's phone", "送到收信人的手机"),
                    false => w("shown to a recipient", "显示给收信人"),
                },
                self.displayed,
                shown,
            ),
            (
                w("returned to sender", "退回给寄信人"),
                self.returned,
                String::new(),
            ),
            (
                w("not sent (the phone gave up)", "发送失败（手机放弃了）"),
                self.lost,
                String::new(),
            ),
            (
                w("waiting on the offline shelf", "仍在离线信架上"),
                self.waiting_offline,
                shelf,
            ),
        ];
        if self.in_phone > 0 {
            rows.push((
                w("still in the sender's phone", "仍在寄信人的手机里"),
                self.in_phone,
                String::new(),
            ));
        }
        if self.recalled > 0 {
            rows.push((
                w("taken back before it was shown", "显示之前已撤回"),
                self.recalled,
                String::new(),
            ));
        }
        if self.on_the_way > 0 {
            rows.push((
                w("still on the way", "仍在路上"),
                self.on_the_way,
                String::new(),
            ));
        }
        for (label, n, beside) in rows {
            let _ = writeln!(out, "  {} {n}{beside}", pad(label, 32));
        }
        let secs = |ms: u64| words::secs(ms, lang);
        if let Some((min, med, max)) = self.delivery_ms {
            let _ = writeln!(
                out,
                "  {} {} / {} / {}",
                pad(
                    w(
                        "delivery time min / median / max",
                        "送达用时 最短 / 中位 / 最长"
                    ),
                    32
                ),
                secs(min),
                secs(med),
                secs(max)
            );
        }
        let _ = writeln!(
            out,
            "  {} {}",
            pad(w("the run ended at", "运行结束于"), 32),
            secs(self.ended_at)
        );
        out
    }
}

/// The expectations with ✓ or ✗ and what happened.
pub fn outcomes(
    outcomes: &[Outcome],
    world: &World,
    seed: u64,
    lang: Lang,
    reg: Register,
) -> String {
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
        let dash = if lang == Lang::En { " — " } else { "——" };
        let _ = writeln!(
            out,
            "  {mark} {}{dash}{}",
            safe::one_line(&words::expectation(&o.expectation, world, lang)),
            safe::one_line(&words::detail(&o.detail, world, lang))
        );
    }
    let failed = outcomes.iter().filter(|o| !o.holds).count();
    if failed > 0 {
        let _ = writeln!(
            out,
            "{}",
            words::failed(failed, outcomes.len(), seed, lang, reg)
        );
    }
    out
}
