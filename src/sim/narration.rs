//! Every word the story tells, in English and in Simplified Chinese: the names of
//! the nine steps and the side roads, and one sentence per trace event in the
//! post-office picture of the article. The runner prints these sentences and the
//! visualizer shows them as captions; nothing else writes story text.

use super::frame::{Bounce, Dir, FrameClass, FrameKind, MsgId};
use super::trace::{
    Actor, Event, LossCause, OfflineWhy, RegisterChange, ShelfWhy, SideRoad, Stage, Step, What,
};
use super::world::{Dest, Lang, UserIdx, World};

fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The name of one of the nine steps.
pub fn step_name(step: Step, lang: Lang) -> &'static str {
    let (en, zh) = match step {
        Step::Edit => ("Edit", "编辑"),
        Step::Store => ("Store", "存储"),
        Step::Send => ("Send", "发送"),
        Step::Receive => ("Receive", "接收"),
        Step::Verify => ("Verify", "验证"),
        Step::Forward => ("Forward", "转发"),
        Step::Arrive => ("Receive", "接收"),
        Step::File => ("Store", "存储"),
        Step::Display => ("Display", "显示"),
    };
    if lang == Lang::En { en } else { zh }
}

/// Where a step happens: the sender's phone, the post office, the recipient's phone.
pub fn step_place(step: Step, lang: Lang) -> &'static str {
    let (en, zh) = match step.number() {
        1..=3 => ("sender's phone", "发信人的手机"),
        4..=6 => ("post office", "邮局"),
        _ => ("recipient's phone", "收信人的手机"),
    };
    if lang == Lang::En { en } else { zh }
}

/// The name of a side road.
pub fn side_road_name(road: SideRoad, lang: Lang) -> &'static str {
    let (en, zh) = match road {
        SideRoad::ReturnToSender => ("Return to sender", "退信"),
        SideRoad::OfflineMailbox => ("Offline mailbox", "离线信箱"),
        SideRoad::OfflineDelivery => ("Offline delivery", "离线投递"),
        SideRoad::Outbox => ("Waiting to send", "等待发送"),
        SideRoad::Receipt => ("✓ Post office has it", "✓ 邮局已收到"),
        SideRoad::Delivered => ("✓✓ Delivered", "✓✓ 已送达"),
        SideRoad::Retry => ("Retry", "重发"),
        SideRoad::Duplicate => ("Duplicate recognised", "识别重复"),
        SideRoad::Lost => ("Lost", "丢失"),
        SideRoad::LostOnTheWay => ("Lost on the way", "途中丢失"),
        SideRoad::Presence => ("Online / offline", "上线 / 下线"),
        SideRoad::Reconnect => ("Reconnect", "重新连接"),
        SideRoad::SceneChange => ("Scene change", "场景变化"),
    };
    if lang == Lang::En { en } else { zh }
}

/// A stage as a caption heading: "Step 5 of 9 — Verify", "Side road — Retry".
pub fn stage_label(stage: Stage, lang: Lang) -> String {
    match stage {
        Stage::Step(s) => pick(
            lang,
            format!("Step {} of 9 — {}", s.number(), step_name(s, Lang::En)),
            format!(
                "第 {} 步（共 9 步）— {}",
                s.number(),
                step_name(s, Lang::Zh)
            ),
        ),
        Stage::Side(r) => pick(
            lang,
            format!("Side road — {}", side_road_name(r, Lang::En)),
            format!("支线 — {}", side_road_name(r, Lang::Zh)),
        ),
        Stage::Background => pick(lang, "Background".into(), "后台".into()),
    }
}

/// The stamp on a returned letter.
pub fn bounce_text(reason: Bounce, lang: Lang) -> &'static str {
    let (en, zh) = match reason {
        Bounce::UnknownUser => ("no such person", "查无此人"),
        Bounce::NotFriends => ("not friends", "非好友"),
        Bounce::NotInGroup => ("not in the group", "不在群里"),
        Bounce::Blocked => ("refused by the recipient", "对方拒收"),
    };
    if lang == Lang::En { en } else { zh }
}

