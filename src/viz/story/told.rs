//! A scene as the window tells it: the [`Lesson`] (the story, beat by beat, with
//! the actions the class adds), the people as drawn, and — for a scene drawn as a
//! crowd of tiles — every frame on the wires. The only part of the visualizer that
//! loads scenes.
//!
//! Scenes of up to [`MAX_LIVE`] people are live lessons: the class can add letters
//! and faults. Larger ones (rush hour) are recorded stories, cut into about
//! [`CROWD_BEATS`] stretches of time.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::lesson::{Lesson, Refused};
use crate::scenario::{self, ScenarioError};
use crate::sim::{self, Action, Dir, Event, FrameId, FrameKind, MsgId, Person, Time, What};

use crate::viz::lang::Tr;
use crate::viz::story::model::{Cargo, Crowd, Flight};

/// The most phones drawn whole (three a side); a scene of more is drawn as tiles.
pub const MAX_PHONES: usize = 6;
/// The most people in a scene the class can change while it plays (a class).
pub const MAX_LIVE: usize = 40;
/// About how many beats a recorded crowd scene is cut into.
pub const CROWD_BEATS: usize = 60;
/// How many beats are told ahead of the one on screen, in a story too long to tell
/// whole.
pub const LOOKAHEAD: usize = 200;
/// A live story estimated at no more events than this is told to its end at once
/// (and again after each of the class's actions: a few milliseconds), so that the
/// picture counter says how many pictures there are; a longer one is told as the
/// show moves on.
pub const WHOLE_STORY_EVENTS: u64 = 50_000;

/// A scene being told in the window.
pub struct Told {
    /// Told to its end whenever it changes (see [`WHOLE_STORY_EVENTS`]).
    whole: bool,
    pub lesson: Lesson,
    /// The people, by [`crate::sim::UserIdx`].
    pub people: Vec<Person>,
    /// The devices drawn, by [`crate::sim::DeviceIdx`] (issue 27): every
    /// person's main phone first (device `i` is person `i`'s), then the other
    /// devices. A scene without other devices: one per person.
    pub devices: Vec<DeviceShown>,
    pub title: Tr,
    pub about: Option<Tr>,
    /// The title and about card in the story register, where the scene gives them
    /// a story form (see [`Told::title_in`]).
    story_title: Option<Tr>,
    story_about: Option<Tr>,
    /// For a scene drawn as tiles (more phones than fit as whole phones): its frames
    /// on the wires, drawn by the clock.
    pub crowd: Option<Crowd>,
    /// Every heartbeat (and its answer) on a wire, drawn by the clock.
    pub heartbeats: Crowd,
    /// Every presence frame (`presence?`, `presence`, `typing`) on a wire, drawn
    /// by the clock as a dot (see [`crate::viz::kinds::dot_on_wire`]).
    pub presence: Crowd,
    /// Every notification (issue 24) on its way: `notify` from the post office to
    /// the push service, `push` from there to a phone (see
    /// [`crate::viz::kinds::on_push_path`]).
    pub notices: Crowd,
    /// For each phone: when the post office heard from it (a login or a heartbeat
    /// arriving: the silence that would mark it offline starts again), and when it
    /// marked it offline. In time order.
    pub heard: Vec<Vec<(Time, Heard)>>,
}

/// One device as the picture draws it, as the opening's view says (issue 27).
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceShown {
    /// Its owner, by [`crate::sim::UserIdx`]: her avatar is on it.
    pub owner: usize,
    pub kind: crate::sim::DeviceKind,
    /// Its owner's main phone.
    pub main: bool,
    /// Its name on the picture (the view's label: the owner's name for the
    /// only phone of a person, "Han Meimei's computer" for another device).
    pub label: Tr,
}

/// What the post office's counter notes about a phone's silence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heard {
    /// A login or a heartbeat arrived: the silence starts again.
    Heard,
    /// Marked offline (silent for too long, logged out, closing time).
    Offline,
}

/// Loads `path` and starts telling it, or says what is wrong with the file (with its
/// place in the file).
pub fn tell(path: &Path) -> Result<Told, ScenarioError> {
    // A name that is not a file (`hello`, or `scenes/hello.ron` away from the
    // repository) opens the built-in scene of that name.
    let scene = scenario::open(path)?;
    // A scene whose run would never end in class is refused here as by `run`.
    scene.check_size(None)?;
    Ok(Told::new(scene))
}

