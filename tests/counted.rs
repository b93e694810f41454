//! Every number `postoffice run` says in the recap, the "In all" line and the
//! summary table is checked against the raw trace: this file counts the events
//! itself (what was lost and of which kind, what was sent again and by whom, which
//! copies were recognised where, which letter reached which screens and when, how
//! each letter ended), reads the numbers back out of the printed text, and
//! compares. Nothing here goes through the words layer's own counting, so a recap
//! that words a wrong count fails.
//!
//! Over every lesson scene (`scenes/*.ron`) and over random fault-heavy scenes
//! written as scene files (lossy links, one-shot drops, tunnels, closing time,
//! groups, strangers, blocks), in all three registers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use postoffice::report::write_text;
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Actor, Event, FrameKind, Lang, LossCause, MsgId, Time, UserIdx, What};
use postoffice::words::Register;
use proptest::prelude::*;

// ---- counted here, from the events ----

/// How a letter ended, by this file's own reading of the events.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    Shown,
    Returned,
    NotSent,
    OnShelf,
    InPhone,
    OnTheWay,
    Recalled,
}

#[derive(Debug)]
struct Letter {
    id: MsgId,
    written_at: Time,
    /// (screen, first shown at), in the order shown.
    screens: Vec<(postoffice::sim::DeviceIdx, Time)>,
    /// The last thing the sender's own phone did with it.
    sender: &'static str,
    /// Copies on the offline shelf, by recipient: put on minus taken off.
    shelf: BTreeMap<postoffice::sim::DeviceIdx, i32>,
    ever_shelved: bool,
    /// The post office accepted its recall.
    recalled: bool,
}

impl Letter {
    fn end(&self) -> End {
        if !self.screens.is_empty() {
            End::Shown
        } else if self.sender == "returned" {
            End::Returned
        } else if self.sender == "gave up" {
            End::NotSent
        } else if self.recalled {
            End::Recalled
        } else if self.shelf.values().any(|&n| n > 0) {
            End::OnShelf
        } else if self.sender == "waiting" {
            End::InPhone
        } else {
            End::OnTheWay
        }
    }

    fn took(&self) -> Vec<Time> {
        self.screens
            .iter()
            .map(|(_, at)| at - self.written_at)
            .collect()
    }
}

/// A lost or re-sent frame's kind, by this file's own names.
fn kind(f: FrameKind) -> &'static str {
    match f {
        FrameKind::MsgR | FrameKind::MsgN => "letter",
        FrameKind::MsgA => "receipt",
        FrameKind::AckR => "confirmation",
        FrameKind::AckA => "answer to a confirmation",
        FrameKind::AckN => "delivery notice",
        FrameKind::AckC => "answer to a delivery notice",
        FrameKind::Returned => "returned letter",
        FrameKind::Login => "login request",
        FrameKind::LoginOk => "answer to a login",
        FrameKind::PartR | FrameKind::PartN => "part of a photo or voice message",
        FrameKind::PartAsk | FrameKind::PartA | FrameKind::Get | FrameKind::Gone => {
            "question or answer about a parcel"
        }
        _ => "other",
    }
}

/// A frame lost that the story tells: a letter's frames (letters, receipts,
/// confirmations, notices, returned letters), and logins or their answers lost to
/// a bad network or on purpose.
fn told_loss(frame: FrameKind, cause: LossCause) -> bool {
    match frame {
        FrameKind::MsgR
        | FrameKind::MsgN
        | FrameKind::MsgA
        | FrameKind::AckR
        | FrameKind::AckA
        | FrameKind::AckN
        | FrameKind::AckC
        | FrameKind::Returned => true,
        // Issue 26: a photo's or voice message's parts, and the questions and
        // answers about them, are mail too.
        FrameKind::PartR
        | FrameKind::PartN
        | FrameKind::PartAsk
        | FrameKind::PartA
        | FrameKind::Get
        | FrameKind::Gone => true,
        FrameKind::Login | FrameKind::LoginOk => {
            matches!(cause, LossCause::Noise | LossCause::Dropped)
        }
        _ => false,
    }
}

#[derive(Debug, Default)]
struct Own {
    letters: Vec<Letter>,
    /// A chat was opened (issue 25): the sentence speaks of reading.
    chats: bool,
    /// Lost frames by kind.
    lost: BTreeMap<&'static str, usize>,
    /// Re-sent frames by kind: (by a phone, by the post office).
    again: BTreeMap<&'static str, (usize, usize, usize)>,
    copies_office: usize,
    copies_phone: BTreeMap<postoffice::sim::DeviceIdx, usize>,
    /// Beside the letters (issue 22): `presence?` and `presence` frames put on a
    /// link, "typing…" shown, typing notices lost.
    beside: [usize; 4],
    /// Notes for lock screens (issue 24): lit a lock screen, lost on the way,
    /// dropped by the push service for a newer one.
    notes: [usize; 3],
    /// Asks "anything for me?" (`fetch`), by phone.
    asked: BTreeMap<postoffice::sim::DeviceIdx, usize>,
    /// Letters their phone gave up on, and of those, letters sent again after.
    gave_up: BTreeSet<MsgId>,
    gave_up_then_resent: BTreeSet<MsgId>,
    /// Recalls (issue 25): letters taken back, addressees' screens the notice
    /// took the letter's place on, of those the screens that had shown it, and
    /// recalls refused.
    recall: [usize; 4],
    /// Parcels (issue 26): stored whole, parts sent again when an upload
    /// resumed, sent to a phone, shown whole, thrown out, found gone.
    parcels: [usize; 6],
}

impl Own {
    fn letter(&mut self, id: MsgId) -> Option<&mut Letter> {
        self.letters.iter_mut().find(|l| l.id == id)
    }

    fn ends(&self, end: End) -> usize {
        self.letters.iter().filter(|l| l.end() == end).count()
    }

    fn screens(&self) -> usize {
        self.letters.iter().map(|l| l.screens.len()).sum()
    }

    fn lost_total(&self) -> usize {
        self.lost.values().sum()
    }
}

