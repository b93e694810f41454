//! The trace as JSON Lines: one object per event, with stable field names. `step` is
//! the number 1–9 for the nine steps; `en` and `zh` are the sentences (in the
//! register asked for, `both` unless told); `text` is a letter's words (English, or
//! the one plain string) and `text_zh` its Chinese; a sealed letter (issue 28)
//! has neither, but `sealed: true` and `bytes`.

use serde::Serialize;

use crate::sim::{
    Actor, Bounce, Broken, Dest, DeviceIdx, Dir, Event, FrameClass, FrameId, FrameKind, Lang,
    LossCause, NotRecalled, NotResent, Notifications, OfflineWhy, RecallRefusal, RegisterChange,
    Settings, ShelfWhy, Stage, UserIdx, What, World,
};
use crate::words::{Context, Register, caption};

#[derive(Serialize, Default)]
struct JsonEvent<'a> {
    t: u64,
    actor: &'a str,
    kind: &'static str,
    stage: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    side_road: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    msg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    /// The letter's words in Chinese (the same as `text` when the scene gives one
    /// plain string).
    #[serde(skip_serializing_if = "Option::is_none")]
    text_zh: Option<&'a str>,
    /// Issue 28: the letter travels sealed (then it has no `text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    sealed: Option<bool>,
    /// Issue 28: how big a sealed letter's words are.
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    peer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frame: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frame_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dir: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arrives: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempt: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loss: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    told: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retries: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    behind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    online: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: Option<bool>,
    /// `resent`: the phone sent the letter again by itself (`resend: Auto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    auto: Option<bool>,
    /// `joined`, `left`: the group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    /// `app_opened`: how many notifications left the lock screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    cleared: Option<u32>,
    /// `push_held`: an older notification the push service held was dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    replaced: Option<bool>,
    /// `notified`: what the lock screen shows (`Words`, `NameOnly`, `Hidden`).
    #[serde(skip_serializing_if = "Option::is_none")]
    shows: Option<&'static str>,
    /// `read`: the phone tells the writer (`read_receipts:` lets it).
    #[serde(skip_serializing_if = "Option::is_none")]
    sends: Option<bool>,
    /// `recall_accepted`, `recall_refused`: how long ago the post office had
    /// accepted the letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    age_ms: Option<u64>,
    /// `recall_accepted`: how many addressees are told to tear their copy up.
    #[serde(skip_serializing_if = "Option::is_none")]
    copies: Option<u32>,
    /// `recall_passed`: the recall had waited on the shelf.
    #[serde(skip_serializing_if = "Option::is_none")]
    from_shelf: Option<bool>,
    /// `recall_passed`, `recall_shelved`: the letter the recall cancels waits on
    /// the shelf too (passed: torn up there, never sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    letter_on_shelf: Option<bool>,
    /// `recalled`: how long the letter was on that screen first (absent: never).
    #[serde(skip_serializing_if = "Option::is_none")]
    seen_ms: Option<u64>,
    /// `recalled`: the recall came before the letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    early: Option<bool>,
    /// `upload`, `fetch_parcel`, `parcel_sent`: the first part it sends or asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    from_part: Option<u32>,
    /// `upload`, `parcel_stored`: how many parts the parcel goes in.
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<u32>,
    /// `upload`, `parcel_stored`: the parcel's size in kB.
    #[serde(skip_serializing_if = "Option::is_none")]
    kb: Option<u32>,
    /// `part_stored`, `part_arrived`: which part (of `of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<u32>,
    /// `part_stored`, `part_arrived`: a copy of a part already there.
    #[serde(skip_serializing_if = "Option::is_none")]
    again: Option<bool>,
    /// `upload_answered`: the parts the store has from the first (of `of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    have: Option<u32>,
    /// `parcel_expired`: how long the store kept it whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    kept_ms: Option<u64>,
    en: String,
    zh: String,
}

