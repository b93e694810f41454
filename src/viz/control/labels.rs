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

/// The panel's switch of the parcel line's speed (`network:
/// (bandwidth_kb_per_s:)`, issue 26), in the register on screen (the story's
/// says no "bandwidth").
pub fn bandwidth(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new(
            "How fast photos and voice messages go",
            "照片和语音走得多快",
        ),
        Register::Both => Tr::new(
            "How fast photos and voice messages go (bandwidth)",
            "照片和语音走得多快（带宽）",
        ),
        Register::Engineer => Tr::new(
            "Bandwidth (file upload and download)",
            "带宽（文件上传和下载）",
        ),
    }
}
/// One of the bandwidth switch's choices: "no limit", "50 kB/s (slow 3G)", and
/// the scene's own speed where it is none of the panel's ("200 kB/s (this
/// scene)").
pub fn bandwidth_choice(bw: Option<u32>, own: Option<u32>) -> Tr {
    let what = match bw {
        None => return Tr::new("no limit", "不限速"),
        Some(50) => Some(("slow 3G", "慢速 3G")),
        Some(500) => Some(("4G", "4G")),
        Some(5000) => Some(("Wi-Fi", "Wi-Fi")),
        Some(_) if bw == own && !crate::lesson::parcels::BANDWIDTHS.contains(&bw) => {
            Some(("this scene", "本场景"))
        }
        Some(_) => None,
    };
    let n = bw.map(|n| grouped(n as u64)).unwrap_or_default();
    match what {
        Some((en, zh)) => Tr::new(format!("{n} kB/s ({en})"), format!("{n} 千字节/秒（{zh}）")),
        None => Tr::new(format!("{n} kB/s"), format!("{n} 千字节/秒")),
    }
}
pub fn bandwidth_hint(reg: Register) -> Tr {
    let line = match reg {
        Register::Engineer => (
            "How many kB a second each phone's file connection passes, each way: a photo's parts take their size over it, one after another, then the trip's time. Messages and heartbeats do not wait for it. “No limit”: a part takes only the trip's time.",
            "每部手机的文件连接每秒能过多少千字节（上传下载各一条）：照片的每一片按大小占用它，一片接一片，然后再走路上的时间。消息和心跳不等它。“不限速”：每一片只花路上的时间。",
        ),
        _ => (
            "How many kB a second each phone's own line for photos and voice messages passes, each way: a photo's parts take their size over it, one after another, then the trip's time. Letters do not wait for it. “No limit”: a part takes only the trip's time.",
            "每部手机给照片和语音用的那条线，每秒能过多少千字节（来去各一条）：照片的每一份按大小占用它，一份接一份，然后再走路上的时间。信不等它。“不限速”：每一份只花路上的时间。",
        ),
    };
    Tr::new(
        format!(
            "{} Switching tells the story again from the start, the class's actions kept. Ctrl+Z takes it back.",
            line.0
        ),
        format!(
            "{}切换后故事从头再讲一遍，班上加的动作都保留。Ctrl+Z 可以撤销。",
            line.1
        ),
    )
}
/// Said under the caption once the parcel line's speed is switched.
pub fn bandwidth_switched(bw: Option<u32>, own: Option<u32>) -> Tr {
    match bw {
        None => Tr::new(
            "From the start again: photos and voice messages go with no limit on speed; each part takes only the trip's time.",
            "从头再来：照片和语音不限速，每一份只花路上的时间。",
        ),
        Some(_) => {
            let c = bandwidth_choice(bw, own);
            Tr::new(
                format!(
                    "From the start again: photos and voice messages go at {}, each way.",
                    c.en
                ),
                format!(
                    "从头再来：照片和语音的速度改为 {}，寄出和取回都一样。",
                    c.zh
                ),
            )
        }
    }
}
pub fn bandwidth_recorded() -> Tr {
    Tr::new(
        "A recorded story: its speed for photos cannot be switched.",
        "录好的故事：不能切换照片的速度。",
    )
}

