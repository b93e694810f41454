//! Playback: which beat of the lesson is shown, how far its motion has got, play or
//! pause, speed, and the commands that change them (from keys, buttons, the panel,
//! tests) — the class's live actions and saving the lesson among them.
//!
//! A beat's motion takes [`BEAT_SECONDS`] at 1× speed; while playing, the next beat
//! follows after a pause to read the caption and, in a lesson, after the story's
//! clock has run on to the next beat's time (heartbeats and silences take their
//! time, at most [`LONGEST_WAIT_SECONDS`]). What the beat on screen looks like is
//! made when it comes on screen ([`crate::viz::story::present`]) and kept in
//! [`OpenScene::shown`]. The show's state is three resources: [`Playback`] (which
//! beat, how it moves), [`OpenScene`] (the story and its file) and [`ViewOptions`].

use std::path::PathBuf;
use std::time::SystemTime;

use bevy::prelude::*;

use crate::scenario::ScenarioError;
use crate::sim::view::View;
use crate::sim::{Action, Dest, UserIdx};
use crate::viz::AppSystems;
use crate::viz::lang::{Language, Tr};
use crate::viz::stage::layout::Layout;
use crate::viz::story::autosave::{self, Autosave};
use crate::viz::story::engine::{Answer, Engine, Opened};
use crate::viz::story::present::{Shown, present};
use crate::viz::story::telling::Telling;
use crate::viz::story::told::Told;

/// How long one beat's motion takes at 1×.
pub const BEAT_SECONDS: f32 = 1.2;
/// How long a caption stays after the motion, while playing at 1×.
pub const READ_SECONDS: f32 = 2.3;
/// The longest the show waits, while playing, for the story's clock to reach the
/// next beat, however long the silence before it.
pub const LONGEST_WAIT_SECONDS: f64 = 20.0;
/// Speed is 2^exp, exp in -4..=4 (1/16× to 16×).
pub const SPEED_EXP: std::ops::RangeInclusive<i32> = -4..=4;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Playback>()
        .init_resource::<OpenScene>()
        .init_resource::<BeatShown>()
        .init_resource::<ViewOptions>()
        .init_resource::<Autosave>()
        .insert_resource(Layout::new(0))
        .add_message::<Control>()
        // A story that comes in sets the state before this frame's transitions,
        // so that the old picture is gone and the new one drawn in the same frame.
        .add_systems(
            PreUpdate,
            take_answers.after(crate::viz::story::engine::receive),
        )
        .add_systems(
            Update,
            (apply_controls, advance, show_beat)
                .chain()
                .in_set(AppSystems::Update),
        );
}

/// Which beat of the story is on screen and how it moves: the show's playback.
#[derive(Resource, Debug)]
pub struct Playback {
    /// Beats shown: 0 is the opening picture, `n` is after beat `n`.
    pub at: usize,
    /// Motion of the current beat, 0 to 1.
    pub progress: f32,
    /// Time spent after the motion (while playing).
    pub dwell: f32,
    /// While playing, after the caption was read: the story's milliseconds run
    /// since the beat on screen, on the way to the next beat's time.
    pub waited_ms: Option<f64>,
    /// The beat on screen came after such a wait (its clock is already there).
    arrived: bool,
    /// A question waits for the class's guess (predict mode): Next and Play wait.
    pub hold: bool,
    pub playing: bool,
    pub speed_exp: i32,
}

impl Default for Playback {
    fn default() -> Self {
        Playback {
            at: 0,
            progress: 1.0,
            dwell: 0.0,
            waited_ms: None,
            arrived: false,
            hold: false,
            playing: false,
            speed_exp: 0,
        }
    }
}

impl Playback {
    pub fn speed(&self) -> f32 {
        2f32.powi(self.speed_exp)
    }

    /// How far the beat's envelopes and cards have moved, 0 to 1.
    pub fn motion(&self) -> f32 {
        self.progress
    }

