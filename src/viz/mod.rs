//! The visualizer: a bevy window a teacher steps through in front of a class.
//!
//! It owns no IM logic. A scene is loaded on the simulation's own thread
//! ([`engine`]) and told as a [`crate::lesson::Lesson`] ([`told`]); the beat on
//! screen is turned into a picture, motion and words when it comes on screen
//! ([`present`]), and keys, clicks and the panel into [`show::Control`]s — the
//! class's live actions among them. Every module has one `plugin(app)`; the frame's order is
//! [`AppSystems`], chained in one place below, after a story coming in has been
//! taken in `PreUpdate` and the [`telling::Telling`] state has changed with it.
//!
//! Everything but [`art`] and [`slides`] also runs without a renderer (tests use
//! `MinimalPlugins`; see [`headless_plugins`]).

pub mod art;
pub mod autosave;
pub mod bars;
pub mod card;
pub mod crowd;
pub mod engine;
pub mod frames;
pub mod input;
pub mod lang;
pub mod layout;
pub mod measure;
pub mod palette;
pub mod panel;
pub mod picture;
pub mod predict;
pub mod present;
pub mod sequence;
pub mod show;
pub mod slides;
pub mod story;
pub mod teach;
pub mod telling;
pub mod tokens;
pub mod told;
pub mod tools;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::WindowResolution;

/// The order of one frame, in one place.
#[derive(SystemSet, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AppSystems {
    /// Keys, buttons, dropped files.
    Input,
    /// Playback moves on.
    Update,
    /// The phones and the post office.
    Picture,
    /// Envelopes, cards, heartbeats.
    Tokens,
    /// Caption, controls, menu, error panel.
    Bars,
    /// Every text shows the chosen language.
    Words,
}

/// The visualizer's plugins, with or without a renderer.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::Input,
            AppSystems::Update,
            AppSystems::Picture,
            AppSystems::Tokens,
            AppSystems::Bars,
            AppSystems::Words,
        )
            .chain(),
    );
    app.add_plugins(telling::plugin);
    app.add_plugins((
        art::plugin,
        lang::plugin,
        engine::plugin,
        show::plugin,
        picture::plugin,
        crowd::plugin,
        tokens::plugin,
        bars::plugin,
        card::plugin,
        input::plugin,
        panel::plugin,
        tools::plugin,
        predict::plugin,
        sequence::plugin,
        teach::plugin,
    ));
}

/// What a headless test needs before [`plugin`]: no window, no renderer.
pub fn headless_plugins(app: &mut App) {
    app.add_plugins((
        MinimalPlugins,
        bevy::state::app::StatesPlugin,
        bevy::input::InputPlugin,
    ));
    app.add_message::<bevy::window::FileDragAndDrop>();
    app.insert_resource(autosave::Autosave(None));
}

/// Whether there is a display to open a window on (X11 or Wayland).
pub fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

/// What a headless test needs to run the teacher's panel (egui) too: an asset
/// store, a window entity (never opened) and a camera for egui's context. Call
/// after [`headless_plugins`] and [`plugin`].
pub fn headless_egui(app: &mut App) -> Entity {
    app.add_plugins((
        bevy::asset::AssetPlugin::default(),
        bevy::window::WindowPlugin {
            primary_window: None,
            exit_condition: bevy::window::ExitCondition::DontExit,
            ..default()
        },
        bevy::image::ImagePlugin::default(),
    ));
    app.init_asset::<bevy::shader::Shader>();
    app.add_plugins(bevy_egui::EguiPlugin::default());
    panel::egui_plugin(app);
    tools::egui_plugin(app);
    sequence::egui_plugin(app);
    teach::egui_plugin(app);
    let window = app
        .world_mut()
        .spawn((Window::default(), bevy::window::PrimaryWindow))
        .id();
    app.world_mut().spawn(Camera2d);
    window
}

/// The window's settings: 1280 × 720 to start, resizable.
pub(crate) fn window_plugins(visible: bool) -> impl PluginGroup {
    DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "postoffice".into(),
            resolution: WindowResolution::new(1280, 720),
            visible,
            ..default()
        }),
        ..default()
    })
}

/// Builds the window app on `file` (rendering, but not yet running).
pub fn window_app(file: PathBuf, visible: bool) -> App {
    let mut app = App::new();
    app.add_plugins(window_plugins(visible))
        .insert_resource(ClearColor(palette::BACKGROUND))
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        });
    plugin(&mut app);
    app.add_plugins(bevy_egui::EguiPlugin::default());
    panel::egui_plugin(&mut app);
    tools::egui_plugin(&mut app);
    sequence::egui_plugin(&mut app);
    teach::egui_plugin(&mut app);
    open_first(&mut app, file);
    app
}

/// Asks for the first scene and fills the scenes menu.
pub fn open_first(app: &mut App, file: PathBuf) {
    app.world_mut().resource_mut::<bars::SceneList>().scenes = input::list_scenes(Some(&file));
    app.world_mut().resource_mut::<engine::Engine>().open(file);
}

/// Opens the window on `file` and runs until it is closed.
pub fn open(file: PathBuf) -> AppExit {
    window_app(file, true).run()
}
