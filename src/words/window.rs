//! The window's own labels that name a thing of the story (a heartbeat, a lost
//! frame, the line), in the register on screen: in the story register a
//! heartbeat is the phone's “still here” (“我还在”) and nothing technical is said.

use super::{Register, pick};

mod seal;
use crate::sim::{Dir, FrameClass, FrameKind, Lang, MsgId, World};
pub use seal::{locked_notice, office_card, sealed_size};

/// Under the post office's ring on a phone's line: how long since it heard from
/// the phone (a log-in or a heartbeat), "heard\n3 s ago"; with two or more lines
/// on one side, whose phone it is: "Han Meimei\n3 s ago".
pub fn heard_ago(seconds: u32, whose: Option<&str>, lang: Lang, reg: Register) -> String {
    match (whose, lang, reg) {
        (Some(name), Lang::En, _) => format!("{name}\n{} ago", super::with_unit(seconds, "s")),
        (Some(name), Lang::Zh, _) => format!("{name}\n{}前", super::with_unit(seconds, "秒")),
        (None, Lang::En, _) => format!("heard\n{} ago", super::with_unit(seconds, "s")),
        (None, Lang::Zh, Register::Story) => {
            format!("{}前\n有动静", super::with_unit(seconds, "秒"))
        }
        (None, Lang::Zh, _) => format!("{}前\n有心跳", super::with_unit(seconds, "秒")),
    }
}

/// ✓, on the bubble, on the card that brings it and in the side road's name: the
/// post office has the letter ("sent", as the caption explains it).
pub fn sent(lang: Lang) -> &'static str {
    pick(lang, "sent", "已发出")
}

/// ✓✓: the recipient (every member of a group) has it.
pub fn delivered(lang: Lang) -> &'static str {
    pick(lang, "delivered", "已送达")
}

/// The writer's bubble once every addressee of a one-person letter read it
/// (blue ✓✓, issue 25): "read".
pub fn read(lang: Lang) -> &'static str {
    pick(lang, "read", "已读")
}

/// The writer's bubble of a group letter some addressees read: "read by 2 of 3";
/// every one of them: "read by all 3".
pub fn read_by(by: u32, of: u32, lang: Lang) -> String {
    match (lang, by >= of) {
        (Lang::En, true) => format!("read by all {of}"),
        (Lang::En, false) => format!("read by {by} of {of}"),
        (Lang::Zh, true) => format!("{of}人都已读"),
        (Lang::Zh, false) => format!("{of}人中{by}人已读"),
    }
}

/// [`read_by`] in a chat list's row where it does not fit: "read 2/3".
pub fn read_short(by: u32, of: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("read {by}/{of}"),
        Lang::Zh => format!("已读{by}/{of}"),
    }
}

/// The top of a phone's screen on its chat list (issue 25): "Chats".
pub fn chat_list(lang: Lang) -> &'static str {
    pick(lang, "Chats", "聊天")
}

/// A recall's card on its way (issue 25): "tear it up".
pub fn recall_card(lang: Lang) -> &'static str {
    pick(lang, "recall", "撤回")
}

/// The bubble of a recalled letter, in place of its words: "You recalled a
/// message" on the writer's phone, "Li Lei recalled a message" on the others'.
pub fn recall_notice(writer: Option<&str>, lang: Lang) -> String {
    match writer {
        None => pick(lang, "You recalled a message", "你撤回了一条消息").to_string(),
        Some(name) => pick(
            lang,
            format!("{name} recalled a message"),
            format!("{name}撤回了一条消息"),
        ),
    }
}

/// `order: PostOffice`: a bubble's mark while the phone keeps the letter (its
/// turn has not come, or there is no connection).
pub fn waiting(lang: Lang) -> &'static str {
    pick(lang, "waiting", "等待中")
}

/// `order: PostOffice`: the number the post office gave a letter in its
/// conversation, small above the bubble's words, as the captions write it.
pub fn number(n: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No.{}{n}", super::NO_BREAK),
        Lang::Zh => format!("编号{}{n}", super::NO_BREAK),
    }
}

