//! Issue 25's sentences: a recall (撤回) — the writer takes a letter back; the
//! post office accepts it within its limit or refuses it; the recall goes to
//! every addressee (or waits on the shelf beside its letter), and each copy is
//! torn up, its bubble replaced by "… recalled a message". In the story register
//! the recall is "a second letter asking everyone who holds a copy to tear up
//! the first".

use super::*;
use crate::sim::DeviceIdx;
use crate::sim::{NotRecalled, RecallRefusal};

/// The writer taps "Recall": the recall goes to the post office.
pub(super) fn recall(s: &S, l: &AboutLetter) -> String {
    let (a, q, id) = (&l.a, &l.q, &l.id);
    if s.eng() {
        return s.p(
            format!("{a} taps recall on {id}: the phone sends `recall` to the server (retried until `recall:A`)."),
            format!("{a}点了 {id} 的“撤回”：手机向服务器发出 recall（收到 recall:A 之前会重发）。"),
        );
    }
    s.p(
        format!("{a} taps “recall” on the letter{q}: the phone sends the post office a second, small letter — “everyone who holds a copy, please tear it up”."),
        format!("{a}按住{}，点了“撤回”：手机给邮局寄出第二封小信——“请所有拿着这封信的人把它撕掉”。", s.zl(l.m)),
    )
}

/// A tap on "Recall" that sends nothing.
pub(super) fn ignored(s: &S, m: Option<&Envelope>, u: &str, why: NotRecalled) -> String {
    let zq = m.map_or_else(|| "信".to_string(), |m| s.zl(m));
    if s.eng() {
        let id = m.map(|m| s.id(m)).unwrap_or_default();
        let (en, zh) = match why {
            NotRecalled::NotPosted => ("no msg:A yet", "还没收到 msg:A"),
            NotRecalled::GaveUp => (
                "it was given up (never reached the server)",
                "它已放弃发送（服务器从没收到）",
            ),
            NotRecalled::Returned => ("the server returned it", "服务器已经退回"),
            NotRecalled::Already => ("it is recalled already", "它已经撤回了"),
            NotRecalled::Asking => ("a recall of it is pending", "它的撤回请求还在路上"),
            NotRecalled::Refused => ("the server refused its recall", "服务器已拒绝撤回"),
            NotRecalled::NoLine => ("no long connection", "没有长连接"),
            NotRecalled::NotWritten => (
                "no such message in the local database yet",
                "本地数据库里还没有这条消息",
            ),
        };
        return s.p(
            format!("Recall on {u}'s phone not done {id}: {en}; the bubble is unchanged."),
            format!("{u}的手机没有撤回 {id}：{zh}，气泡不变。"),
        );
    }
    let (en, zh) = match why {
        NotRecalled::NotPosted => (
            "the post office does not have it yet: there is nothing to take back there",
            "邮局还没收到它，没什么可撤回的",
        ),
        NotRecalled::GaveUp => (
            "the phone gave it up (❗): the post office never had it",
            "手机已经放弃了它（❗），邮局从没收到",
        ),
        NotRecalled::Returned => (
            "it came back stamped: no one else has it",
            "它被盖章退回了，别人手里没有",
        ),
        NotRecalled::Already => ("it is taken back already", "它已经撤回了"),
        NotRecalled::Asking => (
            "the request to tear it up is on its way already",
            "撕信的请求已经在路上了",
        ),
        NotRecalled::Refused => ("the post office already said no", "邮局已经拒绝过了"),
        NotRecalled::NoLine => (
            "the phone cannot reach the post office now",
            "手机现在联系不上邮局",
        ),
        NotRecalled::NotWritten => ("the phone has not written it yet", "手机还没写这封信"),
    };
    s.p(
        format!("{u} tries to take a letter back, but {en}: nothing changes."),
        format!("{u}想撤回{zq}，可是{zh}：什么也没变。"),
    )
}

/// The post office accepts the recall and tears up its archive copy.
pub(super) fn accepted(s: &S, l: &AboutLetter, age_ms: u64, copies: u32) -> String {
    let id = &l.id;
    let age = s.span(age_ms);
    let limit = s.span(s.ctx.settings.recall_limit_ms);
    if s.eng() {
        return s.p(
            format!("Server: recall of {id} accepted ({age} after it was stored, limit {limit}); marked recalled in the server database; recall:N to {}.", people(s, copies)),
            format!("服务器：接受撤回 {id}（存档后 {age}，期限 {limit}）；服务端数据库标记为已撤回；向{}发 recall:N。", people(s, copies)),
        );
    }
    let archive = s.t(Thing::Archive);
    s.p(
        format!("Taken {age} ago, within the {limit} allowed: the post office tears up its {archive} copy (noting the recall) and asks {} to tear up theirs.", people(s, copies)),
        format!("收下才 {age}，没超过 {limit}：邮局撕掉{archive}里那份（记下“已撤回”），再请{}把手里的也撕掉。", people(s, copies)),
    )
}