    /// Shows the picture after `at` beats, still.
    fn stand_at(&mut self, at: usize) {
        self.at = at;
        self.progress = 1.0;
        self.dwell = 0.0;
    }
}

/// The scene open in the window: its story with the class's actions, where it
/// came from, what went wrong opening another, and the beat on screen as made
/// for it.
#[derive(Resource, Default)]
pub struct OpenScene {
    /// The scene being told, with the class's actions.
    pub told: Option<Told>,
    /// The open file, its modification time when read.
    pub path: Option<PathBuf>,
    pub modified: Option<SystemTime>,
    /// The last file that could not be opened, and why.
    pub error: Option<ScenarioError>,
    /// A short message for the class, shown with the caption: where the lesson was
    /// saved, or why an action was refused.
    pub notice: Option<Tr>,
    /// Bumped whenever a different story (or the same one reloaded) comes in.
    pub generation: u64,
    /// Bumped whenever the story after the beat on screen changes (a live action).
    pub branch: u64,
    /// A lesson on this scene that was never saved (the window closed): offered
    /// back, until the teacher takes it or starts afresh.
    pub offer: Option<Vec<crate::lesson::LiveAction>>,
    /// The scene's settings as that lesson switched them in the panel (`None`:
    /// the scene's own), offered back with it.
    pub offer_settings: Option<Box<crate::sim::Settings>>,
    /// The beat on screen, made when it came on screen.
    pub shown: Shown,
    shown_key: Option<BeatShown>,
}

/// The beat on screen, as one value: the story (bumped when another story, or the
/// same file read again, comes in), its branch (bumped when a live action changes
/// what comes after the beat on screen) and the beat (0: the opening picture).
///
/// The show sets it once a frame, in [`AppSystems::Update`] right after playback
/// moved, and only when it differs, so bevy's change detection says "another beat
/// came on screen": run a system on `resource_changed::<BeatShown>`, or keep the
/// `BeatShown` it last drew for and compare. Everything drawn later in the frame
/// (`Picture`, `Tokens`, `Bars`, the egui passes) reads it current.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BeatShown {
    pub story: u64,
    pub branch: u64,
    pub at: usize,
}

/// How the story is shown (the view's own options; the language and the words
/// are [`Language`] and [`crate::viz::lang::Wording`]).
#[derive(Resource, Debug)]
pub struct ViewOptions {
    /// Heartbeats drawn on the wires (H).
    pub heartbeats: bool,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions { heartbeats: true }
    }
}

impl OpenScene {
    /// Beats told so far (more come as the show moves on).
    pub fn beats(&self) -> usize {
        self.told.as_ref().map_or(0, |t| t.lesson.beats().len())
    }

    /// Whether every beat of the story has been told.
    pub fn told_to_the_end(&self) -> bool {
        self.told.as_ref().is_none_or(|t| t.lesson.is_done())
    }

    /// The beat just shown (none at the opening).
    pub fn beat(&self, play: &Playback) -> Option<&Shown> {
        (self.told.is_some() && play.at > 0).then_some(&self.shown)
    }

    /// The picture as it stands.
    pub fn picture(&self) -> Option<&View> {
        self.told.as_ref().map(|_| &self.shown.picture)
    }

    /// The story's clock, in virtual milliseconds: while a beat moves it runs from
    /// the previous beat's time to this one's (unless the show waited for it);
    /// while the show waits for the next beat it runs on towards that beat's time.
    pub fn clock_ms(&self, play: &Playback) -> Option<f64> {
        let told = self.told.as_ref()?;
        let lesson = &told.lesson;
        let time = |n: usize| lesson.time_of(n) as f64;
        if let Some(waited) = play.waited_ms {
            let (now, next) = (time(play.at), time(play.at + 1));
            return Some((now + waited).min(next.max(now)));
        }
        if play.arrived {
            return Some(time(play.at));
        }
        let (from, to) = (time(play.at.saturating_sub(1)), time(play.at));
        Some(from + (to - from) * play.progress as f64)
    }