/// The panel's switch of how long the parcel store keeps a photo or voice
/// message (`parcels: (keep_ms:)`, issue 26).
pub fn parcels_kept(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new(
            "How long the parcel store keeps photos and voice messages",
            "包裹仓库把照片和语音留多久",
        ),
        Register::Both => Tr::new(
            "How long the parcel store (file server) keeps photos and voice messages",
            "包裹仓库（文件服务器）把照片和语音留多久",
        ),
        Register::Engineer => Tr::new(
            "File expiry on the file server",
            "文件服务器上的文件过期时间",
        ),
    }
}
/// One of the switch's choices: "for ever", "1 min", "1 day", and the scene's
/// own time where it is none of the panel's ("10 s (this scene)").
pub fn parcels_kept_choice(keep: Option<crate::sim::Time>, own: Option<crate::sim::Time>) -> Tr {
    const DAY: crate::sim::Time = 86_400_000;
    let Some(ms) = keep else {
        return Tr::new("for ever", "永久");
    };
    let (en, zh) = if ms.is_multiple_of(DAY) {
        let d = ms / DAY;
        (
            format!("{d} {}", if d == 1 { "day" } else { "days" }),
            format!("{d} 天"),
        )
    } else if ms.is_multiple_of(3_600_000) {
        (
            format!("{} h", ms / 3_600_000),
            format!("{} 小时", ms / 3_600_000),
        )
    } else if ms.is_multiple_of(60_000) {
        (
            format!("{} min", ms / 60_000),
            format!("{} 分钟", ms / 60_000),
        )
    } else {
        (format!("{} s", seconds(ms)), format!("{} 秒", seconds(ms)))
    };
    let offered = crate::lesson::parcels::PARCELS_KEPT.contains(&keep);
    match keep == own && !offered {
        true => Tr::new(format!("{en} (this scene)"), format!("{zh}（本场景）")),
        false => Tr::new(en, zh),
    }
}
pub fn parcels_kept_hint() -> Tr {
    Tr::new(
        "How long after it has all of a photo or voice message the parcel store throws it out; a phone that asks later gets “expired”, the thumbnail stays. The letter itself stays in the archive. Switching tells the story again from the start, the class's actions kept. Ctrl+Z takes it back.",
        "包裹仓库收齐一张照片或一条语音之后，过多久把它清理掉；之后再来取的手机只会看到“已过期”，小图还在。信本身留在档案室里。切换后故事从头再讲一遍，班上加的动作都保留。Ctrl+Z 可以撤销。",
    )
}
/// Said under the caption once the keeping time is switched.
pub fn parcels_kept_switched(keep: Option<crate::sim::Time>) -> Tr {
    match keep {
        None => Tr::new(
            "From the start again: the parcel store keeps photos and voice messages for ever.",
            "从头再来：包裹仓库永久保留照片和语音。",
        ),
        Some(_) => {
            let c = parcels_kept_choice(keep, None);
            Tr::new(
                format!(
                    "From the start again: the parcel store throws a photo or voice message out {} after it has all of it.",
                    c.en
                ),
                format!("从头再来：包裹仓库收齐照片或语音 {}后就把它清理掉。", c.zh),
            )
        }
    }
}

/// Said under the caption after Ctrl+Z took a switch back: the switch's words for
/// the settings the story has again.
pub fn switch_taken_back(said: Tr) -> Tr {
    Tr::new(
        format!("Taken back. {}", said.en),
        format!("已撤销。{}", said.zh),
    )
}

/// What the panel says of a switch from settings `was` to `now`: the words of
/// the first switch that differs (`None` when none does).
pub fn settings_switched(
    was: &crate::sim::Settings,
    now: &crate::sim::Settings,
    own_bandwidth: Option<u32>,
    reg: Register,
) -> Option<Tr> {
    Some(if was.order != now.order {
        order_switched(now.order)
    } else if was.notifications != now.notifications {
        notifications_switched(now.notifications, reg)
    } else if was.shelf != now.shelf {
        shelf_switched(now.shelf, reg)
    } else if was.read_receipts != now.read_receipts {
        read_receipts_switched(now.read_receipts, reg)
    } else if was.recall_limit_ms != now.recall_limit_ms {
        recall_limit_switched(now.recall_limit_ms)
    } else if was.network.bandwidth_kb_per_s != now.network.bandwidth_kb_per_s {
        bandwidth_switched(now.network.bandwidth_kb_per_s, own_bandwidth)
    } else if was.parcels.keep_ms != now.parcels.keep_ms {
        parcels_kept_switched(now.parcels.keep_ms)
    } else if was.keeps_history != now.keeps_history {
        keeps_history_switched(now.keeps_history, reg)
    } else if was.sealed != now.sealed {
        sealed_switched(now.sealed, reg)
    } else {
        return None;
    })
}

