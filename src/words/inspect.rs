//! The inspector's words: what a letter, a card, a bubble or a heartbeat on the
//! picture holds, as (field, value) lines, in the language and register on
//! screen. The window draws them (`viz/tools.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::{Register, window};
use crate::sim::view::{LetterCopy, View};
use crate::sim::{Dir, Event, FrameKind, Lang, MsgId, Secs, Settings, What, World};

/// The story as far as the picture on screen.
pub struct Story<'a> {
    pub world: &'a World,
    pub settings: &'a Settings,
    /// The picture after the beat on screen.
    pub view: &'a View,
    /// The trace up to the beat on screen.
    pub trace: &'a [Event],
}

/// A thing on the picture the class looks inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inspected {
    /// An envelope (a letter's copy), resting or moving.
    Letter(LetterCopy),
    /// A receipt or delivery card about this letter.
    Card(MsgId),
    /// A bubble on a device's screen (the device: issue 28, a bubble it
    /// cannot open shows no words).
    Bubble(crate::sim::DeviceIdx, MsgId),
    /// A phone's heartbeat (a device's, issue 27).
    Heartbeat(crate::sim::DeviceIdx),
}

/// What the inspector shows of a thing: a heading and lines (field, value).
pub fn inspect(
    story: &Story,
    thing: Inspected,
    lang: Lang,
    reg: Register,
) -> (String, Vec<(String, String)>) {
    let (world, view, trace) = (story.world, story.view, story.trace);
    let w = |en: &str, zh: &str| {
        if lang == Lang::En {
            en.to_string()
        } else {
            zh.to_string()
        }
    };
    match thing {
        Inspected::Heartbeat(u) => {
            let sent: Vec<&Event> = trace
                .iter()
                .filter(|e| {
                    matches!(e.what, What::FrameOut { user, frame: FrameKind::Heartbeat, .. } if user == u)
                })
                .collect();
            let last = sent.last().map(|e| e.at);
            let (kind, what) = window::heartbeat_kind(lang, reg);
            let lines = vec![
                (w("from", "来自"), world.device_name(u, lang).to_string()),
                (kind.to_string(), what.to_string()),
                (
                    window::heartbeats_so_far(lang, reg).to_string(),
                    sent.len().to_string(),
                ),
                (
                    w("last sent at", "最近一次发出"),
                    last.map_or("—".into(), |t| format!("{}", Secs(t))),
                ),
                (
                    w("every", "间隔"),
                    format!("{}", Secs(story.settings.heartbeat.interval_ms)),
                ),
            ];
            (window::heartbeat_heading(lang, reg).to_string(), lines)
        }
        Inspected::Letter(LetterCopy { id, .. })
        | Inspected::Card(id)
        | Inspected::Bubble(_, id) => letter_lines(world, view, trace, id, thing, lang, reg),
    }
}

/// Every frame about letter `id` so far: which packet, when, and its fate.
fn packets(
    world: &World,
    trace: &[Event],
    id: MsgId,
    lang: Lang,
    reg: Register,
) -> Vec<(String, String)> {
    let w = |en: &str, zh: &str| super::pick(lang, en, zh).to_string();
    let mut lines = Vec::new();
    let mut lost = BTreeSet::new();
    for e in trace {
        if let What::FrameLost { id: f, .. } = e.what
            && e.msg.as_ref().is_some_and(|m| m.id == id)
        {
            lost.insert(f);
        }
    }
    let mut attempt = BTreeMap::new();
    for e in trace
        .iter()
        .filter(|e| e.msg.as_ref().is_some_and(|m| m.id == id))
    {
        if let What::FrameOut {
            id: f,
            user,
            dir,
            frame,
            arrives,
        } = e.what
        {
            let n = attempt.entry((frame.name(), user)).or_insert(0u32);
            *n += 1;
            let fate = if lost.contains(&f) {
                w("lost on the way", "途中丢失")
            } else if arrives <= trace.last().map_or(0, |l| l.at) {
                w("arrived", "已到达")
            } else {
                w("on its way", "在路上")
            };
            let way = match dir {
                Dir::ToServer => {
                    format!(
                        "{} → {}",
                        world.device_name(user, lang),
                        w("post office", "邮局")
                    )
                }
                Dir::ToPhone => {
                    format!(
                        "{} → {}",
                        w("post office", "邮局"),
                        world.device_name(user, lang)
                    )
                }
            };
            lines.push((
                window::packet_line(frame, *n, lang, reg),
                format!("{way}, {} {}, {fate}", w("sent at", "发于"), Secs(e.at)),
            ));
        }
    }
    lines
}

