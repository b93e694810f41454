//! A scene's expectations and what became of them, in words: sentences in the
//! `story` and `both` registers ("Han Meimei's screen shows Li Lei's “Hello!”
//! once"), the file's own syntax for the `engineer`.

use super::{Register, list, pick, stamp};
use crate::scenario::expect::ParcelFound;
use crate::scenario::spec::Chat;
use crate::scenario::{Detail, Expectation, Fate, Reading, TextSpec};
use crate::sim::{Bounce, Lang, Text, World};

fn who(id: &str, w: &World, lang: Lang) -> String {
    if let Some(d) = w.find_device(id).filter(|&d| !w.is_main(d)) {
        return w.device_name(d, lang).to_string();
    }
    w.find(id)
        .map_or_else(|| id.to_string(), |u| w.name(u, lang).to_string())
}

fn words(t: &TextSpec, lang: Lang) -> String {
    format!("“{}”", if lang == Lang::En { &t.en } else { &t.zh })
}

fn shown(t: &[Text], lang: Lang) -> String {
    let items: Vec<String> = t.iter().map(|t| format!("“{}”", t.get(lang))).collect();
    if items.is_empty() {
        return pick(lang, "nothing", "什么都没有").into();
    }
    list(&items, lang)
}

fn reason(r: crate::scenario::spec::ReasonSpec) -> Bounce {
    use crate::scenario::spec::ReasonSpec as R;
    match r {
        R::UnknownUser => Bounce::UnknownUser,
        R::NotFriends => Bounce::NotFriends,
        R::Blocked => Bounce::Blocked,
        R::NotInGroup => Bounce::NotInGroup,
    }
}

/// An expectation as a sentence (or, for the engineer, as written in the file).
pub fn expectation(e: &Expectation, w: &World, lang: Lang) -> String {
    // Every register words them: what a person reads is never the scene file's
    // syntax (`postoffice check` and the file itself show that).
    let p = |en: String, zh: String| pick(lang, en, zh);
    let n = |id: &str| who(id, w, lang);
    match e {
        Expectation::Displayed { to, from, text } => p(
            format!(
                "{}'s screen shows {}'s {} once",
                n(to),
                n(from),
                words(text, lang)
            ),
            format!(
                "{}的屏幕上显示一次{}的{}",
                n(to),
                n(from),
                words(text, lang)
            ),
        ),
        Expectation::NotDisplayed { to, text } => p(
            format!("{}'s screen never shows {}", n(to), words(text, lang)),
            format!("{}的屏幕上从不显示{}", n(to), words(text, lang)),
        ),
        Expectation::Bounced {
            from,
            text,
            reason: r,
        } => p(
            format!(
                "{}'s {} comes back stamped “{}”",
                n(from),
                words(text, lang),
                stamp(reason(*r), lang)
            ),
            format!(
                "{}的{}盖着“{}”的戳被退了回来",
                n(from),
                words(text, lang),
                stamp(reason(*r), lang)
            ),
        ),
        Expectation::Lost { from, text } => p(
            format!(
                "{}'s phone gives up on {} (not sent)",
                n(from),
                words(text, lang)
            ),
            format!("{}的手机放弃发送{}（发送失败）", n(from), words(text, lang)),
        ),
        Expectation::GaveUp { from, text } => p(
            format!(
                "{}'s phone gives up on {} at some time (❗), whatever comes after",
                n(from),
                words(text, lang)
            ),
            format!(
                "{}的手机曾经放弃发送{}（红色感叹号），不论之后怎样",
                n(from),
                words(text, lang)
            ),
        ),
        Expectation::Recalled { from, text } => recall_expected(&n(from), text, true, lang),
        Expectation::RecallRefused { from, text } => recall_expected(&n(from), text, false, lang),
        Expectation::ParcelShown {
            to,
            from,
            text,
            whole,
        } => parcel_expected(&n(to), from.as_deref().map(n), text, *whole, lang),
        Expectation::MarkedOffline(u) => p(
            format!("the post office marks {} offline", n(u)),
            format!("邮局把{}标记为离线", n(u)),
        ),
        Expectation::Order { to, texts } => {
            let items: Vec<String> = texts.iter().map(|t| words(t, lang)).collect();
            p(
                format!(
                    "{}'s screen shows {} in this order",
                    n(to),
                    list(&items, lang)
                ),
                format!("{}的屏幕上按顺序显示{}", n(to), list(&items, lang)),
            )
        }
        Expectation::SameOrder(chat) => {
            let (en, zh) = chat_names(chat, w, lang);
            p(
                format!("every screen of {en} shows its letters in the same order"),
                format!("{zh}的每块屏幕都按同样的顺序显示信"),
            )
        }
        Expectation::Holds { .. }
        | Expectation::NotHolds { .. }
        | Expectation::SameChats { .. }
        | Expectation::CannotOpen { .. } => devices_expectation(e, w, lang),
        Expectation::Notified { user, from, by_ms } => {
            let at = super::span(*by_ms, lang);
            p(
                format!(
                    "by {at}, {}'s lock screen shows a notification of a letter from {}",
                    n(user),
                    n(from)
                ),
                format!("第 {at}前，{}的锁屏上出现{}来信的通知", n(user), n(from)),
            )
        }
        Expectation::Dot {
            seen_by,
            of,
            at_ms,
            online,
        } => {
            let at = super::span(*at_ms, lang);
            match online {
                true => p(
                    format!("{at} in, {}'s phone shows {} online", n(seen_by), n(of)),
                    format!("第 {at}时，{}的手机显示{}在线", n(seen_by), n(of)),
                ),
                false => p(
                    format!(
                        "{at} in, {}'s phone does not show {} online",
                        n(seen_by),
                        n(of)
                    ),
                    format!("第 {at}时，{}的手机不显示{}在线", n(seen_by), n(of)),
                ),
            }
        }
        e @ Expectation::Read { .. } => read_expectation(e, w, lang),
        Expectation::DeliveredWithin { to, text, ms } => {
            let within = super::span(*ms, lang);
            p(
                format!(
                    "{}'s screen shows {} within {within} of the tap on Send",
                    n(to),
                    words(text, lang)
                ),
                format!(
                    "{}的屏幕在点“发送”后 {within}内显示{}",
                    n(to),
                    words(text, lang)
                ),
            )
        }
    }
}

