//! The simulation's own thread, for loading. The window sends it commands (open
//! this scene) and it answers with the scene told as far as the first beats — a
//! [`Told`], which then lives in the window — or with the file's located error,
//! over crossbeam channels, so a large scene never freezes the picture.

use std::path::PathBuf;
use std::time::SystemTime;

use bevy::prelude::*;
use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::scenario::ScenarioError;
use crate::viz::story::told::{self, Told};

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Engine::start())
        .add_message::<Opened>()
        .add_systems(PreUpdate, receive);
}

/// What the window asks of the simulation.
#[derive(Debug)]
pub enum Command {
    /// Load, run and tell this scene.
    Open(PathBuf),
}

/// What the simulation answers.
pub enum Answer {
    Told {
        path: PathBuf,
        /// Taken by the show (a message is read by reference).
        told: std::sync::Mutex<Option<Box<Told>>>,
        modified: Option<SystemTime>,
    },
    Failed {
        path: PathBuf,
        error: ScenarioError,
    },
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Told { path, .. } => write!(f, "Told({})", path.display()),
            Answer::Failed { path, error } => write!(f, "Failed({}: {error})", path.display()),
        }
    }
}

/// The two ends of the simulation's channels.
#[derive(Resource)]
pub struct Engine {
    pub commands: Sender<Command>,
    pub answers: Receiver<Answer>,
    /// Commands sent and not answered yet.
    pub pending: usize,
}

impl Engine {
    pub fn start() -> Engine {
        let (commands, inbox) = unbounded::<Command>();
        let (outbox, answers) = unbounded::<Answer>();
        std::thread::Builder::new()
            .name("simulation".into())
            .spawn(move || serve(inbox, outbox))
            // Only fails when the OS cannot make a thread at all.
            .expect("start the simulation thread");
        Engine {
            commands,
            answers,
            pending: 0,
        }
    }

    pub fn open(&mut self, path: PathBuf) {
        // The thread lives as long as the Engine, so sending cannot fail.
        if self.commands.send(Command::Open(path)).is_ok() {
            self.pending += 1;
        }
    }

    /// Waits for every pending answer (tests and slides, which need determinism).
    pub fn wait(&mut self) -> Vec<Answer> {
        let mut out = Vec::new();
        while self.pending > 0 {
            match self.answers.recv() {
                Ok(a) => {
                    self.pending -= 1;
                    out.push(a);
                }
                Err(_) => break,
            }
        }
        out
    }
}

fn serve(inbox: Receiver<Command>, outbox: Sender<Answer>) {
    for command in inbox {
        let answer = match command {
            Command::Open(path) => {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                match told::tell(&path) {
                    Ok(told) => Answer::Told {
                        path,
                        told: std::sync::Mutex::new(Some(Box::new(told))),
                        modified,
                    },
                    Err(error) => Answer::Failed { path, error },
                }
            }
        };
        if outbox.send(answer).is_err() {
            return;
        }
    }
}

/// An answer arrived from the simulation.
#[derive(Message, Debug)]
pub struct Opened(pub Answer);

pub(in crate::viz) fn receive(mut engine: ResMut<Engine>, mut opened: MessageWriter<Opened>) {
    while let Ok(a) = engine.answers.try_recv() {
        engine.pending = engine.pending.saturating_sub(1);
        opened.write(Opened(a));
    }
}
