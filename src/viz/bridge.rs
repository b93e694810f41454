//! From a scenario file to a [`Story`]: loads and runs the simulation and turns its
//! trace into beats with pictures. The only part of the visualizer that knows the
//! simulation's types.

use std::collections::HashMap;
use std::path::Path;

use crate::scenario;

use crate::sim::{
    self, Actor, Dir, Event, FrameId, FrameKind, Lang, MsgId, SideRoad, Sim, Stage, UserIdx, What,
    World, narration,
};

use super::lang::Tr;
use super::story::*;

/// The scene the window opens when given none.
pub const DEFAULT_SCENE: &str = "scenes/hello.ron";
/// A copy of it inside the binary, for when it is started elsewhere.
const HELLO: &str = include_str!("../../scenes/hello.ron");

/// Loads `path` and tells its story, or says what is wrong with the file (with its
/// place in the file).
pub fn tell(path: &Path) -> Result<Story, String> {
    let scene = if !path.exists() && path == Path::new(DEFAULT_SCENE) {
        // Started away from the repository (after `cargo install`): the built-in copy.
        scenario::parse(&format!("{DEFAULT_SCENE} (built in)"), HELLO.as_bytes())
    } else {
        scenario::load(path)
    }
    .and_then(|scene| {
        // A scene whose run would never end in class is refused here as by `run`.
        scene.check_size(None)?;
        Ok(scene)
    })
    .map_err(|e| e.to_string())?;
    let sim = scene.sim(None, true);
    Ok(tell_sim(sim, tr(&scene.title)))
}

fn tr(t: &sim::Text) -> Tr {
    Tr::new(&*t.en, &*t.zh)
}

fn both(f: impl Fn(Lang) -> String) -> Tr {
    Tr::new(f(Lang::En), f(Lang::Zh))
}

/// Where each copy of each letter is: the sender's copy, or one per recipient.
fn key(id: MsgId, copy: Option<UserIdx>) -> u64 {
    ((id.from.0 as u64) << 40) | ((id.n as u64) << 12) | copy.map_or(0, |u| u.0 as u64 + 1)
}

/// The most beats one story keeps.
pub const MAX_BEATS: usize = 1500;

/// Runs `sim` to its end and tells its story: one beat per narrated event, the
/// picture kept up to date from the trace. Logins before the first letter make the
/// opening picture.
pub fn tell_sim(mut sim: Sim, title: Tr) -> Story {
    let world = sim.world().clone();
    let phones = world.phones();
    let people = world.people[..phones]
        .iter()
        .map(|p| Person {
            name: tr(&p.name),
            avatar: p.avatar.to_string(),
        })
        .collect();
    if phones > super::layout::MAX_PHONES {
        return tell_crowd(sim, title, people);
    }
    let mut b = StoryBuilder::new(title, people, true);
    let mut opening = true;
    loop {
        // A long story is told up to a limit: every beat keeps a whole picture, so
        // that stepping back is exact.
        if b.story.beats.len() >= MAX_BEATS {
            break;
        }
        let more = sim.step();
        for e in sim.take_events() {
            if opening && e.is_narrated() && e.stage() != Stage::Side(SideRoad::Presence) {
                opening = false;
                b.open();
            }
            tell_event(&mut b, &e, &world, !opening);
        }
        if !more {
            break;
        }
    }
    if opening {
        b.open();
    }
    b.finish()
}

/// About how many beats a crowd scene is cut into.
pub const CROWD_BEATS: usize = 60;

