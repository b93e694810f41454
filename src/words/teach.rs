//! The teacher's words around the story: how a question and its answers are
//! headed, and the closing recap card — what happened, in three lines made from
//! the trace, then the scene's own recap questions and its "in real life" note.
//! The questions themselves are the scene's (`crate::scenario::question`).

use std::collections::BTreeSet;

use super::caption::{S, Thing};
use super::{Context, Register, count_en, count_zh, list, pick, plural, secs, stamp};
use crate::sim::view::View;
use crate::sim::{Bounce, Dest, Lang, MsgId, OfflineWhy, Status, Time, UserIdx, What};

/// The tag in front of a question in the timeline: `?  Ask the class`.
pub fn question_tag(lang: Lang) -> &'static str {
    pick(lang, "?  Ask the class", "？ 问问全班")
}

/// The tag in front of an answer: `   Answer`.
pub fn answer_tag(lang: Lang) -> &'static str {
    pick(lang, "   An answer", "   参考答案")
}

/// The headings of the recap card.
pub fn recap_heading(lang: Lang) -> &'static str {
    pick(lang, "Recap", "回顾")
}

/// "What happened" on the recap card.
pub fn happened_heading(lang: Lang) -> &'static str {
    pick(lang, "What happened", "发生了什么")
}

/// "Questions" on the recap card.
pub fn questions_heading(lang: Lang) -> &'static str {
    pick(lang, "Questions", "问题")
}

/// "In real life" on the recap card.
pub fn real_life_heading(lang: Lang) -> &'static str {
    pick(lang, "In real life", "现实中")
}

/// Said under the timeline for questions whose moment did not come in this run.
pub fn missed_heading(lang: Lang) -> &'static str {
    pick(
        lang,
        "Not asked: their moment did not come in this run (another seed, or --until)",
        "这次没有问到：它们的时机在这次运行中没有到来（换了随机种子，或用了 --until）",
    )
}

/// What became of the letters of a trace, read from what everyone sees at its end.
#[derive(Default)]
struct Fates {
    /// (sender, where to), letters written, in the order first written.
    written: Vec<(UserIdx, Dest, usize)>,
    total: usize,
    shown: usize,
    /// The quickest tap-to-screen time.
    quickest: Option<Time>,
    returned: Vec<Bounce>,
    not_sent: usize,
    /// Letters with a copy still on the offline shelf, or still inside a phone.
    on_shelf: usize,
    waiting: usize,
    /// Letters ever put on the offline shelf.
    shelved: BTreeSet<MsgId>,
    /// People marked offline because their heartbeats stopped.
    silent: Vec<UserIdx>,
    closed: bool,
    lost_on_the_way: usize,
    again: usize,
    copies: usize,
}

fn fates(ctx: &Context) -> Fates {
    let trace = ctx.trace();
    let mut f = Fates::default();
    for e in trace {
        let m = e.msg.as_ref();
        match &e.what {
            What::Edit { .. } => {
                let m = m.expect("a letter is written with its envelope");
                f.total += 1;
                match f
                    .written
                    .iter_mut()
                    .find(|(from, to, _)| *from == m.from() && *to == m.to)
                {
                    Some(w) => w.2 += 1,
                    None => f.written.push((m.from(), m.to, 1)),
                }
            }
            What::Display { .. } => {
                if let Some(m) = m {
                    let took = e.at.saturating_sub(m.written_at);
                    f.quickest = Some(f.quickest.map_or(took, |q| q.min(took)));
                }
            }
            What::Shelve { .. } => {
                if let Some(m) = m {
                    f.shelved.insert(m.id);
                }
            }
            What::MarkedOffline {
                user,
                why: OfflineWhy::Silent,
            } if !f.silent.contains(user) => f.silent.push(*user),
            What::PostOfficeClosed => f.closed = true,
            What::FrameLost { .. } if e.is_narrated() && m.is_some() => f.lost_on_the_way += 1,
            What::Retry { .. } => f.again += 1,
            What::Duplicate => f.copies += 1,
            _ => {}
        }
    }
    let view = View::from_trace(ctx.world.phones(), trace);
    let shown: BTreeSet<MsgId> = view.displayed.keys().map(|(_, id)| *id).collect();
    f.shown = shown.len();
    for (id, kept) in &view.kept {
        if !kept.shelf.is_empty() {
            f.on_shelf += 1;
        }
        match view.sender_sees(*id) {
            Some(Status::Returned(r)) => f.returned.push(r),
            Some(Status::Lost) => f.not_sent += 1,
            Some(Status::Waiting) => f.waiting += 1,
            _ => {}
        }
    }
    f
}

/// What happened, in three lines for the recap card: the letters written, what
/// became of them, and what happened on the way.
pub fn recap(ctx: &Context, lang: Lang, reg: Register) -> [String; 3] {
    let s = S { ctx, lang, reg };
    let f = fates(ctx);
    [written(&s, &f), became(&s, &f), on_the_way(&s, &f)]
}

