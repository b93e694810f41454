//! Issue 26's sentences: a photo or a voice message, a parcel, goes apart from
//! its letter — up to the parcel store in parts on the phone's own line, and from
//! the store to each addressee's phone when it shows the letter; the letter
//! carries only a pickup slip (and a photo's thumbnail). In the story register the
//! store is "the parcel store" (包裹仓库); the engineer's is the file server
//! (文件服务器, a CDN).

use super::*;
use crate::sim::DeviceIdx;
use crate::sim::{EventKind, ParcelKind};

/// What the parcel is: "photo" or "voice message"; 照片, 语音.
fn kind(s: &S, m: &Envelope) -> &'static str {
    match (m.parcel.as_deref().map(|p| p.parcel.kind), s.lang) {
        (Some(ParcelKind::Voice { .. }), Lang::En) => "voice message",
        (Some(ParcelKind::Voice { .. }), Lang::Zh) => "语音",
        (_, Lang::En) => "photo",
        (_, Lang::Zh) => "照片",
    }
}

/// The parcel named: "the photo “The kite”" (its label in a scene with several
/// letters, else "the photo"); in Chinese “风筝”这张照片, or 照片.
pub(super) fn the(s: &S, m: &Envelope) -> String {
    let k = kind(s, m);
    match s.lang {
        Lang::En => format!("the {k}{}", s.q(m)),
        Lang::Zh if s.ctx.names_letters() => {
            let measure = match k {
                "语音" => "条",
                _ => "张",
            };
            format!("{}这{measure}{k}", quote(&s.text(m), Lang::Zh))
        }
        Lang::Zh => k.to_string(),
    }
}

/// The engineer's name of a letter's file: "lilei#1's image" / "lilei#1 的图片".
fn file(s: &S, m: &Envelope) -> String {
    let voice = matches!(
        m.parcel.as_deref().map(|p| p.parcel.kind),
        Some(ParcelKind::Voice { .. })
    );
    let id = s.id(m);
    match (voice, s.lang) {
        (true, Lang::En) => format!("{id}'s voice file"),
        (false, Lang::En) => format!("{id}'s image"),
        (true, Lang::Zh) => format!("{id} 的语音文件"),
        (false, Lang::Zh) => format!("{id} 的图片"),
    }
}

/// Parts `from` to `to` as the engineer writes them: "3–5", or "5".
fn span_of(from: u32, to: u32) -> String {
    match from == to {
        true => to.to_string(),
        false => format!("{from}–{to}"),
    }
}

/// "all 5 parts", "the one part".
fn all_parts_en(n: u32) -> String {
    match n {
        1 => "the one part".into(),
        n => format!("all {n} parts"),
    }
}

/// "part 3 of 5" / "第 3 份（共 5 份）".
fn part_of(s: &S, part: u32, of: u32) -> String {
    s.p(
        format!("part {part} of {of}"),
        format!("第 {part} 份（共 {of} 份）"),
    )
}

/// "parts 3 to 5" (or "part 5") / "第 3 到 5 份" (或“第 5 份”).
fn parts_from(s: &S, from: u32, to: u32) -> String {
    match from == to {
        true => s.p(format!("part {to}"), format!("第 {to} 份")),
        false => s.p(
            format!("parts {from} to {to}"),
            format!("第 {from} 到 {to} 份"),
        ),
    }
}

/// A count of parts: "5 parts" / "5 份".
fn parts(s: &S, n: u32) -> String {
    match (n, s.lang) {
        (1, Lang::En) => "one part".into(),
        (n, Lang::En) => format!("{n} parts"),
        (n, Lang::Zh) => format!("{}份", count_zh(n as usize)),
    }
}

/// The parcel store, named as the register names it.
fn store(s: &S, first: bool) -> String {
    match first {
        true => s.t(Thing::Store),
        false => s.t2(Thing::Store),
    }
}