/// Tells a crowd scene: every frame on the wire becomes a [`Flight`], and the story
/// of letters is cut into about [`CROWD_BEATS`] stretches with the same number of
/// events each, so busy moments are short stretches (slow motion) and quiet ones
/// long, and at each step of the first letter written (drawn in gold). Each beat
/// says what happened in it, how far everyone has got and where the gold letter is.
fn tell_crowd(mut sim: Sim, title: Tr, people: Vec<Person>) -> Story {
    let world = sim.world().clone();
    sim.run();
    let events = sim.take_events();
    // One letter is drawn in gold, so the class can follow it through the crowd:
    // the first one written.
    let followed = events
        .iter()
        .find(|e| matches!(e.what, What::Edit { .. }))
        .and_then(|e| e.msg.clone());
    let followed_phones = followed.as_ref().map_or(Vec::new(), |m| {
        let mut phones = vec![m.from().index()];
        match m.to {
            sim::Dest::User(u) => phones.push(u.index()),
            sim::Dest::Group(g) => {
                phones.extend(world.group(g).members.iter().map(|u| u.index()));
            }
        }
        phones.sort_unstable();
        phones.dedup();
        phones
    });
    let mut crowd = Crowd::new(
        flights(&events, followed.as_ref().map(|m| m.id)),
        followed_phones,
    );
    let mut followed_step = None;
    // The beats are cut from the letters' events; a scene without letters (phones
    // logging in, say) is cut from its comings and goings instead.
    let letters = events.iter().any(|e| e.step().is_some());
    let mail =
        |e: &Event| e.is_narrated() && (!letters || e.stage() != Stage::Side(SideRoad::Presence));
    let total = events.iter().filter(|e| mail(e)).count();
    let per_beat = total.div_ceil(CROWD_BEATS).max(1);
    let last_mail = events.iter().rposition(mail);
    let mut b = StoryBuilder::new(title, people, true);
    let mut start_ms = None;
    let mut slice = Slice::default();
    let mut so_far = [0u32; 10];
    for (i, e) in events.iter().enumerate() {
        let me = phone_of(e.actor);
        match &e.what {
            What::Verify { archived } => b.picture.office.archived = *archived,
            What::Shelve { .. } => b.picture.office.shelved += 1,
            What::Unshelve { .. } => {
                b.picture.office.shelved = b.picture.office.shelved.saturating_sub(1)
            }
            What::Store | What::File => {
                if let Some(u) = me {
                    b.picture.phones[u].stored += 1;
                }
            }
            _ => {}
        }
        let mut lit = Vec::new();
        presence(&mut b.picture, e, me, &mut lit);
        if !mail(e) {
            continue;
        }
        if start_ms.is_none() {
            start_ms = Some(e.at);
            b.open();
        }
        slice.count(e);
        // Each step of the followed letter ends a beat: stepping through the story
        // takes it through its nine steps, with the crowd around it.
        let mut its_step = false;
        if let Some(n) = e.step().map(|s| s.number()) {
            so_far[n as usize] += 1;
            if e.msg.as_ref().map(|m| m.id) == followed.as_ref().map(|m| m.id) {
                followed_step = Some(n);
                its_step = true;
            }
        }
        let last_at_this_time = events[i + 1..]
            .iter()
            .find(|x| mail(x))
            .is_none_or(|x| x.at > e.at);
        if (slice.events >= per_beat && last_at_this_time) || its_step || Some(i) == last_mail {
            let since = b
                .story
                .beats
                .last()
                .map_or(start_ms.unwrap_or(0), |x| x.at_ms);
            let wires = crowd.in_flight(e.at as f64).count();
            let (mut heading, sentence) = slice.words(e.at, e.at - since, &so_far, wires);
            if let (Some(m), Some(n)) = (&followed, followed_step) {
                let from = tr(&world.person(m.from()).name);
                let to = both(|l| world.dest_name(m.to, l).to_string());
                let name = step_name(n);
                heading = Tr::new(
                    format!(
                        "{} — the gold letter, {} → {}: step {n} of 9, {}",
                        heading.en, from.en, to.en, name.en
                    ),
                    format!(
                        "{} — 金色的信（{} → {}）：第 {n}/9 步，{}",
                        heading.zh, from.zh, to.zh, name.zh
                    ),
                );
            }
            let lit = std::mem::take(&mut slice.lit);
            b.beat(e.at, None, heading, sentence, Vec::new(), lit);
            slice = Slice::default();
        }
    }
    if start_ms.is_none() {
        b.open();
    }
    crowd.start_ms = start_ms.unwrap_or(0);
    let mut story = b.finish();
    story.crowd = Some(crowd);
    story
}

