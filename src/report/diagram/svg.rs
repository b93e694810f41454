//! The handout's painter: the [`Model`] of a run as an SVG page (see the
//! diagram module's documentation). It measures and places: each row gets the
//! room its caption's lines need, each quiet stretch a band, each label a place
//! along its arrow where it covers nothing else.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::model::{Arrow, Folded, Mark, Model, Spot};
use super::{Options, sentence, step};
use crate::report::palette::{self, Ink, page};
use crate::report::safe::is_unsafe;
use crate::report::text::{text_w, wrap_even};
use crate::sim::kinds::Look;
use crate::sim::{Event, FrameKind, Lane, Lang, Secs, Time, World};
use crate::words::{Context, with_unit};

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
/// News about people on the wires (see [`frame_look`]): dotted, and lighter.
const NEWS_DOTS: &str = r#" stroke-dasharray="0.1 3.2" stroke-linecap="round""#;
const NEWS_OPACITY: &str = r#" opacity="0.75""#;
const FONTS: &str = "Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

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

/// A frame's arrow: its colour, its stroke's width and its class. News about
/// people (who is online, "typing…": [`crate::report::kinds::news`]) is thinner,
/// and drawn dotted and lighter ([`NEWS_DOTS`], [`NEWS_OPACITY`]).
fn frame_look(kind: FrameKind) -> (String, f64, &'static str) {
    let look = kind.row().look;
    let ink = Ink::of_frame(look).rgb().css();
    if crate::report::kinds::news(kind) {
        return (ink, 1.1, "news");
    }
    // A notification of a letter (issue 24): drawn as news is, not as a letter.
    if crate::report::kinds::notice(kind) {
        return (ink, 1.1, "notice");
    }
    match look {
        Look::Mail => (ink, 2.0, "mail"),
        Look::Returned => (ink, 1.6, "ack"),
        Look::Ack => (ink, 1.4, "ack"),
        Look::Upkeep => (ink, 1.2, "upkeep"),
        // Issue 26: a parcel's wire, thin, in its own colour.
        Look::Parcel => (ink, 1.0, "parcel"),
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

fn gap_px(ms: Time) -> f64 {
    6.0 + 22.0 * (1.0 + ms as f64 / 15.0).log10()
}

/// Where the lanes stand across the page.
struct Lanes {
    phones: usize,
    /// The push service has a lane.
    push: bool,
    spacing: f64,
    left: f64,
    right: f64,
}

impl Lanes {
    fn new(phones: usize, push: bool, left: f64) -> Lanes {
        let spacing = if phones <= 3 { 118.0 } else { 104.0 };
        Lanes {
            phones,
            push,
            spacing,
            left,
            right: left + spacing * super::model::lanes(phones, push) as f64,
        }
    }

    fn x(&self, lane: Lane) -> f64 {
        let slot = super::model::slot_in(lane, self.phones, self.push);
        self.left + self.spacing * (slot as f64 + 0.5)
    }
}

/// A row placed: where its dot sits, its band, its tag and caption's lines.
struct Placed {
    anchor: f64,
    top: f64,
    bottom: f64,
    tag: String,
    lines: Vec<String>,
}

/// A quiet stretch, drawn as a band.
struct Gap {
    top: f64,
    ms: Time,
}

/// A folded phone's note, placed.
struct Note {
    lane: Lane,
    anchor: f64,
    lines: Vec<String>,
}

/// The page's vertical layout.
struct Page {
    width: f64,
    cap_x: f64,
    lanes: Lanes,
    heads_top: f64,
    lanes_top: f64,
    lanes_bottom: f64,
    height: f64,
    rows: Vec<Placed>,
    /// Each moment's line.
    moment_y: Vec<f64>,
    gaps: Vec<Gap>,
    notes: Vec<Note>,
}

impl Page {
    fn y(&self, spot: Spot) -> f64 {
        match spot {
            Spot::Row(k) => self.rows[k].anchor,
            Spot::Moment(m) => self.moment_y[m],
        }
    }

    /// Where an arrow starts and ends.
    fn ends(&self, a: &Arrow) -> ((f64, f64), (f64, f64)) {
        let y0 = self.y(a.leaves) + 6.0 * a.stack as f64;
        let (x0, x1) = (self.lanes.x(a.from), self.lanes.x(a.to));
        let y1 = self.y(a.reaches).max(y0);
        let x = if a.lost { (x0 + x1) / 2.0 } else { x1 };
        ((x0, y0), (x, y1))
    }
}

/// The run as an SVG document: see the diagram module's documentation.
pub fn svg(events: &[Event], world: &World, o: &Options) -> String {
    let push = o.settings.notifications != crate::sim::Notifications::Off;
    let model = Model::build_with(events, world.device_count(), o.heartbeats, push);
    let ctx = Context::new(world, o.settings, events);
    let lanes = Lanes::new(model.phones, model.push, MARGIN + TIME_W);
    let width = lanes.right + CAP_GAP + CAP_W + MARGIN;
    // The heading decides where the lanes start, the rows how tall the page is:
    // both are known before the page is written.
    let mut heading_text = String::new();
    let news = model
        .arrows
        .iter()
        .any(|a| crate::report::kinds::news(a.kind));
    let heads_top = heading(&mut heading_text, o, (model.letters, news, push), width);
    let heads_top = issue_25_legend(&mut heading_text, &model, o, (heads_top, width)) + 14.0;
    let page = place(&model, events, &ctx, o, world, (lanes, heads_top, width));
    let mut out = String::new();
    prologue(&mut out, o, &page);
    out.push_str(&heading_text);
    let body = &mut out;
    bands(body, &page);
    lane_lines(body, &model, world, (o.lang, o.register), &page);
    gaps(body, &model, o.lang, &page);
    let mut taken = Taken::default();
    arrows(body, &model, &page, &mut taken);
    marks(body, &model, &page, &mut taken);
    labels(body, &model, o.lang, &page, &mut taken);
    times(body, &model, &page);
    captions(body, &model, &page);
    notes(body, &page);
    out.push_str("</svg>\n");
    out
}

/// The XML declaration, the mark, the `<svg>` element's opening and the page.
fn prologue(out: &mut String, o: &Options, page: &Page) {
    let (width, height) = (page.width, page.height);
    let xml_lang = pick(o.lang, "en", "zh-Hans");
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
}

/// The title, the subtitle and the legend (with a word on news about people where
/// the run has some, and on the push service where it has a lane); returns the
/// legend's last line.
fn heading(
    body: &mut String,
    o: &Options,
    (letters, news, push): (usize, bool, bool),
    width: f64,
) -> f64 {
    let (ink, grey) = (page::INK.css(), page::GREY.css());
    let mut y = MARGIN + 22.0;
    let _ = writeln!(
        body,
        r#"<text class="title" x="{MARGIN:.1}" y="{y:.1}" font-size="20" font-weight="bold" fill="{ink}">{}</text>"#,
        xml(o.title)
    );
    y += 20.0;
    let _ = writeln!(
        body,
        r#"<text x="{MARGIN:.1}" y="{y:.1}" font-size="12" fill="{grey}">{}</text>"#,
        xml(o.subtitle)
    );
    let mut legend = match o.lang {
        Lang::En => format!(
            "Time flows down; quiet stretches are shortened. Each arrow is one frame on a long connection; ✗: lost on the way. Numbered circles: the nine steps of the first letter.{} A solid lane: the phone is connected.",
            if letters > 1 {
                " #2: the second letter written."
            } else {
                ""
            }
        ),
        Lang::Zh => format!(
            "时间从上往下走，没有动静的时段被压缩。每个箭头是长连接上传送的一份数据；✗：在路上丢失。圆圈里的数字：第一封信的九个步骤。{}竖线是实线时，手机在线。",
            if letters > 1 {
                "#2：写出的第二封信。"
            } else {
                ""
            }
        ),
    };
    if news {
        legend.push_str(pick(
            o.lang,
            " Dotted grey arrows: news about people (who is online, “typing…”), not letters; named where there is room.",
            "灰色点线箭头：关于人的消息（谁在线、“正在输入…”），不是信；有空处才标名字。",
        ));
    }
    if push {
        legend.push_str(push_legend(o.lang, o.register));
    }
    for line in wrap_even(&legend, width - 2.0 * MARGIN, width - 2.0 * MARGIN, 12.0) {
        y += 16.0;
        let _ = writeln!(
            body,
            r#"<text x="{MARGIN:.1}" y="{y:.1}" font-size="12" fill="{grey}">{}</text>"#,
            xml(&line)
        );
    }
    y
}

/// The legend's lines on read receipts and recalls (issue 25) and on parcels
/// (issue 26), under the legend's last line `y`, where the run has a "read"
/// arrow, a recalled letter or a parcel's arrow (every other run's page is as
/// before); returns the last line.
fn issue_25_legend(body: &mut String, model: &Model, o: &Options, (y, width): (f64, f64)) -> f64 {
    let lang = o.lang;
    let read = model.arrows.iter().any(|a| a.kind == FrameKind::Read);
    let mut legend = String::new();
    if read {
        legend.push_str(pick(
            lang,
            "“read ✓✓”: the reader's phone tells the writer that the letter was on its screen in the open chat; the post office passes it on.",
            "“已读 ✓✓”：读信人的手机告诉写信人，信已显示在打开的聊天里；邮局把它转过去。",
        ));
    }
    if model.recalled > 0 {
        if !legend.is_empty() && lang == Lang::En {
            legend.push(' ');
        }
        legend.push_str(pick(
            lang,
            "✂: a letter recalled (its arrows say so) and each copy torn up, the post office's and the phones'; what was read stays read.",
            "✂：被撤回的信（它的箭头上标着）和每一处被撕掉的副本，邮局的和手机上的；读过的就是读过了。",
        ));
    }
    if model.arrows.iter().any(|a| a.kind.on_parcel_wire()) {
        if !legend.is_empty() && lang == Lang::En {
            legend.push(' ');
        }
        legend.push_str(parcel_legend(lang, o.register));
    }
    if legend.is_empty() {
        return y;
    }
    let mut y = y;
    let grey = page::GREY.css();
    for line in wrap_even(&legend, width - 2.0 * MARGIN, width - 2.0 * MARGIN, 12.0) {
        y += 16.0;
        let _ = writeln!(
            body,
            r#"<text x="{MARGIN:.1}" y="{y:.1}" font-size="12" fill="{grey}">{}</text>"#,
            xml(&line)
        );
    }
    y
}

/// The legend's sentence on parcels (issue 26): their thin arrows, in their own
/// colour.
fn parcel_legend(lang: Lang, reg: crate::words::Register) -> &'static str {
    match reg {
        crate::words::Register::Engineer => pick(
            lang,
            "Thin teal arrows: a file's parts, uploaded to and downloaded from the file server on a connection of their own, and the requests about them (part:Q, part:A, get, gone); the message carries only the file's pickup slip.",
            "细的青色箭头：文件的分片，经单独的连接上传到文件服务器、再从那里下载，以及关于它们的请求（part:Q、part:A、get、gone）；消息本身只带文件的取件单。",
        ),
        _ => pick(
            lang,
            "Thin teal arrows: the parts of a photo or voice message on the phone's own parcel line, to and from the parcel store (a room of the post office), and the questions about them; the letter carries only its pickup slip.",
            "细的青色箭头：照片或语音的各个部分，走手机自己的包裹专线，往返于包裹仓库（邮局里的一个房间），还有关于它们的询问；信里只带取件单。",
        ),
    }
}

/// The legend's sentence on the push service's lane (issue 24); the story's names
/// it the phone maker's messenger.
fn push_legend(lang: Lang, reg: crate::words::Register) -> &'static str {
    match reg {
        crate::words::Register::Story => pick(
            lang,
            " The phone maker's messenger has a lane of its own: the dotted grey arrows to it and from it are short notes about a letter (not the letter), lighting a closed app's lock screen.",
            "手机厂商的信使有自己的一条竖线：进出它的灰色点线箭头是关于一封信的短通知（不是信本身），点亮应用关着的手机的锁屏。",
        ),
        _ => pick(
            lang,
            " The push service (the phone system's: Apple's, Huawei's, Xiaomi's) has a lane of its own: the dotted grey arrows to it (notify) and from it (push) are notifications of a letter, not the letter.",
            "推送服务（手机系统的：苹果、华为、小米的）有自己的一条竖线：进它的（notify）和出它的（push）灰色点线箭头是一封信的通知，不是信本身。",
        ),
    }
}

