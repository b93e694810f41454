//! The sentences for the longer of the events without a letter: the phones'
//! lines and logins, packets setting out, and the scene's changes to the lines
//! and the register; [`super::without_letter`] picks one.

use super::*;
use crate::sim::DeviceIdx;

/// A phone opens the app and its line (at length the first time the scene shows it).
pub(super) fn login_start(s: &S, e: &Event, u: &str) -> String {
    use Thing as T;
    let first = s
        .ctx
        .first_line
        .is_some_and(|f| std::ptr::eq(&s.ctx.trace[f], e));
    match (s.reg, s.lang, first) {
        (Register::Engineer, Lang::En, _) => format!(
            "{u}'s client starts: the network module opens a long connection to the server and sends a login."
        ),
        (Register::Engineer, Lang::Zh, _) => {
            format!("{u}的客户端启动：网络模块和服务器建立长连接，发送登录请求。")
        }
        (Register::Story, Lang::En, true) => format!(
            "{u} opens the app: the phone opens its own line to the post office, a line that stays open all the time, so letters can come and go the moment they are written."
        ),
        (Register::Story, Lang::Zh, true) => {
            format!(
                "{u}打开{app}：手机和邮局之间接通一条专线——一条一直不挂断的线路，信随写随到。",
                app = s.zh_app()
            )
        }
        (_, Lang::En, true) => format!(
            "{u} opens the app: the phone opens a long connection to the post office, a line that stays open all the time, so letters can come and go the moment they are written."
        ),
        (_, Lang::Zh, true) => {
            format!(
                "{u}打开{app}：手机和邮局之间接通一条长连接——一条一直不挂断的线路，信随写随到。",
                app = s.zh_app()
            )
        }
        (_, Lang::En, false) => format!(
            "{u} opens the app: the phone opens its {} to the post office.",
            s.t(T::Line)
        ),
        (_, Lang::Zh, false) => format!(
            "{u}打开{app}：手机接通和邮局之间的{}。",
            s.t(T::Line),
            app = s.zh_app()
        ),
    }
}

/// A phone is online: how often it says “still here”, and how long the post office waits.
pub(super) fn connected(s: &S, u: &str) -> String {
    let hb = s.ctx.settings.heartbeat;
    let (i, t) = (s.span(hb.interval_ms), s.span(hb.timeout_ms));
    match (s.reg, s.lang) {
        (Register::Engineer, Lang::En) => {
            format!("{u}'s login is confirmed. Heartbeat every {i}; the server's timeout is {t}.")
        }
        (Register::Engineer, Lang::Zh) => format!("{u}登录成功。心跳间隔 {i}，服务器超时 {t}。"),
        (Register::Story, Lang::En) => format!(
            "{u}'s phone is online. Every {i} it tells the post office “still here”, like the postman's round; if it hears nothing for {t}, the post office decides the phone has gone."
        ),
        (Register::Story, Lang::Zh) => format!(
            "{u}的手机上线了。之后每隔 {i}向邮局报一声“我还在”，就像邮递员定时巡回；邮局 {t}听不到，就当它断线了。"
        ),
        (_, Lang::En) => format!(
            "{u}'s phone is online. Every {i} it sends a heartbeat, a short “still here”, like the postman's round; if it hears nothing for {t}, the post office decides the phone has gone."
        ),
        (_, Lang::Zh) => format!(
            "{u}的手机上线了。之后每隔 {i}发一次心跳，说声“我还在”，就像邮递员定时巡回；邮局 {t}听不到心跳，就当它断线了。"
        ),
    }
}