/// The upload (`upload`): all the parts at once, or the rest of them.
pub(super) fn upload(s: &S, l: &AboutLetter, from_part: u32, n: u32, kb: u32) -> String {
    let (a, m) = (&l.a, l.m);
    let bw = s.ctx.settings.network.bandwidth_kb_per_s;
    let part_kb = s.ctx.settings.parcels.part_kb;
    if s.eng() {
        return match from_part {
            1 => s.p(
                format!("{a}'s phone uploads {} to the file server on a connection of its own: part:R {} ({kb} kB, parts of {part_kb} kB).", file(s, m), span_of(1, n)),
                format!("{a}的手机经单独的连接把{}上传到文件服务器：part:R {}（{kb} KB，每份 {part_kb} KB）。", file(s, m), span_of(1, n)),
            ),
            k => s.p(
                format!("{a}'s phone resumes the upload of {}: part:R {} (the file server has {}).", file(s, m), span_of(k, n), span_of(1, k - 1)),
                format!("{a}的手机续传{}：part:R {}（文件服务器已有 {}）。", file(s, m), span_of(k, n), span_of(1, k - 1)),
            ),
        };
    }
    if from_part > 1 {
        return s.p(
            format!(
                "{a}'s phone goes on where the {} stopped: {} of {}, not the whole {} again.",
                store(s, true),
                parts_from(s, from_part, n),
                the(s, m),
                kind(s, m)
            ),
            format!(
                "{a}的手机从{}停下的地方接着发{}的{}，不用整个从头再来。",
                store(s, true),
                the(s, m),
                parts_from(s, from_part, n)
            ),
        );
    }
    let time = match bw {
        Some(bw) => {
            let t = s.span(crate::sim::parcel::wire_ms(kb, Some(bw)));
            s.p(
                format!(" At {bw} kB a second that takes {t}."),
                format!("每秒只能过 {bw} 千字节，要 {t}。"),
            )
        }
        None => String::new(),
    };
    let (cut, zcut) = match n {
        1 => ("in one part".to_string(), "一份就够了".to_string()),
        n => (
            format!("{}, one after another", parts(s, n)),
            format!("分成{}，一份接一份", parts(s, n)),
        ),
    };
    s.p(
        format!("{a}'s phone sends {} to the {} on a line of its own, apart from the letter: {cut}.{time}", the(s, m), store(s, true)),
        format!("{a}的手机把{}单独送往{}，走它自己的一条线：{zcut}。{time}", the(s, m), store(s, true)),
    )
}

/// A part reaches the store (`part_stored`).
pub(super) fn part_stored(s: &S, l: &AboutLetter, part: u32, of: u32, again: bool) -> String {
    let m = l.m;
    if s.eng() {
        return match again {
            false => s.p(
                format!("File server: part:R {part}/{of} of {} stored.", file(s, m)),
                format!("文件服务器：存下{}的 part:R {part}/{of}。", file(s, m)),
            ),
            true => s.p(
                format!(
                    "File server: part:R {part}/{of} of {} again: already stored, dropped.",
                    file(s, m)
                ),
                format!(
                    "文件服务器：{}的 part:R {part}/{of} 又到了：已经存过，丢弃。",
                    file(s, m)
                ),
            ),
        };
    }
    let (store, the) = (store(s, true), the(s, m));
    let p = part_of(s, part, of);
    match (again, of) {
        (false, 1) => s.p(
            format!("{} reaches the {store}, all in one part.", cap(&the)),
            format!("{the}一份就到齐了，到了{store}。"),
        ),
        (false, _) => s.p(
            format!("{} of {the} reaches the {store}.", cap(&p)),
            format!("{the}的{p}到了{store}。"),
        ),
        (true, _) => s.p(
            format!("{} of {the} reaches the {store} again: it has it already, and throws the copy away.", cap(&p)),
            format!("{the}的{p}又到了{store}：它已经有了，多的这份扔掉。"),
        ),
    }
}

/// The first letter of `s` in capitals.
fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The store has the whole parcel (`parcel_stored`).
pub(super) fn parcel_stored(s: &S, l: &AboutLetter, n: u32, kb: u32) -> String {
    let (a, m) = (&l.a, l.m);
    let keep = s.ctx.settings.parcels.keep_ms;
    if s.eng() {
        let kept = match keep {
            Some(k) => s.p(
                format!(" It expires in {}.", s.span(k)),
                format!("{}后过期。", s.span(k)),
            ),
            None => String::new(),
        };
        return s.p(
            format!("File server: {} of {} stored ({kb} kB), one copy; part:A {n}/{n} to {a}'s phone.{kept}", all_parts_en(n), file(s, m)),
            format!("文件服务器：{}的 {n} 份全部存下（{kb} KB），只存一份；向{a}的手机发 part:A {n}/{n}。{kept}", file(s, m)),
        );
    }
    let kept = match keep {
        Some(k) => s.p(
            format!(" It keeps it {}.", s.span(k)),
            format!("它只保存 {}。", s.span(k)),
        ),
        None => String::new(),
    };
    s.p(
        format!("The {} has all of {} now: one copy, for everyone the letter goes to. It tells {a}'s phone.{kept}", store(s, true), the(s, m)),
        format!("{}收齐了{}：只存一份，信寄给谁，都从这一份里取。它告诉{a}的手机一声。{kept}", store(s, true), the(s, m)),
    )
}

