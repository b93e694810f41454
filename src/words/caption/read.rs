//! Issue 25's sentences: a chat opened or closed, a letter read, and the note
//! back ("she has read it") on its way to the writer, whose bubble says so.

use super::*;
use crate::sim::ReadReceipts;

/// The user opens a chat, or goes back to the chat list.
pub(super) fn chat(s: &S, u: &str, chat: Dest, opened: bool) -> String {
    let (en_chat, zh_chat) = match chat {
        Dest::User(x) => {
            let x = s.name(x);
            (format!("the chat with {x}"), format!("和{x}的聊天"))
        }
        Dest::Group(_) => {
            let g = s.group(chat);
            (format!("the chat of {g}"), format!("{g}的群聊"))
        }
    };
    match (opened, s.eng()) {
        (true, true) => s.p(
            format!("{u} opens {en_chat}: that conversation is in the foreground of the client."),
            format!("{u}打开了{zh_chat}：客户端前台显示这个会话。"),
        ),
        (true, false) => s.p(
            format!("{u} taps {en_chat} in the chat list: it fills the screen."),
            format!("{u}在聊天列表里点开了{zh_chat}。"),
        ),
        (false, true) => s.p(
            format!("{u} leaves {en_chat}: the client shows the conversation list."),
            format!("{u}退出了{zh_chat}：客户端回到会话列表。"),
        ),
        (false, false) => s.p(
            format!("{u} goes back from {en_chat} to the chat list."),
            format!("{u}从{zh_chat}退回到聊天列表。"),
        ),
    }
}

/// Why no note goes back, in this scene's setting.
fn why_silent(s: &S, reader_is: UserIdx, writer_is: UserIdx) -> String {
    let (reader, writer) = (s.name(reader_is), s.name(writer_is));
    let off = |u| s.ctx.world.receipts_off(u);
    match s.ctx.settings.read_receipts {
        ReadReceipts::Off => s.p(
            "No note goes back: in this app nobody learns whether a letter was read (as in WeChat).".into(),
            format!("没有回条：这个应用里谁也不会知道信读了没有（微信就是这样），{writer}无从得知。"),
        ),
        ReadReceipts::Mutual => {
            let who = match (off(reader_is), off(writer_is)) {
                (true, true) => s.p(
                    format!("{reader} and {writer} both switched it off"),
                    format!("{reader}和{writer}都把它关了"),
                ),
                (false, true) => s.p(
                    format!("{writer} switched it off"),
                    format!("{writer}把它关了"),
                ),
                _ => s.p(
                    format!("{reader} switched it off"),
                    format!("{reader}把它关了"),
                ),
            };
            s.p(
                format!("No note goes back: between two people it goes only if both have “read” on, and {who}."),
                format!("没有回条：两个人之间，只有双方都开着“已读”才回条；{who}。"),
            )
        }
        ReadReceipts::Reader | ReadReceipts::On => s.p(
            format!("No note goes back: {reader} switched “read” off."),
            format!("没有回条：{reader}把“已读”关掉了。"),
        ),
    }
}

/// The reader's phone shows the letter in its open chat: read.
pub(super) fn read(s: &S, l: &AboutLetter, sends: bool) -> String {
    let (m, u, a, q, id) = (l.m, &l.u, &l.a, &l.q, &l.id);
    if s.eng() {
        return match sends {
            true => s.p(
                format!("{id} is on {u}'s screen in the open conversation: the client marks it read and sends read to the server."),
                format!("{id} 显示在{u}打开的会话里：客户端标记为已读，并向服务器发送 read。"),
            ),
            false => s.p(
                format!("{id} is on {u}'s screen in the open conversation: the client marks it read; read_receipts lets it send nothing."),
                format!("{id} 显示在{u}打开的会话里：客户端标记为已读；按 read_receipts 的设置，不发 read。"),
            ),
        };
    }
    let seen = s.p(
        format!("{u} reads {a}'s letter{q}: it is on the screen, in its open chat."),
        format!("{u}看到了{a}的{}：它就在打开的聊天里。", s.zl(m)),
    );
    let then = match sends {
        true => s.p(
            format!("{u}'s phone sends the post office a note back: “I have read it”."),
            format!("{u}的手机给邮局回了一张条子：“我已读”。"),
        ),
        false => why_silent(
            s,
            phone_of(l.e).map_or(l.m.from(), |d| s.ctx.world.owner(d)),
            l.m.from(),
        ),
    };
    s.p(format!("{seen} {then}"), format!("{seen}{then}"))
}

/// The post office hears that `by` read the letter, and passes it on.
pub(super) fn passed(s: &S, l: &AboutLetter, by: UserIdx, told: bool) -> String {
    let (m, a, q, id) = (l.m, &l.a, &l.q, &l.id);
    let x = s.name(by);
    match (s.eng(), told) {
        (true, true) => s.p(
            format!("{x}'s read for {id} reaches the server: it answers read:A and sends read:N to {a}."),
            format!("收到{x}的 read（{id}）：服务器回 read:A，并给{a}发 read:N。"),
        ),
        (true, false) => s.p(
            format!("{x}'s read for {id} reaches the server: it answers read:A; {a} is offline, so it keeps read:N for later."),
            format!("收到{x}的 read（{id}）：服务器回 read:A；{a}不在线，read:N 先记下。"),
        ),
        (false, true) => s.p(
            format!("The post office gets {x}'s note that the letter{q} was read, and passes it on to {a}."),
            format!("邮局收到{x}的“已读”条子（{}），马上转告{a}。", s.zl(m)),
        ),
        (false, false) => s.p(
            format!("The post office gets {x}'s note that the letter{q} was read. {a} is not online, so it keeps the note until {a} is back."),
            format!("邮局收到{x}的“已读”条子（{}）。{a}现在不在线，邮局先记下，等{a}上线再转告。", s.zl(m)),
        ),
    }
}

/// The writer's bubble says who read it: blue ticks, or "read by 2 of 3".
pub(super) fn shown(s: &S, l: &AboutLetter, by: UserIdx, count: u32, of: u32) -> String {
    let (m, a, q, id) = (l.m, &l.a, &l.q, &l.id);
    let x = s.name(by);
    if s.eng() {
        return s.p(
            format!("read:N for {id} reaches {a}'s phone: read by {x} ({count} of {of}); it answers read:C."),
            format!("{id} 的 read:N 到了{a}的手机：{x}已读（{of}人中{count}人）；回 read:C。"),
        );
    }
    if matches!(m.to, Dest::Group(_)) {
        let g = s.group(m.to);
        return s.p(
            format!("{a}'s phone learns that {x} has read the letter{q}: under it, “read by {count} of {of}” in {g}."),
            format!("{a}的手机得知{x}已读{}：气泡下显示“{of}人中{count}人已读”。", s.zl(m)),
        );
    }
    s.p(
        format!(
            "{a}'s phone learns that {x} has read the letter{q}: its two ticks turn blue (read)."
        ),
        format!(
            "{a}的手机得知{x}已读{}：两个对勾变成蓝色（已读）。",
            s.zl(m)
        ),
    )
}