/// The push service's lane: its id, its name in `lang` and `reg` (the story's
/// messenger) and its head's colours.
fn push_head(lang: Lang, reg: crate::words::Register) -> (String, String) {
    let name = match reg {
        crate::words::Register::Story => pick(lang, "Messenger", "信使"),
        _ => pick(lang, "Push service", "推送服务"),
    };
    ("push_service".to_string(), name.to_string())
}

/// Vertical space by event: each moment's line, each row's band and lines, the
/// quiet stretches and the notes below.
fn place(
    model: &Model,
    events: &[Event],
    ctx: &Context,
    o: &Options,
    world: &World,
    (lanes, heads_top, width): (Lanes, f64, f64),
) -> Page {
    let lanes_top = heads_top + HEAD_H;
    let mut rows: Vec<Placed> = Vec::with_capacity(model.rows.len());
    let mut moment_y: Vec<f64> = Vec::with_capacity(model.moments.len());
    let mut gaps: Vec<Gap> = Vec::new();
    let mut bottom = lanes_top + 6.0;
    let mut last: Option<(Time, f64)> = None;
    for m in &model.moments {
        let t = m.at;
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
        moment_y.push(anchor);
        if m.rows.is_empty() {
            bottom = bottom.max(anchor - 8.0);
            last = Some((t, anchor));
        }
        for k in m.rows.clone() {
            let r = &model.rows[k];
            let a = if r.first_of_time {
                anchor
            } else {
                bottom + ROW_SEP + ABOVE
            };
            let mut tag = crate::words::tag(&events[r.event], o.lang);
            if let Some(n) = r.number {
                tag = format!("{tag} #{n}");
            }
            let tag_w = text_w(&tag, FONT) * 1.08 + 6.0;
            let lines = wrap_even(&sentence(ctx, r.event, o), CAP_W - tag_w, CAP_W, FONT);
            let top = a - ABOVE;
            let row_bottom = top + LINE * lines.len() as f64 + 4.0;
            rows.push(Placed {
                anchor: a,
                top,
                bottom: row_bottom,
                tag,
                lines,
            });
            bottom = row_bottom;
            last = Some((t, a));
        }
    }
    let mut notes: Vec<Note> = Vec::new();
    if !model.notes.is_empty() {
        bottom += 14.0;
    }
    for (u, n) in &model.notes {
        let anchor = bottom + ROW_SEP + ABOVE;
        let text = note_text(world.device_name(*u, o.lang), n, o.lang);
        let lines = wrap_even(&text, CAP_W, CAP_W, FONT);
        bottom = anchor - ABOVE + LINE * lines.len() as f64 + 4.0;
        notes.push(Note {
            lane: Lane::Phone(*u),
            anchor,
            lines,
        });
    }
    let lanes_bottom = bottom + 16.0;
    Page {
        width,
        cap_x: lanes.right + CAP_GAP,
        lanes,
        heads_top,
        lanes_top,
        lanes_bottom,
        height: lanes_bottom + HEAD_H + MARGIN,
        rows,
        moment_y,
        gaps,
        notes,
    }
}