/// Whether the event before `l` (on the same phone, at the same moment) was a
/// letter sent again after ❗: an ask then follows the tap, not a line back.
fn after_a_tap(s: &S, l: &AboutLetter) -> bool {
    s.ctx.trace[..l.i]
        .iter()
        .rev()
        .take_while(|x| x.at == l.e.at)
        .any(|x| {
            x.actor == l.e.actor
                && x.what.kind() == EventKind::Resent
                && x.msg.as_ref().is_some_and(|x| x.id == l.m.id)
        })
}

/// The writer's phone asks the store how much it has (`upload_asked`).
pub(super) fn upload_asked(s: &S, l: &AboutLetter, attempt: u32) -> String {
    let (a, m) = (&l.a, l.m);
    let tap = after_a_tap(s, l);
    if s.eng() {
        let why = match (attempt, tap) {
            (0, true) => s.p("resent after ❗".into(), "点❗重发".into()),
            (0, false) => s.p("after login".into(), "登录之后".into()),
            (k, _) => s.p(
                format!("no part:A, attempt {k}"),
                format!("没收到 part:A，第{}次", nth_zh(k as usize)),
            ),
        };
        return s.p(
            format!("{a}'s phone: part:Q for {} ({why}).", file(s, m)),
            format!("{a}的手机：发 part:Q 询问{}（{why}）。", file(s, m)),
        );
    }
    let (store, the) = (store(s, true), the(s, m));
    match (attempt, tap) {
        (0, true) => s.p(
            format!("Sent again (❗): {a}'s phone first asks the {store} how much of {the} it has."),
            format!("重发（❗）：{a}的手机先问{store}，{the}收到多少了。"),
        ),
        (0, false) => s.p(
            format!("{a}'s phone is back on its line and asks the {store} how much of {the} it has."),
            format!("{a}的手机重新连上了，先问{store}，{the}收到多少了。"),
        ),
        (k, _) => s.p(
            format!("{a}'s phone has heard nothing of the upload: it asks the {store} how much of {the} it has ({} question).", super::super::ordinal_en(k as usize)),
            format!("上传一直没有回音：{a}的手机问{store}，{the}收到多少了（第{}次询问）。", nth_zh(k as usize)),
        ),
    }
}

/// The store answers how much it has (`upload_answered`).
pub(super) fn upload_answered(s: &S, l: &AboutLetter, have: u32, of: u32) -> String {
    let (a, m) = (&l.a, l.m);
    if s.eng() {
        return s.p(
            format!(
                "File server: part:A {have}/{of} for {} to {a}'s phone.",
                file(s, m)
            ),
            format!(
                "文件服务器：向{a}的手机回 part:A {have}/{of}（{}）。",
                file(s, m)
            ),
        );
    }
    let has = match (have, s.lang) {
        (0, Lang::En) => "none of its parts yet".to_string(),
        (0, Lang::Zh) => "一份都还没收到".to_string(),
        (h, Lang::En) if h >= of => format!("all {of} parts: it is all there"),
        (h, Lang::Zh) if h >= of => format!("{of} 份全都收齐了"),
        (h, Lang::En) => format!("the first {h} of its {of} parts"),
        (h, Lang::Zh) => format!(" {of} 份里收到了前 {h} 份"),
    };
    s.p(
        format!("The {} answers {a}'s phone: it has {has}.", store(s, true)),
        format!("{}回答{a}的手机：{}{has}。", store(s, true), the(s, m)),
    )
}

/// Whether event `l` follows the letter's step 9 on the same phone at the same
/// moment: the phone fetches as it shows the letter.
fn at_display(s: &S, l: &AboutLetter) -> bool {
    s.ctx.trace[..l.i]
        .iter()
        .rev()
        .take_while(|x| x.at == l.e.at)
        .any(|x| {
            x.actor == l.e.actor
                && x.what.kind() == EventKind::Display
                && x.msg.as_ref().is_some_and(|x| x.id == l.m.id)
        })
}

