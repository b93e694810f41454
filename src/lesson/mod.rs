//! A live lesson: a scene, and the actions a class adds while it watches ("Meimei,
//! what shall Li Lei write?"). Plain Rust, no window: the window drives it, and the
//! tests drive it the same way.
//!
//! [`Lesson`] runs the scene's simulation on demand, keeps its trace, and cuts the
//! trace into [`Beat`]s — one per narrated step, each a range of trace events (the
//! words and the picture are made from those events when the beat is shown). Every
//! [`CHECKPOINT_BEATS`] beats or more (more as the story grows:
//! [`CHECKPOINT_SPREAD`]) it keeps a checkpoint: a copy of the simulation and of
//! what is on screen.
//!
//! [`Lesson::inject`] adds an action after the beat on screen, timed 1 ms after it.
//! The simulation's queue runs scripted actions first within their millisecond, so
//! the same action written in the scene's file at that time runs in the same place:
//! [`save`] writes the lesson as a scene file that replays the same trace, byte for
//! byte. Injecting branches the story: the nearest checkpoint before the beat is
//! restored, the live actions timed after the new one are dropped, and the story
//! runs on from there; the beats after the one on screen are replaced.

pub mod apps;
pub mod autosave;
pub mod chats;
pub mod devices;
mod kinds;
pub mod parcels;
pub mod predict;
pub mod presence;
mod recall;
mod resend;
pub mod save;
mod seal;
mod settings;

use std::ops::Range;
use std::sync::Arc;

use crate::scenario::{MAX_MS, MAX_SCRIPT, MAX_TEXT_CHARS, Question, Scenario};
use crate::sim::view::View;
use crate::sim::{Action, Dest, Event, MsgId, Road, Sim, Stage, Time};

/// How many beats between two checkpoints, at least.
pub const CHECKPOINT_BEATS: usize = 16;
/// A checkpoint copies the simulation and the view, which grow with the story:
/// the next one waits until the trace has grown by a part (one in
/// `CHECKPOINT_SPREAD`) of the last one's size, counted in trace events plus one per
/// phone. The checkpoints' sizes then grow geometrically and add up to a few times
/// the last one's: memory linear in the story, not a copy every few beats of an
/// ever larger state (5,000 letters kept 3.8 GB).
pub const CHECKPOINT_SPREAD: usize = 8;

/// One narrated step of the story: a view of the trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Beat {
    /// Its trace events: the background since the previous beat (heartbeats, frames
    /// on the wire), then the narrated event, last.
    pub events: Range<usize>,
    /// When its narrated event happened, virtual milliseconds.
    pub at_ms: Time,
    pub stage: Stage,
    /// The letter it is about, if any.
    pub letter: Option<MsgId>,
}

impl Beat {
    /// The narrated event's index in the trace.
    pub fn event(&self) -> usize {
        self.events.end - 1
    }
}

/// An action added live, at a virtual time.
pub type LiveAction = (Time, Action);

/// Why an action cannot join the lesson. The engine holds no sentences: the
/// window words each refusal (`words::act::refused`, both languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// A letter with no words.
    EmptyText,
    /// A letter over `MAX_TEXT_CHARS` characters: how many it has.
    TextTooLong(usize),
    /// A phone writing to itself.
    ToSelf,
    /// The lesson is already `MAX_MS` long.
    TooLate,
    /// The lesson already holds `MAX_SCRIPT` actions.
    TooManyActions,
    /// A recorded story (too large to change while it plays).
    Recorded,
    /// An action at the opening (before 1 ms).
    AtStart,
    /// An app closed or opened, or a login or logout, that does not fit the
    /// phone's app at its time (or the scene's own later actions on it).
    App(apps::Blocked),
    /// A photo or a voice message of no size, or past the format's limits.
    BadParcel,
    /// A parcel line's speed the format refuses (`network: (bandwidth_kb_per_s:)`:
    /// 0, or over `sim::parcel::MAX_BANDWIDTH`).
    Bandwidth,
    /// A time the parcel store keeps a parcel that the format refuses
    /// (`parcels: (keep_ms:)`: 0, or past `MAX_MS`).
    KeepMs,
    /// Each phone ordering its own screen in a scene where someone has several
    /// devices (issue 27): her devices must agree, so the post office numbers.
    OrderWithDevices,
    /// An action on a device the scene does not have (issue 27).
    NoSuchDevice(crate::sim::DeviceIdx),
    /// Chats moved onto the same device, or between two people's devices.
    MoveChats(devices::MoveRefused),
}

