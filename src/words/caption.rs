//! One sentence per trace event, in each language and register.
//!
//! `story` and `both` share one sentence each, written with the post office's
//! things ([`Thing`]): `both` puts the technical word in brackets the first time a
//! thing is named in a sentence. `engineer` has its own sentences where the packet
//! codes and ids matter, and says the technical words elsewhere.

use super::{
    Context, Register, count_en, count_zh, frame_noun, nth_try_en, nth_zh, phone_of, pick, quote,
    span, stamp, with_unit,
};

mod connections;
mod devices;
mod letter;
mod parcel;
mod presence;
mod push;
mod read;
mod recall;
mod resend;
mod seal;

pub(in crate::words) use push::app_closed_at;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::sim::{
    Bounce, Broken, Dest, DeviceIdx, Dir, Envelope, Event, FrameClass, FrameKind, Lang, LossCause,
    MsgId, OfflineWhy, RegisterChange, ShelfWhy, UserIdx, What,
};

/// A thing in the post-office picture, with its technical name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Thing {
    Screen,
    Mailbox,
    Postman,
    Line,
    Counter,
    Register,
    /// A group's member list: membership is the group service's, not the user
    /// service's.
    Members,
    Archive,
    Sorting,
    Shelf,
    /// The phone system's push service (issue 24).
    PushService,
    /// The parcel store: photos and voice messages (issue 26).
    Store,
    /// A sealed letter: end-to-end encryption (issue 28).
    Seal,
    /// A device's key (issue 28).
    Key,
}

impl Thing {
    /// (story, technical) in English, then in Chinese.
    pub(super) fn names(self) -> [(&'static str, &'static str); 2] {
        match self {
            Thing::Screen => [("screen", "UI module"), ("屏幕", "界面模块")],
            Thing::Mailbox => [
                ("home mailbox", "local database"),
                ("自家信箱", "本地数据库"),
            ],
            Thing::Postman => [("postman", "network module"), ("邮递员", "网络模块")],
            Thing::Line => [("line", "long connection"), ("专线", "长连接")],
            Thing::Counter => [
                ("counter", "long-connection service"),
                ("柜台", "长连接服务"),
            ],
            Thing::Register => [
                ("address register", "user service"),
                ("用户名册", "用户服务"),
            ],
            Thing::Members => [("member list", "group service"), ("成员名单", "群组服务")],
            Thing::Archive => [("archive", "server database"), ("档案室", "服务端数据库")],
            Thing::Sorting => [
                ("sorting desk", "message forwarding"),
                ("分拣台", "消息转发"),
            ],
            Thing::Shelf => [
                ("offline shelf", "offline messages"),
                ("离线信架", "离线消息"),
            ],
            // The picture names its box the same (`window::PUSH_SERVICE`).
            Thing::PushService => super::window::PUSH_SERVICE,
            Thing::Store => [("parcel store", "file server"), ("包裹仓库", "文件服务器")],
            Thing::Seal => [
                ("sealed letter", "end-to-end encrypted message"),
                ("封好的信", "端到端加密消息"),
            ],
            Thing::Key => [("key", "device key"), ("钥匙", "设备密钥")],
        }
    }

    /// The thing named the first time in a sentence.
    pub(super) fn first(self, lang: Lang, reg: Register) -> String {
        let (story, tech) = self.names()[lang as usize];
        match reg {
            Register::Story => story.into(),
            // The long connection is the article's own word: `both` says it plainly
            // (and explains it the first time it comes).
            Register::Both if self == Thing::Line => tech.into(),
            Register::Both => pick(
                lang,
                format!("{story} ({tech})"),
                format!("{story}（{tech}）"),
            ),
            Register::Engineer => tech.into(),
        }
    }

    /// The thing named again in the same sentence.
    pub(super) fn again(self, lang: Lang, reg: Register) -> String {
        let (story, tech) = self.names()[lang as usize];
        match reg {
            Register::Story => story.into(),
            Register::Both if self == Thing::Line => tech.into(),
            Register::Both => story.into(),
            Register::Engineer => tech.into(),
        }
    }
}

/// Events whose sentence names the long connection.
pub(super) fn mentions_line(w: &What) -> bool {
    matches!(
        w,
        What::LoginStart
            | What::LoggedIn { .. }
            | What::Send
            | What::Receive
            | What::Forward { .. }
            | What::Unshelve { .. }
            | What::Arrive
            | What::LoggedOut
            | What::ConnectionLost { .. }
            | What::PostOfficeClosed
            | What::MarkedOffline {
                why: OfflineWhy::Closed,
                ..
            }
    )
}

/// One sentence in the making.
pub(super) struct S<'c, 'a> {
    pub ctx: &'c Context<'a>,
    pub lang: Lang,
    pub reg: Register,
}

impl S<'_, '_> {
    pub fn en(&self) -> bool {
        self.lang == Lang::En
    }

    pub fn eng(&self) -> bool {
        self.reg == Register::Engineer
    }

    pub fn p(&self, en: String, zh: String) -> String {
        pick(self.lang, en, zh)
    }

