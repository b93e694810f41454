//! The teacher's words around the story: how a question and its answers are
//! headed, and the closing recap card — what happened, in three lines made from
//! the trace, then the scene's own recap questions and its "in real life" note.
//! The questions themselves are the scene's (`crate::scenario::question`).

use std::collections::BTreeSet;

use super::caption::{S, Thing, tidy};
use super::counted::{self, zh_count};
use super::{Context, Register, count_en, list, pick, plural, secs, stamp};
use crate::sim::facts::{Facts, Fate, Kind, Letter};
use crate::sim::{Bounce, Dest, Lang, Status, Time, UserIdx};

/// The mark in front of a question on the recap card: "?" beside English words,
/// the full-width "？" beside Chinese ones.
pub fn recap_question_mark(lang: Lang) -> &'static str {
    pick(lang, "?  ", "？ ")
}

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

/// What happened, in three lines for the recap card: the letters written, what
/// became of them, and what happened on the way. Every number and claim is a
/// fact counted from the trace ([`Facts`]).
pub fn recap(ctx: &Context, lang: Lang, reg: Register) -> [String; 3] {
    let s = S { ctx, lang, reg };
    let f = Facts::of(ctx.world, ctx.trace());
    let mut way = on_the_way(&s, &f);
    if let Some(p) = counted::presence_sentence(&s, &f) {
        way.push_str(s.p(" ".into(), String::new()).as_str());
        way.push_str(&p);
    }
    if let Some(r) = counted::recall_sentence(&s, &f) {
        way.push_str(s.p(" ".into(), String::new()).as_str());
        way.push_str(&r);
    }
    if let Some(p) = counted::parcel_sentence(&s, &f) {
        way.push_str(s.p(" ".into(), String::new()).as_str());
        way.push_str(&p);
    }
    if let Some(d) = counted::devices_sentence(&s, &f) {
        way.push_str(s.p(" ".into(), String::new()).as_str());
        way.push_str(&d);
    }
    if let Some(k) = counted::seal_sentence(&s, &f) {
        way.push_str(s.p(" ".into(), String::new()).as_str());
        way.push_str(&k);
    }
    [written(&s, &f), became(&s, &f), way]
        .map(|line| super::caption::devices_said(tidy(line, lang), ctx.world, lang))
}

/// "Li Lei wrote three letters to Han Meimei."; "Jim and Li Lei each wrote a
/// letter to Han Meimei."
fn written(s: &S, f: &Facts) -> String {
    if f.written() == 0 {
        return s.p("Nobody wrote a letter.".into(), "没有人写信。".into());
    }
    // (sender, where to) → letters, in the order first written.
    let mut pairs: Vec<(UserIdx, Dest, usize)> = Vec::new();
    for l in &f.letters {
        let (from, to) = (l.letter.from(), l.letter.to);
        match pairs.iter_mut().find(|(a, b, _)| *a == from && *b == to) {
            Some(p) => p.2 += 1,
            None => pairs.push((from, to, 1)),
        }
    }
    if pairs.len() > 3 {
        let people: BTreeSet<UserIdx> = pairs.iter().map(|(u, _, _)| *u).collect();
        let total = f.written();
        return s.p(
            format!(
                "{} wrote {}.",
                plural(people.len(), "person", "people"),
                plural(total, "letter", "letters")
            ),
            format!(
                "{}个人一共写了{}封信。",
                zh_count(people.len()),
                zh_count(total)
            ),
        );
    }
    // Senders who wrote as many letters to the same place go together.
    let mut together: Vec<(Vec<UserIdx>, Dest, usize)> = Vec::new();
    for (from, to, n) in pairs {
        match together.iter_mut().find(|(_, b, k)| *b == to && *k == n) {
            Some(t) => t.0.push(from),
            None => together.push((vec![from], to, n)),
        }
    }
    let parts: Vec<String> = together
        .iter()
        .map(|(from, to, n)| {
            let names: Vec<String> = from.iter().map(|u| s.name(*u)).collect();
            let b = s.group_or_person(*to);
            let each = names.len() > 1;
            match s.lang {
                Lang::En => {
                    let a = list(&names, Lang::En);
                    let letters = if *n == 1 {
                        "a letter".to_string()
                    } else {
                        format!("{} letters", count_en(*n))
                    };
                    if each {
                        format!("{a} each wrote {letters} to {b}")
                    } else {
                        format!("{a} wrote {letters} to {b}")
                    }
                }
                Lang::Zh => {
                    let a = names.join("和");
                    let k = zh_count(*n);
                    if each {
                        format!("{a}各给{b}写了{k}封信")
                    } else {
                        format!("{a}给{b}写了{k}封信")
                    }
                }
            }
        })
        .collect();
    s.p(
        format!("{}.", list(&parts, Lang::En)),
        format!("{}。", parts.join("；")),
    )
}

