//! One beat as the window shows it, made when the beat comes on screen: the view
//! after it (the lesson's [`View`]), what moves during it (what the view says the
//! beat's event moved), and its words in both languages.
//!
//! Nothing here decides anything about letters: the simulation did, and the
//! [`View`] read it back, with where each envelope goes; this only says where each
//! of its places is drawn ([`spot`]).

use crate::lesson::Beat;
use crate::sim::view::{self, Connection, Move, Place, View, WireAt};
use crate::sim::{Actor, Dest, Event, Lang, What};
use crate::words::{self, Context, Register};

use crate::viz::lang::Tr;
use crate::viz::story::model::Spot;
use crate::viz::story::told::Told;

/// The beat on screen, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    /// What everyone can see after the beat (at the opening: before the first
    /// beat). A crowd's letters are its frames on the wires: none rests anywhere.
    pub picture: View,
    /// What travels during the beat.
    pub moving: Option<Move>,
    /// The modules that light up.
    pub lit: Vec<Spot>,
    /// "Step 5 of 9 — Verify", a side road's name, or a crowd's clock.
    pub heading: Tr,
    /// The heading and the caption in each register (story, both, engineer).
    pub registers: [(Tr, Tr); 3],
    /// 1–9 for the nine steps (the caption's colour).
    pub step: Option<u8>,
    /// The phones the beat is about (a crowd's tiles light up): where it happens,
    /// or, at the post office, the letter's sender and the one it is on its way to.
    pub about: Vec<usize>,
}

impl Shown {
    /// The heading and the caption in register `r`.
    pub fn words(&self, r: Register) -> (&Tr, &Tr) {
        let (h, s) = &self.registers[r.index()];
        (h, s)
    }
}

/// Where the picture draws `place`.
pub fn spot(place: Place) -> Spot {
    let wire = |at| match at {
        WireAt::Phone => 0.0,
        WireAt::Middle => 0.5,
        WireAt::Office => 1.0,
    };
    match place {
        Place::Screen(u) => Spot::Screen(u.index()),
        Place::Mailbox(u) => Spot::Mailbox(u.index()),
        Place::Postman(u) => Spot::Postman(u.index()),
        Place::Counter => Spot::Counter,
        Place::Register => Spot::Register,
        Place::Sorting => Spot::Sorting,
        Place::Shelf => Spot::Shelf,
        Place::Archive => Spot::Archive,
        Place::ParcelStore => Spot::Store,
        Place::Wire(u, at) => Spot::Wire(u.index(), wire(at)),
    }
}

/// The picture after `shown` beats of `told`, and that beat's motion and words.
pub fn present(told: &Told, shown: usize) -> Shown {
    let lesson = &told.lesson;
    let shown = shown.min(lesson.beats().len());
    let mut picture = lesson.view_after(shown);
    if told.crowd.is_some() {
        // A crowd's letters are its frames on the wires: none rests in the picture
        // (hundreds would pile up at the counter).
        picture.envelopes.clear();
    }
    let Some(beat) = shown.checked_sub(1).map(|i| &lesson.beats()[i]) else {
        return Shown {
            picture,
            ..Shown::default()
        };
    };
    let before = lesson.view_after(shown - 1);
    let trace = lesson.trace();
    let events = &trace[beat.events.clone()];
    let world = &lesson.scene().world;
    let e = &trace[beat.event()];
    // The words are made now, for this beat: the letter named when the story has
    // several, a thing explained the first time it comes after the opening.
    let settings = &lesson.scene().settings;
    let ctx = Context::told_from(world, settings, trace, lesson.trace_end(0));
    if lesson.is_recorded() {
        let (heading, tally) = crowd_words(told, shown, beat);
        let mut lit = Vec::new();
        for s in events.iter().filter_map(view::lit_by).map(spot) {
            if !lit.contains(&s) {
                lit.push(s);
            }
        }
        // A beat that ends on a step of the followed letter tells that step, as a
        // lesson does; the others tell what the crowd did meanwhile.
        let followed = e.step().is_some() && e.msg.as_ref().map(|m| m.id) == lesson.followed();
        let registers = Register::ALL.map(|r| {
            let sentence = if followed {
                Tr::both(|l| words::caption(&ctx, beat.event(), l, r))
            } else {
                tally.clone()
            };
            (heading.clone(), sentence)
        });
        return Shown {
            picture,
            lit,
            heading,
            registers,
            step: followed.then(|| e.step().map(|s| s.number())).flatten(),
            about: if followed { about(e) } else { Vec::new() },
            ..Shown::default()
        };
    }
    // The narrated event moves things from where they rested after the beat before.
    let moved = before.clone().apply(e);
    let i = beat.event();
    let heading = Tr::both(|l| words::stage_label(e, l));
    let notes = picture_notes(told, &ctx, shown, &before, &picture);
    let registers = Register::ALL.map(|r| {
        let sentence = Tr::both(|l| words::caption(&ctx, i, l, r) + &notes(l, r));
        (heading.clone(), sentence)
    });
    Shown {
        picture,
        moving: moved.moving,
        lit: moved.lit().map(spot).collect(),
        heading,
        registers,
        step: e.step().map(|s| s.number()),
        about: about(e),
    }
}

