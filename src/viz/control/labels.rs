//! The teacher's panel's own words (its headings, buttons and hints), in both
//! languages; the fault menus use some of them too.

use crate::sim::{Lang, Notifications, ReadReceipts, Shelf};
use crate::viz::lang::{Register, Tr};

pub fn compose() -> Tr {
    Tr::new("Write a letter", "写一封信")
}
pub fn from() -> Tr {
    Tr::new("From", "寄信人")
}
pub fn to() -> Tr {
    Tr::new("to", "收信人")
}
pub fn group() -> Tr {
    Tr::new("group", "群")
}
pub fn hint() -> Tr {
    Tr::new("Type a letter, Enter sends", "写下信的内容，按回车发送")
}
pub fn send() -> Tr {
    Tr::new("Send", "发送")
}
pub fn joins_after() -> Tr {
    Tr::new(
        "The letter joins the story after the step on screen.",
        "这封信会接在屏幕上这一步之后。",
    )
}
pub fn recorded() -> Tr {
    Tr::new(
        "This scene has more than 40 people: it is a recorded story, to watch, not to change.",
        "这个场景超过 40 人：它是录好的故事，只能观看，不能改动。",
    )
}
pub fn save() -> Tr {
    Tr::new("Save the lesson (Ctrl+S)", "保存这节课（Ctrl+S）")
}
pub fn change() -> Tr {
    Tr::new("Change the story", "改变故事")
}
pub fn undo() -> Tr {
    Tr::new(
        "Take back the last change (Ctrl+Z)",
        "撤销上一个改动（Ctrl+Z）",
    )
}
pub fn restore() -> Tr {
    Tr::new("Take the unsaved lesson back", "恢复未保存的课")
}
pub fn afresh() -> Tr {
    Tr::new("Start afresh", "重新开始")
}
pub fn events() -> Tr {
    Tr::new("What happened", "发生了什么")
}
pub fn letters() -> Tr {
    Tr::new("letters", "信")
}
pub fn receipts() -> Tr {
    Tr::new("receipts", "回执")
}
pub fn logins() -> Tr {
    Tr::new("logins", "登录")
}
pub fn faults() -> Tr {
    Tr::new("faults", "故障")
}
pub fn network() -> Tr {
    Tr::new("Network", "网络")
}
/// The event list's name of the phone system's push service (issue 24).
pub fn push_service() -> Tr {
    Tr::new("Push service", "推送服务")
}
/// The panel's switch of the scene setting `order:`.
pub fn order() -> Tr {
    Tr::new("Numbered by the post office", "邮局编号")
}
pub fn order_restarts() -> Tr {
    Tr::new(
        "On: the post office numbers each conversation's letters and every screen shows that order. Switching tells the story again from the start, the class's letters kept.",
        "打开：邮局给每段对话的信编号，每块屏幕都按编号排列。切换后故事从头再讲一遍，班上加的信都保留。",
    )
}
pub fn order_recorded() -> Tr {
    Tr::new(
        "A recorded story: its order cannot be switched.",
        "录好的故事：不能切换顺序。",
    )
}
/// Said under the caption once the order is switched.
pub fn order_switched(order: crate::sim::Order) -> Tr {
    match order {
        crate::sim::Order::PostOffice => Tr::new(
            "From the start again: now the post office numbers each conversation's letters, and every screen shows them in that order.",
            "从头再来：现在邮局给每段对话的信编号，每块屏幕都按编号排列。",
        ),
        crate::sim::Order::EachPhone => Tr::new(
            "From the start again: now each phone orders its own screen, as the letters reach it.",
            "从头再来：现在每部手机按信到达的先后排列自己的屏幕。",
        ),
    }
}
/// The panel's switch of how friends see each other's online dots (`presence:`).
pub fn presence() -> Tr {
    Tr::new("Friends' online dots", "好友的在线小圆点")
}
/// One of the switch's choices.
pub fn presence_choice(p: crate::sim::Presence) -> Tr {
    use crate::sim::Presence;
    match p {
        Presence::Off => Tr::new("none", "不显示"),
        Presence::Push => Tr::new("pushed by the post office", "邮局推送"),
        Presence::Pull { every_ms } => {
            let s = seconds(every_ms);
            Tr::new(
                format!("each phone asks every {s} s"),
                format!("每部手机每 {s} 秒问一次"),
            )
        }
    }
}
pub fn presence_hint() -> Tr {
    Tr::new(
        "From the step on screen on: how the phones learn which friends are online. Saved with the lesson; Ctrl+Z takes it back.",
        "从屏幕上这一步起：手机怎样知道哪些好友在线。会随课保存；Ctrl+Z 可以撤销。",
    )
}
pub fn presence_recorded() -> Tr {
    Tr::new(
        "A recorded story: its dots cannot be switched.",
        "录好的故事：不能切换在线小圆点。",
    )
}
/// Said under the caption once the dots are switched.
pub fn presence_switched(p: crate::sim::Presence) -> Tr {
    use crate::sim::Presence;
    match p {
        Presence::Off => Tr::new(
            "From this step on: no more online dots; the phones hear nothing more, so each dot is a hollow ring (not known).",
            "从这一步起：不再有在线小圆点；手机什么也听不到了，每个小圆点都变成空心圈（不知道）。",
        ),
        Presence::Push => Tr::new(
            "From this step on: the post office tells friends whenever someone comes online or goes offline.",
            "从这一步起：每当有人上线或下线，邮局就告诉他的好友。",
        ),
        Presence::Pull { every_ms } => {
            let s = seconds(every_ms);
            Tr::new(
                format!(
                    "From this step on: each phone asks the post office every {s} s which friends are online."
                ),
                format!("从这一步起：每部手机每 {s} 秒问一次邮局：哪些好友在线。"),
            )
        }
    }
}

