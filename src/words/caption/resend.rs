//! Issue 23's sentences: a letter sent again after its phone gave up (❗ tapped,
//! or by itself with `resend: Auto`), a tap that sends nothing, and a member
//! joining or leaving a group.

use super::*;
use crate::sim::{GroupIdx, NotResent};

/// ❗ tapped (or the phone by itself): the same letter goes again.
pub(super) fn resent(s: &S, l: &AboutLetter, auto: bool) -> String {
    use Thing as T;
    let (m, a, q, id, n) = (l.m, &l.a, &l.q, &l.id, l.n);
    if s.eng() {
        return match auto {
            true => s.p(
                format!("{a}'s phone is online again: it resends {id} by itself (msg:R, same id, from the local database), with its retry count reset."),
                format!("{a}的手机重新上线：自动重发 {id}（msg:R，编号不变，取自本地数据库），重试次数清零。"),
            ),
            false => s.p(
                format!("{a} taps ❗ on {id}: the phone resends it (msg:R, same id, from the local database), with its retry count reset."),
                format!("{a}点了 {id} 旁的感叹号：手机重发这条消息（msg:R，编号不变，取自本地数据库），重试次数清零。"),
            ),
        };
    }
    let mailbox = s.t(T::Mailbox);
    let no = with_unit(n, "封");
    match auto {
        true => s.p(
            format!("{a}'s phone gets through again, and by itself sends the letter{q} it had given up on (as WhatsApp does): the same letter, with the same number ({a}'s letter no. {n}), from the {mailbox}, with a fresh set of tries."),
            format!("{a}的手机又连得上了，自己把放弃过的{}再发一次（WhatsApp 就是这样）：还是同一封信，编号不变（{a}的第 {no}），从{mailbox}里取出，重新试几次。", s.zl(m)),
        ),
        false => s.p(
            format!("{a} taps the red ❗ beside the letter{q}: the phone sends the same letter again, with the same number ({a}'s letter no. {n}), from the {mailbox}, with a fresh set of tries."),
            format!("{a}点了{}旁边的红色感叹号：手机从{mailbox}里取出同一封信，编号不变（{a}的第 {no}），重新发出，再试几次。", s.zl(m)),
        ),
    }
}

/// ❗ tapped on a letter the phone had not given up on: nothing is sent.
pub(super) fn ignored(s: &S, m: Option<&Envelope>, u: &str, why: NotResent) -> String {
    let (q, zq) = match m {
        Some(m) => (s.q(m), s.zl(m)),
        None => (String::new(), "信".to_string()),
    };
    if s.eng() {
        let id = m.map(|m| s.id(m)).unwrap_or_default();
        let (en, zh) = match why {
            NotResent::Trying => (
                "it is still pending (not given up)",
                "它还在发送中（没有放弃）",
            ),
            NotResent::Posted => ("msg:A already came back", "已经收到 msg:A"),
            NotResent::Delivered => ("ack:N already came back", "已经收到 ack:N"),
            NotResent::Returned => ("the server returned it", "服务器已经退回"),
            NotResent::NotWritten => (
                "no such message in the local database yet",
                "本地数据库里还没有这条消息",
            ),
        };
        return s.p(
            format!("Resend on {u}'s phone ignored {id}: {en}; nothing is sent."),
            format!("{u}的手机忽略了重发 {id}：{zh}，什么也没发。"),
        );
    }
    let (en, zh) = match why {
        NotResent::Trying => (
            "the phone has not given up on it: it is still trying",
            "手机并没有放弃它，还在努力发送",
        ),
        NotResent::Posted => ("the post office already has it (✓)", "邮局已经收到了（✓）"),
        NotResent::Delivered => ("it has already been delivered (✓✓)", "它已经送到了（✓✓）"),
        NotResent::Returned => (
            "it came back stamped, and would only come back again",
            "它被盖章退回了，再发也只会被退回",
        ),
        NotResent::NotWritten => ("the phone has not written it yet", "手机还没写这封信"),
    };
    match why {
        NotResent::NotWritten => s.p(
            format!("{u} looks for a letter to send again, but {en}: nothing is sent."),
            format!("{u}想重发一封信，可是{zh}：什么也没发。"),
        ),
        _ => s.p(
            format!("{u} taps the letter{q} to send it again, but {en}: nothing is sent."),
            format!("{u}想重发{zq}，可是{zh}：什么也没发。"),
        ),
    }
}

/// `user` joins or leaves `group` at the post office.
pub(super) fn membership(s: &S, user: UserIdx, group: GroupIdx, join: bool) -> String {
    let (x, g) = (s.name(user), s.group(Dest::Group(group)));
    if s.eng() {
        return match join {
            true => s.p(
                format!("Group service: {x} joins {g}. Messages the server accepts from now on fan out to {x} too; earlier ones do not."),
                format!("群组服务：{x}加入了{g}。服务器此后接收的群消息也会发给{x}，之前的不会。"),
            ),
            false => s.p(
                format!("Group service: {x} leaves {g}. Messages the server accepts from now on skip {x}; ones already accepted still go to {x}."),
                format!("群组服务：{x}退出了{g}。服务器此后接收的群消息不再发给{x}，已经接收的照样发给{x}。"),
            ),
        };
    }
    let list = s.t(Thing::Members);
    match join {
        true => s.p(
            format!("{x} joins {g}: the post office adds {x} to its {list}. Letters it accepts from now on go to {x} too; the letters before do not (a new member sees no history)."),
            format!("{x}加入了{g}：邮局把{x}写进{list}。从现在起邮局收下的信也发给{x}；之前的信不补发（新成员看不到以前的聊天）。"),
        ),
        false => s.p(
            format!("{x} leaves {g}: the post office takes {x} off its {list}. Letters it accepts from now on do not go to {x}; letters it accepted before still do."),
            format!("{x}退出了{g}：邮局把{x}从{list}里划掉。从现在起邮局收下的信不再发给{x}；之前收下的信照样送到。"),
        ),
    }
}
