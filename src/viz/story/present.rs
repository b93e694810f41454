//! One beat as the window shows it, made when the beat comes on screen: the picture
//! after it (from the lesson's [`View`]), what moves during it (from its trace
//! events and where each envelope rested before), and its words in both languages.
//!
//! Nothing here decides anything about letters: the simulation did, and the
//! [`View`] read it back; this only says where things are drawn.

use crate::lesson::Beat;
use crate::sim::view::{Connection, LetterCopy, Place, View};
use crate::sim::{Actor, Dest, Event, FrameKind, Lang, MsgId, Status, UserIdx, What};
use crate::words::{self, Context, Register};

use crate::viz::lang::Tr;
use crate::viz::story::model::*;
use crate::viz::story::told::Told;

/// The beat on screen, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    /// The picture after the beat (at the opening: before the first beat).
    pub picture: Picture,
    /// What moves during the beat.
    pub moves: Vec<Move>,
    /// The modules that light up.
    pub lit: Vec<Spot>,
    /// "Step 5 of 9 — Verify", a side road's name, or a crowd's clock.
    pub heading: Tr,
    /// The caption, in the default register (`both`).
    pub sentence: Tr,
    /// The heading and the caption in each register (story, both, engineer).
    pub registers: [(Tr, Tr); 3],
    /// 1–9 for the nine steps (the caption's colour).
    pub step: Option<u8>,
    /// The phones the beat is about (a crowd's tiles light up): where it happens,
    /// or, at the post office, the letter's sender and the one it is on its way to.
    pub about: Vec<usize>,
}

/// A letter's words, in both languages.
fn words_of(t: &crate::sim::Text) -> Tr {
    Tr::new(&*t.en, &*t.zh)
}

fn both(f: impl Fn(Lang) -> String) -> Tr {
    Tr::new(f(Lang::En), f(Lang::Zh))
}

impl Shown {
    /// The heading and the caption in register `r`.
    pub fn words(&self, r: Register) -> (&Tr, &Tr) {
        let (h, s) = &self.registers[r.index()];
        (h, s)
    }
}

/// The picture after `shown` beats of `told`, and that beat's motion and words.
pub fn present(told: &Told, shown: usize) -> Shown {
    let lesson = &told.lesson;
    let shown = shown.min(lesson.beats().len());
    let after = lesson.view_after(shown);
    let mut picture = picture_of(&after, told.people.len());
    if told.crowd.is_some() {
        // A crowd's letters are its frames on the wires: none rests in the picture
        // (hundreds would pile up at the counter).
        picture.letters.clear();
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
        for e in events {
            lit_by(e, &mut lit);
        }
        // A beat that ends on a step of the followed letter tells that step, as a
        // lesson does; the others tell what the crowd did meanwhile.
        let followed = e.step().is_some() && e.msg.as_ref().map(|m| m.id) == lesson.followed();
        let registers = Register::ALL.map(|r| {
            let sentence = if followed {
                both(|l| words::caption(&ctx, beat.event(), l, r))
            } else {
                tally.clone()
            };
            (heading.clone(), sentence)
        });
        return Shown {
            picture,
            lit,
            sentence: registers[Register::Both.index()].1.clone(),
            heading,
            registers,
            step: followed.then(|| e.step().map(|s| s.number())).flatten(),
            about: if followed { about(e) } else { Vec::new() },
            ..Shown::default()
        };
    }
    let mut motion = Motion {
        before: &before,
        phones: told.people.len(),
        moves: Vec::new(),
        lit: Vec::new(),
    };
    motion.event(e);
    let i = beat.event();
    let heading = both(|l| words::stage_label(e, l));
    let notes = picture_notes(told, &ctx, shown, &before, &after);
    let registers = Register::ALL.map(|r| {
        let sentence = both(|l| words::caption(&ctx, i, l, r) + &notes(l, r));
        (heading.clone(), sentence)
    });
    Shown {
        picture,
        moves: motion.moves,
        lit: motion.lit,
        sentence: registers[Register::Both.index()].1.clone(),
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
    let name = |u: usize| told.people[u].name.clone();
    // The counter had the phone before its line went down: it has not noticed.
    let stale: Vec<Tr> = (0..told.people.len())
        .filter(|&u| down(after, u) && !down(before, u) && counted(before, u))
        .map(name)
        .collect();
    // The counter has just written the phone down: its answer is on the way.
    let answering: Vec<Tr> = (0..told.people.len())
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
                let to = match what {
                    What::Forward { to } | What::Shelve { to, .. } | What::Unshelve { to } => {
                        Some(*to)
                    }
                    What::Acknowledged { by, .. }
                    | What::OffTheShelf { by, .. }
                    | What::NewsKept { by, .. }
                    | What::NewsHandedOver { by, .. } => Some(*by),
                    _ => match m.to {
                        Dest::User(u) => Some(u),
                        Dest::Group(_) => None,
                    },
                };
                out.extend(to.map(|u| u.index()).filter(|u| !out.contains(u)));
            }
        }
    }
    out
}

