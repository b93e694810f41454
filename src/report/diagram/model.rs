//! What a sequence diagram of a run shows, decided once for both painters (the
//! handout's SVG, [`super::svg`], and the window's diagram view): its lanes in
//! order and where each is on or off, a row per narrated event, the moments that
//! take room, an arrow per frame from the row that sent it to the row that took it
//! (or to where it was lost), and the frames folded into a note per phone. No
//! words, no measures, no colours: a row says which [`Ink`] its mark wears, a
//! painter picks sizes and places.
//!
//! Built in one pass over the trace and a few over what it found, with every
//! search a look-up: the work grows with the run (`steps` counts it), not with
//! its square.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::step;
use crate::report::kinds::{self, Folds};
use crate::report::palette::Ink;
use crate::sim::kinds::FrameFold;
use crate::sim::{Actor, DeviceIdx, Dir, Event, FrameId, FrameKind, Lane, MsgId, Step, Time};

/// A diagram's content: see the module's documentation.
#[derive(Debug)]
pub struct Model {
    /// The phones with a lane (phone `u` for `u` below it).
    pub phones: usize,
    /// The push service has a lane, right of the post office's (a scene with
    /// notifications: see [`Model::build_with`]).
    pub push: bool,
    /// The letters written, in order (a row or an arrow about a letter is
    /// numbered when there are two or more).
    pub letters: usize,
    /// The lanes from left to right, each with where it turns on or off.
    pub lanes: Vec<LaneLine>,
    /// The times that take room, earliest first.
    pub moments: Vec<Moment>,
    /// The narrated events, in order.
    pub rows: Vec<Row>,
    pub arrows: Vec<Arrow>,
    /// What was folded, per phone, in the phones' order.
    pub notes: Vec<(DeviceIdx, Folded)>,
    /// How many letters the post office agreed to recall (撤回, issue 25): their
    /// arrows and the rows that tear a copy up are marked.
    pub recalled: usize,
}

/// A lane, and where it changes: solid while connected (the post office: while
/// open), dashed otherwise.
#[derive(Debug)]
pub struct LaneLine {
    pub lane: Lane,
    /// On at the top.
    pub on: bool,
    /// The rows where it turns on (`true`) or off, in order; each a change.
    pub switches: Vec<(usize, bool)>,
}

/// A time that takes room: narrated events happen, or a drawn frame leaves,
/// arrives or is lost.
#[derive(Debug)]
pub struct Moment {
    pub at: Time,
    /// Its rows (none: only frames at this time).
    pub rows: std::ops::Range<usize>,
    /// A drawn frame leaves at this time.
    pub leaves: bool,
}

/// A narrated event: a caption in the margin, a dot or a step's circle on its lane.
#[derive(Debug)]
pub struct Row {
    pub event: usize,
    pub at: Time,
    pub moment: usize,
    /// Its letter's number, when the run has two or more letters.
    pub number: Option<usize>,
    /// Where its mark goes (none: it has no lane).
    pub lane: Option<Lane>,
    pub mark: Mark,
    /// The colour of its tag.
    pub tag: Ink,
    /// The first row of its moment (it shows the time).
    pub first_of_time: bool,
    /// It tells a frame lost on the way (the arrow's ✗ shows it too).
    pub frame_lost: bool,
    /// It tells a copy of a recalled letter torn up (the archive's, a phone's).
    pub torn: bool,
}

/// What marks a row on its lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The first letter's step, the first time it is reached: a numbered circle.
    Step(Step),
    Dot(Ink),
}

/// Where on the page an arrow ends: a row's line, or a moment's where it has no
/// row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Spot {
    Row(usize),
    Moment(usize),
}

/// A frame on a wire.
#[derive(Debug)]
pub struct Arrow {
    pub id: FrameId,
    pub kind: FrameKind,
    pub from: Lane,
    pub to: Lane,
    pub leaves: Spot,
    /// How many arrows left the same spot and lane the same way before it (each
    /// drawn a little lower).
    pub stack: u32,
    /// Where it arrives, or where it was lost.
    pub reaches: Spot,
    pub lost: bool,
    /// Its letter's number, when the run has two or more letters.
    pub number: Option<usize>,
    /// It carries a letter the post office later agreed to recall.
    pub recalled: bool,
    /// Issue 28: it carries a sealed letter, this many bytes: its label says
    /// "🔒" and the size, never words.
    pub sealed: Option<u32>,
}

/// Heartbeats and logins folded into a phone's note.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub beats: u32,
    pub answers: u32,
    pub lost: u32,
    pub logins_lost: u32,
    pub first: Time,
    pub last: Time,
}