/// "Li Lei wrote 3 letters to Han Meimei."
fn written(s: &S, f: &Fates) -> String {
    if f.total == 0 {
        return s.p("Nobody wrote a letter.".into(), "没有人写信。".into());
    }
    if f.written.len() > 3 {
        let people: BTreeSet<UserIdx> = f.written.iter().map(|(u, _, _)| *u).collect();
        return s.p(
            format!(
                "{} wrote {}.",
                plural(people.len(), "person", "people"),
                plural(f.total, "letter", "letters")
            ),
            format!("{} 个人一共写了 {} 封信。", people.len(), f.total),
        );
    }
    // Senders who wrote as many letters to the same place share one clause: "Jim
    // and Li Lei each wrote a letter to Han Meimei" / "吉姆和李雷各给韩梅梅写了一封信".
    let mut same: Vec<(Dest, usize, Vec<UserIdx>)> = Vec::new();
    for (from, to, n) in &f.written {
        match same.iter_mut().find(|(t, k, _)| t == to && k == n) {
            Some((_, _, senders)) => senders.push(*from),
            None => same.push((*to, *n, vec![*from])),
        }
    }
    let parts: Vec<String> = same
        .iter()
        .map(|(to, n, senders)| {
            let names: Vec<String> = senders.iter().map(|u| s.name(*u)).collect();
            let b = s.group_or_person(*to);
            let each = senders.len() > 1;
            match (s.lang, each) {
                (Lang::En, _) => {
                    let a = list(&names, Lang::En);
                    let letters = if *n == 1 {
                        "a letter".to_string()
                    } else {
                        format!("{} letters", count_en(*n))
                    };
                    let each = if each { " each" } else { "" };
                    format!("{a}{each} wrote {letters} to {b}")
                }
                (Lang::Zh, true) => {
                    format!("{}各给{b}写了{}封信", list(&names, Lang::Zh), count_zh(*n))
                }
                (Lang::Zh, false) => format!("{}给{b}写了{}封信", names[0], count_zh(*n)),
            }
        })
        .collect();
    s.p(
        format!("{}.", list(&parts, Lang::En)),
        format!("{}。", parts.join("；")),
    )
}

/// "Shown on a screen: 2 (the quickest in 0.134 s). Returned to sender: 1, stamped
/// “refused”."
fn became(s: &S, f: &Fates) -> String {
    if f.total == 0 {
        return s.p(
            "The phones only kept in touch with the post office.".into(),
            "手机只是和邮局保持着联系。".into(),
        );
    }
    let mut parts = Vec::new();
    let one = f.total == 1;
    let quick = f.quickest.map(|q| secs(q, s.lang)).unwrap_or_default();
    parts.push(match (f.shown, f.total, s.lang) {
        (0, 1, Lang::En) => "It never reached a screen.".to_string(),
        (0, 1, Lang::Zh) => "这封信没能显示在屏幕上。".to_string(),
        (0, _, Lang::En) => "None reached a screen.".to_string(),
        (0, _, Lang::Zh) => "没有一封显示在屏幕上。".to_string(),
        (1, 1, Lang::En) => format!("It reached the screen {quick} after Send."),
        (1, 1, Lang::Zh) => format!("从点“发送”到显示在屏幕上，用了 {quick}。"),
        (2, 2, Lang::En) => format!("Both reached a screen, the quickest {quick} after Send."),
        (n, t, Lang::En) if n == t => {
            format!("All {n} reached a screen, the quickest {quick} after Send.")
        }
        (1, t, Lang::En) => format!("1 of the {t} reached a screen, {quick} after Send."),
        (n, t, Lang::En) => {
            format!("{n} of the {t} reached a screen, the quickest {quick} after Send.")
        }
        (n, t, Lang::Zh) if n == t => {
            format!("{n} 封都显示在了屏幕上，最快的从点“发送”起用了 {quick}。")
        }
        (1, t, Lang::Zh) => {
            format!("{t} 封中有 1 封显示在了屏幕上，从点“发送”起用了 {quick}。")
        }
        (n, t, Lang::Zh) => {
            format!("{t} 封中有 {n} 封显示在了屏幕上，最快的从点“发送”起用了 {quick}。")
        }
    });
    if !f.returned.is_empty() {
        let mut stamps: Vec<String> = Vec::new();
        for r in &f.returned {
            let st = format!("“{}”", stamp(*r, s.lang));
            if !stamps.contains(&st) {
                stamps.push(st);
            }
        }
        let n = f.returned.len();
        let stamps_en = list(&stamps, Lang::En);
        let stamps_zh = stamps.join("、");
        parts.push(match (n, one, s.lang) {
            (_, true, Lang::En) => format!("It came back to its sender, stamped {stamps_en}."),
            (_, true, Lang::Zh) => format!("它被退回给寄信人，盖着{stamps_zh}的戳。"),
            (1, _, Lang::En) => format!("One came back to its sender, stamped {stamps_en}."),
            (n, _, Lang::En) => {
                format!(
                    "{} came back to their senders, stamped {stamps_en}.",
                    count_en(n)
                )
            }
            (n, _, Lang::Zh) => format!("{n} 封被退回给寄信人，盖着{stamps_zh}的戳。"),
        });
    }
    if f.not_sent > 0 {
        let mailbox = s.t(Thing::Mailbox);
        parts.push(match (one, s.lang) {
            (true, Lang::En) => format!(
                "Its bubble says “not sent”, but the letter is still in the {mailbox}, to send again."
            ),
            (true, Lang::Zh) => {
                format!("气泡旁显示“发送失败”，可信还存在{mailbox}里，可以再发。")
            }
            (false, Lang::En) => format!(
                "{} “not sent”, but {} still in the {mailbox}, to send again.",
                plural(f.not_sent, "letter shows", "letters show"),
                if f.not_sent == 1 { "it is" } else { "they are" }
            ),
            (false, Lang::Zh) => format!(
                "{} 封显示“发送失败”，可信还存在{mailbox}里，可以再发。",
                f.not_sent
            ),
        });
    }
    if f.on_shelf > 0 {
        let shelf = s.t(Thing::Shelf);
        parts.push(s.p(
            format!(
                "{} still waiting on the {shelf}.",
                plural(f.on_shelf, "letter is", "letters are")
            ),
            format!("{} 封还在{shelf}上等着。", f.on_shelf),
        ));
    }
    if f.waiting > 0 {
        let mailbox = s.t(Thing::Mailbox);
        parts.push(s.p(
            format!(
                "{} still waiting to leave the {mailbox}.",
                plural(f.waiting, "letter is", "letters are")
            ),
            format!("{} 封还在{mailbox}里等着寄出。", f.waiting),
        ));
    }
    parts.join(pick(s.lang, " ", ""))
}