/// Every frame put on a wire, and whether it got there; those about letter
/// `followed` are marked. A lost frame is matched to its departure by its number.
fn flights(events: &[Event], followed: Option<MsgId>) -> Vec<Flight> {
    let mut flights = Vec::new();
    // By frame number: where its flight is.
    let mut by_id: HashMap<FrameId, usize> = HashMap::new();
    for e in events {
        match &e.what {
            What::FrameOut {
                id,
                user,
                dir,
                frame,
                arrives,
            } => {
                let cargo = match frame {
                    FrameKind::MsgR | FrameKind::MsgN => Cargo::Letter,
                    FrameKind::MsgA | FrameKind::Returned => Cargo::Receipt,
                    FrameKind::AckR | FrameKind::AckA | FrameKind::AckN | FrameKind::AckC => {
                        Cargo::Ack
                    }
                    FrameKind::Heartbeat | FrameKind::HeartbeatReply => Cargo::Heartbeat,
                    _ => Cargo::Other,
                };
                by_id.insert(*id, flights.len());
                flights.push(Flight {
                    depart_ms: e.at,
                    arrive_ms: *arrives,
                    phone: user.index(),
                    to_office: *dir == Dir::ToServer,
                    cargo,
                    lost: false,
                    followed: followed.is_some() && e.msg.as_ref().map(|m| m.id) == followed,
                });
            }
            What::FrameLost { id, .. } => {
                if let Some(&i) = by_id.get(id) {
                    flights[i].lost = true;
                }
            }
            _ => {}
        }
    }
    // The trace is in time order, so the frames are in order of departure.
    debug_assert!(flights.is_sorted_by_key(|f| f.depart_ms));
    flights
}

/// What happened during one beat of a crowd scene.
#[derive(Default)]
struct Slice {
    events: usize,
    /// Events per step, 1–9 (0 unused).
    steps: [u32; 10],
    returned: u32,
    lost: u32,
    retries: u32,
    duplicates: u32,
    shelved: u32,
    lit: Vec<Spot>,
}

impl Slice {
    fn count(&mut self, e: &Event) {
        self.events += 1;
        let spot = match &e.what {
            What::Return { .. } => {
                self.returned += 1;
                Some(Spot::Register)
            }
            What::FrameLost { .. } => {
                self.lost += 1;
                None
            }
            What::Retry { .. } => {
                self.retries += 1;
                None
            }
            What::Duplicate => {
                self.duplicates += 1;
                None
            }
            What::Shelve { .. } => {
                self.shelved += 1;
                Some(Spot::Shelf)
            }
            _ => None,
        };
        let step = e.step().map(|s| s.number());
        if let Some(n) = step {
            self.steps[n as usize] += 1;
        }
        let spot = spot.or(match step {
            Some(4) => Some(Spot::Counter),
            Some(5) => Some(Spot::Register),
            Some(6) => Some(Spot::Sorting),
            _ => None,
        });
        if let Some(spot) = spot
            && !self.lit.contains(&spot)
        {
            self.lit.push(spot);
        }
    }

    /// The beat's heading (the clock) and its sentence, in both languages.
    fn words(&self, at_ms: u64, span_ms: u64, so_far: &[u32; 10], wires: usize) -> (Tr, Tr) {
        let heading = Tr::new(
            format!("At {:.3} s", at_ms as f64 / 1000.0),
            format!("第 {:.3} 秒", at_ms as f64 / 1000.0),
        );
        let s = &self.steps;
        let mut en = Vec::new();
        let mut zh = Vec::new();
        let mut part = |n: u32, e: &str, z: &str| {
            if n > 0 {
                en.push(format!("{n} {e}"));
                zh.push(z.replace('#', &n.to_string()));
            }
        };
        part(s[3], "sent", "发出 # 封");
        part(s[4], "reached the counter", "# 封到达柜台");
        part(s[6], "forwarded", "转发 # 封");
        part(s[9], "shown on screens", "# 封显示在屏幕上");
        part(self.returned, "returned", "退回 # 封");
        part(self.shelved, "put on the shelf", "# 封放上货架");
        part(self.lost, "frames lost on the way", "路上丢失 # 个数据包");
        part(self.retries, "sent again", "重发 # 次");
        part(self.duplicates, "duplicates thrown away", "丢弃重复 # 个");
        let lead = if span_ms == 0 {
            Tr::new("At this moment", "此刻")
        } else {
            Tr::new(
                format!("In these {span_ms} ms"),
                format!("这 {span_ms} 毫秒里"),
            )
        };
        let news = if en.is_empty() {
            Tr::new("nothing new", "没有新动静")
        } else {
            Tr::new(en.join(", "), zh.join("，"))
        };
        let (w, a, d) = (so_far[1], so_far[5], so_far[9]);
        let sentence = Tr::new(
            format!(
                "{}: {}. So far {w} written, {a} archived, {d} shown. On the wires now: {wires}.",
                lead.en, news.en
            ),
            format!(
                "{}：{}。至今已写 {w} 封，归档 {a} 封，显示 {d} 封。此刻线上：{wires} 个。",
                lead.zh, news.zh
            ),
        );
        (heading, sentence)
    }
}