    /// The chat app, named in Chinese as people name it: 微信; in a scene whose
    /// letters travel sealed (issue 28) 聊天软件, since WeChat does not seal them
    /// (the English sentences say "the app" throughout).
    pub fn zh_app(&self) -> &'static str {
        match self.ctx.settings.sealed {
            true => "聊天软件",
            false => "微信",
        }
    }

    pub fn name(&self, u: UserIdx) -> String {
        spaced(self.ctx.name(u, self.lang), self.lang)
    }

    /// A device by name (issue 27): its owner's name for the main phone of a
    /// person without other devices (every scene before), "Han Meimei's
    /// computer" otherwise.
    pub fn dev(&self, d: DeviceIdx) -> String {
        spaced(self.ctx.world.device_name(d, self.lang), self.lang)
    }

    pub fn dest(&self, d: Dest) -> String {
        spaced(self.ctx.world.dest_name(d, self.lang), self.lang)
    }

    /// A group named as a group in English ("the Class 1 group", so that it is not
    /// taken for the school class); in Chinese its name (一班群).
    pub fn group(&self, d: Dest) -> String {
        let name = self.dest(d);
        if self.lang == Lang::Zh || name.to_lowercase().ends_with("group") {
            return name;
        }
        format!("the {name} group")
    }

    /// A letter's address: a person by name, a group as [`S::group`] names it.
    pub fn group_or_person(&self, d: Dest) -> String {
        match d {
            Dest::Group(_) => self.group(d),
            Dest::User(_) => self.dest(d),
        }
    }

    pub fn t(&self, t: Thing) -> String {
        t.first(self.lang, self.reg)
    }

    pub fn t2(&self, t: Thing) -> String {
        t.again(self.lang, self.reg)
    }

    pub fn id(&self, m: &Envelope) -> String {
        self.ctx.world.letter_id(m.id)
    }

    /// The letter's words in this language; for a sealed letter (issue 28),
    /// whose words nobody outside its people's devices has, what the post
    /// office sees of them: "🔒 15 bytes" (never its words).
    pub fn text<'m>(&self, m: &'m Envelope) -> Cow<'m, str> {
        match (m.text(), m.sealed()) {
            (Some(t), _) => Cow::Borrowed(t.get(self.lang)),
            (None, Some(s)) => Cow::Owned(sealed_words(s.bytes(), self.lang, self.reg)),
            (None, None) => Cow::Borrowed(""),
        }
    }

    /// The letter named after "the letter" in a scene with several: ` “Good night!”`
    /// (in Chinese without the space).
    pub fn q(&self, m: &Envelope) -> String {
        if !self.ctx.names_letters() {
            return String::new();
        }
        let q = quote(&self.text(m), self.lang);
        pick(self.lang, format!(" {q}"), q)
    }

    /// The letter as the object of a Chinese sentence: 信, or in a scene with
    /// several, its words alone (“晚安！”): never the apposition 信“晚安！”.
    pub fn zl(&self, m: &Envelope) -> String {
        if self.ctx.names_letters() {
            quote(&self.text(m), Lang::Zh)
        } else {
            "信".into()
        }
    }

    /// "this letter" in Chinese: 这封信, or “晚安！”这封信.
    pub fn zthis(&self, m: &Envelope) -> String {
        if self.ctx.names_letters() {
            format!("{}这封信", quote(&self.text(m), Lang::Zh))
        } else {
            "这封信".into()
        }
    }

    /// Which try a retry is: "2nd try" (story and both), "retry 1" (engineer);
    /// in Chinese 第一次重发.
    pub fn again(&self, attempt: u32) -> String {
        match (self.lang, self.eng()) {
            (Lang::En, true) => format!("retry {attempt}"),
            (Lang::En, false) => nth_try_en(attempt),
            (Lang::Zh, _) => format!("第{}次重发", nth_zh(attempt as usize)),
        }
    }

    /// The letter `id` as it was written, looking back from event `i` of the trace.
    pub fn letter(&self, id: MsgId, i: usize) -> Option<std::sync::Arc<Envelope>> {
        let trace = &self.ctx.trace[..i.min(self.ctx.trace.len())];
        trace.iter().rev().find_map(|e| {
            let m = e.msg.as_ref().filter(|m| m.id == id)?;
            (e.what.kind() == crate::sim::EventKind::Edit).then(|| m.clone())
        })
    }

    /// The letter in a list of letters: “Good night!”, or its id for the engineer.
    pub fn item(&self, m: &Envelope) -> String {
        if self.eng() {
            self.id(m)
        } else {
            quote(&self.text(m), self.lang)
        }
    }

    /// A span of the scene's time, in words.
    pub fn span(&self, ms: u64) -> String {
        span(ms, self.lang)
    }

    /// "Li Lei's phone" / "李雷的手机"; another device by its name ("Han
    /// Meimei's computer", issue 27).
    pub fn phone(&self, d: DeviceIdx) -> String {
        let w = self.ctx.world;
        if !w.is_main(d) || w.has_other_devices(w.owner(d)) {
            return self.dev(d);
        }
        let u = w.owner(d);
        self.p(
            format!("{}'s phone", self.name(u)),
            format!("{}的手机", self.name(u)),
        )
    }
}

/// A name in a sentence: in Chinese, a name in Latin letters (an id like
/// `wangfang2019`) stands apart from the characters around it, with a space.
fn spaced(name: &str, lang: Lang) -> String {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if lang == Lang::En || !(latin(name.chars().next()) || latin(name.chars().last())) {
        return name.to_string();
    }
    format!(" {name} ")
}

