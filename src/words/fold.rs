//! The timeline's lines: one per narrated event, but repeats folded — events of one
//! kind, by one actor, in the same millisecond, about several letters become one
//! line that names them all ("the post office sends her the 3 letters waiting on
//! the shelf, oldest first"), as do a group letter's copies for several members.
//! Heartbeats fold into one line per phone, and a run with losses ends with a
//! tally: what was lost, what was sent again, whether the order held.
//!
//! The window tells one event per beat (a class steps through them one at a time)
//! and folds nothing: there, every caption names its letter.

mod several;

use std::collections::BTreeMap;

use super::caption::{S, Thing, frame_lost, notes, tidy};
use super::counted::{self, zh_count};
use super::{Context, Register, count_zh, list, phone_of, pick, plural, tag, with_unit};
use crate::sim::facts::Facts;
use crate::sim::kinds::Fold;
use crate::sim::view::View;
use crate::sim::{
    Actor, Dest, Envelope, Event, FrameKind, Lang, MsgId, ShelfWhy, Time, UserIdx, What,
};

/// One line of the timeline: its time (none for the closing lines), its tag and
/// its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub at: Option<Time>,
    pub tag: String,
    pub text: String,
    /// The first trace event it tells (none for the closing lines).
    pub event: Option<usize>,
}

/// What events fold together by: the same actor doing the same thing to several
/// letters, or one group letter's copies for several members.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum Key {
    /// The actor, the event, its details, and the letters' writer.
    Letters(Actor, &'static str, [u32; 4], u32),
    Copies(MsgId, &'static str, u32),
}

fn key(e: &Event) -> Option<Key> {
    let m = e.msg.as_ref()?;
    let group = matches!(m.to, Dest::Group(_));
    // Letters from different writers never fold into one line where the line
    // names one writer (its avatar, the order they wrote them in); the post
    // office's sorting and shelving name none.
    let k = |kind: &'static str, p: [u32; 4]| {
        let writer = match kind {
            "forward" | "unshelve" | "shelve" => u32::MAX,
            _ => m.from().0,
        };
        Some(Key::Letters(e.actor, kind, p, writer))
    };
    match &e.what {
        What::Send => k("send", [0; 4]),
        What::Receive => k("receive", [0; 4]),
        What::Verify { .. } if !group => k("verify", [0; 4]),
        What::Forward { .. } if group => Some(Key::Copies(m.id, "forward", 0)),
        What::Forward { to } => k("forward", [to.0, 0, 0, 0]),
        What::Unshelve { to } => k("unshelve", [to.0, 0, 0, 0]),
        What::Arrive => k("arrive", [0; 4]),
        What::File => k("file", [0; 4]),
        What::Display { .. } => k("display", [0; 4]),
        What::WaitForConnection => k("wait", [0; 4]),
        What::Receipt => k("receipt", [0; 4]),
        What::Acknowledged { by, told, device } => {
            k("acknowledged", [by.0, u32::from(*told), device.0, 0])
        }
        What::Delivered { count, of } if !group || count >= of => {
            k("delivered", [u32::from(count >= of), 0, 0, 0])
        }
        What::Shelve { why, .. } if group => Some(Key::Copies(m.id, "shelve", *why as u32)),
        What::Shelve { to, why } => k("shelve", [to.0, *why as u32, 0, 0]),
        What::Retry { frame, attempt, to } => k(
            "retry",
            [*frame as u32, *attempt, to.map_or(u32::MAX, |t| t.0), 0],
        ),
        What::FrameLost {
            user,
            dir,
            frame,
            cause,
            ..
        } => k("lost", [user.0, *dir as u32, *frame as u32, *cause as u32]),
        What::Duplicate => k("duplicate", [0; 4]),
        _ => None,
    }
}