/// Whether a frame is folded into its phone's note.
pub fn folded(kind: FrameKind, lost: bool, heartbeats: bool) -> bool {
    !heartbeats
        && match kind.row().fold {
            FrameFold::Always => true,
            FrameFold::WhenLost => lost,
            FrameFold::Never => false,
        }
}

/// The slot of each lane from the left: the first half of the phones left of the
/// post office, the rest right of it, so that a letter from the first person to
/// the second crosses from left to right. (No push service lane: see
/// [`slot_in`].)
pub fn slot(lane: Lane, phones: usize) -> usize {
    slot_in(lane, phones, false)
}

/// [`slot`] on a page where the push service has a lane (`push`): right beside
/// the post office's, between it and the phones on its right. Without one, the
/// push service stands on the post office's slot (it has nothing drawn there).
pub fn slot_in(lane: Lane, phones: usize, push: bool) -> usize {
    let on_left = phones.div_ceil(2);
    match lane {
        Lane::Phone(u) if u.index() < on_left => u.index(),
        Lane::Phone(u) => u.index() + 1 + usize::from(push),
        Lane::PostOffice => on_left,
        Lane::PushService => on_left + usize::from(push),
    }
}

/// How many lanes a page has.
pub fn lanes(phones: usize, push: bool) -> usize {
    phones + 1 + usize::from(push)
}

/// A drawn frame, and where it was lost (the event).
struct Drawn {
    event: usize,
    out: kinds::FrameOut,
    lost: Option<usize>,
}

impl Model {
    /// The diagram of `events` with `phones` lanes of phones; `heartbeats` draws
    /// every heartbeat and login attempt instead of folding them into notes. The
    /// push service has no lane: its notifications are drawn between the post
    /// office and the phone (the window's diagram view).
    pub fn build(events: &[Event], phones: usize, heartbeats: bool) -> Model {
        Model::build_with(events, phones, heartbeats, false)
    }

    /// [`Model::build`], and with `push` (a scene whose `notifications:` are on)
    /// the push service gets a lane of its own: a `notify` goes from the post
    /// office to it, a `push` from it to the phone, and what it does (holding a
    /// notification) is marked on it.
    pub fn build_with(events: &[Event], phones: usize, heartbeats: bool, push: bool) -> Model {
        let on_lanes = |u: DeviceIdx| u.index() < phones;
        let mut lost_at: HashMap<FrameId, usize> = HashMap::new();
        let mut letter_of: BTreeMap<MsgId, usize> = BTreeMap::new();
        let mut recalled: BTreeSet<MsgId> = BTreeSet::new();
        for (i, e) in events.iter().enumerate() {
            if let Some(id) = kinds::frame_lost(e) {
                lost_at.insert(id, i);
            }
            if let Some(m) = kinds::recall_accepted(e) {
                recalled.insert(m);
            }
            if let Some(m) = kinds::written(e) {
                let n = letter_of.len() + 1;
                letter_of.entry(m).or_insert(n);
            }
        }
        let first_letter = events.iter().find_map(kinds::written);
        let many = letter_of.len() > 1;
        let number = |m: Option<MsgId>| m.and_then(|m| letter_of.get(&m).copied()).filter(|_| many);

        // The frames drawn, and those folded into notes.
        let mut drawn: Vec<Drawn> = Vec::new();
        let mut notes: BTreeMap<DeviceIdx, Folded> = BTreeMap::new();
        for (i, e) in events.iter().enumerate() {
            let Some(out) = kinds::frame_out(e).filter(|o| on_lanes(o.user)) else {
                continue;
            };
            let lost = lost_at.get(&out.id).copied();
            if !folded(out.frame, lost.is_some(), heartbeats) {
                drawn.push(Drawn {
                    event: i,
                    out,
                    lost,
                });
                continue;
            }
            let n = notes.entry(out.user).or_insert(Folded {
                first: e.at,
                ..Folded::default()
            });
            let as_ = kinds::folds_as(out.frame);
            match as_ {
                Folds::Beat => n.beats += 1,
                Folds::Answer => n.answers += 1,
                Folds::Login => n.logins_lost += 1,
            }
            if lost.is_some() && as_ != Folds::Login {
                n.lost += 1;
            }
            n.last = e.at;
        }

        let (moments, rows) = moments_and_rows(events, &drawn, (phones, push), |e| {
            let msg = e.msg.as_ref().map(|m| m.id);
            (number(msg), msg.is_some() && msg == first_letter)
        });
        let mut arrows = arrows(events, &drawn, (&moments, &rows), (phones, push), &number);
        for (a, d) in arrows.iter_mut().zip(&drawn) {
            let sealed = events[d.event].msg.as_ref().and_then(|m| m.sealed());
            if kinds::carries_letter(a.kind) {
                a.sealed = sealed.map(|s| s.bytes());
            }
        }
        if !recalled.is_empty() {
            for (a, d) in arrows.iter_mut().zip(&drawn) {
                let letter = kinds::carries_letter(a.kind);
                let msg = events[d.event].msg.as_ref().map(|m| m.id);
                a.recalled = letter && msg.is_some_and(|m| recalled.contains(&m));
            }
        }
        let mut lanes: Vec<LaneLine> = (0..phones)
            .map(|p| Lane::Phone(DeviceIdx(p as u32)))
            .chain([Lane::PostOffice])
            .chain(push.then_some(Lane::PushService))
            .map(|lane| LaneLine {
                lane,
                on: lane == Lane::PostOffice || lane == Lane::PushService,
                switches: Vec::new(),
            })
            .collect();
        for (k, r) in rows.iter().enumerate() {
            let Some((lane, now)) = kinds::lane_switch(&events[r.event]) else {
                continue;
            };
            let index = match lane {
                Lane::Phone(u) if on_lanes(u) => u.index(),
                Lane::Phone(_) | Lane::PushService => continue,
                Lane::PostOffice => phones,
            };
            let line = &mut lanes[index];
            let was = line.switches.last().map_or(line.on, |s| s.1);
            if was != now {
                line.switches.push((k, now));
            }
        }
        step(rows.len());
        lanes.sort_by_key(|l| slot_in(l.lane, phones, push));
        Model {
            phones,
            push,
            letters: letter_of.len(),
            lanes,
            moments,
            rows,
            arrows,
            notes: notes.into_iter().collect(),
            recalled: recalled.len(),
        }
    }

