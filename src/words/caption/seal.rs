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
    if !one && count == 1 {
        return cannot_open_one_of_batch(s, u, &n);
    }
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

/// A batch (the archive's, or moved chats) with one letter the device cannot open.
fn cannot_open_one_of_batch(s: &S, u: &str, n: &str) -> String {
    let key = s.t(Thing::Key);
    match s.eng() {
        true => s.p(
            format!("E2EE: {u} cannot decrypt {n}: it was encrypted before this device's key existed. The ciphertext is stored; the chat shows it locked."),
            format!("端到端加密：{u}解不开其中 {n}：它加密时这台设备的密钥还不存在。密文照样存下，聊天里显示为锁着的。"),
        ),
        false => s.p(
            format!("{u} cannot open {n}: it was sealed before this device had its {key}, so only devices that had theirs then can open it. It keeps the letter and shows a lock."),
            format!("{u}打不开其中 {n}：它封上的时候这台设备还没有{key}，只有那时已经有{key}的设备才打得开。它把信收好，显示一把锁。"),
        ),
    }
}

/// How big a sealed letter is: 15.
fn bytes(l: &AboutLetter) -> u32 {
    l.m.sealed().map_or(0, |s| s.bytes())
}

/// Step 3 of a sealed letter: the writer's phone seals it, then sends it.
pub(super) fn send(s: &S, l: &AboutLetter) -> String {
    let (a, b, id, n) = (&l.a, &l.b, &l.id, bytes(l));
    if s.eng() {
        return s.p(
            format!("E2EE on {a}'s phone: encrypts {id} for the device keys of {b} and {a} ({n} bytes of ciphertext) and sends msg:R over the long connection."),
            format!("{a}手机上的端到端加密：用{b}和{a}各台设备的密钥给 {id} 加密（密文 {n} 字节），经长连接发出 msg:R。"),
        );
    }
    // Short: the first letter's sentence also explains the line (tests/scenes.rs
    // keeps every caption within the caption bar).
    let line = s.t(Thing::Line);
    let who = match (l.group, s.lang) {
        (true, Lang::En) => format!("the {b} group's members"),
        (true, Lang::Zh) => format!("{b}的成员"),
        (false, Lang::En) => "the two of them".to_string(),
        (false, Lang::Zh) => format!("{a}和{b}"),
    };
    s.p(
        format!("{a}'s phone seals the letter so that only {who} can open it, and sends it along {a}'s {line}."),
        format!("{a}的手机把信封好，只有{who}打得开，再沿着{a}的{line}送往邮局。"),
    )
}

/// Step 4 of a sealed letter: the post office takes it, and cannot read it.
pub(super) fn receive(s: &S, l: &AboutLetter) -> String {
    let (a, id, n) = (&l.a, &l.id, bytes(l));
    if s.eng() {
        return s.p(
            format!("Long-connection service: msg:R {id} arrives on {a}'s connection, {n} bytes of ciphertext. The server sees the metadata (sender, recipient, time, size), not the content."),
            format!("长连接服务：msg:R（{id}）从{a}的长连接上到达，{n} 字节密文。服务器看得到元数据（发信人、收信人、时间、大小），看不到内容。"),
        );
    }
    let (counter, line, seal) = (s.t(Thing::Counter), s.t(Thing::Line), s.t(Thing::Seal));
    s.p(
        format!("The post office {counter} takes {a}'s {seal} off the {line}: {n} bytes it cannot read. It sees only who, to whom, when and how big."),
        format!("邮局{counter}从{a}的{line}上收下一封{seal}：{n} 字节，它读不了。它只看得到谁寄给谁、什么时候、多大。"),
    )
}