/// "“Now we are friends!”" / "It": a letter as the subject of its own sentence.
fn subject(s: &S, f: &Facts, l: &Letter) -> String {
    if f.written() == 1 {
        return s.p("It".into(), "它".into());
    }
    if s.eng() {
        let id = s.id(&l.letter);
        return s.p(id.clone(), format!(" {id} "));
    }
    format!("“{}”", s.text(&l.letter))
}

/// Where one letter ended, in a sentence: the screens it reached and when, or
/// that it came back, was given up on, or still waits.
fn letter_fate(s: &S, f: &Facts, l: &Letter) -> String {
    let who = subject(s, f, l);
    let shelf = s.t(Thing::Shelf);
    let mailbox = s.t(Thing::Mailbox);
    match l.fate() {
        Fate::Shown => {
            let mut screens: Vec<String> = Vec::new();
            if l.screens.len() > 4 {
                let d: Vec<Time> = l
                    .screens
                    .iter()
                    .map(|(u, _)| l.took(*u).unwrap_or_default())
                    .collect();
                let (a, b) = (secs(d[0], s.lang), secs(d[d.len() - 1], s.lang));
                screens.push(s.p(
                    format!(
                        "{} screens, the first {a} after Send and the last {b}",
                        l.screens.len()
                    ),
                    format!(
                        "{}部手机的屏幕上，最早的在点“发送”后 {a}，最晚的 {b}",
                        l.screens.len()
                    ),
                ));
            } else {
                for (k, (u, _)) in l.screens.iter().enumerate() {
                    let t = secs(l.took(*u).unwrap_or_default(), s.lang);
                    let name = s.dev(*u);
                    screens.push(match (k, s.lang) {
                        (0, Lang::En) => format!("{name}'s screen {t} after Send"),
                        (_, Lang::En) => format!("{name}'s {t} after Send"),
                        (0, Lang::Zh) => format!("在点“发送”后 {t}出现在{name}的屏幕上"),
                        (_, Lang::Zh) => format!("{t}后出现在{name}的屏幕上"),
                    });
                }
            }
            let mut out = match s.lang {
                Lang::En if l.screens.len() > 4 => format!("{who} reached {}", screens[0]),
                Lang::En => format!("{who} reached {}", list(&screens, Lang::En)),
                Lang::Zh if l.screens.len() > 4 => format!("{who}出现在{}", screens[0]),
                Lang::Zh => format!("{who}{}", screens.join("，")),
            };
            if !l.on_shelf.is_empty() {
                let names: Vec<String> = l.on_shelf.iter().map(|u| s.dev(*u)).collect();
                out.push_str(&s.p(
                    format!(
                        "; the {} for {} {} still waiting on the {shelf}",
                        if names.len() == 1 { "copy" } else { "copies" },
                        list(&names, Lang::En),
                        if names.len() == 1 { "is" } else { "are" },
                    ),
                    format!("；给{}的那份还在{shelf}上等着", names.join("、")),
                ));
            }
            if l.sender_sees == Some(Status::Lost) {
                out.push_str(&s.p(
                    format!(
                        ", though {} gave up on it and shows “not sent”",
                        s.phone(s.ctx.world.writer(l.letter.id))
                    ),
                    format!(
                        "，可{}已经放弃，显示“发送失败”",
                        s.phone(s.ctx.world.writer(l.letter.id))
                    ),
                ));
            }
            out
        }
        Fate::Returned => {
            let st = stamp(l.returned().unwrap_or(Bounce::NotFriends), s.lang);
            s.p(
                format!("{who} came back stamped “{st}”"),
                format!("{who}盖着“{st}”的戳退了回来"),
            )
        }
        Fate::NotSent => s.p(
            format!("{who} shows “not sent”, but it is still in the {mailbox}, to send again"),
            format!("{who}显示“发送失败”，可信还存在{mailbox}里，可以再发"),
        ),
        Fate::OnShelf => s.p(
            format!("{who} is still waiting on the {shelf}"),
            format!("{who}还在{shelf}上等着"),
        ),
        Fate::InPhone => s.p(
            format!("{who} is still waiting to leave the {mailbox}"),
            format!("{who}还在{mailbox}里等着寄出"),
        ),
        Fate::Recalled => s.p(
            format!("{who} was taken back before any screen showed it"),
            format!("{who}在显示到屏幕上之前就被撤回了"),
        ),
        Fate::OnTheWay => s.p(
            format!("{who} was still on its way when the run ended"),
            format!("运行结束时{who}还在路上"),
        ),
    }
}

