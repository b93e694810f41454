//! What comes over or beside the picture: the opening card ([`card`]), the class's
//! tools and the inspector ([`tools`]), predict mode ([`predict`]), the diagram
//! view ([`sequence`]) and the teacher's cards and glossary ([`teach`]).

pub mod asking;
pub mod card;
pub mod predict;
pub mod sequence;
pub mod teach;
pub mod tools;

use bevy::prelude::*;

/// The overlays' systems (their egui passes are [`egui_plugin`]'s).
pub fn plugin(app: &mut App) {
    app.add_plugins((
        card::plugin,
        tools::plugin,
        predict::plugin,
        sequence::plugin,
        teach::plugin,
    ));
}

/// The overlays' egui systems, for an app with `bevy_egui::EguiPlugin`.
pub fn egui_plugin(app: &mut App) {
    tools::egui_plugin(app);
    sequence::egui_plugin(app);
    teach::egui_plugin(app);
}
