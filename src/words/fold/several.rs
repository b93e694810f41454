//! One line for several events of one kind, about several letters: the line for
//! each kind of event, in the order a letter meets them; `fold::many` picks one.

use super::*;
use crate::sim::DeviceIdx;

/// What every line about several letters names, worked out once by `many`.
pub(super) struct Several<'l> {
    pub(super) eng: bool,
    /// How many letters.
    pub(super) n: usize,
    /// The first letter.
    pub(super) m: &'l Envelope,
    pub(super) first: &'l Event,
    pub(super) letters: &'l [&'l Envelope],
    /// The letters listed (“one”, “two” and “three”).
    pub(super) names: &'l str,
    /// The sender, and the phone the events happen on, by name.
    pub(super) a: &'l str,
    pub(super) u: &'l str,
    /// How many, in words: 三, three.
    pub(super) zn: &'l str,
    pub(super) en_n: &'l str,
    /// “three letters”, 三封信.
    pub(super) nl: &'l str,
}

/// Step 3: the letters go up the sender's line.
pub(super) fn send(s: &S, l: &Several) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    if eng {
        return s.p(
            format!("Network module on {a}'s phone: sends msg:R {names} over the long connection."),
            format!("{a}手机上的网络模块：经长连接发出 msg:R（{names}）。"),
        );
    }
    let (postman, line) = (s.t(T::Postman), s.t(T::Line));
    s.p(
        format!("The {postman} carries the {en_n} envelopes ({names}) along {a}'s {line} to the post office."),
        format!("{postman}沿着{a}的{line}把{zn}封信（{names}）送往邮局。"),
    )
}

/// Step 4: the post office takes the letters off the line.
pub(super) fn receive(s: &S, l: &Several) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let nl = l.nl;
    if eng {
        return s.p(
            format!("Long-connection service: msg:R {names} arrive on {a}'s connection."),
            format!("长连接服务：msg:R（{names}）从{a}的长连接上到达。"),
        );
    }
    let (counter, line) = (s.t(T::Counter), s.t(T::Line));
    s.p(
        format!("The post office {counter} takes {a}'s {nl} ({names}) off {a}'s {line}."),
        format!("邮局{counter}从{a}的{line}上收下{nl}（{names}）。"),
    )
}

/// Step 5: the post office checks its register for each letter.
pub(super) fn verify(s: &S, l: &Several) -> String {
    use Thing as T;
    let eng = l.eng;
    let m = l.m;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    let b = s.dest(m.to);
    if eng {
        return s.p(
            format!("User service: {b} exists, is {a}'s friend and accepts {a}'s messages; {names} are stored in the server database."),
            format!("用户服务：{b}存在，是{a}的好友，也接收{a}的消息；{names} 存入服务端数据库。"),
        );
    }
    let (register, archive) = (s.t(T::Register), s.t(T::Archive));
    s.p(
        format!("For each of the {en_n} letters ({names}) the post office looks {b} up in its {register}: {b} exists, is {a}'s friend and accepts {a}'s letters. Copies go into the {archive}."),
        format!("这{zn}封信（{names}），邮局逐封翻查{register}：{b}确有其人，是{a}的好友，也愿意收{a}的信。副本都存进{archive}备份。"),
    )
}

/// Step 6: the letters go down the recipient's line (from the shelf, oldest first).
pub(super) fn forward(s: &S, l: &Several, to: &DeviceIdx, from_shelf: bool) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let zn = l.zn;
    let en_n = l.en_n;
    let t = s.dev(*to);
    match (eng, from_shelf) {
        (true, true) => s.p(
            format!("{t} is online: the offline messages msg:N {names} go down {t}'s long connection, oldest first."),
            format!("{t}上线了：离线消息 msg:N（{names}）按先后顺序沿{t}的长连接发出。"),
        ),
        (true, false) => s.p(
            format!("Message forwarding: msg:N {names} go down {t}'s long connection."),
            format!("消息转发：msg:N（{names}）沿{t}的长连接发出。"),
        ),
        // Fetched: the letters go because her phone asked, not because she is back.
        (false, true) if s.ctx.settings.shelf == crate::sim::Shelf::Fetched => {
            let (shelf, line) = (s.t(T::Shelf), s.t(T::Line));
            s.p(
                format!("{t}'s phone asked: the post office sends the {en_n} letters waiting on its {shelf} down {t}'s {line}, oldest first ({names})."),
                format!("{t}的手机问了：邮局把{shelf}上的{zn}封信（{names}）按先后顺序，沿{t}的{line}送过去。"),
            )
        }
        (false, true) => {
            let (shelf, line) = (s.t(T::Shelf), s.t(T::Line));
            s.p(
                format!("{t} is back: the post office sends the {en_n} letters waiting on its {shelf} down {t}'s {line}, oldest first ({names})."),
                format!("{t}上线了：邮局把{shelf}上的{zn}封信（{names}）按先后顺序，沿{t}的{line}送过去。"),
            )
        }
        (false, false) => {
            let (sorting, line) = (s.t(T::Sorting), s.t(T::Line));
            s.p(
                format!("The {sorting} sends the {en_n} letters ({names}) down {t}'s {line}, in the order they came."),
                format!("{sorting}把{zn}封信（{names}）按到达的顺序沿{t}的{line}送过去。"),
            )
        }
    }
}