    /// The story's milliseconds between the beat on screen and the next one, if
    /// the show should let them pass while playing (a lesson, not a recorded crowd).
    pub(in crate::viz) fn gap_ms(&self, play: &Playback) -> Option<f64> {
        let lesson = &self.told.as_ref()?.lesson;
        if lesson.is_recorded() || play.at >= lesson.beats().len() {
            return None;
        }
        let gap = lesson
            .time_of(play.at + 1)
            .saturating_sub(lesson.time_of(play.at));
        (gap > 0).then_some(gap as f64)
    }

    /// The last beat is on screen and the story has no more.
    pub fn at_end(&self, play: &Playback) -> bool {
        play.at >= self.beats() && self.told_to_the_end()
    }

    /// The beat on screen as [`BeatShown`] says it (read that resource where
    /// you can; this is for the show itself, before it sets it).
    pub fn key(&self, play: &Playback) -> BeatShown {
        self.key_at(play.at)
    }

    /// Beat `at` of this story and branch, as [`BeatShown`] would say it.
    pub fn key_at(&self, at: usize) -> BeatShown {
        BeatShown {
            story: self.generation,
            branch: self.branch,
            at,
        }
    }

    /// Makes the beat on screen, if the story or the beat changed.
    fn refresh_shown(&mut self, at: usize) {
        let key = self.key_at(at);
        if self.shown_key == Some(key) {
            return;
        }
        self.shown = match &self.told {
            Some(told) => present(told, at),
            None => Shown::default(),
        };
        self.shown_key = Some(key);
    }
}

/// Something a person (or a test) asks of the show.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Control {
    Next,
    Previous,
    Restart,
    PlayPause,
    Faster,
    Slower,
    ToggleHeartbeats,
    ToggleLanguage,
    ToggleFullscreen,
    LeaveFullscreen,
    /// Open this scene file (the current one stays if it is not valid).
    Open(PathBuf),
    /// Hide the error message.
    Dismiss,
    /// Show the picture after this many beats (0: the opening), still.
    JumpTo(usize),
    /// The class writes a letter: it joins the story after the beat on screen.
    Compose {
        from: UserIdx,
        to: Dest,
        text: String,
    },
    /// Any other action of a scene's script, after the beat on screen.
    Act(Action),
    /// Write the lesson beside its scene file.
    Save,
    /// Take back the last live action (Ctrl+Z).
    Undo,
    /// Take back (`true`) or set aside the lesson an earlier window left unsaved.
    Restore(bool),
    /// Tell the scene again from its start with its conversations ordered so (the
    /// scene setting `order:`), the class's actions kept.
    Order(crate::sim::Order),
    /// Tell the scene again from its start with its notifications so (the scene
    /// setting `notifications:`), the class's actions kept.
    Notifications(crate::sim::Notifications),
    /// Tell the scene again from its start with its offline letters handed over
    /// or fetched (the scene setting `shelf:`), the class's actions kept.
    Shelf(crate::sim::Shelf),
    /// Tell the scene again from its start with its read receipts so (the scene
    /// setting `read_receipts:`, its list of who turned them off kept), the
    /// class's actions kept.
    ReadReceipts(crate::sim::ReadReceipts),
    /// Tell the scene again from its start with the post office's recall limit
    /// so (the scene setting `recall: (limit_ms:)`), the class's actions kept.
    RecallLimit(crate::sim::Time),
    /// Tell the scene again from its start with each phone's line for photos and
    /// voice messages this fast, kB a second (`network: (bandwidth_kb_per_s:)`;
    /// `None`: no limit), the class's actions kept.
    Bandwidth(Option<u32>),
    /// Tell the scene again from its start with the parcel store keeping a photo
    /// or voice message this long (`parcels: (keep_ms:)`; `None`: for ever), the
    /// class's actions kept.
    ParcelsKept(Option<crate::sim::Time>),
    /// Tell the scene again from its start with the post office handing a new
    /// device the chats from its archive (`true`: `keeps_history: true`, QQ,
    /// Telegram) or not (WeChat, WhatsApp), the class's actions kept (issue 27).
    KeepsHistory(bool),
    /// Tell the scene again from its start with its letters travelling sealed,
    /// end-to-end encrypted (`true`: `sealed: true`, WhatsApp, Signal) or not
    /// (WeChat), the class's actions kept (issue 28).
    Sealed(bool),
}