/// The longest caption (in characters, English) a note about the rings may join:
/// two lines of the caption bar with it.
const ROOM_FOR_RING_NOTE: usize = 120;

/// What the picture of beat `shown` shows that the caption does not say, in words
/// to add to it: the rings and hearts on the lines (once, at the first beat with
/// rings whose caption leaves room), and a phone whose line is down while the
/// counter still counts it online (the beat it starts).
fn picture_notes(
    told: &Told,
    ctx: &Context,
    shown: usize,
    before: &View,
    after: &View,
) -> impl Fn(Lang, Register) -> String + use<> {
    let lesson = &told.lesson;
    let room = |k: usize| {
        let i = lesson.beats()[k - 1].event();
        words::caption(ctx, i, Lang::En, Register::Both)
            .chars()
            .count()
            <= ROOM_FOR_RING_NOTE
    };
    let ringed = |k: usize| lesson.view_after(k).office.online > 0 && room(k);
    let first_ring = after.office.online > 0 && room(shown) && (1..shown).all(|k| !ringed(k));
    let down = |v: &View, u: usize| {
        v.phones.get(u).is_some_and(|p| {
            p.at_counter && matches!(p.connection, Connection::Connecting | Connection::NoSignal)
        })
    };
    let counted = |v: &View, u: usize| v.phones.get(u).is_some_and(|p| p.at_counter);
    let name = |u: usize| told.devices[u].label.clone();
    // The counter had the phone before its line went down: it has not noticed.
    let stale: Vec<Tr> = (0..told.phones())
        .filter(|&u| down(after, u) && !down(before, u) && counted(before, u))
        .map(name)
        .collect();
    // The counter has just written the phone down: its answer is on the way.
    let answering: Vec<Tr> = (0..told.phones())
        .filter(|&u| down(after, u) && !counted(before, u))
        .map(name)
        .collect();
    move |lang, reg| {
        let mut out = String::new();
        if first_ring {
            out.push_str(words::window::ring_note(lang, reg));
        }
        let stale: Vec<String> = stale.iter().map(|n| n.get(lang).to_string()).collect();
        out.push_str(&words::window::still_counted(&stale, lang));
        for name in &answering {
            out.push_str(&words::window::login_answer_on_its_way(
                name.get(lang),
                lang,
            ));
        }
        out
    }
}

/// The phones event `e` is about: where it happens; at the post office, the
/// letter's sender and the one person it is on its way to (not a whole group).
fn about(e: &Event) -> Vec<usize> {
    let mut out = Vec::new();
    match (&e.what, e.actor) {
        (_, Actor::Phone(u)) => out.push(u.index()),
        (
            What::FrameLost { user, .. }
            | What::LoggedIn { user, .. }
            | What::MarkedOffline { user, .. }
            | What::LinkDown { user }
            | What::LinkUp { user },
            _,
        ) => out.push(user.index()),
        (what, _) => {
            if let Some(m) = &e.msg {
                out.push(m.from().index());
                // (issue 27: the writer's main phone; a crowd, which this
                // lights, has no other devices)
                let to = match what {
                    What::Forward { to } | What::Shelve { to, .. } | What::Unshelve { to } => {
                        Some(to.index())
                    }
                    What::Acknowledged { device, .. } => Some(device.index()),
                    What::OffTheShelf { by, .. } => Some(by.index()),
                    What::NewsKept { by, .. } | What::NewsHandedOver { by, .. } => Some(by.index()),
                    _ => match m.to {
                        Dest::User(u) => Some(u.index()),
                        Dest::Group(_) => None,
                    },
                };
                out.extend(to.filter(|u| !out.contains(u)));
            }
        }
    }
    out
}

/// A recorded crowd scene's beat: its clock, what happened in it, and how far
/// everyone and the followed letter have got ([`words::crowd_beat`]).
fn crowd_words(told: &Told, shown: usize, beat: &Beat) -> (Tr, Tr) {
    let lesson = &told.lesson;
    let since_ms = shown
        .checked_sub(2)
        .map_or(lesson.time_of(0), |i| lesson.beats()[i].at_ms);
    let wires = told
        .crowd
        .as_ref()
        .map_or(0, |c| c.in_flight(beat.at_ms as f64).count());
    let crowd = words::CrowdBeat {
        world: &lesson.scene().world,
        trace: lesson.trace(),
        events: beat.events.clone(),
        since_ms,
        at_ms: beat.at_ms,
        wires,
        followed: lesson.followed(),
    };
    let [en, zh] = [Lang::En, Lang::Zh].map(|l| words::crowd_beat(&crowd, l));
    (Tr::new(en.0, zh.0), Tr::new(en.1, zh.1))
}