/// What happened on the way: the offline shelf, silent phones, closing time,
/// losses and retries; or that nothing held the letters up.
fn on_the_way(s: &S, f: &Fates) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !f.silent.is_empty() {
        let names: Vec<String> = f.silent.iter().map(|u| s.name(*u)).collect();
        let beats = match s.reg {
            Register::Story => s.p("“still here”".into(), "“我还在”".into()),
            _ => s.p("heartbeats".into(), "心跳".into()),
        };
        parts.push(match (names.len(), s.lang) {
            (1, Lang::En) => format!(
                "the post office stopped hearing {beats} from {}'s phone and marked it offline",
                names[0]
            ),
            (_, Lang::En) => format!(
                "the post office stopped hearing {beats} from the phones of {} and marked them offline",
                list(&names, Lang::En)
            ),
            (_, Lang::Zh) => format!(
                "邮局收不到{}手机的{beats}，就把它标成了离线",
                names.join("、")
            ),
        });
    }
    if f.closed {
        parts.push(s.p(
            "the post office closed for a while and the phones came back by themselves".into(),
            "邮局关了一阵门，手机自己又连了回来".into(),
        ));
    }
    if !f.shelved.is_empty() {
        let shelf = s.t(Thing::Shelf);
        let n = f.shelved.len();
        parts.push(s.p(
            format!(
                "{} waited on the {shelf} for someone who was away",
                plural(n, "letter", "letters")
            ),
            format!("{n} 封信在{shelf}上等过不在线的人"),
        ));
    }
    if f.lost_on_the_way > 0 || f.again > 0 {
        let times = |n: usize| match n {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let mut en = Vec::new();
        let mut zh = Vec::new();
        if f.lost_on_the_way > 0 {
            en.push(format!("lost {}", times(f.lost_on_the_way)));
            zh.push(format!("在半路丢了 {} 次", f.lost_on_the_way));
        }
        if f.again > 0 {
            en.push(format!("sent again {}", times(f.again)));
            zh.push(format!("重发了 {} 次", f.again));
        }
        parts.push(s.p(
            format!("a letter or receipt was {}", en.join(" and ")),
            format!("信或回执{}", zh.join("，")),
        ));
    }
    if f.copies > 0 {
        parts.push(s.p(
            match f.copies {
                1 => "a copy was recognised by its number and shown once".to_string(),
                n => format!("{n} copies were recognised by their number and shown once"),
            },
            format!("{} 份重复的信被编号认了出来，只显示一次", f.copies),
        ));
    }
    if parts.is_empty() {
        let line = match s.reg {
            Register::Story => s.p("line".into(), "专线".into()),
            _ => s.p("long connection".into(), "长连接".into()),
        };
        return s.p(
            format!("Nothing was lost or held up on the way: every phone kept its {line} to the post office open, so it was instant."),
            format!("路上什么都没丢，也没有耽搁：每部手机和邮局之间的{line}一直连着，所以是“即时”的。"),
        );
    }
    s.p(
        format!("On the way: {}.", parts.join("; ")),
        format!("路上：{}。", parts.join("；")),
    )
}
