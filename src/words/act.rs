//! What the window says about a class's own action: the action in words ("Han
//! Meimei logs out"), taken back ("Taken back: Han Meimei logs out."), or refused
//! ("Not added: a letter needs some words."), in the language and register on
//! screen. Never the scene file's syntax (`Logout("hanmeimei")`) nor an id: a
//! person's name, a group's name, a letter's words.

use super::{Register, pick, quote};
use crate::lesson::Refused;
use crate::lesson::apps::Blocked;
use crate::scenario::action::Part;
use crate::scenario::{MAX_SCRIPT, MAX_TEXT_CHARS};
use crate::sim::{
    Action, Dest, DeviceIdx, Dir, FrameClass, GroupIdx, Lang, OwnLetter, Presence, RegisterChange,
    Secs, Text, UserIdx, World,
};

/// An action in words, as a clause: "Li Lei writes “Hi” to Han Meimei".
pub fn action(a: &Action, world: &World, lang: Lang, reg: Register) -> String {
    let name = |u| world.name(u, lang).to_string();
    let dev = |d| world.device_name(d, lang).to_string();
    let phone = |d| world.phone_name(d, lang);
    let eng = reg == Register::Engineer;
    let line = pick(
        lang,
        if eng { "long connection" } else { "line" },
        if eng { "长连接" } else { "专线" },
    );
    match a {
        Action::Login(u) => pick(
            lang,
            format!("{} logs in", dev(*u)),
            format!("{}登录", dev(*u)),
        ),
        Action::Logout(u) => pick(
            lang,
            format!("{} logs out", dev(*u)),
            format!("{}退出登录", dev(*u)),
        ),
        Action::CloseApp(u) => pick(
            lang,
            format!("{} closes the app (the phone stays on)", dev(*u)),
            format!("{}关掉应用（手机还开着）", dev(*u)),
        ),
        Action::OpenApp(u) => pick(
            lang,
            format!("{} opens the app again", dev(*u)),
            format!("{}重新打开应用", dev(*u)),
        ),
        Action::OpenChat(u, chat) => open_chat(world, *u, *chat, lang),
        Action::CloseChat(u) => pick(
            lang,
            format!("{} goes back to the chat list", dev(*u)),
            format!("{}退回聊天列表", dev(*u)),
        ),
        Action::Send {
            from,
            to,
            text,
            parcel,
        } => writes(world, *from, *to, text, *parcel, lang),
        Action::LinkDown(u) => pick(
            lang,
            format!("{} loses its signal", phone(*u)),
            format!("{}没信号了", phone(*u)),
        ),
        Action::LinkUp(u) => pick(
            lang,
            format!("{} has a signal again", phone(*u)),
            format!("{}又有信号了", phone(*u)),
        ),
        Action::SetLoss { user, loss } if *loss <= 0.0 => pick(
            lang,
            format!("{}'s {line} works well again", dev(*user)),
            format!("{}的{line}又好了", dev(*user)),
        ),
        Action::SetLoss { user, loss } => {
            let pct = (loss * 100.0).round();
            pick(
                lang,
                format!(
                    "{pct}% of everything on {}'s {line} gets lost on the way",
                    dev(*user)
                ),
                format!("{}的{line}上有 {pct}% 的东西会在半路丢掉", dev(*user)),
            )
        }
        Action::Drop { user, toward, what } => {
            let what = match (what, reg) {
                (FrameClass::Message, _) => pick(lang, "letter", "信"),
                (FrameClass::Ack, _) => pick(lang, "receipt", "回执"),
                (FrameClass::Heartbeat, Register::Story) => pick(lang, "“still here”", "“我还在”"),
                (FrameClass::Heartbeat, _) => pick(lang, "heartbeat", "心跳"),
                (FrameClass::Parcel, _) => pick(lang, "part of a parcel", "包裹的一部分"),
                (FrameClass::Any, _) => pick(lang, "thing sent", "东西"),
            };
            let u = phone(*user);
            match toward {
                Dir::ToServer => pick(
                    lang,
                    format!("the next {what} from {u} to the post office gets lost"),
                    format!("下一个从{u}发往邮局的{what}会丢失"),
                ),
                Dir::ToPhone => pick(
                    lang,
                    format!("the next {what} from the post office to {u} gets lost"),
                    format!("下一个从邮局发往{u}的{what}会丢失"),
                ),
            }
        }
        Action::Register(change, a, b) => {
            let (a, b) = (name(*a), name(*b));
            match change {
                RegisterChange::Befriend => pick(
                    lang,
                    format!("{a} and {b} become friends"),
                    format!("{a}和{b}成了好友"),
                ),
                RegisterChange::Unfriend => pick(
                    lang,
                    format!("{a} removes {b} from their friends"),
                    format!("{a}删除了好友{b}"),
                ),
                RegisterChange::Block => {
                    pick(lang, format!("{a} blocks {b}"), format!("{a}把{b}拉黑了"))
                }
                RegisterChange::Unblock => pick(
                    lang,
                    format!("{a} unblocks {b}"),
                    format!("{a}把{b}移出了黑名单"),
                ),
            }
        }
        Action::ServerDown if eng => pick(lang, "the server goes down", "服务器停机").to_string(),
        Action::ServerDown => pick(lang, "the post office closes", "邮局关门").to_string(),
        Action::ServerUp if eng => pick(lang, "the server comes back up", "服务器恢复").to_string(),
        Action::ServerUp => pick(lang, "the post office opens again", "邮局重新开门").to_string(),
        Action::SetPresence(p) => presence(*p, lang, reg),
        Action::Typing { from, to, on } => {
            let (a, b) = (dev(*from), name(*to));
            match on {
                true => pick(
                    lang,
                    format!("{a} starts typing to {b}"),
                    format!("{a}开始给{b}打字"),
                ),
                false => pick(
                    lang,
                    format!("{a} stops typing to {b}"),
                    format!("{a}不再给{b}打字"),
                ),
            }
        }
        Action::Resend(l) => resend(l, world, lang),
        Action::Recall(l) => recall(l, world, lang),
        Action::Membership { user, group, join } => membership(*user, *group, *join, world, lang),
        Action::MoveChats { from, to } => pick(
            lang,
            format!(
                "{} copies every chat over from {}, nearby",
                dev(*to),
                dev(*from)
            ),
            format!("{}就近从{}把聊天记录全部迁移过来", dev(*to), dev(*from)),
        ),
    }
}