/// One of the class's changes, in the order made: what Ctrl+Z takes back, the
/// last first ([`Lesson::take_back`]).
#[derive(Clone, Debug, PartialEq)]
enum Change {
    /// A live action added (it may have been dropped since, by a branch).
    Added(LiveAction),
    /// The scene's settings switched in the panel: the settings before.
    Switched(Box<crate::sim::Settings>),
}

/// What Ctrl+Z took back ([`Lesson::take_back`]).
#[derive(Clone, Debug, PartialEq)]
pub enum TakenBack {
    /// The last live action: the story from its time is told again without it.
    Action(LiveAction),
    /// The last switch of the scene's settings: the story is told again from its
    /// start with the settings it had before (`now`), instead of `was`.
    Switch {
        was: Box<crate::sim::Settings>,
        now: Box<crate::sim::Settings>,
    },
}

/// How the trace is being cut into beats: presence events before the first letter
/// (everyone logging in, and their dots) make the opening picture instead of beats —
/// but never an event of a live action, so that a class acting at the opening sees
/// it happen, nor "typing…", which is the start of a letter's story.
#[derive(Clone, Debug, Default)]
struct Cut {
    /// The first beat has come.
    opened: bool,
    /// What is on screen before the first beat.
    opening: View,
    /// Trace events folded into the opening.
    opening_end: usize,
    /// Where the next beat's events start.
    next: usize,
}

/// The state of a lesson at a step boundary, to branch from.
#[derive(Clone)]
struct Checkpoint {
    sim: Sim,
    trace_len: usize,
    beats: usize,
    view: View,
    cut: Cut,
    /// The live actions scheduled in `sim`.
    live: Vec<LiveAction>,
}

/// A scene being told, with the actions added live.
pub struct Lesson {
    scene: Arc<Scenario>,
    live: Vec<LiveAction>,
    sim: Sim,
    trace: Vec<Event>,
    /// What is on screen after the whole trace so far.
    view: View,
    cut: Cut,
    beats: Vec<Beat>,
    checkpoints: Vec<Checkpoint>,
    done: bool,
    /// Told as stretches of time (a large crowd): no live actions.
    recorded: bool,
    /// The class's changes, in the order made (for Ctrl+Z).
    changes: Vec<Change>,
    /// The scene's own settings, as its text gives them (before any switch).
    own: crate::sim::Settings,
}

impl Lesson {
    /// A lesson on `scene`, before anything has happened.
    pub fn new(scene: Arc<Scenario>) -> Lesson {
        let scene_settings = scene.settings;
        let sim = scene.sim(None, true);
        let view = View::of(&scene.world);
        let cut = Cut {
            opening: view.clone(),
            ..Cut::default()
        };
        let mut lesson = Lesson {
            scene,
            live: Vec::new(),
            sim,
            trace: Vec::new(),
            view,
            cut,
            beats: Vec::new(),
            checkpoints: Vec::new(),
            done: false,
            recorded: false,
            changes: Vec::new(),
            own: scene_settings,
        };
        lesson.checkpoint();
        lesson
    }

    /// A large crowd's story, run to its end and cut into about `beats` stretches of
    /// time, each with about as many narrated events (so busy moments are short
    /// stretches, as in slow motion), and ending at each of the nine steps of
    /// `followed` — the first letter written — so the class can follow it. No
    /// action can be added to it.
    pub fn recorded(scene: Arc<Scenario>, beats: usize) -> Lesson {
        let mut lesson = Lesson::new(scene);
        lesson.finish();
        lesson.recorded = true;
        lesson.cut_stretches(beats);
        lesson
    }

    /// The first letter written: a crowd's beats follow it.
    pub fn followed(&self) -> Option<MsgId> {
        self.trace
            .iter()
            .find(|e| matches!(e.what, crate::sim::What::Edit { .. }))
            .and_then(|e| e.msg.as_ref().map(|m| m.id))
    }

    /// The scene's own settings, as its text gives them: the lesson's before the
    /// panel switched any ([`Lesson::with_settings`]).
    pub fn own_settings(&self) -> &crate::sim::Settings {
        &self.own
    }

