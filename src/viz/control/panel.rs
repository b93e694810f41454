//! The teacher's panel beside the picture (egui), hidden at start; Tab shows it.
//!
//! - **Compose**: who writes, to whom (a person or a group), and the words; Enter
//!   (or Send) adds the letter to the story after the beat on screen. Chinese comes
//!   in through the input method (its pre-edit and commit) or a paste. A photo or
//!   a voice message may go with it ([`Attach`]): the words are its label.
//! - **Save**: the lesson is written beside its scene (also Ctrl+S, anywhere).
//! - **Event list**: every event told so far — time, who, what, step — filtered by
//!   kind (heartbeats hidden at first); only the rows in view are made (thousands
//!   stay fast). A click shows that event's beat; the beat on screen is highlighted
//!   and kept in view.
//!
//! The panel only writes [`Control`]s, as the keys and buttons do; what it shows
//! comes from the lesson. Its state lives in [`Panel`], so that the keys know when
//! a text box has the keyboard.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::lesson::Lesson;
use crate::scenario::MAX_TEXT_CHARS;
use crate::sim::{
    Action, Actor, Dest, Event, Family, GroupIdx, Lang, Order, ParcelKind, Stage, UserIdx,
};
use crate::viz::control::labels;
use crate::viz::lang::{Language, Tr, Wording};
use crate::viz::palette as pal;
use crate::viz::story::show::{BeatShown, Control, OpenScene, Playback};
use crate::words::{Context, Register, caption, side_road_name};

/// The panel's width on screen, in logical pixels, when it stands beside the
/// picture.
pub const WIDTH: f32 = 400.0;
/// The least height of the panel when it lies under the picture.
pub const MIN_HEIGHT: f32 = 160.0;

/// Where the open panel stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dock {
    /// Beside the picture, on the right (a wide window).
    Right,
    /// Under the picture (a 4:3 or a small window): the picture keeps the whole
    /// width, the panel's parts stand side by side.
    Bottom,
}

/// Where the picture and the panel go in a window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// `None` when the panel is closed.
    pub dock: Option<Dock>,
    /// The window's part the picture is fitted into (logical pixels).
    pub picture: Rect,
    /// The panel's size along its dock: its width on the right, its height below.
    pub size: f32,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Panel>();
}

/// The panel's egui pass: only where egui runs (the window, and tests that add
/// `bevy_egui::EguiPlugin`).
pub fn egui_plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, (fonts, draw).chain());
}

/// Whom a letter goes to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum To {
    Person(usize),
    Group(usize),
}

/// What goes with the letter being written (issue 26): nothing, a photo of some
/// kB, or a voice message of some seconds (made into a parcel by
/// [`crate::lesson::parcels`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Attach {
    #[default]
    Nothing,
    Photo {
        kb: u32,
    },
    Voice {
        seconds: u32,
    },
}

impl Attach {
    /// The parcel it sends (`None` for nothing).
    pub fn parcel(self) -> Option<crate::sim::Parcel> {
        match self {
            Attach::Nothing => None,
            Attach::Photo { kb } => Some(crate::lesson::parcels::photo(kb)),
            Attach::Voice { seconds } => Some(crate::lesson::parcels::voice(seconds)),
        }
    }
}

/// The attachments the compose box offers: a photo sent smaller (as apps send
/// one by default) or whole ("Original"), and voice messages of 5 s, 12 s and
/// WeChat's longest, 60 s.
pub const ATTACHMENTS: [Attach; 6] = [
    Attach::Nothing,
    Attach::Photo { kb: 300 },
    Attach::Photo { kb: 1200 },
    Attach::Voice { seconds: 5 },
    Attach::Voice { seconds: 12 },
    Attach::Voice { seconds: 60 },
];

pub use crate::lesson::parcels::{BANDWIDTHS, PARCELS_KEPT};

/// The kinds of event the list can show.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Filters {
    /// The nine steps and the letters' side roads.
    pub letters: bool,
    /// ✓, ✓✓ and the news of deliveries.
    pub receipts: bool,
    pub heartbeats: bool,
    /// Logins, logouts, reconnects.
    pub logins: bool,
    /// What the scene or the class does to the network and the post office.
    pub faults: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            letters: true,
            receipts: true,
            heartbeats: false,
            logins: true,
            faults: true,
        }
    }
}

impl Filters {
    /// Whether the list shows event `e`.
    pub fn shows(&self, e: &Event) -> bool {
        match e.what.row().family {
            Family::Letter => self.letters,
            Family::News => self.receipts,
            Family::Connection => self.logins,
            Family::Heartbeat => self.heartbeats,
            Family::Fault => self.faults,
            Family::Upkeep => false,
        }
    }
}