/// A tap on ❗, as a clause: "Li Lei taps ❗ beside “Hi” to send it again".
fn resend(l: &OwnLetter, world: &World, lang: Lang) -> String {
    let (who, words) = (
        world.device_name(l.from, lang),
        quote(l.text.get(lang), lang),
    );
    pick(
        lang,
        format!("{who} taps the red ❗ beside {words} to send it again"),
        format!("{who}点了{words}旁边的红色感叹号，再发一次"),
    )
}

/// A tap on "Recall", as a clause: "Li Lei takes back “Hi”".
fn recall(l: &OwnLetter, world: &World, lang: Lang) -> String {
    let (who, words) = (
        world.device_name(l.from, lang),
        quote(l.text.get(lang), lang),
    );
    pick(
        lang,
        format!("{who} takes {words} back (recalls it)"),
        format!("{who}点了{words}的“撤回”，想把它收回来"),
    )
}

/// A join or a leave, as a clause: "Lucy joins the group Class 1".
fn membership(u: UserIdx, g: GroupIdx, join: bool, world: &World, lang: Lang) -> String {
    let (who, group) = (world.name(u, lang), world.group(g).name.get(lang));
    match join {
        true => pick(
            lang,
            format!("{who} joins the group {group}"),
            format!("{who}加入了{group}"),
        ),
        false => pick(
            lang,
            format!("{who} leaves the group {group}"),
            format!("{who}退出了{group}"),
        ),
    }
}

/// How friends see each other's online dot, as a clause.
fn presence(p: Presence, lang: Lang, reg: Register) -> String {
    let eng = reg == Register::Engineer;
    match p {
        Presence::Off if eng => pick(lang, "presence is switched off", "在线状态关闭").to_string(),
        Presence::Off => pick(
            lang,
            "friends' online dots are switched off",
            "好友的在线小圆点关掉了",
        )
        .to_string(),
        Presence::Push if eng => pick(
            lang,
            "presence is pushed: the server tells friends at each login and logout",
            "在线状态改为推送：每次上线、下线，服务器都通知好友",
        )
        .to_string(),
        Presence::Push => pick(
            lang,
            "the post office tells friends whenever someone comes online or goes offline",
            "每当有人上线或下线，邮局就告诉他的好友",
        )
        .to_string(),
        Presence::Pull { every_ms } => {
            let secs = Secs(every_ms);
            if eng {
                pick(
                    lang,
                    format!("presence is pulled: each phone polls the server every {secs}"),
                    format!("在线状态改为拉取：每部手机每 {secs} 向服务器查询一次"),
                )
            } else {
                pick(
                    lang,
                    format!(
                        "each phone asks the post office every {secs} which friends are online"
                    ),
                    format!("每部手机每 {secs} 问一次邮局：哪些好友在线"),
                )
            }
        }
    }
}

