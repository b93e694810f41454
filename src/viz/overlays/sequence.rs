//! The diagram view (D): the story so far as a sequence diagram beside the picture,
//! following the beat on screen — a lane per phone and one for the post office, a
//! row per narrated event (its tag beside it), an arrow per frame on a long
//! connection (a lost one stops half-way at a ✗), the beat on screen highlighted.
//! The handout's diagram (`postoffice diagram`) drawn live, smaller: heartbeats
//! and their answers are left out.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::sim::kinds::{FrameFold, Look};
use crate::sim::{Dir, Event, FrameId, FrameKind, Lane, Lang, UserIdx, What};
use crate::viz::AppSystems;
use crate::viz::control::input::keys_free;
use crate::viz::lang::Language;
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
    /// The rows it leaves and reaches (fractional: still on its way).
    pub leaves: f32,
    pub reaches: f32,
    pub lost: bool,
    pub kind: FrameKind,
}

/// The diagram of `events` (a trace up to the beat on screen): its rows (indices
/// of narrated events) and arrows. Lanes: phone `u` is lane `u`, the post office
/// lane `phones`.
pub fn layout(events: &[Event], phones: usize) -> (Vec<usize>, Vec<Arrow>) {
    let rows: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_narrated() && !matches!(e.what, What::FrameLost { .. }))
        .map(|(i, _)| i)
        .collect();
    // The row of the narrated event that sent a frame at index `i` (the last one
    // before it), and the row a frame arriving at time `t` reaches.
    let row_at_index = |i: usize| rows.partition_point(|&r| r < i).saturating_sub(1) as f32;
    let row_at_time = |t: u64| {
        let n = rows.partition_point(|&r| events[r].at < t);
        n as f32
    };
    let lost: std::collections::BTreeSet<FrameId> = events
        .iter()
        .filter_map(|e| match e.what {
            What::FrameLost { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    let end = events.last().map_or(0, |e| e.at);
    let mut arrows = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let What::FrameOut {
            id,
            user,
            dir,
            frame,
            arrives,
        } = e.what
        else {
            continue;
        };
        if frame.row().fold == FrameFold::Always || user.index() >= phones {
            continue;
        }
        let (from, to) = match dir {
            Dir::ToServer => (user.index(), phones),
            Dir::ToPhone => (phones, user.index()),
        };
        let leaves = row_at_index(i);
        let is_lost = lost.contains(&id);
        let reaches = if is_lost {
            leaves + 0.5
        } else if arrives > end {
            // Still on its way: it reaches past the last row.
            rows.len() as f32 + 0.3
        } else {
            row_at_time(arrives).max(leaves)
        };
        arrows.push(Arrow {
            from,
            to,
            leaves,
            reaches,
            lost: is_lost,
            kind: frame,
        });
    }
    (rows, arrows)
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
    let phones = told.people.len();
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
            let (rows, arrows) = layout(events, phones);
            // Lanes: the first half of the phones left of the post office.
            let left = phones.div_ceil(2);
            let lane_x = |lane: usize| -> f32 {
                let slot = if lane == phones {
                    left
                } else if lane < left {
                    lane
                } else {
                    lane + 1
                };
                LANE_W / 2.0 + slot as f32 * LANE_W
            };
            let width = (phones + 1) as f32 * LANE_W + TAG_W;
            let height = (rows.len() as f32 + 1.5) * ROW_H + 28.0;
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
                    let p = ui.painter_at(rect);
                    let o = rect.min;
                    let y_of = |row: f32| o.y + 34.0 + row * ROW_H;
                    let font = egui::FontId::proportional(13.0);
                    let ink = ui.visuals().text_color();
                    let grey = egui::Color32::from_gray(150);
                    for lane in 0..=phones {
                        let x = o.x + lane_x(lane);
                        let name = if lane == phones {
                            match lang {
                                Lang::En => "Post office".to_string(),
                                Lang::Zh => "邮局".to_string(),
                            }
                        } else {
                            world.name(UserIdx(lane as u32), lang).to_string()
                        };
                        p.text(
                            egui::pos2(x, o.y + 12.0),
                            egui::Align2::CENTER_CENTER,
                            name,
                            font.clone(),
                            ink,
                        );
                        p.line_segment(
                            [egui::pos2(x, o.y + 24.0), egui::pos2(x, rect.max.y)],
                            egui::Stroke::new(1.0, grey),
                        );
                    }
                    let tag_x = o.x + (phones + 1) as f32 * LANE_W + 6.0;
                    let current = play.at.checked_sub(1).map(|b| lesson.beats()[b].event());
                    for (r, &i) in rows.iter().enumerate() {
                        let e = &events[i];
                        let y = y_of(r as f32);
                        if Some(i) == current {
                            p.rect_filled(
                                egui::Rect::from_min_max(
                                    egui::pos2(o.x, y - ROW_H / 2.0),
                                    egui::pos2(rect.max.x, y + ROW_H / 2.0),
                                ),
                                2.0,
                                egui::Color32::from_rgb(255, 236, 200),
                            );
                        }
                        if let Some(lane) = lane(e, phones) {
                            p.circle_filled(egui::pos2(o.x + lane_x(lane), y), 3.5, ink);
                        }
                        p.text(
                            egui::pos2(tag_x, y),
                            egui::Align2::LEFT_CENTER,
                            crate::words::tag(e, lang),
                            font.clone(),
                            ink,
                        );
                    }
                    for a in &arrows {
                        let colour = match a.kind.row().look {
                            Look::Mail => egui::Color32::from_rgb(31, 95, 191),
                            Look::Ack => egui::Color32::from_rgb(43, 138, 75),
                            Look::Returned => egui::Color32::from_rgb(197, 106, 18),
                            Look::Upkeep => grey,
                        };
                        let from = egui::pos2(o.x + lane_x(a.from), y_of(a.leaves));
                        let full = egui::pos2(o.x + lane_x(a.to), y_of(a.reaches));
                        let stroke = egui::Stroke::new(1.6, colour);
                        if a.lost {
                            let mid = from + (full - from) * 0.5;
                            p.line_segment([from, mid], stroke);
                            p.text(
                                mid,
                                egui::Align2::CENTER_CENTER,
                                "✗",
                                egui::FontId::proportional(16.0),
                                egui::Color32::from_rgb(214, 39, 40),
                            );
                        } else {
                            p.arrow(from, full - from, stroke);
                        }
                    }
                });
        });
    Ok(())
}

/// The lane a narrated event's dot goes on.
fn lane(e: &Event, phones: usize) -> Option<usize> {
    let lane = match e.lane()? {
        Lane::Phone(u) => u.index(),
        Lane::PostOffice => phones,
    };
    (lane <= phones).then_some(lane)
}