/// An addressee's phone asks the store for the parcel (`fetch_parcel`).
pub(super) fn fetch(s: &S, l: &AboutLetter, from_part: u32, attempt: u32) -> String {
    let (u, m) = (&l.u, l.m);
    let when = match (attempt, at_display(s, l)) {
        (0, true) => String::new(),
        (0, false) => s.p(" (its line is back)".into(), "（线路通了）".into()),
        (k, _) => s.p(
            format!(
                " (no part for a while: {} ask)",
                super::super::ordinal_en(k as usize + 1)
            ),
            format!("（好一阵没有新的一份：第{}次请求）", nth_zh(k as usize + 1)),
        ),
    };
    if s.eng() {
        return s.p(
            format!(
                "{u}'s phone: get {} from part {from_part}{when}.",
                file(s, m)
            ),
            format!(
                "{u}的手机：get {}，从第 {from_part} 份起{when}。",
                file(s, m)
            ),
        );
    }
    match from_part {
        1 => s.p(
            format!("{u}'s phone asks the {} for {}{when}.", store(s, true), the(s, m)),
            format!("{u}的手机向{}要{}{when}。", store(s, true), the(s, m)),
        ),
        k => s.p(
            format!("{u}'s phone keeps the {} it has and asks the {} for the rest of {}, from part {k}{when}.", parts(s, k - 1), store(s, true), the(s, m)),
            format!("{u}的手机留着已有的{}，向{}要{}剩下的部分，从第 {k} 份起{when}。", parts(s, k - 1), store(s, true), the(s, m)),
        ),
    }
}

/// The store sends a phone the parcel from its one copy (`parcel_sent`).
pub(super) fn sent(s: &S, l: &AboutLetter, to: DeviceIdx, from_part: u32, count: u32) -> String {
    let (m, x) = (l.m, s.dev(to));
    let of = m.parcel.as_deref().map_or(0, |p| p.parts);
    if s.eng() {
        return s.p(
            format!(
                "File server: part:N {} of {} to {x} (from its one stored copy; {} so far).",
                span_of(from_part, of),
                file(s, m),
                plural_phones_en(count)
            ),
            format!(
                "文件服务器：把{}的 part:N {} 发给{x}（取自仅有的一份存档；已发给{}部手机）。",
                file(s, m),
                span_of(from_part, of),
                count_zh(count as usize)
            ),
        );
    }
    let which = match (from_part, of) {
        (_, 1) => String::new(),
        (1, _) => s.p(", part by part".into(), "一份一份地".into()),
        (k, _) => s.p(
            format!(", part by part from part {k} on"),
            format!("从第 {k} 份起一份一份地"),
        ),
    };
    let again = match count {
        0 | 1 => String::new(),
        n => s.p(
            format!(
                " {x} is the {} phone to fetch it: still one copy in the store.",
                super::super::ordinal_en(n as usize)
            ),
            format!(
                "{x}已经是第{}部来取的手机了，仓库里还是只有一份。",
                nth_zh(n as usize)
            ),
        ),
    };
    s.p(
        format!(
            "The {} sends {x} {}{which}.{again}",
            store(s, true),
            the(s, m)
        ),
        format!("{}把{}{which}发给{x}。{again}", store(s, true), the(s, m)),
    )
}

fn plural_phones_en(n: u32) -> String {
    match n {
        1 => "1 phone".into(),
        n => format!("{n} phones"),
    }
}

/// A part reaches an addressee's phone (`part_arrived`).
pub(super) fn arrived(s: &S, l: &AboutLetter, part: u32, of: u32, again: bool) -> String {
    let (u, m) = (&l.u, l.m);
    if s.eng() {
        return match again {
            false => s.p(
                format!(
                    "{u}'s phone: part:N {part}/{of} of {} received.",
                    file(s, m)
                ),
                format!("{u}的手机：收到{}的 part:N {part}/{of}。", file(s, m)),
            ),
            true => s.p(
                format!(
                    "{u}'s phone: part:N {part}/{of} of {} again: already here, dropped.",
                    file(s, m)
                ),
                format!(
                    "{u}的手机：{}的 part:N {part}/{of} 又到了：已经有了，丢弃。",
                    file(s, m)
                ),
            ),
        };
    }
    let the = the(s, m);
    let p = part_of(s, part, of);
    if again {
        return s.p(
            format!(
                "{} of {the} reaches {u}'s phone again: it has it, and throws the copy away.",
                cap(&p)
            ),
            format!("{the}的{p}又到了{u}的手机：已经有了，多的这份扔掉。"),
        );
    }
    if of == 1 {
        return s.p(
            format!("{} reaches {u}'s phone, all in one part.", cap(&the)),
            format!("{the}一份就到齐了，到了{u}的手机。"),
        );
    }
    let first = match part == 1 {
        true => s.p(
            format!(" It shows only when all {of} are here."),
            format!("要等 {of} 份到齐才显示。"),
        ),
        false => String::new(),
    };
    s.p(
        format!("{} of {the} reaches {u}'s phone.{first}", cap(&p)),
        format!("{the}的{p}到了{u}的手机。{first}"),
    )
}

