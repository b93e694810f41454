//! The window's crowd tally says what was lost, sent again and recognised in a
//! stretch of the trace through `words::stretch`: its numbers, read back, are the
//! events counted here (every lesson scene, whole and beat by beat in halves).

use std::collections::BTreeMap;
use std::path::PathBuf;

use postoffice::scenario;
use postoffice::sim::{Event, FrameKind, Lang, LossCause, What};
use postoffice::words::stretch;

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

fn told(frame: FrameKind, cause: LossCause) -> bool {
    match frame {
        FrameKind::Login | FrameKind::LoginOk => {
            matches!(cause, LossCause::Noise | LossCause::Dropped)
        }
        FrameKind::Heartbeat
        | FrameKind::HeartbeatReply
        | FrameKind::Logout
        | FrameKind::NotLoggedIn
        | FrameKind::Closing
        // Dots and "typing…" are not mail: a lost one is not told (issue 22).
        | FrameKind::PresenceAsk
        | FrameKind::Presence
        | FrameKind::Typing
        // Nor are notes for lock screens and asks for waiting letters (issue 24):
        // a lost note is told beside the notes, and counted apart.
        | FrameKind::Notify
        | FrameKind::Push
        | FrameKind::Fetch
        | FrameKind::FetchA => false,
        _ => true,
    }
}

/// "2 receipts, a letter and an answer to a login" → kind → count.
fn read(list: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for item in list.replace(" and ", ", ").split(", ") {
        let (n, noun) = match item.split_once(' ') {
            Some(("a" | "an", rest)) => (1, rest.to_string()),
            Some((n, rest)) => (n.parse().expect("a count"), rest.to_string()),
            None => panic!("not a counted thing: {item}"),
        };
        // Plural to singular, as this file names the kinds.
        let noun = noun
            .replace(
                "parts of photos or voice messages",
                "part of a photo or voice message",
            )
            .replace(
                "questions or answers about parcels",
                "question or answer about a parcel",
            )
            .replace("answers to delivery notices", "answer to a delivery notice")
            .replace("answers to confirmations", "answer to a confirmation")
            .replace("answers to logins", "answer to a login")
            .replace("receipts", "receipt")
            .replace("confirmations", "confirmation")
            .replace("delivery notices", "delivery notice")
            .replace("returned letters", "returned letter")
            .replace("login requests", "login request")
            .replace("letters", "letter");
        *out.entry(noun).or_default() += n;
    }
    out
}

fn check(events: &[Event], what: &str) {
    let mut lost: BTreeMap<String, usize> = BTreeMap::new();
    let mut again: BTreeMap<String, usize> = BTreeMap::new();
    let (mut office, mut phones) = (0, 0);
    for e in events {
        match &e.what {
            What::FrameLost { frame, cause, .. } if told(*frame, *cause) => {
                *lost.entry(kind(*frame).to_string()).or_default() += 1;
            }
            What::Retry { frame, .. } if e.msg.is_some() => {
                *again.entry(kind(*frame).to_string()).or_default() += 1;
            }
            // A tap on ❗ (or `resend: Auto`) sends the letter again too.
            What::Resent { .. } if e.msg.is_some() => {
                *again.entry("letter".to_string()).or_default() += 1;
            }
            What::Duplicate => match e.actor {
                postoffice::sim::Actor::PostOffice => office += 1,
                _ => phones += 1,
            },
            _ => {}
        }
    }
    let said = stretch(events, Lang::En);
    let part = |end: &str| {
        said.iter()
            .find_map(|s| s.strip_suffix(end).map(read))
            .unwrap_or_default()
    };
    assert_eq!(part(" lost on the way"), lost, "{what}: {said:?}");
    assert_eq!(part(" sent again"), again, "{what}: {said:?}");
    let copies = |end: &str| {
        said.iter()
            .find_map(|s| s.strip_suffix(end))
            .map_or(0, |s| {
                s.split(' ').next().unwrap().parse::<usize>().unwrap()
            })
    };
    assert_eq!(
        copies(" recognised and not passed on again"),
        office,
        "{what}: {said:?}"
    );
    assert_eq!(
        copies(" recognised and not shown again"),
        phones,
        "{what}: {said:?}"
    );
    // The Chinese says as many things.
    assert_eq!(stretch(events, Lang::Zh).len(), said.len(), "{what}");
}

#[test]
fn the_crowd_tally_says_the_counted_events() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut lossy = 0;
    for f in files {
        let scene = scenario::load(&f).unwrap();
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        let half = events.len() / 2;
        for (part, ev) in [
            ("whole", &events[..]),
            ("first half", &events[..half]),
            ("second half", &events[half..]),
        ] {
            check(ev, &format!("{} ({part})", f.display()));
        }
        if !stretch(&events, Lang::En).is_empty() {
            lossy += 1;
        }
    }
    assert!(lossy >= 3, "scenes with losses, retries or copies: {lossy}");
}