/// Where letter `id`'s copies are kept now.
fn kept(world: &World, view: &View, id: MsgId, lang: Lang) -> Option<(String, String)> {
    let w = |en: &str, zh: &str| super::pick(lang, en, zh).to_string();
    let letter = view.letters.get(&id)?;
    let kept = view.kept.get(&id)?;
    let mut places = Vec::new();
    if kept.sender {
        places.push(format!(
            "{} ({})",
            w("sender's home mailbox", "寄信人的信箱"),
            world.name(letter.from(), lang)
        ));
    }
    if kept.archive {
        places.push(w("the post office's archive", "邮局的档案室"));
    }
    for r in &kept.shelf {
        places.push(format!(
            "{} ({})",
            w("the offline shelf", "离线信架"),
            world.device_name(*r, lang)
        ));
    }
    for r in &kept.recipients {
        places.push(format!(
            "{} ({})",
            w("home mailbox", "信箱"),
            world.device_name(*r, lang)
        ));
    }
    Some((w("copies kept in", "保存的副本"), places.join("; ")))
}

/// A duplicate on its way into a phone: what that phone has already seen.
fn seen_before(
    world: &World,
    view: &View,
    trace: &[Event],
    id: MsgId,
    thing: Inspected,
    lang: Lang,
    reg: Register,
) -> Option<(String, String)> {
    let w = |en: &str, zh: &str| super::pick(lang, en, zh).to_string();
    let number = |id: MsgId| window::letter_number(world, id, lang, reg);
    if let Inspected::Letter(LetterCopy { to: Some(r), .. }) = thing
        && trace
            .iter()
            .rev()
            .take_while(|e| !e.is_narrated() || e.what == What::Duplicate)
            .any(|e| e.what == What::Duplicate && e.msg.as_ref().is_some_and(|m| m.id == id))
        && let Some(phone) = view.phone(r)
    {
        let seen: Vec<String> = phone
            .chat
            .iter()
            .filter(|b| b.id.from != world.owner(r))
            .map(|b| {
                let label = number(b.id);
                if b.id == id {
                    format!("[{label}]")
                } else {
                    label
                }
            })
            .collect();
        return Some((
            w("already seen by the phone", "手机已经见过"),
            seen.join(", "),
        ));
    }
    None
}

/// The words of the letter the inspector looks at (issue 28): where it is
/// sealed (at the post office, on a wire, on a device that cannot open it), a
/// lock and its size, never its words.
fn text_seen(view: &View, id: MsgId, thing: Inspected, lang: Lang) -> String {
    let bytes = view.sealed.get(&id).copied();
    let locked = match thing {
        Inspected::Letter(copy) => view.copy_sealed(copy),
        Inspected::Bubble(u, _) => view.cannot_open(u, id),
        _ => false,
    };
    let words = view.letters.get(&id).and_then(|l| l.text());
    match (locked, bytes, words) {
        (true, Some(n), _) | (false, Some(n), None) => super::pick(
            lang,
            format!("🔒 sealed, {n} bytes"),
            format!("🔒 封好的，{n} 字节"),
        ),
        (_, _, Some(t)) => t.get(lang).to_string(),
        (_, None, None) => String::new(),
    }
}

