//! A run as an SVG sequence diagram for a printed handout (`postoffice diagram`).
//!
//! One lane per phone and one for the post office, in the middle: phones listed
//! first in the scene on its left, the others on its right, so that a letter from
//! the first person to the second crosses the page from left to right. Time flows
//! down. Each frame put on a wire is one arrow, from where it leaves to where it
//! arrives; a lost one stops half-way at a ✗. The nine steps of the first letter
//! are numbered in small circles on their lanes, and every narrated event's
//! sentence stands in the right margin beside its time, so the page reads as the
//! story.
//!
//! Vertical space goes by event, not by milliseconds: each caption gets the room
//! its lines need, a short wait a little room that grows with its length, and a
//! quiet stretch of half a second or more a band of its own saying how long it was
//! ("… 14 s later …"). Heartbeats, their answers and the login attempts lost on
//! the way are folded into one note per phone unless `heartbeats` is set.
//!
//! This module only makes the text of the picture; the command line writes it.
//! The same trace always makes the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::safe::is_unsafe;
use crate::words::{Context, Register, with_unit};

use crate::sim::kinds::{FrameFold, Look};
use crate::sim::{
    Actor, Dir, Event, FrameId, FrameKind, Lane, Lang, MsgId, Secs, Settings, Stage, Step, Time,
    UserIdx, What, World,
};

/// The most phones a diagram has lanes for: more would not fit a page.
pub const MAX_PHONES: usize = 12;

/// What to draw, and the words of the heading.
pub struct Options<'a> {
    pub lang: Lang,
    /// How the captions tell the story.
    pub register: Register,
    /// The scene's timings (the captions quote them).
    pub settings: &'a Settings,
    /// Draw every heartbeat, its answer and every login attempt as an arrow.
    pub heartbeats: bool,
    /// The scene's title, in `lang`.
    pub title: &'a str,
    /// The line under the title (the file and the seed).
    pub subtitle: &'a str,
}

/// The sentence that tells event `i` of the run (the one place the diagram asks
/// for words): its letter named when there are several, as the timeline says it.
pub fn sentence(ctx: &Context, i: usize, o: &Options) -> String {
    crate::words::caption(ctx, i, o.lang, o.register)
}

// ---- the page's measures (SVG user units; the page is about 900 wide) ----

const MARGIN: f64 = 20.0;
/// The column of times, left of the lanes.
const TIME_W: f64 = 58.0;
/// Between the last lane and the captions.
const CAP_GAP: f64 = 14.0;
/// The column of captions.
const CAP_W: f64 = 400.0;
const FONT: f64 = 14.0;
const LINE: f64 = 18.0;
const LABEL_FONT: f64 = 12.5;
const HEAD_H: f64 = 30.0;
/// From a row's anchor (where its dot and arrows sit) up to its top.
const ABOVE: f64 = 13.0;
/// Space between two rows.
const ROW_SEP: f64 = 5.0;
/// A wait at least this long gets its own band ("… 2.0 s later …").
const GAP_MS: Time = 500;
const GAP_H: f64 = 30.0;
const FONTS: &str = "Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

const INK: &str = "#222";
const GREY: &str = "#777";
const MAIL: &str = "#1f5fbf";
const ACK: &str = "#2b8a4b";
const UPKEEP: &str = "#8a8a8a";
const RETURNED: &str = "#c56a12";
const LOST: &str = "#d62728";
const HEART: &str = "#d6336c";
const SIDE: &str = "#9a5412";

fn pick<'a>(lang: Lang, en: &'a str, zh: &'a str) -> &'a str {
    if lang == Lang::En { en } else { zh }
}

/// Text for XML: the five special characters as entities, and what must not reach
/// a reader raw (control characters, which XML forbids, and the invisible
/// characters that reorder a line) written out as `\u{1b}`.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

// ---- measuring and wrapping text (no font at hand: generous estimates) ----

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x2460..=0x24FF)
}

/// A character's width in ems, near Helvetica's (wide characters: one em).
fn char_em(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        ' ' | '\u{a0}' => 0.28,
        'i' | 'j' | 'l' | '\'' | '|' => 0.24,
        '.' | ',' | ':' | ';' | '!' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.36,
        '"' | '“' | '”' | '‘' | '’' => 0.42,
        'm' | 'M' | 'W' => 0.86,
        'w' => 0.74,
        'A'..='Z' => 0.69,
        'a'..='z' | '0'..='9' => 0.57,
        '—' | '…' => 1.0,
        '✓' | '✗' | '♥' => 0.85,
        _ => 0.62,
    }
}