/// A phone's long connection as the menus name it: "long connection", or in the
/// story register "line".
fn connection(lang: Lang, reg: Register) -> &'static str {
    match reg {
        Register::Story => pick(lang, "line", "专线"),
        Register::Both | Register::Engineer => pick(lang, "long connection", "长连接"),
    }
}

/// A part of the picture, as the menu's title and the panel's list name it:
/// "Li Lei's long connection", "Li Lei's phone", "Post office".
pub fn part(p: Part, world: &World, lang: Lang, reg: Register) -> String {
    match p {
        Part::Link(u) => {
            let (who, line) = (world.device_name(u, lang), connection(lang, reg));
            pick(lang, format!("{who}'s {line}"), format!("{who}的{line}"))
        }
        Part::Phone(u) => world.phone_name(u, lang),
        Part::Office => pick(lang, "Post office", "邮局").to_string(),
    }
}

/// `OpenChat` as a clause: "Han Meimei opens the chat with Li Lei".
fn open_chat(world: &World, u: DeviceIdx, chat: Dest, lang: Lang) -> String {
    let who = world.device_name(u, lang);
    match chat {
        Dest::User(x) => {
            let x = world.name(x, lang);
            pick(
                lang,
                format!("{who} opens the chat with {x}"),
                format!("{who}点开和{x}的聊天"),
            )
        }
        Dest::Group(g) => {
            let group = world.group(g).name.get(lang);
            pick(
                lang,
                format!("{who} opens the chat of the group {group}"),
                format!("{who}点开{group}的群聊"),
            )
        }
    }
}

/// Beside the menu's person picker: the other person of a block or a friendship.
pub fn with(lang: Lang) -> &'static str {
    pick(lang, "With", "对象")
}

/// A letter written, in words: "Li Lei writes “Hi” to Han Meimei" (with its
/// photo or voice message, "“The kite” with a photo").
fn writes(
    world: &World,
    from: DeviceIdx,
    to: Dest,
    text: &crate::sim::Text,
    parcel: Option<crate::sim::Parcel>,
    lang: Lang,
) -> String {
    let name = |u| world.name(u, lang).to_string();
    let device = from;
    let from = world.owner(from);
    let words = quote(text.get(lang), lang);
    let words = match parcel {
        Some(p) => super::window::with_parcel(&words, p.kind, lang),
        None => words,
    };
    let said = match to {
        Dest::User(to) => pick(
            lang,
            format!("{} writes {words} to {}", name(from), name(to)),
            format!("{}给{}写了{words}", name(from), name(to)),
        ),
        Dest::Group(g) => {
            let group = world.group(g).name.get(lang);
            pick(
                lang,
                format!("{} writes {words} to the group {group}", name(from)),
                format!("{}在{group}里写了{words}", name(from)),
            )
        }
    };
    // Someone with several devices (issue 27): which one wrote it.
    if !world.has_other_devices(from) {
        return said;
    }
    let on = world.device_name(device, lang);
    pick(
        lang,
        format!("{said} (on {on})"),
        format!("{said}（在{on}上）"),
    )
}

