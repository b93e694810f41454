//! The glossary: each word of the story beside its technical word and what a real
//! app shows of it, in English and in Chinese — for `postoffice glossary` and the
//! window's glossary card. The story and technical words are the ones the captions
//! use (one term per idea): the post office's things come from the same table as
//! the captions' ([`Thing`]), the side roads from [`side_road_name`].

use super::caption::Thing;
use super::{pick, side_road_name};
use crate::sim::{Lang, Road};

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
fn road(r: Road, lang: Lang, technical: [&'static str; 2], real_app: [&'static str; 2]) -> Term {
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
        thing(
            Thing::Members,
            l,
            [
                "the group's member list: who gets a copy of each message written to the group",
                "群成员列表：群里的每条消息要给谁各送一份",
            ],
        ),
        Term {
            story: pick(
                l,
                "a note from the phone maker's messenger",
                "手机厂商的信使送来的通知",
            ),
            technical: pick(l, "push notification", "推送通知"),
            real_app: pick(
                l,
                "the banner on the lock screen while the app is closed (Apple's push service, or the phone maker's)",
                "软件没打开时锁屏上弹出的通知（苹果的推送服务，或手机厂商的）",
            ),
        },
        road(
            Road::ReturnToSender,
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
            Road::Receipt,
            l,
            ["the server's acknowledgement", "服务器的确认"],
            [
                "WhatsApp: one grey tick ✓; WeChat: the little spinning circle beside the message goes away",
                "WhatsApp：一个灰色的勾 ✓；微信：消息旁转圈的小图标消失",
            ],
        ),
        road(
            Road::Delivered,
            l,
            ["delivery acknowledgement", "送达确认"],
            [
                "WhatsApp: two grey ticks ✓✓ (blue once read); WeChat shows no ticks and no “read”",
                "WhatsApp：两个灰色的勾 ✓✓（读了变蓝）；微信既不显示勾，也不显示“已读”",
            ],
        ),
        road(
            Road::SentAgain,
            l,
            ["retry after a timeout", "超时重发"],
            [
                "the spinning circle that keeps turning on a bad network",
                "网络差时消息旁一直转圈的小图标",
            ],
        ),
        road(
            Road::CopyRecognised,
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
            Road::NotSent,
            l,
            ["retries used up: a send failure", "重发次数用尽，报告失败"],
            [
                "the red ❗ beside the message: tap it to send the message again",
                "消息旁的红色感叹号：点一下就能重发",
            ],
        ),
        road(
            Road::Numbered,
            l,
            [
                "a sequence number per conversation, given by the server",
                "服务端按会话分配的序号",
            ],
            [
                "in a busy group, a message you just sent may jump above one that arrived while it was sending",
                "在热闹的群里，刚发的消息有时会跳到一条在它发送时到来的消息上面",
            ],
        ),
        road(
            Road::WaitsItsTurn,
            l,
            [
                "a send queue: one message in flight per conversation",
                "发送队列：同一会话一次只发一条",
            ],
            [
                "on a bad network, the clock beside your next message keeps turning until the one before it is sent",
                "网络差时，下一条消息旁的小钟一直转，等前一条发出去才轮到它",
            ],
        ),
        road(
            Road::Read,
            l,
            ["read receipt", "已读回执"],
            [
                "WhatsApp: the two ticks turn blue; DingTalk: 已读 / 未读 under each message; WeChat has none, on purpose",
                "WhatsApp：两个勾变蓝；钉钉：每条消息下的“已读 / 未读”；微信故意没有",
            ],
        ),
        road(
            Road::Recall,
            l,
            [
                "message recall, checked against a time limit by the server",
                "消息撤回，由服务端按时限检查",
            ],
            [
                "WeChat: hold a message, tap 撤回 within 2 minutes; every chat then shows “Li Lei recalled a message”",
                "微信：长按消息，2 分钟内点“撤回”；每个聊天里都显示“李雷撤回了一条消息”",
            ],
        ),
        road(
            Road::Parcel,
            l,
            [
                "a file uploaded in parts to a file server, then downloaded by each recipient",
                "文件分片上传到文件服务器，再由每个收件人下载",
            ],
            [
                "WeChat: a photo shows a progress circle while it goes up, and the thumbnail first on your friend's phone",
                "微信：照片上传时显示进度圈，对方的手机上先出现缩略图",
            ],
        ),
        road(
            Road::Devices,
            l,
            [
                "multi-device sync: the server forwards each message to every device of the account, and copies the one you write to your others",
                "多端同步：服务器把每条消息发给这个账号的每台设备，你写的也抄给你的其他设备",
            ],
            [
                "WeChat for Windows and Mac beside the phone; WhatsApp's linked devices (up to four)",
                "手机旁边的电脑版微信；WhatsApp 的关联设备（最多四台）",
            ],
        ),
        Term {
            story: pick(
                l,
                "another device of the same person",
                "同一个人的另一台设备",
            ),
            technical: pick(l, "multi-device login", "多端登录"),
            real_app: pick(
                l,
                "WeChat on a computer: scan the QR code with the phone to log in; it gets messages only while logged in",
                "电脑版微信：用手机扫二维码登录；只在登录期间收消息",
            ),
        },
        Term {
            story: pick(
                l,
                "the post office keeps the history",
                "邮局替你保管聊天记录",
            ),
            technical: pick(l, "roaming history", "消息漫游"),
            real_app: pick(
                l,
                "QQ's roaming history, Telegram's cloud chats: a new phone shows the old chats at once",
                "消息漫游、云端聊天：新手机一登录就有以前的聊天",
            ),
        },
        Term {
            story: pick(l, "moving the chats over", "把聊天搬过去"),
            technical: pick(l, "chat migration", "聊天记录迁移"),
            real_app: pick(
                l,
                "WeChat: Settings › Chats › Chat History Migration and Backup, old phone beside the new one; WhatsApp: a backup to Google Drive or iCloud",
                "微信：设置 › 聊天 › 聊天记录迁移与备份，新旧手机放在一起；WhatsApp：备份到谷歌或苹果的云盘",
            ),
        },
        thing(
            Thing::Seal,
            l,
            [
                "WhatsApp and Signal seal every chat by default (“Messages and calls are end-to-end encrypted”); WeChat does not; Telegram only in its secret chats",
                "WhatsApp 和 Signal 默认每个聊天都加密（“消息和通话已进行端到端加密”）；微信不加密；电报只有私密聊天才加密",
            ],
        ),
        thing(
            Thing::Key,
            l,
            [
                "made on each phone or computer and never sent: a new phone has a new one, and cannot open what was sealed before it",
                "在每部手机、每台电脑上生成，从不外传：新手机有新密钥，打不开之前加密的消息",
            ],
        ),
        road(
            Road::Sealed,
            l,
            [
                "a device without the key a message was encrypted for: it cannot decrypt it",
                "设备没有消息加密时所用的密钥：解不开它",
            ],
            [
                "WhatsApp on a new phone without a backup: “Waiting for this message. This may take a while.”",
                "换了新手机又没有备份的 WhatsApp：“正在等待这条消息，可能需要一些时间。”",
            ],
        ),
        Term {
            story: pick(
                l,
                "who, to whom, when and how big",
                "谁寄给谁、什么时候、多大",
            ),
            technical: pick(l, "metadata", "元数据"),
            real_app: pick(
                l,
                "what even a sealed chat shows its server: who talks to whom, when, how often, and how much",
                "就算加了密，服务器也看得到：谁和谁聊、什么时候、多频繁、多少",
            ),
        },
        thing(
            Thing::Store,
            l,
            [
                "where photos, voice messages, videos and files wait (WeChat's CDN); “The image has expired or been deleted” when one is gone",
                "照片、语音、视频和文件存放的地方；过期了就是“图片已过期或已被清理”",
            ],
        ),
        parcel_term(
            l,
            ["pickup slip", "取件单"],
            [
                "the file's id, size and thumbnail inside the message (msg:R)",
                "消息里的文件编号、大小和缩略图",
            ],
            [
                "the grey picture with a spinner before a photo has loaded",
                "照片加载出来之前那张带转圈的灰图",
            ],
        ),
        parcel_term(
            l,
            ["thumbnail", "小图"],
            [
                "a small compressed copy of the image inside the message (msg:R)",
                "缩略图：消息里压缩过的小图",
            ],
            [
                "the blurry photo you see first; tap it for the original",
                "先看到的模糊小图；点开才是原图",
            ],
        ),
        parcel_term(
            l,
            ["kB a second on the line", "线路每秒能过的千字节"],
            ["bandwidth", "带宽"],
            [
                "why a big video takes long to send on a slow network",
                "网速慢的时候，大视频要发很久",
            ],
        ),
        parcel_term(
            l,
            ["going on where it stopped", "接着发"],
            [
                "resumable upload: the server says how much it has",
                "断点续传：服务器告诉手机已经收到多少",
            ],
            [
                "a file upload that goes on after a lost signal instead of starting again",
                "信号断了又恢复后，文件接着传，不用从头再来",
            ],
        ),
    ]
}

