//! The sentences for the app closed, notifications and fetching (issue 24): the
//! phone system's push service (the story's "phone maker's messenger") carries a
//! short notice of a letter to a phone whose app is closed; the letter itself
//! waits on the shelf until the app opens.

use super::*;
use crate::sim::DeviceIdx;
use crate::sim::{EventKind, Notifications};

/// The user closes the app: the line closes, the phone stays on.
pub(super) fn app_closed(s: &S, u: &str) -> String {
    use Thing as T;
    // Without notifications in the scene, nothing reaches a closed app: say so,
    // not that a note could.
    let notes = s.ctx.settings.notifications != Notifications::Off;
    if s.eng() {
        return match notes {
            true => s.p(
                format!("{u} closes the app: the client sends bye and drops its long connection (battery); the server keeps its device token for push notifications."),
                format!("{u}关掉了应用：客户端发出 bye，断开长连接（省电）；服务器保留它的设备令牌，之后用推送通知。"),
            ),
            false => s.p(
                format!("{u} closes the app: the client sends bye and drops its long connection (battery); in this scene nothing reaches it until it opens again."),
                format!("{u}关掉了应用：客户端发出 bye，断开长连接（省电）；这个场景里，应用再打开之前什么也收不到。"),
            ),
        };
    }
    let line = s.t(T::Line);
    let push = s.t(T::PushService);
    let (en_then, zh_then) = match notes {
        true => (
            format!("Notes now come through the {push}."),
            format!("邮局仍然知道怎么捎个话：托{push}。"),
        ),
        false => (
            "Nothing reaches it now: the letters wait at the post office.".to_string(),
            format!(
                "这个故事里关掉的{app}什么也收不到：信都在邮局等着，直到再打开{app}。",
                app = s.zh_app()
            ),
        ),
    };
    s.p(
        format!("{u} closes the app; the phone stays on. A closed app keeps no {line} open, to save the battery: it says goodbye. {en_then}"),
        format!("{u}把{app}关掉了。手机还开着，也有信号，可关掉的{app}不再保持{line}（太费电）：它跟邮局道了别。{zh_then}", app = s.zh_app()),
    )
}

/// The user opens the app again: the lock screen clears, the line opens.
pub(super) fn app_opened(s: &S, u: &str, cleared: u32) -> String {
    use Thing as T;
    let line = s.t(T::Line);
    let notes = match cleared {
        0 => s.p(String::new(), String::new()),
        1 => s.p(
            " The note on the lock screen goes away.".into(),
            "锁屏上的通知消失了。".into(),
        ),
        n => s.p(
            format!(" The {n} notes on the lock screen go away."),
            format!(
                "锁屏上的{}条通知消失了。",
                super::super::counted::zh_count(n as usize)
            ),
        ),
    };
    if s.eng() {
        return s.p(
            format!("{u} opens the app: the client reconnects (login).{notes}"),
            format!("{u}打开应用：客户端重新登录。{notes}"),
        );
    }
    s.p(
        format!("{u} opens the app: the phone opens its {line} to the post office again.{notes}"),
        format!(
            "{u}打开了{app}：手机重新接通和邮局之间的{line}。{notes}",
            app = s.zh_app()
        ),
    )
}

/// The post office sends the push service a notice of a shelved letter.
pub(super) fn notify(s: &S, q: &str, id: &str, to: DeviceIdx) -> String {
    use Thing as T;
    let t = s.dev(to);
    if s.eng() {
        return s.p(
            format!("The server sends a push notification of {id} for {t} to the push service (notify). Never retried: the message stays in offline storage."),
            format!("服务器把{id}的推送通知交给推送服务（notify）。通知不重发：消息仍存在离线消息里。"),
        );
    }
    let (push, shelf) = (s.t(T::PushService), s.t2(T::Shelf));
    s.p(
        format!("{t}'s app is closed, so the post office sends a short note about the letter{q} to the {push}. The letter itself stays on the {shelf}."),
        match q.trim() {
            "" => format!("{t}的{app}关着，邮局给{push}捎去一张小纸条，说有一封信在等着。信本身还留在{shelf}上。", app = s.zh_app()),
            q => format!("{t}的{app}关着，邮局给{push}捎去一张小纸条，说有{q}这封信在等着。信本身还留在{shelf}上。", app = s.zh_app()),
        },
    )
}