/// A group letter that some members have, not all (still one tick ✓), as short
/// as a bubble's mark must be: "1 of 2", "2 人中 1 人".
pub fn partly(count: u32, of: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{count} of {of}"),
        Lang::Zh => format!("{of} 人中 {count} 人"),
    }
}

/// The side road's name for it: "✓ 1 of 2 have it".
pub fn partly_heading(count: u32, of: u32, lang: Lang) -> String {
    let w = partly(count, of, lang);
    match lang {
        Lang::En if count == 1 => format!("✓ {w} has it"),
        Lang::En => format!("✓ {w} have it"),
        Lang::Zh => format!("✓ {w}已收到"),
    }
}

/// The thing a fault on a line loses, as the label over the line and the caption
/// that sets the fault both name it.
pub fn fault_noun(class: FrameClass, dir: Dir, lang: Lang, reg: Register) -> &'static str {
    match (class, dir, reg) {
        (FrameClass::Message, _, Register::Engineer) => {
            pick(lang, "message (msg)", "消息包（msg）")
        }
        (FrameClass::Ack, _, Register::Engineer) => pick(lang, "ack", "确认包（ack）"),
        (FrameClass::Heartbeat, Dir::ToServer, Register::Engineer) => {
            pick(lang, "heartbeat", "心跳包")
        }
        (FrameClass::Heartbeat, Dir::ToPhone, Register::Engineer) => {
            pick(lang, "heartbeat reply", "心跳回应包")
        }
        (FrameClass::Any, _, Register::Engineer) => pick(lang, "frame", "数据包"),
        (FrameClass::Parcel, _, Register::Engineer) => pick(lang, "file part", "文件分片"),
        (FrameClass::Parcel, _, _) => pick(lang, "part of a parcel", "包裹的一部分"),
        (FrameClass::Message, _, _) => pick(lang, "letter", "信"),
        (FrameClass::Ack, Dir::ToServer, _) => pick(lang, "confirmation", "签收单"),
        (FrameClass::Ack, Dir::ToPhone, _) => pick(lang, "receipt", "回执"),
        (FrameClass::Heartbeat, Dir::ToServer, Register::Story) => {
            pick(lang, "“still here”", "“我还在”")
        }
        (FrameClass::Heartbeat, Dir::ToServer, _) => pick(lang, "heartbeat", "心跳"),
        (FrameClass::Heartbeat, Dir::ToPhone, Register::Story) => {
            pick(lang, "answer to a “still here”", "对“我还在”的回应")
        }
        (FrameClass::Heartbeat, Dir::ToPhone, _) => {
            pick(lang, "answer to a heartbeat", "心跳的回应")
        }
        (FrameClass::Any, _, _) => pick(lang, "thing", "东西"),
    }
}

/// Said in the window the first time a ring shows on a line: what the ring and the
/// heart on the line are.
pub fn ring_note(lang: Lang, reg: Register) -> &'static str {
    match (reg, lang) {
        (Register::Story, Lang::En) => {
            " The ring by the post office fills while it hears nothing from that phone; a little heart on a line is a “still here”."
        }
        (Register::Story, Lang::Zh) => {
            "邮局旁的圆环：多久没听到那部手机的动静，就满多少；线上的小红心就是一声“我还在”。"
        }
        (_, Lang::En) => {
            " The ring by the post office fills while it hears nothing from that phone; a little heart on a line is a heartbeat."
        }
        (_, Lang::Zh) => {
            "邮局旁的圆环：多久没听到那部手机的动静，就满多少；线上的小红心就是一次心跳。"
        }
    }
}

