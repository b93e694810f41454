//! What the class is being asked, shared by the overlays that ask and by slides:
//! the teacher's cards' state ([`Teach`], which predict mode reads so that its
//! question waits while a card is up) and [`OnSlides`] (the cards say what a
//! printed slide can do). Apart from bevy it imports only [`BeatShown`], so that predict
//! mode, the teacher's cards and slides each depend on it and not on each other.

use bevy::prelude::*;

use crate::viz::story::show::BeatShown;

/// The state of the teacher's cards.
#[derive(Resource, Default, Debug)]
pub struct Teach {
    /// The glossary is open (G).
    pub glossary: bool,
    /// The scene's questions asked on the beat on screen (their places in the
    /// scene's `questions`), while the card is up.
    pub asking: Vec<usize>,
    /// The answers are shown (A), on the question card and the recap.
    pub answers: bool,
    /// The recap card is up (→ at the end of the story).
    pub recap: bool,
    /// The beat the cards were made for.
    pub(in crate::viz) made_for: Option<BeatShown>,
    /// The beat whose question card was closed (Enter).
    pub(in crate::viz) closed: Option<BeatShown>,
}

/// Marks an app that takes slides: the cards say what a printed slide can do
/// (no "press A").
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct OnSlides;
