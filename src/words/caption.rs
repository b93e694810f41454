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
use std::collections::BTreeMap;

use crate::sim::{
    Bounce, Broken, Dest, Dir, Envelope, Event, FrameClass, FrameKind, Lang, LossCause, MsgId,
    OfflineWhy, RegisterChange, ShelfWhy, UserIdx, What,
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

    pub fn name(&self, u: UserIdx) -> String {
        spaced(self.ctx.name(u, self.lang), self.lang)
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

    /// The letter's words in this language.
    pub fn text<'m>(&self, m: &'m Envelope) -> &'m str {
        m.text.get(self.lang)
    }

    /// The letter named after "the letter" in a scene with several: ` “Good night!”`
    /// (in Chinese without the space).
    pub fn q(&self, m: &Envelope) -> String {
        if !self.ctx.names_letters() {
            return String::new();
        }
        let q = quote(self.text(m), self.lang);
        pick(self.lang, format!(" {q}"), q)
    }

    /// The letter as the object of a Chinese sentence: 信, or in a scene with
    /// several, its words alone (“晚安！”): never the apposition 信“晚安！”.
    pub fn zl(&self, m: &Envelope) -> String {
        if self.ctx.names_letters() {
            quote(self.text(m), Lang::Zh)
        } else {
            "信".into()
        }
    }

    /// "this letter" in Chinese: 这封信, or “晚安！”这封信.
    pub fn zthis(&self, m: &Envelope) -> String {
        if self.ctx.names_letters() {
            format!("{}这封信", quote(self.text(m), Lang::Zh))
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

    /// The letter in a list of letters: “Good night!”, or its id for the engineer.
    pub fn item(&self, m: &Envelope) -> String {
        if self.eng() {
            self.id(m)
        } else {
            quote(self.text(m), self.lang)
        }
    }

    /// A span of the scene's time, in words.
    pub fn span(&self, ms: u64) -> String {
        span(ms, self.lang)
    }

    /// "Li Lei's phone" / "李雷的手机".
    pub fn phone(&self, u: UserIdx) -> String {
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
    tidy(out, lang)
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
                format!("{}'s phone answers “got the news”.", s.name(u)),
                format!("{}的手机回了一声“知道了”。", s.name(u)),
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
    shown: BTreeMap<MsgId, (usize, UserIdx)>,
    receipt_lost: BTreeMap<MsgId, usize>,
}

impl Marks {
    /// Reads `trace` on to event `to` (not included).
    fn read_to(&mut self, trace: &[Event], to: usize) {
        let to = to.min(trace.len());
        if to <= self.read {
            return;
        }
        crate::sim::work::look(to - self.read);
        for (i, x) in trace.iter().enumerate().take(to).skip(self.read) {
            let Some(l) = &x.msg else { continue };
            if let (What::Display { .. }, Some(u)) = (&x.what, phone_of(x)) {
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

/// The marks of the trace before event `i`.
fn marks_before<'c>(ctx: &'c Context<'_>, i: usize) -> std::cell::RefMut<'c, Marks> {
    let mut marks = ctx.marks.borrow_mut();
    marks.read_to(ctx.trace, i);
    marks
}

/// Whether letter `m` was already on someone's screen before event `i`, and whose.
fn shown_before(ctx: &Context, i: usize, m: &Envelope) -> Option<UserIdx> {
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

#[allow(clippy::too_many_lines)]
fn sentence(s: &S, e: &Event, i: usize) -> String {
    use Thing as T;
    let who = phone_of(e);
    let u = who.map(|u| s.name(u)).unwrap_or_default();
    let Some(m) = e.msg.as_deref() else {
        return without_letter(s, e, &u);
    };
    let a = s.name(m.from());
    let b = s.dest(m.to);
    let group = matches!(m.to, Dest::Group(_));
    let q = s.q(m);
    let id = s.id(m);
    let text = s.text(m);
    let n = m.id.n;
    match &e.what {
        What::Edit { .. } => match (s.reg, s.lang, group) {
            (Register::Engineer, Lang::En, _) => format!(
                "UI module on {a}'s phone: the user enters “{text}” for {b} and taps Send."
            ),
            (Register::Engineer, Lang::Zh, _) => {
                format!("{a}手机上的界面模块：用户输入“{text}”，发给{b}，点了“发送”。")
            }
            (_, Lang::En, g) => {
                let place = if g {
                    format!("in the {b} group chat")
                } else {
                    format!("to {b} in the chat box")
                };
                let module = if s.reg == Register::Both {
                    ": together, the phone's UI module"
                } else {
                    ""
                };
                format!(
                    "{a} writes “{text}” {place} and taps Send. The keyboard is the pen, the chat box the letter paper{module}."
                )
            }
            (_, Lang::Zh, g) => {
                let place = if g {
                    // A group named 一班群 is not 一班群群.
                    let qun = if b.trim_end().ends_with('群') { "" } else { "群" };
                    format!("在{b}{qun}的聊天框里")
                } else {
                    format!("在聊天框里给{b}")
                };
                let module = if s.reg == Register::Both {
                    "（合起来就是手机的界面模块）"
                } else {
                    ""
                };
                format!("{a}{place}写下“{text}”，点了“发送”。键盘就是笔，聊天框就是信纸{module}。")
            }
        },
        What::Store => {
            if s.eng() {
                let (fa, tb) = (
                    s.ctx.world.person(m.from()).id.to_string(),
                    match m.to {
                        Dest::User(t) => s.ctx.world.person(t).id.to_string(),
                        Dest::Group(g) => s.ctx.world.group(g).id.to_string(),
                    },
                );
                return s.p(
                    format!("Data module on {a}'s phone: packs the message (from {fa}, to {tb}, id {id}, seq {}) and saves it in the local database before sending, so that it can be resent.", m.seq),
                    format!("{a}手机上的数据模块：按统一格式打包消息（发送方 {fa}，接收方 {tb}，编号 {id}，序号 {}），发送前先存进本地数据库，以便重发。", m.seq),
                );
            }
            let phone = match s.reg {
                Register::Both => s.p(
                    format!("{a}'s phone (data module)"),
                    format!("{a}的手机（数据模块）"),
                ),
                _ => s.phone(m.from()),
            };
            let mailbox = s.t(T::Mailbox);
            s.p(
                format!("{phone} puts the letter{q} in an envelope: from, to, number {n} (to spot copies). A copy stays in the {mailbox}, to send again if needed."),
                format!("{phone}把{}装进统一格式的信封，写上寄信人、收信人和编号（第 {}，用来认出重复的信），先在{mailbox}里存一份，万一丢了还能再发。", s.zl(m), with_unit(n, "封")),
            )
        }
        What::Send => {
            if s.eng() {
                return s.p(
                    format!("Network module on {a}'s phone: sends msg:R {id} over the long connection."),
                    format!("{a}手机上的网络模块：经长连接发出 msg:R（{id}）。"),
                );
            }
            let (postman, line) = (s.t(T::Postman), s.t(T::Line));
            s.p(
                format!("The {postman} carries the envelope{q} along {a}'s {line} to the post office."),
                format!("{postman}沿着{a}的{line}把{}送往邮局。", s.zl(m)),
            )
        }
        What::Receive => {
            if s.eng() {
                return s.p(
                    format!("Long-connection service: msg:R {id} arrives on {a}'s connection."),
                    format!("长连接服务：msg:R（{id}）从{a}的长连接上到达。"),
                );
            }
            let (counter, line) = (s.t(T::Counter), s.t(T::Line));
            s.p(
                format!("The post office {counter} takes the letter{q} off {a}'s {line}."),
                format!("邮局{counter}从{a}的{line}上收下{}。", s.zthis(m)),
            )
        }
        What::Verify { .. } => {
            if s.eng() {
                return match m.to {
                    Dest::Group(_) => s.p(
                        format!("Group service: {a} is a member of {b}; {id} is stored in the server database."),
                        format!("群组服务：{a}是{b}的成员；{id} 存入服务端数据库。"),
                    ),
                    Dest::User(_) => s.p(
                        format!("User service: {b} exists, is {a}'s friend and accepts {a}'s messages; {id} is stored in the server database."),
                        format!("用户服务：{b}存在，是{a}的好友，也接收{a}的消息；{id} 存入服务端数据库。"),
                    ),
                };
            }
            let (register, archive) = (s.t(T::Register), s.t(T::Archive));
            let members = s.t(T::Members);
            match m.to {
                Dest::Group(_) => s.p(
                    format!("The post office's {members} says {a} is a member of {}: the letter{q} may go to every other member. A copy goes into the {archive}.", s.group(m.to)),
                    format!("邮局翻查{members}：{a}是{b}的成员，{}可以发给其他每位成员。副本存进{archive}备份。", s.zthis(m)),
                ),
                Dest::User(_) => s.p(
                    format!("The post office's {register} says {b} exists, is {a}'s friend and accepts the letter{q}; a copy goes into the {archive}."),
                    format!("邮局翻查{register}：{b}确有其人，是{a}的好友，也愿意收{}。副本存进{archive}备份。", s.zthis(m)),
                ),
            }
        }
        What::Forward { to } => {
            let t = s.name(*to);
            if s.eng() {
                return s.p(
                    format!("Message forwarding: msg:N {id} goes down {t}'s long connection."),
                    format!("消息转发：msg:N（{id}）沿{t}的长连接发出。"),
                );
            }
            let (sorting, line) = (s.t(T::Sorting), s.t(T::Line));
            if group {
                s.p(
                    format!("The {sorting} sends a copy of the letter{q} down {t}'s {line}: every member gets a copy of their own."),
                    format!("{sorting}给{t}复制一份{}，沿{t}的{line}送过去：每位成员各得一份。", s.zl(m)),
                )
            } else {
                s.p(
                    format!("The {sorting} finds {t}'s {line} and sends the letter{q} down it."),
                    format!("{sorting}找到通往{t}的那条{line}，把{}送了过去。", s.zl(m)),
                )
            }
        }
        What::Unshelve { to } => {
            let t = s.name(*to);
            if s.eng() {
                return s.p(
                    format!("{t} is online: the offline message msg:N {id} goes down {t}'s long connection."),
                    format!("{t}上线了：离线消息 msg:N（{id}）沿{t}的长连接发出。"),
                );
            }
            let (shelf, line) = (s.t(T::Shelf), s.t(T::Line));
            s.p(
                format!("{t} is back: the post office takes the letter{q} from its {shelf} and sends it down {t}'s {line}."),
                format!("{t}上线了：邮局从{shelf}上取下{}，沿{t}的{line}送过去。", s.zl(m)),
            )
        }
        What::Arrive => {
            if s.eng() {
                return s.p(
                    format!("Network module on {u}'s phone: msg:N {id} arrives on the long connection."),
                    format!("{u}手机上的网络模块：msg:N（{id}）从长连接上到达。"),
                );
            }
            let (postman, line) = (s.t(T::Postman), s.t(T::Line));
            s.p(
                format!("{u}'s {postman} takes {a}'s letter{q} off the {line}."),
                format!("{u}的{postman}从{line}上接过{a}寄来的{}。", s.zl(m)),
            )
        }
        // Step 8 as the article has it: the network module, which took the letter
        // off the line, stores it in the local database (网络模块会将IM消息存入本地数据库).
        What::File => {
            if s.eng() {
                return s.p(
                    format!("Network module on {u}'s phone: saves {id} in the local database."),
                    format!("{u}手机上的网络模块：把 {id} 存进本地数据库。"),
                );
            }
            let (postman, mailbox) = (s.t2(T::Postman), s.t(T::Mailbox));
            s.p(
                format!("{u}'s {postman} files the letter{q} in the phone's own {mailbox}."),
                format!("{u}的{postman}把{}存进手机的{mailbox}。", s.zl(m)),
            )
        }
        What::Display { before, index } => {
            let later = *before as usize;
            if s.eng() {
                let sorted = if later > 0 {
                    s.p(
                        format!(
                            " Sorted by seq: above {} that arrived first.",
                            super::plural(later, "later message", "later messages")
                        ),
                        format!("按序号排序：排在先到的 {later} 条后发消息前面。"),
                    )
                } else {
                    String::new()
                };
                return s.p(
                    format!("UI module on {u}'s phone: shows {id} (“{text}”) with {a}'s avatar, at position {}.{sorted}", index + 1),
                    format!("{u}手机上的界面模块：显示 {id}（“{text}”）和{a}的头像，排在第 {} 条。{sorted}", index + 1),
                );
            }
            let screen = s.t(T::Screen);
            let sorted = match (later, s.lang) {
                (0, _) => String::new(),
                (1, Lang::En) => format!(" One later letter overtook it; the phone sorts by number and puts it above that one, in the order {a} wrote them."),
                (k, Lang::En) => {
                    let k = count_en(k);
                    let k = k[..1].to_uppercase() + &k[1..];
                    format!(" {k} later letters overtook it; the phone sorts by number and puts it above them, in the order {a} wrote them.")
                }
                (k, Lang::Zh) => format!("有{}封后写的信比它先到，手机按编号把它排到前面，顺序和{a}写的一样。", count_zh(k)),
            };
            s.p(
                format!("{u}'s {screen} shows “{text}” next to {a}'s avatar.{sorted}"),
                format!("{u}的{screen}上出现了“{text}”，旁边是{a}的头像。{sorted}"),
            )
        }
        What::WaitForConnection => {
            if s.eng() {
                return s.p(
                    format!("No long connection: {id} stays queued in the local database of {a}'s phone until it logs in again."),
                    format!("没有长连接：{id} 留在{a}手机的本地数据库里排队，等重新登录后再发。"),
                );
            }
            let mailbox = s.t(T::Mailbox);
            s.p(
                format!("{a}'s phone is not online at the moment: the letter{q} waits in the {mailbox} and goes out as soon as the phone is back online."),
                format!("{a}的手机这会儿不在线：{}先留在{mailbox}里，一上线就寄出。", s.zl(m)),
            )
        }
        What::Return { reason } => returned_at_office(s, m, *reason, &a, &b, &q, &id),
        What::Returned { reason } => {
            let st = stamp(*reason, s.lang);
            if s.eng() {
                return s.p(
                    format!("The returned {id} reaches {a}'s phone: {}.", reason.name()),
                    format!("退回的 {id} 到了{a}的手机：{st}。"),
                );
            }
            let wechat = match (reason, s.lang) {
                (Bounce::Blocked, Lang::En) => " (WeChat says the message was sent but refused.)",
                (Bounce::Blocked, Lang::Zh) => "（微信里显示：消息已发出，但被对方拒收了。）",
                _ => "",
            };
            s.p(
                format!("The letter{q} comes back to {a}'s phone; the bubble shows the stamp: {st}.{wechat}"),
                format!("{}退回到{a}的手机上，气泡下写着原因：{st}。{wechat}", s.zl(m)),
            )
        }
        What::Shelve { to, why } => {
            let t = s.name(*to);
            if s.eng() {
                let why = match why {
                    ShelfWhy::NotConnected => s.p(format!("{t} is offline"), format!("{t}不在线")),
                    ShelfWhy::NoAnswer => s.p(
                        format!("no ack:R from {t} after the retries"),
                        format!("重发后仍没收到{t}的 ack:R"),
                    ),
                    ShelfWhy::WentOffline => s.p(
                        format!("{t} went offline while it was on its way"),
                        format!("途中{t}下线了"),
                    ),
                };
                return s.p(
                    format!("{why}: msg:N {id} is kept as an offline message."),
                    format!("{why}：msg:N（{id}）存为离线消息。"),
                );
            }
            let shelf = s.t(T::Shelf);
            let copy = if group {
                s.p(
                    format!("{t}'s copy of the letter{q}"),
                    format!("给{t}的那份{}", s.zl(m)),
                )
            } else {
                s.p(format!("the letter{q}"), s.zl(m))
            };
            match why {
                ShelfWhy::NotConnected => s.p(
                    format!("{t} is not online, so the post office keeps {copy} on its {shelf} until {t} logs in."),
                    format!("{t}不在线，邮局把{copy}放在{shelf}上，等{t}登录再送。"),
                ),
                ShelfWhy::NoAnswer => s.p(
                    format!("{t}'s phone has still not signed for {copy} after the retries: the post office puts it back on its {shelf}."),
                    format!("重发几次后，{t}的手机还是没有签收{copy}：邮局把它放回{shelf}。"),
                ),
                ShelfWhy::WentOffline => s.p(
                    format!("{t} went offline while {copy} was on its way: the post office puts it on its {shelf}."),
                    format!("{copy}还在路上，{t}就下线了：邮局把它放上{shelf}。"),
                ),
            }
        }
        What::OffTheShelf { by, told } => {
            let x = s.name(*by);
            let shelf = s.t(T::Shelf);
            let tell = match (told, s.lang) {
                (true, Lang::En) => format!("and tells {a}"),
                (false, Lang::En) => format!("and keeps the news for {a}, who is not online"),
                (true, Lang::Zh) => format!("并转告{a}"),
                (false, Lang::Zh) => format!("并替不在线的{a}记下这个消息"),
            };
            if s.eng() {
                return s.p(
                    format!("A late ack:R for {id} from {x}: the offline message is removed, {tell}."),
                    format!("{x}迟到的 ack:R（{id}）：删除离线消息，{tell}。"),
                );
            }
            s.p(
                format!("{x}'s phone signs for the letter{q} after all (its answer came late): the post office takes its copy off the {shelf} {tell}."),
                format!("{x}的手机最终还是签收了{}（回音来晚了）：邮局把{shelf}上的那份取下，{tell}。", s.zl(m)),
            )
        }
        What::Receipt => {
            let mut out = if s.eng() {
                s.p(
                    format!("msg:A for {id} reaches {a}'s phone: ✓ (the server has stored it)."),
                    format!("{id} 的 msg:A 到了{a}的手机：✓（服务器已存下）。"),
                )
            } else {
                let (en, zh) = if q.is_empty() {
                    ("The post office's receipt".to_string(), "邮局的回执".to_string())
                } else {
                    (format!("The receipt for{q}"), format!("邮局给{q}的回执"))
                };
                s.p(
                    format!("{en} reaches {a}'s phone: one tick ✓ “sent”, the post office has it."),
                    format!("{zh}到了{a}的手机：一个勾 ✓“已发出”，邮局收到了。"),
                )
            };
            // Why ✓ can come after the letter is on the screen.
            if let Some(v) = shown_before(s.ctx, i, m) {
                let v = s.name(v);
                let why = if s.eng() {
                    s.p(
                        format!(" {v} already displays it: {}.", if receipt_lost_before(s.ctx, i, m) { "the first msg:A was lost; this one answers the resent msg:R" } else { "msg:A left with msg:N, on a slower hop" }),
                        format!("{v}那边已经显示了：{}。", if receipt_lost_before(s.ctx, i, m) { "第一个 msg:A 丢了，这个回的是重发的 msg:R" } else { "msg:A 和 msg:N 同时发出，只是这一路慢些" }),
                    )
                } else if receipt_lost_before(s.ctx, i, m) {
                    s.p(
                        format!(" {v} saw the letter long ago: the first receipt was lost, and this one answers the letter sent again."),
                        format!("其实{v}早就看到这封信了：第一张回执在半路丢了，这一张回的是重发的那封。"),
                    )
                } else {
                    let line = s.t2(T::Line);
                    s.p(
                        format!(" {v} already has it: {v}'s {line} was quicker than {a}'s."),
                        format!("其实{v}已经看到这封信了：信和回执同时离开邮局，信走{v}的{line}，比回执快。"),
                    )
                };
                out.push_str(&why);
            }
            out
        }
        What::Acknowledged { by, told } => {
            let x = s.name(*by);
            match (s.eng(), told) {
                (true, true) => s.p(
                    format!("ack:R for {id} from {x}: the server answers ack:A and sends ack:N to {a}."),
                    format!("收到{x}的 ack:R（{id}）：服务器回 ack:A，并给{a}发 ack:N。"),
                ),
                (true, false) => s.p(
                    format!("ack:R for {id} from {x}: the server answers ack:A; {a} is offline, so it keeps ack:N for later."),
                    format!("收到{x}的 ack:R（{id}）：服务器回 ack:A；{a}不在线，ack:N 先记下。"),
                ),
                (false, true) => s.p(
                    format!("{x}'s phone signs for the letter{q}; the post office passes the news to {a}."),
                    format!("{x}的手机签收了{}；邮局马上转告{a}。", s.zl(m)),
                ),
                (false, false) => s.p(
                    format!("{x}'s phone signs for the letter{q}. {a} is not online, so the post office keeps the news until {a} is back."),
                    format!("{x}的手机签收了{}。{a}现在不在线，邮局先把这个消息记下，等{a}上线再转告。", s.zl(m)),
                ),
            }
        }
        What::NewsKept { by } => {
            let x = s.name(*by);
            if s.eng() {
                return s.p(
                    format!("No ack:C from {a} for {id} after the retries: the server keeps ack:N for {a}'s next login or heartbeat."),
                    format!("重发后仍没收到{a}的 ack:C（{id}）：服务器留着 ack:N，等{a}下次登录或心跳。"),
                );
            }
            s.p(
                format!("{a}'s phone has not answered the news that {x} has the letter{q}: the post office keeps it, and tells {a} the next time it hears from {a}'s phone."),
                format!("{a}的手机一直没回应送达通知（{x}已收到{}）：邮局把消息留着，等下次{a}的手机有动静再转告。", s.zl(m)),
            )
        }
        What::NewsHandedOver { by } => {
            let x = s.name(*by);
            if s.eng() {
                return s.p(
                    format!("{a}'s phone is heard from again: the server sends the kept ack:N for {id} ({x} has it)."),
                    format!("又收到{a}手机的消息：服务器发出留着的 ack:N（{id}，{x}已收到）。"),
                );
            }
            s.p(
                format!("The post office hears from {a}'s phone again and passes on the news it kept: {x} has the letter{q}."),
                format!("邮局又收到了{a}手机的消息，马上把留着的消息转告：{x}已经收到了{}。", s.zl(m)),
            )
        }
        What::Delivered { count, of } => {
            if s.eng() {
                if *of == 1 {
                    return s.p(
                        format!("ack:N for {id} reaches {a}'s phone: delivered (✓✓)."),
                        format!("{id} 的 ack:N 到了{a}的手机：已送达（✓✓）。"),
                    );
                }
                return s.p(
                    format!("ack:N for {id} reaches {a}'s phone: {count} of {of} recipients {} it{}.", if *count == 1 { "has" } else { "have" }, if count >= of { " (✓✓)" } else { "" }),
                    format!("{id} 的 ack:N 到了{a}的手机：{}接收方中已有 {}收到{}。", with_unit(of, "个"), with_unit(count, "个"), if count >= of { "（✓✓）" } else { "" }),
                );
            }
            match m.to {
                Dest::Group(_) if count < of => s.p(
                    format!("The news reaches {a}'s phone: {} of the {} other members of {} {} the letter{q} so far.", count_en(*count as usize), count_en(*of as usize), s.group(m.to), if *count == 1 { "has" } else { "have" }),
                    format!("{a}的手机得知：{b}的其他{}位成员中，已有{}位收到了{}。", count_zh(*of as usize), count_zh(*count as usize), s.zl(m)),
                ),
                Dest::Group(_) => {
                    let all = match (of, s.lang) {
                        (2, Lang::En) => "both other members".to_string(),
                        (_, Lang::En) => format!("all {} other members", count_en(*of as usize)),
                        (_, Lang::Zh) => format!("其他{}位成员都", count_zh(*of as usize)),
                    };
                    s.p(
                        format!("The news reaches {a}'s phone: {all} of {} have {} — two ticks ✓✓.", s.group(m.to), if q.is_empty() { "the letter" } else { q.trim_start() }),
                        format!("{a}的手机得知：{b}{all}收到了{}——两个勾 ✓✓。", s.zl(m)),
                    )
                }
                Dest::User(_) => s.p(
                    format!("The news reaches {a}'s phone: {b} has the letter{q} — two ticks ✓✓."),
                    format!("{a}的手机得知{b}已经收到{}——两个勾 ✓✓。", s.zl(m)),
                ),
            }
        }
        What::Retry { frame, attempt, to } => retry(s, m, *frame, *attempt, *to, &a, &q, &id),
        What::Duplicate => match (e.actor, s.eng()) {
            (crate::sim::Actor::PostOffice, true) => s.p(
                format!("Duplicate msg:R {id} (seen before): the server answers msg:A again and does not forward it."),
                format!("重复的 msg:R（{id}，已收过）：服务器再回一次 msg:A，不再转发。"),
            ),
            (_, true) => s.p(
                format!("Duplicate msg:N {id}: {u}'s phone answers ack:R again and does not display it."),
                format!("重复的 msg:N（{id}）：{u}的手机再回一次 ack:R，不再显示。"),
            ),
            (crate::sim::Actor::PostOffice, false) => s.p(
                format!("The post office sees the number ({a}'s letter no. {n}) and knows this letter has come before: it sends another receipt, but does not pass the letter on again."),
                format!("邮局一看编号（{a}的第 {}），就知道这封信收过了：再回一张回执，但不再转发。", with_unit(n, "封")),
            ),
            (_, false) => s.p(
                format!("{u}'s phone already has {a}'s letter no. {n}: it signs for it again, but does not show it twice."),
                format!("{u}的手机已经有这封信（{a}的第 {}）：再签收一次，但屏幕上不会重复显示。", with_unit(n, "封")),
            ),
        },
        What::Lost { retries } => {
            if s.eng() {
                return s.p(
                    format!("No msg:A for {id} after {retries} retries: {a}'s phone reports it as not sent (the copy stays in the local database)."),
                    format!("重发 {}后仍没收到 {id} 的 msg:A：{a}的手机报告发送失败（副本仍在本地数据库里）。", with_unit(retries, "次")),
                );
            }
            let tried = match (retries, s.lang) {
                (0, Lang::En) => "heard nothing back (in this scene a phone sends each letter only once)".to_string(),
                (0, Lang::Zh) => "没有收到回音（这个场景里每封信只发一次）".to_string(),
                (1, Lang::En) => "tried once more and heard nothing".to_string(),
                (1, Lang::Zh) => "又重发了一次，还是没有回音".to_string(),
                (k, Lang::En) => format!("tried {k} more times and heard nothing"),
                (k, Lang::Zh) => format!("又重发了{}次，还是没有回音", count_zh(*k as usize)),
            };
            let mailbox = s.t(T::Mailbox);
            s.p(
                format!("{a}'s phone {tried}: it gives up and marks the letter{q} “not sent” (WeChat: a red ❗). The letter is still in the {mailbox}, to send again later."),
                format!("{a}的手机{tried}，只好放弃：给{}标上“发送失败”（微信会显示红色感叹号）。信还存在{mailbox}里，可以再发。", s.zl(m)),
            )
        }
        What::FrameLost {
            user, dir, frame, cause, ..
        } => frame_lost(s, Some(m), *user, *dir, *frame, *cause),
        _ => without_letter(s, e, &u),
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
    to: Option<UserIdx>,
    a: &str,
    q: &str,
    id: &str,
) -> String {
    use Thing as T;
    let _ = m;
    match (frame, to) {
        (FrameKind::MsgN, Some(t)) => {
            let t = s.name(t);
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
    user: UserIdx,
    dir: Dir,
    frame: FrameKind,
    cause: LossCause,
) -> String {
    let x = s.name(user);
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
            let q = super::quote(s.text(m), s.lang);
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
    let hb = s.ctx.settings.heartbeat;
    match &e.what {
        What::LoginStart => {
            let first = s.ctx.first_line.is_some_and(|f| std::ptr::eq(&s.ctx.trace[f], e));
            match (s.reg, s.lang, first) {
                (Register::Engineer, Lang::En, _) => format!("{u}'s client starts: the network module opens a long connection to the server and sends a login."),
                (Register::Engineer, Lang::Zh, _) => format!("{u}的客户端启动：网络模块和服务器建立长连接，发送登录请求。"),
                (Register::Story, Lang::En, true) => format!("{u} opens the app: the phone opens its own line to the post office, a line that stays open all the time, so letters can come and go the moment they are written."),
                (Register::Story, Lang::Zh, true) => format!("{u}打开微信：手机和邮局之间接通一条专线——一条一直不挂断的线路，信随写随到。"),
                (_, Lang::En, true) => format!("{u} opens the app: the phone opens a long connection to the post office, a line that stays open all the time, so letters can come and go the moment they are written."),
                (_, Lang::Zh, true) => format!("{u}打开微信：手机和邮局之间接通一条长连接——一条一直不挂断的线路，信随写随到。"),
                (_, Lang::En, false) => format!("{u} opens the app: the phone opens its {} to the post office.", s.t(T::Line)),
                (_, Lang::Zh, false) => format!("{u}打开微信：手机接通和邮局之间的{}。", s.t(T::Line)),
            }
        }
        What::LoggedIn { user } => {
            let x = s.name(*user);
            if s.eng() {
                return s.p(
                    format!("Long-connection service: {x} is online on this connection."),
                    format!("长连接服务：{x}上线，登记这条长连接。"),
                );
            }
            let (counter, line) = (s.t(T::Counter), s.t2(T::Line));
            s.p(
                format!("The post office {counter} writes down: {x} is online; letters for {x} go down this {line}."),
                format!("邮局{counter}登记：{x}上线了，给{x}的信就走这条{line}。"),
            )
        }
        What::Connected => {
            let (i, t) = (s.span(hb.interval_ms), s.span(hb.timeout_ms));
            match (s.reg, s.lang) {
                (Register::Engineer, Lang::En) => format!("{u}'s login is confirmed. Heartbeat every {i}; the server's timeout is {t}."),
                (Register::Engineer, Lang::Zh) => format!("{u}登录成功。心跳间隔 {i}，服务器超时 {t}。"),
                (Register::Story, Lang::En) => format!("{u}'s phone is online. Every {i} it tells the post office “still here”, like the postman's round; if it hears nothing for {t}, the post office decides the phone has gone."),
                (Register::Story, Lang::Zh) => format!("{u}的手机上线了。之后每隔 {i}向邮局报一声“我还在”，就像邮递员定时巡回；邮局 {t}听不到，就当它断线了。"),
                (_, Lang::En) => format!("{u}'s phone is online. Every {i} it sends a heartbeat, a short “still here”, like the postman's round; if it hears nothing for {t}, the post office decides the phone has gone."),
                (_, Lang::Zh) => format!("{u}的手机上线了。之后每隔 {i}发一次心跳，说声“我还在”，就像邮递员定时巡回；邮局 {t}听不到心跳，就当它断线了。"),
            }
        }
        What::LoggedOut => {
            let line = s.t(T::Line);
            s.p(
                format!("{u} logs out: the phone says goodbye and closes its {line}."),
                format!("{u}退出登录：手机跟邮局道别，断开了{line}。"),
            )
        }
        What::MarkedOffline { user, why } => {
            let x = s.name(*user);
            let t = s.span(hb.timeout_ms);
            match (why, s.reg) {
                (OfflineWhy::Silent, Register::Engineer) => s.p(
                    format!("Heartbeat timeout ({t}) for {x}: the long-connection service marks {x} offline."),
                    format!("{x}心跳超时（{t}）：长连接服务把{x}标记为离线。"),
                ),
                (OfflineWhy::Silent, Register::Story) => s.p(
                    format!("No “still here” from {x}'s phone for over {t}: the post office marks {x} offline."),
                    format!("超过 {t}没听到{x}的手机报“我还在”：邮局把{x}标记为离线。"),
                ),
                (OfflineWhy::Silent, _) => s.p(
                    format!("No heartbeat from {x}'s phone for over {t}: the post office marks {x} offline."),
                    format!("超过 {t}没收到{x}手机的心跳：邮局把{x}标记为离线。"),
                ),
                (OfflineWhy::Goodbye, _) => s.p(
                    format!("{x}'s phone said goodbye: the post office marks {x} offline."),
                    format!("{x}的手机道别了：邮局把{x}标记为离线。"),
                ),
                (OfflineWhy::Closed, _) => {
                    let line = s.t(T::Line);
                    s.p(
                        format!("The post office closes {x}'s {line} and marks {x} offline."),
                        format!("邮局断开{x}的{line}，把{x}标记为离线。"),
                    )
                }
            }
        }
        What::ConnectionLost { why } => {
            let line = s.t(T::Line);
            let r = s.span(s.ctx.settings.reconnect_ms);
            match (why, s.reg) {
                (Broken::Silence, Register::Story) => s.p(
                    format!("{u}'s phone has heard nothing for over {}, not even answers to its “still here”: its {line} is dead, so it logs in again.", s.span(hb.timeout_ms)),
                    format!("{u}的手机超过 {}没听到邮局的任何回音，连“我还在”都没人应：它知道{line}断了，于是重新登录。", s.span(hb.timeout_ms)),
                ),
                (Broken::Silence, _) => s.p(
                    format!("{u}'s phone has heard nothing for over {}, not even answers to its heartbeats: its {line} is dead, so it logs in again.", s.span(hb.timeout_ms)),
                    format!("{u}的手机超过 {}没收到邮局的任何回音，连心跳也没人回：它知道{line}断了，于是重新登录。", s.span(hb.timeout_ms)),
                ),
                (Broken::Closed, _) => s.p(
                    format!("The post office's closing notice reaches {u}'s phone: its {line} is cut, and it tries to log in again every {r}."),
                    format!("{u}的手机收到邮局的关门通知：{line}断了，它每隔 {r}试着重新登录一次。"),
                ),
                (Broken::Forgotten, _) => s.p(
                    format!("The post office no longer knows {u}'s {line} (it marked {u} offline) and asks the phone to log in again; it does."),
                    format!("邮局已经不认{u}的这条{line}了（之前把{u}标记为离线），请手机重新登录；手机照办。"),
                ),
            }
        }
        What::LinkDown { user } => {
            let x = s.name(*user);
            s.p(
                format!("{x}'s phone is cut off (no signal in a tunnel, or a Wi-Fi that lets nothing through): nothing gets through either way, and the post office is not told."),
                format!("{x}的手机和外面断了联系（比如火车进了隧道没信号，或者连着一个上不了网的无线网）：什么都传不过去，邮局也毫不知情。"),
            )
        }
        What::LinkUp { user } => {
            let x = s.name(*user);
            s.p(
                format!("{x}'s phone can get through again."),
                format!("{x}的手机又连得上了。"),
            )
        }
        What::SetLoss { user, loss } => {
            let x = s.name(*user);
            let pct = (loss * 100.0).round();
            let line = s.t(T::Line);
            if s.eng() {
                return s.p(
                    format!("From now on each frame on {x}'s long connection is lost with probability {pct}%."),
                    format!("从现在起，{x}长连接上的每个数据包都有 {pct}% 的概率丢失。"),
                );
            }
            if *loss == 0.0 {
                return s.p(
                    format!("{x}'s {line} works well again: nothing more gets lost on it."),
                    format!("{x}的{line}又好了：不会再丢东西。"),
                );
            }
            let (beats_en, beats_zh) = match s.reg {
                Register::Story => ("“still here” calls", "“我还在”"),
                _ => ("heartbeats", "心跳"),
            };
            s.p(
                format!("From now on, {pct}% of everything sent on {x}'s {line} gets lost on the way (letters, receipts, log-ins, {beats_en}), in both directions: a bad connection."),
                format!("从现在起，{x}的{line}上来回传的东西（信、回执、登录、{beats_zh}）有 {pct}% 会在半路丢掉：信号很差。"),
            )
        }
        What::DropNext {
            user,
            toward,
            what,
        } => drop_next(s, *user, *toward, *what),
        What::Register { change, a, b } => {
            let (x, y) = (s.name(*a), s.name(*b));
            let register = s.t(T::Register);
            match change {
                RegisterChange::Befriend => s.p(
                    format!("{x} and {y} become friends: the post office's {register} now lists them together."),
                    format!("{x}和{y}成了好友：邮局的{register}上记下了。"),
                ),
                RegisterChange::Unfriend => s.p(
                    format!("{x} and {y} are no longer friends: the post office's {register} crosses them out."),
                    format!("{x}和{y}不再是好友：邮局的{register}上划掉了。"),
                ),
                RegisterChange::Block => s.p(
                    format!("{x} blocks {y}: from now on the post office refuses {y}'s letters to {x}."),
                    format!("{x}把{y}拉黑了：从现在起，邮局拒收{y}寄给{x}的信。"),
                ),
                RegisterChange::Unblock => s.p(
                    format!("{x} unblocks {y}: {y}'s letters to {x} get through again."),
                    format!("{x}把{y}移出了黑名单：{y}的信又能送到{x}那里了。"),
                ),
            }
        }
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
        } => {
            let x = s.name(*user);
            let noun = frame_noun(*frame, s.lang, s.reg);
            // Packet codes are the engineer's words.
            let code = if s.eng() {
                s.p(format!(" ({})", frame.name()), format!("（{}）", frame.name()))
            } else {
                String::new()
            };
            match dir {
                Dir::ToServer => s.p(
                    format!("{x}'s phone sends a {noun}{code} to the post office."),
                    format!("{x}的手机向邮局发出{noun}{code}。"),
                ),
                Dir::ToPhone => s.p(
                    format!("The post office sends a {noun}{code} to {x}'s phone."),
                    format!("邮局向{x}的手机发出{noun}{code}。"),
                ),
            }
        }
        What::FrameLost {
            user,
            dir,
            frame,
            cause,
            ..
        } => frame_lost(s, None, *user, *dir, *frame, *cause),
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
        | What::Lost { .. } => format!(
            "{}{}",
            super::stage_label(e, s.lang),
            pick(s.lang, ".", "。")
        ),
    }
}

fn drop_next(s: &S, user: UserIdx, toward: Dir, what: FrameClass) -> String {
    let x = s.name(user);
    // The same noun as the label over the line ("✂ next receipt to Li Lei: lost").
    let noun = super::window::fault_noun(what, toward, s.lang, s.reg);
    if s.eng() {
        return match toward {
            Dir::ToServer => s.p(
                format!("Fault: the next {noun} {x}'s phone sends to the server will be dropped."),
                format!("故障：{x}的手机发往服务器的下一个{noun}会被丢弃。"),
            ),
            Dir::ToPhone => s.p(
                format!("Fault: the next {noun} the server sends to {x}'s phone will be dropped."),
                format!("故障：服务器发往{x}手机的下一个{noun}会被丢弃。"),
            ),
        };
    }
    let thing = match (what, toward, s.lang) {
        (FrameClass::Heartbeat, Dir::ToServer, Lang::En) => {
            format!("the next {noun} from {x}'s phone")
        }
        (FrameClass::Heartbeat, Dir::ToPhone, Lang::En) => {
            format!("the post office's next {noun} from {x}'s phone")
        }
        (_, Dir::ToServer, Lang::En) => {
            format!("the next {noun} {x}'s phone sends the post office")
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
        (FrameClass::Any, Dir::ToServer, Lang::Zh) => format!("{x}的手机发给邮局的下一样{noun}"),
        (FrameClass::Any, Dir::ToPhone, Lang::Zh) => format!("邮局发给{x}的下一样{noun}"),
    };
    s.p(
        format!("Experiment: {thing} will get lost on the way."),
        format!("做个实验：{thing}会在半路丢掉。"),
    )
}