/// The post office marks a phone offline, and why.
pub(super) fn marked_offline(s: &S, user: &DeviceIdx, why: &OfflineWhy) -> String {
    use Thing as T;
    let hb = s.ctx.settings.heartbeat;
    let x = s.dev(*user);
    let t = s.span(hb.timeout_ms);
    match (why, s.reg) {
        (OfflineWhy::Silent, Register::Engineer) => s.p(
            format!(
                "Heartbeat timeout ({t}) for {x}: the long-connection service marks {x} offline."
            ),
            format!("{x}心跳超时（{t}）：长连接服务把{x}标记为离线。"),
        ),
        (OfflineWhy::Silent, Register::Story) => s.p(
            format!(
                "No “still here” from {x}'s phone for over {t}: the post office marks {x} offline."
            ),
            format!("超过 {t}没听到{x}的手机报“我还在”：邮局把{x}标记为离线。"),
        ),
        (OfflineWhy::Silent, _) => s.p(
            format!(
                "No heartbeat from {x}'s phone for over {t}: the post office marks {x} offline."
            ),
            format!("超过 {t}没收到{x}手机的心跳：邮局把{x}标记为离线。"),
        ),
        (OfflineWhy::Goodbye, _) => s.p(
            format!("{x}'s phone said goodbye: the post office marks {x} offline."),
            format!("{x}的手机道别了：邮局把{x}标记为离线。"),
        ),
        (OfflineWhy::Closed, _) => {
            let line = s.t(T::Line);
            s.p(
                format!("The post office closes {x}'s {line} and marks {x} offline."),
                format!("邮局断开{x}的{line}，把{x}标记为离线。"),
            )
        }
    }
}

/// A phone finds its line dead, and logs in again.
pub(super) fn connection_lost(s: &S, u: &str, why: &Broken) -> String {
    use Thing as T;
    let hb = s.ctx.settings.heartbeat;
    let line = s.t(T::Line);
    let r = s.span(s.ctx.settings.reconnect_ms);
    match (why, s.reg) {
        (Broken::Silence, Register::Story) => s.p(
            format!("{u}'s phone has heard nothing for over {}, not even answers to its “still here”: its {line} is dead, so it logs in again.", s.span(hb.timeout_ms)),
            format!("{u}的手机超过 {}没听到邮局的任何回音，连“我还在”都没人应：它知道{line}断了，于是重新登录。", s.span(hb.timeout_ms)),
        ),
        (Broken::Silence, _) => s.p(
            format!("{u}'s phone has heard nothing for over {}, not even answers to its heartbeats: its {line} is dead, so it logs in again.", s.span(hb.timeout_ms)),
            format!("{u}的手机超过 {}没收到邮局的任何回音，连心跳也没人回：它知道{line}断了，于是重新登录。", s.span(hb.timeout_ms)),
        ),
        (Broken::Closed, _) => s.p(
            format!("The post office's closing notice reaches {u}'s phone: its {line} is cut, and it tries to log in again every {r}."),
            format!("{u}的手机收到邮局的关门通知：{line}断了，它每隔 {r}试着重新登录一次。"),
        ),
        (Broken::Forgotten, _) => s.p(
            format!("The post office no longer knows {u}'s {line} (it marked {u} offline) and asks the phone to log in again; it does."),
            format!("邮局已经不认{u}的这条{line}了（之前把{u}标记为离线），请手机重新登录；手机照办。"),
        ),
    }
}

/// A phone's line starts (or stops) losing what is sent on it.
pub(super) fn set_loss(s: &S, user: &DeviceIdx, loss: &f64) -> String {
    use Thing as T;
    let x = s.dev(*user);
    let pct = (loss * 100.0).round();
    let line = s.t(T::Line);
    if s.eng() {
        return s.p(
            format!(
                "From now on each frame on {x}'s long connection is lost with probability {pct}%."
            ),
            format!("从现在起，{x}长连接上的每个数据包都有 {pct}% 的概率丢失。"),
        );
    }
    if *loss == 0.0 {
        return s.p(
            format!("{x}'s {line} works well again: nothing more gets lost on it."),
            format!("{x}的{line}又好了：不会再丢东西。"),
        );
    }
    let (beats_en, beats_zh) = match s.reg {
        Register::Story => ("“still here” calls", "“我还在”"),
        _ => ("heartbeats", "心跳"),
    };
    s.p(
        format!("From now on, {pct}% of everything sent on {x}'s {line} gets lost on the way (letters, receipts, log-ins, {beats_en}), in both directions: a bad connection."),
        format!("从现在起，{x}的{line}上来回传的东西（信、回执、登录、{beats_zh}）有 {pct}% 会在半路丢掉：信号很差。"),
    )
}