fn count(events: &[Event]) -> Own {
    let mut o = Own::default();
    for e in events {
        let m = e.msg.as_deref();
        match (&e.what, m) {
            (What::Edit { .. }, Some(m)) => o.letters.push(Letter {
                id: m.id,
                written_at: m.written_at,
                screens: Vec::new(),
                sender: "sending",
                shelf: BTreeMap::new(),
                ever_shelved: false,
                recalled: false,
            }),
            (What::Display { .. }, Some(m)) => {
                if let (Actor::Phone(u), Some(l)) = (e.actor, o.letter(m.id))
                    && !l.screens.iter().any(|(s, _)| *s == u)
                {
                    l.screens.push((u, e.at));
                }
            }
            (What::Shelve { to, .. }, Some(m)) => {
                if let Some(l) = o.letter(m.id) {
                    *l.shelf.entry(*to).or_default() += 1;
                    l.ever_shelved = true;
                }
            }
            (What::Unshelve { to } | What::OffTheShelf { by: to, .. }, Some(m)) => {
                if let Some(l) = o.letter(m.id) {
                    *l.shelf.entry(*to).or_default() -= 1;
                }
            }
            (What::FrameLost { frame, cause, .. }, _) if told_loss(*frame, *cause) => {
                *o.lost.entry(kind(*frame)).or_default() += 1;
            }
            (What::Retry { frame, .. }, Some(_)) => {
                let a = o.again.entry(kind(*frame)).or_default();
                if e.actor == Actor::PostOffice {
                    a.1 += 1;
                } else {
                    a.0 += 1;
                }
            }
            // A given-up letter sent again: by the phone itself (`resend: Auto`)
            // or by its writer's tap on ❗.
            (What::Resent { auto, .. }, Some(m)) => {
                if o.gave_up.contains(&m.id) {
                    o.gave_up_then_resent.insert(m.id);
                }
                let a = o.again.entry("letter").or_default();
                if *auto {
                    a.0 += 1;
                } else {
                    a.2 += 1;
                }
            }
            (What::Lost { .. }, Some(m)) => {
                o.gave_up.insert(m.id);
            }
            (What::RecallAccepted { .. }, Some(m)) => {
                o.recall[0] += 1;
                if let Some(l) = o.letter(m.id) {
                    l.recalled = true;
                }
            }
            (What::Recalled { seen_ms, .. }, Some(m))
                if e.actor != Actor::Phone(postoffice::sim::DeviceIdx::main(m.id.from)) =>
            {
                o.recall[1] += 1;
                if seen_ms.is_some() {
                    o.recall[2] += 1;
                }
            }
            (What::RecallRefused { .. }, _) => o.recall[3] += 1,
            (What::ParcelStored { .. }, _) => o.parcels[0] += 1,
            (
                What::Upload {
                    from_part, parts, ..
                },
                _,
            ) if *from_part > 1 => o.parcels[1] += (parts + 1 - from_part) as usize,
            (What::ParcelSent { .. }, _) => o.parcels[2] += 1,
            (What::ParcelShown, _) => o.parcels[3] += 1,
            (What::ParcelExpired { .. }, _) => o.parcels[4] += 1,
            (What::ParcelGone, _) => o.parcels[5] += 1,
            (What::Notified { .. }, _) => o.notes[0] += 1,
            (What::FrameLost { frame, .. }, _) if *frame == FrameKind::Push => o.notes[1] += 1,
            (What::PushHeld { replaced: true, .. }, _) => o.notes[2] += 1,
            (What::Fetch { .. }, _) => {
                if let Actor::Phone(u) = e.actor {
                    *o.asked.entry(u).or_default() += 1;
                }
            }
            (What::FrameOut { frame, .. }, _) if *frame == FrameKind::PresenceAsk => {
                o.beside[0] += 1
            }
            (What::FrameOut { frame, .. }, _) if *frame == FrameKind::Presence => o.beside[1] += 1,
            (What::Typing { shown: true, .. }, _) => o.beside[2] += 1,
            (What::ChatOpened { .. }, _) => o.chats = true,
            (What::FrameLost { frame, .. }, _) if *frame == FrameKind::Typing => o.beside[3] += 1,
            (What::Duplicate, _) => match e.actor {
                Actor::Phone(u) => *o.copies_phone.entry(u).or_default() += 1,
                _ => o.copies_office += 1,
            },
            _ => {}
        }
        // What the sender's own phone last did with its letter.
        if let (Some(m), Actor::Phone(u)) = (m, e.actor)
            && u == postoffice::sim::DeviceIdx::main(m.id.from)
        {
            let said = match e.what {
                What::Send => Some("sending"),
                What::WaitForConnection => Some("waiting"),
                What::Receipt | What::Delivered { .. } => Some("posted"),
                What::Returned { .. } => Some("returned"),
                What::Lost { .. } => Some("gave up"),
                _ => None,
            };
            if let (Some(said), Some(l)) = (said, o.letter(m.id)) {
                l.sender = said;
            }
        }
    }
    o
}

// ---- read back from the text ----

#[derive(Debug, Default)]
struct Told {
    in_all: Option<String>,
    recap: Vec<String>,
    summary: Vec<(String, String)>,
    /// The sentences about dots and "typing…" ("Beside the letters: …"), taken off
    /// the recap's last line and the "In all" line, where they stand last.
    beside: Vec<String>,
}

const BESIDE: [&str; 2] = ["Beside the letters: ", "信之外："];

/// `line` without its closing "Beside the letters: …" sentence, which goes to
/// `beside`.
fn take_beside(line: &str, beside: &mut Vec<String>) -> String {
    for head in BESIDE {
        if let Some(i) = line.find(head) {
            beside.push(line[i + head.len()..].to_string());
            return line[..i].trim_end().to_string();
        }
    }
    line.to_string()
}

fn read(text: &str) -> Told {
    let mut t = Told::default();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("In all") {
            let rest = take_beside(rest.trim(), &mut t.beside);
            t.in_all = Some(rest).filter(|r| !r.is_empty());
        } else if let Some(rest) = trimmed.strip_prefix("总计") {
            take_beside(rest.trim(), &mut t.beside);
        }
        if trimmed == "What happened" || trimmed == "发生了什么" {
            t.recap = lines[i + 1..i + 4]
                .iter()
                .map(|l| l.trim().to_string())
                .collect();
            let way = take_beside(&t.recap[2], &mut t.beside);
            t.recap[2] = way;
        }
        if *line == "Summary" || *line == "小结" {
            for row in &lines[i + 1..] {
                if row.trim().is_empty() {
                    break;
                }
                let row = row.trim();
                // Labels have no figures: the value starts at the first one.
                let at = row.find(|c: char| c.is_ascii_digit()).unwrap_or(row.len());
                t.summary
                    .push((row[..at].trim().to_string(), row[at..].to_string()));
            }
        }
    }
    t
}

/// The "Given up as not sent: N letters[, then sent again | both / all / K of
/// them sent again afterwards]" part of the "In all" line: (N, how many of them
/// went again after); (0, 0) when there is none.
fn given_up(all: &str) -> Result<(usize, usize), String> {
    let Some(i) = all.find("Given up as not sent: ") else {
        return Ok((0, 0));
    };
    let part = &all[i + "Given up as not sent: ".len()..];
    let part = part.split('.').next().unwrap_or_default();
    let n = leading(part).ok_or_else(|| format!("cannot read “{part}”"))?;
    let again = if part.ends_with("letter, then sent again") {
        1
    } else if part.ends_with(", both sent again afterwards") {
        2
    } else if part.ends_with(", all sent again afterwards") {
        n
    } else if let Some((_, k)) = part.split_once(", ") {
        let k = k.strip_suffix(" of them sent again afterwards");
        k.and_then(leading)
            .ok_or_else(|| format!("cannot read “{part}”"))?
    } else if part == format!("{n} letter") || part == format!("{n} letters") {
        0
    } else {
        return Err(format!("cannot read “{part}”"));
    };
    Ok((n, again))
}

fn leading(v: &str) -> Option<usize> {
    let d: String = v.chars().take_while(char::is_ascii_digit).collect();
    d.parse().ok()
}

fn secs(ms: Time) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

/// "once" → 1, "twice" → 2, "7 times" → 7: the first such count in `s` (quoted
/// letter words left out).
fn times_in(s: &str) -> Option<usize> {
    let words: Vec<&str> = s.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        match w {
            "once" => return Some(1),
            "twice" => return Some(2),
            "times" if i > 0 => return words[i - 1].parse().ok(),
            _ => {}
        }
    }
    None
}