/// A whole number with its thousands apart: "5,000".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The compose box's attachment: "Attach".
pub fn attach() -> Tr {
    Tr::new("Attach", "附带")
}
/// One of the attachments offered: nothing, a photo of a size, a voice message of
/// a length (with the kB it takes: [`crate::lesson::parcels::VOICE_KB_PER_SECOND`]).
pub fn attach_choice(kind: Option<crate::sim::Parcel>) -> Tr {
    use crate::sim::ParcelKind;
    let Some(p) = kind else {
        return Tr::new("nothing: words only", "不附带：只有文字");
    };
    let kb = grouped(p.kb as u64);
    match p.kind {
        ParcelKind::Photo if p.kb <= 500 => Tr::new(
            format!("📷 photo, {kb} kB (sent smaller)"),
            format!("📷 照片，{kb} 千字节（压缩后发送）"),
        ),
        ParcelKind::Photo => Tr::new(
            format!("📷 photo, {kb} kB (original)"),
            format!("📷 照片，{kb} 千字节（原图）"),
        ),
        ParcelKind::Voice { seconds } => Tr::new(
            format!("🎤 voice message, {seconds} s ({kb} kB)"),
            format!("🎤 语音，{seconds} 秒（{kb} 千字节）"),
        ),
    }
}
pub fn attach_hint() -> Tr {
    let per = crate::lesson::parcels::VOICE_KB_PER_SECOND;
    Tr::new(
        format!(
            "A photo or voice message goes apart from its letter, in parts, to the post office's parcel store; the letter carries only a pickup slip. The words you type become its label. A voice message takes {per} kB for each second (speech squeezed small, as chat apps do)."
        ),
        format!(
            "照片或语音不跟信走，而是分成几份单独送到邮局的包裹仓库；信里只有一张取件单。你写的字就是它的标签。语音每秒占 {per} 千字节（聊天软件把声音压得很小）。"
        ),
    )
}
/// The compose box's hint while a photo or voice message is attached.
pub fn hint_label() -> Tr {
    Tr::new(
        "Its label (may stay empty), Enter sends",
        "写个标签（可以不写），按回车发送",
    )
}
/// A letter's words when the class sends a photo or voice message without any:
/// "Photo 2", "语音 1" (the `nth` of its kind the class sent).
pub fn parcel_label(kind: crate::sim::ParcelKind, nth: usize) -> Tr {
    match kind {
        crate::sim::ParcelKind::Photo => Tr::new(format!("Photo {nth}"), format!("照片 {nth}")),
        crate::sim::ParcelKind::Voice { .. } => {
            Tr::new(format!("Voice message {nth}"), format!("语音 {nth}"))
        }
    }
}

/// The compose box's device picker, for a writer with several devices (issue
/// 27): "on" her phone, her computer, her new phone (the names are the scene's:
/// [`crate::sim::World::device_name`]).
pub fn device() -> Tr {
    Tr::new("on", "用")
}
pub fn device_hint() -> Tr {
    Tr::new(
        "Which of the writer's devices writes. The writer's other devices get a copy of the letter from the post office, on the writer's side of the chat.",
        "写信的人用哪台设备写。邮局会把这封信抄一份给写信人的其他设备，显示在写信人自己这一侧。",
    )
}