/// Whether the letters' ends differ, or a letter reached more than one screen, or
/// only some of its recipients: then each letter is told on its own.
fn told_one_by_one(f: &Facts) -> bool {
    let fates: BTreeSet<Fate> = f.letters.iter().map(Letter::fate).collect();
    f.written() <= 3
        && (fates.len() > 1
            || f.letters.iter().any(|l| {
                l.screens.len() > 1
                    || (!l.screens.is_empty() && !l.on_shelf.is_empty())
                    || (!l.screens.is_empty() && l.sender_sees == Some(Status::Lost))
            }))
}

/// "Shown on a screen: 2 (the quickest in 0.134 s). Returned to sender: 1, stamped
/// “refused”."; with mixed ends, each letter on its own: "“Now we are friends!”
/// reached Lucy's screen 0.187 s after Send; “Want to be friends?” came back
/// stamped “not friends”."
fn became(s: &S, f: &Facts) -> String {
    let total = f.written();
    if total == 0 {
        return s.p(
            "The phones only kept in touch with the post office.".into(),
            "手机只是和邮局保持着联系。".into(),
        );
    }
    if told_one_by_one(f) {
        let parts: Vec<String> = f
            .letters
            .iter()
            .map(|l| letter_fate(s, f, l).trim().to_string())
            .collect();
        return s.p(
            format!("{}.", parts.join("; ")),
            format!("{}。", parts.join("；")),
        );
    }
    let mut parts = Vec::new();
    let one = total == 1;
    let shown = f.count(Fate::Shown);
    let d = f.delivery_ms();
    let quick = d.first().map(|q| secs(*q, s.lang)).unwrap_or_default();
    // With chats (issue 25) a letter reaches a phone, and is on its screen only
    // in its open chat: the recap says "phone", as the captions do.
    let chats = f.reads.chats;
    let on = on_screens(s, shown, total, &quick);
    parts.push(match chats {
        true => on
            .replace("reached a screen", "reached a phone")
            .replace("reached the screen", "reached the phone")
            .replace("出现在屏幕上", "送到了手机上")
            .replace("显示在屏幕上", "送到手机上"),
        false => on,
    });
    let screens = f.screens();
    if screens != shown {
        parts.push(match chats {
            true => s.p(
                format!("They reached {screens} phones in all."),
                format!("一共送到了{}部手机上。", zh_count(screens)),
            ),
            false => s.p(
                format!("They were shown on {screens} screens in all."),
                format!("一共出现在{}部手机的屏幕上。", zh_count(screens)),
            ),
        });
    }
    if f.count(Fate::Returned) > 0 {
        parts.push(came_back(s, f, one));
    }
    let not_sent = f.count(Fate::NotSent);
    if not_sent > 0 {
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
                plural(not_sent, "letter shows", "letters show"),
                if not_sent == 1 { "it is" } else { "they are" }
            ),
            (false, Lang::Zh) => format!(
                "{}封显示“发送失败”，可信还存在{mailbox}里，可以再发。",
                zh_count(not_sent)
            ),
        });
    }
    let on_shelf = f.letters.iter().filter(|l| !l.on_shelf.is_empty()).count();
    if on_shelf > 0 {
        let shelf = s.t(Thing::Shelf);
        parts.push(s.p(
            format!(
                "{} still waiting on the {shelf}.",
                plural(on_shelf, "letter is", "letters are")
            ),
            format!("{}封还在{shelf}上等着。", zh_count(on_shelf)),
        ));
    }
    let waiting = f.count(Fate::InPhone);
    if waiting > 0 {
        let mailbox = s.t(Thing::Mailbox);
        parts.push(s.p(
            format!(
                "{} still waiting to leave the {mailbox}.",
                plural(waiting, "letter is", "letters are")
            ),
            format!("{}封还在{mailbox}里等着寄出。", zh_count(waiting)),
        ));
    }
    let recalled = f.count(Fate::Recalled);
    if recalled > 0 {
        parts.push(s.p(
            format!(
                "{} taken back before any screen showed {}.",
                plural(recalled, "letter was", "letters were"),
                if recalled == 1 { "it" } else { "them" }
            ),
            format!("{}封在显示到屏幕上之前就被撤回了。", zh_count(recalled)),
        ));
    }
    let going = f.count(Fate::OnTheWay);
    if going > 0 {
        parts.push(s.p(
            format!(
                "{} still on {} way when the run ended.",
                plural(going, "letter was", "letters were"),
                if going == 1 { "its" } else { "their" }
            ),
            format!("运行结束时还有{}封在路上。", zh_count(going)),
        ));
    }
    parts.join(pick(s.lang, " ", ""))
}