/// The panel's state.
#[derive(Resource, Debug)]
pub struct Panel {
    pub open: bool,
    /// Who writes (a person).
    pub from: usize,
    /// Which of her devices writes, where she has several (issue 27): `None`,
    /// or a device not hers, is her main phone.
    pub device: Option<crate::sim::DeviceIdx>,
    pub to: To,
    /// The words being typed.
    pub draft: String,
    /// A photo or voice message to go with them.
    pub attach: Attach,
    pub filters: Filters,
    /// Put the keyboard in the compose box at the next pass.
    pub focus_compose: bool,
    /// Take the keyboard out of the text box at the next pass (Esc).
    pub leave_text: bool,
    /// A text box has the keyboard: Ctrl+Z takes back typing, not the lesson.
    pub typing: bool,
    /// Something of the panel or a tool's window (a text box, a button, a list)
    /// has the keyboard: Tab, the arrows, Space and Enter move about it and press
    /// its buttons, single-key shortcuts are off; Esc gives the keyboard back.
    pub keyboard: bool,
    /// The rows of the event list: indices into the trace, for the filters and
    /// the trace they were made for.
    rows: Vec<usize>,
    rows_for: Option<(BeatShown, usize, Filters)>,
    /// The beat whose rows were last scrolled into view.
    scrolled_to: Option<BeatShown>,
    /// "Change the story": what is changed (an index into the scene's targets),
    /// and the other person of a phone's block or befriend.
    pub change: usize,
    pub with: usize,
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            open: false,
            from: 0,
            device: None,
            to: To::Person(1),
            draft: String::new(),
            attach: Attach::Nothing,
            filters: Filters::default(),
            focus_compose: false,
            leave_text: false,
            typing: false,
            keyboard: false,
            rows: Vec::new(),
            rows_for: None,
            scrolled_to: None,
            change: 0,
            with: 1,
        }
    }
}

impl Panel {
    /// Opens the panel with the keyboard in the compose box.
    pub fn open_to_compose(&mut self) {
        self.open = true;
        self.focus_compose = true;
    }

    /// Where the picture and the panel go in a window of this size (logical
    /// pixels). The panel stands on the right while the picture beside it keeps the
    /// scale its smallest words need ([`pal::MIN_SCALE`]); otherwise it lies under
    /// the picture, which then keeps the window's width (or as much of it as leaves
    /// the panel [`MIN_HEIGHT`]).
    pub fn place(&self, window: Vec2) -> Placement {
        let canvas = crate::viz::stage::layout::CANVAS;
        let whole = Rect::from_corners(Vec2::ZERO, window.max(Vec2::ONE));
        if !self.open {
            return Placement {
                dock: None,
                picture: whole,
                size: 0.0,
            };
        }
        let right = ((window.x - WIDTH) / canvas.x).min(window.y / canvas.y);
        if right >= pal::MIN_SCALE {
            return Placement {
                dock: Some(Dock::Right),
                picture: Rect::new(0.0, 0.0, (window.x - WIDTH).max(1.0), window.y.max(1.0)),
                size: WIDTH,
            };
        }
        let s = (window.x / canvas.x).min((window.y - MIN_HEIGHT) / canvas.y);
        let height = (window.y - canvas.y * s).max(MIN_HEIGHT.min(window.y - 1.0));
        Placement {
            dock: Some(Dock::Bottom),
            picture: Rect::new(0.0, 0.0, window.x.max(1.0), (window.y - height).max(1.0)),
            size: height,
        }
    }

    /// The letter being written, as a control (`None` when there are no words and
    /// nothing attached, or nobody to write to). With a photo or a voice message
    /// it is a `Send` with its `parcel:`, the words its label; without words,
    /// "Photo 2", "Voice message 1"…, `sent` being the letters with a parcel of
    /// that kind the class has sent so far.
    pub fn letter(&self, people: usize, groups: usize, sent: &[(u64, Action)]) -> Option<Control> {
        let words = self.draft.trim();
        let parcel = self.attach.parcel();
        if (words.is_empty() && parcel.is_none()) || self.from >= people {
            return None;
        }
        let to = match self.to {
            To::Person(p) if p < people && p != self.from => Dest::User(UserIdx(p as u32)),
            To::Group(g) if g < groups => Dest::Group(GroupIdx(g as u32)),
            _ => return None,
        };
        let from = UserIdx(self.from as u32);
        // On another of her devices: a `Send` from it (issue 27).
        let device = self
            .device
            .filter(|d| *d != crate::sim::DeviceIdx::main(from));
        let Some(parcel) = parcel else {
            return Some(match device {
                None => Control::Compose {
                    from,
                    to,
                    text: words.to_string(),
                },
                Some(d) => Control::Act(Action::Send {
                    from: d,
                    to,
                    text: crate::sim::Text::same(words),
                    parcel: None,
                }),
            });
        };
        let text = match words.is_empty() {
            true => {
                let voice = |k: &ParcelKind| matches!(k, ParcelKind::Voice { .. });
                let same_kind = |a: &Action| matches!(a, Action::Send { parcel: Some(p), .. } if voice(&p.kind) == voice(&parcel.kind));
                let nth = sent.iter().filter(|(_, a)| same_kind(a)).count() + 1;
                labels::parcel_label(parcel.kind, nth)
            }
            false => crate::sim::Text::same(words),
        };
        Some(Control::Act(Action::Send {
            from: device.unwrap_or(crate::sim::DeviceIdx::main(from)),
            to,
            text,
            parcel: Some(parcel),
        }))
    }

    /// Whether the single-key shortcuts are the picture's: no text box, button or
    /// list of the panel (or of a tool's window) has the keyboard. See
    /// [`crate::viz::control::input::keys_free`].
    pub fn keys_free(&self) -> bool {
        !(self.typing || self.keyboard)
    }