/// Moves letter copy `k` from `from` (or from where it is) to `to`, where it rests,
/// and lights `to`.
fn carry(
    go: &mut impl FnMut(&mut StoryBuilder, u64, Spot, Spot, Token, Fate, bool),
    lit: &mut Vec<Spot>,
    b: &mut StoryBuilder,
    k: u64,
    from: Spot,
    to: Spot,
) {
    go(b, k, from, to, Token::Letter, Fate::Arrives, true);
    lit.push(to);
}

fn phone_of(actor: Actor) -> Option<usize> {
    match actor {
        Actor::Phone(u) => Some(u.index()),
        _ => None,
    }
}

fn tell_event(b: &mut StoryBuilder, e: &Event, world: &World, narrate: bool) {
    let phones = b.picture.phones.len();
    let ok = |u: usize| u < phones;
    let me = phone_of(e.actor).filter(|&u| ok(u));
    let letter = e.msg.as_ref();
    let sender = letter.map(|m| m.from().index()).filter(|&u| ok(u));
    let text = letter.map(|m| m.text.to_string()).unwrap_or_default();
    let mut moves: Vec<Move> = Vec::new();
    let mut lit: Vec<Spot> = Vec::new();
    // Moves letter copy `k` to `to` (from where it is, or from `from`).
    let mut go = |b: &mut StoryBuilder,
                  k: u64,
                  from: Spot,
                  to: Spot,
                  token: Token,
                  fate: Fate,
                  rest: bool| {
        let from = b.letter_spot(k).unwrap_or(from);
        moves.push(Move {
            letter: k,
            text: text.clone(),
            token,
            from,
            to,
            fate,
        });
        b.place(k, &text, if rest { Some(to) } else { None });
    };
    let k0 = letter.map(|m| key(m.id, None)).unwrap_or(0);
    match (&e.what, letter) {
        (What::Edit { index }, Some(_)) => {
            if let Some(u) = me {
                let bubbles = &mut b.picture.phones[u].bubbles;
                let at = (*index as usize).min(bubbles.len());
                bubbles.insert(
                    at,
                    Bubble {
                        text: text.clone(),
                        from: u,
                        mine: true,
                        status: BubbleStatus::Sending,
                    },
                );
                carry(&mut go, &mut lit, b, k0, Spot::Screen(u), Spot::Screen(u));
            }
        }
        (What::Store, Some(_)) => {
            if let Some(u) = me {
                b.picture.phones[u].stored += 1;
                carry(&mut go, &mut lit, b, k0, Spot::Screen(u), Spot::Mailbox(u));
            }
        }
        (What::Send | What::WaitForConnection, Some(_)) => {
            if let Some(u) = me {
                carry(&mut go, &mut lit, b, k0, Spot::Mailbox(u), Spot::Postman(u));
            }
        }
        (What::Receive, Some(_)) => {
            let from = sender.map_or(Spot::Counter, Spot::Postman);
            carry(&mut go, &mut lit, b, k0, from, Spot::Counter);
        }
        (What::Verify { archived }, Some(_)) => {
            b.picture.office.archived = *archived;
            go(
                b,
                k0,
                Spot::Counter,
                Spot::Register,
                Token::Letter,
                Fate::Arrives,
                true,
            );
            lit.extend([Spot::Register, Spot::Archive]);
        }
        (What::Forward { to }, Some(_)) => {
            let from = b.letter_spot(k0).unwrap_or(Spot::Register);
            let k = key(
                letter.map_or(
                    MsgId {
                        from: UserIdx(0),
                        n: 0,
                    },
                    |m| m.id,
                ),
                Some(*to),
            );
            go(
                b,
                k,
                from,
                Spot::Sorting,
                Token::Letter,
                Fate::Arrives,
                true,
            );
            b.place(k0, &text, None);
            lit.push(Spot::Sorting);
        }
        (What::Arrive | What::File | What::Display { .. }, Some(m)) => {
            if let Some(u) = me {
                let k = key(m.id, Some(UserIdx(u as u32)));
                let to = match &e.what {
                    What::Arrive => Spot::Postman(u),
                    What::File => {
                        b.picture.phones[u].stored += 1;
                        Spot::Mailbox(u)
                    }
                    _ => {
                        if let What::Display { index, .. } = &e.what {
                            let bubbles = &mut b.picture.phones[u].bubbles;
                            let at = (*index as usize).min(bubbles.len());
                            bubbles.insert(
                                at,
                                Bubble {
                                    text: text.clone(),
                                    from: sender.unwrap_or(u),
                                    mine: false,
                                    status: BubbleStatus::Incoming,
                                },
                            );
                        }
                        Spot::Screen(u)
                    }
                };
                go(b, k, Spot::Sorting, to, Token::Letter, Fate::Arrives, true);
                if matches!(e.what, What::Display { .. }) {
                    // Shown: from the next step on, the bubble is the letter.
                    b.done.push(k);
                }
                lit.push(to);
            }
        }
        (What::Return { reason }, Some(_)) => {
            let why = both(|l| narration::bounce_text(*reason, l).to_string());
            go(
                b,
                k0,
                Spot::Register,
                Spot::Counter,
                Token::Returned(why),
                Fate::Arrives,
                true,
            );
            lit.extend([Spot::Register, Spot::Counter]);
        }
        (What::Returned { reason }, Some(_)) => {
            let why = both(|l| narration::bounce_text(*reason, l).to_string());
            if let Some(u) = me {
                set_status(b, u, &text, BubbleStatus::Returned(why.clone()));
                go(
                    b,
                    k0,
                    Spot::Counter,
                    Spot::Screen(u),
                    Token::Returned(why),
                    Fate::Arrives,
                    false,
                );
                lit.push(Spot::Screen(u));
            }
        }
        (What::Shelve { to, .. }, Some(m)) => {
            let k = key(m.id, Some(*to));
            let from = b
                .letter_spot(k)
                .or(b.letter_spot(k0))
                .unwrap_or(Spot::Sorting);
            b.place(k0, &text, None);
            b.place(k, &text, Some(from));
            go(b, k, from, Spot::Shelf, Token::Letter, Fate::Arrives, true);
            b.picture.office.shelved += 1;
            lit.push(Spot::Shelf);
        }
        (What::Unshelve { to }, Some(m)) => {
            let k = key(m.id, Some(*to));
            go(
                b,
                k,
                Spot::Shelf,
                Spot::Sorting,
                Token::Letter,
                Fate::Arrives,
                true,
            );
            b.picture.office.shelved = b.picture.office.shelved.saturating_sub(1);
            lit.extend([Spot::Shelf, Spot::Sorting]);
        }
        (What::Receipt, Some(_)) => {
            if let Some(u) = me {
                set_status_if(b, u, &text, BubbleStatus::Received, |s| {
                    matches!(s, BubbleStatus::Sending)
                });
                moves.push(card(
                    k0,
                    &text,
                    Token::Receipt,
                    Spot::Counter,
                    Spot::Screen(u),
                ));
                lit.push(Spot::Screen(u));
            }
        }
        (What::Acknowledged { by, .. }, Some(_)) => {
            moves.push(card(
                k0,
                &text,
                Token::Delivered,
                Spot::Postman(by.index()),
                Spot::Counter,
            ));
            lit.push(Spot::Counter);
        }
        (What::Delivered { count, of }, Some(_)) => {
            if let Some(u) = me
                && count >= of
            {
                set_status(b, u, &text, BubbleStatus::Delivered);
            }
            if let Some(u) = me {
                moves.push(card(
                    k0,
                    &text,
                    Token::Delivered,
                    Spot::Counter,
                    Spot::Screen(u),
                ));
                lit.push(Spot::Screen(u));
            }
        }
        (What::Retry { frame, to, .. }, Some(m)) => {
            use sim::FrameKind as K;
            match (frame, to, me) {
                // The same letter goes out again: on its way, not resting anywhere.
                (K::MsgR, _, Some(u)) => {
                    go(
                        b,
                        k0,
                        Spot::Postman(u),
                        Spot::Wire(u, 0.5),
                        Token::Letter,
                        Fate::Arrives,
                        false,
                    );
                    lit.push(Spot::Postman(u));
                }
                (K::MsgN, Some(t), _) => {
                    let k = key(m.id, Some(*t));
                    go(
                        b,
                        k,
                        Spot::Sorting,
                        Spot::Wire(t.index(), 0.5),
                        Token::Letter,
                        Fate::Arrives,
                        false,
                    );
                    lit.push(Spot::Sorting);
                }
                (_, _, Some(u)) => lit.push(Spot::Postman(u)),
                _ => lit.push(Spot::Counter),
            }
        }
        (What::Duplicate, Some(_)) => match me {
            Some(u) => {
                moves.push(Move {
                    letter: k0,
                    text: text.clone(),
                    token: Token::Letter,
                    from: Spot::Wire(u, 1.0),
                    to: Spot::Postman(u),
                    fate: Fate::Discarded,
                });
                lit.push(Spot::Postman(u));
            }
            None => {
                let s = sender.unwrap_or(0);
                moves.push(Move {
                    letter: k0,
                    text: text.clone(),
                    token: Token::Letter,
                    from: Spot::Wire(s, 0.0),
                    to: Spot::Counter,
                    fate: Fate::Discarded,
                });
                lit.push(Spot::Counter);
            }
        },
        (What::NewsKept { .. } | What::NewsHandedOver { .. }, _) => lit.push(Spot::Counter),
        (What::Lost { .. }, Some(_)) => {
            if let Some(u) = me {
                set_status(b, u, &text, BubbleStatus::Lost);
                b.place(k0, &text, None);
                lit.push(Spot::Screen(u));
            }
        }
        (
            What::FrameLost {
                user, dir, frame, ..
            },
            _,
        ) if frame.is_mail() && ok(user.index()) => {
            let u = user.index();
            let (from, to) = match dir {
                sim::Dir::ToServer => (Spot::Wire(u, 0.0), Spot::Wire(u, 1.0)),
                sim::Dir::ToPhone => (Spot::Wire(u, 1.0), Spot::Wire(u, 0.0)),
            };
            let token = match frame {
                sim::FrameKind::MsgA => Token::Receipt,
                sim::FrameKind::AckR
                | sim::FrameKind::AckA
                | sim::FrameKind::AckN
                | sim::FrameKind::AckC => Token::Delivered,
                _ => Token::Letter,
            };
            moves.push(Move {
                letter: k0,
                text: text.clone(),
                token,
                from,
                to,
                fate: Fate::Vanishes,
            });
        }
        (What::Register { .. }, _) => lit.push(Spot::Register),
        (What::Heartbeat, _) => {
            if let Some(u) = me {
                b.pulses.push(Pulse {
                    phone: u,
                    to_office: true,
                });
            }
        }
        _ => presence(&mut b.picture, e, me, &mut lit),
    }
    if narrate && e.is_narrated() {
        let stage = e.stage();
        b.beat(
            e.at,
            e.step().map(|s| s.number()),
            both(|l| narration::stage_label(stage, l)),
            both(|l| narration::caption(e, l, world)),
            moves,
            lit,
        );
    }
}