fn dest(d: Dest, w: &World) -> &str {
    match d {
        Dest::User(u) => &w.person(u).id,
        Dest::Group(g) => &w.group(g).id,
    }
}

/// `chat_opened`, `chat_closed`: the person (`peer`) or the group (`group`).
fn chat_field<'w>(j: &mut JsonEvent<'w>, chat: Dest, w: &'w World, what: &What) -> &'static str {
    match chat {
        Dest::User(u) => j.peer = Some(&w.person(u).id),
        Dest::Group(g) => j.group = Some(&w.group(g).id),
    }
    what.row().json
}

/// `read_shown`: who read it, and how many of how many.
fn read_shown<'w>(j: &mut JsonEvent<'w>, by: &'w str, count: u32, of: u32) -> &'static str {
    j.peer = Some(by);
    j.count = Some(count);
    j.of = Some(of);
    "read_shown"
}

fn dir_name(d: Dir) -> &'static str {
    match d {
        Dir::ToServer => "to_post_office",
        Dir::ToPhone => "to_phone",
    }
}

fn one(ctx: &Context, i: usize, reg: Register) -> String {
    let w = ctx.world;
    let e = &ctx.trace()[i];
    let dev = |d: DeviceIdx| -> &str { w.device_id(d) };
    let stage = e.stage();
    let mut j = JsonEvent {
        t: e.at,
        actor: match e.actor {
            Actor::Phone(u) => dev(u),
            Actor::PostOffice => "post_office",
            Actor::Network => "network",
            Actor::PushService => "push_service",
        },
        stage: match stage {
            Stage::Step(_) => "step",
            Stage::Side(_) => "side_road",
            Stage::Background => "background",
        },
        step: e.step().map(|s| s.number()),
        side_road: match stage {
            Stage::Side(r) => Some(r.row().json),
            Stage::Step(_) | Stage::Background => None,
        },
        msg: e.msg.as_ref().map(|m| w.letter_id(m.id)),
        from: e.msg.as_ref().map(|m| &*w.person(m.from()).id),
        to: e.msg.as_ref().map(|m| dest(m.to, w)),
        text: e.msg.as_ref().and_then(|m| m.text()).map(|t| &*t.en),
        text_zh: e.msg.as_ref().and_then(|m| m.text()).map(|t| &*t.zh),
        sealed: e.msg.as_ref().and_then(|m| m.sealed()).map(|_| true),
        bytes: e.msg.as_ref().and_then(|m| m.sealed()).map(|s| s.bytes()),
        en: caption(ctx, i, Lang::En, reg),
        zh: caption(ctx, i, Lang::Zh, reg),
        ..JsonEvent::default()
    };
    j.kind = kind_and_fields(&mut j, &e.what, w);
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&j).unwrap_or_default()
}

/// Sets one field of an event and gives its kind's name.
fn tagged<T>(field: &mut Option<T>, value: T, kind: &'static str) -> &'static str {
    *field = Some(value);
    kind
}

/// Sets an event's `peer` and one more field, and gives its kind's name.
fn with_peer<'w, T>(
    peer: &mut Option<&'w str>,
    who: &'w str,
    field: &mut Option<T>,
    value: T,
    kind: &'static str,
) -> &'static str {
    *peer = Some(who);
    tagged(field, value, kind)
}