/// Said in the window when phones have lost their lines (no signal, or dialling
/// again) while the post office counter still counts them as online: one
/// sentence for all of them.
pub fn still_counted(names: &[String], lang: Lang) -> String {
    if names.is_empty() {
        return String::new();
    }
    let who = super::list(names, lang);
    match (lang, names.len()) {
        (Lang::En, 1) => format!(
            " The counter still counts {who} as online: the post office has not noticed yet that the line is down."
        ),
        (Lang::En, _) => format!(
            " The counter still counts {who} as online: the post office has not noticed yet that their lines are down."
        ),
        (Lang::Zh, 1) => format!("柜台上还显示{who}在线：邮局还没发现这条线已经断了。"),
        (Lang::Zh, _) => format!("柜台上还显示{who}在线：邮局还没发现这些线已经断了。"),
    }
}

/// Said in the window when the counter has just written a phone down as online
/// while the phone still says "connecting…".
pub fn login_answer_on_its_way(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            " {name}'s phone still says “connecting…”: the post office's answer to its login is still on its way."
        ),
        Lang::Zh => format!("{name}的手机上还显示“连接中…”：邮局对登录的答复还在路上。"),
    }
}

/// The button that shows or hides the heartbeats on the wires.
pub fn heartbeats_button(shown: bool, lang: Lang, reg: Register) -> &'static str {
    match (reg == Register::Story, shown) {
        (true, true) => pick(lang, "“Still here”: on", "“我还在”：显示"),
        (true, false) => pick(lang, "“Still here”: off", "“我还在”：隐藏"),
        (false, true) => pick(lang, "Heartbeats: on", "心跳：显示"),
        (false, false) => pick(lang, "Heartbeats: off", "心跳：隐藏"),
    }
}

/// The event list's filter for heartbeats.
pub fn heartbeats_filter(lang: Lang, reg: Register) -> &'static str {
    match reg {
        Register::Story => pick(lang, "“still here”", "“我还在”"),
        _ => pick(lang, "heartbeats", "心跳"),
    }
}

/// A fault armed on `name`'s line: "✂ next letter to Han Meimei: lost".
pub fn armed(dir: Dir, class: FrameClass, name: &str, lang: Lang, reg: Register) -> String {
    let what = fault_noun(class, dir, lang, reg);
    match (dir, lang) {
        (Dir::ToServer, Lang::En) => format!("✂ next {what} to the post office: lost"),
        (Dir::ToServer, Lang::Zh) => format!("✂ 下一个发往邮局的{what}：丢失"),
        (Dir::ToPhone, Lang::En) => format!("✂ next {what} to {name}: lost"),
        (Dir::ToPhone, Lang::Zh) => format!("✂ 下一个发往{name}的{what}：丢失"),
    }
}

/// The inspector's heading for a heartbeat on a wire.
pub fn heartbeat_heading(lang: Lang, reg: Register) -> &'static str {
    match reg {
        Register::Story => pick(lang, "A “still here”", "一声“我还在”"),
        _ => pick(lang, "A heartbeat", "一次心跳"),
    }
}

/// The inspector's first line for a heartbeat: (field, value).
pub fn heartbeat_kind(lang: Lang, reg: Register) -> (&'static str, &'static str) {
    match reg {
        Register::Story => (
            pick(lang, "what", "是什么"),
            pick(lang, "the phone says “still here”", "手机报一声“我还在”"),
        ),
        _ => (pick(lang, "packet", "数据包"), "heartbeat"),
    }
}

/// The inspector's field: how many the phone has sent so far.
pub fn heartbeats_so_far(lang: Lang, reg: Register) -> &'static str {
    match reg {
        Register::Story => pick(lang, "said so far", "已报次数"),
        _ => pick(lang, "heartbeats so far", "已发心跳"),
    }
}

/// A letter's number as the inspector shows it: its id (`lilei#1`) for the
/// technical registers, "Li Lei's letter no. 1" / "李雷的第 1 封信" in the story.
pub fn letter_number(world: &World, id: MsgId, lang: Lang, reg: Register) -> String {
    match reg {
        Register::Story => {
            let name = world.name(id.from, lang);
            match lang {
                Lang::En => format!("{name}'s letter no. {}", id.count()),
                Lang::Zh => format!("{name}的第 {}信", super::with_unit(id.count(), "封")),
            }
        }
        _ => world.letter_id(id),
    }
}

