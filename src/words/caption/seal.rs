//! The sentences of sealed letters (issue 28, `sealed: true`): a device that
//! cannot open letters sealed before its key was made. The post office's steps
//! of a sealed letter say it is sealed instead of quoting it (see
//! [`super::S::text`] and `letter.rs`).

use super::*;

/// `n` letters, counted: "1 letter", "3 letters", "1 封信".
fn letters(s: &S, count: usize) -> String {
    match (s.lang, count) {
        (Lang::En, 1) => "1 letter".to_string(),
        (Lang::En, n) => format!("{n} letters"),
        (Lang::Zh, n) => format!("{}信", with_unit(n as u32, "封")),
    }
}

/// A device holds sealed letters its key cannot open: one that just arrived
/// (`one`), or a batch of `count` (the archive's, or moved chats).
pub(super) fn cannot_open(s: &S, u: &str, one: bool, count: usize) -> String {
    let n = letters(s, count);
    let seal = s.t(Thing::Seal);
    let key = s.t(Thing::Key);
    match (s.eng(), one) {
        (true, true) => s.p(
            format!("E2EE: {u} cannot decrypt this message: it was encrypted before this device's key existed, only for the device keys its sender and recipients had then. The ciphertext is stored; the chat shows it locked."),
            format!("端到端加密：{u}解不开这条消息：它加密时这台设备的密钥还不存在，只为发信人和收信人当时各台设备的密钥加了密。密文照样存下，聊天里显示为锁着的。"),
        ),
        (true, false) => s.p(
            format!("E2EE: {u} cannot decrypt {n}: they were encrypted before this device's key existed. The ciphertext is stored; the chat shows them locked."),
            format!("端到端加密：{u}解不开其中 {n}：它们加密时这台设备的密钥还不存在。密文照样存下，聊天里显示为锁着的。"),
        ),
        (false, true) => s.p(
            format!("{u} cannot open this letter: it is a {seal}, closed before this device had its {key}, so only devices that had theirs then can open it. It keeps the letter and shows a lock."),
            format!("{u}打不开这封信：这是一封{seal}，封上的时候这台设备还没有{key}，只有那时已经有{key}的设备才打得开。它把信收好，显示一把锁。"),
        ),
        (false, false) => s.p(
            format!("{u} cannot open {n}: they were sealed before this device had its {key}, so only devices that had theirs then can open them. It keeps them and shows a lock on each."),
            format!("{u}打不开其中 {n}：它们封上的时候这台设备还没有{key}，只有那时已经有{key}的设备才打得开。它把信收好，每封都显示一把锁。"),
        ),
    }
}