fn fate(f: &Fate, w: &World, lang: Lang) -> String {
    let p = |en: String, zh: String| pick(lang, en, zh);
    match f {
        Fate::Returned(r) => p(
            format!("it was returned to its sender ({})", stamp(*r, lang)),
            format!("它被退回给了寄信人（{}）", stamp(*r, lang)),
        ),
        Fate::Lost => p(
            "its sender gave up on it (not sent)".into(),
            "寄信人放弃了发送（发送失败）".into(),
        ),
        Fate::Waiting => p(
            "it never left the sender's phone (no connection)".into(),
            "它一直没离开寄信人的手机（没有连接）".into(),
        ),
        Fate::Sending => p(
            "it was still on its way when the run ended".into(),
            "运行结束时它还在路上".into(),
        ),
        Fate::Posted => p(
            "the post office has it, but it was not shown (is the recipient offline?)".into(),
            "邮局收到了，但没有显示出来（收信人不在线？）".into(),
        ),
        Fate::Delivered { count, of } => p(
            format!("delivered to {count} of {of}"),
            format!("已送达 {of} 人中的 {count} 人"),
        ),
        Fate::Unknown(id) => p(
            format!("nothing is known of {}", w.letter_id(*id)),
            format!("不知道 {} 的下落", w.letter_id(*id)),
        ),
    }
}

/// A conversation by its people's or group's names: "the Class 1 group", "Li Lei
/// and Han Meimei's chat"; in Chinese 一班群, 李雷和韩梅梅的聊天.
fn chat_names(chat: &Chat, w: &World, lang: Lang) -> (String, String) {
    match chat {
        Chat::Group(g) => {
            let name = w
                .groups
                .iter()
                .position(|x| &*x.id == g)
                .map(|i| {
                    w.dest_name(
                        crate::sim::Dest::Group(crate::sim::GroupIdx(i as u32)),
                        lang,
                    )
                    .to_string()
                })
                .unwrap_or_else(|| g.clone());
            (format!("the {name} group"), name)
        }
        Chat::Between(a, b) => {
            let (a, b) = (who(a, w, lang), who(b, w, lang));
            (format!("{a} and {b}'s chat"), format!("{a}和{b}的聊天"))
        }
    }
}