/// A scene's title, for the scenes menu (`None` when it is not a valid scene).
pub fn title(path: &Path) -> Option<Tr> {
    scenario::open(path).ok().map(|s| s.title.text)
}

impl Told {
    pub fn new(scene: scenario::Scenario) -> Told {
        let live = scene.world.phones() <= MAX_LIVE;
        let scene = Arc::new(scene);
        let lesson = if live {
            Lesson::new(scene)
        } else {
            Lesson::recorded(scene, CROWD_BEATS)
        };
        Told::around(lesson)
    }

    /// The window's telling of `lesson` (a live one told on from where it stands,
    /// a recorded one as it is).
    fn around(mut lesson: Lesson) -> Told {
        let scene = lesson.scene().clone();
        let people = scene.world.people[..scene.world.phones()].to_vec();
        let devices = devices_of(&scene.world, &people);
        let title = scene.title.text.clone();
        let about = scene.about.as_ref().map(|a| a.text.clone());
        let story_title = scene.title.story.clone();
        let story_about = scene.about.as_ref().and_then(|a| a.story.clone());
        let crowd_scene = devices.len() > MAX_PHONES;
        let whole = !lesson.is_recorded()
            && crate::scenario::size::estimate(&scene, None).events <= WHOLE_STORY_EVENTS;
        if !lesson.is_recorded() {
            lesson.extend(LOOKAHEAD);
        }
        let mut told = Told {
            whole,
            lesson,
            people,
            devices,
            title,
            about,
            story_title,
            story_about,
            crowd: crowd_scene.then(Crowd::default),
            heartbeats: Crowd::default(),
            presence: Crowd::default(),
            notices: Crowd::default(),
            heard: Vec::new(),
        };
        told.tell_ahead(0);
        told
    }

    /// Tells the story ahead of beat `shown`: to its end when it is short enough,
    /// [`LOOKAHEAD`] beats otherwise; the frames on the wires again.
    fn tell_ahead(&mut self, shown: usize) {
        if !self.live() {
            // A recorded crowd: told whole when it was made.
        } else if self.whole {
            self.lesson.finish();
        } else {
            self.lesson.extend(shown + LOOKAHEAD);
        }
        self.refresh_crowd();
    }

    /// The scene's title in register `reg`: its story form in the story register,
    /// where it has one.
    pub fn title_in(&self, reg: crate::viz::lang::Register) -> &Tr {
        match (&self.story_title, reg) {
            (Some(t), crate::viz::lang::Register::Story) => t,
            _ => &self.title,
        }
    }

    /// The scene's about card in register `reg`, as [`Told::title_in`].
    pub fn about_in(&self, reg: crate::viz::lang::Register) -> Option<&Tr> {
        match (&self.story_about, reg) {
            (Some(t), crate::viz::lang::Register::Story) => Some(t),
            _ => self.about.as_ref(),
        }
    }

    /// Whether the class can add actions (a live lesson, not a recorded story).
    pub fn live(&self) -> bool {
        !self.lesson.is_recorded()
    }

    /// Tells the story at least to `beats` beats (more ahead, so that stepping on
    /// never waits).
    pub fn reach(&mut self, beats: usize) {
        if self.lesson.is_done() || self.lesson.beats().len() >= beats {
            return;
        }
        let before = self.lesson.trace().len();
        self.lesson.extend(beats + LOOKAHEAD);
        if self.lesson.trace().len() != before {
            self.refresh_crowd();
        }
    }

    /// Adds `action` after `shown` beats: the story from there is told again.
    pub fn inject(&mut self, shown: usize, action: Action) -> Result<Time, Refused> {
        let at = self.lesson.inject(shown, action)?;
        self.tell_ahead(shown);
        Ok(at)
    }

    /// Takes back the last live action (see [`Lesson::undo`]).
    pub fn undo(&mut self, shown: usize) -> Option<crate::lesson::LiveAction> {
        let undone = self.lesson.undo(shown)?;
        self.tell_ahead(shown);
        Some(undone)
    }