/// "2 of the 3 reached a screen, the quickest 0.134 s after Send.": `shown` of the
/// `total` letters, the quickest of them `quick` after Send.
fn on_screens(s: &S, shown: usize, total: usize, quick: &str) -> String {
    let (n, t) = (shown, total);
    let (zn, zt) = (zh_count(n), zh_count(t));
    match (n, t, s.lang) {
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
            format!("{zn}封都出现在屏幕上，最快的从点“发送”起用了 {quick}。")
        }
        (1, _, Lang::Zh) => {
            format!("{zt}封中有一封出现在屏幕上，从点“发送”起用了 {quick}。")
        }
        (_, _, Lang::Zh) => {
            format!("{zt}封中有{zn}封出现在屏幕上，最快的从点“发送”起用了 {quick}。")
        }
    }
}

/// "One came back to its sender, stamped “refused”." (`one`: the run's only letter.)
fn came_back(s: &S, f: &Facts, one: bool) -> String {
    let returned: Vec<Bounce> = f.letters.iter().filter_map(Letter::returned).collect();
    let mut stamps: Vec<String> = Vec::new();
    for r in &returned {
        let st = format!("“{}”", stamp(*r, s.lang));
        if !stamps.contains(&st) {
            stamps.push(st);
        }
    }
    let n = f.count(Fate::Returned);
    let stamps_en = list(&stamps, Lang::En);
    let stamps_zh = stamps.join("、");
    match (n, one, s.lang) {
        (_, true, Lang::En) => format!("It came back to its sender, stamped {stamps_en}."),
        (_, true, Lang::Zh) => format!("它被退回给寄信人，盖着{stamps_zh}的戳。"),
        (1, _, Lang::En) => format!("One came back to its sender, stamped {stamps_en}."),
        (n, _, Lang::En) => {
            format!(
                "{} came back to their senders, stamped {stamps_en}.",
                count_en(n)
            )
        }
        (n, _, Lang::Zh) => format!("{}封被退回给寄信人，盖着{stamps_zh}的戳。", zh_count(n)),
    }
}

