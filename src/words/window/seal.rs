//! The window's words of sealed letters (issue 28, `sealed: true`): how big a
//! sealed envelope is, what the post office can see of the letter at hand and
//! that it cannot see the words, a locked notification. Never a letter's words:
//! what is sealed is said sealed. (The inspector's are in `words/inspect.rs`.)

use crate::sim::view::OfficeSees;
use crate::sim::{Lang, Secs, World};
use crate::words::{Register, pick};

/// On a sealed envelope, beside its seal: how big it is, "30 bytes" (the
/// number joined to its unit by a no-break space).
pub fn sealed_size(bytes: u32) -> crate::sim::Text {
    crate::sim::Text::new(format!("{bytes}\u{a0}bytes"), format!("{bytes}\u{a0}字节"))
}

/// The two lines of the post office's card in a sealed scene: what it can see
/// of the letter at hand (`sees`: who wrote to whom, when, how big), or of any
/// letter (`None`: no sealed letter at hand in the beat), and that it cannot
/// see the words: "Sees: Li Lei → Han Meimei," / "1.000 s, 30 bytes — not the
/// words".
pub fn office_card(
    sees: Option<&OfficeSees>,
    world: &World,
    lang: Lang,
    reg: Register,
) -> (String, String) {
    let head = match reg {
        Register::Story | Register::Both => pick(lang, "Sees: ", "看得到："),
        Register::Engineer => pick(lang, "Metadata: ", "元数据："),
    };
    let not = match reg {
        Register::Engineer => pick(lang, " — not the plaintext", "——看不到明文"),
        _ => pick(lang, " — not the words", "——看不到写的字"),
    };
    match sees {
        Some(s) => {
            let (from, to) = (world.name(s.from, lang), world.dest_name(s.to, lang));
            let size = match (reg, lang) {
                (Register::Engineer, Lang::En) => format!("{}\u{a0}B", s.bytes),
                _ => sealed_size(s.bytes).get(lang).to_string(),
            };
            let when = pick(lang, "s", "秒");
            let t = Secs(s.written_at).to_string();
            let t = t.trim_end_matches(" s");
            let comma = pick(lang, ", ", "，");
            (
                format!("{head}{from} → {to}{}", comma.trim_end()),
                format!("{t}\u{a0}{when}{comma}{size}{not}"),
            )
        }
        None => {
            let (what, size) = match reg {
                Register::Engineer => (
                    pick(lang, "sender, recipient, time,", "发信人、收信人、时间、"),
                    pick(lang, "size", "大小"),
                ),
                _ => (
                    pick(lang, "who writes to whom, when,", "谁写给谁、什么时候、"),
                    pick(lang, "how big", "多大"),
                ),
            };
            (format!("{head}{what}"), format!("{size}{not}"))
        }
    }
}

/// What a lock screen's notification of a sealed letter its phone could not
/// open says of its words.
pub fn locked_notice(lang: Lang) -> &'static str {
    pick(lang, "🔒 A sealed letter", "🔒 一封封好的信")
}