    /// The event list's rows for this lesson (made again when it changed).
    fn rows(&mut self, beat: BeatShown, lesson: &Lesson) -> &[usize] {
        // The story and its branch decide the trace; the beat on screen does not.
        let key = (
            BeatShown { at: 0, ..beat },
            lesson.trace().len(),
            self.filters,
        );
        if self.rows_for != Some(key) {
            self.rows = lesson
                .trace()
                .iter()
                .enumerate()
                .filter(|(_, e)| self.filters.shows(e))
                .map(|(i, _)| i)
                .collect();
            self.rows_for = Some(key);
        }
        &self.rows
    }
}

/// The beat (count of beats shown) that shows trace event `i`.
pub fn beat_of(lesson: &Lesson, i: usize) -> usize {
    let beats = lesson.beats();
    if i < lesson.trace_end(0) {
        return 0;
    }
    // The first beat whose events end after `i`.
    (beats.partition_point(|b| b.events.end <= i) + 1).min(beats.len())
}

/// The panels' fonts: egui's own first (Latin, and its emoji), then the picture's
/// fonts (Chinese, the marks), each family falling back through them in order.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for (i, data) in crate::viz::art::PICTURE_FONTS.iter().enumerate() {
        let name = format!("picture-{i}");
        fonts.font_data.insert(
            name.clone(),
            std::sync::Arc::new(egui::FontData::from_static(data)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.clone());
        }
    }
    fonts
}

/// Latin in egui's own font, Chinese in the embedded one ([`font_definitions`]);
/// every text size from the palette, large enough to read on a projector.
fn fonts(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.set_fonts(font_definitions());
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        ctx.style_mut_of(theme, |s| {
            for (style, font) in s.text_styles.iter_mut() {
                font.size = match style {
                    egui::TextStyle::Small => pal::PANEL_SMALL,
                    egui::TextStyle::Heading => pal::PANEL_HEADING,
                    _ => pal::PANEL_TEXT,
                };
            }
            s.spacing.interact_size.y = pal::PANEL_TEXT + 8.0;
        });
    }
    ctx.set_visuals(egui::Visuals::light());
    *done = true;
    Ok(())
}

fn tr(t: Tr, lang: Lang) -> String {
    t.get(lang).to_string()
}

/// What the panel's parts need.
struct Parts<'a> {
    scene: &'a OpenScene,
    play: &'a Playback,
    beat: BeatShown,
    told: &'a crate::viz::story::told::Told,
    lang: Lang,
    register: Register,
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    mut panel: ResMut<Panel>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    windows: Query<&Window>,
    wording: Res<Wording>,
    beat: Res<BeatShown>,
    mut controls: MessageWriter<Control>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if std::mem::take(&mut panel.leave_text) {
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
    }
    panel.keyboard = ctx.memory(|m| m.focused().is_some());
    if !panel.open {
        panel.typing = false;
        return Ok(());
    }
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let window = windows
        .iter()
        .next()
        .map_or(crate::viz::stage::layout::CANVAS, |w| w.size());
    let place = panel.place(window);
    let parts = Parts {
        scene: &scene,
        play: &play,
        beat: *beat,
        told,
        lang: lang.0,
        register: wording.0,
    };
    let mut root = egui::Ui::new(
        ctx.clone(),
        "panel-root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let panel = &mut *panel;
    let controls = &mut controls;
    if place.dock == Some(Dock::Bottom) {
        // Under the picture: writing and saving, changing the story, and what
        // happened, side by side.
        egui::Panel::bottom("teacher-panel")
            .exact_size(place.size)
            .resizable(false)
            .show(&mut root, |ui| {
                let w = ui.available_width();
                let h = ui.available_height();
                ui.horizontal_top(|ui| {
                    let column =
                        |ui: &mut egui::Ui,
                         width: f32,
                         id: &str,
                         add: &mut dyn FnMut(&mut egui::Ui)| {
                            ui.allocate_ui_with_layout(
                                egui::vec2(width, h),
                                egui::Layout::top_down(egui::Align::Min),
                                |ui| {
                                    ui.set_width(width);
                                    egui::ScrollArea::vertical()
                                        .id_salt(id)
                                        .auto_shrink([false, false])
                                        .show(ui, |ui| add(ui));
                                },
                            );
                        };
                    let gap = 3.0 * ui.spacing().item_spacing.x;
                    column(ui, w * 0.3 - gap, "compose-column", &mut |ui| {
                        compose(ui, panel, &parts, controls, w * 0.3 - 90.0);
                        save(ui, &parts, controls);
                    });
                    ui.separator();
                    column(ui, w * 0.24 - gap, "change-column", &mut |ui| {
                        order(ui, &parts, controls);
                        presence(ui, &parts, controls);
                        notifications(ui, &parts, controls);
                        shelf(ui, &parts, controls);
                        read_receipts(ui, &parts, controls);
                        recall_limit(ui, &parts, controls);
                        bandwidth(ui, &parts, controls);
                        parcels_kept(ui, &parts, controls);
                        keeps_history(ui, &parts, controls);
                        devices(ui, &parts, controls);
                        change(ui, panel, &parts, controls, w * 0.24 - 40.0);
                        // Last: the Tab order of what came before stays.
                        sealed(ui, &parts, controls);
                    });
                    ui.separator();
                    ui.allocate_ui_with_layout(
                        egui::vec2(ui.available_width(), h),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| events(ui, panel, &parts, controls),
                    );
                });
            });
    } else {
        egui::Panel::right("teacher-panel")
            .exact_size(WIDTH)
            .resizable(false)
            .show(&mut root, |ui| {
                ui.add_space(6.0);
                compose(ui, panel, &parts, controls, WIDTH - 90.0);
                ui.add_space(4.0);
                save(ui, &parts, controls);
                ui.separator();
                if told.live() {
                    egui::CollapsingHeader::new(tr(labels::change(), parts.lang))
                        .id_salt("change-the-story")
                        .show(ui, |ui| change(ui, panel, &parts, controls, WIDTH - 40.0));
                }
                // After the fold: its place in the Tab order stays.
                order(ui, &parts, controls);
                presence(ui, &parts, controls);
                notifications(ui, &parts, controls);
                shelf(ui, &parts, controls);
                read_receipts(ui, &parts, controls);
                recall_limit(ui, &parts, controls);
                bandwidth(ui, &parts, controls);
                parcels_kept(ui, &parts, controls);
                keeps_history(ui, &parts, controls);
                devices(ui, &parts, controls);
                sealed(ui, &parts, controls);
                ui.separator();
                events(ui, panel, &parts, controls);
            });
    }
    Ok(())
}