/// What the post office can see of a sealed letter, and what not (issue 28),
/// for the inspector: who wrote it, to whom, when and how big — never the
/// words. Nothing for a letter that does not travel sealed.
pub fn office_sees(view: &View, id: MsgId, lang: Lang) -> Vec<(String, String)> {
    let Some(sees) = view.office_sees(id).filter(|s| s.sealed) else {
        return Vec::new();
    };
    let w = |en: &str, zh: &str| super::pick(lang, en, zh).to_string();
    vec![
        (
            w("the post office can see", "邮局看得到"),
            super::pick(
                lang,
                format!(
                    "who wrote it, to whom, when, and how big ({} bytes)",
                    sees.bytes
                ),
                format!("谁写的、写给谁、什么时候、多大（{} 字节）", sees.bytes),
            ),
        ),
        (
            w("it cannot see", "邮局看不到"),
            w("the words: the letter is sealed", "信里的字：信是封好的"),
        ),
    ]
}

/// A letter's fields, its packets so far and where its copies are kept.
fn letter_lines(
    world: &World,
    view: &View,
    trace: &[Event],
    id: MsgId,
    thing: Inspected,
    lang: Lang,
    reg: Register,
) -> (String, Vec<(String, String)>) {
    let number = |id: MsgId| window::letter_number(world, id, lang, reg);
    let w = |en: &str, zh: &str| {
        if lang == Lang::En {
            en.to_string()
        } else {
            zh.to_string()
        }
    };
    let Some(letter) = view.letters.get(&id) else {
        return (w("A letter", "一封信"), Vec::new());
    };
    let mut lines = vec![
        (w("number", "编号"), number(id)),
        (
            w("from", "寄信人"),
            world.name(letter.from(), lang).to_string(),
        ),
        (
            w("to", "收信人"),
            world.dest_name(letter.to, lang).to_string(),
        ),
        (w("text", "内容"), text_seen(view, id, thing, lang)),
        (
            w("written at", "写于"),
            format!("{}", Secs(letter.written_at)),
        ),
    ];
    if let Some(status) = view.sender_sees(id) {
        lines.push((
            w("its sender sees", "寄信人看到"),
            status_words(status, lang),
        ));
    }
    lines.extend(office_sees(view, id, lang));
    lines.extend(packets(world, trace, id, lang, reg));
    lines.extend(kept(world, view, id, lang));
    lines.extend(seen_before(world, view, trace, id, thing, lang, reg));
    let heading = match thing {
        Inspected::Card(_) => w("A receipt about a letter", "一张关于这封信的回执"),
        Inspected::Bubble(..) => w("A bubble on the screen", "屏幕上的一条消息"),
        _ => w("A letter", "一封信"),
    };
    (heading, lines)
}

fn status_words(s: crate::sim::Status, lang: Lang) -> String {
    use super::window as w;
    use crate::sim::Status as S;
    let (en, zh) = match s {
        S::Sending => ("sending…".to_string(), "发送中…".to_string()),
        S::Waiting => ("waiting for a connection".into(), "等待连接".into()),
        // The bubble's words (words::window), with what ✓ means.
        S::Posted => (
            format!("✓ {}: the post office has it", w::sent(Lang::En)),
            format!("✓ {}：邮局已收到", w::sent(Lang::Zh)),
        ),
        S::Delivered { count, of } if count >= of => (
            format!("✓✓ {}", w::delivered(Lang::En)),
            format!("✓✓ {}", w::delivered(Lang::Zh)),
        ),
        S::Delivered { count, of } => (
            w::partly_heading(count, of, Lang::En),
            w::partly_heading(count, of, Lang::Zh),
        ),
        S::Returned(r) => (
            format!("returned: {}", super::stamp(r, Lang::En)),
            format!("退信：{}", super::stamp(r, Lang::Zh)),
        ),
        S::Lost => ("❗ may be lost".into(), "❗ 可能丢失".into()),
        S::Received => ("received".into(), "收到的信".into()),
    };
    if lang == Lang::En { en } else { zh }
}
