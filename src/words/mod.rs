//! Every word the story tells, in English and in Simplified Chinese, in three
//! registers: the names of the nine steps and the side roads, one sentence per
//! trace event, the timeline's folded lines and closing tally, and the
//! expectations with what became of them. The simulation prints nothing; the
//! runner, the JSON trace and the window all take their words from here.
//!
//! A sentence is keyed by (event, language, [`Register`]) and made with a
//! [`Context`]: who is who, the scene's timings (a heartbeat every 15 seconds),
//! and the trace it belongs to, so that a scene with several letters names the
//! letter in every caption, and a thing is explained the first time the class
//! meets it (the long connection, the ticks, "instant").
//!
//! The post office picture and its technical words, one term per idea:
//!
//! | story | technical (`both` adds it in brackets, once per sentence) |
//! | --- | --- |
//! | screen, pen and letter paper / 屏幕 | UI module / 界面模块 |
//! | the phone packs the letter / 手机 | data module / 数据模块 |
//! | home mailbox / 自家信箱 | local database / 本地数据库 |
//! | postman / 邮递员 | network module / 网络模块 |
//! | line to the post office / 专线 | long connection / 长连接 (`both` says it plainly) |
//! | counter / 柜台 | long-connection service / 长连接服务 |
//! | address register / 用户名册 | user service / 用户服务 |
//! | archive / 档案室 | server database / 服务端数据库 |
//! | sorting desk / 分拣台 | message forwarding / 消息转发 |
//! | offline shelf / 离线信架 | offline messages / 离线消息 |
//! | "still here" / “我还在” | heartbeat / 心跳 |

pub mod act;
mod caption;
mod counted;
mod crowd;
mod fold;
pub mod glossary;
pub mod inspect;
mod outcome;
pub mod predict;
pub mod teach;
pub mod window;

use crate::sim::{
    Actor, Bounce, Envelope, Event, EventKind, FrameKind, Lang, Road, Settings, Stage, Step, Time,
    UserIdx, What, World,
};

pub use counted::stretch;
pub use crowd::{CrowdBeat, crowd_beat};
pub use fold::{Line, tally, timeline};
pub use glossary::{Term, glossary};
pub use outcome::{detail, expectation, failed};
pub use teach::recap;

/// How the story is told.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Register {
    /// The post office only: mailbox, postman, counter; no technical word.
    Story,
    /// The story word with the technical word beside it, introduced the same way
    /// every time (the default).
    #[default]
    Both,
    /// The technical words, with the packet codes (`msg:R`), ids and sequence
    /// numbers.
    Engineer,
}

impl Register {
    pub const ALL: [Register; 3] = [Register::Story, Register::Both, Register::Engineer];

    /// The next register, as the window's W key goes round them.
    pub fn next(self) -> Register {
        match self {
            Register::Story => Register::Both,
            Register::Both => Register::Engineer,
            Register::Engineer => Register::Story,
        }
    }

    /// Its position in [`Register::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name, as `--words` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Register::Story => "story",
            Register::Both => "both",
            Register::Engineer => "engineer",
        }
    }

    /// What it is called on screen.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Register::Story, Lang::En) => "Words: story",
            (Register::Both, Lang::En) => "Words: story + terms",
            (Register::Engineer, Lang::En) => "Words: engineer",
            (Register::Story, Lang::Zh) => "说法：故事",
            (Register::Both, Lang::Zh) => "说法：故事 + 术语",
            (Register::Engineer, Lang::Zh) => "说法：工程师",
        }
    }
}