fn text_w(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

fn closes(c: char) -> bool {
    "，。、：；！？）」』》”’,.;:!?)".contains(c)
}

/// `s` in lines no wider than `first` (the first line) and `rest` (the others),
/// broken where Unicode line breaking allows: English at spaces, Chinese between
/// any two characters, but never before a closing mark, after an opening one or
/// between a number and its unit.
fn wrap(s: &str, first: f64, rest: f64, size: f64) -> Vec<String> {
    // The pieces between the places Unicode lets a line break (UAX #14): at spaces,
    // between Chinese characters, never before a closing mark, after an opening
    // one or at a no-break space ("0.8\u{a0}s").
    let mut glued: Vec<String> = Vec::new();
    let mut from = 0;
    for (at, _) in unicode_linebreak::linebreaks(s) {
        glued.push(s[from..at].to_string());
        from = at;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let max = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
    for t in glued {
        let candidate = format!("{line}{t}");
        if text_w(candidate.trim_end(), size) <= max(&lines) || line.is_empty() {
            line = candidate;
            // A single token wider than a line is cut where it must be.
            while text_w(line.trim_end(), size) > max(&lines) && line.chars().count() > 1 {
                let mut cut = String::new();
                let mut rest_of = String::new();
                for c in line.chars() {
                    if rest_of.is_empty() && text_w(&format!("{cut}{c}"), size) <= max(&lines) {
                        cut.push(c);
                    } else {
                        rest_of.push(c);
                    }
                }
                // Never a closing mark first on the next line.
                while rest_of.starts_with(closes) && cut.chars().count() > 1 {
                    let last = cut.pop().expect("more than one");
                    rest_of.insert(0, last);
                }
                if cut.is_empty() {
                    break;
                }
                lines.push(cut);
                line = rest_of;
            }
        } else {
            lines.push(line.trim_end().to_string());
            line = t;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// [`wrap`], but a last line that would hold only a word or two is avoided where
/// slightly narrower lines (as few as before) give it more. Chinese is left as it
/// is unless its last line would hold two or three characters: narrower lines
/// there would only cut other words.
fn wrap_even(s: &str, first: f64, rest: f64, size: f64) -> Vec<String> {
    let lines = wrap(s, first, rest, size);
    let n = lines.len();
    let least = if s.chars().any(is_wide) {
        size * 3.5
    } else {
        0.3 * rest
    };
    let short = |lines: &[String]| lines.last().is_some_and(|l| text_w(l, size) < least);
    if n < 2 || !short(&lines) {
        return lines;
    }
    let indent = rest - first;
    (1..=30)
        .map(|k| rest - 5.0 * k as f64)
        .map(|w| wrap(s, (w - indent).max(size * 3.0), w, size))
        .take_while(|l| l.len() == n)
        .find(|l| !short(l))
        .unwrap_or(lines)
}

// ---- what the diagram is made of ----

/// Where the lanes stand.
struct Lanes {
    phones: Vec<f64>,
    post_office: f64,
    spacing: f64,
    left: f64,
    right: f64,
}

impl Lanes {
    fn new(phones: usize, left: f64) -> Lanes {
        let spacing = if phones <= 3 { 118.0 } else { 104.0 };
        // The first half of the phones left of the post office, the rest right.
        let on_left = phones.div_ceil(2);
        let x = |slot: usize| left + spacing * (slot as f64 + 0.5);
        let xs = (0..phones)
            .map(|p| if p < on_left { x(p) } else { x(p + 1) })
            .collect();
        Lanes {
            phones: xs,
            post_office: x(on_left),
            spacing,
            left,
            right: left + spacing * (phones as f64 + 1.0),
        }
    }

    fn x(&self, lane: Lane) -> f64 {
        match lane {
            Lane::Phone(u) => self.phones[u.index()],
            Lane::PostOffice => self.post_office,
        }
    }

    fn all(&self) -> Vec<Lane> {
        let mut v: Vec<Lane> = (0..self.phones.len())
            .map(|p| Lane::Phone(UserIdx(p as u32)))
            .collect();
        v.push(Lane::PostOffice);
        v.sort_by(|a, b| self.x(*a).total_cmp(&self.x(*b)));
        v
    }
}

/// The lane a narrated event's dot goes on.
fn lane_of(e: &Event) -> Option<Lane> {
    e.lane()
}

/// Whether a frame is folded into its phone's note (without `--heartbeats`).
fn folded(kind: FrameKind, lost: bool) -> bool {
    match kind.row().fold {
        FrameFold::Always => true,
        FrameFold::WhenLost => lost,
        FrameFold::Never => false,
    }
}

fn frame_colour(kind: FrameKind) -> (&'static str, f64, &'static str) {
    match kind.row().look {
        Look::Mail => (MAIL, 2.0, "mail"),
        Look::Returned => (RETURNED, 1.6, "ack"),
        Look::Ack => (ACK, 1.4, "ack"),
        Look::Upkeep => (UPKEEP, 1.2, "upkeep"),
    }
}

/// How long a quiet stretch was, in words.
fn later(ms: Time, lang: Lang) -> String {
    let amount = if ms < 10_000 {
        let tenths = (ms + 50) / 100;
        match lang {
            Lang::En => with_unit(format!("{}.{}", tenths / 10, tenths % 10), "s"),
            Lang::Zh => with_unit(format!("{}.{}", tenths / 10, tenths % 10), "秒"),
        }
    } else {
        let s = (ms + 500) / 1000;
        match (lang, s / 60, s % 60) {
            (Lang::En, 0, s) => with_unit(s, "s"),
            (Lang::En, m, 0) => with_unit(m, "min"),
            (Lang::En, m, s) => format!("{} {}", with_unit(m, "min"), with_unit(s, "s")),
            (Lang::Zh, 0, s) => with_unit(s, "秒"),
            (Lang::Zh, m, 0) => with_unit(m, "分钟"),
            (Lang::Zh, m, s) => format!("{} {}", with_unit(m, "分"), with_unit(s, "秒")),
        }
    };
    match lang {
        Lang::En => format!("… {amount} later …"),
        Lang::Zh => format!("…… {amount}后 ……"),
    }
}

/// One narrated event: a caption in the margin and a dot (or a step's circle) on
/// its lane.
struct Row {
    event: usize,
    at: Time,
    actor: Actor,
    msg: Option<MsgId>,
    anchor: f64,
    top: f64,
    bottom: f64,
    tag: String,
    lines: Vec<String>,
    /// The first row of its millisecond (it shows the time).
    first_of_time: bool,
}

/// A quiet stretch, drawn as a band.
struct Gap {
    top: f64,
    ms: Time,
}

/// Heartbeats and logins folded into a phone's note.
#[derive(Default)]
struct Folded {
    beats: u32,
    answers: u32,
    lost: u32,
    logins_lost: u32,
    first: Time,
    last: Time,
}

struct Arrow {
    id: FrameId,
    kind: FrameKind,
    from: (f64, f64),
    to: (f64, f64),
    lost: bool,
    label: String,
}

/// An area already written on, which labels keep clear of.
#[derive(Clone, Copy)]
struct Boxed {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Boxed {
    fn hits(&self, o: &Boxed) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

fn gap_px(ms: Time) -> f64 {
    6.0 + 22.0 * (1.0 + ms as f64 / 15.0).log10()
}

/// The run as an SVG document: see the module's documentation.
pub fn svg(events: &[Event], world: &World, o: &Options) -> String {
    let lang = o.lang;
    let ctx = Context::new(world, o.settings, events);
    let phones = world.phones();
    let lanes = Lanes::new(phones, MARGIN + TIME_W);
    let width = lanes.right + CAP_GAP + CAP_W + MARGIN;
    let cap_x = lanes.right + CAP_GAP;

    // Frames: where each left, whether (and when) it was lost, whether it is drawn.
    let mut lost_at: BTreeMap<FrameId, usize> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if let What::FrameLost { id, .. } = e.what {
            lost_at.insert(id, i);
        }
    }
    let mut letters: BTreeMap<MsgId, usize> = BTreeMap::new();
    for e in events {
        if let (What::Edit { .. }, Some(m)) = (&e.what, &e.msg) {
            let n = letters.len() + 1;
            letters.entry(m.id).or_insert(n);
        }
    }
    let first_letter = events.iter().find_map(|e| match (&e.what, &e.msg) {
        (What::Edit { .. }, Some(m)) => Some(m.id),
        _ => None,
    });
    let number = |m: Option<MsgId>| -> Option<usize> {
        if letters.len() > 1 {
            m.and_then(|m| letters.get(&m).copied())
        } else {
            None
        }
    };

    let mut drawn: Vec<usize> = Vec::new();
    let mut notes: BTreeMap<UserIdx, Folded> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if let What::FrameOut {
            id, user, frame, ..
        } = e.what
        {
            let lost = lost_at.contains_key(&id);
            if o.heartbeats || !folded(frame, lost) {
                drawn.push(i);
                continue;
            }
            let n = notes.entry(user).or_insert(Folded {
                first: e.at,
                ..Folded::default()
            });
            match frame {
                FrameKind::Heartbeat => n.beats += 1,
                FrameKind::HeartbeatReply => n.answers += 1,
                _ => n.logins_lost += 1,
            }
            if lost && frame != FrameKind::Login {
                n.lost += 1;
            }
            n.last = e.at;
        }
    }

    // The moments that take room: narrated events, and frames leaving, arriving
    // or vanishing.
    let mut moments: BTreeSet<Time> = BTreeSet::new();
    let mut narrated: BTreeMap<Time, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if e.is_narrated() {
            moments.insert(e.at);
            narrated.entry(e.at).or_default().push(i);
        }
    }
    for &i in &drawn {
        let e = &events[i];
        if let What::FrameOut { id, arrives, .. } = e.what {
            moments.insert(e.at);
            match lost_at.get(&id) {
                Some(&l) => moments.insert(events[l].at),
                None => moments.insert(arrives),
            };
        }
    }

    // ---- heading ----
    let mut out = String::new();
    let mut body = String::new();
    let mut y = MARGIN + 22.0;
    let _ = writeln!(
        body,
        r#"<text class="title" x="{MARGIN:.1}" y="{y:.1}" font-size="20" font-weight="bold" fill="{INK}">{}</text>"#,
        xml(o.title)
    );
    y += 20.0;
    let _ = writeln!(
        body,
        r#"<text x="{MARGIN:.1}" y="{y:.1}" font-size="12" fill="{GREY}">{}</text>"#,
        xml(o.subtitle)
    );
    let legend = match lang {
        Lang::En => format!(
            "Time flows down; quiet stretches are shortened. Each arrow is one frame on a long connection; ✗: lost on the way. Numbered circles: the nine steps of the first letter.{} A solid lane: the phone is connected.",
            if letters.len() > 1 {
                " #2: the second letter written."
            } else {
                ""
            }
        ),
        Lang::Zh => format!(
            "时间从上往下走，没有动静的时段被压缩。每个箭头是长连接上传送的一份数据；✗：在路上丢失。圆圈里的数字：第一封信的九个步骤。{}竖线是实线时，手机在线。",
            if letters.len() > 1 {
                "#2：写出的第二封信。"
            } else {
                ""
            }
        ),
    };
    for line in wrap_even(&legend, width - 2.0 * MARGIN, width - 2.0 * MARGIN, 12.0) {
        y += 16.0;
        let _ = writeln!(
            body,
            r#"<text x="{MARGIN:.1}" y="{y:.1}" font-size="12" fill="{GREY}">{}</text>"#,
            xml(&line)
        );
    }
    let heads_top = y + 14.0;
    let lanes_top = heads_top + HEAD_H;

    // ---- rows: vertical space by event ----
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut time_y: BTreeMap<Time, f64> = BTreeMap::new();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut bottom = lanes_top + 6.0;
    let mut last: Option<(Time, f64)> = None;
    for &t in &moments {
        let mut anchor = bottom + ROW_SEP + ABOVE;
        if let Some((lt, la)) = last {
            let d = t - lt;
            if d >= GAP_MS {
                gaps.push(Gap {
                    top: bottom + 2.0,
                    ms: d,
                });
                bottom += GAP_H + 4.0;
                anchor = bottom + ROW_SEP + ABOVE;
            } else {
                anchor = anchor.max(la + gap_px(d));
            }
        }
        time_y.insert(t, anchor);
        match narrated.get(&t) {
            None => {
                bottom = bottom.max(anchor - 8.0);
                last = Some((t, anchor));
            }
            Some(list) => {
                for (k, &i) in list.iter().enumerate() {
                    let e = &events[i];
                    let a = if k == 0 {
                        anchor
                    } else {
                        bottom + ROW_SEP + ABOVE
                    };
                    let mut tag = crate::words::tag(e, lang);
                    if let Some(n) = number(e.msg.as_ref().map(|m| m.id)) {
                        tag = format!("{tag} #{n}");
                    }
                    let tag_w = text_w(&tag, FONT) * 1.08 + 6.0;
                    let lines = wrap_even(&sentence(&ctx, i, o), CAP_W - tag_w, CAP_W, FONT);
                    let top = a - ABOVE;
                    let row_bottom = top + LINE * lines.len() as f64 + 4.0;
                    row_of.insert(i, rows.len());
                    rows.push(Row {
                        event: i,
                        at: t,
                        actor: e.actor,
                        msg: e.msg.as_ref().map(|m| m.id),
                        anchor: a,
                        top,
                        bottom: row_bottom,
                        tag,
                        lines,
                        first_of_time: k == 0,
                    });
                    bottom = row_bottom;
                    last = Some((t, a));
                }
            }
        }
    }

    // ---- arrows ----
    let mut claimed: BTreeSet<usize> = BTreeSet::new();
    let mut leaving: BTreeMap<(i64, Lane, bool), u32> = BTreeMap::new();
    let mut arrows: Vec<Arrow> = Vec::new();
    for &i in &drawn {
        let e = &events[i];
        let What::FrameOut {
            id,
            user,
            dir,
            frame,
            arrives,
        } = e.what
        else {
            continue;
        };
        let msg = e.msg.as_ref().map(|m| m.id);
        let (from, to, receiver) = match dir {
            Dir::ToServer => (Lane::Phone(user), Lane::PostOffice, Actor::PostOffice),
            Dir::ToPhone => (Lane::PostOffice, Lane::Phone(user), Actor::Phone(user)),
        };
        // It leaves from the row that sent it: the sender's latest row of this
        // millisecond about the same letter, else its latest row of the millisecond.
        let here: Vec<&Row> = rows
            .iter()
            .filter(|r| r.at == e.at && r.event < i && r.actor == e.actor)
            .collect();
        let mut y0 = here
            .iter()
            .rev()
            .find(|r| r.msg == msg)
            .or(here.last())
            .map(|r| r.anchor)
            .unwrap_or(time_y[&e.at]);
        let (x0, x1) = (lanes.x(from), lanes.x(to));
        let rightwards = x1 > x0;
        let n = leaving
            .entry(((y0 * 10.0) as i64, from, rightwards))
            .or_insert(0);
        y0 += 6.0 * *n as f64;
        *n += 1;
        let lost = lost_at.get(&id).copied();
        let (to_pt, is_lost) = match lost {
            Some(l) => {
                let y1 = row_of
                    .get(&l)
                    .map(|&r| rows[r].anchor)
                    .unwrap_or(time_y[&events[l].at]);
                (((x0 + x1) / 2.0, y1.max(y0)), true)
            }
            None => {
                // It arrives at the receiver's first row of that millisecond about
                // the same letter that no other arrow has taken.
                let found = rows.iter().enumerate().find(|(k, r)| {
                    r.at == arrives && r.actor == receiver && r.msg == msg && !claimed.contains(k)
                });
                let y1 = match found {
                    Some((k, r)) => {
                        claimed.insert(k);
                        r.anchor
                    }
                    None => time_y[&arrives],
                };
                ((x1, y1.max(y0)), false)
            }
        };
        let mut label = crate::words::arrow_words(frame, lang).to_string();
        if let Some(n) = number(msg) {
            label = format!("{label} #{n}");
        }
        arrows.push(Arrow {
            id,
            kind: frame,
            from: (x0, y0),
            to: to_pt,
            lost: is_lost,
            label,
        });
    }

    // ---- notes for what was folded ----
    struct Note {
        lane: Lane,
        anchor: f64,
        lines: Vec<String>,
    }
    let mut note_rows: Vec<Note> = Vec::new();
    if !notes.is_empty() {
        bottom += 14.0;
    }
    for (u, n) in &notes {
        let name = world.name(*u, lang);
        let plural = |k: u32, one: &str, many: &str| -> String {
            if k == 1 {
                format!("1 {one}")
            } else {
                format!("{k} {many}")
            }
        };
        let text = match lang {
            Lang::En => {
                let mut s = format!(
                    "♥ {name}'s phone and the post office, between {} and {}: ",
                    Secs(n.first),
                    Secs(n.last)
                );
                let mut said = Vec::new();
                if n.beats > 0 {
                    said.push(plural(n.beats, "heartbeat", "heartbeats"));
                }
                if n.answers > 0 {
                    said.push(plural(n.answers, "answer", "answers"));
                }
                s.push_str(&said.join(" and "));
                if n.lost > 0 {
                    let _ = write!(s, ", {} of them lost on the way", n.lost);
                }
                if n.logins_lost > 0 {
                    if !said.is_empty() {
                        s.push_str("; ");
                    }
                    s.push_str(&plural(
                        n.logins_lost,
                        "login attempt lost on the way",
                        "login attempts lost on the way",
                    ));
                }
                s.push_str(". Not drawn: --heartbeats draws them.");
                s
            }
            Lang::Zh => {
                let mut said = Vec::new();
                if n.beats > 0 {
                    said.push(format!("{}心跳", with_unit(n.beats, "次")));
                }
                if n.answers > 0 {
                    said.push(format!("{}回应", with_unit(n.answers, "次")));
                }
                let mut s = format!(
                    "♥ {name}的手机和邮局之间，{} 到 {}：",
                    Secs(n.first),
                    Secs(n.last)
                );
                if !said.is_empty() {
                    let _ = write!(s, "共有 {}", said.join("、"));
                }
                if n.lost > 0 {
                    let _ = write!(s, "，其中 {}在路上丢失", with_unit(n.lost, "个"));
                }
                if n.logins_lost > 0 {
                    if !said.is_empty() {
                        s.push('；');
                    }
                    let _ = write!(s, "{}登录请求在路上丢失", with_unit(n.logins_lost, "次"));
                }
                s.push_str("。图中没有画出（加 --heartbeats 可以画出）。");
                s
            }
        };
        let anchor = bottom + ROW_SEP + ABOVE;
        let lines = wrap_even(&text, CAP_W, CAP_W, FONT);
        bottom = anchor - ABOVE + LINE * lines.len() as f64 + 4.0;
        note_rows.push(Note {
            lane: Lane::Phone(*u),
            anchor,
            lines,
        });
    }
    let lanes_bottom = bottom + 16.0;
    let height = lanes_bottom + HEAD_H + MARGIN;

    // ---- drawing: bands, lanes, gaps, arrows, marks, labels, captions, heads ----
    let _ = writeln!(body, r#"<g class="bands">"#);
    for (k, r) in rows.iter().enumerate() {
        if k % 2 == 0 {
            let _ = writeln!(
                body,
                r##"<rect x="{MARGIN:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f3f6fa"/>"##,
                r.top - 2.0,
                width - 2.0 * MARGIN,
                r.bottom - r.top + 2.0
            );
        }
    }
    let _ = writeln!(body, "</g>");

    // Lanes: solid while connected (the post office: while open), dashed otherwise.
    for lane in lanes.all() {
        let x = lanes.x(lane);
        let mut on = lane == Lane::PostOffice;
        let mut from = lanes_top;
        let mut pieces: Vec<(f64, f64, bool)> = Vec::new();
        for r in &rows {
            let e = &events[r.event];
            let now = match (&e.what, lane) {
                (What::Connected, Lane::Phone(u)) if e.actor == Actor::Phone(u) => Some(true),
                (What::LoggedOut | What::ConnectionLost { .. }, Lane::Phone(u))
                    if e.actor == Actor::Phone(u) =>
                {
                    Some(false)
                }
                (What::PostOfficeClosed, Lane::PostOffice) => Some(false),
                (What::PostOfficeOpened, Lane::PostOffice) => Some(true),
                _ => None,
            };
            if let Some(now) = now
                && now != on
            {
                pieces.push((from, r.anchor, on));
                from = r.anchor;
                on = now;
            }
        }
        pieces.push((from, lanes_bottom, on));
        let actor = match lane {
            Lane::Phone(u) => xml(&world.person(u).id),
            Lane::PostOffice => "post_office".to_string(),
        };
        let name = match lane {
            Lane::Phone(u) => world.name(u, lang).to_string(),
            Lane::PostOffice => pick(lang, "Post office", "邮局").to_string(),
        };
        let (fill, stroke) = match lane {
            Lane::Phone(_) => ("#eaf1fb", MAIL),
            Lane::PostOffice => ("#fff1dc", RETURNED),
        };
        let _ = writeln!(body, r#"<g class="lane" data-actor="{actor}">"#);
        for (y0, y1, on) in pieces {
            if y1 <= y0 {
                continue;
            }
            let style = if on {
                r##"stroke="#666" stroke-width="1.6""##
            } else {
                r##"stroke="#b5b5b5" stroke-width="1.2" stroke-dasharray="4 4""##
            };
            let _ = writeln!(
                body,
                r#"<line x1="{x:.1}" y1="{y0:.1}" x2="{x:.1}" y2="{y1:.1}" {style}/>"#
            );
        }
        let box_w = lanes.spacing - 14.0;
        let mut size = 14.0;
        while size > 9.0 && text_w(&name, size) * 1.08 > box_w - 8.0 {
            size -= 0.5;
        }
        for top in [heads_top, lanes_bottom] {
            let _ = writeln!(
                body,
                r#"<rect x="{:.1}" y="{top:.1}" width="{box_w:.1}" height="{HEAD_H:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>"#,
                x - box_w / 2.0
            );
            let _ = writeln!(
                body,
                r#"<text class="name" x="{x:.1}" y="{:.1}" font-size="{size:.1}" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text>"#,
                top + HEAD_H / 2.0 + size * 0.36,
                xml(&name)
            );
        }
        let _ = writeln!(body, "</g>");
    }

    // Quiet stretches: the lanes broken, and how long it was in the margin.
    for g in &gaps {
        let mid = g.top + GAP_H / 2.0;
        let _ = writeln!(
            body,
            r#"<g class="gap" data-ms="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="white"/>"#,
            g.ms,
            lanes.left,
            g.top + 4.0,
            lanes.right - lanes.left,
            GAP_H - 8.0
        );
        for lane in lanes.all() {
            let x = lanes.x(lane);
            for dy in [-3.0, 3.0] {
                let _ = writeln!(
                    body,
                    r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#999" stroke-width="1.2"/>"##,
                    x - 6.0,
                    mid + dy + 3.0,
                    x + 6.0,
                    mid + dy - 3.0
                );
            }
        }
        let _ = writeln!(
            body,
            r#"<text x="{cap_x:.1}" y="{:.1}" font-size="13" font-style="italic" fill="{GREY}">{}</text></g>"#,
            mid + 4.5,
            xml(&later(g.ms, lang))
        );
    }

    // Arrows.
    let mut taken: Vec<Boxed> = Vec::new();
    let mut marks = String::new();
    for a in &arrows {
        let (colour, stroke_w, class) = frame_colour(a.kind);
        let (x0, y0) = a.from;
        let (x1, y1) = a.to;
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let lost = if a.lost { " lost" } else { "" };
        let _ = writeln!(
            body,
            r#"<g class="arrow {class}{lost}" data-frame="{}" data-kind="{}">"#,
            a.id.0,
            a.kind.name()
        );
        if a.lost {
            let _ = writeln!(
                body,
                r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="{stroke_w:.1}" stroke-dasharray="5 3"/>"#,
                x1 - ux * 7.0,
                y1 - uy * 7.0
            );
            let _ = writeln!(
                body,
                r#"<text class="lost" x="{x1:.1}" y="{:.1}" font-size="17" font-weight="bold" text-anchor="middle" fill="{LOST}">✗</text>"#,
                y1 + 6.0
            );
            taken.push(Boxed {
                x0: x1 - 8.0,
                y0: y1 - 9.0,
                x1: x1 + 8.0,
                y1: y1 + 9.0,
            });
        } else {
            let head = 8.0;
            let (bx, by) = (x1 - ux * head, y1 - uy * head);
            let (px, py) = (-uy * head * 0.45, ux * head * 0.45);
            let _ = writeln!(
                body,
                r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{bx:.1}" y2="{by:.1}" stroke="{colour}" stroke-width="{stroke_w:.1}"/>"#
            );
            let _ = writeln!(
                body,
                r#"<polygon points="{x1:.1},{y1:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
                bx + px,
                by + py,
                bx - px,
                by - py
            );
        }
        let _ = writeln!(body, "</g>");
    }

    // Dots and the nine steps' circles.
    let mut stepped: BTreeSet<Step> = BTreeSet::new();
    for r in &rows {
        let e = &events[r.event];
        let Some(lane) = lane_of(e) else { continue };
        let x = lanes.x(lane);
        let step = e
            .step()
            .filter(|s| r.msg.is_some() && r.msg == first_letter && !stepped.contains(s));
        match step {
            Some(s) => {
                stepped.insert(s);
                let _ = writeln!(
                    marks,
                    r#"<g class="step" data-step="{n}"><circle cx="{x:.1}" cy="{y:.1}" r="9" fill="white" stroke="{MAIL}" stroke-width="1.8"/><text x="{x:.1}" y="{:.1}" font-size="11" font-weight="bold" text-anchor="middle" fill="{MAIL}">{n}</text></g>"#,
                    r.anchor + 4.0,
                    n = s.number(),
                    y = r.anchor
                );
                taken.push(Boxed {
                    x0: x - 10.0,
                    y0: r.anchor - 10.0,
                    x1: x + 10.0,
                    y1: r.anchor + 10.0,
                });
            }
            None => {
                let fill = match e.stage() {
                    Stage::Step(_) => MAIL,
                    _ => SIDE,
                };
                let _ = writeln!(
                    marks,
                    r#"<circle cx="{x:.1}" cy="{:.1}" r="3.5" fill="{fill}"/>"#,
                    r.anchor
                );
            }
        }
    }
    body.push_str(&marks);

    // Labels along their arrows, where they do not cover another.
    let _ = writeln!(body, r#"<g class="labels">"#);
    for a in &arrows {
        let (colour, _, _) = frame_colour(a.kind);
        let w = text_w(&a.label, LABEL_FONT) + 4.0;
        let h = LABEL_FONT + 2.0;
        let at = |s: f64| {
            let x = a.from.0 + (a.to.0 - a.from.0) * s;
            let y = a.from.1 + (a.to.1 - a.from.1) * s - 3.0;
            (
                x,
                y,
                Boxed {
                    x0: x - w / 2.0,
                    y0: y - h + 2.0,
                    x1: x + w / 2.0,
                    y1: y + 2.0,
                },
            )
        };
        let tries = [0.5, 0.38, 0.62, 0.28, 0.72, 0.18, 0.82];
        let (x, y, b) = tries
            .iter()
            .map(|&s| at(s))
            .find(|(_, _, b)| !taken.iter().any(|t| t.hits(b)))
            .unwrap_or_else(|| at(0.5));
        taken.push(b);
        let _ = writeln!(
            body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{LABEL_FONT}" text-anchor="middle" fill="{colour}" stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            xml(&a.label)
        );
    }
    let _ = writeln!(body, "</g>");

    // The times of frames that leave where nothing is narrated (a heartbeat, a
    // retry of a confirmation), lighter, where there is room.
    let leaves: BTreeSet<Time> = drawn.iter().map(|&i| events[i].at).collect();
    let mut timed: Vec<f64> = rows
        .iter()
        .filter(|r| r.first_of_time)
        .map(|r| r.anchor)
        .collect();
    let _ = writeln!(body, r#"<g class="times">"#);
    for (t, &y) in &time_y {
        if narrated.contains_key(t)
            || !leaves.contains(t)
            || timed.iter().any(|&other| (other - y).abs() < 16.0)
        {
            continue;
        }
        timed.push(y);
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#a0a0a0">{}</text>"##,
            MARGIN + TIME_W - 8.0,
            y + 4.0,
            Secs(*t)
        );
    }
    let _ = writeln!(body, "</g>");

    // Captions with their times.
    let _ = writeln!(body, r#"<g class="captions">"#);
    for r in &rows {
        let e = &events[r.event];
        let tag_colour = match e.stage() {
            Stage::Step(_) => MAIL,
            _ if matches!(e.what, What::FrameLost { .. } | What::Lost { .. }) => LOST,
            _ => SIDE,
        };
        let _ = write!(body, r#"<g class="caption" data-t="{}">"#, r.at);
        if r.first_of_time {
            let _ = write!(
                body,
                r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{GREY}">{}</text>"#,
                MARGIN + TIME_W - 8.0,
                r.anchor + 4.5,
                Secs(r.at)
            );
        }
        for (k, line) in r.lines.iter().enumerate() {
            let ly = r.anchor + 5.0 + LINE * k as f64;
            if k == 0 {
                let _ = write!(
                    body,
                    r#"<text x="{cap_x:.1}" y="{ly:.1}" font-size="{FONT}" fill="{INK}"><tspan font-weight="bold" fill="{tag_colour}">{}</tspan> {}</text>"#,
                    xml(&r.tag),
                    xml(line)
                );
            } else {
                let _ = write!(
                    body,
                    r#"<text x="{cap_x:.1}" y="{ly:.1}" font-size="{FONT}" fill="{INK}">{}</text>"#,
                    xml(line)
                );
            }
        }
        let _ = writeln!(body, "</g>");
    }
    let _ = writeln!(body, "</g>");

    // The notes for what was folded: a heart on the phone's lane, a dotted line to
    // the post office, the counts in the margin.
    for n in &note_rows {
        let x = lanes.x(n.lane);
        let po = lanes.post_office;
        let _ = write!(
            body,
            r#"<g class="note"><line x1="{x:.1}" y1="{y:.1}" x2="{po:.1}" y2="{y:.1}" stroke="{HEART}" stroke-width="1.2" stroke-dasharray="2 3"/><text x="{x:.1}" y="{:.1}" font-size="15" text-anchor="middle" fill="{HEART}" stroke="white" stroke-width="3" paint-order="stroke">♥</text>"#,
            n.anchor + 5.0,
            y = n.anchor
        );
        for (k, line) in n.lines.iter().enumerate() {
            let _ = write!(
                body,
                r#"<text class="note-text" x="{cap_x:.1}" y="{:.1}" font-size="{FONT}" fill="{HEART}">{}</text>"#,
                n.anchor + 5.0 + LINE * k as f64,
                xml(line)
            );
        }
        let _ = writeln!(body, "</g>");
    }

    let xml_lang = pick(lang, "en", "zh-Hans");
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    // What lets `postoffice diagram` write over its own output again, and over
    // nothing else (see `crate::files`).
    let _ = writeln!(out, "{}", crate::files::SVG_MARK);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" xml:lang="{xml_lang}" font-family="{FONTS}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml(o.title));
    let _ = writeln!(
        out,
        r#"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="white"/>"#
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_xml_cannot_hold() {
        assert_eq!(xml("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&apos;");
        assert_eq!(xml("x\u{1b}[2J\u{202e}y"), "x\\u{1b}[2J\\u{202e}y");
        assert_eq!(xml("李雷 ✓"), "李雷 ✓");
    }

    #[test]
    fn wraps_english_at_spaces_and_chinese_anywhere_but_before_a_closing_mark() {
        let lines = wrap("one two three four five six", 60.0, 60.0, 14.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(lines.join(" "), "one two three four five six");
        let zh = wrap(
            "邮局查看通讯录：韩梅梅确有其人，是李雷的好友。",
            100.0,
            100.0,
            14.0,
        );
        assert!(zh.len() > 1, "{zh:?}");
        assert_eq!(
            zh.concat(),
            "邮局查看通讯录：韩梅梅确有其人，是李雷的好友。"
        );
        assert!(zh.iter().all(|l| !l.starts_with(closes)), "{zh:?}");
        let long = wrap("abcdefghijklmnopqrstuvwxyz", 50.0, 50.0, 14.0);
        assert_eq!(long.concat(), "abcdefghijklmnopqrstuvwxyz");
        assert!(long.len() > 2);
    }

    #[test]
    fn says_how_long_a_quiet_stretch_was() {
        // A number and its unit joined by a no-break space.
        assert_eq!(later(849, Lang::En), "… 0.8\u{a0}s later …");
        assert_eq!(later(13_782, Lang::En), "… 14\u{a0}s later …");
        assert_eq!(later(125_000, Lang::En), "… 2\u{a0}min 5\u{a0}s later …");
        assert_eq!(later(1_818, Lang::Zh), "…… 1.8\u{a0}秒后 ……");
    }
}
