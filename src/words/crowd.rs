//! A recorded crowd scene's beat in words: its clock, what happened in it (how
//! many letters reached each step, were returned or shelved, and what was lost,
//! sent again and recognised: [`super::stretch`]), how far everyone has got, and
//! where the followed ("gold") letter is. The window shows it in place of a
//! caption when the beat does not end on a step of the followed letter.
//!
//! The words are the same in every register: they name no technical thing.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{pick, step_name, stretch, with_unit};
use crate::sim::{Event, Lang, MsgId, Step, What, World};

/// One beat of a recorded crowd, as the window has it.
pub struct CrowdBeat<'a> {
    pub world: &'a World,
    /// The whole trace told so far.
    pub trace: &'a [Event],
    /// The beat's events in `trace`.
    pub events: Range<usize>,
    /// When the beat before it was (or the story's start), and when this one is.
    pub since_ms: u64,
    pub at_ms: u64,
    /// Frames on the wires at `at_ms`.
    pub wires: usize,
    /// The letter the story follows.
    pub followed: Option<MsgId>,
}

/// What the tally counts of one event. One match on the event's kind, with no
/// wildcard: a new kind of event is decided here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counted {
    Returned,
    Shelved,
    Shown,
    /// Counted by its step only, or not at all.
    Else,
}

fn counted(what: &What) -> Counted {
    match what {
        What::Return { .. } => Counted::Returned,
        What::Shelve { .. } => Counted::Shelved,
        What::Display { .. } => Counted::Shown,
        What::Edit { .. }
        | What::Store
        | What::Send
        | What::Receive
        | What::Verify { .. }
        | What::Forward { .. }
        | What::Arrive
        | What::File
        | What::WaitForConnection
        | What::Numbered { .. }
        | What::HeldBack { .. }
        | What::Reordered { .. }
        | What::Returned { .. }
        | What::Unshelve { .. }
        | What::OffTheShelf { .. }
        | What::Receipt
        | What::Acknowledged { .. }
        | What::NewsKept { .. }
        | What::NewsHandedOver { .. }
        | What::Delivered { .. }
        | What::Retry { .. }
        | What::Duplicate
        | What::Lost { .. }
        | What::Resent { .. }
        | What::ResendIgnored { .. }
        // A recall is not a letter: the crowd's counts of letters stay as they were.
        | What::Recall
        | What::RecallIgnored { .. }
        | What::RecallAccepted { .. }
        | What::RecallRefused { .. }
        | What::RecallPassed { .. }
        | What::RecallShelved { .. }
        | What::Recalled { .. }
        | What::RecallDeclined { .. }
        // A parcel is not a letter either: its letter is counted as any letter.
        | What::Upload { .. }
        | What::PartStored { .. }
        | What::ParcelStored { .. }
        | What::UploadAsked { .. }
        | What::UploadAnswered { .. }
        | What::FetchParcel { .. }
        | What::ParcelSent { .. }
        | What::PartArrived { .. }
        | What::ParcelShown
        | What::ParcelExpired { .. }
        | What::ParcelGone
        | What::Joined { .. }
        | What::Left { .. }
        | What::FrameLost { .. }
        | What::LoginStart
        | What::LoggedIn { .. }
        | What::Connected
        | What::LoggedOut
        | What::Dot { .. }
        | What::Typing { .. }
        | What::MarkedOffline { .. }
        | What::ConnectionLost { .. }
        | What::LinkDown { .. }
        | What::LinkUp { .. }
        | What::SetLoss { .. }
        | What::DropNext { .. }
        | What::Register { .. }
        | What::PostOfficeClosed
        | What::PostOfficeOpened
        | What::Heartbeat
        | What::LoginAttempt
        | What::FrameOut { .. }
        | What::AckGivenUp
        | What::OwnCopy { .. }
        | What::NewDeviceEmpty { .. }
        | What::HistorySent { .. }
        | What::HistoryStored { .. }
        | What::ChatsMoved { .. }
        | What::CannotOpen { .. }
        | What::AppClosed
        | What::AppOpened { .. }
        | What::Notify { .. }
        | What::PushHeld { .. }
        | What::Notified { .. }
        | What::Fetch { .. }
        | What::FetchAnswered { .. }
        | What::ChatOpened { .. }
        | What::ChatClosed { .. }
        | What::Read { .. }
        | What::ReadPassed { .. }
        | What::ReadShown { .. } => Counted::Else,
    }
}

/// The beat's heading (its clock, and where the followed letter is) and its
/// sentence (what happened in it, and so far), in `lang`.
pub fn crowd_beat(b: &CrowdBeat, lang: Lang) -> (String, String) {
    (heading(b, lang), sentence(b, lang))
}