/// Issue 27's expectations as sentences.
fn devices_expectation(e: &Expectation, w: &World, lang: Lang) -> String {
    let p = |en: String, zh: String| pick(lang, en, zh);
    let n = |id: &str| who(id, w, lang);
    match e {
        Expectation::Holds { device, from, text } => p(
            format!(
                "{} holds {}'s {} at the end",
                n(device),
                n(from),
                words(text, lang)
            ),
            format!("最后{}里存着{}的{}", n(device), n(from), words(text, lang)),
        ),
        Expectation::NotHolds { device, text } => p(
            format!(
                "{} does not hold {} at the end",
                n(device),
                words(text, lang)
            ),
            format!("最后{}里没有{}", n(device), words(text, lang)),
        ),
        Expectation::SameChats { user } => p(
            format!(
                "every device of {} that is online at the end shows the same chats",
                n(user)
            ),
            format!("最后{}每台在线的设备显示的聊天都一样", n(user)),
        ),
        Expectation::CannotOpen { device, from } => p(
            format!(
                "{} holds a sealed letter from {} that it cannot open at the end",
                n(device),
                n(from)
            ),
            format!("最后{}里有一封{}的封好的信，它打不开", n(device), n(from)),
        ),
        other => other.to_string(),
    }
}

/// What a check of a person's devices found, in words.
fn devices_found(f: &crate::scenario::expect::DevicesFound, w: &World, lang: Lang) -> String {
    use crate::scenario::expect::DevicesFound as F;
    let p = |en: String, zh: String| pick(lang, en, zh);
    let d = |x: &crate::sim::DeviceIdx| w.device_name(*x, lang).to_string();
    match f {
        F::Holds => p("it holds it".into(), "存着这封信".into()),
        F::NotHeld => p("it does not hold it".into(), "没有这封信".into()),
        F::Locked(n) => p(
            format!(
                "it holds {} it cannot open",
                super::plural(*n as usize, "letter", "letters")
            ),
            format!("里面有 {n} 封信打不开"),
        ),
        F::AllOpened(0) => p(
            "it holds no letter from them".into(),
            "里面没有这个人的信".into(),
        ),
        F::AllOpened(1) => p(
            "it opens the 1 letter it holds from them".into(),
            "里面这个人的 1 封信它打得开".into(),
        ),
        F::AllOpened(n) => p(
            format!(
                "it opens all {} it holds from them",
                super::plural(*n as usize, "letter", "letters")
            ),
            format!("里面这个人的 {n} 封信它都打得开"),
        ),
        F::Alike(n) => p(
            format!("the {n} online devices agree"),
            format!("在线的 {n} 台设备都一样"),
        ),
        F::NoneOnline => p(
            "none of the devices is online".into(),
            "没有一台设备在线".into(),
        ),
        F::Missing {
            first,
            second,
            letter,
        } => p(
            format!(
                "{} holds “{}”, which {} does not",
                d(first),
                letter.get(lang),
                d(second)
            ),
            format!(
                "{}存着“{}”，{}却没有",
                d(first),
                letter.get(lang),
                d(second)
            ),
        ),
        F::Disordered { first, second } => p(
            format!(
                "{} shows {}, but {} shows {}",
                d(&first.0),
                shown(&first.1, lang),
                d(&second.0),
                shown(&second.1, lang)
            ),
            format!(
                "{}显示的是 {}，{}显示的却是 {}",
                d(&first.0),
                shown(&first.1, lang),
                d(&second.0),
                shown(&second.1, lang)
            ),
        ),
    }
}

