//! The diagram view (D): the story so far as a sequence diagram beside the picture,
//! following the beat on screen — a lane per phone and one for the post office, a
//! row per narrated event (its tag beside it), an arrow per frame on a long
//! connection (a lost one stops half-way at a ✗), the beat on screen highlighted.
//! The handout's diagram (`postoffice diagram`) drawn live, smaller: the same
//! model ([`crate::report::diagram::Model`]) decides the rows, lanes, arrows,
//! losses and folds, with heartbeats folded; this only paints it, in the same
//! colours ([`crate::report::palette`]): a parcel's arrows thin (issue 26), a
//! recalled letter's arrows and the rows that tear a copy up marked ✂ (issue 25).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::report::diagram::Model;
use crate::report::diagram::model::{Mark, Spot, slot};
use crate::report::palette::Ink;
use crate::sim::{DeviceIdx, Event, FrameKind, Lane, Lang, World};
use crate::viz::AppSystems;
use crate::viz::control::input::keys_free;
use crate::viz::lang::Language;
use crate::viz::palette as pal;
use crate::viz::story::show::{OpenScene, Playback};

/// The most phones the view has lanes for.
pub const MAX_LANES: usize = 12;
const ROW_H: f32 = 22.0;
const LANE_W: f32 = 74.0;
const TAG_W: f32 = 170.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Sequence>()
        .add_message::<ToggleDiagram>()
        .add_systems(
            Update,
            (keys.run_if(keys_free), toggle)
                .chain()
                .in_set(AppSystems::Input),
        );
}

/// Where egui runs: the view's window.
pub fn egui_plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, view);
}

/// The diagram view on or off (D): the view's own message, not the show's.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ToggleDiagram;

/// Whether the diagram view is open.
#[derive(Resource, Default, Debug)]
pub struct Sequence {
    pub open: bool,
}

/// D opens and closes the view (run only while the keys are free).
fn keys(keys: Res<ButtonInput<KeyCode>>, mut toggles: MessageWriter<ToggleDiagram>) {
    if keys.just_pressed(KeyCode::KeyD) {
        toggles.write(ToggleDiagram);
    }
}

fn toggle(mut toggles: MessageReader<ToggleDiagram>, mut sequence: ResMut<Sequence>) {
    for _ in toggles.read() {
        sequence.open = !sequence.open;
    }
}

/// One arrow: a frame from one lane to another, from a row to a row (or lost).
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    /// The rows it leaves and reaches (fractional: between two rows, or still on
    /// its way).
    pub leaves: f32,
    pub reaches: f32,
    pub lost: bool,
    pub kind: FrameKind,
    /// It carries a letter the post office later agreed to recall (issue 25):
    /// marked ✂, as the handout labels it.
    pub recalled: bool,
    /// It carries a sealed letter of this many bytes (issue 28): labelled
    /// "🔒 30 bytes" beside its middle, as the handout labels it, never words.
    pub sealed: Option<u32>,
}

/// An arrow's stroke width: a part of a parcel and the questions about it go on
/// the phone's parcel wire and are thin, as on the handout (issue 26); every
/// other frame as before.
pub fn stroke_width(kind: FrameKind) -> f32 {
    if kind.on_parcel_wire() { 1.0 } else { 1.6 }
}

/// The diagram of `events` (a trace up to the beat on screen) as the window shows
/// it: its rows (indices of narrated events) and arrows. See [`laid_out`].
pub fn layout(events: &[Event], phones: usize) -> (Vec<usize>, Vec<Arrow>) {
    let (model, rows, arrows) = laid_out(events, phones);
    let rows = rows.iter().map(|&k| model.rows[k].event).collect();
    (rows, arrows)
}

/// The [`Model`] the handout draws, heartbeats folded, with its rows one under
/// another (a lost frame's row left out: its arrow's ✗ tells it): the model, the
/// rows shown (indices into `model.rows`) and the arrows between them. Lanes:
/// phone `u` is lane `u`, the post office lane `phones`.
pub fn laid_out(events: &[Event], phones: usize) -> (Model, Vec<usize>, Vec<Arrow>) {
    let model = Model::build(events, phones, false);
    let shown: Vec<usize> = (0..model.rows.len())
        .filter(|&k| !model.rows[k].frame_lost)
        .collect();
    // Where each model row stands among the rows shown; one left out stands
    // half-way between its neighbours.
    let mut place = Vec::with_capacity(model.rows.len());
    let mut before = 0;
    for r in &model.rows {
        place.push(if r.frame_lost {
            (before as f32 - 0.5).max(0.0)
        } else {
            before as f32
        });
        before += usize::from(!r.frame_lost);
    }
    let end = events.last().map_or(0, |e| e.at);
    // A moment with no row stands half-way between the rows around it, or past
    // the last row while a frame is still on its way.
    let mut rows_before = 0;
    let moment: Vec<f32> = model
        .moments
        .iter()
        .map(|m| {
            if m.at > end {
                return shown.len() as f32 + 0.3;
            }
            let shown_before = place
                .get(rows_before)
                .copied()
                .unwrap_or(shown.len() as f32);
            rows_before = m.rows.end.max(rows_before);
            (shown_before - 0.5).max(0.0)
        })
        .collect();
    let y = |spot: Spot| match spot {
        Spot::Row(k) => place[k],
        Spot::Moment(m) => moment[m],
    };
    // The window's view has no push service lane (`Model::build`).
    let lane = |l: Lane| match l {
        Lane::Phone(u) => u.index(),
        Lane::PostOffice | Lane::PushService => phones,
    };
    let arrows = model
        .arrows
        .iter()
        .map(|a| {
            let leaves = y(a.leaves);
            Arrow {
                from: lane(a.from),
                to: lane(a.to),
                leaves,
                reaches: y(a.reaches).max(leaves),
                lost: a.lost,
                kind: a.kind,
                recalled: a.recalled,
                sealed: a.sealed,
            }
        })
        .collect();
    (model, shown, arrows)
}