    /// Whether this is a recorded story (see [`Lesson::recorded`]).
    pub fn is_recorded(&self) -> bool {
        self.recorded
    }

    fn cut_stretches(&mut self, wanted: usize) {
        let trace = &self.trace;
        let followed = self.followed();
        // The beats are cut from the letters' events; a scene without letters (phones
        // logging in, say) is cut from its comings and goings instead.
        let letters = trace.iter().any(|e| e.step().is_some());
        let mail =
            |e: &Event| e.is_narrated() && (!letters || e.stage() != Stage::Side(Road::Presence));
        let total = trace.iter().filter(|e| mail(e)).count();
        let per_beat = total.div_ceil(wanted.max(1)).max(1);
        let last_mail = trace.iter().rposition(mail);
        let mut beats = Vec::new();
        let mut opening_end = None;
        let (mut start, mut in_slice) = (0, 0);
        for (i, e) in trace.iter().enumerate() {
            if !mail(e) {
                continue;
            }
            if opening_end.is_none() {
                opening_end = Some(i);
                start = i;
            }
            in_slice += 1;
            let its_step = e.step().is_some() && e.msg.as_ref().map(|m| m.id) == followed;
            let last_at_this_time = trace[i + 1..]
                .iter()
                .find(|x| mail(x))
                .is_none_or(|x| x.at > e.at);
            if (in_slice >= per_beat && last_at_this_time) || its_step || Some(i) == last_mail {
                beats.push(Beat {
                    events: start..i + 1,
                    at_ms: e.at,
                    stage: e.stage(),
                    letter: e.msg.as_ref().map(|m| m.id),
                });
                start = i + 1;
                in_slice = 0;
            }
        }
        let opening_end = opening_end.unwrap_or(trace.len());
        let mut opening = View::of(&self.scene.world);
        for e in &trace[..opening_end] {
            opening.apply(e);
        }
        self.cut = Cut {
            opened: true,
            opening,
            opening_end,
            next: start,
        };
        self.beats = beats;
        // Checkpoints of views only: the first, and one every few beats.
        let first = self.checkpoints[0].clone();
        self.checkpoints = vec![first];
        let mut view = View::of(&self.scene.world);
        let mut at = 0;
        for k in (CHECKPOINT_BEATS..=self.beats.len()).step_by(CHECKPOINT_BEATS) {
            let end = self.beats[k - 1].events.end;
            for e in &self.trace[at..end] {
                view.apply(e);
            }
            at = end;
            let mut cp = self.checkpoints[0].clone();
            cp.trace_len = end;
            cp.beats = k;
            cp.view = view.clone();
            self.checkpoints.push(cp);
        }
    }

    // ---- reading ----

    pub fn scene(&self) -> &Arc<Scenario> {
        &self.scene
    }

    /// The actions added live, in time order.
    pub fn live(&self) -> &[LiveAction] {
        &self.live
    }

    /// The trace so far.
    pub fn trace(&self) -> &[Event] {
        &self.trace
    }

    /// The beats so far.
    pub fn beats(&self) -> &[Beat] {
        &self.beats
    }

    /// Whether the story is over (no more beats will come unless an action is added).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The simulation as it stands (after the whole trace so far).
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// When the picture after `shown` beats stands (0: the opening).
    pub fn time_of(&self, shown: usize) -> Time {
        match shown.checked_sub(1).and_then(|i| self.beats.get(i)) {
            Some(b) => b.at_ms,
            None => self
                .opening_end()
                .checked_sub(1)
                .and_then(|i| self.trace.get(i))
                .map_or(0, |e| e.at),
        }
    }

    /// The trace events before the first beat (or all of them, while there is none).
    fn opening_end(&self) -> usize {
        if self.cut.opened {
            self.cut.opening_end
        } else {
            self.trace.len()
        }
    }

    /// Where the trace stands after `shown` beats (0: the opening).
    pub fn trace_end(&self, shown: usize) -> usize {
        match shown.checked_sub(1).and_then(|i| self.beats.get(i)) {
            Some(b) => b.events.end,
            None => self.opening_end(),
        }
    }