/// The push service holds a notice: the phone has no signal.
pub(super) fn push_held(s: &S, to: DeviceIdx, replaced: bool) -> String {
    use Thing as T;
    let t = s.dev(to);
    if s.eng() {
        let older = match replaced {
            true => s.p(
                " It replaces the older one it held.".into(),
                "它替换了之前存着的那条。".into(),
            ),
            false => s.p(String::new(), String::new()),
        };
        return s.p(
            format!("{t}'s phone is unreachable: the push service holds the notification until it is back (the latest only).{older}"),
            format!("{t}的手机连不上：推送服务先存着这条通知，等它回来再发（只存最新的一条）。{older}"),
        );
    }
    let push = s.t(T::PushService);
    let older = match replaced {
        true => s.p(
            " It keeps only the latest: the older note is dropped.".into(),
            "它只留最新的一张：旧的那张扔掉了。".into(),
        ),
        false => s.p(String::new(), String::new()),
    };
    s.p(
        format!(
            "{t}'s phone has no signal: the {push} keeps the note until the signal is back.{older}"
        ),
        format!("{t}的手机没信号：{push}先收着纸条，等有信号再送。{older}"),
    )
}

/// The lock screen lights with a notice, showing what the setting lets it.
pub(super) fn notified(s: &S, m: &Envelope, u: &str, shows: Notifications) -> String {
    // The lock screen's own words (the window draws the same).
    let words = crate::words::window::notice_words(m, s.lang);
    let notice = crate::words::window::notice(&s.name(m.from()), &words, shows, s.lang);
    let shown = format!("“{notice}”");
    // Issue 28: the note brought the letter sealed; the phone opened it itself.
    let sealed = match (s.ctx.settings.sealed, m.sealed().is_none(), s.eng()) {
        (false, _, _) => String::new(),
        (true, true, true) => s.p(
            " The payload was ciphertext: this device decrypted it with its key.".into(),
            "推送内容是密文：手机用这台设备的密钥解密。".into(),
        ),
        (true, false, true) => s.p(
            " The push payload is ciphertext this device's key cannot decrypt.".into(),
            "推送内容是密文，这台设备的密钥解不开。".into(),
        ),
        (true, true, false) => s.p(
            " The note brought the letter sealed: the phone opened it itself, with its key.".into(),
            "通知带来的信是封着的：是手机自己用钥匙打开的。".into(),
        ),
        (true, false, false) => s.p(
            " The note brought the letter sealed, and this phone's key does not open it.".into(),
            "通知带来的信是封着的，这部手机的钥匙打不开。".into(),
        ),
    };
    if s.eng() && s.ctx.settings.sealed {
        // Issue 28, short (the caption bar).
        return s.p(
            format!("{u}'s lock screen shows the push notification {shown}.{sealed} The message comes when the app opens."),
            format!("{u}的锁屏显示推送通知{shown}。{sealed}消息本身打开应用才会拿到。"),
        );
    }
    if s.eng() {
        return s.p(
            format!("{u}'s lock screen shows the push notification {shown}.{sealed} The message itself is not on the phone yet: it comes when the app opens."),
            format!("{u}的锁屏显示推送通知{shown}。{sealed}消息本身还不在手机上：打开应用才会拿到。"),
        );
    }
    if s.ctx.settings.sealed && m.sealed().is_none() {
        // Issue 28: the phone opened the sealed note itself; said first, so
        // that the sentence stays as short as the one without a seal.
        return s.p(
            format!("{u}'s phone opens the sealed note itself with its key; the lock screen lights up: {shown}. The letter is still at the post office until {u} opens the app."),
            format!("{u}的手机自己用钥匙打开封着的通知，锁屏亮了：{shown}。可信还在邮局，等{u}打开{app}才来。", app = s.zh_app()),
        );
    }
    s.p(
        format!("{u}'s lock screen lights up: {shown}.{sealed} The letter is not in the chat yet: it is still at the post office, until {u} opens the app."),
        format!("{u}的锁屏亮了：{shown}。{sealed}可信还不在聊天里：它还在邮局，等{u}打开{app}才来。", app = s.zh_app()),
    )
}

/// `shelf: Fetched`: the phone asks for its waiting letters.
pub(super) fn fetch(s: &S, u: &str, attempt: u32) -> String {
    use Thing as T;
    if s.eng() {
        return match attempt {
            0 => s.p(
                format!("{u}'s client pulls its offline messages (fetch)."),
                format!("{u}的客户端拉取离线消息（fetch）。"),
            ),
            n => s.p(
                format!(
                    "No fetch:A yet: {u}'s client sends fetch again ({}).",
                    nth_try_en(n)
                ),
                format!(
                    "还没收到 fetch:A：{u}的客户端再次发送 fetch（第 {} 次重试）。",
                    n
                ),
            ),
        };
    }
    let shelf = s.t(T::Shelf);
    match attempt {
        0 => s.p(
            format!("{u}'s phone asks the post office: “Anything for me?” Letters on the {shelf} come only when asked."),
            format!("{u}的手机问邮局：“有我的信吗？”{shelf}上的信，要问了才给。"),
        ),
        _ => s.p(
            format!("No answer came: {u}'s phone asks again, “Anything for me?” (a lost question only delays)."),
            format!("没等到回答：{u}的手机再问一遍“有我的信吗？”（问话丢了只是晚一点）。"),
        ),
    }
}

