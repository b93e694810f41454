//! Counted facts in words: what was lost on the way (by kind), what was sent
//! again (and by whom), which copies were recognised (and so not passed on or
//! shown again). The facts are counted in [`crate::sim::facts`]; the recap card,
//! the timeline's closing tally and the window's crowd tally word them here, so
//! that they all say the same numbers.
//!
//! In Chinese, small counts are words (三封信, 两张回执, 重发了两次); in English
//! a count is a figure, and one is "a" ("a receipt", "2 receipts").

mod read;

use super::caption::{S, Thing};
use super::list;
use crate::sim::facts::{Again, Facts, Kind};
use crate::sim::{Lang, MsgId};

/// A small count in Chinese words before a measure word: 一, 两, 三 … 十; larger
/// ones in figures, set apart by spaces.
pub(super) fn zh_count(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    WORDS
        .get(n)
        .map_or_else(|| format!(" {n}{}", super::NO_BREAK), |w| (*w).to_string())
}

/// "一次", "两次", "十二次" in figures: " 12 次".
pub(super) fn zh_times(n: usize) -> String {
    format!("{}次", zh_count(n))
}

/// A name and how often: "the message lilei#2 3 times". A name that ends in a
/// figure keeps a figure count on its line, so that no line starts with a figure
/// that reads as part of the name.
fn en_name_times(name: &str, n: usize) -> String {
    let gap = match n > 2 && name.ends_with(|c: char| c.is_ascii_digit()) {
        true => super::NO_BREAK,
        false => ' ',
    };
    format!("{name}{gap}{}", en_times(n))
}

/// "once", "twice", "3 times".
pub(super) fn en_times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// A kind's words: (English one, English many, Chinese noun, Chinese measure).
fn kind_words(k: Kind) -> (&'static str, &'static str, &'static str, &'static str) {
    match k {
        Kind::Letter => ("a letter", "letters", "信", "封"),
        Kind::Receipt => ("a receipt", "receipts", "回执", "张"),
        Kind::Confirmation => ("a confirmation", "confirmations", "签收单", "张"),
        Kind::ConfirmationAnswer => (
            "an answer to a confirmation",
            "answers to confirmations",
            "邮局对签收的答复",
            "条",
        ),
        Kind::News => ("a delivery notice", "delivery notices", "送达通知", "条"),
        Kind::NewsAnswer => (
            "an answer to a delivery notice",
            "answers to delivery notices",
            "“知道了”",
            "句",
        ),
        Kind::Returned => ("a returned letter", "returned letters", "退回的信", "封"),
        Kind::Login => ("a login request", "login requests", "登录请求", "个"),
        Kind::Part => (
            "a part of a photo or voice message",
            "parts of photos or voice messages",
            "包裹分片",
            "个",
        ),
        Kind::ParcelNote => (
            "a question or answer about a parcel",
            "questions or answers about parcels",
            "关于包裹的询问或回答",
            "条",
        ),
        Kind::LoginAnswer => (
            "an answer to a login",
            "answers to logins",
            "“登录成功”的答复",
            "条",
        ),
        Kind::Other => ("another frame", "other frames", "别的数据包", "个"),
    }
}

/// The packet code the engineer reads beside a kind.
fn code(k: Kind) -> &'static str {
    match k {
        Kind::Letter => "msg:R/msg:N",
        Kind::Receipt => "msg:A",
        Kind::Confirmation => "ack:R",
        Kind::ConfirmationAnswer => "ack:A",
        Kind::News => "ack:N",
        Kind::NewsAnswer => "ack:C",
        Kind::Returned => "returned",
        Kind::Login => "login",
        Kind::Part => "part:R/part:N",
        Kind::ParcelNote => "part:Q/part:A/get/gone",
        Kind::LoginAnswer => "login-ok",
        Kind::Other => "other",
    }
}

/// "2 receipts" / "两张回执"; "a receipt" / "一张回执" (with the packet code for
/// the engineer).
pub(super) fn kind_count(s: &S, k: Kind, n: usize) -> String {
    counted_kind(k, n, s.lang, s.eng())
}