/// A packet about a letter as the inspector lists it: its code and how many of
/// that kind so far (`msg:R #2`), or in the story its name ("letter, 2nd").
pub fn packet_line(kind: FrameKind, n: u32, lang: Lang, reg: Register) -> String {
    match reg {
        Register::Story => {
            let noun = super::frame_noun(kind, lang, reg);
            match lang {
                Lang::En => format!("{noun} #{n}"),
                Lang::Zh => format!("{noun} 第 {}", super::with_unit(n, "次")),
            }
        }
        _ => format!("{} #{n}", kind.name()),
    }
}

/// Under a phone's chat while it shows that a friend is typing (`presence`,
/// issue 22): "Li Lei is typing…", as the captions say it, in every register.
pub fn is_typing(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{name} is typing…"),
        Lang::Zh => format!("{name}正在输入…"),
    }
}

/// The push service's names, (story, technical), in English and in Chinese: the
/// captions' (their `Thing::PushService`) and its box's in the picture.
pub const PUSH_SERVICE: [(&str, &str); 2] = [
    ("phone maker's messenger", "push service"),
    ("手机厂商的信使", "推送服务"),
];

/// The push service's names in `lang`: (story, technical).
pub fn push_service(lang: Lang) -> (&'static str, &'static str) {
    PUSH_SERVICE[lang as usize]
}

/// A photo or a voice message in words, as a chat app labels it: "Photo",
/// "Voice 12″"; 图片, 语音 12″ (issue 26).
pub fn parcel_kind(kind: crate::sim::ParcelKind, lang: Lang) -> String {
    use crate::sim::ParcelKind as K;
    match (kind, lang) {
        (K::Photo, Lang::En) => "Photo".into(),
        (K::Photo, Lang::Zh) => "图片".into(),
        (K::Voice { seconds }, Lang::En) => format!("Voice {seconds}″"),
        (K::Voice { seconds }, Lang::Zh) => format!("语音 {seconds}″"),
    }
}

/// A letter's quoted words with its photo or voice message: "“The kite” with a
/// photo"; “风筝”（附图片）.
pub fn with_parcel(words: &str, kind: crate::sim::ParcelKind, lang: Lang) -> String {
    use crate::sim::ParcelKind as K;
    match (kind, lang) {
        (K::Photo, Lang::En) => format!("{words} with a photo"),
        (K::Voice { seconds }, Lang::En) => format!("{words} with a voice message ({seconds}″)"),
        (K::Photo, Lang::Zh) => format!("{words}（附图片）"),
        (K::Voice { seconds }, Lang::Zh) => format!("{words}（附语音 {seconds}″）"),
    }
}

/// A sealed letter's envelope where the post office has it (issue 28): a
/// lock and how big it is, never its words.
pub fn sealed_envelope(bytes: u32) -> crate::sim::Text {
    crate::sim::Text::new(format!("🔒 {bytes} bytes"), format!("🔒 {bytes} 字节"))
}

/// A bubble of a sealed letter its device cannot open (issue 28).
pub fn locked_bubble() -> crate::sim::Text {
    crate::sim::Text::new(
        "🔒 A letter this device cannot open",
        "🔒 这台设备打不开的信",
    )
}

/// What a lock screen's notification of a letter says of its words: the words,
/// or, for a letter with a photo or a voice message, "[Photo]" / "[图片]",
/// "[Voice] 12″" / "[语音] 12″" (WeChat's way: never the label).
pub fn notice_words(m: &crate::sim::Envelope, lang: Lang) -> String {
    use crate::sim::ParcelKind as K;
    match (m.parcel.as_deref().map(|p| p.parcel.kind), lang) {
        (None, _) => match m.text() {
            Some(t) => t.get(lang).to_string(),
            None => locked_notice(lang).to_string(),
        },
        (Some(K::Photo), Lang::En) => "[Photo]".into(),
        (Some(K::Photo), Lang::Zh) => "[图片]".into(),
        (Some(K::Voice { seconds }), Lang::En) => format!("[Voice] {seconds}″"),
        (Some(K::Voice { seconds }), Lang::Zh) => format!("[语音] {seconds}″"),
    }
}