/// Compose: who writes to whom, the words, Send.
fn compose(
    ui: &mut egui::Ui,
    panel: &mut Panel,
    parts: &Parts,
    controls: &mut MessageWriter<Control>,
    text_width: f32,
) {
    let (told, lang) = (parts.told, parts.lang);
    let world = &told.lesson.scene().world;
    let people = told.people.len();
    let groups = world.groups.len();
    ui.heading(tr(labels::compose(), lang));
    if !told.live() {
        ui.label(tr(labels::recorded(), lang));
        panel.typing = false;
        return;
    }
    let name = |p: usize| world.name(UserIdx(p as u32), lang).to_string();
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(labels::from(), lang));
        egui::ComboBox::from_id_salt("compose-from")
            .selected_text(name(panel.from.min(people.saturating_sub(1))))
            .show_ui(ui, |ui| {
                for p in 0..people {
                    ui.selectable_value(&mut panel.from, p, name(p));
                }
            });
        ui.label(tr(labels::to(), lang));
        let to_name = |t: To| match t {
            To::Person(p) if p < people => name(p),
            To::Group(g) if g < groups => world.groups[g].name.get(lang).to_string(),
            _ => "?".into(),
        };
        egui::ComboBox::from_id_salt("compose-to")
            .selected_text(to_name(panel.to))
            .show_ui(ui, |ui| {
                for p in (0..people).filter(|&p| p != panel.from) {
                    ui.selectable_value(&mut panel.to, To::Person(p), name(p));
                }
                for g in 0..groups {
                    ui.selectable_value(
                        &mut panel.to,
                        To::Group(g),
                        format!("{} ({})", to_name(To::Group(g)), tr(labels::group(), lang)),
                    );
                }
            });
    });
    if panel.to == To::Person(panel.from) {
        panel.to = To::Person(if panel.from == 0 { 1 } else { 0 });
    }
    device(ui, panel, world, lang);
    attach(ui, panel, lang);
    let mut send = false;
    let hint = match panel.attach {
        Attach::Nothing => labels::hint(),
        _ => labels::hint_label(),
    };
    ui.horizontal(|ui| {
        // Its own id: the device picker coming and going above it (a writer
        // with several devices or not) leaves it the keyboard.
        let edit = egui::TextEdit::singleline(&mut panel.draft)
            .id_salt("compose-text")
            .char_limit(MAX_TEXT_CHARS)
            .hint_text(tr(hint, lang))
            .desired_width(text_width.max(80.0));
        let r = ui.add(edit);
        if std::mem::take(&mut panel.focus_compose) {
            r.request_focus();
        }
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            send = true;
        }
        panel.typing = r.has_focus();
        if ui.button(tr(labels::send(), lang)).clicked() {
            send = true;
        }
    });
    if send && let Some(letter) = panel.letter(people, groups, told.lesson.live()) {
        controls.write(letter);
        panel.draft.clear();
        panel.attach = Attach::Nothing;
    }
    ui.label(egui::RichText::new(tr(labels::joins_after(), lang)).small());
}

/// Which of the writer's devices writes, where she has several (issue 27): her
/// phone, her computer, her new phone, named as the scene names them. A device
/// chosen for someone else is forgotten.
fn device(ui: &mut egui::Ui, panel: &mut Panel, world: &crate::sim::World, lang: Lang) {
    let from = UserIdx(panel.from as u32);
    if panel.device.is_some_and(|d| world.owner(d) != from) {
        panel.device = None;
    }
    if panel.from >= world.phones() || !world.has_other_devices(from) {
        return;
    }
    let hint = tr(labels::device_hint(), lang);
    let chosen = panel.device.unwrap_or(crate::sim::DeviceIdx::main(from));
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(labels::device(), lang))
            .on_hover_text(hint.clone());
        egui::ComboBox::from_id_salt("compose-device")
            .selected_text(world.device_name(chosen, lang))
            .show_ui(ui, |ui| {
                for d in world.devices_of(from) {
                    ui.selectable_value(&mut panel.device, Some(d), world.device_name(d, lang));
                }
            })
            .response
            .on_hover_text(hint);
    });
}