/// Milliseconds as a number of seconds: whole ("10"), else with its tenths ("2.5").
fn seconds(ms: crate::sim::Time) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        format!("{:.1}", ms as f64 / 1000.0)
    }
}

/// The panel's switch of the scene setting `notifications:` (issue 24), in the
/// register on screen (the story's names no push service).
pub fn notifications(reg: Register) -> Tr {
    match reg {
        Register::Both => Tr::new("Notifications (push service)", "通知（推送服务）"),
        Register::Engineer => Tr::new("Push notifications", "推送通知"),
        Register::Story => Tr::new(
            "Notes on the lock screen (the phone maker's messenger)",
            "锁屏上的通知（手机厂商的信使）",
        ),
    }
}
/// One of the notifications switch's choices: what a closed app's lock screen shows.
pub fn notifications_choice(n: Notifications, reg: Register) -> Tr {
    match (n, reg) {
        (Notifications::Off, _) => Tr::new("off", "关"),
        (Notifications::Words, _) => Tr::new("name and words", "名字和内容"),
        (Notifications::NameOnly, _) => Tr::new("name only", "只显示名字"),
        (Notifications::Hidden, Register::Engineer) => {
            Tr::new("hidden (“New message”)", "隐藏内容（“新消息”）")
        }
        (Notifications::Hidden, _) => Tr::new("only “New message”", "只显示“新消息”"),
    }
}
pub fn notifications_hint(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new(
            "While a phone's app is closed, the phone maker's messenger can light its lock screen for each letter waiting. Switching tells the story again from the start, the class's actions kept.",
            "手机的应用关着的时候，手机厂商的信使可以为每封等着的信点亮锁屏。切换后故事从头再讲一遍，班上加的动作都保留。",
        ),
        _ => Tr::new(
            "While a phone's app is closed, the phone system's push service (Apple's, Huawei's, Xiaomi's) lights its lock screen for each letter waiting. Switching tells the story again from the start, the class's actions kept.",
            "手机的应用关着的时候，手机系统的推送服务（苹果、华为、小米的）为每封等着的信点亮锁屏。切换后故事从头再讲一遍，班上加的动作都保留。",
        ),
    }
}
/// Said under the caption once the notifications are switched.
pub fn notifications_switched(n: Notifications, reg: Register) -> Tr {
    let (en, zh) = match (n, reg) {
        (Notifications::Off, _) => (
            "no notifications: a closed app's lock screen stays dark",
            "没有通知：应用关着时锁屏不亮",
        ),
        (_, Register::Story) => (
            "the phone maker's messenger lights a closed app's lock screen for each letter waiting",
            "应用关着时，手机厂商的信使为每封等着的信点亮锁屏",
        ),
        _ => (
            "the push service lights a closed app's lock screen for each letter waiting",
            "应用关着时，推送服务为每封等着的信点亮锁屏",
        ),
    };
    let shows = notifications_choice(n, reg);
    match n {
        Notifications::Off => Tr::new(
            format!("From the start again: {en}."),
            format!("从头再来：{zh}。"),
        ),
        _ => Tr::new(
            format!("From the start again: {en} ({}).", shows.get(Lang::En)),
            format!("从头再来：{zh}（{}）。", shows.get(Lang::Zh)),
        ),
    }
}
pub fn notifications_recorded() -> Tr {
    Tr::new(
        "A recorded story: its notifications cannot be switched.",
        "录好的故事：不能切换通知。",
    )
}