fn view(
    mut contexts: EguiContexts,
    sequence: Res<Sequence>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
) -> Result {
    if !sequence.open {
        return Ok(());
    }
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let lesson = &told.lesson;
    let world = &lesson.scene().world;
    // Each device its own lane (issue 27), as the SVG diagram draws them.
    let phones = told.phones();
    let title = match lang {
        Lang::En => "The story as a diagram (D)",
        Lang::Zh => "时序图（D）",
    };
    egui::Window::new(title)
        .id(egui::Id::new("sequence-view"))
        .default_pos(egui::pos2(20.0, 60.0))
        .default_size(egui::vec2(560.0, 520.0))
        .resizable(true)
        .show(&ctx, |ui| {
            if phones > MAX_LANES {
                ui.label(match lang {
                    Lang::En => format!("{phones} phones are more than a diagram has lanes for."),
                    Lang::Zh => format!("{phones} 部手机，时序图放不下这么多泳道。"),
                });
                return;
            }
            let events = &lesson.trace()[..lesson.trace_end(play.at)];
            let (model, rows, arrows) = laid_out(events, phones);
            let drawing = Drawing {
                events,
                world,
                lang,
                phones,
                model,
                rows,
                arrows,
                current: play.at.checked_sub(1).map(|b| lesson.beats()[b].event()),
            };
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| drawing.paint(ui));
        });
    Ok(())
}

/// What the view paints: the model's rows shown and arrows, and the beat on screen.
struct Drawing<'a> {
    events: &'a [Event],
    world: &'a World,
    lang: Lang,
    phones: usize,
    model: Model,
    rows: Vec<usize>,
    arrows: Vec<Arrow>,
    /// The event on screen.
    current: Option<usize>,
}

/// Where the view paints, and in what.
struct Sheet {
    p: egui::Painter,
    rect: egui::Rect,
    font: egui::FontId,
    ink: egui::Color32,
}

impl Sheet {
    fn y(&self, row: f32) -> f32 {
        self.rect.min.y + 34.0 + row * ROW_H
    }
}