/// What goes with the letter: nothing, a photo, a voice message (issue 26).
fn attach(ui: &mut egui::Ui, panel: &mut Panel, lang: Lang) {
    let hint = tr(labels::attach_hint(), lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(labels::attach(), lang))
            .on_hover_text(hint.clone());
        egui::ComboBox::from_id_salt("compose-attach")
            .selected_text(tr(labels::attach_choice(panel.attach.parcel()), lang))
            .show_ui(ui, |ui| {
                for a in ATTACHMENTS {
                    ui.selectable_value(
                        &mut panel.attach,
                        a,
                        tr(labels::attach_choice(a.parcel()), lang),
                    );
                }
            })
            .response
            .on_hover_text(hint);
    });
}

/// Save, where the lesson stands, and the messages for the teacher.
fn save(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (scene, play, told, lang) = (parts.scene, parts.play, parts.told, parts.lang);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(told.live(), egui::Button::new(tr(labels::save(), lang)))
            .clicked()
        {
            controls.write(Control::Save);
        }
        let at = crate::viz::lang::ui::beat_counter(play.at, scene.beats());
        ui.label(egui::RichText::new(tr(at, lang)).weak());
    });
    if let Some(notice) = &scene.notice {
        ui.label(egui::RichText::new(notice.get(lang)).color(egui::Color32::DARK_BLUE));
    }
    if scene.offer.is_some() {
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr(labels::restore(), lang)).clicked() {
                controls.write(Control::Restore(true));
            }
            if ui.button(tr(labels::afresh(), lang)).clicked() {
                controls.write(Control::Restore(false));
            }
        });
    }
}

/// The scene setting `order:` as a switch: on, the post office numbers each
/// conversation's letters. Switching tells the story again from its start (see
/// [`Control::Order`]); a recorded story cannot switch, and says so.
fn order(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang) = (parts.told, parts.lang);
    let now = told.lesson.scene().settings.order;
    let mut on = now == Order::PostOffice;
    let r = ui
        .add_enabled(
            told.live(),
            egui::Checkbox::new(&mut on, tr(labels::order(), lang)),
        )
        .on_hover_text(tr(labels::order_restarts(), lang))
        .on_disabled_hover_text(tr(labels::order_recorded(), lang));
    if r.changed() {
        controls.write(Control::Order(if on {
            Order::PostOffice
        } else {
            Order::EachPhone
        }));
    }
    if !told.live() {
        ui.label(egui::RichText::new(tr(labels::order_recorded(), lang)).small());
    }
}

/// The scene setting `presence:` as a switch: no dots, pushed by the post office,
/// or asked for by each phone every 10 s (and the scene's own interval, when it
/// pulls at another). The choice shown is the one in effect after the beat on
/// screen; choosing another adds a live `SetPresence` there, saved with the lesson
/// and taken back with Ctrl+Z like any action. A recorded story cannot switch.
fn presence(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    use crate::sim::Presence;
    let (told, lang) = (parts.told, parts.lang);
    let now = told.lesson.presence_after(parts.play.at);
    let mut choices = vec![Presence::Off, Presence::Push, PULL_EVERY_10_S];
    if !choices.contains(&now) {
        choices.push(now);
    }
    let mut chosen = now;
    ui.add_enabled_ui(told.live(), |ui| {
        ui.label(tr(labels::presence(), lang))
            .on_hover_text(tr(labels::presence_hint(), lang));
        ui.horizontal_wrapped(|ui| {
            for p in choices {
                ui.radio_value(&mut chosen, p, tr(labels::presence_choice(p), lang))
                    .on_hover_text(tr(labels::presence_hint(), lang))
                    .on_disabled_hover_text(tr(labels::presence_recorded(), lang));
            }
        });
    });
    if chosen != now {
        controls.write(Control::Act(crate::sim::Action::SetPresence(chosen)));
    }
}

/// The scene setting `notifications:` as a switch (issue 24): off, or what a
/// closed app's lock screen shows (the name and the words, the name only, only
/// "New message"). Like the order, switching tells the story again from its
/// start ([`Control::Notifications`]); a recorded story cannot switch.
fn notifications(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    use crate::sim::Notifications as N;
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    let now = told.lesson.scene().settings.notifications;
    let mut chosen = now;
    ui.add_enabled_ui(told.live(), |ui| {
        ui.label(tr(labels::notifications(reg), lang))
            .on_hover_text(tr(labels::notifications_hint(reg), lang));
        ui.horizontal_wrapped(|ui| {
            for n in [N::Off, N::Words, N::NameOnly, N::Hidden] {
                ui.radio_value(
                    &mut chosen,
                    n,
                    tr(labels::notifications_choice(n, reg), lang),
                )
                .on_hover_text(tr(labels::notifications_hint(reg), lang))
                .on_disabled_hover_text(tr(labels::notifications_recorded(), lang));
            }
        });
    });
    if chosen != now {
        controls.write(Control::Notifications(chosen));
    }
}