/// What the run did, for one expectation.
pub fn detail(d: &Detail, w: &World, lang: Lang) -> String {
    let p = |en: String, zh: String| pick(lang, en, zh);
    match d {
        Detail::Devices(found) => devices_found(found, w, lang),
        Detail::NoSuchLetter => p(
            "no such letter was written".into(),
            "没有写过这样的信".into(),
        ),
        Detail::ShownOnce | Detail::Shown(1) => p("shown once".into(), "显示了一次".into()),
        Detail::Shown(0) => p("never shown".into(), "从未显示".into()),
        Detail::Shown(n) => p(
            format!("shown {}", super::with_unit(n, "times")),
            format!("显示了 {}", super::with_unit(n, "次")),
        ),
        Detail::NeverShown(f) => p(
            format!("never shown: {}", fate(f, w, lang)),
            format!("从未显示：{}", fate(f, w, lang)),
        ),
        Detail::Returned(r) => p(
            format!("returned, stamped “{}”", stamp(*r, lang)),
            format!("已退回，盖着“{}”的戳", stamp(*r, lang)),
        ),
        Detail::NotReturned(f) => p(
            format!("not returned for that reason: {}", fate(f, w, lang)),
            format!("没有因为这个原因退回：{}", fate(f, w, lang)),
        ),
        Detail::ReportedLost => p("the phone gave up on it".into(), "手机放弃了发送".into()),
        Detail::NotReportedLost(f) => p(
            format!("the phone did not give up on it: {}", fate(f, w, lang)),
            format!("手机没有放弃：{}", fate(f, w, lang)),
        ),
        Detail::GaveUpThenSentAgain(f) => p(
            format!(
                "the phone gave up on it, then it was sent again: {}",
                fate(f, w, lang)
            ),
            format!("手机放弃过，后来又重发了：{}", fate(f, w, lang)),
        ),
        Detail::Recall(found) => recall_found(found, w, lang),
        Detail::Parcel(found) => parcel_found(found, lang),
        Detail::MarkedOffline => p("marked offline".into(), "被标记为离线".into()),
        Detail::NeverMarkedOffline => p("never marked offline".into(), "从未被标记为离线".into()),
        Detail::InOrder(t) => p(
            format!("shown in order: {}", shown(t, lang)),
            format!("按顺序显示：{}", shown(t, lang)),
        ),
        Detail::Missing(t, on) => p(
            format!(
                "{} is not shown; the screen has {}",
                words(t, lang),
                shown(on, lang)
            ),
            format!("没有显示{}；屏幕上有{}", words(t, lang), shown(on, lang)),
        ),
        Detail::TooFew {
            words: t,
            wanted,
            shown: times,
            on,
        } => p(
            format!(
                "{} is named {} but shown {}; the screen has {}",
                words(t, lang),
                super::counted::en_times(*wanted),
                match times {
                    0 => "never".to_string(),
                    n => super::counted::en_times(*n),
                },
                shown(on, lang)
            ),
            format!(
                "{}要显示{}，屏幕上只有{}；屏幕上有{}",
                words(t, lang),
                super::counted::zh_times(*wanted),
                super::counted::zh_times(*times),
                shown(on, lang)
            ),
        ),
        Detail::OutOfOrder(on) => p(
            format!("out of order: the screen has {}", shown(on, lang)),
            format!("顺序不对：屏幕上是{}", shown(on, lang)),
        ),
        Detail::SameOrder(t) => p(
            format!("every screen shows {}", shown(t, lang)),
            format!("每块屏幕都是{}", shown(t, lang)),
        ),
        Detail::Disagree { first, second } => {
            let (a, b) = (w.name(first.0, lang), w.name(second.0, lang));
            let (x, y) = (shown(&first.1, lang), shown(&second.1, lang));
            p(
                format!("{a}'s screen shows {x}, {b}'s {y}"),
                format!("{a}的屏幕上是{x}，{b}的屏幕上是{y}"),
            )
        }
        Detail::DotWas(true) => p(
            "the dot was lit (online)".into(),
            "小圆点亮着（在线）".into(),
        ),
        Detail::DotWas(false) => p(
            "the dot was not lit (not online)".into(),
            "小圆点没亮（不在线）".into(),
        ),
        Detail::NotifiedAt(ms) => p(
            format!(
                "the first notification came at {}",
                super::span(*ms, Lang::En)
            ),
            format!("第一条通知在 {}时到", super::span(*ms, Lang::Zh)),
        ),
        Detail::NotNotified(others) if others.is_empty() => p(
            "the lock screen showed no notification".into(),
            "锁屏上没有出现过通知".into(),
        ),
        Detail::NotNotified(others) => {
            let names: Vec<String> = others
                .iter()
                .map(|&u| w.name(u, lang).to_string())
                .collect();
            p(
                format!(
                    "the lock screen showed notifications only of letters from {}",
                    list(&names, lang)
                ),
                format!("锁屏上只出现过{}来信的通知", list(&names, lang)),
            )
        }
        Detail::ReadShownAt(ms) => p(
            format!(
                "the writer's phone learned it was read at {}",
                super::span(*ms, Lang::En)
            ),
            format!("写信人的手机在 {}时得知已读", super::span(*ms, Lang::Zh)),
        ),
        Detail::Unread(how) => unread(*how, lang),
        Detail::ShownAfter(ms) => p(
            format!("shown after {}", super::with_unit(ms, "ms")),
            format!("{}后显示", super::with_unit(ms, "毫秒")),
        ),
    }
}