    /// Tells the story again with these live actions (an unsaved lesson restored).
    pub fn restore(&mut self, live: Vec<crate::lesson::LiveAction>) -> Result<(), Refused> {
        self.lesson.set_live(live)?;
        self.tell_ahead(0);
        Ok(())
    }

    /// The same lesson with the scene's conversations ordered by `order`, told
    /// again from its start (see [`Lesson::with_order`]).
    pub fn with_order(&self, order: crate::sim::Order) -> Result<Told, Refused> {
        self.with_settings(|s| s.order = order)
    }

    /// The same lesson with the scene's settings changed by `change` (the panel's
    /// switches), told again from its start (see [`Lesson::with_settings`]).
    pub fn with_settings(
        &self,
        change: impl FnOnce(&mut crate::sim::Settings),
    ) -> Result<Told, Refused> {
        Ok(Told::around(self.lesson.with_settings(change)?))
    }

    /// Ctrl+Z: takes back the class's last change, a live action or a switch of
    /// the scene's settings (see [`Lesson::take_back`]); after a switch the story
    /// is told again from its start.
    pub fn take_back(&mut self, shown: usize) -> Option<crate::lesson::TakenBack> {
        let back = self.lesson.take_back(shown)?;
        match &back {
            crate::lesson::TakenBack::Action(_) => self.tell_ahead(shown),
            crate::lesson::TakenBack::Switch { .. } => {
                self.whole = crate::scenario::size::estimate(self.lesson.scene(), None).events
                    <= WHOLE_STORY_EVENTS;
                self.lesson.extend(LOOKAHEAD);
                self.tell_ahead(0);
            }
        }
        Some(back)
    }

    /// The lesson an earlier window kept safe: the scene told with the settings it
    /// switched, and its actions (see [`crate::lesson::autosave::load_kept`]).
    pub fn restore_kept(&self, kept: crate::lesson::autosave::Kept) -> Result<Told, Refused> {
        // The actions first, then the switch: Ctrl+Z takes the switch back first.
        let mut lesson = self.lesson.with_settings(|_| {})?;
        lesson.set_live(kept.live)?;
        if let Some(s) = kept.settings {
            lesson = lesson.with_settings(|now| *now = *s)?;
        }
        Ok(Told::around(lesson))
    }

    /// Whether the story draws the phone system's push service: its settings have
    /// notifications on (`stage/push.rs`).
    pub fn has_push(&self) -> bool {
        self.lesson.scene().settings.notifications != sim::Notifications::Off
    }

    /// Whether the story's letters travel sealed (issue 28, `sealed: true`):
    /// the post office's card, the devices' keys, sealed envelopes.
    pub fn sealed(&self) -> bool {
        self.lesson.sealed()
    }

    /// Whether the story draws the parcel store and the phones' parcel wires
    /// (issue 26): a letter of its script, or one the class sent, carries a
    /// photo or a voice message.
    pub fn has_parcels(&self) -> bool {
        let parcel = |a: &sim::Action| {
            matches!(
                a,
                sim::Action::Send {
                    parcel: Some(_),
                    ..
                }
            )
        };
        self.lesson.scene().script.iter().any(|(_, a)| parcel(a))
            || self.lesson.live().iter().any(|(_, a)| parcel(a))
    }

    /// When the post office last heard from phone `u` at `t_ms` (and whether it has
    /// marked it offline since): `None` before its first login.
    pub fn last_heard(&self, u: usize, t_ms: f64) -> Option<(Time, Heard)> {
        let notes = self.heard.get(u)?;
        let i = notes.partition_point(|(at, _)| (*at as f64) <= t_ms);
        i.checked_sub(1).map(|i| notes[i])
    }