/// `reordered`: a sender's own bubble moved from `from` to `to`, its number's place.
fn reordered(j: &mut JsonEvent<'_>, number: u32, from: u32, to: u32) -> &'static str {
    j.from_index = Some(from);
    j.number = Some(number);
    tagged(&mut j.index, to, "reordered")
}

/// `delivered`: `count` of `of` recipients have the letter.
fn delivered(j: &mut JsonEvent<'_>, count: u32, of: u32) -> &'static str {
    j.count = Some(count);
    tagged(&mut j.of, of, "delivered")
}

/// The event's kind as the JSON names it, with the fields its kind has set on `j`.
fn kind_and_fields<'w>(j: &mut JsonEvent<'w>, what: &What, w: &'w World) -> &'static str {
    let id = |u: UserIdx| -> &'w str { &w.person(u).id };
    let dev = |d: DeviceIdx| -> &'w str { w.device_id(d) };
    match what {
        What::Edit { index } => tagged(&mut j.index, *index, "edit"),
        What::Store => "store",
        What::Send => "send",
        What::Receive => "receive",
        What::Verify { .. } => "verify",
        What::Forward { to } => tagged(&mut j.peer, dev(*to), "forward"),
        What::Arrive => "arrive",
        What::File => "file",
        What::Display { index, .. } => tagged(&mut j.index, *index, "display"),
        What::WaitForConnection => "wait_for_connection",
        What::Numbered { number } => tagged(&mut j.number, *number, "numbered"),
        What::HeldBack { behind } => tagged(&mut j.behind, w.letter_id(*behind), "held_back"),
        What::Reordered { number, from, to } => reordered(j, *number, *from, *to),
        What::Return { reason } => tagged(&mut j.reason, reason_name(*reason), "return"),
        What::Returned { reason } => tagged(&mut j.reason, reason_name(*reason), "returned"),
        What::Shelve { to, why } => shelve(j, dev(*to), shelf_why_name(*why)),
        What::Unshelve { to } => tagged(&mut j.peer, dev(*to), "unshelve"),
        What::OffTheShelf { by, told } => {
            with_peer(&mut j.peer, dev(*by), &mut j.told, *told, "off_the_shelf")
        }
        What::Receipt => "receipt",
        What::Acknowledged { by, told, .. } => {
            with_peer(&mut j.peer, id(*by), &mut j.told, *told, "acknowledged")
        }
        What::Dot { of, online } => with_peer(&mut j.peer, id(*of), &mut j.online, *online, "dot"),
        What::Typing { by, shown } => {
            with_peer(&mut j.peer, id(*by), &mut j.shown, *shown, "typing")
        }
        What::NewsKept { by } => tagged(&mut j.peer, id(*by), "news_kept"),
        What::NewsHandedOver { by } => tagged(&mut j.peer, id(*by), "news_handed_over"),
        What::Delivered { count, of } => delivered(j, *count, *of),
        What::Retry { frame, attempt, to } => {
            j.frame = Some(frame.name());
            j.attempt = Some(*attempt);
            j.peer = to.map(dev);
            "retry"
        }
        What::Duplicate => "duplicate",
        What::Resent { auto, index } => {
            j.index = Some(*index);
            tagged(&mut j.auto, *auto, "resent")
        }
        What::ResendIgnored { why } => tagged(&mut j.why, not_resent_name(*why), "resend_ignored"),
        What::Recall => "recall",
        What::RecallIgnored { why } => tagged(&mut j.why, not_recalled(*why), "recall_ignored"),
        What::RecallAccepted { age_ms, copies } => recall_accepted(j, *age_ms, *copies),
        What::RecallRefused { why, age_ms } => recall_refused(j, *why, *age_ms),
        What::RecallPassed {
            to,
            from_shelf,
            letter_on_shelf,
        } => recall_passed(j, dev(*to), *from_shelf, *letter_on_shelf),
        What::RecallShelved {
            to,
            letter_on_shelf,
        } => recall_shelved(j, dev(*to), *letter_on_shelf),
        What::Recalled {
            seen_ms,
            early,
            index,
            ..
        } => recalled(j, *seen_ms, *early, *index),
        What::RecallDeclined { why } => tagged(&mut j.why, refusal(*why), "recall_declined"),
        What::Lost { retries } => tagged(&mut j.retries, *retries, "lost"),
        What::Upload { .. }
        | What::PartStored { .. }
        | What::ParcelStored { .. }
        | What::UploadAsked { .. }
        | What::UploadAnswered { .. }
        | What::FetchParcel { .. }
        | What::ParcelSent { .. }
        | What::PartArrived { .. }
        | What::ParcelShown
        | What::ParcelExpired { .. }
        | What::ParcelGone => parcel_fields(j, what, w),
        What::FrameLost {
            id: f,
            user,
            dir,
            frame,
            cause,
        } => {
            j.why = Some(loss_cause_name(*cause));
            on_a_link(j, *f, dev(*user), *dir, *frame, "frame_lost")
        }
        What::LoginStart => "login_start",
        What::LoggedIn { user } => tagged(&mut j.user, dev(*user), "logged_in"),
        What::Connected => "connected",
        What::LoggedOut => "logged_out",
        What::AppClosed => "app_closed",
        What::AppOpened { cleared } => tagged(&mut j.cleared, *cleared, "app_opened"),
        What::Notify { to } => tagged(&mut j.peer, dev(*to), "notify"),
        What::PushHeld { to, replaced } => with_peer(
            &mut j.peer,
            dev(*to),
            &mut j.replaced,
            *replaced,
            "push_held",
        ),
        What::Notified { shows } => tagged(&mut j.shows, notifications_name(*shows), "notified"),
        What::Fetch { attempt } => tagged(&mut j.attempt, *attempt, "fetch"),
        What::FetchAnswered { to, count } => with_peer(
            &mut j.peer,
            dev(*to),
            &mut j.count,
            *count,
            "fetch_answered",
        ),
        What::MarkedOffline { user, why } => marked_offline(j, dev(*user), offline_why_name(*why)),
        What::ConnectionLost { why } => tagged(&mut j.why, broken_name(*why), "connection_lost"),
        What::LinkDown { user } => tagged(&mut j.user, dev(*user), "link_down"),
        What::LinkUp { user } => tagged(&mut j.user, dev(*user), "link_up"),
        What::SetLoss { user, loss } => set_loss(j, dev(*user), *loss),
        What::DropNext { user, toward, what } => drop_next(j, dev(*user), *toward, *what),
        What::Register { change, a, b } => register(j, id(*a), id(*b), *change),
        What::PostOfficeClosed => "post_office_closed",
        What::PostOfficeOpened => "post_office_opened",
        What::ChatOpened { chat } | What::ChatClosed { chat } => chat_field(j, *chat, w, what),
        What::Read { sends } => tagged(&mut j.sends, *sends, "read"),
        What::ReadPassed { by, told } => {
            with_peer(&mut j.peer, id(*by), &mut j.told, *told, "read_passed")
        }
        What::ReadShown { by, count, of } => read_shown(j, id(*by), *count, *of),
        What::Joined { user, group } => member(j, id(*user), &w.group(*group).id, "joined"),
        What::Left { user, group } => member(j, id(*user), &w.group(*group).id, "left"),
        What::Heartbeat => "heartbeat",
        What::LoginAttempt => "login_attempt",
        What::FrameOut {
            id: f,
            user,
            dir,
            frame,
            arrives,
        } => {
            j.arrives = Some(*arrives);
            on_a_link(j, *f, dev(*user), *dir, *frame, "frame_out")
        }
        What::AckGivenUp => "ack_given_up",
        What::OwnCopy { .. }
        | What::NewDeviceEmpty { .. }
        | What::HistorySent { .. }
        | What::HistoryStored { .. }
        | What::ChatsMoved { .. }
        | What::CannotOpen { .. } => devices_fields(j, what, w),
    }
}

/// `drop_next`: a fault armed on a link.
fn drop_next<'w>(
    j: &mut JsonEvent<'w>,
    user: &'w str,
    toward: Dir,
    what: FrameClass,
) -> &'static str {
    j.user = Some(user);
    j.dir = Some(dir_name(toward));
    j.frame = Some(frame_class_name(what));
    "drop_next"
}