/// A Chinese sentence with the spaces around Latin names tidied: none at its
/// start or beside Chinese punctuation, never two.
pub(super) fn tidy(s: String, lang: Lang) -> String {
    if lang == Lang::En || !s.contains(' ') {
        return s;
    }
    let closing = |c: char| "，。：；！？、）”".contains(c);
    let opening = |c: char| "（“".contains(c);
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars.get(k + 1).copied();
            if before.is_none_or(|b| b == ' ' || opening(b)) || after.is_none_or(closing) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The sentence for event `i`, with what is explained the first time.
pub(super) fn one(ctx: &Context, i: usize, lang: Lang, reg: Register) -> String {
    let s = S { ctx, lang, reg };
    let e = &ctx.trace[i];
    let mut out = sentence(&s, e, i);
    out.push_str(&notes(&s, &[i]));
    let out = at_own_device(out, ctx.world, e, lang);
    devices_said(tidy(out, lang), ctx.world, lang)
}

/// Issue 27: what a computer does is said of the computer, not "the phone"
/// (the words of a device's events say "the phone" for any device).
fn on_a_computer(s: String, world: &crate::sim::World, e: &Event, lang: Lang) -> String {
    let Some(d) = phone_of(e) else { return s };
    if world.device_kind(d) != crate::sim::DeviceKind::Computer {
        return s;
    }
    match lang {
        Lang::En => s
            .replace("the phone", "the computer")
            .replace("The phone", "The computer")
            .replace("phone's own", "computer's own"),
        Lang::Zh => {
            // 手机 on its own is this device; "X的手机" names another.
            let mut out = String::with_capacity(s.len());
            let mut rest = s.as_str();
            while let Some(i) = rest.find("手机") {
                let before = &rest[..i];
                out.push_str(before);
                out.push_str(match before.ends_with('的') {
                    true => "手机",
                    false => "电脑",
                });
                rest = &rest[i + "手机".len()..];
            }
            out.push_str(rest);
            out
        }
    }
}

/// Issue 27: a letter's event on its writer's other device (a receipt, a
/// delivery's news, a return) says whose phone by its owner's name; it
/// happens on that device, so it is named instead ("Han Meimei's phone" →
/// "Han Meimei's computer", her line → the computer's line).
fn at_own_device(s: String, world: &crate::sim::World, e: &Event, lang: Lang) -> String {
    if !world.has_devices() {
        return s;
    }
    let s = on_a_computer(s, world, e, lang);
    // The post office takes a letter off the line of the device that wrote it.
    let writer = e.msg.as_ref().map(|m| world.writer(m.id));
    let received = e.what.kind() == crate::sim::EventKind::Receive;
    let Some(d) = phone_of(e).or(writer.filter(|_| received)) else {
        return s;
    };
    let Some(m) = e.msg.as_ref() else {
        return s;
    };
    if world.is_main(d) || world.owner(d) != m.from() {
        return s;
    }
    let owner = world.name(m.from(), lang);
    let device = world.device_name(d, lang);
    match lang {
        Lang::En => s
            .replace(&format!("{owner}'s phone"), device)
            .replace(&format!("{owner}'s line"), &format!("{device}'s line")),
        Lang::Zh => s
            .replace(&format!("{owner}的手机"), device)
            .replace(&format!("{owner}的专线"), &format!("{device}的专线")),
    }
}

/// Issue 27: a sentence that names a device where it says whose phone ("Han
/// Meimei's computer's phone") names the device alone. Scenes without other
/// devices are left as they are.
pub(super) fn devices_said(mut s: String, world: &crate::sim::World, lang: Lang) -> String {
    if !world.has_devices() {
        return s;
    }
    let named = world
        .devices
        .iter()
        .map(|d| d.name.get(lang))
        .chain(world.main_names.iter().map(|m| m.1.get(lang)));
    for name in named {
        let (whose, bare) = match lang {
            Lang::En => (format!("{name}'s phone"), name.to_string()),
            Lang::Zh => (format!("{name}的手机"), name.to_string()),
        };
        s = s.replace(&whose, &bare);
    }
    s
}

/// What is explained the first time it comes, after the sentences of events `idx`.
pub(super) fn notes(s: &S, idx: &[usize]) -> String {
    let ctx = s.ctx;
    let e = &ctx.trace[idx[0]];
    let has = |first: Option<usize>| first.is_some_and(|f| idx.contains(&f));
    let mut out = String::new();
    let sep = if s.en() { " " } else { "" };
    // The long connection, the first time it is named (at a login, the sentence
    // itself explains it).
    if has(ctx.first_line) && e.what != What::LoginStart && !s.eng() {
        out.push_str(sep);
        out.push_str(&match (s.reg, s.lang) {
            // "Meant to": the first time may be the moment it breaks (a tunnel).
            (Register::Story, Lang::En) => {
                "This line to the post office is meant to stay open all the time.".to_string()
            }
            (_, Lang::En) => {
                "A long connection is a line to the post office meant to stay open all the time."
                    .to_string()
            }
            (Register::Story, Lang::Zh) => "这条专线本该一直连着。".to_string(),
            (_, Lang::Zh) => "长连接就是和邮局之间本该一直连着的线路。".to_string(),
        });
    }
    // The ticks, the first time one comes.
    if has(ctx.first_tick) && !s.eng() {
        // The sender's phone answers the news: the one receipt a class meets only
        // when it gets lost (bad_network).
        if let Some(u) = phone_of(e) {
            out.push_str(sep);
            out.push_str(&s.p(
                format!("{} answers “got the news”.", s.phone(u)),
                format!("{}回了一声“知道了”。", s.phone(u)),
            ));
        }
        out.push_str(sep);
        // Told as a story, no app is named: the ticks are the story's own marks.
        out.push_str(match (s.reg, s.lang) {
            (Register::Story, Lang::En) => "(Not every chat app shows ticks.)",
            (Register::Story, Lang::Zh) => "（不是每个聊天软件都显示勾。）",
            (_, Lang::En) => "(Ticks are WhatsApp's way; WeChat shows none.)",
            (_, Lang::Zh) => "（打勾是 WhatsApp 的做法，微信不显示。）",
        });
    }
    // The article's punchline, at the first letter shown (when it was quick).
    if has(ctx.first_display)
        && ctx
            .first_display
            .is_some_and(|f| letter::chat_not_open(ctx, &ctx.trace[f], f).is_none())
        && let Some(m) = &e.msg
        && e.at.saturating_sub(m.written_at) < 1000
        && !s.eng()
    {
        let took = super::secs(e.at.saturating_sub(m.written_at), s.lang);
        out.push_str(sep);
        out.push_str(&match (s.reg, s.lang) {
            (Register::Story, Lang::En) => format!("Tap to screen: {took}, as both phones stay on their lines. That is instant messaging."),
            (_, Lang::En) => format!("Tap to screen: {took}, as both phones stay connected. That is instant messaging."),
            (Register::Story, Lang::Zh) => format!("从点“发送”到显示只用了 {took}：两部手机的专线一直连着邮局，信不用等——这就是“即时通讯”。"),
            (_, Lang::Zh) => format!("从点“发送”到显示只用了 {took}：两部手机的长连接一直连着邮局，信不用等——这就是“即时通讯”。"),
        });
    }
    out
}

/// Per letter, the first event that showed it on a phone's screen (and whose) and
/// the first receipt of it lost on the way, in the trace up to `read`: a receipt's
/// caption reads on from there instead of looking back over the whole trace.
#[derive(Clone, Debug, Default)]
pub(super) struct Marks {
    read: usize,
    /// Each phone's open chat (issue 25); a phone not listed is on its chat list.
    open_chat: BTreeMap<DeviceIdx, Dest>,
    shown: BTreeMap<MsgId, (usize, DeviceIdx)>,
    receipt_lost: BTreeMap<MsgId, usize>,
}

impl Marks {
    /// Reads `trace` on to event `to` (not included).
    fn read_to(&mut self, world: &crate::sim::World, trace: &[Event], to: usize) {
        let to = to.min(trace.len());
        if to <= self.read {
            return;
        }
        crate::sim::work::look(to - self.read);
        for (i, x) in trace.iter().enumerate().take(to).skip(self.read) {
            if let (Some(change), Some(u)) = (x.what.chat_change(), phone_of(x)) {
                match change {
                    Some(chat) => self.open_chat.insert(u, chat),
                    None => self.open_chat.remove(&u),
                };
            }
            let Some(l) = &x.msg else { continue };
            // Shown to an addressee (a copy on its writer's other device is
            // not "someone's screen", issue 27).
            if let (What::Display { .. }, Some(u)) = (&x.what, phone_of(x))
                && world.owner(u) != l.from()
            {
                self.shown.entry(l.id).or_insert((i, u));
            } else if matches!(
                x.what,
                What::FrameLost {
                    frame: FrameKind::MsgA,
                    ..
                }
            ) {
                self.receipt_lost.entry(l.id).or_insert(i);
            }
        }
        self.read = to;
    }
}

/// Whether phone `u` has the chat of `conversation` open just before event `i`
/// (issue 25: a letter filed there is read at once).
pub(super) fn chat_open_before(
    ctx: &Context<'_>,
    i: usize,
    u: DeviceIdx,
    conversation: Dest,
) -> bool {
    marks_before(ctx, i).open_chat.get(&u) == Some(&conversation)
}

/// The marks of the trace before event `i`.
fn marks_before<'c>(ctx: &'c Context<'_>, i: usize) -> std::cell::RefMut<'c, Marks> {
    let mut marks = ctx.marks.borrow_mut();
    marks.read_to(ctx.world, ctx.trace, i);
    marks
}

/// Whether letter `m` was already on someone's screen before event `i`, and whose.
fn shown_before(ctx: &Context, i: usize, m: &Envelope) -> Option<DeviceIdx> {
    match marks_before(ctx, i).shown.get(&m.id) {
        Some(&(j, u)) if j < i => Some(u),
        _ => None,
    }
}

/// Whether a receipt for letter `m` was lost on the way before event `i`.
fn receipt_lost_before(ctx: &Context, i: usize, m: &Envelope) -> bool {
    marks_before(ctx, i)
        .receipt_lost
        .get(&m.id)
        .is_some_and(|&j| j < i)
}

/// What every sentence about a letter's event names, worked out once.
struct AboutLetter<'e> {
    m: &'e Envelope,
    e: &'e Event,
    /// The event's place in the trace.
    i: usize,
    /// The phone the event happens on, by name.
    u: String,
    /// The sender and the address, by name.
    a: String,
    b: String,
    group: bool,
    /// The letter's words quoted, for "the letter{q}".
    q: String,
    id: String,
    text: Cow<'e, str>,
    /// The letter's number from its sender.
    n: u32,
}