/// Step 7: the recipient's phone takes the letters off the line.
pub(super) fn arrive(s: &S, l: &Several) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let u = l.u;
    let nl = l.nl;
    if eng {
        return s.p(
            format!("Network module on {u}'s phone: msg:N {names} arrive on the long connection."),
            format!("{u}手机上的网络模块：msg:N（{names}）从长连接上到达。"),
        );
    }
    let (postman, line) = (s.t(T::Postman), s.t(T::Line));
    s.p(
        format!("{u}'s {postman} takes {a}'s {nl} ({names}) off the {line}."),
        format!("{u}的{postman}从{line}上接过{a}寄来的{nl}（{names}）。"),
    )
}

/// Step 8: the recipient's phone files the letters.
// Step 8: the network module stores, as in the article.
pub(super) fn file(s: &S, l: &Several) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let u = l.u;
    let zn = l.zn;
    let en_n = l.en_n;
    if eng {
        return s.p(
            format!("Network module on {u}'s phone: saves {names} in the local database."),
            format!("{u}手机上的网络模块：把 {names} 存进本地数据库。"),
        );
    }
    let (postman, mailbox) = (s.t2(T::Postman), s.t(T::Mailbox));
    s.p(
        format!("{u}'s {postman} files the {en_n} letters in the phone's own {mailbox}."),
        format!("{u}的{postman}把这{zn}封信存进手机的{mailbox}。"),
    )
}

/// Step 9: the letters on the recipient's screen, in the order they were written.
pub(super) fn display(s: &S, l: &Several, overtaken: bool) -> String {
    use Thing as T;
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let u = l.u;
    let letters = l.letters;
    let texts: Vec<String> = letters.iter().map(|l| format!("“{}”", s.text(l))).collect();
    let texts = list(&texts, s.lang);
    if eng {
        return s.p(
            format!("UI module on {u}'s phone: shows {names} with {a}'s avatar, sorted by seq."),
            format!("{u}手机上的界面模块：按序号显示 {names}，旁边是{a}的头像。"),
        );
    }
    let screen = s.t(T::Screen);
    let sorted = if overtaken {
        s.p(
            " Some came before earlier ones; the phone sorts them by number.".into(),
            "有的信比先写的先到，手机按编号排好。".into(),
        )
    } else {
        String::new()
    };
    s.p(
        format!("{u}'s {screen} shows {texts} next to {a}'s avatar, in the order {a} wrote them.{sorted}"),
        format!("{u}的{screen}上按{a}写信的顺序出现了{texts}，旁边是{a}的头像。{sorted}"),
    )
}

/// The sender's phone is not online: the letters wait in it.
pub(super) fn wait_for_connection(s: &S, l: &Several) -> String {
    use Thing as T;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    let mailbox = s.t(T::Mailbox);
    s.p(
        format!("{a}'s phone is not online at the moment: the {en_n} letters ({names}) wait in the {mailbox} and go out as soon as the phone is back online."),
        format!("{a}的手机这会儿不在线：{zn}封信（{names}）先留在{mailbox}里，一上线就寄出。"),
    )
}

/// ✓ for each letter: the post office's receipts reach the sender.
pub(super) fn receipt(s: &S, l: &Several) -> String {
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    if eng {
        return s.p(
            format!("msg:A for {names} reaches {a}'s phone: ✓ for each."),
            format!("{names} 的 msg:A 到了{a}的手机：各一个 ✓。"),
        );
    }
    s.p(
        format!("The post office's receipts for the {en_n} letters ({names}) reach {a}'s phone: one tick ✓ “sent” on each — the post office has them."),
        format!("邮局给{zn}封信（{names}）的回执到了{a}的手机：每封一个勾 ✓“已发出”——邮局都收到了。"),
    )
}