/// `Read(…)` and `NotRead(…)` as a sentence.
fn read_expectation(e: &Expectation, w: &World, lang: Lang) -> String {
    let Expectation::Read {
        by,
        from,
        text,
        read,
    } = e
    else {
        return String::new();
    };
    let (by, from, text) = (who(by, w, lang), who(from, w, lang), words(text, lang));
    match read {
        true => pick(
            lang,
            format!("{from}'s phone learns that {by} read {text}"),
            format!("{from}的手机得知{by}已读{text}"),
        ),
        false => pick(
            lang,
            format!("{from}'s phone never learns that {by} read {text}"),
            format!("{from}的手机始终不知道{by}读没读{text}"),
        ),
    }
}

/// How far the reading of a letter got, when its writer never learned of it.
fn unread(how: Reading, lang: Lang) -> String {
    let (en, zh) = match how {
        Reading::NeverShown => (
            "the reader's screen never showed it",
            "读信人的屏幕上从没显示过它",
        ),
        Reading::ShownNotRead => (
            "it was shown, but never while its chat was open on the screen (the chat list, another chat, or the app closed): not read",
            "它显示过，可那时屏幕上没打开它所在的聊天（在聊天列表、别的聊天里，或者应用关着）：没有读",
        ),
        Reading::ReadNoNote => (
            "it was read, but no note went back (“read” switched off)",
            "信读了，可没有回条（“已读”关着）",
        ),
        Reading::NoteNotArrived => (
            "it was read and the note sent, but it had not reached the writer when the run ended",
            "信读了，回条也发了，可运行结束时还没到写信人那里",
        ),
    };
    pick(lang, en, zh).to_string()
}

/// The line under failed expectations: how many, and the seed to re-run with.
pub fn failed(failed: usize, of: usize, seed: u64, lang: Lang, reg: Register) -> String {
    let noun = if of == 1 {
        "expectation"
    } else {
        "expectations"
    };
    // The seed, and the flag that re-runs it, are technical words: not in the story.
    match (lang, reg) {
        (Lang::En, Register::Both | Register::Engineer) => {
            format!("{failed} of {of} {noun} failed with seed {seed} (re-run with --seed {seed}).")
        }
        (Lang::En, _) => format!("{failed} of {of} {noun} failed."),
        (Lang::Zh, Register::Both | Register::Engineer) => {
            format!("{of} 条预期中有 {failed} 条未满足，随机种子 {seed}（用 --seed {seed} 重现）。")
        }
        (Lang::Zh, _) => format!("{of} 条预期中有 {failed} 条未满足。"),
    }
}