/// The panel's switch of what a new device gets (`keeps_history:`, issue 27).
pub fn keeps_history(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new(
            "The post office keeps history (for a new device)",
            "邮局保管聊天记录（给新设备）",
        ),
        Register::Both => Tr::new(
            "The post office keeps history (roaming history)",
            "邮局保管聊天记录（消息漫游）",
        ),
        Register::Engineer => Tr::new(
            "Roaming history: the server syncs the archive to a new device",
            "消息漫游：服务器把历史消息同步给新设备",
        ),
    }
}
/// One of the switch's two choices, with the apps that do so.
pub fn keeps_history_choice(keeps: bool) -> Tr {
    match keeps {
        false => Tr::new(
            "No: a new device starts empty (WeChat, WhatsApp)",
            "不保管：新设备从空白开始（微信、WhatsApp）",
        ),
        true => Tr::new(
            "Yes: a new device gets the old chats (QQ, Telegram)",
            "保管：新设备拿到以前的聊天（QQ、Telegram）",
        ),
    }
}
pub fn keeps_history_hint(reg: Register) -> Tr {
    match reg {
        Register::Engineer => Tr::new(
            "When a device of an account logs in for the first time, does the server send it the conversation from its archive (hist:N)? The main phone never needs it. Switching replays the story from the start, the class's actions kept; Ctrl+Z undoes it.",
            "账号的一台设备第一次登录时，服务器要不要把档案里的历史消息发给它（hist:N）？主手机用不着。切换后故事从头重放，班上加的动作都保留；Ctrl+Z 可以撤销。",
        ),
        _ => Tr::new(
            "When a person's device logs in for the first time, does the post office send it the old chats from its archive? If not, it shows only what comes after, unless the chats are moved over from the old phone. Switching tells the story again from the start, the class's actions kept. Ctrl+Z takes it back.",
            "一个人的某台设备第一次登录时，邮局要不要把档案室里以前的聊天发给它？不发的话，它只显示之后来的信，除非把旧手机上的聊天搬过来。切换后故事从头再讲一遍，班上加的动作都保留。Ctrl+Z 可以撤销。",
        ),
    }
}
/// Said under the caption once the switch is switched.
pub fn keeps_history_switched(keeps: bool, reg: Register) -> Tr {
    match (keeps, reg) {
        (true, Register::Engineer) => Tr::new(
            "From the start again: the server syncs the archive to each new device at its first login (as QQ and Telegram do).",
            "从头再来：每台新设备第一次登录时，服务器把档案里的历史消息同步给它（QQ、Telegram 就是这样）。",
        ),
        (false, Register::Engineer) => Tr::new(
            "From the start again: the server syncs no history; a new device's local database starts empty (as WeChat and WhatsApp do).",
            "从头再来：服务器不同步历史消息；新设备的本地数据库从空白开始（微信、WhatsApp 就是这样）。",
        ),
        (true, _) => Tr::new(
            "From the start again: the post office sends each new device the old chats from its archive when it first logs in (as QQ and Telegram do).",
            "从头再来：每台新设备第一次登录时，邮局把档案室里以前的聊天发给它（QQ、Telegram 就是这样）。",
        ),
        (false, _) => Tr::new(
            "From the start again: the post office keeps its archive to itself; a new device starts empty (as WeChat and WhatsApp do).",
            "从头再来：邮局的档案室只留给自己；新设备从空白开始（微信、WhatsApp 就是这样）。",
        ),
    }
}
pub fn keeps_history_recorded() -> Tr {
    Tr::new(
        "A recorded story: what a new device gets cannot be switched.",
        "录好的故事：不能切换新设备拿到什么。",
    )
}

/// The panel's part for people with several devices (issue 27): a device not
/// logged in logs in; her chats move from her old phone to her new one.
pub fn devices() -> Tr {
    Tr::new("Several devices", "多台设备")
}
pub fn devices_hint() -> Tr {
    Tr::new(
        "A device that logs in for the first time joins: from then on the post office sends it every letter for its owner. Moving the chats copies the old phone's letters onto the new one, side by side, without the post office. Each joins the story after the step on screen.",
        "设备第一次登录就算加入了：从那以后邮局把给主人的每封信也送给它。搬聊天是把旧手机上的信复制到新手机上，两台放在一起，不经过邮局。都会接在屏幕上这一步之后。",
    )
}