/// What the words know of the scene being told: who is who, its timings, and the
/// trace (so far), to name letters and to explain a thing the first time it comes.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    pub world: &'a World,
    pub settings: &'a Settings,
    trace: &'a [Event],
    /// More than one letter is written in the trace: every caption names its letter.
    several: bool,
    /// The first event told that mentions the long connection, shows a tick, shows a
    /// letter on a screen.
    first_line: Option<usize>,
    first_tick: Option<usize>,
    first_display: Option<usize>,
    /// Where each letter was first shown and its receipt first lost, in the trace
    /// read so far: read on as far as a caption asks (one pass over the trace in
    /// all, not one per event).
    marks: std::cell::RefCell<caption::Marks>,
    /// The scene has chats opened and closed, or read receipts (issue 25): a
    /// letter filed while its chat is not open is told as not read yet.
    chats: bool,
}

impl<'a> Context<'a> {
    /// The words for `trace`, told from its first event.
    pub fn new(world: &'a World, settings: &'a Settings, trace: &'a [Event]) -> Context<'a> {
        Context::told_from(world, settings, trace, 0)
    }

    /// The words for `trace` where the events before `from` were never told (the
    /// window's opening picture: everyone logging in): a thing is explained the
    /// first time it comes from there on.
    pub fn told_from(
        world: &'a World,
        settings: &'a Settings,
        trace: &'a [Event],
        from: usize,
    ) -> Context<'a> {
        let letters = trace
            .iter()
            .filter(|e| matches!(e.what, What::Edit { .. }))
            .take(2)
            .count();
        let told = || trace.iter().enumerate().skip(from);
        let first = |p: fn(&Event) -> bool| told().find(|(_, e)| p(e)).map(|(i, _)| i);
        Context {
            world,
            settings,
            trace,
            several: letters > 1,
            first_line: first(|e| caption::mentions_line(&e.what)),
            // Said at the first ✓✓: the moment a class looks at its own phone.
            first_tick: first(|e| matches!(e.what, What::Delivered { count, of } if count >= of)),
            first_display: first(|e| matches!(e.what, What::Display { .. })),
            marks: std::cell::RefCell::default(),
            chats: settings.read_receipts != crate::sim::ReadReceipts::Off
                || trace.iter().any(|e| e.what.chat_change().is_some()),
        }
    }

    /// The trace the words are about.
    pub fn trace(&self) -> &'a [Event] {
        self.trace
    }

    /// Whether every caption names its letter.
    pub fn names_letters(&self) -> bool {
        self.several
    }

    fn name(&self, u: UserIdx, lang: Lang) -> &'a str {
        self.world.name(u, lang)
    }
}

/// The sentence for event `i` of the context's trace.
pub fn caption(ctx: &Context, i: usize, lang: Lang, reg: Register) -> String {
    caption::one(ctx, i, lang, reg)
}

/// The sentence for one event on its own (no letter named, nothing explained as
/// the first time), with the scene's timings.
pub fn caption_of(e: &Event, lang: Lang, reg: Register, world: &World, s: &Settings) -> String {
    let trace = std::slice::from_ref(e);
    let mut ctx = Context::new(world, s, trace);
    ctx.first_line = None;
    ctx.first_tick = None;
    ctx.first_display = None;
    caption(&ctx, 0, lang, reg)
}

fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The name of one of the nine steps.
pub fn step_name(step: Step, lang: Lang) -> &'static str {
    let (en, zh) = match step {
        Step::Edit => ("Edit", "编辑"),
        Step::Store => ("Store", "存储"),
        Step::Send => ("Send", "发送"),
        Step::Receive => ("Receive", "接收"),
        Step::Verify => ("Verify", "验证"),
        Step::Forward => ("Forward", "转发"),
        Step::Arrive => ("Receive", "接收"),
        Step::File => ("Store", "存储"),
        Step::Display => ("Display", "显示"),
    };
    pick(lang, en, zh)
}

/// Where a step happens: the sender's phone, the post office, the recipient's phone.
pub fn step_place(step: Step, lang: Lang) -> &'static str {
    let (en, zh) = match step.number() {
        1..=3 => ("sender's phone", "发信人的手机"),
        4..=6 => ("post office", "邮局"),
        _ => ("recipient's phone", "收信人的手机"),
    };
    pick(lang, en, zh)
}