fn take_answers(
    mut opened: MessageReader<Opened>,
    mut scene: ResMut<OpenScene>,
    mut play: ResMut<Playback>,
    mut layout: ResMut<Layout>,
    mut telling: ResMut<NextState<Telling>>,
    kept: Res<Autosave>,
) {
    for Opened(answer) in opened.read() {
        match answer {
            Answer::Told {
                path,
                told,
                modified,
            } => {
                let Some(told) = told.lock().ok().and_then(|mut t| t.take()) else {
                    continue;
                };
                let same_file = scene.path.as_ref() == Some(path);
                let keep = if same_file { play.at } else { 0 };
                *layout = Layout::of(&told);
                scene.told = Some(*told);
                if let Some(t) = scene.told.as_mut() {
                    t.reach(keep);
                }
                play.stand_at(keep.min(scene.beats()));
                play.waited_ms = None;
                play.arrived = false;
                if !same_file {
                    play.playing = false;
                }
                scene.path = Some(path.clone());
                scene.modified = *modified;
                scene.error = None;
                scene.notice = None;
                // A lesson left unsaved on this very scene text is offered back.
                let offer = scene
                    .told
                    .as_ref()
                    .filter(|t| t.live())
                    .and_then(|t| autosave::load_kept(&kept, path, t.lesson.scene()));
                scene.offer_settings = offer.as_ref().and_then(|k| k.settings.clone());
                scene.offer = offer.map(|k| k.live);
                if let Some(live) = &scene.offer {
                    scene.notice = Some(crate::viz::lang::ui::offer_restore(
                        live.len(),
                        scene.offer_settings.is_some(),
                    ));
                }
                scene.generation += 1;
                // (Set even to the same kind: the old story's picture goes.)
                if let Some(t) = scene.told.as_ref() {
                    telling.set(Telling::of(t));
                }
            }
            Answer::Failed { path, error } => {
                // Remember the time so an unchanged broken file is not read again.
                if scene.path.as_ref() == Some(path) {
                    scene.modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
                }
                scene.error = Some(error.clone());
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_controls(
    mut controls: MessageReader<Control>,
    mut play: ResMut<Playback>,
    mut scene: ResMut<OpenScene>,
    mut view: ResMut<ViewOptions>,
    mut lang: ResMut<Language>,
    mut engine: ResMut<Engine>,
    mut windows: Query<&mut Window>,
    kept: Res<Autosave>,
    wording: Res<crate::viz::lang::Wording>,
) {
    for control in controls.read() {
        // A beat reached by waiting for it keeps its clock; any other control
        // ends the wait.
        let keeps_wait = matches!(
            control,
            Control::PlayPause
                | Control::Faster
                | Control::Slower
                | Control::ToggleHeartbeats
                | Control::ToggleLanguage
                | Control::ToggleFullscreen
                | Control::LeaveFullscreen
                | Control::Dismiss
        );
        if !keeps_wait {
            let waited = play.waited_ms.take().is_some();
            play.arrived = waited && *control == Control::Next;
        }
        if matches!(
            control,
            Control::Next | Control::Previous | Control::Restart | Control::JumpTo(_)
        ) {
            scene.notice = None;
        }
        match control {
            Control::Next if play.hold => {}
            Control::Next => {
                let next = play.at + 1;
                if let Some(t) = scene.told.as_mut() {
                    t.reach(next);
                }
                if !scene.at_end(&play) {
                    play.at = next.min(scene.beats());
                    play.progress = 0.0;
                    play.dwell = 0.0;
                }
            }
            Control::Previous => {
                // The earlier picture exactly, without motion.
                let at = play.at.saturating_sub(1);
                play.stand_at(at);
                play.playing = false;
            }
            Control::Restart => play.stand_at(0),
            Control::JumpTo(n) => {
                if let Some(t) = scene.told.as_mut() {
                    t.reach(*n);
                }
                play.stand_at((*n).min(scene.beats()));
                play.playing = false;
            }
            Control::PlayPause => {
                play.playing = !play.playing;
                if play.playing && scene.at_end(&play) {
                    play.at = 0;
                }
                play.dwell = READ_SECONDS;
            }
            Control::Faster => play.speed_exp = (play.speed_exp + 1).min(*SPEED_EXP.end()),
            Control::Slower => play.speed_exp = (play.speed_exp - 1).max(*SPEED_EXP.start()),
            Control::ToggleHeartbeats => view.heartbeats = !view.heartbeats,
            Control::ToggleLanguage => lang.0 = lang.0.other(),
            Control::ToggleFullscreen | Control::LeaveFullscreen => {
                for mut window in &mut windows {
                    use bevy::window::{MonitorSelection, WindowMode};
                    window.mode = match (control, window.mode) {
                        (Control::ToggleFullscreen, WindowMode::Windowed) => {
                            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
                        }
                        _ => WindowMode::Windowed,
                    };
                }
            }
            Control::Open(path) => engine.open(path.clone()),
            Control::Dismiss => scene.error = None,
            Control::Compose { from, to, text } => {
                let action = Action::Send {
                    from: crate::sim::DeviceIdx::main(*from),
                    to: *to,
                    text: crate::sim::Text::same(text),
                    parcel: None,
                };
                act(&mut scene, &mut play, &kept, action, wording.0);
            }
            Control::Act(action) => act(&mut scene, &mut play, &kept, action.clone(), wording.0),
            Control::Save => save(&mut scene, &kept),
            Control::Undo => undo(&mut scene, &mut play, &kept, wording.0),
            Control::Restore(take) => restore(&mut scene, &mut play, &kept, *take),
            Control::Order(order) => reorder(&mut scene, &mut play, &kept, *order),
            Control::Notifications(_)
            | Control::Shelf(_)
            | Control::ReadReceipts(_)
            | Control::RecallLimit(_)
            | Control::Bandwidth(_)
            | Control::ParcelsKept(_)
            | Control::KeepsHistory(_)
            | Control::Sealed(_) => switch(&mut scene, &mut play, &kept, control, wording.0),
        }
    }
}

/// A switch of the panel that tells the scene again from its start with one of
/// its settings changed (`notifications:`, `shelf:`, `read_receipts:`, `recall:`,
/// the parcel line's speed, how long parcels are kept), said in the notice.
fn switch(
    scene: &mut OpenScene,
    play: &mut Playback,
    kept: &Autosave,
    control: &Control,
    reg: crate::viz::lang::Register,
) {
    match control {
        Control::Notifications(n) => {
            let n = *n;
            let said = crate::viz::control::labels::notifications_switched(n, reg);
            retell(scene, play, kept, said, |s| {
                let changed = s.notifications != n;
                s.notifications = n;
                changed
            });
        }
        Control::Shelf(shelf) => {
            let shelf = *shelf;
            let said = crate::viz::control::labels::shelf_switched(shelf, reg);
            retell(scene, play, kept, said, |s| {
                let changed = s.shelf != shelf;
                s.shelf = shelf;
                changed
            });
        }
        Control::ReadReceipts(r) => {
            let r = *r;
            let said = crate::viz::control::labels::read_receipts_switched(r, reg);
            retell(scene, play, kept, said, |s| {
                let changed = s.read_receipts != r;
                s.read_receipts = r;
                changed
            });
        }
        Control::RecallLimit(ms) => {
            let ms = *ms;
            let said = crate::viz::control::labels::recall_limit_switched(ms);
            retell(scene, play, kept, said, |s| {
                let changed = s.recall_limit_ms != ms;
                s.recall_limit_ms = ms;
                changed
            });
        }
        Control::Bandwidth(bw) => {
            let bw = *bw;
            let own = told_own(scene).network.bandwidth_kb_per_s;
            let said = crate::viz::control::labels::bandwidth_switched(bw, own);
            retell(scene, play, kept, said, |s| {
                let changed = s.network.bandwidth_kb_per_s != bw;
                s.network.bandwidth_kb_per_s = bw;
                changed
            });
        }
        Control::ParcelsKept(keep) => {
            let keep = *keep;
            let said = crate::viz::control::labels::parcels_kept_switched(keep);
            retell(scene, play, kept, said, |s| {
                let changed = s.parcels.keep_ms != keep;
                s.parcels.keep_ms = keep;
                changed
            });
        }
        Control::KeepsHistory(keeps) => {
            let keeps = *keeps;
            let said = crate::viz::control::labels::keeps_history_switched(keeps, reg);
            retell(scene, play, kept, said, |s| {
                let changed = s.keeps_history != keeps;
                s.keeps_history = keeps;
                changed
            });
        }
        Control::Sealed(sealed) => {
            let sealed = *sealed;
            let said = crate::viz::control::labels::sealed_switched(sealed, reg);
            retell(scene, play, kept, said, |s| {
                let changed = s.sealed != sealed;
                s.sealed = sealed;
                changed
            });
        }
        _ => {}
    }
}

/// A live action after the beat on screen: the story from there is told again.
fn act(
    scene: &mut OpenScene,
    play: &mut Playback,
    kept: &Autosave,
    action: Action,
    reg: crate::viz::lang::Register,
) {
    let Some(told) = scene.told.as_mut() else {
        return;
    };
    let here = told.lesson.scene().clone();
    let world = &here.world;
    // A switch of the dots tells nothing in the story itself: the notice says it.
    // An app closed or opened, a chat opened or closed, a recall: said there too
    // (the beat that tells it comes with the next step). Issue 27: a device
    // logged in, chats moved, and a letter by someone with several devices, said
    // with the device.
    let with_device = |d: &crate::sim::DeviceIdx| world.has_other_devices(world.owner(*d));
    let said = match &action {
        Action::SetPresence(p) => Some(crate::viz::control::labels::presence_switched(*p)),
        Action::CloseApp(_)
        | Action::OpenApp(_)
        | Action::OpenChat(..)
        | Action::CloseChat(_)
        | Action::Recall(_)
        | Action::MoveChats { .. } => Some(crate::viz::lang::ui::added(&action, world, reg)),
        Action::Login(d) | Action::Send { from: d, .. } if with_device(d) => {
            Some(crate::viz::lang::ui::added(&action, world, reg))
        }
        _ => None,
    };
    match told.inject(play.at, action) {
        Ok(_) => {
            scene.branch += 1;
            scene.notice = said;
            scene.offer = None;
            keep_safe(scene, kept);
        }
        Err(e) => scene.notice = Some(crate::viz::lang::ui::refused_in(&e, world)),
    }
}

/// Takes back the class's last change: a live action (the beat on screen stays, or
/// the last there is), or a switch of the panel (the story told again from its
/// start, as when it was switched).
fn undo(
    scene: &mut OpenScene,
    play: &mut Playback,
    kept: &Autosave,
    reg: crate::viz::lang::Register,
) {
    use crate::lesson::TakenBack;
    let Some(told) = scene.told.as_mut() else {
        return;
    };
    let undone = told.take_back(play.at);
    let own = told.lesson.own_settings().network.bandwidth_kb_per_s;
    match &undone {
        Some(TakenBack::Action((_, action))) => {
            play.at = play.at.min(scene.beats());
            scene.notice = Some(crate::viz::lang::ui::undone(
                action,
                &told_world(scene),
                reg,
            ));
            scene.branch += 1;
        }
        Some(TakenBack::Switch { was, now }) => {
            play.stand_at(0);
            play.playing = false;
            scene.generation += 1;
            scene.notice = crate::viz::control::labels::settings_switched(was, now, own, reg)
                .map(crate::viz::control::labels::switch_taken_back);
        }
        None => scene.notice = Some(crate::viz::lang::ui::nothing_to_undo()),
    }
    if undone.is_some() {
        keep_safe(scene, kept);
    }
}

/// The scene's own settings (as its text gives them) of the story on screen.
fn told_own(scene: &OpenScene) -> crate::sim::Settings {
    scene
        .told
        .as_ref()
        .map(|t| *t.lesson.own_settings())
        .unwrap_or_default()
}

/// The people and groups of the scene on screen.
fn told_world(scene: &OpenScene) -> std::sync::Arc<crate::sim::World> {
    scene
        .told
        .as_ref()
        .map(|t| t.lesson.scene().world.clone())
        .unwrap_or_default()
}

/// The scene told with its conversations ordered by `order`, from its start: a
/// different story, as when another scene is opened (the class's actions kept).
fn reorder(scene: &mut OpenScene, play: &mut Playback, kept: &Autosave, order: crate::sim::Order) {
    let Some(told) = scene.told.as_ref() else {
        return;
    };
    if told.lesson.scene().settings.order == order {
        return;
    }
    match told.with_order(order) {
        Ok(told) => {
            scene.told = Some(told);
            play.stand_at(0);
            play.playing = false;
            scene.generation += 1;
            scene.notice = Some(crate::viz::control::labels::order_switched(order));
            keep_safe(scene, kept);
        }
        Err(e) => {
            let world = told.lesson.scene().world.clone();
            scene.notice = Some(crate::viz::lang::ui::refused_in(&e, &world));
        }
    }
}

/// The scene told again from its start with its settings changed by `change`
/// (which says whether it changed anything): a different story, as when another
/// scene is opened (the class's actions kept), said in the notice.
fn retell(
    scene: &mut OpenScene,
    play: &mut Playback,
    kept: &Autosave,
    said: crate::viz::lang::Tr,
    change: impl FnOnce(&mut crate::sim::Settings) -> bool,
) {
    let Some(told) = scene.told.as_ref() else {
        return;
    };
    let mut settings = told.lesson.scene().settings;
    if !change(&mut settings) {
        return;
    }
    match told.with_settings(|s| *s = settings) {
        Ok(told) => {
            scene.told = Some(told);
            play.stand_at(0);
            play.playing = false;
            scene.generation += 1;
            scene.notice = Some(said);
            // A new lesson: an unsaved one is no longer offered (as after an action).
            scene.offer = None;
            scene.offer_settings = None;
            keep_safe(scene, kept);
        }
        Err(e) => {
            let world = told.lesson.scene().world.clone();
            scene.notice = Some(crate::viz::lang::ui::refused_in(&e, &world));
        }
    }
}

/// Takes back the lesson an earlier window left unsaved, or sets it aside.
fn restore(scene: &mut OpenScene, play: &mut Playback, kept: &Autosave, take: bool) {
    let Some(live) = scene.offer.take() else {
        return;
    };
    let settings = scene.offer_settings.take();
    scene.notice = None;
    if !take {
        if let Some(path) = &scene.path {
            autosave::clear(kept, path);
        }
        return;
    }
    let Some(told) = scene.told.as_mut() else {
        return;
    };
    if let Some(settings) = settings {
        // Switched settings: the story told again from its start, as switched.
        let actions = live.len();
        let kept = crate::lesson::autosave::Kept {
            live,
            settings: Some(settings),
        };
        match told.restore_kept(kept) {
            Ok(told) => {
                scene.told = Some(told);
                play.stand_at(0);
                play.playing = false;
                scene.generation += 1;
                scene.notice = Some(crate::viz::lang::ui::restored_with_switches(actions));
            }
            Err(e) => scene.notice = Some(crate::viz::lang::ui::refused(&e)),
        }
        return;
    }
    match told.restore(live) {
        Ok(()) => {
            scene.branch += 1;
            scene.notice = Some(crate::viz::lang::ui::restored(told.lesson.live().len()));
        }
        Err(e) => {
            let world = told.lesson.scene().world.clone();
            scene.notice = Some(crate::viz::lang::ui::refused_in(&e, &world));
        }
    }
}

/// Writes the lesson so far where a closed window or a crash cannot lose it.
fn keep_safe(scene: &OpenScene, kept: &Autosave) {
    let (Some(told), Some(path)) = (scene.told.as_ref(), scene.path.as_ref()) else {
        return;
    };
    if let Err(e) = autosave::save(kept, path, told.lesson.scene(), told.lesson.live()) {
        crate::report::out::warn(format_args!(
            "postoffice: the lesson is not kept safe: {}",
            crate::report::safe::one_line(&e.to_string())
        ));
    }
}

/// Writes the lesson beside its scene, says where (on screen and on stdout).
fn save(scene: &mut OpenScene, kept: &Autosave) {
    let (Some(told), Some(path)) = (scene.told.as_ref(), scene.path.as_ref()) else {
        return;
    };
    match told.lesson.save_beside(path) {
        Ok(saved) => {
            crate::report::out::note(format_args!(
                "saved the lesson as {}",
                crate::report::safe::one_line(&saved.display().to_string())
            ));
            // Saved for good: nothing to offer back next time.
            autosave::clear(kept, path);
            scene.notice = Some(crate::viz::lang::ui::saved(&saved.display().to_string()));
        }
        Err(e) => {
            crate::report::out::warn(format_args!(
                "postoffice: {}",
                crate::report::safe::one_line(&e.to_string())
            ));
            scene.notice = Some(crate::viz::lang::ui::not_saved(&e.to_string()));
        }
    }
}

fn advance(
    time: Res<Time>,
    mut play: ResMut<Playback>,
    mut scene: ResMut<OpenScene>,
    mut next: MessageWriter<Control>,
) {
    let real = time.delta_secs();
    let dt = real * play.speed();
    if play.progress < 1.0 {
        play.progress = (play.progress + dt / BEAT_SECONDS).min(1.0);
        return;
    }
    // Not while a question waits for the class's guess.
    if !play.playing || play.hold {
        return;
    }
    if let Some(waited) = play.waited_ms {
        // The story's clock runs at the chosen speed, or faster so that no
        // silence keeps the class waiting more than LONGEST_WAIT_SECONDS.
        let gap = scene.gap_ms(&play).unwrap_or(0.0);
        let rate = (play.speed() as f64 * 1000.0).max(gap / LONGEST_WAIT_SECONDS);
        let waited = waited + real as f64 * rate;
        play.waited_ms = Some(waited);
        if waited >= gap {
            next.write(Control::Next);
        }
        return;
    }
    play.dwell += dt;
    if play.dwell < READ_SECONDS {
        return;
    }
    if scene.at_end(&play) {
        play.playing = false;
        return;
    }
    let ahead = play.at + 1;
    if let Some(t) = scene.told.as_mut() {
        t.reach(ahead);
    }
    if scene.gap_ms(&play).is_some() {
        play.waited_ms = Some(0.0);
    } else {
        next.write(Control::Next);
    }
}

/// Makes the beat on screen when it changes (not every frame), and says so in
/// [`BeatShown`].
fn show_beat(play: Res<Playback>, mut scene: ResMut<OpenScene>, mut beat: ResMut<BeatShown>) {
    let key = scene.key(&play);
    if scene.shown_key != Some(key) {
        scene.refresh_shown(play.at);
    }
    beat.set_if_neq(key);
}