fn counted_kind(k: Kind, n: usize, lang: Lang, eng: bool) -> String {
    let (one, many, noun, measure) = kind_words(k);
    let code = match (eng, lang) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(" ({})", code(k)),
        (true, Lang::Zh) => format!("（{}）", code(k)),
    };
    match lang {
        Lang::En if n == 1 => format!("{one}{code}"),
        Lang::En => format!("{n} {many}{code}"),
        Lang::Zh => format!("{}{measure}{noun}{code}", zh_count(n)),
    }
}

/// What was lost, sent again and recognised in a stretch of a trace, as the
/// window's crowd tally says it beside its other counts: "2 receipts lost on the
/// way", "1 letter sent again", "1 copy recognised and not passed on again".
pub fn stretch(events: &[crate::sim::Event], lang: Lang) -> Vec<String> {
    let f = Facts::counted(events);
    let mut out = Vec::new();
    let lost: Vec<String> = f
        .lost
        .iter()
        .map(|(k, n)| counted_kind(*k, *n, lang, false))
        .collect();
    if !lost.is_empty() {
        out.push(match lang {
            Lang::En => format!("{} lost on the way", list(&lost, Lang::En)),
            Lang::Zh => format!("路上丢了{}", lost.join("、")),
        });
    }
    let mut by_kind: std::collections::BTreeMap<Kind, usize> = Default::default();
    for ((_, k), a) in &f.again {
        *by_kind.entry(*k).or_default() += a.total();
    }
    let again: Vec<String> = by_kind
        .iter()
        .map(|(k, n)| counted_kind(*k, *n, lang, false))
        .collect();
    if !again.is_empty() {
        out.push(match lang {
            Lang::En => format!("{} sent again", list(&again, Lang::En)),
            Lang::Zh => format!("重发了{}", again.join("、")),
        });
    }
    let phones: usize = f.copies_at_phones.values().sum();
    if f.copies_at_office > 0 {
        let n = f.copies_at_office;
        out.push(match lang {
            Lang::En if n == 1 => "1 copy recognised and not passed on again".to_string(),
            Lang::En => format!("{n} copies recognised and not passed on again"),
            Lang::Zh => format!("邮局认出{}份重复的信，没有再转发", zh_count(n)),
        });
    }
    if phones > 0 {
        out.push(match lang {
            Lang::En if phones == 1 => "1 copy recognised and not shown again".to_string(),
            Lang::En => format!("{phones} copies recognised and not shown again"),
            Lang::Zh => format!("手机认出{}份重复的信，没有再显示", zh_count(phones)),
        });
    }
    out
}

/// The letter, named: "the letter" when the scene has one, "the letter “Hi”"
/// (the engineer: `lilei#1`) when it has several.
pub(super) fn the_letter(s: &S, f: &Facts, id: MsgId) -> String {
    let one = f.written() == 1;
    let Some(l) = f.letter(id) else {
        return s.p("a letter".into(), "一封信".into());
    };
    if s.eng() {
        let n = s.id(&l.letter);
        return s.p(format!("the message {n}"), format!("消息 {n} "));
    }
    if one {
        return s.p("the letter".into(), "信".into());
    }
    let q = format!("“{}”", s.text(&l.letter));
    s.p(format!("the letter {q}"), format!("{q}这封信"))
}

/// What was lost on the way, item by item: "the letter 3 times", "2 receipts",
/// "an answer to a login" (Chinese: "信三次", "两张回执").
pub(super) fn lost_items(s: &S, f: &Facts) -> Vec<String> {
    let mut items = Vec::new();
    for (&k, &n) in &f.lost {
        if k != Kind::Letter {
            items.push(kind_count(s, k, n));
            continue;
        }
        // Letters: each one named, as often as it was lost (a few); else counted.
        if f.letters_lost.len() <= 3 && f.letters_lost.values().sum::<usize>() == n {
            for (&id, &times) in &f.letters_lost {
                let l = the_letter(s, f, id);
                items.push(match times {
                    1 => l,
                    t => s.p(
                        en_name_times(&l, t),
                        format!("{}（丢了{}）", l.trim_end(), zh_times(t)),
                    ),
                });
            }
        } else {
            let different = f.letters_lost.len();
            items.push(s.p(
                format!("letters {} ({different} different letters)", en_times(n)),
                format!("信{}（{}封不同的信）", zh_times(n), zh_count(different)),
            ));
        }
    }
    items
}

