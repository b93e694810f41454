//! The words of predict mode: the question, what each moment is, and each answer.
//! Predict mode is the same in every register: its words are the story's (a
//! phone's line, not its long connection).

use super::{pick, stamp};
use crate::lesson::predict::{Moment, Outcome, Tally};
use crate::sim::{Lang, UserIdx, World};

/// "What happens next?"
pub fn what_next(lang: Lang) -> &'static str {
    pick(lang, "What happens next?", "接下来会发生什么？")
}

/// What the class is guessing about, in one line.
pub fn moment(m: Moment, lang: Lang) -> &'static str {
    match m {
        Moment::Verdict => pick(
            lang,
            "The post office looks the letter up in its address register.",
            "邮局拿这封信去查用户名册。",
        ),
        Moment::Route => pick(
            lang,
            "The letter has passed the check. Where does it go now?",
            "这封信通过了检查。现在它去哪儿？",
        ),
        Moment::Fate => pick(
            lang,
            "Something is on its way along a line to the post office, and things do get lost on the way here.",
            "有东西正顺着通往邮局的专线在路上，而这里的线路会丢东西。",
        ),
        Moment::Retry => pick(
            lang,
            "No answer has come back in time.",
            "等了一阵，没有收到回音。",
        ),
        Moment::Copy => pick(
            lang,
            "A letter arrives that this phone may have seen before.",
            "一封信到了，这部手机也许以前见过它。",
        ),
        Moment::Shelf => pick(
            lang,
            "Someone with letters waiting on the offline shelf comes back online.",
            "离线信架上有信在等的人重新上线了。",
        ),
    }
}

/// One answer, naming the recipient `to` where it matters.
pub fn outcome(o: Outcome, lang: Lang, world: &World, to: Option<UserIdx>) -> String {
    let who = |l: Lang| {
        to.map(|u| world.name(u, l).to_string())
            .unwrap_or_else(|| pick(l, "the recipient", "收信人").to_string())
    };
    let (en, zh) = match o {
        Outcome::Accepted => (
            "The post office accepts it and files a copy in the archive.".to_string(),
            "邮局收下这封信，在档案室存一份副本。".to_string(),
        ),
        Outcome::Returned(r) => (
            format!(
                "It goes back to its sender, stamped \"{}\".",
                stamp(r, Lang::En)
            ),
            format!("退回给寄信人，盖上“{}”的章。", stamp(r, Lang::Zh)),
        ),
        Outcome::Forwarded => (
            format!("It goes straight down {}'s line.", who(Lang::En)),
            format!("马上顺着{}的专线送下去。", who(Lang::Zh)),
        ),
        Outcome::Shelved => (
            format!(
                "It waits on the offline shelf until {} is online.",
                who(Lang::En)
            ),
            format!("放上离线信架，等{}上线。", who(Lang::Zh)),
        ),
        Outcome::Lost => (
            "It is lost on the way.".to_string(),
            "在路上丢了。".to_string(),
        ),
        Outcome::Arrives => ("It arrives safely.".to_string(), "平安到达。".to_string()),
        Outcome::SentAgain => ("It is sent again.".to_string(), "再发一次。".to_string()),
        Outcome::GivesUp => (
            "The phone gives up: the bubble shows ❗ not sent.".to_string(),
            "手机不再重发：气泡上出现 ❗ 未发出。".to_string(),
        ),
        Outcome::Waits => (
            "Nothing is sent: everyone just waits.".to_string(),
            "什么也不发，大家干等着。".to_string(),
        ),
        Outcome::Recognised => (
            "Its number gives it away as a copy: it is not shown twice.".to_string(),
            "凭编号认出是副本：不会显示第二次。".to_string(),
        ),
        Outcome::ShownTwice => (
            "The screen shows it a second time.".to_string(),
            "屏幕上又显示一遍。".to_string(),
        ),
        Outcome::Unshelved => (
            format!(
                "The letters on the shelf go down {}'s line now.",
                who(Lang::En)
            ),
            format!("离线信架上的信现在顺着{}的专线送下去。", who(Lang::Zh)),
        ),
        Outcome::StaysOnShelf => (
            format!(
                "The letters stay on the shelf until {} asks for them.",
                who(Lang::En)
            ),
            format!("信继续留在信架上，等{}来要。", who(Lang::Zh)),
        ),
    };
    pick(lang, en, zh)
}

/// "Right!" or what was right.
pub fn verdict(right: bool, lang: Lang) -> &'static str {
    match right {
        true => pick(lang, "Right!", "答对了！"),
        false => pick(
            lang,
            "Not this time: watch.",
            "这次没猜中，看看发生了什么。",
        ),
    }
}

/// The tally at the end: "6 of 8 guessed right".
pub fn tally(t: Tally, lang: Lang) -> String {
    pick(
        lang,
        format!("Predictions: {} of {} guessed right.", t.right, t.asked),
        format!("预测：{} 题里猜对了 {} 题。", t.asked, t.right),
    )
}