/// The post office answers a fetch: how many letters come now.
pub(super) fn fetch_answered(s: &S, to: DeviceIdx, count: u32) -> String {
    use Thing as T;
    let t = s.dev(to);
    if s.eng() {
        return s.p(
            format!("The server answers {t}'s fetch (fetch:A): {count} offline messages follow as msg:N."),
            format!("服务器回应{t}的 fetch（fetch:A）：接着发出 {count} 条离线消息（msg:N）。"),
        );
    }
    let shelf = s.t(T::Shelf);
    match count {
        0 => s.p(
            format!("The post office answers {t}: nothing is waiting on the {shelf}."),
            format!("邮局回答{t}：{shelf}上没有你的信。"),
        ),
        1 => s.p(
            format!("The post office answers {t}: one letter is waiting on the {shelf}. It stays on the shelf's books until the phone signs for it."),
            format!("邮局回答{t}：{shelf}上有一封信。手机签收之前，它仍记在信架的账上。"),
        ),
        n => s.p(
            format!("The post office answers {t}: {n} letters are waiting on the {shelf}. Each stays on the shelf's books until the phone signs for it."),
            format!(
                "邮局回答{t}：{shelf}上有{}封信。每一封在手机签收之前，仍记在信架的账上。",
                super::super::counted::zh_count(n as usize)
            ),
        ),
    }
}

/// With notes for lock screens on: whether `user`'s app is closed as `e` happens
/// (a `CloseApp` not yet followed by an `OpenApp`), so that a letter waits "until
/// she opens the app" rather than "until she logs in". Always false in a story
/// without notes, whose words so stay as they were.
pub(in crate::words) fn app_closed_at(s: &S, user: DeviceIdx, e: &Event) -> bool {
    if s.ctx.settings.notifications == Notifications::Off {
        return false;
    }
    let mut closed = false;
    for x in s.ctx.trace() {
        if std::ptr::eq(x, e) || x.at > e.at {
            break;
        }
        if x.actor == crate::sim::Actor::Phone(user) {
            let kind = x.what.kind();
            if kind == EventKind::AppClosed {
                closed = true;
            } else if kind == EventKind::AppOpened {
                closed = false;
            }
        }
    }
    closed
}

/// Whether the letter of `e` was put back on the shelf for `to` earlier (a letter
/// lost on its way off the shelf): it then goes down again at the phone's next
/// "still here", not because `to` is back.
pub(super) fn shelved_again_before(s: &S, to: DeviceIdx, e: &Event) -> bool {
    let Some(id) = e.msg.as_ref().map(|m| m.id) else {
        return false;
    };
    s.ctx
        .trace()
        .iter()
        .take_while(|x| !std::ptr::eq(*x, e) && x.at <= e.at)
        .any(|x| {
            x.what
                == What::Shelve {
                    to,
                    why: ShelfWhy::NoAnswer,
                }
                && x.msg.as_ref().is_some_and(|m| m.id == id)
        })
}

/// A note for the lock screen lost on its way (told since issue 24's lesson): it
/// only delays, as nobody sends a note again and the letter waits on the shelf.
pub(super) fn note_lost(s: &S, q: &str, to: DeviceIdx, cause: LossCause) -> String {
    let t = s.dev(to);
    let shelf = s.t(Thing::Shelf);
    let why = match cause {
        LossCause::Dropped => s.p(
            " (the scene loses it on purpose)".into(),
            "（本场景故意安排）".into(),
        ),
        LossCause::Noise => s.p(" (a bad connection)".into(), "（信号太差）".into()),
        _ => String::new(),
    };
    let about = match q.trim() {
        "" => s.p("The note".into(), "一条锁屏通知".into()),
        q => s.p(format!("The note about {q}"), format!("关于{q}的锁屏通知")),
    };
    s.p(
        format!("{about} is lost on its way to {t}'s phone{why}; nobody sends it again. The letter waits on the {shelf}."),
        format!("{about}在去{t}手机的半路丢了{why}，没人会重发。信还在{shelf}上等着。"),
    )
}