/// The name of a side road.
pub fn side_road_name(road: Road, lang: Lang) -> &'static str {
    let (en, zh) = match road {
        Road::ReturnToSender => ("Return to sender", "退信"),
        Road::OfflineShelf => ("Offline shelf", "离线信架"),
        Road::DeliveredAfterAll => ("Delivered after all", "最终送达"),
        Road::WaitingToSend => ("Waiting to send", "等待发送"),
        // The bubble's word (window::sent); the caption says what it means.
        Road::Receipt => ("✓ Sent", "✓ 已发出"),
        Road::Delivered => ("✓✓ Delivered", "✓✓ 已送达"),
        Road::SentAgain => ("Sent again", "重发"),
        Road::CopyRecognised => ("Copy recognised", "认出重复的信"),
        Road::NotSent => ("Not sent", "发送失败"),
        Road::Numbered => ("Numbered by the post office", "邮局编号"),
        Road::WaitsItsTurn => ("Waits its turn", "排队等发"),
        Road::Notification => ("Notification", "通知"),
        Road::Read => ("✓✓ Read", "已读"),
        Road::Recall => ("Recalled", "撤回"),
        Road::Parcel => ("Parcel", "包裹"),
        Road::Devices => ("Several devices", "多台设备"),
        Road::Sealed => ("Cannot open", "打不开的信"),
        Road::LostOnTheWay => ("Lost on the way", "途中丢失"),
        Road::Presence => ("Online / offline", "上线 / 下线"),
        Road::Reconnect => ("Reconnect", "重新连接"),
        Road::SceneChange => ("Something changes", "情况有变"),
    };
    pick(lang, en, zh)
}

/// A letter taken from the offline shelf is step 6, from the shelf.
fn from_the_shelf(e: &Event) -> bool {
    e.what.kind() == EventKind::Unshelve
}

/// An event as a caption heading: "Step 5 of 9 — Verify", "Step 6 of 9 — Forward
/// (from the shelf)", "Step 5 of 9 — Verify: return to sender", "Side road — Sent
/// again".
pub fn stage_label(e: &Event, lang: Lang) -> String {
    // A letter the post office sends back failed step 5: the count does not skip it.
    if e.told_step() != e.step() {
        return pick(
            lang,
            format!(
                "Step 5 of 9 — {}: return to sender",
                step_name(Step::Verify, lang)
            ),
            format!(
                "第 5 步（共 9 步）— {}：退信",
                step_name(Step::Verify, lang)
            ),
        );
    }
    // Some members of a group have the letter, not all: still one tick, as the
    // bubble shows it.
    if let Some((count, of)) = e.partly_delivered() {
        let w = window::partly_heading(count, of, lang);
        return pick(lang, format!("Side road — {w}"), format!("支线 — {w}"));
    }
    match e.stage() {
        Stage::Step(s) => {
            let shelf = if from_the_shelf(e) {
                pick(lang, " (from the shelf)", "（从离线信架）")
            } else {
                ""
            };
            pick(
                lang,
                format!("Step {} of 9 — {}{shelf}", s.number(), step_name(s, lang)),
                format!(
                    "第 {} 步（共 9 步）— {}{shelf}",
                    s.number(),
                    step_name(s, lang)
                ),
            )
        }
        Stage::Side(r) => pick(
            lang,
            format!("Side road — {}", side_road_name(r, lang)),
            format!("支线 — {}", side_road_name(r, lang)),
        ),
        Stage::Background => pick(lang, "Background", "例行").to_string(),
    }
}

/// The short tag in front of a timeline line: `1/9 Edit`, `Sent again`.
pub fn tag(e: &Event, lang: Lang) -> String {
    if e.told_step() != e.step() {
        return pick(lang, "5/9 Verify: returned", "第 5 步 验证：退信").to_string();
    }
    match e.stage() {
        Stage::Step(s) => pick(
            lang,
            format!("{}/9 {}", s.number(), step_name(s, lang)),
            format!("第 {} 步 {}", s.number(), step_name(s, lang)),
        ),
        Stage::Side(r) => side_road_name(r, lang).to_string(),
        Stage::Background => pick(lang, "background", "例行").to_string(),
    }
}