fn phone_of(actor: Actor) -> Option<usize> {
    match actor {
        Actor::Phone(u) => Some(u.index()),
        _ => None,
    }
}

/// Where an envelope resting at `place` is drawn.
fn spot(place: Place) -> Spot {
    match place {
        Place::Screen(u) => Spot::Screen(u.index()),
        Place::Mailbox(u) => Spot::Mailbox(u.index()),
        Place::Postman(u) => Spot::Postman(u.index()),
        Place::Counter => Spot::Counter,
        Place::Register => Spot::Register,
        Place::Sorting => Spot::Sorting,
        Place::Shelf => Spot::Shelf,
    }
}

/// The window's picture of a view, for `drawn` phones.
pub fn picture_of(view: &View, drawn: usize) -> Picture {
    let text = |id: &MsgId| {
        view.letters
            .get(id)
            .map_or_else(Tr::default, |l| words_of(&l.text))
    };
    let phones = view
        .phones
        .iter()
        .take(drawn)
        .enumerate()
        .map(|(u, p)| PhoneState {
            bubbles: p
                .chat
                .iter()
                .map(|b| {
                    let from = b.id.from.index();
                    Bubble {
                        id: b.id,
                        text: text(&b.id),
                        from,
                        mine: from == u,
                        status: bubble_status(b.status),
                    }
                })
                .collect(),
            stored: p.stored,
            link: match p.connection {
                Connection::Closed => Link::Offline,
                Connection::Connecting => Link::Connecting,
                Connection::Open => Link::Online,
                Connection::NoSignal => Link::NoSignal,
            },
            greyed: p.marked_offline,
            armed: view
                .armed
                .iter()
                .filter(|(who, _, _)| who.index() == u)
                .map(|&(_, dir, class)| (dir, class))
                .collect(),
        })
        .collect();
    Picture {
        phones,
        office: OfficeState {
            open: view.office.open,
            online: view.office.online,
            archived: view.office.archived,
            shelved: view.office.shelved,
        },
        letters: view
            .envelopes
            .iter()
            .map(|(copy, place)| (*copy, text(&copy.id), spot(*place)))
            .collect(),
    }
}

fn bubble_status(s: Status) -> BubbleStatus {
    match s {
        Status::Sending | Status::Waiting => BubbleStatus::Sending,
        Status::Posted => BubbleStatus::Received,
        Status::Delivered { count, of } if count >= of => BubbleStatus::Delivered,
        Status::Delivered { count, of } => BubbleStatus::Partly { count, of },
        Status::Returned(r) => BubbleStatus::Returned(both(|l| words::stamp(r, l).to_string())),
        Status::Lost => BubbleStatus::Lost,
        Status::Received => BubbleStatus::Incoming,
    }
}

/// The motion of one narrated event, from where the envelopes rested before it.
struct Motion<'a> {
    before: &'a View,
    /// Phones drawn (a crowd scene draws none whole).
    phones: usize,
    moves: Vec<Move>,
    lit: Vec<Spot>,
}