/// Every part is there (`parcel_shown`).
pub(super) fn shown(s: &S, l: &AboutLetter) -> String {
    let (u, m) = (&l.u, l.m);
    let slip = m.parcel.as_deref();
    let n = slip.map_or(0, |p| p.parts);
    let voice = match slip.map(|p| p.parcel.kind) {
        Some(ParcelKind::Voice { seconds }) => Some(seconds),
        _ => None,
    };
    if s.eng() {
        return s.p(
            format!(
                "{u}'s phone: {} of {} received; the UI module shows it in the bubble.",
                all_parts_en(n),
                file(s, m)
            ),
            format!(
                "{u}的手机：{}的 {n} 份全部收到；界面模块在气泡里显示出来。",
                file(s, m)
            ),
        );
    }
    let (all, zall) = match n {
        1 => (
            format!("{u}'s phone has all of it"),
            format!("{u}的手机拿到了整个{}", kind(s, m)),
        ),
        n => (
            format!("{u}'s phone has all {}", parts(s, n)),
            format!("{u}的手机收齐了{}", parts(s, n)),
        ),
    };
    match voice {
        Some(secs) => s.p(
            format!("{all}: the voice message ({secs}″) is ready to play."),
            format!("{zall}：这条 {secs}″ 的语音可以播放了。"),
        ),
        None => s.p(
            format!("{all}: its bubble shows {} whole now.", the(s, m)),
            format!("{zall}：气泡里显示出整张照片。"),
        ),
    }
}

/// Whether letter `id` was accepted into the archive before event `i` and not
/// recalled since: what stays when its parcel goes.
fn archived_before(s: &S, i: usize, id: crate::sim::MsgId) -> bool {
    let mut archived = false;
    for x in &s.ctx.trace[..i] {
        if x.msg.as_ref().is_none_or(|m| m.id != id) || x.actor != crate::sim::Actor::PostOffice {
            continue;
        }
        let kind = x.what.kind();
        if kind == EventKind::Verify {
            archived = true;
        } else if kind == EventKind::RecallAccepted {
            archived = false;
        }
    }
    archived
}

/// The store throws a parcel out (`parcel_expired`).
pub(super) fn expired(s: &S, l: &AboutLetter, kept_ms: u64) -> String {
    let m = l.m;
    let kept = s.span(kept_ms);
    let stays = archived_before(s, l.i, m.id);
    if s.eng() {
        let rest = match stays {
            true => s.p(
                " The message stays in the server database.".into(),
                "消息本身还在服务端数据库里。".into(),
            ),
            false => String::new(),
        };
        return s.p(
            format!(
                "File server: {} expired {kept} after upload, deleted.{rest}",
                file(s, m)
            ),
            format!(
                "文件服务器：{}上传 {kept}后过期，已删除。{rest}",
                file(s, m)
            ),
        );
    }
    let rest = match stays {
        true => s.p(
            format!(
                " The letter and its slip stay in the {}.",
                s.t(Thing::Archive)
            ),
            format!("信和取件单还在{}里。", s.t(Thing::Archive)),
        ),
        false => String::new(),
    };
    s.p(
        format!(
            "{kept} after it had it all, the {} throws {} out.{rest}",
            store(s, true),
            the(s, m)
        ),
        format!(
            "收齐 {kept}后，{}把{}清理掉了。{rest}",
            store(s, true),
            the(s, m)
        ),
    )
}

/// The store has no parcel for a phone that asks (`parcel_gone`).
pub(super) fn gone(s: &S, l: &AboutLetter) -> String {
    let (u, m) = (&l.u, l.m);
    let photo = m.parcel.as_deref().is_some_and(|p| p.thumbnail());
    if s.eng() {
        return s.p(
            format!("{u}'s phone: gone for {} (expired on the file server); the bubble is marked expired.", file(s, m)),
            format!("{u}的手机：{}收到 gone（文件服务器上已过期）；气泡标为已过期。", file(s, m)),
        );
    }
    match photo {
        true => s.p(
            format!(
                "The {} no longer has {}: {u}'s phone keeps the thumbnail, marked “expired”.",
                store(s, true),
                the(s, m)
            ),
            format!(
                "{}里已经没有{}了：{u}的手机只留着小图，标着“已过期”。",
                store(s, true),
                the(s, m)
            ),
        ),
        false => s.p(
            format!(
                "The {} no longer has {}: {u}'s phone marks it “expired”.",
                store(s, true),
                the(s, m)
            ),
            format!(
                "{}里已经没有{}了：{u}的手机把它标成“已过期”。",
                store(s, true),
                the(s, m)
            ),
        ),
    }
}