impl Drawing<'_> {
    /// A lane's middle, from the sheet's left: where the handout puts it.
    fn lane_x(&self, lane: usize) -> f32 {
        let lane = if lane == self.phones {
            Lane::PostOffice
        } else {
            Lane::Phone(DeviceIdx(lane as u32))
        };
        LANE_W / 2.0 + slot(lane, self.phones) as f32 * LANE_W
    }

    fn paint(&self, ui: &mut egui::Ui) {
        // The tags' column: wider where a tag needs it ("Numbered by the post
        // office"), so that none is cut at the sheet's edge.
        let font = egui::FontId::proportional(13.0);
        let tags: std::collections::BTreeSet<String> = self
            .rows
            .iter()
            .map(|&k| crate::words::tag(&self.events[self.model.rows[k].event], self.lang))
            .collect();
        let widest = ui.ctx().fonts_mut(|f| {
            tags.into_iter()
                .map(|tag| {
                    f.layout_no_wrap(tag, font.clone(), egui::Color32::BLACK)
                        .size()
                        .x
                })
                .fold(0.0, f32::max)
        });
        let width = (self.phones + 1) as f32 * LANE_W + TAG_W.max(widest + 12.0);
        let height = (self.rows.len() as f32 + 1.5) * ROW_H + 28.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
        let sheet = Sheet {
            p: ui.painter_at(rect),
            rect,
            font,
            ink: ui.visuals().text_color(),
        };
        self.lanes(&sheet);
        self.rows(&sheet);
        self.arrows(&sheet);
    }

    /// Each lane's name over its line.
    fn lanes(&self, s: &Sheet) {
        let grey = egui::Color32::from_gray(150);
        for lane in 0..=self.phones {
            let x = s.rect.min.x + self.lane_x(lane);
            let name = if lane == self.phones {
                match self.lang {
                    Lang::En => "Post office".to_string(),
                    Lang::Zh => "邮局".to_string(),
                }
            } else {
                self.world
                    .device_name(DeviceIdx(lane as u32), self.lang)
                    .to_string()
            };
            s.p.text(
                egui::pos2(x, s.rect.min.y + 12.0),
                egui::Align2::CENTER_CENTER,
                name,
                s.font.clone(),
                s.ink,
            );
            s.p.line_segment(
                [
                    egui::pos2(x, s.rect.min.y + 24.0),
                    egui::pos2(x, s.rect.max.y),
                ],
                egui::Stroke::new(1.0, grey),
            );
        }
    }

    /// Each row: its dot on its lane in the handout's colour, its tag, the beat
    /// on screen highlighted.
    fn rows(&self, s: &Sheet) {
        let tag_x = s.rect.min.x + (self.phones + 1) as f32 * LANE_W + 6.0;
        for (r, &k) in self.rows.iter().enumerate() {
            let row = &self.model.rows[k];
            let y = s.y(r as f32);
            if Some(row.event) == self.current {
                s.p.rect_filled(
                    egui::Rect::from_min_max(
                        egui::pos2(s.rect.min.x, y - ROW_H / 2.0),
                        egui::pos2(s.rect.max.x, y + ROW_H / 2.0),
                    ),
                    2.0,
                    egui::Color32::from_rgb(255, 236, 200),
                );
            }
            if let Some(lane) = row.lane {
                let colour = match row.mark {
                    Mark::Step(_) => pal::egui_colour(Ink::Letter),
                    Mark::Dot(ink) => pal::egui_colour(ink),
                };
                let lane = match lane {
                    Lane::Phone(u) => u.index(),
                    Lane::PostOffice | Lane::PushService => self.phones,
                };
                let x = s.rect.min.x + self.lane_x(lane);
                s.p.circle_filled(egui::pos2(x, y), 3.5, colour);
                // A copy of a recalled letter torn up here (issue 25): scissors
                // beside the mark, as on the handout.
                if row.torn {
                    s.p.text(
                        egui::pos2(x + 12.0, y),
                        egui::Align2::CENTER_CENTER,
                        "✂",
                        egui::FontId::proportional(15.0),
                        pal::egui_colour(Ink::SideRoad),
                    );
                }
            }
            s.p.text(
                egui::pos2(tag_x, y),
                egui::Align2::LEFT_CENTER,
                crate::words::tag(&self.events[row.event], self.lang),
                s.font.clone(),
                s.ink,
            );
        }
    }

    /// Each arrow in its frame's colour; a lost one stops half-way at a ✗.
    fn arrows(&self, s: &Sheet) {
        for a in &self.arrows {
            let colour = pal::egui_colour(Ink::of_frame(a.kind.row().look));
            let from = egui::pos2(s.rect.min.x + self.lane_x(a.from), s.y(a.leaves));
            let full = egui::pos2(s.rect.min.x + self.lane_x(a.to), s.y(a.reaches));
            let stroke = egui::Stroke::new(stroke_width(a.kind), colour);
            if a.lost {
                // Lost half-way across, at the row that tells it.
                let mid = egui::pos2((from.x + full.x) / 2.0, full.y);
                s.p.line_segment([from, mid], stroke);
                s.p.text(
                    mid,
                    egui::Align2::CENTER_CENTER,
                    "✗",
                    egui::FontId::proportional(16.0),
                    pal::egui_colour(Ink::Loss),
                );
            } else {
                s.p.arrow(from, full - from, stroke);
            }
            // A recalled letter's arrow (issue 25): ✂ beside its middle.
            if a.recalled {
                let mid = egui::pos2((from.x + full.x) / 2.0, (from.y + full.y) / 2.0 - 8.0);
                s.p.text(
                    mid,
                    egui::Align2::CENTER_CENTER,
                    "✂",
                    egui::FontId::proportional(14.0),
                    pal::egui_colour(Ink::SideRoad),
                );
            }
            // A sealed letter's arrow (issue 28): its lock and size.
            if let Some(bytes) = a.sealed {
                let mid = egui::pos2((from.x + full.x) / 2.0, (from.y + full.y) / 2.0 + 9.0);
                s.p.text(
                    mid,
                    egui::Align2::CENTER_CENTER,
                    sealed_label(bytes, self.lang),
                    egui::FontId::proportional(12.0),
                    colour,
                );
            }
        }
    }
}

/// The label of a sealed letter's arrow (issue 28): "🔒 30 bytes", the words
/// layer's, never the letter's words.
pub fn sealed_label(bytes: u32, lang: Lang) -> String {
    crate::words::window::sealed_envelope(bytes)
        .get(lang)
        .to_string()
}