/// Friends and blocks in the post office's register.
pub(super) fn register_change(s: &S, change: &RegisterChange, a: &UserIdx, b: &UserIdx) -> String {
    use Thing as T;
    let (x, y) = (s.name(*a), s.name(*b));
    let register = s.t(T::Register);
    match change {
        RegisterChange::Befriend => s.p(
            format!(
                "{x} and {y} become friends: the post office's {register} now lists them together."
            ),
            format!("{x}和{y}成了好友：邮局的{register}上记下了。"),
        ),
        RegisterChange::Unfriend => s.p(
            format!(
                "{x} and {y} are no longer friends: the post office's {register} crosses them out."
            ),
            format!("{x}和{y}不再是好友：邮局的{register}上划掉了。"),
        ),
        RegisterChange::Block => s.p(
            format!("{x} blocks {y}: from now on the post office refuses {y}'s letters to {x}."),
            format!("{x}把{y}拉黑了：从现在起，邮局拒收{y}寄给{x}的信。"),
        ),
        RegisterChange::Unblock => s.p(
            format!("{x} unblocks {y}: {y}'s letters to {x} get through again."),
            format!("{x}把{y}移出了黑名单：{y}的信又能送到{x}那里了。"),
        ),
    }
}

/// A packet sets out on a line.
pub(super) fn frame_out(s: &S, user: &DeviceIdx, dir: &Dir, frame: &FrameKind) -> String {
    let x = s.dev(*user);
    let noun = frame_noun(*frame, s.lang, s.reg);
    // Packet codes are the engineer's words.
    let code = if s.eng() {
        s.p(
            format!(" ({})", frame.name()),
            format!("（{}）", frame.name()),
        )
    } else {
        String::new()
    };
    match dir {
        Dir::ToServer => s.p(
            format!("{x}'s phone sends a {noun}{code} to the post office."),
            format!("{x}的手机向邮局发出{noun}{code}。"),
        ),
        Dir::ToPhone => s.p(
            format!("The post office sends a {noun}{code} to {x}'s phone."),
            format!("邮局向{x}的手机发出{noun}{code}。"),
        ),
    }
}

/// The post office's counter registers a phone's line.
pub(super) fn logged_in(s: &S, user: DeviceIdx) -> String {
    use Thing as T;
    let x = s.dev(user);
    if s.eng() {
        return s.p(
            format!("Long-connection service: {x} is online on this connection."),
            format!("长连接服务：{x}上线，登记这条长连接。"),
        );
    }
    let (counter, line) = (s.t(T::Counter), s.t2(T::Line));
    // A device of a person with several (issue 27) has a long name: said once.
    let world = &s.ctx.world;
    if world.has_other_devices(world.owner(user)) {
        return s.p(
            format!(
                "The {counter} writes down: {x} is online; letters for it go down this {line}."
            ),
            format!("邮局{counter}登记：{x}上线了，给它的信就走这条{line}。"),
        );
    }
    s.p(
        format!("The post office {counter} writes down: {x} is online; letters for {x} go down this {line}."),
        format!("邮局{counter}登记：{x}上线了，给{x}的信就走这条{line}。"),
    )
}

/// A phone's signal goes (a tunnel), or comes back (`up`).
pub(super) fn link(s: &S, user: DeviceIdx, up: bool) -> String {
    let x = s.dev(user);
    match up {
        false => s.p(
            format!("{x}'s phone is cut off (no signal in a tunnel, or a Wi-Fi that lets nothing through): nothing gets through either way, and the post office is not told."),
            format!("{x}的手机和外面断了联系（比如火车进了隧道没信号，或者连着一个上不了网的无线网）：什么都传不过去，邮局也毫不知情。"),
        ),
        true => s.p(
            format!("{x}'s phone can get through again."),
            format!("{x}的手机又连得上了。"),
        ),
    }
}