/// An action as the class's menu offers it, a command: "Cut Li Lei's long
/// connection (a tunnel)", "Lose the next receipt going to the post office".
pub fn offer(a: &Action, world: &World, lang: Lang, reg: Register) -> String {
    let name = |u| world.name(u, lang).to_string();
    let dev = |d| world.device_name(d, lang).to_string();
    let phone = |d| world.phone_name(d, lang);
    match a {
        Action::LinkDown(u) => {
            let (who, line) = (dev(*u), connection(lang, reg));
            pick(
                lang,
                format!("Cut {who}'s {line} (a tunnel)"),
                format!("切断{who}的{line}（进了隧道）"),
            )
        }
        Action::LinkUp(u) => pick(
            lang,
            format!("Give {} its signal back", phone(*u)),
            format!("让{}恢复信号", phone(*u)),
        ),
        Action::Drop { user, toward, what } => {
            let (en, zh) = match (what, reg) {
                (FrameClass::Message, _) => ("letter", "信"),
                (FrameClass::Ack, _) => ("receipt", "回执"),
                (FrameClass::Heartbeat, Register::Story) => ("“still here”", "“我还在”"),
                (FrameClass::Heartbeat, _) => ("heartbeat", "心跳"),
                (FrameClass::Parcel, _) => ("part of a parcel", "包裹的一部分"),
                (FrameClass::Any, _) => ("thing sent", "东西"),
            };
            let who = phone(*user);
            let (to_en, to_zh) = match toward {
                Dir::ToServer => ("to the post office".to_string(), "发往邮局".to_string()),
                Dir::ToPhone => (format!("to {who}"), format!("发往{who}")),
            };
            pick(
                lang,
                format!("Lose the next {en} going {to_en}"),
                format!("让下一封{to_zh}的{zh}在路上丢失"),
            )
        }
        Action::ServerDown => pick(lang, "Close the post office", "邮局关门").to_string(),
        Action::ServerUp => pick(lang, "Open the post office again", "邮局重新开门").to_string(),
        Action::Login(u) => pick(
            lang,
            format!("{} opens the app (logs in)", dev(*u)),
            format!("{}打开应用（登录）", dev(*u)),
        ),
        Action::Logout(u) => pick(
            lang,
            format!("{} closes the app (logs out)", dev(*u)),
            format!("{}退出应用（下线）", dev(*u)),
        ),
        Action::CloseApp(u) => pick(
            lang,
            format!("{} closes the app, staying logged in", dev(*u)),
            format!("{}关掉应用，但不退出登录", dev(*u)),
        ),
        Action::OpenApp(u) => pick(
            lang,
            format!("{} opens the closed app", dev(*u)),
            format!("{}打开关着的应用", dev(*u)),
        ),
        Action::OpenChat(_, Dest::User(x)) => pick(
            lang,
            format!("Open the chat with {}", name(*x)),
            format!("点开和{}的聊天", name(*x)),
        ),
        Action::OpenChat(_, Dest::Group(g)) => {
            let group = world.group(*g).name.get(lang);
            pick(lang, format!("Open {group}"), format!("点开{group}"))
        }
        Action::CloseChat(_) => pick(lang, "Back to the chat list", "退回聊天列表").to_string(),
        Action::Register(change, a, b) => {
            let (a, b) = (name(*a), name(*b));
            match change {
                RegisterChange::Block => {
                    pick(lang, format!("{a} blocks {b}"), format!("{a}把{b}拉黑"))
                }
                RegisterChange::Unblock => pick(
                    lang,
                    format!("{a} unblocks {b}"),
                    format!("{a}把{b}移出黑名单"),
                ),
                RegisterChange::Befriend => pick(
                    lang,
                    format!("{a} and {b} become friends"),
                    format!("{a}和{b}成为好友"),
                ),
                RegisterChange::Unfriend => pick(
                    lang,
                    format!("{a} and {b} stop being friends"),
                    format!("{a}和{b}不再是好友"),
                ),
            }
        }
        // Not offered by the menu (the panel types letters): said as they happen.
        Action::Send { .. }
        | Action::SetLoss { .. }
        | Action::SetPresence(_)
        | Action::Typing { .. }
        | Action::Resend(_)
        | Action::Recall(_)
        | Action::Membership { .. } => action(a, world, lang, reg),
        Action::MoveChats { from, to } => {
            let (from, to) = (dev(*from), dev(*to));
            match reg {
                Register::Story => pick(
                    lang,
                    format!(
                        "Move the chats over from {from} to {to} (side by side, without the post office)"
                    ),
                    format!("把聊天从{from}搬到{to}（两台放在一起，不经过邮局）"),
                ),
                Register::Both => pick(
                    lang,
                    format!(
                        "Move the chats over from {from} to {to} (chat migration: side by side, without the post office)"
                    ),
                    format!("把聊天从{from}搬到{to}（聊天记录迁移：两台放在一起，不经过邮局）"),
                ),
                Register::Engineer => pick(
                    lang,
                    format!("Chat migration from {from} to {to} (device to device, no server)"),
                    format!("聊天记录迁移：{from} → {to}（设备直连，不经过服务器）"),
                ),
            }
        }
    }
}