/// A frame in plain words: "the letter", "the receipt (msg:A)".
pub fn frame_text(kind: FrameKind, lang: Lang) -> String {
    let (en, zh) = match kind {
        FrameKind::Login => ("a login", "登录请求"),
        FrameKind::Logout => ("a goodbye", "告别"),
        FrameKind::Heartbeat => ("a heartbeat", "心跳"),
        FrameKind::HeartbeatReply => ("the heartbeat's answer", "心跳回应"),
        FrameKind::MsgR | FrameKind::MsgN => ("the letter", "信"),
        FrameKind::MsgA => ("the post office's receipt", "邮局的回执"),
        FrameKind::AckR => ("the phone's confirmation", "手机的签收确认"),
        FrameKind::AckA => ("the post office's thanks", "邮局的致谢"),
        FrameKind::AckN => ("the delivery notice", "送达通知"),
        FrameKind::AckC => (
            "the sender's thanks for the news",
            "寄信人收到送达通知的确认",
        ),
        FrameKind::Returned => ("the returned letter", "退回的信"),
        FrameKind::LoginOk => ("the welcome", "登录成功"),
        FrameKind::NotLoggedIn => ("a 'please log in again'", "“请重新登录”"),
        FrameKind::Closing => ("the closing notice", "关门通知"),
    };
    pick(
        lang,
        format!("{en} ({})", kind.name()),
        format!("{zh}（{}）", kind.name()),
    )
}

/// A letter's number, as printed: `lilei#1`.
pub fn msg_label(id: MsgId, w: &World) -> String {
    format!("{}#{}", w.person(id.from).id, id.n)
}

fn toward(dir: Dir, user: UserIdx, w: &World, lang: Lang) -> String {
    match dir {
        Dir::ToServer => pick(lang, "the post office".into(), "邮局".into()),
        Dir::ToPhone => pick(
            lang,
            format!("{}'s phone", w.name(user, Lang::En)),
            format!("{}的手机", w.name(user, Lang::Zh)),
        ),
    }
}

fn class_text(c: FrameClass, lang: Lang) -> &'static str {
    let (en, zh) = match c {
        FrameClass::Message => ("letter", "信"),
        FrameClass::Ack => ("acknowledgement", "回执"),
        FrameClass::Heartbeat => ("heartbeat", "心跳"),
        FrameClass::Any => ("", "数据"),
    };
    if lang == Lang::En { en } else { zh }
}