    /// What is on screen after `shown` beats (0: the opening picture).
    pub fn view_after(&self, shown: usize) -> View {
        if shown == 0 || self.beats.is_empty() {
            return if self.cut.opened {
                self.cut.opening.clone()
            } else {
                self.view.clone()
            };
        }
        let end = self.trace_end(shown.min(self.beats.len()));
        // The latest checkpoint at or before that point, then the events since.
        let cp = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.trace_len <= end)
            .expect("the first checkpoint is at the start");
        let mut view = cp.view.clone();
        for e in &self.trace[cp.trace_len..end] {
            view.apply(e);
        }
        view
    }

    // ---- questions and the recap ----

    /// The scene's questions to ask on the picture after `shown` beats (0: the
    /// opening), before the next beat is told: those whose moment lies after this
    /// beat's event and up to the next beat's (see [`crate::scenario::question`]).
    /// The recap card's questions are not among them
    /// ([`Scenario::recap_questions`]). While the story is still being told, a
    /// moment beyond the trace so far is found once the trace reaches it: ask again
    /// after [`Lesson::extend`].
    pub fn questions_at(&self, shown: usize) -> Vec<&Question> {
        let ended = self.done.then(|| self.sim.now());
        let from = if shown == 0 { 0 } else { self.trace_end(shown) };
        let to = self
            .beats
            .get(shown)
            .map_or(self.trace.len() + 1, |next| next.event() + 1);
        self.scene
            .questions_due(&self.trace, ended)
            .into_iter()
            .filter(|d| (from..to).contains(&d.after))
            .map(|d| &self.scene.questions[d.question])
            .collect()
    }

    // ---- running ----

    /// Simulates until there are at least `beats` beats, or the story is over.
    pub fn extend(&mut self, beats: usize) {
        while self.beats.len() < beats && self.step() {}
    }

    /// Simulates to the end of the story.
    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// One step of the simulation; false when the story is over.
    fn step(&mut self) -> bool {
        if self.done {
            return false;
        }
        let more = self.sim.step();
        for e in self.sim.take_events() {
            self.push(e);
        }
        if !more {
            self.done = true;
            if !self.cut.opened {
                // No letter at all: the whole story is the opening picture.
                self.cut.opening = self.view.clone();
                self.cut.opening_end = self.trace.len();
            }
        }
        if self.checkpoint_due() {
            self.checkpoint();
        }
        more
    }

    fn push(&mut self, e: Event) {
        let i = self.trace.len();
        if !self.cut.opened {
            let live_from = self.live.first().map(|(at, _)| *at);
            let opener = e.stage() != Stage::Side(Road::Presence)
                || kinds::opens_the_story(&e.what)
                || live_from.is_some_and(|at| e.at >= at);
            if e.is_narrated() && opener {
                self.cut.opened = true;
                self.cut.opening = self.view.clone();
                self.cut.opening_end = i;
                self.cut.next = i;
            } else {
                self.view.apply(&e);
                self.trace.push(e);
                return;
            }
        }
        self.view.apply(&e);
        if e.is_narrated() {
            self.beats.push(Beat {
                events: self.cut.next..i + 1,
                at_ms: e.at,
                stage: e.stage(),
                letter: e.msg.as_ref().map(|m| m.id),
            });
            self.cut.next = i + 1;
        }
        self.trace.push(e);
    }

    /// Whether the story has grown enough since the last checkpoint for another
    /// (see [`CHECKPOINT_SPREAD`]).
    fn checkpoint_due(&self) -> bool {
        let (beats, trace_len) = self
            .checkpoints
            .last()
            .map_or((0, 0), |c| (c.beats, c.trace_len));
        let size = trace_len + self.scene.world.device_count();
        self.beats.len() >= beats + CHECKPOINT_BEATS
            && self.trace.len() >= trace_len + size / CHECKPOINT_SPREAD
    }

    fn checkpoint(&mut self) {
        self.checkpoints.push(Checkpoint {
            sim: self.sim.clone(),
            trace_len: self.trace.len(),
            beats: self.beats.len(),
            view: self.view.clone(),
            cut: self.cut.clone(),
            live: self.live.clone(),
        });
    }

    // ---- the class acts ----

    /// Adds `action` after `shown` beats (0: at the opening), 1 ms after that
    /// beat's time. Live actions timed after it are dropped (the story branches);
    /// the beats after `shown` are replaced. Returns the action's time.
    pub fn inject(&mut self, shown: usize, action: Action) -> Result<Time, Refused> {
        if self.recorded {
            return Err(Refused::Recorded);
        }
        check(
            &action,
            &self.scene.world,
            self.scene.settings.parcels.part_kb,
        )?;
        let shown = shown.min(self.beats.len());
        let t = self.time_of(shown);
        let at = t + 1;
        if at > MAX_MS {
            return Err(Refused::TooLate);
        }
        apps::check(&self.scene, &self.live, at, &action).map_err(Refused::App)?;
        chats::check(&self.scene, &self.live, at, &action).map_err(Refused::App)?;
        let mut live: Vec<LiveAction> = self
            .live
            .iter()
            .filter(|(a, _)| *a <= at)
            .cloned()
            .collect();
        live.push((at, action.clone()));
        if self.scene.script.len() + live.len() > MAX_SCRIPT {
            return Err(Refused::TooManyActions);
        }
        self.changes.push(Change::Added((at, action)));
        let keep = self.trace_end(shown);
        let before: Vec<Beat> = self.beats[..shown].to_vec();
        self.retell(live, Some((keep, t)));
        // The story up to the beat on screen comes again, the same.
        self.extend(shown + 1);
        debug_assert!(
            self.beats.len() >= shown && self.beats[..shown] == before[..],
            "the beats before the branch are the same"
        );
        Ok(at)
    }

    /// Takes back the last live action: the story is told again without it (as it
    /// was before it was added). Returns the action, or `None` when there is none.
    pub fn undo(&mut self, shown: usize) -> Option<LiveAction> {
        let mut live = self.live.clone();
        let last = live.pop()?;
        if let Some(i) = self
            .changes
            .iter()
            .rposition(|c| *c == Change::Added(last.clone()))
        {
            self.changes.remove(i);
        }
        self.retell(live, None);
        self.extend(shown + 1);
        Some(last)
    }

    /// Ctrl+Z: takes back the class's last change — a live action (as
    /// [`Lesson::undo`]), or a switch of the scene's settings (the story told
    /// again from its start with the settings before it, the class's actions
    /// kept). An action a later branch dropped is passed over. `None` when there is
    /// nothing to take back.
    pub fn take_back(&mut self, shown: usize) -> Option<TakenBack> {
        while let Some(change) = self.changes.pop() {
            match change {
                Change::Added(a) if self.live.contains(&a) => {
                    // The latest action added that is still in the story is the
                    // last one in time: a later one would have dropped it.
                    self.changes.push(Change::Added(a));
                    return self.undo(shown).map(TakenBack::Action);
                }
                Change::Added(_) => {}
                Change::Switched(before) => {
                    let was = Box::new(self.scene.settings);
                    let mut scene = (*self.scene).clone();
                    scene.settings = *before;
                    let mut lesson = Lesson::new(Arc::new(scene));
                    // Settings that were the lesson's before are within the limits,
                    // and so are its actions: nothing to refuse.
                    lesson.set_live(self.live.clone()).ok()?;
                    lesson.changes = std::mem::take(&mut self.changes);
                    lesson.own = self.own;
                    let now = Box::new(lesson.scene.settings);
                    *self = lesson;
                    return Some(TakenBack::Switch { was, now });
                }
            }
        }
        None
    }

    /// The same lesson told again from its start with the scene's conversations
    /// ordered by `order` (the scene setting `order:`), the class's actions kept.
    /// A saved lesson then writes that order (see [`save::lesson_text`]).
    pub fn with_order(&self, order: crate::sim::Order) -> Result<Lesson, Refused> {
        self.with_settings(|s| s.order = order)
    }

    /// The same lesson told again from its start with the scene's settings changed
    /// by `change` (the panel's switches: `order:`, `notifications:`, `shelf:`),
    /// the class's actions kept. A saved lesson then writes those settings (see
    /// [`save::lesson_text`]); switched back, it is the lesson it was.
    pub fn with_settings(
        &self,
        change: impl FnOnce(&mut crate::sim::Settings),
    ) -> Result<Lesson, Refused> {
        if self.recorded {
            return Err(Refused::Recorded);
        }
        let mut scene = (*self.scene).clone();
        change(&mut scene.settings);
        parcels::check_settings(&scene.settings)?;
        if scene.world.has_devices() && scene.settings.order == crate::sim::Order::EachPhone {
            return Err(Refused::OrderWithDevices);
        }
        let switched = scene.settings != self.scene.settings;
        let mut lesson = Lesson::new(Arc::new(scene));
        lesson.set_live(self.live.clone())?;
        lesson.changes = self.changes.clone();
        lesson.own = self.own;
        if switched {
            lesson
                .changes
                .push(Change::Switched(Box::new(self.scene.settings)));
        }
        Ok(lesson)
    }

    /// Tells the story again with these live actions (a lesson restored after the
    /// window closed). Actions that break the scene format's rules are refused.
    pub fn set_live(&mut self, live: Vec<LiveAction>) -> Result<(), Refused> {
        if self.recorded {
            return Err(Refused::Recorded);
        }
        for (at, action) in &live {
            check(
                action,
                &self.scene.world,
                self.scene.settings.parcels.part_kb,
            )?;
            if *at > MAX_MS {
                return Err(Refused::TooLate);
            }
            if *at == 0 {
                return Err(Refused::AtStart);
            }
        }
        if self.scene.script.len() + live.len() > MAX_SCRIPT {
            return Err(Refused::TooManyActions);
        }
        let mut live = live;
        // In time order, as they were added (the order within a millisecond kept).
        live.sort_by_key(|(at, _)| *at);
        // Ctrl+Z takes them back last first, after any switch made before.
        self.changes.retain(|c| matches!(c, Change::Switched(_)));
        self.changes.extend(live.iter().cloned().map(Change::Added));
        self.retell(live, None);
        Ok(())
    }

    /// Restores the latest checkpoint the story with `live` can start from, and
    /// schedules the actions it does not hold yet. With `keep` (a trace length and
    /// a time), only a checkpoint within them is taken: the story up to there is
    /// the same.
    fn retell(&mut self, live: Vec<LiveAction>, keep: Option<(usize, Time)>) {
        let k = self
            .checkpoints
            .iter()
            .rposition(|c| {
                keep.is_none_or(|(len, t)| c.trace_len <= len && c.sim.now() <= t)
                    && c.trace_len <= self.trace.len()
                    && live.starts_with(&c.live)
                    && live[c.live.len()..].iter().all(|(a, _)| *a > c.sim.now())
            })
            .expect("the first checkpoint holds no live action and is at time 0");
        self.checkpoints.truncate(k + 1);
        let cp = &self.checkpoints[k];
        self.sim = cp.sim.clone();
        self.trace.truncate(cp.trace_len);
        self.beats.truncate(cp.beats);
        self.view = cp.view.clone();
        self.cut = cp.cut.clone();
        for (a, act) in &live[cp.live.len()..] {
            self.sim.schedule(*a, act.clone());
        }
        self.sim.set_until(lesson_until(&self.scene, &live));
        self.live = live;
        self.done = false;
    }
}