/// What the envelope of a letter with a parcel holds instead: "a pickup slip
/// and a thumbnail, not the photo".
fn slip_words(s: &S, m: &Envelope) -> String {
    let photo = m.parcel.as_deref().is_some_and(|p| p.thumbnail());
    match (photo, s.lang) {
        (true, Lang::En) => "a pickup slip and a thumbnail, not the photo".into(),
        (true, Lang::Zh) => "里面只有取件单和一张小图，照片不在里面".into(),
        (false, Lang::En) => "a pickup slip, not the voice message".into(),
        (false, Lang::Zh) => "里面只有取件单，语音不在里面".into(),
    }
}

/// Step 3 of a letter with a parcel: the letter carries only the slip.
pub(super) fn send(s: &S, l: &AboutLetter) -> String {
    let (a, m, id) = (&l.a, l.m, &l.id);
    if s.eng() {
        return s.p(
            format!("Network module on {a}'s phone: sends msg:R {id} over the long connection, with the file's pickup slip (kind, size, parts){}.", if m.parcel.as_deref().is_some_and(|p| p.thumbnail()) { " and a thumbnail" } else { "" }),
            format!("{a}手机上的网络模块：经长连接发出 msg:R（{id}），带着文件的取件单（类型、大小、份数）{}。", if m.parcel.as_deref().is_some_and(|p| p.thumbnail()) { "和缩略图" } else { "" }),
        );
    }
    let (postman, line) = (s.t(Thing::Postman), s.t(Thing::Line));
    s.p(
        format!(
            "The {postman} carries the envelope{} along {a}'s {line} to the post office: {}.",
            l.q,
            slip_words(s, m)
        ),
        format!(
            "{postman}沿着{a}的{line}把{}送往邮局：{}。",
            s.zl(m),
            slip_words(s, m)
        ),
    )
}

/// Step 5 of a letter with a parcel: the archive keeps the letter and its slip.
pub(super) fn verify(s: &S, l: &AboutLetter) -> String {
    let (a, b, m, id) = (&l.a, &l.b, l.m, &l.id);
    let k = kind(s, m);
    if s.eng() {
        return s.p(
            format!("{}: {id} accepted and stored in the server database with its pickup slip; the file stays on the file server.", match m.to { Dest::Group(_) => "Group service", Dest::User(_) => "User service" }),
            format!("{}：接受 {id}，连同取件单存入服务端数据库；文件留在文件服务器上。", match m.to { Dest::Group(_) => "群组服务", Dest::User(_) => "用户服务" }),
        );
    }
    let archive = s.t(Thing::Archive);
    let (checked, zchecked) = match m.to {
        Dest::Group(_) => (
            format!(
                "The {} says {a} is a member of {}",
                s.t(Thing::Members),
                s.group(m.to)
            ),
            format!("{}上有{a}，是{b}的成员", s.t(Thing::Members)),
        ),
        Dest::User(_) => (
            format!(
                "The {} says {b} may have the letter{}",
                s.t(Thing::Register),
                l.q
            ),
            format!("{}上查过：{b}可以收{}", s.t(Thing::Register), s.zthis(m)),
        ),
    };
    s.p(
        format!("{checked}. A copy with its slip goes into the {archive}; the {k} itself stays in the parcel store."),
        format!("{zchecked}。副本连同取件单存进{archive}；{k}本身留在包裹仓库里。"),
    )
}

/// Step 6 of a letter with a parcel: the slip goes down the line.
pub(super) fn forward(s: &S, l: &AboutLetter, to: DeviceIdx) -> String {
    let (m, id) = (l.m, &l.id);
    let t = s.dev(to);
    let k = kind(s, m);
    if s.eng() {
        return s.p(
            format!("Message forwarding: msg:N {id}, with its pickup slip, goes down {t}'s long connection."),
            format!("消息转发：msg:N（{id}）带着取件单沿{t}的长连接发出。"),
        );
    }
    let (sorting, line) = (s.t(Thing::Sorting), s.t(Thing::Line));
    let copy = match l.group {
        true => s.p("a copy of ".into(), "复制一份".into()),
        false => String::new(),
    };
    s.p(
        format!(
            "The {sorting} sends {copy}the letter{} down {t}'s {line}: the slip, not the {k}.",
            l.q
        ),
        format!(
            "{sorting}把{copy}{}沿{t}的{line}送过去：送的是取件单，不是{k}。",
            s.zl(m)
        ),
    )
}