/// A row about photos and voice messages (issue 26) that is neither a thing of
/// the picture nor a side road.
fn parcel_term(
    lang: Lang,
    story: [&'static str; 2],
    technical: [&'static str; 2],
    real_app: [&'static str; 2],
) -> Term {
    Term {
        story: pick(lang, story[0], story[1]),
        technical: pick(lang, technical[0], technical[1]),
        real_app: pick(lang, real_app[0], real_app[1]),
    }
}

/// The technical words the story register never says, in English: the glossary's
/// technical column as words (module, database, long connection, heartbeat, …)
/// and the others a caption or a scene file could let slip (seed, server, id,
/// retry, …). Everyday words and app names (WeChat, online, offline shelf,
/// instant) are not among them. Matched by [`technical_in`].
pub const TECHNICAL_EN: &[&str] = &[
    "seed",
    "server",
    "id",
    "retry",
    "retries",
    "retried",
    "module",
    "database",
    "long connection",
    "long-connection",
    "heartbeat",
    "user service",
    "group service",
    "offline messages",
    "message forwarding",
    "push service",
    "push notification",
    "timeout",
    "time-out",
    "packet",
    "frame",
    "acknowledgement",
    "backend",
    "protocol",
    "tcp",
    "udp",
    "login-ok",
    "msg:",
    "ack:",
    "part:r",
    "part:n",
    "part:q",
    "part:a",
    "file server",
    "cdn",
    "bandwidth",
    "resumable",
    "multi-device sync",
    "multi-device login",
    "roaming history",
    "chat migration",
    "hist:n",
    "hist:a",
    "--heartbeats",
    "end-to-end",
    "e2ee",
    "encrypt",
    "encrypted",
    "encryption",
    "decrypt",
    "ciphertext",
    "metadata",
    "device key",
];

/// [`TECHNICAL_EN`] in Chinese: 服务器, 数据库, 长连接, 心跳, 随机种子, 网络, 后台, ….
/// A Chinese text is checked against both lists (no English technical word in
/// Chinese either).
pub const TECHNICAL_ZH: &[&str] = &[
    "种子",
    "服务器",
    "服务端",
    "数据库",
    "模块",
    "长连接",
    "心跳",
    "用户服务",
    "群组服务",
    "离线消息",
    "消息转发",
    "推送服务",
    "推送通知",
    "网络",
    "后台",
    "超时",
    "数据包",
    "协议",
    "文件服务器",
    "带宽",
    "缩略图",
    "断点续传",
    "多端同步",
    "多端登录",
    "消息漫游",
    "聊天记录迁移",
    "端到端",
    "加密",
    "解密",
    "密文",
    "元数据",
    "设备密钥",
];

/// The technical words `text` says (as words, case aside; an English word also
/// in its plural), in the order of the lists.
pub fn technical_in(text: &str, lang: Lang) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut found: Vec<&'static str> = TECHNICAL_EN
        .iter()
        .copied()
        .filter(|w| says_word(&lower, w))
        .collect();
    if lang == Lang::Zh {
        found.extend(TECHNICAL_ZH.iter().copied().filter(|w| lower.contains(w)));
    }
    found
}

/// Whether `text` has `word` as a word: not inside a longer one ("id" is not in
/// "idle" nor "did"), though perhaps in its plural ("servers").
fn says_word(text: &str, word: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let end = at + word.len();
        let before = text[..at].chars().next_back();
        let starts = !word.starts_with(|c: char| c.is_ascii_alphanumeric()) || !alnum(before);
        let rest = &text[end..];
        let rest = rest
            .strip_prefix("es")
            .filter(|r| !alnum(r.chars().next()))
            .or_else(|| rest.strip_prefix('s'))
            .unwrap_or(rest);
        let ends =
            !word.ends_with(|c: char| c.is_ascii_alphanumeric()) || !alnum(rest.chars().next());
        if starts && ends {
            return true;
        }
        from = at + word.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn technical_words_are_found_as_words() {
        let en = |t| technical_in(t, Lang::En);
        assert_eq!(en("the server's archive"), ["server"]);
        assert_eq!(en("two servers"), ["server"]);
        assert_eq!(en("her new id"), ["id"]);
        assert_eq!(en("IDs"), ["id"]);
        assert!(en("an idle phone did it, Wi-Fi").is_empty());
        assert!(en("the offline shelf, online, instant, WeChat").is_empty());
        assert_eq!(en("msg:R lilei#1"), ["msg:"]);
        assert_eq!(
            en("(--heartbeats lists them)"),
            ["heartbeat", "--heartbeats"]
        );
        assert_eq!(en("Heartbeats notice"), ["heartbeat"]);
        assert_eq!(en("seed 7"), ["seed"]);
        assert!(en("seeds? no: seeding").contains(&"seed"));
        let zh = |t| technical_in(t, Lang::Zh);
        assert_eq!(zh("随机种子 7"), ["种子"]);
        assert_eq!(
            zh("用 --heartbeats 逐条列出"),
            ["heartbeat", "--heartbeats"]
        );
        assert_eq!(zh("沿她的长连接"), ["长连接"]);
        assert!(zh("顺着她的专线，离线信架，“我还在”").is_empty());
    }

    /// Every technical word of the glossary's own rows (the post office's things,
    /// heartbeat, push notification) is one the story register is checked for.
    #[test]
    fn the_glossary_rows_are_in_the_list() {
        for lang in [Lang::En, Lang::Zh] {
            let roads = [
                Road::ReturnToSender,
                Road::Receipt,
                Road::Delivered,
                Road::SentAgain,
                Road::CopyRecognised,
                Road::NotSent,
                Road::Numbered,
                Road::WaitsItsTurn,
                Road::Read,
                Road::Recall,
                Road::Parcel,
                Road::Devices,
                Road::Sealed,
            ]
            .map(|r| side_road_name(r, lang));
            let rows = glossary(lang);
            assert!(rows.len() > roads.len());
            for t in rows {
                // A side road's technical column describes it in a phrase.
                if roads.contains(&t.story) {
                    continue;
                }
                assert!(
                    !technical_in(t.technical, lang).is_empty(),
                    "{lang:?}: the glossary's “{}” is not among the technical words",
                    t.technical
                );
                assert!(
                    technical_in(t.story, lang).is_empty(),
                    "{lang:?}: the story word “{}” is technical",
                    t.story
                );
            }
        }
    }
}