/// The post office refuses the recall.
pub(super) fn refused(s: &S, m: Option<&Envelope>, why: RecallRefusal, age_ms: u64) -> String {
    let id = m.map(|m| s.id(m)).unwrap_or_default();
    let age = s.span(age_ms);
    let limit = s.span(s.ctx.settings.recall_limit_ms);
    if s.eng() {
        return match why {
            RecallRefusal::TooLate => s.p(
                format!("Server: recall of {id} refused, too_late ({age} after it was stored > {limit})."),
                format!("服务器：拒绝撤回 {id}，too_late（存档后 {age}，超过 {limit}）。"),
            ),
            RecallRefusal::NotAccepted => s.p(
                format!("Server: recall of {id} refused, not_accepted (no such stored message)."),
                format!("服务器：拒绝撤回 {id}，not_accepted（没有这条存档消息）。"),
            ),
        };
    }
    match why {
        RecallRefusal::TooLate => s.p(
            format!("Taken {age} ago, more than the {limit} allowed: too late. The post office says no, and every copy stays."),
            format!("邮局看看钟：这封信收下已经 {age}了，超过了 {limit}。太晚了：邮局拒绝撤回，每一份都留着。"),
        ),
        RecallRefusal::NotAccepted => s.p(
            "The post office never took that letter: it has nothing to tear up, and says no.".into(),
            "邮局从没收过这封信，没什么可撕的，只好拒绝。".into(),
        ),
    }
}

/// The post office sends an addressee the recall.
pub(super) fn passed(
    s: &S,
    l: &AboutLetter,
    to: DeviceIdx,
    from_shelf: bool,
    letter_on_shelf: bool,
) -> String {
    let (x, id) = (s.dev(to), &l.id);
    if s.eng() {
        return s.p(
            format!(
                "Server sends recall:N for {id} to {x}{}.",
                match (from_shelf, letter_on_shelf) {
                    (true, true) =>
                        " (from the offline store, where the message is deleted unsent)",
                    (true, false) => " (from the offline store)",
                    _ => "",
                }
            ),
            format!(
                "服务器向{x}发出 {id} 的 recall:N{}。",
                match (from_shelf, letter_on_shelf) {
                    (true, true) => "（取自离线存储；存着的那条消息直接删除，不再下发）",
                    (true, false) => "（取自离线存储）",
                    (false, true) => "；离线存储里等着的那条消息直接删除，不再下发",
                    (false, false) => "",
                }
            ),
        );
    }
    let shelf = s.t(Thing::Shelf);
    match (from_shelf, letter_on_shelf) {
        (true, true) => s.p(
            format!("{x} is back: the request to tear up{} leaves the {shelf}, and the letter, waiting there too, is torn up there: its words never reach {x}.", l.q),
            format!("{x}回来了：撕掉{}的请求离开{shelf}；那封信也在架上等着，就在架上被撕掉了：信里的字不会再送到{x}那里。", s.zl(l.m)),
        ),
        (true, false) => s.p(
            format!("{x} is back: the request to tear up the letter{} leaves the {shelf} first, ahead of the letters waiting there.", l.q),
            format!("{x}回来了：撕掉{}的请求先离开{shelf}，走在等着的信前面。", s.zl(l.m)),
        ),
        (false, true) => s.p(
            format!("The post office tears up the letter{} waiting on the {shelf} for {x}, and sends {x} the request: “tear up your copy, if you have one”.", l.q),
            format!("邮局把架上等着送给{x}的{}撕掉，再给{x}送去请求：手机里要是有这封信，也请撕掉。", s.zl(l.m)),
        ),
        (false, false) => s.p(
            format!("The post office sends {x} the request to tear up {}'s letter{}.", l.a, l.q),
            format!("邮局给{x}送去请求：请把{}的{}撕掉。", l.a, s.zl(l.m)),
        ),
    }
}

/// An addressee is away: the recall waits on the shelf beside its letter.
pub(super) fn shelved(s: &S, l: &AboutLetter, to: DeviceIdx, letter_on_shelf: bool) -> String {
    let x = s.dev(to);
    if s.eng() {
        let (en, zh) = match letter_on_shelf {
            true => (
                ", beside the message it cancels",
                "，和它要撤回的消息放在一起",
            ),
            false => (
                " (the message itself was delivered before)",
                "（那条消息之前已经送达）",
            ),
        };
        return s.p(
            format!(
                "{x} is offline: recall:N for {} is stored offline{en}.",
                l.id
            ),
            format!("{x}不在线：{} 的 recall:N 存进离线存储{zh}。", l.id),
        );
    }
    let shelf = s.t(Thing::Shelf);
    match letter_on_shelf {
        true => s.p(
            format!("{x} is not connected: the request to tear it up waits on the {shelf}, beside the letter it cancels."),
            format!("{x}不在线：撕信的请求放在{shelf}上，就在它要撤回的那封信旁边。"),
        ),
        false => s.p(
            format!("{x} is not connected: the request to tear up the copy {x}'s phone already has waits on the {shelf}."),
            format!("{x}不在线：撕掉{x}手机里那一份的请求，放在{shelf}上等着。"),
        ),
    }
}