/// What became of a recall, for `Recalled` and `RecallRefused`.
fn recall_found(found: &crate::scenario::expect::RecallFound, w: &World, lang: Lang) -> String {
    use crate::scenario::expect::RecallFound as F;
    let p = |en: String, zh: String| pick(lang, en, zh);
    let names = |us: &[crate::sim::DeviceIdx]| {
        let n: Vec<String> = us
            .iter()
            .map(|&u| w.device_name(u, lang).to_string())
            .collect();
        list(&n, lang)
    };
    match found {
        F::NoSuchLetter => p(
            "no such letter was written".into(),
            "没有写过这样的信".into(),
        ),
        F::NotAsked => p(
            "no recall of it reached the post office".into(),
            "它的撤回请求没有到达邮局".into(),
        ),
        F::Refused(crate::sim::RecallRefusal::TooLate) => p(
            "the post office refused: too late, every copy stays".into(),
            "邮局拒绝了：太晚了，每一份都还在".into(),
        ),
        F::Refused(crate::sim::RecallRefusal::NotAccepted) => p(
            "the post office refused: it never had the letter".into(),
            "邮局拒绝了：它从没收到这封信".into(),
        ),
        F::Accepted {
            notices,
            still_there,
            on_shelf,
        } if still_there.is_empty() && on_shelf.is_empty() => p(
            format!("taken back: the notice is on {notices} screens"),
            format!("已撤回，{notices} 块屏幕上显示撤回通知"),
        ),
        F::Accepted {
            still_there,
            on_shelf,
            ..
        } => {
            let mut en = Vec::new();
            let mut zh = Vec::new();
            if !still_there.is_empty() {
                en.push(format!("{} still have its words", names(still_there)));
                zh.push(format!("{}那里还留着信里的字", names(still_there)));
            }
            if !on_shelf.is_empty() {
                en.push(format!(
                    "the request still waits on the shelf for {}",
                    names(on_shelf)
                ));
                zh.push(format!("给{}的撕信请求还在信架上等着", names(on_shelf)));
            }
            p(
                format!("accepted, but {}", en.join("; ")),
                format!("邮局同意了，可是{}", zh.join("；")),
            )
        }
    }
}

/// `ParcelShown` (`whole`) and `ParcelExpired`, as a sentence.
fn parcel_expected(
    to: &str,
    from: Option<String>,
    text: &TextSpec,
    whole: bool,
    lang: Lang,
) -> String {
    let w = words(text, lang);
    match (whole, from) {
        (true, Some(from)) => pick(
            lang,
            format!("{to}'s phone shows the photo or voice message of {from}'s {w} whole, once"),
            format!("{to}的手机完整地显示{from}的{w}所附的图片或语音，只显示一次"),
        ),
        _ => pick(
            lang,
            format!(
                "{to}'s phone shows {w}'s thumbnail marked “expired”: the parcel store had thrown its parcel out"
            ),
            format!("{to}的手机上{w}只剩小图，标着“已过期”：包裹仓库已经把它清理掉了"),
        ),
    }
}

/// What a phone showed of a letter's photo or voice message.
fn parcel_found(found: &ParcelFound, lang: Lang) -> String {
    let p = |en: String, zh: String| pick(lang, en, zh);
    match found {
        ParcelFound::NoSuchLetter => p(
            "no such letter was written".into(),
            "没有写过这样的信".into(),
        ),
        ParcelFound::NoParcel => p(
            "that letter has no photo or voice message".into(),
            "那封信没有附图片或语音".into(),
        ),
        ParcelFound::LetterNotShown => p(
            "the letter never reached that phone's screen".into(),
            "那封信从没出现在这部手机的屏幕上".into(),
        ),
        ParcelFound::Shown(1) => p("shown whole, once".into(), "完整显示了一次".into()),
        ParcelFound::Shown(n) => p(
            format!("shown whole {}", super::counted::en_times(*n)),
            format!("完整显示了{}", super::counted::zh_times(*n)),
        ),
        ParcelFound::Expired => p(
            "the parcel store had thrown it out: the thumbnail, marked “expired”".into(),
            "包裹仓库已经清理掉了：只有小图，标着“已过期”".into(),
        ),
        ParcelFound::Partly { have, of } => p(
            format!("never whole: {have} of its {of} parts reached the phone"),
            format!("一直不完整：{of} 份里只到了 {have} 份"),
        ),
    }
}

/// `Recalled` (`accepted`) and `RecallRefused`, as a sentence.
fn recall_expected(who: &str, text: &TextSpec, accepted: bool, lang: Lang) -> String {
    let w = words(text, lang);
    match accepted {
        true => pick(
            lang,
            format!(
                "{who} takes back {w}: every copy torn up, every screen shows “{who} recalled a message”"
            ),
            format!("{who}撤回了{w}：每一份都撕掉了，每块屏幕都显示“{who}撤回了一条消息”"),
        ),
        false => pick(
            lang,
            format!("the post office refuses to take back {who}'s {w}"),
            format!("邮局拒绝撤回{who}的{w}"),
        ),
    }
}