/// A choice of the menu a click on a ❗ bubble opens (a letter its writer's phone
/// gave up on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BubbleChoice {
    /// Open the inspector on it, as a click on any other bubble does.
    LookInside,
    /// Tap ❗: the same letter goes again (a `Resend`).
    SendAgain,
    /// Take a letter the post office has back (撤回, a `Recall`).
    Recall,
}

/// The title of the menu of the writer's own bubble that can be recalled: its
/// words and its marks, "“Meet at 8” (✓✓)".
pub fn own_bubble(words: &Text, lang: Lang) -> String {
    let words = quote(words.get(lang), lang);
    pick(
        lang,
        format!("Your letter {words}"),
        format!("你的信{words}"),
    )
}

/// The ❗ bubble menu's title: "“Film at 7?”: not sent".
pub fn given_up(words: &Text, lang: Lang, reg: Register) -> String {
    let words = quote(words.get(lang), lang);
    match reg {
        Register::Engineer => pick(
            lang,
            format!("{words}: not sent (❗, retries used up)"),
            format!("{words}：未发出（❗，重试用完了）"),
        ),
        _ => pick(
            lang,
            format!("{words}: not sent (❗)"),
            format!("{words}：未发出（❗）"),
        ),
    }
}

/// A choice of the ❗ bubble menu, a command: "Look inside", "Send it again".
pub fn bubble_choice(c: BubbleChoice, lang: Lang, reg: Register) -> &'static str {
    match (c, reg) {
        (BubbleChoice::LookInside, Register::Engineer) => {
            pick(lang, "Inspect the message", "查看这条消息")
        }
        (BubbleChoice::LookInside, Register::Story) => {
            pick(lang, "Look inside the letter", "看看信里写了什么")
        }
        (BubbleChoice::LookInside, Register::Both) => pick(lang, "Look inside", "看看里面"),
        (BubbleChoice::SendAgain, Register::Engineer) => pick(
            lang,
            "Resend (tap ❗: same message, same id)",
            "重发（点 ❗：同一条消息，同一个编号）",
        ),
        (BubbleChoice::SendAgain, Register::Story) => pick(
            lang,
            "Send the letter again (tap ❗)",
            "把信再寄一次（点 ❗）",
        ),
        (BubbleChoice::SendAgain, Register::Both) => {
            pick(lang, "Send again (tap ❗)", "再发一次（点 ❗）")
        }
        (BubbleChoice::Recall, Register::Engineer) => pick(
            lang,
            "Recall (the server checks the time limit)",
            "撤回（服务器检查时限）",
        ),
        (BubbleChoice::Recall, Register::Story) => pick(
            lang,
            "Recall: ask the post office to take it back",
            "撤回：请邮局把信收回来",
        ),
        (BubbleChoice::Recall, Register::Both) => pick(lang, "Recall", "撤回"),
    }
}

/// After Ctrl+Z: "Taken back: Han Meimei logs out."
pub fn undone(a: &Action, world: &World, lang: Lang, reg: Register) -> String {
    let what = action(a, world, lang, reg);
    match lang {
        Lang::En => format!("Taken back: {what}."),
        Lang::Zh => format!("已撤销：{what}。"),
    }
}

/// Ctrl+Z with nothing to take back.
pub fn nothing_to_undo(lang: Lang) -> &'static str {
    pick(lang, "Nothing to take back.", "没有可以撤销的动作。")
}