/// The panel's switch of the scene setting `shelf:` (issue 24).
pub fn shelf(reg: Register) -> Tr {
    match reg {
        Register::Both => Tr::new("Offline letters", "离线的信"),
        Register::Engineer => Tr::new("Offline messages", "离线消息"),
        Register::Story => Tr::new("Letters waiting on the shelf", "架子上等着的信"),
    }
}
/// One of the shelf switch's choices.
pub fn shelf_choice(s: Shelf, reg: Register) -> Tr {
    match (s, reg) {
        (Shelf::HandedOver, Register::Engineer) => Tr::new("pushed at login", "登录时推送"),
        (Shelf::HandedOver, Register::Story) => {
            Tr::new("handed over when the line opens", "专线一通就送下来")
        }
        (Shelf::HandedOver, Register::Both) => Tr::new("handed over at login", "登录时送下来"),
        (Shelf::Fetched, Register::Engineer) => Tr::new(
            "pulled when the app opens (fetch)",
            "打开应用时拉取（fetch）",
        ),
        (Shelf::Fetched, Register::Story) => {
            Tr::new("fetched: the phone asks for them", "去取：手机开口要")
        }
        (Shelf::Fetched, Register::Both) => Tr::new("fetched when the app opens", "打开应用时去取"),
    }
}
pub fn shelf_hint() -> Tr {
    Tr::new(
        "How the letters waiting on the shelf reach a phone whose line opens: the post office hands them over at once, or the phone asks “anything for me?”. Switching tells the story again from the start, the class's actions kept.",
        "架子上等着的信怎样到达刚连上的手机：邮局马上送下来，或者手机先问“有我的信吗？”。切换后故事从头再讲一遍，班上加的动作都保留。",
    )
}
/// Said under the caption once the shelf is switched.
pub fn shelf_switched(s: Shelf, reg: Register) -> Tr {
    let choice = shelf_choice(s, reg);
    Tr::new(
        format!(
            "From the start again: the letters waiting on the shelf are {}.",
            choice.get(Lang::En)
        ),
        format!("从头再来：架子上等着的信改为{}。", choice.get(Lang::Zh)),
    )
}
pub fn shelf_recorded() -> Tr {
    Tr::new(
        "A recorded story: its offline letters cannot be switched.",
        "录好的故事：不能切换离线的信。",
    )
}