/// Step 9 of a letter with a parcel (shown in an open chat, or in a scene without
/// chats): the bubble shows the slip; `before` later letters of its sender that
/// overtook it stand below it.
pub(super) fn display(s: &S, l: &AboutLetter, index: u32, before: u32) -> String {
    let (u, a, m, id) = (&l.u, &l.a, l.m, &l.id);
    let slip = m.parcel.as_deref();
    let voice = match slip.map(|p| p.parcel.kind) {
        Some(ParcelKind::Voice { seconds }) => Some(seconds),
        _ => None,
    };
    if s.eng() {
        let above = match before {
            0 => String::new(),
            k => s.p(
                format!(
                    ", above {} that came first",
                    super::super::plural(k as usize, "later message", "later messages")
                ),
                format!("，排在先到的 {k} 条后发消息前面"),
            ),
        };
        return s.p(
            format!("UI module on {u}'s phone: shows {id} with {a}'s avatar at position {}{above}, from its pickup slip{}; the file is not downloaded yet.", index + 1, if voice.is_none() { " (the thumbnail)" } else { "" }),
            format!("{u}手机上的界面模块：按取件单显示 {id} 和{a}的头像，排在第 {} 条{above}{}；文件还没下载。", index + 1, if voice.is_none() { "（缩略图）" } else { "" }),
        );
    }
    let screen = s.t(Thing::Screen);
    let (rest, zrest) = match (before, voice) {
        (0, Some(_)) => (
            " The sound is still in the parcel store.".to_string(),
            "声音本身还在包裹仓库里。".to_string(),
        ),
        (0, None) => (
            " The photo is still in the parcel store.".to_string(),
            "照片本身还在包裹仓库里。".to_string(),
        ),
        (1, _) => (
            ", above the later letter that overtook it.".to_string(),
            "排在比它先到的那封后写的信前面。".to_string(),
        ),
        (k, _) => (
            format!(", above the {k} later letters that overtook it."),
            format!("排在比它先到的{}封后写的信前面。", count_zh(k as usize)),
        ),
    };
    let end = if before == 0 { "." } else { "" };
    match voice {
        Some(secs) => s.p(
            format!(
                "{u}'s {screen} shows {a}'s voice message{}: {secs}″ and an empty bar{end}{rest}",
                l.q
            ),
            format!("{u}的{screen}上出现{a}的一条语音：{secs}″，进度条还是空的。{zrest}"),
        ),
        None => s.p(
            format!(
                "{u}'s {screen} shows {a}'s letter{}: the thumbnail and an empty bar{end}{rest}",
                l.q
            ),
            format!(
                "{u}的{screen}上出现{a}的{}：一张小图和一条空的进度条。{zrest}",
                s.zl(m)
            ),
        ),
    }
}

/// Step 1 of a letter with a parcel: the writer picks a photo (or records a
/// voice message) and taps Send.
pub(super) fn edit(s: &S, l: &AboutLetter) -> String {
    let (a, b, m, text) = (&l.a, &l.b, l.m, &l.text);
    let voice = match m.parcel.as_deref().map(|p| p.parcel.kind) {
        Some(ParcelKind::Voice { seconds }) => Some(seconds),
        _ => None,
    };
    // `both` names the module, as a letter's step 1 does.
    let (ui, zui) = match s.reg {
        Register::Both => (" (the phone's UI module)", "（手机的界面模块）"),
        _ => ("", ""),
    };
    let to = match m.to {
        Dest::Group(_) => s.p(format!("in the {b} group chat"), format!("在{b}里")),
        Dest::User(_) => s.p(format!("in the chat with {b}"), format!("在和{b}的聊天里")),
    };
    match (s.eng(), voice) {
        (true, Some(secs)) => s.p(
            format!("UI module on {a}'s phone: the user records a voice message ({secs}″, “{text}”) for {b} and taps Send."),
            format!("{a}手机上的界面模块：用户录了一条语音（{secs}″，“{text}”），发给{b}，点了“发送”。"),
        ),
        (true, None) => s.p(
            format!("UI module on {a}'s phone: the user picks a photo (“{text}”) for {b} and taps Send."),
            format!("{a}手机上的界面模块：用户选了一张照片（“{text}”），发给{b}，点了“发送”。"),
        ),
        (false, Some(secs)) => s.p(
            format!("{a} records a voice message, “{text}”, {secs}″ long, {to} and taps Send{ui}."),
            format!("{a}{to}录了“{text}”这条 {secs}″ 的语音，点了“发送”{zui}。"),
        ),
        (false, None) => s.p(
            format!("{a} picks a photo, “{text}”, {to} and taps Send{ui}."),
            format!("{a}{to}选好“{text}”这张照片，点了“发送”{zui}。"),
        ),
    }
}