/// The scene setting `shelf:` as a switch (issue 24): the letters waiting on the
/// shelf handed over at login, or fetched when the app opens. Switching tells the
/// story again from its start ([`Control::Shelf`]); a recorded story cannot.
fn shelf(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    use crate::sim::Shelf;
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    let now = told.lesson.scene().settings.shelf;
    let mut chosen = now;
    ui.add_enabled_ui(told.live(), |ui| {
        ui.label(tr(labels::shelf(reg), lang))
            .on_hover_text(tr(labels::shelf_hint(), lang));
        ui.horizontal_wrapped(|ui| {
            for s in [Shelf::HandedOver, Shelf::Fetched] {
                ui.radio_value(&mut chosen, s, tr(labels::shelf_choice(s, reg), lang))
                    .on_hover_text(tr(labels::shelf_hint(), lang))
                    .on_disabled_hover_text(tr(labels::shelf_recorded(), lang));
            }
        });
    });
    if chosen != now {
        controls.write(Control::Shelf(chosen));
    }
}

/// The scene setting `read_receipts:` as a switch (issue 25): off (WeChat),
/// everyone, both must have it on (WhatsApp), the reader decides (iMessage); the
/// scene's list of who turned them off is kept. Switching tells the story again
/// from its start ([`Control::ReadReceipts`]); a recorded story cannot.
fn read_receipts(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    use crate::sim::ReadReceipts as R;
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    let now = told.lesson.scene().settings.read_receipts;
    let mut chosen = now;
    ui.add_enabled_ui(told.live(), |ui| {
        ui.label(tr(labels::read_receipts(reg), lang))
            .on_hover_text(tr(labels::read_receipts_hint(), lang));
        ui.horizontal_wrapped(|ui| {
            for r in [R::Off, R::On, R::Mutual, R::Reader] {
                ui.radio_value(&mut chosen, r, tr(labels::read_receipts_choice(r), lang))
                    .on_hover_text(tr(labels::read_receipts_hint(), lang))
                    .on_disabled_hover_text(tr(labels::read_receipts_recorded(), lang));
            }
        });
    });
    if chosen != now {
        controls.write(Control::ReadReceipts(chosen));
    }
}

/// The recall limits the panel offers: 10 s (to see a refusal soon), WeChat's
/// two minutes, an hour; and the scene's own where it is another.
pub const RECALL_LIMITS: [crate::sim::Time; 3] = [10_000, crate::sim::RECALL_LIMIT_MS, 3_600_000];

/// The scene setting `recall: (limit_ms:)` as a switch (issue 25), shown only in
/// a story where a letter is recalled (the scene's or the class's `Recall`).
/// Switching tells the story again from its start ([`Control::RecallLimit`]); a
/// recorded story shows none.
fn recall_limit(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang) = (parts.told, parts.lang);
    let lesson = &told.lesson;
    let recall = |a: &crate::sim::Action| matches!(a, crate::sim::Action::Recall(_));
    let recalls = lesson.scene().script.iter().any(|(_, a)| recall(a))
        || lesson.live().iter().any(|(_, a)| recall(a));
    if !told.live() || !recalls {
        return;
    }
    let now = lesson.scene().settings.recall_limit_ms;
    let mut choices = RECALL_LIMITS.to_vec();
    if !choices.contains(&now) {
        choices.push(now);
    }
    let mut chosen = now;
    ui.label(tr(labels::recall_limit(), lang))
        .on_hover_text(tr(labels::recall_limit_hint(), lang));
    ui.horizontal_wrapped(|ui| {
        for ms in choices {
            ui.radio_value(&mut chosen, ms, tr(labels::recall_limit_choice(ms), lang))
                .on_hover_text(tr(labels::recall_limit_hint(), lang));
        }
    });
    if chosen != now {
        controls.write(Control::RecallLimit(chosen));
    }
}

/// The scene setting `network: (bandwidth_kb_per_s:)` as a switch (issue 26): how
/// fast each phone's line for photos and voice messages is. Shown in every live
/// lesson, not only in a scene with parcels: the compose box can attach a photo
/// to a letter in any scene, and a teacher may set the line's speed before the
/// class sends its first (the hint says letters do not wait for it). Switching
/// tells the story again from its start ([`Control::Bandwidth`]), Ctrl+Z takes it
/// back; a recorded story shows none.
fn bandwidth(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    if !told.live() {
        return;
    }
    let now = told.lesson.scene().settings.network.bandwidth_kb_per_s;
    let own = told.lesson.own_settings().network.bandwidth_kb_per_s;
    let mut choices = BANDWIDTHS.to_vec();
    for extra in [own, now] {
        if !choices.contains(&extra) {
            choices.push(extra);
        }
    }
    // No limit first, then the slowest to the fastest.
    choices.sort_by_key(|bw| bw.map_or(0, |n| u64::from(n) + 1));
    let mut chosen = now;
    ui.label(tr(labels::bandwidth(reg), lang))
        .on_hover_text(tr(labels::bandwidth_hint(reg), lang));
    ui.horizontal_wrapped(|ui| {
        for bw in choices {
            ui.radio_value(&mut chosen, bw, tr(labels::bandwidth_choice(bw, own), lang))
                .on_hover_text(tr(labels::bandwidth_hint(reg), lang));
        }
    });
    if chosen != now {
        controls.write(Control::Bandwidth(chosen));
    }
}