/// What stands for a sealed letter's words (issue 28): a lock and how big
/// they are, "🔒 15 bytes" (the engineer: "ciphertext, 15 bytes").
pub(super) fn sealed_words(bytes: u32, lang: Lang, reg: Register) -> String {
    match (reg, lang) {
        (Register::Engineer, Lang::En) => format!("ciphertext, {bytes} bytes"),
        (Register::Engineer, Lang::Zh) => format!("密文，{bytes} 字节"),
        (_, Lang::En) => format!("🔒 {bytes} bytes"),
        (_, Lang::Zh) => format!("🔒 {bytes} 字节"),
    }
}

/// The sentence for event `i` of the trace: for a letter's event, the function in
/// `caption/letter.rs` for its kind.
fn sentence(s: &S, e: &Event, i: usize) -> String {
    let who = phone_of(e);
    let u = who.map(|u| s.dev(u)).unwrap_or_default();
    let Some(m) = e.msg.as_deref() else {
        return without_letter(s, e, &u);
    };
    let l = AboutLetter {
        m,
        e,
        i,
        u,
        a: s.name(m.from()),
        b: s.dest(m.to),
        group: matches!(m.to, Dest::Group(_)),
        q: s.q(m),
        id: s.id(m),
        text: s.text(m),
        n: m.id.count(),
    };
    let (u, a, b, q, id) = (&l.u, &l.a, &l.b, &l.q, &l.id);
    match &e.what {
        What::Edit { .. } if m.parcel.is_some() => parcel::edit(s, &l),
        What::Edit { .. } => letter::edit(s, &l),
        What::Store => letter::store(s, &l),
        What::Send if m.parcel.is_some() => parcel::send(s, &l),
        What::Send if m.sealed().is_some() => seal::send(s, &l),
        What::Send => letter::send(s, &l),
        What::Receive if m.sealed().is_some() => seal::receive(s, &l),
        What::Receive => letter::receive(s, &l),
        What::Verify { .. } if m.parcel.is_some() => parcel::verify(s, &l),
        What::Verify { .. } if m.sealed().is_some() => seal::verify(s, &l),
        What::Verify { .. } => letter::verify(s, &l),
        What::Forward { to } if m.parcel.is_some() => parcel::forward(s, &l, *to),
        What::Forward { to } if m.sealed().is_some() => seal::forward(s, &l, *to),
        What::Forward { to } => letter::forward(s, &l, to),
        What::Unshelve { to } => letter::unshelve(s, &l, to),
        What::Arrive if s.ctx.settings.sealed => seal::arrive(s, &l, m.sealed().is_none()),
        What::Arrive => letter::arrive(s, &l),
        // Step 8 as the article has it: the network module, which took the letter
        // off the line, stores it in the local database (网络模块会将IM消息存入本地数据库).
        What::File => letter::file(s, &l),
        What::Display { before, index }
            if m.parcel.is_some() && letter::chat_not_open(s.ctx, e, i).is_none() =>
        {
            parcel::display(s, &l, *index, *before)
        }
        What::Display { before, index } => letter::display(s, &l, before, index),
        What::WaitForConnection => letter::wait_for_connection(s, &l),
        What::Numbered { number } => letter::numbered(s, &l, *number),
        What::HeldBack { behind } => letter::held_back(s, &l, *behind),
        What::Reordered { number, from, to } => letter::reordered(s, &l, *number, *from, *to),
        What::Return { reason } => returned_at_office(s, m, *reason, a, b, q, id),
        What::Returned { reason } => letter::returned(s, &l, reason),
        What::Shelve { to, why } => letter::shelve(s, &l, to, why),
        What::OffTheShelf { by, told } => letter::off_the_shelf(s, &l, by, told),
        What::Receipt => letter::receipt(s, &l),
        What::Acknowledged { by, told, device } => letter::acknowledged(s, &l, by, *device, told),
        What::NewsKept { by } => letter::news_kept(s, &l, by),
        What::NewsHandedOver { by } => letter::news_handed_over(s, &l, by),
        What::Delivered { count, of } => letter::delivered(s, &l, count, of),
        What::Retry { frame, attempt, to } => retry(s, m, *frame, *attempt, *to, a, q, id),
        What::Duplicate => letter::duplicate(s, &l),
        What::Lost { retries } if parcel::not_sent_yet(s, &l) => {
            parcel::upload_lost(s, &l, *retries)
        }
        What::Lost { retries } => letter::lost(s, &l, retries),
        What::Upload {
            from_part,
            parts,
            kb,
        } => parcel::upload(s, &l, *from_part, *parts, *kb),
        What::PartStored { part, of, again } => parcel::part_stored(s, &l, *part, *of, *again),
        What::ParcelStored { parts, kb } => parcel::parcel_stored(s, &l, *parts, *kb),
        What::UploadAsked { attempt } => parcel::upload_asked(s, &l, *attempt),
        What::UploadAnswered { have, of } => parcel::upload_answered(s, &l, *have, *of),
        What::FetchParcel { from_part, attempt } => parcel::fetch(s, &l, *from_part, *attempt),
        What::ParcelSent {
            to,
            from_part,
            count,
        } => parcel::sent(s, &l, *to, *from_part, *count),
        What::PartArrived { part, of, again } => parcel::arrived(s, &l, *part, *of, *again),
        What::ParcelShown => parcel::shown(s, &l),
        What::ParcelExpired { kept_ms } => parcel::expired(s, &l, *kept_ms),
        What::ParcelGone => parcel::gone(s, &l),
        What::Resent { auto, .. } => resend::resent(s, &l, *auto),
        What::Read { sends } => read::read(s, &l, *sends),
        What::ReadPassed { by, told } => read::passed(s, &l, *by, *told),
        What::ReadShown { by, count, of } => read::shown(s, &l, *by, *count, *of),
        What::Notify { to } => push::notify(s, q, id, *to),
        What::PushHeld { to, replaced } => push::push_held(s, *to, *replaced),
        What::Notified { shows } => push::notified(s, m, u, *shows),
        What::ResendIgnored { why } => resend::ignored(s, Some(m), &l.u, *why),
        What::Recall => recall::recall(s, &l),
        What::RecallIgnored { why } => recall::ignored(s, Some(m), &l.u, *why),
        What::RecallAccepted { age_ms, copies } => recall::accepted(s, &l, *age_ms, *copies),
        What::RecallRefused { why, age_ms } => recall::refused(s, Some(m), *why, *age_ms),
        What::RecallPassed {
            to,
            from_shelf,
            letter_on_shelf,
        } => recall::passed(s, &l, *to, *from_shelf, *letter_on_shelf),
        What::RecallShelved {
            to,
            letter_on_shelf,
        } => recall::shelved(s, &l, *to, *letter_on_shelf),
        What::Recalled { seen_ms, early, .. } => recall::recalled(s, &l, *seen_ms, *early),
        What::RecallDeclined { why } => recall::declined(s, &l, *why),
        What::OwnCopy { to } => devices::own_copy(s, &l, *to),
        What::CannotOpen { letters } => seal::cannot_open(s, u, true, letters.len()),
        What::FrameLost {
            user,
            frame: FrameKind::Push,
            cause,
            ..
        } if !s.eng() => push::note_lost(s, q, *user, *cause),
        What::FrameLost {
            user,
            dir,
            frame,
            cause,
            ..
        } => frame_lost(s, Some(m), *user, *dir, *frame, *cause),
        _ => without_letter(s, e, u),
    }
}

