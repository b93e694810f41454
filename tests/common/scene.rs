//! A scene written by a test, parsed and run to its end.

use std::sync::Arc;

use postoffice::scenario::{self, Scenario};
use postoffice::sim::Event;

/// The scene in `text`, named `file` in its errors; a mistake fails the test with
/// the message and the text.
pub fn parse(file: &str, text: &str) -> Arc<Scenario> {
    Arc::new(scenario::parse(file, text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}")))
}

/// The whole trace of the scene in `text`.
pub fn replay(file: &str, text: &str) -> Vec<Event> {
    let scene = parse(file, text);
    let mut sim = scene.sim(None, true);
    sim.run();
    sim.take_events()
}