/// The recipient's phone signs for the letters; the news goes to the sender, or is kept.
pub(super) fn acknowledged(
    s: &S,
    l: &Several,
    by: &UserIdx,
    device: DeviceIdx,
    told: &bool,
) -> String {
    let eng = l.eng;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    let x = s.name(*by);
    // The device that signed (issue 27; lines fold by device).
    let xp = s.phone(device);
    match (eng, told) {
        (true, _) => s.p(
            format!("ack:R for {names} from {x}: the server answers ack:A for each{}.", if *told { format!(" and sends ack:N to {a}") } else { String::new() }),
            format!("收到{x}的 ack:R（{names}）：服务器逐个回 ack:A{}。", if *told { format!("，并给{a}发 ack:N") } else { String::new() }),
        ),
        (false, true) => s.p(
            format!("{xp} signs for the {en_n} letters ({names}); the post office passes the news to {a}."),
            format!("{xp}签收了这{zn}封信（{names}）；邮局马上转告{a}。"),
        ),
        (false, false) => s.p(
            format!("{xp} signs for the {en_n} letters ({names}). {a} is not online, so the post office keeps the news until {a} is back."),
            format!("{xp}签收了这{zn}封信（{names}）。{a}现在不在线，邮局先把这个消息记下，等{a}上线再转告。"),
        ),
    }
}

/// ✓✓ for each letter: the news of delivery reaches the sender.
pub(super) fn delivered(s: &S, l: &Several) -> String {
    let eng = l.eng;
    let n = l.n;
    let m = l.m;
    let names = l.names;
    let a = l.a;
    let zn = l.zn;
    let en_n = l.en_n;
    let b = s.dest(m.to);
    if eng {
        return s.p(
            format!("ack:N for {names} reaches {a}'s phone: ✓✓ for each."),
            format!("{names} 的 ack:N 到了{a}的手机：各两个勾 ✓✓。"),
        );
    }
    let all = if n == 2 {
        "both letters".to_string()
    } else {
        format!("all {en_n} letters")
    };
    // Letters to different addresses (a group's and a person's) are each
    // delivered to their own.
    if l.letters.iter().any(|x| x.to != m.to) {
        return s.p(
            format!("The news reaches {a}'s phone: {all} ({names}) have reached everyone they were for — two ticks ✓✓ on each."),
            format!("{a}的手机得知这{zn}封信（{names}）都送到了各自的收信人——每封两个勾 ✓✓。"),
        );
    }
    s.p(
        format!("The news reaches {a}'s phone: {b} has {all} ({names}) — two ticks ✓✓ on each."),
        format!("{a}的手机得知{b}把这{zn}封信（{names}）都收到了——每封两个勾 ✓✓。"),
    )
}

/// The post office keeps the letters on its shelf, and why.
pub(super) fn shelve(s: &S, l: &Several, to: &DeviceIdx, why: &ShelfWhy) -> String {
    use Thing as T;
    let names = l.names;
    let zn = l.zn;
    let en_n = l.en_n;
    let t = s.dev(*to);
    let shelf = s.t(T::Shelf);
    match why {
        ShelfWhy::NotConnected if crate::words::caption::app_closed_at(s, *to, l.first) => s.p(
            format!("{t}'s app is closed, so the post office keeps the {en_n} letters ({names}) on its {shelf} until {t} opens the app."),
            format!("{t}的{app}关着，邮局把{zn}封信（{names}）放在{shelf}上，等{t}打开{app}再送。", app = s.zh_app()),
        ),
        ShelfWhy::NotConnected => s.p(
            format!("{t} is not online, so the post office keeps the {en_n} letters ({names}) on its {shelf} until {t} logs in."),
            format!("{t}不在线，邮局把{zn}封信（{names}）放在{shelf}上，等{t}登录再送。"),
        ),
        ShelfWhy::NoAnswer => s.p(
            format!("{t}'s phone has still not signed for the {en_n} letters ({names}), even after they were sent again: the post office puts them back on its {shelf}."),
            format!("重发几次后，{t}的手机还是没有签收这{zn}封信（{names}）：邮局把它们放回{shelf}。"),
        ),
        ShelfWhy::WentOffline => s.p(
            format!("{t} went offline while the {en_n} letters ({names}) were on their way: the post office puts them on its {shelf}."),
            format!("{zn}封信（{names}）还在路上，{t}就下线了：邮局把它们放上{shelf}。"),
        ),
    }
}

/// Copies seen before: signed for again, but not passed on or shown twice.
pub(super) fn duplicate(s: &S, l: &Several) -> String {
    let first = l.first;
    let names = l.names;
    let u = l.u;
    match first.actor {
        Actor::PostOffice => s.p(
            format!("The post office sees the numbers of {names} and knows these letters have come before: it sends receipts again, but does not pass them on again."),
            format!("邮局一看{names}的编号，就知道这些信收过了：再回回执，但不再转发。"),
        ),
        _ => s.p(
            format!("{u}'s phone already has {names}: it signs for them again, but does not show them twice."),
            format!("{u}的手机已经有{names}了：再签收一次，但屏幕上不会重复显示。"),
        ),
    }
}