/// A parcel's frame lost on its wire: a part, or a question or answer about it.
pub(super) fn frame_lost(
    s: &S,
    m: &Envelope,
    user: DeviceIdx,
    dir: crate::sim::Dir,
    frame: FrameKind,
    cause_words: &str,
) -> String {
    use crate::sim::Dir;
    let x = s.dev(user);
    let the = the(s, m);
    let part = frame.class() == FrameClass::Parcel;
    let (en, zh) = match (part, dir) {
        (true, Dir::ToServer) => (
            format!("A part of {the} gets lost on its way from {x}'s phone to the parcel store"),
            format!("{the}的一份在从{x}的手机去包裹仓库的路上丢了"),
        ),
        (true, Dir::ToPhone) => (
            format!("A part of {the} gets lost on its way from the parcel store to {x}'s phone"),
            format!("{the}的一份在从包裹仓库到{x}手机的路上丢了"),
        ),
        (false, Dir::ToServer) => (
            format!(
                "{x}'s {} about {the} gets lost on its way to the parcel store",
                frame_noun(frame, Lang::En, s.reg)
            ),
            format!(
                "{x}的手机发给包裹仓库的{}（关于{the}）在半路丢了",
                frame_noun(frame, Lang::Zh, s.reg)
            ),
        ),
        (false, Dir::ToPhone) => (
            format!(
                "The parcel store's {} about {the} gets lost on its way to {x}",
                frame_noun(frame, Lang::En, s.reg)
            ),
            format!(
                "包裹仓库给{x}的{}（关于{the}）在半路丢了",
                frame_noun(frame, Lang::Zh, s.reg)
            ),
        ),
    };
    s.p(
        format!("{en} ({cause_words})."),
        format!("{zh}（{cause_words}）。"),
    )
}

/// A writer's phone gives up on a letter whose parcel never reached the store
/// whole: it asked, and heard nothing.
pub(super) fn upload_lost(s: &S, l: &AboutLetter, retries: u32) -> String {
    let (a, m, id) = (&l.a, l.m, &l.id);
    if s.eng() {
        return s.p(
            format!("No part:A for {id} after {retries} asks: {a}'s phone reports it as not sent (❗ resumes the upload where the file server stopped)."),
            format!("问了 {}仍没收到 {id} 的 part:A：{a}的手机报告发送失败（点❗从文件服务器停下的地方续传）。", with_unit(retries, "次")),
        );
    }
    let asked = match (retries, s.lang) {
        (0, Lang::En) => "heard nothing back".to_string(),
        (0, Lang::Zh) => "没有收到回音".to_string(),
        (k, Lang::En) => format!(
            "asked the parcel store {} and heard nothing",
            super::super::counted::en_times(k as usize)
        ),
        (k, Lang::Zh) => format!(
            "问了包裹仓库{}，还是没有回音",
            super::super::counted::zh_times(k as usize)
        ),
    };
    s.p(
        format!("{a}'s phone {asked}: it gives up on {} and marks the letter{} “not sent” (a red ❗). A tap on ❗ goes on where the store stopped.", the(s, m), l.q),
        format!("{a}的手机{asked}，只好放弃{}：给信标上“发送失败”（红色感叹号）。点一下❗，就从仓库停下的地方接着发。", the(s, m)),
    )
}

/// Whether the letter of `l` never went to the post office before event `l`
/// (no step 3 on its writer's phone): a "not sent" then gives up its upload.
pub(super) fn not_sent_yet(s: &S, l: &AboutLetter) -> bool {
    l.m.parcel.is_some()
        && !s.ctx.trace[..l.i].iter().any(|x| {
            x.what.kind() == EventKind::Send && x.msg.as_ref().is_some_and(|x| x.id == l.m.id)
        })
}