#[allow(clippy::too_many_arguments)]
fn returned_at_office(
    s: &S,
    m: &Envelope,
    reason: Bounce,
    a: &str,
    b: &str,
    q: &str,
    id: &str,
) -> String {
    use Thing as T;
    let st = stamp(reason, s.lang);
    let addressee = match m.to {
        Dest::User(u) => s.ctx.world.person(u).id.to_string(),
        Dest::Group(_) => String::new(),
    };
    if s.eng() {
        let (service, service_zh) = match reason {
            Bounce::NotInGroup => ("Group service", "群组服务"),
            _ => ("User service", "用户服务"),
        };
        return s.p(
            format!(
                "{service} rejects {id}: {}; the post office returns it to {a}.",
                reason.name()
            ),
            format!("{service_zh}拒收 {id}：{st}；邮局把它退回给{a}。"),
        );
    }
    let register = s.t(T::Register);
    match reason {
        Bounce::UnknownUser => s.p(
            format!("The post office finds no “{addressee}” in its {register}: it stamps “{st}” on the letter{q} and sends it back to {a}."),
            format!("邮局的{register}里没有“{addressee}”这个人：邮局在{}上盖了“{st}”的戳，退回给{a}。", s.zthis(m)),
        ),
        Bounce::NotFriends => s.p(
            format!("The post office's {register} says {a} and {b} are not friends: it stamps “{st}” on the letter{q} and sends it back to {a}."),
            format!("邮局翻查{register}：{a}和{b}不是好友。邮局在{}上盖了“{st}”的戳，退回给{a}。", s.zthis(m)),
        ),
        Bounce::Blocked => s.p(
            format!("The post office's {register} says {b} has blocked {a}: it stamps “{st}” on the letter{q} and sends it back to {a}."),
            format!("邮局翻查{register}：{b}把{a}拉黑了。邮局在{}上盖了“{st}”的戳，退回给{a}。", s.zthis(m)),
        ),
        Bounce::NotInGroup => s.p(
            format!("The post office's {} says {a} is not a member of {}: it stamps “{st}” on the letter{q} and sends it back to {a}.", s.t(T::Members), s.group(m.to)),
            format!("邮局翻查{}：{a}不是{b}的成员。邮局在{}上盖了“{st}”的戳，退回给{a}。", s.t(T::Members), s.zthis(m)),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn retry(
    s: &S,
    m: &Envelope,
    frame: FrameKind,
    attempt: u32,
    to: Option<DeviceIdx>,
    a: &str,
    q: &str,
    id: &str,
) -> String {
    use Thing as T;
    let _ = m;
    match (frame, to) {
        (FrameKind::HistN, Some(t)) => devices::history_again(s, t, attempt),
        (FrameKind::MsgN, Some(t)) => {
            let t = s.dev(t);
            if s.eng() {
                return s.p(
                    format!(
                        "No ack:R from {t}: the server resends msg:N {id} ({}).",
                        s.again(attempt)
                    ),
                    format!(
                        "没收到{t}的 ack:R：服务器重发 msg:N（{id}，{}）。",
                        s.again(attempt)
                    ),
                );
            }
            s.p(
                format!("The post office has not heard {t}'s phone sign for the letter{q}: it sends it down again ({}).", s.again(attempt)),
                format!("邮局一直没等到{t}的手机签收{}，就把它再送一次（{}）。", s.zl(m), s.again(attempt)),
            )
        }
        (FrameKind::AckN, _) => {
            if s.eng() {
                return s.p(
                    format!(
                        "No ack:C from {a}: the server resends ack:N for {id} ({}).",
                        s.again(attempt)
                    ),
                    format!(
                        "没收到{a}的 ack:C：服务器重发 {id} 的 ack:N（{}）。",
                        s.again(attempt)
                    ),
                );
            }
            let about = if s.ctx.names_letters() {
                format!("{q}的")
            } else {
                String::new()
            };
            let about_en = if q.is_empty() {
                String::new()
            } else {
                format!(" about{q}")
            };
            s.p(
                format!("{a}'s phone has not answered “got the news” yet: the post office sends the news{about_en} again ({}).", s.again(attempt)),
                format!("{a}的手机还没有回“知道了”：邮局把{about}送达通知再发一次（{}）。", s.again(attempt)),
            )
        }
        _ => {
            if s.eng() {
                let grace = s.span(s.ctx.settings.retry.grace_ms);
                return s.p(
                    format!(
                        "No msg:A within {grace}: {a}'s phone resends msg:R {id} ({}).",
                        s.again(attempt)
                    ),
                    format!(
                        "{grace}内没收到 msg:A：{a}的手机重发 msg:R（{id}，{}）。",
                        s.again(attempt)
                    ),
                );
            }
            let mailbox = s.t(T::Mailbox);
            s.p(
                format!("No receipt yet: {a}'s phone takes the copy from its {mailbox} and sends the same letter{q} again, with the same number ({}).", s.again(attempt)),
                format!("还没收到回执：{a}的手机从{mailbox}里取出存好的那份，把{}原样再发一次，编号不变（{}）。", s.zl(m), s.again(attempt)),
            )
        }
    }
}

/// A frame lost on the way, about letter `m` when it is one of a letter's frames.
pub(super) fn frame_lost(
    s: &S,
    m: Option<&Envelope>,
    user: DeviceIdx,
    dir: Dir,
    frame: FrameKind,
    cause: LossCause,
) -> String {
    let x = s.dev(user);
    let cause_words = match cause {
        LossCause::Noise if s.eng() => s.p("the network is bad".into(), "网络太差".into()),
        LossCause::Noise => s.p("the connection is bad".into(), "信号太差".into()),
        LossCause::Dropped => s.p(
            "the scene loses it on purpose".into(),
            "本场景故意安排".into(),
        ),
        LossCause::LinkDown => s.p(
            format!("nothing gets through to or from {x}'s phone"),
            format!("{x}的手机和外面不通"),
        ),
        LossCause::Closed => s.p("the post office is closed".into(), "邮局关门了".into()),
        LossCause::PhoneOff => s.p(
            format!("{x}'s phone has closed its {}", s.t2(Thing::Line)),
            format!("{x}的手机已经断开了{}", s.t2(Thing::Line)),
        ),
    };
    if let Some(m) = m
        && frame.on_parcel_wire()
        && !s.eng()
    {
        return parcel::frame_lost(s, m, user, dir, frame, &cause_words);
    }
    if s.eng() {
        let about = m
            .map(|m| s.p(format!(" ({})", s.id(m)), format!("，{}", s.id(m))))
            .unwrap_or_default();
        let toward = match dir {
            Dir::ToServer => s.p(
                format!("from {x}'s phone"),
                format!("{x}的手机发往服务器的"),
            ),
            Dir::ToPhone => s.p(format!("to {x}'s phone"), format!("服务器发往{x}手机的")),
        };
        // "服务器发往李雷手机的“登录成功”（login-ok）丢失".
        let noun = frame_noun(frame, Lang::Zh, s.reg);
        return s.p(
            format!("{}{about} {toward} is lost: {cause_words}.", frame.name()),
            format!(
                "{toward}{noun}（{}{about}）丢失：{cause_words}。",
                frame.name()
            ),
        );
    }
    let noun = frame_noun(frame, s.lang, s.reg);
    // Which letter it is about: "the letter “Hi”", "the receipt for “Hi”".
    let q = match m {
        Some(m) if s.ctx.names_letters() => {
            let q = super::quote(&s.text(m), s.lang);
            match (frame.class(), s.lang) {
                (FrameClass::Message, Lang::En) => format!(" {q}"),
                (FrameClass::Message, Lang::Zh) => q,
                (_, Lang::En) if frame == FrameKind::AckN => format!(" of {q}"),
                (_, Lang::En) if frame == FrameKind::AckC => format!(" about {q}"),
                (_, Lang::En) => format!(" for {q}"),
                (_, Lang::Zh) => format!("（关于{q}）"),
            }
        }
        _ => String::new(),
    };
    // An answer is sent back (回给), anything else sent (发给).
    let answer = matches!(
        frame,
        FrameKind::MsgA
            | FrameKind::AckR
            | FrameKind::AckA
            | FrameKind::AckC
            | FrameKind::LoginOk
            | FrameKind::HeartbeatReply
    );
    let verb = if answer { "回给" } else { "发给" };
    let noun = match (frame, s.reg) {
        (FrameKind::Heartbeat, Register::Story) => pick(s.lang, "“still here”", "“我还在”"),
        (FrameKind::HeartbeatReply, Register::Story) => {
            pick(s.lang, "answer to a “still here”", "“我还在”的回音")
        }
        // A named letter is called by its words alone: 李雷的手机发给邮局的“带上球”.
        (_, _) if s.lang == Lang::Zh && frame.class() == FrameClass::Message && !q.is_empty() => "",
        _ => noun,
    };
    let (what, toward) = match (dir, s.lang) {
        (Dir::ToServer, Lang::En) => (format!("{x}'s {noun}{q}"), "the post office".to_string()),
        (Dir::ToPhone, Lang::En) => (format!("The post office's {noun}{q}"), x.clone()),
        (Dir::ToServer, Lang::Zh) => (format!("{x}的手机{verb}邮局的{noun}{q}"), String::new()),
        (Dir::ToPhone, Lang::Zh) => (format!("邮局{verb}{x}的{noun}{q}"), String::new()),
    };
    let again = match frame {
        FrameKind::Login | FrameKind::LoginOk => {
            let r = s.span(s.ctx.settings.reconnect_ms);
            s.p(
                format!(" {x}'s phone will try again in {r}."),
                format!("{x}的手机 {r}后会再试一次。"),
            )
        }
        _ => String::new(),
    };
    let what = if s.en() {
        let mut c = what.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        what
    };
    s.p(
        format!("{what} gets lost on the way to {toward} ({cause_words}).{again}"),
        format!("{what}在半路丢了（{cause_words}）。{again}"),
    )
}

/// Events about the phones, the network and the post office, not a letter.
#[allow(clippy::too_many_lines)]
fn without_letter(s: &S, e: &Event, u: &str) -> String {
    use Thing as T;
    match &e.what {
        What::LoginStart => connections::login_start(s, e, u),
        What::LoggedIn { user } => connections::logged_in(s, *user),
        What::Connected => connections::connected(s, u),
        What::LoggedOut => {
            let line = s.t(T::Line);
            s.p(
                format!("{u} logs out: the phone says goodbye and closes its {line}."),
                format!("{u}退出登录：手机跟邮局道别，断开了{line}。"),
            )
        }
        What::AppClosed => push::app_closed(s, u),
        What::ChatOpened { chat } => read::chat(s, u, *chat, true),
        What::ChatClosed { chat } => read::chat(s, u, *chat, false),
        What::AppOpened { cleared } => push::app_opened(s, u, *cleared),
        What::Fetch { attempt } => push::fetch(s, u, *attempt),
        What::FetchAnswered { to, count } => push::fetch_answered(s, *to, *count),
        What::Dot { of, online } => presence::dot(s, u, *of, *online),
        What::Typing { by, shown } => presence::typing(s, u, *by, *shown),
        What::MarkedOffline { user, why } => connections::marked_offline(s, user, why),
        What::ConnectionLost { why } => connections::connection_lost(s, u, why),
        What::LinkDown { user } => connections::link(s, *user, false),
        What::LinkUp { user } => connections::link(s, *user, true),
        What::SetLoss { user, loss } => connections::set_loss(s, user, loss),
        What::DropNext {
            user,
            toward,
            what,
        } => drop_next(s, *user, *toward, *what),
        What::Register { change, a, b } => connections::register_change(s, change, a, b),
        What::PostOfficeClosed => {
            let (line, archive, shelf) = (s.t(T::Line), s.t(T::Archive), s.t(T::Shelf));
            s.p(
                format!("The post office closes: every {line} is cut. Its {archive} and {shelf} are kept safe."),
                format!("邮局关门了：所有{line}都断了。{archive}和{shelf}都完好保存。"),
            )
        }
        What::PostOfficeOpened => s.p(
            "The post office opens again.".into(),
            "邮局重新开门了。".into(),
        ),
        What::ResendIgnored { why } => resend::ignored(s, None, u, *why),
        What::RecallIgnored { why } => recall::ignored(s, None, u, *why),
        What::RecallRefused { why, age_ms } => recall::refused(s, None, *why, *age_ms),
        What::Joined { user, group } => resend::membership(s, *user, *group, true),
        What::Left { user, group } => resend::membership(s, *user, *group, false),
        What::Heartbeat => match s.reg {
            Register::Story => s.p(
                format!("{u}'s phone tells the post office: “still here”."),
                format!("{u}的手机向邮局报一声：“我还在”。"),
            ),
            _ => s.p(
                format!("{u}'s phone sends a heartbeat: “still here”."),
                format!("{u}的手机发出心跳：“我还在”。"),
            ),
        },
        What::LoginAttempt => s.p(
            format!("{u}'s phone asks the post office to log it in."),
            format!("{u}的手机向邮局发送登录请求。"),
        ),
        What::FrameOut {
            user, dir, frame, ..
        } => connections::frame_out(s, user, dir, frame),
        What::FrameLost {
            user,
            dir,
            frame,
            cause,
            ..
        } => frame_lost(s, None, *user, *dir, *frame, *cause),
        What::NewDeviceEmpty { device } => devices::new_device_empty(s, *device),
        What::HistorySent { to, count } => devices::history_sent(s, *to, *count),
        What::HistoryStored { count, .. } => devices::history_stored(s, u, *count),
        What::ChatsMoved { from, count, .. } => devices::chats_moved(s, u, *from, *count),
        What::CannotOpen { letters } => seal::cannot_open(s, u, false, letters.len()),
        What::AckGivenUp => s.p(
            format!("{u}'s phone stops waiting for the post office's answer to its confirmation: it has the letter anyway."),
            format!("{u}的手机不再等邮局的确认：反正信已经收到了。"),
        ),
        // Events about a letter always carry it; without one, say which step it is.
        What::Edit { .. }
        | What::Store
        | What::Send
        | What::Receive
        | What::Verify { .. }
        | What::Forward { .. }
        | What::Arrive
        | What::File
        | What::Display { .. }
        | What::WaitForConnection
        | What::Numbered { .. }
        | What::HeldBack { .. }
        | What::Reordered { .. }
        | What::Return { .. }
        | What::Returned { .. }
        | What::Shelve { .. }
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
        | What::Recall
        | What::RecallAccepted { .. }
        | What::RecallPassed { .. }
        | What::RecallShelved { .. }
        | What::Recalled { .. }
        | What::RecallDeclined { .. }
        | What::Notify { .. }
        | What::PushHeld { .. }
        | What::Notified { .. }
        | What::Read { .. }
        | What::ReadPassed { .. }
        | What::ReadShown { .. }
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
        | What::OwnCopy { .. } => format!(
            "{}{}",
            super::stage_label(e, s.lang),
            pick(s.lang, ".", "。")
        ),
    }
}

fn drop_next(s: &S, user: DeviceIdx, toward: Dir, what: FrameClass) -> String {
    let x = s.dev(user);
    // The same noun as the label over the line ("✂ next receipt to Li Lei: lost").
    let noun = super::window::fault_noun(what, toward, s.lang, s.reg);
    if s.eng() {
        return match toward {
            Dir::ToServer => s.p(
                format!("Fault: the next {noun} {x}'s phone sends to the server will be dropped."),
                format!("故障：{x}的手机发往服务器的下一个{noun}会被丢弃。"),
            ),
            Dir::ToPhone
                if what == FrameClass::Any
                    && s.ctx.settings.notifications != crate::sim::Notifications::Off =>
            {
                s.p(
                    format!("Fault: the next {noun} sent to {x}'s phone (by the server or the push service) will be dropped."),
                    format!("故障：发往{x}手机的下一个{noun}（服务器或推送服务发的）会被丢弃。"),
                )
            }
            Dir::ToPhone => s.p(
                format!("Fault: the next {noun} the server sends to {x}'s phone will be dropped."),
                format!("故障：服务器发往{x}手机的下一个{noun}会被丢弃。"),
            ),
        };
    }
    let notes = s.ctx.settings.notifications != crate::sim::Notifications::Off;
    let thing = match (what, toward, s.lang) {
        (FrameClass::Parcel, Dir::ToServer, Lang::En) => {
            format!("the next {noun} {x}'s phone sends the parcel store")
        }
        (FrameClass::Parcel, Dir::ToPhone, Lang::En) => {
            format!("the next {noun} the parcel store sends {x}")
        }
        (FrameClass::Heartbeat, Dir::ToServer, Lang::En) => {
            format!("the next {noun} from {x}'s phone")
        }
        (FrameClass::Heartbeat, Dir::ToPhone, Lang::En) => {
            format!("the post office's next {noun} from {x}'s phone")
        }
        (_, Dir::ToServer, Lang::En) => {
            format!("the next {noun} {x}'s phone sends the post office")
        }
        // With notes for lock screens on, the next thing may come from the push
        // service, not the post office.
        (FrameClass::Any, Dir::ToPhone, Lang::En) if notes => {
            format!("the next {noun} sent to {x}'s phone (a note for the lock screen too)")
        }
        (_, Dir::ToPhone, Lang::En) => format!("the next {noun} the post office sends {x}"),
        (FrameClass::Message, Dir::ToServer, Lang::Zh) => {
            format!("{x}的手机发给邮局的下一封{noun}")
        }
        (FrameClass::Message, Dir::ToPhone, Lang::Zh) => format!("邮局发给{x}的下一封{noun}"),
        (FrameClass::Ack, Dir::ToServer, Lang::Zh) => format!("{x}的手机发给邮局的下一张{noun}"),
        (FrameClass::Ack, Dir::ToPhone, Lang::Zh) => format!("邮局发给{x}的下一张{noun}"),
        (FrameClass::Heartbeat, Dir::ToServer, Lang::Zh) => format!("{x}的手机的下一次{noun}"),
        (FrameClass::Heartbeat, Dir::ToPhone, Lang::Zh) => format!("邮局给{x}的下一次{noun}"),
        (FrameClass::Parcel, Dir::ToServer, Lang::Zh) => {
            format!("{x}的手机发往包裹仓库的下一份包裹")
        }
        (FrameClass::Parcel, Dir::ToPhone, Lang::Zh) => format!("包裹仓库发给{x}的下一份包裹"),
        (FrameClass::Any, Dir::ToServer, Lang::Zh) => format!("{x}的手机发给邮局的下一样{noun}"),
        (FrameClass::Any, Dir::ToPhone, Lang::Zh) if notes => {
            format!("发到{x}手机上的下一样{noun}（锁屏通知也算）")
        }
        (FrameClass::Any, Dir::ToPhone, Lang::Zh) => format!("邮局发给{x}的下一样{noun}"),
    };
    s.p(
        format!("Experiment: {thing} will get lost on the way."),
        format!("做个实验：{thing}会在半路丢掉。"),
    )
}