/// Under a bubble's photo or voice message: where it stands, as the window
/// writes it (issue 26): "sending 2/5", "paused 2/5", "3/5", "expired"; nothing
/// once it is whole (the photo shows) or in the store (sent).
pub fn parcel_state(look: &crate::sim::view::ParcelLook, lang: Lang) -> String {
    use crate::sim::view::ParcelState as P;
    let (have, of) = (look.have, look.parts);
    match (look.state, lang) {
        (P::Uploading, Lang::En) => format!("sending {have}/{of}"),
        (P::Uploading, Lang::Zh) => format!("上传中 {have}/{of}"),
        (P::Paused, Lang::En) => format!("paused {have}/{of}"),
        (P::Paused, Lang::Zh) => format!("已暂停 {have}/{of}"),
        (P::Waiting, Lang::En) => format!("waiting {have}/{of}"),
        (P::Waiting, Lang::Zh) => format!("等待中 {have}/{of}"),
        (P::Downloading, _) => format!("{have}/{of}"),
        (P::Expired, Lang::En) => "expired".into(),
        (P::Expired, Lang::Zh) => "已过期".into(),
        (P::InStore | P::Whole, _) => String::new(),
    }
}

/// A notification as the lock screen shows it, and as the caption of the beat
/// that lights it quotes it: the sender's name and the letter's `words`, the name
/// only, or nothing but "New message" (`shows`, the scene's `notifications:`).
pub fn notice(from: &str, words: &str, shows: crate::sim::Notifications, lang: Lang) -> String {
    use crate::sim::Notifications as N;
    match (shows, lang) {
        (N::Words | N::Off, Lang::En) => format!("{from}: {words}"),
        (N::Words | N::Off, Lang::Zh) => format!("{from}：{words}"),
        (N::NameOnly, Lang::En) => format!("{from}: new message"),
        (N::NameOnly, Lang::Zh) => format!("{from}：发来一条新消息"),
        (N::Hidden, Lang::En) => "New message".into(),
        (N::Hidden, Lang::Zh) => "你有一条新消息".into(),
    }
}

/// The parcel store's count in the picture (issue 26): the parcels it keeps
/// now (an expired one is no longer kept): "2 parcels", "2 个包裹".
pub fn parcels(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::En) => super::with_unit(1, "parcel"),
        (n, Lang::En) => super::with_unit(n, "parcels"),
        (n, Lang::Zh) => super::with_unit(n, "个包裹"),
    }
}

/// A parcel in the parcel store's list, in the picture (issue 26): while its
/// parts come in, how many it holds ("3/5 parts", "已收 3/5 份"); once whole,
/// "stored whole", or how many phones fetched it from its one copy
/// ("fetched by 3", "3 人取走").
pub fn store_line(held: u32, parts: u32, whole: bool, fetched: usize, lang: Lang) -> String {
    match (whole, fetched, lang) {
        (false, _, Lang::En) => format!("{held}/{parts} parts"),
        (false, _, Lang::Zh) => format!("已收 {held}/{parts} 份"),
        (true, 0, Lang::En) => "stored whole".into(),
        (true, 0, Lang::Zh) => "已存齐".into(),
        (true, n, Lang::En) => format!("fetched by {n}"),
        (true, n, Lang::Zh) => format!("{n} 人取走"),
    }
}

/// A parcel the parcel store threw out (issue 26): "expired", "已过期".
pub fn expired(lang: Lang) -> String {
    pick(lang, "expired", "已过期").into()
}

/// Over the parcel store's list: the parcels left out of it.
pub fn parcels_more(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("+{n} more"),
        Lang::Zh => format!("还有 {n} 个"),
    }
}

/// The parcel store's names in the picture (issue 26): (story, technical), as
/// the captions say them.
pub fn store_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Parcel store", "file server"),
        Lang::Zh => ("包裹仓库", "文件服务器"),
    }
}