/// The one-sentence explanation of an event, for a reader who does not write software.
pub fn caption(e: &Event, lang: Lang, w: &World) -> String {
    let n = |u: UserIdx, l: Lang| w.name(u, l).to_string();
    let who = match e.actor {
        Actor::Phone(u) => Some(u),
        _ => None,
    };
    // The letter's sender and addressee, when the event is about a letter.
    let (a, b, text_en, text_zh) = match &e.msg {
        Some(m) => (
            Some(m.from()),
            Some(m.to),
            m.text.en.to_string(),
            m.text.zh.to_string(),
        ),
        None => (None, None, String::new(), String::new()),
    };
    let a_en = a.map(|u| n(u, Lang::En)).unwrap_or_default();
    let a_zh = a.map(|u| n(u, Lang::Zh)).unwrap_or_default();
    let b_en = b
        .map(|d| w.dest_name(d, Lang::En).to_string())
        .unwrap_or_default();
    let b_zh = b
        .map(|d| w.dest_name(d, Lang::Zh).to_string())
        .unwrap_or_default();
    let u_en = who.map(|u| n(u, Lang::En)).unwrap_or_default();
    let u_zh = who.map(|u| n(u, Lang::Zh)).unwrap_or_default();
    let id = e
        .msg
        .as_ref()
        .map(|m| msg_label(m.id, w))
        .unwrap_or_default();

    match &e.what {
        What::Edit { .. } => pick(
            lang,
            format!("{a_en} writes \"{text_en}\" to {b_en} and taps Send: the keyboard is the pen, the chat box the letter paper."),
            format!("{a_zh}写下“{text_zh}”给{b_zh}，点了发送：键盘是笔，聊天框是信纸。"),
        ),
        What::Store => pick(
            lang,
            format!("{a_en}'s phone puts the letter in a standard envelope, from {a_en} to {b_en}, numbered {id}, and keeps a copy in its own mailbox (the local database)."),
            format!("{a_zh}的手机把信装进标准信封，写明从{a_zh}寄给{b_zh}，编号 {id}，并在自己的信箱（本地数据库）里留了一份。"),
        ),
        What::Send => pick(
            lang,
            format!("The postman (the network module) carries the envelope along {a_en}'s long connection to the post office."),
            format!("邮递员（网络模块）沿着{a_zh}的长连接把信送往邮局。"),
        ),
        What::Receive => pick(
            lang,
            format!("The post office counter (the long-connection service) receives {a_en}'s letter on {a_en}'s connection."),
            format!("邮局柜台（长连接服务）从{a_zh}的长连接上收下了这封信。"),
        ),
        What::Verify { .. } => match b {
            Some(Dest::Group(_)) => pick(
                lang,
                format!("The post office checks its address register: {a_en} is a member of {b_en}. A copy of the letter goes into the archive."),
                format!("邮局查看通讯录：{a_zh}是{b_zh}的成员。信的副本存进了档案室。"),
            ),
            _ => pick(
                lang,
                format!("The post office checks its address register: {b_en} exists, is {a_en}'s friend and accepts {a_en}'s letters. A copy goes into the archive."),
                format!("邮局查看通讯录：{b_zh}确有其人，是{a_zh}的好友，也愿意收{a_zh}的信。信的副本存进了档案室。"),
            ),
        },
        What::Forward { to } => pick(
            lang,
            format!("The sorting desk finds {}'s long connection and sends the letter down it.", n(*to, Lang::En)),
            format!("分拣台找到{}的长连接，把信顺着它送了出去。", n(*to, Lang::Zh)),
        ),
        What::Arrive => pick(
            lang,
            format!("{u_en}'s phone receives {a_en}'s letter on its long connection."),
            format!("{u_zh}的手机从长连接上收到了{a_zh}的来信。"),
        ),
        What::File => pick(
            lang,
            format!("{u_en}'s phone files the letter in its own mailbox (the local database)."),
            format!("{u_zh}的手机把信存进自己的信箱（本地数据库）。"),
        ),
        What::Display { before, .. } => {
            let (en_more, zh_more) = if *before > 0 {
                (
                    format!(" It goes above the {before} later message(s) that overtook it, in the order {a_en} wrote them."),
                    format!("它排在先到的 {before} 条后写的消息前面，和{a_zh}写信的顺序一致。"),
                )
            } else {
                (String::new(), String::new())
            };
            pick(
                lang,
                format!("{u_en}'s screen shows \"{text_en}\" next to {a_en}'s avatar.{en_more}"),
                format!("{u_zh}的屏幕上出现了“{text_zh}”，旁边是{a_zh}的头像。{zh_more}"),
            )
        }
        What::WaitForConnection => pick(
            lang,
            format!("{a_en}'s phone has no connection right now: the letter waits in the phone and goes out as soon as it is back online."),
            format!("{a_zh}的手机现在没有连接：信先留在手机里，一连上就寄出。"),
        ),
        What::Return { reason } => {
            let stamp_en = bounce_text(*reason, Lang::En);
            let stamp_zh = bounce_text(*reason, Lang::Zh);
            let addressee = match b {
                Some(Dest::User(u)) => w.person(u).id.to_string(),
                _ => String::new(),
            };
            match reason {
                Bounce::UnknownUser => pick(
                    lang,
                    format!("The post office finds no \"{addressee}\" in its address register: the letter goes back to {a_en}, stamped \"{stamp_en}\"."),
                    format!("邮局的通讯录里没有“{addressee}”：信退回给{a_zh}，盖上“{stamp_zh}”。"),
                ),
                Bounce::NotFriends => pick(
                    lang,
                    format!("The post office checks its address register: {a_en} and {b_en} are not friends, so the letter goes back to {a_en}, stamped \"{stamp_en}\"."),
                    format!("邮局查看通讯录：{a_zh}和{b_zh}不是好友，信退回给{a_zh}，盖上“{stamp_zh}”。"),
                ),
                Bounce::Blocked => pick(
                    lang,
                    format!("{b_en} has blocked {a_en}: the post office sends the letter back, stamped \"{stamp_en}\"."),
                    format!("{b_zh}拉黑了{a_zh}：邮局把信退回，盖上“{stamp_zh}”。"),
                ),
                Bounce::NotInGroup => pick(
                    lang,
                    format!("{a_en} is not a member of {b_en}: the post office sends the letter back, stamped \"{stamp_en}\"."),
                    format!("{a_zh}不是{b_zh}的成员：邮局把信退回，盖上“{stamp_zh}”。"),
                ),
            }
        }
        What::Returned { reason } => pick(
            lang,
            format!("The letter comes back to {a_en}'s phone; its bubble says why: {}.", bounce_text(*reason, Lang::En)),
            format!("信退回到{a_zh}的手机上，气泡上写着原因：{}。", bounce_text(*reason, Lang::Zh)),
        ),
        What::Shelve { to, why } => {
            let (t_en, t_zh) = (n(*to, Lang::En), n(*to, Lang::Zh));
            match why {
                ShelfWhy::NotConnected => pick(
                    lang,
                    format!("{t_en} is not connected, so the post office keeps the letter on the offline-mail shelf until {t_en} comes online."),
                    format!("{t_zh}不在线，邮局把信放在离线信架上，等{t_zh}上线再送。"),
                ),
                ShelfWhy::NoAnswer => pick(
                    lang,
                    format!("Still no answer from {t_en}'s phone after the retries: the post office puts the letter on the offline-mail shelf."),
                    format!("重发之后{t_zh}的手机仍没有回音：邮局把信放上离线信架。"),
                ),
                ShelfWhy::WentOffline => pick(
                    lang,
                    format!("{t_en} went offline while the letter was on its way: it goes onto the offline-mail shelf."),
                    format!("信在路上时{t_zh}下线了：信被放上离线信架。"),
                ),
            }
        }
        What::OffTheShelf { by, told } => {
            let (tell_en, tell_zh) = if *told {
                (format!("and tells {a_en}"), format!("并通知{a_zh}"))
            } else {
                (format!("and keeps the news for {a_en}, who is not connected"), format!("并替不在线的{a_zh}记下这个消息"))
            };
            pick(
                lang,
                format!("{}'s phone confirms the letter after all (its answer came late): the post office takes its copy off the offline-mail shelf {tell_en}.", n(*by, Lang::En)),
                format!("{}的手机还是确认收到了信（回音来晚了）：邮局把离线信架上的那份取下，{tell_zh}。", n(*by, Lang::Zh)),
            )
        }
        What::Unshelve { to } => pick(
            lang,
            format!("{} is back: the post office takes the letter from the offline-mail shelf and sends it down {}'s connection.", n(*to, Lang::En), n(*to, Lang::En)),
            format!("{}回来了：邮局从离线信架上取下这封信，顺着{}的长连接送出。", n(*to, Lang::Zh), n(*to, Lang::Zh)),
        ),
        What::Receipt => pick(
            lang,
            format!("The post office's receipt reaches {a_en}'s phone: one tick ✓ — the post office has the letter."),
            format!("邮局的回执到了{a_zh}的手机：一个勾 ✓ —— 邮局已收到信。"),
        ),
        What::Acknowledged { by, told: true } => pick(
            lang,
            format!("{}'s phone confirms it has the letter; the post office thanks it and tells {a_en}.", n(*by, Lang::En)),
            format!("{}的手机确认收到了信；邮局回复确认，并通知{a_zh}。", n(*by, Lang::Zh)),
        ),
        What::Acknowledged { by, told: false } => pick(
            lang,
            format!("{}'s phone confirms it has the letter. {a_en} is not connected, so the post office keeps the news for when {a_en} is back.", n(*by, Lang::En)),
            format!("{}的手机确认收到了信。{a_zh}现在不在线，邮局先把这个消息记下，等{a_zh}上线再告诉{a_zh}。", n(*by, Lang::Zh)),
        ),
        What::NewsKept { by } => pick(
            lang,
            format!("{a_en}'s phone has not answered the news that {} has the letter: the post office keeps it, and tells {a_en} the next time {a_en}'s phone is heard from.", n(*by, Lang::En)),
            format!("{a_zh}的手机一直没有回应“{}已收到信”的通知：邮局把这个消息留着，下次{a_zh}的手机有动静时再告诉{a_zh}。", n(*by, Lang::Zh)),
        ),
        What::NewsHandedOver { by } => pick(
            lang,
            format!("{a_en}'s phone is heard from again: the post office tells it the news it kept — {} has the letter.", n(*by, Lang::En)),
            format!("又收到了{a_zh}手机的消息：邮局把留着的消息告诉它——{}已经收到了信。", n(*by, Lang::Zh)),
        ),
        What::Delivered { count, of } => match b {
            Some(Dest::Group(_)) => {
                let (en_end, zh_end) = if count >= of {
                    (": two ticks ✓✓.", "：两个勾 ✓✓。")
                } else {
                    (".", "。")
                };
                pick(
                    lang,
                    format!("Word reaches {a_en}'s phone: {count} of the {of} other members of {b_en} have the letter{en_end}"),
                    format!("{a_zh}的手机得知：{b_zh}的其他 {of} 位成员中已有 {count} 位收到信{zh_end}"),
                )
            }
            _ => pick(
                lang,
                format!("Word reaches {a_en}'s phone that {b_en} has the letter: two ticks ✓✓."),
                format!("{a_zh}的手机得知{b_zh}已经收到信：两个勾 ✓✓。"),
            ),
        },
        What::Retry { frame, attempt, to } => match (frame, to) {
            (FrameKind::MsgN, Some(to)) => pick(
                lang,
                format!("No answer from {}'s phone yet: the post office sends the letter down again (retry {attempt}).", n(*to, Lang::En)),
                format!("{}的手机还没有回音：邮局把信再送一次（第 {attempt} 次重发）。", n(*to, Lang::Zh)),
            ),
            (FrameKind::AckN, _) => pick(
                lang,
                format!("No answer from {a_en}'s phone yet: the post office tells it again that the letter was delivered (retry {attempt})."),
                format!("{a_zh}的手机还没有回音：邮局再通知它一次信已送达（第 {attempt} 次重发）。"),
            ),
            _ => pick(
                lang,
                format!("No receipt yet: {a_en}'s phone sends the same letter, number {id}, again (retry {attempt})."),
                format!("还没收到回执：{a_zh}的手机把同一封信（编号 {id}）再发一次（第 {attempt} 次重发）。"),
            ),
        },
        What::Duplicate => match e.actor {
            Actor::PostOffice => pick(
                lang,
                format!("The post office has seen letter {id} before: it answers again, but does not forward it twice."),
                format!("邮局认出编号 {id} 的信已经收过：再回一次回执，但不会再转发。"),
            ),
            _ => pick(
                lang,
                format!("{u_en}'s phone already has letter {id}: it confirms again, but shows it only once."),
                format!("{u_zh}的手机已经有编号 {id} 的信：再确认一次，但只显示一次。"),
            ),
        },
        What::Lost { retries } => {
            let (en_tried, zh_tried) = match retries {
                0 => (
                    "heard nothing back, and this scene lets it send a letter only once".to_string(),
                    "没有收到回音，而这个场景里每封信只发一次".to_string(),
                ),
                1 => ("sent the letter once more and still heard nothing back".to_string(), "又重发了一次，还是没有回音".to_string()),
                n => (format!("sent the letter {n} more times and still heard nothing back"), format!("又重发了 {n} 次，还是没有回音")),
            };
            pick(
                lang,
                format!("{a_en}'s phone {en_tried}: it gives up, and the bubble says the letter may be lost. A late answer from the post office can still correct it."),
                format!("{a_zh}的手机{zh_tried}：只好放弃，气泡显示这封信可能丢了。邮局迟到的回音仍然可以纠正它。"),
            )
        }
        What::FrameLost { user, dir, frame, cause, .. } => {
            let (c_en, c_zh) = match cause {
                LossCause::Noise => ("the network is bad".to_string(), "网络太差".to_string()),
                LossCause::Dropped => ("it was chosen to go missing".to_string(), "它被安排丢失".to_string()),
                LossCause::LinkDown => (
                    format!("{}'s phone has no network", n(*user, Lang::En)),
                    format!("{}的手机没有网络", n(*user, Lang::Zh)),
                ),
                LossCause::Closed => ("the post office is closed".to_string(), "邮局关门了".to_string()),
                LossCause::PhoneOff => (
                    format!("{}'s phone has closed its connection", n(*user, Lang::En)),
                    format!("{}的手机已经关闭了连接", n(*user, Lang::Zh)),
                ),
            };
            pick(
                lang,
                format!(
                    "{} on its way to {} vanishes: {c_en}.",
                    capitalise(&frame_text(*frame, Lang::En)),
                    toward(*dir, *user, w, Lang::En)
                ),
                format!(
                    "发往{}的{}在路上消失了：{c_zh}。",
                    toward(*dir, *user, w, Lang::Zh),
                    frame_text(*frame, Lang::Zh)
                ),
            )
        }
        What::LoginStart => pick(
            lang,
            format!("{u_en} opens the app: the phone dials the post office to open its long connection."),
            format!("{u_zh}打开应用：手机拨通邮局，建立长连接。"),
        ),
        What::LoggedIn { user } => pick(
            lang,
            format!("The post office counter notes that {} is online, on this long connection.", n(*user, Lang::En)),
            format!("邮局柜台记下：{}在线，就在这条长连接上。", n(*user, Lang::Zh)),
        ),
        What::Connected => pick(
            lang,
            format!("{u_en}'s phone is online. From now on its heartbeat tells the post office every few seconds that it is still there."),
            format!("{u_zh}的手机上线了。从现在起，它每隔几秒发一次心跳，告诉邮局它还在。"),
        ),
        What::LoggedOut => pick(
            lang,
            format!("{u_en} logs out: the phone says goodbye and closes its long connection."),
            format!("{u_zh}退出登录：手机说声再见，关闭了长连接。"),
        ),
        What::MarkedOffline { user, why } => {
            let (x_en, x_zh) = (n(*user, Lang::En), n(*user, Lang::Zh));
            match why {
                OfflineWhy::Silent => pick(
                    lang,
                    format!("No heartbeat from {x_en}'s phone for too long: the post office marks {x_en} offline."),
                    format!("太久没有收到{x_zh}手机的心跳：邮局把{x_zh}标记为离线。"),
                ),
                OfflineWhy::Goodbye => pick(
                    lang,
                    format!("{x_en}'s phone said goodbye: the post office marks {x_en} offline."),
                    format!("{x_zh}的手机说了再见：邮局把{x_zh}标记为离线。"),
                ),
                OfflineWhy::Closed => pick(
                    lang,
                    format!("The post office closes {x_en}'s connection and marks {x_en} offline."),
                    format!("邮局关闭了{x_zh}的连接，把{x_zh}标记为离线。"),
                ),
            }
        }
        What::ConnectionLost => pick(
            lang,
            format!("{u_en}'s phone notices that its long connection is broken, and tries to log in again."),
            format!("{u_zh}的手机发现长连接断了，开始重新登录。"),
        ),
        What::LinkDown { user } => pick(
            lang,
            format!("{}'s phone loses its network (a tunnel, a flat battery): nothing passes either way, and nobody is told.", n(*user, Lang::En)),
            format!("{}的手机断网了（进了隧道，或者没电了）：什么都传不过去，也没有人收到通知。", n(*user, Lang::Zh)),
        ),
        What::LinkUp { user } => pick(
            lang,
            format!("{}'s phone has a network again.", n(*user, Lang::En)),
            format!("{}的手机又有网络了。", n(*user, Lang::Zh)),
        ),
        What::SetLoss { user, loss } => {
            let pct = (loss * 100.0).round();
            pick(
                lang,
                format!("From now on {pct}% of the frames on {}'s connection are lost: a bad network.", n(*user, Lang::En)),
                format!("从现在起，{}的长连接上有 {pct}% 的数据会丢失：网络很差。", n(*user, Lang::Zh)),
            )
        }
        What::DropNext { user, toward: dir, what } => pick(
            lang,
            format!(
                "The next {} frame on {}'s connection going to {} will be lost.",
                class_text(*what, Lang::En),
                n(*user, Lang::En),
                toward(*dir, *user, w, Lang::En)
            )
            .replace("next  frame", "next frame"),
            format!(
                "{}的长连接上，下一个发往{}的{}将会丢失。",
                n(*user, Lang::Zh),
                toward(*dir, *user, w, Lang::Zh),
                class_text(*what, Lang::Zh)
            ),
        ),
        What::Register { change, a: x, b: y } => {
            let (x_en, x_zh, y_en, y_zh) = (n(*x, Lang::En), n(*x, Lang::Zh), n(*y, Lang::En), n(*y, Lang::Zh));
            match change {
                RegisterChange::Befriend => pick(
                    lang,
                    format!("The address register now lists {x_en} and {y_en} as friends."),
                    format!("通讯录记下：{x_zh}和{y_zh}成了好友。"),
                ),
                RegisterChange::Unfriend => pick(
                    lang,
                    format!("{x_en} and {y_en} are no longer friends in the address register."),
                    format!("通讯录记下：{x_zh}和{y_zh}不再是好友。"),
                ),
                RegisterChange::Block => pick(
                    lang,
                    format!("{x_en} blocks {y_en}: the post office will refuse {y_en}'s letters to {x_en}."),
                    format!("{x_zh}拉黑了{y_zh}：邮局将拒收{y_zh}寄给{x_zh}的信。"),
                ),
                RegisterChange::Unblock => pick(
                    lang,
                    format!("{x_en} unblocks {y_en}."),
                    format!("{x_zh}取消了对{y_zh}的拉黑。"),
                ),
            }
        }
        What::PostOfficeClosed => pick(
            lang,
            "The post office closes: every long connection is cut. Its archive and offline-mail shelf are kept safe.".into(),
            "邮局关门了：所有长连接都断开了。档案室和离线信架都完好保存。".into(),
        ),
        What::PostOfficeOpened => pick(
            lang,
            "The post office opens again.".into(),
            "邮局重新开门了。".into(),
        ),
        What::Heartbeat => pick(
            lang,
            format!("{u_en}'s phone sends a heartbeat: \"still here\"."),
            format!("{u_zh}的手机发出心跳：“我还在”。"),
        ),
        What::LoginAttempt => pick(
            lang,
            format!("{u_en}'s phone sends a login to the post office."),
            format!("{u_zh}的手机向邮局发送登录请求。"),
        ),
        What::FrameOut { user, dir, frame, .. } => pick(
            lang,
            format!(
                "{} sets off for {} on {}'s connection.",
                capitalise(&frame_text(*frame, Lang::En)),
                toward(*dir, *user, w, Lang::En),
                n(*user, Lang::En)
            ),
            format!(
                "{}沿着{}的长连接发往{}。",
                frame_text(*frame, Lang::Zh),
                n(*user, Lang::Zh),
                toward(*dir, *user, w, Lang::Zh)
            ),
        ),
        What::AckGivenUp => pick(
            lang,
            format!("{u_en}'s phone stops waiting for the post office's thanks: it has the letter anyway."),
            format!("{u_zh}的手机不再等邮局的致谢：反正信已经收到了。"),
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