    /// The spot at time `at` (one of the moments): its first row, if it has rows.
    pub fn at_time(&self, at: Time) -> Spot {
        at_time(&self.moments, at)
    }
}

fn at_time(moments: &[Moment], at: Time) -> Spot {
    let m = moments.partition_point(|m| m.at < at);
    match moments.get(m) {
        Some(moment) if moment.at == at && !moment.rows.is_empty() => Spot::Row(moment.rows.start),
        _ => Spot::Moment(m),
    }
}

/// The moments that take room, and the rows of the narrated events at each;
/// `about` gives a row's letter number and whether its letter is the first.
fn moments_and_rows(
    events: &[Event],
    drawn: &[Drawn],
    (phones, push): (usize, bool),
    about: impl Fn(&Event) -> (Option<usize>, bool),
) -> (Vec<Moment>, Vec<Row>) {
    let mut narrated: Vec<(Time, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_narrated())
        .map(|(i, e)| (e.at, i))
        .collect();
    narrated.sort_unstable();
    let mut times: Vec<(Time, bool)> = narrated.iter().map(|&(t, _)| (t, false)).collect();
    for d in drawn {
        times.push((events[d.event].at, true));
        let end = d.lost.map_or(d.out.arrives, |l| events[l].at);
        times.push((end, false));
    }
    times.sort_unstable();
    let mut moments: Vec<Moment> = Vec::new();
    for (at, leaves) in times {
        match moments.last_mut() {
            Some(m) if m.at == at => m.leaves |= leaves,
            _ => moments.push(Moment {
                at,
                rows: 0..0,
                leaves,
            }),
        }
    }
    let mut rows: Vec<Row> = Vec::with_capacity(narrated.len());
    let mut stepped: Vec<Step> = Vec::new();
    let mut m = 0;
    for (at, i) in narrated {
        while moments[m].at < at {
            m += 1;
        }
        let first_of_time = moments[m].rows.is_empty();
        if first_of_time {
            moments[m].rows = rows.len()..rows.len();
        }
        moments[m].rows.end = rows.len() + 1;
        let e = &events[i];
        let (number, first_letter) = about(e);
        // The push service's own events stand on its lane, where it has one.
        let lane = match push && e.actor == Actor::PushService {
            true => Some(Lane::PushService),
            false => e.lane(),
        };
        let lane = lane.filter(|l| match l {
            Lane::Phone(u) => u.index() < phones,
            Lane::PostOffice => true,
            Lane::PushService => push,
        });
        let road = if kinds::on_the_way(e) {
            Ink::Letter
        } else {
            Ink::SideRoad
        };
        // A step's circle the first time the first letter reaches it on a lane.
        let mark = match e.step().filter(|s| first_letter && !stepped.contains(s)) {
            Some(s) if lane.is_some() => {
                stepped.push(s);
                Mark::Step(s)
            }
            _ => Mark::Dot(road),
        };
        let tag = if road == Ink::SideRoad && kinds::is_loss(e) {
            Ink::Loss
        } else {
            road
        };
        rows.push(Row {
            event: i,
            at,
            moment: m,
            number,
            lane,
            mark,
            tag,
            first_of_time,
            frame_lost: kinds::frame_lost(e).is_some(),
            torn: kinds::tears_up(e),
        });
    }
    step(moments.len() + rows.len());
    (moments, rows)
}