/// The stamp on a returned letter (the same words on the envelope, the bubble and
/// in the caption).
pub fn stamp(reason: Bounce, lang: Lang) -> &'static str {
    let (en, zh) = match reason {
        Bounce::UnknownUser => ("no such person", "查无此人"),
        Bounce::NotFriends => ("not friends", "非好友"),
        Bounce::NotInGroup => ("not a member", "非群成员"),
        Bounce::Blocked => ("refused", "对方拒收"),
    };
    pick(lang, en, zh)
}

/// A letter's number, as the trace and the engineer print it: `lilei#1`.
pub fn letter_id(m: &Envelope, w: &World) -> String {
    w.letter_id(m.id)
}

/// The no-break space that joins a number to its unit ("0.131 s", "8 秒").
pub const NO_BREAK: char = '\u{a0}';

/// A number and its unit, joined so that no line breaks between them: every number
/// with a unit in the words goes through here.
pub fn with_unit(n: impl std::fmt::Display, unit: &str) -> String {
    format!("{n}{NO_BREAK}{unit}")
}

/// A time as the timeline prints it: `1.088 s`, `1.088 秒`.
pub fn secs(ms: Time, lang: Lang) -> String {
    let s = format!("{}.{:03}", ms / 1000, ms % 1000);
    with_unit(s, pick(lang, "s", "秒"))
}

/// A span in words: "15 seconds", "1.5 seconds", "15 秒".
fn span(ms: Time, lang: Lang) -> String {
    let n = if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else if ms.is_multiple_of(100) {
        format!("{}.{}", ms / 1000, (ms % 1000) / 100)
    } else {
        format!("{}.{:03}", ms / 1000, ms % 1000)
    };
    match lang {
        Lang::En if ms == 1000 => with_unit(1, "second"),
        Lang::En => with_unit(n, "seconds"),
        Lang::Zh => with_unit(n, "秒"),
    }
}

/// A small count in English words ("two"), a larger one in figures.
fn count_en(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A small count in Chinese words, ready for a measure word: 一, 两, 三 … 十
/// ("三封信"); a larger one in figures, set apart by a space before and joined to
/// the measure word after (" 12\u{a0}" → "第 12\u{a0}封").
fn count_zh(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    WORDS
        .get(n)
        .map_or_else(|| format!(" {n}{NO_BREAK}"), |w| w.to_string())
}

/// An ordinal's number in Chinese words, for 第…次: 一, 二, 三 … 十 ("第二次");
/// a larger one in figures, set apart by spaces.
fn nth_zh(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    WORDS
        .get(n)
        .map_or_else(|| format!(" {n}{NO_BREAK}"), |w| w.to_string())
}

/// The try a retry is, in English: "2nd try" for the first retry.
fn nth_try_en(retry: u32) -> String {
    format!("{} try", ordinal_en(retry as usize + 1))
}

/// An ordinal in English figures: "1st", "2nd", "11th", "23rd".
fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "a", "a and b", "a, b and c"; in Chinese "a、b 和 c".
pub(crate) fn list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => match lang {
            Lang::En => format!("{} and {last}", rest.join(", ")),
            // Ids (lilei#1) stand apart from the characters around them.
            Lang::Zh if last.starts_with(|c: char| c.is_ascii_alphanumeric()) => {
                format!("{} 和 {last}", rest.join("、"))
            }
            Lang::Zh => format!("{}和{last}", rest.join("、")),
        },
    }
}