/// The panel's switch of sealed letters (`sealed:`, issue 28: end-to-end
/// encryption).
pub fn sealed(reg: Register) -> Tr {
    match reg {
        Register::Story => Tr::new(
            "Letters travel sealed (only their people's devices open them)",
            "信封好了再寄（只有收发信人的设备打得开）",
        ),
        Register::Both => Tr::new(
            "Letters travel sealed (end-to-end encryption)",
            "信封好了再寄（端到端加密）",
        ),
        Register::Engineer => Tr::new(
            "End-to-end encryption: the server relays ciphertext",
            "端到端加密：服务器只转发密文",
        ),
    }
}
/// One of the sealed switch's two choices, with the apps that do so.
pub fn sealed_choice(sealed: bool) -> Tr {
    match sealed {
        false => Tr::new(
            "No: the post office can read them (WeChat; Telegram outside secret chats)",
            "不封：邮局看得到写的字（微信、Telegram 普通聊天）",
        ),
        true => Tr::new(
            "Yes: only their devices can open them (WhatsApp, Signal)",
            "封好：只有他们的设备打得开（WhatsApp、Signal）",
        ),
    }
}
pub fn sealed_hint(reg: Register) -> Tr {
    match reg {
        Register::Engineer => Tr::new(
            "With E2EE the sending device encrypts each message for the device keys of its sender and recipients; the server stores and forwards ciphertext and sees only metadata (who, to whom, when, size). A device whose key is newer than a message cannot decrypt it. Switching replays the story from the start, the class's actions kept; Ctrl+Z undoes it.",
            "端到端加密时，发信的设备用收发信人各台设备的密钥给每条消息加密；服务器存储和转发的都是密文，只看得到元数据（谁、给谁、何时、多大）。密钥比消息新的设备解不开它。切换后故事从头重放，班上加的动作都保留；Ctrl+Z 可以撤销。",
        ),
        _ => Tr::new(
            "Sealed, a letter's words are closed with its people's keys before it leaves the phone: the post office carries and keeps it but cannot read it; it still sees who writes to whom, when and how big. A device that gets its key later (a new phone) cannot open older letters. Switching tells the story again from the start, the class's actions kept. Ctrl+Z takes it back.",
            "封好的信，写的字在离开手机前就用收发信人的钥匙封上了：邮局照样送、照样存，却读不了；它还是看得到谁寄给谁、什么时候、多大。后来才有钥匙的设备（新手机）打不开以前的信。切换后故事从头再讲一遍，班上加的动作都保留。Ctrl+Z 可以撤销。",
        ),
    }
}
/// Said under the caption once the sealed switch is switched.
pub fn sealed_switched(sealed: bool, reg: Register) -> Tr {
    match (sealed, reg) {
        (true, Register::Engineer) => Tr::new(
            "From the start again: end-to-end encryption on; the server relays and stores ciphertext and sees only metadata (as WhatsApp and Signal do).",
            "从头再来：开启端到端加密；服务器转发和存储的都是密文，只看得到元数据（WhatsApp、Signal 就是这样）。",
        ),
        (false, Register::Engineer) => Tr::new(
            "From the start again: no end-to-end encryption; the server can read every message it relays and stores (as WeChat does, and Telegram outside secret chats).",
            "从头再来：不做端到端加密；服务器转发和存储的每条消息都读得到（微信就是这样，Telegram 的普通聊天也是）。",
        ),
        (true, Register::Both) => Tr::new(
            "From the start again, end-to-end encrypted: every letter leaves its writer's phone sealed; the post office sees who, to whom, when and how big, never the words (as WhatsApp and Signal do).",
            "从头再来，端到端加密：每封信离开写信人的手机时就封好了；邮局看得到谁寄给谁、什么时候、多大，看不到写的字（WhatsApp、Signal 就是这样）。",
        ),
        (true, _) => Tr::new(
            "From the start again: every letter leaves its writer's phone sealed; the post office sees who, to whom, when and how big, never the words (as WhatsApp and Signal do).",
            "从头再来：每封信离开写信人的手机时就封好了；邮局看得到谁寄给谁、什么时候、多大，看不到写的字（WhatsApp、Signal 就是这样）。",
        ),
        (false, _) => Tr::new(
            "From the start again: letters travel open, like postcards; the post office can read every word it carries and keeps (as WeChat does, and Telegram outside secret chats).",
            "从头再来：信像明信片一样寄；邮局经手和保存的每封信，写的字它都看得到（微信就是这样，Telegram 的普通聊天也是）。",
        ),
    }
}