/// Why the class's action was not added: "Not added: a letter needs some words."
pub fn refused(why: &Refused, lang: Lang) -> String {
    let (en, zh) = match why {
        Refused::EmptyText => (
            "a letter needs some words".to_string(),
            "信里总得写点什么".to_string(),
        ),
        Refused::TextTooLong(n) => (
            format!("a letter is at most {MAX_TEXT_CHARS} characters long (this one has {n})"),
            format!(
                "一封信最多 {}字（这封有 {}）",
                super::with_unit(MAX_TEXT_CHARS, "个"),
                super::with_unit(n, "个")
            ),
        ),
        Refused::ToSelf => (
            "a phone cannot write to itself".to_string(),
            "不能给自己写信".to_string(),
        ),
        Refused::BadParcel => (
            "a photo or voice message is 1 to 1,000,000 kilobytes, in at most 10,000 parts, and a voice message 1 second to an hour long".to_string(),
            "图片或语音的大小是 1 到 1,000,000 千字节，最多分成 10,000 份；语音的时长是 1 秒到一小时".to_string(),
        ),
        Refused::Bandwidth => (
            "a line for photos and voice messages passes from 1 to 10,000,000 kilobytes a second".to_string(),
            "照片和语音的线路每秒能过 1 到 10,000,000 千字节".to_string(),
        ),
        Refused::KeepMs => (
            "the parcel store keeps a photo or voice message from 1 millisecond to about 115 days, or for ever".to_string(),
            "包裹仓库保留照片或语音的时间从 1 毫秒到大约 115 天，或者永久保留".to_string(),
        ),
        Refused::OrderWithDevices => (
            "someone here has several devices, which must show each chat in the same order: only the post office can number the letters for all of them".to_string(),
            "这里有人用好几台设备，每台都得按同样的顺序显示聊天：只有邮局能替它们给信编号".to_string(),
        ),
        Refused::TooLate => (
            "the lesson has reached the longest time a scene may last".to_string(),
            "这节课已经到了场景允许的最长时间".to_string(),
        ),
        Refused::TooManyActions => (
            format!("a lesson holds at most {MAX_SCRIPT} actions"),
            format!("一节课最多 {}动作", super::with_unit(MAX_SCRIPT, "个")),
        ),
        Refused::Recorded => (
            "this scene is too large to change while it plays: it is a recorded story".to_string(),
            "这个场景太大，只能观看，不能在播放时改动".to_string(),
        ),
        Refused::AtStart => (
            "an action added in class comes after the opening picture".to_string(),
            "课上加入的动作要在开场画面之后".to_string(),
        ),
        Refused::App(b) => blocked_why(*b),
        Refused::NoSuchDevice(d) => (
            format!("this scene has no device number {}", d.0 + 1),
            format!("这个场景里没有第 {} 台设备", d.0 + 1),
        ),
        Refused::MoveChats(crate::lesson::devices::MoveRefused::SameDevice(_)) => (
            "chats move from one device to another device of the same person, not onto the device they are on".to_string(),
            "聊天记录要从一台设备搬到同一个人的另一台设备上，不能搬到它自己身上".to_string(),
        ),
        Refused::MoveChats(crate::lesson::devices::MoveRefused::OtherPerson { .. }) => (
            "chats move only between one person's own devices, not to someone else's".to_string(),
            "聊天记录只能在同一个人自己的设备之间搬，不能搬到别人的设备上".to_string(),
        ),
    };
    not_added(en, zh, lang)
}

fn not_added(en: String, zh: String, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Not added: {en}."),
        Lang::Zh => format!("没有加入：{zh}。"),
    }
}

/// Why an action cannot join the lesson, naming the devices it is about where
/// the scene has them (`MoveChats` from Han Meimei's phone to Li Lei's); the
/// other refusals as [`refused`] says them.
pub fn refused_in(why: &Refused, world: &World, lang: Lang) -> String {
    use crate::lesson::devices::MoveRefused;
    let name = |d, l| world.phone_name(d, l);
    let (en, zh) = match *why {
        Refused::MoveChats(MoveRefused::SameDevice(d)) => (
            format!(
                "chats move from one device to another of the same person; {} cannot move them onto itself",
                name(d, Lang::En)
            ),
            format!(
                "聊天记录要搬到同一个人的另一台设备上；{}不能搬到它自己身上",
                name(d, Lang::Zh)
            ),
        ),
        Refused::MoveChats(MoveRefused::OtherPerson { from, to }) => (
            format!(
                "chats move only between one person's own devices: {} is {}'s, {} is {}'s",
                name(from, Lang::En),
                world.name(world.owner(from), Lang::En),
                name(to, Lang::En),
                world.name(world.owner(to), Lang::En),
            ),
            format!(
                "聊天记录只能在同一个人自己的设备之间搬：{}是{}的，{}是{}的",
                name(from, Lang::Zh),
                world.name(world.owner(from), Lang::Zh),
                name(to, Lang::Zh),
                world.name(world.owner(to), Lang::Zh),
            ),
        ),
        _ => return refused(why, lang),
    };
    not_added(en, zh, lang)
}

