//! A run as a sequence diagram: [`model`] decides what it shows (lanes, rows,
//! arrows, losses, folds), [`svg`] paints it as an SVG page for a printed handout
//! (`postoffice diagram`), and the window's diagram view (`viz::sequence`) paints
//! the same model on screen. Colours come from [`crate::report::palette`].
//!
//! The handout: one lane per phone and one for the post office, in the middle:
//! phones listed first in the scene on its left, the others on its right, so that
//! a letter from the first person to the second crosses the page from left to
//! right. Time flows down. Each frame put on a wire is one arrow, from where it
//! leaves to where it arrives; a lost one stops half-way at a ✗. The nine steps
//! of the first letter are numbered in small circles on their lanes, and every
//! narrated event's sentence stands in the right margin beside its time, so the
//! page reads as the story.
//!
//! Vertical space goes by event, not by milliseconds: each caption gets the room
//! its lines need, a short wait a little room that grows with its length, and a
//! quiet stretch of half a second or more a band of its own saying how long it was
//! ("… 14 s later …"). Heartbeats, their answers and the login attempts lost on
//! the way are folded into one note per phone unless `heartbeats` is set.
//!
//! This module only makes the text of the picture; the command line writes it.
//! The same trace always makes the same bytes.

pub mod model;
mod svg;

pub use model::Model;
pub use svg::{svg, xml};

use crate::sim::{Lang, Settings};
use crate::words::{Context, Register};

/// The most phones a diagram has lanes for: more would not fit a page.
pub const MAX_PHONES: usize = 12;

/// What to draw, and the words of the heading.
pub struct Options<'a> {
    pub lang: Lang,
    /// How the captions tell the story.
    pub register: Register,
    /// The scene's timings (the captions quote them).
    pub settings: &'a Settings,
    /// Draw every heartbeat, its answer and every login attempt as an arrow.
    pub heartbeats: bool,
    /// The scene's title, in `lang`.
    pub title: &'a str,
    /// The line under the title (the file and the seed).
    pub subtitle: &'a str,
}

/// The sentence that tells event `i` of the run (the one place the diagram asks
/// for words): its letter named when there are several, as the timeline says it.
pub fn sentence(ctx: &Context, i: usize, o: &Options) -> String {
    crate::words::caption(ctx, i, o.lang, o.register)
}

thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of an inner loop (see [`steps`]).
fn step(n: usize) {
    STEPS.with(|s| s.set(s.get() + n as u64));
}

/// The steps of inner loops (a row, a lane, a box looked at) the diagrams drawn on
/// this thread have taken so far: what a test counts to see that the work grows
/// linearly with the run, without timing it.
pub fn steps() -> u64 {
    STEPS.with(|s| s.get())
}