/// Everything lost is one letter's own frames: (the letter, how often).
pub(super) fn only_one_letter_lost(f: &Facts) -> Option<(MsgId, usize)> {
    match (f.lost.len(), f.letters_lost.len()) {
        (1, 1) if f.lost.contains_key(&Kind::Letter) => {
            f.letters_lost.iter().next().map(|(id, n)| (*id, *n))
        }
        _ => None,
    }
}

/// By whom it was sent again: "by Li Lei's phone", "(once by Li Lei's phone, once
/// by the post office)", "by a tap on ❗"; Chinese "被李雷的手机",
/// "（李雷的手机一次，邮局一次）", "经点按红色感叹号".
fn by_whom(s: &S, phone: &str, a: Again) -> String {
    let (office_en, office_zh) = office(s);
    let tap = s.p("a tap on ❗".into(), "点按红色感叹号".into());
    let sources: Vec<(usize, String, String)> = [
        (a.by_phone, format!("by {phone}"), phone.to_string()),
        (a.by_tap, format!("by {tap}"), tap.clone()),
        (
            a.by_office,
            format!("by {office_en}"),
            office_zh.to_string(),
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .collect();
    match sources.as_slice() {
        [(_, en, zh)] if zh == &tap => s.p(en.clone(), format!("经{zh}")),
        [(_, en, zh)] => s.p(en.clone(), format!("被{zh}")),
        _ => s.p(
            format!(
                "({})",
                sources
                    .iter()
                    .map(|(n, en, _)| format!("{} {en}", en_times(*n)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "（{}）",
                sources
                    .iter()
                    .map(|(n, _, zh)| format!("{zh}{}", zh_times(*n)))
                    .collect::<Vec<_>>()
                    .join("，")
            ),
        ),
    }
}

/// The post office, as the register calls it: "the server" for the engineer.
fn office(s: &S) -> (&'static str, &'static str) {
    if s.eng() {
        ("the server", "服务器")
    } else {
        ("the post office", "邮局")
    }
}

/// How many sent it again: the phone by itself, a tap, the post office.
fn sources(a: Again) -> usize {
    [a.by_phone, a.by_tap, a.by_office]
        .iter()
        .filter(|&&n| n > 0)
        .count()
}

/// One thing sent again: what it was, how often, by whom.
pub(super) struct SentAgain {
    pub what: String,
    pub times: usize,
    pub by: String,
    /// Sent again by more than one (the phone, a tap, the post office).
    pub both: bool,
    /// Counted by kind ("letters", "receipts"): the English verb is "were".
    pub many: bool,
}

impl SentAgain {
    /// "the letter twice by Li Lei's phone" / "信被李雷的手机重发了两次".
    pub fn item(&self, s: &S) -> String {
        let (what, by) = (&self.what, &self.by);
        let by_en = if by.is_empty() {
            String::new()
        } else {
            format!(" {by}")
        };
        s.p(
            format!("{}{by_en}", en_name_times(what, self.times)),
            if self.both {
                format!("{what}重发了{}{by}", zh_times(self.times))
            } else {
                format!("{what}{by}重发了{}", zh_times(self.times))
            },
        )
    }
}

/// What was sent again, thing by thing (a few; else counted by kind).
pub(super) fn again_items(s: &S, f: &Facts) -> Vec<SentAgain> {
    if f.again.len() > 3 {
        let mut by_kind: std::collections::BTreeMap<Kind, Again> = Default::default();
        for ((_, k), a) in &f.again {
            let t = by_kind.entry(*k).or_default();
            t.by_phone += a.by_phone;
            t.by_office += a.by_office;
            t.by_tap += a.by_tap;
        }
        let phones = s.p("the phones".into(), "手机".into());
        return by_kind
            .into_iter()
            .map(|(k, a)| {
                let (_, many, noun, _) = kind_words(k);
                SentAgain {
                    what: s.p(many.to_string(), noun.to_string()),
                    times: a.total(),
                    by: by_whom(s, &phones, a),
                    both: sources(a) > 1,
                    many: true,
                }
            })
            .collect();
    }
    f.again
        .iter()
        .map(|(&(id, k), &a)| {
            let l = the_letter(s, f, id);
            let what = match k {
                Kind::Letter => l,
                k => {
                    let (one, _, noun, _) = kind_words(k);
                    let one = one.trim_start_matches("a ").trim_start_matches("an ");
                    if f.written() == 1 && !s.eng() {
                        s.p(format!("the {one}"), noun.to_string())
                    } else {
                        // "the delivery notice for “Bring the ball”".
                        let q = match f.letter(id) {
                            Some(m) if !s.eng() => format!("“{}”", s.text(&m.letter)),
                            _ => l,
                        };
                        s.p(format!("the {one} for {q}"), format!("{q}的{noun}"))
                    }
                }
            };
            SentAgain {
                what,
                times: a.total(),
                by: by_whom(s, &s.phone(s.ctx.world.writer(id)), a),
                both: sources(a) > 1,
                many: false,
            }
        })
        .collect()
}

/// Which copies were recognised by their number and by whom: each clause says
/// what was then not done again ("the post office recognised a copy by its
/// number and did not pass it on again").
pub(super) fn copies_clauses(s: &S, f: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    let copies = |n: usize| {
        s.p(
            if n == 1 {
                "a copy".to_string()
            } else {
                format!("{n} copies")
            },
            format!("{}份重复的信", zh_count(n)),
        )
    };
    let it = |n: usize| if n == 1 { "it" } else { "them" };
    let (office_en, office_zh) = office(s);
    if f.copies_at_office > 0 {
        let n = f.copies_at_office;
        out.push(s.p(
            format!(
                "{office_en} recognised {} by {} number and did not pass {} on again",
                copies(n),
                if n == 1 { "its" } else { "their" },
                it(n)
            ),
            format!("{office_zh}凭编号认出了{}，没有再转发", copies(n)),
        ));
    }
    for (&u, &n) in &f.copies_at_phones {
        let phone = s.phone(u);
        out.push(s.p(
            format!(
                "{phone} recognised {} by {} number and did not show {} again",
                copies(n),
                if n == 1 { "its" } else { "their" },
                it(n)
            ),
            format!("{phone}凭编号认出了{}，没有再显示", copies(n)),
        ));
    }
    out
}

/// The copies for the closing tally: "1 at the post office (not passed on again)
/// and 1 on Han Meimei's phone (not shown again)".
pub(super) fn copies_tally(s: &S, f: &Facts) -> String {
    let mut parts = Vec::new();
    let (office_en, office_zh) = office(s);
    if f.copies_at_office > 0 {
        let n = f.copies_at_office;
        parts.push(s.p(
            format!("{n} at {office_en} (not passed on again)"),
            format!("{office_zh}{}份（没有再转发）", zh_count(n)),
        ));
    }
    for (&u, &n) in &f.copies_at_phones {
        let name = s.dev(u);
        parts.push(s.p(
            format!("{n} on {name}'s phone (not shown again)"),
            format!("{name}的手机{}份（没有再显示）", zh_count(n)),
        ));
    }
    if s.en() {
        list(&parts, Lang::En)
    } else {
        parts.join("，")
    }
}

/// "a receipt and a confirmation" / "一张回执和一张签收单": the items joined.
pub(super) fn joined(s: &S, items: &[String]) -> String {
    match s.lang {
        Lang::En => list(items, Lang::En),
        Lang::Zh => match items {
            [a, b] => format!("{a}和{b}"),
            _ => items.join("、"),
        },
    }
}

/// The things lost, said whole: "the letter was lost 3 times", "a receipt and a
/// confirmation were lost", "6 things were lost (the letter “Bring the ball”, 2
/// receipts, …)". `None` when nothing the story tells was lost.
pub(super) fn lost_clause(s: &S, f: &Facts) -> Option<String> {
    let total = f.lost_in_all();
    if total == 0 {
        return None;
    }
    if let Some((id, n)) = only_one_letter_lost(f) {
        let l = the_letter(s, f, id);
        let en = if n == 1 {
            format!("{l} was lost")
        } else {
            format!("{l} was lost {}", en_times(n))
        };
        let zh = if n == 1 {
            format!("{l}在半路丢了")
        } else {
            format!("{l}在半路丢了{}", zh_times(n))
        };
        return Some(s.p(en, zh));
    }
    let items = lost_items(s, f);
    let one = total == 1;
    Some(if items.len() <= 2 {
        let j = joined(s, &items);
        s.p(
            format!("{j} {} lost", if one { "was" } else { "were" }),
            format!("{j}在半路丢了"),
        )
    } else {
        s.p(
            format!("{total} things were lost ({})", list(&items, Lang::En)),
            format!(
                "{}样东西在半路丢了（{}）",
                zh_count(total),
                items.join("、")
            ),
        )
    })
}

/// What was sent again, said whole: "the letter was sent again twice (once by Li
/// Lei's phone, once by the post office)", "the letter “Bring the ball” was sent
/// again twice by Li Lei's phone, and the delivery notice for it twice by the post
/// office". `None` when nothing was.
pub(super) fn again_clause(s: &S, f: &Facts) -> Option<String> {
    let items = again_items(s, f);
    let (first, rest) = items.split_first()?;
    Some(match s.lang {
        Lang::En => {
            let mut out = format!(
                "{} {} sent again {} {}",
                first.what,
                if first.many { "were" } else { "was" },
                en_times(first.times),
                first.by
            )
            .trim_end()
            .to_string();
            if !rest.is_empty() {
                let rest: Vec<String> = rest.iter().map(|a| a.item(s)).collect();
                out.push_str(", and ");
                out.push_str(&list(&rest, Lang::En));
            }
            out
        }
        Lang::Zh => items
            .iter()
            .map(|a| a.item(s))
            .collect::<Vec<_>>()
            .join("，"),
    })
}

/// The recognised copies, said whole, clauses joined: `None` when none.
pub(super) fn copies_clause(s: &S, f: &Facts) -> Option<String> {
    let c = copies_clauses(s, f);
    if c.is_empty() {
        return None;
    }
    Some(match s.lang {
        Lang::En => c.join("; "),
        Lang::Zh => c.join("；"),
    })
}

/// The online dots and "typing…" counted, said whole: none of it is mail. "Beside
/// the letters: 24 online notices went, none kept or sent again; “typing…” showed
/// twice; a typing notice was lost and simply vanished, never sent again." `None`
/// for a story without them (every story before issue 22), which so keeps its words.
pub(super) fn presence_sentence(s: &S, f: &Facts) -> Option<String> {
    let p = f.presence;
    let mut notices = notice_parts(s, f);
    notices.extend(read::read_parts(s, f));
    if !p.any() && notices.is_empty() {
        return None;
    }
    let code = |c: &str| match (s.eng(), s.lang) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(" ({c})"),
        (true, Lang::Zh) => format!("（{c}）"),
    };
    let mut frames = Vec::new();
    if p.asked > 0 {
        let n = p.asked;
        frames.push(s.p(
            match n {
                1 => format!("a question “who is online?”{}", code("presence?")),
                n => format!("{n} questions “who is online?”{}", code("presence?")),
            },
            // Chinese lines keep their question marks full width: the frame's name
            // without its `?`.
            format!("{}个“谁在线？”的问题{}", zh_count(n), code("presence 查询")),
        ));
    }
    if p.told > 0 {
        let n = p.told;
        frames.push(s.p(
            match n {
                1 => format!("an online notice{}", code("presence")),
                n => format!("{n} online notices{}", code("presence")),
            },
            format!("{}条在线通知{}", zh_count(n), code("presence")),
        ));
    }
    let mut parts = Vec::new();
    if !frames.is_empty() {
        let one = p.asked + p.told == 1;
        parts.push(s.p(
            format!(
                "{} went, {} kept or sent again",
                joined(s, &frames),
                if one { "not" } else { "none" }
            ),
            format!("发出了{}，一条也没有保存或重发", joined(s, &frames)),
        ));
    }
    if p.typing_shown > 0 {
        let n = p.typing_shown;
        parts.push(s.p(
            format!("“typing…” showed {}", en_times(n)),
            format!("“正在输入…”出现了{}", zh_times(n)),
        ));
    }
    if p.typing_lost > 0 {
        let n = p.typing_lost;
        let c = code("typing");
        parts.push(s.p(
            match n {
                1 => format!("a typing notice{c} was lost and simply vanished, never sent again"),
                n => {
                    format!("{n} typing notices{c} were lost and simply vanished, never sent again")
                }
            },
            format!(
                "{}条“正在输入”的通知{c}在半路丢了，就这么没了，不会重发",
                zh_count(n)
            ),
        ));
    }
    parts.extend(notices);
    Some(s.p(
        format!("Beside the letters: {}.", parts.join("; ")),
        format!("信之外：{}。", parts.join("；")),
    ))
}

/// The notes for lock screens and the asks for waiting letters (issue 24), as
/// parts of the "Beside the letters" sentence: "2 notes lit a lock screen, 1 was
/// lost on the way and 1 was dropped for a newer one (the letters waited on the
/// offline shelf); Han Meimei's phone asked for its waiting letters twice". Empty for a story without them (every story before
/// issue 24).
fn notice_parts(s: &S, f: &Facts) -> Vec<String> {
    let n = &f.notices;
    let mut parts = Vec::new();
    let (note, notes) = match s.eng() {
        true => ("push notification", "push notifications"),
        false => ("note", "notes"),
    };
    let zh_note = match s.eng() {
        true => "推送通知（push）",
        false => "通知",
    };
    if n.shown > 0 {
        parts.push(s.p(
            match n.shown {
                1 => format!("a {note} lit a lock screen"),
                k => format!("{k} {notes} lit a lock screen"),
            },
            format!("{}条{zh_note}点亮了锁屏", zh_count(n.shown)),
        ));
    }
    if n.lost + n.replaced > 0 {
        // After the notes that lit a lock screen, a bare count: "2 notes lit a lock
        // screen, 1 was lost on the way and 1 was dropped for a newer one".
        let counted = |k: usize, first: bool| match (k, first) {
            (1, true) => format!("a {note} was"),
            (k, true) => format!("{k} {notes} were"),
            (1, false) => "1 was".to_string(),
            (k, false) => format!("{k} were"),
        };
        let mut missed = Vec::new();
        if n.lost > 0 {
            missed.push(s.p(
                format!("{} lost on the way", counted(n.lost, n.shown == 0)),
                format!("{}条{zh_note}在半路丢了", zh_count(n.lost)),
            ));
        }
        if n.replaced > 0 {
            let first = n.lost + n.shown == 0;
            missed.push(s.p(
                format!("{} dropped for a newer one", counted(n.replaced, first)),
                format!(
                    "{}条{}在手机没信号时被更新的顶替了",
                    zh_count(n.replaced),
                    if first { zh_note } else { "" }
                ),
            ));
        }
        // Inside brackets already: the shelf without its technical word.
        let shelf = s.t2(Thing::Shelf);
        let missed = s.p(list(&missed, Lang::En), missed.join("，"));
        let (head, sep) = match parts.pop() {
            Some(shown) => (shown, s.p(", ".into(), "，".into())),
            None => (String::new(), String::new()),
        };
        let never = match s.eng() {
            true => s.p(
                "never re-sent: the messages stayed in offline storage".into(),
                "推送不重发：消息一直存在离线消息里".into(),
            ),
            false => s.p(
                format!("the letters waited on the {shelf}"),
                format!("信一直在{shelf}上等着"),
            ),
        };
        parts.push(s.p(
            format!("{head}{sep}{missed} ({never})"),
            format!("{head}{sep}{missed}（{never}）"),
        ));
    }
    for (i, (u, k)) in n.asked.iter().enumerate() {
        let x = s.dev(*u);
        // After the first phone, the others by name and count: "Han Meimei's phone
        // asked for its waiting letters twice, Li Lei's once".
        if i > 0
            && let Some(first) = parts.pop()
        {
            let asked = if s.eng() { "拉取了" } else { "问了" };
            parts.push(s.p(
                format!("{first}, {x}'s {}", en_times(*k)),
                format!("{first}，{x}的手机{asked}{}", zh_times(*k)),
            ));
            continue;
        }
        parts.push(match s.eng() {
            true => s.p(
                format!(
                    "{x}'s phone fetched its offline messages (fetch) {}",
                    en_times(*k)
                ),
                format!("{x}的手机拉取了{}离线消息（fetch）", zh_times(*k)),
            ),
            false => s.p(
                format!("{x}'s phone asked for its waiting letters {}", en_times(*k)),
                format!("{x}的手机问了{}有没有等着它的信", zh_times(*k)),
            ),
        });
    }
    parts
}

/// The photos and voice messages of a story (issue 26): "Parcels: 4 stored, one
/// copy each; 2 parts went up again when an upload resumed; sent to phones 5 times,
/// shown whole 4 times; 4 thrown out after 60 seconds, found gone 2 times."
/// `None` for a story without them (every story before issue 26).
/// Issue 27, for the recap: the copies the post office made for a writer's
/// other devices, the letters a new device got from the archive or had moved
/// over, and the new devices that started empty. Every number counted.
pub(super) fn devices_sentence(s: &S, f: &Facts) -> Option<String> {
    let d = f.devices;
    if !d.any() {
        return None;
    }
    let letters = |n: usize| match (s.lang, n) {
        (Lang::En, 1) => "1 letter".to_string(),
        (Lang::En, n) => format!("{n} letters"),
        (Lang::Zh, n) => format!("{}信", super::with_unit(n, "封")),
    };
    let mut parts = Vec::new();
    if d.own_copies > 0 {
        let n = d.own_copies;
        parts.push(s.p(
            format!(
                "the post office copied {} to its writer's other devices",
                match n {
                    1 => "1 letter".to_string(),
                    n => format!("{n} letters"),
                }
            ),
            format!("邮局把 {}抄给了写信人的其他设备", letters(n)),
        ));
    }
    if d.empty > 0 {
        parts.push(match d.empty {
            1 => s.p(
                "a new device started with an empty home mailbox".into(),
                "一台新设备的自家信箱一开始是空的".into(),
            ),
            n => s.p(
                format!("{n} new devices started with empty home mailboxes"),
                format!("{}新设备的自家信箱一开始是空的", super::with_unit(n, "台")),
            ),
        });
    }
    if d.from_archive > 0 {
        parts.push(s.p(
            format!(
                "a new device got {} from the archive",
                letters(d.from_archive)
            ),
            format!("新设备从档案室拿到了 {}", letters(d.from_archive)),
        ));
    }
    if d.moved > 0 {
        parts.push(s.p(
            format!("{} moved from one device to another", letters(d.moved)),
            format!("{}从一台设备搬到了另一台", letters(d.moved)),
        ));
    }
    let (head_en, head_zh) = ("Several devices", "多台设备");
    Some(match s.lang {
        Lang::En => format!("{head_en}: {}.", list(&parts, Lang::En)),
        Lang::Zh => format!("{head_zh}：{}。", parts.join("；")),
    })
}

/// Issue 28, for the recap: how many letters travelled sealed, how many the
/// post office could read (counted from its events: none, with sealing), and
/// how many a device could not open. `None` for a story without sealed letters.
pub(super) fn seal_sentence(s: &S, f: &Facts) -> Option<String> {
    let k = &f.seals;
    if !k.any() {
        return None;
    }
    let letters = |n: usize| match (s.lang, n) {
        (Lang::En, 1) => "1 letter".to_string(),
        (Lang::En, n) => format!("{n} letters"),
        (Lang::Zh, n) => format!("{}信", super::with_unit(n, "封")),
    };
    let (sealed, read) = (k.sealed.len(), k.read_by_office.len());
    let mut parts =
        vec![
        s.p(
            format!("{} travelled sealed", letters(sealed)),
            format!("{}一路封着", letters(sealed)),
        ),
        match (s.eng(), read) {
            (true, 0) => s.p(
                "the server could decrypt 0 of them (it saw the metadata only)".into(),
                format!("服务器能解密的有 {}（它只看到元数据）", super::with_unit(0, "封")),
            ),
            (true, n) => s.p(
                format!("the server could decrypt {n} of them"),
                format!("服务器能解密的有 {}", super::with_unit(n, "封")),
            ),
            (false, 0) => s.p(
                "the post office could read 0 of them (it saw only who, to whom, when and how big)"
                    .into(),
                format!(
                    "邮局读得到的有 {}（它只看到谁寄给谁、什么时候、多大）",
                    super::with_unit(0, "封")
                ),
            ),
            (false, n) => s.p(
                format!("the post office could read {n} of them"),
                format!("邮局读得到的有 {}", super::with_unit(n, "封")),
            ),
        },
    ];
    if !k.cannot_open.is_empty() {
        let n = k.cannot_open.len();
        parts.push(match s.eng() {
            true => s.p(
                format!(
                    "a device whose key came later could not decrypt {}",
                    letters(n)
                ),
                format!("密钥来得晚的设备解不开 {}", letters(n)),
            ),
            false => s.p(
                format!(
                    "a device whose key came later could not open {}",
                    letters(n)
                ),
                format!("钥匙来得晚的设备打不开 {}", letters(n)),
            ),
        });
    }
    let (head_en, head_zh) = match s.eng() {
        true => ("End-to-end encryption", "端到端加密"),
        false => ("Sealed letters", "封好的信"),
    };
    Some(match s.lang {
        Lang::En => format!("{head_en}: {}.", list(&parts, Lang::En)),
        Lang::Zh => format!("{head_zh}：{}。", parts.join("；")),
    })
}

pub(super) fn parcel_sentence(s: &S, f: &Facts) -> Option<String> {
    let p = f.parcels;
    if !p.any() {
        return None;
    }
    let mut parts = Vec::new();
    let store = s.t(Thing::Store);
    if p.stored > 0 {
        parts.push(s.p(
            format!("{} stored whole in the {store}, one copy each", p.stored),
            format!("{store}存齐了{}个，每个只存一份", zh_count(p.stored)),
        ));
    }
    if p.parts_again > 0 {
        parts.push(match p.parts_again {
            1 => s.p(
                "1 part went up again when an upload resumed".into(),
                "续传时又发了一份".into(),
            ),
            n => s.p(
                format!("{n} parts went up again when an upload resumed"),
                format!("续传时又发了{}份", zh_count(n)),
            ),
        });
    }
    if p.sent + p.shown > 0 {
        parts.push(s.p(
            format!(
                "sent to phones {}, shown whole {}",
                en_times(p.sent),
                en_times(p.shown)
            ),
            format!(
                "发给手机{}，完整显示了{}",
                zh_times(p.sent),
                zh_times(p.shown)
            ),
        ));
    }
    if p.expired + p.gone > 0 {
        let after = s
            .ctx
            .settings
            .parcels
            .keep_ms
            .map(|k| super::span(k, s.lang))
            .unwrap_or_default();
        parts.push(s.p(
            format!(
                "{} thrown out after {after}, found gone {}",
                p.expired,
                en_times(p.gone)
            ),
            format!(
                "{after}后清理掉{}个，{}来取时已经没有了",
                zh_count(p.expired),
                zh_times(p.gone)
            ),
        ));
    }
    Some(s.p(
        format!("Parcels: {}.", parts.join("; ")),
        format!("包裹：{}。", parts.join("；")),
    ))
}

/// The recalls of a story (issue 25): "Recall: 2 letters taken back, from 3
/// screens (2 had shown it first); 1 refused: too late." `None` for a story
/// without them (every story before issue 25), which so keeps its words.
pub(super) fn recall_sentence(s: &S, f: &Facts) -> Option<String> {
    let r = f.recalls;
    let refused = r.too_late + r.refused_other;
    if r.accepted + refused == 0 {
        return None;
    }
    let mut parts = Vec::new();
    if r.accepted > 0 {
        let letters = match r.accepted {
            1 => s.p("1 letter".into(), "一封信".into()),
            n => s.p(format!("{n} letters"), format!("{}封信", zh_count(n))),
        };
        let screens = match r.screens {
            1 => s.p("1 screen".into(), "一块屏幕".into()),
            n => s.p(format!("{n} screens"), format!("{}块屏幕", zh_count(n))),
        };
        let seen = match r.seen {
            0 => String::new(),
            n => s.p(
                format!(" ({n} had shown it first)"),
                format!("（其中{}块之前已经显示过）", zh_count(n)),
            ),
        };
        parts.push(s.p(
            format!("{letters} taken back, from {screens}{seen}"),
            format!("收回了{letters}，从{screens}上撤下{seen}"),
        ));
    }
    if refused > 0 {
        let why = match (r.too_late, r.refused_other) {
            (_, 0) => s.p(": too late".into(), "：太晚了".into()),
            (0, _) => s.p(": never accepted".into(), "：邮局没收过那封信".into()),
            _ => String::new(),
        };
        parts.push(s.p(
            format!("{refused} refused{why}"),
            format!("{}被拒绝{why}", zh_times(refused)),
        ));
    }
    Some(s.p(
        format!("Recall: {}.", parts.join("; ")),
        format!("撤回：{}。", parts.join("；")),
    ))
}