/// Who is connected, and whether the post office is open: the part of the picture
/// that logins, heartbeats' silences and the network change. `me` is the phone that
/// acted, if it is drawn.
fn presence(picture: &mut Picture, e: &Event, me: Option<usize>, lit: &mut Vec<Spot>) {
    let ok = |u: usize| u < picture.phones.len();
    match &e.what {
        What::LoginStart => {
            if let Some(u) = me
                && picture.phones[u].link != Link::NoSignal
            {
                picture.phones[u].link = Link::Connecting;
            }
        }
        What::LoggedIn { user } => {
            if ok(user.index()) {
                picture.phones[user.index()].greyed = false;
            }
            picture.office.online += 1;
            lit.push(Spot::Counter);
        }
        What::Connected => {
            if let Some(u) = me {
                picture.phones[u].link = Link::Online;
                lit.push(Spot::Postman(u));
            }
        }
        What::LoggedOut => {
            if let Some(u) = me {
                picture.phones[u].link = Link::Offline;
                lit.push(Spot::Postman(u));
            }
        }
        What::MarkedOffline { user, .. } => {
            if ok(user.index()) {
                picture.phones[user.index()].greyed = true;
            }
            picture.office.online = picture.office.online.saturating_sub(1);
            lit.push(Spot::Counter);
        }
        What::ConnectionLost => {
            if let Some(u) = me
                && picture.phones[u].link != Link::NoSignal
            {
                picture.phones[u].link = Link::Connecting;
                lit.push(Spot::Postman(u));
            }
        }
        What::LinkDown { user } if ok(user.index()) => {
            picture.phones[user.index()].link = Link::NoSignal;
            lit.push(Spot::Postman(user.index()));
        }
        What::LinkUp { user } if ok(user.index()) => {
            picture.phones[user.index()].link = Link::Connecting;
            lit.push(Spot::Postman(user.index()));
        }
        What::PostOfficeClosed => {
            picture.office.open = false;
            picture.office.online = 0;
            for p in &mut picture.phones {
                if p.link == Link::Online {
                    p.link = Link::Connecting;
                }
            }
        }
        What::PostOfficeOpened => picture.office.open = true,
        _ => {}
    }
}

