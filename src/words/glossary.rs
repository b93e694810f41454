//! The glossary: each word of the story beside its technical word and what a real
//! app shows of it, in English and in Chinese — for `postoffice glossary` and the
//! window's glossary card. The story and technical words are the ones the captions
//! use (one term per idea): the post office's things come from the same table as
//! the captions' ([`Thing`]), the side roads from [`side_road_name`].

use super::caption::Thing;
use super::{pick, side_road_name};
use crate::sim::{Lang, SideRoad};

/// One row of the glossary, in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The word of the post-office story.
    pub story: &'static str,
    /// The technical word (the article's).
    pub technical: &'static str,
    /// What a real app (WeChat, WhatsApp) shows of it.
    pub real_app: &'static str,
}

/// The column headings.
pub fn headings(lang: Lang) -> [&'static str; 3] {
    pick(
        lang,
        ["In the story", "The technical word", "In a real app"],
        ["故事里", "技术上的说法", "真实的软件里"],
    )
}

/// The title of the glossary.
pub fn title(lang: Lang) -> &'static str {
    pick(lang, "Glossary", "词汇表")
}

/// A post-office thing: its story and technical words as the captions say them.
fn thing(t: Thing, lang: Lang, real_app: [&'static str; 2]) -> Term {
    let (story, technical) = t.names()[lang as usize];
    Term {
        story,
        technical,
        real_app: pick(lang, real_app[0], real_app[1]),
    }
}

/// A side road: its story word as the timeline tags it.
fn road(
    r: SideRoad,
    lang: Lang,
    technical: [&'static str; 2],
    real_app: [&'static str; 2],
) -> Term {
    Term {
        story: side_road_name(r, lang),
        technical: pick(lang, technical[0], technical[1]),
        real_app: pick(lang, real_app[0], real_app[1]),
    }
}

/// Every row, in the order a letter meets them.
pub fn glossary(lang: Lang) -> Vec<Term> {
    let l = lang;
    vec![
        thing(
            Thing::Screen,
            l,
            [
                "the chat window: the bubbles, the keyboard (the pen) and the Send button",
                "聊天窗口：气泡、键盘（笔）和“发送”按钮",
            ],
        ),
        thing(
            Thing::Mailbox,
            l,
            [
                "the chat history kept on the phone: you can read it in flight mode",
                "存在手机上的聊天记录：开着飞行模式也能翻看",
            ],
        ),
        thing(
            Thing::Postman,
            l,
            [
                "“Connecting…” or “Receiving…” over the chat list (WeChat: 连接中… / 收取中…) when the network is slow",
                "网络不好时聊天列表上方的“连接中…”或“收取中…”",
            ],
        ),
        thing(
            Thing::Line,
            l,
            [
                "nothing, while it works: it is why a message arrives at once; when it breaks, “Connecting…”",
                "正常时看不见：消息能马上到，靠的就是它；断了就显示“连接中…”",
            ],
        ),
        Term {
            story: pick(l, "“still here”", "“我还在”"),
            technical: pick(l, "heartbeat", "心跳"),
            real_app: pick(
                l,
                "nothing: a tiny message every few minutes (WeChat adjusts it, 3.5 to 10 minutes) tells the server the phone is still there",
                "看不见：每隔几分钟一个小小的消息（微信会在 3.5 到 10 分钟之间调整），告诉服务器手机还在",
            ),
        },
        thing(
            Thing::Counter,
            l,
            [
                "the server the app stays connected to, day and night",
                "软件日夜连着的那台服务器",
            ],
        ),
        thing(
            Thing::Register,
            l,
            [
                "friends and blocks; writing to someone who removed you, WeChat says you are not their friend and must send a friend request (对方开启了朋友验证)",
                "好友和黑名单；给删了你的人发消息，微信提示“对方开启了朋友验证，你还不是他（她）朋友”",
            ],
        ),
        thing(
            Thing::Archive,
            l,
            [
                "the server's copy of each message, which lets it wait for someone who is away",
                "服务器上每条消息的副本，对方不在时消息就靠它等着",
            ],
        ),
        thing(
            Thing::Sorting,
            l,
            [
                "nothing: a moment later the message is on your friend's phone",
                "看不见：转眼间消息就到了朋友的手机上",
            ],
        ),
        thing(
            Thing::Shelf,
            l,
            [
                "the messages that pour in when you switch your phone on after a flight",
                "下了飞机一开机，涌进来的那些消息",
            ],
        ),
        Term {
            story: pick(
                l,
                "a note from the phone maker's own post",
                "手机厂商代送的通知",
            ),
            technical: pick(l, "push notification", "推送通知"),
            real_app: pick(
                l,
                "the banner on the lock screen while the app is closed (Apple's push service, or the phone maker's)",
                "软件没打开时锁屏上弹出的通知（苹果的推送服务，或手机厂商的）",
            ),
        },
        road(
            SideRoad::ReturnToSender,
            l,
            [
                "message rejected by the server's check",
                "服务端校验不通过，消息被拒收",
            ],
            [
                "WeChat: 消息已发出，但被对方拒收了 (sent, but refused) beside a red ❗; WhatsApp shows one tick forever and says nothing",
                "微信：红色感叹号旁写着“消息已发出，但被对方拒收了”；WhatsApp 只显示一个勾，什么也不说",
            ],
        ),
        road(
            SideRoad::Receipt,
            l,
            ["the server's acknowledgement", "服务器的确认"],
            [
                "WhatsApp: one grey tick ✓; WeChat: the little spinning circle beside the message goes away",
                "WhatsApp：一个灰色的勾 ✓；微信：消息旁转圈的小图标消失",
            ],
        ),
        road(
            SideRoad::Delivered,
            l,
            ["delivery acknowledgement", "送达确认"],
            [
                "WhatsApp: two grey ticks ✓✓ (blue once read); WeChat shows no ticks and no “read”",
                "WhatsApp：两个灰色的勾 ✓✓（读了变蓝）；微信既不显示勾，也不显示“已读”",
            ],
        ),
        road(
            SideRoad::Retry,
            l,
            ["retry after a timeout", "超时重发"],
            [
                "the spinning circle that keeps turning on a bad network",
                "网络差时消息旁一直转圈的小图标",
            ],
        ),
        road(
            SideRoad::Duplicate,
            l,
            [
                "duplicate recognised by its message id",
                "按消息编号识别重复消息",
            ],
            [
                "nothing: you never see the same message twice",
                "看不见：同一条消息不会出现两次",
            ],
        ),
        road(
            SideRoad::Lost,
            l,
            ["retries used up: a send failure", "重发次数用尽，报告失败"],
            [
                "the red ❗ beside the message: tap it to send the message again",
                "消息旁的红色感叹号：点一下就能重发",
            ],
        ),
    ]
}