/// The panel's switch of the scene setting `read_receipts:` (issue 25).
pub fn read_receipts(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new("“Read” notes to the writer", "告诉写信人“已读”"),
        _ => Tr::new("Read receipts", "已读回执"),
    }
}
/// One of the read receipts switch's choices: who sends "read", like which app.
pub fn read_receipts_choice(r: ReadReceipts) -> Tr {
    match r {
        ReadReceipts::Off => Tr::new("off (WeChat)", "关（微信）"),
        ReadReceipts::On => Tr::new("everyone", "人人都发"),
        ReadReceipts::Mutual => Tr::new(
            "both must have it on (WhatsApp)",
            "双方都开才有（WhatsApp）",
        ),
        ReadReceipts::Reader => Tr::new(
            "the reader decides (iMessage)",
            "读信的人自己决定（iMessage）",
        ),
    }
}
pub fn read_receipts_hint() -> Tr {
    Tr::new(
        "Whether a phone tells the writer “read” once the letter is on its screen in the open chat. Who turned it off in the scene stays so. Switching tells the story again from the start, the class's actions kept.",
        "信显示在打开的聊天里之后，手机是否告诉写信人“已读”。场景里关掉它的人仍然关着。切换后故事从头再讲一遍，班上加的动作都保留。",
    )
}
/// Said under the caption once the read receipts are switched.
pub fn read_receipts_switched(r: ReadReceipts, reg: Register) -> Tr {
    let (what, choice) = (read_receipts(reg), read_receipts_choice(r));
    Tr::new(
        format!(
            "From the start again: {}: {}.",
            what.get(Lang::En),
            choice.get(Lang::En)
        ),
        format!(
            "从头再来：{}：{}。",
            what.get(Lang::Zh),
            choice.get(Lang::Zh)
        ),
    )
}
pub fn read_receipts_recorded() -> Tr {
    Tr::new(
        "A recorded story: its read receipts cannot be switched.",
        "录好的故事：不能切换已读回执。",
    )
}

/// The panel's switch of the scene setting `recall:` (issue 25): how long the
/// post office still takes a letter back.
pub fn recall_limit() -> Tr {
    Tr::new("Recall limit (post office)", "撤回时限（邮局定）")
}
/// One of the recall limit's choices: "2 min (WeChat)", "10 s".
pub fn recall_limit_choice(ms: crate::sim::Time) -> Tr {
    let (en, zh) = match ms {
        ms if ms.is_multiple_of(3_600_000) => (
            format!("{} h", ms / 3_600_000),
            format!("{} 小时", ms / 3_600_000),
        ),
        ms if ms.is_multiple_of(60_000) => (
            format!("{} min", ms / 60_000),
            format!("{} 分钟", ms / 60_000),
        ),
        ms => (format!("{} s", seconds(ms)), format!("{} 秒", seconds(ms))),
    };
    match ms == crate::sim::RECALL_LIMIT_MS {
        true => Tr::new(format!("{en} (WeChat)"), format!("{zh}（微信）")),
        false => Tr::new(en, zh),
    }
}
pub fn recall_limit_hint() -> Tr {
    Tr::new(
        "How long after taking a letter in the post office still agrees to take it back; a recall that comes later is refused. Switching tells the story again from the start, the class's actions kept.",
        "邮局收下一封信之后，多长时间内还同意撤回；来晚的撤回会被拒绝。切换后故事从头再讲一遍，班上加的动作都保留。",
    )
}
/// Said under the caption once the recall limit is switched.
pub fn recall_limit_switched(ms: crate::sim::Time) -> Tr {
    let choice = recall_limit_choice(ms);
    Tr::new(
        format!(
            "From the start again: the post office takes a letter back up to {} after taking it in.",
            choice.get(Lang::En)
        ),
        format!(
            "从头再来：邮局收下信后 {} 内可以撤回。",
            choice.get(Lang::Zh)
        ),
    )
}