/// The scene setting `parcels: (keep_ms:)` as a switch (issue 26), shown only in
/// a story with a photo or a voice message (the scene's or the class's): how long
/// the parcel store keeps one. Switching tells the story again from its start
/// ([`Control::ParcelsKept`]), Ctrl+Z takes it back; a recorded story shows none.
fn parcels_kept(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    if !told.live() || !told.lesson.has_parcels() {
        return;
    }
    let now = told.lesson.scene().settings.parcels.keep_ms;
    let own = told.lesson.own_settings().parcels.keep_ms;
    let mut choices = PARCELS_KEPT.to_vec();
    for extra in [own, now] {
        if !choices.contains(&extra) {
            choices.push(extra);
        }
    }
    // For ever first, then the shortest to the longest.
    choices.sort_by_key(|keep| keep.map_or(0, |ms| ms.saturating_add(1)));
    let mut chosen = now;
    ui.label(tr(labels::parcels_kept(reg), lang))
        .on_hover_text(tr(labels::parcels_kept_hint(), lang));
    ui.horizontal_wrapped(|ui| {
        for keep in choices {
            ui.radio_value(
                &mut chosen,
                keep,
                tr(labels::parcels_kept_choice(keep, own), lang),
            )
            .on_hover_text(tr(labels::parcels_kept_hint(), lang));
        }
    });
    if chosen != now {
        controls.write(Control::ParcelsKept(chosen));
    }
}

/// The scene setting `keeps_history:` as a switch (issue 27): whether the post
/// office sends a device logging in for the first time the old chats from its
/// archive. Shown only in a scene where someone has several devices: elsewhere
/// no device is ever new (a main phone never gets the archive), so the switch
/// would change nothing the class could see. Switching tells the story again
/// from its start ([`Control::KeepsHistory`]), Ctrl+Z takes it back; a recorded
/// story shows none.
fn keeps_history(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    if !told.live() || !told.lesson.has_devices() {
        return;
    }
    let now = told.lesson.scene().settings.keeps_history;
    let mut chosen = now;
    let hint = tr(labels::keeps_history_hint(reg), lang);
    ui.label(tr(labels::keeps_history(reg), lang))
        .on_hover_text(hint.clone());
    ui.horizontal_wrapped(|ui| {
        for keeps in [false, true] {
            ui.radio_value(
                &mut chosen,
                keeps,
                tr(labels::keeps_history_choice(keeps), lang),
            )
            .on_hover_text(hint.clone());
        }
    });
    if chosen != now {
        controls.write(Control::KeepsHistory(chosen));
    }
}

/// The scene setting `sealed:` as a switch (issue 28): whether letters travel
/// sealed, end-to-end encrypted. Shown in every scene told live: every scene
/// has letters (or the class can write one), and sealing changes how each is
/// drawn and told at the post office (a sealed envelope, what the post office
/// can see) and, with several devices, what a new device can open. Placed last,
/// so that the Tab order of every switch before it stays. Switching tells the
/// story again from its start ([`Control::Sealed`]), Ctrl+Z takes it back; a
/// recorded story shows none.
fn sealed(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    if !told.live() {
        return;
    }
    let now = told.lesson.sealed();
    let mut chosen = now;
    let hint = tr(labels::sealed_hint(reg), lang);
    ui.label(tr(labels::sealed(reg), lang))
        .on_hover_text(hint.clone());
    ui.horizontal_wrapped(|ui| {
        for sealed in [false, true] {
            ui.radio_value(&mut chosen, sealed, tr(labels::sealed_choice(sealed), lang))
                .on_hover_text(hint.clone());
        }
    });
    if chosen != now {
        controls.write(Control::Sealed(chosen));
    }
}

/// The class's device actions (issue 27), for each person with several
/// devices: "… opens the app (logs in)" for a device of hers logged out (never
/// joined yet, or logged out since) where a login fits the script, and "Move
/// the chats over" from her old phone to each new phone of hers. Each is a live
/// action after the beat on screen; a recorded story shows none.
fn devices(ui: &mut egui::Ui, parts: &Parts, controls: &mut MessageWriter<Control>) {
    let (told, lang, reg) = (parts.told, parts.lang, parts.register);
    let lesson = &told.lesson;
    if !told.live() || !lesson.has_devices() {
        return;
    }
    let world = &lesson.scene().world;
    let actions: Vec<Action> = (0..world.phones())
        .map(|p| UserIdx(p as u32))
        .filter(|&u| world.has_other_devices(u))
        .flat_map(|u| {
            let logins = lesson.devices_to_log_in(parts.play.at, u);
            logins
                .into_iter()
                .map(Action::Login)
                .chain(lesson.moves_offered(u))
        })
        .collect();
    // Nothing to offer (every device logged in, no second phone): no heading.
    if actions.is_empty() {
        return;
    }
    ui.label(tr(labels::devices(), lang))
        .on_hover_text(tr(labels::devices_hint(), lang));
    {
        for a in actions {
            let words = crate::words::act::offer(&a, world, lang, reg);
            if ui
                .button(words)
                .on_hover_text(tr(labels::devices_hint(), lang))
                .clicked()
            {
                controls.write(Control::Act(a));
            }
        }
    }
}

