//! The teacher's controls: keys and dropped files ([`input`]), the bars around the
//! picture ([`bars`]) and the teacher's panel ([`panel`], egui).

pub mod bars;
pub mod input;
pub mod labels;
pub mod panel;

use bevy::prelude::*;

/// The controls' systems (the panel's egui pass is [`egui_plugin`]'s).
pub fn plugin(app: &mut App) {
    app.add_plugins((bars::plugin, input::plugin, panel::plugin));
}

/// The controls' egui systems, for an app with `bevy_egui::EguiPlugin`.
pub fn egui_plugin(app: &mut App) {
    panel::egui_plugin(app);
}
