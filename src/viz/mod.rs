//! The visualizer: a bevy window a teacher steps through in front of a class.
//!
//! It owns no IM logic. It is five feature folders, each with one `plugin(app)`
//! that registers its own systems (docs/window.md):
//!
//! - [`story`]: a scene loaded on the simulation's own thread and told as a
//!   [`crate::lesson::Lesson`], the beat on screen and playback, the beat made into a
//!   picture, motion and words when it comes on screen;
//! - [`stage`]: the phones, the post office, a crowd's tiles, what travels;
//! - [`control`]: keys, the bars and the teacher's panel, turned into
//!   [`story::show::Control`]s — the class's live actions among them;
//! - [`overlays`]: the opening card, the tools and inspector, predict mode, the
//!   diagram view, the teacher's cards and glossary;
//! - [`offline`]: `slides` and `frames`, the renderer without a teacher.
//!
//! Beside them, the parts every folder uses: [`lang`], [`palette`], [`measure`]
//! (with [`cmap`]) and [`art`]. The frame's order is [`AppSystems`], chained in one
//! place below, after a story coming in has been taken in `PreUpdate` and the
//! [`story::telling::Telling`] state has changed with it.
//!
//! Everything but [`art`] and [`offline`] also runs without a renderer (tests use
//! `MinimalPlugins`; see [`headless_plugins`]).

pub mod art;
pub mod cmap;
pub mod control;
pub mod kinds;
pub mod lang;
pub mod measure;
pub mod offline;
pub mod overlays;
pub mod palette;
pub mod stage;
pub mod story;

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
    app.add_plugins((
        story::plugin,
        art::plugin,
        lang::plugin,
        stage::plugin,
        control::plugin,
        overlays::plugin,
    ));
}

/// The egui systems of the panel and the overlays, for an app that has
/// `bevy_egui::EguiPlugin` (added after [`plugin`]).
pub fn egui_plugins(app: &mut App) {
    control::egui_plugin(app);
    overlays::egui_plugin(app);
}

/// What a headless test needs before [`plugin`]: no window, no renderer.
pub fn headless_plugins(app: &mut App) {
    app.add_plugins((
        MinimalPlugins,
        bevy::state::app::StatesPlugin,
        bevy::input::InputPlugin,
    ));
    app.add_message::<bevy::window::FileDragAndDrop>();
    app.insert_resource(story::autosave::Autosave(None));
}

/// Whether there is a display to open a window on (X11 or Wayland).
pub fn has_display() -> bool {
    display().is_ok()
}

/// Whether a window can be opened here: on Windows and macOS, always; elsewhere, a
/// display is named (`DISPLAY` for X11, or `WAYLAND_DISPLAY` where this build
/// speaks Wayland) and its server answers. `Err` says in a few words why not.
#[cfg(any(windows, target_os = "macos"))]
pub fn display() -> Result<(), String> {
    Ok(())
}

/// Whether a window can be opened here: a display is named (`DISPLAY` for X11, or
/// `WAYLAND_DISPLAY` where this build speaks Wayland) and its server answers; or,
/// in a few words, why not.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn display() -> Result<(), String> {
    let wayland = cfg!(feature = "wayland")
        .then(|| std::env::var_os("WAYLAND_DISPLAY"))
        .flatten()
        .filter(|w| !w.is_empty());
    if let Some(name) = &wayland {
        let path = std::path::PathBuf::from(name);
        let path = if path.is_absolute() {
            path
        } else {
            std::path::PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR").unwrap_or_default())
                .join(path)
        };
        if std::os::unix::net::UnixStream::connect(&path).is_ok() {
            return Ok(());
        }
    }
    let Some(x) = std::env::var_os("DISPLAY").filter(|d| !d.is_empty()) else {
        return Err(if wayland.is_some() {
            "the Wayland display does not answer, and DISPLAY is not set".into()
        } else {
            "no display: DISPLAY is not set".into()
        });
    };
    let x = x.to_string_lossy().into_owned();
    if x11_answers(&x) {
        Ok(())
    } else {
        Err(format!(
            "the display DISPLAY={} does not answer",
            crate::report::safe::brief(&x, crate::report::safe::QUOTED)
        ))
    }
}

/// Whether the X server of `display` (`:0`, `:1.0`, `host:0`, `unix:0`, a socket's
/// path) accepts a connection.
#[cfg(all(unix, not(target_os = "macos")))]
fn x11_answers(display: &str) -> bool {
    use std::os::unix::net::UnixStream;
    if display.starts_with('/') {
        // A socket's path (launchd), the screen number after its last colon.
        let path = display.rsplit_once(':').map_or(display, |(p, _)| p);
        return UnixStream::connect(path).is_ok() || UnixStream::connect(display).is_ok();
    }
    let display = display.rsplit_once('/').map_or(display, |(_, d)| d);
    let Some((host, number)) = display.rsplit_once(':') else {
        return false;
    };
    let number = number.split('.').next().unwrap_or_default();
    let Ok(n) = number.parse::<u16>() else {
        return false;
    };
    if host.is_empty() || host == "unix" {
        let socket = format!("/tmp/.X11-unix/X{n}");
        #[cfg(target_os = "linux")]
        {
            use std::os::linux::net::SocketAddrExt;
            if let Ok(addr) = std::os::unix::net::SocketAddr::from_abstract_name(socket.as_bytes())
                && UnixStream::connect_addr(&addr).is_ok()
            {
                return true;
            }
        }
        if UnixStream::connect(&socket).is_ok() {
            return true;
        }
        if host == "unix" {
            return false;
        }
    }
    let host = if host.is_empty() { "localhost" } else { host };
    let Some(port) = 6000u16.checked_add(n) else {
        return false;
    };
    use std::net::ToSocketAddrs;
    let Ok(addrs) = (host, port).to_socket_addrs() else {
        return false;
    };
    addrs.into_iter().any(|a| {
        std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_secs(2)).is_ok()
    })
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
    egui_plugins(app);
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
    egui_plugins(&mut app);
    open_first(&mut app, file);
    app
}

/// Asks for the first scene and fills the scenes menu.
pub fn open_first(app: &mut App, file: PathBuf) {
    app.world_mut()
        .resource_mut::<control::bars::SceneList>()
        .scenes = control::input::list_scenes(Some(&file));
    app.world_mut()
        .resource_mut::<story::engine::Engine>()
        .open(file);
}

/// Opens the window on `file`, in `lang` and telling the story in `register`, and
/// runs until it is closed.
pub fn open(
    file: PathBuf,
    language: crate::sim::Lang,
    register: crate::words::Register,
) -> AppExit {
    let mut app = window_app(file, true);
    app.insert_resource(lang::Language(language))
        .insert_resource(lang::Wording(register));
    app.run()
}