/// A change to the address register: who changed it, and about whom.
fn register<'w>(
    j: &mut JsonEvent<'w>,
    a: &'w str,
    b: &'w str,
    change: RegisterChange,
) -> &'static str {
    j.user = Some(a);
    j.peer = Some(b);
    register_change_name(change)
}

/// A several devices' event (issue 27): the device it names, and how many
/// letters.
fn devices_fields<'w>(j: &mut JsonEvent<'w>, what: &What, w: &'w World) -> &'static str {
    let n = what.device_numbers().unwrap_or_default();
    j.peer = n.peer.map(|d| w.device_id(d));
    if let Some(d) = n.device {
        j.user = Some(w.device_id(d));
    }
    j.count = n.count;
    what.row().json
}

/// `shelve`: for whom, and why.
fn shelve<'w>(j: &mut JsonEvent<'w>, to: &'w str, why: &'static str) -> &'static str {
    j.peer = Some(to);
    tagged(&mut j.why, why, "shelve")
}

/// `marked_offline`: who, and why.
fn marked_offline<'w>(j: &mut JsonEvent<'w>, user: &'w str, why: &'static str) -> &'static str {
    j.user = Some(user);
    tagged(&mut j.why, why, "marked_offline")
}

/// `set_loss`: whose link, and how lossy.
fn set_loss<'w>(j: &mut JsonEvent<'w>, user: &'w str, loss: f64) -> &'static str {
    j.user = Some(user);
    tagged(&mut j.loss, loss, "set_loss")
}