/// "3 letters waited in Li Lei's home mailbox until his phone was online": letters
/// held up in their sender's phone for want of a connection.
fn waited_clause(s: &S, f: &Facts) -> Option<String> {
    let held: Vec<&Letter> = f.letters.iter().filter(|l| l.waited_in_phone).collect();
    if held.is_empty() {
        return None;
    }
    let n = held.len();
    let mut senders: Vec<UserIdx> = Vec::new();
    for l in &held {
        if !senders.contains(&l.letter.from()) {
            senders.push(l.letter.from());
        }
    }
    let mailbox = s.t(Thing::Mailbox);
    if s.eng() {
        let msgs = s.p(
            plural(n, "message", "messages"),
            format!("{}条消息", zh_count(n)),
        );
        return Some(s.p(
            format!("{msgs} waited in the sender's local database until the phone was connected"),
            format!("{msgs}在发送方的本地数据库里等着，直到手机连上服务器"),
        ));
    }
    let letters = if n == 1 {
        "a letter".to_string()
    } else {
        format!("{n} letters")
    };
    Some(match senders.as_slice() {
        [u] => {
            let name = s.name(*u);
            s.p(
                format!("{letters} waited in {name}'s {mailbox} until the phone could reach the post office"),
                format!("{}封信在{name}的{mailbox}里等着，直到手机连上邮局", zh_count(n)),
            )
        }
        _ => s.p(
            format!("{letters} waited in their senders' {mailbox}es until the phones could reach the post office"),
            format!("{}封信在寄信人的{mailbox}里等着，直到手机连上邮局", zh_count(n)),
        ),
    })
}

/// "Han Meimei was away, so 3 letters waited for her on the offline shelf": who
/// was away, and how many letters waited for them.
fn shelf_clause(s: &S, f: &Facts) -> Option<String> {
    let shelved: Vec<&Letter> = f
        .letters
        .iter()
        .filter(|l| !l.shelved_for.is_empty())
        .collect();
    if shelved.is_empty() {
        return None;
    }
    let n = shelved.len();
    let mut away: Vec<crate::sim::DeviceIdx> = Vec::new();
    for l in &shelved {
        for u in &l.shelved_for {
            if !away.contains(u) {
                away.push(*u);
            }
        }
    }
    let names: Vec<String> = away.iter().map(|u| s.dev(*u)).collect();
    let all_off = shelved.iter().all(|l| l.on_shelf.is_empty());
    let one = away.len() == 1;
    if s.eng() {
        let msgs = s.p(
            plural(n, "message was", "messages were"),
            format!("{}条消息", zh_count(n)),
        );
        return Some(match (all_off, one) {
            (true, true) => s.p(
                format!("{msgs} held as offline messages until the recipient logged in"),
                format!("{msgs}作为离线消息存着，收件人上线后才送达"),
            ),
            (true, false) => s.p(
                format!("{msgs} held as offline messages until their recipients logged in"),
                format!("{msgs}作为离线消息存着，收件人上线后才送达"),
            ),
            (false, _) => s.p(
                format!("{msgs} held as offline messages for recipients who were offline"),
                format!("{msgs}作为离线消息存着，等收件人上线"),
            ),
        });
    }
    let shelf = s.t(Thing::Shelf);
    let who = list(&names, s.lang);
    let n_en = if n == 1 {
        "a letter".to_string()
    } else {
        format!("{n} letters")
    };
    // Her, him or them: from the avatar the scene gives (else the name again).
    let (them_en, them_zh) = match away.as_slice() {
        [u] => {
            let avatar = &s.ctx.world.person(s.ctx.world.owner(*u)).avatar;
            match &**avatar {
                "girl" | "woman" => ("her".to_string(), "她".to_string()),
                "boy" | "man" => ("him".to_string(), "他".to_string()),
                _ => (names[0].clone(), names[0].clone()),
            }
        }
        _ => ("them".to_string(), "他们".to_string()),
    };
    Some(s.p(
        format!(
            "{who} {} away, so {n_en} waited for {them_en} on the {shelf}",
            if one { "was" } else { "were" },
        ),
        if all_off {
            format!(
                "{who}不在线，{}封信在{shelf}上等了{them_zh}一阵",
                zh_count(n)
            )
        } else {
            format!("{who}不在线，{}封信在{shelf}上等着{them_zh}", zh_count(n))
        },
    ))
}

