//! The window's words of sealed letters (issue 28, `sealed: true`): how big a
//! sealed envelope is, what the post office can see of the letter at hand and
//! that it cannot see the words, the inspector's "can see / cannot see", a
//! locked notification. Never a letter's words: what is sealed is said sealed.

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

/// The inspector's lines for a sealed letter where the post office has it (or on
/// its way): who wrote it, to whom, when, how big; what the post office can see
/// and what it cannot.
pub fn inspector_sealed(
    s: &OfficeSees,
    world: &World,
    lang: Lang,
    reg: Register,
) -> Vec<(String, String)> {
    let w = |en: &str, zh: &str| pick(lang, en, zh).to_string();
    let (can, cannot) = match reg {
        Register::Engineer => (
            w("server sees (metadata)", "服务器看得到（元数据）"),
            w("server cannot see", "服务器看不到"),
        ),
        _ => (
            w("the post office can see", "邮局看得到"),
            w("it cannot see", "邮局看不到"),
        ),
    };
    let what = match reg {
        Register::Engineer => w(
            "sender, recipient, time, size",
            "发信人、收信人、时间、大小",
        ),
        _ => w("from, to, time, size", "寄信人、收信人、时间、大小"),
    };
    let words = match reg {
        Register::Story => w(
            "the words: the letter is sealed, and only its people's devices can open it",
            "信里写的字：信封好了，只有收发信人的设备打得开",
        ),
        Register::Both => w(
            "the words: end-to-end encrypted, only its people's devices hold the keys",
            "信里写的字：端到端加密，只有收发信人的设备有密钥",
        ),
        Register::Engineer => w(
            "the plaintext: E2EE ciphertext, the keys stay on the devices",
            "明文：端到端加密的密文，密钥只在设备上",
        ),
    };
    vec![
        (w("from", "寄信人"), world.name(s.from, lang).to_string()),
        (w("to", "收信人"), world.dest_name(s.to, lang).to_string()),
        (w("written at", "写于"), Secs(s.written_at).to_string()),
        (
            w("size", "大小"),
            sealed_size(s.bytes).get(lang).to_string(),
        ),
        (can, what),
        (cannot, words),
    ]
}

/// The inspector's line for a letter a device holds sealed and cannot open.
pub fn inspector_locked(device: &str, lang: Lang, reg: Register) -> (String, String) {
    let field = pick(lang, "text", "内容").to_string();
    let value = match reg {
        Register::Engineer => pick(
            lang,
            format!(
                "ciphertext: {device} cannot decrypt it (encrypted before this device's key existed)"
            ),
            format!("密文：{device}解不开（加密时这台设备的密钥还不存在）"),
        ),
        Register::Both => pick(
            lang,
            format!(
                "🔒 end-to-end encrypted: {device} cannot open it (sealed before this device had its device key)"
            ),
            format!("🔒 端到端加密：{device}打不开（封信时这台设备还没有设备密钥）"),
        ),
        Register::Story => pick(
            lang,
            format!("🔒 sealed: {device} cannot open it (sealed before this device had its key)"),
            format!("🔒 封好的：{device}打不开（封信时这台设备还没有钥匙）"),
        ),
    };
    (field, value)
}

/// What a lock screen's notification of a sealed letter its phone could not
/// open says of its words.
pub fn locked_notice(lang: Lang) -> &'static str {
    pick(lang, "🔒 A sealed letter", "🔒 一封封好的信")
}