/// A parcel's event (issue 26): the numbers its kind has (see
/// [`What::parcel_numbers`]), and its kind's name from the catalogue.
fn parcel_fields<'w>(j: &mut JsonEvent<'w>, what: &What, w: &'w World) -> &'static str {
    let n = what.parcel_numbers().unwrap_or_default();
    j.from_part = n.from_part;
    j.parts = n.parts;
    j.kb = n.kb;
    j.part = n.part;
    j.of = n.of;
    j.again = n.again;
    j.have = n.have;
    j.attempt = n.attempt;
    j.count = n.count;
    j.kept_ms = n.kept_ms;
    j.peer = n.peer.map(|d| w.device_id(d));
    what.row().json
}

/// A frame on `user`'s link (`frame_out`, `frame_lost`): its number, its phone,
/// its direction and its kind.
fn on_a_link<'w>(
    j: &mut JsonEvent<'w>,
    f: FrameId,
    user: &'w str,
    dir: Dir,
    frame: FrameKind,
    kind: &'static str,
) -> &'static str {
    j.frame_id = Some(f.0);
    j.user = Some(user);
    j.dir = Some(dir_name(dir));
    j.frame = Some(frame.name());
    kind
}

/// What a lock screen shows, as a scene file names the setting.
fn notifications_name(n: Notifications) -> &'static str {
    match n {
        Notifications::Off => "Off",
        Notifications::Words => "Words",
        Notifications::NameOnly => "NameOnly",
        Notifications::Hidden => "Hidden",
    }
}

/// `joined` and `left`: who, and which group.
fn member<'w>(
    j: &mut JsonEvent<'w>,
    user: &'w str,
    group: &'w str,
    kind: &'static str,
) -> &'static str {
    j.user = Some(user);
    tagged(&mut j.group, group, kind)
}

/// Why a tap on ❗ sent nothing, as the JSON names it.
/// `recall_accepted`'s fields.
fn recall_accepted(j: &mut JsonEvent, age_ms: u64, copies: u32) -> &'static str {
    j.age_ms = Some(age_ms);
    tagged(&mut j.copies, copies, "recall_accepted")
}

/// `recall_refused`'s fields.
fn recall_refused(j: &mut JsonEvent, why: RecallRefusal, age_ms: u64) -> &'static str {
    j.why = Some(refusal(why));
    tagged(&mut j.age_ms, age_ms, "recall_refused")
}