/// What happened on the way: the offline shelf, silent phones, closing time,
/// what was lost (by kind), what was sent again (by whom) and which copies were
/// recognised (and not passed on or shown again); or that nothing held the
/// letters up.
fn on_the_way(s: &S, f: &Facts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !f.silent.is_empty() {
        let names: Vec<String> = f.silent.iter().map(|u| s.dev(*u)).collect();
        let beats = match s.reg {
            Register::Story => s.p("“still here”".into(), "“我还在”".into()),
            _ => s.p("heartbeats".into(), "心跳".into()),
        };
        let w = s.ctx.world;
        // Issue 27: a device of a person with several is named as itself
        // ("Han Meimei's phone", "Han Meimei's computer"), not "X's phone".
        let plain = f
            .silent
            .iter()
            .all(|d| w.is_main(*d) && !w.has_other_devices(w.owner(*d)));
        if !plain {
            let names: Vec<String> = f.silent.iter().map(|d| w.phone_name(*d, s.lang)).collect();
            let them = if names.len() == 1 { "it" } else { "them" };
            parts.push(s.p(
                format!(
                    "the post office stopped hearing {beats} from {} and marked {them} offline",
                    list(&names, Lang::En)
                ),
                format!(
                    "邮局收不到{}发来的{beats}，就把它标成了离线",
                    names.join("、")
                ),
            ));
        }
        parts.extend(plain.then(|| match (names.len(), s.lang) {
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
        }));
    }
    if f.closed {
        parts.push(s.p(
            "the post office closed for a while and the phones came back by themselves".into(),
            "邮局关了一阵门，手机自己又连了回来".into(),
        ));
    }
    parts.extend(waited_clause(s, f));
    parts.extend(shelf_clause(s, f));
    // "the letter was lost 3 times and sent again twice by Li Lei's phone".
    let lost = counted::lost_clause(s, f);
    let again = counted::again_clause(s, f);
    match (counted::only_one_letter_lost(f), &lost, &again) {
        (Some((id, _)), Some(l), Some(_))
            if f.again.len() == 1
                && f.again.keys().all(|(m, k)| *m == id && *k == Kind::Letter) =>
        {
            let a = &counted::again_items(s, f)[0];
            let by = &a.by;
            parts.push(s.p(
                format!("{l} and sent again {} {by}", counted::en_times(a.times)),
                format!("{l}，{by}重发了{}", counted::zh_times(a.times)),
            ));
        }
        _ => {
            parts.extend(lost);
            parts.extend(again);
        }
    }
    parts.extend(counted::copies_clause(s, f));
    // Nothing was shown, but letters came back: they were quick, not "instant"
    // (nothing reached a screen).
    let back: Vec<Time> = f
        .letters
        .iter()
        .filter(|l| l.fate() == Fate::Returned)
        .filter_map(|l| {
            l.returned_at
                .map(|at| at.saturating_sub(l.letter.written_at))
        })
        .collect();
    if parts.is_empty() && f.count(Fate::Shown) == 0 && !back.is_empty() {
        let slowest = secs(back.iter().copied().max().unwrap_or_default(), s.lang);
        return match (back.len(), s.lang) {
            (1, Lang::En) => format!(
                "Nothing was lost on the way: the letter came back to its sender {slowest} after Send."
            ),
            (_, Lang::En) => format!(
                "Nothing was lost on the way: the letters came back to their senders within {slowest} of Send."
            ),
            (1, Lang::Zh) => {
                format!("路上什么都没丢：点“发送”后 {slowest}，信就退了回来。")
            }
            (_, Lang::Zh) => {
                format!("路上什么都没丢：点“发送”后 {slowest}之内，信都退了回来。")
            }
        };
    }
    if parts.is_empty() && f.count(Fate::Shown) == 0 {
        return s.p(
            "Nothing was lost on the way.".into(),
            "路上什么都没丢。".into(),
        );
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
