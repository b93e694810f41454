//! The sentences for a person's several devices (issue 27): a copy of her own
//! letter for her other devices, a new device's empty home mailbox, the
//! archive sent to a new device (`keeps_history: true`), and chats moved from
//! one of her devices to another.

use super::*;

/// The post office sends a copy of a letter to another device of its writer.
pub(super) fn own_copy(s: &S, l: &AboutLetter, to: DeviceIdx) -> String {
    let (a, q, id) = (&l.a, &l.q, &l.id);
    let d = s.dev(to);
    if s.eng() {
        return s.p(
            format!("Multi-device sync: the server also sends {id} to {d} (msg:N), so that {a}'s devices agree."),
            format!("多端同步：服务器把 {id} 也发给{d}（msg:N），让{a}的各个设备一致。"),
        );
    }
    let sorting = s.t(Thing::Sorting);
    s.p(
        format!("The {sorting} copies {a}'s letter{q} for {d} too, so that all {a}'s devices show the same chat, with it on the writer's side."),
        format!("{sorting}把{a}写的{}也抄一份给{d}，好让{a}的每台设备显示一样的聊天；在那边它也排在{a}自己这一侧。", s.zl(l.m)),
    )
}

/// A device logs in for the first time; the post office keeps no history for
/// it.
pub(super) fn new_device_empty(s: &S, d: DeviceIdx) -> String {
    let d = s.dev(d);
    if s.eng() {
        return s.p(
            format!("{d} logs in for the first time: the server syncs no history to a new device, so its local database starts empty; from now on every new message is delivered to it too."),
            format!("{d}第一次登录：服务器不给新设备同步历史消息，它的本地数据库一开始是空的；从现在起，每条新消息也会发给它。"),
        );
    }
    let (mailbox, archive) = (s.t(Thing::Mailbox), s.t(Thing::Archive));
    s.p(
        format!("{d} logs in for the first time. Its {mailbox} is empty: this post office gives a new device no old letters from its {archive}, only the new ones from now on."),
        format!("{d}第一次登录。它的{mailbox}是空的：这家邮局不把{archive}里的旧信交给新设备，只送从现在起的新信。"),
    )
}

/// `keeps_history: true`: the post office sends a new device the conversation
/// from its archive.
pub(super) fn history_sent(s: &S, to: DeviceIdx, count: u32) -> String {
    let d = s.dev(to);
    let n = letters(s, count);
    // Issue 28: the archive's letters are sealed, and stay so.
    let sealed = s.ctx.settings.sealed && count > 0;
    if s.eng() {
        let cipher = match sealed {
            true => s.p(
                " (ciphertext: the server cannot decrypt it)".into(),
                "（都是密文：服务器解不开）".into(),
            ),
            false => String::new(),
        };
        return s.p(
            format!("{d} logs in for the first time: the server syncs its history (roaming), {n} from the server database{cipher}, in one hist:N."),
            format!("{d}第一次登录：服务器同步历史消息（漫游），从服务端数据库取出 {n}{cipher}，用一个 hist:N 发过去。"),
        );
    }
    let archive = s.t(Thing::Archive);
    let them = match (count, sealed) {
        (1, false) => "sends it down.",
        (1, true) => "sends it down, still sealed.",
        (_, false) => "sends them down together.",
        (_, true) => "sends them down together, still sealed.",
    };
    let still = match sealed {
        true => "信还封着。",
        false => "",
    };
    s.p(
        format!("{d} logs in for the first time. This post office keeps history: it copies {n} of the conversation from its {archive} and {them}"),
        format!("{d}第一次登录。这家邮局帮人保管聊天记录：它从{archive}里抄出 {n}，{together}送给{d}。{still}", together = if count == 1 { "" } else { "一起" }),
    )
}

/// The post office sends the archive's letters again: no answer came.
pub(super) fn history_again(s: &S, to: DeviceIdx, attempt: u32) -> String {
    let d = s.dev(to);
    match s.eng() {
        true => s.p(
            format!(
                "No hist:A from {d}: the server resends the history ({}).",
                s.again(attempt)
            ),
            format!(
                "没收到{d}的 hist:A：服务器重发历史消息（{}）。",
                s.again(attempt)
            ),
        ),
        false => s.p(
            format!(
                "{d} has not said it got the old letters: the post office sends them again ({}).",
                s.again(attempt)
            ),
            format!("{d}没说收到了旧信：邮局再送一次（{}）。", s.again(attempt)),
        ),
    }
}

/// A device stored the archive's letters it was sent.
pub(super) fn history_stored(s: &S, u: &str, count: u32) -> String {
    let n = letters(s, count);
    let them = match count {
        1 => "it",
        _ => "them",
    };
    if s.eng() {
        return s.p(
            format!("{u} stores {n} of history in its local database and shows {them} (its owner's own on the owner's side); answers hist:A."),
            format!("{u}把历史消息（{n}）存进本地数据库并显示出来（主人自己写的排在主人这一侧）；回复 hist:A。"),
        );
    }
    let mailbox = s.t(Thing::Mailbox);
    s.p(
        format!("{u} puts {n} from the post office's archive into its {mailbox} and shows {them}, its owner's own on the owner's side."),
        format!("{u}把邮局档案室里来的 {n}放进{mailbox}并显示出来，主人自己写的排在主人这一侧。"),
    )
}

/// `MoveChats`: a device copies another device's home mailbox, nearby.
pub(super) fn chats_moved(s: &S, u: &str, from: DeviceIdx, count: u32) -> String {
    let from = s.dev(from);
    let n = letters(s, count);
    // Issue 28: the words of letters it held sealed come over too, opened.
    let sealed = s.ctx.settings.sealed;
    if s.eng() {
        let or = match sealed {
            true => s.p(" or could not decrypt".into(), "（或原来解不开的）".into()),
            false => String::new(),
        };
        return s.p(
            format!("Chat migration: {u} copies {from}'s local database over the local network, without the server: {n} it did not have{or}."),
            format!("聊天记录迁移：{u}通过局域网复制{from}的本地数据库，不经过服务器：新增 {n}{or}。"),
        );
    }
    let mailbox = s.t(Thing::Mailbox);
    let or = match sealed {
        true => s.p(", or could not open".into(), "（或原来打不开的）".into()),
        false => String::new(),
    };
    s.p(
        format!("Side by side with {from}, {u} copies its {mailbox} straight over, without the post office: {n} it did not have yet{or}."),
        format!("{u}挨着{from}，直接把它的{mailbox}抄过来，不经过邮局：新增 {n}{or}。"),
    )
}

/// "3 letters" / "3 封信".
fn letters(s: &S, count: u32) -> String {
    match (s.lang, count) {
        (Lang::En, 1) => "1 letter".to_string(),
        (Lang::En, n) => format!("{n} letters"),
        (Lang::Zh, n) => format!("{}信", super::super::with_unit(n, "封")),
    }
}