/// "At 12.345 s — the gold letter, Li Lei → Han Meimei: step 4 of 9, Receive".
fn heading(b: &CrowdBeat, lang: Lang) -> String {
    let secs = b.at_ms as f64 / 1000.0;
    let clock = pick(
        lang,
        format!("At {}", with_unit(format!("{secs:.3}"), "s")),
        format!("第 {}", with_unit(format!("{secs:.3}"), "秒")),
    );
    // Where the followed letter is: its latest step so far.
    let step = b.trace[..b.events.end]
        .iter()
        .rev()
        .find(|e| e.msg.as_ref().map(|m| m.id) == b.followed && e.step().is_some())
        .and_then(|e| Some((e.step()?, e.msg.clone()?)));
    let Some((s, m)) = step else {
        return clock;
    };
    let from = b.world.person(m.from()).name.get(lang);
    let to = b.world.dest_name(m.to, lang);
    let (n, name) = (s.number(), step_name(s, lang));
    pick(
        lang,
        format!("{clock} — the gold letter, {from} → {to}: step {n} of 9, {name}"),
        format!("{clock} — 金色的信（{from} → {to}）：第 {n}/9 步，{name}"),
    )
}

/// "In these 500 ms: 3 sent, 1 returned. So far 12 written, 9 archived, 7 shown.
/// On the wires now: 4."
fn sentence(b: &CrowdBeat, lang: Lang) -> String {
    let mut slice = [0u32; 10];
    let (mut returned, mut shelved) = (0, 0);
    for e in &b.trace[b.events.clone()] {
        if let Some(s) = e.step() {
            slice[s.number() as usize] += 1;
        }
        match counted(&e.what) {
            Counted::Returned => returned += 1,
            Counted::Shelved => shelved += 1,
            Counted::Shown | Counted::Else => {}
        }
    }
    let mut so_far = [0u32; 10];
    // Letters shown so far: a group letter on several screens is one letter.
    let mut letters_shown: BTreeSet<MsgId> = BTreeSet::new();
    for e in &b.trace[..b.events.end] {
        if let Some(s) = e.step() {
            so_far[s.number() as usize] += 1;
        }
        if let (Counted::Shown, Some(m)) = (counted(&e.what), &e.msg) {
            letters_shown.insert(m.id);
        }
    }
    let mut news = Vec::new();
    let mut part = |n: u32, en: &str, zh: &str| {
        if n > 0 {
            news.push(pick(
                lang,
                format!("{n} {en}"),
                zh.replace('#', &n.to_string()),
            ));
        }
    };
    part(slice[3], "sent", "发出 # 封");
    part(slice[4], "reached the counter", "# 封到达柜台");
    part(slice[6], "forwarded", "转发 # 封");
    part(slice[9], "shown on screens", "# 封显示在屏幕上");
    // The steps without words of their own here, by their names: a beat where only
    // those happened is not "nothing new".
    for step in [
        Step::Edit,
        Step::Store,
        Step::Verify,
        Step::Arrive,
        Step::File,
    ] {
        let k = step.number();
        part(
            slice[k as usize],
            &format!("at step {k} ({})", step_name(step, Lang::En)),
            &format!("第 {k} 步（{}）# 封", step_name(step, Lang::Zh)),
        );
    }
    part(returned, "returned", "退回 # 封");
    part(shelved, "put on the offline shelf", "# 封放上离线信架");
    // What was lost (by kind), sent again and recognised: counted and worded as
    // the recap and the timeline's tally say it.
    news.extend(stretch(&b.trace[b.events.clone()], lang));
    let span_ms = b.at_ms.saturating_sub(b.since_ms);
    let lead = match span_ms {
        0 => pick(lang, "At this moment", "此刻").to_string(),
        _ => pick(
            lang,
            format!("In these {}", with_unit(span_ms, "ms")),
            format!("这 {}里", with_unit(span_ms, "毫秒")),
        ),
    };
    let news = match news.is_empty() {
        true => pick(lang, "nothing new", "没有新动静").to_string(),
        false => news.join(pick(lang, ", ", "，")),
    };
    let (w, a, d) = (so_far[1], so_far[5], letters_shown.len() as u32);
    // The screens, when a letter was shown on more than one.
    let screens = so_far[9];
    let on = match screens == d {
        true => String::new(),
        false => pick(
            lang,
            format!(" (on {screens} screens)"),
            format!("（在 {screens} 部手机上）"),
        ),
    };
    let wires = b.wires;
    pick(
        lang,
        format!(
            "{lead}: {news}. So far {w} written, {a} archived, {d} shown{on}. On the wires now: {wires}."
        ),
        format!(
            "{lead}：{news}。至今已写 {w} 封，归档 {a} 封，显示 {d} 封{on}。此刻线上：{wires} 个。"
        ),
    )
}
