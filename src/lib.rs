//! postoffice: how one chat message travels from one phone to another.
//!
//! Layers, each standing only on those below it:
//! - [`sim`]: the deterministic simulation (phones, links, the post office) and its trace.
//!   It knows nothing of files, printing or bevy.
//! - [`scenario`]: reads scenario files (format v1), reports mistakes with their place,
//!   builds a simulation from them and checks a run's expectations against its trace.
//! - [`lesson`]: a scene told beat by beat, with actions a class adds live; branching
//!   and saving. No window: the window drives it.
//! - [`words`]: every sentence, in English and Chinese and in three registers (story,
//!   story with the technical words, engineer); the timeline's folded lines.
//! - [`report`]: lays a trace out as a timeline or JSON Lines, with the words.
//! - [`bench`]: the large workload behind `postoffice bench`.
//! - [`files`]: writing a command's output without overwriting what a person owns.

pub mod bench;
pub mod files;
pub mod lesson;
pub mod report;
pub mod scenario;
pub mod sim;
#[cfg(feature = "viz")]
pub mod viz;
pub mod words;