/// A phone tears up its copy: the bubble becomes "… recalled a message".
pub(super) fn recalled(s: &S, l: &AboutLetter, seen_ms: Option<u64>, early: bool) -> String {
    let (u, a) = (&l.u, &l.a);
    let own = u == a;
    let mailbox = s.t(Thing::Mailbox);
    if s.eng() {
        let seen = match seen_ms {
            Some(ms) => format!(" (it was displayed for {})", s.span(ms)),
            None => String::new(),
        };
        return match own {
            true => s.p(
                format!("{u}'s phone: recall:A, recall done; {} is deleted from the local database and the bubble shows “You recalled a message”.", l.id),
                format!("{u}的手机：收到 recall:A，撤回成功；{} 从本地数据库删除，气泡显示“你撤回了一条消息”。", l.id),
            ),
            false => s.p(
                format!("{u}'s phone: recall:N, {} deleted from the local database{seen}; the bubble shows “{a} recalled a message”.", l.id),
                format!("{u}的手机：收到 recall:N，从本地数据库删除 {}{}；气泡显示“{a}撤回了一条消息”。", l.id, seen_ms.map(|ms| format!("（它已显示了 {}）", s.span(ms))).unwrap_or_default()),
            ),
        };
    }
    match (own, seen_ms, early) {
        (true, _, _) => s.p(
            format!("The post office said yes: {u}'s phone tears up its own copy too. The words leave the {mailbox}; the bubble says “You recalled a message”."),
            format!("邮局同意了：{u}的手机也把自己那份撕掉。字从{mailbox}里消失，气泡变成“你撤回了一条消息”。"),
        ),
        (false, Some(ms), _) => {
            let seen = s.span(ms);
            s.p(
                format!("{u}'s phone tears it up: the words leave the {mailbox}; the bubble says “{a} recalled a message”. But it was on the screen for {seen}: what was seen stays seen."),
                format!("{u}的手机把信撕了：字从{mailbox}里消失，气泡变成“{a}撤回了一条消息”。可它已在屏幕上待了 {seen}：看过的就是看过了。"),
            )
        }
        (false, None, _) => s.p(
            format!("The request to tear up the letter{} reaches {u}'s phone, which has not had the letter: “{a} recalled a message” stands in its place. Its words will never be shown.", l.q),
            format!("撕掉{}的请求到了{u}的手机，这部手机还没收到过那封信：那封信的位置显示“{a}撤回了一条消息”。信里的字永远不会显示出来。", s.zl(l.m)),
        ),
    }
}

/// The writer's phone hears the post office's "no".
pub(super) fn declined(s: &S, l: &AboutLetter, why: RecallRefusal) -> String {
    let (u, limit) = (&l.u, s.span(s.ctx.settings.recall_limit_ms));
    if s.eng() {
        return s.p(
            format!(
                "{u}'s phone: recall:A, refused ({}); the bubble is unchanged.",
                match why {
                    RecallRefusal::TooLate => "too_late",
                    RecallRefusal::NotAccepted => "not_accepted",
                }
            ),
            format!(
                "{u}的手机：收到 recall:A，被拒绝（{}），气泡不变。",
                match why {
                    RecallRefusal::TooLate => "too_late",
                    RecallRefusal::NotAccepted => "not_accepted",
                }
            ),
        );
    }
    match why {
        RecallRefusal::TooLate => s.p(
            format!("{u}'s phone hears back: “sent more than {limit} ago: it can't be recalled”. The letter stays, on every screen."),
            format!("{u}的手机收到回复：“发送时间超过 {limit}，无法撤回”。信还在，每块屏幕上都在。"),
        ),
        RecallRefusal::NotAccepted => s.p(
            format!("{u}'s phone hears back: the post office never had it. Nothing changes."),
            format!("{u}的手机收到回复：邮局从没收到过它。什么也没变。"),
        ),
    }
}

/// "1 person", "2 people" (who are asked to tear up their copy).
fn people(s: &S, n: u32) -> String {
    match (n, s.lang) {
        (1, Lang::En) => with_unit(1, "person"),
        (n, Lang::En) => with_unit(n, "people"),
        (n, Lang::Zh) => format!("{}个人", crate::words::counted::zh_count(n as usize)),
    }
}