    /// The frames on the wires, again from the whole trace (after it changed).
    fn refresh_crowd(&mut self) {
        let trace = self.lesson.trace();
        let all = flights(trace, None);
        self.heartbeats = Crowd::new(
            all.into_iter()
                .filter(|f| f.cargo == Cargo::Heartbeat)
                .collect(),
            Vec::new(),
        );
        self.presence = Crowd::new(
            flights_where(trace, None, crate::viz::kinds::dot_on_wire),
            Vec::new(),
        );
        self.notices = Crowd::new(
            flights_where(trace, None, crate::viz::kinds::on_push_path),
            Vec::new(),
        );
        // The counter's notes: a login or heartbeat that arrived, a marking offline.
        let mut heard = vec![Vec::new(); self.devices.len()];
        let mut lost = std::collections::HashSet::new();
        for e in trace {
            if let What::FrameLost { id, .. } = e.what {
                lost.insert(id);
            }
        }
        for e in trace {
            match e.what {
                What::FrameOut {
                    id,
                    user,
                    dir: Dir::ToServer,
                    frame: FrameKind::Heartbeat | FrameKind::Login,
                    arrives,
                } if !lost.contains(&id) => {
                    if let Some(h) = heard.get_mut(user.index()) {
                        h.push((arrives, Heard::Heard));
                    }
                }
                What::MarkedOffline { user, .. } => {
                    if let Some(h) = heard.get_mut(user.index()) {
                        h.push((e.at, Heard::Offline));
                    }
                }
                _ => {}
            }
        }
        for h in &mut heard {
            h.sort_by_key(|(at, _)| *at);
        }
        self.heard = heard;
        let Some(crowd) = self.crowd.as_mut() else {
            return;
        };
        let followed = self.lesson.followed();
        let followed_phones = followed
            .and_then(|id| {
                trace
                    .iter()
                    .find_map(|e| e.msg.as_ref().filter(|m| m.id == id))
            })
            .map_or(Vec::new(), |m| {
                let world = &self.lesson.scene().world;
                let mut phones = vec![m.from().index()];
                match m.to {
                    sim::Dest::User(u) => phones.push(u.index()),
                    // Everyone who was a member at some time in the story (a
                    // member who joins later is followed too: the crowd shows
                    // whether the letter reaches them).
                    sim::Dest::Group(g) => {
                        let ever = sim::membership::Members::ever(world, g, trace);
                        phones.extend(ever.iter().map(|u| u.index()));
                    }
                }
                phones.sort_unstable();
                phones.dedup();
                phones
            });
        let mut fresh = Crowd::new(flights(trace, followed), followed_phones);
        fresh.start_ms = self.lesson.time_of(0);
        *crowd = fresh;
    }
}

/// The devices of `world` as the opening's view has them (a person's name for
/// the label where the view has none).
fn devices_of(world: &sim::World, people: &[Person]) -> Vec<DeviceShown> {
    let view = crate::sim::view::View::of(world);
    view.phones
        .iter()
        .map(|p| {
            let owner = p.owner.index();
            let label = match p.label.en.is_empty() {
                true => people
                    .get(owner)
                    .map(|q| q.name.clone())
                    .unwrap_or_default(),
                false => p.label.clone(),
            };
            DeviceShown {
                owner,
                kind: p.kind,
                main: p.main,
                label,
            }
        })
        .collect()
}

impl Told {
    /// How many devices the picture draws (a phone each in a scene without
    /// other devices).
    pub fn phones(&self) -> usize {
        self.devices.len()
    }

    /// Device `d`'s owner, as a person.
    pub fn owner_of(&self, d: usize) -> Option<&Person> {
        self.people.get(self.devices.get(d)?.owner)
    }

    /// The owners of the devices, by device: the picture puts a person's
    /// devices together.
    pub fn owners(&self) -> Vec<usize> {
        self.devices.iter().map(|d| d.owner).collect()
    }
}

/// Every frame put on a wire, and whether it got there; those about letter
/// `followed` are marked. A lost frame is matched to its departure by its number.
pub fn flights(events: &[Event], followed: Option<MsgId>) -> Vec<Flight> {
    flights_where(events, followed, |_| true)
}

/// [`flights`] of the frames of the kinds `keep` says.
fn flights_where(
    events: &[Event],
    followed: Option<MsgId>,
    keep: impl Fn(FrameKind) -> bool,
) -> Vec<Flight> {
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
            } if keep(*frame) => {
                let row = frame.row();
                by_id.insert(*id, flights.len());
                flights.push(Flight {
                    depart_ms: e.at,
                    arrive_ms: *arrives,
                    phone: user.index(),
                    to_office: *dir == Dir::ToServer,
                    cargo: row.cargo,
                    look: row.look,
                    lost: false,
                    followed: followed.is_some() && e.msg.as_ref().map(|m| m.id) == followed,
                    from_push: e.actor == sim::Actor::PushService,
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