fn card(letter: u64, text: &str, token: Token, from: Spot, to: Spot) -> Move {
    Move {
        letter,
        text: text.to_string(),
        token,
        from,
        to,
        fate: Fate::Arrives,
    }
}

/// Sets the status of `u`'s own bubble with this text (the last one).
fn set_status(b: &mut StoryBuilder, u: usize, text: &str, status: BubbleStatus) {
    set_status_if(b, u, text, status, |_| true);
}

fn set_status_if(
    b: &mut StoryBuilder,
    u: usize,
    text: &str,
    status: BubbleStatus,
    when: impl Fn(&BubbleStatus) -> bool,
) {
    if let Some(bubble) = b.picture.phones[u]
        .bubbles
        .iter_mut()
        .rev()
        .find(|x| x.mine && x.text == text)
        && when(&bubble.status)
    {
        bubble.status = status;
    }
}

/// Collects beats, each with a copy of the picture as it stands.
pub struct StoryBuilder {
    pub story: Story,
    pub picture: Picture,
    pub pulses: Vec<Pulse>,
    /// Letters that leave the picture after the current beat.
    pub done: Vec<u64>,
}

impl StoryBuilder {
    pub fn new(title: Tr, people: Vec<Person>, office_open: bool) -> StoryBuilder {
        let n = people.len();
        let picture = Picture {
            phones: vec![PhoneState::default(); n],
            office: OfficeState {
                open: office_open,
                ..Default::default()
            },
            letters: Vec::new(),
        };
        StoryBuilder {
            story: Story {
                title,
                people,
                opening: Picture::default(),
                beats: Vec::new(),
                crowd: None,
            },
            picture,
            pulses: Vec::new(),
            done: Vec::new(),
        }
    }