/// The timeline of the context's trace, line by line: narrated events (folded),
/// every heartbeat and login when `heartbeats`, else one line per phone for them,
/// and the tally.
pub fn timeline(
    ctx: &Context,
    lang: Lang,
    reg: Register,
    heartbeats: bool,
    mut emit: impl FnMut(Line) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let trace = ctx.trace();
    let s = S { ctx, lang, reg };
    // Per phone: heartbeats, logins.
    let mut folded: BTreeMap<crate::sim::DeviceIdx, (usize, usize)> = BTreeMap::new();
    let mut start = 0;
    while start < trace.len() {
        let at = trace[start].at;
        let end = start + trace[start..].iter().take_while(|e| e.at == at).count();
        // The lines of this millisecond: groups of event indices, in the order their
        // first event came.
        let mut groups: Vec<(Option<Key>, Vec<usize>)> = Vec::new();
        // Where each key's group is (a lookup only: the order is the groups' own),
        // so that thousands of events in one millisecond are not compared in pairs.
        let mut group_of: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
        for (i, e) in trace.iter().enumerate().take(end).skip(start) {
            let upkeep = e.what.row().fold == Fold::Upkeep;
            if upkeep && !heartbeats {
                if let Actor::Phone(u) = e.actor {
                    let f = folded.entry(u).or_insert((0, 0));
                    if e.what == What::Heartbeat {
                        f.0 += 1;
                    } else {
                        f.1 += 1;
                    }
                }
                continue;
            }
            if !(e.is_narrated() || upkeep) {
                continue;
            }
            let k = key(e);
            match k.as_ref().and_then(|k| group_of.get(k)) {
                Some(&g) => groups[g].1.push(i),
                None => {
                    if let Some(k) = &k {
                        group_of.insert(k.clone(), groups.len());
                    }
                    groups.push((k, vec![i]));
                }
            }
        }
        for (k, members) in groups {
            let text = if members.len() == 1 || k.is_none() {
                super::caption(ctx, members[0], lang, reg)
            } else {
                let mut t = many(&s, &members);
                t.push_str(&notes(&s, &members));
                super::caption::devices_said(tidy(t, lang), ctx.world, lang)
            };
            emit(Line {
                at: Some(at),
                tag: tag(&trace[members[0]], lang),
                text,
                event: Some(members[0]),
            })?;
        }
        start = end;
    }
    for (u, (beats, logins)) in folded {
        if let Some(text) = upkeep_line(&s, u, beats, logins) {
            let text = super::caption::devices_said(text, ctx.world, lang);
            emit(Line {
                at: None,
                tag: String::new(),
                text,
                event: None,
            })?;
        }
    }
    if let Some(t) = tally(ctx, lang, reg) {
        emit(Line {
            at: None,
            tag: pick(lang, "In all", "总计").to_string(),
            text: t,
            event: None,
        })?;
    }
    Ok(())
}

/// "♥ In the 35 s of this run, Li Lei's phone said “still here” twice (every 15
/// s)." — the run's length (to its last event), the interval, the log-ins only
/// where there were more than one; the `--heartbeats` flag that lists them only in
/// the engineer register. `None` where there is nothing to say (no heartbeat, one
/// log-in).
fn upkeep_line(s: &S, u: crate::sim::DeviceIdx, beats: usize, logins: usize) -> Option<String> {
    let name = s.dev(u);
    let end = s.ctx.trace().last().map_or(0, |e| e.at);
    let run = ((end + 500) / 1000).max(1);
    let every = s.ctx.settings.heartbeat.interval_ms;
    let every = if every.is_multiple_of(1000) {
        format!("{}", every / 1000)
    } else {
        format!("{}.{:03}", every / 1000, every % 1000)
            .trim_end_matches('0')
            .to_string()
    };
    let eng = s.reg == Register::Engineer;
    // The log-ins: every one in engineer, else only when there was more than one.
    let logins = if eng || logins > 1 { logins } else { 0 };
    if beats == 0 && logins == 0 {
        return None;
    }
    let times = |n: usize| match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => with_unit(n, "times"),
    };
    Some(match s.lang {
        Lang::En => {
            let said = match (beats, s.reg) {
                (0, _) => None,
                (n, Register::Story) => Some(format!(
                    "said “still here” {} (every {})",
                    times(n),
                    with_unit(&every, "s")
                )),
                (n, _) => Some(format!(
                    "sent {} (every {})",
                    plural(n, "heartbeat", "heartbeats"),
                    with_unit(&every, "s")
                )),
            };
            let log = match logins {
                0 => None,
                n if eng && said.is_some() => Some(plural(n, "login", "logins")),
                n if eng => Some(format!("sent {}", plural(n, "login", "logins"))),
                n => Some(format!("had to log in {}", times(n))),
            };
            let did = [said, log]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" and ");
            let flag = if eng {
                " (--heartbeats lists them)"
            } else {
                ""
            };
            format!(
                "♥ In the {} of this run, {name}'s phone {did}{flag}.",
                with_unit(run, "s")
            )
        }
        Lang::Zh => {
            let said = match (beats, s.reg) {
                (0, _) => None,
                (n, Register::Story) => Some(format!(
                    "每 {}报一声“我还在”，一共 {}",
                    with_unit(&every, "秒"),
                    with_unit(n, "次")
                )),
                (n, _) => Some(format!(
                    "每 {}发一次心跳，一共 {}",
                    with_unit(&every, "秒"),
                    with_unit(n, "次")
                )),
            };
            let log = match logins {
                0 => None,
                n if eng => Some(format!("登录请求 {}", with_unit(n, "次"))),
                n if said.is_some() => Some(format!("还登录了 {}", with_unit(n, "次"))),
                n => Some(format!("登录了 {}", with_unit(n, "次"))),
            };
            let sep = if eng { "；" } else { "，" };
            let did = [said, log]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(sep);
            let flag = if eng {
                "（--heartbeats 可逐条列出）"
            } else {
                ""
            };
            format!("♥ 这 {}里，{name}的手机{did}{flag}。", with_unit(run, "秒"))
        }
    })
}