/// `recall_passed`'s fields.
fn recall_passed<'w>(
    j: &mut JsonEvent<'w>,
    to: &'w str,
    from_shelf: bool,
    letter_on_shelf: bool,
) -> &'static str {
    j.letter_on_shelf = Some(letter_on_shelf);
    with_peer(
        &mut j.peer,
        to,
        &mut j.from_shelf,
        from_shelf,
        "recall_passed",
    )
}

/// `recall_shelved`'s fields.
fn recall_shelved<'w>(j: &mut JsonEvent<'w>, to: &'w str, letter_on_shelf: bool) -> &'static str {
    let field = &mut j.letter_on_shelf;
    with_peer(&mut j.peer, to, field, letter_on_shelf, "recall_shelved")
}

/// `recalled`'s fields.
fn recalled(j: &mut JsonEvent, seen_ms: Option<u64>, early: bool, index: u32) -> &'static str {
    j.seen_ms = seen_ms;
    j.early = Some(early);
    tagged(&mut j.index, index, "recalled")
}

fn not_recalled(why: NotRecalled) -> &'static str {
    match why {
        NotRecalled::NotPosted => "not_posted",
        NotRecalled::GaveUp => "gave_up",
        NotRecalled::Returned => "returned",
        NotRecalled::Already => "already",
        NotRecalled::Asking => "asking",
        NotRecalled::Refused => "refused",
        NotRecalled::NoLine => "no_line",
        NotRecalled::NotWritten => "not_written",
    }
}

fn refusal(why: RecallRefusal) -> &'static str {
    match why {
        RecallRefusal::TooLate => "too_late",
        RecallRefusal::NotAccepted => "not_accepted",
    }
}

fn not_resent_name(why: NotResent) -> &'static str {
    match why {
        NotResent::Trying => "trying",
        NotResent::Posted => "posted",
        NotResent::Delivered => "delivered",
        NotResent::Returned => "returned",
        NotResent::NotWritten => "not_written",
    }
}

/// A shelved letter's reason, as the JSON names it.
fn shelf_why_name(why: ShelfWhy) -> &'static str {
    match why {
        ShelfWhy::NotConnected => "not_connected",
        ShelfWhy::NoAnswer => "no_answer",
        ShelfWhy::WentOffline => "went_offline",
    }
}

/// A lost frame's cause, as the JSON names it.
fn loss_cause_name(cause: LossCause) -> &'static str {
    match cause {
        LossCause::Noise => "noise",
        LossCause::Dropped => "dropped",
        LossCause::LinkDown => "link_down",
        LossCause::Closed => "post_office_closed",
        LossCause::PhoneOff => "phone_off",
    }
}

/// Why a phone was marked offline, as the JSON names it.
fn offline_why_name(why: OfflineWhy) -> &'static str {
    match why {
        OfflineWhy::Silent => "silent",
        OfflineWhy::Goodbye => "goodbye",
        OfflineWhy::Closed => "post_office_closed",
    }
}

/// Why a phone's connection broke, as the JSON names it.
fn broken_name(why: Broken) -> &'static str {
    match why {
        Broken::Silence => "silence",
        Broken::Closed => "post_office_closed",
        Broken::Forgotten => "not_logged_in",
    }
}

/// The frames a `DropNext` drops, as the JSON names them.
fn frame_class_name(what: FrameClass) -> &'static str {
    match what {
        FrameClass::Message => "message",
        FrameClass::Ack => "ack",
        FrameClass::Heartbeat => "heartbeat",
        FrameClass::Parcel => "parcel",
        FrameClass::Any => "any",
    }
}

/// A change to the register, as the JSON names it (the event's kind).
fn register_change_name(change: RegisterChange) -> &'static str {
    match change {
        RegisterChange::Befriend => "befriend",
        RegisterChange::Unfriend => "unfriend",
        RegisterChange::Block => "block",
        RegisterChange::Unblock => "unblock",
    }
}