/// "n thing" or "n things".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A letter's words, quoted whole in a sentence: a lesson's letters are short. Only
/// a very long one (a letter typed live) is cut, at a word in English, at half as
/// many characters in Chinese; the pictures cut their own labels shorter.
fn quote(text: &str, lang: Lang) -> String {
    let max = pick(lang, 60, 30);
    match text.char_indices().nth(max) {
        None => format!("“{text}”"),
        Some((i, _)) => {
            let cut = &text[..i];
            let cut = match cut.rfind(' ') {
                Some(j) if j > max / 2 => &cut[..j],
                _ => cut,
            };
            format!("“{}…”", cut.trim_end())
        }
    }
}

/// The person whose phone did it.
fn phone_of(e: &Event) -> Option<crate::sim::DeviceIdx> {
    match e.actor {
        Actor::Phone(u) => Some(u),
        _ => None,
    }
}

/// The scene's title and what it teaches, each on one line, for the top of a run.
pub fn opening(title: &crate::sim::Text, about: Option<&crate::sim::Text>, lang: Lang) -> String {
    let mut out = title.get(lang).to_string();
    if let Some(about) = about {
        out.push('\n');
        out.push_str(about.get(lang));
    }
    out
}

/// The line under the title: the file, the words, and (engineer only: a
/// technical word) the seed.
pub fn provenance(file: &str, seed: u64, reg: Register, lang: Lang) -> String {
    let eng = reg == Register::Engineer;
    match lang {
        Lang::En if eng => format!("({file}, seed {seed}, words: {})", reg.name()),
        Lang::En => format!("({file}, words: {})", reg.name()),
        Lang::Zh => {
            let words = match reg {
                Register::Story => "故事",
                Register::Both => "故事 + 术语",
                Register::Engineer => "工程师",
            };
            if eng {
                format!("（{file}，随机种子 {seed}，说法：{words}）")
            } else {
                format!("（{file}，说法：{words}）")
            }
        }
    }
}

/// A diagram arrow's words: "letter", "receipt ✓", ...
pub fn arrow_words(kind: FrameKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        FrameKind::Login => ("login", "登录"),
        FrameKind::LoginOk => ("welcome", "登录成功"),
        FrameKind::Logout => ("goodbye", "再见"),
        FrameKind::Heartbeat => ("heartbeat ♥", "心跳 ♥"),
        FrameKind::HeartbeatReply => ("answer", "心跳回应"),
        FrameKind::MsgR | FrameKind::MsgN => ("letter", "信"),
        FrameKind::MsgA => ("receipt ✓", "回执 ✓"),
        FrameKind::AckR => ("got it", "签收"),
        FrameKind::AckA => ("thanks", "致谢"),
        FrameKind::AckN => ("delivery ✓✓", "送达 ✓✓"),
        FrameKind::AckC => ("news noted", "知道了"),
        FrameKind::Returned => ("returned letter", "退信"),
        FrameKind::NotLoggedIn => ("please log in", "请重新登录"),
        FrameKind::Closing => ("closing", "关门通知"),
        FrameKind::PresenceAsk => ("who is online?", "谁在线？"),
        FrameKind::Presence => ("online dots", "在线状态"),
        FrameKind::Typing => ("typing…", "正在输入…"),
        FrameKind::Bye => ("bye (app closed)", "再见（关应用）"),
        FrameKind::Notify => ("note for the lock screen", "锁屏通知"),
        FrameKind::Push => ("note to the phone", "通知送到手机"),
        FrameKind::Fetch => ("anything for me?", "有我的信吗？"),
        FrameKind::FetchA => ("how many wait", "有几封在等"),
        FrameKind::Read => ("read ✓✓", "已读 ✓✓"),
        FrameKind::ReadA => ("read noted", "已读收到"),
        FrameKind::ReadN => ("she has read it", "对方已读"),
        FrameKind::ReadC => ("read news noted", "已读知道了"),
        FrameKind::Recall => ("recall ✂", "撤回 ✂"),
        FrameKind::RecallA => ("recall answered", "撤回答复"),
        FrameKind::RecallN => ("tear it up ✂", "请撕掉 ✂"),
        FrameKind::RecallC => ("torn up", "已撕掉"),
        FrameKind::PartR | FrameKind::PartN => ("part", "一部分"),
        FrameKind::PartAsk => ("how much have you?", "收到多少了？"),
        FrameKind::PartA => ("how many parts it has", "已收到几部分"),
        FrameKind::Get => ("send me the parcel", "请把包裹发来"),
        FrameKind::Gone => ("gone (expired)", "已过期"),
        FrameKind::HistN => ("old letters", "旧信"),
        FrameKind::HistA => ("got them", "收到旧信"),
    };
    pick(lang, en, zh)
}