/// Why an app action cannot be taken, without names (a refusal's words), in both
/// languages.
fn blocked_why(b: Blocked) -> (String, String) {
    match b {
        Blocked::LoggedOut(_) => (
            "that phone is logged out: it has no app open to close, none closed to open".into(),
            "那部手机已退出登录：没有开着的应用可关，也没有关着的应用可开".into(),
        ),
        Blocked::Open(_) => (
            "that phone's app is open already".into(),
            "那部手机的应用已经开着".into(),
        ),
        Blocked::Closed(_) => (
            "that phone's app is closed, still logged in: open the app first".into(),
            "那部手机的应用关着，但还登录着：要先打开应用".into(),
        ),
        Blocked::Later(_, t) => (
            format!(
                "the scene itself changes that phone's app at {}, which would no longer fit",
                Secs(t)
            ),
            format!("场景自己在 {} 改变那部手机的应用，那样就对不上了", Secs(t)),
        ),
        Blocked::NotMember(..) => (
            "only a member of a group can open its chat".into(),
            "只有群成员才能点开群聊".into(),
        ),
        Blocked::ChatList(_) => (
            "that phone shows its chat list already: no chat is open".into(),
            "那部手机已经在聊天列表：没有打开的聊天".into(),
        ),
        Blocked::ChatLater(_, t) => (
            format!(
                "the scene itself takes that phone back to its chat list at {}, which would no longer fit",
                Secs(t)
            ),
            format!(
                "场景自己在 {} 让那部手机退回聊天列表，那样就对不上了",
                Secs(t)
            ),
        ),
    }
}

/// Under a phone's menu, why an app choice is not there: "Han Meimei's app is
/// closed (still logged in): open it before logging in or out." In the
/// engineer's register the login is a session.
pub fn not_offered(b: Blocked, world: &World, lang: Lang, reg: Register) -> String {
    let eng = reg == Register::Engineer;
    match b {
        Blocked::LoggedOut(u) => {
            let who = world.device_name(u, lang);
            pick(
                lang,
                format!("{who} is logged out: there is no app open to close."),
                format!("{who}已退出登录：没有开着的应用可以关。"),
            )
        }
        Blocked::Open(u) => {
            let who = world.device_name(u, lang);
            pick(
                lang,
                format!("{who}'s app is open."),
                format!("{who}的应用开着。"),
            )
        }
        Blocked::Closed(u) => {
            let who = world.device_name(u, lang);
            match eng {
                true => pick(
                    lang,
                    format!(
                        "{who}'s app is closed, the session kept: open it before logging in or out."
                    ),
                    format!("{who}的应用关着，会话还在：先打开应用，才能登录或退出。"),
                ),
                false => pick(
                    lang,
                    format!(
                        "{who}'s app is closed (still logged in): open it before logging in or out."
                    ),
                    format!("{who}的应用关着（还登录着）：先打开应用，才能登录或退出。"),
                ),
            }
        }
        Blocked::Later(u, t) => {
            let who = world.device_name(u, lang);
            pick(
                lang,
                format!(
                    "Not now: the scene itself changes {who}'s app at {}, and that would no longer fit.",
                    Secs(t)
                ),
                format!(
                    "现在不行：场景自己在 {} 改变{who}的应用，那样就对不上了。",
                    Secs(t)
                ),
            )
        }
        Blocked::NotMember(u, g) => {
            let (who, group) = (world.device_name(u, lang), world.group(g).name.get(lang));
            pick(
                lang,
                format!("{who} is not in {group} now: only its members can open its chat."),
                format!("{who}现在不在{group}里：只有群成员才能点开群聊。"),
            )
        }
        Blocked::ChatList(u) => {
            let who = world.device_name(u, lang);
            pick(
                lang,
                format!("{who}'s phone shows the chat list."),
                format!("{who}的手机正显示聊天列表。"),
            )
        }
        Blocked::ChatLater(u, t) => {
            let who = world.device_name(u, lang);
            pick(
                lang,
                format!(
                    "Not now: the scene itself takes {who} back to the chat list at {}, and that would no longer fit.",
                    Secs(t)
                ),
                format!(
                    "现在不行：场景自己在 {} 让{who}退回聊天列表，那样就对不上了。",
                    Secs(t)
                ),
            )
        }
    }
}

/// The notice after the class closes or opens an app: "From this step on: Han
/// Meimei closes the app (the phone stays on)."
pub fn added(a: &Action, world: &World, lang: Lang, reg: Register) -> String {
    let what = action(a, world, lang, reg);
    match lang {
        Lang::En => format!("From this step on: {what}."),
        Lang::Zh => format!("从这一步起：{what}。"),
    }
}