fn reason_name(b: Bounce) -> &'static str {
    b.name()
}

/// One JSON object per event, one per line, with the sentences in `reg`.
pub fn json_lines(events: &[Event], world: &World, settings: &Settings, reg: Register) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_json_lines(&mut out, events, world, settings, reg);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`json_lines`], written line by line as it is made. Characters that would move
/// a terminal's cursor or reorder a line are written as JSON escapes.
pub fn write_json_lines(
    out: &mut impl std::io::Write,
    events: &[Event],
    world: &World,
    settings: &Settings,
    reg: Register,
) -> std::io::Result<()> {
    let ctx = Context::new(world, settings, events);
    for i in 0..events.len() {
        writeln!(out, "{}", super::safe::json(&one(&ctx, i, reg)))?;
    }
    Ok(())
}

/// The JSON trace's reference (`docs/json-kinds.md`), generated from the catalogue
/// of kinds (`sim/kinds.rs`): every event kind's `kind`, its place in the story and
/// its own fields; every side road's `side_road`; every frame's name.
pub fn reference() -> String {
    use crate::sim::kinds::{EventKind, Place, Road};
    let mut out = String::from(
        "# The JSON trace: every kind\n\n\
         <!-- Generated from src/sim/kinds.rs by `postoffice::report::json::reference`; \
         tests/json_kinds.rs keeps it in step (UPDATE_DOCS=1 rewrites it). -->\n\n\
         `postoffice run FILE --format json` writes one object per event per line. Every \
         object has `t` (virtual ms), `actor` (a person's id, `post_office` or `network`), \
         `stage` (`step`, `side_road` or `background`), `kind`, and `en` and `zh` (its \
         sentences); `step` (1–9) for a step and `side_road` for a side road; and, when \
         the event is about a letter, `msg`, `from`, `to`, `text` and `text_zh` — or, for \
         a sealed letter (`sealed: true`, issue 28), `sealed: true` and `bytes` (how big \
         its sealed words are) instead of `text` and `text_zh`: never its words.\n\n\
         ## Event kinds\n\n\
         | `kind` | stage | its own fields |\n| --- | --- | --- |\n",
    );
    for k in EventKind::ALL {
        let row = k.row();
        let stage = match row.place {
            Place::Step(s) => format!("step {}", s.number()),
            Place::Road(r) => format!("side road `{r}`"),
            Place::Background => "background".to_string(),
            Place::LostFrame => "side road `LostOnTheWay` (a letter's frame, or a login lost \
                                 to noise or a `Drop`), else background"
                .to_string(),
        };
        let stage = match row.told_at {
            Some(s) => format!("{stage}, told as step {}", s.number()),
            None => stage,
        };
        let fields = if row.json_fields.is_empty() {
            "—".to_string()
        } else {
            row.json_fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let name = row
            .json
            .split(" | ")
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" / ");
        out.push_str(&format!("| {name} | {stage} | {fields} |\n"));
    }
    out.push_str(
        "\n## Side roads\n\n`side_road` names the road; a scene file's question \
         (`Road(letter: …, road: …)`) names the roads a letter takes as in the first \
         column.\n\n| in code and files | `side_road` | a letter's road |\n| --- | --- | --- |\n",
    );
    for r in Road::ALL {
        let row = r.row();
        let letters = if row.letters { "yes" } else { "no" };
        out.push_str(&format!("| `{r}` | {} | {letters} |\n", row.json));
    }
    out.push_str("\n## Frames\n\n`frame` names a frame kind:");
    for (i, f) in crate::sim::FrameKind::ALL.iter().enumerate() {
        out.push_str(if i == 0 { " " } else { ", " });
        out.push_str(&format!("`{}`", f.name()));
    }
    out.push_str(".\n");
    out
}