/// Text in “quotes” taken out (a letter's words may say anything).
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '“' => inside = true,
            '”' => {
                inside = false;
                out.push_str("“…”");
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Splits a list ("a, b and c") at its commas and "and"s outside brackets.
fn items(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    let mut rest = list;
    while let Some(c) = rest.chars().next() {
        if depth == 0 && rest.starts_with(", and ") {
            out.push(std::mem::take(&mut cur));
            rest = &rest[6..];
            continue;
        }
        if depth == 0 && rest.starts_with(", ") {
            out.push(std::mem::take(&mut cur));
            rest = &rest[2..];
            continue;
        }
        if depth == 0 && rest.starts_with(" and ") {
            out.push(std::mem::take(&mut cur));
            rest = &rest[5..];
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// A list of lost things read back: kind → count.
fn lost_items(list: &str) -> Result<BTreeMap<&'static str, usize>, String> {
    const NOUNS: [(&str, &str, &str); 10] = [
        (
            "part of a photo or voice message",
            "parts of photos or voice messages",
            "part of a photo or voice message",
        ),
        (
            "question or answer about a parcel",
            "questions or answers about parcels",
            "question or answer about a parcel",
        ),
        ("receipt", "receipts", "receipt"),
        ("confirmation", "confirmations", "confirmation"),
        (
            "answer to a confirmation",
            "answers to confirmations",
            "answer to a confirmation",
        ),
        (
            "answer to a delivery notice",
            "answers to delivery notices",
            "answer to a delivery notice",
        ),
        ("delivery notice", "delivery notices", "delivery notice"),
        ("returned letter", "returned letters", "returned letter"),
        ("login request", "login requests", "login request"),
        (
            "answer to a login",
            "answers to logins",
            "answer to a login",
        ),
    ];
    let mut out: BTreeMap<&'static str, usize> = BTreeMap::new();
    for item in items(&unquoted(list)) {
        // The engineer's packet code, "(msg:A)", is not part of the noun.
        let item = match item.rfind(" (") {
            Some(i) if item.ends_with(')') && !item.contains("times") => item[..i].to_string(),
            _ => item,
        };
        if item.starts_with("the letter")
            || item.starts_with("the message")
            || item.starts_with("letters ")
            || item.starts_with("“")
        {
            *out.entry("letter").or_default() += times_in(&item).unwrap_or(1);
            continue;
        }
        let (n, noun) = if let Some(r) = item.strip_prefix("an ") {
            (1, r)
        } else if let Some(r) = item.strip_prefix("a ") {
            (1, r)
        } else {
            let n = leading(&item).ok_or_else(|| format!("no count in “{item}”"))?;
            (n, item[n.to_string().len()..].trim())
        };
        let k = NOUNS
            .iter()
            .find(|(one, many, _)| noun == *one || noun == *many)
            .map(|(_, _, k)| *k)
            .ok_or_else(|| format!("not a kind of thing lost: “{noun}” (in “{list}”)"))?;
        *out.entry(k).or_default() += n;
    }
    Ok(out)
}

/// Things sent again read back: kind → (by a phone, by the post office, by a tap
/// on ❗).
fn again_items(list: &[String]) -> Result<BTreeMap<&'static str, (usize, usize, usize)>, String> {
    let mut out: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    for item in list {
        let k = if item.contains("delivery notice") {
            "delivery notice"
        } else {
            "letter"
        };
        let e = out.entry(k).or_default();
        // One source: "… by Li Lei's phone"; several: "(once by Li Lei's phone,
        // once by a tap on ❗, once by the post office)".
        let parts: Vec<&str> = match item.find('(') {
            Some(i) if item.ends_with(')') => item[i + 1..item.len() - 1].split(", ").collect(),
            _ => vec![item.as_str()],
        };
        for part in parts {
            let n = times_in(part).ok_or_else(|| format!("how often? “{item}”"))?;
            if part.contains("by the post office") || part.contains("by the server") {
                e.1 += n;
            } else if part.contains("by a tap on ❗") {
                e.2 += n;
            } else if part.contains("'s phone") || part.contains("by the phones") {
                e.0 += n;
            } else {
                return Err(format!("sent again by whom? “{item}”"));
            }
        }
    }
    Ok(out)
}

fn own_again(o: &Own) -> BTreeMap<&'static str, (usize, usize, usize)> {
    o.again
        .iter()
        .filter(|(_, (p, q, t))| p + q + t > 0)
        .map(|(k, v)| (*k, *v))
        .collect()
}

// ---- the checks ----

fn check(
    what: &str,
    scene: &Scenario,
    events: &[Event],
    told: &str,
    lang: Lang,
) -> Result<(), String> {
    let o = count(events);
    let t = read(told);
    let w = &scene.world;
    let fail = |m: String| Err(format!("{what}: {m}\n---\n{told}"));
    if let Err(m) = check_beside(&o, &t, lang) {
        return fail(m);
    }
    if let Err(m) = check_notes(&o, &t, lang, w) {
        return fail(m);
    }
    if let Err(m) = check_reads(events, &t, lang) {
        return fail(m);
    }
    if let Err(m) = check_recalls(&o, told, lang) {
        return fail(m);
    }
    if let Err(m) = check_parcels(&o, told, lang) {
        return fail(m);
    }

    // The summary: the letters add up, each counted once, the screens beside.
    // In a story with chats the letters shown "reached a recipient's phone".
    let row = |en: &str, zh: &str| -> Option<&String> {
        let label = if lang == Lang::En { en } else { zh };
        let chats = match lang {
            Lang::En => "reached a recipient's phone",
            Lang::Zh => "送到收信人的手机",
        };
        let label = match label {
            "shown to a recipient" | "显示给收信人" if o.chats => chats,
            l => l,
        };
        t.summary.iter().find(|(l, _)| l == label).map(|(_, v)| v)
    };
    let n_of = |v: Option<&String>| v.and_then(|v| leading(v));
    let written = o.letters.len();
    let rows = [
        ("letters written", "写出的信", Some(written)),
        (
            "shown to a recipient",
            "显示给收信人",
            Some(o.ends(End::Shown)),
        ),
        (
            "returned to sender",
            "退回给寄信人",
            Some(o.ends(End::Returned)),
        ),
        (
            "not sent (the phone gave up)",
            "发送失败（手机放弃了）",
            Some(o.ends(End::NotSent)),
        ),
        (
            "waiting on the offline shelf",
            "仍在离线信架上",
            Some(o.ends(End::OnShelf)),
        ),
    ];
    for (en, zh, want) in rows {
        let got = n_of(row(en, zh));
        if got != want {
            return fail(format!(
                "summary “{en}”: says {got:?}, the trace has {want:?}"
            ));
        }
    }
    for (en, zh, want) in [
        (
            "still in the sender's phone",
            "仍在寄信人的手机里",
            o.ends(End::InPhone),
        ),
        ("still on the way", "仍在路上", o.ends(End::OnTheWay)),
        (
            "taken back before it was shown",
            "显示之前已撤回",
            o.ends(End::Recalled),
        ),
    ] {
        let got = n_of(row(en, zh)).unwrap_or(0);
        if got != want {
            return fail(format!("summary “{en}”: says {got}, the trace has {want}"));
        }
    }
    // The screens, said beside the letters shown when they differ.
    let shown_row = row("shown to a recipient", "显示给收信人")
        .cloned()
        .unwrap_or_default();
    let screens = shown_row
        .split(['(', '（'])
        .nth(1)
        .and_then(|s| {
            s.trim_start_matches(|c: char| !c.is_ascii_digit())
                .split(' ')
                .next()
                .and_then(|d| d.parse::<usize>().ok())
        })
        .unwrap_or(o.ends(End::Shown));
    if screens != o.screens() {
        return fail(format!(
            "summary: {screens} screens said, the trace shows letters on {}",
            o.screens()
        ));
    }
    let mut took: Vec<Time> = o.letters.iter().flat_map(Letter::took).collect();
    took.sort_unstable();
    if lang == Lang::En
        && let Some(d) = row("delivery time min / median / max", "")
    {
        let want = format!(
            "{} / {} / {}",
            secs(took[0]),
            secs(took[took.len() / 2]),
            secs(took[took.len() - 1])
        );
        if d != &want {
            return fail(format!(
                "summary delivery time “{d}”, the trace has “{want}”"
            ));
        }
    }
    if lang != Lang::En {
        return check_zh(what, &o, &t, told);
    }

    // What became of the letters: every time said is a real tap-to-screen time;
    // a letter that reached several screens has each one's time said.
    let became = t.recap.get(1).cloned().unwrap_or_default();
    for word in became.split_whitespace() {
        if let Some(i) = word.find('.')
            && word[..i].chars().all(|c| c.is_ascii_digit())
            && !word[..i].is_empty()
            && word[i + 1..].len() == 3
            && word[i + 1..].chars().all(|c| c.is_ascii_digit())
        {
            let ms: Time =
                word[..i].parse::<Time>().unwrap() * 1000 + word[i + 1..].parse::<Time>().unwrap();
            if !took.contains(&ms) {
                return fail(format!("recap says {word} s, not a tap-to-screen time"));
            }
        }
    }
    if written <= 3 {
        for l in o.letters.iter().filter(|l| l.screens.len() > 1) {
            for ((u, _), ms) in l.screens.iter().zip(l.took()) {
                let name = w.device_name(*u, Lang::En);
                if !became.contains(&secs(ms)) || !became.contains(name) {
                    return fail(format!(
                        "recap does not say that the letter reached {name}'s screen {} after Send",
                        secs(ms)
                    ));
                }
            }
        }
    }
    let shown = o.ends(End::Shown);
    let claims = [
        ("It never reached a screen", shown == 0),
        ("None reached a screen", shown == 0),
        ("Both reached a screen", shown == 2 && written == 2),
        ("All ", shown == written),
    ];
    for (claim, holds) in claims {
        if became.starts_with(claim) && !holds {
            return fail(format!(
                "recap claims “{claim}…”: {shown} of {written} shown"
            ));
        }
    }
    if let Some(i) = became.find(" of the ") {
        let n = leading(&became).unwrap_or(usize::MAX);
        let total = leading(&became[i + 8..]).unwrap_or(usize::MAX);
        if n != shown || total != written {
            return fail(format!(
                "recap “{n} of the {total}”: the trace has {shown} of {written}"
            ));
        }
    }

    // What was lost, by kind, and how often.
    let way = t.recap.get(2).cloned().unwrap_or_default();
    let held = events
        .iter()
        .any(|e| matches!(e.what, What::WaitForConnection | What::Shelve { .. }));
    if way.contains("instant") && (shown == 0 || held || o.lost_total() > 0) {
        return fail(
            "recap calls it instant, yet no letter reached a screen, or one was held up or lost"
                .into(),
        );
    }
    let clauses: Vec<String> = way
        .trim_start_matches("On the way: ")
        .trim_end_matches('.')
        .split("; ")
        .map(str::to_string)
        .collect();
    let own_lost: BTreeMap<&str, usize> = o.lost.iter().map(|(k, v)| (*k, *v)).collect();
    let lost_clause = clauses
        .iter()
        .find(|c| unquoted(c).contains(" lost") && !c.starts_with("Nothing was lost"));
    match (lost_clause, o.lost_total()) {
        (None, 0) => {}
        (None, n) => return fail(format!("recap says nothing of the {n} things lost")),
        (Some(c), 0) => return fail(format!("recap says something was lost: “{c}”")),
        (Some(c), n) => {
            let c = unquoted(c);
            let c = c.split(" and sent again").next().unwrap_or_default();
            let said = if let Some((head, list)) = c.split_once(" things were lost (") {
                let total: usize = head.parse().map_err(|_| format!("{what}: “{c}”"))?;
                if total != n {
                    return fail(format!(
                        "recap says {total} things were lost, the trace has {n}"
                    ));
                }
                lost_items(list.strip_suffix(')').unwrap_or(list))
            } else if let Some((list, _)) = c
                .split_once(" were lost")
                .or_else(|| c.split_once(" was lost"))
            {
                // "the letter was lost 3 times": the times are the count.
                if (list.starts_with("the letter")
                    || list.starts_with("the message")
                    || list.starts_with('“'))
                    && !list.contains(", ")
                    && !list.contains(" and ")
                {
                    let n = times_in(c).unwrap_or(1);
                    Ok(BTreeMap::from([("letter", n)]))
                } else {
                    lost_items(list)
                }
            } else {
                Err(format!("cannot read “{c}”"))
            };
            let said = said.map_err(|e| format!("{what}: {e}\n---\n{told}"))?;
            if said != own_lost {
                return fail(format!(
                    "recap says lost {said:?}, the trace has {own_lost:?}"
                ));
            }
        }
    }
    if let Some(all) = &t.in_all {
        let lost_part = all
            .split(". ")
            .find(|p| p.starts_with("Lost on the way"))
            .map(|p| p.trim_end_matches('.').to_string());
        match (lost_part, o.lost_total()) {
            (None, 0) => {}
            (None, n) => return fail(format!("“In all” says nothing of the {n} things lost")),
            (Some(p), n) => {
                let (head, list) = p.split_once(": ").unwrap_or((&p, ""));
                if let Some(i) = head.find('(') {
                    let total = leading(&head[i + 1..]).unwrap_or(0);
                    if total != n {
                        return fail(format!("“In all” says {total} lost, the trace has {n}"));
                    }
                }
                let said = lost_items(list).map_err(|e| format!("{what}: {e}\n---\n{told}"))?;
                if said != own_lost {
                    return fail(format!(
                        "“In all” says lost {said:?}, the trace has {own_lost:?}"
                    ));
                }
            }
        }
    } else if o.lost_total() + o.again.len() + o.copies_office + o.copies_phone.len() > 0 {
        return fail("no “In all” line, yet things were lost, sent again or recognised".into());
    }
    if let Some(all) = &t.in_all {
        let said = given_up(all).map_err(|e| format!("{what}: {e}\n---\n{told}"))?;
        let own = (o.gave_up.len(), o.gave_up_then_resent.len());
        if said != own {
            return fail(format!(
                "“In all” says (given up, sent again after) {said:?}, the trace has {own:?}"
            ));
        }
    }

    // What was sent again, and by whom.
    let want_again = own_again(&o);
    let again_clause = clauses.iter().find(|c| unquoted(c).contains("sent again"));
    let said = match again_clause {
        None => BTreeMap::new(),
        Some(c) => {
            let c = unquoted(c);
            let list: Vec<String> = if let Some((_, rest)) = c.split_once(" and sent again ") {
                vec![format!("the letter {rest}")]
            } else if let Some((head, rest)) = c
                .split_once(" was sent again ")
                .or_else(|| c.split_once(" were sent again "))
            {
                let mut v = items(rest);
                v[0] = format!("{head} {}", v[0]);
                v
            } else {
                return fail(format!("cannot read “{c}”"));
            };
            again_items(&list).map_err(|e| format!("{what}: {e}\n---\n{told}"))?
        }
    };
    if said != want_again {
        return fail(format!(
            "recap says sent again {said:?}, the trace has {want_again:?}"
        ));
    }
    if let Some(all) = &t.in_all {
        let part = all
            .split(". ")
            .find(|p| p.starts_with("Sent again: "))
            .map(|p| unquoted(p.trim_start_matches("Sent again: ").trim_end_matches('.')));
        let said = match part {
            None => BTreeMap::new(),
            Some(p) => again_items(&items(&p)).map_err(|e| format!("{what}: {e}\n---\n{told}"))?,
        };
        if said != want_again {
            return fail(format!(
                "“In all” says sent again {said:?}, the trace has {want_again:?}"
            ));
        }
    }

    // Copies recognised: where, how many, and what was then not done again.
    let copies = |n: usize| {
        if n == 1 {
            "a copy".to_string()
        } else {
            format!("{n} copies")
        }
    };
    let mut want: Vec<String> = Vec::new();
    if o.copies_office > 0 {
        want.push(format!(
            "the post office recognised {} by",
            copies(o.copies_office)
        ));
    }
    for (u, n) in &o.copies_phone {
        want.push(format!(
            "{}'s phone recognised {} by",
            w.device_name(*u, Lang::En),
            copies(*n)
        ));
    }
    // The engineer's server is the post office.
    let clauses: Vec<String> = clauses
        .iter()
        .map(|c| c.replace("the server", "the post office"))
        .collect();
    let recognised: Vec<&String> = clauses
        .iter()
        .filter(|c| c.contains("recognised"))
        .collect();
    if recognised.len() != want.len() {
        return fail(format!(
            "recap tells {} recognising copies, the trace has {}",
            recognised.len(),
            want.len()
        ));
    }
    for (c, wanted) in recognised.iter().zip(&want) {
        let not_again = if wanted.starts_with("the post office") {
            "did not pass"
        } else {
            "did not show"
        };
        if !c.starts_with(wanted.as_str()) || !c.contains(not_again) || c.contains("shown once") {
            return fail(format!(
                "recap “{c}”: the trace has “{wanted} … {not_again} …”"
            ));
        }
    }
    if let Some(all) = &t.in_all {
        let mut want: Vec<String> = Vec::new();
        if o.copies_office > 0 {
            want.push(format!("{} at the post office", o.copies_office));
        }
        for (u, n) in &o.copies_phone {
            want.push(format!("{n} on {}'s phone", w.device_name(*u, Lang::En)));
        }
        let all = all.replace("at the server", "at the post office");
        let part = all
            .split(". ")
            .find(|p| p.starts_with("Copies recognised"))
            .map(|p| {
                p.split_once(": ")
                    .map(|x| x.1)
                    .unwrap_or_default()
                    .trim_end_matches('.')
                    .to_string()
            });
        let said: Vec<String> = part
            .map(|p| {
                items(&p)
                    .into_iter()
                    .map(|i| i.split(" (").next().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        if said != want {
            return fail(format!("“In all” copies {said:?}, the trace has {want:?}"));
        }
    }

    // Letters that waited inside their sender's phone for a connection: how many.
    let mut waited: Vec<MsgId> = Vec::new();
    for e in events {
        if let (What::WaitForConnection, Some(m)) = (&e.what, &e.msg)
            && !waited.contains(&m.id)
        {
            waited.push(m.id);
        }
    }
    let waited_clause = clauses.iter().find(|c| c.contains(" waited in "));
    match (waited_clause, waited.len()) {
        (None, 0) => {}
        (None, n) => {
            return fail(format!(
                "recap says nothing of the {n} letters held in a phone"
            ));
        }
        (Some(c), n) => {
            let said = if c.starts_with("a letter") {
                1
            } else {
                leading(c).unwrap_or(0)
            };
            if said != n {
                return fail(format!(
                    "recap says {said} letters waited in a phone, the trace has {n}"
                ));
            }
        }
    }

    // Letters that waited on the offline shelf: how many.
    let shelved = o.letters.iter().filter(|l| l.ever_shelved).count();
    let shelf_clause = clauses
        .iter()
        .find(|c| c.contains(" waited for ") || c.contains(" held as offline messages"));
    match (shelf_clause, shelved) {
        (None, 0) => {}
        (None, n) => {
            return fail(format!(
                "recap says nothing of the {n} letters that waited on the shelf"
            ));
        }
        (Some(c), n) => {
            let said = if c.contains(" a letter waited") || c.starts_with("1 message") {
                1
            } else {
                let after = c.split_once(", so ").map_or(c.as_str(), |x| x.1);
                leading(after).unwrap_or(0)
            };
            if said != n {
                return fail(format!(
                    "recap says {said} letters waited on the shelf, the trace has {n}"
                ));
            }
        }
    }
    Ok(())
}

/// In Chinese: each kind of thing lost is said with its count in words (两张回执),
/// and the things in all when there are several kinds.
fn check_zh(what: &str, o: &Own, t: &Told, told: &str) -> Result<(), String> {
    const NUM: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    // Every time the Chinese recap says is a tap-to-screen time, and a letter on
    // several screens has each one's.
    let became = t.recap.get(1).cloned().unwrap_or_default();
    let took: Vec<String> = o
        .letters
        .iter()
        .flat_map(Letter::took)
        .map(|ms| format!("{}.{:03} 秒", ms / 1000, ms % 1000))
        .collect();
    for (i, _) in became.match_indices(" 秒") {
        let start = became[..i]
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |j| {
                j + became[j..].chars().next().map_or(1, char::len_utf8)
            });
        let said = format!("{} 秒", &became[start..i]);
        if !took.contains(&said) {
            return Err(format!(
                "{what}: the recap says {said}, not a tap-to-screen time\n---\n{told}"
            ));
        }
    }
    if o.letters.len() <= 3 {
        for l in o.letters.iter().filter(|l| l.screens.len() > 1) {
            for ms in l.took() {
                let want = format!("{}.{:03} 秒", ms / 1000, ms % 1000);
                if !became.contains(&want) {
                    return Err(format!(
                        "{what}: the recap does not say {want}\n---\n{told}"
                    ));
                }
            }
        }
    }
    let way = t.recap.get(2).cloned().unwrap_or_default();
    for (k, n) in &o.lost {
        let noun = match *k {
            "receipt" => "张回执",
            "confirmation" => "张签收单",
            "answer to a confirmation" => "条邮局对签收的答复",
            "delivery notice" => "条送达通知",
            "answer to a delivery notice" => "句“知道了”",
            "returned letter" => "封退回的信",
            "login request" => "个登录请求",
            "answer to a login" => "条“登录成功”的答复",
            _ => continue,
        };
        let Some(num) = NUM.get(*n) else { continue };
        let want = format!("{num}{noun}");
        if !way.contains(&want) {
            return Err(format!(
                "{what}: the recap does not say “{want}”\n---\n{told}"
            ));
        }
    }
    if o.lost.len() > 2
        && let Some(num) = NUM.get(o.lost_total())
        && !way.contains(&format!("{num}样东西"))
    {
        return Err(format!(
            "{what}: the recap does not say “{num}样东西”\n---\n{told}"
        ));
    }
    Ok(())
}

/// A count in a sentence about dots: the figure or Chinese number word just before
/// `noun` ("23 questions", "三次"), or one for `one` ("a question"); 0 when the
/// sentence does not say it.
fn count_before(s: &str, noun: &str, one: &str) -> usize {
    const NUM: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    if !one.is_empty() && s.contains(one) {
        return 1;
    }
    let Some(i) = s.find(noun) else { return 0 };
    let before = s[..i].trim_end();
    if let Some(c) = before.chars().next_back()
        && let Some(n) = NUM.iter().position(|w| w.starts_with(c))
    {
        return n;
    }
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap_or(usize::MAX)
}

/// The count written right after `key` in `s` (a Chinese number word, or figures
/// set apart by spaces); 0 when `key` is not there.
fn count_after(s: &str, key: &str) -> usize {
    const NUM: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    let Some(i) = s.find(key) else { return 0 };
    let rest = s[i + key.len()..].trim_start_matches([' ', '\u{a0}']);
    if let Some(c) = rest.chars().next()
        && let Some(n) = NUM.iter().position(|w| w.starts_with(c))
    {
        return n;
    }
    leading(rest).unwrap_or(usize::MAX)
}

/// Every parcel sentence ("Parcels: …", in the recap and the "In all" line) says
/// the trace's own counts: parcels stored whole, parts sent again when an upload
/// resumed, parcels sent to phones, shown whole, thrown out, found gone; a story
/// without parcels has none.
fn check_parcels(o: &Own, told: &str, lang: Lang) -> Result<(), String> {
    let head = match lang {
        Lang::En => "Parcels: ",
        Lang::Zh => "包裹：",
    };
    let said: Vec<&str> = told
        .lines()
        .filter_map(|l| l.find(head).map(|i| &l[i + head.len()..]))
        .collect();
    let any = o.parcels.iter().sum::<usize>() > 0;
    if any == said.is_empty() {
        return Err(format!(
            "the trace has {:?} (stored, parts again, sent, shown, thrown out, gone); the text says {said:?}",
            o.parcels
        ));
    }
    for b in said {
        let n = match lang {
            Lang::En => {
                let after = |key: &str| {
                    b.find(key)
                        .map_or(0, |i| times_in(&b[i + key.len()..]).unwrap_or(usize::MAX))
                };
                [
                    count_before(b, " stored whole", ""),
                    count_before(b, " part", "1 part went up again"),
                    after("sent to phones"),
                    after("shown whole"),
                    count_before(b, " thrown out", ""),
                    after("found gone"),
                ]
            }
            Lang::Zh => [
                count_after(b, "存齐了"),
                count_after(b, "续传时又发了"),
                count_after(b, "发给手机"),
                count_after(b, "完整显示了"),
                count_after(b, "后清理掉"),
                count_before(b, "次来取时已经没有了", ""),
            ],
        };
        if n != o.parcels {
            return Err(format!(
                "“{b}” says {n:?} (stored, parts again, sent, shown, thrown out, gone); the trace has {:?}",
                o.parcels
            ));
        }
    }
    Ok(())
}

/// Every recall sentence ("Recall: …", in the recap and the "In all" line) says
/// the trace's own counts: letters taken back, screens, screens that had shown
/// it, recalls refused; a story without recalls has none.
fn check_recalls(o: &Own, told: &str, lang: Lang) -> Result<(), String> {
    let head = match lang {
        Lang::En => "Recall: ",
        Lang::Zh => "撤回：",
    };
    let said: Vec<&str> = told
        .lines()
        .filter_map(|l| l.find(head).map(|i| &l[i + head.len()..]))
        .collect();
    let any = o.recall.iter().sum::<usize>() > 0;
    if any == said.is_empty() {
        return Err(format!(
            "the trace has {:?} (taken back, screens, seen, refused); the text says {said:?}",
            o.recall
        ));
    }
    for b in said {
        let n = match lang {
            Lang::En => [
                count_before(b, " letter", ""),
                count_before(b, " screen", ""),
                count_before(b, " had shown", ""),
                count_before(b, " refused", ""),
            ],
            Lang::Zh => [
                count_before(b, "封信", ""),
                count_before(b, "块屏幕", ""),
                count_before(b, "块之前已经显示过", ""),
                count_before(b, "次被拒绝", ""),
            ],
        };
        if n != o.recall {
            return Err(format!(
                "“{b}” says {n:?} (taken back, screens, seen, refused); the trace has {:?}",
                o.recall
            ));
        }
    }
    Ok(())
}

/// Each "Beside the letters" sentence says the trace's own counts of questions,
/// online notices, "typing…" shown and typing notices lost; a story with none has
/// no such sentence.
fn check_beside(o: &Own, t: &Told, lang: Lang) -> Result<(), String> {
    let notes = o.notes.iter().sum::<usize>() > 0 || !o.asked.is_empty();
    let any = o.beside.iter().sum::<usize>() > 0 || notes || o.chats;
    if any && t.beside.len() != 2 {
        return Err(format!(
            "the trace has {:?} (questions, notices, typing shown, typing lost), but the recap and “In all” say it {} times",
            o.beside,
            t.beside.len()
        ));
    }
    if !any && !t.beside.is_empty() {
        return Err(format!("no dots nor typing, yet: {:?}", t.beside));
    }
    for b in &t.beside {
        let said = match lang {
            Lang::En => [
                count_before(
                    b,
                    " questions “who is online?”",
                    "a question “who is online?”",
                ),
                count_before(b, " online notices", "an online notice"),
                if b.contains("“typing…” showed") {
                    times_in(b.split("“typing…” showed").nth(1).unwrap_or_default()).unwrap_or(0)
                } else {
                    0
                },
                count_before(b, " typing notices", "a typing notice"),
            ],
            Lang::Zh => [
                count_before(b, "个“谁在线？”的问题", ""),
                count_before(b, "条在线通知", ""),
                b.split("“正在输入…”出现了")
                    .nth(1)
                    .map_or(0, |r| count_before(r, "次", "")),
                count_before(b, "条“正在输入”的通知", ""),
            ],
        };
        if said != o.beside {
            return Err(format!(
                "“{b}” says {said:?} (questions, notices, typing shown, typing lost); the trace has {:?}",
                o.beside
            ));
        }
    }
    Ok(())
}

/// The count just before `phrase` in `b`, once any of `nouns` is taken off its
/// end: a figure, a Chinese number word, or "a"/"one" (1). `None` when `phrase`
/// is not there; `Some(usize::MAX)` when no count stands before it.
fn count_ending(b: &str, phrase: &str, nouns: &[&str]) -> Option<usize> {
    const NUM: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    let i = b.find(phrase)?;
    let mut before = b[..i].trim_end();
    while let Some(rest) = nouns.iter().find_map(|n| before.strip_suffix(n)) {
        before = rest.trim_end();
    }
    if let Some(c) = before.chars().next_back()
        && let Some(n) = NUM.iter().position(|w| w.starts_with(c))
    {
        return Some(n);
    }
    let word = before
        .rsplit([' ', ',', ';', ':'])
        .next()
        .unwrap_or_default();
    Some(match word {
        "a" | "one" => 1,
        w => w.parse().unwrap_or(usize::MAX),
    })
}

/// Issue 25: in a story where a chat opens, each "Beside the letters" sentence
/// says how many of the letters shown (a screen each) were read, how many sent
/// “read” back and how many of those reached their writers, by this file's own
/// count of the events; a story without chats says nothing of reading.
fn check_reads(events: &[Event], t: &Told, lang: Lang) -> Result<(), String> {
    let chats = events
        .iter()
        .any(|e| matches!(e.what, What::ChatOpened { .. }));
    let shown: BTreeSet<(postoffice::sim::DeviceIdx, MsgId)> = events
        .iter()
        .filter(|e| matches!(e.what, What::Display { .. }))
        .filter_map(|e| match e.actor {
            Actor::Phone(u) => Some((u, e.msg.as_ref()?.id)),
            _ => None,
        })
        .collect();
    let read = events
        .iter()
        .filter(|e| matches!(e.what, What::Read { .. }))
        .count();
    let noted = events
        .iter()
        .filter(|e| matches!(e.what, What::Read { sends: true }))
        .count();
    let told = events
        .iter()
        .filter(|e| matches!(e.what, What::ReadShown { .. }))
        .count();
    let (shown, unread) = (shown.len(), shown.len() - read);
    let zh = |n: usize| {
        const NUM: [&str; 11] = [
            "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
        ];
        NUM.get(n).map_or(format!(" {n} "), |w| w.to_string())
    };
    let said_read = [
        format!("{read} of the {shown} copies that reached a phone were read ({unread} not)"),
        format!("{read} of {shown} delivered copies were read ({unread} unread)"),
        format!(
            "送到手机上的{}份信里有{}份读了（{}份没读）",
            zh(shown),
            zh(read),
            zh(unread)
        ),
        format!(
            "送达的{}条消息中{}条已读（{}条未读）",
            zh(shown),
            zh(read),
            zh(unread)
        ),
    ];
    let said_back = match (lang, noted) {
        (_, 0) => [
            "no “read” went back".to_string(),
            "没有回过“已读”".to_string(),
        ],
        (_, n) => [
            format!("“read” went back for {n}, and {told} reached the writers"),
            format!("{}封回了“已读”，写信人收到了其中{}封", zh(n), zh(told)),
        ],
    };
    for b in &t.beside {
        let says_read = said_read.iter().any(|w| b.contains(w.as_str()));
        let says_back = said_back.iter().any(|w| b.contains(w.as_str()));
        if chats && !(says_read && says_back) {
            return Err(format!(
                "“{b}” does not say the trace's reads: {read} of {shown} shown, {noted} noted back, {told} told"
            ));
        }
        if !chats && (b.contains("were read") || b.contains("已读")) {
            return Err(format!("“{b}” speaks of reading in a story without chats"));
        }
    }
    if chats && t.beside.is_empty() {
        return Err("a story with chats says nothing of reading".to_string());
    }
    Ok(())
}

/// Each "Beside the letters" sentence says the trace's own notes for lock screens
/// (lit one, lost on the way, dropped for a newer one) and each phone's asks for
/// its waiting letters (issue 24); a story without them says none of it.
fn check_notes(o: &Own, t: &Told, lang: Lang, w: &postoffice::sim::World) -> Result<(), String> {
    let en_nouns = [
        " was",
        " were",
        " notes",
        " note",
        " push notifications",
        " push notification",
    ];
    let zh_nouns = ["条通知", "条推送通知（push）", "条"];
    for b in &t.beside {
        let read = |phrase: &str| match lang {
            Lang::En => count_ending(b, phrase, &en_nouns),
            Lang::Zh => count_ending(b, phrase, &zh_nouns),
        };
        let said = match lang {
            Lang::En => [
                read(" lit a lock screen"),
                read(" lost on the way"),
                read(" dropped for a newer one"),
            ],
            Lang::Zh => [
                read("点亮了锁屏"),
                count_ending(b, "条通知在半路丢了", &[])
                    .or_else(|| count_ending(b, "条推送通知（push）在半路丢了", &[])),
                read("在手机没信号时被更新的顶替了"),
            ],
        }
        .map(|n| n.unwrap_or(0));
        if said != o.notes {
            return Err(format!(
                "“{b}” says {said:?} notes (lit, lost, dropped); the trace has {:?}",
                o.notes
            ));
        }
        let said_never = ["the letters waited on the", "never re-sent"]
            .iter()
            .chain(&["信一直在", "推送不重发"])
            .any(|w| b.contains(w));
        if said_never != (o.notes[1] + o.notes[2] > 0) {
            return Err(format!(
                "“{b}”: the letters waited, said only where a note was missed"
            ));
        }
        // Each phone that asked, by name, as often as it asked; no other.
        for u in 0..w.phones() {
            let u = UserIdx(u as u32);
            let name = w.name(u, lang);
            let said = match lang {
                Lang::En => [
                    format!("{name}'s phone asked for its waiting letters "),
                    format!("{name}'s phone fetched its offline messages (fetch) "),
                    // A second phone, after the first: ", Li Lei's once".
                    format!(", {name}'s "),
                ]
                .iter()
                .find_map(|h| b.split(h.as_str()).nth(1).and_then(times_in)),
                Lang::Zh => ["的手机问了", "的手机拉取了"].iter().find_map(|h| {
                    let rest = b.split(&format!("{name}{h}")).nth(1)?;
                    count_ending(rest, "次", &[])
                }),
            };
            let own = o.asked.get(&postoffice::sim::DeviceIdx::main(u)).copied();
            if said != own {
                return Err(format!(
                    "“{b}” says {name}'s phone asked {said:?} times; the trace has {own:?}"
                ));
            }
        }
    }
    Ok(())
}

fn tell(scene: &Scenario, seed: Option<u64>, lang: Lang, reg: Register) -> (Vec<Event>, String) {
    let mut sim = scene.sim(seed, true);
    sim.run();
    let events = sim.take_events();
    let seed = seed.unwrap_or(scene.seed);
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    let mut out = Vec::new();
    write_text(
        &mut out, scene, seed, &sim, &events, &outcomes, lang, reg, false,
    )
    .expect("writing to memory");
    // Read with plain spaces: the words join a number to its unit with a no-break
    // space (tests/line_breaks.rs checks that); the numbers are what count here.
    let told = String::from_utf8(out).expect("UTF-8");
    (events, told.replace('\u{a0}', " "))
}

fn check_scene(what: &str, scene: &Scenario) -> Result<(), String> {
    for lang in [Lang::En, Lang::Zh] {
        for reg in Register::ALL {
            let (events, told) = tell(scene, None, lang, reg);
            check(
                &format!("{what} ({lang:?}, {})", reg.name()),
                scene,
                &events,
                &told,
                lang,
            )?;
        }
    }
    Ok(())
}

fn scene_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"))
        .expect("scenes/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_lesson_scene_says_only_counted_numbers() {
    let mut failures = Vec::new();
    for f in scene_files() {
        let scene = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
        // rush_hour is 15,000 letters: its numbers are checked, its text is long.
        if let Err(e) = check_scene(&f.display().to_string(), &scene) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} scene(s) say numbers the trace does not have:\n\n{}",
        failures.len(),
        failures.join("\n\n========\n\n")
    );
}

// ---- random fault scenes, written as scene files ----

#[derive(Debug, Clone)]
struct Case {
    n: usize,
    seed: u64,
    loss: u32,
    max_retries: u32,
    strangers: Vec<(usize, usize)>,
    group: Vec<usize>,
    script: Vec<(u64, String)>,
}

fn action(n: usize) -> impl Strategy<Value = String> {
    let u = move || (0..n).prop_map(|i| format!("\"u{i}\""));
    let text = (0u8..30).prop_map(|i| format!("\"m{i}\""));
    prop_oneof![
        5 => (0..n, 0..=n, text.clone()).prop_map(move |(from, to, text)| {
            let to = if to == from { (to + 1) % (n + 1) } else { to };
            let to = if to == n { "nobody".to_string() } else { format!("u{to}") };
            format!("Send(from: \"u{from}\", to: \"{to}\", text: {text})")
        }),
        2 => (u(), text).prop_map(|(from, text)| format!("SendGroup(from: {from}, group: \"g\", text: {text})")),
        1 => u().prop_map(|u| format!("Login({u})")),
        2 => u().prop_map(|u| format!("Logout({u})")),
        2 => u().prop_map(|u| format!("LinkDown({u})")),
        2 => u().prop_map(|u| format!("LinkUp({u})")),
        2 => (u(), 0u32..50).prop_map(|(u, l)| format!("SetLoss(user: {u}, loss: 0.{l:02})")),
        4 => (u(), any::<bool>(), 0..4usize).prop_map(|(u, up, c)| format!(
            "Drop(user: {u}, toward: {}, what: {})",
            if up { "Server" } else { "Phone" },
            ["Message", "Ack", "Heartbeat", "Any"][c]
        )),
        1 => (0..n, 0..n, 0..4usize).prop_filter("two people", |(a, b, _)| a != b).prop_map(|(a, b, c)| {
            format!("{}(\"u{a}\", \"u{b}\")", ["Befriend", "Unfriend", "Block", "Unblock"][c])
        }),
        1 => Just("ServerDown".to_string()),
        1 => Just("ServerUp".to_string()),
        // A tap on ❗ beside the writer's k-th letter (kept only after it is
        // written: see `ron`).
        3 => (0..n, 1usize..4).prop_map(|(u, k)| format!("Resend(letter: \"u{u}#{k}\")")),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..5).prop_flat_map(|n| {
        (
            Just(n),
            any::<u64>(),
            prop_oneof![Just(0u32), 0u32..40],
            0u32..4,
            proptest::collection::vec((0..n, 0..n), 0..3),
            proptest::collection::btree_set(0..n, 0..=n),
            proptest::collection::vec((0u64..40_000, action(n)), 3..25),
        )
            .prop_map(
                |(n, seed, loss, max_retries, strangers, group, script)| Case {
                    n,
                    seed,
                    loss,
                    max_retries,
                    strangers,
                    group: group.into_iter().collect(),
                    script,
                },
            )
    })
}

/// The case as a scene file.
fn ron(c: &Case) -> String {
    let avatars = ["girl", "boy", "woman", "man"];
    let users: Vec<String> = (0..c.n)
        .map(|i| {
            format!(
                "(id: \"u{i}\", name: \"U{i}\", avatar: \"{}\")",
                avatars[i % 4]
            )
        })
        .collect();
    let mut friends = Vec::new();
    for a in 0..c.n {
        for b in a + 1..c.n {
            if !c.strangers.contains(&(a, b)) && !c.strangers.contains(&(b, a)) {
                friends.push(format!("(\"u{a}\", \"u{b}\")"));
            }
        }
    }
    let members: Vec<String> = c.group.iter().map(|i| format!("\"u{i}\"")).collect();
    let mut script: Vec<String> = (0..c.n)
        .map(|i| format!("(at_ms: 0, do: Login(\"u{i}\"))"))
        .collect();
    let mut timed = c.script.clone();
    timed.sort_by_key(|(at, _)| *at);
    // A tap names a letter already written: drop one that comes before it.
    let mut written = vec![0usize; c.n];
    timed.retain(|(_, a)| {
        let who = |a: &str| {
            let i = a.find("\"u")? + 2;
            a[i..].split(['"', '#']).next()?.parse::<usize>().ok()
        };
        if a.starts_with("Send") {
            if let Some(u) = who(a) {
                written[u] += 1;
            }
            true
        } else if let Some(rest) = a.strip_prefix("Resend(letter: \"u") {
            let (u, k) = rest.split_once('#').unwrap_or_default();
            let k: usize = k.trim_end_matches("\")").parse().unwrap_or(usize::MAX);
            u.parse::<usize>().is_ok_and(|u| written[u] >= k)
        } else {
            true
        }
    });
    script.extend(
        timed
            .iter()
            .map(|(at, a)| format!("(at_ms: {at}, do: {a})")),
    );
    format!(
        r#"(
    title: "random",
    seed: {seed},
    network: (latency_ms: (40, 120), loss: 0.{loss:02}),
    heartbeat: (interval_ms: 4000, timeout_ms: 9000),
    retry: (check_ms: 1000, grace_ms: 700, max_retries: {retries}),
    users: [{users}],
    friends: [{friends}],
    groups: [(id: "g", name: "G", members: [{members}])],
    unregistered: ["nobody"],
    script: [{script}],
    until_ms: 70000,
    expect: [MarkedOffline("u0")],
)"#,
        seed = c.seed,
        loss = c.loss,
        retries = c.max_retries,
        users = users.join(", "),
        friends = friends.join(", "),
        members = members.join(", "),
        script = script.join(",\n        "),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn random_fault_scenes_say_only_counted_numbers(c in case()) {
        let text = ron(&c);
        let scene = scenario::parse("random.ron", text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        if let Err(e) = check_scene("random", &scene) {
            prop_assert!(false, "{}\n\nscene:\n{}", e, text);
        }
    }
}

#[test]
fn the_reader_reads_what_it_should() {
    // The parsers above, on sentences of the kinds they read.
    let got = lost_items("the letter “Bring the ball”, 2 receipts, a delivery notice, an answer to a delivery notice and an answer to a login").unwrap();
    assert_eq!(
        got,
        BTreeMap::from([
            ("letter", 1),
            ("receipt", 2),
            ("delivery notice", 1),
            ("answer to a delivery notice", 1),
            ("answer to a login", 1)
        ])
    );
    assert!(lost_items("a letter or receipt 4 times").is_err());
    let got = again_items(&[
        "the letter twice (once by Li Lei's phone, once by the post office)".to_string(),
    ])
    .unwrap();
    assert_eq!(got, BTreeMap::from([("letter", (1, 1, 0))]));
    let got = again_items(&[
        "the letter 4 times (twice by Li Lei's phone, once by a tap on ❗, once by the post office)"
            .to_string(),
        "the letter “Sorry!” once by a tap on ❗".to_string(),
    ])
    .unwrap();
    assert_eq!(got, BTreeMap::from([("letter", (2, 1, 2))]));
    assert_eq!(times_in("lost 12 times"), Some(12));
}

#[test]
fn the_random_scenes_have_what_the_checks_read() {
    // The random scenes are worth checking only if they have what the recap
    // counts: losses of several kinds, letters and notices sent again by phones
    // and by the post office, copies recognised at both ends, letters on several
    // screens, returned, given up on, waiting on the shelf.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..150 {
        let c = case().new_tree(&mut runner).expect("a case").current();
        let scene = scenario::parse("random.ron", ron(&c).as_bytes()).expect("a valid scene");
        let mut sim = scene.sim(None, true);
        sim.run();
        let o = count(&sim.take_events());
        let mut saw = |what: &'static str, yes: bool| {
            if yes {
                *seen.entry(what).or_default() += 1;
            }
        };
        saw("several kinds lost", o.lost.len() > 1);
        saw(
            "a letter sent again by a phone",
            o.again.get("letter").is_some_and(|a| a.0 > 0),
        );
        saw(
            "a letter sent again by the post office",
            o.again.get("letter").is_some_and(|a| a.1 > 0),
        );
        saw(
            "a notice sent again",
            o.again.contains_key("delivery notice"),
        );
        saw("a copy recognised at the post office", o.copies_office > 0);
        saw("a copy recognised on a phone", !o.copies_phone.is_empty());
        saw(
            "a letter on several screens",
            o.letters.iter().any(|l| l.screens.len() > 1),
        );
        saw("a letter returned", o.ends(End::Returned) > 0);
        saw("a letter given up on", o.ends(End::NotSent) > 0);
        saw(
            "a letter given up on, then sent again",
            !o.gave_up_then_resent.is_empty(),
        );
        saw("a letter on the shelf at the end", o.ends(End::OnShelf) > 0);
        saw("a letter shelved", o.letters.iter().any(|l| l.ever_shelved));
        saw(
            "two or three letters",
            o.letters.len() <= 3 && o.letters.len() > 1,
        );
    }
    eprintln!("{seen:?}");
    for what in [
        "several kinds lost",
        "a letter sent again by a phone",
        "a letter sent again by the post office",
        "a notice sent again",
        "a copy recognised at the post office",
        "a copy recognised on a phone",
        "a letter on several screens",
        "a letter returned",
        "a letter given up on",
        "a letter given up on, then sent again",
        "a letter on the shelf at the end",
        "a letter shelved",
        "two or three letters",
    ] {
        let n = seen.get(what).copied().unwrap_or(0);
        assert!(
            n >= 3,
            "only {n} of 150 random scenes have {what}: {seen:?}"
        );
    }
}

/// The notes for lock screens and the asks for waiting letters, said back over
/// varied closed-app stories: scenes/app_closed.ron with other seeds, a bad
/// connection for Han Meimei while her app is closed (notes lost to noise, not on
/// purpose), and either shelf mode, in both languages and all three registers.
#[test]
fn closed_app_stories_say_their_own_notes_and_asks() {
    let lesson = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenes/app_closed.ron"
    ))
    .unwrap();
    let close = "        (at_ms: 2000,  do: CloseApp(user: \"hanmeimei\")),\n";
    let noisy = format!(
        "{close}        (at_ms: 3000,  do: SetLoss(user: \"hanmeimei\", loss: 0.5)),\n        (at_ms: 24000, do: SetLoss(user: \"hanmeimei\", loss: 0.0)),\n"
    );
    assert!(lesson.contains(close) && lesson.contains("    seed: 4,\n"));
    assert!(lesson.contains("    shelf: HandedOver,\n"));
    let mut failures = Vec::new();
    // Seen at least once: more notes lost than the one lost on purpose; notes
    // dropped for newer ones; a phone asking more than once.
    let mut seen = [false; 3];
    for seed in 0..6 {
        for shelf in ["HandedOver", "Fetched"] {
            let text = lesson
                .replace("    seed: 4,\n", &format!("    seed: {seed},\n"))
                .replace(
                    "    shelf: HandedOver,\n",
                    &format!("    shelf: {shelf},\n"),
                )
                .replace(close, &noisy);
            let scene = scenario::parse("closed.ron", text.as_bytes()).unwrap();
            let mut sim = scene.sim(None, true);
            sim.run();
            let o = count(&sim.take_events());
            seen[0] |= o.notes[1] > 1;
            seen[1] |= o.notes[2] > 0;
            seen[2] |= o.asked.values().any(|&n| n > 1);
            if let Err(e) = check_scene(&format!("seed {seed}, {shelf}"), &scene) {
                failures.push(e);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} closed-app stories say numbers the trace does not have:\n\n{}",
        failures.len(),
        failures.join("\n\n========\n\n")
    );
    assert_eq!(seen, [true; 3], "the stories vary: {seen:?}");
}