/// Each drawn frame's arrow: it leaves from the row that sent it (the sender's
/// latest row of that millisecond about the same letter, else its latest row of
/// the millisecond) and reaches the receiver's first row of that millisecond about
/// the same letter that no other arrow has taken, or where it was lost.
fn arrows(
    events: &[Event],
    drawn: &[Drawn],
    (moments, rows): (&[Moment], &[Row]),
    (phones, push): (usize, bool),
    number: &dyn Fn(Option<MsgId>) -> Option<usize>,
) -> Vec<Arrow> {
    // Rows by (time, actor) and by (time, actor, letter), in order.
    let mut by_actor: HashMap<(Time, Actor), Vec<usize>> = HashMap::new();
    let mut by_letter: HashMap<(Time, Actor, Option<MsgId>), Vec<usize>> = HashMap::new();
    let mut row_of: HashMap<usize, usize> = HashMap::new();
    for (k, r) in rows.iter().enumerate() {
        let e = &events[r.event];
        let msg = e.msg.as_ref().map(|m| m.id);
        by_actor.entry((r.at, e.actor)).or_default().push(k);
        by_letter.entry((r.at, e.actor, msg)).or_default().push(k);
        row_of.insert(r.event, k);
    }
    // The next row not yet taken, per (time, receiver, letter).
    let mut untaken: HashMap<(Time, Actor, Option<MsgId>), usize> = HashMap::new();
    let mut leaving: BTreeMap<(Spot, Lane, bool), u32> = BTreeMap::new();
    let mut arrows = Vec::with_capacity(drawn.len());
    for d in drawn {
        let e = &events[d.event];
        let o = d.out;
        let msg = e.msg.as_ref().map(|m| m.id);
        let phone = (Lane::Phone(o.user), Actor::Phone(o.user));
        let (from, (to, receiver)) = match o.dir {
            // A notification goes by the push service, where it has a lane: from
            // the post office to it (`notify`), from it to the phone (`push`).
            Dir::ToPhone if push && kinds::notice(o.frame) => match e.actor {
                Actor::PushService => (Lane::PushService, phone),
                _ => (Lane::PostOffice, (Lane::PushService, Actor::PushService)),
            },
            Dir::ToServer => (phone.0, (Lane::PostOffice, Actor::PostOffice)),
            Dir::ToPhone => (Lane::PostOffice, phone),
        };
        // The sender's rows of this millisecond before it.
        let before = |list: Option<&Vec<usize>>| {
            list.and_then(|l| {
                let n = l.partition_point(|&k| rows[k].event < d.event);
                n.checked_sub(1).map(|n| l[n])
            })
        };
        let sent = before(by_letter.get(&(e.at, e.actor, msg)))
            .or_else(|| before(by_actor.get(&(e.at, e.actor))));
        let leaves = sent.map_or_else(|| at_time(moments, e.at), Spot::Row);
        let rightwards = slot_in(to, phones, push) > slot_in(from, phones, push);
        let n = leaving.entry((leaves, from, rightwards)).or_insert(0);
        let stack = *n;
        *n += 1;
        let reaches = match d.lost {
            Some(l) => row_of
                .get(&l)
                .map_or_else(|| at_time(moments, events[l].at), |&k| Spot::Row(k)),
            None => {
                let key = (o.arrives, receiver, msg);
                let next = untaken.entry(key).or_insert(0);
                match by_letter.get(&key).and_then(|l| l.get(*next)) {
                    Some(&k) => {
                        *next += 1;
                        Spot::Row(k)
                    }
                    None => at_time(moments, o.arrives),
                }
            }
        };
        arrows.push(Arrow {
            id: o.id,
            kind: o.frame,
            from,
            to,
            leaves,
            stack,
            reaches,
            lost: d.lost.is_some(),
            number: number(msg),
            recalled: false,
            sealed: None,
        });
    }
    step(rows.len() + drawn.len());
    arrows
}