/// The panel's pulling choice.
const PULL_EVERY_10_S: crate::sim::Presence = crate::sim::Presence::Pull { every_ms: 10_000 };

/// Change the story: what to change, and the changes it takes.
fn change(
    ui: &mut egui::Ui,
    panel: &mut Panel,
    parts: &Parts,
    controls: &mut MessageWriter<Control>,
    width: f32,
) {
    let (play, told, lang) = (parts.play, parts.told, parts.lang);
    if !told.live() {
        return;
    }
    let targets = crate::viz::overlays::tools::targets(told);
    panel.change = panel.change.min(targets.len().saturating_sub(1));
    egui::ComboBox::from_id_salt("change-what")
        .width(width.max(80.0))
        .selected_text(
            crate::viz::overlays::tools::target_name(told, targets[panel.change], parts.register)
                .get(lang),
        )
        .show_ui(ui, |ui| {
            for (i, t) in targets.iter().enumerate() {
                let name = crate::viz::overlays::tools::target_name(told, *t, parts.register);
                ui.selectable_value(&mut panel.change, i, name.get(lang));
            }
        });
    crate::viz::overlays::tools::fault_buttons(
        ui,
        told,
        play.at,
        targets[panel.change],
        &mut panel.with,
        (lang, parts.register),
        controls,
        false,
    );
    if ui.button(tr(labels::undo(), lang)).clicked() {
        controls.write(Control::Undo);
    }
}

/// What happened: the filters and the event list.
fn events(
    ui: &mut egui::Ui,
    panel: &mut Panel,
    parts: &Parts,
    controls: &mut MessageWriter<Control>,
) {
    let lang = parts.lang;
    ui.heading(tr(labels::events(), lang));
    ui.horizontal_wrapped(|ui| {
        let f = &mut panel.filters;
        ui.checkbox(&mut f.letters, tr(labels::letters(), lang));
        ui.checkbox(&mut f.receipts, tr(labels::receipts(), lang));
        ui.checkbox(
            &mut f.heartbeats,
            crate::words::window::heartbeats_filter(lang, parts.register),
        );
        ui.checkbox(&mut f.logins, tr(labels::logins(), lang));
        ui.checkbox(&mut f.faults, tr(labels::faults(), lang));
    });
    event_list(
        ui,
        panel,
        parts.beat,
        parts.play,
        &parts.told.lesson,
        lang,
        parts.register,
        controls,
    );
}

/// The event list: only the rows in view are made.
#[allow(clippy::too_many_arguments)]
fn event_list(
    ui: &mut egui::Ui,
    panel: &mut Panel,
    beat: BeatShown,
    play: &Playback,
    lesson: &Lesson,
    lang: Lang,
    register: Register,
    controls: &mut MessageWriter<Control>,
) {
    let world = lesson.scene().world.clone();
    // The same words as the caption: the letter named, things explained the first
    // time after the opening.
    let settings = &lesson.scene().settings;
    let told = Context::told_from(&world, settings, lesson.trace(), lesson.trace_end(0));
    let current = play
        .at
        .checked_sub(1)
        .and_then(|i| lesson.beats().get(i))
        .map(|b| b.events.clone());
    let rows = panel.rows(beat, lesson).to_vec();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("events")
        .auto_shrink([false, false]);
    // Keep the beat on screen in view when it changes.
    if panel.scrolled_to != Some(beat) {
        panel.scrolled_to = Some(beat);
        if let Some(range) = &current {
            // Rows stand `row_height` apart, plus the spacing between them.
            let pitch = row_height + ui.spacing().item_spacing.y;
            let first = rows.partition_point(|&i| i < range.start);
            let offset = ((first as f32 - 3.0) * pitch).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
    }
    area.show_rows(ui, row_height, rows.len(), |ui, shown| {
        for &i in &rows[shown] {
            let e = &lesson.trace()[i];
            let who = match e.actor {
                Actor::Phone(u) => world.device_name(u, lang).to_string(),
                Actor::PostOffice => tr(crate::viz::lang::ui::post_office(), lang),
                Actor::Network => tr(labels::network(), lang),
                Actor::PushService => tr(labels::push_service(), lang),
            };
            let tag = match e.stage() {
                Stage::Step(s) => format!("{}/9", s.number()),
                Stage::Side(r) => side_road_name(r, lang).to_string(),
                Stage::Background => String::new(),
            };
            let text = format!(
                "{:>8.3}  {who} · {tag} · {}",
                e.at as f64 / 1000.0,
                caption(&told, i, lang, register)
            );
            let on = current.as_ref().is_some_and(|r| r.contains(&i));
            // One line each; the whole sentence on hover (and on the caption bar
            // after a click).
            let r = ui
                .add(egui::Button::selectable(on, egui::RichText::new(text.clone())).truncate())
                .on_hover_text(text);
            if r.clicked() {
                controls.write(Control::JumpTo(beat_of(lesson, i)));
            }
        }
    });
}