/// A phone's note for what was folded: how many heartbeats, answers and lost
/// logins, between when and when.
fn note_text(name: &str, n: &Folded, lang: Lang) -> String {
    let plural = |k: u32, one: &str, many: &str| -> String {
        if k == 1 {
            format!("1 {one}")
        } else {
            format!("{k} {many}")
        }
    };
    match lang {
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
    }
}

/// Every other row on a light band.
fn bands(body: &mut String, page: &Page) {
    let band = page::BAND.css();
    let _ = writeln!(body, r#"<g class="bands">"#);
    for r in page.rows.iter().step_by(2) {
        let _ = writeln!(
            body,
            r#"<rect x="{MARGIN:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{band}"/>"#,
            r.top - 2.0,
            page.width - 2.0 * MARGIN,
            r.bottom - r.top + 2.0
        );
    }
    let _ = writeln!(body, "</g>");
}

/// The lanes: solid while connected (the post office: while open), dashed
/// otherwise, headed by their names at the top and the bottom.
fn lane_lines(
    body: &mut String,
    model: &Model,
    world: &World,
    (lang, reg): (Lang, crate::words::Register),
    page: &Page,
) {
    let (on_style, off_style) = (
        format!(r#"stroke="{}" stroke-width="1.6""#, page::LANE_ON.css()),
        format!(
            r#"stroke="{}" stroke-width="1.2" stroke-dasharray="4 4""#,
            page::LANE_OFF.css()
        ),
    );
    let ink = page::INK.css();
    for line in &model.lanes {
        let lane = line.lane;
        let x = page.lanes.x(lane);
        let mut pieces: Vec<(f64, f64, bool)> = Vec::new();
        let (mut from, mut on) = (page.lanes_top, line.on);
        for &(k, now) in &line.switches {
            let y = page.rows[k].anchor;
            pieces.push((from, y, on));
            (from, on) = (y, now);
        }
        pieces.push((from, page.lanes_bottom, on));
        let (actor, name, fill, stroke) = match lane {
            Lane::Phone(u) => (
                xml(world.device_id(u)),
                world.device_name(u, lang).to_string(),
                page::PHONE_HEAD,
                palette::LETTER,
            ),
            Lane::PostOffice => (
                "post_office".to_string(),
                pick(lang, "Post office", "邮局").to_string(),
                page::OFFICE_HEAD,
                palette::RETURNED,
            ),
            Lane::PushService => {
                let (actor, name) = push_head(lang, reg);
                (actor, name, page::BAND, palette::UPKEEP)
            }
        };
        let (fill, stroke) = (fill.css(), stroke.css());
        let _ = writeln!(body, r#"<g class="lane" data-actor="{actor}">"#);
        for (y0, y1, on) in pieces {
            if y1 <= y0 {
                continue;
            }
            let style = if on { &on_style } else { &off_style };
            let _ = writeln!(
                body,
                r#"<line x1="{x:.1}" y1="{y0:.1}" x2="{x:.1}" y2="{y1:.1}" {style}/>"#
            );
        }
        let box_w = page.lanes.spacing - 14.0;
        let mut size = 14.0;
        while size > 9.0 && text_w(&name, size) * 1.08 > box_w - 8.0 {
            size -= 0.5;
        }
        for top in [page.heads_top, page.lanes_bottom] {
            let _ = writeln!(
                body,
                r#"<rect x="{:.1}" y="{top:.1}" width="{box_w:.1}" height="{HEAD_H:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>"#,
                x - box_w / 2.0
            );
            let _ = writeln!(
                body,
                r#"<text class="name" x="{x:.1}" y="{:.1}" font-size="{size:.1}" font-weight="bold" text-anchor="middle" fill="{ink}">{}</text>"#,
                top + HEAD_H / 2.0 + size * 0.36,
                xml(&name)
            );
        }
        let _ = writeln!(body, "</g>");
    }
    step(model.lanes.iter().map(|l| 1 + l.switches.len()).sum());
}

/// Quiet stretches: the lanes broken, and how long it was in the margin.
fn gaps(body: &mut String, model: &Model, lang: Lang, page: &Page) {
    let (grey, broken) = (page::GREY.css(), page::BREAK.css());
    for g in &page.gaps {
        let mid = g.top + GAP_H / 2.0;
        let _ = writeln!(
            body,
            r#"<g class="gap" data-ms="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="white"/>"#,
            g.ms,
            page.lanes.left,
            g.top + 4.0,
            page.lanes.right - page.lanes.left,
            GAP_H - 8.0
        );
        for line in &model.lanes {
            let x = page.lanes.x(line.lane);
            for dy in [-3.0, 3.0] {
                let _ = writeln!(
                    body,
                    r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{broken}" stroke-width="1.2"/>"#,
                    x - 6.0,
                    mid + dy + 3.0,
                    x + 6.0,
                    mid + dy - 3.0
                );
            }
        }
        let _ = writeln!(
            body,
            r#"<text x="{:.1}" y="{:.1}" font-size="13" font-style="italic" fill="{grey}">{}</text></g>"#,
            page.cap_x,
            mid + 4.5,
            xml(&later(g.ms, lang))
        );
    }
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

/// The areas written on, by bands of the page's height: a new label looks only
/// at those in the bands it spans.
#[derive(Default)]
struct Taken {
    bands: HashMap<i64, Vec<Boxed>>,
}

impl Taken {
    const BAND: f64 = 32.0;

    fn span(b: &Boxed) -> std::ops::RangeInclusive<i64> {
        (b.y0 / Self::BAND).floor() as i64..=(b.y1 / Self::BAND).floor() as i64
    }

    fn push(&mut self, b: Boxed) {
        for k in Self::span(&b) {
            self.bands.entry(k).or_default().push(b);
        }
    }

    fn hits(&self, b: &Boxed) -> bool {
        Self::span(b).any(|k| {
            self.bands.get(&k).is_some_and(|list| {
                step(list.len());
                list.iter().any(|t| t.hits(b))
            })
        })
    }
}

/// Each frame's arrow, a lost one dashed to a ✗.
fn arrows(body: &mut String, model: &Model, page: &Page, taken: &mut Taken) {
    let lost_ink = palette::LOSS.css();
    for a in &model.arrows {
        let (colour, stroke_w, class) = frame_look(a.kind);
        let ((x0, y0), (x1, y1)) = page.ends(a);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let lost = if a.lost { " lost" } else { "" };
        let news = class == "news" || class == "notice";
        let (light, dots) = if news {
            (NEWS_OPACITY, NEWS_DOTS)
        } else {
            ("", "")
        };
        let _ = writeln!(
            body,
            r#"<g class="arrow {class}{lost}" data-frame="{}" data-kind="{}"{light}>"#,
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
                r#"<text class="lost" x="{x1:.1}" y="{:.1}" font-size="17" font-weight="bold" text-anchor="middle" fill="{lost_ink}">✗</text>"#,
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
                r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{bx:.1}" y2="{by:.1}" stroke="{colour}" stroke-width="{stroke_w:.1}"{dots}/>"#
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
}

/// Each row's dot on its lane, or the first letter's step in a numbered circle.
fn marks(body: &mut String, model: &Model, page: &Page, taken: &mut Taken) {
    let letter = palette::LETTER.css();
    for (r, placed) in model.rows.iter().zip(&page.rows) {
        let Some(lane) = r.lane else { continue };
        let x = page.lanes.x(lane);
        let y = placed.anchor;
        match r.mark {
            Mark::Step(s) => {
                let _ = writeln!(
                    body,
                    r#"<g class="step" data-step="{n}"><circle cx="{x:.1}" cy="{y:.1}" r="9" fill="white" stroke="{letter}" stroke-width="1.8"/><text x="{x:.1}" y="{:.1}" font-size="11" font-weight="bold" text-anchor="middle" fill="{letter}">{n}</text></g>"#,
                    y + 4.0,
                    n = s.number(),
                );
                taken.push(Boxed {
                    x0: x - 10.0,
                    y0: y - 10.0,
                    x1: x + 10.0,
                    y1: y + 10.0,
                });
            }
            Mark::Dot(ink) => {
                let _ = writeln!(
                    body,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{}"/>"#,
                    ink.rgb().css()
                );
            }
        }
        if r.torn {
            // A copy of a recalled letter torn up here: scissors beside the mark.
            let _ = writeln!(
                body,
                r#"<text class="torn" x="{:.1}" y="{:.1}" font-size="16" font-weight="bold" text-anchor="middle" fill="{}">✂</text>"#,
                x + 13.0,
                y + 5.5,
                palette::SIDE_ROAD.css()
            );
            taken.push(Boxed {
                x0: x + 4.0,
                y0: y - 9.0,
                x1: x + 22.0,
                y1: y + 7.0,
            });
        }
    }
}

/// Labels along their arrows, where they do not cover another.
fn labels(body: &mut String, model: &Model, lang: Lang, page: &Page, taken: &mut Taken) {
    let _ = writeln!(body, r#"<g class="labels">"#);
    for a in &model.arrows {
        let (colour, _, _) = frame_look(a.kind);
        let mut label = crate::words::arrow_words(a.kind, lang).to_string();
        if let Some(bytes) = a.sealed {
            let unit = pick(lang, "bytes", "字节");
            label.push_str(&format!(" 🔒 {bytes} {unit}"));
        }
        if let Some(n) = a.number {
            label = format!("{label} #{n}");
        }
        if a.recalled {
            label.push_str(pick(lang, " (recalled ✂)", "（已撤回 ✂）"));
        }
        let (from, to) = page.ends(a);
        let w = text_w(&label, LABEL_FONT) + 4.0;
        let h = LABEL_FONT + 2.0;
        let at = |s: f64| {
            let x = from.0 + (to.0 - from.0) * s;
            let y = from.1 + (to.1 - from.1) * s - 3.0;
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
        let free = tries
            .iter()
            .map(|&s| at(s))
            .find(|(_, _, b)| !taken.hits(b));
        // News about people and notifications are named only where their name
        // covers nothing.
        let news = crate::report::kinds::news(a.kind) || crate::report::kinds::notice(a.kind);
        let Some((x, y, b)) = free.or_else(|| (!news).then(|| at(0.5))) else {
            continue;
        };
        taken.push(b);
        let light = if news { NEWS_OPACITY } else { "" };
        let _ = writeln!(
            body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{LABEL_FONT}" text-anchor="middle" fill="{colour}" stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"{light}>{}</text>"#,
            xml(&label)
        );
    }
    let _ = writeln!(body, "</g>");
}

/// The times of frames that leave where nothing is narrated (a heartbeat, a
/// retry of a confirmation), lighter, where there is room.
fn times(body: &mut String, model: &Model, page: &Page) {
    let faint = page::FAINT.css();
    // The times already written: the rows' (in order), then these (in order).
    let rows: Vec<f64> = model
        .rows
        .iter()
        .zip(&page.rows)
        .filter(|(r, _)| r.first_of_time)
        .map(|(_, p)| p.anchor)
        .collect();
    let mut written: Option<f64> = None;
    let near = |y: f64, written: Option<f64>| {
        let k = rows.partition_point(|&a| a < y);
        let close = |other: f64| (other - y).abs() < 16.0;
        k.checked_sub(1).is_some_and(|k| close(rows[k]))
            || rows.get(k).is_some_and(|&a| close(a))
            || written.is_some_and(close)
    };
    let _ = writeln!(body, r#"<g class="times">"#);
    for (m, &y) in model.moments.iter().zip(&page.moment_y) {
        if !m.rows.is_empty() || !m.leaves || near(y, written) {
            continue;
        }
        written = Some(y);
        let _ = writeln!(
            body,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="{faint}">{}</text>"#,
            MARGIN + TIME_W - 8.0,
            y + 4.0,
            Secs(m.at)
        );
    }
    step(model.moments.len());
    let _ = writeln!(body, "</g>");
}

/// Each narrated event's caption in the margin, its tag coloured by its part of
/// the story, its time at the left where it is the first of its millisecond.
fn captions(body: &mut String, model: &Model, page: &Page) {
    let (ink, grey) = (page::INK.css(), page::GREY.css());
    let cap_x = page.cap_x;
    let _ = writeln!(body, r#"<g class="captions">"#);
    for (r, placed) in model.rows.iter().zip(&page.rows) {
        let tag_colour = r.tag.rgb().css();
        let _ = write!(body, r#"<g class="caption" data-t="{}">"#, r.at);
        if r.first_of_time {
            let _ = write!(
                body,
                r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{grey}">{}</text>"#,
                MARGIN + TIME_W - 8.0,
                placed.anchor + 4.5,
                Secs(r.at)
            );
        }
        for (k, line) in placed.lines.iter().enumerate() {
            let ly = placed.anchor + 5.0 + LINE * k as f64;
            if k == 0 {
                let _ = write!(
                    body,
                    r#"<text x="{cap_x:.1}" y="{ly:.1}" font-size="{FONT}" fill="{ink}"><tspan font-weight="bold" fill="{tag_colour}">{}</tspan> {}</text>"#,
                    xml(&placed.tag),
                    xml(line)
                );
            } else {
                let _ = write!(
                    body,
                    r#"<text x="{cap_x:.1}" y="{ly:.1}" font-size="{FONT}" fill="{ink}">{}</text>"#,
                    xml(line)
                );
            }
        }
        let _ = writeln!(body, "</g>");
    }
    let _ = writeln!(body, "</g>");
}

/// The notes for what was folded: a heart on the phone's lane, a dotted line to
/// the post office, the counts in the margin.
fn notes(body: &mut String, page: &Page) {
    let heart = palette::HEARTBEAT.css();
    let po = page.lanes.x(Lane::PostOffice);
    for n in &page.notes {
        let x = page.lanes.x(n.lane);
        let _ = write!(
            body,
            r#"<g class="note"><line x1="{x:.1}" y1="{y:.1}" x2="{po:.1}" y2="{y:.1}" stroke="{heart}" stroke-width="1.2" stroke-dasharray="2 3"/><text x="{x:.1}" y="{:.1}" font-size="15" text-anchor="middle" fill="{heart}" stroke="white" stroke-width="3" paint-order="stroke">♥</text>"#,
            n.anchor + 5.0,
            y = n.anchor
        );
        for (k, line) in n.lines.iter().enumerate() {
            let _ = write!(
                body,
                r#"<text class="note-text" x="{:.1}" y="{:.1}" font-size="{FONT}" fill="{heart}">{}</text>"#,
                page.cap_x,
                n.anchor + 5.0 + LINE * k as f64,
                xml(line)
            );
        }
        let _ = writeln!(body, "</g>");
    }
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
    fn says_how_long_a_quiet_stretch_was() {
        // A number and its unit joined by a no-break space.
        assert_eq!(later(849, Lang::En), "… 0.8\u{a0}s later …");
        assert_eq!(later(13_782, Lang::En), "… 14\u{a0}s later …");
        assert_eq!(later(125_000, Lang::En), "… 2\u{a0}min 5\u{a0}s later …");
        assert_eq!(later(1_818, Lang::Zh), "…… 1.8\u{a0}秒后 ……");
    }
}
