//! The sentence for each event of a letter's journey, one function per kind of
//! event, in the order a letter meets them; [`super::sentence`] picks one.

use super::*;
use crate::sim::DeviceIdx;

/// Step 1: the sender writes the letter and taps Send.
pub(super) fn edit(s: &S, l: &AboutLetter) -> String {
    let group = l.group;
    let a = &l.a;
    let b = &l.b;
    let text = &l.text;
    match (s.reg, s.lang, group) {
        (Register::Engineer, Lang::En, _) => {
            format!("UI module on {a}'s phone: the user enters “{text}” for {b} and taps Send.")
        }
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
                let qun = if b.trim_end().ends_with('群') {
                    ""
                } else {
                    "群"
                };
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
    }
}

/// Step 2: the phone puts the letter in an envelope and keeps a copy.
pub(super) fn store(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let n = l.n;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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
        _ => s.phone(s.ctx.world.writer(m.id)),
    };
    let mailbox = s.t(T::Mailbox);
    s.p(
        format!("{phone} puts the letter{q} in an envelope: from, to, number {n} (to spot copies). A copy stays in the {mailbox}, to send again if needed."),
        format!("{phone}把{}装进统一格式的信封，写上寄信人、收信人和编号（第 {}，用来认出重复的信），先在{mailbox}里存一份，万一丢了还能再发。", s.zl(m), with_unit(n, "封")),
    )
}