/// One line for several events of one kind.
fn many(s: &S, idx: &[usize]) -> String {
    use Thing as T;
    let trace = s.ctx.trace();
    let first = &trace[idx[0]];
    let letters: Vec<&Envelope> = idx
        .iter()
        .filter_map(|&i| trace[i].msg.as_deref())
        .collect();
    let m = letters[0];
    let n = letters.len();
    let items: Vec<String> = letters.iter().map(|l| s.item(l)).collect();
    let names = list(&items, s.lang);
    let a = s.name(m.from());
    let u = phone_of(first).map(|u| s.dev(u)).unwrap_or_default();
    // Small counts in words in Chinese too: 三封信.
    let zn = count_zh(n);
    let en_n = super::count_en(n);
    let nl = s.p(
        if n == 1 {
            "letter".to_string()
        } else {
            format!("{en_n} letters")
        },
        format!("{zn}封信"),
    );
    // A group letter's copies for several members.
    if matches!(m.to, Dest::Group(_)) && letters.iter().all(|l| l.id == m.id) {
        let members: Vec<String> = idx
            .iter()
            .filter_map(|&i| match trace[i].what {
                What::Forward { to } | What::Shelve { to, .. } => Some(s.dev(to)),
                _ => None,
            })
            .collect();
        let who = list(&members, s.lang);
        let q = s.q(m);
        return match &first.what {
            What::Forward { .. } if s.eng() => s.p(
                format!(
                    "Message forwarding: msg:N {} goes down the long connections of {who}.",
                    s.id(m)
                ),
                format!("消息转发：msg:N（{}）沿{who}的长连接发出。", s.id(m)),
            ),
            What::Forward { .. } => {
                let (sorting, line) = (s.t(T::Sorting), s.t(T::Line));
                s.p(
                    format!("The {sorting} makes a copy of the letter{q} for each of {who} and sends each down its own {line}."),
                    format!("{sorting}给{who}各复制一份{}，分别沿各自的{line}送过去。", s.zl(m)),
                )
            }
            _ => {
                let shelf = s.t(T::Shelf);
                s.p(
                    format!("{who} are not online, so the post office keeps their copies of the letter{q} on its {shelf} until they log in."),
                    format!("{who}不在线，邮局把给他们的那几份{}放在{shelf}上，等他们登录再送。", s.zl(m)),
                )
            }
        };
    }
    let eng = s.eng();
    let l = several::Several {
        eng,
        n,
        m,
        first,
        letters: &letters,
        names: &names,
        a: &a,
        u: &u,
        zn: &zn,
        en_n: &en_n,
        nl: &nl,
    };
    match &first.what {
        What::Send => several::send(s, &l),
        What::Receive => several::receive(s, &l),
        What::Verify { .. } => several::verify(s, &l),
        What::Forward { to } | What::Unshelve { to } => several::forward(s, &l, to, matches!(first.what, What::Unshelve { .. })),
        What::Arrive => several::arrive(s, &l),
        // Step 8: the network module stores, as in the article.
        What::File => several::file(s, &l),
        What::Display { .. } => several::display(s, &l, idx.iter().any(|&i| matches!(trace[i].what, What::Display { before, .. } if before > 0))),
        What::WaitForConnection => several::wait_for_connection(s, &l),
        What::Receipt => several::receipt(s, &l),
        What::Acknowledged { by, told, device } => several::acknowledged(s, &l, by, *device, told),
        What::Delivered { .. } => several::delivered(s, &l),
        What::Shelve { to, why } => several::shelve(s, &l, to, why),
        What::Retry { frame, attempt, to } => match (frame, to) {
            (FrameKind::MsgN, Some(t)) => {
                let t = s.dev(*t);
                if eng {
                    return s.p(
                        format!("No ack:R from {t}: the server resends msg:N {names} ({}).", s.again(*attempt)),
                        format!("没收到{t}的 ack:R：服务器重发 msg:N（{names}，{}）。", s.again(*attempt)),
                    );
                }
                s.p(
                    format!("The post office has not heard {t}'s phone sign for the {en_n} letters ({names}): it sends them down again ({}).", s.again(*attempt)),
                    format!("邮局一直没等到{t}的手机签收这{zn}封信（{names}），就把它们再送一次（{}）。", s.again(*attempt)),
                )
            }
            (FrameKind::AckN, _) => s.p(
                format!("{a}'s phone has not answered “got the news” yet: the post office sends the news of the {en_n} deliveries ({names}) again ({}).", s.again(*attempt)),
                format!("{a}的手机还没有回“知道了”：邮局把{zn}封信（{names}）的送达通知再发一次（{}）。", s.again(*attempt)),
            ),
            _ => {
                if eng {
                    return s.p(
                        format!("No msg:A in time: {a}'s phone resends msg:R {names} ({}).", s.again(*attempt)),
                        format!("没及时收到 msg:A：{a}的手机重发 msg:R（{names}，{}）。", s.again(*attempt)),
                    );
                }
                let mailbox = s.t(T::Mailbox);
                s.p(
                    format!("No receipts yet: {a}'s phone takes the copies from its {mailbox} and sends the {en_n} letters ({names}) again, with the same numbers ({}).", s.again(*attempt)),
                    format!("还没收到回执：{a}的手机从{mailbox}里取出存好的副本，把{zn}封信（{names}）原样再发一次，编号不变（{}）。", s.again(*attempt)),
                )
            }
        },
        What::FrameLost {
            user,
            dir,
            frame,
            cause,
            ..
        } => {
            // "The post office's receipts for “one” and “two” to Li Lei get lost".
            let one = frame_lost(s, None, *user, *dir, *frame, *cause);
            s.p(
                format!("{}{} at once, for {names}: {one}", en_n[..1].to_uppercase(), &en_n[1..]),
                format!("一下子{}个，{names}：{one}", count_zh(n)),
            )
        }
        What::Duplicate => several::duplicate(s, &l),
        _ => idx
            .iter()
            .map(|&i| super::caption(s.ctx, i, s.lang, s.reg))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// "Given up as not sent: 2 letters, both sent again afterwards.": a letter given
/// up and then sent again is not "not sent" at the end, so the sentence says it
/// went again (how it ended, the "Sent again" part and the recap tell).
fn given_up(s: &S, f: &Facts) -> String {
    let gave_up = f.gave_up;
    let again = f.gave_up_then_resent;
    let (en_again, zh_again) = match (again, again == gave_up) {
        (0, _) => (String::new(), String::new()),
        (1, true) => (
            ", then sent again".to_string(),
            "，后来又重发了".to_string(),
        ),
        (2, true) => (
            ", both sent again afterwards".to_string(),
            "，后来都重发了".to_string(),
        ),
        (_, true) => (
            ", all sent again afterwards".to_string(),
            "，后来都重发了".to_string(),
        ),
        (n, false) => (
            format!(", {n} of them sent again afterwards"),
            format!("，其中{}封后来重发了", zh_count(n)),
        ),
    };
    s.p(
        format!(
            "Given up as not sent: {}{en_again}.",
            plural(gave_up, "letter", "letters")
        ),
        format!("发送失败：{}封信{zh_again}。", zh_count(gave_up)),
    )
}

/// The closing tally of a run with losses, retries or copies: how many frames were
/// lost on the way (and of what kind), how many sent again, how many copies
/// recognised, and whether each screen shows each sender's letters in the order
/// they were written. `None` for a run without trouble.
pub fn tally(ctx: &Context, lang: Lang, reg: Register) -> Option<String> {
    let trace = ctx.trace();
    let f = Facts::of(ctx.world, trace);
    let (lost, again, copies) = (f.lost_in_all(), f.again_in_all(), f.copies());
    let s = S { ctx, lang, reg };
    // The dots and "typing…" (issue 22): a story without them says nothing more.
    let beside = [
        counted::presence_sentence(&s, &f),
        counted::recall_sentence(&s, &f),
        counted::parcel_sentence(&s, &f),
    ]
    .into_iter()
    .flatten()
    .reduce(|a, b| format!("{a}{}{b}", pick(lang, " ", "")));
    if lost + again + copies == 0 {
        return beside;
    }
    let overtaken = f.overtaken;
    let gave_up = f.gave_up;
    let mut parts = Vec::new();
    if lost > 0 {
        let items = counted::lost_items(&s, &f);
        let all = if items.len() > 2 {
            s.p(
                format!(" ({lost} in all)"),
                format!("（一共{}样）", zh_count(lost)),
            )
        } else {
            String::new()
        };
        let items = if s.en() {
            list(&items, Lang::En)
        } else {
            items.join("、")
        };
        parts.push(s.p(
            format!("Lost on the way{all}: {items}."),
            format!("途中丢失{all}：{items}。"),
        ));
    }
    if again > 0 {
        let items: Vec<String> = counted::again_items(&s, &f)
            .iter()
            .map(|a| a.item(&s))
            .collect();
        parts.push(s.p(
            format!("Sent again: {}.", list(&items, Lang::En)),
            // Each item says "重发了" itself.
            format!("{}。", items.join("，")),
        ));
    }
    if copies > 0 {
        let c = counted::copies_tally(&s, &f);
        parts.push(s.p(
            format!("Copies recognised by their number: {c}."),
            format!("凭编号认出的重复的信：{c}。"),
        ));
    }
    if gave_up > 0 {
        parts.push(given_up(&s, &f));
    }
    let mut out = parts.join(pick(lang, " ", ""));
    // The order on each screen, for each sender with more than one letter there.
    let view = View::of_trace(ctx.world, trace);
    let mut orders = Vec::new();
    for (to, phone) in view.phones.iter().enumerate() {
        // By sender and conversation: a group's letters are numbered apart.
        // (Issue 27: each device numbers its own letters: by writing device.)
        let mut by_sender: BTreeMap<(UserIdx, u8, crate::sim::Dest), Vec<u32>> = BTreeMap::new();
        for b in &phone.chat {
            if let Some(l) = view.letters.get(&b.id)
                && l.from() != phone.owner
            {
                by_sender
                    .entry((l.from(), l.id.slot(), l.to))
                    .or_default()
                    .push(l.seq);
            }
        }
        for ((from, _, _), seqs) in by_sender.into_iter().filter(|(_, v)| v.len() > 1) {
            let kept = seqs.is_sorted();
            let (x, y) = (s.dev(crate::sim::DeviceIdx(to as u32)), s.name(from));
            let k = seqs.len();
            orders.push((
                kept,
                match (kept, lang) {
                    (true, Lang::En) => {
                        format!("{x}'s screen shows {y}'s {k} letters in the order {y} wrote them")
                    }
                    (false, Lang::En) => {
                        format!("{x}'s screen shows {y}'s {k} letters out of order")
                    }
                    (true, Lang::Zh) => {
                        format!("{x}的屏幕上，{y}的{}封信和{y}写的顺序一样", zh_count(k))
                    }
                    (false, Lang::Zh) => {
                        format!("{x}的屏幕上，{y}的{}封信顺序乱了", zh_count(k))
                    }
                },
            ));
        }
    }
    if !orders.is_empty() {
        let all_kept = orders.iter().all(|(kept, _)| *kept);
        let orders: Vec<String> = orders.into_iter().map(|(_, o)| o).collect();
        let early = if overtaken > 0 {
            s.p(
                format!(
                    " ({} overtaken on the way and put back in place by number)",
                    plural(overtaken, "letter was", "letters were")
                ),
                format!(
                    "（途中有{}封被后写的信超过，手机按编号放回原位）",
                    zh_count(overtaken)
                ),
            )
        } else {
            String::new()
        };
        let head = match (all_kept, lang) {
            (true, Lang::En) => "Order kept",
            (false, Lang::En) => "Order",
            (true, Lang::Zh) => "顺序不乱",
            (false, Lang::Zh) => "顺序",
        };
        let orders = if lang == Lang::En {
            list(&orders, Lang::En)
        } else {
            orders.join("；")
        };
        out.push_str(&s.p(
            format!(" {head}: {orders}{early}."),
            format!("{head}：{orders}{early}。"),
        ));
    }
    if let Some(b) = beside {
        out.push_str(pick(lang, " ", ""));
        out.push_str(&b);
    }
    Some(super::caption::devices_said(
        tidy(out, lang),
        s.ctx.world,
        lang,
    ))
}