impl Motion<'_> {
    fn drawn(&self, u: UserIdx) -> Option<usize> {
        (u.index() < self.phones).then_some(u.index())
    }

    /// Where envelope `copy` rested before, if anywhere.
    fn was(&self, copy: LetterCopy) -> Option<Spot> {
        self.before.envelopes.get(&copy).map(|p| spot(*p))
    }

    fn push(
        &mut self,
        letter: LetterCopy,
        text: &Tr,
        token: Token,
        from: Spot,
        to: Spot,
        fate: Fate,
    ) {
        self.moves.push(Move {
            letter,
            text: text.clone(),
            token,
            from,
            to,
            fate,
        });
    }

    /// Envelope `copy` goes to `to` (from where it rested, or `from`), and `to` lights.
    fn carry(&mut self, copy: LetterCopy, text: &Tr, from: Spot, to: Spot) {
        let from = self.was(copy).unwrap_or(from);
        self.push(copy, text, Token::Letter, from, to, Fate::Arrives);
        self.lit.push(to);
    }

    fn event(&mut self, e: &Event) {
        let me = phone_of(e.actor).filter(|&u| u < self.phones);
        let Some(m) = e.msg.as_ref() else {
            lit_by(e, &mut self.lit);
            if let (What::FrameLost { .. }, _) = (&e.what, me) {
                self.lost_frame(e, None, &Tr::default());
            }
            return;
        };
        let text = words_of(&m.text);
        let own = LetterCopy { id: m.id, to: None };
        let copy_for = |u: UserIdx| LetterCopy {
            id: m.id,
            to: Some(u),
        };
        let sender = self.drawn(m.from());
        match &e.what {
            What::Edit { .. } => {
                if let Some(u) = me {
                    self.carry(own, &text, Spot::Screen(u), Spot::Screen(u));
                }
            }
            What::Store => {
                if let Some(u) = me {
                    self.carry(own, &text, Spot::Screen(u), Spot::Mailbox(u));
                }
            }
            What::Send | What::WaitForConnection => {
                if let Some(u) = me {
                    self.carry(own, &text, Spot::Mailbox(u), Spot::Postman(u));
                }
            }
            What::Receive => {
                let from = sender.map_or(Spot::Counter, Spot::Postman);
                self.carry(own, &text, from, Spot::Counter);
            }
            What::Verify { .. } => {
                self.carry(own, &text, Spot::Counter, Spot::Register);
                self.lit.push(Spot::Archive);
            }
            What::Forward { to } => {
                let from = self.was(own).unwrap_or(Spot::Register);
                self.push(
                    copy_for(*to),
                    &text,
                    Token::Letter,
                    from,
                    Spot::Sorting,
                    Fate::Arrives,
                );
                self.lit.push(Spot::Sorting);
            }
            What::Arrive | What::File | What::Display { .. } => {
                if let Some(u) = me {
                    let to = match e.what {
                        What::Arrive => Spot::Postman(u),
                        What::File => Spot::Mailbox(u),
                        _ => Spot::Screen(u),
                    };
                    self.carry(copy_for(UserIdx(u as u32)), &text, Spot::Sorting, to);
                }
            }
            What::Return { reason } => {
                let why = both(|l| words::stamp(*reason, l).to_string());
                self.push(
                    own,
                    &text,
                    Token::Returned(why),
                    Spot::Register,
                    Spot::Counter,
                    Fate::Arrives,
                );
                self.lit.extend([Spot::Register, Spot::Counter]);
            }
            What::Returned { reason } => {
                if let Some(u) = me {
                    let why = both(|l| words::stamp(*reason, l).to_string());
                    let from = self.was(own).unwrap_or(Spot::Counter);
                    self.push(
                        own,
                        &text,
                        Token::Returned(why),
                        from,
                        Spot::Screen(u),
                        Fate::Arrives,
                    );
                    self.lit.push(Spot::Screen(u));
                }
            }
            What::Shelve { to, .. } => {
                let copy = copy_for(*to);
                let from = self.was(copy).or(self.was(own)).unwrap_or(Spot::Sorting);
                self.push(copy, &text, Token::Letter, from, Spot::Shelf, Fate::Arrives);
                self.lit.push(Spot::Shelf);
            }
            What::Unshelve { to } => {
                self.carry(copy_for(*to), &text, Spot::Shelf, Spot::Sorting);
                self.lit.push(Spot::Shelf);
            }
            What::OffTheShelf { .. } => self.lit.extend([Spot::Shelf, Spot::Counter]),
            What::Receipt => {
                if let Some(u) = me {
                    self.push(
                        own,
                        &text,
                        Token::Receipt,
                        Spot::Counter,
                        Spot::Screen(u),
                        Fate::Arrives,
                    );
                    self.lit.push(Spot::Screen(u));
                }
            }
            What::Acknowledged { by, .. } => {
                let from = self.drawn(*by).map_or(Spot::Counter, Spot::Postman);
                self.push(
                    own,
                    &text,
                    Token::Delivered,
                    from,
                    Spot::Counter,
                    Fate::Arrives,
                );
                self.lit.push(Spot::Counter);
            }
            What::Delivered { count, of } => {
                if let Some(u) = me {
                    // The card says what the bubble will: ✓✓ only when all have it.
                    let token = if count >= of {
                        Token::Delivered
                    } else {
                        Token::Partly {
                            count: *count,
                            of: *of,
                        }
                    };
                    self.push(
                        own,
                        &text,
                        token,
                        Spot::Counter,
                        Spot::Screen(u),
                        Fate::Arrives,
                    );
                    self.lit.push(Spot::Screen(u));
                }
            }
            What::Retry { frame, to, .. } => match (frame, to, me) {
                // The same letter goes out again: on its way, not resting anywhere.
                (FrameKind::MsgR, _, Some(u)) => {
                    self.push(
                        own,
                        &text,
                        Token::Letter,
                        Spot::Postman(u),
                        Spot::Wire(u, 0.5),
                        Fate::Arrives,
                    );
                    self.lit.push(Spot::Postman(u));
                }
                (FrameKind::MsgN, Some(t), _) if self.drawn(*t).is_some() => {
                    self.push(
                        copy_for(*t),
                        &text,
                        Token::Letter,
                        Spot::Sorting,
                        Spot::Wire(t.index(), 0.5),
                        Fate::Arrives,
                    );
                    self.lit.push(Spot::Sorting);
                }
                (_, _, Some(u)) => self.lit.push(Spot::Postman(u)),
                _ => self.lit.push(Spot::Counter),
            },
            What::Duplicate => match me {
                Some(u) => {
                    self.push(
                        copy_for(UserIdx(u as u32)),
                        &text,
                        Token::Letter,
                        Spot::Wire(u, 1.0),
                        Spot::Postman(u),
                        Fate::Discarded,
                    );
                    self.lit.push(Spot::Postman(u));
                }
                None => {
                    let s = sender.unwrap_or(0);
                    self.push(
                        own,
                        &text,
                        Token::Letter,
                        Spot::Wire(s, 0.0),
                        Spot::Counter,
                        Fate::Discarded,
                    );
                    self.lit.push(Spot::Counter);
                }
            },
            What::NewsKept { .. } | What::NewsHandedOver { .. } => self.lit.push(Spot::Counter),
            What::Lost { .. } => {
                if let Some(u) = me {
                    self.lit.push(Spot::Screen(u));
                }
            }
            What::FrameLost { .. } => self.lost_frame(e, Some(own), &text),
            _ => lit_by(e, &mut self.lit),
        }
    }

    /// A frame about a letter that vanishes on its wire.
    fn lost_frame(&mut self, e: &Event, letter: Option<LetterCopy>, text: &Tr) {
        let What::FrameLost {
            user, dir, frame, ..
        } = &e.what
        else {
            return;
        };
        let (Some(u), Some(letter)) = (self.drawn(*user), letter) else {
            return;
        };
        if !frame.is_mail() {
            return;
        }
        let (from, to) = match dir {
            crate::sim::Dir::ToServer => (Spot::Wire(u, 0.0), Spot::Wire(u, 1.0)),
            crate::sim::Dir::ToPhone => (Spot::Wire(u, 1.0), Spot::Wire(u, 0.0)),
        };
        let token = match frame {
            FrameKind::MsgA => Token::Receipt,
            FrameKind::AckR | FrameKind::AckA | FrameKind::AckN | FrameKind::AckC => {
                Token::Delivered
            }
            _ => Token::Letter,
        };
        self.push(letter, text, token, from, to, Fate::Vanishes);
    }
}

/// The modules an event about the connections or the register lights.
fn lit_by(e: &Event, lit: &mut Vec<Spot>) {
    let me = phone_of(e.actor);
    let spot = match &e.what {
        What::LoggedIn { .. } | What::MarkedOffline { .. } => Some(Spot::Counter),
        What::Connected | What::LoggedOut | What::ConnectionLost { .. } => me.map(Spot::Postman),
        What::LinkDown { user } | What::LinkUp { user } => Some(Spot::Postman(user.index())),
        What::Register { .. } | What::Return { .. } => Some(Spot::Register),
        What::Verify { .. } => Some(Spot::Register),
        What::Receive => Some(Spot::Counter),
        What::Forward { .. } | What::Unshelve { .. } => Some(Spot::Sorting),
        What::Shelve { .. } => Some(Spot::Shelf),
        _ => None,
    };
    if let Some(spot) = spot
        && !lit.contains(&spot)
    {
        lit.push(spot);
    }
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