/// Step 3: the letter goes up the sender's line.
pub(super) fn send(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// Step 4: the post office takes the letter off the line.
pub(super) fn receive(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// Step 5: the post office checks its register and keeps a copy.
pub(super) fn verify(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let b = &l.b;
    let q = &l.q;
    let id = &l.id;
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

/// Step 6: the post office sends the letter down the recipient's line.
pub(super) fn forward(s: &S, l: &AboutLetter, to: &DeviceIdx) -> String {
    use Thing as T;
    let group = l.group;
    let m = l.m;
    let q = &l.q;
    let id = &l.id;
    let t = s.dev(*to);
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

/// Step 6 from the shelf: the recipient is back, and the letter goes out.
pub(super) fn unshelve(s: &S, l: &AboutLetter, to: &DeviceIdx) -> String {
    use Thing as T;
    let m = l.m;
    let q = &l.q;
    let id = &l.id;
    let t = s.dev(*to);
    if s.eng() {
        return s.p(
            format!(
                "{t} is online: the offline message msg:N {id} goes down {t}'s long connection."
            ),
            format!("{t}上线了：离线消息 msg:N（{id}）沿{t}的长连接发出。"),
        );
    }
    let (shelf, line) = (s.t(T::Shelf), s.t(T::Line));
    if super::push::shelved_again_before(s, *to, l.e) {
        return s.p(
            format!("{t}'s phone says “still here”: the post office takes the letter{q} from its {shelf} again and sends it down {t}'s {line}."),
            format!("{t}的手机报了一声“我还在”：邮局再次从{shelf}上取下{}，沿{t}的{line}送过去。", s.zl(m)),
        );
    }
    if s.ctx.settings.shelf == crate::sim::Shelf::Fetched {
        return s.p(
            format!("{t}'s phone asked: the post office takes the letter{q} from its {shelf} and sends it down {t}'s {line}."),
            format!("{t}的手机问了：邮局从{shelf}上取下{}，沿{t}的{line}送过去。", s.zl(m)),
        );
    }
    s.p(
        format!("{t} is back: the post office takes the letter{q} from its {shelf} and sends it down {t}'s {line}."),
        format!("{t}上线了：邮局从{shelf}上取下{}，沿{t}的{line}送过去。", s.zl(m)),
    )
}

/// Step 7: the recipient's phone takes the letter off the line.
pub(super) fn arrive(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let u = &l.u;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// Step 8: the recipient's phone files the letter.
// Step 8 as the article has it: the network module, which took the letter
// off the line, stores it in the local database (网络模块会将IM消息存入本地数据库).
pub(super) fn file(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let u = &l.u;
    let q = &l.q;
    let id = &l.id;
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

/// Step 9: the letter on the recipient's screen, in the order it was written.
pub(super) fn display(s: &S, l: &AboutLetter, before: &u32, index: &u32) -> String {
    use Thing as T;
    let u = &l.u;
    let a = &l.a;
    let id = &l.id;
    let text = &l.text;
    let later = *before as usize;
    if let Some(line) = not_in_open_chat(s, l) {
        return line;
    }
    if s.eng() && l.m.place > 0 && later > 0 {
        return s.p(
            format!("UI module on {u}'s phone: shows {id} (“{text}”) with {a}'s avatar, at position {}. Sorted by the server's sequence number {}: above {} with higher numbers that arrived first.", index + 1, l.m.place, super::super::plural(later, "message", "messages")),
            format!("{u}手机上的界面模块：显示 {id}（“{text}”）和{a}的头像，排在第 {} 条。按服务器序号 {} 排序：排在先到的 {later} 条序号更大的消息前面。", index + 1, l.m.place),
        );
    }
    if s.eng() {
        let sorted = if later > 0 {
            s.p(
                format!(
                    " Sorted by seq: above {} that arrived first.",
                    super::super::plural(later, "later message", "later messages")
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
    let numbered = l.m.place;
    let sorted = match (later, s.lang) {
        (0, _) => String::new(),
        // The post office's numbers, not its sender's, decide its place.
        (k, Lang::En) if numbered > 0 => format!(
            " It has the post office's No. {numbered}: it goes above {} with later numbers, which came first.",
            super::super::with_unit(k, if k == 1 { "letter" } else { "letters" })
        ),
        (k, Lang::Zh) if numbered > 0 => format!(
            "它是邮局的第 {numbered} 号：排在先到的{}封编号更大的信前面。",
            count_zh(k)
        ),
        (1, Lang::En) => format!(
            " One later letter overtook it; the phone sorts by number and puts it above that one, in the order {a} wrote them."
        ),
        (k, Lang::En) => {
            let k = count_en(k);
            let k = k[..1].to_uppercase() + &k[1..];
            format!(
                " {k} later letters overtook it; the phone sorts by number and puts it above them, in the order {a} wrote them."
            )
        }
        (k, Lang::Zh) => format!(
            "有{}封后写的信比它先到，手机按编号把它排到前面，顺序和{a}写的一样。",
            count_zh(k)
        ),
    };
    s.p(
        format!("{u}'s {screen} shows “{text}” next to {a}'s avatar.{sorted}"),
        format!("{u}的{screen}上出现了“{text}”，旁边是{a}的头像。{sorted}"),
    )
}

/// The sender's phone is not online: the letter waits in it.
pub(super) fn wait_for_connection(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// A returned letter is back on its sender's phone, with its stamp.
pub(super) fn returned(s: &S, l: &AboutLetter, reason: &Bounce) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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
        format!(
            "The letter{q} comes back to {a}'s phone; the bubble shows the stamp: {st}.{wechat}"
        ),
        format!(
            "{}退回到{a}的手机上，气泡下写着原因：{st}。{wechat}",
            s.zl(m)
        ),
    )
}

/// The post office keeps a letter on its shelf, and why.
pub(super) fn shelve(s: &S, l: &AboutLetter, to: &DeviceIdx, why: &ShelfWhy) -> String {
    use Thing as T;
    let group = l.group;
    let m = l.m;
    let q = &l.q;
    let id = &l.id;
    let t = s.dev(*to);
    if s.eng() {
        let why = match why {
            ShelfWhy::NotConnected => s.p(format!("{t} is offline"), format!("{t}不在线")),
            // A letter lost on its way off the shelf is shelved again: said plainly.
            ShelfWhy::NoAnswer => {
                return s.p(
                    format!("No ack:R from {t} after the retries (msg:N may be lost on the way): {id} is shelved again as an offline message; it leaves offline storage only on ack:R."),
                    format!("重发后仍没收到{t}的 ack:R（msg:N 可能在途中丢了）：{id}重新存为离线消息，收到 ack:R 才删除。"),
                );
            }
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
        ShelfWhy::NotConnected if super::push::app_closed_at(s, *to, l.e) => s.p(
            format!("{t}'s app is closed, so the post office keeps {copy} on its {shelf} until {t} opens the app."),
            format!("{t}的{app}关着，邮局把{copy}放在{shelf}上，等{t}打开{app}再送。", app = s.zh_app()),
        ),
        ShelfWhy::NotConnected => s.p(
            format!("{t} is not online, so the post office keeps {copy} on its {shelf} until {t} logs in."),
            format!("{t}不在线，邮局把{copy}放在{shelf}上，等{t}登录再送。"),
        ),
        ShelfWhy::NoAnswer => s.p(
            format!("{t}'s phone has not signed for {copy}, even after it was sent again, so the post office puts it back on its {shelf} until the phone signs for it."),
            format!("{t}的手机还是没有签收{copy}，重发了也没有，所以邮局把它放回{shelf}，等手机签收。"),
        ),
        ShelfWhy::WentOffline => s.p(
            format!("{t} went offline while {copy} was on its way: the post office puts it on its {shelf}."),
            format!("{copy}还在路上，{t}就下线了：邮局把它放上{shelf}。"),
        ),
    }
}

/// A late signature takes a letter off the shelf.
pub(super) fn off_the_shelf(s: &S, l: &AboutLetter, by: &DeviceIdx, told: &bool) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let x = s.dev(*by);
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

/// ✓: the post office's receipt reaches the sender (and why it may come after the letter is on the screen).
pub(super) fn receipt(s: &S, l: &AboutLetter) -> String {
    use Thing as T;
    let i = l.i;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let mut out = if s.eng() {
        s.p(
            format!("msg:A for {id} reaches {a}'s phone: ✓ (the server has stored it)."),
            format!("{id} 的 msg:A 到了{a}的手机：✓（服务器已存下）。"),
        )
    } else {
        let (en, zh) = if q.is_empty() {
            (
                "The post office's receipt".to_string(),
                "邮局的回执".to_string(),
            )
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
        let v = s.dev(v);
        let why = if s.eng() {
            s.p(
                format!(
                    " {v} already displays it: {}.",
                    if receipt_lost_before(s.ctx, i, m) {
                        "the first msg:A was lost; this one answers the resent msg:R"
                    } else {
                        "msg:A left with msg:N, on a slower hop"
                    }
                ),
                format!(
                    "{v}那边已经显示了：{}。",
                    if receipt_lost_before(s.ctx, i, m) {
                        "第一个 msg:A 丢了，这个回的是重发的 msg:R"
                    } else {
                        "msg:A 和 msg:N 同时发出，只是这一路慢些"
                    }
                ),
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
                format!(
                    "其实{v}已经看到这封信了：信和回执同时离开邮局，信走{v}的{line}，比回执快。"
                ),
            )
        };
        out.push_str(&why);
    }
    out
}

/// The recipient's phone signs for the letter; the news goes to the sender, or is kept.
pub(super) fn acknowledged(
    s: &S,
    l: &AboutLetter,
    by: &UserIdx,
    device: DeviceIdx,
    told: &bool,
) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let x = s.name(*by);
    // The device that signed (issue 27): "Han Meimei's computer"; the main
    // phone of a person without other devices: "Han Meimei's phone".
    let xp = s.phone(device);
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
            format!("{xp} signs for the letter{q}; the post office passes the news to {a}."),
            format!("{xp}签收了{}；邮局马上转告{a}。", s.zl(m)),
        ),
        (false, false) => s.p(
            format!("{xp} signs for the letter{q}. {a} is not online, so the post office keeps the news until {a} is back."),
            format!("{xp}签收了{}。{a}现在不在线，邮局先把这个消息记下，等{a}上线再转告。", s.zl(m)),
        ),
    }
}

/// The sender's phone has not answered the news: the post office keeps it.
pub(super) fn news_kept(s: &S, l: &AboutLetter, by: &UserIdx) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// The post office hands the kept news to the sender at last.
pub(super) fn news_handed_over(s: &S, l: &AboutLetter, by: &UserIdx) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
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

/// ✓✓: the news of delivery reaches the sender (for a group, how many have it so far).
pub(super) fn delivered(s: &S, l: &AboutLetter, count: &u32, of: &u32) -> String {
    let m = l.m;
    let a = &l.a;
    let b = &l.b;
    let q = &l.q;
    let id = &l.id;
    if s.eng() {
        if *of == 1 {
            return s.p(
                format!("ack:N for {id} reaches {a}'s phone: delivered (✓✓)."),
                format!("{id} 的 ack:N 到了{a}的手机：已送达（✓✓）。"),
            );
        }
        return s.p(
            format!(
                "ack:N for {id} reaches {a}'s phone: {count} of {of} recipients {} it{}.",
                if *count == 1 { "has" } else { "have" },
                if count >= of { " (✓✓)" } else { "" }
            ),
            format!(
                "{id} 的 ack:N 到了{a}的手机：{}接收方中已有 {}收到{}。",
                with_unit(of, "个"),
                with_unit(count, "个"),
                if count >= of { "（✓✓）" } else { "" }
            ),
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

/// A copy seen before: signed for again, but not passed on or shown twice.
pub(super) fn duplicate(s: &S, l: &AboutLetter) -> String {
    let n = l.n;
    let e = l.e;
    let u = &l.u;
    let a = &l.a;
    let id = &l.id;
    match (e.actor, s.eng()) {
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
    }
}

/// The sender's phone gives up on the letter: “not sent”.
pub(super) fn lost(s: &S, l: &AboutLetter, retries: &u32) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    if s.eng() {
        return s.p(
            format!("No msg:A for {id} after {retries} retries: {a}'s phone reports it as not sent (the copy stays in the local database)."),
            format!("重发 {}后仍没收到 {id} 的 msg:A：{a}的手机报告发送失败（副本仍在本地数据库里）。", with_unit(retries, "次")),
        );
    }
    let tried = match (retries, s.lang) {
        (0, Lang::En) => {
            "heard nothing back (in this scene a phone sends each letter only once)".to_string()
        }
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

/// `order: PostOffice`: the post office numbers the letter in its conversation.
pub(super) fn numbered(s: &S, l: &AboutLetter, number: u32) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let (conv, zconv) = match m.to {
        Dest::Group(_) => (format!("in {}", s.group(m.to)), format!("{}里", l.b)),
        Dest::User(_) => (
            format!("between {a} and {}", l.b),
            format!("{a}和{}之间", l.b),
        ),
    };
    if s.eng() {
        let conv = match m.to {
            Dest::Group(_) => format!("{}'s conversation", s.group(m.to)),
            Dest::User(_) => format!("the conversation between {a} and {}", l.b),
        };
        return s.p(
            format!("The server gives {id} sequence number {number} in {conv}: every client sorts this conversation by it."),
            format!("服务器给 {id} 分配会话序号 {number}（{zconv}的会话）：每个客户端都按这个序号排列这段会话。"),
        );
    }
    s.p(
        format!("The post office writes its own No. {number} on the letter{q}, the {} it has accepted {conv}. Every screen follows these numbers (the phone's own only spot copies).", super::super::ordinal_en(number as usize)),
        format!("邮局在{}上写下自己的编号 {number}（手机的编号只用来认出重复的信）：这是它收下的{zconv}的第 {}信。每块屏幕（{a}自己的也一样）都按这个编号排。", s.zl(m), super::super::with_unit(number, "封")),
    )
}

/// `order: PostOffice`: the phone keeps the letter until the one before it has
/// its answer.
pub(super) fn held_back(s: &S, l: &AboutLetter, behind: MsgId) -> String {
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let earlier = s
        .letter(behind, l.i)
        .map(|e| s.item(&e))
        .unwrap_or_else(|| s.ctx.world.letter_id(behind));
    if s.eng() {
        return s.p(
            format!("{a}'s client queues {id}: {earlier} in the same conversation has no msg:A yet, and messages go one at a time so the server's sequence numbers keep the order they were written in."),
            format!("{a}的客户端让 {id} 排队：同一会话里的 {earlier} 还没收到 msg:A；消息一条一条地发，服务器的序号才和书写顺序一致。"),
        );
    }
    s.p(
        format!("{a}'s phone holds{q} back until {earlier}, written before it, has its answer: one at a time, so the post office numbers them in the order {a} wrote them."),
        format!("{a}的手机先把{}留着：同一个聊天里刚写的{earlier}还没收到邮局的回音。一封一封地寄，邮局的编号才和{a}写的顺序一样。", s.zl(m)),
    )
}

/// `order: PostOffice`: the number moves the sender's own bubble into its place.
pub(super) fn reordered(s: &S, l: &AboutLetter, number: u32, from: u32, to: u32) -> String {
    use Thing as T;
    let m = l.m;
    let a = &l.a;
    let q = &l.q;
    let id = &l.id;
    let (up, zup) = if to < from {
        ("up", "上")
    } else {
        ("down", "下")
    };
    let lines = from.abs_diff(to) as usize;
    if s.eng() {
        return s.p(
            format!("UI module on {a}'s phone: {id} has sequence number {number}; it moves {up} from position {} to {} to sort the conversation by number.", from + 1, to + 1),
            format!("{a}手机上的界面模块：{id} 的序号是 {number}，从第 {} 条移到第 {} 条，会话按序号排序。", from + 1, to + 1),
        );
    }
    let screen = s.t(T::Screen);
    s.p(
        format!("The post office's No. {number} moves the letter{q} {up} {} on {a}'s {screen}, {}, as on every screen.", super::super::with_unit(lines, if lines == 1 { "line" } else { "lines" }), if to < from { "above the letters with later numbers that came while it waited for its number" } else { "below the letters with earlier numbers" }),
        format!("邮局给{}的编号是 {number}：它在{a}的{screen}上往{zup}挪了 {}，{}，和其他每块屏幕一样。", s.zl(m), super::super::with_unit(lines, "行"), if to < from { "排到它等编号时先到的、编号更大的信上面" } else { "排到编号更小的信下面" }),
    )
}

/// Step 9 in a scene with chats (issue 25), where the letter's chat is not open on
/// the phone: it is filed in its chat, and the chat list shows it as new — not on
/// the screen, not read. `None` where the chat is open, or the scene has no chats.
fn not_in_open_chat(s: &S, l: &AboutLetter) -> Option<String> {
    let chat = chat_not_open(s.ctx, l.e, l.i)?;
    let (u, a, text) = (&l.u, &l.a, &l.text);
    let (en_chat, zh_chat) = match chat {
        Dest::User(_) => (format!("the chat with {a}"), format!("和{a}的聊天")),
        Dest::Group(_) => {
            let g = s.group(chat);
            (format!("the chat of {g}"), format!("{g}的群聊"))
        }
    };
    Some(match s.eng() {
        true => s.p(
            format!("UI module on {u}'s phone: {} (“{text}”) goes into {en_chat}, which is not open: the conversation list counts it unread.", l.id),
            format!("{u}手机上的界面模块：{}（“{text}”）放进{zh_chat}，这个会话没有打开：会话列表把它记为未读。", l.id),
        ),
        false => s.p(
            format!("{u}'s phone files “{text}” in {en_chat}, which is not open: the chat list marks it new, not read yet."),
            format!("{u}的手机把“{text}”放进{zh_chat}，这个聊天没有打开：聊天列表上标着一封新信，还没读。"),
        ),
    })
}

/// The letter's chat, where event `i` (`e`, a letter's arrival on a phone) is in a
/// scene with chats and that chat is not open on the phone: the letter is filed,
/// not on the screen.
pub(super) fn chat_not_open(ctx: &Context<'_>, e: &Event, i: usize) -> Option<Dest> {
    let (phone, m) = (phone_of(e)?, e.msg.as_ref()?);
    let chat = match m.to {
        Dest::Group(g) => Dest::Group(g),
        Dest::User(_) => Dest::User(m.from()),
    };
    let open = super::chat_open_before(ctx, i, phone, chat);
    (ctx.chats && !open).then_some(chat)
}