    /// What is drawn so far becomes the opening picture.
    pub fn open(&mut self) {
        self.story.opening = self.picture.clone();
    }

    /// Where letter `id` rests now, if anywhere.
    pub fn letter_spot(&self, id: u64) -> Option<Spot> {
        self.picture.letters.iter().find(|l| l.0 == id).map(|l| l.2)
    }

    /// Puts letter `id` at `spot` (or takes it out of the picture with `None`).
    pub fn place(&mut self, id: u64, text: &str, spot: Option<Spot>) {
        self.picture.letters.retain(|l| l.0 != id);
        if let Some(spot) = spot {
            self.picture.letters.push((id, text.to_string(), spot));
        }
    }

    pub fn beat(
        &mut self,
        at_ms: u64,
        step: Option<u8>,
        heading: Tr,
        sentence: Tr,
        moves: Vec<Move>,
        lit: Vec<Spot>,
    ) {
        self.story.beats.push(Beat {
            at_ms,
            step,
            heading,
            sentence,
            moves,
            lit,
            pulses: std::mem::take(&mut self.pulses),
            picture: self.picture.clone(),
        });
        for k in std::mem::take(&mut self.done) {
            self.picture.letters.retain(|l| l.0 != k);
        }
    }

    pub fn finish(self) -> Story {
        self.story
    }
}

/// A scene file's title, for the scenes menu (`None` when it is not a valid scene).
pub fn title(path: &Path) -> Option<Tr> {
    scenario::load(path).ok().map(|s| tr(&s.title))
}