/// How long a lesson may run: the scene's `until_ms`, raised where a live action
/// lies past it (to leave the action's story time to happen), never past
/// [`MAX_MS`]. `None` when the scene runs until its story is over.
pub fn lesson_until(scene: &Scenario, live: &[LiveAction]) -> Option<Time> {
    let until = scene.until_ms?;
    let s = &scene.settings;
    let tail = s
        .heartbeat
        .interval_ms
        .saturating_add(s.heartbeat.timeout_ms)
        .saturating_add(s.reconnect_ms);
    let last = live.iter().map(|(a, _)| *a).max();
    Some(match last {
        Some(a) if a >= until => a.saturating_add(tail).min(MAX_MS),
        _ => until,
    })
}

/// Whether an action keeps to the scene format's rules.
fn check(action: &Action, world: &crate::sim::World, part_kb: u32) -> Result<(), Refused> {
    devices::check(action, world)?;
    if let Action::Send {
        from,
        to,
        text,
        parcel,
    } = action
    {
        if let Some(p) = parcel
            && !crate::sim::parcel::fits(p, part_kb)
        {
            return Err(Refused::BadParcel);
        }
        if text.en.trim().is_empty() || text.zh.trim().is_empty() {
            return Err(Refused::EmptyText);
        }
        let n = text.en.chars().count().max(text.zh.chars().count());
        if n > MAX_TEXT_CHARS {
            return Err(Refused::TextTooLong(n));
        }
        if *to == Dest::User(world.owner(*from)) {
            return Err(Refused::ToSelf);
        }
    }
    if let Action::OpenChat(u, chat) = action
        && *chat == Dest::User(world.owner(*u))
    {
        return Err(Refused::ToSelf);
    }
    Ok(())
}