/// Step 5 of a sealed letter: the register reads the envelope, not the letter.
pub(super) fn verify(s: &S, l: &AboutLetter) -> String {
    let (a, b, id) = (&l.a, &l.b, &l.id);
    if s.eng() {
        return match l.group {
            true => s.p(
                format!("Group service: {a} is a member of {b} (metadata only); {id} is stored in the server database as ciphertext."),
                format!("群组服务：{a}是{b}的成员（只看元数据）；{id} 以密文存入服务端数据库。"),
            ),
            false => s.p(
                format!("User service: {b} exists, is {a}'s friend and accepts (metadata only); {id} is stored in the server database as ciphertext."),
                format!("用户服务：{b}存在，是{a}的好友，也接收（只看元数据）；{id} 以密文存入服务端数据库。"),
            ),
        };
    }
    let archive = s.t(Thing::Archive);
    let check = match l.group {
        true => {
            let members = s.t(Thing::Members);
            s.p(
                format!("The post office's {members} says {a} is a member of {b}"),
                format!("邮局翻查{members}：{a}是{b}的成员"),
            )
        }
        false => {
            let register = s.t(Thing::Register);
            s.p(
                format!("The post office's {register} says {b} exists, is {a}'s friend and accepts the letter"),
                format!("邮局翻查{register}：{b}确有其人，是{a}的好友，也愿意收这封信"),
            )
        }
    };
    s.p(
        format!(
            "{check}: it reads only the envelope. The letter goes into the {archive} still sealed."
        ),
        format!("{check}：它只看信封，从不看信。信原样封着存进{archive}。"),
    )
}

/// Step 6 of a sealed letter: down the addressee's line, still sealed.
pub(super) fn forward(s: &S, l: &AboutLetter, to: DeviceIdx) -> String {
    let (id, t) = (&l.id, s.dev(to));
    if s.eng() {
        return s.p(
            format!(
                "Message forwarding: msg:N {id}, still ciphertext, goes down {t}'s long connection."
            ),
            format!("消息转发：msg:N（{id}）仍是密文，沿{t}的长连接发出。"),
        );
    }
    let (sorting, line) = (s.t(Thing::Sorting), s.t(Thing::Line));
    s.p(
        format!("The {sorting} sends the letter down {t}'s {line}, still sealed: the post office never opens it."),
        format!("{sorting}把信原样封着，沿{t}的{line}送过去：邮局从来不拆它。"),
    )
}

/// Step 7 in a sealed scene: the device takes the letter off its line and
/// opens it with its own key (`opened`), or cannot.
pub(super) fn arrive(s: &S, l: &AboutLetter, opened: bool) -> String {
    let (u, a, id) = (&l.u, &l.a, &l.id);
    // The words it opened, in a scene with several letters: ": “Hi!”".
    let q = match l.q.trim_start() {
        "" => String::new(),
        q => s.p(format!(": {q}"), format!("：{q}")),
    };
    if s.eng() {
        return match opened {
            true => s.p(
                format!("Network module on {u}'s phone: msg:N {id} arrives; the phone decrypts it with this device's key."),
                format!("{u}手机上的网络模块：msg:N（{id}）到达；手机用这台设备的密钥把它解密。"),
            ),
            false => s.p(
                format!("Network module on {u}'s phone: msg:N {id} arrives; this device's key cannot decrypt it."),
                format!("{u}手机上的网络模块：msg:N（{id}）到达；这台设备的密钥解不开它。"),
            ),
        };
    }
    let (postman, line, key) = (s.t(Thing::Postman), s.t(Thing::Line), s.t(Thing::Key));
    match opened {
        true => s.p(
            format!("{u}'s {postman} takes {a}'s sealed letter off the {line}, and the phone opens it with its own {key}{q}."),
            format!("{u}的{postman}从{line}上接过{a}寄来的封好的信，手机用自己的{key}把它打开{q}。"),
        ),
        false => s.p(
            format!("{u}'s {postman} takes {a}'s sealed letter off the {line}, but the phone's {key} does not open it."),
            format!("{u}的{postman}从{line}上接过{a}寄来的封好的信，可手机的{key}打不开它。"),
        ),
    }
}