/// The kind of frame a lost or retried thing is, in words (a heartbeat is the
/// phone's “still here” in the story register).
fn frame_noun(kind: FrameKind, lang: Lang, reg: Register) -> &'static str {
    let (en, zh) = match kind {
        FrameKind::Heartbeat if reg == Register::Story => ("“still here”", "“我还在”"),
        FrameKind::HeartbeatReply if reg == Register::Story => {
            ("answer to a “still here”", "对“我还在”的回应")
        }
        FrameKind::MsgR | FrameKind::MsgN => ("letter", "信"),
        FrameKind::MsgA => ("receipt", "回执"),
        FrameKind::AckR => ("confirmation", "签收单"),
        FrameKind::AckA => ("answer to the confirmation", "签收确认"),
        FrameKind::AckN => ("news of the delivery", "送达通知"),
        FrameKind::AckC => ("“got the news”", "“知道了”"),
        FrameKind::Returned => ("returned letter", "退回的信"),
        FrameKind::Login => ("login", "登录请求"),
        FrameKind::LoginOk => ("answer to the login", "“登录成功”"),
        FrameKind::Logout => ("goodbye", "道别"),
        FrameKind::Heartbeat => ("heartbeat", "心跳"),
        FrameKind::HeartbeatReply => ("answer to a heartbeat", "心跳的回应"),
        FrameKind::NotLoggedIn => ("“please log in again”", "“请重新登录”"),
        FrameKind::Closing => ("closing notice", "关门通知"),
        FrameKind::PresenceAsk => ("question “who is online?”", "“谁在线？”的询问"),
        FrameKind::Presence => ("news of who is online", "在线状态通知"),
        FrameKind::Typing => ("“typing…” notice", "“正在输入…”通知"),
        FrameKind::Bye => ("goodbye of a closed app", "关应用时的道别"),
        FrameKind::Notify | FrameKind::Push => ("note for the lock screen", "锁屏通知"),
        FrameKind::Fetch => ("question “anything for me?”", "“有我的信吗？”的询问"),
        FrameKind::FetchA => ("answer “letters waiting”", "“有信待取”的回答"),
        FrameKind::Read => ("note “I have read it”", "“我已读”的回条"),
        FrameKind::ReadA => ("answer to the “read” note", "“已读”回条的回应"),
        FrameKind::ReadN => ("news that it was read", "已读通知"),
        FrameKind::ReadC => ("“got the read news”", "“知道已读了”"),
        FrameKind::Recall => ("recall", "撤回请求"),
        FrameKind::RecallA => ("answer to the recall", "撤回的答复"),
        FrameKind::RecallN => ("“tear it up”", "“请撕掉”"),
        FrameKind::RecallC => ("“torn up”", "“已撕掉”"),
        FrameKind::PartR | FrameKind::PartN => ("part of a parcel", "包裹的一部分"),
        FrameKind::PartAsk => ("question “how much have you?”", "“收到多少了？”的询问"),
        FrameKind::PartA => ("answer “I have so many parts”", "“收到几部分”的回答"),
        FrameKind::Get => ("request for the parcel", "取包裹的请求"),
        FrameKind::Gone => ("answer “it has expired”", "“已过期”的回答"),
        FrameKind::HistN => ("old letters from the archive", "档案室里的旧信"),
        FrameKind::HistA => ("answer “got the old letters”", "“旧信收到了”的回答"),
    };
    pick(lang, en, zh)
}
